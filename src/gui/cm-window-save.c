/* cm-window-save.c — saving (atomic, with a changed-on-disk check),
 * autosave to the recovery file, and closing with unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-save"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cm-document-io.h"
#include "cm-temporary.h"
#include "cm-window-private.h"

/* ---- saving ------------------------------------------------------------- */

void
cm_window_discard_recovery (CmDocEntry *entry)
{
  g_autofree char *recovery = cm_doc_entry_dup_recovery_path (entry);
  g_autofree char *backup = g_strconcat (recovery, "~", NULL);
  g_autofree char *dir = g_path_get_dirname (recovery);
  g_autofree char *base = g_path_get_basename (recovery);

  g_unlink (recovery);
  g_unlink (backup);
  /* A window killed inside an autosave left its temporary file; saving
   * right after the restore (before any autosave) must not keep it. */
  cm_remove_stale_temporaries (dir, base);
}

gboolean
cm_window_save_entry (CmWindow   *self,
                      CmDocEntry *entry,
                      gboolean    force)
{
  g_autoptr(GError) error = NULL;
  CmDocument *document = cm_doc_entry_get_document (entry);
  const char *path = cm_doc_entry_get_save_path (entry);

  if (document == NULL)
    return TRUE;
  if (entry == self->current)
    cm_inspector_commit_note (self->inspector);
  if (!force && cm_doc_entry_changed_on_disk (entry))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” was changed on disk by another program since it was opened. Saving replaces those changes with yours."), path);
      cm_window_ask (self, CM_QUESTION_OVERWRITE, entry, message, _("_Overwrite"), _("_Cancel"));
      return FALSE;
    }
  if (!cm_document_save (document, path, &error))
    {
      g_autofree char *primary = g_strdup_printf (_("Could not save “%s”; the file on disk was left as it was."), path);
      cm_window_show_error (self, primary, error);
      return FALSE;
    }
  cm_doc_entry_remember_disk (entry);
  cm_doc_entry_set_dirty (entry, FALSE);
  cm_window_discard_recovery (entry);
  cm_application_add_recent (cm_window_get_app (self), path);
  cm_window_hide_error (self);
  cm_window_update_title (self);
  {
    g_autofree char *where = g_filename_display_name (path);
    /* Translators: a short-lived message after saving; %s is the file's path */
    g_autofree char *message = g_strdup_printf (_("Saved to %s"), where);
    cm_window_show_toast (self, message);
  }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  if (self->current)
    cm_window_save_entry (self, self->current, FALSE);
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     CmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->current)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path)
        {
          cm_window_discard_recovery (self->current);
          cm_doc_entry_set_save_path (self->current, path);
          /* The chooser already asked before replacing an existing file. */
          cm_window_save_entry (self, self->current, TRUE);
        }
    }
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save Document As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_path_get_basename (cm_doc_entry_get_save_path (self->current));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- autosave ----------------------------------------------------------- */

/* The document is streamed into the recovery file on the main thread (it
 * may change right after, so no other thread may read it) through a small
 * buffer: a 2 MB policy's JSON is ~30 MB and is never held whole. The copy
 * is renamed into place but not flushed to disk (no fsync() to wait for):
 * it only has to outlive a crash of the app, and the next autosave renews it. */
static void
write_recovery (CmWindow   *self,
                CmDocEntry *entry)
{
  g_autofree char *path = cm_doc_entry_dup_recovery_path (entry);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
    }
  else
    cm_document_save_recovery (cm_doc_entry_get_document (entry), path, &error);
  if (error != NULL)
    cm_window_show_error (self, _("Your edits could not be backed up for recovery. Save soon."), error);
}

static gboolean
autosave_timeout (gpointer user_data)
{
  CmWindow *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  self->autosave_source = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (cm_doc_entry_get_dirty (entry) && cm_doc_entry_get_document (entry) != NULL)
        write_recovery (self, entry);
    }
  return G_SOURCE_REMOVE;
}

void
cm_window_flush_autosave (CmWindow *self)
{
  if (self->autosave_source == 0)
    return;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  autosave_timeout (self);
}

void
cm_window_schedule_autosave (CmWindow *self)
{
  GSettings *settings = cm_application_get_settings (cm_window_get_app (self));
  guint interval = settings ? g_settings_get_uint (settings, "autosave-interval") : 5;

  /* Within the interval of the first unsaved edit, not postponed by more. */
  if (self->autosave_source == 0)
    self->autosave_source = g_timeout_add_seconds (MAX (interval, 1), autosave_timeout, self);
}

/* ---- closing ------------------------------------------------------------ */

/* The titles of the documents with unsaved edits, one a line ("• title"),
 * and how many there are. */
static char *
list_dirty (CmWindow *self,
            guint    *n_dirty)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  GString *titles = g_string_new (NULL);

  *n_dirty = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      if (cm_doc_entry_get_dirty (entry))
        {
          g_string_append_printf (titles, "%s• %s", *n_dirty ? "\n" : "", cm_doc_entry_get_title (entry));
          (*n_dirty)++;
        }
    }
  return g_string_free (titles, FALSE);
}

enum
{
  CLOSE_RESPONSE_DISCARD = 1,
  CLOSE_RESPONSE_SAVE = 2,
};

static gboolean
close_later (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_dialog_response (GtkDialog *dialog,
                          int        response,
                          CmWindow  *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  gboolean close = FALSE;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == CLOSE_RESPONSE_SAVE)
    {
      close = TRUE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
          if (cm_doc_entry_get_dirty (entry) && !cm_window_save_entry (self, entry, FALSE))
            close = FALSE;
        }
    }
  else if (response == CLOSE_RESPONSE_DISCARD)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
          if (cm_doc_entry_get_dirty (entry))
            cm_window_discard_recovery (entry);
        }
      close = TRUE;
    }
  if (close)
    {
      self->close_confirmed = TRUE;
      /* Not from inside the dialog's own signal: the dialog is still being
       * torn down and refers to this window as its parent. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
    }
}

gboolean
cm_window_confirm_close (CmWindow *self)
{
  guint dirty;
  g_autofree char *titles = list_dirty (self, &dirty);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *dialog;

  if (dirty == 0)
    return TRUE;
  /* One document needs no count; for several, every plural form carries the
   * number (a language with a single form, like Chinese, must show it). */
  if (dirty == 1)
    title = g_strdup (_("Save your changes before closing?"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Save your changes to %u document before closing?",
                                          "Save your changes to %u documents before closing?",
                                          dirty), dirty);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", title);
  /* Name the documents: the reviewer may not remember which ones they
   * edited. */
  detail = g_strdup_printf ("%s\n\n%s", titles, _("If you close without saving, your edits are lost."));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("Close _without Saving"), CLOSE_RESPONSE_DISCARD,
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Save"), CLOSE_RESPONSE_SAVE,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), CLOSE_RESPONSE_SAVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- setup -------------------------------------------------------------- */

void
cm_window_class_init_save (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
}
