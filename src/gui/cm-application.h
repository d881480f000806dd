/* cm-application.h — the review desk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_APPLICATION (cm_application_get_type ())

G_DECLARE_FINAL_TYPE (CmApplication, cm_application, CM, APPLICATION, GtkApplication)

CmApplication *cm_application_new             (void);
/* The app's settings; NULL when the schema is not installed (then every
 * setting keeps its default). */
GSettings     *cm_application_get_settings    (CmApplication *self);
/* Adds a path to the front of the recent files. */
void           cm_application_add_recent      (CmApplication *self,
                                               const char    *path);
/* The translations: the build tree's when running uninstalled. */
const char    *cm_application_get_locale_dir  (void);
/* The annotator's name as the user gave it (the "reviewer-name" setting),
 * or NULL while it has never been given: it is asked for, not guessed. */
char          *cm_application_dup_annotator   (CmApplication *self);
void           cm_application_set_annotator   (CmApplication *self,
                                               const char    *name);
/* The granularity new documents are segmented at. */
const char    *cm_application_get_granularity (CmApplication *self);
/* Applies the "style" setting (system, light or dark). */
void           cm_application_apply_style     (CmApplication *self);

G_END_DECLS
