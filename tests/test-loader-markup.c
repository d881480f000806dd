/* test-loader-markup.c — HTML and Markdown-ish to normalised text: the
 * text kept, the structure hints, links, encodings and refusals of pages
 * and Markdown files (their plain-text loading in test-loader.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cm-error.h"
#include "cm-loader.h"
#include "test-loader-private.h"

/* ---------------------------------------------------------------------- */
/* HTML                                                                     */

static const char html_page[] =
  "<!DOCTYPE html>\n<html><head><title> Privacy &amp; You </title>\n"
  "<style>p { color: red; }</style>\n"
  "<script>var x = '<p>not text</p>';</script></head>\n"
  "<body>\n"
  "<header><a href=\"/\">Site name</a></header>\n"
  "<nav><ul><li>Home</li><li>Blog</li></ul></nav>\n"
  "<noscript>Enable JavaScript</noscript>\n"
  "<template><p>Template text</p></template>\n"
  "<iframe src=\"https://example.com/\">frame text</iframe>\n"
  "<h1>Privacy   Policy</h1>\n"
  "<p>We collect <b>your</b>\n  e-mail &amp; phone&nbsp;number.<br>Second line.<br><br>New paragraph &lt;here&gt; &#x4E2D;&#25991; &copy;</p>\n"
  "<div>A div<div>nested div</div>after</div>\n"
  "<h2>1. Sharing</h2>\n"
  "<ul>\n"
  "  <li>level one\n"
  "    <ul><li>level two A</li>\n"
  "        <li>level two B<ol><li>level three</li></ol></li></ul>\n"
  "  tail of one</li>\n"
  "  <li>another one</li>\n"
  "</ul>\n"
  "<table><tr><th>Data</th><th>Kept</th></tr>\n"
  "<tr><td>Logs</td><td>6 <i>months</i></td></tr>\n"
  "<tr><td></td><td>only second</td></tr></table>\n"
  "<p style=\"display: none\">hidden text</p>\n"
  "<form><input name=\"q\"><button>Search</button>Form text</form>\n"
  "<footer>Copyright footer</footer>\n"
  "</body></html>\n";

static const char html_expected[] =
  "Privacy Policy\n"
  "We collect your e-mail & phone number.\n"
  "Second line.\n"
  "\n"
  "New paragraph <here> 中文 ©\n"
  "A div\n"
  "nested div\n"
  "after\n"
  "1. Sharing\n"
  "level one\n"
  "level two A\n"
  "level two B\n"
  "level three\n"
  "tail of one\n"
  "another one\n"
  "Data\tKept\n"
  "Logs\t6 months\n"
  "only second\n"
  "Form text\n";

typedef struct
{
  CmBlockKind kind;
  guint       level;
  const char *text;
} ExpectedHint;

/* The loader's hints in order, boilerplate ones left out (kept_text()
 * checks those). */
static void
assert_hints (CmLoadedText       *loaded,
              const ExpectedHint *expected,
              guint               n_expected)
{
  guint n = 0;

  for (guint i = 0; i < loaded->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);
      g_autofree char *text = g_strndup (loaded->text + hint->start,
                                         hint->end - hint->start);

      g_assert_cmpuint (hint->end, <=, loaded->size);
      if (i > 0)
        g_assert_cmpuint (hint->start, >=,
                          g_array_index (loaded->blocks, CmBlockHint, i - 1).end);
      if (hint->kind == CM_BLOCK_BOILERPLATE)
        continue;
      g_assert_cmpuint (n, <, n_expected);
      g_assert_cmpstr (text, ==, expected[n].text);
      g_assert_cmpint (hint->kind, ==, expected[n].kind);
      g_assert_cmpuint (hint->level, ==, expected[n].level);
      n++;
    }
  g_assert_cmpuint (n, ==, n_expected);
}

static void
test_html_structure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = load_string (html_page, -1, "page.html", &error);
  g_autofree char *kept = NULL;
  g_autofree char *report = NULL;
  static const ExpectedHint hints[] = {
    { CM_BLOCK_HEADING, 1, "Privacy Policy" },
    /* <br> breaks a line, and after a sentence the block too (a sentence
     * wrapped by hand stays whole: tests/data/html/title-byline.html);
     * <br><br> always splits it */
    { CM_BLOCK_PARAGRAPH, 0, "We collect your e-mail & phone number." },
    { CM_BLOCK_PARAGRAPH, 0, "Second line." },
    { CM_BLOCK_PARAGRAPH, 0, "New paragraph <here> 中文 ©" },
    { CM_BLOCK_HEADING, 2, "1. Sharing" },
    { CM_BLOCK_LIST_ITEM, 1, "level one" },
    { CM_BLOCK_LIST_ITEM, 2, "level two A" },
    { CM_BLOCK_LIST_ITEM, 2, "level two B" },
    { CM_BLOCK_LIST_ITEM, 3, "level three" },
    { CM_BLOCK_LIST_ITEM, 1, "tail of one" },
    { CM_BLOCK_LIST_ITEM, 1, "another one" },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "html");
  g_assert_cmpstr (loaded->encoding, ==, "UTF-8");
  g_assert_cmpstr (loaded->title, ==, "Privacy & You");
  kept = kept_text (loaded);
  g_assert_cmpstr (kept, ==, html_expected);
  /* The site's header and menu stay in the text, set aside. */
  g_assert_true (g_str_has_prefix (loaded->text, "Site name\nHome\nBlog\n"));
  report = cm_loaded_text_dup_report (loaded);
  g_assert_nonnull (strstr (report, "scripts and styles"));
  g_assert_nonnull (strstr (report, "hidden elements"));
  g_assert_nonnull (strstr (report, "page furniture"));
  assert_hints (loaded, hints, G_N_ELEMENTS (hints));
}

static void
test_html_sniffed (void)
{
  g_autoptr(GError) error = NULL;
  /* No .html in the name: the content says HTML. */
  g_autoptr(CmLoadedText) loaded =
    load_string ("  <html><body><h3>Title</h3><p>Body&nbsp;text</p></body></html>",
                 -1, "download.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "html");
  g_assert_cmpstr (loaded->text, ==, "Title\nBody text\n");
  /* No <title> and no <h1>: no title. */
  g_assert_null (loaded->title);
}

static void
test_html_article_header (void)
{
  g_autoptr(GError) error = NULL;
  /* A site header goes, an article's own header (its title, its date) stays. */
  g_autoptr(CmLoadedText) loaded =
    load_string ("<html><body><header>Site</header><article><header><h1>Policy</h1>"
                 "<p>Updated 2026</p></header><p>Text.</p><footer>Article end</footer>"
                 "</article><footer>Site footer</footer></body></html>",
                 -1, "a.html", &error);
  g_autofree char *kept = NULL;

  g_assert_no_error (error);
  kept = kept_text (loaded);
  g_assert_cmpstr (kept, ==, "Policy\nUpdated 2026\nText.\nArticle end\n");
  g_assert_cmpstr (loaded->title, ==, "Policy");
}

static void
test_html_paragraphs_in_items (void)
{
  g_autoptr(GError) error = NULL;
  /* Real pages wrap list items' text in <p>: still list items. */
  g_autoptr(CmLoadedText) loaded =
    load_string ("<html><body><ol><li><p>1. First item.</p><p>More of it.</p></li>"
                 "<li><p>2. Second</p><ul><li><p>nested</p></li></ul></li></ol>"
                 "<p>After the list.</p></body></html>",
                 -1, "items.html", &error);
  static const ExpectedHint hints[] = {
    { CM_BLOCK_LIST_ITEM, 1, "1. First item.\nMore of it." },
    { CM_BLOCK_LIST_ITEM, 1, "2. Second" },
    { CM_BLOCK_LIST_ITEM, 2, "nested" },
    { CM_BLOCK_PARAGRAPH, 0, "After the list." },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==,
                   "1. First item.\nMore of it.\n2. Second\nnested\nAfter the list.\n");
  assert_hints (loaded, hints, G_N_ELEMENTS (hints));
}

static void
test_html_broken (void)
{
  g_autoptr(GError) error = NULL;
  /* Unclosed tags, a stray </div>, an unknown entity: recovered. */
  g_autoptr(CmLoadedText) loaded =
    load_string ("<html><body><p>First<p>Second &bogus; text</div><li>item",
                 -1, "broken.html", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, "First\nSecond &bogus; text\nitem\n");
}

static void
test_html_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = g_string_new ("<html><body><p>before</p>");
  g_autoptr(CmLoadedText) loaded = NULL;

  /* Past libxml2's default limit (256) and the walker's recursion limit:
   * nothing after the deep part may be lost. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "deep <b>text</b>");
  for (guint i = 0; i < 3000; i++)
    g_string_append (page, "</div>");
  g_string_append (page, "<p>after</p></body></html>");

  loaded = load_string (page->str, page->len, "deep.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, "before\ndeep text\nafter\n");
}

static void
test_html_utf16 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = encode ("<html><head><meta charset=\"utf-16\"><title>政策</title></head>"
                                    "<body><p>您好，Hello</p></body></html>",
                                    "UTF-16LE", "\xff\xfe", 2);
  /* Named .txt: recognised as HTML once decoded. */
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (g_bytes_get_data (bytes, NULL),
                                                        g_bytes_get_size (bytes),
                                                        "page.txt", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "html");
  g_assert_cmpstr (loaded->encoding, ==, "UTF-16LE");
  g_assert_cmpstr (loaded->title, ==, "政策");
  g_assert_cmpstr (loaded->text, ==, "您好，Hello\n");
}

static void
test_html_declared_charset (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *page = g_strdup_printf ("<html><head><meta charset=\"gbk\">"
                                           "<title>隐私政策</title></head>"
                                           "<body><p>%s</p></body></html>", zh_hans);
  g_autoptr(GBytes) gb = encode (page, "GB18030", NULL, 0);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (g_bytes_get_data (gb, NULL),
                                                        g_bytes_get_size (gb),
                                                        "gbk.html", NULL, &error);
  g_autofree char *expected = g_strdup (zh_hans);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->encoding, ==, "GB18030");
  g_assert_cmpstr (loaded->title, ==, "隐私政策");
  /* Decoded once: libxml2 is not allowed to re-decode per the <meta>. */
  g_assert_cmpstr (loaded->text, ==, expected);
}

static void
test_html_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) nothing =
    load_string ("<html><head><script>x()</script></head><body><style>p{}</style></body></html>",
                 -1, "nothing.html", &error);
  g_autoptr(CmLoadedText) menu = NULL;
  g_autofree char *report = NULL;

  g_assert_error (error, CM_ERROR, CM_ERROR_EMPTY);
  g_assert_null (nothing);
  g_assert_nonnull (strstr (error->message, "nothing.html"));
  g_clear_error (&error);

  /* A page whose only visible text is a menu still loads: its text is
   * all there is, and the report says what was set aside. */
  menu = load_string ("<html><body><nav><a href=\"/\">Menu</a></nav></body></html>",
                      -1, "menu.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (menu->text, ==, "Menu\n");
  report = cm_loaded_text_dup_report (menu);
  g_assert_nonnull (report);
}


/* ---------------------------------------------------------------------- */
/* Markdown-ish                                                             */

static const char markdown_doc[] =
  "# 隐私政策 #\n"
  "\n"
  "**重要提示：**请您仔细阅读本政策。\n"
  "\n"
  "## 一、我们收集的信息\n"
  "\n"
  "- 1.1\n"
  "您在使用服务时主动提供的信息\n"
  " - 1.1.1 **您在注册帐户时填写的信息。**\n"
  "例如，您填写的昵称。\n"
  "    * 1.1.1.1 deeper __item__\n"
  "- **1.2 日志信息。**当您使用服务时\n"
  "+ plus bullet\n"
  "\n"
  "1、 keep this numbering\n"
  "2. and this one\n"
  "\n"
  "---\n"
  "\n"
  "> 引用的文字\n"
  "姓名：____ 电话：___\n"
  "C# is a language, a_b__c stays\n"
  "*single stars* stay\n";

static const char markdown_expected[] =
  "隐私政策\n"
  "\n"
  "重要提示：请您仔细阅读本政策。\n"
  "\n"
  "一、我们收集的信息\n"
  "\n"
  "1.1\n"
  "您在使用服务时主动提供的信息\n"
  "1.1.1 您在注册帐户时填写的信息。\n"
  "例如，您填写的昵称。\n"
  "1.1.1.1 deeper item\n"
  "1.2 日志信息。当您使用服务时\n"
  "plus bullet\n"
  "\n"
  "1、 keep this numbering\n"
  "2. and this one\n"
  "\n"
  "引用的文字\n"
  "姓名：____ 电话：___\n"
  "C# is a language, a_b__c stays\n"
  "*single stars* stay\n";

/* The same text in a file named .md is CommonMark: soft line breaks join
 * lines (except before a numbered line), "- 1.1" is a list item with its
 * numbering, emphasis of every kind goes. */
static const char commonmark_expected[] =
  "隐私政策\n"
  "重要提示：请您仔细阅读本政策。\n"
  "一、我们收集的信息\n"
  "1.1 您在使用服务时主动提供的信息\n"
  "1.1.1 您在注册帐户时填写的信息。例如，您填写的昵称。\n"
  "1.1.1.1 deeper item\n"
  "1.2 日志信息。当您使用服务时\n"
  "plus bullet\n"
  "1、 keep this numbering\n"
  "2. and this one\n"
  "引用的文字姓名：____ 电话：___ C# is a language, a_b__c stays single stars stay\n";

static void
test_markdown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = load_string (markdown_doc, -1, "policy.md", &error);
  static const ExpectedHint hints[] = {
    { CM_BLOCK_HEADING, 1, "隐私政策" },
    { CM_BLOCK_HEADING, 2, "一、我们收集的信息" },
    { CM_BLOCK_LIST_ITEM, 1, "1.1 您在使用服务时主动提供的信息" },
    /* One space of indent is not enough to nest in CommonMark. */
    { CM_BLOCK_LIST_ITEM, 1, "1.1.1 您在注册帐户时填写的信息。例如，您填写的昵称。" },
    { CM_BLOCK_LIST_ITEM, 2, "1.1.1.1 deeper item" },
    { CM_BLOCK_LIST_ITEM, 1, "1.2 日志信息。当您使用服务时" },
    { CM_BLOCK_LIST_ITEM, 1, "plus bullet" },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "markdown");
  g_assert_cmpstr (loaded->text, ==, commonmark_expected);
  g_assert_cmpstr (loaded->title, ==, "隐私政策");
  assert_hints (loaded, hints, G_N_ELEMENTS (hints));
}

/* A policy from a Git repository: front matter, links, inline HTML, HTML
 * blocks, attribute lists, a table, an image, Liquid tags. Nothing of the
 * markup is left; link targets are kept as link hints. */
static void
test_markdown_real_world (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                            "markdown", "real-world.md", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  static const char *const markup[] = {
    "](", "**", "<", ">", "{:", "{#", "{%", "|", "![", "---", "layout:", "datetime", "#top",
  };
  static const ExpectedHint hints[] = {
    { CM_BLOCK_HEADING, 1, "Privacy Notice" },
    { CM_BLOCK_HEADING, 2, "Data we collect" },
    { CM_BLOCK_LIST_ITEM, 1, "1. Technical data, such as your operating system and the version of the browser." },
    { CM_BLOCK_LIST_ITEM, 1, "2. Interaction data, like the number of open tabs." },
    { CM_BLOCK_LIST_ITEM, 2, "Sent once a day." },
    { CM_BLOCK_LIST_ITEM, 2, "Never linked to your account." },
    { CM_BLOCK_LIST_ITEM, 1, "3. Crash reports, only when you choose to send them." },
    { CM_BLOCK_PARAGRAPH, 0, "Telemetry can be switched off in the settings." },
    { CM_BLOCK_HEADING, 2, "Sharing" },
    { CM_BLOCK_PARAGRAPH, 0, "Recipient\tPurpose" },
    { CM_BLOCK_PARAGRAPH, 0, "Cloud host\tStorage of sync data" },
    { CM_BLOCK_PARAGRAPH, 0, "Crash service\tAnalysis of crash reports" },
  };
  gboolean browser_link = FALSE;
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "markdown");
  for (gsize i = 0; i < G_N_ELEMENTS (markup); i++)
    if (strstr (loaded->text, markup[i]) != NULL)
      g_error ("markup \"%s\" left in: %s", markup[i], loaded->text);
  g_assert_nonnull (strstr (loaded->text, "\nThis notice describes how Example Browser handles your data. "
                                          "Read the full terms too.\n"));
  g_assert_nonnull (strstr (loaded->text, "\nWe do not sell your data.\nQuestions? Write to privacy@example.org.\n"));
  g_assert_null (strstr (loaded->text, "Diagram"));
  assert_hints (loaded, hints, G_N_ELEMENTS (hints));
  for (guint i = 0; i < loaded->links->len; i++)
    {
      const CmLinkHint *link = &g_array_index (loaded->links, CmLinkHint, i);

      if (g_str_equal (link->url, "https://www.example.org/browser/"))
        {
          g_assert_cmpint (strncmp (loaded->text + link->start, "Example Browser",
                                    link->end - link->start), ==, 0);
          browser_link = TRUE;
        }
    }
  g_assert_true (browser_link);
  report = cm_loaded_text_dup_report (loaded);
  g_assert_nonnull (strstr (report, "front matter"));
  g_assert_nonnull (strstr (report, "attribute lists"));
}

/* Markdown policies as Git repositories and static sites keep them
 * (tests/data/markdown/, written for Clausemark): footnotes, task lists,
 * strikethrough, reference-style links (one undefined) and autolinks, an
 * inline HTML link, HTML comments,
 * <details>, nested lists, tables with inline code, closed ATX and setext
 * headings; a kramdown site's TOC marker, attribute lists, definition
 * lists, abbreviations and Markdown inside an HTML block; Nuxt Content's
 * components and a container directive; MkDocs admonitions. No markup is left
 * in the text, the text of each construct is, and link targets are link
 * hints. */
typedef struct
{
  const char *file;
  const char *kept[10];
  struct { const char *text; const char *url; } links[4];
} MarkdownCase;

static const MarkdownCase markdown_cases[] = {
  { "github-repo.md",
    { "\nHarbor Notes is an open-source note-taking app. This policy explains what the app and "
      "the sync service at harbor-notes.example do with your data.\n",
      "\nThe desktop app without sync sends nothing at all.\n",
      "\nWe keep cannot read the contents.\n",
      "\nEncryption at rest\n", "\nAnalytics (we have none)\n",
      "\nstorage-eu hosting\tencrypted notes\tto keep your notes\n",
      "\nWe delete a sync account 90 days after its last sign-in, and its backups 30 days later.\n",
      "\nContact\n",
      " Changes to this policy are listed in the changelog and follow our terms of service.\n" },
    { { "harbor-notes.example", "https://harbor-notes.example/" },
      { "data protection officer", "https://harbor-notes.example/dpo" },
      { "https://git.example.org/harbor", "https://git.example.org/harbor" },
      { "terms of service", "https://harbor-notes.example/terms" } } },
  { "jekyll-site.md",
    { "Privacy at Little Owl Bakery\n",
      "\nLast updated: 2 February 2026\n",
      "\nDelivery address\nOnly when you ask us to deliver, and only until the order is delivered.\n",
      "\nThe site sets no tracking cookies. One cookie keeps your basket; see the cookie list "
      "for its name.\n",
      "Write to bakery@littleowl.example and we answer within a month.\n" },
    { { "cookie list", "/cookies/" } } },
  /* MkDocs admonitions (titled, collapsible, untitled) and a titled
   * Docusaurus admonition. */
  { "mkdocs-site.md",
    { "\nWhat this policy covers\nThe app on phones and tablets, and the website where you "
      "renew loans. Paper loans at the desk are covered by the library's own rules.\n",
      "\nWhy we keep no history\nWhen a loan ends we delete which title you borrowed.\n",
      "\nKeep your card safe\nAnyone with your card number and PIN can borrow in your name.\n",
      "\nWe cannot recover a forgotten PIN; the desk sets a new one.\n" },
    { { NULL, NULL } } },
  /* Nuxt Content (MDC components and slots) and a container directive. */
  { "nuxt-content.md",
    { "Privacy notice for Willow Physio\n",
      "\nWe are a small physiotherapy clinic. This notice explains what we hold about you.\n",
      "\nWhat we hold about you\nWhen you book an appointment we keep your name, your date of "
      "birth and your treatment notes.\n",
      "\nWe never use your data for marketing.\n",
      "\nWrite to us at or call the clinic.\n" },
    { { NULL, NULL } } },
};

static void
test_markdown_constructs (gconstpointer data)
{
  const MarkdownCase *page = data;
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                            "markdown", page->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  static const char *const markup[] = {
    "[^", "](", "**", "__", "~~", "[x]", "[ ]", "<", ">", "{:", "{#", "{%", "{{", "|", "![",
    "---", "===", "`", "*[", "#", "\n: ", " : ", "TOC", "toc", "markdown=", "::", ":S",
    "body\n", "callout", "!!!", "???", "accountant", "comment",
  };

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->loader, ==, "markdown");
  g_test_message ("%s", loaded->text);
  for (gsize i = 0; i < G_N_ELEMENTS (markup); i++)
    if (strstr (loaded->text, markup[i]) != NULL)
      g_error ("%s: markup \"%s\" left in: %s", page->file, markup[i], loaded->text);
  for (gsize i = 0; i < G_N_ELEMENTS (page->kept) && page->kept[i] != NULL; i++)
    if (strstr (loaded->text, page->kept[i]) == NULL)
      g_error ("%s: \"%s\" is not in the text", page->file, page->kept[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (page->links) && page->links[i].url != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < loaded->links->len && !found; k++)
        {
          const CmLinkHint *link = &g_array_index (loaded->links, CmLinkHint, k);

          found = g_str_equal (link->url, page->links[i].url)
                  && link->end - link->start == strlen (page->links[i].text)
                  && strncmp (loaded->text + link->start, page->links[i].text,
                              link->end - link->start) == 0;
        }
      if (!found)
        g_error ("%s: no link hint \"%s\" to %s", page->file, page->links[i].text,
                 page->links[i].url);
    }
}

/* A Word and an OpenDocument file (tests/data/office/, built with
 * python3's zipfile) with a link to a partner's policy, a link within the
 * document, and a mailto: (a w:hyperlink and a HYPERLINK field code in
 * Word): the link text stays in the paragraph, the targets outside the
 * document become link hints, as the Markdown loader makes them. */
static void
test_office_links (gconstpointer data)
{
  const char *file = data;
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                            "office", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  static const struct { const char *text; const char *url; } expected[] = {
    { "Partner Privacy Policy", "https://partner.example.net/privacy" },
    { "privacy@example.com", "mailto:privacy@example.com" },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==,
                   "Read the Partner Privacy Policy and our cookie section.\n"
                   "Write to privacy@example.com at any time.\n");
  g_assert_cmpuint (loaded->links->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CmLinkHint *link = &g_array_index (loaded->links, CmLinkHint, i);
      g_autofree char *text = g_strndup (loaded->text + link->start, link->end - link->start);

      g_assert_cmpstr (text, ==, expected[i].text);
      g_assert_cmpstr (link->url, ==, expected[i].url);
    }
}

static void
test_markdown_sniffed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) as_txt = load_string (markdown_doc, -1, "policy.txt", &error);
  g_autoptr(CmLoadedText) bullets_only = NULL;
  g_autoptr(CmLoadedText) forced = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (as_txt->loader, ==, "markdown");
  g_assert_cmpstr (as_txt->text, ==, markdown_expected);

  /* A plain-text policy with a few dashes is not Markdown. */
  bullets_only = load_string ("We may collect:\n  - your name;\n  - your phone;\n"
                              "  - your e-mail.\nThat is all.\n", -1, "plain.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bullets_only->loader, ==, "text");
  g_assert_nonnull (strstr (bullets_only->text, "  - your phone;"));

  /* An explicit format wins over sniffing. */
  forced = cm_loader_load_data (markdown_doc, strlen (markdown_doc), "policy.md",
                                "text", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (forced->loader, ==, "text");
  g_assert_nonnull (strstr (forced->text, "**重要提示：**"));
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/html/structure", test_html_structure);
  g_test_add_func ("/loader/html/sniffed", test_html_sniffed);
  g_test_add_func ("/loader/html/article-header", test_html_article_header);
  g_test_add_func ("/loader/html/paragraphs-in-items", test_html_paragraphs_in_items);
  g_test_add_func ("/loader/html/broken", test_html_broken);
  g_test_add_func ("/loader/html/declared-charset", test_html_declared_charset);
  g_test_add_func ("/loader/html/deep", test_html_deep);
  g_test_add_func ("/loader/html/utf16", test_html_utf16);
  g_test_add_func ("/loader/html/empty", test_html_empty);
  g_test_add_func ("/loader/markdown/strip", test_markdown);
  g_test_add_func ("/loader/markdown/sniffed", test_markdown_sniffed);
  g_test_add_func ("/loader/markdown/real-world", test_markdown_real_world);
  for (gsize i = 0; i < G_N_ELEMENTS (markdown_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/loader/markdown/constructs/%s",
                                               markdown_cases[i].file);

      g_test_add_data_func (name, &markdown_cases[i], test_markdown_constructs);
    }
  g_test_add_data_func ("/loader/office-links/docx", "links.docx", test_office_links);
  g_test_add_data_func ("/loader/office-links/odt", "links.odt", test_office_links);

  return g_test_run ();
}
