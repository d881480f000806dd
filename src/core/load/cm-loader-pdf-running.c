/* cm-loader-pdf-running.c — a PDF's running headers, footers and page
 * numbers
 *
 * A running line sits near the top or bottom edge and comes back on at
 * least half of the pages, the same but for its page number: "Acme —
 * Privacy Policy", "Page 3 of 9", "Policy v7 – 3". Its text is compared
 * with its digits folded, and each run of digits must then either stay the
 * same on every page ("of 9", "v7") or follow the page (3 on the third
 * page, 4 on the fourth, whatever the offset): lines that read alike but
 * for numbers that do neither ("Clause 1: ... 30 days", "Clause 2: ... 90
 * days") are the document's text. Lone page numbers ("3", "- 3 -", "第 3
 * 页") go wherever they are near an edge.
 *
 * Nothing that is a page's only text goes: when every line of a page would
 * go, the one furthest from the edges that is not a page number stays (a
 * document of one line per page, each at the same place, is text, not a
 * header repeated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cm-loader-pdf-private.h"

/* Stands for a run of digits in a folded key (never in a PDF's text: the
 * loader's text has no control characters). */
#define DIGITS_MARK '\x01'

gboolean
cm_pdf_line_in_edge_zone (const PdfLine *line,
                          double         page_height)
{
  return line->y2 < page_height * CM_PDF_EDGE_ZONE
         || line->y1 > page_height * (1.0 - CM_PDF_EDGE_ZONE);
}

/* "Page 3", "3", "- 3 -", "3 / 9", "Page 3 of 9", "第 3 页", "iv". */
static gboolean
is_page_number (const char *text)
{
  static gsize regex = 0;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new (
      "^(page|p\\.|seite|página|pagina|第)?\\s*[-–—]?\\s*([0-9]+|[ivxlc]+)\\s*[-–—]?\\s*"
      "((of|/|von|de|di|共)\\s*[0-9]+\\s*(页)?)?\\s*(页)?$",
      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match ((GRegex *) regex, text, 0, NULL);
}

/* An edge line as running-line detection sees it. */
typedef struct
{
  guint   line;      /* index in the lines */
  char   *folded;    /* lowercase, each run of digits one DIGITS_MARK */
  GArray *numbers;   /* of gint64: the runs' values, in order */
} EdgeLine;

static void
edge_line_clear (gpointer data)
{
  EdgeLine *edge = data;

  g_free (edge->folded);
  g_array_unref (edge->numbers);
}

static void
fold_digits (const char *text,
             EdgeLine   *edge)
{
  GString *folded = g_string_new (NULL);

  edge->numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (const char *p = text; *p != '\0';)
    if (g_ascii_isdigit (*p))
      {
        gint64 value = 0;

        /* Long runs (a phone number) only need to compare equal. */
        for (; g_ascii_isdigit (*p); p++)
          value = value < G_MAXINT64 / 20 ? value * 10 + (*p - '0') : value;
        g_array_append_val (edge->numbers, value);
        g_string_append_c (folded, DIGITS_MARK);
      }
    else
      g_string_append_c (folded, g_ascii_tolower (*p++));
  edge->folded = g_string_free (folded, FALSE);
}

/* The value minus the page that most lines of @group put in their @run-th
 * run of digits, on at least two pages; FALSE when none does (the run does
 * not follow the page). */
static gboolean
page_offset (GArray      *lines,
             GArray      *edges,
             GArray      *group,
             guint        run,
             gint64      *offset)
{
  g_autoptr(GHashTable) pages_at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint best = 0, last_page = G_MAXUINT;

  for (guint k = 0; k < group->len; k++)
    {
      const EdgeLine *edge = &g_array_index (edges, EdgeLine, g_array_index (group, guint, k));
      const PdfLine *line = &g_array_index (lines, PdfLine, edge->line);
      gint64 *key;
      guint n;

      if (line->page == last_page)
        continue;  /* pages are counted, not lines */
      last_page = line->page;
      key = g_new (gint64, 1);

      *key = g_array_index (edge->numbers, gint64, run) - line->page;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (pages_at, key)) + 1;
      if (n > best)
        {
          best = n;
          *offset = *key;
        }
      g_hash_table_insert (pages_at, key, GUINT_TO_POINTER (n));
    }
  return best >= 2;
}

/* The key lines of one running line share: the folded text with each run
 * of digits that follows the page written as DIGITS_MARK when this line's
 * does, and every other run as its value. */
static char *
running_key (const EdgeLine *edge,
             const PdfLine  *line,
             const gboolean *follows,
             const gint64   *offsets)
{
  GString *key = g_string_new (NULL);
  guint run = 0;

  for (const char *p = edge->folded; *p != '\0'; p++)
    if (*p == DIGITS_MARK)
      {
        gint64 value = g_array_index (edge->numbers, gint64, run);

        if (follows[run] && value - line->page == offsets[run])
          g_string_append_c (key, DIGITS_MARK);
        else
          g_string_append_printf (key, "%" G_GINT64_FORMAT, value);
        run++;
      }
    else
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

/* Each edge line's running key: lines read alike once digits are folded
 * form a group, in which each run of digits is looked at on its own. */
static char **
running_keys (GArray *lines,
              GArray *edges)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  char **keys = g_new0 (char *, edges->len + 1);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < edges->len; i++)
    {
      const EdgeLine *edge = &g_array_index (edges, EdgeLine, i);
      GArray *group = g_hash_table_lookup (groups, edge->folded);

      if (group == NULL)
        {
          group = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, edge->folded, group);
        }
      g_array_append_val (group, i);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *group = value;
      const EdgeLine *first = &g_array_index (edges, EdgeLine, g_array_index (group, guint, 0));
      guint n_runs = first->numbers->len;
      g_autofree gboolean *follows = g_new0 (gboolean, n_runs + 1);
      g_autofree gint64 *offsets = g_new0 (gint64, n_runs + 1);

      for (guint run = 0; run < n_runs; run++)
        follows[run] = page_offset (lines, edges, group, run, &offsets[run]);
      for (guint k = 0; k < group->len; k++)
        {
          guint i = g_array_index (group, guint, k);
          const EdgeLine *edge = &g_array_index (edges, EdgeLine, i);

          keys[i] = running_key (edge, &g_array_index (lines, PdfLine, edge->line),
                                 follows, offsets);
        }
    }
  return keys;
}

/* How far a line is from its page's nearer edge. */
static double
edge_distance (const PdfLine *line,
               double         page_height)
{
  return MIN (line->y1, page_height - line->y2);
}

/* A page whose every line went keeps the one furthest from its edges that
 * is not a page number (with the pieces of it poppler cut apart). */
static void
keep_pages_text (GArray       *lines,
                 const double *heights)
{
  for (guint start = 0, end; start < lines->len; start = end)
    {
      guint page = g_array_index (lines, PdfLine, start).page;
      gboolean all_dropped = TRUE;
      double best = -1.0;
      PdfLine *best_line = NULL;

      for (end = start; end < lines->len && g_array_index (lines, PdfLine, end).page == page; end++)
        {
          PdfLine *line = &g_array_index (lines, PdfLine, end);

          all_dropped = all_dropped && line->dropped;
          if (!is_page_number (line->text) && edge_distance (line, heights[page]) > best)
            {
              best = edge_distance (line, heights[page]);
              best_line = line;
            }
        }
      if (!all_dropped || best_line == NULL)
        continue;
      for (guint i = start; i < end; i++)
        {
          PdfLine *line = &g_array_index (lines, PdfLine, i);

          if (!is_page_number (line->text) && line->y1 < best_line->y2 && line->y2 > best_line->y1)
            line->dropped = FALSE;
        }
    }
}

void
cm_pdf_drop_running_lines (CmLoadedText *loaded,
                           GArray       *lines,
                           const double *heights,
                           guint         n_pages)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (EdgeLine));
  g_autoptr(GHashTable) pages_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) keys = NULL;
  guint needed = MAX (2, (n_pages + 1) / 2);

  g_array_set_clear_func (edges, edge_line_clear);
  for (guint i = 0; i < lines->len; i++)
    {
      PdfLine *line = &g_array_index (lines, PdfLine, i);
      EdgeLine edge = { i, NULL, NULL };

      if (!cm_pdf_line_in_edge_zone (line, heights[line->page]))
        continue;
      if (is_page_number (line->text))
        {
          line->dropped = TRUE;
          continue;
        }
      fold_digits (line->text, &edge);
      g_array_append_val (edges, edge);
    }
  keys = running_keys (lines, edges);

  /* On how many pages each running key comes back (once per page). */
  for (guint i = 0; i < edges->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, g_array_index (edges, EdgeLine, i).line);
      guint64 seen = GPOINTER_TO_SIZE (g_hash_table_lookup (pages_of, keys[i]));

      /* Low 32 bits: pages counted; high: the last page counted + 1. */
      if ((seen >> 32) != line->page + 1)
        g_hash_table_insert (pages_of, keys[i],
                             GSIZE_TO_POINTER ((((guint64) line->page + 1) << 32)
                                               | ((seen & 0xffffffffu) + 1)));
    }
  for (guint i = 0; n_pages >= 2 && i < edges->len; i++)
    if ((GPOINTER_TO_SIZE (g_hash_table_lookup (pages_of, keys[i])) & 0xffffffffu) >= needed)
      g_array_index (lines, PdfLine, g_array_index (edges, EdgeLine, i).line).dropped = TRUE;

  keep_pages_text (lines, heights);
  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);

      if (line->dropped)
        cm_loaded_text_note (loaded, TRUE, N_("running headers, footers and page numbers"),
                             g_utf8_strlen (line->text, -1));
    }
}
