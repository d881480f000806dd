/* cm-loader-office-private.h — shared by the .docx and .odt loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "cm-loader-private.h"
#include "cm-zip.h"

G_BEGIN_DECLS

typedef enum
{
  CM_OFFICE_NUM_DECIMAL,
  CM_OFFICE_NUM_LOWER_LETTER,
  CM_OFFICE_NUM_UPPER_LETTER,
  CM_OFFICE_NUM_LOWER_ROMAN,
  CM_OFFICE_NUM_UPPER_ROMAN,
  CM_OFFICE_NUM_CHINESE,     /* 一 二 三 ... 十一 */
  CM_OFFICE_NUM_CIRCLED,     /* ① ② ③ */
  CM_OFFICE_NUM_BULLET,
  CM_OFFICE_NUM_NONE,
} CmOfficeNumFormat;

/* One line per paragraph into loaded->text, hints for headings and list
 * items (and for every paragraph when hint_paragraphs). */
typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  GString      *paragraph;   /* the paragraph being read */
  gboolean      hint_paragraphs;
  GArray       *links;       /* CmLinkHint in paragraph offsets, until it ends */
  gssize        link_start;  /* where the open link began, or -1 */
  char         *link_url;
  xmlNode      *link_node;   /* the element holding the open link, or NULL */
} CmOfficeWriter;

/* The XML member at @member ("word/document.xml") of the members read by
 * cm_zip_read_members(); NULL when it is missing or broken (an error only
 * when @required). */
xmlDoc    *cm_office_read_xml             (CmLoadedText      *loaded,
                                           GHashTable        *zip,
                                           const char        *member,
                                           gboolean           required,
                                           GError           **error);

gboolean   cm_office_is                   (xmlNode           *node,
                                           const char        *name);
xmlNode   *cm_office_child                (xmlNode           *node,
                                           const char        *name);
/* An attribute by its local name ("val" for w:val), newly allocated. */
char      *cm_office_attribute            (xmlNode           *node,
                                           const char        *name);

/* The node after @node in document order within @root (into its children
 * when @descend), or NULL at the end: walks without recursion. */
xmlNode   *cm_office_next_node            (xmlNode           *node,
                                           xmlNode           *root,
                                           gboolean           descend);

typedef void (*CmOfficeReadFunc) (gpointer  user_data,
                                  xmlNode  *paragraph);

/* A table row as one paragraph: the text of each @cell_name cell's
 * paragraphs (read by @read_paragraph_text), cells separated by a tab. */
void       cm_office_read_row             (CmOfficeWriter    *writer,
                                           xmlNode           *row,
                                           const char        *cell_name,
                                           CmOfficeReadFunc   read_paragraph_text,
                                           gpointer           user_data);

void       cm_office_writer_init          (CmOfficeWriter    *writer,
                                           CmLoadedText      *loaded);
void       cm_office_writer_append        (CmOfficeWriter    *writer,
                                           const char        *text);
/* A table row's next cell: a tab after the text so far. */
void       cm_office_writer_next_cell     (CmOfficeWriter    *writer);
/* Writes the paragraph read so far as one line, @marker (a rendered list
 * number, may be NULL) and a space in front. Empty paragraphs vanish. */
void       cm_office_writer_end_paragraph (CmOfficeWriter    *writer,
                                           CmBlockKind        kind,
                                           guint              level,
                                           const char        *marker);
void       cm_office_writer_finish        (CmOfficeWriter    *writer);

/* Hyperlinks: the text written from now on is a link to @url, until the
 * walk leaves @element (see cm_office_writer_visit), or until
 * cm_office_writer_close_link() when @element is NULL (a field code).
 * The link text stays in the paragraph; the URL becomes a link hint, as
 * the Markdown and HTML loaders make them (anchors for the aligner). */
void       cm_office_writer_open_link     (CmOfficeWriter    *writer,
                                           xmlNode           *element,
                                           const char        *url);
void       cm_office_writer_close_link    (CmOfficeWriter    *writer);
/* Called for each node the paragraph walk reaches: closes the open link
 * once @node is outside its element. */
void       cm_office_writer_visit         (CmOfficeWriter    *writer,
                                           xmlNode           *node);

void       cm_office_append_number        (GString           *out,
                                           CmOfficeNumFormat  format,
                                           guint              value);

gboolean   cm_loader_parse_docx           (CmLoadedText      *loaded,
                                           const char        *data,
                                           gsize              size,
                                           GError           **error);
gboolean   cm_loader_parse_odt            (CmLoadedText      *loaded,
                                           const char        *data,
                                           gsize              size,
                                           GError           **error);

G_END_DECLS
