/* cm-loader-markdown.c — Markdown-ish text: markers out, structure kept
 *
 * Scraped policies often arrive as "Markdown-ish" text: `#` headings,
 * `- ` / `* ` / `+ ` bullets (often in front of the policy's own numbering,
 * as in "- 1.1"), `**bold**` runs. The markers go, so they never pollute a
 * clause's text, and leave hints: headings with their level, list items with
 * their nesting depth (from the indentation). The policy's own numbering
 * ("1.1", "1、", "(1)") stays in the text: the segmenter reads it.
 *
 * Works on text the normaliser already cleaned (LF line ends, no trailing
 * blanks), and keeps it clean while stripping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>

#include "cm-loader-private.h"

typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  GArray       *list_indents;  /* of guint: indent columns of open list levels */
  gsize         item_start;    /* G_MAXSIZE: no list item open */
  gsize         item_end;
  guint         item_level;
  gboolean      in_item;
} MdState;

static gboolean
is_blank_char (char c)
{
  return c == ' ' || c == '\t';
}

/* Indentation in columns (a tab counts 4) and its length in bytes. */
static guint
measure_indent (const char *line,
                gsize       len,
                gsize      *bytes)
{
  guint columns = 0;
  gsize i = 0;

  for (; i < len && is_blank_char (line[i]); i++)
    columns += line[i] == '\t' ? 4 - columns % 4 : 1;
  *bytes = i;
  return columns;
}

/* Appends @content without bold markers: runs of two or more '*' anywhere,
 * and "__" pairs around non-blank text (single '_' and long runs of them are
 * fill-in blanks in Chinese forms, so they stay). */
void
cm_loader_append_unbolded (GString    *out,
                           const char *content,
                           gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      char c = content[i];

      if (c == '*' && i + 1 < len && content[i + 1] == '*')
        {
          while (i < len && content[i] == '*')
            i++;
          continue;
        }
      if (c == '_' && i + 2 < len && content[i + 1] == '_'
          && content[i + 2] != '_' && !is_blank_char (content[i + 2])
          && (i == 0 || content[i - 1] != '_'))
        {
          /* Look for the closing "__" on the same line. */
          for (gsize j = i + 3; j + 1 < len; j++)
            if (content[j] == '_' && content[j + 1] == '_'
                && (j + 2 >= len || content[j + 2] != '_'))
              {
                if (!is_blank_char (content[j - 1]))
                  {
                    g_string_append_len (out, content + i + 2, j - i - 2);
                    i = j + 2;
                    goto next;
                  }
                break;
              }
        }
      g_string_append_c (out, c);
      i++;
    next:
      ;
    }
}

/* Appends one output line (markers already removed from @content) and its
 * newline; returns the [start, end) of its text in the output. Trailing
 * blanks are dropped and blank lines never pile up. */
static void
emit_line (MdState    *s,
           const char *content,
           gsize       len,
           gsize      *start,
           gsize      *end)
{
  GString *out = s->out;

  *start = out->len;
  cm_loader_append_unbolded (out, content, len);
  while (out->len > *start && is_blank_char (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  *end = out->len;

  if (*end > *start)
    {
      g_string_append_c (out, '\n');
      return;
    }
  /* A blank line: at most one in a row, none at the start. */
  if (out->len > 0 && !(out->len >= 2 && out->str[out->len - 1] == '\n'
                        && out->str[out->len - 2] == '\n'))
    g_string_append_c (out, '\n');
  *start = *end = out->len;
}

static void
close_item (MdState *s)
{
  if (s->in_item && s->item_start != G_MAXSIZE)
    cm_loader_add_hint (s->loaded, s->item_start, s->item_end,
                        CM_BLOCK_LIST_ITEM, s->item_level);
  s->in_item = FALSE;
  s->item_start = G_MAXSIZE;
}

/* Nesting depth of a bullet at @indent columns: deeper than the open level
 * above it nests, shallower closes levels. */
static guint
list_level_for_indent (MdState *s,
                       guint    indent)
{
  GArray *stack = s->list_indents;

  while (stack->len > 0 && g_array_index (stack, guint, stack->len - 1) > indent)
    g_array_set_size (stack, stack->len - 1);
  if (stack->len == 0 || g_array_index (stack, guint, stack->len - 1) < indent)
    g_array_append_val (stack, indent);
  return stack->len;
}

/* `#`..`######` then a blank (or nothing): returns the level, 0 if not. */
static guint
heading_level (const char *body,
               gsize       len)
{
  guint level = 0;

  while (level < len && body[level] == '#')
    level++;
  if (level == 0 || level > 6 || (level < len && !is_blank_char (body[level])))
    return 0;
  return level;
}

/* `---`, `***`, `___` (three or more, spaces allowed) alone on a line. */
static gboolean
is_thematic_break (const char *body,
                   gsize       len)
{
  char mark = len > 0 ? body[0] : '\0';
  guint count = 0;

  if (mark != '-' && mark != '*' && mark != '_')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (body[i] == mark)
        count++;
      else if (!is_blank_char (body[i]))
        return FALSE;
    }
  return count >= 3;
}

static gboolean
is_bullet (const char *body,
           gsize       len)
{
  return len >= 2 && (body[0] == '-' || body[0] == '*' || body[0] == '+')
         && is_blank_char (body[1]);
}

static gsize
skip_blanks (const char *body,
             gsize       len,
             gsize       i)
{
  while (i < len && is_blank_char (body[i]))
    i++;
  return i;
}

static void
process_line (MdState    *s,
              const char *line,
              gsize       len,
              gboolean    after_blank)
{
  gsize indent_bytes, start, end;
  guint indent = measure_indent (line, len, &indent_bytes);
  const char *body = line + indent_bytes;
  gsize body_len = len - indent_bytes;
  guint level;
  gboolean quoted;

  if (body_len == 0 || is_thematic_break (body, body_len))
    {
      close_item (s);
      emit_line (s, "", 0, &start, &end);
      return;
    }

  /* Block quotes: the '>' markers go, the text stays. */
  quoted = body_len > 0 && body[0] == '>';
  while (body_len > 0 && body[0] == '>')
    {
      gsize skip = skip_blanks (body, body_len, 1);

      body += skip;
      body_len -= skip;
    }

  if (indent < 4 && (level = heading_level (body, body_len)) > 0)
    {
      gsize text_start = skip_blanks (body, body_len, level);
      gsize text_end = body_len;

      /* An optional closing sequence: " ##". */
      while (text_end > text_start && body[text_end - 1] == '#')
        text_end--;
      if (text_end < body_len && text_end > text_start
          && !is_blank_char (body[text_end - 1]))
        text_end = body_len;  /* "C#" is text, not a closing sequence */
      close_item (s);
      g_array_set_size (s->list_indents, 0);
      emit_line (s, body + text_start, text_end - text_start, &start, &end);
      cm_loader_add_hint (s->loaded, start, end, CM_BLOCK_HEADING, level);
      return;
    }

  if (is_bullet (body, body_len))
    {
      gsize text_start = skip_blanks (body, body_len, 1);

      close_item (s);
      s->in_item = TRUE;
      s->item_level = list_level_for_indent (s, indent);
      emit_line (s, body + text_start, body_len - text_start, &start, &end);
      if (end > start)
        {
          s->item_start = start;
          s->item_end = end;
        }
      return;
    }

  if (s->in_item && !after_blank)
    {
      /* A lazy continuation line belongs to the open item. */
      emit_line (s, body, body_len, &start, &end);
      if (end > start)
        {
          if (s->item_start == G_MAXSIZE)
            s->item_start = start;
          s->item_end = end;
        }
      return;
    }

  close_item (s);
  if (indent == 0)
    g_array_set_size (s->list_indents, 0);
  /* A plain line keeps its indentation (the normaliser's contract). */
  if (quoted)
    emit_line (s, body, body_len, &start, &end);
  else
    emit_line (s, line, len, &start, &end);
}

void
cm_loader_parse_markdown (CmLoadedText *loaded,
                          const char   *text,
                          gsize         size)
{
  MdState s = { 0, };
  const char *p = text, *stop = text + size;
  gboolean after_blank = TRUE;
  gboolean ends_with_newline = size > 0 && text[size - 1] == '\n';

  s.loaded = loaded;
  s.out = g_string_sized_new (size + 1);
  s.list_indents = g_array_new (FALSE, FALSE, sizeof (guint));
  s.item_start = G_MAXSIZE;

  while (p < stop)
    {
      const char *nl = memchr (p, '\n', stop - p);
      gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (stop - p);

      process_line (&s, p, len, after_blank);
      after_blank = len == 0;
      p = nl != NULL ? nl + 1 : stop;
    }
  close_item (&s);

  /* Like the normaliser: no trailing blank lines, the final newline only
   * if the text had one. */
  while (s.out->len > 0 && s.out->str[s.out->len - 1] == '\n')
    g_string_truncate (s.out, s.out->len - 1);
  if (ends_with_newline && s.out->len > 0)
    g_string_append_c (s.out, '\n');

  g_array_unref (s.list_indents);
  loaded->size = s.out->len;
  loaded->text = g_string_free (s.out, FALSE);
}

/* The first "**" in p[0..len): memchr() is much faster than the generic
 * g_strstr_len() on long lines without any star. */
static const char *
find_double_star (const char *p,
                  gsize       len)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *star = memchr (p, '*', (gsize) (end - p));

      if (star == NULL || star + 1 >= end)
        return NULL;
      if (star[1] == '*')
        return star;
      p = star + 1;
    }
  return NULL;
}

gboolean
cm_loader_sniff_markdown (const char *text,
                          gsize       size)
{
  const char *p = text, *stop = text + MIN (size, CM_LOADER_SNIFF_SIZE);
  guint headings = 0, bullets = 0, bold = 0, kinds;

  while (p < stop)
    {
      const char *nl = memchr (p, '\n', stop - p);
      gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (stop - p);
      gsize indent_bytes;
      guint indent = measure_indent (p, len, &indent_bytes);
      const char *body = p + indent_bytes;
      gsize body_len = len - indent_bytes;
      const char *first_bold = find_double_star (p, len);

      if (indent < 4 && heading_level (body, body_len) > 0 && body_len > 2)
        headings++;
      else if (is_bullet (body, body_len) && body_len > 2)
        bullets++;
      if (first_bold != NULL
          && find_double_star (first_bold + 2, len - (gsize) (first_bold + 2 - p)) != NULL)
        bold++;
      p = nl != NULL ? nl + 1 : stop;
    }

  /* Bullets alone are common in plain text policies; it takes two kinds of
   * Markdown features, or many of the rarer ones, to call it Markdown. */
  kinds = (headings >= 1) + (bold >= 2) + (bullets >= 3);
  return kinds >= 2 || headings >= 3 || bold >= 5;
}
