/* cm-checklist-panel.c — the disclosure checklist of the shown document
 *
 * The bundled checklists for the document's language are evaluated on the
 * main thread: the rules read every clause the reviewer edits, and one
 * pass over a policy takes milliseconds. The verdicts of all checklists
 * are one flattened list model; "gaps only" filters it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-checklist-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-checklist-panel.h"
#include "cm-label-style.h"
#include "cm-list-focus.h"

struct _CmChecklistPanel
{
  GtkWidget            parent_instance;

  /* template children */
  GtkLabel            *summary_label;
  GtkCheckButton      *gaps_button;
  GtkListView         *list_view;
  GtkLabel            *evidence_label;
  GtkMenuButton       *override_button;
  GtkPopover          *override_popover;
  GtkLabel            *override_title;
  GtkDropDown         *verdict_dropdown;
  GtkEntry            *note_entry;
  GtkButton           *clear_override_button;

  CmDocument          *document;
  GPtrArray           *checklists;   /* of CmChecklist, for language */
  char                *language;
  GListStore          *stores;       /* of GListStore of CmChecklistVerdict (verdicts owns it) */
  GtkFlattenListModel *verdicts;
  GtkCustomFilter     *filter;       /* owned by shown */
  GtkFilterListModel  *shown;        /* owned by selection */
  GtkSingleSelection  *selection;
  gboolean             gaps_only;
  /* Activating the same item again shows its next evidence clause. */
  char                *cycle_key;
  guint                cycle_index;
};

enum
{
  SHOW_EVIDENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmChecklistPanel, cm_checklist_panel, GTK_TYPE_WIDGET)

/* ---- verdicts ----------------------------------------------------------- */

static gboolean
is_gap (gpointer item,
        gpointer user_data)
{
  CmChecklistPanel *self = user_data;
  CmVerdict verdict = cm_checklist_verdict_get_verdict (item);

  return !self->gaps_only || verdict == CM_VERDICT_ABSENT || verdict == CM_VERDICT_UNCLEAR;
}

static CmChecklistVerdict *
get_selected (CmChecklistPanel *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static char *
verdict_key (CmChecklistVerdict *verdict)
{
  return g_strconcat (cm_checklist_get_id (cm_checklist_verdict_get_checklist (verdict)), "/",
                      cm_checklist_verdict_get_item (verdict)->id, NULL);
}

static void
update_summary (CmChecklistPanel *self)
{
  GListModel *model = G_LIST_MODEL (self->verdicts);
  guint counts[CM_N_VERDICTS] = { 0 };
  guint n = g_list_model_get_n_items (model);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (model, i);
      counts[cm_checklist_verdict_get_verdict (verdict)]++;
    }
  if (self->document == NULL || self->checklists == NULL || self->checklists->len == 0)
    text = g_strdup (_("No checklist applies to this document’s language."));
  else
    /* Translators: the checklist summary: counts of present, absent, unclear items */
    text = g_strdup_printf (_("%u present, %u absent, %u unclear, %u not applicable"),
                            counts[CM_VERDICT_PRESENT], counts[CM_VERDICT_ABSENT],
                            counts[CM_VERDICT_UNCLEAR], counts[CM_VERDICT_NOT_APPLICABLE]);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->override_button), get_selected (self) != NULL);
}

/* The verdict of @model whose key is @key (owned by its store), and its
 * position; NULL when none is. */
static CmChecklistVerdict *
find_key (GListModel *model,
          const char *key,
          guint      *position)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (model, i);
      g_autofree char *k = verdict_key (verdict);

      if (g_str_equal (k, key))
        {
          if (position)
            *position = i;
          return verdict;
        }
    }
  return NULL;
}

/* Selects the item @key names, else the first one shown. */
static void
select_key (CmChecklistPanel *self,
            const char       *key)
{
  guint position = 0;

  if (find_key (G_LIST_MODEL (self->shown), key, &position) != NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    gtk_single_selection_set_selected (self->selection, position);
}

void
cm_checklist_panel_refresh (CmChecklistPanel *self)
{
  g_autofree char *selected = NULL;

  g_return_if_fail (CM_IS_CHECKLIST_PANEL (self));

  if (get_selected (self) != NULL)
    selected = verdict_key (get_selected (self));
  g_list_store_remove_all (self->stores);
  for (guint i = 0; self->document && self->checklists && i < self->checklists->len; i++)
    {
      g_autoptr(GListStore) verdicts = cm_checklist_evaluate (g_ptr_array_index (self->checklists, i),
                                                              self->document);
      g_list_store_append (self->stores, verdicts);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_key (self, selected);
  update_summary (self);
}

void
cm_checklist_panel_set_document (CmChecklistPanel *self,
                                 CmDocument       *document)
{
  const char *language;

  g_return_if_fail (CM_IS_CHECKLIST_PANEL (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  /* The same document again (after an edit): the next Enter on an item
   * still goes on to its next evidence clause. */
  if (document != self->document)
    g_clear_pointer (&self->cycle_key, g_free);
  g_set_object (&self->document, document);
  language = document && cm_document_is_chinese (document) ? "zh" : "en";
  if (document != NULL && g_strcmp0 (language, self->language) != 0)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&self->checklists, g_ptr_array_unref);
      g_free (self->language);
      self->language = g_strdup (language);
      self->checklists = cm_checklist_load_bundled (language, &error);
      /* The bundled checklists come with the program: a broken one is a
       * broken installation, said once in the log and in the panel. */
      if (self->checklists == NULL)
        g_warning ("No disclosure checklists: %s", error->message);
    }
  cm_checklist_panel_refresh (self);
}

GListModel *
cm_checklist_panel_get_verdicts (CmChecklistPanel *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_PANEL (self), NULL);
  return G_LIST_MODEL (self->verdicts);
}

CmChecklistVerdict *
cm_checklist_panel_lookup (CmChecklistPanel *self,
                           const char       *checklist,
                           const char       *item)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CM_IS_CHECKLIST_PANEL (self), NULL);
  g_return_val_if_fail (checklist != NULL && item != NULL, NULL);

  key = g_strconcat (checklist, "/", item, NULL);
  return find_key (G_LIST_MODEL (self->verdicts), key, NULL);
}

void
cm_checklist_panel_set_gaps_only (CmChecklistPanel *self,
                                  gboolean          gaps_only)
{
  g_return_if_fail (CM_IS_CHECKLIST_PANEL (self));
  /* toggled re-filters */
  gtk_check_button_set_active (self->gaps_button, gaps_only);
}

GListModel *
cm_checklist_panel_get_shown (CmChecklistPanel *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_PANEL (self), NULL);
  return G_LIST_MODEL (self->shown);
}

static void
on_gaps_toggled (CmChecklistPanel *self)
{
  g_autofree char *selected = get_selected (self) ? verdict_key (get_selected (self)) : NULL;

  self->gaps_only = gtk_check_button_get_active (self->gaps_button);
  gtk_filter_changed (GTK_FILTER (self->filter),
                      self->gaps_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  select_key (self, selected);
  update_summary (self);
}

/* ---- evidence ----------------------------------------------------------- */

static gboolean
show_next_evidence (CmChecklistPanel   *self,
                    CmChecklistVerdict *verdict)
{
  const char * const *evidence = cm_checklist_verdict_get_evidence (verdict);
  guint n = evidence ? g_strv_length ((char **) evidence) : 0;
  g_autofree char *key = verdict_key (verdict);
  g_autofree char *text = NULL;
  guint position = 0;

  if (n == 0)
    {
      gtk_label_set_text (self->evidence_label, _("No clause is evidence for this item."));
      return FALSE;
    }
  if (g_strcmp0 (key, self->cycle_key) == 0)
    self->cycle_index = (self->cycle_index + 1) % n;
  else
    {
      g_free (self->cycle_key);
      self->cycle_key = g_steal_pointer (&key);
      self->cycle_index = 0;
    }
  if (self->document)
    cm_document_lookup_clause (self->document, evidence[self->cycle_index], &position);
  /* Translators: which evidence clause is shown: "Evidence 1 of 3: clause 12" */
  text = g_strdup_printf (_("Evidence %u of %u: clause %u"), self->cycle_index + 1, n, position + 1);
  gtk_label_set_text (self->evidence_label, text);
  g_signal_emit (self, signals[SHOW_EVIDENCE], 0, evidence[self->cycle_index]);
  return TRUE;
}

gboolean
cm_checklist_panel_activate_item (CmChecklistPanel *self,
                                  const char       *checklist,
                                  const char       *item)
{
  CmChecklistVerdict *verdict;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CM_IS_CHECKLIST_PANEL (self), FALSE);

  verdict = cm_checklist_panel_lookup (self, checklist, item);
  if (verdict == NULL)
    return FALSE;
  key = verdict_key (verdict);
  select_key (self, key);
  return show_next_evidence (self, verdict);
}

static void
on_list_activate (CmChecklistPanel *self,
                  guint             position)
{
  g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (verdict != NULL && !show_next_evidence (self, verdict))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* ---- overrides ---------------------------------------------------------- */

static void
on_override_popover_show (CmChecklistPanel *self)
{
  CmChecklistVerdict *verdict = get_selected (self);
  const char *note;
  g_autofree char *title = NULL;

  if (verdict == NULL)
    return;
  /* Translators: the override popover's title; %s is a checklist item */
  title = g_strdup_printf (_("Your verdict on “%s”"),
                           cm_checklist_item_get_name (cm_checklist_verdict_get_item (verdict),
                                                       cm_ui_language ()));
  gtk_label_set_text (self->override_title, title);
  gtk_drop_down_set_selected (self->verdict_dropdown, cm_checklist_verdict_get_verdict (verdict));
  note = cm_checklist_verdict_get_note (verdict);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note ? note : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_override_button),
                            cm_checklist_verdict_is_overridden (verdict));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

/* The window records the override as an undoable edit (win.override-verdict). */
static void
request_override (CmChecklistPanel *self,
                  const char       *verdict_id)
{
  CmChecklistVerdict *verdict = get_selected (self);

  if (verdict == NULL)
    return;
  gtk_popover_popdown (self->override_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.override-verdict", "(ssss)",
                              cm_checklist_get_id (cm_checklist_verdict_get_checklist (verdict)),
                              cm_checklist_verdict_get_item (verdict)->id, verdict_id,
                              gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
on_apply_override (CmChecklistPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->verdict_dropdown);

  if (selected >= CM_N_VERDICTS)
    return;
  request_override (self, cm_verdict_to_string (selected));
}

static void
on_clear_override (CmChecklistPanel *self)
{
  request_override (self, "");
}

/* ---- rows --------------------------------------------------------------- */

typedef struct
{
  GtkLabel *badge;
  GtkLabel *name;
  GtkLabel *detail;
  GtkLabel *note;
} RowWidgets;

static void
on_setup_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CmChecklistPanel         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (w->badge), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (w->badge), "verdict-badge");
  w->name = GTK_LABEL (gtk_label_new (NULL));
  w->detail = GTK_LABEL (gtk_label_new (NULL));
  w->note = GTK_LABEL (gtk_label_new (NULL));
  for (GtkLabel **l = &w->name; l <= &w->note; l++)
    {
      gtk_label_set_xalign (*l, 0.0);
      gtk_label_set_wrap (*l, TRUE);
      gtk_label_set_wrap_mode (*l, PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (text), GTK_WIDGET (*l));
    }
  gtk_widget_add_css_class (GTK_WIDGET (w->detail), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->note), "verdict-note");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->badge));
  gtk_box_append (GTK_BOX (row), text);
  gtk_widget_add_css_class (row, "checklist-row");
  g_object_set_data_full (G_OBJECT (item), "row-widgets", w, g_free);
  gtk_list_item_set_child (item, row);
}

static void
update_row (GtkListItem *item)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (item), "row-widgets");
  CmChecklistVerdict *verdict = gtk_list_item_get_item (item);
  const CmChecklistItem *it;
  CmVerdict v;
  guint n_evidence;
  g_autofree char *klass = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *evidence = NULL;

  if (verdict == NULL)
    return;
  it = cm_checklist_verdict_get_item (verdict);
  v = cm_checklist_verdict_get_verdict (verdict);
  for (CmVerdict k = 0; k < CM_N_VERDICTS; k++)
    {
      g_autofree char *other = g_strconcat ("verdict-", cm_verdict_to_string (k), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (w->badge), other);
    }
  klass = g_strconcat ("verdict-", cm_verdict_to_string (v), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (w->badge), klass);
  gtk_label_set_text (w->badge, cm_verdict_get_name (v));
  gtk_label_set_text (w->name, cm_checklist_item_get_name (it, cm_ui_language ()));

  n_evidence = g_strv_length ((char **) cm_checklist_verdict_get_evidence (verdict));
  if (n_evidence == 0)
    evidence = g_strdup (_("no evidence"));
  else
    evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u evidence clause",
                                             "%u evidence clauses", n_evidence), n_evidence);
  detail = g_strdup_printf ("%s · %s", it->law, evidence);
  gtk_label_set_text (w->detail, detail);

  gtk_widget_set_visible (GTK_WIDGET (w->note), cm_checklist_verdict_is_overridden (verdict));
  if (cm_checklist_verdict_is_overridden (verdict))
    {
      const char *note = cm_checklist_verdict_get_note (verdict);
      /* Translators: an overridden verdict: what the rules said, then the reviewer's note */
      g_autofree char *text = g_strdup_printf (_("Reviewer’s verdict (rules: %s)%s%s"),
                                               cm_verdict_get_name (cm_checklist_verdict_get_rule_verdict (verdict)),
                                               note && *note ? " — " : "", note && *note ? note : "");
      gtk_label_set_text (w->note, text);
    }
}

static void
on_verdict_notify (GtkListItem *item)
{
  update_row (item);
}

static void
on_bind_row (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CmChecklistPanel         *self)
{
  update_row (item);
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify",
                            G_CALLBACK (on_verdict_notify), item);
}

static void
on_unbind_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CmChecklistPanel         *self)
{
  gpointer verdict = gtk_list_item_get_item (item);

  if (verdict)
    g_signal_handlers_disconnect_by_func (verdict, on_verdict_notify, item);
}

static void
on_selection_changed (CmChecklistPanel *self)
{
  update_summary (self);
}

/* ---- object ------------------------------------------------------------- */

/* Focusing the panel focuses the selected item, so the arrows and Enter
 * work on the list at once (F7). */
static gboolean
cm_checklist_panel_grab_focus (GtkWidget *widget)
{
  CmChecklistPanel *self = CM_CHECKLIST_PANEL (widget);

  return cm_list_focus_selected (self->list_view, self->selection);
}

static void
cm_checklist_panel_dispose (GObject *object)
{
  CmChecklistPanel *self = CM_CHECKLIST_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_CHECKLIST_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);  /* and with it the filter model */
  g_clear_object (&self->verdicts);   /* and with it the stores */
  g_clear_object (&self->document);
  g_clear_pointer (&self->checklists, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->cycle_key, g_free);
  G_OBJECT_CLASS (cm_checklist_panel_parent_class)->dispose (object);
}

static void
cm_checklist_panel_class_init (CmChecklistPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_checklist_panel_dispose;
  widget_class->grab_focus = cm_checklist_panel_grab_focus;

  /* The id of the clause to show (the window selects and scrolls to it). */
  signals[SHOW_EVIDENCE] =
    g_signal_new ("show-evidence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-checklist-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, gaps_button);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, override_button);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, override_popover);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, override_title);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, verdict_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, note_entry);
  gtk_widget_class_bind_template_child (widget_class, CmChecklistPanel, clear_override_button);
  gtk_widget_class_bind_template_callback (widget_class, on_gaps_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_override_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_override);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_override);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checklistpanel");
}

static void
cm_checklist_panel_init (CmChecklistPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stores = g_list_store_new (G_TYPE_LIST_MODEL);
  /* the flatten model owns the stores, the filter model the flatten model */
  self->verdicts = gtk_flatten_list_model_new (G_LIST_MODEL (self->stores));
  self->filter = gtk_custom_filter_new (is_gap, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->verdicts)),
                                           GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->shown));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  for (CmVerdict v = 0; v < CM_N_VERDICTS; v++)
    gtk_string_list_append (names, cm_verdict_get_name (v));
  gtk_drop_down_set_model (self->verdict_dropdown, G_LIST_MODEL (names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checklist items"), -1);
  update_summary (self);
}
