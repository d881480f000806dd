/* cm-cli-report.c — `clausemark-cli report`: the review report and the corpus charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-insight.h"
#include "cm-report-inputs.h"
#include "cm-report.h"

static char *output;
static char *charts_dir;
static char **checklist_names;
static gboolean no_model;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    "Write the report to FILE.pdf or FILE.html", "FILE" },
  { "charts", 0, 0, G_OPTION_ARG_FILENAME, &charts_dir,
    "Write every chart as PNG and SVG, and its data as CSV, into DIR", "DIR" },
  { "checklist", 'c', 0, G_OPTION_ARG_FILENAME_ARRAY, &checklist_names,
    "A bundled checklist (pipl, gdpr) or a checklist file (repeatable; default: the bundled ones"
    " for each document's language)", "ID|FILE" },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Do not label or flag policy files (saved documents keep theirs)", NULL },
  { NULL }
};

int
cm_cli_cmd_report (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE|DIR…");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) checklists = NULL;
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmFlagger) flagger = NULL;
  g_autoptr(CmInsight) insight = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  int status = CM_CLI_EXIT_OK;

  g_option_context_set_summary (context,
    "The review report of policy documents or a corpus folder — title, source and review\n"
    "state, findings (missing disclosures, risk clauses, sensitive data, differences between\n"
    "language versions), key clauses per topic, charts — as PDF or one HTML file, in the\n"
    "UI language; and the corpus charts as PNG, SVG and CSV. No display is needed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || (output == NULL && charts_dir == NULL))
    {
      cm_cli_print_error (NULL, "report needs FILE or DIR, and -o FILE.pdf|FILE.html or --charts DIR");
      return CM_CLI_EXIT_USAGE;
    }
  if (checklist_names != NULL)
    {
      checklists = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; checklist_names[i] != NULL; i++)
        {
          CmChecklist *checklist = cm_checklist_load (checklist_names[i], &error);

          if (checklist == NULL)
            {
              cm_cli_print_error (NULL, error->message);
              return CM_CLI_EXIT_FAILURE;
            }
          g_ptr_array_add (checklists, checklist);
        }
    }
  if (!cm_cli_load_annotate_options (&options, no_model, &models, &flagger))
    return CM_CLI_EXIT_FAILURE;
  for (int i = 1; i < argc; i++)
    {
      g_clear_error (&error);
      if (!cm_report_open_path (argv[i], &options, documents, &error))
        {
          cm_cli_print_error (argv[i], error->message);
          status = CM_CLI_EXIT_FAILURE;
        }
    }
  if (documents->len == 0)
    return CM_CLI_EXIT_FAILURE;

  g_clear_error (&error);
  insight = cm_insight_new (documents, checklists, &error);
  if (insight == NULL || (charts_dir != NULL && !cm_insight_export (insight, charts_dir, &error)))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (output != NULL)
    {
      g_autoptr(CmReport) report = cm_report_new (insight, flagger);

      if (!cm_report_save (report, output, &error))
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
    }
  return status;
}
