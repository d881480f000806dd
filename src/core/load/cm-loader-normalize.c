/* cm-loader-normalize.c — the single-pass text normaliser
 *
 * Every loader ends here: line ends to LF, Unicode spaces to ' ' (full-width
 * punctuation stays), zero-width characters, BOMs and control characters
 * out, trailing blanks trimmed, runs of blank lines down to one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* posix_memalign() and madvise() under -std=c11 */
#define _DEFAULT_SOURCE
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib.h>   /* for G_OS_UNIX */
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

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

char *
cm_loader_alloc_text (gsize size)
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
  char *out = cm_loader_alloc_text (size + 1);
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
      const guchar *run = p;
      gsize len;

      switch (classify_char (p, &len))
        {
        case CHAR_CONTENT:
          /* A run of content in one append (GLib 2.74 does not inline
           * g_string_append_len: a call per character was a tenth of an
           * HTML page's load). */
          do
            p += len;
          while (p < end && classify_char (p, &len) == CHAR_CONTENT);
          g_string_append_len (out, (const char *) run, p - run);
          *last_was_space = FALSE;
          continue;
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
