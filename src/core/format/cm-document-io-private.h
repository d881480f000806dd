/* cm-document-io-private.h — shared by the document writer and reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <string.h>

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

/* cm-document-io-check.c: the document's identifiers (its clauses' too)
 * and the members before the clauses, as cm_document_check() checks them;
 * clause @i's ids, language and labels alone, for a streamed write. */
gboolean cm_document_io_check_head               (CmDocument  *document,
                                                  GError     **error);
gboolean cm_document_io_check_clause_identifiers (const char  *id,
                                                  guint        i,
                                                  CmClause    *clause,
                                                  GError     **error);

/* cm-document-io-save.c: may a save replace the file at @path? Only if it
 * is absent or a Clausemark document of a version we understand. */
gboolean cm_document_io_check_replaceable (const char  *path,
                                           GError     **error);

/* cm-document-io.c: a CmFileWriter that writes the CmDocument @user_data. */
gboolean cm_document_io_write_document (int        fd,
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

/* The writer's output (cm-document-io-sink.c). */
/* The output: a buffer that either holds everything (for
 * cm_document_to_json()) or, when it has a file, is written out each time
 * it fills, so that saving a 300 MB document needs 1 MB of buffer rather
 * than 300 MB. */
typedef struct
{
  GString *buffer;
  int      fd;      /* where a full buffer goes; -1 keeps it all in memory */
  GError  *error;   /* the first failed write; later output is dropped */
} CmSink;

void     cm_sink_init_memory (CmSink      *out,
                              gsize        size);
void     cm_sink_init_file   (CmSink      *out,
                              int          fd);
void     cm_sink_write       (CmSink      *out,
                              const char  *data,
                              gsize        n);
void     cm_sink_flush       (CmSink      *out);
gboolean cm_sink_finish_file (CmSink      *out,
                              GError     **error);
void     cm_sink_make_room   (CmSink      *out,
                              gsize        n);

/* Appending to the output. GLib 2.74's g_string_append_len() goes through
 * the general g_string_insert_len(); these inline versions do only what
 * appending needs. The output stays nul-terminated only at the end. */
static inline void
cm_sink_reserve (CmSink  *out,
                 gsize  n)
{
  if (G_UNLIKELY (out->buffer->len + n + 1 > out->buffer->allocated_len))
    cm_sink_make_room (out, n);
}

static inline void
cm_sink_put_len (CmSink     *out,
                 const char *data,
                 gsize       n)
{
  GString *buffer = out->buffer;

  if (G_UNLIKELY (buffer->len + n + 1 > buffer->allocated_len))
    {
      /* A run longer than a file sink's buffer (the text of a policy with
       * no character to escape) goes to the file without a copy. */
      if (out->fd >= 0 && n + 1 > buffer->allocated_len)
        {
          cm_sink_flush (out);
          cm_sink_write (out, data, n);
          return;
        }
      cm_sink_make_room (out, n);
    }
  memcpy (buffer->str + buffer->len, data, n);
  buffer->len += n;
}

static inline void
cm_sink_put_c (CmSink *out,
               char  c)
{
  cm_sink_reserve (out, 1);
  out->buffer->str[out->buffer->len++] = c;
}

static inline void
cm_sink_put_str (CmSink     *out,
                 const char *str)
{
  cm_sink_put_len (out, str, strlen (str));
}

void cm_sink_append_string_valid (CmSink             *out,
                                  const char         *str,
                                  gsize               length);
void cm_sink_append_string       (CmSink             *out,
                                  const char         *str);
void cm_sink_append_uint         (CmSink             *out,
                                  guint64             value);
void cm_sink_append_number       (CmSink             *out,
                                  double              value);
void cm_sink_append_strv         (CmSink             *out,
                                  const char * const *strv);

/* Appends ,"key": — keys are ours, ASCII, no escaping needed. */
#define CM_SINK_KEY(out, literal) cm_sink_put_len ((out), "\"" literal "\":", sizeof (literal) + 2)

G_END_DECLS
