/* cm-curator-view-detail.c — the clause the curator has selected, in
 * detail: its text, where boundaries differed, every annotator's answer
 * numbered for the keys, the majority, the final labels and who settled
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-curator-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-clause-list.h"
#include "cm-curator-view-private.h"
#include "cm-label-style.h"

#define DETAIL_CHARS    4000
#define N_BADGE_COLOURS 6

void
cm_curator_view_remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);
}

/* The annotator's number (1..) in the document, 0 when unknown. */
guint
cm_curator_view_annotator_number (CmCuratorView *self,
                  const char    *annotator)
{
  for (guint i = 0; self->annotators && self->annotators[i]; i++)
    if (g_str_equal (self->annotators[i], annotator))
      return i + 1;
  return 0;
}

/* A chip with the annotator's initials, in a colour of its own. */
GtkWidget *
cm_curator_view_badge_new (CmCuratorView *self,
                     const char    *annotator)
{
  g_autofree char *initials = cm_annotator_initials (annotator);
  g_autofree char *colour = NULL;
  GtkWidget *badge = gtk_label_new (initials);
  guint number = cm_curator_view_annotator_number (self, annotator);

  colour = g_strdup_printf ("annotator-%u", number ? (number - 1) % N_BADGE_COLOURS : 0);
  gtk_widget_add_css_class (badge, "annotator-badge");
  gtk_widget_add_css_class (badge, colour);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, annotator);
  return badge;
}

/* Chips for @labels, or a dim "no label" (an answer too). */
GtkWidget *
cm_curator_view_chips_new (CmCuratorView      *self,
                 const char * const *labels)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  if (labels == NULL || labels[0] == NULL)
    {
      GtkWidget *none = gtk_label_new (_("no label"));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_add_css_class (none, "caption");
      gtk_box_append (GTK_BOX (box), none);
    }
  else
    cm_label_chips_fill (GTK_BOX (box), self->taxonomy, labels);
  return box;
}

/* ---- the selected clause in detail -------------------------------------- */

void
cm_curator_view_build_label_toggles (CmCuratorView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->labels_box))))
    gtk_flow_box_remove (self->labels_box, child);
  g_ptr_array_set_size (self->toggles, 0);
  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      GtkWidget *button = cm_label_toggle_new (cm_taxonomy_get_label (self->taxonomy, i), "win.toggle-label");
      gtk_flow_box_append (self->labels_box, button);
      g_ptr_array_add (self->toggles, button);
    }
}

static GtkWidget *
keycap_new (const char *key)
{
  GtkWidget *keycap = gtk_label_new (key);

  gtk_widget_add_css_class (keycap, "keycap");
  gtk_widget_set_valign (keycap, GTK_ALIGN_CENTER);
  return keycap;
}

/* Each annotator of the document, numbered as the keys take them. */
static void
fill_annotators (CmCuratorView *self,
                 CmClause      *clause)
{
  cm_curator_view_remove_children (GTK_WIDGET (self->annotators_box));
  for (guint i = 0; self->annotators && self->annotators[i]; i++)
    {
      CmAnnotation *annotation = cm_clause_lookup_annotation (clause, self->annotators[i]);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (self->annotators[i]);
      g_autofree char *key = g_strdup_printf ("%u", i + 1);

      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (name), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 16);
      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_box_append (GTK_BOX (line), keycap_new (i < 9 ? key : " "));
      gtk_box_append (GTK_BOX (line), cm_curator_view_badge_new (self, self->annotators[i]));
      gtk_box_append (GTK_BOX (line), name);
      if (annotation)
        gtk_box_append (GTK_BOX (line), cm_curator_view_chips_new (self, cm_annotation_get_labels (annotation)));
      else
        {
          GtkWidget *missing = gtk_label_new (_("did not label this clause"));
          gtk_widget_add_css_class (missing, "dim-label");
          gtk_box_append (GTK_BOX (line), missing);
        }
      gtk_box_append (self->annotators_box, line);
    }
}

/* Where an annotator's clause was larger than this one: their text. */
static void
fill_boundaries (CmCuratorView *self,
                 CmClause      *clause)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < cm_clause_get_n_annotations (clause); i++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (clause, i);
      g_autofree char *text = NULL;
      guint start, end;

      if (!cm_annotation_get_span (annotation, &start, &end))
        continue;
      text = cm_document_dup_excerpt (self->document, start, end, 120);
      if (notes->len)
        g_string_append_c (notes, '\n');
      /* Translators: boundary difference: annotator, the text of the clause they labelled */
      g_string_append_printf (notes, _("%s labelled a different clause here: “%s”"),
                              cm_annotation_get_annotator (annotation), text);
    }
  gtk_label_set_text (self->boundaries_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->boundaries_label), notes->len > 0);
}

static void
fill_decision (CmCuratorView *self,
               CmClause      *clause)
{
  g_autofree char *text = NULL;

  if (cm_clause_get_adjudicated (clause))
    /* Translators: who settled the clause's labels */
    text = g_strdup_printf (_("Adjudicated by %s."), cm_clause_get_reviewer (clause) ? cm_clause_get_reviewer (clause) : "?");
  else
    text = g_strdup (_("Not adjudicated yet."));
  gtk_label_set_text (self->decision_label, text);
}

void
cm_curator_view_update_detail (CmCuratorView *self)
{
  CmCuratorItem *item = gtk_single_selection_get_selected_item (self->selection);
  CmClause *clause = item ? cm_curator_item_get_clause (item) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (gtk_paned_get_end_child (GTK_PANED (self->paned)), clause != NULL);
  cm_curator_view_remove_children (GTK_WIDGET (self->majority_box));
  if (clause == NULL)
    {
      gtk_label_set_text (self->heading_label, _("No clause selected"));
      gtk_label_set_text (self->text_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->boundaries_label), FALSE);
      cm_curator_view_remove_children (GTK_WIDGET (self->annotators_box));
      gtk_label_set_text (self->decision_label, "");
      return;
    }

  /* Translators: curator detail title: the clause's number */
  heading = g_strdup_printf (_("Clause %u"), cm_curator_item_get_position (item) + 1);
  gtk_label_set_text (self->heading_label, heading);
  text = cm_document_dup_excerpt (self->document, cm_clause_get_start (clause), cm_clause_get_end (clause), DETAIL_CHARS);
  gtk_label_set_text (self->text_label, text);
  fill_boundaries (self, clause);
  fill_annotators (self, clause);

  gtk_box_append (self->majority_box, keycap_new (_("Enter")));
  gtk_box_append (self->majority_box, cm_curator_view_chips_new (self, cm_curator_item_get_majority (item)));

  for (guint i = 0; i < self->toggles->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->toggles, i),
                                  cm_clause_has_label (clause, cm_taxonomy_get_label (self->taxonomy, i)->id));
  fill_decision (self, clause);
}

