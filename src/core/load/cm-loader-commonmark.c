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
 * - site-generator extras go before parsing: YAML (or TOML) front matter,
 *   kramdown attribute lists ("{: #id}", "{#id .class}"), its table of
 *   contents marker (a one-item list followed by "{:toc}"), abbreviation
 *   definitions ("*[GDPR]: ...") and definition lists (": " before the
 *   definition, which becomes a paragraph of its own), and Liquid tags
 *   ("{% ... %}", "{{ ... }}"); "#Heading" without its space is read as a
 *   heading.
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
  guint         depth;         /* 1 when reading Markdown found inside HTML */
  char         *html_href;     /* of an open inline <a href="...">, or NULL */
  gsize         html_link_start;
} MdWalker;

static GString *render_markdown (CmLoadedText *loaded,
                                 const char   *source,
                                 gsize         size,
                                 guint         depth);

static GRegex *
once_regex (gsize      *regex,
            const char *pattern,
            GRegexCompileFlags flags)
{
  if (g_once_init_enter (regex))
    g_once_init_leave (regex, (gsize) g_regex_new (pattern, G_REGEX_OPTIMIZE | flags, 0, NULL));
  return (GRegex *) *regex;
}

/* Front matter: YAML between "---" lines, or TOML between "+++" lines, at
 * the very start. Returns where the body starts. */
static const char *
skip_front_matter (CmLoadedText *loaded,
                   const char   *text)
{
  static const char *const fences[] = { "---", "+++" };

  for (gsize i = 0; i < G_N_ELEMENTS (fences); i++)
    {
      g_autofree char *opening = g_strconcat (fences[i], "\n", NULL);
      g_autofree char *closing = g_strconcat ("\n", fences[i], NULL);
      const char *end;

      if (!g_str_has_prefix (text, opening))
        continue;
      end = strstr (text + 4, closing);
      if (end != NULL && (end[4] == '\n' || end[4] == '\0'))
        {
          cm_loaded_text_note (loaded, TRUE, N_("front matter (page metadata)"),
                               g_utf8_strlen (text, end + 4 - text));
          return end[4] == '\0' ? end + 4 : end + 5;
        }
    }
  return text;
}

/* MkDocs admonitions: "!!! note \"Title\"" (or "??? note", collapsible)
 * over lines indented by four spaces. The title, when there is one, becomes
 * a paragraph and the lines are taken out of their indent (else Markdown
 * reads them as code). */
static char *
unwrap_admonitions (const char *text)
{
  static gsize regex = 0;
  GRegex *marker = once_regex (&regex,
                               "^(?:!!!|\\?\\?\\?\\+?)[ \\t]+[\\w-]+(?:[ \\t]+\"([^\"\\n]*)\")?[ \\t]*$",
                               0);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean inside = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      const char *line = lines[i];

      if (i > 0)
        g_string_append_c (out, '\n');
      if (g_regex_match (marker, line, 0, &match))
        {
          g_autofree char *title = g_match_info_fetch (match, 1);

          if (title != NULL && *title != '\0')
            g_string_append_printf (out, "%s\n", title);
          inside = TRUE;
          continue;
        }
      if (inside && g_str_has_prefix (line, "    "))
        line += 4;
      else if (inside && line[0] == '\t')
        line++;
      else if (inside && *line != '\0')
        inside = FALSE;
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

/* kramdown's "{::comment} ... {:/comment}" blocks taken out (by hand, not
 * by a regex: a file of openers without closers would take quadratic
 * time); an opener without a closer stays for the attribute-list rule. */
static char *
remove_kramdown_comments (const char *text)
{
  static const char opener[] = "{::comment}", closer[] = "{:/comment}";
  GString *out = g_string_new (NULL);
  const char *p = text;

  for (const char *start = strstr (p, opener); start != NULL; start = strstr (p, opener))
    {
      const char *end = strstr (start + strlen (opener), closer);

      if (end == NULL)
        break;
      g_string_append_len (out, p, start - p);
      p = end + strlen (closer);
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* A reference label as CommonMark matches it: case and runs of blanks
 * aside. */
static char *
normalize_label (const char *label)
{
  g_autofree char *folded = g_utf8_casefold (label, -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static gboolean
keep_resolved_reference (const GMatchInfo *match,
                         GString          *result,
                         gpointer          user_data)
{
  GHashTable *labels = user_data;
  g_autofree char *whole = g_match_info_fetch (match, 0);
  g_autofree char *text = g_match_info_fetch (match, 1);
  g_autofree char *ref = g_match_info_fetch (match, 2);
  g_autofree char *label = normalize_label (ref != NULL && *ref != '\0' ? ref : text);

  g_string_append (result, g_hash_table_contains (labels, label) || text[0] == '^' ? whole : text);
  return FALSE;
}

/* "[text][ref]" and "[text][]" whose reference is defined nowhere: Markdown
 * shows them as they are written, brackets and all; the text stays. */
static char *
drop_unresolved_references (const char *text)
{
  static gsize definition_regex = 0, reference_regex = 0;
  GRegex *definition = once_regex (&definition_regex, "^ {0,3}\\[([^\\]\\n]+)\\]:", G_REGEX_MULTILINE);
  GRegex *reference = once_regex (&reference_regex, "(?<!!)\\[([^\\[\\]\\n]+)\\]\\[([^\\[\\]\\n]*)\\]", 0);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  char *replaced;

  if (strstr (text, "][") == NULL)
    return g_strdup (text);
  for (g_regex_match (definition, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *label = g_match_info_fetch (match, 1);

      g_hash_table_add (labels, normalize_label (label));
    }
  replaced = g_regex_replace_eval (reference, text, -1, 0, 0, keep_resolved_reference, labels, NULL);
  return replaced != NULL ? replaced : g_strdup (text);
}

/* Site-generator syntax that is never text: removed, with a note; and
 * kramdown's definition lists and "#Heading" made CommonMark. */
static char *
strip_extras (CmLoadedText *loaded,
              const char   *text,
              gsize         size)
{
  /* A kramdown table of contents: the one-item list the "{:toc}" under it
   * replaces. Then kramdown comments, attribute lists, Liquid tags and
   * abbreviation definitions. */
  static gsize toc_regex = 0, extras_regex = 0, definition_regex = 0, heading_regex = 0;
  static gsize titled_regex = 0;
  GRegex *toc = once_regex (&toc_regex,
                            "^[ \\t]*(?:[*+-]|[0-9]+\\.)[ \\t][^\\n]*\\n[ \\t]*\\{:[ \\t]*\\.?toc[ \\t]*\\}[ \\t]*$",
                            G_REGEX_MULTILINE);
  GRegex *extras = once_regex (&extras_regex,
                               "\\{:[^}\\n]*\\}|\\{[#.][^}\\n]*\\}|\\{%[^%\\n]*%\\}|\\{\\{[^}\\n]*\\}\\}"
                               "|^\\*\\[[^\\]\\n]+\\]:[^\\n]*$"
                               /* MDC (Nuxt Content) and container directives:
                                * "::accordion", ":::note", "::" closing, "#body"
                                * slots, inline ":StreetAddress" */
                               "|^[ \\t]*:{2,}(?:[A-Za-z][\\w-]*)?(?:\\{[^}\\n]*\\})?[ \\t]*$"
                               "|^#[a-z][\\w-]*[ \\t]*$"
                               "|(?<=\\s):(?:[A-Z][A-Za-z0-9]*|[a-z]+-[a-z-]+)(?:\\{[^}\\n]*\\})?(?=[\\s.,;]|$)",
                               G_REGEX_MULTILINE);
  /* ":::tip Keep in mind": the title a paragraph of its own. */
  GRegex *titled = once_regex (&titled_regex,
                               "^[ \\t]*:{3,}[A-Za-z][\\w-]*[ \\t]+([^\\s{][^\\n{]*?)[ \\t]*$",
                               G_REGEX_MULTILINE);
  GRegex *definition = once_regex (&definition_regex, "^:[ \\t]+", G_REGEX_MULTILINE);
  /* Not "#body": an MDC slot, gone by now, or a hashtag. */
  GRegex *heading = once_regex (&heading_regex, "^(#{1,6})(?=[^#\\s])(?![a-z][\\w-]*[ \\t]*$)",
                                G_REGEX_MULTILINE);
  const char *body = skip_front_matter (loaded, text);
  gsize body_size = size - (body - text);
  glong dropped;
  g_autofree char *unwrapped = NULL;
  g_autofree char *uncommented = NULL;
  g_autofree char *retitled = NULL;
  g_autofree char *without_toc = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *defined = NULL;
  char *headed, *resolved;

  without_toc = g_regex_replace_literal (toc, body, body_size, 0, "", 0, NULL);
  retitled = without_toc != NULL
             ? g_regex_replace (titled, without_toc, -1, 0, "\\1\n", 0, NULL) : NULL;
  unwrapped = retitled != NULL ? unwrap_admonitions (retitled) : NULL;
  uncommented = unwrapped != NULL ? remove_kramdown_comments (unwrapped) : NULL;
  stripped = uncommented != NULL
             ? g_regex_replace_literal (extras, uncommented, -1, 0, "", 0, NULL) : NULL;
  if (stripped == NULL)
    return g_strndup (body, body_size);
  /* What the removals took (the rewrites around them only move text). */
  dropped = g_utf8_strlen (body, body_size) - g_utf8_strlen (without_toc, -1)
            + g_utf8_strlen (unwrapped, -1) - g_utf8_strlen (stripped, -1);
  if (dropped > 0)
    cm_loaded_text_note (loaded, TRUE, N_("attribute lists and template tags"), dropped);
  /* "Term\n: definition": the definition a paragraph of its own. */
  defined = g_regex_replace_literal (definition, stripped, -1, 0, "\n", 0, NULL);
  if (defined == NULL)
    return g_steal_pointer (&stripped);
  headed = g_regex_replace (heading, defined, -1, 0, "\\1 ", 0, NULL);
  if (headed == NULL)
    headed = g_steal_pointer (&defined);
  resolved = drop_unresolved_references (headed);
  g_free (headed);
  return resolved;
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
  GRegex *opening = once_regex (&regex, "^<a\\s[^>]*\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
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
  g_autofree char *source = strip_extras (loaded, text, size);
  GString *out = render_markdown (loaded, source, strlen (source), 0);

  loaded->size = out->len;
  loaded->text = g_string_free (out, FALSE);
}
