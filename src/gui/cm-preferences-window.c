/* cm-preferences-window.c — the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-preferences-window.h"

struct _CmPreferencesWindow
{
  GtkWindow      parent_instance;
  GtkEntry      *reviewer_entry;
  GtkDropDown   *granularity_dropdown;
  GtkDropDown   *style_dropdown;
  GtkSpinButton *autosave_spin;
  GtkLabel      *unavailable_label;
  GtkWidget     *grid;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (CmPreferencesWindow, cm_preferences_window, GTK_TYPE_WINDOW)

static const char * const granularities[] = { "sentence", "paragraph" };
static const char * const styles[] = { "system", "light", "dark" };

static guint
index_of (const char * const *values,
          guint               n,
          const char         *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
on_granularity_selected (CmPreferencesWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->granularity_dropdown);

  if (self->settings && i < G_N_ELEMENTS (granularities))
    g_settings_set_string (self->settings, "granularity", granularities[i]);
}

static void
on_style_selected (CmPreferencesWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->style_dropdown);

  if (self->settings && i < G_N_ELEMENTS (styles))
    g_settings_set_string (self->settings, "style", styles[i]);
}

static void
cm_preferences_window_dispose (GObject *object)
{
  CmPreferencesWindow *self = CM_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (cm_preferences_window_parent_class)->dispose (object);
}

static void
cm_preferences_window_class_init (CmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, reviewer_entry);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, granularity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, CmPreferencesWindow, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_granularity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_style_selected);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_preferences_window_init (CmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CmPreferencesWindow *
cm_preferences_window_new (GSettings *settings)
{
  CmPreferencesWindow *self = g_object_new (CM_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *granularity = NULL;
  g_autofree char *style = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->unavailable_label), settings == NULL);
  gtk_widget_set_sensitive (self->grid, settings != NULL);
  if (settings == NULL)
    return self;

  self->settings = g_object_ref (settings);
  granularity = g_settings_get_string (settings, "granularity");
  style = g_settings_get_string (settings, "style");
  gtk_drop_down_set_selected (self->granularity_dropdown,
                              index_of (granularities, G_N_ELEMENTS (granularities), granularity));
  gtk_drop_down_set_selected (self->style_dropdown, index_of (styles, G_N_ELEMENTS (styles), style));
  g_settings_bind (settings, "reviewer-name", self->reviewer_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autosave-interval", self->autosave_spin, "value", G_SETTINGS_BIND_DEFAULT);
  return self;
}
