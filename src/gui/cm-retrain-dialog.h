/* cm-retrain-dialog.h — "Retrain from this corpus": trains the corpus's own
 * model in the background (progress, Cancel), shows its cross-validated
 * figures next to the shipped model's, keeps it beside the corpus on
 * request and only then offers to re-suggest the unreviewed clauses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-corpus-trainer.h"

G_BEGIN_DECLS

#define CM_TYPE_RETRAIN_DIALOG (cm_retrain_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmRetrainDialog, cm_retrain_dialog, CM, RETRAIN_DIALOG, GtkWindow)

/* What the dialog shows (its "state" property). */
#define CM_RETRAIN_TRAINING    "training"
#define CM_RETRAIN_FIGURES     "figures"      /* trained: figures, Keep or Discard */
#define CM_RETRAIN_KEPT        "kept"         /* saved: Re-suggest offered */
#define CM_RETRAIN_RESUGGESTED "resuggested"
#define CM_RETRAIN_FAILED      "failed"

/* As soon as it is shown, trains each language of @shipped (an array of
 * CmModel, the shown document's language first) that has enough reviewed
 * clauses in @corpus_dir, blended with its shipped model, and names the
 * others that have some. Signals: "kept" (the models were saved in the
 * corpus), "resuggest" (the reviewer asked to re-suggest the unreviewed
 * clauses), "undo-resuggest". */
CmRetrainDialog *cm_retrain_dialog_new         (GtkWindow       *parent,
                                                const char      *corpus_dir,
                                                GPtrArray       *shipped,
                                                CmTaxonomy      *taxonomy);
const char      *cm_retrain_dialog_get_state   (CmRetrainDialog *self);
/* The message shown under the title (an error, where the model went). */
const char      *cm_retrain_dialog_get_message (CmRetrainDialog *self);
/* The figures as text, per language trained, one label a line:
 * "lang<TAB>id<TAB>old<TAB>new<TAB>support", then "lang<TAB>micro<TAB>old<TAB>new";
 * NULL before training ends. */
char            *cm_retrain_dialog_dup_figures (CmRetrainDialog *self);
/* After the window re-suggested: @n_changed clauses' labels changed in
 * @n_documents documents. */
void             cm_retrain_dialog_show_resuggested (CmRetrainDialog *self,
                                                     guint            n_changed,
                                                     guint            n_clauses,
                                                     guint            n_documents);

G_END_DECLS
