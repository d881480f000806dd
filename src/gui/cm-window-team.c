/* cm-window-team.c — team work in the window: who labels (asked once and
 * shown), and the edits recorded under that name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-team"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-window-private.h"

static CmApplication *
get_app (CmWindow *self)
{
  return CM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* ---- who labels --------------------------------------------------------- */

void
cm_window_update_identity (CmWindow *self)
{
  g_autofree char *name = get_app (self) ? cm_application_dup_annotator (get_app (self)) : NULL;

  cm_sidebar_set_identity (self->sidebar, name, FALSE);
}

static void
clear_pending (CmWindow *self)
{
  g_clear_pointer (&self->pending_action, g_free);
  g_clear_pointer (&self->pending_param, g_variant_unref);
}

static void
on_identity_chosen (CmWindow   *self,
                    const char *name)
{
  g_autofree char *action = g_steal_pointer (&self->pending_action);
  g_autoptr(GVariant) param = g_steal_pointer (&self->pending_param);

  self->identity_dialog = NULL;
  cm_application_set_annotator (get_app (self), name);
  cm_window_update_identity (self);
  /* The edit that needed a name now happens. */
  if (action)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), action, param);
}

static void
on_identity_cancelled (CmWindow *self)
{
  self->identity_dialog = NULL;
  clear_pending (self);
}

char *
cm_window_dup_annotator_or_ask (CmWindow   *self,
                                const char *action_name,
                                GVariant   *param)
{
  char *name = cm_application_dup_annotator (get_app (self));

  if (name)
    return name;
  clear_pending (self);
  self->pending_action = g_strdup (action_name);
  self->pending_param = param ? g_variant_ref_sink (param) : NULL;
  if (self->identity_dialog == NULL)
    {
      self->identity_dialog = cm_identity_dialog_new (GTK_WINDOW (self));
      g_signal_connect_object (self->identity_dialog, "chosen", G_CALLBACK (on_identity_chosen),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->identity_dialog, "cancelled", G_CALLBACK (on_identity_cancelled),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->identity_dialog));
  return NULL;
}

static void
on_annotator_setting_changed (CmWindow *self)
{
  cm_window_update_identity (self);
}

/* ---- setup -------------------------------------------------------------- */

void
cm_window_class_init_team (GtkWidgetClass *widget_class)
{
}

void
cm_window_init_team (CmWindow *self)
{
  GSettings *settings = get_app (self) ? cm_application_get_settings (get_app (self)) : NULL;

  if (settings)
    g_signal_connect_object (settings, "changed::reviewer-name",
                             G_CALLBACK (on_annotator_setting_changed), self, G_CONNECT_SWAPPED);
  cm_window_update_identity (self);
}

void
cm_window_dispose_team (CmWindow *self)
{
  if (self->identity_dialog)
    gtk_window_destroy (GTK_WINDOW (self->identity_dialog));
  self->identity_dialog = NULL;
  clear_pending (self);
}
