/* test-features.c — hashed n-gram features: exact units, hashes and values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-features.h"
#include "cm-test-util.h"

static const CmFeatureConfig zh_config = { 18, 1, 3, 0, 0 };
static const CmFeatureConfig en_config = { 18, 1, 2, 3, 3 };

static void
collect_gram (const char *gram,
              gsize       length,
              guint32     bucket,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strndup (gram, length));
}

static GPtrArray *
grams_of (const CmFeatureConfig *config,
          const char            *text)
{
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (config);
  GPtrArray *grams = g_ptr_array_new_with_free_func (g_free);

  cm_features_foreach_ngram (config, scratch, text, -1, collect_gram, grams);
  g_ptr_array_add (grams, NULL);
  return grams;
}

static void
assert_grams (const CmFeatureConfig *config,
              const char            *text,
              const char * const    *expected)
{
  g_autoptr(GPtrArray) grams = grams_of (config, text);
  g_autofree char *got = g_strjoinv ("|", (char **) grams->pdata);
  g_autofree char *want = g_strjoinv ("|", (char **) expected);

  g_assert_cmpstr (got, ==, want);
}

static void
test_chinese_units (void)
{
  const char * const expected[] = {
    "我", "我们", "我们收", "们", "们收", "们收集", "收", "收集", "收集,", "集", "集,", "集,app",
    ",", ",app", "app", NULL
  };
  /* Full-width comma and letters fold to ASCII, case folds, spaces vanish. */
  assert_grams (&zh_config, "我们 收集，ＡＰＰ", expected);
}

static void
test_english_units (void)
{
  const char * const expected[] = {
    "we", "we share", "share", "share 0000", "0000", "0000.", ".",
    /* character trigrams inside words, with boundary marks */
    "<we", "we>", "<sh", "sha", "har", "are", "re>", "<00", "000", "000", "00>", NULL
  };
  /* Digits become 0; punctuation is its own unit. */
  assert_grams (&en_config, "We  SHARE 2024.", expected);
}

typedef struct
{
  const char *gram;
  guint32     bucket;
} Expected;

static void
find_bucket (const char *gram,
             gsize       length,
             guint32     bucket,
             gpointer    user_data)
{
  Expected *expected = user_data;

  if (strlen (expected->gram) == length && memcmp (expected->gram, gram, length) == 0)
    expected->bucket = bucket;
}

static guint32
bucket_of (const CmFeatureConfig *config,
           const char            *text,
           const char            *gram)
{
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (config);
  Expected expected = { gram, G_MAXUINT32 };

  cm_features_foreach_ngram (config, scratch, text, -1, find_bucket, &expected);
  return expected.bucket;
}

static void
test_hashes (void)
{
  CmFeatureConfig skip_config = en_config;

  /* Reference values computed independently (in Python) from the
   * definition in cm-features.h: a change here breaks every shipped model. */
  g_assert_cmpuint (bucket_of (&zh_config, "我们收", "我"), ==, 63046);
  g_assert_cmpuint (bucket_of (&zh_config, "我们收", "我们"), ==, 76043);
  g_assert_cmpuint (bucket_of (&zh_config, "我们收", "我们收"), ==, 24019);
  g_assert_cmpuint (bucket_of (&en_config, "We share 2024", "we"), ==, 91445);
  g_assert_cmpuint (bucket_of (&en_config, "We share 2024", "we share"), ==, 178617);
  g_assert_cmpuint (bucket_of (&en_config, "We share 2024", "0000"), ==, 243837);
  g_assert_cmpuint (bucket_of (&en_config, "We share 2024", "<we"), ==, 180276);
  skip_config.skip = 1;
  g_assert_cmpuint (bucket_of (&skip_config, "We share 2024", "we_0000"), ==, 177224);
}

/* Counts per bucket through the n-gram generator (never cached). */
static void
count_gram (const char *gram,
            gsize       length,
            guint32     bucket,
            gpointer    user_data)
{
  GHashTable *counts = user_data;
  gpointer key = GUINT_TO_POINTER (bucket + 1);

  g_hash_table_insert (counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static void
assert_counts_match_generator (const CmFeatureConfig *config,
                               CmFeatureScratch      *scratch,
                               const char            *text)
{
  g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
  g_autoptr(CmFeatureScratch) fresh = cm_feature_scratch_new (config);
  CmFeatureVector x;

  cm_features_foreach_ngram (config, fresh, text, -1, count_gram, expected);
  cm_feature_vector_init (&x);
  cm_features_count (config, scratch, text, -1, &x);
  g_assert_cmpuint (x.n, ==, g_hash_table_size (expected));
  for (guint i = 0; i < x.n; i++)
    g_assert_cmpfloat (x.value[i], ==,
                       GPOINTER_TO_UINT (g_hash_table_lookup (expected,
                                                              GUINT_TO_POINTER (x.index[i] + 1))));
  cm_feature_vector_clear (&x);
}

/* Counting caches the character n-grams of words: repeated words, words
 * too long for the cache, non-ASCII words and a scratch reused under
 * another configuration must all count exactly what the generator sees. */
static void
test_word_cache (void)
{
  CmFeatureConfig other = en_config;
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (&en_config);
  const char *texts[] = {
    "We share data and we share it again: share, share, SHARE.",
    "Internationalisation internationalisation of données personnelles données",
    "a b c de de fgh fgh",
  };

  for (guint round = 0; round < 2; round++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      assert_counts_match_generator (&en_config, scratch, texts[t]);
  other.sub_min = 2;
  other.sub_max = 4;
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    assert_counts_match_generator (&other, scratch, texts[t]);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    assert_counts_match_generator (&en_config, scratch, texts[t]);
}

static void
test_values (void)
{
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (&zh_config);
  CmFeatureVector x;
  float *idf = g_new (float, 1u << zh_config.hash_bits);
  double expected_norm;

  for (guint j = 0; j < 1u << zh_config.hash_bits; j++)
    idf[j] = 1.0f;
  idf[63046] = 2.0f; /* 我 */

  cm_feature_vector_init (&x);
  /* 我我: 我 twice, 我我 once. */
  cm_features_count (&zh_config, scratch, "我我", -1, &x);
  g_assert_cmpuint (x.n, ==, 2);
  g_assert_cmpuint (x.index[0], ==, 63046);
  g_assert_cmpfloat (x.value[0], ==, 2.0f);
  g_assert_cmpfloat (x.value[1], ==, 1.0f);

  cm_features_weight (&x, idf);
  /* (1 + ln 2) × 2 and 1 × 1, then L2-normalised. */
  expected_norm = sqrt (pow ((1.0 + log (2.0)) * 2.0, 2) + 1.0);
  g_assert_cmpfloat_with_epsilon (x.value[0], (1.0 + log (2.0)) * 2.0 / expected_norm, 1e-6);
  g_assert_cmpfloat_with_epsilon (x.value[1], 1.0 / expected_norm, 1e-6);

  /* The scratch is clean again: same text, same vector. */
  cm_features_extract (&zh_config, scratch, idf, "我我", -1, &x);
  g_assert_cmpuint (x.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (x.value[1], 1.0 / expected_norm, 1e-6);

  /* Nothing to count. */
  cm_features_extract (&zh_config, scratch, idf, " \t\n", -1, &x);
  g_assert_cmpuint (x.n, ==, 0);

  cm_feature_vector_clear (&x);
  g_free (idf);
}

static void
test_context (void)
{
  CmFeatureConfig config = zh_config;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmFeatureVector x, alone;

  config.context = CM_CONTEXT_PREVIOUS;
  config.context_pct = 50;
  scratch = cm_feature_scratch_new (&config);
  cm_feature_vector_init (&x);
  cm_feature_vector_init (&alone);

  cm_features_count (&config, scratch, "收集", -1, &alone);
  g_assert_cmpuint (alone.n, ==, 3);

  cm_features_count (&config, scratch, "我们", -1, &x);
  cm_features_count_context (&config, scratch, CM_CONTEXT_PREVIOUS, "收集", 0.5f, &x);
  g_assert_cmpuint (x.n_own, ==, 3);
  g_assert_cmpuint (x.n, ==, 6);
  /* The neighbour's n-grams live in their own namespace. */
  for (guint i = 0; i < 3; i++)
    for (guint k = 0; k < 3; k++)
      g_assert_cmpuint (x.index[3 + i], !=, alone.index[k]);

  /* Context entries weigh half: three own at 1, three at 0.5. */
  cm_features_weight (&x, NULL);
  g_assert_cmpfloat_with_epsilon (x.value[0], 1.0 / sqrt (3 * 1.0 + 3 * 0.25), 1e-6);
  g_assert_cmpfloat_with_epsilon (x.value[5], 0.5 / sqrt (3 * 1.0 + 3 * 0.25), 1e-6);

  cm_feature_vector_clear (&x);
  cm_feature_vector_clear (&alone);
}

/* Heading path, lead-in and position each form a block of their own
 * namespace and weight; a config that does not read a piece ignores it. */
static void
test_context_blocks (void)
{
  CmFeatureConfig config = zh_config;
  CmFeatureContext context = CM_FEATURE_CONTEXT_INIT;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmFeatureVector x, alone;
  double norm;

  config.context = CM_CONTEXT_HEADING | CM_CONTEXT_POSITION;
  config.heading_pct = 30;
  config.position_pct = 100;
  scratch = cm_feature_scratch_new (&config);
  cm_feature_vector_init (&x);
  cm_feature_vector_init (&alone);
  context.heading = "共享";   /* 3 n-grams */
  context.lead_in = "如下：";  /* not read by this config */
  context.position = 0.95f;
  context.shape = CM_FEATURE_SHAPE_LIST_ITEM;

  cm_features_count (&config, scratch, "共享", -1, &alone);
  cm_features_count_in_context (&config, scratch, "我们", &context, &x);
  g_assert_cmpuint (x.n_blocks, ==, 3);
  g_assert_cmpuint (x.block_end[0], ==, 3);
  g_assert_cmpuint (x.block_end[1], ==, 6);
  g_assert_cmpuint (x.block_end[2], ==, 9);  /* tenth, shape, both */
  for (guint i = 3; i < 6; i++)
    for (guint k = 0; k < alone.n; k++)
      g_assert_cmpuint (x.index[i], !=, alone.index[k]);

  cm_features_weight (&x, NULL);
  norm = sqrt (3 * 1.0 + 3 * 0.09 + 3 * 1.0);
  g_assert_cmpfloat_with_epsilon (x.value[0], 1.0 / norm, 1e-6);
  g_assert_cmpfloat_with_epsilon (x.value[4], 0.3 / norm, 1e-6);

  /* Without the context, only the text. */
  cm_features_count_in_context (&config, scratch, "我们", NULL, &x);
  g_assert_cmpuint (x.n, ==, 3);
  g_assert_cmpuint (x.n_blocks, ==, 1);

  cm_feature_vector_clear (&x);
  cm_feature_vector_clear (&alone);
}

/* The sensitive-data cues: one bucket per category named (at a word's
 * start, whole words where asked) and one for how many, a block of their
 * own weight, with or without a context; none named, an empty block. */
static void
test_cue_block (void)
{
  CmFeatureConfig config = en_config;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmFeatureVector x, y;

  config.cues_pct = 200;
  scratch = cm_feature_scratch_new (&config);
  cm_feature_vector_init (&x);
  cm_feature_vector_init (&y);

  cm_features_count_in_context (&config, scratch, "We read your Fingerprint and bank account", NULL, &x);
  g_assert_cmpuint (x.n_blocks, ==, 2);
  g_assert_cmpuint (x.n - x.block_end[0], ==, 3);  /* biometric, financial, "two named" */
  g_assert_cmpfloat_with_epsilon (x.block_scale[1], 2.0, 1e-6);

  /* the same two categories in other words: the same buckets */
  cm_features_count_in_context (&config, scratch, "health data? no: a credit card and your face print",
                                NULL, &y);
  g_assert_cmpuint (y.n - y.block_end[0], ==, 4);  /* + health; "three named" */
  cm_features_count_in_context (&config, scratch, "a credit card and your face print", NULL, &y);
  g_assert_cmpuint (y.n - y.block_end[0], ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (x.index[x.block_end[0] + i], ==, y.index[y.block_end[0] + i]);

  /* not inside a word ("unhealthy" is not health, "paris" no iris), nor a
   * part of a whole-word cue ("kidney" is no kid) */
  cm_features_count_in_context (&config, scratch, "the kidney of unhealthy paris", NULL, &y);
  g_assert_cmpuint (y.n_blocks, ==, 2);
  g_assert_cmpuint (y.n, ==, y.block_end[0]);

  /* a config without the cues has no such block */
  config.cues_pct = 0;
  cm_features_count_in_context (&config, scratch, "your fingerprint", NULL, &y);
  g_assert_cmpuint (y.n_blocks, ==, 1);
  config.cues_pct = 251;
  g_assert_false (cm_feature_config_is_valid (&config));

  cm_feature_vector_clear (&x);
  cm_feature_vector_clear (&y);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (&en_config);
  CmFeatureVector x;

  cm_feature_vector_init (&x);
  cm_features_extract (&en_config, scratch, NULL, "ok\xff\xfe" "fine", -1, &x);
  /* ok, fine, "ok fine"... invalid bytes only separate. */
  g_assert_cmpuint (x.n, >, 0);
  cm_feature_vector_clear (&x);
}

static void
test_config_validation (void)
{
  CmFeatureConfig bad = { 30, 1, 3, 0, 0 };

  g_assert_false (cm_feature_config_is_valid (&bad));
  bad.hash_bits = 16;
  g_assert_true (cm_feature_config_is_valid (&bad));
  bad.unit_min = 0;
  g_assert_false (cm_feature_config_is_valid (&bad));
  bad.unit_min = 3;
  bad.unit_max = 2;
  g_assert_false (cm_feature_config_is_valid (&bad));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/features/chinese-units", test_chinese_units);
  g_test_add_func ("/features/english-units", test_english_units);
  g_test_add_func ("/features/hashes", test_hashes);
  g_test_add_func ("/features/values", test_values);
  g_test_add_func ("/features/word-cache", test_word_cache);
  g_test_add_func ("/features/context", test_context);
  g_test_add_func ("/features/context-blocks", test_context_blocks);
  g_test_add_func ("/features/cue-block", test_cue_block);
  g_test_add_func ("/features/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/features/config-validation", test_config_validation);

  return g_test_run ();
}
