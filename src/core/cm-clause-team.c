/* cm-clause-team.c — a team's answers on a clause
 *
 * Each annotator's own answer (CmAnnotation: labels, status, note, span),
 * at most one an annotator, and whether a curator adjudicated the clause's
 * labels from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause"

#include "config.h"

#include <string.h>

#include "cm-clause-private.h"
#include "cm-util-private.h"

guint
cm_clause_get_n_annotations (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->annotations ? self->annotations->len : 0;
}

CmAnnotation *
cm_clause_get_annotation (CmClause *self,
                          guint     position)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  g_return_val_if_fail (position < cm_clause_get_n_annotations (self), NULL);
  return g_ptr_array_index (self->annotations, position);
}

/* The position of @annotator's annotation, or where it would go. */
static gboolean
find_annotator (CmClause   *self,
                const char *annotator,
                guint      *position)
{
  guint low = 0, high = cm_clause_get_n_annotations (self);

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      int cmp = strcmp (cm_annotation_get_annotator (g_ptr_array_index (self->annotations, mid)),
                        annotator);

      if (cmp == 0)
        {
          *position = mid;
          return TRUE;
        }
      if (cmp < 0)
        low = mid + 1;
      else
        high = mid;
    }
  *position = low;
  return FALSE;
}

CmAnnotation *
cm_clause_lookup_annotation (CmClause   *self,
                             const char *annotator)
{
  guint position;

  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  g_return_val_if_fail (annotator != NULL, NULL);
  return find_annotator (self, annotator, &position)
         ? g_ptr_array_index (self->annotations, position) : NULL;
}

void
cm_clause_set_annotation (CmClause     *self,
                          CmAnnotation *annotation)
{
  guint position;

  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (CM_IS_ANNOTATION (annotation));

  if (self->annotations == NULL)
    self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  if (find_annotator (self, cm_annotation_get_annotator (annotation), &position))
    {
      if (g_ptr_array_index (self->annotations, position) == annotation)
        return;
      g_object_unref (g_ptr_array_index (self->annotations, position));
      g_ptr_array_index (self->annotations, position) = g_object_ref (annotation);
    }
  else
    g_ptr_array_insert (self->annotations, position, g_object_ref (annotation));
  cm_clause_notify (self, PROP_ANNOTATIONS);
}

gboolean
cm_clause_remove_annotation (CmClause   *self,
                             const char *annotator)
{
  guint position;

  g_return_val_if_fail (CM_IS_CLAUSE (self), FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);

  if (!find_annotator (self, annotator, &position))
    return FALSE;
  g_ptr_array_remove_index (self->annotations, position);
  cm_clause_notify (self, PROP_ANNOTATIONS);
  return TRUE;
}

void
cm_clause_annotate (CmClause           *self,
                    const char         *annotator,
                    const char * const *labels,
                    CmReviewStatus      status)
{
  g_autoptr(CmAnnotation) annotation = NULL;
  CmAnnotation *previous;

  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (annotator != NULL && annotator[0] != '\0');
  g_return_if_fail (status != CM_REVIEW_STATUS_UNREVIEWED);

  /* The annotator's note stays with their new answer. */
  previous = cm_clause_lookup_annotation (self, annotator);
  annotation = cm_annotation_new (annotator, labels, status, NULL,
                                  previous ? cm_annotation_get_note (previous) : NULL);
  cm_clause_set_annotation (self, annotation);
}

gboolean
cm_clause_get_adjudicated (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), FALSE);
  return self->adjudicated;
}

void
cm_clause_set_adjudicated (CmClause *self,
                           gboolean  adjudicated)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  adjudicated = !!adjudicated;
  if (self->adjudicated != adjudicated)
    {
      self->adjudicated = adjudicated;
      cm_clause_notify (self, PROP_ADJUDICATED);
    }
}

void
cm_clause_adjudicate (CmClause           *self,
                      const char * const *labels,
                      const char         *curator)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (curator != NULL && curator[0] != '\0');

  g_object_freeze_notify (G_OBJECT (self));
  cm_clause_set_labels (self, labels);
  cm_clause_mark_reviewed (self, CM_REVIEW_STATUS_CORRECTED, curator);
  cm_clause_set_adjudicated (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}
