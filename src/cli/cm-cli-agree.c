/* cm-cli-agree.c — `clausemark-cli agree`: how far annotators agree
 *
 * Reads documents (files or corpus folders; copies of one document by
 * several annotators are joined first, as `merge` does), computes the
 * figures of cm-agreement.h and prints them as a table or as JSON.
 * `--bench-synthetic PAIRS` times the computation on generated data (for
 * scripts/bench-agree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"

static gboolean as_json;
static int n_bootstrap = CM_AGREEMENT_DEFAULT_BOOTSTRAP;
static gint64 seed = CM_AGREEMENT_DEFAULT_SEED;
static int bench_pairs;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the figures as JSON", NULL },
  { "bootstrap", 'b', 0, G_OPTION_ARG_INT, &n_bootstrap,
    "Bootstrap replicates for the 95% intervals (default 1000; 0: none)", "N" },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the bootstrap (default 1)", "SEED" },
  { "bench-synthetic", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &bench_pairs,
    "Time the computation on PAIRS generated clause-annotator pairs", "PAIRS" },
  { NULL }
};

static void
print_figure (CmAgreementFigure figure)
{
  if (!isfinite (figure.value))
    printf ("  %-21s", "—");
  else if (!isfinite (figure.low))
    printf ("  %6.3f               ", figure.value);
  else
    printf ("  %6.3f [%6.3f %6.3f]", figure.value, figure.low, figure.high);
}

static void
print_row (CmAgreement *agreement,
           int          row,
           const char  *name)
{
  CmAgreementFigure percent = cm_agreement_get_figure (agreement, row, CM_AGREEMENT_PERCENT);

  printf ("%-20s %6u", name, percent.n_items);
  print_figure (percent);
  print_figure (cm_agreement_get_figure (agreement, row, CM_AGREEMENT_COHEN_MEAN));
  print_figure (cm_agreement_get_figure (agreement, row, CM_AGREEMENT_FLEISS));
  print_figure (cm_agreement_get_figure (agreement, row, CM_AGREEMENT_ALPHA));
  printf ("\n");
}

static void
print_pairs (CmAgreement *agreement)
{
  guint C = cm_agreement_get_n_annotators (agreement);

  printf ("\nCohen's kappa of each pair, on the clauses both annotated (whole label sets):\n");
  for (guint a = 0; a < C; a++)
    for (guint b = a + 1; b < C; b++)
      {
        CmAgreementFigure figure = cm_agreement_get_cohen (agreement, CM_AGREEMENT_OVERALL, a, b);

        printf ("  %s – %s (%u clauses)", cm_agreement_get_annotator (agreement, a),
                cm_agreement_get_annotator (agreement, b), figure.n_items);
        print_figure (figure);
        printf ("\n");
      }
}

static void
print_scores (CmAgreement *agreement)
{
  gboolean any = FALSE;

  for (guint c = 0; c < cm_agreement_get_n_annotators (agreement); c++)
    {
      double p, r, f1;
      guint support;

      if (!cm_agreement_get_scores (agreement, c, CM_AGREEMENT_OVERALL, &p, &r, &f1, &support))
        continue;
      if (!any)
        printf ("\nAgainst the adjudicated labels (micro-averaged):\n");
      any = TRUE;
      printf ("  %-16s precision %.3f  recall %.3f  F1 %.3f  (%u adjudicated labels)\n",
              cm_agreement_get_annotator (agreement, c), p, r, f1, support);
    }
}

typedef struct
{
  guint a, b, count;
} Confusion;

static int
compare_confusions (gconstpointer x,
                    gconstpointer y)
{
  const Confusion *a = x, *b = y;

  return (a->count < b->count) - (a->count > b->count);
}

static void
print_confusions (CmAgreement *agreement)
{
  g_autoptr(GArray) confusions = g_array_new (FALSE, FALSE, sizeof (Confusion));
  guint L = cm_agreement_get_n_labels (agreement);

  for (guint a = 0; a < L; a++)
    for (guint b = a + 1; b <= L; b++)
      {
        Confusion confusion = { a, b, cm_agreement_get_confusion (agreement, a, b) };

        if (confusion.count > 0)
          g_array_append_val (confusions, confusion);
      }
  if (confusions->len == 0)
    return;
  g_array_sort (confusions, compare_confusions);
  printf ("\nLabels one annotator gave where another gave the other (most often first):\n");
  for (guint i = 0; i < MIN (confusions->len, 10); i++)
    {
      const Confusion *c = &g_array_index (confusions, Confusion, i);

      printf ("  %-24s %-24s %u\n", cm_agreement_get_label (agreement, c->a),
              c->b == L ? "(no label)" : cm_agreement_get_label (agreement, c->b), c->count);
    }
}

static void
print_text (CmAgreement *agreement)
{
  guint C = cm_agreement_get_n_annotators (agreement);
  CmAgreementFigure masi = cm_agreement_get_figure (agreement, CM_AGREEMENT_OVERALL,
                                                    CM_AGREEMENT_ALPHA_MASI);

  printf ("%u annotators on %u documents: %u clauses annotated, %u of them by two or more; "
          "%u labelable clauses nobody annotated.\n", C, cm_agreement_get_n_documents (agreement),
          cm_agreement_get_n_items (agreement), cm_agreement_get_n_pairable (agreement),
          cm_agreement_get_n_unannotated (agreement));
  printf ("Missing annotations (clauses others annotated):");
  for (guint c = 0; c < C; c++)
    printf ("%s %s %u", c ? "," : "", cm_agreement_get_annotator (agreement, c),
            cm_agreement_get_n_missing (agreement, c));
  printf ("\n");
  if (cm_agreement_get_n_bootstrap (agreement) > 0)
    printf ("[95%% intervals: %u bootstrap replicates resampling documents, seed %" G_GUINT64_FORMAT "]\n",
            cm_agreement_get_n_bootstrap (agreement), cm_agreement_get_seed (agreement));
  printf ("\n%-20s %6s  %-21s  %-21s  %-21s  %-21s\n", "label (yes/no)", "items", "agreement",
          "Cohen's kappa (mean)", "Fleiss' kappa", "Krippendorff's alpha");
  for (guint l = 0; l < cm_agreement_get_n_labels (agreement); l++)
    print_row (agreement, (int) l, cm_agreement_get_label (agreement, l));
  print_row (agreement, CM_AGREEMENT_OVERALL, "(whole label sets)");
  printf ("%-20s %6s  %-21s  %-21s  %-21s", "", "", "", "", "alpha with MASI:");
  print_figure (masi);
  printf ("\n");
  if (C > 2)
    printf ("(Cohen's mean and Fleiss' kappa use the clauses every annotator annotated.)\n");
  print_pairs (agreement);
  print_scores (agreement);
  print_confusions (agreement);
}

/* Generated documents: 3 annotators, 11 labels, 300 clauses a document,
 * each clause 0–2 labels, annotators agreeing 80 % of the time, 2 % of
 * annotations missing. */
static GPtrArray *
synthetic_documents (guint n_pairs)
{
  static const char * const labels[] = {
    "collection", "permission", "sharing", "usage", "retention", "security",
    "special-audiences", "user-rights", "contact", "policy-change", "cessation",
  };
  static const char * const annotators[] = { "ann", "ben", "cai" };
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  /* Three annotators, 2 % of their annotations missing. */
  guint n_clauses = (guint) ceil (n_pairs / (3 * 0.97)), per_document = 300;

  for (guint start = 0; start < n_clauses; start += per_document)
    {
      guint n = MIN (per_document, n_clauses - start);
      g_autofree char *id = g_strdup_printf ("doc%u", start / per_document);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
      CmDocument *document;

      for (guint i = 0; i < n; i++)
        g_string_append (text, "A clause.\n");
      document = cm_document_new (id, text->str);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *clause_id = g_strdup_printf ("c%u", i + 1);
          CmClause *clause = cm_clause_new (clause_id, i * 10, i * 10 + 9, CM_CLAUSE_KIND_BODY);
          const char *truth[3] = { NULL, NULL, NULL };
          guint n_truth = g_rand_int_range (rand, 0, 3);

          for (guint t = 0; t < n_truth; t++)
            truth[t] = labels[g_rand_int_range (rand, 0, 11)];
          if (n_truth == 2 && g_str_equal (truth[0], truth[1]))
            truth[1] = NULL;
          for (guint a = 0; a < 3; a++)
            {
              const char *given[3] = { truth[0], truth[1], NULL };
              g_autoptr(CmAnnotation) annotation = NULL;

              if (g_rand_double (rand) < 0.02)
                continue;
              if (g_rand_double (rand) >= 0.8)
                given[given[0] == NULL ? 0 : 1] = labels[g_rand_int_range (rand, 0, 11)];
              if (given[1] != NULL && given[0] != NULL && g_str_equal (given[0], given[1]))
                given[1] = NULL;
              annotation = cm_annotation_new (annotators[a], given, CM_REVIEW_STATUS_CORRECTED,
                                              "2026-11-30T00:00:00Z", NULL);
              cm_clause_set_annotation (clause, annotation);
            }
          g_ptr_array_add (clauses, clause);
        }
      cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
      g_ptr_array_add (documents, document);
    }
  return documents;
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Median time of 7 runs, with and without the bootstrap: wall-clock time
 * (which on a busy machine also counts the time other processes hold the
 * cores; the bootstrap runs on every core) and the CPU time of all threads. */
static int
bench (guint n_pairs)
{
  g_autoptr(GPtrArray) documents = synthetic_documents (n_pairs);
  guint counts[] = { 0, (guint) n_bootstrap };
  guint total = 0;

  for (guint d = 0; d < documents->len; d++)
    for (guint i = 0; i < cm_document_get_n_clauses (g_ptr_array_index (documents, d)); i++)
      total += cm_clause_get_n_annotations (cm_document_get_clause (g_ptr_array_index (documents, d), i));
  printf ("%u clause-annotator pairs, %u documents, 3 annotators, 11 labels\n", total,
          documents->len);
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      double times[7], cpu[7];

      for (guint run = 0; run < 7; run++)
        {
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();
          double cpu_start = cpu_seconds ();
          g_autoptr(CmAgreement) agreement = cm_agreement_compute (documents, counts[k], 1, NULL,
                                                                   &error);

          cpu[run] = cpu_seconds () - cpu_start;
          times[run] = (g_get_monotonic_time () - start) / 1e6;
          if (agreement == NULL)
            {
              cm_cli_print_error (NULL, error->message);
              return CM_CLI_EXIT_FAILURE;
            }
        }
      qsort (times, 7, sizeof (double), cm_cli_compare_doubles);
      qsort (cpu, 7, sizeof (double), cm_cli_compare_doubles);
      printf ("agree, %4u bootstrap replicates: median %.3f s CPU (min %.3f, max %.3f), "
              "%.3f s wall-clock, over 7 runs\n", counts[k], cpu[3], cpu[0], cpu[6], times[3]);
    }
  return CM_CLI_EXIT_OK;
}

int
cm_cli_cmd_agree (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FOLDER|FILE… — how far annotators agree, per label and overall");
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CmAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Reads documents whose clauses carry several annotators' annotations: joined copies "
    "(see `merge`), or the annotators' copies themselves (copies of one document are joined "
    "first). Per label (yes/no) and for whole label sets: percent agreement, Cohen's kappa of "
    "every pair and their mean, Davies-Fleiss and Fleiss' kappa (on the clauses every "
    "annotator annotated), Krippendorff's alpha (nominal; on label sets also with the MASI "
    "distance), each with a 95% bootstrap interval resampling documents; precision, recall "
    "and F1 of each annotator against adjudicated labels; labels annotators confuse; "
    "missing annotations. The README (\"Working as a team\") defines each figure.\n\n"
    "Exit status: 0, 1 if the documents could not be read or joined, 2 on bad usage.");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (n_bootstrap < 0)
    {
      cm_cli_print_error (NULL, "agree: --bootstrap must be 0 or more");
      return CM_CLI_EXIT_USAGE;
    }
  if (bench_pairs > 0)
    return bench ((guint) bench_pairs);
  if (argc < 2)
    {
      cm_cli_print_error (NULL, "agree: give at least one folder or file");
      return CM_CLI_EXIT_USAGE;
    }

  documents = cm_merge_load ((const char * const *) argv + 1, NULL, &error);
  if (documents != NULL)
    agreement = cm_agreement_compute (documents, (guint) n_bootstrap, (guint64) seed, NULL, &error);
  if (agreement == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  if (as_json)
    {
      g_autofree char *json = cm_agreement_to_json (agreement, NULL);

      fputs (json, stdout);
    }
  else
    print_text (agreement);
  return CM_CLI_EXIT_OK;
}
