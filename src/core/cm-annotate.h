/* cm-annotate.h — the whole pipeline: load, detect clauses, label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-corpus.h"
#include "cm-document.h"
#include "cm-flagger.h"
#include "cm-loader.h"
#include "cm-model-set.h"

G_BEGIN_DECLS

typedef struct
{
  CmGranularity  granularity;
  CmModelSet    *models;    /* NULL: clauses get no suggestions */
  CmFlagger     *flagger;   /* NULL: clauses get no flags */
  const char    *taxonomy;  /* taxonomy id recorded in documents; NULL = "privacy-11" */
  guint          chunk_size; /* streaming: clauses labelled and written at a time; 0 = default */
} CmAnnotateOptions;

#define CM_ANNOTATE_CHUNK_SIZE 4096

/* What a streamed annotate made, and held at most. */
typedef struct
{
  guint n_clauses;
  guint n_boilerplate;
  guint peak_pending;       /* clauses the pipeline held at once */
  guint peak_live_clauses;  /* clause objects alive at once (cm_clause_count_live()) */
} CmAnnotateTotals;

void        cm_annotate_options_init   (CmAnnotateOptions        *options);
/* A document id derived from a file name: "Policy (v2).txt" → "policy-v2". */
char       *cm_document_id_for_path    (const char               *path);
/* Segments and labels loaded text as a new document. */
CmDocument *cm_annotate_loaded         (CmLoadedText             *loaded,
                                        const char               *id,
                                        const CmAnnotateOptions  *options);
/* The same, moving @loaded's text into the document (loaded->text is NULL
 * afterwards): for callers done with it, one copy of a large text. */
CmDocument *cm_annotate_loaded_take    (CmLoadedText             *loaded,
                                        const char               *id,
                                        const CmAnnotateOptions  *options);
/* Segment → label → write, a few thousand clauses at a time: the file
 * cm_corpus_add_document() of cm_annotate_loaded_take()'s document writes
 * (or, to @fd, what cm_document_write_fd() writes), byte for byte, never
 * holding all the clauses. @loaded's text is taken. */
gboolean    cm_annotate_loaded_into_corpus (CmLoadedText            *loaded,
                                            const char              *id,
                                            const CmAnnotateOptions *options,
                                            CmCorpus                *corpus,
                                            CmAnnotateTotals        *totals,
                                            GError                 **error);
gboolean    cm_annotate_loaded_to_fd   (CmLoadedText             *loaded,
                                        const char               *id,
                                        const CmAnnotateOptions  *options,
                                        int                       fd,
                                        CmAnnotateTotals         *totals,
                                        GError                  **error);
/* One `annotate --jsonl` record, {"id": …, "text": …}, as a new document. */
CmDocument *cm_annotate_record         (const char               *line,
                                        gsize                     length,
                                        const char               *where,
                                        const CmAnnotateOptions  *options,
                                        GError                  **error);
/* The same, written to @fd as cm_document_write_fd() writes it, streamed. */
gboolean    cm_annotate_record_to_fd   (const char               *line,
                                        gsize                     length,
                                        const char               *where,
                                        const CmAnnotateOptions  *options,
                                        int                       fd,
                                        GError                  **error);
/* Opens any file Clausemark reads: a Clausemark JSON document is loaded as
 * saved; any other file is loaded, segmented and labelled. */
CmDocument *cm_annotate_file           (const char               *path,
                                        const CmAnnotateOptions  *options,
                                        GCancellable             *cancellable,
                                        GError                  **error);
void        cm_annotate_file_async     (const char               *path,
                                        const CmAnnotateOptions  *options,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data);
CmDocument *cm_annotate_file_finish    (GAsyncResult             *result,
                                        GError                  **error);

G_END_DECLS
