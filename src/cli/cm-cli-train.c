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
#include "cm-eval.h"
#include "cm-trainer.h"

static char *language;
static char *taxonomy;
static char **data_files;
static char **dev_files;
static char *label_order_name;
static char *output;

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
  { NULL }
};

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
  if (!cm_cli_train_options_apply (&options, language, order == CM_LABEL_ORDER_APPSI139))
    return CM_CLI_EXIT_USAGE;

  if (!cm_cli_read_training_files (data_files, order, train)
      || !cm_cli_read_training_files (dev_files, order, dev))
    return CM_CLI_EXIT_FAILURE;
  train = cm_cli_train_options_adjust_data (g_steal_pointer (&train), order);
  if (train == NULL)
    return CM_CLI_EXIT_FAILURE;

  started = g_get_monotonic_time ();
  model = cm_trainer_train (train, dev_files != NULL ? dev : NULL, language, "privacy-11",
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
