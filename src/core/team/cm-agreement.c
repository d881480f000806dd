/* cm-agreement.c — agreement of annotators on a set of documents
 *
 * Reads the documents into the dense table of cm-agreement-private.h
 * (clauses × annotators → label masks), computes, and answers questions
 * about the result. The arithmetic is in cm-agreement-stats.c, the JSON
 * output in cm-agreement-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-agreement"

#include "config.h"

#include <math.h>

#include "cm-agreement-private.h"
#include "cm-agreement.h"
#include "cm-document.h"
#include "cm-error.h"
#include "cm-merge.h"
#include "cm-taxonomy.h"

G_DEFINE_FINAL_TYPE (CmAgreement, cm_agreement, G_TYPE_OBJECT)

static void
cm_agreement_finalize (GObject *object)
{
  CmAgreement *self = (CmAgreement *) object;

  g_strfreev (self->annotators);
  g_strfreev (self->labels);
  cm_agreement_results_free (self->results);

  G_OBJECT_CLASS (cm_agreement_parent_class)->finalize (object);
}

static void
cm_agreement_class_init (CmAgreementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_agreement_finalize;
}

static void
cm_agreement_init (CmAgreement *self)
{
}

/* ------------------------------------------------------------------ */
/* From documents to the table                                         */
/* ------------------------------------------------------------------ */

/* What the thread needs: the table, and the names that go with it. */
typedef struct
{
  CmAgreementInput input;
  char           **annotators;
  char           **labels;
  guint            n_unannotated;
  guint            n_bootstrap;
  guint64          seed;
} Collected;

static void
collected_free (Collected *collected)
{
  g_free (collected->input.item_document);
  g_free (collected->input.codes);
  g_free (collected->input.gold);
  g_strfreev (collected->annotators);
  g_strfreev (collected->labels);
  g_free (collected);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Collected, collected_free)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_keys (GHashTable *set)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_hash_table_size (set);

  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

/* Labels in the taxonomy's order where it is a bundled one, then the
 * others by name. */
static char **
order_labels (GHashTable *labels,
              const char *taxonomy_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  if (taxonomy_id != NULL)
    taxonomy = cm_taxonomy_load_builtin (taxonomy_id, NULL);
  for (guint i = 0; taxonomy != NULL && i < cm_taxonomy_get_n_labels (taxonomy); i++)
    {
      const char *id = cm_taxonomy_get_label (taxonomy, i)->id;

      if (g_hash_table_contains (labels, id))
        {
          g_strv_builder_add (builder, id);
          g_hash_table_add (placed, (gpointer) id);
        }
    }
  rest = sorted_keys (labels);
  for (guint i = 0; rest[i] != NULL; i++)
    if (!g_hash_table_contains (placed, rest[i]))
      g_strv_builder_add (builder, rest[i]);
  return g_strv_builder_end (builder);
}

static guint64
label_mask (GHashTable         *label_index,
            const char * const *labels)
{
  guint64 mask = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    mask |= G_GUINT64_CONSTANT (1) << GPOINTER_TO_UINT (g_hash_table_lookup (label_index, labels[i]));
  return mask;
}

/* The same for labels that are not interned (a clause's final labels). */
static guint64
label_mask_strings (GHashTable         *label_index,
                    const char * const *labels)
{
  guint64 mask = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    mask |= G_GUINT64_CONSTANT (1)
            << GPOINTER_TO_UINT (g_hash_table_lookup (label_index, g_intern_string (labels[i])));
  return mask;
}

/* The names of annotators and labels in @documents. */
static gboolean
collect_names (GPtrArray   *documents,
               Collected   *collected,
               GError     **error)
{
  /* Annotators and their labels are interned: pointers are names. */
  g_autoptr(GHashTable) annotators = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) labels = g_hash_table_new (NULL, NULL);
  const char *last_annotator = NULL;
  const char *taxonomy = NULL;

  for (guint d = 0; d < documents->len; d++)
    {
      CmDocument *document = g_ptr_array_index (documents, d);

      if (taxonomy == NULL)
        taxonomy = cm_document_get_taxonomy_id (document);
      for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);

          for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
            {
              CmAnnotation *annotation = cm_clause_get_annotation (clause, a);
              const char * const *given = cm_annotation_get_labels (annotation);

              if (cm_annotation_get_annotator (annotation) != last_annotator)
                {
                  last_annotator = cm_annotation_get_annotator (annotation);
                  g_hash_table_add (annotators, (gpointer) last_annotator);
                }
              for (guint l = 0; given[l] != NULL; l++)
                g_hash_table_add (labels, (gpointer) given[l]);
            }
          if (cm_clause_get_adjudicated (clause))
            for (const char * const *l = cm_clause_get_labels (clause); *l != NULL; l++)
              g_hash_table_add (labels, (gpointer) g_intern_string (*l));
        }
    }
  if (g_hash_table_size (labels) > CM_AGREEMENT_MAX_LABELS)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                   "The annotations use %u different labels; agreement handles at most %d",
                   g_hash_table_size (labels), CM_AGREEMENT_MAX_LABELS);
      return FALSE;
    }
  collected->annotators = sorted_keys (annotators);
  collected->labels = order_labels (labels, taxonomy);
  return TRUE;
}

static Collected *
collect (GPtrArray  *documents_in,
         GError    **error)
{
  g_autoptr(Collected) collected = g_new0 (Collected, 1);
  g_autoptr(GPtrArray) documents = cm_merge_join (documents_in, error);
  g_autoptr(GHashTable) label_index = g_hash_table_new (NULL, NULL);  /* interned -> index */
  g_autoptr(GArray) item_document = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) gold = g_array_new (FALSE, FALSE, sizeof (guint64));
  CmAgreementInput *in = &collected->input;
  g_autofree const char **annotators = NULL;
  guint C;

  if (documents == NULL || !collect_names (documents, collected, error))
    return NULL;
  for (guint l = 0; collected->labels[l] != NULL; l++)
    g_hash_table_insert (label_index, (gpointer) g_intern_string (collected->labels[l]),
                         GUINT_TO_POINTER (l));
  C = g_strv_length (collected->annotators);
  annotators = g_new (const char *, MAX (C, 1));
  for (guint c = 0; c < C; c++)
    annotators[c] = g_intern_string (collected->annotators[c]);

  for (guint d = 0; d < documents->len; d++)
    {
      CmDocument *document = g_ptr_array_index (documents, d);

      for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);
          guint64 final = CM_AGREEMENT_MISSING;
          guint a = 0;

          if (!cm_clause_is_labelable (clause))
            continue;
          if (cm_clause_get_n_annotations (clause) == 0)
            {
              collected->n_unannotated++;
              continue;
            }
          /* Annotations and annotator names are both in name order. */
          for (guint c = 0; c < C; c++)
            {
              CmAnnotation *annotation = a < cm_clause_get_n_annotations (clause)
                                         ? cm_clause_get_annotation (clause, a) : NULL;
              guint64 mask = CM_AGREEMENT_MISSING;

              if (annotation != NULL && cm_annotation_get_annotator (annotation) == annotators[c])
                {
                  mask = label_mask (label_index, cm_annotation_get_labels (annotation));
                  a++;
                }
              g_array_append_val (codes, mask);
            }
          if (cm_clause_get_adjudicated (clause))
            final = label_mask_strings (label_index, cm_clause_get_labels (clause));
          g_array_append_val (gold, final);
          g_array_append_val (item_document, d);
        }
    }
  in->n_items = item_document->len;
  in->n_coders = C;
  in->n_labels = g_strv_length (collected->labels);
  in->n_documents = documents->len;
  in->item_document = (guint *) g_array_free (g_steal_pointer (&item_document), FALSE);
  in->codes = (guint64 *) g_array_free (g_steal_pointer (&codes), FALSE);
  in->gold = (guint64 *) g_array_free (g_steal_pointer (&gold), FALSE);
  return g_steal_pointer (&collected);
}

static CmAgreement *
compute_collected (Collected    *collected,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_autoptr(CmAgreement) self = g_object_new (CM_TYPE_AGREEMENT, NULL);

  self->results = cm_agreement_results_compute (&collected->input, collected->n_bootstrap,
                                                collected->seed, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  self->annotators = g_steal_pointer (&collected->annotators);
  self->labels = g_steal_pointer (&collected->labels);
  self->n_documents = collected->input.n_documents;
  self->n_items = collected->input.n_items;
  self->n_unannotated = collected->n_unannotated;
  self->seed = collected->seed;
  return g_steal_pointer (&self);
}

CmAgreement *
cm_agreement_compute (GPtrArray     *documents,
                      guint          n_bootstrap,
                      guint64        seed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(Collected) collected = NULL;

  g_return_val_if_fail (documents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  collected = collect (documents, error);
  if (collected == NULL)
    return NULL;
  collected->n_bootstrap = n_bootstrap;
  collected->seed = seed;
  return compute_collected (collected, cancellable, error);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  CmAgreement *agreement = compute_collected (task_data, cancellable, &error);

  if (agreement == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, agreement, g_object_unref);
}

void
cm_agreement_compute_async (GPtrArray           *documents,
                            guint                n_bootstrap,
                            guint64              seed,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  Collected *collected;

  g_return_if_fail (documents != NULL);

  g_task_set_source_tag (task, cm_agreement_compute_async);
  collected = collect (documents, &error);
  if (collected == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  collected->n_bootstrap = n_bootstrap;
  collected->seed = seed;
  g_task_set_task_data (task, collected, (GDestroyNotify) collected_free);
  g_task_run_in_thread (task, compute_thread);
}

CmAgreement *
cm_agreement_compute_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Questions                                                           */
/* ------------------------------------------------------------------ */

guint
cm_agreement_get_n_documents (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->n_documents;
}

guint
cm_agreement_get_n_items (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->n_items;
}

guint
cm_agreement_get_n_pairable (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->results->n_pairable;
}

guint
cm_agreement_get_n_unannotated (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->n_unannotated;
}

guint
cm_agreement_get_n_bootstrap (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->results->n_bootstrap;
}

guint64
cm_agreement_get_seed (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return self->seed;
}

guint
cm_agreement_get_n_annotators (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return g_strv_length (self->annotators);
}

const char *
cm_agreement_get_annotator (CmAgreement *self,
                            guint        annotator)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (annotator < cm_agreement_get_n_annotators (self), NULL);
  return self->annotators[annotator];
}

guint
cm_agreement_get_n_missing (CmAgreement *self,
                            guint        annotator)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  g_return_val_if_fail (annotator < cm_agreement_get_n_annotators (self), 0);
  return self->results->n_missing[annotator];
}

guint
cm_agreement_get_n_labels (CmAgreement *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  return g_strv_length (self->labels);
}

const char *
cm_agreement_get_label (CmAgreement *self,
                        guint        label)
{
  g_return_val_if_fail (CM_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (label < cm_agreement_get_n_labels (self), NULL);
  return self->labels[label];
}

static CmAgreementFigure
figure_at (CmAgreement *self,
           int          row,
           guint        stat)
{
  const CmAgreementResults *r = self->results;
  gsize i = (gsize) (row == CM_AGREEMENT_OVERALL ? r->n_rows - 1 : (guint) row) * r->n_stats + stat;

  return (CmAgreementFigure) { r->value[i], r->low[i], r->high[i], r->n_items[i] };
}

static gboolean
row_is_valid (CmAgreement *self,
              int          row)
{
  return row == CM_AGREEMENT_OVERALL || (row >= 0 && (guint) row < cm_agreement_get_n_labels (self));
}

CmAgreementFigure
cm_agreement_get_figure (CmAgreement        *self,
                         int                 row,
                         CmAgreementMeasure  measure)
{
  const CmAgreementFigure none = { NAN, NAN, NAN, 0 };

  g_return_val_if_fail (CM_IS_AGREEMENT (self), none);
  g_return_val_if_fail (row_is_valid (self, row), none);
  g_return_val_if_fail (measure <= CM_AGREEMENT_ALPHA_MASI, none);
  return figure_at (self, row, measure);
}

CmAgreementFigure
cm_agreement_get_cohen (CmAgreement *self,
                        int          row,
                        guint        annotator_a,
                        guint        annotator_b)
{
  const CmAgreementFigure none = { NAN, NAN, NAN, 0 };
  guint C, a, b, pair;

  g_return_val_if_fail (CM_IS_AGREEMENT (self), none);
  g_return_val_if_fail (row_is_valid (self, row), none);
  C = cm_agreement_get_n_annotators (self);
  g_return_val_if_fail (annotator_a < C && annotator_b < C && annotator_a != annotator_b, none);

  a = MIN (annotator_a, annotator_b);
  b = MAX (annotator_a, annotator_b);
  /* Pairs are numbered (0,1), (0,2), ..., (1,2), ... */
  pair = a * C - a * (a + 1) / 2 + (b - a - 1);
  return figure_at (self, row, CM_AGREEMENT_STAT_N_FIXED + pair);
}

gboolean
cm_agreement_get_scores (CmAgreement *self,
                         guint        annotator,
                         int          row,
                         double      *precision,
                         double      *recall,
                         double      *f1,
                         guint       *support)
{
  const CmAgreementResults *r;
  guint L, column;
  gsize i;
  double tp, fp, fn, p, rec;

  g_return_val_if_fail (CM_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (annotator < cm_agreement_get_n_annotators (self), FALSE);
  g_return_val_if_fail (row_is_valid (self, row), FALSE);

  r = self->results;
  L = cm_agreement_get_n_labels (self);
  column = row == CM_AGREEMENT_OVERALL ? L : (guint) row;
  i = (gsize) annotator * (L + 1) + column;
  tp = r->tp[i];
  fp = r->fp[i];
  fn = r->fn[i];
  /* Support: the adjudicated labels this annotator was scored on. */
  if (support)
    *support = r->tp[i] + r->fn[i];
  if (tp + fp + fn == 0 && r->tp[(gsize) annotator * (L + 1) + L] + r->fp[(gsize) annotator * (L + 1) + L]
      + r->fn[(gsize) annotator * (L + 1) + L] == 0)
    return FALSE;
  p = tp + fp > 0 ? tp / (tp + fp) : NAN;
  rec = tp + fn > 0 ? tp / (tp + fn) : NAN;
  if (precision)
    *precision = p;
  if (recall)
    *recall = rec;
  if (f1)
    *f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : NAN;
  return TRUE;
}

guint
cm_agreement_get_confusion (CmAgreement *self,
                            guint        a,
                            guint        b)
{
  guint L;

  g_return_val_if_fail (CM_IS_AGREEMENT (self), 0);
  L = cm_agreement_get_n_labels (self);
  g_return_val_if_fail (a <= L && b <= L, 0);
  return self->results->confusion[(gsize) MIN (a, b) * (L + 1) + MAX (a, b)];
}
