/* cm-document-rules.c — the format's rules on names, values and references
 *
 * The reader checks the shape of a document; these are the rules on what
 * its values may be. Ids become file names, so they must not name a path;
 * languages are BCP 47 tags; scores and confidences are probabilities;
 * timestamps are ISO 8601 with a zone. The reader and the writer both
 * apply them (what cannot be read back is not written). Labels against
 * the taxonomy and links against the partner document need other files:
 * `validate` applies those, with the taxonomy and partner it resolved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <string.h>

#include "cm-clause.h"
#include "cm-document-rules.h"
#include "cm-error.h"

/* Ids are also file names ("<id>.json") and are shown in messages. */
#define MAX_ID_BYTES 200

gboolean
cm_id_is_safe (const char *id)
{
  gsize length;

  if (id == NULL || id[0] == '\0' || id[0] == '.' || strstr (id, "..") != NULL)
    return FALSE;
  length = strlen (id);
  if (length > MAX_ID_BYTES || !g_utf8_validate (id, (gssize) length, NULL))
    return FALSE;
  for (const char *p = id; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_chars (const char *s,
           gsize       n,
           gboolean  (*is) (gchar))
{
  for (gsize i = 0; i < n; i++)
    if (!is (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_alpha (gchar c)
{
  return g_ascii_isalpha (c);
}

static gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

static gboolean
is_alnum (gchar c)
{
  return g_ascii_isalnum (c);
}

/* BCP 47 (RFC 5646) syntax: language[-script][-region]*(-variant)
 * *(-extension)[-privateuse], or a private-use tag "x-…". */
gboolean
cm_language_tag_is_valid (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  guint i = 0, n;
  enum { SCRIPT, REGION, VARIANT, EXTENSION } next = SCRIPT;

  if (tag == NULL || tag[0] == '\0' || strlen (tag) > 64)
    return FALSE;
  parts = g_strsplit (tag, "-", -1);
  n = g_strv_length (parts);
  for (guint k = 0; k < n; k++)
    {
      gsize len = strlen (parts[k]);
      if (len == 0 || len > 8 || !all_chars (parts[k], len, is_alnum))
        return FALSE;
    }
  if (g_ascii_strcasecmp (parts[0], "x") == 0)
    return n >= 2;
  /* language: 2–3 letters (with up to three extlang subtags) or 5–8 */
  if (!all_chars (parts[0], strlen (parts[0]), is_alpha) || strlen (parts[0]) == 4
      || strlen (parts[0]) < 2)
    return FALSE;
  i = 1;
  for (guint ext = 0; strlen (parts[0]) <= 3 && ext < 3 && i < n && strlen (parts[i]) == 3
       && all_chars (parts[i], 3, is_alpha); ext++)
    i++;
  for (; i < n; i++)
    {
      const char *p = parts[i];
      gsize len = strlen (p);

      if (len == 1)
        {
          /* a singleton: private use takes the rest; an extension needs subtags */
          if (g_ascii_tolower (p[0]) == 'x')
            return i + 1 < n;
          if (i + 1 >= n || strlen (parts[i + 1]) < 2)
            return FALSE;
          next = EXTENSION;
          continue;
        }
      if (next == EXTENSION)
        continue;  /* extension subtags: 2–8 alphanumerics, checked above */
      if (next == SCRIPT && len == 4 && all_chars (p, 4, is_alpha))
        {
          next = REGION;
          continue;
        }
      if (next <= REGION && ((len == 2 && all_chars (p, 2, is_alpha))
                             || (len == 3 && all_chars (p, 3, is_digit))))
        {
          next = VARIANT;
          continue;
        }
      if ((len >= 5) || (len == 4 && g_ascii_isdigit (p[0])))
        {
          next = VARIANT;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

/* ISO 8601 date and time with a zone ("2026-11-25T09:30:00Z"). */
gboolean
cm_timestamp_is_valid (const char *timestamp)
{
  g_autoptr(GDateTime) when = NULL;

  if (timestamp == NULL || strlen (timestamp) < 20 || strlen (timestamp) > 40
      || timestamp[4] != '-' || timestamp[10] != 'T')
    return FALSE;
  when = g_date_time_new_from_iso8601 (timestamp, NULL);
  return when != NULL;
}

static gboolean
is_probability (double value)
{
  return value >= 0.0 && value <= 1.0;
}

gboolean
cm_document_rules_check_header (const char  *name,
                                CmDocument  *document,
                                GError     **error)
{
  const char *partner = cm_document_get_partner_id (document);

  if (!cm_id_is_safe (cm_document_get_id (document)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: the document id must not be empty, start with “.”, hold “/”, “\\”, "
                   "“..”, spaces or control characters, or pass %d bytes", name, MAX_ID_BYTES);
      return FALSE;
    }
  if (partner != NULL && !cm_id_is_safe (partner))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: pair: the partner id is not a valid document id", name);
      return FALSE;
    }
  /* A document names a taxonomy by id; a path here once made `stats`
   * read any file (issue 9). */
  if (!cm_taxonomy_id_is_valid (cm_document_get_taxonomy_id (document)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “taxonomy” must be a taxonomy id (lower-case letters, digits and “-”), "
                   "not a path", name);
      return FALSE;
    }
  if (!cm_language_tag_is_valid (cm_document_get_language (document)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: the language is not a BCP 47 tag (such as zh, en, zh-Hans)", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_document_rules_check_clause (const char  *name,
                                CmClause    *clause,
                                GError     **error)
{
  const char *id = cm_clause_get_id (clause);
  const char *language = cm_clause_get_language (clause);
  const char *timestamp = cm_clause_get_timestamp (clause);
  const CmSuggestion *suggestions;
  guint n;

  if (!cm_id_is_safe (id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: a clause id holds “/”, “\\”, “..”, spaces or control characters, or "
                   "is too long", name);
      return FALSE;
    }
  /* "mixed" is the format's own value for clauses of both scripts. */
  if (!g_str_equal (language, "mixed") && !cm_language_tag_is_valid (language))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: the language is not a BCP 47 tag (or “mixed”)", name, id);
      return FALSE;
    }
  suggestions = cm_clause_get_suggestions (clause, &n);
  for (guint i = 0; i < n; i++)
    if (!is_probability (suggestions[i].score))
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                     "%s: clause %s: suggestion %u: the score %g is outside [0, 1]", name, id,
                     i + 1, suggestions[i].score);
        return FALSE;
      }
  if (timestamp != NULL && !cm_timestamp_is_valid (timestamp))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: the timestamp is not an ISO 8601 date and time with a zone "
                   "(such as 2026-11-25T09:30:00Z)", name, id);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_document_rules_check_links (const char  *name,
                               GPtrArray   *links,
                               GError     **error)
{
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (!is_probability (link->score))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: pair, link %u: the score %g is outside [0, 1]", name, i + 1,
                       link->score);
          return FALSE;
        }
      for (guint j = 0; link->partner_clauses[j] != NULL; j++)
        if (!cm_id_is_safe (link->partner_clauses[j]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                         "%s: pair, link %u: a partner clause id is not a valid id", name, i + 1);
            return FALSE;
          }
    }
  return TRUE;
}

/**
 * cm_clause_check_taxonomy:
 * @taxonomy: the taxonomy the clause's document names
 *
 * Every label and suggestion of @clause must be one of @taxonomy's.
 */
gboolean
cm_clause_check_taxonomy (const char  *name,
                          CmClause    *clause,
                          CmTaxonomy  *taxonomy,
                          GError     **error)
{
  const char * const *labels = cm_clause_get_labels (clause);
  const CmSuggestion *suggestions;
  guint n_suggestions;

  g_return_val_if_fail (CM_IS_CLAUSE (clause) && CM_IS_TAXONOMY (taxonomy), FALSE);

  for (guint j = 0; labels[j] != NULL; j++)
    if (cm_taxonomy_lookup (taxonomy, labels[j]) == NULL)
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                     "%s: clause %s: the label “%s” is not in the taxonomy “%s”", name,
                     cm_clause_get_id (clause), labels[j], cm_taxonomy_get_id (taxonomy));
        return FALSE;
      }
  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  for (guint j = 0; j < n_suggestions; j++)
    if (cm_taxonomy_lookup (taxonomy, suggestions[j].label) == NULL)
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                     "%s: clause %s: the suggested label “%s” is not in the taxonomy “%s”",
                     name, cm_clause_get_id (clause), suggestions[j].label,
                     cm_taxonomy_get_id (taxonomy));
        return FALSE;
      }
  return TRUE;
}

/**
 * cm_document_check_partner:
 *
 * The two documents of a pair name each other, and every link's partner
 * clauses exist in @partner.
 */
gboolean
cm_document_check_partner (const char  *name,
                           CmDocument  *document,
                           CmDocument  *partner,
                           GError     **error)
{
  GPtrArray *links = cm_document_get_links (document);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = cm_document_get_n_clauses (partner);

  g_return_val_if_fail (CM_IS_DOCUMENT (document) && CM_IS_DOCUMENT (partner), FALSE);

  if (g_strcmp0 (cm_document_get_partner_id (partner), cm_document_get_id (document)) != 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: pair: the partner “%s” does not name this document back", name,
                   cm_document_get_id (partner));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    g_hash_table_add (ids, (gpointer) cm_clause_get_id (cm_document_get_clause (partner, i)));
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      for (guint j = 0; link->partner_clauses[j] != NULL; j++)
        if (!g_hash_table_contains (ids, link->partner_clauses[j]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                         "%s: pair, link %u: clause %s does not exist in the partner “%s”", name,
                         i + 1, link->partner_clauses[j], cm_document_get_id (partner));
            return FALSE;
          }
    }
  return TRUE;
}
