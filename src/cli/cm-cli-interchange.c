/* cm-cli-interchange.c — `clausemark-cli import` and `export`: annotations
 * from and to Label Studio, doccano and CSV (see cm-interchange.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"

static char *format_name;
static char *output;
static CmImportOptions import_options;

static const GOptionEntry import_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
    "labelstudio, doccano or csv (default: from the file name: .jsonl doccano, .csv CSV, "
    "else Label Studio)", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    "Corpus folder to write the documents into (created if need be)", "DIR" },
  { "group-by", 'g', 0, G_OPTION_ARG_STRING, &import_options.group_by,
    "Records sharing this field make one document (Label Studio: a data field)", "FIELD" },
  { "order-by", 0, 0, G_OPTION_ARG_STRING, &import_options.order_by,
    "Order a document's clauses by this field (default: the task or line id)", "FIELD" },
  { "text-field", 0, 0, G_OPTION_ARG_STRING, &import_options.text_field,
    "Label Studio: the data field holding the text (default: text)", "FIELD" },
  { "annotator", 'a', 0, G_OPTION_ARG_STRING, &import_options.annotator,
    "doccano: the annotator of the files (default: each file's name)", "NAME" },
  { "taxonomy", 't', 0, G_OPTION_ARG_FILENAME, &import_options.taxonomy,
    "Taxonomy (id or file) whose labels the names map to (default: privacy-11)", "TAXONOMY" },
  { "language", 'l', 0, G_OPTION_ARG_STRING, &import_options.language,
    "Language of the documents (default: und)", "LANG" },
  { NULL }
};

static const GOptionEntry export_entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
    "labelstudio, doccano or csv (default: from the output name)", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    "File to write (- for standard output); doccano: a folder, one ANNOTATOR.jsonl each",
    "PATH" },
  { NULL }
};

int
cm_cli_cmd_import (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FILE… -o DIR — annotations from Label Studio, doccano or CSV");
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  CmInterchangeFormat format;

  g_option_context_add_main_entries (context, import_entries, NULL);
  g_option_context_set_description (context,
    "Each Label Studio task, doccano line or CSV row is a clause; with --group-by, records "
    "sharing that field become one document, in --order-by order; otherwise each is a "
    "document of its own. Label Studio: every annotation that was not cancelled is its "
    "completed_by's answer (an empty result is the answer \"no label\"), \"choices\" results "
    "are the labels, predictions with scores become suggestions. doccano: one file per "
    "annotator. Label names map to the taxonomy's ids by id or by English or Chinese name; "
    "unknown names are refused, all listed.\n\n"
    "Exit status: 0, 1 if a file could not be read or written, 2 on bad usage.");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || output == NULL)
    {
      cm_cli_print_error (NULL, "import: give the files and -o DIR");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_interchange_format_from_string (format_name, argv[1], &format, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_USAGE;
    }
  documents = cm_interchange_import (format, (const char * const *) argv + 1, &import_options,
                                     &error);
  if (documents == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  corpus = cm_corpus_open (output, TRUE, &error);
  if (corpus == NULL)
    {
      cm_cli_print_error (output, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  cm_corpus_begin_batch (corpus);
  for (guint i = 0; i < documents->len; i++)
    if (!cm_corpus_add_document (corpus, g_ptr_array_index (documents, i), &error))
      {
        cm_cli_print_error (output, error->message);
        return CM_CLI_EXIT_FAILURE;
      }
  if (!cm_corpus_save_manifest (corpus, &error))
    {
      cm_cli_print_error (output, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  fprintf (stderr, "%u documents written into %s\n", documents->len, output);
  return CM_CLI_EXIT_OK;
}

int
cm_cli_cmd_export (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("DIR|FILE… -o PATH — annotations for Label Studio, doccano or CSV");
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  CmInterchangeFormat format;

  g_option_context_add_main_entries (context, export_entries, NULL);
  g_option_context_set_description (context,
    "Each labelable clause becomes a Label Studio task (data: text, document, position; one "
    "annotation per annotator, choices = label ids; suggestions as a prediction), a doccano "
    "line in each annotator's file, or CSV rows (document, position, annotator, role, labels, "
    "timestamp, text: one per annotator, one for adjudicated labels with role curator, one "
    "with role unannotated for a clause nobody annotated). Copies of one document are joined "
    "first. Importing an export with --group-by document --order-by position gives documents "
    "that export to the same bytes.\n\n"
    "Exit status: 0, 1 if a document could not be read or the output written, 2 on bad usage.");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || output == NULL)
    {
      cm_cli_print_error (NULL, "export: give the documents (files or folders) and -o PATH");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_interchange_format_from_string (format_name, output, &format, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_USAGE;
    }
  documents = cm_merge_paths ((const char * const *) argv + 1, NULL, &error);
  if (documents == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (g_str_equal (output, "-") && format != CM_INTERCHANGE_DOCCANO)
    {
      g_autofree char *data = cm_interchange_export_to_string (format, documents, &error);

      if (data == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      fputs (data, stdout);
      return CM_CLI_EXIT_OK;
    }
  if (!cm_interchange_export (format, documents, output, &error))
    {
      cm_cli_print_error (output, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}
