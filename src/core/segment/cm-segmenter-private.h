/* cm-segmenter-private.h — what the segmenter's files share
 *
 * cm-segmenter.c drives and emits the clauses; cm-segmenter-paragraphs.c
 * cuts the lines, groups them into paragraphs and classifies these;
 * cm-segmenter-outline.c keeps the open headings and list items (heading
 * paths); cm-sentence.c splits paragraphs into sentences;
 * cm-bilingual.c cuts a two-language file by its layout;
 * cm-heading.c tells section titles; cm-language.c counts scripts, finds
 * a language switch and splits a pair; cm-boilerplate.c finds lines that
 * are page junk rather than policy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "cm-loader.h"
#include "cm-numbering.h"

G_BEGIN_DECLS

/* The first occurrence of @needle in haystack[0, length), or NULL.
 * (g_strstr_len() is several times slower; this runs on every line.) */
static inline const char *
cm_find_bytes (const char *haystack,
               gsize       length,
               const char *needle)
{
  gsize needle_length = strlen (needle);
  const char *end = haystack + length;
  const char *p = haystack;

  if (needle_length == 0)
    return haystack;
  while (needle_length <= (gsize) (end - p)
         && (p = memchr (p, needle[0], end - p - needle_length + 1)) != NULL)
    {
      if (memcmp (p, needle, needle_length) == 0)
        return p;
      p++;
    }
  return NULL;
}

/* One line of the text: byte range without the '\n', with leading and
 * trailing spaces trimmed (start == end for a blank line). */
typedef struct
{
  gsize start;
  gsize end;
} CmLine;

/* Splits @text into lines (trimmed ranges); free with g_free. */
CmLine     *cm_segmenter_split_lines       (const char *text,
                                            gsize       size,
                                            guint      *n_lines);

/* Letters by script. */
typedef struct
{
  guint64 cjk;    /* Han, kana, hangul, CJK compatibility */
  guint64 latin;  /* ASCII and Latin-1/Extended letters */
} CmScriptCounts;

void        cm_script_counts_add           (CmScriptCounts       *counts,
                                            const char           *text,
                                            gsize                 size);
/* "zh", "en", "mixed" or "und" (interned strings). */
const char *cm_script_counts_language      (const CmScriptCounts *counts);

/* Sets flags[i] for each line that is boilerplate (page junk). */
void        cm_boilerplate_mark_lines      (const char           *text,
                                            const CmLine         *lines,
                                            guint                 n_lines,
                                            gboolean             *flags);

/* Sentence ends (byte offsets as guint, exclusive, after any closing
 * quotes or brackets) within text[start, end); the last one is always
 * @end. With @newline_ends, a line break ends a sentence too (a <br> in
 * a hinted block); without it, it is a wrapped line. Appends to @ends. */
void        cm_sentence_split              (const char           *text,
                                            gsize                 start,
                                            gsize                 end,
                                            gboolean              newline_ends,
                                            GArray               *ends);

/* Whether text[start, end) reads like a section title; @numbering is its
 * marker, NULL when it has none. */
gboolean    cm_heading_candidate           (const char           *text,
                                            gsize                 start,
                                            gsize                 end,
                                            const CmNumbering    *numbering);

/* Where numbered headings and list items begin inside one line of running
 * text (a wall of text: "……权利。三、我们如何……（一）……"): byte offsets in
 * (start, end), appended to @cuts in order. @sequence (family -> last
 * value, see cm_numbering_family()) carries the numbering seen so far from
 * line to line; markers at line starts are recorded in it too. */
void        cm_inline_markers_find         (const char           *text,
                                            gsize                 start,
                                            gsize                 end,
                                            GHashTable           *sequence,
                                            GArray               *cuts);

/* Narrows [*start, *end) to exclude blanks (ASCII, U+3000, U+00A0). */
void        cm_segmenter_trim              (const char           *text,
                                            gsize                *start,
                                            gsize                *end);

/* Like cm_find_language_switch(), with the boilerplate lines known. */
gboolean    cm_language_find_switch_in_lines (const char         *text,
                                              const CmLine       *lines,
                                              guint               n_lines,
                                              const gboolean     *boilerplate,
                                              gsize              *switch_offset,
                                              const char        **first_language,
                                              const char        **second_language);

/* ---- the driver's pieces (cm-segmenter*.c) ------------------------------ */

/* Families of headings without a number. */
#define FAMILY_TITLE       0x7FFF0001u  /* the first line, when it is a heading */
#define FAMILY_UNNUMBERED  0x7FFF0002u
#define FAMILY_HINT        0x7FFE0000u  /* + heading level from the loader */
#define FAMILY_LIST_HINT   0x7FFD0000u  /* + list depth from the loader */
#define MAX_STACK                   16

/* One paragraph: a line, a loader's block or wrapped lines joined. */
typedef struct
{
  gsize        start;        /* trimmed byte range */
  gsize        end;
  gboolean     boilerplate;
  gboolean     has_hint;
  CmBlockKind  hint_kind;
  guint        hint_level;
  gboolean     ends_line_group;  /* a blank line or the end follows */
  /* Filled by cm_segmenter_classify_paragraphs(): */
  gboolean     numbered;
  CmNumbering  numbering;
  gboolean     heading;
} Paragraph;

/* Cut into paragraphs, cut again where a numbered heading or list item
 * begins inside running text; an array of Paragraph. */
GArray     *cm_segmenter_build_paragraphs  (const char           *text,
                                            const CmLine         *lines,
                                            guint                 n_lines,
                                            const gboolean       *boilerplate,
                                            const CmBlockHint    *blocks,
                                            guint                 n_blocks);
/* Numbering and heading candidates of every paragraph; tables of contents
 * turned back into list items. */
void        cm_segmenter_classify_paragraphs (const char         *text,
                                              GArray             *paragraphs);
/* Lines the loader hinted as page junk are boilerplate. */
void        cm_segmenter_mark_hinted_boilerplate (const CmLine      *lines,
                                                  guint              n_lines,
                                                  const CmBlockHint *blocks,
                                                  guint              n_blocks,
                                                  gboolean          *boilerplate);

/* The open outline: headings and list items, innermost last. */
typedef struct
{
  guint     family;
  gboolean  heading;
  gboolean  ordered;     /* decimal depth, markdown / hint / article level */
  guint     order_kind;  /* which ordered kind */
  guint     order_depth;
  guint     value;       /* of its number, 0 when unnumbered */
  char     *title;       /* headings only */
} StackEntry;

typedef struct
{
  StackEntry entries[MAX_STACK];
  guint      depth;
  char     **path;       /* cached heading path, NULL-terminated */
  gboolean   path_valid;
} Stack;

void        cm_segmenter_stack_clear       (Stack                *stack);
/* Pushes an entry; returns its level (1-based). */
guint       cm_segmenter_stack_place       (Stack                *stack,
                                            StackEntry           *entry);
/* The titles of the open headings at levels 1 to @below (all of them
 * with G_MAXUINT, then cached); owned by @stack. */
const char * const *cm_segmenter_stack_heading_path (Stack        *stack,
                                                     guint         below);
/* A single letter that is a Roman numeral too ("I.", "X."): the open
 * outline decides which it is. */
void        cm_segmenter_resolve_roman_or_latin (const char      *text,
                                                 Stack           *stack,
                                                 Paragraph       *para);
/* Whether @entry (a numbered list item) continues the numbering of an
 * open heading of its family. */
gboolean    cm_segmenter_continues_open_heading (Stack            *stack,
                                                 const StackEntry *entry);

G_END_DECLS
