/* cm-curator-view-private.h — what the curator view's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-curator-item.h"
#include "cm-curator-view.h"

G_BEGIN_DECLS

struct _CmCuratorView
{
  GtkWidget           parent_instance;

  /* template children */
  GtkWidget          *paned;
  GtkDropDown        *label_filter;
  GtkDropDown        *annotator_filter;
  GtkCheckButton     *disagreements_check;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *empty_title;
  GtkLabel           *empty_detail;
  GtkLabel           *heading_label;
  GtkLabel           *text_label;
  GtkLabel           *boundaries_label;
  GtkBox             *annotators_box;
  GtkBox             *majority_box;
  GtkFlowBox         *labels_box;
  GtkLabel           *decision_label;

  /* state */
  CmDocument         *document;
  CmTaxonomy         *taxonomy;
  GListStore         *items;        /* of CmCuratorItem, one per clause */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GStrv               annotators;
  GPtrArray          *label_ids;    /* the label filter's choices after "any" */
  GPtrArray          *toggles;      /* final-label toggles, in taxonomy order */
  char               *filter_label;
  char               *filter_annotator;
  gboolean            disagreements_only;
  gboolean            syncing_filters;
};

/* cm-curator-view-detail.c: the selected clause in detail, and the chips
 * rows and detail share */
void       cm_curator_view_remove_children     (GtkWidget          *box);
/* The annotator's number (1..) in the document, 0 when unknown. */
guint      cm_curator_view_annotator_number    (CmCuratorView      *self,
                                                const char         *annotator);
/* A chip with the annotator's initials, in a colour of its own. */
GtkWidget *cm_curator_view_badge_new           (CmCuratorView      *self,
                                                const char         *annotator);
/* Chips for @labels, or a dim "no label" (an answer too). */
GtkWidget *cm_curator_view_chips_new           (CmCuratorView      *self,
                                                const char * const *labels);
void       cm_curator_view_build_label_toggles (CmCuratorView      *self);
void       cm_curator_view_update_detail       (CmCuratorView      *self);

G_END_DECLS
