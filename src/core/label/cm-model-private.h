/* cm-model-private.h — what the classifier's files share (cm-model*.c)
 *
 * The classifier is split by concern:
 *   cm-model.c        the object, building and blending, the second stage,
 *                     accessors, scoring and explanations
 *   cm-model-io.c     the model file: the IDF grid, saving and loading
 *   cm-model-cache.c  scoring with the context blocks' sums cached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-model.h"

G_BEGIN_DECLS

typedef struct
{
  float bias;
  float scale;      /* weight = scale × quantised weight */
  float threshold;  /* on the decision score */
  float platt_a;
  float platt_b;
} LabelParams;


struct _CmModel
{
  GObject          parent_instance;

  char            *language;
  char            *taxonomy_id;
  char           **labels;
  guint            n_labels;
  CmFeatureConfig  config;
  guint32          dim;
  float           *idf;
  LabelParams     *params;
  guint            stride;   /* labels padded to a multiple of 16 */
  gint8           *weights;  /* dim × stride, bucket-major; padding is 0 */
  float           *stack;    /* the second stage, or NULL (see cm-stacker.h) */
  /* With at most 12 labels, each 16-byte weight row also carries its
   * bucket's IDF (a float in bytes 12-15): scoring then touches one cache
   * line per n-gram instead of two. */
  gboolean         idf_in_rows;
};


/* With the IDF in the rows: where in a 16-byte row it sits. */
#define ROW_IDF_OFFSET 12


/* On x86-64, built twice: with AVX2 a row's 16 weights widen to floats in
 * two instructions instead of a dozen SSE2 ones; the dynamic loader picks
 * the clone the CPU runs. */
#if defined(__x86_64__) && defined(__GNUC__)
#define AVX2_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define AVX2_CLONES
#endif


/* A model of these labels and features, all weights and IDF 0. */
CmModel *cm_model_alloc      (const char            *language,
                              const char            *taxonomy_id,
                              const char * const    *labels,
                              const CmFeatureConfig *config);
/* Copies the IDF into the rows' padding, when there is room. */
void     cm_model_embed_idf  (CmModel               *self);
/* The second stage's weights: (CM_STACK_N_BLOCKS + 1) a label. */
gsize    cm_model_stack_size (CmModel               *self);

G_END_DECLS
