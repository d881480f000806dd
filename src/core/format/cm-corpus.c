/* cm-corpus.c — a folder of document files plus a manifest
 *
 * The manifest, clausemark-corpus.json, is a small summary for people and
 * tools (which documents, their language, partner and review progress);
 * the documents themselves are the truth. A folder of documents without a
 * manifest is a corpus too, and documents dropped into the folder by other
 * means are listed alongside those the manifest names. The manifest is
 * read, checked and saved in cm-corpus-manifest.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-corpus"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-corpus-private.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-file-lock.h"
#include "cm-temporary.h"
#include "cm-json-guard.h"


G_DEFINE_FINAL_TYPE (CmCorpus, cm_corpus, G_TYPE_OBJECT)

void
cm_corpus_entry_free (Entry *entry)
{
  g_free (entry->id);
  g_free (entry->file);
  g_free (entry->language);
  g_free (entry->partner);
  g_free (entry);
}

static void
cm_corpus_finalize (GObject *object)
{
  CmCorpus *self = (CmCorpus *) object;

  g_free (self->directory);
  g_free (self->name);
  g_free (self->created);
  g_hash_table_unref (self->entries);
  g_clear_pointer (&self->batch, cm_atomic_batch_free);

  G_OBJECT_CLASS (cm_corpus_parent_class)->finalize (object);
}

static void
cm_corpus_class_init (CmCorpusClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_corpus_finalize;
}

static void
cm_corpus_init (CmCorpus *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) cm_corpus_entry_free);
}


static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * cm_corpus_open:
 *
 * Returns: (transfer full): the corpus, or %NULL when the folder does not
 * exist (and !@create), cannot be created, or its manifest is unreadable,
 * foreign, newer or invalid.
 */
CmCorpus *
cm_corpus_open (const char  *directory,
                gboolean     create,
                GError     **error)
{
  g_autoptr(CmCorpus) self = NULL;
  g_autofree char *manifest = NULL;

  g_return_val_if_fail (directory != NULL, NULL);

  /* Another writer may create the folder between any two of these tests
   * (two annotate runs into a new folder): only the last one decides. */
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      gboolean exists = g_file_test (directory, G_FILE_TEST_EXISTS);

      if (!exists && !create)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "%s: no such folder", directory);
          return NULL;
        }
      if (!exists && g_mkdir_with_parents (directory, 0777) != 0)
        {
          int saved = errno;

          if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
            {
              g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot create the folder: %s",
                           directory, g_strerror (saved));
              return NULL;
            }
        }
      if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: not a folder", directory);
          return NULL;
        }
    }

  /* A writer opens the folder: clear what killed writers left behind. */
  if (create)
    cm_remove_stale_temporaries (directory, NULL);
  self = g_object_new (CM_TYPE_CORPUS, NULL);
  self->directory = g_strdup (directory);
  manifest = cm_corpus_manifest_path (self);
  if (g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      if (!cm_corpus_read_manifest (self, manifest, error))
        return NULL;
    }
  else
    {
      g_autofree char *absolute = g_canonicalize_filename (directory, NULL);
      self->name = g_path_get_basename (absolute);
      self->created = now_iso8601 ();
    }
  return g_steal_pointer (&self);
}

const char *
cm_corpus_get_directory (CmCorpus *self)
{
  g_return_val_if_fail (CM_IS_CORPUS (self), NULL);
  return self->directory;
}

const char *
cm_corpus_get_name (CmCorpus *self)
{
  g_return_val_if_fail (CM_IS_CORPUS (self), NULL);
  return self->name;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: (transfer full): the document files, sorted: those the manifest
 * names that exist, and any other Clausemark document in the folder. */
GStrv
cm_corpus_list_documents (CmCorpus *self)
{
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GDir) dir = NULL;
  GHashTableIter iter;
  Entry *entry;
  const char *name;

  g_return_val_if_fail (CM_IS_CORPUS (self), NULL);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autofree char *path = g_build_filename (self->directory, entry->file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_hash_table_add (files, entry->file);
    }

  dir = g_dir_open (self->directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".json") || g_str_equal (name, CM_CORPUS_MANIFEST)
          || g_hash_table_contains (files, name))
        continue;
      path = g_build_filename (self->directory, name, NULL);
      if (cm_path_is_document (path))
        g_hash_table_add (files, (gpointer) g_intern_string (name));
    }

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    g_ptr_array_add (sorted, (gpointer) name);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (sorted, i));
  return g_strv_builder_end (builder);
}

/* An id becomes a file name: it must not leave the folder or hide. */
static gboolean
check_document_id (const char  *id,
                   GError     **error)
{
  if (!cm_corpus_is_plain_file_name (id) || g_str_equal (id, CORPUS_FORMAT))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Document id “%s” cannot be a file name in a corpus folder "
                   "(no “/”, no leading “.”, not “%s”)", id, CORPUS_FORMAT);
      return FALSE;
    }
  return TRUE;
}

/**
 * cm_corpus_add_document:
 *
 * Saves @document as <folder>/<id>.json (atomically, keeping a backup of a
 * previous version) and records it in the manifest held in memory; call
 * cm_corpus_save_manifest() once after a batch of additions.
 */
static gboolean record_document (CmCorpus              *self,
                                 CmDocument            *document,
                                 char                  *file,
                                 const CmStreamTotals  *totals,
                                 GError               **error);

gboolean
cm_corpus_add_document (CmCorpus    *self,
                        CmDocument  *document,
                        GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  CmStreamTotals totals = { 0, 0 };
  guint n;

  g_return_val_if_fail (CM_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  if (!check_document_id (cm_document_get_id (document), error))
    return FALSE;
  file = g_strconcat (cm_document_get_id (document), ".json", NULL);
  path = g_build_filename (self->directory, file, NULL);
  if (self->batch != NULL)
    {
      if (!cm_document_save_to_batch (document, path, self->batch, error))
        return FALSE;
    }
  else if (!cm_document_save (document, path, error))
    return FALSE;

  n = cm_document_get_n_clauses (document);
  totals.n_clauses = n;
  for (guint i = 0; i < n; i++)
    if (cm_clause_get_status (cm_document_get_clause (document, i)) != CM_REVIEW_STATUS_UNREVIEWED)
      totals.n_reviewed++;
  return record_document (self, document, g_steal_pointer (&file), &totals, error);
}

/* Enters a saved document (@file: its file name, taken) in the manifest. */
static gboolean
record_document (CmCorpus              *self,
                 CmDocument            *document,
                 char                  *file,
                 const CmStreamTotals  *totals,
                 GError               **error)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->id = g_strdup (cm_document_get_id (document));
  entry->file = file;
  entry->language = g_strdup (cm_document_get_language (document));
  entry->partner = g_strdup (cm_document_get_partner_id (document));
  entry->n_clauses = totals->n_clauses;
  entry->n_reviewed = totals->n_reviewed;
  g_hash_table_replace (self->entries, entry->id, entry);

  if (self->batch != NULL && cm_atomic_batch_get_n_pending (self->batch) >= BATCH_FILES)
    return cm_corpus_flush (self, error);
  return TRUE;
}

/**
 * cm_corpus_add_streamed:
 * @head: the document without its clauses
 * @producer: adds them (see cm_document_save_streamed())
 *
 * As cm_corpus_add_document() for @head holding the clauses @producer
 * adds, never all held at once.
 */
gboolean
cm_corpus_add_streamed (CmCorpus          *self,
                        CmDocument        *head,
                        CmClauseProducer   producer,
                        gpointer           user_data,
                        GError           **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  CmStreamTotals totals = { 0, 0 };

  g_return_val_if_fail (CM_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (head), FALSE);
  g_return_val_if_fail (producer != NULL, FALSE);

  if (!check_document_id (cm_document_get_id (head), error))
    return FALSE;
  file = g_strconcat (cm_document_get_id (head), ".json", NULL);
  path = g_build_filename (self->directory, file, NULL);
  if (!cm_document_save_streamed (head, path, self->batch, producer, user_data, &totals, error))
    return FALSE;
  return record_document (self, head, g_steal_pointer (&file), &totals, error);
}

/**
 * cm_corpus_begin_batch:
 *
 * From now on, cm_corpus_add_document() writes temporary files that become
 * the documents, durably and together, every BATCH_FILES additions and at
 * cm_corpus_flush() or cm_corpus_save_manifest().
 */
void
cm_corpus_begin_batch (CmCorpus *self)
{
  g_return_if_fail (CM_IS_CORPUS (self));

  if (self->batch == NULL)
    self->batch = cm_atomic_batch_new ();
}

/* After a failed commit, forget the entries whose file did not make it. */
static void
drop_entries_without_file (CmCorpus *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autofree char *path = g_build_filename (self->directory, entry->file, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_hash_table_iter_remove (&iter);
    }
}

/* Makes the documents added in batch mode visible and durable. */
gboolean
cm_corpus_flush (CmCorpus  *self,
                 GError   **error)
{
  g_return_val_if_fail (CM_IS_CORPUS (self), FALSE);

  if (self->batch == NULL || cm_atomic_batch_get_n_pending (self->batch) == 0)
    return TRUE;
  if (!cm_atomic_batch_commit (self->batch, error))
    {
      drop_entries_without_file (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_corpus_get_blind (CmCorpus *self)
{
  g_return_val_if_fail (CM_IS_CORPUS (self), FALSE);
  return self->blind;
}

void
cm_corpus_set_blind (CmCorpus *self,
                     gboolean  blind)
{
  g_return_if_fail (CM_IS_CORPUS (self));
  self->blind = !!blind;
}

gboolean
cm_corpus_is_blind_for (const char *path)
{
  g_autofree char *directory = NULL;
  g_autofree char *manifest = NULL;
  g_autoptr(CmCorpus) corpus = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  directory = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path) : g_path_get_dirname (path);
  manifest = g_build_filename (directory, CM_CORPUS_MANIFEST, NULL);
  if (!g_file_test (manifest, G_FILE_TEST_EXISTS))
    return FALSE;
  corpus = cm_corpus_open (directory, FALSE, NULL);
  return corpus != NULL && corpus->blind;
}

