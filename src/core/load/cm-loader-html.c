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

/* An open hinted element; start is G_MAXSIZE while a nested hinted element
 * has the floor. */
typedef struct
{
  gsize       start;
  CmBlockKind kind;
  guint       level;
  guint       link_mark;  /* w->link_chars when this stretch started */
  guint       bold_mark;
} OpenHint;

/* What leaving an element must undo. */
enum
{
  FRAME_HINT      = 1 << 0,  /* opened a hint */
  FRAME_BLOCK     = 1 << 1,  /* ends a line when left */
  FRAME_LIST      = 1 << 2,
  FRAME_FLAT_CELL = 1 << 3,  /* a cell read as one piece of its row's line */
  FRAME_PRE       = 1 << 4,
  FRAME_LINK      = 1 << 5,
  FRAME_BOLD      = 1 << 6,
  FRAME_CONTAINER = 1 << 7,  /* a candidate for the main content */
  FRAME_JUNK      = 1 << 8,
  FRAME_MAIN      = 1 << 9,
};

typedef struct
{
  xmlNode *node;
  guint    flags;
  guint    first_block;
  gsize    link_start;   /* where a link's text began */
} Frame;

typedef struct
{
  CmLoadedText *loaded;
  GString      *out;
  GArray       *open_hints;      /* of OpenHint */
  GArray       *blocks;          /* of HtmlBlock */
  GArray       *containers;      /* of HtmlContainer */
  GArray       *frames;          /* of Frame: the walk's stack */
  gboolean      last_was_space;  /* TRUE at a line start: leading space dropped */
  gsize         loose_start;     /* text outside any hinted element, or G_MAXSIZE */
  guint         loose_link_mark;
  guint         loose_bold_mark;
  guint         link_chars;      /* characters written inside links so far */
  guint         bold_chars;      /* ... inside <b>/<strong> */
  guint         link_depth;
  guint         bold_depth;
  guint         list_depth;
  guint         cell_depth;      /* flattened cells */
  guint         pre_depth;
  guint         main_depth;      /* inside <main>, <article>, role="main" */
  gboolean      row_has_cell;
  char         *first_h1;
  HtmlLangs     langs;           /* lang attributes: cm-loader-html-lang.c */
} Walker;

/* Headings set in bold paragraphs ("<p><b>Your rights</b></p>") are this
 * short at most and rank below every <hN>. */
#define MAX_BOLD_HEADING_CHARS 120
#define BOLD_HEADING_LEVEL     6

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

/* Non-blank characters in text[0, size): what link and bold density count. */
static guint
count_visible_chars (const char *text,
                     gsize       size)
{
  guint n = 0;

  for (gsize i = 0; i < size; i++)
    {
      guchar c = (guchar) text[i];

      n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n';
    }
  return n;
}

/* A bold stretch that is the whole block, short and not a sentence. */
static gboolean
reads_as_bold_heading (const char *text,
                       guint       n_chars,
                       guint       bold_chars)
{
  gsize len = strlen (text);

  if (n_chars == 0 || bold_chars < n_chars || n_chars > MAX_BOLD_HEADING_CHARS)
    return FALSE;
  return len > 0 && strchr (".;,", text[len - 1]) == NULL
         && !g_str_has_suffix (text, "。") && !g_str_has_suffix (text, "；")
         && !g_str_has_suffix (text, "，");
}

/* Ends a stretch of text [start, now) as one block for the scorer. */
static void
end_block (Walker      *w,
           gsize        start,
           CmBlockKind  kind,
           guint        level,
           guint        link_mark,
           guint        bold_mark)
{
  HtmlBlock block = { 0, };
  gsize end = content_end (w);

  while (start < end && (is_blank_byte (w->out->str[start]) || w->out->str[start] == '\n'))
    start++;
  if (end <= start)
    return;
  block.start = start;
  block.end = end;
  block.kind = kind;
  block.level = level;
  block.n_chars = count_visible_chars (w->out->str + start, end - start);
  block.link_chars = MIN (w->link_chars - link_mark, block.n_chars);
  /* Only a block in bold all through can be a bold heading: the copy of
   * its text is made for those alone. */
  if ((kind == CM_BLOCK_PARAGRAPH || kind == (CmBlockKind) G_MAXINT)
      && w->bold_chars - bold_mark >= block.n_chars)
    {
      g_autofree char *text = g_strndup (w->out->str + start, end - start);

      if (reads_as_bold_heading (text, block.n_chars, w->bold_chars - bold_mark))
        {
          block.kind = CM_BLOCK_HEADING;
          block.level = BOLD_HEADING_LEVEL;
        }
    }
  g_array_append_val (w->blocks, block);
}

/* Loose text (a <div>'s, a table row's) is a block of its own, without a
 * hint: the segmenter reads its lines. Its kind is G_MAXINT. */
static void
end_loose_block (Walker *w)
{
  if (w->loose_start == G_MAXSIZE)
    return;
  end_block (w, w->loose_start, (CmBlockKind) G_MAXINT, 0,
             w->loose_link_mark, w->loose_bold_mark);
  w->loose_start = G_MAXSIZE;
}

static void
end_hint_stretch (Walker   *w,
                  OpenHint *hint)
{
  if (hint->start != G_MAXSIZE)
    end_block (w, hint->start, hint->kind, hint->level, hint->link_mark,
               hint->bold_mark);
}

static void
resume_hint (Walker   *w,
             OpenHint *hint)
{
  hint->start = w->out->len;
  hint->link_mark = w->link_chars;
  hint->bold_mark = w->bold_chars;
}

static OpenHint *
top_hint (Walker *w)
{
  if (w->open_hints->len == 0)
    return NULL;
  return &g_array_index (w->open_hints, OpenHint, w->open_hints->len - 1);
}

/* A <br>: always a new line, but never more than one blank line. */
static void
line_break (Walker *w)
{
  OpenHint *open;
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

  /* "<br><br>" is how many pages separate paragraphs: the element around
   * it becomes two blocks, as two <p> would be. */
  len = w->out->len;
  if (!(len >= 2 && w->out->str[len - 1] == '\n' && w->out->str[len - 2] == '\n'))
    return;
  open = top_hint (w);
  if (open != NULL && open->start != G_MAXSIZE)
    {
      end_hint_stretch (w, open);
      resume_hint (w, open);
    }
  else
    end_loose_block (w);
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
  end_loose_block (w);
  trim_trailing_blanks (w);
  if (w->out->len > 0 && w->out->str[w->out->len - 1] != '\n')
    g_string_append_c (w->out, '\n');
  w->last_was_space = TRUE;
}

static void
append_collapsed (Walker     *w,
                  const char *text,
                  gsize       size)
{
  gsize before = w->out->len;
  OpenHint *open = top_hint (w);

  if (w->loose_start == G_MAXSIZE && (open == NULL || open->start == G_MAXSIZE))
    {
      w->loose_start = before;
      w->loose_link_mark = w->link_chars;
      w->loose_bold_mark = w->bold_chars;
    }
  cm_loader_append_collapsed (w->out, text, size, &w->last_was_space);
  if (w->link_depth > 0 || w->bold_depth > 0)
    {
      guint n = count_visible_chars (w->out->str + before, w->out->len - before);

      if (w->link_depth > 0)
        w->link_chars += n;
      if (w->bold_depth > 0)
        w->bold_chars += n;
    }
}

static void
append_text (Walker     *w,
             const char *text)
{
  gsize size = strlen (text);

  if (w->pre_depth == 0 || w->cell_depth > 0)
    {
      append_collapsed (w, text, size);
      return;
    }
  /* Preformatted: keep its lines, tidy the spaces within them. */
  for (const char *line = text; line != NULL && line < text + size;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);

      append_collapsed (w, line, len);
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
  OpenHint hint = { 0, kind, level, 0, 0 };
  OpenHint *outer = top_hint (w);

  /* The enclosing hinted element ends here (for now). */
  if (outer != NULL)
    {
      end_hint_stretch (w, outer);
      outer->start = G_MAXSIZE;
    }
  end_loose_block (w);
  resume_hint (w, &hint);
  g_array_append_val (w->open_hints, hint);
}

static void
close_hint (Walker *w)
{
  OpenHint hint = *top_hint (w);
  OpenHint *outer;

  g_array_set_size (w->open_hints, w->open_hints->len - 1);
  end_hint_stretch (w, &hint);
  block_break (w);
  outer = top_hint (w);
  if (outer != NULL)
    resume_hint (w, outer);
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

/* Records what a dropped element held. */
static void
note_dropped (Walker     *w,
              xmlNode    *node,
              const char *reason)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);
  gsize n = content != NULL ? count_visible_chars ((const char *) content,
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
  gsize start = frame->link_start, end = content_end (w);
  CmLinkHint link;

  while (start < end && (is_blank_byte (w->out->str[start]) || w->out->str[start] == '\n'))
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
      line_break (w);
      return G_MAXUINT;

    case ROLE_HEADING:
    case ROLE_LIST_ITEM:
    case ROLE_PARAGRAPH:
      block_break (w);
      /* No hints inside flattened cells; and a <p> inside a list item or a
       * heading is part of it, not a block of its own. */
      if (w->cell_depth > 0
          || (role == ROLE_PARAGRAPH && w->open_hints->len > 0))
        return FRAME_BLOCK;
      if (role == ROLE_HEADING)
        open_hint (w, CM_BLOCK_HEADING, node->name[1] - '0');
      else if (role == ROLE_LIST_ITEM)
        open_hint (w, CM_BLOCK_LIST_ITEM, MAX (w->list_depth, 1));
      else
        open_hint (w, CM_BLOCK_PARAGRAPH, 0);
      return FRAME_HINT;

    case ROLE_LIST:
      block_break (w);
      w->list_depth++;
      return FRAME_LIST | FRAME_BLOCK | FRAME_CONTAINER | container_flags (w, node);

    case ROLE_ROW:
      block_break (w);
      w->row_has_cell = FALSE;
      return FRAME_BLOCK;

    case ROLE_CELL:
      if (w->cell_depth == 0 && cm_html_cell_holds_blocks (node))
        {
          block_break (w);
          return FRAME_BLOCK | FRAME_CONTAINER | container_flags (w, node);
        }
      if (w->row_has_cell && w->cell_depth == 0)
        {
          trim_trailing_blanks (w);
          g_string_append_c (w->out, '\t');
          w->last_was_space = TRUE;
        }
      frame->link_start = w->out->len;
      w->cell_depth++;
      return FRAME_FLAT_CELL;

    case ROLE_PRE:
      block_break (w);
      w->pre_depth++;
      return FRAME_PRE | FRAME_BLOCK;

    case ROLE_BLOCK:
      block_break (w);
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
      const OpenHint *hint = top_hint (w);
      gsize before = hint->start;

      if (hint->kind == CM_BLOCK_HEADING && frame->node->name[1] == '1'
          && w->first_h1 == NULL && before != G_MAXSIZE && w->out->len > before)
        w->first_h1 = g_strstrip (g_strndup (w->out->str + before,
                                             w->out->len - before));
      close_hint (w);
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
    block_break (w);
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
        append_text (w, (const char *) node->content);
      break;
    case XML_ENTITY_REF_NODE:
      {
        /* An entity libxml2 does not know: keep it as written. */
        g_autofree char *entity = g_strdup_printf ("&%s;", (const char *) node->name);

        append_collapsed (w, entity, strlen (entity));
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

/* The host of an absolute URL ("https://www.example.com:443/a" gives
 * "www.example.com"), in *len bytes; NULL for relative links, mailto: and
 * tel:. By hand, not GUri: pages have thousands of links. */
static const char *
link_host (const char *url,
           gsize      *len)
{
  const char *host = strstr (url, "//"), *end;

  if (host == NULL || (host != url && host[-1] != ':'))
    return NULL;
  for (const char *p = url; p < host; p++)
    if (!(g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.' || *p == ':'))
      return NULL;
  host += 2;
  end = host + strcspn (host, "/:?#");
  *len = end - host;
  return *len > 0 ? host : NULL;
}

static gboolean
is_contact_link (const char *url)
{
  return g_ascii_strncasecmp (url, "mailto:", 7) == 0 || g_ascii_strncasecmp (url, "tel:", 4) == 0;
}

typedef struct
{
  const char *host;  /* into a link's URL; "" for relative links */
  gsize       len;
  guint       count;
} HostCount;

/* Hosts beyond this many different ones are not counted (the site's own
 * is among the first: its menus come early). */
#define MAX_HOSTS 64

/* The site's own host: the one most links point to, relative links
 * counting as "" (a saved page writes its menus' links out in full). NULL
 * when that is the relative links, or no host comes back twice: then every
 * host is another site. */
static char *
own_host (GArray *links)
{
  HostCount hosts[MAX_HOSTS];
  guint n_hosts = 0, best = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const char *url = g_array_index (links, CmLinkHint, i).url;
      gsize len = 0;
      const char *host = link_host (url, &len);
      guint k;

      if (is_contact_link (url))
        continue;
      if (host == NULL)
        host = "", len = 0;
      for (k = 0; k < n_hosts; k++)
        if (hosts[k].len == len && g_ascii_strncasecmp (hosts[k].host, host, len) == 0)
          break;
      if (k == n_hosts)
        {
          if (n_hosts == MAX_HOSTS)
            continue;
          hosts[n_hosts++] = (HostCount) { host, len, 0 };
        }
      hosts[k].count++;
    }
  for (guint k = 1; k < n_hosts; k++)
    if (hosts[k].count > hosts[best].count)
      best = k;
  if (n_hosts == 0 || hosts[best].count < 2 || hosts[best].len == 0)
    return NULL;
  return g_strndup (hosts[best].host, hosts[best].len);
}

/* mailto:, tel:, or a page on another host. */
static gboolean
links_away (const char *url,
            const char *site)
{
  gsize len = 0;
  const char *host;

  if (is_contact_link (url))
    return TRUE;
  host = link_host (url, &len);
  if (host == NULL)
    return FALSE;
  return site == NULL || strlen (site) != len || g_ascii_strncasecmp (host, site, len) != 0;
}

/* Counts each block's characters in links away from the site (both arrays
 * are in text order). */
static void
count_away_links (Walker *w)
{
  g_autofree char *site = own_host (w->loaded->links);
  guint b = 0;

  for (guint i = 0; i < w->loaded->links->len; i++)
    {
      const CmLinkHint *link = &g_array_index (w->loaded->links, CmLinkHint, i);

      while (b < w->blocks->len && g_array_index (w->blocks, HtmlBlock, b).end <= link->start)
        b++;
      if (b == w->blocks->len)
        break;
      if (g_array_index (w->blocks, HtmlBlock, b).start <= link->start
          && links_away (link->url, site))
        g_array_index (w->blocks, HtmlBlock, b).away_chars
          += count_visible_chars (w->out->str + link->start, link->end - link->start);
    }
}

/* Lines a single <br> set apart stay apart when the first one ends like a
 * sentence ("...deleted:", "...days.") or is a short line followed by one
 * that starts afresh ("Email: ...<br>Phone: ..."); a sentence the page
 * wrapped by hand ("we never charge you<br>for it") stays whole. */
#define MAX_BROKEN_LINE_CHARS 60

static gboolean
lines_stand_apart (const char *text,
                   gsize       line_start,
                   gsize       line_end,
                   gsize       next_start)
{
  gunichar next = g_utf8_get_char (text + next_start);
  gunichar last;

  if (line_end <= line_start)
    return FALSE;
  if (cm_loader_ends_sentence (text, line_end))
    return TRUE;
  last = g_utf8_get_char (g_utf8_find_prev_char (text, text + line_end));
  if (last == ',' || last == '-' || last == 0x3001 /* 、 */ || last == 0xFF0C /* ， */)
    return FALSE;
  return !g_unichar_islower (next)
         && g_utf8_strlen (text + line_start, line_end - line_start) < MAX_BROKEN_LINE_CHARS;
}

/* A paragraph's hint, cut where its lines stand apart. */
static void
add_paragraph_hints (Walker          *w,
                     const HtmlBlock *block)
{
  const char *text = w->out->str;
  gsize start = block->start;

  for (const char *nl = memchr (text + start, '\n', block->end - start); nl != NULL;
       nl = memchr (nl + 1, '\n', text + block->end - nl - 1))
    {
      gsize line_end = nl - text, next = line_end + 1;

      while (next < block->end && text[next] == '\n')
        next++;
      if (next < block->end && lines_stand_apart (text, start, line_end, next))
        {
          cm_loader_add_hint (w->loaded, start, line_end, CM_BLOCK_PARAGRAPH, 0);
          start = next;
        }
      if (nl + 1 >= text + block->end)
        break;
    }
  cm_loader_add_hint (w->loaded, start, block->end, CM_BLOCK_PARAGRAPH, 0);
}

/* Hints from the scored blocks: content keeps its kind (loose text none:
 * the segmenter reads its lines), junk is hinted as boilerplate. */
static void
emit_hints (Walker *w)
{
  for (guint i = 0; i < w->blocks->len; i++)
    {
      const HtmlBlock *block = &g_array_index (w->blocks, HtmlBlock, i);

      if (block->boilerplate)
        {
          cm_loader_add_hint (w->loaded, block->start, block->end,
                              CM_BLOCK_BOILERPLATE, 0);
          cm_loaded_text_note (w->loaded, FALSE,
                               N_("page furniture (menus, headers, footers, link lists, teasers)"),
                               block->n_chars);
        }
      else if (block->kind == CM_BLOCK_PARAGRAPH)
        add_paragraph_hints (w, block);
      else if (block->kind != (CmBlockKind) G_MAXINT)
        cm_loader_add_hint (w->loaded, block->start, block->end,
                            block->kind, block->level);
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
  end_loose_block (&w);
  xmlFreeDoc (doc);

  count_away_links (&w);
  if (!cm_html_score_blocks (w.out->str, w.blocks, w.containers))
    cm_loaded_text_note (loaded, FALSE,
                         N_("no main content stood out: every visible block kept"), 0);
  emit_hints (&w);

  /* No blank lines at the end; one final newline like a text file. */
  end = content_end (&w);
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
