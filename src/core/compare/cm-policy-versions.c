/* cm-policy-versions.c — which documents of a corpus are versions of one
 * policy, and in what order (see the header for the rule)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-policy-versions"

#include "config.h"

#include <string.h>

#include "cm-policy-versions.h"

/* The base name without its extension ("a/b/acme-2025.txt" -> "acme-2025"). */
static char *
stem_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  /* an extension is short and holds a letter: "2025.03" is no extension */
  if (dot != NULL && dot != base && strlen (dot) <= 6)
    for (const char *p = dot + 1; *p; p++)
      if (g_ascii_isalpha (*p))
        {
          *dot = '\0';
          break;
        }
  return g_steal_pointer (&base);
}

/* Whether a number goes on at @p: a separator followed by a digit. */
static gboolean
number_goes_on (const char *p)
{
  return (*p == '-' || *p == '.' || *p == '_') && g_ascii_isdigit (p[1]);
}

char *
cm_policy_version_key (const char *path)
{
  g_autofree char *stem = NULL;
  GString *key;
  gboolean numbered = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  stem = stem_of (path);
  key = g_string_new (NULL);
  for (const char *p = stem; *p;)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (key, g_ascii_tolower (*p));
          p++;
          continue;
        }
      numbered = TRUE;
      g_string_append_c (key, '#');
      while (g_ascii_isdigit (*p) || number_goes_on (p))
        p++;
    }
  if (!numbered)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

/* The next number of a name from *p on (0 with *found FALSE at the end). */
static guint64
next_number (const char **p,
             gboolean    *found)
{
  guint64 value = 0;

  while (**p && !g_ascii_isdigit (**p))
    (*p)++;
  *found = **p != '\0';
  while (g_ascii_isdigit (**p))
    {
      value = MIN (value * 10 + (guint64) (**p - '0'), G_MAXUINT64 / 10);
      (*p)++;
    }
  return value;
}

int
cm_policy_version_compare (const char *a,
                           const char *b)
{
  g_autofree char *stem_a = NULL;
  g_autofree char *stem_b = NULL;
  const char *p, *q;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  stem_a = stem_of (a);
  stem_b = stem_of (b);
  p = stem_a;
  q = stem_b;
  for (;;)
    {
      gboolean has_a, has_b;
      guint64 x = next_number (&p, &has_a), y = next_number (&q, &has_b);

      if (!has_a || !has_b)
        {
          if (has_a != has_b)
            return has_a ? 1 : -1;  /* 2025 before 2025-03 */
          break;
        }
      if (x != y)
        return x < y ? -1 : 1;
    }
  return g_strcmp0 (a, b);
}
