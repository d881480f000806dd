/* cm-widget-task.c — a GTask for a widget's work in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-widget-task"

#include "config.h"

#include "cm-widget-task.h"

/* g_task_new (widget, …) makes the widget the task's source object, which
 * has two costs. The worker thread drops its reference to the task last
 * whenever the work outlives the callback (a load cancelled with
 * return-on-cancel, or a thread slower to let go than the main loop is to
 * call back), and a widget closed meanwhile was then finalized in the
 * worker, off GTK's one thread. And a window closed while its work ran
 * stayed alive, destroyed but not disposed, until the work ended: its
 * cancellable was never cancelled, and the callback then worked on a window
 * that had left its application. Here the task has no source object and
 * holds the widget weakly: closing the widget finalizes it at once (its
 * dispose cancels the work), and the callback, always on the main context,
 * is called only while the widget lives. */
typedef struct
{
  GWeakRef            widget;
  GAsyncReadyCallback callback;
  gpointer            callback_data;
  GDestroyNotify      callback_data_destroy;
} WidgetTaskClosure;

static void
widget_task_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WidgetTaskClosure *closure = user_data;
  g_autoptr(GObject) widget = g_weak_ref_get (&closure->widget);

  if (widget != NULL)
    closure->callback (widget, result, closure->callback_data);
  else if (closure->callback_data_destroy != NULL)
    closure->callback_data_destroy (closure->callback_data);
  g_weak_ref_clear (&closure->widget);
  g_free (closure);
}

/**
 * cm_widget_task_new:
 * @widget: the widget the work is for (a #GtkWidget or another object of
 *   the main thread)
 * @cancellable: (nullable): cancels the work; @widget's dispose should
 *   cancel it
 * @callback: called on the main context with @widget as its source object,
 *   if @widget still lives; it then owns @callback_data
 * @callback_data: passed to @callback
 * @callback_data_destroy: (nullable): frees @callback_data when @widget is
 *   gone and @callback is not called
 *
 * Like g_task_new (@widget, …), but the task does not keep @widget alive
 * and never lets it go in the worker thread. The thread function gets
 * %NULL as its source object: what it needs goes in the task data, read
 * off the widget before the work starts.
 */
GTask *
cm_widget_task_new (gpointer             widget,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data,
                    GDestroyNotify       callback_data_destroy)
{
  WidgetTaskClosure *closure;

  g_return_val_if_fail (G_IS_OBJECT (widget), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  closure = g_new0 (WidgetTaskClosure, 1);
  g_weak_ref_init (&closure->widget, widget);
  closure->callback = callback;
  closure->callback_data = callback_data;
  closure->callback_data_destroy = callback_data_destroy;
  return g_task_new (NULL, cancellable, widget_task_ready, closure);
}
