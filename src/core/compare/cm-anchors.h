/* cm-anchors.h — pieces of a clause that survive translation
 *
 * Numbers, ages (14周岁 ~ "14 years old"), durations (6个月 ~ "6 months"),
 * dates, e-mail addresses, URLs and Latin-script names (WPS, QQ, SDK) are
 * written the same way, or in a way we can normalise, in a Chinese policy
 * and its English version. The aligner uses them as evidence that two
 * clauses say the same thing; the difference finder reports those that
 * differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CM_ANCHOR_NUMBER,    /* a number written in digits: "2022", "3" */
  CM_ANCHOR_AGE,       /* an age in years: "14" */
  CM_ANCHOR_DURATION,  /* "<count> <unit>", unit one of year, month, week, day,
                        * workday, hour, minute: "6 month", "15 workday" */
  CM_ANCHOR_DATE,      /* "YYYY-MM-DD" */
  CM_ANCHOR_EMAIL,     /* lower-cased address */
  CM_ANCHOR_URL,       /* lower-cased host (no "www.") and path, no scheme,
                        * no trailing slash: "example.com/privacy" */
  CM_ANCHOR_NAME,      /* lower-cased Latin-script name: "wps", "wechat" */
} CmAnchorKind;

typedef struct
{
  CmAnchorKind kind;
  char        *value;  /* normalised, comparable across languages */
  gsize        start;  /* byte range in the text it was found in */
  gsize        end;
} CmAnchor;

void        cm_anchor_free             (CmAnchor      *anchor);
const char *cm_anchor_kind_to_string   (CmAnchorKind   kind);
/* "kind:value", e.g. "age:14": equal keys mean equal anchors. */
char       *cm_anchor_dup_key          (const CmAnchor *anchor);
/* A phrase for people: "age 14", "6 months", "e-mail a@b.cn". */
char       *cm_anchor_dup_description  (const CmAnchor *anchor);
/* The value for people in the UI language, as reasons show it: a period
 * with its unit in the right number ("6 months", "1 month", "6 个月"), an
 * age; other values as they are. */
char       *cm_anchor_dup_display      (const CmAnchor *anchor);

/* The anchors of a piece of text, in text order, each (kind, value) once.
 * Both scripts are recognised whatever @language says; @language ("zh",
 * "en" or NULL) only decides which Latin words count as names: in Chinese
 * text every Latin word of two letters or more is one, in English text only
 * those written as names are (WPS, WeChat, iOS, H5).
 * Returns a GPtrArray of CmAnchor. */
GPtrArray  *cm_anchors_extract         (const char    *text,
                                        gssize         size,
                                        const char    *language);

/* Value of a number written in Chinese numerals (一百二十, 两, 十四, 〇);
 * FALSE if @text (of @size bytes) is not one. */
gboolean    cm_anchors_parse_chinese_number (const char *text,
                                             gsize       size,
                                             guint      *value);

/* Whether @text gives a telephone number (7 to 15 digits in groups) or a
 * postal address (Chinese: 地址/住所… then a place; English: a street,
 * floor, suite or P.O. box with a number). See cm-anchors-contact.c. */
gboolean    cm_anchors_has_phone       (const char    *text);
gboolean    cm_anchors_has_address     (const char    *text);

G_END_DECLS
