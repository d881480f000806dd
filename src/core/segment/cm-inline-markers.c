/* cm-inline-markers.c — numbered headings and list items in running text
 *
 * Text copied from a web page or a PDF often loses its line breaks: a
 * heading runs into the sentence before and after it ("……的权利。三、我们
 * 如何使用Cookies（一）Cookie是什么？"), list items follow each other in one
 * line ("情形：1)与国家安全……；2)为应对……；"). Each such marker starts a
 * paragraph of its own, as if the line had been broken before it:
 * - after a sentence end or a colon / semicolon (。！？；：; :), any clear
 *   marker: 一、 （二） 3. 4) ① 第五条 Article 6, and a) after ； or ：;
 * - directly after text (a heading that runs on), only a marker that
 *   continues a numbering seen before (（三） after （二）), a first
 *   "（一）" / "1." right after a heading's title, or a first item whose
 *   second and third follow closely (a table of contents run together:
 *   "目录一、我们如何收集……二、我们如何共享……三、……"; bare markers only);
 * - the date fields of a policy's header ("隐私政策更新日期：2022年2月22日生效
 *   日期：2022年3月1日欢迎您……"): before the field's name, and after its
 *   date when text follows without punctuation;
 * - bullets ("· Microsoft Edge· Mozilla Firefox") when the line holds two
 *   or more of them, each followed by a space.
 * Numbers that merely look like markers ("统一、规范", "第3条规定",
 * "1.5倍") are left alone: a Chinese numeral or an Arabic number in
 * running text must continue its sequence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-segmenter"

#include "config.h"

#include <string.h>

#include "cm-numbering.h"
#include "cm-segmenter-private.h"

/* A marker starts a paragraph only after this many letters or ideographs
 * of the one before it ("一、（一）" is one heading's marker and a
 * sub-marker, "- **1.1.3" one marker in Markdown). */
#define MIN_PIECE_CHARS 2
/* A heading's title runs at most this many code points before a first
 * sub-item ("五、我们如何保护您的个人信息1. 技术保护"). */
#define MAX_RUN_ON_TITLE_CHARS 40
/* Items 2 and 3 of a first item directly after text must follow within
 * this many code points for it to start a list. */
#define CHAIN_WINDOW_CHARS 160

static gboolean
is_strong_punctuation (gunichar c)
{
  switch (c)
    {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0xFF1A: /* ： */
    case ';':
    case ':':
    case '!':
    case '?':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static gboolean
is_closer (gunichar c)
{
  return c == 0xFF09 /* ） */ || c == ')' || c == 0x201D /* ” */ || c == 0x300B /* 》 */
         || c == 0x3011 /* 】 */ || c == 0x300D /* 」 */;
}

static gboolean
is_inline_bullet (gunichar c)
{
  return c == 0x2022 /* • */ || c == 0x25CF /* ● */ || c == 0x00B7 /* · */
         || c == 0x25AA /* ▪ */ || c == 0x25A0 /* ■ */;
}

/* Could a marker start with @c? (A cheap filter before parsing.) */
static gboolean
may_start_marker (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == '(' || c == 0xFF08
         || c == 0x7B2C /* 第 */ || (c >= 0x2460 && c <= 0x249B) || (c >= 'a' && c <= 'z')
         || c == 'A' || c == 'S' || c == 'C' || c == 0x4E00 || c == 0x4E8C || c == 0x4E09
         || c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B
         || c == 0x4E5D || c == 0x5341;
}

/* Bullets followed by a space in text[start, end). */
static guint
count_spaced_bullets (const char *text,
                      gsize       start,
                      gsize       end)
{
  guint n = 0;

  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && is_inline_bullet (g_utf8_get_char (p))
        && g_utf8_next_char (p) < text + end && *g_utf8_next_char (p) == ' ')
      n++;
  return n;
}

static guint
last_value (GHashTable *sequence,
            guint       family)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (sequence, GUINT_TO_POINTER (family)));
}

static void
remember (GHashTable        *sequence,
          const CmNumbering *numbering)
{
  g_hash_table_insert (sequence, GUINT_TO_POINTER (cm_numbering_family (numbering)),
                       GUINT_TO_POINTER (numbering->value));
}

/* Markers clear enough to start an item after a sentence end, ':' or ';'. */
static gboolean
clear_after_punctuation (const CmNumbering *numbering,
                         gunichar           previous)
{
  switch (numbering->style)
    {
    case CM_NUMBERING_STYLE_CHINESE:
    case CM_NUMBERING_STYLE_ARABIC:
    case CM_NUMBERING_STYLE_DECIMAL:
    case CM_NUMBERING_STYLE_CIRCLED:
      return TRUE;
    case CM_NUMBERING_STYLE_ROMAN_UPPER:
      return numbering->wrap == CM_NUMBERING_WRAP_PARENS;
    case CM_NUMBERING_STYLE_LATIN_LOWER:
      /* "；c)提供基础设施……" */
      return numbering->wrap != CM_NUMBERING_WRAP_NONE
             && (previous == 0xFF1B || previous == ';' || previous == 0xFF1A || previous == ':');
    default:
      return FALSE;
    }
}

/* The name of a date field at @q ("更新日期：", "生效时间:"), colon
 * included: where it ends, or NULL. */
static const char *
date_field_name_end (const char *q,
                     const char *end)
{
  static const char * const names[] = {
    "更新日期", "生效日期", "发布日期", "修改日期", "修订日期", "公布日期", "版本日期",
    "更新时间", "生效时间", "发布时间",
  };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      const char *r = q;
      gsize ln = strlen (names[k]);

      if ((gsize) (end - r) < ln || strncmp (r, names[k], ln) != 0)
        continue;
      r += ln;
      while (r < end && *r == ' ')
        r++;
      if (r < end && *r == ':')
        return r + 1;
      if ((gsize) (end - r) >= 3 && strncmp (r, "：", 3) == 0)
        return r + 3;
    }
  return NULL;
}

/* The name of a date field of a policy's header at @p, with up to two
 * words before it ("更新日期：", "本版生效时间:", "最新版本发布日期：",
 * "本次更新发布日期："), colon included: its length in bytes, or 0. */
static gsize
date_field_length (const char *p,
                   const char *end)
{
  static const char * const prefixes[] = {
    "版本", "首次", "本次", "本版", "最近", "最新", "协议", "更新",
  };
  const char *q = p;

  for (guint n = 0; n <= 2; n++)
    {
      const char *name_end = date_field_name_end (q, end);
      guint i;

      if (name_end != NULL)
        return (gsize) (name_end - p);
      for (i = 0; i < G_N_ELEMENTS (prefixes); i++)
        if ((gsize) (end - q) >= strlen (prefixes[i])
            && strncmp (q, prefixes[i], strlen (prefixes[i])) == 0)
          break;
      if (i == G_N_ELEMENTS (prefixes))
        return 0;
      q += strlen (prefixes[i]);
    }
  return 0;
}

/* Is @p right after a space? Fields set apart by spaces on one line
 * ("发布日期：2022年6月16日     生效日期：……") are one line's fields, not text
 * run together. */
static gboolean
after_space (const char *text,
             gsize       start,
             const char *p)
{
  return p > text + start && (p[-1] == ' ' || p[-1] == '\t');
}

/* Could a date field's name start with @c? (A cheap filter.) */
static gboolean
may_start_date_field (gunichar c)
{
  switch (c)
    {
    case 0x7248: /* 版 */
    case 0x9996: /* 首 */
    case 0x672C: /* 本 */
    case 0x6700: /* 最 */
    case 0x66F4: /* 更 */
    case 0x751F: /* 生 */
    case 0x53D1: /* 发 */
    case 0x4FEE: /* 修 */
    case 0x516C: /* 公 */
    case 0x534F: /* 协 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* A date field's name after one of these is part of a sentence ("本政策的
 * 更新日期：……"), and so is a word after its date ("……日起生效"). */
static gboolean
joins_date_field (gunichar c)
{
  return c != 0 && g_utf8_strchr ("的之其该此本起前后至以及或和到止内在&", -1, c) != NULL;
}

/* Can @c be part of a date's value ("2022年 2月22日", "【2022】年【9】月",
 * "2022-05-17", "2022.5.17")? */
static gboolean
is_date_char (gunichar c)
{
  return g_unichar_isdigit (c) || c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */
         || c == 0x65E5 /* 日 */ || c == 0x53F7 /* 号 */ || c == ' ' || c == 0x3010 /* 【 */
         || c == 0x3011 /* 】 */ || c == '[' || c == ']' || c == '-' || c == '/' || c == '.';
}

/* Do items 2 and 3 of @first's family follow @p (where @first was parsed)
 * closely, each after text or punctuation? Only for bare numbers ("一、",
 * "1.", "1、"). */
static gboolean
chain_follows (const char        *p,
               const char        *end,
               const CmNumbering *first)
{
  guint family = cm_numbering_family (first), want = 2, n = 0;
  gunichar previous = 0;

  /* "（1）…；（2）…", "通过①…或②…" inside a sentence is its enumeration,
   * not a list */
  if (first->wrap != CM_NUMBERING_WRAP_NONE || first->style == CM_NUMBERING_STYLE_CIRCLED)
    return FALSE;

  for (const char *q = p + first->content_offset; q < end && n < CHAIN_WINDOW_CHARS;
       q = g_utf8_next_char (q), n++)
    {
      gunichar c = g_utf8_get_char (q);
      CmNumbering next;

      if (may_start_marker (c)
          && (is_han (previous) || is_closer (previous) || is_strong_punctuation (previous))
          && cm_numbering_parse (q, (gsize) (end - q), &next)
          && cm_numbering_family (&next) == family && next.value == want
          && ++want > 3)
        return TRUE;
      if (c != ' ' && c != '\t' && c != 0x3000)
        previous = c;
    }
  return FALSE;
}

/* Markers that may start an item right after text: a number continuing
 * its sequence, a first sub-item shortly after a heading's marker, or a
 * first item of a list run together. */
static gboolean
clear_after_text (const CmNumbering *numbering,
                  GHashTable        *sequence,
                  gunichar           previous,
                  gboolean           after_heading_marker,
                  const char        *p,
                  const char        *end)
{
  guint last = last_value (sequence, cm_numbering_family (numbering));

  /* after a title's last word or closing bracket: not inside a number
   * ("1.2.3"), after markup ("**1.1.3") or in "第3条" */
  if (previous == 0x7B2C /* 第 */
      || !(is_han (previous) || is_closer (previous)
           || (previous < 0x80 && g_ascii_isalpha (previous)
               && numbering->wrap == CM_NUMBERING_WRAP_PARENS)))
    return FALSE;
  switch (numbering->style)
    {
    case CM_NUMBERING_STYLE_CHINESE:
      /* 一 is part of too many words (统一、之一); 二、 after 一、 is not */
      if (numbering->value == 1)
        return (numbering->wrap == CM_NUMBERING_WRAP_PARENS && after_heading_marker)
               || chain_follows (p, end, numbering);
      return last > 0 && numbering->value == last + 1;
    case CM_NUMBERING_STYLE_ARABIC:
    case CM_NUMBERING_STYLE_DECIMAL:
    case CM_NUMBERING_STYLE_CIRCLED:
      if (numbering->value == 1)
        return (after_heading_marker && is_han (previous)) || chain_follows (p, end, numbering);
      return last > 0 && numbering->value == last + 1;
    default:
      return FALSE;
    }
}

void
cm_inline_markers_find (const char *text,
                        gsize       start,
                        gsize       end,
                        GHashTable *sequence,
                        GArray     *cuts)
{
  CmNumbering numbering;
  gboolean bullets;
  gboolean heading_marker = FALSE;   /* the current piece starts with one */
  gunichar previous = 0;             /* the last non-space code point */
  guint chars_in_piece = 0;          /* letters, digits and ideographs */
  guint date_digits = 0;             /* in a date field's value: its digits so far */
  gboolean in_date = FALSE;
  const char *p = text + start;

  g_return_if_fail (text != NULL && sequence != NULL && cuts != NULL);

  if (cm_numbering_parse (p, end - start, &numbering)
      && numbering.style != CM_NUMBERING_STYLE_BULLET
      && numbering.style != CM_NUMBERING_STYLE_MARKDOWN)
    {
      remember (sequence, &numbering);
      heading_marker = TRUE;
      p += numbering.content_offset;
    }
  bullets = count_spaced_bullets (text, start, end) >= 2;

  for (; p < text + end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
      gboolean cut = FALSE;

      if (in_date && !is_date_char (c))
        {
          /* text right after a field's date is not part of the field */
          in_date = FALSE;
          if (date_digits >= 4 && !after_space (text, start, p)
              && (previous == 0x65E5 /* 日 */ || previous == 0x53F7 /* 号 */
                                   || g_unichar_isdigit (previous))
              && (is_han (c) || c == 0x300A /* 《 */ || c == 0x201C /* “ */)
              && !joins_date_field (c))
            {
              guint offset = (guint) (p - text);

              g_array_append_val (cuts, offset);
              chars_in_piece = 0;
              heading_marker = FALSE;
            }
        }
      else if (in_date && g_unichar_isdigit (c))
        date_digits++;
      if (!in_date && may_start_date_field (c) && !joins_date_field (previous)
          && date_field_length (p, text + end) > 0)
        {
          gsize length = date_field_length (p, text + end);

          if (chars_in_piece >= MIN_PIECE_CHARS && !after_space (text, start, p))
            {
              guint offset = (guint) (p - text);

              g_array_append_val (cuts, offset);
              heading_marker = FALSE;
            }
          chars_in_piece = 0;
          in_date = TRUE;
          date_digits = 0;
          /* on to the value (the loop steps past the colon) */
          p += length - 1;
          while ((*p & 0xC0) == 0x80)
            p--;
          previous = 0xFF1A;
          continue;
        }
      if (chars_in_piece >= MIN_PIECE_CHARS)
        {
          if (bullets && is_inline_bullet (c) && g_utf8_next_char (p) < text + end
              && *g_utf8_next_char (p) == ' ')
            cut = TRUE;
          else if (may_start_marker (c)
                   && cm_numbering_parse (p, text + end - p, &numbering)
                   && numbering.content_offset < (gsize) (text + end - p)
                   && numbering.style != CM_NUMBERING_STYLE_BULLET)
            cut = is_strong_punctuation (previous)
                    ? clear_after_punctuation (&numbering, previous)
                    : clear_after_text (&numbering, sequence, previous,
                                        heading_marker && chars_in_piece <= MAX_RUN_ON_TITLE_CHARS,
                                        p, text + end);
        }
      if (cut)
        {
          guint offset = (guint) (p - text);

          g_array_append_val (cuts, offset);
          chars_in_piece = 0;
          heading_marker = !is_inline_bullet (c);
          if (heading_marker)
            {
              remember (sequence, &numbering);
              /* on past the marker: "（二）" holds no other marker */
              p += numbering.content_offset;
              previous = 0;
              if (p >= text + end)
                break;
              c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
            }
        }
      if (g_unichar_isalnum (c))
        chars_in_piece++;
      if (c != ' ' && c != '\t' && c != 0x3000)
        previous = c;
    }
}
