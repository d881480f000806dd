/* test-clause-context.c — what a classifier reads of a clause's document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-clause-context.h"
#include "cm-cross-validation.h"
#include "cm-segmenter.h"
#include "cm-test-util.h"
#include "cm-training-set.h"

/* A policy written here: a title, two numbered sections, a list with its
 * lead-in under the second. */
static const char policy[] =
  "示例隐私政策\n"
  "\n"
  "一、我们如何收集您的信息\n"
  "我们会收集您的手机号码。\n"
  "二、我们如何共享您的信息\n"
  "以下情况除外：\n"
  "1、获得您的明确同意；\n"
  "2、根据法律法规的要求。\n";

static void
test_document_contexts (void)
{
  g_autoptr(CmDocument) document = cm_document_new ("t", policy);
  g_autoptr(CmClauseContexts) contexts = NULL;
  guint n, list_item = G_MAXUINT;

  cm_segment_document (document, NULL, 0, CM_GRANULARITY_SENTENCE);
  contexts = cm_clause_contexts_new (document);
  n = contexts->clauses->len;
  g_assert_cmpuint (n, ==, 7);

  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (g_ptr_array_index (contexts->texts, i), "2、"))
      list_item = i;
  g_assert_cmpuint (list_item, ==, n - 1);

  /* The last list item: under the sharing section, introduced by the
   * lead-in two clauses up, at the end of the document. */
  g_assert_nonnull (contexts->contexts[list_item].heading);
  g_assert_nonnull (strstr (contexts->contexts[list_item].heading, "二、我们如何共享您的信息"));
  g_assert_cmpstr (contexts->contexts[list_item].lead_in, ==, "以下情况除外：");
  g_assert_cmpint (contexts->contexts[list_item].shape, ==, CM_FEATURE_SHAPE_LIST_ITEM);
  g_assert_cmpfloat (contexts->contexts[list_item].position, ==, 1.0f);
  g_assert_cmpstr (contexts->contexts[list_item].previous, ==, "1、获得您的明确同意；");
  g_assert_null (contexts->contexts[list_item].next);

  /* The collection sentence has its own section and no lead-in. */
  g_assert_nonnull (strstr (contexts->contexts[2].heading, "一、我们如何收集您的信息"));
  g_assert_null (contexts->contexts[2].lead_in);
  g_assert_cmpint (contexts->contexts[2].shape, ==, CM_FEATURE_SHAPE_BODY);
  g_assert_true (cm_text_is_lead_in ("包括如下: "));
  g_assert_false (cm_text_is_lead_in ("我们收集信息。"));
}

/* Policy jsonl files become one group each, their sentences in the
 * context the segmenter finds; folds never split a group. */
static void
test_policy_groups (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmTrainingSet) set = cm_training_set_new ();
  g_autofree guint *folds = NULL;
  const char *lines[] = { "示例隐私政策", "一、我们如何收集您的信息", "我们会收集您的手机号码。",
                          "二、我们如何共享您的信息", "我们不会共享您的信息。" };

  for (guint p = 0; p < 6; p++)
    {
      g_autoptr(GString) jsonl = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("rw_%u.jsonl", p);
      g_autofree char *path = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
        g_string_append_printf (jsonl, "{\"text\": \"%s\", \"label\": [%s]}\n", lines[i],
                                i == 2 ? "\"数据收集\"" : "");
      path = cm_test_write_file (dir, name, jsonl->str, -1);
      g_assert_true (cm_training_set_add_file (set, path, CM_LABEL_ORDER_CAPP130, NULL));
    }

  g_assert_cmpuint (cm_training_set_get_size (set), ==, 30);
  g_assert_cmpuint (cm_training_set_get_n_groups (set), ==, 6);
  g_assert_cmpuint (cm_training_set_get_group (set, 7), ==, 1);
  g_assert_nonnull (strstr (cm_training_set_get_context (set, 2)->heading, "收集"));
  g_assert_cmpint (cm_training_set_get_context (set, 1)->shape, ==, CM_FEATURE_SHAPE_HEADING);
  g_assert_cmpuint (cm_training_set_get_labels (set, 2), ==, 1);

  folds = cm_training_set_assign_folds (set, 3, 7);
  for (guint f = 0; f < 3; f++)
    {
      guint n = 0;
      for (guint g = 0; g < 6; g++)
        n += folds[g] == f;
      g_assert_cmpuint (n, ==, 2);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clause-context/document", test_document_contexts);
  g_test_add_func ("/clause-context/policy-groups", test_policy_groups);
  return g_test_run ();
}
