/* cm-revision-diff.c — what changed between two versions of a policy in
 * one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-revision-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cm-numbering.h"
#include "cm-revision-diff.h"

/* Texts longer than this many tokens a side are not diffed word by word
 * (the table is quadratic): the whole text is shown as replaced. */
#define MAX_DIFF_TOKENS 4000
/* A reason quotes at most this many characters of the word diff. */
#define MAX_REASON_CHARS 160
/* Kept text shown on each side of a change in a "changed:" reason. */
#define REASON_CONTEXT_CHARS 24

void
cm_word_piece_free (CmWordPiece *piece)
{
  if (piece == NULL)
    return;
  g_free (piece->text);
  g_free (piece);
}

/* ---- word diff ------------------------------------------------------ */

/* Byte offsets where tokens start (and the end): a Han character alone, a
 * word with the blanks after it, or a punctuation mark. */
static GArray *
tokenize (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = text;

  while (*p)
    {
      gsize start = p - text;
      gunichar c = g_utf8_get_char (p);

      g_array_append_val (starts, start);
      if (c < 0x2E80 && g_unichar_isalnum (c))
        while (*p && g_utf8_get_char (p) < 0x2E80 && g_unichar_isalnum (g_utf8_get_char (p)))
          p = g_utf8_next_char (p);
      else
        p = g_utf8_next_char (p);
      while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    }
  {
    gsize end = p - text;
    g_array_append_val (starts, end);
  }
  return starts;
}

static gboolean
tokens_equal (const char *a,
              const GArray *as,
              guint       i,
              const char *b,
              const GArray *bs,
              guint       j)
{
  gsize la = g_array_index (as, gsize, i + 1) - g_array_index (as, gsize, i);
  gsize lb = g_array_index (bs, gsize, j + 1) - g_array_index (bs, gsize, j);

  /* blanks after a word do not make it differ */
  while (la > 0 && a[g_array_index (as, gsize, i) + la - 1] == ' ')
    la--;
  while (lb > 0 && b[g_array_index (bs, gsize, j) + lb - 1] == ' ')
    lb--;
  return la == lb && memcmp (a + g_array_index (as, gsize, i), b + g_array_index (bs, gsize, j), la) == 0;
}

static void
add_piece (GPtrArray    *pieces,
           CmWordChange  change,
           const char   *text,
           gsize         length)
{
  CmWordPiece *last = pieces->len ? pieces->pdata[pieces->len - 1] : NULL;

  if (length == 0)
    return;
  if (last != NULL && last->change == change)
    {
      char *joined = g_strdup_printf ("%s%.*s", last->text, (int) length, text);
      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (CmWordPiece, 1);
  last->change = change;
  last->text = g_strndup (text, length);
  g_ptr_array_add (pieces, last);
}

GPtrArray *
cm_word_diff (const char *old_text,
              const char *new_text)
{
  g_autoptr(GArray) as = NULL;
  g_autoptr(GArray) bs = NULL;
  g_autofree guint16 *table = NULL;
  GPtrArray *pieces;
  guint n, m, i = 0, j = 0;

  g_return_val_if_fail (old_text != NULL && new_text != NULL, NULL);

  pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_word_piece_free);
  as = tokenize (old_text);
  bs = tokenize (new_text);
  n = as->len - 1;
  m = bs->len - 1;
  if (n > MAX_DIFF_TOKENS || m > MAX_DIFF_TOKENS)
    {
      add_piece (pieces, CM_WORD_REMOVED, old_text, strlen (old_text));
      add_piece (pieces, CM_WORD_ADDED, new_text, strlen (new_text));
      return pieces;
    }
  /* longest common subsequence of the tokens, from the ends */
  table = g_new0 (guint16, (gsize) (n + 1) * (m + 1));
#define AT(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      AT (x, y) = tokens_equal (old_text, as, x, new_text, bs, y) ? AT (x + 1, y + 1) + 1
                  : MAX (AT (x + 1, y), AT (x, y + 1));
  while (i < n || j < m)
    {
      if (i < n && j < m && tokens_equal (old_text, as, i, new_text, bs, j))
        {
          gsize start = g_array_index (bs, gsize, j);
          add_piece (pieces, CM_WORD_SAME, new_text + start, g_array_index (bs, gsize, j + 1) - start);
          i++, j++;
        }
      else if (j < m && (i == n || AT (i, j + 1) >= AT (i + 1, j)))
        {
          gsize start = g_array_index (bs, gsize, j);
          add_piece (pieces, CM_WORD_ADDED, new_text + start, g_array_index (bs, gsize, j + 1) - start);
          j++;
        }
      else
        {
          gsize start = g_array_index (as, gsize, i);
          add_piece (pieces, CM_WORD_REMOVED, old_text + start, g_array_index (as, gsize, i + 1) - start);
          i++;
        }
    }
#undef AT
  return pieces;
}

char *
cm_word_diff_to_string (GPtrArray *pieces)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (pieces != NULL, NULL);

  for (guint k = 0; k < pieces->len; k++)
    {
      const CmWordPiece *piece = pieces->pdata[k];

      switch (piece->change)
        {
        case CM_WORD_REMOVED:
          g_string_append_printf (out, "[-%s-]", piece->text);
          break;
        case CM_WORD_ADDED:
          g_string_append_printf (out, "{+%s+}", piece->text);
          break;
        case CM_WORD_SAME:
        default:
          g_string_append (out, piece->text);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* The first @n characters of @text, cut back to the last blank inside
 * them when there is one (whole words for Latin text; Han text has none). */
static void
append_head (GString    *out,
             const char *text,
             guint       n)
{
  const char *end = g_utf8_offset_to_pointer (text, n);
  const char *blank = NULL;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    if (*p == ' ')
      blank = p;
  g_string_append_len (out, text, (blank && blank > text ? blank : end) - text);
}

/* The last @n characters of @text, from just after the first blank inside
 * them when there is one. */
static void
append_tail (GString    *out,
             const char *text,
             guint       n)
{
  glong length = g_utf8_strlen (text, -1);
  const char *start = g_utf8_offset_to_pointer (text, length - (glong) n);
  const char *blank = strchr (start, ' ');

  g_string_append (out, blank && blank[1] ? blank + 1 : start);
}

char *
cm_word_diff_to_excerpt (GPtrArray *pieces,
                         guint      context)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (pieces != NULL, NULL);

  for (guint k = 0; k < pieces->len; k++)
    {
      const CmWordPiece *piece = pieces->pdata[k];
      gboolean first = k == 0, last = k + 1 == pieces->len;
      glong length;

      if (piece->change != CM_WORD_SAME)
        {
          g_string_append_printf (out, piece->change == CM_WORD_REMOVED ? "[-%s-]" : "{+%s+}", piece->text);
          continue;
        }
      length = g_utf8_strlen (piece->text, -1);
      if (first && last)
        g_string_append (out, piece->text);
      else if (first && length > (glong) context)
        {
          g_string_append (out, "…");
          append_tail (out, piece->text, context);
        }
      else if (last && length > (glong) context)
        {
          append_head (out, piece->text, context);
          g_string_append (out, "…");
        }
      else if (!first && !last && length > 2 * (glong) context + 1)
        {
          append_head (out, piece->text, context);
          g_string_append (out, " … ");
          append_tail (out, piece->text, context);
        }
      else
        g_string_append (out, piece->text);
    }
  return g_string_free (out, FALSE);
}

/* ---- aligning two versions ------------------------------------------ */

gboolean
cm_revision_align (CmDocument  *old_version,
                   CmDocument  *new_version,
                   GError     **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) inverted = NULL;

  g_return_val_if_fail (CM_IS_DOCUMENT (old_version), FALSE);
  g_return_val_if_fail (CM_IS_DOCUMENT (new_version), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  links = cm_align_versions (old_version, new_version, NULL, error);
  if (links == NULL)
    return FALSE;
  inverted = cm_links_invert (links);
  cm_document_set_links (old_version, links);
  cm_document_set_links (new_version, inverted);
  cm_document_set_partner_id (old_version, cm_document_get_id (new_version));
  cm_document_set_partner_id (new_version, cm_document_get_id (old_version));
  return TRUE;
}

/* ---- the changes ------------------------------------------------------ */

typedef struct
{
  char       *text;
  GHashTable *labels;   /* held label ids (borrowed strings) */
} Version;

static void
version_init (Version    *version,
              CmDocument *document,
              char      **ids)
{
  GString *text = g_string_new (NULL);

  version->labels = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids[i], NULL);
      const char * const *labels;
      g_autofree char *clause_text = NULL;

      if (clause == NULL)
        continue;
      clause_text = cm_document_dup_clause_text (document, clause);
      if (text->len > 0)
        g_string_append_c (text, cm_document_is_chinese (document) ? '\n' : ' ');
      g_string_append (text, clause_text);
      labels = cm_clause_get_labels (clause);
      for (guint k = 0; labels && labels[k]; k++)
        g_hash_table_add (version->labels, (gpointer) labels[k]);
    }
  version->text = g_string_free (text, FALSE);
}

static void
version_clear (Version *version)
{
  g_free (version->text);
  g_hash_table_unref (version->labels);
}

/* The labels of @a not in @b, sorted, and the most important one's weight. */
static GPtrArray *
labels_missing_from (const Version *a,
                     const Version *b,
                     double        *weight)
{
  GPtrArray *only = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, a->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b->labels, key))
      {
        g_ptr_array_add (only, key);
        *weight = MAX (*weight, cm_label_importance (key));
      }
  g_ptr_array_sort (only, (GCompareFunc) (void (*) (void)) g_strcmp0);
  return only;
}

static char **
strv_of (GPtrArray *strings)
{
  char **out = g_new0 (char *, strings->len + 1);

  for (guint i = 0; i < strings->len; i++)
    out[i] = g_strdup (strings->pdata[i]);
  return out;
}

static char *
join_or_none (GPtrArray *strings)
{
  if (strings->len == 0)
    return g_strdup (C_("anchor values", "none"));
  g_ptr_array_add (strings, NULL);
  g_ptr_array_set_size (strings, strings->len - 1);
  return g_strjoinv (", ", (char **) strings->pdata);
}

/* How reasons name labels (see cm_difference_label_name()). */
typedef struct
{
  CmTaxonomy *taxonomy;
  const char *language;
} Namer;

static const char *
label_name (const Namer *namer,
            const char  *id)
{
  return cm_difference_label_name (namer->taxonomy, namer->language, id);
}

/* The names of @ids, for a reason. */
static GPtrArray *
label_names (const Namer *namer,
             GPtrArray   *ids)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (names, (gpointer) label_name (namer, ids->pdata[i]));
  return names;
}

static CmDifference *
change_new (CmDifferenceKind  kind,
            guint             index,
            const CmLink     *link)
{
  CmDifference *difference = g_new0 (CmDifference, 1);

  difference->kind = kind;
  difference->link_index = index;
  difference->zh_clauses = g_strdupv (link->clauses);
  difference->en_clauses = g_strdupv (link->partner_clauses);
  difference->reviewed = link->reviewed;
  difference->n_links = 1;
  return difference;
}

/* The most important label of a version, for naming a clause that came
 * or went. */
static double
top_label (const Version *version,
           const char   **label)
{
  GHashTableIter iter;
  gpointer key;
  double best = 0;

  *label = NULL;
  g_hash_table_iter_init (&iter, version->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (cm_label_importance (key) > best
        || (cm_label_importance (key) == best && g_strcmp0 (key, *label) < 0))
      {
        best = cm_label_importance (key);
        *label = key;
      }
  return best;
}

static CmDifference *
one_sided_change (const Namer   *namer,
                  const Version *version,
                  gboolean       added,
                  guint          index,
                  const CmLink  *link)
{
  CmDifference *difference = change_new (added ? CM_DIFFERENCE_ADDED : CM_DIFFERENCE_REMOVED,
                                         index, link);
  const char *label;
  double weight = top_label (version, &label);
  glong length = g_utf8_strlen (version->text, -1);
  g_autofree char *excerpt = g_utf8_substring (version->text, 0, MIN (length, 60));

  /* A clause cut short says so ("…Analytics Ltd " read as the whole clause). */
  if (length > 60)
    {
      g_autofree char *cut = g_steal_pointer (&excerpt);
      excerpt = g_strconcat (g_strchomp (cut), "…", NULL);
    }

  difference->importance = 0.35 + 0.6 * weight;
  if (label != NULL)
    /* TRANSLATORS: the first %s is a label's name ("Data retention"), the second the clause */
    difference->reason = g_strdup_printf (added ? _("added %s clause: %s") : _("removed %s clause: %s"),
                                          label_name (namer, label), excerpt);
  else
    difference->reason = g_strdup_printf (added ? _("added: %s") : _("removed: %s"), excerpt);
  difference->zh_only = g_new0 (char *, 1);
  difference->en_only = g_new0 (char *, 1);
  return difference;
}

/* The text after a leading numbering marker: sections renumbered because
 * one was added before them have not changed. */
static const char *
without_marker (const char *text)
{
  CmNumbering numbering;

  if (cm_numbering_parse (text, strlen (text), &numbering)
      && numbering.style != CM_NUMBERING_STYLE_NONE)
    return text + numbering.content_offset;
  return text;
}

static CmDifference *
words_change (const Version *old_side,
              const Version *new_side,
              guint          index,
              const CmLink  *link)
{
  g_autoptr(GPtrArray) pieces = cm_word_diff (without_marker (old_side->text),
                                              without_marker (new_side->text));
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autofree char *shown = NULL;
  CmDifference *difference;
  gsize same = 0, changed = 0;

  for (guint k = 0; k < pieces->len; k++)
    {
      CmWordPiece *piece = pieces->pdata[k];
      gsize length = g_utf8_strlen (piece->text, -1);

      if (piece->change == CM_WORD_SAME)
        same += length;
      else
        {
          changed += length;
          g_ptr_array_add (piece->change == CM_WORD_REMOVED ? removed : added, piece->text);
        }
    }
  /* blanks and punctuation only: a reflow, not a change */
  if (changed == 0)
    return NULL;
  difference = change_new (CM_DIFFERENCE_CHANGED, index, link);
  difference->importance = 0.15 + 0.35 * ((double) changed / (same + changed));
  difference->zh_only = strv_of (removed);
  difference->en_only = strv_of (added);
  shown = cm_word_diff_to_excerpt (pieces, REASON_CONTEXT_CHARS);
  if (g_utf8_strlen (shown, -1) > MAX_REASON_CHARS)
    {
      char *cut = g_utf8_substring (shown, 0, MAX_REASON_CHARS);
      g_free (shown);
      shown = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  difference->reason = g_strdup_printf (_("changed: %s"), shown);
  return difference;
}

static CmDifference *
labels_change (const Namer   *namer,
               const Version *old_side,
               const Version *new_side,
               guint          index,
               const CmLink  *link)
{
  double weight = 0;
  g_autoptr(GPtrArray) gone = labels_missing_from (old_side, new_side, &weight);
  g_autoptr(GPtrArray) came = labels_missing_from (new_side, old_side, &weight);
  g_autofree char *gone_list = NULL;
  g_autofree char *came_list = NULL;
  CmDifference *difference;

  if (gone->len == 0 && came->len == 0)
    return NULL;
  difference = change_new (CM_DIFFERENCE_LABELS, index, link);
  difference->importance = 0.3 + 0.6 * weight;
  difference->zh_only = strv_of (gone);
  difference->en_only = strv_of (came);
  {
    g_autoptr(GPtrArray) gone_names = label_names (namer, gone);
    g_autoptr(GPtrArray) came_names = label_names (namer, came);

    gone_list = join_or_none (gone_names);
    came_list = join_or_none (came_names);
  }
  if (gone->len == 0)
    difference->reason = g_strdup_printf (_("new label: %s"), came_list);
  else if (came->len == 0)
    difference->reason = g_strdup_printf (_("label gone: %s"), gone_list);
  else
    difference->reason = g_strdup_printf (_("labels changed: %s → %s"), gone_list, came_list);
  return difference;
}

/* Anchor values (ages, periods, e-mails, URLs, names...) of one side that
 * the other lacks, described, with the most important kind's weight. */
static GPtrArray *
anchors_missing_from (GPtrArray  *a,
                      GHashTable *b_keys,
                      double     *weight)
{
  GPtrArray *only = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < a->len; i++)
    {
      CmAnchor *anchor = a->pdata[i];
      char *key = cm_anchor_dup_key (anchor);

      if (g_hash_table_contains (b_keys, key) || g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);
      g_ptr_array_add (only, cm_anchor_dup_display (anchor));
      *weight = MAX (*weight, cm_anchor_kind_importance (anchor->kind));
    }
  return only;
}

static GHashTable *
anchor_keys (GPtrArray *anchors)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < anchors->len; i++)
    g_hash_table_add (keys, cm_anchor_dup_key (anchors->pdata[i]));
  return keys;
}

static CmDifference *
anchors_change (const Version *old_side,
                const Version *new_side,
                const char    *language,
                guint          index,
                const CmLink  *link)
{
  g_autoptr(GPtrArray) old_anchors = cm_anchors_extract (old_side->text, -1, language);
  g_autoptr(GPtrArray) new_anchors = cm_anchors_extract (new_side->text, -1, language);
  g_autoptr(GHashTable) old_keys = anchor_keys (old_anchors);
  g_autoptr(GHashTable) new_keys = anchor_keys (new_anchors);
  double weight = 0;
  g_autoptr(GPtrArray) gone = anchors_missing_from (old_anchors, new_keys, &weight);
  g_autoptr(GPtrArray) came = anchors_missing_from (new_anchors, old_keys, &weight);
  g_autofree char *gone_list = NULL;
  g_autofree char *came_list = NULL;
  CmDifference *difference;

  if (gone->len == 0 && came->len == 0)
    return NULL;
  difference = change_new (CM_DIFFERENCE_ANCHORS, index, link);
  difference->importance = 0.35 + 0.6 * weight;
  difference->zh_only = strv_of (gone);
  difference->en_only = strv_of (came);
  gone_list = join_or_none (gone);
  came_list = join_or_none (came);
  difference->reason = g_strdup_printf (_("%s → %s"), gone_list, came_list);
  return difference;
}

GPtrArray *
cm_revision_find_changes (CmDocument *old_version,
                          CmDocument *new_version)
{
  return cm_revision_find_changes_named (old_version, new_version, NULL, NULL);
}

GPtrArray *
cm_revision_find_changes_named (CmDocument *old_version,
                                CmDocument *new_version,
                                CmTaxonomy *taxonomy,
                                const char *ui_language)
{
  const Namer namer = { taxonomy, ui_language ? ui_language : "en" };
  GPtrArray *links, *changes;
  g_autofree gboolean *moved = NULL;
  const char *language;

  g_return_val_if_fail (CM_IS_DOCUMENT (old_version), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (new_version), NULL);
  g_return_val_if_fail (taxonomy == NULL || CM_IS_TAXONOMY (taxonomy), NULL);

  language = cm_document_is_chinese (old_version) ? "zh" : "en";
  links = cm_document_get_links (old_version);
  moved = cm_links_find_moved (links, new_version);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_difference_free);
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      Version old_side, new_side;
      CmDifference *change;

      version_init (&old_side, old_version, link->clauses);
      version_init (&new_side, new_version, link->partner_clauses);
      if (link->clauses[0] == NULL || link->partner_clauses[0] == NULL)
        g_ptr_array_add (changes, one_sided_change (&namer, link->clauses[0] ? &old_side : &new_side,
                                                    link->clauses[0] == NULL, i, link));
      else
        {
          if (moved[i])
            {
              change = change_new (CM_DIFFERENCE_MOVED, i, link);
              change->importance = 0.3;
              change->reason = g_strdup (_("moved: the other version has this clause elsewhere"));
              change->zh_only = g_new0 (char *, 1);
              change->en_only = g_new0 (char *, 1);
              g_ptr_array_add (changes, change);
            }
          if ((change = words_change (&old_side, &new_side, i, link)))
            g_ptr_array_add (changes, change);
          if ((change = labels_change (&namer, &old_side, &new_side, i, link)))
            g_ptr_array_add (changes, change);
          if ((change = anchors_change (&old_side, &new_side, language, i, link)))
            g_ptr_array_add (changes, change);
        }
      version_clear (&old_side);
      version_clear (&new_side);
    }
  cm_differences_sort_by_importance (changes);
  return changes;
}
