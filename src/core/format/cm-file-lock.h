/* cm-file-lock.h — an advisory lock shared by every process writing a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lock file's name inside a corpus folder (hidden: not a document). */
#define CM_FOLDER_LOCK ".clausemark-corpus.lock"

int  cm_folder_lock   (const char  *directory,
                       GError     **error);
void cm_folder_unlock (int          fd);

G_END_DECLS
