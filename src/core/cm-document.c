/* cm-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-document.h"
#include "cm-error.h"
#include "cm-util-private.h"

/* Byte offsets of every CHECKPOINT_STRIDE-th code point, so that turning a
 * code-point offset into a byte offset costs at most one short walk (the
 * classifiers copy every clause's text: two conversions per clause). A
 * power of two; the table costs at most size / 4 bytes. */
#define CHECKPOINT_STRIDE 32

struct _CmDocument
{
  GObject        parent_instance;

  char          *id;
  char          *title;
  char          *language;
  char          *taxonomy_id;
  CmGranularity  granularity;

  char          *source_path;
  char          *source_sha256;
  char          *source_encoding;
  char          *source_loader;
  char          *load_report;    /* not saved: what the loader set aside */
  GArray        *source_links;   /* not saved: of CmSourceLink */

  char          *text;
  gsize          text_size;
  guint          n_chars;
  gsize         *checkpoints;
  gboolean       ascii_only;

  GListStore    *clauses;
  GPtrArray     *clause_array;  /* the store's clauses (borrowed), kept in step
                                 * by items-changed: O(1) indexing where the
                                 * store walks its GSequence */
  GHashTable    *clause_index;  /* id -> CmClause (borrowed from the store) */
  guint          next_id;

  char          *partner_id;
  GPtrArray     *links;         /* of CmLink */
};

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

/* Notes the byte offsets of the code points starting in text[from..to)
 * whose index is a multiple of CHECKPOINT_STRIDE; returns the count. */
static guint64
scan_bytes (const guchar *text,
            gsize         from,
            gsize         to,
            guint64       n,
            gsize        *points,
            gsize        *n_points)
{
  for (gsize i = from; i < to; i++)
    if ((text[i] & 0xC0) != 0x80)
      {
        if ((n & (CHECKPOINT_STRIDE - 1)) == 0)
          points[(*n_points)++] = i;
        n++;
      }
  return n;
}

/* One pass over the text: counts code points (bytes that are not
 * continuation bytes, eight at a time) and notes every
 * CHECKPOINT_STRIDE-th one's byte offset. A text of single-byte characters
 * needs no table at all. */
static void
build_checkpoints (CmDocument *self)
{
  const guint64 high_bits = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 low_bits = G_GUINT64_CONSTANT (0x0101010101010101);
  const guchar *text = (const guchar *) self->text;
  gsize size = self->text_size;
  gsize *points = g_new (gsize, size / CHECKPOINT_STRIDE + 1);
  gsize n_points = 0, i = 0;
  guint64 n = 0;

  for (; i + 8 <= size; i += 8)
    {
      guint64 word, continuation;
      guint leads;

      memcpy (&word, text + i, sizeof word);
      /* Continuation bytes are 10xxxxxx: top bit set, next bit clear. */
      continuation = word & ~(word << 1) & high_bits;
      leads = 8 - (guint) (((continuation >> 7) * low_bits) >> 56);
      /* Does a multiple of the stride fall among this word's code points? */
      if (leads > ((CHECKPOINT_STRIDE - (n & (CHECKPOINT_STRIDE - 1))) & (CHECKPOINT_STRIDE - 1)))
        n = scan_bytes (text, i, i + 8, n, points, &n_points);
      else
        n += leads;
    }
  n = scan_bytes (text, i, size, n, points, &n_points);

  self->n_chars = (guint) n;
  self->ascii_only = n == size;
  if (self->ascii_only)
    g_clear_pointer (&points, g_free);
  else
    points = g_renew (gsize, points, MAX (n_points, 1));
  self->checkpoints = points;
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
  build_checkpoints (self);
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
cm_document_get_text (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->text;
}

gsize
cm_document_get_text_size (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->text_size;
}

guint
cm_document_get_n_chars (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->n_chars;
}

gsize
cm_document_char_to_byte (CmDocument *self,
                          guint       char_offset)
{
  const char *p;
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);

  if (char_offset >= self->n_chars)
    return self->text_size;
  if (self->ascii_only)
    return char_offset;

  p = self->text + self->checkpoints[char_offset / CHECKPOINT_STRIDE];
  for (n = char_offset % CHECKPOINT_STRIDE; n > 0; n--)
    p += g_utf8_skip[*(const guchar *) p];
  return (gsize) (p - self->text);
}

char *
cm_document_dup_range_text (CmDocument *self,
                            guint       start,
                            guint       end)
{
  gsize from, to;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end, NULL);

  from = cm_document_char_to_byte (self, start);
  to = cm_document_char_to_byte (self, end);
  return g_strndup (self->text + from, to - from);
}

char *
cm_document_dup_clause_text (CmDocument *self,
                             CmClause   *clause)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);
  return cm_document_dup_range_text (self, cm_clause_get_start (clause),
                                     cm_clause_get_end (clause));
}

/**
 * cm_document_join_clause_texts:
 * @ids: (nullable): clause ids, %NULL-terminated; unknown ids are skipped
 * @separator: put between two clauses' texts
 *
 * Returns: (transfer full): the texts of the clauses @ids names, in that
 * order, each stripped of surrounding white space.
 */
char *
cm_document_join_clause_texts (CmDocument  *self,
                               char       **ids,
                               const char  *separator)
{
  GString *text;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (self, ids[i], NULL);
      g_autofree char *clause_text = NULL;

      if (clause == NULL)
        continue;
      clause_text = cm_document_dup_clause_text (self, clause);
      g_strstrip (clause_text);
      if (text->len)
        g_string_append (text, separator);
      g_string_append (text, clause_text);
    }
  return g_string_free (text, FALSE);
}

GListModel *
cm_document_get_clauses (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->clauses);
}

guint
cm_document_get_n_clauses (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->clause_array->len;
}

/* Returns: (transfer none) */
CmClause *
cm_document_get_clause (CmDocument *self,
                        guint       position)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);

  /* The store keeps a reference; hand out a borrowed pointer. */
  if (position >= self->clause_array->len)
    return NULL;
  return g_ptr_array_index (self->clause_array, position);
}

static gboolean
find_position (CmDocument *self,
               CmClause   *clause,
               guint      *position)
{
  guint lo = 0, hi = cm_document_get_n_clauses (self);
  guint start = cm_clause_get_start (clause);

  /* Clauses are kept in text order, so search by start offset first. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      CmClause *c = cm_document_get_clause (self, mid);

      if (cm_clause_get_start (c) < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < cm_document_get_n_clauses (self); i++)
    {
      CmClause *c = cm_document_get_clause (self, i);
      if (c == clause)
        {
          *position = i;
          return TRUE;
        }
      if (cm_clause_get_start (c) > start)
        break;
    }
  return g_list_store_find (self->clauses, clause, position);
}

CmClause *
cm_document_lookup_clause (CmDocument *self,
                           const char *id,
                           guint      *position)
{
  CmClause *clause;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  clause = g_hash_table_lookup (self->clause_index, id);
  if (clause != NULL && position != NULL && !find_position (self, clause, position))
    return NULL;
  return clause;
}

/* The clause whose range holds char_offset, or the nearest one before it
 * when the offset falls between clauses (e.g. on a blank line). */
CmClause *
cm_document_find_clause_at (CmDocument *self,
                            guint       char_offset,
                            guint      *position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);

  hi = cm_document_get_n_clauses (self);
  if (hi == 0)
    return NULL;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (cm_clause_get_start (cm_document_get_clause (self, mid)) <= char_offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0)
    lo--;
  if (position)
    *position = lo;
  return cm_document_get_clause (self, lo);
}

static void
index_clause (CmDocument *self,
              CmClause   *clause)
{
  const char *id = cm_clause_get_id (clause);
  guint64 n;

  g_hash_table_insert (self->clause_index, (gpointer) id, clause);
  if (id[0] == 'c' && g_ascii_string_to_unsigned (id + 1, 10, 0, G_MAXUINT - 1, &n, NULL))
    self->next_id = MAX (self->next_id, (guint) n + 1);
}

void
cm_document_set_clauses (CmDocument  *self,
                         CmClause   **clauses,
                         guint        n_clauses)
{
  guint old;

  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (n_clauses == 0 || clauses != NULL);

  g_hash_table_remove_all (self->clause_index);
  for (guint i = 0; i < n_clauses; i++)
    {
      g_return_if_fail (cm_clause_get_end (clauses[i]) <= self->n_chars);
      index_clause (self, clauses[i]);
    }
  old = cm_document_get_n_clauses (self);
  g_list_store_splice (self->clauses, 0, old, (gpointer *) clauses, n_clauses);
}

/* Returns: a clause id not used in this document ("c<N>"). */
char *
cm_document_next_clause_id (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return g_strdup_printf ("c%u", self->next_id++);
}

void
cm_document_insert_clause (CmDocument *self,
                           guint       position,
                           CmClause   *clause)
{
  g_return_if_fail (CM_IS_DOCUMENT (self));
  g_return_if_fail (CM_IS_CLAUSE (clause));
  index_clause (self, clause);
  g_list_store_insert (self->clauses, position, clause);
}

void
cm_document_remove_clause (CmDocument *self,
                           guint       position)
{
  CmClause *clause;

  g_return_if_fail (CM_IS_DOCUMENT (self));
  clause = cm_document_get_clause (self, position);
  g_return_if_fail (clause != NULL);
  g_hash_table_remove (self->clause_index, cm_clause_get_id (clause));
  g_list_store_remove (self->clauses, position);
}

/**
 * cm_document_split_clause:
 * @char_offset: document code-point offset, strictly inside the clause
 *
 * Cuts @clause in two at @char_offset. The new second half inherits kind,
 * structure, language and labels, and starts unreviewed.
 *
 * Returns: (transfer none): the new clause, or %NULL with @error set.
 */
CmClause *
cm_document_split_clause (CmDocument *self,
                          CmClause   *clause,
                          guint       char_offset,
                          GError    **error)
{
  g_autoptr(CmClause) tail = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);

  if (char_offset <= cm_clause_get_start (clause) || char_offset >= cm_clause_get_end (clause))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Offset %u is not inside clause %s (%u–%u)", char_offset,
                   cm_clause_get_id (clause), cm_clause_get_start (clause),
                   cm_clause_get_end (clause));
      return NULL;
    }
  if (!find_position (self, clause, &position))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "Clause %s is not in document %s",
                   cm_clause_get_id (clause), self->id);
      return NULL;
    }

  id = cm_document_next_clause_id (self);
  tail = cm_clause_copy (clause);
  cm_clause_set_id (tail, id);
  cm_clause_set_range (tail, char_offset, cm_clause_get_end (clause));
  cm_clause_set_kind (tail, cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE
                              ? CM_CLAUSE_KIND_BOILERPLATE : CM_CLAUSE_KIND_BODY);
  cm_clause_set_marker (tail, NULL);
  cm_clause_set_status (tail, CM_REVIEW_STATUS_UNREVIEWED);
  cm_clause_set_reviewer (tail, NULL);
  cm_clause_set_timestamp (tail, NULL);
  cm_clause_set_note (tail, NULL);
  cm_clause_set_range (clause, cm_clause_get_start (clause), char_offset);
  cm_document_insert_clause (self, position + 1, tail);
  return tail;
}

/* Makes @clause cover the clause after it, which is removed. */
gboolean
cm_document_merge_with_next (CmDocument *self,
                             CmClause   *clause,
                             GError    **error)
{
  CmClause *next;
  guint position;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), FALSE);

  if (!find_position (self, clause, &position))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "Clause %s is not in document %s",
                   cm_clause_get_id (clause), self->id);
      return FALSE;
    }
  next = cm_document_get_clause (self, position + 1);
  if (next == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Clause %s is the last one: there is nothing to merge it with",
                   cm_clause_get_id (clause));
      return FALSE;
    }
  for (const char * const *l = cm_clause_get_labels (next); *l; l++)
    if (!cm_clause_has_label (clause, *l))
      cm_clause_toggle_label (clause, *l);
  /* An annotator who answered only on the second clause keeps that answer;
   * one who answered on both keeps the first (never someone else's). */
  for (guint i = 0; i < cm_clause_get_n_annotations (next); i++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (next, i);

      if (cm_clause_lookup_annotation (clause, cm_annotation_get_annotator (annotation)) == NULL)
        cm_clause_set_annotation (clause, annotation);
    }
  cm_clause_set_range (clause, cm_clause_get_start (clause), cm_clause_get_end (next));
  cm_document_remove_clause (self, position + 1);
  return TRUE;
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
