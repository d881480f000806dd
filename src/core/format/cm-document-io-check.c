/* cm-document-io-check.c — the format's rules across clauses, before writing
 *
 * What cm_document_check() enforces before a save (the writer never
 * writes what the reader would refuse): clauses in text order, without
 * overlap, inside the text, with unique ids; links naming clauses that
 * exist; no empty id, language or label. The reader applies the same
 * CmStructureCheck one clause at a time (cm-document-reader.c); the rules
 * on single values are in cm-document-rules.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include "cm-document-io-private.h"
#include "cm-document-rules.h"
#include "cm-error.h"

/* The rules of the format that hold across clauses, one clause at a time:
 * text order without overlap, unique ids; then links naming clauses that
 * exist. */
void
cm_structure_check_init (CmStructureCheck *check,
                         const char       *name,
                         guint             n_chars,
                         gboolean          copy_ids)
{
  check->name = name;
  check->n_chars = n_chars;
  check->previous_end = 0;
  check->ids = g_hash_table_new_full (g_str_hash, g_str_equal, copy_ids ? g_free : NULL, NULL);
  check->numbered = g_array_new (FALSE, TRUE, sizeof (guint64));
  check->copy_ids = copy_ids;
}

void
cm_structure_check_clear (CmStructureCheck *check)
{
  g_clear_pointer (&check->ids, g_hash_table_unref);
  g_clear_pointer (&check->numbered, g_array_unref);
}

/* The n of an id "c<n>" as the segmenter writes them (no leading zero,
 * n < 10^9), or 0. */
static guint
numbered_id (const char *id)
{
  guint n = 0, digits = 0;

  if (id[0] != 'c' || id[1] < '1' || id[1] > '9')
    return 0;
  for (const char *p = id + 1; *p != '\0'; p++, digits++)
    {
      if (!g_ascii_isdigit (*p) || digits == 9)
        return 0;
      n = n * 10 + (guint) (*p - '0');
    }
  return n;
}

static gboolean
structure_check_has_id (CmStructureCheck *check,
                        const char       *id)
{
  guint n = numbered_id (id);

  if (n == 0)
    return g_hash_table_contains (check->ids, id);
  return n / 64 < check->numbered->len
         && (g_array_index (check->numbered, guint64, n / 64) >> (n % 64) & 1) != 0;
}

static void
structure_check_add_id (CmStructureCheck *check,
                        const char       *id)
{
  guint n = numbered_id (id);

  if (n == 0)
    {
      g_hash_table_add (check->ids, check->copy_ids ? g_strdup (id) : (gpointer) id);
      return;
    }
  if (n / 64 >= check->numbered->len)
    g_array_set_size (check->numbered, MAX (n / 64 + 1, check->numbered->len * 2));
  g_array_index (check->numbered, guint64, n / 64) |= G_GUINT64_CONSTANT (1) << (n % 64);
}

gboolean
cm_structure_check_clause (CmStructureCheck  *check,
                           CmClause          *clause,
                           GError           **error)
{
  const char *id = cm_clause_get_id (clause);
  const char *name = check->name;

  if (cm_clause_get_end (clause) > check->n_chars)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: end %u is beyond the text (%u characters)", name, id,
                   cm_clause_get_end (clause), check->n_chars);
      return FALSE;
    }
  if (cm_clause_get_start (clause) < check->previous_end)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: starts at %u, before the previous clause ends (%u): "
                   "clauses must be in text order and must not overlap", name, id,
                   cm_clause_get_start (clause), check->previous_end);
      return FALSE;
    }
  if (structure_check_has_id (check, id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: clause %s: the id is used twice",
                   name, id);
      return FALSE;
    }
  structure_check_add_id (check, id);
  if (!cm_document_rules_check_clause (name, clause, error))
    return FALSE;
  check->previous_end = cm_clause_get_end (clause);
  return TRUE;
}

gboolean
cm_structure_check_links (CmStructureCheck  *check,
                          GPtrArray         *links,
                          GError           **error)
{
  if (!cm_document_rules_check_links (check->name, links, error))
    return FALSE;
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      for (guint j = 0; link->clauses[j] != NULL; j++)
        if (!structure_check_has_id (check, link->clauses[j]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                         "%s: link %u: clause %s does not exist in this document", check->name,
                         i + 1, link->clauses[j]);
            return FALSE;
          }
    }
  return TRUE;
}

/* All of them, over clauses in memory. */
gboolean
cm_document_io_check_structure (const char  *name,
                                CmClause   **clauses,
                                guint        n_clauses,
                                guint        n_chars,
                                GPtrArray   *links,
                                GError     **error)
{
  CmStructureCheck check;
  gboolean ok = TRUE;

  cm_structure_check_init (&check, name, n_chars, FALSE);
  for (guint i = 0; i < n_clauses && ok; i++)
    ok = cm_structure_check_clause (&check, clauses[i], error);
  ok = ok && cm_structure_check_links (&check, links, error);
  cm_structure_check_clear (&check);
  return ok;
}

static gboolean
strv_has_empty (const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strv[i][0] == '\0')
      return TRUE;
  return FALSE;
}

/* Clause @i's ids, language and labels (see check_identifiers()). */
gboolean
cm_document_io_check_clause_identifiers (const char  *id,
                                         guint        i,
                                         CmClause    *clause,
                                         GError     **error)
{
  const CmSuggestion *suggestions;
  guint n_suggestions;

  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  if (cm_clause_get_id (clause)[0] == '\0' || cm_clause_get_language (clause)[0] == '\0'
      || strv_has_empty (cm_clause_get_labels (clause)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %u (“%s”): empty id, language or label", id, i + 1,
                   cm_clause_get_id (clause));
      return FALSE;
    }
  for (guint j = 0; j < n_suggestions; j++)
    if (suggestions[j].label == NULL || suggestions[j].label[0] == '\0')
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: clause %s: a suggestion has no label",
                     id, cm_clause_get_id (clause));
        return FALSE;
      }
  return TRUE;
}

/* Ids, languages and labels name things: the reader refuses them empty,
 * so the writer must not produce them. */
static gboolean
check_identifiers (CmDocument  *document,
                   GError     **error)
{
  const char *id = cm_document_get_id (document);
  GPtrArray *links = cm_document_get_links (document);
  guint n = cm_document_get_n_clauses (document);

  if (id[0] == '\0' || cm_document_get_language (document)[0] == '\0'
      || cm_document_get_taxonomy_id (document)[0] == '\0'
      || (cm_document_get_partner_id (document) != NULL
          && cm_document_get_partner_id (document)[0] == '\0'))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Document “%s”: the id, language, taxonomy and partner must not be empty", id);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!cm_document_io_check_clause_identifiers (id, i, cm_document_get_clause (document, i),
                                                  error))
      return FALSE;
  if (links->len > 0 && cm_document_get_partner_id (document) == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Document “%s” has alignment links but no partner", id);
      return FALSE;
    }
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (strv_has_empty ((const char * const *) link->clauses)
          || strv_has_empty ((const char * const *) link->partner_clauses))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: link %u names an empty clause id",
                       id, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* The rules of the members before the clauses. */
static gboolean
check_header (CmDocument  *document,
              GError     **error)
{
  const char *sha256 = cm_document_get_source_sha256 (document);

  if (!cm_document_rules_check_header (cm_document_get_id (document), document, error))
    return FALSE;
  if (sha256 != NULL && !cm_document_io_is_sha256 (sha256))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: source sha256 “%s” is not 64 lower-case hexadecimal digits",
                   cm_document_get_id (document), sha256);
      return FALSE;
    }
  return TRUE;
}

/* The document's identifiers (its clauses' too) and the members before
 * the clauses. */
gboolean
cm_document_io_check_head (CmDocument  *document,
                           GError     **error)
{
  return check_identifiers (document, error) && check_header (document, error);
}

/**
 * cm_document_check:
 *
 * Checks that @document keeps the rules of the format (clauses in text
 * order, not overlapping, inside the text, unique ids; links naming
 * existing clauses), so that what is saved can be loaded again.
 */
gboolean
cm_document_check (CmDocument  *document,
                   GError     **error)
{
  g_autofree CmClause **clauses = NULL;
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  n = cm_document_get_n_clauses (document);
  clauses = g_new (CmClause *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    clauses[i] = cm_document_get_clause (document, i);
  if (!cm_document_io_check_head (document, error))
    return FALSE;
  return cm_document_io_check_structure (cm_document_get_id (document), clauses, n,
                                         cm_document_get_n_chars (document),
                                         cm_document_get_links (document), error);
}
