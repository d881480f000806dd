/* test-model-private.h — what the model's tests share (test-model*.c):
 * the synthetic sentences and model, an English document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"
#include "cm-model.h"
#include "cm-trainer.h"

G_BEGIN_DECLS

static const char * const filler[] = {
  "the", "app", "may", "our", "service", "when", "you", "use", "account", "data",
  "information", "personal", "device", "also", "and", "with", "this", "policy",
};

/* Synthetic sentences: "collect" marks collection, "partners" sharing,
 * "encrypt" security; the rest is filler, some sentences carry no label. */
static inline CmTrainingSet *
synthetic_set (guint   n,
               guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  CmTrainingSet *set = cm_training_set_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint64 labels = 0;
      guint kind = g_rand_int_range (rand, 0, 5);

      for (guint w = 0; w < 8; w++)
        {
          g_string_append_printf (text, "%s ", filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler))]);
          if (w == 3 && (kind == 0 || kind == 3))
            {
              g_string_append (text, "we collect ");
              labels |= 1 << 0;
            }
          if (w == 5 && (kind == 1 || kind == 3))
            {
              g_string_append (text, "shared with partners ");
              labels |= 1 << 2;
            }
          if (w == 6 && kind == 2)
            {
              g_string_append (text, "we encrypt it ");
              labels |= 1 << 5;
            }
        }
      cm_training_set_add (set, text->str, labels, -1);
    }
  return set;
}

static inline CmModel *
train_synthetic (void)
{
  g_autoptr(CmTrainingSet) train = synthetic_set (300, 1);
  g_autoptr(CmTrainingSet) dev = synthetic_set (100, 2);
  g_autoptr(GError) error = NULL;
  CmTrainOptions options;
  CmModel *model;

  cm_train_options_init_for_language (&options, "en");
  options.features.hash_bits = 12;
  model = cm_trainer_train (train, dev, "en", "privacy-11", &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* An English document of @text cut into @n body clauses at @bounds
 * (start and end offsets, 2 × @n). */
static inline CmDocument *
english_document (const char  *text,
                  const guint *bounds,
                  guint        n)
{
  CmDocument *document = cm_document_new ("doc", text);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);

  cm_document_set_language (document, "en");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);

      g_ptr_array_add (clauses, cm_clause_new (id, bounds[2 * i], bounds[2 * i + 1],
                                               CM_CLAUSE_KIND_BODY));
    }
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, n);
  return document;
}

G_END_DECLS
