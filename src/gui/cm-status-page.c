/* cm-status-page.c — an empty state, laid out as GNOME's status pages are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-status-page"

#include "config.h"

#include "cm-status-page.h"

struct _CmStatusPage
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkImage  *image;
  GtkLabel  *title_label;
  GtkLabel  *description_label;
  GtkWidget *child;
};

enum
{
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cm_status_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmStatusPage, cm_status_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, cm_status_page_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* <child> in a template sets the action widget. */
static void
cm_status_page_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  if (GTK_IS_WIDGET (child))
    cm_status_page_set_child (CM_STATUS_PAGE (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
cm_status_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = cm_status_page_add_child;
}

GtkWidget *
cm_status_page_new (void)
{
  return g_object_new (CM_TYPE_STATUS_PAGE, NULL);
}

void
cm_status_page_set_icon_name (CmStatusPage *self,
                              const char   *icon_name)
{
  g_return_if_fail (CM_IS_STATUS_PAGE (self));
  gtk_image_set_from_icon_name (self->image, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->image), icon_name != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

void
cm_status_page_set_title (CmStatusPage *self,
                          const char   *title)
{
  g_return_if_fail (CM_IS_STATUS_PAGE (self));
  if (g_strcmp0 (gtk_label_get_text (self->title_label), title ? title : "") == 0)
    return;
  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title && *title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cm_status_page_get_title (CmStatusPage *self)
{
  g_return_val_if_fail (CM_IS_STATUS_PAGE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
cm_status_page_set_description (CmStatusPage *self,
                                const char   *description)
{
  g_return_if_fail (CM_IS_STATUS_PAGE (self));
  if (g_strcmp0 (gtk_label_get_text (self->description_label), description ? description : "") == 0)
    return;
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description && *description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

void
cm_status_page_set_child (CmStatusPage *self,
                          GtkWidget    *child)
{
  g_return_if_fail (CM_IS_STATUS_PAGE (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));
  if (self->child == child)
    return;
  if (self->child)
    gtk_box_remove (GTK_BOX (self->box), self->child);
  self->child = child;
  if (child)
    {
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (child, 6);
      gtk_box_append (GTK_BOX (self->box), child);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

static void
cm_status_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CmStatusPage *self = CM_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->image));
      break;
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, gtk_label_get_text (self->description_label));
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_status_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CmStatusPage *self = CM_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      cm_status_page_set_icon_name (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      cm_status_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      cm_status_page_set_description (self, g_value_get_string (value));
      break;
    case PROP_CHILD:
      cm_status_page_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_status_page_dispose (GObject *object)
{
  CmStatusPage *self = CM_STATUS_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->child = NULL;
  G_OBJECT_CLASS (cm_status_page_parent_class)->dispose (object);
}

static void
cm_status_page_class_init (CmStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = cm_status_page_get_property;
  object_class->set_property = cm_status_page_set_property;
  object_class->dispose = cm_status_page_dispose;

  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CHILD] = g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statuspage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cm_status_page_init (CmStatusPage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->image = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->image, 64);
  gtk_widget_add_css_class (GTK_WIDGET (self->image), "icon");
  gtk_widget_set_visible (GTK_WIDGET (self->image), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_justify (self->title_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);

  self->description_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->description_label, TRUE);
  gtk_label_set_wrap_mode (self->description_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->description_label, 40);
  gtk_label_set_justify (self->description_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->description_label), "description");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), FALSE);

  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->image));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->description_label));
}
