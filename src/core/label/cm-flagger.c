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
  scratch = g_hash_table_lookup (scratches, source->model);
  if (scratch == NULL)
    {
      scratch = cm_feature_scratch_new (cm_model_get_config (source->model));
      g_hash_table_insert (scratches, source->model, scratch);
    }
  cm_feature_vector_init (&x);
  cm_model_score_in_context (source->model, scratch, &x, text, context, scores);
  cm_feature_vector_clear (&x);
  *decision = scores[source->label] >= cm_model_get_threshold (source->model, source->label);
  return cm_model_probability (source->model, source->label, scores[source->label]);
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

void
cm_flagger_flag_document (CmFlagger  *self,
                          CmDocument *document)
{
  g_autoptr(CmClauseContexts) contexts = NULL;

  g_return_if_fail (CM_IS_FLAGGER (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));

  /* The context the flag models were trained with (cm-clause-context.h). */
  contexts = cm_clause_contexts_new (document);
  cm_flagger_flag_window (self, document, contexts, 0, contexts->clauses->len);
}

/**
 * cm_flagger_flag_window:
 * @contexts: from cm_clause_contexts_new_for_window()
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
                        guint             end)
{
  g_autoptr(GHashTable) scratches = NULL;

  g_return_if_fail (CM_IS_FLAGGER (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (contexts != NULL && first <= end && end <= contexts->clauses->len);

  scratches = g_hash_table_new_full (NULL, NULL, NULL, scratch_free);
  for (guint i = first; i < end; i++)
    {
      CmClause *clause = g_ptr_array_index (contexts->clauses, i);
      int l = language_index (clause_language (document, clause));
      CmFlags flags = 0;
      gboolean undecided;

      if (l < 0)
        continue;
      /* A reviewed clause that no flagger saw (a document saved before
       * flags existed) has no decision on its flags yet. */
      undecided = cm_clause_get_status (clause) == CM_REVIEW_STATUS_UNREVIEWED
                  || !clause_was_flagged (clause);
      for (guint f = 0; f < CM_N_FLAGS; f++)
        {
          gboolean on;
          double p = score (self, l, f, g_ptr_array_index (contexts->texts, i),
                            &contexts->contexts[i], scratches, &on);

          cm_clause_set_flag_score (clause, f, p);
          if (on)
            flags |= CM_FLAG_BIT (f);
        }
      if (undecided)
        cm_clause_set_flags (clause, flags);
    }
}
