/* cm-flags.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-flags"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-flags.h"

static const char * const flag_ids[] = { "key", "risk", "sensitive", NULL };

const char * const *
cm_flag_ids (void)
{
  return flag_ids;
}

const char *
cm_flag_to_string (CmFlag flag)
{
  g_return_val_if_fail (flag < CM_N_FLAGS, NULL);

  return flag_ids[flag];
}

gboolean
cm_flag_from_string (const char *str,
                     CmFlag     *flag)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < CM_N_FLAGS; i++)
    if (g_str_equal (str, flag_ids[i]))
      {
        if (flag != NULL)
          *flag = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cm_flag_get_name (CmFlag flag)
{
  g_return_val_if_fail (flag < CM_N_FLAGS, NULL);

  switch (flag)
    {
    case CM_FLAG_KEY:
      return _("Key clause");
    case CM_FLAG_RISK:
      return _("Risk");
    case CM_FLAG_SENSITIVE:
      return _("Sensitive data");
    case CM_N_FLAGS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

char
cm_flag_get_key (CmFlag flag)
{
  static const char keys[CM_N_FLAGS] = { 'K', 'R', 'S' };

  g_return_val_if_fail (flag < CM_N_FLAGS, 0);

  return keys[flag];
}

gboolean
cm_flag_from_corpus_name (const char *name,
                          CmFlag     *flag)
{
  g_return_val_if_fail (name != NULL && flag != NULL, FALSE);

  if (g_str_equal (name, "摘要") || g_str_equal (name, "Important"))
    *flag = CM_FLAG_KEY;
  else if (g_str_equal (name, "潜在风险") || g_str_equal (name, "Risk"))
    *flag = CM_FLAG_RISK;
  else
    return FALSE;
  return TRUE;
}
