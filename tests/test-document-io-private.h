/* test-document-io-private.h — what the document format's tests share
 * (test-document-io.c, test-document-save.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

/* 64 code points: a heading (0–7), a body with quotes, a backslash, a tab
 * and a newline (7–37), a control character outside any clause (37), then
 * CJK, an emoji beyond the BMP and HTML-ish text (38–64). */
static const char *text =
  "一、个人信息。We \"collect\" data\\things\tnow.\n\x01二、共享。🙂 Emoji & </script> é";

static inline CmDocument *
make_full_document (void)
{
  CmDocument *doc = cm_document_new ("doc-zh", text);
  guint n = cm_document_get_n_chars (doc);
  CmClause *c1 = cm_clause_new ("c1", 0, 7, CM_CLAUSE_KIND_HEADING);
  CmClause *c2 = cm_clause_new ("c2", 7, 37, CM_CLAUSE_KIND_BODY);
  CmClause *c3 = cm_clause_new ("c3", 38, n, CM_CLAUSE_KIND_BOILERPLATE);
  CmClause *clauses[] = { c1, c2, c3 };
  const char *path[] = { "一、个人信息", "Section \"A\"", NULL };
  const char *labels[] = { "collection", "sharing", NULL };
  CmSuggestion suggestions[] = {
    { "collection", 0.123456789012345 },  /* more digits than written */
    { "sharing", 0.25 },
    { "usage", 1e-12 },                    /* rounds to 0 */
  };
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  const char *link_clauses[] = { "c1", "c2", NULL };
  const char *partner_clauses[] = { "e1", NULL };
  CmLink *link;

  cm_document_set_title (doc, "示例隐私政策 \"Example\"");
  cm_document_set_language (doc, "zh");
  cm_document_set_taxonomy_id (doc, "privacy-11");
  cm_document_set_granularity (doc, CM_GRANULARITY_PARAGRAPH);
  cm_document_set_source (doc, "/tmp/政策.html",
                          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                          "GB18030", "html");

  cm_clause_set_level (c1, 1);
  cm_clause_set_marker (c1, "一、");
  cm_clause_set_language (c1, "zh");
  cm_clause_set_heading_path (c2, path);
  cm_clause_set_language (c2, "mixed");
  cm_clause_set_labels (c2, labels);
  cm_clause_set_suggestions (c2, suggestions, G_N_ELEMENTS (suggestions));
  cm_clause_set_confidence (c2, 0.87654321);
  cm_clause_set_flags (c2, CM_FLAG_BIT (CM_FLAG_KEY) | CM_FLAG_BIT (CM_FLAG_RISK));
  cm_clause_set_flag_score (c2, CM_FLAG_KEY, 0.9375);
  cm_clause_set_flag_score (c2, CM_FLAG_RISK, 0.25);
  cm_clause_set_status (c2, CM_REVIEW_STATUS_CORRECTED);
  cm_clause_set_reviewer (c2, "李 \"Li\" Wei");
  cm_clause_set_timestamp (c2, "2026-11-25T10:00:00Z");
  cm_clause_set_note (c2, "Line one\nline \"two\"\\ with\ttab and \x1f unit separator");
  cm_clause_set_status (c3, CM_REVIEW_STATUS_ACCEPTED);
  cm_clause_set_confidence (c3, 0.0);
  cm_document_set_clauses (doc, clauses, G_N_ELEMENTS (clauses));
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    g_object_unref (clauses[i]);

  cm_document_set_partner_id (doc, "doc-en");
  link = cm_link_new (link_clauses, partner_clauses, 0.75);
  link->reviewed = TRUE;
  g_ptr_array_add (links, link);
  g_ptr_array_add (links, cm_link_new (NULL, partner_clauses, 0.5));
  cm_document_set_links (doc, links);
  return doc;
}


G_END_DECLS
