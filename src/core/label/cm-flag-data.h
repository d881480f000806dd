/* cm-flag-data.h — labelled sentences for the clause flags
 *
 * Training sets whose label masks are CmFlags (bit i = CmFlag i):
 * CAPP-130's per-policy jsonl files carry key sentences (摘要 / Important)
 * and potential risks (潜在风险 / Risk) among their labels; APPSI-139's
 * important/, risk/ and sensitive/ splits are "sentence<TAB>0|1" files for
 * one flag each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-flags.h"
#include "cm-training-set.h"

G_BEGIN_DECLS

/* "sentence<TAB>0|1": 1 sets @flag. */
gboolean       cm_training_set_add_flag_split  (CmTrainingSet  *set,
                                                const char     *path,
                                                CmFlag          flag,
                                                GError        **error);
/* Picks the reader by content (a first line that is a JSON object: a
 * CAPP-130 policy file, see cm_training_set_add_policy_jsonl_flags(); else
 * a split of @flag). */
gboolean       cm_training_set_add_flag_file   (CmTrainingSet  *set,
                                                const char     *path,
                                                CmFlag          flag,
                                                GError        **error);
/* A copy of @set whose bit i is flag @flags[i] of @set's masks, for a
 * model whose labels are those flags. */
CmTrainingSet *cm_training_set_select_flags    (CmTrainingSet  *set,
                                                const CmFlag   *flags,
                                                guint           n_flags);

G_END_DECLS
