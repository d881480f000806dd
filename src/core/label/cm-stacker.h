/* cm-stacker.h — the second stage: a clause's labels read from the
 * first-stage scores of the clause, its neighbours and its section
 *
 * A reader decides "sharing" for a list item because the items around it
 * and the section it sits in are about sharing. The first stage (the
 * linear model over n-grams, cm-model.h) scores each clause; the second
 * stage is one small logistic regression per label over that label's
 * first-stage scores of: the clause itself, the previous and the next
 * clause of its document, and the mean of the other clauses of its section
 * (the clauses under the same heading path); five weights a label with the
 * bias. (Reading every label's scores of the neighbours, 45 weights a
 * label, did worse in grouped cross-validation: it overfits the few
 * documents of each inner fold.) It is trained on out-of-fold
 * first-stage scores (grouped by document, cm-trainer.c), so that it
 * learns how much to trust scores of unseen text. A missing neighbour
 * (first or last clause, a sentence labelled alone) and the section of a
 * one-clause section read as the clause's own score: zeros there made a
 * lone sentence look like one among clear negatives (micro-F1 0.90 -> 0.80
 * on sentences labelled alone).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-model.h"
#include "cm-training-set.h"

G_BEGIN_DECLS

/* Blocks of first-stage scores: clause, previous, next, section mean. */
#define CM_STACK_N_BLOCKS 4

/* Where a clause sits: clauses of one document share @document, those
 * under one heading path in a row share @section too. */
typedef struct
{
  guint document;
  guint section;
} CmStackPlace;

/* Features of the second stage for @n_labels labels: CM_STACK_N_BLOCKS
 * blocks of @n_labels scores. */
guint         cm_stack_dim            (guint               n_labels);

/* @scores: @n × @n_labels first-stage scores of clauses in document
 * order; @features: @n × cm_stack_dim (@n_labels). */
void          cm_stack_features       (const double       *scores,
                                       const CmStackPlace *places,
                                       guint               n,
                                       guint               n_labels,
                                       double             *features);

/* The features (cm_stack_dim (@n_labels) values) of one clause of
 * first-stage scores @own: @previous and @next are its neighbours' scores
 * (NULL: none), @section_sum the sum of the scores of the @section_count
 * clauses of its section, itself included (cm_stack_section_sum()). */
void          cm_stack_clause_features (const double      *own,
                                        const double      *previous,
                                        const double      *next,
                                        const double      *section_sum,
                                        guint              section_count,
                                        guint              n_labels,
                                        double            *features);
/* @sum (@n_labels values) of the @n × @n_labels @scores, added in clause
 * order from zero; cm_stack_section_add() goes on adding. */
void          cm_stack_section_sum     (const double      *scores,
                                        guint              n,
                                        guint              n_labels,
                                        double            *sum);
void          cm_stack_section_add     (double            *sum,
                                        const double      *scores,
                                        guint              n,
                                        guint              n_labels);

/* One logistic regression per label (C = @c) over its scores in the
 * features of @rows: @weights gets n_labels × (CM_STACK_N_BLOCKS + 1)
 * floats, each label's bias last. */
void          cm_stack_train          (const double       *features,
                                       const guint64      *labels,
                                       const guint        *rows,
                                       guint               n_rows,
                                       guint               n_labels,
                                       double              c,
                                       float              *weights);

/* Second-stage scores (@n × @n_labels) from features. */
void          cm_stack_apply          (const float        *weights,
                                       const double       *features,
                                       guint               n,
                                       guint               n_labels,
                                       double             *scores);

/* The places of @set's examples: each group a document (its examples in
 * order), sections by the examples' heading paths. Free with g_free(). */
CmStackPlace *cm_stack_places_of_set  (CmTrainingSet      *set);

/* The places of the clauses @order[0 .. @n) (indices into @contexts, in
 * document order) of one document: a new section wherever the heading
 * path changes. Free with g_free(). */
CmStackPlace *cm_stack_places_of_contexts (const CmFeatureContext *contexts,
                                           const guint            *order,
                                           guint                   n);

/* Replaces first-stage @scores (@n × labels) of one sequence of clauses
 * by @model's second-stage scores; nothing to do without a second stage. */
void          cm_model_stack_scores   (CmModel            *model,
                                       double             *scores,
                                       const CmStackPlace *places,
                                       guint               n);

/* Both stages' scores of the examples of @set in the documents (groups)
 * whose @fold_of is @fold, or of every example when @fold_of is NULL, into
 * @scores (size × labels, example-major); other rows are left alone. */
void          cm_model_score_examples (CmModel            *model,
                                       CmTrainingSet      *set,
                                       const guint        *fold_of,
                                       guint               fold,
                                       double             *scores);

G_END_DECLS
