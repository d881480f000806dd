/* cm-loader-office.c — what the Word and OpenDocument loaders share
 *
 * Both formats are zip files of XML (read with libarchive, see cm-zip.c,
 * and libxml2), and both come out the same way: one line per paragraph, headings and list
 * items hinted, list numbers rendered into the text, a table's rows as
 * paragraphs with their cells separated by a tab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <libxml/parser.h>

#include "cm-error.h"
#include "cm-loader-office-private.h"

xmlDoc *
cm_office_read_xml (CmLoadedText  *loaded,
                    GHashTable    *zip,
                    const char    *member,
                    gboolean       required,
                    GError       **error)
{
  GBytes *bytes = g_hash_table_lookup (zip, member);
  gsize size = 0;
  const char *xml = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  xmlDoc *doc;

  if (bytes == NULL)
    {
      if (required)
        g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: %s is missing from the file",
                     loaded->path, member);
      return NULL;
    }
  doc = size > 0 && size <= G_MAXINT
          ? xmlReadMemory (xml, (int) size, member, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
          : NULL;
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      if (required)
        g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: %s is not XML libxml2 can read",
                     loaded->path, member);
      return NULL;
    }
  return doc;
}

gboolean
cm_office_is (xmlNode    *node,
              const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && strcmp ((const char *) node->name, name) == 0;
}

xmlNode *
cm_office_child (xmlNode    *node,
                 const char *name)
{
  for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (cm_office_is (child, name))
      return child;
  return NULL;
}

char *
cm_office_attribute (xmlNode    *node,
                     const char *name)
{
  /* Namespaced attributes (w:val, text:style-name) by their local name. */
  for (xmlAttr *attribute = node != NULL ? node->properties : NULL; attribute != NULL;
       attribute = attribute->next)
    if (strcmp ((const char *) attribute->name, name) == 0)
      {
        xmlChar *value = xmlNodeGetContent ((xmlNode *) attribute);
        char *copy = g_strdup ((const char *) value);

        xmlFree (value);
        return copy;
      }
  return NULL;
}

xmlNode *
cm_office_next_node (xmlNode  *node,
                     xmlNode  *root,
                     gboolean  descend)
{
  if (descend && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;
  while (node != root && node->next == NULL)
    node = node->parent;
  return node == root ? NULL : node->next;
}

void
cm_office_read_row (CmOfficeWriter  *writer,
                    xmlNode         *row,
                    const char      *cell_name,
                    CmOfficeReadFunc read_paragraph_text,
                    gpointer         user_data)
{
  gboolean first = TRUE;

  for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
    {
      if (!cm_office_is (cell, cell_name))
        continue;
      if (!first)
        cm_office_writer_next_cell (writer);
      first = FALSE;
      for (xmlNode *p = cell->children; p != NULL; p = p->next)
        if (cm_office_is (p, "p") || cm_office_is (p, "h"))
          {
            read_paragraph_text (user_data, p);
            cm_office_writer_append (writer, " ");
          }
    }
  writer->hint_paragraphs = TRUE;
  cm_office_writer_end_paragraph (writer, CM_BLOCK_PARAGRAPH, 0, NULL);
  writer->hint_paragraphs = FALSE;
}

void
cm_office_writer_init (CmOfficeWriter *writer,
                       CmLoadedText   *loaded)
{
  writer->loaded = loaded;
  writer->out = g_string_new (NULL);
  writer->paragraph = g_string_new (NULL);
  writer->links = g_array_new (FALSE, FALSE, sizeof (CmLinkHint));
  writer->link_start = -1;
}

void
cm_office_writer_close_link (CmOfficeWriter *writer)
{
  CmLinkHint link;

  if (writer->link_start < 0)
    return;
  link.start = writer->link_start;
  link.end = writer->paragraph->len;
  link.url = g_steal_pointer (&writer->link_url);
  if (link.end > link.start && link.url != NULL && *link.url != '\0')
    g_array_append_val (writer->links, link);
  else
    g_free (link.url);
  writer->link_start = -1;
  writer->link_node = NULL;
}

void
cm_office_writer_open_link (CmOfficeWriter *writer,
                            xmlNode        *element,
                            const char     *url)
{
  cm_office_writer_close_link (writer);
  writer->link_start = writer->paragraph->len;
  writer->link_url = g_strstrip (g_strdup (url));
  writer->link_node = element;
}

void
cm_office_writer_visit (CmOfficeWriter *writer,
                        xmlNode        *node)
{
  if (writer->link_node == NULL)
    return;
  for (xmlNode *up = node; up != NULL; up = up->parent)
    if (up == writer->link_node)
      return;
  cm_office_writer_close_link (writer);
}

/* The paragraph's links, shifted by where its text landed in the output
 * (@shift) after @lead leading blanks were stripped; spaces at their ends
 * trimmed. */
static void
flush_links (CmOfficeWriter *writer,
             gsize           shift,
             gsize           lead,
             gsize           length)
{
  const char *text = writer->out->str;

  cm_office_writer_close_link (writer);
  for (guint i = 0; i < writer->links->len; i++)
    {
      CmLinkHint *link = &g_array_index (writer->links, CmLinkHint, i);
      gsize start = MIN (link->start > lead ? link->start - lead : 0, length) + shift;
      gsize end = MIN (link->end > lead ? link->end - lead : 0, length) + shift;

      while (start < end && g_ascii_isspace (text[start]))
        start++;
      while (end > start && g_ascii_isspace (text[end - 1]))
        end--;
      if (end > start)
        {
          CmLinkHint kept = { start, end, g_steal_pointer (&link->url) };

          g_array_append_val (writer->loaded->links, kept);
        }
      g_free (link->url);
    }
  g_array_set_size (writer->links, 0);
}

void
cm_office_writer_append (CmOfficeWriter *writer,
                         const char     *text)
{
  gboolean last_was_space = writer->paragraph->len == 0
                            || writer->paragraph->str[writer->paragraph->len - 1] == ' '
                            || writer->paragraph->str[writer->paragraph->len - 1] == '\t';

  if (text != NULL)
    cm_loader_append_collapsed (writer->paragraph, text, strlen (text), &last_was_space);
}

void
cm_office_writer_next_cell (CmOfficeWriter *writer)
{
  GString *p = writer->paragraph;

  while (p->len > 0 && p->str[p->len - 1] == ' ')
    g_string_truncate (p, p->len - 1);
  g_string_append_c (p, '\t');
}

void
cm_office_writer_end_paragraph (CmOfficeWriter *writer,
                                CmBlockKind     kind,
                                guint           level,
                                const char     *marker)
{
  GString *p = writer->paragraph;
  gsize start, lead = 0;

  while (lead < p->len && g_ascii_isspace (p->str[lead]))
    lead++;
  g_strstrip (p->str);
  p->len = strlen (p->str);
  if (p->len == 0)
    {
      flush_links (writer, writer->out->len, 0, 0);
      return;
    }
  start = writer->out->len;
  if (marker != NULL && *marker != '\0')
    g_string_append_printf (writer->out, "%s ", marker);
  g_string_append_len (writer->out, p->str, p->len);
  flush_links (writer, writer->out->len - p->len, lead, p->len);
  /* Plain paragraphs are left to the segmenter (a bold "1. Scope" line is
   * a heading it can tell); headings and list items are hinted. */
  if (kind != CM_BLOCK_PARAGRAPH || writer->hint_paragraphs)
    cm_loader_add_hint (writer->loaded, start, writer->out->len, kind, level);
  g_string_append_c (writer->out, '\n');
  g_string_truncate (p, 0);
}

void
cm_office_writer_finish (CmOfficeWriter *writer)
{
  g_string_free (writer->paragraph, TRUE);
  cm_office_writer_close_link (writer);
  for (guint i = 0; i < writer->links->len; i++)
    g_free (g_array_index (writer->links, CmLinkHint, i).url);
  g_array_unref (writer->links);
  writer->loaded->size = writer->out->len;
  writer->loaded->text = g_string_free (writer->out, FALSE);
  writer->loaded->encoding = g_strdup ("UTF-8");
}

/* ---- list numbers ------------------------------------------------------ */

static void
append_roman (GString *out,
              guint    value,
              gboolean upper)
{
  static const struct { guint value; const char *digits; } romans[] = {
    { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
    { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (romans); i++)
    while (value >= romans[i].value)
      {
        for (const char *d = romans[i].digits; *d != '\0'; d++)
          g_string_append_c (out, upper ? g_ascii_toupper (*d) : *d);
        value -= romans[i].value;
      }
}

static void
append_letters (GString *out,
                guint    value,
                gboolean upper)
{
  /* a..z, then aa, bb... as Word and LibreOffice write them. */
  guint repeat = (value - 1) / 26 + 1;
  char letter = (char) ('a' + (value - 1) % 26);

  for (guint i = 0; i < repeat; i++)
    g_string_append_c (out, upper ? g_ascii_toupper (letter) : letter);
}

static void
append_chinese (GString *out,
                guint    value)
{
  static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

  if (value >= 100)
    {
      g_string_append_printf (out, "%u", value);
      return;
    }
  if (value >= 10)
    {
      if (value >= 20)
        g_string_append (out, digits[value / 10]);
      g_string_append (out, "十");
      if (value % 10 != 0)
        g_string_append (out, digits[value % 10]);
      return;
    }
  g_string_append (out, digits[value]);
}

void
cm_office_append_number (GString          *out,
                         CmOfficeNumFormat format,
                         guint             value)
{
  switch (format)
    {
    case CM_OFFICE_NUM_LOWER_LETTER:
    case CM_OFFICE_NUM_UPPER_LETTER:
      append_letters (out, MAX (value, 1), format == CM_OFFICE_NUM_UPPER_LETTER);
      break;
    case CM_OFFICE_NUM_LOWER_ROMAN:
    case CM_OFFICE_NUM_UPPER_ROMAN:
      append_roman (out, value, format == CM_OFFICE_NUM_UPPER_ROMAN);
      break;
    case CM_OFFICE_NUM_CHINESE:
      append_chinese (out, value);
      break;
    case CM_OFFICE_NUM_CIRCLED:
      if (value >= 1 && value <= 20)
        g_string_append_unichar (out, 0x2460 + value - 1);
      else
        g_string_append_printf (out, "%u", value);
      break;
    case CM_OFFICE_NUM_NONE:
    case CM_OFFICE_NUM_BULLET:
      break;
    case CM_OFFICE_NUM_DECIMAL:
    default:
      g_string_append_printf (out, "%u", value);
      break;
    }
}
