/* cm-loader-pdf.c — PDF files to paragraphs (poppler-glib)
 *
 * poppler gives each page's text as lines, with a box and a font size per
 * character (and joins words it hyphenated itself). From those the loader
 * rebuilds what the layout broke apart:
 * 1. Lines are cut at poppler's line ends and measured (box, font size),
 *    then put in reading order: the page's columns are found by their
 *    gutters (x ranges no narrow line crosses); lines that cross a gutter
 *    (a title over both columns) cut the page into bands, and each band
 *    is read column by column, top to bottom.
 * 2. Running headers and footers go: lines near the top or bottom edge
 *    whose text, but for a page number, comes back on at least half of
 *    the pages; and page numbers ("3", "- 3 -", "Page 3 of 9", "第 3 页")
 *    there (cm-loader-pdf-running.c).
 * 3. Lines join into paragraphs, across columns and pages, until a blank
 *    gap, a change of font size, a numbered or bulleted line, or a line
 *    that ends a sentence well before the column's right edge. A line set
 *    larger than the body text is a heading of its own.
 * 4. Joins undo the layout: "pro-" + "cessing" is "processing", Chinese
 *    lines join without a space, others with one.
 * The paragraphs are written one per line with a blank line between them,
 * numbering left in the text for the segmenter to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "cm-error.h"
#include "cm-loader-pdf-private.h"
#include "cm-numbering.h"

/* A line this much larger than the body text is a heading. */
#define HEADING_SIZE_RATIO 1.12
/* A gap between lines above this share of the line height ends a
 * paragraph. */
#define PARAGRAPH_GAP      0.6
/* So does a gap this share of the line height wider than the usual gap
 * between the lines of a paragraph (Word's "space after", a typesetter's
 * skip): it tells paragraphs apart when the last line is full. */
#define PARAGRAPH_EXTRA_GAP 0.3

static void
pdf_line_clear (gpointer data)
{
  g_free (((PdfLine *) data)->text);
}

/* The font size of character @index, from the page's attribute runs. */
static double
size_at (GList **cursor,
         int     index)
{
  while (*cursor != NULL && ((PopplerTextAttributes *) (*cursor)->data)->end_index < index)
    *cursor = (*cursor)->next;
  if (*cursor == NULL)
    return 0.0;
  return ((PopplerTextAttributes *) (*cursor)->data)->font_size;
}

static int
compare_x1 (gconstpointer a,
            gconstpointer b)
{
  const PdfLine *x = a, *y = b;

  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}


/* The x of each gutter between columns, in @gutters: gaps at least
 * @min_width wide that no narrow line (under 55% of the text width)
 * crosses. Lines at the top and bottom edges (running headers, centred
 * page numbers) do not count. */
static void
find_gutters (const PdfLine *lines,
              guint          n,
              double         page_height,
              double         min_width,
              GArray        *gutters)
{
  g_autoptr(GArray) narrow = g_array_new (FALSE, FALSE, sizeof (PdfLine));
  double left = G_MAXDOUBLE, right = 0, reach;

  for (guint i = 0; i < n; i++)
    {
      left = MIN (left, lines[i].x1);
      right = MAX (right, lines[i].x2);
    }
  for (guint i = 0; i < n; i++)
    if (lines[i].x2 - lines[i].x1 < 0.55 * (right - left)
        && !cm_pdf_line_in_edge_zone (&lines[i], page_height))
      g_array_append_val (narrow, lines[i]);
  if (narrow->len < 4)
    return;
  g_array_sort (narrow, compare_x1);
  reach = g_array_index (narrow, PdfLine, 0).x2;
  for (guint i = 1; i < narrow->len; i++)
    {
      const PdfLine *line = &g_array_index (narrow, PdfLine, i);

      if (line->x1 - reach >= min_width)
        {
          double x = (reach + line->x1) / 2;

          g_array_append_val (gutters, x);
        }
      reach = MAX (reach, line->x2);
    }
}

typedef struct
{
  guint  column;   /* G_MAXUINT: crosses a gutter */
  double y1;
  guint  index;
} Placed;

static int
compare_placed_y (gconstpointer a,
                  gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->y1 != y->y1)
    return x->y1 < y->y1 ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_placed_column (gconstpointer a,
                       gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return compare_placed_y (a, b);
}

/* Appends the page's lines to @lines in reading order (see the top). */
static void
order_page_lines (GArray *page_lines,
                  double  page_height,
                  GArray *lines)
{
  const PdfLine *line_at = (const PdfLine *) (gpointer) page_lines->data;
  g_autoptr(GArray) gutters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree Placed *placed = g_new0 (Placed, page_lines->len + 1);
  guint band_start = 0, n = page_lines->len;

  find_gutters (line_at, n, page_height, 8.0, gutters);
  if (gutters->len == 0)
    {
      /* One column: poppler's order is the reading order. */
      g_array_append_vals (lines, page_lines->data, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      placed[i].index = i;
      placed[i].y1 = line_at[i].y1;
      placed[i].column = 0;
      for (guint g = 0; g < gutters->len; g++)
        {
          double x = g_array_index (gutters, double, g);

          if (line_at[i].x1 < x && line_at[i].x2 > x)
            placed[i].column = G_MAXUINT;
          else if (placed[i].column != G_MAXUINT && line_at[i].x1 >= x)
            placed[i].column = g + 1;
        }
    }
  qsort (placed, n, sizeof (Placed), compare_placed_y);
  /* Bands between the lines that cross a gutter, column by column. */
  for (guint i = 0; i <= n; i++)
    {
      if (i < n && placed[i].column != G_MAXUINT)
        continue;
      qsort (placed + band_start, i - band_start, sizeof (Placed), compare_placed_column);
      for (guint j = band_start; j < i; j++)
        g_array_append_val (lines, line_at[placed[j].index]);
      if (i < n)
        g_array_append_val (lines, line_at[placed[i].index]);
      band_start = i + 1;
    }
}

static void
end_line (GArray  *page_lines,
          PdfLine *line,
          GString *text)
{
  GString *collapsed = g_string_new (NULL);
  gboolean last_was_space = TRUE;

  cm_loader_append_collapsed (collapsed, text->str, text->len, &last_was_space);
  line->text = g_strstrip (g_string_free (collapsed, FALSE));
  if (*line->text != '\0' && line->x2 > line->x1)
    g_array_append_val (page_lines, *line);
  else
    g_free (line->text);
  *line = (PdfLine) { line->page, G_MAXDOUBLE, G_MAXDOUBLE, 0, 0, 0, 0, NULL, FALSE, FALSE };
  g_string_truncate (text, 0);
}

/* Cuts one page's text into measured lines, appended to @lines in reading
 * order. Lines are cut from the characters' boxes, not from poppler's line
 * ends (which can join the end of one column to the top of the next): a
 * character off the previous one's baseline, behind it, or far after it
 * (across a gutter) starts a new line. */
static void
read_page (PopplerPage *page,
           guint        page_number,
           double       page_height,
           GArray      *lines)
{
  g_autoptr(GArray) page_lines = g_array_new (FALSE, FALSE, sizeof (PdfLine));
  g_autoptr(GString) line_text = g_string_new (NULL);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  GList *attributes, *cursor;
  int index = 0;
  PdfLine line = { page_number, G_MAXDOUBLE, G_MAXDOUBLE, 0, 0, 0, 0, NULL, FALSE, FALSE };
  PopplerRectangle last = { 0, 0, 0, 0 };
  gboolean pending_space = FALSE;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return;
  attributes = poppler_page_get_text_attributes (page);
  cursor = attributes;

  for (const char *p = text; *p != '\0' && (guint) index < n_rects; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);
      const PopplerRectangle *r = &rects[index];
      double height = MAX (last.y2 - last.y1, 1.0);

      if (g_unichar_isspace (c))
        {
          pending_space = TRUE;
          continue;
        }
      if (line_text->len > 0
          && (fabs (r->y2 - last.y2) > 0.5 * height || r->x1 < last.x1 - 0.5 * height
              || r->x1 - last.x2 > 2.5 * height))
        {
          end_line (page_lines, &line, line_text);
          pending_space = FALSE;
        }
      else if (line_text->len > 0 && (pending_space || r->x1 - last.x2 > 0.2 * height))
        g_string_append_c (line_text, ' ');
      pending_space = FALSE;
      g_string_append_unichar (line_text, c);
      line.x1 = MIN (line.x1, r->x1);
      line.y1 = MIN (line.y1, r->y1);
      line.x2 = MAX (line.x2, r->x2);
      line.y2 = MAX (line.y2, r->y2);
      line.size = MAX (line.size, size_at (&cursor, index));
      last = *r;
    }
  end_line (page_lines, &line, line_text);
  poppler_page_free_text_attributes (attributes);
  order_page_lines (page_lines, page_height, lines);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The body text's font size: the size of most characters. */
static double
body_size (GArray *lines)
{
  g_autoptr(GHashTable) chars_by_size = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint best_chars = 0;
  double best = 0.0;

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);
      gpointer size = GINT_TO_POINTER ((int) lround (line->size * 10));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (chars_by_size, size));

      if (!line->dropped)
        g_hash_table_insert (chars_by_size, size, GUINT_TO_POINTER (n + strlen (line->text)));
    }
  g_hash_table_iter_init (&iter, chars_by_size);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_chars)
      {
        best_chars = GPOINTER_TO_UINT (value);
        best = GPOINTER_TO_INT (key) / 10.0;
      }
  return best;
}

/* Each line's column right edge: the furthest any line of its page that
 * starts where it starts reaches. Dropped lines do not count: a running
 * header across both columns would put every column's edge at the page's. */
static void
measure_columns (GArray *lines)
{
  guint page_start = 0, page_end = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);

      /* Lines come page by page: only the page's own are compared (all of
       * the document's made long PDFs quadratic). */
      if (i == page_end)
        {
          page_start = i;
          while (page_end < lines->len && g_array_index (lines, PdfLine, page_end).page == line->page)
            page_end++;
        }
      line->right = line->x2;
      for (guint j = page_start; j < page_end; j++)
        {
          const PdfLine *other = &g_array_index (lines, PdfLine, j);

          if (!other->dropped
              && fabs (other->x1 - line->x1) < 3 * MAX (line->size, 1))
            line->right = MAX (line->right, other->x2);
        }
    }
}

static gboolean
starts_item (const char *text)
{
  CmNumbering numbering;
  gunichar c = g_utf8_get_char (text);

  return c == 0x2022 || c == 0x25CF || c == 0x25AA || c == 0x2013 || c == 0x00B7
         || cm_numbering_parse (text, strlen (text), &numbering);
}

static gboolean is_cjk_char (gunichar c);

/* About how wide @line's first word is (a Chinese character is a word). */
static double
first_word_width (const PdfLine *line)
{
  glong n_chars = g_utf8_strlen (line->text, -1);
  glong n_word = 0;

  for (const char *p = line->text; *p != '\0' && *p != ' '; p = g_utf8_next_char (p))
    {
      n_word++;
      if (is_cjk_char (g_utf8_get_char (p)))
        break;
    }
  return n_chars > 0 ? (line->x2 - line->x1) * n_word / n_chars : 0.0;
}

/* Whether @next starts a new paragraph after @prev. The layout only breaks
 * a line when the next word does not fit: when it would have fitted in
 * what is left of @prev's column, the break was the author's. */
static gboolean
same_flow (const PdfLine *prev,
           const PdfLine *next)
{
  return next->page == prev->page && next->y1 >= prev->y1 - 1 && next->x1 < prev->x2;
}

static gboolean
breaks_paragraph (const PdfLine *prev,
                  const PdfLine *next,
                  double         line_height,
                  double         line_gap)
{
  gboolean flowing = same_flow (prev, next);
  gsize len = strlen (prev->text);

  /* A heading is a paragraph of its own (a two-line one stays one). */
  if (prev->heading != next->heading)
    return TRUE;
  if (prev->heading)
    return !(flowing && fabs (next->size - prev->size) < 0.1
             && next->y1 - prev->y2 < PARAGRAPH_GAP * next->size);
  if (fabs (next->size - prev->size) > 0.1 * MAX (prev->size, 1))
    return TRUE;
  if (flowing && next->y1 - prev->y2 > PARAGRAPH_GAP * line_height)
    return TRUE;
  if (flowing && next->y1 - prev->y2 > line_gap + PARAGRAPH_EXTRA_GAP * line_height)
    return TRUE;
  if (len > 0 && prev->text[len - 1] == '-')
    return FALSE;
  /* Word widths are estimated from the line's average: leave a margin. */
  if (prev->right - prev->x2 > 1.5 * first_word_width (next) + MAX (prev->size, 1))
    return TRUE;
  return starts_item (next->text) && cm_loader_ends_sentence (prev->text, strlen (prev->text));
}

static gboolean
is_cjk_char (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0xFF00 && c <= 0xFFEF);
}

/* Appends @text to the paragraph in @out, undoing the line break. */
static void
join_line (GString    *out,
           gsize       paragraph_start,
           const char *text)
{
  const char *last;
  gunichar before, after = g_utf8_get_char (text);

  if (out->len == paragraph_start)
    {
      g_string_append (out, text);
      return;
    }
  last = g_utf8_find_prev_char (out->str + paragraph_start, out->str + out->len);
  before = g_utf8_get_char (last);
  /* "pro-" + "cessing": a hyphen after a letter, a lower-case letter next. */
  if ((before == '-' || before == 0x00AD) && g_unichar_islower (after) && last > out->str + paragraph_start
      && g_unichar_isalpha (g_utf8_get_char (g_utf8_find_prev_char (out->str, last))))
    {
      g_string_truncate (out, last - out->str);
      g_string_append (out, text);
      return;
    }
  if (!(is_cjk_char (before) && is_cjk_char (after)))
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static double
median_line_height (GArray *lines)
{
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);
      double h = line->y2 - line->y1;

      if (!line->dropped && h > 0)
        g_array_append_val (heights, h);
    }
  if (heights->len == 0)
    return 12.0;
  g_array_sort (heights, compare_doubles);
  return g_array_index (heights, double, heights->len / 2);
}

/* The usual gap between two lines of body text that follow each other in
 * a column (negative when their boxes overlap). */
static double
median_line_gap (GArray *lines,
                 double  line_height)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  const PdfLine *prev = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);

      if (line->dropped)
        continue;
      if (prev != NULL && !prev->heading && !line->heading && same_flow (prev, line)
          && line->y1 - prev->y2 < line_height)
        {
          double gap = line->y1 - prev->y2;

          g_array_append_val (gaps, gap);
        }
      prev = line;
    }
  if (gaps->len == 0)
    return 0.0;
  g_array_sort (gaps, compare_doubles);
  return g_array_index (gaps, double, gaps->len / 2);
}

/* Heading levels by size: the largest heading size is level 1. */
static guint
heading_level (GArray *lines,
               double  size)
{
  g_autoptr(GArray) larger = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);
      gboolean known = FALSE;

      if (!line->heading || line->size <= size + 0.05)
        continue;
      for (guint j = 0; j < larger->len; j++)
        known |= fabs (g_array_index (larger, double, j) - line->size) < 0.05;
      if (!known)
        g_array_append_val (larger, line->size);
    }
  return MIN (larger->len + 1, 6);
}

static void
write_paragraphs (CmLoadedText *loaded,
                  GArray       *lines)
{
  GString *out = g_string_new (NULL);
  double line_height = median_line_height (lines);
  double line_gap = median_line_gap (lines, line_height);
  const PdfLine *prev = NULL;
  gsize paragraph_start = 0;
  gboolean paragraph_is_heading = FALSE;
  double paragraph_size = 0;

  for (guint i = 0; i <= lines->len; i++)
    {
      const PdfLine *line = i < lines->len ? &g_array_index (lines, PdfLine, i) : NULL;

      if (line != NULL && line->dropped)
        continue;
      if (line == NULL || prev == NULL || breaks_paragraph (prev, line, line_height, line_gap))
        {
          if (prev != NULL && paragraph_is_heading)
            cm_loader_add_hint (loaded, paragraph_start, out->len, CM_BLOCK_HEADING,
                                heading_level (lines, paragraph_size));
          if (line == NULL)
            break;
          if (out->len > 0)
            g_string_append (out, "\n\n");
          paragraph_start = out->len;
          paragraph_is_heading = line->heading;
          paragraph_size = line->size;
        }
      join_line (out, paragraph_start, line->text);
      prev = line;
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  loaded->size = out->len;
  loaded->text = g_string_free (out, FALSE);
}

gboolean
cm_loader_parse_pdf (CmLoadedText  *loaded,
                     const char    *data,
                     gsize          size,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  PopplerDocument *document;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (PdfLine));
  g_autofree double *heights = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  double body;
  int n_pages;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      gboolean encrypted = g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);

      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   encrypted ? "%s: the PDF is protected by a password" : "%s: not a PDF poppler can read (%s)",
                   loaded->path, local_error->message);
      return FALSE;
    }
  g_array_set_clear_func (lines, pdf_line_clear);
  n_pages = poppler_document_get_n_pages (document);
  heights = g_new0 (double, MAX (n_pages, 1));
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      double width;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &heights[i]);
      read_page (page, i, heights[i], lines);
      g_object_unref (page);
    }

  cm_pdf_drop_running_lines (loaded, lines, heights, n_pages);
  measure_columns (lines);
  body = body_size (lines);
  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);

      line->heading = body > 0 && line->size > body * HEADING_SIZE_RATIO
                      && g_utf8_strlen (line->text, -1) < 120;
    }
  write_paragraphs (loaded, lines);

  title = poppler_document_get_title (document);
  g_object_unref (document);
  if (title != NULL && *g_strstrip (title) != '\0')
    loaded->title = g_steal_pointer (&title);
  loaded->encoding = g_strdup ("UTF-8");
  return TRUE;
}
