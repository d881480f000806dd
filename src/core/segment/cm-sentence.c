/* cm-sentence.c — sentences inside a paragraph, Chinese and English
 *
 * Conventions (checked against the CAPP-130 reference splits, see
 * `clausemark-cli segment-eval`):
 * - 。！？ and ! ? end a sentence; closing quotes and brackets after them
 *   stay with the sentence; a run of terminators ("！？") is one end.
 * - ； and ： do not end a sentence inside a line: CAPP-130 keeps
 *   "……的；……的；" enumerations and "以下情形：" lead-ins in one
 *   sentence (1179 of 1224 mid-line ； are not boundaries there). A ； that
 *   ends a line still ends the clause, because lines do.
 * - "……" ends a sentence; a single "…" (an icon name, a trailing-off
 *   quote) does not.
 * - English ". " ends a sentence when the next word starts with a capital,
 *   a digit, a quote or bracket, or Chinese text; not after abbreviations
 *   (e.g. i.e. Inc. Co. Ltd. No. U.S. Mr. Dr. vs. …), initials, or a bare
 *   number ("as follows: 1. Provide"). "etc." ends a sentence only before
 *   a capitalised word. A '.' with no space after it (decimals, URLs,
 *   e-mail addresses, version numbers) never does, except between two
 *   Chinese characters, where it is a half-width 。.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-sentence"

#include "config.h"

#include <string.h>

#include "cm-segmenter-private.h"

/* Bytes that may start a sentence end: ". ! ?", a line break, and the
 * lead bytes of 。！？．…. */
static const guint8 may_end_sentence[256] = {
  ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

static const char *const abbreviations[] = {
  "e.g", "i.e", "inc", "co", "ltd", "no", "nos", "mr", "mrs", "ms", "dr", "vs",
  "st", "jr", "sr", "prof", "corp", "dept", "approx", "art", "arts", "sec",
  "para", "fig", "cf", "al", "u.s", "u.k", "e.u", "p.r.c", "a.m", "p.m", "viz",
  "pp", "vol", "est", "ca", "govt", "op", "cit", "ibid", "incl", "ref", "tel",
  "ph.d", "llc", "plc", "gmbh", "pty", "bros", "jan", "feb", "mar", "apr", "jun",
  "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ave", "rd", "blvd",
  "etc",
};

/* Decodes the code point that ends just before p (p > start). */
static gunichar
char_before (const char *start,
             const char *p)
{
  const char *q = p - 1;

  while (q > start && ((guchar) *q & 0xC0) == 0x80)
    q--;
  return g_utf8_get_char (q);
}

static gunichar
char_at (const char *p,
         const char *end)
{
  if (p >= end)
    return 0;
  if ((guchar) *p < 0x80)
    return (guchar) *p;
  return g_utf8_get_char_validated (p, end - p);
}

static inline gboolean
is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Closing quotes and brackets that stay with the sentence they close. */
static gsize
closer_length (const char *p,
               const char *end)
{
  guchar b = (guchar) *p;

  if (b == '"' || b == '\'' || b == ')' || b == ']')
    return 1;
  if (b == 0xE2 && p + 2 < end && (guchar) p[1] == 0x80
      && ((guchar) p[2] == 0x9D || (guchar) p[2] == 0x99)) /* ” ’ */
    return 3;
  if (b == 0xE3 && p + 2 < end && (guchar) p[1] == 0x80
      && ((guchar) p[2] == 0x8D || (guchar) p[2] == 0x8F   /* 」 』 */
          || (guchar) p[2] == 0x91 || (guchar) p[2] == 0x8B  /* 】 》 */
          || (guchar) p[2] == 0x89))                          /* 〉 */
    return 3;
  if (b == 0xEF && p + 2 < end && (guchar) p[1] == 0xBC && (guchar) p[2] == 0x89) /* ） */
    return 3;
  return 0;
}

/* Length of a terminator that always ends a sentence at p: 。！？ and a
 * full-width ． after a Chinese character. */
static gsize
cjk_terminator_length (const char *start,
                       const char *p,
                       const char *end)
{
  guchar b = (guchar) *p;

  if (p + 3 > end)
    return 0;
  if (b == 0xE3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x82) /* 。 */
    return 3;
  if (b == 0xEF && (guchar) p[1] == 0xBC)
    {
      if ((guchar) p[2] == 0x81 || (guchar) p[2] == 0x9F) /* ！ ？ */
        return 3;
      if ((guchar) p[2] == 0x8E && p > start && is_han (char_before (start, p))) /* ． */
        return 3;
    }
  /* "……" (two ellipses); a lone "…" is an icon or a trailing-off quote. */
  if (b == 0xE2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xA6
      && p + 6 <= end && memcmp (p + 3, "\xE2\x80\xA6", 3) == 0)
    return 6;
  return 0;
}

static gboolean
is_abbreviation (const char *word,
                 gsize       length)
{
  char lower[16];

  if (length == 0 || length > 6)
    return FALSE;  /* the longest abbreviation listed, "approx", has six */
  for (gsize i = 0; i < length; i++)
    lower[i] = g_ascii_tolower (word[i]);
  lower[length] = '\0';
  /* The list is short, but this runs at every ". " of English text:
   * compare the first letter before the whole word. */
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (abbreviations[i][0] == lower[0] && strcmp (lower, abbreviations[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Decides whether the ASCII '.' at p ends an English sentence; next points
 * after the '.' and any closers. */
static gboolean
period_ends_sentence (const char *start,
                      const char *p,
                      const char *next,
                      const char *end)
{
  const char *word = p;
  const char *after = next;
  gunichar following, previous;
  gboolean all_digits = TRUE;
  gsize word_length;

  if (next >= end)
    return TRUE;

  previous = p > start ? char_before (start, p) : 0;
  following = char_at (next, end);
  /* A half-width '.' between Chinese characters is a 。. */
  if (is_han (previous) && (is_han (following) || following == ' '))
    return TRUE;
  if (following != ' ' && following != '\t' && following != 0xA0 && following != 0x3000)
    return FALSE;  /* 3.5, example.com, v1.2.3, "a.b" */

  for (;;)
    {
      if (after < end && (*after == ' ' || *after == '\t'))
        after++;
      else if (after + 1 < end && memcmp (after, "\xC2\xA0", 2) == 0)
        after += 2;
      else if (after + 2 < end && memcmp (after, "\xE3\x80\x80", 3) == 0)
        after += 3;
      else
        break;
    }
  if (after >= end)
    return TRUE;
  following = char_at (after, end);

  /* The word before the '.' (ASCII only; letters, digits and inner dots). */
  while (word > start && (g_ascii_isalnum (word[-1]) || word[-1] == '.'))
    word--;
  word_length = p - word;
  for (gsize i = 0; i < word_length; i++)
    if (!g_ascii_isdigit (word[i]) && word[i] != '.')
      all_digits = FALSE;

  /* "as follows: 1. Provide", "见 2.2.4. 条": a section or list number. */
  if (word_length > 0 && all_digits && (word_length <= 2 || memchr (word, '.', word_length))
      && (word == start || word[-1] == ' ' || word[-1] == '\t' || (guchar) word[-1] >= 0x80))
    return FALSE;
  if (word_length == 1 && g_ascii_isupper (word[0]))
    return FALSE;   /* an initial: "J. Smith" */
  if (word_length == 3 && g_ascii_strncasecmp (word, "etc", 3) == 0)
    return following < 0x80 && g_ascii_isupper (following)
           && after + 1 < end && g_ascii_islower (after[1]);
  if (is_abbreviation (word, word_length))
    return FALSE;

  if (following < 0x80)
    return g_ascii_isupper (following) || g_ascii_isdigit (following)
           || following == '"' || following == '\'' || following == '('
           || following == '[';
  /* Curly quotes, brackets, Chinese text. */
  return following == 0x201C || following == 0x2018 || following == 0xFF08
         || following == 0x3010 || following == 0x300A || is_han (following);
}

/* '!' and '?': a sentence end unless glued to what follows (URLs, "?id="). */
static gboolean
bang_ends_sentence (const char *next,
                    const char *end)
{
  gunichar following;

  if (next >= end)
    return TRUE;
  following = char_at (next, end);
  return !(following < 0x80 && (g_ascii_isalnum (following) || following == '='
                                || following == '&' || following == '/'
                                || following == '_'));
}

/* Whether text[p, end) holds a letter, digit or ideograph: a boundary
 * before nothing but punctuation ("。**", "。）") is no boundary. */
static gboolean
has_word_character (const char *p,
                    const char *end)
{
  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;

      if (b < 0x80)
        {
          if (g_ascii_isalnum (b))
            return TRUE;
          p++;
          continue;
        }
      if (b >= 0xE4 && b <= 0xE9)
        return TRUE;
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (g_unichar_isalnum (c))
        return TRUE;
      p = g_utf8_next_char (p);
    }
  return FALSE;
}

static const char *
skip_closers (const char *p,
              const char *end)
{
  gsize n;

  while (p < end && (n = closer_length (p, end)) > 0)
    p += n;
  return p;
}

void
cm_sentence_split (const char *text,
                   gsize       start,
                   gsize       end,
                   gboolean    newline_ends,
                   GArray     *ends)
{
  const char *p = text + start;
  const char *stop = text + end;
  const char *base = text + start;
  const char *last_end = base;

  while (p < stop)
    {
      guchar b = (guchar) *p;
      const char *next = NULL;
      gboolean boundary = FALSE;

      /* Most bytes (letters, Han characters, continuation bytes) never
       * end a sentence: step over them with one table look-up each. */
      if (!may_end_sentence[b])
        {
          p++;
          continue;
        }
      if (b == '\n' && newline_ends)
        {
          /* Not after a line holding only a marker ("1、" then its text). */
          next = p + 1;
          boundary = has_word_character (last_end, p);
          if (!boundary)
            {
              p++;
              continue;
            }
        }
      else if (b == '\n')
        {
          p++;
          continue;
        }
      else if (b == '.' || b == '!' || b == '?')
        {
          const char *q = p + 1;

          while (q < stop && (*q == '!' || *q == '?'))
            q++;
          next = skip_closers (q, stop);
          boundary = (b == '.') ? period_ends_sentence (base, p, next, stop)
                                : bang_ends_sentence (next, stop);
        }
      else if (b == 0xE3 || b == 0xEF || b == 0xE2)
        {
          gsize n = cjk_terminator_length (base, p, stop);

          if (n > 0)
            {
              const char *q = p + n;
              gsize more;

              /* "！？", "。。" and "。”" stay together. */
              while (q < stop && (more = cjk_terminator_length (base, q, stop)) > 0)
                q += more;
              while (q < stop && (*q == '!' || *q == '?'))
                q++;
              next = skip_closers (q, stop);
              boundary = TRUE;
            }
        }

      if (boundary && next < stop && !has_word_character (next, stop))
        break;
      if (boundary && next < stop)
        {
          /* Only a real sentence before the boundary: not a lone "。". */
          if (next > last_end)
            {
              guint end_offset = next - text;

              g_array_append_val (ends, end_offset);
              last_end = next;
            }
          p = next;
          continue;
        }
      if (next != NULL && next > p)
        p = next;
      else
        p++;
    }
  {
    guint end_offset = end;

    if (ends->len == 0 || g_array_index (ends, guint, ends->len - 1) != end_offset)
      g_array_append_val (ends, end_offset);
  }
}
