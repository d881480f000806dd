/* test-window-work.c — a window's work in threads: cancelled, or outlived
 * by a window that closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-widget-task.h"
#include "test-window-private.h"

/* A policy big enough that its load is still running when the test acts. */
static char *
write_big_policy (const char *name)
{
  g_autofree char *sample = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) big = g_string_new (NULL);

  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  while (big->len < 2 * 1024 * 1024)
    g_string_append (big, contents);
  return cm_test_write_file (tmpdir, name, big->str, (gssize) big->len);
}

static void
test_cancel_loading (void)
{
  g_autofree char *path = write_big_policy ("big.txt");
  CmWindow *window;

  window = cm_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_path (window, path);
  /* Loading runs in a thread: the call returns at once. */
  g_assert_true (cm_window_is_busy (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-loading", NULL));
  /* ...and a cancelled load shows nothing and complains about nothing. */
  g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 10));
  cm_test_spin_a_little ();
  g_assert_false (cm_window_is_busy (window));
  g_assert_null (cm_window_get_document (window));
  g_assert_null (cm_window_get_error_message (window));
  cm_test_destroy_window (window);
}

/* A window closed while its document loads: the load is cancelled, and its
 * late answer finds a window that has let go of everything, and says
 * nothing. */
static void
test_close_while_loading (void)
{
  g_autofree char *path = write_big_policy ("closed.txt");
  CmWindow *window;

  window = cm_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_path (window, path);
  g_assert_true (cm_window_is_busy (window));
  gtk_window_destroy (GTK_WINDOW (window));  /* as quitting does */
  g_assert_true (cm_test_spin_until (cm_test_window_gone, &window, 30));
  /* Whatever the thread still sends finds nothing to touch. */
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Work in a thread for a window that closes (cm_widget_task_new): the
 * window is let go on the main thread, at once, and the work's late answer
 * finds no window. With g_task_new (window, …) the thread held the last
 * reference and finalized the window itself, off GTK's thread, or kept a
 * closed window alive until the work ended, and called back into it. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean release;
  gboolean called;
  gboolean data_freed;
  int      thread_done;
  GThread *finalized_in;
} WorkForAWindow;

static void
window_work_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  WorkForAWindow *state = task_data;

  g_assert_null (source_object);
  /* Works on past a cancel, as a loader between two checks does. */
  g_mutex_lock (&state->lock);
  while (!state->release)
    g_cond_wait (&state->cond, &state->lock);
  g_mutex_unlock (&state->lock);
  g_task_return_boolean (task, TRUE);
  g_atomic_int_set (&state->thread_done, 1);
}

static void
window_work_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WorkForAWindow *state = user_data;

  g_assert_true (GTK_IS_WINDOW (source));
  g_assert_false (g_task_propagate_boolean (G_TASK (result), NULL));
  state->called = TRUE;
}

static void
window_work_data_freed (gpointer user_data)
{
  ((WorkForAWindow *) user_data)->data_freed = TRUE;
}

static void
window_work_finalized (gpointer  data,
                       GObject  *where_the_object_was)
{
  ((WorkForAWindow *) data)->finalized_in = g_thread_self ();
}

static gboolean
window_work_called (gpointer data)
{
  return ((WorkForAWindow *) data)->called;
}

static gboolean
window_work_finalized_yet (gpointer data)
{
  return ((WorkForAWindow *) data)->finalized_in != NULL;
}

static gboolean
window_work_thread_done (gpointer data)
{
  return g_atomic_int_get (&((WorkForAWindow *) data)->thread_done);
}

static void
window_work_release (WorkForAWindow *state)
{
  g_mutex_lock (&state->lock);
  state->release = TRUE;
  g_cond_signal (&state->cond);
  g_mutex_unlock (&state->lock);
}

/* Starts the work for a new window; @cancellable is cancelled by the
 * window's going, as a window's dispose does. */
static GtkWidget *
window_work_start (WorkForAWindow *state,
                   GCancellable   *cancellable)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GTask) task = NULL;

  g_mutex_init (&state->lock);
  g_cond_init (&state->cond);
  gtk_window_present (GTK_WINDOW (window));
  g_object_weak_ref (G_OBJECT (window), window_work_finalized, state);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable);
  task = cm_widget_task_new (window, cancellable, window_work_ready, state, window_work_data_freed);
  g_task_set_task_data (task, state, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, window_work_thread);
  return window;
}

static void
window_work_finish (WorkForAWindow *state)
{
  window_work_release (state);
  g_assert_true (cm_test_spin_until (window_work_thread_done, state, 10));
  cm_test_spin_a_little ();
  g_mutex_clear (&state->lock);
  g_cond_clear (&state->cond);
}

static void
test_work_cancelled_then_closed (void)
{
  WorkForAWindow state = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkWidget *window = window_work_start (&state, cancellable);

  /* Cancelled: the callback comes at once, though the thread works on. */
  g_cancellable_cancel (cancellable);
  g_assert_true (cm_test_spin_until (window_work_called, &state, 10));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (cm_test_spin_until (window_work_finalized_yet, &state, 10));
  g_assert_true (state.finalized_in == g_thread_self ());
  window_work_finish (&state);
  g_assert_false (state.data_freed);  /* the callback had it */
}

static void
test_work_window_closed (void)
{
  WorkForAWindow state = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkWidget *window = window_work_start (&state, cancellable);

  /* Closed while the thread works: gone at once, on this thread. */
  cm_test_spin_a_little ();
  gtk_window_destroy (GTK_WINDOW (window));
  /* (the thread still works: only the main thread can have let it go) */
  g_assert_true (cm_test_spin_until (window_work_finalized_yet, &state, 10));
  g_assert_true (state.finalized_in == g_thread_self ());
  window_work_finish (&state);
  g_assert_false (state.called);
  g_assert_true (state.data_freed);
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  cm_application_set_annotator (app, "Test Reviewer");

  g_test_add_func ("/window-work/cancel-loading", test_cancel_loading);
  g_test_add_func ("/window-work/close-while-loading", test_close_while_loading);
  g_test_add_func ("/window-work/cancelled-then-closed", test_work_cancelled_then_closed);
  g_test_add_func ("/window-work/window-closed", test_work_window_closed);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
