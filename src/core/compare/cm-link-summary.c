/* cm-link-summary.c — how much two aligned texts share, from their links
 *
 * See cm-link-summary.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-link-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-document.h"
#include "cm-link-summary.h"

static gboolean
two_sided (const CmLink *link)
{
  return link->clauses && link->clauses[0] && link->partner_clauses && link->partner_clauses[0];
}

void
cm_links_summarize (GPtrArray     *links,
                    CmLinkSummary *summary)
{
  guint total;

  g_return_if_fail (links != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      guint a = link->clauses ? g_strv_length (link->clauses) : 0;
      guint b = link->partner_clauses ? g_strv_length (link->partner_clauses) : 0;

      summary->n_clauses += a;
      summary->n_partner_clauses += b;
      if (a > 0 && b > 0)
        {
          summary->linked += a;
          summary->partner_linked += b;
          if ((i > 0 && two_sided (g_ptr_array_index (links, i - 1)))
              || (i + 1 < links->len && two_sided (g_ptr_array_index (links, i + 1))))
            summary->in_runs += a + b;
        }
    }
  total = summary->n_clauses + summary->n_partner_clauses;
  summary->linked_share = total > 0 ? (double) (summary->linked + summary->partner_linked) / total : 0;
  summary->run_share = total > 0 ? (double) summary->in_runs / total : 0;
  summary->unrelated = total > 0 && summary->run_share < CM_LINKS_RELATED_SHARE;
}

char *
cm_link_summary_describe (const CmLinkSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  if (!summary->unrelated)
    return NULL;
  /* TRANSLATORS: both %d are percentages; "%%" is a percent sign */
  return g_strdup_printf (_("These texts share little: %d%% of their clauses are linked, only "
                            "%d%% next to another link (versions of one policy: over 90%%). "
                            "Are they versions of the same policy?"),
                          (int) floor (summary->linked_share * 100 + 0.5),
                          (int) floor (summary->run_share * 100 + 0.5));
}
