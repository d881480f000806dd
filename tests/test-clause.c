/* test-clause.c — CmClause: labels, suggestions, review state, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"

static void
test_labels_toggle (void)
{
  g_autoptr(CmClause) clause = cm_clause_new ("c1", 0, 10, CM_CLAUSE_KIND_BODY);

  g_assert_cmpuint (g_strv_length ((char **) cm_clause_get_labels (clause)), ==, 0);
  cm_clause_toggle_label (clause, "collection");
  cm_clause_toggle_label (clause, "sharing");
  g_assert_true (cm_clause_has_label (clause, "collection"));
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  cm_clause_toggle_label (clause, "collection");
  g_assert_false (cm_clause_has_label (clause, "collection"));
  g_assert_cmpstr (cm_clause_get_labels (clause)[0], ==, "sharing");
  g_assert_null (cm_clause_get_labels (clause)[1]);
}

static void
test_review_and_copy (void)
{
  g_autoptr(CmClause) clause = cm_clause_new ("c7", 3, 9, CM_CLAUSE_KIND_LIST_ITEM);
  g_autoptr(CmClause) copy = NULL;
  CmSuggestion s[] = { { "collection", 0.91 }, { "usage", 0.42 } };
  const char *path[] = { "一、我们收集的信息", "（一）注册", NULL };

  cm_clause_set_suggestions (clause, s, G_N_ELEMENTS (s));
  cm_clause_set_confidence (clause, 0.58);
  cm_clause_set_heading_path (clause, path);
  cm_clause_set_language (clause, "zh");
  cm_clause_set_note (clause, "check the retention period");
  cm_clause_mark_reviewed (clause, CM_REVIEW_STATUS_CORRECTED, "ana");
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);
  g_assert_nonnull (cm_clause_get_timestamp (clause));
  g_assert_cmpstr (cm_clause_get_reviewer (clause), ==, "ana");

  copy = cm_clause_copy (clause);
  g_assert_true (cm_clause_equal (clause, copy));
  cm_clause_toggle_label (copy, "usage");
  g_assert_false (cm_clause_equal (clause, copy));
}

static void
test_enum_strings (void)
{
  CmClauseKind kind;
  CmReviewStatus status;

  g_assert_true (cm_clause_kind_from_string ("list-item", &kind));
  g_assert_cmpint (kind, ==, CM_CLAUSE_KIND_LIST_ITEM);
  g_assert_false (cm_clause_kind_from_string ("paragraph", &kind));
  g_assert_true (cm_review_status_from_string ("accepted", &status));
  g_assert_cmpstr (cm_review_status_to_string (status), ==, "accepted");
}

/* Clauses of one section share one copy of their heading path; a change
 * to one leaves the other as it was. */
static void
test_shared_heading_path (void)
{
  g_autoptr(CmClause) a = cm_clause_new ("c1", 0, 5, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) b = cm_clause_new ("c2", 6, 9, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) other = cm_clause_new ("c3", 10, 12, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) copy = NULL;
  const char *path[] = { "一、个人信息", "1.1 Collection", NULL };
  const char *elsewhere[] = { "二、共享", NULL };

  cm_clause_set_heading_path (a, path);
  cm_clause_set_heading_path (b, path);
  cm_clause_set_heading_path (other, elsewhere);
  g_assert_true (cm_clause_get_heading_path (a) != cm_clause_get_heading_path (b));
  g_assert_true (cm_clause_share_heading_path (b, a));
  g_assert_true (cm_clause_get_heading_path (a) == cm_clause_get_heading_path (b));
  g_assert_false (cm_clause_share_heading_path (other, a));
  g_assert_cmpstr (cm_clause_get_heading_path (other)[0], ==, "二、共享");
  copy = cm_clause_copy (b);
  g_assert_true (cm_clause_equal (copy, b));

  cm_clause_set_heading_path (a, elsewhere);
  g_assert_cmpstr (cm_clause_get_heading_path (b)[0], ==, "一、个人信息");
  g_assert_cmpstr (cm_clause_get_heading_path (b)[1], ==, "1.1 Collection");
  g_assert_null (cm_clause_get_heading_path (b)[2]);
  g_assert_cmpstr (cm_clause_get_heading_path (copy)[1], ==, "1.1 Collection");
  g_clear_object (&b);
  g_assert_cmpstr (cm_clause_get_heading_path (copy)[0], ==, "一、个人信息");
  cm_clause_set_heading_path (copy, NULL);
  g_assert_null (cm_clause_get_heading_path (copy)[0]);
  {
    g_autoptr(CmClause) none = cm_clause_new ("c4", 0, 0, CM_CLAUSE_KIND_BODY);
    g_assert_true (cm_clause_share_heading_path (copy, none));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clause/labels-toggle", test_labels_toggle);
  g_test_add_func ("/clause/review-and-copy", test_review_and_copy);
  g_test_add_func ("/clause/enum-strings", test_enum_strings);
  g_test_add_func ("/clause/shared-heading-path", test_shared_heading_path);
  return g_test_run ();
}
