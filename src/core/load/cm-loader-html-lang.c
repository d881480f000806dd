/* cm-loader-html-lang.c — the languages an HTML page declares (lang attributes)
 *
 * Bilingual pages say which language each part is in: <html lang="zh"> with
 * <p lang="en"> inside, <div lang="zh-CN">…</div><div lang="en">…</div>, a
 * table row whose cells carry lang. The walker of cm-loader-html.c tells
 * this file where each element's text starts and ends; the lang of block
 * elements (not of inline ones: "我们使用<span lang="en">Cookie</span>" is a
 * Chinese sentence) becomes CmLoadedText.languages, flattened like the block
 * hints: an element with a lang inside another ends its parent's stretch,
 * which resumes after it. split-pair reads them as the page's own layout.
 *
 * Kept apart from the walker, which has only two calls into it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>

#include "cm-loader-html-private.h"

typedef struct
{
  xmlNode    *node;
  const char *language;
  gsize       stretch_start;  /* where its current stretch began */
} LangFrame;

void
cm_html_langs_init (HtmlLangs *langs)
{
  langs->stack = NULL;
  langs->stretches = NULL;
}

/* "zh-CN", "zh_Hans", "cmn" → "zh"; "en-GB" → "en"; others by their primary
 * subtag; "" (the page says: no language) → "und". Interned. */
static const char *
normalize_language (const char *tag)
{
  g_autofree char *primary = NULL;
  gsize n = 0;

  while (g_ascii_isspace (*tag))
    tag++;
  while (g_ascii_isalpha (tag[n]))
    n++;
  if (n == 0)
    return g_intern_static_string ("und");
  primary = g_ascii_strdown (tag, (gssize) n);
  if (g_str_equal (primary, "zh") || g_str_equal (primary, "cmn") || g_str_equal (primary, "yue")
      || g_str_equal (primary, "zho") || g_str_equal (primary, "chi"))
    return g_intern_static_string ("zh");
  if (g_str_equal (primary, "en") || g_str_equal (primary, "eng"))
    return g_intern_static_string ("en");
  return g_intern_string (primary);
}

/* The lang (or xml:lang) of a block element, or NULL. */
static const char *
block_language (xmlNode *node)
{
  g_autofree xmlChar *value = NULL;
  Role role;

  if (node->properties == NULL)
    return NULL;
  value = xmlGetProp (node, (const xmlChar *) "lang");
  if (value == NULL)
    value = xmlGetProp (node, (const xmlChar *) "xml:lang");
  if (value == NULL)
    return NULL;
  role = cm_html_element_role (node->name);
  if (role == ROLE_INLINE || role == ROLE_LINK || role == ROLE_BOLD || role == ROLE_BREAK)
    return NULL;
  return normalize_language ((const char *) value);
}

static void
add_stretch (HtmlLangs  *langs,
             const char *language,
             gsize       start,
             gsize       end)
{
  CmLanguageHint hint = { start, end, language };

  if (end <= start)
    return;
  if (langs->stretches == NULL)
    langs->stretches = g_array_new (FALSE, FALSE, sizeof (CmLanguageHint));
  if (langs->stretches->len > 0)
    {
      CmLanguageHint *last = &g_array_index (langs->stretches, CmLanguageHint,
                                             langs->stretches->len - 1);
      if (last->language == language && last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (langs->stretches, hint);
}

void
cm_html_langs_enter (HtmlLangs *langs,
                     xmlNode   *node,
                     gsize      position)
{
  const char *language = block_language (node);
  LangFrame frame = { node, language, position };

  if (language == NULL)
    return;
  if (langs->stack == NULL)
    langs->stack = g_array_new (FALSE, FALSE, sizeof (LangFrame));
  if (langs->stack->len > 0)
    {
      LangFrame *parent = &g_array_index (langs->stack, LangFrame, langs->stack->len - 1);
      add_stretch (langs, parent->language, parent->stretch_start, position);
    }
  g_array_append_val (langs->stack, frame);
}

void
cm_html_langs_leave (HtmlLangs *langs,
                     xmlNode   *node,
                     gsize      position)
{
  LangFrame *top;

  if (langs->stack == NULL || langs->stack->len == 0)
    return;
  top = &g_array_index (langs->stack, LangFrame, langs->stack->len - 1);
  if (top->node != node)
    return;
  add_stretch (langs, top->language, top->stretch_start, position);
  g_array_set_size (langs->stack, langs->stack->len - 1);
  if (langs->stack->len > 0)
    g_array_index (langs->stack, LangFrame, langs->stack->len - 1).stretch_start = position;
}

void
cm_html_langs_finish (HtmlLangs    *langs,
                      CmLoadedText *loaded,
                      gsize         text_end)
{
  /* the root is never left by the walk: its stretch runs to the end */
  while (langs->stack != NULL && langs->stack->len > 0)
    cm_html_langs_leave (langs, g_array_index (langs->stack, LangFrame, langs->stack->len - 1).node,
                         text_end);
  g_clear_pointer (&langs->stack, g_array_unref);
  if (langs->stretches == NULL)
    return;
  for (guint i = 0; i < langs->stretches->len; i++)
    {
      CmLanguageHint *hint = &g_array_index (langs->stretches, CmLanguageHint, i);

      hint->end = MIN (hint->end, text_end);
      if (hint->start >= hint->end)
        {
          g_array_set_size (langs->stretches, i);
          break;
        }
    }
  if (langs->stretches->len > 0 && loaded->languages == NULL)
    loaded->languages = g_steal_pointer (&langs->stretches);
  g_clear_pointer (&langs->stretches, g_array_unref);
}
