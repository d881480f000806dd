/* cm-cli-diff.c — `clausemark-cli diff`: where the two versions of an
 * aligned pair differ, most important first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-pair-diff.h"

static gboolean as_json;
static gboolean in_order;
static gboolean include_reviewed;
static double min_importance;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the differences as JSON", NULL },
  { "in-order", 0, 0, G_OPTION_ARG_NONE, &in_order,
    "List differences in document order instead of by importance", NULL },
  { "reviewed", 0, 0, G_OPTION_ARG_NONE, &include_reviewed,
    "Include differences whose link has been marked reviewed", NULL },
  { "min-importance", 0, 0, G_OPTION_ARG_DOUBLE, &min_importance,
    "Only differences at least this important (0-1)", "X" },
  { NULL }
};

/* The pair in DIR (or the two document files given): the Chinese document
 * whose partner is present. A folder holding several such pairs (a split
 * pair and an alignment written into one folder) is refused with the pairs
 * named, *ambiguous set: the user names the two documents. */
static gboolean
load_pair (int          argc,
           char       **argv,
           CmDocument **out_zh,
           CmDocument **out_en,
           gboolean    *ambiguous,
           GError     **error)
{
  g_autoptr(GString) pairs = g_string_new (NULL);
  guint n_pairs = 0;

  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  if (argc == 3)
    {
      for (int i = 1; i < 3; i++)
        {
          CmDocument *document = cm_document_load (argv[i], error);
          if (document == NULL)
            return FALSE;
          g_ptr_array_add (documents, document);
        }
    }
  else
    {
      g_autoptr(CmCorpus) corpus = cm_corpus_open (argv[1], FALSE, error);
      g_auto(GStrv) names = NULL;

      if (corpus == NULL)
        return FALSE;
      names = cm_corpus_list_documents (corpus);
      for (guint i = 0; names[i]; i++)
        {
          g_autofree char *path = g_build_filename (argv[1], names[i], NULL);
          CmDocument *document = cm_document_load (path, error);
          if (document == NULL)
            return FALSE;
          g_ptr_array_add (documents, document);
        }
    }

  for (guint i = 0; i < documents->len; i++)
    {
      CmDocument *a = documents->pdata[i];
      const char *partner = cm_document_get_partner_id (a);

      if (partner == NULL || !cm_document_is_chinese (a))
        continue;
      for (guint k = 0; k < documents->len; k++)
        {
          CmDocument *b = documents->pdata[k];
          if (k != i && g_str_equal (cm_document_get_id (b), partner))
            {
              if (n_pairs++ == 0)
                {
                  *out_zh = g_object_ref (a);
                  *out_en = g_object_ref (b);
                }
              g_string_append_printf (pairs, "%s%s ↔ %s", n_pairs > 1 ? ", " : "",
                                      cm_document_get_id (a), cm_document_get_id (b));
              break;
            }
        }
    }
  if (n_pairs == 1)
    return TRUE;
  if (n_pairs == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                   "no linked Chinese-English pair here (run 'clausemark-cli align' first)");
      return FALSE;
    }
  g_clear_object (out_zh);
  g_clear_object (out_en);
  *ambiguous = TRUE;
  g_set_error (error, CM_ERROR, CM_ERROR_FAILED,
               "%u linked pairs here (%s): name the two documents ('clausemark-cli diff ZH.json EN.json')",
               n_pairs, pairs->str);
  return FALSE;
}

/* The clauses' texts, joined, shortened for a terminal. */
static char *
clauses_excerpt (CmDocument  *document,
                 char       **ids,
                 guint        max_chars)
{
  g_autofree char *joined = cm_document_join_clause_texts (document, ids, " ");
  GString *text = g_string_new (joined);

  for (char *p = text->str; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  if (g_utf8_strlen (text->str, -1) > max_chars)
    {
      char *cut = g_utf8_offset_to_pointer (text->str, max_chars);
      g_string_truncate (text, (gsize) (cut - text->str));
      g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

static char *
ids_joined (char **ids)
{
  return ids && ids[0] ? g_strjoinv ("+", ids) : g_strdup ("-");
}

static void
print_text_report (CmDocument *zh,
                   CmDocument *en,
                   GPtrArray  *differences,
                   guint       n_links)
{
  g_print ("%s ↔ %s: %u links, %u differences\n\n", cm_document_get_id (zh),
           cm_document_get_id (en), n_links, differences->len);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *difference = differences->pdata[i];
      g_autofree char *zh_ids = ids_joined (difference->zh_clauses);
      g_autofree char *en_ids = ids_joined (difference->en_clauses);
      g_autofree char *zh_text = clauses_excerpt (zh, difference->zh_clauses, 70);
      g_autofree char *en_text = clauses_excerpt (en, difference->en_clauses, 110);

      g_print ("%2u. [%.2f] %-13s %s%s\n", i + 1, difference->importance,
               cm_difference_kind_to_string (difference->kind), difference->reason,
               difference->reviewed ? " (reviewed)" : "");
      g_print ("      zh %-10s %s\n", zh_ids, *zh_text ? zh_text : "—");
      g_print ("      en %-10s %s\n", en_ids, *en_text ? en_text : "—");
    }
  if (differences->len == 0)
    g_print ("No differences found.\n");
}

static void
print_json_report (CmDocument *zh,
                   CmDocument *en,
                   GPtrArray  *differences)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zh");
  json_builder_add_string_value (builder, cm_document_get_id (zh));
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, cm_document_get_id (en));
  json_builder_set_member_name (builder, "differences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *difference = differences->pdata[i];
      g_autofree char *zh_text = clauses_excerpt (zh, difference->zh_clauses, G_MAXUINT);
      g_autofree char *en_text = clauses_excerpt (en, difference->en_clauses, G_MAXUINT);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cm_difference_kind_to_string (difference->kind));
      json_builder_set_member_name (builder, "importance");
      json_builder_add_double_value (builder, difference->importance);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, difference->reason);
      json_builder_set_member_name (builder, "link");
      json_builder_add_int_value (builder, difference->link_index);
      cm_cli_json_add_strv (builder, "zh_clauses", difference->zh_clauses);
      cm_cli_json_add_strv (builder, "en_clauses", difference->en_clauses);
      cm_cli_json_add_strv (builder, "zh_only", difference->zh_only);
      cm_cli_json_add_strv (builder, "en_only", difference->en_only);
      json_builder_set_member_name (builder, "zh_text");
      json_builder_add_string_value (builder, zh_text);
      json_builder_set_member_name (builder, "en_text");
      json_builder_add_string_value (builder, en_text);
      json_builder_set_member_name (builder, "reviewed");
      json_builder_add_boolean_value (builder, difference->reviewed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cm_cli_print_json (builder);
}

int
cm_cli_cmd_diff (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR | ZH.json EN.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  gboolean ambiguous = FALSE;

  g_option_context_set_summary (context,
    "Report where the two versions of an aligned pair (written by 'clausemark-cli\n"
    "align') differ: clauses in one version only, aligned clauses whose labels\n"
    "disagree, and ages, periods, e-mails, URLs or numbers that differ. Most\n"
    "important first.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc != 2 && argc != 3)
    {
      cm_cli_print_error (NULL, "diff needs a DIR written by 'align' (or the two document files)");
      return CM_CLI_EXIT_USAGE;
    }
  if (!load_pair (argc, argv, &zh, &en, &ambiguous, &error))
    {
      cm_cli_print_error (argv[1], error->message);
      return ambiguous ? CM_CLI_EXIT_USAGE : CM_CLI_EXIT_FAILURE;
    }

  differences = cm_pair_find_differences (zh, en);
  for (guint i = differences->len; i-- > 0;)
    {
      const CmDifference *difference = differences->pdata[i];
      if ((difference->reviewed && !include_reviewed) || difference->importance < min_importance)
        g_ptr_array_remove_index (differences, i);
    }
  if (in_order)
    cm_differences_sort_by_position (differences);

  if (as_json)
    print_json_report (zh, en, differences);
  else
    print_text_report (zh, en, differences, cm_document_get_links (zh)->len);
  return CM_CLI_EXIT_OK;
}
