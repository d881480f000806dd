/* cm-score-dump.h — a cross-validation's raw material, for stand-ins
 *
 * `eval --cv --dump-scores DIR` writes what a cross-validation decided
 * from, so that an idea can be tried outside the C trainer (numpy,
 * scikit-learn) on exactly the same folds, inner folds, scores and
 * thresholds, after reproducing the C figures from them first
 * (scripts/nonlinear-ideas): a directory of little-endian arrays, each
 * NAME.bin of rows × cols values of one type, and manifest.json naming
 * each array with its type ("u32", "u64", "f32", "f64"), rows and cols.
 * What each array holds is documented where it is written
 * (cm-cross-validation.c, cm-trainer.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CmScoreDump CmScoreDump;

/* Creates @dir (and its parents) if needed. */
CmScoreDump *cm_score_dump_new    (const char   *dir,
                                   GError      **error);
void         cm_score_dump_free   (CmScoreDump  *dump);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmScoreDump, cm_score_dump_free)

/* Writes @rows × @cols values of @type ("u32", "u64", "f32" or "f64")
 * from @data as DIR/@name.bin and records it for the manifest; a name
 * written again is replaced. */
gboolean     cm_score_dump_write  (CmScoreDump  *dump,
                                   const char   *name,
                                   const char   *type,
                                   gconstpointer data,
                                   gsize         rows,
                                   gsize         cols,
                                   GError      **error);
/* Records a number (fold count, labels…) for the manifest. */
void         cm_score_dump_set    (CmScoreDump  *dump,
                                   const char   *key,
                                   gint64        value);
/* Writes DIR/manifest.json (atomically). */
gboolean     cm_score_dump_finish (CmScoreDump  *dump,
                                   GError      **error);

G_END_DECLS
