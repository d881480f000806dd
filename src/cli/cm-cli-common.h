/* cm-cli-common.h — helpers shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A one-line progress report on stderr, shown only when stderr is a terminal. */
typedef struct
{
  const char *what;
  guint       total;
  gboolean    enabled;
  gint64      last_update;
} CmCliProgress;

void cm_cli_progress_init   (CmCliProgress *progress,
                             const char    *what,
                             guint          total);
void cm_cli_progress_update (CmCliProgress *progress,
                             guint          done,
                             const char    *current);
void cm_cli_progress_finish (CmCliProgress *progress);

G_END_DECLS
