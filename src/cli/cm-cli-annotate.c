/* cm-cli-annotate.c — `clausemark-cli annotate`: files or a JSONL stream in,
 * annotated Clausemark documents out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"
#define _GNU_SOURCE 1  /* O_CLOEXEC */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-cli-commands.h"
#include "cm-bounded-read.h"
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
  { "taxonomy", 't', 0, G_OPTION_ARG_FILENAME, &taxonomy_name,
    "Taxonomy recorded in the documents: a bundled id (default privacy-11) or your file "
    "(copied into DIR as ID.taxonomy.json)", "ID|FILE" },
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
print_load_report (const char             *path,
                   CmLoadedText           *loaded,
                   const CmAnnotateTotals *totals)
{
  g_autofree char *report = cm_loaded_text_dup_report (loaded);

  g_printerr ("%s: %s, %s, %u clauses (%u boilerplate)\n", path, loaded->loader,
              loaded->encoding ? loaded->encoding : "-", totals->n_clauses,
              totals->n_boilerplate);
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
  g_autofree char *base_id = cm_document_id_for_path (path);
  g_autofree char *id = g_strdup (base_id);
  CmAnnotateTotals totals;

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
  /* Segmented, labelled and written a few thousand clauses at a time. */
  if (!cm_annotate_loaded_into_corpus (loaded, id, options, corpus, &totals, &error))
    {
      cm_cli_print_error (path, error->message);
      return FALSE;
    }
  if (verbose)
    print_load_report (path, loaded, &totals);
  g_hash_table_add (used_ids, g_steal_pointer (&id));
  return TRUE;
}

/* A user's taxonomy file travels with the corpus, so that its documents
 * name a taxonomy that can be found beside them. */
static gboolean
keep_taxonomy_beside (CmTaxonomy  *taxonomy,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bundled = NULL;
  gsize length;

  file = g_strconcat (cm_taxonomy_get_id (taxonomy), ".json", NULL);
  bundled = cm_build_data_path ("taxonomies", file, NULL);
  if (g_file_test (bundled, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  contents = cm_read_file_bounded (cm_taxonomy_get_path (taxonomy), CM_READ_MAX_TAXONOMY, NULL,
                                   &length, error);
  if (contents == NULL)
    return FALSE;
  g_clear_pointer (&file, g_free);
  file = g_strconcat (cm_taxonomy_get_id (taxonomy), CM_TAXONOMY_FILE_SUFFIX, NULL);
  path = g_build_filename (output_dir, file, NULL);
  return cm_write_file_atomically (path, contents, length, FALSE, error);
}

static int
annotate_files (char                    **paths,
                const CmAnnotateOptions  *options,
                CmTaxonomy               *taxonomy)
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

  if (taxonomy != NULL && !keep_taxonomy_beside (taxonomy, &error))
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

/* One JSONL record → one document line on stdout, streamed (a record of
 * 60 MB makes a line of half a gigabyte, never held whole) and flushed
 * at its end so that a downstream reducer sees it. The writer puts no
 * newline inside a document. */
static gboolean
annotate_record (const char              *line,
                 gsize                    length,
                 const char              *where,
                 const CmAnnotateOptions *options)
{
  g_autoptr(GError) error = NULL;

  fflush (stdout);
  if (!cm_annotate_record_to_fd (line, length, where, options, STDOUT_FILENO, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return FALSE;
    }
  fputc ('\n', stdout);
  fflush (stdout);
  return TRUE;
}

/* Reads lines of any length up to the loader's limit, from one open
 * descriptor: a longer line is reported and skipped, never held. */
typedef struct
{
  int      fd;
  char    *buffer;
  gsize    start, end, capacity;
  gboolean eof;
} LineReader;

#define LINE_READ_CHUNK ((gsize) 1 << 20)

/* The next line (without its "\n") in @line and @length, valid until the
 * next call; *too_long when it passed the limit (it was skipped).
 * FALSE at the end of the input or on a read error (errno set). */
static gboolean
line_reader_next (LineReader  *reader,
                  const char **line,
                  gsize       *length,
                  gboolean    *too_long)
{
  gsize scanned = reader->start;
  gboolean skipping = FALSE;

  *too_long = FALSE;
  for (;;)
    {
      char *newline = memchr (reader->buffer + scanned, '\n', reader->end - scanned);
      gssize n;

      if (newline != NULL || (reader->eof && reader->end > reader->start))
        {
          gsize line_end = newline ? (gsize) (newline - reader->buffer) : reader->end;

          *line = reader->buffer + reader->start;
          *length = line_end - reader->start;
          *too_long = skipping;
          reader->start = newline ? line_end + 1 : line_end;
          return TRUE;
        }
      if (reader->eof)
        {
          if (skipping)
            {
              *line = reader->buffer;
              *length = 0;
              *too_long = TRUE;
              return TRUE;
            }
          return FALSE;
        }
      /* Keep the partial line at the front, then read more. */
      if (skipping)
        reader->start = reader->end;  /* drop what is already known too long */
      memmove (reader->buffer, reader->buffer + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->start = 0;
      scanned = reader->end;
      if (reader->end > CM_LOADER_MAX_SIZE)
        {
          skipping = TRUE;
          reader->end = scanned = 0;
        }
      if (reader->capacity - reader->end < LINE_READ_CHUNK)
        {
          reader->capacity = MAX (reader->capacity * 2, reader->end + LINE_READ_CHUNK);
          reader->buffer = g_realloc (reader->buffer, reader->capacity);
        }
      do
        n = read (reader->fd, reader->buffer + reader->end, reader->capacity - reader->end);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        return FALSE;
      if (n == 0)
        reader->eof = TRUE;
      reader->end += (gsize) n;
    }
}

static int
annotate_jsonl (const char              *source,
                const CmAnnotateOptions *options)
{
  LineReader reader = { -1, g_malloc (LINE_READ_CHUNK), 0, 0, LINE_READ_CHUNK, FALSE };
  const char *name = g_str_equal (source, "-") ? "stdin" : source;
  guint64 line_number = 0, n_failed = 0;
  const char *line;
  gsize length;
  gboolean too_long;
  int status;

  reader.fd = g_str_equal (source, "-") ? STDIN_FILENO : g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (reader.fd < 0)
    {
      cm_cli_print_error (source, g_strerror (errno));
      g_free (reader.buffer);
      return CM_CLI_EXIT_FAILURE;
    }
  errno = 0;
  while (line_reader_next (&reader, &line, &length, &too_long))
    {
      g_autofree char *where = g_strdup_printf ("%s line %" G_GUINT64_FORMAT, name,
                                                ++line_number);

      if (too_long)
        {
          g_autofree char *why = g_strdup_printf ("longer than the limit of %" G_GSIZE_FORMAT
                                                  " MB; skipped", CM_LOADER_MAX_SIZE >> 20);
          cm_cli_print_error (where, why);
          n_failed++;
        }
      else if (length > 0 && !(length == 1 && line[0] == '\r')
               && !annotate_record (line, length, where, options))
        n_failed++;
      errno = 0;
    }
  status = n_failed > 0 ? CM_CLI_EXIT_FAILURE : CM_CLI_EXIT_OK;
  if (errno != 0)
    {
      g_autofree char *where = g_strdup_printf ("%s line %" G_GUINT64_FORMAT, name,
                                                line_number + 1);
      cm_cli_print_error (where, g_strerror (errno));
      status = CM_CLI_EXIT_FAILURE;
    }
  if (reader.fd != STDIN_FILENO)
    close (reader.fd);
  g_free (reader.buffer);
  return status;
}

int
cm_cli_cmd_annotate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE…");
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(CmFlagger) flagger = NULL;
  CmAnnotateOptions options;

  g_option_context_set_summary (context,
    "Load policy files (text in any common encoding, HTML, MHTML, PDF, Word .docx,\n"
    "OpenDocument .odt, Markdown), detect their clauses, label them with the bundled\n"
    "classifiers and write Clausemark JSON.\n"
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
    {
      g_autoptr(GError) error = NULL;

      /* Known before anything is written: a document names a taxonomy
       * that exists (bundled, or kept beside it). */
      taxonomy = cm_taxonomy_load (taxonomy_name, &error);
      if (taxonomy == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_USAGE;
        }
      options.taxonomy = cm_taxonomy_get_id (taxonomy);
    }
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
      flagger = cm_flagger_load_default (&error);
      if (flagger == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      options.flagger = flagger;
    }

  return jsonl ? annotate_jsonl (argv[1], &options) : annotate_files (argv + 1, &options, taxonomy);
}
