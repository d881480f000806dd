/* cm-document-private.h — shared by cm-document.c, cm-document-text.c and
 * cm-document-clauses.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"

G_BEGIN_DECLS

/* Byte offsets of every CHECKPOINT_STRIDE-th code point, so that turning a
 * code-point offset into a byte offset costs at most one short walk (the
 * classifiers copy every clause's text: two conversions per clause). A
 * power of two; the table costs at most size / 4 bytes. */
#define CHECKPOINT_STRIDE 32

struct _CmDocument
{
  GObject        parent_instance;

  char          *id;
  char          *title;
  char          *language;
  char          *taxonomy_id;
  CmGranularity  granularity;

  char          *source_path;
  char          *source_sha256;
  char          *source_encoding;
  char          *source_loader;
  char          *load_report;    /* not saved: what the loader set aside */
  GArray        *source_links;   /* not saved: of CmSourceLink */

  char          *text;
  gsize          text_size;
  guint          n_chars;
  gsize         *checkpoints;
  gboolean       ascii_only;

  GListStore    *clauses;
  GPtrArray     *clause_array;  /* the store's clauses (borrowed), kept in step
                                 * by items-changed: O(1) indexing where the
                                 * store walks its GSequence */
  GHashTable    *clause_index;  /* id -> CmClause (borrowed from the store) */
  guint          next_id;

  char          *partner_id;
  GPtrArray     *links;         /* of CmLink */
};

/* cm-document-text.c: counts the text's characters and notes the byte
 * offset of every CHECKPOINT_STRIDE-th one. */
void cm_document_build_checkpoints (CmDocument *self);

G_END_DECLS
