/* cm-window-io.c — opening (in the background), recovery of unsaved edits,
 * recent files, drag and drop (saving is in cm-window-save.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cm-annotate.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-taxonomy.h"
#include "cm-window-private.h"

#define DEFAULT_TAXONOMY "privacy-11"

/* ---- loading in the background ------------------------------------------ */

typedef struct
{
  char          *path;
  char          *save_path;
  char          *recovery_path;
  CmGranularity  granularity;
  gboolean       need_models;
  gboolean       need_taxonomy;
  gboolean       background;    /* opened with others: the shown one stays */
  CmModelSet    *models;
  CmFlagger     *flagger;
  CmTaxonomy    *taxonomy;
} LoadData;

typedef struct
{
  CmDocument *document;
  CmDocument *partner;   /* the English half of a two-language file */
  CmDocument *recovered; /* unsaved edits found in the recovery file */
  CmModelSet *models;
  CmFlagger  *flagger;
  CmTaxonomy *taxonomy;
} LoadResult;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->save_path);
  g_free (data->recovery_path);
  g_clear_object (&data->models);
  g_clear_object (&data->flagger);
  g_clear_object (&data->taxonomy);
  g_free (data);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->document);
  g_clear_object (&result->partner);
  g_clear_object (&result->recovered);
  g_clear_object (&result->models);
  g_clear_object (&result->flagger);
  g_clear_object (&result->taxonomy);
  g_free (result);
}

static CmDocument *
load_saved_review (const char *source_path,
                   const char *save_path)
{
  g_autoptr(CmDocument) saved = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) error = NULL;

  saved = cm_document_load (save_path, &error);
  if (saved == NULL)
    {
      g_message ("Not continuing from %s: %s", save_path, error->message);
      return NULL;
    }
  mapped = g_mapped_file_new (source_path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *) g_mapped_file_get_contents (mapped),
                                        g_mapped_file_get_length (mapped));
  if (g_strcmp0 (sha256, cm_document_get_source_sha256 (saved)) != 0)
    return NULL;
  return g_steal_pointer (&saved);
}

static gboolean
recovery_is_newer (const char *save_path,
                   const char *recovery)
{
  g_autoptr(GFile) recovery_file = g_file_new_for_path (recovery);
  g_autoptr(GFile) save_file = g_file_new_for_path (save_path);
  g_autoptr(GFileInfo) recovery_info = NULL;
  g_autoptr(GFileInfo) save_info = NULL;
  g_autoptr(GDateTime) recovery_time = NULL;
  g_autoptr(GDateTime) save_time = NULL;

  recovery_info = g_file_query_info (recovery_file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                     G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0, NULL, NULL);
  if (recovery_info == NULL)
    return FALSE;
  save_info = g_file_query_info (save_file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0, NULL, NULL);
  if (save_info == NULL)
    return TRUE;
  recovery_time = g_file_info_get_modification_date_time (recovery_info);
  save_time = g_file_info_get_modification_date_time (save_info);
  return g_date_time_compare (recovery_time, save_time) > 0;
}

/* After a crash or a kill, the recovery file holds edits never saved: read
 * it here, off the main thread (it may be megabytes), if it is newer than
 * the saved file and was made from the same source text. */
static CmDocument *
find_recovery (LoadData   *data,
               CmDocument *document)
{
  g_autoptr(CmDocument) recovered = NULL;
  g_autoptr(GError) error = NULL;

  if (!recovery_is_newer (data->save_path, data->recovery_path))
    return NULL;
  recovered = cm_document_load (data->recovery_path, &error);
  if (recovered == NULL)
    {
      g_message ("Ignoring recovery file %s: %s", data->recovery_path, error->message);
      return NULL;
    }
  /* Edits made on another version of the source text do not fit this one. */
  if (cm_document_get_source_sha256 (recovered) && cm_document_get_source_sha256 (document)
      && g_strcmp0 (cm_document_get_source_sha256 (recovered), cm_document_get_source_sha256 (document)) != 0)
    {
      g_message ("Ignoring recovery file %s: it belongs to another version of %s",
                 data->recovery_path, data->path);
      return NULL;
    }
  return g_steal_pointer (&recovered);
}

/* Loads, segments and labels a policy file. A file holding a Chinese and
 * an English version one after the other (as scraped policies often do)
 * becomes two linked documents: the first returned, the other in @partner. */
static CmDocument *
annotate_policy (const char               *path,
                 const CmAnnotateOptions  *options,
                 CmDocument              **partner,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, error);
  g_autofree char *id = NULL;
  gsize switch_offset;
  const char *first, *second;
  CmDocument *zh = NULL, *en = NULL;

  if (loaded == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  id = cm_document_id_for_path (path);
  if (!cm_find_language_switch (loaded->text, loaded->size, &switch_offset, &first, &second))
    return cm_annotate_loaded (loaded, id, options);

  if (!cm_split_pair (loaded, id, options->granularity, &zh, &en, error))
    return NULL;
  if (options->models)
    {
      cm_model_set_annotate_document (options->models, zh);
      cm_model_set_annotate_document (options->models, en);
    }
  if (options->flagger)
    {
      cm_flagger_flag_document (options->flagger, zh);
      cm_flagger_flag_document (options->flagger, en);
    }
  for (CmDocument *d = zh; d; d = d == zh ? en : NULL)
    if (cm_document_get_taxonomy_id (d) == NULL)
      cm_document_set_taxonomy_id (d, options->taxonomy ? options->taxonomy : DEFAULT_TAXONOMY);
  *partner = en;
  return zh;
}

/* Whether any model or rule has scored a clause of @document. */
static gboolean
document_was_flagged (CmDocument *document)
{
  guint n = cm_document_get_n_clauses (document);

  for (guint i = 0; i < n; i++)
    for (CmFlag f = 0; f < CM_N_FLAGS; f++)
      if (cm_clause_get_flag_score (cm_document_get_clause (document, i), f) >= 0)
        return TRUE;
  return FALSE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(CmModelSet) models = data->models ? g_object_ref (data->models) : NULL;
  g_autoptr(CmFlagger) flagger = data->flagger ? g_object_ref (data->flagger) : NULL;
  g_autoptr(CmTaxonomy) taxonomy = data->taxonomy ? g_object_ref (data->taxonomy) : NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmDocument) partner = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  LoadResult *result;

  gint64 t0 = g_get_monotonic_time ();

  if (data->need_models && models == NULL)
    {
      g_autoptr(GError) models_error = NULL;
      models = cm_model_set_load_default (&models_error);
      /* Without models the reviewer still labels by hand. */
      if (models == NULL)
        g_message ("No label suggestions: %s", models_error->message);
    }
  if (data->need_models && flagger == NULL)
    {
      g_autoptr(GError) flagger_error = NULL;
      flagger = cm_flagger_load_default (&flagger_error);
      /* Without flag models the reviewer still flags by hand. */
      if (flagger == NULL)
        g_message ("No clause flags: %s", flagger_error->message);
    }

  /* Reopening a policy already reviewed continues that review: its saved
   * document is used when it was made from exactly these bytes. */
  if (g_strcmp0 (data->save_path, data->path) != 0 && cm_path_is_document (data->save_path))
    document = load_saved_review (data->path, data->save_path);

  /* A .json file is a document or nothing: reading someone else's JSON as
   * policy text would only produce nonsense clauses. */
  if (document == NULL && g_str_has_suffix (data->path, ".json") && !cm_path_is_document (data->path))
    {
      document = cm_document_load (data->path, &error);
      if (document == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  cm_annotate_options_init (&options);
  options.granularity = data->granularity;
  options.models = models;
  options.flagger = flagger;
  if (g_getenv ("CLAUSEMARK_BENCH"))
    g_print ("clausemark-bench: models_ms=%.1f\n", (g_get_monotonic_time () - t0) / 1000.0);
  if (document == NULL && cm_path_is_document (data->path))
    document = cm_document_load (data->path, &error);
  else if (document == NULL)
    document = annotate_policy (data->path, &options, &partner, cancellable, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  /* A document saved before flags existed is flagged once, as it opens. */
  if (flagger != NULL && !document_was_flagged (document))
    cm_flagger_flag_document (flagger, document);

  if (taxonomy == NULL
      || g_strcmp0 (cm_taxonomy_get_id (taxonomy), cm_document_get_taxonomy_id (document)) != 0)
    {
      const char *id = cm_document_get_taxonomy_id (document);
      g_autofree char *folder = g_path_get_dirname (data->path);

      g_clear_object (&taxonomy);
      /* A document names a taxonomy id, never a path to read. */
      taxonomy = cm_taxonomy_load_named (id && *id ? id : DEFAULT_TAXONOMY, folder, &error);
      if (taxonomy == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (g_getenv ("CLAUSEMARK_BENCH"))
    g_print ("clausemark-bench: loaded_ms=%.1f\n", (g_get_monotonic_time () - t0) / 1000.0);
  result = g_new0 (LoadResult, 1);
  result->document = g_steal_pointer (&document);
  result->partner = g_steal_pointer (&partner);
  result->recovered = find_recovery (data, result->document);
  result->models = g_steal_pointer (&models);
  result->flagger = g_steal_pointer (&flagger);
  result->taxonomy = g_steal_pointer (&taxonomy);
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
set_loading (CmWindow   *self,
             CmDocEntry *entry)
{
  g_set_object (&self->loading, entry);
  gtk_spinner_set_spinning (self->loading_spinner, entry != NULL);
  gtk_spinner_set_spinning (self->header_spinner, entry != NULL);
  cm_window_update_actions (self);
}

static void
restore_recovery (CmWindow   *self,
                  CmDocEntry *entry)
{
  g_autofree char *recovery = cm_doc_entry_dup_recovery_path (entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = NULL;

  if (self->recovered && entry == self->question_entry_pending)
    document = g_steal_pointer (&self->recovered);
  else
    document = cm_document_load (recovery, &error);
  g_clear_object (&self->recovered);
  g_clear_object (&self->question_entry_pending);
  if (document == NULL)
    {
      cm_window_show_error (self, _("The recovered edits could not be read; the document is shown as last saved."), error);
      return;
    }
  cm_doc_entry_set_document (entry, document);
  cm_doc_entry_set_dirty (entry, TRUE);
  cm_window_show_entry (self, entry);
}

static void
offer_recovery (CmWindow   *self,
                CmDocEntry *entry,
                CmDocument *recovered)
{
  g_autofree char *message = NULL;

  g_set_object (&self->recovered, recovered);
  g_set_object (&self->question_entry_pending, entry);
  if (g_strcmp0 (g_getenv ("CLAUSEMARK_AUTO_RESTORE"), "1") == 0)
    {
      restore_recovery (self, entry);
      return;
    }
  message = g_strdup_printf (_("“%s” has edits that were never saved (Clausemark was closed unexpectedly). Restore them?"),
                             cm_doc_entry_get_title (entry));
  cm_window_ask (self, CM_QUESTION_RESTORE, entry, message, _("_Restore"), _("_Discard"));
}

/* The two halves of a two-language file: one entry each, saved apart. */
static void
add_pair_partner (CmWindow   *self,
                  CmDocEntry *entry,
                  CmDocument *document,
                  CmDocument *partner)
{
  const char *source = cm_doc_entry_get_source_path (entry);
  g_autofree char *dir = g_path_get_dirname (source);
  g_autofree char *name = g_path_get_basename (source);
  g_autoptr(CmDocEntry) other = cm_doc_entry_new (source);
  /* Read once: the first pass retitles @entry. */
  g_autofree char *base_title = g_strdup (cm_doc_entry_get_title (entry));
  guint position;
  char *dot = strrchr (name, '.');

  if (dot && dot != name)
    *dot = '\0';
  for (guint i = 0; i < 2; i++)
    {
      CmDocEntry *e = i == 0 ? entry : other;
      CmDocument *d = i == 0 ? document : partner;
      const char *lang = cm_document_get_language (d) ? cm_document_get_language (d) : (i == 0 ? "zh" : "en");
      g_autofree char *file = g_strdup_printf ("%s-%s.clausemark.json", name, lang);
      g_autofree char *save = g_build_filename (dir, file, NULL);
      /* Translators: a sidebar title: file name and the language of its half */
      g_autofree char *title = g_strdup_printf (_("%s (%s)"), base_title,
                                                g_strcmp0 (lang, "zh") == 0 ? _("Chinese") : _("English"));

      cm_doc_entry_set_save_path (e, save);
      cm_doc_entry_set_title (e, title);
    }
  cm_doc_entry_set_document (other, partner);
  cm_doc_entry_remember_disk (other);
  if (g_list_store_find (self->entries, entry, &position))
    g_list_store_insert (self->entries, position + 1, other);
  else
    g_list_store_append (self->entries, other);
}

static void load_entry (CmWindow   *self,
                        CmDocEntry *entry,
                        gboolean    background);

/* Files opened together load one after the other, in the background once
 * one is shown, so that every failure is reported and none is dropped. */
static void
load_next_queued (CmWindow *self)
{
  CmDocEntry *entry;

  if (self->loading != NULL)
    return;
  while ((entry = g_queue_pop_head (&self->load_queue)))
    {
      g_autoptr(CmDocEntry) owned = entry;

      if (cm_doc_entry_get_document (entry) == NULL
          && g_list_store_find (self->entries, entry, NULL))
        {
          load_entry (self, entry, self->current != NULL);
          return;
        }
    }
}

static void
load_ready (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  g_autoptr(CmDocEntry) entry = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) recovered = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (res));
  gboolean background = data->background && self->current != NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (self->loading == entry)
    set_loading (self, NULL);

  if (result == NULL)
    {
      guint position;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *primary = g_strdup_printf (_("Could not open “%s”."), cm_doc_entry_get_title (entry));
          cm_window_show_error (self, primary, error);
        }
      if (!background)
        {
          self->compare_after_load = FALSE;
          g_clear_object (&self->compare_from);
        }
      /* A background load gives way to the one the reviewer asked for:
       * its entry stays, to load after. */
      if (background && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_queue_push_head (&self->load_queue, g_object_ref (entry));
          load_next_queued (self);
          return;
        }
      /* Nothing was loaded: forget the entry, show what was there before. */
      if (cm_doc_entry_get_document (entry) == NULL
          && g_list_store_find (self->entries, entry, &position))
        g_list_store_remove (self->entries, position);
      if (!background)
        cm_window_show_entry (self, self->current);
      load_next_queued (self);
      return;
    }

  if (result->models && self->models == NULL)
    self->models = g_object_ref (result->models);
  if (result->flagger && self->flagger == NULL)
    self->flagger = g_object_ref (result->flagger);
  g_set_object (&self->taxonomy, result->taxonomy);
  if (result->partner)
    add_pair_partner (self, entry, result->document, result->partner);
  cm_doc_entry_set_document (entry, result->document);
  cm_doc_entry_remember_disk (entry);
  recovered = g_steal_pointer (&result->recovered);
  load_result_free (result);
  cm_application_add_recent (cm_window_get_app (self), cm_doc_entry_get_source_path (entry));
  cm_window_update_recent (self);
  if (background)
    {
      /* Ready in the sidebar; the reviewer stays where they are. */
      if (recovered)
        offer_recovery (self, entry, recovered);
      load_next_queued (self);
      return;
    }
  if (self->compare_after_load && self->compare_from && cm_doc_entry_get_document (self->compare_from))
    {
      /* The partner was loaded to compare: stay on the document, show both. */
      g_autoptr(CmDocEntry) from = g_steal_pointer (&self->compare_from);
      self->compare_after_load = FALSE;
      cm_window_show_entry (self, from);
      cm_window_show_pair (self, entry);
    }
  else
    cm_window_show_entry (self, entry);
  if (recovered)
    offer_recovery (self, entry, recovered);
  load_next_queued (self);
}

void
cm_window_load_entry (CmWindow   *self,
                      CmDocEntry *entry)
{
  load_entry (self, entry, FALSE);
}

static void
load_entry (CmWindow   *self,
            CmDocEntry *entry,
            gboolean    background)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  LoadData *data;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->load_started = g_get_monotonic_time ();

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (cm_doc_entry_get_source_path (entry));
  data->save_path = g_strdup (cm_doc_entry_get_save_path (entry));
  data->recovery_path = cm_doc_entry_dup_recovery_path (entry);
  cm_granularity_from_string (cm_application_get_granularity (cm_window_get_app (self)), &data->granularity);
  data->need_models = TRUE;
  data->models = self->models ? g_object_ref (self->models) : NULL;
  data->flagger = self->flagger ? g_object_ref (self->flagger) : NULL;
  data->taxonomy = self->taxonomy ? g_object_ref (self->taxonomy) : NULL;
  data->background = background;

  set_loading (self, entry);
  if (!background)
    {
      /* Translators: shown while a policy is loaded, segmented and labelled */
      message = g_strdup_printf (_("Opening “%s”: reading, finding clauses, suggesting labels…"),
                                 cm_doc_entry_get_title (entry));
      gtk_label_set_text (self->loading_label, message);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }

  task = g_task_new (self, self->cancellable, load_ready, g_object_ref (entry));
  g_task_set_source_tag (task, cm_window_load_entry);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  /* Cancel answers at once; the thread's late result is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

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
  load_next_queued (self);
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

static void
add_filters (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Policies and Clausemark documents"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "json");
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
        restore_recovery (self, entry);
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
