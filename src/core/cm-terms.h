/* cm-terms.h — does a clause's text use a term?
 *
 * The lexicons and checklists name things by terms. A term with any
 * non-ASCII character (Chinese) matches as a substring of the text; an
 * ASCII term matches whole words of the lower-cased text, also with a
 * plural or verb ending ("collect" matches "collects", "collected",
 * "collecting"; "child" matches "children" only if listed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @lower: g_ascii_strdown() of @text. */
gboolean cm_terms_contains     (const char         *text,
                                const char         *lower,
                                const char         *term);
gboolean cm_terms_contains_any (const char         *text,
                                const char         *lower,
                                const char * const *terms);

G_END_DECLS
