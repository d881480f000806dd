/* cm-aligner-scores.c — the evidence and costs the aligner weighs
 *
 * What one clause carries as evidence (its length, numbering value, heading
 * kind, anchors, lexicon terms and labels), merged for two adjacent clauses,
 * and the cost of a link: a prior, a Gale & Church length cost, minus a
 * bonus for the evidence both sides share. cm-aligner.c searches the
 * cheapest path with these costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-aligner-private.h"
#include "cm-anchors.h"
#include "cm-numbering.h"
#include "cm-uint-array.h"

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

/* ---- sets ---------------------------------------------------------- */

/* Sets hold exactly their items, and nothing when empty: there are three
 * per clause and per group of two and three clauses (2 x 50,000 clauses
 * made 600,000 of them, most of them empty, and arrays grown by doubling). */
static void
id_set_take_array (IdSet  *set,
                   GArray *array)  /* sorted, distinct; taken */
{
  set->n = array->len;
  set->items = array->len ? g_memdup2 (array->data, array->len * sizeof (guint)) : NULL;
  g_array_free (array, TRUE);
}

static void
id_set_from_unsorted (IdSet  *set,
                      GArray *array)
{
  id_set_take_array (set, cm_uint_array_sort_unique (array));
}

/* The union of two sorted sets, newly allocated. */
static IdSet
id_set_union (const IdSet *a,
              const IdSet *b)
{
  guint *out;
  IdSet u = { 0, NULL };
  guint i = 0, j = 0;

  if (a->n + b->n == 0)
    return u;
  out = g_new (guint, a->n + b->n);
  u.items = out;

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
  if (u.n < a->n + b->n)
    u.items = g_renew (guint, out, u.n);
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
Evidence *
cm_aligner_pair_evidence (const Unit   *units,
                          guint         n,
                          const double *weight)
{
  Evidence *pairs = g_new0 (Evidence, MAX (n, 1));

  for (guint i = 0; i + 1 < n; i++)
    evidence_merge (&pairs[i], &units[i].ev, &units[i + 1].ev, weight);
  return pairs;
}

Evidence *
cm_aligner_triple_evidence (const Unit     *units,
                            const Evidence *pairs,
                            guint           n,
                            const double   *weight)
{
  Evidence *triples = g_new0 (Evidence, MAX (n, 1));

  for (guint i = 0; i + 2 < n; i++)
    evidence_merge (&triples[i], &pairs[i], &units[i + 2].ev, weight);
  return triples;
}

void
cm_aligner_free_groups (Evidence *groups,
                        guint     n,
                        guint     size)
{
  for (guint i = 0; i + size <= n; i++)
    evidence_clear (&groups[i]);
  g_free (groups);
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

/* The targets of the source's links inside the clause (a Markdown or HTML
 * link keeps only its text in the clause) are URL anchors too. */
static void
add_link_anchors (CmDocument *document,
                  CmClause   *clause,
                  GPtrArray  *anchors)
{
  guint n_links = 0;
  const CmSourceLink *links = cm_document_get_source_links (document, &n_links);
  guint start = cm_clause_get_start (clause), end = cm_clause_get_end (clause);

  for (guint i = 0; i < n_links; i++)
    if (links[i].start < end && links[i].end > start)
      {
        g_autoptr(GPtrArray) found = cm_anchors_extract (links[i].url, -1, NULL);

        for (guint j = 0; j < found->len; j++)
          if (((CmAnchor *) g_ptr_array_index (found, j))->kind == CM_ANCHOR_URL
              || ((CmAnchor *) g_ptr_array_index (found, j))->kind == CM_ANCHOR_EMAIL)
            g_ptr_array_add (anchors, g_ptr_array_steal_index (found, j--));
      }
}

static void
read_anchors (Unit       *unit,
              CmDocument *document,
              const char *text,
              const char *language)
{
  g_autoptr(GPtrArray) anchors = cm_anchors_extract (text, -1, language);
  GArray *strong = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *names = g_array_new (FALSE, FALSE, sizeof (guint));

  add_link_anchors (document, unit->clause, anchors);
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

/* Two versions of one language share their words: a clause's terms are
 * then its hashed words (English, lower-cased) or character bigrams (Han),
 * so that the term evidence measures how much text the clauses share. */
static GArray *
hashed_tokens (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  gunichar previous = 0;
  const char *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      guint hash;

      if (g_unichar_isalnum (c) && c < 0x2E80)
        {
          const char *start = p;
          g_autofree char *word = NULL;

          while (*p && g_unichar_isalnum (g_utf8_get_char (p)) && g_utf8_get_char (p) < 0x2E80)
            p = g_utf8_next_char (p);
          word = g_utf8_strdown (start, p - start);
          hash = g_str_hash (word) % CM_ALIGNER_TOKEN_BUCKETS;
          g_array_append_val (tokens, hash);
          previous = 0;
          continue;
        }
      if (c >= 0x2E80 && g_unichar_isalnum (c))
        {
          if (previous != 0)
            {
              hash = (previous * 31 + c) % CM_ALIGNER_TOKEN_BUCKETS;
              g_array_append_val (tokens, hash);
            }
          previous = c;
        }
      else
        previous = 0;
      p = g_utf8_next_char (p);
    }
  return tokens;
}

/* A line at most this long (English characters, or Chinese ones times the
 * length ratio) that does not end a sentence reads as a title. */
#define TITLE_MAX_LENGTH 90.0

/* Short, and no sentence end: "8. 授权软件APP权限获取说明", "D. Exceptions
 * to prior consent", "(2)找回密码" (a list item without end punctuation
 * is often a title too: "Account registration"). */
static gboolean
reads_as_title (const char *text,
                double      english_length)
{
  const char *end = text + strlen (text);
  gunichar last = 0;

  if (english_length <= 0 || english_length > TITLE_MAX_LENGTH)
    return FALSE;
  while (end > text)
    {
      const char *previous = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (previous);

      if (!g_unichar_isspace (c))
        {
          last = c;
          break;
        }
      end = previous;
    }
  return last != 0 && g_utf8_strchr ("。．.!?！？;；:：…", -1, last) == NULL;
}

Unit *
cm_aligner_collect_units (CmDocument   *document,
                          gboolean      chinese,
                          double        ratio,
                          CmLexicon    *lexicon,
                          GHashTable   *label_bits,
                          GCancellable *cancellable,
                          guint        *n_units)
{
  guint n = cm_document_get_n_clauses (document);
  GArray *units = g_array_sized_new (FALSE, TRUE, sizeof (Unit), n);
  const char *language = chinese ? "zh" : "en";

  /* cancelled: the units read so far (the caller throws them away) */
  for (guint i = 0; i < n && (i % 256 != 0 || !g_cancellable_is_cancelled (cancellable)); i++)
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
      unit.title = unit.heading || reads_as_title (text, chinese ? unit.ev.length * ratio
                                                                 : unit.ev.length);
      unit.ev.headings = unit.heading ? 1 : 0;
      unit.ev.size = 1;
      read_numbering (&unit, text);
      read_labels (&unit, label_bits);
      read_anchors (&unit, document, text, language);
      if (lexicon == CM_ALIGNER_WORDS)
        id_set_from_unsorted (&unit.ev.terms, hashed_tokens (text));
      else if (lexicon != NULL)
        id_set_take_array (&unit.ev.terms, chinese ? cm_lexicon_match_zh (lexicon, text, -1)
                                                : cm_lexicon_match_en (lexicon, text, -1));
      g_array_append_val (units, unit);
    }
  *n_units = units->len;
  return (Unit *) (void *) g_array_free (units, FALSE);
}

void
cm_aligner_free_units (Unit  *units,
                       guint  n)
{
  for (guint i = 0; i < n; i++)
    evidence_clear (&units[i].ev);
  g_free (units);
}

/* Rarer terms say more: an idf over the clauses of both documents. */
void
cm_aligner_compute_term_weights (Aligner *aligner)
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

/* -log P(|delta|), tabulated: the programme asks for it at every move of
 * every cell (erfc, exp and log were a fifth of the aligner's time). Steps
 * of 1/LENGTH_TABLE_STEPS, read with linear interpolation (error below
 * 1e-5), up to where it reaches LENGTH_COST_MAX.
 *
 * P is Gale & Church's normal for most links, mixed with a wider one for
 * the few where a version leaves part of the clause out or adds to it
 * (CM_ALIGN_LENGTH_TAIL_WEIGHT of the links, CM_ALIGN_LENGTH_TAIL_SCALE
 * times the spread): with the normal alone, a paragraph whose translation
 * leaves out a list of product names cost 30 linked one to one, so its
 * unrelated neighbours were pulled into the link to even the lengths. */
#define LENGTH_TABLE_STEPS 256
#define LENGTH_TABLE_DELTA 8

double *
cm_aligner_length_table_new (double  tail_weight,
                             double  tail_scale,
                             guint  *size)
{
  double scale = tail_weight > 0 ? MAX (tail_scale, 1.0) : 1.0;
  guint n = (guint) (LENGTH_TABLE_DELTA * scale) * LENGTH_TABLE_STEPS + 2;
  double *table = g_new (double, n);

  for (guint k = 0; k < n; k++)
    {
      double delta = (double) k / LENGTH_TABLE_STEPS;
      double p = erfc (delta / G_SQRT2);

      if (tail_weight > 0)
        p = (1 - tail_weight) * p + tail_weight * erfc (delta / scale / G_SQRT2);
      table[k] = p > 0 ? MIN (-log (p), LENGTH_COST_MAX) : LENGTH_COST_MAX;
    }
  *size = n;
  return table;
}

/* Gale & Church: -log P(|delta|) with delta the standardised difference
 * between the English length and the one expected from the Chinese. */
static inline double
length_cost (const Aligner *aligner,
             double         zh_length,
             double         en_length)
{
  double mean_length = (zh_length + en_length / aligner->ratio) / 2.0;
  double x, frac;
  guint k;

  if (mean_length <= 0)
    return 0;
  x = fabs (en_length - zh_length * aligner->ratio) / sqrt (mean_length * aligner->variance)
      * LENGTH_TABLE_STEPS;
  if (x >= (double) (aligner->length_table_size - 1))
    return LENGTH_COST_MAX;
  k = (guint) x;
  frac = x - k;
  return aligner->length_table[k] + frac * (aligner->length_table[k + 1] - aligner->length_table[k]);
}

static guint32
popcount32 (guint32 x)
{
  guint32 n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

/* The evidence of @size units from @i on (1 to 3). */
static inline const Evidence *
group_evidence (const Unit     *units,
                const Evidence *pairs,
                const Evidence *triples,
                guint           i,
                guint           size)
{
  return size == 1 ? &units[i].ev : size == 2 ? &pairs[i] : &triples[i];
}

/* The first clauses of the two sides carry the same number, one as a
 * heading and the other not: a heading that runs into its text. */
static gboolean
run_on_heading (const Aligner *aligner,
                const Unit    *z1,
                const Unit    *e1)
{
  return !aligner->monolingual && z1->numbered && e1->numbered && z1->number == e1->number
         && z1->heading != e1->heading;
}

/* The part of content_bonus() that needs no set intersection: numbering,
 * headings and labels. */
static double
structure_bonus (const Aligner  *aligner,
                 guint           zi,
                 guint           ei,
                 const Evidence *z,
                 const Evidence *e)
{
  const Unit *z1 = &aligner->zh[zi], *e1 = &aligner->en[ei];
  double bonus = 0;

  /* structure: the first clause of each side carries the marker */
  /* (a revision renumbers the sections after one it adds) */
  if (z1->numbered && e1->numbered && !aligner->monolingual)
    bonus += z1->number == e1->number ? W_NUMBER_SAME : -W_NUMBER_DIFFER;
  /* a 2-2 link pairs its second clauses too, and numbers that disagree
   * there contradict it (a 2-2 block hid the "6." against "4." of two items
   * whose lists differ, and beat the two 1-1 links it should have been);
   * numbers that agree there argue for those 1-1 links, not for the block;
   * numbers that agree crosswise are two swapped items, a block the pass
   * for moved clauses takes apart */
  if (z->size == 2 && e->size == 2 && !aligner->monolingual)
    {
      const Unit *z2 = z1 + 1, *e2 = e1 + 1;

      if (z2->numbered && e2->numbered && z2->number != e2->number
          && !(z1->numbered && e1->numbered
               && z1->number == e2->number && z2->number == e1->number))
        bonus -= W_NUMBER_DIFFER;
    }
  /* headings go with headings; a heading glued to body text on one side
   * is usually a heading the other version lacks, unless the other side
   * starts with the same number: its heading ran into its first sentence
   * (text copied without line breaks: "5、自动化决策在某些业务功能中……"
   * against "5. Automated decisions" and "In some functions…") */
  if (z->headings > 0 && e->headings > 0)
    bonus += W_HEADING_BOTH;
  else if (run_on_heading (aligner, z1, e1))
    ;
  else
    {
      if ((z->headings > 0) != (e->headings > 0))
        bonus -= W_HEADING_ONE;
      if ((z->headings > 0 && z->headings < z->size) || (e->headings > 0 && e->headings < e->size))
        bonus -= W_HEADING_MIX;
    }

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

/* How many of @n units from @units carry evidence (lexicon terms or
 * anchors) and share next to none of it with @other (no anchor or name,
 * under aligner->bare_share of their term weight: common words such as
 * "our" or "information" match anything): clauses a group took in for
 * their length only. */
static guint
count_bare_units (const Aligner  *aligner,
                  const Unit     *units,
                  guint           n,
                  const Evidence *other)
{
  guint bare = 0;

  for (guint k = 0; k < n; k++)
    {
      const Evidence *ev = &units[k].ev;

      if (ev->term_total <= 0 && ev->anchors.n == 0)
        continue;
      if (id_set_intersection (&ev->terms, &other->terms, aligner->term_weight)
            >= aligner->bare_share * ev->term_total
          || id_set_intersection (&ev->anchors, &other->anchors, NULL) > 0
          || id_set_intersection (&ev->names, &other->names, NULL) > 0)
        continue;
      bare++;
    }
  return bare;
}

/* A 2-1 to 1-3 link pays for each clause of its larger side that shares
 * nothing with the single clause (between two versions of one language,
 * each clause of any link of more than two that keeps under half its words): the length cost alone can make a 1-3 of
 * a paragraph and two unrelated neighbours cheaper than a 1-1 and two
 * lone clauses. (2-2 links are left as they are: their clauses pair off
 * among themselves.) */
static double
bare_unit_penalty (const Aligner  *aligner,
                   guint           zi,
                   guint           za,
                   guint           ei,
                   guint           eb,
                   const Evidence *z,
                   const Evidence *e)
{
  if (aligner->bare_cost <= 0)
    return 0;
  /* two versions of one language: in a link of more than two clauses (a
   * split, a merge), every clause on either side keeps at least half its
   * words on the other; a heading moved elsewhere was otherwise joined to
   * the paragraph that followed it, the merged text being close enough */
  if (aligner->monolingual)
    return za + eb > 2 ? aligner->bare_cost * (count_bare_units (aligner, &aligner->zh[zi], za, e)
                                               + count_bare_units (aligner, &aligner->en[ei], eb, z))
                       : 0;
  if (za == eb || (za > 1 && eb > 1))
    return 0;
  if (za > 1)
    return aligner->bare_cost * count_bare_units (aligner, &aligner->zh[zi], za, e);
  return aligner->bare_cost * count_bare_units (aligner, &aligner->en[ei], eb, z);
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
  const Evidence *z = group_evidence (aligner->zh, aligner->zh_pairs, aligner->zh_triples, zi, za);
  const Evidence *e = group_evidence (aligner->en, aligner->en_pairs, aligner->en_triples, ei, eb);
  double bonus = 0, both;

  both = id_set_intersection (&z->terms, &e->terms, aligner->term_weight);
  if (aligner->monolingual)
    {
      /* the share of their words two versions of a clause keep (Dice):
       * all of them is strong evidence, half of them none, none against;
       * two clauses without words (a lone "。" or "）", "及", "；" left
       * by the segmentation) say nothing either way: counted against, they
       * were cheaper in a 2-2 block with their neighbours than one to one */
      double total = z->term_total + e->term_total;
      double dice = total > 0 ? 2 * both / total : 0;
      if (total > 0)
        bonus += aligner->same_text * (2 * dice - 1);
    }
  else
    bonus += W_TERM_MATCH * both - W_TERM_MISS * (z->term_total + e->term_total - 2 * both);

  both = id_set_intersection (&z->anchors, &e->anchors, NULL);
  bonus += W_ANCHOR_MATCH * both - W_ANCHOR_MISS * (z->anchors.n + e->anchors.n - 2 * both);

  bonus += W_NAME_MATCH * id_set_intersection (&z->names, &e->names, NULL);
  return bonus + structure_bonus (aligner, zi, ei, z, e);
}

/* The most the evidence that needs set intersections (terms, anchors,
 * names) can add to content_bonus(): every item of the smaller side
 * matched. */
static double
bonus_bound (const Aligner  *aligner,
             const Evidence *z,
             const Evidence *e)
{
  double terms = MIN (z->term_total, e->term_total);
  double anchors = MIN (z->anchors.n, e->anchors.n);
  double bound = W_ANCHOR_MATCH * anchors - W_ANCHOR_MISS * (z->anchors.n + e->anchors.n - 2 * anchors)
                 + W_NAME_MATCH * MIN (z->names.n, e->names.n);

  if (aligner->monolingual)
    {
      double total = z->term_total + e->term_total;

      if (total > 0)
        bound += aligner->same_text * (2 * 2 * terms / total - 1);
    }
  else
    bound += W_TERM_MATCH * terms - W_TERM_MISS * (z->term_total + e->term_total - 2 * terms);
  return bound;
}

double
cm_aligner_link_cost (Aligner *aligner,
                      guint    zi,
                      guint    za,
                      guint    ei,
                      guint    eb)
{
  return cm_aligner_link_cost_below (aligner, zi, za, ei, eb, INFINITY);
}

double
cm_aligner_link_cost_below (Aligner *aligner,
                            guint    zi,
                            guint    za,
                            guint    ei,
                            guint    eb,
                            double   budget)
{
  const Evidence *z, *e;
  double prior, base;

  if (za == 0)
    return cm_aligner_unit_null_cost (aligner, &aligner->en[ei]);
  if (eb == 0)
    return cm_aligner_unit_null_cost (aligner, &aligner->zh[zi]);
  z = group_evidence (aligner->zh, aligner->zh_pairs, aligner->zh_triples, zi, za);
  e = group_evidence (aligner->en, aligner->en_pairs, aligner->en_triples, ei, eb);
  prior = za == 1 && eb == 1 ? PRIOR_1_1
          : za == 2 && eb == 2 ? PRIOR_2_2
          : za == 3 || eb == 3 ? PRIOR_3_1
          : PRIOR_2_1;
  base = prior + length_cost (aligner, z->length, e->length);
  /* the structure and label parts are exact and cheap; only when the
   * intersections could still bring the cost under the budget are they
   * counted */
  if (isfinite (budget)
      && base - structure_bonus (aligner, zi, ei, z, e) - bonus_bound (aligner, z, e) >= budget)
    return INFINITY;
  base -= content_bonus (aligner, zi, za, ei, eb);
  /* the clauses a group took in for their length only: a penalty, only
   * worth counting (set intersections clause by clause) for a link that
   * could still be chosen */
  if (base >= budget)
    return base;
  return base + bare_unit_penalty (aligner, zi, za, ei, eb, z, e);
}
