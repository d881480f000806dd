/* test-annotate-stream.c — the streaming annotate (segment → label → write
 * a few thousand clauses at a time) writes byte for byte what annotating
 * the whole document writes, and never holds all the clauses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-model.h"
#include "cm-stacker.h"
#include "cm-test-util.h"

static CmModelSet *models;
static CmFlagger *flagger;

/* A policy of @n_sections sections in both languages, written for this
 * test: numbered and unnumbered headings, sub-sections, long lists under a
 * lead-in (more items than the lead-in reaches), a boilerplate line, and
 * a run-on line longer than a clause may be. */
static char *
make_policy (guint n_sections)
{
  GString *text = g_string_new ("Example Privacy Policy\n\n");

  for (guint s = 1; s <= n_sections; s++)
    {
      g_string_append_printf (text, "%u. How We Use Data Set %u\n\n", s, s);
      g_string_append (text, "We use your contact details to answer your requests. "
                             "We keep logs for thirty days. We do not sell them.\n\n");
      g_string_append_printf (text, "%u.1 Sharing\n\n", s);
      g_string_append (text, "We may share the following with our partners:\n");
      for (guint i = 0; i < 45 + s % 7; i++)
        g_string_append_printf (text, "- item %u: your device identifier and approximate "
                                      "location for service %u;\n", i, s);
      g_string_append (text, "\n");
      g_string_append_printf (text, "第%u条 我们如何保护您的个人信息\n\n", s);
      g_string_append (text, "一、我们会采取加密等安全措施保护您的个人信息。"
                             "我们不会向第三方出售您的信息。\n");
      g_string_append (text, "二、您可以通过以下方式联系我们：\n（一）发送电子邮件；\n"
                             "（二）拨打客服电话。\n\n");
      if (s % 5 == 0)
        {
          g_string_append (text, "Copyright © 2026 Example Inc. All rights reserved.\n\n");
          for (guint i = 0; i < 300; i++)
            g_string_append (text, "收集的数据包括姓名、电话号码、地址、");
          g_string_append (text, "\n\n");
        }
    }
  return g_string_free (text, FALSE);
}

static CmLoadedText *
load (const char *text,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  CmLoadedText *loaded = cm_loader_load_data (text, strlen (text), name, NULL, &error);

  g_assert_no_error (error);
  return loaded;
}

static char *
read_all (int    fd,
          gsize *length)
{
  GString *out = g_string_new (NULL);
  char buffer[65536];
  gssize n;

  g_assert_cmpint (lseek (fd, 0, SEEK_SET), ==, 0);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  *length = out->len;
  return g_string_free (out, FALSE);
}

/* Streamed with @chunk_size: the output, and the totals. */
static char *
annotate_streamed (const char       *text,
                   const char       *name,
                   guint             chunk_size,
                   CmAnnotateTotals *totals,
                   gsize            *length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = load (text, name);
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  CmAnnotateOptions options;
  char *json;
  int fd;

  cm_annotate_options_init (&options);
  options.models = models;
  options.flagger = flagger;
  options.chunk_size = chunk_size;
  fd = g_open (path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (cm_annotate_loaded_to_fd (loaded, "doc", &options, fd, totals, &error));
  g_assert_no_error (error);
  g_assert_null (loaded->text);  /* taken */
  json = read_all (fd, length);
  close (fd);
  return json;
}

static char *
annotate_whole (const char *text,
                const char *name,
                guint      *n_clauses,
                gsize      *length)
{
  g_autoptr(CmLoadedText) loaded = load (text, name);
  g_autoptr(CmDocument) document = NULL;
  CmAnnotateOptions options;

  cm_annotate_options_init (&options);
  options.models = models;
  options.flagger = flagger;
  document = cm_annotate_loaded (loaded, "doc", &options);
  *n_clauses = cm_document_get_n_clauses (document);
  return cm_document_to_json (document, length);
}

static void
assert_same_output (const char *text,
                    const char *name)
{
  static const guint chunk_sizes[] = { 1, 2, 7, 40, 41, 64, 333, CM_ANNOTATE_CHUNK_SIZE };
  g_autofree char *whole = NULL;
  gsize whole_length;
  guint n_clauses;

  whole = annotate_whole (text, name, &n_clauses, &whole_length);
  g_assert_cmpuint (n_clauses, >, 0);
  for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
    {
      g_autofree char *streamed = NULL;
      CmAnnotateTotals totals;
      gsize length;

      streamed = annotate_streamed (text, name, chunk_sizes[c], &totals, &length);
      g_assert_cmpuint (totals.n_clauses, ==, n_clauses);
      if (length != whole_length || memcmp (streamed, whole, length) != 0)
        {
          gsize at = 0;

          while (at < MIN (length, whole_length) && streamed[at] == whole[at])
            at++;
          g_test_message ("%s, chunks of %u: first difference at byte %" G_GSIZE_FORMAT
                          ": …%.80s… vs …%.80s…", name, chunk_sizes[c], at,
                          whole + (at > 40 ? at - 40 : 0), streamed + (at > 40 ? at - 40 : 0));
          g_test_fail ();
          return;
        }
    }
}

/* Chunk boundaries anywhere: inside sections, heading paths, lists (the
 * lead-in 40 back), Chinese and English, boilerplate and cut clauses. */
static void
test_same_as_whole_made (void)
{
  static const guint sizes[] = { 1, 3, 11, 40 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *text = make_policy (sizes[i]);
      g_autofree char *name = g_strdup_printf ("made-%u.txt", sizes[i]);

      assert_same_output (text, name);
    }
}

/* The samples, and HTML (with the loader's block hints). */
static void
test_same_as_whole_samples (void)
{
  static const char *const samples[] = { "sample-en.txt", "sample-zh.txt", "sample-pair.txt",
                                         "sample.html" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = cm_test_data_path ("samples", samples[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      assert_same_output (text, samples[i]);
    }
}

/* Pages that declare their languages in lang attributes: the clauses
 * take the declared language as they are made. */
static void
test_same_as_whole_declared_languages (void)
{
  static const char *const pages[] = { "lang-divs.html", "lang-paragraphs.html", "lang-rows.html" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                                "bilingual", pages[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      assert_same_output (text, pages[i]);
    }
}

/* A model with a second stage reads whole sections: the streamed
 * annotate falls back to the whole document, with the same output. */
static void
test_second_stage_falls_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmModelSet) stacked = cm_model_set_load_default (&error);
  g_autofree char *text = make_policy (4);
  g_autofree char *whole = NULL, *streamed = NULL;
  g_autofree float *weights = NULL;
  CmModelSet *plain = models;
  CmModel *zh;
  CmAnnotateTotals totals;
  gsize whole_length, length;
  guint n_clauses, L;

  g_assert_no_error (error);
  zh = cm_model_set_get_model (stacked, "zh");
  L = cm_model_get_n_labels (zh);
  weights = g_new (float, L * (CM_STACK_N_BLOCKS + 1));
  for (guint l = 0; l < L; l++)
    for (guint b = 0; b <= CM_STACK_N_BLOCKS; b++)
      weights[l * (CM_STACK_N_BLOCKS + 1) + b] = b == CM_STACK_N_BLOCKS ? -0.5f : 0.5f + 0.25f * b;
  cm_model_set_stack (zh, weights);
  g_assert_true (cm_model_set_has_second_stage (stacked));

  models = stacked;
  whole = annotate_whole (text, "stacked.txt", &n_clauses, &whole_length);
  streamed = annotate_streamed (text, "stacked.txt", 7, &totals, &length);
  models = plain;
  g_assert_cmpuint (totals.n_clauses, ==, n_clauses);
  g_assert_cmpmem (streamed, length, whole, whole_length);
}

/* An input of thousands of clauses never has more than a chunk, its
 * context and the next clause alive at once. */
static void
test_holds_a_chunk (void)
{
  g_autofree char *text = make_policy (90);
  g_autofree char *json = NULL;
  CmAnnotateTotals totals;
  gsize length;
  guint before = cm_clause_count_live ();

  json = annotate_streamed (text, "big.txt", 50, &totals, &length);
  g_test_message ("%u clauses, peak %u held by the pipeline, %u alive", totals.n_clauses,
                  totals.peak_pending, totals.peak_live_clauses);
  g_assert_cmpuint (totals.n_clauses, >, 5000);
  g_assert_cmpuint (totals.peak_pending, <=, 50 + CM_CLAUSE_CONTEXT_REACH_BEFORE + 2);
  g_assert_cmpuint (totals.peak_live_clauses, <=, before + 50 + CM_CLAUSE_CONTEXT_REACH_BEFORE + 4);
  g_assert_cmpuint (cm_clause_count_live (), ==, before);  /* nothing leaks */
}

/* Into a corpus: the same file and manifest entry as adding the whole
 * document. */
static void
test_corpus (void)
{
  g_autofree char *text = make_policy (5);
  g_autofree char *dir_whole = cm_test_make_tmpdir ();
  g_autofree char *dir_streamed = cm_test_make_tmpdir ();
  g_autofree char *file_whole = g_build_filename (dir_whole, "doc.json", NULL);
  g_autofree char *file_streamed = g_build_filename (dir_streamed, "doc.json", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(CmCorpus) whole = NULL;
  g_autoptr(CmCorpus) streamed = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  CmAnnotateTotals totals;
  gsize la, lb;

  cm_annotate_options_init (&options);
  options.models = models;
  options.flagger = flagger;
  options.chunk_size = 100;
  whole = cm_corpus_open (dir_whole, TRUE, &error);
  g_assert_no_error (error);
  streamed = cm_corpus_open (dir_streamed, TRUE, &error);
  g_assert_no_error (error);

  loaded = load (text, "doc.txt");
  document = cm_annotate_loaded (loaded, "doc", &options);
  g_assert_true (cm_corpus_add_document (whole, document, &error));
  g_assert_no_error (error);
  g_assert_true (cm_annotate_loaded_into_corpus (loaded, "doc", &options, streamed, &totals,
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (cm_corpus_save_manifest (whole, &error));
  g_assert_true (cm_corpus_save_manifest (streamed, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (file_whole, &a, &la, NULL));
  g_assert_true (g_file_get_contents (file_streamed, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  back = cm_document_load (file_streamed, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (back, document));
  g_assert_cmpuint (totals.n_clauses, ==, cm_document_get_n_clauses (document));
}

/* A producer that breaks a rule (clauses out of order) fails the save,
 * and the previous file stays whole: never half a document. */
static gboolean
produce_out_of_order (CmDocumentStream  *stream,
                      gpointer           user_data,
                      GError           **error)
{
  g_autoptr(CmClause) first = cm_clause_new ("c1", 5, 10, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) second = cm_clause_new ("c2", 0, 4, CM_CLAUSE_KIND_BODY);

  cm_clause_set_language (first, "en");
  cm_clause_set_language (second, "en");
  return cm_document_stream_add_clause (stream, first, error)
         && cm_document_stream_add_clause (stream, second, error);
}

static void
test_bad_clause_keeps_file (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autoptr(CmDocument) old = cm_document_new ("doc", "Old text. Still here.");
  g_autoptr(CmDocument) head = cm_document_new ("doc", "New text that is longer.");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  cm_document_set_language (old, "en");
  cm_document_set_language (head, "en");
  g_assert_true (cm_document_save (old, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_false (cm_document_save_streamed (head, path, NULL, produce_out_of_order, NULL, NULL,
                                             &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CM_ERROR);
  g_assert_nonnull (strstr (error->message, "text order"));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);  /* no temporary file left */
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  models = cm_model_set_load_default (&error);
  g_assert_no_error (error);
  flagger = cm_flagger_load_default (&error);
  g_assert_no_error (error);
  g_test_add_func ("/annotate-stream/same-as-whole/made", test_same_as_whole_made);
  g_test_add_func ("/annotate-stream/same-as-whole/samples", test_same_as_whole_samples);
  g_test_add_func ("/annotate-stream/same-as-whole/declared-languages",
                   test_same_as_whole_declared_languages);
  g_test_add_func ("/annotate-stream/second-stage-falls-back", test_second_stage_falls_back);
  g_test_add_func ("/annotate-stream/holds-a-chunk", test_holds_a_chunk);
  g_test_add_func ("/annotate-stream/corpus", test_corpus);
  g_test_add_func ("/annotate-stream/bad-clause-keeps-file", test_bad_clause_keeps_file);
  status = g_test_run ();
  g_clear_object (&models);
  g_clear_object (&flagger);
  return status;
}
