/* cm-clause-context.c — what a classifier reads of a clause's document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause-context"

#include "config.h"

#include <string.h>

#include "cm-clause-context.h"

/* A list item further than this from its lead-in gets none: the list is
 * long enough for the lead-in to have stopped mattering. */
#define MAX_LEAD_IN_DISTANCE 40
G_STATIC_ASSERT (CM_CLAUSE_CONTEXT_REACH_BEFORE >= MAX_LEAD_IN_DISTANCE + 1);

gboolean
cm_text_is_lead_in (const char *text)
{
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  if (length >= 1 && text[length - 1] == ':')
    return TRUE;
  return length >= 3 && memcmp (text + length - 3, "\xEF\xBC\x9A", 3) == 0; /* "：" */
}

static CmFeatureShape
shape_of (CmClause *clause)
{
  switch (cm_clause_get_kind (clause))
    {
    case CM_CLAUSE_KIND_HEADING:
      return CM_FEATURE_SHAPE_HEADING;
    case CM_CLAUSE_KIND_LIST_ITEM:
      return CM_FEATURE_SHAPE_LIST_ITEM;
    default:
      return CM_FEATURE_SHAPE_BODY;
    }
}

static char *
join_heading_path (CmClause *clause)
{
  const char * const *path = cm_clause_get_heading_path (clause);

  if (path == NULL || path[0] == NULL)
    return NULL;
  return g_strjoinv (" / ", (char **) path);
}

/* The sentence that introduces the list clause @i belongs to: the nearest
 * clause before the run of list items that holds @i, if it ends with a
 * colon. */
static const char *
find_lead_in (CmClauseContexts *contexts,
              guint             i)
{
  guint j = i;

  if (contexts->contexts[i].shape != CM_FEATURE_SHAPE_LIST_ITEM)
    return NULL;
  while (j > 0 && i - j < MAX_LEAD_IN_DISTANCE
         && contexts->contexts[j - 1].shape == CM_FEATURE_SHAPE_LIST_ITEM)
    j--;
  if (j == 0 || i - j >= MAX_LEAD_IN_DISTANCE)
    return NULL;
  if (!cm_text_is_lead_in (g_ptr_array_index (contexts->texts, j - 1)))
    return NULL;
  return g_ptr_array_index (contexts->texts, j - 1);
}

/* Clause @i's heading path: the shared copy. */
static const char *
heading_of (CmClauseContexts *contexts,
            GHashTable       *distinct,
            guint             i)
{
  g_autofree char *path = join_heading_path (g_ptr_array_index (contexts->clauses, i));

  return path != NULL ? g_hash_table_lookup (distinct, path) : NULL;
}

CmClauseContexts *
cm_clause_contexts_new (CmDocument *document)
{
  g_autofree CmClause **clauses = NULL;
  guint n, n_labelable = 0;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  n = cm_document_get_n_clauses (document);
  clauses = g_new (CmClause *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      clauses[i] = cm_document_get_clause (document, i);
      n_labelable += cm_clause_is_labelable (clauses[i]);
    }
  return cm_clause_contexts_new_for_window (document, clauses, n, 0, n_labelable);
}

/**
 * cm_clause_contexts_new_for_window:
 * @clauses: a run of @document's clauses, in order
 * @first_index: the place among the document's labelable clauses of the
 *   first labelable one of @clauses
 * @n_labelable: how many labelable clauses the whole document has
 *
 * The contexts of the labelable clauses among @clauses, as
 * cm_clause_contexts_new() gives them for the whole document, for a
 * pipeline that holds a few thousand clauses at a time: the contexts of
 * those with at least %CM_CLAUSE_CONTEXT_REACH_BEFORE labelable clauses
 * before them and one after them in @clauses (or the document's start or
 * end) are exactly the whole document's.
 */
CmClauseContexts *
cm_clause_contexts_new_for_window (CmDocument  *document,
                                   CmClause   **clauses,
                                   guint        n_clauses,
                                   guint        first_index,
                                   guint        n_labelable)
{
  CmClauseContexts *contexts;
  g_autoptr(GHashTable) distinct = NULL;  /* heading path -> its one copy */
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (clauses != NULL || n_clauses == 0, NULL);

  contexts = g_new0 (CmClauseContexts, 1);
  contexts->clauses = g_ptr_array_new ();
  contexts->texts = g_ptr_array_new_with_free_func (g_free);
  contexts->headings = g_ptr_array_new_with_free_func (g_free);
  distinct = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_clauses; i++)
    {
      CmClause *clause = clauses[i];
      char *heading;

      if (!cm_clause_is_labelable (clause))
        continue;
      g_ptr_array_add (contexts->clauses, clause);
      g_ptr_array_add (contexts->texts, cm_document_dup_clause_text (document, clause));
      /* One copy per distinct path (the rest stay NULL in @headings): the
       * clauses of a section share it, and scoring caches know it by its
       * address. */
      heading = join_heading_path (clause);
      if (heading != NULL && !g_hash_table_contains (distinct, heading))
        g_hash_table_add (distinct, heading);
      else if (heading != NULL)
        {
          g_free (heading);
          heading = NULL;
        }
      g_ptr_array_add (contexts->headings, heading);
    }

  n = contexts->clauses->len;
  contexts->contexts = g_new0 (CmFeatureContext, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      CmFeatureContext *context = &contexts->contexts[i];

      context->previous = i > 0 ? g_ptr_array_index (contexts->texts, i - 1) : NULL;
      context->next = i + 1 < n ? g_ptr_array_index (contexts->texts, i + 1) : NULL;
      context->heading = heading_of (contexts, distinct, i);
      context->position = n_labelable > 1 ? (float) (first_index + i) / (float) (n_labelable - 1)
                                          : 0.0f;
      context->shape = shape_of (g_ptr_array_index (contexts->clauses, i));
    }
  for (guint i = 0; i < n; i++)
    contexts->contexts[i].lead_in = find_lead_in (contexts, i);
  return contexts;
}

void
cm_clause_contexts_free (CmClauseContexts *contexts)
{
  if (contexts == NULL)
    return;
  g_ptr_array_unref (contexts->clauses);
  g_ptr_array_unref (contexts->texts);
  g_ptr_array_unref (contexts->headings);
  g_free (contexts->contexts);
  g_free (contexts);
}
