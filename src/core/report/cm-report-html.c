/* cm-report-html.c — the report as one self-contained HTML file
 *
 * No external resources: the style sheet is inline and the charts are
 * inline SVG, so the file can be mailed or archived as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-report"

#include "config.h"

#include <string.h>

#include "cm-document-io.h"
#include "cm-insight.h"
#include "cm-report.h"

#define CHART_WIDTH 640.0

static const char style[] =
  "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;max-width:46em;margin:2em auto;"
  "padding:0 1em;color:#1a1a1a;line-height:1.5}"
  "h1{border-bottom:2px solid #3a6fd0;padding-bottom:.2em;margin-top:2em}"
  ".meta{color:#555;font-size:.9em;margin:.1em 0}"
  ".finding{margin:.6em 0 .2em 0}.finding b{display:block}"
  ".finding .note{color:#555;font-size:.9em}"
  ".sev{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.5em}"
  ".s1{background:#e0a526}.s2{background:#e67326}.s3{background:#d1473c}"
  "blockquote{border-left:3px solid #d0d8e6;margin:.4em 0 .6em 1em;padding:.1em .8em}"
  "blockquote .note{display:block;color:#667;font-size:.8em}"
  "figure{margin:1em 0}figure svg{max-width:100%;height:auto}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *open,
                const char *text,
                const char *close)
{
  g_string_append (out, open);
  append_escaped (out, text);
  g_string_append (out, close);
}

/* The SVG without its XML declaration, to sit inside the HTML. */
static void
append_chart (GString *out,
              CmChart *chart)
{
  g_autofree char *svg = cm_chart_to_svg (chart, CHART_WIDTH);
  const char *start = strstr (svg, "<svg");

  g_string_append (out, "<figure>");
  g_string_append (out, start != NULL ? start : svg);
  g_string_append (out, "</figure>\n");
}

char *
cm_report_to_html (CmReport *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CM_IS_REPORT (self), NULL);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                          g_str_equal (cm_report_ui_language (), "zh") ? "zh-CN" : "en");
  append_element (out, "<title>", cm_report_get_title (self), "</title>\n");
  g_string_append_printf (out, "<meta name=\"generator\" content=\"Clausemark\">\n<style>%s</style>\n"
                          "</head>\n<body>\n", style);
  for (guint i = 0; i < cm_report_get_n_blocks (self); i++)
    {
      const CmReportBlock *block = cm_report_get_block (self, i);

      switch (block->kind)
        {
        case CM_REPORT_TITLE:
          append_element (out, "<h1>", block->text, "</h1>\n");
          break;
        case CM_REPORT_HEADING:
          append_element (out, "<h2>", block->text, "</h2>\n");
          break;
        case CM_REPORT_SUBHEADING:
          append_element (out, "<h3>", block->text, "</h3>\n");
          break;
        case CM_REPORT_META:
          append_element (out, "<p class=\"meta\">", block->text, "</p>\n");
          break;
        case CM_REPORT_TEXT:
          append_element (out, "<p>", block->text, "</p>\n");
          break;
        case CM_REPORT_FINDING:
          g_string_append_printf (out, "<div class=\"finding\"><b><span class=\"sev s%u\"></span>",
                                  CLAMP (block->severity, 1, 3));
          append_escaped (out, block->text);
          g_string_append (out, "</b>");
          if (block->note != NULL)
            append_element (out, "<span class=\"note\">", block->note, "</span>");
          g_string_append (out, "</div>\n");
          break;
        case CM_REPORT_QUOTE:
          append_element (out, "<blockquote>", block->text, "");
          if (block->note != NULL)
            append_element (out, "<span class=\"note\">", block->note, "</span>");
          g_string_append (out, "</blockquote>\n");
          break;
        case CM_REPORT_CHART:
          append_chart (out, block->chart);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

gboolean
cm_report_save_html (CmReport   *self,
                     const char *path,
                     GError    **error)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (CM_IS_REPORT (self) && path != NULL, FALSE);

  html = cm_report_to_html (self);
  return cm_write_file_atomically (path, html, strlen (html), FALSE, error);
}
