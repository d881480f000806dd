/* cm-dashboard.c — the open corpus at a glance
 *
 * The window computes the CmInsight in the background (cm-window-report.c)
 * and hands it here; each chart becomes a card: its title, an Export menu
 * (PNG, SVG, CSV through a file chooser, or the "dashboard.export" action
 * with a path) and the chart drawn natively.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-chart-view.h"
#include "cm-dashboard.h"

/* Exported images are this wide (points; PNGs at twice that in pixels
 * would be nicer, but cm_chart_save_png draws one pixel per unit). */
#define EXPORT_WIDTH 900.0

struct _CmDashboard
{
  GtkWidget   parent_instance;

  GtkLabel   *status_label;
  GtkSpinner *spinner;
  GtkBox     *charts_box;

  CmInsight  *insight;
};

G_DEFINE_FINAL_TYPE (CmDashboard, cm_dashboard, GTK_TYPE_WIDGET)

gboolean
cm_dashboard_export (CmDashboard *self,
                     const char  *chart_id,
                     const char  *format,
                     const char  *path,
                     GError     **error)
{
  CmChart *chart;

  g_return_val_if_fail (CM_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (chart_id != NULL && format != NULL && path != NULL, FALSE);

  chart = self->insight ? cm_insight_get_chart (self->insight, chart_id) : NULL;
  if (chart == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, _("No chart “%s” is shown."), chart_id);
      return FALSE;
    }
  if (g_str_equal (format, "png"))
    return cm_chart_save_png (chart, path, EXPORT_WIDTH, error);
  if (g_str_equal (format, "svg"))
    return cm_chart_save_svg (chart, path, EXPORT_WIDTH, error);
  if (g_str_equal (format, "csv"))
    return cm_chart_save_csv (chart, path, error);
  g_set_error (error, CM_ERROR, CM_ERROR_FAILED, _("Unknown export format “%s” (png, svg or csv)."),
               format);
  return FALSE;
}

static void
export_to (CmDashboard *self,
           const char  *chart_id,
           const char  *format,
           const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (cm_dashboard_export (self, chart_id, format, path, &error))
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved %s."), name);
  else
    /* Translators: %s says why */
    message = g_strdup_printf (_("Could not export the chart: %s"), error->message);
  cm_dashboard_set_status (self, message, FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  const char *chart_id, *format, *path;

  g_variant_get (param, "(&s&s&s)", &chart_id, &format, &path);
  export_to (CM_DASHBOARD (widget), chart_id, format, path);
}

typedef struct
{
  CmDashboard *self;
  char        *chart_id;
  char        *format;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->self);
  g_free (request->chart_id);
  g_free (request->format);
  g_free (request);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ExportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        export_to (request->self, request->chart_id, request->format, path);
    }
  export_request_free (request);
  g_object_unref (chooser);
}

/* "topics:png": asks where, then exports. */
static void
export_as_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CmDashboard *self = CM_DASHBOARD (widget);
  g_auto(GStrv) parts = g_strsplit (g_variant_get_string (param, NULL), ":", 2);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  ExportRequest *request;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (g_strv_length (parts) != 2)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", parts[0], parts[1]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_add_suffix (filter, parts[1]);
  gtk_file_filter_set_name (filter, g_str_equal (parts[1], "csv") ? _("CSV tables")
                                    : g_str_equal (parts[1], "svg") ? _("SVG images") : _("PNG images"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  request = g_new0 (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->chart_id = g_strdup (parts[0]);
  request->format = g_strdup (parts[1]);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
export_menu_button_new (CmChart *chart)
{
  static const struct { const char *format; const char *label; } formats[] = {
    { "png", N_("_PNG Image…") },
    { "svg", N_("_SVG Image…") },
    { "csv", N_("_CSV Table…") },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autofree char *accessible = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *target = g_strdup_printf ("%s:%s", cm_chart_get_id (chart), formats[i].format);
      g_autoptr(GMenuItem) item = g_menu_item_new (_(formats[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "dashboard.export-as", g_variant_new_string (target));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Export"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of a chart's export menu; %s is the chart's title */
  accessible = g_strdup_printf (_("Export %s"), cm_chart_get_title (chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

/* The chart draws its own title; its Export menu sits above its right end. */
static GtkWidget *
chart_card_new (CmChart *chart)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *button = export_menu_button_new (chart);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (card), button);
  gtk_box_append (GTK_BOX (card), cm_chart_view_new (chart));
  gtk_widget_add_css_class (card, "chart-card");
  return card;
}

void
cm_dashboard_set_insight (CmDashboard *self,
                          CmInsight   *insight)
{
  GtkWidget *child;
  GPtrArray *charts;

  g_return_if_fail (CM_IS_DASHBOARD (self));
  g_return_if_fail (insight == NULL || CM_IS_INSIGHT (insight));

  g_set_object (&self->insight, insight);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_box))))
    gtk_box_remove (self->charts_box, child);
  if (insight == NULL)
    return;
  charts = cm_insight_get_charts (insight);
  for (guint i = 0; i < charts->len; i++)
    gtk_box_append (self->charts_box, chart_card_new (g_ptr_array_index (charts, i)));
}

CmInsight *
cm_dashboard_get_insight (CmDashboard *self)
{
  g_return_val_if_fail (CM_IS_DASHBOARD (self), NULL);
  return self->insight;
}

void
cm_dashboard_set_status (CmDashboard *self,
                         const char  *status,
                         gboolean     busy)
{
  g_return_if_fail (CM_IS_DASHBOARD (self));
  gtk_label_set_text (self->status_label, status ? status : "");
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
cm_dashboard_dispose (GObject *object)
{
  CmDashboard *self = CM_DASHBOARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_DASHBOARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->insight);
  G_OBJECT_CLASS (cm_dashboard_parent_class)->dispose (object);
}

static void
cm_dashboard_class_init (CmDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_dashboard_dispose;

  gtk_widget_class_install_action (widget_class, "dashboard.export", "(sss)", export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-as", "s", export_as_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, CmDashboard, status_label);
  gtk_widget_class_bind_template_child (widget_class, CmDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, CmDashboard, charts_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
}

static void
cm_dashboard_init (CmDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
