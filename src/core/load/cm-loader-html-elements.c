/* cm-loader-html-elements.c — what an HTML element is to the walker
 *
 * Its role by name (block, paragraph, heading, list, cell, dropped...),
 * whether it is hidden, whether its id, class or role name page furniture,
 * and whether a table cell holds blocks of its own (a layout table).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>

#include "cm-loader-html-private.h"

static const struct { const char *name; Role role; } roles[] = {
  { "script", ROLE_DROP }, { "style", ROLE_DROP }, { "noscript", ROLE_DROP },
  { "template", ROLE_DROP }, { "iframe", ROLE_DROP }, { "svg", ROLE_DROP },
  { "canvas", ROLE_DROP }, { "object", ROLE_DROP }, { "embed", ROLE_DROP },
  { "select", ROLE_DROP }, { "button", ROLE_DROP }, { "textarea", ROLE_DROP },
  { "math", ROLE_DROP }, { "option", ROLE_DROP }, { "datalist", ROLE_DROP },
  { "head", ROLE_HEAD },
  { "p", ROLE_PARAGRAPH },
  { "h1", ROLE_HEADING }, { "h2", ROLE_HEADING }, { "h3", ROLE_HEADING },
  { "h4", ROLE_HEADING }, { "h5", ROLE_HEADING }, { "h6", ROLE_HEADING },
  { "ul", ROLE_LIST }, { "ol", ROLE_LIST }, { "menu", ROLE_LIST },
  { "dir", ROLE_LIST },
  { "li", ROLE_LIST_ITEM },
  { "br", ROLE_BREAK },
  { "tr", ROLE_ROW },
  { "td", ROLE_CELL }, { "th", ROLE_CELL },
  { "pre", ROLE_PRE }, { "listing", ROLE_PRE }, { "xmp", ROLE_PRE },
  { "a", ROLE_LINK },
  { "b", ROLE_BOLD }, { "strong", ROLE_BOLD },
  { "address", ROLE_BLOCK }, { "article", ROLE_BLOCK }, { "aside", ROLE_BLOCK },
  { "blockquote", ROLE_BLOCK }, { "body", ROLE_BLOCK }, { "caption", ROLE_BLOCK },
  { "center", ROLE_BLOCK }, { "dd", ROLE_BLOCK }, { "details", ROLE_BLOCK },
  { "dialog", ROLE_BLOCK }, { "div", ROLE_BLOCK }, { "dl", ROLE_BLOCK },
  { "dt", ROLE_BLOCK }, { "fieldset", ROLE_BLOCK }, { "figcaption", ROLE_BLOCK },
  { "figure", ROLE_BLOCK }, { "footer", ROLE_BLOCK }, { "form", ROLE_BLOCK },
  { "header", ROLE_BLOCK }, { "hgroup", ROLE_BLOCK }, { "hr", ROLE_BLOCK },
  { "html", ROLE_BLOCK }, { "legend", ROLE_BLOCK }, { "main", ROLE_BLOCK },
  { "nav", ROLE_BLOCK }, { "section", ROLE_BLOCK }, { "summary", ROLE_BLOCK },
  { "table", ROLE_BLOCK }, { "tbody", ROLE_BLOCK }, { "thead", ROLE_BLOCK },
  { "tfoot", ROLE_BLOCK },
};

Role
cm_html_element_role (const xmlChar *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    if (strcmp ((const char *) name, roles[i].name) == 0)
      return roles[i].role;
  return ROLE_INLINE;
}

gboolean
cm_html_is_hidden (xmlNode *node)
{
  g_autofree xmlChar *style = NULL;
  g_autoptr(GString) squeezed = NULL;

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  style = xmlGetProp (node, (const xmlChar *) "style");
  if (style == NULL)
    return FALSE;
  /* "display: none" with any spacing or case. */
  squeezed = g_string_new (NULL);
  for (const xmlChar *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, g_ascii_tolower (*p));
  return strstr (squeezed->str, "display:none") != NULL
         || strstr (squeezed->str, "visibility:hidden") != NULL;
}

/* Words in an id, class or role that name page furniture. */
static const char *const junk_words[] = {
  "ad", "ads", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs",
  "comment", "comments", "cookie", "cookies", "footer", "header", "masthead",
  "menu", "menubar", "nav", "navbar", "navigation", "newsletter", "popup",
  "promo", "related", "share", "sharing", "sidebar", "skip", "social",
  "sponsor", "subscribe", "teaser", "teasers", "toolbar", "widget",
  "complementary", "contentinfo", "search",
};

gboolean
cm_html_attribute_names_furniture (xmlNode    *node,
                      const char *attribute)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) attribute);
  g_auto(GStrv) words = NULL;

  if (value == NULL)
    return FALSE;
  /* "site-header", "nav_main", "sidebar left": word by word. */
  words = g_strsplit_set ((const char *) value, " -_\t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    for (gsize j = 0; j < G_N_ELEMENTS (junk_words); j++)
      if (g_ascii_strcasecmp (words[i], junk_words[j]) == 0)
        return TRUE;
  return FALSE;
}

/* A cell that holds paragraphs, lists, headings, tables or "<br><br>": a
 * layout table's cell, read as blocks. A data table's cell of plain text is
 * one piece of its row's line. */
gboolean
cm_html_cell_holds_blocks (xmlNode *cell)
{
  static const char *const block_names[] = {
    "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "blockquote", "section", "article", "dl", "pre",
  };
  xmlNode *node = cell->children;
  guint breaks = 0, visited = 0;

  while (node != NULL && node != cell)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          if (++visited > 4096)
            return TRUE;  /* a cell this big is no data cell */
          for (gsize i = 0; i < G_N_ELEMENTS (block_names); i++)
            if (strcmp ((const char *) node->name, block_names[i]) == 0)
              return TRUE;
          if (strcmp ((const char *) node->name, "br") == 0 && ++breaks >= 2)
            return TRUE;
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
        }
      while (node != cell && node->next == NULL)
        node = node->parent;
      if (node != cell)
        node = node->next;
    }
  return FALSE;
}
