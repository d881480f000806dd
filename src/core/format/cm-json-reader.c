/* cm-json-reader.c — a streaming (pull) JSON reader
 *
 * Reads JSON one token at a time from memory or from a file descriptor
 * (through a 1 MB window), so that a document of hundreds of megabytes is
 * never held as a tree: the document reader builds clauses straight from
 * the tokens, `validate` and `stats` look at one clause at a time. Small
 * files (taxonomies, manifests, records) still get a json-glib tree, built
 * from the same tokens by cm_json_reader_read_node().
 *
 * Every JSON Clausemark reads is untrusted, so the reader checks the whole
 * grammar as it goes and refuses, with the line and column:
 *   - nesting deeper than CM_JSON_MAX_DEPTH (no recursion is ever deeper);
 *   - two members of one object with the same name (json-glib let the
 *     last one win);
 *   - anything but white space after the value;
 *   - \u0000 (Clausemark's strings are C strings: the text would be cut)
 *     and escapes of lone UTF-16 surrogates (they name no character);
 *   - strings that are not UTF-8, raw control characters;
 *   - numbers beyond what a 64-bit integer or a double holds (quoted as
 *     they are written, not as what they would overflow to).
 * Integers read as G_TYPE_INT64 and other numbers as doubles, as json-glib
 * read them. Memory: the window, the current string, a small stack and the
 * member names of the open objects.
 *
 * This file holds the window, the errors, the levels and the grammar; the
 * tokens are read in cm-json-reader-tokens.c, trees built in
 * cm-json-reader-node.c (shared declarations: cm-json-reader-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-json-reader"
/* For pread(), which strict C11 mode hides. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cm-error.h"
#include "cm-json-reader-private.h"

/* What a file-backed reader reads at a time. */
#define WINDOW_SIZE (1024 * 1024)

/* Objects with more members than this get a hash set for duplicates;
 * smaller ones (all of Clausemark's) are compared member by member. */
#define LINEAR_KEYS 16

typedef struct
{
  gboolean    is_object;
  GString    *names;    /* the member names so far, each nul-terminated */
  guint       n_names;
  GHashTable *set;      /* of owned copies, once the object is large */
} Level;

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_string_free (level->names, TRUE);
  g_clear_pointer (&level->set, g_hash_table_unref);
}

static CmJsonReader *
reader_new (const char *name)
{
  CmJsonReader *self = g_new0 (CmJsonReader, 1);

  self->name = g_strdup (name ? name : "<data>");
  self->fd = -1;
  self->line = 1;
  self->levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (self->levels, level_clear);
  self->string = g_string_new (NULL);
  self->state = STATE_START;
  return self;
}

/**
 * cm_json_reader_new_for_data:
 * @data: the JSON text (need not be nul-terminated; must outlive the reader)
 * @name: (nullable): names the data in errors (a path, "stdin line 12")
 */
CmJsonReader *
cm_json_reader_new_for_data (const char *data,
                             gsize       length,
                             const char *name)
{
  CmJsonReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = reader_new (name);
  self->data = data ? data : "";
  self->length = length;
  self->eof = TRUE;
  return self;
}

/**
 * cm_json_reader_new_for_fd:
 * @fd: a regular file open for reading (read with pread(), so it can be
 *   sought; the caller keeps and closes it)
 */
CmJsonReader *
cm_json_reader_new_for_fd (int         fd,
                           const char *name)
{
  CmJsonReader *self;

  g_return_val_if_fail (fd >= 0, NULL);

  self = reader_new (name);
  self->fd = fd;
  self->buffer = g_malloc (WINDOW_SIZE);
  self->data = self->buffer;
  return self;
}

void
cm_json_reader_free (CmJsonReader *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->buffer);
  g_array_unref (self->levels);
  g_string_free (self->string, TRUE);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* The window                                                          */
/* ------------------------------------------------------------------ */

/* Reads more of a file into the window, keeping what is unread. */
void
cm_json_reader_fill (CmJsonReader *self,
                     gsize         wanted)
{
  memmove (self->buffer, self->buffer + self->pos, self->length - self->pos);
  self->window_offset += self->pos;
  self->length -= self->pos;
  self->pos = 0;
  while (self->length < wanted && !self->eof)
    {
      gssize n = pread (self->fd, self->buffer + self->length, WINDOW_SIZE - self->length,
                        (off_t) (self->window_offset + self->length));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          self->eof = TRUE;
          self->read_errno = n < 0 ? errno : 0;
          break;
        }
      self->length += (gsize) n;
    }
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* Fails at @offset, which lies on the current line: JSON holds line
 * breaks only between tokens. */
static CmJsonToken G_GNUC_PRINTF (3, 0)
fail_at_va (CmJsonReader *self,
            guint64       offset,
            const char   *format,
            va_list       args)
{
  g_autofree char *why = NULL;

  self->state = STATE_DONE;
  self->token = CM_JSON_TOKEN_ERROR;
  if (self->read_errno != 0)
    {
      g_set_error (self->error, G_FILE_ERROR, g_file_error_from_errno (self->read_errno),
                   "%s: cannot read: %s", self->name, g_strerror (self->read_errno));
      return CM_JSON_TOKEN_ERROR;
    }
  why = g_strdup_vprintf (format, args);
  g_set_error (self->error, CM_ERROR, CM_ERROR_PARSE,
               "%s: malformed JSON at line %u, column %" G_GUINT64_FORMAT ": %s", self->name,
               self->line, offset - self->line_start + 1, why);
  return CM_JSON_TOKEN_ERROR;
}

CmJsonToken
cm_json_reader_fail_at (CmJsonReader *self,
                        guint64       offset,
                        const char   *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  fail_at_va (self, offset, format, args);
  va_end (args);
  return CM_JSON_TOKEN_ERROR;
}

/* Fails at the position. */
CmJsonToken
cm_json_reader_fail (CmJsonReader *self,
                     const char   *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  fail_at_va (self, offset_of (self, self->pos), format, args);
  va_end (args);
  return CM_JSON_TOKEN_ERROR;
}

/* A member name or number as written, shortened for a message. */
char *
cm_json_reader_excerpt (const char *str,
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

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

static void
skip_space (CmJsonReader *self)
{
  for (;;)
    {
      const char *p, *end;

      if (ensure (self, 1) == 0)
        return;
      p = self->data + self->pos;
      end = self->data + self->length;
      for (; p < end; p++)
        {
          if (*p == '\n')
            {
              self->line++;
              self->line_start = offset_of (self, p - self->data) + 1;
            }
          else if (*p != ' ' && *p != '\t' && *p != '\r')
            break;
        }
      self->pos = p - self->data;
      if (p < end)
        return;
    }
}

static void
set_mark (CmJsonReader *self)
{
  self->mark.offset = offset_of (self, self->pos);
  self->mark.line = self->line;
  self->mark.line_start = self->line_start;
}

/* ------------------------------------------------------------------ */
/* Levels                                                              */
/* ------------------------------------------------------------------ */

static Level *
top_level (CmJsonReader *self)
{
  return self->depth > 0 ? &g_array_index (self->levels, Level, self->depth - 1) : NULL;
}

static gboolean
push_level (CmJsonReader *self,
            gboolean      is_object)
{
  Level *level;

  if (self->depth >= CM_JSON_MAX_DEPTH)
    {
      cm_json_reader_fail (self, "nested deeper than %d levels; refused before parsing", CM_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (self->depth == self->levels->len)
    {
      Level fresh = { 0 };
      fresh.names = g_string_new (NULL);
      g_array_append_val (self->levels, fresh);
    }
  self->depth++;
  level = top_level (self);
  level->is_object = is_object;
  g_string_truncate (level->names, 0);
  level->n_names = 0;
  g_clear_pointer (&level->set, g_hash_table_unref);
  return TRUE;
}

static gboolean
level_has_name (Level      *level,
                const char *name,
                gsize       len)
{
  const char *p = level->names->str;

  for (guint i = 0; i < level->n_names; i++)
    {
      gsize n = strlen (p);
      if (n == len && memcmp (p, name, len) == 0)
        return TRUE;
      p += n + 1;
    }
  return FALSE;
}

/* Records the member name just read (in self->string); FALSE if the
 * object already has one so named. */
static gboolean
add_name (CmJsonReader *self,
          guint64       start)
{
  Level *level = top_level (self);
  const char *name = self->string->str;
  gsize len = self->string->len;
  gboolean duplicate;

  if (level->set == NULL && level->n_names < LINEAR_KEYS)
    {
      duplicate = level_has_name (level, name, len);
      if (!duplicate)
        {
          g_string_append_len (level->names, name, (gssize) len + 1);
          level->n_names++;
        }
    }
  else
    {
      if (level->set == NULL)
        {
          const char *p = level->names->str;

          level->set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < level->n_names; p += strlen (p) + 1, i++)
            g_hash_table_add (level->set, g_strdup (p));
        }
      duplicate = !g_hash_table_add (level->set, g_strndup (name, len));
    }
  if (duplicate)
    {
      g_autofree char *shown = cm_json_reader_excerpt (name, len);
      {
      cm_json_reader_fail_at (self, start, "the member “%s” appears twice in one object", shown);
      return FALSE;
    }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The grammar                                                         */
/* ------------------------------------------------------------------ */

static CmJsonToken
read_value (CmJsonReader *self)
{
  int c;

  skip_space (self);
  set_mark (self);
  c = peek (self);
  switch (c)
    {
    case -1:
      return cm_json_reader_fail (self, "unexpected end of data");
    case '{':
      if (!push_level (self, TRUE))
        return CM_JSON_TOKEN_ERROR;
      self->pos++;
      self->state = STATE_MEMBER_OR_CLOSE;
      return CM_JSON_TOKEN_BEGIN_OBJECT;
    case '[':
      if (!push_level (self, FALSE))
        return CM_JSON_TOKEN_ERROR;
      self->pos++;
      self->state = STATE_VALUE_OR_CLOSE;
      return CM_JSON_TOKEN_BEGIN_ARRAY;
    case '"':
      if (!cm_json_reader_read_string (self))
        return CM_JSON_TOKEN_ERROR;
      self->state = STATE_AFTER;
      return CM_JSON_TOKEN_STRING;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      self->state = STATE_AFTER;
      return cm_json_reader_read_number (self);
    default:
      self->state = STATE_AFTER;
      return cm_json_reader_read_literal (self);
    }
}

static CmJsonToken
read_member (CmJsonReader *self)
{
  guint64 start;

  skip_space (self);
  set_mark (self);
  if (peek (self) != '"')
    return cm_json_reader_fail (self, "expected a member name in quotes");
  start = offset_of (self, self->pos);
  if (!cm_json_reader_read_string (self) || !add_name (self, start))
    return CM_JSON_TOKEN_ERROR;
  skip_space (self);
  if (peek (self) != ':')
    return cm_json_reader_fail (self, "expected “:” after the member name");
  self->pos++;
  self->state = STATE_VALUE;
  return CM_JSON_TOKEN_MEMBER;
}

static CmJsonToken
close_level (CmJsonReader *self)
{
  gboolean is_object = top_level (self)->is_object;

  set_mark (self);
  self->pos++;
  self->depth--;
  self->state = STATE_AFTER;
  return is_object ? CM_JSON_TOKEN_END_OBJECT : CM_JSON_TOKEN_END_ARRAY;
}

static CmJsonToken
read_after (CmJsonReader *self)
{
  gboolean is_object;
  int c;

  skip_space (self);
  if (self->depth == 0)
    {
      if (!self->fragment && peek (self) >= 0)
        return cm_json_reader_fail (self, "data after the end of the JSON value");
      self->state = STATE_DONE;
      return CM_JSON_TOKEN_END;
    }
  is_object = top_level (self)->is_object;
  c = peek (self);
  if (c == ',')
    {
      self->pos++;
      return is_object ? read_member (self) : read_value (self);
    }
  if (c == (is_object ? '}' : ']'))
    return close_level (self);
  if (c < 0)
    return cm_json_reader_fail (self, "unexpected end of data");
  return cm_json_reader_fail (self, is_object ? "expected “,” or “}”" : "expected “,” or “]”");
}

static CmJsonToken
read_start (CmJsonReader *self)
{
  if (ensure (self, 3) >= 3 && memcmp (self->data + self->pos, "\xef\xbb\xbf", 3) == 0)
    self->pos += 3;  /* json-glib accepted (and skipped) a UTF-8 byte order mark */
  skip_space (self);
  if (peek (self) < 0)
    {
      self->state = STATE_DONE;
      if (self->read_errno != 0)
        return cm_json_reader_fail (self, "cannot read");
      g_set_error (self->error, CM_ERROR, CM_ERROR_PARSE, "%s: no JSON at all (empty input)",
                   self->name);
      return CM_JSON_TOKEN_ERROR;
    }
  return read_value (self);
}

static CmJsonToken
read_token (CmJsonReader *self)
{
  switch (self->state)
    {
    case STATE_START:
      return read_start (self);
    case STATE_VALUE:
      return read_value (self);
    case STATE_VALUE_OR_CLOSE:
      skip_space (self);
      if (peek (self) == ']')
        return close_level (self);
      return read_value (self);
    case STATE_MEMBER_OR_CLOSE:
      skip_space (self);
      if (peek (self) == '}')
        return close_level (self);
      return read_member (self);
    case STATE_MEMBER:
      return read_member (self);
    case STATE_AFTER:
      return read_after (self);
    case STATE_DONE:
    default:
      return self->token;
    }
}

/**
 * cm_json_reader_next:
 *
 * Reads the next token. Once it returns %CM_JSON_TOKEN_END or
 * %CM_JSON_TOKEN_ERROR (with @error set: CM_ERROR_PARSE naming the line
 * and column, or a G_FILE_ERROR), it returns the same again.
 */
CmJsonToken
cm_json_reader_next (CmJsonReader  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, CM_JSON_TOKEN_ERROR);

  if (self->state == STATE_DONE)
    {
      if (self->token == CM_JSON_TOKEN_ERROR)
        g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: malformed JSON", self->name);
      return self->token;
    }
  self->error = error;
  self->token = read_token (self);
  if (self->token == CM_JSON_TOKEN_ERROR)
    self->state = STATE_DONE;
  self->error = NULL;
  return self->token;
}

/**
 * cm_json_reader_get_string:
 *
 * Returns: the value of a STRING or the name of a MEMBER (valid until the
 * next token), or how a number was written.
 */
const char *
cm_json_reader_get_string (CmJsonReader *self,
                           gsize        *length)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (length != NULL)
    *length = self->string->len;
  return self->string->str;
}

/**
 * cm_json_reader_steal_string:
 *
 * As cm_json_reader_get_string(), without a copy: the reader starts a new
 * buffer. For the one large string of a document, its text.
 *
 * Returns: (transfer full):
 */
char *
cm_json_reader_steal_string (CmJsonReader *self,
                             gsize        *length)
{
  GString *string;
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);
  string = self->string;
  self->string = g_string_new (NULL);
  len = string->len;
  if (length != NULL)
    *length = len;
  /* Give back what the doubling of the buffer left unused. */
  return g_realloc (g_string_free (string, FALSE), len + 1);
}

gint64
cm_json_reader_get_int (CmJsonReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->int_value;
}

double
cm_json_reader_get_double (CmJsonReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->token == CM_JSON_TOKEN_INT ? (double) self->int_value : self->double_value;
}

gboolean
cm_json_reader_get_boolean (CmJsonReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->boolean_value;
}

/* How many arrays and objects are open after the current token. */
guint
cm_json_reader_get_depth (CmJsonReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->depth;
}

/* Where the current token starts. */
CmJsonMark
cm_json_reader_get_mark (CmJsonReader *self)
{
  CmJsonMark none = { 0, 0, 1 };

  g_return_val_if_fail (self != NULL, none);
  return self->mark;
}

/**
 * cm_json_reader_seek:
 * @mark: where a value starts (from cm_json_reader_get_mark() on this input)
 *
 * Reads the value at @mark next, as a value of its own: after it the
 * reader returns %CM_JSON_TOKEN_END without looking further.
 */
void
cm_json_reader_seek (CmJsonReader *self,
                     CmJsonMark    mark)
{
  g_return_if_fail (self != NULL);

  if (self->fd < 0)
    self->pos = (gsize) MIN (mark.offset, self->length);
  else
    {
      self->window_offset = mark.offset;
      self->length = self->pos = 0;
      self->eof = FALSE;
      self->read_errno = 0;
    }
  self->line = mark.line;
  self->line_start = mark.line_start;
  self->depth = 0;
  self->fragment = TRUE;
  self->state = STATE_VALUE;
  self->token = CM_JSON_TOKEN_ERROR;
}

/**
 * cm_json_reader_skip_value:
 *
 * Skips the rest of the value whose first token was just read (the whole
 * array or object after a BEGIN token; nothing after a scalar).
 */
gboolean
cm_json_reader_skip_value (CmJsonReader  *self,
                           GError       **error)
{
  guint depth;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->token == CM_JSON_TOKEN_ERROR)
    return FALSE;
  if (self->token != CM_JSON_TOKEN_BEGIN_OBJECT && self->token != CM_JSON_TOKEN_BEGIN_ARRAY)
    return TRUE;
  depth = self->depth - 1;
  while (self->depth > depth)
    if (cm_json_reader_next (self, error) == CM_JSON_TOKEN_ERROR)
      return FALSE;
  return TRUE;
}

/**
 * cm_json_reader_read_to_end:
 *
 * Reads (and checks) everything that is left.
 */
gboolean
cm_json_reader_read_to_end (CmJsonReader  *self,
                            GError       **error)
{
  CmJsonToken token;

  g_return_val_if_fail (self != NULL, FALSE);

  do
    token = cm_json_reader_next (self, error);
  while (token != CM_JSON_TOKEN_END && token != CM_JSON_TOKEN_ERROR);
  return token == CM_JSON_TOKEN_END;
}
