/* cm-clause-list.h — the clauses as a filterable list: number, excerpt,
 * label chips, confidence and review state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_CLAUSE_LIST (cm_clause_list_get_type ())

G_DECLARE_FINAL_TYPE (CmClauseList, cm_clause_list, CM, CLAUSE_LIST, GtkWidget)

typedef gboolean (*CmClausePredicate) (CmClause *clause,
                                       gpointer  user_data);

void        cm_clause_list_set_document      (CmClauseList      *self,
                                              CmDocument        *document,
                                              CmTaxonomy        *taxonomy);
CmClause   *cm_clause_list_get_selected      (CmClauseList      *self);
/* Selects @clause if the filters show it; returns whether they do. */
gboolean    cm_clause_list_select_clause     (CmClauseList      *self,
                                              CmClause          *clause);
/* Selects the clause at a position of the shown (filtered) list. */
void        cm_clause_list_select_position   (CmClauseList      *self,
                                              guint              position);
/* Moves the selection by @delta shown rows; FALSE at either end. */
gboolean    cm_clause_list_move              (CmClauseList      *self,
                                              int                delta);
/* Selects the first shown clause after the selected one (wrapping round)
 * that @predicate accepts; FALSE when none does. */
gboolean    cm_clause_list_select_next_where (CmClauseList      *self,
                                              CmClausePredicate  predicate,
                                              gpointer           user_data);
/* Selects the shown unreviewed labelable clause of lowest confidence. */
gboolean    cm_clause_list_select_most_doubtful (CmClauseList   *self);
/* Shows the search and filter bar and focuses its entry. */
void        cm_clause_list_start_search      (CmClauseList      *self);
gboolean    cm_clause_list_get_search_mode   (CmClauseList      *self);
void        cm_clause_list_set_search_mode   (CmClauseList      *self,
                                              gboolean           search_mode);
/* The filters: text search, label id (NULL: any), state (-1: any) and the
 * confidence a clause must be below (> 1: any); clears the flag filter. */
void        cm_clause_list_set_filter        (CmClauseList      *self,
                                              const char        *text,
                                              const char        *label,
                                              int                status,
                                              double             below_confidence);
/* Shows only clauses with @flag (a CmFlag; -1: any), with the other filters. */
void        cm_clause_list_set_flag_filter   (CmClauseList      *self,
                                              int                flag);
int         cm_clause_list_get_flag_filter   (CmClauseList      *self);
/* Labelling blind as @annotator (NULL: not blind): rows show their own
 * labels only, and no confidence. */
void        cm_clause_list_set_blind_annotator (CmClauseList    *self,
                                              const char        *annotator);
guint       cm_clause_list_get_n_shown       (CmClauseList      *self);
/* About how many rows one screen of the list shows (Page Up/Down's step). */
guint       cm_clause_list_get_page_rows     (CmClauseList      *self);
/* Re-applies the filters (after edits changed what they match). */
void        cm_clause_list_refilter          (CmClauseList      *self);

/* The pieces of a clause row, shared with the curator view: the clause's
 * number (dim, right-aligned) and its excerpt (one line, ellipsized). */
GtkLabel   *cm_clause_row_number_new         (void);
GtkLabel   *cm_clause_row_excerpt_new        (void);
/* The text [start, end) on one line, cut after @max_chars ("…"). */
char       *cm_document_dup_excerpt          (CmDocument        *document,
                                              guint              start,
                                              guint              end,
                                              guint              max_chars);

G_END_DECLS
