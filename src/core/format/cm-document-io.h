/* cm-document-io.h — the Clausemark JSON document format, version 2
 *
 * Version 2 adds to each clause "adjudicated" and "annotations" (one
 * answer per annotator). Version 1 files still load (their clauses have
 * no annotations); saving writes version 2, keeping the old file as
 * "<path>~".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"

G_BEGIN_DECLS

#define CM_FORMAT_NAME    "clausemark-document"
#define CM_FORMAT_VERSION 2

/* One line of JSON (no newline inside: fits a JSON Lines stream). Scores
 * and confidences are written with at most ten decimals (error <= 5e-11,
 * inside cm_clause_equal()'s 1e-9); a negative confidence is written null
 * and reads back as -1. */
char       *cm_document_to_json     (CmDocument  *document,
                                     gsize       *length);
/* The same, streamed to @fd through a small buffer (never whole in memory). */
gboolean    cm_document_write_fd    (CmDocument  *document,
                                     int          fd,
                                     GError     **error);
/* @name names the data in errors. Refuses other formats (CM_ERROR_UNKNOWN_FORMAT),
 * newer versions (CM_ERROR_NEWER_VERSION) and broken invariants (CM_ERROR_INVALID). */
CmDocument *cm_document_from_json   (const char  *data,
                                     gssize       length,
                                     const char  *name,
                                     GError     **error);
/* As cm_document_from_json(); a file that cannot be read gives a
 * G_FILE_ERROR (so callers can tell "unreadable" from "invalid"). */
CmDocument *cm_document_load        (const char  *path,
                                     GError     **error);
/* Reading a document one clause at a time (the file is never held whole,
 * nor as a tree): @func sees each clause, with the document read so far
 * (header, text), and the clause is dropped: the returned document has no
 * clauses. Every rule is checked as by cm_document_load(), with the same
 * first error; @func is not called after a clause that breaks the rules
 * across clauses. FALSE from @func (with @error set) stops the reading. */
typedef gboolean (*CmClauseFunc) (CmDocument  *document,
                                  CmClause    *clause,
                                  gpointer     user_data,
                                  GError     **error);
CmDocument *cm_document_load_each   (const char    *path,
                                     CmClauseFunc   func,
                                     gpointer       user_data,
                                     GError       **error);
/* @regular: see cm_open_bounded(); anything else is read whole first. */
CmDocument *cm_document_read_fd     (int            fd,
                                     gboolean       regular,
                                     const char    *name,
                                     CmClauseFunc   func,
                                     gpointer       user_data,
                                     GError       **error);
CmDocument *cm_document_from_json_each (const char    *data,
                                        gsize          length,
                                        const char    *name,
                                        CmClauseFunc   func,
                                        gpointer       user_data,
                                        GError       **error);
/* Atomic: writes a temporary file beside @path, flushes it, keeps the
 * previous file as "<path>~" and renames. Refuses to replace a file that is
 * not a Clausemark document of a version this build understands, and to
 * write a document that breaks cm_document_check(). */
gboolean    cm_document_save        (CmDocument  *document,
                                     const char  *path,
                                     GError     **error);
/* For recovery copies of an open document: streams it into a temporary
 * file beside @path and renames it over @path, without flushing to disk,
 * keeping a backup or checking what it replaces (a crash of the system may
 * lose the newest copy, never leave half of one). Never holds the whole
 * JSON in memory; cheap enough for the main thread. Refuses a document
 * that breaks cm_document_check(). */
gboolean    cm_document_save_recovery (CmDocument  *document,
                                       const char  *path,
                                       GError     **error);
/* Checks the rules the format imposes across clauses (text order, no
 * overlap, inside the text, unique ids, links to existing clauses);
 * cm_document_save() refuses a document that breaks them. */
gboolean    cm_document_check       (CmDocument  *document,
                                     GError     **error);
/* Writes "<path>.tmp-XXXXXX", fsyncs, keeps the old file as "<path>~" when
 * @backup, renames over @path. Used for documents and corpus manifests. */
gboolean    cm_write_file_atomically (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      gboolean     backup,
                                      GError     **error);
/* Many atomic replacements made durable together (one file-system sync
 * instead of two fsync() calls per file): add() writes the temporary file,
 * commit() flushes them all, then renames each over its path (keeping
 * "<path>~" when @backup). Until commit, readers see the previous files;
 * never half of one. free() drops what was not committed. */
typedef struct _CmAtomicBatch CmAtomicBatch;
CmAtomicBatch *cm_atomic_batch_new           (void);
gboolean       cm_atomic_batch_add           (CmAtomicBatch  *batch,
                                              const char     *path,
                                              const char     *data,
                                              gsize           length,
                                              gboolean        backup,
                                              GError        **error);
guint          cm_atomic_batch_get_n_pending (CmAtomicBatch  *batch);
gboolean       cm_atomic_batch_commit        (CmAtomicBatch  *batch,
                                              GError        **error);
void           cm_atomic_batch_free          (CmAtomicBatch  *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAtomicBatch, cm_atomic_batch_free)
/* As cm_document_save(), with the file written into @batch: @path changes
 * at cm_atomic_batch_commit(). */
gboolean    cm_document_save_to_batch (CmDocument     *document,
                                       const char     *path,
                                       CmAtomicBatch  *batch,
                                       GError        **error);
/* Writing a document whose clauses come a few thousand at a time (the
 * streaming annotate pipeline): @head holds every member but the clauses;
 * a CmClauseProducer adds them in order, each checked as by
 * cm_document_check() and written at once. The output is byte for byte
 * cm_document_to_json()'s for @head holding those clauses. */
typedef struct _CmDocumentStream CmDocumentStream;
typedef struct
{
  guint n_clauses;
  guint n_reviewed;   /* not unreviewed */
} CmStreamTotals;
/* FALSE (with @error set) stops the writing; the file is not replaced. */
typedef gboolean (*CmClauseProducer) (CmDocumentStream  *stream,
                                      gpointer           user_data,
                                      GError           **error);
gboolean    cm_document_stream_add_clause (CmDocumentStream  *stream,
                                           CmClause          *clause,
                                           GError           **error);
gboolean    cm_document_write_streamed_fd (CmDocument        *head,
                                           int                fd,
                                           CmClauseProducer   producer,
                                           gpointer           user_data,
                                           CmStreamTotals    *totals,
                                           GError           **error);
/* Atomic as cm_document_save(), or into @batch (nullable) as
 * cm_document_save_to_batch(). */
gboolean    cm_document_save_streamed     (CmDocument        *head,
                                           const char        *path,
                                           CmAtomicBatch     *batch,
                                           CmClauseProducer   producer,
                                           gpointer           user_data,
                                           CmStreamTotals    *totals,
                                           GError           **error);
/* TRUE if @path looks like a Clausemark JSON document (cheap sniff). */
gboolean    cm_path_is_document     (const char  *path);

G_END_DECLS
