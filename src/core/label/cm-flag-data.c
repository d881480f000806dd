/* cm-flag-data.c — labelled sentences for the clause flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-flag-data"

#include "config.h"

#include <string.h>

#include "cm-error.h"
#include "cm-flag-data.h"

static gboolean
read_contents (const char *path,
               char      **contents,
               GError    **error)
{
  if (!g_file_get_contents (path, contents, NULL, error))
    return FALSE;
  if (!g_utf8_validate (*contents, -1, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8", path);
      g_clear_pointer (contents, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_training_set_add_flag_split (CmTrainingSet *set,
                                const char    *path,
                                CmFlag         flag,
                                GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);
  g_return_val_if_fail (flag < CM_N_FLAGS, FALSE);

  if (!read_contents (path, &contents, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab;

      g_strchomp (lines[i]);
      /* No comment lines: the corpora's sentences may start with '#'. */
      if (lines[i][0] == '\0')
        continue;
      tab = strrchr (lines[i], '\t');
      if (tab == NULL || (strcmp (tab + 1, "0") != 0 && strcmp (tab + 1, "1") != 0))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: expected 'sentence<TAB>0|1'", path, i + 1);
          return FALSE;
        }
      *tab = '\0';
      cm_training_set_add (set, lines[i], tab[1] == '1' ? CM_FLAG_BIT (flag) : 0, -1);
    }
  return TRUE;
}

gboolean
cm_training_set_add_flag_file (CmTrainingSet *set,
                               const char    *path,
                               CmFlag         flag,
                               GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[1];
  gssize n;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, error);
  if (n < 0)
    return FALSE;
  if (n == 1 && head[0] == '{')
    return cm_training_set_add_policy_jsonl_flags (set, path, error);
  return cm_training_set_add_flag_split (set, path, flag, error);
}

CmTrainingSet *
cm_training_set_select_flags (CmTrainingSet *set,
                              const CmFlag  *flags,
                              guint          n_flags)
{
  CmTrainingSet *selected;

  g_return_val_if_fail (set != NULL && (flags != NULL || n_flags == 0), NULL);

  selected = cm_training_set_new ();
  /* The same documents, so cross-validation keeps them whole. */
  for (guint g = 0; g < cm_training_set_get_n_groups (set); g++)
    cm_training_set_new_group (selected);
  for (guint i = 0; i < cm_training_set_get_size (set); i++)
    {
      guint64 from = cm_training_set_get_labels (set, i), to = 0;

      for (guint f = 0; f < n_flags; f++)
        if (from & CM_FLAG_BIT (flags[f]))
          to |= G_GUINT64_CONSTANT (1) << f;
      cm_training_set_add_in_context (selected, cm_training_set_get_text (set, i), to,
                                      cm_training_set_get_context (set, i),
                                      cm_training_set_get_group (set, i));
    }
  return selected;
}
