/* cm-identity-dialog.c — who is labelling
 *
 * Asked the first time the user records a label decision, never guessed
 * from the login name: in a team, a wrong name would put one annotator's
 * labels under another's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-identity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-identity-dialog.h"

struct _CmIdentityDialog
{
  GtkWindow  parent_instance;
  GtkEntry  *name_entry;
  GtkButton *continue_button;
  gboolean   answered;
};

enum
{
  CHOSEN,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmIdentityDialog, cm_identity_dialog, GTK_TYPE_WINDOW)

char *
cm_identity_dialog_dup_name (CmIdentityDialog *self)
{
  g_return_val_if_fail (CM_IS_IDENTITY_DIALOG (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
}

void
cm_identity_dialog_set_name (CmIdentityDialog *self,
                             const char       *name)
{
  g_return_if_fail (CM_IS_IDENTITY_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name ? name : "");
}

void
cm_identity_dialog_confirm (CmIdentityDialog *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (CM_IS_IDENTITY_DIALOG (self));
  name = cm_identity_dialog_dup_name (self);
  if (*name == '\0' || self->answered)
    return;
  self->answered = TRUE;
  g_signal_emit (self, signals[CHOSEN], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
cm_identity_dialog_cancel (CmIdentityDialog *self)
{
  g_return_if_fail (CM_IS_IDENTITY_DIALOG (self));
  if (self->answered)
    return;
  self->answered = TRUE;
  g_signal_emit (self, signals[CANCELLED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_name_changed (CmIdentityDialog *self)
{
  g_autofree char *name = cm_identity_dialog_dup_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), *name != '\0');
}

static void
on_continue_clicked (CmIdentityDialog *self)
{
  cm_identity_dialog_confirm (self);
}

static void
on_cancel_clicked (CmIdentityDialog *self)
{
  cm_identity_dialog_cancel (self);
}

static gboolean
cm_identity_dialog_close_request (GtkWindow *window)
{
  CmIdentityDialog *self = CM_IDENTITY_DIALOG (window);

  /* Closed by the window manager or Escape: the same as Cancel. */
  if (!self->answered)
    {
      self->answered = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  return GTK_WINDOW_CLASS (cm_identity_dialog_parent_class)->close_request (window);
}

static void
cm_identity_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_IDENTITY_DIALOG);
  G_OBJECT_CLASS (cm_identity_dialog_parent_class)->dispose (object);
}

static void
cm_identity_dialog_class_init (CmIdentityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cm_identity_dialog_dispose;
  window_class->close_request = cm_identity_dialog_close_request;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-identity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmIdentityDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CmIdentityDialog, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_identity_dialog_init (CmIdentityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
}

CmIdentityDialog *
cm_identity_dialog_new (GtkWindow *parent)
{
  return g_object_new (CM_TYPE_IDENTITY_DIALOG, "transient-for", parent, NULL);
}
