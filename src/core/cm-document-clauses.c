/* cm-document-clauses.c — a document's clauses: the list, lookups by id
 * and by position, and the edits (insert, remove, split, merge)
 *
 * The clauses live in a GListStore (the list views' model); the document
 * keeps an array and an id index in step with it (see cm-document.c's
 * items-changed handler).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document"

#include "config.h"

#include "cm-document-private.h"
#include "cm-error.h"

GListModel *
cm_document_get_clauses (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->clauses);
}

guint
cm_document_get_n_clauses (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->clause_array->len;
}

/* Returns: (transfer none) */
CmClause *
cm_document_get_clause (CmDocument *self,
                        guint       position)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);

  /* The store keeps a reference; hand out a borrowed pointer. */
  if (position >= self->clause_array->len)
    return NULL;
  return g_ptr_array_index (self->clause_array, position);
}

static gboolean
find_position (CmDocument *self,
               CmClause   *clause,
               guint      *position)
{
  guint lo = 0, hi = cm_document_get_n_clauses (self);
  guint start = cm_clause_get_start (clause);

  /* Clauses are kept in text order, so search by start offset first. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      CmClause *c = cm_document_get_clause (self, mid);

      if (cm_clause_get_start (c) < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < cm_document_get_n_clauses (self); i++)
    {
      CmClause *c = cm_document_get_clause (self, i);
      if (c == clause)
        {
          *position = i;
          return TRUE;
        }
      if (cm_clause_get_start (c) > start)
        break;
    }
  return g_list_store_find (self->clauses, clause, position);
}

CmClause *
cm_document_lookup_clause (CmDocument *self,
                           const char *id,
                           guint      *position)
{
  CmClause *clause;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  clause = g_hash_table_lookup (self->clause_index, id);
  if (clause != NULL && position != NULL && !find_position (self, clause, position))
    return NULL;
  return clause;
}

/* The clause whose range holds char_offset, or the nearest one before it
 * when the offset falls between clauses (e.g. on a blank line). */
CmClause *
cm_document_find_clause_at (CmDocument *self,
                            guint       char_offset,
                            guint      *position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);

  hi = cm_document_get_n_clauses (self);
  if (hi == 0)
    return NULL;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (cm_clause_get_start (cm_document_get_clause (self, mid)) <= char_offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0)
    lo--;
  if (position)
    *position = lo;
  return cm_document_get_clause (self, lo);
}

static void
index_clause (CmDocument *self,
              CmClause   *clause)
{
  const char *id = cm_clause_get_id (clause);
  guint64 n;

  g_hash_table_insert (self->clause_index, (gpointer) id, clause);
  if (id[0] == 'c' && g_ascii_string_to_unsigned (id + 1, 10, 0, G_MAXUINT - 1, &n, NULL))
    self->next_id = MAX (self->next_id, (guint) n + 1);
}

void
cm_document_set_clauses (CmDocument  *self,
                         CmClause   **clauses,
                         guint        n_clauses)
{
  guint old;

  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (n_clauses == 0 || clauses != NULL);

  g_hash_table_remove_all (self->clause_index);
  for (guint i = 0; i < n_clauses; i++)
    {
      g_return_if_fail (cm_clause_get_end (clauses[i]) <= self->n_chars);
      index_clause (self, clauses[i]);
    }
  old = cm_document_get_n_clauses (self);
  g_list_store_splice (self->clauses, 0, old, (gpointer *) clauses, n_clauses);
}

/* Returns: a clause id not used in this document ("c<N>"). */
char *
cm_document_next_clause_id (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return g_strdup_printf ("c%u", self->next_id++);
}

void
cm_document_insert_clause (CmDocument *self,
                           guint       position,
                           CmClause   *clause)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (CM_IS_CLAUSE (clause));
  index_clause (self, clause);
  g_list_store_insert (self->clauses, position, clause);
}

void
cm_document_remove_clause (CmDocument *self,
                           guint       position)
{
  CmClause *clause;

  g_return_if_fail (CM_IS_DOCUMENT (self));
  clause = cm_document_get_clause (self, position);
  g_return_if_fail (clause != NULL);
  g_hash_table_remove (self->clause_index, cm_clause_get_id (clause));
  g_list_store_remove (self->clauses, position);
}

/**
 * cm_document_split_clause:
 * @char_offset: document code-point offset, strictly inside the clause
 *
 * Cuts @clause in two at @char_offset. The new second half inherits kind,
 * structure, language and labels, and starts unreviewed.
 *
 * Returns: (transfer none): the new clause, or %NULL with @error set.
 */
CmClause *
cm_document_split_clause (CmDocument *self,
                          CmClause   *clause,
                          guint       char_offset,
                          GError    **error)
{
  g_autoptr(CmClause) tail = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);

  if (char_offset <= cm_clause_get_start (clause) || char_offset >= cm_clause_get_end (clause))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Offset %u is not inside clause %s (%u–%u)", char_offset,
                   cm_clause_get_id (clause), cm_clause_get_start (clause),
                   cm_clause_get_end (clause));
      return NULL;
    }
  if (!find_position (self, clause, &position))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "Clause %s is not in document %s",
                   cm_clause_get_id (clause), self->id);
      return NULL;
    }

  id = cm_document_next_clause_id (self);
  tail = cm_clause_copy (clause);
  cm_clause_set_id (tail, id);
  cm_clause_set_range (tail, char_offset, cm_clause_get_end (clause));
  cm_clause_set_kind (tail, cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE
                              ? CM_CLAUSE_KIND_BOILERPLATE : CM_CLAUSE_KIND_BODY);
  cm_clause_set_marker (tail, NULL);
  cm_clause_set_status (tail, CM_REVIEW_STATUS_UNREVIEWED);
  cm_clause_set_reviewer (tail, NULL);
  cm_clause_set_timestamp (tail, NULL);
  cm_clause_set_note (tail, NULL);
  cm_clause_set_range (clause, cm_clause_get_start (clause), char_offset);
  cm_document_insert_clause (self, position + 1, tail);
  return tail;
}

/* Makes @clause cover the clause after it, which is removed. */
gboolean
cm_document_merge_with_next (CmDocument *self,
                             CmClause   *clause,
                             GError    **error)
{
  CmClause *next;
  guint position;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), FALSE);

  if (!find_position (self, clause, &position))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "Clause %s is not in document %s",
                   cm_clause_get_id (clause), self->id);
      return FALSE;
    }
  next = cm_document_get_clause (self, position + 1);
  if (next == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Clause %s is the last one: there is nothing to merge it with",
                   cm_clause_get_id (clause));
      return FALSE;
    }
  for (const char * const *l = cm_clause_get_labels (next); *l; l++)
    if (!cm_clause_has_label (clause, *l))
      cm_clause_toggle_label (clause, *l);
  /* An annotator who answered only on the second clause keeps that answer;
   * one who answered on both keeps the first (never someone else's). */
  for (guint i = 0; i < cm_clause_get_n_annotations (next); i++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (next, i);

      if (cm_clause_lookup_annotation (clause, cm_annotation_get_annotator (annotation)) == NULL)
        cm_clause_set_annotation (clause, annotation);
    }
  cm_clause_set_range (clause, cm_clause_get_start (clause), cm_clause_get_end (next));
  cm_document_remove_clause (self, position + 1);
  return TRUE;
}

