/* cm-aligner.c — align a Chinese policy with its English version
 *
 * Each link type (1-1, 2-1, ...) has a cost: a prior (Gale & Church's
 * link-type probabilities), a length cost (Gale & Church: how unlikely the
 * English length is given the Chinese one, with the ratio and variance
 * measured on CAPP-130), minus a bonus for shared evidence: lexicon terms
 * (weighted by rarity within the pair), anchors (numbers, ages, e-mails...),
 * names, numbering values, heading kinds and labels. The cheapest monotonic
 * path through the (zh, en) grid is found by dynamic programming restricted
 * to a band around the length diagonal; when the best path runs along the
 * band's edge the band is doubled and the search repeated.
 *
 * The evidence and the link costs are in cm-aligner-scores.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-aligner-private.h"
#include "cm-error.h"

#define MIN_BAND          32

void
cm_align_options_init (CmAlignOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->length_ratio = CM_ALIGN_LENGTH_RATIO;
  options->length_variance = CM_ALIGN_LENGTH_VARIANCE;
  options->use_labels = TRUE;
}

gboolean
cm_document_is_chinese (CmDocument *document)
{
  const char *language, *p;
  guint han = 0, latin = 0;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  language = cm_document_get_language (document);
  if (language != NULL && (g_str_equal (language, "zh") || g_str_equal (language, "en")))
    return g_str_equal (language, "zh");
  for (p = cm_document_get_text (document); p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        han++;
      else if (g_ascii_isalpha (*p))
        latin++;
    }
  /* one Han character carries about three Latin letters' worth of text */
  return han * 3 > latin;
}


/* ---- dynamic programming in a band --------------------------------- */

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

          if (a > i || b > j || !band_contains (band, i - a, j - b))
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

static void
band_fill (Band    *band,
           Aligner *aligner)
{
  for (guint i = 0; i <= aligner->n_zh; i++)
    band_fill_row (band, aligner, i);
}

/* One pass with a band that follows the path: each row's band is centred
 * on the cheapest cell of the row above, moved by the average number of
 * English clauses per Chinese one. Linear in the length, and it tracks the
 * drift of long documents (a random walk of the clauses one side lacks)
 * that a band around the length diagonal cannot hold. */
static void
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

static GArray *
align_monotonic (Aligner *aligner,
                 guint    initial_width)
{
  g_autofree guint *center = diagonal (aligner);
  guint n = aligner->n_zh, m = aligner->n_en;
  guint full = MAX (n, m) + 2;
  /* the diagonal follows text length, so the band need not cover the
   * difference in clause counts */
  guint width = initial_width > 0 ? initial_width : MIN_BAND;
  guint rounds = 0, last_edge_cells = G_MAXUINT;

  for (gboolean following = TRUE;; following = FALSE)
    {
      Band band = { 0 };
      guint edge_cells;
      GArray *steps;

      width = MIN (width, full);
      if (following)
        band_fill_following (&band, aligner, width);
      else
        {
          band_setup (&band, aligner, center, width);
          band_fill (&band, aligner);
        }
      steps = band_backtrack (&band, aligner, &edge_cells);
      band_clear (&band);
      if (edge_cells == 0 || width >= full)
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
      g_debug ("path touches the band edge %u times at width %u; %s", edge_cells, width,
               rounds == 0 ? "widening" : "re-centring");
      center_on_path (center, steps, n, m);
      g_array_unref (steps);
    }
}

static GArray *
align_units (Aligner *aligner,
             guint    initial_width)
{
  GArray *steps = align_monotonic (aligner, initial_width);

  cm_aligner_find_moves (aligner, steps);
  return steps;
}

/* ---- results ------------------------------------------------------- */

static CmLink *
link_from_step (Aligner    *aligner,
                const Step *step)
{
  const char *zh_ids[4] = { NULL, NULL, NULL, NULL }, *en_ids[4] = { NULL, NULL, NULL, NULL };
  double score = 0;

  for (guint k = 0; k < step->za; k++)
    zh_ids[k] = cm_clause_get_id (aligner->zh[step->zi + k].clause);
  for (guint k = 0; k < step->eb; k++)
    en_ids[k] = cm_clause_get_id (aligner->en[step->ei + k].clause);
  if (step->za > 0 && step->eb > 0)
    {
      /* how much cheaper than leaving every clause of the link unaligned */
      double margin = aligner->null_cost * (step->za + step->eb) - step->cost;
      score = 1.0 / (1.0 + exp (-(margin - aligner->null_cost) / 2.0));
    }
  return cm_link_new (zh_ids, en_ids, score);
}

/* Aligns units [z0, z1) with [e0, e1) and appends the links to @links. */
static void
align_range (Aligner   *aligner,
             guint      z0,
             guint      z1,
             guint      e0,
             guint      e1,
             guint      band,
             GPtrArray *links)
{
  Aligner sub = *aligner;
  g_autoptr(GArray) steps = NULL;

  /* one side empty: clauses present in one version only */
  if (z0 == z1 || e0 == e1)
    {
      for (guint i = z0; i < z1; i++)
        {
          Step step = { i, 1, 0, 0, cm_aligner_unit_null_cost (aligner, &aligner->zh[i]) };
          g_ptr_array_add (links, link_from_step (aligner, &step));
        }
      for (guint j = e0; j < e1; j++)
        {
          Step step = { 0, 0, j, 1, cm_aligner_unit_null_cost (aligner, &aligner->en[j]) };
          g_ptr_array_add (links, link_from_step (aligner, &step));
        }
      return;
    }
  /* a view of the range: pair evidence of the range's last unit reaches
   * outside it, but no move of the range uses it */
  sub.zh = aligner->zh + z0;
  sub.n_zh = z1 - z0;
  sub.en = aligner->en + e0;
  sub.n_en = e1 - e0;
  sub.zh_pairs = aligner->zh_pairs + z0;
  sub.en_pairs = aligner->en_pairs + e0;
  sub.zh_triples = aligner->zh_triples + z0;
  sub.en_triples = aligner->en_triples + e0;
  steps = align_units (&sub, band);
  for (guint k = 0; k < steps->len; k++)
    g_ptr_array_add (links, link_from_step (&sub, &g_array_index (steps, Step, k)));
}

/* Unit positions of @ids, which must be consecutive; FALSE if not (or if
 * an id is unknown). Empty @ids give *first = *end = G_MAXUINT. */
static gboolean
kept_span (GHashTable *positions,
           char      **ids,
           guint      *first,
           guint      *end)
{
  *first = *end = G_MAXUINT;
  for (guint i = 0; ids && ids[i]; i++)
    {
      gpointer value;
      guint position;

      if (!g_hash_table_lookup_extended (positions, ids[i], NULL, &value))
        return FALSE;
      position = GPOINTER_TO_UINT (value);
      if (i == 0)
        *first = position;
      else if (position != *end)
        return FALSE;
      *end = position + 1;
    }
  return TRUE;
}

static GHashTable *
unit_positions (const Unit *units,
                guint       n)
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (positions, (gpointer) cm_clause_get_id (units[i].clause), GUINT_TO_POINTER (i));
  return positions;
}

/* Walks @spans (CmLink, from the Chinese side, in document order) and
 * aligns what lies between them. With @keep, each span is a link kept as it
 * is (a reviewer's); without, a section of the layout whose clauses are
 * aligned among themselves only (what lies between two sections goes with
 * neither). FALSE (and @links left partial) if the spans are not in order
 * on both sides or name unknown clauses. */
static gboolean
align_around_spans (Aligner   *aligner,
                    GPtrArray *spans,
                    gboolean   keep,
                    guint      band,
                    GPtrArray *links)
{
  g_autoptr(GHashTable) zh_positions = unit_positions (aligner->zh, aligner->n_zh);
  g_autoptr(GHashTable) en_positions = unit_positions (aligner->en, aligner->n_en);
  guint z = 0, e = 0;

  for (guint k = 0; k < spans->len; k++)
    {
      const CmLink *span = g_ptr_array_index (spans, k);
      guint zf, ze, ef, ee;

      if (!kept_span (zh_positions, span->clauses, &zf, &ze)
          || !kept_span (en_positions, span->partner_clauses, &ef, &ee)
          || (zf != G_MAXUINT && zf < z) || (ef != G_MAXUINT && ef < e))
        {
          g_message (keep ? "The links to keep are not in document order; aligning everything again"
                          : "The layout's sections are not in document order; aligning without them");
          return FALSE;
        }
      /* a one-sided span does not say where the other side is: align up
       * to its own side only */
      if (zf == G_MAXUINT)
        zf = ze = z;
      if (ef == G_MAXUINT)
        ef = ee = e;
      if (keep)
        {
          align_range (aligner, z, zf, e, ef, band, links);
          g_ptr_array_add (links, cm_link_copy (span));
        }
      else
        {
          align_range (aligner, z, zf, e, e, band, links);
          align_range (aligner, zf, zf, e, ef, band, links);
          align_range (aligner, zf, ze, ef, ee, band, links);
        }
      z = ze;
      e = ee;
    }
  align_range (aligner, z, aligner->n_zh, e, aligner->n_en, band, links);
  return TRUE;
}

static GPtrArray *
align_documents (CmDocument           *zh,
                 CmDocument           *en,
                 gboolean              monolingual,
                 const CmAlignOptions *options,
                 GError              **error);

GPtrArray *
cm_align_documents (CmDocument           *zh,
                    CmDocument           *en,
                    const CmAlignOptions *options,
                    GError              **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (zh), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (en), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return align_documents (zh, en, FALSE, options, error);
}

GPtrArray *
cm_align_versions (CmDocument           *old_version,
                   CmDocument           *new_version,
                   const CmAlignOptions *options,
                   GError              **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (old_version), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (new_version), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return align_documents (old_version, new_version, TRUE, options, error);
}

static GPtrArray *
align_documents (CmDocument           *zh,
                 CmDocument           *en,
                 gboolean              monolingual,
                 const CmAlignOptions *options,
                 GError              **error)
{
  CmAlignOptions defaults;
  g_autoptr(CmLexicon) own_lexicon = NULL;
  g_autoptr(GHashTable) label_bits = NULL;
  CmLexicon *lexicon;
  Aligner aligner = { 0 };
  GPtrArray *links;
  GArray *steps;
  double tail_weight;
  gboolean aligned = FALSE;

  if (options == NULL)
    {
      cm_align_options_init (&defaults);
      options = &defaults;
    }
  lexicon = monolingual ? CM_ALIGNER_WORDS : options->lexicon;
  if (lexicon == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      lexicon = own_lexicon = cm_lexicon_load_default (&local_error);
      if (lexicon == NULL)
        g_warning ("Aligning without the lexicon: %s", local_error->message);
    }

  label_bits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  aligner.ratio = options->length_ratio > 0 ? options->length_ratio : CM_ALIGN_LENGTH_RATIO;
  aligner.variance = options->length_variance > 0 ? options->length_variance
                                                  : CM_ALIGN_LENGTH_VARIANCE;
  aligner.use_labels = options->use_labels;
  /* the length tail, the title cost and the 1-0 cost were calibrated on
   * translations; two versions of one language have their own 1-0 cost,
   * calibrated on revisions (CM_ALIGN_REVISION_UNALIGNED_COST, for every
   * clause), and the normal alone: neither the tail nor a title cost
   * helped them */
  tail_weight = options->length_tail_weight < 0 ? 0
                : options->length_tail_weight > 0 ? options->length_tail_weight
                : monolingual ? 0 : CM_ALIGN_LENGTH_TAIL_WEIGHT;
  aligner.length_table = cm_aligner_length_table_new (
    tail_weight, options->length_tail_scale > 0 ? options->length_tail_scale : CM_ALIGN_LENGTH_TAIL_SCALE,
    &aligner.length_table_size);
  aligner.null_cost = options->unaligned_cost > 0 ? options->unaligned_cost
                      : monolingual ? CM_ALIGN_REVISION_UNALIGNED_COST : CM_ALIGN_UNALIGNED_COST;
  aligner.title_null_cost = options->title_unaligned_cost > 0 ? options->title_unaligned_cost
                            : monolingual ? aligner.null_cost : CM_ALIGN_TITLE_UNALIGNED_COST;
  aligner.bare_cost = options->bare_clause_cost > 0 ? options->bare_clause_cost
                                                     : CM_ALIGN_BARE_CLAUSE_COST;
  aligner.monolingual = monolingual;
  aligner.bare_share = CM_ALIGNER_BARE_TERM_SHARE;
  aligner.move_reach = CM_ALIGNER_MOVE_REACH;
  aligner.move_distance_weight = CM_ALIGNER_MOVE_DISTANCE_WEIGHT;
  if (monolingual)
    {
      /* a revision keeps the length of what it keeps; edits change it
       * more than translation does, relative to the text */
      aligner.ratio = 1.0;
      aligner.variance = options->revision_variance > 0 ? options->revision_variance
                                                        : CM_ALIGN_REVISION_VARIANCE;
      aligner.same_text = options->same_text_weight > 0 ? options->same_text_weight
                                                        : CM_ALIGN_SAME_TEXT_WEIGHT;
      aligner.bare_share = CM_ALIGNER_REVISION_BARE_SHARE;
      aligner.move_reach = CM_ALIGNER_REVISION_MOVE_REACH;
    }
  aligner.zh = cm_aligner_collect_units (zh, monolingual ? cm_document_is_chinese (zh) : TRUE,
                                         aligner.ratio, lexicon, label_bits, &aligner.n_zh);
  aligner.en = cm_aligner_collect_units (en, monolingual ? cm_document_is_chinese (en) : FALSE,
                                         aligner.ratio, lexicon, label_bits, &aligner.n_en);
  if (aligner.n_zh == 0 || aligner.n_en == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, "“%s” has no clauses to align",
                   cm_document_get_id (aligner.n_zh == 0 ? zh : en));
      cm_aligner_free_units (aligner.zh, aligner.n_zh);
      cm_aligner_free_units (aligner.en, aligner.n_en);
      g_free (aligner.length_table);
      return NULL;
    }
  aligner.n_terms = monolingual ? CM_ALIGNER_TOKEN_BUCKETS
                   : lexicon ? cm_lexicon_get_n_terms (lexicon) : 0;
  cm_aligner_compute_term_weights (&aligner);

  aligner.zh_pairs = cm_aligner_pair_evidence (aligner.zh, aligner.n_zh, aligner.term_weight);
  aligner.en_pairs = cm_aligner_pair_evidence (aligner.en, aligner.n_en, aligner.term_weight);
  aligner.zh_triples = cm_aligner_triple_evidence (aligner.zh, aligner.zh_pairs, aligner.n_zh,
                                                   aligner.term_weight);
  aligner.en_triples = cm_aligner_triple_evidence (aligner.en, aligner.en_pairs, aligner.n_en,
                                                   aligner.term_weight);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  if (options->keep != NULL && options->keep->len > 0)
    aligned = align_around_spans (&aligner, options->keep, TRUE, options->band, links);
  else if (options->sections != NULL && options->sections->len > 0)
    aligned = align_around_spans (&aligner, options->sections, FALSE, options->band, links);
  if (!aligned)
    {
      g_ptr_array_set_size (links, 0);
      steps = align_units (&aligner, options->band);
      for (guint k = 0; k < steps->len; k++)
        g_ptr_array_add (links, link_from_step (&aligner, &g_array_index (steps, Step, k)));
      g_array_unref (steps);
    }

  cm_aligner_free_groups (aligner.zh_triples, aligner.n_zh, 3);
  cm_aligner_free_groups (aligner.en_triples, aligner.n_en, 3);
  cm_aligner_free_groups (aligner.zh_pairs, aligner.n_zh, 2);
  cm_aligner_free_groups (aligner.en_pairs, aligner.n_en, 2);
  g_free (aligner.term_weight);
  g_free (aligner.length_table);
  cm_aligner_free_units (aligner.zh, aligner.n_zh);
  cm_aligner_free_units (aligner.en, aligner.n_en);
  return links;
}

GPtrArray *
cm_links_invert (GPtrArray *links)
{
  GPtrArray *inverted;

  g_return_val_if_fail (links != NULL, NULL);

  inverted = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      CmLink *copy = cm_link_new ((const char * const *) link->partner_clauses,
                                  (const char * const *) link->clauses, link->score);
      copy->reviewed = link->reviewed;
      g_ptr_array_add (inverted, copy);
    }
  return inverted;
}

gboolean
cm_align_pair (CmDocument           *first,
               CmDocument           *second,
               const CmAlignOptions *options,
               GError              **error)
{
  CmDocument *zh = first, *en = second;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) inverted = NULL;
  g_autoptr(GPtrArray) reviewed = NULL;
  CmAlignOptions with_reviewed;

  g_return_val_if_fail (CM_IS_DOCUMENT (first), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (second), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cm_document_is_chinese (first) && cm_document_is_chinese (second))
    {
      zh = second;
      en = first;
    }
  /* a reviewer's decisions on an earlier alignment of the same pair stay */
  if ((options == NULL || options->keep == NULL)
      && g_strcmp0 (cm_document_get_partner_id (zh), cm_document_get_id (en)) == 0)
    {
      GPtrArray *old = cm_document_get_links (zh);

      reviewed = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
      for (guint i = 0; i < old->len; i++)
        if (((CmLink *) g_ptr_array_index (old, i))->reviewed)
          g_ptr_array_add (reviewed, cm_link_copy (g_ptr_array_index (old, i)));
      if (reviewed->len > 0)
        {
          if (options)
            with_reviewed = *options;
          else
            cm_align_options_init (&with_reviewed);
          with_reviewed.keep = reviewed;
          options = &with_reviewed;
        }
    }
  links = cm_align_documents (zh, en, options, error);
  if (links == NULL)
    return FALSE;
  inverted = cm_links_invert (links);
  cm_document_set_links (zh, links);
  cm_document_set_links (en, inverted);
  cm_document_set_partner_id (zh, cm_document_get_id (en));
  cm_document_set_partner_id (en, cm_document_get_id (zh));
  return TRUE;
}
