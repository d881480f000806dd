/* cm-agreement-stats.c — agreement figures and their bootstrap intervals
 *
 * Definitions (README, "Working as a team", says the same in prose). Each
 * row is one variable: a label as yes/no (two categories), or the whole
 * label set of a clause (one category per distinct set). An item is a
 * clause that at least one annotator annotated; "pairable" items have two
 * or more annotations.
 *
 * - percent: agreeing pairs of annotations over all pairs, pooled over
 *   pairable items (NLTK's avg_Ao when no annotation is missing);
 * - Cohen's kappa of a pair: on the items both annotated (Cohen 1960);
 * - mean Cohen (NLTK kappa), Davies–Fleiss (NLTK multi_kappa) and Fleiss
 *   (NLTK pi, Fleiss 1971) need every annotator on every item: they use the
 *   items all annotators annotated;
 * - Krippendorff's alpha: every pairable item (items with one annotation
 *   do not count, as in Krippendorff and NLTK); 1 when the data hold a
 *   single value (NLTK's rule); with the MASI distance on label sets as
 *   NLTK defines it (0.67 and 0.33, not 2/3 and 1/3), and MASI(∅, ∅) = 0.
 * Undefined figures (no items, or chance agreement 1) are NAN.
 *
 * Intervals: percentile bootstrap (2.5 % and 97.5 %, linear between order
 * statistics), resampling documents with replacement, seeded (splitmix64,
 * one stream per replicate: the same seed gives the same intervals on any
 * number of threads).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-agreement-private.h"

/* One variable's slots in the vector of sums. */
typedef struct
{
  guint    n_categories;
  gsize    offset;
  gsize    size;
  gsize    complete;     /* relative offsets of the sections */
  gsize    alpha;
  double  *masi;         /* [K * K], whole label sets only */
} Variable;

typedef struct
{
  const CmAgreementInput *input;
  guint     n_variables;
  guint     n_pairs;
  Variable *variables;
  gsize     size;            /* of the vector of sums */
  guint    *set_category;    /* [n_items * n_coders]: the label set's category, or G_MAXUINT */
  guint64  *set_masks;       /* [K] the label set of each category */
} Layout;

/* Slots of a variable with K categories (offsets relative to it):
 *   0 agreeing pairs, 1 pairs;
 *   per pair p at 2 + p (2 + 2K): items both annotated, agreeing, K + K margins;
 *   complete: items all annotated, agreeing per pair [P], counts per coder [C K];
 *   alpha: Σ disagreement/(m-1) nominal, values in pairable items, Σ MASI
 *   disagreement/(m-1), values per category (pairable items) [K],
 *   values per category (all items) [K]. */
static gsize
pair_slot (const Variable *v,
           guint           pair)
{
  return 2 + (gsize) pair * (2 + 2 * v->n_categories);
}

static double
masi_distance (guint64 a,
               guint64 b)
{
  guint n_a = __builtin_popcountll (a), n_b = __builtin_popcountll (b);
  guint n_both = __builtin_popcountll (a & b), n_any = __builtin_popcountll (a | b);
  double m;

  if (a == b)
    return 0.0;  /* also ∅ and ∅, where NLTK divides by zero */
  if (n_a == n_b && n_a == n_both)
    m = 1.0;
  else if (n_both == MIN (n_a, n_b))
    m = 0.67;
  else if (n_both > 0)
    m = 0.33;
  else
    m = 0.0;
  return 1.0 - (double) n_both / n_any * m;
}

static void
layout_init (Layout                 *layout,
             const CmAgreementInput *input)
{
  g_autoptr(GHashTable) categories = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) masks = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint C = input->n_coders;
  gsize n_codes = (gsize) input->n_items * C;
  gsize offset = 0;

  layout->input = input;
  layout->n_pairs = C * (C - 1) / 2;
  layout->n_variables = input->n_labels + 1;
  layout->variables = g_new0 (Variable, layout->n_variables);
  layout->set_category = g_new (guint, MAX (n_codes, 1));

  /* Whole label sets: one category per distinct set. */
  for (gsize i = 0; i < n_codes; i++)
    {
      gpointer value;

      if (input->codes[i] == CM_AGREEMENT_MISSING)
        {
          layout->set_category[i] = G_MAXUINT;
          continue;
        }
      if (!g_hash_table_lookup_extended (categories, &input->codes[i], NULL, &value))
        {
          value = GUINT_TO_POINTER (masks->len);
          g_array_append_val (masks, input->codes[i]);
          /* The key points into the input, which outlives the table. */
          g_hash_table_insert (categories, (gpointer) &input->codes[i], value);
        }
      layout->set_category[i] = GPOINTER_TO_UINT (value);
    }
  layout->set_masks = (guint64 *) g_array_free (g_steal_pointer (&masks), FALSE);

  for (guint v = 0; v < layout->n_variables; v++)
    {
      Variable *var = &layout->variables[v];
      guint K = v < input->n_labels ? 2 : g_hash_table_size (categories);

      var->n_categories = K;
      var->offset = offset;
      var->complete = pair_slot (var, layout->n_pairs);
      var->alpha = var->complete + 1 + layout->n_pairs + (gsize) C * K;
      var->size = var->alpha + 3 + 2 * (gsize) K;
      offset += var->size;
      if (v == input->n_labels)
        {
          var->masi = g_new (double, MAX ((gsize) K * K, 1));
          for (guint a = 0; a < K; a++)
            for (guint b = 0; b < K; b++)
              var->masi[a * K + b] = masi_distance (layout->set_masks[a], layout->set_masks[b]);
        }
    }
  layout->size = offset;
}

static void
layout_clear (Layout *layout)
{
  for (guint v = 0; v < layout->n_variables; v++)
    g_free (layout->variables[v].masi);
  g_free (layout->variables);
  g_free (layout->set_category);
  g_free (layout->set_masks);
}

/* Adds one item's values (-1 = not annotated) to a variable's sums. */
static void
add_item (const Layout   *layout,
          const Variable *var,
          double         *sums,
          const int      *x)
{
  guint C = layout->input->n_coders, K = var->n_categories;
  double *s = sums + var->offset;
  double *alpha = s + var->alpha;
  guint m = 0, agree = 0, total = 0, p = 0;
  double masi = 0.0;

  for (guint c = 0; c < C; c++)
    if (x[c] >= 0)
      {
        m++;
        alpha[3 + K + x[c]] += 1;
      }
  if (m < 2)
    return;
  for (guint a = 0; a < C; a++)
    for (guint b = a + 1; b < C; b++, p++)
      {
        double *pair;

        if (x[a] < 0 || x[b] < 0)
          continue;
        pair = s + pair_slot (var, p);
        total++;
        if (x[a] == x[b])
          {
            agree++;
            pair[1] += 1;
          }
        pair[0] += 1;
        pair[2 + x[a]] += 1;
        pair[2 + K + x[b]] += 1;
        if (var->masi != NULL)
          masi += var->masi[(gsize) x[a] * K + x[b]];
      }
  s[0] += agree;
  s[1] += total;
  /* Σ over ordered pairs of values of the item, over m - 1 (Krippendorff). */
  alpha[0] += 2.0 * (total - agree) / (m - 1);
  alpha[1] += m;
  alpha[2] += 2.0 * masi / (m - 1);
  for (guint c = 0; c < C; c++)
    if (x[c] >= 0)
      alpha[3 + x[c]] += 1;

  if (m == C)
    {
      double *complete = s + var->complete;

      complete[0] += 1;
      p = 0;
      for (guint a = 0; a < C; a++)
        for (guint b = a + 1; b < C; b++, p++)
          if (x[a] == x[b])
            complete[1 + p] += 1;
      for (guint c = 0; c < C; c++)
        complete[1 + layout->n_pairs + (gsize) c * K + x[c]] += 1;
    }
}

static void
add_item_all (const Layout *layout,
              double       *sums,
              guint         item,
              int          *x)
{
  const CmAgreementInput *in = layout->input;
  guint C = in->n_coders;
  const guint64 *codes = in->codes + (gsize) item * C;

  for (guint l = 0; l < in->n_labels; l++)
    {
      for (guint c = 0; c < C; c++)
        x[c] = codes[c] == CM_AGREEMENT_MISSING ? -1 : (int) ((codes[c] >> l) & 1);
      add_item (layout, &layout->variables[l], sums, x);
    }
  for (guint c = 0; c < C; c++)
    {
      guint category = layout->set_category[(gsize) item * C + c];
      x[c] = category == G_MAXUINT ? -1 : (int) category;
    }
  add_item (layout, &layout->variables[in->n_labels], sums, x);
}

static double
kappa (double observed,
       double expected)
{
  return expected >= 1.0 ? NAN : (observed - expected) / (1.0 - expected);
}

/* The figures of one variable from its sums. */
static void
variable_stats (const Layout   *layout,
                const Variable *var,
                const double   *sums,
                double         *out)
{
  guint C = layout->input->n_coders, K = var->n_categories, P = layout->n_pairs;
  const double *s = sums + var->offset;
  const double *complete = s + var->complete;
  const double *alpha = s + var->alpha;
  double n;
  guint n_values = 0;

  for (guint i = 0; i < CM_AGREEMENT_STAT_N_FIXED + P; i++)
    out[i] = NAN;
  out[CM_AGREEMENT_STAT_PERCENT] = s[1] > 0 ? s[0] / s[1] : NAN;

  for (guint p = 0; p < P; p++)
    {
      const double *pair = s + pair_slot (var, p);
      double expected = 0.0;

      if (pair[0] <= 0)
        continue;
      for (guint k = 0; k < K; k++)
        expected += pair[2 + k] * pair[2 + K + k];
      out[CM_AGREEMENT_STAT_N_FIXED + p] = kappa (pair[1] / pair[0], expected / (pair[0] * pair[0]));
    }

  n = complete[0];
  if (n > 0 && P > 0)
    {
      double sum_kappa = 0.0, sum_observed = 0.0, sum_expected = 0.0, chance = 0.0;
      guint p = 0;

      for (guint a = 0; a < C; a++)
        for (guint b = a + 1; b < C; b++, p++)
          {
            const double *count_a = complete + 1 + P + (gsize) a * K;
            const double *count_b = complete + 1 + P + (gsize) b * K;
            double expected = 0.0, observed = complete[1 + p] / n;

            for (guint k = 0; k < K; k++)
              expected += count_a[k] * count_b[k];
            expected /= n * n;
            sum_kappa += kappa (observed, expected);
            sum_observed += observed;
            sum_expected += expected;
          }
      for (guint k = 0; k < K; k++)
        {
          double total = 0.0;

          for (guint c = 0; c < C; c++)
            total += complete[1 + P + (gsize) c * K + k];
          total /= n * C;
          chance += total * total;
        }
      out[CM_AGREEMENT_STAT_COHEN_MEAN] = sum_kappa / P;
      out[CM_AGREEMENT_STAT_DAVIES_FLEISS] = kappa (sum_observed / P, sum_expected / P);
      out[CM_AGREEMENT_STAT_FLEISS] = kappa (sum_observed / P, chance);
    }

  for (guint k = 0; k < K; k++)
    if (alpha[3 + K + k] > 0)
      n_values++;
  n = alpha[1];
  if (n_values == 1)
    {
      out[CM_AGREEMENT_STAT_ALPHA] = 1.0;
      if (var->masi != NULL)
        out[CM_AGREEMENT_STAT_ALPHA_MASI] = 1.0;
    }
  else if (n >= 2)
    {
      double squares = 0.0, expected;

      for (guint k = 0; k < K; k++)
        squares += alpha[3 + k] * alpha[3 + k];
      expected = (n * n - squares) / (n * (n - 1));
      out[CM_AGREEMENT_STAT_ALPHA] = expected > 0 ? 1.0 - (alpha[0] / n) / expected : NAN;
      if (var->masi != NULL)
        {
          double masi = 0.0;

          for (guint a = 0; a < K; a++)
            {
              if (alpha[3 + a] == 0)
                continue;
              for (guint b = 0; b < K; b++)
                masi += alpha[3 + a] * alpha[3 + b] * var->masi[(gsize) a * K + b];
            }
          masi /= n * (n - 1);
          out[CM_AGREEMENT_STAT_ALPHA_MASI] = masi > 0 ? 1.0 - (alpha[2] / n) / masi : NAN;
        }
    }
}

static void
all_stats (const Layout *layout,
           const double *sums,
           guint         n_stats,
           double       *out)
{
  for (guint v = 0; v < layout->n_variables; v++)
    variable_stats (layout, &layout->variables[v], sums, out + (gsize) v * n_stats);
}

/* Each document's sums, kept sparse: (slot, value) from offsets[d] to offsets[d + 1]. */
typedef struct
{
  gsize   *offsets;
  guint32 *slots;
  double  *values;
} DocumentSums;

static void
document_sums_clear (DocumentSums *sums)
{
  g_free (sums->offsets);
  g_free (sums->slots);
  g_free (sums->values);
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Percentile (R type 7) of the finite values; NAN when there are none. */
static double
percentile (double *values,
            guint   n,
            double  p)
{
  double h;
  guint lo;

  if (n == 0)
    return NAN;
  h = (n - 1) * p;
  lo = (guint) floor (h);
  if (lo + 1 >= n)
    return values[n - 1];
  return values[lo] + (h - lo) * (values[lo + 1] - values[lo]);
}

/* Replicates [first, last): each from a generator of its own, seeded from
 * the seed and its number, so that the intervals do not depend on how the
 * replicates are shared among threads. */
typedef struct
{
  const Layout       *layout;
  const DocumentSums *documents;
  guint               n_stats;
  gsize               n_figures;
  guint64             seed;
  guint               first, last;
  double             *replicates;  /* [B * n_figures] */
  GCancellable       *cancellable;
} BootstrapSlice;

static gpointer
bootstrap_slice (gpointer data)
{
  BootstrapSlice *slice = data;
  const Layout *layout = slice->layout;
  const DocumentSums *documents = slice->documents;
  guint D = layout->input->n_documents;
  g_autofree double *sums = g_new (double, layout->size);
  g_autofree guint *weights = g_new (guint, D);

  for (guint r = slice->first; r < slice->last; r++)
    {
      guint64 state = slice->seed ^ ((guint64) r * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

      if (g_cancellable_is_cancelled (slice->cancellable))
        break;
      memset (weights, 0, sizeof (guint) * D);
      for (guint d = 0; d < D; d++)
        weights[splitmix64 (&state) % D]++;
      memset (sums, 0, sizeof (double) * layout->size);
      for (guint d = 0; d < D; d++)
        {
          double w = weights[d];

          if (w == 0)
            continue;
          for (gsize i = documents->offsets[d]; i < documents->offsets[d + 1]; i++)
            sums[documents->slots[i]] += w * documents->values[i];
        }
      all_stats (layout, sums, slice->n_stats, slice->replicates + (gsize) r * slice->n_figures);
    }
  return NULL;
}

static void
bootstrap (const Layout       *layout,
           const DocumentSums *documents,
           CmAgreementResults *results,
           guint64             seed,
           GCancellable       *cancellable)
{
  guint B = results->n_bootstrap;
  gsize n_figures = (gsize) results->n_rows * results->n_stats;
  g_autofree double *replicates = g_new (double, n_figures * B);
  g_autofree double *column = g_new (double, B);
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);
  g_autofree BootstrapSlice *slices = g_new0 (BootstrapSlice, n_threads);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);

  n_threads = MIN (n_threads, B);
  for (guint t = 0; t < n_threads; t++)
    {
      slices[t] = (BootstrapSlice) { layout, documents, results->n_stats, n_figures, seed,
                                     (guint) ((guint64) B * t / n_threads),
                                     (guint) ((guint64) B * (t + 1) / n_threads),
                                     replicates, cancellable };
      if (t > 0)
        threads[t] = g_thread_new ("cm-bootstrap", bootstrap_slice, &slices[t]);
    }
  if (n_threads > 0)
    bootstrap_slice (&slices[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
  if (g_cancellable_is_cancelled (cancellable))
    return;

  for (gsize f = 0; f < n_figures; f++)
    {
      guint n = 0;

      for (guint r = 0; r < B; r++)
        {
          double value = replicates[(gsize) r * n_figures + f];

          if (isfinite (value))
            column[n++] = value;
        }
      qsort (column, n, sizeof (double), compare_doubles);
      results->low[f] = percentile (column, n, 0.025);
      results->high[f] = percentile (column, n, 0.975);
    }
}

/* Scores against adjudicated labels, confusions and missing annotations:
 * plain counts, no interval. */
static void
count_item (const CmAgreementInput *in,
            CmAgreementResults     *results,
            guint                   item)
{
  guint C = in->n_coders, L = in->n_labels;
  const guint64 *codes = in->codes + (gsize) item * C;
  guint64 gold = in->gold ? in->gold[item] : CM_AGREEMENT_MISSING;
  guint present = 0;

  for (guint c = 0; c < C; c++)
    if (codes[c] != CM_AGREEMENT_MISSING)
      present++;
  if (present >= 2)
    results->n_pairable++;
  for (guint c = 0; c < C; c++)
    {
      guint *tp = results->tp + (gsize) c * (L + 1);
      guint *fp = results->fp + (gsize) c * (L + 1);
      guint *fn = results->fn + (gsize) c * (L + 1);

      if (codes[c] == CM_AGREEMENT_MISSING)
        {
          results->n_missing[c]++;
          continue;
        }
      if (gold == CM_AGREEMENT_MISSING)
        continue;
      for (guint l = 0; l < L; l++)
        {
          gboolean given = (codes[c] >> l) & 1, true_ = (gold >> l) & 1;

          tp[l] += given && true_;
          fp[l] += given && !true_;
          fn[l] += !given && true_;
        }
      tp[L] += __builtin_popcountll (codes[c] & gold);
      fp[L] += __builtin_popcountll (codes[c] & ~gold);
      fn[L] += __builtin_popcountll (~codes[c] & gold);
    }
  for (guint a = 0; a < C; a++)
    for (guint b = a + 1; b < C; b++)
      {
        guint64 only_a, only_b;

        if (codes[a] == CM_AGREEMENT_MISSING || codes[b] == CM_AGREEMENT_MISSING)
          continue;
        only_a = codes[a] & ~codes[b];
        only_b = codes[b] & ~codes[a];
        /* x given by one where the other gave y instead (or nothing). */
        for (guint i = 0; i < L; i++)
          {
            if (!((only_a >> i) & 1) && !((only_b >> i) & 1))
              continue;
            if (only_a != 0 && only_b != 0)
              {
                guint64 other = (only_a >> i) & 1 ? only_b : only_a;

                for (guint j = i + 1; j < L; j++)
                  if ((other >> j) & 1)
                    results->confusion[(gsize) i * (L + 1) + j]++;
              }
            else
              results->confusion[(gsize) i * (L + 1) + L]++;
          }
      }
}

CmAgreementResults *
cm_agreement_results_compute (const CmAgreementInput *input,
                              guint                   n_bootstrap,
                              guint64                 seed,
                              GCancellable           *cancellable)
{
  g_autoptr(CmAgreementResults) results = g_new0 (CmAgreementResults, 1);
  g_autofree double *sums = NULL;
  g_autofree double *document = NULL;
  g_autofree int *x = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  DocumentSums documents = { 0 };
  Layout layout;
  guint C, L, item = 0;
  gsize n_figures;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->n_labels <= CM_AGREEMENT_MAX_LABELS, NULL);

  C = input->n_coders;
  L = input->n_labels;
  layout_init (&layout, input);
  results->n_rows = L + 1;
  results->n_pairs = layout.n_pairs;
  results->n_stats = CM_AGREEMENT_STAT_N_FIXED + layout.n_pairs;
  n_figures = (gsize) results->n_rows * results->n_stats;
  results->value = g_new (double, n_figures);
  results->low = g_new (double, n_figures);
  results->high = g_new (double, n_figures);
  results->n_items = g_new0 (guint, n_figures);
  results->n_missing = g_new0 (guint, MAX (C, 1));
  results->tp = g_new0 (guint, (gsize) MAX (C, 1) * (L + 1));
  results->fp = g_new0 (guint, (gsize) MAX (C, 1) * (L + 1));
  results->fn = g_new0 (guint, (gsize) MAX (C, 1) * (L + 1));
  results->confusion = g_new0 (guint, (gsize) (L + 1) * (L + 1));
  results->n_bootstrap = n_bootstrap;

  sums = g_new0 (double, layout.size);
  document = g_new0 (double, layout.size);
  x = g_new (int, MAX (C, 1));
  documents.offsets = g_new0 (gsize, input->n_documents + 1);

  /* One pass over the items: each document's sums, and their total. */
  for (guint d = 0; d < input->n_documents; d++)
    {
      for (; item < input->n_items && input->item_document[item] == d; item++)
        {
          add_item_all (&layout, document, item, x);
          count_item (input, results, item);
        }
      for (gsize i = 0; i < layout.size; i++)
        if (document[i] != 0)
          {
            guint32 slot = (guint32) i;

            g_array_append_val (slots, slot);
            g_array_append_val (values, document[i]);
            sums[i] += document[i];
            document[i] = 0;
          }
      documents.offsets[d + 1] = slots->len;
    }
  documents.slots = (guint32 *) g_array_free (g_steal_pointer (&slots), FALSE);
  documents.values = (double *) g_array_free (g_steal_pointer (&values), FALSE);

  all_stats (&layout, sums, results->n_stats, results->value);
  for (guint v = 0; v < layout.n_variables; v++)
    {
      const Variable *var = &layout.variables[v];
      guint *n = results->n_items + (gsize) v * results->n_stats;

      n[CM_AGREEMENT_STAT_PERCENT] = results->n_pairable;
      n[CM_AGREEMENT_STAT_ALPHA] = results->n_pairable;
      n[CM_AGREEMENT_STAT_ALPHA_MASI] = var->masi ? results->n_pairable : 0;
      n[CM_AGREEMENT_STAT_COHEN_MEAN] = n[CM_AGREEMENT_STAT_DAVIES_FLEISS] =
        n[CM_AGREEMENT_STAT_FLEISS] = (guint) sums[var->offset + var->complete];
      for (guint p = 0; p < layout.n_pairs; p++)
        n[CM_AGREEMENT_STAT_N_FIXED + p] = (guint) sums[var->offset + pair_slot (var, p)];
    }
  for (gsize f = 0; f < n_figures; f++)
    results->low[f] = results->high[f] = NAN;
  if (n_bootstrap > 0 && input->n_documents > 0)
    bootstrap (&layout, &documents, results, seed, cancellable);

  document_sums_clear (&documents);
  layout_clear (&layout);
  return g_steal_pointer (&results);
}

void
cm_agreement_results_free (CmAgreementResults *results)
{
  if (results == NULL)
    return;
  g_free (results->value);
  g_free (results->low);
  g_free (results->high);
  g_free (results->n_items);
  g_free (results->n_missing);
  g_free (results->tp);
  g_free (results->fp);
  g_free (results->fn);
  g_free (results->confusion);
  g_free (results);
}
