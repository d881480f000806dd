/* cm-explanation.h — why a model gives a clause a label, in its own words
 *
 * A linear model's decision score is its bias plus one term per n-gram
 * bucket. An explanation hands each term back to the words it came from:
 * a bucket's term is shared equally by the n-gram occurrences hashed into
 * it, and each occurrence's share equally by the units it reads (a CJK
 * character, a word, a punctuation mark; a skip pair's two ends). Every
 * unit of the clause's text — and of each piece of context the model read
 * (heading path, list lead-in, neighbouring clauses) — gets a weight, with
 * its byte range in that text; the weights of a block add up to the
 * block's part of the score, and the blocks' parts plus the bias to the
 * score itself. A model with a second stage (cm-stacker.h) adds the
 * first-stage scores of the clauses around the clause to its own: the
 * clause's blocks are scaled by the weight its own score gets, and what
 * the others add is one block without text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"
#include "cm-model.h"

G_BEGIN_DECLS

typedef struct
{
  guint  start;   /* byte range in the block's text */
  guint  end;
  double weight;  /* its part of the label's decision score */
} CmWeightedSpan;

/* The block of a model with a second stage (cm-stacker.h): what the
 * first-stage scores of the neighbouring clauses and of the clause's
 * section add (no text, no spans). */
#define CM_EXPLAINED_SCORES_AROUND 256

typedef struct
{
  guint   which;         /* 0: the clause's own text; else one CM_CONTEXT_* flag,
                          * or CM_EXPLAINED_SCORES_AROUND */
  char   *text;          /* what the block read; NULL for the position block */
  double  contribution;  /* the block's part of the score */
  GArray *spans;         /* of CmWeightedSpan: each unit of @text, in order (none
                          * for the position block) */
} CmExplainedBlock;

typedef struct
{
  char      *label;
  double     score;       /* the decision score: bias + every block's part */
  double     bias;
  double     threshold;
  double     probability; /* calibrated */
  GPtrArray *blocks;      /* of CmExplainedBlock; the clause's own text first */
} CmExplanation;

void                    cm_explanation_free          (CmExplanation   *explanation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmExplanation, cm_explanation_free)

/* @label of @model for @text read in @context (nullable: none). */
CmExplanation          *cm_model_explain_in_context  (CmModel                *model,
                                                      CmFeatureScratch       *scratch,
                                                      const char             *text,
                                                      const CmFeatureContext *context,
                                                      guint                   label);

/* The block reading @which (0: the clause's own text), or NULL when the
 * model did not read it for this clause. */
const CmExplainedBlock *cm_explanation_get_block     (CmExplanation   *explanation,
                                                      guint            which);
/* A block's share of what moved the score: |its part| over the sum of
 * every block's |part| (0 when nothing moved it). */
double                  cm_explanation_get_share     (CmExplanation   *explanation,
                                                      guint            which);
/* The span of @block that pushes towards the label most (NULL when none
 * pushes towards it). */
const CmWeightedSpan   *cm_explained_block_top_span  (const CmExplainedBlock *block);
/* The largest |weight| of a span over every text block: the scale to
 * shade spans by. */
double                  cm_explanation_max_weight    (CmExplanation   *explanation);

/* @label of the model @set uses for @clause of @document (which must be
 * labelable), in the clause's document context. */
CmExplanation          *cm_model_set_explain_clause  (CmModelSet      *set,
                                                      CmDocument      *document,
                                                      CmClause        *clause,
                                                      const char      *label,
                                                      GError         **error);

G_END_DECLS
