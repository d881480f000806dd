/* cm-document-rules.h — the format's rules on names, values and references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"
#include "cm-taxonomy.h"

G_BEGIN_DECLS

gboolean cm_id_is_safe               (const char  *id);
gboolean cm_language_tag_is_valid    (const char  *tag);
gboolean cm_timestamp_is_valid       (const char  *timestamp);

gboolean cm_document_rules_check_header  (const char  *name,
                                          CmDocument  *document,
                                          GError     **error);
gboolean cm_document_rules_check_clause  (const char  *name,
                                          CmClause    *clause,
                                          GError     **error);
gboolean cm_document_rules_check_links   (const char  *name,
                                          GPtrArray   *links,
                                          GError     **error);
gboolean cm_clause_check_taxonomy        (const char  *name,
                                          CmClause    *clause,
                                          CmTaxonomy  *taxonomy,
                                          GError     **error);
gboolean cm_document_check_partner       (const char  *name,
                                          CmDocument  *document,
                                          CmDocument  *partner,
                                          GError     **error);

G_END_DECLS
