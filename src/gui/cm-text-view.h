/* cm-text-view.h — the policy's text, read-only, each clause tinted with its
 * label's colour and the selected clause marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_TEXT_VIEW (cm_text_view_get_type ())

G_DECLARE_FINAL_TYPE (CmTextView, cm_text_view, CM, TEXT_VIEW, GtkTextView)

GtkWidget  *cm_text_view_new              (void);
void        cm_text_view_set_document     (CmTextView *self,
                                           CmDocument *document,
                                           CmTaxonomy *taxonomy);
/* Re-tints clauses [position, position + n_clauses) after an edit. */
void        cm_text_view_refresh_clauses  (CmTextView *self,
                                           guint       position,
                                           guint       n_clauses);
/* Marks @clause as the selected one; scrolls to it when @scroll. */
void        cm_text_view_select_clause    (CmTextView *self,
                                           CmClause   *clause,
                                           gboolean    scroll);
/* The text cursor as a code-point offset into the document's text. */
guint       cm_text_view_get_cursor_offset (CmTextView *self);
void        cm_text_view_set_cursor_offset (CmTextView *self,
                                            guint       offset);
/* Labelling blind as @annotator (NULL: not blind): tints show their own
 * labels only. */
void        cm_text_view_set_blind_annotator (CmTextView *self,
                                              const char *annotator);
/* TRUE once every clause has its tint (tinting runs in idle chunks). */
gboolean    cm_text_view_is_tinted        (CmTextView *self);

G_END_DECLS
