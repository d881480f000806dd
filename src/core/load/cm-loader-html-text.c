/* cm-loader-html-text.c — the HTML walker's output: text, line breaks, blocks and hints
 *
 * As cm-loader-html.c walks the page, the visible text is appended here
 * with its spaces collapsed (kept line by line in <pre>), block elements
 * and <br> end lines, and each stretch of text becomes a block for the
 * content scorer (cm-loader-html-score.c): a hinted element's (paragraph,
 * heading, list item), or loose text's. Once scored, the blocks become the
 * hints the segmenter reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cm-loader-html-private.h"

/* Headings set in bold paragraphs ("<p><b>Your rights</b></p>") are this
 * short at most and rank below every <hN>. */
#define MAX_BOLD_HEADING_CHARS 120
#define BOLD_HEADING_LEVEL     6


/* The output length without trailing blanks and newlines. */
gsize
cm_html_content_end (Walker *w)
{
  gsize end = w->out->len;

  while (end > 0 && (cm_html_is_blank_byte (w->out->str[end - 1])
                     || w->out->str[end - 1] == '\n'))
    end--;
  return end;
}

void
cm_html_trim_trailing_blanks (Walker *w)
{
  gsize end = w->out->len;

  while (end > 0 && cm_html_is_blank_byte (w->out->str[end - 1]))
    end--;
  g_string_truncate (w->out, end);
}

static void
append_space (Walker *w)
{
  if (!w->last_was_space)
    g_string_append_c (w->out, ' ');
  w->last_was_space = TRUE;
}

/* Non-blank characters in text[0, size): what link and bold density count. */
guint
cm_html_count_visible_chars (const char *text,
                             gsize       size)
{
  guint n = 0;

  for (gsize i = 0; i < size; i++)
    {
      guchar c = (guchar) text[i];

      n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n';
    }
  return n;
}

/* A bold stretch that is the whole block, short and not a sentence. */
static gboolean
reads_as_bold_heading (const char *text,
                       guint       n_chars,
                       guint       bold_chars)
{
  gsize len = strlen (text);

  if (n_chars == 0 || bold_chars < n_chars || n_chars > MAX_BOLD_HEADING_CHARS)
    return FALSE;
  return len > 0 && strchr (".;,", text[len - 1]) == NULL
         && !g_str_has_suffix (text, "。") && !g_str_has_suffix (text, "；")
         && !g_str_has_suffix (text, "，");
}

/* Ends a stretch of text [start, now) as one block for the scorer. */
static void
end_block (Walker      *w,
           gsize        start,
           CmBlockKind  kind,
           guint        level,
           guint        link_mark,
           guint        bold_mark)
{
  HtmlBlock block = { 0, };
  gsize end = cm_html_content_end (w);

  while (start < end && (cm_html_is_blank_byte (w->out->str[start]) || w->out->str[start] == '\n'))
    start++;
  if (end <= start)
    return;
  block.start = start;
  block.end = end;
  block.kind = kind;
  block.level = level;
  block.n_chars = cm_html_count_visible_chars (w->out->str + start, end - start);
  block.link_chars = MIN (w->link_chars - link_mark, block.n_chars);
  /* Only a block in bold all through can be a bold heading: the copy of
   * its text is made for those alone. */
  if ((kind == CM_BLOCK_PARAGRAPH || kind == (CmBlockKind) G_MAXINT)
      && w->bold_chars - bold_mark >= block.n_chars)
    {
      g_autofree char *text = g_strndup (w->out->str + start, end - start);

      if (reads_as_bold_heading (text, block.n_chars, w->bold_chars - bold_mark))
        {
          block.kind = CM_BLOCK_HEADING;
          block.level = BOLD_HEADING_LEVEL;
        }
    }
  g_array_append_val (w->blocks, block);
}

/* Loose text (a <div>'s, a table row's) is a block of its own, without a
 * hint: the segmenter reads its lines. Its kind is G_MAXINT. */
void
cm_html_end_loose_block (Walker *w)
{
  if (w->loose_start == G_MAXSIZE)
    return;
  end_block (w, w->loose_start, (CmBlockKind) G_MAXINT, 0,
             w->loose_link_mark, w->loose_bold_mark);
  w->loose_start = G_MAXSIZE;
}

static void
end_hint_stretch (Walker   *w,
                  OpenHint *hint)
{
  if (hint->start != G_MAXSIZE)
    end_block (w, hint->start, hint->kind, hint->level, hint->link_mark,
               hint->bold_mark);
}

static void
resume_hint (Walker   *w,
             OpenHint *hint)
{
  hint->start = w->out->len;
  hint->link_mark = w->link_chars;
  hint->bold_mark = w->bold_chars;
}

OpenHint *
cm_html_top_hint (Walker *w)
{
  if (w->open_hints->len == 0)
    return NULL;
  return &g_array_index (w->open_hints, OpenHint, w->open_hints->len - 1);
}

/* A <br>: always a new line, but never more than one blank line. */
void
cm_html_line_break (Walker *w)
{
  OpenHint *open;
  gsize len;

  if (w->cell_depth > 0)
    {
      append_space (w);
      return;
    }
  cm_html_trim_trailing_blanks (w);
  len = w->out->len;
  if (len > 0 && !(len >= 2 && w->out->str[len - 1] == '\n'
                   && w->out->str[len - 2] == '\n'))
    g_string_append_c (w->out, '\n');
  w->last_was_space = TRUE;

  /* "<br><br>" is how many pages separate paragraphs: the element around
   * it becomes two blocks, as two <p> would be. */
  len = w->out->len;
  if (!(len >= 2 && w->out->str[len - 1] == '\n' && w->out->str[len - 2] == '\n'))
    return;
  open = cm_html_top_hint (w);
  if (open != NULL && open->start != G_MAXSIZE)
    {
      end_hint_stretch (w, open);
      resume_hint (w, open);
    }
  else
    cm_html_end_loose_block (w);
}

/* A block boundary: make sure the next text starts a line. */
void
cm_html_block_break (Walker *w)
{
  if (w->cell_depth > 0)
    {
      append_space (w);
      return;
    }
  cm_html_end_loose_block (w);
  cm_html_trim_trailing_blanks (w);
  if (w->out->len > 0 && w->out->str[w->out->len - 1] != '\n')
    g_string_append_c (w->out, '\n');
  w->last_was_space = TRUE;
}

void
cm_html_append_collapsed (Walker     *w,
                          const char *text,
                          gsize       size)
{
  gsize before = w->out->len;
  OpenHint *open = cm_html_top_hint (w);

  if (w->loose_start == G_MAXSIZE && (open == NULL || open->start == G_MAXSIZE))
    {
      w->loose_start = before;
      w->loose_link_mark = w->link_chars;
      w->loose_bold_mark = w->bold_chars;
    }
  cm_loader_append_collapsed (w->out, text, size, &w->last_was_space);
  if (w->link_depth > 0 || w->bold_depth > 0)
    {
      guint n = cm_html_count_visible_chars (w->out->str + before, w->out->len - before);

      if (w->link_depth > 0)
        w->link_chars += n;
      if (w->bold_depth > 0)
        w->bold_chars += n;
    }
}

void
cm_html_append_text (Walker     *w,
                     const char *text)
{
  gsize size = strlen (text);

  if (w->pre_depth == 0 || w->cell_depth > 0)
    {
      cm_html_append_collapsed (w, text, size);
      return;
    }
  /* Preformatted: keep its lines, tidy the spaces within them. */
  for (const char *line = text; line != NULL && line < text + size;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);

      cm_html_append_collapsed (w, line, len);
      if (nl == NULL)
        break;
      cm_html_line_break (w);
      line = nl + 1;
    }
}

void
cm_html_open_hint (Walker      *w,
                   CmBlockKind  kind,
                   guint        level)
{
  OpenHint hint = { 0, kind, level, 0, 0 };
  OpenHint *outer = cm_html_top_hint (w);

  /* The enclosing hinted element ends here (for now). */
  if (outer != NULL)
    {
      end_hint_stretch (w, outer);
      outer->start = G_MAXSIZE;
    }
  cm_html_end_loose_block (w);
  resume_hint (w, &hint);
  g_array_append_val (w->open_hints, hint);
}

void
cm_html_close_hint (Walker *w)
{
  OpenHint hint = *cm_html_top_hint (w);
  OpenHint *outer;

  g_array_set_size (w->open_hints, w->open_hints->len - 1);
  end_hint_stretch (w, &hint);
  cm_html_block_break (w);
  outer = cm_html_top_hint (w);
  if (outer != NULL)
    resume_hint (w, outer);
}


/* Lines a single <br> set apart stay apart when the first one ends like a
 * sentence ("...deleted:", "...days.") or is a short line followed by one
 * that starts afresh ("Email: ...<br>Phone: ..."); a sentence the page
 * wrapped by hand ("we never charge you<br>for it") stays whole. */
#define MAX_BROKEN_LINE_CHARS 60

static gboolean
lines_stand_apart (const char *text,
                   gsize       line_start,
                   gsize       line_end,
                   gsize       next_start)
{
  gunichar next = g_utf8_get_char (text + next_start);
  gunichar last;

  if (line_end <= line_start)
    return FALSE;
  if (cm_loader_ends_sentence (text, line_end))
    return TRUE;
  last = g_utf8_get_char (g_utf8_find_prev_char (text, text + line_end));
  if (last == ',' || last == '-' || last == 0x3001 /* 、 */ || last == 0xFF0C /* ， */)
    return FALSE;
  return !g_unichar_islower (next)
         && g_utf8_strlen (text + line_start, line_end - line_start) < MAX_BROKEN_LINE_CHARS;
}

/* A paragraph's hint, cut where its lines stand apart. */
static void
add_paragraph_hints (Walker          *w,
                     const HtmlBlock *block)
{
  const char *text = w->out->str;
  gsize start = block->start;

  for (const char *nl = memchr (text + start, '\n', block->end - start); nl != NULL;
       nl = memchr (nl + 1, '\n', text + block->end - nl - 1))
    {
      gsize line_end = nl - text, next = line_end + 1;

      while (next < block->end && text[next] == '\n')
        next++;
      if (next < block->end && lines_stand_apart (text, start, line_end, next))
        {
          cm_loader_add_hint (w->loaded, start, line_end, CM_BLOCK_PARAGRAPH, 0);
          start = next;
        }
      if (nl + 1 >= text + block->end)
        break;
    }
  cm_loader_add_hint (w->loaded, start, block->end, CM_BLOCK_PARAGRAPH, 0);
}

/* Hints from the scored blocks: content keeps its kind (loose text none:
 * the segmenter reads its lines), junk is hinted as boilerplate. */
void
cm_html_emit_hints (Walker *w)
{
  for (guint i = 0; i < w->blocks->len; i++)
    {
      const HtmlBlock *block = &g_array_index (w->blocks, HtmlBlock, i);

      if (block->boilerplate)
        {
          cm_loader_add_hint (w->loaded, block->start, block->end,
                              CM_BLOCK_BOILERPLATE, 0);
          cm_loaded_text_note (w->loaded, FALSE,
                               N_("page furniture (menus, headers, footers, link lists, teasers)"),
                               block->n_chars);
        }
      else if (block->kind == CM_BLOCK_PARAGRAPH)
        add_paragraph_hints (w, block);
      else if (block->kind != (CmBlockKind) G_MAXINT)
        cm_loader_add_hint (w->loaded, block->start, block->end,
                            block->kind, block->level);
    }
}

