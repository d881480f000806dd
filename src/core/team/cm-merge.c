/* cm-merge.c — joining annotators' copies (see the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-merge"

#include "config.h"

#include <string.h>

#include "cm-annotation.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-merge.h"

#define PATH_KEY "cm-merge-path"

const char *
cm_merge_get_path (CmDocument *document)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  return g_object_get_data (G_OBJECT (document), PATH_KEY);
}

/* "copy 2 (bob/policy.json)" or "copy 2". */
static char *
describe_copy (CmDocument *copy,
               guint       index)
{
  const char *path = cm_merge_get_path (copy);

  return path ? g_strdup_printf ("copy %u (%s)", index + 1, path)
              : g_strdup_printf ("copy %u", index + 1);
}

static gboolean
check_same_text (CmDocument **copies,
                 guint        n_copies,
                 GError     **error)
{
  const char *id = cm_document_get_id (copies[0]);

  for (guint i = 1; i < n_copies; i++)
    {
      const char *sha_a = cm_document_get_source_sha256 (copies[0]);
      const char *sha_b = cm_document_get_source_sha256 (copies[i]);
      g_autofree char *first = describe_copy (copies[0], 0);
      g_autofree char *other = describe_copy (copies[i], i);

      if (!g_str_equal (id, cm_document_get_id (copies[i])))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "Cannot join document “%s” with document “%s”: not the same document",
                       id, cm_document_get_id (copies[i]));
          return FALSE;
        }
      if (sha_a != NULL && sha_b != NULL && !g_str_equal (sha_a, sha_b))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "Document “%s”: %s and %s come from different sources "
                       "(SHA-256 %.12s… and %.12s…); nothing was joined", id, first, other,
                       sha_a, sha_b);
          return FALSE;
        }
      if (!g_str_equal (cm_document_get_text (copies[0]), cm_document_get_text (copies[i])))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "Document “%s”: %s and %s have different texts; nothing was joined",
                       id, first, other);
          return FALSE;
        }
    }
  return TRUE;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Every start and end of every clause of every copy, sorted, unique. */
static GArray *
collect_boundaries (CmDocument **copies,
                    guint        n_copies)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = 0;

  for (guint c = 0; c < n_copies; c++)
    for (guint i = 0; i < cm_document_get_n_clauses (copies[c]); i++)
      {
        CmClause *clause = cm_document_get_clause (copies[c], i);
        guint start = cm_clause_get_start (clause), end = cm_clause_get_end (clause);

        g_array_append_val (points, start);
        g_array_append_val (points, end);
      }
  g_array_sort (points, compare_uints);
  for (guint i = 0; i < points->len; i++)
    if (n == 0 || g_array_index (points, guint, i) != g_array_index (points, guint, n - 1))
      g_array_index (points, guint, n++) = g_array_index (points, guint, i);
  g_array_set_size (points, n);
  return points;
}

/* The clause of @copy that contains [start, end), moving *cursor forward
 * (pieces come in text order); NULL where the copy has none. */
static CmClause *
covering_clause (CmDocument *copy,
                 guint      *cursor,
                 guint       start,
                 guint       end)
{
  guint n = cm_document_get_n_clauses (copy);

  while (*cursor < n && cm_clause_get_end (cm_document_get_clause (copy, *cursor)) <= start
         && !(cm_clause_get_start (cm_document_get_clause (copy, *cursor)) == start
              && cm_clause_get_end (cm_document_get_clause (copy, *cursor)) == end))
    (*cursor)++;
  if (*cursor < n)
    {
      CmClause *clause = cm_document_get_clause (copy, *cursor);

      if (cm_clause_get_start (clause) <= start && end <= cm_clause_get_end (clause))
        return clause;
    }
  return NULL;
}

static gboolean
same_range (CmClause *clause,
            guint     start,
            guint     end)
{
  return cm_clause_get_start (clause) == start && cm_clause_get_end (clause) == end;
}

/* A copy's answers on @clause, for the piece [start, end) of it. A clause
 * one person reviewed without annotations (a version 1 review) counts as
 * that reviewer's answer. */
static void
add_answers (CmClause *piece,
             CmClause *clause)
{
  guint start = cm_clause_get_start (piece), end = cm_clause_get_end (piece);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
    g_ptr_array_add (answers, g_object_ref (cm_clause_get_annotation (clause, a)));
  if (cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED
      && !cm_clause_get_adjudicated (clause) && cm_clause_get_reviewer (clause) != NULL
      && cm_clause_get_reviewer (clause)[0] != '\0'
      && cm_clause_lookup_annotation (clause, cm_clause_get_reviewer (clause)) == NULL)
    g_ptr_array_add (answers, cm_annotation_new (cm_clause_get_reviewer (clause),
                                                 cm_clause_get_labels (clause),
                                                 cm_clause_get_status (clause),
                                                 cm_clause_get_timestamp (clause),
                                                 cm_clause_get_note (clause)));

  for (guint a = 0; a < answers->len; a++)
    {
      CmAnnotation *answer = g_ptr_array_index (answers, a);
      g_autoptr(CmAnnotation) carried = NULL;
      CmAnnotation *held = cm_clause_lookup_annotation (piece, cm_annotation_get_annotator (answer));

      /* The range it was given on, unless that was this very piece (or an
       * earlier join recorded it already). */
      if (!same_range (clause, start, end) && !cm_annotation_get_span (answer, NULL, NULL))
        carried = cm_annotation_new_with_span (answer, cm_clause_get_start (clause),
                                               cm_clause_get_end (clause));
      else
        carried = g_object_ref (answer);
      /* The same annotator in two copies: their newer answer. */
      if (held != NULL
          && g_strcmp0 (cm_annotation_get_timestamp (held), cm_annotation_get_timestamp (carried)) >= 0)
        continue;
      cm_clause_set_annotation (piece, carried);
    }
}

/* A unique id for a piece: the clause's own when the piece is all of it. */
static char *
piece_id (GHashTable *used,
          CmClause   *clause,
          gboolean    whole)
{
  const char *id = cm_clause_get_id (clause);
  char *candidate = whole ? g_strdup (id) : NULL;

  for (guint k = 1; candidate == NULL || g_hash_table_contains (used, candidate); k++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.%u", id, k);
    }
  g_hash_table_add (used, candidate);
  return g_strdup (candidate);
}

/* The joined clause for [start, end); NULL when no copy has a clause there. */
static CmClause *
join_piece (CmDocument **copies,
            guint        n_copies,
            guint       *cursors,
            guint        start,
            guint        end,
            GHashTable  *used_ids)
{
  g_autofree CmClause **covering = g_new0 (CmClause *, n_copies);
  CmClause *first = NULL, *exact = NULL, *settled = NULL;
  g_autoptr(CmClause) piece = NULL;
  g_autofree char *id = NULL;

  for (guint c = 0; c < n_copies; c++)
    {
      covering[c] = covering_clause (copies[c], &cursors[c], start, end);
      if (covering[c] == NULL)
        continue;
      if (first == NULL)
        first = covering[c];
      if (exact == NULL && same_range (covering[c], start, end))
        exact = covering[c];
      if (settled == NULL && same_range (covering[c], start, end)
          && cm_clause_get_adjudicated (covering[c]))
        settled = covering[c];
    }
  if (first == NULL)
    return NULL;

  /* Structure from the first copy that has the piece; the final labels of
   * a copy where a curator settled exactly this clause, else the model's
   * (never an annotator's: those become annotations). */
  piece = cm_clause_copy (settled ? settled : exact ? exact : first);
  id = piece_id (used_ids, exact ? exact : first, exact != NULL);
  cm_clause_set_id (piece, id);
  cm_clause_set_range (piece, start, end);
  while (cm_clause_get_n_annotations (piece) > 0)
    cm_clause_remove_annotation (piece,
                                 cm_annotation_get_annotator (cm_clause_get_annotation (piece, 0)));
  if (exact == NULL && cm_clause_get_start (first) != start)
    cm_clause_set_marker (piece, NULL);
  if (settled == NULL && cm_clause_get_status (piece) != CM_REVIEW_STATUS_UNREVIEWED)
    {
      cm_clause_set_labels (piece, NULL);
      cm_clause_mark_reviewed (piece, CM_REVIEW_STATUS_UNREVIEWED, NULL);
      cm_clause_set_adjudicated (piece, FALSE);
    }
  if (exact == NULL)
    cm_clause_set_note (piece, NULL);

  for (guint c = 0; c < n_copies; c++)
    if (covering[c] != NULL)
      add_answers (piece, covering[c]);
  return g_steal_pointer (&piece);
}

/* Links of the first copy whose clauses all survived the join. */
static void
keep_links (CmDocument *joined,
            CmDocument *first)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  GPtrArray *old = cm_document_get_links (first);

  cm_document_set_partner_id (joined, cm_document_get_partner_id (first));
  for (guint i = 0; i < old->len; i++)
    {
      const CmLink *link = g_ptr_array_index (old, i);
      gboolean kept = TRUE;

      for (guint j = 0; link->clauses[j] != NULL && kept; j++)
        kept = cm_document_lookup_clause (joined, link->clauses[j], NULL) != NULL;
      if (kept)
        g_ptr_array_add (links, cm_link_copy (link));
    }
  cm_document_set_links (joined, links);
}

CmDocument *
cm_merge_documents (CmDocument **copies,
                    guint        n_copies,
                    GError     **error)
{
  g_autoptr(CmDocument) joined = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *cursors = NULL;
  CmDocument *first;

  g_return_val_if_fail (copies != NULL && n_copies > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  first = copies[0];
  if (!check_same_text (copies, n_copies, error))
    return NULL;

  joined = cm_document_new (cm_document_get_id (first), cm_document_get_text (first));
  cm_document_set_title (joined, cm_document_get_title (first));
  cm_document_set_language (joined, cm_document_get_language (first));
  cm_document_set_taxonomy_id (joined, cm_document_get_taxonomy_id (first));
  cm_document_set_granularity (joined, cm_document_get_granularity (first));
  cm_document_set_source (joined, cm_document_get_source_path (first),
                          cm_document_get_source_sha256 (first),
                          cm_document_get_source_encoding (first),
                          cm_document_get_source_loader (first));

  points = collect_boundaries (copies, n_copies);
  cursors = g_new0 (guint, n_copies);
  for (guint i = 0; i + 1 < points->len; i++)
    {
      CmClause *piece = join_piece (copies, n_copies, cursors, g_array_index (points, guint, i),
                                    g_array_index (points, guint, i + 1), used_ids);

      if (piece != NULL)
        g_ptr_array_add (clauses, piece);
    }
  cm_document_set_clauses (joined, (CmClause **) clauses->pdata, clauses->len);
  keep_links (joined, first);
  if (!cm_document_check (joined, error))
    return NULL;
  return g_steal_pointer (&joined);
}

GPtrArray *
cm_merge_join (GPtrArray  *documents,
               GError    **error)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (documents != NULL, NULL);

  /* (Not g_ptr_array_copy(): the copy would unref what it holds.) */
  sorted = g_ptr_array_sized_new (documents->len);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (documents, i));
  /* Stable: copies keep the order they were given in (the first one's
   * structure and metadata win). */
  g_ptr_array_sort (sorted, cm_document_compare_ids);
  for (guint i = 0; i < sorted->len;)
    {
      guint j = i + 1;

      while (j < sorted->len
             && g_str_equal (cm_document_get_id (g_ptr_array_index (sorted, i)),
                             cm_document_get_id (g_ptr_array_index (sorted, j))))
        j++;
      if (j - i == 1)
        g_ptr_array_add (joined, g_object_ref (g_ptr_array_index (sorted, i)));
      else
        {
          CmDocument *document = cm_merge_documents ((CmDocument **) sorted->pdata + i, j - i,
                                                     error);

          if (document == NULL)
            return NULL;
          g_ptr_array_add (joined, document);
        }
      i = j;
    }
  return g_steal_pointer (&joined);
}

static gboolean
load_one (GPtrArray   *documents,
          const char  *path,
          GError     **error)
{
  CmDocument *document = cm_document_load (path, error);

  if (document == NULL)
    return FALSE;
  g_object_set_data_full (G_OBJECT (document), PATH_KEY, g_strdup (path), g_free);
  g_ptr_array_add (documents, document);
  return TRUE;
}

GPtrArray *
cm_merge_load (const char * const  *paths,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (paths != NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(CmCorpus) corpus = NULL;
      g_auto(GStrv) files = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          if (!load_one (documents, paths[i], error))
            return NULL;
          continue;
        }
      corpus = cm_corpus_open (paths[i], FALSE, error);
      if (corpus == NULL)
        return NULL;
      files = cm_corpus_list_documents (corpus);
      if (files[0] == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                       "%s: no Clausemark documents in this folder", paths[i]);
          return NULL;
        }
      for (guint j = 0; files[j] != NULL; j++)
        {
          g_autofree char *path = g_build_filename (paths[i], files[j], NULL);

          if (!load_one (documents, path, error))
            return NULL;
        }
    }
  return g_steal_pointer (&documents);
}

GPtrArray *
cm_merge_paths (const char * const  *paths,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) documents = cm_merge_load (paths, cancellable, error);

  if (documents == NULL)
    return NULL;
  return cm_merge_join (documents, error);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *joined = cm_merge_paths (task_data, cancellable, &error);

  if (joined == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, joined, (GDestroyNotify) g_ptr_array_unref);
}

void
cm_merge_paths_async (const char * const  *paths,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (paths != NULL);

  g_task_set_source_tag (task, cm_merge_paths_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, merge_thread);
}

GPtrArray *
cm_merge_paths_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
