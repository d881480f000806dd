/* cm-widget-task.c — a GTask for a widget's work in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-widget-task"

#include "config.h"

#include "cm-widget-task.h"

/* g_task_new (widget, …) would make the widget the task's source object,
 * and the worker thread drops its reference to the task last whenever the
 * work outlives the callback (a load cancelled with return-on-cancel, or a
 * thread slower to let go than the main loop is to call back). A widget
 * closed meanwhile was then finalized in the worker thread, off GTK's one
 * thread. Here the task has no source object: the widget rides with the
 * callback, which GTask always calls on the main context, and is let go
 * there. The callback still receives the widget as its source. */
typedef struct
{
  GObject             *widget;
  GAsyncReadyCallback  callback;
  gpointer             callback_data;
} WidgetTaskClosure;

static void
widget_task_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WidgetTaskClosure *closure = user_data;

  closure->callback (closure->widget, result, closure->callback_data);
  g_object_unref (closure->widget);
  g_free (closure);
}

/**
 * cm_widget_task_new:
 * @widget: the widget the work is for (a #GtkWidget or another main-thread object)
 * @cancellable: (nullable): cancels the work
 * @callback: called on the main context with @widget as its source object
 * @callback_data: passed to @callback
 *
 * Like g_task_new (@widget, …), but @widget is never unreferenced by the
 * worker thread. The thread function gets %NULL as its source object: what
 * it needs goes in the task data, read off the widget before it starts.
 */
GTask *
cm_widget_task_new (gpointer             widget,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data)
{
  WidgetTaskClosure *closure;

  g_return_val_if_fail (G_IS_OBJECT (widget), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  closure = g_new0 (WidgetTaskClosure, 1);
  closure->widget = g_object_ref (widget);
  closure->callback = callback;
  closure->callback_data = callback_data;
  return g_task_new (NULL, cancellable, widget_task_ready, closure);
}
