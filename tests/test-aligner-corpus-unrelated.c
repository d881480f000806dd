/* test-aligner-corpus-unrelated.c — texts that are not versions of one
 * policy, and versions reordered in blocks
 *
 * A user who aligns or compares two wrong files (or two companies'
 * policies) must get an answer quickly and be told the texts share
 * little (cm_links_summarize()); a version whose sections were reordered
 * must still be linked clause for clause. Built from the held-out
 * policies of CAPP-130: each policy against the next one (Chinese against
 * English for align, one language for compare), 2,000 lines of policies
 * against 2,000 of others, and 2,000 lines against themselves shuffled in
 * blocks of 50. These check the result, not the time (scripts/bench-align
 * prints the time of the same cases, --bench-unrelated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "test-aligner-corpus-private.h"

/* Floors and ceilings: measured (README "Unrelated and reordered texts")
 * with a margin. */
#define UNRELATED_LINKED_CEILING 0.5
#define SHUFFLED_RIGHT_FLOOR 0.9
#define SECTIONS_MOVED_RIGHT_FLOOR 0.97

void
corpus_lines (GPtrArray  *policies,
              PolicySet   set,
              guint       first,
              gboolean    chinese,
              guint       n,
              const char *prefix,
              GPtrArray  *pieces,
              GPtrArray  *ids)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < policies->len; p++)
    if (policy_in_set (p, set))
      g_array_append_val (chosen, p);
  g_assert_cmpuint (chosen->len, >, 0);
  for (guint k = first; pieces->len < n; k++)
    {
      const Policy *policy = policies->pdata[g_array_index (chosen, guint, k % chosen->len)];
      GPtrArray *lines = chinese ? policy->zh : policy->en;

      for (guint line = 0; line < lines->len && pieces->len < n; line++)
        {
          g_ptr_array_add (pieces, lines->pdata[line]);
          g_ptr_array_add (ids, g_strdup_printf ("%s%u", prefix, pieces->len));
        }
    }
}

void
shuffle_blocks (GPtrArray *pieces,
                GPtrArray *ids,
                guint      block,
                GRand     *rand)
{
  guint n_blocks = (pieces->len + block - 1) / block;
  g_autofree guint *order = g_new (guint, n_blocks);
  g_autoptr(GPtrArray) old_pieces = g_ptr_array_copy (pieces, NULL, NULL);
  g_autoptr(GPtrArray) old_ids = g_ptr_array_copy (ids, NULL, NULL);

  /* the copies own nothing (g_ptr_array_copy() takes the free function) */
  g_ptr_array_set_free_func (old_pieces, NULL);
  g_ptr_array_set_free_func (old_ids, NULL);
  for (guint b = 0; b < n_blocks; b++)
    order[b] = b;
  for (guint b = n_blocks; b > 1; b--)
    {
      guint r = (guint) g_rand_int_range (rand, 0, (gint32) b), t = order[b - 1];
      order[b - 1] = order[r];
      order[r] = t;
    }
  /* the ids travel with their lines (ids is freed by its own array) */
  g_ptr_array_set_free_func (ids, NULL);
  g_ptr_array_set_size (pieces, 0);
  g_ptr_array_set_size (ids, 0);
  g_ptr_array_set_free_func (ids, g_free);
  for (guint b = 0; b < n_blocks; b++)
    for (guint k = order[b] * block; k < MIN ((order[b] + 1) * block, old_pieces->len); k++)
      {
        g_ptr_array_add (pieces, old_pieces->pdata[k]);
        g_ptr_array_add (ids, old_ids->pdata[k]);
      }
}

static CmDocument *
sequence_document (GPtrArray  *policies,
                   guint       first,
                   gboolean    chinese,
                   guint       n,
                   const char *id)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  corpus_lines (policies, POLICIES_HELD_OUT, first, chinese, n, "l", pieces, ids);
  return cm_test_document_of_lines (id, chinese ? "zh" : "en", pieces, ids);
}

static CmDocument *
policy_document (const Policy *policy,
                 gboolean      chinese,
                 const char   *id)
{
  GPtrArray *lines = chinese ? policy->zh : policy->en;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint line = 0; line < lines->len; line++)
    g_ptr_array_add (ids, g_strdup_printf ("l%u", line + 1));
  return cm_test_document_of_lines (id, chinese ? "zh" : "en", lines, ids);
}

typedef enum { ALIGN, COMPARE_ZH, COMPARE_EN, N_MODES } Mode;
static const char *const mode_names[] = { "align zh/en", "compare zh ", "compare en " };

/* align: @first's Chinese with @second's English; compare: the two in one
 * language. */
static void
summarize (Mode            mode,
           CmDocument     *first_zh,
           CmDocument     *first_en,
           CmDocument     *second_zh,
           CmDocument     *second_en,
           CmLinkSummary  *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = mode == ALIGN ? cm_align_documents (first_zh, second_en, NULL, &error)
                               : mode == COMPARE_ZH ? cm_align_versions (first_zh, second_zh, NULL, &error)
                               : cm_align_versions (first_en, second_en, NULL, &error);

  g_assert_no_error (error);
  cm_links_summarize (links, summary);
}

/* Each held-out policy against the next one: told apart from the policy
 * against its own translation (align) or itself (compare). Two of the
 * held-out policies are one company's two games under one template
 * (CAPP-130 rw_24 and rw_25 of the held-out list, 95% linked): two pairs
 * may pass for related. */
#define MAY_PASS_FOR_RELATED 2

void
test_unrelated (void)
{
  g_autoptr(GPtrArray) policies = load_corpus ();
  g_autoptr(GPtrArray) held = g_ptr_array_new ();

  if (policies == NULL)
    return;
  for (guint p = 0; p < policies->len; p++)
    if (policy_in_set (p, POLICIES_HELD_OUT))
      g_ptr_array_add (held, policies->pdata[p]);

  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      guint flagged = 0;
      double run_share = 0, linked_share = 0, max_run_share = 0, min_own_run_share = 1;

      for (guint k = 0; k < held->len; k++)
        {
          const Policy *policy = held->pdata[k], *next = held->pdata[(k + 1) % held->len];
          g_autoptr(CmDocument) zh = policy_document (policy, TRUE, "a-zh");
          g_autoptr(CmDocument) en = policy_document (policy, FALSE, "a-en");
          g_autoptr(CmDocument) next_zh = policy_document (next, TRUE, "b-zh");
          g_autoptr(CmDocument) next_en = policy_document (next, FALSE, "b-en");
          CmLinkSummary summary, own;

          summarize (mode, zh, en, next_zh, next_en, &summary);
          flagged += summary.unrelated;
          run_share += summary.run_share;
          linked_share += summary.linked_share;
          if (summary.unrelated)
            max_run_share = MAX (max_run_share, summary.run_share);
          /* the policy against its translation, or against itself */
          summarize (mode, zh, en, zh, en, &own);
          g_assert_false (own.unrelated);
          min_own_run_share = MIN (min_own_run_share, own.run_share);
        }
      printf ("# unrelated %s: %u of %u held-out policies against the next one told apart; "
              "clauses linked %.3f, next to another link %.3f (mean; at most %.3f of those told "
              "apart); against its own version at least %.3f\n",
              mode_names[mode], flagged, held->len, linked_share / held->len, run_share / held->len,
              max_run_share, min_own_run_share);
      g_assert_cmpuint (flagged + MAY_PASS_FOR_RELATED, >=, held->len);
    }
}

/* 2,000 lines of held-out policies against 2,000 lines of others (the
 * band's search stops at its budget here): few links, told apart. */
void
test_unrelated_long (void)
{
  g_autoptr(GPtrArray) policies = load_corpus ();

  if (policies == NULL)
    return;
  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      g_autoptr(CmDocument) zh = sequence_document (policies, 0, TRUE, 2000, "a-zh");
      g_autoptr(CmDocument) en = sequence_document (policies, 0, FALSE, 2000, "a-en");
      g_autoptr(CmDocument) other_zh = sequence_document (policies, 13, TRUE, 2000, "b-zh");
      g_autoptr(CmDocument) other_en = sequence_document (policies, 13, FALSE, 2000, "b-en");
      CmLinkSummary summary;

      summarize (mode, zh, en, other_zh, other_en, &summary);
      printf ("# unrelated %s, 2 x 2,000 lines: clauses linked %.3f, next to another link %.3f\n",
              mode_names[mode], summary.linked_share, summary.run_share);
      g_assert_true (summary.unrelated);
      g_assert_cmpfloat (summary.linked_share, <, UNRELATED_LINKED_CEILING);
    }
}

/* 2,000 lines against themselves shuffled in blocks of 50 (ids travel
 * with their lines, so the right link is known): compare links nearly
 * every clause to itself; align (a translation reordered in blocks, which
 * translators do not do) stays fast and says what it found. */
void
test_shuffled (void)
{
  g_autoptr(GPtrArray) policies = load_corpus ();

  if (policies == NULL)
    return;
  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      g_autoptr(GPtrArray) zh_pieces = g_ptr_array_new ();
      g_autoptr(GPtrArray) zh_ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) en_pieces = g_ptr_array_new ();
      g_autoptr(GPtrArray) en_ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GRand) rand = g_rand_new_with_seed (50);
      g_autoptr(CmDocument) zh = NULL;
      g_autoptr(CmDocument) en = NULL;
      g_autoptr(CmDocument) shuffled_zh = NULL;
      g_autoptr(CmDocument) shuffled_en = NULL;
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GError) error = NULL;
      CmLinkSummary summary;
      guint right = 0, n = 0;

      corpus_lines (policies, POLICIES_HELD_OUT, 0, TRUE, 2000, "l", zh_pieces, zh_ids);
      corpus_lines (policies, POLICIES_HELD_OUT, 0, FALSE, 2000, "l", en_pieces, en_ids);
      zh = cm_test_document_of_lines ("a-zh", "zh", zh_pieces, zh_ids);
      en = cm_test_document_of_lines ("a-en", "en", en_pieces, en_ids);
      shuffle_blocks (zh_pieces, zh_ids, 50, rand);
      g_rand_set_seed (rand, 50);
      shuffle_blocks (en_pieces, en_ids, 50, rand);
      shuffled_zh = cm_test_document_of_lines ("b-zh", "zh", zh_pieces, zh_ids);
      shuffled_en = cm_test_document_of_lines ("b-en", "en", en_pieces, en_ids);
      links = mode == ALIGN ? cm_align_documents (zh, shuffled_en, NULL, &error)
              : mode == COMPARE_ZH ? cm_align_versions (zh, shuffled_zh, NULL, &error)
              : cm_align_versions (en, shuffled_en, NULL, &error);
      g_assert_no_error (error);
      cm_links_summarize (links, &summary);
      for (guint i = 0; i < links->len; i++)
        {
          const CmLink *link = g_ptr_array_index (links, i);

          n += link->clauses[0] != NULL;
          right += link->clauses[0] && !link->clauses[1] && link->partner_clauses[0]
                   && !link->partner_clauses[1]
                   && g_str_equal (link->clauses[0], link->partner_clauses[0]);
        }
      printf ("# shuffled %s, 2,000 lines in blocks of 50: %.3f of the clauses linked to their "
              "own line; clauses linked %.3f, next to another link %.3f\n",
              mode_names[mode], (double) right / n, summary.linked_share, summary.run_share);
      if (mode != ALIGN)
        {
          g_assert_false (summary.unrelated);
          g_assert_cmpfloat ((double) right / n, >=, SHUFFLED_RIGHT_FLOOR);
        }
    }
}

/* Moves @n_moves blocks of 10 to 40 of @pieces (and @ids alike) to other
 * places. */
static void
move_sections (GPtrArray *pieces,
               GPtrArray *ids,
               guint      n_moves,
               GRand     *rand)
{
  for (guint k = 0; k < n_moves; k++)
    {
      guint size = (guint) g_rand_int_range (rand, 10, 41), start, to;
      g_autoptr(GPtrArray) block_pieces = g_ptr_array_new ();
      g_autoptr(GPtrArray) block_ids = g_ptr_array_new ();

      if (pieces->len < 3 * size)
        return;
      start = (guint) g_rand_int_range (rand, 0, (gint32) (pieces->len - size));
      for (guint i = 0; i < size; i++)
        {
          g_ptr_array_add (block_pieces, pieces->pdata[start + i]);
          g_ptr_array_add (block_ids, ids->pdata[start + i]);
        }
      /* take the block out (its ids are kept), and put it back elsewhere */
      memmove (pieces->pdata + start, pieces->pdata + start + size,
               (pieces->len - start - size) * sizeof (gpointer));
      memmove (ids->pdata + start, ids->pdata + start + size, (ids->len - start - size) * sizeof (gpointer));
      to = (guint) g_rand_int_range (rand, 0, (gint32) (pieces->len - size));
      memmove (pieces->pdata + to + size, pieces->pdata + to, (pieces->len - size - to) * sizeof (gpointer));
      memmove (ids->pdata + to + size, ids->pdata + to, (ids->len - size - to) * sizeof (gpointer));
      for (guint i = 0; i < size; i++)
        {
          pieces->pdata[to + i] = block_pieces->pdata[i];
          ids->pdata[to + i] = block_ids->pdata[i];
        }
    }
}

/* A revision that moves whole sections: each held-out policy against
 * itself with three blocks of 10 to 40 lines moved elsewhere (ids travel
 * with their lines). compare links nearly every clause to itself. */
void
test_sections_moved (void)
{
  g_autoptr(GPtrArray) policies = load_corpus ();

  if (policies == NULL)
    return;
  for (Mode mode = COMPARE_ZH; mode < N_MODES; mode++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (3);
      guint right = 0, n = 0;

      for (guint p = 0; p < policies->len; p++)
        {
          const Policy *policy = policies->pdata[p];
          GPtrArray *lines = mode == COMPARE_ZH ? policy->zh : policy->en;
          const char *language = mode == COMPARE_ZH ? "zh" : "en";
          g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(CmDocument) old_version = NULL;
          g_autoptr(CmDocument) new_version = NULL;
          g_autoptr(GPtrArray) links = NULL;
          g_autoptr(GError) error = NULL;

          if (!policy_in_set (p, POLICIES_HELD_OUT))
            continue;
          for (guint line = 0; line < lines->len; line++)
            {
              g_ptr_array_add (pieces, lines->pdata[line]);
              g_ptr_array_add (ids, g_strdup_printf ("l%u", line + 1));
            }
          old_version = cm_test_document_of_lines ("old", language, pieces, ids);
          move_sections (pieces, ids, 3, rand);
          new_version = cm_test_document_of_lines ("new", language, pieces, ids);
          links = cm_align_versions (old_version, new_version, NULL, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < links->len; i++)
            {
              const CmLink *link = g_ptr_array_index (links, i);

              n += link->clauses[0] != NULL;
              right += link->clauses[0] && !link->clauses[1] && link->partner_clauses[0]
                       && !link->partner_clauses[1]
                       && g_str_equal (link->clauses[0], link->partner_clauses[0]);
            }
        }
      printf ("# sections moved %s, held-out policies, three blocks of 10-40 lines each: %.4f of "
              "the clauses linked to their own line (%u)\n", mode_names[mode], (double) right / n, n);
      g_assert_cmpfloat ((double) right / n, >=, SECTIONS_MOVED_RIGHT_FLOOR);
    }
}
