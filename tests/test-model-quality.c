/* test-model-quality.c — the shipped models on the corpora
 *
 * English: micro-F1 >= EN_FLOOR on APPSI-139's dev.txt, which no model is
 * trained on (sentences alone). Chinese: the shipped model is trained on
 * every CAPP-130 policy (its held-out figures come from grouped
 * cross-validation, README "Models"), so CAPP-130's topic/dev.txt is
 * training data here: a sanity floor that catches a broken model, not a
 * quality figure. Both models must read the document structure. Uses the
 * models in data/models as shipped; skipped without ../shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clausemark-core.h"
#include "cm-eval.h"
#include "cm-model.h"
#include "cm-test-util.h"
#include "cm-training-set.h"

/* Measured 0.900 on the shipped model (0.902 in format 1; training data, see above). */
#define ZH_SANITY_FLOOR 0.88
/* Measured 0.784 on the shipped model (0.775 with the NB-scaled SVM alone,
 * 0.772 before APPSI-139 counted twice), thresholds from grouped
 * out-of-fold scores; the model trained on APPSI-139 alone scored 0.801
 * with thresholds tuned on this very dev split (README "Models"). */
#define EN_FLOOR 0.77

static void
check_floor (const char  *model_name,
             const char  *corpus,
             const char  *file,
             CmLabelOrder order,
             double       micro_floor)
{
  g_autofree char *dev_path = cm_test_shared_path ("corpora", corpus, file, NULL);
  g_autofree char *model_path = cm_test_data_path ("models", model_name, NULL);
  g_autoptr(CmTrainingSet) dev = NULL;
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmEvaluation) eval = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (dev_path == NULL)
    return; /* skipped: ../shared is absent */

  started = g_get_monotonic_time ();
  model = cm_model_load (model_path, &error);
  g_assert_no_error (error);
  g_test_message ("%s loaded in %.1f ms", model_name, (g_get_monotonic_time () - started) / 1e3);

  dev = cm_training_set_new ();
  cm_training_set_add_topic_file (dev, dev_path, order, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_training_set_get_size (dev), >, 1000);

  eval = cm_evaluate_model (model, dev);
  g_test_message ("%s on %s/%s: micro-F1 %.4f, macro-F1 %.4f", model_name, corpus, file,
                  cm_evaluation_micro_f1 (eval), cm_evaluation_macro_f1 (eval));
  g_assert_cmpfloat (cm_evaluation_micro_f1 (eval), >=, micro_floor);
}

static void
test_zh_floor (void)
{
  check_floor ("zh.cmmodel", "capp130", "topic/dev.txt", CM_LABEL_ORDER_CAPP130, ZH_SANITY_FLOOR);
}

static void
test_en_floor (void)
{
  check_floor ("en.cmmodel", "appsi139", "dev.txt", CM_LABEL_ORDER_APPSI139, EN_FLOOR);
}

static void
test_reads_structure (void)
{
  const char *names[] = { "zh.cmmodel", "en.cmmodel" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cm_test_data_path ("models", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmModel) model = cm_model_load (path, &error);

      g_assert_no_error (error);
      g_assert_true (cm_model_get_config (model)->context & CM_CONTEXT_HEADING);
      g_assert_cmpuint (cm_model_get_config (model)->heading_pct, >, 0);
    }
  /* Both models read their neighbours' and their section's scores too
   * (a second stage: +0.5 points of micro-F1 in grouped cross-validation
   * for Chinese, +0.8 for English translations, README "Models"). */
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *path = cm_test_data_path ("models", k == 0 ? "zh.cmmodel" : "en.cmmodel",
                                                 NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmModel) model = cm_model_load (path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (cm_model_get_stack (model));
    }
}

/* The shipped models' budget: 8 MB together with the flag models (which
 * get at most 0.5 MB of it), every topic model in format 2 (the IDF one
 * byte a bucket: 3.1 MB at 2^18 buckets instead of 3.9 MB in format 1). */
#define SHIPPED_MODELS_BUDGET (8 * 1000 * 1000)

static guint32
format_version (const char *path)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >=, 12);
  /* magic, then the version, little-endian */
  return (guint32) (guint8) data[8] | (guint32) (guint8) data[9] << 8
         | (guint32) (guint8) data[10] << 16 | (guint32) (guint8) data[11] << 24;
}

static void
test_shipped_sizes (void)
{
  const char *names[] = { "zh.cmmodel", "en.cmmodel" };
  g_autofree char *flags = cm_test_data_path ("models", "flags", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cm_test_data_path ("models", names[i], NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, <=, 3300 * 1000);
      g_assert_cmpuint (format_version (path), ==, 2);
      total += st.st_size;
    }
  dir = g_dir_open (flags, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (flags, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      total += st.st_size;
    }
  g_test_message ("shipped models: %" G_GINT64_FORMAT " bytes", total);
  g_assert_cmpint (total, <=, SHIPPED_MODELS_BUDGET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model-quality/zh-floor", test_zh_floor);
  g_test_add_func ("/model-quality/en-floor", test_en_floor);
  g_test_add_func ("/model-quality/reads-structure", test_reads_structure);
  g_test_add_func ("/model-quality/shipped-sizes", test_shipped_sizes);

  return g_test_run ();
}
