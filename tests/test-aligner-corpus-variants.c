/* test-aligner-corpus-variants.c — the harder variants of test-aligner-corpus:
 * English lines merged, dropped or swapped, lines dropped on either side,
 * titles dropped, lines cut short, with the gold links they keep
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "test-aligner-corpus-private.h"

/* A short line that does not end a sentence: a heading, a table of
 * contents entry, a list title (the test's own rule, on the Chinese line). */
static gboolean
line_is_title (const char *zh_line)
{
  g_autofree char *line = g_strstrip (g_strdup (zh_line));
  const char *last = *line ? g_utf8_find_prev_char (line, line + strlen (line)) : NULL;

  return last != NULL && g_utf8_strlen (line, -1) <= 30
         && g_utf8_strchr ("。.!?！？;；:：", -1, g_utf8_get_char (last)) == NULL;
}

/* @line without its last part: cut at the last comma or semicolon that
 * keeps between 40% and 80% of it, ended as a sentence; the line itself
 * when it has no such place. */
static char *
abridge_line (const char *line,
              gboolean    chinese)
{
  static const char * const zh_marks[] = { "，", "；", NULL };
  static const char * const en_marks[] = { ", ", "; ", NULL };
  const char * const *marks = chinese ? zh_marks : en_marks;
  gsize length = strlen (line);
  const char *cut = NULL;

  for (guint m = 0; marks[m]; m++)
    for (const char *p = strstr (line, marks[m]); p; p = strstr (p + 1, marks[m]))
      if ((gsize) (p - line) >= length * 2 / 5 && (gsize) (p - line) <= length * 4 / 5
          && (cut == NULL || p > cut))
        cut = p;
  if (cut == NULL)
    return g_strdup (line);
  return g_strdup_printf ("%.*s%s", (int) (cut - line), line, chinese ? "。" : ".");
}

/* Builds the two documents of a variant of @policy and the gold links. */
void
make_variant (const Policy  *policy,
              const Variant *variant,
              GRand         *rand,
              guint          serial,
              CmDocument   **out_zh,
              CmDocument   **out_en,
              GPtrArray     *gold)
{
  g_autoptr(GPtrArray) zh_pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *zh_doc_id = g_strdup_printf ("zh-%u", serial);
  g_autofree char *en_doc_id = g_strdup_printf ("en-%u", serial);
  guint n = policy->zh->len;
  guint i = 0;

  while (i < n)
    {
      /* drawn only by the variants that use them, so that the others see
       * the same perturbations as before they were added */
      gboolean title = variant->drop_title_rate > 0 && line_is_title (policy->zh->pdata[i]);
      gboolean drop_zh_title = title && g_rand_double (rand) < variant->drop_title_rate;
      gboolean drop_en_title = title && g_rand_double (rand) < variant->drop_title_rate;
      gboolean abridge_zh = variant->abridge_rate > 0 && g_rand_double (rand) < variant->abridge_rate;
      gboolean abridge_en = variant->abridge_rate > 0 && g_rand_double (rand) < variant->abridge_rate;
      gboolean drop_zh = drop_zh_title || g_rand_double (rand) < variant->drop_zh_rate;
      gboolean drop_en = drop_en_title || (!drop_zh && g_rand_double (rand) < variant->drop_en_rate);
      gboolean merge = !drop_zh && !drop_en && i + 1 < n
                       && g_rand_double (rand) < variant->merge_rate;
      gboolean swap = !drop_zh && !drop_en && !merge && i + 1 < n
                      && g_rand_double (rand) < variant->swap_rate;
      char *zh_id = g_strdup_printf ("z%u", i);
      char *en_id = g_strdup_printf ("e%u", i);
      const char *zl[3] = { NULL, NULL, NULL }, *el[2] = { NULL, NULL };

      if (swap)
        {
          /* the English lines i + 1 and i in that order; the gold links
           * still pair line with line */
          for (guint k = 0; k < 2; k++)
            {
              g_ptr_array_add (zh_pieces, g_strdup (policy->zh->pdata[i + k]));
              g_ptr_array_add (zh_ids, g_strdup_printf ("z%u", i + k));
              g_ptr_array_add (en_pieces, g_strdup (policy->en->pdata[i + 1 - k]));
              g_ptr_array_add (en_ids, g_strdup_printf ("e%u", i + 1 - k));
            }
          for (guint k = 0; k < 2; k++)
            {
              g_autofree char *z = g_strdup_printf ("z%u", i + k);
              g_autofree char *e = g_strdup_printf ("e%u", i + k);
              const char *zs[2] = { z, NULL }, *es[2] = { e, NULL };
              g_ptr_array_add (gold, cm_link_new (zs, es, 1.0));
            }
          g_free (zh_id);
          g_free (en_id);
          i += 2;
          continue;
        }

      if (!drop_zh)
        {
          g_ptr_array_add (zh_pieces, abridge_zh ? abridge_line (policy->zh->pdata[i], TRUE)
                                                 : g_strdup (policy->zh->pdata[i]));
          g_ptr_array_add (zh_ids, g_strdup (zh_id));
          zl[0] = zh_id;
        }
      if (!drop_en)
        {
          if (merge)
            {
              g_ptr_array_add (en_pieces, g_strconcat (policy->en->pdata[i], " ",
                                                       policy->en->pdata[i + 1], NULL));
              g_ptr_array_add (zh_pieces, g_strdup (policy->zh->pdata[i + 1]));
              zl[1] = g_strdup_printf ("z%u", i + 1);
              g_ptr_array_add (zh_ids, g_strdup (zl[1]));
            }
          else
            g_ptr_array_add (en_pieces, abridge_en ? abridge_line (policy->en->pdata[i], FALSE)
                                                   : g_strdup (policy->en->pdata[i]));
          g_ptr_array_add (en_ids, g_strdup (en_id));
          el[0] = en_id;
        }
      if (zl[0] != NULL || el[0] != NULL)
        g_ptr_array_add (gold, cm_link_new (zl, el, 1.0));
      g_free ((char *) zl[1]);
      g_free (zh_id);
      g_free (en_id);
      i += merge ? 2 : 1;
    }
  *out_zh = cm_test_document_of_lines (zh_doc_id, "zh", zh_pieces, zh_ids);
  *out_en = cm_test_document_of_lines (en_doc_id, "en", en_pieces, en_ids);
}
