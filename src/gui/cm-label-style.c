/* cm-label-style.c — label chips and names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-label-style"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"

static GtkCssProvider *label_css;

void
cm_label_style_install (CmTaxonomy *taxonomy)
{
  g_autoptr(GString) css = g_string_new (NULL);
  GdkDisplay *display = gdk_display_get_default ();

  g_return_if_fail (CM_IS_TAXONOMY (taxonomy));
  if (display == NULL)
    return;

  for (guint i = 0; i < cm_taxonomy_get_n_labels (taxonomy); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, i);
      GdkRGBA rgba;

      if (!gdk_rgba_parse (&rgba, label->color))
        continue;
      /* A translucent fill and a solid edge read on light and dark alike. */
      int r = (int) (rgba.red * 255), g = (int) (rgba.green * 255), b = (int) (rgba.blue * 255);

      g_string_append_printf (css,
                              ".chip.chip-%s { background-color: rgba(%d,%d,%d,0.30);"
                              " border-color: rgb(%d,%d,%d); }\n"
                              "button.label-toggle.chip-%s { border-left-color: rgb(%d,%d,%d); }\n"
                              "button.label-toggle.chip-%s:checked { background-image: none;"
                              " background-color: rgba(%d,%d,%d,0.38); }\n",
                              label->id, r, g, b, r, g, b,
                              label->id, r, g, b,
                              label->id, r, g, b);
    }

  if (label_css == NULL)
    {
      label_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (label_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (label_css, css->str, (gssize) css->len);
}

const char *
cm_ui_language (void)
{
  static const char *language;

  if (language == NULL)
    {
      /* The catalogue gettext actually uses decides, not the raw locale. */
      const char * const *names = g_get_language_names ();
      language = "en";
      for (guint i = 0; names[i]; i++)
        {
          if (g_str_has_prefix (names[i], "zh"))
            {
              language = "zh";
              break;
            }
          if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0)
            break;
        }
    }
  return language;
}

char *
cm_format_percent (double fraction)
{
  /* Translators: a percentage. Write it as your language does (with a
   * no-break space before the sign if that is the custom); keep %.0f. */
  return g_strdup_printf (_("%.0f%%"), fraction * 100.0);
}

const char *
cm_label_display_name (CmTaxonomy *taxonomy,
                       const char *id)
{
  const CmLabel *label = taxonomy ? cm_taxonomy_lookup (taxonomy, id) : NULL;

  return label ? cm_label_get_name (label, cm_ui_language ()) : id;
}

GtkWidget *
cm_label_chip_new (const CmLabel *label)
{
  GtkWidget *chip = gtk_label_new (cm_label_get_name (label, cm_ui_language ()));
  g_autofree char *klass = g_strconcat ("chip-", label->id, NULL);

  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_add_css_class (chip, klass);
  gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
  return chip;
}

GtkWidget *
cm_label_toggle_new (const CmLabel *label,
                     const char    *action_name)
{
  const char *name;
  GtkWidget *button, *box, *key, *text;
  g_autofree char *klass = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  name = cm_label_get_name (label, cm_ui_language ());
  button = gtk_toggle_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  key = gtk_label_new (label->shortcut ? label->shortcut : "");
  text = gtk_label_new (name);
  klass = g_strconcat ("chip-", label->id, NULL);
  gtk_widget_add_css_class (key, "keycap");
  /* Long names ("Third-party sharing / disclosure", "共享、委托、转让、公开披露")
   * wrap onto a second line rather than losing their end; a third line
   * would make the grid of toggles uneven, so that is where they ellipsize. */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 2);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "label-toggle");
  gtk_widget_add_css_class (button, klass);
  if (action_name)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (label->id));
    }

  /* Translators: tooltip of a label toggle: the label's description and its key */
  tooltip = g_strdup_printf (_("%s (key %s)"),
                             g_strcmp0 (cm_ui_language (), "zh") == 0 && label->description_zh
                               ? label->description_zh
                               : label->description_en ? label->description_en : name,
                             label->shortcut ? label->shortcut : "—");
  gtk_widget_set_tooltip_text (button, tooltip);
  /* Translators: accessible name of a label toggle */
  accessible = g_strdup_printf (_("Label %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

void
cm_label_chips_fill (GtkBox             *box,
                     CmTaxonomy         *taxonomy,
                     const char * const *labels)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
  for (guint i = 0; labels && labels[i]; i++)
    {
      const CmLabel *label = taxonomy ? cm_taxonomy_lookup (taxonomy, labels[i]) : NULL;
      GtkWidget *chip;

      if (label)
        chip = cm_label_chip_new (label);
      else
        {
          chip = gtk_label_new (labels[i]);
          gtk_widget_add_css_class (chip, "chip");
        }
      gtk_box_append (box, chip);
    }
}

const char * const *
cm_clause_shown_labels (CmClause   *clause,
                        const char *blind_annotator)
{
  static const char * const none[] = { NULL };
  CmAnnotation *annotation;

  g_return_val_if_fail (CM_IS_CLAUSE (clause), none);
  if (blind_annotator == NULL)
    return cm_clause_get_labels (clause);
  annotation = *blind_annotator ? cm_clause_lookup_annotation (clause, blind_annotator) : NULL;
  return annotation ? cm_annotation_get_labels (annotation) : none;
}
