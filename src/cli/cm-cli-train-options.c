/* cm-cli-train-options.c — the training recipe options `train` and
 * `eval --cv` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-cli-train-options.h"
#include "cm-flag-data.h"

static char **negative_files;
static char **data_weights;
static gboolean drop_no_topic;
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
static char *thresholds_from;
static double threshold_blend = -1;
static gboolean skip_pairs;
static char *context_name;
static int context_pct;

static char *flag_list;
static CmFlag flag_list_parsed[CM_N_FLAGS];
static const char *flag_ids[CM_N_FLAGS + 1];
static guint n_flags;

static int heading_pct = -1;
static int lead_in_pct = -1;
static int position_pct = -1;
static int cues_pct = 0;
static double c_stack;

static const GOptionEntry entries[] = {
  { "no-topic-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &negative_files,
    "Also train on the sentences without a topic in FILE (jsonl policy or document; repeatable)",
    "FILE" },
  { "data-weight", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &data_weights,
    "The examples of FILE (a --data or --extra file) count N times (1-10) in the linear models' "
    "loss; repeatable", "FILE=N" },
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
    "What the model reads of the document, comma-separated: previous, next, heading, lead-in, "
    "position; or none (default), both (previous,next), all", "LIST" },
  { "context-weight", 0, 0, G_OPTION_ARG_INT, &context_pct,
    "Weight of the neighbours' n-grams, in % of the sentence's own (default 50)", "PCT" },
  { "heading-weight", 0, 0, G_OPTION_ARG_INT, &heading_pct,
    "Weight of the heading path's n-grams, in % (default 30)", "PCT" },
  { "lead-in-weight", 0, 0, G_OPTION_ARG_INT, &lead_in_pct,
    "Weight of a list's lead-in sentence, in % (default 30)", "PCT" },
  { "position-weight", 0, 0, G_OPTION_ARG_INT, &position_pct,
    "Weight of the position and shape features, in % (default 30)", "PCT" },
  { "cues-weight", 0, 0, G_OPTION_ARG_INT, &cues_pct,
    "Weight of the sensitive-data cue block (English cue words per category of PIPL Art. 28 / "
    "GDPR Art. 9), in % (0 = none, the default; at most 250)", "PCT" },
  { "stack", 0, 0, G_OPTION_ARG_DOUBLE, &c_stack,
    "Add a second stage with cost C: per label, a logistic regression over the first-stage "
    "scores of the clause, its neighbours and its section (out-of-fold; 0 = none)", "C" },
  { "flags", 0, 0, G_OPTION_ARG_STRING, &flag_list,
    "Clause flags instead of topics: key, risk and/or sensitive, comma-separated (data: CAPP-130"
    " policy files, or APPSI-139 split files of the first flag)", "FLAGS" },
  { "untuned", 0, 0, G_OPTION_ARG_NONE, &untuned,
    "Put thresholds at P = 0.5 instead of maximising F1 on the calibration data", NULL },
  { "thresholds-from", 0, 0, G_OPTION_ARG_STRING, &thresholds_from,
    "Fit each label's threshold on every calibration sentence (all, the default) or on those "
    "that have a label (labelled: as the topic yardstick counts; Platt scaling still from all)",
    "all|labelled" },
  { "threshold-blend", 0, 0, G_OPTION_ARG_DOUBLE, &threshold_blend,
    "Move each threshold this share (0-1) of the way, in calibrated probability, to the one "
    "cut that maximises micro-F1 over all labels (default 0)", "X" },
  { NULL }
};

const GOptionEntry *
cm_cli_train_option_entries (void)
{
  return entries;
}

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
parse_context (const char *list,
               guint8     *flags)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  *flags = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_str_equal (name, "none"))
        continue;
      else if (g_str_equal (name, "previous"))
        *flags |= CM_CONTEXT_PREVIOUS;
      else if (g_str_equal (name, "next"))
        *flags |= CM_CONTEXT_NEXT;
      else if (g_str_equal (name, "both"))
        *flags |= CM_CONTEXT_PREVIOUS | CM_CONTEXT_NEXT;
      else if (g_str_equal (name, "heading"))
        *flags |= CM_CONTEXT_HEADING;
      else if (g_str_equal (name, "lead-in"))
        *flags |= CM_CONTEXT_LEAD_IN;
      else if (g_str_equal (name, "position"))
        *flags |= CM_CONTEXT_POSITION;
      else if (g_str_equal (name, "all"))
        *flags |= CM_CONTEXT_ALL;
      else
        return FALSE;
    }
  return TRUE;
}

static guint8
percent_or (int value,
            int fallback)
{
  return (guint8) CLAMP (value >= 0 ? value : fallback, 0, 200);
}

/* --flags, once: reading the data and applying the options both need it,
 * in either order. */
static gboolean
parse_flags (void)
{
  if (flag_list == NULL || n_flags > 0)
    return TRUE;
  if (!cm_cli_parse_flags (flag_list, flag_list_parsed, &n_flags))
    return FALSE;
  for (guint f = 0; f < n_flags; f++)
    flag_ids[f] = cm_flag_to_string (flag_list_parsed[f]);
  return TRUE;
}

gboolean
cm_cli_train_options_apply (CmTrainOptions *options,
                            const char     *language,
                            gboolean        appsi_order)
{
  cm_train_options_init_for_language (options, language);
  if (!parse_flags ())
    return FALSE;
  if (n_flags > 0)
    options->label_ids = flag_ids;
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
        goto bad;
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
    goto bad;
  if (subwords != NULL && !parse_range (subwords, &options->features.sub_min,
                                        &options->features.sub_max))
    goto bad;
  options->tune_thresholds = !untuned;
  if (thresholds_from != NULL)
    {
      if (g_str_equal (thresholds_from, "labelled"))
        options->thresholds_from_labelled = TRUE;
      else if (g_str_equal (thresholds_from, "all"))
        options->thresholds_from_labelled = FALSE;
      else
        goto bad;
      /* a flag model has one label: "labelled" would mean its positives */
      if (options->thresholds_from_labelled && flag_list != NULL)
        {
          cm_cli_print_error (NULL, "--thresholds-from labelled is for topic models, not --flags");
          return FALSE;
        }
    }
  if (threshold_blend != -1)  /* -1: not given */
    {
      if (threshold_blend < 0 || threshold_blend > 1)
        goto bad;
      options->threshold_blend = threshold_blend;
    }
  if (c_stack > 0)
    options->c_stack = c_stack;
  if (skip_pairs)
    options->features.skip = 1;
  if (context_name != NULL && !parse_context (context_name, &options->features.context))
    goto bad;
  options->features.context_pct = percent_or (context_pct > 0 ? context_pct : -1, 50);
  options->features.heading_pct = percent_or (heading_pct, 30);
  options->features.lead_in_pct = percent_or (lead_in_pct, 30);
  options->features.position_pct = percent_or (position_pct, 30);
  options->features.cues_pct = (guint8) CLAMP (cues_pct, 0, 250);
  /* APPSI-139 lost its commas (they became spaces): a model trained on it
   * must not learn from commas in other data either. */
  options->features.comma_is_space = appsi_order;
  if (cm_feature_config_is_valid (&options->features))
    return TRUE;
bad:
  cm_cli_print_error (NULL, "bad --solver, --units, --subwords, --context, a weight, --hash-bits, "
                      "--thresholds-from or --threshold-blend");
  return FALSE;
}

/* Splits a --data-weight entry "FILE=N" into @name (owned by the caller)
 * and @weight; FALSE with the usage error printed when it is not one. */
static gboolean
parse_data_weight (const char  *entry,
                   char       **name,
                   guint       *weight)
{
  const char *equals = strrchr (entry, '=');
  guint64 value = 0;

  if (equals == NULL || equals == entry
      || !g_ascii_string_to_unsigned (equals + 1, 10, 1, CM_TRAINING_SET_MAX_WEIGHT, &value,
                                      NULL))
    {
      g_autofree char *message =
        g_strdup_printf ("--data-weight %s: expected FILE=N, N from 1 to %d", entry,
                         CM_TRAINING_SET_MAX_WEIGHT);
      cm_cli_print_error (NULL, message);
      return FALSE;
    }
  *name = g_strndup (entry, equals - entry);
  *weight = value;
  return TRUE;
}

/* The weight --data-weight gives @file (named as it was given to --data),
 * 1 if none; the entries are checked by cm_cli_check_data_weights(). */
static guint
weight_of_file (const char *file)
{
  for (guint i = 0; data_weights != NULL && data_weights[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      guint weight;

      if (parse_data_weight (data_weights[i], &name, &weight) && g_str_equal (name, file))
        return weight;
    }
  return 1;
}

gboolean
cm_cli_check_data_weights (char **files,
                           char **more)
{
  for (guint i = 0; data_weights != NULL && data_weights[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      guint weight;

      if (!parse_data_weight (data_weights[i], &name, &weight))
        return FALSE;
      /* A misspelt name would otherwise train the recipe unweighted
       * without a word. */
      if ((files == NULL || !g_strv_contains ((const char * const *) files, name))
          && (more == NULL || !g_strv_contains ((const char * const *) more, name)))
        {
          g_autofree char *message =
            g_strdup_printf ("--data-weight: %s is not a --data or --extra file", name);
          cm_cli_print_error (NULL, message);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cm_cli_read_training_files (char          **files,
                            CmLabelOrder    order,
                            CmTrainingSet  *set)
{
  if (!parse_flags ())
    return FALSE;
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmTrainingSet) marked = NULL;
      g_autoptr(CmTrainingSet) selected = NULL;
      guint first = cm_training_set_get_size (set);
      guint weight = weight_of_file (files[i]);

      if (n_flags == 0)
        {
          if (!cm_training_set_add_file (set, files[i], order, &error))
            {
              cm_cli_print_error (files[i], error->message);
              return FALSE;
            }
          cm_training_set_set_weight_from (set, first, weight);
          continue;
        }
      /* Flags: bit i of the masks becomes the model's label i. */
      marked = cm_training_set_new ();
      if (!cm_training_set_add_flag_file (marked, files[i], flag_list_parsed[0], &error))
        {
          cm_cli_print_error (files[i], error->message);
          return FALSE;
        }
      selected = cm_training_set_select_flags (marked, flag_list_parsed, n_flags);
      cm_training_set_append (set, selected, NULL);
      cm_training_set_set_weight_from (set, first, weight);
    }
  return TRUE;
}

gboolean
cm_cli_train_options_have_flags (void)
{
  return flag_list != NULL;
}

CmTrainingSet *
cm_cli_train_options_adjust_data (CmTrainingSet *set,
                                  CmLabelOrder   order)
{
  if (drop_no_topic)
    {
      CmTrainingSet *kept = cm_training_set_new ();
      guint n = cm_training_set_get_size (set);
      g_autofree gboolean *keep = g_new (gboolean, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        keep[i] = cm_training_set_get_labels (set, i) != 0;
      cm_training_set_append (kept, set, keep);
      cm_training_set_free (set);
      set = kept;
    }
  if (negative_files != NULL)
    {
      g_autoptr(CmTrainingSet) all = cm_training_set_new ();
      guint n_added = 0;

      if (!cm_cli_read_training_files (negative_files, order, all))
        {
          cm_training_set_free (set);
          return NULL;
        }
      for (guint i = 0; i < cm_training_set_get_size (all); i++)
        if (cm_training_set_get_labels (all, i) == 0)
          {
            cm_training_set_add_example (set, all, i, cm_training_set_new_group (set));
            n_added++;
          }
      g_printerr ("added %u sentences without a topic\n", n_added);
    }
  return set;
}
