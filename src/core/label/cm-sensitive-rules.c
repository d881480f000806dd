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
  "调用", "识别", "验证", "认证", "记录", "填写", "绑定", "开启", "授权", "需要", NULL
};
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
    return cm_terms_contains_any (text, lower, zh_verbs)
           && !cm_terms_contains_any (text, lower, zh_denials);
  return cm_terms_contains_any (text, lower, en_verbs)
         && !cm_terms_contains_any (text, lower, en_denials);
}
