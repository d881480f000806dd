/* test-pair-align.c — the window aligns a large pair without freezing
 *
 * Two generated versions of 10,000 numbered sentences each are opened in
 * the window and compared (win.compare, Ctrl+B): the side-by-side view
 * says it is aligning (spinner and text) while the main loop keeps
 * running, then shows the rows. Leaving the view, showing another
 * document and closing the window mid-alignment cancel it: the documents keep the
 * links they had and nothing runs on the view afterwards. A pair that
 * cannot be aligned shows why in the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-pair-view-private.h"
#include "cm-status-page.h"
#include "cm-test-util.h"
#include "cm-test-window.h"

#define N_SENTENCES 10000

static CmApplication *app;
static char *tmpdir;

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
  return n > 0 && !cm_window_is_busy (window);
}

static CmWindow *
open_pair (const char *first,
           const char *second)
{
  CmWindow *window = cm_window_new (app);
  GFile *files[2] = { g_file_new_for_path (first), g_file_new_for_path (second) };

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_files (window, files, 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_true (cm_test_spin_until (all_loaded, window, 300));
  cm_test_spin_a_little ();
  return window;
}

static gboolean
pair_aligned (gpointer data)
{
  return !cm_pair_view_get_aligning (CM_PAIR_VIEW (CM_WINDOW (data)->pair_view));
}

/* The longest the main loop went without running a 5 ms timeout. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
tick (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

/* The view shows "Aligning…" with a spinning spinner, no rows. */
static void
assert_aligning (CmPairView *view)
{
  g_assert_true (cm_pair_view_get_aligning (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->state_stack), ==, "aligning");
  g_assert_true (gtk_widget_get_mapped (view->aligning_page));
  g_assert_true (gtk_spinner_get_spinning (view->aligning_spinner));
  g_assert_cmpstr (cm_status_page_get_title (CM_STATUS_PAGE (view->aligning_page)), ==, "Aligning…");
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, 0);
}

static void
test_large_pair (void)
{
  g_autofree char *zh_path = NULL;
  g_autofree char *en_path = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  CmWindow *window;
  CmPairView *view;
  Ticks ticks = { 0 };
  guint source;
  gint64 start;

  cm_test_write_large_pair (tmpdir, N_SENTENCES, &zh_path, &en_path);
  window = open_pair (zh_path, en_path);

  /* Ctrl+B: the view says it aligns; Ctrl+B again leaves it mid-way */
  cm_test_activate (window, "win.compare", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "pair");
  view = CM_PAIR_VIEW (window->pair_view);
  zh = g_object_ref (cm_pair_view_get_zh (view));
  en = g_object_ref (cm_pair_view_get_en (view));
  g_assert_cmpuint (cm_document_get_n_clauses (zh), >=, N_SENTENCES);
  assert_aligning (view);
  cm_test_activate (window, "win.compare", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "review");
  g_assert_false (cm_pair_view_get_aligning (view));
  /* the thread's links never land: the documents stay unlinked */
  for (int i = 0; i < 150; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (cm_document_get_links (zh)->len, ==, 0);
  g_assert_cmpuint (cm_document_get_links (en)->len, ==, 0);
  g_assert_null (cm_document_get_partner_id (zh));

  /* again, to the end: the main loop runs all along */
  start = g_get_monotonic_time ();
  ticks.last = start;
  source = g_timeout_add (5, tick, &ticks);
  cm_test_activate (window, "win.compare", NULL);
  assert_aligning (view);
  g_assert_true (cm_test_spin_until (pair_aligned, window, 120));
  g_test_message ("2 x %u sentences: rows shown after %.2f s; longest main-loop stall %.0f ms", N_SENTENCES,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, ticks.longest / 1000.0);
  g_source_remove (source);
  g_assert_null (cm_pair_view_get_align_error (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->state_stack), ==, "rows");
  g_assert_false (gtk_spinner_get_spinning (view->aligning_spinner));
  g_assert_cmpuint (cm_document_get_links (zh)->len, >=, N_SENTENCES);
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, cm_document_get_links (zh)->len);
  g_assert_cmpstr (cm_document_get_partner_id (zh), ==, cm_document_get_id (en));

  /* what the main loop used to stall for: the same alignment in it */
  {
    g_autoptr(GError) error = NULL;

    start = g_get_monotonic_time ();
    g_assert_true (cm_align_pair (zh, en, NULL, &error));
    g_assert_no_error (error);
    g_test_message ("the same alignment on the main thread (as before): %.2f s",
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  }

  /* unlinked again: another document shown mid-alignment, then the
   * window closed mid-alignment */
  cm_test_activate (window, "win.compare", NULL);
  cm_document_set_links (zh, NULL);
  cm_document_set_links (en, NULL);
  cm_test_activate (window, "win.compare", NULL);
  assert_aligning (view);
  {
    CmDocEntry *shown = window->current;
    CmDocEntry *other = shown == window->pair_partner ? NULL : window->pair_partner;

    g_assert_nonnull (other);
    cm_window_show_entry (window, other);
    cm_test_spin_a_little ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "review");
    g_assert_false (cm_pair_view_get_aligning (view));
    for (int i = 0; i < 100; i++)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_cmpuint (cm_document_get_links (zh)->len, ==, 0);
    g_assert_cmpuint (cm_document_get_links (en)->len, ==, 0);
  }
  cm_test_activate (window, "win.compare", NULL);
  assert_aligning (view);
  cm_test_destroy_window (window);
  for (int i = 0; i < 150; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (cm_document_get_links (zh)->len, ==, 0);
}

/* A version without a clause to align: the view says why, with a way to
 * try again. */
static void
test_align_error (void)
{
  g_autofree char *zh_path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "error-zh.txt");
  g_autofree char *en_path = cm_test_copy_sample (tmpdir, "sample-en.txt", "error-en.txt");
  CmWindow *window = open_pair (zh_path, en_path);
  CmPairView *view;
  CmDocument *en;
  g_autofree char *message = NULL;

  /* every English clause boilerplate: nothing to align on that side */
  cm_test_activate (window, "win.compare", NULL);
  view = CM_PAIR_VIEW (window->pair_view);
  g_assert_true (cm_test_spin_until (pair_aligned, window, 60));
  cm_test_activate (window, "win.compare", NULL);
  en = cm_pair_view_get_en (view);
  for (guint i = 0; i < cm_document_get_n_clauses (en); i++)
    cm_clause_set_kind (cm_document_get_clause (en, i), CM_CLAUSE_KIND_BOILERPLATE);
  cm_document_set_links (cm_pair_view_get_zh (view), NULL);
  cm_document_set_links (en, NULL);

  cm_test_activate (window, "win.compare", NULL);
  g_assert_true (cm_test_spin_until (pair_aligned, window, 60));
  message = g_strdup (cm_pair_view_get_align_error (view));
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->state_stack), ==, "error");
  g_assert_true (gtk_widget_get_mapped (view->error_page));
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, 0);
  /* trying again fails again, the same way */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.align-again", NULL));
  g_assert_true (cm_pair_view_get_aligning (view));
  g_assert_true (cm_test_spin_until (pair_aligned, window, 60));
  g_assert_cmpstr (cm_pair_view_get_align_error (view), ==, message);
  cm_test_destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  cm_application_set_annotator (app, "Test Reviewer");
  g_test_add_func ("/pair-align/large-pair", test_large_pair);
  g_test_add_func ("/pair-align/error", test_align_error);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
