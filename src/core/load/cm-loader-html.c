/* cm-loader-html.c — HTML pages to text plus structure hints (libxml2)
 *
 * The page is parsed from already-decoded UTF-8 with network access off,
 * errors tolerated and no depth limit, then walked once without recursion
 * (pages nest thousands deep): scripts, styles, form controls and hidden
 * elements are dropped; everything else that is visible becomes text. Block
 * elements end lines, <br> breaks a line and "<br><br>" a block, table rows
 * become lines with cells separated by a tab unless a cell holds blocks of
 * its own (layout tables), and headings, list items and paragraphs leave
 * hints.
 *
 * The visible text is cut into blocks, and cm-loader-html-score.c tells the
 * page's main content from its furniture (menus, headers, teasers,
 * comments); the furniture stays in the text, hinted as boilerplate, so
 * nothing the page shows is lost and the analyst sees what was set aside.
 *
 * Hints never overlap: when a hinted element (say a list item) contains
 * another (a nested list's item), the outer hint ends where the inner one
 * starts and resumes after it.
 *
 * This file walks the elements; the text, blocks and hints they make are
 * written by cm-loader-html-text.c, the links measured by
 * cm-loader-html-links.c (shared: cm-loader-html-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "cm-error.h"
#include "cm-loader-html-private.h"

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

/* Records what a dropped element held. */
static void
note_dropped (Walker     *w,
              xmlNode    *node,
              const char *reason)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);
  gsize n = content != NULL ? cm_html_count_visible_chars ((const char *) content,
                                                           strlen ((const char *) content))
                            : 0;

  if (n > 0)
    cm_loaded_text_note (w->loaded, TRUE, reason, n);
}

static void
read_head (Walker  *w,
           xmlNode *head)
{
  for (xmlNode *child = head->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE
        && (strcmp ((const char *) child->name, "script") == 0
            || strcmp ((const char *) child->name, "style") == 0))
      note_dropped (w, child, N_("scripts and styles"));
    else if (child->type == XML_ELEMENT_NODE
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

static guint
container_flags (Walker  *w,
                 xmlNode *node)
{
  const char *name = (const char *) node->name;
  g_autofree xmlChar *role = xmlGetProp (node, (const xmlChar *) "role");

  if (strcmp (name, "main") == 0 || strcmp (name, "article") == 0
      || (role != NULL && g_ascii_strcasecmp ((const char *) role, "main") == 0))
    return FRAME_MAIN;
  /* An article's own header and footer (its title, its date) are its. */
  if ((strcmp (name, "header") == 0 || strcmp (name, "footer") == 0) && w->main_depth > 0)
    return 0;
  if (strcmp (name, "nav") == 0 || strcmp (name, "header") == 0
      || strcmp (name, "footer") == 0 || strcmp (name, "aside") == 0
      || cm_html_attribute_names_furniture (node, "role") || cm_html_attribute_names_furniture (node, "class")
      || cm_html_attribute_names_furniture (node, "id"))
    return FRAME_JUNK;
  return 0;
}

static gboolean
is_skippable_link (const xmlChar *href)
{
  return href == NULL || href[0] == '#'
         || g_ascii_strncasecmp ((const char *) href, "javascript:", 11) == 0;
}

static void
record_link (Walker  *w,
             Frame   *frame)
{
  g_autofree xmlChar *href = xmlGetProp (frame->node, (const xmlChar *) "href");
  gsize start = frame->link_start, end = cm_html_content_end (w);
  CmLinkHint link;

  while (start < end && (cm_html_is_blank_byte (w->out->str[start]) || w->out->str[start] == '\n'))
    start++;
  if (end <= start || is_skippable_link (href))
    return;
  link.start = start;
  link.end = end;
  link.url = g_strstrip (g_strdup ((const char *) href));
  g_array_append_val (w->loaded->links, link);
}

/* Starts an element; returns its frame's flags, or G_MAXUINT when its
 * children are not to be walked. */
static guint
enter_element (Walker  *w,
               xmlNode *node,
               Frame   *frame)
{
  Role role = cm_html_element_role (node->name);
  guint flags = 0;

  if (role == ROLE_DROP)
    {
      note_dropped (w, node, strcmp ((const char *) node->name, "script") == 0
                             || strcmp ((const char *) node->name, "style") == 0
                             ? N_("scripts and styles") : N_("form controls and embedded objects"));
      return G_MAXUINT;
    }
  if (cm_html_is_hidden (node))
    {
      note_dropped (w, node, N_("hidden elements"));
      return G_MAXUINT;
    }

  switch (role)
    {
    case ROLE_HEAD:
      read_head (w, node);
      return G_MAXUINT;

    case ROLE_BREAK:
      cm_html_line_break (w);
      return G_MAXUINT;

    case ROLE_HEADING:
    case ROLE_LIST_ITEM:
    case ROLE_PARAGRAPH:
      cm_html_block_break (w);
      /* No hints inside flattened cells; and a <p> inside a list item or a
       * heading is part of it, not a block of its own. */
      if (w->cell_depth > 0
          || (role == ROLE_PARAGRAPH && w->open_hints->len > 0))
        return FRAME_BLOCK;
      if (role == ROLE_HEADING)
        cm_html_open_hint (w, CM_BLOCK_HEADING, node->name[1] - '0');
      else if (role == ROLE_LIST_ITEM)
        cm_html_open_hint (w, CM_BLOCK_LIST_ITEM, MAX (w->list_depth, 1));
      else
        cm_html_open_hint (w, CM_BLOCK_PARAGRAPH, 0);
      return FRAME_HINT;

    case ROLE_LIST:
      cm_html_block_break (w);
      w->list_depth++;
      return FRAME_LIST | FRAME_BLOCK | FRAME_CONTAINER | container_flags (w, node);

    case ROLE_ROW:
      cm_html_block_break (w);
      w->row_has_cell = FALSE;
      return FRAME_BLOCK;

    case ROLE_CELL:
      if (w->cell_depth == 0 && cm_html_cell_holds_blocks (node))
        {
          cm_html_block_break (w);
          return FRAME_BLOCK | FRAME_CONTAINER | container_flags (w, node);
        }
      if (w->row_has_cell && w->cell_depth == 0)
        {
          cm_html_trim_trailing_blanks (w);
          g_string_append_c (w->out, '\t');
          w->last_was_space = TRUE;
        }
      frame->link_start = w->out->len;
      w->cell_depth++;
      return FRAME_FLAT_CELL;

    case ROLE_PRE:
      cm_html_block_break (w);
      w->pre_depth++;
      return FRAME_PRE | FRAME_BLOCK;

    case ROLE_BLOCK:
      cm_html_block_break (w);
      return FRAME_BLOCK | FRAME_CONTAINER | container_flags (w, node);

    case ROLE_LINK:
      frame->link_start = w->out->len;
      w->link_depth++;
      return FRAME_LINK;

    case ROLE_BOLD:
      w->bold_depth++;
      return FRAME_BOLD;

    case ROLE_DROP:
    case ROLE_INLINE:
    default:
      break;
    }
  return flags;
}

static void
leave_element (Walker *w,
               Frame  *frame)
{
  guint flags = frame->flags;

  cm_html_langs_leave (&w->langs, frame->node, w->out->len);
  if (flags & FRAME_HINT)
    {
      const OpenHint *hint = cm_html_top_hint (w);
      gsize before = hint->start;

      if (hint->kind == CM_BLOCK_HEADING && frame->node->name[1] == '1'
          && w->first_h1 == NULL && before != G_MAXSIZE && w->out->len > before)
        w->first_h1 = g_strstrip (g_strndup (w->out->str + before,
                                             w->out->len - before));
      cm_html_close_hint (w);
    }
  if (flags & FRAME_LIST)
    w->list_depth--;
  if (flags & FRAME_PRE)
    w->pre_depth--;
  if (flags & FRAME_LINK)
    {
      w->link_depth--;
      record_link (w, frame);
    }
  if (flags & FRAME_BOLD)
    w->bold_depth--;
  if (flags & FRAME_FLAT_CELL)
    {
      w->cell_depth--;
      if (w->out->len > frame->link_start)
        w->row_has_cell = TRUE;
      else if (w->out->len > 0 && w->out->str[w->out->len - 1] == '\t')
        g_string_truncate (w->out, w->out->len - 1);  /* an empty cell */
    }
  if (flags & FRAME_MAIN)
    w->main_depth--;
  if (flags & FRAME_BLOCK)
    cm_html_block_break (w);
  if ((flags & FRAME_CONTAINER) && w->blocks->len > frame->first_block)
    {
      HtmlContainer container = {
        frame->first_block, w->blocks->len, w->frames->len,
        (flags & FRAME_JUNK) != 0, (flags & FRAME_MAIN) != 0,
      };
      g_array_append_val (w->containers, container);
    }
}

static void
visit_leaf (Walker  *w,
            xmlNode *node)
{
  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content != NULL)
        cm_html_append_text (w, (const char *) node->content);
      break;
    case XML_ENTITY_REF_NODE:
      {
        /* An entity libxml2 does not know: keep it as written. */
        g_autofree char *entity = g_strdup_printf ("&%s;", (const char *) node->name);

        cm_html_append_collapsed (w, entity, strlen (entity));
      }
      break;
    default:
      break;
    }
}

/* The walk, without recursion: a stack of open elements. */
static void
walk (Walker  *w,
      xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      gboolean descended = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          Frame frame = { node, 0, w->blocks->len, 0 };
          guint flags = enter_element (w, node, &frame);

          if (flags != G_MAXUINT)
            {
              cm_html_langs_enter (&w->langs, node, w->out->len);
              frame.flags = flags;
              if (flags & FRAME_MAIN)
                w->main_depth++;
              g_array_append_val (w->frames, frame);
              if (node->children != NULL)
                {
                  node = node->children;
                  descended = TRUE;
                }
              else
                {
                  g_array_set_size (w->frames, w->frames->len - 1);
                  leave_element (w, &frame);
                }
            }
        }
      else
        visit_leaf (w, node);
      if (descended)
        continue;

      /* Up until an element has a next sibling, leaving each. */
      while (node != root && node->next == NULL)
        {
          Frame frame;

          node = node->parent;
          frame = g_array_index (w->frames, Frame, w->frames->len - 1);
          g_array_set_size (w->frames, w->frames->len - 1);
          leave_element (w, &frame);
        }
      node = node == root ? NULL : node->next;
    }
}

gboolean
cm_loader_parse_html (CmLoadedText  *loaded,
                      const char    *text,
                      gsize          size,
                      GError       **error)
{
  /* The text is UTF-8 already: tell libxml2 so, and that a <meta charset>
   * must not make it decode the page a second time. Without XML_PARSE_HUGE
   * (HTML_PARSE_HUGE in later libxml2), libxml2 stops at 256 nested
   * elements and silently drops the rest of the page. */
  const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR
                      | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER
                      | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD
                      | XML_PARSE_HUGE;
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
  w.blocks = g_array_new (FALSE, FALSE, sizeof (HtmlBlock));
  w.containers = g_array_new (FALSE, FALSE, sizeof (HtmlContainer));
  w.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  w.loose_start = G_MAXSIZE;
  w.last_was_space = TRUE;
  cm_html_langs_init (&w.langs);
  walk (&w, root);
  cm_html_end_loose_block (&w);
  xmlFreeDoc (doc);

  cm_html_count_away_links (&w);
  if (!cm_html_score_blocks (w.out->str, w.blocks, w.containers))
    cm_loaded_text_note (loaded, FALSE,
                         N_("no main content stood out: every visible block kept"), 0);
  cm_html_emit_hints (&w);

  /* No blank lines at the end; one final newline like a text file. */
  end = cm_html_content_end (&w);
  g_string_truncate (w.out, end);
  if (end > 0)
    g_string_append_c (w.out, '\n');
  cm_html_langs_finish (&w.langs, loaded, end);

  if (loaded->title == NULL)
    loaded->title = g_steal_pointer (&w.first_h1);
  g_free (w.first_h1);
  g_array_unref (w.open_hints);
  g_array_unref (w.blocks);
  g_array_unref (w.containers);
  g_array_unref (w.frames);
  loaded->size = w.out->len;
  loaded->text = g_string_free (w.out, FALSE);
  return TRUE;
}
