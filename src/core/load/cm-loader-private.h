/* cm-loader-private.h — what the loader's files share (cm-loader*.c only)
 *
 * The loader is split by concern:
 *   cm-loader.c           public API: read, pick the format, normalise
 *   cm-loader-encoding.c  binary check, encoding detection and decoding
 *   cm-loader-normalize.c the single-pass normaliser
 *   cm-loader-html.c      HTML → text + hints (libxml2)
 *   cm-loader-markdown.c  Markdown-ish → text + hints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-loader.h"

G_BEGIN_DECLS

/* How much of the start of the data the sniffers look at. */
#define CM_LOADER_SNIFF_SIZE ((gsize) 256 * 1024)

/* Fails with CM_ERROR_BINARY when @data is not text: a NUL byte (the caller
 * has already ruled out UTF-16/32 by their BOM) or too many control bytes. */
gboolean  cm_loader_check_not_binary    (const char   *data,
                                         gsize         size,
                                         const char   *name,
                                         GError      **error);

/* Decodes @data to valid UTF-8 (BOM stripped by the normaliser later).
 * @charset_hint (may be NULL) is a charset the markup itself declares, tried
 * right after UTF-8. Returns the UTF-8 text (NUL-terminated, *out_size bytes)
 * and the normalised name of the encoding it was decoded from in
 * *out_encoding; NULL with CM_ERROR_BINARY / CM_ERROR_ENCODING otherwise.
 * When the data already is UTF-8, *out_is_copy is FALSE and the returned
 * pointer is @data itself (not to be freed). *out_n_replaced: how many
 * bytes of a UTF-8 file that were not UTF-8 became U+FFFD (for the load
 * report: cm_loader_note_replaced()). */
char     *cm_loader_decode              (const char   *data,
                                         gsize         size,
                                         const char   *name,
                                         const char   *charset_hint,
                                         gsize        *out_size,
                                         char        **out_encoding,
                                         gboolean     *out_is_copy,
                                         gsize        *out_n_replaced,
                                         GError      **error);

void      cm_loader_note_replaced       (CmLoadedText *loaded,
                                         gsize         n_replaced);

/* Maps a charset label (uchardet's, a <meta charset>'s) to the name the
 * loader records: "UTF-8", "GB18030" (also for GBK/GB2312), "BIG5", ...
 * NULL for labels the loader does not decode. */
const char *cm_loader_canonical_charset (const char   *label);

/* A buffer for @size bytes of text, freed with g_free(); big ones are
 * advised for transparent huge pages (see cm-loader-normalize.c). */
char     *cm_loader_alloc_text          (gsize         size);

/* cm_text_normalize() on text known to be valid UTF-8. Never longer than
 * the input; the result is NUL-terminated. */
char     *cm_loader_normalize_valid     (const char   *text,
                                         gsize         size,
                                         gsize        *out_size);

/* The same, in place (@text must have room for the terminating NUL at
 * text[size]); returns the new length. */
gsize     cm_loader_normalize_in_place  (char         *text,
                                         gsize         size);

/* g_utf8_validate_len() for the loader's big inputs: skips ASCII a word at
 * a time. NUL bytes count as valid (the binary check rules them out). */
gboolean  cm_loader_utf8_validate       (const char   *data,
                                         gsize         size);

/* Whitespace-collapsing normalisation for a run of HTML text: like
 * cm_text_normalize() but every run of white space (newlines included)
 * becomes one ' '. Appends to @out; @last_was_space carries across calls. */
void      cm_loader_append_collapsed    (GString      *out,
                                         const char   *text,
                                         gsize         size,
                                         gboolean     *last_was_space);

/* Appends @content without bold markers: runs of two or more '*' anywhere,
 * and "__" pairs around non-blank text (single '_' and long runs of them
 * are fill-in blanks in Chinese forms, so they stay). */
void      cm_loader_append_unbolded     (GString      *out,
                                         const char   *content,
                                         gsize         len);

/* Each of these fills loaded->text/size/blocks (and title when found) from
 * valid UTF-8 @text. */
gboolean  cm_loader_parse_html          (CmLoadedText *loaded,
                                         const char   *text,
                                         gsize         size,
                                         GError      **error);
void      cm_loader_parse_markdown      (CmLoadedText *loaded,
                                         const char   *text,
                                         gsize         size);
void      cm_loader_parse_commonmark    (CmLoadedText *loaded,
                                         const char   *text,
                                         gsize         size);

/* The binary formats: each fills loaded->text/size/blocks/encoding (and
 * title when found) from the raw bytes of a file, or fails naming it. */
gboolean  cm_loader_parse_pdf           (CmLoadedText *loaded,
                                         const char   *data,
                                         gsize         size,
                                         GError      **error);

gboolean  cm_loader_parse_mhtml         (CmLoadedText *loaded,
                                         const char   *data,
                                         gsize         size,
                                         GError      **error);

/* The charset an HTML page declares (<meta charset=...> or the http-equiv
 * form) in its first bytes; NULL when none. */
char     *cm_loader_sniff_meta_charset  (const char   *data,
                                         gsize         size);

/* TRUE when normalised @text has enough Markdown features (headings, bold
 * markers, bullets of more than one kind) to be read as Markdown-ish. */
gboolean  cm_loader_sniff_markdown      (const char   *text,
                                         gsize         size);

/* Whether text[0, end) ends like a sentence or a clause: . ! ? : ; ) "
 * or their full-width forms. */
gboolean  cm_loader_ends_sentence       (const char   *text,
                                         gsize         end);

/* Adds a hint to loaded->blocks unless the range is empty. */
void      cm_loader_add_hint            (CmLoadedText *loaded,
                                         gsize         start,
                                         gsize         end,
                                         CmBlockKind   kind,
                                         guint         level);

G_END_DECLS
