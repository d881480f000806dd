/* cm-loader-html.c — HTML pages to text plus structure hints (libxml2)
 *
 * The page is parsed from already-decoded UTF-8 with network access off and
 * errors tolerated, then walked once: page furniture (scripts, styles,
 * navigation, forms, site header and footer) is dropped, block elements end
 * lines, <br> breaks a line, table rows become lines with cells separated by
 * a tab, and headings, list items and paragraphs leave hints.
 *
 * Hints never overlap: when a hinted element (say a list item) contains
 * another (a nested list's item), the outer hint ends where the inner one
 * starts and resumes after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "cm-error.h"
#include "cm-loader-private.h"

typedef enum
{
  ROLE_INLINE,
  ROLE_DROP,          /* never text: script, style, nav, form... */
  ROLE_FURNITURE,     /* header, footer: dropped outside <article>/<main> */
  ROLE_HEAD,          /* only its <title> is read */
  ROLE_CONTAINER,     /* article, main: header/footer inside them are content */
  ROLE_BLOCK,
  ROLE_PARAGRAPH,
  ROLE_HEADING,
  ROLE_LIST,
  ROLE_LIST_ITEM,
  ROLE_BREAK,
  ROLE_ROW,
  ROLE_CELL,
  ROLE_PRE,
} Role;

static const struct { const char *name; Role role; } roles[] = {
  { "script", ROLE_DROP }, { "style", ROLE_DROP }, { "nav", ROLE_DROP },
  { "form", ROLE_DROP }, { "noscript", ROLE_DROP }, { "template", ROLE_DROP },
  { "iframe", ROLE_DROP }, { "svg", ROLE_DROP }, { "canvas", ROLE_DROP },
  { "object", ROLE_DROP }, { "embed", ROLE_DROP }, { "select", ROLE_DROP },
  { "button", ROLE_DROP }, { "textarea", ROLE_DROP }, { "math", ROLE_DROP },
  { "header", ROLE_FURNITURE }, { "footer", ROLE_FURNITURE },
  { "head", ROLE_HEAD },
  { "article", ROLE_CONTAINER }, { "main", ROLE_CONTAINER },
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
  { "address", ROLE_BLOCK }, { "aside", ROLE_BLOCK },
  { "blockquote", ROLE_BLOCK }, { "body", ROLE_BLOCK }, { "caption", ROLE_BLOCK },
  { "center", ROLE_BLOCK }, { "dd", ROLE_BLOCK }, { "details", ROLE_BLOCK },
  { "dialog", ROLE_BLOCK }, { "div", ROLE_BLOCK }, { "dl", ROLE_BLOCK },
  { "dt", ROLE_BLOCK }, { "fieldset", ROLE_BLOCK }, { "figcaption", ROLE_BLOCK },
  { "figure", ROLE_BLOCK }, { "hgroup", ROLE_BLOCK }, { "hr", ROLE_BLOCK },
  { "html", ROLE_BLOCK }, { "legend", ROLE_BLOCK }, { "section", ROLE_BLOCK },
  { "summary", ROLE_BLOCK }, { "table", ROLE_BLOCK }, { "tbody", ROLE_BLOCK },
  { "thead", ROLE_BLOCK }, { "tfoot", ROLE_BLOCK },
};

static Role
element_role (const xmlChar *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    if (strcmp ((const char *) name, roles[i].name) == 0)
      return roles[i].role;
  return ROLE_INLINE;
}

/* An open hinted element; start is G_MAXSIZE while a nested hinted element
 * has the floor. */
typedef struct
{
  gsize       start;
  CmBlockKind kind;
  guint       level;
} OpenHint;

typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  GArray       *open_hints;      /* of OpenHint */
  gboolean      last_was_space;  /* TRUE at a line start: leading space dropped */
  guint         list_depth;
  guint         cell_depth;
  guint         pre_depth;
  guint         container_depth;
  gboolean      row_has_cell;
  guint         depth;
  char         *first_h1;
} Walker;

/* Deeper than any real page nests. */
#define MAX_DEPTH 256

static gboolean
is_blank_byte (char c)
{
  return c == ' ' || c == '\t';
}

/* The output length without trailing blanks and newlines. */
static gsize
content_end (Walker *w)
{
  gsize end = w->out->len;

  while (end > 0 && (is_blank_byte (w->out->str[end - 1])
                     || w->out->str[end - 1] == '\n'))
    end--;
  return end;
}

static void
trim_trailing_blanks (Walker *w)
{
  gsize end = w->out->len;

  while (end > 0 && is_blank_byte (w->out->str[end - 1]))
    end--;
  g_string_truncate (w->out, end);
}

static void
append_space (Walker *w)
{
  if (!w->last_was_space)
    g_string_append_c (w->out, ' ');
  w->last_was_space = TRUE;
}

/* A <br>: always a new line, but never more than one blank line. */
static void
line_break (Walker *w)
{
  gsize len;

  if (w->cell_depth > 0)
    {
      append_space (w);
      return;
    }
  trim_trailing_blanks (w);
  len = w->out->len;
  if (len > 0 && !(len >= 2 && w->out->str[len - 1] == '\n'
                   && w->out->str[len - 2] == '\n'))
    g_string_append_c (w->out, '\n');
  w->last_was_space = TRUE;

  /* "<br><br>" is how many pages separate paragraphs: the hinted element
   * around it becomes two blocks, as two <p> would be. */
  len = w->out->len;
  if (len >= 2 && w->out->str[len - 1] == '\n' && w->out->str[len - 2] == '\n'
      && w->open_hints->len > 0)
    {
      OpenHint *open = &g_array_index (w->open_hints, OpenHint,
                                       w->open_hints->len - 1);

      if (open->start != G_MAXSIZE)
        cm_loader_add_hint (w->loaded, open->start, content_end (w),
                            open->kind, open->level);
      open->start = len;
    }
}

/* A block boundary: make sure the next text starts a line. */
static void
block_break (Walker *w)
{
  if (w->cell_depth > 0)
    {
      append_space (w);
      return;
    }
  trim_trailing_blanks (w);
  if (w->out->len > 0 && w->out->str[w->out->len - 1] != '\n')
    g_string_append_c (w->out, '\n');
  w->last_was_space = TRUE;
}

static void
append_text (Walker     *w,
             const char *text)
{
  gsize size = strlen (text);

  if (w->pre_depth == 0 || w->cell_depth > 0)
    {
      cm_loader_append_collapsed (w->out, text, size, &w->last_was_space);
      return;
    }
  /* Preformatted: keep its lines, tidy the spaces within them. */
  for (const char *line = text; line != NULL && line < text + size;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);

      cm_loader_append_collapsed (w->out, line, len, &w->last_was_space);
      if (nl == NULL)
        break;
      line_break (w);
      line = nl + 1;
    }
}

static void
open_hint (Walker      *w,
           CmBlockKind  kind,
           guint        level)
{
  OpenHint hint = { 0, kind, level };

  /* The enclosing hinted element ends here (for now). */
  if (w->open_hints->len > 0)
    {
      OpenHint *outer = &g_array_index (w->open_hints, OpenHint,
                                        w->open_hints->len - 1);
      if (outer->start != G_MAXSIZE)
        cm_loader_add_hint (w->loaded, outer->start, content_end (w),
                            outer->kind, outer->level);
      outer->start = G_MAXSIZE;
    }
  hint.start = w->out->len;
  g_array_append_val (w->open_hints, hint);
}

static void
close_hint (Walker *w)
{
  OpenHint hint = g_array_index (w->open_hints, OpenHint,
                                 w->open_hints->len - 1);

  g_array_set_size (w->open_hints, w->open_hints->len - 1);
  if (hint.start != G_MAXSIZE)
    cm_loader_add_hint (w->loaded, hint.start, content_end (w),
                        hint.kind, hint.level);
  block_break (w);
  if (w->open_hints->len > 0)
    {
      OpenHint *outer = &g_array_index (w->open_hints, OpenHint,
                                        w->open_hints->len - 1);
      outer->start = w->out->len;
    }
}

static gboolean
is_hidden (xmlNode *node)
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

static char *
collapsed_content (xmlNode *node)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);
  GString *text = g_string_new (NULL);
  gboolean last_was_space = TRUE;

  if (content != NULL)
    cm_loader_append_collapsed (text, (const char *) content,
                                strlen ((const char *) content),
                                &last_was_space);
  return g_strstrip (g_string_free (text, FALSE));
}

static void
read_head (Walker  *w,
           xmlNode *head)
{
  for (xmlNode *child = head->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE
        && strcmp ((const char *) child->name, "title") == 0
        && w->loaded->title == NULL)
      {
        char *title = collapsed_content (child);

        if (*title != '\0')
          w->loaded->title = title;
        else
          g_free (title);
      }
}

static void walk_children (Walker *w, xmlNode *node);

static void
walk_element (Walker  *w,
              xmlNode *node)
{
  Role role = element_role (node->name);
  gsize before;

  if (role == ROLE_DROP || is_hidden (node))
    return;
  if (role == ROLE_FURNITURE && w->container_depth == 0)
    return;

  switch (role)
    {
    case ROLE_HEAD:
      read_head (w, node);
      break;

    case ROLE_BREAK:
      line_break (w);
      break;

    case ROLE_HEADING:
    case ROLE_LIST_ITEM:
    case ROLE_PARAGRAPH:
      block_break (w);
      /* No hints inside table cells; and a <p> inside a list item or a
       * heading is part of it, not a block of its own. */
      if (w->cell_depth > 0
          || (role == ROLE_PARAGRAPH && w->open_hints->len > 0))
        {
          walk_children (w, node);
          block_break (w);
          break;
        }
      if (role == ROLE_HEADING)
        open_hint (w, CM_BLOCK_HEADING, node->name[1] - '0');
      else if (role == ROLE_LIST_ITEM)
        open_hint (w, CM_BLOCK_LIST_ITEM, MAX (w->list_depth, 1));
      else
        open_hint (w, CM_BLOCK_PARAGRAPH, 0);
      before = w->out->len;
      walk_children (w, node);
      if (role == ROLE_HEADING && node->name[1] == '1' && w->first_h1 == NULL
          && w->out->len > before)
        w->first_h1 = g_strstrip (g_strndup (w->out->str + before,
                                             w->out->len - before));
      close_hint (w);
      break;

    case ROLE_LIST:
      block_break (w);
      w->list_depth++;
      walk_children (w, node);
      w->list_depth--;
      block_break (w);
      break;

    case ROLE_ROW:
      block_break (w);
      w->row_has_cell = FALSE;
      walk_children (w, node);
      block_break (w);
      break;

    case ROLE_CELL:
      if (w->row_has_cell && w->cell_depth == 0)
        {
          trim_trailing_blanks (w);
          g_string_append_c (w->out, '\t');
          w->last_was_space = TRUE;
        }
      before = w->out->len;
      w->cell_depth++;
      walk_children (w, node);
      w->cell_depth--;
      if (w->out->len > before)
        w->row_has_cell = TRUE;
      else if (w->out->len > 0 && w->out->str[w->out->len - 1] == '\t')
        g_string_truncate (w->out, w->out->len - 1);  /* an empty cell */
      break;

    case ROLE_PRE:
      block_break (w);
      w->pre_depth++;
      walk_children (w, node);
      w->pre_depth--;
      block_break (w);
      break;

    case ROLE_CONTAINER:
    case ROLE_FURNITURE:
    case ROLE_BLOCK:
      block_break (w);
      if (role != ROLE_BLOCK)
        w->container_depth++;
      walk_children (w, node);
      if (role != ROLE_BLOCK)
        w->container_depth--;
      block_break (w);
      break;

    case ROLE_DROP:
      break;

    case ROLE_INLINE:
    default:
      walk_children (w, node);
      break;
    }
}

static void
walk_children (Walker  *w,
               xmlNode *node)
{
  /* The walk recurses: past a sane depth (a hostile or broken page), the
   * rest of the subtree is read as plain text, which libxml2 gathers
   * without recursing. */
  if (w->depth >= MAX_DEPTH)
    {
      g_autofree xmlChar *content = xmlNodeGetContent (node);

      if (content != NULL)
        append_text (w, (const char *) content);
      return;
    }

  w->depth++;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_ELEMENT_NODE:
          walk_element (w, child);
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content != NULL)
            append_text (w, (const char *) child->content);
          break;
        case XML_ENTITY_REF_NODE:
          /* An entity libxml2 does not know: keep it as written. */
          g_string_append_printf (w->out, "&%s;", (const char *) child->name);
          w->last_was_space = FALSE;
          break;
        default:
          break;
        }
    }
  w->depth--;
}

gboolean
cm_loader_parse_html (CmLoadedText  *loaded,
                      const char    *text,
                      gsize          size,
                      GError       **error)
{
  /* The text is UTF-8 already: tell libxml2 so, and that a <meta charset>
   * must not make it decode the page a second time. Without XML_PARSE_HUGE
   * (the HTML parser has no name for it), libxml2 stops at 256 nested
   * elements and silently drops the rest of the page. */
  const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR
                      | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER
                      | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  htmlDocPtr doc;
  xmlNode *root;
  Walker w = { 0, };
  gsize end;

  static gsize libxml_ready = 0;

  /* libxml2 initialises itself lazily, which is not safe when two threads
   * (the window's background loads) parse their first page at once. */
  if (g_once_init_enter (&libxml_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&libxml_ready, 1);
    }

  if (size > G_MAXINT)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_TOO_LARGE,
                   "%s: the page is too large to parse", loaded->path);
      return FALSE;
    }
  doc = htmlReadMemory (text, (int) size, NULL, "UTF-8", options);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s: not an HTML page libxml2 can read", loaded->path);
      return FALSE;
    }

  w.loaded = loaded;
  w.out = g_string_sized_new (size / 2 + 64);
  w.open_hints = g_array_new (FALSE, FALSE, sizeof (OpenHint));
  w.last_was_space = TRUE;
  walk_element (&w, root);
  xmlFreeDoc (doc);

  /* No blank lines at the end; one final newline like a text file. */
  end = content_end (&w);
  g_string_truncate (w.out, end);
  if (end > 0)
    g_string_append_c (w.out, '\n');

  if (loaded->title == NULL)
    loaded->title = g_steal_pointer (&w.first_h1);
  g_free (w.first_h1);
  g_array_unref (w.open_hints);
  loaded->size = w.out->len;
  loaded->text = g_string_free (w.out, FALSE);
  return TRUE;
}
