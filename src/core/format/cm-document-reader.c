/* cm-document-reader.c — reading the Clausemark JSON document format, versions 1 and 2
 *
 * json-glib's parser builds the tree; everything after that is checking:
 * files are edited by people and other tools, so every rule of the format
 * is verified, and every error names the file and the clause.
 * Clauses are read in cm-clause-reader.c, the checked-reading helpers are
 * in cm-json-read.c, the writer is in cm-document-io.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-document-io-private.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-json-guard.h"
#include "cm-json-read-private.h"
#include "cm-checklist-verdict.h"
#include "cm-verdict-overrides.h"

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

static const char * const document_members[] = {
  "format", "version", "id", "title", "language", "source", "taxonomy", "granularity", "text",
  "clauses", "checklist_overrides", "pair", NULL
};
static const char * const source_members[] = { "path", "sha256", "encoding", "loader", NULL };
static const char * const pair_members[] = { "partner", "links", NULL };
static const char * const link_members[] = {
  "clauses", "partner_clauses", "score", "reviewed", NULL
};
static const char * const override_members[] = {
  "checklist", "item", "verdict", "note", "reviewer", "timestamp", NULL
};

static CmLink *
read_link (CmReadContext  *ctx,
           JsonNode       *node,
           GError        **error)
{
  g_auto(GStrv) clauses = NULL;
  g_auto(GStrv) partner_clauses = NULL;
  JsonObject *object;
  JsonNode *reviewed;
  CmLink *link;
  double score;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cm_read_set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!cm_read_check_members (ctx, object, link_members, error))
    return NULL;
  clauses = cm_read_strv (ctx, object, "clauses", FALSE, error);
  if (clauses == NULL)
    return NULL;
  partner_clauses = cm_read_strv (ctx, object, "partner_clauses", FALSE, error);
  if (partner_clauses == NULL || !cm_read_number (ctx, object, "score", &score, error))
    return NULL;
  if (cm_read_strv_has_duplicates (clauses) || cm_read_strv_has_duplicates (partner_clauses))
    {
      cm_read_set_invalid (ctx, error, "a clause is listed twice on one side of the link");
      return NULL;
    }
  reviewed = cm_read_require_member (ctx, object, "reviewed", error);
  if (reviewed == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (reviewed) || json_node_get_value_type (reviewed) != G_TYPE_BOOLEAN)
    {
      cm_read_set_invalid (ctx, error, "“reviewed” must be true or false");
      return NULL;
    }
  link = cm_link_new ((const char * const *) clauses, (const char * const *) partner_clauses,
                      score);
  link->reviewed = json_node_get_boolean (reviewed);
  return link;
}

/* "pair" is absent from single documents. */
static gboolean
read_pair (CmReadContext  *ctx,
           JsonObject     *root,
           CmDocument     *document,
           GPtrArray     **links_out,
           GError        **error)
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
      cm_read_set_invalid (ctx, error, "“pair” must be an object (leave it out for a single document)");
      return FALSE;
    }
  pair = json_node_get_object (node);
  g_free (ctx->where);
  ctx->where = g_strdup ("pair");
  if (!cm_read_check_members (ctx, pair, pair_members, error)
      || !cm_read_string (ctx, pair, "partner", FALSE, &partner, error))
    return FALSE;
  links_node = cm_read_require_member (ctx, pair, "links", error);
  if (links_node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (links_node))
    {
      cm_read_set_invalid (ctx, error, "“links” must be an array");
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

/* One reviewer's verdict on a checklist item. */
static gboolean
read_verdict_override (CmReadContext  *ctx,
                       JsonNode       *node,
                       CmDocument     *document,
                       GError        **error)
{
  const char *checklist, *item, *verdict, *note, *reviewer, *timestamp;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cm_read_set_invalid (ctx, error, "must be an object");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!cm_read_check_members (ctx, object, override_members, error)
      || !cm_read_string (ctx, object, "checklist", FALSE, &checklist, error)
      || !cm_read_string (ctx, object, "item", FALSE, &item, error)
      || !cm_read_string (ctx, object, "verdict", FALSE, &verdict, error)
      || !cm_read_string (ctx, object, "note", TRUE, &note, error)
      || !cm_read_string (ctx, object, "reviewer", TRUE, &reviewer, error)
      || !cm_read_string (ctx, object, "timestamp", FALSE, &timestamp, error))
    return FALSE;
  if (!cm_id_is_safe (checklist) || !cm_id_is_safe (item))
    {
      cm_read_set_invalid (ctx, error, "“checklist” and “item” must be checklist and item ids");
      return FALSE;
    }
  if (!cm_verdict_from_string (verdict, NULL))
    {
      cm_read_set_invalid (ctx, error, "unknown verdict “%s” (present, unclear, absent or "
                           "not-applicable)", verdict);
      return FALSE;
    }
  if (!cm_timestamp_is_valid (timestamp))
    {
      cm_read_set_invalid (ctx, error, "the timestamp is not an ISO 8601 date and time with a zone");
      return FALSE;
    }
  if (cm_document_find_verdict_override (document, checklist, item) != NULL)
    {
      cm_read_set_invalid (ctx, error, "item “%s” of checklist “%s” is overridden twice", item,
                           checklist);
      return FALSE;
    }
  cm_document_set_verdict_override (document, checklist, item, verdict, note, reviewer, timestamp);
  return TRUE;
}

/* "checklist_overrides" (version 2) is absent when no reviewer overrode a
 * checklist verdict. */
static gboolean
read_verdict_overrides (CmReadContext  *ctx,
                        JsonObject     *root,
                        CmDocument     *document,
                        GError        **error)
{
  JsonNode *node = json_object_get_member (root, "checklist_overrides");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (json_object_get_int_member (root, "version") < 2)
    {
      cm_read_set_invalid (ctx, error, "“checklist_overrides” needs format version 2");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cm_read_set_invalid (ctx, error, "“checklist_overrides” must be an array");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_free (ctx->where);
      ctx->where = g_strdup_printf ("checklist override %u", i + 1);
      if (!read_verdict_override (ctx, json_array_get_element (array, i), document, error))
        return FALSE;
    }
  g_clear_pointer (&ctx->where, g_free);
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
  if (format == NULL || !cm_read_is_string (format)
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
read_header (CmReadContext  *ctx,
             JsonObject     *root,
             CmDocument     *document,
             GError        **error)
{
  const char *title, *language, *taxonomy, *granularity_name;
  const char *path, *sha256, *encoding, *loader;
  CmGranularity granularity;
  JsonNode *source;
  JsonObject *source_object;

  if (!cm_read_string (ctx, root, "title", TRUE, &title, error)
      || !cm_read_string (ctx, root, "language", FALSE, &language, error)
      || !cm_read_string (ctx, root, "taxonomy", FALSE, &taxonomy, error)
      || !cm_read_string (ctx, root, "granularity", FALSE, &granularity_name, error))
    return FALSE;
  if (!cm_granularity_from_string (granularity_name, &granularity))
    {
      cm_read_set_invalid (ctx, error, "unknown granularity “%s” (sentence or paragraph)",
                   granularity_name);
      return FALSE;
    }
  source = cm_read_require_member (ctx, root, "source", error);
  if (source == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (source))
    {
      cm_read_set_invalid (ctx, error, "“source” must be an object");
      return FALSE;
    }
  source_object = json_node_get_object (source);
  g_free (ctx->where);
  ctx->where = g_strdup ("source");
  if (!cm_read_check_members (ctx, source_object, source_members, error)
      || !cm_read_string (ctx, source_object, "path", TRUE, &path, error)
      || !cm_read_string (ctx, source_object, "sha256", TRUE, &sha256, error)
      || !cm_read_string (ctx, source_object, "encoding", TRUE, &encoding, error)
      || !cm_read_string (ctx, source_object, "loader", TRUE, &loader, error))
    return FALSE;
  if (sha256 != NULL && !cm_document_io_is_sha256 (sha256))
    {
      cm_read_set_invalid (ctx, error, "“sha256” must be 64 lower-case hexadecimal digits");
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
document_from_root (CmReadContext  *ctx,
                    JsonNode       *root_node,
                    GError        **error)
{
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GPtrArray) clauses = NULL;
  g_autoptr(GPtrArray) links = NULL;
  JsonObject *root = json_node_get_object (root_node);
  JsonNode *text_node;
  const char *id, *text;
  guint n_chars;

  if (!cm_read_check_members (ctx, root, document_members, error)
      || !cm_read_string (ctx, root, "id", FALSE, &id, error))
    return NULL;
  text_node = cm_read_require_member (ctx, root, "text", error);
  if (text_node == NULL)
    return NULL;
  if (!cm_read_is_string (text_node))
    {
      cm_read_set_invalid (ctx, error, "“text” must be a string");
      return NULL;
    }
  text = json_node_get_string (text_node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      cm_read_set_invalid (ctx, error, "“text” is not valid UTF-8");
      return NULL;
    }

  document = cm_document_new (id, text);
  if (!read_header (ctx, root, document, error))
    return NULL;
  n_chars = cm_document_get_n_chars (document);
  /* cm_document_io_check_format() has vouched for the version. */
  clauses = cm_read_clauses (ctx, root, n_chars,
                             json_object_get_int_member (root, "version"), error);
  if (clauses == NULL || !read_pair (ctx, root, document, &links, error)
      || !read_verdict_overrides (ctx, root, document, error)
      || !cm_document_rules_check_header (ctx->name, document, error))
    return NULL;
  if (!cm_document_io_check_structure (ctx->name, (CmClause **) clauses->pdata, clauses->len,
                                       n_chars, links, error))
    return NULL;

  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  if (links != NULL)
    cm_document_set_links (document, links);
  return g_steal_pointer (&document);
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
  g_autoptr(JsonParser) parser = NULL;
  CmReadContext ctx = { name ? name : "<data>", NULL };
  CmDocument *document;

  g_return_val_if_fail (data != NULL, NULL);

  /* Depth, duplicate members, trailing data, NUL and surrogates first. */
  parser = cm_json_parse_guarded (data, length < 0 ? strlen (data) : (gsize) length, ctx.name,
                                  error);
  if (parser == NULL)
    return NULL;
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
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  /* A GFileError (its message names the file) tells "unreadable" apart
   * from "readable but wrong" (CM_ERROR). Read once and bounded: the
   * path may name a FIFO or a device. */
  contents = cm_read_file_bounded (path, CM_READ_MAX_DOCUMENT, NULL, &length, error);
  if (contents == NULL)
    return NULL;
  if (length == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", path);
      return NULL;
    }
  return cm_document_from_json (contents, (gssize) length, path, error);
}

