/* test-aligner-corpus-bench.c — test-aligner-corpus --bench [N]: times
 * cm_align_documents() on two documents of N clauses built from the corpus;
 * --bench-unrelated [N]: align and compare on texts that are no versions of
 * each other, and on a text against itself shuffled in blocks
 * (scripts/bench-align runs both)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "test-aligner-corpus-private.h"

/* ---- bench ---------------------------------------------------------- */

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
run_bench (guint n_clauses)
{
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) zh_pieces = g_ptr_array_new ();
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_pieces = g_ptr_array_new ();
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  CmAlignOptions options;
  struct rusage usage;
  double times[7], cpu_times[7], before_align;
  guint p = 0, line = 0;

  policies = load_corpus ();
  if (policies == NULL)
    {
      fprintf (stderr, "bench-align: ../shared/corpora/capp130 is absent\n");
      return 77;
    }
  /* real sentences, 3% dropped on each side so that the path is not a
   * straight diagonal */
  while (zh_pieces->len < n_clauses || en_pieces->len < n_clauses)
    {
      Policy *policy = policies->pdata[p];

      if (line >= policy->zh->len)
        {
          p = (p + 1) % policies->len;
          line = 0;
          continue;
        }
      if (zh_pieces->len < n_clauses && g_rand_double (rand) >= 0.03)
        {
          g_ptr_array_add (zh_pieces, policy->zh->pdata[line]);
          g_ptr_array_add (zh_ids, g_strdup_printf ("z%u", zh_pieces->len));
        }
      if (en_pieces->len < n_clauses && g_rand_double (rand) >= 0.03)
        {
          g_ptr_array_add (en_pieces, policy->en->pdata[line]);
          g_ptr_array_add (en_ids, g_strdup_printf ("e%u", en_pieces->len));
        }
      line++;
    }
  zh = cm_test_document_of_lines ("bench-zh", "zh", zh_pieces, zh_ids);
  en = cm_test_document_of_lines ("bench-en", "en", en_pieces, en_ids);
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  cm_align_options_init (&options);
  options.lexicon = lexicon;

  getrusage (RUSAGE_SELF, &usage);
  before_align = usage.ru_maxrss / 1024.0;
  for (guint r = 0; r < G_N_ELEMENTS (times); r++)
    {
      struct timespec cpu_start, cpu_end;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) links = NULL;

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
      links = cm_align_documents (zh, en, &options, &error);
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
      g_assert_no_error (error);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
      cpu_times[r] = (cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_double);
  qsort (cpu_times, G_N_ELEMENTS (cpu_times), sizeof (double), compare_double);
  /* CPU time is what the aligner costs; wall time also shows how busy the
   * machine was */
  getrusage (RUSAGE_SELF, &usage);
  printf ("align %u x %u clauses: median CPU %.3f s (min %.3f, max %.3f), median wall %.3f s, "
          "%u runs, peak RSS of the whole process %.0f MB (%.0f MB before aligning: the corpus "
          "and the two documents)\n",
          zh_pieces->len, en_pieces->len, cpu_times[G_N_ELEMENTS (cpu_times) / 2], cpu_times[0],
          cpu_times[G_N_ELEMENTS (cpu_times) - 1], times[G_N_ELEMENTS (times) / 2],
          (guint) G_N_ELEMENTS (times), usage.ru_maxrss / 1024.0, before_align);
  return 0;
}

/* ---- unrelated and reordered texts ----------------------------------- */

typedef enum { BENCH_ALIGN, BENCH_COMPARE } BenchKind;

/* Median CPU time of @runs alignments of @a with @b. */
static void
bench_case (const char           *name,
            BenchKind             kind,
            CmDocument           *a,
            CmDocument           *b,
            const CmAlignOptions *options,
            guint                 runs)
{
  g_autofree double *cpu_times = g_new (double, runs);
  struct rusage usage;
  CmLinkSummary summary = { 0 };
  guint own = 0;

  for (guint r = 0; r < runs; r++)
    {
      struct timespec cpu_start, cpu_end;
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GError) error = NULL;

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
      links = kind == BENCH_ALIGN ? cm_align_documents (a, b, options, &error)
                                  : cm_align_versions (a, b, options, &error);
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
      g_assert_no_error (error);
      cpu_times[r] = (cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
      cm_links_summarize (links, &summary);
      /* the shuffled copy keeps its lines' ids */
      own = 0;
      for (guint i = 0; i < links->len; i++)
        {
          const CmLink *link = g_ptr_array_index (links, i);

          own += link->clauses[0] && !link->clauses[1] && link->partner_clauses[0]
                 && !link->partner_clauses[1] && g_str_equal (link->clauses[0], link->partner_clauses[0]);
        }
    }
  qsort (cpu_times, runs, sizeof (double), compare_double);
  getrusage (RUSAGE_SELF, &usage);
  printf ("%-18s %u x %u clauses: median CPU %.3f s (min %.3f, max %.3f, %u runs), clauses linked "
          "%.3f (to their own line %.3f), next to another link %.3f%s; peak RSS of the process so "
          "far %.0f MB\n",
          name, cm_document_get_n_clauses (a), cm_document_get_n_clauses (b), cpu_times[runs / 2],
          cpu_times[0], cpu_times[runs - 1], runs, summary.linked_share,
          (double) own / MAX (cm_document_get_n_clauses (a), 1), summary.run_share,
          summary.unrelated ? " (told apart)" : "", usage.ru_maxrss / 1024.0);
  fflush (stdout);
}

int
run_bench_unrelated (guint n_clauses)
{
  g_autoptr(GPtrArray) policies = load_corpus ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (50);
  GPtrArray *pieces[4], *ids[4];
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmDocument) other_en = NULL;
  g_autoptr(CmDocument) shuffled_en = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  CmAlignOptions options;
  const guint runs = 5;

  if (policies == NULL)
    {
      fprintf (stderr, "bench-align: ../shared/corpora/capp130 is absent\n");
      return 77;
    }
  for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
    {
      pieces[k] = g_ptr_array_new ();
      ids[k] = g_ptr_array_new_with_free_func (g_free);
    }
  /* the policies from the first on, in both languages; English from the
   * middle of the corpus on (other companies' policies: CAPP-130 has
   * 31,167 lines, so up to ~15,000 the two share no policy); the English
   * shuffled in blocks of 50 lines */
  corpus_lines (policies, POLICIES_ALL, 0, TRUE, n_clauses, "l", pieces[0], ids[0]);
  corpus_lines (policies, POLICIES_ALL, 0, FALSE, n_clauses, "l", pieces[1], ids[1]);
  corpus_lines (policies, POLICIES_ALL, policies->len / 2, FALSE, n_clauses, "o", pieces[2], ids[2]);
  corpus_lines (policies, POLICIES_ALL, 0, FALSE, n_clauses, "l", pieces[3], ids[3]);
  shuffle_blocks (pieces[3], ids[3], 50, rand);
  zh = cm_test_document_of_lines ("bench-zh", "zh", pieces[0], ids[0]);
  en = cm_test_document_of_lines ("bench-en", "en", pieces[1], ids[1]);
  other_en = cm_test_document_of_lines ("bench-other-en", "en", pieces[2], ids[2]);
  shuffled_en = cm_test_document_of_lines ("bench-shuffled-en", "en", pieces[3], ids[3]);
  for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
    {
      g_ptr_array_unref (pieces[k]);
      g_ptr_array_unref (ids[k]);
    }

  /* as --bench: the lexicon loaded once (compare uses the words instead) */
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  cm_align_options_init (&options);
  options.lexicon = lexicon;
  bench_case ("align unrelated", BENCH_ALIGN, zh, other_en, &options, runs);
  bench_case ("align shuffled", BENCH_ALIGN, zh, shuffled_en, &options, runs);
  bench_case ("compare unrelated", BENCH_COMPARE, en, other_en, &options, runs);
  bench_case ("compare shuffled", BENCH_COMPARE, en, shuffled_en, &options, runs);
  return 0;
}
