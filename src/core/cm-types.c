/* cm-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-types"

#include "config.h"

#include "cm-types.h"

static const char *const clause_kinds[] = { "body", "heading", "list-item", "boilerplate" };
static const char *const review_statuses[] = { "unreviewed", "accepted", "corrected" };
static const char *const granularities[] = { "sentence", "paragraph" };

static gboolean
lookup (const char *const *names,
        guint              n_names,
        const char        *str,
        int               *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], str))
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cm_clause_kind_to_string (CmClauseKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (clause_kinds), NULL);
  return clause_kinds[kind];
}

gboolean
cm_clause_kind_from_string (const char   *str,
                            CmClauseKind *kind)
{
  int v;
  if (!lookup (clause_kinds, G_N_ELEMENTS (clause_kinds), str, &v))
    return FALSE;
  *kind = (CmClauseKind) v;
  return TRUE;
}

const char *
cm_review_status_to_string (CmReviewStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (review_statuses), NULL);
  return review_statuses[status];
}

gboolean
cm_review_status_from_string (const char     *str,
                              CmReviewStatus *status)
{
  int v;
  if (!lookup (review_statuses, G_N_ELEMENTS (review_statuses), str, &v))
    return FALSE;
  *status = (CmReviewStatus) v;
  return TRUE;
}

const char *
cm_granularity_to_string (CmGranularity granularity)
{
  g_return_val_if_fail ((guint) granularity < G_N_ELEMENTS (granularities), NULL);
  return granularities[granularity];
}

gboolean
cm_granularity_from_string (const char    *str,
                            CmGranularity *granularity)
{
  int v;
  if (!lookup (granularities, G_N_ELEMENTS (granularities), str, &v))
    return FALSE;
  *granularity = (CmGranularity) v;
  return TRUE;
}
