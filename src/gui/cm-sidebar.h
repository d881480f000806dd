/* cm-sidebar.h — the documents open in the window (a corpus's, or the files
 * opened together) with their review progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cm-doc-entry.h"

G_BEGIN_DECLS

#define CM_TYPE_SIDEBAR (cm_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (CmSidebar, cm_sidebar, CM, SIDEBAR, GtkWidget)

/* @entries: a GListModel of CmDocEntry. */
void cm_sidebar_set_entries (CmSidebar  *self,
                             GListModel *entries);
/* Highlights the entry shown in the window. */
void cm_sidebar_set_current (CmSidebar  *self,
                             CmDocEntry *entry);

/* Who is working: the annotator's name (NULL: not given yet) and whether
 * they adjudicate as curator. */
void        cm_sidebar_set_identity              (CmSidebar  *self,
                                                  const char *name,
                                                  gboolean    curator);
const char *cm_sidebar_get_identity              (CmSidebar  *self);
/* The curator's progress over the shown document's disagreements. */
void        cm_sidebar_set_adjudication_progress (CmSidebar  *self,
                                                  guint       adjudicated,
                                                  guint       total,
                                                  gboolean    shown);
/* The progress text when shown, else NULL. */
const char *cm_sidebar_get_adjudication_text     (CmSidebar  *self);

G_END_DECLS
