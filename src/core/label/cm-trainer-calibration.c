/* cm-trainer-calibration.c — a trained model's Platt parameters and
 * decision thresholds (each label's best F1 cut, or the rule of
 * CmTrainOptions' thresholds_from_labelled and threshold_blend), fitted on
 * scores of examples it was not trained on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-trainer"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-stacker.h"
#include "cm-trainer-private.h"

/* Platt scaling, with the regularised targets and the Newton method of
 * Lin, Lin and Weng, "A note on Platt's probabilistic outputs" (2007). */
static void
fit_platt (const double   *scores,
           const gboolean *positive,
           guint           n,
           double         *a_out,
           double         *b_out)
{
  double prior1 = 0, prior0 = 0, hi, lo, a, b, fval = 0.0;
  g_autofree double *t = g_new (double, n);

  for (guint i = 0; i < n; i++)
    positive[i] ? prior1++ : prior0++;
  hi = (prior1 + 1.0) / (prior1 + 2.0);
  lo = 1.0 / (prior0 + 2.0);
  a = 0.0;
  b = log ((prior0 + 1.0) / (prior1 + 1.0));
  for (guint i = 0; i < n; i++)
    {
      double f = scores[i] * a + b;
      t[i] = positive[i] ? hi : lo;
      fval += f >= 0 ? t[i] * f + log1p (exp (-f)) : (t[i] - 1) * f + log1p (exp (f));
    }
  for (guint iter = 0; iter < 100; iter++)
    {
      double h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0, det, da, db, gd, step;

      for (guint i = 0; i < n; i++)
        {
          double f = scores[i] * a + b, p, q, d1, d2;
          if (f >= 0)
            {
              p = exp (-f) / (1.0 + exp (-f));
              q = 1.0 / (1.0 + exp (-f));
            }
          else
            {
              p = 1.0 / (1.0 + exp (f));
              q = exp (f) / (1.0 + exp (f));
            }
          d2 = p * q;
          h11 += scores[i] * scores[i] * d2;
          h22 += d2;
          h21 += scores[i] * d2;
          d1 = t[i] - p;
          g1 += scores[i] * d1;
          g2 += d1;
        }
      if (fabs (g1) < 1e-5 && fabs (g2) < 1e-5)
        break;
      det = h11 * h22 - h21 * h21;
      da = -(h22 * g1 - h21 * g2) / det;
      db = -(-h21 * g1 + h11 * g2) / det;
      gd = g1 * da + g2 * db;
      for (step = 1.0; step >= 1e-10; step /= 2.0)
        {
          double na = a + step * da, nb = b + step * db, nf = 0.0;
          for (guint i = 0; i < n; i++)
            {
              double f = scores[i] * na + nb;
              nf += f >= 0 ? t[i] * f + log1p (exp (-f)) : (t[i] - 1) * f + log1p (exp (f));
            }
          if (nf < fval + 1e-4 * step * gd)
            {
              a = na;
              b = nb;
              fval = nf;
              break;
            }
        }
      if (step < 1e-10)
        break;
    }
  *a_out = a;
  *b_out = b;
}

typedef struct
{
  double   score;
  gboolean positive;
} Scored;

static int
compare_scored_desc (gconstpointer a,
                     gconstpointer b)
{
  double sa = ((const Scored *) a)->score, sb = ((const Scored *) b)->score;
  return sa > sb ? -1 : sa < sb ? 1 : 0;
}

/* The cut between sorted scores that maximises F1; @fallback when fewer
 * than CM_TRAINER_MIN_POSITIVES positives make the choice noise. */
static double
best_threshold (const double   *scores,
                const gboolean *positive,
                guint           n,
                double          fallback)
{
  g_autofree Scored *sorted = g_new (Scored, n);
  guint n_pos = 0, tp = 0;
  double best_f1 = -1.0, best = fallback;

  for (guint i = 0; i < n; i++)
    {
      sorted[i].score = scores[i];
      sorted[i].positive = positive[i];
      n_pos += positive[i];
    }
  if (n_pos < CM_TRAINER_MIN_POSITIVES || n == 0)
    return fallback;
  qsort (sorted, n, sizeof (Scored), compare_scored_desc);
  for (guint k = 0; k < n; k++)
    {
      double f1;
      tp += sorted[k].positive;
      /* Only cut between distinct scores. */
      if (k + 1 < n && sorted[k + 1].score == sorted[k].score)
        continue;
      f1 = 2.0 * tp / (double) (k + 1 + n_pos);
      if (f1 > best_f1)
        {
          best_f1 = f1;
          best = k + 1 < n ? (sorted[k].score + sorted[k + 1].score) / 2.0
                           : sorted[k].score - 1e-6;
        }
    }
  return best;
}

/* Platt's A must be negative (higher score, higher P); a label the
 * calibration data never shows keeps the default slope. */
static void
fit_platt_or_default (const double   *scores,
                      const gboolean *positive,
                      guint           n,
                      double         *a,
                      double         *b)
{
  fit_platt (scores, positive, n, a, b);
  if (!(*a < 0.0))
    {
      *a = -2.0;
      *b = 0.0;
    }
}

static double
platt_probability (double score,
                   double a,
                   double b)
{
  return 1.0 / (1.0 + exp (score * a + b));
}

/* The score whose calibrated probability is @p. */
static double
platt_score_of (double p,
                double a,
                double b)
{
  return (log (1.0 / p - 1.0) - b) / a;
}

/* F1's best cut, kept where the calibrated P is neither tiny nor near
 * certain: an extreme cut is fitted to a few examples. */
static double
tuned_cut (const double   *column,
           const gboolean *positive,
           guint           n,
           double          a,
           double          b)
{
  double lo = platt_score_of (CM_TRAINER_MIN_THRESHOLD_P, a, b);
  double hi = platt_score_of (CM_TRAINER_MAX_THRESHOLD_P, a, b);

  return CLAMP (best_threshold (column, positive, n, -b / a), lo, hi);
}

/* The one probability cut (0.10, 0.11 … 0.60) that maximises micro-F1 over
 * every label of @probabilities (n × L), the lowest of equals. */
static double
best_common_cut (const double  *probabilities,
                 const guint64 *labels,
                 guint          n,
                 guint          L)
{
  double best_cut = 0.5, best_f1 = -1.0;

  for (int step = 10; step <= 60; step++)
    {
      double cut = step / 100.0, f1;
      guint64 tp = 0, fp = 0, fn = 0;

      for (guint i = 0; i < n; i++)
        for (guint l = 0; l < L; l++)
          {
            gboolean predicted = probabilities[(gsize) i * L + l] >= cut;
            gboolean positive = (labels[i] >> l) & 1;

            tp += predicted && positive;
            fp += predicted && !positive;
            fn += !predicted && positive;
          }
      f1 = tp + fp + fn > 0 ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0;
      if (f1 > best_f1)
        {
          best_f1 = f1;
          best_cut = cut;
        }
    }
  return best_cut;
}

/* Thresholds as @options asks when it fits them on the labelled examples
 * or blends them with the common cut (see CmTrainOptions): each label's
 * best F1 cut on those examples, under their own Platt scaling, then moved
 * towards the common probability cut. */
static void
fit_thresholds_by_rule (CmModel              *model,
                        const double         *scores,
                        const guint64        *labels,
                        guint                 n,
                        const CmTrainOptions *options)
{
  guint L = cm_model_get_n_labels (model), m = 0;
  g_autofree double *subset = g_new (double, (gsize) MAX (n, 1) * L);
  g_autofree guint64 *subset_labels = g_new (guint64, MAX (n, 1));
  g_autofree double *probabilities = NULL;
  g_autofree double *column = NULL;
  g_autofree gboolean *positive = NULL;
  g_autofree double *a = g_new (double, L);
  g_autofree double *b = g_new (double, L);
  g_autofree double *cut = g_new (double, L);
  double common = 0.0;

  for (guint i = 0; i < n; i++)
    if (!options->thresholds_from_labelled || labels[i] != 0)
      {
        memcpy (subset + (gsize) m * L, scores + (gsize) i * L, L * sizeof (double));
        subset_labels[m++] = labels[i];
      }
  column = g_new (double, MAX (m, 1));
  positive = g_new (gboolean, MAX (m, 1));
  for (guint l = 0; l < L; l++)
    {
      for (guint i = 0; i < m; i++)
        {
          column[i] = subset[(gsize) i * L + l];
          positive[i] = (subset_labels[i] >> l) & 1;
        }
      fit_platt_or_default (column, positive, m, &a[l], &b[l]);
      cut[l] = tuned_cut (column, positive, m, a[l], b[l]);
    }
  if (options->threshold_blend > 0.0)
    {
      probabilities = g_new (double, (gsize) MAX (m, 1) * L);
      for (guint i = 0; i < m; i++)
        for (guint l = 0; l < L; l++)
          probabilities[(gsize) i * L + l] = platt_probability (subset[(gsize) i * L + l], a[l], b[l]);
      common = best_common_cut (probabilities, subset_labels, m, L);
    }
  for (guint l = 0; l < L; l++)
    {
      double share = CLAMP (options->threshold_blend, 0.0, 1.0);
      double p = (1.0 - share) * platt_probability (cut[l], a[l], b[l]) + share * common;

      cm_model_set_threshold (model, l, share > 0.0 ? platt_score_of (p, a[l], b[l]) : cut[l]);
    }
}

void
cm_trainer_calibrate_from_scores (CmModel              *model,
                                  const double         *scores,  /* n × L */
                                  const guint64        *labels,
                                  guint                 n,
                                  const CmTrainOptions *options)
{
  guint L = cm_model_get_n_labels (model);
  g_autofree double *column = g_new (double, MAX (n, 1));
  g_autofree gboolean *positive = g_new (gboolean, MAX (n, 1));
  gboolean tune = options == NULL || options->tune_thresholds;
  gboolean by_rule = tune && options != NULL
                     && (options->thresholds_from_labelled || options->threshold_blend > 0.0);

  for (guint l = 0; l < L; l++)
    {
      double a, b;

      for (guint i = 0; i < n; i++)
        {
          column[i] = scores[(gsize) i * L + l];
          positive[i] = (labels[i] >> l) & 1;
        }
      fit_platt_or_default (column, positive, n, &a, &b);
      cm_model_set_platt (model, l, a, b);
      /* without tuning: the score where P = 0.5 */
      cm_model_set_threshold (model, l, tune ? tuned_cut (column, positive, n, a, b) : -b / a);
    }
  if (by_rule)
    fit_thresholds_by_rule (model, scores, labels, n, options);
}

void
cm_trainer_calibrate_scores (CmModel              *model,
                             const double         *scores,
                             const guint64        *labels,
                             guint                 n,
                             const CmTrainOptions *options)
{
  g_return_if_fail (CM_IS_MODEL (model) && (n == 0 || (scores != NULL && labels != NULL)));
  cm_trainer_calibrate_from_scores (model, scores, labels, n, options);
}

void
cm_trainer_calibrate (CmModel              *model,
                      CmTrainingSet        *set,
                      const CmTrainOptions *options)
{
  guint n, L;
  g_autofree double *scores = NULL;
  g_autofree guint64 *labels = NULL;

  g_return_if_fail (CM_IS_MODEL (model) && set != NULL);

  n = cm_training_set_get_size (set);
  L = cm_model_get_n_labels (model);
  scores = g_new (double, (gsize) MAX (n, 1) * L);
  labels = g_new (guint64, MAX (n, 1));
  cm_model_score_examples (model, set, NULL, 0, scores);
  for (guint i = 0; i < n; i++)
    labels[i] = cm_training_set_get_labels (set, i);
  cm_trainer_calibrate_from_scores (model, scores, labels, n, options);
}
