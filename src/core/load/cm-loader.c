/* cm-loader.c — files to normalised UTF-8 text plus structure hints
 *
 * This file holds the public API: reading a file and choosing the format.
 * Decoding lives in cm-loader-encoding.c, the normaliser every loader ends
 * in in cm-loader-normalize.c, the markup readers in cm-loader-html.c and
 * cm-loader-markdown.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "cm-bounded-read.h"
#include "cm-error.h"
#include "cm-loader-office-private.h"
#include "cm-sha256.h"

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
  if (has_suffix_ci (name, ".pdf"))
    return "pdf";
  if (has_suffix_ci (name, ".docx"))
    return "docx";
  if (has_suffix_ci (name, ".odt"))
    return "odt";
  if (has_suffix_ci (name, ".mht") || has_suffix_ci (name, ".mhtml"))
    return "mhtml";
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

/* Formats told by their first bytes, whatever the file is called. */
static const char *
format_from_magic (const char *data,
                   gsize       size)
{
  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "pdf";
  /* A saved page: MIME headers naming a multipart/related message. */
  if (size >= 5 && (g_ascii_strncasecmp (data, "From:", 5) == 0
                    || g_ascii_strncasecmp (data, "MIME-Version:", 13) == 0
                    || g_ascii_strncasecmp (data, "Content-Type:", 13) == 0)
      && find_ascii_ci (data, MIN (size, 4096), "multipart/related") != NULL)
    return "mhtml";
  if (size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      /* An OpenDocument zip starts with its uncompressed "mimetype"; a Word
       * zip names its word/ folder in the first entries. */
      if (find_ascii_ci (data, MIN (size, 128), "application/vnd.oasis.opendocument.text") != NULL)
        return "odt";
      if (find_ascii_ci (data, MIN (size, 64 * 1024), "word/") != NULL)
        return "docx";
    }
  return NULL;
}

typedef gboolean (*BinaryParser) (CmLoadedText *loaded,
                                  const char   *data,
                                  gsize         size,
                                  GError      **error);

static const struct { const char *format; BinaryParser parse; } binary_formats[] = {
  { "pdf", cm_loader_parse_pdf },
  { "docx", cm_loader_parse_docx },
  { "odt", cm_loader_parse_odt },
  { "mhtml", cm_loader_parse_mhtml },
};

static BinaryParser
binary_parser_for (const char *format)
{
  for (gsize i = 0; format != NULL && i < G_N_ELEMENTS (binary_formats); i++)
    if (g_str_equal (format, binary_formats[i].format))
      return binary_formats[i].parse;
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
char *
cm_loader_sniff_meta_charset (const char *data,
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

gboolean
cm_loader_ends_sentence (const char *text,
                         gsize       end)
{
  const char *last = g_utf8_find_prev_char (text, text + end);

  if (last == NULL)
    return FALSE;
  if (strchr (".!?:;)\"", *last) != NULL)
    return TRUE;
  return g_str_has_prefix (last, "。") || g_str_has_prefix (last, "！")
         || g_str_has_prefix (last, "？") || g_str_has_prefix (last, "：")
         || g_str_has_prefix (last, "；") || g_str_has_prefix (last, "）");
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

static const char *const formats[] = {
  "text", "html", "markdown", "pdf", "docx", "odt", "mhtml", NULL,
};

const char * const *
cm_loader_formats (void)
{
  return formats;
}

static gboolean
format_is_known (const char *format)
{
  return format != NULL && g_strv_contains (formats, format);
}

void
cm_loaded_text_note (CmLoadedText *loaded,
                     gboolean      dropped,
                     const char   *reason,
                     gsize         n_chars)
{
  CmLoadNote note = { NULL, dropped, 1, n_chars };

  g_return_if_fail (loaded != NULL);
  g_return_if_fail (reason != NULL);

  for (guint i = 0; i < loaded->notes->len; i++)
    {
      CmLoadNote *known = &g_array_index (loaded->notes, CmLoadNote, i);

      if (known->dropped == dropped && strcmp (known->reason, reason) == 0)
        {
          known->count++;
          known->n_chars += n_chars;
          return;
        }
    }
  note.reason = g_strdup (reason);
  g_array_append_val (loaded->notes, note);
}

void
cm_loader_note_replaced (CmLoadedText *loaded,
                         gsize         n_replaced)
{
  if (n_replaced > 0)
    cm_loaded_text_note (loaded, TRUE, N_("invalid UTF-8 bytes, each replaced by U+FFFD"),
                         n_replaced);
}

char *
cm_loaded_text_dup_report (CmLoadedText *loaded)
{
  GString *report;

  g_return_val_if_fail (loaded != NULL, NULL);

  if (loaded->notes->len == 0)
    return NULL;
  report = g_string_new (NULL);
  for (guint i = 0; i < loaded->notes->len; i++)
    {
      const CmLoadNote *note = &g_array_index (loaded->notes, CmLoadNote, i);

      g_autofree char *amount = g_strdup_printf (ngettext ("%lu character", "%lu characters",
                                                           note->n_chars),
                                                 (unsigned long) note->n_chars);

      /* TRANSLATORS: "dropped: scripts and styles (1204 characters)" */
      if (note->dropped)
        g_string_append_printf (report, _("dropped: %s (%s)"), _(note->reason), amount);
      else
        /* TRANSLATORS: kept in the text, but set aside as page junk */
        g_string_append_printf (report, _("marked as boilerplate: %s (%s)"), _(note->reason), amount);
      g_string_append_c (report, '\n');
    }
  return g_string_free (report, FALSE);
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
  loaded->sha256 = cm_sha256_hex ((const guchar *) data, size);
  loaded->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  loaded->links = g_array_new (FALSE, FALSE, sizeof (CmLinkHint));
  loaded->notes = g_array_new (FALSE, FALSE, sizeof (CmLoadNote));
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
      /* Give back what normalising freed when it is worth a reallocation. */
      normalized = normalized_size + normalized_size / 8 < size
                   ? g_realloc (text, normalized_size + 1) : text;
    }
  else
    normalized = cm_loader_normalize_valid (text, size, &normalized_size);

  /* A Markdown file (named or said so) is CommonMark; text that only
   * looks like Markdown (scraped policies with "**" and "- 1.1") is read
   * by the Markdown-ish reader, which keeps the rest as it is. */
  if (g_strcmp0 (format, "markdown") == 0)
    {
      loaded->loader = g_strdup ("markdown");
      cm_loader_parse_commonmark (loaded, normalized, normalized_size);
      loaded->title = first_heading_text (loaded);
    }
  else if (format == NULL && cm_loader_sniff_markdown (normalized, normalized_size))
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

/* Every loader ends here: no text is an error naming the file. */
static CmLoadedText *
finish_loaded (CmLoadedText  *loaded,
               const char    *name,
               GError       **error)
{
  if (loaded->size == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY,
                   "%s: the file holds no text", name);
      cm_loaded_text_free (loaded);
      return NULL;
    }
  return loaded;
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
  gsize n_replaced;

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
    format = format_from_magic (data, size);
  if (format == NULL)
    format = format_from_name (name);
  if (binary_parser_for (format) != NULL)
    {
      loaded = loaded_text_new (name, data, size);
      loaded->loader = g_strdup (format);
      if (!binary_parser_for (format) (loaded, data, size, error))
        return NULL;
      return finish_loaded (g_steal_pointer (&loaded), name, error);
    }
  /* A page's <meta charset> is read from the raw bytes (ASCII-compatible
   * encodings); a UTF-16 page is recognised once decoded. */
  if (format != NULL ? g_str_equal (format, "html") : looks_like_html (data, size))
    charset_hint = cm_loader_sniff_meta_charset (data, size);

  decoded = cm_loader_decode (data, size, name, charset_hint,
                              &decoded_size, &encoding, &is_copy, &n_replaced, error);
  if (decoded == NULL)
    return NULL;
  if (format == NULL && looks_like_html (decoded, decoded_size))
    format = "html";

  /* The checksum is of the raw bytes: before anything rewrites them. */
  loaded = loaded_text_new (name, data, size);
  loaded->encoding = g_steal_pointer (&encoding);
  cm_loader_note_replaced (loaded, n_replaced);
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

  return finish_loaded (g_steal_pointer (&loaded), name, error);
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

/* "page_files" (what browsers save next to "page.html"): the page, when
 * it is there. */
static char *
saved_page_of_folder (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize len = strlen (trimmed);
  static const char *const extensions[] = { ".html", ".htm" };

  while (len > 1 && trimmed[len - 1] == G_DIR_SEPARATOR)
    trimmed[--len] = '\0';
  if (!g_str_has_suffix (trimmed, "_files"))
    return NULL;
  trimmed[len - strlen ("_files")] = '\0';
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *page = g_strconcat (trimmed, extensions[i], NULL);

      if (g_file_test (page, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&page);
    }
  return NULL;
}

CmLoadedText *
cm_loader_load_file (const char  *path,
                     GError     **error)
{
  char *contents;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A saved page's resource folder, given by mistake. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *page = saved_page_of_folder (path);

      if (page != NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                       "%s: this is the resource folder of a saved page; load %s instead",
                       path, page);
          return NULL;
        }
    }

  /* Once, bounded (FIFOs, devices and pipes too); the text loader then
   * normalises the buffer in place. */
  contents = cm_read_file_bounded (path, CM_LOADER_MAX_SIZE, cm_loader_alloc_text, &length,
                                   error);
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
  for (guint i = 0; loaded->links != NULL && i < loaded->links->len; i++)
    g_free (g_array_index (loaded->links, CmLinkHint, i).url);
  if (loaded->links != NULL)
    g_array_unref (loaded->links);
  for (guint i = 0; loaded->notes != NULL && i < loaded->notes->len; i++)
    g_free (g_array_index (loaded->notes, CmLoadNote, i).reason);
  if (loaded->notes != NULL)
    g_array_unref (loaded->notes);
  if (loaded->languages != NULL)
    g_array_unref (loaded->languages);
  g_free (loaded);
}
