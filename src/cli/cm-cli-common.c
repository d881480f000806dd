/* cm-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "cm-cli-common.h"

void
cm_cli_progress_init (CmCliProgress *progress,
                      const char    *what,
                      guint          total)
{
  progress->what = what;
  progress->total = total;
  progress->enabled = isatty (STDERR_FILENO) && total > 1;
  progress->last_update = 0;
}

void
cm_cli_progress_update (CmCliProgress *progress,
                        guint          done,
                        const char    *current)
{
  gint64 now;
  g_autofree char *name = NULL;

  if (!progress->enabled)
    return;
  /* Redrawing more than ten times a second only costs time. */
  now = g_get_monotonic_time ();
  if (now - progress->last_update < G_USEC_PER_SEC / 10 && done + 1 < progress->total)
    return;
  progress->last_update = now;
  name = g_path_get_basename (current);
  fprintf (stderr, "\r\033[K%s: %u/%u (%u%%) %s", progress->what, done + 1, progress->total,
           (done + 1) * 100 / progress->total, name);
  fflush (stderr);
}

void
cm_cli_progress_finish (CmCliProgress *progress)
{
  if (progress->enabled)
    fprintf (stderr, "\r\033[K");
}
