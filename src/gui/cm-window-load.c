/* cm-window-load.c — loading a document in the background
 *
 * A GTask in a thread reads the file (a saved document, or a policy to
 * segment and label with the models), finds unsaved edits in the recovery
 * file and the partner of a two-language file; back in the window, the
 * entry is shown, recovery offered, and the next queued file loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-io"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cm-annotate.h"
#include "cm-document-io.h"
#include "cm-taxonomy.h"
#include "cm-widget-task.h"
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

void
cm_window_restore_recovery (CmWindow   *self,
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
      cm_window_restore_recovery (self, entry);
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
void
cm_window_load_next_queued (CmWindow *self)
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
          cm_window_load_next_queued (self);
          return;
        }
      /* Nothing was loaded: forget the entry, show what was there before. */
      if (cm_doc_entry_get_document (entry) == NULL
          && g_list_store_find (self->entries, entry, &position))
        g_list_store_remove (self->entries, position);
      if (!background)
        cm_window_show_entry (self, self->current);
      cm_window_load_next_queued (self);
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
      cm_window_load_next_queued (self);
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
  cm_window_load_next_queued (self);
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

  task = cm_widget_task_new (self, self->cancellable, load_ready, g_object_ref (entry), g_object_unref);
  g_task_set_source_tag (task, cm_window_load_entry);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  /* Cancel answers at once; the thread's late result is dropped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

