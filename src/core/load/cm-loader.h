/* cm-loader.h — turn a file (any common encoding; text, HTML, Markdown-ish)
 * into normalised UTF-8 text plus structure hints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CM_BLOCK_PARAGRAPH,
  CM_BLOCK_HEADING,
  CM_BLOCK_LIST_ITEM,
} CmBlockKind;

/* A structural hint from the source markup: a range of the normalised text
 * (byte offsets, half-open) that was a heading / list item / paragraph. */
typedef struct
{
  gsize       start;
  gsize       end;
  CmBlockKind kind;
  guint       level;  /* heading level 1-6, list nesting depth 1.., 0 for paragraphs */
} CmBlockHint;

typedef struct
{
  char   *path;       /* as given, or a name for in-memory data */
  char   *text;       /* normalised UTF-8: \n line ends, no NBSP/zero-width, ... */
  gsize   size;       /* strlen (text) */
  char   *encoding;   /* detected source encoding, e.g. "UTF-8", "GB18030", "UTF-16LE" */
  char   *loader;     /* "text", "html" or "markdown" */
  char   *sha256;     /* of the raw bytes */
  char   *title;      /* HTML <title> / first heading, or NULL */
  GArray *blocks;     /* of CmBlockHint, in text order; may be empty */
} CmLoadedText;

/* Files above this size are refused with CM_ERROR_TOO_LARGE. */
#define CM_LOADER_MAX_SIZE ((gsize) 512 * 1024 * 1024)

CmLoadedText *cm_loader_load_file   (const char   *path,
                                     GError      **error);
/* @name names the data in errors and picks the format by its extension;
 * @format is NULL (sniff) or "text", "html", "markdown". */
CmLoadedText *cm_loader_load_data   (const char   *data,
                                     gsize         size,
                                     const char   *name,
                                     const char   *format,
                                     GError      **error);
void          cm_loaded_text_free   (CmLoadedText *loaded);

/* Normalises already-valid UTF-8 in place of a copy: CRLF/CR to LF, NBSP,
 * full-width and other Unicode spaces to ' ', zero-width characters and BOMs
 * removed. Exposed for the loaders' tests and the JSONL streaming path. */
char         *cm_text_normalize     (const char   *text,
                                     gssize        size,
                                     gsize        *out_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmLoadedText, cm_loaded_text_free)

G_END_DECLS
