/* cm-aligner.c — align a Chinese policy with its English version
 *
 * Each link type (1-1, 2-1, ...) has a cost: a prior (Gale & Church's
 * link-type probabilities), a length cost (Gale & Church: how unlikely the
 * English length is given the Chinese one, with the ratio and variance
 * measured on CAPP-130), minus a bonus for shared evidence: lexicon terms
 * (weighted by rarity within the pair), anchors (numbers, ages, e-mails...),
 * names, numbering values, heading kinds and labels. The cheapest monotonic
 * path through the (zh, en) grid is found by dynamic programming restricted
 * to a band (cm-aligner-band.c), then clauses moved out of order are
 * linked (cm-aligner-moves.c).
 *
 * The evidence and the link costs are in cm-aligner-scores.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-aligner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-aligner-private.h"
#include "cm-error.h"

void
cm_align_options_init (CmAlignOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->length_ratio = CM_ALIGN_LENGTH_RATIO;
  options->length_variance = CM_ALIGN_LENGTH_VARIANCE;
  options->use_labels = TRUE;
}

gboolean
cm_document_is_chinese (CmDocument *document)
{
  const char *language, *p;
  guint han = 0, latin = 0;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  language = cm_document_get_language (document);
  if (language != NULL && (g_str_equal (language, "zh") || g_str_equal (language, "en")))
    return g_str_equal (language, "zh");
  for (p = cm_document_get_text (document); p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        han++;
      else if (g_ascii_isalpha (*p))
        latin++;
    }
  /* one Han character carries about three Latin letters' worth of text */
  return han * 3 > latin;
}


/* ---- results ------------------------------------------------------- */

static CmLink *
link_from_step (Aligner    *aligner,
                const Step *step)
{
  const char *zh_ids[4] = { NULL, NULL, NULL, NULL }, *en_ids[4] = { NULL, NULL, NULL, NULL };
  double score = 0;

  for (guint k = 0; k < step->za; k++)
    zh_ids[k] = cm_clause_get_id (aligner->zh[step->zi + k].clause);
  for (guint k = 0; k < step->eb; k++)
    en_ids[k] = cm_clause_get_id (aligner->en[step->ei + k].clause);
  if (step->za > 0 && step->eb > 0)
    {
      /* how much cheaper than leaving every clause of the link unaligned */
      double margin = aligner->null_cost * (step->za + step->eb) - step->cost;
      score = 1.0 / (1.0 + exp (-(margin - aligner->null_cost) / 2.0));
    }
  return cm_link_new (zh_ids, en_ids, score);
}

static double
path_cost (const GArray *steps)
{
  double cost = 0;

  for (guint k = 0; k < steps->len; k++)
    cost += g_array_index (steps, Step, k).cost;
  return cost;
}

/* Aligns all units of @aligner and appends the links to @links: the
 * monotonic path, or, when its search was cut short between two versions
 * whose sections were reordered, the path through the second version put
 * in the first one's order if that costs less; then moved clauses. */
static void
align_units (Aligner   *aligner,
             guint      initial_width,
             GPtrArray *links)
{
  GArray *steps = cm_aligner_align_monotonic (aligner, initial_width);
  Aligner reordered, *used = aligner;
  gboolean have_reordered = FALSE;

  if (aligner->search_cut && !g_cancellable_is_cancelled (aligner->cancellable)
      && cm_aligner_reorder (aligner, &reordered))
    {
      GArray *other = cm_aligner_align_monotonic (&reordered, initial_width);
      double cost = path_cost (steps), other_cost = path_cost (other);

      have_reordered = TRUE;
      g_debug ("in the first version's order: path cost %.1f (%.1f as is)", other_cost, cost);
      if (other_cost < cost)
        {
          g_array_unref (steps);
          steps = other;
          used = &reordered;
        }
      else
        g_array_unref (other);
    }
  if (!g_cancellable_is_cancelled (aligner->cancellable))
    cm_aligner_find_moves (used, steps);
  for (guint k = 0; k < steps->len; k++)
    g_ptr_array_add (links, link_from_step (used, &g_array_index (steps, Step, k)));
  g_array_unref (steps);
  if (have_reordered)
    cm_aligner_reorder_clear (&reordered);
}

/* Aligns units [z0, z1) with [e0, e1) and appends the links to @links. */
static void
align_range (Aligner   *aligner,
             guint      z0,
             guint      z1,
             guint      e0,
             guint      e1,
             guint      band,
             GPtrArray *links)
{
  Aligner sub = *aligner;

  /* one side empty: clauses present in one version only */
  if (z0 == z1 || e0 == e1)
    {
      for (guint i = z0; i < z1; i++)
        {
          Step step = { i, 1, 0, 0, cm_aligner_unit_null_cost (aligner, &aligner->zh[i]) };
          g_ptr_array_add (links, link_from_step (aligner, &step));
        }
      for (guint j = e0; j < e1; j++)
        {
          Step step = { 0, 0, j, 1, cm_aligner_unit_null_cost (aligner, &aligner->en[j]) };
          g_ptr_array_add (links, link_from_step (aligner, &step));
        }
      return;
    }
  /* a view of the range: pair evidence of the range's last unit reaches
   * outside it, but no move of the range uses it */
  sub.zh = aligner->zh + z0;
  sub.n_zh = z1 - z0;
  sub.en = aligner->en + e0;
  sub.n_en = e1 - e0;
  sub.zh_pairs = aligner->zh_pairs + z0;
  sub.en_pairs = aligner->en_pairs + e0;
  sub.zh_triples = aligner->zh_triples + z0;
  sub.en_triples = aligner->en_triples + e0;
  align_units (&sub, band, links);
}

/* Unit positions of @ids, which must be consecutive; FALSE if not (or if
 * an id is unknown). Empty @ids give *first = *end = G_MAXUINT. */
static gboolean
kept_span (GHashTable *positions,
           char      **ids,
           guint      *first,
           guint      *end)
{
  *first = *end = G_MAXUINT;
  for (guint i = 0; ids && ids[i]; i++)
    {
      gpointer value;
      guint position;

      if (!g_hash_table_lookup_extended (positions, ids[i], NULL, &value))
        return FALSE;
      position = GPOINTER_TO_UINT (value);
      if (i == 0)
        *first = position;
      else if (position != *end)
        return FALSE;
      *end = position + 1;
    }
  return TRUE;
}

static GHashTable *
unit_positions (const Unit *units,
                guint       n)
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (positions, (gpointer) cm_clause_get_id (units[i].clause), GUINT_TO_POINTER (i));
  return positions;
}

/* Walks @spans (CmLink, from the Chinese side, in document order) and
 * aligns what lies between them. With @keep, each span is a link kept as it
 * is (a reviewer's); without, a section of the layout whose clauses are
 * aligned among themselves only (what lies between two sections goes with
 * neither). FALSE (and @links left partial) if the spans are not in order
 * on both sides or name unknown clauses. */
static gboolean
align_around_spans (Aligner   *aligner,
                    GPtrArray *spans,
                    gboolean   keep,
                    guint      band,
                    GPtrArray *links)
{
  g_autoptr(GHashTable) zh_positions = unit_positions (aligner->zh, aligner->n_zh);
  g_autoptr(GHashTable) en_positions = unit_positions (aligner->en, aligner->n_en);
  guint z = 0, e = 0;

  for (guint k = 0; k < spans->len; k++)
    {
      const CmLink *span = g_ptr_array_index (spans, k);
      guint zf, ze, ef, ee;

      if (!kept_span (zh_positions, span->clauses, &zf, &ze)
          || !kept_span (en_positions, span->partner_clauses, &ef, &ee)
          || (zf != G_MAXUINT && zf < z) || (ef != G_MAXUINT && ef < e))
        {
          g_message (keep ? "The links to keep are not in document order; aligning everything again"
                          : "The layout's sections are not in document order; aligning without them");
          return FALSE;
        }
      /* a one-sided span does not say where the other side is: align up
       * to its own side only */
      if (zf == G_MAXUINT)
        zf = ze = z;
      if (ef == G_MAXUINT)
        ef = ee = e;
      if (keep)
        {
          align_range (aligner, z, zf, e, ef, band, links);
          g_ptr_array_add (links, cm_link_copy (span));
        }
      else
        {
          align_range (aligner, z, zf, e, e, band, links);
          align_range (aligner, zf, zf, e, ef, band, links);
          align_range (aligner, zf, ze, ef, ee, band, links);
        }
      z = ze;
      e = ee;
    }
  align_range (aligner, z, aligner->n_zh, e, aligner->n_en, band, links);
  return TRUE;
}

GPtrArray *
cm_align_documents (CmDocument           *zh,
                    CmDocument           *en,
                    const CmAlignOptions *options,
                    GError              **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (zh), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (en), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cm_aligner_align_full (zh, en, FALSE, options, NULL, error);
}

GPtrArray *
cm_align_versions (CmDocument           *old_version,
                   CmDocument           *new_version,
                   const CmAlignOptions *options,
                   GError              **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (old_version), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (new_version), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cm_aligner_align_full (old_version, new_version, TRUE, options, NULL, error);
}

GPtrArray *
cm_aligner_align_full (CmDocument           *zh,
                       CmDocument           *en,
                       gboolean              monolingual,
                       const CmAlignOptions *options,
                       GCancellable         *cancellable,
                       GError              **error)
{
  CmAlignOptions defaults;
  g_autoptr(CmLexicon) own_lexicon = NULL;
  g_autoptr(GHashTable) label_bits = NULL;
  CmLexicon *lexicon;
  Aligner aligner = { 0 };
  GPtrArray *links;
  double tail_weight;
  gboolean aligned = FALSE, cancelled;

  if (options == NULL)
    {
      cm_align_options_init (&defaults);
      options = &defaults;
    }
  lexicon = monolingual ? CM_ALIGNER_WORDS : options->lexicon;
  if (lexicon == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      lexicon = own_lexicon = cm_lexicon_load_default (&local_error);
      if (lexicon == NULL)
        g_warning ("Aligning without the lexicon: %s", local_error->message);
    }

  label_bits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  aligner.ratio = options->length_ratio > 0 ? options->length_ratio : CM_ALIGN_LENGTH_RATIO;
  aligner.variance = options->length_variance > 0 ? options->length_variance
                                                  : CM_ALIGN_LENGTH_VARIANCE;
  aligner.use_labels = options->use_labels;
  /* the length tail, the title cost and the 1-0 cost were calibrated on
   * translations; two versions of one language have their own 1-0 cost,
   * calibrated on revisions (CM_ALIGN_REVISION_UNALIGNED_COST, for every
   * clause), and the normal alone: neither the tail nor a title cost
   * helped them */
  tail_weight = options->length_tail_weight < 0 ? 0
                : options->length_tail_weight > 0 ? options->length_tail_weight
                : monolingual ? 0 : CM_ALIGN_LENGTH_TAIL_WEIGHT;
  aligner.length_table = cm_aligner_length_table_new (
    tail_weight, options->length_tail_scale > 0 ? options->length_tail_scale : CM_ALIGN_LENGTH_TAIL_SCALE,
    &aligner.length_table_size);
  aligner.null_cost = options->unaligned_cost > 0 ? options->unaligned_cost
                      : monolingual ? CM_ALIGN_REVISION_UNALIGNED_COST : CM_ALIGN_UNALIGNED_COST;
  aligner.title_null_cost = options->title_unaligned_cost > 0 ? options->title_unaligned_cost
                            : monolingual ? aligner.null_cost : CM_ALIGN_TITLE_UNALIGNED_COST;
  aligner.bare_cost = options->bare_clause_cost > 0 ? options->bare_clause_cost
                                                     : CM_ALIGN_BARE_CLAUSE_COST;
  aligner.monolingual = monolingual;
  aligner.cancellable = cancellable;
  aligner.bare_share = CM_ALIGNER_BARE_TERM_SHARE;
  aligner.move_reach = CM_ALIGNER_MOVE_REACH;
  aligner.move_distance_weight = CM_ALIGNER_MOVE_DISTANCE_WEIGHT;
  if (monolingual)
    {
      /* a revision keeps the length of what it keeps; edits change it
       * more than translation does, relative to the text */
      aligner.ratio = 1.0;
      aligner.variance = options->revision_variance > 0 ? options->revision_variance
                                                        : CM_ALIGN_REVISION_VARIANCE;
      aligner.same_text = options->same_text_weight > 0 ? options->same_text_weight
                                                        : CM_ALIGN_SAME_TEXT_WEIGHT;
      aligner.bare_share = CM_ALIGNER_REVISION_BARE_SHARE;
      aligner.move_reach = CM_ALIGNER_REVISION_MOVE_REACH;
    }
  aligner.zh = cm_aligner_collect_units (zh, monolingual ? cm_document_is_chinese (zh) : TRUE,
                                         aligner.ratio, lexicon, label_bits, cancellable,
                                         &aligner.n_zh);
  aligner.en = cm_aligner_collect_units (en, monolingual ? cm_document_is_chinese (en) : FALSE,
                                         aligner.ratio, lexicon, label_bits, cancellable,
                                         &aligner.n_en);
  cancelled = g_cancellable_set_error_if_cancelled (cancellable, error);
  if (!cancelled && (aligner.n_zh == 0 || aligner.n_en == 0))
    /* TRANSLATORS: %s is a document's id (its file name without extension) */
    g_set_error (error, CM_ERROR, CM_ERROR_EMPTY, _("“%s” has no clauses to align"),
                 cm_document_get_id (aligner.n_zh == 0 ? zh : en));
  if (cancelled || aligner.n_zh == 0 || aligner.n_en == 0)
    {
      cm_aligner_free_units (aligner.zh, aligner.n_zh);
      cm_aligner_free_units (aligner.en, aligner.n_en);
      g_free (aligner.length_table);
      return NULL;
    }
  aligner.n_terms = monolingual ? CM_ALIGNER_TOKEN_BUCKETS
                   : lexicon ? cm_lexicon_get_n_terms (lexicon) : 0;
  cm_aligner_compute_term_weights (&aligner);

  aligner.zh_pairs = cm_aligner_pair_evidence (aligner.zh, aligner.n_zh, aligner.term_weight);
  aligner.en_pairs = cm_aligner_pair_evidence (aligner.en, aligner.n_en, aligner.term_weight);
  aligner.zh_triples = cm_aligner_triple_evidence (aligner.zh, aligner.zh_pairs, aligner.n_zh,
                                                   aligner.term_weight);
  aligner.en_triples = cm_aligner_triple_evidence (aligner.en, aligner.en_pairs, aligner.n_en,
                                                   aligner.term_weight);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  if (g_cancellable_is_cancelled (cancellable))
    aligned = TRUE;
  else if (options->keep != NULL && options->keep->len > 0)
    aligned = align_around_spans (&aligner, options->keep, TRUE, options->band, links);
  else if (options->sections != NULL && options->sections->len > 0)
    aligned = align_around_spans (&aligner, options->sections, FALSE, options->band, links);
  if (!aligned)
    {
      g_ptr_array_set_size (links, 0);
      align_units (&aligner, options->band, links);
    }

  cm_aligner_free_groups (aligner.zh_triples, aligner.n_zh, 3);
  cm_aligner_free_groups (aligner.en_triples, aligner.n_en, 3);
  cm_aligner_free_groups (aligner.zh_pairs, aligner.n_zh, 2);
  cm_aligner_free_groups (aligner.en_pairs, aligner.n_en, 2);
  g_free (aligner.term_weight);
  g_free (aligner.length_table);
  cm_aligner_free_units (aligner.zh, aligner.n_zh);
  cm_aligner_free_units (aligner.en, aligner.n_en);
  /* links of a search cut short are no alignment */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&links, g_ptr_array_unref);
  return links;
}

GPtrArray *
cm_links_invert (GPtrArray *links)
{
  GPtrArray *inverted;

  g_return_val_if_fail (links != NULL, NULL);

  inverted = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      CmLink *copy = cm_link_new ((const char * const *) link->partner_clauses,
                                  (const char * const *) link->clauses, link->score);
      copy->reviewed = link->reviewed;
      g_ptr_array_add (inverted, copy);
    }
  return inverted;
}

const CmAlignOptions *
cm_aligner_keep_reviewed (CmDocument           *zh,
                          CmDocument           *en,
                          const CmAlignOptions *options,
                          CmAlignOptions       *storage,
                          GPtrArray           **reviewed)
{
  GPtrArray *old;

  *reviewed = NULL;
  if ((options != NULL && options->keep != NULL)
      || g_strcmp0 (cm_document_get_partner_id (zh), cm_document_get_id (en)) != 0)
    return options;
  old = cm_document_get_links (zh);
  *reviewed = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  for (guint i = 0; i < old->len; i++)
    if (((CmLink *) g_ptr_array_index (old, i))->reviewed)
      g_ptr_array_add (*reviewed, cm_link_copy (g_ptr_array_index (old, i)));
  if ((*reviewed)->len == 0)
    return options;
  if (options)
    *storage = *options;
  else
    cm_align_options_init (storage);
  storage->keep = *reviewed;
  return storage;
}

void
cm_aligner_store_links (CmDocument *zh,
                        CmDocument *en,
                        GPtrArray  *links)
{
  g_autoptr(GPtrArray) inverted = cm_links_invert (links);

  cm_document_set_links (zh, links);
  cm_document_set_links (en, inverted);
  cm_document_set_partner_id (zh, cm_document_get_id (en));
  cm_document_set_partner_id (en, cm_document_get_id (zh));
}

gboolean
cm_align_pair (CmDocument           *first,
               CmDocument           *second,
               const CmAlignOptions *options,
               GError              **error)
{
  CmDocument *zh = first, *en = second;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) reviewed = NULL;
  CmAlignOptions with_reviewed;

  g_return_val_if_fail (CM_IS_DOCUMENT (first), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (second), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cm_document_is_chinese (first) && cm_document_is_chinese (second))
    {
      zh = second;
      en = first;
    }
  /* a reviewer's decisions on an earlier alignment of the same pair stay */
  options = cm_aligner_keep_reviewed (zh, en, options, &with_reviewed, &reviewed);
  links = cm_align_documents (zh, en, options, error);
  if (links == NULL)
    return FALSE;
  cm_aligner_store_links (zh, en, links);
  return TRUE;
}
