/* cm-list-focus.c — giving the keyboard focus to a list view's selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-list-focus"

#include "config.h"

#include "cm-list-focus.h"

/* A widget wrapping a list view would keep the focus where it was, and the
 * list's keys would go elsewhere: scroll to the selected row (GTK 4.8 has
 * no gtk_list_view_scroll_to) and focus the list, which focuses that row. */
gboolean
cm_list_focus_selected (GtkListView        *list_view,
                        GtkSingleSelection *selection)
{
  guint selected;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (list_view), FALSE);
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (selection), FALSE);

  selected = gtk_single_selection_get_selected (selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", selected);
  return gtk_widget_grab_focus (GTK_WIDGET (list_view));
}
