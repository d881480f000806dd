/* cm-pair-row.h — one row of the side-by-side view: a link of a bilingual
 * pair with both texts and its most important difference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_PAIR_ROW (cm_pair_row_get_type ())

G_DECLARE_FINAL_TYPE (CmPairRow, cm_pair_row, CM, PAIR_ROW, GObject)

/* @difference (may be NULL) is copied. */
CmPairRow          *cm_pair_row_new             (guint               link_index,
                                                 const char         *zh_text,
                                                 const char         *en_text,
                                                 const CmDifference *difference,
                                                 gboolean            reviewed);
guint               cm_pair_row_get_link_index  (CmPairRow          *self);
/* The clauses' texts joined by newlines; "" for a side with no clause. */
const char         *cm_pair_row_get_zh_text     (CmPairRow          *self);
const char         *cm_pair_row_get_en_text     (CmPairRow          *self);
/* The most important difference of the link, or NULL. */
const CmDifference *cm_pair_row_get_difference  (CmPairRow          *self);
gboolean            cm_pair_row_get_reviewed    (CmPairRow          *self);
/* The second document has the row's clauses elsewhere (out of order). */
void                cm_pair_row_set_moved       (CmPairRow          *self,
                                                 gboolean            moved);
gboolean            cm_pair_row_get_moved       (CmPairRow          *self);
/* What the reason column says of @row ("Reviewed: …" once reviewed; NULL
 * without a difference), and how much it matters (@importance). A row of
 * a run of clauses missing in a row speaks for itself (a date row of a
 * missing section is not "about sharing" because the section's most
 * important clause is), with its place in the run; the run is ranked,
 * counted and reviewed as one difference. */
char               *cm_pair_row_describe        (CmPairRow          *self,
                                                 double             *importance);

G_END_DECLS
