/* cm-cli-align.c — `clausemark-cli align`: align a Chinese policy with its
 * English version and write the linked pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-annotate.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-flagger.h"
#include "cm-segmenter.h"

static char *output_dir;
static char *granularity_name;
static char *lexicon_path;
static gboolean no_model;
static char *gold_path;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Write the two linked documents into DIR", "DIR" },
  { "granularity", 'g', 0, G_OPTION_ARG_STRING, &granularity_name,
    "Clause granularity: sentence (default) or paragraph", "G" },
  { "lexicon", 0, 0, G_OPTION_ARG_FILENAME, &lexicon_path,
    "Use this Chinese-English lexicon (default: the bundled one)", "FILE" },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Do not label the clauses (the alignment then ignores labels)", NULL },
  { "gold", 0, 0, G_OPTION_ARG_FILENAME, &gold_path,
    "Score the links against a hand-made gold file and list the differences (see README)", "FILE" },
  { NULL }
};

/* Both documents of the pair: two files (either order), or one file
 * holding both in any layout (then *out_sections gets the layout's
 * pairing). */
static gboolean
open_pair (int                       argc,
           char                    **argv,
           const CmAnnotateOptions  *options,
           CmDocument              **out_first,
           CmDocument              **out_second,
           GPtrArray               **out_sections,
           GError                  **error)
{
  if (argc == 2)
    {
      g_autoptr(CmLoadedText) loaded = cm_loader_load_file (argv[1], error);
      g_autofree char *base_id = cm_document_id_for_path (argv[1]);
      CmPairLayout layout;

      if (loaded == NULL
          || !cm_split_pair_layout (loaded, base_id, options->granularity, out_first, out_second,
                                    &layout, out_sections, error))
        return FALSE;
      g_print ("%s: layout %s\n", argv[1], cm_pair_layout_to_string (layout));
      if (options->models != NULL)
        {
          cm_model_set_annotate_document (options->models, *out_first);
          cm_model_set_annotate_document (options->models, *out_second);
        }
      if (options->flagger != NULL)
        {
          cm_flagger_flag_document (options->flagger, *out_first);
          cm_flagger_flag_document (options->flagger, *out_second);
        }
      return TRUE;
    }
  *out_first = cm_annotate_file (argv[1], options, NULL, error);
  if (*out_first == NULL)
    return FALSE;
  *out_second = cm_annotate_file (argv[2], options, NULL, error);
  if (*out_second == NULL)
    {
      g_clear_object (out_first);
      return FALSE;
    }
  /* two versions saved under one name in different folders would
   * overwrite each other in DIR */
  if (g_str_equal (cm_document_get_id (*out_first), cm_document_get_id (*out_second)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "both files give the document id “%s”; rename one of them "
                   "(e.g. with a -zh / -en suffix)", cm_document_get_id (*out_first));
      g_clear_object (out_first);
      g_clear_object (out_second);
      return FALSE;
    }
  return TRUE;
}

static void
print_summary (CmDocument *zh,
               CmDocument *en)
{
  GPtrArray *links = cm_document_get_links (zh);
  guint counts[3][3] = { { 0 } };
  guint other = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      guint a = g_strv_length (link->clauses), b = g_strv_length (link->partner_clauses);

      if (a <= 2 && b <= 2)
        counts[a][b]++;
      else
        other++;
    }
  g_print ("%s (%u clauses) ↔ %s (%u clauses): %u links\n",
           cm_document_get_id (zh), cm_document_get_n_clauses (zh),
           cm_document_get_id (en), cm_document_get_n_clauses (en), links->len);
  g_print ("  1-1 %u, 2-1 %u, 1-2 %u, 2-2 %u; only in Chinese %u, only in English %u\n",
           counts[1][1], counts[2][1], counts[1][2], counts[2][2], counts[1][0], counts[0][1]);
  if (other > 0)
    g_print ("  other %u\n", other);
  cm_cli_warn_if_unrelated (links);
}

static void
print_link (const char   *what,
            const CmLink *link)
{
  g_autofree char *zh = link->clauses[0] ? g_strjoinv (" ", link->clauses) : g_strdup ("-");
  g_autofree char *en = link->partner_clauses[0] ? g_strjoinv (" ", link->partner_clauses)
                                                 : g_strdup ("-");

  g_print ("  %s %s ↔ %s\n", what, zh, en);
}

/* Links with clauses on both sides in @links that @other lacks. */
static void
print_links_missing_from (const char *what,
                          GPtrArray  *links,
                          GPtrArray  *other)
{
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      CmLinkScores scores;

      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL)
        continue;
      g_ptr_array_add (one, (gpointer) link);
      cm_links_compare (one, other, TRUE, &scores);
      if (scores.n_correct == 0)
        print_link (what, link);
    }
}

/* Scores the pair's links against the gold file: strict links and clause
 * pairs, then every gold link missed and every link not in the gold. */
static gboolean
score_against_gold (const char  *path,
                    CmDocument  *zh,
                    CmDocument  *en,
                    GError     **error)
{
  g_autoptr(GPtrArray) gold = cm_link_gold_load (path, zh, en, error);
  GPtrArray *links = cm_document_get_links (zh);
  CmLinkScores strict, pairs;

  if (gold == NULL)
    return FALSE;
  cm_links_compare (links, gold, TRUE, &strict);
  cm_links_compare (links, gold, FALSE, &pairs);
  g_print ("gold %s: %u links; strict links P %.4f R %.4f F1 %.4f; clause pairs P %.4f R %.4f F1 %.4f\n",
           path, strict.n_gold, strict.precision, strict.recall, strict.f1,
           pairs.precision, pairs.recall, pairs.f1);
  print_links_missing_from ("missed", gold, links);
  print_links_missing_from ("wrong ", links, gold);
  return TRUE;
}

int
cm_cli_cmd_align (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("ZH EN | PAIR-FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) first = NULL;
  g_autoptr(CmDocument) second = NULL;
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmFlagger) flagger = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  CmAnnotateOptions annotate_options;
  CmAlignOptions align_options;
  CmDocument *zh, *en;

  g_option_context_set_summary (context,
    "Align a Chinese policy with its English version clause by clause and write\n"
    "both documents, linked, into DIR (then see 'clausemark-cli diff DIR').\n"
    "The two versions come as two files (either order, any format Clausemark\n"
    "reads, or Clausemark documents) or as one file holding both: one after the\n"
    "other, paragraphs interleaved, or in two columns (see README).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || argc > 3 || output_dir == NULL)
    {
      cm_cli_print_error (NULL, "align needs ZH EN (or one file holding both) and -o DIR");
      return CM_CLI_EXIT_USAGE;
    }

  cm_annotate_options_init (&annotate_options);
  if (granularity_name != NULL
      && !cm_granularity_from_string (granularity_name, &annotate_options.granularity))
    {
      cm_cli_print_error (NULL, "--granularity must be 'sentence' or 'paragraph'");
      return CM_CLI_EXIT_USAGE;
    }
  if (!no_model)
    {
      models = cm_model_set_load_default (&error);
      if (models == NULL)
        {
          g_printerr ("clausemark-cli: warning: aligning without labels: %s\n", error->message);
          g_clear_error (&error);
        }
      annotate_options.models = models;
      /* `diff` ranks a risk flagged in one version only high: the pair
       * needs its flags */
      flagger = cm_flagger_load_default (&error);
      if (flagger == NULL)
        {
          g_printerr ("clausemark-cli: warning: aligning without clause flags: %s\n", error->message);
          g_clear_error (&error);
        }
      annotate_options.flagger = flagger;
    }
  cm_align_options_init (&align_options);
  if (lexicon_path != NULL)
    {
      lexicon = cm_lexicon_load_file (lexicon_path, &error);
      if (lexicon == NULL)
        {
          cm_cli_print_error (lexicon_path, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      align_options.lexicon = lexicon;
    }
  else
    {
      lexicon = cm_lexicon_load_default (&error);
      if (lexicon == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      align_options.lexicon = lexicon;
    }

  if (!open_pair (argc, argv, &annotate_options, &first, &second, &sections, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (cm_document_is_chinese (first) == cm_document_is_chinese (second))
    {
      g_autofree char *message = g_strdup_printf ("both documents look %s; align needs one Chinese "
                                                  "and one English version",
                                                  cm_document_is_chinese (first) ? "Chinese" : "English");
      cm_cli_print_error (NULL, message);
      return CM_CLI_EXIT_FAILURE;
    }
  /* the layout's own pairing (a paragraph and its translation) is strong
   * evidence: links stay within it */
  align_options.sections = sections;
  if (!cm_align_pair (first, second, &align_options, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  zh = cm_document_is_chinese (first) ? first : second;
  en = zh == first ? second : first;

  if (!cm_cli_write_pair (output_dir, zh, en))
    return CM_CLI_EXIT_FAILURE;
  print_summary (zh, en);
  g_print ("  written to %s/%s.json and %s/%s.json\n", output_dir, cm_document_get_id (zh),
           output_dir, cm_document_get_id (en));
  if (gold_path != NULL && !score_against_gold (gold_path, zh, en, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}
