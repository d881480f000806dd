/* cm-uint-array.h — sorted sets of ids kept in a GArray of guint
 *
 * The lexicon's term matches and the aligner's anchor hashes are both sets
 * of ids collected in any order; this makes them sorted and distinct so
 * that they can be merged and intersected in one pass. Header-only: it is
 * small and sits on hot paths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline int
cm_uint_compare (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Sorts @array (of guint) and drops repeated values, in place; returns it. */
static inline GArray *
cm_uint_array_sort_unique (GArray *array)
{
  guint out = 0;

  g_array_sort (array, cm_uint_compare);
  for (guint i = 0; i < array->len; i++)
    if (out == 0 || g_array_index (array, guint, i) != g_array_index (array, guint, out - 1))
      g_array_index (array, guint, out++) = g_array_index (array, guint, i);
  g_array_set_size (array, out);
  return array;
}

G_END_DECLS
