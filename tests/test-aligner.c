/* test-aligner.c — the bilingual aligner and the difference finder
 *
 * Constructed pairs (insertions, deletions, splits, merges, numbering in
 * different scripts). The bundled sample pair against its gold alignment
 * is in test-aligner-sample.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-pair-diff.h"
#include "cm-test-util.h"
#include "test-aligner-private.h"

/* ---- building documents -------------------------------------------- */

/* One clause: "H|text" heading, "L|text" list item, "B|text" body;
 * an optional marker after a second '|': "L|（二）|text". */
static CmDocument *
make_document (const char         *id,
               const char         *language,
               const char * const *specs)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;
  guint offset = 0;

  for (guint i = 0; specs[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], "|", 3);
      const char *body = parts[2] ? parts[2] : parts[1];
      const char *marker = parts[2] ? parts[1] : NULL;
      g_autofree char *clause_text = marker ? g_strconcat (marker, " ", body, NULL) : g_strdup (body);
      guint n = (guint) g_utf8_strlen (clause_text, -1);
      CmClauseKind kind = parts[0][0] == 'H' ? CM_CLAUSE_KIND_HEADING
                          : parts[0][0] == 'L' ? CM_CLAUSE_KIND_LIST_ITEM
                          : parts[0][0] == 'X' ? CM_CLAUSE_KIND_BOILERPLATE
                          : CM_CLAUSE_KIND_BODY;
      g_autofree char *clause_id = g_strdup_printf ("%c%u", language[0], i);
      CmClause *clause = cm_clause_new (clause_id, offset, offset + n, kind);

      cm_clause_set_language (clause, language);
      if (marker)
        cm_clause_set_marker (clause, marker);
      g_ptr_array_add (clauses, clause);
      g_string_append (text, clause_text);
      g_string_append_c (text, '\n');
      offset += n + 1;
    }
  document = cm_document_new (id, text->str);
  cm_document_set_language (document, language);
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  g_string_free (text, TRUE);
  return document;
}


static char *
align_to_string (const char * const *zh_specs,
                 const char * const *en_specs)
{
  g_autoptr(CmDocument) zh = make_document ("zh", "zh", zh_specs);
  g_autoptr(CmDocument) en = make_document ("en", "en", en_specs);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = cm_align_documents (zh, en, NULL, &error);

  g_assert_no_error (error);
  return links_string (links);
}

/* A small policy, sentence for sentence. */
static const char * const base_zh[] = {
  "H|一、|我们如何收集您的个人信息",
  "B|当您注册账号时，您需要提供手机号码并设置密码。",
  "B|我们会收集设备型号、操作系统版本和IP地址，用于保障账号安全。",
  "H|二、|我们如何共享您的个人信息",
  "B|未经您的同意，我们不会与第三方共享您的个人信息。",
  "B|我们可能与关联公司共享您的账号信息，以提供统一的服务。",
  "H|三、|我们如何存储您的个人信息",
  "B|您的个人信息将存储在中华人民共和国境内的服务器上。",
  "B|在您注销账号后，我们将在6个月内删除您的个人信息。",
  "H|四、|未成年人保护",
  "B|如您是未满14周岁的未成年人，请在监护人的同意下使用我们的服务。",
  "H|五、|如何联系我们",
  "B|如有疑问，请发送邮件至privacy@example.com，我们将在15个工作日内回复。",
  NULL
};

static const char * const base_en[] = {
  "H|I.|How We Collect Your Personal Information",
  "B|When you register an account, you need to provide your mobile phone number and set a password.",
  "B|We collect your device model, operating system version and IP address to keep your account secure.",
  "H|II.|How We Share Your Personal Information",
  "B|We will not share your personal information with third parties without your consent.",
  "B|We may share your account information with our affiliates to provide a unified service.",
  "H|III.|How We Store Your Personal Information",
  "B|Your personal information is stored on servers in the People's Republic of China.",
  "B|After you delete your account, we will delete your personal information within 6 months.",
  "H|IV.|Protection of Minors",
  "B|If you are under the age of 14, please use our services with the consent of your guardian.",
  "H|V.|How to Contact Us",
  "B|If you have any questions, please e-mail privacy@example.com and we will reply within 15 working days.",
  NULL
};

static void
test_one_to_one (void)
{
  g_autofree char *links = align_to_string (base_zh, base_en);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e4 z5=e5 z6=e6 z7=e7 z8=e8 z9=e9 "
                              "z10=e10 z11=e11 z12=e12");
}

/* Copies @specs leaving out index @skip (or G_MAXUINT). */
static const char **
without (const char * const *specs,
         guint               skip)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; specs[i]; i++)
    if (i != skip)
      g_ptr_array_add (out, (gpointer) specs[i]);
  g_ptr_array_add (out, NULL);
  return (const char **) g_ptr_array_free (out, FALSE);
}

static void
test_deletion (void)
{
  /* the English version leaves out the affiliate sharing sentence */
  g_autofree const char **en = without (base_en, 5);
  g_autofree char *links = align_to_string (base_zh, en);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e4 z5= z6=e5 z7=e6 z8=e7 z9=e8 "
                              "z10=e9 z11=e10 z12=e11");
}

static void
test_insertion (void)
{
  /* the English version adds a sentence after the storage one */
  const char *en[G_N_ELEMENTS (base_en) + 1];
  g_autofree char *links = NULL;
  guint k = 0;

  for (guint i = 0; base_en[i]; i++)
    {
      en[k++] = base_en[i];
      if (i == 7)
        en[k++] = "B|Backups are encrypted and kept in a separate data centre that only two engineers may enter.";
    }
  en[k] = NULL;
  links = align_to_string (base_zh, en);
  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e4 z5=e5 z6=e6 z7=e7 =e8 z8=e9 z9=e10 "
                              "z10=e11 z11=e12 z12=e13");
}

static void
test_split_and_merge (void)
{
  /* English splits the minors sentence in two and merges the two
   * collection sentences into one */
  static const char * const en[] = {
    "H|I.|How We Collect Your Personal Information",
    "B|When you register an account, you need to provide your mobile phone number and set a password, "
      "and we collect your device model, operating system version and IP address to keep your account secure.",
    "H|II.|How We Share Your Personal Information",
    "B|We will not share your personal information with third parties without your consent.",
    "B|We may share your account information with our affiliates to provide a unified service.",
    "H|III.|How We Store Your Personal Information",
    "B|Your personal information is stored on servers in the People's Republic of China.",
    "B|After you delete your account, we will delete your personal information within 6 months.",
    "H|IV.|Protection of Minors",
    "B|If you are under the age of 14, you are a minor.",
    "B|Please use our services only with the consent of your parent or guardian.",
    "H|V.|How to Contact Us",
    "B|If you have any questions, please e-mail privacy@example.com and we will reply within 15 working days.",
    NULL
  };
  g_autofree char *links = align_to_string (base_zh, en);

  g_assert_cmpstr (links, ==, "z0=e0 z1+z2=e1 z3=e2 z4=e3 z5=e4 z6=e5 z7=e6 z8=e7 z9=e8 z10=e9+e10 "
                              "z11=e11 z12=e12");
}

static void
test_moved (void)
{
  /* the English version swaps the two sharing sentences and moves the
   * storage-location sentence to the end of the policy */
  const char *en[G_N_ELEMENTS (base_en)];
  g_autofree char *links = NULL;
  g_autoptr(CmDocument) zh = make_document ("zh", "zh", base_zh);
  g_autoptr(CmDocument) en_doc = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *moved = NULL;
  guint k = 0, n_moved = 0;

  for (guint i = 0; base_en[i]; i++)
    {
      if (i == 4 || i == 7)
        continue;
      en[k++] = base_en[i];
      if (i == 5)
        en[k++] = base_en[4];
    }
  en[k++] = base_en[7];
  en[k] = NULL;
  en_doc = make_document ("en", "en", en);
  found = cm_align_documents (zh, en_doc, NULL, &error);
  g_assert_no_error (error);
  links = links_string (found);
  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e5 z5=e4 z6=e6 z7=e12 z8=e7 z9=e8 "
                              "z10=e9 z11=e10 z12=e11");
  /* two of the three reordered links are off the longest ordered run */
  moved = cm_links_find_moved (found, en_doc);
  for (guint i = 0; i < found->len; i++)
    n_moved += moved[i];
  g_assert_cmpuint (n_moved, ==, 2);
  g_assert_true (moved[7]);
  g_assert_true (moved[4] || moved[5]);

  /* diff reports them as their own kind */
  g_assert_true (cm_align_pair (zh, en_doc, NULL, &error));
  {
    g_autoptr(GPtrArray) differences = cm_pair_find_differences (zh, en_doc);
    guint n_moves = 0;

    for (guint i = 0; i < differences->len; i++)
      {
        const CmDifference *difference = g_ptr_array_index (differences, i);
        if (difference->kind == CM_DIFFERENCE_MOVED)
          n_moves++;
      }
    g_assert_cmpuint (n_moves, ==, 2);
  }
}

static void
test_numbering (void)
{
  /* four look-alike items; the English version drops the second and keeps
   * the original numbers in another script: only numbering tells which */
  static const char * const zh[] = {
    "H|五、|您的权利",
    "L|（一）|访问：您可以查看您的资料。",
    "L|（二）|更正：您可以修改您的资料。",
    "L|（三）|删除：您可以删除您的资料。",
    "L|（四）|撤回：您可以撤回您的同意。",
    NULL
  };
  static const char * const en[] = {
    "H|V.|Your Rights",
    "L|(I)|Review: you can look at your profile.",
    "L|(III)|Erasure: you can erase your profile.",
    "L|(IV)|Withdrawal: you can take back your consent.",
    NULL
  };
  g_autofree char *links = align_to_string (zh, en);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2= z3=e2 z4=e3");
}

/* Copied without line breaks, the Chinese headings ran into their first
 * sentences: each such clause goes with the English heading of the same
 * number and the sentence after it. */
static void
test_run_on_headings (void)
{
  static const char * const zh[] = {
    "L|5、|自动化决策在某些业务功能中，我们可能仅依据算法作出决定，您可以要求我们说明理由。",
    "L|6、|停止运营如我们停止运营，我们将停止收集您的个人信息，并以公告形式通知您。",
    "L|7、|联系我们如您对本政策有任何疑问，请发送邮件至privacy@example.com。",
    NULL
  };
  static const char * const en[] = {
    "H|5.|Automated decisions",
    "B|In some functions we may decide only by algorithms, and you can ask us to explain why.",
    "H|6.|Stop of operations",
    "B|If we stop operating, we will stop collecting your personal information and tell you by a notice.",
    "H|7.|Contact us",
    "B|If you have any question about this policy, write to privacy@example.com.",
    NULL
  };
  g_autofree char *links = align_to_string (zh, en);

  g_assert_cmpstr (links, ==, "z0=e0+e1 z1=e2+e3 z2=e4+e5");
}

static void
test_boilerplate_and_errors (void)
{
  static const char * const zh[] = { "X|首页 | 登录 | 注册", "B|我们不会出售您的个人信息。", NULL };
  static const char * const en[] = { "B|We do not sell your personal information.", NULL };
  static const char * const junk[] = { "X|Home | Sign in", NULL };
  g_autoptr(CmDocument) zh_doc = make_document ("zh", "zh", zh);
  g_autoptr(CmDocument) en_doc = make_document ("en", "en", en);
  g_autoptr(CmDocument) junk_doc = make_document ("junk", "en", junk);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *text = NULL;

  /* boilerplate is left out of the alignment */
  links = cm_align_documents (zh_doc, en_doc, NULL, &error);
  g_assert_no_error (error);
  text = links_string (links);
  g_assert_cmpstr (text, ==, "z1=e0");

  g_assert_null (cm_align_documents (zh_doc, junk_doc, NULL, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_EMPTY);
}

static void
test_pair_and_differences (void)
{
  g_autofree const char **en_specs = without (base_en, 5);
  g_autoptr(CmDocument) zh = make_document ("policy-zh", "zh", base_zh);
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  const CmDifference *first;
  gboolean saw_heading_missing = FALSE;
  char *changed;
  GPtrArray *zh_links, *en_links;

  /* English: the affiliate sharing clause is missing, the retention period
   * is 3 months instead of 6 and the heading of section IV is gone */
  en_specs[7] = "B|After you delete your account, we will delete your personal information within 3 months.";
  changed = (char *) en_specs[8];
  g_assert_true (g_str_has_prefix (changed, "H|IV."));
  {
    g_autofree const char **en_final = without (en_specs, 8);
    en = make_document ("policy-en", "en", en_final);
  }

  /* labels: the Chinese clause 5 shares, its English counterpart's labels
   * come from the same "model" */
  cm_clause_set_suggestions (cm_document_get_clause (zh, 5),
                             (CmSuggestion[]) { { g_intern_string ("sharing"), 0.9 } }, 1);
  cm_clause_set_suggestions (cm_document_get_clause (zh, 4),
                             (CmSuggestion[]) { { g_intern_string ("sharing"), 0.95 } }, 1);
  cm_clause_set_suggestions (cm_document_get_clause (en, 4),
                             (CmSuggestion[]) { { g_intern_string ("usage"), 0.8 } }, 1);

  /* either order */
  g_assert_true (cm_align_pair (en, zh, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cm_document_get_partner_id (zh), ==, "policy-en");
  g_assert_cmpstr (cm_document_get_partner_id (en), ==, "policy-zh");
  zh_links = cm_document_get_links (zh);
  en_links = cm_document_get_links (en);
  g_assert_cmpuint (zh_links->len, ==, en_links->len);
  for (guint i = 0; i < zh_links->len; i++)
    {
      const CmLink *a = g_ptr_array_index (zh_links, i), *b = g_ptr_array_index (en_links, i);
      g_assert_true (g_strv_equal ((const char * const *) a->clauses,
                                   (const char * const *) b->partner_clauses));
      g_assert_cmpfloat (a->score, >=, 0);
      g_assert_cmpfloat (a->score, <=, 1);
    }

  differences = cm_pair_find_differences (zh, en);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *d = differences->pdata[i];
      g_test_message ("%.2f %s %s", d->importance, cm_difference_kind_to_string (d->kind), d->reason);
      if (i > 0)
        g_assert_cmpfloat (d->importance, <=, ((CmDifference *) differences->pdata[i - 1])->importance);
      if (d->kind == CM_DIFFERENCE_MISSING_IN_EN && g_strv_contains ((const char * const *) d->zh_clauses, "z9"))
        saw_heading_missing = TRUE;
    }
  g_assert_true (saw_heading_missing);
  /* the missing sharing clause ranks first, the period mismatch is found,
   * and the missing heading ranks below both */
  first = differences->pdata[0];
  g_assert_cmpint (first->kind, ==, CM_DIFFERENCE_MISSING_IN_EN);
  g_assert_cmpstr (first->zh_clauses[0], ==, "z5");
  {
    gboolean found_period = FALSE, found_labels = FALSE;
    double period_importance = 0, heading_importance = 1;

    for (guint i = 0; i < differences->len; i++)
      {
        const CmDifference *d = differences->pdata[i];
        if (d->kind == CM_DIFFERENCE_ANCHORS && g_strv_contains ((const char * const *) d->zh_only, "6 months")
            && g_strv_contains ((const char * const *) d->en_only, "3 months"))
          {
            found_period = TRUE;
            period_importance = d->importance;
          }
        if (d->kind == CM_DIFFERENCE_LABELS && g_strv_contains ((const char * const *) d->zh_only, "sharing"))
          found_labels = TRUE;
        if (d->kind == CM_DIFFERENCE_MISSING_IN_EN && g_str_equal (d->zh_clauses[0], "z9"))
          heading_importance = d->importance;
      }
    g_assert_true (found_period);
    g_assert_true (found_labels);
    g_assert_cmpfloat (period_importance, >, heading_importance);
  }

  /* in document order for stepping through */
  cm_differences_sort_by_position (differences);
  for (guint i = 1; i < differences->len; i++)
    g_assert_cmpuint (((CmDifference *) differences->pdata[i - 1])->link_index, <=,
                      ((CmDifference *) differences->pdata[i])->link_index);
}

static void
test_missing_run (void)
{
  /* the English version lacks both storage sentences: one difference */
  static const char * const en_specs[] = {
    "H|I.|How We Collect Your Personal Information",
    "B|When you register an account, you need to provide your mobile phone number and set a password.",
    "B|We collect your device model, operating system version and IP address to keep your account secure.",
    "H|II.|How We Share Your Personal Information",
    "B|We will not share your personal information with third parties without your consent.",
    "B|We may share your account information with our affiliates to provide a unified service.",
    "H|III.|How We Store Your Personal Information",
    "H|IV.|Protection of Minors",
    "B|If you are under the age of 14, please use our services with the consent of your guardian.",
    "H|V.|How to Contact Us",
    "B|If you have any questions, please e-mail privacy@example.com and we will reply within 15 working days.",
    NULL
  };
  g_autoptr(CmDocument) zh = make_document ("policy-zh", "zh", base_zh);
  g_autoptr(CmDocument) en = make_document ("policy-en", "en", en_specs);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  const CmDifference *run = NULL;

  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  differences = cm_pair_find_differences (zh, en);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *d = differences->pdata[i];
      g_test_message ("%.2f %s %s", d->importance, cm_difference_kind_to_string (d->kind), d->reason);
      if (d->kind == CM_DIFFERENCE_MISSING_IN_EN)
        {
          g_assert_null (run);
          run = d;
        }
    }
  g_assert_nonnull (run);
  g_assert_cmpuint (run->n_links, ==, 2);
  g_assert_cmpstr (run->zh_clauses[0], ==, "z7");
  g_assert_cmpstr (run->zh_clauses[1], ==, "z8");
  g_assert_null (run->zh_clauses[2]);
  /* a missing retention period ranks high */
  g_assert_cmpfloat (run->importance, >=, 0.7);
  /* each clause of the run keeps its own reason and importance; the run
   * speaks for its most important one */
  g_assert_nonnull (run->link_reasons);
  g_assert_cmpuint (g_strv_length (run->link_reasons), ==, 2);
  {
    guint top = run->link_importances[1] > run->link_importances[0] ? 1 : 0;

    g_assert_cmpfloat (run->importance, ==, run->link_importances[top]);
    g_assert_true (g_str_has_suffix (run->reason, run->link_reasons[top]));
    g_assert_false (g_str_has_prefix (run->link_reasons[0], "["));
    g_assert_false (g_str_has_prefix (run->link_reasons[1], "["));
  }
  {
    g_autoptr(CmDifference) copy = cm_difference_copy (run);

    g_assert_cmpstr (copy->link_reasons[1], ==, run->link_reasons[1]);
    g_assert_cmpfloat (copy->link_importances[1], ==, run->link_importances[1]);
  }
}

/* The English version adds a contact paragraph and an e-mail line after a
 * freely shortened sentence. Their length makes a 1-3 link fit the long
 * Chinese sentence better than a 1-1, but they share nothing with it: the
 * sentence is linked 1-1 and the two English clauses stay alone. */
static void
test_unrelated_neighbours (void)
{
  static const char * const zh_specs[] = {
    "H|一、|适用范围",
    "B|本隐私政策适用于我们通过移动应用程序、网站以及小程序向您提供的全部产品和服务，包括我们今后推出的新功能和新服务。",
    "H|二、|我们如何收集您的个人信息",
    "B|当您注册账号时，我们会收集您的手机号码。",
    NULL
  };
  static const char * const en_specs[] = {
    "H|I.|Scope",
    "B|This privacy policy applies to all products and services we provide through our mobile apps, websites and mini programs.",
    "B|If you have any questions, please contact our data protection officer.",
    "B|E-mail: dpo@example.com",
    "H|II.|How We Collect Your Personal Information",
    "B|When you register an account, we collect your mobile phone number.",
    NULL
  };
  g_autofree char *links = align_to_string (zh_specs, en_specs);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 =e2 =e3 z2=e4 z3=e5");
}

/* The Chinese version has a section the English lacks, its heading right
 * where the English has a heading of its own that the Chinese lost (text
 * scraped without its headings): two short lines, cheap to link by length
 * whatever they say. Neither heading is linked. */
static const char * const lone_title_zh[] = {
  "L|7.|在必要时，我们会将您的个人信息提交经我们认可的第三方机构进行风险检测。",
  "L|8.|应用权限说明",
  "L|8.1.|相机权限：当您在安卓版中使用“扫码连接投影”、“扫一扫”、“拍照扫描”功能时，在苹果版中使用“扫一扫”、"
    "“拍照扫描”、“插入拍摄的照片”功能时，以及在便签应用中“插入拍摄的照片”、“更换头像”时，应用将向您申请"
    "获取相机权限，如您选择不开启此权限，您将无法使用与此权限相关的特定功能。",
  "L|8.2.|麦克风权限：当您在安卓版中使用“录音”、“会议”、“朗读”功能时，在苹果版中使用“会议”、“录制视频”、"
    "“语音转文字”功能时，应用将向您申请获取麦克风权限，如您选择不开启此权限，您将无法使用与此权限相关的特定功能。",
  "L|1.|与国家安全、国防安全有关的；",
  "L|2.|与公共安全、公共卫生有关的；",
  NULL
};

static const char * const lone_title_en[] = {
  "L|7.|Where necessary, we may provide your personal data to a third-party agency we approve for risk detection.",
  "L|D.|Exceptions to prior consent",
  "B|You fully understand that no prior consent is required from you to collect and use your personal "
    "data in the following circumstances:",
  "L|1.|Involving national security and national defence;",
  "L|2.|Involving public safety and public health;",
  NULL
};

/* What the test is about: the two headings stay alone, their neighbours
 * linked. (Whether a permission item pairs with the English lead-in, which
 * says something close and is about as long, is not: seed 000 had that
 * error with the length tail before the title cost.) */
static const char * const lone_title_expected[] = {
  "z0=e0", "z1=", "=e1", "z4=e3", "z5=e4",
};

static void
test_lone_title (void)
{
  g_autofree char *links = align_to_string (lone_title_zh, lone_title_en);
  g_auto(GStrv) tokens = g_strsplit (links, " ", -1);

  g_test_message ("%s", links);
  /* the one-sided links of a stretch come in either order */
  for (guint i = 0; i < G_N_ELEMENTS (lone_title_expected); i++)
    g_assert_true (g_strv_contains ((const char * const *) tokens, lone_title_expected[i]));
}

/* The English version leaves out a list of product names (a third of the
 * paragraph) and adds a contact sentence and an e-mail line of its own. By
 * Gale & Church's normal alone the paragraph costs the maximum linked one
 * to one, so it was left unlinked (seed 000's first paragraph, longer, was
 * linked 1-3 with the two added clauses to even the lengths); with the
 * length tail it is linked 1-1 and the added clauses stay alone. */
static void
test_abridged_paragraph (void)
{
  static const char * const zh_specs[] = {
    "H|一、|适用范围",
    "B|本政策适用于云笺笔记、云笺日历、云笺邮箱、云笺网盘、云笺翻译、云笺文档、云笺表格、云笺演示、"
      "云笺阅读器、云笺扫描王等软件（无论是免费版本还是付费版本，也无论是电脑端、网页端、小程序还是移动客户端），"
      "以及我们通过 https://www.yunjian.example 和 https://docs.yunjian.example 提供的在线服务。",
    "H|二、|我们如何收集您的个人信息",
    "B|当您注册账号时，我们会收集您的手机号码。",
    NULL
  };
  static const char * const en_specs[] = {
    "H|I.|Scope",
    "B|This policy applies to our software and to the online services we provide through "
      "https://www.yunjian.example and https://docs.yunjian.example.",
    "B|Should you have any questions about this policy, please contact us and we will reply within 15 working days:",
    "B|E-mail: help@yunjian.example",
    "H|II.|How We Collect Your Personal Information",
    "B|When you register an account, we collect your mobile phone number.",
    NULL
  };
  g_autofree char *links = align_to_string (zh_specs, en_specs);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 =e2 =e3 z2=e4 z3=e5");
}

/* The English list lacks two items of the Chinese one, so from there on
 * their numbers differ by two; each version goes on with a sentence of
 * the item before its next numbered one, and the lengths of the two
 * pairs are uneven in opposite directions. A 2-2 block carries the
 * first clauses' markers only, so it hid the "6." against "4." that the
 * two 1-1 links pay for, and beat them (seed 000 had two such blocks). */
static void
test_block_hides_numbers (void)
{
  static const char * const zh_specs[] = {
    "L|5.|我们会使用您的设备信息和日志信息进行统计分析，以了解产品的整体使用情况。",
    "B|我们可能公开这些统计结果，但其中不会包含任何能够识别您身份的信息，也不会包含您上传的文件内容。",
    "L|6.|展示您的个人信息时，我们会采用内容替换和匿名化的方式做去标识化处理。",
    NULL
  };
  static const char * const en_specs[] = {
    "L|3.|We use your device information and log information for statistical analysis, to learn how the product is used overall.",
    "B|We may publish these statistics, but they will not identify you and will not contain the files you upload.",
    "L|4.|When we display your personal information, we de-identify it by replacing content and by anonymisation, so that it cannot identify you.",
    NULL
  };
  g_autofree char *links = align_to_string (zh_specs, en_specs);

  g_assert_cmpstr (links, ==, "z0=e0 z1=e1 z2=e2");
}

static void
test_keep_reviewed (void)
{
  g_autoptr(CmDocument) zh = make_document ("policy-zh", "zh", base_zh);
  g_autoptr(CmDocument) en = make_document ("policy-en", "en", base_en);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GPtrArray *links;

  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  before = links_string (cm_document_get_links (zh));

  /* a reviewer decides that z4 goes with e4 + e5 and that z5 has no
   * counterpart (wrong, but theirs to decide), and marks both reviewed */
  edited = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  links = cm_document_get_links (zh);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      if (g_str_equal (link->clauses[0], "z4"))
        {
          static const char * const z[] = { "z4", NULL }, * const e[] = { "e4", "e5", NULL };
          CmLink *joined = cm_link_new (z, e, 1.0);
          joined->reviewed = TRUE;
          g_ptr_array_add (edited, joined);
        }
      else if (g_str_equal (link->clauses[0], "z5"))
        {
          static const char * const z[] = { "z5", NULL };
          CmLink *alone = cm_link_new (z, NULL, 0);
          alone->reviewed = TRUE;
          g_ptr_array_add (edited, alone);
        }
      else
        g_ptr_array_add (edited, cm_link_copy (link));
    }
  cm_document_set_links (zh, edited);

  /* aligning again keeps the reviewer's links and aligns the rest */
  g_assert_true (cm_align_pair (en, zh, NULL, &error));
  g_assert_no_error (error);
  after = links_string (cm_document_get_links (zh));
  g_assert_cmpstr (before, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e4 z5=e5 z6=e6 z7=e7 z8=e8 z9=e9 "
                               "z10=e10 z11=e11 z12=e12");
  g_assert_cmpstr (after, ==, "z0=e0 z1=e1 z2=e2 z3=e3 z4=e4+e5 z5= z6=e6 z7=e7 z8=e8 z9=e9 "
                              "z10=e10 z11=e11 z12=e12");
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), 4))->reviewed);
  g_assert_false (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), 6))->reviewed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aligner/one-to-one", test_one_to_one);
  g_test_add_func ("/aligner/deletion", test_deletion);
  g_test_add_func ("/aligner/insertion", test_insertion);
  g_test_add_func ("/aligner/split-and-merge", test_split_and_merge);
  g_test_add_func ("/aligner/moved", test_moved);
  g_test_add_func ("/aligner/numbering", test_numbering);
  g_test_add_func ("/aligner/run-on-headings", test_run_on_headings);
  g_test_add_func ("/aligner/boilerplate-and-errors", test_boilerplate_and_errors);
  g_test_add_func ("/aligner/pair-and-differences", test_pair_and_differences);
  g_test_add_func ("/aligner/missing-run", test_missing_run);
  g_test_add_func ("/aligner/unrelated-neighbours", test_unrelated_neighbours);
  g_test_add_func ("/aligner/lone-title", test_lone_title);
  g_test_add_func ("/aligner/abridged-paragraph", test_abridged_paragraph);
  g_test_add_func ("/aligner/block-hides-numbers", test_block_hides_numbers);
  g_test_add_func ("/aligner/keep-reviewed", test_keep_reviewed);
  return g_test_run ();
}
