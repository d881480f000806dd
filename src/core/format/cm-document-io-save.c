/* cm-document-io-save.c — recognising a document file, and saving one
 *
 * cm_path_is_document() sniffs the head our writer puts first; a save
 * refuses to replace a file that is not a Clausemark document of a version
 * we understand (cm_document_io_check_replaceable()), then writes through
 * the atomic writer (cm-atomic-write.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-document-io-private.h"
#include "cm-error.h"
#include "cm-json-guard.h"

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
expect (const char *p,
        const char *end,
        const char *literal)
{
  gsize n = strlen (literal);

  p = skip_space (p, end);
  if ((gsize) (end - p) < n || memcmp (p, literal, n) != 0)
    return NULL;
  return p + n;
}

/* Our writer puts "format" and "version" first. If @head starts like that,
 * returns TRUE with the version; otherwise FALSE (which proves nothing:
 * the members may simply be in another order). */
static gboolean
sniff_head (const char *head,
            gsize       length,
            gint64     *version)
{
  const char *end = head + length;
  const char *p = head;
  guint64 v;
  char *number_end;
  g_autofree char *digits = NULL;
  const char *q;

  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  if ((p = expect (p, end, "{")) == NULL || (p = expect (p, end, "\"format\"")) == NULL
      || (p = expect (p, end, ":")) == NULL
      || (p = expect (p, end, "\"" CM_FORMAT_NAME "\"")) == NULL
      || (p = expect (p, end, ",")) == NULL || (p = expect (p, end, "\"version\"")) == NULL
      || (p = expect (p, end, ":")) == NULL)
    return FALSE;
  p = skip_space (p, end);
  for (q = p; q < end && g_ascii_isdigit (*q); q++)
    ;
  if (q == p || q == end || (*q != ',' && *q != '}' && !g_ascii_isspace (*q)) || q - p > 18)
    return FALSE;
  digits = g_strndup (p, q - p);
  v = g_ascii_strtoull (digits, &number_end, 10);
  *version = (gint64) v;
  return TRUE;
}

static gsize
read_head (const char *path,
           char       *buffer,
           gsize       size)
{
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return 0;
  n = fread (buffer, 1, size, file);
  fclose (file);
  return n;
}

gboolean
cm_path_is_document (const char *path)
{
  char head[4096];
  gsize n;
  gint64 version;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  n = read_head (path, head, sizeof head - 1);
  head[n] = '\0';
  if (sniff_head (head, n, &version))
    return TRUE;
  /* Hand-edited or foreign writers may order members differently. */
  return expect (head, head + n, "{") != NULL && strstr (head, "\"format\"") != NULL
         && strstr (head, "\"" CM_FORMAT_NAME "\"") != NULL;
}

/* May a save replace the file at @path? Only if it is absent or a
 * Clausemark document of a version we understand. */
gboolean
cm_document_io_check_replaceable (const char  *path,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) format_error = NULL;
  g_autofree char *contents = NULL;
  char head[256];
  gsize n, length;
  gint64 version;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: not a regular file; not overwriting it",
                   path);
      return FALSE;
    }
  n = read_head (path, head, sizeof head);
  if (sniff_head (head, n, &version))
    {
      if (version <= CM_FORMAT_VERSION)
        return TRUE;
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (format version %" G_GINT64_FORMAT
                   "); refusing to overwrite it", path, version);
      return FALSE;
    }

  /* Not in our writer's shape: read it properly before deciding. */
  contents = cm_read_file_bounded (path, CM_READ_MAX_DOCUMENT, NULL, &length, &local_error);
  root = contents != NULL ? cm_json_parse_guarded (contents, length, path, &local_error) : NULL;
  if (root == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: exists and is not a Clausemark document; refusing to overwrite it",
                   path);
      return FALSE;
    }
  if (!cm_document_io_check_format (path, root, &format_error))
    {
      if (g_error_matches (format_error, CM_ERROR, CM_ERROR_INVALID))
        return TRUE;  /* ours, but broken: the backup keeps it */
      g_set_error (error, CM_ERROR, format_error->code, "%s; refusing to overwrite it",
                   format_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_document_save (CmDocument  *document,
                  const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never write what cannot be read back, never replace what is not ours. */
  if (!cm_document_check (document, error) || !cm_document_io_check_replaceable (path, error))
    return FALSE;
  return cm_write_file_atomically_with (path, TRUE, cm_document_io_write_document, document, error);
}

gboolean
cm_document_save_recovery (CmDocument  *document,
                           const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cm_document_check (document, error))
    return FALSE;
  return cm_replace_file_unsynced_with (path, cm_document_io_write_document, document, error);
}

gboolean
cm_document_save_to_batch (CmDocument     *document,
                           const char     *path,
                           CmAtomicBatch  *batch,
                           GError        **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (!cm_document_check (document, error) || !cm_document_io_check_replaceable (path, error))
    return FALSE;
  return cm_atomic_batch_add_with (batch, path, TRUE, cm_document_io_write_document, document,
                                   error);
}
