/* clausemark-cli.c — batch front end of the Clausemark core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cm-cli-commands.h"
#include "cm-paths.h"

/* Subcommands; each defined in its own cm-cli-<name>.c. */
static const CmCliCommand commands[] = {
  { "annotate", "Detect and label the clauses of policy files", cm_cli_cmd_annotate },
  { "split-pair", "Split a two-language file into a linked pair", cm_cli_cmd_split_pair },
  { "align", "Align a Chinese policy with its English version", cm_cli_cmd_align },
  { "diff", "Show where the two versions of an aligned pair differ", cm_cli_cmd_diff },
  { "compare", "What changed between two versions of a policy in one language", cm_cli_cmd_compare },
  { "train", "Train a clause classifier from labelled data", cm_cli_cmd_train },
  { "eval", "Measure a classifier on labelled data", cm_cli_cmd_eval },
  { "explain", "Show the n-grams behind a clause's labels", cm_cli_cmd_explain },
  { "segment-eval", "Measure sentence boundaries against CAPP-130", cm_cli_cmd_segment_eval },
  { "validate", "Check documents, corpus manifests and taxonomies", cm_cli_cmd_validate },
  { "stats", "Count documents, clauses, labels and reviews", cm_cli_cmd_stats },
  { "merge", "Join annotators' copies of the same documents", cm_cli_cmd_merge },
  { "agree", "Measure how far annotators agree", cm_cli_cmd_agree },
  { "import", "Read annotations from Label Studio, doccano or CSV", cm_cli_cmd_import },
  { "export", "Write annotations for Label Studio, doccano or CSV", cm_cli_cmd_export },
  { "checklist", "Which disclosures the law requires and a policy makes", cm_cli_cmd_checklist },
  { "report", "The review report (PDF or HTML) and the corpus charts", cm_cli_cmd_report },
  { NULL, NULL, NULL }
};

void
cm_cli_print_error (const char *file,
                    const char *message)
{
  /* Core errors usually name their file already: say it once. */
  if (file != NULL && !g_str_has_prefix (message, file))
    g_printerr ("clausemark-cli: %s: %s\n", file, message);
  else
    g_printerr ("clausemark-cli: %s\n", message);
}

gboolean
cm_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cm_cli_print_error (NULL, error->message);
      g_printerr ("Try '%s --help'.\n", (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: clausemark-cli COMMAND [OPTION…] [ARG…]\n\n");
  fprintf (out, "Detect, label and compare the clauses of privacy policies.\n\nCommands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun 'clausemark-cli COMMAND --help' for a command's options.\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cm_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Standard output is the commands' results (JSON, tables): debug and
   * info messages (G_MESSAGES_DEBUG) go to standard error with the rest. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? CM_CLI_EXIT_USAGE : CM_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("clausemark-cli %s\n", PACKAGE_VERSION);
      return CM_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (commands[i].name, argv[1]))
      {
        g_autofree char *prgname = g_strdup_printf ("clausemark-cli %s", argv[1]);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("clausemark-cli: unknown command '%s'\n", argv[1]);
  print_usage (stderr);
  return CM_CLI_EXIT_USAGE;
}
