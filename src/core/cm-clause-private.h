/* cm-clause-private.h — shared by cm-clause.c, cm-clause-review.c and
 * cm-clause-team.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-clause.h"

G_BEGIN_DECLS

struct _CmClause
{
  GObject       parent_instance;

  char         *id;
  guint         start;
  guint         end;
  CmClauseKind  kind;
  guint         level;
  char         *marker;
  const char   *cut;         /* interned: why the segmenter cut here, or NULL */
  char        **heading_path;  /* one reference-counted block, maybe shared */
  const char   *language;     /* interned */
  char        **labels;
  CmSuggestion *suggestions;  /* labels interned */
  guint         n_suggestions;
  double        confidence;
  CmReviewStatus status;
  char         *reviewer;
  char         *timestamp;
  char         *note;
  GPtrArray    *annotations;  /* of CmAnnotation, by annotator; NULL when none */
  gboolean      adjudicated;
  CmFlags       flags;
  double        flag_scores[CM_N_FLAGS];  /* negative: no model has scored it */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_START,
  PROP_END,
  PROP_KIND,
  PROP_LABELS,
  PROP_SUGGESTIONS,
  PROP_CONFIDENCE,
  PROP_STATUS,
  PROP_NOTE,
  PROP_ANNOTATIONS,
  PROP_ADJUDICATED,
  PROP_FLAGS,
  N_PROPS
};

/* What the getters return for an unset string array. */
static const char * const empty_strv[] = { NULL };

/* Notifies the property @prop_id (one of the above) of @self. */
void cm_clause_notify (CmClause *self,
                       guint     prop_id);

G_END_DECLS
