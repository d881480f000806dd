/* cm-training-set.c — labelled sentences to train and evaluate models on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-training-set"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cm-bounded-read.h"
#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-flags.h"
#include "cm-json-guard.h"
#include "cm-segmenter.h"
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

typedef struct
{
  const char       *text;    /* in the set's string chunk, like the context's strings */
  guint64           labels;
  CmFeatureContext  context;
  guint             group;
  guint             weight;  /* copies in the first stage's loss; 1 unless set */
} Example;

struct _CmTrainingSet
{
  GArray       *examples;  /* of Example */
  GStringChunk *strings;   /* every text, once: neighbours share their copies */
  guint         n_groups;
};

CmTrainingSet *
cm_training_set_new (void)
{
  CmTrainingSet *set = g_new0 (CmTrainingSet, 1);

  set->examples = g_array_new (FALSE, FALSE, sizeof (Example));
  set->strings = g_string_chunk_new (64 * 1024);
  return set;
}

void
cm_training_set_free (CmTrainingSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->examples);
  g_string_chunk_free (set->strings);
  g_free (set);
}

static Example *
example_at (CmTrainingSet *set,
            guint          i)
{
  return &g_array_index (set->examples, Example, i);
}

guint
cm_training_set_get_size (CmTrainingSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->examples->len;
}

const char *
cm_training_set_get_text (CmTrainingSet *set,
                          guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->examples->len, NULL);
  return example_at (set, i)->text;
}

guint64
cm_training_set_get_labels (CmTrainingSet *set,
                            guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->examples->len, 0);
  return example_at (set, i)->labels;
}

const CmFeatureContext *
cm_training_set_get_context (CmTrainingSet *set,
                             guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->examples->len, NULL);
  return &example_at (set, i)->context;
}

guint
cm_training_set_get_group (CmTrainingSet *set,
                           guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->examples->len, 0);
  return example_at (set, i)->group;
}

guint
cm_training_set_get_weight (CmTrainingSet *set,
                            guint          i)
{
  g_return_val_if_fail (set != NULL && i < set->examples->len, 1);
  return example_at (set, i)->weight;
}

void
cm_training_set_set_weight_from (CmTrainingSet *set,
                                 guint          first,
                                 guint          weight)
{
  g_return_if_fail (set != NULL && first <= set->examples->len);
  g_return_if_fail (weight >= 1 && weight <= CM_TRAINING_SET_MAX_WEIGHT);

  for (guint i = first; i < set->examples->len; i++)
    example_at (set, i)->weight = weight;
}

guint
cm_training_set_get_n_groups (CmTrainingSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->n_groups;
}

guint *
cm_training_set_assign_folds (CmTrainingSet *set,
                              guint          n_folds,
                              guint32        seed)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree guint *order = NULL;
  guint *fold_of;

  g_return_val_if_fail (set != NULL && n_folds > 0, NULL);

  rand = g_rand_new_with_seed (seed);
  order = g_new (guint, MAX (set->n_groups, 1));
  fold_of = g_new0 (guint, MAX (set->n_groups, 1));
  for (guint g = 0; g < set->n_groups; g++)
    order[g] = g;
  for (guint g = set->n_groups; g > 1; g--)
    {
      guint k = g_rand_int_range (rand, 0, g);
      guint t = order[g - 1];
      order[g - 1] = order[k];
      order[k] = t;
    }
  for (guint g = 0; g < set->n_groups; g++)
    fold_of[order[g]] = g % n_folds;
  return fold_of;
}

guint
cm_training_set_new_group (CmTrainingSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->n_groups++;
}

static const char *
intern (CmTrainingSet *set,
        const char    *str)
{
  return str != NULL ? g_string_chunk_insert_const (set->strings, str) : NULL;
}

guint
cm_training_set_add_in_context (CmTrainingSet          *set,
                                const char             *text,
                                guint64                 labels,
                                const CmFeatureContext *context,
                                guint                   group)
{
  Example example = { 0, };
  CmFeatureContext none = CM_FEATURE_CONTEXT_INIT;

  g_return_val_if_fail (set != NULL && text != NULL, 0);
  g_return_val_if_fail (group < set->n_groups, 0);

  if (context == NULL)
    context = &none;
  example.text = intern (set, text);
  example.labels = labels;
  example.context = *context;
  example.context.previous = intern (set, context->previous);
  example.context.next = intern (set, context->next);
  example.context.heading = intern (set, context->heading);
  example.context.lead_in = intern (set, context->lead_in);
  example.group = group;
  example.weight = 1;
  g_array_append_val (set->examples, example);
  return set->examples->len - 1;
}

guint
cm_training_set_add_example (CmTrainingSet *set,
                             CmTrainingSet *from,
                             guint          src,
                             guint          group)
{
  guint index;

  g_return_val_if_fail (from != NULL && src < from->examples->len, 0);
  index = cm_training_set_add_in_context (set, example_at (from, src)->text,
                                          example_at (from, src)->labels,
                                          &example_at (from, src)->context, group);
  example_at (set, index)->weight = example_at (from, src)->weight;
  return index;
}

void
cm_training_set_append (CmTrainingSet  *set,
                        CmTrainingSet  *from,
                        const gboolean *keep)
{
  g_autofree int *new_group = NULL;

  g_return_if_fail (set != NULL && from != NULL && set != from);

  new_group = g_new (int, MAX (from->n_groups, 1));
  for (guint g = 0; g < from->n_groups; g++)
    new_group[g] = -1;
  for (guint i = 0; i < from->examples->len; i++)
    {
      guint g = example_at (from, i)->group;

      if (keep != NULL && !keep[i])
        continue;
      if (new_group[g] < 0)
        new_group[g] = cm_training_set_new_group (set);
      cm_training_set_add_example (set, from, i, new_group[g]);
    }
}

guint
cm_training_set_add (CmTrainingSet *set,
                     const char    *text,
                     guint64        labels,
                     int            previous)
{
  CmFeatureContext context = CM_FEATURE_CONTEXT_INIT;
  guint index, group;

  g_return_val_if_fail (set != NULL && text != NULL, 0);
  g_return_val_if_fail (previous < (int) set->examples->len, 0);

  if (previous >= 0)
    {
      context.previous = example_at (set, previous)->text;
      group = example_at (set, previous)->group;
    }
  else
    group = cm_training_set_new_group (set);
  index = cm_training_set_add_in_context (set, text, labels, &context, group);
  if (previous >= 0)
    example_at (set, previous)->context.next = example_at (set, index)->text;
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
  gsize length;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  contents = cm_read_file_bounded (path, CM_READ_MAX_POLICY, NULL, &length, error);
  if (contents == NULL)
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

/* Reads the sentences of a policy as a document, one paragraph each, and
 * lets the segmenter find its headings and lists; then makes each sentence
 * one clause, of the kind and under the heading path the segmenter gave
 * the text where the sentence starts. */
static CmDocument *
document_of_sentences (GPtrArray *sentences)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CmDocument) segmented = NULL;
  CmDocument *document;
  guint offset = 0, next_clause = 0, n_segmented;

  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);

      g_array_append_val (starts, offset);
      /* A line break inside a sentence would cut it in two. */
      for (const char *p = sentence; *p != '\0'; p++)
        g_string_append_c (text, *p == '\n' || *p == '\r' ? ' ' : *p);
      g_string_append (text, "\n\n");
      offset += g_utf8_strlen (sentence, -1) + 2;
    }
  segmented = cm_document_new ("policy", text->str);
  cm_segment_document (segmented, NULL, 0, CM_GRANULARITY_SENTENCE);
  n_segmented = cm_document_get_n_clauses (segmented);

  document = cm_document_new ("policy", text->str);
  for (guint i = 0; i < sentences->len; i++)
    {
      guint start = g_array_index (starts, guint, i);
      guint end = start + g_utf8_strlen (g_ptr_array_index (sentences, i), -1);
      CmClause *structure = NULL;
      CmClause *clause;
      CmClauseKind kind = CM_CLAUSE_KIND_BODY;
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);

      /* The last segmented clause that starts before the sentence ends. */
      while (next_clause < n_segmented
             && cm_clause_get_start (cm_document_get_clause (segmented, next_clause)) < end)
        next_clause++;
      if (next_clause > 0)
        structure = cm_document_get_clause (segmented, next_clause - 1);
      if (structure != NULL && cm_clause_get_end (structure) > start
          && cm_clause_get_kind (structure) != CM_CLAUSE_KIND_BOILERPLATE)
        kind = cm_clause_get_kind (structure);
      /* Every gold sentence is policy text, whatever the segmenter thought. */
      clause = cm_clause_new (id, start, end, kind);
      if (structure != NULL)
        cm_clause_set_heading_path (clause, cm_clause_get_heading_path (structure));
      g_ptr_array_add (clauses, clause);
    }
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  return document;
}

/* A CAPP-130 label name to its bit among the topics (not 摘要 / 潜在风险). */
static guint64
topic_bit (const char *name)
{
  int label = cm_privacy11_label_from_name (name);
  return label >= 0 ? G_GUINT64_CONSTANT (1) << label : 0;
}

/* 摘要 / Important and 潜在风险 / Risk as clause flags (cm-flags.h). */
static guint64
flag_bit (const char *name)
{
  CmFlag flag;
  return cm_flag_from_corpus_name (name, &flag) ? CM_FLAG_BIT (flag) : 0;
}

static gboolean
add_policy_jsonl (CmTrainingSet *set,
                  const char    *path,
                  guint64      (*bit_of_name) (const char *name),
                  GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) masks = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmClauseContexts) contexts = NULL;
  guint group;
  gsize length;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  contents = cm_read_file_bounded (path, CM_READ_MAX_POLICY, NULL, &length, error);
  if (contents == NULL)
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *where = g_strdup_printf ("%s:%u", path, i + 1);
      JsonObject *object;
      JsonArray *names;
      const char *text;
      guint64 mask = 0;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      root = cm_json_parse_guarded (lines[i], strlen (lines[i]), where, &local_error);
      if (root == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: not a JSON object", where);
          return FALSE;
        }
      object = json_node_get_object (root);
      text = json_object_get_string_member_with_default (object, "text", NULL);
      names = json_object_has_member (object, "label")
              ? json_object_get_array_member (object, "label") : NULL;
      if (text == NULL || names == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: expected \"text\" and \"label\" members", path, i + 1);
          return FALSE;
        }
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s:%u: not UTF-8", path, i + 1);
          return FALSE;
        }
      /* Names of the other kind and stray strings count for nothing. */
      for (guint k = 0; k < json_array_get_length (names); k++)
        {
          const char *name = json_array_get_string_element (names, k);
          if (name != NULL)
            mask |= bit_of_name (name);
        }
      g_ptr_array_add (sentences, g_strdup (text));
      g_array_append_val (masks, mask);
    }
  if (sentences->len == 0)
    return TRUE;

  document = document_of_sentences (sentences);
  contexts = cm_clause_contexts_new (document);
  g_assert (contexts->clauses->len == sentences->len);
  group = cm_training_set_new_group (set);
  for (guint i = 0; i < sentences->len; i++)
    cm_training_set_add_in_context (set, g_ptr_array_index (contexts->texts, i),
                                    g_array_index (masks, guint64, i),
                                    &contexts->contexts[i], group);
  return TRUE;
}

/* The language a clause is labelled in: its own when it is one, else
 * its document's. */
static const char *
clause_language (CmDocument *document,
                 CmClause   *clause)
{
  const char *lang = cm_clause_get_language (clause);

  if (g_strcmp0 (lang, "zh") == 0 || g_strcmp0 (lang, "en") == 0)
    return lang;
  return cm_document_get_language (document);
}

gboolean
cm_training_set_add_policy_jsonl (CmTrainingSet *set,
                                  const char    *path,
                                  GError       **error)
{
  g_return_val_if_fail (set != NULL && path != NULL, FALSE);
  return add_policy_jsonl (set, path, topic_bit, error);
}

gboolean
cm_training_set_add_policy_jsonl_flags (CmTrainingSet *set,
                                        const char    *path,
                                        GError       **error)
{
  g_return_val_if_fail (set != NULL && path != NULL, FALSE);
  return add_policy_jsonl (set, path, flag_bit, error);
}

gboolean
cm_training_set_add_reviewed (CmTrainingSet *set,
                              CmDocument    *document,
                              const char    *language,
                              GError       **error)
{
  g_autoptr(CmClauseContexts) contexts = NULL;
  int group = -1;

  g_return_val_if_fail (set != NULL && CM_IS_DOCUMENT (document), FALSE);

  contexts = cm_clause_contexts_new (document);
  for (guint i = 0; i < contexts->clauses->len; i++)
    {
      CmClause *clause = g_ptr_array_index (contexts->clauses, i);
      const char * const *labels;
      guint64 mask = 0;

      /* Only what a reviewer vouched for; unreviewed labels are the
       * model's own guesses (unreviewed text still serves as context). */
      if (cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED)
        continue;
      if (language != NULL && g_strcmp0 (clause_language (document, clause), language) != 0)
        continue;
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
                           "%s: clause %s: label '%s' is not in privacy-11",
                           cm_document_get_id (document), cm_clause_get_id (clause), labels[k]);
              return FALSE;
            }
          mask |= G_GUINT64_CONSTANT (1) << label;
        }
      if (group < 0)
        group = cm_training_set_new_group (set);
      cm_training_set_add_in_context (set, g_ptr_array_index (contexts->texts, i), mask,
                                      &contexts->contexts[i], group);
    }
  return TRUE;
}

gboolean
cm_training_set_add_document (CmTrainingSet *set,
                              const char    *path,
                              GError       **error)
{
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);

  document = cm_document_load (path, error);
  if (document == NULL)
    return FALSE;
  if (!cm_training_set_add_reviewed (set, document, NULL, &local_error))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", path, local_error->message);
      return FALSE;
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
