/* cm-clause-list.c — the clauses as a filterable, virtualised list
 *
 * Filtering, selection and the document; the rows are made and bound in
 * cm-clause-list-rows.c (shared: cm-clause-list-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause-list"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-clause-list-private.h"
#include "cm-flag-bar.h"
#include "cm-label-style.h"
#include "cm-list-focus.h"
#include "cm-status-page.h"

/* The confidence filter's choices (after "any"): clauses whose confidence
 * (cm_decision_confidence(): 0 a coin toss, 1 certain) is below these. */
static const double confidence_thresholds[] = { 0.25, 0.5, 0.75, 0.9 };

/* The flag filter's choices (after "any"), in the dropdown's order. */
static const CmFlag flag_choices[] = { CM_FLAG_RISK, CM_FLAG_KEY, CM_FLAG_SENSITIVE };

enum
{
  CLAUSE_SELECTED,
  CLAUSE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmClauseList, cm_clause_list, GTK_TYPE_WIDGET)

/* ---- filtering ---------------------------------------------------------- */

static gboolean
clause_matches (gpointer item,
                gpointer user_data)
{
  CmClauseList *self = user_data;
  CmClause *clause = item;

  if (self->status_filter >= 0 && (int) cm_clause_get_status (clause) != self->status_filter)
    return FALSE;
  if (self->status_filter >= 0 && !cm_clause_is_labelable (clause))
    return FALSE;
  if (self->label_filter
      && !g_strv_contains (cm_clause_shown_labels (clause, self->blind_annotator), self->label_filter))
    return FALSE;
  if (self->flag_filter >= 0 && !cm_clause_has_flag (clause, (CmFlag) self->flag_filter))
    return FALSE;
  if (self->below_confidence <= 1.0)
    {
      double confidence = cm_clause_get_confidence (clause);
      if (confidence < 0 || confidence >= self->below_confidence || !cm_clause_is_labelable (clause))
        return FALSE;
    }
  if (self->search_folded && *self->search_folded && self->document)
    {
      g_autofree char *text = cm_document_dup_clause_text (self->document, clause);
      g_autofree char *folded = g_utf8_casefold (text, -1);
      if (strstr (folded, self->search_folded) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_count (CmClauseList *self)
{
  guint shown = cm_clause_list_get_n_shown (self);
  guint total = self->document ? cm_document_get_n_clauses (self->document) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clause", "%u clauses", total), total);
  else
    /* Translators: clauses shown by the filters, of all clauses */
    text = g_strdup_printf (_("%u of %u clauses shown"), shown, total);
  gtk_label_set_text (self->count_label, text);
  /* An empty list says why, and how to get the clauses back. */
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && total > 0 ? "empty" : "list");
}

static void
on_items_changed (CmClauseList *self)
{
  update_count (self);
}

static void
read_filters_from_widgets (CmClauseList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint label_pos = gtk_drop_down_get_selected (self->label_dropdown);
  guint state_pos = gtk_drop_down_get_selected (self->state_dropdown);
  guint confidence_pos = gtk_drop_down_get_selected (self->confidence_dropdown);
  guint flag_pos = gtk_drop_down_get_selected (self->flag_dropdown);

  g_clear_pointer (&self->search_folded, g_free);
  if (text && *text)
    self->search_folded = g_utf8_casefold (text, -1);

  g_clear_pointer (&self->label_filter, g_free);
  if (self->label_ids && label_pos != GTK_INVALID_LIST_POSITION && label_pos > 0
      && label_pos - 1 < self->label_ids->len)
    self->label_filter = g_strdup (g_ptr_array_index (self->label_ids, label_pos - 1));

  /* Dropdown rows: any, unreviewed, accepted, corrected. */
  self->status_filter = (state_pos == GTK_INVALID_LIST_POSITION || state_pos == 0)
                        ? -1 : (int) state_pos - 1;
  self->below_confidence = confidence_pos != GTK_INVALID_LIST_POSITION && confidence_pos > 0
                           && confidence_pos <= G_N_ELEMENTS (confidence_thresholds)
                           ? confidence_thresholds[confidence_pos - 1] : 2.0;
  self->flag_filter = flag_pos != GTK_INVALID_LIST_POSITION && flag_pos > 0
                      && flag_pos <= G_N_ELEMENTS (flag_choices)
                      ? (int) flag_choices[flag_pos - 1] : -1;
}

static void
on_filter_changed (CmClauseList *self)
{
  read_filters_from_widgets (self);
  cm_clause_list_refilter (self);
}

static void
on_clear_filters (CmClauseList *self)
{
  cm_clause_list_set_filter (self, NULL, NULL, -1, 2.0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* "Below 25 %" …, formatted as the UI language writes percentages. */
static void
fill_confidence_dropdown (CmClauseList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Any confidence"));
  for (guint i = 0; i < G_N_ELEMENTS (confidence_thresholds); i++)
    {
      g_autofree char *percent = cm_format_percent (confidence_thresholds[i]);
      /* Translators: a confidence filter, %s is a percentage such as "50%" */
      g_autofree char *name = g_strdup_printf (_("Below %s"), percent);
      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (self->confidence_dropdown, G_LIST_MODEL (names));
}

static void
on_stop_search (CmClauseList *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
cm_clause_list_refilter (CmClauseList *self)
{
  CmClause *selected;

  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  selected = cm_clause_list_get_selected (self);
  if (selected)
    g_object_ref (selected);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Keep the reviewer's place when the clause is still shown, else go to
   * the first clause shown (none: the inspector empties). */
  if (selected == NULL || !cm_clause_list_select_clause (self, selected))
    {
      if (cm_clause_list_get_n_shown (self) > 0)
        cm_clause_list_select_position (self, 0);
    }
  g_clear_object (&selected);
  update_count (self);
}

void
cm_clause_list_set_filter (CmClauseList *self,
                           const char   *text,
                           const char   *label,
                           int           status,
                           double        below_confidence)
{
  guint label_pos = 0, confidence_pos = 0;

  g_return_if_fail (CM_IS_CLAUSE_LIST (self));

  /* the smallest threshold that keeps every clause the caller asked for */
  for (guint i = G_N_ELEMENTS (confidence_thresholds); i > 0; i--)
    if (below_confidence <= confidence_thresholds[i - 1])
      confidence_pos = i;

  for (guint i = 0; label && self->label_ids && i < self->label_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->label_ids, i), label) == 0)
      label_pos = i + 1;
  g_signal_handlers_block_by_func (self->search_entry, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->label_dropdown, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->state_dropdown, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->confidence_dropdown, on_filter_changed, self);
  g_signal_handlers_block_by_func (self->flag_dropdown, on_filter_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  gtk_drop_down_set_selected (self->label_dropdown, label_pos);
  gtk_drop_down_set_selected (self->state_dropdown, status < 0 ? 0 : (guint) status + 1);
  gtk_drop_down_set_selected (self->confidence_dropdown, confidence_pos);
  gtk_drop_down_set_selected (self->flag_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->search_entry, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->label_dropdown, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->state_dropdown, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->confidence_dropdown, on_filter_changed, self);
  g_signal_handlers_unblock_by_func (self->flag_dropdown, on_filter_changed, self);
  on_filter_changed (self);
}

void
cm_clause_list_set_flag_filter (CmClauseList *self,
                                int           flag)
{
  guint position = 0;

  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  g_return_if_fail (flag < (int) CM_N_FLAGS);

  for (guint i = 0; i < G_N_ELEMENTS (flag_choices); i++)
    if ((int) flag_choices[i] == flag)
      position = i + 1;
  /* notify::selected filters */
  gtk_drop_down_set_selected (self->flag_dropdown, position);
}

int
cm_clause_list_get_flag_filter (CmClauseList *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), -1);
  return self->flag_filter;
}

void
cm_clause_list_set_blind_annotator (CmClauseList *self,
                                    const char   *annotator)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  if (g_strcmp0 (self->blind_annotator, annotator) == 0)
    return;
  g_free (self->blind_annotator);
  self->blind_annotator = g_strdup (annotator);
  /* Which clauses the models flagged would show through the flag filter. */
  gtk_widget_set_visible (GTK_WIDGET (self->flag_dropdown), annotator == NULL);
  if (annotator != NULL)
    gtk_drop_down_set_selected (self->flag_dropdown, 0);
  /* Every row shows other labels now: build them again. */
  factory = g_object_ref (gtk_list_view_get_factory (self->list_view));
  gtk_list_view_set_factory (self->list_view, NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  cm_clause_list_refilter (self);
}

guint
cm_clause_list_get_n_shown (CmClauseList *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/* ---- selection ---------------------------------------------------------- */

static void
on_selected_item_changed (CmClauseList *self)
{
  g_signal_emit (self, signals[CLAUSE_SELECTED], 0, cm_clause_list_get_selected (self));
}

static void
on_list_activate (CmClauseList *self,
                  guint         position)
{
  CmClause *clause = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (clause)
    {
      g_signal_emit (self, signals[CLAUSE_ACTIVATED], 0, clause);
      g_object_unref (clause);
    }
}

CmClause *
cm_clause_list_get_selected (CmClauseList *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
scroll_to (CmClauseList *self,
           guint         position)
{
  /* GTK 4.8 has no gtk_list_view_scroll_to(): its action does the job. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
cm_clause_list_select_position (CmClauseList *self,
                                guint         position)
{
  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  if (position >= cm_clause_list_get_n_shown (self))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
}

gboolean
cm_clause_list_select_clause (CmClauseList *self,
                              CmClause     *clause)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), FALSE);
  model = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmClause) item = g_list_model_get_item (model, i);
      if (item == clause)
        {
          if (gtk_single_selection_get_selected (self->selection) != i)
            cm_clause_list_select_position (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
cm_clause_list_move (CmClauseList *self,
                     int           delta)
{
  guint selected, n;
  gint64 target;

  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), FALSE);
  n = cm_clause_list_get_n_shown (self);
  if (n == 0)
    return FALSE;
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    target = delta > 0 ? 0 : (gint64) n - 1;
  else
    target = (gint64) selected + delta;
  if (target < 0 || target >= n)
    return FALSE;
  cm_clause_list_select_position (self, (guint) target);
  return TRUE;
}

gboolean
cm_clause_list_select_next_where (CmClauseList      *self,
                                  CmClausePredicate  predicate,
                                  gpointer           user_data)
{
  GListModel *model;
  guint n, selected;

  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), FALSE);
  model = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (model);
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = n - 1;
  for (guint k = 1; k <= n; k++)
    {
      guint i = (selected + k) % n;
      g_autoptr(CmClause) clause = g_list_model_get_item (model, i);
      if (predicate (clause, user_data))
        {
          cm_clause_list_select_position (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
cm_clause_list_select_most_doubtful (CmClauseList *self)
{
  GListModel *model;
  guint n, best = GTK_INVALID_LIST_POSITION;
  double best_confidence = G_MAXDOUBLE;

  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), FALSE);
  model = G_LIST_MODEL (self->filter_model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmClause) clause = g_list_model_get_item (model, i);
      double confidence = cm_clause_get_confidence (clause);

      if (!cm_clause_is_labelable (clause)
          || cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED)
        continue;
      /* A clause no model has seen (negative) is the most doubtful of all. */
      if (confidence < best_confidence)
        {
          best_confidence = confidence;
          best = i;
        }
    }
  if (best == GTK_INVALID_LIST_POSITION)
    return FALSE;
  cm_clause_list_select_position (self, best);
  return TRUE;
}

/* Home, End, Page Up and Page Down in the list select as they move (GTK
 * 4.8's list view only moves the focus ring). */
static gboolean
on_jump (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  CmClauseList *self = CM_CLAUSE_LIST (user_data);
  const char *where = g_variant_get_string (args, NULL);
  guint n = cm_clause_list_get_n_shown (self);
  int page;

  if (n == 0)
    return FALSE;
  if (g_str_equal (where, "first"))
    cm_clause_list_select_position (self, 0);
  else if (g_str_equal (where, "last"))
    cm_clause_list_select_position (self, n - 1);
  else
    {
      page = (int) cm_clause_list_get_page_rows (self);
      if (!cm_clause_list_move (self, g_str_equal (where, "page-up") ? -page : page))
        cm_clause_list_select_position (self, g_str_equal (where, "page-up") ? 0 : n - 1);
    }
  return TRUE;
}

guint
cm_clause_list_get_page_rows (CmClauseList *self)
{
  GtkWidget *row;
  int height, row_height = 0;

  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), 1);
  height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
  if (row)
    row_height = gtk_widget_get_height (row);
  return row_height > 0 && height > row_height ? (guint) MAX (1, height / row_height - 1) : 10;
}

static void
add_jump_keys (CmClauseList *self)
{
  static const struct { guint key; const char *where; } keys[] = {
    { GDK_KEY_Home, "first" }, { GDK_KEY_KP_Home, "first" },
    { GDK_KEY_End, "last" }, { GDK_KEY_KP_End, "last" },
    { GDK_KEY_Page_Up, "page-up" }, { GDK_KEY_KP_Page_Up, "page-up" },
    { GDK_KEY_Page_Down, "page-down" }, { GDK_KEY_KP_Page_Down, "page-down" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                gtk_callback_action_new (on_jump, self, NULL));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].where));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

void
cm_clause_list_start_search (CmClauseList *self)
{
  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
cm_clause_list_get_search_mode (CmClauseList *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE_LIST (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
cm_clause_list_set_search_mode (CmClauseList *self,
                                gboolean      search_mode)
{
  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- document ----------------------------------------------------------- */

static void
fill_label_dropdown (CmClauseList *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  self->label_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _("Any label"));
  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      gtk_string_list_append (names, cm_label_get_name (label, cm_ui_language ()));
      g_ptr_array_add (self->label_ids, g_strdup (label->id));
    }
  g_signal_handlers_block_by_func (self->label_dropdown, on_filter_changed, self);
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->label_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->label_dropdown, on_filter_changed, self);
}

void
cm_clause_list_set_document (CmClauseList *self,
                             CmDocument   *document,
                             CmTaxonomy   *taxonomy)
{
  g_return_if_fail (CM_IS_CLAUSE_LIST (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  if (self->clauses)
    g_signal_handlers_disconnect_by_func (self->clauses, on_items_changed, self);
  g_clear_object (&self->clauses);
  if (document)
    self->clauses = g_object_ref (cm_document_get_clauses (document));
  /* splits and merges change the total, even of clauses the filters hide */
  if (self->clauses)
    g_signal_connect_swapped (self->clauses, "items-changed", G_CALLBACK (on_items_changed), self);
  if (taxonomy != self->taxonomy)
    {
      g_set_object (&self->taxonomy, taxonomy);
      fill_label_dropdown (self);
    }
  read_filters_from_widgets (self);
  gtk_filter_list_model_set_model (self->filter_model,
                                   document ? cm_document_get_clauses (document) : NULL);
  update_count (self);
  if (cm_clause_list_get_n_shown (self) > 0)
    cm_clause_list_select_position (self, 0);
}

static void
cm_clause_list_dispose (GObject *object)
{
  CmClauseList *self = CM_CLAUSE_LIST (object);

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_CLAUSE_LIST);
  /* The template's unnamed root box is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  if (self->clauses)
    g_signal_handlers_disconnect_by_func (self->clauses, on_items_changed, self);
  g_clear_object (&self->clauses);
  g_clear_object (&self->document);
  g_clear_object (&self->taxonomy);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->label_filter, g_free);
  g_clear_pointer (&self->blind_annotator, g_free);
  G_OBJECT_CLASS (cm_clause_list_parent_class)->dispose (object);
}

/* Focusing the list focuses its rows (the selected one): a plain GtkWidget
 * would keep the focus where it was, and the list's keys would go elsewhere. */
static gboolean
cm_clause_list_grab_focus (GtkWidget *widget)
{
  CmClauseList *self = CM_CLAUSE_LIST (widget);

  return cm_list_focus_selected (self->list_view, self->selection);
}

static void
cm_clause_list_class_init (CmClauseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_clause_list_dispose;
  widget_class->grab_focus = cm_clause_list_grab_focus;

  signals[CLAUSE_SELECTED] =
    g_signal_new ("clause-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CM_TYPE_CLAUSE);
  signals[CLAUSE_ACTIVATED] =
    g_signal_new ("clause-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CM_TYPE_CLAUSE);

  g_type_ensure (CM_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-clause-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, confidence_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, flag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, count_label);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CmClauseList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clauselist");
}

static void
cm_clause_list_init (CmClauseList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status_filter = -1;
  self->below_confidence = 2.0;
  self->flag_filter = -1;
  self->filter = gtk_custom_filter_new (clause_matches, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);

  factory = cm_clause_list_row_factory_new (self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (on_items_changed), self);
  fill_confidence_dropdown (self);
  add_jump_keys (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clauses"), -1);
  fill_label_dropdown (self);
}
