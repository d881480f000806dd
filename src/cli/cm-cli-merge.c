/* cm-cli-merge.c — `clausemark-cli merge`: join annotators' copies
 *
 * Every copy is read and every document joined before anything is
 * written: a document whose copies have different texts stops the whole
 * merge with its name, and the output folder stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"

static char *output_dir;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Corpus folder to write the joined documents into (created if need be)", "DIR" },
  { NULL }
};

static guint
count_boundary_differences (CmDocument *document)
{
  guint n = 0;

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
        if (cm_annotation_get_span (cm_clause_get_annotation (clause, a), NULL, NULL))
          {
            n++;
            break;
          }
    }
  return n;
}

int
cm_cli_cmd_merge (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FILE|FOLDER… -o DIR — join annotators' copies of the same documents");
  g_autoptr(GPtrArray) joined = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Copies of one document (same id) must have the same source text; otherwise nothing is "
    "written and the document is named. Where the copies' clause boundaries differ, the "
    "joined document has every boundary any copy had; each annotator's labels go to every "
    "piece of the clause they labelled, which is recorded as the annotation's span. "
    "A copy reviewed without annotations counts its reviewed clauses as its reviewer's.\n\n"
    "Exit status: 0, 1 if a copy could not be read, joined or written, 2 on bad usage.");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || output_dir == NULL)
    {
      cm_cli_print_error (NULL, "merge: give the copies (files or folders) and -o DIR");
      return CM_CLI_EXIT_USAGE;
    }

  joined = cm_merge_paths ((const char * const *) argv + 1, NULL, &error);
  if (joined == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  corpus = cm_corpus_open (output_dir, TRUE, &error);
  if (corpus == NULL)
    {
      cm_cli_print_error (output_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  cm_corpus_begin_batch (corpus);
  for (guint i = 0; i < joined->len; i++)
    {
      CmDocument *document = g_ptr_array_index (joined, i);

      if (!cm_corpus_add_document (corpus, document, &error))
        {
          cm_cli_print_error (output_dir, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      printf ("%s: %u clauses, %u where the annotators' boundaries differed\n",
              cm_document_get_id (document), cm_document_get_n_clauses (document),
              count_boundary_differences (document));
    }
  if (!cm_corpus_save_manifest (corpus, &error))
    {
      cm_cli_print_error (output_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}
