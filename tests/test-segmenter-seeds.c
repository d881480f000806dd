/* test-segmenter-seeds.c — clause detection on real policies: the seeds
 * in ../shared (boilerplate, a two-language file, numbering and heading
 * paths) and the bundled samples (a pair, HTML with the loader's hints)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "test-segmenter-private.h"

static char *
read_seed (const char *prefix)
{
  g_autofree char *dir = cm_test_shared_path ("seeds", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  char *contents = NULL;

  if (dir == NULL)
    return NULL;
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        break;
      }
  g_assert_nonnull (contents);
  return contents;
}


static void
test_seed_004_boilerplate (void)
{
  g_autofree char *text = read_seed ("004_");
  g_autoptr(CmDocument) document = NULL;
  guint first_junk, fragment;

  if (text == NULL)
    return;
  document = segment (text, CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 100);
  g_assert_cmpstr (cm_document_get_language (document), ==, "en");
  /* The 22 teasers and their 22 view counters are boilerplate, nothing
   * before them is. */
  g_assert_cmpuint (count_kind (document, CM_CLAUSE_KIND_BOILERPLATE), ==, 44);
  first_junk = find_clause (document, "• 序言:七十年代末");
  g_assert_cmpuint (first_junk, ==, 56);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      g_assert_cmpint (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE, ==, i >= first_junk);
      g_assert_cmpint (cm_clause_is_labelable (clause), ==, i < first_junk);
    }
  assert_clause (document, first_junk + 1, CM_CLAUSE_KIND_BOILERPLATE, 0, NULL,
                 "沈念sama阅读 159,569评论 4 363",
                 "Privacy policy > How do we use user information");
  /* The stray Chinese fragments are policy text (of the lost Chinese
   * version), in Chinese. */
  fragment = find_clause (document, "3.6 您对我们产品");
  g_assert_cmpuint (fragment, ==, 55);
  g_assert_cmpstr (cm_clause_get_language (cm_document_get_clause (document, fragment)), ==, "zh");
  assert_clause (document, 0, CM_CLAUSE_KIND_HEADING, 1, NULL, "Privacy policy", "");
  assert_clause (document, 1, CM_CLAUSE_KIND_HEADING, 2, NULL, "Information we might collect",
                 "Privacy policy");
  /* Not a bilingual pair: the Chinese tail is two fragments and junk. */
  g_assert_false (cm_find_language_switch (text, strlen (text), NULL, NULL, NULL));
}

static CmLoadedText *
loaded_from (const char *text)
{
  CmLoadedText *loaded = g_new0 (CmLoadedText, 1);

  loaded->path = g_strdup ("seed");
  loaded->text = g_strdup (text);
  loaded->size = strlen (text);
  loaded->encoding = g_strdup ("UTF-8");
  loaded->loader = g_strdup ("text");
  loaded->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  return loaded;
}

static void
test_seed_000_pair (void)
{
  g_autofree char *text = read_seed ("000_");
  g_autoptr(CmDocument) whole = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset = 0;
  const char *first = NULL, *second = NULL;

  if (text == NULL)
    return;
  whole = segment (text, CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (whole), ==, 344);
  g_assert_cmpstr (cm_document_get_language (whole), ==, "mixed");
  /* Seed 000's "l" bullets (followed by a no-break space in the raw file). */
  assert_clause (whole, 1, CM_CLAUSE_KIND_LIST_ITEM, 1, "l", "l\xC2\xA0如何收集和使用您的个人信息·", "");

  g_assert_true (cm_find_language_switch (text, strlen (text), &offset, &first, &second));
  g_assert_true (g_str_has_prefix (text + offset, "Kingsoft Office Privacy Policy\n"));
  g_assert_cmpstr (first, ==, "zh");
  g_assert_cmpstr (second, ==, "en");

  loaded = loaded_from (text);
  g_assert_true (cm_split_pair (loaded, "seed000", CM_GRANULARITY_SENTENCE, &zh, &en, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cm_document_get_id (zh), ==, "seed000-zh");
  g_assert_cmpstr (cm_document_get_id (en), ==, "seed000-en");
  g_assert_cmpstr (cm_document_get_partner_id (zh), ==, "seed000-en");
  g_assert_cmpstr (cm_document_get_partner_id (en), ==, "seed000-zh");
  g_assert_cmpstr (cm_document_get_language (zh), ==, "zh");
  g_assert_cmpstr (cm_document_get_language (en), ==, "en");
  g_assert_cmpuint (cm_document_get_n_clauses (zh), ==, 142);
  g_assert_cmpuint (cm_document_get_n_clauses (en), ==, 202);
  g_assert_true (g_str_has_prefix (cm_document_get_text (zh), "感谢您选择使用由金山办公"));
  g_assert_true (g_str_has_prefix (cm_document_get_text (en), "Kingsoft Office Privacy Policy"));
  assert_clause (en, 0, CM_CLAUSE_KIND_HEADING, 1, NULL, "Kingsoft Office Privacy Policy", "");
  {
    guint ii = find_clause (en, "Ⅱ. How We Collect");
    guint a = find_clause (en, "A. To achieve key business objectives");

    assert_clause (en, ii, CM_CLAUSE_KIND_HEADING, 2, "Ⅱ.", "Ⅱ. How We Collect and Use Your Personal Data",
                   "Kingsoft Office Privacy Policy");
    g_assert_cmpuint (cm_clause_get_kind (cm_document_get_clause (en, a)), ==, CM_CLAUSE_KIND_LIST_ITEM);
    /* Commas in a Title Case heading; its "(1)" subsections under it. */
    assert_clause (en, find_clause (en, "Ⅳ. How We Share"), CM_CLAUSE_KIND_HEADING, 2, "Ⅳ.",
                   "Ⅳ. How We Share, Transfer and Publicly Disclose Your Personal Data",
                   "Kingsoft Office Privacy Policy");
    assert_clause (en, find_clause (en, "(2) Transfer"), CM_CLAUSE_KIND_HEADING, 3, "(2)",
                   "(2) Transfer",
                   "Kingsoft Office Privacy Policy > Ⅳ. How We Share, Transfer and Publicly "
                   "Disclose Your Personal Data");
    g_assert_cmpuint (count_kind (en, CM_CLAUSE_KIND_HEADING), ==, 15);
    g_assert_cmpuint (count_kind (zh, CM_CLAUSE_KIND_HEADING), ==, 0);
  }

  /* Seed 004 is not a pair: a clear error. */
  {
    g_autofree char *text004 = read_seed ("004_");
    g_autoptr(CmLoadedText) loaded004 = loaded_from (text004);
    g_autoptr(CmDocument) zh004 = NULL;
    g_autoptr(CmDocument) en004 = NULL;
    g_autoptr(GError) error004 = NULL;

    g_assert_false (cm_split_pair (loaded004, "seed004", CM_GRANULARITY_SENTENCE,
                                   &zh004, &en004, &error004));
    g_assert_error (error004, CM_ERROR, CM_ERROR_INVALID);
  }
}

static void
test_seeds_001_003 (void)
{
  g_autofree char *text001 = read_seed ("001_");
  g_autofree char *text002 = NULL;
  g_autofree char *text003 = NULL;
  g_autoptr(CmDocument) d001 = NULL;
  g_autoptr(CmDocument) d002 = NULL;
  g_autoptr(CmDocument) d003 = NULL;

  if (text001 == NULL)
    return;
  text002 = read_seed ("002_");
  text003 = read_seed ("003_");

  /* 001: English, "1、" sections with "(I)" subsections; its table of
   * contents is a list. "include the following types: 1. Authorized
   * partners…" is two clauses: a list item starts after the colon. */
  d001 = segment (text001, CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (d001), ==, 281);
  g_assert_cmpstr (cm_document_get_language (d001), ==, "en");
  assert_clause (d001, 10, CM_CLAUSE_KIND_LIST_ITEM, 2, "1、", "1、 Scope of application",
                 "Kingsoft international privacy policy");
  assert_clause (d001, 19, CM_CLAUSE_KIND_HEADING, 2, "1、", "1、 Scope of application",
                 "Kingsoft international privacy policy");
  assert_clause (d001, 164, CM_CLAUSE_KIND_HEADING, 3, "(I)", "(I) review, correction and supplement",
                 "Kingsoft international privacy policy > 4、 Your rights");

  /* 002: Markdown-ish "- 1.1" lines with the title on the next line. */
  d002 = segment (text002, CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (d002), ==, 166);
  g_assert_cmpstr (cm_document_get_language (d002), ==, "zh");
  assert_clause (d002, 18, CM_CLAUSE_KIND_HEADING, 2, "一、", "一、我们收集的信息", "隐私政策");
  assert_clause (d002, 20, CM_CLAUSE_KIND_HEADING, 3, "1.1", "- 1.1\n您在使用我们服务时主动提供的信息",
                 "隐私政策 > 一、我们收集的信息");
  assert_clause (d002, 21, CM_CLAUSE_KIND_LIST_ITEM, 4, "1.1.1", "- 1.1.1 **您在注册帐户时填写的信息。**",
                 "隐私政策 > 一、我们收集的信息 > - 1.1 您在使用我们服务时主动提供的信息");

  /* 003: "一." / "(一)" / "a." outline. */
  d003 = segment (text003, CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (d003), ==, 210);
  g_assert_cmpstr (cm_document_get_language (d003), ==, "zh");
  assert_clause (d003, 10, CM_CLAUSE_KIND_LIST_ITEM, 2, "1.", "- 1.我们如何收集和使用个人信息",
                 "小云-隐私政策");
  assert_clause (d003, 23, CM_CLAUSE_KIND_HEADING, 2, "一.", "一. 我们如何收集和使用个人信息",
                 "小云-隐私政策");
  assert_clause (d003, 31, CM_CLAUSE_KIND_HEADING, 4, "a.", "a. 注册、登录",
                 "小云-隐私政策 > 一. 我们如何收集和使用个人信息 > (一) 帮您成为我们的用户");
  {
    CmClause *order = cm_document_get_clause (d003, 39);
    g_autofree char *order_text = clause_text (d003, 39);
    g_autofree char *order_path = clause_path (d003, 39);

    /* Under a heading without sub-headings, "a. 下单: …" is a list item. */
    g_assert_cmpint (cm_clause_get_kind (order), ==, CM_CLAUSE_KIND_LIST_ITEM);
    g_assert_cmpuint (cm_clause_get_level (order), ==, 4);
    g_assert_cmpstr (cm_clause_get_marker (order), ==, "a.");
    g_assert_true (g_str_has_prefix (order_text, "a. 下单: 您在小云平台上所有的购买"));
    g_assert_cmpstr (order_path, ==,
                     "小云-隐私政策 > 一. 我们如何收集和使用个人信息 > (二) 向您提供产品及相关服务");
  }
}

static void
test_sample_pair (void)
{
  g_autofree char *path = cm_test_data_path ("samples", "sample-pair.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("data/samples/sample-pair.txt is not there yet");
      return;
    }
  loaded = loaded_from (text);
  g_assert_true (cm_split_pair (loaded, "sample", CM_GRANULARITY_SENTENCE, &zh, &en, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cm_document_get_language (zh), ==, "zh");
  g_assert_cmpstr (cm_document_get_language (en), ==, "en");
  g_assert_cmpuint (count_kind (zh, CM_CLAUSE_KIND_HEADING), >=, 8);
  g_assert_cmpuint (count_kind (en, CM_CLAUSE_KIND_HEADING), >=, 6);
  g_assert_cmpuint (count_kind (zh, CM_CLAUSE_KIND_BOILERPLATE), ==, 0);
  g_assert_cmpuint (count_kind (en, CM_CLAUSE_KIND_BOILERPLATE), ==, 0);
}

static void
test_sample_html_hints (void)
{
  /* With the HTML loader's hints: the site's menu and footer are
   * boilerplate, then <h1> is the title, <h2> sections under it, <li> list
   * items, and no policy clause is boilerplate. */
  g_autofree char *path = cm_test_data_path ("samples", "sample.html", NULL);
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint sections = 0, first = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/sample.html is not there");
      return;
    }
  loaded = cm_loader_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->blocks->len, >, 10);
  document = cm_document_new ("html", loaded->text);
  cm_segment_document (document, (const CmBlockHint *) (gpointer) loaded->blocks->data,
                       loaded->blocks->len, CM_GRANULARITY_SENTENCE);

  while (first < cm_document_get_n_clauses (document)
         && cm_clause_get_kind (cm_document_get_clause (document, first)) == CM_CLAUSE_KIND_BOILERPLATE)
    first++;
  g_assert_cmpuint (first, ==, 5);  /* the site name and its four menu items */
  g_assert_cmpint (cm_clause_get_kind (cm_document_get_clause (document, first)), ==,
                   CM_CLAUSE_KIND_HEADING);
  g_assert_cmpuint (cm_clause_get_level (cm_document_get_clause (document, first)), ==, 1);
  for (guint i = first; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = cm_document_dup_clause_text (document, clause);

      /* The cookie banner and the site footer. */
      if (strstr (text, "All rights reserved") != NULL || strstr (text, "We use cookies") != NULL
          || strstr (text, "ICP 00000000") != NULL)
        {
          g_assert_cmpint (cm_clause_get_kind (clause), ==, CM_CLAUSE_KIND_BOILERPLATE);
          continue;
        }
      g_assert_cmpint (cm_clause_get_kind (clause), !=, CM_CLAUSE_KIND_BOILERPLATE);
      if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING && cm_clause_get_level (clause) == 2)
        {
          g_assert_cmpuint (g_strv_length ((char **) cm_clause_get_heading_path (clause)), ==, 1);
          sections++;
        }
    }
  g_assert_cmpuint (sections, >=, 5);
  g_assert_cmpuint (count_kind (document, CM_CLAUSE_KIND_LIST_ITEM), >=, 5);
  g_assert_cmpstr (cm_document_get_language (document), ==, "en");
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segmenter/seeds/004-boilerplate", test_seed_004_boilerplate);
  g_test_add_func ("/segmenter/seeds/000-pair", test_seed_000_pair);
  g_test_add_func ("/segmenter/seeds/001-003", test_seeds_001_003);
  g_test_add_func ("/segmenter/sample-pair", test_sample_pair);
  g_test_add_func ("/segmenter/sample-html-hints", test_sample_html_hints);

  return g_test_run ();
}
