/* cm-annotate-private.h — what the one-shot and the streaming annotate share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-annotate.h"

G_BEGIN_DECLS

/* A new document of @loaded's text (moved when @take_text) and its
 * source, load report, links, taxonomy and granularity; no clauses. */
CmDocument *cm_annotate_new_head          (CmLoadedText            *loaded,
                                           const char              *id,
                                           const CmAnnotateOptions *options,
                                           gboolean                 take_text);
/* The title: the loader's, else @first_heading (taken), else the file name. */
void        cm_annotate_set_title         (CmDocument              *document,
                                           CmLoadedText            *loaded,
                                           char                    *first_heading);

G_END_DECLS
