/* cm-agreement-chart.c — agreement per label as bars with their intervals
 *
 * Horizontal bars, so long label names (in either language) read at the
 * left without rotating; the scale runs from 0 (or below, when a figure
 * is negative) to 1, with a grid every 0.2 so bars compare by eye.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-agreement-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cm-agreement-chart.h"

#define ROW_HEIGHT    28
#define BAR_THICKNESS 12
#define AXIS_HEIGHT   24
#define GAP           10
#define MAX_NAME_FRACTION 0.38
/* Wider bars do not read better, and the figures drift away from them. */
#define MAX_PLOT_WIDTH 640

typedef struct
{
  char  *name;
  char  *color;
  double value;
  double low;
  double high;
  guint  n_items;
} Bar;

struct _CmAgreementChart
{
  GtkWidget  parent_instance;
  GArray    *bars;     /* of Bar */
  char      *measure;
};

enum
{
  PROP_0,
  PROP_MEASURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmAgreementChart, cm_agreement_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->name);
  g_free (bar->color);
}

/* ---- geometry ----------------------------------------------------------- */

/* The scale's lower end: 0, or the next 0.2 step below the lowest figure. */
static double
scale_min (CmAgreementChart *self)
{
  double lowest = 0.0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      if (!isnan (bar->value))
        lowest = MIN (lowest, bar->value);
      if (!isnan (bar->low))
        lowest = MIN (lowest, bar->low);
    }
  return MAX (-1.0, floor (lowest * 5.0 - 1e-9) / 5.0);
}

static PangoLayout *
make_layout (CmAgreementChart *self,
             const char       *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static int
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/* The width of the name column: the longest name, within a fraction of
 * the chart (longer names are cut with an ellipsis, whole in the tooltip). */
static int
name_column_width (CmAgreementChart *self,
                   int               width)
{
  int widest = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, g_array_index (self->bars, Bar, i).name);
      widest = MAX (widest, layout_width (layout));
    }
  return MIN (widest, (int) (width * MAX_NAME_FRACTION));
}

static int
value_column_width (CmAgreementChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "−0.00");
  return layout_width (layout);
}

static void
cm_agreement_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 520;
    }
  else
    *minimum = *natural = (int) MAX (self->bars->len, 1) * ROW_HEIGHT + AXIS_HEIGHT;
}

/* ---- drawing ------------------------------------------------------------ */

static GdkRGBA
foreground (GtkWidget *widget,
            float      alpha)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  color.alpha *= alpha;
  return color;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      float          x,
      float          y,
      float          width,
      float          height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

typedef struct
{
  float  left;   /* x of the scale's lower end */
  float  right;  /* x of 1.0 */
  double min;
} Scale;

static float
scale_x (const Scale *scale,
         double       value)
{
  value = CLAMP (value, scale->min, 1.0);
  return scale->left + (float) ((value - scale->min) / (1.0 - scale->min)) * (scale->right - scale->left);
}

static void
draw_grid (CmAgreementChart *self,
           GtkSnapshot      *snapshot,
           const Scale      *scale,
           float             plot_height)
{
  GdkRGBA grid = foreground (GTK_WIDGET (self), 0.12);
  GdkRGBA zero = foreground (GTK_WIDGET (self), 0.45);
  GdkRGBA text = foreground (GTK_WIDGET (self), 0.7);

  for (int step = (int) lround (scale->min * 5); step <= 5; step++)
    {
      double value = step / 5.0;
      float x = scale_x (scale, value);
      g_autofree char *tick = g_strdup_printf ("%.1f", value);
      g_autoptr(PangoLayout) layout = make_layout (self, tick);

      fill (snapshot, step == 0 ? &zero : &grid, x - 0.5f, 0, 1, plot_height);
      draw_text (snapshot, layout, x - layout_width (layout) / 2.0f, plot_height + 4, &text);
    }
}

static void
draw_bar (CmAgreementChart *self,
          GtkSnapshot      *snapshot,
          const Bar        *bar,
          const Scale      *scale,
          float             y,
          int               name_width,
          float             value_x)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA text = foreground (widget, isnan (bar->value) ? 0.5f : 1.0f);
  GdkRGBA whisker = foreground (widget, 0.85f);
  GdkRGBA color;
  g_autoptr(PangoLayout) name = make_layout (self, bar->name);
  g_autoptr(PangoLayout) figure = NULL;
  g_autofree char *figure_text = NULL;
  float middle = y + ROW_HEIGHT / 2.0f;
  int text_height;

  pango_layout_set_width (name, name_width * PANGO_SCALE);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (name, NULL, &text_height);
  draw_text (snapshot, name, 0, middle - text_height / 2.0f, &text);

  /* Translators: shown instead of a figure that could not be computed */
  figure_text = isnan (bar->value) ? g_strdup (_("n/a")) : g_strdup_printf ("%.2f", bar->value);
  figure = make_layout (self, figure_text);
  draw_text (snapshot, figure, value_x, middle - text_height / 2.0f, &text);
  if (isnan (bar->value))
    return;

  if (bar->color == NULL || !gdk_rgba_parse (&color, bar->color))
    color = foreground (widget, 0.5f);
  color.alpha = 0.8f;
  {
    float x0 = scale_x (scale, MIN (0.0, bar->value));
    float x1 = scale_x (scale, MAX (0.0, bar->value));
    fill (snapshot, &color, x0, middle - BAR_THICKNESS / 2.0f, MAX (x1 - x0, 1.0f), BAR_THICKNESS);
  }

  /* The 95 % interval: a line with caps across the bar's end. */
  if (!isnan (bar->low) && !isnan (bar->high))
    {
      float lo = scale_x (scale, bar->low);
      float hi = scale_x (scale, bar->high);
      fill (snapshot, &whisker, lo, middle - 1, MAX (hi - lo, 1.0f), 2);
      fill (snapshot, &whisker, lo - 1, middle - 6, 2, 12);
      fill (snapshot, &whisker, hi - 1, middle - 6, 2, 12);
    }
}

static void
cm_agreement_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int name_width = name_column_width (self, width);
  int value_width = value_column_width (self);
  float plot_height = (float) self->bars->len * ROW_HEIGHT;
  Scale scale;

  if (self->bars->len == 0)
    return;
  scale.min = scale_min (self);
  scale.left = (float) (name_width + GAP);
  /* Room for half the last tick's text past 1.0, and the figures. */
  scale.right = (float) MIN (width - value_width - 2 * GAP, name_width + GAP + MAX_PLOT_WIDTH);
  if (scale.right <= scale.left + 20)
    return;

  draw_grid (self, snapshot, &scale, plot_height);
  for (guint i = 0; i < self->bars->len; i++)
    draw_bar (self, snapshot, &g_array_index (self->bars, Bar, i), &scale,
              (float) i * ROW_HEIGHT, name_width, scale.right + GAP);
}

/* ---- tooltips ----------------------------------------------------------- */

static gboolean
cm_agreement_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (widget);
  g_autofree char *text = NULL;
  const Bar *bar;
  guint row;

  if (y < 0 || (row = (guint) y / ROW_HEIGHT) >= self->bars->len)
    return FALSE;
  bar = &g_array_index (self->bars, Bar, row);
  if (isnan (bar->value))
    /* Translators: chart tooltip: label name; no figure (e.g. nobody used the label) */
    text = g_strdup_printf (_("%s: not computable (no variation among %u clauses)"), bar->name, bar->n_items);
  else if (isnan (bar->low))
    /* Translators: chart tooltip: label name, measure, value, clause count */
    text = g_strdup_printf (_("%s: %s = %.3f over %u clauses"), bar->name,
                            self->measure ? self->measure : "", bar->value, bar->n_items);
  else
    /* Translators: chart tooltip: label name, measure, value, interval bounds, clause count */
    text = g_strdup_printf (_("%s: %s = %.3f (95 %% interval %.3f to %.3f) over %u clauses"), bar->name,
                            self->measure ? self->measure : "", bar->value, bar->low, bar->high,
                            bar->n_items);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- public API --------------------------------------------------------- */

GtkWidget *
cm_agreement_chart_new (void)
{
  return g_object_new (CM_TYPE_AGREEMENT_CHART, NULL);
}

void
cm_agreement_chart_set_bars (CmAgreementChart *self,
                             const CmChartBar *bars,
                             guint             n_bars)
{
  g_return_if_fail (CM_IS_AGREEMENT_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = {
        .name = g_strdup (bars[i].name ? bars[i].name : ""),
        .color = g_strdup (bars[i].color),
        .value = bars[i].value,
        .low = bars[i].low,
        .high = bars[i].high,
        .n_items = bars[i].n_items,
      };
      g_array_append_val (self->bars, bar);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
cm_agreement_chart_get_n_bars (CmAgreementChart *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_CHART (self), 0);
  return self->bars->len;
}

void
cm_agreement_chart_set_measure (CmAgreementChart *self,
                                const char       *measure)
{
  g_return_if_fail (CM_IS_AGREEMENT_CHART (self));
  if (g_strcmp0 (self->measure, measure) == 0)
    return;
  g_free (self->measure);
  self->measure = g_strdup (measure);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURE]);
}

const char *
cm_agreement_chart_get_measure (CmAgreementChart *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_CHART (self), NULL);
  return self->measure;
}

/* ---- GObject ------------------------------------------------------------ */

static void
cm_agreement_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      g_value_set_string (value, self->measure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_agreement_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      cm_agreement_chart_set_measure (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_agreement_chart_finalize (GObject *object)
{
  CmAgreementChart *self = CM_AGREEMENT_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_free (self->measure);
  G_OBJECT_CLASS (cm_agreement_chart_parent_class)->finalize (object);
}

static void
cm_agreement_chart_class_init (CmAgreementChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cm_agreement_chart_finalize;
  object_class->get_property = cm_agreement_chart_get_property;
  object_class->set_property = cm_agreement_chart_set_property;
  widget_class->measure = cm_agreement_chart_measure;
  widget_class->snapshot = cm_agreement_chart_snapshot;
  widget_class->query_tooltip = cm_agreement_chart_query_tooltip;

  properties[PROP_MEASURE] =
    g_param_spec_string ("measure", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "agreementchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cm_agreement_chart_init (CmAgreementChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
