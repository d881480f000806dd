/* cm-test-window.h — driving a review desk window in display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cm-window-private.h"

G_BEGIN_DECLS

/* Before a display test program's tests: a fresh temporary directory
 * (*@tmpdir, removed at exit) whose state/ takes the recovery files (never
 * the user's), the light style, no automatic restore, GTK initialised;
 * returns the application, registered. */
CmApplication *cm_test_window_init (int    *argc,
                                    char ***argv,
                                    char  **tmpdir);

/* Runs the main loop until @done says so or @seconds pass. */
gboolean  cm_test_spin_until        (gboolean      (*done) (gpointer),
                                     gpointer        data,
                                     double          seconds);
/* A few main loop iterations, for redraws and idle callbacks. */
void      cm_test_spin_a_little     (void);
/* The window has finished loading (a document or an error is shown). */
gboolean  cm_test_window_loaded     (gpointer        window);
gboolean  cm_test_window_idle       (gpointer        window);
/* The window @window_pointer points to is finalized (the pointer was made
 * a weak pointer and is now NULL). */
gboolean  cm_test_window_gone       (gpointer        window_pointer);
/* A new window of @app showing @path, loaded. */
CmWindow *cm_test_open_window       (CmApplication  *app,
                                     const char     *path);
/* Closes @window as a crash would: no question about unsaved edits. */
void      cm_test_destroy_window    (CmWindow       *window);
/* Activates @action (asserting it exists and is enabled), then spins. */
void      cm_test_activate          (CmWindow       *window,
                                     const char     *action,
                                     GVariant       *param);

/* The message dialog open (a question), or NULL. */
GtkWidget *cm_test_find_message_dialog (void);

/* The first descendant of @widget (or itself) carrying CSS class @css_class. */
GtkWidget *cm_test_find_with_class     (GtkWidget     *widget,
                                        const char    *css_class);

G_END_DECLS
