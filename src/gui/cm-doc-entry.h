/* cm-doc-entry.h — one document open in a window: where it lives on disk,
 * its content once loaded, its undo history and its review progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clausemark-core.h"
#include "cm-undo-stack.h"

G_BEGIN_DECLS

#define CM_TYPE_DOC_ENTRY (cm_doc_entry_get_type ())

G_DECLARE_FINAL_TYPE (CmDocEntry, cm_doc_entry, CM, DOC_ENTRY, GObject)

CmDocEntry  *cm_doc_entry_new               (const char  *source_path);
const char  *cm_doc_entry_get_source_path   (CmDocEntry  *self);
/* Where Save writes: the source itself for a Clausemark document, else
 * "<name>.clausemark.json" beside the source. */
const char  *cm_doc_entry_get_save_path     (CmDocEntry  *self);
void         cm_doc_entry_set_save_path     (CmDocEntry  *self,
                                             const char  *path);
const char  *cm_doc_entry_get_title         (CmDocEntry  *self);
void         cm_doc_entry_set_title         (CmDocEntry  *self,
                                             const char  *title);

CmDocument  *cm_doc_entry_get_document      (CmDocEntry  *self);
CmUndoStack *cm_doc_entry_get_undo_stack    (CmDocEntry  *self);
void         cm_doc_entry_set_document      (CmDocEntry  *self,
                                             CmDocument  *document);

gboolean     cm_doc_entry_get_dirty         (CmDocEntry  *self);
void         cm_doc_entry_set_dirty         (CmDocEntry  *self,
                                             gboolean     dirty);

/* Review progress over labelable clauses; recount after edits. */
void         cm_doc_entry_recount           (CmDocEntry  *self);
void         cm_doc_entry_set_counts        (CmDocEntry  *self,
                                             guint        reviewed,
                                             guint        corrected,
                                             guint        total);
guint        cm_doc_entry_get_reviewed      (CmDocEntry  *self);
guint        cm_doc_entry_get_corrected     (CmDocEntry  *self);
guint        cm_doc_entry_get_total         (CmDocEntry  *self);
/* Counts a document's labelable, reviewed and corrected clauses. */
void         cm_count_review_progress       (CmDocument  *document,
                                             guint       *reviewed,
                                             guint       *corrected,
                                             guint       *total);

/* Its corpus asks for blind labelling (see cm_corpus_get_blind()). */
gboolean     cm_doc_entry_get_blind         (CmDocEntry  *self);
void         cm_doc_entry_set_blind         (CmDocEntry  *self,
                                             gboolean     blind);

/* The save file as it was when last read or written, to tell whether
 * someone else has changed it since. */
void         cm_doc_entry_remember_disk     (CmDocEntry  *self);
gboolean     cm_doc_entry_changed_on_disk   (CmDocEntry  *self);

/* $XDG_STATE_HOME/clausemark/recovery/<sha256 of save path>.json */
char        *cm_doc_entry_dup_recovery_path (CmDocEntry  *self);

G_END_DECLS
