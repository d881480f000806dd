/* cm-widget-task.h — a GTask for a widget's work in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GTask *cm_widget_task_new (gpointer             widget,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             callback_data,
                           GDestroyNotify       callback_data_destroy);

G_END_DECLS
