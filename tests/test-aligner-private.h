/* test-aligner-private.h — what the aligner's tests share (test-aligner*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

/* The links as "z0+z1=e0 z2= =e3" (document order). */
static inline char *
links_string (GPtrArray *links)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      g_autofree char *a = g_strjoinv ("+", link->clauses);
      g_autofree char *b = g_strjoinv ("+", link->partner_clauses);

      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s=%s", a, b);
    }
  return g_string_free (out, FALSE);
}

G_END_DECLS
