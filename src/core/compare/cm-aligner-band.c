/* cm-aligner-band.c — the cheapest monotonic path, in a band
 *
 * Dynamic programming over the (zh, en) grid of units with the link costs
 * of cm-aligner-scores.c, restricted to a band: first one that follows the
 * path row by row, then, when the best path runs along the band's edge, a
 * band re-centred on that path or doubled, and the search repeated, within
 * a budget of cells linear in the length (BAND_CELLS_PER_UNIT).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-aligner-private.h"

#define MIN_BAND          32

static const guint moves[][2] = {
  { 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 }, { 1, 2 }, { 2, 2 }, { 3, 1 }, { 1, 3 },
};
#define N_MOVES G_N_ELEMENTS (moves)

/* Moves reach back this many rows at most (3-1 links): only the costs of
 * the last COST_ROWS rows are kept, in a ring; the back pointers of every
 * cell are kept for the backtrack (a byte each, where costs took eight). */
#define COST_ROWS 4

typedef struct
{
  guint   *lo;     /* per zh row i: first en column in the band */
  guint   *hi;     /* last en column (inclusive) */
  gsize   *row;    /* offset of row i in back */
  double  *cost[COST_ROWS];  /* row i's costs in cost[i % COST_ROWS], from lo[i] */
  guint    cost_size[COST_ROWS];
  guint8  *back;   /* index into moves, or 0xff */
} Band;

/* Row @i's cost array, large enough for its band. */
static double *
band_cost_row (Band  *band,
               guint  i)
{
  guint slot = i % COST_ROWS, width = band->hi[i] - band->lo[i] + 1;

  if (band->cost_size[slot] < width)
    {
      band->cost[slot] = g_renew (double, band->cost[slot], width);
      band->cost_size[slot] = width;
    }
  return band->cost[slot];
}

/* The cost of cell (i, j), which must lie in the band of a row kept. */
static inline double
band_cost (const Band *band,
           guint       i,
           guint       j)
{
  return band->cost[i % COST_ROWS][j - band->lo[i]];
}

static void
band_clear (Band *band)
{
  g_free (band->lo);
  g_free (band->hi);
  g_free (band->row);
  for (guint k = 0; k < COST_ROWS; k++)
    g_free (band->cost[k]);
  g_free (band->back);
  memset (band, 0, sizeof *band);
}

/* The en position matching each zh position if text flowed evenly. */
static guint *
diagonal (const Aligner *aligner)
{
  guint *center = g_new (guint, aligner->n_zh + 1);
  double zh_total = 0, en_total = 0, zh_acc = 0, en_acc = 0;
  guint j = 0;

  for (guint i = 0; i < aligner->n_zh; i++)
    zh_total += aligner->zh[i].ev.length + 1;
  for (guint i = 0; i < aligner->n_en; i++)
    en_total += aligner->en[i].ev.length + 1;
  for (guint i = 0; i <= aligner->n_zh; i++)
    {
      double target = zh_total > 0 ? zh_acc / zh_total * en_total : 0;
      while (j < aligner->n_en && en_acc + (aligner->en[j].ev.length + 1) / 2.0 < target)
        en_acc += aligner->en[j++].ev.length + 1;
      center[i] = j;
      if (i < aligner->n_zh)
        zh_acc += aligner->zh[i].ev.length + 1;
    }
  center[aligner->n_zh] = aligner->n_en;
  return center;
}

static void
band_setup (Band          *band,
            const Aligner *aligner,
            const guint   *center,
            guint          width)
{
  gsize total = 0;
  guint n = aligner->n_zh, m = aligner->n_en;

  band->lo = g_new (guint, n + 1);
  band->hi = g_new (guint, n + 1);
  band->row = g_new (gsize, n + 2);
  for (guint i = 0; i <= n; i++)
    {
      guint c = center[i];
      band->lo[i] = c > width ? c - width : 0;
      band->hi[i] = MIN (m, c + width);
    }
  /* keep the band connected: the start of each row must be reachable
   * from the row above (1-1 or 1-0), the rest of a row from its left */
  for (guint i = n; i-- > 0;)
    band->hi[i] = MAX (band->hi[i], band->lo[i + 1] > 0 ? band->lo[i + 1] - 1 : 0);
  band->lo[0] = 0;
  band->hi[n] = m;
  for (guint i = 0; i <= n; i++)
    {
      band->row[i] = total;
      total += band->hi[i] - band->lo[i] + 1;
    }
  band->row[n + 1] = total;
  band->back = g_new (guint8, total);
}

static inline gboolean
band_contains (const Band *band,
               guint       i,
               guint       j)
{
  return j >= band->lo[i] && j <= band->hi[i];
}

static inline gsize
band_index (const Band *band,
            guint       i,
            guint       j)
{
  return band->row[i] + (j - band->lo[i]);
}

static void
band_fill_row (Band    *band,
               Aligner *aligner,
               guint    i)
{
  double *cost = band_cost_row (band, i);

  for (guint j = band->lo[i]; j <= band->hi[i]; j++)
    {
      gsize here = band_index (band, i, j);
      double best = INFINITY;
      guint8 best_move = 0xff;

      if (i == 0 && j == 0)
        {
          cost[0] = 0;
          band->back[here] = 0xff;
          continue;
        }
      for (guint k = 0; k < N_MOVES; k++)
        {
          guint a = moves[k][0], b = moves[k][1];
          double c;

          if (a > i || b > j || !band_contains (band, i - a, j - b)
              || (b > 1 && !cm_aligner_en_joinable (aligner, j - b, b)))
            continue;
          c = a == 0 ? cost[j - b - band->lo[i]] : band_cost (band, i - a, j - b);
          if (!isfinite (c))
            continue;
          c += cm_aligner_link_cost_below (aligner, i - a, a, j - b, b, best - c);
          if (c < best)
            {
              best = c;
              best_move = (guint8) k;
            }
        }
      cost[j - band->lo[i]] = best;
      band->back[here] = best_move;
    }
}

/* Every this many rows, a fill asks whether it was cancelled. */
#define CANCEL_CHECK_ROWS 128

static gboolean
fill_cancelled (const Aligner *aligner,
                guint          i)
{
  return i % CANCEL_CHECK_ROWS == 0 && g_cancellable_is_cancelled (aligner->cancellable);
}

/* FALSE (the band half filled) when cancelled. */
static gboolean
band_fill (Band    *band,
           Aligner *aligner)
{
  for (guint i = 0; i <= aligner->n_zh; i++)
    {
      if (fill_cancelled (aligner, i))
        return FALSE;
      band_fill_row (band, aligner, i);
    }
  return TRUE;
}

/* One pass with a band that follows the path: each row's band is centred
 * on the cheapest cell of the row above, moved by the average number of
 * English clauses per Chinese one. Linear in the length, and it tracks the
 * drift of long documents (a random walk of the clauses one side lacks)
 * that a band around the length diagonal cannot hold. */
static gboolean
band_fill_following (Band    *band,
                     Aligner *aligner,
                     guint    width)
{
  guint n = aligner->n_zh, m = aligner->n_en;
  double slope = (double) m / MAX (n, 1);
  gsize capacity = (gsize) (n + 1) * (2 * width + 1) + m + 1, total = 0;
  guint best_j = 0;

  band->lo = g_new (guint, n + 1);
  band->hi = g_new (guint, n + 1);
  band->row = g_new (gsize, n + 2);
  band->back = g_new (guint8, capacity);
  for (guint i = 0; i <= n; i++)
    {
      guint centre = MIN (m, (guint) (best_j + (i > 0 ? slope : 0) + 0.5));
      guint lo = centre > width ? centre - width : 0;
      guint hi = MIN (m, centre + width);
      double best = INFINITY;

      if (fill_cancelled (aligner, i))
        return FALSE;
      if (i > 0)
        {
          /* every band cell must stay reachable from the row above */
          lo = CLAMP (lo, band->lo[i - 1], band->hi[i - 1] + 1 > m ? m : band->hi[i - 1] + 1);
          hi = MAX (hi, lo);
        }
      if (i == n)
        hi = m;
      band->lo[i] = lo;
      band->hi[i] = hi;
      band->row[i] = total;
      total += hi - lo + 1;
      g_assert (total <= capacity);
      band_fill_row (band, aligner, i);
      for (guint j = lo; j <= hi; j++)
        if (band_cost (band, i, j) < best)
          {
            best = band_cost (band, i, j);
            best_j = j;
          }
    }
  band->row[n + 1] = total;
  return TRUE;
}

/* The best path as steps in order; returns how many of its cells lie on
 * an inner edge of the band (so that a band placed elsewhere might do
 * better). */
static GArray *
band_backtrack (const Band    *band,
                Aligner       *aligner,
                guint         *edge_cells)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (Step));
  guint i = aligner->n_zh, j = aligner->n_en;

  *edge_cells = 0;
  while (i > 0 || j > 0)
    {
      guint8 k = band->back[band_index (band, i, j)];
      Step step;

      g_assert (k != 0xff);
      if ((j == band->lo[i] && j > 0) || (j == band->hi[i] && j < aligner->n_en))
        (*edge_cells)++;
      step.za = moves[k][0];
      step.eb = moves[k][1];
      step.zi = i - step.za;
      step.ei = j - step.eb;
      step.cost = cm_aligner_link_cost (aligner, step.zi, step.za, step.ei, step.eb);
      g_array_append_val (steps, step);
      i = step.zi;
      j = step.ei;
    }
  /* reverse into document order */
  for (guint a = 0, b = steps->len ? steps->len - 1 : 0; a < b; a++, b--)
    {
      Step t = g_array_index (steps, Step, a);
      g_array_index (steps, Step, a) = g_array_index (steps, Step, b);
      g_array_index (steps, Step, b) = t;
    }
  return steps;
}

/* Centres a band on a path found before. */
static void
center_on_path (guint        *center,
                const GArray *steps,
                guint         n,
                guint         m)
{
  for (guint k = 0; k < steps->len; k++)
    {
      const Step *step = &g_array_index (steps, Step, k);
      for (guint r = step->zi; r < step->zi + MAX (step->za, 1) && r <= n; r++)
        center[r] = step->ei;
    }
  center[n] = m;
}

/* Re-centring the band on the path it found lets the path drift by one
 * band width per round; this many rounds before the band widens. */
#define MAX_RECENTRE_ROUNDS 6

/* The search looks at no more than this many cells of the grid per unit
 * of either document, over all its rounds: for two documents of n units,
 * three rounds of the first band (65 cells a row), or the whole grid up
 * to ~250 units a side; for a short document against a long one (a
 * section against a whole policy) the whole grid up to ~128 times the
 * short one's length.
 * Between a policy and its version, the first band holds the path (every
 * pair of tests/test-aligner-corpus and test-revision-corpus needed one
 * round, one pair two); between unrelated texts, or a text and itself
 * reordered in blocks, the cheapest path wanders wherever chance
 * resemblances lead and ran along the edge of every band, which doubled
 * up to the whole grid (2 x 10,000 unrelated clauses took over 6 minutes).
 * When the next round would pass this budget, the path of the last round
 * stands: the cheapest within a band that already followed it, with the
 * moved-clause pass still to link what lies outside. */
#define BAND_CELLS_PER_UNIT 128

static gsize
band_cells (guint n,
            guint m,
            guint width)
{
  return (gsize) (n + 1) * MIN ((gsize) 2 * width + 1, (gsize) m + 1);
}

GArray *
cm_aligner_align_monotonic (Aligner *aligner,
                            guint    initial_width)
{
  g_autofree guint *center = aligner->band_center
                              ? g_memdup2 (aligner->band_center, (aligner->n_zh + 1) * sizeof (guint))
                              : diagonal (aligner);
  guint n = aligner->n_zh, m = aligner->n_en;
  guint full = MAX (n, m) + 2;
  /* the diagonal follows text length, so the band need not cover the
   * difference in clause counts */
  guint width = initial_width > 0 ? initial_width : MIN_BAND;
  guint rounds = 0, last_edge_cells = G_MAXUINT;
  gsize budget = (gsize) BAND_CELLS_PER_UNIT * (n + m + 1), spent = 0;

  /* a band placed by the caller is followed as it is */
  for (gboolean following = aligner->band_center == NULL;; following = FALSE)
    {
      Band band = { 0 };
      guint edge_cells;
      GArray *steps;
      gboolean filled;

      width = MIN (width, full);
      if (following)
        filled = band_fill_following (&band, aligner, width);
      else
        {
          band_setup (&band, aligner, center, width);
          filled = band_fill (&band, aligner);
        }
      /* cancelled mid-way: no path (the caller throws it away) */
      if (!filled)
        {
          band_clear (&band);
          return g_array_new (FALSE, FALSE, sizeof (Step));
        }
      spent += band.row[n + 1];
      steps = band_backtrack (&band, aligner, &edge_cells);
      band_clear (&band);
      /* cancelled: the caller throws the path away */
      if (edge_cells == 0 || width >= full || g_cancellable_is_cancelled (aligner->cancellable))
        return steps;
      /* The best path runs along the band's edge: a better one may lie
       * outside. Centre the band on that path (cheap: on long documents
       * the path drifts from the length diagonal by more than a band's
       * width, a random walk of the clauses one side lacks), and widen
       * only when that stops helping: a wide band costs time and memory
       * in proportion. */
      rounds++;
      if (rounds > MAX_RECENTRE_ROUNDS || edge_cells >= last_edge_cells)
        {
          width *= 2;
          rounds = 0;
          last_edge_cells = G_MAXUINT;
        }
      else
        last_edge_cells = edge_cells;
      if (spent + band_cells (n, m, MIN (width, full)) > budget)
        {
          aligner->search_cut = TRUE;
          g_debug ("path touches the band edge %u times; the search stops at %" G_GSIZE_FORMAT
                   " cells (%u x %u units)", edge_cells, spent, n, m);
          return steps;
        }
      g_debug ("path touches the band edge %u times at width %u; %s", edge_cells, width,
               rounds == 0 ? "widening" : "re-centring");
      center_on_path (center, steps, n, m);
      g_array_unref (steps);
    }
}

