/* test-align-async.c — cm_align_pair_async() and cm_revision_align_async()
 *
 * The links found in the thread are the links cm_align_pair() and
 * cm_revision_align() find (the bundled sample pair and revisions);
 * cancelling, before the thread starts or while it aligns a large
 * generated pair, fails with G_IO_ERROR_CANCELLED and leaves the
 * documents' links as they were; a clause removed while the thread works
 * makes _finish() fail instead of storing links that name it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-annotate.h"
#include "cm-revision-diff.h"
#include "cm-test-util.h"

static CmDocument *
open_sample (const char *name)
{
  g_autofree char *path = cm_test_data_path ("samples", name, NULL);
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  CmDocument *document;

  cm_annotate_options_init (&options);
  document = cm_annotate_file (path, &options, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* A pair of @n numbered sentences each, the English a word-for-word
 * rendering of the Chinese, every 31st sentence left out of the English. */
static void
make_large_pair (guint        n,
                 CmDocument **zh,
                 CmDocument **en)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *zh_path = NULL;
  g_autofree char *en_path = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;

  cm_test_write_large_pair (dir, n, &zh_path, &en_path);
  cm_annotate_options_init (&options);
  *zh = cm_annotate_file (zh_path, &options, NULL, &error);
  g_assert_no_error (error);
  *en = cm_annotate_file (en_path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_n_clauses (*zh), >=, n);
}

typedef struct
{
  gboolean  revision;
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
on_aligned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_null (source);
  wait->ok = wait->revision ? cm_revision_align_finish (result, &wait->error)
                            : cm_align_pair_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The sample pair aligned in a thread: the links of cm_align_pair(), on
 * both documents, and the two made partners. */
static void
test_pair_equals_sync (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  g_autoptr(CmDocument) zh2 = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en2 = open_sample ("sample-en.txt");
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  /* in either order, as cm_align_pair() */
  cm_align_pair_async (en2, zh2, NULL, NULL, on_aligned, &wait);
  g_assert_cmpuint (cm_document_get_links (zh2)->len, ==, 0);
  wait_for (&wait);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_cmpuint (cm_document_get_links (zh)->len, >, 10);
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), cm_document_get_links (zh2), TRUE));
  g_assert_true (cm_test_links_equal (cm_document_get_links (en), cm_document_get_links (en2), TRUE));
  g_assert_cmpstr (cm_document_get_partner_id (zh2), ==, cm_document_get_id (en2));
  g_assert_cmpstr (cm_document_get_partner_id (en2), ==, cm_document_get_id (zh2));
}

/* A reviewer's link survives aligning again, in a thread as in sync. */
static void
test_pair_keeps_reviewed (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  CmLink *kept;
  Wait wait = { 0 };

  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  /* a reviewer joined the first two links' English into the first */
  links = cm_test_copy_links (cm_document_get_links (zh));
  kept = g_ptr_array_index (links, 2);
  kept->reviewed = TRUE;
  cm_document_set_links (zh, links);
  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  expected = cm_test_copy_links (cm_document_get_links (zh));
  g_assert_true (((CmLink *) g_ptr_array_index (expected, 2))->reviewed);

  cm_document_set_links (zh, links);
  cm_align_pair_async (zh, en, NULL, NULL, on_aligned, &wait);
  wait_for (&wait);
  g_assert_no_error (wait.error);
  g_assert_true (cm_test_links_equal (expected, cm_document_get_links (zh), TRUE));
}

static void
test_revision_equals_sync (void)
{
  static const char *languages[] = { "zh", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *old_name = g_strdup_printf ("revision-%s-2025.txt", languages[l]);
      g_autofree char *new_name = g_strdup_printf ("revision-%s-2026.txt", languages[l]);
      g_autoptr(CmDocument) old_version = open_sample (old_name);
      g_autoptr(CmDocument) new_version = open_sample (new_name);
      g_autoptr(CmDocument) old2 = open_sample (old_name);
      g_autoptr(CmDocument) new2 = open_sample (new_name);
      g_autoptr(GError) error = NULL;
      Wait wait = { .revision = TRUE };

      g_assert_true (cm_revision_align (old_version, new_version, &error));
      g_assert_no_error (error);
      cm_revision_align_async (old2, new2, NULL, on_aligned, &wait);
      wait_for (&wait);
      g_assert_no_error (wait.error);
      g_assert_true (wait.ok);
      g_assert_true (cm_test_links_equal (cm_document_get_links (old_version), cm_document_get_links (old2), TRUE));
      g_assert_true (cm_test_links_equal (cm_document_get_links (new_version), cm_document_get_links (new2), TRUE));
      g_assert_cmpstr (cm_document_get_partner_id (old2), ==, cm_document_get_id (new2));
    }
}

/* 2 x 10,000 generated clauses: the same links as cm_align_pair(); the
 * times of the two are printed (the main loop stays free meanwhile). */
static void
test_large_equals_sync (void)
{
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmDocument) zh2 = NULL;
  g_autoptr(CmDocument) en2 = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gint64 start, returned;

  make_large_pair (10000, &zh, &en);
  make_large_pair (10000, &zh2, &en2);
  start = g_get_monotonic_time ();
  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("2 x 10,000 clauses: cm_align_pair %.3f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  start = g_get_monotonic_time ();
  cm_align_pair_async (zh2, en2, NULL, NULL, on_aligned, &wait);
  returned = g_get_monotonic_time ();
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("cm_align_pair_async returned after %.3f s (the snapshots), finished after %.3f s",
                  (returned - start) / (double) G_USEC_PER_SEC,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_no_error (wait.error);
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), cm_document_get_links (zh2), TRUE));
  g_assert_true (cm_test_links_equal (cm_document_get_links (en), cm_document_get_links (en2), TRUE));
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

/* Cancelled before the thread runs and at two points while it aligns
 * 2 x 10,000 clauses: G_IO_ERROR_CANCELLED, the links and partners as they were
 * (here: those of an earlier alignment with a reviewed link). */
static void
test_cancel (void)
{
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) zh_before = NULL;
  g_autoptr(GPtrArray) en_before = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  const char *first_zh[2] = { NULL, NULL }, *first_en[2] = { NULL, NULL };
  gint64 start;

  make_large_pair (10000, &zh, &en);
  first_zh[0] = cm_clause_get_id (cm_document_get_clause (zh, 0));
  first_en[0] = cm_clause_get_id (cm_document_get_clause (en, 0));
  g_ptr_array_add (one, cm_link_new (first_zh, first_en, 1.0));
  cm_document_set_links (zh, one);
  zh_before = cm_test_copy_links (cm_document_get_links (zh));
  en_before = cm_test_copy_links (cm_document_get_links (en));

  /* before the thread starts; while it reads the clauses (20 ms in);
   * while it fills the band (120 ms in: the whole takes 0.4 s) */
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Wait wait = { .revision = round == 2 };

      start = g_get_monotonic_time ();
      if (round == 0)
        g_cancellable_cancel (cancellable);
      else
        g_timeout_add (round == 3 ? 120 : 20, cancel_soon, cancellable);
      if (wait.revision)
        cm_revision_align_async (zh, en, cancellable, on_aligned, &wait);
      else
        cm_align_pair_async (zh, en, NULL, cancellable, on_aligned, &wait);
      wait_for (&wait);
      g_test_message ("round %u: cancelled after %.3f s", round,
                      (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (wait.ok);
      g_clear_error (&wait.error);
      g_assert_true (cm_test_links_equal (zh_before, cm_document_get_links (zh), TRUE));
      g_assert_true (cm_test_links_equal (en_before, cm_document_get_links (en), TRUE));
      g_assert_null (cm_document_get_partner_id (zh));
      g_assert_null (cm_document_get_partner_id (en));
    }
}

/* A clause removed while the thread aligns: _finish() says the documents
 * changed and stores nothing. */
static void
test_changed_meanwhile (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  Wait wait = { 0 };

  cm_align_pair_async (zh, en, NULL, NULL, on_aligned, &wait);
  cm_document_remove_clause (zh, 1);
  wait_for (&wait);
  g_assert_error (wait.error, CM_ERROR, CM_ERROR_FAILED);
  g_assert_false (wait.ok);
  g_clear_error (&wait.error);
  g_assert_cmpuint (cm_document_get_links (zh)->len, ==, 0);
  g_assert_cmpuint (cm_document_get_links (en)->len, ==, 0);
}

/* Nothing to align: the sync error, through the task. */
static void
test_empty (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = cm_document_new ("empty-en", "");
  Wait wait = { 0 };

  cm_document_set_language (en, "en");
  cm_align_pair_async (zh, en, NULL, NULL, on_aligned, &wait);
  wait_for (&wait);
  g_assert_error (wait.error, CM_ERROR, CM_ERROR_EMPTY);
  g_clear_error (&wait.error);
}

static void
on_documents_aligned (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GPtrArray **links = user_data;
  g_autoptr(GError) error = NULL;

  *links = cm_align_documents_finish (result, &error);
  if (*links == NULL)
    {
      g_assert_nonnull (error);
      *links = g_ptr_array_new ();
      g_ptr_array_set_free_func (*links, NULL);
      g_ptr_array_add (*links, g_steal_pointer (&error));
    }
}

/* cm_align_documents_async(): the links of cm_align_documents() (or, for
 * two versions of one language, cm_align_versions()), stored nowhere;
 * cancelled or with nothing to align, the error. (The side-by-side view
 * re-aligns selected rows with it.) */
static void
test_documents_equals_sync (void)
{
  static const char *pairs[][2] = {
    { "sample-zh.txt", "sample-en.txt" },
    { "revision-en-2025.txt", "revision-en-2026.txt" },
  };

  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autoptr(CmDocument) a = open_sample (pairs[p][0]);
      g_autoptr(CmDocument) b = open_sample (pairs[p][1]);
      g_autoptr(GError) error = NULL;
      gboolean monolingual = p == 1;
      g_autoptr(GPtrArray) sync = monolingual ? cm_align_versions (a, b, NULL, &error)
                                              : cm_align_documents (a, b, NULL, &error);
      g_autoptr(GPtrArray) async = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      g_assert_no_error (error);
      cm_align_documents_async (a, b, monolingual, NULL, NULL, on_documents_aligned, &async);
      while (async == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (cm_test_links_equal (sync, async, TRUE));
      g_assert_cmpuint (cm_document_get_links (a)->len, ==, 0);
      g_assert_cmpuint (cm_document_get_links (b)->len, ==, 0);
      g_clear_pointer (&async, g_ptr_array_unref);

      g_cancellable_cancel (cancellable);
      cm_align_documents_async (a, b, monolingual, NULL, cancellable, on_documents_aligned, &async);
      while (async == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (async->len, ==, 1);
      g_assert_error ((GError *) async->pdata[0], G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_error_free (async->pdata[0]);
    }
  {
    g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
    g_autoptr(CmDocument) en = cm_document_new ("empty-en", "");
    g_autoptr(GPtrArray) async = NULL;

    cm_document_set_language (en, "en");
    cm_align_documents_async (zh, en, FALSE, NULL, NULL, on_documents_aligned, &async);
    while (async == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (async->len, ==, 1);
    g_assert_error ((GError *) async->pdata[0], CM_ERROR, CM_ERROR_EMPTY);
    g_error_free (async->pdata[0]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/align-async/pair-equals-sync", test_pair_equals_sync);
  g_test_add_func ("/align-async/pair-keeps-reviewed", test_pair_keeps_reviewed);
  g_test_add_func ("/align-async/revision-equals-sync", test_revision_equals_sync);
  g_test_add_func ("/align-async/large-equals-sync", test_large_equals_sync);
  g_test_add_func ("/align-async/cancel", test_cancel);
  g_test_add_func ("/align-async/changed-meanwhile", test_changed_meanwhile);
  g_test_add_func ("/align-async/empty", test_empty);
  g_test_add_func ("/align-async/documents-equals-sync", test_documents_equals_sync);
  return g_test_run ();
}
