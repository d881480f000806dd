/* cm-link-summary.h — how much two aligned texts share, from their links
 *
 * Between a policy and its translation or its next version nearly every
 * clause is linked, and the links follow one another along both texts
 * (held-out CAPP-130 pairs: over 99% of the clauses are linked next to
 * another link). Between two texts that are not versions of one policy
 * (two wrong files, two companies' policies) the aligner links the
 * clauses that happen to read alike (boilerplate: "we will notify you by
 * e-mail..."), up to half of them, but mostly one here and one there,
 * between clauses left alone (held-out policies each against another:
 * 5-34% next to another link). A reader must be told, not left to trust
 * a sparse alignment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Below this share of their clauses linked next to another link, two
 * texts "share little". */
#define CM_LINKS_RELATED_SHARE 0.5

typedef struct
{
  guint    n_clauses;          /* clauses of the first side named by the links */
  guint    n_partner_clauses;  /* of the second side */
  guint    linked;             /* first-side clauses in links with both sides */
  guint    partner_linked;     /* second-side clauses in links with both sides */
  guint    in_runs;            /* clauses (both sides) of those links whose
                                * link is next to another such link */
  double   linked_share;       /* (linked + partner_linked) over all clauses */
  double   run_share;          /* in_runs over all clauses */
  gboolean unrelated;          /* run_share < CM_LINKS_RELATED_SHARE */
} CmLinkSummary;

/* Sums up @links (CmLink, every clause of both sides in one link, in the
 * order of the first side, one-sided links where the path left them: as
 * cm_align_documents() and cm_align_versions() return them, or a
 * document's stored links). */
void   cm_links_summarize          (GPtrArray           *links,
                                    CmLinkSummary       *summary);

/* A sentence for the reader when @summary is unrelated, else NULL (free
 * with g_free): how many clauses are linked, how few in runs. */
char  *cm_link_summary_describe    (const CmLinkSummary *summary);

G_END_DECLS
