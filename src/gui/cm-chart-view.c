/* cm-chart-view.c — a chart of the corpus drawn natively
 *
 * The chart draws itself with cairo (the same code writes its PNG, its SVG
 * and the report's pages), here into the snapshot's cairo node. Its height
 * follows the width it is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-chart-view"

#include "config.h"

#include <math.h>

#include "cm-chart-view.h"

/* Narrower than this, bar labels and legends no longer fit. */
#define MIN_WIDTH 360

struct _CmChartView
{
  GtkWidget  parent_instance;
  CmChart   *chart;
};

enum
{
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmChartView, cm_chart_view, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
cm_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cm_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CmChartView *self = CM_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = 2 * MIN_WIDTH;
      return;
    }
  *minimum = *natural = self->chart
    ? (int) ceil (cm_chart_measure (self->chart, for_size > 0 ? for_size : 2 * MIN_WIDTH))
    : 0;
}

static void
cm_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CmChartView *self = CM_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  /* The chart's colours are chosen for paper: it keeps a white page in a
   * dark theme too, as in its PNG and the report. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cm_chart_draw (self->chart, cr, width);
  cairo_destroy (cr);
}

static void
cm_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmChartView *self = CM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CmChartView *self = CM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_set_object (&self->chart, g_value_get_object (value));
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_chart_view_dispose (GObject *object)
{
  CmChartView *self = CM_CHART_VIEW (object);

  g_clear_object (&self->chart);
  G_OBJECT_CLASS (cm_chart_view_parent_class)->dispose (object);
}

static void
cm_chart_view_class_init (CmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_chart_view_dispose;
  object_class->get_property = cm_chart_view_get_property;
  object_class->set_property = cm_chart_view_set_property;
  widget_class->get_request_mode = cm_chart_view_get_request_mode;
  widget_class->measure = cm_chart_view_measure;
  widget_class->snapshot = cm_chart_view_snapshot;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, CM_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                         | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cm_chart_view_init (CmChartView *self)
{
}

GtkWidget *
cm_chart_view_new (CmChart *chart)
{
  GtkWidget *view;

  g_return_val_if_fail (CM_IS_CHART (chart), NULL);

  view = g_object_new (CM_TYPE_CHART_VIEW, "chart", chart, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cm_chart_get_title (chart), -1);
  return view;
}

CmChart *
cm_chart_view_get_chart (CmChartView *self)
{
  g_return_val_if_fail (CM_IS_CHART_VIEW (self), NULL);
  return self->chart;
}
