/* cm-corpus-trainer.h — a corpus's own model, learnt from its reviewers
 *
 * Trains on the clauses reviewers accepted or corrected in a corpus folder
 * and blends the result with the shipped model, which stands for the
 * shipped training data (the data itself is not shipped): the new weights
 * are base_weight × shipped + (1 - base_weight) × corpus, in the shipped
 * model's feature space and context. Thresholds and calibration come from
 * out-of-fold scores grouped by document. The figures of the old and the
 * new model are measured on the same reviewed clauses, the new one by
 * cross-validation grouped by document (thresholds for each fold fitted on
 * the other folds). The model is kept beside the corpus, in
 * <corpus>/models/<lang>.cmmodel; the shipped models are never touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-cross-validation.h"
#include "cm-eval.h"
#include "cm-model.h"

G_BEGIN_DECLS

typedef struct
{
  double base_weight;   /* the shipped model's share, in [0, 1); default 0.5 */
  guint  n_folds;       /* default 3 */
  guint  min_clauses;   /* fewer reviewed clauses (or documents than
                         * CM_CORPUS_TRAIN_MIN_DOCUMENTS): CM_ERROR_EMPTY;
                         * default 20 */
} CmCorpusTrainOptions;

void cm_corpus_train_options_init (CmCorpusTrainOptions *options);

typedef struct
{
  CmModel      *model;       /* calibrated, not yet saved */
  CmEvaluation *old_figures; /* the shipped model on the reviewed clauses */
  CmEvaluation *new_figures; /* the new recipe, cross-validated on them */
  guint         n_clauses;
  guint         n_documents;
  double        seconds;
  double        base_weight; /* the shipped model's share in the blend */
} CmCorpusTrainResult;

void cm_corpus_train_result_free (CmCorpusTrainResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmCorpusTrainResult, cm_corpus_train_result_free)

/* A retrain needs its reviewed clauses in at least this many documents
 * (cross-validation holds each out once). */
#define CM_CORPUS_TRAIN_MIN_DOCUMENTS 2

/* For each of @languages (NULL-terminated), how many of its clauses
 * reviewers accepted or corrected in the corpus (@n_clauses[i]) and in how
 * many documents (@n_documents[i]): what a retrain would learn from. Each
 * document is read once. */
gboolean             cm_corpus_count_reviewed (const char          *corpus_dir,
                                               const char * const  *languages,
                                               guint               *n_clauses,
                                               guint               *n_documents,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* <corpus>/models/<lang>.cmmodel */
char                *cm_corpus_model_path  (const char                 *corpus_dir,
                                            const char                 *language);

/* Progress is reported from the calling thread. */
CmCorpusTrainResult *cm_corpus_train       (const char                 *corpus_dir,
                                            CmModel                    *shipped,
                                            const CmCorpusTrainOptions *options,
                                            CmProgressFunc              progress,
                                            gpointer                    user_data,
                                            GCancellable               *cancellable,
                                            GError                    **error);
/* What <corpus>/models/<lang>.json records of the retrain that made the
 * corpus's model (written with it, so the CLI and the window share it). */
typedef struct
{
  char      *language;
  GDateTime *trained;      /* when, UTC */
  guint      n_clauses;    /* reviewed clauses trained on */
  guint      n_documents;
  double     seconds;
  double     base_weight;
  double     old_micro_f1; /* the shipped model on those clauses */
  double     new_micro_f1; /* the new recipe, cross-validated by document */
} CmCorpusModelInfo;

void                 cm_corpus_model_info_free (CmCorpusModelInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmCorpusModelInfo, cm_corpus_model_info_free)

/* <corpus>/models/<lang>.json */
char                *cm_corpus_model_info_path (const char        *corpus_dir,
                                                const char        *language);
/* NULL with CM_ERROR_NOT_FOUND when the corpus has no model of @language. */
CmCorpusModelInfo   *cm_corpus_model_info_load (const char        *corpus_dir,
                                                const char        *language,
                                                GError           **error);

/* Clauses of @document a reviewer corrected after @since (NULL: ever):
 * the corrections a retrain has not learnt from yet. */
guint                cm_document_count_corrections_since (CmDocument *document,
                                                          GDateTime  *since);

/* Writes the model to cm_corpus_model_path() and its record to
 * cm_corpus_model_info_path() (each atomically). */
gboolean             cm_corpus_train_result_save (CmCorpusTrainResult *result,
                                                  const char          *corpus_dir,
                                                  GError             **error);

/* cm_corpus_train() in a worker thread; @progress (nullable) is called in
 * the thread-default main context of the caller. */
void                 cm_corpus_train_async  (const char                 *corpus_dir,
                                             CmModel                    *shipped,
                                             const CmCorpusTrainOptions *options,
                                             CmProgressFunc              progress,
                                             gpointer                    user_data,
                                             GCancellable               *cancellable,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    callback_data);
CmCorpusTrainResult *cm_corpus_train_finish (GAsyncResult               *result,
                                             GError                    **error);

G_END_DECLS
