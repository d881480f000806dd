/* cm-bounded-read.h — reading any input whole, once, within a size limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits of what Clausemark agrees to read, by kind of input. */
#define CM_READ_MAX_POLICY    ((gsize) 512 * 1024 * 1024)   /* a policy, a training file, an import */
#define CM_READ_MAX_DOCUMENT  ((gsize) 2047 * 1024 * 1024)  /* a JSON document or manifest */
#define CM_READ_MAX_TAXONOMY  ((gsize) 16 * 1024 * 1024)    /* a taxonomy, a lexicon, a checklist */

/* Allocates the buffer the contents go into (g_free() must free it). */
typedef char *(*CmReadAlloc) (gsize size);

int   cm_open_bounded      (const char   *path,
                            gsize         max_size,
                            gboolean     *regular,
                            guint64      *size,
                            GError      **error);
char *cm_read_file_bounded (const char   *path,
                            gsize         max_size,
                            CmReadAlloc   alloc,
                            gsize        *length,
                            GError      **error);
char *cm_read_fd_bounded   (int           fd,
                            const char   *name,
                            gsize         max_size,
                            gsize        *length,
                            GError      **error);

G_END_DECLS
