/* cm-loader-html-score.c — which blocks of a page are its main content
 *
 * Three signals, as the main-text extractors use them (jusText, Readability,
 * boilerpipe), on top of the structure the walker read:
 * 1. Each block on its own (jusText): link density, length, the share of
 *    stop words (English words, Chinese function characters: running prose
 *    has many, menus and teasers few) and whether it ends like a sentence.
 *    A block is good, near-good, short or bad.
 * 2. Where the content sits (Readability): every container element gets
 *    the sum of its blocks' values (good text counts for, link lists and
 *    junk against); the container with the best sum is the main content.
 *    Containers named or roled like furniture (nav, header, sidebar,
 *    comments...) count their good text against them, unless they hold most
 *    of the page's good text: then the page put its policy there, and a
 *    class name does not overrule the text.
 * 3. Position (boilerpipe's neighbours): the main content stretches to the
 *    good blocks and headings right before and after it, until a bad block.
 * Inside the main content only plain junk is set aside (link-only lines,
 * menus); outside it only long prose is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cm-loader-html-private.h"

typedef enum
{
  CLASS_BAD,
  CLASS_SHORT,
  CLASS_NEAR_GOOD,
  CLASS_GOOD,
} BlockClass;

/* jusText's defaults, with Chinese measured by function characters. */
#define LENGTH_LOW            70
#define LENGTH_HIGH           200
#define STOPWORDS_LOW         0.30
#define STOPWORDS_HIGH        0.32
#define ZH_STOPCHARS_LOW      0.12
#define ZH_STOPCHARS_HIGH     0.15
#define MAX_LINK_DENSITY      0.2
/* Inside the main content, a block is junk only when mostly links and not
 * a sentence. */
#define MAX_MAIN_LINK_DENSITY 0.5
/* Outside it, prose this long is still kept. */
#define MIN_STRAY_PROSE_CHARS 300

/* English stop words, sorted. Written for Clausemark. */
static const char *const en_stop_words[] = {
  "a", "about", "above", "after", "again", "against", "all", "also", "am", "an",
  "and", "any", "are", "as", "at", "be", "because", "been", "before", "being",
  "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
  "doing", "down", "during", "each", "either", "few", "for", "from", "further",
  "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
  "how", "i", "if", "in", "into", "is", "it", "its", "itself", "may", "me",
  "might", "more", "most", "must", "my", "no", "nor", "not", "of", "off", "on",
  "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same",
  "shall", "she", "should", "so", "some", "such", "than", "that", "the",
  "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
  "through", "to", "too", "under", "until", "up", "upon", "us", "very", "was",
  "we", "were", "what", "when", "where", "whether", "which", "while", "who",
  "whom", "why", "will", "with", "within", "without", "would", "you", "your",
  "yours",
};

/* Chinese function characters, sorted by code point. Written for
 * Clausemark: particles, pronouns, conjunctions and prepositions. */
static const gunichar zh_stop_chars[] = {
  0x4E0A /* 上 */, 0x4E0B /* 下 */, 0x4E0D /* 不 */, 0x4E0E /* 与 */,
  0x4E14 /* 且 */, 0x4E2A /* 个 */, 0x4E2D /* 中 */, 0x4E3A /* 为 */,
  0x4E4B /* 之 */, 0x4E5F /* 也 */, 0x4E86 /* 了 */, 0x4E8E /* 于 */,
  0x4E9B /* 些 */, 0x4EC5 /* 仅 */, 0x4ECE /* 从 */, 0x4ED6 /* 他 */,
  0x4EE5 /* 以 */, 0x4EEC /* 们 */, 0x4F1A /* 会 */, 0x4F46 /* 但 */,
  0x4F60 /* 你 */, 0x4F7F /* 使 */, 0x5176 /* 其 */, 0x5230 /* 到 */,
  0x5373 /* 即 */, 0x53CA /* 及 */, 0x53EF /* 可 */, 0x5411 /* 向 */,
  0x5426 /* 否 */, 0x548C /* 和 */, 0x56E0 /* 因 */, 0x5728 /* 在 */,
  0x5982 /* 如 */, 0x5BF9 /* 对 */, 0x5C06 /* 将 */, 0x5C31 /* 就 */,
  0x60A8 /* 您 */, 0x6211 /* 我 */, 0x6216 /* 或 */, 0x6240 /* 所 */,
  0x6309 /* 按 */, 0x662F /* 是 */, 0x6709 /* 有 */, 0x6B64 /* 此 */,
  0x6CA1 /* 没 */, 0x7136 /* 然 */, 0x7684 /* 的 */, 0x7B49 /* 等 */,
  0x8005 /* 者 */, 0x800C /* 而 */, 0x80FD /* 能 */, 0x82E5 /* 若 */,
  0x88AB /* 被 */, 0x8BE5 /* 该 */, 0x8FC7 /* 过 */, 0x8FD9 /* 这 */,
  0x901A /* 通 */, 0x90A3 /* 那 */, 0x90FD /* 都 */, 0x9700 /* 需 */,
  0x975E /* 非 */,
};

static int
compare_unichars (const void *a,
                  const void *b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/* The stop words starting with each letter: [first, last) in
 * en_stop_words. Every word of every block is looked up, so the lookup
 * compares only within its letter, and longer words than any stop word
 * are not looked up at all. */
typedef struct
{
  guint8 first[26];
  guint8 last[26];
  guint8 len[G_N_ELEMENTS (en_stop_words)];
  guint  max_len;
} StopWordIndex;

static const StopWordIndex *
stop_word_index (void)
{
  static StopWordIndex index;
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = G_N_ELEMENTS (en_stop_words); i-- > 0;)
        {
          guint letter = en_stop_words[i][0] - 'a';

          index.first[letter] = i;
          if (index.last[letter] == 0)
            index.last[letter] = i + 1;
          index.len[i] = strlen (en_stop_words[i]);
          index.max_len = MAX (index.max_len, index.len[i]);
        }
      g_once_init_leave (&ready, 1);
    }
  return &index;
}

/* @word: @len lowercase ASCII letters. */
static gboolean
is_en_stop_word (const char *word,
                 guint       len)
{
  const StopWordIndex *index = stop_word_index ();
  guint letter = word[0] - 'a';

  if (len > index->max_len || letter >= 26)
    return FALSE;
  for (guint i = index->first[letter]; i < index->last[letter]; i++)
    if (index->len[i] == len && memcmp (en_stop_words[i], word, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_zh_stop_char (gunichar c)
{
  return bsearch (&c, zh_stop_chars, G_N_ELEMENTS (zh_stop_chars),
                  sizeof (gunichar), compare_unichars) != NULL;
}

/* Hiragana: in Japanese prose the particles and verb endings (の, は, を,
 * ます...) are written in it, about half of the characters; menus and
 * link lists are mostly kanji and katakana nouns. */
static gboolean
is_hiragana (gunichar c)
{
  return c >= 0x3041 && c <= 0x309F;
}

/* Han, and the Japanese kana that run with it. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
         || (c >= 0x3041 && c <= 0x30FF);
}

/* The share of stop words (English) or function characters (Chinese
 * function hanzi, Japanese hiragana) in
 * text[start, end), by whichever script has more of the block; in *is_zh
 * which one that was. */
static double
stop_word_share (const char *text,
                 gsize       start,
                 gsize       end,
                 gboolean   *is_zh)
{
  guint words = 0, stop_words = 0, hanzi = 0, stop_hanzi = 0;
  char word[24];
  guint word_len = 0;
  gboolean word_too_long = FALSE;

  for (const char *p = text + start; p <= text + end;)
    {
      /* ASCII without a function call: most pages are mostly ASCII. */
      gunichar c = p == text + end ? ' '
                   : (guchar) *p < 0x80 ? (gunichar) *p
                   : g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isalpha (c))
        {
          if (word_len + 1 < sizeof word)
            word[word_len++] = g_ascii_tolower (c);
          else
            word_too_long = TRUE;
        }
      else if (c == '\'' && word_len > 0)
        ;  /* "we'll" counts as one word */
      else
        {
          if (word_len > 0)
            {
              words++;
              stop_words += !word_too_long && is_en_stop_word (word, word_len);
            }
          word_len = 0;
          word_too_long = FALSE;
          if (is_cjk (c))
            {
              hanzi++;
              stop_hanzi += is_zh_stop_char (c) || is_hiragana (c);
            }
        }
      if (p == text + end)
        break;
      p = c < 0x80 ? p + 1 : g_utf8_next_char (p);
    }
  *is_zh = hanzi > words;
  if (*is_zh)
    return (double) stop_hanzi / hanzi;
  return words > 0 ? (double) stop_words / words : 0.0;
}

/* The first @needle in text[0, len), or NULL: memchr finds its first byte
 * (g_strstr_len compares at every position, on every short block). */
static const char *
find_in (const char *text,
         gsize       len,
         const char *needle)
{
  gsize needle_len = strlen (needle);

  for (const char *p = memchr (text, needle[0], len); p != NULL && p + needle_len <= text + len;
       p = memchr (p + 1, needle[0], text + len - p - 1))
    if (memcmp (p, needle, needle_len) == 0)
      return p;
  return NULL;
}

static gboolean
is_copyright_line (const char *text,
                   const HtmlBlock *block)
{
  const char *p = text + block->start;
  gsize len = block->end - block->start;

  if (block->n_chars >= LENGTH_HIGH)
    return FALSE;
  if (find_in (p, len, "Copyright") != NULL || find_in (p, len, "版权所有") != NULL
      || find_in (p, len, "All rights reserved") != NULL)
    return TRUE;
  /* "© 2026 Example Inc.": the sign with a year. */
  for (const char *c = find_in (p, len, "©"); c != NULL && c < p + len;
       c = find_in (c + 1, p + len - c - 1, "©"))
    for (const char *d = MAX (p, c - 8); d < MIN (p + len, c + 10); d++)
      if (d + 4 <= p + len && g_ascii_isdigit (d[0]) && g_ascii_isdigit (d[1])
          && g_ascii_isdigit (d[2]) && g_ascii_isdigit (d[3]))
        return TRUE;
  return FALSE;
}

static double
link_density (const HtmlBlock *block)
{
  return block->n_chars > 0 ? (double) block->link_chars / block->n_chars : 0.0;
}

/* jusText's context-free classification. */
static BlockClass
classify_block (const char      *text,
                const HtmlBlock *block)
{
  gboolean is_zh;
  double share;
  guint length = block->n_chars;

  if (link_density (block) > MAX_LINK_DENSITY || block->copyright)
    return CLASS_BAD;
  share = stop_word_share (text, block->start, block->end, &is_zh);
  /* A Chinese character carries about as much as three Latin letters. */
  if (is_zh)
    length *= 3;
  if (length < LENGTH_LOW)
    return block->link_chars > 0 ? CLASS_BAD : CLASS_SHORT;
  if (share >= (is_zh ? ZH_STOPCHARS_HIGH : STOPWORDS_HIGH))
    return length > LENGTH_HIGH ? CLASS_GOOD : CLASS_NEAR_GOOD;
  if (share >= (is_zh ? ZH_STOPCHARS_LOW : STOPWORDS_LOW))
    return CLASS_NEAR_GOOD;
  return CLASS_BAD;
}

/* Plain junk wherever it sits: mostly links within the site and not a
 * sentence (menus, "Skip to content", link lists), or a copyright line. */
static gboolean
is_plain_junk (const char      *text,
               const HtmlBlock *block)
{
  double site_links;

  if (block->copyright)
    return TRUE;
  site_links = block->n_chars > 0
               ? (double) (block->link_chars - MIN (block->away_chars, block->link_chars))
                 / block->n_chars
               : 0.0;
  return site_links > MAX_MAIN_LINK_DENSITY
         && (block->kind == CM_BLOCK_HEADING || !cm_loader_ends_sentence (text, block->end));
}

/* What a block adds to the containers around it. */
static double
block_value (const HtmlBlock *block,
             BlockClass       class,
             gboolean         in_junk)
{
  double chars = block->n_chars;

  switch (class)
    {
    case CLASS_GOOD:
      return in_junk ? -0.5 * chars : chars;
    case CLASS_NEAR_GOOD:
      return in_junk ? -0.25 * chars : 0.5 * chars;
    case CLASS_SHORT:
      /* A little for: a page of short lines still has a main part. */
      return in_junk ? -0.1 * chars : 0.2 * chars;
    case CLASS_BAD:
    default:
      return -chars;
    }
}

/* Which containers' furniture names count: those holding less than half
 * of the page's good text. Marks in_junk[] for their blocks. */
static void
mark_junk_contexts (GArray           *containers,
                    const double     *good_prefix,
                    guint             n_blocks,
                    gboolean         *in_junk)
{
  g_autofree int *delta = g_new0 (int, n_blocks + 1);
  double total = good_prefix[n_blocks];
  int depth = 0;

  for (guint i = 0; i < containers->len; i++)
    {
      const HtmlContainer *c = &g_array_index (containers, HtmlContainer, i);
      double good = good_prefix[c->last] - good_prefix[c->first];

      if (c->junk && !(total > 0 && good >= 0.5 * total))
        {
          delta[c->first]++;
          delta[c->last]--;
        }
    }
  for (guint i = 0; i < n_blocks; i++)
    {
      depth += delta[i];
      in_junk[i] = depth > 0;
    }
}

/* The container with the best sum of block values; deeper wins ties (it
 * is the more specific). */
static const HtmlContainer *
best_container (GArray       *containers,
                const double *value_prefix)
{
  const HtmlContainer *best = NULL;
  double best_sum = 0.0;

  for (guint i = 0; i < containers->len; i++)
    {
      const HtmlContainer *c = &g_array_index (containers, HtmlContainer, i);
      double sum = value_prefix[c->last] - value_prefix[c->first];

      /* <main>, <article> and role="main" are the page's own word. */
      if (c->main)
        sum *= 1.25;
      if (sum > best_sum || (best != NULL && sum == best_sum && c->depth > best->depth))
        {
          best = c;
          best_sum = sum;
        }
    }
  return best;
}

/* Heading blocks and good prose right before and after the main content
 * belong to it: a policy's title in a page header, its last section in a
 * sibling element. */
static void
extend_range (const char *text,
              GArray     *blocks,
              BlockClass *classes,
              guint      *first,
              guint      *last)
{
  while (*first > 0)
    {
      const HtmlBlock *block = &g_array_index (blocks, HtmlBlock, *first - 1);
      BlockClass class = classes[*first - 1];

      if (is_plain_junk (text, block)
          || !(class >= CLASS_NEAR_GOOD || block->kind == CM_BLOCK_HEADING))
        break;
      (*first)--;
    }
  while (*last < blocks->len)
    {
      const HtmlBlock *block = &g_array_index (blocks, HtmlBlock, *last);
      BlockClass class = classes[*last];

      if (is_plain_junk (text, block) || class < CLASS_NEAR_GOOD)
        break;
      (*last)++;
    }
}

/* A page title (h1, h2) separated from the content by a byline or a date:
 * short lines, none of them link lists. Returns its index, or G_MAXUINT. */
static guint
title_before (const char *text,
              GArray     *blocks,
              guint       first)
{
  for (guint k = first; k-- > 0 && first - k <= 3;)
    {
      const HtmlBlock *block = &g_array_index (blocks, HtmlBlock, k);

      if (is_plain_junk (text, block))
        return G_MAXUINT;
      if (block->kind == CM_BLOCK_HEADING)
        return block->level <= 2 ? k : G_MAXUINT;
      if (block->n_chars >= LENGTH_LOW)
        return G_MAXUINT;
    }
  return G_MAXUINT;
}

gboolean
cm_html_score_blocks (const char *text,
                      GArray     *blocks,
                      GArray     *containers)
{
  guint n = blocks->len;
  g_autofree BlockClass *classes = g_new0 (BlockClass, n + 1);
  g_autofree double *good_prefix = g_new0 (double, n + 1);
  g_autofree double *value_prefix = g_new0 (double, n + 1);
  g_autofree gboolean *in_junk = g_new0 (gboolean, n + 1);
  const HtmlContainer *main_container;
  guint first = 0, last = 0, kept = 0, title = G_MAXUINT;

  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      HtmlBlock *block = &g_array_index (blocks, HtmlBlock, i);

      block->copyright = is_copyright_line (text, block);
      classes[i] = classify_block (text, block);
      good_prefix[i + 1] = good_prefix[i]
                           + (classes[i] >= CLASS_NEAR_GOOD ? block->n_chars : 0);
    }
  mark_junk_contexts (containers, good_prefix, n, in_junk);
  for (guint i = 0; i < n; i++)
    value_prefix[i + 1] = value_prefix[i]
                          + block_value (&g_array_index (blocks, HtmlBlock, i),
                                         classes[i], in_junk[i]);

  main_container = best_container (containers, value_prefix);
  if (main_container != NULL)
    {
      first = main_container->first;
      last = main_container->last;
      extend_range (text, blocks, classes, &first, &last);
      title = title_before (text, blocks, first);
    }

  /* Backwards, so that a heading knows whether the block after it stays. */
  for (guint i = n; i-- > 0;)
    {
      HtmlBlock *block = &g_array_index (blocks, HtmlBlock, i);

      if (i >= first && i < last)
        {
          /* A heading in a furniture-classed wrapper still heads the
           * content after it. */
          gboolean heads_content = block->kind == CM_BLOCK_HEADING && i + 1 < last
                                   && !g_array_index (blocks, HtmlBlock, i + 1).boilerplate;

          block->boilerplate = is_plain_junk (text, block)
                               || (in_junk[i] && classes[i] < CLASS_NEAR_GOOD && !heads_content);
        }
      else
        block->boilerplate = i != title
                             && !(classes[i] == CLASS_GOOD && !in_junk[i]
                                  && block->n_chars >= MIN_STRAY_PROSE_CHARS);
      kept += !block->boilerplate;
    }
  if (kept > 0)
    return TRUE;

  /* Nothing stood out: the page's visible text, less what sits in its
   * furniture and its plain junk; failing that, less its plain junk; and
   * if even that is nothing, all of it. */
  for (guint i = 0; i < n; i++)
    {
      HtmlBlock *block = &g_array_index (blocks, HtmlBlock, i);

      block->boilerplate = is_plain_junk (text, block) || in_junk[i];
      kept += !block->boilerplate;
    }
  if (kept > 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      HtmlBlock *block = &g_array_index (blocks, HtmlBlock, i);

      block->boilerplate = is_plain_junk (text, block);
      kept += !block->boilerplate;
    }
  for (guint i = 0; kept == 0 && i < n; i++)
    g_array_index (blocks, HtmlBlock, i).boilerplate = FALSE;
  return FALSE;
}
