/* cm-corpus-manifest.c — reading, checking and saving a corpus's manifest
 *
 * clausemark-corpus.json (see cm-corpus.c): read once and bounded, checked
 * member by member against its closed format (data/clausemark-corpus.schema.json);
 * saved atomically under the folder's lock, merged with what another writer
 * saved meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-corpus"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-corpus-private.h"
#include "cm-error.h"
#include "cm-file-lock.h"
#include "cm-json-guard.h"

char *
cm_corpus_manifest_path (CmCorpus *self)
{
  return g_build_filename (self->directory, CM_CORPUS_MANIFEST, NULL);
}

static void G_GNUC_PRINTF (3, 4)
set_invalid (GError     **error,
             const char  *path,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", path, message);
}

/* Like its schema, the manifest format is closed: unknown members are
 * reported (a typo in a hand-edited manifest should not pass silently).
 * Returns the first unknown member, or NULL. */
static const char *
find_unknown_member (JsonObject         *object,
                     const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return l->data;  /* owned by the object */
  return NULL;
}

/* Version 2 adds "blind". */
static const char * const manifest_members_v1[] = {
  "format", "version", "name", "created", "documents", NULL
};
static const char * const manifest_members_v2[] = {
  "format", "version", "name", "created", "blind", "documents", NULL
};
static const char * const entry_members[] = {
  "id", "file", "language", "partner", "n_clauses", "n_reviewed", NULL
};

static const char *
get_string (JsonObject *object,
            const char *member,
            gboolean    nullable,
            gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || json_node_get_string (node)[0] == '\0')
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
get_count (JsonObject *object,
           const char *member,
           guint      *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0
      || json_node_get_int (node) > G_MAXUINT)
    return FALSE;
  *out = (guint) json_node_get_int (node);
  return TRUE;
}

/* A document file name inside the folder: no separators, no way out. */
gboolean
cm_corpus_is_plain_file_name (const char *name)
{
  return name != NULL && name[0] != '\0' && name[0] != '.' && strchr (name, '/') == NULL
         && strchr (name, '\\') == NULL;
}

static Entry *
read_entry (JsonNode    *node,
            guint        index,
            const char  *path,
            GError     **error)
{
  Entry *entry;
  JsonObject *object;
  gboolean ok = TRUE;
  const char *id, *file, *language, *partner;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, path, "document %u is not an object", index + 1);
      return NULL;
    }
  object = json_node_get_object (node);
  id = get_string (object, "id", FALSE, &ok);
  file = get_string (object, "file", FALSE, &ok);
  language = get_string (object, "language", FALSE, &ok);
  partner = get_string (object, "partner", TRUE, &ok);
  if (!ok)
    {
      set_invalid (error, path, "document %u: “id”, “file” and “language” must be non-empty "
                   "strings, “partner” a string or null", index + 1);
      return NULL;
    }
  if (find_unknown_member (object, entry_members) != NULL)
    {
      set_invalid (error, path, "document %s: unknown member “%s”", id,
                   find_unknown_member (object, entry_members));
      return NULL;
    }
  if (!cm_corpus_is_plain_file_name (file))
    {
      set_invalid (error, path, "document %s: “%s” is not a file name inside the folder", id,
                   file);
      return NULL;
    }
  entry = g_new0 (Entry, 1);
  if (!get_count (object, "n_clauses", &entry->n_clauses)
      || !get_count (object, "n_reviewed", &entry->n_reviewed)
      || entry->n_reviewed > entry->n_clauses)
    {
      set_invalid (error, path, "document %s: “n_clauses” and “n_reviewed” must be counts, "
                   "with n_reviewed <= n_clauses", id);
      g_free (entry);
      return NULL;
    }
  entry->id = g_strdup (id);
  entry->file = g_strdup (file);
  entry->language = g_strdup (language);
  entry->partner = g_strdup (partner);
  return entry;
}

/* Checks a manifest's contents (@path names it); fills @self when given. */
static gboolean
read_manifest_data (CmCorpus    *self,
                    const char  *contents,
                    gsize        length,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GHashTable) entries = NULL;
  JsonObject *root;
  JsonNode *node, *documents;
  gboolean ok = TRUE;
  const char * const *manifest_members;
  const char *name, *created;
  gboolean blind = FALSE;
  gint64 version;

  parsed = cm_json_parse_guarded (contents, length, path, error);
  if (parsed == NULL)
    return FALSE;
  node = parsed;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)
      || g_strcmp0 (get_string (json_node_get_object (node), "format", FALSE, &ok),
                    CORPUS_FORMAT) != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark corpus manifest (“format” is not “%s”)", path,
                   CORPUS_FORMAT);
      return FALSE;
    }
  root = json_node_get_object (node);
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      set_invalid (error, path, "“version” is missing or not a positive integer");
      return FALSE;
    }
  version = json_node_get_int (node);
  if (version > CORPUS_VERSION)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (corpus format version %" G_GINT64_FORMAT
                   "; this version reads up to %d)", path, version, CORPUS_VERSION);
      return FALSE;
    }
  name = get_string (root, "name", FALSE, &ok);
  created = get_string (root, "created", FALSE, &ok);
  documents = json_object_get_member (root, "documents");
  if (!ok || documents == NULL || !JSON_NODE_HOLDS_ARRAY (documents))
    {
      set_invalid (error, path, "“name” and “created” must be strings and “documents” an array");
      return FALSE;
    }
  manifest_members = version >= 2 ? manifest_members_v2 : manifest_members_v1;
  if (find_unknown_member (root, manifest_members) != NULL)
    {
      set_invalid (error, path, "unknown member “%s”", find_unknown_member (root, manifest_members));
      return FALSE;
    }
  if (version >= 2)
    {
      node = json_object_get_member (root, "blind");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          set_invalid (error, path, "“blind” is missing or not true or false");
          return FALSE;
        }
      blind = json_node_get_boolean (node);
    }
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (created, NULL);
    if (when == NULL)
      {
        set_invalid (error, path, "“created” (%s) is not an ISO 8601 date and time with a zone",
                     created);
        return FALSE;
      }
  }

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cm_corpus_entry_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (documents)); i++)
    {
      Entry *entry = read_entry (json_array_get_element (json_node_get_array (documents), i), i,
                                 path, error);
      if (entry == NULL)
        return FALSE;
      if (g_hash_table_contains (entries, entry->id))
        {
          set_invalid (error, path, "document %s is listed twice", entry->id);
          cm_corpus_entry_free (entry);
          return FALSE;
        }
      g_hash_table_insert (entries, entry->id, entry);
    }

  if (self != NULL)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_free (self->created);
      self->created = g_strdup (created);
      self->blind = blind;
      g_hash_table_unref (self->entries);
      self->entries = g_steal_pointer (&entries);
    }
  return TRUE;
}

/* Reads (once, bounded) and checks a manifest; fills @self when given. */
gboolean
cm_corpus_read_manifest (CmCorpus    *self,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  contents = cm_read_file_bounded (path, CM_READ_MAX_DOCUMENT, NULL, &length, error);
  return contents != NULL && read_manifest_data (self, contents, length, path, error);
}

/**
 * cm_corpus_validate_manifest:
 *
 * Checks a manifest file against the rules of the corpus format.
 */
gboolean
cm_corpus_validate_manifest (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return cm_corpus_read_manifest (NULL, path, error);
}

/**
 * cm_corpus_validate_manifest_data:
 * @name: names the manifest in errors
 *
 * As cm_corpus_validate_manifest(), for contents already read.
 */
gboolean
cm_corpus_validate_manifest_data (const char  *contents,
                                  gsize        length,
                                  const char  *name,
                                  GError     **error)
{
  g_return_val_if_fail (contents != NULL && name != NULL, FALSE);
  return read_manifest_data (NULL, contents, length, name, error);
}
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;
  return strcmp (x->id, y->id);
}

static char *
manifest_to_json (CmCorpus *self,
                  gsize    *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer entry_pointer;

  /* (g_hash_table_get_values_as_ptr_array() is GLib 2.76.) */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &entry_pointer))
    g_ptr_array_add (entries, entry_pointer);
  g_ptr_array_sort (entries, compare_entries);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CORPUS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CORPUS_VERSION);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, self->created);
  json_builder_set_member_name (builder, "blind");
  json_builder_add_boolean_value (builder, self->blind);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry->id);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, entry->file);
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, entry->language);
      json_builder_set_member_name (builder, "partner");
      if (entry->partner != NULL)
        json_builder_add_string_value (builder, entry->partner);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "n_clauses");
      json_builder_add_int_value (builder, entry->n_clauses);
      json_builder_set_member_name (builder, "n_reviewed");
      json_builder_add_int_value (builder, entry->n_reviewed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

/* Under the folder's lock: entries another writer saved since we opened
 * the corpus join ours (ours win for the same id), if their file exists. */
static void
merge_manifest_on_disk (CmCorpus   *self,
                        const char *path)
{
  g_autoptr(CmCorpus) on_disk = g_object_new (CM_TYPE_CORPUS, NULL);
  GHashTableIter iter;
  gpointer id;
  Entry *entry;

  on_disk->directory = g_strdup (self->directory);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) || !cm_corpus_read_manifest (on_disk, path, NULL))
    return;
  g_hash_table_iter_init (&iter, on_disk->entries);
  while (g_hash_table_iter_next (&iter, &id, (gpointer *) &entry))
    {
      g_autofree char *file = g_build_filename (self->directory, entry->file, NULL);

      if (g_hash_table_contains (self->entries, id) || !g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (self->entries, entry->id, entry);
    }
}

static gboolean
write_manifest_locked (CmCorpus    *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *json = NULL;
  g_autofree char *with_newline = NULL;
  gsize length;

  /* Whatever sits there now was read at open (or is new since): never
   * replace a manifest that is foreign or newer. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) why = NULL;

      /* A broken manifest of ours may go (the backup keeps it); a foreign
       * or newer one stays. */
      if (!cm_corpus_validate_manifest (path, &why)
          && !g_error_matches (why, CM_ERROR, CM_ERROR_INVALID))
        {
          g_set_error (error, CM_ERROR, why->domain == CM_ERROR ? why->code : CM_ERROR_FAILED,
                       "%s; refusing to overwrite it", why->message);
          return FALSE;
        }
    }
  merge_manifest_on_disk (self, path);
  json = manifest_to_json (self, &length);
  with_newline = g_strconcat (json, "\n", NULL);
  return cm_write_file_atomically (path, with_newline, length + 1, TRUE, error);
}

/* Writes the manifest atomically (keeping the previous one as a backup),
 * under the folder's lock, merged with what other writers saved. */
gboolean
cm_corpus_save_manifest (CmCorpus  *self,
                         GError   **error)
{
  g_autofree char *path = NULL;
  gboolean ok;
  int lock;

  g_return_val_if_fail (CM_IS_CORPUS (self), FALSE);

  if (!cm_corpus_flush (self, error))
    return FALSE;
  path = cm_corpus_manifest_path (self);
  lock = cm_folder_lock (self->directory, error);
  if (lock < 0)
    return FALSE;
  ok = write_manifest_locked (self, path, error);
  cm_folder_unlock (lock);
  return ok;
}
