/* cm-report-pdf.c — lays the report out on A4 pages with cairo and pango
 *
 * Blocks flow top to bottom; a block that does not fit starts a new page
 * (a quote or a finding is never split; a long paragraph is, line by
 * line). Each document starts on a new page; every page carries the
 * report's title and its number in the footer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-report-style.h"
#include "cm-report.h"

#define PAGE_WIDTH  595.0   /* A4, in points */
#define PAGE_HEIGHT 842.0
#define MARGIN      56.0
#define FOOTER      28.0
#define CONTENT     (PAGE_WIDTH - 2 * MARGIN)

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  double        y;
  guint         page;
  const char   *title;
} Layout;

static const double severity_rgb[4][3] = {
  { 0.5, 0.5, 0.5 }, { 0.88, 0.65, 0.15 }, { 0.9, 0.45, 0.15 }, { 0.82, 0.28, 0.24 }
};

static PangoLayout *
make_layout (Layout     *lay,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_layout_new (lay->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CM_REPORT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
draw_footer (Layout *lay)
{
  g_autofree char *number = g_strdup_printf ("%u", lay->page);
  g_autoptr(PangoLayout) left = make_layout (lay, lay->title, 7.5, FALSE, CONTENT * 0.8);
  g_autoptr(PangoLayout) right = make_layout (lay, number, 7.5, FALSE, CONTENT);

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (lay->cr, 0.45, 0.45, 0.45);
  cairo_move_to (lay->cr, MARGIN, PAGE_HEIGHT - MARGIN + 10);
  pango_cairo_show_layout (lay->cr, left);
  cairo_move_to (lay->cr, MARGIN, PAGE_HEIGHT - MARGIN + 10);
  pango_cairo_show_layout (lay->cr, right);
}

static void
new_page (Layout *lay)
{
  if (lay->page > 0)
    {
      draw_footer (lay);
      cairo_show_page (lay->cr);
    }
  lay->page++;
  lay->y = MARGIN;
}

/* Room for @height more points on this page, else a new page. */
static void
ensure_room (Layout *lay,
             double  height)
{
  if (lay->y + height > PAGE_HEIGHT - MARGIN - FOOTER && lay->y > MARGIN)
    new_page (lay);
}

static void
show_at (Layout      *lay,
         PangoLayout *layout,
         double       x)
{
  cairo_move_to (lay->cr, x, lay->y);
  pango_cairo_show_layout (lay->cr, layout);
}

/* A paragraph that may cross pages, line by line. */
static void
flow_text (Layout      *lay,
           PangoLayout *layout,
           double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      ensure_room (lay, logical.height / (double) PANGO_SCALE);
      baseline = pango_layout_iter_get_baseline (iter) - logical.y;
      cairo_move_to (lay->cr, x, lay->y + baseline / (double) PANGO_SCALE);
      pango_cairo_show_layout_line (lay->cr, line);
      lay->y += logical.height / (double) PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_block (Layout              *lay,
            const CmReportBlock *block)
{
  cairo_t *cr = lay->cr;

  switch (block->kind)
    {
    case CM_REPORT_TITLE:
      {
        g_autoptr(PangoLayout) layout = make_layout (lay, block->text, 18, TRUE, CONTENT);
        if (lay->y > MARGIN)
          new_page (lay);
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
        show_at (lay, layout, MARGIN);
        lay->y += layout_height (layout) + 6;
        cairo_set_source_rgb (cr, 0.23, 0.44, 0.82);
        cairo_rectangle (cr, MARGIN, lay->y, CONTENT, 1.5);
        cairo_fill (cr);
        lay->y += 10;
        break;
      }
    case CM_REPORT_HEADING:
    case CM_REPORT_SUBHEADING:
      {
        gboolean top = block->kind == CM_REPORT_HEADING;
        g_autoptr(PangoLayout) layout = make_layout (lay, block->text, top ? 14 : 11, TRUE, CONTENT);
        double h = layout_height (layout);

        /* keep a heading with the first lines of what follows */
        ensure_room (lay, h + (top ? 14 : 8) + 40);
        lay->y += top ? 10 : 6;
        cairo_set_source_rgb (cr, top ? 0.1 : 0.2, top ? 0.1 : 0.2, top ? 0.1 : 0.25);
        show_at (lay, layout, MARGIN);
        lay->y += h + 4;
        break;
      }
    case CM_REPORT_META:
    case CM_REPORT_TEXT:
      {
        g_autoptr(PangoLayout) layout = make_layout (lay, block->text, block->kind == CM_REPORT_META ? 8.5 : 9.5,
                                                     FALSE, CONTENT);
        cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        flow_text (lay, layout, MARGIN);
        lay->y += block->kind == CM_REPORT_META ? 1 : 5;
        break;
      }
    case CM_REPORT_FINDING:
      {
        g_autoptr(PangoLayout) text = make_layout (lay, block->text, 10, TRUE, CONTENT - 14);
        g_autoptr(PangoLayout) note = block->note ? make_layout (lay, block->note, 8.5, FALSE, CONTENT - 14) : NULL;
        double h = layout_height (text) + (note ? layout_height (note) + 2 : 0);
        const double *rgb = severity_rgb[MIN (block->severity, 3)];

        ensure_room (lay, h + 6);
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        /* a path of its own: an arc would start with a line from the last point */
        cairo_new_path (cr);
        cairo_arc (cr, MARGIN + 4, lay->y + 7, 3.5, 0, 2 * G_PI);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
        show_at (lay, text, MARGIN + 14);
        lay->y += layout_height (text) + 2;
        if (note != NULL)
          {
            cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
            show_at (lay, note, MARGIN + 14);
            lay->y += layout_height (note);
          }
        lay->y += 6;
        break;
      }
    case CM_REPORT_QUOTE:
      {
        g_autoptr(PangoLayout) text = make_layout (lay, block->text, 9, FALSE, CONTENT - 28);
        g_autoptr(PangoLayout) note = make_layout (lay, block->note ? block->note : "", 7.5, FALSE, CONTENT - 28);
        double h = layout_height (text) + layout_height (note) + 2;

        ensure_room (lay, h + 6);
        cairo_set_source_rgb (cr, 0.82, 0.85, 0.9);
        cairo_rectangle (cr, MARGIN + 14, lay->y, 2.5, h);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
        show_at (lay, text, MARGIN + 24);
        lay->y += layout_height (text) + 2;
        cairo_set_source_rgb (cr, 0.45, 0.45, 0.5);
        show_at (lay, note, MARGIN + 24);
        lay->y += layout_height (note) + 6;
        break;
      }
    case CM_REPORT_CHART:
      {
        double h = cm_chart_measure (block->chart, CONTENT);

        ensure_room (lay, h);
        cairo_save (cr);
        cairo_translate (cr, MARGIN, lay->y);
        cm_chart_draw (block->chart, cr, CONTENT);
        cairo_restore (cr);
        lay->y += h + 12;
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

gboolean
cm_report_render_pdf (CmReport *self,
                      GString  *out,
                      guint    *n_pages,
                      GError  **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Layout lay = { NULL, NULL, MARGIN, 0, NULL };

  g_return_val_if_fail (CM_IS_REPORT (self) && out != NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (cm_report_append_to_string, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, cm_report_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Clausemark");
  lay.cr = cairo_create (surface);
  lay.context = pango_cairo_create_context (lay.cr);
  lay.title = cm_report_get_title (self);
  new_page (&lay);
  for (guint i = 0; i < cm_report_get_n_blocks (self); i++)
    draw_block (&lay, cm_report_get_block (self, i));
  draw_footer (&lay);
  cairo_show_page (lay.cr);
  g_object_unref (lay.context);
  cairo_destroy (lay.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "PDF: %s", cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = lay.page;
  return TRUE;
}

gboolean
cm_report_save_pdf (CmReport   *self,
                    const char *path,
                    GError    **error)
{
  g_autoptr(GString) pdf = g_string_new (NULL);

  g_return_val_if_fail (CM_IS_REPORT (self) && path != NULL, FALSE);

  if (!cm_report_render_pdf (self, pdf, NULL, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return cm_write_file_atomically (path, pdf->str, pdf->len, FALSE, error);
}
