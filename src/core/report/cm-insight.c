/* cm-insight.c — what a corpus holds, as charts: the dashboard's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-insight"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cm-annotation.h"
#include "cm-error.h"
#include "cm-insight.h"
#include "cm-taxonomy.h"

#define CHART_WIDTH 520.0

struct _CmInsight
{
  GObject    parent_instance;

  GPtrArray *documents;  /* of CmDocument */
  GPtrArray *verdicts;   /* per document: GPtrArray of GListStore */
  GPtrArray *charts;     /* of CmChart */
};

G_DEFINE_FINAL_TYPE (CmInsight, cm_insight, G_TYPE_OBJECT)

/* One colour per verdict, in CmVerdict order. */
static const char * const verdict_colors[CM_N_VERDICTS] = {
  "#3c9a5f", "#e0a526", "#d1473c", "#b8b8b8"
};
static const char * const flag_colors[CM_N_FLAGS] = { "#3a6fd0", "#d1473c", "#8e44ad" };

static void
cm_insight_finalize (GObject *object)
{
  CmInsight *self = (CmInsight *) object;

  g_ptr_array_unref (self->documents);
  g_ptr_array_unref (self->verdicts);
  g_ptr_array_unref (self->charts);
  G_OBJECT_CLASS (cm_insight_parent_class)->finalize (object);
}

static void
cm_insight_class_init (CmInsightClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_insight_finalize;
}

static void
cm_insight_init (CmInsight *self)
{
  self->verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->charts = g_ptr_array_new_with_free_func (g_object_unref);
}

const char *
cm_report_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh") ? "zh" : "en";
}

static const char *
document_name (CmDocument *document)
{
  return cm_document_get_id (document);
}

static CmChart *
topics_chart (CmInsight  *self,
              CmTaxonomy *taxonomy,
              const char *lang)
{
  CmChart *chart = cm_chart_new (CM_CHART_STACKED_BARS, "topics", _("Clauses per topic"));
  guint n = self->documents->len, n_labels = cm_taxonomy_get_n_labels (taxonomy);
  g_autofree double *values = g_new0 (double, MAX (n, 1));

  for (guint d = 0; d < n; d++)
    cm_chart_add_row (chart, document_name (g_ptr_array_index (self->documents, d)));
  for (guint l = 0; l < n_labels; l++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, l);

      for (guint d = 0; d < n; d++)
        {
          CmDocument *document = g_ptr_array_index (self->documents, d);
          values[d] = 0;
          for (guint c = 0; c < cm_document_get_n_clauses (document); c++)
            values[d] += cm_clause_has_label (cm_document_get_clause (document, c), label->id);
        }
      cm_chart_add_series (chart, cm_label_get_name (label, lang), label->color, values, n);
    }
  return chart;
}

static CmChart *
flags_chart (CmInsight *self)
{
  CmChart *chart = cm_chart_new (CM_CHART_BARS, "flags", _("Flagged clauses"));
  guint n = self->documents->len;
  g_autofree double *values = g_new0 (double, MAX (n, 1));

  for (guint d = 0; d < n; d++)
    cm_chart_add_row (chart, document_name (g_ptr_array_index (self->documents, d)));
  for (guint f = 0; f < CM_N_FLAGS; f++)
    {
      for (guint d = 0; d < n; d++)
        {
          CmDocument *document = g_ptr_array_index (self->documents, d);
          values[d] = 0;
          for (guint c = 0; c < cm_document_get_n_clauses (document); c++)
            values[d] += cm_clause_has_flag (cm_document_get_clause (document, c), f);
        }
      cm_chart_add_series (chart, cm_flag_get_name (f), flag_colors[f], values, n);
    }
  return chart;
}

/* Columns: every item of every checklist met, in order; a document the
 * checklist does not apply to gets no colour there. */
static CmChart *
coverage_chart (CmInsight  *self,
                const char *lang)
{
  CmChart *chart = cm_chart_new (CM_CHART_MATRIX, "coverage", _("Disclosure checklist coverage"));
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();  /* of CmChecklistVerdict, first seen */
  guint n = self->documents->len;
  g_autofree double *values = g_new0 (double, MAX (n, 1));

  for (guint v = 0; v < CM_N_VERDICTS; v++)
    cm_chart_add_category (chart, cm_verdict_get_name (v), verdict_colors[v]);
  for (guint d = 0; d < n; d++)
    cm_chart_add_row (chart, document_name (g_ptr_array_index (self->documents, d)));
  /* The union of (checklist, item) over the documents, first seen first. */
  for (guint d = 0; d < n; d++)
    {
      GPtrArray *stores = g_ptr_array_index (self->verdicts, d);
      for (guint s = 0; s < stores->len; s++)
        {
          GListModel *model = g_ptr_array_index (stores, s);
          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            {
              g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (model, i);
              gboolean seen = FALSE;

              for (guint k = 0; k < columns->len && !seen; k++)
                seen = cm_checklist_verdict_get_item (g_ptr_array_index (columns, k))
                       == cm_checklist_verdict_get_item (verdict);
              if (!seen)
                g_ptr_array_add (columns, verdict);
            }
        }
    }
  for (guint k = 0; k < columns->len; k++)
    {
      CmChecklistVerdict *column = g_ptr_array_index (columns, k);
      const CmChecklistItem *item = cm_checklist_verdict_get_item (column);
      g_autofree char *name = g_strdup_printf ("%s · %s",
                                               cm_checklist_get_id (cm_checklist_verdict_get_checklist (column)),
                                               cm_checklist_item_get_name (item, lang));

      for (guint d = 0; d < n; d++)
        {
          GPtrArray *stores = g_ptr_array_index (self->verdicts, d);

          values[d] = -1;
          for (guint s = 0; s < stores->len; s++)
            {
              GListModel *model = g_ptr_array_index (stores, s);
              for (guint i = 0; i < g_list_model_get_n_items (model); i++)
                {
                  g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (model, i);
                  if (cm_checklist_verdict_get_item (verdict) == item)
                    values[d] = cm_checklist_verdict_get_verdict (verdict);
                }
            }
        }
      cm_chart_add_series (chart, name, "#000000", values, n);
    }
  return chart;
}

/* Who decided which clauses: each annotator's answers, else the clause's
 * reviewer; accepted and corrected apart. */
static CmChart *
review_chart (CmInsight *self)
{
  CmChart *chart = cm_chart_new (CM_CHART_STACKED_BARS, "review", _("Review progress per annotator"));
  g_autoptr(GHashTable) accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) corrected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  guint unreviewed = 0;
  g_autofree double *a = NULL, *c = NULL, *u = NULL;

  for (guint d = 0; d < self->documents->len; d++)
    {
      CmDocument *document = g_ptr_array_index (self->documents, d);

      for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);
          guint n_annotations = cm_clause_get_n_annotations (clause);

          if (!cm_clause_is_labelable (clause))
            continue;
          for (guint k = 0; k <= n_annotations; k++)
            {
              const char *who;
              CmReviewStatus status;
              GHashTable *table;

              if (k < n_annotations)
                {
                  CmAnnotation *annotation = cm_clause_get_annotation (clause, k);
                  who = cm_annotation_get_annotator (annotation);
                  status = cm_annotation_get_status (annotation);
                }
              else if (n_annotations == 0)
                {
                  who = cm_clause_get_reviewer (clause);
                  status = cm_clause_get_status (clause);
                }
              else
                break;
              if (status == CM_REVIEW_STATUS_UNREVIEWED)
                {
                  unreviewed++;
                  continue;
                }
              if (who == NULL)
                who = _("(no name)");
              if (!g_ptr_array_find_with_equal_func (people, who, g_str_equal, NULL))
                g_ptr_array_add (people, g_strdup (who));
              table = status == CM_REVIEW_STATUS_ACCEPTED ? accepted : corrected;
              g_hash_table_insert (table, g_strdup (who),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, who)) + 1));
            }
        }
    }
  g_ptr_array_sort (people, (GCompareFunc) g_strcmp0);
  a = g_new0 (double, people->len + 1);
  c = g_new0 (double, people->len + 1);
  u = g_new0 (double, people->len + 1);
  for (guint p = 0; p < people->len; p++)
    {
      const char *who = g_ptr_array_index (people, p);
      cm_chart_add_row (chart, who);
      a[p] = GPOINTER_TO_UINT (g_hash_table_lookup (accepted, who));
      c[p] = GPOINTER_TO_UINT (g_hash_table_lookup (corrected, who));
    }
  cm_chart_add_row (chart, _("(not reviewed)"));
  u[people->len] = unreviewed;
  cm_chart_add_series (chart, _("Accepted"), "#3c9a5f", a, people->len + 1);
  cm_chart_add_series (chart, _("Corrected"), "#3a6fd0", c, people->len + 1);
  cm_chart_add_series (chart, _("Not reviewed"), "#b8b8b8", u, people->len + 1);
  return chart;
}

CmInsight *
cm_insight_new (GPtrArray  *documents,
                GPtrArray  *checklists,
                GError    **error)
{
  g_autoptr(CmInsight) self = NULL;
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  const char *lang = cm_report_ui_language ();

  g_return_val_if_fail (documents != NULL, NULL);

  self = g_object_new (CM_TYPE_INSIGHT, NULL);
  self->documents = g_ptr_array_ref (documents);
  for (guint d = 0; d < documents->len; d++)
    {
      CmDocument *document = g_ptr_array_index (documents, d);
      g_autoptr(GPtrArray) bundled = NULL;
      GPtrArray *lists = checklists;
      GPtrArray *stores = g_ptr_array_new_with_free_func (g_object_unref);

      if (lists == NULL)
        {
          bundled = cm_checklist_load_bundled (cm_document_get_language (document), error);
          if (bundled == NULL)
            {
              g_ptr_array_unref (stores);
              return NULL;
            }
          lists = bundled;
        }
      for (guint c = 0; c < lists->len; c++)
        g_ptr_array_add (stores, cm_checklist_evaluate (g_ptr_array_index (lists, c), document));
      g_ptr_array_add (self->verdicts, stores);
    }
  taxonomy = cm_taxonomy_load (documents->len > 0
                               ? cm_document_get_taxonomy_id (g_ptr_array_index (documents, 0))
                               : "privacy-11", error);
  if (taxonomy == NULL)
    return NULL;
  g_ptr_array_add (self->charts, topics_chart (self, taxonomy, lang));
  g_ptr_array_add (self->charts, coverage_chart (self, lang));
  g_ptr_array_add (self->charts, flags_chart (self));
  g_ptr_array_add (self->charts, review_chart (self));
  return g_steal_pointer (&self);
}

GPtrArray *
cm_insight_get_documents (CmInsight *self)
{
  g_return_val_if_fail (CM_IS_INSIGHT (self), NULL);
  return self->documents;
}

GPtrArray *
cm_insight_get_verdicts (CmInsight *self,
                         guint      index)
{
  g_return_val_if_fail (CM_IS_INSIGHT (self), NULL);
  g_return_val_if_fail (index < self->verdicts->len, NULL);
  return g_ptr_array_index (self->verdicts, index);
}

GPtrArray *
cm_insight_get_charts (CmInsight *self)
{
  g_return_val_if_fail (CM_IS_INSIGHT (self), NULL);
  return self->charts;
}

CmChart *
cm_insight_get_chart (CmInsight  *self,
                      const char *id)
{
  g_return_val_if_fail (CM_IS_INSIGHT (self) && id != NULL, NULL);

  for (guint i = 0; i < self->charts->len; i++)
    if (g_str_equal (cm_chart_get_id (g_ptr_array_index (self->charts, i)), id))
      return g_ptr_array_index (self->charts, i);
  return NULL;
}

gboolean
cm_insight_export (CmInsight  *self,
                   const char *directory,
                   GError    **error)
{
  g_return_val_if_fail (CM_IS_INSIGHT (self) && directory != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: %s", directory, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < self->charts->len; i++)
    {
      CmChart *chart = g_ptr_array_index (self->charts, i);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", directory, cm_chart_get_id (chart));
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", directory, cm_chart_get_id (chart));
      g_autofree char *csv = g_strdup_printf ("%s/%s.csv", directory, cm_chart_get_id (chart));

      if (!cm_chart_save_png (chart, png, CHART_WIDTH, error)
          || !cm_chart_save_svg (chart, svg, CHART_WIDTH, error)
          || !cm_chart_save_csv (chart, csv, error))
        return FALSE;
    }
  return TRUE;
}
