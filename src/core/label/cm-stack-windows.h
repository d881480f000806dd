/* cm-stack-windows.h — the second stage over a document read a window at a
 * time
 *
 * The second stage (cm-stacker.h) reads a clause's previous and next clause
 * and the mean of its section: a streaming pipeline's window of a few
 * thousand clauses misses the neighbours across its edges and the clauses
 * of sections that run over them. So the pipeline reads its windows twice.
 * In the first pass each window's first-stage scores are gathered, per
 * model, and only what the window's edges need is kept: the scores of the
 * model's clause before and after the window, and the sums and sizes of the
 * window's first and last sections (a few hundred bytes a window and model,
 * whatever the length of the document). The second pass scores the same
 * windows again and applies the second stage from that, exactly as over
 * the whole document: the same sums, added in the same order, to the bit.
 *
 * A model's clauses are those it labels, in document order; a new section
 * starts wherever their heading path changes (as cm_stack_places_of_contexts()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-model.h"

G_BEGIN_DECLS

typedef struct _CmStackWindows CmStackWindows;

CmStackWindows *cm_stack_windows_new     (void);
void            cm_stack_windows_free    (CmStackWindows         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmStackWindows, cm_stack_windows_free)

/* First pass: the first-stage @scores (@n × labels) of the @n clauses
 * of one window that @model labels, @order[k] being clause k's index in
 * @contexts (for its heading path). Once per window in which @model has
 * clauses, in document order. */
void            cm_stack_windows_gather  (CmStackWindows         *self,
                                          CmModel                *model,
                                          const double           *scores,
                                          const CmFeatureContext *contexts,
                                          const guint            *order,
                                          guint                   n);

/* Second pass, the same windows in the same order: replaces the
 * first-stage @scores of the same clauses by @model's second-stage scores.
 * The first call ends the first pass. */
void            cm_stack_windows_apply   (CmStackWindows         *self,
                                          CmModel                *model,
                                          double                 *scores,
                                          const CmFeatureContext *contexts,
                                          const guint            *order,
                                          guint                   n);

G_END_DECLS
