/* cm-anchors-web.c — e-mail addresses and URLs in a clause
 *
 * Addresses are lower-cased; URLs lose their scheme, "www." and trailing
 * slashes, so that both versions of a policy give the same value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-anchors"

#include "config.h"

#include <string.h>

#include "cm-anchors-private.h"

static const char * const url_tlds[] = {
  "com", "cn", "net", "org", "io", "co", "hk", "tw", "jp", "uk", "de", "fr",
  "info", "me", "tv", "app", "gov", "edu", "ai", "us", "eu", "sg", "example", NULL
};

/* Any host name whose last label is two letters or more (e-mail domains,
 * explicit http:// and www. URLs). */
static gboolean
ends_with_any_tld (const char *host,
                   gsize       len)
{
  const char *dot = g_strrstr_len (host, (gssize) len, ".");
  const char *end = host + len;

  if (dot == NULL || dot == host || end - dot - 1 < 2)
    return FALSE;
  for (const char *p = dot + 1; p < end; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

static gboolean
ends_with_tld (const char *host,
               gsize       len)
{
  const char *dot = g_strrstr_len (host, (gssize) len, ".");
  gsize tld_len;

  if (dot == NULL || dot == host)
    return FALSE;
  tld_len = len - (gsize) (dot + 1 - host);
  for (guint i = 0; url_tlds[i]; i++)
    if (strlen (url_tlds[i]) == tld_len && g_ascii_strncasecmp (dot + 1, url_tlds[i], tld_len) == 0)
      return TRUE;
  return FALSE;
}

/* Trailing characters that end a sentence rather than a URL or address. */
static const char *
trim_run_end (const char *start,
              const char *end)
{
  while (end > start && strchr (".,:;?!-/&=#~", end[-1]) != NULL)
    end--;
  return end;
}

gboolean
cm_anchors_try_email (Scanner    *scanner,
                      const char *start,
                      const char *end)
{
  const char *at = memchr (start, '@', (gsize) (end - start));
  const char *local = start, *domain_end;
  g_autofree char *value = NULL;

  if (at == NULL || at == start)
    return FALSE;
  /* the local part starts after any "mailto:" or other ':' / '/' */
  for (const char *p = at; p > start; p--)
    if (p[-1] == ':' || p[-1] == '/')
      {
        local = p;
        break;
      }
  domain_end = at + 1;
  while (domain_end < end && (g_ascii_isalnum (*domain_end) || *domain_end == '.' || *domain_end == '-'))
    domain_end++;
  domain_end = trim_run_end (at + 1, domain_end);
  if (local == at || !ends_with_any_tld (at + 1, (gsize) (domain_end - at - 1)))
    return FALSE;
  value = g_ascii_strdown (local, domain_end - local);
  cm_anchors_emit (scanner, CM_ANCHOR_EMAIL, g_steal_pointer (&value), local, domain_end);
  return TRUE;
}

gboolean
cm_anchors_try_url (Scanner    *scanner,
                    const char *start,
                    const char *end)
{
  const char *host = start, *host_end, *url_end;
  gboolean explicit_url = FALSE;
  GString *value;

  if (match_word (start, end, "https://", FALSE))
    host = start + 8, explicit_url = TRUE;
  else if (match_word (start, end, "http://", FALSE))
    host = start + 7, explicit_url = TRUE;
  if (match_word (host, end, "www.", FALSE))
    host += 4, explicit_url = TRUE;

  host_end = host;
  while (host_end < end && (g_ascii_isalnum (*host_end) || *host_end == '.' || *host_end == '-'))
    host_end++;
  url_end = trim_run_end (host, end);
  if (host_end > url_end)
    host_end = url_end;
  if (host_end == host)
    return FALSE;
  if (explicit_url ? !ends_with_any_tld (host, (gsize) (host_end - host))
                   : !ends_with_tld (host, (gsize) (host_end - host)))
    return FALSE;
  /* "e.g" or "Inc.com"-like accidents need a letter label before the TLD */
  if (!explicit_url && host_end - host < 4)
    return FALSE;

  value = g_string_new_len (host, host_end - host);
  /* the rest: a port, a path, a query */
  if (url_end > host_end)
    g_string_append_len (value, host_end, url_end - host_end);
  while (value->len > 0 && value->str[value->len - 1] == '/')
    g_string_truncate (value, value->len - 1);
  cm_anchors_emit (scanner, CM_ANCHOR_URL, g_ascii_strdown (value->str, (gssize) value->len),
                   start, url_end);
  g_string_free (value, TRUE);
  return TRUE;
}
