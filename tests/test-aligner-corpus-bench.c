/* test-aligner-corpus-bench.c — test-aligner-corpus --bench [N]: times
 * cm_align_documents() on two documents of N clauses built from the corpus
 * (scripts/bench-align runs it)
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
  zh = build_document ("bench-zh", "zh", zh_pieces, zh_ids);
  en = build_document ("bench-en", "en", en_pieces, en_ids);
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
