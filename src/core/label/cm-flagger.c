/* cm-flagger.c — sets the clause flags (key, risk, sensitive) of documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-flagger"

#include "config.h"

#include "cm-clause-context.h"
#include "cm-error.h"
#include "cm-flagger.h"
#include "cm-model.h"
#include "cm-paths.h"
#include "cm-stack-windows.h"
#include "cm-stacker.h"

#define N_LANGUAGES 2

static const char * const languages[N_LANGUAGES] = { "zh", "en" };

/* Which model (and which of its labels) decides one flag of one language. */
typedef struct
{
  CmModel *model;  /* not owned: in self->models */
  guint    label;
} Source;

struct _CmFlagger
{
  GObject           parent_instance;

  GPtrArray        *models;  /* of CmModel */
  CmSensitiveRules *rules;
  Source            sources[N_LANGUAGES][CM_N_FLAGS];
};

G_DEFINE_FINAL_TYPE (CmFlagger, cm_flagger, G_TYPE_OBJECT)

static void
cm_flagger_finalize (GObject *object)
{
  CmFlagger *self = (CmFlagger *) object;

  g_ptr_array_unref (self->models);
  g_clear_object (&self->rules);
  G_OBJECT_CLASS (cm_flagger_parent_class)->finalize (object);
}

static void
cm_flagger_class_init (CmFlaggerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_flagger_finalize;
}

static void
cm_flagger_init (CmFlagger *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
language_index (const char *lang)
{
  for (guint i = 0; lang != NULL && i < N_LANGUAGES; i++)
    if (g_str_equal (lang, languages[i]))
      return i;
  return -1;
}

static gboolean
add_model (CmFlagger  *self,
           CmModel    *model,
           const char *path,
           GError    **error)
{
  int lang = language_index (cm_model_get_language (model));
  const char * const *labels = cm_model_get_labels (model);

  if (lang < 0 || g_strcmp0 (cm_model_get_taxonomy_id (model), CM_FLAGS_TAXONOMY) != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: not a flag model for zh or en (taxonomy '%s', language '%s')", path,
                   cm_model_get_taxonomy_id (model), cm_model_get_language (model));
      return FALSE;
    }
  for (guint l = 0; labels[l] != NULL; l++)
    {
      CmFlag flag;

      if (!cm_flag_from_string (labels[l], &flag))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: unknown flag '%s'", path,
                       labels[l]);
          return FALSE;
        }
      if (self->sources[lang][flag].model != NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: a second model for the %s flag '%s'", path, languages[lang],
                       labels[l]);
          return FALSE;
        }
      self->sources[lang][flag].model = model;
      self->sources[lang][flag].label = l;
    }
  g_ptr_array_add (self->models, g_object_ref (model));
  return TRUE;
}

CmFlagger *
cm_flagger_load (const char        *directory,
                 CmSensitiveRules  *rules,
                 GError           **error)
{
  g_autoptr(CmFlagger) self = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (rules == NULL || CM_IS_SENSITIVE_RULES (rules), NULL);

  self = g_object_new (CM_TYPE_FLAGGER, NULL);
  self->rules = rules != NULL ? g_object_ref (rules) : NULL;
  if (directory != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (directory, 0, error);
      const char *name;

      if (dir == NULL)
        return NULL;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".cmmodel"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      g_autoptr(CmModel) model = cm_model_load (path, error);

      if (model == NULL || !add_model (self, model, path, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

CmFlagger *
cm_flagger_load_default (GError **error)
{
  g_autofree char *directory = cm_build_data_path ("models", "flags", NULL);
  g_autoptr(CmSensitiveRules) rules = cm_sensitive_rules_load_default (error);

  if (rules == NULL)
    return NULL;
  return cm_flagger_load (directory, rules, error);
}

CmSensitiveRules *
cm_flagger_get_rules (CmFlagger *self)
{
  g_return_val_if_fail (CM_IS_FLAGGER (self), NULL);
  return self->rules;
}

/* Chinese sensitive data is the rules' (no corpus labels it). */
static gboolean
ruled (CmFlagger *self,
       int        lang,
       CmFlag     flag)
{
  return self->rules != NULL && flag == CM_FLAG_SENSITIVE && g_str_equal (languages[lang], "zh");
}

gboolean
cm_flagger_covers (CmFlagger  *self,
                   const char *lang,
                   CmFlag      flag)
{
  int l = language_index (lang);

  g_return_val_if_fail (CM_IS_FLAGGER (self), FALSE);
  g_return_val_if_fail (flag < CM_N_FLAGS, FALSE);
  return l >= 0 && (self->sources[l][flag].model != NULL || ruled (self, l, flag));
}

/* One scratch per model for one call's clauses. */
static void
scratch_free (gpointer data)
{
  cm_feature_scratch_free (data);
}

static CmFeatureScratch *
scratch_for (GHashTable *scratches,
             CmModel    *model)
{
  CmFeatureScratch *scratch = g_hash_table_lookup (scratches, model);

  if (scratch == NULL)
    {
      scratch = cm_feature_scratch_new (cm_model_get_config (model));
      g_hash_table_insert (scratches, model, scratch);
    }
  return scratch;
}

/* @source's flag from its model's (final) @scores: the decision and the
 * calibrated probability. */
static double
decide (const Source *source,
        const double *scores,
        gboolean     *decision)
{
  *decision = scores[source->label] >= cm_model_get_threshold (source->model, source->label);
  return cm_model_probability (source->model, source->label, scores[source->label]);
}

static double
score (CmFlagger              *self,
       int                     l,
       CmFlag                  flag,
       const char             *text,
       const CmFeatureContext *context,
       GHashTable             *scratches,
       gboolean               *decision)
{
  double scores[CM_MODEL_MAX_LABELS];
  const Source *source = &self->sources[l][flag];
  CmStackPlace lone = { 0, 0 };
  CmFeatureScratch *scratch;
  CmFeatureVector x;

  *decision = FALSE;
  if (ruled (self, l, flag))
    {
      *decision = cm_sensitive_rules_match (self->rules, languages[l], text);
      return *decision ? 1.0 : 0.0;
    }
  if (source->model == NULL)
    return -1.0;
  scratch = scratch_for (scratches, source->model);
  cm_feature_vector_init (&x);
  cm_model_score_in_context (source->model, scratch, &x, text, context, scores);
  cm_feature_vector_clear (&x);
  /* a sentence alone: no neighbours, no section */
  cm_model_stack_scores (source->model, scores, &lone, 1);
  return decide (source, scores, decision);
}

double
cm_flagger_score_text (CmFlagger              *self,
                       const char             *lang,
                       CmFlag                  flag,
                       const char             *text,
                       const CmFeatureContext *context,
                       gboolean               *decision)
{
  g_autoptr(GHashTable) scratches = NULL;
  int l = language_index (lang);
  gboolean on;
  double p;

  g_return_val_if_fail (CM_IS_FLAGGER (self), -1.0);
  g_return_val_if_fail (flag < CM_N_FLAGS && text != NULL, -1.0);

  if (l < 0)
    {
      if (decision != NULL)
        *decision = FALSE;
      return -1.0;
    }
  scratches = g_hash_table_new_full (NULL, NULL, NULL, scratch_free);
  p = score (self, l, flag, text, context, scratches, &on);
  if (decision != NULL)
    *decision = on;
  return p;
}

static const char *
clause_language (CmDocument *document,
                 CmClause   *clause)
{
  const char *lang = cm_clause_get_language (clause);

  return language_index (lang) >= 0 ? lang : cm_document_get_language (document);
}

static gboolean
clause_was_flagged (CmClause *clause)
{
  for (guint f = 0; f < CM_N_FLAGS; f++)
    if (cm_clause_get_flag_score (clause, f) >= 0.0 || cm_clause_has_flag (clause, f))
      return TRUE;
  return FALSE;
}

/* Per clause of one window: each flag's probability and decision. */
typedef struct
{
  double   p[CM_N_FLAGS];
  gboolean on[CM_N_FLAGS];
} Verdict;

/* The first-stage scores (@n × labels) of @model for the clauses
 * @order[0 .. @n) of @contexts. */
static double *
score_first_stage (CmModel          *model,
                   CmClauseContexts *contexts,
                   const guint      *order,
                   guint             n,
                   GHashTable       *scratches)
{
  guint L = cm_model_get_n_labels (model);
  double *scores = g_new (double, (gsize) MAX (n, 1) * L);
  CmFeatureScratch *scratch = scratch_for (scratches, model);
  CmFeatureVector x;

  cm_feature_vector_init (&x);
  for (guint k = 0; k < n; k++)
    cm_model_score_in_context (model, scratch, &x, g_ptr_array_index (contexts->texts, order[k]),
                               &contexts->contexts[order[k]], scores + (gsize) k * L);
  cm_feature_vector_clear (&x);
  return scores;
}

/* Every flag that @model decides for the clauses @order[0 .. @n) of
 * language @l: first each clause's own scores, then the model's second
 * stage (cm-stacker.h) over the neighbours' and the section's scores,
 * those outside the clauses from @stack when there is one.
 * @verdicts[order[k] - @first] receives clause order[k]'s flags when it
 * lies in [@first, @first + @n_verdicts). */
static void
flag_by_model (CmFlagger        *self,
               int               l,
               CmModel          *model,
               CmClauseContexts *contexts,
               const guint      *order,
               guint             n,
               GHashTable       *scratches,
               CmStackWindows   *stack,
               guint             first,
               guint             n_verdicts,
               Verdict          *verdicts)
{
  guint L = cm_model_get_n_labels (model);
  g_autofree double *scores = score_first_stage (model, contexts, order, n, scratches);

  if (stack != NULL && cm_model_get_stack (model) != NULL)
    cm_stack_windows_apply (stack, model, scores, contexts->contexts, order, n);
  else if (cm_model_get_stack (model) != NULL)
    {
      g_autofree CmStackPlace *places = cm_stack_places_of_contexts (contexts->contexts, order, n);

      cm_model_stack_scores (model, scores, places, n);
    }
  for (guint f = 0; f < CM_N_FLAGS; f++)
    {
      const Source *source = &self->sources[l][f];

      if (source->model != model || ruled (self, l, f))
        continue;
      for (guint k = 0; k < n; k++)
        if (order[k] >= first && order[k] - first < n_verdicts)
          verdicts[order[k] - first].p[f] = decide (source, scores + (gsize) k * L,
                                                    &verdicts[order[k] - first].on[f]);
    }
}

/* The clauses of language @l in @contexts, in order (@n_all of them), and
 * which of them lie in [@first, @end): @order[*chunk_start ..
 * *chunk_start + *n_chunk). Free with g_free(). */
static guint *
clauses_of_language (CmDocument       *document,
                     int               l,
                     CmClauseContexts *contexts,
                     guint             first,
                     guint             end,
                     guint            *n_all,
                     guint            *chunk_start,
                     guint            *n_chunk)
{
  guint total = contexts->clauses->len;
  guint *order = g_new (guint, MAX (total, 1));

  *n_all = *chunk_start = *n_chunk = 0;
  for (guint i = 0; i < total; i++)
    if (language_index (clause_language (document,
                                         g_ptr_array_index (contexts->clauses, i))) == l)
      {
        if (i < first)
          *chunk_start = *n_all + 1;
        else if (i < end)
          (*n_chunk)++;
        order[(*n_all)++] = i;
      }
  return order;
}

/* The flags of the clauses [@first, @end) of language @l in @contexts
 * into @verdicts. A model with a second stage reads the clauses outside
 * [@first, @end) from @stack; without one (a whole document), every clause
 * of @contexts. */
static void
flag_language (CmFlagger        *self,
               CmDocument       *document,
               int               l,
               CmClauseContexts *contexts,
               guint             first,
               guint             end,
               GHashTable       *scratches,
               CmStackWindows   *stack,
               Verdict          *verdicts)
{
  guint n_all, chunk_start, n_chunk;
  g_autofree guint *order = clauses_of_language (document, l, contexts, first, end, &n_all,
                                                 &chunk_start, &n_chunk);

  if (n_chunk == 0)
    return;
  for (guint k = chunk_start; k < chunk_start + n_chunk; k++)
    for (guint f = 0; f < CM_N_FLAGS; f++)
      if (ruled (self, l, f))
        verdicts[order[k] - first].p[f] = score (self, l, f, g_ptr_array_index (contexts->texts, order[k]),
                                                 &contexts->contexts[order[k]], scratches,
                                                 &verdicts[order[k] - first].on[f]);
  for (guint m = 0; m < self->models->len; m++)
    {
      CmModel *model = g_ptr_array_index (self->models, m);

      if (language_index (cm_model_get_language (model)) != l)
        continue;
      if (cm_model_get_stack (model) != NULL && stack == NULL)
        flag_by_model (self, l, model, contexts, order, n_all, scratches, NULL, first,
                       end - first, verdicts);
      else
        flag_by_model (self, l, model, contexts, order + chunk_start, n_chunk, scratches, stack,
                       first, end - first, verdicts);
    }
}

/* Flags clauses [@first, @end) of @contexts (see cm_flagger_flag_window()). */
static void
flag_range (CmFlagger        *self,
            CmDocument       *document,
            CmClauseContexts *contexts,
            guint             first,
            guint             end,
            CmStackWindows   *stack)
{
  g_autoptr(GHashTable) scratches = NULL;
  g_autofree Verdict *verdicts = NULL;

  scratches = g_hash_table_new_full (NULL, NULL, NULL, scratch_free);
  verdicts = g_new (Verdict, MAX (end - first, 1));
  for (guint i = 0; i < end - first; i++)
    for (guint f = 0; f < CM_N_FLAGS; f++)
      {
        verdicts[i].p[f] = -1.0;  /* no model, no rule: not scored */
        verdicts[i].on[f] = FALSE;
      }
  for (int l = 0; l < N_LANGUAGES; l++)
    flag_language (self, document, l, contexts, first, end, scratches, stack, verdicts);

  for (guint i = first; i < end; i++)
    {
      CmClause *clause = g_ptr_array_index (contexts->clauses, i);
      CmFlags flags = 0;
      gboolean undecided;

      if (language_index (clause_language (document, clause)) < 0)
        continue;
      /* A reviewed clause that no flagger saw (a document saved before
       * flags existed) has no decision on its flags yet. */
      undecided = cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED
                  || !clause_was_flagged (clause);
      for (guint f = 0; f < CM_N_FLAGS; f++)
        {
          cm_clause_set_flag_score (clause, f, verdicts[i - first].p[f]);
          if (verdicts[i - first].on[f])
            flags |= CM_FLAG_BIT (f);
        }
      if (undecided)
        cm_clause_set_flags (clause, flags);
    }
}

void
cm_flagger_flag_document (CmFlagger  *self,
                          CmDocument *document)
{
  g_autoptr(CmClauseContexts) contexts = NULL;

  g_return_if_fail (CM_IS_FLAGGER (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));

  /* The context the flag models were trained with (cm-clause-context.h). */
  contexts = cm_clause_contexts_new (document);
  flag_range (self, document, contexts, 0, contexts->clauses->len, NULL);
}

/**
 * cm_flagger_flag_window:
 * @contexts: from cm_clause_contexts_new_for_window()
 * @stack: (nullable): what cm_flagger_gather_window() gathered over the
 *   same windows; NULL when no flag model has a second stage
 *
 * Flags clauses [@first, @end) of @contexts as cm_flagger_flag_document()
 * does in the whole document (a streaming pipeline's few thousand clauses
 * at a time).
 */
void
cm_flagger_flag_window (CmFlagger        *self,
                        CmDocument       *document,
                        CmClauseContexts *contexts,
                        guint             first,
                        guint             end,
                        CmStackWindows   *stack)
{
  g_return_if_fail (CM_IS_FLAGGER (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (contexts != NULL && first <= end && end <= contexts->clauses->len);
  g_return_if_fail (stack != NULL || !cm_flagger_has_second_stage (self));

  flag_range (self, document, contexts, first, end, stack);
}

/**
 * cm_flagger_gather_window:
 *
 * The first pass over a document read in windows, for the flag models
 * with a second stage: gathers into @stack what cm_flagger_flag_window()
 * needs of the clauses outside each window (cm-stack-windows.h). Touches
 * no clause.
 */
void
cm_flagger_gather_window (CmFlagger        *self,
                          CmDocument       *document,
                          CmClauseContexts *contexts,
                          guint             first,
                          guint             end,
                          CmStackWindows   *stack)
{
  g_autoptr(GHashTable) scratches = NULL;

  g_return_if_fail (CM_IS_FLAGGER (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (contexts != NULL && first <= end && end <= contexts->clauses->len);
  g_return_if_fail (stack != NULL);

  scratches = g_hash_table_new_full (NULL, NULL, NULL, scratch_free);
  for (guint m = 0; m < self->models->len; m++)
    {
      CmModel *model = g_ptr_array_index (self->models, m);
      int l = language_index (cm_model_get_language (model));
      guint n_all, chunk_start, n_chunk;
      g_autofree guint *order = NULL;
      g_autofree double *scores = NULL;

      if (cm_model_get_stack (model) == NULL)
        continue;
      order = clauses_of_language (document, l, contexts, first, end, &n_all, &chunk_start,
                                   &n_chunk);
      scores = score_first_stage (model, contexts, order + chunk_start, n_chunk, scratches);
      cm_stack_windows_gather (stack, model, scores, contexts->contexts, order + chunk_start,
                               n_chunk);
    }
}

/* Whether a flag model has a second stage (cm-stacker.h). */
gboolean
cm_flagger_has_second_stage (CmFlagger *self)
{
  g_return_val_if_fail (CM_IS_FLAGGER (self), FALSE);

  for (guint m = 0; m < self->models->len; m++)
    if (cm_model_get_stack (g_ptr_array_index (self->models, m)) != NULL)
      return TRUE;
  return FALSE;
}
