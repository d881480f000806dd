/* cm-trainer.c — trains a CmModel with liblinear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-trainer"

#include "config.h"

#include <string.h>

#include "cm-error.h"
#include "cm-stacker.h"
#include "cm-trainer-private.h"

#define N_FOLDS CM_TRAINER_INNER_FOLDS

void
cm_train_options_init_for_language (CmTrainOptions *options,
                                    const char     *language)
{
  g_return_if_fail (options != NULL && language != NULL);

  memset (options, 0, sizeof *options);
  options->solver = CM_SOLVER_SVM;
  options->c_svm = 0.5;
  options->c_lr = 8.0;
  options->c_nb = 0.25;
  options->nb_weighting = FALSE;
  options->nb_alpha = 1.0;
  options->positive_weight = 1.0;
  options->tune_thresholds = TRUE;
  if (g_str_equal (language, "zh"))
    {
      options->features.hash_bits = 18;
      options->features.unit_min = 1;
      options->features.unit_max = 3;
    }
  else
    {
      options->features.hash_bits = 18;
      options->features.unit_min = 1;
      options->features.unit_max = 2;
    }
}

const char * const *
cm_train_options_get_label_ids (const CmTrainOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return options->label_ids != NULL ? options->label_ids : cm_privacy11_label_ids ();
}

/* Out-of-fold first-stage scores of the training set, folds grouped by
 * document (a policy's sentences are alike: scores of a sentence whose
 * neighbours were trained on would be too sure). */
static void
out_of_fold_scores (const Matrix         *m,
                    CmTrainingSet        *set,
                    const guint          *fold_of,
                    guint                 L,
                    const CmTrainOptions *options,
                    double               *scores)
{
  guint n = m->n_rows;
  g_autofree float *weights = g_new (float, (gsize) m->dim * L);
  g_autofree float *bias = g_new (float, L);
  g_autofree guint *rows = g_new (guint, n);

  for (guint fold = 0; fold < N_FOLDS; fold++)
    {
      guint n_rows = 0;

      for (guint i = 0; i < n; i++)
        if (fold_of[cm_training_set_get_group (set, i)] != fold)
          rows[n_rows++] = i;
      if (n_rows == n)
        continue;  /* fewer documents than folds */
      cm_trainer_train_weights (m, set, rows, n_rows, L, options, weights, bias);
      for (guint i = 0; i < n; i++)
        {
          if (fold_of[cm_training_set_get_group (set, i)] != fold)
            continue;
          for (guint l = 0; l < L; l++)
            {
              double s = bias[l];
              for (guint32 e = m->row_start[i]; e < m->row_start[i + 1]; e++)
                s += m->value[e] * weights[(gsize) m->index[e] * L + l];
              scores[(gsize) i * L + l] = s;
            }
        }
    }
}

/* The second stage, trained on the out-of-fold first-stage @scores (which
 * become second-stage out-of-fold scores, for calibration: each fold's
 * from a second stage trained on the other folds). */
static void
train_stack (CmModel              *model,
             CmTrainingSet        *set,
             const guint          *fold_of,
             const guint64        *labels,
             const CmTrainOptions *options,
             double               *scores)
{
  guint n = cm_training_set_get_size (set), L = cm_model_get_n_labels (model);
  guint D = cm_stack_dim (L);
  g_autofree CmStackPlace *places = cm_stack_places_of_set (set);
  g_autofree double *features = g_new (double, (gsize) MAX (n, 1) * D);
  g_autofree float *stack = g_new (float, (gsize) L * (CM_STACK_N_BLOCKS + 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  g_autofree guint *held_out = g_new (guint, MAX (n, 1));
  g_autofree double *one = g_new (double, L);

  cm_stack_features (scores, places, n, L, features);
  for (guint fold = 0; fold < N_FOLDS; fold++)
    {
      guint n_rows = 0, n_held = 0;

      for (guint i = 0; i < n; i++)
        if (fold_of[cm_training_set_get_group (set, i)] != fold)
          rows[n_rows++] = i;
        else
          held_out[n_held++] = i;
      if (n_held == 0 || n_rows == 0)
        continue;
      cm_stack_train (features, labels, rows, n_rows, L, options->c_stack, stack);
      for (guint k = 0; k < n_held; k++)
        {
          cm_stack_apply (stack, features + (gsize) held_out[k] * D, 1, L, one);
          memcpy (scores + (gsize) held_out[k] * L, one, sizeof (double) * L);
        }
    }
  for (guint i = 0; i < n; i++)
    rows[i] = i;
  cm_stack_train (features, labels, rows, n, L, options->c_stack, stack);
  cm_model_set_stack (model, stack);
}

/* One array of the out-of-fold material (cm-score-dump.h), named
 * PREFIX@name: inner-fold (u32, each training example's inner fold: its
 * document's), inner-first (f64 × labels: out-of-fold
 * first-stage scores), inner-scores (f64 × labels: the out-of-fold scores
 * calibration reads, the second stage's when there is one), inner-labels
 * (u64 label masks). A failed write is only reported: the dump serves a
 * developer, never the model. */
static void
dump_inner (const CmTrainOptions *options,
            const char           *name,
            const char           *type,
            gconstpointer         data,
            guint                 n,
            guint                 cols)
{
  g_autofree char *full = g_strconcat (options->dump_prefix != NULL ? options->dump_prefix : "",
                                       name, NULL);
  g_autoptr(GError) error = NULL;

  if (!cm_score_dump_write (options->dump, full, type, data, n, cols, &error))
    g_warning ("%s", error->message);
}

gboolean
cm_trainer_dump_matrix (CmScoreDump           *dump,
                        const CmFeatureConfig *config,
                        CmTrainingSet         *set,
                        GError               **error)
{
  g_autofree float *idf = NULL;
  g_autoptr(Matrix) m = NULL;
  guint32 nnz;

  g_return_val_if_fail (dump != NULL && config != NULL && set != NULL, FALSE);

  m = cm_trainer_build_matrix (config, set, &idf);
  nnz = m->row_start[m->n_rows];
  return cm_score_dump_write (dump, "matrix-rows", "u32", m->row_start, m->n_rows + 1, 1, error)
      && cm_score_dump_write (dump, "matrix-index", "u32", m->index, nnz, 1, error)
      && cm_score_dump_write (dump, "matrix-value", "f32", m->value, nnz, 1, error);
}

CmModel *
cm_trainer_train (CmTrainingSet        *train,
                  CmTrainingSet        *dev,
                  const char           *language,
                  const char           *taxonomy_id,
                  const CmTrainOptions *options,
                  GError              **error)
{
  const char * const *label_ids = NULL;
  guint L;
  guint n;
  g_autofree float *idf = NULL;
  g_autoptr(Matrix) m = NULL;
  g_autofree float *weights = NULL;
  g_autofree float *bias = NULL;
  g_autofree guint *rows = NULL;
  gboolean has_dev;
  CmModel *model;

  g_return_val_if_fail (train != NULL && language != NULL && options != NULL, NULL);

  label_ids = cm_train_options_get_label_ids (options);
  L = g_strv_length ((char **) label_ids);
  if (L == 0 || L > CM_MODEL_MAX_LABELS)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%u labels (1 to %u can be trained)",
                   L, CM_MODEL_MAX_LABELS);
      return NULL;
    }
  if (!cm_feature_config_is_valid (&options->features))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "invalid feature configuration");
      return NULL;
    }
  n = cm_training_set_get_size (train);
  if (n < 2)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "too little training data (%u examples)", n);
      return NULL;
    }

  if (options->fixed_idf != NULL)
    idf = g_memdup2 (options->fixed_idf, sizeof (float) << options->features.hash_bits);
  m = cm_trainer_build_matrix (&options->features, train, &idf);
  weights = g_new (float, (gsize) m->dim * L);
  bias = g_new (float, L);
  rows = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    rows[i] = i;
  cm_trainer_train_weights (m, train, rows, n, L, options, weights, bias);

  model = cm_model_new (language, taxonomy_id, label_ids, &options->features, idf,
                        weights, bias);
  has_dev = dev != NULL && cm_training_set_get_size (dev) > 0;
  /* Without a dev set, calibration reads the out-of-fold scores too. */
  if (options->c_stack > 0 || (!options->skip_calibration && !has_dev))
    {
      g_autofree guint *fold_of = cm_training_set_assign_folds (train, N_FOLDS,
                                                                CM_TRAINER_FOLD_SEED);
      g_autofree double *scores = g_new0 (double, (gsize) n * L);
      g_autofree guint64 *labels = g_new (guint64, n);

      for (guint i = 0; i < n; i++)
        labels[i] = cm_training_set_get_labels (train, i);
      out_of_fold_scores (m, train, fold_of, L, options, scores);
      if (options->dump != NULL)
        {
          g_autofree guint32 *folds = g_new (guint32, n);

          for (guint i = 0; i < n; i++)
            folds[i] = fold_of[cm_training_set_get_group (train, i)];
          dump_inner (options, "inner-fold", "u32", folds, n, 1);
          dump_inner (options, "inner-first", "f64", scores, n, L);
        }
      if (options->c_stack > 0)
        train_stack (model, train, fold_of, labels, options, scores);
      if (!options->skip_calibration && !has_dev)
        cm_trainer_calibrate_from_scores (model, scores, labels, n, options);
      if (options->dump != NULL)
        {
          dump_inner (options, "inner-labels", "u64", labels, n, 1);
          dump_inner (options, "inner-scores", "f64", scores, n, L);
        }
    }
  if (!options->skip_calibration && has_dev)
    cm_trainer_calibrate (model, dev, options);
  return model;
}
