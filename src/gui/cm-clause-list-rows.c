/* cm-clause-list-rows.c — the clause list's rows
 *
 * Each row shows the clause's number, an excerpt of its text, its labels as
 * chips, the model's confidence and its review state; a row follows its
 * clause's changes while bound. The number and excerpt labels are shared
 * with the curator's list (cm-curator-view.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause-list"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-clause-list-private.h"
#include "cm-flag-bar.h"
#include "cm-label-style.h"

#define EXCERPT_CHARS 160

GtkLabel *
cm_clause_row_number_new (void)
{
  GtkLabel *number = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_width_chars (number, 4);
  gtk_label_set_xalign (number, 1.0);
  gtk_widget_set_valign (GTK_WIDGET (number), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (number), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (number), "numeric");
  return number;
}

GtkLabel *
cm_clause_row_excerpt_new (void)
{
  GtkLabel *excerpt = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (excerpt, 0.0);
  gtk_label_set_ellipsize (excerpt, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (excerpt, TRUE);
  gtk_label_set_width_chars (excerpt, 10);
  gtk_widget_set_hexpand (GTK_WIDGET (excerpt), TRUE);
  return excerpt;
}

char *
cm_document_dup_excerpt (CmDocument *document,
                         guint       start,
                         guint       end,
                         guint       max_chars)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  text = cm_document_dup_range_text (document, start, MIN (end, start + max_chars));
  g_strdelimit (text, "\n\t", ' ');
  if (end > start + max_chars)
    return g_strconcat (g_strstrip (text), "…", NULL);
  return g_strdup (g_strstrip (text));
}

typedef struct
{
  GtkLabel *number;
  GtkLabel *excerpt;
  GtkBox   *chips;
  GtkLabel *confidence;
  GtkImage *state;
} RowWidgets;

static void
on_setup_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CmClauseList             *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  gtk_widget_add_css_class (row, "clause-row");
  w->number = cm_clause_row_number_new ();
  w->excerpt = cm_clause_row_excerpt_new ();

  w->chips = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4));
  gtk_widget_add_css_class (GTK_WIDGET (w->chips), "chips");

  w->confidence = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (w->confidence, 5);
  gtk_label_set_xalign (w->confidence, 1.0);
  gtk_widget_set_valign (GTK_WIDGET (w->confidence), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (w->confidence), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (w->confidence), "caption");

  w->state = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (w->state), GTK_ALIGN_START);
  gtk_image_set_pixel_size (w->state, 16);

  gtk_box_append (GTK_BOX (middle), GTK_WIDGET (w->excerpt));
  gtk_box_append (GTK_BOX (middle), GTK_WIDGET (w->chips));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->number));
  gtk_box_append (GTK_BOX (row), middle);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->confidence));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->state));
  g_object_set_data_full (G_OBJECT (item), "row-widgets", w, g_free);
  gtk_list_item_set_child (item, row);
}

static void
update_row (GtkListItem  *item,
            CmClauseList *self)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (item), "row-widgets");
  CmClause *clause = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autofree char *number = NULL;
  g_autofree char *excerpt = NULL;
  guint position = 0;
  double confidence;
  const char *icon = NULL;
  const char *state_text;

  if (clause == NULL || self->document == NULL)
    return;

  cm_document_lookup_clause (self->document, cm_clause_get_id (clause), &position);
  number = g_strdup_printf ("%u", position + 1);
  gtk_label_set_text (w->number, number);

  /* Only the start of a long clause: a row shows one line. */
  excerpt = cm_document_dup_excerpt (self->document, cm_clause_get_start (clause),
                                     cm_clause_get_end (clause), EXCERPT_CHARS);
  gtk_label_set_text (w->excerpt, excerpt);

  cm_label_chips_fill (w->chips, self->taxonomy, cm_clause_shown_labels (clause, self->blind_annotator));
  /* Blind: the flags are the models' decisions too. */
  if (self->blind_annotator == NULL)
    cm_flag_chips_append (w->chips, cm_clause_get_flags (clause));
  gtk_widget_set_visible (GTK_WIDGET (w->chips), gtk_widget_get_first_child (GTK_WIDGET (w->chips)) != NULL);

  /* Blind: the model's confidence would hint at its labels. */
  confidence = self->blind_annotator ? -1 : cm_clause_get_confidence (clause);
  if (confidence >= 0 && cm_clause_is_labelable (clause))
    {
      g_autofree char *percent = cm_format_percent (confidence);
      gtk_label_set_text (w->confidence, percent);
      if (confidence < 0.5)
        gtk_widget_add_css_class (GTK_WIDGET (w->confidence), "doubtful");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (w->confidence), "doubtful");
    }
  else
    gtk_label_set_text (w->confidence, "");

  switch (cm_clause_get_status (clause))
    {
    case CM_REVIEW_STATUS_ACCEPTED:
      icon = "object-select-symbolic";
      state_text = _("Accepted");
      break;
    case CM_REVIEW_STATUS_CORRECTED:
      icon = "document-edit-symbolic";
      state_text = _("Corrected");
      break;
    case CM_REVIEW_STATUS_UNREVIEWED:
    default:
      state_text = _("Unreviewed");
      break;
    }
  if (!cm_clause_is_labelable (clause))
    {
      icon = NULL;
      state_text = cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING ? _("Heading") : _("Not policy text");
    }
  gtk_image_set_from_icon_name (w->state, icon);
  /* No tooltip here: setting one makes GTK query the pointer from the X
   * server, a round trip per bound row that stalls fast scrolling. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->state), GTK_ACCESSIBLE_PROPERTY_LABEL, state_text, -1);

  if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING)
    gtk_widget_add_css_class (row, "heading-row");
  else
    gtk_widget_remove_css_class (row, "heading-row");
  if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
    gtk_widget_add_css_class (row, "boilerplate");
  else
    gtk_widget_remove_css_class (row, "boilerplate");
  if (cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED)
    gtk_widget_add_css_class (row, "reviewed");
  else
    gtk_widget_remove_css_class (row, "reviewed");
}

static void
on_clause_notify (CmClause    *clause,
                  GParamSpec  *pspec,
                  GtkListItem *item)
{
  CmClauseList *self = g_object_get_data (G_OBJECT (item), "clause-list");

  if (self)
    update_row (item, self);
}

static void
on_bind_row (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CmClauseList             *self)
{
  CmClause *clause = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "clause-list", self);
  update_row (item, self);
  g_signal_connect (clause, "notify", G_CALLBACK (on_clause_notify), item);
}

static void
on_unbind_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CmClauseList             *self)
{
  CmClause *clause = gtk_list_item_get_item (item);

  if (clause)
    g_signal_handlers_disconnect_by_func (clause, on_clause_notify, item);
}

GtkListItemFactory *
cm_clause_list_row_factory_new (CmClauseList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_row), self);
  return factory;
}
