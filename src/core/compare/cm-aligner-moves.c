/* cm-aligner-moves.c — clauses the other version moved elsewhere
 *
 * The dynamic programme is monotonic: a clause the other version moved
 * (translators and revisers reorder sentences) comes out of it alone, or
 * caught with its neighbour in a 2-2 link. After that pass two things are
 * tried, each only when clearly cheaper than what the path chose:
 *   - a 2-2 link whose clauses match crosswise becomes two crossing 1-1
 *     links (two adjacent clauses swapped);
 *   - a clause left alone is linked to a lone clause of the other side,
 *     within CM_ALIGNER_MOVE_REACH units of where it sits, when the two are each
 *     other's best match (a clause moved further); the further the move,
 *     the more evidence it needs (a clause only one version has is
 *     otherwise linked to a lone clause a hundred clauses away because
 *     both name the product).
 * Both passes are linear in the number of links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <math.h>

#include "cm-aligner-private.h"

/* How much cheaper a move must be than the monotonic choice: a move is
 * rarer than a 1-1 link in place, so it needs evidence of its own. */
#define MOVE_PENALTY 1.5

/* The cost of moving a clause @distance units from where it sits. */
static double
move_distance_cost (const Aligner *aligner,
                    guint          distance)
{
  return aligner->move_distance_weight * log2 (1.0 + distance);
}

/* A 2-2 link whose clauses match crosswise: two swapped clauses. */
static guint
uncross_blocks (Aligner *aligner,
                GArray  *steps,
                GArray  *out)
{
  guint n_moves = 0;

  for (guint k = 0; k < steps->len; k++)
    {
      const Step *step = &g_array_index (steps, Step, k);
      Step first, second;

      if (step->za != 2 || step->eb != 2)
        {
          g_array_append_val (out, *step);
          continue;
        }
      first = (Step) { step->zi, 1, step->ei + 1, 1,
                       cm_aligner_link_cost (aligner, step->zi, 1, step->ei + 1, 1) };
      second = (Step) { step->zi + 1, 1, step->ei, 1,
                        cm_aligner_link_cost (aligner, step->zi + 1, 1, step->ei, 1) };
      if (first.cost + second.cost + MOVE_PENALTY < step->cost)
        {
          g_array_append_val (out, first);
          g_array_append_val (out, second);
          n_moves++;
        }
      else
        g_array_append_val (out, *step);
    }
  return n_moves;
}

typedef struct
{
  guint  step;    /* index in the steps */
  guint  unit;    /* the lone unit */
  guint  where;   /* the other side's position at that point of the path */
  guint  best;    /* index of the best partner in the other list, or G_MAXUINT */
  double cost;
} Lone;

static GArray *
collect_lone (GArray   *steps,
              gboolean  chinese)
{
  GArray *lone = g_array_new (FALSE, FALSE, sizeof (Lone));

  for (guint k = 0; k < steps->len; k++)
    {
      const Step *step = &g_array_index (steps, Step, k);
      Lone item = { k, 0, 0, G_MAXUINT, INFINITY };

      if (chinese && step->za == 1 && step->eb == 0)
        item.unit = step->zi, item.where = step->ei;
      else if (!chinese && step->za == 0 && step->eb == 1)
        item.unit = step->ei, item.where = step->zi;
      else
        continue;
      g_array_append_val (lone, item);
    }
  return lone;
}

/* The most a lone pair's cost may reach and the pair still be linked:
 * link_lone_clauses() wants it MOVE_PENALTY under the two clauses' cost
 * of staying alone. */
static double
move_cost_ceiling (const Aligner *aligner)
{
  return 2 * MAX (aligner->null_cost, aligner->title_null_cost) - MOVE_PENALTY;
}

/* Each lone Chinese unit's best lone English partner within reach and the
 * reverse; the lists are in path order, so a window slides along. Only
 * partners under move_cost_ceiling() count, and a candidate's cost is
 * worked out only as far as it could still be the best of either side
 * (cm_aligner_link_cost_below()): a pair is linked only when each is the
 * other's best and its cost is under that ceiling, so a costlier candidate
 * changes no link, and unrelated texts (every clause lone, each with
 * hundreds of candidates in reach) no longer cost a full evaluation of
 * every candidate. */
static void
find_best_partners (Aligner *aligner,
                    GArray  *zh_lone,
                    GArray  *en_lone)
{
  double ceiling = move_cost_ceiling (aligner);
  guint first = 0;

  for (guint a = 0; a < zh_lone->len; a++)
    g_array_index (zh_lone, Lone, a).cost = ceiling;
  for (guint b = 0; b < en_lone->len; b++)
    g_array_index (en_lone, Lone, b).cost = ceiling;
  for (guint a = 0; a < zh_lone->len; a++)
    {
      Lone *z = &g_array_index (zh_lone, Lone, a);

      while (first < en_lone->len
             && g_array_index (en_lone, Lone, first).unit + aligner->move_reach < z->where)
        first++;
      for (guint b = first; b < en_lone->len; b++)
        {
          Lone *e = &g_array_index (en_lone, Lone, b);
          double distance, cost;

          if (e->unit > z->where + aligner->move_reach)
            break;
          distance = move_distance_cost (aligner, e->unit > z->where ? e->unit - z->where
                                                                      : z->where - e->unit);
          cost = cm_aligner_link_cost_below (aligner, z->unit, 1, e->unit, 1,
                                             MAX (z->cost, e->cost) - distance)
                 + distance;
          if (cost < z->cost)
            z->cost = cost, z->best = b;
          if (cost < e->cost)
            e->cost = cost, e->best = a;
        }
    }
}

/* Lone clauses that are each other's best match, and clearly better
 * linked than left alone, are linked. */
static guint
link_lone_clauses (Aligner *aligner,
                   GArray  *steps)
{
  g_autoptr(GArray) zh_lone = collect_lone (steps, TRUE);
  g_autoptr(GArray) en_lone = collect_lone (steps, FALSE);
  g_autofree gboolean *dropped = NULL;
  guint n_moves = 0, kept = 0;

  if (zh_lone->len == 0 || en_lone->len == 0)
    return 0;
  find_best_partners (aligner, zh_lone, en_lone);
  dropped = g_new0 (gboolean, steps->len);
  for (guint a = 0; a < zh_lone->len; a++)
    {
      const Lone *z = &g_array_index (zh_lone, Lone, a);
      const Lone *e;
      Step *step;

      if (z->best == G_MAXUINT)
        continue;
      e = &g_array_index (en_lone, Lone, z->best);
      if (e->best != a
          || z->cost + MOVE_PENALTY >= cm_aligner_unit_null_cost (aligner, &aligner->zh[z->unit])
                                       + cm_aligner_unit_null_cost (aligner, &aligner->en[e->unit]))
        continue;
      step = &g_array_index (steps, Step, z->step);
      step->ei = e->unit;
      step->eb = 1;
      /* the link's own cost, without what the distance added */
      step->cost = cm_aligner_link_cost (aligner, z->unit, 1, e->unit, 1);
      dropped[e->step] = TRUE;
      n_moves++;
    }
  for (guint k = 0; k < steps->len; k++)
    if (!dropped[k])
      g_array_index (steps, Step, kept++) = g_array_index (steps, Step, k);
  g_array_set_size (steps, kept);
  return n_moves;
}

void
cm_aligner_find_moves (Aligner *aligner,
                       GArray  *steps)
{
  g_autoptr(GArray) uncrossed = g_array_sized_new (FALSE, FALSE, sizeof (Step), steps->len + 16);
  guint n_swaps, n_lone;

  n_swaps = uncross_blocks (aligner, steps, uncrossed);
  g_array_set_size (steps, 0);
  g_array_append_vals (steps, uncrossed->data, uncrossed->len);
  n_lone = link_lone_clauses (aligner, steps);
  if (n_swaps + n_lone > 0)
    g_debug ("moved clauses: %u swapped pairs, %u lone clauses linked", n_swaps, n_lone);
}

/* ---- which stored links are moved ---------------------------------- */

gboolean *
cm_links_find_moved (GPtrArray  *links,
                     CmDocument *partner)
{
  g_autofree guint *position = NULL;
  g_autofree guint *tail = NULL;      /* tail[k]: link ending the best run of length k + 1 */
  g_autofree guint *previous = NULL;
  gboolean *moved;
  guint n = 0;

  g_return_val_if_fail (links != NULL, NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (partner), NULL);

  moved = g_new0 (gboolean, links->len + 1);
  position = g_new (guint, links->len + 1);
  tail = g_new (guint, links->len + 1);
  previous = g_new (guint, links->len + 1);
  /* longest increasing run of partner positions (patience sorting) over
   * the links with both sides; one-sided links are never moved */
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      guint lo = 0, hi = n;

      previous[i] = G_MAXUINT;
      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL
          || cm_document_lookup_clause (partner, link->partner_clauses[0], &position[i]) == NULL)
        {
          position[i] = G_MAXUINT;
          continue;
        }
      moved[i] = TRUE;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (position[tail[mid]] < position[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      previous[i] = lo > 0 ? tail[lo - 1] : G_MAXUINT;
      tail[lo] = i;
      if (lo == n)
        n++;
    }
  for (guint i = n > 0 ? tail[n - 1] : G_MAXUINT; i != G_MAXUINT; i = previous[i])
    moved[i] = FALSE;
  return moved;
}
