/* cm-corpus-trainer.c — a corpus's own model, learnt from its reviewers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-corpus-trainer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cm-corpus-trainer.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-stacker.h"
#include "cm-trainer.h"

#define FOLD_SEED 20261130

void
cm_corpus_train_options_init (CmCorpusTrainOptions *options)
{
  g_return_if_fail (options != NULL);

  options->base_weight = 0.5;
  options->n_folds = 3;
  options->min_clauses = 20;
}

void
cm_corpus_train_result_free (CmCorpusTrainResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->model);
  cm_evaluation_free (result->old_figures);
  cm_evaluation_free (result->new_figures);
  g_free (result);
}

char *
cm_corpus_model_path (const char *corpus_dir,
                      const char *language)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (corpus_dir != NULL && language != NULL, NULL);

  name = g_strconcat (language, ".cmmodel", NULL);
  return g_build_filename (corpus_dir, "models", name, NULL);
}

/* Every reviewed clause of each of @languages in the corpus: a training set
 * per language (in @languages' order), a group per document; each document
 * is read once whatever the number of languages. */
static GPtrArray *
read_reviewed_each (const char          *corpus_dir,
                    const char * const  *languages,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(CmCorpus) corpus = cm_corpus_open (corpus_dir, FALSE, error);
  g_autoptr(GPtrArray) sets = NULL;
  g_auto(GStrv) names = NULL;

  if (corpus == NULL)
    return NULL;
  sets = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_training_set_free);
  for (guint l = 0; languages[l] != NULL; l++)
    g_ptr_array_add (sets, cm_training_set_new ());
  names = cm_corpus_list_documents (corpus);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (corpus_dir, names[i], NULL);
      g_autoptr(CmDocument) document = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      document = cm_document_load (path, error);
      if (document == NULL)
        return NULL;
      for (guint l = 0; languages[l] != NULL; l++)
        if (!cm_training_set_add_reviewed (g_ptr_array_index (sets, l), document, languages[l], error))
          return NULL;
    }
  return g_steal_pointer (&sets);
}

/* Every reviewed clause of @language in the corpus, a group per document. */
static CmTrainingSet *
read_reviewed (const char   *corpus_dir,
               const char   *language,
               GCancellable *cancellable,
               GError      **error)
{
  const char *languages[] = { language, NULL };
  g_autoptr(GPtrArray) sets = read_reviewed_each (corpus_dir, languages, cancellable, error);

  return sets != NULL ? g_ptr_array_steal_index (sets, 0) : NULL;
}

gboolean
cm_corpus_count_reviewed (const char          *corpus_dir,
                          const char * const  *languages,
                          guint               *n_clauses,
                          guint               *n_documents,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (corpus_dir != NULL && languages != NULL, FALSE);
  g_return_val_if_fail (n_clauses != NULL && n_documents != NULL, FALSE);

  sets = read_reviewed_each (corpus_dir, languages, cancellable, error);
  if (sets == NULL)
    return FALSE;
  for (guint l = 0; l < sets->len; l++)
    {
      n_clauses[l] = cm_training_set_get_size (g_ptr_array_index (sets, l));
      n_documents[l] = cm_training_set_get_n_groups (g_ptr_array_index (sets, l));
    }
  return TRUE;
}

/* A corpus model trained on @rows of @set, blended with @shipped. */
static CmModel *
train_blend (CmTrainingSet              *set,
             const gboolean             *rows,
             CmModel                    *shipped,
             const CmTrainOptions       *train_options,
             const CmCorpusTrainOptions *options,
             GError                    **error)
{
  g_autoptr(CmTrainingSet) part = cm_training_set_new ();
  g_autoptr(CmModel) own = NULL;

  cm_training_set_append (part, set, rows);
  own = cm_trainer_train (part, NULL, cm_model_get_language (shipped),
                          cm_model_get_taxonomy_id (shipped), train_options, error);
  if (own == NULL)
    return NULL;
  return cm_model_new_blend (shipped, options->base_weight, own, 1.0 - options->base_weight);
}

static void
score_rows (CmModel       *model,
            CmTrainingSet *set,
            const gboolean *rows,
            double        *scores)
{
  guint n = cm_training_set_get_size (set), L = cm_model_get_n_labels (model);
  g_autofree double *all = g_new (double, (gsize) MAX (n, 1) * L);

  /* whole documents: a second stage reads the neighbours' scores */
  cm_model_score_examples (model, set, NULL, 0, all);
  for (guint i = 0; i < n; i++)
    if (rows == NULL || rows[i])
      memcpy (scores + (gsize) i * L, all + (gsize) i * L, sizeof (double) * L);
}

/* The new recipe's held-out figures: each fold's examples judged with
 * thresholds and calibration fitted on the other folds' scores. */
static CmEvaluation *
nested_figures (CmModel        *model,
                CmTrainingSet  *set,
                const guint    *fold_of,
                guint           n_folds,
                const double   *scores,
                const guint64  *truth)
{
  guint n = cm_training_set_get_size (set), L = cm_model_get_n_labels (model);
  CmEvaluation *eval = cm_evaluation_new (cm_model_get_labels (model));
  g_autofree double *other_scores = g_new (double, (gsize) MAX (n, 1) * L);
  g_autofree guint64 *other_truth = g_new (guint64, MAX (n, 1));

  for (guint f = 0; f < n_folds; f++)
    {
      g_autoptr(GBytes) bytes = cm_model_serialize (model);
      g_autoptr(CmModel) judge = cm_model_load_from_data (g_bytes_get_data (bytes, NULL),
                                                          g_bytes_get_size (bytes), "judge", NULL);
      guint m = 0;

      for (guint i = 0; i < n; i++)
        if (fold_of[cm_training_set_get_group (set, i)] != f)
          {
            memcpy (other_scores + (gsize) m * L, scores + (gsize) i * L, sizeof (double) * L);
            other_truth[m++] = truth[i];
          }
      cm_trainer_calibrate_scores (judge, other_scores, other_truth, m, NULL);
      for (guint i = 0; i < n; i++)
        {
          double probabilities[CM_MODEL_MAX_LABELS];
          guint64 predicted = 0;

          if (fold_of[cm_training_set_get_group (set, i)] != f)
            continue;
          for (guint l = 0; l < L; l++)
            {
              double s = scores[(gsize) i * L + l];
              probabilities[l] = cm_model_probability (judge, l, s);
              if (s >= cm_model_get_threshold (judge, l))
                predicted |= G_GUINT64_CONSTANT (1) << l;
            }
          cm_evaluation_add (eval, truth[i], predicted, probabilities);
        }
    }
  return eval;
}

CmCorpusTrainResult *
cm_corpus_train (const char                 *corpus_dir,
                 CmModel                    *shipped,
                 const CmCorpusTrainOptions *options,
                 CmProgressFunc              progress,
                 gpointer                    user_data,
                 GCancellable               *cancellable,
                 GError                    **error)
{
  g_autoptr(CmCorpusTrainResult) result = NULL;
  g_autoptr(CmTrainingSet) set = NULL;
  g_autofree guint *fold_of = NULL;
  g_autofree gboolean *rows = NULL;
  g_autofree double *scores = NULL;
  g_autofree guint64 *truth = NULL;
  CmCorpusTrainOptions defaults;
  CmTrainOptions train_options;
  gint64 started = g_get_monotonic_time ();
  guint n, L, n_folds;

  g_return_val_if_fail (corpus_dir != NULL && CM_IS_MODEL (shipped), NULL);

  if (options == NULL)
    {
      cm_corpus_train_options_init (&defaults);
      options = &defaults;
    }
  set = read_reviewed (corpus_dir, cm_model_get_language (shipped), cancellable, error);
  if (set == NULL)
    return NULL;
  n = cm_training_set_get_size (set);
  L = cm_model_get_n_labels (shipped);
  n_folds = MIN (options->n_folds, cm_training_set_get_n_groups (set));
  if (n < options->min_clauses || n_folds < CM_CORPUS_TRAIN_MIN_DOCUMENTS)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "%s: %u reviewed %s clauses in %u documents; retraining needs at least %u "
                   "in %u documents", corpus_dir, n, cm_model_get_language (shipped),
                   cm_training_set_get_n_groups (set), options->min_clauses,
                   CM_CORPUS_TRAIN_MIN_DOCUMENTS);
      return NULL;
    }

  cm_train_options_init_for_language (&train_options, cm_model_get_language (shipped));
  train_options.features = *cm_model_get_config (shipped);
  train_options.fixed_idf = cm_model_get_idf (shipped);
  train_options.skip_calibration = TRUE;

  result = g_new0 (CmCorpusTrainResult, 1);
  result->n_clauses = n;
  result->n_documents = cm_training_set_get_n_groups (set);
  result->old_figures = cm_evaluate_model (shipped, set);

  /* Out-of-fold scores of the blend, grouped by document. */
  fold_of = cm_training_set_assign_folds (set, n_folds, FOLD_SEED);
  rows = g_new (gboolean, n);
  scores = g_new0 (double, (gsize) n * L);
  truth = g_new (guint64, n);
  for (guint i = 0; i < n; i++)
    truth[i] = cm_training_set_get_labels (set, i);
  for (guint f = 0; f < n_folds; f++)
    {
      g_autoptr(CmModel) blend = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (guint i = 0; i < n; i++)
        rows[i] = fold_of[cm_training_set_get_group (set, i)] != f;
      blend = train_blend (set, rows, shipped, &train_options, options, error);
      if (blend == NULL)
        return NULL;
      for (guint i = 0; i < n; i++)
        rows[i] = !rows[i];
      score_rows (blend, set, rows, scores);
      if (progress != NULL)
        progress ((f + 1.0) / (n_folds + 1.0), user_data);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The model itself: every reviewed clause, calibrated on the
   * out-of-fold scores. */
  result->model = train_blend (set, NULL, shipped, &train_options, options, error);
  if (result->model == NULL)
    return NULL;
  result->new_figures = nested_figures (result->model, set, fold_of, n_folds, scores, truth);
  cm_trainer_calibrate_scores (result->model, scores, truth, n, NULL);
  if (progress != NULL)
    progress (1.0, user_data);
  result->seconds = (g_get_monotonic_time () - started) / 1e6;
  result->base_weight = options->base_weight;
  return g_steal_pointer (&result);
}

static gboolean save_info (CmCorpusTrainResult *result,
                           const char          *corpus_dir,
                           GError             **error);

gboolean
cm_corpus_train_result_save (CmCorpusTrainResult *result,
                             const char          *corpus_dir,
                             GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (result != NULL && CM_IS_MODEL (result->model), FALSE);
  g_return_val_if_fail (corpus_dir != NULL, FALSE);

  path = cm_corpus_model_path (corpus_dir, cm_model_get_language (result->model));
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  bytes = cm_model_serialize (result->model);
  if (!cm_write_file_atomically (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 FALSE, error))
    return FALSE;
  return save_info (result, corpus_dir, error);
}

/* ---- the record of a retrain ------------------------------------------ */

#define INFO_FORMAT "clausemark-corpus-model"

void
cm_corpus_model_info_free (CmCorpusModelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->language);
  g_clear_pointer (&info->trained, g_date_time_unref);
  g_free (info);
}

char *
cm_corpus_model_info_path (const char *corpus_dir,
                           const char *language)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (corpus_dir != NULL && language != NULL, NULL);

  name = g_strconcat (language, ".json", NULL);
  return g_build_filename (corpus_dir, "models", name, NULL);
}

static gboolean
save_info (CmCorpusTrainResult *result,
           const char          *corpus_dir,
           GError             **error)
{
  const char *language = cm_model_get_language (result->model);
  g_autofree char *path = cm_corpus_model_info_path (corpus_dir, language);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *trained = g_date_time_format_iso8601 (now);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, INFO_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, language);
  json_builder_set_member_name (builder, "trained");
  json_builder_add_string_value (builder, trained);
  json_builder_set_member_name (builder, "clauses");
  json_builder_add_int_value (builder, result->n_clauses);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, result->n_documents);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, result->seconds);
  json_builder_set_member_name (builder, "base_weight");
  json_builder_add_double_value (builder, result->base_weight);
  json_builder_set_member_name (builder, "old_micro_f1");
  json_builder_add_double_value (builder, cm_evaluation_micro_f1 (result->old_figures));
  json_builder_set_member_name (builder, "new_micro_f1");
  json_builder_add_double_value (builder, cm_evaluation_micro_f1 (result->new_figures));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return cm_write_file_atomically (path, text, length, FALSE, error);
}

CmCorpusModelInfo *
cm_corpus_model_info_load (const char *corpus_dir,
                           const char *language,
                           GError    **error)
{
  g_autofree char *model_path = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CmCorpusModelInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *trained;

  g_return_val_if_fail (corpus_dir != NULL && language != NULL, NULL);

  model_path = cm_corpus_model_path (corpus_dir, language);
  path = cm_corpus_model_info_path (corpus_dir, language);
  if (!g_file_test (model_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "%s: no corpus model", model_path);
      return NULL;
    }
  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", path, local_error->message);
      return NULL;
    }
  object = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  trained = object != NULL ? json_object_get_string_member_with_default (object, "trained", NULL)
                           : NULL;
  info = g_new0 (CmCorpusModelInfo, 1);
  info->trained = trained != NULL ? g_date_time_new_from_iso8601 (trained, NULL) : NULL;
  if (object == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL),
                    INFO_FORMAT) != 0
      || info->trained == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: not a record of a corpus model (format %s with a \"trained\" time)",
                   path, INFO_FORMAT);
      return NULL;
    }
  info->language = g_strdup (language);
  info->n_clauses = json_object_get_int_member_with_default (object, "clauses", 0);
  info->n_documents = json_object_get_int_member_with_default (object, "documents", 0);
  info->seconds = json_object_get_double_member_with_default (object, "seconds", 0.0);
  info->base_weight = json_object_get_double_member_with_default (object, "base_weight", 0.0);
  info->old_micro_f1 = json_object_get_double_member_with_default (object, "old_micro_f1", 0.0);
  info->new_micro_f1 = json_object_get_double_member_with_default (object, "new_micro_f1", 0.0);
  return g_steal_pointer (&info);
}

guint
cm_document_count_corrections_since (CmDocument *document,
                                     GDateTime  *since)
{
  guint n = 0;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), 0);

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autoptr(GDateTime) when = NULL;

      if (cm_clause_get_status (clause) != CM_REVIEW_STATUS_CORRECTED)
        continue;
      if (since == NULL)
        {
          n++;
          continue;
        }
      when = cm_clause_get_timestamp (clause) != NULL
             ? g_date_time_new_from_iso8601 (cm_clause_get_timestamp (clause), NULL) : NULL;
      /* A correction without a time cannot be placed: counted, to be safe. */
      if (when == NULL || g_date_time_compare (when, since) > 0)
        n++;
    }
  return n;
}

/* ---- in a worker thread ---------------------------------------------- */

typedef struct
{
  char                 *corpus_dir;
  CmModel              *shipped;
  CmCorpusTrainOptions  options;
  CmProgressFunc        progress;
  gpointer              user_data;
  GMainContext         *context;  /* where progress is reported */
} TrainTaskData;

static void
train_task_data_free (TrainTaskData *data)
{
  g_free (data->corpus_dir);
  g_object_unref (data->shipped);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  CmProgressFunc progress;
  gpointer       user_data;
  double         fraction;
} ProgressCall;

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->fraction, call->user_data);
  return G_SOURCE_REMOVE;
}

static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  TrainTaskData *data = user_data;
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new (ProgressCall, 1);
  call->progress = data->progress;
  call->user_data = data->user_data;
  call->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, call, g_free);
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainTaskData *data = task_data;
  GError *error = NULL;
  CmCorpusTrainResult *result;

  result = cm_corpus_train (data->corpus_dir, data->shipped, &data->options, forward_progress,
                            data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) cm_corpus_train_result_free);
}

void
cm_corpus_train_async (const char                 *corpus_dir,
                       CmModel                    *shipped,
                       const CmCorpusTrainOptions *options,
                       CmProgressFunc              progress,
                       gpointer                    user_data,
                       GCancellable               *cancellable,
                       GAsyncReadyCallback         callback,
                       gpointer                    callback_data)
{
  g_autoptr(GTask) task = NULL;
  TrainTaskData *data;

  g_return_if_fail (corpus_dir != NULL && CM_IS_MODEL (shipped));

  data = g_new0 (TrainTaskData, 1);
  data->corpus_dir = g_strdup (corpus_dir);
  data->shipped = g_object_ref (shipped);
  if (options != NULL)
    data->options = *options;
  else
    cm_corpus_train_options_init (&data->options);
  data->progress = progress;
  data->user_data = user_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, callback_data);
  g_task_set_source_tag (task, cm_corpus_train_async);
  g_task_set_task_data (task, data, (GDestroyNotify) train_task_data_free);
  g_task_run_in_thread (task, train_thread);
}

CmCorpusTrainResult *
cm_corpus_train_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
