/* test-pdf.c — the PDF loader's round trip: known paragraphs typeset in two
 * columns with running headers, page numbers and hyphenation come back as
 * the same paragraphs, numbering kept, page furniture dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cm-test-pdf.h"
#include "cm-error.h"
#include "cm-loader.h"

static const CmTestPdfParagraph policy[] = {
  { "Acme Cloud Privacy Policy", TRUE },
  { "This privacy policy explains how Acme Cloud Incorporated collects, uses, discloses and "
    "otherwise processes personal information in connection with its international "
    "synchronization services, its administration consoles and its customer support.", FALSE },
  { "1. Information We Collect", TRUE },
  { "We collect information that you provide directly, information generated automatically "
    "when you use the services, and information that we receive from third parties such as "
    "authentication providers, payment processors and advertising partners.", FALSE },
  { "1.1 Account information. When you register, we collect your name, your e-mail address, "
    "your organization, your telephone number and the credentials that you choose.", FALSE },
  { "1.2 Usage information. We automatically record diagnostic information, including "
    "timestamps, approximate location derived from network addresses, configuration "
    "characteristics and the performance of synchronization requests.", FALSE },
  { "2. How We Use Information", TRUE },
  { "(a) to provide, maintain and improve the services and their reliability;", FALSE },
  { "(b) to communicate with you about administrative matters, security notifications and "
    "contractual obligations;", FALSE },
  { "(c) to comply with applicable legislation, regulatory requirements and lawful requests "
    "from governmental authorities.", FALSE },
  { "3. Retention", TRUE },
  { "We retain personal information for as long as your account remains active and for "
    "twenty-four months afterwards, unless a longer retention period is required by law. "
    "Anonymized statistics may be kept indefinitely.", FALSE },
  { "4. 联系我们", TRUE },
  { "如您对本隐私政策有任何疑问、意见或建议，您可以通过发送电子邮件至隐私保护专员的方式与我们联系，"
    "我们将在收到您的请求后十五个工作日内予以答复。", FALSE },
  { "5. Changes to This Policy", TRUE },
  { "We may update this policy from time to time. When we make material changes, we will "
    "notify you by e-mail or by a prominent notice within the administration console before "
    "the changes become effective.", FALSE },
};

/* The policy three times over: long enough for columns and pages to break
 * paragraphs, and for the header to run. */
#define COPIES 3
#define N_PARAGRAPHS (COPIES * G_N_ELEMENTS (policy))

static const CmTestPdfParagraph *
paragraph (guint i)
{
  return &policy[i % G_N_ELEMENTS (policy)];
}

static CmLoadedText *
load_typeset_with_header (guint       columns,
                          const char *header,
                          guint      *n_pages)
{
  CmTestPdfParagraph text[N_PARAGRAPHS];
  g_autoptr(GBytes) pdf = NULL;
  CmLoadedText *loaded;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  for (guint i = 0; i < N_PARAGRAPHS; i++)
    text[i] = *paragraph (i);
  pdf = cm_test_pdf_typeset (text, N_PARAGRAPHS, columns, header, n_pages);
  data = g_bytes_get_data (pdf, &size);
  /* CM_TEST_PDF_KEEP=DIR keeps the typeset files to look at. */
  if (g_getenv ("CM_TEST_PDF_KEEP") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("policy-%u-columns.pdf", columns);
      g_autofree char *path = g_build_filename (g_getenv ("CM_TEST_PDF_KEEP"), name, NULL);

      g_assert_true (g_file_set_contents (path, data, size, NULL));
    }
  /* Named .bin: the loader must know a PDF by its first bytes. */
  loaded = cm_loader_load_data (data, size, "policy.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "pdf");
  return loaded;
}

static CmLoadedText *
load_typeset (guint  columns,
              guint *n_pages)
{
  return load_typeset_with_header (columns, "Acme Cloud — Privacy Policy, version 7", n_pages);
}

static void
assert_round_trip (CmLoadedText *loaded)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *text = g_strndup (loaded->text, loaded->size);
  guint n;

  g_strchomp (text);
  paragraphs = g_strsplit (text, "\n\n", -1);
  n = g_strv_length (paragraphs);
  for (guint i = 0; i < MIN (n, N_PARAGRAPHS); i++)
    {
      g_test_message ("paragraph %u: %s", i, paragraphs[i]);
      g_assert_cmpstr (paragraphs[i], ==, paragraph (i)->text);
    }
  g_assert_cmpuint (n, ==, N_PARAGRAPHS);
  /* The running header and the page numbers are gone, and said to be. */
  g_assert_null (strstr (loaded->text, "version 7"));
  g_assert_null (strstr (loaded->text, "Page 1"));
  g_assert_null (strstr (loaded->text, "Page 2"));
}

static void
test_two_columns (void)
{
  guint n_pages = 0;
  g_autoptr(CmLoadedText) loaded = load_typeset (2, &n_pages);
  g_autofree char *report = cm_loaded_text_dup_report (loaded);

  g_assert_cmpuint (n_pages, >=, 2);
  assert_round_trip (loaded);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, "running headers"));
}

/* A running header wider than a column (it goes once the pages are
 * compared) must not be taken for the column's right edge: short lines
 * would all seem to end their paragraphs. */
static void
test_wide_header (void)
{
  guint n_pages = 0;
  g_autoptr(CmLoadedText) loaded = load_typeset_with_header (
    2, "Acme Cloud Corporation — Privacy Policy, version 7 — for customers in every country we serve",
    &n_pages);

  g_assert_cmpuint (n_pages, >=, 2);
  assert_round_trip (loaded);
}

static void
test_one_column (void)
{
  guint n_pages = 0;
  g_autoptr(CmLoadedText) loaded = load_typeset (1, &n_pages);

  assert_round_trip (loaded);
}

/* Headings set larger are hinted as headings. */
static void
test_headings (void)
{
  g_autoptr(CmLoadedText) loaded = load_typeset (2, NULL);
  guint headings = 0;

  for (guint i = 0; i < loaded->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

      if (hint->kind == CM_BLOCK_HEADING)
        headings++;
    }
  g_assert_cmpuint (headings, ==, 6 * COPIES);
}

static void
test_broken (void)
{
  static const char not_pdf[] = "%PDF-1.7\nthis is not a PDF at all\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (not_pdf, sizeof not_pdf - 1,
                                                        "broken.pdf", NULL, &error);

  g_assert_null (loaded);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "broken.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/two-columns", test_two_columns);
  g_test_add_func ("/pdf/one-column", test_one_column);
  g_test_add_func ("/pdf/wide-header", test_wide_header);
  g_test_add_func ("/pdf/headings", test_headings);
  g_test_add_func ("/pdf/broken", test_broken);
  status = g_test_run ();
  cm_test_pdf_shutdown ();
  return status;
}
