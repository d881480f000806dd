/* cm-bounded-read.c — reading any input whole, once, within a size limit
 *
 * Every file Clausemark reads goes through here: it is opened once (a
 * FIFO opened twice waits for a second writer forever), a regular file is
 * refused from its size before a byte is read, and anything else (pipes,
 * FIFOs, devices such as /dev/zero) is read in growing steps and refused
 * as soon as it passes the limit, so that memory stays bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-bounded-read"
#define _GNU_SOURCE 1  /* O_CLOEXEC */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-bounded-read.h"
#include "cm-error.h"

static void
set_errno_error (GError     **error,
                 const char  *name,
                 int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", name,
               g_strerror (saved_errno));
}

static void
set_too_large (GError     **error,
               const char  *name,
               gboolean     is_stream,
               guint64      size,
               gsize        max_size)
{
  if (!is_stream)
    g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                 "%s: the file is too large (%" G_GUINT64_FORMAT " MB; the limit is %"
                 G_GSIZE_FORMAT " MB)", name, size >> 20, max_size >> 20);
  else  /* a stream: we only know it goes on */
    g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                 "%s: the input goes on past the limit of %" G_GSIZE_FORMAT " MB; refused",
                 name, max_size >> 20);
}

/* read() until @buffer holds @want bytes or the input ends; -1 on error. */
static gssize
read_up_to (int    fd,
            char  *buffer,
            gsize  want)
{
  gsize got = 0;

  while (got < want)
    {
      gssize n = read (fd, buffer + got, want - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += (gsize) n;
    }
  return (gssize) got;
}

/* A stream of unknown length: grow the buffer by doubling, stop one byte
 * past the limit. */
static char *
read_stream (int           fd,
             const char   *name,
             gsize         max_size,
             gsize        *length,
             GError      **error)
{
  gsize capacity = 64 * 1024, got = 0;
  char *buffer = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n = read_up_to (fd, buffer + got, capacity - got);

      if (n < 0)
        {
          set_errno_error (error, name, errno);
          g_free (buffer);
          return NULL;
        }
      got += (gsize) n;
      if (got > max_size)
        {
          set_too_large (error, name, TRUE, got, max_size);
          g_free (buffer);
          return NULL;
        }
      if (got < capacity)
        break;  /* the input ended */
      capacity = MIN (capacity * 2, max_size + 1);
      buffer = g_realloc (buffer, capacity + 1);
    }
  buffer[got] = '\0';
  *length = got;
  return buffer;
}

/**
 * cm_read_fd_bounded:
 * @fd: an open descriptor (not closed)
 * @name: names the input in errors ("<stdin>")
 *
 * Reads @fd to its end, refusing (CM_ERROR_TOO_LARGE) an input longer
 * than @max_size without holding more than about twice that.
 *
 * Returns: (transfer full): the contents, nul-terminated (*@length
 * excludes the nul), or %NULL with @error set.
 */
char *
cm_read_fd_bounded (int          fd,
                    const char  *name,
                    gsize        max_size,
                    gsize       *length,
                    GError     **error)
{
  g_return_val_if_fail (fd >= 0 && name != NULL && length != NULL, NULL);

  return read_stream (fd, name, max_size, length, error);
}

/**
 * cm_open_bounded:
 * @regular: (out): whether @path is a regular file (which may be read by
 *   offset); anything else must be read as a stream, with cm_read_fd_bounded()
 * @size: (out) (optional): a regular file's size
 *
 * Opens @path for reading, once: a folder is refused with
 * G_FILE_ERROR_ISDIR, a regular file larger than @max_size with
 * CM_ERROR_TOO_LARGE before a byte is read.
 *
 * Returns: the descriptor (the caller closes it), or -1 with @error set.
 */
int
cm_open_bounded (const char  *path,
                 gsize        max_size,
                 gboolean    *regular,
                 guint64     *size,
                 GError     **error)
{
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL && regular != NULL, -1);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      if (fd >= 0)
        close (fd);
      set_errno_error (error, path, saved_errno);
      return -1;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "%s: this is a folder, not a file",
                   path);
      return -1;
    }
  *regular = S_ISREG (st.st_mode);
  /* Refuse before reading: the limit exists to bound memory. */
  if (*regular && (guint64) st.st_size > max_size)
    {
      close (fd);
      set_too_large (error, path, FALSE, (guint64) st.st_size, max_size);
      return -1;
    }
  if (size != NULL)
    *size = *regular ? (guint64) st.st_size : 0;
  return fd;
}

/**
 * cm_read_file_bounded:
 * @alloc: (nullable): allocates a regular file's buffer (size + 1 bytes)
 *
 * Reads the file at @path whole through one open(): regular files by
 * their size, everything else as a stream (see cm_read_fd_bounded()).
 * A folder is refused with G_FILE_ERROR_ISDIR.
 *
 * Returns: (transfer full): the contents, nul-terminated, or %NULL with
 * @error naming the file (GFileError when it cannot be read,
 * CM_ERROR_TOO_LARGE beyond @max_size).
 */
char *
cm_read_file_bounded (const char   *path,
                      gsize         max_size,
                      CmReadAlloc   alloc,
                      gsize        *length,
                      GError      **error)
{
  gboolean regular;
  guint64 size;
  char *buffer;
  gssize got;
  int fd;

  g_return_val_if_fail (path != NULL && length != NULL, NULL);

  fd = cm_open_bounded (path, max_size, &regular, &size, error);
  if (fd < 0)
    return NULL;
  if (!regular)
    {
      buffer = read_stream (fd, path, max_size, length, error);
      close (fd);
      return buffer;
    }
  buffer = alloc != NULL ? alloc ((gsize) size + 1) : g_malloc ((gsize) size + 1);
  got = read_up_to (fd, buffer, (gsize) size);
  if (got < 0)
    {
      int saved_errno = errno;
      close (fd);
      g_free (buffer);
      set_errno_error (error, path, saved_errno);
      return NULL;
    }
  close (fd);
  /* If it shrank while we read, take what there is; if it grew, the size
   * we checked is what we read. */
  buffer[got] = '\0';
  *length = (gsize) got;
  return buffer;
}
