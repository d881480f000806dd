/* cm-curator-view.c — adjudication of the annotators' disagreements
 *
 * One CmCuratorItem per clause of the document, in a GListStore (so an
 * item's position is its clause's), behind a filter model (labelable
 * clauses with annotations, then the curator's filters) and a single
 * selection. An edit replaces the items of the clauses it touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-curator-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-clause-list.h"
#include "cm-curator-item.h"
#include "cm-curator-view-private.h"
#include "cm-label-style.h"

#define EXCERPT_CHARS   160


enum
{
  ADJUDICATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmCuratorView, cm_curator_view, GTK_TYPE_WIDGET)

/* ---- the model and its filters ------------------------------------------ */

static gboolean
item_shown (gpointer object,
            gpointer user_data)
{
  CmCuratorView *self = user_data;
  CmCuratorItem *item = object;
  CmClause *clause = cm_curator_item_get_clause (item);

  if (!cm_clause_is_labelable (clause) || cm_clause_get_n_annotations (clause) == 0)
    return FALSE;
  if (self->disagreements_only && !cm_curator_item_get_disagrees (item))
    return FALSE;
  if (self->filter_label && !cm_curator_item_uses_label (item, self->filter_label))
    return FALSE;
  if (self->filter_annotator && cm_clause_lookup_annotation (clause, self->filter_annotator) == NULL)
    return FALSE;
  return TRUE;
}

static void
fill_items (CmCuratorView *self,
            GPtrArray     *items,
            guint          position,
            guint          n)
{
  for (guint i = position; i < position + n; i++)
    g_ptr_array_add (items, cm_curator_item_new (cm_document_get_clause (self->document, i), i));
}

static void
update_count (CmCuratorView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint adjudicated, total;
  g_autofree char *text = NULL;

  cm_curator_view_get_progress (self, &adjudicated, &total);
  /* Translators: curator list footer: clauses shown, disagreements in the document, settled */
  text = g_strdup_printf (_("%u shown · %u disagreements, %u adjudicated"), shown, total, adjudicated);
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  if (self->annotators == NULL || self->annotators[0] == NULL)
    {
      gtk_label_set_text (self->empty_title, _("No annotators’ labels here"));
      gtk_label_set_text (self->empty_detail, _("Open the copies of the same documents that several annotators labelled, all together: Clausemark joins them, and their differences show here."));
    }
  else if (total == 0 && self->disagreements_only)
    {
      gtk_label_set_text (self->empty_title, _("The annotators agree"));
      gtk_label_set_text (self->empty_detail, _("Every clause got the same labels from everyone who labelled it: nothing to adjudicate in this document."));
    }
  else
    {
      gtk_label_set_text (self->empty_title, _("No clause matches the filters"));
      gtk_label_set_text (self->empty_detail, _("Choose another label or annotator, or show the clauses where annotators agree too."));
    }
}

static void
apply_filters (CmCuratorView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  cm_curator_view_update_detail (self);
}

static void
fill_filter_choices (CmCuratorView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) annotators = gtk_string_list_new (NULL);

  self->syncing_filters = TRUE;
  g_ptr_array_set_size (self->label_ids, 0);
  gtk_string_list_append (labels, _("Any label"));
  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      gtk_string_list_append (labels, cm_label_display_name (self->taxonomy, label->id));
      g_ptr_array_add (self->label_ids, g_strdup (label->id));
    }
  gtk_drop_down_set_model (self->label_filter, G_LIST_MODEL (labels));

  gtk_string_list_append (annotators, _("Any annotator"));
  for (guint i = 0; self->annotators && self->annotators[i]; i++)
    {
      /* Translators: an annotator in the filter: their key number and name */
      g_autofree char *choice = g_strdup_printf (_("%u · %s"), i + 1, self->annotators[i]);
      gtk_string_list_append (annotators, choice);
    }
  gtk_drop_down_set_model (self->annotator_filter, G_LIST_MODEL (annotators));

  g_clear_pointer (&self->filter_label, g_free);
  g_clear_pointer (&self->filter_annotator, g_free);
  self->syncing_filters = FALSE;
}

static void
on_filter_changed (CmCuratorView *self)
{
  guint label = gtk_drop_down_get_selected (self->label_filter);
  guint annotator = gtk_drop_down_get_selected (self->annotator_filter);

  if (self->syncing_filters)
    return;
  g_free (self->filter_label);
  self->filter_label = label != GTK_INVALID_LIST_POSITION && label > 0 && label <= self->label_ids->len
                       ? g_strdup (g_ptr_array_index (self->label_ids, label - 1)) : NULL;
  g_free (self->filter_annotator);
  self->filter_annotator = annotator != GTK_INVALID_LIST_POSITION && annotator > 0
                           && annotator <= g_strv_length (self->annotators)
                           ? g_strdup (self->annotators[annotator - 1]) : NULL;
  self->disagreements_only = gtk_check_button_get_active (self->disagreements_check);
  apply_filters (self);
}

/* ---- rows --------------------------------------------------------------- */

typedef struct
{
  GtkLabel *number;
  GtkLabel *excerpt;
  GtkImage *boundaries;
  GtkImage *state;
  GtkBox   *answers;
} RowWidgets;

static void
on_setup_row (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CmCuratorView            *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->number = cm_clause_row_number_new ();
  w->excerpt = cm_clause_row_excerpt_new ();
  w->boundaries = GTK_IMAGE (gtk_image_new_from_icon_name ("edit-cut-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->boundaries), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Boundaries differ"), -1);
  w->state = GTK_IMAGE (gtk_image_new ());
  w->answers = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_widget_set_margin_start (GTK_WIDGET (w->answers), 40);

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (w->number));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (w->excerpt));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (w->boundaries));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (w->state));
  gtk_box_append (GTK_BOX (row), top);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->answers));
  gtk_widget_add_css_class (row, "curator-row");
  g_object_set_data_full (G_OBJECT (list_item), "row-widgets", w, g_free);
  gtk_list_item_set_child (list_item, row);
}

/* One line per annotator who answered: initials, then their labels. */
static GtkWidget *
answer_line_new (CmCuratorView *self,
                 CmAnnotation  *annotation)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (line), cm_curator_view_badge_new (self, cm_annotation_get_annotator (annotation)));
  gtk_box_append (GTK_BOX (line), cm_curator_view_chips_new (self, cm_annotation_get_labels (annotation)));
  if (cm_annotation_get_span (annotation, NULL, NULL))
    {
      GtkWidget *mark = gtk_label_new (_("(other boundaries)"));
      gtk_widget_add_css_class (mark, "caption");
      gtk_widget_add_css_class (mark, "boundary-note");
      gtk_box_append (GTK_BOX (line), mark);
    }
  return line;
}

static void
on_bind_row (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CmCuratorView            *self)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (list_item), "row-widgets");
  CmCuratorItem *item = gtk_list_item_get_item (list_item);
  CmClause *clause = cm_curator_item_get_clause (item);
  g_autofree char *number = g_strdup_printf ("%u", cm_curator_item_get_position (item) + 1);
  g_autofree char *text = cm_document_dup_excerpt (self->document, cm_clause_get_start (clause), cm_clause_get_end (clause), EXCERPT_CHARS);
  gboolean adjudicated = cm_curator_item_get_adjudicated (item);

  gtk_label_set_text (w->number, number);
  gtk_label_set_text (w->excerpt, text);
  gtk_widget_set_visible (GTK_WIDGET (w->boundaries), cm_curator_item_get_boundaries_differ (item));
  gtk_image_set_from_icon_name (w->state, adjudicated ? "object-select-symbolic"
                                          : cm_curator_item_get_disagrees (item) ? "dialog-question-symbolic" : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adjudicated ? _("Adjudicated") : _("To adjudicate"), -1);
  cm_curator_view_remove_children (GTK_WIDGET (w->answers));
  for (guint i = 0; i < cm_clause_get_n_annotations (clause); i++)
    gtk_box_append (w->answers, answer_line_new (self, cm_clause_get_annotation (clause, i)));
}

/* ---- the selected clause ---------------------------------------------- */

static CmCuratorItem *
selected_item (CmCuratorView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
on_selection_changed (CmCuratorView *self)
{
  cm_curator_view_update_detail (self);
}

/* ---- actions ------------------------------------------------------------ */

/* On to the next clause still to settle after the shown row @from
 * (wrapping; -1 starts at the first row). */
static void
select_next_to_adjudicate (CmCuratorView *self,
                           gint64         from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint step = 1; step <= n; step++)
    {
      guint i = (guint) ((from + step) % n);
      g_autoptr(CmCuratorItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (cm_curator_item_get_disagrees (item) && !cm_curator_item_get_adjudicated (item))
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
adjudicate (CmCuratorView      *self,
            const char * const *labels,
            const char         *description)
{
  CmCuratorItem *item = selected_item (self);
  g_autoptr(CmClause) clause = item ? g_object_ref (cm_curator_item_get_clause (item)) : NULL;
  guint shown_position = gtk_single_selection_get_selected (self->selection);

  if (clause == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  g_signal_emit (self, signals[ADJUDICATE], 0, clause, labels, description);
  select_next_to_adjudicate (self, shown_position);
}

static void
take_majority_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CmCuratorView *self = CM_CURATOR_VIEW (widget);
  CmCuratorItem *item = selected_item (self);

  if (item == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  adjudicate (self, cm_curator_item_get_majority (item), _("Take the majority"));
}

static void
take_annotator_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CmCuratorView *self = CM_CURATOR_VIEW (widget);
  CmCuratorItem *item = selected_item (self);
  guint number = g_variant_get_uint32 (param);
  CmAnnotation *annotation = NULL;
  g_autofree char *description = NULL;

  if (item && number >= 1 && number <= g_strv_length (self->annotators))
    annotation = cm_clause_lookup_annotation (cm_curator_item_get_clause (item), self->annotators[number - 1]);
  /* That annotator did not label this clause: nothing to take. */
  if (annotation == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* Translators: an undoable edit; %s is an annotator's name */
  description = g_strdup_printf (_("Take the labels of %s"), cm_annotation_get_annotator (annotation));
  adjudicate (self, cm_annotation_get_labels (annotation), description);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmCuratorView *self = CM_CURATOR_VIEW (widget);

  if (self->toggles->len == 0 || selected_item (self) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gtk_widget_grab_focus (g_ptr_array_index (self->toggles, 0));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmCuratorView *self = CM_CURATOR_VIEW (widget);

  if (!cm_curator_view_move (self, g_str_equal (action_name, "curator.previous") ? -1 : 1))
    gtk_widget_error_bell (widget);
}

static void
on_list_activate (CmCuratorView *self,
                  guint          position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "curator.take-majority", NULL);
}

/* ---- public API --------------------------------------------------------- */

GtkWidget *
cm_curator_view_new (void)
{
  return g_object_new (CM_TYPE_CURATOR_VIEW, NULL);
}

static void
reload_annotators (CmCuratorView *self)
{
  g_auto(GStrv) annotators = self->document ? cm_document_dup_annotators (self->document) : NULL;

  if (self->annotators && annotators && g_strv_equal ((const char * const *) self->annotators,
                                                      (const char * const *) annotators))
    return;
  g_strfreev (self->annotators);
  self->annotators = g_steal_pointer (&annotators);
  fill_filter_choices (self);
}

void
cm_curator_view_set_document (CmCuratorView *self,
                              CmDocument    *document,
                              CmTaxonomy    *taxonomy)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CM_IS_CURATOR_VIEW (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  if (g_set_object (&self->taxonomy, taxonomy))
    cm_curator_view_build_label_toggles (self);
  g_clear_pointer (&self->annotators, g_strfreev);
  reload_annotators (self);
  if (self->annotators == NULL)
    fill_filter_choices (self);
  gtk_check_button_set_active (self->disagreements_check, TRUE);
  self->disagreements_only = TRUE;

  if (document)
    fill_items (self, items, 0, cm_document_get_n_clauses (document));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  apply_filters (self);
  select_next_to_adjudicate (self, -1);
}

void
cm_curator_view_refresh (CmCuratorView *self,
                         guint          position,
                         guint          n_clauses)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CmClause) selected = NULL;
  guint n_document, n_items;

  g_return_if_fail (CM_IS_CURATOR_VIEW (self));
  if (self->document == NULL)
    return;

  selected = cm_curator_view_get_selected (self) ? g_object_ref (cm_curator_view_get_selected (self)) : NULL;
  n_document = cm_document_get_n_clauses (self->document);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  if (n_items != n_document || position >= n_document)
    {
      /* A split or merge moved every later clause: all items anew. */
      fill_items (self, items, 0, n_document);
      g_list_store_splice (self->items, 0, n_items, items->pdata, items->len);
    }
  else
    {
      n_clauses = MIN (n_clauses, n_document - position);
      fill_items (self, items, position, n_clauses);
      g_list_store_splice (self->items, position, n_clauses, items->pdata, items->len);
    }
  reload_annotators (self);
  update_count (self);
  /* The edited clause stays selected (its item was replaced). */
  if (selected)
    {
      CmClause *now = cm_document_lookup_clause (self->document, cm_clause_get_id (selected), NULL);
      if (now)
        cm_curator_view_select_clause (self, now);
    }
  cm_curator_view_update_detail (self);
}

CmClause *
cm_curator_view_get_selected (CmCuratorView *self)
{
  CmCuratorItem *item;

  g_return_val_if_fail (CM_IS_CURATOR_VIEW (self), NULL);
  item = selected_item (self);
  return item ? cm_curator_item_get_clause (item) : NULL;
}

gboolean
cm_curator_view_select_clause (CmCuratorView *self,
                               CmClause      *clause)
{
  guint n;

  g_return_val_if_fail (CM_IS_CURATOR_VIEW (self), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmCuratorItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (cm_curator_item_get_clause (item) == clause)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
cm_curator_view_move (CmCuratorView *self,
                      int            delta)
{
  guint n, position;
  gint64 target;

  g_return_val_if_fail (CM_IS_CURATOR_VIEW (self), FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  position = gtk_single_selection_get_selected (self->selection);
  if (n == 0 || position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  target = (gint64) position + delta;
  if (target < 0 || target >= n)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, (guint) target);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) target);
  return TRUE;
}

void
cm_curator_view_set_filter (CmCuratorView *self,
                            const char    *label,
                            const char    *annotator,
                            gboolean       disagreements_only)
{
  guint label_choice = 0, annotator_choice = 0;

  g_return_if_fail (CM_IS_CURATOR_VIEW (self));
  for (guint i = 0; label && i < self->label_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->label_ids, i), label))
      label_choice = i + 1;
  annotator_choice = annotator ? cm_curator_view_annotator_number (self, annotator) : 0;
  self->syncing_filters = TRUE;
  gtk_drop_down_set_selected (self->label_filter, label_choice);
  gtk_drop_down_set_selected (self->annotator_filter, annotator_choice);
  gtk_check_button_set_active (self->disagreements_check, disagreements_only);
  self->syncing_filters = FALSE;
  on_filter_changed (self);
}

guint
cm_curator_view_get_n_shown (CmCuratorView *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
cm_curator_view_get_progress (CmCuratorView *self,
                              guint         *adjudicated,
                              guint         *total)
{
  guint n;

  g_return_if_fail (CM_IS_CURATOR_VIEW (self));
  *adjudicated = *total = 0;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmCuratorItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      CmClause *clause = cm_curator_item_get_clause (item);

      if (!cm_clause_is_labelable (clause) || !cm_curator_item_get_disagrees (item))
        continue;
      (*total)++;
      *adjudicated += cm_curator_item_get_adjudicated (item);
    }
}

const char * const *
cm_curator_view_get_annotators (CmCuratorView *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_VIEW (self), NULL);
  return (const char * const *) self->annotators;
}

/* ---- GObject ------------------------------------------------------------ */

/* The keys act from the list (not from a filter's drop-down). */
static gboolean
cm_curator_view_grab_focus (GtkWidget *widget)
{
  CmCuratorView *self = CM_CURATOR_VIEW (widget);

  if (gtk_stack_get_visible_child_name (self->list_stack)
      && g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "list"))
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return GTK_WIDGET_CLASS (cm_curator_view_parent_class)->grab_focus (widget);
}

static void
cm_curator_view_dispose (GObject *object)
{
  CmCuratorView *self = CM_CURATOR_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_CURATOR_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->taxonomy);
  G_OBJECT_CLASS (cm_curator_view_parent_class)->dispose (object);
}

static void
cm_curator_view_finalize (GObject *object)
{
  CmCuratorView *self = CM_CURATOR_VIEW (object);

  g_strfreev (self->annotators);
  g_ptr_array_unref (self->label_ids);
  g_ptr_array_unref (self->toggles);
  g_free (self->filter_label);
  g_free (self->filter_annotator);
  G_OBJECT_CLASS (cm_curator_view_parent_class)->finalize (object);
}

static void
add_key (GtkWidgetClass *widget_class,
         guint           keyval,
         const char     *action,
         guint           number)
{
  if (number)
    gtk_widget_class_add_binding_action (widget_class, keyval, 0, action, "u", number);
  else
    gtk_widget_class_add_binding_action (widget_class, keyval, 0, action, NULL);
}

static void
cm_curator_view_class_init (CmCuratorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_curator_view_dispose;
  object_class->finalize = cm_curator_view_finalize;
  widget_class->grab_focus = cm_curator_view_grab_focus;

  /* (clause, labels, description): the curator settled @clause with
   * @labels; @description names the undoable edit. */
  signals[ADJUDICATE] = g_signal_new ("adjudicate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                      CM_TYPE_CLAUSE, G_TYPE_STRV, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-curator-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, paned);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, label_filter);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, annotator_filter);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, disagreements_check);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, empty_title);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, empty_detail);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, text_label);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, boundaries_label);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, annotators_box);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, majority_box);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, labels_box);
  gtk_widget_class_bind_template_child (widget_class, CmCuratorView, decision_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "curator.take-majority", NULL, take_majority_action);
  gtk_widget_class_install_action (widget_class, "curator.take-annotator", "u", take_annotator_action);
  gtk_widget_class_install_action (widget_class, "curator.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "curator.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "curator.previous", NULL, move_action);

  add_key (widget_class, GDK_KEY_Return, "curator.take-majority", 0);
  add_key (widget_class, GDK_KEY_KP_Enter, "curator.take-majority", 0);
  for (guint n = 1; n <= 9; n++)
    {
      add_key (widget_class, GDK_KEY_1 + n - 1, "curator.take-annotator", n);
      add_key (widget_class, GDK_KEY_KP_1 + n - 1, "curator.take-annotator", n);
    }
  add_key (widget_class, GDK_KEY_e, "curator.edit", 0);
  add_key (widget_class, GDK_KEY_j, "curator.next", 0);
  add_key (widget_class, GDK_KEY_k, "curator.previous", 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "curatorview");
}

static void
cm_curator_view_init (CmCuratorView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->label_ids = g_ptr_array_new_with_free_func (g_free);
  self->toggles = g_ptr_array_new ();
  self->disagreements_only = TRUE;

  self->items = g_list_store_new (CM_TYPE_CURATOR_ITEM);
  self->filter = gtk_custom_filter_new (item_shown, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->items), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  fill_filter_choices (self);
  update_count (self);
  cm_curator_view_update_detail (self);
}
