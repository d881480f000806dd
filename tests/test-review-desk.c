/* test-review-desk.c — what a new reviewer ran into at the review desk
 * (issue 13): filters that never match, stale inspectors, doubled titles,
 * a footer that forgot splits, errors cut off or dropped, splits acting on
 * another clause than the selected one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "cm-pair-view.h"
#include "cm-status-page.h"
#include "cm-test-window.h"

static char *tmpdir;
static CmApplication *app;

/* The first mapped (on screen) descendant of @widget of @type. */
static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static const char *
footer_text (CmWindow *window)
{
  GtkWidget *footer = cm_test_find_with_class (GTK_WIDGET (window->clause_list), "list-footer");

  g_assert_nonnull (footer);
  return gtk_label_get_text (GTK_LABEL (footer));
}

/* Bug 1: "below 50 %" matched nothing (confidence was always >= 0.5); an
 * empty list had no placeholder and the inspector kept a stale clause. */
static void
test_confidence_filter_and_empty_list (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "filters.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  guint n_clauses = cm_document_get_n_clauses (document);
  guint below_half;

  cm_clause_list_set_filter (window->clause_list, NULL, NULL, -1, 0.5);
  cm_test_spin_a_little ();
  below_half = cm_clause_list_get_n_shown (window->clause_list);
  g_test_message ("below 50%%: %u of %u clauses", below_half, n_clauses);
  g_assert_cmpuint (below_half, >, 0);
  g_assert_cmpuint (below_half, <, n_clauses);
  g_assert_nonnull (cm_inspector_get_clause (window->inspector));

  /* Nothing matches: the list says so, the inspector shows no clause. */
  cm_clause_list_set_filter (window->clause_list, "no clause says this zzqx", NULL, -1, 2.0);
  cm_test_spin_a_little ();
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, 0);
  g_assert_null (cm_window_get_selected_clause (window));
  g_assert_null (cm_inspector_get_clause (window->inspector));
  g_assert_nonnull (find_mapped (GTK_WIDGET (window->clause_list), CM_TYPE_STATUS_PAGE));
  g_assert_nonnull (find_mapped (GTK_WIDGET (window->inspector), CM_TYPE_STATUS_PAGE));
  g_assert_null (find_mapped (GTK_WIDGET (window->inspector), GTK_TYPE_TOGGLE_BUTTON));

  cm_clause_list_set_filter (window->clause_list, NULL, NULL, -1, 2.0);
  cm_test_spin_a_little ();
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, n_clauses);
  g_assert_null (find_mapped (GTK_WIDGET (window->clause_list), CM_TYPE_STATUS_PAGE));
  cm_test_destroy_window (window);
}

/* The selected clause is marked without changing the glyphs' size (no
 * bold): the paragraph must not reflow while it is read. */
static void
test_selection_does_not_reflow (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "reflow.txt");
  CmWindow *window = cm_test_open_window (app, path);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->text_view)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "selected-clause");
  gboolean weight_set = TRUE, scale_set = TRUE, size_set = TRUE;

  g_assert_nonnull (tag);
  g_object_get (tag, "weight-set", &weight_set, "scale-set", &scale_set, "size-set", &size_set, NULL);
  g_assert_false (weight_set);
  g_assert_false (scale_set);
  g_assert_false (size_set);
  cm_test_destroy_window (window);
}

/* Bug 2: the English half of a two-language file was titled
 * "….txt (Chinese) (English)". */
static void
test_pair_titles (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-pair.txt", "both.txt");
  CmWindow *window = cm_test_open_window (app, path);
  GListModel *entries = G_LIST_MODEL (window->entries);

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (entries, i);
      const char *title = cm_doc_entry_get_title (entry);

      g_test_message ("title: %s", title);
      g_assert_true (g_str_has_prefix (title, "both.txt ("));
      g_assert_null (strstr (title, ") ("));
    }
  cm_test_destroy_window (window);
}

/* Bug 3: the footer's count stayed at the old number after a split. */
static void
test_footer_after_split (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "footer.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  g_autofree char *expected = NULL;
  CmClause *clause = NULL;

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    if (cm_clause_get_length (cm_document_get_clause (document, i)) > 10)
      {
        clause = cm_document_get_clause (document, i);
        break;
      }
  g_assert_nonnull (clause);
  cm_window_select_clause (window, clause, TRUE);
  cm_test_spin_a_little ();
  cm_text_view_set_cursor_offset (window->text_view, cm_clause_get_start (clause) + 4);
  cm_test_activate (window, "win.split", NULL);
  g_assert_null (cm_window_get_error_message (window));
  expected = g_strdup_printf ("%u clauses", cm_document_get_n_clauses (document));
  g_assert_cmpstr (footer_text (window), ==, expected);

  cm_test_activate (window, "win.merge", NULL);
  g_free (expected);
  expected = g_strdup_printf ("%u clauses", cm_document_get_n_clauses (document));
  g_assert_cmpstr (footer_text (window), ==, expected);
  cm_test_destroy_window (window);
}

/* Bug 5: with two files failing, only the first error was shown and the
 * second file dropped; the bar cut long messages off. */
static void
test_every_failure_shown (void)
{
  static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
  const char *newer = "{\"format\": \"clausemark-document\", \"version\": 99, \"id\": \"x\", \"text\": \"hi\", \"clauses\": []}\n";
  g_autofree char *bad1 = cm_test_write_file (tmpdir, "first-bad.txt", binary, sizeof binary);
  g_autofree char *bad2 = cm_test_write_file (tmpdir, "second-bad.json", newer, -1);
  g_autofree char *good = cm_test_copy_sample (tmpdir, "sample-zh.txt", "third-good.txt");
  GFile *files[3];
  CmWindow *window = cm_window_new (app);
  const char *message;

  files[0] = g_file_new_for_path (bad1);
  files[1] = g_file_new_for_path (bad2);
  files[2] = g_file_new_for_path (good);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_files (window, files, 3);
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 60));
  cm_test_spin_a_little ();
  g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 60));

  message = cm_window_get_error_message (window);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "first-bad.txt"));
  g_assert_nonnull (strstr (message, "second-bad.json"));
  /* the file that opens is shown, the error bar wraps */
  g_assert_nonnull (cm_window_get_document (window));
  for (GtkWidget *label = find_mapped (GTK_WIDGET (window->error_bar), GTK_TYPE_LABEL); label;
       label = gtk_widget_get_next_sibling (label))
    {
      g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
    }
  cm_test_destroy_window (window);
}

/* Bug 6: with the text cursor left in another clause, Split cut that one
 * (or refused): it must act on the selected clause. */
static void
test_split_selected_clause (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "split.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  guint n_clauses = cm_document_get_n_clauses (document);
  CmClause *selected = NULL, *other = NULL;
  guint selected_end, other_end;

  for (guint i = 0; i + 3 < n_clauses && other == NULL; i++)
    if (cm_clause_get_length (cm_document_get_clause (document, i)) > 10
        && cm_clause_get_length (cm_document_get_clause (document, i + 3)) > 10)
      {
        selected = cm_document_get_clause (document, i);
        other = cm_document_get_clause (document, i + 3);
      }
  g_assert_nonnull (other);
  selected_end = cm_clause_get_end (selected);
  other_end = cm_clause_get_end (other);

  cm_window_select_clause (window, selected, TRUE);
  cm_test_spin_a_little ();
  /* the cursor wanders into another clause (a click, a note typed, arrows) */
  cm_text_view_set_cursor_offset (window->text_view, cm_clause_get_start (other) + 4);
  cm_test_activate (window, "win.split", NULL);
  g_assert_cmpuint (cm_clause_get_end (other), ==, other_end);
  g_assert_true (cm_window_get_selected_clause (window) == selected);
  g_assert_nonnull (cm_window_get_error_message (window));
  cm_window_hide_error (window);

  /* F6 brings the cursor into the selected clause; the arrows move it on */
  cm_test_activate (window, "win.focus-text", NULL);
  g_assert_cmpuint (cm_text_view_get_cursor_offset (window->text_view), >=, cm_clause_get_start (selected));
  g_assert_cmpuint (cm_text_view_get_cursor_offset (window->text_view), <, selected_end);
  cm_text_view_set_cursor_offset (window->text_view, cm_clause_get_start (selected) + 4);
  cm_test_activate (window, "win.split", NULL);
  g_assert_null (cm_window_get_error_message (window));
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n_clauses + 1);
  g_assert_cmpuint (cm_clause_get_end (selected), ==, cm_clause_get_start (selected) + 4);
  g_assert_cmpuint (cm_clause_get_end (other), ==, other_end);
  cm_test_destroy_window (window);
}

/* Ctrl+G goes to a clause by number, even one the filters hide; closing
 * and reopening the document resumes at the clause where it was left. */
static void
test_go_to_and_resume (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "resume.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  g_autofree char *id = NULL;

  g_assert_cmpuint (cm_document_get_n_clauses (document), >, 30);
  g_assert_false (cm_window_go_to_clause (window, 0));
  g_assert_false (cm_window_go_to_clause (window, cm_document_get_n_clauses (document) + 1));
  cm_clause_list_set_filter (window->clause_list, NULL, NULL, CM_REVIEW_STATUS_ACCEPTED, 2.0);
  g_assert_true (cm_window_go_to_clause (window, 30));
  cm_test_spin_a_little ();
  g_assert_true (cm_window_get_selected_clause (window) == cm_document_get_clause (document, 29));
  g_assert_true (cm_inspector_get_clause (window->inspector) == cm_document_get_clause (document, 29));
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, cm_document_get_n_clauses (document));
  id = g_strdup (cm_clause_get_id (cm_window_get_selected_clause (window)));

  /* no edit, nothing saved: only the place is remembered */
  gtk_window_close (GTK_WINDOW (window));
  cm_test_spin_a_little ();
  window = cm_test_open_window (app, path);
  g_assert_cmpstr (cm_clause_get_id (cm_window_get_selected_clause (window)), ==, id);
  cm_test_destroy_window (window);
}

/* Save says where it wrote; the unsaved-changes question names the
 * documents. */
static void
test_save_toast_and_close_names (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "toast.txt");
  CmWindow *window = cm_test_open_window (app, path);
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;

  g_assert_null (cm_window_get_toast_message (window));
  cm_test_activate (window, "win.next-unreviewed", NULL);
  cm_test_activate (window, "win.accept", NULL);
  g_assert_true (cm_window_get_dirty (window));
  cm_test_activate (window, "win.save", NULL);
  g_assert_nonnull (cm_window_get_toast_message (window));
  g_test_message ("%s", cm_window_get_toast_message (window));
  g_assert_nonnull (strstr (cm_window_get_toast_message (window), cm_window_get_save_path (window)));

  cm_test_activate (window, "win.next-unreviewed", NULL);
  cm_test_activate (window, "win.accept", NULL);
  gtk_window_close (GTK_WINDOW (window));
  cm_test_spin_a_little ();
  dialog = cm_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_test_message ("%s", secondary);
  g_assert_nonnull (strstr (secondary, "toast.txt"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  cm_test_spin_a_little ();
  cm_test_destroy_window (window);
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *rows)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, rows);
}

/* The shortcuts window says which key is which label. */
static void
test_shortcuts_name_labels (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "keys.txt");
  CmWindow *window = cm_test_open_window (app, path);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CmTaxonomy *taxonomy = window->taxonomy;

  g_assert_nonnull (overlay);
  g_assert_nonnull (taxonomy);
  collect_shortcuts (GTK_WIDGET (overlay), rows);
  for (guint i = 0; i < cm_taxonomy_get_n_labels (taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, i);
      gboolean found = FALSE;

      for (guint k = 0; k < rows->len && !found; k++)
        {
          g_autofree char *title = NULL;
          g_autofree char *accelerator = NULL;

          g_object_get (rows->pdata[k], "title", &title, "accelerator", &accelerator, NULL);
          found = g_strcmp0 (accelerator, label->shortcut) == 0
                  && g_strcmp0 (title, cm_label_get_name (label, "en")) == 0;
        }
      g_assert_true (found);
    }
  cm_test_destroy_window (window);
}

/* Side by side there is one undo history: the header's Undo and Redo act
 * on the view's link and label edits (they were greyed out beside a second
 * pair of buttons). */
static gboolean
pair_aligned (gpointer data)
{
  CmWindow *window = data;

  return !cm_pair_view_get_aligning (CM_PAIR_VIEW (window->pair_view));
}

static void
test_pair_one_undo (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-pair.txt", "pair-undo.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *zh, *en;
  GPtrArray *links;
  gboolean reviewed;

  cm_test_activate (window, "win.compare", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "pair");
  /* the pair is aligned in a thread */
  g_assert_true (cm_test_spin_until (pair_aligned, window, 60));
  g_assert_null (cm_pair_view_get_align_error (CM_PAIR_VIEW (window->pair_view)));
  zh = cm_pair_view_get_zh (CM_PAIR_VIEW (window->pair_view));
  en = cm_pair_view_get_en (CM_PAIR_VIEW (window->pair_view));
  g_assert_nonnull (zh);
  g_assert_nonnull (en);
  /* nothing done side by side yet: nothing to undo or redo (they were
   * always enabled there) */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->undo_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->redo_button)));
  links = cm_document_get_links (zh);
  g_assert_cmpuint (links->len, >, 0);
  cm_pair_view_select_link (CM_PAIR_VIEW (window->pair_view), 0);
  reviewed = ((CmLink *) g_ptr_array_index (links, 0))->reviewed;
  g_assert_true (gtk_widget_activate_action (window->pair_view, "pair.toggle-reviewed", NULL));
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), 0))->reviewed != reviewed);

  cm_test_activate (window, "win.undo", NULL);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), 0))->reviewed == reviewed);
  cm_test_activate (window, "win.redo", NULL);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), 0))->reviewed != reviewed);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->undo_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->redo_button)));
  cm_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  /* asked once at the first decision otherwise (CmIdentityDialog) */
  cm_application_set_annotator (app, "Test Reviewer");

  g_test_add_func ("/review-desk/confidence-filter-and-empty-list", test_confidence_filter_and_empty_list);
  g_test_add_func ("/review-desk/pair-titles", test_pair_titles);
  g_test_add_func ("/review-desk/footer-after-split", test_footer_after_split);
  g_test_add_func ("/review-desk/every-failure-shown", test_every_failure_shown);
  g_test_add_func ("/review-desk/split-selected-clause", test_split_selected_clause);
  g_test_add_func ("/review-desk/go-to-and-resume", test_go_to_and_resume);
  g_test_add_func ("/review-desk/save-toast-and-close-names", test_save_toast_and_close_names);
  g_test_add_func ("/review-desk/shortcuts-name-labels", test_shortcuts_name_labels);
  g_test_add_func ("/review-desk/selection-does-not-reflow", test_selection_does_not_reflow);
  g_test_add_func ("/review-desk/pair-one-undo", test_pair_one_undo);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
