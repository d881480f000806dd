/* test-model-training.c — how models are trained and measured: cross-validation
 * (its two countings, the --dump-scores material), the second stage (its
 * features, what it learns, the flagger applying it), the threshold rules
 * and example weights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-clause-context.h"
#include "cm-cross-validation.h"
#include "cm-eval.h"
#include "cm-model.h"
#include "cm-stacker.h"
#include "cm-test-util.h"
#include "cm-trainer.h"
#include "test-model-private.h"

/* Cross-validation counts two ways: on the sentences with a label (the
 * yardstick) and on every sentence; no-topic sentences only add false
 * positives, so the first figure can never be the lower one. */
static void
test_cross_validation_countings (void)
{
  g_autoptr(CmTrainingSet) set = synthetic_set (300, 5);
  g_autoptr(CmCrossValidation) cv = NULL;
  g_autoptr(GError) error = NULL;
  CmCrossValidationOptions cv_options;
  CmTrainOptions options;
  CmEvaluation *labelled, *every;
  guint n_labelled = 0;
  double low, high;

  for (guint i = 0; i < cm_training_set_get_size (set); i++)
    n_labelled += cm_training_set_get_labels (set, i) != 0;
  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  cm_cross_validation_options_init (&cv_options);
  cv_options.n_folds = 3;
  cv_options.n_bootstrap = 50;
  cv = cm_cross_validate (set, "en", &options, &cv_options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  labelled = cm_cross_validation_get_evaluation (cv, TRUE);
  every = cm_cross_validation_get_evaluation (cv, FALSE);
  g_assert_cmpuint (n_labelled, <, cm_training_set_get_size (set));
  g_assert_cmpuint (cm_evaluation_get_n_examples (labelled), ==, n_labelled);
  g_assert_cmpuint (cm_evaluation_get_n_examples (every), ==, cm_training_set_get_size (set));
  g_assert_cmpfloat (cm_evaluation_micro_f1 (labelled), >=, cm_evaluation_micro_f1 (every));
  g_assert_true (cm_cross_validation_get_interval (cv, TRUE, -1, FALSE, &low, &high));
  g_assert_cmpfloat (low, <=, cm_evaluation_micro_f1 (labelled) + 1e-9);
  g_assert_cmpfloat (high, >=, cm_evaluation_micro_f1 (labelled) - 1e-9);
}

/* An array of a --dump-scores directory, checked against its manifest. */
static gpointer
read_dump_array (const char *dir,
                 JsonObject *arrays,
                 const char *name,
                 gsize       rows,
                 gsize       cols,
                 gsize       value_size)
{
  g_autofree char *file = g_strconcat (name, ".bin", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  JsonObject *entry = json_object_get_object_member (arrays, name);
  char *data = NULL;
  gsize length = 0;

  g_assert_nonnull (entry);
  g_assert_cmpint (json_object_get_int_member (entry, "rows"), ==, rows);
  g_assert_cmpint (json_object_get_int_member (entry, "cols"), ==, cols);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, ==, rows * cols * value_size);
  return data;
}

/* `eval --cv --dump-scores`: a stand-in must be able to count the same
 * figures from the dump (held-out scores against each fold's thresholds)
 * and to see the inner out-of-fold scores and the first stage apart. */
static void
test_cross_validation_dump (void)
{
  g_autoptr(CmTrainingSet) set = synthetic_set (300, 5);
  g_autoptr(CmCrossValidation) cv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *manifest = g_build_filename (dir, "dump", "manifest.json", NULL);
  g_autofree char *dump_dir = g_build_filename (dir, "dump", NULL);
  g_autofree guint32 *fold = NULL;
  g_autofree guint64 *truth = NULL;
  g_autofree double *scores = NULL, *first = NULL, *calibration = NULL;
  g_autofree guint32 *inner_fold = NULL;
  g_autofree guint64 *inner_labels = NULL;
  g_autofree double *inner_scores = NULL;
  g_autoptr(CmModel) model = train_synthetic ();
  CmCrossValidationOptions cv_options;
  CmTrainOptions options;
  CmEvaluation *labelled;
  JsonObject *arrays;
  guint n = cm_training_set_get_size (set), L = 11, K = 3, tp = 0, fp = 0, fn = 0;
  guint n_train = 0;
  gboolean stacked = FALSE;

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  options.c_stack = 1.0;
  cm_cross_validation_options_init (&cv_options);
  cv_options.n_folds = K;
  cv_options.n_bootstrap = 0;
  cv_options.dump_dir = dump_dir;
  cv = cm_cross_validate (set, "en", &options, &cv_options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  labelled = cm_cross_validation_get_evaluation (cv, TRUE);

  g_assert_true (json_parser_load_from_file (parser, manifest, &error));
  g_assert_no_error (error);
  arrays = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "arrays");
  fold = read_dump_array (dump_dir, arrays, "fold", n, 1, 4);
  truth = read_dump_array (dump_dir, arrays, "truth", n, 1, 8);
  scores = read_dump_array (dump_dir, arrays, "scores", n, L, 8);
  first = read_dump_array (dump_dir, arrays, "first", n, L, 8);
  calibration = read_dump_array (dump_dir, arrays, "calibration", K, L * 3, 8);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (fold[i], <, K);
      g_assert_cmpuint (truth[i], ==, cm_training_set_get_labels (set, i));
      n_train += fold[i] != 0;
      for (guint l = 0; l < L; l++)
        {
          gboolean t = (truth[i] >> l) & 1;
          gboolean p = scores[i * L + l] >= calibration[(fold[i] * L + l) * 3];

          stacked |= fabs (scores[i * L + l] - first[i * L + l]) > 1e-6;
          if (truth[i] == 0)
            continue;
          tp += t && p;
          fp += !t && p;
          fn += t && !p;
        }
    }
  /* the figures come back from the dump */
  g_assert_cmpfloat_with_epsilon (2.0 * tp / (2.0 * tp + fp + fn),
                                  cm_evaluation_micro_f1 (labelled), 1e-9);
  /* the first stage is dumped apart from the second's scores */
  g_assert_true (stacked);
  /* fold 0's training part: every example of the other folds, each in an inner fold */
  inner_fold = read_dump_array (dump_dir, arrays, "fold0-inner-fold", n_train, 1, 4);
  for (guint i = 0; i < n_train; i++)
    g_assert_cmpuint (inner_fold[i], <, CM_TRAINER_INNER_FOLDS);
  inner_labels = read_dump_array (dump_dir, arrays, "fold0-inner-labels", n_train, 1, 8);
  for (guint i = 0, k = 0; i < n; i++)
    if (fold[i] != 0)
      g_assert_cmpuint (inner_labels[k++], ==, truth[i]);
  /* fold 0's thresholds and Platt scaling are those of its inner scores */
  inner_scores = read_dump_array (dump_dir, arrays, "fold0-inner-scores", n_train, L, 8);
  cm_trainer_calibrate_scores (model, inner_scores, inner_labels, n_train, NULL);
  for (guint l = 0; l < L; l++)
    {
      double a, b;

      cm_model_get_platt (model, l, &a, &b);
      g_assert_cmpfloat_with_epsilon (cm_model_get_threshold (model, l), calibration[l * 3], 1e-6);
      g_assert_cmpfloat_with_epsilon (a, calibration[l * 3 + 1], 1e-6);
      g_assert_cmpfloat_with_epsilon (b, calibration[l * 3 + 2], 1e-6);
    }
  g_free (read_dump_array (dump_dir, arrays, "fold0-inner-first", n_train, L, 8));
  g_free (read_dump_array (dump_dir, arrays, "matrix-rows", n + 1, 1, 4));
}

/* The second stage's features: a clause's own scores, its neighbours' in
 * the same document and the mean of the other clauses of its section; a
 * missing neighbour or section reads as the clause's own scores. */
static void
test_stack_features (void)
{
  /* two labels; document 0: sections 0 (clauses 0-2) and 1 (clause 3);
   * document 1: clause 4 */
  const double scores[] = { 1, 10, 2, 20, 3, 30, 4, 40, 5, 50 };
  const CmStackPlace places[] = { { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 1 }, { 1, 2 } };
  double f[5 * 8];

  g_assert_cmpuint (cm_stack_dim (2), ==, 8);
  cm_stack_features (scores, places, 5, 2, f);
  /* clause 1: own, previous, next, section mean of clauses 0 and 2 */
  g_assert_cmpfloat (f[8 + 0], ==, 2);
  g_assert_cmpfloat (f[8 + 3], ==, 10);
  g_assert_cmpfloat (f[8 + 4], ==, 3);
  g_assert_cmpfloat (f[8 + 6], ==, 2);
  g_assert_cmpfloat (f[8 + 7], ==, 20);
  /* clause 0 has no previous clause; clause 3 is alone in its section */
  g_assert_cmpfloat (f[0 + 2], ==, 1);
  g_assert_cmpfloat (f[0 + 3], ==, 10);
  g_assert_cmpfloat (f[24 + 6], ==, 4);
  g_assert_cmpfloat (f[24 + 7], ==, 40);
  g_assert_cmpfloat (f[24 + 4], ==, 4);  /* the next clause is another document's */
  /* clause 4, a document of one clause: its own scores in every block */
  for (guint b = 0; b < CM_STACK_N_BLOCKS; b++)
    {
      g_assert_cmpfloat (f[32 + 2 * b], ==, 5);
      g_assert_cmpfloat (f[32 + 2 * b + 1], ==, 50);
    }
}

/* Synthetic documents of two sections: the first about sharing (only some
 * of its clauses say "partners"), the second about nothing. The second
 * stage learns that a clause in a sharing section is about sharing; the
 * model keeps it through a save, and the IDF survives the file's grid. */
static CmTrainingSet *
synthetic_documents (guint   n_documents,
                     guint32 seed,
                     guint64 sharing_mask)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  CmTrainingSet *set = cm_training_set_new ();

  for (guint d = 0; d < n_documents; d++)
    {
      guint group = cm_training_set_new_group (set);

      for (guint i = 0; i < 12; i++)
        {
          CmFeatureContext context = CM_FEATURE_CONTEXT_INIT;
          g_autoptr(GString) text = g_string_new (NULL);
          gboolean sharing = i < 6;

          for (guint w = 0; w < 6; w++)
            g_string_append_printf (text, "%s ", filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler))]);
          if (sharing && i % 2 == 0)
            g_string_append (text, "partners");
          context.heading = sharing ? "part one" : "part two";
          cm_training_set_add_in_context (set, text->str, sharing ? sharing_mask : 0, &context, group);
        }
    }
  return set;
}

static void
test_stack_learns_sections (void)
{
  g_autoptr(CmTrainingSet) train = synthetic_documents (40, 6, 1 << 2);
  g_autoptr(CmTrainingSet) test = synthetic_documents (20, 7, 1 << 2);
  g_autoptr(CmModel) plain = NULL;
  g_autoptr(CmModel) stacked = NULL;
  g_autoptr(CmModel) loaded = NULL;
  g_autoptr(CmEvaluation) plain_eval = NULL;
  g_autoptr(CmEvaluation) stacked_eval = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  CmTrainOptions options;
  guint n = cm_training_set_get_size (test);

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  plain = cm_trainer_train (train, NULL, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  options.c_stack = 1.0;
  stacked = cm_trainer_train (train, NULL, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  g_assert_null (cm_model_get_stack (plain));
  g_assert_nonnull (cm_model_get_stack (stacked));

  plain_eval = cm_evaluate_model (plain, test);
  stacked_eval = cm_evaluate_model (stacked, test);
  g_test_message ("sharing micro-F1: %.3f alone, %.3f with the second stage",
                  cm_evaluation_micro_f1 (plain_eval), cm_evaluation_micro_f1 (stacked_eval));
  g_assert_cmpfloat (cm_evaluation_micro_f1 (plain_eval), <, 0.75);
  g_assert_cmpfloat (cm_evaluation_micro_f1 (stacked_eval), >, 0.85);

  /* Each clause labelled alone (no neighbours, no section, as `explain`
   * and topic files see it): the second stage must not do worse than the
   * first stage alone (with missing neighbours read as zero scores it
   * did: 0.90 -> 0.80 on CAPP-130's topic/dev.txt). */
  {
    g_autoptr(CmTrainingSet) alone = cm_training_set_new ();
    g_autoptr(CmEvaluation) plain_alone = NULL;
    g_autoptr(CmEvaluation) stacked_alone = NULL;

    for (guint i = 0; i < n; i++)
      {
        CmFeatureContext context = CM_FEATURE_CONTEXT_INIT;

        cm_training_set_add_in_context (alone, cm_training_set_get_text (test, i),
                                        cm_training_set_get_labels (test, i), &context,
                                        cm_training_set_new_group (alone));
      }
    plain_alone = cm_evaluate_model (plain, alone);
    stacked_alone = cm_evaluate_model (stacked, alone);
    g_test_message ("sentences alone: %.3f first stage, %.3f with the second stage",
                    cm_evaluation_micro_f1 (plain_alone), cm_evaluation_micro_f1 (stacked_alone));
    g_assert_cmpfloat (cm_evaluation_micro_f1 (stacked_alone), >=,
                       cm_evaluation_micro_f1 (plain_alone));
  }

  bytes = cm_model_serialize (stacked);
  loaded = cm_model_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "stacked", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (cm_model_get_stack (loaded), sizeof (float) * 11 * (CM_STACK_N_BLOCKS + 1),
                   cm_model_get_stack (stacked), sizeof (float) * 11 * (CM_STACK_N_BLOCKS + 1));
  g_assert_cmpmem (cm_model_get_idf (loaded), sizeof (float) << 12,
                   cm_model_get_idf (stacked), sizeof (float) << 12);
  a = g_new (double, (gsize) n * 11);
  b = g_new (double, (gsize) n * 11);
  cm_model_score_examples (stacked, test, NULL, 0, a);
  cm_model_score_examples (loaded, test, NULL, 0, b);
  g_assert_cmpmem (a, sizeof (double) * n * 11, b, sizeof (double) * n * 11);
}

/* A flag model with a second stage flags a document with it: here a
 * stage that hands each clause its previous clause's first-stage score
 * (the first clause, which has none, its own), so a flagger that skipped
 * the stage (as it did) or read the neighbours in another order gives
 * other scores. */
static void
test_flagger_applies_stack (void)
{
  static const char * const key_only[] = { "key", NULL };
  static const float previous_only[CM_STACK_N_BLOCKS + 1] = { 0.0f, 1.0f, 0.0f, 0.0f, 0.0f };
  g_autoptr(CmTrainingSet) train = synthetic_documents (20, 8, 1);  /* bit 0: key */
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmFlagger) flagger = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmClauseContexts) contexts = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "en-key.cmmodel", NULL);
  const char *text = "Shared with partners. We keep the data safe. Partners get your data.";
  static const guint sentences[] = { 0, 21, 22, 44, 45, 68 };
  double own[3], expected;
  CmTrainOptions options;
  CmFeatureVector x;

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  options.label_ids = key_only;
  model = cm_trainer_train (train, NULL, "en", CM_FLAGS_TAXONOMY, &options, &error);
  g_assert_no_error (error);
  cm_model_set_stack (model, previous_only);
  g_assert_true (cm_model_save (model, path, &error));
  flagger = cm_flagger_load (dir, NULL, &error);
  g_assert_no_error (error);

  document = english_document (text, sentences, 3);
  cm_flagger_flag_document (flagger, document);

  contexts = cm_clause_contexts_new (document);
  g_assert_cmpuint (contexts->clauses->len, ==, 3);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  for (guint i = 0; i < 3; i++)
    cm_model_score_in_context (model, scratch, &x, g_ptr_array_index (contexts->texts, i),
                               &contexts->contexts[i], &own[i]);
  cm_feature_vector_clear (&x);
  g_assert_cmpfloat (fabs (own[0] - own[1]), >, 1e-3);
  for (guint i = 0; i < 3; i++)
    {
      expected = cm_model_probability (model, 0, i > 0 ? own[i - 1] : own[0]);
      g_assert_cmpfloat_with_epsilon (cm_clause_get_flag_score (cm_document_get_clause (document, i),
                                                                CM_FLAG_KEY),
                                      expected, 1e-6);
    }
}

/* ---- threshold rules ------------------------------------------------------ */

#define RULE_LABELS 3
#define RULE_EXAMPLES 900

/* A 3-label model (weights irrelevant: only its calibration is set). */
static CmModel *
calibration_model (void)
{
  static const char * const labels[] = { "a", "b", "c", NULL };
  CmTrainOptions options;
  guint dim;
  g_autofree float *idf = NULL;
  g_autofree float *weights = NULL;
  float bias[RULE_LABELS] = { 0 };

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 6;
  dim = 1u << options.features.hash_bits;
  idf = g_new0 (float, dim);
  weights = g_new0 (float, (gsize) dim * RULE_LABELS);
  return cm_model_new ("en", "privacy-11", labels, &options.features, idf, weights, bias);
}

/* Scores of examples of which a third have no label, the others one to
 * three: a positive scores about +1, a negative about -1 (label c's
 * negatives higher, so that the labels' cuts differ). */
static void
rule_scores (double  *scores,
             guint64 *labels)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);

  for (guint i = 0; i < RULE_EXAMPLES; i++)
    {
      labels[i] = i % 3 == 0 ? 0 : (guint64) g_rand_int_range (rand, 1, 1 << RULE_LABELS);
      for (guint l = 0; l < RULE_LABELS; l++)
        {
          double u1 = g_rand_double_range (rand, 1e-12, 1.0), u2 = g_rand_double (rand);
          double noise = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

          scores[i * RULE_LABELS + l] = ((labels[i] >> l) & 1 ? 1.0 : l == 2 ? -0.3 : -1.0) + noise;
        }
    }
}

static double
platt_p (CmModel *model,
         guint    label,
         double   score)
{
  double a, b;

  cm_model_get_platt (model, label, &a, &b);
  return 1.0 / (1.0 + exp (score * a + b));
}

/* The lowest of the probability cuts 0.10, 0.11 … 0.60 that maximises
 * micro-F1 under @model's Platt scaling, counted by brute force here. */
static double
best_probability_cut (CmModel       *model,
                      const double  *scores,
                      const guint64 *labels,
                      guint          n)
{
  double best = 0, best_f1 = -1;

  for (int step = 10; step <= 60; step++)
    {
      double tp = 0, fp = 0, fn = 0, f1;

      for (guint i = 0; i < n; i++)
        for (guint l = 0; l < RULE_LABELS; l++)
          {
            gboolean yes = platt_p (model, l, scores[i * RULE_LABELS + l]) >= step / 100.0;
            gboolean positive = (labels[i] >> l) & 1;

            tp += yes && positive;
            fp += yes && !positive;
            fn += !yes && positive;
          }
      f1 = 2 * tp / (2 * tp + fp + fn);
      if (f1 > best_f1)
        {
          best_f1 = f1;
          best = step / 100.0;
        }
    }
  return best;
}

/* --thresholds-from labelled fits the cuts on the labelled examples alone
 * (Platt scaling still from all); --threshold-blend moves each cut that
 * share of the way, in the labelled examples' probability, to the one cut
 * that maximises micro-F1 over every label. */
static void
test_threshold_rules (void)
{
  double scores[RULE_EXAMPLES * RULE_LABELS], labelled_scores[RULE_EXAMPLES * RULE_LABELS];
  guint64 labels[RULE_EXAMPLES], labelled[RULE_EXAMPLES];
  g_autoptr(CmModel) every = calibration_model ();
  g_autoptr(CmModel) subset = calibration_model ();
  g_autoptr(CmModel) rule = calibration_model ();
  g_autoptr(CmModel) common = calibration_model ();
  g_autoptr(CmModel) half = calibration_model ();
  CmTrainOptions options;
  guint m = 0;
  double cut;

  rule_scores (scores, labels);
  for (guint i = 0; i < RULE_EXAMPLES; i++)
    if (labels[i] != 0)
      {
        memcpy (labelled_scores + m * RULE_LABELS, scores + i * RULE_LABELS, sizeof (double) * RULE_LABELS);
        labelled[m++] = labels[i];
      }
  g_assert_cmpuint (m, ==, RULE_EXAMPLES - RULE_EXAMPLES / 3);
  cm_trainer_calibrate_scores (every, scores, labels, RULE_EXAMPLES, NULL);
  cm_trainer_calibrate_scores (subset, labelled_scores, labelled, m, NULL);

  /* the defaults are the NULL rule */
  cm_train_options_init_for_language (&options, "zh");
  cm_trainer_calibrate_scores (rule, scores, labels, RULE_EXAMPLES, &options);
  for (guint l = 0; l < RULE_LABELS; l++)
    g_assert_cmpfloat (cm_model_get_threshold (rule, l), ==, cm_model_get_threshold (every, l));

  /* labelled: the subset's cuts, every example's Platt scaling */
  options.thresholds_from_labelled = TRUE;
  cm_trainer_calibrate_scores (rule, scores, labels, RULE_EXAMPLES, &options);
  for (guint l = 0; l < RULE_LABELS; l++)
    {
      double a1, b1, a2, b2;

      g_assert_cmpfloat (cm_model_get_threshold (rule, l), ==, cm_model_get_threshold (subset, l));
      g_assert_cmpfloat (cm_model_get_threshold (rule, l), !=, cm_model_get_threshold (every, l));
      cm_model_get_platt (rule, l, &a1, &b1);
      cm_model_get_platt (every, l, &a2, &b2);
      g_assert_cmpfloat (a1, ==, a2);
      g_assert_cmpfloat (b1, ==, b2);
    }

  /* blend 1: one probability cut for every label, micro-F1's best */
  options.threshold_blend = 1.0;
  cm_trainer_calibrate_scores (common, scores, labels, RULE_EXAMPLES, &options);
  cut = best_probability_cut (subset, labelled_scores, labelled, m);
  for (guint l = 0; l < RULE_LABELS; l++)  /* (thresholds are stored as floats) */
    g_assert_cmpfloat_with_epsilon (platt_p (subset, l, cm_model_get_threshold (common, l)), cut, 1e-6);

  /* blend 1/2: half way between the label's own cut and the common one */
  options.threshold_blend = 0.5;
  cm_trainer_calibrate_scores (half, scores, labels, RULE_EXAMPLES, &options);
  for (guint l = 0; l < RULE_LABELS; l++)
    {
      double own = platt_p (subset, l, cm_model_get_threshold (subset, l));

      g_assert_cmpfloat (fabs (own - cut), >, 0.005);
      g_assert_cmpfloat_with_epsilon (platt_p (subset, l, cm_model_get_threshold (half, l)),
                                      (own + cut) / 2, 1e-6);
    }
}

/* The score for collection of "we keep the logs", which the training
 * data marks collection as often as not, the marked copies weighing
 * @weight. */
static double
score_of_disputed_sentence (guint weight)
{
  g_autoptr(CmTrainingSet) set = synthetic_set (300, 3);
  g_autoptr(CmTrainingSet) copy = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmFeatureVector x;
  double scores[CM_MODEL_MAX_LABELS];
  guint first;

  for (guint i = 0; i < 10; i++)
    cm_training_set_add (set, "we keep the logs", 0, -1);
  first = cm_training_set_get_size (set);
  for (guint i = 0; i < 10; i++)
    cm_training_set_add (set, "we keep the logs", 1 << 0, -1);
  cm_training_set_set_weight_from (set, first, weight);
  /* Weights travel with the examples into the sets built from them
   * (cross-validation's training parts, selections). */
  cm_training_set_append (copy, set, NULL);
  g_assert_cmpuint (cm_training_set_get_weight (copy, 0), ==, 1);
  g_assert_cmpuint (cm_training_set_get_weight (copy, first - 1), ==, 1);
  g_assert_cmpuint (cm_training_set_get_weight (copy, first), ==, weight);
  g_assert_cmpuint (cm_training_set_get_weight (copy, first + 9), ==, weight);

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  model = cm_trainer_train (copy, NULL, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  cm_model_score_text (model, scratch, &x, "we keep the logs", scores);
  cm_feature_vector_clear (&x);
  return scores[0];
}

/* --data-weight: an example of weight k counts k times in the linear
 * models' loss, so a disputed sentence leans to its heavier side. */
static void
test_example_weights (void)
{
  double even = score_of_disputed_sentence (1);
  double heavy = score_of_disputed_sentence (4);

  g_assert_cmpfloat (heavy, >, even + 0.2);
  g_assert_cmpfloat (heavy, >, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/cross-validation-countings", test_cross_validation_countings);
  g_test_add_func ("/model/cross-validation-dump", test_cross_validation_dump);
  g_test_add_func ("/model/stack-features", test_stack_features);
  g_test_add_func ("/model/stack-learns-sections", test_stack_learns_sections);
  g_test_add_func ("/model/flagger-applies-stack", test_flagger_applies_stack);
  g_test_add_func ("/model/threshold-rules", test_threshold_rules);
  g_test_add_func ("/model/example-weights", test_example_weights);

  return g_test_run ();
}
