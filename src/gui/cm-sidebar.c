/* cm-sidebar.c — the open documents with their review progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-sidebar.h"

struct _CmSidebar
{
  GtkWidget   parent_instance;
  GtkWidget  *box;
  GtkWidget  *scroller;
  GtkListBox *list;
  GListModel *entries;
  /* who works here, and the curator's progress */
  GtkWidget  *identity_button;
  GtkLabel   *identity_name;
  GtkLabel   *identity_role;
  GtkLabel   *adjudication_label;
  GtkLevelBar *adjudication_bar;
};

enum
{
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmSidebar, cm_sidebar, GTK_TYPE_WIDGET)

static void
update_row (GtkWidget  *row,
            CmDocEntry *entry)
{
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "title");
  GtkLabel *progress = g_object_get_data (G_OBJECT (row), "progress");
  GtkLevelBar *bar = g_object_get_data (G_OBJECT (row), "bar");
  guint total = cm_doc_entry_get_total (entry);
  guint reviewed = cm_doc_entry_get_reviewed (entry);
  g_autofree char *title_text = NULL;
  g_autofree char *progress_text = NULL;

  title_text = g_strdup_printf ("%s%s", cm_doc_entry_get_dirty (entry) ? "• " : "",
                                cm_doc_entry_get_title (entry));
  gtk_label_set_text (title, title_text);
  if (total > 0)
    /* Translators: sidebar progress of one document */
    progress_text = g_strdup_printf (_("%u / %u reviewed"), reviewed, total);
  else
    progress_text = g_strdup (cm_doc_entry_get_document (entry) ? _("Nothing to review") : _("Not opened yet"));
  gtk_label_set_text (progress, progress_text);
  gtk_level_bar_set_value (bar, total ? (double) reviewed / total : 0.0);
}

static void
on_entry_notify (CmDocEntry *entry,
                 GParamSpec *pspec,
                 GtkWidget  *row)
{
  update_row (row, entry);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CmDocEntry *entry = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *progress = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (progress), 0.0);
  gtk_widget_add_css_class (progress, "dim-label");
  gtk_widget_add_css_class (progress, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), progress);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_add_css_class (box, "sidebar-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "progress", progress);
  g_object_set_data (G_OBJECT (row), "bar", bar);
  g_object_set_data_full (G_OBJECT (row), "entry", g_object_ref (entry), g_object_unref);
  g_signal_connect_object (entry, "notify", G_CALLBACK (on_entry_notify), row, 0);
  /* Once: each tooltip change costs a round trip to the X server. */
  gtk_widget_set_tooltip_text (row, cm_doc_entry_get_source_path (entry));
  update_row (row, entry);
  return row;
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  CmSidebar     *self)
{
  CmDocEntry *entry = g_object_get_data (G_OBJECT (row), "entry");

  if (entry)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, entry);
}

void
cm_sidebar_set_entries (CmSidebar  *self,
                        GListModel *entries)
{
  g_return_if_fail (CM_IS_SIDEBAR (self));
  g_set_object (&self->entries, entries);
  gtk_list_box_bind_model (self->list, entries, create_row, self, NULL);
}

void
cm_sidebar_set_current (CmSidebar  *self,
                        CmDocEntry *entry)
{
  guint n;

  g_return_if_fail (CM_IS_SIDEBAR (self));
  n = self->entries ? g_list_model_get_n_items (self->entries) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) item = g_list_model_get_item (self->entries, i);
      if (item == entry)
        {
          gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) i));
          return;
        }
    }
  gtk_list_box_unselect_all (self->list);
}

/* ---- who works here ----------------------------------------------------- */

static GtkWidget *
create_identity_footer (CmSidebar *self)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");

  self->identity_name = GTK_LABEL (gtk_label_new (NULL));
  self->identity_role = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->identity_name, 0.0);
  gtk_label_set_xalign (self->identity_role, 0.0);
  gtk_label_set_ellipsize (self->identity_name, PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (self->identity_role, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->identity_role), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->identity_role), "caption");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->identity_name));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->identity_role));
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);

  /* The name opens Preferences, where it is changed. */
  self->identity_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->identity_button), row);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->identity_button), "app.preferences");
  gtk_widget_add_css_class (self->identity_button, "flat");
  gtk_widget_set_tooltip_text (self->identity_button, _("The name your labels are recorded under (change it in Preferences)"));

  self->adjudication_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->adjudication_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->adjudication_label), "caption");
  self->adjudication_bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->adjudication_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->adjudication_bar), FALSE);

  gtk_box_append (GTK_BOX (footer), self->identity_button);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->adjudication_label));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->adjudication_bar));
  gtk_widget_add_css_class (footer, "identity-footer");
  cm_sidebar_set_identity (self, NULL, FALSE);
  return footer;
}

void
cm_sidebar_set_identity (CmSidebar  *self,
                         const char *name,
                         gboolean    curator)
{
  g_return_if_fail (CM_IS_SIDEBAR (self));
  gtk_label_set_text (self->identity_name, name && *name ? name : _("Name not set yet"));
  gtk_label_set_text (self->identity_role, curator ? _("Adjudicating (curator)") : _("Annotating"));
}

const char *
cm_sidebar_get_identity (CmSidebar *self)
{
  g_return_val_if_fail (CM_IS_SIDEBAR (self), NULL);
  return gtk_label_get_text (self->identity_name);
}

void
cm_sidebar_set_adjudication_progress (CmSidebar *self,
                                      guint      adjudicated,
                                      guint      total,
                                      gboolean   shown)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CM_IS_SIDEBAR (self));
  gtk_widget_set_visible (GTK_WIDGET (self->adjudication_label), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->adjudication_bar), shown && total > 0);
  if (!shown)
    return;
  if (total == 0)
    text = g_strdup (_("No disagreements to adjudicate"));
  else
    /* Translators: sidebar progress of the curator, e.g. "3 / 17 disagreements adjudicated" */
    text = g_strdup_printf (_("%u / %u disagreements adjudicated"), adjudicated, total);
  gtk_label_set_text (self->adjudication_label, text);
  gtk_level_bar_set_value (self->adjudication_bar, total ? (double) adjudicated / total : 0.0);
}

const char *
cm_sidebar_get_adjudication_text (CmSidebar *self)
{
  g_return_val_if_fail (CM_IS_SIDEBAR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->adjudication_label))
         ? gtk_label_get_text (self->adjudication_label) : NULL;
}

static void
cm_sidebar_dispose (GObject *object)
{
  CmSidebar *self = CM_SIDEBAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->entries);
  G_OBJECT_CLASS (cm_sidebar_parent_class)->dispose (object);
}

static void
cm_sidebar_class_init (CmSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_sidebar_dispose;
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CM_TYPE_DOC_ENTRY);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentsidebar");
}

static void
cm_sidebar_init (CmSidebar *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Documents"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (self->scroller, TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), self->scroller);
  gtk_box_append (GTK_BOX (self->box), create_identity_footer (self));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
