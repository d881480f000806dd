/* test-aligner-corpus.c — the aligner at scale on CAPP-130's translation_en
 *
 * ../shared/corpora/capp130/translation_en/rw_N.jsonl is a machine
 * translation of annotations/rw_N.jsonl, line for line, so the gold
 * alignment is free. Official English versions are freer than that, so
 * the test also makes harder variants: adjacent English lines merged
 * (gold 2-1 links), English lines dropped (gold 0-1), merged lines plus
 * lines dropped on either side (gold 1-0 / 0-1), adjacent English lines
 * swapped (moved clauses), titles (short lines that end no sentence)
 * dropped from either version, lines cut short in either version (an
 * official translation leaves things out), the
 * Chinese lines run together without line breaks (a wall of text,
 * segmented by Clausemark) and both versions interleaved line by line in
 * one file (split by its layout). Policies are split: every fourth is held
 * out and scored; --tune calibrates the 1-0 cost on the others, --tune-bare
 * the cost of a grouped clause without shared evidence, --tune-titles
 * [COST] the 1-0 cost of a title (at a given 1-0 cost of other clauses),
 * --tune-length the length model's wide tail. It prints
 * link precision / recall / F1 for each variant and asserts floors
 * (measured figures minus a margin).
 *
 * With --bench [N] it instead times cm_align_documents() on two documents
 * of N (default 5000) clauses built from the corpus and prints the median
 * of 7 runs (scripts/bench-align runs it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "clausemark-core.h"
#include "cm-aligner.h"
#include "cm-segmenter.h"
#include "cm-test-util.h"

typedef struct
{
  GPtrArray *zh;  /* of char*, one sentence a line */
  GPtrArray *en;
} Policy;

static void
policy_free (Policy *policy)
{
  g_ptr_array_unref (policy->zh);
  g_ptr_array_unref (policy->en);
  g_free (policy);
}

static GPtrArray *
read_jsonl_texts (const char *path,
                  GArray     *ids)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      const char *line = lines[i];

      if (g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      if (*line == '\0')
        continue;
      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_ptr_array_add (texts, g_strdup (json_object_get_string_member (object, "text")));
      if (ids)
        {
          gint64 id = json_object_get_int_member (object, "id");
          g_array_append_val (ids, id);
        }
    }
  return texts;
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *read_corpus (void);
static GPtrArray *corpus_cache;

/* The parallel policies (read once, shared by the tests), or NULL (test
 * skipped) without ../shared. */
static GPtrArray *
load_corpus (void)
{
  if (corpus_cache == NULL)
    corpus_cache = read_corpus ();
  else if (cm_test_shared_dir () == NULL)
    return NULL;
  return corpus_cache ? g_ptr_array_ref (corpus_cache) : NULL;
}

static GPtrArray *
read_corpus (void)
{
  g_autofree char *dir = cm_test_shared_path ("corpora", "capp130", "translation_en", NULL);
  g_autofree char *zh_dir = cm_test_shared_path ("corpora", "capp130", "annotations", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *policies;
  const char *name;

  if (dir == NULL)
    return NULL;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/corpora/capp130/translation_en is absent");
      return NULL;
    }
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    if (g_str_has_suffix (name, ".jsonl"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_string_pointers);
  policies = g_ptr_array_new_with_free_func ((GDestroyNotify) policy_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *en_path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *zh_path = g_build_filename (zh_dir, names->pdata[i], NULL);
      g_autoptr(GArray) zh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) en_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      Policy *policy = g_new0 (Policy, 1);

      policy->zh = read_jsonl_texts (zh_path, zh_ids);
      policy->en = read_jsonl_texts (en_path, en_ids);
      /* the corpus promises line-for-line parallel files with equal ids */
      g_assert_cmpuint (policy->zh->len, ==, policy->en->len);
      for (guint k = 0; k < zh_ids->len; k++)
        g_assert_cmpint (g_array_index (zh_ids, gint64, k), ==, g_array_index (en_ids, gint64, k));
      g_ptr_array_add (policies, policy);
    }
  return policies;
}

/* A document with one clause per piece of text; piece k gets id prefix+k. */
static CmDocument *
build_document (const char *id,
                const char *language,
                GPtrArray  *pieces,
                GPtrArray  *clause_ids)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
  CmDocument *document;
  guint offset = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = pieces->pdata[i];
      guint n = (guint) g_utf8_strlen (piece, -1);
      CmClause *clause = cm_clause_new (clause_ids->pdata[i], offset, offset + n,
                                        CM_CLAUSE_KIND_BODY);

      cm_clause_set_language (clause, language);
      g_ptr_array_add (clauses, clause);
      g_string_append (text, piece);
      g_string_append_c (text, '\n');
      offset += n + 1;
    }
  document = cm_document_new (id, text->str);
  cm_document_set_language (document, language);
  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  g_string_free (text, TRUE);
  return document;
}

typedef struct
{
  double merge_rate;     /* chance that an English line is merged with the next */
  double drop_en_rate;   /* chance that an English line is dropped */
  double drop_zh_rate;   /* chance that a Chinese line is dropped */
  double swap_rate;      /* chance that an English line swaps places with the next */
  double drop_title_rate;/* chance that a title line (short, no sentence end) is
                          * dropped from either version, each on its own */
  double abridge_rate;   /* chance that a line loses its last part (from a comma
                          * or semicolon on) in either version, each on its own:
                          * an official translation leaves things out */
} Variant;

/* A short line that does not end a sentence: a heading, a table of
 * contents entry, a list title (the test's own rule, on the Chinese line). */
static gboolean
line_is_title (const char *zh_line)
{
  g_autofree char *line = g_strstrip (g_strdup (zh_line));
  const char *last = *line ? g_utf8_find_prev_char (line, line + strlen (line)) : NULL;

  return last != NULL && g_utf8_strlen (line, -1) <= 30
         && g_utf8_strchr ("。.!?！？;；:：", -1, g_utf8_get_char (last)) == NULL;
}

/* @line without its last part: cut at the last comma or semicolon that
 * keeps between 40% and 80% of it, ended as a sentence; the line itself
 * when it has no such place. */
static char *
abridge_line (const char *line,
              gboolean    chinese)
{
  static const char * const zh_marks[] = { "，", "；", NULL };
  static const char * const en_marks[] = { ", ", "; ", NULL };
  const char * const *marks = chinese ? zh_marks : en_marks;
  gsize length = strlen (line);
  const char *cut = NULL;

  for (guint m = 0; marks[m]; m++)
    for (const char *p = strstr (line, marks[m]); p; p = strstr (p + 1, marks[m]))
      if ((gsize) (p - line) >= length * 2 / 5 && (gsize) (p - line) <= length * 4 / 5
          && (cut == NULL || p > cut))
        cut = p;
  if (cut == NULL)
    return g_strdup (line);
  return g_strdup_printf ("%.*s%s", (int) (cut - line), line, chinese ? "。" : ".");
}

/* Builds the two documents of a variant of @policy and the gold links. */
static void
make_variant (const Policy  *policy,
              const Variant *variant,
              GRand         *rand,
              guint          serial,
              CmDocument   **out_zh,
              CmDocument   **out_en,
              GPtrArray     *gold)
{
  g_autoptr(GPtrArray) zh_pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *zh_doc_id = g_strdup_printf ("zh-%u", serial);
  g_autofree char *en_doc_id = g_strdup_printf ("en-%u", serial);
  guint n = policy->zh->len;
  guint i = 0;

  while (i < n)
    {
      /* drawn only by the variants that use them, so that the others see
       * the same perturbations as before they were added */
      gboolean title = variant->drop_title_rate > 0 && line_is_title (policy->zh->pdata[i]);
      gboolean drop_zh_title = title && g_rand_double (rand) < variant->drop_title_rate;
      gboolean drop_en_title = title && g_rand_double (rand) < variant->drop_title_rate;
      gboolean abridge_zh = variant->abridge_rate > 0 && g_rand_double (rand) < variant->abridge_rate;
      gboolean abridge_en = variant->abridge_rate > 0 && g_rand_double (rand) < variant->abridge_rate;
      gboolean drop_zh = drop_zh_title || g_rand_double (rand) < variant->drop_zh_rate;
      gboolean drop_en = drop_en_title || (!drop_zh && g_rand_double (rand) < variant->drop_en_rate);
      gboolean merge = !drop_zh && !drop_en && i + 1 < n
                       && g_rand_double (rand) < variant->merge_rate;
      gboolean swap = !drop_zh && !drop_en && !merge && i + 1 < n
                      && g_rand_double (rand) < variant->swap_rate;
      char *zh_id = g_strdup_printf ("z%u", i);
      char *en_id = g_strdup_printf ("e%u", i);
      const char *zl[3] = { NULL, NULL, NULL }, *el[2] = { NULL, NULL };

      if (swap)
        {
          /* the English lines i + 1 and i in that order; the gold links
           * still pair line with line */
          for (guint k = 0; k < 2; k++)
            {
              g_ptr_array_add (zh_pieces, g_strdup (policy->zh->pdata[i + k]));
              g_ptr_array_add (zh_ids, g_strdup_printf ("z%u", i + k));
              g_ptr_array_add (en_pieces, g_strdup (policy->en->pdata[i + 1 - k]));
              g_ptr_array_add (en_ids, g_strdup_printf ("e%u", i + 1 - k));
            }
          for (guint k = 0; k < 2; k++)
            {
              g_autofree char *z = g_strdup_printf ("z%u", i + k);
              g_autofree char *e = g_strdup_printf ("e%u", i + k);
              const char *zs[2] = { z, NULL }, *es[2] = { e, NULL };
              g_ptr_array_add (gold, cm_link_new (zs, es, 1.0));
            }
          g_free (zh_id);
          g_free (en_id);
          i += 2;
          continue;
        }

      if (!drop_zh)
        {
          g_ptr_array_add (zh_pieces, abridge_zh ? abridge_line (policy->zh->pdata[i], TRUE)
                                                 : g_strdup (policy->zh->pdata[i]));
          g_ptr_array_add (zh_ids, g_strdup (zh_id));
          zl[0] = zh_id;
        }
      if (!drop_en)
        {
          if (merge)
            {
              g_ptr_array_add (en_pieces, g_strconcat (policy->en->pdata[i], " ",
                                                       policy->en->pdata[i + 1], NULL));
              g_ptr_array_add (zh_pieces, g_strdup (policy->zh->pdata[i + 1]));
              zl[1] = g_strdup_printf ("z%u", i + 1);
              g_ptr_array_add (zh_ids, g_strdup (zl[1]));
            }
          else
            g_ptr_array_add (en_pieces, abridge_en ? abridge_line (policy->en->pdata[i], FALSE)
                                                   : g_strdup (policy->en->pdata[i]));
          g_ptr_array_add (en_ids, g_strdup (en_id));
          el[0] = en_id;
        }
      if (zl[0] != NULL || el[0] != NULL)
        g_ptr_array_add (gold, cm_link_new (zl, el, 1.0));
      g_free ((char *) zl[1]);
      g_free (zh_id);
      g_free (en_id);
      i += merge ? 2 : 1;
    }
  *out_zh = build_document (zh_doc_id, "zh", zh_pieces, zh_ids);
  *out_en = build_document (en_doc_id, "en", en_pieces, en_ids);
}

/* Policies are split for tuning: every HOLD_OUT-th one (from the first) is
 * held out and only reported on; --tune calibrates on the others. */
#define HOLD_OUT 4

typedef enum
{
  POLICIES_ALL,
  POLICIES_TRAIN,
  POLICIES_HELD_OUT,
} PolicySet;

static gboolean
policy_in_set (guint     p,
               PolicySet set)
{
  switch (set)
    {
    case POLICIES_TRAIN: return p % HOLD_OUT != 0;
    case POLICIES_HELD_OUT: return p % HOLD_OUT == 0;
    case POLICIES_ALL: default: return TRUE;
    }
}

/* The costs a tuning loop tries (0: the aligner's default). */
typedef struct
{
  double unaligned;
  double title_unaligned;
  double bare_clause;
  double length_tail_weight;  /* < 0: no tail */
  double length_tail_scale;
} Costs;

/* Aligns the variant of every policy of @set and scores the links (@costs
 * NULL: the defaults). */
static gboolean
score_variant (const Variant *variant,
               PolicySet      set,
               const Costs   *costs,
               CmLinkScores  *strict,
               CmLinkScores  *lax)
{
  g_autoptr(GPtrArray) policies = load_corpus ();
  g_autoptr(GPtrArray) all_predicted = NULL;
  g_autoptr(GPtrArray) all_gold = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240521);
  CmAlignOptions options;

  if (policies == NULL)
    return FALSE;
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  cm_align_options_init (&options);
  options.lexicon = lexicon;
  if (costs != NULL)
    {
      options.unaligned_cost = costs->unaligned;
      options.title_unaligned_cost = costs->title_unaligned;
      options.bare_clause_cost = costs->bare_clause;
      options.length_tail_weight = costs->length_tail_weight;
      options.length_tail_scale = costs->length_tail_scale;
    }

  all_predicted = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  all_gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint p = 0; p < policies->len; p++)
    {
      g_autoptr(CmDocument) zh = NULL;
      g_autoptr(CmDocument) en = NULL;
      g_autoptr(GPtrArray) gold = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
      g_autoptr(GPtrArray) links = NULL;

      /* every policy draws its perturbations, so that each set sees the
       * same ones whichever set is scored */
      make_variant (policies->pdata[p], variant, rand, p, &zh, &en, gold);
      if (!policy_in_set (p, set))
        continue;
      links = cm_align_documents (zh, en, &options, &error);
      g_assert_no_error (error);
      /* clause ids repeat across policies: make them unique for scoring */
      cm_test_add_links_of_policy (all_predicted, links, p);
      cm_test_add_links_of_policy (all_gold, gold, p);
    }
  cm_links_compare (all_predicted, all_gold, TRUE, strict);
  cm_links_compare (all_predicted, all_gold, FALSE, lax);
  return TRUE;
}

static void
run_variant (const char    *name,
             const Variant *variant,
             double         strict_floor,
             double         lax_floor)
{
  CmLinkScores strict, lax;

  if (!score_variant (variant, POLICIES_HELD_OUT, NULL, &strict, &lax))
    return;
  g_test_message ("translation_en %-8s held-out policies, strict links: P %.4f R %.4f F1 %.4f "
                  "(%u gold); clause pairs: P %.4f R %.4f F1 %.4f",
                  name, strict.precision, strict.recall, strict.f1, strict.n_gold,
                  lax.precision, lax.recall, lax.f1);
  printf ("# translation_en %-8s held out: strict F1 %.4f (P %.4f R %.4f)  pair F1 %.4f\n",
          name, strict.f1, strict.precision, strict.recall, lax.f1);
  g_assert_cmpfloat (strict.f1, >=, strict_floor);
  g_assert_cmpfloat (lax.f1, >=, lax_floor);
}

/* The perturbations, from the gentlest. */
static const struct
{
  const char *name;
  Variant     variant;
} variants[] = {
  { "1-1", { 0, 0, 0, 0 } },
  { "merged", { 0.15, 0, 0, 0 } },
  { "hard", { 0.15, 0.05, 0.03, 0 } },
  { "deleted", { 0.15, 0.10, 0, 0 } },   /* 10% of English lines gone, 15% merged */
  { "dropped", { 0, 0.10, 0, 0 } },      /* 10% of English lines gone, none merged */
  { "swapped", { 0, 0, 0, 0.05 } },      /* 5% of adjacent English lines swapped */
  { "titles", { .drop_title_rate = 0.3 } },  /* 30% of the titles gone from each version */
  { "abridged", { .abridge_rate = 0.15 } },  /* 15% of the lines cut short in each version */
};

enum { V_PARALLEL, V_MERGED, V_HARD, V_DELETED, V_DROPPED, V_SWAPPED, V_TITLES, V_ABRIDGED };

/* Floors: the figures measured on the held-out policies when they were
 * last raised (with the length tail and the title cost, README "How well
 * it aligns"), minus about 0.01; issue 12 asks for 0.95 at least. */
static void
test_parallel (void)
{
  run_variant ("1-1", &variants[V_PARALLEL].variant, 0.989, 0.989);
}

static void
test_merged (void)
{
  run_variant ("merged", &variants[V_MERGED].variant, 0.985, 0.987);
}

static void
test_hard (void)
{
  run_variant ("hard", &variants[V_HARD].variant, 0.976, 0.982);
}

static void
test_deleted (void)
{
  run_variant ("deleted", &variants[V_DELETED].variant, 0.976, 0.983);
}

static void
test_dropped (void)
{
  run_variant ("dropped", &variants[V_DROPPED].variant, 0.983, 0.986);
}

static void
test_swapped (void)
{
  run_variant ("swapped", &variants[V_SWAPPED].variant, 0.985, 0.986);
}

/* Floors of the set added with the title cost: measured minus about 0.01
 * (strict 0.9906, pairs 0.9932; 0.9666 and 0.9797 before it, 1-0 cost 4.0
 * for titles and other clauses alike). */
#define TITLES_STRICT_FLOOR 0.98
#define TITLES_PAIRS_FLOOR 0.983

static void
test_titles (void)
{
  run_variant ("titles", &variants[V_TITLES].variant, TITLES_STRICT_FLOOR, TITLES_PAIRS_FLOOR);
}

/* Floors of the set added with the length tail: measured minus about 0.01
 * (strict 0.9890, pairs 0.9928; 0.9368 and 0.9574 with the normal alone). */
#define ABRIDGED_STRICT_FLOOR 0.978
#define ABRIDGED_PAIRS_FLOOR 0.982

static void
test_abridged (void)
{
  run_variant ("abridged", &variants[V_ABRIDGED].variant, ABRIDGED_STRICT_FLOOR,
               ABRIDGED_PAIRS_FLOOR);
}

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
static void
test_wall_of_text (void)
{
  run_layout ("wall", LAYOUT_WALL, 0.95);
}

static void
test_interleaved (void)
{
  run_layout ("interleaved", LAYOUT_INTERLEAVED, 0.96);
}

/* Strict F1 of every variant on the training policies for each setting in
 * @costs. */
static int
run_tune_costs (const char   *mode,
                const Costs  *costs,
                guint         n_costs)
{
  g_autoptr(GPtrArray) policies = load_corpus ();

  if (policies == NULL)
    {
      fprintf (stderr, "%s: ../shared/corpora/capp130 is absent\n", mode);
      return 77;
    }
  for (guint c = 0; c < n_costs; c++)
    {
      double sum = 0;

      printf ("1-0 %.1f title %.1f bare %.1f tail %.3f x%.1f:", costs[c].unaligned,
              costs[c].title_unaligned, costs[c].bare_clause, costs[c].length_tail_weight,
              costs[c].length_tail_scale);
      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        {
          CmLinkScores strict, lax;

          score_variant (&variants[v].variant, POLICIES_TRAIN, &costs[c], &strict, &lax);
          printf ("  %s %.4f", variants[v].name, strict.f1);
          sum += strict.f1;
        }
      printf ("  mean %.4f\n", sum / G_N_ELEMENTS (variants));
      fflush (stdout);
    }
  return 0;
}

/* Which cost a one-dimensional tuning loop varies. */
typedef enum
{
  TUNE_UNALIGNED,
  TUNE_TITLE_UNALIGNED,
  TUNE_BARE_CLAUSE,
} TunedCost;

static int
run_tune_values (const char   *mode,
                 TunedCost     tuned,
                 const Costs  *base,
                 const double *values,
                 guint         n_values)
{
  g_autofree Costs *costs = g_new0 (Costs, n_values);

  for (guint k = 0; k < n_values; k++)
    {
      costs[k] = *base;
      switch (tuned)
      {
      case TUNE_UNALIGNED: costs[k].unaligned = values[k]; break;
      case TUNE_TITLE_UNALIGNED: costs[k].title_unaligned = values[k]; break;
      case TUNE_BARE_CLAUSE: default: costs[k].bare_clause = values[k]; break;
      }
    }
  return run_tune_costs (mode, costs, n_values);
}

/* --tune: for a range of 1-0 costs (the figure CM_ALIGN_UNALIGNED_COST is
 * chosen from; the other costs at their defaults). */
static int
run_tune (void)
{
  static const double values[] = { 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0 };
  const Costs defaults = { 0 };

  return run_tune_values ("--tune", TUNE_UNALIGNED, &defaults, values, G_N_ELEMENTS (values));
}

/* --tune-bare: for a range of costs of a clause grouped without shared
 * evidence (the figure CM_ALIGN_BARE_CLAUSE_COST is chosen from; 1e-9
 * stands for none). */
static int
run_tune_bare (void)
{
  static const double values[] = { 1e-9, 2.0, 4.0, 6.0, 8.0, 12.0 };
  const Costs defaults = { 0 };

  return run_tune_values ("--tune-bare", TUNE_BARE_CLAUSE, &defaults, values, G_N_ELEMENTS (values));
}

/* --tune-titles [COST]: for a range of costs of leaving a title unlinked
 * (the figure CM_ALIGN_TITLE_UNALIGNED_COST is chosen from), at the given
 * 1-0 cost of other clauses (default: CM_ALIGN_UNALIGNED_COST); a title
 * cost equal to it does not tell titles apart. */
static int
run_tune_titles (double unaligned)
{
  static const double values[] = { 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0 };
  const Costs base = { .unaligned = unaligned };
  guint n = 0;

  /* a title never costs more to leave alone than another clause */
  while (n < G_N_ELEMENTS (values)
         && values[n] <= (unaligned > 0 ? unaligned : CM_ALIGN_UNALIGNED_COST))
    n++;
  return run_tune_values ("--tune-titles", TUNE_TITLE_UNALIGNED, &base, values, n);
}

/* --tune-length: for a grid of length tails (the share of links in the
 * wider normal and its spread; CM_ALIGN_LENGTH_TAIL_WEIGHT and _SCALE are
 * chosen from it; -1 is none, Gale & Church's normal alone). */
static int
run_tune_length (void)
{
  static const double weights[] = { -1, 0.005, 0.02, 0.05, 0.1, 0.2 };
  static const double scales[] = { 2.0, 3.0, 5.0, 8.0 };
  Costs costs[1 + (G_N_ELEMENTS (weights) - 1) * G_N_ELEMENTS (scales)] = { { 0 } };
  guint n = 0;

  costs[n++].length_tail_weight = -1;
  for (guint w = 1; w < G_N_ELEMENTS (weights); w++)
    for (guint k = 0; k < G_N_ELEMENTS (scales); k++, n++)
      {
        costs[n].length_tail_weight = weights[w];
        costs[n].length_tail_scale = scales[k];
      }
  return run_tune_costs ("--tune-length", costs, n);
}

/* --tune-layouts: pair F1 of the wall of text and the interleaved file on
 * the training policies (what changes to the segmenter and the layouts are
 * tried on; the test reports the held-out ones). */
static int
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

/* ---- bench ---------------------------------------------------------- */

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int
run_bench (guint n_clauses)
{
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GPtrArray) zh_pieces = g_ptr_array_new ();
  g_autoptr(GPtrArray) zh_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) en_pieces = g_ptr_array_new ();
  g_autoptr(GPtrArray) en_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  CmAlignOptions options;
  struct rusage usage;
  double times[7], cpu_times[7], before_align;
  guint p = 0, line = 0;

  policies = load_corpus ();
  if (policies == NULL)
    {
      fprintf (stderr, "bench-align: ../shared/corpora/capp130 is absent\n");
      return 77;
    }
  /* real sentences, 3% dropped on each side so that the path is not a
   * straight diagonal */
  while (zh_pieces->len < n_clauses || en_pieces->len < n_clauses)
    {
      Policy *policy = policies->pdata[p];

      if (line >= policy->zh->len)
        {
          p = (p + 1) % policies->len;
          line = 0;
          continue;
        }
      if (zh_pieces->len < n_clauses && g_rand_double (rand) >= 0.03)
        {
          g_ptr_array_add (zh_pieces, policy->zh->pdata[line]);
          g_ptr_array_add (zh_ids, g_strdup_printf ("z%u", zh_pieces->len));
        }
      if (en_pieces->len < n_clauses && g_rand_double (rand) >= 0.03)
        {
          g_ptr_array_add (en_pieces, policy->en->pdata[line]);
          g_ptr_array_add (en_ids, g_strdup_printf ("e%u", en_pieces->len));
        }
      line++;
    }
  zh = build_document ("bench-zh", "zh", zh_pieces, zh_ids);
  en = build_document ("bench-en", "en", en_pieces, en_ids);
  lexicon = cm_lexicon_load_default (&error);
  g_assert_no_error (error);
  cm_align_options_init (&options);
  options.lexicon = lexicon;

  getrusage (RUSAGE_SELF, &usage);
  before_align = usage.ru_maxrss / 1024.0;
  for (guint r = 0; r < G_N_ELEMENTS (times); r++)
    {
      struct timespec cpu_start, cpu_end;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) links = NULL;

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
      links = cm_align_documents (zh, en, &options, &error);
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
      g_assert_no_error (error);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
      cpu_times[r] = (cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_double);
  qsort (cpu_times, G_N_ELEMENTS (cpu_times), sizeof (double), compare_double);
  /* CPU time is what the aligner costs; wall time also shows how busy the
   * machine was */
  getrusage (RUSAGE_SELF, &usage);
  printf ("align %u x %u clauses: median CPU %.3f s (min %.3f, max %.3f), median wall %.3f s, "
          "%u runs, peak RSS of the whole process %.0f MB (%.0f MB before aligning: the corpus "
          "and the two documents)\n",
          zh_pieces->len, en_pieces->len, cpu_times[G_N_ELEMENTS (cpu_times) / 2], cpu_times[0],
          cpu_times[G_N_ELEMENTS (cpu_times) - 1], times[G_N_ELEMENTS (times) / 2],
          (guint) G_N_ELEMENTS (times), usage.ru_maxrss / 1024.0, before_align);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc >= 2 && g_str_equal (argv[1], "--tune"))
    return run_tune ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-bare"))
    return run_tune_bare ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-titles"))
    return run_tune_titles (argc >= 3 ? g_ascii_strtod (argv[2], NULL) : 0);
  if (argc >= 2 && g_str_equal (argv[1], "--tune-length"))
    return run_tune_length ();
  if (argc >= 2 && g_str_equal (argv[1], "--tune-layouts"))
    return run_tune_layouts ();
  if (argc >= 2 && g_str_equal (argv[1], "--bench"))
    return run_bench (argc >= 3 ? (guint) atoi (argv[2]) : 5000);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/aligner-corpus/parallel", test_parallel);
  g_test_add_func ("/aligner-corpus/merged", test_merged);
  g_test_add_func ("/aligner-corpus/hard", test_hard);
  g_test_add_func ("/aligner-corpus/deleted", test_deleted);
  g_test_add_func ("/aligner-corpus/dropped", test_dropped);
  g_test_add_func ("/aligner-corpus/swapped", test_swapped);
  g_test_add_func ("/aligner-corpus/titles", test_titles);
  g_test_add_func ("/aligner-corpus/abridged", test_abridged);
  g_test_add_func ("/aligner-corpus/wall-of-text", test_wall_of_text);
  g_test_add_func ("/aligner-corpus/interleaved", test_interleaved);
  status = g_test_run ();
  g_clear_pointer (&corpus_cache, g_ptr_array_unref);
  return status;
}
