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

/* Measured 0.902 on the shipped model (training data, see above). */
#define ZH_SANITY_FLOOR 0.88
/* Measured 0.775 on the shipped model, thresholds from grouped out-of-fold
 * scores; the model before it scored 0.801 with thresholds tuned on this
 * very dev split. */
#define EN_FLOOR 0.76

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
}

static void
test_shipped_sizes (void)
{
  g_autofree char *zh = cm_test_data_path ("models", "zh.cmmodel", NULL);
  g_autofree char *en = cm_test_data_path ("models", "en.cmmodel", NULL);
  GStatBuf zh_stat, en_stat;

  g_assert_cmpint (g_stat (zh, &zh_stat), ==, 0);
  g_assert_cmpint (g_stat (en, &en_stat), ==, 0);
  g_assert_cmpint (zh_stat.st_size, <=, 4 * 1024 * 1024);
  g_assert_cmpint (en_stat.st_size, <=, 4 * 1024 * 1024);
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
