/* cm-numbering.h — numbering markers of headings and list items
 *
 * Recognises the marker at the start of a line ("一、", "（三）", "1.2.3",
 * "①", "a.", "Ⅱ.", "(I)", "•", "#"…) and tells what it counts with, the
 * value it stands for and how deep it is. Used by the segmenter to build
 * heading levels, and by the aligner to pair numbered items across
 * languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a marker counts with. */
typedef enum
{
  CM_NUMBERING_STYLE_NONE,
  CM_NUMBERING_STYLE_CHINESE,      /* 一 二 十一 (also 第一章 / 第3条: see is_article) */
  CM_NUMBERING_STYLE_ARABIC,       /* 1 12 ⒈ ⑴ */
  CM_NUMBERING_STYLE_DECIMAL,      /* dotted: 1.2, 1.2.3 (depth >= 2) */
  CM_NUMBERING_STYLE_CIRCLED,      /* ① … ⑳ */
  CM_NUMBERING_STYLE_LATIN_LOWER,  /* a b c */
  CM_NUMBERING_STYLE_LATIN_UPPER,  /* A B C */
  CM_NUMBERING_STYLE_ROMAN_UPPER,  /* I II Ⅱ */
  CM_NUMBERING_STYLE_ROMAN_LOWER,  /* i ii ⅱ */
  CM_NUMBERING_STYLE_BULLET,       /* • ● · ▪ - * and seed 000's lone "l" */
  CM_NUMBERING_STYLE_MARKDOWN,     /* # ## ### : depth is the heading level */
} CmNumberingStyle;

/* How the number is wrapped. */
typedef enum
{
  CM_NUMBERING_WRAP_NONE,          /* 一、 1. 1、 a. Ⅱ. ① • */
  CM_NUMBERING_WRAP_PARENS,        /* (1) （一） (a) (I) ⑴ */
  CM_NUMBERING_WRAP_CLOSE_PAREN,   /* 1) a) */
  CM_NUMBERING_WRAP_ARTICLE,       /* 第一章 第3条 第二部分 Article 5 Section 2 */
} CmNumberingWrap;

typedef struct
{
  CmNumberingStyle style;
  CmNumberingWrap  wrap;
  guint            value;          /* of the last component: 一=1, Ⅱ=2, c=3, ①=1, 1.2.3=3 */
  guint            depth;          /* components: 1.2.3 → 3; # levels; 第X章 1, 节 2,
                                    * 条 3, 款 4; 1 otherwise */
  gsize            marker_offset;  /* bytes before the marker: 0, except for a
                                    * Markdown "- " bullet before a number ("- 1.1") */
  gsize            marker_length;  /* bytes of the marker as written ("1.2", "（三）", "a.") */
  gsize            content_offset; /* bytes from the start to the text after the marker
                                    * and the spaces following it */
  gunichar         suffix;         /* punctuation closing the marker: '.' (also for
                                    * '．'), 0x3001 '、', ')' (also '）'), or 0 */
} CmNumbering;

/* Parses the marker at the very start of @text (no leading spaces):
 * fills @out and returns TRUE, or FALSE when @text does not start with a
 * numbering marker (then @out is cleared to style NONE). A marker must be
 * followed by a space, the end of the text or non-ASCII-letter text, so
 * "e.g." and "2022年" are not markers. */
gboolean    cm_numbering_parse           (const char        *text,
                                          gsize              size,
                                          CmNumbering       *out);

/* A key that is equal for markers of one family: same style, same wrapping,
 * same suffix, same depth for dotted decimals ("1.1" and "2.3" are one
 * family, "1.1.1" another; "（一）" and "(二)" are one family; "1." and
 * "1、" are two, as some policies nest one in the other). */
guint       cm_numbering_family          (const CmNumbering *numbering);

/* The conventional outer-to-inner rank of a family in Chinese and English
 * policies (smaller is outer): # < 第一章 < 一、 < （一） < Ⅰ. < A. < 1. <
 * 1.1 < 1.1.1 < (1) < 1) < ① < a. < (a) < i. < bullets. Documents may
 * order their styles differently; the segmenter uses this only to break
 * ties, the order of appearance comes first. */
guint       cm_numbering_rank            (const CmNumbering *numbering);

/* "chinese", "arabic", "decimal", "circled", "latin-lower", "latin-upper",
 * "roman-upper", "roman-lower", "bullet", "markdown" or "none". */
const char *cm_numbering_style_to_string (CmNumberingStyle   style);

/* The value of a Chinese numeral (一 … 九十九, 〇/零, 百); 0 if invalid. */
guint       cm_numbering_chinese_value   (const char        *text,
                                          gsize              size);
/* The value of an upper- or lower-case Roman numeral in ASCII; 0 if invalid. */
guint       cm_numbering_roman_value     (const char        *text,
                                          gsize              size);

G_END_DECLS
