/* test-explanation.c — a label's score handed back to the words of the text
 *
 * A model trained on a tiny hand-made set, where one word decides the
 * label, must weigh that word's span above every other; the spans and the
 * bias must add up to the score the model gives; a heading the model reads
 * must show its share, on the heading's own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-explanation.h"
#include "cm-model.h"
#include "cm-test-util.h"
#include "cm-trainer.h"

#define SHARING (G_GUINT64_CONSTANT (1) << 2)   /* privacy-11's third label */
#define SHARING_INDEX 2

/* Sentences written for this test: "disclose" makes them sharing, every
 * other word appears on both sides. */
static const char * const verbs_positive[] = { "disclose", "disclose", "disclose", NULL };
static const char * const verbs_negative[] = { "keep", "protect", "review", NULL };
static const char * const objects[] = {
  "your information", "your account details", "the data you give us", "your device identifiers",
  "your contact list", "the records of your orders", NULL
};
static const char * const purposes[] = {
  "to improve our services", "when the law asks us", "for the reasons in this policy",
  "as described below", NULL
};

static CmTrainingSet *
make_words_set (void)
{
  CmTrainingSet *set = cm_training_set_new ();

  for (guint v = 0; v < 3; v++)
    for (guint o = 0; objects[o] != NULL; o++)
      for (guint p = 0; purposes[p] != NULL; p++)
        {
          g_autofree char *yes = g_strdup_printf ("We %s %s %s.", verbs_positive[v], objects[o], purposes[p]);
          g_autofree char *no = g_strdup_printf ("We %s %s %s.", verbs_negative[v], objects[o], purposes[p]);

          cm_training_set_add (set, yes, SHARING, -1);
          cm_training_set_add (set, no, 0, -1);
        }
  return set;
}

static CmModel *
train (CmTrainingSet *set,
       guint          context)
{
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmModel *model;

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 14;
  options.features.context = context;
  options.features.heading_pct = 100;
  model = cm_trainer_train (set, NULL, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static char *
span_text (const char           *text,
           const CmWeightedSpan *span)
{
  return g_strndup (text + span->start, span->end - span->start);
}

/* The spans and the bias add up to the model's own score. */
static void
assert_adds_up (CmModel                *model,
                CmFeatureScratch       *scratch,
                CmExplanation          *explanation,
                const char             *text,
                const CmFeatureContext *context)
{
  double scores[CM_MODEL_MAX_LABELS];
  double sum = explanation->bias;
  CmFeatureVector x;

  cm_feature_vector_init (&x);
  cm_model_score_in_context (model, scratch, &x, text, context, scores);
  cm_feature_vector_clear (&x);
  g_assert_cmpfloat_with_epsilon (explanation->score, scores[SHARING_INDEX], 1e-4);
  for (guint b = 0; b < explanation->blocks->len; b++)
    {
      const CmExplainedBlock *block = g_ptr_array_index (explanation->blocks, b);
      double spans = 0.0;

      for (guint i = 0; block->spans != NULL && i < block->spans->len; i++)
        spans += g_array_index (block->spans, CmWeightedSpan, i).weight;
      if (block->spans != NULL)
        g_assert_cmpfloat_with_epsilon (spans, block->contribution, 1e-4);
      sum += block->contribution;
    }
  g_assert_cmpfloat_with_epsilon (sum, scores[SHARING_INDEX], 1e-4);
}

static void
test_deciding_word (void)
{
  g_autoptr(CmTrainingSet) set = make_words_set ();
  g_autoptr(CmModel) model = train (set, 0);
  g_autoptr(CmFeatureScratch) scratch = cm_feature_scratch_new (cm_model_get_config (model));
  /* Unseen: a new object, a purpose seen on both sides. */
  const char *text = "Sometimes we DISCLOSE your browsing history to improve our services.";
  g_autoptr(CmExplanation) explanation = NULL;
  const CmExplainedBlock *own;
  const CmWeightedSpan *top;
  g_autofree char *word = NULL;

  explanation = cm_model_explain_in_context (model, scratch, text, NULL, SHARING_INDEX);
  g_assert_cmpstr (explanation->label, ==, "sharing");
  g_assert_cmpuint (explanation->blocks->len, ==, 1);
  own = cm_explanation_get_block (explanation, 0);
  g_assert_nonnull (own);
  g_assert_cmpstr (own->text, ==, text);
  top = cm_explained_block_top_span (own);
  g_assert_nonnull (top);
  /* The span is the source's bytes (upper case), not the folded form. */
  word = span_text (text, top);
  g_assert_cmpstr (word, ==, "DISCLOSE");
  g_assert_cmpfloat (top->weight, >, 0.0);
  g_assert_cmpfloat (fabs (top->weight), ==, cm_explanation_max_weight (explanation));
  g_assert_cmpfloat_with_epsilon (cm_explanation_get_share (explanation, 0), 1.0, 1e-12);
  g_assert_cmpfloat (explanation->probability, >, 0.5);
  assert_adds_up (model, scratch, explanation, text, NULL);

  /* Units cover the text in order, punctuation included, spaces not. */
  g_assert_cmpuint (own->spans->len, ==, 11);
  for (guint i = 1; i < own->spans->len; i++)
    g_assert_cmpuint (g_array_index (own->spans, CmWeightedSpan, i).start, >=,
                      g_array_index (own->spans, CmWeightedSpan, i - 1).end);

  /* A verb seen only on the other side pushes away from the label. */
  {
    const char *other = "We protect your browsing history.";
    g_autoptr(CmExplanation) against = cm_model_explain_in_context (model, scratch, other, NULL,
                                                                    SHARING_INDEX);
    const CmExplainedBlock *block = cm_explanation_get_block (against, 0);
    const CmWeightedSpan *verb = &g_array_index (block->spans, CmWeightedSpan, 1);
    g_autofree char *verb_text = span_text (other, verb);

    g_assert_cmpstr (verb_text, ==, "protect");
    g_assert_cmpfloat (verb->weight, <, 0.0);
    assert_adds_up (model, scratch, against, other, NULL);
  }
}

/* Chinese: each character is a unit; the characters of the deciding
 * word lead. */
static void
test_deciding_characters (void)
{
  static const char * const yes[] = { "我们会向合作方共享您的信息", "我们可能共享您的设备信息",
                                      "经您同意后共享您的订单信息", NULL };
  static const char * const no[] = { "我们会妥善保存您的信息", "我们可能保存您的设备信息",
                                     "经您同意后保存您的订单信息", NULL };
  g_autoptr(CmTrainingSet) set = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(CmExplanation) explanation = NULL;
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  const char *text = "我们不会共享您的位置信息。";
  g_autofree char *word = NULL;

  for (guint r = 0; r < 8; r++)
    for (guint i = 0; yes[i] != NULL; i++)
      {
        cm_training_set_add (set, yes[i], SHARING, -1);
        cm_training_set_add (set, no[i], 0, -1);
      }
  cm_train_options_init_for_language (&options, "zh");
  options.features.hash_bits = 14;
  options.features.context = 0;
  model = cm_trainer_train (set, NULL, "zh", "privacy-11", &options, &error);
  g_assert_no_error (error);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  explanation = cm_model_explain_in_context (model, scratch, text, NULL, SHARING_INDEX);
  word = span_text (text, cm_explained_block_top_span (cm_explanation_get_block (explanation, 0)));
  g_assert_true (g_str_equal (word, "共") || g_str_equal (word, "享"));
  g_assert_cmpuint (cm_explanation_get_block (explanation, 0)->spans->len, ==,
                    (guint) g_utf8_strlen (text, -1));
  assert_adds_up (model, scratch, explanation, text, NULL);
}

/* A model that reads headings: under "Sharing" the same neutral sentence
 * is sharing; the heading block carries the decision and its word leads. */
static void
test_heading_counts (void)
{
  static const char * const texts[] = {
    "This applies to your account.", "The details are below.", "Please read this part carefully.",
    "It covers every service we run.", NULL
  };
  g_autoptr(CmTrainingSet) set = cm_training_set_new ();
  g_autoptr(CmModel) model = NULL;
  g_autoptr(CmFeatureScratch) scratch = NULL;
  g_autoptr(CmExplanation) explanation = NULL;
  CmFeatureContext context = CM_FEATURE_CONTEXT_INIT;
  const CmExplainedBlock *heading;
  g_autofree char *word = NULL;

  for (guint r = 0; r < 6; r++)
    for (guint i = 0; texts[i] != NULL; i++)
      {
        CmFeatureContext sharing = CM_FEATURE_CONTEXT_INIT, security = CM_FEATURE_CONTEXT_INIT;

        sharing.heading = "Sharing";
        security.heading = "Security";
        cm_training_set_add_in_context (set, texts[i], SHARING, &sharing, cm_training_set_new_group (set));
        cm_training_set_add_in_context (set, texts[i], 0, &security, cm_training_set_new_group (set));
      }
  model = train (set, CM_CONTEXT_HEADING);
  scratch = cm_feature_scratch_new (cm_model_get_config (model));
  context.heading = "Partners / Sharing";
  explanation = cm_model_explain_in_context (model, scratch, "This applies to your orders.",
                                             &context, SHARING_INDEX);
  g_assert_cmpuint (explanation->blocks->len, ==, 2);
  heading = cm_explanation_get_block (explanation, CM_CONTEXT_HEADING);
  g_assert_nonnull (heading);
  g_assert_cmpstr (heading->text, ==, "Partners / Sharing");
  g_assert_cmpfloat (heading->contribution, >, 0.0);
  g_assert_cmpfloat (cm_explanation_get_share (explanation, CM_CONTEXT_HEADING), >, 0.5);
  word = span_text (heading->text, cm_explained_block_top_span (heading));
  g_assert_cmpstr (word, ==, "Sharing");
  g_assert_null (cm_explanation_get_block (explanation, CM_CONTEXT_LEAD_IN));
  assert_adds_up (model, scratch, explanation, "This applies to your orders.", &context);
}

/* The shipped models explain a clause in its document: spans cover its
 * text, and the sum is the clause's score. */
static void
test_clause_in_document (void)
{
  g_autofree char *path = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  guint explained = 0, around = 0;

  models = cm_model_set_load_default (&error);
  g_assert_no_error (error);
  cm_annotate_options_init (&options);
  options.models = models;
  document = cm_annotate_file (path, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cm_document_get_n_clauses (document) && explained < 5; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autoptr(CmExplanation) explanation = NULL;
      g_autofree char *text = NULL;
      const CmExplainedBlock *own;
      guint n = 0;
      const CmSuggestion *suggestions = cm_clause_get_suggestions (clause, &n);

      if (!cm_clause_is_labelable (clause) || n == 0)
        {
          if (!cm_clause_is_labelable (clause))
            {
              g_autoptr(GError) not_labelled = NULL;
              g_assert_null (cm_model_set_explain_clause (models, document, clause, "sharing",
                                                          &not_labelled));
              g_assert_error (not_labelled, CM_ERROR, CM_ERROR_NOT_FOUND);
            }
          continue;
        }
      explanation = cm_model_set_explain_clause (models, document, clause, suggestions[0].label,
                                                 &error);
      g_assert_no_error (error);
      /* The calibrated probability is the suggestion's (with the zh
       * model's second stage: over the scores of the clauses around). */
      g_assert_cmpfloat_with_epsilon (explanation->probability, suggestions[0].score, 1e-4);
      {
        double sum = explanation->bias;

        for (guint b = 0; b < explanation->blocks->len; b++)
          sum += ((const CmExplainedBlock *) g_ptr_array_index (explanation->blocks, b))->contribution;
        g_assert_cmpfloat_with_epsilon (sum, explanation->score, 1e-6);
        if (cm_explanation_get_block (explanation, CM_EXPLAINED_SCORES_AROUND) != NULL)
          around++;
      }
      text = cm_document_dup_clause_text (document, clause);
      own = cm_explanation_get_block (explanation, 0);
      g_assert_cmpstr (own->text, ==, text);
      for (guint s = 0; s < own->spans->len; s++)
        g_assert_cmpuint (g_array_index (own->spans, CmWeightedSpan, s).end, <=, strlen (text));
      explained++;
    }
  g_assert_cmpuint (explained, ==, 5);
  g_assert_cmpuint (around, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/explanation/deciding-word", test_deciding_word);
  g_test_add_func ("/explanation/deciding-characters", test_deciding_characters);
  g_test_add_func ("/explanation/heading-counts", test_heading_counts);
  g_test_add_func ("/explanation/clause-in-document", test_clause_in_document);
  return g_test_run ();
}
