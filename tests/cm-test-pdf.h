/* cm-test-pdf.h — PDFs typeset from known text, for the loader's tests and
 * the PDF benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *text;
  gboolean    heading;
} CmTestPdfParagraph;

/* The paragraphs set in @columns columns on A4 pages, each page with
 * @header at its top and "Page N" at its bottom; long words hyphenated at
 * line ends. Returns the PDF's bytes; *n_pages the pages it took. */
GBytes *cm_test_pdf_typeset (const CmTestPdfParagraph *paragraphs,
                             guint                     n_paragraphs,
                             guint                     columns,
                             const char               *header,
                             guint                    *n_pages);

/* One line on each page, every one at the same place (where a page's body
 * starts); with @header, each page also has @header at its top and
 * "Page N" at its bottom. */
GBytes *cm_test_pdf_one_line_pages (const char *const *lines,
                                    guint              n_lines,
                                    const char        *header);

/* Frees pango's, cairo's and fontconfig's caches (end of the test). */
void    cm_test_pdf_shutdown (void);

G_END_DECLS
