/* cm-json-guard.h — checking JSON before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* No Clausemark format nests deeper than 8; 64 leaves room for notes of
 * other tools while keeping json-glib's recursive parser far from the
 * end of the stack. */
#define CM_JSON_MAX_DEPTH 64

gboolean    cm_json_guard_check      (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error);
JsonParser *cm_json_parse_guarded    (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error);

G_END_DECLS
