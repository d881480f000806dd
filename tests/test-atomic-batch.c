/* test-atomic-batch.c — many atomic replacements made durable together:
 * nothing changes before commit, everything after, no temporary file left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "clausemark-core.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-test-util.h"

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static guint
count_temporary_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (strstr (name, ".tmp-") != NULL)
      n++;
  return n;
}

static void
test_commit (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *old = cm_test_write_file (dir, "a.json", "old a", -1);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  g_autofree char *backup = g_strconcat (old, "~", NULL);
  g_autoptr(CmAtomicBatch) batch = cm_atomic_batch_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a_now = NULL, *b_now = NULL, *backup_now = NULL;

  g_assert_true (cm_atomic_batch_add (batch, old, "new a", 5, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cm_atomic_batch_add (batch, b, "new b", 5, TRUE, &error));
  g_assert_cmpuint (cm_atomic_batch_get_n_pending (batch), ==, 2);

  /* Before commit: the old file, no new one, two temporary files. */
  a_now = read_file (old);
  g_assert_cmpstr (a_now, ==, "old a");
  g_assert_false (g_file_test (b, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temporary_files (dir), ==, 2);

  g_assert_true (cm_atomic_batch_commit (batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cm_atomic_batch_get_n_pending (batch), ==, 0);
  g_clear_pointer (&a_now, g_free);
  a_now = read_file (old);
  b_now = read_file (b);
  backup_now = read_file (backup);
  g_assert_cmpstr (a_now, ==, "new a");
  g_assert_cmpstr (b_now, ==, "new b");
  g_assert_cmpstr (backup_now, ==, "old a");
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

static void
test_free_discards (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *old = cm_test_write_file (dir, "a.json", "old a", -1);
  g_autofree char *a_now = NULL;
  CmAtomicBatch *batch = cm_atomic_batch_new ();

  g_assert_true (cm_atomic_batch_add (batch, old, "new a", 5, TRUE, NULL));
  cm_atomic_batch_free (batch);
  a_now = read_file (old);
  g_assert_cmpstr (a_now, ==, "old a");
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
}

static void
test_corpus_batch (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "corpus", NULL);
  g_autoptr(CmCorpus) corpus = cm_corpus_open (folder, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) listed = NULL;
  guint n = 300;  /* more than one group */

  g_assert_nonnull (corpus);
  cm_corpus_begin_batch (corpus);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%03u", i);
      g_autoptr(CmDocument) doc = cm_document_new (id, "One. Two.");
      CmClause *clause = cm_clause_new ("c1", 0, 4, CM_CLAUSE_KIND_BODY);

      cm_document_set_clauses (doc, &clause, 1);
      g_object_unref (clause);
      g_assert_true (cm_corpus_add_document (corpus, doc, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temporary_files (folder), ==, 0);

  listed = cm_corpus_list_documents (corpus);
  g_assert_cmpuint (g_strv_length (listed), ==, n);
  for (guint i = 0; i < n; i += 97)
    {
      g_autofree char *path = g_build_filename (folder, listed[i], NULL);
      g_autoptr(CmDocument) back = cm_document_load (path, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (cm_document_get_n_clauses (back), ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/atomic-batch/commit", test_commit);
  g_test_add_func ("/atomic-batch/free-discards", test_free_discards);
  g_test_add_func ("/atomic-batch/corpus", test_corpus_batch);
  return g_test_run ();
}
