/* cm-explanation-view.c — why the model suggests a label, in the clause's
 * own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-explanation-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cm-explanation-view.h"
#include "cm-label-style.h"

/* A context block is shown when it moved at least this share of the
 * decision; spans lighter than this fraction of the heaviest stay plain. */
#define MIN_SHARE_SHOWN 0.05
#define MIN_TINTED      0.08

struct _CmExplanationView
{
  GtkWidget      parent_instance;

  GtkBox        *explained_box;
  GtkDropDown   *label_dropdown;
  GtkLabel      *verdict_label;
  GtkLabel      *text_label;
  GtkLabel      *heading_label;
  GtkLabel      *lead_in_label;
  GtkLabel      *others_label;
  GtkLabel      *status_label;

  CmModelSet    *models;
  CmDocument    *document;
  CmClause      *clause;
  CmTaxonomy    *taxonomy;
  GPtrArray     *label_ids;    /* of char*: the dropdown's labels */
  CmExplanation *explanation;
  char          *chosen;       /* a label the reviewer picked, kept from clause to clause */
  gboolean       filling;
};

enum
{
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmExplanationView, cm_explanation_view, GTK_TYPE_WIDGET)

/* GNOME's palette: green 4 towards the label, red 3 away from it. */
static void
add_tint (PangoAttrList *attrs,
          guint          start,
          guint          end,
          double         strength)
{
  gboolean towards = strength > 0;
  PangoAttribute *colour = towards ? pango_attr_background_new (0x2e * 257, 0xc2 * 257, 0x7e * 257)
                                   : pango_attr_background_new (0xe0 * 257, 0x1b * 257, 0x24 * 257);
  PangoAttribute *alpha = pango_attr_background_alpha_new ((guint16) (65535 * (0.12 + 0.55 * fabs (strength))));

  colour->start_index = alpha->start_index = start;
  colour->end_index = alpha->end_index = end;
  pango_attr_list_insert (attrs, colour);
  pango_attr_list_insert (attrs, alpha);
}

/* @label shows @block's text with its units tinted against @max. */
static void
show_block (GtkLabel               *label,
            const char             *prefix,
            const CmExplainedBlock *block,
            double                  max)
{
  g_autoptr(GString) text = g_string_new (prefix);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  guint offset = text->len;

  g_string_append (text, block->text);
  for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
    {
      const CmWeightedSpan *span = &g_array_index (block->spans, CmWeightedSpan, i);
      double strength = max > 0.0 ? span->weight / max : 0.0;

      if (fabs (strength) >= MIN_TINTED)
        add_tint (attrs, offset + span->start, offset + span->end, strength);
    }
  if (offset > 0)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      bold->start_index = 0;
      bold->end_index = offset;
      pango_attr_list_insert (attrs, bold);
    }
  gtk_label_set_text (label, text->str);
  gtk_label_set_attributes (label, attrs);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

/* A context block, when it counted: "Heading, 32 % of the decision: …". */
static void
show_context (CmExplanationView *self,
              GtkLabel          *label,
              guint              which,
              const char        *name,
              double             max)
{
  const CmExplainedBlock *block = cm_explanation_get_block (self->explanation, which);
  double share = cm_explanation_get_share (self->explanation, which);
  g_autofree char *percent = NULL;
  g_autofree char *prefix = NULL;

  if (block == NULL || share < MIN_SHARE_SHOWN)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  percent = cm_format_percent (share);
  /* Translators: "Heading (32 % of the decision, towards the label): " */
  prefix = g_strdup_printf (block->contribution > 0 ? _("%s (%s of the decision, towards): ")
                                                    : _("%s (%s of the decision, against): "),
                            name, percent);
  show_block (label, prefix, block, max);
}

/* The neighbouring clauses and the place in the document, in one line. */
static void
show_others (CmExplanationView *self)
{
  static const guint others[] = { CM_CONTEXT_PREVIOUS, CM_CONTEXT_NEXT, CM_CONTEXT_POSITION,
                                  CM_EXPLAINED_SCORES_AROUND };
  double share = 0.0;
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    share += cm_explanation_get_share (self->explanation, others[i]);
  if (share < MIN_SHARE_SHOWN)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->others_label), FALSE);
      return;
    }
  percent = cm_format_percent (share);
  /* Translators: the share of the decision that came from the clauses
   * around this one and from where it stands in the document */
  text = g_strdup_printf (_("The clauses around it and its place in the document: %s of the decision."),
                          percent);
  gtk_label_set_text (self->others_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->others_label), TRUE);
}

static void
show_explanation (CmExplanationView *self)
{
  const CmExplainedBlock *own;
  double max;
  g_autofree char *percent = NULL;
  g_autofree char *verdict = NULL;
  const char *name;

  own = cm_explanation_get_block (self->explanation, 0);
  max = cm_explanation_max_weight (self->explanation);
  name = cm_label_display_name (self->taxonomy, self->explanation->label);
  percent = cm_format_percent (self->explanation->probability);
  verdict = g_strdup_printf (self->explanation->score >= self->explanation->threshold
                             /* Translators: the model's verdict on a label, and its probability */
                             ? _("The model gives “%s” (%s). Its words:")
                             : _("The model does not give “%s” (%s). Its words:"),
                             name, percent);
  gtk_label_set_text (self->verdict_label, verdict);
  show_block (self->text_label, "", own, max);
  show_context (self, self->heading_label, CM_CONTEXT_HEADING, _("Heading"), max);
  show_context (self, self->lead_in_label, CM_CONTEXT_LEAD_IN, _("List lead-in"), max);
  show_others (self);
}

static void
explain_selected (CmExplanationView *self)
{
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->explanation, cm_explanation_free);
  if (self->label_ids != NULL && selected < self->label_ids->len)
    self->explanation = cm_model_set_explain_clause (self->models, self->document, self->clause,
                                                     g_ptr_array_index (self->label_ids, selected),
                                                     &error);
  if (error != NULL)
    g_debug ("No explanation: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->explained_box), self->explanation != NULL);
  if (self->explanation != NULL)
    show_explanation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
on_selected_changed (CmExplanationView *self)
{
  if (self->filling)
    return;
  explain_selected (self);
  g_free (self->chosen);
  self->chosen = g_strdup (cm_explanation_view_get_label (self));
}

void
cm_explanation_view_set_clause (CmExplanationView *self,
                                CmModelSet        *models,
                                CmDocument        *document,
                                CmClause          *clause,
                                CmTaxonomy        *taxonomy)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const CmSuggestion *suggestions = NULL;
  guint n = 0, selected = 0;

  g_return_if_fail (CM_IS_EXPLANATION_VIEW (self));

  g_set_object (&self->models, models);
  g_set_object (&self->document, document);
  g_set_object (&self->clause, clause);
  g_set_object (&self->taxonomy, taxonomy);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  self->label_ids = g_ptr_array_new_with_free_func (g_free);
  if (models != NULL && document != NULL && clause != NULL && cm_clause_is_labelable (clause))
    suggestions = cm_clause_get_suggestions (clause, &n);
  for (guint i = 0; i < n; i++)
    {
      /* The likeliest first, unless the reviewer picked a label to follow
       * from clause to clause. */
      if (g_strcmp0 (suggestions[i].label, self->chosen) == 0)
        selected = i;
      g_ptr_array_add (self->label_ids, g_strdup (suggestions[i].label));
      gtk_string_list_append (names, cm_label_display_name (taxonomy, suggestions[i].label));
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->label_dropdown, n > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;
  explain_selected (self);
}

const char *
cm_explanation_view_get_label (CmExplanationView *self)
{
  g_return_val_if_fail (CM_IS_EXPLANATION_VIEW (self), NULL);
  return self->explanation != NULL ? self->explanation->label : NULL;
}

gboolean
cm_explanation_view_set_label (CmExplanationView *self,
                               const char        *label)
{
  g_return_val_if_fail (CM_IS_EXPLANATION_VIEW (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; self->label_ids != NULL && i < self->label_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->label_ids, i), label))
      {
        gtk_drop_down_set_selected (self->label_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

CmExplanation *
cm_explanation_view_get_explanation (CmExplanationView *self)
{
  g_return_val_if_fail (CM_IS_EXPLANATION_VIEW (self), NULL);
  return self->explanation;
}

void
cm_explanation_view_set_model_status (CmExplanationView *self,
                                      const char        *status)
{
  g_return_if_fail (CM_IS_EXPLANATION_VIEW (self));
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL && *status != '\0');
}

const char *
cm_explanation_view_get_model_status (CmExplanationView *self)
{
  g_return_val_if_fail (CM_IS_EXPLANATION_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

static void
cm_explanation_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CmExplanationView *self = CM_EXPLANATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, cm_explanation_view_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_explanation_view_dispose (GObject *object)
{
  CmExplanationView *self = CM_EXPLANATION_VIEW (object);
  GtkWidget *child;

  g_clear_object (&self->models);
  g_clear_object (&self->document);
  g_clear_object (&self->clause);
  g_clear_object (&self->taxonomy);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  g_clear_pointer (&self->explanation, cm_explanation_free);
  g_clear_pointer (&self->chosen, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EXPLANATION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cm_explanation_view_parent_class)->dispose (object);
}

static void
cm_explanation_view_class_init (CmExplanationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cm_explanation_view_get_property;
  object_class->dispose = cm_explanation_view_dispose;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-explanation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, explained_box);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, text_label);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, lead_in_label);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, others_label);
  gtk_widget_class_bind_template_child (widget_class, CmExplanationView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cm_explanation_view_init (CmExplanationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
