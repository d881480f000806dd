/* test-merge.c — joining annotators' copies of one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

static const char *text = "We collect data. We share data. We keep data.";
/*                         0               16 17            31 32          45 */

static CmDocument *
make_copy (const guint *bounds,
           guint        n_bounds,
           const char  *annotator,
           const char  *label,
           const char  *timestamp)
{
  CmDocument *document = cm_document_new ("policy", text);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  const char *labels[] = { label, NULL };

  cm_document_set_source (document, NULL,
                          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                          "UTF-8", "text");
  for (guint i = 0; i + 1 < n_bounds; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      CmClause *clause = cm_clause_new (id, bounds[i], bounds[i + 1], CM_CLAUSE_KIND_BODY);
      g_autoptr(CmAnnotation) annotation = NULL;

      if (annotator != NULL)
        {
          annotation = cm_annotation_new (annotator, labels, CM_REVIEW_STATUS_CORRECTED,
                                          timestamp, NULL);
          cm_clause_set_annotation (clause, annotation);
        }
      g_ptr_array_add (clauses, clause);
    }
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  return document;
}

static CmDocument *
join (CmDocument *a,
      CmDocument *b,
      GError    **error)
{
  CmDocument *copies[] = { a, b };

  return cm_merge_documents (copies, 2, error);
}

/* alice made two clauses, bob split differently: the join has every
 * boundary, and each answer reaches every piece of the clause it was on. */
static void
test_boundaries_differ (void)
{
  static const guint alice_bounds[] = { 0, 31, 45 };
  static const guint bob_bounds[] = { 0, 16, 45 };
  g_autoptr(CmDocument) alice = make_copy (alice_bounds, 3, "alice", "collection",
                                           "2026-11-30T09:00:00Z");
  g_autoptr(CmDocument) bob = make_copy (bob_bounds, 3, "bob", "sharing", "2026-11-30T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) joined = join (alice, bob, &error);
  g_autoptr(CmDocument) again = NULL;
  CmClause *middle;
  CmAnnotation *annotation;
  guint start, end;

  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_n_clauses (joined), ==, 3);
  middle = cm_document_get_clause (joined, 1);
  g_assert_cmpuint (cm_clause_get_start (middle), ==, 16);
  g_assert_cmpuint (cm_clause_get_end (middle), ==, 31);
  g_assert_cmpuint (cm_clause_get_n_annotations (middle), ==, 2);
  annotation = cm_clause_lookup_annotation (middle, "alice");
  g_assert_true (cm_annotation_has_label (annotation, "collection"));
  g_assert_true (cm_annotation_get_span (annotation, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 31);
  annotation = cm_clause_lookup_annotation (middle, "bob");
  g_assert_true (cm_annotation_has_label (annotation, "sharing"));
  g_assert_true (cm_annotation_get_span (annotation, &start, &end));
  g_assert_cmpuint (start, ==, 16);
  /* Where the boundaries agreed, no span. */
  annotation = cm_clause_lookup_annotation (cm_document_get_clause (joined, 2), "alice");
  g_assert_false (cm_annotation_get_span (annotation, NULL, NULL));
  /* Ids: the clause's own where it is whole, unique otherwise. */
  g_assert_cmpstr (cm_clause_get_id (cm_document_get_clause (joined, 2)), ==, "c2");
  g_assert_true (cm_document_check (joined, NULL));

  /* Joining again with a copy already in it changes nothing (spans kept). */
  again = join (joined, alice, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (cm_clause_get_n_annotations (cm_document_get_clause (again, i)), ==, 2);
  g_assert_true (cm_annotation_get_span (cm_clause_lookup_annotation (cm_document_get_clause (again, 1),
                                                                      "bob"), NULL, NULL));
}

static void
test_different_text_refused (void)
{
  static const guint bounds[] = { 0, 45 };
  g_autoptr(CmDocument) alice = make_copy (bounds, 2, "alice", "usage", NULL);
  g_autoptr(CmDocument) other = cm_document_new ("policy", "We collect data. We sell data. We keep it.");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) joined = join (alice, other, &error);

  g_assert_null (joined);
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“policy”"));
  g_assert_nonnull (strstr (error->message, "different texts"));
}

/* A one-person review (no annotations) counts as that reviewer's answers;
 * the same annotator in two copies keeps the newer answer. */
static void
test_reviewer_and_newer (void)
{
  static const guint bounds[] = { 0, 16, 45 };
  g_autoptr(CmDocument) old = make_copy (bounds, 3, "alice", "usage", "2026-11-29T09:00:00Z");
  g_autoptr(CmDocument) newer = make_copy (bounds, 3, "alice", "retention", "2026-11-30T09:00:00Z");
  g_autoptr(CmDocument) reviewed = make_copy (bounds, 3, NULL, NULL, NULL);
  const char *labels[] = { "contact", NULL };
  CmDocument *copies[] = { old, newer, reviewed };
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) joined = NULL;
  CmClause *first;

  cm_clause_set_labels (cm_document_get_clause (reviewed, 0), labels);
  cm_clause_mark_reviewed (cm_document_get_clause (reviewed, 0), CM_REVIEW_STATUS_CORRECTED, "wang");
  joined = cm_merge_documents (copies, 3, &error);
  g_assert_no_error (error);
  first = cm_document_get_clause (joined, 0);
  g_assert_true (cm_annotation_has_label (cm_clause_lookup_annotation (first, "alice"), "retention"));
  g_assert_true (cm_annotation_has_label (cm_clause_lookup_annotation (first, "wang"), "contact"));
  /* The final labels are not anyone's answer. */
  g_assert_cmpint (cm_clause_get_status (first), ==, CM_REVIEW_STATUS_UNREVIEWED);
  g_assert_null (cm_clause_get_labels (first)[0]);
  g_assert_null (cm_clause_lookup_annotation (cm_document_get_clause (joined, 1), "wang"));
}

/* Files: all are read and joined before anything is returned; a mismatch
 * names the document and both files. */
static void
test_paths (void)
{
  static const guint bounds[] = { 0, 45 };
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *a_dir = g_build_filename (dir, "alice", NULL);
  g_autofree char *b_path = g_build_filename (dir, "bob.json", NULL);
  g_autoptr(CmDocument) alice = make_copy (bounds, 2, "alice", "usage", NULL);
  g_autoptr(CmDocument) bob = make_copy (bounds, 2, "bob", "usage", NULL);
  g_autoptr(CmCorpus) corpus = cm_corpus_open (a_dir, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) joined = NULL;
  const char *paths[] = { a_dir, b_path, NULL };

  g_assert_true (cm_corpus_add_document (corpus, alice, &error));
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  g_assert_true (cm_document_save (bob, b_path, &error));
  joined = cm_merge_paths (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (joined->len, ==, 1);
  g_assert_cmpuint (cm_clause_get_n_annotations (cm_document_get_clause (g_ptr_array_index (joined, 0), 0)),
                    ==, 2);
  g_clear_pointer (&joined, g_ptr_array_unref);

  {
    g_autoptr(CmDocument) changed = cm_document_new ("policy", "Something else entirely, same id.");
    g_assert_true (cm_document_save (changed, b_path, &error));
  }
  joined = cm_merge_paths (paths, NULL, &error);
  g_assert_null (joined);
  g_assert_nonnull (strstr (error->message, "“policy”"));
  g_assert_nonnull (strstr (error->message, "bob.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/boundaries-differ", test_boundaries_differ);
  g_test_add_func ("/merge/different-text", test_different_text_refused);
  g_test_add_func ("/merge/reviewer-and-newer", test_reviewer_and_newer);
  g_test_add_func ("/merge/paths", test_paths);
  return g_test_run ();
}
