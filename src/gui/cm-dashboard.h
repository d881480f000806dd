/* cm-dashboard.h — the open corpus at a glance: topics per document, the
 * checklist coverage, flag counts and review progress, each chart with its
 * PNG, SVG and CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-insight.h"

G_BEGIN_DECLS

#define CM_TYPE_DASHBOARD (cm_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (CmDashboard, cm_dashboard, CM, DASHBOARD, GtkWidget)

/* Shows @insight's charts (NULL: none). */
void       cm_dashboard_set_insight (CmDashboard *self,
                                     CmInsight   *insight);
CmInsight *cm_dashboard_get_insight (CmDashboard *self);
/* The line under the title, and a spinner while @busy. */
void       cm_dashboard_set_status  (CmDashboard *self,
                                     const char  *status,
                                     gboolean     busy);
/* Writes chart @chart_id as @format ("png", "svg" or "csv") to @path; the
 * "dashboard.export" action ("(sss)") does the same. */
gboolean   cm_dashboard_export      (CmDashboard *self,
                                     const char  *chart_id,
                                     const char  *format,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
