/* test-taxonomy.c — the bundled taxonomies and the checks on users' files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

/* README.md's table, in CAPP-130's order. */
static const struct
{
  const char *id, *zh, *en, *key;
} privacy11[] = {
  { "collection", "数据收集", "First-party collection", "c" },
  { "permission", "权限获取", "Permission acquisition", "p" },
  { "sharing", "共享、委托、转让、公开（披露）", "Third-party sharing / disclosure", "s" },
  { "usage", "使用", "Usage", "u" },
  { "retention", "存储方式", "Data retention", "r" },
  { "security", "安全措施", "Data security", "y" },
  { "special-audiences", "特殊人群", "Special audiences (minors)", "m" },
  { "user-rights", "数据、权限管理", "User control / rights", "g" },
  { "contact", "联系方式", "Contact information", "t" },
  { "policy-change", "隐私政策的授权、修改与变更", "Policy change", "h" },
  { "cessation", "停止运营", "Cessation of operations", "o" },
};

static const char *opp115_en[] = {
  "First Party Collection/Use", "Third Party Sharing/Collection", "User Choice/Control",
  "User Access, Edit and Deletion", "Data Retention", "Data Security", "Policy Change",
  "Do Not Track", "International and Specific Audiences", "Other",
};

static void
test_privacy11_matches_readme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load_builtin ("privacy-11", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cm_taxonomy_get_id (taxonomy), ==, "privacy-11");
  g_assert_cmpuint (cm_taxonomy_get_n_labels (taxonomy), ==, G_N_ELEMENTS (privacy11));
  for (guint i = 0; i < G_N_ELEMENTS (privacy11); i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, i);

      g_assert_cmpstr (label->id, ==, privacy11[i].id);
      g_assert_cmpstr (label->name_zh, ==, privacy11[i].zh);
      g_assert_cmpstr (label->name_en, ==, privacy11[i].en);
      g_assert_cmpstr (label->shortcut, ==, privacy11[i].key);
      g_assert_true (label->description_en[0] != '\0' && label->description_zh[0] != '\0');
      g_assert_true (cm_taxonomy_lookup (taxonomy, privacy11[i].id) == label);
      g_assert_true (cm_taxonomy_lookup_key (taxonomy, privacy11[i].key) == label);
      g_assert_cmpint (cm_taxonomy_index_of (taxonomy, privacy11[i].id), ==, (int) i);
      g_assert_cmpstr (cm_label_get_name (label, "zh_CN"), ==, privacy11[i].zh);
      g_assert_cmpstr (cm_label_get_name (label, "en"), ==, privacy11[i].en);
    }
  g_assert_null (cm_taxonomy_lookup (taxonomy, "nonsense"));
  g_assert_cmpint (cm_taxonomy_index_of (taxonomy, "nonsense"), ==, -1);
}

static void
test_opp115 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load ("opp-115", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cm_taxonomy_get_n_labels (taxonomy), ==, G_N_ELEMENTS (opp115_en));
  for (guint i = 0; i < G_N_ELEMENTS (opp115_en); i++)
    g_assert_cmpstr (cm_taxonomy_get_label (taxonomy, i)->name_en, ==, opp115_en[i]);
}

/* WCAG relative luminance of "#rrggbb". */
static double
luminance (const char *color)
{
  double rgb[3], weights[3] = { 0.2126, 0.7152, 0.0722 }, y = 0;

  for (guint i = 0; i < 3; i++)
    {
      char hex[3] = { color[1 + 2 * i], color[2 + 2 * i], 0 };
      double c = g_ascii_strtoull (hex, NULL, 16) / 255.0;
      rgb[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
      y += weights[i] * rgb[i];
    }
  return y;
}

static double
contrast (const char *a,
          const char *b)
{
  double x = luminance (a), y = luminance (b);
  return (MAX (x, y) + 0.05) / (MIN (x, y) + 0.05);
}

/* Colours must read on Adwaita's light (#fafafa) and dark (#242424)
 * backgrounds (WCAG 3:1 for graphics) and differ from each other. */
static void
check_colours (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load_builtin (id, &error);
  guint n;

  g_assert_no_error (error);
  n = cm_taxonomy_get_n_labels (taxonomy);
  for (guint i = 0; i < n; i++)
    {
      const char *color = cm_taxonomy_get_label (taxonomy, i)->color;

      if (contrast (color, "#fafafa") < 3.0 || contrast (color, "#242424") < 3.0)
        g_error ("%s: %s: colour %s has contrast %.2f on light, %.2f on dark", id,
                 cm_taxonomy_get_label (taxonomy, i)->id, color, contrast (color, "#fafafa"),
                 contrast (color, "#242424"));
      for (guint j = i + 1; j < n; j++)
        g_assert_cmpstr (color, !=, cm_taxonomy_get_label (taxonomy, j)->color);
    }
}

static void
test_colours (void)
{
  check_colours ("privacy-11");
  check_colours ("opp-115");
}

static const char *good_label =
  "{\"id\": \"alpha\", \"name\": {\"en\": \"Alpha\", \"zh\": \"甲\"},"
  " \"description\": {\"en\": \"First.\", \"zh\": \"第一。\"}, \"color\": \"#336699\", \"key\": \"q\"}";

static char *
taxonomy_json (const char *second_label)
{
  return g_strdup_printf ("{\"format\": \"clausemark-taxonomy\", \"version\": 1, \"id\": \"mine\","
                          " \"name\": {\"en\": \"Mine\", \"zh\": \"我的\"}, \"labels\": [%s%s%s]}",
                          good_label, second_label ? ", " : "", second_label ? second_label : "");
}

static void
assert_taxonomy_refused (const char *json,
                         int         code,
                         const char *needle)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = cm_test_write_file (dir, "mine.json", json, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load (path, &error);

  g_assert_null (taxonomy);
  g_assert_error (error, CM_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_user_file (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *json = taxonomy_json (NULL);
  g_autofree char *path = cm_test_write_file (dir, "mine.json", json, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cm_taxonomy_get_id (taxonomy), ==, "mine");
  g_assert_cmpstr (cm_taxonomy_get_localized_name (taxonomy, "zh"), ==, "我的");
  g_assert_cmpstr (cm_taxonomy_get_path (taxonomy), ==, path);
  g_assert_cmpuint (cm_taxonomy_get_n_labels (taxonomy), ==, 1);
}

static void
test_bad_taxonomies (void)
{
  static const struct
  {
    const char *label;
    const char *needle;
  } cases[] = {
    { "{\"id\": \"alpha\", \"name\": {\"en\": \"A\", \"zh\": \"A\"}, \"description\": "
      "{\"en\": \"A\", \"zh\": \"A\"}, \"color\": \"#000000\", \"key\": \"w\"}",
      "label “alpha”: the id is used twice" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"blue\", \"key\": \"w\"}",
      "label “beta”: colour “blue” is not of the form #rrggbb" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#12345g\", \"key\": \"w\"}",
      "colour “#12345g”" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"w\"}",
      "label “beta”, “name”: “zh” is missing" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, "
      "\"color\": \"#123456\", \"key\": \"w\"}",
      "label “beta”: “description” is missing" },
    { "{\"name\": {\"en\": \"B\", \"zh\": \"B\"}}", "label 2: “id” is missing" },
    { "{\"id\": \"Beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"w\"}",
      "label “Beta”: the id must be" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"q\"}",
      "key “q” is already bound to label “alpha”" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"j\"}",
      "key “j” is reserved" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"Enter\"}",
      "key “Enter” must be one lower-case letter or digit" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\"}, \"description\": "
      "{\"en\": \"B\", \"zh\": \"B\"}, \"colour\": \"#123456\", \"key\": \"w\"}",
      "label “beta”: unknown member “colour”" },
    { "{\"id\": \"beta\", \"name\": {\"en\": \"B\", \"zh\": \"B\", \"fr\": \"B\"}, "
      "\"description\": {\"en\": \"B\", \"zh\": \"B\"}, \"color\": \"#123456\", \"key\": \"w\"}",
      "label “beta”, “name”: unknown member “fr”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = taxonomy_json (cases[i].label);
      assert_taxonomy_refused (json, CM_ERROR_INVALID, cases[i].needle);
    }

  assert_taxonomy_refused ("{\"format\": \"clausemark-taxonomy\", \"version\": 1, \"id\": \"x\","
                           " \"name\": {\"en\": \"X\", \"zh\": \"X\"}, \"labels\": []}",
                           CM_ERROR_INVALID, "“labels” is missing, not an array or empty");
  assert_taxonomy_refused ("{\"format\": \"clausemark-taxonomy\", \"version\": 2}",
                           CM_ERROR_NEWER_VERSION, "version 2");
  assert_taxonomy_refused ("{\"labels\": []}", CM_ERROR_UNKNOWN_FORMAT, "not a Clausemark taxonomy");
  assert_taxonomy_refused ("{\"format\": \"clausemark-taxonomy\", ", CM_ERROR_PARSE,
                           "malformed JSON at line 1");
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load ("no-such-taxonomy", &error);

  g_assert_null (taxonomy);
  g_assert_error (error, CM_ERROR, CM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-taxonomy"));
  g_clear_error (&error);
  taxonomy = cm_taxonomy_load ("/nonexistent/dir/t.json", &error);
  g_assert_null (taxonomy);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_reserved_keys (void)
{
  g_assert_true (cm_taxonomy_key_is_reserved ("j"));
  g_assert_true (cm_taxonomy_key_is_reserved ("k"));
  g_assert_false (cm_taxonomy_key_is_reserved ("c"));
  g_assert_false (cm_taxonomy_key_is_reserved ("jk"));
  g_assert_false (cm_taxonomy_key_is_reserved (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/taxonomy/privacy-11", test_privacy11_matches_readme);
  g_test_add_func ("/taxonomy/opp-115", test_opp115);
  g_test_add_func ("/taxonomy/colours", test_colours);
  g_test_add_func ("/taxonomy/user-file", test_user_file);
  g_test_add_func ("/taxonomy/bad", test_bad_taxonomies);
  g_test_add_func ("/taxonomy/missing", test_missing);
  g_test_add_func ("/taxonomy/reserved-keys", test_reserved_keys);

  return g_test_run ();
}
