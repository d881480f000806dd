/* cm-window-help.c — the keyboard shortcuts window, with the keys of the
 * shown document's labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-help"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-window-private.h"

#define HELP_OVERLAY_RESOURCE "/org/clausemark/Clausemark/gtk/help-overlay.ui"
/* rows of a column of the review desk's shortcuts, titles counted */
#define HELP_COLUMN_ROWS 17

/* The static rows come from the resource; the labels' rows (key and name
 * in the UI language) depend on the taxonomy, so the window is rebuilt
 * when the taxonomy changes. */
void
cm_window_update_help_overlay (CmWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GtkBox *group;
  GtkShortcutsWindow *overlay;

  if (self->help_taxonomy == self->taxonomy && self->help_taxonomy != NULL)
    return;
  g_set_object (&self->help_taxonomy, self->taxonomy);
  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_resource (builder, HELP_OVERLAY_RESOURCE, &error))
    {
      g_warning ("The shortcuts window could not be built: %s", error->message);
      return;
    }
  overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  group = GTK_BOX (gtk_builder_get_object (builder, "label_keys_group"));
  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);

      if (label->shortcut == NULL || gdk_keyval_from_name (label->shortcut) == GDK_KEY_VoidSymbol)
        continue;
      gtk_box_append (group, g_object_new (GTK_TYPE_SHORTCUTS_SHORTCUT,
                                           "title", cm_label_get_name (label, cm_ui_language ()),
                                           "accelerator", label->shortcut,
                                           NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (group), gtk_widget_get_first_child (GTK_WIDGET (group)) != NULL);
  /* The section lays its groups out in columns as they are added, before
   * the label rows are in, and then relays them out when it is shown. That
   * second pass (GTK 4.8) keeps their order only if they all sit on one
   * page: the resource builds the section as one column, and the real
   * column height is set now, for the pass on showing. */
  g_object_set (gtk_builder_get_object (builder, "review_desk_section"),
                "max-height", HELP_COLUMN_ROWS, NULL);
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
}
