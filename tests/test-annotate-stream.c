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
#include "cm-stack-windows.h"
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

/* Second-stage weights for @n_labels labels, written for these tests:
 * every block (the clause, its previous and next clause, its section's
 * mean) weighs enough to change decisions, differently for each label,
 * some against the label. */
static float *
make_stack_weights (guint n_labels)
{
  guint W = CM_STACK_N_BLOCKS + 1;
  float *weights = g_new (float, n_labels * W);

  for (guint l = 0; l < n_labels; l++)
    {
      float *w = weights + l * W;

      w[0] = 0.6f + 0.1f * (l % 3);              /* the clause */
      w[1] = l % 4 == 1 ? -0.4f : 0.35f;         /* the previous one */
      w[2] = 0.25f + 0.05f * (l % 5);            /* the next one */
      w[3] = l % 4 == 2 ? -0.8f : 1.3f;          /* its section's mean */
      w[CM_STACK_N_BLOCKS] = -0.3f + 0.1f * (l % 2);
    }
  return weights;
}

static void
stack_model (CmModel *model)
{
  g_autofree float *weights = make_stack_weights (cm_model_get_n_labels (model));

  cm_model_set_stack (model, weights);
}

/* The shipped topic models, each with a second stage. */
static CmModelSet *
load_stacked_models (void)
{
  g_autoptr(GError) error = NULL;
  CmModelSet *stacked = cm_model_set_load_default (&error);
  g_auto(GStrv) languages = NULL;

  g_assert_no_error (error);
  languages = cm_model_set_dup_languages (stacked);
  for (guint i = 0; languages[i] != NULL; i++)
    stack_model (cm_model_set_get_model (stacked, languages[i]));
  g_assert_true (cm_model_set_has_second_stage (stacked));
  return stacked;
}

/* The shipped flag models, each with a second stage, and the rules. */
static CmFlagger *
load_stacked_flagger (void)
{
  g_autofree char *shipped = cm_test_data_path ("models", "flags", NULL);
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmSensitiveRules) rules = NULL;
  const char *name;
  CmFlagger *stacked;

  listing = g_dir_open (shipped, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".cmmodel"))
      {
        g_autofree char *from = g_build_filename (shipped, name, NULL);
        g_autofree char *to = g_build_filename (dir, name, NULL);
        g_autoptr(CmModel) model = cm_model_load (from, &error);

        g_assert_no_error (error);
        stack_model (model);
        g_assert_true (cm_model_save (model, to, &error));
        g_assert_no_error (error);
      }
  rules = cm_sensitive_rules_load_default (&error);
  g_assert_no_error (error);
  stacked = cm_flagger_load (dir, rules, &error);
  g_assert_no_error (error);
  g_assert_true (cm_flagger_has_second_stage (stacked));
  return stacked;
}

/* A policy of short sections, written for this test: text before the
 * first heading, sections of one clause and of two, a heading repeated
 * after another one (a new section), a long section of one paragraph,
 * Chinese and English sections in turn, and a last clause alone. */
static char *
make_short_sections (guint n_sections)
{
  GString *text = g_string_new ("We respect your privacy. This policy explains what we do.\n\n");

  for (guint s = 1; s <= n_sections; s++)
    {
      switch (s % 4)
        {
        case 0:
          g_string_append_printf (text, "%u. Contact\n\nWrite to privacy@example.com.\n\n", s);
          break;
        case 1:
          g_string_append_printf (text, "第%u条 信息共享\n\n我们不会与第三方共享您的个人信息。"
                                        "除非获得您的明确同意。\n\n", s);
          break;
        case 2:
          g_string_append_printf (text, "%u. Retention\n\nWe keep account data while the "
                                        "account exists.\n\n", s);
          break;
        default:
          g_string_append (text, "Contact\n\n");
          for (guint i = 0; i < 30 + s % 11; i++)
            g_string_append_printf (text, "We may update this policy, change %u, and tell you "
                                          "by e-mail. ", i);
          g_string_append (text, "\n\n");
          break;
        }
    }
  g_string_append (text, "最后更新：2026年12月1日。\n");
  return g_string_free (text, FALSE);
}

/* Streamed and whole with @stacked_models and @stacked_flagger (NULL:
 * the shipped ones) over inputs whose chunks cut sections, hold sections
 * longer than a chunk, one-clause sections, the first and last clause. */
static void
assert_same_output_stacked (CmModelSet *stacked_models,
                            CmFlagger  *stacked_flagger)
{
  static const char *const samples[] = { "sample-en.txt", "sample-zh.txt", "sample-pair.txt" };
  CmModelSet *plain_models = models;
  CmFlagger *plain_flagger = flagger;
  g_autofree char *policy = make_policy (3);
  g_autofree char *bigger = make_policy (11);
  g_autofree char *short_sections = make_short_sections (23);

  models = stacked_models != NULL ? stacked_models : plain_models;
  flagger = stacked_flagger != NULL ? stacked_flagger : plain_flagger;
  assert_same_output (policy, "stacked-3.txt");
  assert_same_output (bigger, "stacked-11.txt");
  assert_same_output (short_sections, "short-sections.txt");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = cm_test_data_path ("samples", samples[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);
      assert_same_output (text, samples[i]);
    }
  models = plain_models;
  flagger = plain_flagger;
}

/* Topic models with a second stage (neighbours, section means): the
 * streamed annotate writes what the whole document gets. */
static void
test_second_stage_topics (void)
{
  g_autoptr(CmModelSet) stacked = load_stacked_models ();

  assert_same_output_stacked (stacked, NULL);
}

/* The same for flag models with a second stage. */
static void
test_second_stage_flags (void)
{
  g_autoptr(CmFlagger) stacked = load_stacked_flagger ();

  assert_same_output_stacked (NULL, stacked);
}

static void
test_second_stage_both (void)
{
  g_autoptr(CmModelSet) stacked_models = load_stacked_models ();
  g_autoptr(CmFlagger) stacked_flagger = load_stacked_flagger ();

  assert_same_output_stacked (stacked_models, stacked_flagger);
}

/* With a second stage the document is still streamed, never held whole. */
static void
test_second_stage_holds_a_chunk (void)
{
  g_autoptr(CmModelSet) stacked_models = load_stacked_models ();
  g_autoptr(CmFlagger) stacked_flagger = load_stacked_flagger ();
  g_autofree char *text = make_policy (90);
  g_autofree char *json = NULL;
  CmModelSet *plain_models = models;
  CmFlagger *plain_flagger = flagger;
  CmAnnotateTotals totals;
  gsize length;
  guint before = cm_clause_count_live ();

  models = stacked_models;
  flagger = stacked_flagger;
  json = annotate_streamed (text, "big.txt", 50, &totals, &length);
  models = plain_models;
  flagger = plain_flagger;
  g_test_message ("%u clauses, peak %u held by the pipeline, %u alive", totals.n_clauses,
                  totals.peak_pending, totals.peak_live_clauses);
  g_assert_cmpuint (totals.n_clauses, >, 5000);
  g_assert_cmpuint (totals.peak_pending, >, 50);  /* through the chunks, not whole */
  g_assert_cmpuint (totals.peak_pending, <=, 50 + CM_CLAUSE_CONTEXT_REACH_BEFORE + 2);
  g_assert_cmpuint (totals.peak_live_clauses, <=, before + 50 + CM_CLAUSE_CONTEXT_REACH_BEFORE + 4);
  g_assert_cmpuint (cm_clause_count_live (), ==, before);
}

/* The windows' second stage against the whole sequence's, on made-up
 * scores: windows of every size from one clause up, sections of one
 * clause and sections over many windows, headings that come back. */
static void
test_stack_windows_random (void)
{
  g_autoptr(CmModelSet) stacked = load_stacked_models ();
  CmModel *model = cm_model_set_get_model (stacked, "zh");
  static const char *const headings[] = { NULL, "A", "B", "A / 1" };
  guint L = cm_model_get_n_labels (model), n = 3000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autofree double *first_stage = g_new (double, (gsize) n * L);
  g_autofree double *whole = g_new (double, (gsize) n * L);
  g_autofree CmFeatureContext *contexts = g_new0 (CmFeatureContext, n);
  g_autofree guint *order = g_new (guint, n);
  g_autofree CmStackPlace *places = NULL;

  for (guint i = 0; i < n; i++)
    {
      /* runs of 1 to 400 clauses under one heading */
      if (i == 0 || g_rand_int_range (rand, 0, i < 1000 ? 3 : 400) == 0)
        contexts[i].heading = headings[g_rand_int_range (rand, 0, G_N_ELEMENTS (headings))];
      else
        contexts[i].heading = contexts[i - 1].heading;
      order[i] = i;
      for (guint l = 0; l < L; l++)
        first_stage[(gsize) i * L + l] = g_rand_double_range (rand, -4.0, 3.0);
    }
  memcpy (whole, first_stage, sizeof (double) * n * L);
  places = cm_stack_places_of_contexts (contexts, order, n);
  cm_model_stack_scores (model, whole, places, n);

  for (guint max_window = 1; max_window <= 700; max_window = max_window * 3 + 1)
    {
      g_autoptr(CmStackWindows) stack = cm_stack_windows_new ();
      g_autofree double *windowed = g_memdup2 (first_stage, sizeof (double) * n * L);
      g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint at = 0; at < n; at += 1 + g_rand_int_range (rand, 0, max_window))
        g_array_append_val (bounds, at);
      g_array_append_val (bounds, n);
      for (guint pass = 0; pass < 2; pass++)
        for (guint b = 0; b + 1 < bounds->len; b++)
          {
            guint from = g_array_index (bounds, guint, b), to = g_array_index (bounds, guint, b + 1);

            if (pass == 0)
              cm_stack_windows_gather (stack, model, first_stage + (gsize) from * L, contexts,
                                       order + from, to - from);
            else
              cm_stack_windows_apply (stack, model, windowed + (gsize) from * L, contexts,
                                      order + from, to - from);
          }
      g_assert_cmpmem (windowed, sizeof (double) * n * L, whole, sizeof (double) * n * L);
    }
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
  g_test_add_func ("/annotate-stream/second-stage/topics", test_second_stage_topics);
  g_test_add_func ("/annotate-stream/second-stage/flags", test_second_stage_flags);
  g_test_add_func ("/annotate-stream/second-stage/both", test_second_stage_both);
  g_test_add_func ("/annotate-stream/second-stage/holds-a-chunk",
                   test_second_stage_holds_a_chunk);
  g_test_add_func ("/annotate-stream/stack-windows/random", test_stack_windows_random);
  g_test_add_func ("/annotate-stream/holds-a-chunk", test_holds_a_chunk);
  g_test_add_func ("/annotate-stream/corpus", test_corpus);
  g_test_add_func ("/annotate-stream/bad-clause-keeps-file", test_bad_clause_keeps_file);
  status = g_test_run ();
  g_clear_object (&models);
  g_clear_object (&flagger);
  return status;
}
