/* cm-annotate-record.c — one JSONL record in, one annotated document out
 *
 * The map step of `annotate --jsonl`: a record is {"id": …, "text": …}.
 * A bad record (malformed, too deep, not such an object) is an error for
 * that record alone; the caller reports it and goes on with the next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-annotate"

#include "config.h"

#include <json-glib/json-glib.h>

#include "cm-annotate.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-json-guard.h"

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * cm_annotate_record:
 * @line: one JSONL line (need not be nul-terminated)
 * @where: names the record in errors ("stdin line 12")
 *
 * Returns: (transfer full): the annotated document, or %NULL with @error
 * naming @where (CM_ERROR_PARSE, CM_ERROR_INVALID, or the loader's error).
 */
CmDocument *
cm_annotate_record (const char               *line,
                    gsize                     length,
                    const char               *where,
                    const CmAnnotateOptions  *options,
                    GError                  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *id_copy = NULL;
  JsonNode *root;
  const char *id, *text;

  g_return_val_if_fail (line != NULL && where != NULL && options != NULL, NULL);

  parser = cm_json_parse_guarded (line, length, where, error);
  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);
  id = JSON_NODE_HOLDS_OBJECT (root) ? string_member (json_node_get_object (root), "id") : NULL;
  text = JSON_NODE_HOLDS_OBJECT (root) ? string_member (json_node_get_object (root), "text")
                                       : NULL;
  if (id == NULL || text == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: expected an object with string members \"id\" and \"text\"", where);
      return NULL;
    }
  /* The id becomes a file name downstream (found by fuzzing). */
  if (!cm_id_is_safe (id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “id” is not a valid document id (empty, leading “.”, “/”, “\\”, “..”, "
                   "spaces, control characters or over 200 bytes)", where);
      return NULL;
    }
  loaded = cm_loader_load_data (text, strlen (text), id, "text", error);
  if (loaded == NULL)
    {
      g_prefix_error (error, "%s: ", where);
      return NULL;
    }
  /* The record's tree is no longer needed: free it before the clauses grow. */
  id_copy = g_strdup (id);
  g_clear_object (&parser);
  return cm_annotate_loaded (loaded, id_copy, options);
}
