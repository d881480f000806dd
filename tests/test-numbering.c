/* test-numbering.c — numbering markers in both languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cm-numbering.h"

typedef struct
{
  const char       *text;
  CmNumberingStyle  style;
  CmNumberingWrap   wrap;
  guint             value;
  guint             depth;
  const char       *marker;   /* as written */
  const char       *content;  /* what follows the marker and its spaces */
} Case;

static const Case markers[] = {
  { "一、总则", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_NONE, 1, 1, "一、", "总则" },
  { "十二、附则", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_NONE, 12, 1, "十二、", "附则" },
  { "二十一. 联系我们", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_NONE, 21, 1, "二十一.", "联系我们" },
  { "（三）信息的共享", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_PARENS, 3, 1, "（三）", "信息的共享" },
  { "(一) 收集", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_PARENS, 1, 1, "(一)", "收集" },
  { "(1) Cookies: small files", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_PARENS, 1, 1, "(1)", "Cookies: small files" },
  { "（12）其他", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_PARENS, 12, 1, "（12）", "其他" },
  { "1. 注册账号", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_NONE, 1, 1, "1.", "注册账号" },
  { "3.Provide you with", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_NONE, 3, 1, "3.", "Provide you with" },
  { "1、 Scope of application", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_NONE, 1, 1, "1、", "Scope of application" },
  { "2) second", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_CLOSE_PAREN, 2, 1, "2)", "second" },
  { "１．全角", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_NONE, 1, 1, "１．", "全角" },
  { "1.2 Device information", CM_NUMBERING_STYLE_DECIMAL, CM_NUMBERING_WRAP_NONE, 2, 2, "1.2", "Device information" },
  { "3.5.1 Your location", CM_NUMBERING_STYLE_DECIMAL, CM_NUMBERING_WRAP_NONE, 1, 3, "3.5.1", "Your location" },
  { "8.4. 读取权限", CM_NUMBERING_STYLE_DECIMAL, CM_NUMBERING_WRAP_NONE, 4, 2, "8.4.", "读取权限" },
  { "3.1日志信息", CM_NUMBERING_STYLE_DECIMAL, CM_NUMBERING_WRAP_NONE, 1, 2, "3.1", "日志信息" },
  { "①手机号", CM_NUMBERING_STYLE_CIRCLED, CM_NUMBERING_WRAP_NONE, 1, 1, "①", "手机号" },
  { "⑳ last", CM_NUMBERING_STYLE_CIRCLED, CM_NUMBERING_WRAP_NONE, 20, 1, "⑳", "last" },
  { "⑵ 第二", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_PARENS, 2, 1, "⑵", "第二" },
  { "a. 设备信息", CM_NUMBERING_STYLE_LATIN_LOWER, CM_NUMBERING_WRAP_NONE, 1, 1, "a.", "设备信息" },
  { "c) third item", CM_NUMBERING_STYLE_LATIN_LOWER, CM_NUMBERING_WRAP_CLOSE_PAREN, 3, 1, "c)", "third item" },
  { "(b) the second", CM_NUMBERING_STYLE_LATIN_LOWER, CM_NUMBERING_WRAP_PARENS, 2, 1, "(b)", "the second" },
  { "A. To achieve", CM_NUMBERING_STYLE_LATIN_UPPER, CM_NUMBERING_WRAP_NONE, 1, 1, "A.", "To achieve" },
  { "Ⅱ. How We Collect", CM_NUMBERING_STYLE_ROMAN_UPPER, CM_NUMBERING_WRAP_NONE, 2, 1, "Ⅱ.", "How We Collect" },
  { "Ⅸ Scope", CM_NUMBERING_STYLE_ROMAN_UPPER, CM_NUMBERING_WRAP_NONE, 9, 1, "Ⅸ", "Scope" },
  { "II. Information", CM_NUMBERING_STYLE_ROMAN_UPPER, CM_NUMBERING_WRAP_NONE, 2, 1, "II.", "Information" },
  { "XIV. Contact", CM_NUMBERING_STYLE_ROMAN_UPPER, CM_NUMBERING_WRAP_NONE, 14, 1, "XIV.", "Contact" },
  { "(I) Scope", CM_NUMBERING_STYLE_ROMAN_UPPER, CM_NUMBERING_WRAP_PARENS, 1, 1, "(I)", "Scope" },
  { "(iv) fourth", CM_NUMBERING_STYLE_ROMAN_LOWER, CM_NUMBERING_WRAP_PARENS, 4, 1, "(iv)", "fourth" },
  { "• 如何收集", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "•", "如何收集" },
  { "● How We Use", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "●", "How We Use" },
  { "·隐私", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "·", "隐私" },
  { "▪ item", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "▪", "item" },
  { "l 如何使用Cookie", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "l", "如何使用Cookie" },
  { "- plain item", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "-", "plain item" },
  { "* starred", CM_NUMBERING_STYLE_BULLET, CM_NUMBERING_WRAP_NONE, 1, 1, "*", "starred" },
  { "## Your rights", CM_NUMBERING_STYLE_MARKDOWN, CM_NUMBERING_WRAP_NONE, 2, 2, "##", "Your rights" },
  { "第三章 信息共享", CM_NUMBERING_STYLE_CHINESE, CM_NUMBERING_WRAP_ARTICLE, 3, 1, "第三章", "信息共享" },
  { "第12条 附则", CM_NUMBERING_STYLE_ARABIC, CM_NUMBERING_WRAP_ARTICLE, 12, 3, "第12条", "附则" },
};

static void
test_markers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const Case *c = &markers[i];
      CmNumbering n;
      g_autofree char *marker = NULL;

      g_test_message ("marker case %s", c->text);
      g_assert_true (cm_numbering_parse (c->text, strlen (c->text), &n));
      g_assert_cmpstr (cm_numbering_style_to_string (n.style), ==,
                       cm_numbering_style_to_string (c->style));
      g_assert_cmpint (n.wrap, ==, c->wrap);
      g_assert_cmpuint (n.value, ==, c->value);
      g_assert_cmpuint (n.depth, ==, c->depth);
      marker = g_strndup (c->text + n.marker_offset, n.marker_length);
      g_assert_cmpstr (marker, ==, c->marker);
      g_assert_cmpstr (c->text + n.content_offset, ==, c->content);
    }
}

static void
test_markdown_bullet_number (void)
{
  const char *text = "- 1.1 我们收集的信息";
  CmNumbering n;

  g_assert_true (cm_numbering_parse (text, strlen (text), &n));
  g_assert_cmpint (n.style, ==, CM_NUMBERING_STYLE_DECIMAL);
  g_assert_cmpuint (n.marker_offset, ==, 2);
  g_assert_cmpuint (n.marker_length, ==, 3);
  g_assert_cmpstr (text + n.content_offset, ==, "我们收集的信息");
}

static void
test_not_markers (void)
{
  static const char *const texts[] = {
    "2022年8月26日生效", "e.g. cookies", "U.S. law applies", "3.5% of users",
    "一般情况下", "十分重要", "I am a sentence", "lorem ipsum", "-1 degrees",
    "#hashtag", "(以下简称“我们”)", "and) so on", "Mr. Smith", "1 2 3",
    "1234. too long", "第一时间", "Privacy policy", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      CmNumbering n;

      g_test_message ("not a marker: %s", texts[i]);
      g_assert_false (cm_numbering_parse (texts[i], strlen (texts[i]), &n));
      g_assert_cmpint (n.style, ==, CM_NUMBERING_STYLE_NONE);
    }
}

static void
test_values (void)
{
  g_assert_cmpuint (cm_numbering_chinese_value ("一", strlen ("一")), ==, 1);
  g_assert_cmpuint (cm_numbering_chinese_value ("十", strlen ("十")), ==, 10);
  g_assert_cmpuint (cm_numbering_chinese_value ("十九", strlen ("十九")), ==, 19);
  g_assert_cmpuint (cm_numbering_chinese_value ("四十二", strlen ("四十二")), ==, 42);
  g_assert_cmpuint (cm_numbering_chinese_value ("一百零五", strlen ("一百零五")), ==, 105);
  g_assert_cmpuint (cm_numbering_chinese_value ("二三", strlen ("二三")), ==, 0);
  g_assert_cmpuint (cm_numbering_roman_value ("IV", 2), ==, 4);
  g_assert_cmpuint (cm_numbering_roman_value ("xix", 3), ==, 19);
  g_assert_cmpuint (cm_numbering_roman_value ("IIII", 4), ==, 0);
  g_assert_cmpuint (cm_numbering_roman_value ("Iv", 2), ==, 0);
}

static guint
family_of (const char *text)
{
  CmNumbering n;

  g_assert_true (cm_numbering_parse (text, strlen (text), &n));
  return cm_numbering_family (&n);
}

static guint
rank_of (const char *text)
{
  CmNumbering n;

  g_assert_true (cm_numbering_parse (text, strlen (text), &n));
  return cm_numbering_rank (&n);
}

static void
test_family_and_rank (void)
{
  g_assert_cmpuint (family_of ("（一）甲"), ==, family_of ("(二) 乙"));
  g_assert_cmpuint (family_of ("1. a"), ==, family_of ("2．b"));
  g_assert_cmpuint (family_of ("1. a"), !=, family_of ("2、b"));
  g_assert_cmpuint (family_of ("1.1 a"), ==, family_of ("2.3 b"));
  g_assert_cmpuint (family_of ("1.1 a"), !=, family_of ("1.1.1 b"));
  g_assert_cmpuint (family_of ("1. a"), !=, family_of ("(1) b"));
  g_assert_cmpuint (family_of ("一、甲"), !=, family_of ("（一）乙"));

  g_assert_cmpuint (rank_of ("一、甲"), <, rank_of ("（一）乙"));
  g_assert_cmpuint (rank_of ("（一）乙"), <, rank_of ("1. 丙"));
  g_assert_cmpuint (rank_of ("1. 丙"), <, rank_of ("1.1 丁"));
  g_assert_cmpuint (rank_of ("1.1 丁"), <, rank_of ("(1) 戊"));
  g_assert_cmpuint (rank_of ("(1) 戊"), <, rank_of ("① 己"));
  g_assert_cmpuint (rank_of ("Ⅱ. Use"), <, rank_of ("A. Key"));
  g_assert_cmpuint (rank_of ("A. Key"), <, rank_of ("1.Account"));
  g_assert_cmpuint (rank_of ("a. 设备"), <, rank_of ("• 项"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/numbering/markers", test_markers);
  g_test_add_func ("/numbering/markdown-bullet-number", test_markdown_bullet_number);
  g_test_add_func ("/numbering/not-markers", test_not_markers);
  g_test_add_func ("/numbering/values", test_values);
  g_test_add_func ("/numbering/family-and-rank", test_family_and_rank);

  return g_test_run ();
}
