/* test-anchors.c — numbers, ages, durations, dates, e-mails, URLs, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cm-anchors.h"

/* The anchors of @text as "kind:value" keys joined by spaces. */
static char *
keys_of (const char *text,
         const char *language)
{
  g_autoptr(GPtrArray) anchors = cm_anchors_extract (text, -1, language);
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < anchors->len; i++)
    {
      CmAnchor *anchor = g_ptr_array_index (anchors, i);
      g_autofree char *key = cm_anchor_dup_key (anchor);

      /* ranges must point at the text */
      g_assert_cmpuint (anchor->start, <, anchor->end);
      g_assert_cmpuint (anchor->end, <=, strlen (text));
      if (keys->len)
        g_string_append_c (keys, ' ');
      g_string_append (keys, key);
    }
  return g_string_free (keys, FALSE);
}

static void
check (const char *text,
       const char *language,
       const char *expected)
{
  g_autofree char *keys = keys_of (text, language);

  if (g_strcmp0 (keys, expected) != 0)
    g_test_message ("text: %s", text);
  g_assert_cmpstr (keys, ==, expected);
}

static void
test_chinese_numbers (void)
{
  static const struct { const char *text; guint value; } cases[] = {
    { "一", 1 }, { "十", 10 }, { "十四", 14 }, { "二十", 20 }, { "二十三", 23 },
    { "一百零八", 108 }, { "两", 2 }, { "一百八十", 180 }, { "三千", 3000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint value = 0;
      g_assert_true (cm_anchors_parse_chinese_number (cases[i].text, strlen (cases[i].text), &value));
      g_assert_cmpuint (value, ==, cases[i].value);
    }
  g_assert_false (cm_anchors_parse_chinese_number ("十a", 4, NULL));
  g_assert_false (cm_anchors_parse_chinese_number ("", 0, NULL));
}

static void
test_ages (void)
{
  check ("如您是未满14周岁的未成年人", "zh", "age:14");
  check ("不满十四周岁的儿童", "zh", "age:14");
  check ("18岁以下", "zh", "age:18");
  check ("If you are under the age of 14, please", "en", "age:14");
  check ("children under 13 may not", "en", "age:13");
  check ("users aged 16 or older", "en", "age:16");
  check ("if you are 14 years old", "en", "age:14");
  check ("minors under fourteen (14) years of age", "en", "age:14");
}

static void
test_durations (void)
{
  check ("我们将在6个月内删除", "zh", "duration:6 month");
  check ("保存期限为三年", "zh", "duration:3 year");
  check ("15个工作日内答复", "zh", "duration:15 workday");
  check ("在 30 天内", "zh", "duration:30 day");
  check ("within 3 months.", "en", "duration:3 month");
  check ("within fifteen working days", "en", "duration:15 workday");
  check ("for six months after", "en", "duration:6 month");
  check ("a 24-hour window", "en", "duration:24 hour");
  check ("twenty-four hours", "en", "duration:24 hour");
}

static void
test_dates (void)
{
  check ("更新日期：2026年3月1日", "zh", "date:2026-03-01");
  check ("Updated: March 1, 2026", "en", "date:2026-03-01");
  check ("Effective 8 March 2026.", "en", "date:2026-03-08");
  check ("Last updated 2026-03-08", "en", "date:2026-03-08");
  /* a year alone is a number, not a two-thousand-year duration */
  check ("2022年起", "zh", "number:2022");
  /* a day of a month is not a number of days */
  check ("3月26日", "zh", "number:3");
}

static void
test_addresses (void)
{
  check ("请发送邮件至privacy@yunjian.example或访问https://www.yunjian.example/privacy。", "zh",
         "email:privacy@yunjian.example url:yunjian.example/privacy");
  check ("write to Privacy@Example.com, or visit www.example.com/help/.", "en",
         "email:privacy@example.com url:example.com/help");
  check ("mailto:dpo@corp.cn", "en", "email:dpo@corp.cn");
  check ("see http://example.org:8080/a?b=1.", "en", "url:example.org:8080/a?b=1");
  /* abbreviations are not hosts */
  check ("e.g. photos, i.e. files", "en", "");
}

static void
test_names_and_numbers (void)
{
  check ("我们使用Cookie和WPS的SDK", "zh", "name:cookie name:wps name:sdk");
  /* lower-case Latin words in Chinese text are common nouns, not names */
  check ("您可导出pdf文件，或访问wap页面、下载app", "zh", "");
  check ("支持iOS、Android与5G网络", "zh", "name:ios name:android name:5g");
  check ("We use cookies and the WPS SDK on iOS and WeChat.", "en",
         "name:wps name:sdk name:ios name:wechat");
  check ("We keep 3 copies of 120 files", "en", "number:3 number:120");
  /* a clause's own numbering marker is not an anchor */
  check ("1. 我们收集3项信息", "zh", "number:3");
  check ("(2) we collect 5 items", "en", "number:5");
  /* bare Chinese numerals and number words are mostly parts of words */
  check ("一些信息是唯一的", "zh", "");
  check ("one of them", "en", "");
  /* repeated anchors are reported once */
  check ("14周岁 14周岁", "zh", "age:14");
}

static void
test_descriptions (void)
{
  g_autoptr(GPtrArray) anchors = cm_anchors_extract ("within 6 months or 1 year, age 14", -1, "en");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (anchors->len, >=, 2);
  first = cm_anchor_dup_description (g_ptr_array_index (anchors, 0));
  second = cm_anchor_dup_description (g_ptr_array_index (anchors, 1));
  g_assert_cmpstr (first, ==, "6 months");
  g_assert_cmpstr (second, ==, "1 year");
  g_assert_cmpstr (cm_anchor_kind_to_string (CM_ANCHOR_URL), ==, "url");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/anchors/chinese-numbers", test_chinese_numbers);
  g_test_add_func ("/anchors/ages", test_ages);
  g_test_add_func ("/anchors/durations", test_durations);
  g_test_add_func ("/anchors/dates", test_dates);
  g_test_add_func ("/anchors/addresses", test_addresses);
  g_test_add_func ("/anchors/names-and-numbers", test_names_and_numbers);
  g_test_add_func ("/anchors/descriptions", test_descriptions);
  return g_test_run ();
}
