/* cm-document-info.c — the document's information, in a popover of the
 * header bar
 *
 * The loader's report (cm_document_get_load_report()) is written when the
 * file is read, in the language of the window; a document reopened from its
 * saved annotations has none (the report is not saved), and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-info"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-clause.h"
#include "cm-document-info.h"

struct _CmDocumentInfo
{
  GtkPopover  parent_instance;

  CmDocument *document;

  GtkLabel   *file_label;
  GtkLabel   *format_label;
  GtkLabel   *encoding_label;
  GtkLabel   *clauses_label;
  GtkLabel   *report_label;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmDocumentInfo, cm_document_info, GTK_TYPE_POPOVER)

/* The loader's name (CmLoadedText.loader) as a reader knows the format. */
static const char *
format_name (const char *loader)
{
  static const struct { const char *loader; const char *name; } names[] = {
    { "text", N_("Plain text") },
    { "html", N_("Web page (HTML)") },
    { "mhtml", N_("Saved web page (MHTML)") },
    { "markdown", N_("Markdown") },
    { "pdf", N_("PDF") },
    { "docx", N_("Word document (.docx)") },
    { "odt", N_("OpenDocument text (.odt)") },
  };

  if (loader == NULL)
    return _("Unknown");
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (loader, names[i].loader))
      return _(names[i].name);
  return loader;
}

static char *
describe_clauses (CmDocument *document)
{
  guint n = cm_document_get_n_clauses (document), n_junk = 0;

  for (guint i = 0; i < n; i++)
    n_junk += cm_clause_get_kind (cm_document_get_clause (document, i)) == CM_CLAUSE_KIND_BOILERPLATE;
  /* TRANSLATORS: "312 clauses, 41 of them boilerplate (page junk)" */
  return g_strdup_printf (ngettext ("%u clause, %u of them boilerplate",
                                    "%u clauses, %u of them boilerplate", n),
                          n, n_junk);
}

/* One bullet per line of the loader's report. */
static char *
describe_report (CmDocument *document)
{
  const char *report = cm_document_get_load_report (document);
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (cm_document_get_source_loader (document) == NULL)
    return g_strdup (_("No report: this document was opened from its saved annotations, "
                       "not read from its file in this session."));
  if (report == NULL || *report == '\0')
    return g_strdup (_("Nothing was dropped or set aside: all of the file’s text is in the document."));
  lines = g_strsplit (report, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_string_append_printf (out, "%s• %s", out->len > 0 ? "\n" : "", lines[i]);
  return g_string_free (out, FALSE);
}

static void
update (CmDocumentInfo *self)
{
  CmDocument *document = self->document;
  g_autofree char *clauses = NULL;
  g_autofree char *report = NULL;
  const char *path;

  if (document == NULL)
    {
      gtk_label_set_text (self->file_label, "");
      gtk_label_set_text (self->format_label, "");
      gtk_label_set_text (self->encoding_label, "");
      gtk_label_set_text (self->clauses_label, "");
      gtk_label_set_text (self->report_label, _("No document is open."));
      return;
    }
  path = cm_document_get_source_path (document);
  gtk_label_set_text (self->file_label, path != NULL ? path : cm_document_get_id (document));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), path);
  gtk_label_set_text (self->format_label, format_name (cm_document_get_source_loader (document)));
  gtk_label_set_text (self->encoding_label, cm_document_get_source_encoding (document) != NULL
                                            ? cm_document_get_source_encoding (document)
                                            : _("Unknown"));
  clauses = describe_clauses (document);
  gtk_label_set_text (self->clauses_label, clauses);
  report = describe_report (document);
  gtk_label_set_text (self->report_label, report);
}

GtkWidget *
cm_document_info_new (void)
{
  return g_object_new (CM_TYPE_DOCUMENT_INFO, NULL);
}

void
cm_document_info_set_document (CmDocumentInfo *self,
                               CmDocument     *document)
{
  g_return_if_fail (CM_IS_DOCUMENT_INFO (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

CmDocument *
cm_document_info_get_document (CmDocumentInfo *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT_INFO (self), NULL);

  return self->document;
}

const char *
cm_document_info_get_report (CmDocumentInfo *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT_INFO (self), NULL);

  return gtk_label_get_text (self->report_label);
}

/* The clauses change as the reviewer merges and splits: count them when
 * the popover opens, not only when the document is set. */
static void
cm_document_info_show (GtkWidget *widget)
{
  update (CM_DOCUMENT_INFO (widget));
  GTK_WIDGET_CLASS (cm_document_info_parent_class)->show (widget);
}

static void
cm_document_info_dispose (GObject *object)
{
  CmDocumentInfo *self = CM_DOCUMENT_INFO (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_DOCUMENT_INFO);
  G_OBJECT_CLASS (cm_document_info_parent_class)->dispose (object);
}

static void
cm_document_info_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CmDocumentInfo *self = CM_DOCUMENT_INFO (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_document_info_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CmDocumentInfo *self = CM_DOCUMENT_INFO (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cm_document_info_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_document_info_class_init (CmDocumentInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_document_info_dispose;
  object_class->get_property = cm_document_info_get_property;
  object_class->set_property = cm_document_info_set_property;
  widget_class->show = cm_document_info_show;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/clausemark/Clausemark/ui/cm-document-info.ui");
  gtk_widget_class_bind_template_child (widget_class, CmDocumentInfo, file_label);
  gtk_widget_class_bind_template_child (widget_class, CmDocumentInfo, format_label);
  gtk_widget_class_bind_template_child (widget_class, CmDocumentInfo, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, CmDocumentInfo, clauses_label);
  gtk_widget_class_bind_template_child (widget_class, CmDocumentInfo, report_label);
}

static void
cm_document_info_init (CmDocumentInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
