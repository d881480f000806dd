/* cm-features.h — hashed n-gram features of a clause's text
 *
 * Text is cut into units: each CJK character, each run of letters/digits of
 * other scripts (a word, lower-cased, full-width forms folded, digits
 * written as 0), and each punctuation mark; whitespace only separates.
 * Features are n-grams of units (n in [unit_min, unit_max]) and, optionally,
 * character n-grams inside words (n in [sub_min, sub_max], with word
 * boundaries marked). Each is hashed into 2^hash_bits buckets; a bucket's
 * value is (1 + log tf) * idf, and the vector is L2-normalised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

#define CM_FEATURES_MAX_HASH_BITS 24

typedef struct
{
  guint8 hash_bits;
  guint8 unit_min;   /* 0 = no unit n-grams */
  guint8 unit_max;
  guint8 sub_min;    /* 0 = no character n-grams inside words */
  guint8 sub_max;
  guint8 skip;       /* 1: also unit pairs with one unit skipped ("a_c") */
  guint8 context;    /* CM_CONTEXT_* flags: what of the document is read */
  guint8 context_pct; /* the neighbours' weight relative to the clause's own, in % */
  guint8 comma_is_space; /* 1: commas only separate (APPSI-139 wrote spaces as commas) */
  guint8 heading_pct; /* the heading path's weight, in % */
  guint8 lead_in_pct; /* the list lead-in's weight, in % */
  guint8 position_pct; /* the position / structure features' weight, in % */
  guint8 cues_pct;    /* the sensitive-data cue block's weight, in %; 0 = none */
} CmFeatureConfig;

/* Context features, each block in its own hash namespace and with its own
 * weight: the n-grams of the neighbouring clauses of the same document, of
 * the clause's heading path, of the lead-in sentence of the list it belongs
 * to ("以下情况除外："), and its place in the document (tenth of the text,
 * heading / list item / body). */
#define CM_CONTEXT_PREVIOUS 1
#define CM_CONTEXT_NEXT     2
#define CM_CONTEXT_HEADING  4
#define CM_CONTEXT_LEAD_IN  8
#define CM_CONTEXT_POSITION 16
#define CM_CONTEXT_ALL      31

/* What a clause's document says around it; every member is optional. */
typedef enum
{
  CM_FEATURE_SHAPE_BODY,
  CM_FEATURE_SHAPE_HEADING,
  CM_FEATURE_SHAPE_LIST_ITEM,
} CmFeatureShape;

typedef struct
{
  const char    *previous;  /* the preceding labelable clause, or NULL */
  const char    *next;      /* the following one, or NULL */
  const char    *heading;   /* the heading path, titles joined by " / ", or NULL */
  const char    *lead_in;   /* a list item's lead-in sentence (ends with a colon), or NULL */
  float          position;  /* the clause's place in its document in [0, 1]; < 0: unknown */
  CmFeatureShape shape;
} CmFeatureContext;

#define CM_FEATURE_CONTEXT_INIT { NULL, NULL, NULL, NULL, -1.0f, CM_FEATURE_SHAPE_BODY }

#define CM_FEATURES_MAX_BLOCKS 7

/* The block of sensitive-data cues (cm_features_count_cues()): not a
 * context flag, it reads the clause itself. */
#define CM_FEATURES_BLOCK_CUES 64

/* A sparse vector: distinct bucket indices with their values. */
typedef struct
{
  guint32 *index;
  float   *value;
  guint    n;
  guint    capacity;
  guint    n_own;     /* entries [n_own, n) come from the context */
  /* Blocks of entries: [block_end[b - 1], block_end[b]) weighs
   * block_scale[b]; block 0 is the clause's own text (scale 1). */
  guint    n_blocks;
  guint    block_end[CM_FEATURES_MAX_BLOCKS];
  float    block_scale[CM_FEATURES_MAX_BLOCKS];
} CmFeatureVector;

/* Reusable working memory for one thread: extraction allocates nothing once
 * it has grown to the longest text seen. */
typedef struct _CmFeatureScratch CmFeatureScratch;

/* Called for each n-gram occurrence; @gram is not NUL-terminated. */
typedef void (*CmNgramFunc) (const char *gram,
                             gsize       length,
                             guint32     bucket,
                             gpointer    user_data);

gboolean          cm_feature_config_is_valid  (const CmFeatureConfig *config);

CmFeatureScratch *cm_feature_scratch_new      (const CmFeatureConfig *config);
void              cm_feature_scratch_free     (CmFeatureScratch      *scratch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmFeatureScratch, cm_feature_scratch_free)

/* Counting then asks the memory system for row @rows + bucket × @row_size
 * of each distinct bucket as soon as it is first seen, so that the cache
 * misses of a model's weight rows overlap the counting (@rows NULL: off).
 * The rows must outlive the scratch's use. */
void              cm_feature_scratch_set_prefetch (CmFeatureScratch *scratch,
                                                   gconstpointer     rows,
                                                   gsize             row_size);

void              cm_feature_vector_init      (CmFeatureVector       *vector);
void              cm_feature_vector_clear     (CmFeatureVector       *vector);

/* Buckets (all hashes 32-bit, P = 16777619, K = 0x9E3779B9, fmix = the
 * murmur3 finaliser, bucket = fmix (h) mod 2^hash_bits):
 * - each unit's hash u is FNV-1a of its normalised bytes;
 * - a unit n-gram: h = 2166136261 ^ (n K), then per unit h = (h ^ u) P,
 *   h ^= h >> 15;
 * - a skip pair a_c: the same with seed 2166136261 ^ (0x200 K) over a, c;
 * - a character n-gram of "<word>" of n characters: FNV-1a of its bytes
 *   from 2166136261 ^ (0x100 K), then bucket = fmix (h ^ n K). */

/* Visits every n-gram of @text (UTF-8, @length -1 for NUL-terminated). */
void              cm_features_foreach_ngram   (const CmFeatureConfig *config,
                                               CmFeatureScratch      *scratch,
                                               const char            *text,
                                               gssize                 length,
                                               CmNgramFunc            func,
                                               gpointer               user_data);

/* Called for each n-gram occurrence of a text with its bucket (in the
 * namespace of its block) and the units it reads: [@first, @last], or a
 * skip pair only those two. */
typedef void (*CmNgramUnitsFunc) (guint32  bucket,
                                  guint    first,
                                  guint    last,
                                  gboolean skip,
                                  gpointer user_data);

/* Visits every n-gram of @text (NUL-terminated) as the block @which reads
 * it (0: the clause's own text; or CM_CONTEXT_PREVIOUS, _NEXT, _HEADING,
 * _LEAD_IN), so that the buckets are those of cm_features_count_in_context();
 * the units' byte ranges in @text are then known (below) until the scratch
 * is used again. For explanations, not for speed. */
void              cm_features_foreach_ngram_units (const CmFeatureConfig *config,
                                                   CmFeatureScratch      *scratch,
                                                   guint                  which,
                                                   const char            *text,
                                                   CmNgramUnitsFunc       func,
                                                   gpointer               user_data);
guint             cm_features_get_n_units     (CmFeatureScratch      *scratch);
/* Unit @unit's byte range [@start, @end) in the text last visited by
 * cm_features_foreach_ngram_units(). */
void              cm_features_get_unit_span   (CmFeatureScratch      *scratch,
                                               guint                  unit,
                                               guint                 *start,
                                               guint                 *end);

/* Raw term counts per bucket (value = count), in first-seen order. */
void              cm_features_count           (const CmFeatureConfig *config,
                                               CmFeatureScratch      *scratch,
                                               const char            *text,
                                               gssize                 length,
                                               CmFeatureVector       *out);

/* Appends the n-grams of a piece of context (@which: one CM_CONTEXT_* flag
 * that reads text) as a new block weighing @scale to a count vector from
 * cm_features_count(). A context bucket may repeat an own one (a hash
 * collision): the scoring is a sum, so that only means two terms. */
void              cm_features_count_context   (const CmFeatureConfig *config,
                                               CmFeatureScratch      *scratch,
                                               guint                  which,
                                               const char            *text,
                                               float                  scale,
                                               CmFeatureVector       *out);

/* Appends the position and shape features of @context as a block. */
void              cm_features_count_position  (const CmFeatureConfig  *config,
                                               const CmFeatureContext *context,
                                               float                   scale,
                                               CmFeatureVector        *out);

/* Appends, as a block, one bucket per category of sensitive personal data
 * that @text names (PIPL Art. 28, GDPR Art. 9-10: biometrics, health,
 * beliefs, origin, sex life, trade union, genetic, financial accounts,
 * precise location, identity documents, minors, criminal records, the
 * words "sensitive data") and one for how many it names (1, 2, 3 or more);
 * English cue words, matched at a word's start, case-insensitively. */
void              cm_features_count_cues      (const CmFeatureConfig  *config,
                                               const char             *text,
                                               float                   scale,
                                               CmFeatureVector        *out);

/* The blocks a vector of @text in @context has, in order (the clause's
 * own text first, @which 0; the position block's text NULL): at most
 * CM_FEATURES_MAX_BLOCKS. Returns how many. */
guint             cm_features_list_blocks     (const CmFeatureConfig  *config,
                                               const char             *text,
                                               const CmFeatureContext *context,
                                               guint                  *which,
                                               const char            **texts);
/* A block's weight relative to the clause's own text. */
float             cm_features_block_scale     (const CmFeatureConfig  *config,
                                               guint                   which);

/* cm_features_count() of @text, then every block of @context that
 * @config reads (@context NULL: none). The one place that decides what a
 * model sees: training, evaluation and annotation all go through it. */
void              cm_features_count_in_context (const CmFeatureConfig  *config,
                                                CmFeatureScratch       *scratch,
                                                const char             *text,
                                                const CmFeatureContext *context,
                                                CmFeatureVector        *out);

/* 1 + ln tf, from a table for the small counts that make up nearly all
 * n-grams (tf >= 1). */
static inline float
cm_features_sublinear_tf (float tf)
{
  static const float table[8] = {
    0.0f, 1.0f, 1.69314718f, 2.09861229f, 2.38629436f, 2.60943791f, 2.79175947f, 2.94591015f
  };

  return tf < 8.0f ? table[(int) tf] : 1.0f + logf (tf);
}

/* Sublinear TF × @idf (NULL: all ones), L2-normalised; no context. */
void              cm_features_extract         (const CmFeatureConfig *config,
                                               CmFeatureScratch      *scratch,
                                               const float           *idf,
                                               const char            *text,
                                               gssize                 length,
                                               CmFeatureVector       *out);

/* Turns a count vector into the weighted, normalised one in place; each
 * block's entries are multiplied by its scale. */
void              cm_features_weight          (CmFeatureVector       *vector,
                                               const float           *idf);

G_END_DECLS
