/* cm-window-team.c — team work in the window: who labels (asked once and
 * shown), each decision recorded as that annotator's own, blind labelling,
 * the curator view and the agreement panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-team"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-window-private.h"

static void apply_blind (CmWindow *self);

/* ---- who labels --------------------------------------------------------- */

/* In the header (always) and the sidebar (when shown): who works here. */
static void
show_identity (CmWindow *self)
{
  gboolean curator = cm_window_adjudicating (self);
  g_autofree char *tooltip = NULL;

  cm_sidebar_set_identity (self->sidebar, self->annotator, curator);
  gtk_label_set_text (self->identity_label, self->annotator ? self->annotator : _("Name not set yet"));
  tooltip = curator
            /* Translators: header tooltip: the curator's name */
            ? g_strdup_printf (_("Adjudicating as %s (change the name in Preferences)"), self->annotator)
            : self->annotator
            /* Translators: header tooltip: the annotator's name */
            ? g_strdup_printf (_("Labelling as %s (change the name in Preferences)"), self->annotator)
            : g_strdup (_("Your name is asked at your first label decision"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->identity_button), tooltip);
  gtk_toggle_button_set_active (self->curator_button, curator);
}

void
cm_window_update_identity (CmWindow *self)
{
  g_free (self->annotator);
  self->annotator = cm_window_get_app (self) ? cm_application_dup_annotator (cm_window_get_app (self)) : NULL;
  show_identity (self);
  apply_blind (self);
}

static void
clear_pending (CmWindow *self)
{
  g_clear_pointer (&self->pending_action, g_free);
  g_clear_pointer (&self->pending_param, g_variant_unref);
}

static void
on_identity_chosen (CmWindow   *self,
                    const char *name)
{
  g_autofree char *action = g_steal_pointer (&self->pending_action);
  g_autoptr(GVariant) param = g_steal_pointer (&self->pending_param);

  self->identity_dialog = NULL;
  cm_application_set_annotator (cm_window_get_app (self), name);
  cm_window_update_identity (self);
  /* The edit that needed a name now happens. */
  if (action)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), action, param);
}

static void
on_identity_cancelled (CmWindow *self)
{
  self->identity_dialog = NULL;
  clear_pending (self);
}

char *
cm_window_dup_annotator_or_ask (CmWindow   *self,
                                const char *action_name,
                                GVariant   *param)
{
  if (self->annotator)
    return g_strdup (self->annotator);
  clear_pending (self);
  self->pending_action = g_strdup (action_name);
  self->pending_param = param ? g_variant_ref_sink (param) : NULL;
  if (self->identity_dialog == NULL)
    {
      self->identity_dialog = cm_identity_dialog_new (GTK_WINDOW (self));
      g_signal_connect_object (self->identity_dialog, "chosen", G_CALLBACK (on_identity_chosen),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->identity_dialog, "cancelled", G_CALLBACK (on_identity_cancelled),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->identity_dialog));
  return NULL;
}

static void
on_annotator_setting_changed (CmWindow *self)
{
  cm_window_update_identity (self);
}

/* ---- recording decisions ------------------------------------------------ */

gboolean
cm_window_adjudicating (CmWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "curator") == 0;
}

gboolean
cm_window_blind (CmWindow *self)
{
  return self->current && cm_doc_entry_get_blind (self->current) && !cm_window_adjudicating (self);
}

/* Whose labels the desk shows: the annotator's own while blind, else the
 * final labels (NULL). Before a name is given, blind shows none. */
static const char *
blind_annotator (CmWindow *self)
{
  if (!cm_window_blind (self))
    return NULL;
  return self->annotator ? self->annotator : "";
}

gboolean
cm_window_clause_decided (CmWindow *self,
                          CmClause *clause)
{
  if (self->annotator && cm_clause_lookup_annotation (clause, self->annotator))
    return TRUE;
  if (cm_window_blind (self))
    return FALSE;
  return cm_clause_get_n_annotations (clause) == 0 && cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED;
}

static GStrv
toggled_labels (const char * const *labels,
                const char         *label)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean had = FALSE;

  for (guint i = 0; labels && labels[i]; i++)
    if (g_str_equal (labels[i], label))
      had = TRUE;
    else
      g_strv_builder_add (builder, labels[i]);
  if (!had)
    g_strv_builder_add (builder, label);
  return g_strv_builder_end (builder);
}

void
cm_window_record_toggle (CmWindow   *self,
                         CmClause   *clause,
                         const char *label,
                         const char *annotator)
{
  gboolean blind = cm_window_blind (self);
  g_auto(GStrv) labels = toggled_labels (cm_clause_shown_labels (clause, blind ? annotator : NULL), label);

  if (cm_window_adjudicating (self))
    {
      cm_clause_adjudicate (clause, (const char * const *) labels, annotator);
      return;
    }
  /* What the annotator sees is what they answer; blind, only their answer
   * changes, and the final labels wait for the curator. */
  if (!blind)
    {
      cm_clause_set_labels (clause, (const char * const *) labels);
      /* Changing the labels is a correction of the model's decision. */
      cm_clause_mark_reviewed (clause, CM_REVIEW_STATUS_CORRECTED, annotator);
      cm_clause_set_adjudicated (clause, FALSE);
    }
  cm_clause_annotate (clause, annotator, (const char * const *) labels, CM_REVIEW_STATUS_CORRECTED);
}

void
cm_window_record_accept (CmWindow   *self,
                         CmClause   *clause,
                         const char *annotator)
{
  gboolean blind = cm_window_blind (self);
  g_auto(GStrv) labels = g_strdupv ((char **) cm_clause_shown_labels (clause, blind ? annotator : NULL));

  if (cm_window_adjudicating (self))
    {
      cm_clause_adjudicate (clause, (const char * const *) labels, annotator);
      return;
    }
  if (!blind)
    cm_clause_mark_reviewed (clause, CM_REVIEW_STATUS_ACCEPTED, annotator);
  cm_clause_annotate (clause, annotator, (const char * const *) labels, CM_REVIEW_STATUS_ACCEPTED);
}

/* ---- blind labelling ---------------------------------------------------- */

static void
apply_blind (CmWindow *self)
{
  const char *annotator = blind_annotator (self);

  cm_inspector_set_blind_annotator (self->inspector, annotator);
  cm_clause_list_set_blind_annotator (self->clause_list, annotator);
  cm_text_view_set_blind_annotator (self->text_view, annotator);
}

/* ---- the curator -------------------------------------------------------- */

static void
update_adjudication_progress (CmWindow *self)
{
  guint adjudicated = 0, total = 0;
  gboolean shown = cm_window_adjudicating (self);

  if (shown)
    cm_curator_view_get_progress (self->curator_view, &adjudicated, &total);
  cm_sidebar_set_adjudication_progress (self->sidebar, adjudicated, total, shown);
}

static void
on_curator_adjudicate (CmWindow           *self,
                       CmClause           *clause,
                       const char * const *labels,
                       const char         *description)
{
  CmDocument *document = cm_window_get_document (self);
  CmUndoStack *undo;
  guint position;

  if (document == NULL || self->annotator == NULL
      || cm_document_lookup_clause (document, cm_clause_get_id (clause), &position) != clause)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  undo = cm_doc_entry_get_undo_stack (self->current);
  cm_undo_stack_begin (undo, description, position, 1);
  cm_clause_adjudicate (clause, labels, self->annotator);
  cm_undo_stack_end (undo, 1);
  cm_window_after_edit (self, position, 1);
}

static void
show_desk_page (CmWindow   *self,
                const char *page)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pair") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "review");
  gtk_stack_set_visible_child_name (self->desk_stack, page);
  if (!g_str_equal (page, "agreement"))
    cm_agreement_panel_cancel (self->agreement_panel);
  show_identity (self);
  apply_blind (self);
  update_adjudication_progress (self);
}

static void
adjudicate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  g_autofree char *curator = NULL;

  if (cm_window_adjudicating (self))
    {
      CmClause *clause = cm_curator_view_get_selected (self->curator_view);

      show_desk_page (self, "desk");
      gtk_toggle_button_set_active (self->sidebar_button, self->sidebar_before_curator);
      if (clause)
        cm_window_select_clause (self, clause, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->clause_list));
      return;
    }
  /* The curator's name goes with every settlement: asked first. */
  curator = document ? cm_window_dup_annotator_or_ask (self, action_name, param) : NULL;
  if (curator == NULL)
    {
      if (document == NULL)
        gtk_widget_error_bell (widget);
      gtk_toggle_button_set_active (self->curator_button, FALSE);
      return;
    }
  cm_inspector_commit_note (self->inspector);
  cm_curator_view_set_document (self->curator_view, document, self->taxonomy);
  /* The progress is in the sidebar: shown while adjudicating. */
  self->sidebar_before_curator = gtk_toggle_button_get_active (self->sidebar_button);
  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  show_desk_page (self, "curator");
  gtk_widget_grab_focus (GTK_WIDGET (self->curator_view));
}

void
cm_window_team_after_edit (CmWindow *self,
                           guint     position,
                           guint     n_clauses)
{
  if (!cm_window_adjudicating (self))
    return;
  cm_curator_view_refresh (self->curator_view, position, n_clauses);
  update_adjudication_progress (self);
}

void
cm_window_team_show_document (CmWindow *self)
{
  CmDocument *document = cm_window_get_document (self);

  if (cm_window_adjudicating (self))
    {
      if (document)
        cm_curator_view_set_document (self->curator_view, document, self->taxonomy);
      else
        show_desk_page (self, "desk");
    }
  apply_blind (self);
  update_adjudication_progress (self);
}

/* ---- agreement ---------------------------------------------------------- */

/* Every document open in the window: those loaded as they are now, the
 * others from their saved files. */
static void
collect_documents (CmWindow  *self,
                   GPtrArray *documents,
                   GPtrArray *paths)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      CmDocument *document = cm_doc_entry_get_document (entry);

      if (document)
        g_ptr_array_add (documents, g_object_ref (document));
      else if (cm_path_is_document (cm_doc_entry_get_save_path (entry)))
        g_ptr_array_add (paths, g_strdup (cm_doc_entry_get_save_path (entry)));
    }
}

static void
compute_agreement (CmWindow *self)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  cm_inspector_commit_note (self->inspector);
  collect_documents (self, documents, paths);
  g_ptr_array_add (paths, NULL);
  cm_agreement_panel_compute (self->agreement_panel, documents,
                              (const char * const *) paths->pdata, self->taxonomy);
}

static void
agreement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "agreement") == 0;

  if (shown && g_str_equal (action_name, "win.agreement"))
    {
      show_desk_page (self, "desk");
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  show_desk_page (self, "agreement");
  compute_agreement (self);
}

/* ---- setup -------------------------------------------------------------- */

void
cm_window_class_init_team (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.adjudicate", NULL, adjudicate_action);
  gtk_widget_class_install_action (widget_class, "win.agreement", NULL, agreement_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-agreement", NULL, agreement_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.adjudicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.agreement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_J, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.agreement", NULL);
  gtk_widget_class_bind_template_callback (widget_class, on_curator_adjudicate);
}

void
cm_window_init_team (CmWindow *self)
{
  GSettings *settings = cm_window_get_app (self) ? cm_application_get_settings (cm_window_get_app (self)) : NULL;

  if (settings)
    g_signal_connect_object (settings, "changed::reviewer-name",
                             G_CALLBACK (on_annotator_setting_changed), self, G_CONNECT_SWAPPED);
  cm_window_update_identity (self);
}

void
cm_window_dispose_team (CmWindow *self)
{
  if (self->identity_dialog)
    gtk_window_destroy (GTK_WINDOW (self->identity_dialog));
  self->identity_dialog = NULL;
  clear_pending (self);
  g_clear_pointer (&self->annotator, g_free);
}
