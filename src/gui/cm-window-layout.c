/* cm-window-layout.c — the desk's panes, the documents sidebar, going to a
 * clause and resuming where the reviewer stopped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* How many documents' last clauses are remembered. */
#define MAX_PLACES 100

/* ---- panes ---------------------------------------------------------------- */

/* Text | list | inspector: the list and the inspector get what they need
 * to show a whole review, the text the rest (at least a readable column). */
static gboolean
arrange_panes (gpointer user_data)
{
  CmWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->content_paned));
  int list, inspector;

  self->arrange_source = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;
  list = CLAMP (width * 27 / 100, 320, 470);
  inspector = CLAMP (width * 27 / 100, 360, 460);
  gtk_paned_set_position (self->content_paned, MAX (width - list - inspector, 360));
  gtk_paned_set_position (self->side_paned, list);
  self->panes_arranged = TRUE;
  /* The text re-wraps to its new width: bring the selected clause back into
   * view (scrolled before, it would land wherever the old wrapping put it). */
  if (cm_window_get_selected_clause (self))
    cm_text_view_select_clause (self->text_view, cm_window_get_selected_clause (self), TRUE);
  return G_SOURCE_REMOVE;
}

void
cm_window_arrange_panes (CmWindow *self)
{
  if (self->panes_arranged || self->arrange_source)
    return;
  self->arrange_source = g_idle_add (arrange_panes, self);
}

/* ---- the documents sidebar ------------------------------------------------ */

/* One document needs no list of documents: the sidebar shows from two on
 * (F9 or the header button shows or hides it at any time). */
static void
on_entries_changed (CmWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  if (n >= 2 && !self->sidebar_shown_for_many)
    {
      self->sidebar_shown_for_many = TRUE;
      gtk_toggle_button_set_active (self->sidebar_button, TRUE);
    }
  else if (n < 2)
    self->sidebar_shown_for_many = FALSE;
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button, !gtk_toggle_button_get_active (self->sidebar_button));
}

/* ---- go to clause N --------------------------------------------------------- */

gboolean
cm_window_go_to_clause (CmWindow *self,
                        guint     number)
{
  CmDocument *document = cm_window_get_document (self);
  CmClause *clause;

  g_return_val_if_fail (CM_IS_WINDOW (self), FALSE);
  if (document == NULL || number < 1 || number > cm_document_get_n_clauses (document))
    return FALSE;
  clause = cm_document_get_clause (document, number - 1);
  cm_window_reveal_clause (self, clause, TRUE);
  return TRUE;
}

void
cm_window_reveal_clause (CmWindow *self,
                         CmClause *clause,
                         gboolean  scroll_text)
{
  if (!cm_clause_list_select_clause (self->clause_list, clause))
    {
      /* hidden by the filters: show every clause rather than refuse */
      cm_clause_list_set_filter (self->clause_list, NULL, NULL, -1, 2.0);
      cm_clause_list_select_clause (self->clause_list, clause);
    }
  cm_window_select_clause (self, clause, scroll_text);
}

static void
on_go_to_activate (CmWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->go_to_entry));
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &number, NULL)
      || !cm_window_go_to_clause (self, (guint) number))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->go_to_entry));
      gtk_widget_add_css_class (GTK_WIDGET (self->go_to_entry), "error");
      return;
    }
  gtk_popover_popdown (self->go_to_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->clause_list));
}

static void
on_go_to_changed (CmWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->go_to_entry), "error");
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  g_autofree char *hint = NULL;

  if (document == NULL)
    return;
  /* Translators: the range of clause numbers one can go to */
  hint = g_strdup_printf (_("Clause number, 1 to %u"), cm_document_get_n_clauses (document));
  gtk_entry_set_placeholder_text (self->go_to_entry, hint);
  gtk_editable_set_text (GTK_EDITABLE (self->go_to_entry), "");
  gtk_popover_popup (self->go_to_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->go_to_entry));
}

/* ---- where the reviewer stopped ------------------------------------------- */

static GSettings *
get_settings (CmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? cm_application_get_settings (CM_APPLICATION (app)) : NULL;
}

/* The last selected clause of each document, by its save path, so that
 * reopening it (or restoring it after a crash) resumes there. Written a
 * second after the selection settles, not on every key. */
static gboolean
store_place (gpointer user_data)
{
  CmWindow *self = user_data;
  GSettings *settings = get_settings (self);
  CmClause *clause = cm_window_get_selected_clause (self);
  const char *path = self->current ? cm_doc_entry_get_save_path (self->current) : NULL;
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ss)"));
  GVariantIter iter;
  const char *key, *value;
  guint n = 1;

  self->place_source = 0;
  if (settings == NULL || clause == NULL || path == NULL)
    return G_SOURCE_REMOVE;
  old = g_settings_get_value (settings, "last-clauses");
  /* most recent first; the oldest fall off */
  g_variant_builder_add (&builder, "(ss)", path, cm_clause_get_id (clause));
  g_variant_iter_init (&iter, old);
  while (n < MAX_PLACES && g_variant_iter_next (&iter, "(&s&s)", &key, &value))
    if (g_strcmp0 (key, path) != 0)
      {
        g_variant_builder_add (&builder, "(ss)", key, value);
        n++;
      }
  g_settings_set_value (settings, "last-clauses", g_variant_builder_end (&builder));
  return G_SOURCE_REMOVE;
}

void
cm_window_remember_place (CmWindow *self)
{
  g_clear_handle_id (&self->place_source, g_source_remove);
  self->place_source = g_timeout_add (1000, store_place, self);
}

void
cm_window_flush_place (CmWindow *self)
{
  if (self->place_source == 0)
    return;
  g_clear_handle_id (&self->place_source, g_source_remove);
  store_place (self);
}

CmClause *
cm_window_lookup_place (CmWindow   *self,
                        CmDocEntry *entry)
{
  GSettings *settings = get_settings (self);
  CmDocument *document = cm_doc_entry_get_document (entry);
  const char *path = cm_doc_entry_get_save_path (entry);
  g_autoptr(GVariant) places = NULL;
  GVariantIter iter;
  const char *key, *value;

  if (settings == NULL || document == NULL || path == NULL)
    return NULL;
  places = g_settings_get_value (settings, "last-clauses");
  g_variant_iter_init (&iter, places);
  while (g_variant_iter_next (&iter, "(&s&s)", &key, &value))
    if (g_strcmp0 (key, path) == 0)
      return cm_document_lookup_clause (document, value, NULL);
  return NULL;
}

/* ---- setup ----------------------------------------------------------------- */

void
cm_window_class_init_layout (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.go-to", NULL, go_to_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.go-to", NULL);
}

/* Ctrl+G: a popover over the list asking for the clause number. */
static void
build_go_to_popover (CmWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Go to Clause"));
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 18);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  self->go_to_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->go_to_popover, box);
  gtk_popover_set_position (self->go_to_popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (self->go_to_popover), GTK_WIDGET (self->title_label));
  self->go_to_entry = GTK_ENTRY (entry);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_go_to_activate), self);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_go_to_changed), self);
}

/* F6 / Shift+F6 move between the text and the list before the panes see
 * them (GtkPaned binds F6 to cycling its own children). */
static void
add_focus_keys (CmWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                                                          gtk_named_action_new ("win.focus-text")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.focus-list")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
cm_window_init_layout (CmWindow *self)
{
  build_go_to_popover (self);
  add_focus_keys (self);
  g_object_bind_property (self->sidebar_button, "active", self->sidebar, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->entries, "items-changed", G_CALLBACK (on_entries_changed), self);
}

void
cm_window_dispose_layout (CmWindow *self)
{
  cm_window_flush_place (self);
  g_clear_handle_id (&self->arrange_source, g_source_remove);
  if (self->go_to_popover)
    {
      gtk_widget_unparent (GTK_WIDGET (self->go_to_popover));
      self->go_to_popover = NULL;
    }
}
