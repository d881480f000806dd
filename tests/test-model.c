/* test-model.c — training, saving, loading and applying a classifier
 *
 * Cross-validation and the second stage are tested in
 * test-model-training.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-eval.h"
#include "cm-model.h"
#include "cm-test-util.h"
#include "cm-trainer.h"
#include "test-model-private.h"

/* Confidence is the least certain decision, rescaled: a coin toss is 0. */
static void
test_decision_confidence (void)
{
  const double toss[] = { 0.99, 0.5, 0.01 };
  const double sure[] = { 0.9, 0.05 };
  const double certain[] = { 1.0, 0.0 };

  g_assert_cmpfloat_with_epsilon (cm_decision_confidence (toss, 3), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cm_decision_confidence (sure, 2), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (cm_decision_confidence (certain, 2), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cm_decision_confidence (NULL, 0), 1.0, 1e-12);
}

/* The review desk filters clauses "below 50 %" and "below 80 %": with the
 * shipped models, both must select some clauses of a real policy and leave
 * others out (the old min max(P, 1 - P) could never fall below 0.5). */
static void
test_confidence_spread (void)
{
  g_autofree char *path = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  guint below_half = 0, above_80 = 0, labelable = 0;

  models = cm_model_set_load_default (&error);
  g_assert_no_error (error);
  cm_annotate_options_init (&options);
  options.models = models;
  document = cm_annotate_file (path, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      double confidence = cm_clause_get_confidence (clause);

      if (!cm_clause_is_labelable (clause))
        continue;
      labelable++;
      g_assert_cmpfloat (confidence, >=, 0.0);
      below_half += confidence < 0.5;
      above_80 += confidence >= 0.8;
    }
  g_test_message ("%u labelable clauses: %u below 0.5, %u at or above 0.8", labelable, below_half, above_80);
  g_assert_cmpuint (below_half, >, 0);
  g_assert_cmpuint (below_half, <, labelable);
  g_assert_cmpuint (above_80, >, 0);
}

static void
test_learns_synthetic (void)
{
  g_autoptr(CmModel) model = train_synthetic ();
  g_autoptr(CmTrainingSet) test = synthetic_set (200, 3);
  g_autoptr(CmEvaluation) eval = cm_evaluate_model (model, test);
  double p, r, f1;
  guint support;

  g_assert_cmpuint (cm_model_get_n_labels (model), ==, 11);
  g_assert_cmpfloat (cm_evaluation_micro_f1 (eval), >, 0.95);
  cm_evaluation_get_label (eval, 5, &p, &r, &f1, &support);
  g_assert_cmpuint (support, >, 0);
  g_assert_cmpfloat (f1, >, 0.9);
  /* A label never seen stays off. */
  cm_evaluation_get_label (eval, 10, &p, &r, &f1, &support);
  g_assert_cmpuint (support, ==, 0);
  g_assert_cmpfloat (p, ==, 0.0);

  /* Calibrated: a clear positive is likely, a clear negative unlikely. */
  {
    g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (cm_model_get_config (model));
    CmFeatureVector x;
    double scores[CM_MODEL_MAX_LABELS];

    cm_feature_vector_init (&x);
    cm_model_score_text (model, scratch, &x, "the app may encrypt it with our service", scores);
    g_assert_cmpfloat (cm_model_probability (model, 5, scores[5]), >, 0.7);
    g_assert_cmpfloat (cm_model_probability (model, 0, scores[0]), <, 0.3);
    cm_feature_vector_clear (&x);
  }
}

/* A model that reads the document: the cached scoring of annotation gives
 * the figures of the plain one, and the context weights survive a save
 * (the sensitive-data cue block too: one text names a category). */
static void
test_context_scoring (void)
{
  g_autoptr(CmTrainingSet) train = synthetic_set (300, 4);
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmModel) loaded = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(CmScoreCache) cache = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmFeatureContext contexts[3] = { CM_FEATURE_CONTEXT_INIT, CM_FEATURE_CONTEXT_INIT,
                                   CM_FEATURE_CONTEXT_INIT };
  const char *texts[3] = { "we collect your data", "shared with partners",
                           "we encrypt your fingerprint" };
  CmFeatureVector x;

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  options.features.context = CM_CONTEXT_ALL;
  options.features.context_pct = 50;
  options.features.heading_pct = 30;
  options.features.lead_in_pct = 40;
  options.features.position_pct = 20;
  options.features.cues_pct = 120;
  model = cm_trainer_train (train, NULL, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  bytes = cm_model_serialize (model);
  loaded = cm_model_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "context", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (cm_model_get_config (loaded), sizeof (CmFeatureConfig),
                   &options.features, sizeof (CmFeatureConfig));

  for (guint i = 0; i < 3; i++)
    {
      contexts[i].previous = i > 0 ? texts[i - 1] : NULL;
      contexts[i].next = i < 2 ? texts[i + 1] : NULL;
      contexts[i].heading = "Policy / How we use your data";
      contexts[i].lead_in = i > 0 ? "We may:" : NULL;
      contexts[i].position = i / 2.0f;
      contexts[i].shape = i > 0 ? CM_FEATURE_SHAPE_LIST_ITEM : CM_FEATURE_SHAPE_BODY;
    }
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cache = cm_score_cache_new (model);
  cm_feature_vector_init (&x);
  for (guint round = 0; round < 2; round++)  /* the second from the cache */
    for (guint i = 0; i < 3; i++)
      {
        double plain[CM_MODEL_MAX_LABELS], cached[CM_MODEL_MAX_LABELS], alone[CM_MODEL_MAX_LABELS];
        gboolean differs = FALSE;

        cm_model_score_in_context (model, scratch, &x, texts[i], &contexts[i], plain);
        cm_model_score_cached (model, scratch, cache, &x, texts[i], &contexts[i], cached);
        cm_model_score_text (model, scratch, &x, texts[i], alone);
        for (guint l = 0; l < 11; l++)
          {
            g_assert_cmpfloat_with_epsilon (plain[l], cached[l], 1e-4);
            differs |= fabs (plain[l] - alone[l]) > 1e-4;
          }
        /* the context does count */
        g_assert_true (differs);
      }
  cm_feature_vector_clear (&x);
}

static void
test_round_trip (void)
{
  g_autoptr(CmModel) model = train_synthetic ();
  g_autoptr(CmModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "en.cmmodel", NULL);
  g_autoptr(CmFeatureScratch) scratch = NULL;
  const char *texts[] = { "we collect your device data", "shared with partners", "hello", "" };
  CmFeatureVector x;

  g_assert_true (cm_model_save (model, path, &error));
  g_assert_no_error (error);
  loaded = cm_model_load (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cm_model_get_language (loaded), ==, "en");
  g_assert_cmpstr (cm_model_get_taxonomy_id (loaded), ==, "privacy-11");
  g_assert_cmpstrv (cm_model_get_labels (loaded), cm_model_get_labels (model));
  g_assert_cmpmem (cm_model_get_config (loaded), sizeof (CmFeatureConfig),
                   cm_model_get_config (model), sizeof (CmFeatureConfig));

  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      double a[CM_MODEL_MAX_LABELS], b[CM_MODEL_MAX_LABELS];

      cm_model_score_text (model, scratch, &x, texts[t], a);
      cm_model_score_text (loaded, scratch, &x, texts[t], b);
      for (guint l = 0; l < 11; l++)
        {
          g_assert_cmpfloat (a[l], ==, b[l]);
          g_assert_cmpfloat (cm_model_probability (model, l, a[l]), ==,
                             cm_model_probability (loaded, l, b[l]));
          g_assert_cmpfloat (cm_model_get_threshold (model, l), ==,
                             cm_model_get_threshold (loaded, l));
        }
    }
  cm_feature_vector_clear (&x);

  /* Serialising the loaded model gives the same bytes. */
  {
    g_autoptr(GBytes) first = cm_model_serialize (model);
    g_autoptr(GBytes) second = cm_model_serialize (loaded);
    g_assert_true (g_bytes_equal (first, second));
  }
}

/* Scoring weighs and scores in one pass (the IDF read from the weight
 * rows): the same scores and the same weighted vector as the two steps
 * spelled out. */
static void
test_fused_scoring (void)
{
  g_autoptr(CmModel) model = train_synthetic ();
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (cm_model_get_config (model));
  const char *texts[] = { "we collect your device data and we keep it", "shared with partners",
                          "hello", "", "the app may encrypt it with our service" };
  CmFeatureVector x, y;

  cm_feature_vector_init (&x);
  cm_feature_vector_init (&y);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      double fused[CM_MODEL_MAX_LABELS], steps[CM_MODEL_MAX_LABELS];

      cm_model_score_text (model, scratch, &x, texts[t], fused);
      cm_model_extract (model, scratch, texts[t], NULL, &y);
      cm_model_score_vector (model, &y, steps);
      for (guint l = 0; l < 11; l++)
        g_assert_cmpfloat_with_epsilon (fused[l], steps[l], 1e-5);
      g_assert_cmpuint (x.n, ==, y.n);
      for (guint i = 0; i < x.n; i++)
        {
          g_assert_cmpuint (x.index[i], ==, y.index[i]);
          g_assert_cmpfloat_with_epsilon (x.value[i], y.value[i], 1e-6);
        }
    }
  cm_feature_vector_clear (&x);
  cm_feature_vector_clear (&y);
}

static void
assert_refused (const char *dir,
                const char *name,
                const char *data,
                gsize       size,
                int         code,
                const char *reason)
{
  g_autofree char *path = cm_test_write_file (dir, name, data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmModel) model = cm_model_load (path, &error);

  g_assert_null (model);
  g_assert_error (error, CM_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_corrupt_files (void)
{
  g_autoptr(CmModel) model = train_synthetic ();
  g_autoptr(GBytes) bytes = cm_model_serialize (model);
  g_autofree char *dir = cm_test_make_tmpdir ();
  gsize size;
  const char *good = g_bytes_get_data (bytes, &size);
  g_autofree char *copy = g_memdup2 (good, size);

  /* One flipped bit deep in the weights. */
  copy[size - 100] ^= 0x10;
  assert_refused (dir, "flipped.cmmodel", copy, size, CM_ERROR_PARSE, "checksum");
  /* Cut short, at several places. */
  assert_refused (dir, "cut1.cmmodel", good, size - 1, CM_ERROR_PARSE, "");
  assert_refused (dir, "cut2.cmmodel", good, size / 2, CM_ERROR_PARSE, "truncated");
  assert_refused (dir, "cut3.cmmodel", good, 30, CM_ERROR_PARSE, "truncated");
  assert_refused (dir, "cut4.cmmodel", good, 5, CM_ERROR_PARSE, "magic");
  assert_refused (dir, "empty.cmmodel", "", 0, CM_ERROR_PARSE, "magic");
  assert_refused (dir, "text.cmmodel", "hello, world, this is not a model at all", -1,
                  CM_ERROR_PARSE, "magic");

  /* A future version is named as such. */
  memcpy (copy, good, size);
  copy[8] = 9;
  assert_refused (dir, "future.cmmodel", copy, size, CM_ERROR_NEWER_VERSION, "newer");

  /* An absurd header. */
  memcpy (copy, good, size);
  copy[12] = (char) 0xff;
  assert_refused (dir, "labels.cmmodel", copy, size, CM_ERROR_PARSE, "label count");

  /* Missing file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CmModel) none = cm_model_load ("/nonexistent/zh.cmmodel", &error);
    g_assert_null (none);
    g_assert_error (error, CM_ERROR, CM_ERROR_NOT_FOUND);
  }
}

static void
test_model_set (void)
{
  g_autoptr(CmModel) model = train_synthetic ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "en.cmmodel", NULL);
  g_autoptr(CmModelSet) set = NULL;
  g_autoptr(CmDocument) document = NULL;
  const char *text = "We collect your device data. Shared with partners. Nice weather.";
  static const guint sentences[] = { 0, 28, 29, 50, 51, 64 };
  const CmSuggestion *suggestions;
  guint n;

  g_assert_true (cm_model_save (model, path, &error));
  set = cm_model_set_load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (cm_model_set_has_language (set, "en"));
  g_assert_false (cm_model_set_has_language (set, "zh"));

  document = english_document (text, sentences, 3);
  cm_clause_set_language (cm_document_get_clause (document, 1), "mixed");
  /* A reviewer said the second clause has no label: that stays. */
  cm_clause_set_status (cm_document_get_clause (document, 1), CM_REVIEW_STATUS_ACCEPTED);

  cm_model_set_annotate_document (set, document);

  g_assert_true (cm_clause_has_label (cm_document_get_clause (document, 0), "collection"));
  g_assert_false (cm_clause_has_label (cm_document_get_clause (document, 0), "security"));
  g_assert_null (cm_clause_get_labels (cm_document_get_clause (document, 1))
                 ? cm_clause_get_labels (cm_document_get_clause (document, 1))[0] : NULL);

  /* The reviewed clause still gets the model's suggestions, sorted. */
  suggestions = cm_clause_get_suggestions (cm_document_get_clause (document, 1), &n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (suggestions[0].label, ==, "sharing");
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (suggestions[i - 1].score, >=, suggestions[i].score);
  for (guint i = 0; i < 3; i++)
    {
      double confidence = cm_clause_get_confidence (cm_document_get_clause (document, i));
      g_assert_cmpfloat (confidence, >=, 0.0);
      g_assert_cmpfloat (confidence, <=, 1.0);
    }

  /* Explanations name the words behind a label. */
  {
    g_autoptr(GPtrArray) items = cm_model_set_explain (set, "en", "we collect your data",
                                                       "collection", 3, &error);
    CmContribution *top;
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 3);
    top = g_ptr_array_index (items, 0);
    g_assert_nonnull (strstr (top->feature, "collect"));
    g_assert_cmpfloat (top->contribution, >, 0.0);

    g_assert_null (cm_model_set_explain (set, "en", "x", "nonsense", 3, &error));
    g_assert_error (error, CM_ERROR, CM_ERROR_NOT_FOUND);
  }
}

static void
test_model_set_errors (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmModelSet) set = NULL;
  g_autofree char *path = NULL;

  set = cm_model_set_load (dir, &error);
  g_assert_null (set);
  g_assert_error (error, CM_ERROR, CM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  path = cm_test_write_file (dir, "zh.cmmodel", "CMMODEL", 8);
  set = cm_model_set_load (dir, &error);
  g_assert_null (set);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, path));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/decision-confidence", test_decision_confidence);
  g_test_add_func ("/model/confidence-spread", test_confidence_spread);
  g_test_add_func ("/model/learns-synthetic", test_learns_synthetic);
  g_test_add_func ("/model/round-trip", test_round_trip);
  g_test_add_func ("/model/context-scoring", test_context_scoring);
  g_test_add_func ("/model/fused-scoring", test_fused_scoring);
  g_test_add_func ("/model/corrupt-files", test_corrupt_files);
  g_test_add_func ("/model/model-set", test_model_set);
  g_test_add_func ("/model/model-set-errors", test_model_set_errors);

  return g_test_run ();
}
