/* cm-window-private.h — what the window's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-agreement-panel.h"
#include "cm-checklist-panel.h"
#include "cm-clause-list.h"
#include "cm-curator-view.h"
#include "cm-dashboard.h"
#include "cm-doc-entry.h"
#include "cm-document-info.h"
#include "cm-identity-dialog.h"
#include "cm-inspector.h"
#include "cm-model-set.h"
#include "cm-retrain-dialog.h"
#include "cm-sidebar.h"
#include "cm-text-view.h"
#include "cm-window.h"

G_BEGIN_DECLS

/* What the question bar is asking. */
typedef enum
{
  CM_QUESTION_NONE,
  CM_QUESTION_RESTORE,        /* a recovery file is newer than the document */
  CM_QUESTION_OVERWRITE,      /* the save file changed on disk since we read it */
} CmQuestion;

struct _CmWindow
{
  GtkApplicationWindow  parent_instance;

  /* template children */
  GtkLabel             *title_label;
  GtkLabel             *progress_label;
  GtkSpinner           *header_spinner;
  GtkToggleButton      *search_button;
  GtkToggleButton      *sidebar_button;
  GtkButton            *identity_button;
  GtkLabel             *identity_label;
  GtkToggleButton      *curator_button;
  GtkPaned             *content_paned;
  GtkPaned             *side_paned;
  GtkScrolledWindow    *inspector_scroller;
  GtkPopover           *go_to_popover;
  GtkEntry             *go_to_entry;
  GtkButton            *compare_button;
  GtkMenuButton        *info_button;     /* the document's information */
  CmDocumentInfo       *document_info;
  GtkMenuButton        *menu_button;
  GtkButton            *open_button;
  GtkButton            *save_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkRevealer          *error_bar;
  GtkBox               *error_messages; /* a wrapping label per failure */
  GtkButton            *error_close_button;
  GtkRevealer          *toast;          /* a short-lived message (Saved to …) */
  GtkLabel             *toast_label;
  GtkButton            *toast_close_button;
  GtkRevealer          *question_bar;
  GtkLabel             *question_label;
  GtkButton            *question_accept_button;
  GtkButton            *question_reject_button;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  GtkListBox           *recent_list;
  CmSidebar            *sidebar;
  CmTextView           *text_view;
  CmClauseList         *clause_list;
  CmInspector          *inspector;
  GtkBox               *pair_box;
  GtkStack             *desk_stack;
  CmCuratorView        *curator_view;
  CmAgreementPanel     *agreement_panel;
  GtkStack             *side_stack;     /* inspector or checklist */
  CmChecklistPanel     *checklist_panel;
  CmDashboard          *dashboard;
  GMenu                *recent_submenu;

  /* state */
  GListStore           *entries;        /* of CmDocEntry */
  CmDocEntry           *current;
  CmDocEntry           *loading;        /* the entry being loaded, if any */
  GQueue                load_queue;     /* entries opened together, to load after it */
  GPtrArray            *errors;         /* the messages the error bar shows */
  char                 *error_text;     /* the same, one a line */
  CmTaxonomy           *taxonomy;
  CmTaxonomy           *help_taxonomy;  /* whose keys the shortcuts window lists */
  CmModelSet           *models;
  CmFlagger            *flagger;        /* loaded with the models */
  GCancellable         *cancellable;    /* of the load in progress */
  guint                 autosave_source;
  GtkEventController   *label_shortcuts;
  CmQuestion            question;
  CmDocEntry           *question_entry;
  CmDocument           *recovered;      /* read with the document, not yet restored */
  CmDocEntry           *question_entry_pending;
  GtkWidget            *pair_view;
  CmDocEntry           *pair_partner;
  CmDocEntry           *compare_from;   /* to compare once its partner loads */
  gboolean              compare_after_load;
  gboolean              close_confirmed;
  gboolean              panes_arranged;
  gboolean              sidebar_shown_for_many;
  guint                 arrange_source;
  guint                 place_source;   /* writes the last clause a second later */
  guint                 toast_source;   /* hides the toast */
  gboolean              syncing_selection;
  /* team work (cm-window-team.c) */
  char                 *annotator;       /* who labels here, or NULL: not asked yet */
  gboolean              sidebar_before_curator;
  gboolean              joining;         /* annotators' copies being joined */
  CmIdentityDialog     *identity_dialog; /* asking who labels, if shown */
  char                 *pending_action;  /* the edit waiting for that answer */
  GVariant             *pending_param;
  /* from review to report (cm-window-report.c) */
  GCancellable         *report_cancellable; /* dashboard and report jobs */
  guint                 n_report_jobs;
  guint                 checklist_source;   /* refreshes the checklist after edits */
  gboolean              checklist_stale;
  /* learning from the reviewers (cm-window-learn.c) */
  GHashTable           *corpus_states;   /* corpus folder -> its own models, corrections */
  GCancellable         *learn_cancellable;
  CmRetrainDialog      *retrain_dialog;  /* if shown */
  GPtrArray            *resuggested;     /* the entries last re-suggested */
  gint64                load_started;   /* for CLAUSEMARK_BENCH */
  gint64                bench_last_frame;
  gint64                bench_max_gap;
  guint                 bench_step;
  guint                 bench_row;
};

/* cm-window.c */
/* The application the window belongs to (NULL once it has left it). */
CmApplication *cm_window_get_app          (CmWindow      *self);
void      cm_window_show_entry            (CmWindow      *self,
                                           CmDocEntry    *entry);
void      cm_window_update_title          (CmWindow      *self);
void      cm_window_update_actions        (CmWindow      *self);
void      cm_window_show_error            (CmWindow      *self,
                                           const char    *primary,
                                           const GError  *error);
void      cm_window_hide_error            (CmWindow      *self);
/* A message that needs no answer, shown over the desk for a few seconds. */
void      cm_window_show_toast            (CmWindow      *self,
                                           const char    *message);
/* Answers the question shown, as its buttons do. */
void      cm_window_respond               (CmWindow      *self,
                                           gboolean       accepted);
void      cm_window_ask                   (CmWindow      *self,
                                           CmQuestion     question,
                                           CmDocEntry    *entry,
                                           const char    *message,
                                           const char    *accept_label,
                                           const char    *reject_label);
void      cm_window_select_clause         (CmWindow      *self,
                                           CmClause      *clause,
                                           gboolean       scroll_text);
/* Call after every edit of the shown document: clauses [position,
 * position + n_clauses) changed. */
void      cm_window_after_edit            (CmWindow      *self,
                                           guint          position,
                                           guint          n_clauses);
/* The reviewer-facing text of an error (no file-format jargon). */
char     *cm_window_describe_error        (const GError  *error);

/* cm-window-actions.c */
/* The selected clause and its document position, or FALSE. */
gboolean  cm_window_get_selection         (CmWindow      *self,
                                           CmClause     **clause,
                                           guint         *position);
/* The side-by-side view covers the desk: its keys must not edit the
 * clause hidden behind it. */
gboolean  cm_window_pair_shown            (CmWindow      *self);
void      cm_window_class_init_actions    (GtkWidgetClass *widget_class);
void      cm_window_install_label_keys    (CmWindow      *self);
void      cm_window_init_actions          (CmWindow      *self);
/* Shows the shown document and @partner side by side. */
gboolean  cm_window_show_pair             (CmWindow      *self,
                                           CmDocEntry    *partner);

/* cm-window-versions.c */
void      cm_window_class_init_versions   (GtkWidgetClass *widget_class);
void      cm_window_update_version_actions (CmWindow     *self);
/* Orders two entries that are versions of one policy (oldest first); 0 when
 * they are not (see cm-policy-versions.h). */
int       cm_window_compare_versions      (CmDocEntry    *a,
                                           CmDocEntry    *b);
/* cm-window-layout.c */
void      cm_window_class_init_layout     (GtkWidgetClass *widget_class);
void      cm_window_init_layout           (CmWindow      *self);
void      cm_window_dispose_layout        (CmWindow      *self);
/* Sizes the text, list and inspector columns once the window has a size. */
void      cm_window_arrange_panes         (CmWindow      *self);
/* Remembers (a second later) the selected clause as where the reviewer
 * stopped in the shown document; flush writes it now. */
void      cm_window_remember_place        (CmWindow      *self);
void      cm_window_flush_place           (CmWindow      *self);
/* Selects @clause in the list and the views, clearing the filters first if
 * they hide it (a click in the text, Ctrl+G). */
void      cm_window_reveal_clause         (CmWindow      *self,
                                           CmClause      *clause,
                                           gboolean       scroll_text);
/* Where the reviewer stopped in @entry's document, or NULL. */
CmClause *cm_window_lookup_place          (CmWindow      *self,
                                           CmDocEntry    *entry);

/* cm-window-help.c */
/* Rebuilds the shortcuts window when the taxonomy changed: it lists which
 * key toggles which label. */
void      cm_window_update_help_overlay   (CmWindow      *self);

/* cm-window-save.c */
void      cm_window_class_init_save       (GtkWidgetClass *widget_class);

/* cm-window-team.c */
void      cm_window_class_init_team       (GtkWidgetClass *widget_class);
void      cm_window_init_team             (CmWindow      *self);
void      cm_window_dispose_team          (CmWindow      *self);
/* The curator view covers the desk (the sidebar stays). */
gboolean  cm_window_adjudicating          (CmWindow      *self);
/* Labelling blind now: the shown document's corpus says so and the
 * user annotates (a curator sees everything). */
gboolean  cm_window_blind                 (CmWindow      *self);
/* Records a label toggle / an acceptance of @clause by @annotator: into
 * their own annotation (and, unless blind, the final labels); by a curator,
 * as the clause's adjudication. The caller wraps it in an undo step. */
void      cm_window_record_toggle         (CmWindow      *self,
                                           CmClause      *clause,
                                           const char    *label,
                                           const char    *annotator);
void      cm_window_record_accept         (CmWindow      *self,
                                           CmClause      *clause,
                                           const char    *annotator);
/* The user has decided on @clause: answered it themselves (their
 * annotation), or, in a document without annotations, reviewed it. */
gboolean  cm_window_clause_decided        (CmWindow      *self,
                                           CmClause      *clause);
/* After an edit of the shown document / a change of it: the team views follow. */
void      cm_window_team_after_edit       (CmWindow      *self,
                                           guint          position,
                                           guint          n_clauses);
void      cm_window_team_show_document    (CmWindow      *self);
/* The annotator's name, or NULL (then asks for it, and replays
 * @action_name with @param once it is given). */
char     *cm_window_dup_annotator_or_ask  (CmWindow      *self,
                                           const char    *action_name,
                                           GVariant      *param);
/* Shows who works here (name, annotating or adjudicating). */
void      cm_window_update_identity       (CmWindow      *self);

/* cm-window-report.c */
void      cm_window_class_init_report     (GtkWidgetClass *widget_class);
void      cm_window_dispose_report        (CmWindow      *self);
/* The checklist follows the shown document and its edits. */
void      cm_window_report_show_document  (CmWindow      *self);
void      cm_window_report_after_edit     (CmWindow      *self);
/* Enables the flag, checklist, dashboard and report actions that apply. */
void      cm_window_report_update_actions (CmWindow      *self);

/* cm-window-learn.c */
void      cm_window_class_init_learn      (GtkWidgetClass *widget_class);
void      cm_window_init_learn            (CmWindow      *self);
void      cm_window_dispose_learn         (CmWindow      *self);
void      cm_window_learn_update_actions  (CmWindow      *self);
/* The folder of @entry's Clausemark document (its corpus), or NULL for a
 * policy file. */
char     *cm_window_dup_corpus_dir        (CmWindow      *self,
                                           CmDocEntry    *entry);
/* The models that suggest labels for @entry: its corpus's own where it
 * has them, else the shipped ones (may be NULL). */
CmModelSet *cm_window_models_for_entry    (CmWindow      *self,
                                           CmDocEntry    *entry);
void      cm_window_update_model_status   (CmWindow      *self);
/* Relabels the unreviewed clauses of every document of the corpus with
 * its models, one undo step per document. */
void      cm_window_resuggest_corpus      (CmWindow      *self,
                                           const char    *corpus_dir);

/* cm-window-join.c */
/* When @paths (documents and folders) hold several copies of a document,
 * joins them in the background and returns TRUE; else FALSE. */
gboolean  cm_window_join_copies           (CmWindow           *self,
                                           const char * const *paths);

/* cm-window-io.c */
/* The Open dialog's filter: every format Clausemark reads. */
GtkFileFilter *cm_window_new_policy_filter (void);
/* Opens @paths as they are (no joining). */
void      cm_window_open_paths_now        (CmWindow           *self,
                                           const char * const *paths);
void      cm_window_class_init_io         (GtkWidgetClass *widget_class);
void      cm_window_init_io               (CmWindow      *self);

/* cm-window-load.c */
void      cm_window_load_entry            (CmWindow      *self,
                                           CmDocEntry    *entry);
/* Files opened together load one after the other: starts the next one. */
void      cm_window_load_next_queued      (CmWindow      *self);
/* Shows @entry's unsaved edits from its recovery file. */
void      cm_window_restore_recovery      (CmWindow      *self,
                                           CmDocEntry    *entry);
gboolean  cm_window_save_entry            (CmWindow      *self,
                                           CmDocEntry    *entry,
                                           gboolean       force);
void      cm_window_schedule_autosave     (CmWindow      *self);
/* Writes the pending recovery files now. */
void      cm_window_flush_autosave        (CmWindow      *self);
void      cm_window_answer_question       (CmWindow      *self,
                                           CmQuestion     question,
                                           CmDocEntry    *entry,
                                           gboolean       accepted);
void      cm_window_update_recent         (CmWindow      *self);
gboolean  cm_window_confirm_close         (CmWindow      *self);
void      cm_window_discard_recovery      (CmDocEntry    *entry);

G_END_DECLS
