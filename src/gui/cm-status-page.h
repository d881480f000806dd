/* cm-status-page.h — an empty state: icon, title, description and an
 * optional action, centred (GTK 4.8 has no AdwStatusPage)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_STATUS_PAGE (cm_status_page_get_type ())

G_DECLARE_FINAL_TYPE (CmStatusPage, cm_status_page, CM, STATUS_PAGE, GtkWidget)

GtkWidget  *cm_status_page_new             (void);
void        cm_status_page_set_icon_name   (CmStatusPage *self,
                                            const char   *icon_name);
void        cm_status_page_set_title       (CmStatusPage *self,
                                            const char   *title);
const char *cm_status_page_get_title       (CmStatusPage *self);
void        cm_status_page_set_description (CmStatusPage *self,
                                            const char   *description);
/* A widget (typically a pill button) under the description, or NULL. */
void        cm_status_page_set_child       (CmStatusPage *self,
                                            GtkWidget    *child);

G_END_DECLS
