/* cm-undo-stack.h — reversible edits of a document, for undo and redo
 *
 * GTK-free: an edit is recorded as the state of a run of consecutive clauses
 * before and after it (copies), so every kind of edit — a label toggle, a
 * review decision, a note, a split, a merge — is undone the same way: by
 * putting the recorded clauses back. A step also records the document's
 * checklist overrides when it changed them (an override is such a step,
 * over no clauses).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_UNDO_STACK (cm_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (CmUndoStack, cm_undo_stack, CM, UNDO_STACK, GObject)

CmUndoStack *cm_undo_stack_new          (CmDocument   *document);
CmDocument  *cm_undo_stack_get_document (CmUndoStack  *self);

/* Recording an edit: call begin with the run of clauses the edit touches
 * (position and how many), make the edit, then call end with the run the
 * edit left there. Ends the redo history. */
void         cm_undo_stack_begin        (CmUndoStack  *self,
                                         const char   *description,
                                         guint         position,
                                         guint         n_clauses);
void         cm_undo_stack_end          (CmUndoStack  *self,
                                         guint         n_clauses);
/* Forgets an edit that was begun but did not happen. */
void         cm_undo_stack_abort        (CmUndoStack  *self);

gboolean     cm_undo_stack_can_undo     (CmUndoStack  *self);
gboolean     cm_undo_stack_can_redo     (CmUndoStack  *self);
/* The description of the edit undo / redo would revert, or NULL. */
const char  *cm_undo_stack_peek_undo    (CmUndoStack  *self);
const char  *cm_undo_stack_peek_redo    (CmUndoStack  *self);
/* Both return the position of the first clause the edit touched (so the
 * caller can select it), or -1 when there was nothing to do; @n_clauses
 * (optional) receives how many clauses now stand in the edited run. */
int          cm_undo_stack_undo         (CmUndoStack  *self,
                                         guint        *n_clauses);
int          cm_undo_stack_redo         (CmUndoStack  *self,
                                         guint        *n_clauses);
void         cm_undo_stack_clear        (CmUndoStack  *self);

G_END_DECLS
