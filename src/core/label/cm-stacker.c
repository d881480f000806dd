/* cm-stacker.c — the second stage over a document's first-stage scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-stacker"

#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-stacker.h"

guint
cm_stack_dim (guint n_labels)
{
  return CM_STACK_N_BLOCKS * n_labels;
}

void
cm_stack_clause_features (const double *own,
                          const double *previous,
                          const double *next,
                          const double *section_sum,
                          guint         section_count,
                          guint         n_labels,
                          double       *features)
{
  guint L = n_labels;

  /* A missing neighbour reads as the clause itself, not as a zero score:
   * a sentence labelled alone then gets features (s, s, s, s), a monotone
   * rescaling of its own score, instead of looking like a sentence among
   * clear negatives. */
  memcpy (features, own, sizeof (double) * L);
  memcpy (features + L, previous != NULL ? previous : own, sizeof (double) * L);
  memcpy (features + 2 * L, next != NULL ? next : own, sizeof (double) * L);
  /* The mean of the section's other clauses. */
  for (guint l = 0; l < L; l++)
    features[3 * L + l] = section_count > 1 ? (section_sum[l] - own[l]) / (section_count - 1)
                                            : own[l];
}

void
cm_stack_section_sum (const double *scores,
                      guint         n,
                      guint         n_labels,
                      double       *sum)
{
  memset (sum, 0, sizeof (double) * n_labels);
  cm_stack_section_add (sum, scores, n, n_labels);
}

void
cm_stack_section_add (double       *sum,
                      const double *scores,
                      guint         n,
                      guint         n_labels)
{
  /* In clause order: the same sum to the last bit however the clauses
   * come (whole, or a window at a time). */
  for (guint i = 0; i < n; i++)
    for (guint l = 0; l < n_labels; l++)
      sum[l] += scores[(gsize) i * n_labels + l];
}

void
cm_stack_features (const double       *scores,
                   const CmStackPlace *places,
                   guint               n,
                   guint               n_labels,
                   double             *features)
{
  guint L = n_labels, D = cm_stack_dim (n_labels);
  g_autofree double *sum = g_new (double, L);

  g_return_if_fail ((scores != NULL && places != NULL && features != NULL) || n == 0);

  /* Each run of one section. */
  for (guint start = 0, end; start < n; start = end)
    {
      for (end = start + 1; end < n && places[end].document == places[start].document
                            && places[end].section == places[start].section; end++)
        ;
      cm_stack_section_sum (scores + (gsize) start * L, end - start, L, sum);
      for (guint i = start; i < end; i++)
        {
          const double *own = scores + (gsize) i * L;
          gboolean has_previous = i > 0 && places[i - 1].document == places[i].document;
          gboolean has_next = i + 1 < n && places[i + 1].document == places[i].document;

          cm_stack_clause_features (own, has_previous ? own - L : NULL,
                                    has_next ? own + L : NULL, sum, end - start, L,
                                    features + (gsize) i * D);
        }
    }
}

static void
silence (const char *message)
{
  (void) message;
}

void
cm_stack_train (const double  *features,
                const guint64 *labels,
                const guint   *rows,
                guint          n_rows,
                guint          n_labels,
                double         c,
                float         *weights)
{
  guint L = n_labels, D = cm_stack_dim (n_labels), B = CM_STACK_N_BLOCKS;
  struct problem prob = { 0 };
  struct parameter param = { 0 };
  g_autofree struct feature_node *nodes = NULL;
  g_autofree double *y = NULL;
  g_autofree struct feature_node **x = NULL;

  g_return_if_fail (features != NULL && labels != NULL && weights != NULL);

  nodes = g_new (struct feature_node, (gsize) MAX (n_rows, 1) * (B + 2));
  y = g_new (double, MAX (n_rows, 1));
  x = g_new (struct feature_node *, MAX (n_rows, 1));
  for (guint k = 0; k < n_rows; k++)
    {
      x[k] = nodes + (gsize) k * (B + 2);
      x[k][B].index = B + 1;
      x[k][B].value = 1.0;
      x[k][B + 1].index = -1;
    }
  prob.l = n_rows;
  prob.n = B + 1;
  prob.bias = 1.0;
  prob.x = x;
  prob.y = y;
  param.solver_type = L2R_LR;
  param.C = c;
  param.eps = 0.01;
  set_print_string_function (silence);

  for (guint l = 0; l < L; l++)
    {
      float *w = weights + (gsize) l * (B + 1);
      gboolean any_positive = FALSE, any_negative = FALSE;
      struct model *model;
      double sign;

      for (guint k = 0; k < n_rows; k++)
        {
          gboolean positive = (labels[rows[k]] >> l) & 1;

          y[k] = positive ? +1.0 : -1.0;
          any_positive |= positive;
          any_negative |= !positive;
          for (guint b = 0; b < B; b++)
            {
              x[k][b].index = b + 1;
              x[k][b].value = features[(gsize) rows[k] * D + b * L + l];
            }
        }
      if (!any_positive || !any_negative)
        {
          /* Nothing to learn: the first-stage score decides. */
          memset (w, 0, sizeof (float) * (B + 1));
          w[0] = 1.0f;
          continue;
        }
      model = train (&prob, &param);
      /* liblinear's decision value favours model->label[0]. */
      sign = model->label[0] == +1 ? 1.0 : -1.0;
      for (guint b = 0; b <= B; b++)
        w[b] = (float) (sign * model->w[b]);
      free_and_destroy_model (&model);
    }
}

void
cm_stack_apply (const float  *weights,
                const double *features,
                guint         n,
                guint         n_labels,
                double       *scores)
{
  guint L = n_labels, D = cm_stack_dim (n_labels), B = CM_STACK_N_BLOCKS;

  for (guint i = 0; i < n; i++)
    {
      const double *f = features + (gsize) i * D;

      for (guint l = 0; l < L; l++)
        {
          const float *w = weights + (gsize) l * (B + 1);
          double s = w[B];

          for (guint b = 0; b < B; b++)
            s += w[b] * f[b * L + l];
          scores[(gsize) i * L + l] = s;
        }
    }
}

CmStackPlace *
cm_stack_places_of_set (CmTrainingSet *set)
{
  guint n, section = 0;
  CmStackPlace *places;

  g_return_val_if_fail (set != NULL, NULL);

  n = cm_training_set_get_size (set);
  places = g_new (CmStackPlace, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      places[i].document = cm_training_set_get_group (set, i);
      if (i > 0 && (places[i].document != places[i - 1].document
                    || g_strcmp0 (cm_training_set_get_context (set, i)->heading,
                                  cm_training_set_get_context (set, i - 1)->heading) != 0))
        section++;
      places[i].section = section;
    }
  return places;
}

CmStackPlace *
cm_stack_places_of_contexts (const CmFeatureContext *contexts,
                             const guint            *order,
                             guint                   n)
{
  CmStackPlace *places;

  g_return_val_if_fail (n == 0 || (contexts != NULL && order != NULL), NULL);

  places = g_new (CmStackPlace, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      places[k].document = 0;
      places[k].section = k == 0 ? 0
                          : places[k - 1].section
                            + (g_strcmp0 (contexts[order[k]].heading,
                                          contexts[order[k - 1]].heading) != 0);
    }
  return places;
}

void
cm_model_stack_scores (CmModel            *model,
                       double             *scores,
                       const CmStackPlace *places,
                       guint               n)
{
  const float *stack;
  guint L;
  g_autofree double *features = NULL;

  g_return_if_fail (CM_IS_MODEL (model));
  g_return_if_fail ((scores != NULL && places != NULL) || n == 0);

  stack = cm_model_get_stack (model);
  if (stack == NULL || n == 0)
    return;
  L = cm_model_get_n_labels (model);
  features = g_new (double, (gsize) n * cm_stack_dim (L));
  cm_stack_features (scores, places, n, L, features);
  cm_stack_apply (stack, features, n, L, scores);
}

void
cm_model_score_examples (CmModel       *model,
                         CmTrainingSet *set,
                         const guint   *fold_of,
                         guint          fold,
                         double        *scores)
{
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autofree CmStackPlace *all_places = NULL;
  g_autofree CmStackPlace *places = NULL;
  g_autofree guint *rows = NULL;
  g_autofree double *picked = NULL;
  guint n, L, n_rows = 0;
  CmFeatureVector x;

  g_return_if_fail (CM_IS_MODEL (model) && set != NULL && scores != NULL);

  n = cm_training_set_get_size (set);
  L = cm_model_get_n_labels (model);
  all_places = cm_stack_places_of_set (set);
  rows = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (fold_of == NULL || fold_of[cm_training_set_get_group (set, i)] == fold)
      rows[n_rows++] = i;
  picked = g_new (double, (gsize) MAX (n_rows, 1) * L);
  places = g_new (CmStackPlace, MAX (n_rows, 1));
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  for (guint k = 0; k < n_rows; k++)
    {
      cm_model_score_in_context (model, scratch, &x, cm_training_set_get_text (set, rows[k]),
                                 cm_training_set_get_context (set, rows[k]),
                                 picked + (gsize) k * L);
      places[k] = all_places[rows[k]];
    }
  cm_feature_vector_clear (&x);
  cm_model_stack_scores (model, picked, places, n_rows);
  for (guint k = 0; k < n_rows; k++)
    memcpy (scores + (gsize) rows[k] * L, picked + (gsize) k * L, sizeof (double) * L);
}
