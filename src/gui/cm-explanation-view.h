/* cm-explanation-view.h — why the model suggests a label: the clause's
 * words tinted by their weight for the label chosen (green towards it,
 * red away from it), and the heading or list lead-in when they counted,
 * with their share of the decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-explanation.h"

G_BEGIN_DECLS

#define CM_TYPE_EXPLANATION_VIEW (cm_explanation_view_get_type ())

G_DECLARE_FINAL_TYPE (CmExplanationView, cm_explanation_view, CM, EXPLANATION_VIEW, GtkWidget)

/* Explains @clause's suggestions (the likeliest first) with @models;
 * hidden when there is nothing to explain. Any argument may be NULL. */
void           cm_explanation_view_set_clause       (CmExplanationView *self,
                                                     CmModelSet        *models,
                                                     CmDocument        *document,
                                                     CmClause          *clause,
                                                     CmTaxonomy        *taxonomy);
/* The label explained ("label" property), and choosing another one of
 * the clause's suggestions. */
const char    *cm_explanation_view_get_label        (CmExplanationView *self);
gboolean       cm_explanation_view_set_label        (CmExplanationView *self,
                                                     const char        *label);
/* The explanation shown, or NULL. */
CmExplanation *cm_explanation_view_get_explanation  (CmExplanationView *self);
/* One line on where the suggestions come from (the corpus's own model,
 * corrections since it was trained); NULL hides it. */
void           cm_explanation_view_set_model_status (CmExplanationView *self,
                                                     const char        *status);
const char    *cm_explanation_view_get_model_status (CmExplanationView *self);

G_END_DECLS
