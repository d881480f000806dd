/* cm-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "cm-test-util.h"
#include "cm-aligner.h"

static char *
build_pathv (const char *base,
             const char *first_element,
             va_list     args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *element;

  g_ptr_array_add (parts, (gpointer) base);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

const char *
cm_test_shared_dir (void)
{
  const char *dir = g_getenv ("CM_SHARED_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared is absent: this test needs the corpora and seeds beside the project");
      return NULL;
    }
  return dir;
}

char *
cm_test_shared_path (const char *first_element,
                     ...)
{
  const char *dir = cm_test_shared_dir ();
  va_list args;
  char *path;

  if (dir == NULL)
    return NULL;
  va_start (args, first_element);
  path = build_pathv (dir, first_element, args);
  va_end (args);
  return path;
}

char *
cm_test_data_path (const char *first_element,
                   ...)
{
  const char *dir = g_getenv ("CM_DATA_DIR");
  va_list args;
  char *path;

  g_assert_nonnull (dir);
  va_start (args, first_element);
  path = build_pathv (dir, first_element, args);
  va_end (args);
  return path;
}

char *
cm_test_fixture_path (const char *name)
{
  const char *dir = g_getenv ("CM_SOURCE_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "tests", "fixtures", name, NULL);
}

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
cm_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("clausemark-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

char *
cm_test_write_file (const char *dir,
                    const char *name,
                    const char *data,
                    gssize      size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

int
cm_test_validate_with_schema (const char *schema_name,
                              const char *file)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *schema = cm_test_data_path (schema_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (python == NULL)
    return -1;
  script = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "validate-json.py", NULL);
  {
    const char *argv[] = { python, script, schema, file, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_test_message ("validate-json.py %s: %s", file, err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 255;
}

char *
cm_test_copy_sample (const char *dir,
                     const char *sample,
                     const char *name)
{
  g_autofree char *source = cm_test_data_path ("samples", sample, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  return cm_test_write_file (dir, name, contents, (gssize) length);
}

static void
prefix_ids (char **ids,
            guint  policy)
{
  for (guint x = 0; ids[x]; x++)
    {
      char *id = g_strdup_printf ("%u/%s", policy, ids[x]);

      g_free (ids[x]);
      ids[x] = id;
    }
}

void
cm_test_add_links_of_policy (GPtrArray *all,
                             GPtrArray *links,
                             guint      policy)
{
  for (guint k = 0; k < links->len; k++)
    {
      CmLink *link = cm_link_copy (g_ptr_array_index (links, k));

      prefix_ids (link->clauses, policy);
      prefix_ids (link->partner_clauses, policy);
      g_ptr_array_add (all, link);
    }
}

GPtrArray *
cm_test_read_jsonl_texts (const char *path,
                          GArray     *ids)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      const char *line = lines[i];

      if (g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      if (*line == '\0')
        continue;
      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_ptr_array_add (texts, g_strdup (json_object_get_string_member (object, "text")));
      if (ids)
        {
          gint64 id = json_object_get_int_member (object, "id");
          g_array_append_val (ids, id);
        }
    }
  return texts;
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cm_test_list_files (const char *dir,
                    const char *suffix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)))
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_string_pointers);
  return names;
}

CmDocument *
cm_test_document_of_lines (const char *id,
                           const char *language,
                           GPtrArray  *pieces,
                           GPtrArray  *clause_ids)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;
  guint offset = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = pieces->pdata[i];
      guint n = (guint) g_utf8_strlen (piece, -1);
      CmClause *clause = cm_clause_new (clause_ids->pdata[i], offset, offset + n,
                                        CM_CLAUSE_KIND_BODY);

      cm_clause_set_language (clause, language);
      g_ptr_array_add (clauses, clause);
      g_string_append (text, piece);
      g_string_append_c (text, '\n');
      offset += n + 1;
    }
  document = cm_document_new (id, text->str);
  cm_document_set_language (document, language);
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  g_string_free (text, TRUE);
  return document;
}

void
cm_test_write_large_pair (const char  *dir,
                          guint        n,
                          char       **zh_path,
                          char       **en_path)
{
  static const char *zh_data[] = { "手机号码", "位置信息", "设备型号", "通讯录", "身份证号码", "浏览记录", "支付信息" };
  static const char *en_data[] = { "phone number", "location", "device model", "contacts", "ID card number",
                                   "browsing history", "payment information" };
  static const char *zh_uses[] = { "提供服务", "保障账号安全", "改进产品", "向您推送广告", "履行法律义务" };
  static const char *en_uses[] = { "provide the service", "keep your account secure", "improve our products",
                                   "show you advertising", "meet our legal obligations" };
  g_autoptr(GString) zh = g_string_new (NULL);
  g_autoptr(GString) en = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (zh, "%u. 我们会收集您的%s，用于%s，保存%u个月。\n", i,
                              zh_data[i % G_N_ELEMENTS (zh_data)], zh_uses[i % G_N_ELEMENTS (zh_uses)],
                              1 + i % 24);
      if (i % 31 != 0)
        g_string_append_printf (en, "%u. We collect your %s to %s and keep it for %u months.\n", i,
                                en_data[i % G_N_ELEMENTS (en_data)], en_uses[i % G_N_ELEMENTS (en_uses)],
                                1 + i % 24);
    }
  *zh_path = cm_test_write_file (dir, "large-zh.txt", zh->str, zh->len);
  *en_path = cm_test_write_file (dir, "large-en.txt", en->str, en->len);
}

GPtrArray *
cm_test_copy_links (GPtrArray *links)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);

  for (guint i = 0; i < links->len; i++)
    g_ptr_array_add (copy, cm_link_copy (g_ptr_array_index (links, i)));
  return copy;
}

gboolean
cm_test_links_equal (GPtrArray *a,
                     GPtrArray *b,
                     gboolean   with_scores)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const CmLink *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (!g_strv_equal ((const char * const *) x->clauses, (const char * const *) y->clauses)
          || !g_strv_equal ((const char * const *) x->partner_clauses,
                            (const char * const *) y->partner_clauses)
          || (with_scores && x->score != y->score) || x->reviewed != y->reviewed)
        return FALSE;
    }
  return TRUE;
}
