/* cm-report-style.h — what the charts and the report share: font, colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Noto Sans CJK (fonts-noto-cjk) draws both scripts; fontconfig falls back
 * to any sans-serif font when it is missing. */
#define CM_REPORT_FONT "Noto Sans CJK SC, Noto Sans, sans-serif"

/* "#rrggbb" to 0..1 components; grey for anything else. */
void cm_report_parse_color (const char *color,
                            double      rgb[3]);

/* A cairo write function appending to a GString (the closure). */
cairo_status_t cm_report_append_to_string (void                *closure,
                                           const unsigned char *data,
                                           unsigned int         length);

G_END_DECLS
