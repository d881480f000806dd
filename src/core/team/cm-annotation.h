/* cm-annotation.h — one annotator's answer for one clause
 *
 * In team work every annotator labels the same clauses independently; a
 * clause keeps each annotator's answer (labels, decision, time, note) apart
 * from its final labels, which a curator settles. An annotation is
 * immutable once made: recording a new answer replaces the object, so undo
 * can keep the old one and copies of a clause can share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cm-types.h"

G_BEGIN_DECLS

#define CM_TYPE_ANNOTATION (cm_annotation_get_type ())

G_DECLARE_FINAL_TYPE (CmAnnotation, cm_annotation, CM, ANNOTATION, GObject)

/* @labels may be empty: "no label" is an answer. @status is accepted (the
 * annotator kept what was shown) or corrected (they changed it);
 * @timestamp is ISO 8601 in UTC, or NULL for "now". */
CmAnnotation       *cm_annotation_new           (const char          *annotator,
                                                 const char * const  *labels,
                                                 CmReviewStatus       status,
                                                 const char          *timestamp,
                                                 const char          *note);
/* The same answer, recorded as given on a larger clause [start, end) of the
 * annotator's copy: after a merge of copies whose boundaries differed, each
 * piece of that clause carries the annotation with the range it was made on. */
CmAnnotation       *cm_annotation_new_with_span (CmAnnotation        *annotation,
                                                 guint                start,
                                                 guint                end);
/* The annotator and the labels are interned strings (g_intern_string()). */
const char         *cm_annotation_get_annotator (CmAnnotation        *self);
const char * const *cm_annotation_get_labels    (CmAnnotation        *self);
gboolean            cm_annotation_has_label     (CmAnnotation        *self,
                                                 const char          *label);
CmReviewStatus      cm_annotation_get_status    (CmAnnotation        *self);
const char         *cm_annotation_get_timestamp (CmAnnotation        *self);
const char         *cm_annotation_get_note      (CmAnnotation        *self);
/* FALSE when the annotation was made on exactly this clause. */
gboolean            cm_annotation_get_span      (CmAnnotation        *self,
                                                 guint               *start,
                                                 guint               *end);
/* Same annotator, labels (as sets), status, time, note and span. */
gboolean            cm_annotation_equal         (CmAnnotation        *a,
                                                 CmAnnotation        *b);
/* Same labels, as sets. */
gboolean            cm_annotation_same_labels   (CmAnnotation        *a,
                                                 CmAnnotation        *b);

G_END_DECLS
