/* cm-explanation.c — why a model gives a clause a label, in its own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-explanation"

#include "config.h"

#include <math.h>

#include "cm-clause-context.h"
#include "cm-error.h"
#include "cm-explanation.h"
#include "cm-stacker.h"

static void
explained_block_free (CmExplainedBlock *block)
{
  g_free (block->text);
  if (block->spans != NULL)
    g_array_unref (block->spans);
  g_free (block);
}

void
cm_explanation_free (CmExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_free (explanation->label);
  g_ptr_array_unref (explanation->blocks);
  g_free (explanation);
}

typedef struct
{
  guint32  bucket;
  guint    first;
  guint    last;
  gboolean skip;
} Occurrence;

static void
collect_occurrence (guint32  bucket,
                    guint    first,
                    guint    last,
                    gboolean skip,
                    gpointer user_data)
{
  Occurrence occurrence = { bucket, first, last, skip };

  g_array_append_val ((GArray *) user_data, occurrence);
}

/* Hands a text block's terms (@terms: bucket + 1 -> its term, as the
 * bits of a float) to the units of @text. */
static GArray *
spread_over_units (CmModel          *model,
                   CmFeatureScratch *scratch,
                   guint             which,
                   const char       *text,
                   GHashTable       *terms)
{
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autoptr(GHashTable) n_occurrences = g_hash_table_new (NULL, NULL);
  g_autofree double *unit_weight = NULL;
  GArray *spans;
  guint n_units;

  cm_features_foreach_ngram_units (cm_model_get_config (model), scratch, which, text,
                                   collect_occurrence, occurrences);
  n_units = cm_features_get_n_units (scratch);
  unit_weight = g_new0 (double, MAX (n_units, 1));
  for (guint i = 0; i < occurrences->len; i++)
    {
      gpointer key = GUINT_TO_POINTER (g_array_index (occurrences, Occurrence, i).bucket + 1);
      g_hash_table_insert (n_occurrences, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_occurrences, key)) + 1));
    }
  for (guint i = 0; i < occurrences->len; i++)
    {
      const Occurrence *o = &g_array_index (occurrences, Occurrence, i);
      gpointer key = GUINT_TO_POINTER (o->bucket + 1);
      double *term = g_hash_table_lookup (terms, key);
      double share;

      if (term == NULL)
        continue;
      share = *term / GPOINTER_TO_UINT (g_hash_table_lookup (n_occurrences, key));
      if (o->skip)
        {
          unit_weight[o->first] += share / 2.0;
          unit_weight[o->last] += share / 2.0;
        }
      else
        for (guint u = o->first; u <= o->last; u++)
          unit_weight[u] += share / (o->last - o->first + 1);
    }

  spans = g_array_sized_new (FALSE, FALSE, sizeof (CmWeightedSpan), n_units);
  for (guint u = 0; u < n_units; u++)
    {
      CmWeightedSpan span;

      cm_features_get_unit_span (scratch, u, &span.start, &span.end);
      span.weight = unit_weight[u];
      g_array_append_val (spans, span);
    }
  return spans;
}

/* The first stage's explanation (no probability yet). */
static CmExplanation *
explain_first_stage (CmModel                *model,
                     CmFeatureScratch       *scratch,
                     const char             *text,
                     const CmFeatureContext *context,
                     guint                   label)
{
  CmExplanation *explanation;
  guint which[CM_FEATURES_MAX_BLOCKS];
  const char *texts[CM_FEATURES_MAX_BLOCKS];
  guint n_blocks, start = 0;
  CmFeatureVector x;

  g_return_val_if_fail (CM_IS_MODEL (model) && scratch != NULL && text != NULL, NULL);
  g_return_val_if_fail (label < cm_model_get_n_labels (model), NULL);

  /* The vector exactly as scoring weighs it (TF, IDF, block scales, one
   * norm over every block). */
  cm_feature_vector_init (&x);
  cm_model_extract (model, scratch, text, context, &x);
  n_blocks = cm_features_list_blocks (cm_model_get_config (model), text, context, which, texts);
  g_return_val_if_fail (n_blocks == x.n_blocks, NULL);

  explanation = g_new0 (CmExplanation, 1);
  explanation->label = g_strdup (cm_model_get_labels (model)[label]);
  explanation->bias = cm_model_get_bias (model, label);
  explanation->threshold = cm_model_get_threshold (model, label);
  explanation->score = explanation->bias;
  explanation->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) explained_block_free);
  for (guint b = 0; b < n_blocks; b++)
    {
      g_autoptr(GHashTable) terms = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      CmExplainedBlock *block = g_new0 (CmExplainedBlock, 1);

      for (guint i = start; i < x.block_end[b]; i++)
        {
          double *term = g_new (double, 1);

          *term = x.value[i] * cm_model_get_weight (model, x.index[i], label);
          block->contribution += *term;
          g_hash_table_insert (terms, GUINT_TO_POINTER (x.index[i] + 1), term);
        }
      start = x.block_end[b];
      block->which = which[b];
      block->text = g_strdup (texts[b]);
      if (texts[b] != NULL)
        block->spans = spread_over_units (model, scratch, which[b], texts[b], terms);
      explanation->score += block->contribution;
      g_ptr_array_add (explanation->blocks, block);
    }
  cm_feature_vector_clear (&x);
  return explanation;
}

/* A model with a second stage (cm-stacker.h) scores the clause
 * w_own × s + w_previous × s_previous + w_next × s_next + w_section × mean
 * of its section's other clauses + b over first-stage scores s; a missing
 * neighbour or section reads as s itself. The first-stage explanation is
 * scaled by the weight s gets in all (its blocks and spans keep adding up
 * to their parts), and what the other clauses' scores add becomes one
 * block, CM_EXPLAINED_SCORES_AROUND. @previous, @next: the neighbours'
 * first-stage scores of the label, NULL when there is none; @section_mean:
 * the mean over the other clauses of the section, NULL when there is none. */
static void
explain_second_stage (CmExplanation *explanation,
                      CmModel       *model,
                      guint          label,
                      const double  *previous,
                      const double  *next,
                      const double  *section_mean)
{
  const float *stack = cm_model_get_stack (model);
  const float *w;
  double w_own, around = 0.0;

  if (stack == NULL)
    return;
  w = stack + (gsize) label * (CM_STACK_N_BLOCKS + 1);
  w_own = w[0] + (previous == NULL ? w[1] : 0.0) + (next == NULL ? w[2] : 0.0)
          + (section_mean == NULL ? w[3] : 0.0);
  around = (previous != NULL ? w[1] * *previous : 0.0) + (next != NULL ? w[2] * *next : 0.0)
           + (section_mean != NULL ? w[3] * *section_mean : 0.0);
  explanation->bias = w_own * explanation->bias + w[CM_STACK_N_BLOCKS];
  explanation->score = explanation->bias;
  for (guint b = 0; b < explanation->blocks->len; b++)
    {
      CmExplainedBlock *block = g_ptr_array_index (explanation->blocks, b);

      block->contribution *= w_own;
      for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
        g_array_index (block->spans, CmWeightedSpan, i).weight *= w_own;
      explanation->score += block->contribution;
    }
  if (previous != NULL || next != NULL || section_mean != NULL)
    {
      CmExplainedBlock *block = g_new0 (CmExplainedBlock, 1);

      block->which = CM_EXPLAINED_SCORES_AROUND;
      block->contribution = around;
      explanation->score += around;
      g_ptr_array_add (explanation->blocks, block);
    }
}

CmExplanation *
cm_model_explain_in_context (CmModel                *model,
                             CmFeatureScratch       *scratch,
                             const char             *text,
                             const CmFeatureContext *context,
                             guint                   label)
{
  CmExplanation *explanation;

  g_return_val_if_fail (CM_IS_MODEL (model) && scratch != NULL && text != NULL, NULL);
  g_return_val_if_fail (label < cm_model_get_n_labels (model), NULL);

  explanation = explain_first_stage (model, scratch, text, context, label);
  if (explanation == NULL)
    return NULL;
  /* Alone: no neighbour, no section. */
  explain_second_stage (explanation, model, label, NULL, NULL, NULL);
  explanation->probability = cm_model_probability (model, label, explanation->score);
  return explanation;
}

/* The clause @index of @contexts in its document, as annotation scores it:
 * with a second stage, over the first-stage scores of the other labelable
 * clauses around it. */
static CmExplanation *
explain_in_document (CmModel          *model,
                     CmFeatureScratch *scratch,
                     CmClauseContexts *contexts,
                     guint             index,
                     guint             label)
{
  CmExplanation *explanation;
  guint n = contexts->clauses->len, L = cm_model_get_n_labels (model);
  guint first, last;
  g_autofree guint *order = NULL;
  g_autofree CmStackPlace *places = NULL;
  g_autofree double *scores = NULL;
  double previous, next, section_mean = 0.0;
  CmFeatureVector x;

  explanation = explain_first_stage (model, scratch, g_ptr_array_index (contexts->texts, index),
                                     &contexts->contexts[index], label);
  if (explanation == NULL || cm_model_get_stack (model) == NULL)
    {
      if (explanation != NULL)
        explanation->probability = cm_model_probability (model, label, explanation->score);
      return explanation;
    }
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  places = cm_stack_places_of_contexts (contexts->contexts, order, n);
  for (first = index; first > 0 && places[first - 1].section == places[index].section; first--)
    ;
  for (last = index; last + 1 < n && places[last + 1].section == places[index].section; last++)
    ;
  /* The first-stage scores of the neighbours and of the section. */
  scores = g_new0 (double, (gsize) n * L);
  cm_feature_vector_init (&x);
  for (guint i = MIN (first, index > 0 ? index - 1 : 0); i <= MAX (last, MIN (index + 1, n - 1)); i++)
    cm_model_score_in_context (model, scratch, &x, g_ptr_array_index (contexts->texts, i),
                               &contexts->contexts[i], scores + (gsize) i * L);
  cm_feature_vector_clear (&x);
  previous = index > 0 ? scores[(gsize) (index - 1) * L + label] : 0.0;
  next = index + 1 < n ? scores[(gsize) (index + 1) * L + label] : 0.0;
  if (last > first)
    {
      /* As cm_stack_clause_features(): the section's sum in clause order,
       * less the clause's own score. */
      double sum = 0.0;

      for (guint i = first; i <= last; i++)
        sum += scores[(gsize) i * L + label];
      section_mean = (sum - scores[(gsize) index * L + label]) / (last - first);
    }
  explain_second_stage (explanation, model, label, index > 0 ? &previous : NULL,
                        index + 1 < n ? &next : NULL, last > first ? &section_mean : NULL);
  explanation->probability = cm_model_probability (model, label, explanation->score);
  return explanation;
}

const CmExplainedBlock *
cm_explanation_get_block (CmExplanation *explanation,
                          guint          which)
{
  g_return_val_if_fail (explanation != NULL, NULL);

  for (guint b = 0; b < explanation->blocks->len; b++)
    {
      const CmExplainedBlock *block = g_ptr_array_index (explanation->blocks, b);
      if (block->which == which)
        return block;
    }
  return NULL;
}

double
cm_explanation_get_share (CmExplanation *explanation,
                          guint          which)
{
  const CmExplainedBlock *wanted;
  double total = 0.0;

  g_return_val_if_fail (explanation != NULL, 0.0);

  wanted = cm_explanation_get_block (explanation, which);
  if (wanted == NULL)
    return 0.0;
  for (guint b = 0; b < explanation->blocks->len; b++)
    total += fabs (((const CmExplainedBlock *) g_ptr_array_index (explanation->blocks, b))->contribution);
  return total > 0.0 ? fabs (wanted->contribution) / total : 0.0;
}

const CmWeightedSpan *
cm_explained_block_top_span (const CmExplainedBlock *block)
{
  const CmWeightedSpan *top = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
    {
      const CmWeightedSpan *span = &g_array_index (block->spans, CmWeightedSpan, i);
      if (span->weight > 0.0 && (top == NULL || span->weight > top->weight))
        top = span;
    }
  return top;
}

double
cm_explanation_max_weight (CmExplanation *explanation)
{
  double max = 0.0;

  g_return_val_if_fail (explanation != NULL, 0.0);

  for (guint b = 0; b < explanation->blocks->len; b++)
    {
      const CmExplainedBlock *block = g_ptr_array_index (explanation->blocks, b);

      for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
        max = MAX (max, fabs (g_array_index (block->spans, CmWeightedSpan, i).weight));
    }
  return max;
}

CmExplanation *
cm_model_set_explain_clause (CmModelSet *set,
                             CmDocument *document,
                             CmClause   *clause,
                             const char *label,
                             GError    **error)
{
  g_autoptr(CmClauseContexts) contexts = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  const char *lang;
  CmModel *model;
  int index;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (document) && CM_IS_CLAUSE (clause), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  lang = cm_model_set_pick_language (set, document, clause);
  model = lang != NULL ? cm_model_set_get_model (set, lang) : NULL;
  if (model == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "no model for the clause's language");
      return NULL;
    }
  index = cm_model_find_label (model, label);
  if (index < 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "the %s model has no label '%s'", lang,
                   label);
      return NULL;
    }
  /* The clause as annotation reads it: among the labelable clauses of its
   * document, with their texts around it. */
  contexts = cm_clause_contexts_new (document);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  for (guint i = 0; i < contexts->clauses->len; i++)
    if (g_ptr_array_index (contexts->clauses, i) == clause)
      return explain_in_document (model, scratch, contexts, i, index);
  g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "clause %s is not labelled (a heading, or "
               "text outside the policy)", cm_clause_get_id (clause));
  return NULL;
}
