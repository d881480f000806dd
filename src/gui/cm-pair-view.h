/* cm-pair-view.h — a Chinese policy and its English version side by side
 *
 * One row per alignment link: the Chinese clauses left, the English ones
 * right (an empty cell for a clause present in one version only), the most
 * important difference of the link with its reason. Selecting a row shows
 * both texts in full below. Actions (also for menus and keys):
 *   pair.next-difference / pair.previous-difference   jump between differences
 *   pair.link             join the selected rows into one link
 *   pair.unlink           break the selected links into one-sided ones
 *   pair.relink           re-align the selected rows automatically
 *   pair.toggle-reviewed  mark the selected links' differences reviewed (or not)
 *   pair.toggle-zh-label / pair.toggle-en-label (label id)
 *                         toggle a label on the selected row's Chinese /
 *                         English clauses, marking them corrected
 *   pair.toggle-label     the same on the side pair.label-side names
 *   pair.label-side       "zh" or "en" (Ctrl+Left / Ctrl+Right)
 *   pair.undo / pair.redo the link and label edits above (Ctrl+Z, Ctrl+Shift+Z)
 * Link edits change the links stored on both documents and emit
 * ::links-changed; label edits emit ::labels-changed (CmDocument *).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_PAIR_VIEW (cm_pair_view_get_type ())

G_DECLARE_FINAL_TYPE (CmPairView, cm_pair_view, CM, PAIR_VIEW, GtkWidget)

CmPairView *cm_pair_view_new                  (void);
/* Shows a pair (in either order). Documents without links between them
 * are aligned first, in a thread (cm_align_pair_async()): the view shows
 * that it is aligning, then the rows, or why the alignment failed. A new
 * pair, NULL, NULL (which clears the view) or disposing the view cancels
 * an alignment still running. */
void        cm_pair_view_set_documents        (CmPairView  *self,
                                               CmDocument  *zh,
                                               CmDocument  *en);
/* TRUE while the pair is being aligned (no rows yet). */
gboolean    cm_pair_view_get_aligning         (CmPairView  *self);
/* Why the last alignment failed (shown in the view), or NULL. */
const char *cm_pair_view_get_align_error      (CmPairView  *self);
/* Stops an alignment still running and clears the view; nothing
 * otherwise. Hiding the view (unmapping it) does this: showing the pair
 * again aligns it anew. */
void        cm_pair_view_cancel_alignment     (CmPairView  *self);
/* The labels offered for correction (and their keys); NULL offers none. */
void        cm_pair_view_set_taxonomy         (CmPairView  *self,
                                               CmTaxonomy  *taxonomy);
CmTaxonomy *cm_pair_view_get_taxonomy         (CmPairView  *self);
/* TRUE when the two documents are versions of one policy in one language
 * (zh is then the old one, en the new one). */
gboolean    cm_pair_view_get_revision         (CmPairView  *self);
CmDocument *cm_pair_view_get_zh               (CmPairView  *self);
CmDocument *cm_pair_view_get_en               (CmPairView  *self);
/* Rows (links) shown, and differences not yet reviewed. */
guint       cm_pair_view_get_n_rows           (CmPairView  *self);
guint       cm_pair_view_get_n_open_differences (CmPairView *self);
/* The line above the rows: their counts, led by a warning when the two
 * texts share little (cm_links_summarize()). */
const char *cm_pair_view_get_summary          (CmPairView  *self);
/* Whether the selected rows are being re-aligned (pair.relink runs in a
 * thread); the reason the last re-alignment failed shows in the summary. */
gboolean    cm_pair_view_get_relinking        (CmPairView  *self);
/* What the reason column says of the row at @position (NULL for a row
 * without a difference or out of range). */
char       *cm_pair_view_get_row_reason       (CmPairView  *self,
                                               guint        position);
/* The link index of the first selected row, or -1. */
int         cm_pair_view_get_selected_link    (CmPairView  *self);
/* Selects one row (and scrolls to it); FALSE if out of range. */
gboolean    cm_pair_view_select_link          (CmPairView  *self,
                                               guint        link_index);
/* Whether the view's history (links and labels) has an edit to undo or redo. */
gboolean    cm_pair_view_can_undo             (CmPairView  *self);
gboolean    cm_pair_view_can_redo             (CmPairView  *self);
/* Selects the rows [first, first + n) (for linking them). */
void        cm_pair_view_select_range         (CmPairView  *self,
                                               guint        first,
                                               guint        n);

G_END_DECLS
