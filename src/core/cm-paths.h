/* cm-paths.h — where Clausemark finds its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $CLAUSEMARK_DATA_DIR, else the source tree's data/ when running from a
 * build tree, else the installed pkgdatadir. */
const char *cm_get_data_dir (void);
char       *cm_build_data_path (const char *first_element,
                                ...) G_GNUC_NULL_TERMINATED;
/* Where the translations are: $CLAUSEMARK_LOCALEDIR, else the build
 * tree's compiled catalogues when nothing is installed, else LOCALEDIR. */
const char *cm_get_locale_dir  (void);

G_END_DECLS
