/* test-lexicon.c — the Chinese-English privacy lexicon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-lexicon.h"
#include "cm-test-util.h"

static CmLexicon *
load_bundled (void)
{
  g_autofree char *path = cm_test_data_path ("lexicon", "zh-en.tsv", NULL);
  g_autoptr(GError) error = NULL;
  CmLexicon *lexicon = cm_lexicon_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lexicon);
  return lexicon;
}

static gboolean
has_term (CmLexicon  *lexicon,
          GArray     *found,
          const char *zh)
{
  int index = cm_lexicon_lookup (lexicon, zh);

  g_assert_cmpint (index, >=, 0);
  for (guint i = 0; i < found->len; i++)
    if (g_array_index (found, guint, i) == (guint) index)
      return TRUE;
  return FALSE;
}

static void
test_bundled (void)
{
  g_autoptr(CmLexicon) lexicon = load_bundled ();
  static const char * const required[] = {
    "个人信息", "共享", "注销", "未成年人", "监护人", "存储", "保存期限", "第三方",
    "同意", "删除", "cookie", NULL
  };

  /* the issue asks for at least 300 term pairs */
  g_test_message ("%u terms", cm_lexicon_get_n_terms (lexicon));
  g_assert_cmpuint (cm_lexicon_get_n_terms (lexicon), >=, 300);
  for (guint i = 0; required[i]; i++)
    {
      int index = cm_lexicon_lookup (lexicon, required[i]);
      g_assert_cmpint (index, >=, 0);
      g_assert_nonnull (cm_lexicon_get_variants (lexicon, (guint) index)[0]);
    }
  /* several English variants per term */
  g_assert_cmpuint (g_strv_length ((char **) cm_lexicon_get_variants (lexicon, (guint) cm_lexicon_lookup (lexicon, "注销"))), >=, 2);
}

static void
test_matching (void)
{
  g_autoptr(CmLexicon) lexicon = load_bundled ();
  g_autoptr(GArray) zh = cm_lexicon_match_zh (lexicon,
    "未经您的同意，我们不会与第三方共享您的个人信息；您可以注销账号。", -1);
  g_autoptr(GArray) en = cm_lexicon_match_en (lexicon,
    "We will not share your Personal Information with third parties without your consent; "
    "you may delete your account.", -1);
  g_autoptr(GArray) unrelated = cm_lexicon_match_en (lexicon, "The weather is nice today.", -1);

  for (guint i = 1; i < zh->len; i++)
    g_assert_cmpuint (g_array_index (zh, guint, i - 1), <, g_array_index (zh, guint, i));
  g_assert_true (has_term (lexicon, zh, "个人信息"));
  g_assert_true (has_term (lexicon, zh, "共享"));
  g_assert_true (has_term (lexicon, zh, "第三方"));
  g_assert_true (has_term (lexicon, zh, "注销"));
  g_assert_true (has_term (lexicon, en, "个人信息"));
  g_assert_true (has_term (lexicon, en, "共享"));
  g_assert_true (has_term (lexicon, en, "第三方"));
  g_assert_true (has_term (lexicon, en, "注销"));
  g_assert_true (has_term (lexicon, en, "同意"));
  g_assert_false (has_term (lexicon, unrelated, "个人信息"));
}

static void
test_stemmer (void)
{
  static const char * const same[][2] = {
    { "share", "sharing" }, { "shares", "shared" }, { "policies", "policy" },
    { "stored", "store" }, { "Minors", "minor" }, { "processes", "process" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = cm_lexicon_stem_word (same[i][0], -1);
      g_autofree char *b = cm_lexicon_stem_word (same[i][1], -1);
      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLexicon) merged = NULL;
  CmLexicon *lexicon;

  lexicon = cm_lexicon_new_from_data ("# comment\n个人信息 personal information\n", -1, "bad.tsv", &error);
  g_assert_null (lexicon);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad.tsv:2"));
  g_clear_error (&error);

  lexicon = cm_lexicon_new_from_data ("# only a comment\n\n", -1, "empty.tsv", &error);
  g_assert_null (lexicon);
  g_assert_error (error, CM_ERROR, CM_ERROR_EMPTY);
  g_clear_error (&error);

  lexicon = cm_lexicon_new_from_data ("共享\t\n", -1, "blank.tsv", &error);
  g_assert_null (lexicon);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_clear_error (&error);

  /* a term listed twice keeps both lines' variants; CRLF is fine */
  merged = cm_lexicon_new_from_data ("共享\tshare\r\n共享\tdisclose|provide\r\n", -1, "ok.tsv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_lexicon_get_n_terms (merged), ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) cm_lexicon_get_variants (merged, 0)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lexicon/bundled", test_bundled);
  g_test_add_func ("/lexicon/matching", test_matching);
  g_test_add_func ("/lexicon/stemmer", test_stemmer);
  g_test_add_func ("/lexicon/parse-errors", test_parse_errors);
  return g_test_run ();
}
