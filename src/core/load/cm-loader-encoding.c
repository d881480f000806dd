/* cm-loader-encoding.c — is it text, and in which encoding?
 *
 * Order of trust: a byte-order mark; valid UTF-8 (UTF-8 is so structured
 * that other encodings almost never validate as it), or UTF-8 but for a few
 * stray bytes (replaced by U+FFFD); the charset the markup
 * declares; uchardet's guess; then GB18030 and Big5, the legacy encodings of
 * Chinese policies. A candidate wins only when it decodes every byte and the
 * result does not look like mojibake (private-use characters, controls).
 * uchardet mis-guesses short Chinese text between GB18030 and Big5, so when
 * both decode cleanly the one producing more common Chinese characters wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <uchardet.h>

#include "cm-error.h"
#include "cm-loader-private.h"

/* uchardet is accurate well before this much text, and slow on more. */
#define DETECT_SIZE ((gsize) 1024 * 1024)
/* How much decoded text the GB18030 / Big5 tie-break reads. */
#define SCORE_SIZE ((gsize) 64 * 1024)

gboolean
cm_loader_check_not_binary (const char  *data,
                            gsize        size,
                            const char  *name,
                            GError     **error)
{
  gsize head = MIN (size, CM_LOADER_SNIFF_SIZE);
  gsize controls = 0;

  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_BINARY,
                   "%s: this is a binary file, not text (it contains NUL bytes)",
                   name);
      return FALSE;
    }

  /* Text has line ends and tabs but hardly any other C0 control; ESC is
   * spared because ISO-2022 encodings use it. */
  for (gsize i = 0; i < head; i++)
    {
      guchar c = data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'
           && c != '\v' && c != 0x1b) || c == 0x7f)
        controls++;
    }
  if (controls >= 4 && controls * 50 > head)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_BINARY,
                   "%s: this is a binary file, not text (%" G_GSIZE_FORMAT
                   " control bytes in the first %" G_GSIZE_FORMAT ")",
                   name, controls, head);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_loader_utf8_validate (const char *data,
                         gsize       size)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + size;

  while (p < end)
    {
      guchar c;

      /* Eight ASCII bytes at a time: most of an English policy. */
      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          p += 8;
        }
      if (p >= end)
        break;

      c = *p;
      if (c < 0x80)
        p++;
      else if (c < 0xc2)                 /* continuation byte or overlong */
        return FALSE;
      else if (c < 0xe0)
        {
          if (end - p < 2 || (p[1] & 0xc0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c < 0xf0)
        {
          if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80
              || (c == 0xe0 && p[1] < 0xa0)    /* overlong */
              || (c == 0xed && p[1] >= 0xa0))  /* UTF-16 surrogates */
            return FALSE;
          p += 3;
        }
      else if (c < 0xf5)
        {
          if (end - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80
              || (p[3] & 0xc0) != 0x80
              || (c == 0xf0 && p[1] < 0x90)    /* overlong */
              || (c == 0xf4 && p[1] >= 0x90))  /* beyond U+10FFFF */
            return FALSE;
          p += 4;
        }
      else
        return FALSE;
    }
  return TRUE;
}

const char *
cm_loader_canonical_charset (const char *label)
{
  static const struct { const char *label; const char *name; } aliases[] = {
    { "UTF-8", "UTF-8" }, { "UTF8", "UTF-8" }, { "ASCII", "UTF-8" },
    { "US-ASCII", "UTF-8" },
    /* GB18030 is a superset of GBK, itself a superset of GB2312. */
    { "GB18030", "GB18030" }, { "GBK", "GB18030" }, { "GB2312", "GB18030" },
    { "EUC-CN", "GB18030" }, { "CP936", "GB18030" }, { "X-GBK", "GB18030" },
    { "CSGB2312", "GB18030" }, { "GB_2312-80", "GB18030" },
    { "BIG5", "BIG5" }, { "BIG-5", "BIG5" }, { "CP950", "BIG5" },
    { "X-X-BIG5", "BIG5" }, { "CSBIG5", "BIG5" },
    { "BIG5-HKSCS", "BIG5-HKSCS" }, { "EUC-TW", "EUC-TW" },
    { "UTF-16LE", "UTF-16LE" }, { "UTF-16BE", "UTF-16BE" },
    { "UTF-32LE", "UTF-32LE" }, { "UTF-32BE", "UTF-32BE" },
    /* Browsers read a declared Latin-1 as Windows-1252, and so do we. */
    { "WINDOWS-1252", "WINDOWS-1252" }, { "CP1252", "WINDOWS-1252" },
    { "ISO-8859-1", "WINDOWS-1252" }, { "LATIN1", "WINDOWS-1252" },
    { "ISO-8859-15", "WINDOWS-1252" },
  };

  if (label == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (label, aliases[i].label) == 0)
      return aliases[i].name;
  /* Japanese, Korean, Cyrillic...: not what privacy policies in Chinese and
   * English come in, and a mis-guess on Chinese bytes would garble them. */
  return NULL;
}

/* Counts decoded characters that real text almost never holds. */
static gboolean
looks_like_mojibake (const char *text,
                     gsize       size)
{
  gsize n_chars = 0, suspicious = 0;
  /* The start tells; the chooser has checked it on every candidate. */
  const char *stop = text + MIN (size, DETECT_SIZE);

  for (const char *p = text; p < stop; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if ((c >= 0xe000 && c <= 0xf8ff) || c == 0xfffd
          || (c >= 0x80 && c <= 0x9f))
        suspicious++;
    }
  return suspicious > 0 && suspicious * 50 > n_chars;
}

/* Decodes all of @data from @charset, or returns NULL. When @prefix, @data
 * is the start of a longer text and may end inside a character. */
static char *
convert_cleanly (const char *data,
                 gsize       size,
                 const char *charset,
                 gboolean    prefix,
                 gsize      *out_size)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *converted;

  converted = g_convert (data, size, "UTF-8", charset, &bytes_read, out_size,
                         &local_error);
  if (converted == NULL)
    {
      g_debug ("not %s: %s", charset, local_error->message);
      return NULL;
    }
  if ((prefix ? bytes_read + 4 <= size : bytes_read != size) || memchr (converted, '\0', *out_size) != NULL
      || !cm_loader_utf8_validate (converted, *out_size)
      || looks_like_mojibake (converted, *out_size))
    {
      g_debug ("not %s: the result is not plausible text", charset);
      g_free (converted);
      return NULL;
    }
  return converted;
}

/* How Chinese a decoding reads: common characters of simplified and
 * traditional Chinese (and of privacy policies) per CJK character. Garbage
 * from the wrong one of GB18030 / Big5 is full of rare characters. */
static double
chinese_score (const char *text,
               gsize       size)
{
  static const char common[] =
    "的一是不了人我在有他这這为為之大来來以个個中上们們到说說国國和地也子时時"
    "要于於就下得可你年生会會能对對着著事其里所去行过過家用发發成者多都与與"
    "您信息资資料数數据據隐隱私政策收集使共享保护護权權益服务務产產品提供同意"
    "个人訊通知第条條款应應或及等将將被如果该該已并並";
  gsize cjk = 0, hits = 0;
  /* A sample is enough to tell; the whole of a big file would be slow. */
  const char *stop = text + MIN (size, SCORE_SIZE);

  for (const char *p = text; p < stop; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[8];
      int n;

      if (c < 0x3400)
        continue;
      cjk++;
      n = g_unichar_to_utf8 (c, buf);
      buf[n] = '\0';
      if (strstr (common, buf) != NULL)
        hits++;
    }
  return cjk > 0 ? (double) hits / cjk : 0.0;
}

static gboolean
is_legacy_chinese (const char *charset)
{
  return g_str_equal (charset, "GB18030") || g_str_equal (charset, "BIG5");
}

/* The index of the first of candidates[first..] that decodes @data cleanly,
 * or -1. Only the GB18030 / Big5 confusion gets a second opinion: when both
 * decode, the more Chinese-looking result wins. */
static int
choose_candidate (const char *data,
                  gsize       size,
                  gboolean    prefix,
                  GPtrArray  *candidates,
                  guint       first)
{
  int best = -1;
  double best_score = -1.0;

  for (guint i = first; i < candidates->len; i++)
    {
      const char *charset = candidates->pdata[i];
      gsize converted_size = 0;
      g_autofree char *converted = convert_cleanly (data, size, charset, prefix,
                                                    &converted_size);

      if (converted == NULL)
        continue;
      if (best < 0)
        {
          best = i;
          if (!is_legacy_chinese (charset))
            break;
          best_score = chinese_score (converted, converted_size);
        }
      else if (is_legacy_chinese (charset))
        {
          double score = chinese_score (converted, converted_size);

          if (score > best_score)
            {
              best = i;
              best_score = score;
            }
        }
    }
  return best;
}

static char *
detect_with_uchardet (const char *data,
                      gsize       size)
{
  uchardet_t detector = uchardet_new ();
  char *charset = NULL;

  if (uchardet_handle_data (detector, data, MIN (size, DETECT_SIZE)) == 0)
    {
      uchardet_data_end (detector);
      charset = g_strdup (uchardet_get_charset (detector));
    }
  uchardet_delete (detector);
  return charset;
}

/* Western single-byte text has its few non-ASCII bytes alone between ASCII
 * letters ("café", curly quotes); Chinese double-byte text has them side by
 * side. uchardet calls very short Chinese text Windows-1252 at times: when
 * most non-ASCII bytes have a non-ASCII neighbour, that guess is doubtful. */
static gboolean
high_bytes_come_in_runs (const char *data,
                         gsize       size)
{
  const guchar *b = (const guchar *) data;
  gsize n = MIN (size, DETECT_SIZE);
  gsize high = 0, paired = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (b[i] < 0x80)
        continue;
      high++;
      if ((i > 0 && b[i - 1] >= 0x80) || (i + 1 < n && b[i + 1] >= 0x80))
        paired++;
    }
  return high > 0 && paired * 2 >= high;
}

static void
add_candidate (GPtrArray  *candidates,
               const char *name)
{
  if (name == NULL || g_str_equal (name, "UTF-8")
      || g_str_has_prefix (name, "UTF-"))  /* only with their BOM */
    return;
  for (guint i = 0; i < candidates->len; i++)
    if (g_str_equal (candidates->pdata[i], name))
      return;
  g_ptr_array_add (candidates, (gpointer) name);
}

/* A UTF-16/32 byte-order mark, or NULL. */
static const char *
unicode_bom_charset (const char *data,
                     gsize       size)
{
  const guchar *b = (const guchar *) data;

  if (size >= 4 && b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0)
    return "UTF-32LE";
  if (size >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff)
    return "UTF-32BE";
  if (size >= 2 && b[0] == 0xff && b[1] == 0xfe)
    return "UTF-16LE";
  if (size >= 2 && b[0] == 0xfe && b[1] == 0xff)
    return "UTF-16BE";
  return NULL;
}

static char *
decode_unicode_bom (const char  *data,
                    gsize        size,
                    const char  *name,
                    const char  *charset,
                    gsize       *out_size,
                    GError     **error)
{
  char *converted = convert_cleanly (data, size, charset, FALSE, out_size);

  if (converted == NULL)
    g_set_error (error, CM_ERROR, CM_ERROR_ENCODING,
                 "%s: the file starts with a %s byte-order mark but is not valid %s",
                 name, charset, charset);
  return converted;
}

/* Counts the lead bytes of valid multi-byte sequences and the bytes that
 * are not UTF-8 (each byte a sequence cannot start from). */
static void
count_utf8 (const char *data,
            gsize       size,
            gsize      *n_multibyte,
            gsize      *n_invalid)
{
  const char *p = data;
  const char *end = data + size;

  *n_multibyte = *n_invalid = 0;
  while (p < end)
    {
      const char *valid_end;
      gboolean valid = g_utf8_validate_len (p, end - p, &valid_end);

      for (const char *q = p; q < valid_end; q++)
        if (((guchar) *q & 0xc0) == 0xc0)
          (*n_multibyte)++;
      if (valid)
        break;
      (*n_invalid)++;
      p = valid_end + 1;
    }
}

/* A UTF-8 file with a stray bad byte (a corrupt byte, a Windows-1252 quote
 * pasted into it) is UTF-8 still: the bad bytes become U+FFFD and the rest
 * is read as it is, instead of refusing the whole file or reading all of it
 * as mojibake in a legacy encoding. It is one when it holds at least ten
 * times as many valid multi-byte sequences as bad bytes: in legacy Chinese
 * text a byte pair validates as UTF-8 only by chance (most do not), and in
 * Windows-1252 text a high byte hardly ever starts a valid sequence. */
static char *
decode_mostly_utf8 (const char *data,
                    gsize       size,
                    gsize      *out_size,
                    gsize      *n_replaced)
{
  gsize n_multibyte, n_invalid;
  char *decoded;

  count_utf8 (data, size, &n_multibyte, &n_invalid);
  if (n_invalid == 0 || n_multibyte < 8 || n_invalid * 10 > n_multibyte)
    return NULL;
  decoded = g_utf8_make_valid (data, (gssize) size);
  *out_size = strlen (decoded);
  *n_replaced = n_invalid;
  return decoded;
}

char *
cm_loader_decode (const char  *data,
                  gsize        size,
                  const char  *name,
                  const char  *charset_hint,
                  gsize       *out_size,
                  char       **out_encoding,
                  gboolean    *out_is_copy,
                  gsize       *out_n_replaced,
                  GError     **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GString) tried = NULL;
  g_autofree char *guess = NULL;
  const char *bom_charset = unicode_bom_charset (data, size);
  const char *guessed;
  gboolean doubtful;
  gsize probe_size = MIN (size, DETECT_SIZE);
  char *mostly_utf8;

  *out_is_copy = TRUE;
  *out_n_replaced = 0;

  /* UTF-16/32 hold NUL bytes by design: their BOM decides, before the
   * binary check. */
  if (bom_charset != NULL)
    {
      char *converted = decode_unicode_bom (data, size, name, bom_charset,
                                            out_size, error);
      if (converted != NULL)
        *out_encoding = g_strdup (bom_charset);
      return converted;
    }

  if (!cm_loader_check_not_binary (data, size, name, error))
    return NULL;

  if (cm_loader_utf8_validate (data, size))
    {
      *out_size = size;
      *out_encoding = g_strdup ("UTF-8");
      *out_is_copy = FALSE;
      return (char *) data;
    }
  mostly_utf8 = decode_mostly_utf8 (data, size, out_size, out_n_replaced);
  if (mostly_utf8 != NULL)
    {
      *out_encoding = g_strdup ("UTF-8");
      return mostly_utf8;
    }

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING,
                   "%s: the file starts with a UTF-8 byte-order mark but is not valid UTF-8",
                   name);
      return NULL;
    }

  guess = detect_with_uchardet (data, size);
  g_debug ("%s: uchardet guesses “%s”, the markup declares “%s”",
           name, guess ? guess : "", charset_hint ? charset_hint : "");
  guessed = cm_loader_canonical_charset (guess);
  doubtful = g_strcmp0 (guessed, "WINDOWS-1252") == 0
             && high_bytes_come_in_runs (data, size);
  add_candidate (candidates, cm_loader_canonical_charset (charset_hint));
  if (!doubtful)
    add_candidate (candidates, guessed);
  add_candidate (candidates, "GB18030");
  add_candidate (candidates, "BIG5");
  add_candidate (candidates, guessed);

  /* Choosing costs a conversion per candidate: on a big file, choose on
   * its first megabyte, then convert the whole with the winner (and move
   * on to the next candidates if something later in the file fails). */
  for (guint first = 0; first < candidates->len;)
    {
      int chosen = choose_candidate (data, probe_size, probe_size < size,
                                     candidates, first);
      char *converted;

      if (chosen < 0)
        break;
      converted = convert_cleanly (data, size, candidates->pdata[chosen], FALSE,
                                   out_size);
      if (converted != NULL)
        {
          *out_encoding = g_strdup (candidates->pdata[chosen]);
          return converted;
        }
      first = chosen + 1;
    }

  tried = g_string_new ("UTF-8");
  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (tried, ", %s", (const char *) candidates->pdata[i]);
  g_set_error (error, CM_ERROR, CM_ERROR_ENCODING,
               "%s: the text is not valid in any encoding tried (%s)",
               name, tried->str);
  return NULL;
}
