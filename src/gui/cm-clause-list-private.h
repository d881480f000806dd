/* cm-clause-list-private.h — shared by cm-clause-list.c and cm-clause-list-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-clause-list.h"
#include "cm-status-page.h"

G_BEGIN_DECLS

struct _CmClauseList
{
  GtkWidget           parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *label_dropdown;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *confidence_dropdown;
  GtkDropDown        *flag_dropdown;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  CmStatusPage       *empty_page;

  CmDocument         *document;
  CmTaxonomy         *taxonomy;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GListModel         *clauses;    /* the document's, to count them */
  GPtrArray          *label_ids;  /* dropdown position - 1 → label id */

  /* The filters in effect. */
  char               *search_folded;
  char               *label_filter;
  int                 status_filter;
  double              below_confidence;
  int                 flag_filter;      /* a CmFlag, or -1: any */
  char               *blind_annotator;  /* labelling blind as them, or NULL */
};

/* cm-clause-list-rows.c: the list view's factory of clause rows (number,
 * excerpt, label chips, confidence, review state), bound to @self's
 * document and taxonomy. */
GtkListItemFactory *cm_clause_list_row_factory_new (CmClauseList *self);

G_END_DECLS
