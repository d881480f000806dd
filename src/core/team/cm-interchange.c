/* cm-interchange.c — records to documents, label names to ids, and the
 * entry points of cm-interchange.h (Label Studio and doccano are in
 * cm-interchange-json.c, CSV in cm-interchange-csv.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-interchange"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cm-annotation.h"
#include "cm-bounded-read.h"
#include "cm-document-io.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-interchange-private.h"
#include "cm-taxonomy.h"

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

static void
answer_free (CmRecordAnswer *answer)
{
  g_free (answer->annotator);
  g_strfreev (answer->labels);
  g_free (answer->timestamp);
  g_free (answer);
}

static void
suggestion_free (CmRecordSuggestion *suggestion)
{
  g_free (suggestion->label);
  g_free (suggestion);
}

CmRecord *
cm_record_new (const char *where)
{
  CmRecord *record = g_new0 (CmRecord, 1);

  record->where = g_strdup (where);
  record->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  record->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) suggestion_free);
  return record;
}

void
cm_record_free (CmRecord *record)
{
  g_free (record->where);
  g_free (record->document);
  g_free (record->id);
  g_free (record->order);
  g_free (record->text);
  g_ptr_array_unref (record->answers);
  g_ptr_array_unref (record->suggestions);
  g_free (record->curator);
  g_strfreev (record->final_labels);
  g_free (record->final_timestamp);
  g_free (record);
}

void
cm_record_add_answer (CmRecord    *record,
                      const char  *annotator,
                      char       **labels,
                      const char  *timestamp)
{
  CmRecordAnswer *answer = g_new0 (CmRecordAnswer, 1);

  answer->annotator = g_strdup (annotator);
  answer->labels = labels;
  answer->timestamp = g_strdup (timestamp);
  g_ptr_array_add (record->answers, answer);
}

void
cm_record_add_suggestion (CmRecord   *record,
                          const char *label,
                          double      score)
{
  CmRecordSuggestion *suggestion = g_new0 (CmRecordSuggestion, 1);

  suggestion->label = g_strdup (label);
  suggestion->score = score;
  g_ptr_array_add (record->suggestions, suggestion);
}

/* ------------------------------------------------------------------ */
/* Label names                                                         */
/* ------------------------------------------------------------------ */

/* The id for @name: an id of the taxonomy, or a label's name in English or
 * Chinese (case aside); NULL, with @name added to @unknown, otherwise. */
/* @unknown: each label name not found, to the record it is first met in. */
static const char *
map_label (CmTaxonomy *taxonomy,
           const char *name,
           const char *where,
           GHashTable *unknown)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (cm_taxonomy_lookup (taxonomy, name) != NULL)
    return cm_taxonomy_lookup (taxonomy, name)->id;
  for (guint i = 0; i < cm_taxonomy_get_n_labels (taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, i);
      const char *names[] = { label->id, label->name_en, label->name_zh };

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          g_autofree char *other = names[n] ? g_utf8_casefold (names[n], -1) : NULL;

          if (other != NULL && g_str_equal (folded, other))
            return label->id;
        }
    }
  if (!g_hash_table_contains (unknown, name))
    g_hash_table_insert (unknown, g_strdup (name), g_strdup (where));
  return NULL;
}

static char **
map_labels (CmTaxonomy  *taxonomy,
            char       **names,
            const char  *where,
            GHashTable  *unknown)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *id = map_label (taxonomy, names[i], where, unknown);

      if (id != NULL && g_hash_table_add (seen, (gpointer) id))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
report_unknown (GHashTable  *unknown,
                CmTaxonomy  *taxonomy,
                GError     **error)
{
  g_autofree gpointer *names = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = g_hash_table_size (unknown);

  if (n == 0)
    return TRUE;
  names = g_hash_table_get_keys_as_array (unknown, NULL);
  qsort (names, n, sizeof (gpointer), compare_strings);
  /* Each with the record it is first met in: which file, which task. */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s“%s” (%s)", i ? ", " : "", (const char *) names[i],
                            (const char *) g_hash_table_lookup (unknown, names[i]));
  g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
               "%u label name%s not in the taxonomy “%s” (by id, English or Chinese name): %s; "
               "give a taxonomy file that has them with --taxonomy", n, n == 1 ? " is" : "s are",
               cm_taxonomy_get_id (taxonomy), list->str);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Records to documents                                                */
/* ------------------------------------------------------------------ */

/* Numbers in numeric order, before other values in byte order. */
static int
compare_order (const char *a,
               const char *b)
{
  char *end_a, *end_b;
  double x = g_ascii_strtod (a, &end_a), y = g_ascii_strtod (b, &end_b);
  gboolean num_a = *a != '\0' && *end_a == '\0', num_b = *b != '\0' && *end_b == '\0';

  if (num_a && num_b)
    return (x > y) - (x < y);
  if (num_a != num_b)
    return num_a ? -1 : 1;
  return strcmp (a, b);
}

typedef struct
{
  CmRecord *record;
  guint     sequence;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;
  int c = compare_order (x->record->order, y->record->order);

  return c != 0 ? c : (x->sequence > y->sequence) - (x->sequence < y->sequence);
}

/* A document id that can be a file name. */
static char *
safe_id (const char *key)
{
  GString *id = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || (id->len == 0 && c == '.'))
        g_string_append_c (id, '-');
      else
        g_string_append_unichar (id, c);
    }
  if (id->len == 0)
    g_string_append (id, "document");
  return g_string_free (id, FALSE);
}

/* One clause from the records at the same place of a document. */
static CmClause *
build_clause (Entry       *entries,
              guint        n,
              guint        index,
              guint        start,
              guint        end,
              CmTaxonomy  *taxonomy,
              GHashTable  *unknown,
              const char  *language)
{
  g_autofree char *id = g_strdup_printf ("c%u", index + 1);
  CmClause *clause = cm_clause_new (id, start, end, CM_CLAUSE_KIND_BODY);
  g_autoptr(GArray) suggestions = g_array_new (FALSE, FALSE, sizeof (CmSuggestion));

  cm_clause_set_language (clause, language);
  for (guint e = 0; e < n; e++)
    {
      CmRecord *record = entries[e].record;

      for (guint a = 0; a < record->answers->len; a++)
        {
          CmRecordAnswer *answer = g_ptr_array_index (record->answers, a);
          g_auto(GStrv) labels = map_labels (taxonomy, answer->labels, record->where, unknown);
          g_autoptr(CmAnnotation) annotation = NULL;
          CmAnnotation *held = cm_clause_lookup_annotation (clause, answer->annotator);

          annotation = cm_annotation_new (answer->annotator, (const char * const *) labels,
                                          CM_REVIEW_STATUS_CORRECTED, answer->timestamp, NULL);
          /* An annotator twice on one clause: the later answer. */
          if (held == NULL || g_strcmp0 (cm_annotation_get_timestamp (held),
                                         cm_annotation_get_timestamp (annotation)) <= 0)
            cm_clause_set_annotation (clause, annotation);
        }
      for (guint s = 0; s < record->suggestions->len; s++)
        {
          CmRecordSuggestion *suggestion = g_ptr_array_index (record->suggestions, s);
          const char *label = map_label (taxonomy, suggestion->label, record->where, unknown);
          gboolean found = FALSE;

          for (guint k = 0; label != NULL && k < suggestions->len; k++)
            if (g_str_equal (g_array_index (suggestions, CmSuggestion, k).label, label))
              {
                CmSuggestion *held = &g_array_index (suggestions, CmSuggestion, k);

                held->score = MAX (held->score, suggestion->score);
                found = TRUE;
              }
          if (label != NULL && !found)
            {
              CmSuggestion added = { g_intern_string (label), suggestion->score };

              g_array_append_val (suggestions, added);
            }
        }
      if (record->curator != NULL)
        {
          g_auto(GStrv) labels = map_labels (taxonomy, record->final_labels, record->where, unknown);

          cm_clause_adjudicate (clause, (const char * const *) labels, record->curator);
          cm_clause_set_timestamp (clause, record->final_timestamp);
        }
    }
  cm_clause_set_suggestions (clause, (CmSuggestion *) suggestions->data, suggestions->len);
  return clause;
}

/* The records of one document: the text is their texts joined by newlines,
 * in order; records at the same place (annotators' files) share a clause. */
static CmDocument *
build_document (const char  *id,
                GArray      *entries,
                CmTaxonomy  *taxonomy,
                GHashTable  *unknown,
                const char  *language,
                const char  *loader,
                GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;
  guint offset = 0;

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len;)
    {
      Entry *first = &g_array_index (entries, Entry, i);
      guint j = i + 1, length = g_utf8_strlen (first->record->text, -1);

      while (j < entries->len
             && compare_order (g_array_index (entries, Entry, j).record->order,
                               first->record->order) == 0)
        {
          CmRecord *other = g_array_index (entries, Entry, j).record;

          if (!g_str_equal (other->text, first->record->text))
            {
              g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                           "Document “%s”, place %s: %s and %s have different texts", id,
                           first->record->order, first->record->where, other->where);
              return NULL;
            }
          j++;
        }
      if (text->len > 0)
        {
          g_string_append_c (text, '\n');
          offset++;
        }
      g_string_append (text, first->record->text);
      g_ptr_array_add (clauses, build_clause (first, j - i, clauses->len, offset,
                                              offset + length, taxonomy, unknown, language));
      offset += length;
      i = j;
    }
  document = cm_document_new (id, text->str);
  cm_document_set_language (document, language);
  cm_document_set_taxonomy_id (document, cm_taxonomy_get_id (taxonomy));
  cm_document_set_source (document, NULL, NULL, "UTF-8", loader);
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  return document;
}

static gboolean
check_timestamp (CmRecord    *record,
                 const char  *timestamp,
                 GError     **error)
{
  if (timestamp == NULL || cm_timestamp_is_valid (timestamp))
    return TRUE;
  g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
               "%s: the timestamp “%s” is not an ISO 8601 date and time with a zone "
               "(such as 2026-11-25T09:30:00Z)", record->where, timestamp);
  return FALSE;
}

/* Before anything is built: a bad one names its file and record here. */
static gboolean
check_timestamps (GPtrArray  *records,
                  GError    **error)
{
  for (guint i = 0; i < records->len; i++)
    {
      CmRecord *record = g_ptr_array_index (records, i);

      if (!check_timestamp (record, record->final_timestamp, error))
        return FALSE;
      for (guint a = 0; a < record->answers->len; a++)
        if (!check_timestamp (record, ((CmRecordAnswer *) g_ptr_array_index (record->answers, a))->timestamp,
                              error))
          return FALSE;
    }
  return TRUE;
}

/* What the records made must be a document the format accepts (an id too
 * long, a score outside 0..1...): refused here, naming the input file and
 * record, rather than at save, naming the output. Frees @document when not. */
static gboolean
check_built_document (CmDocument  *document,
                      GArray      *entries,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CmRecord *first = g_array_index (entries, Entry, 0).record;

  if (cm_document_check (document, &local_error))
    return TRUE;
  g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
               "%s: the document “%s” these records make is not valid: %s",
               first->where, cm_document_get_id (document), local_error->message);
  g_object_unref (document);
  return FALSE;
}

GPtrArray *
cm_interchange_build (GPtrArray              *records,
                      const CmImportOptions  *options,
                      const char             *loader,
                      GError                **error)
{
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  const char *language = options->language ? options->language : "und";
  GHashTableIter iter;
  gpointer key, value;

  taxonomy = cm_taxonomy_load (options->taxonomy ? options->taxonomy : "privacy-11", error);
  if (taxonomy == NULL || !check_timestamps (records, error))
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      CmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *id = safe_id (record->document ? record->document : record->id);
      GArray *entries = g_hash_table_lookup (groups, id);
      Entry entry = { record, i };

      if (entries == NULL)
        {
          entries = g_array_new (FALSE, FALSE, sizeof (Entry));
          g_hash_table_insert (groups, g_strdup (id), entries);
        }
      g_array_append_val (entries, entry);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CmDocument *document = build_document (key, value, taxonomy, unknown, language, loader,
                                             error);

      if (document == NULL || !check_built_document (document, value, error))
        return NULL;
      g_ptr_array_add (documents, document);
    }
  if (!report_unknown (unknown, taxonomy, error))
    return NULL;
  g_ptr_array_sort (documents, cm_document_compare_ids);
  return g_steal_pointer (&documents);
}

void
cm_interchange_foreach (GPtrArray          *documents,
                        CmExportClauseFunc  func,
                        gpointer            user_data)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (documents->len);

  for (guint d = 0; d < documents->len; d++)
    g_ptr_array_add (sorted, g_ptr_array_index (documents, d));
  g_ptr_array_sort (sorted, cm_document_compare_ids);
  for (guint d = 0; d < sorted->len; d++)
    {
      CmDocument *document = g_ptr_array_index (sorted, d);
      guint position = 0;

      for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);

          if (cm_clause_is_labelable (clause))
            func (document, clause, position++, user_data);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

gboolean
cm_interchange_format_from_string (const char           *name,
                                   const char           *path,
                                   CmInterchangeFormat  *format,
                                   GError              **error)
{
  if (name == NULL)
    {
      *format = path && g_str_has_suffix (path, ".jsonl") ? CM_INTERCHANGE_DOCCANO
                : path && g_str_has_suffix (path, ".csv") ? CM_INTERCHANGE_CSV
                : CM_INTERCHANGE_LABEL_STUDIO;
      return TRUE;
    }
  if (g_str_equal (name, "labelstudio") || g_str_equal (name, "label-studio"))
    *format = CM_INTERCHANGE_LABEL_STUDIO;
  else if (g_str_equal (name, "doccano"))
    *format = CM_INTERCHANGE_DOCCANO;
  else if (g_str_equal (name, "csv"))
    *format = CM_INTERCHANGE_CSV;
  else
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Unknown format “%s” (labelstudio, doccano or csv)", name);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
cm_interchange_import (CmInterchangeFormat     format,
                       const char * const     *paths,
                       const CmImportOptions  *options,
                       GError                **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_record_free);
  static const char * const loaders[] = { "label-studio", "doccano", "csv" };
  const CmImportOptions defaults = { 0 };

  g_return_val_if_fail (paths != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      gboolean ok = format == CM_INTERCHANGE_LABEL_STUDIO
                    ? cm_label_studio_read (paths[i], options, records, error)
                    : format == CM_INTERCHANGE_DOCCANO
                    ? cm_doccano_read (paths[i], options, records, error)
                    : cm_csv_read (paths[i], records, error);

      if (!ok)
        return NULL;
    }
  return cm_interchange_build (records, options, loaders[format], error);
}

char *
cm_interchange_export_to_string (CmInterchangeFormat   format,
                                 GPtrArray            *documents,
                                 GError              **error)
{
  g_return_val_if_fail (documents != NULL, NULL);

  switch (format)
    {
    case CM_INTERCHANGE_LABEL_STUDIO:
      return cm_label_studio_write (documents);
    case CM_INTERCHANGE_CSV:
      return cm_csv_write (documents);
    case CM_INTERCHANGE_DOCCANO:
    default:
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "doccano exports are one file per annotator: give a folder");
      return NULL;
    }
}

gboolean
cm_interchange_export (CmInterchangeFormat   format,
                       GPtrArray            *documents,
                       const char           *path,
                       GError              **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == CM_INTERCHANGE_DOCCANO)
    return cm_doccano_write (documents, path, error);
  data = cm_interchange_export_to_string (format, documents, error);
  return data != NULL && cm_write_file_atomically (path, data, strlen (data), FALSE, error);
}
