/* cm-temporary.c — naming temporary files, and removing the ones left by killed writers
 *
 * An atomic save writes "NAME.tmp-PID.HOST-XXXXXX" beside NAME and renames
 * it over NAME. A writer killed in between leaves the temporary file
 * behind (25 SIGKILLs during `annotate -o` once left 2,765 of them,
 * 398 MB). The name records who wrote it, so that a later writer can tell
 * a stale file from one being written right now: it is stale when its
 * writer ran on this machine and is dead, or when it is older than
 * CM_TEMPORARY_MAX_AGE_SECONDS (older names without a writer, files from
 * other machines). Only regular files of that shape are ever removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"
#define _GNU_SOURCE 1  /* kill() */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-temporary.h"

#define TMP_MARK ".tmp-"

/* Eight hex digits naming this machine (not its name: it may be long). */
static guint32
host_tag (void)
{
  return g_str_hash (g_get_host_name ());
}

/**
 * cm_temporary_template:
 *
 * Returns: (transfer full): "<path>.tmp-PID.HOST-XXXXXX", for g_mkstemp().
 */
char *
cm_temporary_template (const char *path)
{
  return g_strdup_printf ("%s" TMP_MARK "%ld.%08x-XXXXXX", path, (long) getpid (), host_tag ());
}

/* Is the writer named in @mark ("PID.HOST-XXXXXX") known to be dead? */
static gboolean
writer_is_dead (const char *mark)
{
  long pid;
  unsigned int host;
  int n = 0;

  if (sscanf (mark, "%ld.%8x-%n", &pid, &host, &n) != 2 || n == 0 || pid <= 0
      || host != host_tag ())
    return FALSE;
  if (pid == (long) getpid ())
    return FALSE;  /* ours: maybe another thread's save in progress */
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

static gboolean
is_stale (const char *directory,
          const char *name,
          const char *mark,
          gint64      now)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  return writer_is_dead (mark) || now - (gint64) st.st_mtime > CM_TEMPORARY_MAX_AGE_SECONDS;
}

/**
 * cm_remove_stale_temporaries:
 * @base_name: (nullable): only those of this file ("doc.json"); %NULL: all
 *
 * Removes the stale temporary files of atomic saves in @directory.
 *
 * Returns: how many were removed.
 */
guint
cm_remove_stale_temporaries (const char *directory,
                             const char *base_name)
{
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint n_removed = 0;

  g_return_val_if_fail (directory != NULL, 0);

  dir = g_dir_open (directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      const char *mark = strstr (name, TMP_MARK);

      if (mark == NULL || mark == name)
        continue;
      if (base_name != NULL && ((gsize) (mark - name) != strlen (base_name)
                                || strncmp (name, base_name, mark - name) != 0))
        continue;
      if (is_stale (directory, name, mark + strlen (TMP_MARK), now))
        {
          g_autofree char *path = g_build_filename (directory, name, NULL);
          if (g_unlink (path) == 0)
            n_removed++;
        }
    }
  return n_removed;
}
