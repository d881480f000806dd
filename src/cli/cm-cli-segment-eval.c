/* cm-cli-segment-eval.c — `clausemark-cli segment-eval`: sentence-boundary
 * precision, recall and F1 of the segmenter against CAPP-130's own
 * sentence splits
 *
 * Boundary F1, defined: for each policy, remove every whitespace and
 * zero-width character from the original text; a boundary is a position in
 * that stripped text where one sentence (reference: one line of
 * sentences/rw_N.txt) or one clause (ours) ends, the end of the text
 * excluded. A boundary of ours is correct when the reference has a
 * boundary at exactly the same position. Counts are summed over all
 * policies (micro average): precision = correct / ours, recall = correct /
 * reference, F1 = their harmonic mean. A policy whose stripped text differs
 * from its stripped reference cannot be compared position by position and
 * is reported as skipped (except a reference with a few characters put
 * before the text, which is compared after shifting). The end of a text is
 * a boundary on both sides and is not counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-loader.h"
#include "cm-segmenter.h"

/* Characters a reference may add before the policy text and still be
 * compared (see shift_boundaries()). */
#define MAX_REFERENCE_PREFIX 16

static char *shared_dir;
static gboolean as_json;
static gboolean verbose;
static gboolean show_errors;
static int repeat = 1;

static const GOptionEntry entries[] = {
  { "shared", 's', 0, G_OPTION_ARG_FILENAME, &shared_dir,
    "The shared data folder (holding corpora/capp130)", "DIR" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print each policy's figures", NULL },
  { "show-errors", 0, 0, G_OPTION_ARG_NONE, &show_errors,
    "Print the text around each missed or extra boundary", NULL },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
    "Segment each policy N times to time the segmenter (median is reported)", "N" },
  { NULL }
};

/* Where the readable lines go: standard output, or standard error when
 * standard output carries the JSON report (so that it stays one value). */
static FILE *
text_stream (void)
{
  return as_json ? stderr : stdout;
}

typedef struct
{
  guint64 correct;
  guint64 ours;
  guint64 reference;
} Counts;

static gboolean
is_stripped (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  /* Loaders drop control and format characters (U+009F in some CAPP-130
   * files), so they do not count on either side. */
  return g_unichar_isspace (c) || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
         || c == 0x200B || c == 0x200C || c == 0x200D
         || c == 0x2060 || c == 0xFEFF || c == 0x00A0 || c == 0x3000;
}

/* The text without whitespace, and for each code point of @text the
 * stripped length before it (n_chars + 1 entries). */
static char *
strip_text (const char  *text,
            guint      **stripped_before,
            guint       *n_chars)
{
  GString *out = g_string_new (NULL);
  GArray *before = g_array_new (FALSE, FALSE, sizeof (guint));
  guint stripped = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_array_append_val (before, stripped);
      if (!is_stripped (c))
        {
          g_string_append_unichar (out, c);
          stripped++;
        }
    }
  g_array_append_val (before, stripped);
  if (n_chars != NULL)
    *n_chars = before->len - 1;
  if (stripped_before != NULL)
    *stripped_before = (guint *) g_array_free (before, FALSE);
  else
    g_array_free (before, TRUE);
  return g_string_free (out, FALSE);
}

static GHashTable *
reference_boundaries (const char *sentences,
                      GString    *reference_text)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (sentences, "\n", -1);
  guint position = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = strip_text (lines[i], NULL, NULL);
      guint length = g_utf8_strlen (stripped, -1);

      if (length == 0)
        continue;
      g_string_append (reference_text, stripped);
      position += length;
      g_hash_table_add (set, GUINT_TO_POINTER (position));
    }
  g_hash_table_remove (set, GUINT_TO_POINTER (position));
  return set;
}

/* CPU time of this thread: the segmenter's own cost, not the machine's
 * load (wall-clock figures swing with whatever else runs). */
static double
thread_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Moves every boundary @shift characters back, dropping those that fall
 * in the part before the policy text. */
static void
shift_boundaries (GHashTable **boundaries,
                  guint        shift)
{
  GHashTable *shifted = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, *boundaries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) > shift)
      g_hash_table_add (shifted, GUINT_TO_POINTER (GPOINTER_TO_UINT (key) - shift));
  g_hash_table_unref (*boundaries);
  *boundaries = shifted;
}

static void
print_context (const char *kind,
               const char *name,
               const char *stripped,
               guint       position)
{
  const char *at = g_utf8_offset_to_pointer (stripped, position);
  const char *from = at;
  const char *to = at;

  for (int i = 0; i < 25 && from > stripped; i++)
    from = g_utf8_prev_char (from);
  for (int i = 0; i < 15 && *to; i++)
    to = g_utf8_next_char (to);
  fprintf (text_stream (), "%s %s: %.*s|%.*s\n", kind, name, (int) (at - from), from, (int) (to - at), at);
}

static void
show_boundary_errors (const char *name,
                      const char *stripped,
                      GHashTable *reference,
                      CmDocument *document,
                      const guint *stripped_before,
                      guint       n_chars)
{
  g_autoptr(GHashTable) ours = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      guint position = stripped_before[MIN (cm_clause_get_end (clause), n_chars)];

      g_hash_table_add (ours, GUINT_TO_POINTER (position));
      if (position > 0 && !g_hash_table_contains (reference, GUINT_TO_POINTER (position))
          && *g_utf8_offset_to_pointer (stripped, position) != '\0')
        print_context ("extra ", name, stripped, position);
    }
  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ours, key))
      print_context ("missed", name, stripped, GPOINTER_TO_UINT (key));
}

/* Segments one policy and sets its boundary counts; FALSE when skipped. */
static gboolean
evaluate_policy (const char *original_path,
                 const char *sentences_path,
                 const char *name,
                 Counts     *counts_out,
                 double     *seconds,
                 gsize      *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autofree char *sentences = NULL;
  g_autofree char *stripped = NULL;
  g_autofree guint *stripped_before = NULL;
  g_autoptr(GHashTable) reference = NULL;
  g_autoptr(GString) reference_text = g_string_new (NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Counts counts = { 0, 0, 0 };
  guint n_chars = 0;
  guint last = G_MAXUINT;

  loaded = cm_loader_load_file (original_path, &error);
  if (loaded == NULL || !g_file_get_contents (sentences_path, &sentences, NULL, &error))
    {
      cm_cli_print_error (loaded == NULL ? original_path : sentences_path, error->message);
      return FALSE;
    }

  document = cm_document_new (name, loaded->text);
  for (int r = 0; r < MAX (repeat, 1); r++)
    {
      double start = thread_cpu_seconds ();
      double elapsed;

      cm_segment_document (document, (const CmBlockHint *) (gpointer) loaded->blocks->data,
                           loaded->blocks->len, CM_GRANULARITY_SENTENCE);
      elapsed = thread_cpu_seconds () - start;
      g_array_append_val (times, elapsed);
    }
  g_array_sort (times, cm_cli_compare_doubles);
  *seconds += g_array_index (times, double, times->len / 2);
  *bytes += loaded->size;

  stripped = strip_text (loaded->text, &stripped_before, &n_chars);
  reference = reference_boundaries (sentences, reference_text);
  if (!g_str_equal (stripped, reference_text->str))
    {
      /* rw_30's reference adds "boss" before the title: a reference that
       * is the policy with a few characters put in front is compared after
       * shifting its positions back. Anything else cannot be compared. */
      if (!g_str_has_suffix (reference_text->str, stripped)
          || reference_text->len - strlen (stripped) > MAX_REFERENCE_PREFIX)
        {
          if (verbose)
            g_printerr ("%s: skipped, the reference does not hold the same text\n", name);
          return FALSE;
        }
      shift_boundaries (&reference, g_utf8_strlen (reference_text->str,
                                                   reference_text->len - strlen (stripped)));
    }

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      guint end = cm_clause_get_end (clause);
      guint position = stripped_before[MIN (end, n_chars)];

      if (position == last || position == 0 || position >= g_utf8_strlen (stripped, -1))
        continue;
      last = position;
      counts.ours++;
      if (g_hash_table_contains (reference, GUINT_TO_POINTER (position)))
        counts.correct++;
    }
  counts.reference = g_hash_table_size (reference);
  if (show_errors)
    show_boundary_errors (name, stripped, reference, document, stripped_before, n_chars);

  *counts_out = counts;
  return TRUE;
}

static double
ratio (guint64 part,
       guint64 whole)
{
  return whole ? (double) part / whole : 0;
}

static void
print_policy (const char   *name,
              const Counts *counts)
{
  fprintf (text_stream (), "%-12s P %.4f  R %.4f  (%" G_GUINT64_FORMAT " correct, %" G_GUINT64_FORMAT
           " ours, %" G_GUINT64_FORMAT " reference)\n", name,
           ratio (counts->correct, counts->ours), ratio (counts->correct, counts->reference),
           counts->correct, counts->ours, counts->reference);
}

static void
add_policy_json (JsonBuilder  *builder,
                 const char   *name,
                 const Counts *counts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "policy");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "correct");
  json_builder_add_int_value (builder, counts->correct);
  json_builder_set_member_name (builder, "predicted");
  json_builder_add_int_value (builder, counts->ours);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_int_value (builder, counts->reference);
  json_builder_set_member_name (builder, "precision");
  json_builder_add_double_value (builder, ratio (counts->correct, counts->ours));
  json_builder_set_member_name (builder, "recall");
  json_builder_add_double_value (builder, ratio (counts->correct, counts->reference));
  json_builder_end_object (builder);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
cm_cli_cmd_segment_eval (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *original_dir = NULL;
  g_autofree char *sentences_dir = NULL;
  const char *name;
  g_autoptr(JsonBuilder) per_policy = json_builder_new ();
  Counts total = { 0, 0, 0 };
  guint evaluated = 0, skipped = 0;
  double precision, recall, f1, seconds = 0;
  gsize bytes = 0;

  g_option_context_set_summary (context,
    "Measure sentence-boundary precision, recall and F1 of the clause detector\n"
    "against the CAPP-130 reference splits (corpora/capp130/sentences of\n"
    "corpora/capp130/original_policies). A boundary is a position in the policy\n"
    "text with all whitespace removed where a sentence ends; ours must fall at\n"
    "exactly the reference position. Counts are summed over all policies.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc != 1 || shared_dir == NULL)
    {
      cm_cli_print_error (NULL, "segment-eval needs --shared DIR and no other argument");
      return CM_CLI_EXIT_USAGE;
    }

  original_dir = g_build_filename (shared_dir, "corpora", "capp130", "original_policies", NULL);
  sentences_dir = g_build_filename (shared_dir, "corpora", "capp130", "sentences", NULL);
  dir = g_dir_open (original_dir, 0, &error);
  if (dir == NULL)
    {
      cm_cli_print_error (original_dir, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  json_builder_begin_array (per_policy);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *original = g_build_filename (original_dir, file, NULL);
      g_autofree char *sentences = g_build_filename (sentences_dir, file, NULL);
      Counts counts;

      if (!g_file_test (sentences, G_FILE_TEST_EXISTS))
        continue;
      if (!evaluate_policy (original, sentences, file, &counts, &seconds, &bytes))
        {
          skipped++;
          continue;
        }
      evaluated++;
      total.correct += counts.correct;
      total.ours += counts.ours;
      total.reference += counts.reference;
      if (verbose)
        print_policy (file, &counts);
      add_policy_json (per_policy, file, &counts);
    }
  json_builder_end_array (per_policy);
  if (evaluated == 0)
    {
      cm_cli_print_error (original_dir, "no policy with a reference split to evaluate");
      return CM_CLI_EXIT_FAILURE;
    }

  precision = total.ours ? (double) total.correct / total.ours : 0;
  recall = total.reference ? (double) total.correct / total.reference : 0;
  f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "policies");
      json_builder_add_int_value (builder, evaluated);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, skipped);
      json_builder_set_member_name (builder, "correct");
      json_builder_add_int_value (builder, total.correct);
      json_builder_set_member_name (builder, "predicted");
      json_builder_add_int_value (builder, total.ours);
      json_builder_set_member_name (builder, "reference");
      json_builder_add_int_value (builder, total.reference);
      json_builder_set_member_name (builder, "precision");
      json_builder_add_double_value (builder, precision);
      json_builder_set_member_name (builder, "recall");
      json_builder_add_double_value (builder, recall);
      json_builder_set_member_name (builder, "f1");
      json_builder_add_double_value (builder, f1);
      json_builder_set_member_name (builder, "segment_mb_per_s");
      json_builder_add_double_value (builder, seconds > 0 ? bytes / 1e6 / seconds : 0);
      json_builder_set_member_name (builder, "per_policy");
      json_builder_add_value (builder, json_builder_get_root (per_policy));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      printf ("%s\n", json);
    }
  else
    {
      printf ("Sentence boundaries against CAPP-130 (%u policies, %u skipped):\n",
              evaluated, skipped);
      printf ("  (a boundary is where a sentence or clause ends, as a position in the\n"
              "   text with all whitespace removed, the end of the text not counted;\n"
              "   ours count when the reference has one at the same position)\n");
      printf ("  precision %.4f  (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
              " predicted boundaries are in the reference)\n",
              precision, total.correct, total.ours);
      printf ("  recall    %.4f  (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
              " reference boundaries are predicted)\n",
              recall, total.correct, total.reference);
      printf ("  F1        %.4f\n", f1);
      printf ("  segmenter %.1f MB/s of CPU time (%.2f MB in %.3f s%s)\n",
              seconds > 0 ? bytes / 1e6 / seconds : 0, bytes / 1e6, seconds,
              repeat > 1 ? ", median of repeats" : "");
    }
  return CM_CLI_EXIT_OK;
}
