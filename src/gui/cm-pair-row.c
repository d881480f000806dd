/* cm-pair-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-pair-row.h"

struct _CmPairRow
{
  GObject       parent_instance;

  guint         link_index;
  char         *zh_text;
  char         *en_text;
  CmDifference *difference;
  gboolean      reviewed;
  gboolean      moved;
};

G_DEFINE_FINAL_TYPE (CmPairRow, cm_pair_row, G_TYPE_OBJECT)

static void
cm_pair_row_finalize (GObject *object)
{
  CmPairRow *self = CM_PAIR_ROW (object);

  g_free (self->zh_text);
  g_free (self->en_text);
  g_clear_pointer (&self->difference, cm_difference_free);
  G_OBJECT_CLASS (cm_pair_row_parent_class)->finalize (object);
}

static void
cm_pair_row_class_init (CmPairRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_pair_row_finalize;
}

static void
cm_pair_row_init (CmPairRow *self)
{
}

CmPairRow *
cm_pair_row_new (guint               link_index,
                 const char         *zh_text,
                 const char         *en_text,
                 const CmDifference *difference,
                 gboolean            reviewed)
{
  CmPairRow *self = g_object_new (CM_TYPE_PAIR_ROW, NULL);

  self->link_index = link_index;
  self->zh_text = g_strdup (zh_text ? zh_text : "");
  self->en_text = g_strdup (en_text ? en_text : "");
  self->difference = difference ? cm_difference_copy (difference) : NULL;
  self->reviewed = reviewed;
  return self;
}

guint
cm_pair_row_get_link_index (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), 0);
  return self->link_index;
}

const char *
cm_pair_row_get_zh_text (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), NULL);
  return self->zh_text;
}

const char *
cm_pair_row_get_en_text (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), NULL);
  return self->en_text;
}

const CmDifference *
cm_pair_row_get_difference (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), NULL);
  return self->difference;
}

gboolean
cm_pair_row_get_reviewed (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), FALSE);
  return self->reviewed;
}

void
cm_pair_row_set_moved (CmPairRow *self,
                       gboolean   moved)
{
  g_return_if_fail (CM_IS_PAIR_ROW (self));
  self->moved = moved;
}

gboolean
cm_pair_row_get_moved (CmPairRow *self)
{
  g_return_val_if_fail (CM_IS_PAIR_ROW (self), FALSE);
  return self->moved;
}

char *
cm_pair_row_describe (CmPairRow *self,
                      double    *importance)
{
  const CmDifference *difference = cm_pair_row_get_difference (self);
  guint index = cm_pair_row_get_link_index (self);
  g_autofree char *reason = NULL;

  g_return_val_if_fail (CM_IS_PAIR_ROW (self), NULL);
  g_return_val_if_fail (importance != NULL, NULL);

  if (difference == NULL)
    return NULL;
  if (difference->link_reasons != NULL && index >= difference->link_index
      && index - difference->link_index < difference->n_links)
    {
      guint k = index - difference->link_index;

      *importance = difference->link_importances[k];
      /* TRANSLATORS: the row's place in a run of clauses missing in a
       * row (%2$u), the run's length (%3$u), then the row's own reason
       * (%1$s: "Chinese clause has no English counterpart"). The place
       * comes first so that a long reason cut short keeps it. */
      reason = g_strdup_printf (_("%2$u of %3$u in a row: %1$s"),
                                difference->link_reasons[k], k + 1, difference->n_links);
    }
  else
    {
      *importance = difference->importance;
      reason = g_strdup (difference->reason);
    }
  if (cm_pair_row_get_reviewed (self))
    return g_strdup_printf (_("Reviewed: %s"), reason);
  return g_steal_pointer (&reason);
}
