/* cm-policy-versions.h — which documents of a corpus are versions of one
 * policy, and in what order
 *
 * Two documents are versions of one policy when their file names are the
 * same once the numbers in them are set aside ("acme-privacy-2025.txt",
 * "acme-privacy-2026-03.html"; a run of digits with '-', '.' or '_'
 * between counts as one number, and the extension is ignored). They are
 * ordered by those numbers, compared in turn as numbers (2025 before
 * 2026-03, v2 before v10); names without numbers do not form versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key versions of one policy share: the base name of @path without its
 * extension, numbers replaced by '#', lower case. NULL when the name holds
 * no number (nothing tells versions apart). */
char    *cm_policy_version_key      (const char *path);

/* Orders two versions (paths or names): by the numbers in their base names,
 * compared in turn as numbers; then by name. Negative, 0 or positive. */
int      cm_policy_version_compare  (const char *a,
                                     const char *b);

G_END_DECLS
