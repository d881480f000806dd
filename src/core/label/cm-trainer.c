/* cm-trainer.c — trains a CmModel with liblinear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-trainer"

#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-error.h"
#include "cm-stacker.h"
#include "cm-trainer.h"

#define N_FOLDS CM_TRAINER_INNER_FOLDS

/* A row's blocks, ends relative to its start (see CmFeatureVector). */
typedef struct
{
  guint n;
  guint end[CM_FEATURES_MAX_BLOCKS];
  float scale[CM_FEATURES_MAX_BLOCKS];
} RowBlocks;

/* The training examples as weighted, normalised rows (CSR). */
typedef struct
{
  guint    n_rows;
  guint32  dim;
  guint32 *row_start;
  RowBlocks *row_blocks; /* each row's feature blocks (own text, context pieces) */
  guint32 *index;
  float   *value;
} Matrix;

static void
matrix_free (Matrix *m)
{
  g_free (m->row_start);
  g_free (m->row_blocks);
  g_free (m->index);
  g_free (m->value);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matrix, matrix_free)

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

/* Raw counts of every example, then IDF from the training rows, then the
 * weighted rows. Block ends are stored relative to the row's start. */
static Matrix *
count_matrix (const CmFeatureConfig *config,
              CmTrainingSet         *set)
{
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (config);
  GArray *index = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *value = g_array_new (FALSE, FALSE, sizeof (float));
  CmFeatureVector x;
  guint n = cm_training_set_get_size (set);
  Matrix *m = g_new0 (Matrix, 1);

  m->n_rows = n;
  m->dim = 1u << config->hash_bits;
  m->row_start = g_new (guint32, n + 1);
  m->row_blocks = g_new0 (RowBlocks, MAX (n, 1));
  cm_feature_vector_init (&x);
  for (guint i = 0; i < n; i++)
    {
      RowBlocks *blocks = &m->row_blocks[i];

      m->row_start[i] = index->len;
      cm_features_count_in_context (config, scratch, cm_training_set_get_text (set, i),
                                    cm_training_set_get_context (set, i), &x);
      blocks->n = x.n_blocks;
      memcpy (blocks->end, x.block_end, sizeof blocks->end);
      memcpy (blocks->scale, x.block_scale, sizeof blocks->scale);
      g_array_append_vals (index, x.index, x.n);
      g_array_append_vals (value, x.value, x.n);
    }
  m->row_start[n] = index->len;
  m->index = (guint32 *) g_array_free (index, FALSE);
  m->value = (float *) g_array_free (value, FALSE);
  cm_feature_vector_clear (&x);
  return m;
}

/* Smoothed IDF as in the usual TF-IDF: ln ((1 + N) / (1 + df)) + 1. */
static float *
compute_idf (const Matrix *counts)
{
  guint32 *df = g_new0 (guint32, counts->dim);
  float *idf = g_new (float, counts->dim);

  for (guint32 k = 0; k < counts->row_start[counts->n_rows]; k++)
    df[counts->index[k]]++;
  for (guint32 j = 0; j < counts->dim; j++)
    idf[j] = logf ((1.0f + counts->n_rows) / (1.0f + df[j])) + 1.0f;
  g_free (df);
  return idf;
}

static void
weight_matrix (Matrix      *m,
               const float *idf)
{
  for (guint i = 0; i < m->n_rows; i++)
    {
      const RowBlocks *blocks = &m->row_blocks[i];
      CmFeatureVector row = { m->index + m->row_start[i], m->value + m->row_start[i],
                              m->row_start[i + 1] - m->row_start[i], 0, blocks->end[0],
                              blocks->n, { 0 }, { 0 } };

      memcpy (row.block_end, blocks->end, sizeof row.block_end);
      memcpy (row.block_scale, blocks->scale, sizeof row.block_scale);
      cm_features_weight (&row, idf);
    }
}

static Matrix *
build_matrix (const CmFeatureConfig *config,
              CmTrainingSet         *set,
              float                **idf_inout)
{
  Matrix *m = count_matrix (config, set);

  if (*idf_inout == NULL)
    {
      *idf_inout = compute_idf (m);
      /* as the model file stores it: training and use see the same IDF */
      cm_model_quantise_idf (*idf_inout, m->dim);
    }
  weight_matrix (m, *idf_inout);
  return m;
}

static gboolean
has_label (CmTrainingSet *set,
           guint          row,
           guint          label)
{
  return (cm_training_set_get_labels (set, row) >> label) & 1;
}

/* NBSVM's log-count ratio per bucket, over binarised features. */
static float *
nb_ratios (const Matrix  *m,
           CmTrainingSet *set,
           const guint   *rows,
           guint          n_rows,
           guint          label,
           double         alpha)
{
  double *p = g_new (double, m->dim);
  double *q = g_new (double, m->dim);
  double p_sum = 0.0, q_sum = 0.0;
  float *r = g_new (float, m->dim);

  for (guint32 j = 0; j < m->dim; j++)
    p[j] = q[j] = alpha;
  for (guint k = 0; k < n_rows; k++)
    {
      guint i = rows[k];
      double *target = has_label (set, i, label) ? p : q;
      for (guint32 e = m->row_start[i]; e < m->row_start[i + 1]; e++)
        target[m->index[e]] += 1.0;
    }
  for (guint32 j = 0; j < m->dim; j++)
    {
      p_sum += p[j];
      q_sum += q[j];
    }
  for (guint32 j = 0; j < m->dim; j++)
    r[j] = (float) log ((p[j] / p_sum) / (q[j] / q_sum));
  g_free (p);
  g_free (q);
  return r;
}

static void
silence (const char *message)
{
}

static int
compare_by_index (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const guint32 *index = user_data;
  guint32 x = index[*(const guint32 *) a], y = index[*(const guint32 *) b];

  return x < y ? -1 : x > y;
}

/* Trains one binary model on @rows; writes the weight of bucket j into
 * w[j * stride] and returns the bias. @scale (nullable) multiplies each
 * feature, and is folded back into the weights. */
static float
train_binary (const Matrix   *m,
              CmTrainingSet  *set,
              const guint    *rows,
              guint           n_rows,
              guint           label,
              const float    *scale,
              int             solver,
              double          c,
              double          positive_weight,
              float          *w,
              guint           stride)
{
  struct problem prob = { 0 };
  struct parameter param = { 0 };
  struct feature_node *nodes;
  struct model *model;
  gsize n_nodes = 0, pos = 0;
  int weight_label[1] = { +1 };
  double weight[1] = { positive_weight };
  float sign, bias;

  for (guint k = 0; k < n_rows; k++)
    n_nodes += m->row_start[rows[k] + 1] - m->row_start[rows[k]] + 2;
  nodes = g_new (struct feature_node, n_nodes);
  prob.l = n_rows;
  prob.n = m->dim + 1;
  prob.bias = 1.0;
  prob.y = g_new (double, n_rows);
  prob.x = g_new (struct feature_node *, n_rows);
  for (guint k = 0; k < n_rows; k++)
    {
      guint i = rows[k];
      g_autofree guint32 *order = NULL;
      guint32 start = m->row_start[i], len = m->row_start[i + 1] - start;

      prob.y[k] = has_label (set, i, label) ? +1.0 : -1.0;
      prob.x[k] = nodes + pos;
      /* liblinear wants ascending indices: a stable sort, as the
       * insertion sort before it, which cost O(n²) a row (an English
       * sentence has over 1,000 n-grams) and was most of the training
       * time. */
      order = g_new (guint32, MAX (len, 1));
      for (guint32 a = 0; a < len; a++)
        order[a] = a;
      g_qsort_with_data (order, len, sizeof (guint32), compare_by_index,
                         (gpointer) (m->index + start));
      for (guint32 a = 0; a < len; a++)
        {
          guint32 j = m->index[start + order[a]];
          nodes[pos].index = j + 1;
          nodes[pos].value = m->value[start + order[a]] * (scale ? scale[j] : 1.0f);
          pos++;
        }
      nodes[pos].index = m->dim + 1;
      nodes[pos++].value = prob.bias;
      nodes[pos++].index = -1;
    }

  param.solver_type = solver;
  param.C = c;
  param.eps = solver == L2R_LR ? 0.01 : 0.1;
  param.nr_weight = positive_weight != 1.0 ? 1 : 0;
  param.weight_label = weight_label;
  param.weight = weight;

  set_print_string_function (silence);
  /* The dual solvers shuffle with rand(): same seed, same model. */
  srand (1);
  model = train (&prob, &param);

  /* liblinear's decision value favours model->label[0]. */
  sign = model->label[0] == +1 ? 1.0f : -1.0f;
  if (model->nr_class < 2)
    {
      /* Only one class present: a constant decision. */
      for (guint32 j = 0; j < m->dim; j++)
        w[(gsize) j * stride] = 0.0f;
      bias = model->label[0] == +1 ? 1.0f : -1.0f;
    }
  else
    {
      for (guint32 j = 0; j < m->dim; j++)
        w[(gsize) j * stride] = sign * (float) model->w[j] * (scale ? scale[j] : 1.0f);
      bias = sign * (float) model->w[m->dim];
    }

  free_and_destroy_model (&model);
  g_free (nodes);
  g_free (prob.y);
  g_free (prob.x);
  return bias;
}

/* Standard deviation of the decision scores over @rows. */
static double
score_spread (const Matrix *m,
              const guint  *rows,
              guint         n_rows,
              const float  *w,
              guint         stride,
              float         bias)
{
  double sum = 0.0, sum2 = 0.0, var;

  for (guint k = 0; k < n_rows; k++)
    {
      guint i = rows[k];
      double s = bias;
      for (guint32 e = m->row_start[i]; e < m->row_start[i + 1]; e++)
        s += m->value[e] * w[(gsize) m->index[e] * stride];
      sum += s;
      sum2 += s * s;
    }
  var = sum2 / n_rows - (sum / n_rows) * (sum / n_rows);
  return var > 1e-12 ? sqrt (var) : 1.0;
}

/* Weights [dim × n_labels] and biases of every label, trained on @rows. */
static void
train_weights (const Matrix         *m,
               CmTrainingSet        *set,
               const guint          *rows,
               guint                 n_rows,
               guint                 n_labels,
               const CmTrainOptions *options,
               float                *weights,
               float                *bias)
{
  for (guint l = 0; l < n_labels; l++)
    {
      g_autofree float *r = NULL;

      if (options->nb_weighting || options->solver == CM_SOLVER_SVM_NBSVM)
        r = nb_ratios (m, set, rows, n_rows, l, options->nb_alpha);

      if (options->solver == CM_SOLVER_SVM_NBSVM)
        {
          g_autofree float *w_nb = g_new (float, m->dim);
          float b_svm, b_nb;
          double s_svm, s_nb;

          b_svm = train_binary (m, set, rows, n_rows, l, NULL, L2R_L2LOSS_SVC_DUAL,
                                options->c_svm, options->positive_weight,
                                weights + l, n_labels);
          b_nb = train_binary (m, set, rows, n_rows, l, r, L2R_L2LOSS_SVC_DUAL,
                               options->c_nb, options->positive_weight, w_nb, 1);
          s_svm = score_spread (m, rows, n_rows, weights + l, n_labels, b_svm);
          s_nb = score_spread (m, rows, n_rows, w_nb, 1, b_nb);
          for (guint32 j = 0; j < m->dim; j++)
            weights[(gsize) j * n_labels + l] =
              weights[(gsize) j * n_labels + l] / s_svm + w_nb[j] / s_nb;
          bias[l] = b_svm / s_svm + b_nb / s_nb;
          continue;
        }

      if (options->solver == CM_SOLVER_ENSEMBLE)
        {
          g_autofree float *w_lr = g_new (float, m->dim);
          float b_svm, b_lr;
          double s_svm, s_lr;

          b_svm = train_binary (m, set, rows, n_rows, l, r, L2R_L2LOSS_SVC_DUAL,
                                options->c_svm, options->positive_weight,
                                weights + l, n_labels);
          b_lr = train_binary (m, set, rows, n_rows, l, r, L2R_LR, options->c_lr,
                               options->positive_weight, w_lr, 1);
          s_svm = score_spread (m, rows, n_rows, weights + l, n_labels, b_svm);
          s_lr = score_spread (m, rows, n_rows, w_lr, 1, b_lr);
          for (guint32 j = 0; j < m->dim; j++)
            weights[(gsize) j * n_labels + l] =
              weights[(gsize) j * n_labels + l] / s_svm + w_lr[j] / s_lr;
          bias[l] = b_svm / s_svm + b_lr / s_lr;
        }
      else
        bias[l] = train_binary (m, set, rows, n_rows, l, r,
                                options->solver == CM_SOLVER_LR ? L2R_LR : L2R_L2LOSS_SVC_DUAL,
                                options->solver == CM_SOLVER_LR ? options->c_lr : options->c_svm,
                                options->positive_weight, weights + l, n_labels);
    }
}

/* Calibration ---------------------------------------------------------- */

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

static void
calibrate_from_scores (CmModel        *model,
                       const double   *scores,  /* n × L */
                       const guint64  *labels,
                       guint           n,
                       gboolean        tune_thresholds)
{
  guint L = cm_model_get_n_labels (model);
  g_autofree double *column = g_new (double, n);
  g_autofree gboolean *positive = g_new (gboolean, n);

  for (guint l = 0; l < L; l++)
    {
      double a, b, threshold;

      for (guint i = 0; i < n; i++)
        {
          column[i] = scores[(gsize) i * L + l];
          positive[i] = (labels[i] >> l) & 1;
        }
      fit_platt (column, positive, n, &a, &b);
      /* Platt's A must be negative (higher score, higher P); a label the
       * calibration data never shows keeps the default slope. */
      if (!(a < 0.0))
        {
          a = -2.0;
          b = 0.0;
        }
      cm_model_set_platt (model, l, a, b);
      /* Without tuning: the score where P = 0.5. */
      threshold = -b / a;
      if (tune_thresholds)
        {
          /* F1's best cut, kept where the calibrated P is neither tiny nor
           * near certain: an extreme cut is fitted to a few examples. */
          double lo = (log (1.0 / CM_TRAINER_MIN_THRESHOLD_P - 1.0) - b) / a;
          double hi = (log (1.0 / CM_TRAINER_MAX_THRESHOLD_P - 1.0) - b) / a;

          threshold = CLAMP (best_threshold (column, positive, n, threshold), lo, hi);
        }
      cm_model_set_threshold (model, l, threshold);
    }
}

void
cm_trainer_calibrate_scores (CmModel       *model,
                             const double  *scores,
                             const guint64 *labels,
                             guint          n,
                             gboolean       tune_thresholds)
{
  g_return_if_fail (CM_IS_MODEL (model) && (n == 0 || (scores != NULL && labels != NULL)));
  calibrate_from_scores (model, scores, labels, n, tune_thresholds);
}

void
cm_trainer_calibrate (CmModel       *model,
                      CmTrainingSet *set,
                      gboolean       tune_thresholds)
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
  calibrate_from_scores (model, scores, labels, n, tune_thresholds);
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
      train_weights (m, set, rows, n_rows, L, options, weights, bias);
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

  m = build_matrix (config, set, &idf);
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
  m = build_matrix (&options->features, train, &idf);
  weights = g_new (float, (gsize) m->dim * L);
  bias = g_new (float, L);
  rows = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    rows[i] = i;
  train_weights (m, train, rows, n, L, options, weights, bias);

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
        calibrate_from_scores (model, scores, labels, n, options->tune_thresholds);
      if (options->dump != NULL)
        {
          dump_inner (options, "inner-labels", "u64", labels, n, 1);
          dump_inner (options, "inner-scores", "f64", scores, n, L);
        }
    }
  if (!options->skip_calibration && has_dev)
    cm_trainer_calibrate (model, dev, options->tune_thresholds);
  return model;
}
