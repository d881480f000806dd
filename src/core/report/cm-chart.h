/* cm-chart.h — a chart of the corpus, drawn with cairo and pango
 *
 * Two kinds: horizontal bars (one row per document or annotator, one bar
 * per series, side by side or stacked) and a matrix (one row per document,
 * one column per series, each cell a category drawn in its colour, e.g. a
 * checklist verdict). The same chart draws into the window (a GtkSnapshot's
 * cairo context), a PNG, an SVG or a page of the PDF report; its data
 * exports as CSV. No display is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CM_CHART_BARS,
  CM_CHART_STACKED_BARS,
  CM_CHART_MATRIX,
} CmChartKind;

#define CM_TYPE_CHART (cm_chart_get_type ())

G_DECLARE_FINAL_TYPE (CmChart, cm_chart, CM, CHART, GObject)

/* @id names exported files ("topics" -> topics.png). */
CmChart    *cm_chart_new            (CmChartKind         kind,
                                     const char         *id,
                                     const char         *title);
const char *cm_chart_get_id         (CmChart            *self);
const char *cm_chart_get_title      (CmChart            *self);
void        cm_chart_add_row        (CmChart            *self,
                                     const char         *label);
/* A series (a bar colour, or a matrix column) with one value per row
 * (missing rows read as 0); @color "#rrggbb". */
void        cm_chart_add_series     (CmChart            *self,
                                     const char         *name,
                                     const char         *color,
                                     const double       *values,
                                     guint               n_values);
/* Matrix cells hold category indices: each category's name and colour. */
void        cm_chart_add_category   (CmChart            *self,
                                     const char         *name,
                                     const char         *color);
guint       cm_chart_get_n_rows     (CmChart            *self);
guint       cm_chart_get_n_series   (CmChart            *self);
double      cm_chart_get_value      (CmChart            *self,
                                     guint               row,
                                     guint               series);

/* The height the chart needs at @width (in the cairo context's units). */
double      cm_chart_measure        (CmChart            *self,
                                     double              width);
void        cm_chart_draw           (CmChart            *self,
                                     cairo_t            *cr,
                                     double              width);

gboolean    cm_chart_save_png       (CmChart            *self,
                                     const char         *path,
                                     double              width,
                                     GError            **error);
gboolean    cm_chart_save_svg       (CmChart            *self,
                                     const char         *path,
                                     double              width,
                                     GError            **error);
/* The SVG as text (for the HTML report). */
char       *cm_chart_to_svg         (CmChart            *self,
                                     double              width);
/* One line per row: the row label, then each series' value (a matrix: the
 * category name), RFC 4180 quoting. */
char       *cm_chart_to_csv         (CmChart            *self);
gboolean    cm_chart_save_csv       (CmChart            *self,
                                     const char         *path,
                                     GError            **error);

G_END_DECLS
