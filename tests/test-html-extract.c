/* test-html-extract.c — main-content extraction on hand-written pages, one
 * per failure class seen on real saved policy pages (tests/data/html/):
 * every page loads, keeps all of its policy text, marks its junk as
 * boilerplate, and keeps its paragraphs apart. Each page's whole load (text,
 * hints, links, notes) is also compared with its snapshot in
 * tests/data/html/snapshots/, so that speed work on the loader cannot change
 * what it makes (CM_UPDATE_SNAPSHOTS=1 rewrites them after a change meant
 * to alter the output: review the diff).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cm-test-util.h"
#include "clausemark-core.h"
#include "cm-annotate.h"

typedef struct
{
  const char *file;
  const char *keep[8];      /* each in a clause that is not boilerplate */
  const char *junk[8];      /* each only in boilerplate clauses */
  const char *heading;      /* a heading clause, or NULL */
} PageCase;

static const PageCase cases[] = {
  { "form-body.html",
    { "This policy explains how Contoso Travel collects", "your passport number",
      "We also record the pages you visit", "and with nobody else unless the law requires it" },
    { "Flights", "Hotels", "Deals", "2026 Contoso Travel" },
    "Information we collect" },
  { "furniture-classes.html",
    { "Fabrikam respects your privacy.", "such as your name, your delivery address",
      "we will answer within one month" },
    { "Garden chairs", "Lamps", "Imprint", "Shop" },
    "Fabrikam Privacy Notice" },
  { "layout-table.html",
    { "Northwind Traders collects the information", "We use this information only",
      "We keep order records for seven years", "please write to privacy@northwind.example" },
    { "Products", "Contact" },
    "Northwind Privacy Statement" },
  { "menus.html",
    { "Last updated on 1 March 2026.", "we log the words you search for",
      "We use the logs to improve the ranking", "You can clear your search history" },
    { "Video", "News", "Images", "Advertise", "Careers" },
    "Privacy Policy" },
  { "minority.html",
    { "The Daily Planet uses your personal data", "which we measure with cookies",
      "You can withdraw your consent" },
    { "City council votes", "The vote on Tuesday", "Our food writer shares",
      "the tram line is a waste of money", "my kids loved the soup", "All rights reserved",
      "Sport" },
    "Privacy policy" },
  { "meta-charset-gbk.html",
    { "非常重视您的个人信息保护", "我们会收集您的手机号码和昵称", "我们将在十五个工作日内答复" },
    { "首页" },
    "一、我们收集的信息" },
  { "wrong-charset-utf8.html",
    { "非常重视您的个人信息保护", "我们会收集您的位置信息" },
    { NULL },
    "二、联系我们" },
  { "wrong-charset-gbk.html",
    { "非常重视您的个人信息保护", "我们会收集您的位置信息" },
    { NULL },
    "二、联系我们" },
  /* Japanese prose is told from menus by its kana particles. */
  { "japanese-menus.html",
    { "制定日：2026年2月1日", "お客様の個人情報を以下のとおり取り扱います",
      "お名前、ご住所、電話番号", "配送先の住所", "第三者に提供することはありません" },
    { "ランキング", "よくある質問", "利用規約", "2026 みどり書店" },
    "プライバシーポリシー" },
  /* The title sits before a byline (author link, date) that is not
   * content; lines set apart with <br> stay apart, a wrapped sentence whole;
   * links away from the site (a mailto:, the partners' policies) are policy
   * text, links within it (Classes, Shop) its menus. */
  { "title-byline.html",
    { "This policy explains what Litware Fitness learns", "Email: privacy@litware.example",
      "Phone: +1 555 0100", "We answer every request within thirty days, and we never charge you for it",
      "Fabrikam Payments", "Contoso Mail" },
    { "Five stretches for runners", "Classes" },
    "Litware Fitness Privacy Policy" },
  /* Saved by a browser: one MHTML file (quoted-printable UTF-8, an image
   * part), one in base64 GBK, and a page saved with its _files folder. */
  { "saved-page.mhtml",
    { "Tailspin Toys collects the name and the delivery address",
      "we don’t sell them to anyone, ever — not even to our partners." },
    { "Home", "Blog", "2026 Tailspin Toys" },
    "Tailspin Toys Privacy Policy" },
  { "saved-page-gbk.mht",
    { "我们只会在您同意的情况下收集您的阅读记录", "请联系我们的个人信息保护负责人" },
    { "首页" },
    "云雀阅读隐私政策" },
  { "saved-complete.html",
    { "Northwind collects your e-mail address", "we delete your address within thirty days" },
    { "Shop" },
    "Northwind Privacy Statement" },
};

static CmDocument *
load_page (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data", "html",
                                            file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  CmAnnotateOptions options;

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, g_str_has_suffix (file, ".html") ? "html" : "mhtml");
  cm_annotate_options_init (&options);
  options.granularity = CM_GRANULARITY_PARAGRAPH;
  return cm_annotate_loaded (loaded, "page", &options);
}

static void
test_page (gconstpointer data)
{
  const PageCase *page = data;
  g_autoptr(CmDocument) document = load_page (page->file);
  guint n = cm_document_get_n_clauses (document);
  gboolean heading_found = page->heading == NULL;

  for (guint k = 0; k < G_N_ELEMENTS (page->keep) && page->keep[k] != NULL; k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n && !found; i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);
          g_autofree char *text = cm_document_dup_clause_text (document, clause);

          if (strstr (text, page->keep[k]) != NULL)
            {
              g_test_message ("%s: \"%s\" in a %s clause", page->file, page->keep[k],
                              cm_clause_kind_to_string (cm_clause_get_kind (clause)));
              g_assert_cmpint (cm_clause_get_kind (clause), !=, CM_CLAUSE_KIND_BOILERPLATE);
              found = TRUE;
            }
        }
      if (!found)
        g_error ("%s: policy text \"%s\" is missing", page->file, page->keep[k]);
    }

  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = cm_document_dup_clause_text (document, clause);

      if (cm_clause_get_kind (clause) != CM_CLAUSE_KIND_BOILERPLATE)
        for (guint j = 0; j < G_N_ELEMENTS (page->junk) && page->junk[j] != NULL; j++)
          if (strstr (text, page->junk[j]) != NULL)
            g_error ("%s: page junk \"%s\" kept in a clause: %s", page->file, page->junk[j], text);
      /* Paragraphs stay apart: no clause holds two of the policy's pieces. */
      for (guint a = 0; a < G_N_ELEMENTS (page->keep) && page->keep[a] != NULL; a++)
        for (guint b = a + 1; b < G_N_ELEMENTS (page->keep) && page->keep[b] != NULL; b++)
          if (strstr (text, page->keep[a]) != NULL && strstr (text, page->keep[b]) != NULL)
            g_error ("%s: \"%s\" and \"%s\" glued into one clause", page->file,
                     page->keep[a], page->keep[b]);
      if (page->heading != NULL && cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING
          && g_str_equal (text, page->heading))
        heading_found = TRUE;
    }
  if (!heading_found)
    g_error ("%s: \"%s\" is not a heading clause of its own", page->file, page->heading);
}

/* A heading's section is its clauses' heading path. */
static void
test_heading_path (void)
{
  g_autoptr(CmDocument) document = load_page ("form-body.html");

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = cm_document_dup_clause_text (document, clause);
      const char * const *path = cm_clause_get_heading_path (clause);

      if (g_str_has_prefix (text, "We share your booking details"))
        {
          g_assert_cmpuint (g_strv_length ((char **) path), ==, 2);
          g_assert_cmpstr (path[0], ==, "Contoso Travel Privacy Policy");
          g_assert_cmpstr (path[1], ==, "How we share it");
          return;
        }
    }
  g_assert_not_reached ();
}

/* Nested past libxml2's old limit of 256: nothing lost, no words glued. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<h2>1. Data</h2><p>We collect your name.</p><p>We keep it.</p>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (page, "</div>");
  g_string_append (page, "<p>After the deep part.</p></body></html>");

  loaded = cm_loader_load_data (page->str, page->len, "deep.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, "1. Data\nWe collect your name.\nWe keep it.\nAfter the deep part.\n");
  g_assert_cmpuint (loaded->blocks->len, ==, 4);
  g_assert_cmpint (g_array_index (loaded->blocks, CmBlockHint, 0).kind, ==, CM_BLOCK_HEADING);
}

/* A page whose only text is its furniture is not "empty": everything
 * visible is kept and the report says that nothing stood out. */
static void
test_fallback (void)
{
  static const char page[] =
    "<html><body><div class=\"sidebar\"><p>Short note.</p><p>Another short note.</p></div></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (page, sizeof page - 1, "f.html", NULL, &error);
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, "Short note.\nAnother short note.\n");
  for (guint i = 0; i < loaded->blocks->len; i++)
    g_assert_cmpint (g_array_index (loaded->blocks, CmBlockHint, i).kind, !=, CM_BLOCK_BOILERPLATE);
  report = cm_loaded_text_dup_report (loaded);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, "no main content stood out"));
}

/* What an MHTML file set aside is said. */
static void
test_mhtml_report (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data", "html",
                                            "saved-page.mhtml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Privacy – Tailspin Toys");
  report = cm_loaded_text_dup_report (loaded);
  g_assert_nonnull (strstr (report, "page resources"));
}

/* A saved page's resource folder given by mistake: a clear error that
 * names the page to load instead. */
static void
test_files_folder (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data", "html",
                                            "saved-complete_files", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);

  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "saved-complete.html"));
}

/* A link's target reaches the document (for the aligner's URL anchors) at
 * the code points of its text. */
static void
test_source_links (void)
{
  static const char page[] =
    "<html><body><h1>隐私政策</h1><p>详见<a href=\"https://example.cn/privacy\">隐私政策全文</a>。"
    "We use <a href=\"https://example.com/cookies\">cookies</a>.</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (page, sizeof page - 1, "l.html", NULL, &error);
  g_autoptr(CmDocument) document = NULL;
  const CmSourceLink *links;
  guint n = 0;

  g_assert_no_error (error);
  document = cm_annotate_loaded (loaded, "l", NULL);
  links = cm_document_get_source_links (document, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (links[0].url, ==, "https://example.cn/privacy");
  g_assert_cmpuint (links[0].start, ==, 7);   /* "隐私政策\n详见" */
  g_assert_cmpuint (links[0].end, ==, 13);
  g_assert_cmpstr (links[1].url, ==, "https://example.com/cookies");
  g_assert_cmpuint (links[1].end - links[1].start, ==, strlen ("cookies"));
}

/* Everything a load made, one line per fact, for the snapshots. */
static char *
dump_loaded (const CmLoadedText *loaded)
{
  GString *dump = g_string_new (NULL);

  g_string_append_printf (dump, "loader: %s\nencoding: %s\ntitle: %s\n",
                          loaded->loader, loaded->encoding,
                          loaded->title != NULL ? loaded->title : "(none)");
  for (guint i = 0; i < loaded->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

      g_string_append_printf (dump, "hint %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %d %u\n",
                              hint->start, hint->end, hint->kind, hint->level);
    }
  for (guint i = 0; i < loaded->links->len; i++)
    {
      const CmLinkHint *link = &g_array_index (loaded->links, CmLinkHint, i);

      g_string_append_printf (dump, "link %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %s\n",
                              link->start, link->end, link->url);
    }
  for (guint i = 0; i < loaded->notes->len; i++)
    {
      const CmLoadNote *note = &g_array_index (loaded->notes, CmLoadNote, i);

      g_string_append_printf (dump, "note %d %u %" G_GSIZE_FORMAT " %s\n",
                              note->dropped, note->count, note->n_chars, note->reason);
    }
  g_string_append_printf (dump, "text %" G_GSIZE_FORMAT ":\n", loaded->size);
  g_string_append_len (dump, loaded->text, loaded->size);
  return g_string_free (dump, FALSE);
}

static void
test_snapshot (gconstpointer data)
{
  const char *file = data;
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                            file, NULL);
  g_autofree char *base = g_path_get_basename (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *snapshot_name = g_strconcat (base, ".txt", NULL);
  g_autofree char *snapshot_path = g_build_filename (dir, "snapshots", snapshot_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  dump = dump_loaded (loaded);
  if (g_getenv ("CM_UPDATE_SNAPSHOTS") != NULL)
    {
      g_assert_true (g_file_set_contents (snapshot_path, dump, -1, NULL));
      return;
    }
  g_assert_true (g_file_get_contents (snapshot_path, &expected, NULL, NULL));
  g_assert_cmpstr (dump, ==, expected);
}

static const char *const snapshot_pages[] = {
  "html/form-body.html", "html/furniture-classes.html", "html/japanese-menus.html",
  "html/layout-table.html", "html/menus.html", "html/meta-charset-gbk.html",
  "html/minority.html", "html/saved-complete.html", "html/saved-page-gbk.mht",
  "html/saved-page.mhtml", "html/title-byline.html", "html/wrong-charset-gbk.html",
  "html/wrong-charset-utf8.html", "html-heldout/accordion.html",
  "html-heldout/wechat-article.html",
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/html-extract/%s", cases[i].file);

      g_test_add_data_func (name, &cases[i], test_page);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (snapshot_pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/html-extract/snapshot/%s", snapshot_pages[i]);

      g_test_add_data_func (name, snapshot_pages[i], test_snapshot);
    }
  g_test_add_func ("/html-extract/heading-path", test_heading_path);
  g_test_add_func ("/html-extract/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html-extract/fallback", test_fallback);
  g_test_add_func ("/html-extract/mhtml-report", test_mhtml_report);
  g_test_add_func ("/html-extract/files-folder", test_files_folder);
  g_test_add_func ("/html-extract/source-links", test_source_links);
  return g_test_run ();
}
