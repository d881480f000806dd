/* cm-model-io.c — a classifier's file: the IDF grid, saving and loading
 *
 * Little-endian: magic, version, label count, the feature configuration,
 * language, taxonomy and labels, the IDF on its grid, each label's bias,
 * scale, threshold and Platt parameters, the int8 weights bucket-major,
 * the second stage, then a SHA-256 of all that. Loading checks sizes
 * before the digest, the digest before any value, and every value's range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-error.h"
#include "cm-flags.h"
#include "cm-model-private.h"
#include "cm-sha256.h"
#include "cm-stacker.h"
#include "cm-taxonomy.h"

#define HEADER_SIZE 32
#define CONFIG_SIZE 16
#define DIGEST_SIZE 32
#define MAX_STRING  256


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
    for (gsize k = 0; k < cm_model_stack_size (self); k++)
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

  self = cm_model_alloc (language, taxonomy_id, (const char * const *) labels->pdata, &config);
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
  cm_model_embed_idf (self);
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

