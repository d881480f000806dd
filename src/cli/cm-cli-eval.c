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
#include "cm-eval.h"

static char *model_path;
static char **data_files;
static char *label_order_name;
static gboolean as_json;
static gboolean bench;

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, "The model to evaluate", "MODEL" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data_files,
    "Labelled data: topic file, per-policy jsonl or Clausemark document (repeatable)", "FILE" },
  { "label-order", 0, 0, G_OPTION_ARG_STRING, &label_order_name,
    "Vector order of topic files: capp130 (default) or appsi139", "ORDER" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { "bench", 0, 0, G_OPTION_ARG_NONE, &bench,
    "Measure loading time and sentences/s (features + scoring, one thread) instead", NULL },
  { NULL }
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return da < db ? -1 : da > db ? 1 : 0;
}

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

/* Median of BENCH_RUNS timings: the model load, then passes of feature
 * extraction + scoring of every sentence with reused buffers. */
static int
run_bench (CmModel       *model,
           CmTrainingSet *set)
{
  double load_ms[BENCH_RUNS], rate[BENCH_RUNS], cpu_rate[BENCH_RUNS];
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (cm_model_get_config (model));
  double scores[CM_MODEL_MAX_LABELS];
  double checksum = 0.0;
  CmFeatureVector x;
  guint n = cm_training_set_get_size (set);

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

      for (guint i = 0; i < n; i++)
        {
          cm_model_score_text (model, scratch, &x, cm_training_set_get_text (set, i), scores);
          checksum += scores[0];
        }
      cpu_rate[r] = n / (thread_cpu_seconds () - cpu_started);
      rate[r] = n / ((g_get_monotonic_time () - started) / 1e6);
    }
  cm_feature_vector_clear (&x);

  qsort (load_ms, BENCH_RUNS, sizeof (double), compare_doubles);
  qsort (rate, BENCH_RUNS, sizeof (double), compare_doubles);
  qsort (cpu_rate, BENCH_RUNS, sizeof (double), compare_doubles);
  printf ("model %s: load %.1f ms (median of %d)\n", model_path, load_ms[BENCH_RUNS / 2], BENCH_RUNS);
  printf ("features + scoring: %.0f sentences/s of CPU time, %.0f/s of wall-clock time"
          " (medians of %d passes over %u sentences, one thread)\n",
          cpu_rate[BENCH_RUNS / 2], rate[BENCH_RUNS / 2], BENCH_RUNS, n);
  /* Keeps the scoring loop from being optimised away. */
  g_debug ("checksum %g", checksum);
  return CM_CLI_EXIT_OK;
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
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      cm_cli_print_error (argv[1], "unexpected argument (repeat --data for each file)");
      return CM_CLI_EXIT_USAGE;
    }
  if (model_path == NULL || data_files == NULL)
    {
      cm_cli_print_error (NULL, "--model and --data are required");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_parse_label_order (label_order_name, &order))
    return CM_CLI_EXIT_USAGE;

  model = cm_model_load (model_path, &error);
  if (model == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
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
  if (as_json)
    {
      g_autoptr(JsonNode) root = cm_evaluation_to_json (eval);
      g_autofree char *text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *text = cm_evaluation_to_text (eval);
      printf ("model %s (%s)\n\n%s", model_path, cm_model_get_language (model), text);
    }
  return CM_CLI_EXIT_OK;
}
