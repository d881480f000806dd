/* cm-clause.h — one clause of a policy document
 *
 * A clause is a half-open range [start, end) of Unicode code points in its
 * document's text, with its structure (kind, level, numbering marker,
 * heading path), its language, the labels a reviewer holds true, the
 * model's suggestions and the review state. In team work it also keeps each
 * annotator's own answer (CmAnnotation) apart from those final labels,
 * which a curator then settles ("adjudicated").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cm-annotation.h"
#include "cm-flags.h"
#include "cm-types.h"

G_BEGIN_DECLS

#define CM_TYPE_CLAUSE (cm_clause_get_type ())

G_DECLARE_FINAL_TYPE (CmClause, cm_clause, CM, CLAUSE, GObject)

/* A model's opinion on one label: label is an interned string. */
typedef struct
{
  const char *label;
  double      score;
} CmSuggestion;

CmClause           *cm_clause_new              (const char          *id,
                                                guint                start,
                                                guint                end,
                                                CmClauseKind         kind);
const char         *cm_clause_get_id           (CmClause            *self);
void                cm_clause_set_id           (CmClause            *self,
                                                const char          *id);
guint               cm_clause_get_start        (CmClause            *self);
guint               cm_clause_get_end          (CmClause            *self);
guint               cm_clause_get_length       (CmClause            *self);
void                cm_clause_set_range        (CmClause            *self,
                                                guint                start,
                                                guint                end);
CmClauseKind        cm_clause_get_kind         (CmClause            *self);
void                cm_clause_set_kind         (CmClause            *self,
                                                CmClauseKind         kind);
gboolean            cm_clause_is_labelable     (CmClause            *self);
guint               cm_clause_get_level        (CmClause            *self);
void                cm_clause_set_level        (CmClause            *self,
                                                guint                level);
const char         *cm_clause_get_cut          (CmClause            *self);
void                cm_clause_set_cut          (CmClause            *self,
                                                const char          *cut);
gboolean            cm_clause_cut_is_valid     (const char          *cut);
const char         *cm_clause_get_marker       (CmClause            *self);
void                cm_clause_set_marker       (CmClause            *self,
                                                const char          *marker);
const char * const *cm_clause_get_heading_path (CmClause            *self);
void                cm_clause_set_heading_path (CmClause            *self,
                                                const char * const  *path);
gboolean            cm_clause_share_heading_path (CmClause          *self,
                                                  CmClause          *other);
const char         *cm_clause_get_language     (CmClause            *self);
void                cm_clause_set_language     (CmClause            *self,
                                                const char          *language);

const char * const *cm_clause_get_labels       (CmClause            *self);
void                cm_clause_set_labels       (CmClause            *self,
                                                const char * const  *labels);
gboolean            cm_clause_has_label        (CmClause            *self,
                                                const char          *label);
void                cm_clause_toggle_label     (CmClause            *self,
                                                const char          *label);

const CmSuggestion *cm_clause_get_suggestions  (CmClause            *self,
                                                guint               *n_suggestions);
void                cm_clause_set_suggestions  (CmClause            *self,
                                                const CmSuggestion  *suggestions,
                                                guint                n_suggestions);
/* The model's confidence in its whole decision for this clause (labels
 * and no-labels alike), in [0, 1]; negative when no model has seen it. */
double              cm_clause_get_confidence   (CmClause            *self);
void                cm_clause_set_confidence   (CmClause            *self,
                                                double               confidence);

CmReviewStatus      cm_clause_get_status       (CmClause            *self);
void                cm_clause_set_status       (CmClause            *self,
                                                CmReviewStatus       status);
const char         *cm_clause_get_reviewer     (CmClause            *self);
void                cm_clause_set_reviewer     (CmClause            *self,
                                                const char          *reviewer);
const char         *cm_clause_get_timestamp    (CmClause            *self);
void                cm_clause_set_timestamp    (CmClause            *self,
                                                const char          *timestamp);
void                cm_clause_mark_reviewed    (CmClause            *self,
                                                CmReviewStatus       status,
                                                const char          *reviewer);
const char         *cm_clause_get_note         (CmClause            *self);
void                cm_clause_set_note         (CmClause            *self,
                                                const char          *note);

/* Annotations, one per annotator, in annotator order (byte order of the
 * names). Set adds the annotator's answer or replaces their previous one;
 * nothing touches another annotator's. */
guint               cm_clause_get_n_annotations (CmClause           *self);
CmAnnotation       *cm_clause_get_annotation   (CmClause            *self,
                                                guint                position);
CmAnnotation       *cm_clause_lookup_annotation (CmClause           *self,
                                                const char          *annotator);
void                cm_clause_set_annotation   (CmClause            *self,
                                                CmAnnotation        *annotation);
gboolean            cm_clause_remove_annotation (CmClause           *self,
                                                const char          *annotator);
/* Records @annotator's labels on this clause now (a new annotation). */
void                cm_clause_annotate         (CmClause            *self,
                                                const char          *annotator,
                                                const char * const  *labels,
                                                CmReviewStatus       status);
/* TRUE when the final labels were settled by a curator from the
 * annotators' answers; the curator is then the reviewer. */
gboolean            cm_clause_get_adjudicated  (CmClause            *self);
void                cm_clause_set_adjudicated  (CmClause            *self,
                                                gboolean             adjudicated);
/* Sets the final labels as @curator's settlement (status corrected,
 * reviewer @curator, timestamp now, adjudicated). */
void                cm_clause_adjudicate       (CmClause            *self,
                                                const char * const  *labels,
                                                const char          *curator);
/* Flags (cm-flags.h): the current set — the models' decision until a
 * reviewer corrects it — and each flag's calibrated probability (negative
 * when no model or rule has scored it). */
CmFlags             cm_clause_get_flags        (CmClause            *self);
void                cm_clause_set_flags        (CmClause            *self,
                                                CmFlags              flags);
gboolean            cm_clause_has_flag         (CmClause            *self,
                                                CmFlag               flag);
void                cm_clause_toggle_flag      (CmClause            *self,
                                                CmFlag               flag);
double              cm_clause_get_flag_score   (CmClause            *self,
                                                CmFlag               flag);
void                cm_clause_set_flag_score   (CmClause            *self,
                                                CmFlag               flag,
                                                double               score);

/* Clause objects alive now (for tests of memory use). */
guint               cm_clause_count_live       (void);
gboolean            cm_clause_equal            (CmClause            *a,
                                                CmClause            *b);
CmClause           *cm_clause_copy             (CmClause            *self);

G_END_DECLS
