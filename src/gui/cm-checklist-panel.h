/* cm-checklist-panel.h — the disclosure checklist of the shown document:
 * each item's verdict and evidence, jumps to the evidence, overrides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_CHECKLIST_PANEL (cm_checklist_panel_get_type ())

G_DECLARE_FINAL_TYPE (CmChecklistPanel, cm_checklist_panel, CM, CHECKLIST_PANEL, GtkWidget)

/* Evaluates the bundled checklists for @document's language (NULL:
 * empties the panel); the same document again evaluates it again. */
void                cm_checklist_panel_set_document (CmChecklistPanel *self,
                                                     CmDocument       *document);
/* Evaluates again (after an edit or an undo), keeping the selected item. */
void                cm_checklist_panel_refresh      (CmChecklistPanel *self);
/* Every verdict shown and hidden, checklist by checklist (of
 * CmChecklistVerdict). */
GListModel         *cm_checklist_panel_get_verdicts (CmChecklistPanel *self);
CmChecklistVerdict *cm_checklist_panel_lookup       (CmChecklistPanel *self,
                                                     const char       *checklist,
                                                     const char       *item);
/* Selects the item and emits show-evidence with its next evidence clause
 * (the first, then the following one each time it is activated again);
 * FALSE when it has no evidence. */
gboolean            cm_checklist_panel_activate_item (CmChecklistPanel *self,
                                                      const char       *checklist,
                                                      const char       *item);
/* Shows absent and unclear items only. */
void                cm_checklist_panel_set_gaps_only (CmChecklistPanel *self,
                                                      gboolean          gaps_only);
/* The items the list shows (of CmChecklistVerdict). */
GListModel         *cm_checklist_panel_get_shown     (CmChecklistPanel *self);

G_END_DECLS
