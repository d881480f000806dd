/* cm-segmenter.h — clause detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"
#include "cm-loader.h"

G_BEGIN_DECLS

/* No clause is longer (code points): a longer stretch without a sentence
 * end is cut at its best boundary (see cm_clause_get_cut()). */
#define CM_SEGMENTER_MAX_CLAUSE_CHARS 2000

/* Splits the document's text into clauses (replacing any it has), sets each
 * clause's kind, level, numbering marker, heading path and language, marks
 * boilerplate, and sets the document's language. @blocks (may be NULL) are
 * the loader's structure hints, byte offsets into the document's text. */
void        cm_segment_document        (CmDocument        *document,
                                        const CmBlockHint *blocks,
                                        guint              n_blocks,
                                        CmGranularity      granularity);

/* What a segmentation found over the whole text. */
typedef struct
{
  guint       n_clauses;
  guint       n_labelable;    /* the clauses that are not boilerplate */
  const char *language;       /* the document's (interned) */
  gboolean    has_heading;    /* a heading among the first 20 clauses: */
  gsize       heading_start;  /* its byte range in the text (a title) */
  gsize       heading_end;
} CmSegmentSummary;

typedef void (*CmSegmentFunc) (CmClause *clause,
                               gpointer  user_data);

/* Segmentation in passes, for a streaming pipeline: the lines and
 * paragraphs of @document's text are found once; each emit pass makes the
 * clauses cm_segment_document() makes and hands each to @func (transfer
 * full) instead of keeping them, or only counts when @func is NULL.
 * @document is not changed and must outlive the segmentation. */
typedef struct _CmSegmentation CmSegmentation;
CmSegmentation *cm_segmentation_new    (CmDocument        *document,
                                        const CmBlockHint *blocks,
                                        guint              n_blocks);
void        cm_segmentation_emit       (CmSegmentation    *self,
                                        CmGranularity      granularity,
                                        CmSegmentFunc      func,
                                        gpointer           user_data,
                                        CmSegmentSummary  *summary);
void        cm_segmentation_free       (CmSegmentation    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmSegmentation, cm_segmentation_free)

/* "zh", "en", "mixed" or "und" for a piece of UTF-8 text. */
const char *cm_detect_language         (const char        *text,
                                        gssize             size);

/* For text holding two language versions one after the other: the byte
 * offset where the second version starts and the two languages, or FALSE
 * if the text is not such a pair. */
gboolean    cm_find_language_switch    (const char        *text,
                                        gsize              size,
                                        gsize             *switch_offset,
                                        const char       **first_language,
                                        const char       **second_language);

/* How a file holds its two language versions. */
typedef enum
{
  CM_PAIR_LAYOUT_SEQUENTIAL,   /* one version after the other, either order */
  CM_PAIR_LAYOUT_INTERLEAVED,  /* each paragraph followed by its translation */
  CM_PAIR_LAYOUT_COLUMNS,      /* table rows, one language per cell */
  CM_PAIR_LAYOUT_HTML_LANG,    /* HTML elements whose lang attributes declare both */
} CmPairLayout;

/* "one-after-the-other", "interleaved", "two-columns", "html-lang". */
const char *cm_pair_layout_to_string  (CmPairLayout       layout);

/* Splits a loaded two-language file, in any of the layouts above, into two
 * documents (ids "<base-id>-zh" and "<base-id>-en", linked as partners),
 * each segmented. @out_layout (may be NULL) gets the layout; @out_sections
 * (may be NULL) the layout's own pairing, for CmAlignOptions.sections: one
 * CmLink per paragraph and its translation (or table row), from the Chinese
 * side; empty for one version after the other. */
gboolean    cm_split_pair_layout      (CmLoadedText      *loaded,
                                       const char        *base_id,
                                       CmGranularity      granularity,
                                       CmDocument       **out_zh,
                                       CmDocument       **out_en,
                                       CmPairLayout      *out_layout,
                                       GPtrArray        **out_sections,
                                       GError           **error);

/* Gives each clause of @document that lies mostly in text the source
 * declares to be Chinese or English (@hints: byte ranges of the document's
 * text, in order, e.g. CmLoadedText.languages of an HTML page) that
 * language, whatever script it is written in. */
void        cm_segment_apply_declared_languages (CmDocument           *document,
                                                 const CmLanguageHint *hints,
                                                 guint                 n_hints);

/* The same one clause at a time, in text order (a streaming pipeline). */
typedef struct _CmDeclaredLanguages CmDeclaredLanguages;
CmDeclaredLanguages *cm_declared_languages_new   (CmDocument           *document,
                                                  const CmLanguageHint *hints,
                                                  guint                 n_hints);
void        cm_declared_languages_apply          (CmDeclaredLanguages  *self,
                                                  CmClause             *clause);
void        cm_declared_languages_free           (CmDeclaredLanguages  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmDeclaredLanguages, cm_declared_languages_free)

/* cm_split_pair_layout() without the layout and sections. */
gboolean    cm_split_pair              (CmLoadedText      *loaded,
                                        const char        *base_id,
                                        CmGranularity      granularity,
                                        CmDocument       **out_zh,
                                        CmDocument       **out_en,
                                        GError           **error);

G_END_DECLS
