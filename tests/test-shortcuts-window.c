/* test-shortcuts-window.c — every row of the Keyboard Shortcuts window shows keys,
 * and every key the window binds has a row
 *
 * A GtkShortcutsShortcut with an action-name displays only the accelerators
 * registered on the application for that action, so a row naming a window
 * action (whose keys are widget-class bindings) shows no keys at all. This
 * loads the help overlay the application ships and checks that every row
 * carries an accelerator GTK can parse, and that a row naming an action
 * names one the application has accelerators for. Then it makes a window
 * and a side-by-side view and checks that every key our widgets bind (GTK's
 * own left aside; the label keys come with a taxonomy and are listed from
 * it) has a row: Ctrl+G, F9 and the clause list's Home / End / Page Up /
 * Page Down had none. And the window fits a 900-pixel screen once a
 * document's label keys are in, its groups in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "cm-application.h"
#include "cm-pair-view.h"
#include "cm-test-util.h"
#include "cm-test-window.h"
#include "cm-window.h"

static CmApplication *app;
static char *tmpdir;

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
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *window;

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

/* A key as the shortcuts window would show it: the lower-case key (a
 * binding often comes twice, Ctrl+Shift+z and Ctrl+Shift+Z), the keypad's
 * keys as the main keyboard's, only the modifiers a row can show. */
static char *
key_name (guint keyval, GdkModifierType mods)
{
  static const struct { guint keypad, main; } keypad[] = {
    { GDK_KEY_KP_Enter, GDK_KEY_Return }, { GDK_KEY_KP_Home, GDK_KEY_Home },
    { GDK_KEY_KP_End, GDK_KEY_End }, { GDK_KEY_KP_Page_Up, GDK_KEY_Page_Up },
    { GDK_KEY_KP_Page_Down, GDK_KEY_Page_Down }, { GDK_KEY_KP_Up, GDK_KEY_Up },
    { GDK_KEY_KP_Down, GDK_KEY_Down }, { GDK_KEY_KP_Left, GDK_KEY_Left },
    { GDK_KEY_KP_Right, GDK_KEY_Right },
  };

  keyval = gdk_keyval_to_lower (keyval);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    keyval = GDK_KEY_0 + (keyval - GDK_KEY_KP_0);
  for (guint i = 0; i < G_N_ELEMENTS (keypad); i++)
    if (keyval == keypad[i].keypad)
      keyval = keypad[i].main;
  mods &= GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK;
  return gtk_accelerator_name (keyval, mods);
}

/* Every key of a row's accelerator ("j Down", "1...9": each of 1 to 9). */
static void
add_row_keys (const char *accels, GHashTable *keys)
{
  g_auto(GStrv) parts = g_strsplit (accels, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *range = strstr (parts[i], "...");
      guint first, last;
      GdkModifierType mods;

      if (range != NULL)
        {
          g_autofree char *start = g_strndup (parts[i], range - parts[i]);
          g_assert_true (gtk_accelerator_parse (start, &first, &mods));
          g_assert_true (gtk_accelerator_parse (range + 3, &last, &mods));
        }
      else if (*parts[i] == '\0' || !gtk_accelerator_parse (parts[i], &first, &mods))
        continue;
      else
        last = first;
      for (guint keyval = first; keyval <= last; keyval++)
        g_hash_table_add (keys, key_name (keyval, mods));
    }
}

static void
add_trigger_keys (GtkShortcutTrigger *trigger, GPtrArray *bound)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_ptr_array_add (bound, key_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger_keys (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), bound);
      add_trigger_keys (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), bound);
    }
}

/* The keys of @widget's shortcut controllers: those added to it, and its
 * class bindings (inherited ones included) if @with_class_keys. */
static void
widget_keys (GtkWidget *widget, gboolean with_class_keys, GPtrArray *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      const char *name;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      name = gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (controller));
      if (!with_class_keys && g_strcmp0 (name, "gtk-widget-class-shortcuts") == 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          add_trigger_keys (gtk_shortcut_get_trigger (shortcut), keys);
        }
    }
}

/* The keys GTK itself binds on a widget of @type (a GtkWindow's F10,
 * Ctrl+Shift+I, Tab…): a fresh widget of that type, its keys. */
static GHashTable *
gtk_keys_of (GType type, gboolean with_class_keys)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *widget;

  if (G_TYPE_IS_ABSTRACT (type)) /* GtkWidget: binds no keys of its own */
    return set;
  if (g_type_is_a (type, GTK_TYPE_APPLICATION_WINDOW))
    widget = g_object_new (type, "application", app, NULL);
  else
    widget = g_object_ref_sink (g_object_new (type, NULL));
  widget_keys (widget, with_class_keys, keys);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (set, g_strdup (keys->pdata[i]));
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  else
    g_object_unref (widget);
  return set;
}

/* The keys bound by our own widgets (every Cm* widget under @widget),
 * less those GTK binds on the GTK type it derives from. */
static void
collect_bound_keys (GtkWidget *widget, GHashTable *gtk_keys, GPtrArray *bound)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean ours = g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cm");

  /* Ours: every key but GTK's own. A GTK widget inside ours (the clause
   * list's GtkListView): the keys we added to it. */
  widget_keys (widget, ours, keys);
  if (keys->len > 0)
    {
      GType base = G_OBJECT_TYPE (widget);
      GHashTable *inherited;

      while (g_str_has_prefix (g_type_name (base), "Cm"))
        base = g_type_parent (base);
      inherited = g_hash_table_lookup (gtk_keys, GSIZE_TO_POINTER (base));
      if (inherited == NULL)
        {
          inherited = gtk_keys_of (base, ours);
          g_hash_table_insert (gtk_keys, GSIZE_TO_POINTER (base), inherited);
        }
      for (guint i = 0; i < keys->len; i++)
        if (!g_hash_table_contains (inherited, keys->pdata[i]))
          g_ptr_array_add (bound, g_strdup (keys->pdata[i]));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_bound_keys (child, gtk_keys, bound);
}

/* The keys the window binds by itself (the label keys come with a
 * document's taxonomy and are listed from it) each have a row: a key
 * added to the code without its row fails here. */
static void
test_every_key_has_a_row (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) bound = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) gtk_keys = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_hash_table_unref);
  GtkWidget *overlay;
  CmWindow *window;
  GtkWidget *pair_view;
  guint missing = 0;

  builder = gtk_builder_new_from_resource ("/org/clausemark/Clausemark/gtk/help-overlay.ui");
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  collect_shortcuts (overlay, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *accelerator = NULL;

      g_object_get (rows->pdata[i], "accelerator", &accelerator, NULL);
      add_row_keys (accelerator, listed);
    }

  window = cm_window_new (app);
  collect_bound_keys (GTK_WIDGET (window), gtk_keys, bound);
  /* The side-by-side view is made when it is first shown. */
  pair_view = g_object_ref_sink (GTK_WIDGET (cm_pair_view_new ()));
  collect_bound_keys (pair_view, gtk_keys, bound);
  g_assert_cmpuint (bound->len, >=, 30);

  for (guint i = 0; i < bound->len; i++)
    if (!g_hash_table_contains (listed, bound->pdata[i]))
      {
        g_test_message ("bound but not in the shortcuts window: %s", (char *) bound->pdata[i]);
        missing++;
      }
  g_assert_cmpuint (missing, ==, 0);

  g_object_unref (pair_view);
  cm_test_destroy_window (window);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static void
collect_group_titles (GtkWidget *widget, GPtrArray *titles)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      g_ptr_array_add (titles, title);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_group_titles (child, titles);
}

/* With a document's label keys in, the window still fits a 900-pixel
 * screen, its groups in the order of the resource: the label rows made
 * the first column some 1,200 pixels tall, and relaying the columns out
 * on showing put page 2's groups before page 1's. */
static void
test_fits_the_screen (void)
{
  g_autofree char *path = cm_test_copy_sample (tmpdir, "sample-zh.txt", "fits.txt");
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  CmWindow *window = cm_test_open_window (app, path);
  GtkWidget *overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  int minimum = 0, natural = 0;
  GLogLevelFlags fatal;
  gboolean mapped;

  g_assert_nonnull (overlay);
  /* GTK 4.8's shortcuts window warns of its own key labels ("reported min
   * width -4") when it is shown, with or without our rows: warnings are
   * not fatal while it maps (GTK logs them structured, past
   * g_test_log_set_fatal_handler()). */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_present (GTK_WINDOW (overlay));
  mapped = cm_test_spin_until (widget_mapped, overlay, 10);
  cm_test_spin_a_little ();
  g_log_set_always_fatal (fatal);
  g_assert_true (mapped);
  gtk_widget_measure (overlay, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("shortcuts window: minimum height %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 860);

  collect_group_titles (overlay, titles);
  g_assert_cmpuint (titles->len, >=, 3);
  g_assert_cmpstr (titles->pdata[0], ==, "Reviewing");
  g_assert_true (g_str_has_prefix (titles->pdata[1], "Labels"));
  g_assert_cmpstr (titles->pdata[2], ==, "Flags and findings");

  gtk_widget_set_visible (overlay, FALSE);
  cm_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  g_test_add_func ("/shortcuts-window/every-row-has-keys", test_every_row_has_keys);
  g_test_add_func ("/shortcuts-window/every-key-has-a-row", test_every_key_has_a_row);
  g_test_add_func ("/shortcuts-window/fits-the-screen", test_fits_the_screen);
  status = g_test_run ();
  g_object_unref (app);
  return status;
}
