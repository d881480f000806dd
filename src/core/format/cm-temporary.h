/* cm-temporary.h — naming temporary files, and removing the ones left by killed writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A temporary file older than this is stale whoever wrote it: no save
 * takes an hour, and its writer may be on another machine. */
#define CM_TEMPORARY_MAX_AGE_SECONDS (60 * 60)

char  *cm_temporary_template       (const char *path);
guint  cm_remove_stale_temporaries (const char *directory,
                                    const char *base_name);

G_END_DECLS
