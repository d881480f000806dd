/* cm-cross-validation.c — a training recipe's quality on unseen documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-cross-validation"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cm-cross-validation.h"
#include "cm-error.h"
#include "cm-stacker.h"

/* Per document and label: true positives, false positives, false negatives. */
#define N_COUNTS 3

/* The two ways of counting: the sentences that have a label (the issue's
 * yardstick, and the convention of published CAPP-130 figures: no-topic
 * sentences are trained on and predicted, but only their false positives
 * would count, and those are left out), and every sentence. */
typedef enum
{
  COUNT_WITH_A_LABEL,
  COUNT_ALL,
  N_COUNTINGS
} Counting;

struct _CmCrossValidation
{
  guint          n_folds;
  guint          n_labels;
  char         **label_ids;
  CmEvaluation  *pooled;
  CmEvaluation  *topical;       /* the same, on examples with at least one label */
  CmEvaluation **folds;
  guint         *fold_sizes;
  guint          n_groups;
  guint         *group_counts[N_COUNTINGS];  /* each n_groups × n_labels × N_COUNTS */
  gboolean      *group_evaluated;
  guint          n_bootstrap;
  gboolean       pooled_thresholds;
  double        *intervals[N_COUNTINGS];     /* each (2 + n_labels) × 2: micro, macro,
                                             * each label */
};

void
cm_cross_validation_options_init (CmCrossValidationOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_folds = 5;
  options->seed = 20261130;
  options->n_bootstrap = 1000;
  options->extra = NULL;
  options->pooled_thresholds = FALSE;
  options->dump_dir = NULL;
}

void
cm_cross_validation_free (CmCrossValidation *cv)
{
  if (cv == NULL)
    return;
  cm_evaluation_free (cv->pooled);
  cm_evaluation_free (cv->topical);
  g_strfreev (cv->label_ids);
  for (guint f = 0; f < cv->n_folds; f++)
    cm_evaluation_free (cv->folds[f]);
  g_free (cv->folds);
  g_free (cv->fold_sizes);
  for (guint c = 0; c < N_COUNTINGS; c++)
    {
      g_free (cv->group_counts[c]);
      g_free (cv->intervals[c]);
    }
  g_free (cv->group_evaluated);
  g_free (cv);
}

/* The examples of @set outside fold @fold, plus @extra, each document a
 * group, so that the trainer's own calibration folds are grouped too. */
static CmTrainingSet *
training_part (CmTrainingSet *set,
               const guint   *fold_of,
               guint          fold,
               CmTrainingSet *extra)
{
  CmTrainingSet *train = cm_training_set_new ();
  guint n = cm_training_set_get_size (set);
  g_autofree gboolean *keep = g_new (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    keep[i] = fold_of[cm_training_set_get_group (set, i)] != fold;
  cm_training_set_append (train, set, keep);
  if (extra != NULL)
    cm_training_set_append (train, extra, NULL);
  return train;
}

static void
count_example (CmCrossValidation *cv,
               guint              group,
               guint64            truth,
               guint64            predicted)
{
  cv->group_evaluated[group] = TRUE;
  for (guint c = 0; c < N_COUNTINGS; c++)
    {
      guint *counts = cv->group_counts[c] + (gsize) group * cv->n_labels * N_COUNTS;

      if (c == COUNT_WITH_A_LABEL && truth == 0)
        continue;
      for (guint l = 0; l < cv->n_labels; l++)
        {
          gboolean t = (truth >> l) & 1, p = (predicted >> l) & 1;

          counts[l * N_COUNTS + 0] += t && p;
          counts[l * N_COUNTS + 1] += !t && p;
          counts[l * N_COUNTS + 2] += t && !p;
        }
    }
}

/* One held-out example's outcome under @model's thresholds. */
static void
record_prediction (CmCrossValidation *cv,
                   CmModel           *model,
                   guint              fold,
                   guint              group,
                   guint64            truth,
                   const double      *scores)
{
  double probabilities[CM_MODEL_MAX_LABELS];
  guint64 predicted = 0;

  for (guint l = 0; l < cv->n_labels; l++)
    {
      probabilities[l] = cm_model_probability (model, l, scores[l]);
      if (scores[l] >= cm_model_get_threshold (model, l))
        predicted |= G_GUINT64_CONSTANT (1) << l;
    }
  cm_evaluation_add (cv->pooled, truth, predicted, probabilities);
  if (truth != 0)
    cm_evaluation_add (cv->topical, truth, predicted, probabilities);
  cm_evaluation_add (cv->folds[fold], truth, predicted, probabilities);
  count_example (cv, group, truth, predicted);
  cv->fold_sizes[fold]++;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return da < db ? -1 : da > db ? 1 : 0;
}

/* 2.5th and 97.5th percentiles of @values (sorted in place). */
static void
percentile_interval (double *values,
                     guint   n,
                     double *low,
                     double *high)
{
  if (n == 0)
    {
      *low = *high = 0.0;
      return;
    }
  qsort (values, n, sizeof (double), compare_doubles);
  *low = values[(guint) (0.025 * (n - 1) + 0.5)];
  *high = values[(guint) (0.975 * (n - 1) + 0.5)];
}

/* Resamples the evaluated documents with replacement, n_bootstrap times
 * (the same resamples for both countings). */
static void
bootstrap (CmCrossValidation *cv,
           Counting           counting,
           guint32            seed)
{
  guint L = cv->n_labels, n_docs = 0, n_stats = 2 + L;
  g_autofree guint *docs = g_new (guint, MAX (cv->n_groups, 1));
  g_autofree double *samples = g_new (double, (gsize) n_stats * cv->n_bootstrap);
  g_autofree guint *n_samples = g_new0 (guint, n_stats);
  g_autofree guint64 *sum = g_new (guint64, (gsize) L * N_COUNTS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0xB007u);

  for (guint g = 0; g < cv->n_groups; g++)
    if (cv->group_evaluated[g])
      docs[n_docs++] = g;
  cv->intervals[counting] = g_new0 (double, (gsize) n_stats * 2);
  if (n_docs == 0)
    return;

  for (guint b = 0; b < cv->n_bootstrap; b++)
    {
      guint64 tp = 0, fp = 0, fn = 0;
      double macro = 0.0;
      guint n_present = 0;

      memset (sum, 0, sizeof (guint64) * L * N_COUNTS);
      for (guint d = 0; d < n_docs; d++)
        {
          const guint *counts = cv->group_counts[counting]
                                + (gsize) docs[g_rand_int_range (rand, 0, n_docs)] * L * N_COUNTS;
          for (guint k = 0; k < L * N_COUNTS; k++)
            sum[k] += counts[k];
        }
      for (guint l = 0; l < L; l++)
        {
          guint64 ltp = sum[l * N_COUNTS], lfp = sum[l * N_COUNTS + 1], lfn = sum[l * N_COUNTS + 2];
          double f1;

          tp += ltp;
          fp += lfp;
          fn += lfn;
          if (ltp + lfn == 0)
            continue;  /* absent from this resample: as cm_evaluation_macro_f1() */
          f1 = 2.0 * ltp / (double) (2 * ltp + lfp + lfn);
          macro += f1;
          n_present++;
          samples[(gsize) (2 + l) * cv->n_bootstrap + n_samples[2 + l]++] = f1;
        }
      samples[n_samples[0]++] = tp + fp + fn > 0 ? 2.0 * tp / (double) (2 * tp + fp + fn) : 0.0;
      samples[(gsize) cv->n_bootstrap + n_samples[1]++] = n_present > 0 ? macro / n_present : 0.0;
    }
  for (guint k = 0; k < n_stats; k++)
    percentile_interval (samples + (gsize) k * cv->n_bootstrap, n_samples[k],
                         &cv->intervals[counting][2 * k], &cv->intervals[counting][2 * k + 1]);
}

/* The first-stage scores of fold @fold's held-out examples into @first
 * (the model's second stage set aside), and per label its threshold and
 * Platt A, B into @calibration. */
static void
dump_fold (CmModel       *model,
           CmTrainingSet *set,
           const guint   *fold_of,
           guint          fold,
           double        *first,
           double        *calibration)
{
  guint L = cm_model_get_n_labels (model);
  g_autofree float *stack = NULL;

  if (cm_model_get_stack (model) != NULL)
    stack = g_memdup2 (cm_model_get_stack (model), sizeof (float) * L * (CM_STACK_N_BLOCKS + 1));
  cm_model_set_stack (model, NULL);
  cm_model_score_examples (model, set, fold_of, fold, first);
  cm_model_set_stack (model, stack);
  for (guint l = 0; l < L; l++)
    {
      calibration[l * 3] = cm_model_get_threshold (model, l);
      cm_model_get_platt (model, l, &calibration[l * 3 + 1], &calibration[l * 3 + 2]);
    }
}

/* The held-out side of the dump (cm-score-dump.h), next to each fold's
 * foldF-inner-* arrays (cm-trainer.c): group (u32, each example's
 * document), fold (u32, the fold that holds it out), truth (u64 label
 * masks), scores (f64 × labels: the held-out scores the figures are
 * counted from), first (f64 × labels: their first stage), places (u32 × 2:
 * document and section, cm-stacker.h), calibration (f64, folds × labels ×
 * 3: threshold, Platt A, Platt B) and the matrix of every example
 * (cm_trainer_dump_matrix()). */
static gboolean
dump_outer (CmScoreDump           *dump,
            CmTrainingSet         *set,
            const CmFeatureConfig *config,
            guint                  n_folds,
            guint                  L,
            const guint           *fold_of,
            const guint64         *truth,
            const double          *scores,
            const double          *first,
            const double          *calibration,
            GError               **error)
{
  guint n = cm_training_set_get_size (set);
  g_autofree guint32 *groups = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *folds = g_new (guint32, MAX (n, 1));
  g_autofree CmStackPlace *places = cm_stack_places_of_set (set);
  g_autofree guint32 *place_values = g_new (guint32, (gsize) MAX (n, 1) * 2);

  for (guint i = 0; i < n; i++)
    {
      groups[i] = cm_training_set_get_group (set, i);
      folds[i] = fold_of[groups[i]];
      place_values[2 * i] = places[i].document;
      place_values[2 * i + 1] = places[i].section;
    }
  cm_score_dump_set (dump, "examples", n);
  cm_score_dump_set (dump, "labels", L);
  cm_score_dump_set (dump, "folds", n_folds);
  cm_score_dump_set (dump, "inner_folds", CM_TRAINER_INNER_FOLDS);
  return cm_score_dump_write (dump, "group", "u32", groups, n, 1, error)
      && cm_score_dump_write (dump, "fold", "u32", folds, n, 1, error)
      && cm_score_dump_write (dump, "truth", "u64", truth, n, 1, error)
      && cm_score_dump_write (dump, "scores", "f64", scores, n, L, error)
      && cm_score_dump_write (dump, "first", "f64", first, n, L, error)
      && cm_score_dump_write (dump, "places", "u32", place_values, n, 2, error)
      && cm_score_dump_write (dump, "calibration", "f64", calibration, n_folds, L * 3, error)
      && cm_trainer_dump_matrix (dump, config, set, error)
      && cm_score_dump_finish (dump, error);
}

CmCrossValidation *
cm_cross_validate (CmTrainingSet                  *set,
                   const char                     *language,
                   const CmTrainOptions           *train_options,
                   const CmCrossValidationOptions *options,
                   CmProgressFunc                  progress,
                   gpointer                        user_data,
                   GCancellable                   *cancellable,
                   GError                        **error)
{
  g_autoptr(CmCrossValidation) cv = NULL;
  g_autofree guint *fold_of = NULL;
  g_autoptr(CmModel) last_model = NULL;
  g_autofree double *scores = NULL;
  g_autofree guint64 *truth = NULL;
  g_autofree double *first = NULL;
  g_autofree double *calibration = NULL;
  g_autoptr(CmScoreDump) dump = NULL;
  CmCrossValidationOptions defaults;
  CmTrainOptions fold_options;
  const char * const *label_ids = NULL;
  guint n, L;

  g_return_val_if_fail (set != NULL && language != NULL && train_options != NULL, NULL);

  label_ids = cm_train_options_get_label_ids (train_options);
  if (options == NULL)
    {
      cm_cross_validation_options_init (&defaults);
      options = &defaults;
    }
  if (options->n_folds < 2 || cm_training_set_get_n_groups (set) < options->n_folds)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "cross-validation needs at least %u documents (%u given)",
                   MAX (options->n_folds, 2), cm_training_set_get_n_groups (set));
      return NULL;
    }

  n = cm_training_set_get_size (set);
  L = g_strv_length ((char **) label_ids);
  cv = g_new0 (CmCrossValidation, 1);
  cv->n_folds = options->n_folds;
  cv->n_labels = L;
  cv->label_ids = g_strdupv ((char **) label_ids);
  cv->pooled = cm_evaluation_new (label_ids);
  cv->topical = cm_evaluation_new (label_ids);
  cv->folds = g_new0 (CmEvaluation *, cv->n_folds);
  cv->fold_sizes = g_new0 (guint, cv->n_folds);
  cv->n_groups = cm_training_set_get_n_groups (set);
  for (guint c = 0; c < N_COUNTINGS; c++)
    cv->group_counts[c] = g_new0 (guint, (gsize) cv->n_groups * L * N_COUNTS);
  cv->group_evaluated = g_new0 (gboolean, cv->n_groups);
  cv->n_bootstrap = options->n_bootstrap;
  cv->pooled_thresholds = options->pooled_thresholds;
  fold_of = cm_training_set_assign_folds (set, cv->n_folds, options->seed);
  scores = g_new0 (double, (gsize) MAX (n, 1) * L);
  truth = g_new0 (guint64, MAX (n, 1));
  fold_options = *train_options;
  fold_options.skip_calibration = options->pooled_thresholds;
  if (options->dump_dir != NULL)
    {
      dump = cm_score_dump_new (options->dump_dir, error);
      if (dump == NULL)
        return NULL;
      fold_options.dump = dump;
      first = g_new0 (double, (gsize) MAX (n, 1) * L);
      calibration = g_new0 (double, (gsize) cv->n_folds * L * 3);
    }

  /* Each fold's model scores its held-out documents; nested, its own
   * calibration decides; pooled, one calibration over every fold's scores
   * decides afterwards. */
  for (guint f = 0; f < cv->n_folds; f++)
    {
      g_autoptr(CmTrainingSet) train = NULL;
      g_autoptr(CmModel) model = NULL;
      g_autofree char *prefix = g_strdup_printf ("fold%u-", f);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      train = training_part (set, fold_of, f, options->extra);
      fold_options.dump_prefix = prefix;
      model = cm_trainer_train (train, NULL, language, "privacy-11", &fold_options, error);
      if (model == NULL)
        return NULL;
      if (dump != NULL)
        dump_fold (model, set, fold_of, f, first, calibration + (gsize) f * L * 3);
      cv->folds[f] = cm_evaluation_new (label_ids);
      /* whole documents: a second stage reads the neighbours' scores */
      cm_model_score_examples (model, set, fold_of, f, scores);
      for (guint i = 0; i < n; i++)
        {
          if (fold_of[cm_training_set_get_group (set, i)] != f)
            continue;
          truth[i] = cm_training_set_get_labels (set, i);
          if (!options->pooled_thresholds)
            record_prediction (cv, model, f, cm_training_set_get_group (set, i), truth[i],
                               scores + (gsize) i * L);
        }
      g_set_object (&last_model, model);
      /* A long run can be read while it goes (G_MESSAGES_DEBUG): the
       * figures of the folds done so far, pooled. */
      if (!options->pooled_thresholds)
        g_debug ("fold %u of %u: micro-F1 %.4f on its sentences; folds 1-%u pooled: %.4f with a label, %.4f on every sentence",
                 f + 1, cv->n_folds, cm_evaluation_micro_f1 (cv->folds[f]), f + 1,
                 cm_evaluation_micro_f1 (cv->topical), cm_evaluation_micro_f1 (cv->pooled));
      if (progress != NULL)
        progress ((f + 1) / (double) cv->n_folds, user_data);
    }
  if (dump != NULL && !dump_outer (dump, set, &train_options->features, cv->n_folds, L, fold_of,
                                   truth, scores, first, calibration, error))
    return NULL;
  if (options->pooled_thresholds)
    {
      cm_trainer_calibrate_scores (last_model, scores, truth, n, train_options);
      for (guint i = 0; i < n; i++)
        {
          guint g = cm_training_set_get_group (set, i);
          record_prediction (cv, last_model, fold_of[g], g, truth[i], scores + (gsize) i * L);
        }
    }
  if (cv->n_bootstrap > 0)
    for (guint c = 0; c < N_COUNTINGS; c++)
      bootstrap (cv, c, options->seed);
  return g_steal_pointer (&cv);
}

CmEvaluation *
cm_cross_validation_get_evaluation (CmCrossValidation *cv,
                                    gboolean           with_a_label)
{
  g_return_val_if_fail (cv != NULL, NULL);
  return with_a_label ? cv->topical : cv->pooled;
}

gboolean
cm_cross_validation_get_interval (CmCrossValidation *cv,
                                  gboolean           with_a_label,
                                  int                label,
                                  gboolean           macro,
                                  double            *low,
                                  double            *high)
{
  const double *intervals;
  guint k;

  g_return_val_if_fail (cv != NULL && low != NULL && high != NULL, FALSE);
  g_return_val_if_fail (label < (int) cv->n_labels, FALSE);

  intervals = cv->intervals[with_a_label ? COUNT_WITH_A_LABEL : COUNT_ALL];
  if (intervals == NULL)
    return FALSE;
  k = label >= 0 ? 2 + (guint) label : macro ? 1 : 0;
  *low = intervals[2 * k];
  *high = intervals[2 * k + 1];
  return TRUE;
}

/* One counting's figures: the evaluation's table, then the intervals. */
static void
append_counting (CmCrossValidation *cv,
                 GString           *out,
                 gboolean           with_a_label)
{
  const char * const *label_ids = (const char * const *) cv->label_ids;
  CmEvaluation *evaluation = cm_cross_validation_get_evaluation (cv, with_a_label);
  g_autofree char *table = cm_evaluation_to_text (evaluation);
  double low, high;

  g_string_append_printf (out, "%s: %u sentences\n\n",
                          with_a_label
                          ? "COUNTED ON THE SENTENCES WITH A LABEL (the yardstick: no-topic "
                            "sentences are trained on and predicted, left out of the count)"
                          : "COUNTED ON EVERY SENTENCE (no-topic ones included: their false "
                            "positives count too)",
                          cm_evaluation_get_n_examples (evaluation));
  g_string_append (out, table);
  if (!cm_cross_validation_get_interval (cv, with_a_label, -1, FALSE, &low, &high))
    return;
  g_string_append_printf (out, "\n95%% bootstrap intervals over %u resamples of the documents\n",
                          cv->n_bootstrap);
  g_string_append_printf (out, "%-20s [%.3f, %.3f]\n", "micro-F1", low, high);
  cm_cross_validation_get_interval (cv, with_a_label, -1, TRUE, &low, &high);
  g_string_append_printf (out, "%-20s [%.3f, %.3f]\n", "macro-F1", low, high);
  for (guint l = 0; l < cv->n_labels; l++)
    {
      cm_cross_validation_get_interval (cv, with_a_label, l, FALSE, &low, &high);
      g_string_append_printf (out, "%-20s [%.3f, %.3f]\n", label_ids[l], low, high);
    }
}

char *
cm_cross_validation_to_text (CmCrossValidation *cv)
{
  GString *out;

  g_return_val_if_fail (cv != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%u-fold cross-validation grouped by document (%s)\n\n",
                          cv->n_folds,
                          cv->pooled_thresholds
                          ? "thresholds and calibration fitted on the pooled held-out scores: "
                            "optimistic, for comparing recipes only"
                          : "thresholds and calibration tuned inside each fold");
  append_counting (cv, out, TRUE);
  g_string_append (out, "\n");
  append_counting (cv, out, FALSE);
  g_string_append_printf (out, "\nheadline: micro-F1 %.4f on the sentences with a label, "
                          "%.4f on every sentence\n",
                          cm_evaluation_micro_f1 (cv->topical),
                          cm_evaluation_micro_f1 (cv->pooled));
  g_string_append_printf (out, "\n%-6s %9s %9s %9s %9s\n", "fold", "examples", "micro-F1",
                          "macro-F1", "ECE");
  for (guint f = 0; f < cv->n_folds; f++)
    g_string_append_printf (out, "%-6u %9u %9.4f %9.4f %9.4f\n", f + 1, cv->fold_sizes[f],
                            cm_evaluation_micro_f1 (cv->folds[f]),
                            cm_evaluation_macro_f1 (cv->folds[f]),
                            cm_evaluation_calibration_error (cv->folds[f]));
  return g_string_free (out, FALSE);
}

static void
add_interval (JsonBuilder *builder,
              const char  *name,
              double       low,
              double       high)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, low);
  json_builder_add_double_value (builder, high);
  json_builder_end_array (builder);
}

static void
add_intervals (CmCrossValidation *cv,
               JsonBuilder       *builder,
               const char        *name,
               gboolean           with_a_label)
{
  const char * const *label_ids = (const char * const *) cv->label_ids;
  double low, high;

  if (!cm_cross_validation_get_interval (cv, with_a_label, -1, FALSE, &low, &high))
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_interval (builder, "micro_f1", low, high);
  cm_cross_validation_get_interval (cv, with_a_label, -1, TRUE, &low, &high);
  add_interval (builder, "macro_f1", low, high);
  for (guint l = 0; l < cv->n_labels; l++)
    {
      cm_cross_validation_get_interval (cv, with_a_label, l, FALSE, &low, &high);
      add_interval (builder, label_ids[l], low, high);
    }
  json_builder_end_object (builder);
}

JsonNode *
cm_cross_validation_to_json (CmCrossValidation *cv)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (cv != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, cv->pooled_thresholds
                                 ? "k-fold cross-validation grouped by document; thresholds and "
                                   "calibration fitted on the pooled held-out scores (optimistic)"
                                 : "k-fold cross-validation grouped by document; thresholds and "
                                   "calibration tuned inside each fold");
  json_builder_set_member_name (builder, "folds");
  json_builder_add_int_value (builder, cv->n_folds);
  json_builder_set_member_name (builder, "yardstick");
  json_builder_add_string_value (builder, "with_a_label: counted on the sentences that have a "
                                 "label; pooled: on every sentence");
  json_builder_set_member_name (builder, "with_a_label");
  json_builder_add_value (builder, cm_evaluation_to_json (cv->topical));
  json_builder_set_member_name (builder, "pooled");
  json_builder_add_value (builder, cm_evaluation_to_json (cv->pooled));
  add_intervals (cv, builder, "bootstrap_95_with_a_label", TRUE);
  add_intervals (cv, builder, "bootstrap_95", FALSE);
  json_builder_set_member_name (builder, "per_fold");
  json_builder_begin_array (builder);
  for (guint f = 0; f < cv->n_folds; f++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "examples");
      json_builder_add_int_value (builder, cv->fold_sizes[f]);
      json_builder_set_member_name (builder, "micro_f1");
      json_builder_add_double_value (builder, cm_evaluation_micro_f1 (cv->folds[f]));
      json_builder_set_member_name (builder, "macro_f1");
      json_builder_add_double_value (builder, cm_evaluation_macro_f1 (cv->folds[f]));
      json_builder_set_member_name (builder, "ece");
      json_builder_add_double_value (builder, cm_evaluation_calibration_error (cv->folds[f]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
