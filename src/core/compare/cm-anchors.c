/* cm-anchors.c — numbers, ages, durations, dates, e-mails, URLs and names
 *
 * A single left-to-right scan. ASCII runs are classified as e-mail, URL,
 * date, number or name; runs of Chinese numerals only count when a unit
 * follows (十四周岁, 六个月), since bare ones are mostly parts of words
 * (一些, 唯一). After a number the scanner looks at the next few characters
 * for a unit (周岁, 个月, "years old", "months") and before it for an age
 * phrase ("under the age of").
 *
 * Dates are recognised in cm-anchors-dates.c, e-mail addresses and URLs in
 * cm-anchors-web.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-anchors"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cm-anchors-private.h"
#include "cm-numbering.h"

void
cm_anchor_free (CmAnchor *anchor)
{
  if (anchor == NULL)
    return;
  g_free (anchor->value);
  g_free (anchor);
}

const char *
cm_anchor_kind_to_string (CmAnchorKind kind)
{
  switch (kind)
    {
    case CM_ANCHOR_NUMBER: return "number";
    case CM_ANCHOR_AGE: return "age";
    case CM_ANCHOR_DURATION: return "duration";
    case CM_ANCHOR_DATE: return "date";
    case CM_ANCHOR_EMAIL: return "email";
    case CM_ANCHOR_URL: return "url";
    case CM_ANCHOR_NAME: return "name";
    default: break;
    }
  g_return_val_if_reached ("unknown");
}

char *
cm_anchor_dup_key (const CmAnchor *anchor)
{
  g_return_val_if_fail (anchor != NULL, NULL);
  return g_strconcat (cm_anchor_kind_to_string (anchor->kind), ":", anchor->value, NULL);
}

char *
cm_anchor_dup_description (const CmAnchor *anchor)
{
  g_return_val_if_fail (anchor != NULL, NULL);

  switch (anchor->kind)
    {
    case CM_ANCHOR_AGE:
      return g_strdup_printf ("age %s", anchor->value);
    case CM_ANCHOR_DURATION:
      {
        /* "6 month" -> "6 months" */
        gboolean one = g_str_has_prefix (anchor->value, "1 ");
        return g_strdup_printf ("%s%s", anchor->value, one ? "" : "s");
      }
    case CM_ANCHOR_DATE:
      return g_strdup_printf ("date %s", anchor->value);
    case CM_ANCHOR_EMAIL:
      return g_strdup_printf ("e-mail %s", anchor->value);
    case CM_ANCHOR_URL:
      return g_strdup_printf ("URL %s", anchor->value);
    case CM_ANCHOR_NAME:
      return g_strdup_printf ("name “%s”", anchor->value);
    case CM_ANCHOR_NUMBER:
    default:
      return g_strdup_printf ("number %s", anchor->value);
    }
}

/* "6 month" -> "6 months" / "6 个月", in the UI language. */
static char *
dup_duration_display (const char *value)
{
  const char *space = strchr (value, ' ');
  const char *unit = space ? space + 1 : "";
  gulong n = strtoul (value, NULL, 10);
  const char *format;

  if (g_str_equal (unit, "year"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu year", "%lu years", n);
  else if (g_str_equal (unit, "month"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu month", "%lu months", n);
  else if (g_str_equal (unit, "week"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu week", "%lu weeks", n);
  else if (g_str_equal (unit, "day"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu day", "%lu days", n);
  else if (g_str_equal (unit, "workday"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu working day", "%lu working days", n);
  else if (g_str_equal (unit, "hour"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu hour", "%lu hours", n);
  else if (g_str_equal (unit, "minute"))
    format = g_dngettext (GETTEXT_PACKAGE, "%lu minute", "%lu minutes", n);
  else
    return g_strdup (value);
  return g_strdup_printf (format, n);
}

char *
cm_anchor_dup_display (const CmAnchor *anchor)
{
  g_return_val_if_fail (anchor != NULL, NULL);

  switch (anchor->kind)
    {
    case CM_ANCHOR_DURATION:
      return dup_duration_display (anchor->value);
    case CM_ANCHOR_AGE:
      /* TRANSLATORS: an age limit in a policy, e.g. "age 14" */
      return g_strdup_printf (_("age %s"), anchor->value);
    default:
      return g_strdup (anchor->value);
    }
}

/* ---- Chinese numerals ---------------------------------------------- */

static int
chinese_digit (gunichar c)
{
  switch (c)
    {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */ return 0;
    case 0x4E00: /* 一 */ return 1;
    case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */ return 2;
    case 0x4E09: /* 三 */ return 3;
    case 0x56DB: /* 四 */ return 4;
    case 0x4E94: /* 五 */ return 5;
    case 0x516D: /* 六 */ return 6;
    case 0x4E03: /* 七 */ return 7;
    case 0x516B: /* 八 */ return 8;
    case 0x4E5D: /* 九 */ return 9;
    default: return -1;
    }
}

static int
chinese_multiplier (gunichar c)
{
  switch (c)
    {
    case 0x5341: /* 十 */ return 10;
    case 0x767E: /* 百 */ return 100;
    case 0x5343: /* 千 */ return 1000;
    default: return -1;
    }
}

static gboolean
is_chinese_numeral (gunichar c)
{
  return chinese_digit (c) >= 0 || chinese_multiplier (c) > 0;
}

gboolean
cm_anchors_parse_chinese_number (const char *text,
                                 gsize       size,
                                 guint      *value)
{
  const char *p = text, *end = text + size;
  guint total = 0;
  int pending = -1;      /* a digit not yet multiplied */
  gboolean seen = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      int digit = chinese_digit (c), mult = chinese_multiplier (c);

      if (digit >= 0)
        {
          /* 一〇八 style: digits in a row read positionally */
          pending = pending > 0 ? pending * 10 + digit : digit;
        }
      else if (mult > 0)
        {
          /* 十四: a bare 十 means 一十 */
          total += (guint) (pending < 0 ? 1 : pending) * (guint) mult;
          pending = -1;
        }
      else
        return FALSE;
      seen = TRUE;
      p = g_utf8_next_char (p);
    }
  if (!seen)
    return FALSE;
  if (pending > 0)
    total += (guint) pending;
  if (value)
    *value = total;
  return TRUE;
}

/* ---- English number words ------------------------------------------ */

static const char * const small_numbers[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
  "seventeen", "eighteen", "nineteen", NULL
};

static const char * const tens_numbers[] = {
  "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL
};

static int
english_number_word (const char *word,
                     gsize       len)
{
  for (guint i = 0; small_numbers[i]; i++)
    if (strlen (small_numbers[i]) == len && g_ascii_strncasecmp (word, small_numbers[i], len) == 0)
      return (int) i;
  for (guint i = 2; tens_numbers[i]; i++)
    if (strlen (tens_numbers[i]) == len && g_ascii_strncasecmp (word, tens_numbers[i], len) == 0)
      return (int) i * 10;
  return -1;
}

/* ---- the scanner --------------------------------------------------- */

void
cm_anchors_emit (Scanner      *scanner,
                 CmAnchorKind  kind,
                 char         *value,      /* taken */
                 const char   *start,
                 const char   *end)
{
  CmAnchor probe = { kind, value, 0, 0 };
  char *key;
  CmAnchor *anchor;

  /* "1.2" or "(三)" numbering the clause is structure, not content */
  if (start < scanner->marker_end)
    {
      g_free (value);
      return;
    }
  key = cm_anchor_dup_key (&probe);
  if (!g_hash_table_add (scanner->seen, key))
    {
      g_free (value);
      return;
    }
  anchor = g_new0 (CmAnchor, 1);
  anchor->kind = kind;
  anchor->value = value;
  anchor->start = (gsize) (start - scanner->text);
  anchor->end = (gsize) (end - scanner->text);
  g_ptr_array_add (scanner->anchors, anchor);
}

static gboolean
is_run_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("._%+-@:/?#=&~", c) != NULL;
}

typedef struct
{
  const char *word;
  const char *unit;
} UnitWord;

static const UnitWord zh_units[] = {
  { "个工作日", "workday" }, { "工作日", "workday" },
  { "个自然日", "day" }, { "自然日", "day" },
  { "个小时", "hour" }, { "小时", "hour" },
  { "个月", "month" }, { "個月", "month" },
  { "个星期", "week" }, { "星期", "week" }, { "周", "week" },
  { "分钟", "minute" },
  { "天", "day" }, { "日", "day" },
  { NULL, NULL }
};

static const UnitWord en_units[] = {
  { "business days", "workday" }, { "business day", "workday" },
  { "working days", "workday" }, { "working day", "workday" },
  { "work days", "workday" }, { "workdays", "workday" },
  { "years", "year" }, { "year", "year" },
  { "months", "month" }, { "month", "month" },
  { "weeks", "week" }, { "week", "week" },
  { "days", "day" }, { "day", "day" },
  { "hours", "hour" }, { "hour", "hour" },
  { "minutes", "minute" }, { "minute", "minute" },
  { NULL, NULL }
};

/* Looks for a unit after a number ending at @p. Returns the end of the
 * unit, sets *kind and *unit (NULL unit for an age). */
static const char *
match_unit (Scanner      *scanner,
            const char   *p,
            guint         value,
            CmAnchorKind *kind,
            const char  **unit)
{
  const char *end = scanner->end, *q;

  p = skip_spaces (p, end);
  /* "fourteen (14) years": skip a parenthesised repeat */
  if (p < end && *p == '(')
    {
      const char *r = p + 1;
      while (r < end && g_ascii_isdigit (*r))
        r++;
      if (r > p + 1 && r < end && *r == ')')
        p = skip_spaces (r + 1, end);
    }
  if (p < end && *p == '-')
    p++;

  if ((q = match_word (p, end, "周岁", FALSE)) || (q = match_word (p, end, "岁", FALSE)))
    {
      *kind = CM_ANCHOR_AGE;
      *unit = NULL;
      return q;
    }
  if ((q = match_word (p, end, "年", FALSE)))
    {
      if (value >= 1900)
        return NULL;  /* 2022年: a year, not a duration */
      *kind = CM_ANCHOR_DURATION;
      *unit = "year";
      return q;
    }
  for (guint i = 0; zh_units[i].word; i++)
    if ((q = match_word (p, end, zh_units[i].word, FALSE)))
      {
        *kind = CM_ANCHOR_DURATION;
        *unit = zh_units[i].unit;
        return q;
      }
  for (guint i = 0; en_units[i].word; i++)
    if ((q = match_word (p, end, en_units[i].word, TRUE)))
      {
        const char *r = skip_spaces (q, end);
        const char *s;

        if (g_str_equal (en_units[i].unit, "year")
            && ((s = match_word (r, end, "old", TRUE)) || (s = match_word (r, end, "of age", TRUE))))
          {
            *kind = CM_ANCHOR_AGE;
            *unit = NULL;
            return s;
          }
        *kind = CM_ANCHOR_DURATION;
        *unit = en_units[i].unit;
        return q;
      }
  return NULL;
}

/* Is the number starting at @p preceded by an age phrase? */
static gboolean
preceded_by_age_phrase (Scanner    *scanner,
                        const char *p)
{
  static const char * const phrases[] = {
    "age of ", "aged ", "ages of ", "under ", "below ", "younger than ", NULL
  };
  gsize before = (gsize) (p - scanner->text);

  for (guint i = 0; phrases[i]; i++)
    {
      gsize len = strlen (phrases[i]);
      if (before >= len && g_ascii_strncasecmp (p - len, phrases[i], len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Emits the anchor for a number spanning [start, end); returns where the
 * scan continues (after its unit, if it has one). */
static const char *
emit_number (Scanner    *scanner,
             guint       value,
             const char *start,
             const char *end,
             gboolean    digits)
{
  CmAnchorKind kind;
  const char *unit = NULL;
  const char *unit_end = match_unit (scanner, end, value, &kind, &unit);
  gboolean age_phrase = value < 130 && preceded_by_age_phrase (scanner, start);

  /* 8月26日: a day of a month, not a number of days */
  if (unit_end != NULL && g_str_equal (unit ? unit : "", "day")
      && start - scanner->text >= 3 && memcmp (start - 3, "月", 3) == 0)
    return unit_end;
  if (unit_end != NULL)
    {
      /* "children under 14 years" is an age, "within 14 years" is not */
      if (kind == CM_ANCHOR_AGE || (age_phrase && g_str_equal (unit, "year")))
        cm_anchors_emit (scanner, CM_ANCHOR_AGE, g_strdup_printf ("%u", value), start, unit_end);
      else
        cm_anchors_emit (scanner, kind, g_strdup_printf ("%u %s", value, unit), start, unit_end);
      return unit_end;
    }
  if (age_phrase)
    cm_anchors_emit (scanner, CM_ANCHOR_AGE, g_strdup_printf ("%u", value), start, end);
  else if (digits)  /* bare number words and Chinese numerals are too common */
    cm_anchors_emit (scanner, CM_ANCHOR_NUMBER, g_strdup_printf ("%u", value), start, end);
  return end;
}

/* A Latin word written as a name: WPS, QQ, WeChat, iOS, H5. In Chinese
 * text a word of two letters or more with a capital or a digit is one
 * (Cookie, Android, 5G); lower-case words there are borrowed common nouns
 * (pdf, wap, app, cookie) that translations write in many ways, so they
 * would only make nonsense differences. In English text a capitalised
 * word may just start a sentence: names need a capital inside or a digit. */
static gboolean
looks_like_name (Scanner    *scanner,
                 const char *word,
                 gsize       len)
{
  gboolean has_alpha = FALSE, has_digit = FALSE, inner_upper = FALSE, all_upper = TRUE;

  if (len < 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (word[i]))
        has_digit = TRUE;
      else
        {
          has_alpha = TRUE;
          if (!g_ascii_isupper (word[i]))
            all_upper = FALSE;
          else if (i > 0)
            inner_upper = TRUE;
        }
    }
  if (!has_alpha)
    return FALSE;
  if (scanner->chinese)
    return has_digit || g_ascii_isupper (word[0]) || inner_upper;
  return all_upper || inner_upper || has_digit;
}

/* Where the text's own numbering marker ends ("1.2 ", "（三）", "II. "),
 * or the text's start. A bare number ("6个月", "3 months") is content,
 * not a marker, so markers need punctuation or a non-digit numeral. */
static const char *
find_marker_end (const char *text,
                 gsize       size)
{
  CmNumbering numbering;
  const char *p = text, *end = text + size;
  gboolean punctuated = FALSE;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (!cm_numbering_parse (p, (gsize) (end - p), &numbering)
      || numbering.style == CM_NUMBERING_STYLE_NONE)
    return text;
  for (gsize i = 0; i < numbering.marker_length; i++)
    {
      char c = p[numbering.marker_offset + i];
      if (!g_ascii_isdigit (c))
        punctuated = TRUE;
    }
  if (!punctuated)
    return text;
  return p + numbering.marker_offset + numbering.marker_length;
}

/* Classifies the words of an ASCII run that is not an e-mail or URL;
 * returns where the scan continues (a date or unit may reach past @end). */
static const char *
scan_words (Scanner    *scanner,
            const char *start,
            const char *end)
{
  const char *p = start;

  while (p < end)
    {
      const char *w = p, *q;
      guint64 y, m, d;

      if (!is_word_char (*p))
        {
          p++;
          continue;
        }
      while (p < end && is_word_char (*p))
        p++;

      if (g_ascii_isdigit (*w))
        {
          const char *digits_end;
          guint64 value = cm_anchors_parse_digits (w, p, &digits_end);

          if ((q = cm_anchors_match_numeric_date (scanner, w, &y, &m, &d))
                         || (q = cm_anchors_match_day_first_date (scanner, w, &y, &m, &d)))
            {
              cm_anchors_emit_date (scanner, y, m, d, w, q);
              p = q > p ? q : p;
              if (q > end)
                return q;
              continue;
            }
          if (digits_end == p)
            {
              q = emit_number (scanner, (guint) MIN (value, G_MAXUINT), w, p, TRUE);
              if (q > end)
                return q;
              p = q;
              continue;
            }
          /* mixed letters and digits: H5, 5G */
        }
      else
        {
          int number = english_number_word (w, (gsize) (p - w));

          if ((q = cm_anchors_match_month_first_date (scanner, w, (gsize) (p - w), &y, &m, &d)))
            {
              cm_anchors_emit_date (scanner, y, m, d, w, q);
              p = q;
              if (q > end)
                return q;
              continue;
            }
          if (number >= 20 && p + 1 < end && *p == '-')
            {
              /* twenty-four */
              const char *u = p + 1, *v = u;
              int unit;
              while (v < end && g_ascii_isalpha (*v))
                v++;
              unit = english_number_word (u, (gsize) (v - u));
              if (unit > 0 && unit < 10)
                {
                  number += unit;
                  p = v;
                }
            }
          if (number >= 0)
            {
              q = emit_number (scanner, (guint) number, w, p, FALSE);
              if (q > end)
                return q;
              p = q;
              continue;
            }
        }
      if (looks_like_name (scanner, w, (gsize) (p - w)))
        cm_anchors_emit (scanner, CM_ANCHOR_NAME, g_ascii_strdown (w, p - w), w, p);
    }
  return end;
}

static const char *
scan_ascii_run (Scanner    *scanner,
                const char *start,
                const char *end)
{
  if (cm_anchors_try_email (scanner, start, end))
    return end;
  if (memchr (start, '.', (gsize) (end - start)) && cm_anchors_try_url (scanner, start, end))
    return end;
  return scan_words (scanner, start, end);
}

/* The run of ASCII characters that may form an address, URL or word. */
static const char *
ascii_run_end (Scanner    *scanner,
               const char *p)
{
  while (p < scanner->end && is_run_char (*p))
    p++;
  return p;
}

GPtrArray *
cm_anchors_extract (const char *text,
                    gssize      size,
                    const char *language)
{
  Scanner scanner;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (size < 0)
    size = (gssize) strlen (text);
  scanner.text = text;
  scanner.end = text + size;
  scanner.chinese = g_strcmp0 (language, "zh") == 0;
  scanner.marker_end = find_marker_end (text, (gsize) size);
  scanner.anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_anchor_free);
  scanner.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  p = text;
  while (p < scanner.end)
    {
      if ((guchar) *p < 0x80)
        {
          if (is_run_char (*p) && *p != '-' && *p != '/' && *p != ':')
            {
              const char *run_end = ascii_run_end (&scanner, p);
              p = scan_ascii_run (&scanner, p, run_end);
            }
          else
            p++;
          continue;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, scanner.end - p);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              p++;
              continue;
            }
          if (is_chinese_numeral (c))
            {
              const char *q = p;
              guint value;

              while (q < scanner.end && is_chinese_numeral (g_utf8_get_char (q)))
                q = g_utf8_next_char (q);
              if (cm_anchors_parse_chinese_number (p, (gsize) (q - p), &value))
                q = emit_number (&scanner, value, p, q, FALSE);
              p = q;
              continue;
            }
          p = g_utf8_next_char (p);
        }
    }

  g_hash_table_unref (scanner.seen);
  return scanner.anchors;
}
