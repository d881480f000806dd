/* cm-pair-diff-private.h — what the pair comparison's files share
 * (cm-pair-diff*.c only)
 *
 * The comparison is split by concern:
 *   cm-pair-diff.c          public API, importances, missing clauses, labels
 *                           and risks that differ, moves, runs and the pair
 *   cm-pair-diff-side.c     what one side of a link holds (Side)
 *   cm-pair-diff-anchors.c  aligned clauses whose anchors differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-aligner.h"
#include "cm-pair-diff.h"

G_BEGIN_DECLS

/* A label counts as held from this score on, in permille (the suggestion
 * threshold, 0.5). */
#define HELD 500

/* What one side of a link holds (cm-pair-diff-side.c). */
typedef struct
{
  GPtrArray    *clauses;   /* CmClause, borrowed */
  char         *text;      /* the clauses' texts joined by newlines */
  GHashTable   *labels;    /* label id -> GINT_TO_POINTER (score in permille): the
                            * best model score among the clauses, 1000 for a
                            * label a reviewer holds; held from 500 on */
  GHashTable   *probabilities; /* label id -> GINT_TO_POINTER (permille): the
                                * best calibrated model probability among the
                                * unreviewed clauses (absent: below the
                                * suggestion floor) */
  gboolean      labelled;  /* some clause has labels or suggestions */
  gboolean      reviewed;  /* some clause has been reviewed */
  gboolean      risky;     /* some clause is flagged as a risk */
  double        risk;      /* how sure that some clause is a risk: 1 or 0 for
                            * a reviewer's decision, else the best calibrated
                            * model probability (1 for a flag without one) */
  CmClauseKind  kind;      /* of the first clause */
} Side;


void          cm_pair_side_init         (Side          *side,
                                         CmDocument    *document,
                                         char         **ids);
void          cm_pair_side_clear        (Side          *side);
int           cm_pair_side_score        (const Side    *side,
                                         const char    *label);
/* The most important of a side's labels, or 0 without labels. */
double        cm_pair_side_label_weight (const Side    *side,
                                         const char   **top_label);

CmDifference *cm_pair_difference_new    (CmDifferenceKind kind,
                                         guint          link_index,
                                         const CmLink  *link,
                                         gboolean       zh_holds_links);
/* A NULL-terminated vector of @list's strings; takes @list. */
char        **cm_pair_strv_from_list    (GPtrArray     *list);

CmDifference *cm_pair_anchor_difference (const Side    *zh,
                                         const Side    *en,
                                         guint          link_index,
                                         const CmLink  *link,
                                         gboolean       zh_holds_links);

G_END_DECLS
