/* cm-loader-html-links.c — which of a page's links lead away from its site
 *
 * A block whose text is mostly links to the site's own pages is a menu; a
 * policy's contact address (mailto:, tel:) or its list of partners (links
 * to other hosts) is content. The site's own host is the one most links
 * point to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>

#include "cm-loader-html-private.h"

/* The host of an absolute URL ("https://www.example.com:443/a" gives
 * "www.example.com"), in *len bytes; NULL for relative links, mailto: and
 * tel:. By hand, not GUri: pages have thousands of links. */
static const char *
link_host (const char *url,
           gsize      *len)
{
  const char *host = strstr (url, "//"), *end;

  if (host == NULL || (host != url && host[-1] != ':'))
    return NULL;
  for (const char *p = url; p < host; p++)
    if (!(g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.' || *p == ':'))
      return NULL;
  host += 2;
  end = host + strcspn (host, "/:?#");
  *len = end - host;
  return *len > 0 ? host : NULL;
}

static gboolean
is_contact_link (const char *url)
{
  return g_ascii_strncasecmp (url, "mailto:", 7) == 0 || g_ascii_strncasecmp (url, "tel:", 4) == 0;
}

typedef struct
{
  const char *host;  /* into a link's URL; "" for relative links */
  gsize       len;
  guint       count;
} HostCount;

/* Hosts beyond this many different ones are not counted (the site's own
 * is among the first: its menus come early). */
#define MAX_HOSTS 64

/* The site's own host: the one most links point to, relative links
 * counting as "" (a saved page writes its menus' links out in full). NULL
 * when that is the relative links, or no host comes back twice: then every
 * host is another site. */
static char *
own_host (GArray *links)
{
  HostCount hosts[MAX_HOSTS];
  guint n_hosts = 0, best = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const char *url = g_array_index (links, CmLinkHint, i).url;
      gsize len = 0;
      const char *host = link_host (url, &len);
      guint k;

      if (is_contact_link (url))
        continue;
      if (host == NULL)
        host = "", len = 0;
      for (k = 0; k < n_hosts; k++)
        if (hosts[k].len == len && g_ascii_strncasecmp (hosts[k].host, host, len) == 0)
          break;
      if (k == n_hosts)
        {
          if (n_hosts == MAX_HOSTS)
            continue;
          hosts[n_hosts++] = (HostCount) { host, len, 0 };
        }
      hosts[k].count++;
    }
  for (guint k = 1; k < n_hosts; k++)
    if (hosts[k].count > hosts[best].count)
      best = k;
  if (n_hosts == 0 || hosts[best].count < 2 || hosts[best].len == 0)
    return NULL;
  return g_strndup (hosts[best].host, hosts[best].len);
}

/* mailto:, tel:, or a page on another host. */
static gboolean
links_away (const char *url,
            const char *site)
{
  gsize len = 0;
  const char *host;

  if (is_contact_link (url))
    return TRUE;
  host = link_host (url, &len);
  if (host == NULL)
    return FALSE;
  return site == NULL || strlen (site) != len || g_ascii_strncasecmp (host, site, len) != 0;
}

/* Counts each block's characters in links away from the site (both arrays
 * are in text order). */
void
cm_html_count_away_links (Walker *w)
{
  g_autofree char *site = own_host (w->loaded->links);
  guint b = 0;

  for (guint i = 0; i < w->loaded->links->len; i++)
    {
      const CmLinkHint *link = &g_array_index (w->loaded->links, CmLinkHint, i);

      while (b < w->blocks->len && g_array_index (w->blocks, HtmlBlock, b).end <= link->start)
        b++;
      if (b == w->blocks->len)
        break;
      if (g_array_index (w->blocks, HtmlBlock, b).start <= link->start
          && links_away (link->url, site))
        g_array_index (w->blocks, HtmlBlock, b).away_chars
          += cm_html_count_visible_chars (w->out->str + link->start, link->end - link->start);
    }
}

