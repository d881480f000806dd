/* cm-atomic-write.c — replacing a file so that no reader ever sees half of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"
#define _GNU_SOURCE 1  /* syncfs() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-document-io-private.h"
#include "cm-error.h"
#include "cm-temporary.h"

gboolean
cm_document_io_write_all (int          fd,
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

/* Creates "<path>.tmp-XXXXXX" beside @path holding what @writer writes
 * (not yet flushed), with the permissions of the file it will replace. */
static char *
write_temporary (const char    *path,
                 CmFileWriter   writer,
                 gpointer       user_data,
                 gboolean      *existed,
                 GError       **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  int fd;

  *existed = g_stat (path, &st) == 0;
  tmp_path = cm_temporary_template (path);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot create a temporary file: %s",
                   path, g_strerror (saved));
      return NULL;
    }
  /* Keep the permissions of the file we replace. */
  if (*existed)
    fchmod (fd, st.st_mode & 07777);
  if (!writer (fd, user_data, &local_error) || close (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   local_error ? local_error->message : g_strerror (saved));
      if (local_error != NULL)
        close (fd);
      g_unlink (tmp_path);
      return NULL;
    }
  return g_steal_pointer (&tmp_path);
}

/* A CmFileWriter for contents already in memory. */
typedef struct
{
  const char *data;
  gsize       length;
} Contents;

static gboolean
write_contents (int        fd,
                gpointer   user_data,
                GError   **error)
{
  const Contents *contents = user_data;

  return cm_document_io_write_all (fd, contents->data, contents->length, error);
}

/* Flushes a written temporary file to disk. */
static gboolean
flush_temporary (const char  *path,
                 const char  *tmp_path,
                 GError     **error)
{
  int fd = g_open (tmp_path, O_WRONLY, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Keeps the backup and moves the (flushed) temporary file over @path; the
 * temporary file is gone afterwards, whatever happens. */
static gboolean
replace_with_temporary (const char  *path,
                        const char  *tmp_path,
                        gboolean     existed,
                        gboolean     backup,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

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
  return TRUE;
}

/* Writes a temporary file beside @path and renames it over @path; when
 * @durable, the temporary file is flushed to disk first and the folder
 * synced after, so that the new contents survive a crash. */
static gboolean
replace_through_temporary (const char    *path,
                           gboolean       backup,
                           gboolean       durable,
                           CmFileWriter   writer,
                           gpointer       user_data,
                           GError       **error)
{
  g_autofree char *tmp_path = NULL;
  gboolean existed;

  tmp_path = write_temporary (path, writer, user_data, &existed, error);
  if (tmp_path == NULL)
    return FALSE;
  if (durable && !flush_temporary (path, tmp_path, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (!replace_with_temporary (path, tmp_path, existed, backup, error))
    return FALSE;
  if (durable)
    sync_directory (path);
  /* Saved: what killed writers of this file left behind can go. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *base = g_path_get_basename (path);
    cm_remove_stale_temporaries (dir, base);
  }
  return TRUE;
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
  Contents contents = { data, length };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return cm_write_file_atomically_with (path, backup, write_contents, &contents, error);
}

gboolean
cm_write_file_atomically_with (const char    *path,
                               gboolean       backup,
                               CmFileWriter   writer,
                               gpointer       user_data,
                               GError       **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  return replace_through_temporary (path, backup, TRUE, writer, user_data, error);
}

/* Recovery copies are rewritten every few seconds while the user edits: an
 * fsync() each time would stall the caller for no gain, since the document
 * they copy is still open. */
gboolean
cm_replace_file_unsynced_with (const char    *path,
                               CmFileWriter   writer,
                               gpointer       user_data,
                               GError       **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  return replace_through_temporary (path, FALSE, FALSE, writer, user_data, error);
}

/* A batch flushes many files with one file-system sync instead of two
 * fsync() calls per file (the file and its folder): on a batch of
 * thousands of small documents those syncs cost more than everything else. */
typedef struct
{
  char     *path;
  char     *tmp_path;
  gboolean  existed;
  gboolean  backup;
} PendingFile;

struct _CmAtomicBatch
{
  GArray *pending;  /* of PendingFile, in the order written */
};

static void
pending_file_clear (PendingFile *file)
{
  g_free (file->path);
  g_free (file->tmp_path);
}

/**
 * cm_atomic_batch_new:
 *
 * Returns: (transfer full): an empty batch of atomic replacements.
 */
CmAtomicBatch *
cm_atomic_batch_new (void)
{
  CmAtomicBatch *batch = g_new0 (CmAtomicBatch, 1);

  batch->pending = g_array_new (FALSE, FALSE, sizeof (PendingFile));
  g_array_set_clear_func (batch->pending, (GDestroyNotify) pending_file_clear);
  return batch;
}

/**
 * cm_atomic_batch_add:
 *
 * Writes @data to a temporary file beside @path now; @path itself changes
 * only at cm_atomic_batch_commit() (as with cm_write_file_atomically()).
 */
gboolean
cm_atomic_batch_add (CmAtomicBatch  *batch,
                     const char     *path,
                     const char     *data,
                     gsize           length,
                     gboolean        backup,
                     GError        **error)
{
  Contents contents = { data, length };

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return cm_atomic_batch_add_with (batch, path, backup, write_contents, &contents, error);
}

gboolean
cm_atomic_batch_add_with (CmAtomicBatch  *batch,
                          const char     *path,
                          gboolean        backup,
                          CmFileWriter    writer,
                          gpointer        user_data,
                          GError        **error)
{
  PendingFile file = { NULL, NULL, FALSE, backup };

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  file.tmp_path = write_temporary (path, writer, user_data, &file.existed, error);
  if (file.tmp_path == NULL)
    return FALSE;
  file.path = g_strdup (path);
  g_array_append_val (batch->pending, file);
  return TRUE;
}

guint
cm_atomic_batch_get_n_pending (CmAtomicBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->pending->len;
}

/* Flushes every pending temporary file: one syncfs() per file system when
 * the platform has it, else one fsync() per file. */
static gboolean
flush_pending (CmAtomicBatch  *batch,
               GError        **error)
{
#ifdef __linux__
  g_autoptr(GHashTable) synced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < batch->pending->len; i++)
    {
      PendingFile *file = &g_array_index (batch->pending, PendingFile, i);
      g_autofree char *dir = g_path_get_dirname (file->path);
      int fd;

      if (g_hash_table_contains (synced, dir))
        continue;
      fd = g_open (dir, O_RDONLY, 0);
      if (fd < 0 || syncfs (fd) != 0)
        {
          int saved = errno;
          g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", file->path,
                       g_strerror (saved));
          if (fd >= 0)
            close (fd);
          return FALSE;
        }
      close (fd);
      g_hash_table_add (synced, g_steal_pointer (&dir));
    }
  return TRUE;
#else
  for (guint i = 0; i < batch->pending->len; i++)
    {
      PendingFile *file = &g_array_index (batch->pending, PendingFile, i);

      if (!flush_temporary (file->path, file->tmp_path, error))
        return FALSE;
    }
  return TRUE;
#endif
}

static void
discard_pending (CmAtomicBatch *batch)
{
  for (guint i = 0; i < batch->pending->len; i++)
    g_unlink (g_array_index (batch->pending, PendingFile, i).tmp_path);
  g_array_set_size (batch->pending, 0);
}

/**
 * cm_atomic_batch_commit:
 *
 * Flushes the pending files to disk, then renames each over its path
 * (keeping backups) and syncs the folders. On error, the files not yet
 * replaced keep their previous version and no temporary file is left; the
 * error names the first file that failed.
 */
gboolean
cm_atomic_batch_commit (CmAtomicBatch  *batch,
                        GError        **error)
{
  g_autoptr(GHashTable) dirs = NULL;
  GError *first_error = NULL;

  g_return_val_if_fail (batch != NULL, FALSE);

  if (!flush_pending (batch, error))
    {
      discard_pending (batch);
      return FALSE;
    }
  dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < batch->pending->len; i++)
    {
      PendingFile *file = &g_array_index (batch->pending, PendingFile, i);

      if (replace_with_temporary (file->path, file->tmp_path, file->existed, file->backup,
                                  first_error == NULL ? &first_error : NULL))
        g_hash_table_add (dirs, g_path_get_dirname (file->path));
    }
  g_array_set_size (batch->pending, 0);

  /* One folder sync makes all the renames in it durable. */
  {
    GHashTableIter iter;
    const char *dir;

    g_hash_table_iter_init (&iter, dirs);
    while (g_hash_table_iter_next (&iter, (gpointer *) &dir, NULL))
      {
        g_autofree char *inside = g_build_filename (dir, "x", NULL);
        sync_directory (inside);
      }
  }
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}

/* Drops a batch; files not committed keep their previous version. */
void
cm_atomic_batch_free (CmAtomicBatch *batch)
{
  if (batch == NULL)
    return;
  discard_pending (batch);
  g_array_unref (batch->pending);
  g_free (batch);
}
