/* test-segmenter.c — clause detection: numbering, headings, sentences,
 * granularity, languages, boilerplate, two-language files (the seeds and
 * the samples in test-segmenter-seeds.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "test-segmenter-private.h"

static void
test_numbering_zh (void)
{
  static const char text[] =
    "示例隐私政策\n"
    "\n"
    "一、我们收集的信息\n"
    "（一）注册信息\n"
    "1. 您注册时需要提供手机号。我们会验证手机号。\n"
    "2. 您可以选择提供昵称：\n"
    "(1) 昵称将公开显示；\n"
    "(2) 头像将公开显示。\n"
    "①第一项说明。\n"
    "a. 设备信息。\n"
    "（二）使用信息\n"
    "• 浏览记录。\n"
    "二、我们如何使用信息\n"
    "我们使用信息改进服务。\n";
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);
  const char *title = "示例隐私政策";
  const char *section = "示例隐私政策 > 一、我们收集的信息";
  const char *sub = "示例隐私政策 > 一、我们收集的信息 > （一）注册信息";

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 14);
  assert_clause (document, 0, CM_CLAUSE_KIND_HEADING, 1, NULL, "示例隐私政策", "");
  assert_clause (document, 1, CM_CLAUSE_KIND_HEADING, 2, "一、", "一、我们收集的信息", title);
  assert_clause (document, 2, CM_CLAUSE_KIND_HEADING, 3, "（一）", "（一）注册信息", section);
  assert_clause (document, 3, CM_CLAUSE_KIND_LIST_ITEM, 4, "1.", "1. 您注册时需要提供手机号。", sub);
  assert_clause (document, 4, CM_CLAUSE_KIND_LIST_ITEM, 4, NULL, "我们会验证手机号。", sub);
  assert_clause (document, 5, CM_CLAUSE_KIND_LIST_ITEM, 4, "2.", "2. 您可以选择提供昵称：", sub);
  assert_clause (document, 6, CM_CLAUSE_KIND_LIST_ITEM, 5, "(1)", "(1) 昵称将公开显示；", sub);
  assert_clause (document, 7, CM_CLAUSE_KIND_LIST_ITEM, 5, "(2)", "(2) 头像将公开显示。", sub);
  assert_clause (document, 8, CM_CLAUSE_KIND_LIST_ITEM, 6, "①", "①第一项说明。", sub);
  assert_clause (document, 9, CM_CLAUSE_KIND_LIST_ITEM, 7, "a.", "a. 设备信息。", sub);
  assert_clause (document, 10, CM_CLAUSE_KIND_HEADING, 3, "（二）", "（二）使用信息", section);
  assert_clause (document, 11, CM_CLAUSE_KIND_LIST_ITEM, 4, "•", "• 浏览记录。",
                 "示例隐私政策 > 一、我们收集的信息 > （二）使用信息");
  assert_clause (document, 12, CM_CLAUSE_KIND_HEADING, 2, "二、", "二、我们如何使用信息", title);
  assert_clause (document, 13, CM_CLAUSE_KIND_BODY, 0, NULL, "我们使用信息改进服务。",
                 "示例隐私政策 > 二、我们如何使用信息");
  g_assert_cmpstr (cm_document_get_language (document), ==, "zh");
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    g_assert_cmpstr (cm_clause_get_language (cm_document_get_clause (document, i)), ==, "zh");
}

static void
test_numbering_en (void)
{
  static const char text[] =
    "Example Privacy Policy\n"
    "\n"
    "I. Information We Collect\n"
    "A. Information you give us\n"
    "1. Account data. We store your e-mail address.\n"
    "2. Payment data, e.g. card numbers, is handled by Pay Inc. and never stored.\n"
    "(a) first nested item;\n"
    "(b) second nested item.\n"
    "B. Information we collect automatically\n"
    "- Device model.\n"
    "* Log files.\n"
    "II. How We Use Information\n"
    "We use it to run the service.\n"
    "IX. Scope\n"
    "It applies to the app.\n"
    "X. Special Provisions\n"
    "Ⅺ. Contact Us\n"
    "Write to us.\n";
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);
  const char *title = "Example Privacy Policy";
  const char *sub = "Example Privacy Policy > I. Information We Collect > A. Information you give us";

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 18);
  assert_clause (document, 0, CM_CLAUSE_KIND_HEADING, 1, NULL, title, "");
  assert_clause (document, 1, CM_CLAUSE_KIND_HEADING, 2, "I.", "I. Information We Collect", title);
  assert_clause (document, 2, CM_CLAUSE_KIND_HEADING, 3, "A.", "A. Information you give us",
                 "Example Privacy Policy > I. Information We Collect");
  assert_clause (document, 3, CM_CLAUSE_KIND_LIST_ITEM, 4, "1.", "1. Account data.", sub);
  assert_clause (document, 4, CM_CLAUSE_KIND_LIST_ITEM, 4, NULL, "We store your e-mail address.", sub);
  assert_clause (document, 5, CM_CLAUSE_KIND_LIST_ITEM, 4, "2.",
                 "2. Payment data, e.g. card numbers, is handled by Pay Inc. and never stored.", sub);
  assert_clause (document, 6, CM_CLAUSE_KIND_LIST_ITEM, 5, "(a)", "(a) first nested item;", sub);
  assert_clause (document, 7, CM_CLAUSE_KIND_LIST_ITEM, 5, "(b)", "(b) second nested item.", sub);
  assert_clause (document, 8, CM_CLAUSE_KIND_HEADING, 3, "B.", "B. Information we collect automatically",
                 "Example Privacy Policy > I. Information We Collect");
  assert_clause (document, 9, CM_CLAUSE_KIND_LIST_ITEM, 4, "-", "- Device model.",
                 "Example Privacy Policy > I. Information We Collect > B. Information we collect automatically");
  assert_clause (document, 10, CM_CLAUSE_KIND_LIST_ITEM, 4, "*", "* Log files.",
                 "Example Privacy Policy > I. Information We Collect > B. Information we collect automatically");
  assert_clause (document, 11, CM_CLAUSE_KIND_HEADING, 2, "II.", "II. How We Use Information", title);
  assert_clause (document, 12, CM_CLAUSE_KIND_BODY, 0, NULL, "We use it to run the service.",
                 "Example Privacy Policy > II. How We Use Information");
  assert_clause (document, 13, CM_CLAUSE_KIND_HEADING, 2, "IX.", "IX. Scope", title);
  /* "X." after "IX." is Roman ten, a sibling; Unicode "Ⅺ." too. */
  assert_clause (document, 15, CM_CLAUSE_KIND_HEADING, 2, "X.", "X. Special Provisions", title);
  assert_clause (document, 16, CM_CLAUSE_KIND_HEADING, 2, "Ⅺ.", "Ⅺ. Contact Us", title);
  assert_clause (document, 17, CM_CLAUSE_KIND_BODY, 0, NULL, "Write to us.",
                 "Example Privacy Policy > Ⅺ. Contact Us");
  g_assert_cmpstr (cm_document_get_language (document), ==, "en");
}

static void
test_toc_and_sections (void)
{
  /* A table of contents is a list; the sections after it are headings. */
  static const char text[] =
    "Contents\n"
    "1、 Scope\n"
    "2、 Collection\n"
    "3、 Contact\n"
    "\n"
    "1、 Scope\n"
    "This policy covers the app.\n"
    "2、 Collection\n"
    "We collect little.\n";
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 8);
  assert_clause (document, 1, CM_CLAUSE_KIND_LIST_ITEM, 2, "1、", "1、 Scope", "Contents");
  assert_clause (document, 3, CM_CLAUSE_KIND_LIST_ITEM, 2, "3、", "3、 Contact", "Contents");
  assert_clause (document, 4, CM_CLAUSE_KIND_HEADING, 2, "1、", "1、 Scope", "Contents");
  assert_clause (document, 6, CM_CLAUSE_KIND_HEADING, 2, "2、", "2、 Collection", "Contents");
  assert_clause (document, 7, CM_CLAUSE_KIND_BODY, 0, NULL, "We collect little.",
                 "Contents > 2、 Collection");
}

static void
assert_sentences (const char         *text,
                  const char * const *expected)
{
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      g_autofree char *actual = clause_text (document, i);

      g_test_message ("sentence %u: %s", i, actual);
      g_assert_cmpuint (i, <, n);
      g_assert_cmpstr (actual, ==, expected[i]);
    }
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, n);
}

static void
test_sentences_zh (void)
{
  static const char *const expected[] = {
    "我们收集信息。", "你同意吗？", "当然！", "“这是引用。”",
    "然后继续；分号不断句：冒号也不。", "最后……", "结束了，“…”图标不断句。",
    "半角句点.", "也断句!", "但3.5%的用户与版本2.0.1不断。", NULL,
  };

  assert_sentences ("我们收集信息。你同意吗？当然！“这是引用。”然后继续；分号不断句：冒号也不。"
                    "最后……结束了，“…”图标不断句。半角句点.也断句!但3.5%的用户与版本2.0.1不断。",
                    expected);
}

static void
test_sentences_en (void)
{
  static const char *const expected[] = {
    "We collect data, e.g. your name, i.e. what you type.",
    "See section 3.2 of the U.S. law for details.",
    "Contact Dr. Smith at info@example.com or https://example.com/a.b?x=1.",
    "Version 2.0.1 is current!",
    "Is it?",
    "\"Yes.\"",
    "Acme Co., Ltd. Beijing is our home, at No. 5 Road vs. the old site.",
    "We keep names, e-mails, etc. for a year.",
    "We keep names, e-mails, etc.",
    "We never sell them.",
    NULL,
  };

  assert_sentences ("We collect data, e.g. your name, i.e. what you type. "
                    "See section 3.2 of the U.S. law for details. "
                    "Contact Dr. Smith at info@example.com or https://example.com/a.b?x=1. "
                    "Version 2.0.1 is current! Is it? \"Yes.\" "
                    "Acme Co., Ltd. Beijing is our home, at No. 5 Road vs. the old site. "
                    "We keep names, e-mails, etc. for a year. "
                    "We keep names, e-mails, etc. We never sell them.", expected);
}

/* Walls of text: headings and list items run into the sentences around
 * them, without line breaks (text copied from a web page). */
static void
test_wall_zh (void)
{
  static const char *const expected[] = {
    "欢迎使用示例应用。",
    "一、我们收集的信息",
    "（一）注册信息您注册时需要提供手机号。",
    "（二）位置信息在以下情形中我们收集位置：",
    "1)导航时；",
    "2)查找附近门店时；",
    "3)您主动分享位置时。",
    "二、共享信息：我们统一、规范地管理合作方，并不出售数据。",
    "根据第3条规定，我们保存信息1.5年。",
    "三、联系我们：您可以通过以下渠道联系我们：",
    "· 在线客服",
    "· 电子邮件",
    NULL,
  };

  assert_sentences ("欢迎使用示例应用。一、我们收集的信息（一）注册信息您注册时需要提供手机号。"
                    "（二）位置信息在以下情形中我们收集位置：1)导航时；2)查找附近门店时；"
                    "3)您主动分享位置时。二、共享信息：我们统一、规范地管理合作方，"
                    "并不出售数据。根据第3条规定，我们保存信息1.5年。三、联系我们："
                    "您可以通过以下渠道联系我们：· 在线客服· 电子邮件", expected);
}

/* The markers found in running text number their clauses like markers at
 * line starts: headings get a level and a path. */
static void
test_wall_zh_structure (void)
{
  g_autoptr(CmDocument) document =
    segment ("一、我们收集的信息（一）注册信息您注册时需要提供手机号。（二）设备信息我们收集设备型号。"
             "二、我们如何使用信息我们用它改进服务。", CM_GRANULARITY_SENTENCE);

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 4);
  assert_clause (document, 0, CM_CLAUSE_KIND_HEADING, 1, "一、", "一、我们收集的信息", "");
  assert_clause (document, 1, CM_CLAUSE_KIND_LIST_ITEM, 2, "（一）",
                 "（一）注册信息您注册时需要提供手机号。", "一、我们收集的信息");
  assert_clause (document, 2, CM_CLAUSE_KIND_LIST_ITEM, 2, "（二）",
                 "（二）设备信息我们收集设备型号。", "一、我们收集的信息");
  assert_clause (document, 3, CM_CLAUSE_KIND_LIST_ITEM, 1, "二、",
                 "二、我们如何使用信息我们用它改进服务。", "");
}

/* A policy's header and its table of contents run together: the date
 * fields and a bare list whose items 1, 2, 3 follow closely are cut; the
 * same words in a sentence, and an enumeration inside one, are not. */
static void
test_wall_zh_header (void)
{
  static const char *const header[] = {
    "晴川天气隐私政策",
    "更新日期：2026年3月1日",
    "生效日期：2026年3月8日",
    "目录",
    "一、我们收集的信息",
    "二、我们如何使用信息",
    "三、我们如何共享信息欢迎您使用晴川天气。",  /* nothing tells where the title ends */
    NULL,
  };
  static const char *const sentences[] = {
    "本政策的更新日期：2026年3月1日起生效，最新版本生效日期以页面为准。",
    "我们统一、规范地处理您的信息，您可以通过①客服或②邮件或③电话联系我们。",
    NULL,
  };
  static const char *const fields_on_one_line[] = {
    "发布日期：2026年3月1日     生效日期：2026年3月8日",
    NULL,
  };

  assert_sentences ("晴川天气隐私政策更新日期：2026年3月1日生效日期：2026年3月8日目录一、我们收集的信息"
                    "二、我们如何使用信息三、我们如何共享信息欢迎您使用晴川天气。", header);
  assert_sentences ("本政策的更新日期：2026年3月1日起生效，最新版本生效日期以页面为准。我们统一、规范地处理"
                    "您的信息，您可以通过①客服或②邮件或③电话联系我们。", sentences);
  assert_sentences ("发布日期：2026年3月1日     生效日期：2026年3月8日", fields_on_one_line);
}

static void
test_wall_en (void)
{
  static const char *const expected[] = {
    "Article 1 Scope This policy covers the app.",
    "Article 2 Data we collect We collect the following data:",
    "(1) your phone number;",
    "(2) your location;",
    "(3) crash reports.",
    "Under Article 2 of this policy, we keep data for 6 months.",
    "Section 3 Sharing We never sell data.",
    NULL,
  };

  assert_sentences ("Article 1 Scope This policy covers the app. Article 2 Data we collect We "
                    "collect the following data: (1) your phone number; (2) your location; (3) "
                    "crash reports. Under Article 2 of this policy, we keep data for 6 months. "
                    "Section 3 Sharing We never sell data.", expected);
}

static void
test_granularity_paragraph (void)
{
  static const char text[] =
    "一、总则\n"
    "我们收集信息。我们使用信息。\n"
    "1. 第一项。第二句。\n"
    "2. 第二项。\n";
  g_autoptr(CmDocument) sentences = segment (text, CM_GRANULARITY_SENTENCE);
  g_autoptr(CmDocument) paragraphs = segment (text, CM_GRANULARITY_PARAGRAPH);

  g_assert_cmpuint (cm_document_get_n_clauses (sentences), ==, 6);
  g_assert_cmpuint (cm_document_get_n_clauses (paragraphs), ==, 4);
  g_assert_cmpint (cm_document_get_granularity (paragraphs), ==, CM_GRANULARITY_PARAGRAPH);
  assert_clause (paragraphs, 1, CM_CLAUSE_KIND_BODY, 0, NULL, "我们收集信息。我们使用信息。", "一、总则");
  assert_clause (paragraphs, 2, CM_CLAUSE_KIND_LIST_ITEM, 2, "1.", "1. 第一项。第二句。", "一、总则");
  assert_clause (paragraphs, 3, CM_CLAUSE_KIND_LIST_ITEM, 2, "2.", "2. 第二项。", "一、总则");
}

static void
test_offsets (void)
{
  /* Leading spaces, full-width spaces, CRs and blank lines are outside
   * the clauses; offsets count code points. */
  static const char text[] = "  隐私政策  \n\n\xE3\x80\x80　我们收集信息。 我们保护信息。\r\n\n  Last line.  ";
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);
  guint previous_end = 0;

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 4);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *actual = clause_text (document, i);

      g_assert_cmpuint (cm_clause_get_start (clause), >=, previous_end);
      g_assert_cmpuint (cm_clause_get_end (clause), >, cm_clause_get_start (clause));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (actual)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (actual + strlen (actual)))));
      previous_end = cm_clause_get_end (clause);
    }
  g_assert_cmpuint (cm_clause_get_start (cm_document_get_clause (document, 0)), ==, 2);
  g_assert_cmpuint (cm_clause_get_end (cm_document_get_clause (document, 0)), ==, 6);
  g_assert_cmpuint (cm_clause_get_start (cm_document_get_clause (document, 1)), ==, 12);
  g_assert_cmpuint (cm_clause_get_end (cm_document_get_clause (document, 1)), ==, 19);
  g_assert_cmpuint (cm_clause_get_start (cm_document_get_clause (document, 2)), ==, 20);
  g_assert_cmpuint (cm_clause_get_end (cm_document_get_clause (document, 3)),
                    ==, g_utf8_strlen (text, -1) - 2);
}

static CmBlockHint
hint_for (const char  *text,
          const char  *block,
          CmBlockKind  kind,
          guint        level)
{
  const char *at = strstr (text, block);
  CmBlockHint hint = { 0, 0, kind, level };

  g_assert_nonnull (at);
  hint.start = at - text;
  hint.end = hint.start + strlen (block);
  return hint;
}

static void
test_hints (void)
{
  /* A loader's hints (byte ranges) decide kind and level. */
  static const char text[] = "Our Policy\nData We Collect\nWe collect your name. We keep it.\nYour name\nYour e-mail\n";
  CmBlockHint hints[] = {
    hint_for (text, "Our Policy", CM_BLOCK_HEADING, 1),
    hint_for (text, "Data We Collect", CM_BLOCK_HEADING, 2),
    hint_for (text, "We collect your name. We keep it.", CM_BLOCK_PARAGRAPH, 0),
    hint_for (text, "Your name", CM_BLOCK_LIST_ITEM, 1),
    hint_for (text, "Your e-mail", CM_BLOCK_LIST_ITEM, 1),
  };
  g_autoptr(CmDocument) document = cm_document_new ("hints", text);

  cm_segment_document (document, hints, G_N_ELEMENTS (hints), CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 6);
  assert_clause (document, 0, CM_CLAUSE_KIND_HEADING, 1, NULL, "Our Policy", "");
  assert_clause (document, 1, CM_CLAUSE_KIND_HEADING, 2, NULL, "Data We Collect", "Our Policy");
  assert_clause (document, 2, CM_CLAUSE_KIND_BODY, 0, NULL, "We collect your name.",
                 "Our Policy > Data We Collect");
  assert_clause (document, 4, CM_CLAUSE_KIND_LIST_ITEM, 3, NULL, "Your name",
                 "Our Policy > Data We Collect");
  assert_clause (document, 5, CM_CLAUSE_KIND_LIST_ITEM, 3, NULL, "Your e-mail",
                 "Our Policy > Data We Collect");
}

static void
test_hint_line_breaks (void)
{
  /* One hinted block over two lines (a <br>): two clauses; a wrapped
   * English line without hints: one sentence. */
  static const char text[] = "Last updated: March 1\nEffective date: March 8\n";
  static const char wrapped[] = "We collect the data you give us and\nthe data your device sends.\n";
  CmBlockHint hints[] = { { 0, sizeof text - 2, CM_BLOCK_PARAGRAPH, 0 } };
  g_autoptr(CmDocument) document = cm_document_new ("br", text);
  g_autoptr(CmDocument) unhinted = segment (wrapped, CM_GRANULARITY_SENTENCE);

  cm_segment_document (document, hints, G_N_ELEMENTS (hints), CM_GRANULARITY_SENTENCE);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 2);
  assert_clause (document, 0, CM_CLAUSE_KIND_BODY, 0, NULL, "Last updated: March 1", "");
  assert_clause (document, 1, CM_CLAUSE_KIND_BODY, 0, NULL, "Effective date: March 8", "");
  g_assert_cmpuint (cm_document_get_n_clauses (unhinted), ==, 1);

  cm_segment_document (document, hints, G_N_ELEMENTS (hints), CM_GRANULARITY_PARAGRAPH);
  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 1);
}

static void
test_language (void)
{
  g_assert_cmpstr (cm_detect_language ("隐私政策", -1), ==, "zh");
  g_assert_cmpstr (cm_detect_language ("Privacy policy", -1), ==, "en");
  g_assert_cmpstr (cm_detect_language ("123 — 456 !", -1), ==, "und");
  g_assert_cmpstr (cm_detect_language ("", 0), ==, "und");
  g_assert_cmpstr (cm_detect_language ("Privacy Policy 隐私政策", -1), ==, "mixed");
  /* A product name does not make Chinese text English, nor the reverse. */
  g_assert_cmpstr (cm_detect_language ("请您使用WPS Office for Android授权软件的全部功能。", -1), ==, "zh");
  g_assert_cmpstr (cm_detect_language ("Kingsoft (金山) may share your personal data with partners.", -1), ==, "en");
  /* Only the given bytes count. */
  g_assert_cmpstr (cm_detect_language ("Privacy 隐私政策和个人信息", 7), ==, "en");
}

static void
test_language_switch_synthetic (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *all = NULL;
  gsize offset = 0;
  const char *first = NULL, *second = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append (text, "我们会收集您的设备信息，用于保障WPS Office账号安全。\n");
  g_string_append (text, "\n");
  for (int i = 0; i < 40; i++)
    g_string_append (text, "We collect your device information to keep your account secure.\n");
  all = g_string_free (text, FALSE);

  g_assert_true (cm_find_language_switch (all, strlen (all), &offset, &first, &second));
  g_assert_true (g_str_has_prefix (all + offset, "We collect"));
  g_assert_cmpstr (first, ==, "zh");
  g_assert_cmpstr (second, ==, "en");

  /* One language only, or a short tail in the other: no pair. */
  g_assert_false (cm_find_language_switch (all, offset, NULL, NULL, NULL));
  {
    g_autofree char *tail = g_strconcat (all + offset, "\n这是一行中文。\n", NULL);

    g_assert_false (cm_find_language_switch (tail, strlen (tail), NULL, NULL, NULL));
  }
}

static void
test_boilerplate_rules (void)
{
  static const char text[] =
    "隐私政策\n"
    "我们会收集您的阅读记录和浏览记录。\n"
    "1.2 阅读记录\n"
    "您可以在设置中删除阅读记录，评论 功能可随时关闭。\n"
    "Copyright © 2024 示例公司 版权所有\n"
    "<the-end-of-privacy-policy>\n"
    "相关文章\n"
    "如何保护你的隐私\n"
    "阅读 1,234\n"
    "2023-05-01\n"
    "手机安全小技巧…\n"
    "3456 阅读\n"
    "Read more\n";
  g_autoptr(CmDocument) document = segment (text, CM_GRANULARITY_SENTENCE);
  guint n = cm_document_get_n_clauses (document);
  guint footer = find_clause (document, "Copyright ©");

  /* Policy text that talks about reading records is not junk. */
  for (guint i = 0; i < footer; i++)
    g_assert_cmpint (cm_clause_get_kind (cm_document_get_clause (document, i)), !=,
                     CM_CLAUSE_KIND_BOILERPLATE);
  /* From the footer on: footer, end tag, teaser heading and titles,
   * counters, a date, "Read more". */
  g_assert_cmpuint (n - footer, ==, 9);
  for (guint i = footer; i < n; i++)
    g_assert_cmpint (cm_clause_get_kind (cm_document_get_clause (document, i)), ==,
                     CM_CLAUSE_KIND_BOILERPLATE);
  /* Boilerplate does not count for the document's language. */
  g_assert_cmpstr (cm_document_get_language (document), ==, "zh");

  /* Teaser titles after "Related articles", without counters. */
  {
    static const char tail[] =
      "Privacy Policy\n"
      "We collect your e-mail address to create your account.\n"
      "Related articles\n"
      "\n"
      "Ten tips for safer passwords\n"
      "Why we moved our servers\n";
    g_autoptr(CmDocument) teasers = segment (tail, CM_GRANULARITY_SENTENCE);

    g_assert_cmpuint (cm_document_get_n_clauses (teasers), ==, 5);
    g_assert_cmpuint (count_kind (teasers, CM_CLAUSE_KIND_BOILERPLATE), ==, 3);
    assert_clause (teasers, 2, CM_CLAUSE_KIND_BOILERPLATE, 0, NULL, "Related articles",
                   "Privacy Policy");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segmenter/numbering/zh", test_numbering_zh);
  g_test_add_func ("/segmenter/numbering/en", test_numbering_en);
  g_test_add_func ("/segmenter/numbering/toc", test_toc_and_sections);
  g_test_add_func ("/segmenter/sentences/zh", test_sentences_zh);
  g_test_add_func ("/segmenter/sentences/en", test_sentences_en);
  g_test_add_func ("/segmenter/wall/zh", test_wall_zh);
  g_test_add_func ("/segmenter/wall/zh-structure", test_wall_zh_structure);
  g_test_add_func ("/segmenter/wall/zh-header", test_wall_zh_header);
  g_test_add_func ("/segmenter/wall/en", test_wall_en);
  g_test_add_func ("/segmenter/granularity/paragraph", test_granularity_paragraph);
  g_test_add_func ("/segmenter/offsets", test_offsets);
  g_test_add_func ("/segmenter/hints", test_hints);
  g_test_add_func ("/segmenter/hint-line-breaks", test_hint_line_breaks);
  g_test_add_func ("/segmenter/language", test_language);
  g_test_add_func ("/segmenter/language-switch", test_language_switch_synthetic);
  g_test_add_func ("/segmenter/boilerplate", test_boilerplate_rules);

  return g_test_run ();
}
