/* cm-agreement-private.h — the arithmetic of agreement, apart from documents
 *
 * The input is a dense table: items (clauses) in document order, coders
 * (annotators), and for each item and coder the set of labels given as a
 * bit mask, or CM_AGREEMENT_MISSING when that coder did not annotate the
 * item. Every figure is a function of sums over items, so each document
 * is reduced once to a vector of sums and a bootstrap replicate is a
 * weighted sum of those vectors: resampling documents costs no pass over
 * the items.
 *
 * Also the object's fields, which its files share: cm-agreement.c (from
 * documents to the table, computing, the questions) and
 * cm-agreement-json.c (what `agree --json` prints).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-agreement.h"

G_BEGIN_DECLS

#define CM_AGREEMENT_MISSING  G_MAXUINT64
#define CM_AGREEMENT_MAX_LABELS 63

typedef struct
{
  guint    n_items;
  guint    n_coders;
  guint    n_labels;      /* <= CM_AGREEMENT_MAX_LABELS */
  guint    n_documents;
  guint   *item_document; /* [n_items], non-decreasing, < n_documents */
  guint64 *codes;         /* [n_items * n_coders] label masks or CM_AGREEMENT_MISSING */
  guint64 *gold;          /* [n_items] adjudicated masks or CM_AGREEMENT_MISSING; may be NULL */
} CmAgreementInput;

/* The measures of one row (a label as yes/no, or whole label sets). */
typedef enum
{
  CM_AGREEMENT_STAT_PERCENT,
  CM_AGREEMENT_STAT_COHEN_MEAN,
  CM_AGREEMENT_STAT_DAVIES_FLEISS,
  CM_AGREEMENT_STAT_FLEISS,
  CM_AGREEMENT_STAT_ALPHA,
  CM_AGREEMENT_STAT_ALPHA_MASI,
  CM_AGREEMENT_STAT_N_FIXED,
  /* then one Cohen's kappa per pair of coders (i < j, in order). */
} CmAgreementStat;

typedef struct
{
  guint    n_rows;        /* n_labels + 1: the last row is whole label sets */
  guint    n_stats;       /* per row: CM_AGREEMENT_STAT_N_FIXED + n_pairs */
  guint    n_pairs;
  double  *value;         /* [n_rows * n_stats], NAN when undefined */
  double  *low;           /* 95 % bootstrap interval (NAN without replicates) */
  double  *high;
  guint   *n_items;       /* items each figure rests on */
  guint    n_bootstrap;
  /* per coder: items others annotated and this coder did not */
  guint   *n_missing;     /* [n_coders] */
  guint    n_pairable;    /* items with >= 2 annotations */
  /* vs adjudicated labels, [n_coders * (n_labels + 1)], the last column micro */
  guint   *tp, *fp, *fn;
  /* label confusions between annotators: [(n_labels + 1)^2], index n_labels = no label */
  guint   *confusion;
} CmAgreementResults;

CmAgreementResults *cm_agreement_results_compute (const CmAgreementInput *input,
                                                  guint                   n_bootstrap,
                                                  guint64                 seed,
                                                  GCancellable           *cancellable);
void                cm_agreement_results_free    (CmAgreementResults     *results);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAgreementResults, cm_agreement_results_free)

struct _CmAgreement
{
  GObject             parent_instance;

  char              **annotators;
  char              **labels;
  guint               n_documents;
  guint               n_items;
  guint               n_unannotated;
  guint64             seed;
  CmAgreementResults *results;
};

G_END_DECLS
