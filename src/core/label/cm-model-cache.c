/* cm-model-cache.c — scoring with the context blocks' sums cached
 *
 * A clause's neighbours, heading and lead-in are read again for every
 * clause around them: their dot products with every label and squared
 * norms are kept, keyed on the text's address, so that scoring a clause
 * in context reads only its own n-grams (cm_model_score_cached()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-model-private.h"

/* Cached scoring -------------------------------------------------------- */

/* A block's unnormalised dot products with every label and its squared
 * norm, before the block's scale. */
typedef struct
{
  float  acc[CM_MODEL_MAX_LABELS];
  double n2;
} BlockSum;

struct _CmScoreCache
{
  CmModel         *model;
  GHashTable      *blocks[5];  /* per text-reading block: text address -> BlockSum */
  CmFeatureVector  tmp;
};

/* Distinct texts kept before the cache starts over: a policy's headings
 * and lead-ins are a few hundred. */
#define SCORE_CACHE_MAX 4096

CmScoreCache *
cm_score_cache_new (CmModel *model)
{
  CmScoreCache *cache;

  g_return_val_if_fail (CM_IS_MODEL (model), NULL);

  cache = g_new0 (CmScoreCache, 1);
  cache->model = g_object_ref (model);
  for (guint k = 0; k < G_N_ELEMENTS (cache->blocks); k++)
    cache->blocks[k] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  cm_feature_vector_init (&cache->tmp);
  return cache;
}

void
cm_score_cache_free (CmScoreCache *cache)
{
  if (cache == NULL)
    return;
  g_object_unref (cache->model);
  for (guint k = 0; k < G_N_ELEMENTS (cache->blocks); k++)
    g_hash_table_unref (cache->blocks[k]);
  cm_feature_vector_clear (&cache->tmp);
  g_free (cache);
}

AVX2_CLONES
static void
block_sum (CmModel               *self,
           const CmFeatureVector *x,
           guint                  start,
           guint                  end,
           BlockSum              *out)
{
  const guint stride = self->stride;

  memset (out, 0, sizeof *out);
  if (self->idf_in_rows)
    {
      /* One read of a 16-byte row per n-gram, its IDF included (as in
       * weight_and_score()): a separate IDF table is a second cache miss. */
      float acc[16] = { 0 };
      double n2 = 0.0;

      for (guint i = start; i < end; i++)
        {
          const gint8 *row = self->weights + (gsize) x->index[i] * 16;
          float idf, v;

          memcpy (&idf, row + ROW_IDF_OFFSET, sizeof (float));
          v = cm_features_sublinear_tf (x->value[i]) * idf;
          n2 += (double) v * v;
          /* Lanes 12-15 sum the IDF's bytes: harmless, never read. */
          for (guint l = 0; l < 16; l++)
            acc[l] += v * row[l];
        }
      memcpy (out->acc, acc, sizeof acc);
      out->n2 = n2;
      return;
    }
  for (guint i = start; i < end; i++)
    {
      const gint8 *row = self->weights + (gsize) x->index[i] * stride;
      float v = cm_features_sublinear_tf (x->value[i]) * self->idf[x->index[i]];

      out->n2 += (double) v * v;
      for (guint l = 0; l < stride; l++)
        out->acc[l] += v * row[l];
    }
}

/* The sum of a text-reading context block (@slot: its index among them),
 * from the cache when the same string was seen before: keyed on its
 * address, hashing the text would cost as much as a short block. */
static const BlockSum *
context_block (CmModel          *self,
               CmFeatureScratch *scratch,
               CmScoreCache     *cache,
               guint             slot,
               guint             which,
               const char       *text)
{
  GHashTable *blocks = cache->blocks[slot];
  BlockSum *sum = g_hash_table_lookup (blocks, text);

  if (sum != NULL)
    return sum;
  if (g_hash_table_size (blocks) >= SCORE_CACHE_MAX)
    g_hash_table_remove_all (blocks);
  sum = g_new (BlockSum, 1);
  cache->tmp.n = 0;
  cache->tmp.n_blocks = 1;
  cache->tmp.block_end[0] = 0;
  cm_features_count_context (&self->config, scratch, which, text, 1.0f, &cache->tmp);
  block_sum (self, &cache->tmp, 0, cache->tmp.n, sum);
  g_hash_table_insert (blocks, (gpointer) text, sum);
  return sum;
}


static void
add_block (BlockSum       *total,
           const BlockSum *block,
           float           scale,
           guint           stride)
{
  for (guint l = 0; l < stride; l++)
    total->acc[l] += scale * block->acc[l];
  total->n2 += (double) scale * scale * block->n2;
}

void
cm_model_score_cached (CmModel                *self,
                       CmFeatureScratch       *scratch,
                       CmScoreCache           *cache,
                       CmFeatureVector        *x,
                       const char             *text,
                       const CmFeatureContext *context,
                       double                 *scores)
{
  static const guint text_blocks[] = {
    CM_CONTEXT_PREVIOUS, CM_CONTEXT_NEXT, CM_CONTEXT_HEADING, CM_CONTEXT_LEAD_IN
  };
  guint flags = context != NULL ? self->config.context : 0;
  BlockSum total, part;

  g_return_if_fail (CM_IS_MODEL (self) && cache != NULL && cache->model == self);
  g_return_if_fail (text != NULL && scores != NULL);

  /* The rows are fetched while the n-grams are still being counted. */
  cm_feature_scratch_set_prefetch (scratch, self->weights, self->stride);
  cm_features_count (&self->config, scratch, text, -1, x);
  cm_feature_scratch_set_prefetch (scratch, NULL, 0);
  block_sum (self, x, 0, x->n, &total);
  for (guint k = 0; k < G_N_ELEMENTS (text_blocks); k++)
    {
      guint which = text_blocks[k];
      const char *piece = which == CM_CONTEXT_PREVIOUS ? (flags ? context->previous : NULL)
                          : which == CM_CONTEXT_NEXT ? (flags ? context->next : NULL)
                          : which == CM_CONTEXT_HEADING ? (flags ? context->heading : NULL)
                          : (flags ? context->lead_in : NULL);
      float scale = which == CM_CONTEXT_HEADING ? self->config.heading_pct / 100.0f
                    : which == CM_CONTEXT_LEAD_IN ? self->config.lead_in_pct / 100.0f
                    : self->config.context_pct / 100.0f;

      if (!(flags & which) || piece == NULL || (which == CM_CONTEXT_HEADING && piece[0] == '\0'))
        continue;
      add_block (&total, context_block (self, scratch, cache, k, which, piece), scale, self->stride);
    }
  if (flags & CM_CONTEXT_POSITION)
    {
      cache->tmp.n = 0;
      cache->tmp.n_blocks = 1;
      cache->tmp.block_end[0] = 0;
      cm_features_count_position (&self->config, context, 1.0f, &cache->tmp);
      block_sum (self, &cache->tmp, 0, cache->tmp.n, &part);
      add_block (&total, &part, self->config.position_pct / 100.0f, self->stride);
    }
  if (self->config.cues_pct > 0)
    {
      cache->tmp.n = 0;
      cache->tmp.n_blocks = 1;
      cache->tmp.block_end[0] = 0;
      cm_features_count_cues (&self->config, text, 1.0f, &cache->tmp);
      block_sum (self, &cache->tmp, 0, cache->tmp.n, &part);
      add_block (&total, &part, self->config.cues_pct / 100.0f, self->stride);
    }
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias
                + (total.n2 > 0.0 ? (double) self->params[l].scale * total.acc[l] / sqrt (total.n2)
                                  : 0.0);
}

