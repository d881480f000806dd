/* cm-loader-pdf-private.h — the lines the PDF loader reads, shared by its
 * layout analysis (cm-loader-pdf.c) and its running-line detection
 * (cm-loader-pdf-running.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-loader-private.h"

G_BEGIN_DECLS

/* Where running headers and footers sit: this share of the page height
 * from the top or the bottom edge. */
#define CM_PDF_EDGE_ZONE 0.1

typedef struct
{
  guint    page;
  double   x1, y1, x2, y2;
  double   size;
  double   right;      /* the right edge of its column */
  char    *text;       /* collapsed, trimmed */
  gboolean dropped;    /* a running header, footer or page number */
  gboolean heading;
} PdfLine;

gboolean cm_pdf_line_in_edge_zone (const PdfLine *line,
                                   double         page_height);

/* Marks PdfLine.dropped on the running headers and footers and the page
 * numbers of @lines (in page order), and notes them in @loaded. */
void     cm_pdf_drop_running_lines (CmLoadedText *loaded,
                                    GArray       *lines,
                                    const double *heights,
                                    guint         n_pages);

G_END_DECLS
