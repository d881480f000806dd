/* cm-document-reader.c — reading the Clausemark JSON document format, versions 1 and 2
 *
 * A document may be hundreds of megabytes: it is never held as a tree.
 * The streaming reader (cm-json-reader.c) goes through the file twice:
 *   1. the whole file, checking its syntax (so that malformed JSON is
 *      reported first, wherever it is), keeping the text (handed to the
 *      document without a copy) and a small tree of the other members,
 *      with the place where "clauses" starts;
 *   2. "clauses" again, one clause at a time: each becomes a small tree,
 *      is checked and turned into a CmClause, and is either kept or handed
 *      to the caller and dropped (`validate`, `stats`).
 * Everything else is checking, in the order a whole tree was checked in
 * before (the first error is the same): files are edited by people and
 * other tools, so every rule of the format is verified, and every error
 * names the file and the clause. Clauses are read in cm-clause-reader.c,
 * the checked-reading helpers are in cm-json-read.c, the writer is in
 * cm-document-io.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"
/* For pread(), which strict C11 mode hides. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "cm-bounded-read.h"
#include "cm-document-io-private.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-json-reader.h"
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

/* What the first pass keeps. */
typedef struct
{
  CmReadContext  ctx;
  CmJsonReader  *reader;
  JsonObject    *root;          /* every member but the text and the clauses' elements */
  char          *text;          /* "text", when it is a string */
  gboolean       has_clauses;   /* "clauses" is an array, at clauses_mark */
  CmJsonMark     clauses_mark;
  CmClauseFunc   func;
  gpointer       user_data;
} DocumentRead;

static void
document_read_clear (DocumentRead *read)
{
  g_clear_pointer (&read->ctx.where, g_free);
  g_clear_pointer (&read->reader, cm_json_reader_free);
  g_clear_pointer (&read->root, json_object_unref);
  g_clear_pointer (&read->text, g_free);
}

/* A member's value as it stands in the tree of the first pass: the text
 * and the clauses are left out (an empty string or array says what they
 * were); anything else is small and kept whole. */
static JsonNode *
skim_member (DocumentRead  *read,
             const char    *name,
             CmJsonToken    first,
             GError       **error)
{
  if (g_str_equal (name, "text") && first == CM_JSON_TOKEN_STRING)
    {
      g_free (read->text);
      read->text = cm_json_reader_steal_string (read->reader, NULL);
      return json_node_init_string (json_node_alloc (), "");
    }
  if (g_str_equal (name, "clauses") && first == CM_JSON_TOKEN_BEGIN_ARRAY)
    {
      read->has_clauses = TRUE;
      read->clauses_mark = cm_json_reader_get_mark (read->reader);
      if (!cm_json_reader_skip_value (read->reader, error))
        return NULL;
      return json_node_init_array (json_node_alloc (), NULL);
    }
  return cm_json_reader_read_node (read->reader, error);
}

/* The first pass: the syntax of the whole file, the root's members. */
static gboolean
skim (DocumentRead  *read,
      GError       **error)
{
  CmJsonToken token = cm_json_reader_next (read->reader, error);

  if (token == CM_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != CM_JSON_TOKEN_BEGIN_OBJECT)
    {
      if (!cm_json_reader_skip_value (read->reader, error)
          || !cm_json_reader_read_to_end (read->reader, error))
        return FALSE;
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark document (the JSON is not an object)", read->ctx.name);
      return FALSE;
    }
  read->root = json_object_new ();
  while ((token = cm_json_reader_next (read->reader, error)) == CM_JSON_TOKEN_MEMBER)
    {
      g_autofree char *name = g_strdup (cm_json_reader_get_string (read->reader, NULL));
      JsonNode *value;

      token = cm_json_reader_next (read->reader, error);
      if (token == CM_JSON_TOKEN_ERROR)
        return FALSE;
      value = skim_member (read, name, token, error);
      if (value == NULL)
        return FALSE;
      json_object_set_member (read->root, name, value);
    }
  return token == CM_JSON_TOKEN_END_OBJECT && cm_json_reader_read_to_end (read->reader, error);
}

/* The second pass: each clause in turn, kept in @clauses or handed to
 * read->func. A clause that breaks a rule across clauses (order, ids) is
 * noted in @structure_error and reading goes on: an error inside a later
 * clause comes first, as it did when the whole tree was checked. */
static gboolean
read_clauses (DocumentRead      *read,
              CmDocument        *document,
              gint64             version,
              CmStructureCheck  *structure,
              GPtrArray         *clauses,
              GError           **structure_error,
              GError           **error)
{
  guint n_chars = cm_document_get_n_chars (document);
  CmJsonToken token;

  cm_json_reader_seek (read->reader, read->clauses_mark);
  if (cm_json_reader_next (read->reader, error) != CM_JSON_TOKEN_BEGIN_ARRAY)
    return FALSE;
  for (guint i = 0; (token = cm_json_reader_next (read->reader, error)) != CM_JSON_TOKEN_END_ARRAY; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(CmClause) clause = NULL;

      if (token == CM_JSON_TOKEN_ERROR)
        return FALSE;
      node = cm_json_reader_read_node (read->reader, error);
      if (node == NULL)
        return FALSE;
      clause = cm_read_clause (&read->ctx, node, i, n_chars, version, error);
      if (clause == NULL)
        return FALSE;
      if (*structure_error == NULL)
        cm_structure_check_clause (structure, clause, structure_error);
      if (read->func == NULL)
        {
          /* Clauses of one section share one copy of their heading path. */
          if (clauses->len > 0)
            cm_clause_share_heading_path (clause, g_ptr_array_index (clauses, clauses->len - 1));
          g_ptr_array_add (clauses, g_steal_pointer (&clause));
        }
      else if (*structure_error == NULL
               && !read->func (document, clause, read->user_data, error))
        return FALSE;
    }
  g_clear_pointer (&read->ctx.where, g_free);
  return TRUE;
}

static gboolean
read_text (DocumentRead  *read,
           const char   **id,
           GError       **error)
{
  JsonNode *text_node;

  if (!cm_read_check_members (&read->ctx, read->root, document_members, error)
      || !cm_read_string (&read->ctx, read->root, "id", FALSE, id, error))
    return FALSE;
  text_node = cm_read_require_member (&read->ctx, read->root, "text", error);
  if (text_node == NULL)
    return FALSE;
  if (!cm_read_is_string (text_node))
    {
      cm_read_set_invalid (&read->ctx, error, "“text” must be a string");
      return FALSE;
    }
  /* The streaming reader has checked that the text is UTF-8. */
  return TRUE;
}

/* After the first pass: the checks in the order a whole tree had them. */
static CmDocument *
read_document (DocumentRead  *read,
               GError       **error)
{
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) structure_error = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  CmStructureCheck structure;
  JsonNode *clauses_node;
  const char *id;
  gint64 version;
  gboolean ok;

  root_node = json_node_init_object (json_node_alloc (), read->root);
  if (!cm_document_io_check_format (read->ctx.name, root_node, error)
      || !read_text (read, &id, error))
    return NULL;
  document = cm_document_new_take (id, g_steal_pointer (&read->text));
  if (!read_header (&read->ctx, read->root, document, error))
    return NULL;
  clauses_node = cm_read_require_member (&read->ctx, read->root, "clauses", error);
  if (clauses_node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (clauses_node))
    {
      cm_read_set_invalid (&read->ctx, error, "“clauses” must be an array");
      return NULL;
    }
  /* cm_document_io_check_format() has vouched for the version. */
  version = json_object_get_int_member (read->root, "version");
  /* The ids are kept by the check when the clauses are not. */
  cm_structure_check_init (&structure, read->ctx.name, cm_document_get_n_chars (document),
                           read->func != NULL);
  ok = read_clauses (read, document, version, &structure, clauses, &structure_error, error)
       && read_pair (&read->ctx, read->root, document, &links, error)
       && read_verdict_overrides (&read->ctx, read->root, document, error)
       && cm_document_rules_check_header (read->ctx.name, document, error);
  if (ok && structure_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&structure_error));
      ok = FALSE;
    }
  ok = ok && cm_structure_check_links (&structure, links, error);
  cm_structure_check_clear (&structure);
  if (!ok)
    return NULL;

  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  if (links != NULL)
    cm_document_set_links (document, links);
  return g_steal_pointer (&document);
}

static CmDocument *
read_with (CmJsonReader  *reader,
           const char    *name,
           CmClauseFunc   func,
           gpointer       user_data,
           GError       **error)
{
  DocumentRead read = { { name, NULL }, reader, NULL, NULL, FALSE, { 0, 0, 1 }, func, user_data };
  CmDocument *document = NULL;

  /* Depth, duplicate members, trailing data, NUL and surrogates first. */
  if (skim (&read, error))
    document = read_document (&read, error);
  document_read_clear (&read);
  return document;
}

/**
 * cm_document_from_json_each:
 * @data: the JSON text (need not be nul-terminated)
 * @name: (nullable): names the data in errors (a path, "<stdin>", "line 12")
 * @func: (nullable): sees each clause once it is read and checked
 *
 * Reads a document; with @func, one clause at a time: @func sees each
 * clause (and the document read so far: header, text) and the clause is
 * dropped, so the returned document has no clauses. The rules across
 * clauses are checked all the same; @func is not called after a clause
 * that breaks them.
 *
 * Returns: (transfer full): the document, or %NULL with @error set:
 * CM_ERROR_PARSE (malformed JSON, with its line), _UNKNOWN_FORMAT,
 * _NEWER_VERSION, _INVALID (naming the clause), or @func's error.
 */
CmDocument *
cm_document_from_json_each (const char    *data,
                            gsize          length,
                            const char    *name,
                            CmClauseFunc   func,
                            gpointer       user_data,
                            GError       **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  name = name ? name : "<data>";
  return read_with (cm_json_reader_new_for_data (data, length, name), name, func, user_data,
                    error);
}

/**
 * cm_document_from_json:
 * @length: bytes of @data, or -1 if it is nul-terminated
 *
 * cm_document_from_json_each() keeping every clause.
 */
CmDocument *
cm_document_from_json (const char  *data,
                       gssize       length,
                       const char  *name,
                       GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);

  return cm_document_from_json_each (data, length < 0 ? strlen (data) : (gsize) length, name,
                                     NULL, NULL, error);
}

/**
 * cm_document_read_fd:
 * @fd: an open file (not closed)
 * @regular: whether @fd is a regular file (see cm_open_bounded()): it is
 *   then read through a window, by offset; anything else is read whole
 *   first (within CM_READ_MAX_DOCUMENT)
 * @name: names the file in errors
 *
 * As cm_document_from_json_each(), from a file.
 */
CmDocument *
cm_document_read_fd (int            fd,
                     gboolean       regular,
                     const char    *name,
                     CmClauseFunc   func,
                     gpointer       user_data,
                     GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  char first;

  g_return_val_if_fail (fd >= 0 && name != NULL, NULL);

  if (regular)
    {
      /* An empty file gets a message of its own. */
      if (pread (fd, &first, 1, 0) == 0)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", name);
          return NULL;
        }
      return read_with (cm_json_reader_new_for_fd (fd, name), name, func, user_data, error);
    }
  contents = cm_read_fd_bounded (fd, name, CM_READ_MAX_DOCUMENT, &length, error);
  if (contents == NULL)
    return NULL;
  if (length == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", name);
      return NULL;
    }
  return cm_document_from_json_each (contents, length, name, func, user_data, error);
}

/**
 * cm_document_load_each:
 *
 * As cm_document_from_json_each(), from the file at @path, opened once
 * (it may be a FIFO). A file that cannot be read gives a G_FILE_ERROR.
 */
CmDocument *
cm_document_load_each (const char    *path,
                       CmClauseFunc   func,
                       gpointer       user_data,
                       GError       **error)
{
  CmDocument *document;
  gboolean regular;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* A GFileError (its message names the file) tells "unreadable" apart
   * from "readable but wrong" (CM_ERROR). */
  fd = cm_open_bounded (path, CM_READ_MAX_DOCUMENT, &regular, NULL, error);
  if (fd < 0)
    return NULL;
  document = cm_document_read_fd (fd, regular, path, func, user_data, error);
  close (fd);
  return document;
}

CmDocument *
cm_document_load (const char  *path,
                  GError     **error)
{
  return cm_document_load_each (path, NULL, NULL, error);
}
