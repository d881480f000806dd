/* test-aligner-sample.c — the aligner and the difference finder on the
 * bundled sample pair
 *
 * The sample pair (data/samples/sample-zh.txt, sample-en.txt) against its
 * gold alignment (data/samples/sample-pair.gold.json), with link
 * precision, recall and F1 printed, and the differences the README
 * names found.
 *
 * `test-aligner-sample --dump-sample` prints the sample's clauses and the
 * alignment found, for people writing or checking the gold file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-annotate.h"
#include "cm-pair-diff.h"
#include "cm-test-util.h"
#include "test-aligner-private.h"

/* ---- the sample pair against its gold ------------------------------ */

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Position of the first clause from @from on whose text (spaces aside)
 * holds @text (spaces aside), or -1. */
static int
find_clause_from (CmDocument *document,
                  guint       from,
                  const char *text)
{
  g_autofree char *wanted = squeeze (text);

  for (guint i = from; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *clause_text = cm_document_dup_clause_text (document, clause);
      g_autofree char *have = squeeze (clause_text);

      if (strstr (have, wanted))
        return (int) i;
    }
  return -1;
}

typedef struct
{
  GArray *positions[2];  /* clause positions, zh and en */
} GoldLink;

static gboolean
gold_links_overlap (const GoldLink *a,
                    const GoldLink *b)
{
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < a->positions[s]->len; i++)
      for (guint k = 0; k < b->positions[s]->len; k++)
        if (g_array_index (a->positions[s], guint, i) == g_array_index (b->positions[s], guint, k))
          return TRUE;
  return FALSE;
}

static void
gold_link_absorb (GoldLink *into,
                  GoldLink *from)
{
  for (guint s = 0; s < 2; s++)
    {
      for (guint k = 0; k < from->positions[s]->len; k++)
        {
          guint position = g_array_index (from->positions[s], guint, k);
          gboolean seen = FALSE;
          for (guint i = 0; i < into->positions[s]->len; i++)
            seen |= g_array_index (into->positions[s], guint, i) == position;
          if (!seen)
            g_array_append_val (into->positions[s], position);
        }
      g_array_set_size (from->positions[s], 0);
    }
}

/* The gold links of the sample, projected onto the documents' clauses:
 * each text names the clause holding it (searched from the previous
 * link's clauses onwards); gold links that end up sharing a clause, because
 * the segmenter joined two sentences, are joined too. */
static GPtrArray *
load_gold (CmDocument *zh,
           CmDocument *en,
           guint      *n_unmapped)
{
  g_autofree char *path = cm_test_data_path ("samples", "sample-pair.gold.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CmDocument *documents[2] = { zh, en };
  GPtrArray *gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  g_autoptr(GArray) projected = g_array_new (FALSE, TRUE, sizeof (GoldLink));
  guint cursor[2] = { 0, 0 };
  JsonArray *links;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  links = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "links");
  *n_unmapped = 0;
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      JsonArray *sides[2] = { json_object_get_array_member (link, "zh"),
                              json_object_get_array_member (link, "en") };
      GoldLink gold_link;

      for (guint s = 0; s < 2; s++)
        {
          gold_link.positions[s] = g_array_new (FALSE, FALSE, sizeof (guint));
          for (guint k = 0; k < json_array_get_length (sides[s]); k++)
            {
              const char *text = json_array_get_string_element (sides[s], k);
              int position = find_clause_from (documents[s], cursor[s], text);

              if (position < 0)
                {
                  g_test_message ("gold text not found: %s", text);
                  (*n_unmapped)++;
                  continue;
                }
              g_array_append_val (gold_link.positions[s], position);
              cursor[s] = (guint) position;
            }
        }
      /* join with the previous link when they share a clause */
      if (projected->len > 0
          && gold_links_overlap (&g_array_index (projected, GoldLink, projected->len - 1), &gold_link))
        {
          gold_link_absorb (&g_array_index (projected, GoldLink, projected->len - 1), &gold_link);
          g_array_unref (gold_link.positions[0]);
          g_array_unref (gold_link.positions[1]);
        }
      else
        g_array_append_val (projected, gold_link);
    }

  for (guint i = 0; i < projected->len; i++)
    {
      GoldLink *gold_link = &g_array_index (projected, GoldLink, i);
      g_autoptr(GPtrArray) zh_ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) en_ids = g_ptr_array_new ();
      GPtrArray *ids[2] = { zh_ids, en_ids };

      for (guint s = 0; s < 2; s++)
        {
          for (guint k = 0; k < gold_link->positions[s]->len; k++)
            g_ptr_array_add (ids[s], (gpointer) cm_clause_get_id (
                               cm_document_get_clause (documents[s],
                                                       g_array_index (gold_link->positions[s], guint, k))));
          g_ptr_array_add (ids[s], NULL);
          g_array_unref (gold_link->positions[s]);
        }
      g_ptr_array_add (gold, cm_link_new ((const char * const *) zh_ids->pdata,
                                          (const char * const *) en_ids->pdata, 1.0));
    }
  return gold;
}

/* Prints the links of @a (both sides non-empty) that @b lacks. */
static void
report_misses (GPtrArray  *a,
               GPtrArray  *b,
               const char *what)
{
  g_autofree char *b_text = links_string (b);
  g_autofree char *b_padded = g_strconcat (" ", b_text, " ", NULL);

  for (guint i = 0; i < a->len; i++)
    {
      const CmLink *link = g_ptr_array_index (a, i);
      g_autofree char *x = g_strjoinv ("+", link->clauses);
      g_autofree char *y = g_strjoinv ("+", link->partner_clauses);
      g_autofree char *key = g_strdup_printf (" %s=%s ", x, y);

      if (*x && *y && strstr (b_padded, key) == NULL)
        g_test_message ("%s: %s=%s", what, x, y);
    }
}

static void
open_sample (CmDocument **zh,
             CmDocument **en)
{
  g_autofree char *zh_path = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autofree char *en_path = cm_test_data_path ("samples", "sample-en.txt", NULL);
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;

  cm_annotate_options_init (&options);
  *zh = cm_annotate_file (zh_path, &options, NULL, &error);
  g_assert_no_error (error);
  *en = cm_annotate_file (en_path, &options, NULL, &error);
  g_assert_no_error (error);
}

static void
test_sample_gold (void)
{
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GPtrArray) gold = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  CmLinkScores strict, lax;
  guint n_unmapped;
  gboolean found_payment = FALSE, found_complaints = FALSE, found_period = FALSE;

  open_sample (&zh, &en);
  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  gold = load_gold (zh, en, &n_unmapped);
  report_misses (cm_document_get_links (zh), gold, "predicted, not in gold");
  report_misses (gold, cm_document_get_links (zh), "in gold, not predicted");
  cm_links_compare (cm_document_get_links (zh), gold, TRUE, &strict);
  cm_links_compare (cm_document_get_links (zh), gold, FALSE, &lax);
  g_test_message ("sample pair: %u gold links (%u gold texts not single clauses); strict links "
                  "P %.3f R %.3f F1 %.3f; clause pairs P %.3f R %.3f F1 %.3f",
                  strict.n_gold, n_unmapped, strict.precision, strict.recall, strict.f1,
                  lax.precision, lax.recall, lax.f1);
  printf ("# sample pair strict link F1 %.3f (P %.3f R %.3f), pair F1 %.3f\n",
          strict.f1, strict.precision, strict.recall, lax.f1);
  /* floors: 1.000 and 1.000 measured when the gold was written, minus a
   * margin for segmenter changes */
  g_assert_cmpfloat (strict.f1, >=, 0.95);
  g_assert_cmpfloat (lax.f1, >=, 0.95);
  g_assert_cmpuint (n_unmapped, ==, 0);

  /* the README's intended differences are found: the payment sharing
   * clause missing in English ranks high, and the periods differ */
  differences = cm_pair_find_differences (zh, en);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *d = differences->pdata[i];
      g_autofree char *zh_text = d->zh_clauses[0] ? cm_document_dup_clause_text (
                                   zh, cm_document_lookup_clause (zh, d->zh_clauses[0], NULL)) : g_strdup ("");
      g_autofree char *en_text = d->en_clauses[0] ? cm_document_dup_clause_text (
                                   en, cm_document_lookup_clause (en, d->en_clauses[0], NULL)) : g_strdup ("");

      g_test_message ("%.2f %s %s", d->importance, cm_difference_kind_to_string (d->kind), d->reason);
      if (d->kind == CM_DIFFERENCE_MISSING_IN_EN && strstr (zh_text, "高级会员"))
        found_payment = TRUE;
      if (d->kind == CM_DIFFERENCE_MISSING_IN_ZH && strstr (en_text, "Complaints"))
        found_complaints = TRUE;
      if (d->kind == CM_DIFFERENCE_ANCHORS
          && g_strv_contains ((const char * const *) d->zh_only, "6 months")
          && g_strv_contains ((const char * const *) d->en_only, "3 months"))
        found_period = TRUE;
    }
  g_assert_true (found_payment);
  g_assert_true (found_complaints);
  g_assert_true (found_period);
}

static void
dump_sample (void)
{
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(GError) error = NULL;
  CmDocument *docs[2];

  open_sample (&zh, &en);
  docs[0] = zh;
  docs[1] = en;
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < cm_document_get_n_clauses (docs[d]); i++)
      {
        CmClause *clause = cm_document_get_clause (docs[d], i);
        g_autofree char *text = cm_document_dup_clause_text (docs[d], clause);
        printf ("%s %-5s %-9s %-6s %s\n", cm_document_get_id (docs[d]), cm_clause_get_id (clause),
                cm_clause_kind_to_string (cm_clause_get_kind (clause)),
                cm_clause_get_marker (clause) ? cm_clause_get_marker (clause) : "", text);
      }
  if (!cm_align_pair (zh, en, NULL, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < cm_document_get_links (zh)->len; i++)
    {
      const CmLink *link = g_ptr_array_index (cm_document_get_links (zh), i);
      g_autofree char *a = g_strjoinv ("+", link->clauses);
      g_autofree char *b = g_strjoinv ("+", link->partner_clauses);
      printf ("link %s = %s  %.2f\n", a, b, link->score);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "--dump-sample"))
    {
      dump_sample ();
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aligner/sample-gold", test_sample_gold);
  return g_test_run ();
}
