/* test-aligner-corpus-layouts.c — test-aligner-corpus on whole files: the
 * Chinese lines run together (a wall of text, segmented by Clausemark) and
 * both versions interleaved line by line in one file (split by its layout),
 * scored against the line pairs projected onto the clauses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-segmenter.h"
#include "cm-test-util.h"
#include "test-aligner-corpus-private.h"

/* ---- walls of text and interleaved files ------------------------------ */

/* Which line of a text each clause starts in: @line_starts holds the code
 * point offset of each line (ascending). */
static guint
line_of (GArray *line_starts,
         guint   offset)
{
  guint lo = 0, hi = line_starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (line_starts, guint, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Gold links between segmented documents: for each line pair, the clauses
 * starting in the Chinese line with those starting in the English one. The
 * clause ids are prefixed with the policy number. */
static void
add_projected_gold (GPtrArray  *gold,
                    CmDocument *zh,
                    GArray     *zh_lines,
                    CmDocument *en,
                    GArray     *en_lines,
                    guint       n_lines,
                    guint       policy)
{
  g_autoptr(GPtrArray) zh_by_line = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) en_by_line = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  CmDocument *documents[2] = { zh, en };
  GArray *starts[2] = { zh_lines, en_lines };
  GPtrArray *by_line[2] = { zh_by_line, en_by_line };

  for (guint s = 0; s < 2; s++)
    {
      for (guint l = 0; l < n_lines; l++)
        g_ptr_array_add (by_line[s], g_ptr_array_new_with_free_func (g_free));
      for (guint c = 0; c < cm_document_get_n_clauses (documents[s]); c++)
        {
          CmClause *clause = cm_document_get_clause (documents[s], c);
          guint start = cm_clause_get_start (clause), end = cm_clause_get_end (clause);
          guint text_end = (guint) g_utf8_strlen (cm_document_get_text (documents[s]), -1);

          if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
            continue;
          /* a clause belongs to each line it holds half of, or that holds
           * half of it (a heading run into the next sentence, in a wall of
           * text, belongs to both) */
          for (guint line = line_of (starts[s], start); line < n_lines; line++)
            {
              guint ls = g_array_index (starts[s], guint, line);
              guint le = line + 1 < n_lines ? g_array_index (starts[s], guint, line + 1) : text_end;
              guint overlap = MIN (end, le) > MAX (start, ls) ? MIN (end, le) - MAX (start, ls) : 0;

              if (ls >= end)
                break;
              if (le <= ls)
                continue;  /* a line the split did not keep */
              if (2 * overlap >= le - ls || 2 * overlap >= end - start)
                g_ptr_array_add (by_line[s]->pdata[line],
                                 g_strdup_printf ("%u/%s", policy, cm_clause_get_id (clause)));
            }
        }
    }
  for (guint l = 0; l < n_lines; l++)
    {
      GPtrArray *a = zh_by_line->pdata[l], *b = en_by_line->pdata[l];

      if (a->len == 0 || b->len == 0)
        continue;
      g_ptr_array_add (a, NULL);
      g_ptr_array_add (b, NULL);
      g_ptr_array_add (gold, cm_link_new ((const char * const *) a->pdata,
                                          (const char * const *) b->pdata, 1.0));
      g_ptr_array_set_size (a, a->len - 1);
      g_ptr_array_set_size (b, b->len - 1);
    }
}

/* Bytes a line may lie after the end of the line before it. */
#define LOCATE_SLACK 256
/* Lines this long are taken to occur once in a policy. */
#define LOCATE_UNIQUE_BYTES 60

/* Where each of @lines starts in @document's text (code points), searched
 * in order; a line not found (the split trimmed or moved it) starts where
 * the one before did. */
static void
locate_lines (CmDocument *document,
              GPtrArray  *lines,
              GArray     *starts)
{
  const char *text = cm_document_get_text (document), *cursor = text;
  guint chars = 0, last = 0;
  gsize skipped = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines->pdata[i]));
      const char *found = *line ? strstr (cursor, line) : NULL;

      /* a short line (a lone "）。") may recur further on: only a match
       * close to the cursor is this line (lines the split left out or put
       * in the other version lie in between); a long line is itself */
      if (found != NULL && strlen (line) < LOCATE_UNIQUE_BYTES
          && (gsize) (found - cursor) > LOCATE_SLACK + skipped)
        found = NULL;

      if (found != NULL)
        {
          /* on past the line, so that a short next line is not found
           * inside this one */
          chars += g_utf8_strlen (cursor, found - cursor);
          last = chars;
          cursor = found + strlen (line);
          chars += g_utf8_strlen (line, -1);
          skipped = 0;
        }
      else
        skipped += strlen (line) + 2;  /* the lines not found lie in between */
      g_array_append_val (starts, last);
    }
}

typedef enum
{
  LAYOUT_WALL,          /* the Chinese lines run together without breaks */
  LAYOUT_INTERLEAVED,   /* one file: each Chinese line, then its English one */
} Layout;

/* Appends @piece and records where it starts (in code points). */
static void
append_line (GString    *text,
             GArray     *starts,
             guint      *chars,
             const char *piece,
             const char *after)
{
  g_array_append_val (starts, *chars);
  g_string_append (text, piece);
  g_string_append (text, after);
  *chars += g_utf8_strlen (piece, -1) + g_utf8_strlen (after, -1);
}

/* Pair F1 (clause pairs) of the held-out policies laid out as @layout:
 * segmented by Clausemark, aligned, scored against the line pairs. */
static gboolean
score_layout (Layout        layout,
              PolicySet     set,
              CmLinkScores *lax)
{
  g_autoptr(GPtrArray) policies = load_corpus ();
  g_autoptr(GPtrArray) all_predicted = NULL;
  g_autoptr(GPtrArray) all_gold = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  CmAlignOptions options;

  if (policies == NULL)
    return FALSE;
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  all_predicted = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  all_gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint p = 0; p < policies->len; p++)
    {
      const Policy *policy = policies->pdata[p];
      g_autoptr(GArray) zh_lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) en_lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GPtrArray) sections = NULL;
      g_autoptr(CmDocument) zh = NULL;
      g_autoptr(CmDocument) en = NULL;
      guint zh_chars = 0, en_chars = 0;

      if (!policy_in_set (p, set))
        continue;
      cm_align_options_init (&options);
      options.lexicon = lexicon;
      if (layout == LAYOUT_WALL)
        {
          GString *zh_text = g_string_new (NULL), *en_text = g_string_new (NULL);

          for (guint i = 0; i < policy->zh->len; i++)
            {
              append_line (zh_text, zh_lines, &zh_chars, policy->zh->pdata[i], "");
              append_line (en_text, en_lines, &en_chars, policy->en->pdata[i], "\n");
            }
          zh = cm_document_new ("zh", zh_text->str);
          en = cm_document_new ("en", en_text->str);
          cm_segment_document (zh, NULL, 0, CM_GRANULARITY_SENTENCE);
          cm_segment_document (en, NULL, 0, CM_GRANULARITY_SENTENCE);
          g_string_free (zh_text, TRUE);
          g_string_free (en_text, TRUE);
        }
      else
        {
          GString *text = g_string_new (NULL);
          g_autoptr(CmLoadedText) loaded = NULL;

          for (guint i = 0; i < policy->zh->len; i++)
            g_string_append_printf (text, "%s\n%s\n\n", (char *) policy->zh->pdata[i],
                                    (char *) policy->en->pdata[i]);
          loaded = cm_loader_load_data (text->str, text->len, "interleaved.txt", "text", &error);
          g_assert_no_error (error);
          g_string_free (text, TRUE);
          g_assert_true (cm_split_pair_layout (loaded, "policy", CM_GRANULARITY_SENTENCE, &zh, &en,
                                               NULL, &sections, &error));
          g_assert_no_error (error);
          options.sections = sections;
          locate_lines (zh, policy->zh, zh_lines);
          locate_lines (en, policy->en, en_lines);
        }
      links = cm_align_documents (zh, en, &options, &error);
      g_assert_no_error (error);
      cm_test_add_links_of_policy (all_predicted, links, p);
      add_projected_gold (all_gold, zh, zh_lines, en, en_lines, policy->zh->len, p);
    }
  cm_links_compare (all_predicted, all_gold, FALSE, lax);
  return TRUE;
}

static void
run_layout (const char *name,
            Layout      layout,
            double      floor)
{
  CmLinkScores lax;

  if (!score_layout (layout, POLICIES_HELD_OUT, &lax))
    return;
  g_test_message ("translation_en %-12s held-out policies, clause pairs: P %.4f R %.4f F1 %.4f (%u gold)",
                  name, lax.precision, lax.recall, lax.f1, lax.n_gold);
  printf ("# translation_en %-12s held out: pair F1 %.4f (P %.4f R %.4f)\n", name, lax.f1,
          lax.precision, lax.recall);
  g_assert_cmpfloat (lax.f1, >=, floor);
}

/* Floors: the held-out figures measured when they were last raised (pair F1
 * 0.957 and 0.971, see README "How well it aligns"), minus about 0.01, and
 * no lower than issue 12's 0.95 for the wall of text. The
 * interleaved gold pairs every clause of a line with every clause of its
 * translation, so finer clauses inside a pair, linked one to one, cost
 * recall there without being worse. */
void
test_wall_of_text (void)
{
  run_layout ("wall", LAYOUT_WALL, 0.95);
}

void
test_interleaved (void)
{
  run_layout ("interleaved", LAYOUT_INTERLEAVED, 0.96);
}

/* --tune-layouts: pair F1 of the wall of text and the interleaved file on
 * the training policies (what changes to the segmenter and the layouts are
 * tried on; the test reports the held-out ones). */
int
run_tune_layouts (void)
{
  static const struct { const char *name; Layout layout; } layouts[] = {
    { "wall", LAYOUT_WALL }, { "interleaved", LAYOUT_INTERLEAVED },
  };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      CmLinkScores lax;

      if (!score_layout (layouts[l].layout, POLICIES_TRAIN, &lax))
        {
          fprintf (stderr, "--tune-layouts: ../shared/corpora/capp130 is absent\n");
          return 77;
        }
      printf ("%-12s training policies: pair F1 %.4f (P %.4f R %.4f, %u gold pairs)\n",
              layouts[l].name, lax.f1, lax.precision, lax.recall, lax.n_gold);
    }
  return 0;
}
