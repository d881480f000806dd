/* cm-cli-train.c — `clausemark-cli train`: a classifier from labelled data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-cli-train-options.h"
#include "cm-corpus-trainer.h"
#include "cm-error.h"
#include "cm-eval.h"
#include "cm-model-set.h"
#include "cm-trainer.h"

static char *language;
static char *taxonomy;
static char **data_files;
static char **dev_files;
static char *label_order_name;
static char *output;
static char *corpus_dir;
static char *models_dir;
static double base_weight = -1.0;

static const GOptionEntry entries[] = {
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &language, "Language of the model: zh or en", "LANG" },
  { "taxonomy", 't', 0, G_OPTION_ARG_STRING, &taxonomy,
    "Taxonomy of the labels (only privacy-11)", "ID" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data_files,
    "Training data: topic file, per-policy jsonl or Clausemark document (repeatable)", "FILE" },
  { "dev", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dev_files,
    "Held-out data for thresholds and calibration (repeatable; default: 3-fold grouped by "
    "document on the training data)", "FILE" },
  { "label-order", 0, 0, G_OPTION_ARG_STRING, &label_order_name,
    "Vector order of topic files: capp130 (default) or appsi139 (also: commas are spaces)", "ORDER" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the model to MODEL", "MODEL" },
  { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &corpus_dir,
    "Instead: retrain from the clauses reviewers accepted or corrected in the corpus folder DIR, "
    "blended with the shipped model; the model is kept in DIR/models (each language with "
    "enough reviewed clauses, or --lang)", "DIR" },
  { "models", 0, 0, G_OPTION_ARG_FILENAME, &models_dir,
    "With --corpus: the base models (default: the shipped ones)", "DIR" },
  { "base-weight", 0, 0, G_OPTION_ARG_DOUBLE, &base_weight,
    "With --corpus: the base model's share of the blended weights (default 0.5)", "W" },
  { NULL }
};

static void
print_figures_side_by_side (CmEvaluation *old_figures,
                            CmEvaluation *new_figures)
{
  const char * const *labels = cm_privacy11_label_ids ();

  printf ("  %-20s %8s %8s %8s\n", "F1", "old", "new", "support");
  for (guint l = 0; labels[l] != NULL; l++)
    {
      double p, r, f_old, f_new;
      guint support;

      cm_evaluation_get_label (old_figures, l, &p, &r, &f_old, &support);
      cm_evaluation_get_label (new_figures, l, &p, &r, &f_new, &support);
      if (support > 0)
        printf ("  %-20s %8.3f %8.3f %8u\n", labels[l], f_old, f_new, support);
    }
  printf ("  %-20s %8.3f %8.3f\n  %-20s %8.3f %8.3f\n", "micro-F1",
          cm_evaluation_micro_f1 (old_figures), cm_evaluation_micro_f1 (new_figures), "macro-F1",
          cm_evaluation_macro_f1 (old_figures), cm_evaluation_macro_f1 (new_figures));
}

/* `train --corpus DIR`: each language's corpus model. */
static int
train_corpus (void)
{
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  CmCorpusTrainOptions options;
  guint n_trained = 0;

  models = models_dir != NULL ? cm_model_set_load (models_dir, &error)
                              : cm_model_set_load_default (&error);
  if (models == NULL)
    {
      cm_cli_print_error (models_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  cm_corpus_train_options_init (&options);
  if (base_weight >= 0.0)
    {
      if (base_weight >= 1.0)
        {
          cm_cli_print_error (NULL, "--base-weight must be in [0, 1)");
          return CM_CLI_EXIT_USAGE;
        }
      options.base_weight = base_weight;
    }
  languages = cm_model_set_dup_languages (models);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autoptr(CmCorpusTrainResult) result = NULL;
      g_autofree char *path = NULL;

      if (language != NULL && !g_str_equal (language, languages[i]))
        continue;
      g_clear_error (&error);
      result = cm_corpus_train (corpus_dir, cm_model_set_get_model (models, languages[i]),
                                &options, NULL, NULL, NULL, &error);
      if (result == NULL)
        {
          /* Not enough reviewed clauses in one language is normal when the
           * corpus is in the other. */
          if (g_error_matches (error, CM_ERROR, CM_ERROR_EMPTY) && language == NULL)
            {
              g_printerr ("%s: skipped: %s\n", languages[i], error->message);
              continue;
            }
          cm_cli_print_error (corpus_dir, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      if (!cm_corpus_train_result_save (result, corpus_dir, &error))
        {
          cm_cli_print_error (corpus_dir, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      path = cm_corpus_model_path (corpus_dir, languages[i]);
      printf ("%s: %u reviewed clauses in %u documents, trained in %.1f s -> %s\n"
              "  held-out figures on the reviewed clauses (new: cross-validated by document)\n",
              languages[i], result->n_clauses, result->n_documents, result->seconds, path);
      print_figures_side_by_side (result->old_figures, result->new_figures);
      n_trained++;
    }
  if (n_trained == 0)
    {
      cm_cli_print_error (corpus_dir, "no language has enough reviewed clauses to retrain");
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}

int
cm_cli_cmd_train (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— train a clause classifier");
  g_autoptr(CmTrainingSet) train = cm_training_set_new ();
  g_autoptr(CmTrainingSet) dev = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmLabelOrder order = CM_LABEL_ORDER_CAPP130;
  gint64 started;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, cm_cli_train_option_entries (), NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      cm_cli_print_error (argv[1], "unexpected argument (repeat --data / --dev / --no-topic-from for each file)");
      return CM_CLI_EXIT_USAGE;
    }
  if (corpus_dir != NULL)
    {
      if (data_files != NULL || output != NULL)
        {
          cm_cli_print_error (NULL, "--corpus takes no --data or -o");
          return CM_CLI_EXIT_USAGE;
        }
      return train_corpus ();
    }
  if (language == NULL || (!g_str_equal (language, "zh") && !g_str_equal (language, "en"))
      || data_files == NULL || output == NULL)
    {
      cm_cli_print_error (NULL, "--lang zh|en, --data and -o are required");
      return CM_CLI_EXIT_USAGE;
    }
  if (taxonomy != NULL && !g_str_equal (taxonomy, "privacy-11"))
    {
      cm_cli_print_error (NULL, "only the privacy-11 taxonomy can be trained");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_parse_label_order (label_order_name, &order))
    return CM_CLI_EXIT_USAGE;
  if (!cm_cli_train_options_apply (&options, language, order == CM_LABEL_ORDER_APPSI139)
      || !cm_cli_check_data_weights (data_files, NULL))
    return CM_CLI_EXIT_USAGE;

  if (!cm_cli_read_training_files (data_files, order, train)
      || !cm_cli_read_training_files (dev_files, order, dev))
    return CM_CLI_EXIT_FAILURE;
  train = cm_cli_train_options_adjust_data (g_steal_pointer (&train), order);
  if (train == NULL)
    return CM_CLI_EXIT_FAILURE;

  started = g_get_monotonic_time ();
  model = cm_trainer_train (train, dev_files != NULL ? dev : NULL, language,
                            cm_cli_train_options_have_flags () ? CM_FLAGS_TAXONOMY : "privacy-11",
                            &options, &error);
  if (model == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  g_printerr ("trained on %u examples in %.1f s\n", cm_training_set_get_size (train),
              (g_get_monotonic_time () - started) / 1e6);
  if (dev_files != NULL)
    {
      g_autoptr(CmEvaluation) eval = cm_evaluate_model (model, dev);
      g_printerr ("dev (%u examples): micro-F1 %.4f, macro-F1 %.4f\n",
                  cm_training_set_get_size (dev), cm_evaluation_micro_f1 (eval),
                  cm_evaluation_macro_f1 (eval));
    }
  if (!cm_model_save (model, output, &error))
    {
      cm_cli_print_error (output, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}
