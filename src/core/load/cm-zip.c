/* cm-zip.c — the members of a zip file, read with libarchive under limits
 *
 * Word and OpenDocument files are zips. libarchive reads them by their
 * central directory (the seekable zip reader) and is fuzzed continuously
 * upstream; libgsf, used before, raised criticals of its own on malformed
 * zips. Nothing of a member's header is trusted for its size: what a member
 * inflates to is counted while it inflates, and reading stops at the first
 * byte past a limit (zip bombs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-zip"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>

#include "cm-error.h"
#include "cm-zip.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  const char *path;
  guint64     zip_size;
  guint64     total;     /* inflated so far, all members */
} ZipReading;

static gboolean
within_limits (ZipReading  *reading,
               const char  *member,
               guint64      member_size,
               GError     **error)
{
  guint64 ratio_limit = MAX (CM_ZIP_RATIO_FLOOR, reading->zip_size * CM_ZIP_MAX_RATIO);

  if (member_size > CM_ZIP_MAX_MEMBER_SIZE)
    g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                 "%s: %s expands to more than %" G_GUINT64_FORMAT " MB (a zip bomb?); not read",
                 reading->path, member, CM_ZIP_MAX_MEMBER_SIZE / (1024 * 1024));
  else if (reading->total > CM_ZIP_MAX_TOTAL_SIZE)
    g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                 "%s: its members expand to more than %" G_GUINT64_FORMAT " MB (a zip bomb?); not read",
                 reading->path, CM_ZIP_MAX_TOTAL_SIZE / (1024 * 1024));
  else if (reading->total > ratio_limit)
    g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                 "%s: %s expands to more than %d times the file's size (a zip bomb?); not read",
                 reading->path, member, CM_ZIP_MAX_RATIO);
  else
    return TRUE;
  return FALSE;
}

static GBytes *
read_member (struct archive  *archive,
             ZipReading      *reading,
             const char      *member,
             GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (CHUNK_SIZE);

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, chunk, CHUNK_SIZE);

      if (n == 0)
        break;
      if (n < 0)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: %s cannot be read from the zip (%s)",
                       reading->path, member,
                       archive_error_string (archive) ? archive_error_string (archive) : "corrupt");
          return NULL;
        }
      reading->total += (guint64) n;
      if (!within_limits (reading, member, (guint64) bytes->len + (guint64) n, error))
        return NULL;
      g_byte_array_append (bytes, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GHashTable *
cm_zip_read_members (const char         *data,
                     gsize               size,
                     const char         *path,
                     const char * const *names,
                     GError            **error)
{
  g_autoptr(GHashTable) members = NULL;
  ZipReading reading = { path, size, 0 };
  struct archive *archive;
  struct archive_entry *entry;
  gboolean ok = TRUE;
  int status;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);

  members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  archive = archive_read_new ();
  /* Zip only, read through its central directory. */
  archive_read_support_format_zip_seekable (archive);
  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: not a zip file (%s)", path,
                   archive_error_string (archive) ? archive_error_string (archive) : "unreadable");
      archive_read_free (archive);
      return NULL;
    }
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK
         || status == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      GBytes *bytes;

      if (name == NULL)
        name = archive_entry_pathname (entry);
      /* The first of duplicate names counts, as in every office suite. */
      if (name == NULL || !g_strv_contains (names, name) || g_hash_table_contains (members, name))
        continue;
      bytes = read_member (archive, &reading, name, error);
      if (bytes == NULL)
        {
          ok = FALSE;
          break;
        }
      g_hash_table_insert (members, g_strdup (name), bytes);
    }
  if (ok && status != ARCHIVE_EOF)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: a broken zip file (%s)", path,
                   archive_error_string (archive) ? archive_error_string (archive) : "unreadable");
      ok = FALSE;
    }
  archive_read_free (archive);
  return ok ? g_steal_pointer (&members) : NULL;
}
