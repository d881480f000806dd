/* cm-eval.c — how well a model's labels match the truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-eval"

#include "config.h"

#include <math.h>

#include "cm-eval.h"
#include "cm-stacker.h"

typedef struct
{
  guint  count;
  double sum_p;
  guint  positives;
} Bin;

struct _CmEvaluation
{
  char  **labels;
  guint   n_labels;
  guint   n_examples;
  guint  *tp;
  guint  *fp;
  guint  *fn;
  Bin     bins[CM_EVAL_N_BINS];
};

CmEvaluation *
cm_evaluation_new (const char * const *labels)
{
  CmEvaluation *eval;

  g_return_val_if_fail (labels != NULL, NULL);

  eval = g_new0 (CmEvaluation, 1);
  eval->labels = g_strdupv ((char **) labels);
  eval->n_labels = g_strv_length (eval->labels);
  eval->tp = g_new0 (guint, eval->n_labels);
  eval->fp = g_new0 (guint, eval->n_labels);
  eval->fn = g_new0 (guint, eval->n_labels);
  return eval;
}

void
cm_evaluation_free (CmEvaluation *eval)
{
  if (eval == NULL)
    return;
  g_strfreev (eval->labels);
  g_free (eval->tp);
  g_free (eval->fp);
  g_free (eval->fn);
  g_free (eval);
}

void
cm_evaluation_add (CmEvaluation *eval,
                   guint64       truth,
                   guint64       predicted,
                   const double *probabilities)
{
  g_return_if_fail (eval != NULL);

  eval->n_examples++;
  for (guint l = 0; l < eval->n_labels; l++)
    {
      gboolean t = (truth >> l) & 1, p = (predicted >> l) & 1;

      eval->tp[l] += t && p;
      eval->fp[l] += !t && p;
      eval->fn[l] += t && !p;
      if (probabilities != NULL)
        {
          double prob = CLAMP (probabilities[l], 0.0, 1.0);
          Bin *bin = &eval->bins[MIN ((guint) (prob * CM_EVAL_N_BINS), CM_EVAL_N_BINS - 1)];
          bin->count++;
          bin->sum_p += prob;
          bin->positives += t;
        }
    }
}

guint
cm_evaluation_get_n_examples (CmEvaluation *eval)
{
  g_return_val_if_fail (eval != NULL, 0);
  return eval->n_examples;
}

static double
f1_of (guint tp,
       guint fp,
       guint fn)
{
  return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
}

void
cm_evaluation_get_label (CmEvaluation *eval,
                         guint         label,
                         double       *precision,
                         double       *recall,
                         double       *f1,
                         guint        *support)
{
  g_return_if_fail (eval != NULL && label < eval->n_labels);

  if (precision)
    *precision = eval->tp[label] + eval->fp[label] > 0
                 ? eval->tp[label] / (double) (eval->tp[label] + eval->fp[label]) : 0.0;
  if (recall)
    *recall = eval->tp[label] + eval->fn[label] > 0
              ? eval->tp[label] / (double) (eval->tp[label] + eval->fn[label]) : 0.0;
  if (f1)
    *f1 = f1_of (eval->tp[label], eval->fp[label], eval->fn[label]);
  if (support)
    *support = eval->tp[label] + eval->fn[label];
}

double
cm_evaluation_micro_f1 (CmEvaluation *eval)
{
  guint tp = 0, fp = 0, fn = 0;

  g_return_val_if_fail (eval != NULL, 0.0);
  for (guint l = 0; l < eval->n_labels; l++)
    {
      tp += eval->tp[l];
      fp += eval->fp[l];
      fn += eval->fn[l];
    }
  return f1_of (tp, fp, fn);
}

double
cm_evaluation_macro_f1 (CmEvaluation *eval)
{
  double sum = 0.0;
  guint n = 0;

  g_return_val_if_fail (eval != NULL, 0.0);
  for (guint l = 0; l < eval->n_labels; l++)
    if (eval->tp[l] + eval->fn[l] > 0)
      {
        sum += f1_of (eval->tp[l], eval->fp[l], eval->fn[l]);
        n++;
      }
  return n > 0 ? sum / n : 0.0;
}

double
cm_evaluation_macro_f1_all (CmEvaluation *eval,
                            double        absent_score)
{
  double sum = 0.0;

  g_return_val_if_fail (eval != NULL, 0.0);
  for (guint l = 0; l < eval->n_labels; l++)
    {
      if (eval->tp[l] + eval->fn[l] == 0)
        sum += eval->fp[l] == 0 ? absent_score : 0.0;
      else
        sum += f1_of (eval->tp[l], eval->fp[l], eval->fn[l]);
    }
  return sum / eval->n_labels;
}

double
cm_evaluation_calibration_error (CmEvaluation *eval)
{
  double error = 0.0;
  guint total = 0;

  g_return_val_if_fail (eval != NULL, 0.0);
  for (guint b = 0; b < CM_EVAL_N_BINS; b++)
    total += eval->bins[b].count;
  if (total == 0)
    return 0.0;
  for (guint b = 0; b < CM_EVAL_N_BINS; b++)
    {
      const Bin *bin = &eval->bins[b];
      if (bin->count > 0)
        error += bin->count / (double) total
                 * fabs (bin->sum_p / bin->count - bin->positives / (double) bin->count);
    }
  return error;
}

char *
cm_evaluation_to_text (CmEvaluation *eval)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (eval != NULL, NULL);

  g_string_append_printf (out, "%-20s %9s %9s %9s %8s\n", "label", "precision", "recall",
                          "f1", "support");
  for (guint l = 0; l < eval->n_labels; l++)
    {
      double p, r, f1;
      guint support;

      cm_evaluation_get_label (eval, l, &p, &r, &f1, &support);
      g_string_append_printf (out, "%-20s %9.3f %9.3f %9.3f %8u\n", eval->labels[l], p, r, f1,
                              support);
    }
  g_string_append_printf (out, "\nexamples %u\nmicro-F1 %.4f\nmacro-F1 %.4f"
                          " (labels present in the data)\n"
                          "macro-F1 over all %u labels %.4f (absent label = 0)\n",
                          eval->n_examples, cm_evaluation_micro_f1 (eval),
                          cm_evaluation_macro_f1 (eval), eval->n_labels,
                          cm_evaluation_macro_f1_all (eval, 0.0));

  g_string_append (out, "\nreliability (every example × label)\n");
  g_string_append_printf (out, "%-11s %8s %10s %10s\n", "P bin", "pairs", "mean P", "observed");
  for (guint b = 0; b < CM_EVAL_N_BINS; b++)
    {
      const Bin *bin = &eval->bins[b];
      if (bin->count == 0)
        continue;
      g_string_append_printf (out, "[%.1f, %.1f%c %8u %10.3f %10.3f\n",
                              b / (double) CM_EVAL_N_BINS, (b + 1) / (double) CM_EVAL_N_BINS,
                              b + 1 == CM_EVAL_N_BINS ? ']' : ')', bin->count,
                              bin->sum_p / bin->count, bin->positives / (double) bin->count);
    }
  g_string_append_printf (out, "expected calibration error %.4f\n",
                          cm_evaluation_calibration_error (eval));
  return g_string_free (out, FALSE);
}

JsonNode *
cm_evaluation_to_json (CmEvaluation *eval)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (eval != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "examples");
  json_builder_add_int_value (builder, eval->n_examples);
  json_builder_set_member_name (builder, "micro_f1");
  json_builder_add_double_value (builder, cm_evaluation_micro_f1 (eval));
  json_builder_set_member_name (builder, "macro_f1");
  json_builder_add_double_value (builder, cm_evaluation_macro_f1 (eval));
  json_builder_set_member_name (builder, "macro_f1_all_labels");
  json_builder_add_double_value (builder, cm_evaluation_macro_f1_all (eval, 0.0));
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint l = 0; l < eval->n_labels; l++)
    {
      double p, r, f1;
      guint support;

      cm_evaluation_get_label (eval, l, &p, &r, &f1, &support);
      json_builder_set_member_name (builder, eval->labels[l]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "precision");
      json_builder_add_double_value (builder, p);
      json_builder_set_member_name (builder, "recall");
      json_builder_add_double_value (builder, r);
      json_builder_set_member_name (builder, "f1");
      json_builder_add_double_value (builder, f1);
      json_builder_set_member_name (builder, "support");
      json_builder_add_int_value (builder, support);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "reliability");
  json_builder_begin_array (builder);
  for (guint b = 0; b < CM_EVAL_N_BINS; b++)
    {
      const Bin *bin = &eval->bins[b];
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "low");
      json_builder_add_double_value (builder, b / (double) CM_EVAL_N_BINS);
      json_builder_set_member_name (builder, "high");
      json_builder_add_double_value (builder, (b + 1) / (double) CM_EVAL_N_BINS);
      json_builder_set_member_name (builder, "pairs");
      json_builder_add_int_value (builder, bin->count);
      json_builder_set_member_name (builder, "mean_probability");
      json_builder_add_double_value (builder, bin->count ? bin->sum_p / bin->count : 0.0);
      json_builder_set_member_name (builder, "observed_frequency");
      json_builder_add_double_value (builder, bin->count ? bin->positives / (double) bin->count : 0.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "calibration_error");
  json_builder_add_double_value (builder, cm_evaluation_calibration_error (eval));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

guint64
cm_model_predict_example (CmModel          *model,
                          CmFeatureScratch *scratch,
                          CmFeatureVector  *x,
                          CmTrainingSet    *set,
                          guint             i,
                          double           *scores,
                          double           *probabilities)
{
  guint64 predicted = 0;

  g_return_val_if_fail (CM_IS_MODEL (model) && set != NULL, 0);

  cm_model_score_in_context (model, scratch, x, cm_training_set_get_text (set, i),
                             cm_training_set_get_context (set, i), scores);
  for (guint l = 0; l < cm_model_get_n_labels (model); l++)
    {
      probabilities[l] = cm_model_probability (model, l, scores[l]);
      if (scores[l] >= cm_model_get_threshold (model, l))
        predicted |= G_GUINT64_CONSTANT (1) << l;
    }
  return predicted;
}

CmEvaluation *
cm_evaluate_model (CmModel       *model,
                   CmTrainingSet *set)
{
  guint n, L;
  g_autofree double *scores = NULL;
  CmEvaluation *eval;

  g_return_val_if_fail (CM_IS_MODEL (model) && set != NULL, NULL);

  n = cm_training_set_get_size (set);
  L = cm_model_get_n_labels (model);
  eval = cm_evaluation_new (cm_model_get_labels (model));
  scores = g_new (double, (gsize) MAX (n, 1) * L);
  /* whole documents: a second stage reads the neighbours' scores */
  cm_model_score_examples (model, set, NULL, 0, scores);
  for (guint i = 0; i < n; i++)
    {
      double probabilities[CM_MODEL_MAX_LABELS];
      guint64 predicted = 0;

      for (guint l = 0; l < L; l++)
        {
          double s = scores[(gsize) i * L + l];

          probabilities[l] = cm_model_probability (model, l, s);
          if (s >= cm_model_get_threshold (model, l))
            predicted |= G_GUINT64_CONSTANT (1) << l;
        }
      cm_evaluation_add (eval, cm_training_set_get_labels (set, i), predicted, probabilities);
    }
  return eval;
}
