/* cm-curator-item.h — one clause as the curator sees it: the annotators'
 * answers, whether they differ (labels or boundaries), their majority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_CURATOR_ITEM (cm_curator_item_get_type ())

G_DECLARE_FINAL_TYPE (CmCuratorItem, cm_curator_item, CM, CURATOR_ITEM, GObject)

CmCuratorItem      *cm_curator_item_new                  (CmClause      *clause,
                                                          guint          position);
CmClause           *cm_curator_item_get_clause           (CmCuratorItem *self);
/* The clause's position in its document. */
guint               cm_curator_item_get_position         (CmCuratorItem *self);
/* Annotators gave different label sets, or labelled over different
 * boundaries. */
gboolean            cm_curator_item_get_disagrees        (CmCuratorItem *self);
/* Some annotator labelled this text as part of a larger clause. */
gboolean            cm_curator_item_get_boundaries_differ (CmCuratorItem *self);
gboolean            cm_curator_item_get_adjudicated      (CmCuratorItem *self);
/* The labels more than half of the clause's annotators chose (may be
 * empty: "no label" is a majority answer too). */
const char * const *cm_curator_item_get_majority         (CmCuratorItem *self);
/* Whether @label is among any annotator's or the final labels. */
gboolean            cm_curator_item_uses_label           (CmCuratorItem *self,
                                                          const char    *label);

/* "Ana Lima" -> "AL", "李娜" -> "李": what a chip can hold. */
char               *cm_annotator_initials                (const char    *name);
/* The annotators of a document's clauses, sorted as the clauses keep them. */
GStrv               cm_document_dup_annotators           (CmDocument    *document);

G_END_DECLS
