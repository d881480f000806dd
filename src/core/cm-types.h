/* cm-types.h — enumerations shared across the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a clause is within the document's structure. */
typedef enum
{
  CM_CLAUSE_KIND_BODY,
  CM_CLAUSE_KIND_HEADING,
  CM_CLAUSE_KIND_LIST_ITEM,
  /* Text that is not part of the policy (page junk, teasers): kept in the
   * text, excluded from labelling and statistics. */
  CM_CLAUSE_KIND_BOILERPLATE,
} CmClauseKind;

typedef enum
{
  CM_REVIEW_STATUS_UNREVIEWED,
  CM_REVIEW_STATUS_ACCEPTED,
  CM_REVIEW_STATUS_CORRECTED,
} CmReviewStatus;

typedef enum
{
  CM_GRANULARITY_SENTENCE,
  CM_GRANULARITY_PARAGRAPH,
} CmGranularity;

const char *cm_clause_kind_to_string       (CmClauseKind    kind);
gboolean    cm_clause_kind_from_string     (const char     *str,
                                            CmClauseKind   *kind);
const char *cm_review_status_to_string     (CmReviewStatus  status);
gboolean    cm_review_status_from_string   (const char     *str,
                                            CmReviewStatus *status);
const char *cm_granularity_to_string       (CmGranularity   granularity);
gboolean    cm_granularity_from_string     (const char     *str,
                                            CmGranularity  *granularity);

G_END_DECLS
