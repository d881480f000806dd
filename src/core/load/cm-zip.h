/* cm-zip.h — the members of a zip file, read with libarchive under limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No member read from a zip may expand beyond this... */
#define CM_ZIP_MAX_MEMBER_SIZE ((guint64) 256 * 1024 * 1024)
/* ...nor all of them together beyond this... */
#define CM_ZIP_MAX_TOTAL_SIZE ((guint64) 512 * 1024 * 1024)
/* ...nor beyond this many times the zip's own size, once past
 * CM_ZIP_RATIO_FLOOR (real documents' XML compresses 5-30 times; a zip
 * bomb's deflate streams 1,000 times). */
#define CM_ZIP_MAX_RATIO 200
#define CM_ZIP_RATIO_FLOOR ((guint64) 8 * 1024 * 1024)

/* Reads the members named in @names (NULL-terminated, "word/document.xml")
 * out of the zip in @data. Returns a table of member name to GBytes holding
 * those present (a missing member is not an error), or NULL with an error
 * naming @path when the zip is not one (no central directory, a corrupt or
 * encrypted member) or a member expands past the limits above. */
GHashTable *cm_zip_read_members (const char         *data,
                                 gsize               size,
                                 const char         *path,
                                 const char * const *names,
                                 GError            **error);

G_END_DECLS
