/* cm-segmenter.c — clause detection: lines, paragraphs, numbering,
 * headings and their paths, sentences, boilerplate, languages
 *
 * One pass over the text: lines are cut, grouped into paragraphs (one
 * per line, or per loader hint, or an English line wrapped mid-sentence
 * joined to the next), each paragraph is classified (heading, list item,
 * body, boilerplate) and, at sentence granularity, cut into sentences.
 * Code-point offsets are counted incrementally as clauses are emitted in
 * text order. Lines and paragraphs are made in cm-segmenter-paragraphs.c,
 * the open outline (heading paths) kept in cm-segmenter-outline.c.
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
            cm_segmenter_stack_heading_path (stack, G_MAXUINT), FALSE);
      return;
    }

  if (para->numbered)
    {
      cm_segmenter_resolve_roman_or_latin (text, stack, para);
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
      level = cm_segmenter_stack_place (stack, &entry);
      path = cm_segmenter_stack_heading_path (stack, level - 1);
      emit (emitter, para->start, para->end, CM_CLAUSE_KIND_HEADING, level, marker, path, TRUE);
      return;
    }
  if (list_item)
    {
      /* The next number of an open heading ("二、" after the heading
       * "一、") is that heading's sibling even when its title runs on into
       * its text (a wall of text): it takes the section's place. */
      entry.heading = para->numbered && cm_segmenter_continues_open_heading (stack, &entry);
      if (entry.heading)
        entry.title = dup_title_of_run_on (text + para->start, para->end - para->start);
      level = cm_segmenter_stack_place (stack, &entry);
      emit_sentences (emitter, ends, para->has_hint, para->start,
                      para->start + (para->numbered ? numbering->content_offset : 0), para->end,
                      CM_CLAUSE_KIND_LIST_ITEM, level, marker,
                      cm_segmenter_stack_heading_path (stack, entry.heading ? level - 1 : G_MAXUINT),
                      granularity);
      return;
    }
  emit_sentences (emitter, ends, para->has_hint, para->start, para->start, para->end,
                  CM_CLAUSE_KIND_BODY, 0,
                  NULL, cm_segmenter_stack_heading_path (stack, G_MAXUINT), granularity);
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
  cm_segmenter_mark_hinted_boilerplate (lines, n_lines, blocks, n_blocks, boilerplate);
  self = g_new0 (CmSegmentation, 1);
  self->document = document;
  self->paragraphs = cm_segmenter_build_paragraphs (text, lines, n_lines, boilerplate, blocks, n_blocks);
  g_clear_pointer (&lines, g_free);
  g_clear_pointer (&boilerplate, g_free);
  cm_segmenter_classify_paragraphs (text, self->paragraphs);
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
  cm_segmenter_stack_clear (&stack);
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
