/* cm-json-guard.c — checking JSON before json-glib parses it
 *
 * json-glib's parser recurses once per nesting level (100,000 levels
 * overflow the stack), lets the last of two equal members win, reads
 * integers beyond 64 bits as -1 and turns a lone surrogate escape into
 * replacement characters. Every reader of untrusted JSON therefore runs
 * this one iterative, string-aware pass first. It checks the whole
 * grammar and refuses, with the line and column:
 *   - nesting deeper than CM_JSON_MAX_DEPTH;
 *   - two members of one object with the same name;
 *   - anything but white space after the value;
 *   - \u0000 (Clausemark's strings are C strings: the text would be cut)
 *     and escapes of lone UTF-16 surrogates (they name no character);
 *   - strings that are not UTF-8, raw control characters;
 *   - numbers beyond what a 64-bit integer or a double holds (quoted as
 *     they are written, not as what they would overflow to).
 * Memory: a small stack, and the member names of the open objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-json-guard"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cm-error.h"
#include "cm-json-guard.h"

/* Objects with more members than this get a hash set for duplicates;
 * smaller ones (all of Clausemark's) are compared member by member. */
#define LINEAR_KEYS 16

typedef struct
{
  const char *str;  /* into the data, or owned by the level's @owned */
  gsize       len;
} Key;

typedef struct
{
  gboolean    is_object;
  GArray     *keys;   /* Key, while the object is small */
  GHashTable *set;    /* owned copies, once it is not */
  GPtrArray  *owned;  /* unescaped names */
} Level;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  const char *name;
  GArray     *levels;  /* Level; entries past ->len are kept for reuse */
  guint       depth;
  GError    **error;
} Scanner;

static void G_GNUC_PRINTF (3, 4)
fail_at (Scanner    *s,
         gsize       pos,
         const char *format,
         ...)
{
  g_autofree char *why = NULL;
  const char *line_start = s->data;
  guint line = 1;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  pos = MIN (pos, s->length);
  for (const char *p = s->data; p < s->data + pos; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  g_set_error (s->error, CM_ERROR, CM_ERROR_PARSE,
               "%s: malformed JSON at line %u, column %" G_GSIZE_FORMAT ": %s", s->name, line,
               (gsize) (s->data + pos - line_start) + 1, why);
}

/* A member name or number as written, shortened for a message. */
static char *
excerpt (const char *str,
         gsize       len)
{
  const char *end = str + MIN (len, 64);

  if (len > 64)
    {
      /* Cut at a character boundary. */
      while (end > str && ((guchar) *end & 0xc0) == 0x80)
        end--;
      return g_strdup_printf ("%.*s…", (int) (end - str), str);
    }
  return g_strndup (str, len);
}

static void
skip_space (Scanner *s)
{
  while (s->pos < s->length)
    {
      char c = s->data[s->pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

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

/* The four hex digits at @pos, or -1. */
static int
read_hex4 (Scanner *s,
           gsize    pos)
{
  int value = 0;

  if (pos + 4 > s->length)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (s->data[pos + i]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \u escape at @pos (on the 'u'); returns where it ends, or 0. */
static gsize
scan_unicode_escape (Scanner *s,
                     gsize    pos)
{
  int unit = read_hex4 (s, pos + 1), low;

  if (unit < 0)
    {
      fail_at (s, pos, "\\u must be followed by four hexadecimal digits");
      return 0;
    }
  if (unit == 0)
    {
      fail_at (s, pos, "\\u0000 (a NUL character) is not accepted in Clausemark files");
      return 0;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    {
      fail_at (s, pos, "\\u%04x is a lone low surrogate (no character)", unit);
      return 0;
    }
  if (unit < 0xd800 || unit > 0xdbff)
    return pos + 5;
  low = pos + 7 <= s->length && s->data[pos + 5] == '\\' && s->data[pos + 6] == 'u'
        ? read_hex4 (s, pos + 7) : -1;
  if (low < 0xdc00 || low > 0xdfff)
    {
      fail_at (s, pos, "\\u%04x is a lone high surrogate (no low surrogate follows)", unit);
      return 0;
    }
  return pos + 11;
}

/* The string at s->pos (on its opening quote); on success s->pos is past
 * the closing quote and *has_escapes tells whether it holds any. */
static gboolean
scan_string (Scanner  *s,
             gboolean *has_escapes)
{
  gsize start = s->pos + 1, pos = start;
  gboolean high = FALSE;

  *has_escapes = FALSE;
  while (pos < s->length)
    {
      guchar c = (guchar) s->data[pos];

      if (c == '"')
        break;
      if (c < 0x20)
        {
          fail_at (s, pos, "a control character inside a string (write it as an escape)");
          return FALSE;
        }
      if (c == '\\')
        {
          char e = pos + 1 < s->length ? s->data[pos + 1] : '\0';

          *has_escapes = TRUE;
          if (e == 'u')
            {
              pos = scan_unicode_escape (s, pos + 1);
              if (pos == 0)
                return FALSE;
              continue;
            }
          if (strchr ("\"\\/bfnrt", e) == NULL || e == '\0')
            {
              fail_at (s, pos, "invalid escape in a string");
              return FALSE;
            }
          pos += 2;
          continue;
        }
      high |= c >= 0x80;
      pos++;
    }
  if (pos >= s->length)
    {
      fail_at (s, s->pos, "unterminated string");
      return FALSE;
    }
  if (high && !g_utf8_validate_len (s->data + start, pos - start, NULL))
    {
      fail_at (s, s->pos, "a string that is not valid UTF-8");
      return FALSE;
    }
  s->pos = pos + 1;
  return TRUE;
}

static gsize
skip_digits (Scanner *s,
             gsize    pos)
{
  while (pos < s->length && g_ascii_isdigit (s->data[pos]))
    pos++;
  return pos;
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos, pos = start, digits_start;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (s->data[pos] == '-')
    pos++;
  digits_start = pos;
  pos = skip_digits (s, pos);
  if (pos == digits_start || (s->data[digits_start] == '0' && pos - digits_start > 1))
    {
      fail_at (s, start, "a malformed number");
      return FALSE;
    }
  if (pos < s->length && s->data[pos] == '.')
    {
      gsize frac = pos + 1;
      pos = skip_digits (s, frac);
      integer = FALSE;
      if (pos == frac)
        {
          fail_at (s, start, "a malformed number");
          return FALSE;
        }
    }
  if (pos < s->length && (s->data[pos] == 'e' || s->data[pos] == 'E'))
    {
      gsize exp = pos + 1;
      if (exp < s->length && (s->data[exp] == '+' || s->data[exp] == '-'))
        exp++;
      pos = skip_digits (s, exp);
      integer = FALSE;
      if (pos == exp)
        {
          fail_at (s, start, "a malformed number");
          return FALSE;
        }
    }
  s->pos = pos;
  /* Short integers cannot overflow; check the rest as json-glib reads them. */
  if (integer && pos - digits_start <= 18)
    return TRUE;
  text = g_strndup (s->data + start, pos - start);
  errno = 0;
  if (integer)
    g_ascii_strtoll (text, NULL, 10);
  /* Underflow to 0 (1e-400) is a fine reading; overflow to infinity is not. */
  else
    errno = isfinite (g_ascii_strtod (text, NULL)) ? 0 : ERANGE;
  if (errno == ERANGE)
    {
      g_autofree char *shown = excerpt (text, pos - start);
      fail_at (s, start, "the number %s is too large (beyond %s)", shown,
               integer ? "a 64-bit integer" : "a double");
      return FALSE;
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);
      if (s->length - s->pos >= n && memcmp (s->data + s->pos, literals[i], n) == 0)
        {
          s->pos += n;
          return TRUE;
        }
    }
  fail_at (s, s->pos, "unexpected character");
  return FALSE;
}

static Level *
top_level (Scanner *s)
{
  return s->depth > 0 ? &g_array_index (s->levels, Level, s->depth - 1) : NULL;
}

static gboolean
push_level (Scanner  *s,
            gboolean  is_object)
{
  Level *level;

  if (s->depth >= CM_JSON_MAX_DEPTH)
    {
      fail_at (s, s->pos, "nested deeper than %d levels; refused before parsing",
               CM_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (s->depth == s->levels->len)
    {
      Level fresh = { 0 };
      fresh.keys = g_array_new (FALSE, FALSE, sizeof (Key));
      fresh.owned = g_ptr_array_new_with_free_func (g_free);
      g_array_append_val (s->levels, fresh);
    }
  s->depth++;
  level = top_level (s);
  level->is_object = is_object;
  g_array_set_size (level->keys, 0);
  g_ptr_array_set_size (level->owned, 0);
  g_clear_pointer (&level->set, g_hash_table_unref);
  return TRUE;
}

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_array_unref (level->keys);
  g_ptr_array_unref (level->owned);
  g_clear_pointer (&level->set, g_hash_table_unref);
}

static gunichar
hex4 (const char *str)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    value = value * 16 + (gunichar) hex_value (str[i]);
  return value;
}

/* The name of a member with escapes, as json-glib will see it. */
static char *
unescape (const char *str,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];
      gunichar ch;

      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      c = str[++i];
      switch (c)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          /* Already checked: four digits, surrogates paired. */
          ch = hex4 (str + i + 1);
          i += 4;
          if (ch >= 0xd800 && ch <= 0xdbff)
            {
              gunichar low = hex4 (str + i + 3);
              ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              i += 6;
            }
          g_string_append_unichar (out, ch);
          break;
        default:
          g_string_append_c (out, c);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
key_equal (const Key *a,
           const Key *b)
{
  return a->len == b->len && memcmp (a->str, b->str, a->len) == 0;
}

/* Records the member name that ends just before s->pos; FALSE if the
 * object already has one so named. */
static gboolean
add_key (Scanner  *s,
         gsize     start,
         gboolean  has_escapes)
{
  Level *level = top_level (s);
  Key key = { s->data + start + 1, s->pos - start - 2 };
  gboolean duplicate = FALSE;

  if (has_escapes)
    {
      char *name = unescape (key.str, key.len);
      key.str = name;
      key.len = strlen (name);
      g_ptr_array_add (level->owned, name);
    }
  if (level->set == NULL && level->keys->len < LINEAR_KEYS)
    {
      for (guint i = 0; i < level->keys->len && !duplicate; i++)
        duplicate = key_equal (&g_array_index (level->keys, Key, i), &key);
      if (!duplicate)
        g_array_append_val (level->keys, key);
    }
  else
    {
      if (level->set == NULL)
        {
          level->set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < level->keys->len; i++)
            {
              Key *k = &g_array_index (level->keys, Key, i);
              g_hash_table_add (level->set, g_strndup (k->str, k->len));
            }
        }
      duplicate = !g_hash_table_add (level->set, g_strndup (key.str, key.len));
    }
  if (duplicate)
    {
      g_autofree char *shown = excerpt (key.str, key.len);
      fail_at (s, start, "the member “%s” appears twice in one object", shown);
      return FALSE;
    }
  return TRUE;
}

/* The grammar, without recursion: a value, then what may follow it at
 * the current level. */
static gboolean
scan (Scanner *s)
{
  gboolean has_escapes;
  gsize key_start;

value:
  skip_space (s);
  if (s->pos >= s->length)
    {
      fail_at (s, s->pos, "unexpected end of data");
      return FALSE;
    }
  switch (s->data[s->pos])
    {
    case '{':
      if (!push_level (s, TRUE))
        return FALSE;
      s->pos++;
      skip_space (s);
      if (s->pos < s->length && s->data[s->pos] == '}')
        {
          s->pos++;
          s->depth--;
          goto after;
        }
      goto member;
    case '[':
      if (!push_level (s, FALSE))
        return FALSE;
      s->pos++;
      skip_space (s);
      if (s->pos < s->length && s->data[s->pos] == ']')
        {
          s->pos++;
          s->depth--;
          goto after;
        }
      goto value;
    case '"':
      if (!scan_string (s, &has_escapes))
        return FALSE;
      goto after;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (!scan_number (s))
        return FALSE;
      goto after;
    default:
      if (!scan_literal (s))
        return FALSE;
      goto after;
    }

member:
  skip_space (s);
  if (s->pos >= s->length || s->data[s->pos] != '"')
    {
      fail_at (s, s->pos, "expected a member name in quotes");
      return FALSE;
    }
  key_start = s->pos;
  if (!scan_string (s, &has_escapes) || !add_key (s, key_start, has_escapes))
    return FALSE;
  skip_space (s);
  if (s->pos >= s->length || s->data[s->pos] != ':')
    {
      fail_at (s, s->pos, "expected “:” after the member name");
      return FALSE;
    }
  s->pos++;
  goto value;

after:
  skip_space (s);
  if (s->depth == 0)
    {
      if (s->pos < s->length)
        {
          fail_at (s, s->pos, "data after the end of the JSON value");
          return FALSE;
        }
      return TRUE;
    }
  if (s->pos < s->length)
    {
      char c = s->data[s->pos];
      gboolean is_object = top_level (s)->is_object;

      if (c == ',')
        {
          s->pos++;
          if (is_object)
            goto member;
          goto value;
        }
      if (c == (is_object ? '}' : ']'))
        {
          s->pos++;
          s->depth--;
          goto after;
        }
    }
  if (s->pos >= s->length)
    fail_at (s, s->pos, "unexpected end of data");
  else
    fail_at (s, s->pos, top_level (s)->is_object ? "expected “,” or “}”" : "expected “,” or “]”");
  return FALSE;
}

/**
 * cm_json_guard_check:
 * @data: the JSON text (need not be nul-terminated)
 * @name: names the data in errors (a path, "stdin line 12")
 *
 * Returns: %TRUE if json-glib may parse @data safely and will see exactly
 * what it holds; else %FALSE with CM_ERROR_PARSE naming the line and
 * column of the first problem. An empty input is an error too.
 */
gboolean
cm_json_guard_check (const char  *data,
                     gsize        length,
                     const char  *name,
                     GError     **error)
{
  Scanner s = { data, length, 0, name ? name : "<data>", NULL, 0, error };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* json-glib accepts (and skips) a UTF-8 byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    s.pos = 3;
  skip_space (&s);
  if (s.pos >= length)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: no JSON at all (empty input)", s.name);
      return FALSE;
    }
  s.levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (s.levels, level_clear);
  ok = scan (&s);
  g_array_unref (s.levels);
  return ok;
}

/**
 * cm_json_parse_guarded:
 *
 * cm_json_guard_check(), then json-glib's parser.
 *
 * Returns: (transfer full): a parser holding the (non-%NULL) root, or
 * %NULL with CM_ERROR_PARSE set.
 */
JsonParser *
cm_json_parse_guarded (const char  *data,
                       gsize        length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;

  if (!cm_json_guard_check (data, length, name, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error)
      || json_parser_get_root (parser) == NULL)
    {
      /* Not expected after the check; kept so that no failure is silent. */
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: malformed JSON: %s",
                   name ? name : "<data>",
                   parse_error ? parse_error->message : "no value");
      return NULL;
    }
  return g_steal_pointer (&parser);
}
