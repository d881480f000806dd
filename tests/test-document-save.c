/* test-document-save.c — saving documents: atomic saves with a backup,
 * recovery copies, large documents streamed, write errors, refusals that
 * leave the file untouched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "test-document-io-private.h"

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_temporary_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".tmp-") != NULL)
      n++;
  return n;
}

static void
test_save_load_backup (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *first = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(CmDocument) loaded = NULL;
  g_autoptr(CmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (cm_path_is_document (path));
  loaded = cm_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (doc, loaded));
  first = read_file (path);

  /* Second save: the first version stays as "~". */
  cm_document_set_title (doc, "Changed");
  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  kept = read_file (backup);
  g_assert_cmpstr (kept, ==, first);
  reloaded = cm_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cm_document_get_title (reloaded), ==, "Changed");
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

/* Recovery copies: the same JSON as a save, replaced in place without a
 * backup or a leftover temporary file; an invalid document is refused and
 * the previous copy stays. */
static void
test_save_recovery (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "recovery.json", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(CmDocument) loaded = NULL;
  g_autoptr(CmDocument) bad = cm_document_new ("bad", "abcdef");
  CmClause *clauses[] = {
    cm_clause_new ("c1", 0, 4, CM_CLAUSE_KIND_BODY),
    cm_clause_new ("c2", 2, 6, CM_CLAUSE_KIND_BODY),
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_document_save_recovery (doc, path, &error));
  g_assert_no_error (error);
  cm_document_set_title (doc, "Changed");
  g_assert_true (cm_document_save_recovery (doc, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
  written = read_file (path);
  expected = cm_document_to_json (doc, NULL);
  g_assert_cmpstr (written, ==, expected);
  loaded = cm_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (doc, loaded));

  cm_document_set_clauses (bad, clauses, 2);
  g_object_unref (clauses[0]);
  g_object_unref (clauses[1]);
  g_assert_false (cm_document_save_recovery (bad, path, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  kept = read_file (path);
  g_assert_cmpstr (kept, ==, expected);
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

/* A document whose JSON is several megabytes: a text with escapes spread
 * through it and a plain run longer than the writer's 1 MB buffer, and
 * enough clauses that their JSON crosses many buffer boundaries. */
static CmDocument *
make_large_document (void)
{
  g_autoptr(GString) text_buffer = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  const char *path[] = { "Section \"B\"", "一、共享", NULL };
  const char *labels[] = { "sharing", NULL };
  CmSuggestion suggestions[] = { { "sharing", 0.75 }, { "collection", 0.125 } };
  const char *chunk = "We \"share\" data\\now.\t\x02 ";  /* 28 characters */
  CmDocument *doc;
  guint n_chars;

  for (guint i = 0; i < 40000; i++)
    g_string_append (text_buffer, chunk);
  for (guint i = 0; i < 1500000; i++)
    g_string_append_c (text_buffer, (char) ('a' + i % 26));
  g_string_append (text_buffer, " 完。\n");
  doc = cm_document_new ("large", text_buffer->str);
  n_chars = cm_document_get_n_chars (doc);
  cm_document_set_language (doc, "en");
  cm_document_set_taxonomy_id (doc, "privacy-11");
  for (guint i = 0; i < 40000; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      CmClause *clause = cm_clause_new (id, i * 28, i * 28 + 27, CM_CLAUSE_KIND_BODY);

      cm_clause_set_language (clause, "en");
      if (i % 7 != 0)
        cm_clause_set_heading_path (clause, path);
      cm_clause_set_labels (clause, labels);
      cm_clause_set_suggestions (clause, suggestions, G_N_ELEMENTS (suggestions));
      cm_clause_set_confidence (clause, 0.75);
      cm_clause_set_note (clause, i % 3 == 0 ? "a \"note\"\n" : NULL);
      g_ptr_array_add (clauses, clause);
    }
  g_ptr_array_add (clauses, cm_clause_new ("last", 40000 * 28, n_chars, CM_CLAUSE_KIND_BODY));
  cm_clause_set_language (g_ptr_array_index (clauses, clauses->len - 1), "en");
  cm_document_set_clauses (doc, (CmClause **) clauses->pdata, clauses->len);
  return doc;
}

static void
assert_file_holds (const char *path,
                   const char *expected,
                   gsize       expected_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, expected_length);
  g_assert_true (memcmp (contents, expected, length) == 0);
}

/* Saving streams the JSON through a bounded buffer into the file: the bytes
 * must be those of cm_document_to_json(), alone and in a batch. */
static void
test_save_large_streams_same_bytes (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autofree char *batch_path = g_build_filename (dir, "large-batch.json", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(CmDocument) doc = make_large_document ();
  g_autoptr(CmDocument) loaded = NULL;
  g_autoptr(CmAtomicBatch) batch = cm_atomic_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *first_json = NULL;
  gsize length, first_length;

  first_json = cm_document_to_json (doc, &first_length);
  g_assert_cmpuint (first_length, >, 4 * 1024 * 1024);
  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, first_json, first_length);
  loaded = cm_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (doc, loaded));

  /* Again over it: the first version becomes the backup. */
  cm_document_set_title (doc, "Second");
  json = cm_document_to_json (doc, &length);
  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, json, length);
  assert_file_holds (backup, first_json, first_length);

  g_assert_true (cm_document_save_to_batch (doc, batch_path, batch, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (batch_path, G_FILE_TEST_EXISTS));
  g_assert_true (cm_atomic_batch_commit (batch, &error));
  g_assert_no_error (error);
  assert_file_holds (batch_path, json, length);
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

/* A write that fails halfway through the stream (the file-size limit is
 * reached) fails the save: the previous file stays, no temporary is left. */
static void
test_save_large_write_error (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CmDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 2 * 1024 * 1024, 2 * 1024 * 1024 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  dir = cm_test_make_tmpdir ();
  path = cm_test_write_file (dir, "small.json", "{\"format\":\"clausemark-document\",\"version\":1}", -1);
  doc = make_large_document ();
  /* Past the limit write() fails with EFBIG instead of killing us. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (cm_document_save (doc, path, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cannot write"));
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "{\"format\":\"clausemark-document\",\"version\":1}");
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

static void
assert_save_refused_and_untouched (const char *contents,
                                   int         code)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = cm_test_write_file (dir, "target.json", contents, -1);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *after = NULL;
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cm_document_save (doc, path, &error));
  g_assert_error (error, CM_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = read_file (path);
  g_assert_cmpstr (after, ==, contents);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

static void
test_save_refuses_foreign_and_newer (void)
{
  assert_save_refused_and_untouched ("{\"format\":\"clausemark-document\",\"version\":3,"
                                     "\"future\":true}", CM_ERROR_NEWER_VERSION);
  /* Members in another order: found by reading, still refused. */
  assert_save_refused_and_untouched ("{\"text\":\"x\", \"version\": 3, "
                                     "\"format\": \"clausemark-document\"}",
                                     CM_ERROR_NEWER_VERSION);
  assert_save_refused_and_untouched ("{\"name\": \"my notes\", \"items\": [1, 2]}\n",
                                     CM_ERROR_UNKNOWN_FORMAT);
  assert_save_refused_and_untouched ("Plain text, not JSON at all.\n", CM_ERROR_UNKNOWN_FORMAT);
  assert_save_refused_and_untouched ("{\"format\":\"clausemark-corpus\",\"version\":1}",
                                     CM_ERROR_UNKNOWN_FORMAT);
}

/* A document that breaks the rules is not written (it could not be read back). */
static void
test_save_refuses_invalid_document (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(CmDocument) doc = cm_document_new ("bad", "abcdef");
  CmClause *clauses[] = {
    cm_clause_new ("c1", 0, 4, CM_CLAUSE_KIND_BODY),
    cm_clause_new ("c2", 2, 6, CM_CLAUSE_KIND_BODY),
  };
  g_autoptr(GError) error = NULL;

  cm_document_set_clauses (doc, clauses, 2);
  g_object_unref (clauses[0]);
  g_object_unref (clauses[1]);
  g_assert_false (cm_document_save (doc, path, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "c2"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-io/save-load-backup", test_save_load_backup);
  g_test_add_func ("/document-io/save-large-streams", test_save_large_streams_same_bytes);
  g_test_add_func ("/document-io/save-large-write-error", test_save_large_write_error);
  g_test_add_func ("/document-io/save-refuses-foreign", test_save_refuses_foreign_and_newer);
  g_test_add_func ("/document-io/save-recovery", test_save_recovery);
  g_test_add_func ("/document-io/save-refuses-invalid", test_save_refuses_invalid_document);

  return g_test_run ();
}
