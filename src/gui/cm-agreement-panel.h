/* cm-agreement-panel.h — how far the annotators of the open documents
 * agree: overall figures, a chart per label with 95 % intervals, pairs of
 * annotators, each annotator against the adjudicated labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-agreement-chart.h"

G_BEGIN_DECLS

#define CM_TYPE_AGREEMENT_PANEL (cm_agreement_panel_get_type ())

G_DECLARE_FINAL_TYPE (CmAgreementPanel, cm_agreement_panel, CM, AGREEMENT_PANEL, GtkWidget)

/* Computes the figures in a thread over @documents (as they are now) and
 * the Clausemark documents at @paths (NULL-terminated; read in the
 * thread), then shows them. Cancels a computation still running. */
void              cm_agreement_panel_compute   (CmAgreementPanel   *self,
                                                GPtrArray          *documents,
                                                const char * const *paths,
                                                CmTaxonomy         *taxonomy);
void              cm_agreement_panel_cancel    (CmAgreementPanel   *self);
gboolean          cm_agreement_panel_is_busy   (CmAgreementPanel   *self);
/* What the panel shows: "busy", "empty", "error" or "result". */
const char       *cm_agreement_panel_get_state (CmAgreementPanel   *self);
/* The text of the error or empty state shown, else NULL. */
const char       *cm_agreement_panel_get_message (CmAgreementPanel *self);
CmAgreementChart *cm_agreement_panel_get_chart (CmAgreementPanel   *self);
/* The figures shown, or NULL. */
CmAgreement      *cm_agreement_panel_get_agreement (CmAgreementPanel *self);

G_END_DECLS
