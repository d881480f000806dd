/* cm-cli-annotate.c — `clausemark-cli annotate`: files or a JSONL stream in,
 * annotated Clausemark documents out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-corpus.h"
#include "cm-document-io.h"

static char *output_dir;
static char *granularity_name;
static char *models_dir;
static char *taxonomy_name;
static gboolean no_model;
static gboolean jsonl;
static gboolean verbose;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Write the documents into DIR (a corpus folder)", "DIR" },
  { "granularity", 'g', 0, G_OPTION_ARG_STRING, &granularity_name,
    "Clause granularity: sentence (default) or paragraph", "G" },
  { "models", 0, 0, G_OPTION_ARG_FILENAME, &models_dir,
    "Load the classifiers from DIR instead of the bundled ones", "DIR" },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Detect clauses only; leave suggestions empty", NULL },
  { "taxonomy", 't', 0, G_OPTION_ARG_STRING, &taxonomy_name,
    "Taxonomy id recorded in the documents (default privacy-11)", "ID" },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
    "Say on stderr how each file was read and what its loader dropped or set aside as boilerplate, and why",
    NULL },
  { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl,
    "Read {\"id\",\"text\"} lines from FILE ('-' for stdin); write one document per line on stdout",
    NULL },
  { NULL }
};

/* "FILE: html, UTF-8, 312 clauses (41 boilerplate)" and the loader's
 * report, one line per reason. */
static void
print_load_report (const char   *path,
                   CmLoadedText *loaded,
                   CmDocument   *document)
{
  const char *report = cm_document_get_load_report (document);
  guint n = cm_document_get_n_clauses (document), n_junk = 0;

  for (guint i = 0; i < n; i++)
    n_junk += cm_clause_get_kind (cm_document_get_clause (document, i)) == CM_CLAUSE_KIND_BOILERPLATE;
  g_printerr ("%s: %s, %s, %u clauses (%u boilerplate)\n", path, loaded->loader,
              loaded->encoding ? loaded->encoding : "-", n, n_junk);
  if (report == NULL)
    return;
  for (const char *line = report; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      int len = nl != NULL ? (int) (nl - line) : (int) strlen (line);

      g_printerr ("%s:   %.*s\n", path, len, line);
      line += len + (nl != NULL);
    }
}

static gboolean
annotate_one_file (CmCorpus                *corpus,
                   const char              *path,
                   const CmAnnotateOptions *options,
                   GHashTable              *used_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autofree char *base_id = cm_document_id_for_path (path);
  g_autofree char *id = g_strdup (base_id);

  /* Two inputs named alike must not overwrite each other's output. */
  for (guint n = 2; g_hash_table_contains (used_ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base_id, n);
    }

  loaded = cm_loader_load_file (path, &error);
  if (loaded == NULL)
    {
      cm_cli_print_error (path, error->message);
      return FALSE;
    }
  document = cm_annotate_loaded (loaded, id, options);
  if (verbose)
    print_load_report (path, loaded, document);
  g_clear_pointer (&loaded, cm_loaded_text_free);
  if (!cm_corpus_add_document (corpus, document, &error))
    {
      cm_cli_print_error (path, error->message);
      return FALSE;
    }
  g_hash_table_add (used_ids, g_steal_pointer (&id));
  return TRUE;
}

static int
annotate_files (char                    **paths,
                const CmAnnotateOptions  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CmCliProgress progress;
  guint n_paths = g_strv_length (paths);
  guint n_failed = 0;

  corpus = cm_corpus_open (output_dir, TRUE, &error);
  if (corpus == NULL)
    {
      cm_cli_print_error (output_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }

  /* Documents land in groups with one sync each, not two fsync() per file. */
  cm_corpus_begin_batch (corpus);
  cm_cli_progress_init (&progress, "annotate", n_paths);
  for (guint i = 0; i < n_paths; i++)
    {
      cm_cli_progress_update (&progress, i, paths[i]);
      if (!annotate_one_file (corpus, paths[i], options, used_ids))
        n_failed++;
    }
  cm_cli_progress_finish (&progress);

  if (!cm_corpus_save_manifest (corpus, &error))
    {
      cm_cli_print_error (output_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (n_failed > 0)
    g_printerr ("clausemark-cli: %u of %u files could not be annotated\n", n_failed, n_paths);
  return n_failed > 0 ? CM_CLI_EXIT_FAILURE : CM_CLI_EXIT_OK;
}

/* One JSONL record: {"id": "...", "text": "..."} → one document line. */
static gboolean
annotate_record (const char              *line,
                 gsize                    length,
                 guint64                  line_number,
                 const CmAnnotateOptions *options,
                 GString                 *out)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autofree char *where = g_strdup_printf ("stdin line %" G_GUINT64_FORMAT, line_number);
  g_autofree char *json = NULL;
  JsonObject *object;
  const char *id, *text;
  gsize json_length;

  if (!json_parser_load_from_data (parser, line, (gssize) length, &error))
    {
      cm_cli_print_error (where, error->message);
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser)) ;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || !json_object_has_member (object, "id") || !json_object_has_member (object, "text")
      || json_object_get_string_member (object, "id") == NULL
      || json_object_get_string_member (object, "text") == NULL)
    {
      cm_cli_print_error (where, "expected an object with string members \"id\" and \"text\"");
      return FALSE;
    }
  id = json_object_get_string_member (object, "id");
  text = json_object_get_string_member (object, "text");

  loaded = cm_loader_load_data (text, strlen (text), id, "text", &error);
  if (loaded == NULL)
    {
      cm_cli_print_error (where, error->message);
      return FALSE;
    }
  document = cm_annotate_loaded (loaded, id, options);
  json = cm_document_to_json (document, &json_length);
  /* The document writer may indent; a JSONL record must stay on one line,
   * and JSON strings never hold a raw newline, so dropping them is safe. */
  for (gsize i = 0; i < json_length; i++)
    if (json[i] != '\n')
      g_string_append_c (out, json[i]);
  g_string_append_c (out, '\n');
  return TRUE;
}

static int
annotate_jsonl (const char              *source,
                const CmAnnotateOptions *options)
{
  g_autoptr(GInputStream) base = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint64 line_number = 0, n_failed = 0;
  char *line;
  gsize length;

  if (g_str_equal (source, "-"))
    base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
      base = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      if (base == NULL)
        {
          cm_cli_print_error (source, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
    }
  input = g_data_input_stream_new (base);
  g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  while ((line = g_data_input_stream_read_line_utf8 (input, &length, NULL, &error)) != NULL)
    {
      line_number++;
      if (length > 0 && !annotate_record (line, length, line_number, options, out))
        n_failed++;
      g_free (line);
      /* Stream: flush every record so a downstream reducer sees it at once. */
      if (out->len > 0)
        {
          fwrite (out->str, 1, out->len, stdout);
          fflush (stdout);
          g_string_truncate (out, 0);
        }
    }
  if (error != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s line %" G_GUINT64_FORMAT,
                                                g_str_equal (source, "-") ? "stdin" : source,
                                                line_number + 1);
      cm_cli_print_error (where, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return n_failed > 0 ? CM_CLI_EXIT_FAILURE : CM_CLI_EXIT_OK;
}

int
cm_cli_cmd_annotate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE…");
  g_autoptr(CmModelSet) models = NULL;
  CmAnnotateOptions options;

  g_option_context_set_summary (context,
    "Load policy files (text in any common encoding, HTML, Markdown), detect their\n"
    "clauses, label them with the bundled classifiers and write Clausemark JSON.\n"
    "With --jsonl, act as a streaming map step: one {\"id\",\"text\"} object per input\n"
    "line, one annotated document per output line.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;

  cm_annotate_options_init (&options);
  if (granularity_name != NULL && !cm_granularity_from_string (granularity_name,
                                                               &options.granularity))
    {
      cm_cli_print_error (NULL, "--granularity must be 'sentence' or 'paragraph'");
      return CM_CLI_EXIT_USAGE;
    }
  if (taxonomy_name != NULL)
    options.taxonomy = taxonomy_name;
  if (jsonl ? argc != 2 : (argc < 2 || output_dir == NULL))
    {
      cm_cli_print_error (NULL, jsonl ? "--jsonl takes exactly one FILE (or - for stdin)"
                                      : "annotate needs FILE… and -o DIR");
      return CM_CLI_EXIT_USAGE;
    }

  if (!no_model)
    {
      g_autoptr(GError) error = NULL;

      models = models_dir ? cm_model_set_load (models_dir, &error)
                          : cm_model_set_load_default (&error);
      if (models == NULL)
        {
          cm_cli_print_error (models_dir, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      options.models = models;
    }

  return jsonl ? annotate_jsonl (argv[1], &options) : annotate_files (argv + 1, &options);
}
