/* test-loader.c — files to normalised text: encodings, normalisation,
 * refusals, a 50 MB file, the seeds and the bundled sample (HTML and
 * Markdown-ish in test-loader-markup.c)
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
#include "test-loader-private.h"

/* The same text in traditional characters (for Big5); zh_hans in
 * test-loader-private.h. */
static const char zh_hant[] =
  "我們非常重視您的個人資料保護。本政策說明我們如何蒐集、使用、儲存及分享您的個人資料，"
  "以及您享有的權利。我們會在您刪除帳號後六個月內刪除您的個人資料。"
  "如您未滿十四歲，請在法定代理人的陪同下閱讀本政策。\n";

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
