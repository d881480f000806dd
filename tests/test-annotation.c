/* test-annotation.c — per-annotator annotations and the version 2 format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

static const char *text = "We collect your e-mail. We share it with partners.";

/* Two clauses; alice and bob answered on the first, the curator settled it. */
static CmDocument *
make_team_document (void)
{
  CmDocument *doc = cm_document_new ("team", text);
  g_autoptr(CmClause) c1 = cm_clause_new ("c1", 0, 23, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) c2 = cm_clause_new ("c2", 24, 50, CM_CLAUSE_KIND_BODY);
  CmClause *clauses[] = { c1, c2 };
  const char *alice[] = { "collection", NULL };
  const char *bob[] = { "collection", "contact", NULL };
  g_autoptr(CmAnnotation) a = cm_annotation_new ("alice", alice, CM_REVIEW_STATUS_ACCEPTED,
                                                 "2026-11-30T09:00:00Z", "e-mail is contact data?");
  g_autoptr(CmAnnotation) b = cm_annotation_new ("bob", bob, CM_REVIEW_STATUS_CORRECTED,
                                                 "2026-11-30T09:05:00Z", NULL);
  g_autoptr(CmAnnotation) b_span = cm_annotation_new_with_span (b, 0, 50);
  g_autoptr(CmAnnotation) nothing = cm_annotation_new ("carol", NULL, CM_REVIEW_STATUS_CORRECTED,
                                                       "2026-11-30T09:06:00Z", NULL);

  cm_document_set_language (doc, "en");
  cm_document_set_taxonomy_id (doc, "privacy-11");
  cm_clause_set_language (c1, "en");
  cm_clause_set_language (c2, "en");
  /* Added out of order: the clause keeps them in annotator order. */
  cm_clause_set_annotation (c1, b);
  cm_clause_set_annotation (c1, a);
  cm_clause_set_annotation (c2, b_span);
  cm_clause_set_annotation (c2, nothing);
  cm_clause_adjudicate (c1, alice, "curator");
  cm_document_set_clauses (doc, clauses, 2);
  return doc;
}

static void
test_clause_annotations (void)
{
  g_autoptr(CmDocument) doc = make_team_document ();
  CmClause *c1 = cm_document_get_clause (doc, 0);
  const char *again[] = { "usage", NULL };
  CmAnnotation *alice;

  g_assert_cmpuint (cm_clause_get_n_annotations (c1), ==, 2);
  g_assert_cmpstr (cm_annotation_get_annotator (cm_clause_get_annotation (c1, 0)), ==, "alice");
  g_assert_cmpstr (cm_annotation_get_annotator (cm_clause_get_annotation (c1, 1)), ==, "bob");
  g_assert_true (cm_clause_get_adjudicated (c1));
  g_assert_cmpstr (cm_clause_get_reviewer (c1), ==, "curator");
  g_assert_cmpint (cm_clause_get_status (c1), ==, CM_REVIEW_STATUS_CORRECTED);

  /* A new answer replaces only that annotator's, and keeps their note. */
  cm_clause_annotate (c1, "alice", again, CM_REVIEW_STATUS_CORRECTED);
  g_assert_cmpuint (cm_clause_get_n_annotations (c1), ==, 2);
  alice = cm_clause_lookup_annotation (c1, "alice");
  g_assert_true (cm_annotation_has_label (alice, "usage"));
  g_assert_false (cm_annotation_has_label (alice, "collection"));
  g_assert_cmpstr (cm_annotation_get_note (alice), ==, "e-mail is contact data?");
  g_assert_nonnull (cm_annotation_get_timestamp (alice));
  g_assert_true (cm_annotation_has_label (cm_clause_lookup_annotation (c1, "bob"), "contact"));
  /* Final labels are apart from the annotations. */
  g_assert_true (cm_clause_has_label (c1, "collection"));
  g_assert_false (cm_clause_has_label (c1, "usage"));

  g_assert_true (cm_clause_remove_annotation (c1, "bob"));
  g_assert_false (cm_clause_remove_annotation (c1, "bob"));
  g_assert_null (cm_clause_lookup_annotation (c1, "bob"));
}

static void
test_round_trip (void)
{
  g_autoptr(CmDocument) doc = make_team_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cm_document_to_json (doc, NULL);
  g_autoptr(CmDocument) back = cm_document_from_json (json, -1, "team.json", &error);
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  CmAnnotation *b;
  guint start, end;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (json, "{\"format\":\"clausemark-document\",\"version\":2,"));
  g_assert_true (cm_document_equal (doc, back));
  b = cm_clause_lookup_annotation (cm_document_get_clause (back, 1), "bob");
  g_assert_true (cm_annotation_get_span (b, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 50);
  g_assert_false (cm_annotation_get_span (cm_clause_lookup_annotation (cm_document_get_clause (back, 0),
                                                                       "bob"), NULL, NULL));
  /* "No label" is an answer, kept as an empty list. */
  g_assert_nonnull (strstr (json, "{\"annotator\":\"carol\",\"labels\":[],"));
  /* The inequality has teeth: an annotation changes equality. */
  cm_clause_annotate (cm_document_get_clause (back, 1), "dave", NULL, CM_REVIEW_STATUS_ACCEPTED);
  g_assert_false (cm_document_equal (doc, back));

  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cm_test_validate_with_schema ("clausemark-document.schema.json", path), <=, 0);
}

/* A version 1 file opens (no annotations) and is upgraded only when saved,
 * the old file kept beside it as "~". */
static void
test_version_1_upgrade (void)
{
  const char *v1 =
    "{\"format\":\"clausemark-document\",\"version\":1,\"id\":\"old\",\"title\":null,"
    "\"language\":\"en\",\"source\":{\"path\":null,\"sha256\":null,\"encoding\":null,\"loader\":null},"
    "\"taxonomy\":\"privacy-11\",\"granularity\":\"sentence\",\"text\":\"Old text.\",\"clauses\":["
    "{\"id\":\"c1\",\"start\":0,\"end\":9,\"kind\":\"body\",\"level\":0,\"marker\":null,"
    "\"heading_path\":[],\"language\":\"en\",\"labels\":[\"usage\"],\"suggestions\":[],"
    "\"confidence\":null,\"status\":\"accepted\",\"reviewer\":\"wang\",\"timestamp\":null,"
    "\"note\":null}]}\n";
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = cm_test_write_file (dir, "old.json", v1, -1);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *unchanged = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) doc = cm_document_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cm_clause_get_n_annotations (cm_document_get_clause (doc, 0)), ==, 0);
  g_assert_false (cm_clause_get_adjudicated (cm_document_get_clause (doc, 0)));
  g_assert_true (g_file_get_contents (path, &unchanged, NULL, NULL));
  g_assert_cmpstr (unchanged, ==, v1);  /* opening changes nothing */

  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, v1);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_true (g_str_has_prefix (saved, "{\"format\":\"clausemark-document\",\"version\":2,"));
  g_assert_cmpint (cm_test_validate_with_schema ("clausemark-document-1.schema.json", backup), <=, 0);
  g_assert_cmpint (cm_test_validate_with_schema ("clausemark-document.schema.json", path), <=, 0);
}

/* Broken annotations are refused with an error naming the file and clause. */
static void
test_invalid (void)
{
  static const struct
  {
    const char *from, *to, *needle;
  } cases[] = {
    { "{\"annotator\":\"bob\"", "{\"annotator\":\"alice\"", "clause c1: two annotations by “alice”" },
    { "\"status\":\"accepted\",\"timestamp\":\"2026-11-30T09:00:00Z\"",
      "\"status\":\"unreviewed\",\"timestamp\":\"2026-11-30T09:00:00Z\"",
      "status “unreviewed” is not accepted or corrected" },
    { "\"span\":[0,50]", "\"span\":[50,0]", "clause c2: “span” starts after it ends" },
    { "\"span\":[0,50]", "\"span\":[0]", "“span” must be null or [start, end]" },
    { "\"adjudicated\":true", "\"adjudicated\":1", "clause c1: “adjudicated” must be true or false" },
    { "\"span\":null}", "\"span\":null,\"mood\":1}", "unknown member “mood”" },
    { "\"labels\":[\"collection\",\"contact\"]", "\"labels\":[\"contact\",\"contact\"]",
      "annotation by “bob”: “labels” names a label twice" },
    /* Version 1 has no annotations: a v1 file carrying them is not valid. */
    { "\"version\":2", "\"version\":1", "clause c1: unknown member “adjudicated”" },
    { ",\"annotations\":[]", "", "clause c3: “annotations” is missing" },
  };
  g_autoptr(CmDocument) doc = make_team_document ();
  g_autofree char *json = NULL;

  /* The last case needs a clause without annotations. */
  cm_document_insert_clause (doc, 2, cm_clause_new ("c3", 50, 50, CM_CLAUSE_KIND_BODY));
  cm_clause_set_language (cm_document_get_clause (doc, 2), "en");
  json = cm_document_to_json (doc, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDocument) back = NULL;

      if (strstr (json, cases[i].from) == NULL)
        g_error ("case %u: “%s” is not in %s", i, cases[i].from, json);
      g_string_replace (s, cases[i].from, cases[i].to, 1);
      back = cm_document_from_json (s->str, -1, "team.json", &error);
      g_assert_null (back);
      g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
      if (strstr (error->message, cases[i].needle) == NULL || strstr (error->message, "team.json") == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].needle);
    }
}

/* Merging two clauses of one copy keeps every annotator's answer. */
static void
test_boundary_edits_keep_annotations (void)
{
  g_autoptr(CmDocument) doc = make_team_document ();
  CmClause *c1 = cm_document_get_clause (doc, 0);
  g_autoptr(GError) error = NULL;
  CmClause *tail;

  g_assert_true (cm_document_merge_with_next (doc, c1, &error));
  g_assert_no_error (error);
  /* alice and bob keep their answers on c1, carol's comes from c2. */
  g_assert_cmpuint (cm_clause_get_n_annotations (c1), ==, 3);
  g_assert_true (cm_annotation_has_label (cm_clause_lookup_annotation (c1, "bob"), "contact"));
  g_assert_nonnull (cm_clause_lookup_annotation (c1, "carol"));

  tail = cm_document_split_clause (doc, c1, 24, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_clause_get_n_annotations (tail), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation/clause", test_clause_annotations);
  g_test_add_func ("/annotation/round-trip", test_round_trip);
  g_test_add_func ("/annotation/version-1-upgrade", test_version_1_upgrade);
  g_test_add_func ("/annotation/invalid", test_invalid);
  g_test_add_func ("/annotation/boundary-edits", test_boundary_edits_keep_annotations);
  return g_test_run ();
}
