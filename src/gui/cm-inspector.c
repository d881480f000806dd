/* cm-inspector.c — the selected clause in detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-flag-bar.h"
#include "cm-explanation-view.h"
#include "cm-inspector.h"
#include "cm-label-style.h"
#include "cm-status-page.h"

struct _CmInspector
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkLabel    *title_label;
  GtkLabel    *heading_path_label;
  GtkFlowBox  *labels_box;
  GtkWidget   *flags_box;
  CmFlagBar   *flag_bar;
  GtkLabel    *status_label;
  GtkBox      *suggestions_box;
  CmExplanationView *explanation_view;
  GtkEntry    *note_entry;

  CmDocument  *document;
  CmTaxonomy  *taxonomy;
  CmModelSet  *models;
  CmClause    *clause;
  GPtrArray   *toggles;   /* GtkToggleButton per taxonomy label */
  gulong       notify_id;
  char        *blind_annotator;
};

enum
{
  NOTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmInspector, cm_inspector, GTK_TYPE_WIDGET)

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);
}

static void
build_label_toggles (CmInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->labels_box))))
    gtk_flow_box_remove (self->labels_box, child);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  self->toggles = g_ptr_array_new ();

  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      GtkWidget *button = cm_label_toggle_new (label, "win.toggle-label");

      gtk_flow_box_append (self->labels_box, button);
      g_ptr_array_add (self->toggles, button);
    }
}

static void
fill_suggestions (CmInspector *self)
{
  guint n = 0;
  const CmSuggestion *suggestions;

  remove_children (GTK_WIDGET (self->suggestions_box));
  /* The words behind the suggestions; nothing while labelling blind. */
  cm_explanation_view_set_clause (self->explanation_view,
                                  self->blind_annotator ? NULL : self->models,
                                  self->document, self->clause, self->taxonomy);
  if (self->clause == NULL)
    return;
  if (self->blind_annotator)
    {
      GtkWidget *hidden = gtk_label_new (_("Blind labelling: the model’s suggestions and the other annotators’ labels stay hidden until the curator adjudicates."));
      gtk_label_set_wrap (GTK_LABEL (hidden), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hidden), 0.0);
      gtk_widget_add_css_class (hidden, "dim-label");
      gtk_box_append (self->suggestions_box, hidden);
      return;
    }
  suggestions = cm_clause_get_suggestions (self->clause, &n);
  if (n == 0)
    {
      GtkWidget *none = gtk_label_new (cm_clause_is_labelable (self->clause)
                                       ? _("The model has no suggestion for this clause.")
                                       : _("Headings and text outside the policy are not labelled."));
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_xalign (GTK_LABEL (none), 0.0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->suggestions_box, none);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const CmSuggestion *s = &suggestions[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (cm_label_display_name (self->taxonomy, s->label));
      GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
      g_autofree char *percent = cm_format_percent (s->score);
      GtkWidget *score = gtk_label_new (percent);
      g_autofree char *accessible = g_strdup_printf ("%s %s", cm_label_display_name (self->taxonomy, s->label), percent);

      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (name), 12);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (s->score, 0.0, 1.0));
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_label_set_width_chars (GTK_LABEL (score), 4);
      gtk_label_set_xalign (GTK_LABEL (score), 1.0);
      gtk_widget_add_css_class (score, "numeric");
      gtk_box_append (GTK_BOX (line), name);
      gtk_box_append (GTK_BOX (line), bar);
      gtk_box_append (GTK_BOX (line), score);
      gtk_box_append (GTK_BOX (row), line);
      gtk_box_append (self->suggestions_box, row);
    }
}

static const char *
status_name (CmReviewStatus status)
{
  switch (status)
    {
    case CM_REVIEW_STATUS_ACCEPTED:
      return _("Accepted");
    case CM_REVIEW_STATUS_CORRECTED:
      return _("Corrected");
    case CM_REVIEW_STATUS_UNREVIEWED:
    default:
      return _("Unreviewed");
    }
}

static void
refresh (CmInspector *self)
{
  gboolean have = self->clause != NULL;
  gboolean labelable = have && cm_clause_is_labelable (self->clause);
  guint position = 0;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  g_autofree char *path = NULL;
  const char * const *headings;

  gtk_stack_set_visible_child_name (self->stack, have ? "clause" : "empty");
  if (!have)
    {
      gtk_label_set_text (self->title_label, _("No clause selected"));
      gtk_label_set_text (self->heading_path_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
      remove_children (GTK_WIDGET (self->suggestions_box));
      return;
    }

  cm_document_lookup_clause (self->document, cm_clause_get_id (self->clause), &position);
  /* Translators: inspector title: clause number and its identifier */
  title = g_strdup_printf (_("Clause %u (%s)"), position + 1, cm_clause_get_id (self->clause));
  gtk_label_set_text (self->title_label, title);

  headings = cm_clause_get_heading_path (self->clause);
  path = headings && headings[0] ? g_strjoinv (" › ", (char **) headings) : g_strdup ("");
  gtk_label_set_text (self->heading_path_label, path);
  gtk_widget_set_visible (GTK_WIDGET (self->heading_path_label), *path != '\0');

  for (guint i = 0; self->toggles && i < self->toggles->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (self->toggles, i);
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      gboolean active = g_strv_contains (cm_clause_shown_labels (self->clause, self->blind_annotator), label->id);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), active);
      gtk_widget_set_sensitive (toggle, labelable);
    }

  if (cm_clause_get_reviewer (self->clause) && cm_clause_get_status (self->clause) != CM_REVIEW_STATUS_UNREVIEWED)
    /* Translators: review state, who decided, when */
    {
      const char *timestamp = cm_clause_get_timestamp (self->clause);
      g_autoptr(GDateTime) utc = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (timestamp ? timestamp : "");

      status = g_strdup_printf (_("%s by %s, %s"), status_name (cm_clause_get_status (self->clause)),
                                cm_clause_get_reviewer (self->clause), when);
    }
  else
    status = g_strdup (labelable ? status_name (cm_clause_get_status (self->clause)) : _("Not labelled"));
  gtk_label_set_text (self->status_label, status);

  if (!gtk_widget_has_focus (GTK_WIDGET (self->note_entry))
      || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), "") == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                           cm_clause_get_note (self->clause) ? cm_clause_get_note (self->clause) : "");
}

static void
on_clause_notify (CmClause    *clause,
                  GParamSpec  *pspec,
                  CmInspector *self)
{
  if (g_strcmp0 (pspec->name, "n-suggestions") == 0)
    fill_suggestions (self);
  refresh (self);
}

void
cm_inspector_commit_note (CmInspector *self)
{
  const char *text;

  g_return_if_fail (CM_IS_INSPECTOR (self));
  if (self->clause == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  if (g_strcmp0 (text, cm_clause_get_note (self->clause) ? cm_clause_get_note (self->clause) : "") != 0)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, self->clause, text);
}

static void
on_note_activate (CmInspector *self)
{
  cm_inspector_commit_note (self);
}

static void
on_note_focus_leave (GtkEventControllerFocus *controller,
                     CmInspector             *self)
{
  cm_inspector_commit_note (self);
}

void
cm_inspector_set_clause (CmInspector *self,
                         CmClause    *clause)
{
  g_return_if_fail (CM_IS_INSPECTOR (self));

  if (self->clause != clause)
    {
      /* A note typed but not yet kept belongs to the clause it was typed on. */
      if (self->clause && gtk_widget_has_focus (GTK_WIDGET (self->note_entry)))
        cm_inspector_commit_note (self);
      if (self->clause)
        g_clear_signal_handler (&self->notify_id, self->clause);
      g_set_object (&self->clause, clause);
      if (clause)
        self->notify_id = g_signal_connect (clause, "notify", G_CALLBACK (on_clause_notify), self);
      gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                             clause && cm_clause_get_note (clause) ? cm_clause_get_note (clause) : "");
    }
  cm_flag_bar_set_clause (self->flag_bar, clause);
  fill_suggestions (self);
  refresh (self);
}

CmClause *
cm_inspector_get_clause (CmInspector *self)
{
  g_return_val_if_fail (CM_IS_INSPECTOR (self), NULL);
  return self->clause;
}

void
cm_inspector_set_document (CmInspector *self,
                           CmDocument  *document,
                           CmTaxonomy  *taxonomy)
{
  g_return_if_fail (CM_IS_INSPECTOR (self));

  cm_inspector_set_clause (self, NULL);
  g_set_object (&self->document, document);
  if (g_set_object (&self->taxonomy, taxonomy) || self->toggles == NULL)
    build_label_toggles (self);
}

void
cm_inspector_set_blind_annotator (CmInspector *self,
                                  const char  *annotator)
{
  g_return_if_fail (CM_IS_INSPECTOR (self));
  if (g_strcmp0 (self->blind_annotator, annotator) == 0)
    return;
  g_free (self->blind_annotator);
  self->blind_annotator = g_strdup (annotator);
  gtk_widget_set_visible (self->flags_box, annotator == NULL);
  fill_suggestions (self);
  refresh (self);
}

void
cm_inspector_set_models (CmInspector *self,
                         CmModelSet  *models)
{
  g_return_if_fail (CM_IS_INSPECTOR (self));
  g_set_object (&self->models, models);
  fill_suggestions (self);
}

void
cm_inspector_set_model_status (CmInspector *self,
                               const char  *status)
{
  g_return_if_fail (CM_IS_INSPECTOR (self));
  cm_explanation_view_set_model_status (self->explanation_view, status);
}

CmExplanationView *
cm_inspector_get_explanation_view (CmInspector *self)
{
  g_return_val_if_fail (CM_IS_INSPECTOR (self), NULL);
  return self->explanation_view;
}

static void
cm_inspector_dispose (GObject *object)
{
  CmInspector *self = CM_INSPECTOR (object);

  if (self->clause)
    g_clear_signal_handler (&self->notify_id, self->clause);
  g_clear_object (&self->clause);
  g_clear_object (&self->document);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->models);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_clear_pointer (&self->blind_annotator, g_free);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_INSPECTOR);
  /* The template's unnamed root box is not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cm_inspector_parent_class)->dispose (object);
}

static void
cm_inspector_class_init (CmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_inspector_dispose;

  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, CM_TYPE_CLAUSE, G_TYPE_STRING);

  g_type_ensure (CM_TYPE_STATUS_PAGE);
  g_type_ensure (CM_TYPE_FLAG_BAR);
  g_type_ensure (CM_TYPE_EXPLANATION_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CmInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, heading_path_label);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, labels_box);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, flags_box);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, flag_bar);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, status_label);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, CmInspector, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
cm_inspector_init (CmInspector *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_note_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);
  refresh (self);
}
