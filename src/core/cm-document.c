/* cm-document.c — a policy's text, metadata, clauses and alignment links
 *
 * The object, its metadata and links; the text and character offsets are
 * in cm-document-text.c, the clause list and its edits in
 * cm-document-clauses.c (shared: cm-document-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-document-private.h"
#include "cm-error.h"
#include "cm-util-private.h"

G_DEFINE_FINAL_TYPE (CmDocument, cm_document, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (CmLink, cm_link, cm_link_copy, cm_link_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LANGUAGE,
  PROP_N_CLAUSES,
  PROP_PARTNER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CmLink *
cm_link_new (const char * const *clauses,
             const char * const *partner_clauses,
             double              score)
{
  CmLink *link = g_new0 (CmLink, 1);
  static const char * const none[] = { NULL };

  link->clauses = g_strdupv ((char **) (clauses ? clauses : none));
  link->partner_clauses = g_strdupv ((char **) (partner_clauses ? partner_clauses : none));
  link->score = score;
  return link;
}

CmLink *
cm_link_copy (const CmLink *link)
{
  CmLink *copy = cm_link_new ((const char * const *) link->clauses,
                              (const char * const *) link->partner_clauses, link->score);
  copy->reviewed = link->reviewed;
  return copy;
}

void
cm_link_free (CmLink *link)
{
  if (link == NULL)
    return;
  g_strfreev (link->clauses);
  g_strfreev (link->partner_clauses);
  g_free (link);
}

static void
cm_document_finalize (GObject *object)
{
  CmDocument *self = (CmDocument *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->language);
  g_free (self->taxonomy_id);
  g_free (self->source_path);
  g_free (self->source_sha256);
  g_free (self->source_encoding);
  g_free (self->source_loader);
  g_free (self->load_report);
  cm_document_set_source_links (self, NULL, 0);
  g_free (self->text);
  g_free (self->checkpoints);
  g_clear_pointer (&self->clause_index, g_hash_table_unref);
  g_clear_object (&self->clauses);
  g_clear_pointer (&self->clause_array, g_ptr_array_unref);
  g_free (self->partner_id);
  g_clear_pointer (&self->links, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_document_parent_class)->finalize (object);
}

static void
cm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CmDocument *self = CM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_N_CLAUSES:
      g_value_set_uint (value, cm_document_get_n_clauses (self));
      break;
    case PROP_PARTNER_ID:
      g_value_set_string (value, self->partner_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_document_class_init (CmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_document_finalize;
  object_class->get_property = cm_document_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, ro);
  properties[PROP_N_CLAUSES] = g_param_spec_uint ("n-clauses", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PARTNER_ID] = g_param_spec_string ("partner-id", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
on_clauses_changed (CmDocument *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *model)
{
  if (removed > 0)
    g_ptr_array_remove_range (self->clause_array, position, removed);
  for (guint i = 0; i < added; i++)
    {
      CmClause *clause = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (self->clause_array, (gint) (position + i), clause);
      g_object_unref (clause);
    }
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLAUSES]);
}

static void
cm_document_init (CmDocument *self)
{
  self->clauses = g_list_store_new (CM_TYPE_CLAUSE);
  self->clause_array = g_ptr_array_new ();
  self->clause_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  self->language = g_strdup ("und");
  self->taxonomy_id = g_strdup ("privacy-11");
  self->next_id = 1;
  g_signal_connect_object (self->clauses, "items-changed",
                           G_CALLBACK (on_clauses_changed), self, G_CONNECT_SWAPPED);
}

/**
 * cm_document_new:
 * @id: the document id
 * @text: valid UTF-8, already normalised
 *
 * Returns: (transfer full): a document without clauses.
 */
CmDocument *
cm_document_new (const char *id,
                 const char *text)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  return cm_document_new_take (id, g_strdup (text));
}

/**
 * cm_document_new_take:
 * @text: (transfer full): valid UTF-8, already normalised
 *
 * As cm_document_new(), without copying @text (a reader of a large
 * document hands over the text it unescaped).
 *
 * Returns: (transfer full): a document without clauses.
 */
CmDocument *
cm_document_new_take (const char *id,
                      char       *text)
{
  CmDocument *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (CM_TYPE_DOCUMENT, NULL);
  self->id = g_strdup (id);
  self->text = text;
  self->text_size = strlen (text);
  cm_document_build_checkpoints (self);
  return self;
}

const char *
cm_document_get_id (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->id;
}

const char *
cm_document_get_title (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
cm_document_set_title (CmDocument *self,
                       const char *title)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  if (cm_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cm_document_get_language (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->language;
}

void
cm_document_set_language (CmDocument *self,
                          const char *language)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (language != NULL);
  if (cm_set_str (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
cm_document_get_taxonomy_id (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->taxonomy_id;
}

void
cm_document_set_taxonomy_id (CmDocument *self,
                             const char *taxonomy_id)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (taxonomy_id != NULL);
  cm_set_str (&self->taxonomy_id, taxonomy_id);
}

CmGranularity
cm_document_get_granularity (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), CM_GRANULARITY_SENTENCE);
  return self->granularity;
}

void
cm_document_set_granularity (CmDocument    *self,
                             CmGranularity  granularity)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  self->granularity = granularity;
}

const char *
cm_document_get_source_path (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->source_path;
}

const char *
cm_document_get_source_sha256 (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->source_sha256;
}

const char *
cm_document_get_source_encoding (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->source_encoding;
}

const char *
cm_document_get_source_loader (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->source_loader;
}

const CmSourceLink *
cm_document_get_source_links (CmDocument *self,
                              guint      *n_links)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_links != NULL, NULL);

  *n_links = self->source_links != NULL ? self->source_links->len : 0;
  return self->source_links != NULL ? (const CmSourceLink *) (gpointer) self->source_links->data
                                    : NULL;
}

void
cm_document_set_source_links (CmDocument         *self,
                              const CmSourceLink *links,
                              guint               n_links)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (links != NULL || n_links == 0);

  for (guint i = 0; self->source_links != NULL && i < self->source_links->len; i++)
    g_free (g_array_index (self->source_links, CmSourceLink, i).url);
  g_clear_pointer (&self->source_links, g_array_unref);
  if (n_links == 0)
    return;
  self->source_links = g_array_sized_new (FALSE, FALSE, sizeof (CmSourceLink), n_links);
  for (guint i = 0; i < n_links; i++)
    {
      CmSourceLink link = { links[i].start, links[i].end, g_strdup (links[i].url) };

      g_array_append_val (self->source_links, link);
    }
}

const char *
cm_document_get_load_report (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->load_report;
}

void
cm_document_set_load_report (CmDocument *self,
                             const char *report)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  cm_set_str (&self->load_report, report);
}

void
cm_document_set_source (CmDocument *self,
                        const char *path,
                        const char *sha256,
                        const char *encoding,
                        const char *loader)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  cm_set_str (&self->source_path, path);
  cm_set_str (&self->source_sha256, sha256);
  cm_set_str (&self->source_encoding, encoding);
  cm_set_str (&self->source_loader, loader);
}

const char *
cm_document_get_partner_id (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->partner_id;
}

void
cm_document_set_partner_id (CmDocument *self,
                            const char *partner_id)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  if (cm_set_str (&self->partner_id, partner_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER_ID]);
}

/* Returns: (transfer none) (element-type CmLink) */
GPtrArray *
cm_document_get_links (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->links;
}

/* Takes a copy of every link in @links. */
void
cm_document_set_links (CmDocument *self,
                       GPtrArray  *links)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));

  g_ptr_array_set_size (self->links, 0);
  for (guint i = 0; links && i < links->len; i++)
    g_ptr_array_add (self->links, cm_link_copy (g_ptr_array_index (links, i)));
}

static gboolean
links_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const CmLink *x = g_ptr_array_index (a, i);
      const CmLink *y = g_ptr_array_index (b, i);

      if (!g_strv_equal ((const char * const *) x->clauses, (const char * const *) y->clauses)
          || !g_strv_equal ((const char * const *) x->partner_clauses,
                            (const char * const *) y->partner_clauses)
          || fabs (x->score - y->score) > 1e-9 || x->reviewed != y->reviewed)
        return FALSE;
    }
  return TRUE;
}

/* Deep equality of everything the JSON format stores. */
gboolean
cm_document_equal (CmDocument *a,
                   CmDocument *b)
{
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (b), FALSE);

  if (g_strcmp0 (a->id, b->id) || g_strcmp0 (a->title, b->title)
      || g_strcmp0 (a->language, b->language) || g_strcmp0 (a->taxonomy_id, b->taxonomy_id)
      || a->granularity != b->granularity || g_strcmp0 (a->source_path, b->source_path)
      || g_strcmp0 (a->source_sha256, b->source_sha256)
      || g_strcmp0 (a->source_encoding, b->source_encoding)
      || g_strcmp0 (a->source_loader, b->source_loader) || g_strcmp0 (a->text, b->text)
      || g_strcmp0 (a->partner_id, b->partner_id) || !links_equal (a->links, b->links))
    return FALSE;

  n = cm_document_get_n_clauses (a);
  if (n != cm_document_get_n_clauses (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!cm_clause_equal (cm_document_get_clause (a, i), cm_document_get_clause (b, i)))
      return FALSE;
  return TRUE;
}

int
cm_document_compare_ids (gconstpointer a,
                         gconstpointer b)
{
  return strcmp (cm_document_get_id (*(CmDocument * const *) a),
                 cm_document_get_id (*(CmDocument * const *) b));
}
