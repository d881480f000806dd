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
 * - table rows become lines, cells separated by a tab; task list items
 *   lose their box ("[x]"), struck-through text its tildes; footnote
 *   markers ("[^1]") go, footnotes are paragraphs at the end;
 * - Markdown left inside an HTML block (kramdown's <div markdown="1">, or
 *   a <details> with no blank line) is read as Markdown once the HTML
 *   loader has taken the tags away;
 * - site-generator extras (front matter, kramdown's, Liquid tags, MDC
 *   components, admonition markers) go before parsing
 *   (cm-loader-commonmark-extras.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "cm-loader-commonmark-private.h"
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
  guint         depth;         /* 1 when reading Markdown found inside HTML */
  char         *html_href;     /* of an open inline <a href="...">, or NULL */
  gsize         html_link_start;
} MdWalker;

static GString *render_markdown (CmLoadedText *loaded,
                                 const char   *source,
                                 gsize         size,
                                 guint         depth);

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

/* Markdown the HTML loader left as text: emphasis, links, code,
 * strikethrough. */
static gboolean
holds_markdown (const char *text,
                gsize       size)
{
  static const char *const marks[] = { "**", "__", "](", "~~", "`" };

  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_strstr_len (text, size, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* text[0, size) of an HTML block's text, read as Markdown when it holds
 * some (once: not inside Markdown already found in HTML), its links kept
 * as link hints. */
static void
append_html_text (MdWalker   *w,
                  const char *text,
                  gsize       size)
{
  g_autoptr(CmLoadedText) inner = NULL;
  g_autoptr(GString) rendered = NULL;
  gsize offset = w->out->len;

  if (w->depth > 0 || !holds_markdown (text, size))
    {
      g_string_append_len (w->out, text, size);
      return;
    }
  inner = g_new0 (CmLoadedText, 1);
  inner->path = g_strdup (w->loaded->path);
  inner->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  inner->links = g_array_new (FALSE, FALSE, sizeof (CmLinkHint));
  inner->notes = g_array_new (FALSE, FALSE, sizeof (CmLoadNote));
  rendered = render_markdown (inner, text, size, w->depth + 1);
  while (rendered->len > 0 && rendered->str[rendered->len - 1] == '\n')
    g_string_truncate (rendered, rendered->len - 1);
  g_string_append_len (w->out, rendered->str, rendered->len);
  for (guint i = 0; i < inner->links->len; i++)
    {
      CmLinkHint link = g_array_index (inner->links, CmLinkHint, i);

      link.start += offset;
      link.end += offset;
      link.url = g_strdup (link.url);
      g_array_append_val (w->loaded->links, link);
    }
}

/* An HTML block through the HTML loader: its text and its structure. */
static void
append_html_block (MdWalker   *w,
                   const char *html)
{
  g_autoptr(CmLoadedText) fragment = g_new0 (CmLoadedText, 1);
  g_autoptr(GError) error = NULL;
  gsize done = 0;

  fragment->path = g_strdup (w->loaded->path);
  fragment->blocks = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  fragment->links = g_array_new (FALSE, FALSE, sizeof (CmLinkHint));
  fragment->notes = g_array_new (FALSE, FALSE, sizeof (CmLoadNote));
  if (html == NULL || !cm_loader_parse_html (fragment, html, strlen (html), &error)
      || fragment->size == 0)
    return;
  end_line (w);
  /* A fragment has no page around it: its blocks are all content. */
  for (guint i = 0; i < fragment->blocks->len; i++)
    {
      const CmBlockHint *hint = &g_array_index (fragment->blocks, CmBlockHint, i);
      gsize start;

      append_html_text (w, fragment->text + done, hint->start - done);
      start = w->out->len;
      append_html_text (w, fragment->text + hint->start, hint->end - hint->start);
      done = hint->end;
      if (hint->kind != CM_BLOCK_BOILERPLATE)
        cm_loader_add_hint (w->loaded, start, w->out->len, hint->kind, hint->level);
    }
  append_html_text (w, fragment->text + done, fragment->size - done);
  end_line (w);
}

static gboolean
is_table_node (cmark_node *node,
               const char *name)
{
  return g_strcmp0 (cmark_node_get_type_string (node), name) == 0;
}

static void record_link (MdWalker *w, gsize start, const char *url);

/* An inline <a href="...">...</a> (tags cmark leaves as raw HTML): its
 * text stays, its target becomes a link hint as a Markdown link's does. */
static void
inline_html_link (MdWalker   *w,
                  const char *tag)
{
  static gsize regex = 0;
  g_autoptr(GMatchInfo) match = NULL;
  GRegex *opening = cm_markdown_once_regex (&regex, "^<a\\s[^>]*\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
                                G_REGEX_CASELESS);

  if (g_ascii_strncasecmp (tag, "</a", 3) == 0 && w->html_href != NULL)
    {
      record_link (w, w->html_link_start, w->html_href);
      g_clear_pointer (&w->html_href, g_free);
    }
  else if (g_regex_match (opening, tag, 0, &match))
    {
      g_free (w->html_href);
      w->html_href = NULL;
      for (int group = 1; group <= 3 && w->html_href == NULL; group++)
        {
          char *href = g_match_info_fetch (match, group);

          if (href != NULL && *href != '\0')
            w->html_href = href;
          else
            g_free (href);
        }
      w->html_link_start = w->out->len;
    }
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
        else if (tag != NULL)
          inline_html_link (w, tag);
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
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      end_line (w);
      break;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      /* "[^1]": the marker goes; the footnote is a paragraph at the end. */
      cm_loaded_text_note (w->loaded, TRUE, N_("footnote markers"), 0);
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
             gsize       start,
             const char *url)
{
  CmLinkHint link = { start, w->out->len, NULL };

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
      record_link (w, w->link_start, cmark_node_get_url (node));
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
  static const char *const extensions[] = { "table", "strikethrough", "tasklist" };
  static gsize registered = 0;
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_FOOTNOTES);

  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
    }
  return parser;
}

/* @source rendered into text, hints, links and notes of @loaded; the
 * text is returned. */
static GString *
render_markdown (CmLoadedText *loaded,
                 const char   *source,
                 gsize         size,
                 guint         depth)
{
  cmark_parser *parser = new_parser ();
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;
  MdWalker w = { loaded, g_string_sized_new (size + 1), 0, 0, FALSE, 0, 0, depth, NULL, 0 };

  cmark_parser_feed (parser, source, size);
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
  g_free (w.html_href);
  return w.out;
}

void
cm_loader_parse_commonmark (CmLoadedText *loaded,
                            const char   *text,
                            gsize         size)
{
  g_autofree char *source = cm_markdown_strip_extras (loaded, text, size);
  GString *out = render_markdown (loaded, source, strlen (source), 0);

  loaded->size = out->len;
  loaded->text = g_string_free (out, FALSE);
}
