/* cm-cli-eval.c — `clausemark-cli eval`: a model's quality on labelled data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-cli-train-options.h"
#include "cm-cross-validation.h"
#include "cm-eval.h"
#include "cm-flagger.h"
#include "cm-flag-data.h"
#include "cm-stacker.h"

static char *model_path;
static char **data_files;
static char *label_order_name;
static gboolean as_json;
static gboolean bench;
static int n_folds;
static char *cv_language;
static char **extra_files;
static int seed = -1;
static int n_bootstrap = -1;
static gboolean pooled_thresholds;
static char *dump_dir;

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, "The model to evaluate", "MODEL" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data_files,
    "Labelled data: topic file, per-policy jsonl or Clausemark document (repeatable)", "FILE" },
  { "label-order", 0, 0, G_OPTION_ARG_STRING, &label_order_name,
    "Vector order of topic files: capp130 (default) or appsi139", "ORDER" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { "bench", 0, 0, G_OPTION_ARG_NONE, &bench,
    "Measure loading time and sentences/s (features + scoring, one thread) instead", NULL },
  { "cv", 0, 0, G_OPTION_ARG_INT, &n_folds,
    "Instead of a model: cross-validate a training recipe (the train options) in N folds "
    "grouped by document (policy file), thresholds tuned inside each fold", "N" },
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &cv_language, "With --cv: zh or en", "LANG" },
  { "extra", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &extra_files,
    "With --cv: also train every fold on FILE, never evaluated (repeatable)", "FILE" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "With --cv: seed of the folds and the bootstrap", "S" },
  { "pooled-thresholds", 0, 0, G_OPTION_ARG_NONE, &pooled_thresholds,
    "With --cv: fit thresholds once on the pooled held-out scores (4 times quicker, optimistic: "
    "to compare recipes, not to report)", NULL },
  { "bootstrap", 0, 0, G_OPTION_ARG_INT, &n_bootstrap,
    "With --cv: resamples of the documents for the intervals (default 1000; 0: none)", "N" },
  { "dump-scores", 0, 0, G_OPTION_ARG_FILENAME, &dump_dir,
    "With --cv: also write the folds, scores, thresholds and features to DIR, for trying "
    "ideas outside the trainer on the same folds (scripts/nonlinear-ideas)", "DIR" },
  { NULL }
};

#define BENCH_RUNS 7

/* This thread's CPU time: on a busy machine the wall clock also counts
 * the time other processes hold the core. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* eval --bench --json: the medians as one JSON object. */
static void
print_bench_json (double load_ms,
                  double cpu_rate,
                  double wall_rate,
                  guint  n_sentences)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model_path);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, BENCH_RUNS);
  json_builder_set_member_name (builder, "sentences");
  json_builder_add_int_value (builder, n_sentences);
  json_builder_set_member_name (builder, "load_ms");
  json_builder_add_double_value (builder, load_ms);
  json_builder_set_member_name (builder, "sentences_per_cpu_second");
  json_builder_add_double_value (builder, cpu_rate);
  json_builder_set_member_name (builder, "sentences_per_second");
  json_builder_add_double_value (builder, wall_rate);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

/* Median of BENCH_RUNS timings: the model load, then passes of feature
 * extraction + scoring of every sentence with reused buffers, each in the
 * context its document gives it (none for topic files), as annotation
 * scores it. */
static int
run_bench (CmModel       *model,
           CmTrainingSet *set)
{
  double load_ms[BENCH_RUNS], rate[BENCH_RUNS], cpu_rate[BENCH_RUNS];
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (cm_model_get_config (model));
  double checksum = 0.0;
  CmFeatureVector x;
  guint n = cm_training_set_get_size (set), L = cm_model_get_n_labels (model);
  g_autofree double *scores = g_new (double, (gsize) MAX (n, 1) * L);

  for (guint r = 0; r < BENCH_RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      g_autoptr(CmModel) again = cm_model_load (model_path, &error);

      load_ms[r] = (g_get_monotonic_time () - started) / 1e3;
      if (again == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
    }

  cm_feature_vector_init (&x);
  for (guint r = 0; r < BENCH_RUNS; r++)
    {
      gint64 started = g_get_monotonic_time ();
      double cpu_started = thread_cpu_seconds ();

      g_autoptr(CmScoreCache) cache = cm_score_cache_new (model);
      g_autofree CmStackPlace *places = cm_stack_places_of_set (set);

      for (guint i = 0; i < n; i++)
        cm_model_score_cached (model, scratch, cache, &x, cm_training_set_get_text (set, i),
                               cm_training_set_get_context (set, i), scores + (gsize) i * L);
      /* the second stage, as annotation runs it */
      cm_model_stack_scores (model, scores, places, n);
      for (guint i = 0; i < n; i++)
        checksum += scores[(gsize) i * L];
      cpu_rate[r] = n / (thread_cpu_seconds () - cpu_started);
      rate[r] = n / ((g_get_monotonic_time () - started) / 1e6);
    }
  cm_feature_vector_clear (&x);

  qsort (load_ms, BENCH_RUNS, sizeof (double), cm_cli_compare_doubles);
  qsort (rate, BENCH_RUNS, sizeof (double), cm_cli_compare_doubles);
  qsort (cpu_rate, BENCH_RUNS, sizeof (double), cm_cli_compare_doubles);
  if (as_json)
    print_bench_json (load_ms[BENCH_RUNS / 2], cpu_rate[BENCH_RUNS / 2], rate[BENCH_RUNS / 2], n);
  else
    {
      printf ("model %s: load %.1f ms (median of %d)\n", model_path, load_ms[BENCH_RUNS / 2], BENCH_RUNS);
      printf ("features + scoring: %.0f sentences/s of CPU time, %.0f/s of wall-clock time"
              " (medians of %d passes over %u sentences, one thread)\n",
              cpu_rate[BENCH_RUNS / 2], rate[BENCH_RUNS / 2], BENCH_RUNS, n);
    }
  /* Keeps the scoring loop from being optimised away. */
  g_debug ("checksum %g", checksum);
  return CM_CLI_EXIT_OK;
}

/* Prints @root (consumed), pretty. */
static void
print_json (JsonNode *root)
{
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
  json_node_unref (root);
}

static void
report_fold (double   fraction,
             gpointer user_data)
{
  g_printerr ("cross-validation: %.0f%% done\n", 100.0 * fraction);
}

/* `eval --cv N`: the recipe's figures on documents it never saw. */
static int
run_cross_validation (CmTrainingSet *set,
                      CmLabelOrder   order)
{
  g_autoptr(CmTrainingSet) extra = NULL;
  g_autoptr(CmCrossValidation) cv = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions train_options;
  CmCrossValidationOptions options;

  if (cv_language == NULL || (!g_str_equal (cv_language, "zh") && !g_str_equal (cv_language, "en")))
    {
      cm_cli_print_error (NULL, "--cv needs --lang zh|en");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_train_options_apply (&train_options, cv_language,
                                   order == CM_LABEL_ORDER_APPSI139)
      || !cm_cli_check_data_weights (data_files, extra_files))
    return CM_CLI_EXIT_USAGE;
  cm_cross_validation_options_init (&options);
  options.n_folds = n_folds;
  if (seed >= 0)
    options.seed = seed;
  if (n_bootstrap >= 0)
    options.n_bootstrap = n_bootstrap;
  options.pooled_thresholds = pooled_thresholds;
  options.dump_dir = dump_dir;
  if (extra_files != NULL)
    {
      extra = cm_training_set_new ();
      if (!cm_cli_read_training_files (extra_files, order, extra))
        return CM_CLI_EXIT_FAILURE;
      extra = cm_cli_train_options_adjust_data (g_steal_pointer (&extra), order);
      if (extra == NULL)
        return CM_CLI_EXIT_FAILURE;
      options.extra = extra;
    }
  cv = cm_cross_validate (set, cv_language, &train_options, &options, report_fold, NULL, NULL,
                          &error);
  if (cv == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (as_json)
    print_json (cm_cross_validation_to_json (cv));
  else
    {
      g_autofree char *text = cm_cross_validation_to_text (cv);
      printf ("%s", text);
    }
  return CM_CLI_EXIT_OK;
}

static void
print_evaluation (CmEvaluation *eval,
                  const char   *what,
                  const char   *language)
{
  if (as_json)
    print_json (cm_evaluation_to_json (eval));
  else
    {
      g_autofree char *text = cm_evaluation_to_text (eval);
      printf ("%s (%s)\n\n%s", what, language, text);
    }
}

/* `eval --flags F --lang L` without a model: the shipped flagger (the flag
 * models, and the rules where no model exists), one flag per label. */
static int
run_flagger (CmLabelOrder order)
{
  g_autoptr(CmTrainingSet) set = cm_training_set_new ();
  g_autoptr(CmFlagger) flagger = NULL;
  g_autoptr(CmEvaluation) eval = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  const char * const *ids;
  CmFlag flags[CM_N_FLAGS];
  guint n_flags;

  if (cv_language == NULL || !cm_cli_train_options_have_flags ())
    {
      cm_cli_print_error (NULL, "without --model or --cv, eval measures the shipped flagger:"
                          " give --flags and --lang");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_train_options_apply (&options, cv_language, FALSE))
    return CM_CLI_EXIT_USAGE;
  flagger = cm_flagger_load_default (&error);
  if (flagger == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  ids = cm_train_options_get_label_ids (&options);
  for (n_flags = 0; ids[n_flags] != NULL; n_flags++)
    {
      cm_flag_from_string (ids[n_flags], &flags[n_flags]);
      if (!cm_flagger_covers (flagger, cv_language, flags[n_flags]))
        {
          g_autofree char *message = g_strdup_printf ("no model or rule for %s %s", cv_language,
                                                      ids[n_flags]);
          cm_cli_print_error (NULL, message);
          return CM_CLI_EXIT_FAILURE;
        }
    }
  if (!cm_cli_read_training_files (data_files, order, set))
    return CM_CLI_EXIT_FAILURE;
  eval = cm_evaluation_new (ids);
  for (guint i = 0; i < cm_training_set_get_size (set); i++)
    {
      double probabilities[CM_N_FLAGS];
      guint64 predicted = 0;

      for (guint f = 0; f < n_flags; f++)
        {
          gboolean on;

          probabilities[f] = cm_flagger_score_text (flagger, cv_language, flags[f],
                                                    cm_training_set_get_text (set, i),
                                                    cm_training_set_get_context (set, i), &on);
          if (on)
            predicted |= G_GUINT64_CONSTANT (1) << f;
        }
      cm_evaluation_add (eval, cm_training_set_get_labels (set, i), predicted, probabilities);
    }
  print_evaluation (eval, "shipped flagger (models and rules)", cv_language);
  return CM_CLI_EXIT_OK;
}

/* A flag model's data: its flags in its label order (the first one is
 * what a split file holds). */
static gboolean
read_flag_data (CmModel       *model,
                CmTrainingSet *set)
{
  const char * const *labels = cm_model_get_labels (model);
  CmFlag flags[CM_N_FLAGS];
  guint n = 0;

  for (; labels[n] != NULL; n++)
    if (n >= CM_N_FLAGS || !cm_flag_from_string (labels[n], &flags[n]))
      {
        cm_cli_print_error (model_path, "a flag model with unknown flags");
        return FALSE;
      }
  for (guint i = 0; data_files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmTrainingSet) marked = cm_training_set_new ();
      g_autoptr(CmTrainingSet) selected = NULL;

      if (!cm_training_set_add_flag_file (marked, data_files[i], flags[0], &error))
        {
          cm_cli_print_error (data_files[i], error->message);
          return FALSE;
        }
      selected = cm_training_set_select_flags (marked, flags, n);
      cm_training_set_append (set, selected, NULL);
    }
  return TRUE;
}

int
cm_cli_cmd_eval (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure a classifier");
  g_autoptr(CmTrainingSet) set = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmEvaluation) eval = NULL;
  g_autoptr(GError) error = NULL;
  CmLabelOrder order = CM_LABEL_ORDER_CAPP130;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cm_cli_train_option_entries (), NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      cm_cli_print_error (argv[1], "unexpected argument (repeat --data for each file)");
      return CM_CLI_EXIT_USAGE;
    }
  if (data_files == NULL)
    {
      cm_cli_print_error (NULL, "--data is required (with --model, --cv or --flags)");
      return CM_CLI_EXIT_USAGE;
    }
  if (n_folds != 0 && (n_folds < 2 || model_path != NULL || bench))
    {
      cm_cli_print_error (NULL, "--cv takes N >= 2 and no --model or --bench");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_parse_label_order (label_order_name, &order))
    return CM_CLI_EXIT_USAGE;
  if (n_folds != 0)
    {
      if (!cm_cli_read_training_files (data_files, order, set))
        return CM_CLI_EXIT_FAILURE;
      return run_cross_validation (set, order);
    }
  if (model_path == NULL)
    return run_flagger (order);

  model = cm_model_load (model_path, &error);
  if (model == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (g_strcmp0 (cm_model_get_taxonomy_id (model), CM_FLAGS_TAXONOMY) == 0)
    {
      if (!read_flag_data (model, set))
        return CM_CLI_EXIT_FAILURE;
    }
  else
    for (guint i = 0; data_files[i] != NULL; i++)
      {
        g_clear_error (&error);
        if (!cm_training_set_add_file (set, data_files[i], order, &error))
          {
            cm_cli_print_error (data_files[i], error->message);
            return CM_CLI_EXIT_FAILURE;
          }
      }

  if (bench)
    return run_bench (model, set);

  eval = cm_evaluate_model (model, set);
  {
    g_autofree char *what = g_strdup_printf ("model %s", model_path);
    print_evaluation (eval, what, cm_model_get_language (model));
  }
  return CM_CLI_EXIT_OK;
}
