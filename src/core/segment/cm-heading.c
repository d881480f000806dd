/* cm-heading.c — does a line read like a section title?
 *
 * A title is short, has no sentence-final punctuation, no "label: text"
 * colon and (unless it is short and numbered) no commas; an English one
 * without a number starts with a capital, a long English one is in Title
 * Case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-heading"

#include "config.h"

#include <string.h>

#include "cm-segmenter-private.h"

/* Unnumbered headings: at most this many characters (Chinese) or words
 * (English); numbered ones may be longer. */
#define MAX_HEADING_CJK_CHARS       20
#define MAX_HEADING_WORDS           8
#define MAX_NUMBERED_HEADING_CHARS  30
#define MAX_NUMBERED_HEADING_WORDS  16
/* Far longer than any of the above: not even measured. */
#define MAX_HEADING_BYTES           240

static gboolean
ends_with_sentence_punctuation (const char *text,
                                gsize       start,
                                gsize       end)
{
  static const char *const endings[] = {
    ".", "!", "?", ";", ":", ",", "。", "！", "？", "；", "：", "，", "…",
  };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize n = strlen (endings[i]);

      if (end - start >= n && memcmp (text + end - n, endings[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Counts characters and words of a piece of text, to judge heading size. */
static void
measure (const char *text,
         gsize       start,
         gsize       end,
         guint      *cjk_chars,
         guint      *words)
{
  CmScriptCounts counts = { 0, 0 };
  gboolean in_word = FALSE;

  cm_script_counts_add (&counts, text + start, end - start);
  *cjk_chars = counts.cjk;
  *words = 0;
  for (gsize i = start; i < end; i++)
    {
      gboolean letter = g_ascii_isalnum (text[i]);

      if (letter && !in_word)
        (*words)++;
      in_word = letter;
    }
}

/* A label followed by text ("注册账号：如您需…", "Share with your consent:
 * after obtaining…") or a comma: a sentence, not a title. */
static gboolean
reads_like_sentence (const char *text,
                     gsize       start,
                     gsize       end,
                     gboolean    allow_commas)
{
  static const char *const separators[] = { ":", "：", "；", ";", "。", ",", "，" };
  guint n = allow_commas ? G_N_ELEMENTS (separators) - 2 : G_N_ELEMENTS (separators);

  for (guint i = 0; i < n; i++)
    {
      const char *hit = cm_find_bytes (text + start, end - start, separators[i]);

      if (hit != NULL && (gsize) (hit - text) + strlen (separators[i]) < end)
        return TRUE;
    }
  return ends_with_sentence_punctuation (text, start, end);
}

/* Most longer words capitalised: "How We Share, Transfer and Publicly
 * Disclose Your Personal Data". */
static gboolean
is_title_case (const char *text,
               gsize       start,
               gsize       end)
{
  guint long_words = 0, capitalised = 0;
  gsize i = start;

  while (i < end)
    {
      gsize word = i;

      while (i < end && g_ascii_isalpha (text[i]))
        i++;
      if (i - word > 3)
        {
          long_words++;
          capitalised += g_ascii_isupper (text[word]) != 0;
        }
      if (i == word)
        i++;
    }
  return long_words > 0 && capitalised * 10 >= long_words * 6;
}

gboolean
cm_heading_candidate (const char        *text,
                      gsize              start,
                      gsize              end,
                      const CmNumbering *numbering)
{
  gboolean numbered = numbering != NULL;
  gsize content = start + (numbered ? numbering->content_offset : 0);
  guint cjk, words;

  if (numbered && numbering->style == CM_NUMBERING_STYLE_BULLET)
    return FALSE;
  if (content >= end)
    return numbered;
  /* Far too long to be a title, or ends a sentence: don't even measure it. */
  if (end - content > MAX_HEADING_BYTES || ends_with_sentence_punctuation (text, content, end))
    return FALSE;
  measure (text, content, end, &cjk, &words);
  if (cjk == 0 && words == 0)
    return FALSE;
  /* Commas are fine in a short numbered title ("(I) review, correction
   * and supplement") or a Title Case one ("Ⅳ. How We Share, Transfer and
   * Publicly Disclose Your Personal Data"), not in a sentence. */
  if (reads_like_sentence (text, content, end,
                           numbered && ((cjk <= 15 && words <= 8)
                                        || (cjk == 0 && is_title_case (text, content, end)))))
    return FALSE;
  if (numbered)
    return cjk <= MAX_NUMBERED_HEADING_CHARS && words <= MAX_NUMBERED_HEADING_WORDS
           && (words <= 8 || is_title_case (text, content, end));

  /* Unnumbered: shorter still, and a capital first letter in English. */
  if (cjk > MAX_HEADING_CJK_CHARS || words > MAX_HEADING_WORDS)
    return FALSE;
  if (cjk == 0 && !g_ascii_isupper (text[content]))
    return FALSE;
  return TRUE;
}
