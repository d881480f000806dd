/* test-bilingual.c — the layouts of a bilingual file: one version after the
 * other, paragraphs interleaved (zh/en and en/zh), two-column tables (text
 * and HTML) and HTML with lang attributes; the layout's pairing as sections
 * that the aligner keeps links within
 *
 * The policy below and the pages in tests/data/bilingual/ were written for
 * this test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-segmenter.h"
#include "cm-test-util.h"

static const char * const policy_zh[] = {
  "一、我们收集的信息",
  "当您注册账号时，我们会收集您的手机号码和电子邮箱地址，用于验证您的身份并向您发送服务通知。",
  "二、我们如何使用信息",
  "我们使用您的设备型号、操作系统版本和崩溃日志来改进应用的稳定性，并防止欺诈和账号被盗用。",
  "三、信息的共享",
  "未经您的单独同意，我们不会向任何第三方出售或出租您的个人信息，法律法规另有规定的除外。",
  "四、信息的保存",
  "您的个人信息保存在中华人民共和国境内的服务器上，保存期限为实现目的所必需的最短时间，最长不超过6个月。",
  "五、未成年人保护",
  "如果您是未满14周岁的儿童，请在父母或其他监护人的陪同下阅读本政策，并在取得其同意后使用我们的服务。",
  "六、联系我们",
  "如您对本政策有任何疑问，请发送邮件至privacy@example.org，我们将在15个工作日内答复您的请求。",
  "七、本政策的更新",
  "我们可能会不时修订本政策，重大变更将在生效前至少7天通过站内消息或电子邮件通知您，未经您明确同意，我们不会削减您依据本政策应享有的权利。",
  NULL
};

static const char * const policy_en[] = {
  "1. Information We Collect",
  "When you register an account, we collect your mobile phone number and e-mail address to verify your identity and send you service notices.",
  "2. How We Use Information",
  "We use your device model, operating system version and crash logs to improve the stability of the app and to prevent fraud and account theft.",
  "3. Sharing of Information",
  "We will not sell or rent your personal information to any third party without your separate consent, unless laws and regulations provide otherwise.",
  "4. Storage of Information",
  "Your personal information is stored on servers in the People's Republic of China for the shortest time necessary for the purpose, and no longer than 6 months.",
  "5. Protection of Minors",
  "If you are a child under the age of 14, please read this policy with your parent or other guardian and use our services only with their consent.",
  "6. Contact Us",
  "If you have any questions about this policy, please e-mail privacy@example.org and we will answer your request within 15 working days.",
  "7. Updates to This Policy",
  "We may revise this policy from time to time; we will notify you of material changes by in-app message or e-mail at least 7 days before they take effect, and we will not reduce your rights under this policy without your explicit consent.",
  NULL
};

typedef enum
{
  BUILD_SEQUENTIAL,
  BUILD_ZH_EN,
  BUILD_EN_ZH,
  BUILD_TABS,
  BUILD_MARKDOWN_TABLE,
  BUILD_HTML_LANG,
  BUILD_HTML_TABLE,
} Build;

static char *
build_text (Build build)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length ((char **) policy_zh);

  switch (build)
    {
    case BUILD_SEQUENTIAL:
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s\n", policy_zh[i]);
      g_string_append_c (out, '\n');
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s\n", policy_en[i]);
      break;
    case BUILD_ZH_EN:
    case BUILD_EN_ZH:
      /* headings with their translation on the next line, paragraphs
       * separated by blank lines */
      for (guint i = 0; i < n; i++)
        {
          const char *a = build == BUILD_ZH_EN ? policy_zh[i] : policy_en[i];
          const char *b = build == BUILD_ZH_EN ? policy_en[i] : policy_zh[i];
          g_string_append_printf (out, i % 2 == 0 ? "%s\n%s\n\n" : "%s\n\n%s\n\n", a, b);
        }
      break;
    case BUILD_TABS:
      g_string_append (out, "Privacy Policy\n\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s\t%s\n", policy_zh[i], policy_en[i]);
      break;
    case BUILD_MARKDOWN_TABLE:
      g_string_append (out, "| 中文 | English |\n|---|---|\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "| %s | %s |\n", policy_en[i], policy_zh[i]);
      break;
    case BUILD_HTML_LANG:
      g_string_append (out, "<!DOCTYPE html><html><head><title>Privacy</title></head><body><main>\n");
      for (guint i = 0; i < n; i++)
        {
          const char *tag = i % 2 == 0 ? "h2" : "p";
          g_string_append_printf (out, "<%s lang=\"zh-CN\">%s</%s>\n<%s lang=\"en\">%s</%s>\n",
                                  tag, policy_zh[i], tag, tag, policy_en[i], tag);
        }
      g_string_append (out, "</main></body></html>\n");
      break;
    case BUILD_HTML_TABLE:
      g_string_append (out, "<!DOCTYPE html><html><head><title>Privacy</title></head><body><main><table>\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "<tr><td>%s</td><td>%s</td></tr>\n", policy_zh[i], policy_en[i]);
      g_string_append (out, "</table></main></body></html>\n");
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}

/* Splits the built file, aligns it with the layout's sections and checks
 * that every sentence is linked to its translation. */
static void
check_layout (Build        build,
              const char  *name,
              const char  *format,
              CmPairLayout expected)
{
  g_autofree char *text = build_text (build);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (text, strlen (text), name, format, &error);
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) links = NULL;
  CmAlignOptions options;
  CmPairLayout layout;
  guint n = g_strv_length ((char **) policy_zh), right = 0;

  g_assert_no_error (error);
  g_assert_true (cm_split_pair_layout (loaded, "policy", CM_GRANULARITY_SENTENCE, &zh, &en,
                                       &layout, &sections, &error));
  g_assert_no_error (error);
  g_test_message ("%s: layout %s, %u + %u clauses, %u sections", name,
                  cm_pair_layout_to_string (layout), cm_document_get_n_clauses (zh),
                  cm_document_get_n_clauses (en), sections->len);
  g_assert_cmpstr (cm_pair_layout_to_string (layout), ==, cm_pair_layout_to_string (expected));
  /* every sentence a clause (a title in one language may add one) */
  g_assert_cmpuint (cm_document_get_n_clauses (zh), >=, n);
  g_assert_cmpuint (cm_document_get_n_clauses (zh), <=, n + 1);
  g_assert_cmpuint (cm_document_get_n_clauses (en), >=, n);
  g_assert_cmpuint (cm_document_get_n_clauses (en), <=, n + 1);
  if (expected != CM_PAIR_LAYOUT_SEQUENTIAL)
    g_assert_cmpuint (sections->len, >=, n / 2);

  cm_align_options_init (&options);
  options.sections = sections;
  links = cm_align_documents (zh, en, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      guint zp, ep;

      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL || link->clauses[1] != NULL
          || link->partner_clauses[1] != NULL)
        continue;
      cm_document_lookup_clause (zh, link->clauses[0], &zp);
      cm_document_lookup_clause (en, link->partner_clauses[0], &ep);
      /* the title, when there is one, comes first on its side */
      zp -= cm_document_get_n_clauses (zh) - n;
      ep -= cm_document_get_n_clauses (en) - n;
      right += zp == ep;
    }
  g_assert_cmpuint (right, ==, n);
}

static void
test_sequential (void)
{
  check_layout (BUILD_SEQUENTIAL, "seq.txt", "text", CM_PAIR_LAYOUT_SEQUENTIAL);
}

static void
test_interleaved_zh_en (void)
{
  check_layout (BUILD_ZH_EN, "zh-en.txt", "text", CM_PAIR_LAYOUT_INTERLEAVED);
}

static void
test_interleaved_en_zh (void)
{
  check_layout (BUILD_EN_ZH, "en-zh.txt", "text", CM_PAIR_LAYOUT_INTERLEAVED);
}

static void
test_tab_columns (void)
{
  check_layout (BUILD_TABS, "columns.txt", "text", CM_PAIR_LAYOUT_COLUMNS);
}

static void
test_markdown_table (void)
{
  check_layout (BUILD_MARKDOWN_TABLE, "table.md", "text", CM_PAIR_LAYOUT_COLUMNS);
}

static void
test_html_lang (void)
{
  check_layout (BUILD_HTML_LANG, "lang.html", "html", CM_PAIR_LAYOUT_HTML_LANG);
}

/* ---- pages that declare their languages ------------------------------ */

static CmLoadedText *
load_page (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                            "bilingual", name, NULL);
  g_autoptr(GError) error = NULL;
  CmLoadedText *loaded = cm_loader_load_file (path, &error);

  g_assert_no_error (error);
  return loaded;
}

/* @data is refused by split-pair as not a two-language file; with
 * @declared, the page declares languages (which were not believed). */
static void
assert_not_a_pair (const char *data,
                   gsize       size,
                   const char *name,
                   const char *format,
                   gboolean    declared)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (data, size, name, format, &error);
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;

  g_assert_no_error (error);
  g_assert_true ((loaded->languages != NULL) == declared);
  g_assert_false (cm_split_pair (loaded, name, CM_GRANULARITY_SENTENCE, &zh, &en, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
}

/* The clause of @document whose text starts with @prefix (after its
 * marker, if any), or NULL. */
static CmClause *
find_clause (CmDocument *document,
             const char *prefix)
{
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = cm_document_dup_clause_text (document, clause);

      if (g_str_has_prefix (text, prefix))
        return clause;
    }
  return NULL;
}

/* Splits @name, checks its layout, and that each (Chinese, English) prefix
 * pair names a clause of each version and that the two are linked. */
static void
check_declared_page (const char        *name,
                     const char * const pairs[][2],
                     guint              min_sections)
{
  g_autoptr(CmLoadedText) loaded = load_page (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) links = NULL;
  CmAlignOptions options;
  CmPairLayout layout;

  g_assert_true (cm_split_pair_layout (loaded, "page", CM_GRANULARITY_SENTENCE, &zh, &en, &layout,
                                       &sections, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cm_pair_layout_to_string (layout), ==, "html-lang");
  g_assert_cmpuint (sections->len, >=, min_sections);
  cm_align_options_init (&options);
  options.sections = sections;
  links = cm_align_documents (zh, en, &options, &error);
  g_assert_no_error (error);
  for (guint p = 0; pairs[p][0] != NULL; p++)
    {
      CmClause *a = find_clause (zh, pairs[p][0]);
      CmClause *b = find_clause (en, pairs[p][1]);
      gboolean linked = FALSE;

      g_test_message ("%s: \"%s\" / \"%s\"", name, pairs[p][0], pairs[p][1]);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      /* the language the page declares, whatever the script */
      g_assert_cmpstr (cm_clause_get_language (a), ==, "zh");
      g_assert_cmpstr (cm_clause_get_language (b), ==, "en");
      for (guint i = 0; i < links->len && !linked; i++)
        {
          const CmLink *link = g_ptr_array_index (links, i);
          linked = g_strv_contains ((const char * const *) link->clauses, cm_clause_get_id (a))
                   && g_strv_contains ((const char * const *) link->partner_clauses,
                                       cm_clause_get_id (b));
        }
      g_assert_true (linked);
    }
  /* nothing of one version in the other */
  for (guint i = 0; i < cm_document_get_n_clauses (zh); i++)
    g_assert_cmpstr (cm_clause_get_language (cm_document_get_clause (zh, i)), !=, "en");
  for (guint i = 0; i < cm_document_get_n_clauses (en); i++)
    g_assert_cmpstr (cm_clause_get_language (cm_document_get_clause (en, i)), !=, "zh");
}

/* <html lang="zh-CN"> with each translation in a <p lang="en"> after its
 * paragraph: a paragraph of SDK names and addresses is Chinese, an English
 * one naming a Chinese company is English, "1.1" has a language, and an
 * inline <span lang="en"> does not cut its sentence. */
static void
test_lang_paragraphs (void)
{
  static const char * const pairs[][2] = {
    { "晴川天气隐私政策", "Qingchuan Weather Privacy Policy" },
    { "我们会收集您的大致位置", "We collect your approximate location" },
    { "SDK：Qingchuan Maps SDK", "SDKs: Qingchuan Maps SDK" },
    { "我们使用Cookie记住", "We use cookies" },
    { "您的位置记录保存30天", "Your location history" },
    { "运营者：晴川气象科技", "Operator: 晴川气象科技" },
    { "如有疑问", "If you have questions" },
    { NULL, NULL },
  };

  check_declared_page ("lang-paragraphs.html", pairs, 6);
}

/* A short notice in two <div lang>: one version after the other. */
static void
test_lang_divs (void)
{
  static const char * const pairs[][2] = {
    { "位置信息说明", "About your location" },
    { "开启定位后", "Once location is on" },
    { "您可以随时在设置中关闭定位", "You can turn location off" },
    { NULL, NULL },
  };

  check_declared_page ("lang-divs.html", pairs, 0);
}

/* Table cells that declare their languages: each row a pair, a Chinese
 * cell that is mostly a web address included. */
static void
test_lang_rows (void)
{
  static const char * const pairs[][2] = {
    { "我们与支付服务商共享", "We share the order number" },
    { "第三方清单", "List of third parties" },
    { "我们不会出售", "We do not sell" },
    { "广告合作方", "Advertising partners" },
    { NULL, NULL },
  };

  check_declared_page ("lang-rows.html", pairs, 4);
}

/* The HTML loader's stretches: block elements only, nested ones cut out of
 * their parent's. */
static void
test_loader_languages (void)
{
  g_autoptr(CmLoadedText) loaded = load_page ("lang-paragraphs.html");
  static const struct { const char *text; const char *language; } expected[] = {
    { "我们会收集您的大致位置", "zh" },
    { "We collect your approximate location", "en" },
    { "我们使用Cookie记住", "zh" },
    { "Cookie记住", "zh" },  /* the inline <span lang="en"> */
    { "Operator: ", "en" },
    { "如有疑问", "zh" },
  };

  g_assert_nonnull (loaded->languages);
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      const char *found = strstr (loaded->text, expected[e].text);
      gsize at;
      const char *language = NULL;

      g_assert_nonnull (found);
      at = (gsize) (found - loaded->text);
      for (guint i = 0; i < loaded->languages->len; i++)
        {
          const CmLanguageHint *hint = &g_array_index (loaded->languages, CmLanguageHint, i);
          if (hint->start <= at && at < hint->end)
            language = hint->language;
        }
      g_assert_cmpstr (language, ==, expected[e].language);
    }
}

/* A page that declares lang="en" for Chinese text is not believed: read
 * by its script, it is one Chinese document, not a pair. */
static void
test_lang_not_believed (void)
{
  static const char page[] =
    "<html lang=\"en\"><body>"
    "<p>我们会收集您的大致位置，用于显示您所在城市的天气预报。</p>"
    "<p>您的位置记录保存30天，之后自动删除，您也可以随时在设置中清除它。</p>"
    "<p>我们不会出售您的个人信息，也不会将其用于与天气无关的广告。</p>"
    "<p lang=\"zh\">如有疑问，请写信至我们的隐私团队，我们会在十五个工作日内答复。</p>"
    "</body></html>";

  assert_not_a_pair (page, strlen (page), "wrong.html", "html", TRUE);
}

/* A Chinese page with one English paragraph (an address for foreign
 * readers) is one Chinese document, not a pair. */
static void
test_lang_one_paragraph (void)
{
  GString *page = g_string_new ("<html lang=\"zh-CN\"><body>");

  for (guint i = 0; policy_zh[i]; i++)
    g_string_append_printf (page, "<p>%s</p>", policy_zh[i]);
  /* heavier than a stray line (33 weighted letters), under a tenth of the
   * Chinese text (364) */
  g_string_append (page, "<p lang=\"en\">Readers abroad: Qingchuan Weather Limited, Hangzhou, China; "
                         "write to our privacy office for questions about this "
                         "policy.</p></body></html>");
  assert_not_a_pair (page->str, page->len, "zh-page.html", "html", TRUE);
  g_string_free (page, TRUE);
}

static void
test_html_table (void)
{
  check_layout (BUILD_HTML_TABLE, "table.html", "html", CM_PAIR_LAYOUT_COLUMNS);
}

static void
test_one_language (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; policy_zh[i]; i++)
    g_string_append_printf (text, "%s\n\n", policy_zh[i]);
  assert_not_a_pair (text->str, text->len, "zh.txt", "text", FALSE);
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bilingual/sequential", test_sequential);
  g_test_add_func ("/bilingual/interleaved-zh-en", test_interleaved_zh_en);
  g_test_add_func ("/bilingual/interleaved-en-zh", test_interleaved_en_zh);
  g_test_add_func ("/bilingual/tab-columns", test_tab_columns);
  g_test_add_func ("/bilingual/markdown-table", test_markdown_table);
  g_test_add_func ("/bilingual/html-lang", test_html_lang);
  g_test_add_func ("/bilingual/html-table", test_html_table);
  g_test_add_func ("/bilingual/lang-paragraphs", test_lang_paragraphs);
  g_test_add_func ("/bilingual/lang-divs", test_lang_divs);
  g_test_add_func ("/bilingual/lang-rows", test_lang_rows);
  g_test_add_func ("/bilingual/loader-languages", test_loader_languages);
  g_test_add_func ("/bilingual/lang-not-believed", test_lang_not_believed);
  g_test_add_func ("/bilingual/lang-one-paragraph", test_lang_one_paragraph);
  g_test_add_func ("/bilingual/one-language", test_one_language);
  return g_test_run ();
}
