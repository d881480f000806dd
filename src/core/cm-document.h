/* cm-document.h — a policy document: its normalised text and its clauses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-clause.h"

G_BEGIN_DECLS

#define CM_TYPE_DOCUMENT (cm_document_get_type ())

G_DECLARE_FINAL_TYPE (CmDocument, cm_document, CM, DOCUMENT, GObject)

/* One alignment link of a bilingual pair, seen from the document holding it:
 * clause ids of this document and of its partner (either may be empty,
 * for a clause present in one version only). */
typedef struct
{
  char   **clauses;
  char   **partner_clauses;
  double   score;
  gboolean reviewed;
} CmLink;

#define CM_TYPE_LINK (cm_link_get_type ())

GType       cm_link_get_type               (void) G_GNUC_CONST;
CmLink     *cm_link_new                    (const char * const *clauses,
                                            const char * const *partner_clauses,
                                            double              score);
CmLink     *cm_link_copy                   (const CmLink       *link);
void        cm_link_free                   (CmLink             *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmLink, cm_link_free)

CmDocument *cm_document_new                (const char    *id,
                                            const char    *text);
CmDocument *cm_document_new_take           (const char    *id,
                                            char          *text);
const char *cm_document_get_id             (CmDocument    *self);
const char *cm_document_get_title          (CmDocument    *self);
void        cm_document_set_title          (CmDocument    *self,
                                            const char    *title);
const char *cm_document_get_language       (CmDocument    *self);
void        cm_document_set_language       (CmDocument    *self,
                                            const char    *language);
const char *cm_document_get_taxonomy_id    (CmDocument    *self);
void        cm_document_set_taxonomy_id    (CmDocument    *self,
                                            const char    *taxonomy_id);
CmGranularity cm_document_get_granularity  (CmDocument    *self);
void        cm_document_set_granularity    (CmDocument    *self,
                                            CmGranularity  granularity);

/* Where the text came from. */
const char *cm_document_get_source_path    (CmDocument    *self);
const char *cm_document_get_source_sha256  (CmDocument    *self);
const char *cm_document_get_source_encoding(CmDocument    *self);
const char *cm_document_get_source_loader  (CmDocument    *self);
void        cm_document_set_source         (CmDocument    *self,
                                            const char    *path,
                                            const char    *sha256,
                                            const char    *encoding,
                                            const char    *loader);
/* What the loader dropped or set aside as boilerplate, one translated line
 * per reason (cm_loaded_text_dup_report()); NULL when nothing, or when the
 * document was read back from its JSON file (the report is not saved). */
/* A link of the source (HTML, Markdown): the code-point range of its text
 * and its target. Not saved; the aligner reads the targets as URL anchors
 * of the clauses they fall in. */
typedef struct
{
  guint  start;
  guint  end;
  char  *url;
} CmSourceLink;

const CmSourceLink *cm_document_get_source_links (CmDocument         *self,
                                                  guint              *n_links);
/* Copies @links (in text order). */
void        cm_document_set_source_links   (CmDocument         *self,
                                            const CmSourceLink *links,
                                            guint               n_links);
const char *cm_document_get_load_report    (CmDocument    *self);
void        cm_document_set_load_report    (CmDocument    *self,
                                            const char    *report);

/* The normalised text (UTF-8) and code-point/byte conversions. */
const char *cm_document_get_text           (CmDocument    *self);
gsize       cm_document_get_text_size      (CmDocument    *self);
guint       cm_document_get_n_chars        (CmDocument    *self);
gsize       cm_document_char_to_byte       (CmDocument    *self,
                                            guint          char_offset);
char       *cm_document_dup_range_text     (CmDocument    *self,
                                            guint          start,
                                            guint          end);
char       *cm_document_dup_clause_text    (CmDocument    *self,
                                            CmClause      *clause);
char       *cm_document_join_clause_texts  (CmDocument    *self,
                                            char         **ids,
                                            const char    *separator);

/* The clauses, in text order: a GListModel of CmClause. */
GListModel *cm_document_get_clauses        (CmDocument    *self);
guint       cm_document_get_n_clauses      (CmDocument    *self);
CmClause   *cm_document_get_clause         (CmDocument    *self,
                                            guint          position);
CmClause   *cm_document_lookup_clause      (CmDocument    *self,
                                            const char    *id,
                                            guint         *position);
CmClause   *cm_document_find_clause_at     (CmDocument    *self,
                                            guint          char_offset,
                                            guint         *position);
void        cm_document_set_clauses        (CmDocument    *self,
                                            CmClause     **clauses,
                                            guint          n_clauses);
char       *cm_document_next_clause_id     (CmDocument    *self);

/* Boundary edits; both keep labels of the clause they start from. */
CmClause   *cm_document_split_clause       (CmDocument    *self,
                                            CmClause      *clause,
                                            guint          char_offset,
                                            GError       **error);
gboolean    cm_document_merge_with_next    (CmDocument    *self,
                                            CmClause      *clause,
                                            GError       **error);
/* Inverse of a split: makes the clause end at 'end' and removes the
 * clause that starts there (used by undo). */
void        cm_document_insert_clause      (CmDocument    *self,
                                            guint          position,
                                            CmClause      *clause);
void        cm_document_remove_clause      (CmDocument    *self,
                                            guint          position);

/* A bilingual pair. */
const char *cm_document_get_partner_id     (CmDocument    *self);
void        cm_document_set_partner_id     (CmDocument    *self,
                                            const char    *partner_id);
GPtrArray  *cm_document_get_links          (CmDocument    *self);
void        cm_document_set_links          (CmDocument    *self,
                                            GPtrArray     *links);

gboolean    cm_document_equal              (CmDocument    *a,
                                            CmDocument    *b);
/* For g_ptr_array_sort() of documents: by id, in byte order. */
int         cm_document_compare_ids        (gconstpointer  a,
                                            gconstpointer  b);

G_END_DECLS
