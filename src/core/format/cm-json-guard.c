/* cm-json-guard.c — reading small JSON files whole, checked
 *
 * Taxonomies, manifests and training records are small: they are read as
 * a json-glib tree, built by the streaming reader (cm-json-reader.c), which
 * checks what json-glib's own parser did not (nesting depth, duplicate
 * members, trailing data, \u0000 and lone surrogates, numbers that do not
 * fit). Documents are read token by token (cm-document-reader.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-json-guard"

#include "config.h"

#include "cm-error.h"
#include "cm-json-guard.h"

/**
 * cm_json_guard_check:
 * @data: the JSON text (need not be nul-terminated)
 * @name: names the data in errors (a path, "stdin line 12")
 *
 * Returns: %TRUE if @data is one well-formed JSON value that keeps the
 * rules above; else %FALSE with CM_ERROR_PARSE naming the line and column
 * of the first problem. An empty input is an error too.
 */
gboolean
cm_json_guard_check (const char  *data,
                     gsize        length,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(CmJsonReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  reader = cm_json_reader_new_for_data (data, length, name);
  return cm_json_reader_read_to_end (reader, error);
}

/**
 * cm_json_parse_guarded:
 *
 * Reads @data, checked as cm_json_guard_check() does, into a tree.
 *
 * Returns: (transfer full): the root (never %NULL on success), or %NULL
 * with CM_ERROR_PARSE set.
 */
JsonNode *
cm_json_parse_guarded (const char  *data,
                       gsize        length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(CmJsonReader) reader = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = cm_json_reader_new_for_data (data, length, name);
  if (cm_json_reader_next (reader, error) == CM_JSON_TOKEN_ERROR)
    return NULL;
  root = cm_json_reader_read_node (reader, error);
  if (root == NULL || !cm_json_reader_read_to_end (reader, error))
    return NULL;
  return g_steal_pointer (&root);
}
