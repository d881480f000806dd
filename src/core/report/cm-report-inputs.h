/* cm-report-inputs.h — the documents a report or checklist is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-annotate.h"

G_BEGIN_DECLS

/* Appends to @documents what @path holds: a folder's Clausemark documents
 * (a corpus, sorted by file name), a saved document, or a policy file,
 * which is loaded, segmented and labelled with @options. Clauses no flagger
 * has seen get their flags from @options->flagger (when set). */
gboolean cm_report_open_path (const char              *path,
                              const CmAnnotateOptions *options,
                              GPtrArray               *documents,
                              GError                 **error);

G_END_DECLS
