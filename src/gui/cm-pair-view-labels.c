/* cm-pair-view-labels.c — correcting labels in the side-by-side view
 *
 * The selected row's Chinese and English clauses each get a row of label
 * toggles, built like the inspector's (cm_label_toggle_new()). A toggle
 * changes every labelable clause of that side of the link, marks them
 * corrected by the reviewer, as the single-document desk does, and is
 * recorded on a per-document CmUndoStack owned by the view, so that undo
 * in the view steps back through link and label edits in one order.
 * The taxonomy's label keys act on one side at a time (pair.label-side,
 * Ctrl+Left / Ctrl+Right, or the last side whose toggle was clicked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-application.h"
#include "cm-label-style.h"
#include "cm-pair-view-private.h"
#include "cm-window-private.h"

enum
{
  PROP_0,
  PROP_LABEL_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LABELS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the clauses of a side ------------------------------------------------ */

static CmDocument *
side_document (CmPairView *self,
               const char *side)
{
  return g_str_equal (side, "zh") ? self->zh : self->en;
}

/* The labelable clauses of @side in the selected row (first selected row). */
static GPtrArray *
selected_side_clauses (CmPairView *self,
                       const char *side)
{
  GPtrArray *clauses = g_ptr_array_new ();
  CmDocument *document = side_document (self, side);
  int row = cm_pair_view_first_selected (self);
  const CmLink *link;
  char **ids;

  if (document == NULL || row < 0 || (guint) row >= cm_document_get_links (self->zh)->len)
    return clauses;
  link = g_ptr_array_index (cm_document_get_links (self->zh), row);
  ids = g_str_equal (side, "zh") ? link->clauses : link->partner_clauses;
  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids[i], NULL);

      if (clause != NULL && cm_clause_is_labelable (clause))
        g_ptr_array_add (clauses, clause);
    }
  return clauses;
}

static gboolean
all_have_label (GPtrArray  *clauses,
                const char *label)
{
  for (guint i = 0; i < clauses->len; i++)
    if (!cm_clause_has_label (clauses->pdata[i], label))
      return FALSE;
  return clauses->len > 0;
}

/* The run of document positions holding @clauses (consecutive in every
 * alignment, but the run covers any gap so the undo record is exact). */
static void
clause_run (CmDocument *document,
            GPtrArray  *clauses,
            guint      *first,
            guint      *n)
{
  guint lo = G_MAXUINT, hi = 0;

  for (guint i = 0; i < clauses->len; i++)
    {
      guint position = 0;

      cm_document_lookup_clause (document, cm_clause_get_id (clauses->pdata[i]), &position);
      lo = MIN (lo, position);
      hi = MAX (hi, position);
    }
  *first = lo;
  *n = hi - lo + 1;
}

/* Who decides: the one identity the desk records (asked once, at the first
 * decision; the edit is then made with the key again). Only a pair view
 * outside the application (no settings to keep a name) uses the login. */
static char *
dup_reviewer (CmPairView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  const char *real = g_get_real_name ();

  if (CM_IS_WINDOW (root))
    return cm_window_dup_annotator_or_ask (CM_WINDOW (root), NULL, NULL);
  if (CM_IS_APPLICATION (application))
    return cm_application_dup_annotator (CM_APPLICATION (application));
  return g_strdup (real && *real && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ());
}

/* ---- the toggles ------------------------------------------------------------ */

static void
set_toggles (GPtrArray  *toggles,
             CmTaxonomy *taxonomy,
             GPtrArray  *clauses)
{
  for (guint i = 0; toggles && i < toggles->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (toggles, i);
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), all_have_label (clauses, label->id));
      gtk_widget_set_sensitive (toggle, clauses->len > 0);
    }
}

void
cm_pair_view_refresh_labels (CmPairView *self)
{
  g_autoptr(GPtrArray) zh = selected_side_clauses (self, "zh");
  g_autoptr(GPtrArray) en = selected_side_clauses (self, "en");

  set_toggles (self->zh_toggles, self->taxonomy, zh);
  set_toggles (self->en_toggles, self->taxonomy, en);
  /* without a taxonomy there is nothing to offer, not even the side choice
   * (the button just above each row of toggles) */
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->zh_labels_box)), self->taxonomy != NULL);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->en_labels_box)), self->taxonomy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pair.toggle-zh-label", zh->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pair.toggle-en-label", en->len > 0);
  /* always taken while a pair is shown, so that a label key never falls
   * through to the review desk hidden behind the view */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pair.toggle-label", self->zh != NULL);
}

static GPtrArray *
fill_toggles (GtkFlowBox *box,
              CmTaxonomy *taxonomy,
              const char *action_name)
{
  GPtrArray *toggles = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_flow_box_remove (box, child);
  for (guint i = 0; taxonomy && i < cm_taxonomy_get_n_labels (taxonomy); i++)
    {
      GtkWidget *toggle = cm_label_toggle_new (cm_taxonomy_get_label (taxonomy, i), action_name);

      gtk_flow_box_append (box, toggle);
      g_ptr_array_add (toggles, toggle);
    }
  return toggles;
}

/* The taxonomy's keys toggle a label on the chosen side. They are caught
 * before the rows see them, and before the desk's own label keys. */
static void
install_label_keys (CmPairView *self)
{
  GtkShortcutController *controller;

  if (self->label_keys)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self), self->label_keys);
      self->label_keys = NULL;
    }
  if (self->taxonomy == NULL)
    return;
  controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (controller), GTK_PHASE_CAPTURE);
  for (guint i = 0; i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      GtkShortcut *shortcut;
      guint keyval;

      if (label->shortcut == NULL || (keyval = gdk_keyval_from_name (label->shortcut)) == GDK_KEY_VoidSymbol)
        continue;
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0), gtk_named_action_new ("pair.toggle-label"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (label->id));
      gtk_shortcut_controller_add_shortcut (controller, shortcut);
    }
  self->label_keys = GTK_EVENT_CONTROLLER (controller);
  gtk_widget_add_controller (GTK_WIDGET (self), self->label_keys);
}

void
cm_pair_view_set_taxonomy (CmPairView *self,
                           CmTaxonomy *taxonomy)
{
  g_return_if_fail (CM_IS_PAIR_VIEW (self));
  g_return_if_fail (taxonomy == NULL || CM_IS_TAXONOMY (taxonomy));

  if (!g_set_object (&self->taxonomy, taxonomy))
    return;
  g_clear_pointer (&self->zh_toggles, g_ptr_array_unref);
  g_clear_pointer (&self->en_toggles, g_ptr_array_unref);
  self->zh_toggles = fill_toggles (self->zh_labels_box, taxonomy, "pair.toggle-zh-label");
  self->en_toggles = fill_toggles (self->en_labels_box, taxonomy, "pair.toggle-en-label");
  install_label_keys (self);
  cm_pair_view_refresh_labels (self);
}

CmTaxonomy *
cm_pair_view_get_taxonomy (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);
  return self->taxonomy;
}

/* ---- edits ------------------------------------------------------------------ */

static void
set_label_side (CmPairView *self,
                const char *side)
{
  if (g_strcmp0 (self->label_side, side) == 0)
    return;
  g_free (self->label_side);
  self->label_side = g_strdup (side);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_SIDE]);
}

static void
toggle_side_label (CmPairView *self,
                   const char *side,
                   const char *label)
{
  g_autoptr(GPtrArray) clauses = selected_side_clauses (self, side);
  CmDocument *document = side_document (self, side);
  CmUndoStack *stack = g_str_equal (side, "zh") ? self->zh_undo : self->en_undo;
  g_autofree char *reviewer = NULL;
  g_autofree char *description = NULL;
  CmPairEdit *edit;
  gboolean remove;
  guint first, n;

  if (clauses->len == 0 || stack == NULL
      || (self->taxonomy && cm_taxonomy_lookup (self->taxonomy, label) == NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  set_label_side (self, side);
  reviewer = dup_reviewer (self);
  if (reviewer == NULL)
    return;  /* being asked who decides */
  /* every clause of the side ends with the label, or none of them */
  remove = all_have_label (clauses, label);
  clause_run (document, clauses, &first, &n);
  /* Translators: an undoable edit; %s is a label name */
  description = g_strdup_printf (_("Toggle label %s"), label);
  cm_undo_stack_begin (stack, description, first, n);
  for (guint i = 0; i < clauses->len; i++)
    {
      CmClause *clause = clauses->pdata[i];

      if (remove || !cm_clause_has_label (clause, label))
        cm_clause_toggle_label (clause, label);
      /* Changing the labels is a correction of the model's decision. */
      cm_clause_mark_reviewed (clause, CM_REVIEW_STATUS_CORRECTED, reviewer);
    }
  cm_undo_stack_end (stack, n);

  edit = g_new0 (CmPairEdit, 1);
  edit->labels = stack;
  cm_pair_view_push_edit (self, edit);
  /* the differences of the row change with its labels */
  cm_pair_view_rebuild (self, cm_pair_view_first_selected (self));
  g_signal_emit (self, signals[LABELS_CHANGED], 0, document);
}

void
cm_pair_view_replay_labels (CmPairView  *self,
                            CmUndoStack *stack,
                            gboolean     undo)
{
  int select = cm_pair_view_first_selected (self);
  int position = undo ? cm_undo_stack_undo (stack, NULL) : cm_undo_stack_redo (stack, NULL);

  if (position < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  cm_pair_view_rebuild (self, select);
  g_signal_emit (self, signals[LABELS_CHANGED], 0, cm_undo_stack_get_document (stack));
}

static void
toggle_label_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  const char *side;

  if (g_str_equal (action_name, "pair.toggle-zh-label"))
    side = "zh";
  else if (g_str_equal (action_name, "pair.toggle-en-label"))
    side = "en";
  else
    side = self->label_side;
  toggle_side_label (self, side, g_variant_get_string (parameter, NULL));
}

/* ---- the class -------------------------------------------------------------- */

static void
cm_pair_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CmPairView *self = CM_PAIR_VIEW (object);

  switch (prop_id)
    {
    case PROP_LABEL_SIDE:
      g_value_set_string (value, self->label_side);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_pair_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CmPairView *self = CM_PAIR_VIEW (object);
  const char *side;

  switch (prop_id)
    {
    case PROP_LABEL_SIDE:
      side = g_value_get_string (value);
      set_label_side (self, g_strcmp0 (side, "en") == 0 ? "en" : "zh");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
cm_pair_view_class_init_labels (GtkWidgetClass *widget_class)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);

  object_class->get_property = cm_pair_view_get_property;
  object_class->set_property = cm_pair_view_set_property;

  /* Where the label keys act: "zh" (the Chinese clauses) or "en". */
  properties[PROP_LABEL_SIDE] =
    g_param_spec_string ("label-side", NULL, NULL, "zh",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after labels of @document changed (an edit, undo or redo). */
  signals[LABELS_CHANGED] = g_signal_new ("labels-changed", G_TYPE_FROM_CLASS (widget_class),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CM_TYPE_DOCUMENT);

  gtk_widget_class_install_action (widget_class, "pair.toggle-zh-label", "s", toggle_label_activated);
  gtk_widget_class_install_action (widget_class, "pair.toggle-en-label", "s", toggle_label_activated);
  gtk_widget_class_install_action (widget_class, "pair.toggle-label", "s", toggle_label_activated);
  gtk_widget_class_install_property_action (widget_class, "pair.label-side", "label-side");
}

static void
add_side_key (GtkShortcutController *controller,
              guint                  keyval,
              const char            *side)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK),
                                            gtk_named_action_new ("pair.label-side"));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (side));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
cm_pair_view_init_labels (CmPairView *self)
{
  GtkEventController *side_keys = gtk_shortcut_controller_new ();

  self->label_side = g_strdup ("zh");
  /* Ctrl+Left / Ctrl+Right pick the column the label keys act on; caught
   * before the list, which would take them as cursor moves */
  gtk_event_controller_set_propagation_phase (side_keys, GTK_PHASE_CAPTURE);
  add_side_key (GTK_SHORTCUT_CONTROLLER (side_keys), GDK_KEY_Left, "zh");
  add_side_key (GTK_SHORTCUT_CONTROLLER (side_keys), GDK_KEY_Right, "en");
  gtk_widget_add_controller (GTK_WIDGET (self), side_keys);
  cm_pair_view_refresh_labels (self);
}

void
cm_pair_view_reset_labels (CmPairView *self)
{
  g_clear_object (&self->zh_undo);
  g_clear_object (&self->en_undo);
  if (self->zh)
    self->zh_undo = cm_undo_stack_new (self->zh);
  if (self->en)
    self->en_undo = cm_undo_stack_new (self->en);
  cm_pair_view_refresh_labels (self);
}

void
cm_pair_view_dispose_labels (CmPairView *self)
{
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->zh_undo);
  g_clear_object (&self->en_undo);
  g_clear_pointer (&self->zh_toggles, g_ptr_array_unref);
  g_clear_pointer (&self->en_toggles, g_ptr_array_unref);
  g_clear_pointer (&self->label_side, g_free);
}
