/* cm-document-text.c — a document's text, and character offsets into it
 *
 * Clauses count in characters (code points), the text is UTF-8: a table of
 * checkpoints, built in one pass when the document is made, turns a
 * character offset into a byte offset with at most one short walk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document"

#include "config.h"

#include <string.h>

#include "cm-document-private.h"

/* Notes the byte offsets of the code points starting in text[from..to)
 * whose index is a multiple of CHECKPOINT_STRIDE; returns the count. */
static guint64
scan_bytes (const guchar *text,
            gsize         from,
            gsize         to,
            guint64       n,
            gsize        *points,
            gsize        *n_points)
{
  for (gsize i = from; i < to; i++)
    if ((text[i] & 0xC0) != 0x80)
      {
        if ((n & (CHECKPOINT_STRIDE - 1)) == 0)
          points[(*n_points)++] = i;
        n++;
      }
  return n;
}

/* One pass over the text: counts code points (bytes that are not
 * continuation bytes, eight at a time) and notes every
 * CHECKPOINT_STRIDE-th one's byte offset. A text of single-byte characters
 * needs no table at all. */
void
cm_document_build_checkpoints (CmDocument *self)
{
  const guint64 high_bits = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 low_bits = G_GUINT64_CONSTANT (0x0101010101010101);
  const guchar *text = (const guchar *) self->text;
  gsize size = self->text_size;
  gsize *points = g_new (gsize, size / CHECKPOINT_STRIDE + 1);
  gsize n_points = 0, i = 0;
  guint64 n = 0;

  for (; i + 8 <= size; i += 8)
    {
      guint64 word, continuation;
      guint leads;

      memcpy (&word, text + i, sizeof word);
      /* Continuation bytes are 10xxxxxx: top bit set, next bit clear. */
      continuation = word & ~(word << 1) & high_bits;
      leads = 8 - (guint) (((continuation >> 7) * low_bits) >> 56);
      /* Does a multiple of the stride fall among this word's code points? */
      if (leads > ((CHECKPOINT_STRIDE - (n & (CHECKPOINT_STRIDE - 1))) & (CHECKPOINT_STRIDE - 1)))
        n = scan_bytes (text, i, i + 8, n, points, &n_points);
      else
        n += leads;
    }
  n = scan_bytes (text, i, size, n, points, &n_points);

  self->n_chars = (guint) n;
  self->ascii_only = n == size;
  if (self->ascii_only)
    g_clear_pointer (&points, g_free);
  else
    points = g_renew (gsize, points, MAX (n_points, 1));
  self->checkpoints = points;
}

const char *
cm_document_get_text (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  return self->text;
}

gsize
cm_document_get_text_size (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->text_size;
}

guint
cm_document_get_n_chars (CmDocument *self)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);
  return self->n_chars;
}

gsize
cm_document_char_to_byte (CmDocument *self,
                          guint       char_offset)
{
  const char *p;
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), 0);

  if (char_offset >= self->n_chars)
    return self->text_size;
  if (self->ascii_only)
    return char_offset;

  p = self->text + self->checkpoints[char_offset / CHECKPOINT_STRIDE];
  for (n = char_offset % CHECKPOINT_STRIDE; n > 0; n--)
    p += g_utf8_skip[*(const guchar *) p];
  return (gsize) (p - self->text);
}

char *
cm_document_dup_range_text (CmDocument *self,
                            guint       start,
                            guint       end)
{
  gsize from, to;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end, NULL);

  from = cm_document_char_to_byte (self, start);
  to = cm_document_char_to_byte (self, end);
  return g_strndup (self->text + from, to - from);
}

char *
cm_document_dup_clause_text (CmDocument *self,
                             CmClause   *clause)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);
  return cm_document_dup_range_text (self, cm_clause_get_start (clause),
                                     cm_clause_get_end (clause));
}

/**
 * cm_document_join_clause_texts:
 * @ids: (nullable): clause ids, %NULL-terminated; unknown ids are skipped
 * @separator: put between two clauses' texts
 *
 * Returns: (transfer full): the texts of the clauses @ids names, in that
 * order, each stripped of surrounding white space.
 */
char *
cm_document_join_clause_texts (CmDocument  *self,
                               char       **ids,
                               const char  *separator)
{
  GString *text;

  g_return_val_if_fail (CM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (self, ids[i], NULL);
      g_autofree char *clause_text = NULL;

      if (clause == NULL)
        continue;
      clause_text = cm_document_dup_clause_text (self, clause);
      g_strstrip (clause_text);
      if (text->len)
        g_string_append (text, separator);
      g_string_append (text, clause_text);
    }
  return g_string_free (text, FALSE);
}
