/* cm-window-learn.c — learning from the reviewers: "Retrain from this
 * corpus" (win.retrain), a corpus's own models used for its documents,
 * re-suggesting the unreviewed clauses with them (one undo step per
 * document), and how many corrections the model has not learnt from yet
 *
 * A corpus is the folder of a Clausemark document; its own models live in
 * <folder>/models/<lang>.cmmodel, with the record of their retrain beside
 * them (cm-corpus-trainer.h). The shipped models are never written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-learn"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-corpus-trainer.h"
#include "cm-document-io.h"
#include "cm-model.h"
#include "cm-widget-task.h"
#include "cm-window-private.h"

/* What the window knows of one corpus folder. */
typedef struct
{
  CmModelSet *models;       /* the shipped set with the corpus's own models in */
  guint       n_own;        /* how many languages have their own */
  GHashTable *disk_counts;  /* document path -> corrections since the last retrain,
                             * read from disk; NULL while being counted */
  guint       counting;     /* counts started, to drop stale results */
} CorpusState;

static void
corpus_state_free (CorpusState *state)
{
  g_clear_object (&state->models);
  g_clear_pointer (&state->disk_counts, g_hash_table_unref);
  g_free (state);
}

static CmModelSet *
shipped_models (CmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->models == NULL)
    {
      self->models = cm_model_set_load_default (&error);
      if (self->models == NULL)
        g_message ("No shipped models: %s", error->message);
    }
  return self->models;
}

char *
cm_window_dup_corpus_dir (CmWindow   *self,
                          CmDocEntry *entry)
{
  const char *source;

  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  source = entry != NULL ? cm_doc_entry_get_source_path (entry) : NULL;
  /* A policy file is no corpus; a Clausemark document's folder is one. */
  if (source == NULL || !cm_path_is_document (source))
    return NULL;
  return g_path_get_dirname (source);
}

static const char *
entry_language (CmDocEntry *entry)
{
  CmDocument *document = cm_doc_entry_get_document (entry);
  const char *language = document != NULL ? cm_document_get_language (document) : NULL;

  return g_strcmp0 (language, "en") == 0 ? "en" : "zh";
}

static void count_on_disk (CmWindow   *self,
                           const char *corpus_dir);

static CorpusState *
corpus_state (CmWindow   *self,
              const char *corpus_dir)
{
  CorpusState *state = g_hash_table_lookup (self->corpus_states, corpus_dir);
  g_autofree char *models_dir = NULL;
  g_autoptr(GError) error = NULL;

  if (state != NULL)
    return state;
  state = g_new0 (CorpusState, 1);
  g_hash_table_insert (self->corpus_states, g_strdup (corpus_dir), state);
  models_dir = g_build_filename (corpus_dir, "models", NULL);
  if (shipped_models (self) != NULL && g_file_test (models_dir, G_FILE_TEST_IS_DIR))
    {
      state->models = cm_model_set_new_with_overrides (self->models, models_dir, &state->n_own, &error);
      if (state->models == NULL)
        {
          g_autofree char *primary = g_strdup_printf (_("This corpus’s own model could not be read; the shipped model suggests labels instead."));
          cm_window_show_error (self, primary, error);
        }
    }
  count_on_disk (self, corpus_dir);
  return state;
}

CmModelSet *
cm_window_models_for_entry (CmWindow   *self,
                            CmDocEntry *entry)
{
  g_autofree char *corpus_dir = NULL;
  CorpusState *state;

  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  corpus_dir = cm_window_dup_corpus_dir (self, entry);
  if (corpus_dir == NULL)
    return self->models;
  state = corpus_state (self, corpus_dir);
  return state->models != NULL && state->n_own > 0 ? state->models : self->models;
}

/* ---- corrections since the last retrain ------------------------------- */

static GDateTime *
trained_time (const char *corpus_dir,
              const char *language)
{
  g_autoptr(CmCorpusModelInfo) info = cm_corpus_model_info_load (corpus_dir, language, NULL);

  return info != NULL ? g_date_time_ref (info->trained) : NULL;
}

typedef struct
{
  char      *corpus_dir;
  GStrv      paths;
  GDateTime *since;  /* nullable */
  guint      generation;
} CountData;

static void
count_data_free (CountData *data)
{
  g_free (data->corpus_dir);
  g_strfreev (data->paths);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_free (data);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *data = task_data;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; data->paths[i] != NULL; i++)
    {
      g_autoptr(CmDocument) document = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* Unreadable documents count nothing; opening them says why. */
      document = cm_document_load (data->paths[i], NULL);
      if (document != NULL)
        g_hash_table_insert (counts, g_strdup (data->paths[i]),
                             GUINT_TO_POINTER (cm_document_count_corrections_since (document, data->since)));
    }
  g_task_return_pointer (task, counts, (GDestroyNotify) g_hash_table_unref);
}

static void
count_ready (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  CountData *data = g_task_get_task_data (G_TASK (res));
  GHashTable *counts = g_task_propagate_pointer (G_TASK (res), NULL);
  CorpusState *state;

  if (counts == NULL)
    return;
  if (self->corpus_states == NULL)  /* the window is going */
    {
      g_hash_table_unref (counts);
      return;
    }
  state = g_hash_table_lookup (self->corpus_states, data->corpus_dir);
  if (state == NULL || state->counting != data->generation)
    {
      g_hash_table_unref (counts);
      return;
    }
  g_clear_pointer (&state->disk_counts, g_hash_table_unref);
  state->disk_counts = counts;
  cm_window_update_model_status (self);
}

/* Counts, in the background, the corrections in the corpus's files since
 * its model of the shown language was trained (documents open in the
 * window are counted live instead). */
static void
count_on_disk (CmWindow   *self,
               const char *corpus_dir)
{
  CorpusState *state = g_hash_table_lookup (self->corpus_states, corpus_dir);
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_autoptr(GTask) task = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  CountData *data;

  g_clear_pointer (&state->disk_counts, g_hash_table_unref);
  data = g_new0 (CountData, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autofree char *dir = cm_window_dup_corpus_dir (self, entry);

      if (g_strcmp0 (dir, corpus_dir) != 0)
        continue;
      if (data->since == NULL && cm_doc_entry_get_document (entry) != NULL)
        data->since = trained_time (corpus_dir, entry_language (entry));
      g_strv_builder_add (paths, cm_doc_entry_get_source_path (entry));
    }
  if (data->since == NULL && self->current != NULL)
    data->since = trained_time (corpus_dir, entry_language (self->current));
  data->corpus_dir = g_strdup (corpus_dir);
  data->paths = g_strv_builder_end (paths);
  data->generation = ++state->counting;
  task = cm_widget_task_new (self, self->learn_cancellable, count_ready, NULL, NULL);
  g_task_set_source_tag (task, count_on_disk);
  g_task_set_task_data (task, data, (GDestroyNotify) count_data_free);
  g_task_run_in_thread (task, count_thread);
}

/* Corrections since @since in the corpus: live for the documents open,
 * from disk for the others. FALSE while the disk is still being read. */
static gboolean
count_corrections (CmWindow    *self,
                   const char  *corpus_dir,
                   CorpusState *state,
                   GDateTime   *since,
                   guint       *n_corrections)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries)), total = 0;

  if (state->disk_counts == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autofree char *dir = cm_window_dup_corpus_dir (self, entry);
      CmDocument *document = cm_doc_entry_get_document (entry);

      if (g_strcmp0 (dir, corpus_dir) != 0)
        continue;
      if (document != NULL)
        total += cm_document_count_corrections_since (document, since);
      else
        total += GPOINTER_TO_UINT (g_hash_table_lookup (state->disk_counts,
                                                        cm_doc_entry_get_source_path (entry)));
    }
  *n_corrections = total;
  return TRUE;
}

char *
cm_window_dup_model_status (CmWindow *self)
{
  g_autofree char *corpus_dir = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *model = NULL;
  g_autofree char *corrections = NULL;
  CorpusState *state;
  const char *language;
  guint n = 0;

  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);

  corpus_dir = cm_window_dup_corpus_dir (self, self->current);
  if (corpus_dir == NULL || cm_doc_entry_get_document (self->current) == NULL)
    return NULL;
  state = corpus_state (self, corpus_dir);
  language = entry_language (self->current);
  since = trained_time (corpus_dir, language);
  if (since != NULL && state->models != NULL
      && cm_model_set_get_model (state->models, language) != cm_model_set_get_model (self->models, language))
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (since);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autoptr(CmCorpusModelInfo) info = cm_corpus_model_info_load (corpus_dir, language, NULL);

      /* Translators: where the suggestions come from; the date the model
       * was trained and on how many reviewed clauses */
      model = g_strdup_printf (ngettext ("Suggestions: this corpus’s own model (models/%s.cmmodel), trained %s on %u reviewed clause.",
                                         "Suggestions: this corpus’s own model (models/%s.cmmodel), trained %s on %u reviewed clauses.",
                                         info != NULL ? info->n_clauses : 0),
                               language, when, info != NULL ? info->n_clauses : 0);
    }
  else
    model = g_strdup (_("Suggestions: the shipped model (this corpus has no model of its own yet)."));
  if (!count_corrections (self, corpus_dir, state, since, &n))
    corrections = g_strdup (_("Counting corrections…"));
  else if (since != NULL)
    corrections = g_strdup_printf (ngettext ("%u correction since it was trained (Retrain: Ctrl+Shift+T).",
                                             "%u corrections since it was trained (Retrain: Ctrl+Shift+T).", n), n);
  else
    corrections = g_strdup_printf (ngettext ("%u correction in this corpus to learn from (Retrain: Ctrl+Shift+T).",
                                             "%u corrections in this corpus to learn from (Retrain: Ctrl+Shift+T).", n), n);
  return g_strdup_printf ("%s %s", model, corrections);
}

void
cm_window_update_model_status (CmWindow *self)
{
  g_autofree char *status = NULL;

  g_return_if_fail (CM_IS_WINDOW (self));
  status = cm_window_dup_model_status (self);
  cm_inspector_set_model_status (self->inspector, status);
}

/* ---- re-suggesting ---------------------------------------------------- */

#define RESUGGEST_STEP N_("Re-suggest unreviewed clauses")

/* The corpus's document entries, in the sidebar's order. */
static GPtrArray *
corpus_entries (CmWindow   *self,
                const char *corpus_dir)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autofree char *dir = cm_window_dup_corpus_dir (self, entry);

      if (g_strcmp0 (dir, corpus_dir) == 0)
        g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  return entries;
}

/* After a change of the whole of @entry's document. */
static void
after_document_edit (CmWindow   *self,
                     CmDocEntry *entry,
                     guint       n_clauses)
{
  if (entry == self->current)
    {
      cm_window_after_edit (self, 0, n_clauses);
      /* The suggestions changed under the inspector too. */
      cm_inspector_set_clause (self->inspector, cm_inspector_get_clause (self->inspector));
      return;
    }
  cm_doc_entry_set_dirty (entry, TRUE);
  cm_doc_entry_recount (entry);
  cm_window_schedule_autosave (self);
}

typedef struct
{
  GPtrArray *entries;    /* of CmDocEntry */
  GPtrArray *paths;      /* of char*: those not loaded yet, NULL for the others */
  GPtrArray *documents;  /* of CmDocument, or NULL, filled by the thread */
} LoadAllData;

static void
unref_if_any (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
load_all_data_free (LoadAllData *data)
{
  g_ptr_array_unref (data->entries);
  g_ptr_array_unref (data->paths);
  g_ptr_array_unref (data->documents);
  g_free (data);
}

static void
load_all_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LoadAllData *data = task_data;

  for (guint i = 0; i < data->paths->len; i++)
    {
      const char *path = g_ptr_array_index (data->paths, i);
      GError *error = NULL;
      CmDocument *document = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (path != NULL && (document = cm_document_load (path, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (data->documents, document);
    }
  g_task_return_boolean (task, TRUE);
}

static void
resuggest_loaded (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  LoadAllData *data = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  CmModelSet *models;
  guint n_changed = 0, n_clauses = 0;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cm_window_show_error (self, _("Nothing was re-suggested: a document of the corpus could not be read."), error);
      return;
    }
  g_ptr_array_set_size (self->resuggested, 0);
  for (guint i = 0; i < data->entries->len; i++)
    {
      CmDocEntry *entry = g_ptr_array_index (data->entries, i);
      CmDocument *loaded = g_ptr_array_index (data->documents, i);
      CmDocument *document;
      CmUndoStack *undo;
      guint n;

      /* Loaded meanwhile by the reviewer: theirs wins. */
      if (loaded != NULL && cm_doc_entry_get_document (entry) == NULL)
        {
          cm_doc_entry_set_document (entry, loaded);
          cm_doc_entry_remember_disk (entry);
        }
      document = cm_doc_entry_get_document (entry);
      if (document == NULL)
        continue;
      models = cm_window_models_for_entry (self, entry);
      if (models == NULL)
        continue;
      n = cm_document_get_n_clauses (document);
      for (guint c = 0; c < n; c++)
        {
          CmClause *clause = cm_document_get_clause (document, c);
          n_clauses += cm_clause_is_labelable (clause)
                       && cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED;
        }
      /* One step per document: its whole run of clauses before and after. */
      undo = cm_doc_entry_get_undo_stack (entry);
      cm_undo_stack_begin (undo, _(RESUGGEST_STEP), 0, n);
      n_changed += cm_model_set_annotate_unreviewed (models, document);
      cm_undo_stack_end (undo, n);
      g_ptr_array_add (self->resuggested, g_object_ref (entry));
      after_document_edit (self, entry, n);
    }
  cm_window_update_actions (self);
  if (self->retrain_dialog != NULL)
    cm_retrain_dialog_show_resuggested (self->retrain_dialog, n_changed, n_clauses,
                                        self->resuggested->len);
}

void
cm_window_resuggest_corpus (CmWindow   *self,
                            const char *corpus_dir)
{
  g_autoptr(GTask) task = NULL;
  LoadAllData *data;

  g_return_if_fail (CM_IS_WINDOW (self) && corpus_dir != NULL);

  data = g_new0 (LoadAllData, 1);
  data->entries = corpus_entries (self, corpus_dir);
  data->paths = g_ptr_array_new_with_free_func (g_free);
  data->documents = g_ptr_array_new_with_free_func (unref_if_any);
  /* The documents not opened yet are read in the background, then all
   * are relabelled here, where their histories live. */
  for (guint i = 0; i < data->entries->len; i++)
    {
      CmDocEntry *entry = g_ptr_array_index (data->entries, i);
      g_ptr_array_add (data->paths, cm_doc_entry_get_document (entry) == NULL
                                    ? g_strdup (cm_doc_entry_get_source_path (entry)) : NULL);
    }
  task = cm_widget_task_new (self, self->learn_cancellable, resuggest_loaded, NULL, NULL);
  g_task_set_source_tag (task, cm_window_resuggest_corpus);
  g_task_set_task_data (task, data, (GDestroyNotify) load_all_data_free);
  g_task_run_in_thread (task, load_all_thread);
}

static void
undo_resuggest (CmWindow *self)
{
  for (guint i = 0; i < self->resuggested->len; i++)
    {
      CmDocEntry *entry = g_ptr_array_index (self->resuggested, i);
      CmUndoStack *undo = cm_doc_entry_get_undo_stack (entry);
      guint n = 0;

      /* Only where re-suggesting is still the last edit. */
      if (g_strcmp0 (cm_undo_stack_peek_undo (undo), _(RESUGGEST_STEP)) != 0)
        continue;
      if (cm_undo_stack_undo (undo, &n) >= 0)
        after_document_edit (self, entry, n);
    }
  g_ptr_array_set_size (self->resuggested, 0);
  cm_window_update_actions (self);
}

/* ---- the dialog ------------------------------------------------------- */

static void
on_model_kept (CmRetrainDialog *dialog,
               CmWindow        *self)
{
  const char *corpus_dir = g_object_get_data (G_OBJECT (dialog), "corpus-dir");

  /* Read again: the corpus's documents now use the new model. */
  g_hash_table_remove (self->corpus_states, corpus_dir);
  cm_inspector_set_models (self->inspector, cm_window_models_for_entry (self, self->current));
  cm_window_update_model_status (self);
}

static void
on_resuggest (CmRetrainDialog *dialog,
              CmWindow        *self)
{
  cm_window_resuggest_corpus (self, g_object_get_data (G_OBJECT (dialog), "corpus-dir"));
}

static void
on_undo_resuggest (CmRetrainDialog *dialog,
                   CmWindow        *self)
{
  undo_resuggest (self);
}

static void
on_dialog_destroyed (CmWindow *self)
{
  self->retrain_dialog = NULL;
}

/* The corpus's unsaved documents are saved first: training reads the
 * files. FALSE when one could not be. */
static gboolean
save_corpus (CmWindow   *self,
             const char *corpus_dir)
{
  g_autoptr(GPtrArray) entries = corpus_entries (self, corpus_dir);

  for (guint i = 0; i < entries->len; i++)
    {
      CmDocEntry *entry = g_ptr_array_index (entries, i);

      if (cm_doc_entry_get_dirty (entry) && !cm_window_save_entry (self, entry, FALSE))
        return FALSE;
    }
  return TRUE;
}

static void
retrain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  g_autofree char *corpus_dir = cm_window_dup_corpus_dir (self, self->current);
  CmModelSet *shipped = shipped_models (self);
  g_autoptr(GPtrArray) models = g_ptr_array_new ();
  g_auto(GStrv) languages = NULL;
  const char *language;
  CmModel *model;

  if (self->retrain_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->retrain_dialog));
      return;
    }
  if (corpus_dir == NULL)
    {
      cm_window_show_error (self, _("Retraining learns from a corpus: open a folder of reviewed Clausemark documents (Open Folder…), or save this review first and open its folder."), NULL);
      return;
    }
  language = entry_language (self->current);
  model = shipped != NULL ? cm_model_set_get_model (shipped, language) : NULL;
  if (model == NULL)
    {
      cm_window_show_error (self, _("There is no shipped model of this language to start from."), NULL);
      return;
    }
  if (!save_corpus (self, corpus_dir))
    return;

  /* Every language the shipped models know, the shown document's first:
   * the dialog retrains those the reviewers gave enough clauses. */
  g_ptr_array_add (models, model);
  languages = cm_model_set_dup_languages (shipped);
  for (guint i = 0; languages[i] != NULL; i++)
    if (!g_str_equal (languages[i], language))
      g_ptr_array_add (models, cm_model_set_get_model (shipped, languages[i]));

  self->retrain_dialog = cm_retrain_dialog_new (GTK_WINDOW (self), corpus_dir, models, self->taxonomy);
  g_object_set_data_full (G_OBJECT (self->retrain_dialog), "corpus-dir", g_strdup (corpus_dir), g_free);
  g_signal_connect (self->retrain_dialog, "kept", G_CALLBACK (on_model_kept), self);
  g_signal_connect (self->retrain_dialog, "resuggest", G_CALLBACK (on_resuggest), self);
  g_signal_connect (self->retrain_dialog, "undo-resuggest", G_CALLBACK (on_undo_resuggest), self);
  g_signal_connect_swapped (self->retrain_dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self);
  gtk_window_present (GTK_WINDOW (self->retrain_dialog));
}

CmRetrainDialog *
cm_window_get_retrain_dialog (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return self->retrain_dialog;
}

void
cm_window_learn_update_actions (CmWindow *self)
{
  g_autofree char *corpus_dir = cm_window_dup_corpus_dir (self, self->current);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retrain",
                                 corpus_dir != NULL && !cm_window_is_busy (self));
}

void
cm_window_class_init_learn (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.retrain", NULL, retrain_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.retrain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.retrain", NULL);
}

void
cm_window_init_learn (CmWindow *self)
{
  self->corpus_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) corpus_state_free);
  self->learn_cancellable = g_cancellable_new ();
  self->resuggested = g_ptr_array_new_with_free_func (g_object_unref);
}

void
cm_window_dispose_learn (CmWindow *self)
{
  if (self->learn_cancellable != NULL)
    g_cancellable_cancel (self->learn_cancellable);
  g_clear_object (&self->learn_cancellable);
  if (self->retrain_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->retrain_dialog));
  g_clear_pointer (&self->corpus_states, g_hash_table_unref);
  g_clear_pointer (&self->resuggested, g_ptr_array_unref);
}
