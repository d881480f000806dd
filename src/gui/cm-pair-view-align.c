/* cm-pair-view-align.c — aligning the pair shown, in a thread
 *
 * A pair without links is aligned with cm_align_pair_async() (or
 * cm_revision_align_async() for two versions of one language) on a
 * cancellable of the view's own: the view shows "Aligning…" meanwhile, then
 * the rows, or why it failed (with a way to try again). A new pair,
 * leaving the view (unmapping it) and disposing it cancel the alignment;
 * its callback then returns without touching the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-pair-view-private.h"
#include "cm-revision-diff.h"
#include "cm-status-page.h"

/* Shows the rows, the aligning state or the error of the last alignment. */
void
cm_pair_view_show_state (CmPairView *self)
{
  const char *state = self->align_cancellable ? "aligning" : self->align_error ? "error" : "rows";

  gtk_spinner_set_spinning (self->aligning_spinner, self->align_cancellable != NULL);
  if (self->align_error)
    cm_status_page_set_description (CM_STATUS_PAGE (self->error_page), self->align_error);
  gtk_stack_set_visible_child_name (self->state_stack, state);
}

static void
on_aligned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean revision = g_async_result_is_tagged (result, cm_revision_align_async);
  CmPairView *self;

  if (revision ? !cm_revision_align_finish (result, &error) : !cm_align_pair_finish (result, &error))
    {
      /* cancelled: the view moved on (or is gone); leave it alone */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    }
  self = CM_PAIR_VIEW (user_data);
  g_clear_object (&self->align_cancellable);
  if (error != NULL)
    {
      g_message ("Could not align %s with %s: %s", cm_document_get_id (self->zh),
                 cm_document_get_id (self->en), error->message);
      self->align_error = g_strdup (error->message);
    }
  cm_pair_view_show_state (self);
  cm_pair_view_rebuild (self, -1);
  /* the rows take the keys, unless the reviewer went elsewhere meanwhile */
  if (error == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || focus == GTK_WIDGET (root) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

/* Aligns the documents shown in a thread, cancelling an alignment still
 * running. */
void
cm_pair_view_start_alignment (CmPairView *self)
{
  g_autofree char *zh_name = cm_pair_view_version_name (self->zh);
  g_autofree char *en_name = cm_pair_view_version_name (self->en);
  /* TRANSLATORS: under "Aligning…"; the two %s are file names */
  g_autofree char *description = g_strdup_printf (_("Linking the clauses of “%s” with those of “%s”."),
                                                  zh_name, en_name);

  if (self->align_cancellable)
    g_cancellable_cancel (self->align_cancellable);
  g_clear_object (&self->align_cancellable);
  g_clear_pointer (&self->align_error, g_free);
  self->align_cancellable = g_cancellable_new ();
  cm_status_page_set_description (CM_STATUS_PAGE (self->aligning_page), description);
  /* the callback gets the view unreferenced: disposing the view cancels
   * the alignment, and the callback returns at once when cancelled */
  if (self->revision)
    cm_revision_align_async (self->zh, self->en, self->align_cancellable, on_aligned, self);
  else
    cm_align_pair_async (self->zh, self->en, NULL, self->align_cancellable, on_aligned, self);
}

static void
align_again (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmPairView *self = CM_PAIR_VIEW (widget);

  if (self->zh == NULL || self->align_cancellable != NULL)
    return;
  cm_pair_view_start_alignment (self);
  cm_pair_view_show_state (self);
  cm_pair_view_rebuild (self, -1);
}

gboolean
cm_pair_view_get_aligning (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), FALSE);
  return self->align_cancellable != NULL;
}

const char *
cm_pair_view_get_align_error (CmPairView *self)
{
  g_return_val_if_fail (CM_IS_PAIR_VIEW (self), NULL);
  return self->align_error;
}

void
cm_pair_view_cancel_alignment (CmPairView *self)
{
  g_return_if_fail (CM_IS_PAIR_VIEW (self));

  if (self->align_cancellable != NULL)
    cm_pair_view_set_documents (self, NULL, NULL);
}

void
cm_pair_view_class_init_align (GtkWidgetClass *widget_class)
{
  g_type_ensure (CM_TYPE_STATUS_PAGE);
  gtk_widget_class_install_action (widget_class, "pair.align-again", NULL, align_again);
}
