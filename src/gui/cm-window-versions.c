/* cm-window-versions.c — stepping through the versions of a policy
 *
 * A corpus may hold several versions of one policy ("acme-2024.txt",
 * "acme-2025.txt", "acme-2026.txt": see cm-policy-versions.h for how they
 * are recognised and ordered). Next version (Alt+Page Down) shows the
 * version on screen beside the one after it, as a revision; in that view
 * it moves one version on (2024→2025 becomes 2025→2026). Previous version
 * (Alt+Page Up) goes the other way. A version not loaded yet is loaded
 * first; the comparison opens when it is ready.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-pair-view.h"
#include "cm-policy-versions.h"
#include "cm-window-private.h"

static const char *
entry_path (CmDocEntry *entry)
{
  const char *path = cm_doc_entry_get_source_path (entry);

  return path ? path : cm_doc_entry_get_title (entry);
}

int
cm_window_compare_versions (CmDocEntry *a,
                            CmDocEntry *b)
{
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  g_return_val_if_fail (CM_IS_DOC_ENTRY (a) && CM_IS_DOC_ENTRY (b), 0);

  key_a = entry_path (a) ? cm_policy_version_key (entry_path (a)) : NULL;
  key_b = entry_path (b) ? cm_policy_version_key (entry_path (b)) : NULL;
  if (key_a == NULL || g_strcmp0 (key_a, key_b) != 0)
    return 0;
  return cm_policy_version_compare (entry_path (a), entry_path (b));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return cm_policy_version_compare (entry_path (*(CmDocEntry **) a),
                                    entry_path (*(CmDocEntry **) b));
}

/* The versions of @entry's policy among the window's entries, oldest
 * first (just @entry when it has none). */
static GPtrArray *
versions_of (CmWindow   *self,
             CmDocEntry *entry)
{
  GPtrArray *versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = entry_path (entry) ? cm_policy_version_key (entry_path (entry)) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) other = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autofree char *other_key = NULL;

      if (other != entry)
        {
          if (key == NULL || entry_path (other) == NULL)
            continue;
          other_key = cm_policy_version_key (entry_path (other));
          if (g_strcmp0 (key, other_key) != 0)
            continue;
        }
      g_ptr_array_add (versions, g_steal_pointer (&other));
    }
  g_ptr_array_sort (versions, compare_entries);
  return versions;
}

static gboolean
revision_shown (CmWindow *self)
{
  return self->pair_view != NULL && self->pair_partner != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pair") == 0
         && cm_pair_view_get_revision (CM_PAIR_VIEW (self->pair_view));
}

/* The version to step from: the newer one of the revision shown when going
 * forward, the older one going back; else the document shown. */
static CmDocEntry *
step_anchor (CmWindow *self,
             int       direction)
{
  CmDocEntry *pair[2] = { self->current, self->pair_partner };
  CmDocument *side;

  if (!revision_shown (self))
    return self->current;
  side = direction > 0 ? cm_pair_view_get_en (CM_PAIR_VIEW (self->pair_view))
                       : cm_pair_view_get_zh (CM_PAIR_VIEW (self->pair_view));
  for (guint i = 0; i < G_N_ELEMENTS (pair); i++)
    if (pair[i] && cm_doc_entry_get_document (pair[i]) == side)
      return pair[i];
  return self->current;
}

/* The version after (direction 1) or before (-1) the one on screen, or
 * NULL. */
static CmDocEntry *
find_step_target (CmWindow    *self,
                  int          direction,
                  CmDocEntry **out_anchor)
{
  CmDocEntry *anchor = step_anchor (self, direction);
  g_autoptr(GPtrArray) versions = NULL;
  guint position;

  *out_anchor = anchor;
  if (anchor == NULL)
    return NULL;
  versions = versions_of (self, anchor);
  if (!g_ptr_array_find (versions, anchor, &position))
    return NULL;
  if (direction > 0 ? position + 1 >= versions->len : position == 0)
    return NULL;
  return versions->pdata[position + direction];
}

static void
step_version (CmWindow *self,
              int       direction)
{
  CmDocEntry *anchor = NULL;
  CmDocEntry *target = find_step_target (self, direction, &anchor);

  if (target == NULL)
    {
      cm_window_show_toast (self, direction > 0 ? _("No newer version of this policy is open")
                                                : _("No older version of this policy is open"));
      return;
    }
  if (cm_doc_entry_get_document (target) == NULL)
    {
      /* Load it first; the comparison opens when it is ready. */
      self->compare_after_load = TRUE;
      g_set_object (&self->compare_from, anchor);
      cm_window_load_entry (self, target);
      return;
    }
  if (self->current != anchor)
    cm_window_show_entry (self, anchor);
  cm_window_show_pair (self, target);
}

static void
next_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  step_version (CM_WINDOW (widget), 1);
}

static void
previous_version_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  step_version (CM_WINDOW (widget), -1);
}

void
cm_window_update_version_actions (CmWindow *self)
{
  CmDocEntry *anchor;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.next-version",
                                 find_step_target (self, 1, &anchor) != NULL);
  gtk_widget_action_set_enabled (widget, "win.previous-version",
                                 find_step_target (self, -1, &anchor) != NULL);
}

void
cm_window_class_init_versions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-version", NULL, next_version_action);
  gtk_widget_class_install_action (widget_class, "win.previous-version", NULL,
                                   previous_version_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "win.next-version", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "win.previous-version", NULL);
}
