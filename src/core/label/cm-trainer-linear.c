/* cm-trainer-linear.c — the trainer's first stage: the training examples
 * as weighted rows, and one liblinear binary model per label on them
 * (plain, NB-scaled, or an SVM + LR / SVM + NBSVM ensemble)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-trainer"

#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-trainer-private.h"

void
cm_trainer_matrix_free (Matrix *m)
{
  g_free (m->row_start);
  g_free (m->row_blocks);
  g_free (m->index);
  g_free (m->value);
  g_free (m);
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

Matrix *
cm_trainer_build_matrix (const CmFeatureConfig *config,
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
      double weight = cm_training_set_get_weight (set, i);

      for (guint32 e = m->row_start[i]; e < m->row_start[i + 1]; e++)
        target[m->index[e]] += weight;
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

/* An example of weight k counts k times in the loss: its row is given to
 * liblinear k times (the same nodes, not copies), which for these solvers
 * is the instance weight k (C·k on that example). */
static void
repeat_weighted_rows (struct problem *prob,
                      CmTrainingSet  *set,
                      const guint    *rows,
                      guint           n_rows)
{
  struct feature_node **x;
  double *y;
  guint n = 0, pos = 0;

  for (guint k = 0; k < n_rows; k++)
    n += cm_training_set_get_weight (set, rows[k]);
  if (n == n_rows)
    return;
  x = g_new (struct feature_node *, n);
  y = g_new (double, n);
  for (guint k = 0; k < n_rows; k++)
    for (guint copy = cm_training_set_get_weight (set, rows[k]); copy > 0; copy--)
      {
        x[pos] = prob->x[k];
        y[pos++] = prob->y[k];
      }
  g_free (prob->x);
  g_free (prob->y);
  prob->x = x;
  prob->y = y;
  prob->l = n;
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

  repeat_weighted_rows (&prob, set, rows, n_rows);

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
void
cm_trainer_train_weights (const Matrix         *m,
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
