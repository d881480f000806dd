/* cm-cross-validation.h — a training recipe's quality on unseen documents
 *
 * k-fold cross-validation grouped by document: no document has sentences
 * on both sides of a split. Each fold's model is trained with
 * cm_trainer_train() on the other folds (plus optional extra data that is
 * never evaluated), and its thresholds and calibration come from grouped
 * out-of-fold scores of that training data only: every choice is made
 * inside the fold (nested), never on the figures reported. The reported
 * figures pool the held-out predictions of every fold, with a bootstrap
 * interval over documents, and a calibration check per fold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cm-eval.h"
#include "cm-trainer.h"

G_BEGIN_DECLS

typedef struct
{
  guint          n_folds;     /* default 5 */
  guint32        seed;        /* of the fold assignment and the bootstrap */
  guint          n_bootstrap; /* resamples of the documents; 0: no interval */
  CmTrainingSet *extra;       /* trained on in every fold, never evaluated; nullable */
  gboolean       pooled_thresholds; /* quicker, optimistic: thresholds and calibration
                                     * fitted once on the pooled held-out scores of all
                                     * folds instead of inside each fold; to compare
                                     * recipes, never to report */
  const char    *dump_dir;    /* nullable: the folds, scores and thresholds are written
                               * there for stand-ins (cm-score-dump.h); with
                               * @pooled_thresholds the dumped thresholds are the
                               * uncalibrated models' */
} CmCrossValidationOptions;

void cm_cross_validation_options_init (CmCrossValidationOptions *options);

/* @fraction in [0, 1]; called from the thread that runs the validation. */
typedef void (*CmProgressFunc) (double   fraction,
                                gpointer user_data);

typedef struct _CmCrossValidation CmCrossValidation;

CmCrossValidation *cm_cross_validate                 (CmTrainingSet                  *set,
                                                      const char                     *language,
                                                      const CmTrainOptions           *train_options,
                                                      const CmCrossValidationOptions *options,
                                                      CmProgressFunc                  progress,
                                                      gpointer                        user_data,
                                                      GCancellable                   *cancellable,
                                                      GError                        **error);
void               cm_cross_validation_free          (CmCrossValidation *cv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmCrossValidation, cm_cross_validation_free)

/* The held-out predictions of every fold, pooled: counted on the
 * sentences with a label (@with_a_label: the yardstick of the issue and of
 * published CAPP-130 figures) or on every sentence. */
CmEvaluation      *cm_cross_validation_get_evaluation (CmCrossValidation *cv,
                                                      gboolean           with_a_label);
/* 95% bootstrap interval over documents of micro-F1, macro-F1 or, for
 * @label >= 0, that label's F1, counted as in
 * cm_cross_validation_get_evaluation(). FALSE without bootstrap. */
gboolean           cm_cross_validation_get_interval  (CmCrossValidation *cv,
                                                      gboolean           with_a_label,
                                                      int                label,
                                                      gboolean           macro,
                                                      double            *low,
                                                      double            *high);
char              *cm_cross_validation_to_text       (CmCrossValidation *cv);
JsonNode          *cm_cross_validation_to_json       (CmCrossValidation *cv);

G_END_DECLS
