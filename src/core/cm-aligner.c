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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-aligner.h"
#include "cm-anchors.h"
#include "cm-error.h"
#include "cm-numbering.h"

/* -log of Gale & Church's link-type priors (0.89, 0.089 split between 2-1
 * and 1-2, 0.011), except 1-0 / 0-1: their -log(0.0099 / 2) = 5.3 is for
 * parliamentary proceedings; policies add and drop more, and 4.0 did best
 * on the translation_en variants with drops (strict F1 0.966 -> 0.975)
 * without costing the sample pair (3.5 did). */
#define PRIOR_1_1  0.117
#define PRIOR_1_0  4.00
#define PRIOR_2_1  3.11
#define PRIOR_2_2  4.51

/* Weights of the evidence (in the same -log-probability units). Tuned on
 * the bundled sample pair and on harder variants of CAPP-130's
 * translation_en (tests/test-aligner-corpus.c prints the F1). */
#define W_TERM_MATCH      2.0   /* per unit of term weight present on both sides */
#define W_TERM_MISS       0.35  /* per unit of term weight on one side only */
#define W_ANCHOR_MATCH    3.0
#define W_ANCHOR_MISS     1.0
#define W_NAME_MATCH      1.5
#define W_NUMBER_SAME     2.5   /* numbering values agree */
#define W_NUMBER_DIFFER   2.0   /* numbering values disagree */
#define W_HEADING_BOTH    1.0
#define W_HEADING_ONE     1.0
#define W_HEADING_MIX     1.5
#define W_LABEL_AGREE     1.5
#define W_LABEL_DISAGREE  0.75

#define LENGTH_COST_MAX   30.0
#define MIN_BAND          32

typedef struct
{
  guint  n;
  guint *items;    /* sorted, distinct */
} IdSet;

/* What one clause, or two adjacent clauses together, carry as evidence. */
typedef struct
{
  double           length;      /* non-whitespace code points */
  IdSet            terms;       /* lexicon term indices */
  double           term_total;  /* their summed weight */
  IdSet            anchors;     /* hashes of anchor keys, names excluded */
  IdSet            names;       /* hashes of name anchors */
  guint32          labels;      /* bit per label id (within the pair) */
  gboolean         labelled;    /* has labels or suggestions */
  guint            headings;    /* how many of the clauses are headings */
  guint            size;        /* how many clauses */
} Evidence;

typedef struct
{
  CmClause        *clause;
  gboolean         heading;
  gboolean         numbered;    /* a counting marker (not a bullet) */
  guint            number;      /* its value */
  Evidence         ev;
} Unit;

typedef struct
{
  Unit       *zh;
  guint       n_zh;
  Unit       *en;
  guint       n_en;
  Evidence   *zh_pairs;        /* zh_pairs[i]: units i and i + 1 together */
  Evidence   *en_pairs;
  double     *term_weight;     /* per lexicon term */
  guint       n_terms;
  double      ratio;
  double      variance;
  gboolean    use_labels;
} Aligner;

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

/* ---- sets ---------------------------------------------------------- */

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

static void
id_set_take_array (IdSet  *set,
                   GArray *array)  /* sorted, distinct; taken */
{
  set->n = array->len;
  set->items = (guint *) (void *) g_array_free (array, FALSE);
}

static void
id_set_from_unsorted (IdSet  *set,
                      GArray *array)
{
  guint out = 0;

  g_array_sort (array, compare_uint);
  for (guint i = 0; i < array->len; i++)
    if (out == 0 || g_array_index (array, guint, i) != g_array_index (array, guint, out - 1))
      g_array_index (array, guint, out++) = g_array_index (array, guint, i);
  g_array_set_size (array, out);
  id_set_take_array (set, array);
}

/* The union of two sorted sets, newly allocated. */
static IdSet
id_set_union (const IdSet *a,
              const IdSet *b)
{
  guint *out = g_new (guint, a->n + b->n + 1);
  IdSet u = { 0, out };
  guint i = 0, j = 0;

  while (i < a->n || j < b->n)
    {
      if (j >= b->n || (i < a->n && a->items[i] < b->items[j]))
        out[u.n++] = a->items[i++];
      else if (i >= a->n || b->items[j] < a->items[i])
        out[u.n++] = b->items[j++];
      else
        {
          out[u.n++] = a->items[i++];
          j++;
        }
    }
  return u;
}

/* Weighted size of the intersection (unit weights when @weight is NULL). */
static double
id_set_intersection (const IdSet  *a,
                     const IdSet  *b,
                     const double *weight)
{
  guint i = 0, j = 0;
  double both = 0;

  if (a->n == 0 || b->n == 0)
    return 0;
  while (i < a->n && j < b->n)
    {
      if (a->items[i] < b->items[j])
        i++;
      else if (b->items[j] < a->items[i])
        j++;
      else
        {
          both += weight ? weight[a->items[i]] : 1.0;
          i++, j++;
        }
    }
  return both;
}

static double
id_set_weight (const IdSet  *set,
               const double *weight)
{
  double total = 0;

  for (guint k = 0; k < set->n; k++)
    total += weight[set->items[k]];
  return total;
}

static void
evidence_clear (Evidence *ev)
{
  g_free (ev->terms.items);
  g_free (ev->anchors.items);
  g_free (ev->names.items);
}

static void
evidence_merge (Evidence       *out,
                const Evidence *a,
                const Evidence *b,
                const double   *weight)
{
  out->length = a->length + b->length;
  out->terms = id_set_union (&a->terms, &b->terms);
  out->term_total = id_set_weight (&out->terms, weight);
  out->anchors = id_set_union (&a->anchors, &b->anchors);
  out->names = id_set_union (&a->names, &b->names);
  out->labels = a->labels | b->labels;
  out->labelled = a->labelled || b->labelled;
  out->headings = a->headings + b->headings;
  out->size = a->size + b->size;
}

/* Evidence of every two adjacent units, for 2-1, 1-2 and 2-2 links. */
static Evidence *
pair_evidence (const Unit   *units,
               guint         n,
               const double *weight)
{
  Evidence *pairs = g_new0 (Evidence, MAX (n, 1));

  for (guint i = 0; i + 1 < n; i++)
    evidence_merge (&pairs[i], &units[i].ev, &units[i + 1].ev, weight);
  return pairs;
}

static void
free_pairs (Evidence *pairs,
            guint     n)
{
  for (guint i = 0; i + 1 < n; i++)
    evidence_clear (&pairs[i]);
  g_free (pairs);
}

/* ---- unit features ------------------------------------------------- */

/* Non-whitespace characters. In Chinese text an ASCII character (an
 * e-mail address, a URL, "SDK") stays the same length in translation, so
 * it counts 1/ratio of a Chinese character. */
static double
text_length (const char *text,
             gboolean    chinese,
             double      ratio)
{
  double n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            n += chinese ? 1.0 / ratio : 1.0;
        }
      else if (!g_unichar_isspace (g_utf8_get_char (p)))
        n += 1.0;
    }
  return n;
}

static void
read_numbering (Unit       *unit,
                const char *text)
{
  const char *marker = cm_clause_get_marker (unit->clause);
  CmNumbering numbering;
  gboolean found;

  if (marker != NULL && *marker != '\0')
    found = cm_numbering_parse (marker, strlen (marker), &numbering);
  else
    {
      while (*text == ' ' || *text == '\t' || *text == '\n')
        text++;
      found = cm_numbering_parse (text, strlen (text), &numbering);
    }
  unit->numbered = found && numbering.style != CM_NUMBERING_STYLE_NONE
                   && numbering.style != CM_NUMBERING_STYLE_BULLET
                   && numbering.style != CM_NUMBERING_STYLE_MARKDOWN;
  unit->number = unit->numbered ? numbering.value : 0;
}

static guint32
label_bit (GHashTable *label_bits,
           const char *label)
{
  gpointer bit;

  if (!g_hash_table_lookup_extended (label_bits, label, NULL, &bit))
    {
      guint n = g_hash_table_size (label_bits);
      if (n >= 32)
        return 0;
      bit = GUINT_TO_POINTER (1u << n);
      g_hash_table_insert (label_bits, g_strdup (label), bit);
    }
  return GPOINTER_TO_UINT (bit);
}

static void
read_labels (Unit       *unit,
             GHashTable *label_bits)
{
  const char * const *labels = cm_clause_get_labels (unit->clause);
  const CmSuggestion *suggestions;
  guint n_suggestions = 0;

  suggestions = cm_clause_get_suggestions (unit->clause, &n_suggestions);
  unit->ev.labelled = (labels && labels[0]) || n_suggestions > 0
                   || cm_clause_get_status (unit->clause) != CM_REVIEW_STATUS_UNREVIEWED
                   || cm_clause_get_confidence (unit->clause) >= 0;
  if (labels && labels[0])
    {
      for (guint i = 0; labels[i]; i++)
        unit->ev.labels |= label_bit (label_bits, labels[i]);
      return;
    }
  for (guint i = 0; i < n_suggestions; i++)
    if (suggestions[i].score >= 0.5)
      unit->ev.labels |= label_bit (label_bits, suggestions[i].label);
}

static void
read_anchors (Unit       *unit,
              const char *text,
              const char *language)
{
  g_autoptr(GPtrArray) anchors = cm_anchors_extract (text, -1, language);
  GArray *strong = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *names = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < anchors->len; i++)
    {
      CmAnchor *anchor = g_ptr_array_index (anchors, i);
      g_autofree char *key = cm_anchor_dup_key (anchor);
      guint hash = g_str_hash (key);

      g_array_append_val (anchor->kind == CM_ANCHOR_NAME ? names : strong, hash);
    }
  id_set_from_unsorted (&unit->ev.anchors, strong);
  id_set_from_unsorted (&unit->ev.names, names);
}

static Unit *
collect_units (CmDocument *document,
               gboolean    chinese,
               double      ratio,
               CmLexicon  *lexicon,
               GHashTable *label_bits,
               guint      *n_units)
{
  guint n = cm_document_get_n_clauses (document);
  GArray *units = g_array_sized_new (FALSE, TRUE, sizeof (Unit), n);
  const char *language = chinese ? "zh" : "en";

  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = NULL;
      Unit unit = { 0 };

      if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
        continue;
      text = cm_document_dup_clause_text (document, clause);
      unit.clause = clause;
      unit.ev.length = text_length (text, chinese, ratio);
      unit.heading = cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING;
      unit.ev.headings = unit.heading ? 1 : 0;
      unit.ev.size = 1;
      read_numbering (&unit, text);
      read_labels (&unit, label_bits);
      read_anchors (&unit, text, language);
      if (lexicon != NULL)
        id_set_take_array (&unit.ev.terms, chinese ? cm_lexicon_match_zh (lexicon, text, -1)
                                                : cm_lexicon_match_en (lexicon, text, -1));
      g_array_append_val (units, unit);
    }
  *n_units = units->len;
  return (Unit *) (void *) g_array_free (units, FALSE);
}

static void
free_units (Unit  *units,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    evidence_clear (&units[i].ev);
  g_free (units);
}

/* Rarer terms say more: an idf over the clauses of both documents. */
static void
compute_term_weights (Aligner *aligner)
{
  guint *df = g_new0 (guint, aligner->n_terms + 1);
  double n = (aligner->n_zh + aligner->n_en) / 2.0;

  for (guint i = 0; i < aligner->n_zh; i++)
    for (guint k = 0; k < aligner->zh[i].ev.terms.n; k++)
      df[aligner->zh[i].ev.terms.items[k]]++;
  for (guint i = 0; i < aligner->n_en; i++)
    for (guint k = 0; k < aligner->en[i].ev.terms.n; k++)
      df[aligner->en[i].ev.terms.items[k]]++;
  aligner->term_weight = g_new (double, aligner->n_terms + 1);
  for (guint t = 0; t <= aligner->n_terms; t++)
    {
      double w = log ((n + 1.0) / (df[t] / 2.0 + 0.5));
      aligner->term_weight[t] = CLAMP (w, 0.1, 3.0) / 3.0;
    }
  g_free (df);
  for (guint i = 0; i < aligner->n_zh; i++)
    aligner->zh[i].ev.term_total = id_set_weight (&aligner->zh[i].ev.terms, aligner->term_weight);
  for (guint i = 0; i < aligner->n_en; i++)
    aligner->en[i].ev.term_total = id_set_weight (&aligner->en[i].ev.terms, aligner->term_weight);
}

/* ---- costs --------------------------------------------------------- */

/* Gale & Church: -log P(|delta|) with delta the standardised difference
 * between the English length and the one expected from the Chinese. */
static double
length_cost (const Aligner *aligner,
             double         zh_length,
             double         en_length)
{
  double mean_length = (zh_length + en_length / aligner->ratio) / 2.0;
  double delta, p;

  if (mean_length <= 0)
    return 0;
  delta = (en_length - zh_length * aligner->ratio) / sqrt (mean_length * aligner->variance);
  p = erfc (fabs (delta) / G_SQRT2);
  if (p <= exp (-LENGTH_COST_MAX))
    return LENGTH_COST_MAX;
  return -log (p);
}

static guint32
popcount32 (guint32 x)
{
  guint32 n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

/* Evidence that zh units [zi, zi+za) and en units [ei, ei+eb) say the same
 * thing, in -log units (positive: they do). */
static double
content_bonus (Aligner *aligner,
               guint    zi,
               guint    za,
               guint    ei,
               guint    eb)
{
  const Unit *z1 = &aligner->zh[zi], *e1 = &aligner->en[ei];
  const Evidence *z = za == 1 ? &z1->ev : &aligner->zh_pairs[zi];
  const Evidence *e = eb == 1 ? &e1->ev : &aligner->en_pairs[ei];
  double bonus = 0, both;

  both = id_set_intersection (&z->terms, &e->terms, aligner->term_weight);
  bonus += W_TERM_MATCH * both - W_TERM_MISS * (z->term_total + e->term_total - 2 * both);

  both = id_set_intersection (&z->anchors, &e->anchors, NULL);
  bonus += W_ANCHOR_MATCH * both - W_ANCHOR_MISS * (z->anchors.n + e->anchors.n - 2 * both);

  bonus += W_NAME_MATCH * id_set_intersection (&z->names, &e->names, NULL);

  /* structure: the first clause of each side carries the marker */
  if (z1->numbered && e1->numbered)
    bonus += z1->number == e1->number ? W_NUMBER_SAME : -W_NUMBER_DIFFER;
  /* headings go with headings; a heading glued to body text on one side
   * is usually a heading the other version lacks */
  if (z->headings > 0 && e->headings > 0)
    bonus += W_HEADING_BOTH;
  else if ((z->headings > 0) != (e->headings > 0))
    bonus -= W_HEADING_ONE;
  if ((z->headings > 0 && z->headings < z->size) || (e->headings > 0 && e->headings < e->size))
    bonus -= W_HEADING_MIX;

  if (aligner->use_labels && z->labelled && e->labelled)
    {
      guint32 all = z->labels | e->labels;

      if (all != 0)
        {
          double jaccard = (double) popcount32 (z->labels & e->labels) / popcount32 (all);
          bonus += W_LABEL_AGREE * jaccard - W_LABEL_DISAGREE * (1 - jaccard);
        }
    }
  return bonus;
}

static double
link_cost (Aligner *aligner,
           guint    zi,
           guint    za,
           guint    ei,
           guint    eb)
{
  double zl, el, prior;

  if (za == 0 || eb == 0)
    return PRIOR_1_0;
  zl = za == 1 ? aligner->zh[zi].ev.length : aligner->zh_pairs[zi].length;
  el = eb == 1 ? aligner->en[ei].ev.length : aligner->en_pairs[ei].length;
  prior = za == 1 && eb == 1 ? PRIOR_1_1 : za == 2 && eb == 2 ? PRIOR_2_2 : PRIOR_2_1;
  return prior + length_cost (aligner, zl, el) - content_bonus (aligner, zi, za, ei, eb);
}

/* ---- dynamic programming in a band --------------------------------- */

static const guint moves[][2] = {
  { 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 }, { 1, 2 }, { 2, 2 },
};
#define N_MOVES G_N_ELEMENTS (moves)

typedef struct
{
  guint   *lo;     /* per zh row i: first en column in the band */
  guint   *hi;     /* last en column (inclusive) */
  gsize   *row;    /* offset of row i in cost / back */
  double  *cost;
  guint8  *back;   /* index into moves, or 0xff */
} Band;

static void
band_clear (Band *band)
{
  g_free (band->lo);
  g_free (band->hi);
  g_free (band->row);
  g_free (band->cost);
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
  band->cost = g_new (double, total);
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
band_fill (Band    *band,
           Aligner *aligner)
{
  for (guint i = 0; i <= aligner->n_zh; i++)
    for (guint j = band->lo[i]; j <= band->hi[i]; j++)
      {
        gsize here = band_index (band, i, j);
        double best = INFINITY;
        guint8 best_move = 0xff;

        if (i == 0 && j == 0)
          {
            band->cost[here] = 0;
            band->back[here] = 0xff;
            continue;
          }
        for (guint k = 0; k < N_MOVES; k++)
          {
            guint a = moves[k][0], b = moves[k][1];
            double c;

            if (a > i || b > j || !band_contains (band, i - a, j - b))
              continue;
            c = band->cost[band_index (band, i - a, j - b)];
            if (!isfinite (c))
              continue;
            c += link_cost (aligner, i - a, a, j - b, b);
            if (c < best)
              {
                best = c;
                best_move = (guint8) k;
              }
          }
        band->cost[here] = best;
        band->back[here] = best_move;
      }
}

typedef struct
{
  guint zi, za, ei, eb;
  double cost;
} Step;

/* The best path as steps in order; *touches_edge tells whether it runs
 * along an inner edge of the band (so a wider band might do better). */
static GArray *
band_backtrack (const Band    *band,
                Aligner       *aligner,
                gboolean      *touches_edge)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (Step));
  guint i = aligner->n_zh, j = aligner->n_en;

  *touches_edge = FALSE;
  while (i > 0 || j > 0)
    {
      guint8 k = band->back[band_index (band, i, j)];
      Step step;

      g_assert (k != 0xff);
      if ((j == band->lo[i] && j > 0) || (j == band->hi[i] && j < aligner->n_en))
        *touches_edge = TRUE;
      step.za = moves[k][0];
      step.eb = moves[k][1];
      step.zi = i - step.za;
      step.ei = j - step.eb;
      step.cost = link_cost (aligner, step.zi, step.za, step.ei, step.eb);
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

static GArray *
align_units (Aligner *aligner,
             guint    initial_width)
{
  g_autofree guint *center = diagonal (aligner);
  guint n = aligner->n_zh, m = aligner->n_en;
  guint full = MAX (n, m) + 2;
  /* the diagonal follows text length, so the band need not cover the
   * difference in clause counts */
  guint width = initial_width > 0 ? initial_width : MIN_BAND;
  gboolean recentered = FALSE;

  for (;;)
    {
      Band band = { 0 };
      gboolean touches_edge;
      GArray *steps;

      width = MIN (width, full);
      band_setup (&band, aligner, center, width);
      band_fill (&band, aligner);
      steps = band_backtrack (&band, aligner, &touches_edge);
      band_clear (&band);
      if (!touches_edge || width >= full)
        return steps;
      /* The best path runs along the band's edge: a better one may lie
       * outside. First centre the band on that path (cheap, and usually
       * enough: the path drifts from the length diagonal), then widen. */
      g_debug ("path touches the band edge at width %u; %s", width,
               recentered ? "widening" : "re-centring");
      center_on_path (center, steps, n, m);
      if (recentered)
        width *= 2;
      recentered = TRUE;
      g_array_unref (steps);
    }
}

/* ---- results ------------------------------------------------------- */

static CmLink *
link_from_step (Aligner    *aligner,
                const Step *step)
{
  const char *zh_ids[3] = { NULL, NULL, NULL }, *en_ids[3] = { NULL, NULL, NULL };
  double score = 0;

  for (guint k = 0; k < step->za; k++)
    zh_ids[k] = cm_clause_get_id (aligner->zh[step->zi + k].clause);
  for (guint k = 0; k < step->eb; k++)
    en_ids[k] = cm_clause_get_id (aligner->en[step->ei + k].clause);
  if (step->za > 0 && step->eb > 0)
    {
      /* how much cheaper than leaving every clause of the link unaligned */
      double margin = PRIOR_1_0 * (step->za + step->eb) - step->cost;
      score = 1.0 / (1.0 + exp (-(margin - PRIOR_1_0) / 2.0));
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
          Step step = { i, 1, 0, 0, PRIOR_1_0 };
          g_ptr_array_add (links, link_from_step (aligner, &step));
        }
      for (guint j = e0; j < e1; j++)
        {
          Step step = { 0, 0, j, 1, PRIOR_1_0 };
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

/* Aligns the stretches between the links to keep and keeps those as they
 * are. FALSE (and @links left partial) if the links to keep are not in
 * order on both sides or name unknown clauses. */
static gboolean
align_around_kept_links (Aligner   *aligner,
                         GPtrArray *keep,
                         guint      band,
                         GPtrArray *links)
{
  g_autoptr(GHashTable) zh_positions = unit_positions (aligner->zh, aligner->n_zh);
  g_autoptr(GHashTable) en_positions = unit_positions (aligner->en, aligner->n_en);
  guint z = 0, e = 0;

  for (guint k = 0; k < keep->len; k++)
    {
      const CmLink *link = g_ptr_array_index (keep, k);
      guint zf, ze, ef, ee;

      if (!kept_span (zh_positions, link->clauses, &zf, &ze)
          || !kept_span (en_positions, link->partner_clauses, &ef, &ee)
          || (zf != G_MAXUINT && zf < z) || (ef != G_MAXUINT && ef < e))
        {
          g_message ("The links to keep are not in document order; aligning everything again");
          return FALSE;
        }
      /* a one-sided link to keep does not say where the other side is:
       * align up to its own side only */
      if (zf == G_MAXUINT)
        zf = ze = z;
      if (ef == G_MAXUINT)
        ef = ee = e;
      align_range (aligner, z, zf, e, ef, band, links);
      g_ptr_array_add (links, cm_link_copy (link));
      z = ze;
      e = ee;
    }
  align_range (aligner, z, aligner->n_zh, e, aligner->n_en, band, links);
  return TRUE;
}

GPtrArray *
cm_align_documents (CmDocument           *zh,
                    CmDocument           *en,
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

  g_return_val_if_fail (CM_IS_DOCUMENT (zh), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (en), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      cm_align_options_init (&defaults);
      options = &defaults;
    }
  lexicon = options->lexicon;
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
  aligner.zh = collect_units (zh, TRUE, aligner.ratio, lexicon, label_bits, &aligner.n_zh);
  aligner.en = collect_units (en, FALSE, aligner.ratio, lexicon, label_bits, &aligner.n_en);
  if (aligner.n_zh == 0 || aligner.n_en == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, "“%s” has no clauses to align",
                   cm_document_get_id (aligner.n_zh == 0 ? zh : en));
      free_units (aligner.zh, aligner.n_zh);
      free_units (aligner.en, aligner.n_en);
      return NULL;
    }
  aligner.n_terms = lexicon ? cm_lexicon_get_n_terms (lexicon) : 0;
  compute_term_weights (&aligner);

  aligner.zh_pairs = pair_evidence (aligner.zh, aligner.n_zh, aligner.term_weight);
  aligner.en_pairs = pair_evidence (aligner.en, aligner.n_en, aligner.term_weight);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  if (options->keep == NULL || options->keep->len == 0
      || !align_around_kept_links (&aligner, options->keep, options->band, links))
    {
      g_ptr_array_set_size (links, 0);
      steps = align_units (&aligner, options->band);
      for (guint k = 0; k < steps->len; k++)
        g_ptr_array_add (links, link_from_step (&aligner, &g_array_index (steps, Step, k)));
      g_array_unref (steps);
    }

  free_pairs (aligner.zh_pairs, aligner.n_zh);
  free_pairs (aligner.en_pairs, aligner.n_en);
  g_free (aligner.term_weight);
  free_units (aligner.zh, aligner.n_zh);
  free_units (aligner.en, aligner.n_en);
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

/* ---- evaluation ---------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
strv_key (char **ids)
{
  g_autofree char **sorted = g_new0 (char *, g_strv_length (ids) + 1);
  guint n = 0;

  for (guint i = 0; ids[i]; i++)
    sorted[n++] = ids[i];
  g_qsort_with_data (sorted, (gint) n, sizeof (char *), compare_strings, NULL);
  return g_strjoinv ("\x1f", sorted);
}

/* Adds the keys of @links to @set: one per link (strict) or one per
 * clause pair (lax); links with an empty side are left out. */
static void
collect_link_keys (GPtrArray  *links,
                   gboolean    strict,
                   GHashTable *set)
{
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL)
        continue;
      if (strict)
        {
          g_autofree char *a = strv_key (link->clauses);
          g_autofree char *b = strv_key (link->partner_clauses);
          g_hash_table_add (set, g_strconcat (a, "\t", b, NULL));
          continue;
        }
      for (guint x = 0; link->clauses[x]; x++)
        for (guint y = 0; link->partner_clauses[y]; y++)
          g_hash_table_add (set, g_strconcat (link->clauses[x], "\t", link->partner_clauses[y], NULL));
    }
}

void
cm_links_compare (GPtrArray    *predicted,
                  GPtrArray    *gold,
                  gboolean      strict,
                  CmLinkScores *scores)
{
  g_autoptr(GHashTable) p = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) g = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (predicted != NULL && gold != NULL && scores != NULL);

  collect_link_keys (predicted, strict, p);
  collect_link_keys (gold, strict, g);
  memset (scores, 0, sizeof *scores);
  scores->n_predicted = g_hash_table_size (p);
  scores->n_gold = g_hash_table_size (g);
  g_hash_table_iter_init (&iter, p);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (g, key))
      scores->n_correct++;
  scores->precision = scores->n_predicted ? (double) scores->n_correct / scores->n_predicted : 0;
  scores->recall = scores->n_gold ? (double) scores->n_correct / scores->n_gold : 0;
  if (scores->precision + scores->recall > 0)
    scores->f1 = 2 * scores->precision * scores->recall / (scores->precision + scores->recall);
}
