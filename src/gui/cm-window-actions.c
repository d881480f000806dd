/* cm-window-actions.c — the review actions and their keys
 *
 * Every action is a GAction of the window ("win.*"), so buttons, menus,
 * keys and tests drive the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-pair-view.h"
#include "cm-window-private.h"

gboolean
cm_window_get_selection (CmWindow  *self,
                         CmClause **clause,
                         guint     *position)
{
  CmDocument *document = cm_window_get_document (self);

  *clause = cm_window_get_selected_clause (self);
  if (document == NULL || *clause == NULL)
    return FALSE;
  return cm_document_lookup_clause (document, cm_clause_get_id (*clause), position) == *clause;
}

gboolean
cm_window_pair_shown (CmWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pair") == 0;
}

static void
toggle_label_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  const char *label = g_variant_get_string (param, NULL);
  g_autofree char *reviewer = NULL;
  g_autofree char *description = NULL;
  CmUndoStack *undo;
  CmClause *clause;
  guint position;

  /* the side-by-side view has its own label keys */
  if (cm_window_pair_shown (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (!cm_window_get_selection (self, &clause, &position) || !cm_clause_is_labelable (clause))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (self->taxonomy && cm_taxonomy_lookup (self->taxonomy, label) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* Asked once; the toggle happens when the name is given. */
  reviewer = cm_window_dup_annotator_or_ask (self, action_name, param);
  if (reviewer == NULL)
    return;
  undo = cm_doc_entry_get_undo_stack (self->current);
  /* Translators: an undoable edit; %s is a label name */
  description = g_strdup_printf (_("Toggle label %s"), label);
  cm_undo_stack_begin (undo, description, position, 1);
  cm_window_record_toggle (self, clause, label, reviewer);
  cm_undo_stack_end (undo, 1);
  cm_window_after_edit (self, position, 1);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmClause *clause;
  guint position;

  if (!cm_window_get_selection (self, &clause, &position))
    return;
  if (cm_clause_is_labelable (clause) && !cm_window_clause_decided (self, clause))
    {
      g_autofree char *reviewer = cm_window_dup_annotator_or_ask (self, action_name, param);
      CmUndoStack *undo = cm_doc_entry_get_undo_stack (self->current);

      if (reviewer == NULL)
        return;
      cm_undo_stack_begin (undo, _("Accept clause"), position, 1);
      cm_window_record_accept (self, clause, reviewer);
      cm_undo_stack_end (undo, 1);
      cm_window_after_edit (self, position, 1);
    }
  cm_clause_list_move (self->clause_list, 1);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  int delta = g_str_equal (action_name, "win.previous") ? -1 : 1;

  if (!cm_clause_list_move (self->clause_list, delta))
    gtk_widget_error_bell (widget);
}

static gboolean
is_unreviewed (CmClause *clause,
               gpointer  user_data)
{
  return cm_clause_is_labelable (clause) && !cm_window_clause_decided (user_data, clause);
}

static void
next_unreviewed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  if (!cm_clause_list_select_next_where (self->clause_list, is_unreviewed, self))
    gtk_widget_error_bell (widget);
}

static void
next_doubtful_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  /* The model's doubt would hint at its labels. */
  if (cm_window_blind (self))
    {
      cm_window_show_error (self, _("Blind labelling: the model’s confidence stays hidden, so there is no most doubtful clause to go to."), NULL);
      return;
    }
  if (!cm_clause_list_select_most_doubtful (self->clause_list))
    gtk_widget_error_bell (widget);
}

/* Closes the undo step a split or merge opened: a failed edit is dropped
 * and the reviewer told why; a done one records the @n_after clauses now
 * at @position, refreshes the views and selects @clause. */
static void
finish_clause_edit (CmWindow     *self,
                    CmUndoStack  *undo,
                    gboolean      succeeded,
                    CmClause     *clause,
                    guint         position,
                    guint         n_after,
                    const char   *failure_message,
                    const GError *error)
{
  if (!succeeded)
    {
      cm_undo_stack_abort (undo);
      cm_window_show_error (self, failure_message, error);
      return;
    }
  cm_undo_stack_end (undo, n_after);
  cm_window_after_edit (self, position, n_after);
  cm_window_select_clause (self, clause, FALSE);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  g_autoptr(GError) error = NULL;
  CmUndoStack *undo;
  CmClause *clause;
  guint position, offset;
  gboolean split;

  if (!cm_window_get_selection (self, &clause, &position))
    return;
  /* The selected clause is cut, where the text cursor is in it: a cursor
   * left elsewhere (by a click before, or a note typed) must not cut
   * another clause than the one the reviewer is looking at. */
  offset = cm_text_view_get_cursor_offset (self->text_view);
  if (offset <= cm_clause_get_start (clause) || offset >= cm_clause_get_end (clause))
    {
      g_autofree char *message = NULL;

      /* Translators: %u is the selected clause's number */
      message = g_strdup_printf (_("Cannot split here: put the text cursor inside clause %u, where the new clause should begin (F6, then the arrow keys, or click in its text)."),
                                 position + 1);
      cm_window_show_error (self, message, NULL);
      return;
    }

  undo = cm_doc_entry_get_undo_stack (self->current);
  cm_undo_stack_begin (undo, _("Split clause"), position, 1);
  split = cm_document_split_clause (document, clause, offset, &error) != NULL;
  finish_clause_edit (self, undo, split, clause, position, 2,
                      _("The clause could not be split."), error);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  g_autoptr(GError) error = NULL;
  CmUndoStack *undo;
  CmClause *clause;
  guint position;
  gboolean merged;

  if (!cm_window_get_selection (self, &clause, &position))
    return;
  if (position + 1 >= cm_document_get_n_clauses (document))
    {
      cm_window_show_error (self, _("This is the last clause: there is no next clause to merge it with."), NULL);
      return;
    }
  undo = cm_doc_entry_get_undo_stack (self->current);
  cm_undo_stack_begin (undo, _("Merge clauses"), position, 2);
  merged = cm_document_merge_with_next (document, clause, &error);
  finish_clause_edit (self, undo, merged, clause, position, 1,
                      _("The clauses could not be merged."), error);
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  CmUndoStack *undo;
  guint n = 0;
  int position;

  if (document == NULL)
    return;
  /* side by side: one history, that view's (links and labels) */
  if (cm_window_pair_shown (self))
    {
      if (!gtk_widget_activate_action (self->pair_view,
                                       g_str_equal (action_name, "win.undo") ? "pair.undo" : "pair.redo", NULL))
        gtk_widget_error_bell (widget);
      return;
    }
  undo = cm_doc_entry_get_undo_stack (self->current);
  if (g_str_equal (action_name, "win.undo"))
    position = cm_undo_stack_undo (undo, &n);
  else
    position = cm_undo_stack_redo (undo, &n);
  if (position < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  cm_window_after_edit (self, (guint) position, n);
  /* Show the reviewer what changed back. */
  cm_window_select_clause (self, cm_document_get_clause (document, (guint) position), TRUE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  if (cm_window_get_document (self) == NULL)
    return;
  if (cm_clause_list_get_search_mode (self->clause_list) && g_str_equal (action_name, "win.find"))
    cm_clause_list_set_search_mode (self->clause_list, FALSE);
  else
    cm_clause_list_start_search (self->clause_list);
}

static void
focus_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmClause *clause = cm_window_get_selected_clause (self);
  guint offset = cm_text_view_get_cursor_offset (self->text_view);

  /* The arrows then move the cursor inside the clause to split. */
  if (clause && (offset < cm_clause_get_start (clause) || offset > cm_clause_get_end (clause)))
    cm_text_view_set_cursor_offset (self->text_view, cm_clause_get_start (clause));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (CM_WINDOW (widget)->clause_list));
}

/* ---- the bilingual pair ------------------------------------------------- */

/* The other language version of the shown document: the entry holding its
 * partner, else the first other entry (e.g. sample-zh.txt opened together
 * with sample-en.txt). */
static CmDocEntry *
find_partner_entry (CmWindow *self)
{
  CmDocument *document = cm_window_get_document (self);
  const char *partner_id = document ? cm_document_get_partner_id (document) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  CmDocEntry *fallback = NULL, *next_version = NULL, *previous_version = NULL;
  gboolean after_current = FALSE;

  for (guint i = 0; document && i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      CmDocument *other = cm_doc_entry_get_document (entry);

      if (entry == self->current)
        {
          after_current = TRUE;
          continue;
        }
      if (other && partner_id && g_strcmp0 (cm_document_get_id (other), partner_id) == 0)
        return entry;
      /* another version in the same language: the next one in the list
       * (versions are listed oldest first), else the one before */
      if (other && cm_document_is_chinese (other) == cm_document_is_chinese (document))
        {
          if (after_current && next_version == NULL)
            next_version = entry;
          else if (!after_current)
            previous_version = entry;
          continue;
        }
      if (fallback == NULL)
        fallback = entry;
    }
  if (fallback != NULL)
    return fallback;
  return next_version != NULL ? next_version : previous_version;
}

static void
on_pair_links_changed (CmWindow *self)
{
  CmDocEntry *partner = self->pair_partner;

  if (self->current)
    cm_doc_entry_set_dirty (self->current, TRUE);
  if (partner)
    cm_doc_entry_set_dirty (partner, TRUE);
  cm_window_update_title (self);
  cm_window_update_actions (self);
  cm_window_schedule_autosave (self);
}

/* A label corrected in the pair view: its document must be saved. */
static void
on_pair_labels_changed (CmWindow   *self,
                        CmDocument *document)
{
  CmDocEntry *entry = NULL;

  if (self->current && cm_doc_entry_get_document (self->current) == document)
    entry = self->current;
  else if (self->pair_partner && cm_doc_entry_get_document (self->pair_partner) == document)
    entry = self->pair_partner;
  if (entry == NULL)
    return;
  if (entry == self->current)
    cm_window_after_edit (self, 0, cm_document_get_n_clauses (document));
  else
    {
      cm_doc_entry_set_dirty (entry, TRUE);
      cm_doc_entry_recount (entry);
      cm_window_update_title (self);
      cm_window_schedule_autosave (self);
    }
  cm_window_update_actions (self);
}

gboolean
cm_window_show_pair (CmWindow   *self,
                     CmDocEntry *partner)
{
  CmDocument *document = cm_window_get_document (self);
  CmDocument *other = cm_doc_entry_get_document (partner);
  CmDocument *zh, *en;

  if (document == NULL || other == NULL)
    return FALSE;
  if (self->pair_view == NULL)
    {
      self->pair_view = GTK_WIDGET (cm_pair_view_new ());
      gtk_widget_set_vexpand (self->pair_view, TRUE);
      gtk_box_append (self->pair_box, self->pair_view);
      g_signal_connect_swapped (self->pair_view, "links-changed", G_CALLBACK (on_pair_links_changed), self);
      g_signal_connect_swapped (self->pair_view, "labels-changed", G_CALLBACK (on_pair_labels_changed), self);
    }
  if (cm_document_is_chinese (document) == cm_document_is_chinese (other))
    {
      /* two versions: the older one by their file names (see
       * cm-policy-versions.h), else the one listed first */
      guint here = 0, there = 0;
      int order = cm_window_compare_versions (self->current, partner);

      g_list_store_find (self->entries, self->current, &here);
      g_list_store_find (self->entries, partner, &there);
      zh = (order != 0 ? order < 0 : here < there) ? document : other;
    }
  else
    zh = g_strcmp0 (cm_document_get_language (document), "en") == 0 ? other : document;
  en = zh == document ? other : document;
  g_set_object (&self->pair_partner, partner);
  cm_pair_view_set_taxonomy (CM_PAIR_VIEW (self->pair_view), self->taxonomy);
  cm_pair_view_set_documents (CM_PAIR_VIEW (self->pair_view), zh, en);
  gtk_stack_set_visible_child_name (self->main_stack, "pair");
  cm_window_update_actions (self);
  gtk_widget_grab_focus (self->pair_view);
  return TRUE;
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocEntry *partner;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pair") == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "review");
      cm_window_update_actions (self);
      return;
    }
  partner = find_partner_entry (self);
  if (partner == NULL)
    {
      cm_window_show_error (self, _("Open the other language version too (both files together) to compare them."), NULL);
      return;
    }
  if (cm_doc_entry_get_document (partner) == NULL)
    {
      /* Load it first; the comparison opens when it is ready. */
      self->compare_after_load = TRUE;
      g_set_object (&self->compare_from, self->current);
      cm_window_load_entry (self, partner);
      return;
    }
  cm_window_show_pair (self, partner);
}

void
cm_window_update_actions (CmWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_document = cm_window_get_document (self) != NULL;
  gboolean have_clause = have_document && cm_window_get_selected_clause (self) != NULL;
  CmUndoStack *undo = have_document ? cm_doc_entry_get_undo_stack (self->current) : NULL;

  gtk_widget_action_set_enabled (widget, "win.save", have_document);
  gtk_widget_action_set_enabled (widget, "win.save-as", have_document);
  /* side by side, the header's undo and redo act on that view's history */
  if (cm_window_pair_shown (self))
    {
      /* side by side: the view's own history */
      gtk_widget_action_set_enabled (widget, "win.undo", cm_pair_view_can_undo (CM_PAIR_VIEW (self->pair_view)));
      gtk_widget_action_set_enabled (widget, "win.redo", cm_pair_view_can_redo (CM_PAIR_VIEW (self->pair_view)));
    }
  else
    {
      gtk_widget_action_set_enabled (widget, "win.undo", undo && cm_undo_stack_can_undo (undo));
      gtk_widget_action_set_enabled (widget, "win.redo", undo && cm_undo_stack_can_redo (undo));
    }
  gtk_widget_action_set_enabled (widget, "win.toggle-label", have_clause);
  gtk_widget_action_set_enabled (widget, "win.accept", have_clause);
  gtk_widget_action_set_enabled (widget, "win.merge", have_clause);
  gtk_widget_action_set_enabled (widget, "win.split", have_document);
  gtk_widget_action_set_enabled (widget, "win.find", have_document);
  gtk_widget_action_set_enabled (widget, "win.next", have_document);
  gtk_widget_action_set_enabled (widget, "win.previous", have_document);
  gtk_widget_action_set_enabled (widget, "win.next-unreviewed", have_document);
  gtk_widget_action_set_enabled (widget, "win.next-doubtful", have_document);
  gtk_widget_action_set_enabled (widget, "win.cancel-loading", self->loading != NULL);
  gtk_widget_action_set_enabled (widget, "win.compare", have_document
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 1);
  cm_window_report_update_actions (self);
  cm_window_learn_update_actions (self);
  cm_window_update_version_actions (self);
}

/* The taxonomy decides the label keys, so they are built at run time. */
void
cm_window_install_label_keys (CmWindow *self)
{
  GtkShortcutController *controller;

  if (self->label_shortcuts)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self), self->label_shortcuts);
      self->label_shortcuts = NULL;
    }
  if (self->taxonomy == NULL)
    return;

  controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  for (guint i = 0; i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      guint keyval;
      GtkShortcut *shortcut;

      if (label->shortcut == NULL || (keyval = gdk_keyval_from_name (label->shortcut)) == GDK_KEY_VoidSymbol)
        continue;
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                   gtk_named_action_new ("win.toggle-label"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (label->id));
      gtk_shortcut_controller_add_shortcut (controller, shortcut);
    }
  self->label_shortcuts = GTK_EVENT_CONTROLLER (controller);
  gtk_widget_add_controller (GTK_WIDGET (self), self->label_shortcuts);
}

/* Enter accepts wherever the reviewer is reading (the list, the text),
 * but keeps its usual meaning in entries and on buttons. GtkWindow's own
 * Enter binding (activate-default) would otherwise swallow it before the
 * class binding sees it, so this runs in the capture phase. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CmWindow              *self)
{
  GtkWidget *focus;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || cm_window_get_document (self) == NULL)
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL
      && focus != GTK_WIDGET (self->text_view)
      && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->clause_list)))
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_BUTTON (focus) || GTK_IS_DROP_DOWN (focus)))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.accept", NULL);
  return TRUE;
}

void
cm_window_init_actions (CmWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
cm_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-label", "s", toggle_label_action);
  gtk_widget_class_install_action (widget_class, "win.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "win.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.next-unreviewed", NULL, next_unreviewed_action);
  gtk_widget_class_install_action (widget_class, "win.next-doubtful", NULL, next_doubtful_action);
  gtk_widget_class_install_action (widget_class, "win.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "win.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.focus-text", NULL, focus_text_action);
  gtk_widget_class_install_action (widget_class, "win.focus-list", NULL, focus_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "win.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "win.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "win.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "win.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.next-unreviewed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "win.next-doubtful", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.split", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.merge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-text", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-list", NULL);
}
