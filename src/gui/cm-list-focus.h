/* cm-list-focus.h — giving the keyboard focus to a list view's selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean cm_list_focus_selected (GtkListView        *list_view,
                                 GtkSingleSelection *selection);

G_END_DECLS
