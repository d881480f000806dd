/* cm-cli-train.c — `clausemark-cli train`: a classifier from labelled data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-eval.h"
#include "cm-trainer.h"

static char *language;
static char *taxonomy;
static char **data_files;
static char **dev_files;
static char **negative_files;
static char *label_order_name;
static char *output;
static char *solver_name;
static double c_svm;
static double c_lr;
static double c_nb;
static gboolean nb_weighting;
static double nb_alpha;
static double positive_weight;
static int hash_bits;
static char *units;
static char *subwords;
static gboolean untuned;
static gboolean skip_pairs;
static gboolean drop_no_topic;
static char *context_name;
static int context_pct;

static const GOptionEntry entries[] = {
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &language, "Language of the model: zh or en", "LANG" },
  { "taxonomy", 't', 0, G_OPTION_ARG_STRING, &taxonomy,
    "Taxonomy of the labels (only privacy-11)", "ID" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data_files,
    "Training data: topic file, per-policy jsonl or Clausemark document (repeatable)", "FILE" },
  { "dev", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dev_files,
    "Held-out data for thresholds and calibration (repeatable; default: 3-fold on the training data)",
    "FILE" },
  { "no-topic-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &negative_files,
    "Also train on the sentences without a topic in FILE (jsonl policy or document; repeatable)",
    "FILE" },
  { "label-order", 0, 0, G_OPTION_ARG_STRING, &label_order_name,
    "Vector order of topic files: capp130 (default) or appsi139 (also: commas are spaces)", "ORDER" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the model to MODEL", "MODEL" },
  { "solver", 0, 0, G_OPTION_ARG_STRING, &solver_name, "svm, lr, ensemble (SVM + LR) or svm+nbsvm (default svm)", "S" },
  { "c", 0, 0, G_OPTION_ARG_DOUBLE, &c_svm, "SVM regularisation cost C", "C" },
  { "c-lr", 0, 0, G_OPTION_ARG_DOUBLE, &c_lr, "Logistic regression cost C", "C" },
  { "c-nb", 0, 0, G_OPTION_ARG_DOUBLE, &c_nb, "Cost C of the NB-scaled SVM of svm+nbsvm", "C" },
  { "nb", 0, 0, G_OPTION_ARG_NONE, &nb_weighting,
    "Scale features by naive-Bayes log-count ratios (NBSVM)", NULL },
  { "nb-alpha", 0, 0, G_OPTION_ARG_DOUBLE, &nb_alpha, "Smoothing of the NB ratios", "A" },
  { "positive-weight", 0, 0, G_OPTION_ARG_DOUBLE, &positive_weight,
    "Cost of a missed label relative to a wrong one", "W" },
  { "hash-bits", 0, 0, G_OPTION_ARG_INT, &hash_bits, "log2 of the feature space", "B" },
  { "units", 0, 0, G_OPTION_ARG_STRING, &units,
    "Unit n-gram orders MIN-MAX (characters in Chinese, words elsewhere; 0 = none)", "RANGE" },
  { "subwords", 0, 0, G_OPTION_ARG_STRING, &subwords,
    "Character n-gram orders MIN-MAX inside words (0 = none)", "RANGE" },
  { "skip-pairs", 0, 0, G_OPTION_ARG_NONE, &skip_pairs,
    "Also unit pairs with one unit between them", NULL },
  { "drop-no-topic", 0, 0, G_OPTION_ARG_NONE, &drop_no_topic,
    "Leave the --data sentences without a topic out of training", NULL },
  { "context", 0, 0, G_OPTION_ARG_STRING, &context_name,
    "Also read the neighbouring sentences of policies: none (default), previous, next or both", "C" },
  { "context-weight", 0, 0, G_OPTION_ARG_INT, &context_pct,
    "Weight of the neighbours' n-grams, in % of the sentence's own (default 50)", "PCT" },
  { "untuned", 0, 0, G_OPTION_ARG_NONE, &untuned,
    "Put thresholds at P = 0.5 instead of maximising F1 on the dev data", NULL },
  { NULL }
};

static gboolean
parse_range (const char *str,
             guint8     *min,
             guint8     *max)
{
  guint a = 0, b = 0;

  if (g_str_equal (str, "0"))
    {
      *min = *max = 0;
      return TRUE;
    }
  if (sscanf (str, "%u-%u", &a, &b) != 2 || a == 0 || a > b || b > 12)
    return FALSE;
  *min = a;
  *max = b;
  return TRUE;
}

static gboolean
read_sets (char          **files,
           CmLabelOrder    order,
           CmTrainingSet  *set)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!cm_training_set_add_file (set, files[i], order, &error))
        {
          cm_cli_print_error (files[i], error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_options (CmTrainOptions *options)
{
  cm_train_options_init_for_language (options, language);
  if (solver_name != NULL)
    {
      if (g_str_equal (solver_name, "svm"))
        options->solver = CM_SOLVER_SVM;
      else if (g_str_equal (solver_name, "lr"))
        options->solver = CM_SOLVER_LR;
      else if (g_str_equal (solver_name, "ensemble"))
        options->solver = CM_SOLVER_ENSEMBLE;
      else if (g_str_equal (solver_name, "svm+nbsvm"))
        options->solver = CM_SOLVER_SVM_NBSVM;
      else
        return FALSE;
    }
  if (c_svm > 0)
    options->c_svm = c_svm;
  if (c_lr > 0)
    options->c_lr = c_lr;
  if (c_nb > 0)
    options->c_nb = c_nb;
  if (nb_weighting)
    options->nb_weighting = TRUE;
  if (nb_alpha > 0)
    options->nb_alpha = nb_alpha;
  if (positive_weight > 0)
    options->positive_weight = positive_weight;
  if (hash_bits > 0)
    options->features.hash_bits = hash_bits;
  if (units != NULL && !parse_range (units, &options->features.unit_min,
                                     &options->features.unit_max))
    return FALSE;
  if (subwords != NULL && !parse_range (subwords, &options->features.sub_min,
                                        &options->features.sub_max))
    return FALSE;
  options->tune_thresholds = !untuned;
  if (skip_pairs)
    options->features.skip = 1;
  if (context_name != NULL)
    {
      if (g_str_equal (context_name, "previous"))
        options->features.context = CM_CONTEXT_PREVIOUS;
      else if (g_str_equal (context_name, "next"))
        options->features.context = CM_CONTEXT_NEXT;
      else if (g_str_equal (context_name, "both"))
        options->features.context = CM_CONTEXT_PREVIOUS | CM_CONTEXT_NEXT;
      else if (!g_str_equal (context_name, "none"))
        return FALSE;
      options->features.context_pct = context_pct > 0 ? context_pct : 50;
    }
  return cm_feature_config_is_valid (&options->features);
}

int
cm_cli_cmd_train (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— train a clause classifier");
  g_autoptr(CmTrainingSet) train = cm_training_set_new ();
  g_autoptr(CmTrainingSet) dev = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmLabelOrder order = CM_LABEL_ORDER_CAPP130;
  gint64 started;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      cm_cli_print_error (argv[1], "unexpected argument (repeat --data / --dev / --no-topic-from for each file)");
      return CM_CLI_EXIT_USAGE;
    }
  if (language == NULL || (!g_str_equal (language, "zh") && !g_str_equal (language, "en"))
      || data_files == NULL || output == NULL)
    {
      cm_cli_print_error (NULL, "--lang zh|en, --data and -o are required");
      return CM_CLI_EXIT_USAGE;
    }
  if (taxonomy != NULL && !g_str_equal (taxonomy, "privacy-11"))
    {
      cm_cli_print_error (NULL, "only the privacy-11 taxonomy can be trained");
      return CM_CLI_EXIT_USAGE;
    }
  if (!cm_cli_parse_label_order (label_order_name, &order))
    return CM_CLI_EXIT_USAGE;
  if (!apply_options (&options))
    {
      cm_cli_print_error (NULL, "bad --solver, --units, --subwords, --context or --hash-bits");
      return CM_CLI_EXIT_USAGE;
    }
  /* APPSI-139 lost its commas (they became spaces): a model trained on it
   * must not learn from commas in other data either. */
  options.features.comma_is_space = order == CM_LABEL_ORDER_APPSI139;

  if (!read_sets (data_files, order, train) || !read_sets (dev_files, order, dev))
    return CM_CLI_EXIT_FAILURE;
  if (drop_no_topic)
    {
      g_autoptr(CmTrainingSet) kept = cm_training_set_new ();

      for (guint i = 0; i < cm_training_set_get_size (train); i++)
        if (cm_training_set_get_labels (train, i) != 0)
          cm_training_set_add (kept, cm_training_set_get_text (train, i),
                               cm_training_set_get_labels (train, i), -1);
      cm_training_set_free (train);
      train = g_steal_pointer (&kept);
    }
  if (negative_files != NULL)
    {
      g_autoptr(CmTrainingSet) all = cm_training_set_new ();
      guint n_added = 0;

      if (!read_sets (negative_files, order, all))
        return CM_CLI_EXIT_FAILURE;
      for (guint i = 0; i < cm_training_set_get_size (all); i++)
        if (cm_training_set_get_labels (all, i) == 0)
          {
            cm_training_set_add (train, cm_training_set_get_text (all, i), 0, -1);
            n_added++;
          }
      g_printerr ("added %u sentences without a topic\n", n_added);
    }

  started = g_get_monotonic_time ();
  model = cm_trainer_train (train, dev_files != NULL ? dev : NULL, language, "privacy-11",
                            &options, &error);
  if (model == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  g_printerr ("trained on %u examples in %.1f s\n", cm_training_set_get_size (train),
              (g_get_monotonic_time () - started) / 1e6);
  if (dev_files != NULL)
    {
      g_autoptr(CmEvaluation) eval = cm_evaluate_model (model, dev);
      g_printerr ("dev (%u examples): micro-F1 %.4f, macro-F1 %.4f\n",
                  cm_training_set_get_size (dev), cm_evaluation_micro_f1 (eval),
                  cm_evaluation_macro_f1 (eval));
    }
  if (!cm_model_save (model, output, &error))
    {
      cm_cli_print_error (output, error->message);
      return CM_CLI_EXIT_FAILURE;
    }
  return CM_CLI_EXIT_OK;
}
