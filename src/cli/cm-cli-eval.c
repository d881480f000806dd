/* cm-cli-eval.c — `clausemark-cli eval`: a model's quality on labelled data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-eval.h"

static char *model_path;
static char **data_files;
static char *label_order_name;
static gboolean as_json;

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, "The model to evaluate", "MODEL" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data_files,
    "Labelled data: topic file, per-policy jsonl or Clausemark document (repeatable)", "FILE" },
  { "label-order", 0, 0, G_OPTION_ARG_STRING, &label_order_name,
    "Vector order of topic files: capp130 (default) or appsi139", "ORDER" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { NULL }
};

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
  if (model_path == NULL || data_files == NULL)
    {
      cm_cli_print_error (NULL, "--model and --data are required");
      return CM_CLI_EXIT_USAGE;
    }
  if (label_order_name != NULL)
    {
      if (g_str_equal (label_order_name, "appsi139"))
        order = CM_LABEL_ORDER_APPSI139;
      else if (!g_str_equal (label_order_name, "capp130"))
        {
          cm_cli_print_error (NULL, "--label-order must be capp130 or appsi139");
          return CM_CLI_EXIT_USAGE;
        }
    }

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
