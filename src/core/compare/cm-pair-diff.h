/* cm-pair-diff.h — where the two versions of a bilingual pair differ
 *
 * Reads the links an alignment stored on the documents (cm_align_pair())
 * and reports clauses present in one version only, aligned clauses whose
 * labels disagree and aligned clauses whose anchors (ages, durations,
 * e-mails, URLs, dates, numbers, names) differ, each with an importance
 * for an analyst: a missing sharing, retention or minors clause ranks far
 * above a missing heading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-anchors.h"
#include "cm-document.h"
#include "cm-taxonomy.h"

G_BEGIN_DECLS

typedef enum
{
  CM_DIFFERENCE_MISSING_IN_EN,  /* Chinese clauses with no English counterpart */
  CM_DIFFERENCE_MISSING_IN_ZH,  /* English clauses with no Chinese counterpart */
  CM_DIFFERENCE_LABELS,         /* aligned clauses whose labels disagree */
  CM_DIFFERENCE_ANCHORS,        /* aligned clauses whose anchors differ */
  CM_DIFFERENCE_MOVED,          /* aligned clauses the other version has elsewhere */
  /* two versions of one language (cm-revision-diff.h): zh_clauses and
   * zh_only are then the old version's, en_clauses and en_only the new's */
  CM_DIFFERENCE_ADDED,          /* clauses only in the new version */
  CM_DIFFERENCE_REMOVED,        /* clauses only in the old version */
  CM_DIFFERENCE_CHANGED,        /* aligned clauses whose words differ */
} CmDifferenceKind;

typedef struct
{
  CmDifferenceKind kind;
  guint            link_index;   /* position in the Chinese document's links */
  char           **zh_clauses;   /* clause ids (may be empty) */
  char           **en_clauses;
  double           importance;   /* 0..1: how much an analyst should care */
  char            *reason;       /* one line for people */
  char           **zh_only;      /* label ids / anchor descriptions found on */
  char           **en_only;      /* one side only (empty for missing clauses) */
  gboolean         reviewed;     /* the link has been reviewed (all of them, for a run) */
  guint            n_links;      /* links covered, from link_index: more than one for
                                  * a run of clauses missing in a row */
  char           **link_reasons; /* for a run: each link's own reason, in order
                                  * (n_links of them); NULL otherwise. The run's
                                  * reason speaks for its most important link, a
                                  * row of the run for itself */
  double          *link_importances; /* for a run: each link's own importance */
} CmDifference;

#define CM_TYPE_DIFFERENCE (cm_difference_get_type ())

GType         cm_difference_get_type        (void) G_GNUC_CONST;
CmDifference *cm_difference_copy            (const CmDifference *difference);
void          cm_difference_free            (CmDifference       *difference);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmDifference, cm_difference_free)

/* "missing-in-en", "missing-in-zh", "labels", "anchors", "moved", "added",
 * "removed", "changed". */
const char   *cm_difference_kind_to_string  (CmDifferenceKind    kind);

/* How much a difference in an anchor of @kind matters, 0..1 (ages and
 * retention periods most). */
double        cm_anchor_kind_importance     (CmAnchorKind        kind);

/* How much a label matters in a comparison, 0..1 (sharing and retention
 * most; unknown labels 0.5). */
double        cm_label_importance           (const char         *label);

/* The differences of a linked pair (documents in either order; the links
 * are read from the Chinese one), most important first (ties in document
 * order). A GPtrArray of CmDifference; empty if the documents hold no
 * links. */
GPtrArray    *cm_pair_find_differences      (CmDocument         *first,
                                             CmDocument         *second);

/* The same, with reasons naming labels by @taxonomy's names in @language
 * ("zh" or "en") instead of by their ids. @taxonomy may be NULL. */
GPtrArray    *cm_pair_find_differences_named (CmDocument        *first,
                                              CmDocument        *second,
                                              CmTaxonomy        *taxonomy,
                                              const char        *language);
/* How reasons name a label: the name @taxonomy gives @id in @language
 * ("zh" or "en"), or @id itself when @taxonomy is NULL or lacks it. */
const char   *cm_difference_label_name      (CmTaxonomy         *taxonomy,
                                             const char         *language,
                                             const char         *id);

/* Sorts differences most important first (ties in document order): the
 * order cm_pair_find_differences() returns. */
void          cm_differences_sort_by_importance (GPtrArray      *differences);

/* Sorts differences by position in the pair (link, then kind): the order
 * for stepping through them. */
void          cm_differences_sort_by_position (GPtrArray        *differences);

G_END_DECLS
