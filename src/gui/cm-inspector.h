/* cm-inspector.h — the selected clause in detail: label toggles with their
 * keys, the model's suggestions and the words behind them (highlighted in the
 * clause's text), note, headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-explanation-view.h"
#include "cm-model-set.h"

G_BEGIN_DECLS

#define CM_TYPE_INSPECTOR (cm_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CmInspector, cm_inspector, CM, INSPECTOR, GtkWidget)

void      cm_inspector_set_document (CmInspector *self,
                                     CmDocument  *document,
                                     CmTaxonomy  *taxonomy);
/* The models explain suggestions; NULL shows scores only. */
void      cm_inspector_set_models   (CmInspector *self,
                                     CmModelSet  *models);
/* Labelling blind as @annotator (NULL: not blind): their own labels
 * only, no suggestions. */
void      cm_inspector_set_blind_annotator (CmInspector *self,
                                            const char  *annotator);
void      cm_inspector_set_clause   (CmInspector *self,
                                     CmClause    *clause);
CmClause *cm_inspector_get_clause   (CmInspector *self);
/* Where the suggestions come from (see cm_explanation_view_set_model_status()). */
void      cm_inspector_set_model_status (CmInspector *self,
                                         const char  *status);
CmExplanationView *cm_inspector_get_explanation_view (CmInspector *self);
/* Emits note-changed if the note field differs from the clause's note. */
void      cm_inspector_commit_note  (CmInspector *self);

G_END_DECLS
