/* cm-interchange-json.c — Label Studio JSON exports and doccano JSONL
 *
 * Label Studio: an array of tasks; task["data"][TEXT] is the clause text,
 * each annotation in task["annotations"] is one annotator's answer
 * (completed_by: a user id, or an object with the user's email), made of
 * the "choices" results in it — an empty result is the answer "no label";
 * cancelled (skipped) annotations are no answer; task["predictions"] with
 * scores become suggestions.
 *
 * doccano: one JSON object a line, {"id", "text", "label": [names]}, one
 * file per annotator (its name is the file's, unless given).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-interchange"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-annotation.h"
#include "cm-bounded-read.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-interchange-private.h"
#include "cm-json-guard.h"

/* A scalar as text: strings as they are, integers in decimal; NULL otherwise. */
static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static char *
member_text (JsonObject *object,
             const char *member)
{
  return object && json_object_has_member (object, member)
         ? scalar_text (json_object_get_member (object, member)) : NULL;
}

/* The grouping and ordering fields of a record. */
static gboolean
read_keys (CmRecord               *record,
           JsonObject             *fields,
           const CmImportOptions  *options,
           GError                **error)
{
  if (options->group_by != NULL)
    {
      record->document = member_text (fields, options->group_by);
      if (record->document == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: no field “%s” to group by",
                       record->where, options->group_by);
          return FALSE;
        }
    }
  if (options->order_by != NULL)
    {
      record->order = member_text (fields, options->order_by);
      if (record->order == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: no field “%s” to order by",
                       record->where, options->order_by);
          return FALSE;
        }
    }
  else
    record->order = g_strdup (record->id);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Label Studio                                                        */
/* ------------------------------------------------------------------ */

/* The labels of the "choices" results of an annotation or prediction. */
static char **
choices_of (JsonArray *results)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *result, *value;
      JsonArray *choices;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      result = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (result, "type", ""), "choices") != 0
          || !json_object_has_member (result, "value")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (result, "value")))
        continue;
      value = json_object_get_object_member (result, "value");
      if (!json_object_has_member (value, "choices")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (value, "choices")))
        continue;
      choices = json_object_get_array_member (value, "choices");
      for (guint c = 0; c < json_array_get_length (choices); c++)
        {
          g_autofree char *name = scalar_text (json_array_get_element (choices, c));

          if (name != NULL)
            g_strv_builder_add (builder, name);
        }
    }
  return g_strv_builder_end (builder);
}

/* completed_by: a user id, or {"id", "email", ...}: the email, else the id. */
static char *
annotator_of (JsonObject *annotation)
{
  JsonNode *node = json_object_get_member (annotation, "completed_by");

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *user = json_node_get_object (node);
      g_autofree char *email = member_text (user, "email");

      if (email != NULL && email[0] != '\0')
        return g_steal_pointer (&email);
      return member_text (user, "id");
    }
  return scalar_text (node);
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
read_task (JsonNode               *node,
           guint                   index,
           const char             *path,
           const CmImportOptions  *options,
           GPtrArray              *records,
           GError                **error)
{
  const char *text_field = options->text_field ? options->text_field : "text";
  g_autofree char *where = NULL;
  JsonObject *task, *data;
  JsonArray *annotations, *predictions;
  CmRecord *record;
  g_autofree char *id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: task %u is not an object", path,
                   index + 1);
      return FALSE;
    }
  task = json_node_get_object (node);
  id = member_text (task, "id");
  where = id ? g_strdup_printf ("%s: task %s", path, id)
             : g_strdup_printf ("%s: task %u", path, index + 1);
  data = json_object_has_member (task, "data")
         && JSON_NODE_HOLDS_OBJECT (json_object_get_member (task, "data"))
         ? json_object_get_object_member (task, "data") : NULL;
  record = cm_record_new (where);
  g_ptr_array_add (records, record);
  record->id = id ? g_strdup (id) : g_strdup_printf ("%u", index + 1);
  record->text = member_text (data, text_field);
  /* Without --text-field, a task whose data has no "text" gives its first
   * string field (projects name it after their labelling config). */
  if (record->text == NULL && options->text_field == NULL && data != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (data);

      for (GList *l = members; l != NULL && record->text == NULL; l = l->next)
        {
          JsonNode *field = json_object_get_member (data, l->data);

          if (JSON_NODE_HOLDS_VALUE (field) && json_node_get_value_type (field) == G_TYPE_STRING)
            record->text = g_strdup (json_node_get_string (field));
        }
    }
  if (record->text == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: no text in data.%s (--text-field)",
                   where, text_field);
      return FALSE;
    }
  if (!read_keys (record, data, options, error))
    return FALSE;

  annotations = array_member (task, "annotations");
  for (guint a = 0; annotations != NULL && a < json_array_get_length (annotations); a++)
    {
      JsonNode *element = json_array_get_element (annotations, a);
      JsonObject *annotation;
      g_autofree char *annotator = NULL;
      g_autofree char *timestamp = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      annotation = json_node_get_object (element);
      /* Skipped: no answer at all (not "no label"). */
      if (json_object_get_boolean_member_with_default (annotation, "was_cancelled", FALSE))
        continue;
      annotator = annotator_of (annotation);
      if (annotator == NULL || annotator[0] == '\0')
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: annotation %u has no completed_by", where, a + 1);
          return FALSE;
        }
      timestamp = member_text (annotation, "created_at");
      /* An empty result is the answer "no label". */
      cm_record_add_answer (record, annotator, choices_of (array_member (annotation, "result")),
                            timestamp);
    }

  predictions = array_member (task, "predictions");
  for (guint p = 0; predictions != NULL && p < json_array_get_length (predictions); p++)
    {
      JsonNode *element = json_array_get_element (predictions, p);
      JsonObject *prediction;
      JsonArray *results;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      prediction = json_node_get_object (element);
      results = array_member (prediction, "result");
      for (guint r = 0; results != NULL && r < json_array_get_length (results); r++)
        {
          JsonNode *result_node = json_array_get_element (results, r);
          g_autoptr(JsonArray) one = json_array_new ();
          g_auto(GStrv) labels = NULL;
          JsonObject *result;
          double score;

          if (!JSON_NODE_HOLDS_OBJECT (result_node))
            continue;
          result = json_node_get_object (result_node);
          /* A result's own score, else the prediction's. */
          score = json_object_has_member (result, "score")
                  ? json_object_get_double_member (result, "score")
                  : json_object_get_double_member_with_default (prediction, "score", -1);
          if (score < 0)
            continue;
          json_array_add_element (one, json_node_copy (result_node));
          labels = choices_of (one);
          for (guint l = 0; labels[l] != NULL; l++)
            cm_record_add_suggestion (record, labels[l], score);
        }
    }
  return TRUE;
}

gboolean
cm_label_studio_read (const char             *path,
                      const CmImportOptions  *options,
                      GPtrArray              *records,
                      GError                **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  JsonNode *root;
  JsonArray *tasks;

  /* Read once and bounded (a FIFO, /dev/zero), checked before json-glib
   * parses it (depth, UTF-8, duplicates, trailing data). */
  contents = cm_read_file_bounded (path, CM_READ_MAX_POLICY, NULL, &length, error);
  if (contents == NULL)
    return FALSE;
  parsed = cm_json_parse_guarded (contents, length, path, error);
  if (parsed == NULL)
    return FALSE;
  root = parsed;
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Label Studio JSON export (an array of tasks)", path);
      return FALSE;
    }
  tasks = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    if (!read_task (json_array_get_element (tasks, i), i, path, options, records, error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  JsonBuilder *builder;
  guint        n_tasks;
  guint        n_annotations;
} LabelStudioWriter;

static void
add_choices (JsonBuilder        *builder,
             const char * const *labels,
             double              score)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from_name");
  json_builder_add_string_value (builder, "label");
  json_builder_set_member_name (builder, "to_name");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "choices");
  json_builder_set_member_name (builder, "value");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    json_builder_add_string_value (builder, labels[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (score >= 0)
    {
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, score);
    }
  json_builder_end_object (builder);
}

/* A user id when the name is a number, else {"email": name}. */
static void
add_completed_by (JsonBuilder *builder,
                  const char  *annotator)
{
  gboolean digits = annotator[0] != '\0' && strspn (annotator, "0123456789") == strlen (annotator)
                    && strlen (annotator) < 18;

  json_builder_set_member_name (builder, "completed_by");
  if (digits)
    json_builder_add_int_value (builder, g_ascii_strtoll (annotator, NULL, 10));
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, annotator);
      json_builder_end_object (builder);
    }
}

static void
label_studio_task (CmDocument *document,
                   CmClause   *clause,
                   guint       position,
                   gpointer    user_data)
{
  LabelStudioWriter *writer = user_data;
  JsonBuilder *builder = writer->builder;
  g_autofree char *text = cm_document_dup_clause_text (document, clause);
  const CmSuggestion *suggestions;
  guint n_suggestions;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, ++writer->n_tasks);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, cm_document_get_id (document));
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, position);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (clause, a);
      const char * const *labels = cm_annotation_get_labels (annotation);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ++writer->n_annotations);
      add_completed_by (builder, cm_annotation_get_annotator (annotation));
      json_builder_set_member_name (builder, "result");
      json_builder_begin_array (builder);
      if (labels[0] != NULL)
        add_choices (builder, labels, -1);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "was_cancelled");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, cm_annotation_get_timestamp (annotation));
      json_builder_set_member_name (builder, "task");
      json_builder_add_int_value (builder, writer->n_tasks);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "predictions");
  json_builder_begin_array (builder);
  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  if (n_suggestions > 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "model_version");
      json_builder_add_string_value (builder, "clausemark");
      json_builder_set_member_name (builder, "result");
      json_builder_begin_array (builder);
      for (guint s = 0; s < n_suggestions; s++)
        {
          const char *one[] = { suggestions[s].label, NULL };

          add_choices (builder, one, suggestions[s].score);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

char *
cm_label_studio_write (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  LabelStudioWriter writer = { builder, 0, 0 };

  json_builder_begin_array (builder);
  cm_interchange_foreach (documents, label_studio_task, &writer);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  return g_strconcat (json, "\n", NULL);
}

/* ------------------------------------------------------------------ */
/* doccano                                                             */
/* ------------------------------------------------------------------ */

static char *
annotator_from_file (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static char **
doccano_labels (JsonObject *line,
                const char *where,
                GError    **error)
{
  JsonArray *labels = array_member (line, json_object_has_member (line, "label") ? "label" : "cats");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (labels == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: no “label” list", where);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      g_autofree char *name = scalar_text (json_array_get_element (labels, i));

      if (name == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: label %u is not a name (span labels [start, end, name] are "
                       "sequence labelling, not clause topics)", where, i + 1);
          return NULL;
        }
      g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

gboolean
cm_doccano_read (const char             *path,
                 const CmImportOptions  *options,
                 GPtrArray              *records,
                 GError                **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *annotator = options->annotator ? g_strdup (options->annotator)
                                                   : annotator_from_file (path);
  g_auto(GStrv) lines = NULL;
  gsize length;

  contents = cm_read_file_bounded (path, CM_READ_MAX_POLICY, NULL, &length, error);
  if (contents == NULL)
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) parsed = NULL;
      g_autofree char *where = g_strdup_printf ("%s: line %u", path, i + 1);
      JsonObject *line;
      CmRecord *record;
      char **labels;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      parsed = cm_json_parse_guarded (lines[i], strlen (lines[i]), where, error);
      if (parsed == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (parsed))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: not a JSON object", where);
          return FALSE;
        }
      line = json_node_get_object (parsed);
      record = cm_record_new (where);
      g_ptr_array_add (records, record);
      record->id = member_text (line, "id");
      if (record->id == NULL)
        record->id = g_strdup_printf ("%u", i + 1);
      record->text = member_text (line, "text");
      if (record->text == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: no “text”", where);
          return FALSE;
        }
      if (!read_keys (record, line, options, error))
        return FALSE;
      labels = doccano_labels (line, where, error);
      if (labels == NULL)
        return FALSE;
      cm_record_add_answer (record, annotator, labels, NULL);
    }
  return TRUE;
}

typedef struct
{
  GHashTable *files;   /* annotator -> GString */
  guint       n_tasks;
} DoccanoWriter;

static void
doccano_clause (CmDocument *document,
                CmClause   *clause,
                guint       position,
                gpointer    user_data)
{
  DoccanoWriter *writer = user_data;
  g_autofree char *text = cm_document_dup_clause_text (document, clause);

  writer->n_tasks++;
  for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (clause, a);
      const char * const *labels = cm_annotation_get_labels (annotation);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;
      GString *file = g_hash_table_lookup (writer->files, cm_annotation_get_annotator (annotation));

      if (file == NULL)
        {
          file = g_string_new (NULL);
          g_hash_table_insert (writer->files, (gpointer) cm_annotation_get_annotator (annotation), file);
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, writer->n_tasks);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "label");
      json_builder_begin_array (builder);
      for (guint l = 0; labels[l] != NULL; l++)
        json_builder_add_string_value (builder, labels[l]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, cm_document_get_id (document));
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, position);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_string_append (file, line);
      g_string_append_c (file, '\n');
    }
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

gboolean
cm_doccano_write (GPtrArray   *documents,
                  const char  *folder,
                  GError     **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_string);
  DoccanoWriter writer = { files, 0 };
  GHashTableIter iter;
  gpointer key, value;

  cm_interchange_foreach (documents, doccano_clause, &writer);
  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", folder,
                   g_strerror (errno));
      return FALSE;
    }
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = g_strconcat (key, ".jsonl", NULL);
      g_autofree char *path = NULL;
      GString *file = value;

      g_strdelimit (name, "/\\", '-');
      if (name[0] == '.')
        name[0] = '-';
      path = g_build_filename (folder, name, NULL);
      if (!cm_write_file_atomically (path, file->str, file->len, FALSE, error))
        return FALSE;
    }
  return TRUE;
}
