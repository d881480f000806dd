/* cm-taxonomy.c — reading and validating taxonomy files
 *
 * A taxonomy file is JSON:
 *   {"format": "clausemark-taxonomy", "version": 1, "id", "name": {"en", "zh"},
 *    "labels": [{"id", "name": {"en", "zh"}, "description": {"en", "zh"},
 *                "color": "#rrggbb", "key"}]}
 * Users may point the tool at their own file, so every rule is checked and
 * every error names the file and, where it applies, the label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-taxonomy"
#define _GNU_SOURCE 1  /* lstat() */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-error.h"
#include "cm-json-guard.h"
#include "cm-paths.h"
#include "cm-taxonomy.h"

#define TAXONOMY_FORMAT  "clausemark-taxonomy"
#define TAXONOMY_VERSION 1

struct _CmTaxonomy
{
  GObject  parent_instance;

  char    *path;
  char    *id;
  char    *name_en;
  char    *name_zh;
  GArray  *labels;  /* of CmLabel */
};

G_DEFINE_FINAL_TYPE (CmTaxonomy, cm_taxonomy, G_TYPE_OBJECT)

static void
label_clear (CmLabel *label)
{
  g_free (label->id);
  g_free (label->name_en);
  g_free (label->name_zh);
  g_free (label->description_en);
  g_free (label->description_zh);
  g_free (label->color);
  g_free (label->shortcut);
}

static void
cm_taxonomy_finalize (GObject *object)
{
  CmTaxonomy *self = (CmTaxonomy *) object;

  g_free (self->path);
  g_free (self->id);
  g_free (self->name_en);
  g_free (self->name_zh);
  g_array_unref (self->labels);

  G_OBJECT_CLASS (cm_taxonomy_parent_class)->finalize (object);
}

static void
cm_taxonomy_class_init (CmTaxonomyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_taxonomy_finalize;
}

static void
cm_taxonomy_init (CmTaxonomy *self)
{
  self->labels = g_array_new (FALSE, TRUE, sizeof (CmLabel));
  g_array_set_clear_func (self->labels, (GDestroyNotify) label_clear);
}

/* Ids are stable ASCII names: ^[a-z][a-z0-9-]*$ (taxonomies and labels). */
gboolean
cm_taxonomy_id_is_valid (const char *id)
{
  if (id == NULL || !g_ascii_islower (id[0]))
    return FALSE;
  for (const char *p = id + 1; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gboolean
cm_taxonomy_key_is_reserved (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return key[0] != '\0' && key[1] == '\0' && strchr (CM_TAXONOMY_RESERVED_KEYS, key[0]) != NULL;
}

/* A shortcut is one lower-case ASCII letter or digit. */
static gboolean
is_valid_key (const char *key)
{
  return key != NULL && key[0] != '\0' && key[1] == '\0'
         && (g_ascii_islower (key[0]) || g_ascii_isdigit (key[0]));
}

/* The format is closed (as its schema says): an unknown member is most
 * likely a typo, e.g. "colour", and is reported rather than ignored. */
static gboolean
check_members (JsonObject         *object,
               const char * const *known,
               const char         *where,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: unknown member “%s”", where,
                     (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static const char * const taxonomy_members[] = { "format", "version", "id", "name", "labels", NULL };
static const char * const label_members[] = {
  "id", "name", "description", "color", "key", NULL
};
static const char * const bilingual_members[] = { "en", "zh", NULL };

/* Reads a required, non-empty string member; @where names the place in errors. */
static char *
dup_string_member (JsonObject  *object,
                   const char  *member,
                   const char  *where,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: “%s” is missing or not a string",
                   where, member);
      return NULL;
    }
  value = json_node_get_string (node);
  if (value[0] == '\0')
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: “%s” is empty", where, member);
      return NULL;
    }
  return g_strdup (value);
}

/* Reads {"en": …, "zh": …} into two strings. */
static gboolean
read_bilingual (JsonObject  *object,
                const char  *member,
                const char  *where,
                char       **en,
                char       **zh,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *inner_where = g_strdup_printf ("%s, “%s”", where, member);
  JsonObject *inner;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “%s” is missing or not an object with “en” and “zh”", where, member);
      return FALSE;
    }
  inner = json_node_get_object (node);
  if (!check_members (inner, bilingual_members, inner_where, error))
    return FALSE;
  *en = dup_string_member (inner, "en", inner_where, error);
  if (*en == NULL)
    return FALSE;
  *zh = dup_string_member (inner, "zh", inner_where, error);
  return *zh != NULL;
}

static gboolean
read_label (CmTaxonomy  *self,
            JsonNode    *node,
            guint        index,
            const char  *file,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s: label %u", file, index + 1);
  CmLabel label = { 0 };
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s is not an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);

  label.id = dup_string_member (object, "id", where, error);
  if (label.id == NULL)
    return FALSE;
  /* From here on the label's id names it better than its position. */
  g_free (where);
  where = g_strdup_printf ("%s: label “%s”", file, label.id);

  if (!cm_taxonomy_id_is_valid (label.id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: the id must be lower-case ASCII letters, digits and “-”, "
                   "starting with a letter", where);
      goto fail;
    }
  if (!check_members (object, label_members, where, error))
    goto fail;
  if (cm_taxonomy_lookup (self, label.id) != NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: the id is used twice", where);
      goto fail;
    }
  if (!read_bilingual (object, "name", where, &label.name_en, &label.name_zh, error)
      || !read_bilingual (object, "description", where, &label.description_en,
                          &label.description_zh, error))
    goto fail;

  label.color = dup_string_member (object, "color", where, error);
  if (label.color == NULL)
    goto fail;
  if (!is_valid_color (label.color))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: colour “%s” is not of the form #rrggbb", where, label.color);
      goto fail;
    }

  label.shortcut = dup_string_member (object, "key", where, error);
  if (label.shortcut == NULL)
    goto fail;
  if (!is_valid_key (label.shortcut))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: key “%s” must be one lower-case letter or digit", where, label.shortcut);
      goto fail;
    }
  if (cm_taxonomy_key_is_reserved (label.shortcut))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: key “%s” is reserved by the review desk (reserved: %s)", where,
                   label.shortcut, CM_TAXONOMY_RESERVED_KEYS);
      goto fail;
    }
  if (cm_taxonomy_lookup_key (self, label.shortcut) != NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: key “%s” is already bound to label “%s”", where, label.shortcut,
                   cm_taxonomy_lookup_key (self, label.shortcut)->id);
      goto fail;
    }

  g_array_append_val (self->labels, label);
  return TRUE;

fail:
  label_clear (&label);
  return FALSE;
}

static gboolean
read_header (CmTaxonomy  *self,
             JsonObject  *root,
             const char  *file,
             GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 v;

  if (format == NULL || json_node_get_value_type (format) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (format), TAXONOMY_FORMAT) != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark taxonomy (“format” must be “%s”)", file,
                   TAXONOMY_FORMAT);
      return FALSE;
    }
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: “version” is missing or not an integer",
                   file);
      return FALSE;
    }
  v = json_node_get_int (version);
  if (v > TAXONOMY_VERSION)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: taxonomy format version %" G_GINT64_FORMAT
                   " is newer than this Clausemark understands (%d)", file, v, TAXONOMY_VERSION);
      return FALSE;
    }
  if (v < 1)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: version %" G_GINT64_FORMAT
                   " does not exist", file, v);
      return FALSE;
    }

  if (!check_members (root, taxonomy_members, file, error))
    return FALSE;
  self->id = dup_string_member (root, "id", file, error);
  if (self->id == NULL)
    return FALSE;
  if (!cm_taxonomy_id_is_valid (self->id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: taxonomy id “%s” must be lower-case ASCII letters, digits and “-”",
                   file, self->id);
      return FALSE;
    }
  return read_bilingual (root, "name", file, &self->name_en, &self->name_zh, error);
}

static CmTaxonomy *
taxonomy_from_data (const char  *data,
                    gsize        length,
                    const char  *file,
                    GError     **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(CmTaxonomy) self = g_object_new (CM_TYPE_TAXONOMY, NULL);
  JsonNode *root;
  JsonNode *labels;
  JsonArray *array;

  parsed = cm_json_parse_guarded (data, length, file, error);
  if (parsed == NULL)
    return NULL;
  root = parsed;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark taxonomy (the top level is not an object)", file);
      return NULL;
    }
  if (!read_header (self, json_node_get_object (root), file, error))
    return NULL;

  labels = json_object_get_member (json_node_get_object (root), "labels");
  if (labels == NULL || !JSON_NODE_HOLDS_ARRAY (labels)
      || json_array_get_length (json_node_get_array (labels)) == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “labels” is missing, not an array or empty", file);
      return NULL;
    }
  array = json_node_get_array (labels);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_label (self, json_array_get_element (array, i), i, file, error))
      return NULL;

  self->path = g_strdup (file);
  return g_steal_pointer (&self);
}

/**
 * cm_taxonomy_load_file:
 *
 * Returns: (transfer full): the taxonomy, or %NULL with @error naming the
 * file and the fault (CM_ERROR_PARSE, _UNKNOWN_FORMAT, _NEWER_VERSION,
 * _INVALID; a GFileError when it cannot be read).
 */
CmTaxonomy *
cm_taxonomy_load_file (const char  *path,
                       GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  data = cm_read_file_bounded (path, CM_READ_MAX_TAXONOMY, NULL, &length, error);
  if (data == NULL)
    return NULL;
  return taxonomy_from_data (data, length, path, error);
}

CmTaxonomy *
cm_taxonomy_load_data (const char  *data,
                       gsize        length,
                       const char  *name,
                       GError     **error)
{
  g_return_val_if_fail (data != NULL && name != NULL, NULL);
  return taxonomy_from_data (data, length, name, error);
}

CmTaxonomy *
cm_taxonomy_load_builtin (const char  *id,
                          GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (!cm_taxonomy_id_is_valid (id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "“%s” is not a taxonomy id", id);
      return NULL;
    }
  file = g_strconcat (id, ".json", NULL);
  path = cm_build_data_path ("taxonomies", file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                   "No bundled taxonomy “%s” (looked for %s)", id, path);
      return NULL;
    }
  return cm_taxonomy_load_file (path, error);
}

/**
 * cm_taxonomy_load_named:
 * @id: the taxonomy id a document names
 * @folder: (nullable): the document's folder
 *
 * Resolves the taxonomy a document names. A document names an id, never a
 * path: a bundled taxonomy, or a user's taxonomy kept beside the documents
 * as "<id>.taxonomy.json" (a regular file, not a link). Ids are
 * ^[a-z][a-z0-9-]*$, so nothing outside @folder can be reached, and
 * nothing of a file that is not a taxonomy is quoted in errors.
 *
 * Returns: (transfer full): the taxonomy, or %NULL with CM_ERROR_NOT_FOUND
 * (or the file's own error).
 */
CmTaxonomy *
cm_taxonomy_load_named (const char  *id,
                        const char  *folder,
                        GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bundled = NULL;
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  GStatBuf st;

  g_return_val_if_fail (id != NULL, NULL);

  if (!cm_taxonomy_id_is_valid (id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                   "the taxonomy must be named by an id (lower-case letters, digits and “-”), "
                   "not a path");
      return NULL;
    }
  file = g_strconcat (id, ".json", NULL);
  bundled = cm_build_data_path ("taxonomies", file, NULL);
  if (g_file_test (bundled, G_FILE_TEST_IS_REGULAR))
    return cm_taxonomy_load_file (bundled, error);
  g_clear_pointer (&file, g_free);
  file = g_strconcat (id, CM_TAXONOMY_FILE_SUFFIX, NULL);
  path = folder != NULL ? g_build_filename (folder, file, NULL) : NULL;
  if (path == NULL || g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                   "unknown taxonomy “%s” (not bundled; give its file with --taxonomy, or keep "
                   "it beside the documents as %s)", id, file);
      return NULL;
    }
  taxonomy = cm_taxonomy_load_file (path, error);
  if (taxonomy == NULL)
    return NULL;
  if (!g_str_equal (cm_taxonomy_get_id (taxonomy), id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: its id is “%s”, not “%s”", path,
                   cm_taxonomy_get_id (taxonomy), id);
      return NULL;
    }
  return g_steal_pointer (&taxonomy);
}

/* Something that looks like a path (a separator or a .json suffix) is a
 * file; anything else is the id of a bundled taxonomy. */
CmTaxonomy *
cm_taxonomy_load (const char  *id_or_path,
                  GError     **error)
{
  g_return_val_if_fail (id_or_path != NULL, NULL);

  if (strchr (id_or_path, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (id_or_path, ".json"))
    return cm_taxonomy_load_file (id_or_path, error);
  return cm_taxonomy_load_builtin (id_or_path, error);
}

const char *
cm_taxonomy_get_id (CmTaxonomy *self)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  return self->id;
}

/* The English name; see cm_taxonomy_get_localized_name(). */
const char *
cm_taxonomy_get_name (CmTaxonomy *self)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  return self->name_en;
}

const char *
cm_taxonomy_get_localized_name (CmTaxonomy *self,
                                const char *language)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  return language != NULL && g_str_has_prefix (language, "zh") ? self->name_zh : self->name_en;
}

const char *
cm_taxonomy_get_path (CmTaxonomy *self)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  return self->path;
}

guint
cm_taxonomy_get_n_labels (CmTaxonomy *self)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), 0);
  return self->labels->len;
}

const CmLabel *
cm_taxonomy_get_label (CmTaxonomy *self,
                       guint       index)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);
  return &g_array_index (self->labels, CmLabel, index);
}

int
cm_taxonomy_index_of (CmTaxonomy *self,
                      const char *label_id)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), -1);
  g_return_val_if_fail (label_id != NULL, -1);

  /* A dozen labels: a linear scan beats hashing. */
  for (guint i = 0; i < self->labels->len; i++)
    if (g_str_equal (g_array_index (self->labels, CmLabel, i).id, label_id))
      return (int) i;
  return -1;
}

const CmLabel *
cm_taxonomy_lookup (CmTaxonomy *self,
                    const char *label_id)
{
  int index;

  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (label_id != NULL, NULL);

  index = cm_taxonomy_index_of (self, label_id);
  return index < 0 ? NULL : &g_array_index (self->labels, CmLabel, index);
}

const CmLabel *
cm_taxonomy_lookup_key (CmTaxonomy *self,
                        const char *key)
{
  g_return_val_if_fail (CM_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->labels->len; i++)
    if (g_str_equal (g_array_index (self->labels, CmLabel, i).shortcut, key))
      return &g_array_index (self->labels, CmLabel, i);
  return NULL;
}

const char *
cm_label_get_name (const CmLabel *label,
                   const char    *language)
{
  g_return_val_if_fail (label != NULL, NULL);
  /* "zh", "zh_CN", "zh-TW"… all read Chinese. */
  return language != NULL && g_str_has_prefix (language, "zh") ? label->name_zh : label->name_en;
}
