/* cm-training-set.h — labelled sentences to train and evaluate models on
 *
 * Reads the corpora's topic files ("sentence<TAB>[0/1 vector]"), CAPP-130's
 * per-policy jsonl files (Chinese label names, no-topic sentences included,
 * document order kept) and Clausemark JSON documents (only clauses a
 * reviewer accepted or corrected). Labels are held as a bit mask over the
 * privacy-11 label ids, in CAPP-130's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cm-clause-context.h"
#include "cm-document.h"

G_BEGIN_DECLS

#define CM_PRIVACY11_N_LABELS 11

typedef enum
{
  CM_LABEL_ORDER_CAPP130,   /* vector i = privacy-11 label i */
  CM_LABEL_ORDER_APPSI139,  /* APPSI-139's label_config.json order; commas are spaces */
} CmLabelOrder;

/* Each example has its text, labels, group (the document it comes from:
 * cross-validation never splits one) and the context its document gives
 * it (see cm-clause-context.h). */
typedef struct _CmTrainingSet CmTrainingSet;

/* The privacy-11 label ids, NULL-terminated, in CAPP-130's order. */
const char * const *cm_privacy11_label_ids       (void);
/* A CAPP-130 label name, Chinese or English, to its index; -1 for others
 * (摘要 / Important and 潜在风险 / Risk are not data practices). */
int                 cm_privacy11_label_from_name (const char *name);

CmTrainingSet      *cm_training_set_new          (void);
void                cm_training_set_free         (CmTrainingSet  *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTrainingSet, cm_training_set_free)

guint               cm_training_set_get_size     (CmTrainingSet  *set);
const char         *cm_training_set_get_text     (CmTrainingSet  *set,
                                                  guint           i);
guint64             cm_training_set_get_labels   (CmTrainingSet  *set,
                                                  guint           i);
/* The context of example @i (its strings belong to the set). */
const CmFeatureContext *cm_training_set_get_context (CmTrainingSet *set,
                                                     guint          i);
/* The document example @i comes from, in [0, n_groups). */
guint               cm_training_set_get_group    (CmTrainingSet  *set,
                                                  guint           i);
guint               cm_training_set_get_n_groups (CmTrainingSet  *set);

#define CM_TRAINING_SET_MAX_WEIGHT 10
/* How many times example @i counts in the first stage's loss (1 unless
 * set): an integer instance weight, as if the example were repeated, but
 * in its own group, so that no fold scores a copy of what it trained on.
 * The linear models and their NB ratios count it k times; IDF, the
 * out-of-fold thresholds, calibration and the second stage once. */
guint               cm_training_set_get_weight   (CmTrainingSet  *set,
                                                  guint           i);
/* Gives examples [@first, size) the weight @weight (1 to
 * CM_TRAINING_SET_MAX_WEIGHT): the examples of the file just read. */
void                cm_training_set_set_weight_from (CmTrainingSet *set,
                                                     guint          first,
                                                     guint          weight);
/* Each group's fold in [0, @n_folds): the groups shuffled with @seed,
 * then dealt round-robin, so folds differ by at most one document.
 * Returns n_groups entries (free with g_free). */
guint              *cm_training_set_assign_folds (CmTrainingSet *set,
                                                  guint          n_folds,
                                                  guint32        seed);
/* A new group for the examples of one more document. */
guint               cm_training_set_new_group    (CmTrainingSet  *set);
/* Appends one example; @previous is the index of the preceding sentence of
 * the same document (its group is then shared) or -1 (a group of its
 * own). Returns the new example's index. */
guint               cm_training_set_add          (CmTrainingSet  *set,
                                                  const char     *text,
                                                  guint64         labels,
                                                  int             previous);
/* Appends one example with its document context (copied) in @group. */
guint               cm_training_set_add_in_context (CmTrainingSet          *set,
                                                    const char             *text,
                                                    guint64                 labels,
                                                    const CmFeatureContext *context,
                                                    guint                   group);
/* Appends the examples of @from for which @keep is TRUE (@keep NULL: all),
 * each document of @from becoming one new group of @set. */
void                cm_training_set_append       (CmTrainingSet  *set,
                                                  CmTrainingSet  *from,
                                                  const gboolean *keep);
/* Appends example @src of @from (text, labels, context) in @group. */
guint               cm_training_set_add_example  (CmTrainingSet  *set,
                                                  CmTrainingSet  *from,
                                                  guint           src,
                                                  guint           group);

gboolean            cm_training_set_add_topic_file  (CmTrainingSet  *set,
                                                     const char     *path,
                                                     CmLabelOrder    order,
                                                     GError        **error);
/* One policy's sentences in document order, as one group; each gets the
 * context the segmenter finds when the sentences are read as a document
 * (one paragraph each), so that training sees what annotation sees. */
gboolean            cm_training_set_add_policy_jsonl (CmTrainingSet *set,
                                                     const char     *path,
                                                     GError        **error);
/* The same file's key-sentence and risk marks (摘要, 潜在风险) as clause
 * flags: bit i of the masks is CmFlag i (cm-flags.h). */
gboolean            cm_training_set_add_policy_jsonl_flags (CmTrainingSet *set,
                                                           const char    *path,
                                                           GError       **error);
/* The clauses of @document a reviewer accepted or corrected (in @language
 * only, unless NULL), as one group, in their document context. */
gboolean            cm_training_set_add_reviewed (CmTrainingSet  *set,
                                                  CmDocument     *document,
                                                  const char     *language,
                                                  GError        **error);
gboolean            cm_training_set_add_document (CmTrainingSet  *set,
                                                  const char     *path,
                                                  GError        **error);
/* Picks the reader by content: a Clausemark document, a jsonl policy
 * (first line a JSON object) or a topic file. */
gboolean            cm_training_set_add_file     (CmTrainingSet  *set,
                                                  const char     *path,
                                                  CmLabelOrder    order,
                                                  GError        **error);

G_END_DECLS
