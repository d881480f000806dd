/* cm-flag-bar.h — the selected clause's flags (key, risk, sensitive) as
 * toggles with their keys and scores, for the inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

#define CM_TYPE_FLAG_BAR (cm_flag_bar_get_type ())

G_DECLARE_FINAL_TYPE (CmFlagBar, cm_flag_bar, CM, FLAG_BAR, GtkWidget)

GtkWidget *cm_flag_bar_new        (void);
/* Follows @clause's flags (NULL: nothing to flag). Each toggle activates
 * "win.toggle-flag" with the flag's id. */
void       cm_flag_bar_set_clause (CmFlagBar *self,
                                   CmClause  *clause);

/* Appends a small marker chip per flag of @flags to @box (the clause
 * list's rows). */
void       cm_flag_chips_append   (GtkBox    *box,
                                   CmFlags    flags);

G_END_DECLS
