/* cm-window-io.c — opening files and corpus folders, recent files, drag and
 * drop, the recovery question (the loading itself, in the background, is in
 * cm-window-load.c; saving in cm-window-save.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-io"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-window-private.h"

static void
cancel_loading_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* ---- opening ------------------------------------------------------------ */

static CmDocEntry *
find_entry (CmWindow   *self,
            const char *path)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      if (g_strcmp0 (cm_doc_entry_get_source_path (entry), path) == 0)
        return entry;
    }
  return NULL;
}

static CmDocEntry *
add_entry (CmWindow   *self,
           const char *path)
{
  CmDocEntry *entry = find_entry (self, path);

  if (entry == NULL)
    {
      g_autoptr(CmDocEntry) created = cm_doc_entry_new (path);

      /* Its corpus decides whether its annotators label blind. */
      cm_doc_entry_set_blind (created, cm_corpus_is_blind_for (path));
      g_list_store_append (self->entries, created);
      entry = created;
    }
  return entry;
}

/* A corpus folder: one entry per document in it. */
static CmDocEntry *
add_corpus (CmWindow   *self,
            const char *directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCorpus) corpus = cm_corpus_open (directory, FALSE, &error);
  g_auto(GStrv) names = NULL;
  CmDocEntry *first = NULL;

  if (corpus == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("Could not open the folder “%s”."), directory);
      cm_window_show_error (self, primary, error);
      return NULL;
    }
  names = cm_corpus_list_documents (corpus);
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *path = g_build_filename (directory, names[i], NULL);
      CmDocEntry *entry = add_entry (self, path);
      if (first == NULL)
        first = entry;
    }
  if (first == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("The folder “%s” holds no Clausemark documents."), directory);
      cm_window_show_error (self, primary, NULL);
    }
  return first;
}

void
cm_window_open_paths_now (CmWindow           *self,
                          const char * const *paths)
{
  CmDocEntry *first = NULL;

  for (guint i = 0; paths[i]; i++)
    {
      const char *path = paths[i];
      CmDocEntry *entry;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        entry = add_corpus (self, path);
      else
        {
          entry = add_entry (self, path);
          /* a corpus's documents load when chosen; files given one by one now */
          if (first != NULL && cm_doc_entry_get_document (entry) == NULL)
            g_queue_push_tail (&self->load_queue, g_object_ref (entry));
        }
      if (first == NULL)
        first = entry;
    }
  if (first)
    cm_window_show_entry (self, first);
  cm_window_load_next_queued (self);
}

void
cm_window_open_files (CmWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (CM_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *primary = g_strdup_printf (_("Could not open “%s”: only local files can be opened."), uri);
          cm_window_show_error (self, primary, NULL);
          continue;
        }
      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  /* Several annotators' copies of the same documents are joined first. */
  if (!cm_window_join_copies (self, (const char * const *) paths))
    cm_window_open_paths_now (self, (const char * const *) paths);
}

void
cm_window_open_path (CmWindow   *self,
                     const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_return_if_fail (CM_IS_WINDOW (self));
  cm_window_open_files (self, &file, 1);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  CmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      cm_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (dialog);
}

/* Every format the loaders read (cm_loader_formats()): the PDF, Word,
 * OpenDocument and MHTML files were hidden behind "All files". */
GtkFileFilter *
cm_window_new_policy_filter (void)
{
  static const char *const mime_types[] = {
    "text/plain", "text/html", "text/markdown", "application/json", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text", "multipart/related",
    "application/x-mimearchive",
  };
  static const char *const suffixes[] = {
    "txt", "text", "html", "htm", "md", "markdown", "json", "pdf", "docx", "odt", "mht", "mhtml",
  };
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Policies and Clausemark documents"));
  for (gsize i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
add_filters (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = cm_window_new_policy_filter ();

  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  gboolean folder = g_str_equal (action_name, "win.open-folder");
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (folder ? _("Open a Corpus Folder") : _("Open Policies or Documents"),
                                        GTK_WINDOW (self),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
      add_filters (GTK_FILE_CHOOSER (dialog));
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  cm_window_open_path (CM_WINDOW (widget), g_variant_get_string (param, NULL));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CmWindow      *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  cm_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

static void
on_sidebar_document_activated (CmWindow   *self,
                               CmDocEntry *entry)
{
  if (entry != self->current)
    cm_window_show_entry (self, entry);
}

/* ---- recent files ------------------------------------------------------- */

static void
on_recent_row_activated (CmWindow      *self,
                         GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path)
    cm_window_open_path (self, path);
}

void
cm_window_update_recent (CmWindow *self)
{
  GSettings *settings = cm_application_get_settings (cm_window_get_app (self));
  g_auto(GStrv) recent = settings ? g_settings_get_strv (settings, "recent-files") : NULL;
  GtkWidget *child;
  guint shown = 0;

  g_menu_remove_all (self->recent_submenu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent && recent[i]; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      GtkWidget *row, *box, *title, *path;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);
        g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
        g_menu_append_item (self->recent_submenu, item);
      }

      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      title = gtk_label_new (name);
      path = gtk_label_new (recent[i]);
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_label_set_xalign (GTK_LABEL (path), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (path, "dim-label");
      gtk_widget_add_css_class (path, "caption");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), path);
      gtk_widget_add_css_class (box, "recent-row");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
}

/* ---- questions ---------------------------------------------------------- */

void
cm_window_answer_question (CmWindow   *self,
                           CmQuestion  question,
                           CmDocEntry *entry,
                           gboolean    accepted)
{
  if (entry == NULL)
    return;
  switch (question)
    {
    case CM_QUESTION_RESTORE:
      if (accepted)
        cm_window_restore_recovery (self, entry);
      else
        {
          g_clear_object (&self->recovered);
          g_clear_object (&self->question_entry_pending);
          cm_window_discard_recovery (entry);
        }
      break;
    case CM_QUESTION_OVERWRITE:
      if (accepted)
        cm_window_save_entry (self, entry, TRUE);
      break;
    case CM_QUESTION_NONE:
    default:
      break;
    }
}

/* ---- setup -------------------------------------------------------------- */

void
cm_window_class_init_io (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL, cancel_loading_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-loading", NULL);

  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_document_activated);
}

void
cm_window_init_io (CmWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
