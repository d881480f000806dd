/* cm-features-tokens.c — a clause's text cut into units
 *
 * One pass over the UTF-8 text: characters folded (full-width ASCII to
 * ASCII, case, every digit to 0), then cut into units — a word, one CJK
 * character or one punctuation mark — written as normalised text into
 * the scratch, with their byte spans in the source while explaining.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-features"

#include "config.h"

#include <string.h>

#include "cm-features-private.h"

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
         || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* Folds full-width ASCII to ASCII, case and digits. */
static gunichar
fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  else if (c == 0x3000)
    c = ' ';
  if (c < 0x80)
    {
      if (c >= 'A' && c <= 'Z')
        return c + ('a' - 'A');
      if (c >= '0' && c <= '9')
        return '0';
      return c;
    }
  if (g_unichar_isdigit (c))
    return '0';
  return g_unichar_tolower (c);
}

typedef enum
{
  CLASS_SPACE,
  CLASS_CJK,
  CLASS_WORD,
  CLASS_PUNCT,
} CharClass;

/* The class of an already folded character; ASCII and the common CJK
 * block are decided without Unicode tables. */
static inline CharClass
classify (gunichar c)
{
  if (c < 0x80)
    {
      if (c <= ' ' || c == 0x7F)
        return CLASS_SPACE;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
        return CLASS_WORD;
      return CLASS_PUNCT;
    }
  if (c >= 0x4E00 && c <= 0x9FFF)
    return CLASS_CJK;
  if (g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B)
    return CLASS_SPACE;
  if (is_cjk (c) && !g_unichar_ispunct (c))
    return CLASS_CJK;
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CLASS_WORD;
  return CLASS_PUNCT;
}

static inline guint32
put_char (char     *out,
          guint32   len,
          gunichar  c)
{
  if (c < 0x80)
    {
      out[len] = (char) c;
      return len + 1;
    }
  if (c >= 0x800 && c < 0x10000)
    {
      out[len] = (char) (0xE0 | (c >> 12));
      out[len + 1] = (char) (0x80 | ((c >> 6) & 0x3F));
      out[len + 2] = (char) (0x80 | (c & 0x3F));
      return len + 3;
    }
  return len + g_unichar_to_utf8 (c, out + len);
}

/* Cuts @text into units in scratch->norm / scratch->units. */
void
cm_features_tokenise (const CmFeatureConfig *config,
                      CmFeatureScratch      *scratch,
                      const char            *text,
                      gssize                 length)
{
  const char *p = text;
  const char *end = length < 0 ? text + strlen (text) : text + length;
  gboolean in_word = FALSE;
  char *out;
  guint32 len = 0;
  Unit *units;
  guint n_units = 0;
  guint32 *spans = NULL;

  /* Folding at most doubles a character's bytes, and words gain at most
   * one separating space each: write straight into a large enough buffer. */
  g_string_set_size (scratch->norm, 3 * (end - p) + 16);
  out = scratch->norm->str;
  /* At most one unit per input byte. */
  g_array_set_size (scratch->units, end - p);
  units = (Unit *) scratch->units->data;
  if (G_UNLIKELY (scratch->unit_spans != NULL))
    {
      g_array_set_size (scratch->unit_spans, 2 * (end - p));
      spans = (guint32 *) scratch->unit_spans->data;
    }

  while (p < end)
    {
      const char *from = p;
      gunichar c;
      CharClass klass;

      if ((guchar) *p < 0x80)
        c = (guchar) *p++;
      else if (((guchar) p[0] & 0xF0) == 0xE0 && end - p >= 3
               && ((guchar) p[1] & 0xC0) == 0x80 && ((guchar) p[2] & 0xC0) == 0x80
               && (c = (((guchar) p[0] & 0x0F) << 12) | (((guchar) p[1] & 0x3F) << 6)
                       | ((guchar) p[2] & 0x3F)) >= 0x800
               && (c < 0xD800 || c > 0xDFFF))
        /* The three-byte sequences of CJK text, decoded inline. */
        p += 3;
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              /* Invalid byte: a separator, never a crash. */
              p++;
              in_word = FALSE;
              continue;
            }
          p = g_utf8_next_char (p);
        }
      c = fold_char (c);
      klass = c == ',' && config->comma_is_space ? CLASS_SPACE : classify (c);

      if (klass == CLASS_SPACE)
        {
          in_word = FALSE;
          continue;
        }
      if (klass == CLASS_WORD && in_word)
        {
          len = put_char (out, len, c);
          units[n_units - 1].end = len;
          if (G_UNLIKELY (spans != NULL))
            spans[2 * (n_units - 1) + 1] = p - text;
          continue;
        }
      /* Adjacent words stay apart in n-gram text. */
      if (klass == CLASS_WORD && n_units > 0 && units[n_units - 1].kind == UNIT_WORD)
        out[len++] = ' ';
      units[n_units].start = len;
      len = put_char (out, len, c);
      units[n_units].end = len;
      units[n_units].hash = 0;
      units[n_units].kind = klass == CLASS_WORD ? UNIT_WORD
                            : klass == CLASS_CJK ? UNIT_CJK : UNIT_PUNCT;
      if (G_UNLIKELY (spans != NULL))
        {
          spans[2 * n_units] = from - text;
          spans[2 * n_units + 1] = p - text;
        }
      n_units++;
      in_word = klass == CLASS_WORD;
    }
  g_string_truncate (scratch->norm, len);
  g_array_set_size (scratch->units, n_units);
  if (G_UNLIKELY (spans != NULL))
    g_array_set_size (scratch->unit_spans, 2 * n_units);
}

