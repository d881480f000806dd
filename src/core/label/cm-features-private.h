/* cm-features-private.h — what the feature extractor's files share
 * (cm-features*.c only)
 *
 * The extractor is split by concern:
 *   cm-features.c         the scratch and vectors, hashing, the n-gram
 *                         generator, counting, context blocks, weighting
 *   cm-features-tokens.c  a text cut into folded units (words, CJK
 *                         characters, punctuation)
 *   cm-features-cues.c    cue words of sensitive personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-features.h"

G_BEGIN_DECLS

typedef enum
{
  UNIT_WORD,
  UNIT_CJK,
  UNIT_PUNCT,
} UnitKind;

typedef struct
{
  guint32 start;  /* byte range in the normalised buffer */
  guint32 end;
  guint32 hash;   /* FNV-1a of the unit's bytes */
  guint8  kind;
} Unit;

/* Words up to this many bytes have their character n-grams cached. */
#define WORD_CACHE_MAX_BYTES 15
#define WORD_CACHE_SIZE      1024  /* entries, direct-mapped by word hash */

typedef struct
{
  guint8 length;    /* 0: empty */
  guint8 n_buckets;
  char   bytes[WORD_CACHE_MAX_BYTES];
} WordCacheEntry;

typedef struct
{
  guint32 key;  /* bucket + 1; 0: empty */
  guint32 pos;  /* its entry in the output vector */
} TableCell;

struct _CmFeatureScratch
{
  guint32  dim;
  GArray  *buckets; /* of guint32: every n-gram's bucket, duplicates included */
  TableCell *table;   /* open addressing: bucket + 1 -> position in the output */
  guint      table_size;
  GString *norm;    /* the units, as normalised text */
  GArray  *units;   /* of Unit */
  GString *word;    /* a word with boundary marks, for character n-grams */
  /* Each unit's byte range in the source text, [2u] start and [2u + 1]
   * end, recorded only while explaining (NULL otherwise). */
  GArray  *unit_spans;
  /* Character n-gram buckets of recently seen words (the fast path only):
   * a few hundred frequent words make up most of a text's words. */
  const guint8 *prefetch_rows; /* see cm_feature_scratch_set_prefetch() */
  gsize    prefetch_row_size;
  guint8   cache_sub_min; /* the configuration the cache was filled under */
  guint8   cache_sub_max;
  guint8   cache_bits;
  guint    cache_stride;  /* buckets per entry */
  WordCacheEntry *cache;
  guint32 *cache_buckets;  /* WORD_CACHE_SIZE × cache_stride */
};

/* The final mix of a 32-bit hash (murmur3's). */
static inline guint32
finalise (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

/* Room for @capacity entries in @vector. */
void cm_feature_vector_reserve (CmFeatureVector *vector,
                                guint            capacity);
/* Closes the entries appended since the last block as a new one. */
void cm_features_close_block   (CmFeatureVector *out,
                                float            scale);

/* Cuts @text into units in scratch->norm / scratch->units. */
void cm_features_tokenise (const CmFeatureConfig *config,
                           CmFeatureScratch      *scratch,
                           const char            *text,
                           gssize                 length);

G_END_DECLS
