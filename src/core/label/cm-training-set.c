/* cm-training-set.c — labelled sentences to train and evaluate models on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-training-set"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-training-set.h"

static const char * const privacy11_ids[] = {
  "collection", "permission", "sharing", "usage", "retention", "security",
  "special-audiences", "user-rights", "contact", "policy-change", "cessation",
  NULL
};

/* CAPP-130's label_explanation.json names, same order. */
static const char * const privacy11_chinese[] = {
  "数据收集", "权限获取", "共享、委托、转让、公开（披露）", "使用", "存储方式", "安全措施",
  "特殊人群", "数据、权限管理", "联系方式", "隐私政策的授权、修改与变更", "停止运营",
};

/* Their English names, as in CAPP-130's translation_en files. */
static const char * const privacy11_english[] = {
  "First Party Collection Information", "Permission Acquisition",
  "Third Party Sharing/ Disclosure", "Usage", "Data Retention", "Data Security",
  "Specific Audiences", "Edit/Control", "Contact Information", "Policy Change",
  "Cessation of Operations",
};

/* APPSI-139 vector position -> privacy-11 index. */
static const guint appsi139_to_privacy11[CM_PRIVACY11_N_LABELS] = {
  0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 6
};

const char * const *
cm_privacy11_label_ids (void)
{
  return privacy11_ids;
}

int
cm_privacy11_label_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < CM_PRIVACY11_N_LABELS; i++)
    if (g_str_equal (privacy11_chinese[i], name) || g_str_equal (privacy11_english[i], name))
      return i;
  return -1;
}

CmTrainingSet *
cm_training_set_new (void)
{
  CmTrainingSet *set = g_new0 (CmTrainingSet, 1);

  set->texts = g_ptr_array_new_with_free_func (g_free);
  set->labels = g_array_new (FALSE, FALSE, sizeof (guint64));
  set->previous = g_array_new (FALSE, FALSE, sizeof (gint));
  set->next = g_array_new (FALSE, FALSE, sizeof (gint));
  return set;
}

void
cm_training_set_free (CmTrainingSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->texts);
  g_array_unref (set->labels);
  g_array_unref (set->previous);
  g_array_unref (set->next);
  g_free (set);
}

guint
cm_training_set_get_size (CmTrainingSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->texts->len;
}

const char *
cm_training_set_get_text (CmTrainingSet *set,
                          guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->texts->len, NULL);
  return g_ptr_array_index (set->texts, i);
}

guint64
cm_training_set_get_labels (CmTrainingSet *set,
                            guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->labels->len, 0);
  return g_array_index (set->labels, guint64, i);
}

const char *
cm_training_set_get_previous (CmTrainingSet *set,
                              guint          i)
{
  int j;

  g_return_val_if_fail (set != NULL && i < set->texts->len, NULL);
  j = g_array_index (set->previous, gint, i);
  return j >= 0 ? g_ptr_array_index (set->texts, j) : NULL;
}

const char *
cm_training_set_get_next (CmTrainingSet *set,
                          guint          i)
{
  int j;

  g_return_val_if_fail (set != NULL && i < set->texts->len, NULL);
  j = g_array_index (set->next, gint, i);
  return j >= 0 ? g_ptr_array_index (set->texts, j) : NULL;
}

guint
cm_training_set_add (CmTrainingSet *set,
                     const char    *text,
                     guint64        labels,
                     int            previous)
{
  guint index;
  int none = -1;

  g_return_val_if_fail (set != NULL && text != NULL, 0);
  g_return_val_if_fail (previous < (int) set->texts->len, 0);

  index = set->texts->len;
  g_ptr_array_add (set->texts, g_strdup (text));
  g_array_append_val (set->labels, labels);
  g_array_append_val (set->previous, previous);
  g_array_append_val (set->next, none);
  if (previous >= 0)
    g_array_index (set->next, gint, previous) = index;
  return index;
}

/* "[0, 1, 0, ...]" -> mask in privacy-11 order. */
static gboolean
parse_vector (const char  *str,
              CmLabelOrder order,
              guint64     *mask)
{
  guint n = 0;

  *mask = 0;
  while (*str == ' ')
    str++;
  if (*str++ != '[')
    return FALSE;
  for (;;)
    {
      while (*str == ' ')
        str++;
      if (*str == ']')
        break;
      if ((*str != '0' && *str != '1') || n >= CM_PRIVACY11_N_LABELS)
        return FALSE;
      if (*str == '1')
        {
          guint label = order == CM_LABEL_ORDER_APPSI139 ? appsi139_to_privacy11[n] : n;
          *mask |= G_GUINT64_CONSTANT (1) << label;
        }
      n++;
      str++;
      while (*str == ' ')
        str++;
      if (*str == ',')
        str++;
    }
  return n == CM_PRIVACY11_N_LABELS;
}

gboolean
cm_training_set_add_topic_file (CmTrainingSet *set,
                                const char    *path,
                                CmLabelOrder   order,
                                GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8", path);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *tab;
      guint64 mask;

      g_strchomp (line);
      if (line[0] == '\0')
        continue;
      tab = strrchr (line, '\t');
      if (tab == NULL || !parse_vector (tab + 1, order, &mask))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: expected 'sentence<TAB>[11 zeros/ones]'", path, i + 1);
          return FALSE;
        }
      *tab = '\0';
      /* APPSI-139 replaced every space by a comma. */
      if (order == CM_LABEL_ORDER_APPSI139)
        g_strdelimit (line, ",", ' ');
      cm_training_set_add (set, line, mask, -1);
    }
  return TRUE;
}

gboolean
cm_training_set_add_policy_jsonl (CmTrainingSet *set,
                                  const char    *path,
                                  GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int previous = -1;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *object;
      JsonArray *names;
      const char *text;
      guint64 mask = 0;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, &local_error)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s:%u: not a JSON object%s%s",
                       path, i + 1, local_error ? ": " : "",
                       local_error ? local_error->message : "");
          return FALSE;
        }
      object = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member_with_default (object, "text", NULL);
      names = json_object_has_member (object, "label")
              ? json_object_get_array_member (object, "label") : NULL;
      if (text == NULL || names == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: expected \"text\" and \"label\" members", path, i + 1);
          return FALSE;
        }
      /* Summary / risk marks and stray strings are not data practices. */
      for (guint k = 0; k < json_array_get_length (names); k++)
        {
          const char *name = json_array_get_string_element (names, k);
          int label = name != NULL ? cm_privacy11_label_from_name (name) : -1;
          if (label >= 0)
            mask |= G_GUINT64_CONSTANT (1) << label;
        }
      previous = cm_training_set_add (set, text, mask, previous);
    }
  return TRUE;
}

gboolean
cm_training_set_add_document (CmTrainingSet *set,
                              const char    *path,
                              GError       **error)
{
  g_autoptr(CmDocument) document = NULL;
  int previous = -1;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  document = cm_document_load (path, error);
  if (document == NULL)
    return FALSE;
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      const char * const *labels;
      g_autofree char *text = NULL;
      guint64 mask = 0;

      /* Only what a reviewer vouched for; unreviewed labels are the
       * model's own guesses. */
      if (!cm_clause_is_labelable (clause)
          || cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED)
        {
          previous = -1;
          continue;
        }
      labels = cm_clause_get_labels (clause);
      for (guint k = 0; labels != NULL && labels[k] != NULL; k++)
        {
          int label = -1;
          for (guint id = 0; id < CM_PRIVACY11_N_LABELS; id++)
            if (g_str_equal (privacy11_ids[id], labels[k]))
              label = id;
          if (label < 0)
            {
              g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                           "%s: clause %s: label '%s' is not in privacy-11", path,
                           cm_clause_get_id (clause), labels[k]);
              return FALSE;
            }
          mask |= G_GUINT64_CONSTANT (1) << label;
        }
      text = cm_document_dup_clause_text (document, clause);
      previous = cm_training_set_add (set, text, mask, previous);
    }
  return TRUE;
}

gboolean
cm_training_set_add_file (CmTrainingSet *set,
                          const char    *path,
                          CmLabelOrder   order,
                          GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[64] = { 0 };
  gssize n;
  gsize skip = 0;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  if (cm_path_is_document (path))
    return cm_training_set_add_document (set, path, error);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head - 1, NULL, error);
  if (n < 0)
    return FALSE;
  if (n >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  if (head[skip] == '{')
    return cm_training_set_add_policy_jsonl (set, path, error);
  return cm_training_set_add_topic_file (set, path, order, error);
}
