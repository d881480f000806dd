/* cm-json-reader-node.c — json-glib trees from the streaming JSON reader
 *
 * Small files (taxonomies, manifests, records) and single clauses still
 * get a json-glib tree, built from the same checked tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-json-reader"

#include "config.h"

#include "cm-json-reader-private.h"

/* The value whose first token is current; recursion is bounded by
 * CM_JSON_MAX_DEPTH. */
static JsonNode *
read_node (CmJsonReader  *self,
           GError       **error)
{
  g_autoptr(JsonNode) node = NULL;

  switch (self->token)
    {
    case CM_JSON_TOKEN_STRING:
      node = json_node_init_string (json_node_alloc (), self->string->str);
      break;
    case CM_JSON_TOKEN_INT:
      node = json_node_init_int (json_node_alloc (), self->int_value);
      break;
    case CM_JSON_TOKEN_DOUBLE:
      node = json_node_init_double (json_node_alloc (), self->double_value);
      break;
    case CM_JSON_TOKEN_BOOLEAN:
      node = json_node_init_boolean (json_node_alloc (), self->boolean_value);
      break;
    case CM_JSON_TOKEN_NULL:
      node = json_node_init_null (json_node_alloc ());
      break;
    case CM_JSON_TOKEN_BEGIN_OBJECT:
      {
        JsonObject *object = json_object_new ();

        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        while (cm_json_reader_next (self, error) == CM_JSON_TOKEN_MEMBER)
          {
            g_autofree char *name = g_strdup (self->string->str);
            JsonNode *member;

            if (cm_json_reader_next (self, error) == CM_JSON_TOKEN_ERROR
                || (member = read_node (self, error)) == NULL)
              return NULL;
            json_object_set_member (object, name, member);
          }
        if (self->token != CM_JSON_TOKEN_END_OBJECT)
          return NULL;
      }
      break;
    case CM_JSON_TOKEN_BEGIN_ARRAY:
      {
        JsonArray *array = json_array_new ();

        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        for (;;)
          {
            JsonNode *element;

            if (cm_json_reader_next (self, error) == CM_JSON_TOKEN_END_ARRAY)
              break;
            if (self->token == CM_JSON_TOKEN_ERROR || (element = read_node (self, error)) == NULL)
              return NULL;
            json_array_add_element (array, element);
          }
      }
      break;
    case CM_JSON_TOKEN_ERROR:
    default:
      return NULL;
    }
  return g_steal_pointer (&node);
}

/**
 * cm_json_reader_read_node:
 *
 * The value whose first token was just read, as a json-glib tree (for
 * small values: a clause, a taxonomy).
 *
 * Returns: (transfer full): the node, or %NULL with @error set.
 */
JsonNode *
cm_json_reader_read_node (CmJsonReader  *self,
                          GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return read_node (self, error);
}
