/* test-checklist.c — clause flags, the sensitive-data rules, contact anchors
 * and the disclosure checklist's rules on documents built by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

/* A document of one clause per line, each given labels (space-separated, in
 * @labels, one entry per line, NULL entries for none). */
static CmDocument *
make_document (const char         *language,
               const char * const *lines,
               const char * const *labels)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;
  guint offset = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", lines[i]);
  document = cm_document_new ("doc", text->str);
  cm_document_set_language (document, language);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      guint length = g_utf8_strlen (lines[i], -1);
      CmClause *clause = cm_clause_new (id, offset, offset + length, CM_CLAUSE_KIND_BODY);
      g_auto(GStrv) ids = labels[i] != NULL ? g_strsplit (labels[i], " ", -1) : g_new0 (char *, 1);

      cm_clause_set_language (clause, language);
      cm_clause_set_labels (clause, (const char * const *) ids);
      g_ptr_array_add (clauses, clause);
      offset += length + 1;
    }
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  return document;
}

static CmVerdict
verdict_of (GListModel *verdicts,
            const char *item_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (verdicts); i++)
    {
      g_autoptr(CmChecklistVerdict) verdict = g_list_model_get_item (verdicts, i);
      if (g_str_equal (cm_checklist_verdict_get_item (verdict)->id, item_id))
        return cm_checklist_verdict_get_verdict (verdict);
    }
  g_assert_not_reached ();
}

static void
test_clause_flags (void)
{
  g_autoptr(CmClause) clause = cm_clause_new ("c1", 0, 4, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) copy = NULL;

  g_assert_cmpuint (cm_clause_get_flags (clause), ==, 0);
  g_assert_cmpfloat (cm_clause_get_flag_score (clause, CM_FLAG_RISK), <, 0.0);
  cm_clause_toggle_flag (clause, CM_FLAG_RISK);
  cm_clause_set_flag_score (clause, CM_FLAG_KEY, 0.75);
  g_assert_true (cm_clause_has_flag (clause, CM_FLAG_RISK));
  g_assert_false (cm_clause_has_flag (clause, CM_FLAG_KEY));
  copy = cm_clause_copy (clause);
  g_assert_true (cm_clause_equal (clause, copy));
  cm_clause_toggle_flag (copy, CM_FLAG_RISK);
  g_assert_false (cm_clause_equal (clause, copy));
  g_assert_cmpfloat_with_epsilon (cm_clause_get_flag_score (copy, CM_FLAG_KEY), 0.75, 1e-12);
}

static void
test_sensitive_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmSensitiveRules) rules = cm_sensitive_rules_load_default (&error);
  g_auto(GStrv) found = NULL;

  g_assert_no_error (error);
  g_assert_true (cm_sensitive_rules_match (rules, "zh", "我们会收集您的指纹信息。"));
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "我们不会收集您的指纹信息。"));
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "我们会收集您的手机号码。"));
  /* a negation shortly before the verb or the category denies it; 不满 does not */
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "我们无法获取您的指纹信息。"));
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "我们仅在您拍照时调用相机，不会进行人脸识别。"));
  g_assert_true (cm_sensitive_rules_match (rules, "zh", "我们会在监护人同意后收集不满十四周岁儿童的昵称。"));
  /* a definition names categories without processing them */
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "敏感个人信息是指生物识别、医疗健康等信息。"));
  /* 指纹识别 is a noun; 用于 after the category is a verb */
  g_assert_false (cm_sensitive_rules_match (rules, "zh", "指纹识别由手机系统完成。"));
  g_assert_true (cm_sensitive_rules_match (rules, "zh", "我们会将您的位置信息用于天气预报。"));
  g_assert_true (cm_sensitive_rules_match (rules, "en", "We collect your precise location."));
  g_assert_false (cm_sensitive_rules_match (rules, "en", "We do not collect health data."));
  found = cm_sensitive_rules_find (rules, "zh", "绑定银行卡并上传人脸照片");
  g_assert_cmpuint (g_strv_length (found), ==, 2);
  g_assert_cmpstr (found[0], ==, "biometric");
  g_assert_cmpstr (found[1], ==, "financial");

  g_clear_object (&rules);
  rules = cm_sensitive_rules_new_from_data ("health\tfr\t健康\n", -1, "mine.tsv", &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "mine.tsv:1"));
}

static void
test_contact_anchors (void)
{
  g_assert_true (cm_anchors_has_phone ("客服电话 400-820-1234"));
  g_assert_true (cm_anchors_has_phone ("call +86 10 8888 6666"));
  g_assert_false (cm_anchors_has_phone ("更新于 2022年8月26日"));
  g_assert_false (cm_anchors_has_phone ("within 15 days"));
  g_assert_true (cm_anchors_has_address ("联系地址为：上海市浦东新区樱花路868号"));
  g_assert_true (cm_anchors_has_address ("Maple Health GmbH, Hauptstrasse 12, 10115 Berlin, 3rd Floor"));
  g_assert_false (cm_anchors_has_address ("我们的地址栏功能"));
  g_assert_true (cm_terms_contains ("We collected it", "we collected it", "collect"));
  g_assert_false (cm_terms_contains ("recollection", "recollection", "collect"));
}

static void
test_rules_decide_verdicts (void)
{
  static const char * const lines[] = {
    "本应用由示例科技有限公司运营。",
    "我们会在必要的期限内保存您的个人信息。",
    "如有疑问，请发送邮件至 help@example.cn。",
    NULL
  };
  static const char * const labels[] = { NULL, "retention", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CmChecklist) pipl = cm_checklist_load ("pipl", &error);
  g_autoptr(CmDocument) document = make_document ("zh", lines, labels);
  g_autoptr(GListStore) verdicts = NULL;
  g_autoptr(CmChecklistVerdict) first = NULL;

  g_assert_no_error (error);
  verdicts = cm_checklist_evaluate (pipl, document);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "handler-identity"), ==, CM_VERDICT_PRESENT);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "handler-contact"), ==, CM_VERDICT_PRESENT);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "retention-period"), ==, CM_VERDICT_UNCLEAR);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "rights-exercise"), ==, CM_VERDICT_ABSENT);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "cross-border"), ==, CM_VERDICT_NOT_APPLICABLE);

  /* A reviewer overrules the rules; the document keeps it. */
  first = g_list_model_get_item (G_LIST_MODEL (verdicts), 4);
  g_assert_cmpstr (cm_checklist_verdict_get_item (first)->id, ==, "retention-period");
  cm_checklist_verdict_override (first, document, CM_VERDICT_PRESENT, "见第 3 条", "wang");
  g_assert_true (cm_checklist_verdict_is_overridden (first));
  g_clear_object (&verdicts);
  verdicts = cm_checklist_evaluate (pipl, document);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "retention-period"), ==, CM_VERDICT_PRESENT);
  g_assert_cmpstr (cm_document_find_verdict_override (document, "pipl", "retention-period")->note,
                   ==, "见第 3 条");
}

/* Overrides travel with the document's JSON: written, read back equal, and
 * a file without any carries no member. */
static void
test_overrides_round_trip (void)
{
  static const char * const lines[] = { "我们会在必要的期限内保存您的个人信息。", NULL };
  static const char * const labels[] = { "retention", NULL };
  g_autoptr(CmDocument) document = make_document ("zh", lines, labels);
  g_autoptr(CmDocument) bare = NULL;
  g_autoptr(CmDocument) read = NULL;
  g_autoptr(CmChecklist) pipl = cm_checklist_load ("pipl", NULL);
  g_autoptr(GListStore) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cm_document_to_json (document, NULL);
  g_autofree char *again = NULL;
  GPtrArray *overrides;

  g_assert_null (strstr (json, "checklist_overrides"));
  bare = cm_document_from_json (json, -1, "bare.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_verdict_overrides (bare)->len, ==, 0);
  g_clear_pointer (&json, g_free);

  cm_document_set_verdict_override (document, "pipl", "retention-period", "present",
                                    "期限见第 3 条“保存”", "wang", "2026-11-30T19:00:00Z");
  cm_document_set_verdict_override (document, "gdpr", "dpo-contact", "not-applicable", NULL, NULL,
                                    "2026-11-30T19:01:00Z");
  json = cm_document_to_json (document, NULL);
  read = cm_document_from_json (json, -1, "overrides.json", &error);
  g_assert_no_error (error);
  overrides = cm_document_get_verdict_overrides (read);
  g_assert_true (cm_verdict_overrides_equal (overrides, cm_document_get_verdict_overrides (document)));
  g_assert_cmpstr (((CmVerdictOverride *) g_ptr_array_index (overrides, 0))->note, ==,
                   "期限见第 3 条“保存”");
  g_assert_null (((CmVerdictOverride *) g_ptr_array_index (overrides, 1))->reviewer);
  again = cm_document_to_json (read, NULL);
  g_assert_cmpstr (again, ==, json);

  /* The read document's verdicts follow the reviewer, not the rules. */
  verdicts = cm_checklist_evaluate (pipl, read);
  g_assert_cmpint (verdict_of (G_LIST_MODEL (verdicts), "retention-period"), ==, CM_VERDICT_PRESENT);
}

/* What a hand-edited file may get wrong about overrides, refused with the
 * file and the override named. */
static void
test_overrides_refused (void)
{
  static const char * const lines[] = { "我们会保存您的信息。", NULL };
  static const char * const labels[] = { NULL, NULL };
  static const struct { const char *member, *expected; } cases[] = {
    { "\"checklist_overrides\":{}", "must be an array" },
    { "\"checklist_overrides\":[{\"checklist\":\"pipl\",\"item\":\"a\",\"verdict\":\"maybe\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"2026-11-30T19:00:00Z\"}]",
      "override 1: unknown verdict “maybe”" },
    { "\"checklist_overrides\":[{\"checklist\":\"pipl\",\"item\":\"a\",\"verdict\":\"absent\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"yesterday\"}]", "ISO 8601" },
    { "\"checklist_overrides\":[{\"checklist\":\"pipl\",\"item\":\"a\",\"verdict\":\"absent\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"2026-11-30T19:00:00Z\",\"why\":1}]", "why" },
    { "\"checklist_overrides\":[{\"checklist\":\"../x\",\"item\":\"a\",\"verdict\":\"absent\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"2026-11-30T19:00:00Z\"}]", "item ids" },
    { "\"checklist_overrides\":[{\"checklist\":\"pipl\",\"item\":\"a\",\"verdict\":\"absent\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"2026-11-30T19:00:00Z\"},"
      "{\"checklist\":\"pipl\",\"item\":\"a\",\"verdict\":\"present\","
      "\"note\":null,\"reviewer\":null,\"timestamp\":\"2026-11-30T19:00:00Z\"}]", "overridden twice" },
  };
  g_autoptr(CmDocument) document = make_document ("zh", lines, labels);
  g_autofree char *json = cm_document_to_json (document, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDocument) read = NULL;
      g_autofree char *edited = NULL;

      /* the member goes in before the closing brace */
      edited = g_strdup_printf ("%.*s,%s}", (int) strlen (json) - 1, json, cases[i].member);
      read = cm_document_from_json (edited, -1, "edited.json", &error);
      g_assert_null (read);
      g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
      if (strstr (error->message, "edited.json") == NULL || strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].expected);
    }
}

/* A risk flagged in one version only outranks a label disagreement, a
 * differing period and a missing clause about user rights (which all
 * outranked it when it weighed 0.9), but not a missing sharing clause. */
static void
test_pair_risk_one_side (void)
{
  static const char * const zh_lines[] = { "我们会共享您的位置信息。", "我们会保存您的日志。",
                                           "我们会保存您的订单 6 个月。", "我们会与支付机构共享订单号。", NULL };
  static const char * const en_lines[] = { "We share your location.", "We keep your logs.",
                                           "We keep your orders for 3 months.",
                                           "You may ask us for a copy of your data.", NULL };
  static const char * const zh_labels[] = { "sharing", "retention", "retention", "sharing", NULL };
  static const char * const en_labels[] = { "sharing", "usage", "retention", "user-rights", NULL };
  static const char * const none[] = { NULL };
  static const char * const zh_4[] = { "c4", NULL };
  static const char * const en_4[] = { "c4", NULL };
  g_autoptr(CmDocument) zh = make_document ("zh", zh_lines, zh_labels);
  g_autoptr(CmDocument) en = make_document ("en", en_lines, en_labels);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  g_autoptr(GPtrArray) differences = NULL;
  const CmDifference *difference;
  double sure_importance;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      const char *ids[] = { id, NULL };
      g_ptr_array_add (links, cm_link_new (ids, ids, 0.9));
    }
  g_ptr_array_add (links, cm_link_new (zh_4, none, 0.5));
  g_ptr_array_add (links, cm_link_new (none, en_4, 0.5));
  cm_document_set_links (zh, links);
  for (guint i = 0; i < 4; i++)
    {
      cm_clause_set_status (cm_document_get_clause (en, i), CM_REVIEW_STATUS_ACCEPTED);
      cm_clause_set_status (cm_document_get_clause (zh, i), CM_REVIEW_STATUS_ACCEPTED);
    }

  /* retention vs usage, 6 vs 3 months, a missing sharing and a missing
   * user-rights clause */
  differences = cm_pair_find_differences (zh, en);
  g_assert_cmpuint (differences->len, ==, 4);
  g_clear_pointer (&differences, g_ptr_array_unref);

  cm_clause_toggle_flag (cm_document_get_clause (zh, 0), CM_FLAG_RISK);
  differences = cm_pair_find_differences (zh, en);
  g_assert_cmpuint (differences->len, ==, 5);
  difference = g_ptr_array_index (differences, 0);
  g_assert_cmpint (difference->kind, ==, CM_DIFFERENCE_MISSING_IN_EN);  /* sharing */
  difference = g_ptr_array_index (differences, 1);
  g_assert_cmpstr (difference->zh_clauses[0], ==, "c1");
  g_assert_nonnull (strstr (difference->reason, "risk"));
  for (guint i = 2; i < differences->len; i++)
    g_assert_cmpfloat (difference->importance, >,
                       ((CmDifference *) g_ptr_array_index (differences, i))->importance);
  g_clear_pointer (&differences, g_ptr_array_unref);

  /* the flag models' guesses (unreviewed, P 0.15 against 0.02) are unsure:
   * two models' doubt is no difference, as for labels */
  for (guint side = 0; side < 2; side++)
    {
      CmClause *clause = cm_document_get_clause (side == 0 ? zh : en, 0);

      cm_clause_set_status (clause, CM_REVIEW_STATUS_UNREVIEWED);
      cm_clause_set_flags (clause, side == 0 ? CM_FLAG_BIT (CM_FLAG_RISK) : 0);
      cm_clause_set_flag_score (clause, CM_FLAG_RISK, side == 0 ? 0.15 : 0.02);
    }
  differences = cm_pair_find_differences (zh, en);
  g_assert_cmpuint (differences->len, ==, 4);
  for (guint i = 0; i < differences->len; i++)
    g_assert_null (strstr (((CmDifference *) g_ptr_array_index (differences, i))->reason, "risk"));
  g_clear_pointer (&differences, g_ptr_array_unref);

  /* both models sure (P 0.8 against 0.05): listed, ranked by how sure,
   * below the reviewer's risk above */
  cm_clause_set_flag_score (cm_document_get_clause (zh, 0), CM_FLAG_RISK, 0.8);
  differences = cm_pair_find_differences (zh, en);
  g_assert_cmpuint (differences->len, ==, 5);
  difference = NULL;
  for (guint i = 0; i < differences->len; i++)
    if (strstr (((CmDifference *) g_ptr_array_index (differences, i))->reason, "risk"))
      difference = g_ptr_array_index (differences, i);
  g_assert_nonnull (difference);
  g_assert_cmpfloat (difference->importance, <, 0.96);
  g_assert_cmpfloat (difference->importance, >, 0.25);
  sure_importance = difference->importance;
  g_clear_pointer (&differences, g_ptr_array_unref);

  /* a reviewer's risk counts whatever the other model thinks (P 0.30: no
   * model-to-model doubt of it), and against a sure no (0.02) ranks above
   * the sure models' disagreement */
  cm_clause_set_status (cm_document_get_clause (zh, 0), CM_REVIEW_STATUS_CORRECTED);
  for (guint k = 0; k < 2; k++)
    {
      cm_clause_set_flag_score (cm_document_get_clause (en, 0), CM_FLAG_RISK, k == 0 ? 0.30 : 0.02);
      differences = cm_pair_find_differences (zh, en);
      difference = NULL;
      for (guint i = 0; i < differences->len; i++)
        if (strstr (((CmDifference *) g_ptr_array_index (differences, i))->reason, "risk"))
          difference = g_ptr_array_index (differences, i);
      g_assert_nonnull (difference);
      if (k == 1)
        g_assert_cmpfloat (difference->importance, >, sure_importance);
      g_clear_pointer (&differences, g_ptr_array_unref);
    }
}

static void
test_bad_checklists (void)
{
  static const struct { const char *json, *expected; } cases[] = {
    { "{\"format\": \"clausemark-taxonomy\", \"version\": 1}", "not a Clausemark checklist" },
    { "{\"format\": \"clausemark-checklist\", \"version\": 2}", "version 1" },
    { "{\"format\": \"clausemark-checklist\", \"version\": 1, \"id\": \"x\", \"name\": {\"en\": \"X\", \"zh\": \"X\"},"
      " \"languages\": [\"zh\"], \"items\": [{\"id\": \"a\", \"law\": \"L\", \"severity\": 5,"
      " \"name\": {\"en\": \"A\", \"zh\": \"A\"}, \"description\": {\"en\": \"A\", \"zh\": \"A\"},"
      " \"present\": [{\"labels\": [\"usage\"]}]}]}", "item “a”: “law” must be a non-empty string and “severity” 1, 2 or 3" },
    { "{\"format\": \"clausemark-checklist\", \"version\": 1, \"id\": \"x\", \"name\": {\"en\": \"X\", \"zh\": \"X\"},"
      " \"languages\": [\"zh\"], \"items\": [{\"id\": \"a\", \"law\": \"L\", \"severity\": 1,"
      " \"name\": {\"en\": \"A\", \"zh\": \"A\"}, \"description\": {\"en\": \"A\", \"zh\": \"A\"},"
      " \"present\": [{\"terms\": {\"fr\": [\"x\"]}}]}]}", "take only “zh” and “en”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmChecklist) checklist = cm_checklist_new_from_data (cases[i].json, -1, "mine.json", &error);

      g_assert_null (checklist);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "mine.json"));
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flags/clause", test_clause_flags);
  g_test_add_func ("/flags/sensitive-rules", test_sensitive_rules);
  g_test_add_func ("/checklist/contact-anchors", test_contact_anchors);
  g_test_add_func ("/checklist/rules", test_rules_decide_verdicts);
  g_test_add_func ("/checklist/bad-files", test_bad_checklists);
  g_test_add_func ("/checklist/overrides-round-trip", test_overrides_round_trip);
  g_test_add_func ("/checklist/overrides-refused", test_overrides_refused);
  g_test_add_func ("/flags/pair-risk-one-side", test_pair_risk_one_side);
  return g_test_run ();
}
