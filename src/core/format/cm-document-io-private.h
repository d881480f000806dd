/* cm-document-io-private.h — shared by the document writer and reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cm-document-io.h"

G_BEGIN_DECLS

/* Checks "format" and "version" of a parsed file: CM_ERROR_UNKNOWN_FORMAT,
 * CM_ERROR_NEWER_VERSION, or CM_ERROR_INVALID for a bad version member. */
gboolean cm_document_io_check_format (const char  *name,
                                      JsonNode    *root,
                                      GError     **error);

/* The rules across clauses, checked one clause at a time as a reader
 * meets them; @name names the document or file in errors. With @copy_ids
 * the check keeps its own copies of the ids (the clauses may be gone
 * before the links are checked). */
typedef struct
{
  const char *name;
  guint       n_chars;
  guint       previous_end;
  GHashTable *ids;       /* the ids met, but those of the segmenter's form: */
  GArray     *numbered;  /* of guint64, bits: "c<n>" met (a million cost 125 kB) */
  gboolean    copy_ids;
} CmStructureCheck;

void     cm_structure_check_init   (CmStructureCheck  *check,
                                    const char        *name,
                                    guint              n_chars,
                                    gboolean           copy_ids);
gboolean cm_structure_check_clause (CmStructureCheck  *check,
                                    CmClause          *clause,
                                    GError           **error);
gboolean cm_structure_check_links  (CmStructureCheck  *check,
                                    GPtrArray         *links,
                                    GError           **error);
void     cm_structure_check_clear  (CmStructureCheck  *check);

/* All of them at once (see cm_document_check()). */
gboolean cm_document_io_check_structure (const char  *name,
                                         CmClause   **clauses,
                                         guint        n_clauses,
                                         guint        n_chars,
                                         GPtrArray   *links,
                                         GError     **error);

/* Writes a file's contents to @fd (a fresh temporary file); FALSE with
 * @error set when a write fails. */
typedef gboolean (*CmFileWriter) (int        fd,
                                  gpointer   user_data,
                                  GError   **error);

/* write() all of @data to @fd, retrying on EINTR; G_FILE_ERROR on failure. */
gboolean cm_document_io_write_all (int          fd,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

/* As cm_write_file_atomically() and cm_atomic_batch_add(), with the
 * contents produced by @writer straight into the temporary file, so that
 * they never have to be held in memory whole. */
gboolean cm_write_file_atomically_with (const char    *path,
                                        gboolean       backup,
                                        CmFileWriter   writer,
                                        gpointer       user_data,
                                        GError       **error);
/* As cm_write_file_atomically_with() without the flush to disk, the
 * folder sync or a backup: readers still see the old file or the new one,
 * but a system crash may lose the newest contents. */
gboolean cm_replace_file_unsynced_with (const char    *path,
                                        CmFileWriter   writer,
                                        gpointer       user_data,
                                        GError       **error);
gboolean cm_atomic_batch_add_with      (CmAtomicBatch  *batch,
                                        const char     *path,
                                        gboolean        backup,
                                        CmFileWriter    writer,
                                        gpointer        user_data,
                                        GError        **error);

/* 64 lower-case hexadecimal digits, as g_compute_checksum_for_data() gives. */
static inline gboolean
cm_document_io_is_sha256 (const char *str)
{
  guint n = 0;

  for (; str[n] != '\0'; n++)
    if (!g_ascii_isdigit (str[n]) && !(str[n] >= 'a' && str[n] <= 'f'))
      return FALSE;
  return n == 64;
}

G_END_DECLS
