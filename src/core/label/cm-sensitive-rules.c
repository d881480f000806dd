/* cm-sensitive-rules.c — sensitive personal information by lexicon and rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-sensitive-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cm-error.h"
#include "cm-paths.h"
#include "cm-sensitive-rules.h"
#include "cm-terms.h"

typedef struct
{
  const char *category;  /* interned */
  gboolean    chinese;
  char       *term;      /* English: lower case */
} Term;

struct _CmSensitiveRules
{
  GObject  parent_instance;

  GArray  *terms;  /* of Term */
};

G_DEFINE_FINAL_TYPE (CmSensitiveRules, cm_sensitive_rules, G_TYPE_OBJECT)

/* Processing verbs, and the denials that cancel them. */
static const char * const zh_verbs[] = {
  "收集", "采集", "获取", "读取", "访问", "使用", "处理", "提供", "上传", "存储", "保存",
  "调用", "识别", "验证", "认证", "记录", "填写", "绑定", "开启", "授权", "需要",
  "拍摄", "分析", "比对", "根据", "基于", "查询", "用于", NULL
};
/* A verb or a category term shortly after one of these is denied ("我们
 *无法获取", "不会进行人脸识别", "未经同意收集"); 不满 (under an age) is not
 * a denial. */
static const char * const zh_negations[] = {
  "不", "无需", "无法", "未", "并非", "禁止", "拒绝", NULL
};
#define ZH_NEGATION_REACH 4  /* characters before the verb or term */
/* A definition names categories without processing them. */
static const char * const zh_definitions[] = { "是指", "指的是", NULL };
static const char * const zh_denials[] = {
  "不会收集", "不收集", "不会采集", "不采集", "不会获取", "不获取", "不会读取", "不会处理",
  "不会使用", "无需提供", "不需要提供", "不会要求", "并不收集", NULL
};
static const char * const en_verbs[] = {
  "collect", "obtain", "gather", "access", "use", "process", "provide", "upload", "store",
  "record", "read", "scan", "verify", "request", "receive", "share", NULL
};
static const char * const en_denials[] = {
  "do not collect", "don't collect", "does not collect", "never collect", "will not collect",
  "do not knowingly collect", "not knowingly collect", "do not process", "do not use", NULL
};

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->term);
}

static void
cm_sensitive_rules_finalize (GObject *object)
{
  CmSensitiveRules *self = (CmSensitiveRules *) object;

  g_array_unref (self->terms);
  G_OBJECT_CLASS (cm_sensitive_rules_parent_class)->finalize (object);
}

static void
cm_sensitive_rules_class_init (CmSensitiveRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_sensitive_rules_finalize;
}

static void
cm_sensitive_rules_init (CmSensitiveRules *self)
{
  self->terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);
}

static const char * const categories[] = {
  "biometric", "religion", "identity", "health", "financial", "location", "minors", NULL
};

const char *
cm_sensitive_category_get_name (const char *category)
{
  g_return_val_if_fail (category != NULL, NULL);

  if (g_str_equal (category, "biometric"))
    return _("Biometrics");
  if (g_str_equal (category, "religion"))
    return _("Religious belief");
  if (g_str_equal (category, "identity"))
    return _("Specific identity");
  if (g_str_equal (category, "health"))
    return _("Medical and health");
  if (g_str_equal (category, "financial"))
    return _("Financial accounts");
  if (g_str_equal (category, "location"))
    return _("Location tracking");
  if (g_str_equal (category, "minors"))
    return _("Minors under 14");
  return category;
}

CmSensitiveRules *
cm_sensitive_rules_new_from_data (const char *data,
                                  gssize      size,
                                  const char *name,
                                  GError    **error)
{
  g_autoptr(CmSensitiveRules) self = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (data != NULL && name != NULL, NULL);

  copy = size < 0 ? g_strdup (data) : g_strndup (data, size);
  if (!g_utf8_validate (copy, -1, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8", name);
      return NULL;
    }
  self = g_object_new (CM_TYPE_SENSITIVE_RULES, NULL);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Term term;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 3 || !g_strv_contains (categories, fields[0])
          || (!g_str_equal (fields[1], "zh") && !g_str_equal (fields[1], "en"))
          || fields[2][0] == '\0')
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: expected 'category<TAB>zh|en<TAB>term' with a known category",
                       name, i + 1);
          return NULL;
        }
      term.category = g_intern_string (fields[0]);
      term.chinese = g_str_equal (fields[1], "zh");
      term.term = term.chinese ? g_strdup (fields[2]) : g_ascii_strdown (fields[2], -1);
      g_array_append_val (self->terms, term);
    }
  if (self->terms->len == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, "%s: no terms", name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

CmSensitiveRules *
cm_sensitive_rules_load_default (GError **error)
{
  g_autofree char *path = cm_build_data_path ("lexicon", "sensitive.tsv", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return cm_sensitive_rules_new_from_data (contents, length, path, error);
}

static gboolean
names_category (CmSensitiveRules *self,
                const char       *category,
                gboolean          chinese,
                const char       *text,
                const char       *lower)
{
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);

      if (term->chinese != chinese || !g_str_equal (term->category, category))
        continue;
      if (cm_terms_contains (text, lower, term->term))
        return TRUE;
    }
  return FALSE;
}

char **
cm_sensitive_rules_find (CmSensitiveRules *self,
                         const char       *language,
                         const char       *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lower = NULL;
  gboolean chinese;

  g_return_val_if_fail (CM_IS_SENSITIVE_RULES (self), NULL);
  g_return_val_if_fail (language != NULL && text != NULL, NULL);

  chinese = g_str_equal (language, "zh");
  lower = g_ascii_strdown (text, -1);
  for (guint c = 0; categories[c] != NULL; c++)
    if (names_category (self, categories[c], chinese, text, lower))
      g_strv_builder_add (builder, categories[c]);
  return g_strv_builder_end (builder);
}

/* Whether a negation ends within ZH_NEGATION_REACH characters before
 * @at in @text. */
static gboolean
zh_negated_at (const char *text,
               const char *at)
{
  const char *start = at;

  for (guint i = 0; i < ZH_NEGATION_REACH && start > text; i++)
    start = g_utf8_find_prev_char (text, start);
  for (const char *p = start; p < at; p = g_utf8_next_char (p))
    for (guint n = 0; zh_negations[n] != NULL; n++)
      {
        gsize length = strlen (zh_negations[n]);

        if (strncmp (p, zh_negations[n], length) == 0 && p + length <= at
            && !g_str_has_prefix (p, "不满"))
          return TRUE;
      }
  return FALSE;
}

/* Verbs that make a noun after a category term ("指纹识别", "身份验证"). */
static const char * const zh_noun_verbs[] = { "识别", "验证", "认证", NULL };

/* Whether a category term ends at @at and a noun-making verb starts there. */
static gboolean
zh_term_ends_at (CmSensitiveRules *self,
                 const char       *text,
                 const char       *at)
{
  gboolean noun_verb = FALSE;

  for (guint i = 0; zh_noun_verbs[i] != NULL; i++)
    noun_verb = noun_verb || g_str_has_prefix (at, zh_noun_verbs[i]);
  if (!noun_verb)
    return FALSE;
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);
      gsize length = strlen (term->term);

      if (term->chinese && (gsize) (at - text) >= length
          && memcmp (at - length, term->term, length) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether some occurrence of one of @words in @text is not negated (nor,
 * with @self, a verb that only ends a category's name). */
static gboolean
zh_affirms_any (CmSensitiveRules   *self,
                const char         *text,
                const char * const *words)
{
  for (guint w = 0; words[w] != NULL; w++)
    for (const char *at = strstr (text, words[w]); at != NULL; at = strstr (at + 1, words[w]))
      if (!zh_negated_at (text, at) && (self == NULL || !zh_term_ends_at (self, text, at)))
        return TRUE;
  return FALSE;
}

/* Whether some category term occurs in @text without a negation before it. */
static gboolean
zh_affirms_a_term (CmSensitiveRules *self,
                   const char       *text)
{
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);
      const char *one[] = { term->term, NULL };

      if (term->chinese && zh_affirms_any (NULL, text, one))
        return TRUE;
    }
  return FALSE;
}

/* A Chinese clause processes sensitive data when it names a category
 * (without denying it), uses a processing verb that no negation precedes,
 * does not deny processing as a whole and is not a definition. */
static gboolean
zh_processes (CmSensitiveRules *self,
              const char       *text)
{
  for (guint i = 0; zh_denials[i] != NULL; i++)
    if (strstr (text, zh_denials[i]) != NULL)
      return FALSE;
  for (guint i = 0; zh_definitions[i] != NULL; i++)
    if (strstr (text, zh_definitions[i]) != NULL)
      return FALSE;
  return zh_affirms_any (self, text, zh_verbs) && zh_affirms_a_term (self, text);
}

gboolean
cm_sensitive_rules_match (CmSensitiveRules *self,
                          const char       *language,
                          const char       *text)
{
  g_auto(GStrv) found = NULL;
  g_autofree char *lower = NULL;
  gboolean chinese;

  g_return_val_if_fail (CM_IS_SENSITIVE_RULES (self), FALSE);
  g_return_val_if_fail (language != NULL && text != NULL, FALSE);

  found = cm_sensitive_rules_find (self, language, text);
  if (found[0] == NULL)
    return FALSE;
  chinese = g_str_equal (language, "zh");
  lower = g_ascii_strdown (text, -1);
  if (chinese)
    return zh_processes (self, text);
  return cm_terms_contains_any (text, lower, en_verbs)
         && !cm_terms_contains_any (text, lower, en_denials);
}
