/* cm-link-gold.h — hand-made gold alignments of a bilingual pair, and how
 * well links match them (link precision, recall and F1)
 *
 * A gold file names the links a careful reader finds between the Chinese
 * and the English version, by clause id, without holding the policy's
 * text (a gold of someone else's policy must not copy it): one link a
 * line, the Chinese clauses, a tab, the English ones, each clause as
 * `id:hash` where the hash is the first 8 hex digits of the SHA-256 of the
 * clause's text (so that a gold read against documents segmented
 * differently fails loudly instead of scoring the wrong clauses).
 *
 *   # comments and blank lines are ignored
 *   c1:1f0c9a2e\tc3:77d04b1c
 *   c13:0a1b2c3d,c14:4e5f6a7b\tc23:8c9d0e1f,c24:2a3b4c5d
 *   c59:9e8d7c6b\t-          (only in Chinese: documents the decision)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"

G_BEGIN_DECLS

/* How well @predicted links match @gold ones (both GPtrArrays of CmLink,
 * from the same perspective). Only links with clauses on both sides count.
 * Strict: a link is right if the same clause sets are linked. Lax: over the
 * (clause, partner clause) pairs the links imply. */
typedef struct
{
  guint  n_predicted;
  guint  n_gold;
  guint  n_correct;
  double precision;
  double recall;
  double f1;
} CmLinkScores;

void       cm_links_compare       (GPtrArray            *predicted,
                                   GPtrArray            *gold,
                                   gboolean              strict,
                                   CmLinkScores         *scores);

/* How many hex digits of the SHA-256 a gold file keeps per clause. */
#define CM_LINK_GOLD_HASH_DIGITS 8

/* The short hash of @clause's text in @document (free with g_free). */
char      *cm_link_gold_clause_hash (CmDocument  *document,
                                     CmClause    *clause);

/* Reads the gold file at @path for @zh and @en and returns its links
 * (CmLink, from the Chinese side; one-sided lines give links with an
 * empty side). Fails (CM_ERROR_PARSE, CM_ERROR_NOT_FOUND, CM_ERROR_INVALID)
 * naming the file and line when a line is malformed, names a clause the
 * documents lack, or a clause's hash does not match its text. */
GPtrArray *cm_link_gold_load        (const char  *path,
                                     CmDocument  *zh,
                                     CmDocument  *en,
                                     GError     **error);

G_END_DECLS
