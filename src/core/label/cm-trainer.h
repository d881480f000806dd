/* cm-trainer.h — trains a CmModel with liblinear
 *
 * One binary linear model per label (one-vs-rest, so a sentence may get
 * several labels or none) over hashed TF-IDF features, optionally scaled by
 * naive-Bayes log-count ratios (NBSVM), optionally an ensemble of an SVM and
 * a logistic regression (both linear, so they fold into one weight matrix).
 * Decision thresholds and Platt parameters are then fitted per label on the
 * calibration set (the dev split; without one, on 3-fold out-of-fold scores
 * of the training set, folds grouped by document).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-model.h"
#include "cm-score-dump.h"
#include "cm-training-set.h"

G_BEGIN_DECLS

/* Fewer positives than this in the calibration data: the label's
 * threshold stays at P = 0.5 instead of being tuned. */
#define CM_TRAINER_MIN_POSITIVES 5
/* Tuned thresholds stay between these calibrated probabilities. */
#define CM_TRAINER_MIN_THRESHOLD_P 0.1
#define CM_TRAINER_MAX_THRESHOLD_P 0.9
/* The seed of the grouped calibration folds. */
#define CM_TRAINER_FOLD_SEED 20261130
/* folds of the out-of-fold scores calibration and the second stage read */
#define CM_TRAINER_INNER_FOLDS 3

typedef enum
{
  CM_SOLVER_SVM,       /* L2-regularised L2-loss SVM (dual) */
  CM_SOLVER_LR,        /* L2-regularised logistic regression */
  CM_SOLVER_ENSEMBLE,  /* both, scores standardised and summed */
  CM_SOLVER_SVM_NBSVM, /* an SVM on the plain features and one on NB-scaled
                        * ones, scores standardised and summed */
} CmSolver;

typedef struct
{
  CmFeatureConfig features;
  CmSolver        solver;
  double          c_svm;
  double          c_lr;
  double          c_nb;          /* the NB-scaled SVM's C in CM_SOLVER_SVM_NBSVM */
  gboolean        nb_weighting;  /* scale features by NB log-count ratios */
  double          nb_alpha;      /* smoothing of those ratios */
  double          positive_weight; /* cost of a missed positive vs a false one */
  gboolean        tune_thresholds; /* else thresholds sit at P = 0.5 */
  /* How tuned thresholds are fitted. FALSE and 0: each label's best F1 cut
   * over every calibration example. thresholds_from_labelled: over the
   * examples that have a label only, as the topic models' yardstick counts
   * (Platt scaling, what the window shows, still from every example);
   * threshold_blend (0-1): each cut moved that share of the way, in
   * calibrated probability, to the one probability cut that maximises
   * micro-F1 over all labels (for calibrated scores the micro-F1 optimum is
   * a single cut). */
  gboolean        thresholds_from_labelled;
  double          threshold_blend;
  gboolean        skip_calibration; /* leave thresholds and Platt parameters at their
                                     * defaults: the caller calibrates (saves the
                                     * out-of-fold trainings) */
  double          c_stack;        /* > 0: a second stage (cm-stacker.h) with this cost,
                                   * trained on 3-fold out-of-fold first-stage scores */
  const float    *fixed_idf;      /* nullable: this IDF (2^hash_bits values) instead of
                                   * the training data's, e.g. a base model's */
  /* The labels: bit i of the training set's masks is label_ids[i]
   * (NULL-terminated, at most CM_MODEL_MAX_LABELS); NULL: privacy-11. The
   * clause flags (cm-flags.h) are trained this way. */
  const char * const *label_ids;
  /* nullable: the out-of-fold scores calibration reads are written there,
   * each array's name prefixed by @dump_prefix (cm_trainer_train()) */
  CmScoreDump    *dump;
  const char     *dump_prefix;
} CmTrainOptions;

/* The options' labels: their label_ids, or privacy-11's. */
const char * const *cm_train_options_get_label_ids (const CmTrainOptions *options);

/* Sensible defaults for "zh" or "en". */
void     cm_train_options_init_for_language (CmTrainOptions      *options,
                                             const char          *language);

/* @dev may be NULL. */
CmModel *cm_trainer_train                   (CmTrainingSet       *train,
                                             CmTrainingSet       *dev,
                                             const char          *language,
                                             const char          *taxonomy_id,
                                             const CmTrainOptions *options,
                                             GError             **error);

/* Fits thresholds and Platt parameters on @set, which must hold examples
 * the model was not trained on; the thresholds as @options ask (its
 * tune_thresholds, thresholds_from_labelled and threshold_blend; NULL: each
 * label's best F1 cut). */
void     cm_trainer_calibrate               (CmModel             *model,
                                             CmTrainingSet       *set,
                                             const CmTrainOptions *options);

/* The same from decision scores (@n × labels, example-major) of examples
 * the model was not trained on. */
void     cm_trainer_calibrate_scores        (CmModel             *model,
                                             const double        *scores,
                                             const guint64       *labels,
                                             guint                n,
                                             const CmTrainOptions *options);

/* The weighted rows of @set, IDF from @set itself (what a model trained on
 * it reads), as the arrays matrix-rows (u32, size + 1 row starts),
 * matrix-index (u32 buckets) and matrix-value (f32) of @dump. */
gboolean cm_trainer_dump_matrix             (CmScoreDump         *dump,
                                             const CmFeatureConfig *config,
                                             CmTrainingSet       *set,
                                             GError             **error);

G_END_DECLS
