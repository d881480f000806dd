/* cm-anchors-private.h — what the anchor scanner's files share
 * (cm-anchors*.c only)
 *
 * The scanner is split by concern:
 *   cm-anchors.c        public API, numerals and number words, units, ages,
 *                       names and the left-to-right scan
 *   cm-anchors-dates.c  dates in digits and with month names
 *   cm-anchors-web.c    e-mail addresses and URLs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "cm-anchors.h"

G_BEGIN_DECLS

typedef struct
{
  const char *text;
  const char *end;
  gboolean    chinese;
  const char *marker_end;  /* the text's own numbering marker ends here */
  GPtrArray  *anchors;
  GHashTable *seen;     /* keys already emitted */
} Scanner;

/* Adds an anchor for [start, end) unless it lies in the text's own
 * numbering marker or its key was emitted before. */
void  cm_anchors_emit (Scanner      *scanner,
                       CmAnchorKind  kind,
                       char         *value,      /* taken */
                       const char   *start,
                       const char   *end);

static inline gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c);
}

static inline const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Does the text at @p start with @word (ASCII case-insensitive, and as a
 * whole word when @whole)? Returns the end of the match or NULL. */
static inline const char *
match_word (const char *p,
            const char *end,
            const char *word,
            gboolean    whole)
{
  gsize len = strlen (word);

  if ((gsize) (end - p) < len || g_ascii_strncasecmp (p, word, len) != 0)
    return NULL;
  if (whole && p + len < end && is_word_char (p[len]))
    return NULL;
  return p + len;
}

/* ---- cm-anchors-dates.c -------------------------------------------- */

/* The value of the digits at @p (saturating past G_MAXUINT32); *out is
 * where they end. */
guint64     cm_anchors_parse_digits           (const char  *p,
                                               const char  *end,
                                               const char **out);
/* 2022年8月26日, 2022-08-26, 2022/8/26, 2022.8.26 at @p, or NULL. */
const char *cm_anchors_match_numeric_date     (Scanner     *scanner,
                                               const char  *p,
                                               guint64     *y,
                                               guint64     *m,
                                               guint64     *d);
/* "August 26, 2022" (month word of @word_len bytes at @p) or NULL. */
const char *cm_anchors_match_month_first_date (Scanner     *scanner,
                                               const char  *p,
                                               gsize        word_len,
                                               guint64     *y,
                                               guint64     *m,
                                               guint64     *d);
/* "26 August 2022" (day digits at @p) or NULL. */
const char *cm_anchors_match_day_first_date   (Scanner     *scanner,
                                               const char  *p,
                                               guint64     *y,
                                               guint64     *m,
                                               guint64     *d);
void        cm_anchors_emit_date              (Scanner     *scanner,
                                               guint64      y,
                                               guint64      m,
                                               guint64      d,
                                               const char  *start,
                                               const char  *end);

/* ---- cm-anchors-web.c ---------------------------------------------- */

/* Emits the e-mail address / URL the ASCII run [start, end) is, if it is
 * one; FALSE otherwise. */
gboolean    cm_anchors_try_email              (Scanner     *scanner,
                                               const char  *start,
                                               const char  *end);
gboolean    cm_anchors_try_url                (Scanner     *scanner,
                                               const char  *start,
                                               const char  *end);

G_END_DECLS
