/* test-window.c — the review desk driven through its actions
 *
 * Opens the bundled Chinese sample in a real window (under Xvfb), edits it
 * through the same GActions the keys and buttons use, saves, reopens and
 * checks every edit survived; recovers autosaved edits after a simulated
 * crash; refuses bad files without writing anything. Where the text pane
 * scrolls, and the screenshots, are in test-window-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-document-io.h"
#include "cm-test-util.h"
#include "cm-pair-view-private.h"
#include "cm-test-window.h"
#include "test-window-private.h"

static guint
selected_position (CmWindow *window)
{
  CmClause *clause = cm_window_get_selected_clause (window);
  guint position = G_MAXUINT;

  g_assert_nonnull (clause);
  g_assert_true (cm_document_lookup_clause (cm_window_get_document (window),
                                            cm_clause_get_id (clause), &position) == clause);
  return position;
}

/* Selects the next unreviewed labelable clause longer than @min_chars. */
static CmClause *
select_unreviewed (CmWindow *window, guint min_chars)
{
  for (int i = 0; i < 200; i++)
    {
      CmClause *clause;

      cm_test_activate (window, "win.next-unreviewed", NULL);
      clause = cm_window_get_selected_clause (window);
      g_assert_nonnull (clause);
      if (cm_clause_get_length (clause) >= min_chars)
        return clause;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_review_save_reopen (void)
{
  g_autofree char *path = copy_sample ("review.txt");
  CmWindow *window = cm_test_open_window (app, path);
  CmDocument *document = cm_window_get_document (window);
  g_autoptr(CmDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *labelled_id = NULL, *accepted_id = NULL, *split_id = NULL, *merged_id = NULL;
  guint n_clauses, position, split_start, merged_end;
  CmClause *clause;

  g_assert_nonnull (document);
  g_assert_null (cm_window_get_error_message (window));
  g_assert_false (cm_window_get_dirty (window));
  g_assert_cmpuint (cm_document_get_n_clauses (document), >, 20);
  n_clauses = cm_document_get_n_clauses (document);

  /* Toggle a label. */
  clause = select_unreviewed (window, 8);
  labelled_id = g_strdup (cm_clause_get_id (clause));
  g_assert_false (cm_clause_has_label (clause, "contact") && FALSE);
  {
    gboolean had = cm_clause_has_label (clause, "contact");
    cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
    g_assert_true (cm_clause_has_label (clause, "contact") != had);
    if (had)  /* make sure the label ends up set */
      cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  }
  g_assert_true (cm_clause_has_label (clause, "contact"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);
  g_assert_true (cm_window_get_dirty (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* Accept moves on. */
  clause = select_unreviewed (window, 1);
  accepted_id = g_strdup (cm_clause_get_id (clause));
  position = selected_position (window);
  cm_test_activate (window, "win.accept", NULL);
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_ACCEPTED);
  g_assert_cmpuint (selected_position (window), ==, position + 1);

  /* Move back and forth. */
  cm_test_activate (window, "win.previous", NULL);
  g_assert_cmpuint (selected_position (window), ==, position);
  cm_test_activate (window, "win.next", NULL);
  g_assert_cmpuint (selected_position (window), ==, position + 1);

  /* Undo and redo a label toggle. */
  clause = select_unreviewed (window, 8);
  {
    gboolean had = cm_clause_has_label (clause, "usage");
    cm_test_activate (window, "win.toggle-label", g_variant_new_string ("usage"));
    g_assert_true (cm_clause_has_label (clause, "usage") != had);
    cm_test_activate (window, "win.undo", NULL);
    clause = cm_window_get_selected_clause (window);
    g_assert_true (cm_clause_has_label (clause, "usage") == had);
    g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_UNREVIEWED);
    cm_test_activate (window, "win.redo", NULL);
    g_assert_true (cm_clause_has_label (cm_window_get_selected_clause (window), "usage") != had);
    cm_test_activate (window, "win.undo", NULL);
    g_assert_true (cm_clause_has_label (cm_window_get_selected_clause (window), "usage") == had);
  }

  /* Split at the text cursor. */
  clause = select_unreviewed (window, 10);
  split_id = g_strdup (cm_clause_get_id (clause));
  split_start = cm_clause_get_start (clause);
  cm_text_view_set_cursor_offset (window->text_view, split_start + 4);
  cm_test_activate (window, "win.split", NULL);
  g_assert_null (cm_window_get_error_message (window));
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n_clauses + 1);
  g_assert_cmpuint (cm_clause_get_end (clause), ==, split_start + 4);

  /* Undo the split, redo it. */
  cm_test_activate (window, "win.undo", NULL);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n_clauses);
  cm_test_activate (window, "win.redo", NULL);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n_clauses + 1);

  /* Merge a later clause with its next. */
  clause = select_unreviewed (window, 4);
  position = selected_position (window);
  merged_id = g_strdup (cm_clause_get_id (clause));
  merged_end = cm_clause_get_end (cm_document_get_clause (document, position + 1));
  cm_test_activate (window, "win.merge", NULL);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n_clauses);
  clause = cm_document_lookup_clause (document, merged_id, NULL);
  g_assert_nonnull (clause);
  g_assert_cmpuint (cm_clause_get_end (clause), ==, merged_end);

  /* d: the unreviewed clause the model is least sure about. */
  cm_test_activate (window, "win.next-doubtful", NULL);
  clause = cm_window_get_selected_clause (window);
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_UNREVIEWED);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *other = cm_document_get_clause (document, i);
      if (cm_clause_is_labelable (other) && cm_clause_get_status (other) == CM_REVIEW_STATUS_UNREVIEWED)
        g_assert_cmpfloat (cm_clause_get_confidence (clause), <=, cm_clause_get_confidence (other));
    }

  /* Search and filters narrow the list; clearing them shows all again. */
  cm_clause_list_set_filter (window->clause_list, "个人信息", NULL, -1, 2.0);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), >, 0);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), <, cm_document_get_n_clauses (document));
  cm_clause_list_set_filter (window->clause_list, NULL, NULL, CM_REVIEW_STATUS_ACCEPTED, 2.0);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, 1);
  cm_clause_list_set_filter (window->clause_list, NULL, "contact", -1, 2.0);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), >=, 1);
  cm_clause_list_set_filter (window->clause_list, NULL, NULL, -1, 2.0);
  g_assert_cmpuint (cm_clause_list_get_n_shown (window->clause_list), ==, cm_document_get_n_clauses (document));

  /* Save. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_null (cm_window_get_error_message (window));
  g_assert_false (cm_window_get_dirty (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* Everything survived on disk... */
  saved = cm_document_load (cm_window_get_save_path (window), &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (saved, document));
  g_assert_true (cm_clause_has_label (cm_document_lookup_clause (saved, labelled_id, NULL), "contact"));
  g_assert_cmpint (cm_clause_get_status (cm_document_lookup_clause (saved, accepted_id, NULL)), ==,
                   CM_REVIEW_STATUS_ACCEPTED);
  g_assert_cmpuint (cm_clause_get_end (cm_document_lookup_clause (saved, split_id, NULL)), ==, split_start + 4);
  g_assert_cmpuint (cm_clause_get_end (cm_document_lookup_clause (saved, merged_id, NULL)), ==, merged_end);

  /* The file is among the recent ones. */
  if (cm_application_get_settings (app))
    {
      g_auto(GStrv) recent = g_settings_get_strv (cm_application_get_settings (app), "recent-files");
      g_assert_true (g_strv_contains ((const char * const *) recent, path));
    }

  /* ...and in a window reopening the saved file. */
  {
    g_autofree char *save_path = g_strdup (cm_window_get_save_path (window));
    CmWindow *reopened;

    cm_test_destroy_window (window);
    reopened = cm_test_open_window (app, save_path);
    g_assert_null (cm_window_get_error_message (reopened));
    g_assert_true (cm_document_equal (cm_window_get_document (reopened), saved));
    g_assert_cmpstr (cm_window_get_save_path (reopened), ==, save_path);
    cm_test_destroy_window (reopened);
  }
}

static void
test_close_asks (void)
{
  g_autofree char *path = copy_sample ("close.txt");
  CmWindow *window = cm_test_open_window (app, path);
  GtkWidget *dialog;

  select_unreviewed (window, 1);
  cm_test_activate (window, "win.accept", NULL);
  g_assert_true (cm_window_get_dirty (window));

  /* Unsaved changes: closing asks, and Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  cm_test_spin_a_little ();
  dialog = cm_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  cm_test_spin_a_little ();
  g_assert_null (cm_test_find_message_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Save from the question: written, then closed. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  cm_test_spin_a_little ();
  dialog = cm_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), 2 /* save */);
  g_assert_true (cm_test_spin_until (cm_test_window_gone, &window, 10));
  {
    g_autofree char *saved = g_build_filename (tmpdir, "close.clausemark.json", NULL);
    g_assert_true (g_file_test (saved, G_FILE_TEST_EXISTS));
  }
}

static void
test_preferences (void)
{
  GSettings *settings = cm_application_get_settings (app);
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  GtkWindow *prefs = NULL;
  gboolean dark = FALSE;

  if (settings == NULL)
    {
      g_test_skip ("the settings schema is not compiled in the build tree");
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  cm_test_spin_a_little ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "CmPreferencesWindow"))
        prefs = GTK_WINDOW (w);
    }
  g_assert_nonnull (prefs);

  /* The style setting reaches GTK (CLAUSEMARK_STYLE, set for the
   * screenshots, would win over it: lifted meanwhile). */
  g_unsetenv ("CLAUSEMARK_STYLE");
  g_settings_set_string (settings, "style", "dark");
  cm_test_spin_a_little ();
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  g_settings_set_string (settings, "style", "light");
  cm_test_spin_a_little ();
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  g_settings_reset (settings, "style");
  g_setenv ("CLAUSEMARK_STYLE", "light", TRUE);
  gtk_window_destroy (prefs);
  cm_test_spin_a_little ();
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_recovery (void)
{
  g_autofree char *path = copy_sample ("recover.txt");
  CmWindow *window = cm_test_open_window (app, path);
  g_autoptr(CmDocEntry) entry = g_object_ref (window->current);
  g_autofree char *recovery = cm_doc_entry_dup_recovery_path (entry);
  g_autofree char *id = NULL;
  CmClause *clause;

  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
  /* The interval comes from the settings (5 s by default). */
  if (cm_application_get_settings (app))
    g_settings_set_uint (cm_application_get_settings (app), "autosave-interval", 1);
  clause = select_unreviewed (window, 8);
  id = g_strdup (cm_clause_get_id (clause));
  cm_test_activate (window, "win.toggle-label", g_variant_new_string (
              cm_clause_has_label (clause, "security") ? "contact" : "security"));
  g_assert_true (cm_window_get_dirty (window));
  g_assert_true (cm_test_spin_until (file_exists, recovery, 15));
  /* The recovery file holds the document exactly as it was (it is written
   * whole, then renamed into place). */
  {
    g_autoptr(CmDocument) backup = NULL;
    backup = cm_document_load (recovery, NULL);
    g_assert_nonnull (backup);
    g_assert_true (cm_document_equal (backup, cm_window_get_document (window)));
  }
  if (cm_application_get_settings (app))
    g_settings_reset (cm_application_get_settings (app), "autosave-interval");

  {
    g_auto(GStrv) labels = g_strdupv ((char **) cm_clause_get_labels (clause));
    CmWindow *again;
    CmClause *restored;

    cm_test_destroy_window (window);
    again = cm_test_open_window (app, path);
    g_assert_nonnull (cm_window_get_question_message (again));
    /* Not restored until the reviewer says so. */
    restored = cm_document_lookup_clause (cm_window_get_document (again), id, NULL);
    g_assert_cmpint (cm_clause_get_status (restored), ==, CM_REVIEW_STATUS_UNREVIEWED);
    cm_window_respond (again, TRUE);
    cm_test_spin_a_little ();
    g_assert_null (cm_window_get_question_message (again));
    restored = cm_document_lookup_clause (cm_window_get_document (again), id, NULL);
    g_assert_nonnull (restored);
    g_assert_cmpint (cm_clause_get_status (restored), ==, CM_REVIEW_STATUS_CORRECTED);
    g_assert_cmpstrv (cm_clause_get_labels (restored), labels);
    g_assert_true (cm_window_get_dirty (again));
    /* Saving makes the recovery file unnecessary. */
    cm_test_activate (again, "win.save", NULL);
    g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
    cm_test_destroy_window (again);
  }
}

static void
test_changed_on_disk (void)
{
  g_autofree char *path = copy_sample ("shared.txt");
  CmWindow *window = cm_test_open_window (app, path);
  g_autofree char *save_path = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_disk = NULL;
  CmClause *clause;

  clause = select_unreviewed (window, 4);
  cm_test_activate (window, "win.accept", NULL);
  cm_test_activate (window, "win.save", NULL);
  g_assert_false (cm_window_get_dirty (window));
  save_path = g_strdup (cm_window_get_save_path (window));

  /* Someone else rewrites the file (a colleague's save: still valid JSON). */
  g_assert_true (g_file_get_contents (save_path, &theirs, NULL, NULL));
  g_usleep (20000);
  {
    g_autofree char *changed = g_strconcat (theirs, "\n", NULL);
    g_free (theirs);
    theirs = g_steal_pointer (&changed);
  }
  g_assert_true (g_file_set_contents (save_path, theirs, -1, NULL));

  clause = select_unreviewed (window, 4);
  cm_test_activate (window, "win.accept", NULL);
  cm_test_activate (window, "win.save", NULL);
  /* Asked, not overwritten. */
  g_assert_nonnull (cm_window_get_question_message (window));
  g_assert_true (cm_window_get_dirty (window));
  g_assert_true (g_file_get_contents (save_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, theirs);
  cm_window_respond (window, FALSE);
  g_clear_pointer (&on_disk, g_free);
  g_assert_true (g_file_get_contents (save_path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, theirs);

  /* Told to overwrite, it does. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_nonnull (cm_window_get_question_message (window));
  cm_window_respond (window, TRUE);
  cm_test_spin_a_little ();
  g_assert_false (cm_window_get_dirty (window));
  {
    g_autoptr(CmDocument) saved = cm_document_load (save_path, NULL);
    g_assert_nonnull (saved);
    g_assert_cmpint (cm_clause_get_status (cm_document_lookup_clause (saved, cm_clause_get_id (clause), NULL)), ==,
                     CM_REVIEW_STATUS_ACCEPTED);
  }
  cm_test_destroy_window (window);
}

static void
test_corpus_folder (void)
{
  g_autofree char *path = copy_sample ("corpus-source.txt");
  g_autofree char *dir = g_build_filename (tmpdir, "corpus", NULL);
  g_autofree char *saved = NULL;
  CmWindow *window = cm_test_open_window (app, path);
  CmWindow *corpus_window;
  g_autofree char *json = NULL;
  gsize length;

  /* Two reviewed documents in a folder. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_true (g_file_get_contents (cm_window_get_save_path (window), &json, &length, NULL));
  cm_test_destroy_window (window);
  g_mkdir_with_parents (dir, 0700);
  g_free (cm_test_write_file (dir, "a.json", json, (gssize) length));
  saved = cm_test_write_file (dir, "b.json", json, (gssize) length);

  corpus_window = cm_test_open_window (app, dir);
  g_assert_null (cm_window_get_error_message (corpus_window));
  g_assert_nonnull (cm_window_get_document (corpus_window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus_window->entries)), ==, 2);
  g_assert_true (g_str_has_suffix (cm_window_get_save_path (corpus_window), "a.json"));
  cm_test_destroy_window (corpus_window);
}

/* Every entry of the window has its document. */
static gboolean
all_loaded (gpointer data)
{
  CmWindow *window = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (window->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (window->entries), i);
      if (cm_doc_entry_get_document (entry) == NULL)
        return FALSE;
    }
  return window->loading == NULL;
}

/* The pair view's column headers, "old | new". */
static char *
pair_headers (CmWindow *window)
{
  CmPairView *view = CM_PAIR_VIEW (window->pair_view);

  return g_strdup_printf ("%s | %s", gtk_label_get_text (view->old_header),
                          gtk_label_get_text (view->new_header));
}

/* Three versions of a policy, opened in a muddled order, are stepped
 * through oldest first, each beside the next. */
static void
test_versions (void)
{
  static const char *const names[] = { "acme-2026.txt", "acme-2025.txt", "acme-2027.txt" };
  static const char *const texts[] = {
    "Acme Privacy Policy\n1. Data\nWe keep your data for 3 months.\n",
    "Acme Privacy Policy\n1. Data\nWe keep your data for 6 months.\n",
    "Acme Privacy Policy\n1. Data\nWe keep your data for 1 month.\nWe share it with Roadwise Ltd.\n",
  };
  GFile *files[G_N_ELEMENTS (names)];
  CmWindow *window = cm_window_new (app);
  g_autofree char *headers = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cm_test_write_file (tmpdir, names[i], texts[i], -1);
      files[i] = g_file_new_for_path (path);
    }
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_files (window, files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  g_assert_true (cm_test_spin_until (all_loaded, window, 60));
  cm_test_spin_a_little ();

  /* from the version shown (2026), the next one */
  cm_test_activate (window, "win.next-version", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "pair");
  g_assert_true (cm_pair_view_get_revision (CM_PAIR_VIEW (window->pair_view)));
  headers = pair_headers (window);
  g_assert_cmpstr (headers, ==, "Old: acme-2026.txt | New: acme-2027.txt");
  g_clear_pointer (&headers, g_free);
  /* no newer one: nothing moves */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-version", NULL);
  cm_test_spin_a_little ();
  headers = pair_headers (window);
  g_assert_cmpstr (headers, ==, "Old: acme-2026.txt | New: acme-2027.txt");
  g_clear_pointer (&headers, g_free);

  /* back one, and one more */
  cm_test_activate (window, "win.previous-version", NULL);
  headers = pair_headers (window);
  g_assert_cmpstr (headers, ==, "Old: acme-2025.txt | New: acme-2026.txt");
  g_clear_pointer (&headers, g_free);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-version", NULL);
  cm_test_spin_a_little ();
  headers = pair_headers (window);
  g_assert_cmpstr (headers, ==, "Old: acme-2025.txt | New: acme-2026.txt");
  g_clear_pointer (&headers, g_free);
  cm_test_activate (window, "win.next-version", NULL);
  headers = pair_headers (window);
  g_assert_cmpstr (headers, ==, "Old: acme-2026.txt | New: acme-2027.txt");
  cm_test_destroy_window (window);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
check_refused (const char *name, const char *data, gsize size, const char *expected)
{
  g_autofree char *dir = g_build_filename (tmpdir, "bad", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  CmWindow *window;
  guint n_files;

  g_mkdir_with_parents (dir, 0700);
  path = cm_test_write_file (dir, name, data, (gssize) size);
  n_files = count_files (dir);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = cm_test_open_window (app, path);
  g_assert_nonnull (cm_window_get_error_message (window));
  g_test_message ("%s: %s", name, cm_window_get_error_message (window));
  g_assert_nonnull (strstr (cm_window_get_error_message (window), expected));
  g_assert_null (cm_window_get_document (window));
  /* Save has nothing to write. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL)
                  && cm_window_get_document (window) != NULL);
  cm_test_spin_a_little ();

  g_assert_cmpuint (count_files (dir), ==, n_files);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  cm_test_destroy_window (window);
}

static void
test_bad_files (void)
{
  static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\x10\x10\0\0\0\0\0\0"
                               "\0\0\0\0\0\0\0\0\0\xff\xfe\x00\x01\x02\x03";
  const char *newer = "{\"format\": \"clausemark-document\", \"version\": 99, \"id\": \"x\", \"text\": \"hi\", \"clauses\": []}\n";
  const char *foreign = "{\"name\": \"not ours\", \"items\": [1, 2, 3]}\n";

  check_refused ("program.txt", binary, sizeof binary, "not a text file");
  check_refused ("newer.json", newer, strlen (newer), "newer version");
  check_refused ("foreign.json", foreign, strlen (foreign), "not a Clausemark document");
}

/* The document's information shows how a saved web page was read and what
 * its loader set aside; a document opened from its saved annotations says
 * that it has no report. */
static void
test_document_info (void)
{
  g_autofree char *page = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data", "html",
                                            "menus.html", NULL);
  g_autofree char *html = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "info.html", NULL);
  CmWindow *window;
  const char *report;

  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  g_assert_true (g_file_set_contents (path, html, -1, NULL));
  window = cm_test_open_window (app, path);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->info_button)));
  gtk_menu_button_popup (window->info_button);
  cm_test_spin_a_little ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->document_info)));
  report = cm_document_info_get_report (window->document_info);
  g_test_message ("report: %s", report);
  g_assert_nonnull (strstr (report, "page furniture"));
  g_assert_true (cm_document_info_get_document (window->document_info)
                 == cm_window_get_document (window));
  gtk_menu_button_popdown (window->info_button);
  cm_test_destroy_window (window);
}

/* The Open dialog's filter shows every format the loaders read: PDF,
 * Word, OpenDocument and saved MHTML pages were hidden behind "All files". */
static void
test_open_filter (void)
{
  static const struct { const char *name; gboolean shown; } files[] = {
    { "policy.txt", TRUE }, { "policy.html", TRUE }, { "policy.htm", TRUE },
    { "policy.md", TRUE }, { "policy.json", TRUE }, { "policy.pdf", TRUE },
    { "policy.docx", TRUE }, { "policy.odt", TRUE }, { "policy.mht", TRUE },
    { "policy.mhtml", TRUE }, { "photo.png", FALSE }, { "archive.tar.gz", FALSE },
  };
  g_autoptr(GtkFileFilter) filter = cm_window_new_policy_filter ();

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFileInfo) info = g_file_info_new ();
      g_autofree char *type = g_content_type_guess (files[i].name, NULL, 0, NULL);

      g_file_info_set_display_name (info, files[i].name);
      g_file_info_set_content_type (info, type);
      g_test_message ("%s (%s)", files[i].name, type);
      g_assert_cmpint (gtk_filter_match (GTK_FILTER (filter), info), ==, files[i].shown);
    }
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  /* Who labels is asked once (tests/test-team.c drives that question). */
  cm_application_set_annotator (app, "Test Reviewer");

  g_test_add_func ("/window/review-save-reopen", test_review_save_reopen);
  g_test_add_func ("/window/recovery", test_recovery);
  g_test_add_func ("/window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/corpus-folder", test_corpus_folder);
  g_test_add_func ("/window/versions", test_versions);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/bad-files", test_bad_files);
  g_test_add_func ("/window/document-info", test_document_info);
  g_test_add_func ("/window/open-filter", test_open_filter);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
