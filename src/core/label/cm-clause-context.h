/* cm-clause-context.h — what a classifier reads of a clause's document
 *
 * For each labelable clause of a document, in order: its text and its
 * CmFeatureContext (neighbouring labelable clauses, heading path, list
 * lead-in, position, shape). Training, cross-validation and annotation
 * build their contexts here, so that a model meets at work exactly the
 * context it was trained on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"
#include "cm-features.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray        *clauses;   /* of CmClause (borrowed from the document), labelable only */
  GPtrArray        *texts;     /* of char*, owned */
  GPtrArray        *headings;  /* of char* or NULL, owned: each distinct heading path (joined
                                * by " / ") once, at its first clause */
  CmFeatureContext *contexts;  /* clauses->len entries pointing into texts / headings */
} CmClauseContexts;

CmClauseContexts *cm_clause_contexts_new  (CmDocument       *document);
/* How many labelable clauses before a clause its context reads (the
 * previous one; a list item's lead-in up to 40 back). */
#define CM_CLAUSE_CONTEXT_REACH_BEFORE 41
CmClauseContexts *cm_clause_contexts_new_for_window (CmDocument  *document,
                                                     CmClause   **clauses,
                                                     guint        n_clauses,
                                                     guint        first_index,
                                                     guint        n_labelable);
void              cm_clause_contexts_free (CmClauseContexts *contexts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmClauseContexts, cm_clause_contexts_free)

/* Whether @text ends with a colon (":" or "："), trailing blanks aside:
 * the mark of a list's lead-in sentence. */
gboolean          cm_text_is_lead_in      (const char       *text);

G_END_DECLS
