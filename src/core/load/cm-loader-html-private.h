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

G_END_DECLS
