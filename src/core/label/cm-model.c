/* cm-model.c — one language's clause classifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-model-private.h"
#include "cm-stacker.h"

G_DEFINE_FINAL_TYPE (CmModel, cm_model, G_TYPE_OBJECT)

static void
cm_model_finalize (GObject *object)
{
  CmModel *self = CM_MODEL (object);

  g_free (self->language);
  g_free (self->taxonomy_id);
  g_strfreev (self->labels);
  g_free (self->idf);
  g_free (self->params);
  g_free (self->weights);
  g_free (self->stack);

  G_OBJECT_CLASS (cm_model_parent_class)->finalize (object);
}

static void
cm_model_class_init (CmModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_model_finalize;
}

static void
cm_model_init (CmModel *self)
{
}

CmModel *
cm_model_alloc (const char            *language,
                const char            *taxonomy_id,
                const char * const    *labels,
                const CmFeatureConfig *config)
{
  CmModel *self = g_object_new (CM_TYPE_MODEL, NULL);

  self->language = g_strdup (language);
  self->taxonomy_id = g_strdup (taxonomy_id);
  self->labels = g_strdupv ((char **) labels);
  self->n_labels = g_strv_length (self->labels);
  self->config = *config;
  self->dim = 1u << config->hash_bits;
  self->idf = g_new0 (float, self->dim);
  self->params = g_new0 (LabelParams, self->n_labels);
  /* Padded rows: the scoring loop runs over a fixed 16 labels, which the
   * compiler turns into vector instructions. */
  self->stride = (self->n_labels + 15) / 16 * 16;
  self->weights = g_new0 (gint8, (gsize) self->dim * self->stride);
  for (guint l = 0; l < self->n_labels; l++)
    {
      self->params[l].platt_a = -1.0f;
      self->params[l].scale = 1.0f;
    }
  return self;
}

/* Copies the IDF into the rows' padding, when there is room. */
void
cm_model_embed_idf (CmModel *self)
{
  self->idf_in_rows = self->stride == 16 && self->n_labels <= ROW_IDF_OFFSET;
  if (!self->idf_in_rows)
    return;
  for (guint32 j = 0; j < self->dim; j++)
    memcpy (self->weights + (gsize) j * 16 + ROW_IDF_OFFSET, &self->idf[j], sizeof (float));
}

CmModel *
cm_model_new (const char            *language,
              const char            *taxonomy_id,
              const char * const    *labels,
              const CmFeatureConfig *config,
              const float           *idf,
              const float           *weights,
              const float           *bias)
{
  CmModel *self;
  guint L;

  g_return_val_if_fail (language != NULL && taxonomy_id != NULL, NULL);
  g_return_val_if_fail (labels != NULL && labels[0] != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **) labels) <= CM_MODEL_MAX_LABELS, NULL);
  g_return_val_if_fail (cm_feature_config_is_valid (config), NULL);
  g_return_val_if_fail (idf != NULL && weights != NULL && bias != NULL, NULL);

  self = cm_model_alloc (language, taxonomy_id, labels, config);
  L = self->n_labels;
  memcpy (self->idf, idf, sizeof (float) * self->dim);

  /* Symmetric int8 quantisation, one scale per label: on the dev sets it
   * changes F1 by less than 0.001 against float weights. */
  for (guint l = 0; l < L; l++)
    {
      float max_abs = 0.0f;

      for (guint32 j = 0; j < self->dim; j++)
        max_abs = MAX (max_abs, fabsf (weights[(gsize) j * L + l]));
      self->params[l].bias = bias[l];
      self->params[l].scale = max_abs > 0.0f ? max_abs / 127.0f : 1.0f;
      for (guint32 j = 0; j < self->dim; j++)
        self->weights[(gsize) j * self->stride + l] =
          (gint8) CLAMP (lrintf (weights[(gsize) j * L + l] / self->params[l].scale), -127, 127);
    }
  cm_model_embed_idf (self);
  return self;
}

CmModel *
cm_model_new_blend (CmModel *a,
                    double   weight_a,
                    CmModel *b,
                    double   weight_b)
{
  g_autofree float *weights = NULL;
  g_autofree float *bias = NULL;
  CmModel *blend;
  guint L;

  g_return_val_if_fail (CM_IS_MODEL (a) && CM_IS_MODEL (b), NULL);
  g_return_val_if_fail (a->n_labels == b->n_labels && a->dim == b->dim, NULL);
  g_return_val_if_fail (memcmp (&a->config, &b->config, sizeof a->config) == 0, NULL);

  L = a->n_labels;
  weights = g_new (float, (gsize) a->dim * L);
  bias = g_new (float, L);
  for (guint l = 0; l < L; l++)
    {
      float sa = a->params[l].scale * weight_a, sb = b->params[l].scale * weight_b;

      bias[l] = weight_a * a->params[l].bias + weight_b * b->params[l].bias;
      for (guint32 j = 0; j < a->dim; j++)
        weights[(gsize) j * L + l] = sa * a->weights[(gsize) j * a->stride + l]
                                     + sb * b->weights[(gsize) j * b->stride + l];
    }
  blend = cm_model_new (a->language, a->taxonomy_id, (const char * const *) a->labels,
                        &a->config, a->idf, weights, bias);
  /* The second stage reads first-stage scores, which the blend keeps on
   * @a's scale: @a's second stage serves it. */
  cm_model_set_stack (blend, a->stack);
  return blend;
}

gsize
cm_model_stack_size (CmModel *self)
{
  return (gsize) self->n_labels * (CM_STACK_N_BLOCKS + 1);
}

void
cm_model_set_stack (CmModel     *self,
                    const float *weights)
{
  g_return_if_fail (CM_IS_MODEL (self));

  g_clear_pointer (&self->stack, g_free);
  if (weights != NULL)
    self->stack = g_memdup2 (weights, sizeof (float) * cm_model_stack_size (self));
}

const float *
cm_model_get_stack (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->stack;
}

/* Accessors ---------------------------------------------------------- */

const char *
cm_model_get_language (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->language;
}

const char *
cm_model_get_taxonomy_id (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->taxonomy_id;
}

guint
cm_model_get_n_labels (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0);
  return self->n_labels;
}

const char * const *
cm_model_get_labels (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return (const char * const *) self->labels;
}

int
cm_model_find_label (CmModel    *self,
                     const char *label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), -1);
  g_return_val_if_fail (label != NULL, -1);

  for (guint l = 0; l < self->n_labels; l++)
    if (g_str_equal (self->labels[l], label))
      return l;
  return -1;
}

const CmFeatureConfig *
cm_model_get_config (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return &self->config;
}

const float *
cm_model_get_idf (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->idf;
}

double
cm_model_get_threshold (CmModel *self,
                        guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  return self->params[label].threshold;
}

void
cm_model_set_threshold (CmModel *self,
                        guint    label,
                        double   threshold)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  self->params[label].threshold = threshold;
}

void
cm_model_set_platt (CmModel *self,
                    guint    label,
                    double   a,
                    double   b)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  self->params[label].platt_a = a;
  self->params[label].platt_b = b;
}

void
cm_model_get_platt (CmModel *self,
                    guint    label,
                    double  *a,
                    double  *b)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  *a = self->params[label].platt_a;
  *b = self->params[label].platt_b;
}

double
cm_model_get_bias (CmModel *self,
                   guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  return self->params[label].bias;
}

double
cm_model_get_weight (CmModel *self,
                     guint32  bucket,
                     guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  g_return_val_if_fail (bucket < 1u << self->config.hash_bits, 0.0);
  return (double) self->params[label].scale * self->weights[(gsize) bucket * self->stride + label];
}

/* Scoring ------------------------------------------------------------ */

void
cm_model_score_vector (CmModel               *self,
                       const CmFeatureVector *x,
                       double                *scores)
{
  float acc[CM_MODEL_MAX_LABELS] = { 0 };
  const guint stride = self->stride;

  /* Bucket-major weights: each feature reads one contiguous row. */
  if (stride == 16)
    for (guint i = 0; i < x->n; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * 16;
        const float v = x->value[i];

        for (guint l = 0; l < 16; l++)
          acc[l] += v * row[l];
      }
  else
    for (guint i = 0; i < x->n; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * stride;
        const float v = x->value[i];

        for (guint l = 0; l < stride; l++)
          acc[l] += v * row[l];
      }
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias + (double) self->params[l].scale * acc[l];
}

/* Weighting and scoring in one pass over raw counts, reading each
 * n-gram's row once (its IDF included): the same figures as
 * cm_features_weight() then cm_model_score_vector(), and @x ends up
 * weighted as they leave it. */
AVX2_CLONES
static void
weight_and_score (CmModel         *self,
                  CmFeatureVector *x,
                  double          *scores)
{
  float acc[16] = { 0 };
  double norm = 0.0, inv_norm;
  guint i = 0;

  for (guint b = 0; b < x->n_blocks; b++)
    for (; i < x->block_end[b]; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * 16;
        float idf, v;

        memcpy (&idf, row + ROW_IDF_OFFSET, sizeof (float));
        v = cm_features_sublinear_tf (x->value[i]) * idf * x->block_scale[b];
        x->value[i] = v;
        norm += (double) v * v;
        /* Lanes 12-15 sum the IDF's bytes: harmless, never read. */
        for (guint l = 0; l < 16; l++)
          acc[l] += v * row[l];
      }
  inv_norm = norm > 0.0 ? 1.0 / sqrt (norm) : 1.0;
  for (i = 0; i < x->n; i++)
    x->value[i] *= (float) inv_norm;
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias + (double) self->params[l].scale * acc[l] * inv_norm;
}

void
cm_model_score_text (CmModel          *self,
                     CmFeatureScratch *scratch,
                     CmFeatureVector  *x,
                     const char       *text,
                     double           *scores)
{
  cm_model_score_in_context (self, scratch, x, text, NULL, scores);
}

gboolean
cm_model_uses_context (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), FALSE);
  return self->config.context != 0;
}

void
cm_model_extract (CmModel                *self,
                  CmFeatureScratch       *scratch,
                  const char             *text,
                  const CmFeatureContext *context,
                  CmFeatureVector        *x)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (text != NULL && x != NULL);

  cm_features_count_in_context (&self->config, scratch, text, context, x);
  /* The IDF and weight rows of a text's n-grams are scattered over a few
   * megabytes: ask for all of them before using any, so that the cache
   * misses overlap instead of queueing. */
  for (guint i = 0; i < x->n; i++)
    {
      __builtin_prefetch (self->idf + x->index[i]);
      __builtin_prefetch (self->weights + (gsize) x->index[i] * self->stride);
    }
  cm_features_weight (x, self->idf);
}

void
cm_model_score_in_context (CmModel                *self,
                           CmFeatureScratch       *scratch,
                           CmFeatureVector        *x,
                           const char             *text,
                           const CmFeatureContext *context,
                           double                 *scores)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (text != NULL && scores != NULL);

  if (!self->idf_in_rows)
    {
      cm_model_extract (self, scratch, text, context, x);
      cm_model_score_vector (self, x, scores);
      return;
    }
  cm_feature_scratch_set_prefetch (scratch, self->weights, 16);
  cm_features_count_in_context (&self->config, scratch, text, context, x);
  cm_feature_scratch_set_prefetch (scratch, NULL, 0);
  weight_and_score (self, x, scores);
}

double
cm_model_probability (CmModel *self,
                      guint    label,
                      double   score)
{
  const LabelParams *p;
  double probability;

  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  p = &self->params[label];
  probability = 1.0 / (1.0 + exp (p->platt_a * score + p->platt_b));
  /* Loading bounds the parameters; a probability stays one regardless. */
  return isnan (probability) ? 0.5 : CLAMP (probability, 0.0, 1.0);
}

/* Explanations ------------------------------------------------------- */

/* n-gram text -> its bucket + 1 */
static void
collect_ngram (const char *gram,
               gsize       length,
               guint32     bucket,
               gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strndup (gram, length), GUINT_TO_POINTER (bucket + 1));
}

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const CmContribution *ca = *(CmContribution * const *) a;
  const CmContribution *cb = *(CmContribution * const *) b;
  double da = fabs (ca->contribution), db = fabs (cb->contribution);

  if (da != db)
    return da > db ? -1 : 1;
  return strcmp (ca->feature, cb->feature);
}

GPtrArray *
cm_model_explain (CmModel          *self,
                  CmFeatureScratch *scratch,
                  const char       *text,
                  guint             label,
                  guint             n_top)
{
  g_autoptr(GHashTable) grams = NULL;
  CmFeatureVector x;
  GHashTable *bucket_value;
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_contribution_free);

  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  g_return_val_if_fail (label < self->n_labels, NULL);

  /* The weighted value of every bucket in this text ... */
  cm_feature_vector_init (&x);
  cm_model_extract (self, scratch, text, NULL, &x);
  bucket_value = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < x.n; i++)
    {
      float v = x.value[i];
      guint32 bits;
      memcpy (&bits, &v, 4);
      g_hash_table_insert (bucket_value, GUINT_TO_POINTER (x.index[i] + 1), GUINT_TO_POINTER (bits));
    }

  /* ... shared among the distinct n-grams hashed into it. */
  grams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cm_features_foreach_ngram (&self->config, scratch, text, -1, collect_ngram, grams);
  {
    g_autoptr(GHashTable) sharers = g_hash_table_new (NULL, NULL);

    g_hash_table_iter_init (&iter, grams);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (sharers, value,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sharers, value)) + 1));

    g_hash_table_iter_init (&iter, grams);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint32 bucket = GPOINTER_TO_UINT (value) - 1;
        guint32 bits = GPOINTER_TO_UINT (g_hash_table_lookup (bucket_value, value));
        guint n_sharers = GPOINTER_TO_UINT (g_hash_table_lookup (sharers, value));
        float v;
        double w;
        CmContribution *c;

        memcpy (&v, &bits, 4);
        w = (double) self->params[label].scale * self->weights[(gsize) bucket * self->stride + label];
        c = g_new0 (CmContribution, 1);
        c->feature = g_strdup (key);
        c->contribution = v * w / n_sharers;
        if (c->contribution != 0.0)
          g_ptr_array_add (result, c);
        else
          cm_contribution_free (c);
      }
  }
  g_ptr_array_sort (result, compare_contributions);
  if (result->len > n_top)
    g_ptr_array_set_size (result, n_top);

  g_hash_table_unref (bucket_value);
  cm_feature_vector_clear (&x);
  return result;
}
