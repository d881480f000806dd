/* cm-eval.h — how well a model's labels match the truth
 *
 * Accumulates, per label, true/false positives and false negatives, and a
 * reliability table of the calibrated probabilities over every (example,
 * label) pair: in each probability bin, the mean predicted P against the
 * observed frequency of the label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cm-model.h"
#include "cm-training-set.h"

G_BEGIN_DECLS

#define CM_EVAL_N_BINS 10

typedef struct _CmEvaluation CmEvaluation;

CmEvaluation *cm_evaluation_new            (const char * const *labels);
void          cm_evaluation_free           (CmEvaluation       *eval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmEvaluation, cm_evaluation_free)

/* One example: true and predicted label masks, and (nullable) the
 * probability of every label. */
void          cm_evaluation_add            (CmEvaluation       *eval,
                                            guint64             truth,
                                            guint64             predicted,
                                            const double       *probabilities);

guint         cm_evaluation_get_n_examples (CmEvaluation       *eval);
void          cm_evaluation_get_label      (CmEvaluation       *eval,
                                            guint               label,
                                            double             *precision,
                                            double             *recall,
                                            double             *f1,
                                            guint              *support);
double        cm_evaluation_micro_f1       (CmEvaluation       *eval);
/* Mean F1 over the labels present in the data (support > 0). */
double        cm_evaluation_macro_f1       (CmEvaluation       *eval);
/* Mean F1 over every label, counting absent ones as 0 unless never
 * predicted either (then 1): both conventions are in use. */
double        cm_evaluation_macro_f1_all   (CmEvaluation       *eval,
                                            double              absent_score);
/* Expected calibration error: bin-weighted |mean P - frequency|. */
double        cm_evaluation_calibration_error (CmEvaluation    *eval);

char         *cm_evaluation_to_text        (CmEvaluation       *eval);
JsonNode     *cm_evaluation_to_json        (CmEvaluation       *eval);

/* Example @i of @set through @model: its scores and probabilities (each
 * cm_model_get_n_labels() values) and the labels above the thresholds. */
guint64       cm_model_predict_example     (CmModel            *model,
                                            CmFeatureScratch   *scratch,
                                            CmFeatureVector    *x,
                                            CmTrainingSet      *set,
                                            guint               i,
                                            double             *scores,
                                            double             *probabilities);

/* Scores every example of @set with @model (its thresholds decide). */
CmEvaluation *cm_evaluate_model            (CmModel            *model,
                                            CmTrainingSet      *set);

G_END_DECLS
