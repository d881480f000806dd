/* cm-pair-view-navigation.c — moving between the differences of a pair
 *
 * F8 and Shift+F8 (pair.next-difference, pair.previous-difference) select
 * the next or previous difference not yet marked reviewed, wrapping around;
 * a run of missing clauses is one stop, at its first row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-view"

#include "config.h"

#include "cm-pair-row.h"
#include "cm-pair-view-private.h"

static gboolean
row_is_open_difference (CmPairView *self,
                        guint       position)
{
  g_autoptr(CmPairRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  return cm_pair_row_get_difference (row) != NULL && !cm_pair_row_get_reviewed (row);
}

/* Where a difference starts: its own row, or the first row of a run of
 * missing clauses (navigation stops there only). */
static gboolean
row_starts_difference (CmPairView *self,
                       guint       position)
{
  g_autoptr(CmPairRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  const CmDifference *difference = cm_pair_row_get_difference (row);

  return difference != NULL && difference->link_index == position;
}

static void
step_difference (CmPairView *self,
                 int         direction)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  int start = cm_pair_view_first_selected (self);

  if (n == 0)
    return;
  for (guint step = 1; step <= n; step++)
    {
      int position = start < 0 ? (direction > 0 ? (int) step - 1 : (int) (n - step))
                               : (int) ((start + direction * (int) step + 2 * (int) n) % (int) n);
      if (row_is_open_difference (self, (guint) position)
          && row_starts_difference (self, (guint) position))
        {
          cm_pair_view_select_link (self, (guint) position);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
next_difference (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_difference (CM_PAIR_VIEW (widget), 1);
}

static void
previous_difference (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_difference (CM_PAIR_VIEW (widget), -1);
}

/* F8 is GtkPaned's key for moving between its panes: the view takes it
 * first (capture phase), wherever the focus is inside it. */
static void
add_difference_keys (CmPairView *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F8, 0),
                                                          gtk_named_action_new ("pair.next-difference")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F8, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("pair.previous-difference")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

guint
cm_pair_view_get_n_open_differences (CmPairView *self)
{
  guint n = 0;

  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), 0);

  for (guint i = 0; i < cm_pair_view_get_n_rows (self); i++)
    if (row_is_open_difference (self, i) && row_starts_difference (self, i))
      n++;
  return n;
}

void
cm_pair_view_class_init_navigation (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pair.next-difference", NULL, next_difference);
  gtk_widget_class_install_action (widget_class, "pair.previous-difference", NULL, previous_difference);
}

void
cm_pair_view_init_navigation (CmPairView *self)
{
  add_difference_keys (self);
}
