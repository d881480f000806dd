/* cm-cli-explain.c — `clausemark-cli explain`: why a model labels a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "clausemark-core.h"
#include "cm-cli-commands.h"
#include "cm-explanation.h"
#include "cm-model.h"

static char *model_path;
static char *label_id;
static int n_top = 10;

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, "The model to ask", "MODEL" },
  { "label", 'l', 0, G_OPTION_ARG_STRING, &label_id,
    "Explain this label (default: every label the model assigns, else the likeliest)", "ID" },
  { "top", 'n', 0, G_OPTION_ARG_INT, &n_top, "How many n-grams to show (default 10)", "N" },
  { NULL }
};

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  double wa = fabs (((const CmWeightedSpan *) a)->weight);
  double wb = fabs (((const CmWeightedSpan *) b)->weight);

  return wa > wb ? -1 : wa < wb ? 1 : 0;
}

/* The words (units) the n-grams' pushes fall on, heaviest first. */
static void
print_words (CmModel          *model,
             CmFeatureScratch *scratch,
             const char       *text,
             guint             label)
{
  g_autoptr(CmExplanation) explanation = cm_model_explain_in_context (model, scratch, text, NULL,
                                                                      label);
  const CmExplainedBlock *own = cm_explanation_get_block (explanation, 0);
  g_autoptr(GArray) spans = g_array_copy (own->spans);

  g_array_sort (spans, compare_spans);
  printf ("  words:");
  for (guint i = 0; i < spans->len && i < (guint) n_top; i++)
    {
      const CmWeightedSpan *span = &g_array_index (spans, CmWeightedSpan, i);
      printf ("  %+.4f %.*s", span->weight, (int) (span->end - span->start), text + span->start);
    }
  printf ("\n");
}

static void
print_label (CmModel          *model,
             CmFeatureScratch *scratch,
             const char       *text,
             guint             label,
             const double     *scores)
{
  g_autoptr(GPtrArray) items = cm_model_explain (model, scratch, text, label, n_top);

  printf ("%s  P=%.3f  score %+.3f (threshold %+.3f)%s\n", cm_model_get_labels (model)[label],
          cm_model_probability (model, label, scores[label]), scores[label],
          cm_model_get_threshold (model, label),
          scores[label] >= cm_model_get_threshold (model, label) ? "  → assigned" : "");
  for (guint i = 0; i < items->len; i++)
    {
      CmContribution *c = g_ptr_array_index (items, i);
      printf ("  %+8.4f  %s\n", c->contribution, c->feature);
    }
  print_words (model, scratch, text, label);
}

int
cm_cli_cmd_explain (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("TEXT — show why a clause gets its labels");
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double scores[CM_MODEL_MAX_LABELS];
  CmFeatureVector x;
  guint L, best = 0, n_assigned = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2 || n_top <= 0)
    {
      cm_cli_print_error (NULL, "a TEXT to explain is required");
      return CM_CLI_EXIT_USAGE;
    }
  text = g_strjoinv (" ", argv + 1);
  if (!g_utf8_validate (text, -1, NULL))
    {
      cm_cli_print_error (NULL, "TEXT is not UTF-8");
      return CM_CLI_EXIT_USAGE;
    }

  if (model_path != NULL)
    model = cm_model_load (model_path, &error);
  else
    {
      /* The bundled model for the text's script. */
      g_autofree char *path = NULL;
      guint cjk = 0, latin = 0;
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          cjk += c >= 0x2E80 && c <= 0x9FFF;
          latin += g_ascii_isalpha (c);
        }
      path = cm_build_data_path ("models", cjk * 4 >= latin ? "zh.cmmodel" : "en.cmmodel", NULL);
      model = cm_model_load (path, &error);
    }
  if (model == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return CM_CLI_EXIT_FAILURE;
    }

  L = cm_model_get_n_labels (model);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  cm_feature_vector_init (&x);
  cm_model_score_text (model, scratch, &x, text, scores);
  cm_feature_vector_clear (&x);

  if (label_id != NULL)
    {
      int label = cm_model_find_label (model, label_id);
      if (label < 0)
        {
          cm_cli_print_error (NULL, "the model has no such label");
          return CM_CLI_EXIT_USAGE;
        }
      print_label (model, scratch, text, label, scores);
      return CM_CLI_EXIT_OK;
    }
  for (guint l = 0; l < L; l++)
    {
      if (scores[l] - cm_model_get_threshold (model, l) > scores[best] - cm_model_get_threshold (model, best))
        best = l;
      if (scores[l] >= cm_model_get_threshold (model, l))
        {
          print_label (model, scratch, text, l, scores);
          n_assigned++;
        }
    }
  if (n_assigned == 0)
    {
      printf ("no label assigned; the closest:\n");
      print_label (model, scratch, text, best, scores);
    }
  return CM_CLI_EXIT_OK;
}
