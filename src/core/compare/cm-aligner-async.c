/* cm-aligner-async.c — cm_align_pair(), cm_revision_align() and
 * cm_align_documents() / cm_align_versions() in a thread
 *
 * The documents stay the caller's: a window may edit them while the pair
 * is aligned. The thread works on snapshots taken when the work starts
 * (the text, the clauses with their labels and kinds, the source links:
 * what the aligner reads); the links are stored on the documents by the
 * _finish() call, in the caller's thread, only if the task was not
 * cancelled and every clause the links name is still there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-aligner-private.h"
#include "cm-error.h"
#include "cm-revision-diff.h"

typedef struct
{
  CmDocument     *zh;           /* the caller's documents (main thread only) */
  CmDocument     *en;
  CmDocument     *zh_snapshot;  /* the thread's */
  CmDocument     *en_snapshot;
  gboolean        monolingual;
  CmAlignOptions  options;
  gboolean        have_options;
  GPtrArray      *keep;         /* copies of options.keep / .sections */
  GPtrArray      *sections;
} AlignData;

static void
align_data_free (AlignData *data)
{
  g_clear_object (&data->zh);
  g_clear_object (&data->en);
  g_clear_object (&data->zh_snapshot);
  g_clear_object (&data->en_snapshot);
  g_clear_object (&data->options.lexicon);
  g_clear_pointer (&data->keep, g_ptr_array_unref);
  g_clear_pointer (&data->sections, g_ptr_array_unref);
  g_free (data);
}

static GPtrArray *
copy_links (GPtrArray *links)
{
  GPtrArray *copy;

  if (links == NULL)
    return NULL;
  copy = g_ptr_array_new_full (links->len, (GDestroyNotify) cm_link_free);
  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add (copy, cm_link_copy (g_ptr_array_index (links, i)));
  return copy;
}

/* What the aligner reads of @document, in a document of its own. */
static CmDocument *
snapshot_document (CmDocument *document)
{
  CmDocument *snapshot = cm_document_new (cm_document_get_id (document), cm_document_get_text (document));
  guint n = cm_document_get_n_clauses (document), n_links = 0;
  const CmSourceLink *source_links = cm_document_get_source_links (document, &n_links);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_full (n, g_object_unref);

  if (cm_document_get_language (document) != NULL)
    cm_document_set_language (snapshot, cm_document_get_language (document));
  cm_document_set_source_links (snapshot, source_links, n_links);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (clauses, cm_clause_copy (cm_document_get_clause (document, i)));
  cm_document_set_clauses (snapshot, (CmClause **) clauses->pdata, clauses->len);
  return snapshot;
}

static void
align_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AlignData *data = task_data;
  GError *error = NULL;
  GPtrArray *links;

  links = cm_aligner_align_full (data->zh_snapshot, data->en_snapshot, data->monolingual,
                                 data->have_options ? &data->options : NULL, cancellable, &error);
  /* the copies are the thread's: free them here, as soon as done */
  g_clear_object (&data->zh_snapshot);
  g_clear_object (&data->en_snapshot);
  if (links == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, links, (GDestroyNotify) g_ptr_array_unref);
}

static void
align_async (CmDocument           *zh,
             CmDocument           *en,
             gboolean              monolingual,
             const CmAlignOptions *options,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data,
             gpointer              source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AlignData *data = g_new0 (AlignData, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, source_tag == (gpointer) cm_align_documents_async ? "cm_align_documents_async"
                         : monolingual ? "cm_revision_align_async" : "cm_align_pair_async");
  data->zh = g_object_ref (zh);
  data->en = g_object_ref (en);
  data->monolingual = monolingual;
  if (options != NULL)
    {
      data->have_options = TRUE;
      data->options = *options;
      if (options->lexicon)
        g_object_ref (options->lexicon);
      data->options.keep = data->keep = copy_links (options->keep);
      data->options.sections = data->sections = copy_links (options->sections);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) align_data_free);
  if (g_task_return_error_if_cancelled (task))
    return;
  data->zh_snapshot = snapshot_document (zh);
  data->en_snapshot = snapshot_document (en);
  g_task_run_in_thread (task, align_thread);
}

/* Stores the task's links on its documents, unless cancelled or the
 * documents lost a clause the links name meanwhile. */
static gboolean
align_finish (GAsyncResult *result,
              gpointer      source_tag,
              GError      **error)
{
  AlignData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) links = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  links = g_task_propagate_pointer (G_TASK (result), error);
  if (links == NULL)
    goto done;
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      for (guint k = 0; link->clauses && link->clauses[k]; k++)
        if (cm_document_lookup_clause (data->zh, link->clauses[k], NULL) == NULL)
          goto changed;
      for (guint k = 0; link->partner_clauses && link->partner_clauses[k]; k++)
        if (cm_document_lookup_clause (data->en, link->partner_clauses[k], NULL) == NULL)
          goto changed;
    }
  cm_aligner_store_links (data->zh, data->en, links);
  ok = TRUE;
  goto done;

changed:
  g_set_error (error, CM_ERROR, CM_ERROR_FAILED,
               _("“%s” or “%s” changed while they were aligned; align them again"),
               cm_document_get_id (data->zh), cm_document_get_id (data->en));
done:
  /* the caller's documents are let go in the caller's thread (the task
   * itself may be freed in the worker's) */
  g_clear_object (&data->zh);
  g_clear_object (&data->en);
  return ok;
}

void
cm_align_pair_async (CmDocument           *first,
                     CmDocument           *second,
                     const CmAlignOptions *options,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  CmDocument *zh = first, *en = second;
  g_autoptr(GPtrArray) reviewed = NULL;
  CmAlignOptions with_reviewed;

  g_return_if_fail (CM_IS_DOCUMENT (first));
  g_return_if_fail (CM_IS_DOCUMENT (second));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!cm_document_is_chinese (first) && cm_document_is_chinese (second))
    {
      zh = second;
      en = first;
    }
  options = cm_aligner_keep_reviewed (zh, en, options, &with_reviewed, &reviewed);
  align_async (zh, en, FALSE, options, cancellable, callback, user_data, cm_align_pair_async);
}

gboolean
cm_align_pair_finish (GAsyncResult  *result,
                      GError       **error)
{
  return align_finish (result, cm_align_pair_async, error);
}

void
cm_revision_align_async (CmDocument          *old_version,
                         CmDocument          *new_version,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CM_IS_DOCUMENT (old_version));
  g_return_if_fail (CM_IS_DOCUMENT (new_version));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  align_async (old_version, new_version, TRUE, NULL, cancellable, callback, user_data,
               cm_revision_align_async);
}

gboolean
cm_revision_align_finish (GAsyncResult  *result,
                          GError       **error)
{
  return align_finish (result, cm_revision_align_async, error);
}

void
cm_align_documents_async (CmDocument           *zh,
                          CmDocument           *en,
                          gboolean              monolingual,
                          const CmAlignOptions *options,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_return_if_fail (CM_IS_DOCUMENT (zh));
  g_return_if_fail (CM_IS_DOCUMENT (en));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  align_async (zh, en, monolingual, options, cancellable, callback, user_data,
               cm_align_documents_async);
}

GPtrArray *
cm_align_documents_finish (GAsyncResult  *result,
                           GError       **error)
{
  AlignData *data;
  GPtrArray *links;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cm_align_documents_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_task_get_task_data (G_TASK (result));
  links = g_task_propagate_pointer (G_TASK (result), error);
  /* let the caller's documents go in the caller's thread */
  g_clear_object (&data->zh);
  g_clear_object (&data->en);
  return links;
}
