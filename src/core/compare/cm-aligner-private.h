/* cm-aligner-private.h — what the aligner's files share (cm-aligner*.c only)
 *
 * The aligner is split by concern:
 *   cm-aligner.c         public API, ranges around kept links, results
 *   cm-aligner-band.c    the banded dynamic programming (the monotonic path)
 *   cm-aligner-scores.c  the evidence each clause carries (length, numbering,
 *                        anchors, lexicon terms, labels) and the cost of a link
 *   cm-aligner-moves.c   moved clauses, after the monotonic pass
 *   cm-aligner-reorder.c versions whose sections were reordered
 *   cm-link-gold.c       (not private) how well links match a gold alignment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-aligner.h"

G_BEGIN_DECLS

/* -log of Gale & Church's link-type priors (0.89, 0.089 split between 2-1
 * and 1-2, 0.011); 1-0 / 0-1 is CM_ALIGN_UNALIGNED_COST (cm-aligner.h). */
#define PRIOR_1_1  0.117
#define PRIOR_2_1  3.11
#define PRIOR_2_2  4.51
/* 3-1 and 1-3: where one version runs a heading into its first sentence
 * (text copied without line breaks) or splits one sentence in three. */
#define PRIOR_3_1  5.50

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
  gboolean         title;       /* reads as a title: a heading, or a short
                                 * line without a sentence's end (cf.
                                 * CM_ALIGN_TITLE_UNALIGNED_COST) */
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
  Evidence   *zh_triples;      /* zh_triples[i]: units i, i + 1 and i + 2 */
  Evidence   *en_triples;
  double     *term_weight;     /* per lexicon term */
  guint       n_terms;
  double      ratio;
  double      variance;
  double     *length_table;    /* cm_aligner_length_table_new() */
  guint       length_table_size;
  double      null_cost;       /* of a 1-0 or 0-1 link */
  double      title_null_cost; /* the same for a title */
  double      bare_cost;       /* per clause of a group that shares no
                                * evidence with the other side */
  double      same_text;       /* the weight of shared words (monolingual) */
  double      bare_share;      /* below this share of its term weight found
                                * on the other side, a grouped clause is
                                * bare (cf. bare_cost) */
  guint       move_reach;      /* how far a lone clause looks for its
                                * partner (cm-aligner-moves.c) */
  double      move_distance_weight; /* what each doubling of a move's
                                * distance adds to its cost */
  gboolean    monolingual;     /* two versions of one language: terms are
                                * hashed words (CM_ALIGNER_WORDS) */
  gboolean    use_labels;
  gboolean    search_cut;      /* the band's search stopped at its budget
                                * (cm-aligner-band.c, BAND_CELLS_PER_UNIT) */
  guint8     *en_breaks;       /* NULL, or en_breaks[j]: en unit j does not
                                * follow unit j - 1 in the document (a
                                * reordered view, cm-aligner-reorder.c):
                                * no link joins the two */
  guint      *band_center;     /* NULL, or the en position at which the
                                * band of each zh row (0 to n_zh) is
                                * centred, instead of a band that follows
                                * the path (a reordered view) */
  GCancellable *cancellable;   /* NULL, or the caller's: once cancelled,
                                * the units stop being read and the band
                                * being filled (every 128 rows), and
                                * the result is thrown away */
} Aligner;

/* One link of a path: zh units [zi, zi+za) with en units [ei, ei+eb). */
typedef struct
{
  guint zi, za, ei, eb;
  double cost;
} Step;

/* Below this share of its term weight found on the other side, a clause
 * grouped into a 2-1 to 1-3 link shares nothing with it (cf.
 * CM_ALIGN_BARE_CLAUSE_COST). */
#define CM_ALIGNER_BARE_TERM_SHARE 0.1
/* How far (in units of the other side) a lone clause looks for its
 * partner. */
#define CM_ALIGNER_MOVE_REACH 200
/* Between two versions of one language: the text a reviser moves is
 * mostly kept word for word, strong evidence however far it went (a
 * paragraph moved to another section of a 300-clause policy), so a lone
 * clause looks further (tests/test-revision-corpus --tune on the training
 * policies, 1-0 cost 3.0: moved strict F1 zh / en 0.9941 / 0.9942 at 200,
 * 0.9985 / 0.9986 at 1000; the mean of the nine sets 0.9984 -> 0.9991) */
#define CM_ALIGNER_REVISION_MOVE_REACH 1000
/* Between two versions of one language, a clause of a link of more than
 * two clauses that keeps under this share of its (weighted) words on the
 * other side pays CM_ALIGN_BARE_CLAUSE_COST (--tune as above, with the
 * reach of 1000: mean 0.9991 without, 0.9993 at 0.3, 0.5 and 0.7 alike;
 * moved 0.9985 / 0.9986 -> 0.9989 / 0.9988, mixed 0.9966 / 0.9973 ->
 * 0.9974 / 0.9982; applied to 1-1 links too it cost reworded Chinese
 * clauses, 0.9993 -> 0.9979 at 0.3) */
#define CM_ALIGNER_REVISION_BARE_SHARE 0.5
/* What each doubling of a move's distance adds to its cost (calibrated
 * with tests/test-aligner-corpus --tune on the training policies: 0, 0.5,
 * 1, 2 and 4 gave mean strict F1 0.9753, 0.9757, 0.9763, 0.9766, 0.9767;
 * from 1 on a clause 100 units away cannot be linked at all, one 10 away
 * needs a cost below 3). */
#define CM_ALIGNER_MOVE_DISTANCE_WEIGHT 1.0

/* Hashed words of a monolingual alignment fall in this many buckets. */
#define CM_ALIGNER_TOKEN_BUCKETS 65536u
/* Passed as the lexicon: the terms are the clauses' hashed words. */
#define CM_ALIGNER_WORDS ((CmLexicon *) GSIZE_TO_POINTER (1))

/* The units of @document (boilerplate left out) with their evidence; term
 * totals stay 0 until cm_aligner_compute_term_weights(). */
Unit     *cm_aligner_collect_units        (CmDocument   *document,
                                           gboolean      chinese,
                                           double        ratio,
                                           CmLexicon    *lexicon,
                                           GHashTable   *label_bits,
                                           GCancellable *cancellable,
                                           guint        *n_units);
void      cm_aligner_free_units           (Unit         *units,
                                           guint         n);

/* -log P(|delta|) of the length model, for delta = k / 256, k < *size. */
double   *cm_aligner_length_table_new     (double        tail_weight,
                                           double        tail_scale,
                                           guint        *size);

/* Sets aligner->term_weight (an idf over both documents) and each unit's
 * term total. Needs zh, en and n_terms. */
void      cm_aligner_compute_term_weights (Aligner      *aligner);

/* Evidence of every two adjacent units, for 2-1, 1-2 and 2-2 links. */
Evidence *cm_aligner_pair_evidence        (const Unit   *units,
                                           guint         n,
                                           const double *weight);
/* Evidence of every three adjacent units (from their pairs), for 3-1 and
 * 1-3 links. */
Evidence *cm_aligner_triple_evidence      (const Unit   *units,
                                           const Evidence *pairs,
                                           guint         n,
                                           const double *weight);
/* Frees the evidence of groups of @size units (2 or 3) made by the two
 * functions above. */
void      cm_aligner_free_groups          (Evidence     *groups,
                                           guint         n,
                                           guint         size);

/* The cost of leaving @unit unlinked (a 1-0 or 0-1 link). */
static inline double
cm_aligner_unit_null_cost (const Aligner *aligner,
                           const Unit    *unit)
{
  return unit->title ? aligner->title_null_cost : aligner->null_cost;
}

/* The cost of linking zh units [zi, zi+za) with en units [ei, ei+eb), in
 * -log-probability units: prior + length cost - content bonus. */
double    cm_aligner_link_cost            (Aligner      *aligner,
                                           guint         zi,
                                           guint         za,
                                           guint         ei,
                                           guint         eb);
/* The same, or INFINITY as soon as it is clear that the cost is at least
 * @budget (the programme only wants costs below the best it has). */
double    cm_aligner_link_cost_below      (Aligner      *aligner,
                                           guint         zi,
                                           guint         za,
                                           guint         ei,
                                           guint         eb,
                                           double        budget);

/* The cheapest monotonic path through the grid as steps in order; sets
 * aligner->search_cut when the search stopped at its budget. @initial_width:
 * the band's first half-width, 0 for the default. */
GArray   *cm_aligner_align_monotonic      (Aligner      *aligner,
                                           guint         initial_width);

/* After the monotonic pass: links the clauses it left alone, or caught in
 * 2-2 links, to partners that lie out of order when those are clearly
 * better (moved clauses). Rewrites @steps (still in Chinese order, the
 * English side of a moved link out of order). */
void      cm_aligner_find_moves           (Aligner      *aligner,
                                           GArray       *steps);

/* Between two versions of one language whose anchors (clauses with the
 * same words, found once in each) lie out of order: sets @reordered to a
 * view of @aligner with the en units in the zh order of their anchors
 * (en_breaks set) and the band centred on them (band_center), and returns TRUE; FALSE (nothing set) when
 * they are in order, bar a few. Free with cm_aligner_reorder_clear(). */
gboolean  cm_aligner_reorder              (const Aligner *aligner,
                                           Aligner       *reordered);
void      cm_aligner_reorder_clear        (Aligner       *reordered);

/* No link of en units [ei, ei+eb) crosses a break of a reordered view. */
static inline gboolean
cm_aligner_en_joinable (const Aligner *aligner,
                        guint          ei,
                        guint          eb)
{
  if (aligner->en_breaks == NULL)
    return TRUE;
  for (guint k = 1; k < eb; k++)
    if (aligner->en_breaks[ei + k])
      return FALSE;
  return TRUE;
}

/* cm_align_documents() (@monolingual FALSE) or cm_align_versions() (TRUE),
 * stopping early with G_IO_ERROR_CANCELLED once @cancellable (may be NULL)
 * is cancelled. Reads the documents only (cm-aligner-async.c runs it in a
 * thread on copies of them). */
GPtrArray *cm_aligner_align_full          (CmDocument           *zh,
                                           CmDocument           *en,
                                           gboolean              monolingual,
                                           const CmAlignOptions *options,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* cm_align_pair(): @options, or, when the two were aligned before and a
 * reviewer marked links reviewed, a copy of them in @storage keeping those
 * links (copied into *@reviewed, to free with g_ptr_array_unref()). */
const CmAlignOptions *cm_aligner_keep_reviewed (CmDocument           *zh,
                                                CmDocument           *en,
                                                const CmAlignOptions *options,
                                                CmAlignOptions       *storage,
                                                GPtrArray           **reviewed);

/* Stores @links (from @zh's perspective) on @zh, their inverse on @en, and
 * makes the two partners. */
void      cm_aligner_store_links          (CmDocument           *zh,
                                           CmDocument           *en,
                                           GPtrArray            *links);

G_END_DECLS
