/* cm-clause-reader.c — reading the clauses of a Clausemark JSON document
 *
 * Versions 1 and 2: version 2 adds "adjudicated" and "annotations" (each
 * annotator's answer), "flags" and "flag_scores" (key, risk, sensitive) to
 * every clause; a version 1 clause has none and reads as not adjudicated,
 * without annotations or flags. Members a later version
 * adds go into the version's member list and a reader of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include "cm-error.h"
#include "cm-json-read-private.h"

#define CLAUSE_MEMBERS_V1 \
  "id", "start", "end", "kind", "level", "marker", "heading_path", "language", "labels", \
  "suggestions", "confidence", "status", "reviewer", "timestamp", "note"

static const char * const clause_members_v1[] = { CLAUSE_MEMBERS_V1, NULL };
static const char * const clause_members_v2[] = {
  CLAUSE_MEMBERS_V1, "adjudicated", "annotations", "cut", "flags", "flag_scores", NULL
};
static const char * const suggestion_members[] = { "label", "score", NULL };
static const char * const annotation_members[] = {
  "annotator", "labels", "status", "timestamp", "note", "span", NULL
};

static gboolean
read_suggestions (CmReadContext  *ctx,
                  JsonObject     *object,
                  CmClause       *clause,
                  GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, "suggestions", error);
  g_autofree CmSuggestion *suggestions = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cm_read_set_invalid (ctx, error, "“suggestions” must be an array");
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
          cm_read_set_invalid (ctx, error, "suggestion %u is not an object", i + 1);
          return FALSE;
        }
      suggestion = json_node_get_object (element);
      if (!cm_read_check_members (ctx, suggestion, suggestion_members, error)
          || !cm_read_string (ctx, suggestion, "label", FALSE, &suggestions[i].label, error)
          || !cm_read_number (ctx, suggestion, "score", &suggestions[i].score, error))
        return FALSE;
    }
  cm_clause_set_suggestions (clause, suggestions, n);
  return TRUE;
}

static gboolean
read_confidence (CmReadContext  *ctx,
                 JsonObject     *object,
                 CmClause       *clause,
                 GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, "confidence", error);
  double confidence;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;  /* the clause's default: no model has seen it */
  if (!cm_read_is_number (node))
    {
      cm_read_set_invalid (ctx, error, "“confidence” must be a number or null");
      return FALSE;
    }
  confidence = json_node_get_double (node);
  if (!(confidence >= 0.0 && confidence <= 1.0))
    {
      cm_read_set_invalid (ctx, error, "“confidence” %g is outside [0, 1]", confidence);
      return FALSE;
    }
  cm_clause_set_confidence (clause, confidence);
  return TRUE;
}

/* Reads the members that describe the clause beyond its range. */
static gboolean
read_clause_details (CmReadContext  *ctx,
                     JsonObject     *object,
                     CmClause       *clause,
                     GError        **error)
{
  g_auto(GStrv) heading_path = NULL;
  g_auto(GStrv) labels = NULL;
  const char *marker, *language, *status_name, *reviewer, *timestamp, *note;
  CmReviewStatus status;
  guint level;

  if (!cm_read_uint (ctx, object, "level", &level, error)
      || !cm_read_string (ctx, object, "marker", TRUE, &marker, error))
    return FALSE;
  heading_path = cm_read_strv (ctx, object, "heading_path", TRUE, error);
  if (heading_path == NULL)
    return FALSE;
  if (!cm_read_string (ctx, object, "language", FALSE, &language, error))
    return FALSE;
  labels = cm_read_strv (ctx, object, "labels", FALSE, error);
  if (labels == NULL)
    return FALSE;
  if (cm_read_strv_has_duplicates (labels))
    {
      cm_read_set_invalid (ctx, error, "“labels” names a label twice");
      return FALSE;
    }
  if (!read_suggestions (ctx, object, clause, error)
      || !read_confidence (ctx, object, clause, error)
      || !cm_read_string (ctx, object, "status", FALSE, &status_name, error))
    return FALSE;
  if (!cm_review_status_from_string (status_name, &status))
    {
      cm_read_set_invalid (ctx, error, "unknown status “%s” (unreviewed, accepted or corrected)",
                   status_name);
      return FALSE;
    }
  if (!cm_read_string (ctx, object, "reviewer", TRUE, &reviewer, error)
      || !cm_read_string (ctx, object, "timestamp", TRUE, &timestamp, error)
      || !cm_read_string (ctx, object, "note", TRUE, &note, error))
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

/* ------------------------------------------------------------------ */
/* Version 2: annotations                                              */
/* ------------------------------------------------------------------ */

/* null, or [start, end] of the annotator's own clause. */
static gboolean
read_span (CmReadContext  *ctx,
           JsonObject     *object,
           gboolean       *has_span,
           guint          *start,
           guint          *end,
           GError        **error)
{
  JsonNode *node = cm_read_require_member (ctx, object, "span", error);
  JsonArray *array;
  gint64 values[2];

  if (node == NULL)
    return FALSE;
  *has_span = !JSON_NODE_HOLDS_NULL (node);
  if (!*has_span)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 2)
    {
      cm_read_set_invalid (ctx, error, "“span” must be null or [start, end]");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64
          || json_node_get_int (element) < 0 || json_node_get_int (element) > G_MAXUINT)
        {
          cm_read_set_invalid (ctx, error, "“span” must hold two offsets");
          return FALSE;
        }
      values[i] = json_node_get_int (element);
    }
  if (values[0] > values[1])
    {
      cm_read_set_invalid (ctx, error, "“span” starts after it ends");
      return FALSE;
    }
  *start = (guint) values[0];
  *end = (guint) values[1];
  return TRUE;
}

static CmAnnotation *
read_annotation (CmReadContext  *ctx,
                 JsonNode       *node,
                 guint           index,
                 GError        **error)
{
  g_autoptr(CmAnnotation) annotation = NULL;
  g_auto(GStrv) labels = NULL;
  const char *annotator, *status_name, *timestamp, *note;
  CmReviewStatus status;
  gboolean has_span;
  guint start = 0, end = 0;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cm_read_set_invalid (ctx, error, "annotation %u is not an object", index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!cm_read_check_members (ctx, object, annotation_members, error)
      || !cm_read_string (ctx, object, "annotator", FALSE, &annotator, error))
    return NULL;
  labels = cm_read_strv (ctx, object, "labels", FALSE, error);
  if (labels == NULL)
    return NULL;
  if (cm_read_strv_has_duplicates (labels))
    {
      cm_read_set_invalid (ctx, error, "annotation by “%s”: “labels” names a label twice",
                           annotator);
      return NULL;
    }
  if (!cm_read_string (ctx, object, "status", FALSE, &status_name, error)
      || !cm_read_string (ctx, object, "timestamp", FALSE, &timestamp, error)
      || !cm_read_string (ctx, object, "note", TRUE, &note, error)
      || !read_span (ctx, object, &has_span, &start, &end, error))
    return NULL;
  if (!cm_review_status_from_string (status_name, &status) || status == CM_REVIEW_STATUS_UNREVIEWED)
    {
      cm_read_set_invalid (ctx, error, "annotation by “%s”: status “%s” is not accepted or corrected",
                           annotator, status_name);
      return NULL;
    }
  annotation = cm_annotation_new (annotator, (const char * const *) labels, status, timestamp, note);
  if (has_span)
    return cm_annotation_new_with_span (annotation, start, end);
  return g_steal_pointer (&annotation);
}

/* "adjudicated" and "annotations" (one per annotator). */
static gboolean
read_team_members (CmReadContext  *ctx,
                   JsonObject     *object,
                   CmClause       *clause,
                   GError        **error)
{
  JsonNode *adjudicated = cm_read_require_member (ctx, object, "adjudicated", error);
  JsonNode *node;
  JsonArray *array;

  if (adjudicated == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (adjudicated)
      || json_node_get_value_type (adjudicated) != G_TYPE_BOOLEAN)
    {
      cm_read_set_invalid (ctx, error, "“adjudicated” must be true or false");
      return FALSE;
    }
  cm_clause_set_adjudicated (clause, json_node_get_boolean (adjudicated));

  node = cm_read_require_member (ctx, object, "annotations", error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cm_read_set_invalid (ctx, error, "“annotations” must be an array");
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CmAnnotation) annotation = read_annotation (ctx, json_array_get_element (array, i),
                                                            i, error);

      if (annotation == NULL)
        return FALSE;
      if (cm_clause_lookup_annotation (clause, cm_annotation_get_annotator (annotation)) != NULL)
        {
          cm_read_set_invalid (ctx, error, "two annotations by “%s”",
                               cm_annotation_get_annotator (annotation));
          return FALSE;
        }
      cm_clause_set_annotation (clause, annotation);
    }
  return TRUE;
}

/* "cut" (version 2; written since Clausemark cut over-long clauses, so an
 * earlier version 2 file may lack it): null, or why the segmenter cut. */
static gboolean
read_cut (CmReadContext  *ctx,
          JsonObject     *object,
          CmClause       *clause,
          GError        **error)
{
  const char *cut = NULL;

  if (!json_object_has_member (object, "cut"))
    return TRUE;
  if (!cm_read_string (ctx, object, "cut", TRUE, &cut, error))
    return FALSE;
  if (cut != NULL && !cm_clause_cut_is_valid (cut))
    {
      cm_read_set_invalid (ctx, error, "“cut” must be null, semicolon, comma, space or length");
      return FALSE;
    }
  cm_clause_set_cut (clause, cut);
  return TRUE;
}

/* "flags" (ids, each once) and "flag_scores" (each flag: a probability or
 * null). Both are written always; version 2 files written before flags
 * existed lack both, and read as never flagged. */
static gboolean
read_flag_members (CmReadContext  *ctx,
                   JsonObject     *object,
                   CmClause       *clause,
                   GError        **error)
{
  g_auto(GStrv) ids = NULL;
  JsonNode *node;
  JsonObject *scores;
  CmFlags flags = 0;

  if (!json_object_has_member (object, "flags") && !json_object_has_member (object, "flag_scores"))
    return TRUE;
  ids = cm_read_strv (ctx, object, "flags", FALSE, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      CmFlag flag;

      if (!cm_flag_from_string (ids[i], &flag) || (flags & CM_FLAG_BIT (flag)) != 0)
        {
          cm_read_set_invalid (ctx, error, "“flags” holds “%s” (key, risk, sensitive, each once)",
                               ids[i]);
          return FALSE;
        }
      flags |= CM_FLAG_BIT (flag);
    }
  cm_clause_set_flags (clause, flags);

  node = cm_read_require_member (ctx, object, "flag_scores", error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cm_read_set_invalid (ctx, error, "“flag_scores” must be an object");
      return FALSE;
    }
  scores = json_node_get_object (node);
  if (!cm_read_check_members (ctx, scores, cm_flag_ids (), error))
    return FALSE;
  for (guint f = 0; f < CM_N_FLAGS; f++)
    {
      JsonNode *score = cm_read_require_member (ctx, scores, cm_flag_to_string (f), error);
      double p;

      if (score == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (score))
        continue;
      p = cm_read_is_number (score) ? json_node_get_double (score) : -1.0;
      if (!(p >= 0.0 && p <= 1.0))
        {
          cm_read_set_invalid (ctx, error, "“flag_scores”: “%s” must be a number in [0, 1] or null",
                               cm_flag_to_string (f));
          return FALSE;
        }
      cm_clause_set_flag_score (clause, f, p);
    }
  return TRUE;
}

/* One element of "clauses", the @index-th. */
CmClause *
cm_read_clause (CmReadContext  *ctx,
                JsonNode       *node,
                guint           index,
                guint           n_chars,
                gint64          version,
                GError        **error)
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
      cm_read_set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!cm_read_string (ctx, object, "id", FALSE, &id, error))
    return NULL;
  g_free (ctx->where);
  ctx->where = g_strdup_printf ("clause %s", id);

  if (!cm_read_uint (ctx, object, "start", &start, error)
      || !cm_read_uint (ctx, object, "end", &end, error))
    return NULL;
  if (start > end)
    {
      cm_read_set_invalid (ctx, error, "start %u is after end %u", start, end);
      return NULL;
    }
  if (end > n_chars)
    {
      cm_read_set_invalid (ctx, error, "end %u is beyond the text (%u characters)", end, n_chars);
      return NULL;
    }
  if (!cm_read_string (ctx, object, "kind", FALSE, &kind_name, error))
    return NULL;
  if (!cm_clause_kind_from_string (kind_name, &kind))
    {
      cm_read_set_invalid (ctx, error, "unknown kind “%s” (body, heading, list-item or boilerplate)",
                   kind_name);
      return NULL;
    }

  clause = cm_clause_new (id, start, end, kind);
  if (!read_clause_details (ctx, object, clause, error)
      || (version >= 2 && !read_team_members (ctx, object, clause, error))
      || (version >= 2 && !read_cut (ctx, object, clause, error))
      || (version >= 2 && !read_flag_members (ctx, object, clause, error))
      || !cm_read_check_members (ctx, object,
                                 version >= 2 ? clause_members_v2 : clause_members_v1, error))
    return NULL;
  return g_steal_pointer (&clause);
}
