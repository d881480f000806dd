/* cm-chart-view.h — a chart of the corpus (cm-chart.h) drawn natively
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-chart.h"

G_BEGIN_DECLS

#define CM_TYPE_CHART_VIEW (cm_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (CmChartView, cm_chart_view, CM, CHART_VIEW, GtkWidget)

GtkWidget *cm_chart_view_new       (CmChart     *chart);
CmChart   *cm_chart_view_get_chart (CmChartView *self);

G_END_DECLS
