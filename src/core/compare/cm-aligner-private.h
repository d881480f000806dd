/* cm-aligner-private.h — what the aligner's files share (cm-aligner*.c only)
 *
 * The aligner is split by concern:
 *   cm-aligner.c         public API, the banded dynamic programming, results
 *                        and evaluation
 *   cm-aligner-scores.c  the evidence each clause carries (length, numbering,
 *                        anchors, lexicon terms, labels) and the cost of a link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-aligner.h"

G_BEGIN_DECLS

/* -log of Gale & Church's link-type priors (0.89, 0.089 split between 2-1
 * and 1-2, 0.011), except 1-0 / 0-1: their -log(0.0099 / 2) = 5.3 is for
 * parliamentary proceedings; policies add and drop more, and 4.0 did best
 * on the translation_en variants with drops (strict F1 0.966 -> 0.975)
 * without costing the sample pair (3.5 did). */
#define PRIOR_1_1  0.117
#define PRIOR_1_0  4.00
#define PRIOR_2_1  3.11
#define PRIOR_2_2  4.51

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

/* The units of @document (boilerplate left out) with their evidence; term
 * totals stay 0 until cm_aligner_compute_term_weights(). */
Unit     *cm_aligner_collect_units        (CmDocument   *document,
                                           gboolean      chinese,
                                           double        ratio,
                                           CmLexicon    *lexicon,
                                           GHashTable   *label_bits,
                                           guint        *n_units);
void      cm_aligner_free_units           (Unit         *units,
                                           guint         n);

/* Sets aligner->term_weight (an idf over both documents) and each unit's
 * term total. Needs zh, en and n_terms. */
void      cm_aligner_compute_term_weights (Aligner      *aligner);

/* Evidence of every two adjacent units, for 2-1, 1-2 and 2-2 links. */
Evidence *cm_aligner_pair_evidence        (const Unit   *units,
                                           guint         n,
                                           const double *weight);
void      cm_aligner_free_pairs           (Evidence     *pairs,
                                           guint         n);

/* The cost of linking zh units [zi, zi+za) with en units [ei, ei+eb), in
 * -log-probability units: prior + length cost - content bonus. */
double    cm_aligner_link_cost            (Aligner      *aligner,
                                           guint         zi,
                                           guint         za,
                                           guint         ei,
                                           guint         eb);

G_END_DECLS
