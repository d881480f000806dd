/* cm-flags.h — clause flags: key, risk, sensitive
 *
 * Flags stand beside a clause's topic labels: whether it is a key clause
 * (one a summary of the policy must keep), a potential risk for the user,
 * or says that sensitive personal information is processed. They are not
 * taxonomy labels; every document has the same three. A clause holds a set
 * of flags (decided by the models' thresholds until a reviewer corrects
 * them) and the models' calibrated probabilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CM_FLAG_KEY,
  CM_FLAG_RISK,
  CM_FLAG_SENSITIVE,
  CM_N_FLAGS
} CmFlag;

/* A set of flags: bit i = flag i. */
typedef guint CmFlags;

#define CM_FLAG_BIT(flag) (1u << (flag))
#define CM_FLAGS_ALL      ((1u << CM_N_FLAGS) - 1)

/* The taxonomy id recorded in flag model files. */
#define CM_FLAGS_TAXONOMY "clausemark-flags"

/* "key", "risk", "sensitive". */
const char *cm_flag_to_string   (CmFlag      flag);
gboolean    cm_flag_from_string (const char *str,
                                 CmFlag     *flag);
/* The flag's name in the UI language ("Key clause", "风险"...). */
const char *cm_flag_get_name    (CmFlag      flag);
/* The desk's key for the flag (Shift + it toggles the flag). */
char        cm_flag_get_key     (CmFlag      flag);
/* CAPP-130's marks: 摘要 / Important is key, 潜在风险 / Risk is risk. */
gboolean    cm_flag_from_corpus_name (const char *name,
                                      CmFlag     *flag);
/* NULL-terminated "key", "risk", "sensitive". */
const char * const *cm_flag_ids (void);

G_END_DECLS
