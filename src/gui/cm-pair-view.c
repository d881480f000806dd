/* cm-pair-view.c — a Chinese policy and its English version side by side
 *
 * The links of the Chinese document are the model: the rows show them with
 * their differences, rebuilt after every edit. Link edits and their undo
 * history are in cm-pair-view-links.c, label corrections in
 * cm-pair-view-labels.c, moving between differences in
 * cm-pair-view-navigation.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-link-summary.h"
#include "cm-pair-row.h"
#include "cm-pair-view-private.h"
#include "cm-revision-diff.h"


enum
{
  LINKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmPairView, cm_pair_view, GTK_TYPE_WIDGET)

/* ---- rows ---------------------------------------------------------------- */

static void
update_summary (CmPairView *self)
{
  g_autofree char *text = NULL;

  if (self->zh == NULL || self->align_cancellable != NULL || self->align_error != NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  /* re-aligning rows in a thread, or why that failed, where the counts are */
  if ((text = cm_pair_view_describe_relink (self)) != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label),
                                self->relink_error != NULL ? "error" : "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
      gtk_label_set_text (self->summary_label, text);
      return;
    }
  {
    guint n_rows = cm_pair_view_get_n_rows (self);
    guint n_open = cm_pair_view_get_n_open_differences (self);
    g_autofree char *rows = g_strdup_printf (ngettext ("%u row", "%u rows", n_rows), n_rows);

    /* TRANSLATORS: "%s" is "N rows" */
    text = g_strdup_printf (ngettext ("%s, %u difference to review", "%s, %u differences to review",
                                      n_open), rows, n_open);
  }
  /* two texts that are no versions of each other: say so where the
   * counts are, the reason in the tooltip */
  {
    CmLinkSummary summary;
    g_autofree char *reason = NULL;

    cm_links_summarize (cm_document_get_links (self->zh), &summary);
    reason = cm_link_summary_describe (&summary);
    if (reason != NULL)
      {
        /* TRANSLATORS: "%s" is "N rows, N differences to review" */
        g_autofree char *warned = g_strdup_printf (_("These texts share little — %s"), text);
        g_free (text);
        text = g_steal_pointer (&warned);
      }
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), reason);
    if (reason != NULL)
      {
        gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
        gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "warning");
      }
    else
      {
        gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "warning");
        gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
      }
  }
  gtk_label_set_text (self->summary_label, text);
}

/* A version's name for the column headers: its file name, else its id. */
char *
cm_pair_view_version_name (CmDocument *document)
{
  const char *path = cm_document_get_source_path (document);

  return path && *path ? g_path_get_basename (path) : g_strdup (cm_document_get_id (document));
}

/* Headers and side names: Chinese / English, or, for two versions of one
 * policy, Old / New with the versions' names. */
static void
update_headers (CmPairView *self)
{
  gtk_widget_set_visible (self->version_box, self->revision);
  if (self->revision && self->zh != NULL)
    {
      g_autofree char *old_name = cm_pair_view_version_name (self->zh);
      g_autofree char *new_name = cm_pair_view_version_name (self->en);
      /* TRANSLATORS: column header over the older version; %s is its file name */
      g_autofree char *old_text = g_strdup_printf (_("Old: %s"), old_name);
      /* TRANSLATORS: column header over the newer version; %s is its file name */
      g_autofree char *new_text = g_strdup_printf (_("New: %s"), new_name);

      gtk_label_set_text (self->old_header, old_text);
      gtk_label_set_text (self->new_header, new_text);
      gtk_check_button_set_label (self->old_side_button, _("Label keys act on the old clause (Ctrl+←)"));
      gtk_check_button_set_label (self->new_side_button, _("Label keys act on the new clause (Ctrl+→)"));
      return;
    }
  gtk_label_set_text (self->old_header, _("Chinese version"));
  gtk_label_set_text (self->new_header, _("English version"));
  gtk_check_button_set_label (self->old_side_button, _("Label keys act on the Chinese clause (Ctrl+←)"));
  gtk_check_button_set_label (self->new_side_button, _("Label keys act on the English clause (Ctrl+→)"));
}

static void
update_actions (CmPairView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  /* nothing to act on while aligning, or when that failed */
  gboolean have = self->zh != NULL && self->align_cancellable == NULL && self->align_error == NULL;
  /* no link edit while rows are re-aligned: their result replaces them */
  gboolean editable = have && self->relink_cancellable == NULL;

  gtk_widget_action_set_enabled (widget, "pair.next-difference", have);
  gtk_widget_action_set_enabled (widget, "pair.previous-difference", have);
  gtk_widget_action_set_enabled (widget, "pair.link", editable && n_selected >= 2);
  gtk_widget_action_set_enabled (widget, "pair.unlink", editable && n_selected >= 1);
  gtk_widget_action_set_enabled (widget, "pair.relink", editable && n_selected >= 1);
  gtk_widget_action_set_enabled (widget, "pair.cancel-relink", self->relink_cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "pair.toggle-reviewed", editable && n_selected >= 1);
  gtk_widget_action_set_enabled (widget, "pair.undo", editable && self->undo->len > 0);
  gtk_widget_action_set_enabled (widget, "pair.redo", editable && self->redo->len > 0);
}

void
cm_pair_view_update_state (CmPairView *self)
{
  update_summary (self);
  update_actions (self);
}

/* Rebuilds the rows from the links, keeping the selection at @select (or
 * none when negative). */
static void
rebuild_rows (CmPairView *self,
              int         select)
{
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const CmDifference **best = NULL;
  g_autofree gboolean *moved = NULL;
  GPtrArray *links;

  /* the rows changed: a failed re-alignment is old news */
  g_clear_pointer (&self->relink_error, g_free);
  if (self->zh == NULL || self->align_cancellable != NULL || self->align_error != NULL)
    {
      g_list_store_remove_all (self->rows);
      update_summary (self);
      update_actions (self);
      return;
    }
  links = cm_document_get_links (self->zh);
  differences = self->revision
                ? cm_revision_find_changes_named (self->zh, self->en, self->taxonomy, cm_ui_language ())
                : cm_pair_find_differences_named (self->zh, self->en, self->taxonomy, cm_ui_language ());
  moved = cm_links_find_moved (links, self->en);
  best = g_new0 (const CmDifference *, links->len + 1);
  /* differences come most important first: keep the first of each link */
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *difference = differences->pdata[i];

      /* a run of missing clauses marks each of its rows */
      for (guint k = difference->link_index;
           k < difference->link_index + MAX (difference->n_links, 1) && k < links->len; k++)
        if (best[k] == NULL)
          best[k] = difference;
    }
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      g_autofree char *zh_text = cm_document_join_clause_texts (self->zh, link->clauses, "\n");
      g_autofree char *en_text = cm_document_join_clause_texts (self->en, link->partner_clauses, "\n");

      CmPairRow *row = cm_pair_row_new (i, zh_text, en_text, best[i], link->reviewed);

      cm_pair_row_set_moved (row, moved[i]);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  if (select >= 0 && (guint) select < rows->len)
    cm_pair_view_select_link (self, (guint) select);
  update_summary (self);
  update_actions (self);
}

/* ---- the row widgets ------------------------------------------------------ */

static GtkWidget *
make_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* One version's cell: its text, its labels right under it. */
static GtkWidget *
make_side_cell (void)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_add_css_class (chips, "chips");
  gtk_box_append (GTK_BOX (cell), make_cell_label ());
  gtk_box_append (GTK_BOX (cell), chips);
  return cell;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *grid = gtk_grid_new ();

  /* Five equal columns: two for each version, one for the reason. Equal
   * columns keep the rows lined up whatever each text would like (a long
   * reason must wrap, not push the texts aside). Each version's labels sit
   * in its own cell, so a tall reason leaves them under their text. */
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_hexpand (grid, TRUE);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_grid_attach (GTK_GRID (grid), make_side_cell (), 0, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), make_side_cell (), 2, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), make_cell_label (), 4, 0, 1, 1);
  gtk_list_item_set_child (item, grid);
}

static void
set_cell_text (GtkLabel   *label,
               const char *text)
{
  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (label, "—");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_label_set_text (label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
}

/* The labels any of @ids' clauses holds, as chips (in taxonomy order). */
static void
fill_side_chips (CmPairView         *self,
                 GtkWidget          *box,
                 CmDocument         *document,
                 const char * const *ids)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; self->taxonomy && i < cm_taxonomy_get_n_labels (self->taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);

      for (guint k = 0; ids && ids[k]; k++)
        {
          CmClause *clause = cm_document_lookup_clause (document, ids[k], NULL);
          if (clause && cm_clause_has_label (clause, label->id))
            {
              g_ptr_array_add (labels, label->id);
              break;
            }
        }
    }
  g_ptr_array_add (labels, NULL);
  cm_label_chips_fill (GTK_BOX (box), self->taxonomy, (const char * const *) labels->pdata);
  gtk_widget_set_visible (box, labels->len > 1);
}

/* Pango markup of @text with the pieces of @pieces that are @change
 * marked (and the other changed ones left out). */
static char *
diff_markup (GPtrArray    *pieces,
             CmWordChange  change)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < pieces->len; k++)
    {
      const CmWordPiece *piece = pieces->pdata[k];
      g_autofree char *escaped = g_markup_escape_text (piece->text, -1);

      if (piece->change == CM_WORD_SAME)
        g_string_append (out, escaped);
      else if (piece->change == change && change == CM_WORD_REMOVED)
        g_string_append_printf (out, "<span strikethrough=\"true\" background=\"#f6c9c4\" "
                                "foreground=\"#7a1d12\">%s</span>", escaped);
      else if (piece->change == change)
        g_string_append_printf (out, "<span underline=\"single\" background=\"#c8ebc9\" "
                                "foreground=\"#14531a\">%s</span>", escaped);
    }
  return g_string_free (out, FALSE);
}

/* Moved rows carry a mark before the second text; in a revision, changed
 * words are highlighted (removed ones struck through on the old side, added
 * ones underlined on the new side). */
static void
show_changes (CmPairView *self,
              CmPairRow  *row,
              GtkLabel   *first,
              GtkLabel   *second)
{
  const char *old_text = cm_pair_row_get_zh_text (row), *new_text = cm_pair_row_get_en_text (row);
  g_autofree char *old_markup = NULL;
  g_autofree char *new_markup = NULL;

  if (self->revision && *old_text && *new_text && !g_str_equal (old_text, new_text))
    {
      g_autoptr(GPtrArray) pieces = cm_word_diff (old_text, new_text);

      old_markup = diff_markup (pieces, CM_WORD_REMOVED);
      new_markup = diff_markup (pieces, CM_WORD_ADDED);
    }
  if (cm_pair_row_get_moved (row))
    {
      g_autofree char *escaped = new_markup ? g_steal_pointer (&new_markup)
                                            : g_markup_escape_text (new_text, -1);
      /* TRANSLATORS: marks a clause the other version has elsewhere */
      new_markup = g_strdup_printf ("<b>%s</b> %s", _("⇅ moved"), escaped);
    }
  if (old_markup)
    gtk_label_set_markup (first, old_markup);
  if (new_markup)
    gtk_label_set_markup (second, new_markup);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  CmPairView *self = CM_PAIR_VIEW (user_data);
  CmPairRow *row = gtk_list_item_get_item (item);
  GtkWidget *grid = gtk_list_item_get_child (item);
  GtkWidget *zh_cell = gtk_widget_get_first_child (grid);
  GtkWidget *en_cell = gtk_widget_get_next_sibling (zh_cell);
  GtkWidget *reason = gtk_widget_get_next_sibling (en_cell);
  GtkWidget *zh = gtk_widget_get_first_child (zh_cell);
  GtkWidget *en = gtk_widget_get_first_child (en_cell);
  GtkWidget *zh_chips = gtk_widget_get_next_sibling (zh);
  GtkWidget *en_chips = gtk_widget_get_next_sibling (en);
  const CmDifference *difference = cm_pair_row_get_difference (row);
  GPtrArray *links = self->zh ? cm_document_get_links (self->zh) : NULL;
  guint index = cm_pair_row_get_link_index (row);
  double importance = 0;

  set_cell_text (GTK_LABEL (zh), cm_pair_row_get_zh_text (row));
  set_cell_text (GTK_LABEL (en), cm_pair_row_get_en_text (row));
  if (links && index < links->len)
    {
      const CmLink *link = g_ptr_array_index (links, index);

      fill_side_chips (self, zh_chips, self->zh, (const char * const *) link->clauses);
      fill_side_chips (self, en_chips, self->en, (const char * const *) link->partner_clauses);
    }
  show_changes (self, row, GTK_LABEL (zh), GTK_LABEL (en));
  gtk_widget_remove_css_class (reason, "error");
  gtk_widget_remove_css_class (reason, "warning");
  gtk_widget_remove_css_class (reason, "dim-label");
  if (difference == NULL)
    {
      gtk_label_set_text (GTK_LABEL (reason), "");
      gtk_widget_set_tooltip_text (reason, NULL);
    }
  else
    {
      g_autofree char *text = cm_pair_row_describe (row, &importance);

      if (cm_pair_row_get_reviewed (row))
        gtk_widget_add_css_class (reason, "dim-label");
      else
        gtk_widget_add_css_class (reason, importance >= 0.6 ? "error" : "warning");
      gtk_label_set_text (GTK_LABEL (reason), text);
      /* a row of a run: the run's own sentence (its count, its most
       * important clause) on hover */
      gtk_widget_set_tooltip_text (reason, difference->link_reasons ? difference->reason : NULL);
    }
}

/* ---- selection ------------------------------------------------ */

static int
first_selected (CmPairView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (selected))
    return -1;
  return (int) gtk_bitset_get_minimum (selected);
}

static void
on_selection_changed (CmPairView *self)
{
  update_actions (self);
  cm_pair_view_refresh_labels (self);
}

void
cm_pair_view_emit_links_changed (CmPairView *self)
{
  g_signal_emit (self, signals[LINKS_CHANGED], 0);
}

int
cm_pair_view_first_selected (CmPairView *self)
{
  return first_selected (self);
}

void
cm_pair_view_rebuild (CmPairView *self,
                      int         select)
{
  rebuild_rows (self, select);
}

/* ---- the class ---------------------------------------------------------------- */

static void
cm_pair_view_dispose (GObject *object)
{
  CmPairView *self = CM_PAIR_VIEW (object);
  GtkWidget *child;

  /* the alignment's callback sees it cancelled and leaves the view alone */
  if (self->align_cancellable)
    g_cancellable_cancel (self->align_cancellable);
  g_clear_object (&self->align_cancellable);
  g_clear_pointer (&self->align_error, g_free);
  cm_pair_view_cancel_relink (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PAIR_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->zh);
  g_clear_object (&self->en);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  cm_pair_view_dispose_labels (self);
  G_OBJECT_CLASS (cm_pair_view_parent_class)->dispose (object);
}

/* Leaving the view (another page of the window, another document, the
 * window closed) stops an alignment still running. */
static void
cm_pair_view_unmap (GtkWidget *widget)
{
  cm_pair_view_cancel_alignment (CM_PAIR_VIEW (widget));
  cm_pair_view_cancel_relink (CM_PAIR_VIEW (widget));
  GTK_WIDGET_CLASS (cm_pair_view_parent_class)->unmap (widget);
}

/* Focus goes to the rows, so that keys work right away. */
static gboolean
cm_pair_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CM_PAIR_VIEW (widget)->list_view));
}

static void
cm_pair_view_class_init (CmPairViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_pair_view_dispose;

  /* Emitted after the links on the two documents changed (an edit, undo or redo). */
  signals[LINKS_CHANGED] = g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-pair-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPairView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, old_header);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, new_header);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, version_box);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, old_side_button);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, new_side_button);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, zh_labels_box);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, en_labels_box);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, aligning_page);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, aligning_spinner);
  gtk_widget_class_bind_template_child (widget_class, CmPairView, error_page);

  cm_pair_view_class_init_navigation (widget_class);
  cm_pair_view_class_init_links (widget_class);
  cm_pair_view_class_init_align (widget_class);
  cm_pair_view_class_init_labels (widget_class);

  widget_class->grab_focus = cm_pair_view_grab_focus;
  widget_class->unmap = cm_pair_view_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pairview");
}

static void
cm_pair_view_init (CmPairView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->state_stack, "rows");
  self->rows = g_list_store_new (CM_TYPE_PAIR_ROW);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_pair_edit_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_pair_edit_free);
  cm_pair_view_init_labels (self);
  cm_pair_view_init_navigation (self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  update_actions (self);
}

/* ---- public API --------------------------------------------------------------- */

CmPairView *
cm_pair_view_new (void)
{
  return g_object_new (CM_TYPE_PAIR_VIEW, NULL);
}

static gboolean
documents_linked (CmDocument *zh,
                  CmDocument *en)
{
  return g_strcmp0 (cm_document_get_partner_id (zh), cm_document_get_id (en)) == 0
         && cm_document_get_links (zh)->len > 0;
}

void
cm_pair_view_set_documents (CmPairView *self,
                            CmDocument *zh,
                            CmDocument *en)
{
  g_return_if_fail (CM_IS_PAIR_VIEW (self));
  g_return_if_fail (zh == NULL || CM_IS_DOCUMENT (zh));
  g_return_if_fail (en == NULL || CM_IS_DOCUMENT (en));
  g_return_if_fail ((zh == NULL) == (en == NULL));

  /* an alignment of the pair shown before is of no use any more */
  if (self->align_cancellable)
    g_cancellable_cancel (self->align_cancellable);
  g_clear_object (&self->align_cancellable);
  g_clear_pointer (&self->align_error, g_free);
  cm_pair_view_cancel_relink (self);

  /* two versions of one language: the first is the old one */
  self->revision = zh != NULL && cm_document_is_chinese (zh) == cm_document_is_chinese (en);
  if (zh != NULL && !self->revision && !cm_document_is_chinese (zh) && cm_document_is_chinese (en))
    {
      CmDocument *swap = zh;
      zh = en;
      en = swap;
    }
  g_set_object (&self->zh, zh);
  g_set_object (&self->en, en);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  cm_pair_view_reset_labels (self);

  if (zh != NULL && !documents_linked (zh, en))
    {
      /* the links of the English side, if only it has them */
      if (documents_linked (en, zh))
        {
          g_autoptr(GPtrArray) links = cm_links_invert (cm_document_get_links (en));
          cm_document_set_links (zh, links);
        }
      else
        cm_pair_view_start_alignment (self);
    }
  update_headers (self);
  cm_pair_view_show_state (self);
  rebuild_rows (self, -1);
}

gboolean
cm_pair_view_get_revision (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);
  return self->revision;
}

CmDocument *
cm_pair_view_get_zh (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);
  return self->zh;
}

CmDocument *
cm_pair_view_get_en (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);
  return self->en;
}

guint
cm_pair_view_get_n_rows (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const char *
cm_pair_view_get_summary (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

char *
cm_pair_view_get_row_reason (CmPairView *self,
                             guint       position)
{
  g_autoptr(CmPairRow) row = NULL;
  double importance;

  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);

  if (position >= cm_pair_view_get_n_rows (self))
    return NULL;
  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  return cm_pair_row_describe (row, &importance);
}

int
cm_pair_view_get_selected_link (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), -1);
  return first_selected (self);
}

gboolean
cm_pair_view_select_link (CmPairView *self,
                          guint       link_index)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);

  if (link_index >= cm_pair_view_get_n_rows (self))
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), link_index, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", link_index);
  return TRUE;
}

void
cm_pair_view_select_range (CmPairView *self,
                           guint       first,
                           guint       n)
{
  g_return_if_fail (CM_IS_PAIR_VIEW (self));
  g_return_if_fail (first + n <= cm_pair_view_get_n_rows (self));

  gtk_selection_model_select_range (GTK_SELECTION_MODEL (self->selection), first, n, TRUE);
}
