/* cm-agreement-json.c — agreement as JSON: what `clausemark-cli agree
 * --json` prints (every figure with its interval, the annotators against
 * the adjudicated labels, the label confusions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-agreement"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "cm-agreement-private.h"

static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_figure (JsonBuilder       *builder,
            const char        *member,
            CmAgreementFigure  figure)
{
  if (member != NULL)
    json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_number (builder, "value", figure.value);
  add_number (builder, "low", figure.low);
  add_number (builder, "high", figure.high);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, figure.n_items);
  json_builder_end_object (builder);
}

/* The names say which NLTK figure each one equals (see the header). */
static const char * const measure_names[] = {
  "percent_agreement", "cohen_kappa", "davies_fleiss_kappa", "fleiss_kappa",
  "krippendorff_alpha", "krippendorff_alpha_masi",
};

static void
add_row (CmAgreement *self,
         JsonBuilder *builder,
         int          row)
{
  guint C = cm_agreement_get_n_annotators (self);

  json_builder_begin_object (builder);
  for (guint m = 0; m <= CM_AGREEMENT_ALPHA_MASI; m++)
    if (m != CM_AGREEMENT_ALPHA_MASI || row == CM_AGREEMENT_OVERALL)
      add_figure (builder, measure_names[m], cm_agreement_get_figure (self, row, m));
  json_builder_set_member_name (builder, "cohen_kappa_pairs");
  json_builder_begin_array (builder);
  for (guint a = 0; a < C; a++)
    for (guint b = a + 1; b < C; b++)
      {
        CmAgreementFigure figure = cm_agreement_get_cohen (self, row, a, b);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "annotators");
        json_builder_begin_array (builder);
        json_builder_add_string_value (builder, self->annotators[a]);
        json_builder_add_string_value (builder, self->annotators[b]);
        json_builder_end_array (builder);
        add_figure (builder, "kappa", figure);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_scores (CmAgreement *self,
            JsonBuilder *builder,
            guint        annotator,
            int          row)
{
  double p = NAN, r = NAN, f1 = NAN;
  guint support = 0;

  cm_agreement_get_scores (self, annotator, row, &p, &r, &f1, &support);
  json_builder_begin_object (builder);
  add_number (builder, "precision", p);
  add_number (builder, "recall", r);
  add_number (builder, "f1", f1);
  json_builder_set_member_name (builder, "support");
  json_builder_add_int_value (builder, support);
  json_builder_end_object (builder);
}

static void
add_annotators (CmAgreement *self,
                JsonBuilder *builder)
{
  guint L = cm_agreement_get_n_labels (self);

  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (guint c = 0; c < cm_agreement_get_n_annotators (self); c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, self->annotators[c]);
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, self->results->n_missing[c]);
      json_builder_set_member_name (builder, "vs_adjudicated");
      if (!cm_agreement_get_scores (self, c, CM_AGREEMENT_OVERALL, NULL, NULL, NULL, NULL))
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "micro");
          add_scores (self, builder, c, CM_AGREEMENT_OVERALL);
          json_builder_set_member_name (builder, "labels");
          json_builder_begin_object (builder);
          for (guint l = 0; l < L; l++)
            {
              json_builder_set_member_name (builder, self->labels[l]);
              add_scores (self, builder, c, l);
            }
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_confusions (CmAgreement *self,
                JsonBuilder *builder)
{
  guint L = cm_agreement_get_n_labels (self);

  json_builder_set_member_name (builder, "confusions");
  json_builder_begin_array (builder);
  for (guint a = 0; a < L; a++)
    for (guint b = a + 1; b <= L; b++)
      {
        guint count = cm_agreement_get_confusion (self, a, b);

        if (count == 0)
          continue;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "labels");
        json_builder_begin_array (builder);
        json_builder_add_string_value (builder, self->labels[a]);
        if (b == L)
          json_builder_add_null_value (builder);
        else
          json_builder_add_string_value (builder, self->labels[b]);
        json_builder_end_array (builder);
        json_builder_set_member_name (builder, "count");
        json_builder_add_int_value (builder, count);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
}

char *
cm_agreement_to_json (CmAgreement *self,
                      gsize       *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char *with_newline;

  g_return_val_if_fail (CM_IS_AGREEMENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, self->n_documents);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, self->n_items);
  json_builder_set_member_name (builder, "pairable_items");
  json_builder_add_int_value (builder, self->results->n_pairable);
  json_builder_set_member_name (builder, "unannotated_clauses");
  json_builder_add_int_value (builder, self->n_unannotated);
  json_builder_set_member_name (builder, "bootstrap");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "replicates");
  json_builder_add_int_value (builder, self->results->n_bootstrap);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) self->seed);
  json_builder_set_member_name (builder, "resampled");
  json_builder_add_string_value (builder, "documents");
  json_builder_set_member_name (builder, "interval");
  json_builder_add_double_value (builder, 0.95);
  json_builder_end_object (builder);
  add_annotators (self, builder);
  json_builder_set_member_name (builder, "overall");
  add_row (self, builder, CM_AGREEMENT_OVERALL);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint l = 0; l < cm_agreement_get_n_labels (self); l++)
    {
      json_builder_set_member_name (builder, self->labels[l]);
      add_row (self, builder, (int) l);
    }
  json_builder_end_object (builder);
  add_confusions (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  with_newline = g_strconcat (json, "\n", NULL);
  if (length)
    *length = strlen (with_newline);
  return with_newline;
}
