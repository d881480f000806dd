/* cm-document-reader.c — reading the Clausemark JSON document format, version 1
 *
 * json-glib's parser builds the tree; everything after that is checking:
 * files are edited by people and other tools, so every rule of the format
 * is verified, and every error names the file and the clause.
 * The writer is in cm-document-io.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cm-document-io-private.h"
#include "cm-error.h"

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* Where we are, for error messages: the file and, inside clauses, the
 * clause's id (or position until the id is known). */
typedef struct
{
  const char *name;
  char       *where;
} Context;

static void G_GNUC_PRINTF (3, 4)
set_invalid (Context     *ctx,
             GError     **error,
             const char  *format,
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

static JsonNode *
require_member (Context     *ctx,
                JsonObject  *object,
                const char  *member,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    set_invalid (ctx, error, "“%s” is missing", member);
  return node;
}

/* The format is closed: a member it does not define is a typo or a newer
 * writer's addition, and either way the file is not valid version 1. */
static gboolean
check_members (Context            *ctx,
               JsonObject         *object,
               const char * const *known,
               GError            **error)
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
        set_invalid (ctx, error, "unknown member “%s”", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static const char * const document_members[] = {
  "format", "version", "id", "title", "language", "source", "taxonomy", "granularity", "text",
  "clauses", "pair", NULL
};
static const char * const source_members[] = { "path", "sha256", "encoding", "loader", NULL };
static const char * const clause_members[] = {
  "id", "start", "end", "kind", "level", "marker", "heading_path", "language", "labels",
  "suggestions", "confidence", "status", "reviewer", "timestamp", "note", NULL
};
static const char * const suggestion_members[] = { "label", "score", NULL };
static const char * const pair_members[] = { "partner", "links", NULL };
static const char * const link_members[] = {
  "clauses", "partner_clauses", "score", "reviewed", NULL
};

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A string member; with @nullable, null reads as NULL and "" is allowed,
 * without, it must be a non-empty string. */
static gboolean
read_string (Context     *ctx,
             JsonObject  *object,
             const char  *member,
             gboolean     nullable,
             const char **out,
             GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!node_is_string (node))
    {
      set_invalid (ctx, error, "“%s” must be a string%s", member, nullable ? " or null" : "");
      return FALSE;
    }
  *out = json_node_get_string (node);
  /* Identifiers must say something; free text (titles, notes, markers) may
   * be empty, so that whatever the model holds can be saved and read back. */
  if (!nullable && (*out)[0] == '\0')
    {
      set_invalid (ctx, error, "“%s” is empty", member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_uint (Context     *ctx,
           JsonObject  *object,
           const char  *member,
           guint       *out,
           GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_invalid (ctx, error, "“%s” must be an integer", member);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    {
      set_invalid (ctx, error, "“%s” is %" G_GINT64_FORMAT ", out of range", member, value);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_number (Context     *ctx,
             JsonObject  *object,
             const char  *member,
             double      *out,
             GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      set_invalid (ctx, error, "“%s” must be a number", member);
      return FALSE;
    }
  *out = json_node_get_double (node);
  return TRUE;
}

/* An array of strings (non-empty unless @allow_empty). */
static char **
read_strv (Context     *ctx,
           JsonObject  *object,
           const char  *member,
           gboolean     allow_empty,
           GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);
  JsonArray *array;
  char **strv;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“%s” must be an array of strings", member);
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_string (element) || (!allow_empty && json_node_get_string (element)[0] == '\0'))
        {
          set_invalid (ctx, error, "“%s”: item %u is not a %sstring", member, i + 1,
                       allow_empty ? "" : "non-empty ");
          g_strfreev (strv);
          return NULL;
        }
      strv[i] = g_strdup (json_node_get_string (element));
    }
  return strv;
}

static gboolean
strv_has_duplicates (char **strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    for (guint j = i + 1; strv[j] != NULL; j++)
      if (g_str_equal (strv[i], strv[j]))
        return TRUE;
  return FALSE;
}

static gboolean
read_suggestions (Context     *ctx,
                  JsonObject  *object,
                  CmClause    *clause,
                  GError     **error)
{
  JsonNode *node = require_member (ctx, object, "suggestions", error);
  g_autofree CmSuggestion *suggestions = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“suggestions” must be an array");
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  suggestions = g_new0 (CmSuggestion, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *suggestion;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_invalid (ctx, error, "suggestion %u is not an object", i + 1);
          return FALSE;
        }
      suggestion = json_node_get_object (element);
      if (!check_members (ctx, suggestion, suggestion_members, error)
          || !read_string (ctx, suggestion, "label", FALSE, &suggestions[i].label, error)
          || !read_number (ctx, suggestion, "score", &suggestions[i].score, error))
        return FALSE;
    }
  cm_clause_set_suggestions (clause, suggestions, n);
  return TRUE;
}

static gboolean
read_confidence (Context     *ctx,
                 JsonObject  *object,
                 CmClause    *clause,
                 GError     **error)
{
  JsonNode *node = require_member (ctx, object, "confidence", error);
  double confidence;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;  /* the clause's default: no model has seen it */
  if (!node_is_number (node))
    {
      set_invalid (ctx, error, "“confidence” must be a number or null");
      return FALSE;
    }
  confidence = json_node_get_double (node);
  if (!(confidence >= 0.0 && confidence <= 1.0))
    {
      set_invalid (ctx, error, "“confidence” %g is outside [0, 1]", confidence);
      return FALSE;
    }
  cm_clause_set_confidence (clause, confidence);
  return TRUE;
}

/* Reads the members that describe the clause beyond its range. */
static gboolean
read_clause_details (Context     *ctx,
                     JsonObject  *object,
                     CmClause    *clause,
                     GError     **error)
{
  g_auto(GStrv) heading_path = NULL;
  g_auto(GStrv) labels = NULL;
  const char *marker, *language, *status_name, *reviewer, *timestamp, *note;
  CmReviewStatus status;
  guint level;

  if (!read_uint (ctx, object, "level", &level, error)
      || !read_string (ctx, object, "marker", TRUE, &marker, error))
    return FALSE;
  heading_path = read_strv (ctx, object, "heading_path", TRUE, error);
  if (heading_path == NULL)
    return FALSE;
  if (!read_string (ctx, object, "language", FALSE, &language, error))
    return FALSE;
  labels = read_strv (ctx, object, "labels", FALSE, error);
  if (labels == NULL)
    return FALSE;
  if (strv_has_duplicates (labels))
    {
      set_invalid (ctx, error, "“labels” names a label twice");
      return FALSE;
    }
  if (!read_suggestions (ctx, object, clause, error)
      || !read_confidence (ctx, object, clause, error)
      || !read_string (ctx, object, "status", FALSE, &status_name, error))
    return FALSE;
  if (!cm_review_status_from_string (status_name, &status))
    {
      set_invalid (ctx, error, "unknown status “%s” (unreviewed, accepted or corrected)",
                   status_name);
      return FALSE;
    }
  if (!read_string (ctx, object, "reviewer", TRUE, &reviewer, error)
      || !read_string (ctx, object, "timestamp", TRUE, &timestamp, error)
      || !read_string (ctx, object, "note", TRUE, &note, error))
    return FALSE;

  cm_clause_set_level (clause, level);
  cm_clause_set_marker (clause, marker);
  cm_clause_set_heading_path (clause, (const char * const *) heading_path);
  cm_clause_set_language (clause, language);
  cm_clause_set_labels (clause, (const char * const *) labels);
  cm_clause_set_status (clause, status);
  cm_clause_set_reviewer (clause, reviewer);
  cm_clause_set_timestamp (clause, timestamp);
  cm_clause_set_note (clause, note);
  return TRUE;
}

static CmClause *
read_clause (Context     *ctx,
             JsonNode    *node,
             guint        index,
             guint        n_chars,
             GError     **error)
{
  g_autoptr(CmClause) clause = NULL;
  const char *id, *kind_name;
  CmClauseKind kind;
  guint start, end;
  JsonObject *object;

  g_free (ctx->where);
  ctx->where = g_strdup_printf ("clause %u", index + 1);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_string (ctx, object, "id", FALSE, &id, error))
    return NULL;
  g_free (ctx->where);
  ctx->where = g_strdup_printf ("clause %s", id);

  if (!read_uint (ctx, object, "start", &start, error)
      || !read_uint (ctx, object, "end", &end, error))
    return NULL;
  if (start > end)
    {
      set_invalid (ctx, error, "start %u is after end %u", start, end);
      return NULL;
    }
  if (end > n_chars)
    {
      set_invalid (ctx, error, "end %u is beyond the text (%u characters)", end, n_chars);
      return NULL;
    }
  if (!read_string (ctx, object, "kind", FALSE, &kind_name, error))
    return NULL;
  if (!cm_clause_kind_from_string (kind_name, &kind))
    {
      set_invalid (ctx, error, "unknown kind “%s” (body, heading, list-item or boilerplate)",
                   kind_name);
      return NULL;
    }

  clause = cm_clause_new (id, start, end, kind);
  if (!read_clause_details (ctx, object, clause, error)
      || !check_members (ctx, object, clause_members, error))
    return NULL;
  return g_steal_pointer (&clause);
}

static GPtrArray *
read_clauses (Context     *ctx,
              JsonObject  *root,
              guint        n_chars,
              GError     **error)
{
  g_autoptr(GPtrArray) clauses = NULL;
  JsonNode *node = require_member (ctx, root, "clauses", error);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“clauses” must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  clauses = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = read_clause (ctx, json_array_get_element (array, i), i, n_chars, error);
      if (clause == NULL)
        return NULL;
      g_ptr_array_add (clauses, clause);
    }
  g_clear_pointer (&ctx->where, g_free);
  return g_steal_pointer (&clauses);
}

static CmLink *
read_link (Context     *ctx,
           JsonNode    *node,
           GError     **error)
{
  g_auto(GStrv) clauses = NULL;
  g_auto(GStrv) partner_clauses = NULL;
  JsonObject *object;
  JsonNode *reviewed;
  CmLink *link;
  double score;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, link_members, error))
    return NULL;
  clauses = read_strv (ctx, object, "clauses", FALSE, error);
  if (clauses == NULL)
    return NULL;
  partner_clauses = read_strv (ctx, object, "partner_clauses", FALSE, error);
  if (partner_clauses == NULL || !read_number (ctx, object, "score", &score, error))
    return NULL;
  if (strv_has_duplicates (clauses) || strv_has_duplicates (partner_clauses))
    {
      set_invalid (ctx, error, "a clause is listed twice on one side of the link");
      return NULL;
    }
  reviewed = require_member (ctx, object, "reviewed", error);
  if (reviewed == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (reviewed) || json_node_get_value_type (reviewed) != G_TYPE_BOOLEAN)
    {
      set_invalid (ctx, error, "“reviewed” must be true or false");
      return NULL;
    }
  link = cm_link_new ((const char * const *) clauses, (const char * const *) partner_clauses,
                      score);
  link->reviewed = json_node_get_boolean (reviewed);
  return link;
}

/* "pair" is absent from single documents. */
static gboolean
read_pair (Context     *ctx,
           JsonObject  *root,
           CmDocument  *document,
           GPtrArray  **links_out,
           GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  JsonNode *node = json_object_get_member (root, "pair");
  JsonObject *pair;
  JsonNode *links_node;
  const char *partner;

  *links_out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "“pair” must be an object (leave it out for a single document)");
      return FALSE;
    }
  pair = json_node_get_object (node);
  g_free (ctx->where);
  ctx->where = g_strdup ("pair");
  if (!check_members (ctx, pair, pair_members, error)
      || !read_string (ctx, pair, "partner", FALSE, &partner, error))
    return FALSE;
  links_node = require_member (ctx, pair, "links", error);
  if (links_node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (links_node))
    {
      set_invalid (ctx, error, "“links” must be an array");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (links_node)); i++)
    {
      CmLink *link;

      g_free (ctx->where);
      ctx->where = g_strdup_printf ("pair, link %u", i + 1);
      link = read_link (ctx, json_array_get_element (json_node_get_array (links_node), i), error);
      if (link == NULL)
        return FALSE;
      g_ptr_array_add (links, link);
    }
  g_clear_pointer (&ctx->where, g_free);
  cm_document_set_partner_id (document, partner);
  *links_out = g_steal_pointer (&links);
  return TRUE;
}

/* format and version come first: an unknown format or a newer version is
 * refused before anything else is judged. */
gboolean
cm_document_io_check_format (const char  *name,
                             JsonNode    *root,
                             GError     **error)
{
  JsonObject *object;
  JsonNode *format, *version;
  gint64 v;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark document (the JSON is not an object)", name);
      return FALSE;
    }
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (format == NULL || !node_is_string (format)
      || !g_str_equal (json_node_get_string (format), CM_FORMAT_NAME))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark document (“format” is not “%s”)", name,
                   CM_FORMAT_NAME);
      return FALSE;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version)
      || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “version” is missing or not an integer", name);
      return FALSE;
    }
  v = json_node_get_int (version);
  if (v > CM_FORMAT_VERSION)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (format version %" G_GINT64_FORMAT
                   "; this version reads up to %d)", name, v, CM_FORMAT_VERSION);
      return FALSE;
    }
  if (v < 1)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: format version %" G_GINT64_FORMAT
                   " does not exist", name, v);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (Context     *ctx,
             JsonObject  *root,
             CmDocument  *document,
             GError     **error)
{
  const char *title, *language, *taxonomy, *granularity_name;
  const char *path, *sha256, *encoding, *loader;
  CmGranularity granularity;
  JsonNode *source;
  JsonObject *source_object;

  if (!read_string (ctx, root, "title", TRUE, &title, error)
      || !read_string (ctx, root, "language", FALSE, &language, error)
      || !read_string (ctx, root, "taxonomy", FALSE, &taxonomy, error)
      || !read_string (ctx, root, "granularity", FALSE, &granularity_name, error))
    return FALSE;
  if (!cm_granularity_from_string (granularity_name, &granularity))
    {
      set_invalid (ctx, error, "unknown granularity “%s” (sentence or paragraph)",
                   granularity_name);
      return FALSE;
    }
  source = require_member (ctx, root, "source", error);
  if (source == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (source))
    {
      set_invalid (ctx, error, "“source” must be an object");
      return FALSE;
    }
  source_object = json_node_get_object (source);
  g_free (ctx->where);
  ctx->where = g_strdup ("source");
  if (!check_members (ctx, source_object, source_members, error)
      || !read_string (ctx, source_object, "path", TRUE, &path, error)
      || !read_string (ctx, source_object, "sha256", TRUE, &sha256, error)
      || !read_string (ctx, source_object, "encoding", TRUE, &encoding, error)
      || !read_string (ctx, source_object, "loader", TRUE, &loader, error))
    return FALSE;
  if (sha256 != NULL && !cm_document_io_is_sha256 (sha256))
    {
      set_invalid (ctx, error, "“sha256” must be 64 lower-case hexadecimal digits");
      return FALSE;
    }
  g_clear_pointer (&ctx->where, g_free);

  cm_document_set_title (document, title);
  cm_document_set_language (document, language);
  cm_document_set_taxonomy_id (document, taxonomy);
  cm_document_set_granularity (document, granularity);
  cm_document_set_source (document, path, sha256, encoding, loader);
  return TRUE;
}

static CmDocument *
document_from_root (Context     *ctx,
                    JsonNode    *root_node,
                    GError     **error)
{
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GPtrArray) clauses = NULL;
  g_autoptr(GPtrArray) links = NULL;
  JsonObject *root = json_node_get_object (root_node);
  JsonNode *text_node;
  const char *id, *text;
  guint n_chars;

  if (!check_members (ctx, root, document_members, error)
      || !read_string (ctx, root, "id", FALSE, &id, error))
    return NULL;
  text_node = require_member (ctx, root, "text", error);
  if (text_node == NULL)
    return NULL;
  if (!node_is_string (text_node))
    {
      set_invalid (ctx, error, "“text” must be a string");
      return NULL;
    }
  text = json_node_get_string (text_node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      set_invalid (ctx, error, "“text” is not valid UTF-8");
      return NULL;
    }

  document = cm_document_new (id, text);
  if (!read_header (ctx, root, document, error))
    return NULL;
  n_chars = cm_document_get_n_chars (document);
  clauses = read_clauses (ctx, root, n_chars, error);
  if (clauses == NULL || !read_pair (ctx, root, document, &links, error))
    return NULL;
  if (!cm_document_io_check_structure (ctx->name, (CmClause **) clauses->pdata, clauses->len,
                                       n_chars, links, error))
    return NULL;

  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  if (links != NULL)
    cm_document_set_links (document, links);
  return g_steal_pointer (&document);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHY"; we say
 * "NAME: malformed JSON at line LINE, column COLUMN: WHY". */
static void
set_parse_error (const char  *name,
                 const char  *message,
                 GError     **error)
{
  const char *why = message;
  guint line = 0, column = 0;

  if (g_str_has_prefix (message, "<data>:")
      && sscanf (message + strlen ("<data>:"), "%u:%u:", &line, &column) == 2)
    {
      why = strstr (message, "Parse error: ");
      why = why != NULL ? why + strlen ("Parse error: ") : message;
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s: malformed JSON at line %u, column %u: %s", name, line, column, why);
    }
  else
    g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: malformed JSON: %s", name, message);
}

/**
 * cm_document_from_json:
 * @length: bytes of @data, or -1 if it is nul-terminated
 * @name: (nullable): names the data in errors (a path, "<stdin>", "line 12")
 *
 * Returns: (transfer full): the document, or %NULL with @error set:
 * CM_ERROR_PARSE (malformed JSON, with its line), _UNKNOWN_FORMAT, _NEWER_VERSION,
 * _INVALID (naming the clause).
 */
CmDocument *
cm_document_from_json (const char  *data,
                       gssize       length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  Context ctx = { name ? name : "<data>", NULL };
  CmDocument *document;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_parse_error (ctx.name, parse_error->message, error);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: no JSON at all (empty input)", ctx.name);
      return NULL;
    }
  if (!cm_document_io_check_format (ctx.name, json_parser_get_root (parser), error))
    return NULL;
  document = document_from_root (&ctx, json_parser_get_root (parser), error);
  g_free (ctx.where);
  return document;
}

CmDocument *
cm_document_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  const char *contents;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  /* A GFileError (its message names the file) tells "unreadable" apart
   * from "readable but wrong" (CM_ERROR). */
  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  length = g_mapped_file_get_length (file);
  /* An empty file maps to NULL contents. */
  contents = length > 0 ? g_mapped_file_get_contents (file) : "";
  if (length == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", path);
      return NULL;
    }
  return cm_document_from_json (contents, (gssize) length, path, error);
}

