/* cm-curator-view.h — adjudication: the clauses where annotators differ,
 * each annotator's labels as chips with their initials, and keys to settle
 * them (take the majority, take annotator N's labels, or edit)
 *
 * The view does not edit: it emits "adjudicate" with the labels the
 * curator chose, and the window records them (undoably, under the
 * curator's name), then calls cm_curator_view_refresh().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_CURATOR_VIEW (cm_curator_view_get_type ())

G_DECLARE_FINAL_TYPE (CmCuratorView, cm_curator_view, CM, CURATOR_VIEW, GtkWidget)

GtkWidget          *cm_curator_view_new            (void);
void                cm_curator_view_set_document   (CmCuratorView *self,
                                                    CmDocument    *document,
                                                    CmTaxonomy    *taxonomy);
/* After any edit of the document: clauses [position, position +
 * n_clauses) changed (their number too, for a split or merge). */
void                cm_curator_view_refresh        (CmCuratorView *self,
                                                    guint          position,
                                                    guint          n_clauses);
CmClause           *cm_curator_view_get_selected   (CmCuratorView *self);
/* Selects @clause when the filters show it; returns whether they do. */
gboolean            cm_curator_view_select_clause  (CmCuratorView *self,
                                                    CmClause      *clause);
/* Moves the selection by @delta shown rows; FALSE at either end. */
gboolean            cm_curator_view_move           (CmCuratorView *self,
                                                    int            delta);
/* The filters: a label id and an annotator (NULL: any), and whether
 * only the clauses where annotators differ are shown. */
void                cm_curator_view_set_filter     (CmCuratorView *self,
                                                    const char    *label,
                                                    const char    *annotator,
                                                    gboolean       disagreements_only);
guint               cm_curator_view_get_n_shown    (CmCuratorView *self);
/* Over the document's disagreements: how many are settled, of how many. */
void                cm_curator_view_get_progress   (CmCuratorView *self,
                                                    guint         *adjudicated,
                                                    guint         *total);
/* The document's annotators, numbered 1.. in this order (keys 1-9). */
const char * const *cm_curator_view_get_annotators (CmCuratorView *self);

G_END_DECLS
