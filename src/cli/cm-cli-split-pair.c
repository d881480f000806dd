/* cm-cli-split-pair.c — `clausemark-cli split-pair`: one file holding two
 * language versions becomes a linked bilingual pair of documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-segmenter.h"

static char *output_dir;
static char *granularity_name;
static gboolean no_model;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Write the two documents into DIR", "DIR" },
  { "granularity", 'g', 0, G_OPTION_ARG_STRING, &granularity_name,
    "Clause granularity: sentence (default) or paragraph", "G" },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Detect clauses only; leave suggestions empty", NULL },
  { NULL }
};

int
cm_cli_cmd_split_pair (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmModelSet) models = NULL;
  g_autofree char *base_id = NULL;
  CmGranularity granularity = CM_GRANULARITY_SENTENCE;
  CmPairLayout layout = CM_PAIR_LAYOUT_SEQUENTIAL;

  g_option_context_set_summary (context,
    "Split a file that holds a Chinese and an English version into two documents\n"
    "linked as a bilingual pair. The versions may come one after the other,\n"
    "paragraph by paragraph (interleaved), or in two columns of a table.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc != 2 || output_dir == NULL)
    {
      cm_cli_print_error (NULL, "split-pair needs one FILE and -o DIR");
      return CM_CLI_EXIT_USAGE;
    }
  if (granularity_name != NULL && !cm_granularity_from_string (granularity_name, &granularity))
    {
      cm_cli_print_error (NULL, "--granularity must be 'sentence' or 'paragraph'");
      return CM_CLI_EXIT_USAGE;
    }

  loaded = cm_loader_load_file (argv[1], &error);
  base_id = cm_document_id_for_path (argv[1]);
  if (loaded == NULL
      || !cm_split_pair_layout (loaded, base_id, granularity, &zh, &en, &layout, NULL, &error))
    {
      cm_cli_print_error (argv[1], error->message);
      return CM_CLI_EXIT_FAILURE;
    }

  if (!no_model)
    {
      models = cm_model_set_load_default (&error);
      if (models == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      cm_model_set_annotate_document (models, zh);
      cm_model_set_annotate_document (models, en);
    }

  if (!cm_cli_write_pair (output_dir, zh, en))
    return CM_CLI_EXIT_FAILURE;

  g_print ("%s (%s): %s (%u clauses) + %s (%u clauses)\n", argv[1], cm_pair_layout_to_string (layout),
           cm_document_get_id (zh), cm_document_get_n_clauses (zh),
           cm_document_get_id (en), cm_document_get_n_clauses (en));
  return CM_CLI_EXIT_OK;
}
