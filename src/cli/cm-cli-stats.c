/* cm-cli-stats.c — `clausemark-cli stats`: what a corpus holds
 *
 * Counts documents, clauses (boilerplate apart: it is out of labelling and
 * statistics), labels with their names, review states and languages.
 * Documents are read one at a time and clause by clause, so memory stays
 * at one document's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"

static gboolean as_json;
static char *taxonomy_name;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { "taxonomy", 't', 0, G_OPTION_ARG_FILENAME, &taxonomy_name,
    "Name labels from this taxonomy (id or file; default: each document's own)", "TAXONOMY" },
  { NULL }
};

typedef struct
{
  guint       n_documents;
  guint       n_pair_documents;
  guint       n_clauses;
  guint       n_labelable;
  guint       n_boilerplate;
  guint       n_labelled;   /* labelable clauses with at least one label */
  guint       n_suggested;  /* labelable clauses a model has seen */
  guint       review[CM_REVIEW_STATUS_CORRECTED + 1];
  GHashTable *label_counts;        /* label id -> count */
  GHashTable *document_languages;  /* language -> count */
  GHashTable *clause_languages;    /* language -> count */
  GHashTable *taxonomy_ids;        /* taxonomy id -> count of documents */
  char       *folder;              /* of the first document: where its taxonomy may be */
  gboolean    failed;
} Stats;

static void
stats_init (Stats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->label_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->document_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->clause_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->taxonomy_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
stats_clear (Stats *stats)
{
  g_hash_table_unref (stats->label_counts);
  g_hash_table_unref (stats->document_languages);
  g_hash_table_unref (stats->clause_languages);
  g_hash_table_unref (stats->taxonomy_ids);
  g_free (stats->folder);
}

static guint
get_count (GHashTable *table,
           const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static void
count_by (GHashTable *table,
          const char *key,
          guint       n)
{
  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (get_count (table, key) + n));
}

static void
count (GHashTable *table,
       const char *key)
{
  count_by (table, key, 1);
}

/* A CmClauseFunc: counts one clause of the document being read. */
static gboolean
add_clause (CmDocument  *document,
            CmClause    *clause,
            gpointer     user_data,
            GError     **error)
{
  Stats *stats = user_data;
  const char * const *labels;

  stats->n_clauses++;
  if (!cm_clause_is_labelable (clause))
    {
      stats->n_boilerplate++;
      return TRUE;
    }
  stats->n_labelable++;
  stats->review[cm_clause_get_status (clause)]++;
  count (stats->clause_languages, cm_clause_get_language (clause));
  if (cm_clause_get_confidence (clause) >= 0)
    stats->n_suggested++;
  labels = cm_clause_get_labels (clause);
  if (labels[0] != NULL)
    stats->n_labelled++;
  for (guint j = 0; labels[j] != NULL; j++)
    count (stats->label_counts, labels[j]);
  return TRUE;
}

static void
merge_counts (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    count_by (into, key, GPOINTER_TO_UINT (value));
}

/* Adds a document's clauses (counted in @clauses) and the document. */
static void
add_document (Stats      *stats,
              CmDocument *document,
              Stats      *clauses)
{
  stats->n_documents++;
  if (cm_document_get_partner_id (document) != NULL)
    stats->n_pair_documents++;
  count (stats->document_languages, cm_document_get_language (document));
  count (stats->taxonomy_ids, cm_document_get_taxonomy_id (document));

  stats->n_clauses += clauses->n_clauses;
  stats->n_labelable += clauses->n_labelable;
  stats->n_boilerplate += clauses->n_boilerplate;
  stats->n_labelled += clauses->n_labelled;
  stats->n_suggested += clauses->n_suggested;
  for (guint i = 0; i < G_N_ELEMENTS (stats->review); i++)
    stats->review[i] += clauses->review[i];
  merge_counts (stats->label_counts, clauses->label_counts);
  merge_counts (stats->clause_languages, clauses->clause_languages);
}

/* The document is read one clause at a time (never whole): its counts
 * join the totals only if all of it is valid. */
static void
add_file (Stats      *stats,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = NULL;
  Stats clauses;

  stats_init (&clauses);
  document = cm_document_load_each (path, add_clause, &clauses, &error);
  if (document == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      stats->failed = TRUE;
    }
  else
    {
      if (stats->folder == NULL)
        stats->folder = g_path_get_dirname (path);
      add_document (stats, document, &clauses);
    }
  stats_clear (&clauses);
}

static void
add_argument (Stats      *stats,
              const char *argument)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_auto(GStrv) files = NULL;

  if (!g_file_test (argument, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_test (argument, G_FILE_TEST_EXISTS))
        {
          cm_cli_print_error (argument, "no such file or folder");
          stats->failed = TRUE;
          return;
        }
      add_file (stats, argument);
      return;
    }
  corpus = cm_corpus_open (argument, FALSE, &error);
  if (corpus == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      stats->failed = TRUE;
      return;
    }
  files = cm_corpus_list_documents (corpus);
  if (files[0] == NULL)
    cm_cli_print_error (argument, "no Clausemark documents in this folder");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (argument, files[i], NULL);
      add_file (stats, path);
    }
}

/* The taxonomy that names the labels: the user's choice, else the one
 * most documents use; NULL (labels shown by id) if it cannot be loaded. */
static CmTaxonomy *
pick_taxonomy (Stats *stats)
{
  g_autoptr(GError) error = NULL;
  const char *best = NULL;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer key, value;
  CmTaxonomy *taxonomy;

  if (taxonomy_name != NULL)
    best = taxonomy_name;
  else
    {
      g_hash_table_iter_init (&iter, stats->taxonomy_ids);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) > best_count
            || (GPOINTER_TO_UINT (value) == best_count && g_strcmp0 (key, best) < 0))
          {
            best = key;
            best_count = GPOINTER_TO_UINT (value);
          }
    }
  if (best == NULL)
    return NULL;
  /* The user's choice may be a file; a document's is an id, resolved to a
   * bundled taxonomy or one kept beside the documents, never a path. */
  taxonomy = taxonomy_name != NULL ? cm_taxonomy_load (best, &error)
                                   : cm_taxonomy_load_named (best, stats->folder, &error);
  if (taxonomy == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      /* A taxonomy the user named must load; a document's may be unknown here. */
      if (taxonomy_name != NULL)
        stats->failed = TRUE;
    }
  return taxonomy;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Labels in the taxonomy's order (zero counts included), then any label
 * the taxonomy does not know, by id. */
static GPtrArray *
label_order (Stats      *stats,
             CmTaxonomy *taxonomy)
{
  GPtrArray *ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = sorted_keys (stats->label_counts);

  for (guint i = 0; taxonomy != NULL && i < cm_taxonomy_get_n_labels (taxonomy); i++)
    g_ptr_array_add (ids, cm_taxonomy_get_label (taxonomy, i)->id);
  for (guint i = 0; i < others->len; i++)
    if (taxonomy == NULL || cm_taxonomy_lookup (taxonomy, g_ptr_array_index (others, i)) == NULL)
      g_ptr_array_add (ids, g_ptr_array_index (others, i));
  return ids;
}

static void
print_counts_line (const char *title,
                   GHashTable *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys (table);

  printf ("%-22s", title);
  for (guint i = 0; i < keys->len; i++)
    printf ("%s%s %u", i ? ", " : "", (char *) g_ptr_array_index (keys, i),
            get_count (table, g_ptr_array_index (keys, i)));
  printf ("%s\n", keys->len ? "" : "none");
}

static void
print_text (Stats      *stats,
            CmTaxonomy *taxonomy)
{
  g_autoptr(GPtrArray) ids = label_order (stats, taxonomy);

  printf ("%-22s%u (%u in bilingual pairs)\n", "Documents:", stats->n_documents,
          stats->n_pair_documents);
  print_counts_line ("Document languages:", stats->document_languages);
  printf ("%-22s%u\n", "Clauses:", stats->n_clauses);
  printf ("%-22s%u\n", "  labelable:", stats->n_labelable);
  printf ("%-22s%u\n", "  boilerplate:", stats->n_boilerplate);
  print_counts_line ("Clause languages:", stats->clause_languages);
  printf ("%-22sunreviewed %u, accepted %u, corrected %u\n", "Review:",
          stats->review[CM_REVIEW_STATUS_UNREVIEWED], stats->review[CM_REVIEW_STATUS_ACCEPTED],
          stats->review[CM_REVIEW_STATUS_CORRECTED]);
  printf ("%-22s%u with a label, %u without; %u seen by a model\n", "Labelled clauses:",
          stats->n_labelled, stats->n_labelable - stats->n_labelled, stats->n_suggested);
  printf ("Labels%s%s%s:\n", taxonomy ? " (" : "", taxonomy ? cm_taxonomy_get_id (taxonomy) : "",
          taxonomy ? ")" : "");
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const CmLabel *label = taxonomy ? cm_taxonomy_lookup (taxonomy, id) : NULL;

      if (label != NULL)
        printf ("  %-20s %8u  %s (%s)\n", id, get_count (stats->label_counts, id), label->name_en,
                label->name_zh);
      else
        printf ("  %-20s %8u  (not in the taxonomy)\n", id, get_count (stats->label_counts, id));
    }
}

static void
add_counts_member (JsonBuilder *builder,
                   const char  *member,
                   GHashTable  *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys (table);

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (keys, i));
      json_builder_add_int_value (builder, get_count (table, g_ptr_array_index (keys, i)));
    }
  json_builder_end_object (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
print_json (Stats      *stats,
            CmTaxonomy *taxonomy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) ids = label_order (stats, taxonomy);

  json_builder_begin_object (builder);
  add_int_member (builder, "documents", stats->n_documents);
  add_int_member (builder, "pair_documents", stats->n_pair_documents);
  add_int_member (builder, "clauses", stats->n_clauses);
  add_int_member (builder, "labelable_clauses", stats->n_labelable);
  add_int_member (builder, "boilerplate_clauses", stats->n_boilerplate);
  add_int_member (builder, "labelled_clauses", stats->n_labelled);
  add_int_member (builder, "suggested_clauses", stats->n_suggested);
  json_builder_set_member_name (builder, "review");
  json_builder_begin_object (builder);
  for (guint s = CM_REVIEW_STATUS_UNREVIEWED; s <= CM_REVIEW_STATUS_CORRECTED; s++)
    add_int_member (builder, cm_review_status_to_string (s), stats->review[s]);
  json_builder_end_object (builder);
  add_counts_member (builder, "document_languages", stats->document_languages);
  add_counts_member (builder, "clause_languages", stats->clause_languages);
  add_counts_member (builder, "taxonomies", stats->taxonomy_ids);
  json_builder_set_member_name (builder, "taxonomy");
  if (taxonomy != NULL)
    json_builder_add_string_value (builder, cm_taxonomy_get_id (taxonomy));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const CmLabel *label = taxonomy ? cm_taxonomy_lookup (taxonomy, id) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "name");
      if (label != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "en");
          json_builder_add_string_value (builder, label->name_en);
          json_builder_set_member_name (builder, "zh");
          json_builder_add_string_value (builder, label->name_zh);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      add_int_member (builder, "count", get_count (stats->label_counts, id));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cm_cli_print_json (builder);
}

int
cm_cli_cmd_stats (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FOLDER|FILE… — count documents, clauses, labels and reviews");
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  Stats stats;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "A folder stands for the Clausemark documents in it (a corpus). Boilerplate clauses are "
    "counted apart and left out of the label, review and language figures.\n\n"
    "Exit status: 0, or 1 if some file could not be read (the figures cover the others).");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      cm_cli_print_error (NULL, "stats: give at least one folder or file");
      return CM_CLI_EXIT_USAGE;
    }

  stats_init (&stats);
  for (int i = 1; i < argc; i++)
    add_argument (&stats, argv[i]);
  taxonomy = pick_taxonomy (&stats);
  if (as_json)
    print_json (&stats, taxonomy);
  else
    print_text (&stats, taxonomy);
  status = stats.failed ? CM_CLI_EXIT_FAILURE : CM_CLI_EXIT_OK;
  stats_clear (&stats);
  return status;
}
