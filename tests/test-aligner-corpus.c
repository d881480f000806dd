/* test-aligner-corpus.c — the aligner at scale on CAPP-130's translation_en
 *
 * ../shared/corpora/capp130/translation_en/rw_N.jsonl is a machine
 * translation of annotations/rw_N.jsonl, line for line, so the gold
 * alignment is free. Official English versions are freer than that, so
 * the test also makes harder variants: adjacent English lines merged
 * (gold 2-1 links), English lines dropped (gold 0-1), merged lines plus
 * lines dropped on either side (gold 1-0 / 0-1), adjacent English lines
 * swapped (moved clauses), titles (short lines that end no sentence)
 * dropped from either version, lines cut short in either version (an
 * official translation leaves things out), the
 * Chinese lines run together without line breaks (a wall of text,
 * segmented by Clausemark) and both versions interleaved line by line in
 * one file (split by its layout). Policies are split: every fourth is held
 * out and scored; --tune calibrates the 1-0 cost on the others, --tune-bare
 * the cost of a grouped clause without shared evidence, --tune-titles
 * [COST] the 1-0 cost of a title (at a given 1-0 cost of other clauses),
 * --tune-length the length model's wide tail. It prints
 * link precision / recall / F1 for each variant and asserts floors
 * (measured figures minus a margin).
 *
 * With --bench [N] it instead times cm_align_documents() on two documents
 * of N (default 5000) clauses built from the corpus and prints the median
 * of 7 runs (scripts/bench-align runs it).
 *
 * The variants are made in test-aligner-corpus-variants.c, the wall of
 * text and the interleaved file scored in test-aligner-corpus-layouts.c,
 * the bench run in test-aligner-corpus-bench.c; what the files share is in
 * test-aligner-corpus-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-segmenter.h"
#include "cm-test-util.h"
#include "test-aligner-corpus-private.h"

static void
policy_free (Policy *policy)
{
  g_ptr_array_unref (policy->zh);
  g_ptr_array_unref (policy->en);
  g_free (policy);
}

static GPtrArray *read_corpus (void);
static GPtrArray *corpus_cache;

/* The parallel policies (read once, shared by the tests), or NULL (test
 * skipped) without ../shared. */
GPtrArray *
load_corpus (void)
{
  if (corpus_cache == NULL)
    corpus_cache = read_corpus ();
  else if (cm_test_shared_dir () == NULL)
    return NULL;
  return corpus_cache ? g_ptr_array_ref (corpus_cache) : NULL;
}

static GPtrArray *
read_corpus (void)
{
  g_autofree char *dir = cm_test_shared_path ("corpora", "capp130", "translation_en", NULL);
  g_autofree char *zh_dir = cm_test_shared_path ("corpora", "capp130", "annotations", NULL);
  g_autoptr(GPtrArray) names = NULL;
  GPtrArray *policies;

  if (dir == NULL)
    return NULL;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/corpora/capp130/translation_en is absent");
      return NULL;
    }
  names = cm_test_list_files (dir, ".jsonl");
  policies = g_ptr_array_new_with_free_func ((GDestroyNotify) policy_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *en_path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *zh_path = g_build_filename (zh_dir, names->pdata[i], NULL);
      g_autoptr(GArray) zh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) en_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      Policy *policy = g_new0 (Policy, 1);

      policy->zh = cm_test_read_jsonl_texts (zh_path, zh_ids);
      policy->en = cm_test_read_jsonl_texts (en_path, en_ids);
      /* the corpus promises line-for-line parallel files with equal ids */
      g_assert_cmpuint (policy->zh->len, ==, policy->en->len);
      for (guint k = 0; k < zh_ids->len; k++)
        g_assert_cmpint (g_array_index (zh_ids, gint64, k), ==, g_array_index (en_ids, gint64, k));
      g_ptr_array_add (policies, policy);
    }
  return policies;
}

/* The costs a tuning loop tries (0: the aligner's default). */
typedef struct
{
  double unaligned;
  double title_unaligned;
  double bare_clause;
  double length_tail_weight;  /* < 0: no tail */
  double length_tail_scale;
} Costs;

/* Aligns the variant of every policy of @set and scores the links (@costs
 * NULL: the defaults). */
static gboolean
score_variant (const Variant *variant,
               PolicySet      set,
               const Costs   *costs,
               CmLinkScores  *strict,
               CmLinkScores  *lax)
{
  g_autoptr(GPtrArray) policies = load_corpus ();
  g_autoptr(GPtrArray) all_predicted = NULL;
  g_autoptr(GPtrArray) all_gold = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240521);
  CmAlignOptions options;

  if (policies == NULL)
    return FALSE;
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  cm_align_options_init (&options);
  options.lexicon = lexicon;
  if (costs != NULL)
    {
      options.unaligned_cost = costs->unaligned;
      options.title_unaligned_cost = costs->title_unaligned;
      options.bare_clause_cost = costs->bare_clause;
      options.length_tail_weight = costs->length_tail_weight;
      options.length_tail_scale = costs->length_tail_scale;
    }

  all_predicted = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  all_gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint p = 0; p < policies->len; p++)
    {
      g_autoptr(CmDocument) zh = NULL;
      g_autoptr(CmDocument) en = NULL;
      g_autoptr(GPtrArray) gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
      g_autoptr(GPtrArray) links = NULL;

      /* every policy draws its perturbations, so that each set sees the
       * same ones whichever set is scored */
      make_variant (policies->pdata[p], variant, rand, p, &zh, &en, gold);
      if (!policy_in_set (p, set))
        continue;
      links = cm_align_documents (zh, en, &options, &error);
      g_assert_no_error (error);
      /* a policy and its version are never told they share little
       * (cm_links_summarize(); test-aligner-corpus-unrelated.c) */
      if (costs == NULL)
        {
          CmLinkSummary summary;

          cm_links_summarize (links, &summary);
          g_assert_false (summary.unrelated);
        }
      /* clause ids repeat across policies: make them unique for scoring */
      cm_test_add_links_of_policy (all_predicted, links, p);
      cm_test_add_links_of_policy (all_gold, gold, p);
    }
  cm_links_compare (all_predicted, all_gold, TRUE, strict);
  cm_links_compare (all_predicted, all_gold, FALSE, lax);
  return TRUE;
}

static void
run_variant (const char    *name,
             const Variant *variant,
             double         strict_floor,
             double         lax_floor)
{
  CmLinkScores strict, lax;

  if (!score_variant (variant, POLICIES_HELD_OUT, NULL, &strict, &lax))
    return;
  g_test_message ("translation_en %-8s held-out policies, strict links: P %.4f R %.4f F1 %.4f "
                  "(%u gold); clause pairs: P %.4f R %.4f F1 %.4f",
                  name, strict.precision, strict.recall, strict.f1, strict.n_gold,
                  lax.precision, lax.recall, lax.f1);
  printf ("# translation_en %-8s held out: strict F1 %.4f (P %.4f R %.4f)  pair F1 %.4f\n",
          name, strict.f1, strict.precision, strict.recall, lax.f1);
  g_assert_cmpfloat (strict.f1, >=, strict_floor);
  g_assert_cmpfloat (lax.f1, >=, lax_floor);
}

/* The perturbations, from the gentlest. */
static const struct
{
  const char *name;
  Variant     variant;
} variants[] = {
  { "1-1", { 0, 0, 0, 0 } },
  { "merged", { 0.15, 0, 0, 0 } },
  { "hard", { 0.15, 0.05, 0.03, 0 } },
  { "deleted", { 0.15, 0.10, 0, 0 } },   /* 10% of English lines gone, 15% merged */
  { "dropped", { 0, 0.10, 0, 0 } },      /* 10% of English lines gone, none merged */
  { "swapped", { 0, 0, 0, 0.05 } },      /* 5% of adjacent English lines swapped */
  { "titles", { .drop_title_rate = 0.3 } },  /* 30% of the titles gone from each version */
  { "abridged", { .abridge_rate = 0.15 } },  /* 15% of the lines cut short in each version */
};

enum { V_PARALLEL, V_MERGED, V_HARD, V_DELETED, V_DROPPED, V_SWAPPED, V_TITLES, V_ABRIDGED };

/* Floors: the figures measured on the held-out policies when they were
 * last raised (with the length tail and the title cost, README "How well
 * it aligns"), minus about 0.01; issue 12 asks for 0.95 at least. */
static void
test_parallel (void)
{
  run_variant ("1-1", &variants[V_PARALLEL].variant, 0.989, 0.989);
}

static void
test_merged (void)
{
  run_variant ("merged", &variants[V_MERGED].variant, 0.985, 0.987);
}

static void
test_hard (void)
{
  run_variant ("hard", &variants[V_HARD].variant, 0.976, 0.982);
}

static void
test_deleted (void)
{
  run_variant ("deleted", &variants[V_DELETED].variant, 0.976, 0.983);
}

static void
test_dropped (void)
{
  run_variant ("dropped", &variants[V_DROPPED].variant, 0.983, 0.986);
}

static void
test_swapped (void)
{
  run_variant ("swapped", &variants[V_SWAPPED].variant, 0.985, 0.986);
}

/* Floors of the set added with the title cost: measured minus about 0.01
 * (strict 0.9906, pairs 0.9932; 0.9666 and 0.9797 before it, 1-0 cost 4.0
 * for titles and other clauses alike). */
#define TITLES_STRICT_FLOOR 0.98
#define TITLES_PAIRS_FLOOR 0.983

static void
test_titles (void)
{
  run_variant ("titles", &variants[V_TITLES].variant, TITLES_STRICT_FLOOR, TITLES_PAIRS_FLOOR);
}

/* Floors of the set added with the length tail: measured minus about 0.01
 * (strict 0.9890, pairs 0.9928; 0.9368 and 0.9574 with the normal alone). */
#define ABRIDGED_STRICT_FLOOR 0.978
#define ABRIDGED_PAIRS_FLOOR 0.982

static void
test_abridged (void)
{
  run_variant ("abridged", &variants[V_ABRIDGED].variant, ABRIDGED_STRICT_FLOOR,
               ABRIDGED_PAIRS_FLOOR);
}

/* Strict F1 of every variant on the training policies for each setting in
 * @costs. */
static int
run_tune_costs (const char   *mode,
                const Costs  *costs,
                guint         n_costs)
{
  g_autoptr(GPtrArray) policies = load_corpus ();

  if (policies == NULL)
    {
      fprintf (stderr, "%s: ../shared/corpora/capp130 is absent\n", mode);
      return 77;
    }
  for (guint c = 0; c < n_costs; c++)
    {
      double sum = 0;

      printf ("1-0 %.1f title %.1f bare %.1f tail %.3f x%.1f:", costs[c].unaligned,
              costs[c].title_unaligned, costs[c].bare_clause, costs[c].length_tail_weight,
              costs[c].length_tail_scale);
      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        {
          CmLinkScores strict, lax;

          score_variant (&variants[v].variant, POLICIES_TRAIN, &costs[c], &strict, &lax);
          printf ("  %s %.4f", variants[v].name, strict.f1);
          sum += strict.f1;
        }
      printf ("  mean %.4f\n", sum / G_N_ELEMENTS (variants));
      fflush (stdout);
    }
  return 0;
}

/* Which cost a one-dimensional tuning loop varies. */
typedef enum
{
  TUNE_UNALIGNED,
  TUNE_TITLE_UNALIGNED,
  TUNE_BARE_CLAUSE,
} TunedCost;

static int
run_tune_values (const char   *mode,
                 TunedCost     tuned,
                 const Costs  *base,
                 const double *values,
                 guint         n_values)
{
  g_autofree Costs *costs = g_new0 (Costs, n_values);

  for (guint k = 0; k < n_values; k++)
    {
      costs[k] = *base;
      switch (tuned)
      {
      case TUNE_UNALIGNED: costs[k].unaligned = values[k]; break;
      case TUNE_TITLE_UNALIGNED: costs[k].title_unaligned = values[k]; break;
      case TUNE_BARE_CLAUSE: default: costs[k].bare_clause = values[k]; break;
      }
    }
  return run_tune_costs (mode, costs, n_values);
}

/* --tune: for a range of 1-0 costs (the figure CM_ALIGN_UNALIGNED_COST is
 * chosen from; the other costs at their defaults). */
static int
run_tune (void)
{
  static const double values[] = { 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0 };
  const Costs defaults = { 0 };

  return run_tune_values ("--tune", TUNE_UNALIGNED, &defaults, values, G_N_ELEMENTS (values));
}

/* --tune-bare: for a range of costs of a clause grouped without shared
 * evidence (the figure CM_ALIGN_BARE_CLAUSE_COST is chosen from; 1e-9
 * stands for none). */
static int
run_tune_bare (void)
{
  static const double values[] = { 1e-9, 2.0, 4.0, 6.0, 8.0, 12.0 };
  const Costs defaults = { 0 };

  return run_tune_values ("--tune-bare", TUNE_BARE_CLAUSE, &defaults, values, G_N_ELEMENTS (values));
}

/* --tune-titles [COST]: for a range of costs of leaving a title unlinked
 * (the figure CM_ALIGN_TITLE_UNALIGNED_COST is chosen from), at the given
 * 1-0 cost of other clauses (default: CM_ALIGN_UNALIGNED_COST); a title
 * cost equal to it does not tell titles apart. */
static int
run_tune_titles (double unaligned)
{
  static const double values[] = { 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0 };
  const Costs base = { .unaligned = unaligned };
  guint n = 0;

  /* a title never costs more to leave alone than another clause */
  while (n < G_N_ELEMENTS (values)
         && values[n] <= (unaligned > 0 ? unaligned : CM_ALIGN_UNALIGNED_COST))
    n++;
  return run_tune_values ("--tune-titles", TUNE_TITLE_UNALIGNED, &base, values, n);
}

/* --tune-length: for a grid of length tails (the share of links in the
 * wider normal and its spread; CM_ALIGN_LENGTH_TAIL_WEIGHT and _SCALE are
 * chosen from it; -1 is none, Gale & Church's normal alone). */
static int
run_tune_length (void)
{
  static const double weights[] = { -1, 0.005, 0.02, 0.05, 0.1, 0.2 };
  static const double scales[] = { 2.0, 3.0, 5.0, 8.0 };
  Costs costs[1 + (G_N_ELEMENTS (weights) - 1) * G_N_ELEMENTS (scales)] = { { 0 } };
  guint n = 0;

  costs[n++].length_tail_weight = -1;
  for (guint w = 1; w < G_N_ELEMENTS (weights); w++)
    for (guint k = 0; k < G_N_ELEMENTS (scales); k++, n++)
      {
        costs[n].length_tail_weight = weights[w];
        costs[n].length_tail_scale = scales[k];
      }
  return run_tune_costs ("--tune-length", costs, n);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc >= 2 && g_str_equal (argv[1], "--tune"))
    return run_tune ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-bare"))
    return run_tune_bare ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-titles"))
    return run_tune_titles (argc >= 3 ? g_ascii_strtod (argv[2], NULL) : 0);
  if (argc >= 2 && g_str_equal (argv[1], "--tune-length"))
    return run_tune_length ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-layouts"))
    return run_tune_layouts ();
  if (argc >= 2 && g_str_equal (argv[1], "--bench-unrelated"))
    return run_bench_unrelated (argc >= 3 ? (guint) atoi (argv[2]) : 2000);
  if (argc >= 2 && g_str_equal (argv[1], "--bench"))
    return run_bench (argc >= 3 ? (guint) atoi (argv[2]) : 5000);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aligner-corpus/parallel", test_parallel);
  g_test_add_func ("/aligner-corpus/merged", test_merged);
  g_test_add_func ("/aligner-corpus/hard", test_hard);
  g_test_add_func ("/aligner-corpus/deleted", test_deleted);
  g_test_add_func ("/aligner-corpus/dropped", test_dropped);
  g_test_add_func ("/aligner-corpus/swapped", test_swapped);
  g_test_add_func ("/aligner-corpus/titles", test_titles);
  g_test_add_func ("/aligner-corpus/abridged", test_abridged);
  g_test_add_func ("/aligner-corpus/wall-of-text", test_wall_of_text);
  g_test_add_func ("/aligner-corpus/interleaved", test_interleaved);
  g_test_add_func ("/aligner-corpus/unrelated", test_unrelated);
  g_test_add_func ("/aligner-corpus/unrelated-long", test_unrelated_long);
  g_test_add_func ("/aligner-corpus/shuffled", test_shuffled);
  g_test_add_func ("/aligner-corpus/sections-moved", test_sections_moved);
  status = g_test_run ();
  g_clear_pointer (&corpus_cache, g_ptr_array_unref);
  return status;
}
