/* cm-link-gold.c — hand-made gold alignments of a bilingual pair, and how
 * well links match them (link precision, recall and F1)
 *
 * See cm-link-gold.h for the file format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-link-gold"

#include "config.h"

#include <string.h>

#include "cm-bounded-read.h"
#include "cm-error.h"
#include "cm-link-gold.h"
#include "cm-sha256.h"

char *
cm_link_gold_clause_hash (CmDocument *document,
                          CmClause   *clause)
{
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);

  text = cm_document_dup_clause_text (document, clause);
  hex = cm_sha256_hex ((const guchar *) text, strlen (text));
  return g_strndup (hex, CM_LINK_GOLD_HASH_DIGITS);
}

/* One side of a gold line ("-" or "id:hash,id:hash…") as clause ids. */
static GPtrArray *
parse_side (const char  *path,
            guint        line_number,
            const char  *side,
            CmDocument  *document,
            GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) items = NULL;

  if (g_str_equal (side, "-"))
    {
      g_ptr_array_add (ids, NULL);
      return g_steal_pointer (&ids);
    }
  items = g_strsplit (side, ",", -1);
  for (guint k = 0; items[k]; k++)
    {
      const char *colon = strchr (items[k], ':');
      g_autofree char *id = NULL;
      g_autofree char *hash = NULL;
      CmClause *clause;

      if (colon == NULL || colon == items[k] || strlen (colon + 1) != CM_LINK_GOLD_HASH_DIGITS)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: “%s” is not a clause as id:hash (%d hex digits)",
                       path, line_number, items[k], CM_LINK_GOLD_HASH_DIGITS);
          return NULL;
        }
      id = g_strndup (items[k], colon - items[k]);
      clause = cm_document_lookup_clause (document, id, NULL);
      if (clause == NULL)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_NOT_FOUND, "%s:%u: “%s” has no clause %s",
                       path, line_number, cm_document_get_id (document), id);
          return NULL;
        }
      hash = cm_link_gold_clause_hash (document, clause);
      if (g_ascii_strcasecmp (hash, colon + 1) != 0)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s:%u: clause %s of “%s” hashes to %s, not %s: the gold was made for "
                       "documents segmented differently",
                       path, line_number, id, cm_document_get_id (document), hash, colon + 1);
          return NULL;
        }
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  g_ptr_array_add (ids, NULL);
  return g_steal_pointer (&ids);
}

/* The fields of @line, separated by any run of blanks. */
static GStrv
split_fields (const char *line)
{
  g_auto(GStrv) parts = g_strsplit_set (line, " \t", -1);
  GPtrArray *fields = g_ptr_array_new ();

  for (guint k = 0; parts[k]; k++)
    if (*parts[k] != '\0')
      g_ptr_array_add (fields, g_strdup (parts[k]));
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (fields, FALSE);
}

GPtrArray *
cm_link_gold_load (const char  *path,
                   CmDocument  *zh,
                   CmDocument  *en,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (zh), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (en), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = cm_read_file_bounded (path, CM_READ_MAX_TAXONOMY, NULL, &length, error);
  if (contents == NULL)
    return NULL;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8 text", path);
      return NULL;
    }
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_auto(GStrv) sides = NULL;
      g_autoptr(GPtrArray) zh_ids = NULL;
      g_autoptr(GPtrArray) en_ids = NULL;
      char *comment = strchr (line, '#');

      if (comment != NULL)
        *comment = '\0';
      g_strstrip (line);
      if (*line == '\0')
        continue;
      sides = split_fields (line);
      if (g_strv_length (sides) != 2 || (g_str_equal (sides[0], "-") && g_str_equal (sides[1], "-")))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s:%u: a link is the Chinese clauses, a tab, the English clauses",
                       path, i + 1);
          return NULL;
        }
      zh_ids = parse_side (path, i + 1, sides[0], zh, error);
      if (zh_ids == NULL)
        return NULL;
      en_ids = parse_side (path, i + 1, sides[1], en, error);
      if (en_ids == NULL)
        return NULL;
      g_ptr_array_add (links, cm_link_new ((const char * const *) zh_ids->pdata,
                                           (const char * const *) en_ids->pdata, 1.0));
    }
  return g_steal_pointer (&links);
}

/* ---- evaluation ---------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
strv_key (char **ids)
{
  g_autofree char **sorted = g_new0 (char *, g_strv_length (ids) + 1);
  guint n = 0;

  for (guint i = 0; ids[i]; i++)
    sorted[n++] = ids[i];
  g_qsort_with_data (sorted, (gint) n, sizeof (char *), compare_strings, NULL);
  return g_strjoinv ("\x1f", sorted);
}

/* Adds the keys of @links to @set: one per link (strict) or one per
 * clause pair (lax); links with an empty side are left out. */
static void
collect_link_keys (GPtrArray  *links,
                   gboolean    strict,
                   GHashTable *set)
{
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL)
        continue;
      if (strict)
        {
          g_autofree char *a = strv_key (link->clauses);
          g_autofree char *b = strv_key (link->partner_clauses);
          g_hash_table_add (set, g_strconcat (a, "\t", b, NULL));
          continue;
        }
      for (guint x = 0; link->clauses[x]; x++)
        for (guint y = 0; link->partner_clauses[y]; y++)
          g_hash_table_add (set, g_strconcat (link->clauses[x], "\t", link->partner_clauses[y], NULL));
    }
}

void
cm_links_compare (GPtrArray    *predicted,
                  GPtrArray    *gold,
                  gboolean      strict,
                  CmLinkScores *scores)
{
  g_autoptr(GHashTable) p = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) g = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (predicted != NULL && gold != NULL && scores != NULL);

  collect_link_keys (predicted, strict, p);
  collect_link_keys (gold, strict, g);
  memset (scores, 0, sizeof *scores);
  scores->n_predicted = g_hash_table_size (p);
  scores->n_gold = g_hash_table_size (g);
  g_hash_table_iter_init (&iter, p);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (g, key))
      scores->n_correct++;
  scores->precision = scores->n_predicted ? (double) scores->n_correct / scores->n_predicted : 0;
  scores->recall = scores->n_gold ? (double) scores->n_correct / scores->n_gold : 0;
  if (scores->precision + scores->recall > 0)
    scores->f1 = 2 * scores->precision * scores->recall / (scores->precision + scores->recall);
}
