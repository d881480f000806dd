/* cm-model-set.c — the auto-labeller: one trained model per language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-model-set"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-error.h"
#include "cm-clause-context.h"
#include "cm-model-set.h"
#include "cm-model.h"
#include "cm-paths.h"
#include "cm-stack-windows.h"
#include "cm-stacker.h"

#define MODEL_SUFFIX ".cmmodel"

struct _CmModelSet
{
  GObject     parent_instance;

  GHashTable *models;  /* language -> CmModel */
};

G_DEFINE_FINAL_TYPE (CmModelSet, cm_model_set, G_TYPE_OBJECT)

void
cm_contribution_free (CmContribution *contribution)
{
  if (contribution == NULL)
    return;
  g_free (contribution->feature);
  g_free (contribution);
}

static void
cm_model_set_finalize (GObject *object)
{
  CmModelSet *self = CM_MODEL_SET (object);

  g_hash_table_unref (self->models);

  G_OBJECT_CLASS (cm_model_set_parent_class)->finalize (object);
}

static void
cm_model_set_class_init (CmModelSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_model_set_finalize;
}

static void
cm_model_set_init (CmModelSet *self)
{
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CmModelSet *
cm_model_set_load (const char *directory,
                   GError    **error)
{
  g_autoptr(CmModelSet) self = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (directory != NULL, NULL);

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, MODEL_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));

  self = g_object_new (CM_TYPE_MODEL_SET, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (directory, file_name, NULL);
      g_autofree char *stem = g_strndup (file_name, strlen (file_name) - strlen (MODEL_SUFFIX));
      CmModel *model = cm_model_load (path, error);

      if (model == NULL)
        return NULL;
      if (!g_str_equal (cm_model_get_language (model), stem))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: holds a model for '%s', but its name says '%s'", path,
                       cm_model_get_language (model), stem);
          g_object_unref (model);
          return NULL;
        }
      g_hash_table_replace (self->models, g_steal_pointer (&stem), model);
    }
  if (g_hash_table_size (self->models) == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "%s: no *%s file", directory,
                   MODEL_SUFFIX);
      return NULL;
    }
  return g_steal_pointer (&self);
}

CmModelSet *
cm_model_set_load_default (GError **error)
{
  g_autofree char *directory = cm_build_data_path ("models", NULL);

  return cm_model_set_load (directory, error);
}

gboolean
cm_model_set_has_language (CmModelSet *set,
                           const char *lang)
{
  g_return_val_if_fail (CM_IS_MODEL_SET (set), FALSE);
  return lang != NULL && g_hash_table_contains (set->models, lang);
}

CmModel *
cm_model_set_get_model (CmModelSet *set,
                        const char *lang)
{
  g_return_val_if_fail (CM_IS_MODEL_SET (set), NULL);
  return lang != NULL ? g_hash_table_lookup (set->models, lang) : NULL;
}

char **
cm_model_set_dup_languages (CmModelSet *set)
{
  g_autofree gpointer *keys = NULL;
  guint n;
  char **languages;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), NULL);

  keys = g_hash_table_get_keys_as_array (set->models, &n);
  languages = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    languages[i] = g_strdup (keys[i]);
  qsort (languages, n, sizeof (char *), (int (*) (const void *, const void *)) g_strcmp0);
  return languages;
}

/* "zh" when CJK characters outnumber Latin letters, else "en". */
static const char *
dominant_script (const char *text)
{
  guint cjk = 0, latin = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x2E80 && c <= 0x9FFF)
        cjk++;
      else if (g_ascii_isalpha (c))
        latin++;
    }
  /* A Chinese character carries about as much as a short English word. */
  return cjk * 4 >= latin ? "zh" : "en";
}

static CmModel *
model_for_clause (CmModelSet *set,
                  CmDocument *document,
                  CmClause   *clause,
                  const char *text)
{
  const char *lang = cm_clause_get_language (clause);

  if (lang != NULL && g_hash_table_contains (set->models, lang))
    return g_hash_table_lookup (set->models, lang);
  lang = cm_document_get_language (document);
  if (lang != NULL && g_hash_table_contains (set->models, lang))
    return g_hash_table_lookup (set->models, lang);
  return g_hash_table_lookup (set->models, dominant_script (text));
}

const char *
cm_model_set_pick_language (CmModelSet *set,
                            CmDocument *document,
                            CmClause   *clause)
{
  g_autofree char *text = NULL;
  CmModel *model;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (document) && CM_IS_CLAUSE (clause), NULL);

  text = cm_document_dup_clause_text (document, clause);
  model = model_for_clause (set, document, clause, text);
  return model != NULL ? cm_model_get_language (model) : NULL;
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  double sa = ((const CmSuggestion *) a)->score, sb = ((const CmSuggestion *) b)->score;
  return sa > sb ? -1 : sa < sb ? 1 : 0;
}

/* Per-language working memory for one annotate call. */
typedef struct
{
  CmFeatureScratch *scratch;
  CmScoreCache     *cache;  /* a document's repeated headings and lead-ins */
  CmFeatureVector   x;
  GArray           *order;  /* of guint: the clauses (indices into the contexts) this
                             * model labels, in document order */
  GArray           *scores; /* of double: their scores, order->len × labels */
  GArray           *places; /* of CmStackPlace: their sections */
} Workspace;

static void
workspace_free (gpointer data)
{
  Workspace *ws = data;

  cm_feature_scratch_free (ws->scratch);
  cm_score_cache_free (ws->cache);
  cm_feature_vector_clear (&ws->x);
  g_array_unref (ws->order);
  g_array_unref (ws->scores);
  g_array_unref (ws->places);
  g_free (ws);
}

double
cm_decision_confidence (const double *probabilities,
                        guint         n_probabilities)
{
  double confidence = 1.0;

  g_return_val_if_fail (probabilities != NULL || n_probabilities == 0, 0.0);
  for (guint l = 0; l < n_probabilities; l++)
    confidence = MIN (confidence, fabs (2.0 * probabilities[l] - 1.0));
  return CLAMP (confidence, 0.0, 1.0);
}

/* Sets @clause's suggestions, confidence and (unreviewed) labels from its
 * final @scores. */
static void
annotate_clause (CmModel      *model,
                 CmClause     *clause,
                 const double *scores)
{
  guint L = cm_model_get_n_labels (model);
  const char * const *ids = cm_model_get_labels (model);
  CmSuggestion suggestions[CM_MODEL_MAX_LABELS];
  const char *labels[CM_MODEL_MAX_LABELS + 1];
  guint n_suggestions = 0, n_labels = 0;
  double probabilities[CM_MODEL_MAX_LABELS];

  for (guint l = 0; l < L; l++)
    {
      double p = cm_model_probability (model, l, scores[l]);

      probabilities[l] = p;
      if (p >= CM_MODEL_SET_MIN_SUGGESTION)
        {
          suggestions[n_suggestions].label = g_intern_string (ids[l]);
          suggestions[n_suggestions].score = p;
          n_suggestions++;
        }
      if (scores[l] >= cm_model_get_threshold (model, l))
        labels[n_labels++] = g_intern_string (ids[l]);
    }
  labels[n_labels] = NULL;
  qsort (suggestions, n_suggestions, sizeof (CmSuggestion), compare_suggestions);

  cm_clause_set_suggestions (clause, suggestions, n_suggestions);
  cm_clause_set_confidence (clause, cm_decision_confidence (probabilities, L));
  /* A reviewer's decision is never overwritten. */
  if (cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED)
    cm_clause_set_labels (clause, labels);
}

/* Labels as a set: the model writes them in label order, a reviewer in
 * the order they toggled them. */
static gboolean
same_labels (const char * const *a,
             const char * const *b)
{
  guint n_a = a != NULL ? g_strv_length ((char **) a) : 0;
  guint n_b = b != NULL ? g_strv_length ((char **) b) : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

/* The workspace of @model for one annotate call, made on first use. */
static Workspace *
workspace_for (GHashTable *workspaces,
               CmModel    *model)
{
  Workspace *ws = g_hash_table_lookup (workspaces, model);

  if (ws == NULL)
    {
      ws = g_new0 (Workspace, 1);
      ws->scratch = cm_feature_scratch_new (cm_model_get_config (model));
      ws->cache = cm_score_cache_new (model);
      ws->order = g_array_new (FALSE, FALSE, sizeof (guint));
      ws->scores = g_array_new (FALSE, FALSE, sizeof (double));
      ws->places = g_array_new (FALSE, FALSE, sizeof (CmStackPlace));
      cm_feature_vector_init (&ws->x);
      g_hash_table_insert (workspaces, model, ws);
    }
  return ws;
}

/* The first-stage scores of the labelable clauses [@first, @end) of
 * @contexts, each from its language's model (@stacked_only: only the
 * models with a second stage), as a table CmModel → Workspace. */
static GHashTable *
score_first_stage (CmModelSet       *set,
                   CmDocument       *document,
                   CmClauseContexts *contexts,
                   guint             first,
                   guint             end,
                   gboolean          stacked_only)
{
  GHashTable *workspaces = g_hash_table_new_full (NULL, NULL, NULL, workspace_free);

  for (guint i = first; i < end; i++)
    {
      CmClause *clause = g_ptr_array_index (contexts->clauses, i);
      const char *text = g_ptr_array_index (contexts->texts, i);
      CmModel *model = model_for_clause (set, document, clause, text);
      guint L;
      Workspace *ws;
      CmStackPlace place = { 0, 0 };

      if (model == NULL || (stacked_only && cm_model_get_stack (model) == NULL))
        continue;
      ws = workspace_for (workspaces, model);
      L = cm_model_get_n_labels (model);
      if (ws->places->len > 0)
        {
          const CmStackPlace *last = &g_array_index (ws->places, CmStackPlace,
                                                     ws->places->len - 1);
          guint last_i = g_array_index (ws->order, guint, ws->order->len - 1);

          place.section = last->section
                          + (g_strcmp0 (contexts->contexts[i].heading,
                                        contexts->contexts[last_i].heading) != 0);
        }
      g_array_append_val (ws->order, i);
      g_array_append_val (ws->places, place);
      g_array_set_size (ws->scores, ws->scores->len + L);
      cm_model_score_cached (model, ws->scratch, ws->cache, &ws->x, text,
                             &contexts->contexts[i],
                             &g_array_index (ws->scores, double, ws->scores->len - L));
    }
  return workspaces;
}

/* Annotates the labelable clauses [@first, @end) of @contexts
 * (@unreviewed_only: only those no reviewer has decided, leaving
 * everything of the others as it is; every clause is still scored, as the
 * second stage reads neighbours). The second stage reads the clauses
 * outside the window from @stack, or without one only [@first, @end).
 * Returns how many clauses' labels changed. */
static guint
annotate (CmModelSet       *set,
          CmDocument       *document,
          CmClauseContexts *contexts,
          guint             first,
          guint             end,
          CmStackWindows   *stack,
          gboolean          unreviewed_only)
{
  g_autoptr(GHashTable) workspaces = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_changed = 0;

  /* The labelable clauses in order, with what models that read the
   * document see around each. First pass: each clause's first-stage
   * scores from its language's model. */
  workspaces = score_first_stage (set, document, contexts, first, end, FALSE);

  /* Second pass, per model: the second stage reads the neighbours' and
   * the section's scores, then each clause gets its labels. */
  g_hash_table_iter_init (&iter, workspaces);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CmModel *model = key;
      Workspace *ws = value;
      guint L = cm_model_get_n_labels (model);
      double *scores = (double *) (void *) ws->scores->data;

      if (stack != NULL && cm_model_get_stack (model) != NULL)
        cm_stack_windows_apply (stack, model, scores, contexts->contexts,
                                (const guint *) (void *) ws->order->data, ws->order->len);
      else
        cm_model_stack_scores (model, scores,
                               (const CmStackPlace *) (void *) ws->places->data, ws->order->len);
      for (guint k = 0; k < ws->order->len; k++)
        {
          CmClause *clause = g_ptr_array_index (contexts->clauses,
                                                g_array_index (ws->order, guint, k));
          g_auto(GStrv) before = NULL;

          if (unreviewed_only && cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED)
            continue;
          before = g_strdupv ((char **) cm_clause_get_labels (clause));
          annotate_clause (model, clause, scores + (gsize) k * L);
          n_changed += !same_labels ((const char * const *) before,
                                     cm_clause_get_labels (clause));
        }
    }
  return n_changed;
}

void
cm_model_set_annotate_document (CmModelSet *set,
                                CmDocument *document)
{
  g_autoptr(CmClauseContexts) contexts = NULL;

  g_return_if_fail (CM_IS_MODEL_SET (set));
  g_return_if_fail (CM_IS_DOCUMENT (document));

  contexts = cm_clause_contexts_new (document);
  annotate (set, document, contexts, 0, contexts->clauses->len, NULL, FALSE);
}

/**
 * cm_model_set_annotate_window:
 * @contexts: from cm_clause_contexts_new_for_window()
 * @first: (in @contexts) the first clause to annotate
 * @end: (in @contexts) past the last one
 * @stack: (nullable): what cm_model_set_gather_window() gathered over the
 *   same windows; NULL when no model has a second stage
 *
 * Annotates clauses [@first, @end) of @contexts as
 * cm_model_set_annotate_document() does in the whole document, for a
 * pipeline that holds a few thousand clauses at a time.
 */
void
cm_model_set_annotate_window (CmModelSet       *set,
                              CmDocument       *document,
                              CmClauseContexts *contexts,
                              guint             first,
                              guint             end,
                              CmStackWindows   *stack)
{
  g_return_if_fail (CM_IS_MODEL_SET (set));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (contexts != NULL && first <= end && end <= contexts->clauses->len);
  g_return_if_fail (stack != NULL || !cm_model_set_has_second_stage (set));

  annotate (set, document, contexts, first, end, stack, FALSE);
}

/**
 * cm_model_set_gather_window:
 *
 * The first pass over a document read in windows, for the models with a
 * second stage: gathers into @stack what cm_model_set_annotate_window()
 * needs of the clauses outside each window (cm-stack-windows.h). Touches
 * no clause.
 */
void
cm_model_set_gather_window (CmModelSet       *set,
                            CmDocument       *document,
                            CmClauseContexts *contexts,
                            guint             first,
                            guint             end,
                            CmStackWindows   *stack)
{
  g_autoptr(GHashTable) workspaces = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (CM_IS_MODEL_SET (set));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (contexts != NULL && first <= end && end <= contexts->clauses->len);
  g_return_if_fail (stack != NULL);

  workspaces = score_first_stage (set, document, contexts, first, end, TRUE);
  g_hash_table_iter_init (&iter, workspaces);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Workspace *ws = value;

      cm_stack_windows_gather (stack, key, (const double *) (void *) ws->scores->data,
                               contexts->contexts, (const guint *) (void *) ws->order->data,
                               ws->order->len);
    }
}

/* Whether a model of the set has a second stage (cm-stacker.h). */
gboolean
cm_model_set_has_second_stage (CmModelSet *set)
{
  GHashTableIter iter;
  gpointer model;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), FALSE);

  g_hash_table_iter_init (&iter, set->models);
  while (g_hash_table_iter_next (&iter, NULL, &model))
    if (cm_model_get_stack (model) != NULL)
      return TRUE;
  return FALSE;
}

guint
cm_model_set_annotate_unreviewed (CmModelSet *set,
                                  CmDocument *document)
{
  g_autoptr(CmClauseContexts) contexts = NULL;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), 0);
  g_return_val_if_fail (CM_IS_DOCUMENT (document), 0);

  contexts = cm_clause_contexts_new (document);
  return annotate (set, document, contexts, 0, contexts->clauses->len, NULL, TRUE);
}

CmModelSet *
cm_model_set_new_with_overrides (CmModelSet *base,
                                 const char *directory,
                                 guint      *n_replaced,
                                 GError    **error)
{
  g_autoptr(CmModelSet) self = NULL;
  g_auto(GStrv) languages = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint replaced = 0;

  g_return_val_if_fail (CM_IS_MODEL_SET (base), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (CM_TYPE_MODEL_SET, NULL);
  g_hash_table_iter_init (&iter, base->models);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->models, g_strdup (key), g_object_ref (value));
  languages = cm_model_set_dup_languages (base);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (languages[i], MODEL_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      CmModel *model;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      model = cm_model_load (path, error);
      if (model == NULL)
        return NULL;
      if (!g_str_equal (cm_model_get_language (model), languages[i])
          || g_strcmp0 (cm_model_get_taxonomy_id (model),
                        cm_model_get_taxonomy_id (cm_model_set_get_model (base, languages[i]))) != 0)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: holds a %s model of taxonomy '%s', which cannot stand in for the %s one",
                       path, cm_model_get_language (model), cm_model_get_taxonomy_id (model),
                       languages[i]);
          g_object_unref (model);
          return NULL;
        }
      g_hash_table_replace (self->models, g_strdup (languages[i]), model);
      replaced++;
    }
  if (n_replaced != NULL)
    *n_replaced = replaced;
  return g_steal_pointer (&self);
}

guint
cm_model_set_get_n_labels (CmModelSet *set,
                           const char *lang)
{
  CmModel *model;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), 0);
  model = lang != NULL ? g_hash_table_lookup (set->models, lang) : NULL;
  return model != NULL ? cm_model_get_n_labels (model) : 0;
}

guint
cm_model_set_classify_text (CmModelSet          *set,
                            const char          *lang,
                            const char          *text,
                            double              *probabilities,
                            const char * const **labels)
{
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmStackPlace lone = { 0, 0 };
  CmFeatureVector x;
  CmModel *model;
  guint L;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), 0);
  g_return_val_if_fail (text != NULL && probabilities != NULL, 0);

  model = lang != NULL ? g_hash_table_lookup (set->models, lang) : NULL;
  if (model == NULL)
    return 0;
  L = cm_model_get_n_labels (model);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  cm_model_score_text (model, scratch, &x, text, probabilities);
  /* a sentence alone: no neighbours, no section */
  cm_model_stack_scores (model, probabilities, &lone, 1);
  for (guint l = 0; l < L; l++)
    probabilities[l] = cm_model_probability (model, l, probabilities[l]);
  cm_feature_vector_clear (&x);
  if (labels != NULL)
    *labels = cm_model_get_labels (model);
  return L;
}

GPtrArray *
cm_model_set_explain (CmModelSet *set,
                      const char *lang,
                      const char *text,
                      const char *label,
                      guint       n_top,
                      GError    **error)
{
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmModel *model;
  int index;

  g_return_val_if_fail (CM_IS_MODEL_SET (set), NULL);
  g_return_val_if_fail (text != NULL && label != NULL, NULL);

  model = lang != NULL ? g_hash_table_lookup (set->models, lang) : NULL;
  if (model == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "no model for language '%s'",
                   lang ? lang : "(none)");
      return NULL;
    }
  index = cm_model_find_label (model, label);
  if (index < 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "the %s model has no label '%s'", lang,
                   label);
      return NULL;
    }
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  return cm_model_explain (model, scratch, text, index, n_top);
}
