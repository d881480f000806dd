/* cm-lexicon.c — a Chinese–English glossary of privacy-policy terms
 *
 * Chinese terms are found by walking the text once and, at each character,
 * trying the terms that start with it. English variants are turned into
 * sequences of stem ids; a text is tokenised and stemmed the same way and
 * the phrases starting with each word's stem are tried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-lexicon"

#include "config.h"

#include <string.h>

#include "cm-bounded-read.h"
#include "cm-error.h"
#include "cm-lexicon.h"
#include "cm-paths.h"
#include "cm-uint-array.h"

typedef struct
{
  char  *zh;
  gsize  zh_size;
  char **variants;
} Term;

typedef struct
{
  guint  term;
  guint  n_words;
  guint *words;  /* stem ids */
} Phrase;

struct _CmLexicon
{
  GObject     parent_instance;

  GArray     *terms;        /* of Term */
  GHashTable *term_index;   /* zh -> index + 1 */
  GHashTable *zh_first;     /* first gunichar -> GArray of term index */
  GHashTable *stems;        /* stem -> id (>= 1) */
  GPtrArray  *phrases;      /* of Phrase */
  GHashTable *en_first;     /* first stem id -> GArray of phrase index */
};

G_DEFINE_FINAL_TYPE (CmLexicon, cm_lexicon, G_TYPE_OBJECT)

static void
term_clear (Term *term)
{
  g_free (term->zh);
  g_strfreev (term->variants);
}

static void
phrase_free (Phrase *phrase)
{
  g_free (phrase->words);
  g_free (phrase);
}

static void
cm_lexicon_finalize (GObject *object)
{
  CmLexicon *self = CM_LEXICON (object);

  g_array_unref (self->terms);
  g_hash_table_unref (self->term_index);
  g_hash_table_unref (self->zh_first);
  g_hash_table_unref (self->stems);
  g_ptr_array_unref (self->phrases);
  g_hash_table_unref (self->en_first);
  G_OBJECT_CLASS (cm_lexicon_parent_class)->finalize (object);
}

static void
cm_lexicon_class_init (CmLexiconClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_lexicon_finalize;
}

static void
cm_lexicon_init (CmLexicon *self)
{
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, (GDestroyNotify) term_clear);
  self->term_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->zh_first = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->phrases = g_ptr_array_new_with_free_func ((GDestroyNotify) phrase_free);
  self->en_first = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}

/* ---- English words ------------------------------------------------- */

static gboolean
has_suffix (const char *word,
            gsize       len,
            const char *suffix)
{
  gsize slen = strlen (suffix);
  return len >= slen && memcmp (word + len - slen, suffix, slen) == 0;
}

char *
cm_lexicon_stem_word (const char *word,
                      gssize      size)
{
  char *stem;
  gsize len;

  g_return_val_if_fail (word != NULL, NULL);

  stem = g_ascii_strdown (word, size);
  len = strlen (stem);
  /* policies → policy, shares → share, but not process → proces */
  if (len > 4 && has_suffix (stem, len, "ies"))
    {
      len -= 3;
      stem[len++] = 'y';
    }
  else if (len > 3 && has_suffix (stem, len, "s") && !has_suffix (stem, len, "ss")
           && !has_suffix (stem, len, "us") && !has_suffix (stem, len, "is"))
    len -= 1;
  /* sharing, shared → shar; share → shar */
  if (len >= 5 && has_suffix (stem, len, "ing"))
    len -= 3;
  else if (len >= 4 && has_suffix (stem, len, "ed"))
    len -= 2;
  if (len >= 3 && stem[len - 1] == 'e')
    len -= 1;
  stem[len] = '\0';
  return stem;
}

typedef struct
{
  const char *start;
  gsize       len;
} Word;

/* Determiners and possessives come and go in translation ("delete your
 * account" for 注销账号): phrases match across them. */
static gboolean
is_skipped_word (const char *word,
                 gsize       len)
{
  static const char * const skipped[] = {
    "a", "an", "the", "your", "our", "their", "its", "his", "her", "my", "this", "these", "those", NULL
  };

  for (guint i = 0; skipped[i]; i++)
    if (strlen (skipped[i]) == len && g_ascii_strncasecmp (word, skipped[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Splits ASCII words (letters and digits); anything else separates them.
 * Skipped words (see above) are left out. */
static GArray *
split_words (const char *text,
             gsize       size)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = text, *end = text + size;

  while (p < end)
    {
      Word w;
      if (!g_ascii_isalnum (*p))
        {
          p++;
          continue;
        }
      w.start = p;
      while (p < end && g_ascii_isalnum (*p))
        p++;
      w.len = (gsize) (p - w.start);
      if (!is_skipped_word (w.start, w.len))
        g_array_append_val (words, w);
    }
  return words;
}

static guint
intern_stem (CmLexicon  *self,
             const char *word,
             gsize       len)
{
  char *stem = cm_lexicon_stem_word (word, (gssize) len);
  gpointer id;

  if (g_hash_table_lookup_extended (self->stems, stem, NULL, &id))
    {
      g_free (stem);
      return GPOINTER_TO_UINT (id);
    }
  id = GUINT_TO_POINTER (g_hash_table_size (self->stems) + 1);
  g_hash_table_insert (self->stems, stem, id);
  return GPOINTER_TO_UINT (id);
}

static guint
lookup_stem (CmLexicon  *self,
             const char *word,
             gsize       len)
{
  char buf[64];
  g_autofree char *stem = NULL;

  if (len >= sizeof buf)
    return 0;
  memcpy (buf, word, len);
  buf[len] = '\0';
  stem = cm_lexicon_stem_word (buf, (gssize) len);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->stems, stem));
}

static void
index_add (GHashTable *table,
           guint       key,
           guint       value)
{
  GArray *list = g_hash_table_lookup (table, GUINT_TO_POINTER (key));

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, GUINT_TO_POINTER (key), list);
    }
  g_array_append_val (list, value);
}

static void
add_phrase (CmLexicon  *self,
            guint       term,
            const char *variant)
{
  g_autoptr(GArray) words = split_words (variant, strlen (variant));
  Phrase *phrase;

  if (words->len == 0)
    return;
  phrase = g_new0 (Phrase, 1);
  phrase->term = term;
  phrase->n_words = words->len;
  phrase->words = g_new (guint, words->len);
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);
      phrase->words[i] = intern_stem (self, w->start, w->len);
    }
  index_add (self->en_first, phrase->words[0], self->phrases->len);
  g_ptr_array_add (self->phrases, phrase);
}

/* ---- loading ------------------------------------------------------- */

static gboolean
add_line (CmLexicon   *self,
          const char  *line,
          const char  *name,
          guint        line_number,
          GError     **error)
{
  const char *tab = strchr (line, '\t');
  g_autofree char *zh = NULL;
  g_auto(GStrv) variants = NULL;
  gpointer existing;
  guint index;

  if (tab == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s:%u: expected “Chinese term<TAB>English|variants”", name, line_number);
      return FALSE;
    }
  zh = g_ascii_strdown (line, tab - line);
  g_strstrip (zh);
  variants = g_strsplit (tab + 1, "|", -1);
  for (guint i = 0; variants[i]; i++)
    g_strstrip (variants[i]);
  if (*zh == '\0' || variants[0] == NULL || *variants[0] == '\0')
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s:%u: empty term or translation", name, line_number);
      return FALSE;
    }

  if (g_hash_table_lookup_extended (self->term_index, zh, NULL, &existing))
    {
      /* a term listed twice: its variants add up */
      Term *term;
      GPtrArray *all = g_ptr_array_new ();

      index = GPOINTER_TO_UINT (existing) - 1;
      term = &g_array_index (self->terms, Term, index);
      for (guint i = 0; term->variants[i]; i++)
        g_ptr_array_add (all, g_strdup (term->variants[i]));
      for (guint i = 0; variants[i]; i++)
        g_ptr_array_add (all, g_strdup (variants[i]));
      g_ptr_array_add (all, NULL);
      g_strfreev (term->variants);
      term->variants = (char **) g_ptr_array_free (all, FALSE);
    }
  else
    {
      Term term = { 0 };

      index = self->terms->len;
      term.zh = g_steal_pointer (&zh);
      term.zh_size = strlen (term.zh);
      term.variants = g_strdupv (variants);
      g_array_append_val (self->terms, term);
      g_hash_table_insert (self->term_index, g_array_index (self->terms, Term, index).zh,
                           GUINT_TO_POINTER (index + 1));
      index_add (self->zh_first, g_utf8_get_char (term.zh), index);
    }
  for (guint i = 0; variants[i]; i++)
    if (*variants[i] != '\0')
      add_phrase (self, index, variants[i]);
  return TRUE;
}

CmLexicon *
cm_lexicon_new_from_data (const char  *data,
                          gssize       size,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(CmLexicon) self = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "lexicon";
  if (size < 0)
    size = (gssize) strlen (data);
  if (!g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8", name);
      return NULL;
    }
  copy = g_strndup (data, (gsize) size);
  lines = g_strsplit (copy, "\n", -1);
  self = g_object_new (CM_TYPE_LEXICON, NULL);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      if (*line == '#' || *g_strchug (line) == '\0')
        continue;
      if (!add_line (self, line, name, i + 1, error))
        return NULL;
    }
  if (self->terms->len == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, "%s: no terms", name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

CmLexicon *
cm_lexicon_load_file (const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);

  data = cm_read_file_bounded (path, CM_READ_MAX_TAXONOMY, NULL, &size, error);
  if (data == NULL)
    return NULL;
  return cm_lexicon_new_from_data (data, (gssize) size, path, error);
}

CmLexicon *
cm_lexicon_load_default (GError **error)
{
  g_autofree char *path = cm_build_data_path ("lexicon", "zh-en.tsv", NULL);
  return cm_lexicon_load_file (path, error);
}

/* ---- access and matching ------------------------------------------- */

guint
cm_lexicon_get_n_terms (CmLexicon *self)
{
  g_return_val_if_fail (CM_IS_LEXICON (self), 0);
  return self->terms->len;
}

const char *
cm_lexicon_get_term (CmLexicon *self,
                     guint      index)
{
  g_return_val_if_fail (CM_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->terms->len, NULL);
  return g_array_index (self->terms, Term, index).zh;
}

const char * const *
cm_lexicon_get_variants (CmLexicon *self,
                         guint      index)
{
  g_return_val_if_fail (CM_IS_LEXICON (self), NULL);
  g_return_val_if_fail (index < self->terms->len, NULL);
  return (const char * const *) g_array_index (self->terms, Term, index).variants;
}

int
cm_lexicon_lookup (CmLexicon  *self,
                   const char *term)
{
  gpointer value;

  g_return_val_if_fail (CM_IS_LEXICON (self), -1);
  g_return_val_if_fail (term != NULL, -1);

  if (!g_hash_table_lookup_extended (self->term_index, term, NULL, &value))
    return -1;
  return (int) GPOINTER_TO_UINT (value) - 1;
}

GArray *
cm_lexicon_match_zh (CmLexicon  *self,
                     const char *text,
                     gssize      size)
{
  GArray *found;
  g_autofree char *lower = NULL;
  const char *p, *end;

  g_return_val_if_fail (CM_IS_LEXICON (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  found = g_array_new (FALSE, FALSE, sizeof (guint));
  lower = g_ascii_strdown (text, size);
  end = lower + strlen (lower);
  for (p = lower; p < end; p = g_utf8_next_char (p))
    {
      GArray *candidates = g_hash_table_lookup (self->zh_first,
                                                GUINT_TO_POINTER (g_utf8_get_char (p)));
      for (guint i = 0; candidates && i < candidates->len; i++)
        {
          guint index = g_array_index (candidates, guint, i);
          const Term *term = &g_array_index (self->terms, Term, index);

          if ((gsize) (end - p) >= term->zh_size && memcmp (p, term->zh, term->zh_size) == 0)
            g_array_append_val (found, index);
        }
    }
  return cm_uint_array_sort_unique (found);
}

GArray *
cm_lexicon_match_en (CmLexicon  *self,
                     const char *text,
                     gssize      size)
{
  GArray *found;
  g_autoptr(GArray) words = NULL;
  g_autofree guint *ids = NULL;

  g_return_val_if_fail (CM_IS_LEXICON (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (size < 0)
    size = (gssize) strlen (text);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  words = split_words (text, (gsize) size);
  ids = g_new (guint, words->len + 1);
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);
      ids[i] = lookup_stem (self, w->start, w->len);
    }
  for (guint i = 0; i < words->len; i++)
    {
      GArray *candidates;

      if (ids[i] == 0)
        continue;
      candidates = g_hash_table_lookup (self->en_first, GUINT_TO_POINTER (ids[i]));
      for (guint c = 0; candidates && c < candidates->len; c++)
        {
          const Phrase *phrase = g_ptr_array_index (self->phrases, g_array_index (candidates, guint, c));
          guint k;

          if (i + phrase->n_words > words->len)
            continue;
          for (k = 1; k < phrase->n_words; k++)
            if (ids[i + k] != phrase->words[k])
              break;
          if (k == phrase->n_words)
            g_array_append_val (found, phrase->term);
        }
    }
  return cm_uint_array_sort_unique (found);
}
