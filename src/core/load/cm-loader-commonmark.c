/* cm-loader-commonmark.c — Markdown files as they are really written
 * (cmark-gfm: CommonMark plus GitHub's tables)
 *
 * Policies kept in Git repositories are Markdown with links, inline HTML,
 * tables and site-generator extras. The file is parsed with cmark-gfm and
 * its tree walked into text with no markup left:
 * - headings and list items leave hints (ordered items keep their rendered
 *   number, "3." or "3)"); paragraphs are one line each;
 * - a link keeps its text in the clause and its URL as a link hint (the
 *   aligner's anchors); images and their alt text go;
 * - inline HTML tags go (a <br> breaks the line), HTML blocks go through
 *   the HTML loader;
 * - table rows become lines, cells separated by a tab;
 * - site-generator extras go before parsing: YAML front matter, kramdown
 *   attribute lists ("{: #id}", "{:toc}", "{#id .class}") and Liquid tags
 *   ("{% ... %}", "{{ ... }}").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "cm-loader-private.h"
#include "cm-numbering.h"

typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  guint         list_depth;
  gsize         hint_start;    /* of the open heading or list item */
  gboolean      in_item_text;  /* an item's first paragraph is the item's */
  gsize         link_start;
  guint         skip_depth;    /* inside an image: nothing is text */
} MdWalker;

/* Site-generator syntax that is never text: removed, with a note. */
static char *
strip_extras (CmLoadedText *loaded,
              const char   *text,
              gsize         size)
{
  static gsize regex = 0;
  g_autoptr(GError) error = NULL;
  const char *body = text;
  gsize body_size = size;
  char *stripped;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new ("\\{:[^}\\n]*\\}|\\{[#.][^}\\n]*\\}|\\{%[^%\\n]*%\\}|\\{\\{[^}\\n]*\\}\\}",
                                                    G_REGEX_OPTIMIZE, 0, NULL));

  /* YAML front matter: "---" on the first line, up to the next "---". */
  if (g_str_has_prefix (text, "---\n"))
    {
      const char *end = strstr (text + 4, "\n---");

      if (end != NULL && (end[4] == '\n' || end[4] == '\0'))
        {
          cm_loaded_text_note (loaded, TRUE, N_("front matter (page metadata)"),
                               g_utf8_strlen (text, end + 4 - text));
          body = end[4] == '\0' ? end + 4 : end + 5;
          body_size = size - (body - text);
        }
    }
  stripped = g_regex_replace_literal ((GRegex *) regex, body, body_size, 0, "", 0, &error);
  if (stripped == NULL)
    return g_strndup (body, body_size);
  if (strlen (stripped) < body_size)
    cm_loaded_text_note (loaded, TRUE, N_("attribute lists and template tags"),
                         g_utf8_strlen (body, body_size) - g_utf8_strlen (stripped, -1));
  return stripped;
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0xFF00 && c <= 0xFFEF);
}

static void
end_line (MdWalker *w)
{
  while (w->out->len > 0 && w->out->str[w->out->len - 1] == ' ')
    g_string_truncate (w->out, w->out->len - 1);
  if (w->out->len > 0 && w->out->str[w->out->len - 1] != '\n')
    g_string_append_c (w->out, '\n');
}

static void
append_text (MdWalker   *w,
             const char *text)
{
  gboolean last_was_space = w->out->len == 0 || w->out->str[w->out->len - 1] == '\n'
                            || w->out->str[w->out->len - 1] == ' ';
  g_autoptr(GString) unbolded = NULL;

  if (text == NULL || w->skip_depth > 0)
    return;
  /* CommonMark leaves "**" that its flanking rules reject (next to Chinese
   * punctuation: "**重要提示：**请"); no markup may reach a clause. */
  unbolded = g_string_new (NULL);
  cm_loader_append_unbolded (unbolded, text, strlen (text));
  cm_loader_append_collapsed (w->out, unbolded->str, unbolded->len, &last_was_space);
}

/* A soft line break: a space, except between two Chinese characters; and
 * a line break before a numbered line ("1、", "(2)"), which policies write
 * one per line even where Markdown would join them. */
static void
soft_break (MdWalker *w,
            cmark_node *node)
{
  CmNumbering numbering;
  cmark_node *next = cmark_node_next (node);
  const char *before = w->out->len > 0 ? g_utf8_find_prev_char (w->out->str, w->out->str + w->out->len) : NULL;
  const char *after = next != NULL && cmark_node_get_type (next) == CMARK_NODE_TEXT
                      ? cmark_node_get_literal (next) : NULL;

  if (after != NULL && cm_numbering_parse (after, strlen (after), &numbering))
    {
      end_line (w);
      return;
    }
  if (before != NULL && after != NULL && is_cjk (g_utf8_get_char (before))
      && is_cjk (g_utf8_get_char (after)))
    return;
  append_text (w, " ");
}

/* "1." / "1)" for the item's place in its ordered list. */
static void
append_item_number (MdWalker   *w,
                    cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  int number;

  if (list == NULL || cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    return;
  number = cmark_node_get_list_start (list);
  for (cmark_node *sibling = cmark_node_previous (item); sibling != NULL;
       sibling = cmark_node_previous (sibling))
    number++;
  g_string_append_printf (w->out, "%d%c ", number,
                          cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ')' : '.');
}

/* An HTML block through the HTML loader: its text and its structure. */
static void
append_html_block (MdWalker   *w,
                   const char *html)
{
  g_autoptr(CmLoadedText) fragment = g_new0 (CmLoadedText, 1);
  g_autoptr(GError) error = NULL;
  gsize offset;

  fragment->path = g_strdup (w->loaded->path);
  fragment->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  fragment->links = g_array_new (FALSE, FALSE, sizeof (CmLinkHint));
  fragment->notes = g_array_new (FALSE, FALSE, sizeof (CmLoadNote));
  if (html == NULL || !cm_loader_parse_html (fragment, html, strlen (html), &error)
      || fragment->size == 0)
    return;
  end_line (w);
  offset = w->out->len;
  g_string_append_len (w->out, fragment->text, fragment->size);
  /* A fragment has no page around it: its blocks are all content. */
  for (guint i = 0; i < fragment->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (fragment->blocks, CmBlockHint, i);

      if (hint->kind != CM_BLOCK_BOILERPLATE)
        cm_loader_add_hint (w->loaded, offset + hint->start, offset + hint->end,
                            hint->kind, hint->level);
    }
  end_line (w);
}

static gboolean
is_table_node (cmark_node *node,
               const char *name)
{
  return g_strcmp0 (cmark_node_get_type_string (node), name) == 0;
}

static void
enter_node (MdWalker   *w,
            cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      end_line (w);
      w->hint_start = w->out->len;
      break;
    case CMARK_NODE_LIST:
      end_line (w);
      w->list_depth++;
      break;
    case CMARK_NODE_ITEM:
      end_line (w);
      w->hint_start = w->out->len;
      w->in_item_text = TRUE;
      append_item_number (w, node);
      break;
    case CMARK_NODE_PARAGRAPH:
      if (!w->in_item_text)
        end_line (w);
      break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      append_text (w, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_CODE_BLOCK:
      end_line (w);
      append_text (w, cmark_node_get_literal (node));
      end_line (w);
      break;
    case CMARK_NODE_SOFTBREAK:
      soft_break (w, node);
      break;
    case CMARK_NODE_LINEBREAK:
      end_line (w);
      break;
    case CMARK_NODE_HTML_INLINE:
      {
        const char *tag = cmark_node_get_literal (node);

        if (tag != NULL && g_ascii_strncasecmp (tag, "<br", 3) == 0)
          end_line (w);
      }
      break;
    case CMARK_NODE_HTML_BLOCK:
      append_html_block (w, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_LINK:
      w->link_start = w->out->len;
      break;
    case CMARK_NODE_IMAGE:
      w->skip_depth++;
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      end_line (w);
      break;
    default:
      if (is_table_node (node, "table_row") || is_table_node (node, "table_header"))
        {
          end_line (w);
          w->hint_start = w->out->len;
        }
      else if (is_table_node (node, "table_cell") && cmark_node_previous (node) != NULL)
        g_string_append_c (w->out, '\t');
      break;
    }
}

static void
record_link (MdWalker   *w,
             cmark_node *node)
{
  const char *url = cmark_node_get_url (node);
  CmLinkHint link = { w->link_start, w->out->len, NULL };

  if (url == NULL || *url == '\0' || url[0] == '#' || link.end <= link.start)
    return;
  link.url = g_strdup (url);
  g_array_append_val (w->loaded->links, link);
}

static gsize
trimmed_end (MdWalker *w)
{
  gsize end = w->out->len;

  while (end > w->hint_start && (w->out->str[end - 1] == ' ' || w->out->str[end - 1] == '\n'))
    end--;
  return end;
}

static void
leave_node (MdWalker   *w,
            cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      cm_loader_add_hint (w->loaded, w->hint_start, trimmed_end (w), CM_BLOCK_HEADING,
                          cmark_node_get_heading_level (node));
      end_line (w);
      break;
    case CMARK_NODE_LIST:
      w->list_depth--;
      end_line (w);
      break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_ITEM:
      /* The item's own text ends with its first paragraph: a nested list
       * or a second paragraph is a block of its own. */
      if (w->in_item_text)
        cm_loader_add_hint (w->loaded, w->hint_start, trimmed_end (w), CM_BLOCK_LIST_ITEM,
                            MAX (w->list_depth, 1));
      w->in_item_text = FALSE;
      end_line (w);
      break;
    case CMARK_NODE_LINK:
      record_link (w, node);
      break;
    case CMARK_NODE_IMAGE:
      w->skip_depth--;
      cm_loaded_text_note (w->loaded, TRUE, N_("images"), 0);
      break;
    default:
      /* A table row is a paragraph: never a heading. */
      if (is_table_node (node, "table_row") || is_table_node (node, "table_header"))
        {
          cm_loader_add_hint (w->loaded, w->hint_start, trimmed_end (w), CM_BLOCK_PARAGRAPH, 0);
          end_line (w);
        }
      break;
    }
}

static cmark_parser *
new_parser (void)
{
  static gsize registered = 0;
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  cmark_syntax_extension *table;

  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }
  table = cmark_find_syntax_extension ("table");
  if (table != NULL)
    cmark_parser_attach_syntax_extension (parser, table);
  return parser;
}

void
cm_loader_parse_commonmark (CmLoadedText *loaded,
                            const char   *text,
                            gsize         size)
{
  g_autofree char *source = strip_extras (loaded, text, size);
  cmark_parser *parser = new_parser ();
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;
  MdWalker w = { loaded, g_string_sized_new (size + 1), 0, 0, FALSE, 0, 0 };

  cmark_parser_feed (parser, source, strlen (source));
  document = cmark_parser_finish (parser);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER)
        enter_node (&w, node);
      else if (event == CMARK_EVENT_EXIT)
        leave_node (&w, node);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);
  cmark_parser_free (parser);

  end_line (&w);
  loaded->size = w.out->len;
  loaded->text = g_string_free (w.out, FALSE);
}
