/* cm-model.h — one language's clause classifier
 *
 * A linear one-vs-rest model over hashed n-gram features (cm-features.h):
 * for each label a weight per bucket (stored as int8 with a per-label
 * scale), a bias, a decision threshold tuned on held-out data and Platt
 * parameters turning a decision score s into P = 1 / (1 + exp (A s + B)).
 * The IDF of every bucket travels with the model.
 *
 * File format (little-endian), version 1:
 *   "CMMODEL\0", u32 version, u32 n_labels, u8 hash_bits, u8 unit_min,
 *   u8 unit_max, u8 sub_min, u8 sub_max, u8 skip, u8 context, u8 context_pct, u8 comma_is_space,
 *   u8 heading_pct, u8 lead_in_pct, u8 position_pct, 4 reserved bytes (older files: zeros there,
 *   which reads as "no such context"),
 *   string language, string taxonomy id, n_labels × string label id
 *   (string = u32 length + bytes),
 *   f32 idf[dim], per label f32 bias, scale, threshold, platt_a, platt_b,
 *   i8 weights[dim][n_labels], 32-byte SHA-256 of all that precedes.
 *
 * A model is immutable once calibrated; scoring is thread-safe given one
 * CmFeatureScratch per thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-features.h"
#include "cm-model-set.h"

G_BEGIN_DECLS

#define CM_MODEL_MAGIC   "CMMODEL"
/* 1: float IDF; 2: IDF on a 256-level grid (one byte a bucket) and an
 * optional second stage (cm-stacker.h). Version 1 files still load. */
#define CM_MODEL_VERSION 2
#define CM_MODEL_MAX_LABELS 64

#define CM_TYPE_MODEL (cm_model_get_type ())

G_DECLARE_FINAL_TYPE (CmModel, cm_model, CM, MODEL, GObject)

/* @weights: dim × n_labels floats, bucket-major; quantised on the way in. */
CmModel            *cm_model_new              (const char            *language,
                                               const char            *taxonomy_id,
                                               const char * const    *labels,
                                               const CmFeatureConfig *config,
                                               const float           *idf,
                                               const float           *weights,
                                               const float           *bias);
/* weight_a × @a + weight_b × @b: two models of the same labels and
 * features (@a's IDF is kept), uncalibrated. */
CmModel            *cm_model_new_blend        (CmModel               *a,
                                               double                 weight_a,
                                               CmModel               *b,
                                               double                 weight_b);
/* Rounds @idf (@n values) in place to the 256 levels (0 to 15.9, 1/16
 * apart) that the model file stores: a trainer rounds its IDF first, so
 * that the saved model scores exactly as the trained one. */
void                cm_model_quantise_idf     (float                 *idf,
                                               guint32                n);
/* The second stage (cm-stacker.h): n_labels × (CM_STACK_N_BLOCKS + 1)
 * weights, or NULL (none: scores are the first stage's). Copied. */
void                cm_model_set_stack        (CmModel               *self,
                                               const float           *weights);
const float        *cm_model_get_stack        (CmModel               *self);
CmModel            *cm_model_load             (const char            *path,
                                               GError               **error);
/* @name names the data in errors. */
CmModel            *cm_model_load_from_data   (const guint8          *data,
                                               gsize                  size,
                                               const char            *name,
                                               GError               **error);
GBytes             *cm_model_serialize        (CmModel               *self);
gboolean            cm_model_save             (CmModel               *self,
                                               const char            *path,
                                               GError               **error);

const char         *cm_model_get_language     (CmModel               *self);
const char         *cm_model_get_taxonomy_id  (CmModel               *self);
guint               cm_model_get_n_labels     (CmModel               *self);
const char * const *cm_model_get_labels       (CmModel               *self);
int                 cm_model_find_label       (CmModel               *self,
                                               const char            *label);
const CmFeatureConfig *cm_model_get_config    (CmModel               *self);
const float        *cm_model_get_idf          (CmModel               *self);

double              cm_model_get_threshold    (CmModel               *self,
                                               guint                  label);
void                cm_model_set_threshold    (CmModel               *self,
                                               guint                  label,
                                               double                 threshold);
void                cm_model_set_platt        (CmModel               *self,
                                               guint                  label,
                                               double                 a,
                                               double                 b);
void                cm_model_get_platt        (CmModel               *self,
                                               guint                  label,
                                               double                *a,
                                               double                *b);

/* A label's bias, and the weight of a bucket (of the model's feature
 * space, context namespaces included) towards it, as scoring uses them:
 * a score is the bias plus the sum of weighted feature values × weights. */
double              cm_model_get_bias         (CmModel               *self,
                                               guint                  label);
double              cm_model_get_weight       (CmModel               *self,
                                               guint32                bucket,
                                               guint                  label);

/* Decision scores of every label for an extracted feature vector. */
void                cm_model_score_vector     (CmModel               *self,
                                               const CmFeatureVector *x,
                                               double                *scores);
/* Whether the model also reads the clause's document (neighbours,
 * headings, lead-ins, position). */
gboolean            cm_model_uses_context     (CmModel               *self);
/* @text's weighted features, with what the model reads of @context
 * (nullable: none). */
void                cm_model_extract          (CmModel                *self,
                                               CmFeatureScratch       *scratch,
                                               const char             *text,
                                               const CmFeatureContext *context,
                                               CmFeatureVector        *x);
void                cm_model_score_in_context (CmModel                *self,
                                               CmFeatureScratch       *scratch,
                                               CmFeatureVector        *x,
                                               const char             *text,
                                               const CmFeatureContext *context,
                                               double                 *scores);
/* Scores of clauses of one document, the context blocks that repeat (the
 * heading path of a section, a list's lead-in) computed once: the same
 * figures as cm_model_score_in_context(). One cache per thread and model;
 * it knows a context string by its address, so the strings must stay alive
 * and unchanged while the cache is used (equal strings should share one
 * copy, as cm_clause_contexts_new() and training sets give them); @x is
 * left holding the clause's own raw counts. */
typedef struct _CmScoreCache CmScoreCache;

CmScoreCache       *cm_score_cache_new        (CmModel                *model);
void                cm_score_cache_free       (CmScoreCache           *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmScoreCache, cm_score_cache_free)
void                cm_model_score_cached     (CmModel                *self,
                                               CmFeatureScratch       *scratch,
                                               CmScoreCache           *cache,
                                               CmFeatureVector        *x,
                                               const char             *text,
                                               const CmFeatureContext *context,
                                               double                 *scores);

/* Extracts @text's features (into @x) and scores them, without context. */
void                cm_model_score_text       (CmModel               *self,
                                               CmFeatureScratch      *scratch,
                                               CmFeatureVector       *x,
                                               const char            *text,
                                               double                *scores);
double              cm_model_probability      (CmModel               *self,
                                               guint                  label,
                                               double                 score);

/* See cm_model_set_explain(). */
GPtrArray          *cm_model_explain          (CmModel               *self,
                                               CmFeatureScratch      *scratch,
                                               const char            *text,
                                               guint                  label,
                                               guint                  n_top);

G_END_DECLS
