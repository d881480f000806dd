/* cm-terms.c — does a clause's text use a term?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-terms"

#include "config.h"

#include <string.h>

#include "cm-terms.h"

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* An inflection of an English word ends here: "", "s", "es", "d", "ed", "ing". */
static gboolean
ends_word (const char *end)
{
  static const char * const endings[] = { "", "s", "es", "d", "ed", "ing", NULL };

  for (guint i = 0; endings[i] != NULL; i++)
    {
      gsize n = strlen (endings[i]);
      if (strncmp (end, endings[i], n) == 0 && !is_word_char (end[n]))
        return TRUE;
    }
  return FALSE;
}

gboolean
cm_terms_contains (const char *text,
                   const char *lower,
                   const char *term)
{
  gsize n;

  g_return_val_if_fail (text != NULL && lower != NULL && term != NULL, FALSE);

  if (!is_ascii (term))
    return strstr (text, term) != NULL;
  n = strlen (term);
  for (const char *p = strstr (lower, term); p != NULL; p = strstr (p + 1, term))
    if ((p == lower || !is_word_char (p[-1])) && ends_word (p + n))
      return TRUE;
  return FALSE;
}

gboolean
cm_terms_contains_any (const char         *text,
                       const char         *lower,
                       const char * const *terms)
{
  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    if (cm_terms_contains (text, lower, terms[i]))
      return TRUE;
  return FALSE;
}
