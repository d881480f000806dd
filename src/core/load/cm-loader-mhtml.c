/* cm-loader-mhtml.c — pages saved by a browser as one file (.mht, .mhtml)
 *
 * MHTML is a MIME multipart/related message: the page and its resources
 * (images, style sheets, frames), each a part with its own headers. The
 * loader finds the page (the part the message names as its start, or the
 * first text/html part), undoes its transfer encoding (quoted-printable or
 * base64), decodes it from its charset, and reads it with the HTML loader.
 * The other parts are set aside, and the report says how many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cm-error.h"
#include "cm-loader-private.h"

typedef struct
{
  const char *headers;  /* the part's header block */
  gsize       headers_size;
  const char *body;
  gsize       body_size;
} MimePart;

/* The end of a header block: the first empty line; *body_start after it. */
static gsize
header_block_size (const char *data,
                   gsize       size,
                   gsize      *body_start)
{
  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n')
      {
        gsize next = i + 1;

        if (next < size && data[next] == '\r')
          next++;
        if (next < size && data[next] == '\n')
          {
            *body_start = next + 1;
            return i;
          }
        if (next >= size)
          break;
      }
  *body_start = size;
  return size;
}

/* A header's value ("Content-Type"), continuation lines unfolded; NULL
 * when the block does not have it. */
static char *
header_value (const char *headers,
              gsize       size,
              const char *name)
{
  gsize name_len = strlen (name);

  for (gsize i = 0; i + name_len < size; i++)
    {
      GString *value;
      gsize j;

      if ((i > 0 && headers[i - 1] != '\n') || g_ascii_strncasecmp (headers + i, name, name_len) != 0
          || headers[i + name_len] != ':')
        continue;
      value = g_string_new (NULL);
      for (j = i + name_len + 1; j < size; j++)
        {
          if (headers[j] == '\r')
            continue;
          /* A line starting with a blank continues the header. */
          if (headers[j] == '\n' && !(j + 1 < size && (headers[j + 1] == ' ' || headers[j + 1] == '\t')))
            break;
          g_string_append_c (value, headers[j] == '\n' || headers[j] == '\t' ? ' ' : headers[j]);
        }
      return g_strstrip (g_string_free (value, FALSE));
    }
  return NULL;
}

/* A parameter of a header value: boundary="...", charset=utf-8. */
static char *
header_parameter (const char *value,
                  const char *name)
{
  gsize name_len = strlen (name);

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      const char *start;

      if (g_ascii_strncasecmp (p, name, name_len) != 0 || p[name_len] != '='
          || (p > value && p[-1] != ';' && p[-1] != ' '))
        continue;
      p += name_len + 1;
      if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');

          return end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;
        }
      start = p;
      while (*p != '\0' && *p != ';' && *p != ' ')
        p++;
      return g_strndup (start, p - start);
    }
  return NULL;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static GBytes *
decode_quoted_printable (const char *data,
                         gsize       size)
{
  GByteArray *out = g_byte_array_sized_new (size);

  for (gsize i = 0; i < size; i++)
    {
      guint8 byte = (guint8) data[i];

      if (data[i] == '=' && i + 1 < size && (data[i + 1] == '\n' || data[i + 1] == '\r'))
        {
          /* A soft line break: "=\n" or "=\r\n". */
          i++;
          if (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n')
            i++;
          continue;
        }
      if (data[i] == '=' && i + 2 < size && hex_value (data[i + 1]) >= 0 && hex_value (data[i + 2]) >= 0)
        {
          byte = (guint8) (hex_value (data[i + 1]) * 16 + hex_value (data[i + 2]));
          i += 2;
        }
      g_byte_array_append (out, &byte, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
decode_base64 (const char *data,
               gsize       size)
{
  guchar *out = g_malloc (size * 3 / 4 + 4);
  gint state = 0;
  guint save = 0;
  /* g_base64_decode_step() skips the line breaks between the lines. */
  gsize n = g_base64_decode_step (data, size, out, &state, &save);

  return g_bytes_new_take (out, n);
}

/* Splits @body at "--boundary" lines into @parts. */
static void
split_parts (const char *body,
             gsize       size,
             const char *boundary,
             GArray     *parts)
{
  g_autofree char *delimiter = g_strconcat ("--", boundary, NULL);
  gsize delimiter_len = strlen (delimiter);
  const char *end = body + size;
  const char *p = body;
  const char *part_start = NULL;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;

      if ((gsize) (line_end - p) >= delimiter_len && memcmp (p, delimiter, delimiter_len) == 0)
        {
          if (part_start != NULL)
            {
              MimePart part = { 0, };
              gsize body_start;

              part.headers = part_start;
              part.headers_size = header_block_size (part_start, p - part_start, &body_start);
              part.body = part_start + body_start;
              part.body_size = (gsize) (p - part_start) - body_start;
              g_array_append_val (parts, part);
            }
          /* "--boundary--" closes the message. */
          if ((gsize) (line_end - p) >= delimiter_len + 2 && p[delimiter_len] == '-'
              && p[delimiter_len + 1] == '-')
            break;
          part_start = nl != NULL ? nl + 1 : end;
        }
      p = nl != NULL ? nl + 1 : end;
    }
}

/* The page: the part named by the message's start= parameter, else the
 * first text/html part. */
static const MimePart *
find_page (GArray     *parts,
           const char *start_id)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < parts->len; i++)
      {
        const MimePart *part = &g_array_index (parts, MimePart, i);
        g_autofree char *type = header_value (part->headers, part->headers_size, "Content-Type");
        g_autofree char *id = header_value (part->headers, part->headers_size, "Content-ID");

        if (pass == 0 && start_id != NULL && id != NULL && strcmp (id, start_id) == 0)
          return part;
        if (pass == 1 && type != NULL && g_ascii_strncasecmp (type, "text/html", 9) == 0)
          return part;
      }
  return NULL;
}

gboolean
cm_loader_parse_mhtml (CmLoadedText  *loaded,
                       const char    *data,
                       gsize          size,
                       GError       **error)
{
  gsize body_start, headers_size = header_block_size (data, size, &body_start);
  g_autofree char *type = header_value (data, headers_size, "Content-Type");
  g_autofree char *boundary = type != NULL ? header_parameter (type, "boundary") : NULL;
  g_autofree char *start_id = type != NULL ? header_parameter (type, "start") : NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (MimePart));
  g_autoptr(GBytes) page_bytes = NULL;
  g_autofree char *encoding = NULL, *page_type = NULL, *charset = NULL;
  g_autofree char *decoded_encoding = NULL;
  const MimePart *page;
  const char *page_data;
  gsize page_size, decoded_size;
  gboolean is_copy = FALSE, ok;
  gsize n_replaced;
  char *decoded;

  if (boundary == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s: not a saved web page (no multipart boundary in its MIME headers)", loaded->path);
      return FALSE;
    }
  split_parts (data + body_start, size - body_start, boundary, parts);
  page = find_page (parts, start_id);
  if (page == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the saved page holds no HTML part",
                   loaded->path);
      return FALSE;
    }
  if (parts->len > 1)
    cm_loaded_text_note (loaded, TRUE, N_("page resources (images, style sheets, frames)"), 0);

  encoding = header_value (page->headers, page->headers_size, "Content-Transfer-Encoding");
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "quoted-printable") == 0)
    page_bytes = decode_quoted_printable (page->body, page->body_size);
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "base64") == 0)
    page_bytes = decode_base64 (page->body, page->body_size);
  else
    page_bytes = g_bytes_new_static (page->body, page->body_size);
  page_data = g_bytes_get_data (page_bytes, &page_size);
  if (page_size == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, "%s: the saved page is empty", loaded->path);
      return FALSE;
    }

  page_type = header_value (page->headers, page->headers_size, "Content-Type");
  charset = page_type != NULL ? header_parameter (page_type, "charset") : NULL;
  if (charset == NULL)
    charset = cm_loader_sniff_meta_charset (page_data, page_size);
  decoded = cm_loader_decode (page_data, page_size, loaded->path, charset, &decoded_size,
                              &decoded_encoding, &is_copy, &n_replaced, error);
  if (decoded == NULL)
    return FALSE;
  loaded->encoding = g_steal_pointer (&decoded_encoding);
  cm_loader_note_replaced (loaded, n_replaced);
  ok = cm_loader_parse_html (loaded, decoded, decoded_size, error);
  if (is_copy)
    g_free (decoded);
  return ok;
}
