/* cm-bilingual.c — the layouts of a file that holds both language versions
 *
 * A bilingual file comes in one of three layouts:
 *   - one version after the other (either order): one switch of language;
 *   - interleaved: each paragraph followed by its translation (zh/en or
 *     en/zh), as bilingual READMEs, app-store texts and web pages do;
 *   - two columns: table rows (an HTML table becomes tab-separated lines,
 *     text tables use tabs or '|') with one language per cell;
 *   - an HTML page whose block elements declare both languages in lang
 *     attributes (CmLoadedText.languages): the declared language of each
 *     line or cell is taken over the script it is written in, and the
 *     page's own order pairs them (an element and the elements of the other
 *     language after it, the cells of a row, or one version after the
 *     other).
 * The file is cut into pieces of one language each; the pieces of a
 * language, joined by blank lines, become that version's document. The
 * layout's own pairing (a paragraph and the translation after it, the two
 * cells of a row) is returned as sections, which the aligner keeps links
 * within.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-language"

#include "config.h"

#include "cm-error.h"
#include "cm-segmenter.h"
#include "cm-segmenter-private.h"

/* As in cm-language.c: a Han character weighs three Latin letters. */
#define LATIN_LETTERS_PER_HAN 3.0
/* Each version must hold this much weighted text. */
#define MIN_VERSION_WEIGHT 300.0
/* Columns: this share of the text in rows of two cells of different
 * languages, and at least this many such rows. */
#define MIN_COLUMN_SHARE 0.6
#define MIN_COLUMN_ROWS 3
/* Cells lighter than this on both sides make a header row. */
#define MIN_CELL_WEIGHT 3.0
/* Interleaved: at least this many language switches between pieces, and
 * no more than this share of the pieces without a partner next to them. */
#define MIN_SWITCHES 4
#define MAX_UNPAIRED_SHARE 0.5
/* Declared languages: each version this heavy (a short bilingual notice
 * counts; the page says what it is), and this share of the text whose
 * script is clear written in the declared language (a page that declares
 * lang="en" on Chinese text is not believed). */
#define MIN_DECLARED_WEIGHT 30.0
#define MIN_DECLARED_AGREEMENT 0.8
/* ... and the lighter version at least this share of the heavier one (a
 * Chinese page with one English address paragraph is not a pair). */
#define MIN_DECLARED_SHARE 0.1

typedef struct
{
  gsize        start;    /* bytes in the loaded text */
  gsize        end;
  const char  *language; /* "zh" or "en" */
  guint        group;    /* pieces of one group are translations of each other */
} Piece;

const char *
cm_pair_layout_to_string (CmPairLayout layout)
{
  switch (layout)
    {
    case CM_PAIR_LAYOUT_SEQUENTIAL: return "one-after-the-other";
    case CM_PAIR_LAYOUT_INTERLEAVED: return "interleaved";
    case CM_PAIR_LAYOUT_COLUMNS: return "two-columns";
    case CM_PAIR_LAYOUT_HTML_LANG: return "html-lang";
    default: break;
    }
  g_return_val_if_reached ("unknown");
}

/* "zh" or "en" when the page declares it for most of text[start, end)
 * (@declared: CmLanguageHint in text order, or NULL), else NULL. */
static const char *
declared_language (const GArray *declared,
                   gsize         start,
                   gsize         end)
{
  gsize covered[2] = { 0, 0 };
  guint lo = 0, hi;

  if (declared == NULL || end <= start)
    return NULL;
  /* the first stretch that ends after @start */
  hi = declared->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (declared, CmLanguageHint, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < declared->len; i++)
    {
      const CmLanguageHint *hint = &g_array_index (declared, CmLanguageHint, i);
      gsize overlap;

      if (hint->start >= end)
        break;
      overlap = MIN (end, hint->end) - MAX (start, hint->start);
      if (g_str_equal (hint->language, "zh"))
        covered[0] += overlap;
      else if (g_str_equal (hint->language, "en"))
        covered[1] += overlap;
    }
  if (2 * covered[0] > end - start)
    return g_intern_static_string ("zh");
  if (2 * covered[1] > end - start)
    return g_intern_static_string ("en");
  return NULL;
}

/* The language of text[start, end): the one the page declares for it (see
 * declared_language()), else the one whose script clearly dominates, else
 * NULL; *weight gets its weighted letters. */
static const char *
piece_language (const char   *text,
                const GArray *declared,
                gsize         start,
                gsize         end,
                double       *weight)
{
  CmScriptCounts counts = { 0, 0 };
  const char *language;

  cm_script_counts_add (&counts, text + start, end - start);
  *weight = (double) counts.cjk + (double) counts.latin / LATIN_LETTERS_PER_HAN;
  language = declared_language (declared, start, end);
  if (language != NULL)
    return language;
  language = cm_script_counts_language (&counts);
  /* interned: pieces compare their languages by pointer */
  return g_str_equal (language, "zh") || g_str_equal (language, "en") ? g_intern_string (language)
                                                                      : NULL;
}

/* ---- two columns --------------------------------------------------- */

/* The cells of a table row: split at tabs, or at '|' / '｜' (a Markdown or
 * text table); blank cells left out. FALSE unless exactly two remain. */
static gboolean
row_cells (const char *text,
           const CmLine *line,
           gsize       cells[2][2])
{
  const char *separator = memchr (text + line->start, '\t', line->end - line->start) ? "\t"
                          : cm_find_bytes (text + line->start, line->end - line->start, "｜") ? "｜"
                          : "|";
  gsize length = strlen (separator);
  gsize pos = line->start;
  guint n = 0;

  while (pos <= line->end)
    {
      const char *next = cm_find_bytes (text + pos, line->end - pos, separator);
      gsize cell_end = next ? (gsize) (next - text) : line->end;
      gsize s = pos, e = cell_end;

      cm_segmenter_trim (text, &s, &e);
      if (s < e)
        {
          if (n == 2)
            return FALSE;
          cells[n][0] = s;
          cells[n][1] = e;
          n++;
        }
      if (next == NULL)
        break;
      pos = cell_end + length;
    }
  return n == 2;
}

/* Rows of two cells in different languages, when they hold most of the
 * text: each row a group. Other lines become pieces of their own. */
static gboolean
find_columns (const char     *text,
              const GArray   *declared,
              const CmLine   *lines,
              guint           n_lines,
              const gboolean *boilerplate,
              GArray         *pieces)
{
  double in_rows = 0, total = 0;
  guint n_rows = 0, group = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      gsize cells[2][2];
      double w0, w1, w;
      const char *l0, *l1;

      if (boilerplate[i] || lines[i].start == lines[i].end)
        continue;
      piece_language (text, declared, lines[i].start, lines[i].end, &w);
      total += w;
      if (!row_cells (text, &lines[i], cells))
        {
          const char *language = piece_language (text, declared, lines[i].start, lines[i].end, &w);
          if (language != NULL)
            {
              Piece piece = { lines[i].start, lines[i].end, language, group++ };
              g_array_append_val (pieces, piece);
            }
          continue;
        }
      l0 = piece_language (text, declared, cells[0][0], cells[0][1], &w0);
      l1 = piece_language (text, declared, cells[1][0], cells[1][1], &w1);
      /* a header row ("中文 | English") names the columns */
      if (w0 < MIN_CELL_WEIGHT && w1 < MIN_CELL_WEIGHT)
        continue;
      if (l0 == NULL || l1 == NULL || l0 == l1)
        {
          /* a row of one language (a header row, a number column) */
          if (l0 != NULL || l1 != NULL)
            {
              Piece piece = { lines[i].start, lines[i].end, l0 ? l0 : l1, group++ };
              g_array_append_val (pieces, piece);
            }
          continue;
        }
      {
        Piece a = { cells[0][0], cells[0][1], l0, group };
        Piece b = { cells[1][0], cells[1][1], l1, group };
        g_array_append_val (pieces, a);
        g_array_append_val (pieces, b);
        group++;
      }
      in_rows += w0 + w1;
      n_rows++;
    }
  if (n_rows >= MIN_COLUMN_ROWS && total > 0 && in_rows >= MIN_COLUMN_SHARE * total)
    return TRUE;
  g_array_set_size (pieces, 0);
  return FALSE;
}

/* ---- interleaved --------------------------------------------------- */

/* Runs of lines of one language, cut at blank lines too. A line without a
 * clear language (a lone number, a date) joins the run after it. */
static void
find_runs (const char     *text,
           const GArray   *declared,
           const CmLine   *lines,
           guint           n_lines,
           const gboolean *boilerplate,
           GArray         *pieces)
{
  Piece run = { 0, 0, NULL, 0 };
  gsize pending = G_MAXSIZE;  /* start of lines without a language waiting for a run */

  for (guint i = 0; i <= n_lines; i++)
    {
      gboolean blank = i == n_lines || lines[i].start == lines[i].end || boilerplate[i];
      const char *language = NULL;
      double w;

      if (!blank)
        language = piece_language (text, declared, lines[i].start, lines[i].end, &w);
      if (run.language != NULL && (blank || (language != NULL && language != run.language)))
        {
          g_array_append_val (pieces, run);
          run.language = NULL;
        }
      if (blank)
        {
          pending = G_MAXSIZE;
          continue;
        }
      if (language == NULL)
        {
          if (run.language != NULL)
            run.end = lines[i].end;
          else if (pending == G_MAXSIZE)
            pending = lines[i].start;
          continue;
        }
      if (run.language == NULL)
        {
          run.start = pending != G_MAXSIZE ? pending : lines[i].start;
          run.language = language;
          pending = G_MAXSIZE;
        }
      run.end = lines[i].end;
    }
}

/* Pairs the runs: a run of the file's first language and the runs of the
 * other that follow it form a group. Returns how many language switches
 * there are; *unpaired counts the groups with one language only. */
static guint
group_runs (GArray *pieces,
            guint  *unpaired)
{
  const char *first = pieces->len ? g_array_index (pieces, Piece, 0).language : NULL;
  guint group = 0, switches = 0;
  gboolean has[2] = { FALSE, FALSE };

  *unpaired = 0;
  for (guint k = 0; k < pieces->len; k++)
    {
      Piece *piece = &g_array_index (pieces, Piece, k);

      if (k > 0 && piece->language != g_array_index (pieces, Piece, k - 1).language)
        switches++;
      if (k > 0 && piece->language == first
          && g_array_index (pieces, Piece, k - 1).language != first)
        {
          *unpaired += !(has[0] && has[1]);
          has[0] = has[1] = FALSE;
          group++;
        }
      has[piece->language == first ? 0 : 1] = TRUE;
      piece->group = group;
    }
  if (pieces->len > 0)
    *unpaired += !(has[0] && has[1]);
  return switches;
}

/* ---- building the two versions ------------------------------------- */

typedef struct
{
  guint start;   /* code points in the version's text */
  guint end;
  guint group;
} PlacedPiece;

/* The version of @language: its pieces joined by blank lines, the loader's
 * hints that lie inside them moved along. */
static CmDocument *
make_version (CmLoadedText  *loaded,
              const char    *id,
              const Piece   *pieces,
              guint          n_pieces,
              const char    *language,
              CmGranularity  granularity,
              GArray        *placed)   /* of PlacedPiece, appended */
{
  GString *text = g_string_new (NULL);
  g_autoptr(GArray) hints = g_array_new (FALSE, FALSE, sizeof (CmBlockHint));
  g_autoptr(GArray) languages = g_array_new (FALSE, FALSE, sizeof (CmLanguageHint));
  CmDocument *document;
  guint hint = 0, chars = 0, declared = 0;
  g_autofree char *owned = NULL;

  for (guint k = 0; k < n_pieces; k++)
    {
      const Piece *piece = &pieces[k];
      gsize start = piece->start, end = piece->end;
      PlacedPiece where;

      if (piece->language != language)
        continue;
      cm_segmenter_trim (loaded->text, &start, &end);
      if (start >= end)
        continue;
      if (text->len > 0)
        {
          g_string_append (text, "\n\n");
          chars += 2;
        }
      /* the hints of this piece, in text order as the pieces are */
      while (loaded->blocks != NULL && hint < loaded->blocks->len
             && g_array_index (loaded->blocks, CmBlockHint, hint).start < start)
        hint++;
      for (guint h = hint; loaded->blocks != NULL && h < loaded->blocks->len; h++)
        {
          CmBlockHint moved = g_array_index (loaded->blocks, CmBlockHint, h);

          if (moved.start >= end)
            break;
          if (moved.end > end)
            continue;
          moved.start = moved.start - start + text->len;
          moved.end = moved.end - start + text->len;
          g_array_append_val (hints, moved);
        }
      /* the declared languages of this piece, cut to it */
      while (loaded->languages != NULL && declared < loaded->languages->len
             && g_array_index (loaded->languages, CmLanguageHint, declared).end <= start)
        declared++;
      for (guint h = declared; loaded->languages != NULL && h < loaded->languages->len; h++)
        {
          CmLanguageHint moved = g_array_index (loaded->languages, CmLanguageHint, h);

          if (moved.start >= end)
            break;
          moved.start = MAX (moved.start, start) - start + text->len;
          moved.end = MIN (moved.end, end) - start + text->len;
          g_array_append_val (languages, moved);
        }
      where.start = chars;
      g_string_append_len (text, loaded->text + start, end - start);
      chars += (guint) g_utf8_strlen (loaded->text + start, end - start);
      where.end = chars;
      where.group = piece->group;
      g_array_append_val (placed, where);
    }
  owned = g_string_free (text, FALSE);
  document = cm_document_new (id, owned);
  cm_document_set_source (document, loaded->path, loaded->sha256, loaded->encoding,
                          loaded->loader);
  cm_segment_document (document, (const CmBlockHint *) (gpointer) hints->data, hints->len,
                       granularity);
  cm_segment_apply_declared_languages (document, (const CmLanguageHint *) (gpointer) languages->data,
                                       languages->len);
  cm_document_set_language (document, language);
  return document;
}

/* For each group, the ids of the clauses of @document that start inside
 * one of its pieces (NULL-terminated arrays in a GPtrArray of GPtrArray). */
static GPtrArray *
clauses_by_group (CmDocument *document,
                  GArray     *placed,
                  guint       n_groups)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n = cm_document_get_n_clauses (document), p = 0;

  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (groups, g_ptr_array_new ());
  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      guint start = cm_clause_get_start (clause);

      if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
        continue;
      while (p < placed->len && g_array_index (placed, PlacedPiece, p).end <= start)
        p++;
      if (p == placed->len)
        break;
      if (g_array_index (placed, PlacedPiece, p).start > start)
        continue;
      g_ptr_array_add (groups->pdata[g_array_index (placed, PlacedPiece, p).group],
                       (gpointer) cm_clause_get_id (clause));
    }
  return groups;
}

static GPtrArray *
make_sections (CmDocument *zh,
               GArray     *zh_placed,
               CmDocument *en,
               GArray     *en_placed,
               guint       n_groups)
{
  g_autoptr(GPtrArray) zh_groups = clauses_by_group (zh, zh_placed, n_groups);
  g_autoptr(GPtrArray) en_groups = clauses_by_group (en, en_placed, n_groups);
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);

  for (guint g = 0; g < n_groups; g++)
    {
      GPtrArray *a = zh_groups->pdata[g], *b = en_groups->pdata[g];

      if (a->len == 0 && b->len == 0)
        continue;
      g_ptr_array_add (a, NULL);
      g_ptr_array_add (b, NULL);
      g_ptr_array_add (sections, cm_link_new ((const char * const *) a->pdata,
                                              (const char * const *) b->pdata, 0));
    }
  return sections;
}

/* The weighted text of each language among @pieces; with @agreeing, only
 * that whose script says the same as the piece's language, and in
 * @agreeing[2] all whose script is clear. */
static void
weigh_pieces (const char *text,
              GArray     *pieces,
              double      weight[2],
              double     *agreeing)
{
  weight[0] = weight[1] = 0;
  for (guint k = 0; k < pieces->len; k++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, k);
      const char *script = NULL;
      double w;

      script = piece_language (text, NULL, piece->start, piece->end, &w);
      weight[g_str_equal (piece->language, "zh") ? 0 : 1] += w;
      if (agreeing != NULL && script != NULL)
        {
          agreeing[1] += w;
          if (script == piece->language)
            agreeing[0] += w;
        }
    }
}

/* The page's declared languages as its layout: its table rows when they
 * hold most of the text, else its runs of one language each, paired by
 * their order. FALSE when the page does not declare both languages for
 * enough text, or declares them against the script they are written in. */
static gboolean
find_declared_layout (CmLoadedText   *loaded,
                      const CmLine   *lines,
                      guint           n_lines,
                      const gboolean *boilerplate,
                      GArray         *pieces)
{
  const GArray *declared = loaded->languages;
  double weight[2], agreeing[2] = { 0, 0 };
  guint unpaired;

  if (declared == NULL)
    return FALSE;
  if (!find_columns (loaded->text, declared, lines, n_lines, boilerplate, pieces))
    {
      find_runs (loaded->text, declared, lines, n_lines, boilerplate, pieces);
      group_runs (pieces, &unpaired);
    }
  weigh_pieces (loaded->text, pieces, weight, agreeing);
  if (weight[0] >= MIN_DECLARED_WEIGHT && weight[1] >= MIN_DECLARED_WEIGHT
      && MIN (weight[0], weight[1]) >= MIN_DECLARED_SHARE * MAX (weight[0], weight[1])
      && agreeing[0] >= MIN_DECLARED_AGREEMENT * agreeing[1])
    return TRUE;
  g_array_set_size (pieces, 0);
  return FALSE;
}

/* The pieces of the file and its layout, or FALSE if it holds no two
 * versions. */
static gboolean
find_layout (CmLoadedText *loaded,
             GArray       *pieces,
             CmPairLayout *layout)
{
  g_autofree CmLine *lines = NULL;
  g_autofree gboolean *boilerplate = NULL;
  const char *first = NULL, *second = NULL;
  gsize switch_offset = 0;
  guint n_lines = 0, unpaired = 0, switches;
  double weight[2] = { 0, 0 };

  lines = cm_segmenter_split_lines (loaded->text, loaded->size, &n_lines);
  boilerplate = g_new0 (gboolean, n_lines + 1);
  cm_boilerplate_mark_lines (loaded->text, lines, n_lines, boilerplate);

  if (find_declared_layout (loaded, lines, n_lines, boilerplate, pieces))
    {
      *layout = CM_PAIR_LAYOUT_HTML_LANG;
      return TRUE;
    }
  if (cm_language_find_switch_in_lines (loaded->text, lines, n_lines, boilerplate,
                                        &switch_offset, &first, &second))
    {
      Piece a = { 0, switch_offset, g_intern_string (first), 0 };
      Piece b = { switch_offset, loaded->size, g_intern_string (second), 0 };

      g_array_append_val (pieces, a);
      g_array_append_val (pieces, b);
      *layout = CM_PAIR_LAYOUT_SEQUENTIAL;
      return TRUE;
    }
  if (find_columns (loaded->text, NULL, lines, n_lines, boilerplate, pieces))
    {
      *layout = CM_PAIR_LAYOUT_COLUMNS;
      return TRUE;
    }
  find_runs (loaded->text, NULL, lines, n_lines, boilerplate, pieces);
  switches = group_runs (pieces, &unpaired);
  weigh_pieces (loaded->text, pieces, weight, NULL);
  if (switches >= MIN_SWITCHES && weight[0] >= MIN_VERSION_WEIGHT && weight[1] >= MIN_VERSION_WEIGHT
      && unpaired <= MAX_UNPAIRED_SHARE * (switches / 2.0 + 1))
    {
      *layout = CM_PAIR_LAYOUT_INTERLEAVED;
      return TRUE;
    }
  return FALSE;
}

gboolean
cm_split_pair_layout (CmLoadedText  *loaded,
                      const char    *base_id,
                      CmGranularity  granularity,
                      CmDocument   **out_zh,
                      CmDocument   **out_en,
                      CmPairLayout  *out_layout,
                      GPtrArray    **out_sections,
                      GError       **error)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GArray) zh_placed = g_array_new (FALSE, FALSE, sizeof (PlacedPiece));
  g_autoptr(GArray) en_placed = g_array_new (FALSE, FALSE, sizeof (PlacedPiece));
  g_autofree char *zh_id = NULL;
  g_autofree char *en_id = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  CmPairLayout layout;
  guint n_groups = 0;

  g_return_val_if_fail (loaded != NULL, FALSE);
  g_return_val_if_fail (base_id != NULL, FALSE);
  g_return_val_if_fail (out_zh != NULL && out_en != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_layout (loaded, pieces, &layout))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: not a two-language file (no Chinese and English versions one after "
                   "the other, paragraph by paragraph, or in two columns)",
                   loaded->path ? loaded->path : base_id);
      return FALSE;
    }
  for (guint k = 0; k < pieces->len; k++)
    n_groups = MAX (n_groups, g_array_index (pieces, Piece, k).group + 1);

  zh_id = g_strdup_printf ("%s-zh", base_id);
  en_id = g_strdup_printf ("%s-en", base_id);
  zh = make_version (loaded, zh_id, (const Piece *) (gpointer) pieces->data, pieces->len,
                     g_intern_static_string ("zh"), granularity, zh_placed);
  en = make_version (loaded, en_id, (const Piece *) (gpointer) pieces->data, pieces->len,
                     g_intern_static_string ("en"), granularity, en_placed);
  cm_document_set_partner_id (zh, en_id);
  cm_document_set_partner_id (en, zh_id);

  if (out_layout != NULL)
    *out_layout = layout;
  if (out_sections != NULL)
    *out_sections = layout == CM_PAIR_LAYOUT_SEQUENTIAL || n_groups <= 1
                    ? g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free)
                    : make_sections (zh, zh_placed, en, en_placed, n_groups);
  *out_zh = g_steal_pointer (&zh);
  *out_en = g_steal_pointer (&en);
  return TRUE;
}

gboolean
cm_split_pair (CmLoadedText  *loaded,
               const char    *base_id,
               CmGranularity  granularity,
               CmDocument   **out_zh,
               CmDocument   **out_en,
               GError       **error)
{
  return cm_split_pair_layout (loaded, base_id, granularity, out_zh, out_en, NULL, NULL, error);
}
