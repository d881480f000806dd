/* fuzz-model.c — the model reader, past its checksum
 *
 * The input is a model file without its last 32 bytes; the target seals
 * it with the right SHA-256, so that the fuzzer explores the parser and
 * the value checks rather than the checksum. An accepted model must then
 * score text into probabilities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-model.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_criticals_fatal ();
  return 0;
}

static void
seal (guint8       *out,
      const guint8 *data,
      gsize         size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_size = 32;

  memcpy (out, data, size);
  g_checksum_update (checksum, data, size);
  g_checksum_get_digest (checksum, out + size, &digest_size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmModel) model = NULL;
  g_autofree guint8 *sealed = g_malloc (size + 32);
  g_autoptr(CmFeatureScratch) scratch = NULL;
  CmFeatureVector x;
  double scores[CM_MODEL_MAX_LABELS];

  seal (sealed, data, size);
  model = cm_model_load_from_data (sealed, size + 32, "fuzz", &error);
  if (model == NULL)
    {
      FUZZ_ASSERT (error != NULL, "refused without an error");
      return 0;
    }
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  cm_model_score_text (model, scratch, &x, "我们会收集您的手机号码。We collect your e-mail.",
                       scores);
  for (guint l = 0; l < cm_model_get_n_labels (model); l++)
    {
      double p = cm_model_probability (model, l, scores[l]);
      FUZZ_ASSERT (p >= 0.0 && p <= 1.0, "label %u: probability %g", l, p);
    }
  cm_feature_vector_clear (&x);
  return 0;
}
