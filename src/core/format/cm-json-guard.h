/* cm-json-guard.h — reading small JSON files whole, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cm-json-reader.h"

G_BEGIN_DECLS

gboolean    cm_json_guard_check      (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error);
JsonNode   *cm_json_parse_guarded    (const char  *data,
                                      gsize        length,
                                      const char  *name,
                                      GError     **error);

G_END_DECLS
