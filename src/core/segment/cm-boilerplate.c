/* cm-boilerplate.c — lines that are page junk, not policy text
 *
 * Scraped policies carry the web page around them: view and comment
 * counters ("沈念sama阅读 159,569评论 4 363"), article teasers, "Read
 * more", navigation, copyright and ICP footers. The rules:
 * 1. A line is *junk* when it matches a junk pattern: a view/comment
 *    counter, a navigation or share word standing alone, a copyright or
 *    ICP footer, a bare markup tag ("<the-end-of-privacy-policy>").
 * 2. A line just before a counter line is that counter's teaser (title or
 *    excerpt of another article): junk too.
 * 3. Once the text has a tail in which junk lines make up at least half of
 *    the non-blank lines (and there are at least three), the whole tail
 *    from its first junk line is junk: teasers without counters, dates,
 *    section words between them.
 * 4. A "related articles" line followed only by short lines (titles of
 *    other articles) starts a junk tail too.
 * Everything else is policy text, however short: a line of policy is
 * never junk because it is brief or undated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-boilerplate"

#include "config.h"

#include <string.h>

#include "cm-segmenter-private.h"

/* Junk lines are short; longer lines are not even looked at. */
#define MAX_JUNK_LINE_BYTES 400
#define MIN_TAIL_JUNK_LINES 3
#define MAX_FOOTER_BYTES 160
#define MAX_COUNTER_BYTES 96
/* Teaser titles after a "related articles" line are shorter than this. */
#define MAX_TEASER_BYTES 120

static gboolean
has (const char *line,
     gsize       length,
     const char *needle)
{
  return cm_find_bytes (line, length, needle) != NULL;
}

/* The bytes after @p in the line start with digits (thousands separators
 * allowed), after optional spaces: "阅读 159,569". */
static gboolean
digits_follow (const char *p,
               const char *end)
{
  while (p < end && *p == ' ')
    p++;
  return p < end && g_ascii_isdigit (*p);
}

static gboolean
digits_precede (const char *line,
                const char *p)
{
  while (p > line && p[-1] == ' ')
    p--;
  return p > line && g_ascii_isdigit (p[-1]);
}

/* "阅读 1234", "1234 阅读", "1,234次阅读", "评论 4", "浏览 99", "views". */
static gboolean
is_counter_line (const char *line,
                 gsize       length)
{
  static const char *const counters[] = {
    "阅读", "评论", "浏览", "点赞", "收藏", "喜欢", "views", "Views", "comments", "likes",
  };
  const char *end = line + length;
  guint hits = 0;
  gboolean has_digit = FALSE;

  /* Counter lines are short ("沈念sama阅读 159,569评论 4 363"), and every
   * counter has a number: most lines are out at the first checks. */
  if (length > MAX_COUNTER_BYTES)
    return FALSE;
  for (gsize i = 0; i < length && !has_digit; i++)
    has_digit = g_ascii_isdigit (line[i]);
  if (!has_digit)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      const char *p = cm_find_bytes (line, length, counters[i]);

      if (p == NULL)
        continue;
      const char *after = p + strlen (counters[i]);
      /* "1234 阅读" must end there or go on with a separator: "1.2 阅读记录"
       * is a policy heading. */
      gboolean ends_here = after >= end || *after == ' ' || g_ascii_isdigit (*after)
                           || *after == ',' || *after == '|';
      gboolean counted_before = digits_precede (line, p)
                                || (p >= line + 3 && memcmp (p - 3, "次", 3) == 0
                                    && digits_precede (line, p - 3));

      if (digits_follow (after, end) || (counted_before && ends_here))
        hits++;
    }
  /* One counter in a short line, or two anywhere in a junk-sized line. */
  return hits >= 2 || (hits == 1 && length <= 60);
}

static gboolean
equals_one_of (const char         *line,
               gsize               length,
               const char * const *words,
               guint               n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (strlen (words[i]) == length && g_ascii_strncasecmp (line, words[i], length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_navigation_line (const char *line,
                    gsize       length)
{
  static const char *const words[] = {
    "Read more", "Read more...", "Read More", "More", "Share", "Share this", "Back to top",
    "Previous", "Next", "Home", "Related articles", "Related posts", "Recommended",
    "阅读全文", "展开全文", "查看更多", "更多", "分享", "分享到", "返回顶部", "上一篇",
    "下一篇", "相关推荐", "相关文章", "推荐阅读", "热门文章", "热门推荐", "猜你喜欢",
    "登录", "注册", "首页", "登录/注册", "打开App", "打开APP", "举报", "关注",
  };

  /* The longest word above is 16 bytes. */
  if (length <= 16 && equals_one_of (line, length, words, G_N_ELEMENTS (words)))
    return TRUE;
  /* "上一篇：…" / "下一篇：…" */
  return length < 200 && (g_str_has_prefix (line, "上一篇") || g_str_has_prefix (line, "下一篇"));
}

/* The heading of a list of other articles. */
static gboolean
is_related_line (const char *line,
                 gsize       length)
{
  static const char *const words[] = {
    "相关文章", "相关推荐", "推荐阅读", "热门文章", "热门推荐", "猜你喜欢", "延伸阅读",
    "Related articles", "Related posts", "Related stories", "Recommended",
    "You may also like", "More articles", "Further reading",
  };

  return length <= 24 && equals_one_of (line, length, words, G_N_ELEMENTS (words));
}

static gboolean
is_footer_line (const char *line,
                gsize       length)
{
  const char *all;

  if (length > MAX_FOOTER_BYTES)
    return FALSE;
  all = cm_find_bytes (line, length, "All ");
  return has (line, length, "©") || has (line, length, "Copyright ")
         || (all != NULL && (gsize) (all - line) + 19 <= length
             && g_ascii_strncasecmp (all, "All rights reserved", 19) == 0)
         || has (line, length, "版权所有") || has (line, length, "ICP")
         || has (line, length, "公网安备") || has (line, length, "Powered by");
}

/* A line that is only a markup tag, e.g. "<the-end-of-privacy-policy>". */
static gboolean
is_bare_tag_line (const char *line,
                  gsize       length)
{
  if (length < 3 || line[0] != '<' || line[length - 1] != '>')
    return FALSE;
  for (gsize i = 1; i + 1 < length; i++)
    if (!(g_ascii_isalnum (line[i]) || line[i] == '-' || line[i] == '_' || line[i] == '/'))
      return FALSE;
  return TRUE;
}

static gboolean
is_junk_line (const char *line,
              gsize       length)
{
  if (length == 0 || length > MAX_JUNK_LINE_BYTES)
    return FALSE;
  return is_counter_line (line, length) || is_navigation_line (line, length)
         || is_footer_line (line, length) || is_bare_tag_line (line, length);
}

void
cm_boilerplate_mark_lines (const char   *text,
                           const CmLine *lines,
                           guint         n_lines,
                           gboolean     *flags)
{
  guint previous = G_MAXUINT;  /* last non-blank line */
  guint junk = 0, nonblank = 0;
  guint tail_start = G_MAXUINT;
  guint first_junk = G_MAXUINT;
  gboolean only_short_lines_after = TRUE;

  /* Rules 1 and 2. */
  for (guint i = 0; i < n_lines; i++)
    {
      gsize length = lines[i].end - lines[i].start;
      const char *line = text + lines[i].start;

      flags[i] = FALSE;
      if (length == 0)
        continue;
      if (is_junk_line (line, length))
        {
          flags[i] = TRUE;
          if (previous != G_MAXUINT && is_counter_line (line, length)
              && lines[previous].end - lines[previous].start <= MAX_JUNK_LINE_BYTES)
            flags[previous] = TRUE;
        }
      previous = i;
    }

  /* Rule 3: walk back from the end, keeping the earliest junk line from
   * which on the junk lines are at least half of the non-blank ones.
   * Rule 4, on the same walk: a "related articles" line followed by
   * nothing but short lines (teaser titles) starts a junk tail. */
  for (guint i = n_lines; i-- > 0;)
    {
      gsize length = lines[i].end - lines[i].start;

      if (length == 0)
        continue;
      if (length > MAX_TEASER_BYTES)
        only_short_lines_after = FALSE;
      if (only_short_lines_after && is_related_line (text + lines[i].start, length))
        tail_start = MIN (tail_start, i);
      nonblank++;
      if (flags[i])
        {
          junk++;
          first_junk = i;
          if (junk >= MIN_TAIL_JUNK_LINES && 2 * junk >= nonblank)
            tail_start = MIN (tail_start, first_junk);
        }
    }
  if (tail_start != G_MAXUINT)
    for (guint i = tail_start; i < n_lines; i++)
      if (lines[i].start < lines[i].end)
        flags[i] = TRUE;
}
