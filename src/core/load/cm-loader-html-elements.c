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

#include <stdlib.h>
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
  static gsize table = 0;
  gpointer role;

  /* Every element of every page comes through here: a hash, built once
   * (roles are stored + 1, so that ROLE_INLINE is not NULL). */
  if (g_once_init_enter (&table))
    {
      GHashTable *by_name = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
        g_hash_table_insert (by_name, (gpointer) roles[i].name, GINT_TO_POINTER (roles[i].role + 1));
      g_once_init_leave (&table, (gsize) by_name);
    }
  role = g_hash_table_lookup ((GHashTable *) table, name);
  return role != NULL ? (Role) (GPOINTER_TO_INT (role) - 1) : ROLE_INLINE;
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

/* Words in an id, class or role that name page furniture, sorted
 * (bsearch). */
static const char *const junk_words[] = {
  "ad", "ads", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs",
  "comment", "comments", "complementary", "contentinfo", "cookie", "cookies", "footer",
  "header", "masthead", "menu", "menubar", "nav", "navbar", "navigation", "newsletter",
  "popup", "promo", "related", "search", "share", "sharing", "sidebar", "skip", "social",
  "sponsor", "subscribe", "teaser", "teasers", "toolbar", "widget",
};

static int
compare_words (const void *a,
               const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
is_word_separator (xmlChar c)
{
  return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n';
}

gboolean
cm_html_attribute_names_furniture (xmlNode    *node,
                                   const char *attribute)
{
  xmlAttr *attr = xmlHasProp (node, (const xmlChar *) attribute);
  const xmlChar *value;

  /* The value in place (no copy, no split: this runs on every container
   * of every page): "site-header", "nav_main", "sidebar left" word by
   * word, lower-cased into a small buffer. */
  if (attr == NULL || attr->children == NULL || attr->children->type != XML_TEXT_NODE
      || attr->children->next != NULL)
    return FALSE;
  value = attr->children->content;
  for (const xmlChar *p = value; p != NULL && *p != '\0';)
    {
      char word[24];
      const char *key = word;
      gsize len = 0;

      while (*p != '\0' && is_word_separator (*p))
        p++;
      while (*p != '\0' && !is_word_separator (*p))
        {
          if (len + 1 < sizeof word)
            word[len] = g_ascii_tolower (*p);
          len++;
          p++;
        }
      if (len == 0 || len + 1 >= sizeof word)
        continue;
      word[len] = '\0';
      if (bsearch (&key, junk_words, G_N_ELEMENTS (junk_words), sizeof (char *), compare_words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A cell that holds paragraphs, lists, headings, tables or "<br><br>": a
 * layout table's cell, read as blocks. A data table's cell of plain text is
 * one piece of its row's line. */
gboolean
cm_html_cell_holds_blocks (xmlNode *cell)
{
  xmlNode *node = cell->children;
  guint breaks = 0, visited = 0;

  while (node != NULL && node != cell)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          Role role = cm_html_element_role (node->name);

          if (++visited > 4096)
            return TRUE;  /* a cell this big is no data cell */
          if (role == ROLE_PARAGRAPH || role == ROLE_HEADING || role == ROLE_LIST
              || role == ROLE_LIST_ITEM || role == ROLE_PRE
              || (role == ROLE_BLOCK && strcmp ((const char *) node->name, "hr") != 0))
            return TRUE;
          if (role == ROLE_BREAK && ++breaks >= 2)
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
