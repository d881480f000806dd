/* cm-preferences-window.h — reviewer name, granularity, style, autosave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_PREFERENCES_WINDOW (cm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CmPreferencesWindow, cm_preferences_window, CM, PREFERENCES_WINDOW, GtkWindow)

/* @settings may be NULL (no schema installed): the controls are then off. */
CmPreferencesWindow *cm_preferences_window_new (GSettings *settings);

G_END_DECLS
