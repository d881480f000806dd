/* cm-merge.h — joining annotators' copies of the same documents
 *
 * Annotators label copies of the same documents on their own machines.
 * Joining them needs the same source text (else an error naming the
 * document, and nothing is joined). Boundaries may differ: the joined
 * document has every boundary any copy had, and each annotator's answers
 * carry over to every piece of the clause they were given on (recording
 * that clause as the annotation's span when it was larger). Nobody's
 * answer replaces another's; the same annotator's answer found in two
 * copies keeps the newer one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"

G_BEGIN_DECLS

/* Joins @n_copies copies of one document (the same id and text). A copy
 * reviewed by one person without annotations (a version 1 review) counts
 * its reviewed clauses as that reviewer's annotations. */
CmDocument *cm_merge_documents   (CmDocument          **copies,
                                  guint                 n_copies,
                                  GError              **error);
/* Groups @documents by id and joins each group; sorted by id. */
GPtrArray  *cm_merge_join        (GPtrArray            *documents,
                                  GError              **error);
/* Every document in the files and folders @paths (NULL-terminated);
 * all-or-nothing. Each document remembers its file (cm_merge_get_path()). */
GPtrArray  *cm_merge_load        (const char * const   *paths,
                                  GCancellable         *cancellable,
                                  GError              **error);
const char *cm_merge_get_path    (CmDocument           *document);
/* cm_merge_load() then cm_merge_join(). */
GPtrArray  *cm_merge_paths       (const char * const   *paths,
                                  GCancellable         *cancellable,
                                  GError              **error);
void        cm_merge_paths_async (const char * const   *paths,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
GPtrArray  *cm_merge_paths_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
