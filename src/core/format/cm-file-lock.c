/* cm-file-lock.c — an advisory lock shared by every process writing a folder
 *
 * Two `annotate` runs into one corpus folder each read the manifest, add
 * their documents and write it back: without a lock, the second write
 * dropped the first run's entries (780 of 1,560, three times out of
 * three). Writers of the manifest take this lock, re-read the manifest
 * under it and merge. flock() locks go with the process: a writer that is
 * killed releases its lock at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-corpus"
#define _GNU_SOURCE 1  /* O_CLOEXEC */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "cm-error.h"
#include "cm-file-lock.h"

/**
 * cm_folder_lock:
 *
 * Waits for the folder's exclusive lock.
 *
 * Returns: a descriptor to give to cm_folder_unlock(), or -1 with @error set.
 */
int
cm_folder_lock (const char  *directory,
                GError     **error)
{
  g_autofree char *path = g_build_filename (directory, CM_FOLDER_LOCK, NULL);
  int fd, status;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot create the lock file: %s",
                   path, g_strerror (saved));
      return -1;
    }
  do
    status = flock (fd, LOCK_EX);
  while (status != 0 && errno == EINTR);
  if (status != 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot lock: %s", path,
                   g_strerror (saved));
      return -1;
    }
  return fd;
}

void
cm_folder_unlock (int fd)
{
  if (fd >= 0)
    close (fd);  /* releases the lock */
}
