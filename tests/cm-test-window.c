/* cm-test-window.c — driving a review desk window in display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cm-test-util.h"
#include "cm-test-window.h"

CmApplication *
cm_test_window_init (int    *argc,
                     char ***argv,
                     char  **tmpdir)
{
  g_autofree char *state = NULL;
  CmApplication *app;

  /* Recovery files go to a fresh state dir, never the user's. */
  *tmpdir = cm_test_make_tmpdir ();
  state = g_build_filename (*tmpdir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("CLAUSEMARK_STYLE", "light", TRUE);
  g_unsetenv ("CLAUSEMARK_AUTO_RESTORE");

  gtk_test_init (argc, argv, NULL);
  app = cm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

gboolean
cm_test_spin_until (gboolean (*done) (gpointer),
                    gpointer   data,
                    double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

void
cm_test_spin_a_little (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
cm_test_window_loaded (gpointer data)
{
  CmWindow *window = data;

  return !cm_window_is_busy (window)
         && (cm_window_get_document (window) != NULL || cm_window_get_error_message (window) != NULL);
}

gboolean
cm_test_window_idle (gpointer data)
{
  return !cm_window_is_busy (data);
}

gboolean
cm_test_window_gone (gpointer window_pointer)
{
  return *(gpointer *) window_pointer == NULL;
}

CmWindow *
cm_test_open_window (CmApplication *app,
                     const char    *path)
{
  CmWindow *window = cm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_path (window, path);
  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  cm_test_spin_a_little ();
  return window;
}

void
cm_test_destroy_window (CmWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_spin_a_little ();
}

void
cm_test_activate (CmWindow   *window,
                  const char *action,
                  GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, param));
  cm_test_spin_a_little ();
}

GtkWidget *
cm_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w))
        return w;
    }
  return NULL;
}

GtkWidget *
cm_test_find_with_class (GtkWidget  *widget,
                         const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cm_test_find_with_class (child, css_class);
      if (found)
        return found;
    }
  return NULL;
}
