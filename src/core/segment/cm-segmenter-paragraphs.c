/* cm-segmenter-paragraphs.c — lines, paragraphs and their classes
 *
 * The first steps of segmenting (cm_segmentation_new()): the text cut
 * into trimmed lines, the lines grouped into paragraphs (one per line, or
 * per loader hint, or an English line wrapped mid-sentence joined to the
 * next; a line holding only a marker joined to the line after it), cut
 * again where a numbered heading begins inside running text, then
 * classified: numbering, heading candidates, tables of contents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-segmenter"

#include "config.h"

#include <string.h>

#include "cm-numbering.h"
#include "cm-segmenter.h"
#include "cm-segmenter-private.h"

/* This many numbered one-line "headings" of one family in a row, with
 * nothing between them, are a table of contents: list items. */
#define MIN_TOC_RUN                 3

CmLine *
cm_segmenter_split_lines (const char *text,
                          gsize       size,
                          guint      *n_lines)
{
  GArray *lines = g_array_sized_new (FALSE, FALSE, sizeof (CmLine), size / 64 + 1);
  gsize pos = 0;

  while (pos < size)
    {
      const char *nl = memchr (text + pos, '\n', size - pos);
      gsize line_end = nl ? (gsize) (nl - text) : size;
      CmLine line = { pos, line_end };

      /* Trim ASCII blanks and U+3000 / U+00A0 (loaders normalise them,
       * raw files may still have them). */
      for (;;)
        {
          if (line.start < line.end && (text[line.start] == ' ' || text[line.start] == '\t'
                                        || text[line.start] == '\r'))
            line.start++;
          else if (line.start + 3 <= line.end && memcmp (text + line.start, "\xE3\x80\x80", 3) == 0)
            line.start += 3;
          else if (line.start + 2 <= line.end && memcmp (text + line.start, "\xC2\xA0", 2) == 0)
            line.start += 2;
          else
            break;
        }
      for (;;)
        {
          if (line.end > line.start && (text[line.end - 1] == ' ' || text[line.end - 1] == '\t'
                                        || text[line.end - 1] == '\r'))
            line.end--;
          else if (line.end >= line.start + 3 && memcmp (text + line.end - 3, "\xE3\x80\x80", 3) == 0)
            line.end -= 3;
          else if (line.end >= line.start + 2 && memcmp (text + line.end - 2, "\xC2\xA0", 2) == 0)
            line.end -= 2;
          else
            break;
        }
      if (line.start == line.end)
        line.start = line.end = pos;
      g_array_append_val (lines, line);
      pos = line_end + 1;
    }
  *n_lines = lines->len;
  return (CmLine *) g_array_free (lines, FALSE);
}


/* An English line wrapped in the middle of a sentence: the next line goes
 * on in lower case and nothing on this line ended the sentence. */
static gboolean
continues_on_next_line (const char   *text,
                        const CmLine *line,
                        const CmLine *next)
{
  CmNumbering numbering;
  guchar first = (guchar) text[next->start];
  guchar last = (guchar) text[line->end - 1];

  if (!g_ascii_islower (first) || !(g_ascii_isalpha (last) || last == ','))
    return FALSE;
  if (cm_numbering_parse (text + next->start, next->end - next->start, &numbering))
    return FALSE;
  return TRUE;
}

static gboolean
is_marker_only (const char   *text,
                const CmLine *line,
                const CmLine *next)
{
  CmNumbering numbering;
  CmNumbering next_numbering;

  if (!cm_numbering_parse (text + line->start, line->end - line->start, &numbering)
      || numbering.content_offset < line->end - line->start
      || numbering.style == CM_NUMBERING_STYLE_MARKDOWN)
    return FALSE;
  return !cm_numbering_parse (text + next->start, next->end - next->start, &next_numbering);
}

/* Appends @para to @paragraphs, cut where a numbered heading or list item
 * begins inside its running text (see cm-inline-markers.c; @sequence
 * carries the numbering seen so far, @cuts is scratch). Headings and list
 * items the loader marked stay whole. Done as each paragraph is found, so
 * that the paragraphs of a 100 MB policy are not held twice. */
static void
append_split_at_inline_markers (const char       *text,
                                const Paragraph  *para,
                                GHashTable       *sequence,
                                GArray           *cuts,
                                GArray           *paragraphs)
{
  gsize from = para->start;

  g_array_set_size (cuts, 0);
  if (!para->boilerplate && (!para->has_hint || para->hint_kind == CM_BLOCK_PARAGRAPH))
    cm_inline_markers_find (text, para->start, para->end, sequence, cuts);
  for (guint k = 0; k <= cuts->len; k++)
    {
      gsize to = k < cuts->len ? g_array_index (cuts, guint, k) : para->end;
      Paragraph piece = *para;

      piece.start = from;
      piece.end = to;
      cm_segmenter_trim (text, &piece.start, &piece.end);
      if (k < cuts->len)
        piece.ends_line_group = FALSE;
      /* the loader's hint was for the whole paragraph: the pieces are
       * classified on their own */
      if (cuts->len > 0)
        piece.has_hint = FALSE;
      if (piece.start < piece.end)
        g_array_append_val (paragraphs, piece);
      from = to;
    }
}

GArray *
cm_segmenter_build_paragraphs (const char        *text,
                               const CmLine      *lines,
                               guint              n_lines,
                               const gboolean    *boilerplate,
                               const CmBlockHint *blocks,
                               guint              n_blocks)
{
  GArray *paragraphs = g_array_sized_new (FALSE, TRUE, sizeof (Paragraph), n_lines / 2 + 1);
  g_autoptr(GHashTable) sequence = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  Paragraph last = { 0, };  /* the last paragraph found, appended when the next one is */
  gboolean has_last = FALSE;
  guint h = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      Paragraph para = { 0, };
      const CmBlockHint *hint = NULL;

      if (lines[i].start == lines[i].end)
        {
          if (has_last)
            last.ends_line_group = TRUE;
          continue;
        }

      while (h < n_blocks && blocks[h].end <= lines[i].start)
        h++;
      if (h < n_blocks && blocks[h].start <= lines[i].start)
        hint = &blocks[h];

      para.start = lines[i].start;
      para.end = lines[i].end;
      para.boilerplate = boilerplate[i];
      if (hint != NULL)
        {
          para.has_hint = TRUE;
          para.hint_kind = hint->kind;
          para.hint_level = hint->level;
          /* A hinted block spanning several lines is one paragraph. */
          while (i + 1 < n_lines && lines[i + 1].start < hint->end
                 && !boilerplate[i + 1])
            {
              i++;
              if (lines[i].start < lines[i].end)
                para.end = lines[i].end;
            }
        }
      else
        {
          /* A line holding only a marker ("2.2.4." then the item's text on
           * the next line) numbers the line after it. */
          guint next = i + 1;

          while (next < n_lines && lines[next].start == lines[next].end)
            next++;
          if (next < n_lines && !boilerplate[i] && !boilerplate[next]
              && (h >= n_blocks || blocks[h].start > lines[next].start)
              && is_marker_only (text, &lines[i], &lines[next]))
            {
              i = next;
              para.end = lines[i].end;
            }
          while (i + 1 < n_lines && lines[i + 1].start < lines[i + 1].end
                 && !boilerplate[i] && !boilerplate[i + 1]
                 && (h >= n_blocks || blocks[h].start > lines[i + 1].start)
                 && continues_on_next_line (text, &lines[i], &lines[i + 1]))
            {
              i++;
              para.end = lines[i].end;
            }
        }
      if (has_last)
        append_split_at_inline_markers (text, &last, sequence, cuts, paragraphs);
      last = para;
      has_last = TRUE;
    }
  if (has_last)
    {
      last.ends_line_group = TRUE;
      append_split_at_inline_markers (text, &last, sequence, cuts, paragraphs);
    }
  return paragraphs;
}


/* First pass: numbering and heading candidates of every paragraph, then
 * tables of contents (runs of same-family numbered headings with nothing
 * between them) turned back into list items. */
void
cm_segmenter_classify_paragraphs (const char *text,
                                  GArray     *paragraphs)
{
  guint run_start = 0;
  guint run_family = 0;
  guint run_value = 0;

  for (guint i = 0; i < paragraphs->len; i++)
    {
      Paragraph *para = &g_array_index (paragraphs, Paragraph, i);

      para->numbered = cm_numbering_parse (text + para->start, para->end - para->start,
                                           &para->numbering);
      if (para->boilerplate)
        para->heading = FALSE;
      else if (para->has_hint)
        para->heading = (para->hint_kind == CM_BLOCK_HEADING);
      else if (para->numbered && para->numbering.style == CM_NUMBERING_STYLE_MARKDOWN)
        para->heading = TRUE;
      else
        para->heading = cm_heading_candidate (text, para->start, para->end,
                                              para->numbered ? &para->numbering : NULL);
    }

  for (guint i = 0; i <= paragraphs->len; i++)
    {
      Paragraph *para = i < paragraphs->len ? &g_array_index (paragraphs, Paragraph, i) : NULL;
      gboolean candidate = para != NULL && para->heading && para->numbered && !para->has_hint
                           && para->numbering.style != CM_NUMBERING_STYLE_MARKDOWN;
      guint family = candidate ? cm_numbering_family (&para->numbering) : 0;

      /* The run goes on with the next number of the same family. */
      if (candidate && i > run_start && family == run_family
          && para->numbering.value == run_value + 1)
        {
          run_value = para->numbering.value;
          continue;
        }
      if (i - run_start >= MIN_TOC_RUN && run_family != 0)
        for (guint j = run_start; j < i; j++)
          g_array_index (paragraphs, Paragraph, j).heading = FALSE;
      run_start = i;
      run_family = family;
      run_value = candidate ? para->numbering.value : 0;
    }
}


/* Lines the loader hinted as page junk (a page's menus, a PDF's running
 * headers) are boilerplate whatever they say. */
void
cm_segmenter_mark_hinted_boilerplate (const CmLine      *lines,
                                      guint              n_lines,
                                      const CmBlockHint *blocks,
                                      guint              n_blocks,
                                      gboolean          *boilerplate)
{
  guint line = 0;

  for (guint h = 0; h < n_blocks; h++)
    {
      if (blocks[h].kind != CM_BLOCK_BOILERPLATE)
        continue;
      while (line < n_lines && lines[line].end < blocks[h].start)
        line++;
      for (guint i = line; i < n_lines && lines[i].start < blocks[h].end; i++)
        if (lines[i].end > lines[i].start)
          boilerplate[i] = TRUE;
    }
}

