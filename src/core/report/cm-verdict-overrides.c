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
