/* cm-sensitive-rules.h — sensitive personal information by lexicon and rules
 *
 * PIPL Art. 28 names the categories of sensitive personal information:
 * biometrics, religious belief, specific identity, medical health, financial
 * accounts, location tracking, and any personal information of minors under
 * 14. The lexicon (data/lexicon/sensitive.tsv, "category<TAB>lang<TAB>term")
 * lists how policies name them. A clause says it processes sensitive data
 * when it names a category and a processing verb (collect, obtain, use,
 * read...), and does not deny it ("we do not collect ..."; in Chinese also
 * a negation up to four characters before the verb or the category, and a
 * definition, 是指, processes nothing). Chinese terms match as
 * substrings, English ones as whole words, case-blind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CM_TYPE_SENSITIVE_RULES (cm_sensitive_rules_get_type ())

G_DECLARE_FINAL_TYPE (CmSensitiveRules, cm_sensitive_rules, CM, SENSITIVE_RULES, GObject)

/* Errors name @name and the line. */
CmSensitiveRules   *cm_sensitive_rules_new_from_data (const char        *data,
                                                      gssize             size,
                                                      const char        *name,
                                                      GError           **error);
/* data/lexicon/sensitive.tsv under the data directory. */
CmSensitiveRules   *cm_sensitive_rules_load_default  (GError           **error);

/* The categories @text names (ids such as "biometric", in the file's
 * order, each once), whether or not it processes them; NULL-terminated,
 * free with g_strfreev(). */
char              **cm_sensitive_rules_find          (CmSensitiveRules  *self,
                                                      const char        *language,
                                                      const char        *text);
/* Whether @text says sensitive data is processed (the rule above). */
gboolean            cm_sensitive_rules_match         (CmSensitiveRules  *self,
                                                      const char        *language,
                                                      const char        *text);
/* A category's name in the UI language ("Biometrics", "生物识别信息"). */
const char         *cm_sensitive_category_get_name   (const char        *category);

G_END_DECLS
