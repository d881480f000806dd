/* cm-agreement-panel.c — the agreement figures of the open documents
 *
 * The figures come from the core (cm-agreement.h), computed in a GTask
 * thread: the bootstrap intervals resample the documents a thousand times,
 * too long for the main loop on a large corpus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-agreement-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cm-agreement-panel.h"
#include "cm-document-io.h"
#include "cm-label-style.h"
#include "cm-widget-task.h"

/* Fixed, so the same corpus always shows the same intervals. */
#define BOOTSTRAP_SEED 20261130

struct _CmAgreementPanel
{
  GtkWidget         parent_instance;

  /* template children */
  GtkWidget        *scroller;
  GtkLabel         *summary_label;
  GtkStack         *state_stack;
  GtkSpinner       *spinner;
  GtkLabel         *empty_label;
  GtkLabel         *error_label;
  GtkGrid          *overall_grid;
  GtkLabel         *chart_title;
  CmAgreementChart *chart;
  GtkGrid          *pairs_grid;
  GtkGrid          *annotators_grid;

  CmTaxonomy       *taxonomy;
  CmAgreement      *agreement;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (CmAgreementPanel, cm_agreement_panel, GTK_TYPE_WIDGET)

/* ---- the computation ---------------------------------------------------- */

/* Documents not opened yet are read in a thread first; then the core
 * reads every document on the main thread (so the reviewer may edit them
 * meanwhile) and computes in its own thread. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths && paths[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      CmDocument *document = cm_document_load (paths[i], &error);

      if (document == NULL)
        {
          g_task_return_new_error (task, error->domain, error->code, _("Could not read “%s”: %s"),
                                   paths[i], error->message);
          return;
        }
      g_ptr_array_add (documents, document);
      if (g_task_return_error_if_cancelled (task))
        return;
    }
  g_task_return_pointer (task, g_steal_pointer (&documents), (GDestroyNotify) g_ptr_array_unref);
}

/* ---- showing the figures ------------------------------------------------ */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_new (const char *text,
          gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static char *
format_value (const CmAgreementFigure *figure)
{
  if (isnan (figure->value))
    return g_strdup (_("n/a"));
  return g_strdup_printf ("%.3f", figure->value);
}

static char *
format_interval (const CmAgreementFigure *figure)
{
  if (isnan (figure->value) || isnan (figure->low) || isnan (figure->high))
    return g_strdup ("");
  /* Translators: a 95 % confidence interval */
  return g_strdup_printf (_("[%.3f, %.3f]"), figure->low, figure->high);
}

static void
add_figure_row (GtkGrid           *grid,
                guint              row,
                const char        *name,
                CmAgreementFigure  figure)
{
  g_autofree char *value = format_value (&figure);
  g_autofree char *interval = format_interval (&figure);
  GtkWidget *value_cell = cell_new (value, TRUE);

  gtk_widget_add_css_class (value_cell, "figure-value");
  gtk_grid_attach (grid, cell_new (name, FALSE), 0, (int) row, 1, 1);
  gtk_grid_attach (grid, value_cell, 1, (int) row, 1, 1);
  gtk_grid_attach (grid, cell_new (interval, TRUE), 2, (int) row, 1, 1);
}

static void
fill_overall (CmAgreementPanel *self)
{
  const struct { CmAgreementMeasure measure; const char *name; } rows[] = {
    { CM_AGREEMENT_PERCENT, N_("Percent agreement (whole label sets)") },
    { CM_AGREEMENT_COHEN_MEAN, N_("Cohen’s κ, mean over pairs") },
    { CM_AGREEMENT_FLEISS, N_("Fleiss’ κ") },
    { CM_AGREEMENT_ALPHA, N_("Krippendorff’s α (nominal)") },
    { CM_AGREEMENT_ALPHA_MASI, N_("Krippendorff’s α (MASI distance on label sets)") },
  };
  /* xgettext:no-c-format */
  GtkWidget *header = cell_new (_("95 % interval"), TRUE);

  clear_grid (self->overall_grid);
  gtk_widget_add_css_class (header, "dim-label");
  gtk_grid_attach (self->overall_grid, header, 2, 0, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    add_figure_row (self->overall_grid, i + 1, _(rows[i].name),
                    cm_agreement_get_figure (self->agreement, CM_AGREEMENT_OVERALL, rows[i].measure));
}

static void
fill_chart (CmAgreementPanel *self)
{
  guint n = cm_agreement_get_n_labels (self->agreement);
  g_autofree CmChartBar *bars = g_new0 (CmChartBar, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *id = cm_agreement_get_label (self->agreement, i);
      const CmLabel *label = self->taxonomy ? cm_taxonomy_lookup (self->taxonomy, id) : NULL;
      CmAgreementFigure figure = cm_agreement_get_figure (self->agreement, (int) i, CM_AGREEMENT_ALPHA);

      bars[i].name = cm_label_display_name (self->taxonomy, id);
      bars[i].color = label ? label->color : NULL;
      bars[i].value = figure.value;
      bars[i].low = figure.low;
      bars[i].high = figure.high;
      bars[i].n_items = figure.n_items;
    }
  gtk_label_set_text (self->chart_title,
                      /* xgettext:no-c-format */
                      _("Per label: Krippendorff’s α (the label given or not), with its 95 % interval"));
  cm_agreement_chart_set_measure (self->chart, _("Krippendorff’s α"));
  cm_agreement_chart_set_bars (self->chart, bars, n);
}

static void
fill_pairs (CmAgreementPanel *self)
{
  guint n = cm_agreement_get_n_annotators (self->agreement);
  guint row = 0;

  clear_grid (self->pairs_grid);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        /* Translators: a pair of annotators */
        g_autofree char *pair = g_strdup_printf (_("%s and %s"), cm_agreement_get_annotator (self->agreement, i),
                                                 cm_agreement_get_annotator (self->agreement, j));
        add_figure_row (self->pairs_grid, row++, pair,
                        cm_agreement_get_cohen (self->agreement, CM_AGREEMENT_OVERALL, i, j));
      }
}

static void
fill_annotators (CmAgreementPanel *self)
{
  guint n = cm_agreement_get_n_annotators (self->agreement);
  const char *headers[] = { N_("Annotator"), N_("Clauses not labelled"), N_("Precision"), N_("Recall"), N_("F1") };

  clear_grid (self->annotators_grid);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *header = cell_new (_(headers[c]), c > 0);
      gtk_widget_add_css_class (header, "dim-label");
      gtk_grid_attach (self->annotators_grid, header, (int) c, 0, 1, 1);
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = cm_agreement_get_annotator (self->agreement, i);
      g_autofree char *missing = g_strdup_printf ("%u", cm_agreement_get_n_missing (self->agreement, i));
      double precision, recall, f1;
      guint n_items = 0;

      gtk_grid_attach (self->annotators_grid, cell_new (name, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->annotators_grid, cell_new (missing, TRUE), 1, (int) i + 1, 1, 1);
      /* Against the adjudicated labels, when a curator has settled some. */
      if (cm_agreement_get_scores (self->agreement, i, CM_AGREEMENT_OVERALL, &precision, &recall, &f1, &n_items)
          && n_items > 0)
        {
          const double scores[] = { precision, recall, f1 };
          for (guint c = 0; c < G_N_ELEMENTS (scores); c++)
            {
              g_autofree char *text = isnan (scores[c]) ? g_strdup (_("n/a")) : g_strdup_printf ("%.3f", scores[c]);
              gtk_grid_attach (self->annotators_grid, cell_new (text, TRUE), (int) c + 2, (int) i + 1, 1, 1);
            }
        }
      else
        gtk_grid_attach (self->annotators_grid, cell_new (_("nothing adjudicated yet"), FALSE), 2, (int) i + 1, 3, 1);
    }
}

static void
show_state (CmAgreementPanel *self,
            const char       *state)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "busy"));
  gtk_stack_set_visible_child_name (self->state_stack, state);
}

static void
show_agreement (CmAgreementPanel *self)
{
  guint n_annotators = cm_agreement_get_n_annotators (self->agreement);
  g_autofree char *summary = NULL;

  if (n_annotators < 2)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_label_set_text (self->empty_label,
                          n_annotators == 0
                          ? _("No clause holds annotators’ labels yet. Open the copies that several annotators labelled, all together, to join them.")
                          : _("Only one annotator has labelled these documents: agreement needs at least two."));
      show_state (self, "empty");
      return;
    }
  /* Translators: agreement summary: annotators, documents, clauses */
  summary = g_strdup_printf (_("%u annotators, %u documents, %u clauses labelled by at least two of them, %u labelled by nobody (left out)"),
                             n_annotators, cm_agreement_get_n_documents (self->agreement),
                             cm_agreement_get_n_pairable (self->agreement),
                             cm_agreement_get_n_unannotated (self->agreement));
  gtk_label_set_text (self->summary_label, summary);
  fill_overall (self);
  fill_chart (self);
  fill_pairs (self);
  fill_annotators (self);
  show_state (self, "result");
}

static void
show_error (CmAgreementPanel *self,
            const GError     *error)
{
  g_autofree char *text = g_strdup_printf (_("The agreement could not be computed: %s"), error->message);

  gtk_label_set_text (self->error_label, text);
  show_state (self, "error");
}

static void
compute_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CmAgreementPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  CmAgreement *agreement = cm_agreement_compute_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->agreement);
  if (agreement == NULL)
    {
      show_error (self, error);
      return;
    }
  self->agreement = agreement;
  show_agreement (self);
}

static void
loaded_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CmAgreementPanel *self = CM_AGREEMENT_PANEL (source);
  g_autoptr(GPtrArray) documents = user_data;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    {
      g_clear_object (&self->cancellable);
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < loaded->len; i++)
    g_ptr_array_add (documents, g_object_ref (g_ptr_array_index (loaded, i)));
  cm_agreement_compute_async (documents, CM_AGREEMENT_DEFAULT_BOOTSTRAP, BOOTSTRAP_SEED,
                              self->cancellable, compute_ready, g_object_ref (self));
}

/* ---- public API --------------------------------------------------------- */

void
cm_agreement_panel_compute (CmAgreementPanel   *self,
                            GPtrArray          *documents,
                            const char * const *paths,
                            CmTaxonomy         *taxonomy)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *all;

  g_return_if_fail (CM_IS_AGREEMENT_PANEL (self));
  g_return_if_fail (documents != NULL);

  cm_agreement_panel_cancel (self);
  g_set_object (&self->taxonomy, taxonomy);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->summary_label, "");
  show_state (self, "busy");

  all = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (documents, i)));
  task = cm_widget_task_new (self, self->cancellable, loaded_ready, all, (GDestroyNotify) g_ptr_array_unref);
  g_task_set_source_tag (task, cm_agreement_panel_compute);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_thread);
}

void
cm_agreement_panel_cancel (CmAgreementPanel *self)
{
  g_return_if_fail (CM_IS_AGREEMENT_PANEL (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
cm_agreement_panel_is_busy (CmAgreementPanel *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_PANEL (self), FALSE);
  return self->cancellable != NULL;
}

const char *
cm_agreement_panel_get_state (CmAgreementPanel *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_PANEL (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

const char *
cm_agreement_panel_get_message (CmAgreementPanel *self)
{
  const char *state;

  g_return_val_if_fail (CM_IS_AGREEMENT_PANEL (self), NULL);
  state = cm_agreement_panel_get_state (self);
  if (g_strcmp0 (state, "error") == 0)
    return gtk_label_get_text (self->error_label);
  if (g_strcmp0 (state, "empty") == 0)
    return gtk_label_get_text (self->empty_label);
  return NULL;
}

CmAgreementChart *
cm_agreement_panel_get_chart (CmAgreementPanel *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_PANEL (self), NULL);
  return self->chart;
}

CmAgreement *
cm_agreement_panel_get_agreement (CmAgreementPanel *self)
{
  g_return_val_if_fail (CM_IS_AGREEMENT_PANEL (self), NULL);
  return self->agreement;
}

/* ---- GObject ------------------------------------------------------------ */

static void
cm_agreement_panel_dispose (GObject *object)
{
  CmAgreementPanel *self = CM_AGREEMENT_PANEL (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->agreement);
  g_clear_object (&self->taxonomy);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_AGREEMENT_PANEL);
  G_OBJECT_CLASS (cm_agreement_panel_parent_class)->dispose (object);
}

static void
cm_agreement_panel_class_init (CmAgreementPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_agreement_panel_dispose;
  g_type_ensure (CM_TYPE_AGREEMENT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-agreement-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, overall_grid);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, chart_title);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, pairs_grid);
  gtk_widget_class_bind_template_child (widget_class, CmAgreementPanel, annotators_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agreementpanel");
}

static void
cm_agreement_panel_init (CmAgreementPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
