/* cm-atomic-write.c — replacing a file so that no reader ever sees half of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-document-io.h"
#include "cm-error.h"

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          int saved = errno;
          if (saved == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                       g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Keeps the current file as "<path>~": a hard link when the file system
 * allows, else a copy. The old backup goes. */
static gboolean
keep_backup (const char  *path,
             GError     **error)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot remove the old backup: %s",
                   backup, g_strerror (saved));
      return FALSE;
    }
  if (link (path, backup) == 0)
    return TRUE;
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  return g_file_set_contents (backup, contents, (gssize) length, error);
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * cm_write_file_atomically:
 *
 * Writes @data to "<path>.tmp-XXXXXX" beside @path, flushes it to disk,
 * keeps the previous file as "<path>~" (when @backup) and renames the
 * temporary file over @path: readers see the old file or the new one,
 * never half of one. No temporary file is left behind on failure.
 */
gboolean
cm_write_file_atomically (const char  *path,
                          const char  *data,
                          gsize        length,
                          gboolean     backup,
                          GError     **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gboolean existed;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  existed = g_stat (path, &st) == 0;
  tmp_path = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot create a temporary file: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  /* Keep the permissions of the file we replace. */
  if (existed)
    fchmod (fd, st.st_mode & 07777);
  if (!write_all (fd, data, length, &local_error) || fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   local_error ? local_error->message : g_strerror (saved));
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (existed && backup && !keep_backup (path, &local_error))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot keep a backup: %s", path,
                   local_error->message);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot replace: %s", path,
                   g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  sync_directory (path);
  return TRUE;
}
