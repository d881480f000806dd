/* cm-aligner-reorder.c — two versions whose sections were reordered
 *
 * The dynamic programme is monotonic, and the pass for moved clauses
 * links a clause only to a lone one nearby. When one version moves whole
 * sections (a revision that reorders its chapters; a text against itself
 * shuffled in blocks), the cheapest monotonic path keeps the sections of
 * one order only, wanders off the diagonal after chance resemblances, and
 * the band's search stops at its budget (aligner->search_cut) with most
 * clauses linked to the wrong partner or left alone.
 *
 * Then, between two versions of one language, clauses kept word for word
 * show where each section went: a clause whose words no other clause of
 * either version has exactly is an anchor. The second version's clauses
 * are put in the order of the first by their anchors (each clause goes
 * with the anchor before it), the programme runs again on that order,
 * and links never join clauses that are not adjacent in the real order.
 * The caller keeps whichever path costs less. Linear after a sort.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <stdlib.h>

#include "cm-aligner-private.h"

/* A clause needs this many distinct words (Han character bigrams in
 * Chinese) for its words to say which clause it is. */
#define ANCHOR_MIN_TERMS 4

typedef struct
{
  guint64 key;
  guint   side;   /* 0: first version, 1: second */
  guint   index;
} Keyed;

static guint64
terms_key (const IdSet *terms)
{
  guint64 hash = 14695981039346656037ull;

  for (guint k = 0; k < terms->n; k++)
    {
      hash ^= terms->items[k];
      hash *= 1099511628211ull;
    }
  return hash ^ terms->n;
}

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->side != y->side)
    return x->side < y->side ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* anchor[i] for each unit i of the first version: the unit of the second
 * with the same words, or G_MAXUINT. Returns how many there are. */
static guint
find_anchors (const Aligner *aligner,
              guint         *anchor)
{
  g_autoptr(GArray) keyed = g_array_new (FALSE, FALSE, sizeof (Keyed));
  guint n_anchors = 0;

  for (guint i = 0; i < aligner->n_zh; i++)
    {
      anchor[i] = G_MAXUINT;
      if (aligner->zh[i].ev.terms.n >= ANCHOR_MIN_TERMS)
        g_array_append_val (keyed, ((Keyed) { terms_key (&aligner->zh[i].ev.terms), 0, i }));
    }
  for (guint j = 0; j < aligner->n_en; j++)
    if (aligner->en[j].ev.terms.n >= ANCHOR_MIN_TERMS)
      g_array_append_val (keyed, ((Keyed) { terms_key (&aligner->en[j].ev.terms), 1, j }));
  qsort (keyed->data, keyed->len, sizeof (Keyed), compare_keyed);
  for (guint k = 0; k < keyed->len;)
    {
      guint end = k;

      while (end < keyed->len && g_array_index (keyed, Keyed, end).key == g_array_index (keyed, Keyed, k).key)
        end++;
      /* exactly one of each side */
      if (end - k == 2 && g_array_index (keyed, Keyed, k).side == 0
          && g_array_index (keyed, Keyed, k + 1).side == 1)
        {
          anchor[g_array_index (keyed, Keyed, k).index] = g_array_index (keyed, Keyed, k + 1).index;
          n_anchors++;
        }
      k = end;
    }
  return n_anchors;
}

/* How many anchors lie out of order: those off a longest increasing run
 * of their second-version positions (patience sorting). */
static guint
count_out_of_order (const guint *anchor,
                    guint        n,
                    guint        n_anchors)
{
  g_autofree guint *tail = g_new (guint, n_anchors + 1);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      if (anchor[i] == G_MAXUINT)
        continue;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (tail[mid] < anchor[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      tail[lo] = anchor[i];
      if (lo == length)
        length++;
    }
  return n_anchors - length;
}

typedef struct
{
  double target;   /* where in the first version the unit belongs */
  guint  index;
} Placed;

static int
compare_placed (const void *a,
                const void *b)
{
  const Placed *x = a, *y = b;

  if (x->target != y->target)
    return x->target < y->target ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The band of the reordered view: each zh row centred on where its
 * anchor went, rows between anchors on the line from the anchor before,
 * no further than the anchor after. (A band that follows the path stalls
 * where a stretch of one version has no counterpart nearby, e.g. a
 * section both versions repeat, whose clauses are no anchors and went
 * with another section's, and never finds the diagonal again.) */
static guint *
anchored_center (const guint  *anchor,
                 guint         n,
                 const Placed *placed,
                 guint         m)
{
  g_autofree guint *view_position = g_new (guint, m);
  guint *center = g_new (guint, n + 1);
  guint last_i = 0, last_c = 0;

  for (guint p = 0; p < m; p++)
    view_position[placed[p].index] = p;
  for (guint i = 0; i < n; i++)
    {
      if (anchor[i] != G_MAXUINT)
        {
          last_i = i;
          last_c = center[i] = view_position[anchor[i]];
        }
      else
        center[i] = MIN (m, last_c + (i - last_i));
    }
  center[n] = m;
  for (guint i = n; i-- > 0;)
    if (anchor[i] == G_MAXUINT)
      center[i] = MIN (center[i], center[i + 1]);
  return center;
}

gboolean
cm_aligner_reorder (const Aligner *aligner,
                    Aligner       *reordered)
{
  g_autofree guint *anchor = NULL;
  g_autofree guint *target = NULL;
  g_autofree Placed *placed = NULL;
  guint n = aligner->n_zh, m = aligner->n_en, n_anchors, moved;
  double here = -1;
  guint8 *breaks;
  Unit *units;

  if (!aligner->monolingual || n == 0 || m == 0)
    return FALSE;
  anchor = g_new (guint, n);
  n_anchors = find_anchors (aligner, anchor);
  moved = count_out_of_order (anchor, n, n_anchors);
  g_debug ("reordering: %u anchors, %u out of order", n_anchors, moved);
  /* a few moved clauses are the pass for moved clauses' job */
  if (n_anchors == 0 || moved * 20 < n_anchors)
    return FALSE;

  /* each second-version unit goes where its anchor is in the first, the
   * others with the anchor before them, in their own order */
  target = g_new (guint, m);
  for (guint j = 0; j < m; j++)
    target[j] = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    if (anchor[i] != G_MAXUINT)
      target[anchor[i]] = i;
  placed = g_new (Placed, m);
  for (guint j = 0; j < m; j++)
    {
      if (target[j] != G_MAXUINT)
        here = target[j];
      placed[j] = (Placed) { here, j };
    }
  qsort (placed, m, sizeof (Placed), compare_placed);

  *reordered = *aligner;
  units = g_new (Unit, m);
  breaks = g_new0 (guint8, m);
  for (guint p = 0; p < m; p++)
    {
      units[p] = aligner->en[placed[p].index];
      breaks[p] = p > 0 && placed[p].index != placed[p - 1].index + 1;
    }
  reordered->en = units;
  reordered->en_breaks = breaks;
  reordered->en_pairs = cm_aligner_pair_evidence (units, m, aligner->term_weight);
  reordered->en_triples = cm_aligner_triple_evidence (units, reordered->en_pairs, m,
                                                      aligner->term_weight);
  reordered->search_cut = FALSE;
  reordered->band_center = anchored_center (anchor, n, placed, m);
  return TRUE;
}

void
cm_aligner_reorder_clear (Aligner *reordered)
{
  cm_aligner_free_groups (reordered->en_triples, reordered->n_en, 3);
  cm_aligner_free_groups (reordered->en_pairs, reordered->n_en, 2);
  /* the units themselves are the original's, shallow copies */
  g_free (reordered->en);
  g_free (reordered->en_breaks);
  g_free (reordered->band_center);
}
