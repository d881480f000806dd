/* cm-features.c — hashed n-gram features of a clause's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-features"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-features-private.h"

gboolean
cm_feature_config_is_valid (const CmFeatureConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->hash_bits < 4 || config->hash_bits > CM_FEATURES_MAX_HASH_BITS)
    return FALSE;
  if (config->unit_min == 0 && config->sub_min == 0)
    return FALSE;
  if (config->unit_min > config->unit_max || config->unit_max > 8)
    return FALSE;
  if (config->sub_min > config->sub_max || config->sub_max > 12)
    return FALSE;
  if (config->skip > 1 || config->comma_is_space > 1)
    return FALSE;
  if (config->context > CM_CONTEXT_ALL || config->context_pct > 200
      || config->heading_pct > 200 || config->lead_in_pct > 200 || config->position_pct > 200
      || config->cues_pct > 250)
    return FALSE;
  return TRUE;
}

CmFeatureScratch *
cm_feature_scratch_new (const CmFeatureConfig *config)
{
  CmFeatureScratch *scratch;

  g_return_val_if_fail (cm_feature_config_is_valid (config), NULL);

  scratch = g_new0 (CmFeatureScratch, 1);
  scratch->dim = 1u << config->hash_bits;
  scratch->buckets = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);
  scratch->norm = g_string_sized_new (1024);
  scratch->units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), 256);
  scratch->word = g_string_sized_new (64);
  return scratch;
}

void
cm_feature_scratch_free (CmFeatureScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_array_unref (scratch->buckets);
  g_free (scratch->table);
  g_string_free (scratch->norm, TRUE);
  g_array_unref (scratch->units);
  g_string_free (scratch->word, TRUE);
  if (scratch->unit_spans != NULL)
    g_array_unref (scratch->unit_spans);
  g_free (scratch->cache);
  g_free (scratch->cache_buckets);
  g_free (scratch);
}

void
cm_feature_scratch_set_prefetch (CmFeatureScratch *scratch,
                                 gconstpointer     rows,
                                 gsize             row_size)
{
  g_return_if_fail (scratch != NULL);
  scratch->prefetch_rows = rows;
  scratch->prefetch_row_size = row_size;
}

void
cm_feature_vector_init (CmFeatureVector *vector)
{
  memset (vector, 0, sizeof *vector);
}

void
cm_feature_vector_clear (CmFeatureVector *vector)
{
  g_clear_pointer (&vector->index, g_free);
  g_clear_pointer (&vector->value, g_free);
  vector->n = vector->capacity = 0;
}

void
cm_feature_vector_reserve (CmFeatureVector *vector,
                           guint            capacity)
{
  if (capacity <= vector->capacity)
    return;
  capacity = MAX (capacity, vector->capacity * 2);
  capacity = MAX (capacity, 64);
  vector->index = g_renew (guint32, vector->index, capacity);
  vector->value = g_renew (float, vector->value, capacity);
  vector->capacity = capacity;
}

/* A unit n-gram's bucket from its units' hashes: each unit's bytes are
 * hashed once, not once per n-gram that contains it. */
static inline guint32
unit_ngram_bucket (const CmFeatureConfig *config,
                   const Unit            *units,
                   guint                  i,
                   guint                  n)
{
  guint32 h = 2166136261u ^ (n * 0x9E3779B9u);

  for (guint k = 0; k < n; k++)
    {
      h ^= units[i + k].hash;
      h *= 16777619u;
      h ^= h >> 15;
    }
  return finalise (h) & ((1u << config->hash_bits) - 1);
}

static void
hash_units (CmFeatureScratch *scratch)
{
  Unit *units = (Unit *) scratch->units->data;
  const guint8 *norm = (const guint8 *) scratch->norm->str;

  for (guint i = 0; i < scratch->units->len; i++)
    {
      guint32 h = 2166136261u;
      for (guint32 b = units[i].start; b < units[i].end; b++)
        {
          h ^= norm[b];
          h *= 16777619u;
        }
      units[i].hash = h;
    }
}

/* The n-gram generator behind both the fast path (@func NULL: buckets are
 * appended to scratch->buckets) and cm_features_foreach_ngram() (@func
 * gets each n-gram's text too). Both must give the same buckets. */
typedef struct
{
  const CmFeatureConfig *config;
  CmFeatureScratch      *scratch;
  CmNgramFunc            func;
  gpointer               user_data;
  guint32               *out;     /* fast path: next free bucket slot */
  CmNgramUnitsFunc       units_func; /* cm_features_foreach_ngram_units() */
  guint                  which;      /* and the block whose namespace it hashes into */
} Generator;

static inline guint32 namespace_bucket (const CmFeatureConfig *config,
                                        guint                  which,
                                        guint32                bucket);

/* One n-gram occurrence, reading units [@first, @last] (a skip pair only
 * the two ends). */
static inline void
emit (Generator  *gen,
      const char *gram,
      gsize       length,
      guint32     bucket,
      guint       first,
      guint       last,
      gboolean    skip)
{
  if (gen->units_func != NULL)
    gen->units_func (namespace_bucket (gen->config, gen->which, bucket), first, last, skip,
                     gen->user_data);
  else if (gen->func != NULL)
    gen->func (gram, length, bucket, gen->user_data);
  else
    *gen->out++ = bucket;
}

static inline guint32
step (guint32 h,
      guint32 unit_hash)
{
  h ^= unit_hash;
  h *= 16777619u;
  return h ^ (h >> 15);
}

/* Character n-grams of "<word>": from each character, the FNV-1a state is
 * extended one character at a time and emitted at each length in range. */
static void
generate_subwords (Generator  *gen,
                   const Unit *unit)
{
  const CmFeatureConfig *config = gen->config;
  GString *word = gen->scratch->word;
  guint32 mask = (1u << config->hash_bits) - 1;
  const guint8 *w;
  gsize len = unit->end - unit->start + 2;
  guint8 ascii_or = 0;
  guint u = unit - (const Unit *) gen->scratch->units->data;

  /* "<word>" in the scratch buffer, written directly: this runs for every
   * word, and GString's appends cost more than the hashing. */
  if (word->allocated_len <= len)
    g_string_set_size (word, len);
  word->str[0] = '<';
  memcpy (word->str + 1, gen->scratch->norm->str + unit->start, len - 2);
  word->str[len - 1] = '>';
  word->str[len] = '\0';
  word->len = len;
  w = (const guint8 *) word->str;
  for (gsize i = 1; i + 1 < len; i++)
    ascii_or |= w[i];

  if (ascii_or < 0x80)
    {
      /* One byte per character: the common English case, without UTF-8
       * stepping. */
      for (gsize from = 0; from < len; from++)
        {
          guint32 h = 2166136261u ^ (0x100u * 0x9E3779B9u);
          gsize end = MIN (len, from + config->sub_max);

          for (gsize to = from; to < end; to++)
            {
              guint n = to - from + 1;
              h ^= w[to];
              h *= 16777619u;
              if (n >= config->sub_min)
                emit (gen, word->str + from, n, finalise (h ^ (n * 0x9E3779B9u)) & mask, u, u, FALSE);
            }
        }
      return;
    }

  for (gsize from = 0; from < len; from = g_utf8_next_char (word->str + from) - word->str)
    {
      guint32 h = 2166136261u ^ (0x100u * 0x9E3779B9u);
      gsize to = from;

      for (guint n = 1; n <= config->sub_max && to < len; n++)
        {
          gsize next = g_utf8_next_char (word->str + to) - word->str;
          for (; to < next; to++)
            {
              h ^= w[to];
              h *= 16777619u;
            }
          if (n >= config->sub_min)
            emit (gen, word->str + from, to - from, finalise (h ^ (n * 0x9E3779B9u)) & mask, u, u,
                  FALSE);
        }
    }
}

/* A context block's n-grams hash into a namespace of their own (@which
 * 0: the clause's own text, as it is). */
static inline guint32
namespace_bucket (const CmFeatureConfig *config,
                  guint                  which,
                  guint32                bucket)
{
  if (which == 0)
    return bucket;
  return finalise (bucket ^ (which * 0x27D4EB2Fu)) & ((1u << config->hash_bits) - 1);
}

/* (Re)allocates the word cache for @config's character n-grams. */
static void
word_cache_prepare (CmFeatureScratch      *scratch,
                    const CmFeatureConfig *config)
{
  if (scratch->cache != NULL && scratch->cache_sub_min == config->sub_min
      && scratch->cache_sub_max == config->sub_max && scratch->cache_bits == config->hash_bits)
    return;
  g_free (scratch->cache);
  g_free (scratch->cache_buckets);
  scratch->cache_sub_min = config->sub_min;
  scratch->cache_sub_max = config->sub_max;
  scratch->cache_bits = config->hash_bits;
  /* A word of L bytes with its two marks has at most L + 2 characters,
   * each starting at most one n-gram per order. */
  scratch->cache_stride = (WORD_CACHE_MAX_BYTES + 2) * (config->sub_max - config->sub_min + 1);
  scratch->cache = g_new0 (WordCacheEntry, WORD_CACHE_SIZE);
  scratch->cache_buckets = g_new (guint32, (gsize) WORD_CACHE_SIZE * scratch->cache_stride);
}

/* generate_subwords() through the cache: the same buckets in the same
 * order, computed once per distinct word as long as it stays cached. */
static void
generate_subwords_cached (Generator  *gen,
                          const Unit *unit)
{
  CmFeatureScratch *scratch = gen->scratch;
  const char *bytes = scratch->norm->str + unit->start;
  guint8 length = unit->end - unit->start;
  guint slot = (unit->hash ^ (unit->hash >> 10)) & (WORD_CACHE_SIZE - 1);
  WordCacheEntry *entry;
  guint32 *cached, *first;

  word_cache_prepare (scratch, gen->config);
  entry = &scratch->cache[slot];
  cached = scratch->cache_buckets + (gsize) slot * scratch->cache_stride;
  if (entry->length == length && memcmp (entry->bytes, bytes, length) == 0)
    {
      memcpy (gen->out, cached, entry->n_buckets * sizeof (guint32));
      gen->out += entry->n_buckets;
      return;
    }
  first = gen->out;
  generate_subwords (gen, unit);
  g_assert ((guint) (gen->out - first) <= scratch->cache_stride);
  entry->length = length;
  entry->n_buckets = gen->out - first;
  memcpy (entry->bytes, bytes, length);
  memcpy (cached, first, entry->n_buckets * sizeof (guint32));
}

static void
generate (Generator  *gen,
          const char *text,
          gssize      length)
{
  const CmFeatureConfig *config = gen->config;
  CmFeatureScratch *scratch = gen->scratch;
  guint32 mask = (1u << config->hash_bits) - 1;
  const Unit *units;
  const char *norm;
  guint n_units;

  cm_features_tokenise (config, scratch, text, length);
  hash_units (scratch);
  units = (const Unit *) scratch->units->data;
  n_units = scratch->units->len;
  norm = scratch->norm->str;

  if (config->unit_min > 0)
    for (guint i = 0; i < n_units; i++)
      for (guint n = config->unit_min; n <= config->unit_max && i + n <= n_units; n++)
        emit (gen, norm + units[i].start, units[i + n - 1].end - units[i].start,
              unit_ngram_bucket (config, units, i, n), i, i + n - 1, FALSE);

  if (config->skip)
    for (guint i = 0; i + 2 < n_units; i++)
      {
        guint32 h = 2166136261u ^ (0x200u * 0x9E3779B9u);
        guint32 bucket = finalise (step (step (h, units[i].hash), units[i + 2].hash)) & mask;

        if (gen->func != NULL)
          {
            GString *pair = scratch->word;
            g_string_truncate (pair, 0);
            g_string_append_len (pair, norm + units[i].start, units[i].end - units[i].start);
            g_string_append_c (pair, '_');
            g_string_append_len (pair, norm + units[i + 2].start,
                                 units[i + 2].end - units[i + 2].start);
            emit (gen, pair->str, pair->len, bucket, i, i + 2, TRUE);
          }
        else
          emit (gen, NULL, 0, bucket, i, i + 2, TRUE);
      }

  if (config->sub_min > 0)
    for (guint i = 0; i < n_units; i++)
      if (units[i].kind == UNIT_WORD)
        {
          /* The cache serves the fast path only (it copies bare buckets). */
          if (gen->out != NULL && units[i].end - units[i].start <= WORD_CACHE_MAX_BYTES)
            generate_subwords_cached (gen, &units[i]);
          else
            generate_subwords (gen, &units[i]);
        }
}

void
cm_features_foreach_ngram (const CmFeatureConfig *config,
                           CmFeatureScratch      *scratch,
                           const char            *text,
                           gssize                 length,
                           CmNgramFunc            func,
                           gpointer               user_data)
{
  Generator gen = { config, scratch, func, user_data, NULL, NULL, 0 };

  g_return_if_fail (config != NULL && scratch != NULL && text != NULL && func != NULL);
  g_return_if_fail (scratch->dim == 1u << config->hash_bits);

  generate (&gen, text, length);
}

void
cm_features_foreach_ngram_units (const CmFeatureConfig *config,
                                 CmFeatureScratch      *scratch,
                                 guint                  which,
                                 const char            *text,
                                 CmNgramUnitsFunc       func,
                                 gpointer               user_data)
{
  Generator gen = { config, scratch, NULL, user_data, NULL, func, which };

  g_return_if_fail (config != NULL && scratch != NULL && text != NULL && func != NULL);
  g_return_if_fail (scratch->dim == 1u << config->hash_bits);
  g_return_if_fail (which == 0 || which == CM_CONTEXT_PREVIOUS || which == CM_CONTEXT_NEXT
                    || which == CM_CONTEXT_HEADING || which == CM_CONTEXT_LEAD_IN);

  if (scratch->unit_spans == NULL)
    scratch->unit_spans = g_array_new (FALSE, FALSE, sizeof (guint32));
  generate (&gen, text, -1);
}

guint
cm_features_get_n_units (CmFeatureScratch *scratch)
{
  g_return_val_if_fail (scratch != NULL, 0);
  return scratch->units->len;
}

void
cm_features_get_unit_span (CmFeatureScratch *scratch,
                           guint             unit,
                           guint            *start,
                           guint            *end)
{
  const guint32 *spans;

  g_return_if_fail (scratch != NULL && scratch->unit_spans != NULL);
  g_return_if_fail (unit < scratch->units->len);

  spans = (const guint32 *) scratch->unit_spans->data;
  *start = spans[2 * unit];
  *end = spans[2 * unit + 1];
}

/* An upper bound of the n-grams of a text of @n_bytes bytes: each byte
 * starts at most one unit, each unit at most one n-gram per order and one
 * skip pair, and each character inside a word (plus its two marks) at most
 * one character n-gram per order. */
static gsize
max_ngrams (const CmFeatureConfig *config,
            gsize                  n_bytes)
{
  gsize per_unit = (config->unit_min > 0 ? config->unit_max - config->unit_min + 1 : 0)
                   + config->skip;
  gsize per_char = config->sub_min > 0 ? config->sub_max - config->sub_min + 1 : 0;

  return n_bytes * per_unit + (3 * n_bytes) * per_char + 16;
}

/* Every n-gram's bucket into scratch->buckets. */
static void
collect_buckets (const CmFeatureConfig *config,
                 CmFeatureScratch      *scratch,
                 const char            *text,
                 gssize                 length)
{
  GArray *buckets = scratch->buckets;
  gsize n_bytes = length < 0 ? strlen (text) : (gsize) length;
  Generator gen = { config, scratch, NULL, NULL, NULL, NULL, 0 };

  g_array_set_size (buckets, max_ngrams (config, n_bytes));
  gen.out = (guint32 *) buckets->data;
  generate (&gen, text, length);
  g_array_set_size (buckets, gen.out - (guint32 *) buckets->data);
}

/* Appends the distinct buckets of scratch->buckets to @out, counting
 * repeats, in first-seen order, through a small open-addressing table that
 * stays in the L1 cache (a dense map of the whole space would cost a cache
 * miss per n-gram). */
static void
append_distinct (CmFeatureScratch *scratch,
                 CmFeatureVector  *out)
{
  const guint32 *buckets = (const guint32 *) scratch->buckets->data;
  guint n = scratch->buckets->len, size, mask;
  const guint8 *prefetch = scratch->prefetch_rows;

  cm_feature_vector_reserve (out, out->n + n);
  /* At most half full (2/3 measured slower); key and position side by
   * side, so that a probe touches one cache line. */
  for (size = 64; size < 2 * n; size *= 2)
    ;
  if (size > scratch->table_size)
    {
      scratch->table = g_renew (TableCell, scratch->table, size);
      scratch->table_size = size;
    }
  memset (scratch->table, 0, size * sizeof (TableCell));
  mask = size - 1;
  for (guint k = 0; k < n; k++)
    {
      guint32 key = buckets[k] + 1;
      guint32 h = (key * 0x9E3779B1u) >> 7;

      for (;; h++)
        {
          TableCell *cell = &scratch->table[h & mask];
          if (cell->key == key)
            {
              out->value[cell->pos] += 1.0f;
              break;
            }
          if (cell->key == 0)
            {
              cell->key = key;
              if (prefetch != NULL)
                __builtin_prefetch (prefetch + (gsize) buckets[k] * scratch->prefetch_row_size);
              cell->pos = out->n;
              out->index[out->n] = buckets[k];
              out->value[out->n] = 1.0f;
              out->n++;
              break;
            }
        }
    }
}

void
cm_features_count (const CmFeatureConfig *config,
                   CmFeatureScratch      *scratch,
                   const char            *text,
                   gssize                 length,
                   CmFeatureVector       *out)
{
  g_return_if_fail (config != NULL && scratch != NULL && text != NULL && out != NULL);
  g_return_if_fail (scratch->dim == 1u << config->hash_bits);

  collect_buckets (config, scratch, text, length);
  out->n = 0;
  append_distinct (scratch, out);
  out->n_own = out->n;
  out->n_blocks = 1;
  out->block_end[0] = out->n;
  out->block_scale[0] = 1.0f;
}

/* Closes the entries appended since the last block as a new one. */
void
cm_features_close_block (CmFeatureVector *out,
                         float            scale)
{
  g_return_if_fail (out->n_blocks > 0 && out->n_blocks < CM_FEATURES_MAX_BLOCKS);

  out->block_end[out->n_blocks] = out->n;
  out->block_scale[out->n_blocks] = scale;
  out->n_blocks++;
}

void
cm_features_count_context (const CmFeatureConfig *config,
                           CmFeatureScratch      *scratch,
                           guint                  which,
                           const char            *text,
                           float                  scale,
                           CmFeatureVector       *out)
{
  guint base = out->n;

  g_return_if_fail (config != NULL && scratch != NULL && text != NULL && out != NULL);
  g_return_if_fail (which == CM_CONTEXT_PREVIOUS || which == CM_CONTEXT_NEXT
                    || which == CM_CONTEXT_HEADING || which == CM_CONTEXT_LEAD_IN);

  collect_buckets (config, scratch, text, -1);
  append_distinct (scratch, out);
  for (guint i = base; i < out->n; i++)
    out->index[i] = namespace_bucket (config, which, out->index[i]);
  cm_features_close_block (out, scale);
}

/* Where the clause sits: its tenth of the document and its shape, one
 * bucket each (and one for the pair), in the position namespace. */
void
cm_features_count_position (const CmFeatureConfig  *config,
                const CmFeatureContext *context,
                float                   scale,
                CmFeatureVector        *out)
{
  guint32 mask = (1u << config->hash_bits) - 1;
  guint32 seed = CM_CONTEXT_POSITION * 0x27D4EB2Fu;
  guint tenth = context->position < 0.0f ? 10 : MIN ((guint) (context->position * 10.0f), 9);
  guint32 keys[3] = { 0x100u + tenth, 0x200u + context->shape,
                      0x300u + tenth * 4 + context->shape };

  cm_feature_vector_reserve (out, out->n + G_N_ELEMENTS (keys));
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      out->index[out->n] = finalise (seed ^ finalise (keys[k])) & mask;
      out->value[out->n] = 1.0f;
      out->n++;
    }
  cm_features_close_block (out, scale);
}

guint
cm_features_list_blocks (const CmFeatureConfig  *config,
                         const char             *text,
                         const CmFeatureContext *context,
                         guint                  *which,
                         const char            **texts)
{
  guint flags = context != NULL ? config->context : 0;
  guint n = 0;

  which[n] = 0;
  texts[n++] = text;
  if ((flags & CM_CONTEXT_PREVIOUS) && context->previous != NULL)
    which[n] = CM_CONTEXT_PREVIOUS, texts[n++] = context->previous;
  if ((flags & CM_CONTEXT_NEXT) && context->next != NULL)
    which[n] = CM_CONTEXT_NEXT, texts[n++] = context->next;
  if ((flags & CM_CONTEXT_HEADING) && context->heading != NULL && context->heading[0] != '\0')
    which[n] = CM_CONTEXT_HEADING, texts[n++] = context->heading;
  if ((flags & CM_CONTEXT_LEAD_IN) && context->lead_in != NULL)
    which[n] = CM_CONTEXT_LEAD_IN, texts[n++] = context->lead_in;
  if (flags & CM_CONTEXT_POSITION)
    which[n] = CM_CONTEXT_POSITION, texts[n++] = NULL;
  /* The clause's own cues, with or without a context. */
  if (config->cues_pct > 0)
    which[n] = CM_FEATURES_BLOCK_CUES, texts[n++] = NULL;
  return n;
}

float
cm_features_block_scale (const CmFeatureConfig *config,
                         guint                  which)
{
  switch (which)
    {
    case 0:
      return 1.0f;
    case CM_CONTEXT_HEADING:
      return config->heading_pct / 100.0f;
    case CM_CONTEXT_LEAD_IN:
      return config->lead_in_pct / 100.0f;
    case CM_CONTEXT_POSITION:
      return config->position_pct / 100.0f;
    case CM_FEATURES_BLOCK_CUES:
      return config->cues_pct / 100.0f;
    default:
      return config->context_pct / 100.0f;
    }
}

void
cm_features_count_in_context (const CmFeatureConfig  *config,
                              CmFeatureScratch       *scratch,
                              const char             *text,
                              const CmFeatureContext *context,
                              CmFeatureVector        *out)
{
  guint which[CM_FEATURES_MAX_BLOCKS];
  const char *texts[CM_FEATURES_MAX_BLOCKS];
  guint n_blocks = cm_features_list_blocks (config, text, context, which, texts);

  cm_features_count (config, scratch, text, -1, out);
  for (guint b = 1; b < n_blocks; b++)
    if (which[b] == CM_CONTEXT_POSITION)
      cm_features_count_position (config, context, cm_features_block_scale (config, which[b]), out);
    else if (which[b] == CM_FEATURES_BLOCK_CUES)
      cm_features_count_cues (config, text, cm_features_block_scale (config, which[b]), out);
    else
      cm_features_count_context (config, scratch, which[b], texts[b],
                                 cm_features_block_scale (config, which[b]), out);
}

void
cm_features_weight (CmFeatureVector *vector,
                    const float     *idf)
{
  double norm = 0.0;
  guint i = 0;

  if (vector->n_blocks == 0)
    {
      /* A hand-made vector: one block. */
      vector->n_blocks = 1;
      vector->block_end[0] = vector->n;
      vector->block_scale[0] = 1.0f;
    }
  for (guint b = 0; b < vector->n_blocks; b++)
    for (; i < vector->block_end[b]; i++)
      {
        float v = cm_features_sublinear_tf (vector->value[i]) * vector->block_scale[b];
        if (idf != NULL)
          v *= idf[vector->index[i]];
        vector->value[i] = v;
        norm += (double) v * v;
      }
  if (norm > 0.0)
    {
      float scale = (float) (1.0 / sqrt (norm));
      for (i = 0; i < vector->n; i++)
        vector->value[i] *= scale;
    }
}

void
cm_features_extract (const CmFeatureConfig *config,
                     CmFeatureScratch      *scratch,
                     const float           *idf,
                     const char            *text,
                     gssize                 length,
                     CmFeatureVector       *out)
{
  cm_features_count (config, scratch, text, length, out);
  cm_features_weight (out, idf);
}
