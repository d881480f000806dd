/* cm-test-pdf.c — typesets known paragraphs into a PDF with cairo + pango:
 * two columns, a running header and footer with page numbers, justified
 * line breaks with hyphenation, numbered headings larger than the body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "cm-test-pdf.h"

#define PAGE_WIDTH   595.0
#define PAGE_HEIGHT  842.0
#define MARGIN       56.0
#define COLUMN_GAP   24.0
#define BODY_SIZE    10
#define HEADING_SIZE 13
#define LINE_SKIP    1.25

typedef struct
{
  cairo_t      *cr;
  PangoLayout  *layout;
  guint         columns;
  guint         column;
  guint         page;
  double        y;
  const char   *header;
} Typesetter;

static double
column_width (Typesetter *t)
{
  return (PAGE_WIDTH - 2 * MARGIN - (t->columns - 1) * COLUMN_GAP) / t->columns;
}

static double
text_width (Typesetter *t,
            const char *text)
{
  int width;

  pango_layout_set_text (t->layout, text, -1);
  pango_layout_get_size (t->layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

static void
set_font (Typesetter *t,
          int         size,
          gboolean    bold)
{
  g_autofree char *name = g_strdup_printf ("DejaVu Sans, Noto Sans CJK SC%s %d",
                                           bold ? " Bold" : "", size);
  PangoFontDescription *font = pango_font_description_from_string (name);

  pango_layout_set_font_description (t->layout, font);
  pango_font_description_free (font);
}

/* The running header and the page number, with a layout of their own (the
 * body's font stays as it is). */
static void
draw_furniture (Typesetter *t)
{
  g_autofree char *footer = g_strdup_printf ("Page %u", t->page);
  PangoLayout *layout = pango_cairo_create_layout (t->cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 8");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, t->header, -1);
  cairo_move_to (t->cr, MARGIN, 24);
  pango_cairo_show_layout (t->cr, layout);
  pango_layout_set_text (layout, footer, -1);
  cairo_move_to (t->cr, PAGE_WIDTH / 2 - 12, PAGE_HEIGHT - 34);
  pango_cairo_show_layout (t->cr, layout);
  g_object_unref (layout);
}

static void
next_column (Typesetter *t)
{
  if (++t->column >= t->columns)
    {
      cairo_show_page (t->cr);
      t->column = 0;
      t->page++;
      draw_furniture (t);
    }
  t->y = MARGIN + 10;
}

static void
put_line (Typesetter *t,
          const char *text,
          double      size)
{
  if (t->y + size * LINE_SKIP > PAGE_HEIGHT - MARGIN - 10)
    next_column (t);
  pango_layout_set_text (t->layout, text, -1);
  cairo_move_to (t->cr, MARGIN + t->column * (column_width (t) + COLUMN_GAP), t->y);
  pango_cairo_show_layout (t->cr, t->layout);
  t->y += size * LINE_SKIP;
}

static gboolean
is_cjk (gunichar c)
{
  return c >= 0x2E80 && c <= 0x9FFF;
}

/* Words and, in Chinese, single characters: the units a line breaks at.
 * Each unit records whether a space went before it. */
static GPtrArray *
break_units (const char *text,
             GArray     *spaced)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;
  gboolean space = FALSE;

  while (*p != '\0')
    {
      const char *start = p;

      if (*p == ' ')
        {
          space = TRUE;
          p++;
          continue;
        }
      if (is_cjk (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          /* Closing punctuation stays with the character before it. */
          while (*p != '\0' && (g_str_has_prefix (p, "，") || g_str_has_prefix (p, "。")
                                || g_str_has_prefix (p, "、") || g_str_has_prefix (p, "；")))
            p = g_utf8_next_char (p);
        }
      else
        while (*p != '\0' && *p != ' ' && !is_cjk (g_utf8_get_char (p)))
          p = g_utf8_next_char (p);
      g_ptr_array_add (units, g_strndup (start, p - start));
      g_array_append_val (spaced, space);
      space = FALSE;
    }
  return units;
}

/* Greedy line breaking; a long word that does not fit is hyphenated when
 * its first half does. */
static void
put_paragraph (Typesetter *t,
               const char *text,
               int         size,
               gboolean    bold)
{
  g_autoptr(GArray) spaced = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GPtrArray) units = break_units (text, spaced);
  g_autoptr(GString) line = g_string_new (NULL);
  double width = column_width (t);

  set_font (t, size, bold);
  for (guint i = 0; i < units->len; i++)
    {
      const char *unit = g_ptr_array_index (units, i);
      gboolean space = g_array_index (spaced, gboolean, i) && line->len > 0;
      g_autofree char *trial = g_strdup_printf ("%s%s%s", line->str, space ? " " : "", unit);
      gsize len = strlen (unit);

      if (text_width (t, trial) <= width || line->len == 0)
        {
          g_string_assign (line, trial);
          continue;
        }
      if (len >= 8 && g_ascii_isalpha (unit[len / 2 - 1]) && g_ascii_isalpha (unit[len / 2]))
        {
          g_autofree char *head = g_strndup (unit, len / 2);
          g_autofree char *hyphenated = g_strdup_printf ("%s %s-", line->str, head);

          if (text_width (t, hyphenated) <= width)
            {
              put_line (t, hyphenated, size);
              g_string_assign (line, unit + len / 2);
              continue;
            }
        }
      put_line (t, line->str, size);
      g_string_assign (line, unit);
    }
  if (line->len > 0)
    put_line (t, line->str, size);
  t->y += size * 0.8;  /* the space between paragraphs */
}

/* A PDF surface in a temporary file, with a context and a layout on it. */
static char *
open_document (Typesetter *t)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("cm-test-XXXXXX.pdf", &path, NULL);
  cairo_surface_t *surface;

  g_assert_cmpint (fd, >=, 0);
  g_close (fd, NULL);
  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  t->cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  t->layout = pango_cairo_create_layout (t->cr);
  cairo_set_source_rgb (t->cr, 0, 0, 0);
  return path;
}

/* Finishes the document and returns its bytes (the file goes). */
static GBytes *
close_document (Typesetter *t,
                const char *path)
{
  cairo_surface_t *surface = cairo_get_target (t->cr);
  char *contents = NULL;
  gsize length = 0;

  g_object_unref (t->layout);
  cairo_surface_finish (surface);
  cairo_destroy (t->cr);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_unlink (path);
  return g_bytes_new_take (contents, length);
}

GBytes *
cm_test_pdf_typeset (const CmTestPdfParagraph *paragraphs,
                     guint                     n_paragraphs,
                     guint                     columns,
                     const char               *header,
                     guint                    *n_pages)
{
  Typesetter t = { 0, };
  g_autofree char *path = open_document (&t);

  t.columns = columns;
  t.page = 1;
  t.header = header;
  t.y = MARGIN + 10;
  draw_furniture (&t);
  for (guint i = 0; i < n_paragraphs; i++)
    put_paragraph (&t, paragraphs[i].text, paragraphs[i].heading ? HEADING_SIZE : BODY_SIZE,
                   paragraphs[i].heading);
  if (n_pages != NULL)
    *n_pages = t.page;
  return close_document (&t, path);
}

GBytes *
cm_test_pdf_one_line_pages (const char *const *lines,
                            guint              n_lines,
                            const char        *header)
{
  Typesetter t = { 0, };
  g_autofree char *path = open_document (&t);

  t.columns = 1;
  t.header = header;
  set_font (&t, BODY_SIZE, FALSE);
  for (guint i = 0; i < n_lines; i++)
    {
      t.page = i + 1;
      if (header != NULL)
        draw_furniture (&t);
      /* Where every page's body starts: inside the top tenth of the page. */
      t.y = MARGIN + 10;
      put_line (&t, lines[i], BODY_SIZE);
      cairo_show_page (t.cr);
    }
  return close_document (&t, path);
}

void
cm_test_pdf_shutdown (void)
{
  /* pango, cairo and fontconfig keep caches for the life of the process:
   * release them so the leak checker sees only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}
