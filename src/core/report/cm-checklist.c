/* cm-checklist.c — a disclosure checklist: items a policy must state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-checklist"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-checklist.h"
#include "cm-error.h"
#include "cm-json-guard.h"
#include "cm-json-read-private.h"
#include "cm-paths.h"

struct _CmChecklist
{
  GObject    parent_instance;

  char      *id;
  char      *name_en;
  char      *name_zh;
  char     **languages;
  GPtrArray *items;  /* of CmChecklistItem */
};

G_DEFINE_FINAL_TYPE (CmChecklist, cm_checklist, G_TYPE_OBJECT)

static void
condition_clear (gpointer data)
{
  CmCondition *condition = data;

  g_strfreev (condition->labels);
  g_strfreev (condition->terms_zh);
  g_strfreev (condition->terms_en);
  g_strfreev (condition->headings_zh);
  g_strfreev (condition->headings_en);
}

static GArray *
conditions_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (CmCondition));

  g_array_set_clear_func (array, condition_clear);
  return array;
}

static void
item_free (CmChecklistItem *item)
{
  g_free (item->id);
  g_free (item->law);
  g_free (item->name_en);
  g_free (item->name_zh);
  g_free (item->description_en);
  g_free (item->description_zh);
  g_array_unref (item->applies_if);
  g_array_unref (item->present);
  g_array_unref (item->unclear);
  g_free (item);
}

static void
cm_checklist_finalize (GObject *object)
{
  CmChecklist *self = (CmChecklist *) object;

  g_free (self->id);
  g_free (self->name_en);
  g_free (self->name_zh);
  g_strfreev (self->languages);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (cm_checklist_parent_class)->finalize (object);
}

static void
cm_checklist_class_init (CmChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_checklist_finalize;
}

static void
cm_checklist_init (CmChecklist *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
}

/* Parsing ---------------------------------------------------------------- */

typedef struct
{
  const char *name;   /* the file, for errors */
  const char *where;  /* the item, for errors */
} Context;

static gboolean
fail (const Context *ctx,
      GError       **error,
      const char    *what)
{
  if (ctx->where != NULL)
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: item “%s”: %s", ctx->name, ctx->where, what);
  else
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", ctx->name, what);
  return FALSE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || !g_ascii_islower (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* A non-empty array of non-empty strings, or NULL with @error set. */
static char **
read_strings (const Context *ctx,
              JsonNode      *node,
              const char    *member,
              GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *what = g_strdup_printf ("“%s” must be a non-empty array of non-empty strings", member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      fail (ctx, error, what);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *s = JSON_NODE_HOLDS_VALUE (element)
                      && json_node_get_value_type (element) == G_TYPE_STRING
                      ? json_node_get_string (element) : NULL;
      if (s == NULL || s[0] == '\0')
        {
          fail (ctx, error, what);
          return NULL;
        }
      g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

/* A member's string, or NULL when it is missing or not a string (json-glib's
 * own getters raise criticals on an object or an array). */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && cm_read_is_string (node) ? json_node_get_string (node) : NULL;
}

/* A member's integer, or 0 when it is missing or not a whole number. */
static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && cm_read_is_number (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

static gboolean
read_bilingual (const Context *ctx,
                JsonObject    *object,
                const char    *member,
                char         **en,
                char         **zh,
                GError       **error)
{
  g_autofree char *what = g_strdup_printf ("“%s” must hold non-empty “en” and “zh” strings", member);
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *names;
  const char *e, *z;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, what);
  names = json_node_get_object (node);
  e = string_member (names, "en");
  z = string_member (names, "zh");
  if (e == NULL || z == NULL || e[0] == '\0' || z[0] == '\0' || json_object_get_size (names) != 2)
    return fail (ctx, error, what);
  *en = g_strdup (e);
  *zh = g_strdup (z);
  return TRUE;
}

static const char * const anchor_names[] = {
  "email", "phone", "address", "url", "duration", "age", "date", NULL
};

static gboolean
read_condition (const Context *ctx,
                JsonNode      *node,
                CmCondition   *condition,
                GError       **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) || json_object_get_size (object = json_node_get_object (node)) == 0)
    return fail (ctx, error, "a condition must be a non-empty object");
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *value = json_object_get_member (object, member);
      g_auto(GStrv) strings = NULL;

      if (g_str_equal (member, "terms") || g_str_equal (member, "headings"))
        {
          gboolean headings = g_str_equal (member, "headings");
          g_autoptr(GList) languages = NULL;
          JsonObject *terms;

          if (!JSON_NODE_HOLDS_OBJECT (value) || json_object_get_size (terms = json_node_get_object (value)) == 0)
            return fail (ctx, error, "“terms” and “headings” must be objects with “zh” and/or “en” lists");
          languages = json_object_get_members (terms);
          for (GList *t = languages; t != NULL; t = t->next)
            {
              char ***target = g_str_equal (t->data, "zh")
                               ? (headings ? &condition->headings_zh : &condition->terms_zh)
                               : g_str_equal (t->data, "en")
                               ? (headings ? &condition->headings_en : &condition->terms_en) : NULL;
              if (target == NULL)
                return fail (ctx, error, "“terms” and “headings” take only “zh” and “en”");
              *target = read_strings (ctx, json_object_get_member (terms, t->data), t->data, error);
              if (*target == NULL)
                return FALSE;
            }
          continue;
        }
      strings = read_strings (ctx, value, member, error);
      if (strings == NULL)
        return FALSE;
      if (g_str_equal (member, "labels"))
        condition->labels = g_steal_pointer (&strings);
      else if (g_str_equal (member, "flags"))
        {
          for (guint i = 0; strings[i] != NULL; i++)
            {
              CmFlag flag;
              if (!cm_flag_from_string (strings[i], &flag))
                return fail (ctx, error, "unknown flag (key, risk, sensitive)");
              condition->flags |= CM_FLAG_BIT (flag);
            }
        }
      else if (g_str_equal (member, "anchors"))
        {
          for (guint i = 0; strings[i] != NULL; i++)
            {
              guint k = 0;
              while (anchor_names[k] != NULL && !g_str_equal (anchor_names[k], strings[i]))
                k++;
              if (anchor_names[k] == NULL)
                return fail (ctx, error, "unknown anchor (email, phone, address, url, duration, age, date)");
              condition->anchors |= 1u << k;
            }
        }
      else
        {
          g_autofree char *what = g_strdup_printf ("unknown condition member “%s”", member);
          return fail (ctx, error, what);
        }
    }
  return TRUE;
}

/* @member: an array of conditions; absent is fine unless @required. */
static gboolean
read_conditions (const Context *ctx,
                 JsonObject    *object,
                 const char    *member,
                 gboolean       required,
                 GArray        *conditions,
                 GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      g_autofree char *what = g_strdup_printf ("“%s” must be a non-empty array of conditions", member);
      return fail (ctx, error, what);
    }
  g_array_set_size (conditions, json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_condition (ctx, json_array_get_element (array, i),
                         &g_array_index (conditions, CmCondition, i), error))
      return FALSE;
  return TRUE;
}

static const char * const item_members[] = {
  "id", "law", "severity", "name", "description", "applies_if", "present", "unclear", NULL
};

static CmChecklistItem *
read_item (Context    *ctx,
           JsonNode   *node,
           GError    **error)
{
  g_autoptr(GList) members = NULL;
  CmChecklistItem *item;
  JsonObject *object;
  const char *id, *law;
  gint64 severity;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (ctx, error, "every item must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  id = string_member (object, "id");
  if (!is_valid_id (id))
    {
      fail (ctx, error, "an item's “id” must match ^[a-z][a-z0-9-]*$");
      return NULL;
    }
  ctx->where = id;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (item_members, l->data))
      {
        g_autofree char *what = g_strdup_printf ("unknown member “%s”", (char *) l->data);
        fail (ctx, error, what);
        return NULL;
      }
  law = string_member (object, "law");
  severity = int_member (object, "severity");
  if (law == NULL || law[0] == '\0' || severity < 1 || severity > 3)
    {
      fail (ctx, error, "“law” must be a non-empty string and “severity” 1, 2 or 3");
      return NULL;
    }
  item = g_new0 (CmChecklistItem, 1);
  item->id = g_strdup (id);
  item->law = g_strdup (law);
  item->severity = severity;
  item->applies_if = conditions_new ();
  item->present = conditions_new ();
  item->unclear = conditions_new ();
  if (!read_bilingual (ctx, object, "name", &item->name_en, &item->name_zh, error)
      || !read_bilingual (ctx, object, "description", &item->description_en,
                          &item->description_zh, error)
      || !read_conditions (ctx, object, "applies_if", FALSE, item->applies_if, error)
      || !read_conditions (ctx, object, "present", TRUE, item->present, error)
      || !read_conditions (ctx, object, "unclear", FALSE, item->unclear, error))
    {
      item_free (item);
      return NULL;
    }
  return item;
}

static gboolean
read_header (CmChecklist   *self,
             Context       *ctx,
             JsonObject    *root,
             GError       **error)
{
  static const char * const members[] = { "format", "version", "id", "name", "languages", "items", NULL };
  g_autoptr(GList) names = json_object_get_members (root);
  const char *id;

  if (g_strcmp0 (string_member (root, "format"),
                 "clausemark-checklist") != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark checklist (“format” is not “clausemark-checklist”)", ctx->name);
      return FALSE;
    }
  if (int_member (root, "version") != 1)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: checklist format version 1 expected", ctx->name);
      return FALSE;
    }
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_autofree char *what = g_strdup_printf ("unknown member “%s”", (char *) l->data);
        return fail (ctx, error, what);
      }
  id = string_member (root, "id");
  if (!is_valid_id (id))
    return fail (ctx, error, "“id” must match ^[a-z][a-z0-9-]*$");
  self->id = g_strdup (id);
  if (!read_bilingual (ctx, root, "name", &self->name_en, &self->name_zh, error))
    return FALSE;
  self->languages = read_strings (ctx, json_object_get_member (root, "languages"), "languages", error);
  if (self->languages == NULL)
    return FALSE;
  for (guint i = 0; self->languages[i] != NULL; i++)
    if (!g_str_equal (self->languages[i], "zh") && !g_str_equal (self->languages[i], "en"))
      return fail (ctx, error, "“languages” may hold “zh” and “en”");
  return TRUE;
}

CmChecklist *
cm_checklist_new_from_data (const char *data,
                            gssize      size,
                            const char *name,
                            GError    **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(CmChecklist) self = NULL;
  Context ctx = { name, NULL };
  JsonNode *root, *items;
  JsonArray *array;

  g_return_val_if_fail (data != NULL && name != NULL, NULL);

  /* Depth, UTF-8, duplicate members, trailing data: checked before
   * json-glib parses it (its recursion overflows the stack). */
  parsed = cm_json_parse_guarded (data, size < 0 ? strlen (data) : (gsize) size, name, error);
  if (parsed == NULL)
    return NULL;
  root = parsed;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT, "%s: not a JSON object", name);
      return NULL;
    }
  self = g_object_new (CM_TYPE_CHECKLIST, NULL);
  if (!read_header (self, &ctx, json_node_get_object (root), error))
    return NULL;
  items = json_object_get_member (json_node_get_object (root), "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items)
      || json_array_get_length (array = json_node_get_array (items)) == 0)
    {
      fail (&ctx, error, "“items” must be a non-empty array");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CmChecklistItem *item = read_item (&ctx, json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      if (cm_checklist_lookup (self, item->id) != NULL)
        {
          item_free (item);
          fail (&ctx, error, "the id is used twice");
          return NULL;
        }
      g_ptr_array_add (self->items, item);
      ctx.where = NULL;
    }
  return g_steal_pointer (&self);
}

CmChecklist *
cm_checklist_load_file (const char *path,
                        GError    **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  contents = cm_read_file_bounded (path, CM_READ_MAX_TAXONOMY, NULL, &length, error);
  if (contents == NULL)
    return NULL;
  return cm_checklist_new_from_data (contents, length, path, error);
}

CmChecklist *
cm_checklist_load (const char *id_or_path,
                   GError    **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (id_or_path != NULL, NULL);

  if (strchr (id_or_path, '/') != NULL || g_str_has_suffix (id_or_path, ".json"))
    return cm_checklist_load_file (id_or_path, error);
  file = g_strconcat (id_or_path, ".json", NULL);
  path = cm_build_data_path ("checklists", file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND,
                   "No bundled checklist “%s” (looked for %s)", id_or_path, path);
      return NULL;
    }
  return cm_checklist_load_file (path, error);
}

static int
compare_checklists (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 ((*(CmChecklist **) a)->id, (*(CmChecklist **) b)->id);
}

GPtrArray *
cm_checklist_load_bundled (const char *language,
                           GError    **error)
{
  g_autofree char *directory = cm_build_data_path ("checklists", NULL);
  g_autoptr(GPtrArray) checklists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = g_dir_open (directory, 0, error);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      CmChecklist *checklist;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (directory, name, NULL);
      checklist = cm_checklist_load_file (path, error);
      if (checklist == NULL)
        return NULL;
      /* A document of neither language (a two-language file) meets them all. */
      if (language == NULL || (!g_str_equal (language, "zh") && !g_str_equal (language, "en"))
          || cm_checklist_applies_to (checklist, language))
        g_ptr_array_add (checklists, checklist);
      else
        g_object_unref (checklist);
    }
  g_ptr_array_sort (checklists, compare_checklists);
  return g_steal_pointer (&checklists);
}

/* Accessors -------------------------------------------------------------- */

const char *
cm_checklist_get_id (CmChecklist *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), NULL);
  return self->id;
}

const char *
cm_checklist_get_name (CmChecklist *self,
                       const char  *language)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), NULL);
  return g_strcmp0 (language, "zh") == 0 ? self->name_zh : self->name_en;
}

gboolean
cm_checklist_applies_to (CmChecklist *self,
                         const char  *language)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), FALSE);
  return language != NULL && g_strv_contains ((const char * const *) self->languages, language);
}

guint
cm_checklist_get_n_items (CmChecklist *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), 0);
  return self->items->len;
}

const CmChecklistItem *
cm_checklist_get_item (CmChecklist *self,
                       guint        index)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

const CmChecklistItem *
cm_checklist_lookup (CmChecklist *self,
                     const char  *item_id)
{
  g_return_val_if_fail (CM_IS_CHECKLIST (self), NULL);

  for (guint i = 0; item_id != NULL && i < self->items->len; i++)
    {
      const CmChecklistItem *item = g_ptr_array_index (self->items, i);
      if (g_str_equal (item->id, item_id))
        return item;
    }
  return NULL;
}

const char *
cm_checklist_item_get_name (const CmChecklistItem *item,
                            const char            *language)
{
  g_return_val_if_fail (item != NULL, NULL);
  return g_strcmp0 (language, "zh") == 0 ? item->name_zh : item->name_en;
}

const char *
cm_checklist_item_get_description (const CmChecklistItem *item,
                                   const char            *language)
{
  g_return_val_if_fail (item != NULL, NULL);
  return g_strcmp0 (language, "zh") == 0 ? item->description_zh : item->description_en;
}
