/* test-report-window.c — from review to report in the window (issue 14):
 * flag keys with undo and the flag filters, the checklist panel's jumps to
 * evidence and its overrides (undoable, saved in the document), the
 * dashboard's PNG, SVG and CSV exports and Export Report's PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libxml/parser.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "cm-test-window.h"

static char *tmpdir;
static CmApplication *app;

/* The first unreviewed labelable clause without @flag, selected. */
static CmClause *
select_clause_without (CmWindow *window,
                       CmFlag    flag)
{
  CmDocument *document = cm_window_get_document (window);

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      if (cm_clause_is_labelable (clause) && !cm_clause_has_flag (clause, flag)
          && cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED)
        {
          cm_window_select_clause (window, clause, TRUE);
          g_assert_true (cm_window_get_selected_clause (window) == clause);
          return clause;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

/* Every clause the list shows passes @flag (and @label when given). */
static guint
assert_shown_pass (CmWindow   *window,
                   CmFlag      flag,
                   const char *label)
{
  CmDocument *document = cm_window_get_document (window);
  guint n = 0;

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      gboolean passes = cm_clause_has_flag (clause, flag)
                        && (label == NULL || g_strv_contains (cm_clause_get_labels (clause), label));

      if (passes)
        n++;
    }
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, n);
  return n;
}

static void
test_flag_keys_undo_and_filters (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-en.txt", "flags-en.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  GtkWidget *risk_toggle;
  CmClause *clause;
  guint n_risks, n_before;

  /* The window flags what it opens. */
  n_before = 0;
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    if (cm_clause_get_flag_score (cm_document_get_clause (document, i), CM_FLAG_KEY) >= 0)
      n_before++;
  g_assert_cmpuint (n_before, >, 0);

  clause = select_clause_without (window, CM_FLAG_RISK);
  risk_toggle = cm_test_find_with_class (GTK_WIDGET (window->inspector), "flag-risk");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (risk_toggle));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (risk_toggle)));
  cm_test_activate (window, "win.toggle-flag", g_variant_new_string ("risk"));
  g_assert_true (cm_clause_has_flag (clause, CM_FLAG_RISK));
  /* the inspector follows */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (risk_toggle)));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);
  g_assert_cmpstr (cm_clause_get_reviewer (clause), ==, "Test Reviewer");
  g_assert_true (cm_window_get_dirty (window));

  /* Undo puts the flag and the review state back; redo sets them again. */
  cm_test_activate (window, "win.undo", NULL);
  g_assert_false (cm_clause_has_flag (clause, CM_FLAG_RISK));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_UNREVIEWED);
  cm_test_activate (window, "win.redo", NULL);
  g_assert_true (cm_clause_has_flag (clause, CM_FLAG_RISK));

  /* Risks only: the clause just flagged is among them. */
  cm_clause_list_set_flag_filter (window->clause_list, CM_FLAG_RISK);
  cm_test_spin_a_little ();
  n_risks = assert_shown_pass (window, CM_FLAG_RISK, NULL);
  g_assert_cmpuint (n_risks, >=, 1);
  g_assert_true (cm_clause_list_select_clause (window->clause_list, clause));

  /* Combined with a label filter, both must hold; clearing the filters
   * shows every clause again. */
  cm_clause_list_set_filter (window->clause_list, NULL, "collection", -1, 2.0);
  cm_clause_list_set_flag_filter (window->clause_list, CM_FLAG_KEY);
  cm_test_spin_a_little ();
  g_assert_cmpuint (assert_shown_pass (window, CM_FLAG_KEY, "collection"), >, 0);
  g_assert_cmpuint (assert_shown_pass (window, CM_FLAG_KEY, "collection"), <,
                    cm_document_get_n_clauses (document));
  cm_clause_list_set_filter (window->clause_list, NULL, NULL, -1, 2.0);
  cm_test_spin_a_little ();
  g_assert_cmpint (cm_clause_list_get_flag_filter (window->clause_list), ==, -1);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==,
                    cm_document_get_n_clauses (document));

  /* The flag is kept by the save, with the reviewer's decision. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_false (cm_window_get_dirty (window));
  {
    g_autofree char *saved_path = g_build_filename (tmpdir, "flags-en.clausemark.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CmDocument) saved = cm_document_load (saved_path, &error);
    CmClause *again;

    g_assert_no_error (error);
    again = cm_document_lookup_clause (saved, cm_clause_get_id (clause), NULL);
    g_assert_true (cm_clause_has_flag (again, CM_FLAG_RISK));
  }
  cm_test_destroy_window (window);
}

static gboolean
checklist_refreshed (gpointer data)
{
  CmWindow *window = data;

  return window->checklist_source == 0;
}

/* A verdict whose evidence has at least @n clauses. */
static CmChecklistVerdict *
find_verdict_with_evidence (CmWindow *window,
                            guint     n)
{
  GListModel *verdicts = cm_checklist_panel_get_verdicts (window->checklist_panel);

  for (guint i = 0; i < g_list_model_get_n_items (verdicts); i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (verdicts, i);

      if (g_strv_length ((char **) cm_checklist_verdict_get_evidence (verdict)) >= n)
        return verdict;  /* the panel keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_checklist_jump_and_override (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-en.txt", "checklist-en.txt");
  g_autofree char *saved_path = g_build_filename (tmpdir, "checklist-en.clausemark.json", NULL);
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  g_autoptr(CmDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  CmChecklistVerdict *verdict;
  const char * const *evidence;
  const char *checklist_id, *item_id;
  const CmVerdictOverride *o;
  CmVerdict rule_verdict;

  cm_test_activate (window, "win.checklist", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "checklist");
  g_assert_cmpuint (g_list_model_get_n_items (cm_checklist_panel_get_verdicts (window->checklist_panel)), >, 10);

  /* Gaps only: the absent and unclear items, all of them. */
  {
    GListModel *all = cm_checklist_panel_get_verdicts (window->checklist_panel);
    GListModel *shown = cm_checklist_panel_get_shown (window->checklist_panel);
    guint n_gaps = 0;

    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (all));
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(CmChecklistVerdict) v = g_list_model_get_item (all, i);
        CmVerdict value = cm_checklist_verdict_get_verdict (v);

        n_gaps += value == CM_VERDICT_ABSENT || value == CM_VERDICT_UNCLEAR;
      }
    g_assert_cmpuint (n_gaps, >, 0);
    cm_checklist_panel_set_gaps_only (window->checklist_panel, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_gaps);
    cm_checklist_panel_set_gaps_only (window->checklist_panel, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (all));
  }

  /* The evidence is shown even when the filters hide it, and activating the
   * item again goes to its next evidence clause. */
  verdict = find_verdict_with_evidence (window, 2);
  evidence = cm_checklist_verdict_get_evidence (verdict);
  checklist_id = cm_checklist_get_id (cm_checklist_verdict_get_checklist (verdict));
  item_id = cm_checklist_verdict_get_item (verdict)->id;
  cm_clause_list_set_filter (window->clause_list, "no clause says this", NULL, -1, 2.0);
  cm_test_spin_a_little ();
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, 0);
  g_assert_true (cm_checklist_panel_activate_item (window->checklist_panel, checklist_id, item_id));
  cm_test_spin_a_little ();
  g_assert_cmpstr (cm_clause_get_id (cm_window_get_selected_clause (window)), ==, evidence[0]);
  g_assert_true (cm_checklist_panel_activate_item (window->checklist_panel, checklist_id, item_id));
  cm_test_spin_a_little ();
  g_assert_cmpstr (cm_clause_get_id (cm_window_get_selected_clause (window)), ==, evidence[1]);

  /* The reviewer overrules the rules; undo and redo follow. */
  rule_verdict = cm_checklist_verdict_get_verdict (verdict);
  g_assert_cmpint (rule_verdict, !=, CM_VERDICT_ABSENT);
  cm_test_activate (window, "win.override-verdict",
                    g_variant_new ("(ssss)", checklist_id, item_id, "absent", "Only in the app store listing"));
  verdict = cm_checklist_panel_lookup (window->checklist_panel, checklist_id, item_id);
  g_assert_cmpint (cm_checklist_verdict_get_verdict (verdict), ==, CM_VERDICT_ABSENT);
  g_assert_true (cm_checklist_verdict_is_overridden (verdict));
  g_assert_true (cm_window_get_dirty (window));

  cm_test_activate (window, "win.undo", NULL);
  g_assert_true (cm_test_spin_until (checklist_refreshed, window, 5));
  g_assert_null (cm_document_find_verdict_override (document, checklist_id, item_id));
  verdict = cm_checklist_panel_lookup (window->checklist_panel, checklist_id, item_id);
  g_assert_cmpint (cm_checklist_verdict_get_verdict (verdict), ==, rule_verdict);
  g_assert_false (cm_checklist_verdict_is_overridden (verdict));

  cm_test_activate (window, "win.redo", NULL);
  g_assert_true (cm_test_spin_until (checklist_refreshed, window, 5));
  verdict = cm_checklist_panel_lookup (window->checklist_panel, checklist_id, item_id);
  g_assert_cmpint (cm_checklist_verdict_get_verdict (verdict), ==, CM_VERDICT_ABSENT);

  /* Saved with the document, and read back. */
  cm_test_activate (window, "win.save", NULL);
  saved = cm_document_load (saved_path, &error);
  g_assert_no_error (error);
  o = cm_document_find_verdict_override (saved, checklist_id, item_id);
  g_assert_nonnull (o);
  g_assert_cmpstr (o->verdict, ==, "absent");
  g_assert_cmpstr (o->note, ==, "Only in the app store listing");
  g_assert_cmpstr (o->reviewer, ==, "Test Reviewer");
  cm_test_destroy_window (window);
}

static gboolean
dashboard_ready (gpointer data)
{
  CmWindow *window = data;

  return !cm_window_is_busy (window) && cm_dashboard_get_insight (window->dashboard) != NULL;
}

static void
assert_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), >, 50);
}

static void
assert_svg (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  xmlNodePtr root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  xmlFreeDoc (doc);
}

/* A header line, then one line per row of the chart. */
static void
assert_csv (const char *path,
            CmChart    *chart)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, cm_chart_get_n_rows (chart) + 2);
  g_assert_true (g_str_has_prefix (lines[0], cm_chart_get_title (chart))
                 || g_str_has_prefix (lines[0], "\""));
}

/* With the documents' sidebar shown (two documents), the text, the clause
 * list and the side panel fit a 1400-pixel window side by side: the flag
 * filter once made the list's filter row, and so the desk, wider than the
 * window, and the inspector was cut off. */
static void
assert_desk_fits (CmWindow *window)
{
  int desk = 0, sidebar = 0, natural = 0;

  cm_test_spin_a_little ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->sidebar)));
  gtk_widget_measure (GTK_WIDGET (window->content_paned), GTK_ORIENTATION_HORIZONTAL, -1, &desk, &natural,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window->sidebar), GTK_ORIENTATION_HORIZONTAL, -1, &sidebar, &natural,
                      NULL, NULL);
  g_test_message ("minimum widths: desk %d, sidebar %d", desk, sidebar);
  /* the sidebar pane opens 200 pixels wide */
  g_assert_cmpint (desk + MAX (sidebar, 200), <=, 1400);
}

static void
test_dashboard_exports (void)
{
  g_autofree char *zh = cm_test_copy_sample (tmpdir, "sample-zh.txt", "dash-zh.txt");
  g_autofree char *en = cm_test_copy_sample (tmpdir, "sample-en.txt", "dash-en.txt");
  CmWindow *window = cm_test_open_window (app, zh);
  g_autofree char *out = g_build_filename (tmpdir, "charts", NULL);
  GPtrArray *charts;

  cm_window_open_path (window, en);
  g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 60));
  assert_desk_fits (window);
  cm_test_activate (window, "win.dashboard", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->desk_stack), ==, "dashboard");
  g_assert_true (cm_test_spin_until (dashboard_ready, window, 120));
  g_assert_cmpuint (cm_insight_get_documents (cm_dashboard_get_insight (window->dashboard))->len, ==, 2);

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  charts = cm_insight_get_charts (cm_dashboard_get_insight (window->dashboard));
  g_assert_cmpuint (charts->len, ==, 4);
  for (guint i = 0; i < charts->len; i++)
    {
      CmChart *chart = g_ptr_array_index (charts, i);
      const char *id = cm_chart_get_id (chart);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", out, id);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", out, id);
      g_autofree char *csv = g_strdup_printf ("%s/%s.csv", out, id);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->dashboard), "dashboard.export",
                                                 "(sss)", id, "png", png));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->dashboard), "dashboard.export",
                                                 "(sss)", id, "svg", svg));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->dashboard), "dashboard.export",
                                                 "(sss)", id, "csv", csv));
      assert_png (png);
      assert_svg (svg);
      assert_csv (csv, chart);
    }
  /* The coverage matrix has a row per document. */
  g_assert_cmpuint (cm_chart_get_n_rows (g_ptr_array_index (charts, 1)), ==, 2);

  assert_desk_fits (window);
  cm_test_activate (window, "win.dashboard", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->desk_stack), ==, "desk");
  cm_test_destroy_window (window);
}

/* pdftotext's text of @pdf, every run of white space made one space. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static gboolean
report_written (gpointer data)
{
  return !cm_window_is_busy (data);
}

static void
test_export_report (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-en.txt", "report-en.txt");
  g_autofree char *pdf = g_build_filename (tmpdir, "review", NULL);  /* .pdf is added */
  g_autofree char *written = g_build_filename (tmpdir, "review.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *finding = NULL;
  g_autofree char *note = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  CmWindow *window;
  CmChecklistVerdict *verdict;
  const CmChecklistItem *item;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  window = cm_test_open_window (app, path);
  cm_test_activate (window, "win.checklist", NULL);
  /* An override made in the window, not saved yet, is in the report. */
  verdict = find_verdict_with_evidence (window, 1);
  item = cm_checklist_verdict_get_item (verdict);
  cm_test_activate (window, "win.override-verdict",
                    g_variant_new ("(ssss)", cm_checklist_get_id (cm_checklist_verdict_get_checklist (verdict)),
                                   item->id, "absent", "Stated only in the app store listing"));

  cm_test_activate (window, "win.export-report-to", g_variant_new_string (pdf));
  g_assert_true (cm_test_spin_until (report_written, window, 120));
  g_assert_null (cm_window_get_error_message (window));
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));

  text = pdf_text (written);
  g_assert_nonnull (strstr (text, "Yunjian Notes Privacy Policy"));
  finding = g_strdup_printf ("Absent: %s (%s)", cm_checklist_item_get_name (item, "en"), item->law);
  if (strstr (text, finding) == NULL)
    g_error ("the report lacks “%s”:\n%s", finding, text);
  note = g_strdup ("Reviewer: Stated only in the app store listing");
  g_assert_nonnull (strstr (text, note));

  /* .html: one self-contained page with the same finding and the charts inline. */
  {
    g_autofree char *html_path = g_build_filename (tmpdir, "review.html", NULL);
    g_autofree char *html = NULL;

    cm_test_activate (window, "win.export-report-to", g_variant_new_string (html_path));
    g_assert_true (cm_test_spin_until (report_written, window, 120));
    g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "Stated only in the app store listing"));
    g_assert_nonnull (strstr (html, "<svg"));
  }
  cm_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  int status;

  /* The report is written in the UI language: English here. */
  g_setenv ("LANGUAGE", "en", TRUE);
  app = cm_test_window_init (&argc, &argv, &tmpdir);
  cm_application_set_annotator (app, "Test Reviewer");

  g_test_add_func ("/report-window/flag-keys-undo-and-filters", test_flag_keys_undo_and_filters);
  g_test_add_func ("/report-window/checklist-jump-and-override", test_checklist_jump_and_override);
  g_test_add_func ("/report-window/dashboard-exports", test_dashboard_exports);
  g_test_add_func ("/report-window/export-report", test_export_report);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
