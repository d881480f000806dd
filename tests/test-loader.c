/* test-loader.c — files to normalised text: encodings, HTML, Markdown-ish,
 * normalisation, refusals, a 50 MB file, the seeds and the bundled sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cm-error.h"
#include "cm-loader.h"
#include "cm-test-util.h"

/* Chinese text of a policy's length, written for these tests, in simplified
 * (for GB18030) and traditional (for Big5) characters. */
static const char zh_hans[] =
  "我们非常重视您的个人信息保护。本政策说明我们如何收集、使用、存储和共享您的个人信息，"
  "以及您享有的权利。我们会在您注销账号后六个月内删除您的个人信息。"
  "如您是未满十四周岁的未成年人，请在监护人的陪同下阅读本政策。\n";
static const char zh_hant[] =
  "我們非常重視您的個人資料保護。本政策說明我們如何蒐集、使用、儲存及分享您的個人資料，"
  "以及您享有的權利。我們會在您刪除帳號後六個月內刪除您的個人資料。"
  "如您未滿十四歲，請在法定代理人的陪同下閱讀本政策。\n";

static CmLoadedText *
load_string (const char  *data,
             gssize       size,
             const char  *name,
             GError     **error)
{
  return cm_loader_load_data (data, size < 0 ? strlen (data) : (gsize) size,
                              name, NULL, error);
}

/* g_convert() from UTF-8 to @charset, optionally after a byte-order mark. */
static GBytes *
encode (const char *utf8,
        const char *charset,
        const char *bom,
        gsize       bom_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize written = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8",
                                          NULL, &written, &error);

  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_size);
  g_byte_array_append (bytes, (const guint8 *) converted, written);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
assert_loads_as (GBytes     *bytes,
                 const char *name,
                 const char *encoding,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_data (data, size, name,
                                                        NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->encoding, ==, encoding);
  g_assert_cmpstr (loaded->loader, ==, "text");
  g_assert_cmpstr (loaded->text, ==, text);
  g_assert_cmpuint (loaded->size, ==, strlen (text));
  g_assert_cmpstr (loaded->path, ==, name);
}

/* ---------------------------------------------------------------------- */
/* Encodings                                                                */

static void
test_utf8 (void)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (zh_hans, strlen (zh_hans));
  g_autoptr(GBytes) english = g_bytes_new_static ("We collect your e-mail.\n", 24);

  assert_loads_as (plain, "zh.txt", "UTF-8", zh_hans);
  /* Plain ASCII is recorded as UTF-8, of which it is a subset. */
  assert_loads_as (english, "en.txt", "UTF-8", "We collect your e-mail.\n");
}

static void
test_utf8_bom (void)
{
  g_autoptr(GBytes) bytes = encode (zh_hans, "UTF-8", "\xef\xbb\xbf", 3);

  assert_loads_as (bytes, "bom.txt", "UTF-8", zh_hans);
}

static void
test_utf16 (void)
{
  g_autoptr(GBytes) le = encode (zh_hans, "UTF-16LE", "\xff\xfe", 2);
  g_autoptr(GBytes) be = encode (zh_hant, "UTF-16BE", "\xfe\xff", 2);
  g_autoptr(GBytes) le_en = encode ("Privacy Policy\r\nWe collect data.\r\n",
                                    "UTF-16LE", "\xff\xfe", 2);

  assert_loads_as (le, "le.txt", "UTF-16LE", zh_hans);
  assert_loads_as (be, "be.txt", "UTF-16BE", zh_hant);
  /* Mostly ASCII, so half its bytes are NUL: the BOM is what says text. */
  assert_loads_as (le_en, "le-en.txt", "UTF-16LE",
                   "Privacy Policy\nWe collect data.\n");
}

static void
test_gb18030 (void)
{
  g_autoptr(GBytes) gb = encode (zh_hans, "GB18030", NULL, 0);
  g_autoptr(GBytes) gbk = encode ("本政策适用于云笺笔记的全部服务。\n", "GBK", NULL, 0);
  /* A character outside GBK: only GB18030's four-byte form holds it. */
  g_autoptr(GBytes) four = encode ("我们收集您的姓名（如𠀀）和手机号码，用于注册账号。\n",
                                   "GB18030", NULL, 0);

  g_assert_cmpuint (g_bytes_get_size (gb), <, strlen (zh_hans));
  assert_loads_as (gb, "gb.txt", "GB18030", zh_hans);
  /* Short texts are where detectors guess wrong; still GB18030. */
  assert_loads_as (gbk, "gbk.txt", "GB18030", "本政策适用于云笺笔记的全部服务。\n");
  assert_loads_as (four, "gb4.txt", "GB18030",
                   "我们收集您的姓名（如𠀀）和手机号码，用于注册账号。\n");
}

static void
test_gb18030_big (void)
{
  g_autoptr(GBytes) gb = encode (zh_hans, "GB18030", NULL, 0);
  g_autoptr(GString) text = g_string_new ("xy");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) all = NULL;

  /* Past the megabyte the encoding is chosen on, with the cut falling
   * inside a two-byte character (209-byte blocks after "xy": byte 1 MiB
   * is the first half of one). */
  g_byte_array_append (bytes, (const guint8 *) "xy", 2);
  while (bytes->len < 1536 * 1024)
    {
      g_byte_array_append (bytes, g_bytes_get_data (gb, NULL), g_bytes_get_size (gb));
      g_string_append (text, zh_hans);
    }
  all = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  assert_loads_as (all, "big-gb.txt", "GB18030", text->str);
}

static void
test_big5 (void)
{
  g_autoptr(GBytes) big5 = encode (zh_hant, "BIG5", NULL, 0);
  g_autoptr(GBytes) short_big5 = encode ("我們會保護您的個人資料。\n", "BIG5", NULL, 0);

  g_autoptr(GBytes) four_chars = encode ("個人資料", "BIG5", NULL, 0);

  assert_loads_as (big5, "big5.txt", "BIG5", zh_hant);
  assert_loads_as (short_big5, "big5-short.txt", "BIG5", "我們會保護您的個人資料。\n");
  /* Eight bytes that uchardet takes for Windows-1252: their non-ASCII bytes
   * come in runs, as Chinese ones do, so Big5 wins. */
  assert_loads_as (four_chars, "big5-tiny.txt", "BIG5", "個人資料");
}

static void
test_windows1252 (void)
{
  static const char english[] =
    "We “collect” your data – for example your café orders — and keep it "
    "for 6 months. You can’t opt out of essential cookies.\n";
  g_autoptr(GBytes) cp1252 = encode (english, "WINDOWS-1252", NULL, 0);
  g_autoptr(GBytes) latin1 = encode ("Café crème policy: we store naïve data.\n",
                                     "ISO-8859-1", NULL, 0);

  /* A scraped English page in a Western code page (Latin-1 is read as
   * Windows-1252, its superset, as browsers do). */
  assert_loads_as (cp1252, "cp1252.txt", "WINDOWS-1252", english);
  assert_loads_as (latin1, "latin1.txt", "WINDOWS-1252",
                   "Café crème policy: we store naïve data.\n");
}

static void
test_encoding_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(GBytes) gb = encode (zh_hans, "GB18030", NULL, 0);
  g_autofree char *path = cm_test_write_file (dir, "policy.txt",
                                              g_bytes_get_data (gb, NULL),
                                              g_bytes_get_size (gb));
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  g_autofree char *expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, gb);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->encoding, ==, "GB18030");
  g_assert_cmpstr (loaded->text, ==, zh_hans);
  g_assert_cmpstr (loaded->path, ==, path);
  /* The checksum is of the raw GB18030 bytes, not of the UTF-8 text. */
  g_assert_cmpstr (loaded->sha256, ==, expected_sha);
}

static void
test_sha256 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = load_string ("abc", -1, "abc.txt", &error);

  g_assert_no_error (error);
  /* FIPS 180-2's test vector. */
  g_assert_cmpstr (loaded->sha256, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* ---------------------------------------------------------------------- */
/* Normalisation                                                            */

static void
assert_normalizes (const char *input,
                   const char *expected)
{
  gsize size = 0;
  g_autofree char *normalized = cm_text_normalize (input, -1, &size);
  g_autofree char *again = NULL;

  g_assert_cmpstr (normalized, ==, expected);
  g_assert_cmpuint (size, ==, strlen (expected));
  /* Normalised text is a fixed point. */
  again = cm_text_normalize (normalized, size, NULL);
  g_assert_cmpstr (again, ==, normalized);
}

static void
test_normalize_line_ends (void)
{
  assert_normalizes ("a\r\nb\rc\nd\r\n", "a\nb\nc\nd\n");
  assert_normalizes ("a\r\r\nb", "a\n\nb");
  /* Unicode line and paragraph separators, NEL, form feed */
  assert_normalizes ("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d\fe", "a\nb\nc\nd\ne");
}

static void
test_normalize_spaces (void)
{
  /* NBSP, U+3000, U+2003, U+202F become ' '; full-width punctuation stays. */
  assert_normalizes ("March\xc2\xa0" "1\xe3\x80\x80" "2026\xe2\x80\x83" "x\xe2\x80\xaf" "y",
                     "March 1 2026 x y");
  assert_normalizes ("①　相机权限：用于拍摄照片，（如微信）；“引号”。",
                     "① 相机权限：用于拍摄照片，（如微信）；“引号”。");
  /* Full-width letters and digits are content, not spaces. */
  assert_normalizes ("１．ＡＢＣ", "１．ＡＢＣ");
  /* Tabs stay inside a line. */
  assert_normalizes ("a\tb", "a\tb");
}

static void
test_normalize_invisible (void)
{
  /* zero-width space, joiner, non-joiner, word joiner, BOM in the middle,
   * soft hyphen, LRM, bidi embedding */
  assert_normalizes ("个\xe2\x80\x8b人\xe2\x80\x8d信\xe2\x80\x8c息\xe2\x81\xa0保\xef\xbb\xbf护"
                     "co\xc2\xad" "operate\xe2\x80\x8e\xe2\x80\xaa!",
                     "个人信息保护cooperate!");
  /* C0 and C1 controls other than \n and \t go. */
  assert_normalizes ("a\x01" "b\x7f" "c\x1b" "d\xc2\x80" "e\xc2\x9f" "f", "abcdef");
  /* A leading BOM goes too. */
  assert_normalizes ("\xef\xbb\xbfTitle", "Title");
}

static void
test_normalize_blank_lines (void)
{
  /* trailing blanks trimmed, including full-width ones */
  assert_normalizes ("a  \nb\t\nc\xe3\x80\x80\n", "a\nb\nc\n");
  /* two or more blank lines become one; leading blank lines go; only one
   * final newline */
  assert_normalizes ("\n\n  \na\n\n\n\nb\n \n\xc2\xa0\n\nc\n\n\n", "a\n\nb\n\nc\n");
  /* one blank line stays */
  assert_normalizes ("a\n\nb", "a\n\nb");
  /* leading indentation stays (the Markdown reader needs it) */
  assert_normalizes ("  - item\n\xe3\x80\x80\xe3\x80\x80段落", "  - item\n  段落");
  assert_normalizes (" \n\t\n", "");
}

static void
test_normalize_invalid (void)
{
  g_autofree char *normalized = cm_text_normalize ("a\xff" "b", -1, NULL);

  /* Callers promise UTF-8; a broken byte shows, it does not vanish. */
  g_assert_cmpstr (normalized, ==, "a\xef\xbf\xbd" "b");
}

static void
test_normalize_in_loader (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded =
    load_string ("\xef\xbb\xbf\r\n隐私政策\xe3\x80\x80\r\n\r\n\r\n\r\n"
                 "\xe3\x80\x80\xe3\x80\x80我们\xe2\x80\x8b收集\xc2\xa0您的信息。  \r\n",
                 -1, "crlf.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, "隐私政策\n\n  我们收集 您的信息。\n");
  g_assert_cmpstr (loaded->title, ==, "隐私政策");
  g_assert_cmpuint (loaded->blocks->len, ==, 0);
}

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

/* The text less the lines hinted as boilerplate: what the policy keeps. */
static char *
kept_text (CmLoadedText *loaded)
{
  GString *kept = g_string_new (NULL);
  gsize pos = 0;
  guint h = 0;

  while (pos < loaded->size)
    {
      const char *nl = memchr (loaded->text + pos, '\n', loaded->size - pos);
      gsize end = nl != NULL ? (gsize) (nl - loaded->text) : loaded->size;
      gboolean junk = FALSE;

      while (h < loaded->blocks->len
             && g_array_index (loaded->blocks, CmBlockHint, h).end <= pos)
        h++;
      for (guint i = h; i < loaded->blocks->len; i++)
        {
          const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

          if (hint->start >= end)
            break;
          if (hint->kind == CM_BLOCK_BOILERPLATE)
            junk = TRUE;
        }
      if (!junk)
        {
          g_string_append_len (kept, loaded->text + pos, end - pos);
          g_string_append_c (kept, '\n');
        }
      pos = end + 1;
    }
  return g_string_free (kept, FALSE);
}

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

/* ---------------------------------------------------------------------- */
/* Refusals                                                                 */

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = cm_test_write_file (dir, "empty.txt", "", 0);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  g_autoptr(CmLoadedText) blank = NULL;

  g_assert_error (error, CM_ERROR, CM_ERROR_EMPTY);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Only spaces (full-width ones included) and line ends: no text either. */
  blank = load_string (" \r\n\xe3\x80\x80\n\t\n\xe2\x80\x8b", -1, "blank.txt", &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_EMPTY);
  g_assert_null (blank);
  g_assert_nonnull (strstr (error->message, "blank.txt"));
}

static void
test_binary (void)
{
  static const char png[] =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = cm_test_write_file (dir, "image.txt", png, sizeof png - 1);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);
  g_autoptr(GString) controls = g_string_new (NULL);
  g_autoptr(CmLoadedText) from_controls = NULL;

  g_assert_error (error, CM_ERROR, CM_ERROR_BINARY);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* No NUL, but control bytes everywhere. */
  for (guint i = 0; i < 200; i++)
    g_string_append_c (controls, i % 3 == 0 ? 'a' : (char) (1 + i % 7));
  from_controls = load_string (controls->str, controls->len, "controls.bin", &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_BINARY);
  g_assert_null (from_controls);
  g_assert_nonnull (strstr (error->message, "controls.bin"));
}

static void
test_invalid_bytes (void)
{
  g_autoptr(GError) error = NULL;
  /* 0x81 then a space is no GB18030, Big5 or Windows-1252 sequence, 0xFF
   * no UTF-8 or CJK lead byte. */
  g_autoptr(CmLoadedText) loaded =
    load_string ("Policy text \x81 more \xff\xfe\xff text\n", -1, "garbled.txt", &error);
  g_autoptr(CmLoadedText) bad_bom = NULL;
  g_autoptr(CmLoadedText) bad_utf16 = NULL;

  g_assert_error (error, CM_ERROR, CM_ERROR_ENCODING);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, "garbled.txt"));
  g_clear_error (&error);

  /* A UTF-8 BOM does not license invalid bytes after it. */
  bad_bom = load_string ("\xef\xbb\xbfPolicy \xc3\x28 text", -1, "bom.txt", &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_ENCODING);
  g_assert_null (bad_bom);
  g_clear_error (&error);

  /* A UTF-16 BOM followed by an odd number of bytes (a truncated file). */
  bad_utf16 = load_string ("\xff\xfeP\0o\0l", 7, "utf16.txt", &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_ENCODING);
  g_assert_null (bad_utf16);
  g_assert_nonnull (strstr (error->message, "utf16.txt"));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "no-such-policy.txt", NULL);
  g_autoptr(CmLoadedText) loaded = cm_loader_load_file (path, &error);

  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (loaded);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  g_autoptr(CmLoadedText) loaded = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  /* A sparse file: the size is refused before anything is read. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) CM_LOADER_MAX_SIZE + 1), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  loaded = cm_loader_load_file (path, &error);
  g_assert_error (error, CM_ERROR, CM_ERROR_TOO_LARGE);
  g_assert_null (loaded);
  g_assert_nonnull (strstr (error->message, path));
}

/* ---------------------------------------------------------------------- */
/* A 50 MB file                                                             */

/* Peak resident memory in KiB, or 0 where /proc is not there. */
static gsize
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
test_large_file (void)
{
  /* One block: NBSP (2 bytes → 1) and CRLF (2 → 1) shrink it by 3 bytes. */
  static const char block[] =
    "3.2 After you delete your account, we delete your data within 3\xc2\xa0months.\r\n"
    "我们将在6个月内删除或匿名化处理您的个人信息。\r\n";
  const gsize block_size = sizeof block - 1;
  const gsize n_blocks = (50 * 1024 * 1024) / block_size + 1;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.txt", NULL);
  g_autoptr(CmLoadedText) loaded = NULL;
  FILE *file = g_fopen (path, "wb");
  gsize rss_before, rss_after;

  g_assert_nonnull (file);
  for (gsize i = 0; i < n_blocks; i++)
    g_assert_cmpuint (fwrite (block, 1, block_size, file), ==, block_size);
  g_assert_cmpint (fclose (file), ==, 0);

  rss_before = peak_rss_kib ();
  loaded = cm_loader_load_file (path, &error);
  rss_after = peak_rss_kib ();

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->encoding, ==, "UTF-8");
  g_assert_cmpstr (loaded->loader, ==, "text");
  g_assert_cmpuint (loaded->size, ==, n_blocks * (block_size - 3));
  g_assert_cmpuint (strlen (loaded->text), ==, loaded->size);
  g_assert_true (g_str_has_suffix (loaded->text, "个人信息。\n"));

#ifndef __SANITIZE_ADDRESS__
  /* Bounded memory: the loader keeps no more than two copies of the file
   * at any moment (it normalises in place). ASan's allocator keeps freed
   * memory in quarantine, so the figure means nothing there. */
  if (rss_before > 0)
    g_assert_cmpuint (rss_after - rss_before, <, 2 * (n_blocks * block_size) / 1024);
#else
  (void) rss_before;
  (void) rss_after;
#endif
}

/* ---------------------------------------------------------------------- */
/* The seeds and the bundled sample                                         */

typedef struct
{
  const char *file;
  const char *loader;
  const char *title;  /* NULL: none expected */
} Seed;

static const Seed seeds[] = {
  { "000_ff7cdc02441bcc11.txt", "text", NULL },
  { "001_db7e5343e7766f39.txt", "text", "Kingsoft international privacy policy" },
  { "002_3eb241f66b6c2ec7.txt", "markdown", "隐私政策" },
  { "003_c2b0d46e6e8c4cff.txt", "markdown", "小云-隐私政策" },
  { "004_160dff319945c53b.txt", "text", "Privacy policy" },
};

static gboolean
has_line_starting_with (const char *text,
                        const char *prefix)
{
  g_autofree char *with_newline = g_strconcat ("\n", prefix, NULL);

  return g_str_has_prefix (text, prefix) || strstr (text, with_newline) != NULL;
}

static void
test_seeds (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = cm_test_shared_path ("seeds", seeds[i].file, NULL);
      g_autoptr(CmLoadedText) loaded = NULL;
      g_autofree char *raw = NULL;
      gsize raw_size;

      if (path == NULL)
        return;  /* skipped: ../shared is absent */
      loaded = cm_loader_load_file (path, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s, %s, %" G_GSIZE_FORMAT " bytes, %u hints",
                      seeds[i].file, loaded->loader, loaded->encoding,
                      loaded->size, loaded->blocks->len);
      g_assert_cmpstr (loaded->encoding, ==, "UTF-8");
      g_assert_cmpstr (loaded->loader, ==, seeds[i].loader);
      g_assert_cmpstr (loaded->title, ==, seeds[i].title);
      g_assert_true (g_file_get_contents (path, &raw, &raw_size, NULL));
      /* Normalising loses spaces and markers, never a meaningful amount. */
      g_assert_cmpuint (loaded->size, <=, raw_size);
      g_assert_cmpuint (loaded->size, >, raw_size * 9 / 10);
      g_assert_null (strstr (loaded->text, "\xc2\xa0"));
      g_assert_null (strstr (loaded->text, "\r"));
      g_assert_null (strstr (loaded->text, "\n\n\n"));
      g_assert_null (strstr (loaded->text, " \n"));
      g_assert_true (g_utf8_validate (loaded->text, loaded->size, NULL));
      if (g_str_equal (seeds[i].loader, "markdown"))
        {
          g_assert_null (strstr (loaded->text, "**"));
          g_assert_false (has_line_starting_with (loaded->text, "- "));
          g_assert_cmpuint (loaded->blocks->len, >, 10);
        }
    }
}

static void
test_seed_markdown_structure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cm_test_shared_path ("seeds", "002_3eb241f66b6c2ec7.txt", NULL);
  g_autoptr(CmLoadedText) loaded = NULL;
  gboolean found_nested = FALSE;

  if (path == NULL)
    return;
  loaded = cm_loader_load_file (path, &error);
  g_assert_no_error (error);
  /* "- 1.1" keeps its numbering, loses its dash; " - 1.1.1 **...**" is a
   * second-level item without its bold markers. */
  g_assert_true (has_line_starting_with (loaded->text, "1.1\n"));
  g_assert_true (has_line_starting_with (loaded->text, "1.1.1 您在注册帐户时填写的信息。\n"));
  for (guint i = 0; i < loaded->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

      if (hint->kind == CM_BLOCK_LIST_ITEM && hint->level == 2
          && g_str_has_prefix (loaded->text + hint->start, "1.1.1 "))
        found_nested = TRUE;
    }
  g_assert_true (found_nested);
}

static CmLoadedText *
load_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cm_test_data_path ("samples", name, NULL);
  CmLoadedText *loaded = cm_loader_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->encoding, ==, "UTF-8");
  return loaded;
}

static void
test_samples (void)
{
  g_autoptr(CmLoadedText) zh = load_sample ("sample-zh.txt");
  g_autoptr(CmLoadedText) en = load_sample ("sample-en.txt");
  g_autoptr(CmLoadedText) pair = load_sample ("sample-pair.txt");
  g_autoptr(CmLoadedText) html = load_sample ("sample.html");
  static const char * const junk[] = {
    "Pricing", "dataLayer", "Accept all cookies", "injected", "tracking pixel",
    "Share this page", "All rights reserved", "should never reach", "font-family",
  };
  g_autofree char *html_kept = NULL;
  gboolean has_nested_item = FALSE, has_h1 = FALSE;

  g_assert_cmpstr (zh->loader, ==, "text");
  g_assert_cmpstr (zh->title, ==, "云笺笔记隐私政策");
  g_assert_nonnull (strstr (zh->text, "6个月"));
  g_assert_nonnull (strstr (zh->text, "14周岁"));
  g_assert_nonnull (strstr (zh->text, "注销账号"));
  /* The U+3000 indents became spaces, the trailing blanks went. */
  g_assert_null (strstr (zh->text, "\xe3\x80\x80"));
  g_assert_nonnull (strstr (zh->text, "\n  云笺笔记（以下简称"));
  g_assert_nonnull (strstr (zh->text, "（二）笔记同步\n"));
  g_assert_null (strstr (zh->text, "\n\n\n"));

  g_assert_cmpstr (en->loader, ==, "text");
  g_assert_cmpstr (en->title, ==, "Yunjian Notes Privacy Policy");
  g_assert_nonnull (strstr (en->text, "within 3 months"));
  g_assert_nonnull (strstr (en->text, "\n  - Camera: to take photos"));

  /* The pair is both texts with a blank line between. */
  g_assert_cmpstr (pair->loader, ==, "text");
  g_assert_cmpuint (pair->size, ==, zh->size + 1 + en->size);
  g_assert_true (g_str_has_prefix (pair->text, zh->text));
  g_assert_true (g_str_has_suffix (pair->text, en->text));

  g_assert_cmpstr (html->loader, ==, "html");
  g_assert_cmpstr (html->title, ==, "Yunjian Notes Privacy Policy – Yunjian Notes");
  html_kept = kept_text (html);
  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    g_assert_null (strstr (html_kept, junk[i]));
  g_assert_nonnull (strstr (html->text, "within 3 months."));
  g_assert_nonnull (strstr (html->text, "(b) Deletion\tYou can delete any note;"));
  g_assert_nonnull (strstr (html->text, "“we”, “us”"));
  g_assert_nonnull (strstr (html->text, "under \"Settings > Account & Security > Delete Account\""));
  g_assert_nonnull (strstr (html->text, "on our servers.\n\n(b) To keep sync"));
  g_assert_nonnull (strstr (html->text, "contact us at:\nE-mail: privacy@yunjian-notes.example\n"));
  for (guint i = 0; i < html->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (html->blocks, CmBlockHint, i);

      if (hint->kind == CM_BLOCK_LIST_ITEM && hint->level == 2
          && g_str_has_prefix (html->text + hint->start, "(b) as required by laws"))
        has_nested_item = TRUE;
      if (hint->kind == CM_BLOCK_HEADING && hint->level == 1
          && strncmp (html->text + hint->start, "Yunjian Notes Privacy Policy",
                      hint->end - hint->start) == 0)
        has_h1 = TRUE;
    }
  g_assert_true (has_nested_item);
  g_assert_true (has_h1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/encoding/utf8", test_utf8);
  g_test_add_func ("/loader/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/loader/encoding/utf16", test_utf16);
  g_test_add_func ("/loader/encoding/gb18030", test_gb18030);
  g_test_add_func ("/loader/encoding/gb18030-big", test_gb18030_big);
  g_test_add_func ("/loader/encoding/big5", test_big5);
  g_test_add_func ("/loader/encoding/windows-1252", test_windows1252);
  g_test_add_func ("/loader/encoding/from-file", test_encoding_from_file);
  g_test_add_func ("/loader/sha256", test_sha256);
  g_test_add_func ("/loader/normalize/line-ends", test_normalize_line_ends);
  g_test_add_func ("/loader/normalize/spaces", test_normalize_spaces);
  g_test_add_func ("/loader/normalize/invisible", test_normalize_invisible);
  g_test_add_func ("/loader/normalize/blank-lines", test_normalize_blank_lines);
  g_test_add_func ("/loader/normalize/invalid", test_normalize_invalid);
  g_test_add_func ("/loader/normalize/in-loader", test_normalize_in_loader);
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
  g_test_add_func ("/loader/error/empty", test_empty);
  g_test_add_func ("/loader/error/binary", test_binary);
  g_test_add_func ("/loader/error/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/loader/error/missing", test_missing_file);
  g_test_add_func ("/loader/error/too-large", test_too_large);
  g_test_add_func ("/loader/large-file", test_large_file);
  g_test_add_func ("/loader/seeds", test_seeds);
  g_test_add_func ("/loader/seeds/markdown-structure", test_seed_markdown_structure);
  g_test_add_func ("/loader/samples", test_samples);

  return g_test_run ();
}
