/* cm-features.c — hashed n-gram features of a clause's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-features"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-features.h"

typedef enum
{
  UNIT_WORD,
  UNIT_CJK,
  UNIT_PUNCT,
} UnitKind;

typedef struct
{
  guint32 start;  /* byte range in the normalised buffer */
  guint32 end;
  guint8  kind;
} Unit;

struct _CmFeatureScratch
{
  guint32  dim;
  guint32 *slot;    /* bucket -> position in the output vector + 1; 0 = unseen */
  GString *norm;    /* the units, as normalised text */
  GArray  *units;   /* of Unit */
  GString *word;    /* a word with boundary marks, for character n-grams */
  GArray  *offsets; /* code point starts within word */
};

gboolean
cm_feature_config_is_valid (const CmFeatureConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->hash_bits < 4 || config->hash_bits > CM_FEATURES_MAX_HASH_BITS)
    return FALSE;
  if (config->unit_min == 0 && config->sub_min == 0)
    return FALSE;
  if (config->unit_min > config->unit_max || config->unit_max > 8)
    return FALSE;
  if (config->sub_min > config->sub_max || config->sub_max > 12)
    return FALSE;
  if (config->skip > 1)
    return FALSE;
  return TRUE;
}

CmFeatureScratch *
cm_feature_scratch_new (const CmFeatureConfig *config)
{
  CmFeatureScratch *scratch;

  g_return_val_if_fail (cm_feature_config_is_valid (config), NULL);

  scratch = g_new0 (CmFeatureScratch, 1);
  scratch->dim = 1u << config->hash_bits;
  scratch->slot = g_new0 (guint32, scratch->dim);
  scratch->norm = g_string_sized_new (1024);
  scratch->units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), 256);
  scratch->word = g_string_sized_new (64);
  scratch->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 64);
  return scratch;
}

void
cm_feature_scratch_free (CmFeatureScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_free (scratch->slot);
  g_string_free (scratch->norm, TRUE);
  g_array_unref (scratch->units);
  g_string_free (scratch->word, TRUE);
  g_array_unref (scratch->offsets);
  g_free (scratch);
}

void
cm_feature_vector_init (CmFeatureVector *vector)
{
  memset (vector, 0, sizeof *vector);
}

void
cm_feature_vector_clear (CmFeatureVector *vector)
{
  g_clear_pointer (&vector->index, g_free);
  g_clear_pointer (&vector->value, g_free);
  vector->n = vector->capacity = 0;
}

static void
vector_reserve (CmFeatureVector *vector,
                guint            capacity)
{
  if (capacity <= vector->capacity)
    return;
  capacity = MAX (capacity, vector->capacity * 2);
  capacity = MAX (capacity, 64);
  vector->index = g_renew (guint32, vector->index, capacity);
  vector->value = g_renew (float, vector->value, capacity);
  vector->capacity = capacity;
}

/* FNV-1a with a per-kind seed, then a murmur3 finaliser so that the low
 * bits (the bucket) depend on every byte. */
guint32
cm_features_hash (const CmFeatureConfig *config,
                  guint                  order,
                  const char            *gram,
                  gsize                  length)
{
  guint32 h = 2166136261u ^ (order * 0x9E3779B9u);

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guint8) gram[i];
      h *= 16777619u;
    }
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h & ((1u << config->hash_bits) - 1);
}

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

static void
push_unit (CmFeatureScratch *scratch,
           gunichar          c,
           UnitKind          kind)
{
  Unit unit;

  unit.start = scratch->norm->len;
  g_string_append_unichar (scratch->norm, c);
  unit.end = scratch->norm->len;
  unit.kind = kind;
  g_array_append_val (scratch->units, unit);
}

/* Cuts @text into units in scratch->norm / scratch->units. */
static void
tokenise (CmFeatureScratch *scratch,
          const char       *text,
          gssize            length)
{
  const char *p = text;
  const char *end = length < 0 ? text + strlen (text) : text + length;
  gboolean in_word = FALSE;

  g_string_truncate (scratch->norm, 0);
  g_array_set_size (scratch->units, 0);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Invalid byte: a separator, never a crash. */
          p++;
          in_word = FALSE;
          continue;
        }
      p = g_utf8_next_char (p);
      c = fold_char (c);

      if (c <= ' ' || g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B)
        in_word = FALSE;
      else if (is_cjk (c) && !g_unichar_ispunct (c))
        {
          push_unit (scratch, c, UNIT_CJK);
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        {
          if (in_word)
            {
              Unit *unit = &g_array_index (scratch->units, Unit, scratch->units->len - 1);
              g_string_append_unichar (scratch->norm, c);
              unit->end = scratch->norm->len;
            }
          else
            {
              /* Adjacent words stay apart in n-gram text. */
              if (scratch->units->len > 0
                  && g_array_index (scratch->units, Unit, scratch->units->len - 1).kind == UNIT_WORD)
                g_string_append_c (scratch->norm, ' ');
              push_unit (scratch, c, UNIT_WORD);
              in_word = TRUE;
            }
        }
      else
        {
          push_unit (scratch, c, UNIT_PUNCT);
          in_word = FALSE;
        }
    }
}

static void
foreach_subword_ngram (const CmFeatureConfig *config,
                       CmFeatureScratch      *scratch,
                       const Unit            *unit,
                       CmNgramFunc            func,
                       gpointer               user_data)
{
  GString *word = scratch->word;
  GArray *offsets = scratch->offsets;
  guint n_chars;

  g_string_truncate (word, 0);
  g_string_append_c (word, '<');
  g_string_append_len (word, scratch->norm->str + unit->start, unit->end - unit->start);
  g_string_append_c (word, '>');

  g_array_set_size (offsets, 0);
  for (const char *q = word->str; *q != '\0'; q = g_utf8_next_char (q))
    {
      guint32 offset = q - word->str;
      g_array_append_val (offsets, offset);
    }
  n_chars = offsets->len;
  g_array_append_val (offsets, word->len);

  for (guint n = config->sub_min; n <= config->sub_max; n++)
    for (guint i = 0; i + n <= n_chars; i++)
      {
        guint32 from = g_array_index (offsets, guint32, i);
        guint32 to = g_array_index (offsets, guint32, i + n);
        func (word->str + from, to - from,
              cm_features_hash (config, 0x100 + n, word->str + from, to - from),
              user_data);
      }
}

void
cm_features_foreach_ngram (const CmFeatureConfig *config,
                           CmFeatureScratch      *scratch,
                           const char            *text,
                           gssize                 length,
                           CmNgramFunc            func,
                           gpointer               user_data)
{
  const Unit *units;
  guint n_units;
  const char *norm;

  g_return_if_fail (config != NULL && scratch != NULL && text != NULL && func != NULL);
  g_return_if_fail (scratch->dim == 1u << config->hash_bits);

  tokenise (scratch, text, length);
  units = (const Unit *) scratch->units->data;
  n_units = scratch->units->len;
  norm = scratch->norm->str;

  if (config->unit_min > 0)
    for (guint i = 0; i < n_units; i++)
      for (guint n = config->unit_min; n <= config->unit_max && i + n <= n_units; n++)
        {
          guint32 from = units[i].start;
          guint32 to = units[i + n - 1].end;
          func (norm + from, to - from, cm_features_hash (config, n, norm + from, to - from),
                user_data);
        }

  if (config->skip)
    for (guint i = 0; i + 2 < n_units; i++)
      {
        GString *pair = scratch->word;

        g_string_truncate (pair, 0);
        g_string_append_len (pair, norm + units[i].start, units[i].end - units[i].start);
        g_string_append_c (pair, '_');
        g_string_append_len (pair, norm + units[i + 2].start, units[i + 2].end - units[i + 2].start);
        func (pair->str, pair->len, cm_features_hash (config, 0x200, pair->str, pair->len),
              user_data);
      }

  if (config->sub_min > 0)
    for (guint i = 0; i < n_units; i++)
      if (units[i].kind == UNIT_WORD)
        foreach_subword_ngram (config, scratch, &units[i], func, user_data);
}

typedef struct
{
  CmFeatureScratch *scratch;
  CmFeatureVector  *out;
} CountClosure;

static void
count_ngram (const char *gram,
             gsize       length,
             guint32     bucket,
             gpointer    user_data)
{
  CountClosure *closure = user_data;
  CmFeatureVector *out = closure->out;
  guint32 *slot = &closure->scratch->slot[bucket];

  if (*slot != 0)
    {
      out->value[*slot - 1] += 1.0f;
      return;
    }
  vector_reserve (out, out->n + 1);
  out->index[out->n] = bucket;
  out->value[out->n] = 1.0f;
  out->n++;
  *slot = out->n;
}

void
cm_features_count (const CmFeatureConfig *config,
                   CmFeatureScratch      *scratch,
                   const char            *text,
                   gssize                 length,
                   CmFeatureVector       *out)
{
  CountClosure closure = { scratch, out };

  g_return_if_fail (out != NULL);

  out->n = 0;
  cm_features_foreach_ngram (config, scratch, text, length, count_ngram, &closure);
  /* Leave the slot map clean for the next text. */
  for (guint i = 0; i < out->n; i++)
    scratch->slot[out->index[i]] = 0;
}

void
cm_features_weight (CmFeatureVector *vector,
                    const float     *idf)
{
  double norm = 0.0;

  for (guint i = 0; i < vector->n; i++)
    {
      float v = 1.0f + logf (vector->value[i]);
      if (idf != NULL)
        v *= idf[vector->index[i]];
      vector->value[i] = v;
      norm += (double) v * v;
    }
  if (norm > 0.0)
    {
      float scale = (float) (1.0 / sqrt (norm));
      for (guint i = 0; i < vector->n; i++)
        vector->value[i] *= scale;
    }
}

void
cm_features_extract (const CmFeatureConfig *config,
                     CmFeatureScratch      *scratch,
                     const float           *idf,
                     const char            *text,
                     gssize                 length,
                     CmFeatureVector       *out)
{
  cm_features_count (config, scratch, text, length, out);
  cm_features_weight (out, idf);
}
