/* cm-loader-commonmark-extras.c — what Markdown files carry besides
 * CommonMark, taken out or made CommonMark before cmark-gfm parses them
 *
 * Site generators and documentation tools add their own syntax to the
 * Markdown policies kept in Git repositories; none of it is text:
 * - front matter (YAML between "---" lines, TOML between "+++");
 * - kramdown: attribute lists ("{: #id}", "{#id .class}"), its table of
 *   contents marker (a one-item list followed by "{:toc}"), comments
 *   ("{::comment} ... {:/comment}"), abbreviation definitions ("*[GDPR]:
 *   ..."), definition lists (": " before a definition, which becomes a
 *   paragraph of its own);
 * - Liquid and Hugo tags ("{% ... %}", "{{ ... }}");
 * - Nuxt Content's MDC components ("::name{...}" ... "::", "#slot" lines,
 *   inline ":Name") and container directives (":::note"; a title stays);
 * - MkDocs admonitions ("!!! note \"Title\"" over indented lines: the title
 *   stays, the lines are taken out of their indent);
 * - "[text][ref]" whose reference is defined nowhere (shown as written);
 * - "#Heading" without its space (read as a heading).
 * Removals are noted (characters); rewrites only move text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cm-loader-commonmark-private.h"

GRegex *
cm_markdown_once_regex (gsize              *regex,
                        const char         *pattern,
                        GRegexCompileFlags  flags)
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
  GRegex *marker = cm_markdown_once_regex (&regex,
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
  GRegex *definition = cm_markdown_once_regex (&definition_regex, "^ {0,3}\\[([^\\]\\n]+)\\]:", G_REGEX_MULTILINE);
  GRegex *reference = cm_markdown_once_regex (&reference_regex, "(?<!!)\\[([^\\[\\]\\n]+)\\]\\[([^\\[\\]\\n]*)\\]", 0);
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

char *
cm_markdown_strip_extras (CmLoadedText *loaded,
                          const char   *text,
                          gsize         size)
{
  /* A kramdown table of contents: the one-item list the "{:toc}" under it
   * replaces. Then kramdown comments, attribute lists, Liquid tags and
   * abbreviation definitions. */
  static gsize toc_regex = 0, extras_regex = 0, definition_regex = 0, heading_regex = 0;
  static gsize titled_regex = 0;
  GRegex *toc = cm_markdown_once_regex (&toc_regex,
                            "^[ \\t]*(?:[*+-]|[0-9]+\\.)[ \\t][^\\n]*\\n[ \\t]*\\{:[ \\t]*\\.?toc[ \\t]*\\}[ \\t]*$",
                            G_REGEX_MULTILINE);
  GRegex *extras = cm_markdown_once_regex (&extras_regex,
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
  GRegex *titled = cm_markdown_once_regex (&titled_regex,
                               "^[ \\t]*:{3,}[A-Za-z][\\w-]*[ \\t]+([^\\s{][^\\n{]*?)[ \\t]*$",
                               G_REGEX_MULTILINE);
  GRegex *definition = cm_markdown_once_regex (&definition_regex, "^:[ \\t]+", G_REGEX_MULTILINE);
  /* Not "#body": an MDC slot, gone by now, or a hashtag. */
  GRegex *heading = cm_markdown_once_regex (&heading_regex, "^(#{1,6})(?=[^#\\s])(?![a-z][\\w-]*[ \\t]*$)",
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
