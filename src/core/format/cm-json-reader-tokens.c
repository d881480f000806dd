/* cm-json-reader-tokens.c — the streaming JSON reader's strings, numbers and literals
 *
 * Each token is read from the window (cm-json-reader.c) at the position,
 * checked as it goes (see cm-json-reader.c for the rules): a string's
 * value, unescaped, into self->string; a number as written into
 * self->string and its value into int_value or double_value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-json-reader"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cm-json-reader-private.h"

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits at data[@pos], or -1. */
static int
read_hex4 (CmJsonReader *self,
           gsize         pos)
{
  int value = 0;

  if (pos + 4 > self->length)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (self->data[pos + i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \u escape, the position on its backslash: appends the character. */
static gboolean
read_unicode_escape (CmJsonReader *self)
{
  gsize u;
  int unit, low;

  ensure (self, 12);
  u = self->pos + 1;
  unit = read_hex4 (self, u + 1);
  if (unit < 0)
    {
      cm_json_reader_fail_at (self, offset_of (self, u),
                              "\\u must be followed by four hexadecimal digits");
      return FALSE;
    }
  if (unit == 0)
    {
      cm_json_reader_fail_at (self, offset_of (self, u),
                              "\\u0000 (a NUL character) is not accepted in Clausemark files");
      return FALSE;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    {
      cm_json_reader_fail_at (self, offset_of (self, u), "\\u%04x is a lone low surrogate (no character)",
                              unit);
      return FALSE;
    }
  if (unit < 0xd800 || unit > 0xdbff)
    {
      g_string_append_unichar (self->string, (gunichar) unit);
      self->pos += 6;
      return TRUE;
    }
  low = u + 7 <= self->length && self->data[u + 5] == '\\' && self->data[u + 6] == 'u'
        ? read_hex4 (self, u + 7) : -1;
  if (low < 0xdc00 || low > 0xdfff)
    {
      cm_json_reader_fail_at (self, offset_of (self, u),
                              "\\u%04x is a lone high surrogate (no low surrogate follows)", unit);
      return FALSE;
    }
  g_string_append_unichar (self->string,
                           0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00));
  self->pos += 12;
  return TRUE;
}

/* An escape other than \u, the position on its backslash. */
static gboolean
read_short_escape (CmJsonReader *self)
{
  char e = ensure (self, 2) >= 2 ? self->data[self->pos + 1] : '\0';
  char c;

  switch (e)
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    default:
      {
      cm_json_reader_fail (self, "invalid escape in a string");
      return FALSE;
    }
    }
  g_string_append_c (self->string, c);
  self->pos += 2;
  return TRUE;
}

/* The string at the position (on its opening quote) into self->string. */
gboolean
cm_json_reader_read_string (CmJsonReader *self)
{
  guint64 start = offset_of (self, self->pos);
  guchar high = 0;

  g_string_truncate (self->string, 0);
  self->pos++;
  for (;;)
    {
      const guchar *p, *run, *end;
      guchar c;

      if (ensure (self, 1) == 0)
        {
      cm_json_reader_fail_at (self, start, "unterminated string");
      return FALSE;
    }
      run = p = (const guchar *) self->data + self->pos;
      end = (const guchar *) self->data + self->length;
      /* Most bytes are plain: copy them in runs. */
      while (p < end && (c = *p) != '"' && c != '\\' && c >= 0x20)
        {
          high |= c;
          p++;
        }
      g_string_append_len (self->string, (const char *) run, p - run);
      self->pos = (const char *) p - self->data;
      if (p == end)
        continue;
      c = *p;
      if (c == '"')
        {
          self->pos++;
          break;
        }
      if (c < 0x20)
        {
      cm_json_reader_fail (self, "a control character inside a string (write it as an escape)");
      return FALSE;
    }
      if (ensure (self, 2) >= 2 && self->data[self->pos + 1] == 'u')
        {
          if (!read_unicode_escape (self))
            return FALSE;
        }
      else if (!read_short_escape (self))
        return FALSE;
    }
  /* Escapes only add whole characters: the string is valid UTF-8 exactly
   * when its unescaped runs are. */
  if ((high & 0x80) && !g_utf8_validate_len (self->string->str, self->string->len, NULL))
    {
      cm_json_reader_fail_at (self, start, "a string that is not valid UTF-8");
      return FALSE;
    }
  return TRUE;
}

static gsize
take_digits (CmJsonReader *self)
{
  gsize n = 0;
  int c;

  while ((c = peek (self)) >= 0 && g_ascii_isdigit (c))
    {
      g_string_append_c (self->string, (char) c);
      self->pos++;
      n++;
    }
  return n;
}

static gboolean
take_char (CmJsonReader *self,
           const char   *chars)
{
  int c = peek (self);

  if (c <= 0 || strchr (chars, c) == NULL)
    return FALSE;
  g_string_append_c (self->string, (char) c);
  self->pos++;
  return TRUE;
}

CmJsonToken
cm_json_reader_read_number (CmJsonReader *self)
{
  guint64 start = offset_of (self, self->pos);
  gboolean integer = TRUE;
  gsize digits_start, n_digits;
  const char *text;

  g_string_truncate (self->string, 0);
  take_char (self, "-");
  digits_start = self->string->len;
  n_digits = take_digits (self);
  if (n_digits == 0 || (self->string->str[digits_start] == '0' && n_digits > 1))
    return cm_json_reader_fail_at (self, start, "a malformed number");
  if (take_char (self, "."))
    {
      integer = FALSE;
      if (take_digits (self) == 0)
        return cm_json_reader_fail_at (self, start, "a malformed number");
    }
  if (take_char (self, "eE"))
    {
      integer = FALSE;
      take_char (self, "+-");
      if (take_digits (self) == 0)
        return cm_json_reader_fail_at (self, start, "a malformed number");
    }
  text = self->string->str;
  errno = 0;
  if (integer)
    self->int_value = g_ascii_strtoll (text, NULL, 10);
  else
    {
      self->double_value = g_ascii_strtod (text, NULL);
      /* Underflow to 0 (1e-400) is a fine reading; overflow to infinity is not. */
      errno = isfinite (self->double_value) ? 0 : ERANGE;
    }
  /* Short integers cannot overflow. */
  if (errno == ERANGE && !(integer && n_digits <= 18))
    {
      g_autofree char *shown = cm_json_reader_excerpt (text, self->string->len);
      return cm_json_reader_fail_at (self, start, "the number %s is too large (beyond %s)", shown,
                                     integer ? "a 64-bit integer" : "a double");
    }
  return integer ? CM_JSON_TOKEN_INT : CM_JSON_TOKEN_DOUBLE;
}

CmJsonToken
cm_json_reader_read_literal (CmJsonReader *self)
{
  static const struct { const char *text; CmJsonToken token; gboolean value; } literals[] = {
    { "true", CM_JSON_TOKEN_BOOLEAN, TRUE },
    { "false", CM_JSON_TOKEN_BOOLEAN, FALSE },
    { "null", CM_JSON_TOKEN_NULL, FALSE },
  };
  gsize available = ensure (self, 5);

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i].text);

      if (available >= n && memcmp (self->data + self->pos, literals[i].text, n) == 0)
        {
          self->pos += n;
          self->boolean_value = literals[i].value;
          return literals[i].token;
        }
    }
  return cm_json_reader_fail (self, "unexpected character");
}
