/* cm-corpus.h — a folder of document files plus a manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document-io.h"
#include "cm-document.h"

G_BEGIN_DECLS

#define CM_CORPUS_MANIFEST "clausemark-corpus.json"

#define CM_TYPE_CORPUS (cm_corpus_get_type ())

G_DECLARE_FINAL_TYPE (CmCorpus, cm_corpus, CM, CORPUS, GObject)

/* Opens a corpus folder (reading its manifest if present; a folder of
 * documents without one is accepted) or creates it when @create. */
CmCorpus   *cm_corpus_open               (const char  *directory,
                                          gboolean     create,
                                          GError     **error);
const char *cm_corpus_get_directory      (CmCorpus    *self);
/* The manifest's name (the folder's name for a new corpus). */
const char *cm_corpus_get_name           (CmCorpus    *self);
/* Document file names (relative to the folder), sorted. */
GStrv       cm_corpus_list_documents     (CmCorpus    *self);
/* Saves @document as <folder>/<id>.json and records it in the manifest. */
gboolean    cm_corpus_add_document       (CmCorpus    *self,
                                          CmDocument  *document,
                                          GError     **error);
/* The same for @head holding the clauses @producer adds, a few thousand
 * at a time (cm_document_save_streamed()). */
gboolean    cm_corpus_add_streamed       (CmCorpus          *self,
                                          CmDocument        *head,
                                          CmClauseProducer   producer,
                                          gpointer           user_data,
                                          GError           **error);
/* Batch mode, for adding many documents: each add writes a temporary file
 * and the documents become visible and durable together, a few hundred at
 * a time, at the latest at cm_corpus_flush() or cm_corpus_save_manifest()
 * (one file-system sync per group instead of two fsync() calls per file). */
void        cm_corpus_begin_batch        (CmCorpus    *self);
gboolean    cm_corpus_flush              (CmCorpus    *self,
                                          GError     **error);
gboolean    cm_corpus_save_manifest      (CmCorpus    *self,
                                          GError     **error);
/* Blind labelling: while annotating, a user sees neither the model's
 * suggestions nor other annotators' labels (against anchoring). Stored in
 * the manifest (format version 2); set it, then cm_corpus_save_manifest(). */
gboolean    cm_corpus_get_blind          (CmCorpus    *self);
void        cm_corpus_set_blind          (CmCorpus    *self,
                                          gboolean     blind);
/* For a document file (or a folder): is the corpus it lies in blind? FALSE
 * when its folder has no manifest, or one that cannot be read. */
gboolean    cm_corpus_is_blind_for       (const char  *path);
/* Checks a manifest file (format, version, entries) without opening a corpus. */
gboolean    cm_corpus_validate_manifest  (const char  *path,
                                          GError     **error);
gboolean    cm_corpus_validate_manifest_data (const char  *contents,
                                              gsize        length,
                                              const char  *name,
                                              GError     **error);

G_END_DECLS
