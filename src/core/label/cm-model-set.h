/* cm-model-set.h — the auto-labeller: one trained model per language
 *
 * A CmModelSet holds the clause classifiers (data/models/{zh,en}.cmmodel by
 * default) and applies them to documents: every labelable clause gets
 * calibrated suggestions and a confidence, and unreviewed clauses get the
 * labels above the per-label thresholds tuned on held-out data.
 *
 * Once loaded a set is immutable: annotating and explaining are safe from
 * several threads at once (each on its own document).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cm-clause-context.h"
#include "cm-document.h"

G_BEGIN_DECLS

#define CM_TYPE_MODEL_SET (cm_model_set_get_type ())

G_DECLARE_FINAL_TYPE (CmModelSet, cm_model_set, CM, MODEL_SET, GObject)

/* Suggestions below this probability are not attached to clauses. */
#define CM_MODEL_SET_MIN_SUGGESTION 0.05

/* A clause's confidence: how sure the model is of its least certain yes/no
 * label decision, rescaled to 0..1: min over labels of |2P − 1|. 0 means
 * some label is a coin toss (P = 0.5), 1 that every label is certain (P is
 * 0 or 1); P = 0.9 or 0.1 gives 0.8. 1 for no label at all. */
double      cm_decision_confidence          (const double   *probabilities,
                                             guint           n_probabilities);

/* One n-gram's push on a label's score (positive: towards the label). */
typedef struct
{
  char   *feature;       /* the n-gram as text, e.g. "个人信息" or "we share" */
  double  contribution;  /* its term in the label's decision score */
} CmContribution;

void        cm_contribution_free            (CmContribution *contribution);

/* data/models/ (see cm_build_data_path()): zh.cmmodel and en.cmmodel. */
CmModelSet *cm_model_set_load_default       (GError        **error);
/* Every <lang>.cmmodel in @directory; fails if none loads or one is corrupt. */
CmModelSet *cm_model_set_load               (const char     *directory,
                                             GError        **error);
gboolean    cm_model_set_has_language       (CmModelSet     *set,
                                             const char     *lang);
typedef struct _CmModel CmModel;  /* cm-model.h, which includes this file */

/* The model of @lang, or NULL (owned by the set). */
CmModel    *cm_model_set_get_model          (CmModelSet     *set,
                                             const char     *lang);
/* Languages with a model, sorted ("en", "zh"). Free with g_strfreev(). */
char      **cm_model_set_dup_languages      (CmModelSet     *set);

/* The language a clause is classified as: its own when a model exists,
 * else (mixed / unknown) the document's, else the dominant script of its
 * text. NULL when no model fits. */
const char *cm_model_set_pick_language      (CmModelSet     *set,
                                             CmDocument     *document,
                                             CmClause       *clause);

/* Fills suggestions and confidence of every labelable clause, and the labels
 * of clauses still unreviewed. Thread-safe for different documents. */
void        cm_model_set_annotate_document  (CmModelSet     *set,
                                             CmDocument     *document);

/* The same for the clauses [@first, @end) of @contexts (made by
 * cm_clause_contexts_new_for_window()): a streaming pipeline's few
 * thousand clauses at a time. A set with a second stage reads the clauses
 * outside the window from @stack, gathered in a first pass over the same
 * windows by cm_model_set_gather_window() (cm-stack-windows.h); NULL for
 * a set without (cm_model_set_has_second_stage()). */
typedef struct _CmStackWindows CmStackWindows;
void        cm_model_set_annotate_window    (CmModelSet       *set,
                                             CmDocument       *document,
                                             CmClauseContexts *contexts,
                                             guint             first,
                                             guint             end,
                                             CmStackWindows   *stack);
void        cm_model_set_gather_window      (CmModelSet       *set,
                                             CmDocument       *document,
                                             CmClauseContexts *contexts,
                                             guint             first,
                                             guint             end,
                                             CmStackWindows   *stack);
/* Whether a model has a second stage, which reads whole sections. */
gboolean    cm_model_set_has_second_stage   (CmModelSet       *set);

/* Fills suggestions, confidence and labels of the clauses no reviewer has
 * decided yet, and touches nothing of the reviewed ones (re-suggesting
 * after a retrain). Returns how many clauses' labels changed. */
guint       cm_model_set_annotate_unreviewed (CmModelSet    *set,
                                              CmDocument    *document);

/* @base's models, each language's replaced by @directory's <lang>.cmmodel
 * when there is one (a corpus's own models, in <corpus>/models); the
 * replacement must be of the same taxonomy. @n_replaced (optional): how
 * many were. Fails when one is there but cannot be read. */
CmModelSet *cm_model_set_new_with_overrides (CmModelSet   *base,
                                             const char   *directory,
                                             guint        *n_replaced,
                                             GError      **error);

/* Probabilities of every label of the taxonomy for @text in @lang, in the
 * model's label order; @labels (optional) receives the label ids (owned by
 * the set). Returns the number of labels, 0 without a model for @lang.
 * @probabilities must hold cm_model_set_get_n_labels() values. */
guint       cm_model_set_get_n_labels       (CmModelSet     *set,
                                             const char     *lang);
guint       cm_model_set_classify_text      (CmModelSet     *set,
                                             const char     *lang,
                                             const char     *text,
                                             double         *probabilities,
                                             const char * const **labels);

/* The @n_top n-grams of @text that push @label's score most (by absolute
 * contribution), as a GPtrArray of CmContribution, sorted. NULL (with
 * @error set) when @lang has no model or @label is unknown. */
GPtrArray  *cm_model_set_explain            (CmModelSet     *set,
                                             const char     *lang,
                                             const char     *text,
                                             const char     *label,
                                             guint           n_top,
                                             GError        **error);

G_END_DECLS
