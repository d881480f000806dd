/* cm-anchors-dates.c — dates in a clause, in either language
 *
 * 2022年8月26日, 2022-08-26, 2022/8/26, 2022.8.26, "August 26, 2022" and
 * "26 August 2022", all normalised to YYYY-MM-DD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-anchors"

#include "config.h"

#include <string.h>

#include "cm-anchors-private.h"

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december", NULL
};

static int
month_of_word (const char *word,
               gsize       len)
{
  for (guint i = 0; month_names[i]; i++)
    {
      gsize mlen = strlen (month_names[i]);
      /* full names and three-letter abbreviations ("Aug", "Sept") */
      if ((len == mlen || (len >= 3 && len < mlen))
          && g_ascii_strncasecmp (word, month_names[i], len) == 0)
        return (int) i + 1;
    }
  return 0;
}

guint64
cm_anchors_parse_digits (const char  *p,
                         const char  *end,
                         const char **out)
{
  guint64 value = 0;

  while (p < end && g_ascii_isdigit (*p))
    {
      if (value < G_MAXUINT32)
        value = value * 10 + (guint64) (*p - '0');
      p++;
    }
  *out = p;
  return value;
}

static gboolean
valid_date (guint64 y, guint64 m, guint64 d)
{
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* 2022年8月26日, 2022-08-26, 2022/8/26, 2022.8.26 at @p. */
const char *
cm_anchors_match_numeric_date (Scanner    *scanner,
                               const char *p,
                               guint64    *y,
                               guint64    *m,
                               guint64    *d)
{
  const char *end = scanner->end, *q;
  const char *sep2, *sep3;

  *y = cm_anchors_parse_digits (p, end, &q);
  if (q - p != 4)
    return NULL;
  q = skip_spaces (q, end);
  if ((sep2 = match_word (q, end, "年", FALSE)) != NULL)
    {
      const char *r = skip_spaces (sep2, end);
      *m = cm_anchors_parse_digits (r, end, &r);
      r = skip_spaces (r, end);
      if (!(r = match_word (r, end, "月", FALSE)))
        return NULL;
      r = skip_spaces (r, end);
      *d = cm_anchors_parse_digits (r, end, &sep3);
      if (sep3 == r)
        return NULL;
      r = skip_spaces (sep3, end);
      if ((q = match_word (r, end, "日", FALSE)) || (q = match_word (r, end, "号", FALSE)))
        return valid_date (*y, *m, *d) ? q : NULL;
      return NULL;
    }
  if (q < end && (*q == '-' || *q == '/' || *q == '.'))
    {
      char sep = *q;
      const char *r = q + 1;
      *m = cm_anchors_parse_digits (r, end, &q);
      if (q == r || q >= end || *q != sep)
        return NULL;
      r = q + 1;
      *d = cm_anchors_parse_digits (r, end, &q);
      if (q == r)
        return NULL;
      return valid_date (*y, *m, *d) ? q : NULL;
    }
  return NULL;
}

/* "August 26, 2022" (month word at @p) or NULL. */
const char *
cm_anchors_match_month_first_date (Scanner    *scanner,
                                   const char *p,
                                   gsize       word_len,
                                   guint64    *y,
                                   guint64    *m,
                                   guint64    *d)
{
  const char *end = scanner->end, *q, *r;
  int month = month_of_word (p, word_len);

  if (month == 0)
    return NULL;
  q = p + word_len;
  if (q < end && *q == '.')
    q++;
  q = skip_spaces (q, end);
  *d = cm_anchors_parse_digits (q, end, &r);
  if (r == q)
    return NULL;
  /* 1st, 2nd, 26th */
  while (r < end && g_ascii_isalpha (*r))
    r++;
  if (r < end && *r == ',')
    r++;
  r = skip_spaces (r, end);
  *y = cm_anchors_parse_digits (r, end, &q);
  if (q - r != 4)
    return NULL;
  *m = (guint64) month;
  return valid_date (*y, *m, *d) ? q : NULL;
}

/* "26 August 2022" (day digits at @p) or NULL. */
const char *
cm_anchors_match_day_first_date (Scanner    *scanner,
                                 const char *p,
                                 guint64    *y,
                                 guint64    *m,
                                 guint64    *d)
{
  const char *end = scanner->end, *q, *w;
  int month;

  *d = cm_anchors_parse_digits (p, end, &q);
  if (q == p || q - p > 2)
    return NULL;
  q = skip_spaces (q, end);
  w = q;
  while (q < end && g_ascii_isalpha (*q))
    q++;
  if (q == w || (month = month_of_word (w, (gsize) (q - w))) == 0)
    return NULL;
  if (q < end && *q == ',')
    q++;
  q = skip_spaces (q, end);
  w = q;
  *y = cm_anchors_parse_digits (w, end, &q);
  if (q - w != 4)
    return NULL;
  *m = (guint64) month;
  return valid_date (*y, *m, *d) ? q : NULL;
}

void
cm_anchors_emit_date (Scanner    *scanner,
                      guint64     y,
                      guint64     m,
                      guint64     d,
                      const char *start,
                      const char *end)
{
  cm_anchors_emit (scanner, CM_ANCHOR_DATE,
                   g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d),
                   start, end);
}
