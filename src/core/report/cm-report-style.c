/* cm-report-style.c — what the charts and the report share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-report"

#include "config.h"

#include <stdio.h>

#include "cm-report-style.h"

void
cm_report_parse_color (const char *color,
                       double      rgb[3])
{
  unsigned int r, g, b;

  if (color != NULL && sscanf (color, "#%02x%02x%02x", &r, &g, &b) == 3)
    {
      rgb[0] = r / 255.0;
      rgb[1] = g / 255.0;
      rgb[2] = b / 255.0;
      return;
    }
  rgb[0] = rgb[1] = rgb[2] = 0.6;
}

cairo_status_t
cm_report_append_to_string (void                *closure,
                            const unsigned char *data,
                            unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}
