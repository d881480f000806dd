/* cm-flag-bar.c — the selected clause's flags as toggles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-flag-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-flag-bar.h"
#include "cm-label-style.h"

struct _CmFlagBar
{
  GtkWidget  parent_instance;

  GtkWidget *toggles[CM_N_FLAGS];
  GtkLabel  *scores[CM_N_FLAGS];
  CmClause  *clause;
};

G_DEFINE_FINAL_TYPE (CmFlagBar, cm_flag_bar, GTK_TYPE_WIDGET)

/* A mark that tells the flags apart without colour. */
static const char *
flag_mark (CmFlag flag)
{
  static const char * const marks[CM_N_FLAGS] = { "★", "⚠", "◆" };

  return marks[flag];
}

void
cm_flag_chips_append (GtkBox  *box,
                      CmFlags  flags)
{
  g_return_if_fail (GTK_IS_BOX (box));

  for (CmFlag f = 0; f < CM_N_FLAGS; f++)
    {
      g_autofree char *text = NULL;
      g_autofree char *klass = NULL;
      GtkWidget *chip;

      if ((flags & CM_FLAG_BIT (f)) == 0)
        continue;
      text = g_strdup_printf ("%s %s", flag_mark (f), cm_flag_get_name (f));
      klass = g_strconcat ("flag-", cm_flag_to_string (f), NULL);
      chip = gtk_label_new (text);
      gtk_widget_add_css_class (chip, "chip");
      gtk_widget_add_css_class (chip, "flag-chip");
      gtk_widget_add_css_class (chip, klass);
      gtk_box_append (box, chip);
    }
}

static void
sync (CmFlagBar *self)
{
  gboolean labelable = self->clause != NULL && cm_clause_is_labelable (self->clause);

  for (CmFlag f = 0; f < CM_N_FLAGS; f++)
    {
      double score = self->clause ? cm_clause_get_flag_score (self->clause, f) : -1.0;
      g_autofree char *percent = score >= 0 ? cm_format_percent (score) : g_strdup ("");

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[f]),
                                    self->clause != NULL && cm_clause_has_flag (self->clause, f));
      gtk_widget_set_sensitive (self->toggles[f], labelable);
      gtk_label_set_text (self->scores[f], percent);
    }
}

static void
on_clause_notify (CmFlagBar *self)
{
  sync (self);
}

void
cm_flag_bar_set_clause (CmFlagBar *self,
                        CmClause  *clause)
{
  g_return_if_fail (CM_IS_FLAG_BAR (self));
  g_return_if_fail (clause == NULL || CM_IS_CLAUSE (clause));

  if (self->clause)
    g_signal_handlers_disconnect_by_func (self->clause, on_clause_notify, self);
  g_set_object (&self->clause, clause);
  if (clause)
    g_signal_connect_swapped (clause, "notify::flags", G_CALLBACK (on_clause_notify), self);
  sync (self);
}

static GtkWidget *
flag_toggle_new (CmFlag     flag,
                 GtkLabel **score_out)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *keycap = g_strdup_printf ("⇧%c", cm_flag_get_key (flag));
  g_autofree char *name = g_strdup_printf ("%s %s", flag_mark (flag), cm_flag_get_name (flag));
  g_autofree char *klass = g_strconcat ("flag-", cm_flag_to_string (flag), NULL);
  g_autofree char *tooltip = NULL;
  GtkWidget *key = gtk_label_new (keycap);
  GtkWidget *text = gtk_label_new (name);
  GtkWidget *score = gtk_label_new (NULL);

  gtk_widget_add_css_class (key, "keycap");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (score, "dim-label");
  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_add_css_class (score, "caption");
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), score);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flag-toggle");
  gtk_widget_add_css_class (button, klass);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.toggle-flag");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (cm_flag_to_string (flag)));
  /* Translators: tooltip of a flag toggle: %s is the flag's name, %c its key */
  tooltip = g_strdup_printf (_("%s: the model’s probability on the right (key Shift+%c)"),
                             cm_flag_get_name (flag), cm_flag_get_key (flag));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cm_flag_get_name (flag), -1);
  *score_out = GTK_LABEL (score);
  return button;
}

static void
cm_flag_bar_dispose (GObject *object)
{
  CmFlagBar *self = CM_FLAG_BAR (object);
  GtkWidget *child;

  cm_flag_bar_set_clause (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cm_flag_bar_parent_class)->dispose (object);
}

static void
cm_flag_bar_class_init (CmFlagBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_flag_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flagbar");
}

static void
cm_flag_bar_init (CmFlagBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  /* One row each: the names ("Sensitive personal information", "敏感个人信息")
   * and the scores do not fit three abreast in the inspector. */
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  for (CmFlag f = 0; f < CM_N_FLAGS; f++)
    {
      self->toggles[f] = flag_toggle_new (f, &self->scores[f]);
      gtk_widget_set_parent (self->toggles[f], GTK_WIDGET (self));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clause flags"), -1);
}

GtkWidget *
cm_flag_bar_new (void)
{
  return g_object_new (CM_TYPE_FLAG_BAR, NULL);
}
