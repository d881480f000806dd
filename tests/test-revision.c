/* test-revision.c — comparing two versions of a policy in one language:
 * the word diff, and the hand-made revision pairs of data/samples
 * (revision-{en,zh}-{2025,2026}.txt, written for Clausemark) whose edits
 * are known: a sharing clause added with its heading, a collection clause
 * removed, the storage sentences swapped, the retention period cut from 6
 * to 3 months, a new contact e-mail, a sentence extended, sections
 * renumbered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-revision-diff.h"
#include "cm-test-util.h"

static void
check_diff (const char *old_text,
            const char *new_text,
            const char *expected)
{
  g_autoptr(GPtrArray) pieces = cm_word_diff (old_text, new_text);
  g_autofree char *shown = cm_word_diff_to_string (pieces);

  g_assert_cmpstr (shown, ==, expected);
}

static void
check_excerpt (const char *old_text,
               const char *new_text,
               guint       context,
               const char *expected)
{
  g_autoptr(GPtrArray) pieces = cm_word_diff (old_text, new_text);
  g_autofree char *shown = cm_word_diff_to_excerpt (pieces, context);

  g_assert_cmpstr (shown, ==, expected);
}

/* A reason shows what changed in a long clause, not the whole clause
 * (which a reason column cut off before the change). */
static void
test_word_diff_excerpt (void)
{
  check_excerpt ("When you use navigation, we collect your precise location to plan routes "
                 "and to estimate when you will arrive at the place you are going to.",
                 "When you use navigation, we collect your precise location and the speed of "
                 "your device to plan routes and to estimate when you will arrive at the place "
                 "you are going to.", 16,
                 "…location {+and the speed of your device +}to plan routes…");
  check_excerpt ("We keep it for 6 months.", "We keep it for 3 months.", 16,
                 "We keep it for {+3 +}[-6 -]months.");
  check_excerpt ("我们会将您的账号信息保存在服务器上，保存期限为六个月，到期后我们将删除或匿名化处理。",
                 "我们会将您的账号信息保存在服务器上，保存期限为三个月，到期后我们将删除或匿名化处理。", 6,
                 "…，保存期限为{+三+}[-六-]个月，到期后…");
  /* a long unchanged stretch between two changes keeps both ends */
  check_excerpt ("We collect your name and we keep every message you send to support staff for six months.",
                 "We collect your e-mail and we keep every message you send to support staff for two months.", 10,
                 "…your {+e-mail +}[-name -]and we … for {+two +}[-six -]months.");
  check_excerpt ("same text", "same text", 4, "same text");
}

static void
test_word_diff (void)
{
  check_diff ("We keep it for 6 months.", "We keep it for 3 months.",
              "We keep it for {+3 +}[-6 -]months.");
  check_diff ("保存6个月", "保存3个月", "保存{+3+}[-6-]个月");
  check_diff ("我们收集位置信息。", "我们收集位置信息和设备速度。", "我们收集位置信息{+和设备速度+}。");
  check_diff ("same text", "same text", "same text");
  check_diff ("", "new", "{+new+}");
  check_diff ("old", "", "[-old-]");
}

typedef struct
{
  CmDifferenceKind kind;
  const char      *old_text;   /* a piece of the old side's text, or NULL */
  const char      *new_text;   /* a piece of the new side's text, or NULL */
} Expected;

static char *
side_text (CmDocument *document,
           char      **ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids[i], NULL);
      g_autofree char *text = cm_document_dup_clause_text (document, clause);
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

static void
check_revision (const char     *language,
                const Expected *expected,
                guint           n_expected)
{
  g_autofree char *old_name = g_strdup_printf ("revision-%s-2025.txt", language);
  g_autofree char *new_name = g_strdup_printf ("revision-%s-2026.txt", language);
  g_autofree char *old_path = cm_test_data_path ("samples", old_name, NULL);
  g_autofree char *new_path = cm_test_data_path ("samples", new_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) old_version = NULL;
  g_autoptr(CmDocument) new_version = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CmModelSet) models = cm_model_set_load_default (&error);
  CmAnnotateOptions options;

  g_assert_no_error (error);
  cm_annotate_options_init (&options);
  /* the bundled models label the clauses, as `compare` does */
  options.models = models;
  old_version = cm_annotate_file (old_path, &options, NULL, &error);
  g_assert_no_error (error);
  new_version = cm_annotate_file (new_path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cm_revision_align (old_version, new_version, &error));
  g_assert_no_error (error);
  changes = cm_revision_find_changes (old_version, new_version);

  for (guint i = 0; i < changes->len; i++)
    {
      const CmDifference *change = changes->pdata[i];
      g_test_message ("%s %.2f %s", cm_difference_kind_to_string (change->kind), change->importance,
                      change->reason);
    }
  /* every known edit is found... */
  for (guint e = 0; e < n_expected; e++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < changes->len && !found; i++)
        {
          const CmDifference *change = changes->pdata[i];
          g_autofree char *old_text = side_text (old_version, change->zh_clauses);
          g_autofree char *new_text = side_text (new_version, change->en_clauses);

          found = change->kind == expected[e].kind
                  && (expected[e].old_text == NULL ? change->zh_clauses[0] == NULL
                                                   : strstr (old_text, expected[e].old_text) != NULL)
                  && (expected[e].new_text == NULL ? change->en_clauses[0] == NULL
                                                   : strstr (new_text, expected[e].new_text) != NULL);
        }
      if (!found)
        g_error ("%s: expected %s change not found (%s / %s)", language,
                 cm_difference_kind_to_string (expected[e].kind),
                 expected[e].old_text ? expected[e].old_text : "—",
                 expected[e].new_text ? expected[e].new_text : "—");
    }
  /* ... and nothing else: the renumbered headings are not changes */
  for (guint i = 0; i < changes->len; i++)
    {
      const CmDifference *change = changes->pdata[i];
      g_assert_true (change->kind != CM_DIFFERENCE_CHANGED || change->zh_only[0] || change->en_only[0]);
    }
  g_assert_cmpuint (changes->len, <=, n_expected + 2);
  /* the most important first: the new sharing clause */
  g_assert_cmpint (((CmDifference *) changes->pdata[0])->kind, ==, CM_DIFFERENCE_ADDED);
}

static void
test_english_revision (void)
{
  static const Expected expected[] = {
    { CM_DIFFERENCE_ADDED, NULL, "Roadwise Analytics" },
    { CM_DIFFERENCE_ADDED, NULL, "Sharing" },
    { CM_DIFFERENCE_REMOVED, "crash reports", NULL },
    { CM_DIFFERENCE_MOVED, "location history for 6 months", "location history for 3 months" },
    { CM_DIFFERENCE_ANCHORS, "6 months", "3 months" },
    { CM_DIFFERENCE_CHANGED, "6 months", "3 months" },
    { CM_DIFFERENCE_ANCHORS, "privacy@lumen-maps.example", "dpo@lumen-maps.example" },
    { CM_DIFFERENCE_CHANGED, "privacy@lumen-maps.example", "dpo@lumen-maps.example" },
    { CM_DIFFERENCE_CHANGED, "precise location to plan", "speed of your device" },
  };

  check_revision ("en", expected, G_N_ELEMENTS (expected));
}

static void
test_chinese_revision (void)
{
  static const Expected expected[] = {
    { CM_DIFFERENCE_ADDED, NULL, "路安数据公司" },
    { CM_DIFFERENCE_ADDED, NULL, "信息的共享" },
    { CM_DIFFERENCE_REMOVED, "崩溃日志", NULL },
    { CM_DIFFERENCE_MOVED, "保存6个月", "保存3个月" },
    { CM_DIFFERENCE_ANCHORS, "6个月", "3个月" },
    { CM_DIFFERENCE_CHANGED, "6个月", "3个月" },
    { CM_DIFFERENCE_ANCHORS, "privacy@guangtu.example", "dpo@guangtu.example" },
    { CM_DIFFERENCE_CHANGED, "privacy@guangtu.example", "dpo@guangtu.example" },
    { CM_DIFFERENCE_CHANGED, "精确位置信息以规划", "设备速度" },
  };

  check_revision ("zh", expected, G_N_ELEMENTS (expected));
}

/* Versions of one policy are told by their file names, numbers aside,
 * and ordered by those numbers. */
static void
test_policy_versions (void)
{
  g_autofree char *a = cm_policy_version_key ("corpus/acme-privacy-2025.txt");
  g_autofree char *b = cm_policy_version_key ("/x/Acme-Privacy-2026-03.html");
  g_autofree char *c = cm_policy_version_key ("acme-terms-2025.txt");
  g_autofree char *d = cm_policy_version_key ("acme-privacy.txt");
  g_autofree char *e = cm_policy_version_key ("policy-v2.txt");
  g_autofree char *f = cm_policy_version_key ("policy-v10.txt");

  g_assert_cmpstr (a, ==, "acme-privacy-#");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_null (d);  /* no number: nothing tells versions apart */
  g_assert_cmpstr (e, ==, f);
  g_assert_cmpint (cm_policy_version_compare ("acme-privacy-2025.txt", "acme-privacy-2026-03.html"), <, 0);
  g_assert_cmpint (cm_policy_version_compare ("acme-privacy-2026-03.txt", "acme-privacy-2026.txt"), >, 0);
  g_assert_cmpint (cm_policy_version_compare ("acme-2026-03.txt", "acme-2026-11.txt"), <, 0);
  g_assert_cmpint (cm_policy_version_compare ("policy-v10.txt", "policy-v2.txt"), >, 0);
}

/* Reasons name labels by the taxonomy and periods with their plural. */
static void
test_named_reasons (void)
{
  g_autoptr(CmDocument) old_version = NULL;
  g_autoptr(CmDocument) new_version = NULL;
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean period = FALSE, named = FALSE;

  old_version = cm_document_new ("old", "We keep your data for 6 months.\nWe collect your e-mail address.");
  new_version = cm_document_new ("new", "We keep your data for 1 month.\nWe collect your e-mail address.\n"
                                        "We share your anonymised routes with Roadwise Analytics Ltd to improve "
                                        "traffic forecasts.");
  cm_segment_document (old_version, NULL, 0, CM_GRANULARITY_SENTENCE);
  cm_segment_document (new_version, NULL, 0, CM_GRANULARITY_SENTENCE);
  cm_clause_set_labels (cm_document_get_clause (new_version, 2), (const char * const []) { "sharing", NULL });
  taxonomy = cm_taxonomy_load_builtin ("privacy-11", &error);
  g_assert_no_error (error);
  g_assert_true (cm_revision_align (old_version, new_version, &error));
  g_assert_no_error (error);
  changes = cm_revision_find_changes_named (old_version, new_version, taxonomy, "en");
  for (guint i = 0; i < changes->len; i++)
    {
      const CmDifference *change = changes->pdata[i];

      g_test_message ("%s", change->reason);
      period |= g_str_equal (change->reason, "6 months → 1 month");
      /* the first 60 characters, the cut marked (it read as the whole clause) */
      named |= g_str_equal (change->reason, "added Third-party sharing / disclosure clause: "
                            "We share your anonymised routes with Roadwise Analytics Ltd…");
    }
  g_assert_true (period);
  g_assert_true (named);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/revision/word-diff", test_word_diff);
  g_test_add_func ("/revision/english", test_english_revision);
  g_test_add_func ("/revision/chinese", test_chinese_revision);
  g_test_add_func ("/revision/policy-versions", test_policy_versions);
  g_test_add_func ("/revision/named-reasons", test_named_reasons);
  g_test_add_func ("/revision/word-diff-excerpt", test_word_diff_excerpt);
  return g_test_run ();
}
