/* cm-sha256.h — SHA-256 of a loaded file, with the CPU's SHA instructions
 * when it has them (internal to the core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower-case hex digest, as g_compute_checksum_for_data (G_CHECKSUM_SHA256). */
char *cm_sha256_hex (const guchar *data,
                     gsize         length);

G_END_DECLS
