/* cm-document-io-sink.c — the writer's output: a buffer, and JSON values into it
 *
 * The document writer (cm-document-io.c) writes into a CmSink: one GString
 * that holds the whole document for cm_document_to_json(), or a 1 MB
 * buffer written out each time it fills when saving. Strings, numbers and
 * arrays of strings are encoded here by hand, for speed (see
 * cm-document-io.c); the inline appends are in cm-document-io-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-document-io-private.h"

/* What a saving sink buffers before it writes. */
#define CM_SINK_BUFFER_SIZE (1024 * 1024)

void
cm_sink_init_memory (CmSink  *out,
                     gsize  size)
{
  out->buffer = g_string_sized_new (size);
  out->fd = -1;
  out->error = NULL;
}

void
cm_sink_init_file (CmSink *out,
                   int   fd)
{
  out->buffer = g_string_sized_new (CM_SINK_BUFFER_SIZE - 1);
  out->fd = fd;
  out->error = NULL;
}

void
cm_sink_write (CmSink     *out,
               const char *data,
               gsize       n)
{
  if (out->error == NULL)
    cm_document_io_write_all (out->fd, data, n, &out->error);
}

/* Writes out what the buffer holds (a file sink only). */
void
cm_sink_flush (CmSink *out)
{
  cm_sink_write (out, out->buffer->str, out->buffer->len);
  out->buffer->len = 0;
}

/* Ends a file sink: FALSE with @error when a write failed. */
gboolean
cm_sink_finish_file (CmSink  *out,
                     GError **error)
{
  cm_sink_flush (out);
  g_string_free (out->buffer, TRUE);
  out->buffer = NULL;
  if (out->error != NULL)
    {
      g_propagate_error (error, out->error);
      out->error = NULL;
      return FALSE;
    }
  return TRUE;
}

/* Makes room for @n more bytes (and the final nul): a file sink writes its
 * buffer out first, a memory sink grows. */
G_GNUC_NO_INLINE void
cm_sink_make_room (CmSink  *out,
                   gsize  n)
{
  GString *buffer = out->buffer;
  gsize len;

  if (out->fd >= 0)
    {
      cm_sink_flush (out);
      if (n + 1 <= buffer->allocated_len)
        return;
    }
  len = buffer->len;
  g_string_set_size (buffer, len + n);  /* grows the buffer geometrically */
  buffer->len = len;
}

/* For each byte: 0 when it goes out as it is, else the letter of its short
 * escape ('"', '\\', 'b', 'f', 'n', 'r', 't') or 'u' for \u00XX. */
static const char escapes[256] = {
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
  0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  [0x5c] = '\\',
};

/* Does any of the eight bytes at @p need an escape: a control character
 * (< 0x20), '"' or '\\'? Exact, by the usual "has a zero byte" trick. */
static inline gboolean
word_needs_escape (const guchar *p)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 word, quote, backslash;

  memcpy (&word, p, sizeof word);
  quote = word ^ (ones * '"');
  backslash = word ^ (ones * '\\');
  return ((((word - ones * 0x20) & ~word)
          | ((quote - ones) & ~quote)
          | ((backslash - ones) & ~backslash)) & highs) != 0;
}

/* Appends @str as a JSON string literal. UTF-8 passes through unchanged;
 * the caller guarantees it is valid. */
void
cm_sink_append_string_valid (CmSink     *out,
                             const char *str,
                             gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) str;
  const guchar *end = p + length;
  const guchar *run = p;

  cm_sink_put_c (out, '"');
  for (; p < end; p++)
    {
      char e;

      /* Skip eight plain bytes at a time: most of a policy needs no escape. */
      while (end - p >= 8 && !word_needs_escape (p))
        p += 8;
      if (p == end)
        break;
      e = escapes[*p];

      if (G_LIKELY (e == 0))
        continue;
      cm_sink_put_len (out, (const char *) run, p - run);
      cm_sink_put_c (out, '\\');
      if (e == 'u')
        {
          cm_sink_put_len (out, "u00", 3);
          cm_sink_put_c (out, hex[*p >> 4]);
          cm_sink_put_c (out, hex[*p & 0xf]);
        }
      else
        cm_sink_put_c (out, e);
      run = p + 1;
    }
  cm_sink_put_len (out, (const char *) run, p - run);
  cm_sink_put_c (out, '"');
}

/* Most strings here are short and ASCII (ids, kinds, statuses): skip the
 * call into the general validator for them. */
static gboolean
is_valid_utf8 (const char *str,
               gsize       length)
{
  gsize i = 0;

  while (i < length && (guchar) str[i] < 0x80)
    i++;
  return i == length || g_utf8_validate (str + i, (gssize) (length - i), NULL);
}

/* A short string from the model (ids, notes, names): NULL becomes null, and
 * invalid UTF-8 (which the setters do not police) is repaired rather than
 * written into a file no JSON reader would accept. */
void
cm_sink_append_string (CmSink     *out,
                       const char *str)
{
  gsize length;

  if (str == NULL)
    {
      cm_sink_put_len (out, "null", 4);
      return;
    }
  length = strlen (str);
  if (G_LIKELY (is_valid_utf8 (str, length)))
    cm_sink_append_string_valid (out, str, length);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, (gssize) length);
      cm_sink_append_string_valid (out, valid, strlen (valid));
    }
}

void
cm_sink_append_uint (CmSink  *out,
                     guint64  value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  cm_sink_put_len (out, p, buffer + sizeof buffer - p);
}

/* Writes @value rounded to ten decimals (an error of at most 5e-11, well
 * inside the 1e-9 that cm_clause_equal() allows), trailing zeros dropped.
 * Integer arithmetic: printf("%.17g") would cost more than the rest of a
 * clause. Values too large for that path, rare, go through g_ascii_formatd. */
#define DECIMALS_SCALE 10000000000.0  /* 1e10 */
#define DECIMALS       10

void
cm_sink_append_number (CmSink  *out,
                       double   value)
{
  guint64 scaled, integer, fraction;
  char digits[DECIMALS];
  int n;

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity: a bug upstream, not data to keep. */
      g_warning ("Writing a non-finite score as 0");
      cm_sink_put_c (out, '0');
      return;
    }
  if (fabs (value) >= 1e8)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      cm_sink_put_str (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
      return;
    }
  scaled = (guint64) llround (fabs (value) * DECIMALS_SCALE);
  if (value < 0 && scaled != 0)
    cm_sink_put_c (out, '-');
  integer = scaled / (guint64) DECIMALS_SCALE;
  fraction = scaled % (guint64) DECIMALS_SCALE;
  cm_sink_append_uint (out, integer);
  if (fraction == 0)
    return;
  for (int i = DECIMALS - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  for (n = DECIMALS; digits[n - 1] == '0'; n--)
    ;
  cm_sink_put_c (out, '.');
  cm_sink_put_len (out, digits, n);
}

void
cm_sink_append_strv (CmSink             *out,
                     const char * const *strv)
{
  cm_sink_put_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        cm_sink_put_c (out, ',');
      cm_sink_append_string (out, strv[i]);
    }
  cm_sink_put_c (out, ']');
}
