/* cm-window-join.c — opening several annotators' copies of the same
 * documents joins them (cm-merge.h), in a GTask thread
 *
 * Opened together, Clausemark documents or corpus folders that hold two or
 * more copies of a document (the same id) become one joined document per
 * id, with every annotator's answers: it opens unsaved, to be saved beside
 * the first copy as "<id>.joined.clausemark.json"; the copies themselves
 * are never written. When the copies' texts differ, nothing is opened and
 * the error names the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-join"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-merge.h"
#include "cm-widget-task.h"
#include "cm-window-private.h"

typedef struct
{
  GStrv      paths;
  gboolean   blind;      /* one of the copies' corpora asks for blind labelling */
} JoinData;

typedef struct
{
  GPtrArray *documents;  /* joined CmDocument, by id */
  GPtrArray *copies;     /* per document: GStrv of the files it was joined from */
} JoinResult;

static void
join_data_free (JoinData *data)
{
  g_strfreev (data->paths);
  g_free (data);
}

static void
join_result_free (JoinResult *result)
{
  g_ptr_array_unref (result->documents);
  g_ptr_array_unref (result->copies);
  g_free (result);
}

/* Opened together: only Clausemark documents and folders, two or more. */
static gboolean
looks_like_copies (char **paths,
                   guint  n_paths)
{
  if (n_paths < 2)
    return FALSE;
  for (guint i = 0; i < n_paths; i++)
    if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR) && !cm_path_is_document (paths[i]))
      return FALSE;
  return TRUE;
}

static void
join_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JoinData *data = task_data;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) joined = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_strv_builder_unref);
  g_autoptr(GError) error = NULL;
  gboolean any_joined = FALSE;
  JoinResult *result;

  loaded = cm_merge_load ((const char * const *) data->paths, cancellable, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Which files each document comes from. */
  for (guint i = 0; i < loaded->len; i++)
    {
      CmDocument *document = g_ptr_array_index (loaded, i);
      GStrvBuilder *files = g_hash_table_lookup (sources, cm_document_get_id (document));

      if (files == NULL)
        g_hash_table_insert (sources, (gpointer) cm_document_get_id (document), files = g_strv_builder_new ());
      else
        any_joined = TRUE;
      g_strv_builder_add (files, cm_merge_get_path (document));
    }
  /* Nothing to join: opened as usual (NULL result). */
  if (!any_joined)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  joined = cm_merge_join (loaded, &error);
  if (joined == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (JoinResult, 1);
  result->documents = g_steal_pointer (&joined);
  result->copies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < result->documents->len; i++)
    {
      CmDocument *document = g_ptr_array_index (result->documents, i);
      GStrvBuilder *files = g_hash_table_lookup (sources, cm_document_get_id (document));
      g_ptr_array_add (result->copies, files ? g_strv_builder_end (files) : g_new0 (char *, 1));
    }
  g_task_return_pointer (task, result, (GDestroyNotify) join_result_free);
}

/* One entry per document: a joined one unsaved, beside its first copy. */
static CmDocEntry *
add_joined_entry (CmWindow   *self,
                  CmDocument *document,
                  char      **copies,
                  gboolean    blind)
{
  g_autoptr(CmDocEntry) entry = NULL;
  guint n_copies = g_strv_length (copies);

  if (n_copies == 0)
    return NULL;
  entry = cm_doc_entry_new (copies[0]);
  if (n_copies > 1)
    {
      g_autofree char *dir = g_path_get_dirname (copies[0]);
      g_autofree char *name = g_strconcat (cm_document_get_id (document), ".joined.clausemark.json", NULL);
      g_autofree char *save = g_build_filename (dir, name, NULL);
      /* Translators: a sidebar title: the document, how many annotators' copies were joined */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (joined from %u copy)",
                                                             "%s (joined from %u copies)", n_copies),
                                                cm_document_get_title (document) ? cm_document_get_title (document)
                                                                                 : cm_document_get_id (document),
                                                n_copies);
      cm_doc_entry_set_save_path (entry, save);
      cm_doc_entry_set_title (entry, title);
    }
  cm_doc_entry_set_document (entry, document);
  cm_doc_entry_set_blind (entry, blind);
  cm_doc_entry_remember_disk (entry);
  /* Only in memory yet: Save writes it (the copies stay as they are). */
  cm_doc_entry_set_dirty (entry, n_copies > 1);
  cm_doc_entry_recount (entry);
  g_list_store_append (self->entries, entry);
  return entry;
}

static void
join_ready (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  g_auto(GStrv) paths = user_data;
  g_autoptr(GError) error = NULL;
  JoinData *data = g_task_get_task_data (G_TASK (res));
  JoinResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  CmDocEntry *first = NULL;

  self->joining = FALSE;
  gtk_spinner_set_spinning (self->header_spinner, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error)
    {
      g_autofree char *text = g_strdup_printf (_("The annotators’ copies could not be joined, and nothing was opened or changed: %s"),
                                               error->message);
      cm_window_show_error (self, text, NULL);
      return;
    }
  if (result == NULL)
    {
      cm_window_open_paths_now (self, (const char * const *) paths);
      return;
    }
  for (guint i = 0; i < result->documents->len; i++)
    {
      CmDocEntry *entry = add_joined_entry (self, g_ptr_array_index (result->documents, i),
                                            g_ptr_array_index (result->copies, i), data->blind);
      if (first == NULL)
        first = entry;
    }
  join_result_free (result);
  cm_window_hide_error (self);
  if (first)
    cm_window_show_entry (self, first);
}

gboolean
cm_window_join_copies (CmWindow           *self,
                       const char * const *paths)
{
  g_autoptr(GTask) task = NULL;
  JoinData *data;
  guint n = g_strv_length ((char **) paths);

  if (!looks_like_copies ((char **) paths, n))
    return FALSE;

  data = g_new0 (JoinData, 1);
  data->paths = g_strdupv ((char **) paths);
  for (guint i = 0; i < n; i++)
    data->blind |= cm_corpus_is_blind_for (paths[i]);
  self->joining = TRUE;
  gtk_spinner_set_spinning (self->header_spinner, TRUE);
  task = cm_widget_task_new (self, self->cancellable, join_ready, g_strdupv ((char **) paths),
                             (GDestroyNotify) g_strfreev);
  g_task_set_source_tag (task, cm_window_join_copies);
  g_task_set_task_data (task, data, (GDestroyNotify) join_data_free);
  g_task_run_in_thread (task, join_thread);
  return TRUE;
}
