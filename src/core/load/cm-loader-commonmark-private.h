/* cm-loader-commonmark-private.h — the Markdown loader's two halves: the
 * source rewriting before parsing (cm-loader-commonmark-extras.c) and the
 * tree walk (cm-loader-commonmark.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-loader-private.h"

G_BEGIN_DECLS

/* @pattern compiled once (optimised) into *@regex, a g_once location. */
GRegex *cm_markdown_once_regex   (gsize              *regex,
                                  const char         *pattern,
                                  GRegexCompileFlags  flags);

/* @text without the syntax site generators add to Markdown (front matter,
 * kramdown extras, Liquid tags, MDC components, admonition markers...),
 * what was removed noted in @loaded. */
char   *cm_markdown_strip_extras (CmLoadedText       *loaded,
                                  const char         *text,
                                  gsize               size);

G_END_DECLS
