/* cm-segmenter.c — clause detection: lines, paragraphs, numbering,
 * headings and their paths, sentences, boilerplate, languages
 *
 * One pass over the text: lines are cut, grouped into paragraphs (one
 * per line, or per loader hint, or an English line wrapped mid-sentence
 * joined to the next), each paragraph is classified (heading, list item,
 * body, boilerplate) and, at sentence granularity, cut into sentences.
 * Code-point offsets are counted incrementally as clauses are emitted in
 * text order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-segmenter"

#include "config.h"

#include <string.h>

#include "cm-error.h"
#include "cm-numbering.h"
#include "cm-segmenter.h"
#include "cm-segmenter-private.h"

/* Families of headings without a number. */
#define FAMILY_TITLE       0x7FFF0001u  /* the first line, when it is a heading */
#define FAMILY_UNNUMBERED  0x7FFF0002u
#define FAMILY_HINT        0x7FFE0000u  /* + heading level from the loader */
#define FAMILY_LIST_HINT   0x7FFD0000u  /* + list depth from the loader */

/* This many numbered one-line "headings" of one family in a row, with
 * nothing between them, are a table of contents: list items. */
#define MIN_TOC_RUN                 3
#define MAX_STACK                   16

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

/* ---- paragraphs ------------------------------------------------------- */

typedef struct
{
  gsize        start;        /* trimmed byte range */
  gsize        end;
  gboolean     boilerplate;
  gboolean     has_hint;
  CmBlockKind  hint_kind;
  guint        hint_level;
  gboolean     ends_line_group;  /* a blank line or the end follows */
  /* Filled by classify_paragraphs(): */
  gboolean     numbered;
  CmNumbering  numbering;
  gboolean     heading;
} Paragraph;

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

static GArray *
build_paragraphs (const char        *text,
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

/* ---- headings ----------------------------------------------------------- */

typedef struct
{
  guint     family;
  gboolean  heading;
  gboolean  ordered;     /* decimal depth, markdown / hint / article level */
  guint     order_kind;  /* which ordered kind */
  guint     order_depth;
  guint     value;       /* of its number, 0 when unnumbered */
  char     *title;       /* headings only */
} StackEntry;

typedef struct
{
  StackEntry entries[MAX_STACK];
  guint      depth;
  char     **path;       /* cached heading path, NULL-terminated */
  gboolean   path_valid;
} Stack;

static void
stack_truncate (Stack *stack,
                guint  depth)
{
  while (stack->depth > depth)
    {
      stack->depth--;
      g_clear_pointer (&stack->entries[stack->depth].title, g_free);
    }
  stack->path_valid = FALSE;
}

static void
stack_clear (Stack *stack)
{
  stack_truncate (stack, 0);
  g_clear_pointer (&stack->path, g_free);
}

/* Where an entry of this family belongs: the position of its sibling if
 * one is open (everything from there on closes), otherwise on top. */
static guint
stack_position_for (Stack      *stack,
                    StackEntry *entry)
{
  /* Unnumbered section titles ("附录", "Information we might collect")
   * sit just under the document title: their depth cannot be told from
   * a number, and nesting each under the previous one would be wrong. */
  if (entry->family == FAMILY_UNNUMBERED)
    {
      guint position = 0;

      for (guint i = 0; i < stack->depth; i++)
        if (stack->entries[i].heading && stack->entries[i].family != FAMILY_UNNUMBERED)
          position = i + 1;
      return position;
    }
  guint first = 0;

  /* A list item never closes a section: it looks for its siblings only
   * among the list items opened since the last heading. */
  if (!entry->heading)
    for (guint i = 0; i < stack->depth; i++)
      if (stack->entries[i].heading)
        first = i + 1;

  for (guint i = first; i < stack->depth; i++)
    {
      StackEntry *open = &stack->entries[i];

      if (open->family == entry->family)
        return i;
      if (entry->ordered && open->ordered && open->order_kind == entry->order_kind
          && open->order_depth >= entry->order_depth)
        return i;
    }
  /* A numbered heading ends the unnumbered section before it: such
   * sections are the leaves of the outline. */
  if (entry->heading)
    for (guint i = 0; i < stack->depth; i++)
      if (stack->entries[i].family == FAMILY_UNNUMBERED)
        return i;
  return stack->depth;
}

/* Pushes an entry; returns its level (1-based). */
static guint
stack_place (Stack      *stack,
             StackEntry *entry)
{
  guint position;

  if (entry->heading)
    {
      /* A heading closes the lists opened since the last heading. */
      guint last_heading = 0;

      for (guint i = 0; i < stack->depth; i++)
        if (stack->entries[i].heading)
          last_heading = i + 1;
      stack_truncate (stack, last_heading);
    }
  position = stack_position_for (stack, entry);
  if (position >= MAX_STACK)
    position = MAX_STACK - 1;
  stack_truncate (stack, position);
  stack->entries[position] = *entry;
  stack->depth = position + 1;
  stack->path_valid = FALSE;
  return position + 1;
}

static const char * const *
stack_heading_path (Stack *stack,
                    guint  below)
{
  guint n = 0;

  if (!stack->path_valid || below != G_MAXUINT)
    {
      g_free (stack->path);
      stack->path = g_new0 (char *, stack->depth + 1);
      for (guint i = 0; i < stack->depth && i < below; i++)
        if (stack->entries[i].heading)
          stack->path[n++] = stack->entries[i].title;
      stack->path_valid = (below == G_MAXUINT);
    }
  return (const char * const *) stack->path;
}

/* First pass: numbering and heading candidates of every paragraph, then
 * tables of contents (runs of same-family numbered headings with nothing
 * between them) turned back into list items. */
static void
classify_paragraphs (const char *text,
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

/* "X." after "Ⅸ." is ten, not the letter x; "I." after "H." is the
 * letter i, not one. The open outline decides. */
static void
resolve_roman_or_latin (const char  *text,
                        Stack       *stack,
                        Paragraph   *para)
{
  CmNumbering *numbering = &para->numbering;
  CmNumbering alternative = *numbering;
  const char *marker = text + para->start + numbering->marker_offset;
  guint family;
  char letter;
  gboolean alternative_open = FALSE, current_open = FALSE;

  if (numbering->style != CM_NUMBERING_STYLE_LATIN_UPPER
      && numbering->style != CM_NUMBERING_STYLE_LATIN_LOWER
      && numbering->style != CM_NUMBERING_STYLE_ROMAN_UPPER
      && numbering->style != CM_NUMBERING_STYLE_ROMAN_LOWER)
    return;
  letter = marker[numbering->wrap == CM_NUMBERING_WRAP_PARENS ? 1 : 0];
  if (!g_ascii_isalpha (letter) || g_ascii_isalpha (marker[numbering->wrap == CM_NUMBERING_WRAP_PARENS ? 2 : 1]))
    return;  /* only a single ASCII letter is ambiguous */

  if (numbering->style == CM_NUMBERING_STYLE_LATIN_UPPER
      || numbering->style == CM_NUMBERING_STYLE_LATIN_LOWER)
    {
      alternative.value = cm_numbering_roman_value (&letter, 1);
      alternative.style = g_ascii_isupper (letter) ? CM_NUMBERING_STYLE_ROMAN_UPPER
                                                   : CM_NUMBERING_STYLE_ROMAN_LOWER;
      if (alternative.value == 0)
        return;
    }
  else
    {
      alternative.value = g_ascii_tolower (letter) - 'a' + 1;
      alternative.style = g_ascii_isupper (letter) ? CM_NUMBERING_STYLE_LATIN_UPPER
                                                   : CM_NUMBERING_STYLE_LATIN_LOWER;
    }

  family = cm_numbering_family (&alternative);
  for (guint i = 0; i < stack->depth; i++)
    {
      if (stack->entries[i].family == family)
        alternative_open = TRUE;
      if (stack->entries[i].family == cm_numbering_family (numbering))
        current_open = TRUE;
    }
  if (alternative_open && !current_open)
    *numbering = alternative;
}

/* ---- clauses ------------------------------------------------------------ */

/* Clauses go to @func as they are made; without @func they are only
 * counted (the summary of a first pass). */
typedef struct
{
  const char       *text;
  gsize             byte_pos;   /* incremental byte → code point counting */
  guint             char_pos;
  CmSegmentFunc     func;
  gpointer          user_data;
  CmClause         *last;       /* the previous clause (a reference), for its heading path */
  CmSegmentSummary *summary;
  CmScriptCounts    document_counts;
  guint             title_paragraph;  /* index of the paragraph that may be the title */
} Emitter;

/* Clauses among the first ones whose heading may be the document's title
 * (see cm_segment_document_each()). */
#define TITLE_SEARCH_CLAUSES 20

static guint
char_offset_of (Emitter *emitter,
                gsize    byte_offset)
{
  const guchar *p = (const guchar *) emitter->text + emitter->byte_pos;
  const guchar *end = (const guchar *) emitter->text + byte_offset;
  guint n = 0;

  g_assert (byte_offset >= emitter->byte_pos);
  /* Code points = bytes that are not UTF-8 continuation bytes (10xxxxxx),
   * counted eight bytes at a time. */
  while (end - p >= 8)
    {
      guint64 x;
      guint64 continuation;

      memcpy (&x, p, 8);
      continuation = (x >> 7) & ~(x >> 6) & G_GUINT64_CONSTANT (0x0101010101010101);
      /* The eight 0/1 bytes summed by one multiplication. */
      n += 8 - (guint) ((continuation * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      p += 8;
    }
  for (; p < end; p++)
    n += ((*p & 0xC0) != 0x80);
  emitter->char_pos += n;
  emitter->byte_pos = byte_offset;
  return emitter->char_pos;
}

static gboolean
is_blank_at (const char *text,
             gsize       pos,
             gsize       end,
             gsize      *length)
{
  guchar b = (guchar) text[pos];

  if (b == ' ' || b == '\t' || b == '\n' || b == '\r')
    *length = 1;
  else if (pos + 3 <= end && memcmp (text + pos, "\xE3\x80\x80", 3) == 0)
    *length = 3;
  else if (pos + 2 <= end && memcmp (text + pos, "\xC2\xA0", 2) == 0)
    *length = 2;
  else
    return FALSE;
  return TRUE;
}

void
cm_segmenter_trim (const char *text,
      gsize      *start,
      gsize      *end)
{
  gsize n;

  while (*start < *end && is_blank_at (text, *start, *end, &n))
    *start += n;
  while (*end > *start)
    {
      gsize last = *end - 1;

      while (last > *start && ((guchar) text[last] & 0xC0) == 0x80)
        last--;
      if (!is_blank_at (text, last, *end, &n) || last + n != *end)
        break;
      *end = last;
    }
}

/* "c<n>" into a buffer of at least 12 bytes (printf costs as much as the
 * rest of a clause's bookkeeping). */
static void
format_clause_id (char  *id,
                  guint  n)
{
  char digits[11];
  guint length = 0;

  do
    {
      digits[length++] = '0' + n % 10;
      n /= 10;
    }
  while (n > 0);
  id[0] = 'c';
  for (guint i = 0; i < length; i++)
    id[1 + i] = digits[length - 1 - i];
  id[1 + length] = '\0';
}

static gboolean
emit_piece (Emitter             *emitter,
            gsize                start,
            gsize                end,
            CmClauseKind         kind,
            guint                level,
            const char          *marker,
            const char * const  *path,
            gboolean             count_language,
            const char          *cut)
{
  CmSegmentSummary *summary = emitter->summary;
  CmScriptCounts counts = { 0, 0 };
  char id[24];
  guint char_start, char_end;
  CmClause *clause;

  cm_segmenter_trim (emitter->text, &start, &end);
  if (start >= end)
    return FALSE;
  char_start = char_offset_of (emitter, start);
  char_end = char_offset_of (emitter, end);
  cm_script_counts_add (&counts, emitter->text + start, end - start);
  if (count_language)
    {
      emitter->document_counts.cjk += counts.cjk;
      emitter->document_counts.latin += counts.latin;
    }
  summary->n_clauses++;
  summary->n_labelable += kind != CM_CLAUSE_KIND_BOILERPLATE;
  if (kind == CM_CLAUSE_KIND_HEADING && !summary->has_heading
      && summary->n_clauses <= TITLE_SEARCH_CLAUSES)
    {
      summary->has_heading = TRUE;
      summary->heading_start = start;
      summary->heading_end = end;
    }
  if (emitter->func == NULL)
    return TRUE;

  format_clause_id (id, summary->n_clauses);
  clause = cm_clause_new (id, char_start, char_end, kind);
  cm_clause_set_level (clause, level);
  cm_clause_set_marker (clause, marker);
  cm_clause_set_cut (clause, cut);
  cm_clause_set_heading_path (clause, path);
  /* Clauses of one section share one copy of their heading path. */
  if (emitter->last != NULL)
    cm_clause_share_heading_path (clause, emitter->last);
  cm_clause_set_language (clause, cm_script_counts_language (&counts));
  g_set_object (&emitter->last, clause);
  emitter->func (clause, emitter->user_data);
  return TRUE;
}

/* Where a clause longer than CM_SEGMENTER_MAX_CLAUSE_CHARS from @start
 * ends: after the last semicolon, else comma, else space in the second
 * half of the window; else at the limit. NULL when it is short enough. */
static const char *
find_cut (const char *text,
          gsize       start,
          gsize       end,
          gsize      *cut)
{
  static const struct { const char *reason; const char *marks[4]; } classes[] = {
    { "semicolon", { "；", ";", NULL } },
    { "comma", { "，", ",", "、", NULL } },
    { "space", { " ", "\t", "\n", NULL } },
  };
  const char *limit = text + start, *floor;
  guint n = 0;

  while (limit < text + end && n < CM_SEGMENTER_MAX_CLAUSE_CHARS)
    {
      limit = g_utf8_next_char (limit);
      n++;
    }
  if (limit >= text + end)
    return NULL;
  floor = text + start + (limit - (text + start)) / 2;
  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    for (const char *p = g_utf8_prev_char (limit); p > floor; p = g_utf8_prev_char (p))
      for (guint m = 0; classes[c].marks[m] != NULL; m++)
        if (strncmp (p, classes[c].marks[m], strlen (classes[c].marks[m])) == 0)
          {
            *cut = (gsize) (p - text) + strlen (classes[c].marks[m]);
            return classes[c].reason;
          }
  *cut = (gsize) (limit - text);
  return "length";
}

/* A clause, cut into pieces of at most CM_SEGMENTER_MAX_CLAUSE_CHARS
 * at the best boundaries (a 10 MB Chinese line without "。" was once one
 * 3.3-million-character clause). Each piece but the last says why it was
 * cut; only the first carries the marker. FALSE when nothing was emitted. */
static gboolean
emit (Emitter             *emitter,
      gsize                start,
      gsize                end,
      CmClauseKind         kind,
      guint                level,
      const char          *marker,
      const char * const  *path,
      gboolean             count_language)
{
  gboolean first = FALSE, last;
  const char *reason;
  gsize cut;

  cm_segmenter_trim (emitter->text, &start, &end);
  while ((reason = find_cut (emitter->text, start, end, &cut)) != NULL)
    {
      gboolean piece = emit_piece (emitter, start, cut, kind, level, first ? NULL : marker, path,
                                   count_language, reason);
      first = first || piece;
      start = cut;
    }
  last = emit_piece (emitter, start, end, kind, level, first ? NULL : marker, path,
                     count_language, NULL);
  return first || last;
}

static void
emit_sentences (Emitter            *emitter,
                GArray             *ends,
                gboolean            newline_ends,
                gsize               start,
                gsize               content,
                gsize               end,
                CmClauseKind        kind,
                guint               level,
                const char         *marker,
                const char * const *path,
                CmGranularity       granularity)
{
  gsize from = start;

  if (granularity == CM_GRANULARITY_PARAGRAPH)
    {
      emit (emitter, start, end, kind, level, marker, path, TRUE);
      return;
    }
  g_array_set_size (ends, 0);
  /* The marker ("a.", "2.2.4.") never ends a sentence. */
  cm_sentence_split (emitter->text, content, end, newline_ends, ends);
  for (guint i = 0; i < ends->len; i++)
    {
      gsize to = g_array_index (ends, guint, i);

      /* Only the first sentence of a list item carries its marker. */
      if (emit (emitter, from, to, kind, level, from == start ? marker : NULL, path, TRUE))
        from = to;
    }
}

/* The first paragraph that is not boilerplate: where a title can be. */
static guint
first_policy_paragraph (GArray *paragraphs)
{
  for (guint i = 0; i < paragraphs->len; i++)
    if (!g_array_index (paragraphs, Paragraph, i).boilerplate)
      return i;
  return paragraphs->len;
}

/* A heading's text for heading paths: its lines joined by one space
 * ("- 1.1" on one line and its title on the next). */
static char *
dup_title (const char *text,
           gsize       length)
{
  GString *title = g_string_sized_new (length);
  gboolean in_space = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n' || text[i] == '\t' || text[i] == ' ' || text[i] == '\r')
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && title->len > 0)
        g_string_append_c (title, ' ');
      in_space = FALSE;
      g_string_append_c (title, text[i]);
    }
  return g_string_free (title, FALSE);
}

/* Whether @entry (a numbered list item) continues the numbering of an
 * open heading of its family. */
static gboolean
continues_open_heading (Stack            *stack,
                        const StackEntry *entry)
{
  for (guint i = 0; i < stack->depth; i++)
    if (stack->entries[i].heading && stack->entries[i].family == entry->family
        && stack->entries[i].value + 1 == entry->value)
      return TRUE;
  return FALSE;
}

/* The title of a heading that runs on into its text: up to the first
 * comma, colon or sentence end. */
static char *
dup_title_of_run_on (const char *text,
                     gsize       length)
{
  static const char *const stops[] = { "，", "。", "：", "；", ", ", ". ", ": ", "; " };
  gsize end = length;

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      const char *found = cm_find_bytes (text, end, stops[i]);

      if (found != NULL)
        end = found - text;
    }
  return dup_title (text, end);
}

static void
segment_paragraph (Emitter         *emitter,
                   Stack           *stack,
                   GArray          *paragraphs,
                   guint            index,
                   GArray          *ends,
                   CmGranularity    granularity)
{
  const char *text = emitter->text;
  /* A copy: resolving a marker changes it, and the paragraphs stay as
   * classified for another pass (cm_segmentation_emit()). */
  Paragraph copy = g_array_index (paragraphs, Paragraph, index);
  Paragraph *para = &copy;
  CmNumbering *numbering = &para->numbering;
  gboolean heading = para->heading;
  gboolean list_item;
  StackEntry entry = { 0, };
  g_autofree char *marker = NULL;
  guint level;

  if (para->boilerplate)
    {
      emit (emitter, para->start, para->end, CM_CLAUSE_KIND_BOILERPLATE, 0, NULL,
            stack_heading_path (stack, G_MAXUINT), FALSE);
      return;
    }

  if (para->numbered)
    {
      resolve_roman_or_latin (text, stack, para);
      marker = g_strndup (text + para->start + numbering->marker_offset,
                          numbering->marker_length);
      entry.family = cm_numbering_family (numbering);
      entry.ordered = (numbering->style == CM_NUMBERING_STYLE_DECIMAL
                       || numbering->style == CM_NUMBERING_STYLE_MARKDOWN
                       || numbering->wrap == CM_NUMBERING_WRAP_ARTICLE);
      entry.order_kind = numbering->wrap == CM_NUMBERING_WRAP_ARTICLE ? 3
                         : numbering->style == CM_NUMBERING_STYLE_MARKDOWN ? 1 : 2;
      entry.order_depth = numbering->depth;
      entry.value = numbering->value;
      /* The next number after an open list item is a list item too
       * ("2." after the list item "1."); a "1." starts something new. */
      for (guint i = 0; heading && i < stack->depth; i++)
        if (!stack->entries[i].heading && stack->entries[i].family == entry.family
            && stack->entries[i].value + 1 == entry.value)
          heading = FALSE;
    }
  if (para->has_hint && para->hint_kind == CM_BLOCK_HEADING)
    {
      entry.family = FAMILY_HINT + para->hint_level;
      entry.ordered = TRUE;
      entry.order_kind = 1;
      entry.order_depth = para->hint_level;
    }
  else if (para->has_hint && para->hint_kind == CM_BLOCK_LIST_ITEM && !para->numbered)
    entry.family = FAMILY_LIST_HINT + para->hint_level;
  else if (!para->numbered)
    {
      /* An unnumbered "heading" needs text under it. */
      if (heading && index + 1 >= paragraphs->len)
        heading = FALSE;
      entry.family = (heading && index == emitter->title_paragraph) ? FAMILY_TITLE
                                                                    : FAMILY_UNNUMBERED;
    }
  list_item = !heading && (para->numbered
                           || (para->has_hint && para->hint_kind == CM_BLOCK_LIST_ITEM));

  if (heading)
    {
      const char * const *path;

      entry.heading = TRUE;
      entry.title = dup_title (text + para->start, para->end - para->start);
      level = stack_place (stack, &entry);
      path = stack_heading_path (stack, level - 1);
      emit (emitter, para->start, para->end, CM_CLAUSE_KIND_HEADING, level, marker, path, TRUE);
      return;
    }
  if (list_item)
    {
      /* The next number of an open heading ("二、" after the heading
       * "一、") is that heading's sibling even when its title runs on into
       * its text (a wall of text): it takes the section's place. */
      entry.heading = para->numbered && continues_open_heading (stack, &entry);
      if (entry.heading)
        entry.title = dup_title_of_run_on (text + para->start, para->end - para->start);
      level = stack_place (stack, &entry);
      emit_sentences (emitter, ends, para->has_hint, para->start,
                      para->start + (para->numbered ? numbering->content_offset : 0), para->end,
                      CM_CLAUSE_KIND_LIST_ITEM, level, marker,
                      stack_heading_path (stack, entry.heading ? level - 1 : G_MAXUINT),
                      granularity);
      return;
    }
  emit_sentences (emitter, ends, para->has_hint, para->start, para->start, para->end,
                  CM_CLAUSE_KIND_BODY, 0,
                  NULL, stack_heading_path (stack, G_MAXUINT), granularity);
}

/* Lines the loader hinted as page junk (a page's menus, a PDF's running
 * headers) are boilerplate whatever they say. */
static void
mark_hinted_boilerplate (const CmLine      *lines,
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

struct _CmSegmentation
{
  CmDocument *document;
  GArray     *paragraphs;
};

/**
 * cm_segmentation_new:
 *
 * The first steps of segmenting @document's text (lines, boilerplate,
 * paragraphs and their classes), done once for any number of
 * cm_segmentation_emit() passes. @document must outlive it.
 */
CmSegmentation *
cm_segmentation_new (CmDocument        *document,
                     const CmBlockHint *blocks,
                     guint              n_blocks)
{
  const char *text;
  gsize size;
  g_autofree CmLine *lines = NULL;
  g_autofree gboolean *boilerplate = NULL;
  CmSegmentation *self;
  guint n_lines = 0;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (n_blocks == 0 || blocks != NULL, NULL);

  text = cm_document_get_text (document);
  size = cm_document_get_text_size (document);
  lines = cm_segmenter_split_lines (text, size, &n_lines);
  boilerplate = g_new0 (gboolean, n_lines + 1);
  cm_boilerplate_mark_lines (text, lines, n_lines, boilerplate);
  mark_hinted_boilerplate (lines, n_lines, blocks, n_blocks, boilerplate);
  self = g_new0 (CmSegmentation, 1);
  self->document = document;
  self->paragraphs = build_paragraphs (text, lines, n_lines, boilerplate, blocks, n_blocks);
  g_clear_pointer (&lines, g_free);
  g_clear_pointer (&boilerplate, g_free);
  classify_paragraphs (text, self->paragraphs);
  return self;
}

void
cm_segmentation_free (CmSegmentation *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->paragraphs);
  g_free (self);
}

/**
 * cm_segmentation_emit:
 * @func: (nullable): gets each clause, in text order (transfer full); %NULL
 *   only counts
 * @summary: (out caller-allocates): the totals
 *
 * Makes the clauses cm_segment_document() makes (the same ids, heading
 * paths and languages) and hands them to @func instead of keeping them:
 * a streaming pipeline runs it once without @func, to learn what it must
 * write before the first clause, then once with it.
 */
void
cm_segmentation_emit (CmSegmentation   *self,
                      CmGranularity     granularity,
                      CmSegmentFunc     func,
                      gpointer          user_data,
                      CmSegmentSummary *summary)
{
  GArray *paragraphs;
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  Emitter emitter = { 0, };
  Stack stack = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  paragraphs = self->paragraphs;
  emitter.text = cm_document_get_text (self->document);
  emitter.func = func;
  emitter.user_data = user_data;
  emitter.summary = summary;
  emitter.title_paragraph = first_policy_paragraph (paragraphs);
  for (guint i = 0; i < paragraphs->len; i++)
    segment_paragraph (&emitter, &stack, paragraphs, i, ends, granularity);
  stack_clear (&stack);
  g_clear_object (&emitter.last);
  summary->language = cm_script_counts_language (&emitter.document_counts);
}

static void
collect_clause (CmClause *clause,
                gpointer  user_data)
{
  g_ptr_array_add (user_data, clause);
}

void
cm_segment_document (CmDocument        *document,
                     const CmBlockHint *blocks,
                     guint              n_blocks,
                     CmGranularity      granularity)
{
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CmSegmentation) segmentation = NULL;
  CmSegmentSummary summary;

  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (n_blocks == 0 || blocks != NULL);

  segmentation = cm_segmentation_new (document, blocks, n_blocks);
  cm_segmentation_emit (segmentation, granularity, collect_clause, clauses, &summary);
  g_clear_pointer (&segmentation, cm_segmentation_free);
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  cm_document_set_granularity (document, granularity);
  cm_document_set_language (document, summary.language);
}
