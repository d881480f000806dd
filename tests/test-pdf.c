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

/* A French policy written for this test, set in two columns at 10 points
 * with a header: some paragraphs end on a full line, and only the space
 * between paragraphs tells them apart. */
static const CmTestPdfParagraph french[] = {
  { "Politique de confidentialité de la société Atelier Beaulieu", TRUE },
  { "La présente politique de confidentialité a pour objet d’informer les utilisateurs du site et les clients de la boutique en ligne de la manière dont la société Atelier Beaulieu collecte et traite leurs données à caractère personnel, conformément au règlement général sur la protection des données.", FALSE },
  { "1. Responsable du traitement", TRUE },
  { "Le responsable du traitement est la société Atelier Beaulieu, société par actions simplifiée dont le siège social est situé au 8 rue des Tanneurs, 69002 Lyon. Vous pouvez contacter notre délégué à la protection des données à l’adresse dpo@beaulieu.example.", FALSE },
  { "2. Données collectées", TRUE },
  { "Lors de la création de votre compte ou de la passation d’une commande, nous collectons vos nom, prénom, adresse postale, adresse électronique, numéro de téléphone ainsi que les informations nécessaires au paiement.", FALSE },
  { "Lors de votre navigation, nous collectons automatiquement des données techniques telles que votre adresse IP, le type de navigateur, les pages consultées et la durée de consultation, au moyen de cookies et de traceurs.", FALSE },
  { "3. Finalités et bases légales", TRUE },
  { "Vos données sont traitées pour l’exécution de vos commandes et la gestion de la relation client, sur le fondement du contrat ; pour l’envoi de lettres d’information, sur le fondement de votre consentement ; et pour la prévention de la fraude, sur le fondement de notre intérêt légitime.", FALSE },
  { "4. Destinataires des données", TRUE },
  { "Les données sont destinées aux services internes de la société ainsi qu’à nos sous-traitants chargés de la livraison, du paiement sécurisé et de l’hébergement du site. Ces prestataires n’agissent que sur nos instructions et sont tenus à une obligation de confidentialité.", FALSE },
  { "Certains de nos prestataires sont situés en dehors de l’Union européenne. Dans ce cas, les transferts sont encadrés par les clauses contractuelles types adoptées par la Commission européenne.", FALSE },
  { "5. Durée de conservation", TRUE },
  { "Les données relatives aux clients sont conservées pendant toute la durée de la relation commerciale, puis pendant trois ans à des fins de prospection. Les pièces comptables sont conservées dix ans conformément aux obligations légales.", FALSE },
  { "6. Vos droits", TRUE },
  { "Vous disposez d’un droit d’accès, de rectification, d’effacement et de portabilité de vos données, ainsi que d’un droit d’opposition et de limitation du traitement. Vous pouvez également définir des directives relatives au sort de vos données après votre décès.", FALSE },
  { "Pour exercer ces droits, il vous suffit d’écrire à notre délégué à la protection des données en joignant un justificatif d’identité. Vous avez enfin le droit d’introduire une réclamation auprès de la Commission nationale de l’informatique et des libertés.", FALSE },
  { "7. Sécurité", TRUE },
  { "Nous mettons en œuvre des mesures techniques et organisationnelles appropriées afin de garantir un niveau de sécurité adapté au risque, notamment le chiffrement des échanges et la restriction des accès aux seules personnes habilitées.", FALSE },
  { "8. Modification de la politique", TRUE },
  { "La société se réserve le droit de modifier la présente politique à tout moment. La version en vigueur est celle publiée sur le site à la date de votre consultation.", FALSE },
};

static void
test_paragraph_space (void)
{
  g_autoptr(GBytes) pdf = cm_test_pdf_typeset (french, G_N_ELEMENTS (french), 2,
                                               "Atelier Beaulieu — Politique de confidentialité", NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (data, size, "politique.pdf", NULL, &error);
  g_autofree char *text = NULL;
  g_auto(GStrv) paragraphs = NULL;

  g_assert_no_error (error);
  text = g_strndup (loaded->text, loaded->size);
  g_strchomp (text);
  paragraphs = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; i < MIN (g_strv_length (paragraphs), G_N_ELEMENTS (french)); i++)
    g_assert_cmpstr (paragraphs[i], ==, french[i].text);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, G_N_ELEMENTS (french));
}

/* Pages holding one line each, all at the same place: the lines are the
 * document's text, not a running header, even where they read alike but
 * for their numbers (the digits a running header's key folds). */
static CmLoadedText *
load_one_line_pages (const char *const *lines,
                     guint              n_lines,
                     const char        *header)
{
  g_autoptr(GBytes) pdf = cm_test_pdf_one_line_pages (lines, n_lines, header);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  CmLoadedText *loaded = cm_loader_load_data (data, size, "pages.pdf", NULL, &error);

  g_assert_no_error (error);
  g_test_message ("%s", loaded->text);
  return loaded;
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static const char *const numbered_lines[] = {
  "Clause 1: we keep server logs for 30 days.",
  "Clause 2: we keep server logs for 90 days.",
  "Clause 3: we keep server logs for 14 days.",
  "Clause 4: we keep server logs for 7 days.",
};

static void
test_one_line_pages_numbered (void)
{
  g_autoptr(CmLoadedText) loaded = load_one_line_pages (numbered_lines,
                                                        G_N_ELEMENTS (numbered_lines), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (numbered_lines); i++)
    g_assert_nonnull (strstr (loaded->text, numbered_lines[i]));
}

/* The same with a real running header and page numbers: those go, the
 * lines stay. */
static void
test_one_line_pages_with_header (void)
{
  g_autoptr(CmLoadedText) loaded = load_one_line_pages (numbered_lines,
                                                        G_N_ELEMENTS (numbered_lines),
                                                        "Acme Cloud — Retention schedule");
  g_autofree char *report = cm_loaded_text_dup_report (loaded);

  for (guint i = 0; i < G_N_ELEMENTS (numbered_lines); i++)
    g_assert_nonnull (strstr (loaded->text, numbered_lines[i]));
  g_assert_null (strstr (loaded->text, "Retention schedule"));
  g_assert_null (strstr (loaded->text, "Page 2"));
  g_assert_nonnull (strstr (report, "running headers"));
}

/* The same line on every page and nothing else: it is each page's only
 * body text, so it is the document's text. */
static void
test_one_line_pages_same (void)
{
  static const char *const lines[] = {
    "Your data is processed in the European Union only.",
    "Your data is processed in the European Union only.",
    "Your data is processed in the European Union only.",
  };
  g_autoptr(CmLoadedText) loaded = load_one_line_pages (lines, G_N_ELEMENTS (lines), NULL);

  g_assert_cmpuint (count_in (loaded->text, lines[0]), ==, G_N_ELEMENTS (lines));
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
  g_test_add_func ("/pdf/paragraph-space", test_paragraph_space);
  g_test_add_func ("/pdf/headings", test_headings);
  g_test_add_func ("/pdf/broken", test_broken);
  g_test_add_func ("/pdf/one-line-pages/numbered", test_one_line_pages_numbered);
  g_test_add_func ("/pdf/one-line-pages/with-header", test_one_line_pages_with_header);
  g_test_add_func ("/pdf/one-line-pages/same", test_one_line_pages_same);
  status = g_test_run ();
  cm_test_pdf_shutdown ();
  return status;
}
