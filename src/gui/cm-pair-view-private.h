/* cm-pair-view-private.h — what cm-pair-view.c shares with
 * cm-pair-view-links.c (link edits and their history) and
 * cm-pair-view-labels.c (label corrections)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-pair-view.h"
#include "cm-undo-stack.h"

G_BEGIN_DECLS

/* One step of the view's undo history: a link edit, recorded as the whole
 * link list on the other side of it, or a label edit, recorded on the undo
 * stack of the document it changed (the view's own, not the desk's). */
typedef struct
{
  GPtrArray   *links;     /* of CmLink, or NULL */
  CmUndoStack *labels;    /* not owned: self->zh_undo or self->en_undo */
} CmPairEdit;

struct _CmPairView
{
  GtkWidget          parent_instance;

  GtkLabel          *summary_label;
  GtkLabel          *old_header;   /* column headers: Chinese / English, or */
  GtkLabel          *new_header;   /* Old / New with the versions' names */
  GtkWidget         *version_box;
  GtkCheckButton    *old_side_button;
  GtkCheckButton    *new_side_button;
  GtkListView       *list_view;
  GtkFlowBox        *zh_labels_box;
  GtkFlowBox        *en_labels_box;
  GtkStack          *state_stack;  /* "rows", "aligning" or "error" */
  GtkWidget         *aligning_page;
  GtkSpinner        *aligning_spinner;
  GtkWidget         *error_page;
  GCancellable      *align_cancellable; /* the alignment running, or NULL */
  char              *align_error;  /* why the last alignment failed, or NULL */
  GCancellable      *relink_cancellable; /* re-aligning rows, or NULL */
  guint              relink_first; /* the rows being re-aligned */
  guint              relink_n;
  GPtrArray         *relink_before; /* their links when it started */
  char              *relink_error; /* why the last re-alignment failed, or NULL */

  CmDocument        *zh;          /* or, for two versions of one language */
  CmDocument        *en;          /* (revision), the old and the new one */
  gboolean           revision;
  GListStore        *rows;        /* of CmPairRow */
  GtkMultiSelection *selection;
  GPtrArray         *undo;        /* of CmPairEdit */
  GPtrArray         *redo;

  /* label corrections */
  CmTaxonomy        *taxonomy;
  CmUndoStack       *zh_undo;
  CmUndoStack       *en_undo;
  GPtrArray         *zh_toggles;  /* GtkToggleButton per taxonomy label */
  GPtrArray         *en_toggles;
  char              *label_side;  /* "zh" or "en": where the label keys act */
  GtkEventController *label_keys;
};

/* cm-pair-view.c */
int   cm_pair_view_first_selected   (CmPairView  *self);
/* Shows the links and differences again, selecting row @select (or none
 * when negative). */
void  cm_pair_view_rebuild          (CmPairView  *self,
                                     int          select);
/* Puts @edit on the undo history (taking it) and ends the redo history. */
void  cm_pair_view_push_edit        (CmPairView  *self,
                                     CmPairEdit  *edit);
void  cm_pair_edit_free             (CmPairEdit  *edit);

void  cm_pair_view_emit_links_changed (CmPairView *self);
/* Shows the summary and enables the actions as the view's state asks. */
void  cm_pair_view_update_state     (CmPairView  *self);
/* Stops re-aligning rows (cm-pair-view-links.c), forgetting its error. */
void  cm_pair_view_cancel_relink    (CmPairView  *self);
/* "Re-aligning N rows…", why that failed, or NULL (for the summary). */
char *cm_pair_view_describe_relink  (CmPairView  *self);

/* A version's name for the column headers: its file name, else its id. */
char *cm_pair_view_version_name     (CmDocument  *document);

/* cm-pair-view-align.c */
void  cm_pair_view_class_init_align (GtkWidgetClass *widget_class);
/* Aligns the documents shown in a thread, cancelling an alignment still
 * running. */
void  cm_pair_view_start_alignment  (CmPairView     *self);
/* Shows the rows, the aligning state or the error of the last alignment. */
void  cm_pair_view_show_state       (CmPairView     *self);

/* cm-pair-view-navigation.c */
void  cm_pair_view_class_init_navigation (GtkWidgetClass *widget_class);
/* F8 / Shift+F8 wherever the focus is inside the view. */
void  cm_pair_view_init_navigation       (CmPairView     *self);

/* cm-pair-view-links.c */
void  cm_pair_view_class_init_links  (GtkWidgetClass *widget_class);

/* cm-pair-view-labels.c */
void  cm_pair_view_class_init_labels (GtkWidgetClass *widget_class);
void  cm_pair_view_init_labels       (CmPairView     *self);
void  cm_pair_view_dispose_labels    (CmPairView     *self);
/* New documents: fresh label histories. */
void  cm_pair_view_reset_labels      (CmPairView     *self);
/* Sets the toggles to the selected row's clauses. */
void  cm_pair_view_refresh_labels    (CmPairView     *self);
/* Undoes (or redoes) a label edit; emits ::labels-changed. */
void  cm_pair_view_replay_labels     (CmPairView     *self,
                                      CmUndoStack    *stack,
                                      gboolean        undo);

G_END_DECLS
