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
 *   continues a numbering seen before (（三） after （二）), or a first
 *   "（一）" / "1." right after a heading's title;
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

/* Markers that may start an item right after text: a number continuing
 * its sequence, or a first sub-item shortly after a heading's marker. */
static gboolean
clear_after_text (const CmNumbering *numbering,
                  GHashTable        *sequence,
                  gunichar           previous,
                  gboolean           after_heading_marker)
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
        return numbering->wrap == CM_NUMBERING_WRAP_PARENS && after_heading_marker;
      return last > 0 && numbering->value == last + 1;
    case CM_NUMBERING_STYLE_ARABIC:
    case CM_NUMBERING_STYLE_DECIMAL:
    case CM_NUMBERING_STYLE_CIRCLED:
      if (numbering->value == 1)
        return after_heading_marker && is_han (previous);
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
                                        heading_marker && chars_in_piece <= MAX_RUN_ON_TITLE_CHARS);
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
