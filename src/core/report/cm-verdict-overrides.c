/* cm-verdict-overrides.c — reviewers' checklist verdicts, kept with a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-verdict-overrides"

#include "config.h"

#include "cm-verdict-overrides.h"

#define OVERRIDES_KEY "cm-verdict-overrides"

static void
override_free (CmVerdictOverride *o)
{
  g_free (o->checklist);
  g_free (o->item);
  g_free (o->verdict);
  g_free (o->note);
  g_free (o->reviewer);
  g_free (o->timestamp);
  g_free (o);
}

GPtrArray *
cm_document_get_verdict_overrides (CmDocument *document)
{
  GPtrArray *overrides;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  overrides = g_object_get_data (G_OBJECT (document), OVERRIDES_KEY);
  if (overrides == NULL)
    {
      overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
      g_object_set_data_full (G_OBJECT (document), OVERRIDES_KEY, overrides,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  return overrides;
}

static int
find_index (GPtrArray  *overrides,
            const char *checklist,
            const char *item)
{
  for (guint i = 0; i < overrides->len; i++)
    {
      CmVerdictOverride *o = g_ptr_array_index (overrides, i);
      if (g_str_equal (o->checklist, checklist) && g_str_equal (o->item, item))
        return i;
    }
  return -1;
}

const CmVerdictOverride *
cm_document_find_verdict_override (CmDocument *document,
                                   const char *checklist,
                                   const char *item)
{
  GPtrArray *overrides;
  int i;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (checklist != NULL && item != NULL, NULL);

  overrides = cm_document_get_verdict_overrides (document);
  i = find_index (overrides, checklist, item);
  return i >= 0 ? g_ptr_array_index (overrides, i) : NULL;
}

void
cm_document_set_verdict_override (CmDocument *document,
                                  const char *checklist,
                                  const char *item,
                                  const char *verdict,
                                  const char *note,
                                  const char *reviewer,
                                  const char *timestamp)
{
  GPtrArray *overrides;
  CmVerdictOverride *o;
  int i;

  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (checklist != NULL && item != NULL);

  overrides = cm_document_get_verdict_overrides (document);
  i = find_index (overrides, checklist, item);
  if (i >= 0)
    g_ptr_array_remove_index (overrides, i);
  if (verdict == NULL)
    return;
  o = g_new0 (CmVerdictOverride, 1);
  o->checklist = g_strdup (checklist);
  o->item = g_strdup (item);
  o->verdict = g_strdup (verdict);
  o->note = g_strdup (note);
  o->reviewer = g_strdup (reviewer);
  if (timestamp != NULL)
    o->timestamp = g_strdup (timestamp);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      o->timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }
  g_ptr_array_add (overrides, o);
}

static CmVerdictOverride *
override_copy (const CmVerdictOverride *o)
{
  CmVerdictOverride *copy = g_new0 (CmVerdictOverride, 1);

  copy->checklist = g_strdup (o->checklist);
  copy->item = g_strdup (o->item);
  copy->verdict = g_strdup (o->verdict);
  copy->note = g_strdup (o->note);
  copy->reviewer = g_strdup (o->reviewer);
  copy->timestamp = g_strdup (o->timestamp);
  return copy;
}

GPtrArray *
cm_verdict_overrides_copy (GPtrArray *overrides)
{
  GPtrArray *copy;

  g_return_val_if_fail (overrides != NULL, NULL);

  copy = g_ptr_array_new_full (overrides->len, (GDestroyNotify) override_free);
  for (guint i = 0; i < overrides->len; i++)
    g_ptr_array_add (copy, override_copy (g_ptr_array_index (overrides, i)));
  return copy;
}

static gboolean
override_equal (const CmVerdictOverride *a,
                const CmVerdictOverride *b)
{
  return g_str_equal (a->checklist, b->checklist) && g_str_equal (a->item, b->item)
         && g_strcmp0 (a->verdict, b->verdict) == 0 && g_strcmp0 (a->note, b->note) == 0
         && g_strcmp0 (a->reviewer, b->reviewer) == 0
         && g_strcmp0 (a->timestamp, b->timestamp) == 0;
}

gboolean
cm_verdict_overrides_equal (GPtrArray *a,
                            GPtrArray *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!override_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

void
cm_document_replace_verdict_overrides (CmDocument *document,
                                       GPtrArray  *overrides)
{
  GPtrArray *own;

  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (overrides != NULL);

  own = cm_document_get_verdict_overrides (document);
  if (own == overrides)
    return;
  g_ptr_array_set_size (own, 0);
  for (guint i = 0; i < overrides->len; i++)
    g_ptr_array_add (own, override_copy (g_ptr_array_index (overrides, i)));
}
