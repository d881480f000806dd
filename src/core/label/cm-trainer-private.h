/* cm-trainer-private.h — what the trainer's files share (cm-trainer*.c only)
 *
 * The trainer is split by concern:
 *   cm-trainer.c              options, the out-of-fold scores and the second
 *                             stage, the dumps, cm_trainer_train()
 *   cm-trainer-linear.c       the weighted rows (CSR) and the first stage:
 *                             liblinear's binary models, NBSVM, the ensemble
 *   cm-trainer-calibration.c  Platt scaling and the F1 thresholds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-trainer.h"

G_BEGIN_DECLS

/* A row's blocks, ends relative to its start (see CmFeatureVector). */
typedef struct
{
  guint n;
  guint end[CM_FEATURES_MAX_BLOCKS];
  float scale[CM_FEATURES_MAX_BLOCKS];
} RowBlocks;

/* The training examples as weighted, normalised rows (CSR). */
typedef struct
{
  guint    n_rows;
  guint32  dim;
  guint32 *row_start;
  RowBlocks *row_blocks; /* each row's feature blocks (own text, context pieces) */
  guint32 *index;
  float   *value;
} Matrix;

void cm_trainer_matrix_free (Matrix *m);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matrix, cm_trainer_matrix_free)

/* Raw counts, IDF (computed into *@idf_inout when it is NULL, quantised
 * as the model file stores it), then the weighted rows. */
Matrix *cm_trainer_build_matrix          (const CmFeatureConfig *config,
                                          CmTrainingSet         *set,
                                          float                **idf_inout);

/* Weights [dim × n_labels] and biases of every label, trained on @rows. */
void    cm_trainer_train_weights         (const Matrix          *m,
                                          CmTrainingSet         *set,
                                          const guint           *rows,
                                          guint                  n_rows,
                                          guint                  n_labels,
                                          const CmTrainOptions  *options,
                                          float                 *weights,
                                          float                 *bias);

/* Platt parameters and thresholds of every label from @scores (n × L). */
void    cm_trainer_calibrate_from_scores (CmModel               *model,
                                          const double          *scores,
                                          const guint64         *labels,
                                          guint                  n,
                                          const CmTrainOptions  *options);

G_END_DECLS
