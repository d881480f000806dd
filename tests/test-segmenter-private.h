/* test-segmenter-private.h — what the segmenter's tests share
 * (test-segmenter*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

static inline CmDocument *
segment (const char    *text,
         CmGranularity  granularity)
{
  CmDocument *document = cm_document_new ("t", text);

  cm_segment_document (document, NULL, 0, granularity);
  return document;
}

static inline char *
clause_text (CmDocument *document,
             guint       position)
{
  return cm_document_dup_clause_text (document, cm_document_get_clause (document, position));
}

static inline char *
clause_path (CmDocument *document,
             guint       position)
{
  CmClause *clause = cm_document_get_clause (document, position);

  return g_strjoinv (" > ", (char **) cm_clause_get_heading_path (clause));
}

/* Checks one clause: kind, level, marker (NULL for none), text, path. */
static inline void
assert_clause (CmDocument   *document,
               guint         position,
               CmClauseKind  kind,
               guint         level,
               const char   *marker,
               const char   *text,
               const char   *path)
{
  CmClause *clause = cm_document_get_clause (document, position);
  g_autofree char *actual_text = clause_text (document, position);
  g_autofree char *actual_path = clause_path (document, position);
  g_autofree char *id = g_strdup_printf ("c%u", position + 1);

  g_test_message ("clause %u: %s", position, actual_text);
  g_assert_cmpstr (cm_clause_get_id (clause), ==, id);
  g_assert_cmpstr (cm_clause_kind_to_string (cm_clause_get_kind (clause)), ==,
                   cm_clause_kind_to_string (kind));
  g_assert_cmpuint (cm_clause_get_level (clause), ==, level);
  g_assert_cmpstr (cm_clause_get_marker (clause), ==, marker);
  g_assert_cmpstr (actual_text, ==, text);
  g_assert_cmpstr (actual_path, ==, path);
}


static inline guint
count_kind (CmDocument   *document,
            CmClauseKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    n += cm_clause_get_kind (cm_document_get_clause (document, i)) == kind;
  return n;
}


static inline guint
find_clause (CmDocument *document,
             const char *prefix)
{
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      g_autofree char *text = clause_text (document, i);

      if (g_str_has_prefix (text, prefix))
        return i;
    }
  g_assert_not_reached ();
  return 0;
}


G_END_DECLS
