/* cm-loader-html-private.h — what the HTML walker hands the content scorer
 *
 * cm-loader-html.c walks the page once and cuts its visible text into
 * blocks (paragraphs, headings, list items, cells with block content, runs
 * of loose text), measuring each; it also records every container element
 * that holds blocks. cm-loader-html-score.c then decides which blocks are
 * the page's main content and which are page junk (boilerplate).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "cm-loader-private.h"

G_BEGIN_DECLS

typedef enum
{
  ROLE_INLINE,
  ROLE_DROP,          /* never visible text: script, style, form controls... */
  ROLE_HEAD,          /* only its <title> is read */
  ROLE_BLOCK,
  ROLE_PARAGRAPH,
  ROLE_HEADING,
  ROLE_LIST,
  ROLE_LIST_ITEM,
  ROLE_BREAK,
  ROLE_ROW,
  ROLE_CELL,
  ROLE_PRE,
  ROLE_LINK,
  ROLE_BOLD,
} Role;

Role     cm_html_element_role              (const xmlChar *name);
/* hidden="", style="display: none" or "visibility: hidden" */
gboolean cm_html_is_hidden                 (xmlNode       *node);
/* @attribute (id, class, role) has a word naming page furniture: "nav",
 * "site-header", "sidebar", "comments", "related", "cookie"... */
gboolean cm_html_attribute_names_furniture (xmlNode       *node,
                                            const char    *attribute);
/* A cell holding paragraphs, lists, headings, tables or "<br><br>": a
 * layout table's cell, to be read as blocks. */
gboolean cm_html_cell_holds_blocks         (xmlNode       *cell);

typedef struct
{
  gsize        start;        /* byte range in the page's text */
  gsize        end;
  CmBlockKind  kind;         /* paragraph, heading or list item */
  guint        level;
  guint        n_chars;      /* non-blank characters */
  guint        link_chars;   /* of which inside links */
  guint        away_chars;   /* of those, in links away from the site: mailto:,
                              * tel:, another host (a policy's contact address,
                              * its list of partners), not its menus */
  gboolean     copyright;    /* a short "© 2026 ..." / "All rights reserved" line */
  gboolean     boilerplate;  /* the scorer's verdict */
} HtmlBlock;

/* An element holding blocks [first, last): the candidates for the page's
 * main content. */
typedef struct
{
  guint    first;
  guint    last;
  guint    depth;
  gboolean junk;       /* named, classed or roled like page furniture */
  gboolean main;       /* <main>, <article>, role="main" */
} HtmlContainer;

/* Marks HtmlBlock.boilerplate over @blocks. Returns FALSE when no block
 * could be told to be main content, in which case every block but the
 * plainly junk ones (link lists, menus) is kept: the page's visible text. */
gboolean cm_html_score_blocks (const char *text,
                               GArray     *blocks,
                               GArray     *containers);

/* The lang attributes of block elements, collected during the walk
 * (cm-loader-html-lang.c). */
typedef struct
{
  GArray *stack;      /* of the open elements that carry a lang */
  GArray *stretches;  /* of CmLanguageHint */
} HtmlLangs;

void cm_html_langs_init   (HtmlLangs    *langs);
/* @node's text starts (enter) or ends (leave) at @position. */
void cm_html_langs_enter  (HtmlLangs    *langs,
                           xmlNode      *node,
                           gsize         position);
void cm_html_langs_leave  (HtmlLangs    *langs,
                           xmlNode      *node,
                           gsize         position);
/* Hands the stretches, cut at @text_end, to @loaded->languages (left NULL
 * when the page declares no language on a block) and frees the rest. */
void cm_html_langs_finish (HtmlLangs    *langs,
                           CmLoadedText *loaded,
                           gsize         text_end);

/* The walk's state (cm-loader-html.c walks the elements,
 * cm-loader-html-text.c writes their text, blocks and hints,
 * cm-loader-html-links.c measures the links). */
/* An open hinted element; start is G_MAXSIZE while a nested hinted element
 * has the floor. */
typedef struct
{
  gsize       start;
  CmBlockKind kind;
  guint       level;
  guint       link_mark;  /* w->link_chars when this stretch started */
  guint       bold_mark;
} OpenHint;

/* What leaving an element must undo. */
enum
{
  FRAME_HINT      = 1 << 0,  /* opened a hint */
  FRAME_BLOCK     = 1 << 1,  /* ends a line when left */
  FRAME_LIST      = 1 << 2,
  FRAME_FLAT_CELL = 1 << 3,  /* a cell read as one piece of its row's line */
  FRAME_PRE       = 1 << 4,
  FRAME_LINK      = 1 << 5,
  FRAME_BOLD      = 1 << 6,
  FRAME_CONTAINER = 1 << 7,  /* a candidate for the main content */
  FRAME_JUNK      = 1 << 8,
  FRAME_MAIN      = 1 << 9,
};

typedef struct
{
  xmlNode *node;
  guint    flags;
  guint    first_block;
  gsize    link_start;   /* where a link's text began */
} Frame;

typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  GArray       *open_hints;      /* of OpenHint */
  GArray       *blocks;          /* of HtmlBlock */
  GArray       *containers;      /* of HtmlContainer */
  GArray       *frames;          /* of Frame: the walk's stack */
  gboolean      last_was_space;  /* TRUE at a line start: leading space dropped */
  gsize         loose_start;     /* text outside any hinted element, or G_MAXSIZE */
  guint         loose_link_mark;
  guint         loose_bold_mark;
  guint         link_chars;      /* characters written inside links so far */
  guint         bold_chars;      /* ... inside <b>/<strong> */
  guint         link_depth;
  guint         bold_depth;
  guint         list_depth;
  guint         cell_depth;      /* flattened cells */
  guint         pre_depth;
  guint         main_depth;      /* inside <main>, <article>, role="main" */
  gboolean      row_has_cell;
  char         *first_h1;
  HtmlLangs     langs;           /* lang attributes: cm-loader-html-lang.c */
} Walker;

static inline gboolean
cm_html_is_blank_byte (char c)
{
  return c == ' ' || c == '\t';
}

/* cm-loader-html-text.c */
/* The output length without trailing blanks and newlines. */
gsize     cm_html_content_end         (Walker      *w);
void      cm_html_trim_trailing_blanks (Walker     *w);
/* Non-blank characters in text[0, size): what link and bold density count. */
guint     cm_html_count_visible_chars (const char  *text,
                                       gsize        size);
void      cm_html_end_loose_block     (Walker      *w);
OpenHint *cm_html_top_hint            (Walker      *w);
void      cm_html_line_break          (Walker      *w);
void      cm_html_block_break         (Walker      *w);
void      cm_html_append_collapsed    (Walker      *w,
                                       const char  *text,
                                       gsize        size);
void      cm_html_append_text         (Walker      *w,
                                       const char  *text);
void      cm_html_open_hint           (Walker      *w,
                                       CmBlockKind  kind,
                                       guint        level);
void      cm_html_close_hint          (Walker      *w);
/* Hints from the scored blocks. */
void      cm_html_emit_hints          (Walker      *w);

/* cm-loader-html-links.c: counts each block's characters in links away
 * from the site. */
void      cm_html_count_away_links    (Walker      *w);

G_END_DECLS
