/* test-pair-reasons.c — the reasons a pair difference gives read as
 * sentences for people: label names, not ids, and no kind of detail named
 * for values of another kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-pair-diff.h"
#include "cm-test-util.h"

/* One clause per text, linked one to one in order; a NULL text on one
 * side makes a clause present in the other version only. */
static void
make_pair (const char * const *zh_texts,
           const char * const *en_texts,
           guint               n,
           CmDocument        **zh,
           CmDocument        **en)
{
  g_autoptr(GString) zh_text = g_string_new (NULL);
  g_autoptr(GString) en_text = g_string_new (NULL);
  g_autoptr(GPtrArray) zh_clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) en_clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *zh_id = g_strdup_printf ("z%u", i);
      g_autofree char *en_id = g_strdup_printf ("e%u", i);
      const char *zh_ids[] = { zh_id, NULL }, *en_ids[] = { en_id, NULL }, *none[] = { NULL };

      for (guint side = 0; side < 2; side++)
        {
          const char *text = side == 0 ? zh_texts[i] : en_texts[i];
          GString *all = side == 0 ? zh_text : en_text;
          guint start = (guint) g_utf8_strlen (all->str, -1);
          CmClause *clause;

          if (text == NULL)
            continue;
          clause = cm_clause_new (side == 0 ? zh_id : en_id, start,
                                  start + (guint) g_utf8_strlen (text, -1), CM_CLAUSE_KIND_BODY);
          cm_clause_set_language (clause, side == 0 ? "zh" : "en");
          g_ptr_array_add (side == 0 ? zh_clauses : en_clauses, clause);
          g_string_append_printf (all, "%s\n", text);
        }
      g_ptr_array_add (links, cm_link_new (zh_texts[i] ? zh_ids : none, en_texts[i] ? en_ids : none, 0.9));
    }
  *zh = cm_document_new ("zh", zh_text->str);
  *en = cm_document_new ("en", en_text->str);
  cm_document_set_language (*zh, "zh");
  cm_document_set_language (*en, "en");
  cm_document_set_clauses (*zh, (CmClause **) zh_clauses->pdata, zh_clauses->len);
  cm_document_set_clauses (*en, (CmClause **) en_clauses->pdata, en_clauses->len);
  cm_document_set_partner_id (*zh, "en");
  cm_document_set_partner_id (*en, "zh");
  cm_document_set_links (*zh, links);
}

static const CmDifference *
find_kind (GPtrArray        *differences,
           CmDifferenceKind  kind)
{
  for (guint i = 0; i < differences->len; i++)
    if (((CmDifference *) differences->pdata[i])->kind == kind)
      return differences->pdata[i];
  return NULL;
}

/* Reasons name labels as the taxonomy does, in the language asked for. */
static void
test_label_names (void)
{
  const char *zh_texts[] = { "我们会与合作伙伴共享您的信息。", "我们可能修改本政策。" };
  const char *en_texts[] = { "We use your information.", NULL };
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(GError) error = NULL;
  const char *sharing[] = { "sharing", NULL }, *usage[] = { "usage", NULL }, *change[] = { "policy-change", NULL };

  make_pair (zh_texts, en_texts, 2, &zh, &en);
  taxonomy = cm_taxonomy_load ("privacy-11", &error);
  g_assert_no_error (error);
  cm_clause_set_labels (cm_document_get_clause (zh, 0), sharing);
  cm_clause_mark_reviewed (cm_document_get_clause (zh, 0), CM_REVIEW_STATUS_CORRECTED, "test");
  cm_clause_set_labels (cm_document_get_clause (en, 0), usage);
  cm_clause_mark_reviewed (cm_document_get_clause (en, 0), CM_REVIEW_STATUS_CORRECTED, "test");
  cm_clause_set_labels (cm_document_get_clause (zh, 1), change);
  cm_clause_mark_reviewed (cm_document_get_clause (zh, 1), CM_REVIEW_STATUS_CORRECTED, "test");

  for (guint lang = 0; lang < 2; lang++)
    {
      const char *language = lang == 0 ? "en" : "zh";
      g_autoptr(GPtrArray) differences = cm_pair_find_differences_named (zh, en, taxonomy, language);
      const CmDifference *labels = find_kind (differences, CM_DIFFERENCE_LABELS);
      const CmDifference *missing = find_kind (differences, CM_DIFFERENCE_MISSING_IN_EN);
      const char *sharing_name = cm_label_get_name (cm_taxonomy_lookup (taxonomy, "sharing"), language);
      const char *change_name = cm_label_get_name (cm_taxonomy_lookup (taxonomy, "policy-change"), language);

      g_assert_nonnull (labels);
      g_assert_nonnull (missing);
      g_test_message ("%s: %s | %s", language, labels->reason, missing->reason);
      g_assert_nonnull (strstr (labels->reason, sharing_name));
      g_assert_null (strstr (labels->reason, "differ: sharing"));
      g_assert_null (strstr (labels->reason, "; usage"));
      g_assert_nonnull (strstr (missing->reason, change_name));
      g_assert_null (strstr (missing->reason, "policy-change"));
      /* the structured fields keep the ids, for programs */
      g_assert_cmpstr (labels->zh_only[0], ==, "sharing");
    }
}

/* "duration missing on one side: name …" named a kind the values were not:
 * a reason names a kind only when every value listed is of it. */
static void
test_anchor_reasons (void)
{
  const char *zh_texts[] = { "我们通过QQ登录，保存6个月。", "我们保存3个月。" };
  const char *en_texts[] = { "We sign you in and keep it.", "We keep it for 6 months." };
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  guint n_anchor = 0;

  make_pair (zh_texts, en_texts, 2, &zh, &en);
  differences = cm_pair_find_differences (zh, en);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *d = differences->pdata[i];

      if (d->kind != CM_DIFFERENCE_ANCHORS)
        continue;
      n_anchor++;
      g_test_message ("%s", d->reason);
      if (d->link_index == 0)
        {
          /* a name and a duration: no single kind names them */
          g_assert_false (g_str_has_prefix (d->reason, "duration"));
          g_assert_false (g_str_has_prefix (d->reason, "name"));
          g_assert_nonnull (strstr (d->reason, "6 months"));
          g_assert_nonnull (strstr (d->reason, "qq"));
        }
      else
        g_assert_true (g_str_has_prefix (d->reason, "duration differs"));
    }
  g_assert_cmpuint (n_anchor, ==, 2);
}

/* Between two models, labels differ only where both are sure: the
 * calibrated probabilities are compared, not the thresholded labels. */
static void
test_model_disagreement (void)
{
  const char *zh_texts[] = { "我们会与合作伙伴共享您的信息。", "我们会保存您的信息。", "我们可能更新本政策。",
                             "更新日期：2026年3月1日" };
  const char *en_texts[] = { "We share your data with partners.", "We keep your data.",
                             "We may update this policy.", "Last updated: March 1, 2026" };
  const CmSuggestion unsure_zh[] = { { "sharing", 0.35 } }, unsure_en[] = { { "contact", 0.06 } };
  const CmSuggestion sure_zh[] = { { "retention", 0.92 } }, sure_en[] = { { "usage", 0.60 } };
  const CmSuggestion both[] = { { "policy-change", 0.97 } };
  const CmSuggestion held_low[] = { { "policy-change", 0.24 } };
  const char *sharing[] = { "sharing", NULL }, *none[] = { NULL };
  const char *policy_change[] = { "policy-change", NULL };
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  const CmDifference *labels;

  make_pair (zh_texts, en_texts, 4, &zh, &en);
  /* Sharing labelled in Chinese by a threshold tuned low (P 0.35), absent
   * in English: the models' doubt, not a difference. */
  cm_clause_set_suggestions (cm_document_get_clause (zh, 0), unsure_zh, 1);
  cm_clause_set_labels (cm_document_get_clause (zh, 0), sharing);
  cm_clause_set_suggestions (cm_document_get_clause (en, 0), unsure_en, 1);
  cm_clause_set_labels (cm_document_get_clause (en, 0), none);
  /* Retention sure in Chinese, absent in English. */
  cm_clause_set_suggestions (cm_document_get_clause (zh, 1), sure_zh, 1);
  cm_clause_set_suggestions (cm_document_get_clause (en, 1), sure_en, 1);
  cm_clause_set_suggestions (cm_document_get_clause (zh, 2), both, 1);
  cm_clause_set_suggestions (cm_document_get_clause (en, 2), both, 1);
  /* Held on both sides, the Chinese one by a threshold below 0.5: both
   * show the label, however far apart the scores. */
  cm_clause_set_suggestions (cm_document_get_clause (zh, 3), held_low, 1);
  cm_clause_set_labels (cm_document_get_clause (zh, 3), policy_change);
  cm_clause_set_suggestions (cm_document_get_clause (en, 3), both, 1);
  cm_clause_set_labels (cm_document_get_clause (en, 3), policy_change);

  differences = cm_pair_find_differences (zh, en);
  labels = find_kind (differences, CM_DIFFERENCE_LABELS);
  g_assert_nonnull (labels);
  g_assert_cmpuint (labels->link_index, ==, 1);
  g_assert_cmpstr (labels->zh_only[0], ==, "retention");
  /* usage at 0.6 against nothing: 0.6 × 1 is sure enough */
  g_assert_cmpstr (labels->en_only[0], ==, "usage");
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *d = differences->pdata[i];
      g_assert_true (d->kind != CM_DIFFERENCE_LABELS || d->link_index == 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pair-reasons/label-names", test_label_names);
  g_test_add_func ("/pair-reasons/model-disagreement", test_model_disagreement);
  g_test_add_func ("/pair-reasons/anchor-kinds", test_anchor_reasons);
  return g_test_run ();
}
