/* cm-language.c — language of a text by its scripts; where a two-language
 * file switches from one version to the other, and splitting it there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-language"

#include "config.h"

#include "cm-error.h"
#include "cm-segmenter.h"
#include "cm-segmenter-private.h"

/* A Han character carries about as much text as three Latin letters (an
 * English word of ~5 letters against a word of ~1.7 characters); counts
 * are compared after that weighting. */
#define LATIN_LETTERS_PER_HAN 3.0
/* Share of the weighted letters one script needs to name the language. */
#define DOMINANT_SHARE 0.6

static inline gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF)     /* kana */
         || (c >= 0x3400 && c <= 0x4DBF)  /* Han extension A */
         || (c >= 0x4E00 && c <= 0x9FFF)  /* Han */
         || (c >= 0xAC00 && c <= 0xD7AF)  /* hangul */
         || (c >= 0xF900 && c <= 0xFAFF)  /* compatibility ideographs */
         || (c >= 0x20000 && c <= 0x3FFFF);
}

static inline gboolean
is_latin_letter (gunichar c)
{
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

#define LETTERS(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, [c + 4] = 1, \
                   [c + 5] = 1, [c + 6] = 1, [c + 7] = 1, [c + 8] = 1, [c + 9] = 1, \
                   [c + 10] = 1, [c + 11] = 1, [c + 12] = 1
static const guint8 ascii_letter[128] = {
  LETTERS ('A'), LETTERS ('A' + 13), LETTERS ('a'), LETTERS ('a' + 13),
};
#undef LETTERS

void
cm_script_counts_add (CmScriptCounts *counts,
                      const char     *text,
                      gsize           size)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + size;

  while (p < end)
    {
      guchar b = *p;
      gunichar c;

      if (b < 0x80)
        {
          counts->latin += ascii_letter[b];
          p++;
          continue;
        }
      /* Decode by hand: this runs over every byte of every document.
       * Lead bytes E4-E9 are U+4E00-U+9FFF, the Han block itself. */
      if (b >= 0xE4 && b <= 0xE9 && p + 2 < end)
        {
          counts->cjk++;
          p += 3;
          continue;
        }
      if (b >= 0xF0 && p + 3 < end)
        {
          c = ((gunichar) (b & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12)
              | ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
          p += 4;
        }
      else if (b >= 0xE0 && p + 2 < end)
        {
          c = ((gunichar) (b & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          p += 3;
        }
      else if (b >= 0xC0 && p + 1 < end)
        {
          c = ((gunichar) (b & 0x1F) << 6) | (p[1] & 0x3F);
          p += 2;
        }
      else
        {
          p++;
          continue;
        }
      if (is_cjk (c))
        counts->cjk++;
      else if (is_latin_letter (c))
        counts->latin++;
    }
}

const char *
cm_script_counts_language (const CmScriptCounts *counts)
{
  double cjk = (double) counts->cjk;
  double latin = (double) counts->latin / LATIN_LETTERS_PER_HAN;
  double share;

  if (counts->cjk == 0 && counts->latin == 0)
    return "und";
  share = cjk / (cjk + latin);
  if (share >= DOMINANT_SHARE)
    return "zh";
  if (share <= 1.0 - DOMINANT_SHARE)
    return "en";
  return "mixed";
}

const char *
cm_detect_language (const char *text,
                    gssize      size)
{
  CmScriptCounts counts = { 0, 0 };

  g_return_val_if_fail (text != NULL || size == 0, "und");

  if (size < 0)
    size = strlen (text);
  cm_script_counts_add (&counts, text, size);
  return cm_script_counts_language (&counts);
}

/* A version must hold this much weighted text (≈ characters of Chinese)
 * and this share of the file to count as one side of a pair, and each side
 * must be this pure; a product name in the other script does not move the
 * switch, stray fragments do not make a pair.
 *
 * Seed 004 shows why: an English policy, then two stray lines of its
 * Chinese version (~150 characters) and a page of Chinese web junk. With
 * the junk recognised as boilerplate and left out of the count, the
 * Chinese side is far below these minimums, so the file is reported as
 * one English document (with two Chinese clauses), not as a pair whose
 * "Chinese version" would be two fragments. */
#define MIN_VERSION_WEIGHT 300.0
#define MIN_VERSION_SHARE 0.15
#define MIN_VERSION_PURITY 0.8

gboolean
cm_language_find_switch_in_lines (const char      *text,
                                  const CmLine    *lines,
                                  guint            n_lines,
                                  const gboolean  *boilerplate,
                                  gsize           *switch_offset,
                                  const char     **first_language,
                                  const char     **second_language)
{
  g_autofree double *zh = g_new0 (double, n_lines + 1);
  g_autofree double *en = g_new0 (double, n_lines + 1);
  double zh_total = 0, en_total = 0, total;
  double best_score = -1;
  guint best_line = 0;
  gboolean best_zh_first = TRUE;
  double first_weight, first_pure, second_weight, second_pure;

  /* Prefix sums of each line's weight in each language. */
  for (guint i = 0; i < n_lines; i++)
    {
      CmScriptCounts counts = { 0, 0 };

      if (boilerplate == NULL || !boilerplate[i])
        cm_script_counts_add (&counts, text + lines[i].start,
                              lines[i].end - lines[i].start);
      zh_total += (double) counts.cjk;
      en_total += (double) counts.latin / LATIN_LETTERS_PER_HAN;
      zh[i + 1] = zh_total;
      en[i + 1] = en_total;
    }
  total = zh_total + en_total;
  if (total <= 0)
    return FALSE;

  /* The switch is the line where "everything before in one language,
   * everything after in the other" agrees best with the text; among equal
   * scores the later line wins, so blank lines stay with the first part. */
  for (guint k = 1; k < n_lines; k++)
    {
      double zh_first = zh[k] + (en_total - en[k]);
      double en_first = en[k] + (zh_total - zh[k]);

      if (zh_first >= best_score)
        {
          best_score = zh_first;
          best_line = k;
          best_zh_first = TRUE;
        }
      if (en_first > best_score)
        {
          best_score = en_first;
          best_line = k;
          best_zh_first = FALSE;
        }
    }
  if (best_line == 0)
    return FALSE;

  if (best_zh_first)
    {
      first_weight = zh[best_line];
      first_pure = first_weight / MAX (zh[best_line] + en[best_line], 1);
      second_weight = en_total - en[best_line];
    }
  else
    {
      first_weight = en[best_line];
      first_pure = first_weight / MAX (zh[best_line] + en[best_line], 1);
      second_weight = zh_total - zh[best_line];
    }
  second_pure = second_weight / MAX (total - zh[best_line] - en[best_line], 1);

  if (first_weight < MIN_VERSION_WEIGHT || second_weight < MIN_VERSION_WEIGHT
      || first_weight < MIN_VERSION_SHARE * total
      || second_weight < MIN_VERSION_SHARE * total
      || first_pure < MIN_VERSION_PURITY || second_pure < MIN_VERSION_PURITY)
    return FALSE;

  if (switch_offset != NULL)
    *switch_offset = lines[best_line].start;
  if (first_language != NULL)
    *first_language = best_zh_first ? "zh" : "en";
  if (second_language != NULL)
    *second_language = best_zh_first ? "en" : "zh";
  return TRUE;
}

gboolean
cm_find_language_switch (const char  *text,
                         gsize        size,
                         gsize       *switch_offset,
                         const char **first_language,
                         const char **second_language)
{
  g_autofree CmLine *lines = NULL;
  g_autofree gboolean *boilerplate = NULL;
  guint n_lines = 0;

  g_return_val_if_fail (text != NULL || size == 0, FALSE);

  lines = cm_segmenter_split_lines (text, size, &n_lines);
  boilerplate = g_new0 (gboolean, n_lines + 1);
  cm_boilerplate_mark_lines (text, lines, n_lines, boilerplate);
  return cm_language_find_switch_in_lines (text, lines, n_lines, boilerplate,
                                           switch_offset, first_language,
                                           second_language);
}

/* The code point offsets of the hints' bounds (start, end, start, end…),
 * read in one pass over @text: the hints are in text order. */
static guint *
hint_char_bounds (const char           *text,
                  gsize                 size,
                  const CmLanguageHint *hints,
                  guint                 n_hints)
{
  guint *bounds = g_new (guint, 2 * (gsize) n_hints);
  const char *p = text;
  guint chars = 0;

  for (guint b = 0; b < 2 * n_hints; b++)
    {
      gsize byte = b % 2 == 0 ? hints[b / 2].start : hints[b / 2].end;
      const char *target = text + MIN (byte, size);

      while (p < target)
        {
          p = g_utf8_next_char (p);
          chars++;
        }
      bounds[b] = chars;
    }
  return bounds;
}

struct _CmDeclaredLanguages
{
  const CmLanguageHint *hints;
  guint                 n_hints;
  guint                *bounds;  /* code-point ranges of the hints */
  guint                 first;   /* the first hint not wholly before the last clause */
};

/**
 * cm_declared_languages_new:
 * @hints: (array length=n_hints): must outlive the result
 *
 * Gives clauses of @document, one at a time and in text order, the
 * language the source declares (see cm_segment_apply_declared_languages()):
 * a streaming pipeline applies it to each clause as it is made.
 */
CmDeclaredLanguages *
cm_declared_languages_new (CmDocument           *document,
                           const CmLanguageHint *hints,
                           guint                 n_hints)
{
  CmDeclaredLanguages *self;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (n_hints == 0 || hints != NULL, NULL);

  self = g_new0 (CmDeclaredLanguages, 1);
  self->hints = hints;
  self->n_hints = n_hints;
  if (n_hints > 0)
    self->bounds = hint_char_bounds (cm_document_get_text (document),
                                     cm_document_get_text_size (document), hints, n_hints);
  return self;
}

void
cm_declared_languages_apply (CmDeclaredLanguages *self,
                             CmClause            *clause)
{
  const CmLanguageHint *hints = self->hints;
  const guint *bounds = self->bounds;
  guint start = cm_clause_get_start (clause), end = cm_clause_get_end (clause);
  guint covered[2] = { 0, 0 };

  while (self->first < self->n_hints && bounds[2 * self->first + 1] <= start)
    self->first++;
  for (guint h = self->first; h < self->n_hints && bounds[2 * h] < end; h++)
    {
      guint overlap = MIN (end, bounds[2 * h + 1]) - MAX (start, bounds[2 * h]);

      if (g_str_equal (hints[h].language, "zh"))
        covered[0] += overlap;
      else if (g_str_equal (hints[h].language, "en"))
        covered[1] += overlap;
    }
  if (2 * covered[0] > end - start)
    cm_clause_set_language (clause, "zh");
  else if (2 * covered[1] > end - start)
    cm_clause_set_language (clause, "en");
}

void
cm_declared_languages_free (CmDeclaredLanguages *self)
{
  if (self == NULL)
    return;
  g_free (self->bounds);
  g_free (self);
}

void
cm_segment_apply_declared_languages (CmDocument           *document,
                                     const CmLanguageHint *hints,
                                     guint                 n_hints)
{
  g_autoptr(CmDeclaredLanguages) declared = NULL;

  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (n_hints == 0 || hints != NULL);

  if (n_hints == 0)
    return;
  declared = cm_declared_languages_new (document, hints, n_hints);
  for (guint c = 0; c < cm_document_get_n_clauses (document); c++)
    cm_declared_languages_apply (declared, cm_document_get_clause (document, c));
}
