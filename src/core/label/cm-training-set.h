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

G_BEGIN_DECLS

#define CM_PRIVACY11_N_LABELS 11

typedef enum
{
  CM_LABEL_ORDER_CAPP130,   /* vector i = privacy-11 label i */
  CM_LABEL_ORDER_APPSI139,  /* APPSI-139's label_config.json order; commas are spaces */
} CmLabelOrder;

typedef struct
{
  GPtrArray *texts;     /* of char* */
  GArray    *labels;    /* of guint64: bit i = label i */
  GArray    *previous;  /* of gint: index of the preceding sentence of the same policy, or -1 */
  GArray    *next;      /* of gint: index of the following one, or -1 */
} CmTrainingSet;

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
/* The texts of the preceding / following sentence of the same document,
 * or NULL. */
const char         *cm_training_set_get_previous (CmTrainingSet *set,
                                                  guint          i);
const char         *cm_training_set_get_next     (CmTrainingSet *set,
                                                  guint          i);
/* Appends one example; @previous is the index of the preceding sentence of
 * the same document or -1. Returns the new example's index. */
guint               cm_training_set_add          (CmTrainingSet  *set,
                                                  const char     *text,
                                                  guint64         labels,
                                                  int             previous);

gboolean            cm_training_set_add_topic_file  (CmTrainingSet  *set,
                                                     const char     *path,
                                                     CmLabelOrder    order,
                                                     GError        **error);
gboolean            cm_training_set_add_policy_jsonl (CmTrainingSet *set,
                                                     const char     *path,
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
