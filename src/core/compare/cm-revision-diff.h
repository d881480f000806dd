/* cm-revision-diff.h — what changed between two versions of a policy in
 * one language
 *
 * Reads the links cm_align_versions() found (stored on the documents by
 * cm_revision_align()) and ranks the changes an analyst asks about: clauses
 * added, removed and moved, clauses whose words changed (with a word diff,
 * by character for Chinese), label changes (a new sharing clause, retention
 * that disappeared) and anchor changes (6 months -> 3 months, a new e-mail
 * address, a new third party). Differences are CmDifference (cm-pair-diff.h)
 * with the old version on the zh_ side and the new one on the en_ side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-aligner.h"
#include "cm-pair-diff.h"
#include "cm-taxonomy.h"

G_BEGIN_DECLS

typedef enum
{
  CM_WORD_SAME,
  CM_WORD_REMOVED,
  CM_WORD_ADDED,
} CmWordChange;

typedef struct
{
  CmWordChange  change;
  char         *text;
} CmWordPiece;

void       cm_word_piece_free         (CmWordPiece *piece);

/* The word diff of two texts: runs of kept, removed and added text, in
 * order (Han characters count one by one, other text by words with the
 * blanks after them). A GPtrArray of CmWordPiece. */
GPtrArray *cm_word_diff               (const char  *old_text,
                                       const char  *new_text);

/* The diff written out for a terminal or a log: "[-removed-]{+added+}"
 * around the changes. */
char      *cm_word_diff_to_string     (GPtrArray   *pieces);
/* The same, with the kept text between changes cut down to @context
 * characters on each side of a change ("…precise location {+and the
 * speed+} to plan…"): what changed in a long clause, at a glance. */
char      *cm_word_diff_to_excerpt    (GPtrArray   *pieces,
                                       guint        context);

/* Aligns @old_version with @new_version (same language) and stores the
 * links on both, as cm_align_pair() does for a bilingual pair. */
gboolean   cm_revision_align          (CmDocument  *old_version,
                                       CmDocument  *new_version,
                                       GError     **error);

/* The same in a thread, as cm_align_pair_async() (cm-aligner.h) does:
 * the links are stored by cm_revision_align_finish(), unless cancelled
 * (G_IO_ERROR_CANCELLED, the documents unchanged). */
void       cm_revision_align_async    (CmDocument          *old_version,
                                       CmDocument          *new_version,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean   cm_revision_align_finish   (GAsyncResult        *result,
                                       GError             **error);

/* The changes between two aligned versions (links read from
 * @old_version), most important first. A GPtrArray of CmDifference. */
GPtrArray *cm_revision_find_changes   (CmDocument  *old_version,
                                       CmDocument  *new_version);

/* The same, with labels named by @taxonomy's names in @language ("zh" or
 * "en") instead of by their ids. @taxonomy may be NULL. */
GPtrArray *cm_revision_find_changes_named (CmDocument *old_version,
                                           CmDocument *new_version,
                                           CmTaxonomy *taxonomy,
                                           const char *language);

G_END_DECLS
