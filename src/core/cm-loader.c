/* cm-loader.c — files to normalised UTF-8 text plus structure hints
 *
 * This file holds the public API: reading a file, choosing the format,
 * and the single-pass text normaliser every loader ends in. Decoding lives
 * in cm-loader-encoding.c, the markup readers in cm-loader-html.c and
 * cm-loader-markdown.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* posix_memalign() and madvise() under -std=c11 */
#define _DEFAULT_SOURCE
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#include <sys/mman.h>
#endif

#include "cm-error.h"
#include "cm-loader-private.h"

/* ---------------------------------------------------------------------- */
/* Character classes of the normaliser                                      */

typedef enum
{
  CHAR_CONTENT,   /* copied as is */
  CHAR_BLANK,     /* becomes ' ' (or stays '\t') */
  CHAR_NEWLINE,   /* becomes '\n' */
  CHAR_REMOVE,    /* dropped: zero-width, BOM, control characters */
} CharClass;

/* Classifies the valid UTF-8 character of *len bytes at @p. Only a few code
 * points are special; everything else is content (full-width punctuation
 * such as '，' or '（' included: the segmenter relies on it). */
static inline CharClass
classify_char (const guchar *p,
               gsize        *len)
{
  guchar c = p[0];

  if (c < 0x80)
    {
      *len = 1;
      if (c >= 0x20 && c != 0x7f)
        return c == ' ' ? CHAR_BLANK : CHAR_CONTENT;
      if (c == '\t')
        return CHAR_BLANK;
      /* '\r' is handled by the callers (CRLF); form feed and vertical tab
       * separate pages and lines, so they must not glue words together. */
      if (c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return CHAR_NEWLINE;
      return CHAR_REMOVE;
    }

  *len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

  switch (c)
    {
    case 0xc2:
      if (p[1] == 0xa0)                         /* U+00A0 NBSP */
        return CHAR_BLANK;
      if (p[1] == 0x85)                         /* U+0085 NEL */
        return CHAR_NEWLINE;
      if (p[1] == 0xad || p[1] < 0xa0)          /* soft hyphen, C1 controls */
        return CHAR_REMOVE;
      return CHAR_CONTENT;
    case 0xe1:
      if (p[1] == 0x9a && p[2] == 0x80)         /* U+1680 ogham space */
        return CHAR_BLANK;
      if (p[1] == 0xa0 && p[2] == 0x8e)         /* U+180E Mongolian vowel sep. */
        return CHAR_REMOVE;
      return CHAR_CONTENT;
    case 0xe2:
      if (p[1] == 0x80)
        {
          if (p[2] <= 0x8a || p[2] == 0xaf)     /* U+2000-200A, U+202F */
            return CHAR_BLANK;
          if (p[2] <= 0x8f)                     /* U+200B-200F zero-width, marks */
            return CHAR_REMOVE;
          if (p[2] == 0xa8 || p[2] == 0xa9)     /* U+2028, U+2029 */
            return CHAR_NEWLINE;
          if (p[2] >= 0xaa && p[2] <= 0xae)     /* U+202A-202E bidi embeddings */
            return CHAR_REMOVE;
        }
      else if (p[1] == 0x81)
        {
          if (p[2] == 0x9f)                     /* U+205F math space */
            return CHAR_BLANK;
          if (p[2] >= 0xa0 && p[2] <= 0xaf)     /* U+2060-206F word joiner etc. */
            return CHAR_REMOVE;
        }
      return CHAR_CONTENT;
    case 0xe3:
      if (p[1] == 0x80 && p[2] == 0x80)         /* U+3000 ideographic space */
        return CHAR_BLANK;
      return CHAR_CONTENT;
    case 0xef:
      if (p[1] == 0xbb && p[2] == 0xbf)         /* U+FEFF BOM / ZWNBSP */
        return CHAR_REMOVE;
      return CHAR_CONTENT;
    default:
      return CHAR_CONTENT;
    }
}

/* Big texts (a file read whole, the normaliser's output) live in memory
 * advised for transparent huge pages: for 50 MB that turns ~12 800 page
 * faults into ~25 and makes filling it about ten times faster; the faults
 * were most of the loader's time. */
#define HUGE_PAGE_SIZE ((gsize) 2 * 1024 * 1024)

static char *
alloc_text_buffer (gsize size)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  if (size >= 2 * HUGE_PAGE_SIZE)
    {
      void *buffer = NULL;

      /* g_free() is free() since GLib 2.46, so the text can be handed on. */
      if (posix_memalign (&buffer, HUGE_PAGE_SIZE, size) == 0)
        {
          madvise (buffer, size, MADV_HUGEPAGE);  /* advice only: may fail */
          return buffer;
        }
    }
#endif
  return g_malloc (size);
}

/* ---------------------------------------------------------------------- */
/* The normaliser                                                           */

/* Normalises valid UTF-8 @in into @out, which may be @in itself: every
 * rewrite keeps or shrinks the length, so writing never overtakes reading.
 * Returns the output length (not NUL-terminated).
 *
 * This is the loader's hot loop, hence byte copies rather than GString
 * calls and a fast path for the bytes that need no decision. @keep is the
 * output length up to the last byte that must stay (content or a newline):
 * trailing blanks of a line are dropped by going back to it. @newlines
 * counts the newlines ending out[0..keep). */
static gsize
normalize_into (const guchar *in,
                gsize         size,
                guchar       *out)
{
  const guchar *p = in;
  const guchar *end = in + size;
  gsize w = 0, keep = 0;
  guint newlines = 0;

  while (p < end)
    {
      guchar c = *p;
      gsize len;

      if (G_LIKELY (c >= 0x20 && c < 0x7f))
        {
          out[w++] = c;
          p++;
          if (c != ' ')
            {
              keep = w;
              newlines = 0;
            }
          continue;
        }

      /* Lead bytes of which no code point is special (most of CJK). */
      if (c >= 0xc3 && c != 0xe1 && c != 0xe2 && c != 0xe3 && c != 0xef)
        {
          len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
          out[w] = c;
          out[w + 1] = p[1];
          if (len > 2)
            out[w + 2] = p[2];
          if (len > 3)
            out[w + 3] = p[3];
          w += len;
          p += len;
          keep = w;
          newlines = 0;
          continue;
        }

      switch (classify_char (p, &len))
        {
        case CHAR_CONTENT:
          for (gsize i = 0; i < len; i++)
            out[w + i] = p[i];
          w += len;
          keep = w;
          newlines = 0;
          break;
        case CHAR_BLANK:
          out[w++] = c == '\t' ? '\t' : ' ';
          break;
        case CHAR_NEWLINE:
          w = keep;
          if (w > 0 && newlines < 2)  /* none at the start, one blank line at most */
            {
              out[w++] = '\n';
              newlines++;
            }
          keep = w;
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            len = 2;
          break;
        case CHAR_REMOVE:
        default:
          break;
        }
      p += len;
    }

  /* Trailing blanks and blank lines go; a final newline stays. */
  w = keep;
  if (newlines == 2)
    w--;
  return w;
}

gsize
cm_loader_normalize_in_place (char  *text,
                              gsize  size)
{
  gsize n = normalize_into ((const guchar *) text, size, (guchar *) text);

  text[n] = '\0';
  return n;
}

char *
cm_loader_normalize_valid (const char *text,
                           gsize       size,
                           gsize      *out_size)
{
  char *out = alloc_text_buffer (size + 1);
  gsize n = normalize_into ((const guchar *) text, size, (guchar *) out);

  out[n] = '\0';
  if (out_size != NULL)
    *out_size = n;
  return n + n / 8 < size ? g_realloc (out, n + 1) : out;
}

char *
cm_text_normalize (const char *text,
                   gssize      size,
                   gsize      *out_size)
{
  g_autofree char *valid = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL || size == 0, NULL);

  length = size < 0 ? strlen (text) : (gsize) size;
  if (!g_utf8_validate_len (text, length, NULL))
    {
      /* Not ours to refuse here: the callers promise valid UTF-8, and a
       * stray byte is shown as U+FFFD rather than losing the text. */
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }
  return cm_loader_normalize_valid (text, length, out_size);
}

void
cm_loader_append_collapsed (GString    *out,
                            const char *text,
                            gsize       size,
                            gboolean   *last_was_space)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + size;

  while (p < end)
    {
      gsize len;

      switch (classify_char (p, &len))
        {
        case CHAR_CONTENT:
          g_string_append_len (out, (const char *) p, len);
          *last_was_space = FALSE;
          break;
        case CHAR_BLANK:
        case CHAR_NEWLINE:
          if (!*last_was_space)
            g_string_append_c (out, ' ');
          *last_was_space = TRUE;
          break;
        case CHAR_REMOVE:
        default:
          break;
        }
      p += len;
    }
}

/* ---------------------------------------------------------------------- */
/* Formats                                                                  */

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  gsize n = strlen (name), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

static const char *
format_from_name (const char *name)
{
  if (has_suffix_ci (name, ".html") || has_suffix_ci (name, ".htm")
      || has_suffix_ci (name, ".xhtml"))
    return "html";
  if (has_suffix_ci (name, ".md") || has_suffix_ci (name, ".markdown"))
    return "markdown";
  return NULL;
}

/* Case-insensitive search of an ASCII @needle in the first @size bytes. */
static const char *
find_ascii_ci (const char *haystack,
               gsize       size,
               const char *needle)
{
  gsize m = strlen (needle);

  for (gsize i = 0; i + m <= size; i++)
    if (g_ascii_tolower (haystack[i]) == needle[0]
        && g_ascii_strncasecmp (haystack + i, needle, m) == 0)
      return haystack + i;
  return NULL;
}

/* Raw bytes or decoded text that starts like an HTML page. Works on the raw
 * bytes of any ASCII-compatible encoding (and UTF-8 BOMs, which are skipped
 * as non-'<' bytes). */
static gboolean
looks_like_html (const char *data,
                 gsize       size)
{
  gsize head = MIN (size, 1024);
  gsize i = 0;

  while (i < head && (g_ascii_isspace (data[i]) || (guchar) data[i] >= 0x80))
    i++;
  if (i >= head || data[i] != '<')
    return FALSE;
  return find_ascii_ci (data + i, head - i, "<html") != NULL
         || find_ascii_ci (data + i, head - i, "<!doctype html") != NULL
         || find_ascii_ci (data + i, head - i, "<head") != NULL
         || find_ascii_ci (data + i, head - i, "<body") != NULL;
}

/* The charset an HTML page declares (<meta charset=...> or the http-equiv
 * form), from its first bytes; NULL when none. */
static char *
sniff_meta_charset (const char *data,
                    gsize       size)
{
  gsize head = MIN (size, 4096);
  const char *p = find_ascii_ci (data, head, "charset=");
  const char *start, *stop = data + head;

  if (p == NULL)
    return NULL;
  p += strlen ("charset=");
  while (p < stop && (*p == '"' || *p == '\'' || *p == ' '))
    p++;
  start = p;
  while (p < stop && (g_ascii_isalnum (*p) || *p == '-' || *p == '_'
                      || *p == '.' || *p == ':'))
    p++;
  return p > start ? g_strndup (start, p - start) : NULL;
}

/* A title for text without markup: the first line, when it is short and
 * does not read as a sentence. */
static char *
guess_title (const char *text,
             gsize       size)
{
  const char *line_end = memchr (text, '\n', size);
  gsize len = line_end != NULL ? (gsize) (line_end - text) : size;
  g_autofree char *line = g_strstrip (g_strndup (text, len));
  glong n_chars = g_utf8_strlen (line, -1);
  const char *last;

  if (n_chars == 0 || n_chars > 80)
    return NULL;
  last = g_utf8_find_prev_char (line, line + strlen (line));
  if (strchr (".;:,", *last) != NULL
      || g_str_has_prefix (last, "。") || g_str_has_prefix (last, "；")
      || g_str_has_prefix (last, "：") || g_str_has_prefix (last, "，"))
    return NULL;
  return g_steal_pointer (&line);
}

static char *
first_heading_text (CmLoadedText *loaded)
{
  for (guint i = 0; i < loaded->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

      if (hint->kind == CM_BLOCK_HEADING)
        return g_strstrip (g_strndup (loaded->text + hint->start,
                                      hint->end - hint->start));
    }
  return NULL;
}

void
cm_loader_add_hint (CmLoadedText *loaded,
                    gsize         start,
                    gsize         end,
                    CmBlockKind   kind,
                    guint         level)
{
  CmBlockHint hint = { start, end, kind, level };

  if (end > start)
    g_array_append_val (loaded->blocks, hint);
}

static gboolean
format_is_known (const char *format)
{
  return g_strcmp0 (format, "text") == 0 || g_strcmp0 (format, "html") == 0
         || g_strcmp0 (format, "markdown") == 0;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                               */

static CmLoadedText *
loaded_text_new (const char *name,
                 const char *data,
                 gsize       size)
{
  CmLoadedText *loaded = g_new0 (CmLoadedText, 1);

  loaded->path = g_strdup (name);
  loaded->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                (const guchar *) data, size);
  loaded->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  return loaded;
}

/* Text or Markdown-ish: normalise, then strip the markup if there is any.
 * When @owned, @text is ours (size + 1 bytes) and is normalised in place:
 * a big file then costs one buffer, not two. */
static void
load_plain (CmLoadedText *loaded,
            char         *text,
            gsize         size,
            gboolean      owned,
            const char   *format)
{
  g_autofree char *normalized = NULL;
  gsize normalized_size;

  if (owned)
    {
      normalized_size = cm_loader_normalize_in_place (text, size);
      normalized = text;
    }
  else
    normalized = cm_loader_normalize_valid (text, size, &normalized_size);

  if (format == NULL)
    format = cm_loader_sniff_markdown (normalized, normalized_size)
             ? "markdown" : "text";

  if (g_str_equal (format, "markdown"))
    {
      loaded->loader = g_strdup ("markdown");
      cm_loader_parse_markdown (loaded, normalized, normalized_size);
      loaded->title = first_heading_text (loaded);
    }
  else
    {
      loaded->loader = g_strdup ("text");
      loaded->size = normalized_size;
      loaded->text = g_steal_pointer (&normalized);
    }
  if (loaded->title == NULL)
    loaded->title = guess_title (loaded->text, loaded->size);
}

/* The body of both public loaders. When @owned, @data (size + 1 bytes) is
 * handed over and freed or reused. */
static CmLoadedText *
load_bytes (char        *data,
            gsize        size,
            gboolean     owned,
            const char  *name,
            const char  *format,
            GError     **error)
{
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *owned_data = owned ? data : NULL;
  g_autofree char *charset_hint = NULL;
  g_autofree char *encoding = NULL;
  char *decoded;
  gsize decoded_size;
  gboolean is_copy = FALSE;

  if (size > CM_LOADER_MAX_SIZE)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                   "%s: the file is too large (%" G_GSIZE_FORMAT
                   " MB; the limit is %" G_GSIZE_FORMAT " MB)",
                   name, size >> 20, CM_LOADER_MAX_SIZE >> 20);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "%s: the file is empty", name);
      return NULL;
    }

  if (format == NULL)
    format = format_from_name (name);
  /* A page's <meta charset> is read from the raw bytes (ASCII-compatible
   * encodings); a UTF-16 page is recognised once decoded. */
  if (format != NULL ? g_str_equal (format, "html") : looks_like_html (data, size))
    charset_hint = sniff_meta_charset (data, size);

  decoded = cm_loader_decode (data, size, name, charset_hint,
                              &decoded_size, &encoding, &is_copy, error);
  if (decoded == NULL)
    return NULL;
  if (format == NULL && looks_like_html (decoded, decoded_size))
    format = "html";

  /* The checksum is of the raw bytes: before anything rewrites them. */
  loaded = loaded_text_new (name, data, size);
  loaded->encoding = g_steal_pointer (&encoding);
  if (is_copy)
    g_clear_pointer (&owned_data, g_free);  /* the raw bytes are done with */

  if (g_strcmp0 (format, "html") == 0)
    {
      gboolean ok;

      loaded->loader = g_strdup ("html");
      ok = cm_loader_parse_html (loaded, decoded, decoded_size, error);
      if (is_copy)
        g_free (decoded);
      if (!ok)
        return NULL;
    }
  else if (is_copy)
    load_plain (loaded, decoded, decoded_size, TRUE, format);
  else if (owned)
    load_plain (loaded, g_steal_pointer (&owned_data), decoded_size, TRUE,
                format);
  else
    load_plain (loaded, data, decoded_size, FALSE, format);

  if (loaded->size == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "%s: the file holds no text", name);
      return NULL;
    }
  return g_steal_pointer (&loaded);
}

CmLoadedText *
cm_loader_load_data (const char  *data,
                     gsize        size,
                     const char  *name,
                     const char  *format,
                     GError     **error)
{
  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (format == NULL || format_is_known (format), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes ((char *) data, size, FALSE, name ? name : "(data)",
                     format, error);
}

/* Reads a regular file whole: NUL-terminated, in one buffer of its size
 * plus one (which the text loader then normalises in place). Other kinds
 * of files (pipes, devices) go through g_file_get_contents(). */
static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  GStatBuf st;
  char *buffer;
  gsize size, got = 0;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   "%s: this is a folder, not a file", path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      if (!g_file_get_contents (path, &buffer, length, error))
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      return buffer;
    }
  /* Refuse before reading: the limit exists to bound memory. */
  if ((guint64) st.st_size > CM_LOADER_MAX_SIZE)
    {
      g_close (fd, NULL);
      g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                   "%s: the file is too large (%" G_GUINT64_FORMAT
                   " MB; the limit is %" G_GSIZE_FORMAT " MB)",
                   path, (guint64) st.st_size >> 20, CM_LOADER_MAX_SIZE >> 20);
      return NULL;
    }

  size = st.st_size;
  buffer = alloc_text_buffer (size + 1);
  while (got < size)
    {
      gssize n = read (fd, buffer + got, size - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          g_close (fd, NULL);
          g_free (buffer);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;  /* it shrank while we read: take what there is */
      got += n;
    }
  g_close (fd, NULL);
  buffer[got] = '\0';
  *length = got;
  return buffer;
}

CmLoadedText *
cm_loader_load_file (const char  *path,
                     GError     **error)
{
  char *contents;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_file (path, &length, error);
  if (contents == NULL)
    return NULL;
  return load_bytes (contents, length, TRUE, path, NULL, error);
}

void
cm_loaded_text_free (CmLoadedText *loaded)
{
  if (loaded == NULL)
    return;
  g_free (loaded->path);
  g_free (loaded->text);
  g_free (loaded->encoding);
  g_free (loaded->loader);
  g_free (loaded->sha256);
  g_free (loaded->title);
  if (loaded->blocks != NULL)
    g_array_unref (loaded->blocks);
  g_free (loaded);
}
