/* test-shortcuts-window.c — every row of the Keyboard Shortcuts window shows keys
 *
 * A GtkShortcutsShortcut with an action-name displays only the accelerators
 * registered on the application for that action, so a row naming a window
 * action (whose keys are widget-class bindings) shows no keys at all. This
 * loads the help overlay the application ships and checks that every row
 * carries an accelerator GTK can parse, and that a row naming an action
 * names one the application has accelerators for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "cm-application.h"

static void
collect_shortcuts (GtkWidget *widget, GPtrArray *rows)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, rows);
}

/* Every space-separated accelerator in @accels parses to a key; a range
 * ("1...9", as the shortcuts window writes one) counts by its two ends. */
static gboolean
accelerators_parse (const char *accels)
{
  g_autofree char *spaced = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) text = g_string_new (accels);

  g_string_replace (text, "...", " ", 0);
  spaced = g_string_free (g_steal_pointer (&text), FALSE);
  parts = g_strsplit (spaced, " ", -1);
  guint n_keys = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint keyval = 0;
      GdkModifierType mods = 0;

      if (*parts[i] == '\0')
        continue;
      if (!gtk_accelerator_parse (parts[i], &keyval, &mods) || keyval == 0)
        return FALSE;
      n_keys++;
    }
  return n_keys > 0;
}

static void
test_every_row_has_keys (void)
{
  g_autoptr(CmApplication) app = cm_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  builder = gtk_builder_new_from_resource ("/org/clausemark/Clausemark/gtk/help-overlay.ui");
  window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  collect_shortcuts (window, rows);
  g_assert_cmpuint (rows->len, >=, 30);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (rows->pdata[i], "title", &title, "accelerator", &accelerator,
                    "action-name", &action, NULL);
      g_test_message ("row “%s”: %s", title, accelerator ? accelerator : "(none)");
      g_assert_nonnull (accelerator);
      g_assert_true (accelerators_parse (accelerator));
      if (action != NULL)
        {
          g_auto(GStrv) app_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                            action);
          g_assert_true (app_accels != NULL && app_accels[0] != NULL);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shortcuts-window/every-row-has-keys", test_every_row_has_keys);
  return g_test_run ();
}
