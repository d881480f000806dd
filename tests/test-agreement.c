/* test-agreement.c — agreement figures against published values, and the
 * counts around them (missing annotations, scores, confusions)
 *
 * The published examples:
 * - Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four
 *   observers, twelve units, nominal values with missing data; alpha = 0.743.
 * - Fleiss (1971), table 1: 30 patients, six psychiatrists each, five
 *   diagnoses; kappa = 0.430 (0.4302445 to seven decimals, as R's
 *   irr::kappam.fleiss gives on the same table).
 * NLTK's agreement on random data is checked by tests/test-agree.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

/* A document with one clause per row of @values (coders × units, 0 =
 * missing); each value v becomes the label "vN". */
static CmDocument *
make_nominal_document (const char  *id,
                       const guint *values,
                       guint        n_coders,
                       guint        n_units,
                       gboolean     units_in_rows)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;

  for (guint u = 0; u < n_units; u++)
    g_string_append (text, "Unit.\n");
  document = cm_document_new (id, text->str);
  for (guint u = 0; u < n_units; u++)
    {
      g_autofree char *clause_id = g_strdup_printf ("u%u", u + 1);
      CmClause *clause = cm_clause_new (clause_id, u * 6, u * 6 + 5, CM_CLAUSE_KIND_BODY);

      for (guint c = 0; c < n_coders; c++)
        {
          guint value = units_in_rows ? values[u * n_coders + c] : values[c * n_units + u];
          g_autofree char *coder = g_strdup_printf ("coder%u", c + 1);
          g_autofree char *label = g_strdup_printf ("v%u", value);
          const char *labels[] = { label, NULL };

          if (value != 0)
            cm_clause_annotate (clause, coder, labels, CM_REVIEW_STATUS_CORRECTED);
        }
      g_ptr_array_add (clauses, clause);
    }
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  return document;
}

static CmAgreement *
compute (CmDocument *document,
         guint       n_bootstrap)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CmAgreement *agreement;

  g_ptr_array_add (documents, document);
  agreement = cm_agreement_compute (documents, n_bootstrap, 1, NULL, &error);
  g_assert_no_error (error);
  return agreement;
}

static void
test_krippendorff_example (void)
{
  /* Observers A–D (rows) × units 1–12, 0 = missing. */
  static const guint data[] = {
    1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0,
    1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3,
    0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0,
    1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0,
  };
  g_autoptr(CmDocument) document = make_nominal_document ("k", data, 4, 12, FALSE);
  g_autoptr(CmAgreement) agreement = compute (document, 0);
  CmAgreementFigure alpha = cm_agreement_get_figure (agreement, CM_AGREEMENT_OVERALL,
                                                     CM_AGREEMENT_ALPHA);

  g_test_message ("Krippendorff's example: alpha = %.6f (published 0.743)", alpha.value);
  g_assert_cmpfloat (fabs (alpha.value - 0.743), <, 0.0005);
  /* Unit 12 has one value: it is not pairable. */
  g_assert_cmpuint (alpha.n_items, ==, 11);
  g_assert_cmpuint (cm_agreement_get_n_items (agreement), ==, 12);
  /* Missing: A misses units 10, 11 (12 is B's alone, missing for A, C, D too). */
  g_assert_cmpuint (cm_agreement_get_n_missing (agreement, 0), ==, 3);
  g_assert_cmpuint (cm_agreement_get_n_missing (agreement, 1), ==, 1);
}

static void
test_fleiss_example (void)
{
  /* Patients (rows) × six diagnoses each (1 depression … 5 other). */
  static const guint data[] = {
    4, 4, 4, 4, 4, 4,  2, 2, 2, 5, 5, 5,  2, 3, 3, 3, 3, 5,  5, 5, 5, 5, 5, 5,
    2, 2, 2, 4, 4, 4,  1, 1, 3, 3, 3, 3,  3, 3, 3, 3, 5, 5,  1, 1, 3, 3, 3, 4,
    1, 1, 4, 4, 4, 4,  5, 5, 5, 5, 5, 5,  1, 4, 4, 4, 4, 4,  1, 2, 4, 4, 4, 4,
    2, 2, 2, 3, 3, 3,  1, 4, 4, 4, 4, 4,  2, 2, 4, 4, 4, 5,  3, 3, 3, 3, 3, 5,
    1, 1, 1, 4, 5, 5,  1, 1, 1, 1, 1, 2,  2, 2, 4, 4, 4, 4,  1, 3, 3, 5, 5, 5,
    5, 5, 5, 5, 5, 5,  2, 4, 4, 4, 4, 4,  2, 2, 4, 5, 5, 5,  1, 1, 4, 4, 4, 4,
    1, 4, 4, 4, 4, 5,  2, 2, 2, 2, 2, 4,  1, 1, 1, 1, 5, 5,  2, 2, 4, 4, 4, 4,
    1, 3, 3, 3, 3, 3,  5, 5, 5, 5, 5, 5,
  };
  g_autoptr(CmDocument) document = make_nominal_document ("f", data, 6, 30, TRUE);
  g_autoptr(CmAgreement) agreement = compute (document, 0);
  CmAgreementFigure fleiss = cm_agreement_get_figure (agreement, CM_AGREEMENT_OVERALL,
                                                      CM_AGREEMENT_FLEISS);

  g_test_message ("Fleiss 1971: kappa = %.7f (published 0.430; irr 0.4302445)", fleiss.value);
  g_assert_cmpfloat (fabs (fleiss.value - 0.4302445), <, 5e-8);
  g_assert_cmpuint (fleiss.n_items, ==, 30);
  /* Per diagnosis (yes/no), Fleiss 1971 gives kappa for each category too;
   * depression is 0.245 there. */
  g_assert_cmpuint (cm_agreement_get_n_labels (agreement), ==, 5);
  g_assert_cmpstr (cm_agreement_get_label (agreement, 0), ==, "v1");
  g_test_message ("depression: kappa = %.4f",
                  cm_agreement_get_figure (agreement, 0, CM_AGREEMENT_FLEISS).value);
  g_assert_cmpfloat (fabs (cm_agreement_get_figure (agreement, 0, CM_AGREEMENT_FLEISS).value
                           - 0.245), <, 0.0005);
}

/* Two annotators, a curator: scores, confusions, intervals. */
static void
test_scores_and_confusions (void)
{
  g_autoptr(CmDocument) document = cm_document_new ("s", "One. Two. Three.");
  g_autoptr(CmClause) c1 = cm_clause_new ("c1", 0, 4, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) c2 = cm_clause_new ("c2", 5, 9, CM_CLAUSE_KIND_BODY);
  g_autoptr(CmClause) c3 = cm_clause_new ("c3", 10, 16, CM_CLAUSE_KIND_BODY);
  CmClause *clauses[] = { c1, c2, c3 };
  const char *x[] = { "collection", NULL }, *y[] = { "usage", NULL };
  const char *xy[] = { "collection", "usage", NULL };
  g_autoptr(CmAgreement) agreement = NULL;
  double p, r, f1;
  guint support, L;

  cm_clause_annotate (c1, "ann", x, CM_REVIEW_STATUS_CORRECTED);
  cm_clause_annotate (c1, "ben", y, CM_REVIEW_STATUS_CORRECTED);
  cm_clause_adjudicate (c1, x, "cur");
  cm_clause_annotate (c2, "ann", xy, CM_REVIEW_STATUS_CORRECTED);
  cm_clause_annotate (c2, "ben", NULL, CM_REVIEW_STATUS_ACCEPTED);
  cm_clause_adjudicate (c2, y, "cur");
  cm_clause_annotate (c3, "ann", y, CM_REVIEW_STATUS_ACCEPTED);
  cm_document_set_clauses (document, clauses, 3);
  agreement = compute (document, 0);

  /* ann against the curator: c1 x right; c2 y right, x wrong. */
  g_assert_true (cm_agreement_get_scores (agreement, 0, CM_AGREEMENT_OVERALL, &p, &r, &f1,
                                          &support));
  g_assert_cmpfloat (fabs (p - 2.0 / 3), <, 1e-12);
  g_assert_cmpfloat (r, ==, 1.0);
  g_assert_cmpfloat (fabs (f1 - 0.8), <, 1e-12);
  g_assert_cmpuint (support, ==, 2);
  /* ben: c1 y wrong, x missed; c2 y missed. */
  g_assert_true (cm_agreement_get_scores (agreement, 1, CM_AGREEMENT_OVERALL, &p, &r, &f1, NULL));
  g_assert_cmpfloat (p, ==, 0.0);
  g_assert_cmpfloat (r, ==, 0.0);

  L = cm_agreement_get_n_labels (agreement);
  g_assert_cmpuint (L, ==, 2);
  g_assert_cmpstr (cm_agreement_get_label (agreement, 0), ==, "collection");  /* taxonomy order */
  g_assert_cmpuint (cm_agreement_get_confusion (agreement, 0, 1), ==, 1);  /* c1 */
  g_assert_cmpuint (cm_agreement_get_confusion (agreement, 1, 0), ==, 1);
  g_assert_cmpuint (cm_agreement_get_confusion (agreement, 0, L), ==, 1);  /* c2: x vs nothing */
  g_assert_cmpuint (cm_agreement_get_confusion (agreement, 1, L), ==, 1);
  g_assert_cmpuint (cm_agreement_get_n_missing (agreement, 1), ==, 1);      /* c3 */
  g_assert_cmpuint (cm_agreement_get_n_pairable (agreement), ==, 2);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CmAgreement **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cm_agreement_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* The window's way: async, documents read before it returns; the same
 * figures and intervals as the sync call. */
static void
test_async (void)
{
  static const guint data[] = {
    1, 1, 2,  2, 2, 2,  1, 2, 2,  3, 3, 3,  1, 1, 1,  2, 3, 3,
  };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CmAgreement) sync = NULL;
  CmAgreement *async = NULL;
  CmAgreementFigure a, b;

  for (guint d = 0; d < 3; d++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", d);

      g_ptr_array_add (documents, make_nominal_document (id, data + d * 6, 3, 2, TRUE));
    }
  sync = cm_agreement_compute (documents, 500, 9, NULL, NULL);
  cm_agreement_compute_async (documents, 500, 9, NULL, on_computed, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  a = cm_agreement_get_figure (sync, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA);
  b = cm_agreement_get_figure (async, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA);
  g_assert_cmpfloat (a.value, ==, b.value);
  g_assert_cmpfloat (a.low, ==, b.low);
  g_assert_cmpfloat (a.high, ==, b.high);
  g_assert_true (a.low <= a.value && a.value <= a.high);
  g_object_unref (async);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agreement/krippendorff-2011", test_krippendorff_example);
  g_test_add_func ("/agreement/fleiss-1971", test_fleiss_example);
  g_test_add_func ("/agreement/scores-confusions", test_scores_and_confusions);
  g_test_add_func ("/agreement/async", test_async);
  return g_test_run ();
}
