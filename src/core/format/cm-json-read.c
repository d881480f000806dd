/* cm-json-read.c — checked reading of parsed JSON (see the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include "cm-error.h"
#include "cm-json-read-private.h"

void
cm_read_set_invalid (CmReadContext  *ctx,
                     GError        **error,
                     const char     *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (ctx->where != NULL)
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s: %s", ctx->name, ctx->where, message);
  else
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", ctx->name, message);
}

JsonNode *
cm_read_require_member (CmReadContext  *ctx,
                        JsonObject     *object,
                        const char     *member,
                        GError        **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    cm_read_set_invalid (ctx, error, "“%s” is missing", member);
  return node;
}

/* The format is closed: a member it does not define is a typo or a newer
 * writer's addition, and either way the file is not valid version 1. */
gboolean
cm_read_check_members (CmReadContext       *ctx,
                       JsonObject          *object,
                       const char * const  *known,
                       GError             **error)
{
  g_autoptr(GList) members = NULL;
  guint n_known = 0;

  /* Counting the known members present decides without allocating. */
  for (guint i = 0; known[i] != NULL; i++)
    if (json_object_has_member (object, known[i]))
      n_known++;
  if (json_object_get_size (object) == n_known)
    return TRUE;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        cm_read_set_invalid (ctx, error, "unknown member “%s”", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

gboolean
cm_read_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
cm_read_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A string member; with @nullable, null reads as NULL and "" is allowed,
 * without, it must be a non-empty string. */
gboolean
cm_read_string (CmReadContext  *ctx,
                JsonObject     *object,
                const char     *member,
                gboolean        nullable,
                const char    **out,
                GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!cm_read_is_string (node))
    {
      cm_read_set_invalid (ctx, error, "“%s” must be a string%s", member, nullable ? " or null" : "");
      return FALSE;
    }
  *out = json_node_get_string (node);
  /* Identifiers must say something; free text (titles, notes, markers) may
   * be empty, so that whatever the model holds can be saved and read back. */
  if (!nullable && (*out)[0] == '\0')
    {
      cm_read_set_invalid (ctx, error, "“%s” is empty", member);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_read_uint (CmReadContext  *ctx,
              JsonObject     *object,
              const char     *member,
              guint          *out,
              GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, member, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      cm_read_set_invalid (ctx, error, "“%s” must be an integer", member);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    {
      cm_read_set_invalid (ctx, error, "“%s” is %" G_GINT64_FORMAT ", out of range", member, value);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

gboolean
cm_read_number (CmReadContext  *ctx,
                JsonObject     *object,
                const char     *member,
                double         *out,
                GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (!cm_read_is_number (node))
    {
      cm_read_set_invalid (ctx, error, "“%s” must be a number", member);
      return FALSE;
    }
  *out = json_node_get_double (node);
  return TRUE;
}

/* An array of strings (non-empty unless @allow_empty). */
char **
cm_read_strv (CmReadContext  *ctx,
              JsonObject     *object,
              const char     *member,
              gboolean        allow_empty,
              GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, member, error);
  JsonArray *array;
  char **strv;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cm_read_set_invalid (ctx, error, "“%s” must be an array of strings", member);
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!cm_read_is_string (element) || (!allow_empty && json_node_get_string (element)[0] == '\0'))
        {
          cm_read_set_invalid (ctx, error, "“%s”: item %u is not a %sstring", member, i + 1,
                       allow_empty ? "" : "non-empty ");
          g_strfreev (strv);
          return NULL;
        }
      strv[i] = g_strdup (json_node_get_string (element));
    }
  return strv;
}

gboolean
cm_read_strv_has_duplicates (char **strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    for (guint j = i + 1; strv[j] != NULL; j++)
      if (g_str_equal (strv[i], strv[j]))
        return TRUE;
  return FALSE;
}