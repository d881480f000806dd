/* cm-agreement-chart.h — agreement per label as horizontal bars, each with
 * its 95 % interval as a whisker, drawn natively (GtkSnapshot)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_AGREEMENT_CHART (cm_agreement_chart_get_type ())

G_DECLARE_FINAL_TYPE (CmAgreementChart, cm_agreement_chart, CM, AGREEMENT_CHART, GtkWidget)

/* One bar: a coefficient in [-1, 1] (kappa, alpha) and its interval;
 * NAN for a value or a bound that could not be computed (a label nobody
 * used has no kappa: it is drawn as an empty row saying so). */
typedef struct
{
  const char *name;    /* shown at the left, in the UI language */
  const char *color;   /* CSS colour of the bar, or NULL for the theme's */
  double      value;
  double      low;
  double      high;
  guint       n_items; /* the units the figure rests on */
} CmChartBar;

GtkWidget *cm_agreement_chart_new      (void);
/* Copies @bars. */
void       cm_agreement_chart_set_bars (CmAgreementChart *self,
                                        const CmChartBar *bars,
                                        guint             n_bars);
guint      cm_agreement_chart_get_n_bars (CmAgreementChart *self);
/* What is measured, e.g. "Krippendorff’s α": in tooltips and the axis. */
void       cm_agreement_chart_set_measure (CmAgreementChart *self,
                                           const char       *measure);
const char *cm_agreement_chart_get_measure (CmAgreementChart *self);

G_END_DECLS
