/* cm-clause-review.c — what the classifiers and the reviewer say of a clause
 *
 * Its labels, the classifiers' suggestions and confidence, the review
 * status with who reviewed it and when, the reviewer's note, and the flags
 * (key, risk, sensitive) with their scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause"

#include "config.h"

#include <string.h>

#include "cm-clause-private.h"
#include "cm-util-private.h"

const char * const *
cm_clause_get_labels (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->labels ? (const char * const *) self->labels : empty_strv;
}

void
cm_clause_set_labels (CmClause           *self,
                      const char * const *labels)
{
  g_return_if_fail (CM_IS_CLAUSE (self));

  if (g_strv_equal ((const char * const *) cm_clause_get_labels (self),
                    labels ? labels : empty_strv))
    return;
  g_strfreev (self->labels);
  self->labels = (labels && labels[0]) ? g_strdupv ((char **) labels) : NULL;
  cm_clause_notify (self, PROP_LABELS);
}

gboolean
cm_clause_has_label (CmClause   *self,
                     const char *label)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  return self->labels != NULL && g_strv_contains ((const char * const *) self->labels, label);
}

void
cm_clause_toggle_label (CmClause   *self,
                        const char *label)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  gboolean had;

  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (label != NULL);

  had = cm_clause_has_label (self, label);
  for (guint i = 0; self->labels && self->labels[i]; i++)
    if (!g_str_equal (self->labels[i], label))
      g_strv_builder_add (builder, self->labels[i]);
  if (!had)
    g_strv_builder_add (builder, label);
  labels = g_strv_builder_end (builder);
  cm_clause_set_labels (self, (const char * const *) labels);
}

const CmSuggestion *
cm_clause_get_suggestions (CmClause *self,
                           guint    *n_suggestions)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  if (n_suggestions)
    *n_suggestions = self->n_suggestions;
  return self->suggestions;
}

void
cm_clause_set_suggestions (CmClause           *self,
                           const CmSuggestion *suggestions,
                           guint               n_suggestions)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (n_suggestions == 0 || suggestions != NULL);

  g_clear_pointer (&self->suggestions, g_free);
  self->n_suggestions = n_suggestions;
  if (n_suggestions > 0)
    {
      self->suggestions = g_new (CmSuggestion, n_suggestions);
      for (guint i = 0; i < n_suggestions; i++)
        {
          self->suggestions[i].label = g_intern_string (suggestions[i].label);
          self->suggestions[i].score = suggestions[i].score;
        }
    }
  cm_clause_notify (self, PROP_SUGGESTIONS);
}

double
cm_clause_get_confidence (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), -1.0);
  return self->confidence;
}

void
cm_clause_set_confidence (CmClause *self,
                          double    confidence)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (confidence <= 1.0);
  if (self->confidence != confidence)
    {
      self->confidence = confidence;
      cm_clause_notify (self, PROP_CONFIDENCE);
    }
}

CmReviewStatus
cm_clause_get_status (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), CM_REVIEW_STATUS_UNREVIEWED);
  return self->status;
}

void
cm_clause_set_status (CmClause       *self,
                      CmReviewStatus  status)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  if (self->status != status)
    {
      self->status = status;
      cm_clause_notify (self, PROP_STATUS);
    }
}

const char *
cm_clause_get_reviewer (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->reviewer;
}

void
cm_clause_set_reviewer (CmClause   *self,
                        const char *reviewer)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  cm_set_str (&self->reviewer, reviewer);
}

const char *
cm_clause_get_timestamp (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->timestamp;
}

void
cm_clause_set_timestamp (CmClause   *self,
                         const char *timestamp)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  cm_set_str (&self->timestamp, timestamp);
}

/* Records a review decision with who made it and when (UTC, ISO 8601). */
void
cm_clause_mark_reviewed (CmClause       *self,
                         CmReviewStatus  status,
                         const char     *reviewer)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  g_return_if_fail (CM_IS_CLAUSE (self));

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format_iso8601 (now);
  cm_clause_set_reviewer (self, reviewer);
  cm_clause_set_timestamp (self, status == CM_REVIEW_STATUS_UNREVIEWED ? NULL : stamp);
  cm_clause_set_status (self, status);
}

const char *
cm_clause_get_note (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->note;
}

void
cm_clause_set_note (CmClause   *self,
                    const char *note)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  if (note != NULL && note[0] == '\0')
    note = NULL;
  if (cm_set_str (&self->note, note))
    cm_clause_notify (self, PROP_NOTE);
}

CmFlags
cm_clause_get_flags (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->flags;
}

void
cm_clause_set_flags (CmClause *self,
                     CmFlags   flags)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail ((flags & ~CM_FLAGS_ALL) == 0);

  if (self->flags == flags)
    return;
  self->flags = flags;
  cm_clause_notify (self, PROP_FLAGS);
}

gboolean
cm_clause_has_flag (CmClause *self,
                    CmFlag    flag)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), FALSE);
  g_return_val_if_fail (flag < CM_N_FLAGS, FALSE);
  return (self->flags & CM_FLAG_BIT (flag)) != 0;
}

void
cm_clause_toggle_flag (CmClause *self,
                       CmFlag    flag)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (flag < CM_N_FLAGS);
  cm_clause_set_flags (self, self->flags ^ CM_FLAG_BIT (flag));
}

double
cm_clause_get_flag_score (CmClause *self,
                          CmFlag    flag)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), -1.0);
  g_return_val_if_fail (flag < CM_N_FLAGS, -1.0);
  return self->flag_scores[flag];
}

void
cm_clause_set_flag_score (CmClause *self,
                          CmFlag    flag,
                          double    score)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (flag < CM_N_FLAGS);
  g_return_if_fail (score <= 1.0);

  self->flag_scores[flag] = score < 0.0 ? -1.0 : score;
  cm_clause_notify (self, PROP_FLAGS);
}
