/* cm-numbering.c — numbering markers of headings and list items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-numbering"

#include "config.h"

#include <string.h>

#include "cm-numbering.h"

/* A cursor over a bounded UTF-8 string. */
typedef struct
{
  const char *p;
  const char *end;
} Cursor;

#define CURSOR_END ((gunichar) -1)

static gunichar
cursor_peek (const Cursor *cursor,
             const char  **next)
{
  gunichar c;

  if (cursor->p >= cursor->end)
    return CURSOR_END;
  if ((guchar) cursor->p[0] < 0x80)
    {
      if (next != NULL)
        *next = cursor->p + 1;
      return (guchar) cursor->p[0];
    }
  c = g_utf8_get_char_validated (cursor->p, cursor->end - cursor->p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return CURSOR_END;
  if (next != NULL)
    *next = g_utf8_next_char (cursor->p);
  return c;
}

static gunichar
cursor_take (Cursor *cursor)
{
  const char *next = NULL;
  gunichar c = cursor_peek (cursor, &next);

  if (c != CURSOR_END)
    cursor->p = next;
  return c;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

static void
cursor_skip_spaces (Cursor *cursor)
{
  while (is_space (cursor_peek (cursor, NULL)))
    cursor_take (cursor);
}

static gboolean
is_chinese_digit (gunichar c)
{
  return (c == 0x4E00 /* 一 */ || c == 0x4E8C /* 二 */ || c == 0x4E09 /* 三 */
             || c == 0x56DB /* 四 */ || c == 0x4E94 /* 五 */ || c == 0x516D /* 六 */
             || c == 0x4E03 /* 七 */ || c == 0x516B /* 八 */ || c == 0x4E5D /* 九 */
             || c == 0x5341 /* 十 */ || c == 0x767E /* 百 */ || c == 0x96F6 /* 零 */
             || c == 0x3007 /* 〇 */);
}

static guint
chinese_digit_value (gunichar c)
{
  switch (c)
    {
    case 0x4E00: return 1;
    case 0x4E8C: return 2;
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return 0;
    }
}

guint
cm_numbering_chinese_value (const char *text,
                            gsize       size)
{
  Cursor cursor = { text, text + size };
  guint total = 0;
  guint pending = 0;
  gboolean any = FALSE;
  gunichar c;

  g_return_val_if_fail (text != NULL || size == 0, 0);

  while ((c = cursor_take (&cursor)) != CURSOR_END)
    {
      if (!is_chinese_digit (c))
        return 0;
      any = TRUE;
      if (c == 0x767E) /* 百 */
        {
          total += (pending ? pending : 1) * 100;
          pending = 0;
        }
      else if (c == 0x5341) /* 十 */
        {
          total += (pending ? pending : 1) * 10;
          pending = 0;
        }
      else if (c == 0x96F6 || c == 0x3007) /* 零 〇: a placeholder */
        {
          if (pending)
            return 0;
        }
      else
        {
          if (pending)
            return 0; /* 二三 is not a number */
          pending = chinese_digit_value (c);
        }
    }
  return any ? total + pending : 0;
}

static guint
roman_digit (char c)
{
  switch (g_ascii_toupper (c))
    {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    default: return 0;
    }
}

guint
cm_numbering_roman_value (const char *text,
                          gsize       size)
{
  guint total = 0;
  gboolean upper, lower;

  g_return_val_if_fail (text != NULL || size == 0, 0);

  if (size == 0 || size > 8)
    return 0;
  upper = g_ascii_isupper (text[0]);
  lower = g_ascii_islower (text[0]);
  for (gsize i = 0; i < size; i++)
    {
      guint v = roman_digit (text[i]);
      guint next = i + 1 < size ? roman_digit (text[i + 1]) : 0;

      if (v == 0 || (upper && !g_ascii_isupper (text[i]))
          || (lower && !g_ascii_islower (text[i])))
        return 0;
      if (i + 1 < size && next == 0)
        return 0;
      total = (next > v) ? total - v : total + v;
    }
  /* Reject non-canonical spellings such as "IIII" or "VX" by requiring
   * that no symbol repeats more than three times in a row. */
  for (gsize i = 0; i + 3 < size; i++)
    if (text[i] == text[i + 1] && text[i] == text[i + 2] && text[i] == text[i + 3])
      return 0;
  return (gint) total > 0 ? total : 0;
}

/* Reads 1-3 ASCII (or full-width) digits; 0 digits → FALSE. */
static gboolean
read_arabic (Cursor *cursor,
             guint  *value)
{
  guint n = 0;
  guint v = 0;

  for (;;)
    {
      const char *next = NULL;
      gunichar c = cursor_peek (cursor, &next);
      guint d;

      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 0xFF10 && c <= 0xFF19)
        d = c - 0xFF10;
      else
        break;
      if (++n > 3)
        return FALSE;
      v = v * 10 + d;
      cursor->p = next;
    }
  *value = v;
  return n > 0;
}

static gboolean
read_chinese (Cursor *cursor,
              guint  *value)
{
  const char *start = cursor->p;
  guint n = 0;

  while (is_chinese_digit (cursor_peek (cursor, NULL)) && n < 5)
    {
      cursor_take (cursor);
      n++;
    }
  if (n == 0)
    return FALSE;
  *value = cm_numbering_chinese_value (start, cursor->p - start);
  return *value > 0;
}

/* One token inside parentheses or before a suffix: a number in any style. */
static gboolean
read_counter (Cursor           *cursor,
              gboolean          allow_latin,
              CmNumberingStyle *style,
              guint            *value)
{
  const char *start = cursor->p;
  gunichar c = cursor_peek (cursor, NULL);

  if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
    {
      *style = CM_NUMBERING_STYLE_ARABIC;
      return read_arabic (cursor, value);
    }
  if (is_chinese_digit (c))
    {
      *style = CM_NUMBERING_STYLE_CHINESE;
      return read_chinese (cursor, value);
    }
  if (c >= 0x2160 && c <= 0x216B) /* Ⅰ … Ⅻ */
    {
      cursor_take (cursor);
      *style = CM_NUMBERING_STYLE_ROMAN_UPPER;
      *value = c - 0x2160 + 1;
      return TRUE;
    }
  if (c >= 0x2170 && c <= 0x217B) /* ⅰ … ⅻ */
    {
      cursor_take (cursor);
      *style = CM_NUMBERING_STYLE_ROMAN_LOWER;
      *value = c - 0x2170 + 1;
      return TRUE;
    }
  if (allow_latin && c < 0x80 && g_ascii_isalpha (c))
    {
      gsize n = 0;

      while (cursor->p < cursor->end && g_ascii_isalpha (*cursor->p) && n < 9)
        {
          cursor->p++;
          n++;
        }
      if (cursor->p < cursor->end && g_ascii_isalpha (*cursor->p))
        return FALSE;
      /* A lone I/i is Roman one; a lone other letter counts in the
       * alphabet; several letters must make a Roman numeral. */
      if (n == 1 && c != 'I' && c != 'i')
        {
          *style = g_ascii_isupper (c) ? CM_NUMBERING_STYLE_LATIN_UPPER
                                       : CM_NUMBERING_STYLE_LATIN_LOWER;
          *value = g_ascii_tolower (c) - 'a' + 1;
          return TRUE;
        }
      *value = cm_numbering_roman_value (start, n);
      *style = g_ascii_isupper (c) ? CM_NUMBERING_STYLE_ROMAN_UPPER
                                   : CM_NUMBERING_STYLE_ROMAN_LOWER;
      return *value > 0;
    }
  return FALSE;
}

/* What may follow a marker: the end, a space, or text that is not a
 * continuation of a word or number ("e.g.", "U.S.", "3.5%", "2022年"). */
static gboolean
marker_may_end_here (const Cursor *cursor,
                     gboolean      allow_upper)
{
  gunichar c = cursor_peek (cursor, NULL);

  if (c == CURSOR_END || is_space (c))
    return TRUE;
  if (c >= '0' && c <= '9')
    return FALSE;
  if (c < 0x80 && g_ascii_islower (c))
    return FALSE;
  if (c < 0x80 && g_ascii_isupper (c))
    return allow_upper;
  if (c == '.' || c == ',' || c == '%' || c == '/' || c == ':' || c == '-')
    return FALSE;
  return TRUE;
}

static gboolean
is_bullet (gunichar c)
{
  switch (c)
    {
    case 0x2022: /* • */
    case 0x25CF: /* ● */
    case 0x00B7: /* · */
    case 0x30FB: /* ・ */
    case 0x25AA: /* ▪ */
    case 0x25A0: /* ■ */
    case 0x25C6: /* ◆ */
    case 0x25C7: /* ◇ */
    case 0x25CB: /* ○ */
    case 0x25E6: /* ◦ */
    case 0x25B6: /* ▶ */
    case 0x25BA: /* ► */
    case 0x2605: /* ★ */
    case 0x2606: /* ☆ */
    case 0x2713: /* ✓ */
    case 0x2714: /* ✔ */
    case 0x27A2: /* ➢ */
    case 0xF0B7: /* Word's private-use bullet */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
finish (Cursor           *cursor,
        const char       *text,
        const char       *marker_end,
        CmNumberingStyle  style,
        CmNumberingWrap   wrap,
        guint             value,
        guint             depth,
        CmNumbering      *out)
{
  out->style = style;
  out->wrap = wrap;
  out->value = value;
  out->depth = depth;
  out->marker_offset = 0;
  out->marker_length = marker_end - text;
  cursor->p = marker_end;
  cursor_skip_spaces (cursor);
  out->content_offset = cursor->p - text;
  out->suffix = 0;
  if (marker_end > text)
    {
      const char *last = g_utf8_find_prev_char (text, marker_end);
      gunichar c = last ? g_utf8_get_char (last) : 0;

      if (c == '.' || c == 0xFF0E)
        out->suffix = '.';
      else if (c == 0x3001)
        out->suffix = 0x3001;
      else if (c == ')' || c == 0xFF09)
        out->suffix = ')';
    }
  return TRUE;
}

static gboolean
is_suffix (gunichar c)
{
  return c == '.' || c == 0xFF0E /* ． */ || c == 0x3001 /* 、 */;
}

static gboolean
is_close_paren (gunichar c)
{
  return c == ')' || c == 0xFF09 /* ） */;
}

static gboolean
parse_article (Cursor      *cursor,
               const char  *text,
               CmNumbering *out)
{
  CmNumberingStyle style;
  guint value, depth;
  gunichar unit;

  cursor_take (cursor); /* 第 */
  if (!read_counter (cursor, FALSE, &style, &value))
    return FALSE;
  if (style != CM_NUMBERING_STYLE_CHINESE && style != CM_NUMBERING_STYLE_ARABIC)
    return FALSE;
  unit = cursor_take (cursor);
  switch (unit)
    {
    case 0x7BC7: /* 篇 */
    case 0x7AE0: /* 章 */
      depth = 1;
      break;
    case 0x90E8: /* 部(分) */
      if (cursor_peek (cursor, NULL) == 0x5206)
        cursor_take (cursor);
      depth = 1;
      break;
    case 0x8282: /* 节 */
      depth = 2;
      break;
    case 0x6761: /* 条 */
      depth = 3;
      break;
    case 0x6B3E: /* 款 */
      depth = 4;
      break;
    default:
      return FALSE;
    }
  if (is_suffix (cursor_peek (cursor, NULL)))
    cursor_take (cursor);
  return finish (cursor, text, cursor->p, style, CM_NUMBERING_WRAP_ARTICLE,
                 value, depth, out);
}

/* "Article 5", "Section 3.", "Chapter 2:": the English 第X条/节/章, with
 * the same depths (a chapter 1, a section 2, an article 3). The word must
 * be capitalised and a space, the end or a capital letter must follow the
 * number ("Article 5 of the GDPR" is a reference, not a heading). */
static gboolean
parse_english_article (Cursor      *cursor,
                       const char  *text,
                       CmNumbering *out)
{
  static const struct { const char *word; guint depth; } words[] = {
    { "Chapter ", 1 }, { "Section ", 2 }, { "Article ", 3 },
  };
  gsize left = cursor->end - cursor->p;
  guint value = 0, depth = 0;
  gunichar c;

  for (guint i = 0; i < G_N_ELEMENTS (words) && depth == 0; i++)
    if (left > strlen (words[i].word)
        && memcmp (cursor->p, words[i].word, strlen (words[i].word)) == 0)
      {
        cursor->p += strlen (words[i].word);
        depth = words[i].depth;
      }
  if (depth == 0 || !read_arabic (cursor, &value))
    return FALSE;
  c = cursor_peek (cursor, NULL);
  if (c == '.' || c == ':')
    {
      cursor_take (cursor);
      c = cursor_peek (cursor, NULL);
    }
  if (c != CURSOR_END && !is_space (c))
    return FALSE;
  {
    Cursor rest = *cursor;

    cursor_skip_spaces (&rest);
    c = cursor_peek (&rest, NULL);
    if (c != CURSOR_END && c < 0x80 && !g_ascii_isupper (c))
      return FALSE;
  }
  return finish (cursor, text, cursor->p, CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_ARTICLE,
                 value, depth, out);
}

static gboolean
parse_parenthesized (Cursor      *cursor,
                     const char  *text,
                     CmNumbering *out)
{
  CmNumberingStyle style;
  guint value;

  cursor_take (cursor); /* ( or （ */
  cursor_skip_spaces (cursor);
  if (!read_counter (cursor, TRUE, &style, &value))
    return FALSE;
  cursor_skip_spaces (cursor);
  if (!is_close_paren (cursor_take (cursor)))
    return FALSE;
  /* "(1)、" happens; the suffix belongs to the marker. */
  if (is_suffix (cursor_peek (cursor, NULL)))
    cursor_take (cursor);
  return finish (cursor, text, cursor->p, style, CM_NUMBERING_WRAP_PARENS,
                 value, 1, out);
}

static gboolean
parse_enclosed_character (gunichar     c,
                          Cursor      *cursor,
                          const char  *text,
                          CmNumbering *out)
{
  CmNumberingStyle style;
  CmNumberingWrap wrap = CM_NUMBERING_WRAP_NONE;
  guint value;

  if (c >= 0x2460 && c <= 0x2473) /* ① … ⑳ */
    {
      style = CM_NUMBERING_STYLE_CIRCLED;
      value = c - 0x2460 + 1;
    }
  else if (c >= 0x2474 && c <= 0x2487) /* ⑴ … ⒇ */
    {
      style = CM_NUMBERING_STYLE_ARABIC;
      wrap = CM_NUMBERING_WRAP_PARENS;
      value = c - 0x2474 + 1;
    }
  else if (c >= 0x2488 && c <= 0x249B) /* ⒈ … ⒛ */
    {
      style = CM_NUMBERING_STYLE_ARABIC;
      value = c - 0x2488 + 1;
    }
  else if (c >= 0x3220 && c <= 0x3229) /* ㈠ … ㈩ */
    {
      style = CM_NUMBERING_STYLE_CHINESE;
      wrap = CM_NUMBERING_WRAP_PARENS;
      value = c - 0x3220 + 1;
    }
  else
    return FALSE;

  cursor_take (cursor);
  if (is_suffix (cursor_peek (cursor, NULL)))
    cursor_take (cursor);
  return finish (cursor, text, cursor->p, style, wrap, value, 1, out);
}

/* 1.  1、  1)  1.2  1.2.3.  一、  一.  一）  a.  a)  II.  Ⅱ.  Ⅱ */
static gboolean
parse_counter_with_suffix (Cursor      *cursor,
                           const char  *text,
                           CmNumbering *out)
{
  CmNumberingStyle style;
  guint value;
  guint depth = 1;
  const char *after_number;
  gunichar c;

  if (!read_counter (cursor, TRUE, &style, &value))
    return FALSE;

  /* Dotted decimals: 1.2, 1.2.3 (components up to three digits). */
  while (style == CM_NUMBERING_STYLE_ARABIC || style == CM_NUMBERING_STYLE_DECIMAL)
    {
      Cursor probe = *cursor;
      guint component;

      c = cursor_take (&probe);
      if (!(c == '.' || c == 0xFF0E) || !read_arabic (&probe, &component))
        break;
      *cursor = probe;
      value = component;
      depth++;
      style = CM_NUMBERING_STYLE_DECIMAL;
      if (depth > 6)
        return FALSE;
    }
  after_number = cursor->p;

  c = cursor_peek (cursor, NULL);
  if (is_suffix (c))
    {
      cursor_take (cursor);
      /* "1.Account" in seed 000: an upper-case word may follow an Arabic
       * number directly; a Latin letter marker needs a space ("U.S."). */
      if (c == '.' && !marker_may_end_here (cursor, style == CM_NUMBERING_STYLE_ARABIC
                                                    || style == CM_NUMBERING_STYLE_DECIMAL))
        return FALSE;
      /* After "、" or "．" anything but another digit may follow. */
      if (c != '.' && g_ascii_isdigit (cursor->p < cursor->end ? *cursor->p : 'x'))
        return FALSE;
      return finish (cursor, text, cursor->p, style, CM_NUMBERING_WRAP_NONE,
                     value, depth, out);
    }
  if (is_close_paren (c))
    {
      cursor_take (cursor);
      return finish (cursor, text, cursor->p, style, CM_NUMBERING_WRAP_CLOSE_PAREN,
                     value, depth, out);
    }
  /* Without a suffix only unambiguous forms count: dotted decimals and
   * the Unicode Roman numerals, followed by a space or non-Latin text. */
  if ((style == CM_NUMBERING_STYLE_DECIMAL
       || (style == CM_NUMBERING_STYLE_ROMAN_UPPER && (guchar) text[0] >= 0x80)
       || (style == CM_NUMBERING_STYLE_ROMAN_LOWER && (guchar) text[0] >= 0x80))
      && marker_may_end_here (cursor, style != CM_NUMBERING_STYLE_DECIMAL || is_space (c)))
    return finish (cursor, text, after_number, style, CM_NUMBERING_WRAP_NONE,
                   value, depth, out);
  return FALSE;
}

static gboolean
parse_bullet (gunichar     c,
              Cursor      *cursor,
              const char  *text,
              CmNumbering *out)
{
  gboolean ascii = (c == '-' || c == '*' || c == '+' || c == 'l');

  if (!ascii && !is_bullet (c))
    return FALSE;
  cursor_take (cursor);
  if (ascii)
    {
      Cursor rest;
      CmNumbering inner;

      /* ASCII bullets need a space after them ("-1" is a number, "lorem"
       * a word), and seed 000's "l" a space and then some text. */
      if (!is_space (cursor_peek (cursor, NULL)))
        return FALSE;
      rest = *cursor;
      cursor_skip_spaces (&rest);
      if (rest.p >= rest.end)
        return FALSE;
      /* Markdown "- 1.1 text": the number is the real marker. */
      if (c != 'l'
          && cm_numbering_parse (rest.p, rest.end - rest.p, &inner)
          && inner.style != CM_NUMBERING_STYLE_BULLET
          && inner.style != CM_NUMBERING_STYLE_MARKDOWN)
        {
          *out = inner;
          out->marker_offset = rest.p - text;
          out->content_offset += rest.p - text;
          return TRUE;
        }
    }
  return finish (cursor, text, cursor->p, CM_NUMBERING_STYLE_BULLET,
                 CM_NUMBERING_WRAP_NONE, 1, 1, out);
}

static gboolean
parse_markdown_heading (Cursor      *cursor,
                        const char  *text,
                        CmNumbering *out)
{
  guint level = 0;

  while (cursor->p < cursor->end && *cursor->p == '#')
    {
      cursor->p++;
      level++;
    }
  if (level > 6 || !is_space (cursor_peek (cursor, NULL)))
    return FALSE;
  return finish (cursor, text, cursor->p, CM_NUMBERING_STYLE_MARKDOWN,
                 CM_NUMBERING_WRAP_NONE, level, level, out);
}

gboolean
cm_numbering_parse (const char  *text,
                    gsize        size,
                    CmNumbering *out)
{
  Cursor cursor = { text, text + size };
  gunichar c;
  gboolean found = FALSE;

  g_return_val_if_fail (text != NULL || size == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  c = cursor_peek (&cursor, NULL);
  if (c == CURSOR_END)
    return FALSE;

  if (c == '#')
    found = parse_markdown_heading (&cursor, text, out);
  else if (c == '(' || c == 0xFF08 /* （ */)
    found = parse_parenthesized (&cursor, text, out);
  else if (c == 0x7B2C /* 第 */)
    found = parse_article (&cursor, text, out);
  else if (c == 'A' || c == 'S' || c == 'C')
    {
      found = parse_english_article (&cursor, text, out);
      if (!found)
        {
          cursor.p = text;
          found = parse_counter_with_suffix (&cursor, text, out);
        }
    }
  else if ((c >= 0x2460 && c <= 0x249B) || (c >= 0x3220 && c <= 0x3229))
    found = parse_enclosed_character (c, &cursor, text, out);
  else if (c == '-' || c == '*' || c == '+' || is_bullet (c))
    found = parse_bullet (c, &cursor, text, out);
  else
    {
      found = parse_counter_with_suffix (&cursor, text, out);
      if (!found && c == 'l')
        {
          cursor.p = text;
          found = parse_bullet (c, &cursor, text, out);
        }
    }

  if (!found)
    memset (out, 0, sizeof *out);
  return found;
}

guint
cm_numbering_family (const CmNumbering *numbering)
{
  guint depth = 0;

  g_return_val_if_fail (numbering != NULL, 0);

  if (numbering->style == CM_NUMBERING_STYLE_DECIMAL
      || numbering->style == CM_NUMBERING_STYLE_MARKDOWN
      || numbering->wrap == CM_NUMBERING_WRAP_ARTICLE)
    depth = MIN (numbering->depth, 15);
  guint suffix = numbering->suffix == '.' ? 1 : numbering->suffix == 0x3001 ? 2
                 : numbering->suffix == ')' ? 3 : 0;

  return ((guint) numbering->style << 12) | (suffix << 8) | ((guint) numbering->wrap << 4) | depth;
}

guint
cm_numbering_rank (const CmNumbering *numbering)
{
  g_return_val_if_fail (numbering != NULL, G_MAXUINT);

  if (numbering->wrap == CM_NUMBERING_WRAP_ARTICLE)
    return 10 + numbering->depth;
  switch (numbering->style)
    {
    case CM_NUMBERING_STYLE_MARKDOWN:
      return numbering->depth;
    case CM_NUMBERING_STYLE_CHINESE:
      return numbering->wrap == CM_NUMBERING_WRAP_NONE ? 20 : 21;
    case CM_NUMBERING_STYLE_ROMAN_UPPER:
      return numbering->wrap == CM_NUMBERING_WRAP_NONE ? 22 : 23;
    case CM_NUMBERING_STYLE_LATIN_UPPER:
      return numbering->wrap == CM_NUMBERING_WRAP_NONE ? 24 : 25;
    case CM_NUMBERING_STYLE_ARABIC:
      if (numbering->wrap == CM_NUMBERING_WRAP_NONE)
        return 30;
      return numbering->wrap == CM_NUMBERING_WRAP_PARENS ? 40 : 41;
    case CM_NUMBERING_STYLE_DECIMAL:
      return 30 + MIN (numbering->depth, 6);
    case CM_NUMBERING_STYLE_CIRCLED:
      return 42;
    case CM_NUMBERING_STYLE_LATIN_LOWER:
      return numbering->wrap == CM_NUMBERING_WRAP_NONE ? 43 : 44;
    case CM_NUMBERING_STYLE_ROMAN_LOWER:
      return numbering->wrap == CM_NUMBERING_WRAP_NONE ? 45 : 46;
    case CM_NUMBERING_STYLE_BULLET:
      return 50;
    case CM_NUMBERING_STYLE_NONE:
    default:
      return G_MAXUINT;
    }
}

const char *
cm_numbering_style_to_string (CmNumberingStyle style)
{
  switch (style)
    {
    case CM_NUMBERING_STYLE_CHINESE: return "chinese";
    case CM_NUMBERING_STYLE_ARABIC: return "arabic";
    case CM_NUMBERING_STYLE_DECIMAL: return "decimal";
    case CM_NUMBERING_STYLE_CIRCLED: return "circled";
    case CM_NUMBERING_STYLE_LATIN_LOWER: return "latin-lower";
    case CM_NUMBERING_STYLE_LATIN_UPPER: return "latin-upper";
    case CM_NUMBERING_STYLE_ROMAN_UPPER: return "roman-upper";
    case CM_NUMBERING_STYLE_ROMAN_LOWER: return "roman-lower";
    case CM_NUMBERING_STYLE_BULLET: return "bullet";
    case CM_NUMBERING_STYLE_MARKDOWN: return "markdown";
    case CM_NUMBERING_STYLE_NONE:
    default: return "none";
    }
}
