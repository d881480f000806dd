/* cm-chart.c — a chart of the corpus, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-chart"

#include "config.h"

#include <cairo-svg.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "cm-chart.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-report-style.h"

#define PAD         8.0
#define TITLE_SIZE  11.0
#define TEXT_SIZE   8.0
#define ROW_HEIGHT  16.0
#define CELL_HEIGHT 16.0
#define MAX_LABEL   0.32   /* of the width, for row labels */

typedef struct
{
  char   *name;
  double  rgb[3];
  GArray *values;  /* of double, one per row */
} Series;

struct _CmChart
{
  GObject      parent_instance;

  CmChartKind  kind;
  char        *id;
  char        *title;
  GPtrArray   *rows;        /* of char* */
  GPtrArray   *series;      /* of Series* */
  GPtrArray   *categories;  /* of Series* (values unused) */
};

G_DEFINE_FINAL_TYPE (CmChart, cm_chart, G_TYPE_OBJECT)

static void
series_free (Series *series)
{
  g_free (series->name);
  if (series->values != NULL)
    g_array_unref (series->values);
  g_free (series);
}

static void
cm_chart_finalize (GObject *object)
{
  CmChart *self = (CmChart *) object;

  g_free (self->id);
  g_free (self->title);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->categories);
  G_OBJECT_CLASS (cm_chart_parent_class)->finalize (object);
}

static void
cm_chart_class_init (CmChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_chart_finalize;
}

static void
cm_chart_init (CmChart *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
}

CmChart *
cm_chart_new (CmChartKind  kind,
              const char  *id,
              const char  *title)
{
  CmChart *self;

  g_return_val_if_fail (id != NULL && title != NULL, NULL);

  self = g_object_new (CM_TYPE_CHART, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  return self;
}

const char *
cm_chart_get_id (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), NULL);
  return self->id;
}

const char *
cm_chart_get_title (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), NULL);
  return self->title;
}

void
cm_chart_add_row (CmChart    *self,
                  const char *label)
{
  g_return_if_fail (CM_IS_CHART (self) && label != NULL);
  g_ptr_array_add (self->rows, g_strdup (label));
}

static Series *
series_new (const char *name,
            const char *color)
{
  Series *series = g_new0 (Series, 1);

  series->name = g_strdup (name);
  cm_report_parse_color (color, series->rgb);
  return series;
}

void
cm_chart_add_series (CmChart      *self,
                     const char   *name,
                     const char   *color,
                     const double *values,
                     guint         n_values)
{
  Series *series;

  g_return_if_fail (CM_IS_CHART (self) && name != NULL && color != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  series = series_new (name, color);
  series->values = g_array_new (FALSE, TRUE, sizeof (double));
  g_array_append_vals (series->values, values, n_values);
  g_ptr_array_add (self->series, series);
}

void
cm_chart_add_category (CmChart    *self,
                       const char *name,
                       const char *color)
{
  g_return_if_fail (CM_IS_CHART (self) && name != NULL && color != NULL);
  g_ptr_array_add (self->categories, series_new (name, color));
}

guint
cm_chart_get_n_rows (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), 0);
  return self->rows->len;
}

guint
cm_chart_get_n_series (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), 0);
  return self->series->len;
}

double
cm_chart_get_value (CmChart *self,
                    guint    row,
                    guint    series)
{
  Series *s;

  g_return_val_if_fail (CM_IS_CHART (self), 0.0);
  g_return_val_if_fail (series < self->series->len, 0.0);

  s = g_ptr_array_index (self->series, series);
  return row < s->values->len ? g_array_index (s->values, double, row) : 0.0;
}

/* Drawing ---------------------------------------------------------------- */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CM_REPORT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, FALSE, -1);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold,
           double      max_width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, max_width);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The row labels' column: as wide as the widest label, within a share of
 * the width. */
static double
label_column (CmChart *self,
              cairo_t *cr,
              double   width)
{
  double widest = 0.0;

  for (guint i = 0; i < self->rows->len; i++)
    widest = MAX (widest, text_width (cr, g_ptr_array_index (self->rows, i), TEXT_SIZE));
  return MIN (widest + PAD, width * MAX_LABEL);
}

/* The legend: one swatch and name per series (or category), wrapped. */
static double
draw_legend (CmChart   *self,
             cairo_t   *cr,
             double     y,
             double     width,
             gboolean   really)
{
  GPtrArray *entries = self->kind == CM_CHART_MATRIX ? self->categories : self->series;
  double x = 0.0;

  for (guint i = 0; i < entries->len; i++)
    {
      Series *s = g_ptr_array_index (entries, i);
      double w = 12.0 + text_width (cr, s->name, TEXT_SIZE) + 2 * PAD;

      if (x > 0.0 && x + w > width)
        {
          x = 0.0;
          y += ROW_HEIGHT;
        }
      if (really)
        {
          cairo_set_source_rgb (cr, s->rgb[0], s->rgb[1], s->rgb[2]);
          cairo_rectangle (cr, x, y + 4, 9, 9);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          draw_text (cr, s->name, x + 12.0, y + 2, TEXT_SIZE, FALSE, -1);
        }
      x += w;
    }
  return y + ROW_HEIGHT;
}

/* A matrix's column header: the series names, turned a quarter. */
static double
header_height (CmChart *self,
               cairo_t *cr)
{
  double tallest = 0.0;

  if (self->kind != CM_CHART_MATRIX)
    return 0.0;
  for (guint i = 0; i < self->series->len; i++)
    tallest = MAX (tallest, text_width (cr, ((Series *) g_ptr_array_index (self->series, i))->name,
                                        TEXT_SIZE));
  return MIN (tallest, 140.0) + PAD;
}

static double
row_sum (CmChart *self,
         guint    row)
{
  double sum = 0.0;

  for (guint s = 0; s < self->series->len; s++)
    sum += cm_chart_get_value (self, row, s);
  return sum;
}

static double
scale_max (CmChart *self)
{
  double max = 0.0;

  for (guint r = 0; r < self->rows->len; r++)
    if (self->kind == CM_CHART_STACKED_BARS)
      max = MAX (max, row_sum (self, r));
    else
      for (guint s = 0; s < self->series->len; s++)
        max = MAX (max, cm_chart_get_value (self, r, s));
  return max > 0.0 ? max : 1.0;
}

static double
row_height (CmChart *self)
{
  if (self->kind == CM_CHART_BARS)
    return MAX (ROW_HEIGHT, 6.0 * self->series->len + 6.0);
  return self->kind == CM_CHART_MATRIX ? CELL_HEIGHT : ROW_HEIGHT;
}

static void
draw_bars_row (CmChart *self,
               cairo_t *cr,
               guint    row,
               double   x0,
               double   y,
               double   span,
               double   max)
{
  double h = row_height (self), x = x0;
  g_autofree char *total = NULL;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      double v = cm_chart_get_value (self, row, s), w = span * v / max;

      cairo_set_source_rgb (cr, series->rgb[0], series->rgb[1], series->rgb[2]);
      if (self->kind == CM_CHART_STACKED_BARS)
        {
          cairo_rectangle (cr, x, y + 2, w, h - 4);
          x += w;
        }
      else
        {
          double bar = (h - 6.0) / MAX (self->series->len, 1);
          cairo_rectangle (cr, x0, y + 3 + s * bar, w, MAX (bar - 1.0, 1.0));
          x = MAX (x, x0 + w);
        }
      cairo_fill (cr);
    }
  total = g_strdup_printf ("%g", self->kind == CM_CHART_STACKED_BARS ? row_sum (self, row)
                                                                      : (x - x0) / span * max);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  draw_text (cr, total, x + 3, y + (h - TEXT_SIZE * 1.3) / 2, TEXT_SIZE, FALSE, -1);
}

static void
draw_matrix_row (CmChart *self,
                 cairo_t *cr,
                 guint    row,
                 double   x0,
                 double   y,
                 double   cell)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      int category = (int) cm_chart_get_value (self, row, s);
      Series *c = category >= 0 && (guint) category < self->categories->len
                  ? g_ptr_array_index (self->categories, category) : NULL;

      if (c != NULL)
        cairo_set_source_rgb (cr, c->rgb[0], c->rgb[1], c->rgb[2]);
      else
        cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, x0 + s * cell + 1, y + 1, cell - 2, CELL_HEIGHT - 2);
      cairo_fill (cr);
    }
}

static double
layout_chart (CmChart *self,
              cairo_t *cr,
              double   width,
              gboolean really)
{
  double y = 0.0, labels = label_column (self, cr, width), header = header_height (self, cr);
  double span = width - labels - 40.0, max = scale_max (self), h = row_height (self);
  double cell = self->series->len > 0 ? MIN (28.0, (width - labels) / self->series->len) : 0.0;

  if (really)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, self->title, 0, y, TITLE_SIZE, TRUE, width);
    }
  y += TITLE_SIZE * 1.6;
  y = draw_legend (self, cr, y, width, really) + PAD / 2;
  if (really && self->kind == CM_CHART_MATRIX)
    for (guint s = 0; s < self->series->len; s++)
      {
        Series *series = g_ptr_array_index (self->series, s);

        cairo_save (cr);
        cairo_translate (cr, labels + s * cell + cell / 2 - TEXT_SIZE * 0.7, y + header - PAD / 2);
        cairo_rotate (cr, -G_PI / 2);
        cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
        draw_text (cr, series->name, 0, 0, TEXT_SIZE, FALSE, header - PAD);
        cairo_restore (cr);
      }
  y += header;
  for (guint r = 0; r < self->rows->len; r++)
    {
      if (really)
        {
          cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
          draw_text (cr, g_ptr_array_index (self->rows, r), 0, y + (h - TEXT_SIZE * 1.3) / 2,
                     TEXT_SIZE, FALSE, labels - PAD);
          if (self->kind == CM_CHART_MATRIX)
            draw_matrix_row (self, cr, r, labels, y, cell);
          else
            draw_bars_row (self, cr, r, labels, y, span, max);
        }
      y += h;
    }
  return y + PAD;
}

double
cm_chart_measure (CmChart *self,
                  double   width)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  g_return_val_if_fail (CM_IS_CHART (self), 0.0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  height = layout_chart (self, cr, width, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

void
cm_chart_draw (CmChart *self,
               cairo_t *cr,
               double   width)
{
  g_return_if_fail (CM_IS_CHART (self) && cr != NULL);

  cairo_save (cr);
  layout_chart (self, cr, width, TRUE);
  cairo_restore (cr);
}

/* Export ----------------------------------------------------------------- */

#define EXPORT_MARGIN 12.0

static void
draw_on_white (CmChart *self,
               cairo_t *cr,
               double   width,
               double   height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, EXPORT_MARGIN, EXPORT_MARGIN);
  cm_chart_draw (self, cr, width);
}

static gboolean
check_surface (cairo_surface_t *surface,
               const char      *path,
               GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
  return FALSE;
}

/* PNG at twice the resolution, so that it stays sharp on HiDPI screens and in print. */
gboolean
cm_chart_save_png (CmChart    *self,
                   const char *path,
                   double      width,
                   GError    **error)
{
  double height = cm_chart_measure (self, width);
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GString) png = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (CM_IS_CHART (self) && path != NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (2 * (width + 2 * EXPORT_MARGIN)),
                                        (int) (2 * (height + 2 * EXPORT_MARGIN)));
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  draw_on_white (self, cr, width, height);
  cairo_destroy (cr);
  ok = check_surface (surface, path, error)
       && (cairo_surface_write_to_png_stream (surface, cm_report_append_to_string, png) == CAIRO_STATUS_SUCCESS
           || (g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: could not encode the PNG", path), FALSE))
       && cm_write_file_atomically (path, png->str, png->len, FALSE, error);
  cairo_surface_destroy (surface);
  return ok;
}

char *
cm_chart_to_svg (CmChart *self,
                 double   width)
{
  GString *svg = g_string_new (NULL);
  double height;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (CM_IS_CHART (self), NULL);

  height = cm_chart_measure (self, width);
  surface = cairo_svg_surface_create_for_stream (cm_report_append_to_string, svg, width + 2 * EXPORT_MARGIN,
                                                 height + 2 * EXPORT_MARGIN);
  cr = cairo_create (surface);
  draw_on_white (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_string_free (svg, FALSE);
}

gboolean
cm_chart_save_svg (CmChart    *self,
                   const char *path,
                   double      width,
                   GError    **error)
{
  g_autofree char *svg = NULL;

  g_return_val_if_fail (CM_IS_CHART (self) && path != NULL, FALSE);

  svg = cm_chart_to_svg (self, width);
  return cm_write_file_atomically (path, svg, strlen (svg), FALSE, error);
}

static void
append_csv_field (GString    *out,
                  const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
cm_chart_to_csv (CmChart *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CM_IS_CHART (self), NULL);

  append_csv_field (out, self->title);
  for (guint s = 0; s < self->series->len; s++)
    {
      g_string_append_c (out, ',');
      append_csv_field (out, ((Series *) g_ptr_array_index (self->series, s))->name);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < self->rows->len; r++)
    {
      append_csv_field (out, g_ptr_array_index (self->rows, r));
      for (guint s = 0; s < self->series->len; s++)
        {
          double v = cm_chart_get_value (self, r, s);

          g_string_append_c (out, ',');
          if (self->kind == CM_CHART_MATRIX)
            {
              int c = (int) v;
              append_csv_field (out, c >= 0 && (guint) c < self->categories->len
                                     ? ((Series *) g_ptr_array_index (self->categories, c))->name : "");
            }
          else
            g_string_append_printf (out, "%g", v);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
cm_chart_save_csv (CmChart    *self,
                   const char *path,
                   GError    **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (CM_IS_CHART (self) && path != NULL, FALSE);

  csv = cm_chart_to_csv (self);
  return cm_write_file_atomically (path, csv, strlen (csv), FALSE, error);
}
