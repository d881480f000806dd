/* test-document.c — CmDocument: offsets, lookup, split and merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"

/* 个人信息 is four code points but twelve bytes: offsets must be code points. */
static const char *text = "一、个人信息。We collect data.\n二、共享。";

static CmDocument *
make_document (void)
{
  CmDocument *doc = cm_document_new ("d1", text);
  CmClause *clauses[] = {
    cm_clause_new ("c1", 0, 7, CM_CLAUSE_KIND_HEADING),
    cm_clause_new ("c2", 7, 24, CM_CLAUSE_KIND_BODY),
    cm_clause_new ("c3", 24, 29, CM_CLAUSE_KIND_HEADING),
  };

  cm_document_set_clauses (doc, clauses, G_N_ELEMENTS (clauses));
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    g_object_unref (clauses[i]);
  return doc;
}

static void
test_offsets (void)
{
  g_autoptr(CmDocument) doc = make_document ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_cmpuint (cm_document_get_n_chars (doc), ==, g_utf8_strlen (text, -1));
  first = cm_document_dup_clause_text (doc, cm_document_get_clause (doc, 0));
  second = cm_document_dup_clause_text (doc, cm_document_get_clause (doc, 1));
  third = cm_document_dup_clause_text (doc, cm_document_get_clause (doc, 2));
  g_assert_cmpstr (first, ==, "一、个人信息。");
  g_assert_cmpstr (second, ==, "We collect data.\n");
  g_assert_cmpstr (third, ==, "二、共享。");
}

static void
test_long_text_offsets (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(CmDocument) doc = NULL;
  g_autofree char *piece = NULL;
  g_autofree char *expected = NULL;

  /* Mixed widths across many checkpoint strides. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, i % 3 ? "ab" : "信息");
  doc = cm_document_new ("long", s->str);
  g_assert_cmpuint (cm_document_get_n_chars (doc), ==, 2000);
  g_assert_cmpuint (cm_document_char_to_byte (doc, 2000), ==, s->len);
  piece = cm_document_dup_range_text (doc, 1500, 1504);
  expected = g_utf8_substring (s->str, 1500, 1504);
  g_assert_cmpstr (piece, ==, expected);
}

static void
test_lookup_and_find (void)
{
  g_autoptr(CmDocument) doc = make_document ();
  guint position = 99;

  g_assert_nonnull (cm_document_lookup_clause (doc, "c2", &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_null (cm_document_lookup_clause (doc, "c9", NULL));
  g_assert_true (cm_document_find_clause_at (doc, 10, &position) == cm_document_get_clause (doc, 1));
  g_assert_true (cm_document_find_clause_at (doc, 0, NULL) == cm_document_get_clause (doc, 0));
  g_assert_true (cm_document_find_clause_at (doc, 28, NULL) == cm_document_get_clause (doc, 2));
}

static void
test_split_merge (void)
{
  g_autoptr(CmDocument) doc = make_document ();
  g_autoptr(GError) error = NULL;
  CmClause *body = cm_document_get_clause (doc, 1);
  CmClause *tail;
  g_autofree char *head_text = NULL;
  g_autofree char *tail_text = NULL;

  cm_clause_toggle_label (body, "collection");
  tail = cm_document_split_clause (doc, body, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_n_clauses (doc), ==, 4);
  g_assert_cmpstr (cm_clause_get_id (tail), ==, "c4");
  g_assert_true (cm_clause_has_label (tail, "collection"));
  head_text = cm_document_dup_clause_text (doc, body);
  tail_text = cm_document_dup_clause_text (doc, tail);
  g_assert_cmpstr (head_text, ==, "We ");
  g_assert_cmpstr (tail_text, ==, "collect data.\n");

  /* Splitting at the clause's edge is refused. */
  g_assert_null (cm_document_split_clause (doc, body, 7, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cm_document_merge_with_next (doc, body, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_n_clauses (doc), ==, 3);
  g_assert_cmpuint (cm_clause_get_end (body), ==, 24);
  g_assert_null (cm_document_lookup_clause (doc, "c4", NULL));

  g_assert_false (cm_document_merge_with_next (doc, cm_document_get_clause (doc, 2), &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/offsets", test_offsets);
  g_test_add_func ("/document/long-text-offsets", test_long_text_offsets);
  g_test_add_func ("/document/lookup-and-find", test_lookup_and_find);
  g_test_add_func ("/document/split-merge", test_split_merge);
  return g_test_run ();
}
