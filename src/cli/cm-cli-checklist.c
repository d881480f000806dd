/* cm-cli-checklist.c — `clausemark-cli checklist`: which disclosures a policy makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-checklist-verdict.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-report-inputs.h"

static char **checklist_names;
static gboolean as_json;
static gboolean no_model;

static const GOptionEntry entries[] = {
  { "checklist", 'c', 0, G_OPTION_ARG_FILENAME_ARRAY, &checklist_names,
    "A bundled checklist (pipl, gdpr) or a checklist file (repeatable; default: the bundled ones"
    " for each document's language)", "ID|FILE" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the verdicts as JSON", NULL },
  { "no-model", 0, 0, G_OPTION_ARG_NONE, &no_model,
    "Do not label or flag policy files (saved documents keep theirs)", NULL },
  { NULL }
};

static void
print_text (CmDocument  *document,
            CmChecklist *checklist,
            GListModel  *verdicts)
{
  printf ("%s — %s\n", cm_document_get_id (document), cm_checklist_get_name (checklist, "en"));
  for (guint i = 0; i < g_list_model_get_n_items (verdicts); i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (verdicts, i);
      const CmChecklistItem *item = cm_checklist_verdict_get_item (verdict);
      const char * const *evidence = cm_checklist_verdict_get_evidence (verdict);
      g_autofree char *ids = g_strjoinv (" ", (char **) evidence);

      printf ("  %-15s %-18s %s%s%s%s\n", cm_verdict_to_string (cm_checklist_verdict_get_verdict (verdict)),
              item->id, item->law, ids[0] != '\0' ? "  [" : "", ids, ids[0] != '\0' ? "]" : "");
      if (cm_checklist_verdict_is_overridden (verdict))
        printf ("  %-15s (reviewer; rules said %s) %s\n", "",
                cm_verdict_to_string (cm_checklist_verdict_get_rule_verdict (verdict)),
                cm_checklist_verdict_get_note (verdict) ? cm_checklist_verdict_get_note (verdict) : "");
    }
}

static void
add_json (JsonBuilder *builder,
          CmDocument  *document,
          CmChecklist *checklist,
          GListModel  *verdicts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, cm_document_get_id (document));
  json_builder_set_member_name (builder, "checklist");
  json_builder_add_string_value (builder, cm_checklist_get_id (checklist));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (verdicts); i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (verdicts, i);
      const char * const *evidence = cm_checklist_verdict_get_evidence (verdict);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, cm_checklist_verdict_get_item (verdict)->id);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, cm_verdict_to_string (cm_checklist_verdict_get_verdict (verdict)));
      json_builder_set_member_name (builder, "rule_verdict");
      json_builder_add_string_value (builder, cm_verdict_to_string (cm_checklist_verdict_get_rule_verdict (verdict)));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, cm_checklist_verdict_get_note (verdict));
      json_builder_set_member_name (builder, "evidence");
      json_builder_begin_array (builder);
      for (guint k = 0; evidence[k] != NULL; k++)
        json_builder_add_string_value (builder, evidence[k]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
cm_cli_cmd_checklist (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE|DIR…");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmFlagger) flagger = NULL;
  CmAnnotateOptions options;
  int status = CM_CLI_EXIT_OK;

  g_option_context_set_summary (context,
    "For each document, the verdict of every disclosure checklist item (present, unclear,\n"
    "absent, not-applicable) with the ids of its evidence clauses.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      cm_cli_print_error (NULL, "checklist needs FILE or DIR");
      return CM_CLI_EXIT_USAGE;
    }
  for (guint i = 0; checklist_names != NULL && checklist_names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      CmChecklist *checklist = cm_checklist_load (checklist_names[i], &error);

      if (checklist == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      g_ptr_array_add (given, checklist);
    }
  if (!cm_cli_load_annotate_options (&options, no_model, &models, &flagger))
    return CM_CLI_EXIT_FAILURE;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!cm_report_open_path (argv[i], &options, documents, &error))
        {
          cm_cli_print_error (argv[i], error->message);
          status = CM_CLI_EXIT_FAILURE;
        }
    }

  json_builder_begin_array (builder);
  for (guint d = 0; d < documents->len; d++)
    {
      CmDocument *document = g_ptr_array_index (documents, d);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) checklists = given->len > 0 ? g_ptr_array_ref (given)
                                        : cm_checklist_load_bundled (cm_document_get_language (document), &error);

      if (checklists == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
      for (guint c = 0; c < checklists->len; c++)
        {
          CmChecklist *checklist = g_ptr_array_index (checklists, c);
          g_autoptr(GListStore) verdicts = cm_checklist_evaluate (checklist, document);

          if (as_json)
            add_json (builder, document, checklist, G_LIST_MODEL (verdicts));
          else
            print_text (document, checklist, G_LIST_MODEL (verdicts));
        }
    }
  json_builder_end_array (builder);
  if (as_json)
    cm_cli_print_json (builder);
  return status;
}
