/* test-revision-corpus-edits.c — the revisions of test-revision-corpus:
 * a policy edited as revisers do (reworded, added, deleted, moved, split,
 * merged, anchors changed), with the gold links known by construction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "test-revision-corpus-private.h"

static void
new_line_clear (gpointer data)
{
  g_free (((NewLine *) data)->text);
}

static void
add_new_line (GArray   *lines,
              char     *text,
              int       first,
              int       second,
              gboolean  edited)
{
  NewLine line = { text, { first, second }, edited };
  g_array_append_val (lines, line);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* A random run of @n Han characters (or words) from @donor. */
static char *
donor_piece (const char *donor,
             gboolean    chinese,
             guint       n,
             GRand      *rand)
{
  if (chinese)
    {
      g_autofree gunichar *chars = g_utf8_to_ucs4 (donor, -1, NULL, NULL, NULL);
      glong length = 0;
      GString *out = g_string_new (NULL);

      while (chars[length])
        length++;
      for (guint tries = 0; tries < 8 && out->len == 0; tries++)
        {
          glong at = length > (glong) n ? g_rand_int_range (rand, 0, (gint32) (length - n + 1)) : 0;

          for (glong k = at; k < at + (glong) n && k < length; k++)
            if (is_han (chars[k]))
              g_string_append_unichar (out, chars[k]);
        }
      if (out->len == 0)
        g_string_append (out, "相关");
      return g_string_free (out, FALSE);
    }
  else
    {
      g_auto(GStrv) words = g_strsplit (donor, " ", -1);
      guint length = g_strv_length (words);
      guint at = length > n ? (guint) g_rand_int_range (rand, 0, (gint32) (length - n + 1)) : 0;
      GString *out = g_string_new (NULL);

      for (guint k = at; k < at + n && k < length; k++)
        {
          g_autofree char *word = g_strdup (words[k]);

          g_strdelimit (word, ".,;:()\"", ' ');
          g_strstrip (word);
          if (*word == '\0')
            continue;
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, word);
        }
      if (out->len == 0)
        g_string_append (out, "relevant");
      return g_string_free (out, FALSE);
    }
}

/* @line with one to three small edits: a word (two Han characters)
 * replaced, one or two inserted or deleted, or a phrase added; NULL when
 * the line is too short to reword. */
static char *
reword_line (const char *line,
             const char *donor,
             gboolean    chinese,
             guint       max_edits,
             GRand      *rand)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  guint n_edits = (guint) g_rand_int_range (rand, max_edits > 3 ? 4 : 1, (gint32) max_edits + 1);
  GString *out;

  /* tokens: Han characters one by one, or words */
  if (chinese)
    for (const char *p = line; *p; p = g_utf8_next_char (p))
      g_ptr_array_add (tokens, g_strndup (p, g_utf8_next_char (p) - p));
  else
    {
      g_auto(GStrv) words = g_strsplit (line, " ", -1);
      for (guint k = 0; words[k]; k++)
        if (*words[k])
          g_ptr_array_add (tokens, g_strdup (words[k]));
    }
  if (tokens->len < (chinese ? 12u : 6u))
    return NULL;
  /* a rewrite changes at most about a quarter of a sentence (more, and it
   * is another sentence: a short heading given eight edits is) */
  if (max_edits > 3)
    n_edits = MIN (n_edits, MAX (1u, tokens->len / (chinese ? 8u : 4u)));
  for (guint k = 0; k < n_edits && tokens->len > 4; k++)
    {
      /* not the first and last tokens: a heading's number, the full stop */
      guint at = (guint) g_rand_int_range (rand, 1, (gint32) tokens->len - 1);
      guint width = chinese ? 2 : 1;
      int kind = g_rand_int_range (rand, 0, 8);

      if (kind < 3)  /* replaced */
        {
          for (guint w = 0; w < width && at < tokens->len - 1; w++)
            g_ptr_array_remove_index (tokens, at);
          g_ptr_array_insert (tokens, (gint) at, donor_piece (donor, chinese, width, rand));
        }
      else if (kind < 5)  /* inserted */
        g_ptr_array_insert (tokens, (gint) at,
                            donor_piece (donor, chinese, width * (guint) g_rand_int_range (rand, 1, 3), rand));
      else if (kind < 7)  /* deleted */
        {
          guint n = width * (guint) g_rand_int_range (rand, 1, 3);
          for (guint w = 0; w < n && at < tokens->len - 1; w++)
            g_ptr_array_remove_index (tokens, at);
        }
      else  /* a phrase added */
        {
          g_autofree char *phrase = donor_piece (donor, chinese, chinese ? 8 : 5, rand);
          g_ptr_array_insert (tokens, (gint) at,
                              chinese ? g_strconcat (phrase, "，", NULL) : g_strconcat (phrase, ",", NULL));
        }
    }
  out = g_string_new (NULL);
  for (guint k = 0; k < tokens->len; k++)
    {
      if (!chinese && k > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, tokens->pdata[k]);
    }
  return g_string_free (out, FALSE);
}

/* Where to split @line in two: the last comma or semicolon between 30% and
 * 70% of it; NULL when there is none. */
static const char *
split_point (const char *line,
             gboolean    chinese)
{
  static const char * const zh_marks[] = { "，", "；", NULL };
  static const char * const en_marks[] = { ", ", "; ", NULL };
  const char * const *marks = chinese ? zh_marks : en_marks;
  gsize length = strlen (line);
  const char *cut = NULL;

  for (guint m = 0; marks[m]; m++)
    for (const char *p = strstr (line, marks[m]); p; p = strstr (p + 1, marks[m]))
      if ((gsize) (p - line) >= length * 3 / 10 && (gsize) (p - line) <= length * 7 / 10
          && (cut == NULL || p > cut))
        cut = p;
  return cut;
}

/* Dates, periods and e-mail addresses of @line changed; NULL when it has
 * none. */
static char *
change_anchors (const char *line,
                GRand      *rand)
{
  static GRegex *patterns[3];
  static const char * const sources[3] = {
    /* a year (in a date) */
    "(?<![0-9])(19|20)[0-9]{2}(?=年|-[0-9]|/[0-9]|\\b)",
    /* a period: 6 个月, 30 天, 15 working days */
    "(?<![0-9.])[0-9]{1,3}(?=\\s*(个月|个工作日|天|日内|小时|年内| months?\\b| days?\\b| working days\\b| business days\\b| hours\\b| years?\\b))",
    /* an e-mail address's local part */
    "[A-Za-z0-9._%+-]+(?=@[A-Za-z0-9-]+\\.[A-Za-z])",
  };
  g_autofree char *text = g_strdup (line);
  gboolean changed = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (patterns); k++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      GString *out;
      gint last = 0;

      if (patterns[k] == NULL)
        patterns[k] = g_regex_new (sources[k], G_REGEX_OPTIMIZE, 0, NULL);
      g_assert_nonnull (patterns[k]);
      if (!g_regex_match (patterns[k], text, 0, &match))
        continue;
      out = g_string_new (NULL);
      do
        {
          gint start, end;
          g_autofree char *found = g_match_info_fetch (match, 0);

          g_match_info_fetch_pos (match, 0, &start, &end);
          g_string_append_len (out, text + last, start - last);
          if (k == 0)
            g_string_append_printf (out, "%d", atoi (found) + g_rand_int_range (rand, 1, 3));
          else if (k == 1)
            {
              int n = atoi (found);
              g_string_append_printf (out, "%d", g_rand_boolean (rand) ? n * 2 : MAX (1, n / 2));
            }
          else
            {
              static const char * const locals[] = { "privacy", "dpo", "legal", "support" };
              const char *local = locals[g_rand_int_range (rand, 0, G_N_ELEMENTS (locals))];
              g_string_append (out, g_str_equal (found, local) ? "privacy-office" : local);
            }
          last = end;
          changed = TRUE;
        }
      while (g_match_info_next (match, NULL));
      g_string_append (out, text + last);
      g_free (text);
      text = g_string_free (out, FALSE);
    }
  return changed ? g_steal_pointer (&text) : NULL;
}

/* Moves one to three lines of @lines before a heading (a short line that
 * ends no sentence) at least five lines away, or anywhere that far. */
static void
move_paragraph (GArray *lines,
                GRand  *rand)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = lines->len, from, size, to;
  NewLine moved[3], *data;

  if (n < 12)
    return;
  size = (guint) g_rand_int_range (rand, 1, 4);
  from = (guint) g_rand_int_range (rand, 1, (gint32) (n - size));
  for (guint k = 1; k < n; k++)
    {
      const char *text = g_array_index (lines, NewLine, k).text;
      const char *last = g_utf8_find_prev_char (text, text + strlen (text));

      if ((k + 5 <= from || k >= from + size + 5) && g_utf8_strlen (text, -1) <= 30 && last
          && g_utf8_strchr ("。.!?！？;；:：", -1, g_utf8_get_char (last)) == NULL)
        g_array_append_val (targets, k);
    }
  if (targets->len > 0)
    to = g_array_index (targets, guint, g_rand_int_range (rand, 0, (gint32) targets->len));
  else
    {
      to = (guint) g_rand_int_range (rand, 0, (gint32) n);
      if (to + 5 > from && to < from + size + 5)
        return;
    }
  /* moved by hand: the array's clear function would free the texts */
  data = (NewLine *) (gpointer) lines->data;
  memcpy (moved, data + from, size * sizeof (NewLine));
  memmove (data + from, data + from + size, (n - from - size) * sizeof (NewLine));
  if (to > from)
    to -= size;
  memmove (data + to + size, data + to, (n - size - to) * sizeof (NewLine));
  for (guint k = 0; k < size; k++)
    moved[k].edited = TRUE;
  memcpy (data + to, moved, size * sizeof (NewLine));
}

/* The lines of the policy that gives @p its added sentences: the next
 * one of the same split. */
static GPtrArray *
donor_lines (GPtrArray *policies,
             guint      p,
             guint      language)
{
  PolicySet set = policy_in_set (p, POLICIES_HELD_OUT) ? POLICIES_HELD_OUT : POLICIES_TRAIN;
  guint q = p;

  do
    q = (q + 1) % policies->len;
  while (!policy_in_set (q, set));
  return ((Policy *) policies->pdata[q])->lines[language];
}

/* A document with one clause per line, ids prefix0, prefix1, … */
static CmDocument *
build_document (const char *id,
                const char *language,
                const char *prefix,
                GPtrArray  *pieces)
{
  g_autoptr(GPtrArray) clause_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pieces->len; i++)
    g_ptr_array_add (clause_ids, g_strdup_printf ("%s%u", prefix, i));
  return cm_test_document_of_lines (id, language, pieces, clause_ids);
}

static CmLink *
make_link (GPtrArray *old_ids,
           GPtrArray *new_ids)
{
  g_ptr_array_add (old_ids, NULL);
  g_ptr_array_add (new_ids, NULL);
  return cm_link_new ((const char * const *) old_ids->pdata, (const char * const *) new_ids->pdata, 1.0);
}

/* Builds the old and the new version of @policy in @language (0 zh, 1 en)
 * and the gold links (from the old version), with the two-sided gold
 * links an edit touched in @edited too. */
void
make_revision (GPtrArray   *policies,
               guint        p,
               guint        language,
               const Edits *edits,
               GRand       *rand,
               CmDocument **out_old,
               CmDocument **out_new,
               GPtrArray   *gold,
               GPtrArray   *edited)
{
  GPtrArray *old = ((Policy *) policies->pdata[p])->lines[language];
  GPtrArray *donor = donor_lines (policies, p, language);
  gboolean chinese = language == 0;
  const char *lang = chinese ? "zh" : "en";
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (NewLine));
  g_autoptr(GPtrArray) new_texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) old_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *old_used = g_new0 (guint, old->len + 1);
  g_autofree char *old_doc_id = g_strdup_printf ("old-%s-%u", lang, p);
  g_autofree char *new_doc_id = g_strdup_printf ("new-%s-%u", lang, p);
  guint n = old->len;

  g_array_set_clear_func (lines, new_line_clear);
#define DONOR() ((const char *) donor->pdata[g_rand_int_range (rand, 0, (gint32) donor->len)])
  for (guint i = 0; i < n; i++)
    {
      const char *text = old->pdata[i];
      /* every draw is made whatever the edits, so that a variant sees the
       * same lines edited whichever other rates it has */
      double r_reword = g_rand_double (rand), r_add = g_rand_double (rand),
             r_delete = g_rand_double (rand), r_split = g_rand_double (rand),
             r_merge = g_rand_double (rand), r_anchor = g_rand_double (rand);
      char *changed = NULL;
      const char *cut;

      if (r_delete < edits->delete_rate)
        ;
      else if (r_merge < edits->merge_rate && i + 1 < n)
        {
          const char *next = old->pdata[i + 1];
          add_new_line (lines, g_strconcat (text, chinese ? "" : " ", next, NULL), (int) i, (int) i + 1, TRUE);
          i++;
        }
      else if (r_split < edits->split_rate && (cut = split_point (text, chinese)) != NULL)
        {
          const char *second = cut + strlen (chinese ? "，" : ", ");
          char *first = g_strdup_printf ("%.*s%s", (int) (cut - text), text, chinese ? "。" : ".");
          char *rest = g_strdup (second);

          if (!chinese)
            rest[0] = g_ascii_toupper (rest[0]);
          add_new_line (lines, first, (int) i, -1, TRUE);
          add_new_line (lines, rest, (int) i, -1, TRUE);
        }
      else if (r_anchor < edits->anchor_rate && (changed = change_anchors (text, rand)) != NULL)
        add_new_line (lines, changed, (int) i, -1, TRUE);
      else if (r_reword < edits->reword_rate
               && (changed = reword_line (text, DONOR (), chinese, 3, rand)) != NULL)
        add_new_line (lines, changed, (int) i, -1, TRUE);
      else if (edits->rewrite_rate > 0 && g_rand_double (rand) < edits->rewrite_rate
               && (changed = reword_line (text, DONOR (), chinese, 8, rand)) != NULL)
        add_new_line (lines, changed, (int) i, -1, TRUE);
      else
        add_new_line (lines, g_strdup (text), (int) i, -1, FALSE);
      if (r_add < edits->add_rate)
        add_new_line (lines, g_strdup (DONOR ()), -1, -1, TRUE);
    }
  for (guint k = 0; k < edits->inserted_items; k++)
    insert_item (lines, DONOR (), rand);
  if (edits->lines_per_move > 0)
    for (guint k = 0; k < 1 + n / edits->lines_per_move; k++)
      move_paragraph (lines, rand);
#undef DONOR

  /* the documents */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (old_ids, g_strdup_printf ("o%u", i));
  for (guint k = 0; k < lines->len; k++)
    g_ptr_array_add (new_texts, g_array_index (lines, NewLine, k).text);
  *out_old = build_document (old_doc_id, lang, "o", old);
  *out_new = build_document (new_doc_id, lang, "n", new_texts);

  /* the gold: each old line with the new lines made from it (a split
   * gives 1-2, a merge 2-1), the old lines left out 1-0, the new lines
   * from nowhere 0-1 */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) to = g_ptr_array_new_with_free_func (g_free);
      gboolean touched = FALSE;
      CmLink *link;

      if (old_used[i])
        continue;
      for (guint k = 0; k < lines->len; k++)
        {
          const NewLine *line = &g_array_index (lines, NewLine, k);

          if (line->source[0] != (int) i && line->source[1] != (int) i)
            continue;
          g_ptr_array_add (to, g_strdup_printf ("n%u", k));
          touched |= line->edited;
          if (from->len == 0)
            for (guint s = 0; s < 2; s++)
              if (line->source[s] >= 0)
                {
                  g_ptr_array_add (from, g_strdup_printf ("o%d", line->source[s]));
                  old_used[line->source[s]] = TRUE;
                }
        }
      if (from->len == 0)
        g_ptr_array_add (from, g_strdup_printf ("o%u", i));
      old_used[i] = TRUE;
      touched = touched && to->len > 0;
      link = make_link (from, to);
      if (touched)
        g_ptr_array_add (edited, cm_link_copy (link));
      g_ptr_array_add (gold, link);
    }
  for (guint k = 0; k < lines->len; k++)
    if (g_array_index (lines, NewLine, k).source[0] < 0)
      {
        g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) to = g_ptr_array_new_with_free_func (g_free);

        g_ptr_array_add (to, g_strdup_printf ("n%u", k));
        g_ptr_array_add (gold, make_link (from, to));
      }
}
