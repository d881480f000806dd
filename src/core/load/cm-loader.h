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
  CM_BLOCK_BOILERPLATE,  /* page junk the loader kept visible: menus, running
                          * headers, teasers; the segmenter marks it so */
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

/* A link in the source: the text range that was its label, and its target
 * (the aligner reads URLs as anchors that survive translation). */
typedef struct
{
  gsize  start;
  gsize  end;
  char  *url;
} CmLinkHint;

/* The language an HTML page declares for a stretch of its text: the lang
 * (or xml:lang) attribute of the innermost block element around it ("zh"
 * for zh-CN, zh-Hans, cmn…; "en" for en-US…; other languages by their
 * primary subtag). Stretches do not overlap and are in text order; text
 * outside them has no declared language. */
typedef struct
{
  gsize       start;     /* byte range in the normalised text, half-open */
  gsize       end;
  const char *language;  /* interned */
} CmLanguageHint;

/* What a loader left out of the text, or kept but marked as page junk, and
 * why: one entry per reason, with how many pieces and characters. */
typedef struct
{
  char     *reason;    /* untranslated (N_() in the loaders); show with _() */
  gboolean  dropped;   /* TRUE: not in the text; FALSE: kept as boilerplate */
  guint     count;
  gsize     n_chars;
} CmLoadNote;

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
  GArray *links;      /* of CmLinkHint, in text order; may be empty */
  GArray *notes;      /* of CmLoadNote: what was dropped or marked, and why */
  GArray *languages;  /* of CmLanguageHint (HTML lang attributes), or NULL */
} CmLoadedText;

/* Files above this size are refused with CM_ERROR_TOO_LARGE. */
#define CM_LOADER_MAX_SIZE ((gsize) 512 * 1024 * 1024)  /* = CM_READ_MAX_POLICY */

CmLoadedText *cm_loader_load_file   (const char   *path,
                                     GError      **error);
/* @name names the data in errors and picks the format by its extension;
 * @format is NULL (sniff) or one of cm_loader_formats(). Every loader is
 * reachable this way, on a byte buffer (the fuzz targets use it). */
CmLoadedText *cm_loader_load_data   (const char   *data,
                                     gsize         size,
                                     const char   *name,
                                     const char   *format,
                                     GError      **error);
void          cm_loaded_text_free   (CmLoadedText *loaded);

/* The formats cm_loader_load_data() takes: "text", "html", "markdown",
 * "pdf", "docx", "odt", "mhtml"; NULL-terminated. */
const char * const *cm_loader_formats (void);

/* Records that @n_chars characters were dropped (or, with @dropped FALSE,
 * kept but marked as boilerplate) for @reason, a static untranslated
 * string (N_()). Entries with the same reason add up. */
void          cm_loaded_text_note   (CmLoadedText *loaded,
                                     gboolean      dropped,
                                     const char   *reason,
                                     gsize         n_chars);
/* What the loader dropped and marked, one translated line per reason
 * ("dropped: scripts and styles (3, 1,204 characters)"); NULL when it
 * dropped nothing. */
char         *cm_loaded_text_dup_report (CmLoadedText *loaded);

/* Normalises already-valid UTF-8 in place of a copy: CRLF/CR to LF, NBSP,
 * full-width and other Unicode spaces to ' ', zero-width characters and BOMs
 * removed. Exposed for the loaders' tests and the JSONL streaming path. */
char         *cm_text_normalize     (const char   *text,
                                     gssize        size,
                                     gsize        *out_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmLoadedText, cm_loaded_text_free)

G_END_DECLS
