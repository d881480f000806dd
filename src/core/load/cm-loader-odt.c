/* cm-loader-odt.c — OpenDocument text files (.odt: content.xml)
 *
 * Paragraphs come out one per line; text:h is a heading at its outline
 * level; list items are hinted at their depth, with their number rendered
 * as LibreOffice shows it: the list style's level format (1, a, A, i, I),
 * prefix, suffix and the number of levels it displays ("2.1."), counted
 * per list (a list continues the previous one's numbers when it says so,
 * an item may set its own start). A table's rows become paragraphs, cells
 * separated by a tab. Notes, annotations and tracked deletions are left
 * out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cm-loader-office-private.h"

#define N_LEVELS 10

typedef struct
{
  CmOfficeNumFormat format;
  char             *prefix;
  char             *suffix;
  guint             display_levels;
  guint             start;
} OdtLevel;

typedef struct
{
  OdtLevel levels[N_LEVELS];
} ListStyle;

typedef struct
{
  CmOfficeWriter writer;
  GHashTable    *list_styles;   /* name → ListStyle */
  ListStyle     *style;         /* of the outermost open list, or NULL */
  guint          depth;         /* open lists */
  guint          counters[N_LEVELS];
  gboolean       started[N_LEVELS];
} Odt;

static void
list_style_free (gpointer data)
{
  ListStyle *style = data;

  for (guint i = 0; i < N_LEVELS; i++)
    {
      g_free (style->levels[i].prefix);
      g_free (style->levels[i].suffix);
    }
  g_free (style);
}

static CmOfficeNumFormat
odt_num_format (const char *format)
{
  if (format == NULL || *format == '\0')
    return CM_OFFICE_NUM_NONE;
  switch (format[0])
    {
    case 'a': return CM_OFFICE_NUM_LOWER_LETTER;
    case 'A': return CM_OFFICE_NUM_UPPER_LETTER;
    case 'i': return CM_OFFICE_NUM_LOWER_ROMAN;
    case 'I': return CM_OFFICE_NUM_UPPER_ROMAN;
    case '1': return CM_OFFICE_NUM_DECIMAL;
    default:
      if (g_str_has_prefix (format, "一"))
        return CM_OFFICE_NUM_CHINESE;
      if (g_str_has_prefix (format, "①"))
        return CM_OFFICE_NUM_CIRCLED;
      return CM_OFFICE_NUM_DECIMAL;
    }
}

/* Every text:list-style under @root (automatic and common styles). */
static void
read_list_styles (Odt    *odt,
                  xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (cm_office_is (node, "list-style"))
        {
          ListStyle *style = g_new0 (ListStyle, 1);
          char *name = cm_office_attribute (node, "name");

          for (xmlNode *level = node->children; level != NULL; level = level->next)
            {
              g_autofree char *number = cm_office_attribute (level, "level");
              guint l = number != NULL ? (guint) strtoul (number, NULL, 10) : 0;
              OdtLevel *def;

              if (l < 1 || l > N_LEVELS)
                continue;
              def = &style->levels[l - 1];
              if (cm_office_is (level, "list-level-style-number"))
                {
                  g_autofree char *format = cm_office_attribute (level, "num-format");
                  g_autofree char *display = cm_office_attribute (level, "display-levels");
                  g_autofree char *start = cm_office_attribute (level, "start-value");

                  def->format = odt_num_format (format);
                  def->prefix = cm_office_attribute (level, "num-prefix");
                  def->suffix = cm_office_attribute (level, "num-suffix");
                  def->display_levels = display != NULL ? (guint) strtoul (display, NULL, 10) : 1;
                  def->start = start != NULL ? (guint) strtoul (start, NULL, 10) : 1;
                }
              else
                def->format = CM_OFFICE_NUM_BULLET;
            }
          if (name != NULL)
            g_hash_table_replace (odt->list_styles, name, style);
          else
            list_style_free (style);
        }
      node = cm_office_next_node (node, root, !cm_office_is (node, "list-style"));
    }
}

/* The rendered number of the next item at @level (0-based). */
static char *
next_number (Odt     *odt,
             guint    level,
             xmlNode *item)
{
  g_autofree char *start = cm_office_attribute (item, "start-value");
  const OdtLevel *def;
  GString *out;
  guint first;

  if (level >= N_LEVELS)
    return NULL;
  def = odt->style != NULL ? &odt->style->levels[level] : NULL;
  if (start != NULL)
    {
      odt->counters[level] = (guint) strtoul (start, NULL, 10);
      odt->started[level] = TRUE;
    }
  else if (!odt->started[level])
    {
      odt->counters[level] = def != NULL && def->start > 0 ? def->start : 1;
      odt->started[level] = TRUE;
    }
  else
    odt->counters[level]++;
  for (guint deeper = level + 1; deeper < N_LEVELS; deeper++)
    odt->started[deeper] = FALSE;

  if (def == NULL || def->format == CM_OFFICE_NUM_BULLET || def->format == CM_OFFICE_NUM_NONE)
    return NULL;
  out = g_string_new (def->prefix);
  first = level + 1 > MAX (def->display_levels, 1) ? level + 1 - MAX (def->display_levels, 1) : 0;
  for (guint l = first; l <= level; l++)
    {
      const OdtLevel *shown = &odt->style->levels[l];

      if (l > first)
        g_string_append_c (out, '.');
      cm_office_append_number (out, l == level ? def->format : shown->format,
                               odt->started[l] ? odt->counters[l] : MAX (shown->start, 1));
    }
  if (def->suffix != NULL)
    g_string_append (out, def->suffix);
  return g_string_free (out, FALSE);
}

/* The text of a paragraph or heading into the writer. */
static void
read_inline (gpointer  user_data,
             xmlNode  *paragraph)
{
  Odt *odt = user_data;
  xmlNode *node = paragraph->children;

  while (node != NULL)
    {
      gboolean skip = FALSE;

      cm_office_writer_visit (&odt->writer, node);
      if (node->type == XML_TEXT_NODE)
        cm_office_writer_append (&odt->writer, (const char *) node->content);
      else if (cm_office_is (node, "a"))
        {
          g_autofree char *url = cm_office_attribute (node, "href");

          /* "#Heading" points within the document: not an anchor. */
          if (url != NULL && url[0] != '#')
            cm_office_writer_open_link (&odt->writer, node, url);
        }
      else if (cm_office_is (node, "s") || cm_office_is (node, "tab")
               || cm_office_is (node, "line-break"))
        cm_office_writer_append (&odt->writer, " ");
      else if (cm_office_is (node, "note") || cm_office_is (node, "annotation")
               || cm_office_is (node, "tracked-changes"))
        skip = TRUE;
      node = cm_office_next_node (node, paragraph, !skip);
    }
}

static void
enter_list (Odt     *odt,
            xmlNode *list)
{
  g_autofree char *style_name = cm_office_attribute (list, "style-name");
  g_autofree char *continues = cm_office_attribute (list, "continue-numbering");
  g_autofree char *continue_list = cm_office_attribute (list, "continue-list");

  if (odt->depth++ > 0)
    return;
  /* A new list starts its numbers again unless it continues one. */
  odt->style = style_name != NULL ? g_hash_table_lookup (odt->list_styles, style_name) : NULL;
  if (g_strcmp0 (continues, "true") != 0 && continue_list == NULL)
    memset (odt->started, 0, sizeof odt->started);
}

/* Reads a paragraph; inside a list item, the item's first paragraph gets
 * the item's number and hint. */
static void
read_paragraph (Odt      *odt,
                xmlNode  *node,
                gboolean *item_open,
                xmlNode  *item)
{
  read_inline (odt, node);
  if (cm_office_is (node, "h"))
    {
      g_autofree char *level = cm_office_attribute (node, "outline-level");
      guint l = level != NULL ? (guint) strtoul (level, NULL, 10) : 1;

      cm_office_writer_end_paragraph (&odt->writer, CM_BLOCK_HEADING, CLAMP (l, 1, 6), NULL);
    }
  else if (*item_open)
    {
      g_autofree char *marker = NULL;

      if (odt->writer.paragraph->len == 0)
        return;
      marker = next_number (odt, odt->depth - 1, item);
      cm_office_writer_end_paragraph (&odt->writer, CM_BLOCK_LIST_ITEM, odt->depth, marker);
      *item_open = FALSE;
    }
  else
    cm_office_writer_end_paragraph (&odt->writer, CM_BLOCK_PARAGRAPH, 0, NULL);
}

static void
read_text (Odt     *odt,
           xmlNode *text)
{
  xmlNode *node = text->children;
  xmlNode *item = NULL;
  gboolean item_open = FALSE;

  while (node != NULL && node != text)
    {
      gboolean descend = FALSE;

      if (cm_office_is (node, "p") || cm_office_is (node, "h"))
        read_paragraph (odt, node, &item_open, item);
      else if (cm_office_is (node, "table-row"))
        cm_office_read_row (&odt->writer, node, "table-cell", read_inline, odt);
      else if (cm_office_is (node, "list"))
        {
          enter_list (odt, node);
          descend = TRUE;
        }
      else if (cm_office_is (node, "list-item") || cm_office_is (node, "list-header"))
        {
          item = node;
          item_open = cm_office_is (node, "list-item");
          descend = TRUE;
        }
      else if (node->type == XML_ELEMENT_NODE && !cm_office_is (node, "tracked-changes"))
        descend = TRUE;  /* sections, tables, table rows' groups */

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (descend && cm_office_is (node, "list"))
        odt->depth--;
      while (node != text && node->next == NULL)
        {
          node = node->parent;
          if (cm_office_is (node, "list"))
            odt->depth--;
          if (cm_office_is (node, "list-item"))
            item_open = FALSE;
        }
      if (node != text)
        node = node->next;
    }
}

gboolean
cm_loader_parse_odt (CmLoadedText  *loaded,
                     const char    *data,
                     gsize          size,
                     GError       **error)
{
  static const char *const members[] = { "content.xml", "styles.xml", NULL };
  g_autoptr(GHashTable) zip = cm_zip_read_members (data, size, loaded->path, members, error);
  xmlDoc *content, *styles;
  xmlNode *body, *text;
  Odt odt = { 0, };

  if (zip == NULL)
    return FALSE;
  content = cm_office_read_xml (loaded, zip, "content.xml", TRUE, error);
  if (content == NULL)
    return FALSE;
  odt.list_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, list_style_free);
  styles = cm_office_read_xml (loaded, zip, "styles.xml", FALSE, NULL);
  if (styles != NULL)
    {
      read_list_styles (&odt, xmlDocGetRootElement (styles));
      xmlFreeDoc (styles);
    }
  read_list_styles (&odt, cm_office_child (xmlDocGetRootElement (content), "automatic-styles"));

  body = cm_office_child (xmlDocGetRootElement (content), "body");
  text = cm_office_child (body, "text");
  cm_office_writer_init (&odt.writer, loaded);
  if (text != NULL)
    read_text (&odt, text);
  cm_office_writer_finish (&odt.writer);

  xmlFreeDoc (content);
  g_hash_table_unref (odt.list_styles);
  return TRUE;
}
