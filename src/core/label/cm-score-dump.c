/* cm-score-dump.c — a cross-validation's raw material, for stand-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-score-dump"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-error.h"
#include "cm-score-dump.h"

struct _CmScoreDump
{
  char       *dir;
  JsonObject *arrays;   /* name → { type, rows, cols } */
  JsonObject *values;   /* key → number */
};

static gsize
type_size (const char *type)
{
  if (g_str_equal (type, "u32") || g_str_equal (type, "f32"))
    return 4;
  if (g_str_equal (type, "u64") || g_str_equal (type, "f64"))
    return 8;
  return 0;
}

CmScoreDump *
cm_score_dump_new (const char  *dir,
                   GError     **error)
{
  CmScoreDump *dump;

  g_return_val_if_fail (dir != NULL, NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "cannot create %s: %s", dir,
                   g_strerror (saved));
      return NULL;
    }
  dump = g_new0 (CmScoreDump, 1);
  dump->dir = g_strdup (dir);
  dump->arrays = json_object_new ();
  dump->values = json_object_new ();
  return dump;
}

void
cm_score_dump_free (CmScoreDump *dump)
{
  if (dump == NULL)
    return;
  g_free (dump->dir);
  json_object_unref (dump->arrays);
  json_object_unref (dump->values);
  g_free (dump);
}

gboolean
cm_score_dump_write (CmScoreDump  *dump,
                     const char   *name,
                     const char   *type,
                     gconstpointer data,
                     gsize         rows,
                     gsize         cols,
                     GError      **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  JsonObject *entry;
  gsize size;

  g_return_val_if_fail (dump != NULL && name != NULL && type != NULL, FALSE);
  g_return_val_if_fail (type_size (type) > 0, FALSE);
  g_return_val_if_fail (data != NULL || rows * cols == 0, FALSE);

  size = type_size (type) * rows * cols;
  file = g_strconcat (name, ".bin", NULL);
  path = g_build_filename (dump->dir, file, NULL);
  if (!g_file_set_contents (path, size > 0 ? data : "", size, error))
    return FALSE;
  entry = json_object_new ();
  json_object_set_string_member (entry, "type", type);
  json_object_set_int_member (entry, "rows", rows);
  json_object_set_int_member (entry, "cols", cols);
  json_object_set_object_member (dump->arrays, name, entry);
  return TRUE;
}

void
cm_score_dump_set (CmScoreDump *dump,
                   const char  *key,
                   gint64       value)
{
  g_return_if_fail (dump != NULL && key != NULL);
  json_object_set_int_member (dump->values, key, value);
}

gboolean
cm_score_dump_finish (CmScoreDump  *dump,
                      GError      **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (dump != NULL, FALSE);

  json_object_set_string_member (object, "format",
                                 "little-endian arrays NAME.bin, rows x cols, row-major");
  json_object_set_object_member (object, "values", json_object_ref (dump->values));
  json_object_set_object_member (object, "arrays", json_object_ref (dump->arrays));
  json_node_set_object (root, object);
  text = json_to_string (root, TRUE);
  path = g_build_filename (dump->dir, "manifest.json", NULL);
  return g_file_set_contents (path, text, -1, error);
}
