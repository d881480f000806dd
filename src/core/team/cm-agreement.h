/* cm-agreement.h — how far annotators agree, per label and overall
 *
 * Computed on documents whose clauses carry several annotators'
 * annotations (joined copies, see cm-merge.h). Rows: each label as yes/no,
 * and CM_AGREEMENT_OVERALL for whole label sets. Every figure comes with a
 * 95 % percentile bootstrap interval resampling documents (seeded, so the
 * same data and seed give the same interval). The definitions, and where
 * they coincide with NLTK's nltk.metrics.agreement, are in
 * cm-agreement-stats.c and the README ("Working as a team").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CM_TYPE_AGREEMENT (cm_agreement_get_type ())

G_DECLARE_FINAL_TYPE (CmAgreement, cm_agreement, CM, AGREEMENT, GObject)

/* The row of whole label sets (the other rows are label indexes). */
#define CM_AGREEMENT_OVERALL (-1)
#define CM_AGREEMENT_DEFAULT_BOOTSTRAP 1000
#define CM_AGREEMENT_DEFAULT_SEED      1

typedef enum
{
  CM_AGREEMENT_PERCENT,        /* pooled pairwise agreement (NLTK avg_Ao) */
  CM_AGREEMENT_COHEN_MEAN,     /* mean of the pairs' Cohen's kappa (NLTK kappa) */
  CM_AGREEMENT_DAVIES_FLEISS,  /* Davies and Fleiss 1982 (NLTK multi_kappa) */
  CM_AGREEMENT_FLEISS,         /* Fleiss 1971 (NLTK pi) */
  CM_AGREEMENT_ALPHA,          /* Krippendorff's alpha, nominal (NLTK alpha) */
  CM_AGREEMENT_ALPHA_MASI,     /* alpha with the MASI distance: overall row only */
} CmAgreementMeasure;

/* value, low and high are NAN when undefined (no items; chance agreement 1). */
typedef struct
{
  double value;
  double low;
  double high;
  guint  n_items;
} CmAgreementFigure;

/* @documents: CmDocument. Several copies of one document (same id) are
 * joined first, as cm_merge_documents() does. @n_bootstrap replicates
 * (0: no intervals). Fails (CM_ERROR_INVALID) when copies cannot be joined
 * or there are more than 63 labels. */
CmAgreement      *cm_agreement_compute          (GPtrArray            *documents,
                                                 guint                 n_bootstrap,
                                                 guint64               seed,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* The documents are read before this returns; only the arithmetic runs in
 * a thread, so the caller may edit them meanwhile. */
void              cm_agreement_compute_async    (GPtrArray            *documents,
                                                 guint                 n_bootstrap,
                                                 guint64               seed,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CmAgreement      *cm_agreement_compute_finish   (GAsyncResult         *result,
                                                 GError              **error);

guint             cm_agreement_get_n_documents  (CmAgreement          *self);
/* Clauses at least one annotator annotated; of those, with two or more. */
guint             cm_agreement_get_n_items      (CmAgreement          *self);
guint             cm_agreement_get_n_pairable   (CmAgreement          *self);
/* Labelable clauses nobody annotated (left out of every figure). */
guint             cm_agreement_get_n_unannotated (CmAgreement         *self);
guint             cm_agreement_get_n_bootstrap  (CmAgreement          *self);
guint64           cm_agreement_get_seed         (CmAgreement          *self);

guint             cm_agreement_get_n_annotators (CmAgreement          *self);
const char       *cm_agreement_get_annotator    (CmAgreement          *self,
                                                 guint                 annotator);
/* Items others annotated and this annotator did not. */
guint             cm_agreement_get_n_missing    (CmAgreement          *self,
                                                 guint                 annotator);

guint             cm_agreement_get_n_labels     (CmAgreement          *self);
const char       *cm_agreement_get_label        (CmAgreement          *self,
                                                 guint                 label);

/* @row: a label index or CM_AGREEMENT_OVERALL. */
CmAgreementFigure cm_agreement_get_figure       (CmAgreement          *self,
                                                 int                   row,
                                                 CmAgreementMeasure    measure);
/* Cohen's kappa of two annotators, on the items both annotated. */
CmAgreementFigure cm_agreement_get_cohen        (CmAgreement          *self,
                                                 int                   row,
                                                 guint                 annotator_a,
                                                 guint                 annotator_b);
/* Against adjudicated labels (clauses a curator settled); FALSE when the
 * annotator has none of those. @row CM_AGREEMENT_OVERALL: micro-averaged. */
gboolean          cm_agreement_get_scores       (CmAgreement          *self,
                                                 guint                 annotator,
                                                 int                   row,
                                                 double               *precision,
                                                 double               *recall,
                                                 double               *f1,
                                                 guint                *support);
/* How often one annotator gave label @a where another gave @b instead;
 * @b == cm_agreement_get_n_labels() means "no label" instead. Symmetric. */
guint             cm_agreement_get_confusion    (CmAgreement          *self,
                                                 guint                 a,
                                                 guint                 b);

/* What `clausemark-cli agree --json` prints (pretty, ends with a newline). */
char             *cm_agreement_to_json          (CmAgreement          *self,
                                                 gsize                *length);

G_END_DECLS
