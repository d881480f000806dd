/* cm-cli-compare.c — `clausemark-cli compare`: what changed between two
 * versions of a policy in one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-link-summary.h"
#include "cm-revision-diff.h"
#include "cm-segmenter.h"

static char *output_dir;
static gboolean as_json;
static gboolean no_model;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Also write both versions, linked, into DIR", "DIR" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the changes as JSON", NULL },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Do not label the clauses (no label changes are reported)", NULL },
  { NULL }
};

static char *
clauses_text (CmDocument *document,
              char      **ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids[i], NULL);
      g_autofree char *text = clause ? cm_document_dup_clause_text (document, clause) : NULL;

      if (text == NULL)
        continue;
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

static char *
ids_joined (char **ids)
{
  return ids && ids[0] ? g_strjoinv ("+", ids) : g_strdup ("—");
}

static void
print_report (CmDocument *old_version,
              CmDocument *new_version,
              GPtrArray  *changes)
{
  g_print ("%s → %s: %u changes\n\n", cm_document_get_id (old_version),
           cm_document_get_id (new_version), changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      const CmDifference *change = changes->pdata[i];
      g_autofree char *old_ids = ids_joined (change->zh_clauses);
      g_autofree char *new_ids = ids_joined (change->en_clauses);

      g_print ("%2u. [%.2f] %-8s %s\n", i + 1, change->importance,
               cm_difference_kind_to_string (change->kind), change->reason);
      /* padded by characters, not bytes ("—" is three bytes) */
      g_print ("      old %s%*s new %s\n", old_ids,
               (int) MAX (0, 10 - g_utf8_strlen (old_ids, -1)), "", new_ids);
    }
  if (changes->len == 0)
    g_print ("No changes found.\n");
}

static void
print_json (CmDocument *old_version,
            CmDocument *new_version,
            GPtrArray  *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "old");
  json_builder_add_string_value (builder, cm_document_get_id (old_version));
  json_builder_set_member_name (builder, "new");
  json_builder_add_string_value (builder, cm_document_get_id (new_version));
  /* how much the two share (cm_links_summarize()): what the warning on
   * stderr says, for machines */
  {
    CmLinkSummary summary;

    cm_links_summarize (cm_document_get_links (old_version), &summary);
    json_builder_set_member_name (builder, "linked_share");
    json_builder_add_double_value (builder, summary.linked_share);
    json_builder_set_member_name (builder, "linked_in_runs_share");
    json_builder_add_double_value (builder, summary.run_share);
    json_builder_set_member_name (builder, "shares_little");
    json_builder_add_boolean_value (builder, summary.unrelated);
  }
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      const CmDifference *change = changes->pdata[i];
      g_autofree char *old_text = clauses_text (old_version, change->zh_clauses);
      g_autofree char *new_text = clauses_text (new_version, change->en_clauses);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, cm_difference_kind_to_string (change->kind));
      json_builder_set_member_name (builder, "importance");
      json_builder_add_double_value (builder, change->importance);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, change->reason);
      cm_cli_json_add_strv (builder, "old_clauses", change->zh_clauses);
      cm_cli_json_add_strv (builder, "new_clauses", change->en_clauses);
      cm_cli_json_add_strv (builder, "old_only", change->zh_only);
      cm_cli_json_add_strv (builder, "new_only", change->en_only);
      json_builder_set_member_name (builder, "old_text");
      json_builder_add_string_value (builder, old_text);
      json_builder_set_member_name (builder, "new_text");
      json_builder_add_string_value (builder, new_text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cm_cli_print_json (builder);
}

int
cm_cli_cmd_compare (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OLD NEW");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) old_version = NULL;
  g_autoptr(CmDocument) new_version = NULL;
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  CmAnnotateOptions options;

  g_option_context_set_summary (context,
    "Compare two versions of a policy in one language (last year's and this\n"
    "year's): clauses added, removed and moved, clauses changed (the changed\n"
    "words between [-…-] and {+…+}), label and anchor changes, most important\n"
    "first. Files in any format Clausemark reads, or Clausemark documents.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      cm_cli_print_error (NULL, "compare needs OLD and NEW");
      return CM_CLI_EXIT_USAGE;
    }
  cm_annotate_options_init (&options);
  if (!no_model)
    {
      models = cm_model_set_load_default (&error);
      if (models == NULL)
        {
          g_printerr ("clausemark-cli: warning: comparing without labels: %s\n", error->message);
          g_clear_error (&error);
        }
      options.models = models;
    }
  old_version = cm_annotate_file (argv[1], &options, NULL, &error);
  if (old_version == NULL)
    {
      cm_cli_print_error (argv[1], error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  new_version = cm_annotate_file (argv[2], &options, NULL, &error);
  if (new_version == NULL)
    {
      cm_cli_print_error (argv[2], error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (cm_document_is_chinese (old_version) != cm_document_is_chinese (new_version))
    {
      cm_cli_print_error (NULL, "the two versions are in different languages; "
                                "use 'clausemark-cli align' for a translation");
      return CM_CLI_EXIT_FAILURE;
    }
  if (output_dir != NULL
      && g_str_equal (cm_document_get_id (old_version), cm_document_get_id (new_version)))
    {
      /* they would overwrite each other in DIR */
      cm_cli_print_error (NULL, "both files give the same document id; rename one of them "
                                "(e.g. with a -2025 / -2026 suffix) to write them with -o");
      return CM_CLI_EXIT_FAILURE;
    }
  if (!cm_revision_align (old_version, new_version, &error))
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  changes = cm_revision_find_changes (old_version, new_version);
  cm_cli_warn_if_unrelated (cm_document_get_links (old_version));
  if (as_json)
    print_json (old_version, new_version, changes);
  else
    print_report (old_version, new_version, changes);
  if (output_dir != NULL && !cm_cli_write_pair (output_dir, old_version, new_version))
    return CM_CLI_EXIT_FAILURE;
  return CM_CLI_EXIT_OK;
}
