/* cm-pair-view-links.c — the link edits of the side-by-side view and the
 * history that undoes them
 *
 * The links of the Chinese document are the model: each edit replaces a run
 * of links, after a copy of the whole list went on the undo stack, then the
 * English document receives the inverted links and the rows are rebuilt.
 * Label corrections (cm-pair-view-labels.c) share the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-pair-row.h"
#include "cm-pair-view-private.h"

static GPtrArray *
copy_links (GPtrArray *links)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);

  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add (copy, cm_link_copy (g_ptr_array_index (links, i)));
  return copy;
}

/* Stores @links (from the Chinese side) on both documents. */
static void
store_links (CmPairView *self,
             GPtrArray  *links)
{
  g_autoptr(GPtrArray) inverted = cm_links_invert (links);

  cm_document_set_links (self->zh, links);
  cm_document_set_links (self->en, inverted);
}

static void
commit_edit (CmPairView *self,
             GPtrArray  *new_links,
             int         select)
{
  CmPairEdit *edit = g_new0 (CmPairEdit, 1);

  edit->links = copy_links (cm_document_get_links (self->zh));
  cm_pair_view_push_edit (self, edit);
  store_links (self, new_links);
  cm_pair_view_rebuild (self, select);
  cm_pair_view_emit_links_changed (self);
}

/* Replaces the @n links from @first by @replacement (copied), as one edit. */
static void
commit_range_replacement (CmPairView *self,
                          guint       first,
                          guint       n,
                          GPtrArray  *replacement)
{
  g_autoptr(GPtrArray) new_links = copy_links (cm_document_get_links (self->zh));

  g_ptr_array_remove_range (new_links, first, n);
  for (guint i = 0; i < replacement->len; i++)
    g_ptr_array_insert (new_links, (int) (first + i), cm_link_copy (g_ptr_array_index (replacement, i)));
  commit_edit (self, new_links, (int) first);
}

/* The selected rows as a contiguous range; FALSE if there is a gap. */
static gboolean
selected_range (CmPairView *self,
                guint      *first,
                guint      *n)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 size = gtk_bitset_get_size (selected);

  if (size == 0)
    return FALSE;
  *first = gtk_bitset_get_minimum (selected);
  *n = (guint) size;
  return gtk_bitset_get_maximum (selected) - *first + 1 == size;
}

static void
append_ids (GPtrArray *out,
            char     **ids)
{
  for (guint i = 0; ids && ids[i]; i++)
    g_ptr_array_add (out, ids[i]);
}

/* The clause ids of both sides held by links [first, first + n). */
static void
collect_range_ids (GPtrArray *links,
                   guint      first,
                   guint      n,
                   GPtrArray *zh_ids,
                   GPtrArray *en_ids)
{
  for (guint i = first; i < first + n; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      append_ids (zh_ids, link->clauses);
      append_ids (en_ids, link->partner_clauses);
    }
}

static void
link_selected (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  GPtrArray *links = cm_document_get_links (self->zh);
  g_autoptr(GPtrArray) replacement = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new ();
  CmLink *joined;
  guint first, n;

  if (!selected_range (self, &first, &n) || n < 2)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  collect_range_ids (links, first, n, zh_ids, en_ids);
  g_ptr_array_add (zh_ids, NULL);
  g_ptr_array_add (en_ids, NULL);
  joined = cm_link_new ((const char * const *) zh_ids->pdata, (const char * const *) en_ids->pdata, 1.0);
  joined->reviewed = TRUE;

  g_ptr_array_add (replacement, joined);
  commit_range_replacement (self, first, n, replacement);
}

static void
unlink_selected (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  GPtrArray *links = cm_document_get_links (self->zh);
  g_autoptr(GPtrArray) new_links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  int select = cm_pair_view_first_selected (self);

  if (gtk_bitset_is_empty (selected))
    return;
  /* every clause of a selected link becomes a link of its own, Chinese
   * ones first (the order stays monotonic on both sides) */
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (!gtk_bitset_contains (selected, i))
        {
          g_ptr_array_add (new_links, cm_link_copy (link));
          continue;
        }
      for (guint k = 0; link->clauses[k]; k++)
        {
          const char *ids[2] = { link->clauses[k], NULL };
          CmLink *single = cm_link_new (ids, NULL, 0);
          single->reviewed = TRUE;
          g_ptr_array_add (new_links, single);
        }
      for (guint k = 0; link->partner_clauses[k]; k++)
        {
          const char *ids[2] = { link->partner_clauses[k], NULL };
          CmLink *single = cm_link_new (NULL, ids, 0);
          single->reviewed = TRUE;
          g_ptr_array_add (new_links, single);
        }
    }
  commit_edit (self, new_links, select);
}

/* A document holding the same text and copies of the clauses @ids. */
static CmDocument *
sub_document (CmDocument *document,
              GPtrArray  *ids)
{
  CmDocument *sub = cm_document_new (cm_document_get_id (document), cm_document_get_text (document));
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);

  cm_document_set_language (sub, cm_document_get_language (document));
  for (guint i = 0; i < ids->len; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids->pdata[i], NULL);
      if (clause != NULL)
        g_ptr_array_add (clauses, cm_clause_copy (clause));
    }
  cm_document_set_clauses (sub, (CmClause **) clauses->pdata, clauses->len);
  return sub;
}

/* Whether the links [first, first + n) are still @before (the rows a
 * re-alignment started from). */
static gboolean
range_unchanged (GPtrArray *links,
                 guint      first,
                 guint      n,
                 GPtrArray *before)
{
  if (before == NULL || before->len != n || first + n > links->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CmLink *x = g_ptr_array_index (links, first + i), *y = g_ptr_array_index (before, i);

      if (!g_strv_equal ((const char * const *) x->clauses, (const char * const *) y->clauses)
          || !g_strv_equal ((const char * const *) x->partner_clauses,
                            (const char * const *) y->partner_clauses))
        return FALSE;
    }
  return TRUE;
}

static void
on_relinked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) realigned = cm_align_documents_finish (result, &error);
  g_autoptr(GPtrArray) before = NULL;
  CmPairView *self;

  /* cancelled: the view moved on (or is gone); leave it alone */
  if (realigned == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CM_PAIR_VIEW (user_data);
  g_clear_object (&self->relink_cancellable);
  before = g_steal_pointer (&self->relink_before);
  if (realigned != NULL
      && !range_unchanged (cm_document_get_links (self->zh), self->relink_first, self->relink_n, before))
    {
      g_clear_pointer (&realigned, g_ptr_array_unref);
      g_set_error_literal (&error, CM_ERROR, CM_ERROR_FAILED,
                           _("the rows changed while they were re-aligned; re-align them again"));
    }
  if (realigned == NULL)
    {
      g_message ("Could not re-align %u rows from %u: %s", self->relink_n, self->relink_first,
                 error->message);
      self->relink_error = g_strdup (error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      cm_pair_view_update_state (self);
      return;
    }
  commit_range_replacement (self, self->relink_first, self->relink_n, realigned);
}

/* Aligns the clauses of the selected rows again, in a thread (a selection
 * may be every row of a long policy): the view says so where its counts
 * are and takes no link edit meanwhile; the result replaces the rows as
 * one edit, or the reason it failed shows there. */
static void
relink_selected (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  GPtrArray *links = cm_document_get_links (self->zh);
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new ();
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  guint first, n;

  if (self->relink_cancellable != NULL || !selected_range (self, &first, &n))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  collect_range_ids (links, first, n, zh_ids, en_ids);
  if (zh_ids->len == 0 || en_ids->len == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* align just these clauses again, as the aligner sees them (two
   * versions of one language as a revision) */
  zh = sub_document (self->zh, zh_ids);
  en = sub_document (self->en, en_ids);
  g_clear_pointer (&self->relink_error, g_free);
  self->relink_cancellable = g_cancellable_new ();
  self->relink_first = first;
  self->relink_n = n;
  self->relink_before = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (self->relink_before, cm_link_copy (g_ptr_array_index (links, i)));
  /* the callback gets the view unreferenced: disposing the view cancels */
  cm_align_documents_async (zh, en, self->revision, NULL, self->relink_cancellable, on_relinked, self);
  cm_pair_view_update_state (self);
}

char *
cm_pair_view_describe_relink (CmPairView *self)
{
  if (self->relink_error != NULL)
    return g_strdup_printf (_("Could not re-align the rows: %s"), self->relink_error);
  if (self->relink_cancellable != NULL)
    return g_strdup_printf (ngettext ("Re-aligning %u row…", "Re-aligning %u rows…", self->relink_n),
                            self->relink_n);
  return NULL;
}

void
cm_pair_view_cancel_relink (CmPairView *self)
{
  if (self->relink_cancellable != NULL)
    g_cancellable_cancel (self->relink_cancellable);
  g_clear_object (&self->relink_cancellable);
  g_clear_pointer (&self->relink_before, g_ptr_array_unref);
  g_clear_pointer (&self->relink_error, g_free);
}

/* Escape while rows are re-aligned: the rows keep their links. The action
 * is enabled only then, so Escape otherwise goes on to the window. */
static void
cancel_relink_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);

  cm_pair_view_cancel_relink (self);
  cm_pair_view_update_state (self);
}

gboolean
cm_pair_view_get_relinking (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);
  return self->relink_cancellable != NULL;
}

static void
toggle_reviewed (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) new_links = copy_links (cm_document_get_links (self->zh));
  gboolean all_reviewed = TRUE;
  GtkBitsetIter iter;
  guint position;

  g_autoptr(GtkBitset) targets = NULL;

  if (gtk_bitset_is_empty (selected))
    return;
  /* a selected row of a run of missing clauses stands for the whole run */
  targets = gtk_bitset_copy (selected);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CmPairRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
      const CmDifference *difference = cm_pair_row_get_difference (row);

      if (difference != NULL && difference->n_links > 1)
        gtk_bitset_add_range (targets, difference->link_index, difference->n_links);
    }
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, targets, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    all_reviewed &= ((CmLink *) g_ptr_array_index (new_links, position))->reviewed;
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, targets, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    ((CmLink *) g_ptr_array_index (new_links, position))->reviewed = !all_reviewed;
  commit_edit (self, new_links, cm_pair_view_first_selected (self));
}

void
cm_pair_edit_free (CmPairEdit *edit)
{
  if (edit == NULL)
    return;
  g_clear_pointer (&edit->links, g_ptr_array_unref);
  g_free (edit);
}

void
cm_pair_view_push_edit (CmPairView *self,
                        CmPairEdit *edit)
{
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
}

/* Reverts the newest edit of @from and records its reverse on @to. */
static void
undo_or_redo (CmPairView *self,
              GPtrArray  *from,
              GPtrArray  *to)
{
  CmPairEdit *edit;
  GPtrArray *links;
  int select = cm_pair_view_first_selected (self);

  if (from->len == 0)
    return;
  edit = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, edit);
  if (edit->links == NULL)
    {
      cm_pair_view_replay_labels (self, edit->labels, from == self->undo);
      return;
    }
  /* the edit now holds the links on the other side of it */
  links = edit->links;
  edit->links = copy_links (cm_document_get_links (self->zh));
  store_links (self, links);
  g_ptr_array_unref (links);
  cm_pair_view_rebuild (self, MIN (select, (int) cm_document_get_links (self->zh)->len - 1));
  cm_pair_view_emit_links_changed (self);
}

gboolean
cm_pair_view_can_undo (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);
  return self->zh != NULL && self->undo->len > 0;
}

gboolean
cm_pair_view_can_redo (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);
  return self->zh != NULL && self->redo->len > 0;
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  undo_or_redo (self, self->undo, self->redo);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);
  undo_or_redo (self, self->redo, self->undo);
}

void
cm_pair_view_class_init_links (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pair.link", NULL, link_selected);
  gtk_widget_class_install_action (widget_class, "pair.unlink", NULL, unlink_selected);
  gtk_widget_class_install_action (widget_class, "pair.relink", NULL, relink_selected);
  gtk_widget_class_install_action (widget_class, "pair.cancel-relink", NULL, cancel_relink_activated);
  gtk_widget_class_install_action (widget_class, "pair.toggle-reviewed", NULL, toggle_reviewed);
  gtk_widget_class_install_action (widget_class, "pair.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "pair.redo", NULL, redo_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "pair.link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pair.unlink", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pair.relink", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pair.cancel-relink", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                       "pair.toggle-reviewed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "pair.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pair.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pair.redo", NULL);
}
