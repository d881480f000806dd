/* cm-window.h — the review desk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-application.h"
#include "cm-retrain-dialog.h"

G_BEGIN_DECLS

#define CM_TYPE_WINDOW (cm_window_get_type ())

G_DECLARE_FINAL_TYPE (CmWindow, cm_window, CM, WINDOW, GtkApplicationWindow)

CmWindow   *cm_window_new                  (CmApplication *application);
/* Opens policy files, Clausemark documents or corpus folders; the first
 * one opened is shown once loaded (in the background). */
void        cm_window_open_files           (CmWindow      *self,
                                            GFile        **files,
                                            guint          n_files);
/* Selects clause @number (1-based, as the list numbers them), showing
 * every clause if the filters hide it. FALSE when there is no such clause. */
gboolean    cm_window_go_to_clause         (CmWindow      *self,
                                            guint          number);
void        cm_window_open_path            (CmWindow      *self,
                                            const char    *path);
/* The document shown, or NULL. */
CmDocument *cm_window_get_document         (CmWindow      *self);
CmClause   *cm_window_get_selected_clause  (CmWindow      *self);
/* TRUE while a document loads, copies are joined or the dashboard or a
 * report is being made. */
gboolean    cm_window_is_busy              (CmWindow      *self);
gboolean    cm_window_get_dirty            (CmWindow      *self);
/* The message of the error / question bar when shown, else NULL. */
const char *cm_window_get_error_message    (CmWindow      *self);
const char *cm_window_get_question_message (CmWindow      *self);
/* The toast shown (e.g. where a save wrote the file), or NULL. */
const char *cm_window_get_toast_message    (CmWindow      *self);
/* The "Retrain from this corpus" dialog, while shown. */
CmRetrainDialog *cm_window_get_retrain_dialog (CmWindow *self);
/* Where the shown document's suggestions come from (see the inspector). */
char       *cm_window_dup_model_status     (CmWindow      *self);
/* Where Save writes the shown document. */
const char *cm_window_get_save_path        (CmWindow      *self);

G_END_DECLS
