/* cm-model.c — one language's clause classifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-error.h"
#include "cm-flags.h"
#include "cm-model.h"
#include "cm-sha256.h"
#include "cm-stacker.h"
#include "cm-taxonomy.h"

#define HEADER_SIZE 32
#define CONFIG_SIZE 16
#define DIGEST_SIZE 32
#define MAX_STRING  256

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

G_DEFINE_FINAL_TYPE (CmModel, cm_model, G_TYPE_OBJECT)

static void
cm_model_finalize (GObject *object)
{
  CmModel *self = CM_MODEL (object);

  g_free (self->language);
  g_free (self->taxonomy_id);
  g_strfreev (self->labels);
  g_free (self->idf);
  g_free (self->params);
  g_free (self->weights);
  g_free (self->stack);

  G_OBJECT_CLASS (cm_model_parent_class)->finalize (object);
}

static void
cm_model_class_init (CmModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_model_finalize;
}

static void
cm_model_init (CmModel *self)
{
}

static CmModel *
model_alloc (const char            *language,
             const char            *taxonomy_id,
             const char * const    *labels,
             const CmFeatureConfig *config)
{
  CmModel *self = g_object_new (CM_TYPE_MODEL, NULL);

  self->language = g_strdup (language);
  self->taxonomy_id = g_strdup (taxonomy_id);
  self->labels = g_strdupv ((char **) labels);
  self->n_labels = g_strv_length (self->labels);
  self->config = *config;
  self->dim = 1u << config->hash_bits;
  self->idf = g_new0 (float, self->dim);
  self->params = g_new0 (LabelParams, self->n_labels);
  /* Padded rows: the scoring loop runs over a fixed 16 labels, which the
   * compiler turns into vector instructions. */
  self->stride = (self->n_labels + 15) / 16 * 16;
  self->weights = g_new0 (gint8, (gsize) self->dim * self->stride);
  for (guint l = 0; l < self->n_labels; l++)
    {
      self->params[l].platt_a = -1.0f;
      self->params[l].scale = 1.0f;
    }
  return self;
}

#define ROW_IDF_OFFSET 12

/* Copies the IDF into the rows' padding, when there is room. */
static void
embed_idf (CmModel *self)
{
  self->idf_in_rows = self->stride == 16 && self->n_labels <= ROW_IDF_OFFSET;
  if (!self->idf_in_rows)
    return;
  for (guint32 j = 0; j < self->dim; j++)
    memcpy (self->weights + (gsize) j * 16 + ROW_IDF_OFFSET, &self->idf[j], sizeof (float));
}

CmModel *
cm_model_new (const char            *language,
              const char            *taxonomy_id,
              const char * const    *labels,
              const CmFeatureConfig *config,
              const float           *idf,
              const float           *weights,
              const float           *bias)
{
  CmModel *self;
  guint L;

  g_return_val_if_fail (language != NULL && taxonomy_id != NULL, NULL);
  g_return_val_if_fail (labels != NULL && labels[0] != NULL, NULL);
  g_return_val_if_fail (g_strv_length ((char **) labels) <= CM_MODEL_MAX_LABELS, NULL);
  g_return_val_if_fail (cm_feature_config_is_valid (config), NULL);
  g_return_val_if_fail (idf != NULL && weights != NULL && bias != NULL, NULL);

  self = model_alloc (language, taxonomy_id, labels, config);
  L = self->n_labels;
  memcpy (self->idf, idf, sizeof (float) * self->dim);

  /* Symmetric int8 quantisation, one scale per label: on the dev sets it
   * changes F1 by less than 0.001 against float weights. */
  for (guint l = 0; l < L; l++)
    {
      float max_abs = 0.0f;

      for (guint32 j = 0; j < self->dim; j++)
        max_abs = MAX (max_abs, fabsf (weights[(gsize) j * L + l]));
      self->params[l].bias = bias[l];
      self->params[l].scale = max_abs > 0.0f ? max_abs / 127.0f : 1.0f;
      for (guint32 j = 0; j < self->dim; j++)
        self->weights[(gsize) j * self->stride + l] =
          (gint8) CLAMP (lrintf (weights[(gsize) j * L + l] / self->params[l].scale), -127, 127);
    }
  embed_idf (self);
  return self;
}

CmModel *
cm_model_new_blend (CmModel *a,
                    double   weight_a,
                    CmModel *b,
                    double   weight_b)
{
  g_autofree float *weights = NULL;
  g_autofree float *bias = NULL;
  CmModel *blend;
  guint L;

  g_return_val_if_fail (CM_IS_MODEL (a) && CM_IS_MODEL (b), NULL);
  g_return_val_if_fail (a->n_labels == b->n_labels && a->dim == b->dim, NULL);
  g_return_val_if_fail (memcmp (&a->config, &b->config, sizeof a->config) == 0, NULL);

  L = a->n_labels;
  weights = g_new (float, (gsize) a->dim * L);
  bias = g_new (float, L);
  for (guint l = 0; l < L; l++)
    {
      float sa = a->params[l].scale * weight_a, sb = b->params[l].scale * weight_b;

      bias[l] = weight_a * a->params[l].bias + weight_b * b->params[l].bias;
      for (guint32 j = 0; j < a->dim; j++)
        weights[(gsize) j * L + l] = sa * a->weights[(gsize) j * a->stride + l]
                                     + sb * b->weights[(gsize) j * b->stride + l];
    }
  blend = cm_model_new (a->language, a->taxonomy_id, (const char * const *) a->labels,
                        &a->config, a->idf, weights, bias);
  /* The second stage reads first-stage scores, which the blend keeps on
   * @a's scale: @a's second stage serves it. */
  cm_model_set_stack (blend, a->stack);
  return blend;
}

static gsize
stack_size (CmModel *self)
{
  return (gsize) self->n_labels * (CM_STACK_N_BLOCKS + 1);
}

void
cm_model_set_stack (CmModel     *self,
                    const float *weights)
{
  g_return_if_fail (CM_IS_MODEL (self));

  g_clear_pointer (&self->stack, g_free);
  if (weights != NULL)
    self->stack = g_memdup2 (weights, sizeof (float) * stack_size (self));
}

const float *
cm_model_get_stack (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->stack;
}

/* The IDF grid of version 2 files: 256 levels 1/16 apart from 0, exact
 * in float arithmetic (so rounding twice changes nothing) and up to 15.9,
 * the IDF of an n-gram seen once in 3 million sentences. */
#define IDF_LEVELS 255
#define IDF_STEP   0.0625f

static guint8
idf_level (float idf)
{
  return (guint8) CLAMP (lrintf (idf / IDF_STEP), 0, IDF_LEVELS);
}

void
cm_model_quantise_idf (float   *idf,
                       guint32  n)
{
  g_return_if_fail (idf != NULL || n == 0);

  for (guint32 j = 0; j < n; j++)
    idf[j] = IDF_STEP * idf_level (idf[j]);
}

/* Serialisation ------------------------------------------------------ */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);
  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_f32 (GByteArray *out,
         float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_u32 (out, bits);
}

static void
put_string (GByteArray *out,
            const char *str)
{
  put_u32 (out, strlen (str));
  g_byte_array_append (out, (const guint8 *) str, strlen (str));
}

GBytes *
cm_model_serialize (CmModel *self)
{
  GByteArray *out;
  guint8 header[CONFIG_SIZE] = { 0 };
  gsize n_weights;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[DIGEST_SIZE];
  gsize digest_len = DIGEST_SIZE;

  g_return_val_if_fail (CM_IS_MODEL (self), NULL);

  n_weights = (gsize) self->dim * self->n_labels;
  out = g_byte_array_sized_new (64 + self->dim * 4 + n_weights);
  g_byte_array_append (out, (const guint8 *) CM_MODEL_MAGIC, 8);
  put_u32 (out, CM_MODEL_VERSION);
  put_u32 (out, self->n_labels);
  header[0] = self->config.hash_bits;
  header[1] = self->config.unit_min;
  header[2] = self->config.unit_max;
  header[3] = self->config.sub_min;
  header[4] = self->config.sub_max;
  header[5] = self->config.skip;
  header[6] = self->config.context;
  header[7] = self->config.context_pct;
  header[8] = self->config.comma_is_space;
  header[9] = self->config.heading_pct;
  header[10] = self->config.lead_in_pct;
  header[11] = self->config.position_pct;
  header[12] = self->stack != NULL ? CM_STACK_N_BLOCKS : 0;
  header[13] = self->config.cues_pct;
  g_byte_array_append (out, header, CONFIG_SIZE);
  put_string (out, self->language);
  put_string (out, self->taxonomy_id);
  for (guint l = 0; l < self->n_labels; l++)
    put_string (out, self->labels[l]);
  put_f32 (out, 0.0f);      /* the grid's origin and step: room for other grids */
  put_f32 (out, IDF_STEP);
  for (guint32 j = 0; j < self->dim; j++)
    {
      guint8 level = idf_level (self->idf[j]);
      g_byte_array_append (out, &level, 1);
    }
  for (guint l = 0; l < self->n_labels; l++)
    {
      put_f32 (out, self->params[l].bias);
      put_f32 (out, self->params[l].scale);
      put_f32 (out, self->params[l].threshold);
      put_f32 (out, self->params[l].platt_a);
      put_f32 (out, self->params[l].platt_b);
    }
  for (guint32 j = 0; j < self->dim; j++)
    g_byte_array_append (out, (const guint8 *) self->weights + (gsize) j * self->stride,
                         self->n_labels);
  if (self->stack != NULL)
    for (gsize k = 0; k < stack_size (self); k++)
      put_f32 (out, self->stack[k]);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, out->data, out->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_byte_array_append (out, digest, DIGEST_SIZE);

  return g_byte_array_free_to_bytes (out);
}

gboolean
cm_model_save (CmModel    *self,
               const char *path,
               GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (CM_IS_MODEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = cm_model_serialize (self);
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents (path, data, size, error);
}

/* Deserialisation: a bounds-checked reader. ------------------------- */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
  gboolean      failed;
} Reader;

static const guint8 *
take (Reader *reader,
      gsize   n)
{
  const guint8 *p;

  if (reader->failed || n > reader->size - reader->pos)
    {
      reader->failed = TRUE;
      return NULL;
    }
  p = reader->data + reader->pos;
  reader->pos += n;
  return p;
}

static guint32
take_u32 (Reader *reader)
{
  const guint8 *p = take (reader, 4);
  guint32 value;

  if (p == NULL)
    return 0;
  memcpy (&value, p, 4);
  return GUINT32_FROM_LE (value);
}

static float
take_f32 (Reader *reader)
{
  guint32 bits = take_u32 (reader);
  float value;

  memcpy (&value, &bits, 4);
  return value;
}

static char *
take_string (Reader *reader)
{
  guint32 len = take_u32 (reader);
  const guint8 *p;

  if (len > MAX_STRING)
    {
      reader->failed = TRUE;
      return NULL;
    }
  p = take (reader, len);
  if (p == NULL || !g_utf8_validate ((const char *) p, len, NULL) || memchr (p, 0, len))
    {
      reader->failed = TRUE;
      return NULL;
    }
  return g_strndup ((const char *) p, len);
}

static gboolean
parse_error (GError    **error,
             const char *name,
             const char *reason)
{
  g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
               "%s: not a valid Clausemark model: %s", name, reason);
  return FALSE;
}

static gboolean
check_digest (const guint8 *data,
              gsize         size)
{
  /* Every process that labels anything loads two ~4 MB models: use the
   * hardware-accelerated digest (GLib's is ~10x slower), compared as hex. */
  g_autofree char *computed = cm_sha256_hex (data, size - DIGEST_SIZE);
  char stored[DIGEST_SIZE * 2 + 1];

  for (guint i = 0; i < DIGEST_SIZE; i++)
    g_snprintf (stored + 2 * i, 3, "%02x", data[size - DIGEST_SIZE + i]);
  return g_ascii_strcasecmp (computed, stored) == 0;
}

/* A checksum only proves the file is what its writer wrote: a crafted
 * model can carry any values (once: confidences above 1). Scores are
 * bias + scale × (int8 weights · an L2-normalised vector), probabilities
 * 1 / (1 + exp (A × score + B)) with A < 0 (a higher score is more
 * likely); the bounds are far beyond any trained model's. */
static gboolean
label_params_are_sane (const LabelParams *p)
{
  return isfinite (p->bias) && fabsf (p->bias) <= 1e4f
         && isfinite (p->scale) && p->scale >= 0.0f && p->scale <= 1e4f
         && isfinite (p->threshold) && fabsf (p->threshold) <= 1e4f
         && isfinite (p->platt_a) && p->platt_a < 0.0f && p->platt_a >= -1e4f
         && isfinite (p->platt_b) && fabsf (p->platt_b) <= 1e4f;
}

/* The labels must be the taxonomy's, each once: a renamed label was once
 * silently dropped. */
static gboolean
check_labels (const char          *taxonomy_id,
              const char * const  *labels,
              const char          *name,
              GError             **error)
{
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Clause flag models: their labels are flags (cm-flags.h), not a taxonomy's. */
  if (g_strcmp0 (taxonomy_id, CM_FLAGS_TAXONOMY) == 0)
    {
      for (guint l = 0; labels[l] != NULL; l++)
        if (!cm_flag_from_string (labels[l], NULL) || g_strv_contains (labels + l + 1, labels[l]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                         "%s: not a valid Clausemark model: label %u is not a flag or is listed twice",
                         name, l + 1);
            return FALSE;
          }
      return TRUE;
    }
  taxonomy = cm_taxonomy_load_builtin (taxonomy_id, &local_error);
  if (taxonomy == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s: not a valid Clausemark model: %s", name, local_error->message);
      return FALSE;
    }
  for (guint l = 0; labels[l] != NULL; l++)
    {
      if (cm_taxonomy_lookup (taxonomy, labels[l]) == NULL || g_strv_contains (labels + l + 1,
                                                                                labels[l]))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                       "%s: not a valid Clausemark model: label %u is not in the taxonomy "
                       "“%s” or is listed twice", name, l + 1, taxonomy_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Version 1: a float a bucket; version 2: the grid's minimum and step,
 * then a byte a bucket. */
static gboolean
take_idf (Reader  *reader,
          guint32  version,
          float   *idf,
          guint32  dim)
{
  float min, step;
  const guint8 *levels;

  if (version < 2)
    {
      for (guint32 j = 0; j < dim; j++)
        {
          idf[j] = take_f32 (reader);
          if (!isfinite (idf[j]) || idf[j] < 0.0f)
            return FALSE;
        }
      return TRUE;
    }
  min = take_f32 (reader);
  step = take_f32 (reader);
  if (!isfinite (min) || !isfinite (step) || min < 0.0f || step <= 0.0f || step > 1e3f)
    return FALSE;
  levels = take (reader, dim);
  if (levels == NULL)
    return FALSE;
  for (guint32 j = 0; j < dim; j++)
    idf[j] = min + step * levels[j];
  return TRUE;
}

CmModel *
cm_model_load_from_data (const guint8 *data,
                         gsize         size,
                         const char   *name,
                         GError      **error)
{
  Reader reader = { data, size, 0, FALSE };
  CmFeatureConfig config = { 0 };
  const guint8 *header;
  guint32 version, n_labels;
  g_autofree char *language = NULL;
  g_autofree char *taxonomy_id = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CmModel) self = NULL;
  gsize n_weights, n_stack, idf_bytes;
  guint n_stack_blocks;
  const guint8 *raw;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (size < 8 || memcmp (data, CM_MODEL_MAGIC, 8) != 0)
    return parse_error (error, name, "wrong magic number"), NULL;
  if (size < HEADER_SIZE + DIGEST_SIZE)
    return parse_error (error, name, "truncated header"), NULL;
  take (&reader, 8);
  version = take_u32 (&reader);
  if (version > CM_MODEL_VERSION)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: model format version %u is newer than this build reads (%u)",
                   name, version, CM_MODEL_VERSION);
      return NULL;
    }
  if (version == 0)
    return parse_error (error, name, "bad format version"), NULL;
  n_labels = take_u32 (&reader);
  header = take (&reader, CONFIG_SIZE);
  config.hash_bits = header[0];
  config.unit_min = header[1];
  config.unit_max = header[2];
  config.sub_min = header[3];
  config.sub_max = header[4];
  config.skip = header[5];
  config.context = header[6];
  config.context_pct = header[7];
  config.comma_is_space = header[8];
  config.heading_pct = header[9];
  config.lead_in_pct = header[10];
  config.position_pct = header[11];
  config.cues_pct = header[13]; /* 0 in files written before the cues */
  if (n_labels == 0 || n_labels > CM_MODEL_MAX_LABELS)
    return parse_error (error, name, "bad label count"), NULL;
  if (!cm_feature_config_is_valid (&config))
    return parse_error (error, name, "bad feature configuration"), NULL;

  n_weights = ((gsize) 1 << config.hash_bits) * n_labels;
  /* Check the size before trusting the checksum: catches truncation
   * without hashing a file that cannot be right. */
  language = take_string (&reader);
  taxonomy_id = take_string (&reader);
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint32 l = 0; l < n_labels && !reader.failed; l++)
    {
      char *label = take_string (&reader);
      if (label != NULL && label[0] == '\0')
        reader.failed = TRUE;
      g_ptr_array_add (labels, label);
    }
  g_ptr_array_add (labels, NULL);
  if (reader.failed)
    return parse_error (error, name, "truncated or malformed header"), NULL;
  n_stack_blocks = version >= 2 ? header[12] : 0;
  if (n_stack_blocks != 0 && n_stack_blocks != CM_STACK_N_BLOCKS)
    return parse_error (error, name, "unknown second stage"), NULL;
  n_stack = n_stack_blocks != 0 ? (gsize) n_labels * (CM_STACK_N_BLOCKS + 1) : 0;
  idf_bytes = version >= 2 ? 8 + ((gsize) 1 << config.hash_bits)
                           : (gsize) 4 << config.hash_bits;
  if (reader.size - reader.pos != idf_bytes + n_labels * 20 + n_weights + 4 * n_stack
                                  + DIGEST_SIZE)
    return parse_error (error, name, reader.size - reader.pos < n_weights
                                     ? "the file is truncated" : "unexpected size"), NULL;
  if (!check_digest (data, size))
    return parse_error (error, name, "checksum mismatch (the file is corrupt)"), NULL;
  if (!check_labels (taxonomy_id, (const char * const *) labels->pdata, name, error))
    return NULL;

  self = model_alloc (language, taxonomy_id, (const char * const *) labels->pdata, &config);
  if (!take_idf (&reader, version, self->idf, self->dim))
    return parse_error (error, name, "invalid IDF value"), NULL;
  for (guint l = 0; l < n_labels; l++)
    {
      LabelParams *p = &self->params[l];
      p->bias = take_f32 (&reader);
      p->scale = take_f32 (&reader);
      p->threshold = take_f32 (&reader);
      p->platt_a = take_f32 (&reader);
      p->platt_b = take_f32 (&reader);
      if (!label_params_are_sane (p))
        return parse_error (error, name, "label parameters out of range"), NULL;
    }
  raw = take (&reader, n_weights);
  for (guint32 j = 0; j < self->dim; j++)
    memcpy (self->weights + (gsize) j * self->stride, raw + (gsize) j * n_labels, n_labels);
  if (n_stack > 0)
    {
      self->stack = g_new (float, n_stack);
      for (gsize k = 0; k < n_stack; k++)
        {
          self->stack[k] = take_f32 (&reader);
          if (!isfinite (self->stack[k]) || fabsf (self->stack[k]) > 1e4f)
            return parse_error (error, name, "second-stage weights out of range"), NULL;
        }
    }
  embed_idf (self);
  return g_steal_pointer (&self);
}

CmModel *
cm_model_load (const char *path,
               GError    **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, CM_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? CM_ERROR_NOT_FOUND : CM_ERROR_FAILED,
                   "%s", local_error->message);
      return NULL;
    }
  return cm_model_load_from_data ((const guint8 *) g_mapped_file_get_contents (file),
                                  g_mapped_file_get_length (file), path, error);
}

/* Accessors ---------------------------------------------------------- */

const char *
cm_model_get_language (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->language;
}

const char *
cm_model_get_taxonomy_id (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->taxonomy_id;
}

guint
cm_model_get_n_labels (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0);
  return self->n_labels;
}

const char * const *
cm_model_get_labels (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return (const char * const *) self->labels;
}

int
cm_model_find_label (CmModel    *self,
                     const char *label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), -1);
  g_return_val_if_fail (label != NULL, -1);

  for (guint l = 0; l < self->n_labels; l++)
    if (g_str_equal (self->labels[l], label))
      return l;
  return -1;
}

const CmFeatureConfig *
cm_model_get_config (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return &self->config;
}

const float *
cm_model_get_idf (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  return self->idf;
}

double
cm_model_get_threshold (CmModel *self,
                        guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  return self->params[label].threshold;
}

void
cm_model_set_threshold (CmModel *self,
                        guint    label,
                        double   threshold)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  self->params[label].threshold = threshold;
}

void
cm_model_set_platt (CmModel *self,
                    guint    label,
                    double   a,
                    double   b)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  self->params[label].platt_a = a;
  self->params[label].platt_b = b;
}

void
cm_model_get_platt (CmModel *self,
                    guint    label,
                    double  *a,
                    double  *b)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (label < self->n_labels);
  *a = self->params[label].platt_a;
  *b = self->params[label].platt_b;
}

double
cm_model_get_bias (CmModel *self,
                   guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  return self->params[label].bias;
}

double
cm_model_get_weight (CmModel *self,
                     guint32  bucket,
                     guint    label)
{
  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  g_return_val_if_fail (bucket < 1u << self->config.hash_bits, 0.0);
  return (double) self->params[label].scale * self->weights[(gsize) bucket * self->stride + label];
}

/* Scoring ------------------------------------------------------------ */

void
cm_model_score_vector (CmModel               *self,
                       const CmFeatureVector *x,
                       double                *scores)
{
  float acc[CM_MODEL_MAX_LABELS] = { 0 };
  const guint stride = self->stride;

  /* Bucket-major weights: each feature reads one contiguous row. */
  if (stride == 16)
    for (guint i = 0; i < x->n; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * 16;
        const float v = x->value[i];

        for (guint l = 0; l < 16; l++)
          acc[l] += v * row[l];
      }
  else
    for (guint i = 0; i < x->n; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * stride;
        const float v = x->value[i];

        for (guint l = 0; l < stride; l++)
          acc[l] += v * row[l];
      }
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias + (double) self->params[l].scale * acc[l];
}

/* On x86-64, built twice: with AVX2 a row's 16 weights widen to floats in
 * two instructions instead of a dozen SSE2 ones; the dynamic loader picks
 * the clone the CPU runs. */
#if defined(__x86_64__) && defined(__GNUC__)
#define AVX2_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define AVX2_CLONES
#endif

/* Weighting and scoring in one pass over raw counts, reading each
 * n-gram's row once (its IDF included): the same figures as
 * cm_features_weight() then cm_model_score_vector(), and @x ends up
 * weighted as they leave it. */
AVX2_CLONES
static void
weight_and_score (CmModel         *self,
                  CmFeatureVector *x,
                  double          *scores)
{
  float acc[16] = { 0 };
  double norm = 0.0, inv_norm;
  guint i = 0;

  for (guint b = 0; b < x->n_blocks; b++)
    for (; i < x->block_end[b]; i++)
      {
        const gint8 *row = self->weights + (gsize) x->index[i] * 16;
        float idf, v;

        memcpy (&idf, row + ROW_IDF_OFFSET, sizeof (float));
        v = cm_features_sublinear_tf (x->value[i]) * idf * x->block_scale[b];
        x->value[i] = v;
        norm += (double) v * v;
        /* Lanes 12-15 sum the IDF's bytes: harmless, never read. */
        for (guint l = 0; l < 16; l++)
          acc[l] += v * row[l];
      }
  inv_norm = norm > 0.0 ? 1.0 / sqrt (norm) : 1.0;
  for (i = 0; i < x->n; i++)
    x->value[i] *= (float) inv_norm;
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias + (double) self->params[l].scale * acc[l] * inv_norm;
}

void
cm_model_score_text (CmModel          *self,
                     CmFeatureScratch *scratch,
                     CmFeatureVector  *x,
                     const char       *text,
                     double           *scores)
{
  cm_model_score_in_context (self, scratch, x, text, NULL, scores);
}

gboolean
cm_model_uses_context (CmModel *self)
{
  g_return_val_if_fail (CM_IS_MODEL (self), FALSE);
  return self->config.context != 0;
}

void
cm_model_extract (CmModel                *self,
                  CmFeatureScratch       *scratch,
                  const char             *text,
                  const CmFeatureContext *context,
                  CmFeatureVector        *x)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (text != NULL && x != NULL);

  cm_features_count_in_context (&self->config, scratch, text, context, x);
  /* The IDF and weight rows of a text's n-grams are scattered over a few
   * megabytes: ask for all of them before using any, so that the cache
   * misses overlap instead of queueing. */
  for (guint i = 0; i < x->n; i++)
    {
      __builtin_prefetch (self->idf + x->index[i]);
      __builtin_prefetch (self->weights + (gsize) x->index[i] * self->stride);
    }
  cm_features_weight (x, self->idf);
}

void
cm_model_score_in_context (CmModel                *self,
                           CmFeatureScratch       *scratch,
                           CmFeatureVector        *x,
                           const char             *text,
                           const CmFeatureContext *context,
                           double                 *scores)
{
  g_return_if_fail (CM_IS_MODEL (self));
  g_return_if_fail (text != NULL && scores != NULL);

  if (!self->idf_in_rows)
    {
      cm_model_extract (self, scratch, text, context, x);
      cm_model_score_vector (self, x, scores);
      return;
    }
  cm_feature_scratch_set_prefetch (scratch, self->weights, 16);
  cm_features_count_in_context (&self->config, scratch, text, context, x);
  cm_feature_scratch_set_prefetch (scratch, NULL, 0);
  weight_and_score (self, x, scores);
}

/* Cached scoring -------------------------------------------------------- */

/* A block's unnormalised dot products with every label and its squared
 * norm, before the block's scale. */
typedef struct
{
  float  acc[CM_MODEL_MAX_LABELS];
  double n2;
} BlockSum;

struct _CmScoreCache
{
  CmModel         *model;
  GHashTable      *blocks[5];  /* per text-reading block: text address -> BlockSum */
  CmFeatureVector  tmp;
};

/* Distinct texts kept before the cache starts over: a policy's headings
 * and lead-ins are a few hundred. */
#define SCORE_CACHE_MAX 4096

CmScoreCache *
cm_score_cache_new (CmModel *model)
{
  CmScoreCache *cache;

  g_return_val_if_fail (CM_IS_MODEL (model), NULL);

  cache = g_new0 (CmScoreCache, 1);
  cache->model = g_object_ref (model);
  for (guint k = 0; k < G_N_ELEMENTS (cache->blocks); k++)
    cache->blocks[k] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  cm_feature_vector_init (&cache->tmp);
  return cache;
}

void
cm_score_cache_free (CmScoreCache *cache)
{
  if (cache == NULL)
    return;
  g_object_unref (cache->model);
  for (guint k = 0; k < G_N_ELEMENTS (cache->blocks); k++)
    g_hash_table_unref (cache->blocks[k]);
  cm_feature_vector_clear (&cache->tmp);
  g_free (cache);
}

AVX2_CLONES
static void
block_sum (CmModel               *self,
           const CmFeatureVector *x,
           guint                  start,
           guint                  end,
           BlockSum              *out)
{
  const guint stride = self->stride;

  memset (out, 0, sizeof *out);
  if (self->idf_in_rows)
    {
      /* One read of a 16-byte row per n-gram, its IDF included (as in
       * weight_and_score()): a separate IDF table is a second cache miss. */
      float acc[16] = { 0 };
      double n2 = 0.0;

      for (guint i = start; i < end; i++)
        {
          const gint8 *row = self->weights + (gsize) x->index[i] * 16;
          float idf, v;

          memcpy (&idf, row + ROW_IDF_OFFSET, sizeof (float));
          v = cm_features_sublinear_tf (x->value[i]) * idf;
          n2 += (double) v * v;
          /* Lanes 12-15 sum the IDF's bytes: harmless, never read. */
          for (guint l = 0; l < 16; l++)
            acc[l] += v * row[l];
        }
      memcpy (out->acc, acc, sizeof acc);
      out->n2 = n2;
      return;
    }
  for (guint i = start; i < end; i++)
    {
      const gint8 *row = self->weights + (gsize) x->index[i] * stride;
      float v = cm_features_sublinear_tf (x->value[i]) * self->idf[x->index[i]];

      out->n2 += (double) v * v;
      for (guint l = 0; l < stride; l++)
        out->acc[l] += v * row[l];
    }
}

/* The sum of a text-reading context block (@slot: its index among them),
 * from the cache when the same string was seen before: keyed on its
 * address, hashing the text would cost as much as a short block. */
static const BlockSum *
context_block (CmModel          *self,
               CmFeatureScratch *scratch,
               CmScoreCache     *cache,
               guint             slot,
               guint             which,
               const char       *text)
{
  GHashTable *blocks = cache->blocks[slot];
  BlockSum *sum = g_hash_table_lookup (blocks, text);

  if (sum != NULL)
    return sum;
  if (g_hash_table_size (blocks) >= SCORE_CACHE_MAX)
    g_hash_table_remove_all (blocks);
  sum = g_new (BlockSum, 1);
  cache->tmp.n = 0;
  cache->tmp.n_blocks = 1;
  cache->tmp.block_end[0] = 0;
  cm_features_count_context (&self->config, scratch, which, text, 1.0f, &cache->tmp);
  block_sum (self, &cache->tmp, 0, cache->tmp.n, sum);
  g_hash_table_insert (blocks, (gpointer) text, sum);
  return sum;
}

static void
add_block (BlockSum       *total,
           const BlockSum *block,
           float           scale,
           guint           stride)
{
  for (guint l = 0; l < stride; l++)
    total->acc[l] += scale * block->acc[l];
  total->n2 += (double) scale * scale * block->n2;
}

void
cm_model_score_cached (CmModel                *self,
                       CmFeatureScratch       *scratch,
                       CmScoreCache           *cache,
                       CmFeatureVector        *x,
                       const char             *text,
                       const CmFeatureContext *context,
                       double                 *scores)
{
  static const guint text_blocks[] = {
    CM_CONTEXT_PREVIOUS, CM_CONTEXT_NEXT, CM_CONTEXT_HEADING, CM_CONTEXT_LEAD_IN
  };
  guint flags = context != NULL ? self->config.context : 0;
  BlockSum total, part;

  g_return_if_fail (CM_IS_MODEL (self) && cache != NULL && cache->model == self);
  g_return_if_fail (text != NULL && scores != NULL);

  /* The rows are fetched while the n-grams are still being counted. */
  cm_feature_scratch_set_prefetch (scratch, self->weights, self->stride);
  cm_features_count (&self->config, scratch, text, -1, x);
  cm_feature_scratch_set_prefetch (scratch, NULL, 0);
  block_sum (self, x, 0, x->n, &total);
  for (guint k = 0; k < G_N_ELEMENTS (text_blocks); k++)
    {
      guint which = text_blocks[k];
      const char *piece = which == CM_CONTEXT_PREVIOUS ? (flags ? context->previous : NULL)
                          : which == CM_CONTEXT_NEXT ? (flags ? context->next : NULL)
                          : which == CM_CONTEXT_HEADING ? (flags ? context->heading : NULL)
                          : (flags ? context->lead_in : NULL);
      float scale = which == CM_CONTEXT_HEADING ? self->config.heading_pct / 100.0f
                    : which == CM_CONTEXT_LEAD_IN ? self->config.lead_in_pct / 100.0f
                    : self->config.context_pct / 100.0f;

      if (!(flags & which) || piece == NULL || (which == CM_CONTEXT_HEADING && piece[0] == '\0'))
        continue;
      add_block (&total, context_block (self, scratch, cache, k, which, piece), scale, self->stride);
    }
  if (flags & CM_CONTEXT_POSITION)
    {
      cache->tmp.n = 0;
      cache->tmp.n_blocks = 1;
      cache->tmp.block_end[0] = 0;
      cm_features_count_position (&self->config, context, 1.0f, &cache->tmp);
      block_sum (self, &cache->tmp, 0, cache->tmp.n, &part);
      add_block (&total, &part, self->config.position_pct / 100.0f, self->stride);
    }
  if (self->config.cues_pct > 0)
    {
      cache->tmp.n = 0;
      cache->tmp.n_blocks = 1;
      cache->tmp.block_end[0] = 0;
      cm_features_count_cues (&self->config, text, 1.0f, &cache->tmp);
      block_sum (self, &cache->tmp, 0, cache->tmp.n, &part);
      add_block (&total, &part, self->config.cues_pct / 100.0f, self->stride);
    }
  for (guint l = 0; l < self->n_labels; l++)
    scores[l] = self->params[l].bias
                + (total.n2 > 0.0 ? (double) self->params[l].scale * total.acc[l] / sqrt (total.n2)
                                  : 0.0);
}

double
cm_model_probability (CmModel *self,
                      guint    label,
                      double   score)
{
  const LabelParams *p;
  double probability;

  g_return_val_if_fail (CM_IS_MODEL (self), 0.0);
  g_return_val_if_fail (label < self->n_labels, 0.0);
  p = &self->params[label];
  probability = 1.0 / (1.0 + exp (p->platt_a * score + p->platt_b));
  /* Loading bounds the parameters; a probability stays one regardless. */
  return isnan (probability) ? 0.5 : CLAMP (probability, 0.0, 1.0);
}

/* Explanations ------------------------------------------------------- */

/* n-gram text -> its bucket + 1 */
static void
collect_ngram (const char *gram,
               gsize       length,
               guint32     bucket,
               gpointer    user_data)
{
  g_hash_table_insert (user_data, g_strndup (gram, length), GUINT_TO_POINTER (bucket + 1));
}

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const CmContribution *ca = *(CmContribution * const *) a;
  const CmContribution *cb = *(CmContribution * const *) b;
  double da = fabs (ca->contribution), db = fabs (cb->contribution);

  if (da != db)
    return da > db ? -1 : 1;
  return strcmp (ca->feature, cb->feature);
}

GPtrArray *
cm_model_explain (CmModel          *self,
                  CmFeatureScratch *scratch,
                  const char       *text,
                  guint             label,
                  guint             n_top)
{
  g_autoptr(GHashTable) grams = NULL;
  CmFeatureVector x;
  GHashTable *bucket_value;
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_contribution_free);

  g_return_val_if_fail (CM_IS_MODEL (self), NULL);
  g_return_val_if_fail (label < self->n_labels, NULL);

  /* The weighted value of every bucket in this text ... */
  cm_feature_vector_init (&x);
  cm_model_extract (self, scratch, text, NULL, &x);
  bucket_value = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < x.n; i++)
    {
      float v = x.value[i];
      guint32 bits;
      memcpy (&bits, &v, 4);
      g_hash_table_insert (bucket_value, GUINT_TO_POINTER (x.index[i] + 1), GUINT_TO_POINTER (bits));
    }

  /* ... shared among the distinct n-grams hashed into it. */
  grams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cm_features_foreach_ngram (&self->config, scratch, text, -1, collect_ngram, grams);
  {
    g_autoptr(GHashTable) sharers = g_hash_table_new (NULL, NULL);

    g_hash_table_iter_init (&iter, grams);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (sharers, value,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sharers, value)) + 1));

    g_hash_table_iter_init (&iter, grams);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint32 bucket = GPOINTER_TO_UINT (value) - 1;
        guint32 bits = GPOINTER_TO_UINT (g_hash_table_lookup (bucket_value, value));
        guint n_sharers = GPOINTER_TO_UINT (g_hash_table_lookup (sharers, value));
        float v;
        double w;
        CmContribution *c;

        memcpy (&v, &bits, 4);
        w = (double) self->params[label].scale * self->weights[(gsize) bucket * self->stride + label];
        c = g_new0 (CmContribution, 1);
        c->feature = g_strdup (key);
        c->contribution = v * w / n_sharers;
        if (c->contribution != 0.0)
          g_ptr_array_add (result, c);
        else
          cm_contribution_free (c);
      }
  }
  g_ptr_array_sort (result, compare_contributions);
  if (result->len > n_top)
    g_ptr_array_set_size (result, n_top);

  g_hash_table_unref (bucket_value);
  cm_feature_vector_clear (&x);
  return result;
}
