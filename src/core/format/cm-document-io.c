/* cm-document-io.c — the Clausemark JSON document format, version 2
 *
 * Writing is hand-rolled (the annotate pipeline writes tens of megabytes a
 * second, JsonBuilder would be the bottleneck) into one GString for
 * cm_document_to_json(), or through a 1 MB buffer straight into the file
 * when saving; saving is atomic and refuses to replace what is not ours. Reading and checking are
 * in cm-document-reader.c. The format is described in the README ("JSON
 * format") and in data/clausemark-document.schema.json.
 *
 * Conventions: every member is always written; an unset optional value is
 * written as null (never omitted), except "pair", which only pair documents
 * carry. Numbers (scores, confidence) are written with at most ten decimals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"
/* For madvise (MADV_HUGEPAGE), which strict C11 mode hides. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-bounded-read.h"
#include "cm-document-io-private.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-json-guard.h"
#include "cm-verdict-overrides.h"

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* The output: a buffer that either holds everything (for
 * cm_document_to_json()) or, when it has a file, is written out each time
 * it fills, so that saving a 300 MB document needs 1 MB of buffer rather
 * than 300 MB. */
typedef struct
{
  GString *buffer;
  int      fd;      /* where a full buffer goes; -1 keeps it all in memory */
  GError  *error;   /* the first failed write; later output is dropped */
} Sink;

/* What a saving sink buffers before it writes. */
#define SINK_BUFFER_SIZE (1024 * 1024)

static void
sink_init_memory (Sink  *out,
                  gsize  size)
{
  out->buffer = g_string_sized_new (size);
  out->fd = -1;
  out->error = NULL;
}

static void
sink_init_file (Sink *out,
                int   fd)
{
  out->buffer = g_string_sized_new (SINK_BUFFER_SIZE - 1);
  out->fd = fd;
  out->error = NULL;
}

static void
sink_write (Sink       *out,
            const char *data,
            gsize       n)
{
  if (out->error == NULL)
    cm_document_io_write_all (out->fd, data, n, &out->error);
}

/* Writes out what the buffer holds (a file sink only). */
static void
sink_flush (Sink *out)
{
  sink_write (out, out->buffer->str, out->buffer->len);
  out->buffer->len = 0;
}

/* Ends a file sink: FALSE with @error when a write failed. */
static gboolean
sink_finish_file (Sink    *out,
                  GError **error)
{
  sink_flush (out);
  g_string_free (out->buffer, TRUE);
  out->buffer = NULL;
  if (out->error != NULL)
    {
      g_propagate_error (error, out->error);
      out->error = NULL;
      return FALSE;
    }
  return TRUE;
}

/* Makes room for @n more bytes (and the final nul): a file sink writes its
 * buffer out first, a memory sink grows. */
static G_GNUC_NO_INLINE void
sink_make_room (Sink  *out,
                gsize  n)
{
  GString *buffer = out->buffer;
  gsize len;

  if (out->fd >= 0)
    {
      sink_flush (out);
      if (n + 1 <= buffer->allocated_len)
        return;
    }
  len = buffer->len;
  g_string_set_size (buffer, len + n);  /* grows the buffer geometrically */
  buffer->len = len;
}

/* Appending to the output. GLib 2.74's g_string_append_len() goes through
 * the general g_string_insert_len(); these inline versions do only what
 * appending needs. The output stays nul-terminated only at the end. */
static inline void
reserve (Sink  *out,
         gsize  n)
{
  if (G_UNLIKELY (out->buffer->len + n + 1 > out->buffer->allocated_len))
    sink_make_room (out, n);
}

static inline void
put_len (Sink       *out,
         const char *data,
         gsize       n)
{
  GString *buffer = out->buffer;

  if (G_UNLIKELY (buffer->len + n + 1 > buffer->allocated_len))
    {
      /* A run longer than a file sink's buffer (the text of a policy with
       * no character to escape) goes to the file without a copy. */
      if (out->fd >= 0 && n + 1 > buffer->allocated_len)
        {
          sink_flush (out);
          sink_write (out, data, n);
          return;
        }
      sink_make_room (out, n);
    }
  memcpy (buffer->str + buffer->len, data, n);
  buffer->len += n;
}

static inline void
put_c (Sink *out,
       char  c)
{
  reserve (out, 1);
  out->buffer->str[out->buffer->len++] = c;
}

static inline void
put_str (Sink       *out,
         const char *str)
{
  put_len (out, str, strlen (str));
}

/* For each byte: 0 when it goes out as it is, else the letter of its short
 * escape ('"', '\\', 'b', 'f', 'n', 'r', 't') or 'u' for \u00XX. */
static const char escapes[256] = {
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
  0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  [0x5c] = '\\',
};

/* Does any of the eight bytes at @p need an escape: a control character
 * (< 0x20), '"' or '\\'? Exact, by the usual "has a zero byte" trick. */
static inline gboolean
word_needs_escape (const guchar *p)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 word, quote, backslash;

  memcpy (&word, p, sizeof word);
  quote = word ^ (ones * '"');
  backslash = word ^ (ones * '\\');
  return ((((word - ones * 0x20) & ~word)
          | ((quote - ones) & ~quote)
          | ((backslash - ones) & ~backslash)) & highs) != 0;
}

/* Appends @str as a JSON string literal. UTF-8 passes through unchanged;
 * the caller guarantees it is valid. */
static void
append_string_valid (Sink       *out,
                     const char *str,
                     gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) str;
  const guchar *end = p + length;
  const guchar *run = p;

  put_c (out, '"');
  for (; p < end; p++)
    {
      char e;

      /* Skip eight plain bytes at a time: most of a policy needs no escape. */
      while (end - p >= 8 && !word_needs_escape (p))
        p += 8;
      if (p == end)
        break;
      e = escapes[*p];

      if (G_LIKELY (e == 0))
        continue;
      put_len (out, (const char *) run, p - run);
      put_c (out, '\\');
      if (e == 'u')
        {
          put_len (out, "u00", 3);
          put_c (out, hex[*p >> 4]);
          put_c (out, hex[*p & 0xf]);
        }
      else
        put_c (out, e);
      run = p + 1;
    }
  put_len (out, (const char *) run, p - run);
  put_c (out, '"');
}

/* Most strings here are short and ASCII (ids, kinds, statuses): skip the
 * call into the general validator for them. */
static gboolean
is_valid_utf8 (const char *str,
               gsize       length)
{
  gsize i = 0;

  while (i < length && (guchar) str[i] < 0x80)
    i++;
  return i == length || g_utf8_validate (str + i, (gssize) (length - i), NULL);
}

/* A short string from the model (ids, notes, names): NULL becomes null, and
 * invalid UTF-8 (which the setters do not police) is repaired rather than
 * written into a file no JSON reader would accept. */
static void
append_string (Sink       *out,
               const char *str)
{
  gsize length;

  if (str == NULL)
    {
      put_len (out, "null", 4);
      return;
    }
  length = strlen (str);
  if (G_LIKELY (is_valid_utf8 (str, length)))
    append_string_valid (out, str, length);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, (gssize) length);
      append_string_valid (out, valid, strlen (valid));
    }
}

static void
append_uint (Sink    *out,
             guint64  value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  put_len (out, p, buffer + sizeof buffer - p);
}

/* Writes @value rounded to ten decimals (an error of at most 5e-11, well
 * inside the 1e-9 that cm_clause_equal() allows), trailing zeros dropped.
 * Integer arithmetic: printf("%.17g") would cost more than the rest of a
 * clause. Values too large for that path, rare, go through g_ascii_formatd. */
#define DECIMALS_SCALE 10000000000.0  /* 1e10 */
#define DECIMALS       10

static void
append_number (Sink    *out,
               double   value)
{
  guint64 scaled, integer, fraction;
  char digits[DECIMALS];
  int n;

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity: a bug upstream, not data to keep. */
      g_warning ("Writing a non-finite score as 0");
      put_c (out, '0');
      return;
    }
  if (fabs (value) >= 1e8)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      put_str (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
      return;
    }
  scaled = (guint64) llround (fabs (value) * DECIMALS_SCALE);
  if (value < 0 && scaled != 0)
    put_c (out, '-');
  integer = scaled / (guint64) DECIMALS_SCALE;
  fraction = scaled % (guint64) DECIMALS_SCALE;
  append_uint (out, integer);
  if (fraction == 0)
    return;
  for (int i = DECIMALS - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  for (n = DECIMALS; digits[n - 1] == '0'; n--)
    ;
  put_c (out, '.');
  put_len (out, digits, n);
}

static void
append_strv (Sink               *out,
             const char * const *strv)
{
  put_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        put_c (out, ',');
      append_string (out, strv[i]);
    }
  put_c (out, ']');
}

/* Appends ,"key": — keys are ours, ASCII, no escaping needed. */
#define KEY(out, literal) put_len ((out), "\"" literal "\":", sizeof (literal) + 2)

/* Clauses of one section share their heading path: the writer encodes it
 * once and copies the bytes while the path stays the same. */
typedef struct
{
  const char * const *path;     /* the last path encoded (borrowed) */
  Sink                encoded;  /* in memory */
} HeadingPathCache;

static void
append_heading_path (Sink               *out,
                     const char * const *path,
                     HeadingPathCache   *cache)
{
  if (cache->path == NULL || path == NULL
      || !g_strv_equal ((const char * const *) cache->path, path))
    {
      g_string_truncate (cache->encoded.buffer, 0);
      append_strv (&cache->encoded, path);
      cache->path = path;
    }
  put_len (out, cache->encoded.buffer->str, cache->encoded.buffer->len);
}

/* Version 2: one annotator's answer. */
static void
append_annotation (Sink         *out,
                   CmAnnotation *annotation)
{
  guint start, end;

  put_c (out, '{');
  KEY (out, "annotator");
  append_string (out, cm_annotation_get_annotator (annotation));
  put_c (out, ',');
  KEY (out, "labels");
  append_strv (out, cm_annotation_get_labels (annotation));
  put_c (out, ',');
  KEY (out, "status");
  append_string (out, cm_review_status_to_string (cm_annotation_get_status (annotation)));
  put_c (out, ',');
  KEY (out, "timestamp");
  append_string (out, cm_annotation_get_timestamp (annotation));
  put_c (out, ',');
  KEY (out, "note");
  append_string (out, cm_annotation_get_note (annotation));
  put_c (out, ',');
  KEY (out, "span");
  if (cm_annotation_get_span (annotation, &start, &end))
    {
      put_c (out, '[');
      append_uint (out, start);
      put_c (out, ',');
      append_uint (out, end);
      put_c (out, ']');
    }
  else
    put_len (out, "null", 4);
  put_c (out, '}');
}

/* Version 2's members of a clause: whether a curator settled its labels,
 * and every annotator's own answer. */
static void
append_team_members (Sink     *out,
                     CmClause *clause)
{
  guint n = cm_clause_get_n_annotations (clause);

  KEY (out, "adjudicated");
  put_str (out, cm_clause_get_adjudicated (clause) ? "true" : "false");
  put_c (out, ',');
  KEY (out, "annotations");
  put_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        put_c (out, ',');
      append_annotation (out, cm_clause_get_annotation (clause, i));
    }
  put_c (out, ']');
}

/* Version 2's flags: the current set, and each flag's probability. */
static void
append_flag_members (Sink     *out,
                     CmClause *clause)
{
  gboolean first = TRUE;

  KEY (out, "flags");
  put_c (out, '[');
  for (guint f = 0; f < CM_N_FLAGS; f++)
    if (cm_clause_has_flag (clause, f))
      {
        if (!first)
          put_c (out, ',');
        append_string (out, cm_flag_to_string (f));
        first = FALSE;
      }
  put_len (out, "],", 2);
  KEY (out, "flag_scores");
  put_c (out, '{');
  for (guint f = 0; f < CM_N_FLAGS; f++)
    {
      double score = cm_clause_get_flag_score (clause, f);

      if (f > 0)
        put_c (out, ',');
      append_string (out, cm_flag_to_string (f));
      put_c (out, ':');
      if (score < 0)
        put_len (out, "null", 4);
      else
        append_number (out, score);
    }
  put_c (out, '}');
}

static void
append_clause (Sink             *out,
               CmClause         *clause,
               HeadingPathCache *heading_paths)
{
  const CmSuggestion *suggestions;
  guint n_suggestions;
  double confidence;

  put_c (out, '{');
  KEY (out, "id");
  append_string (out, cm_clause_get_id (clause));
  put_c (out, ',');
  KEY (out, "start");
  append_uint (out, cm_clause_get_start (clause));
  put_c (out, ',');
  KEY (out, "end");
  append_uint (out, cm_clause_get_end (clause));
  put_c (out, ',');
  KEY (out, "kind");
  append_string (out, cm_clause_kind_to_string (cm_clause_get_kind (clause)));
  put_c (out, ',');
  KEY (out, "level");
  append_uint (out, cm_clause_get_level (clause));
  put_c (out, ',');
  KEY (out, "marker");
  append_string (out, cm_clause_get_marker (clause));
  put_c (out, ',');
  KEY (out, "heading_path");
  append_heading_path (out, cm_clause_get_heading_path (clause), heading_paths);
  put_c (out, ',');
  KEY (out, "language");
  append_string (out, cm_clause_get_language (clause));
  put_c (out, ',');
  KEY (out, "labels");
  append_strv (out, cm_clause_get_labels (clause));
  put_c (out, ',');

  KEY (out, "suggestions");
  put_c (out, '[');
  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  for (guint i = 0; i < n_suggestions; i++)
    {
      if (i > 0)
        put_c (out, ',');
      put_c (out, '{');
      KEY (out, "label");
      append_string (out, suggestions[i].label);
      put_c (out, ',');
      KEY (out, "score");
      append_number (out, suggestions[i].score);
      put_c (out, '}');
    }
  put_len (out, "],", 2);

  /* Negative means no model has seen the clause: null. */
  KEY (out, "confidence");
  confidence = cm_clause_get_confidence (clause);
  if (confidence < 0)
    put_len (out, "null", 4);
  else
    append_number (out, confidence);
  put_c (out, ',');
  KEY (out, "status");
  append_string (out, cm_review_status_to_string (cm_clause_get_status (clause)));
  put_c (out, ',');
  KEY (out, "reviewer");
  append_string (out, cm_clause_get_reviewer (clause));
  put_c (out, ',');
  KEY (out, "timestamp");
  append_string (out, cm_clause_get_timestamp (clause));
  put_c (out, ',');
  KEY (out, "note");
  append_string (out, cm_clause_get_note (clause));
  put_c (out, ',');
  append_team_members (out, clause);
  put_c (out, ',');
  KEY (out, "cut");
  append_string (out, cm_clause_get_cut (clause));
  put_c (out, ',');
  append_flag_members (out, clause);
  put_c (out, '}');
}

static void
append_pair (Sink       *out,
             CmDocument *document)
{
  GPtrArray *links = cm_document_get_links (document);

  KEY (out, "pair");
  put_c (out, '{');
  KEY (out, "partner");
  append_string (out, cm_document_get_partner_id (document));
  put_c (out, ',');
  KEY (out, "links");
  put_c (out, '[');
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (i > 0)
        put_c (out, ',');
      put_c (out, '{');
      KEY (out, "clauses");
      append_strv (out, (const char * const *) link->clauses);
      put_c (out, ',');
      KEY (out, "partner_clauses");
      append_strv (out, (const char * const *) link->partner_clauses);
      put_c (out, ',');
      KEY (out, "score");
      append_number (out, link->score);
      put_c (out, ',');
      KEY (out, "reviewed");
      put_str (out, link->reviewed ? "true" : "false");
      put_c (out, '}');
    }
  put_len (out, "]}", 2);
}

/* Writing a big document is bound by the first touch of each fresh page
 * of the output buffer (a page fault per 4 KiB). Where the kernel offers
 * transparent huge pages on request, ask for them: one fault per 2 MiB. */
static void
advise_huge_pages (GString *out)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr begin = ((guintptr) out->str + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) out->str + out->allocated_len) & ~(huge - 1);

  if (out->allocated_len >= 4 * huge && end > begin)
    madvise ((void *) begin, end - begin, MADV_HUGEPAGE);  /* a hint: failure is harmless */
#endif
}

/* The clauses' size in JSON, guessed from a sample of them written for
 * real (a tenth more, for the variation). */
static gsize
estimate_clauses_size (CmDocument *document,
                       guint       n_clauses)
{
  Sink sample;
  HeadingPathCache heading_paths;
  guint n_sample = MIN (n_clauses, 64);
  guint step;
  gsize size;

  if (n_sample == 0)
    return 0;
  sink_init_memory (&sample, n_sample * 512);
  heading_paths.path = NULL;
  sink_init_memory (&heading_paths.encoded, 0);
  step = n_clauses / n_sample;
  for (guint i = 0; i < n_sample; i++)
    append_clause (&sample, cm_document_get_clause (document, i * step), &heading_paths);
  size = (gsize) ((double) sample.buffer->len / n_sample * n_clauses * 1.1) + n_clauses;
  g_string_free (sample.buffer, TRUE);
  g_string_free (heading_paths.encoded.buffer, TRUE);
  return size;
}

/* Reviewers' overrides of checklist verdicts (cm-verdict-overrides.h):
 * only documents that have some carry the member. */
static void
append_verdict_overrides (Sink       *out,
                          GPtrArray  *overrides)
{
  KEY (out, "checklist_overrides");
  put_c (out, '[');
  for (guint i = 0; i < overrides->len; i++)
    {
      const CmVerdictOverride *o = g_ptr_array_index (overrides, i);

      if (i > 0)
        put_c (out, ',');
      put_c (out, '{');
      KEY (out, "checklist");
      append_string (out, o->checklist);
      put_c (out, ',');
      KEY (out, "item");
      append_string (out, o->item);
      put_c (out, ',');
      KEY (out, "verdict");
      append_string (out, o->verdict);
      put_c (out, ',');
      KEY (out, "note");
      append_string (out, o->note);
      put_c (out, ',');
      KEY (out, "reviewer");
      append_string (out, o->reviewer);
      put_c (out, ',');
      KEY (out, "timestamp");
      append_string (out, o->timestamp);
      put_c (out, '}');
    }
  put_c (out, ']');
}

/* Writes everything before the document's clauses, up to "clauses":[. */
static void
append_document_head (Sink       *out,
                      CmDocument *document)
{
  const char *text = cm_document_get_text (document);

  put_c (out, '{');
  KEY (out, "format");
  append_string (out, CM_FORMAT_NAME);
  put_c (out, ',');
  KEY (out, "version");
  append_uint (out, CM_FORMAT_VERSION);
  put_c (out, ',');
  KEY (out, "id");
  append_string (out, cm_document_get_id (document));
  put_c (out, ',');
  KEY (out, "title");
  append_string (out, cm_document_get_title (document));
  put_c (out, ',');
  KEY (out, "language");
  append_string (out, cm_document_get_language (document));
  put_c (out, ',');

  KEY (out, "source");
  put_c (out, '{');
  KEY (out, "path");
  append_string (out, cm_document_get_source_path (document));
  put_c (out, ',');
  KEY (out, "sha256");
  append_string (out, cm_document_get_source_sha256 (document));
  put_c (out, ',');
  KEY (out, "encoding");
  append_string (out, cm_document_get_source_encoding (document));
  put_c (out, ',');
  KEY (out, "loader");
  append_string (out, cm_document_get_source_loader (document));
  put_len (out, "},", 2);

  KEY (out, "taxonomy");
  append_string (out, cm_document_get_taxonomy_id (document));
  put_c (out, ',');
  KEY (out, "granularity");
  append_string (out, cm_granularity_to_string (cm_document_get_granularity (document)));
  put_c (out, ',');
  /* cm_document_new() validated the text: skip the second UTF-8 pass. */
  KEY (out, "text");
  append_string_valid (out, text, cm_document_get_text_size (document));
  put_c (out, ',');

  KEY (out, "clauses");
  put_c (out, '[');
}

/* Writes everything after the document's clauses, from their "]". */
static void
append_document_tail (Sink       *out,
                      CmDocument *document)
{
  GPtrArray *overrides;

  put_c (out, ']');
  overrides = cm_document_get_verdict_overrides (document);
  if (overrides->len > 0)
    {
      put_c (out, ',');
      append_verdict_overrides (out, overrides);
    }
  if (cm_document_get_partner_id (document) != NULL || cm_document_get_links (document)->len > 0)
    {
      put_c (out, ',');
      append_pair (out, document);
    }
  put_c (out, '}');
}

/* Writes the whole document to @out. */
static void
append_document (Sink       *out,
                 CmDocument *document)
{
  HeadingPathCache heading_paths;
  guint n_clauses = cm_document_get_n_clauses (document);

  append_document_head (out, document);
  heading_paths.path = NULL;
  sink_init_memory (&heading_paths.encoded, 0);
  for (guint i = 0; i < n_clauses; i++)
    {
      if (i > 0)
        put_c (out, ',');
      append_clause (out, cm_document_get_clause (document, i), &heading_paths);
    }
  g_string_free (heading_paths.encoded.buffer, TRUE);
  append_document_tail (out, document);
}

/**
 * cm_document_to_json:
 * @length: (out) (optional): the length of the result in bytes
 *
 * Serialises @document as one line of JSON (no newline inside, so that a
 * document fits a JSON Lines stream).
 *
 * Returns: (transfer full): the JSON text.
 */
char *
cm_document_to_json (CmDocument *document,
                     gsize      *length)
{
  Sink out;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  /* One allocation of the right size: growing a 100 MB buffer by copying
   * costs as much as writing it. */
  sink_init_memory (&out, cm_document_get_text_size (document) + 1024
                    + estimate_clauses_size (document, cm_document_get_n_clauses (document)));
  advise_huge_pages (out.buffer);
  append_document (&out, document);

  out.buffer->str[out.buffer->len] = '\0';  /* reserve() always keeps room for it */
  if (length != NULL)
    *length = out.buffer->len;
  return g_string_free (out.buffer, FALSE);
}

/* A CmFileWriter: streams the document into the temporary file. */
static gboolean
write_document (int        fd,
                gpointer   user_data,
                GError   **error)
{
  Sink out;

  sink_init_file (&out, fd);
  append_document (&out, CM_DOCUMENT (user_data));
  return sink_finish_file (&out, error);
}

/**
 * cm_document_write_fd:
 * @fd: where to write (a pipe, stdout; not closed)
 *
 * Writes cm_document_to_json()'s output to @fd through a 1 MB buffer,
 * never holding the whole JSON (a JSON Lines stream of large records).
 *
 * Returns: FALSE with a G_FILE_ERROR when a write fails.
 */
gboolean
cm_document_write_fd (CmDocument  *document,
                      int          fd,
                      GError     **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);

  return write_document (fd, document, error);
}

/* A document written as its clauses come (cm_document_save_streamed()). */
struct _CmDocumentStream
{
  CmDocument       *head;
  Sink              out;
  HeadingPathCache  heading_paths;
  CmClause         *last;   /* the last clause written: keeps the cached heading path alive */
  CmStructureCheck  check;
  CmStreamTotals    totals;
};

static gboolean check_head               (CmDocument  *document,
                                          GError     **error);
static gboolean check_clause_identifiers (const char  *id,
                                          guint        i,
                                          CmClause    *clause,
                                          GError     **error);
static gboolean check_replaceable        (const char  *path,
                                          GError     **error);

/**
 * cm_document_stream_add_clause:
 *
 * Writes @clause as the stream's next one, after checking it as
 * cm_document_check() would in the whole document.
 *
 * Returns: FALSE with @error (CM_ERROR_INVALID) when it breaks a rule;
 * nothing more may then be added.
 */
gboolean
cm_document_stream_add_clause (CmDocumentStream  *stream,
                               CmClause          *clause,
                               GError           **error)
{
  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (CM_IS_CLAUSE (clause), FALSE);

  if (!check_clause_identifiers (cm_document_get_id (stream->head), stream->totals.n_clauses,
                                 clause, error)
      || !cm_structure_check_clause (&stream->check, clause, error))
    return FALSE;
  if (stream->totals.n_clauses > 0)
    put_c (&stream->out, ',');
  append_clause (&stream->out, clause, &stream->heading_paths);
  g_set_object (&stream->last, clause);
  stream->totals.n_clauses++;
  stream->totals.n_reviewed += cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED;
  return TRUE;
}

typedef struct
{
  CmDocument       *head;
  CmClauseProducer  producer;
  gpointer          user_data;
  CmStreamTotals   *totals;
} StreamJob;

/* A CmFileWriter: the head, the producer's clauses, the tail. */
static gboolean
write_streamed (int        fd,
                gpointer   user_data,
                GError   **error)
{
  StreamJob *job = user_data;
  CmDocumentStream stream = { job->head, };
  gboolean ok;

  sink_init_file (&stream.out, fd);
  sink_init_memory (&stream.heading_paths.encoded, 0);
  cm_structure_check_init (&stream.check, cm_document_get_id (job->head),
                           cm_document_get_n_chars (job->head), TRUE);
  append_document_head (&stream.out, job->head);
  ok = job->producer (&stream, job->user_data, error)
       && cm_structure_check_links (&stream.check, cm_document_get_links (job->head), error);
  if (ok)
    append_document_tail (&stream.out, job->head);
  cm_structure_check_clear (&stream.check);
  g_string_free (stream.heading_paths.encoded.buffer, TRUE);
  g_clear_object (&stream.last);
  if (job->totals != NULL)
    *job->totals = stream.totals;
  if (!ok)
    {
      g_string_free (stream.out.buffer, TRUE);
      g_clear_error (&stream.out.error);
      return FALSE;
    }
  return sink_finish_file (&stream.out, error);
}

/**
 * cm_document_write_streamed_fd:
 * @head: the document's members but its clauses (it should have none)
 * @producer: adds the clauses, in order, with cm_document_stream_add_clause()
 * @totals: (out) (optional): what was written
 *
 * Writes to @fd what cm_document_write_fd() writes for @head holding the
 * clauses @producer adds, holding only what the producer holds: a
 * pipeline that makes clauses a few thousand at a time never has them all.
 */
gboolean
cm_document_write_streamed_fd (CmDocument        *head,
                               int                fd,
                               CmClauseProducer   producer,
                               gpointer           user_data,
                               CmStreamTotals    *totals,
                               GError           **error)
{
  StreamJob job = { head, producer, user_data, totals };

  g_return_val_if_fail (CM_IS_DOCUMENT (head), FALSE);
  g_return_val_if_fail (fd >= 0 && producer != NULL, FALSE);

  if (!check_head (head, error))
    return FALSE;
  return write_streamed (fd, &job, error);
}

/**
 * cm_document_save_streamed:
 * @batch: (nullable): as cm_document_save_to_batch(); %NULL: as
 *   cm_document_save()
 *
 * cm_document_save() of @head holding the clauses @producer adds (see
 * cm_document_write_streamed_fd()), as atomic: a failing producer or a
 * broken rule leaves the previous file, never half of the new one.
 */
gboolean
cm_document_save_streamed (CmDocument        *head,
                           const char        *path,
                           CmAtomicBatch     *batch,
                           CmClauseProducer   producer,
                           gpointer           user_data,
                           CmStreamTotals    *totals,
                           GError           **error)
{
  StreamJob job = { head, producer, user_data, totals };

  g_return_val_if_fail (CM_IS_DOCUMENT (head), FALSE);
  g_return_val_if_fail (path != NULL && producer != NULL, FALSE);

  if (!check_head (head, error) || !check_replaceable (path, error))
    return FALSE;
  if (batch != NULL)
    return cm_atomic_batch_add_with (batch, path, TRUE, write_streamed, &job, error);
  return cm_write_file_atomically_with (path, TRUE, write_streamed, &job, error);
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */
/* ------------------------------------------------------------------ */

/* The rules of the format that hold across clauses, one clause at a time:
 * text order without overlap, unique ids; then links naming clauses that
 * exist. */
void
cm_structure_check_init (CmStructureCheck *check,
                         const char       *name,
                         guint             n_chars,
                         gboolean          copy_ids)
{
  check->name = name;
  check->n_chars = n_chars;
  check->previous_end = 0;
  check->ids = g_hash_table_new_full (g_str_hash, g_str_equal, copy_ids ? g_free : NULL, NULL);
  check->numbered = g_array_new (FALSE, TRUE, sizeof (guint64));
  check->copy_ids = copy_ids;
}

void
cm_structure_check_clear (CmStructureCheck *check)
{
  g_clear_pointer (&check->ids, g_hash_table_unref);
  g_clear_pointer (&check->numbered, g_array_unref);
}

/* The n of an id "c<n>" as the segmenter writes them (no leading zero,
 * n < 10^9), or 0. */
static guint
numbered_id (const char *id)
{
  guint n = 0, digits = 0;

  if (id[0] != 'c' || id[1] < '1' || id[1] > '9')
    return 0;
  for (const char *p = id + 1; *p != '\0'; p++, digits++)
    {
      if (!g_ascii_isdigit (*p) || digits == 9)
        return 0;
      n = n * 10 + (guint) (*p - '0');
    }
  return n;
}

static gboolean
structure_check_has_id (CmStructureCheck *check,
                        const char       *id)
{
  guint n = numbered_id (id);

  if (n == 0)
    return g_hash_table_contains (check->ids, id);
  return n / 64 < check->numbered->len
         && (g_array_index (check->numbered, guint64, n / 64) >> (n % 64) & 1) != 0;
}

static void
structure_check_add_id (CmStructureCheck *check,
                        const char       *id)
{
  guint n = numbered_id (id);

  if (n == 0)
    {
      g_hash_table_add (check->ids, check->copy_ids ? g_strdup (id) : (gpointer) id);
      return;
    }
  if (n / 64 >= check->numbered->len)
    g_array_set_size (check->numbered, MAX (n / 64 + 1, check->numbered->len * 2));
  g_array_index (check->numbered, guint64, n / 64) |= G_GUINT64_CONSTANT (1) << (n % 64);
}

gboolean
cm_structure_check_clause (CmStructureCheck  *check,
                           CmClause          *clause,
                           GError           **error)
{
  const char *id = cm_clause_get_id (clause);
  const char *name = check->name;

  if (cm_clause_get_end (clause) > check->n_chars)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: end %u is beyond the text (%u characters)", name, id,
                   cm_clause_get_end (clause), check->n_chars);
      return FALSE;
    }
  if (cm_clause_get_start (clause) < check->previous_end)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %s: starts at %u, before the previous clause ends (%u): "
                   "clauses must be in text order and must not overlap", name, id,
                   cm_clause_get_start (clause), check->previous_end);
      return FALSE;
    }
  if (structure_check_has_id (check, id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: clause %s: the id is used twice",
                   name, id);
      return FALSE;
    }
  structure_check_add_id (check, id);
  if (!cm_document_rules_check_clause (name, clause, error))
    return FALSE;
  check->previous_end = cm_clause_get_end (clause);
  return TRUE;
}

gboolean
cm_structure_check_links (CmStructureCheck  *check,
                          GPtrArray         *links,
                          GError           **error)
{
  if (!cm_document_rules_check_links (check->name, links, error))
    return FALSE;
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      for (guint j = 0; link->clauses[j] != NULL; j++)
        if (!structure_check_has_id (check, link->clauses[j]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                         "%s: link %u: clause %s does not exist in this document", check->name,
                         i + 1, link->clauses[j]);
            return FALSE;
          }
    }
  return TRUE;
}

/* All of them, over clauses in memory. */
gboolean
cm_document_io_check_structure (const char  *name,
                                CmClause   **clauses,
                                guint        n_clauses,
                                guint        n_chars,
                                GPtrArray   *links,
                                GError     **error)
{
  CmStructureCheck check;
  gboolean ok = TRUE;

  cm_structure_check_init (&check, name, n_chars, FALSE);
  for (guint i = 0; i < n_clauses && ok; i++)
    ok = cm_structure_check_clause (&check, clauses[i], error);
  ok = ok && cm_structure_check_links (&check, links, error);
  cm_structure_check_clear (&check);
  return ok;
}

static gboolean
strv_has_empty (const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strv[i][0] == '\0')
      return TRUE;
  return FALSE;
}

/* Clause @i's ids, language and labels (see check_identifiers()). */
static gboolean
check_clause_identifiers (const char  *id,
                          guint        i,
                          CmClause    *clause,
                          GError     **error)
{
  const CmSuggestion *suggestions;
  guint n_suggestions;

  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  if (cm_clause_get_id (clause)[0] == '\0' || cm_clause_get_language (clause)[0] == '\0'
      || strv_has_empty (cm_clause_get_labels (clause)))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: clause %u (“%s”): empty id, language or label", id, i + 1,
                   cm_clause_get_id (clause));
      return FALSE;
    }
  for (guint j = 0; j < n_suggestions; j++)
    if (suggestions[j].label == NULL || suggestions[j].label[0] == '\0')
      {
        g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: clause %s: a suggestion has no label",
                     id, cm_clause_get_id (clause));
        return FALSE;
      }
  return TRUE;
}

/* Ids, languages and labels name things: the reader refuses them empty,
 * so the writer must not produce them. */
static gboolean
check_identifiers (CmDocument  *document,
                   GError     **error)
{
  const char *id = cm_document_get_id (document);
  GPtrArray *links = cm_document_get_links (document);
  guint n = cm_document_get_n_clauses (document);

  if (id[0] == '\0' || cm_document_get_language (document)[0] == '\0'
      || cm_document_get_taxonomy_id (document)[0] == '\0'
      || (cm_document_get_partner_id (document) != NULL
          && cm_document_get_partner_id (document)[0] == '\0'))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Document “%s”: the id, language, taxonomy and partner must not be empty", id);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!check_clause_identifiers (id, i, cm_document_get_clause (document, i), error))
      return FALSE;
  if (links->len > 0 && cm_document_get_partner_id (document) == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "Document “%s” has alignment links but no partner", id);
      return FALSE;
    }
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (strv_has_empty ((const char * const *) link->clauses)
          || strv_has_empty ((const char * const *) link->partner_clauses))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: link %u names an empty clause id",
                       id, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* The rules of the members before the clauses. */
static gboolean
check_header (CmDocument  *document,
              GError     **error)
{
  const char *sha256 = cm_document_get_source_sha256 (document);

  if (!cm_document_rules_check_header (cm_document_get_id (document), document, error))
    return FALSE;
  if (sha256 != NULL && !cm_document_io_is_sha256 (sha256))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: source sha256 “%s” is not 64 lower-case hexadecimal digits",
                   cm_document_get_id (document), sha256);
      return FALSE;
    }
  return TRUE;
}

/* The document's identifiers (its clauses' too) and the members before
 * the clauses. */
static gboolean
check_head (CmDocument  *document,
            GError     **error)
{
  return check_identifiers (document, error) && check_header (document, error);
}

/**
 * cm_document_check:
 *
 * Checks that @document keeps the rules of the format (clauses in text
 * order, not overlapping, inside the text, unique ids; links naming
 * existing clauses), so that what is saved can be loaded again.
 */
gboolean
cm_document_check (CmDocument  *document,
                   GError     **error)
{
  g_autofree CmClause **clauses = NULL;
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  n = cm_document_get_n_clauses (document);
  clauses = g_new (CmClause *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    clauses[i] = cm_document_get_clause (document, i);
  if (!check_head (document, error))
    return FALSE;
  return cm_document_io_check_structure (cm_document_get_id (document), clauses, n,
                                         cm_document_get_n_chars (document),
                                         cm_document_get_links (document), error);
}

/* ------------------------------------------------------------------ */
/* Sniffing and saving                                                 */
/* ------------------------------------------------------------------ */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
expect (const char *p,
        const char *end,
        const char *literal)
{
  gsize n = strlen (literal);

  p = skip_space (p, end);
  if ((gsize) (end - p) < n || memcmp (p, literal, n) != 0)
    return NULL;
  return p + n;
}

/* Our writer puts "format" and "version" first. If @head starts like that,
 * returns TRUE with the version; otherwise FALSE (which proves nothing:
 * the members may simply be in another order). */
static gboolean
sniff_head (const char *head,
            gsize       length,
            gint64     *version)
{
  const char *end = head + length;
  const char *p = head;
  guint64 v;
  char *number_end;
  g_autofree char *digits = NULL;
  const char *q;

  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  if ((p = expect (p, end, "{")) == NULL || (p = expect (p, end, "\"format\"")) == NULL
      || (p = expect (p, end, ":")) == NULL
      || (p = expect (p, end, "\"" CM_FORMAT_NAME "\"")) == NULL
      || (p = expect (p, end, ",")) == NULL || (p = expect (p, end, "\"version\"")) == NULL
      || (p = expect (p, end, ":")) == NULL)
    return FALSE;
  p = skip_space (p, end);
  for (q = p; q < end && g_ascii_isdigit (*q); q++)
    ;
  if (q == p || q == end || (*q != ',' && *q != '}' && !g_ascii_isspace (*q)) || q - p > 18)
    return FALSE;
  digits = g_strndup (p, q - p);
  v = g_ascii_strtoull (digits, &number_end, 10);
  *version = (gint64) v;
  return TRUE;
}

static gsize
read_head (const char *path,
           char       *buffer,
           gsize       size)
{
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return 0;
  n = fread (buffer, 1, size, file);
  fclose (file);
  return n;
}

gboolean
cm_path_is_document (const char *path)
{
  char head[4096];
  gsize n;
  gint64 version;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  n = read_head (path, head, sizeof head - 1);
  head[n] = '\0';
  if (sniff_head (head, n, &version))
    return TRUE;
  /* Hand-edited or foreign writers may order members differently. */
  return expect (head, head + n, "{") != NULL && strstr (head, "\"format\"") != NULL
         && strstr (head, "\"" CM_FORMAT_NAME "\"") != NULL;
}

/* May a save replace the file at @path? Only if it is absent or a
 * Clausemark document of a version we understand. */
static gboolean
check_replaceable (const char  *path,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) format_error = NULL;
  g_autofree char *contents = NULL;
  char head[256];
  gsize n, length;
  gint64 version;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: not a regular file; not overwriting it",
                   path);
      return FALSE;
    }
  n = read_head (path, head, sizeof head);
  if (sniff_head (head, n, &version))
    {
      if (version <= CM_FORMAT_VERSION)
        return TRUE;
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (format version %" G_GINT64_FORMAT
                   "); refusing to overwrite it", path, version);
      return FALSE;
    }

  /* Not in our writer's shape: read it properly before deciding. */
  contents = cm_read_file_bounded (path, CM_READ_MAX_DOCUMENT, NULL, &length, &local_error);
  root = contents != NULL ? cm_json_parse_guarded (contents, length, path, &local_error) : NULL;
  if (root == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: exists and is not a Clausemark document; refusing to overwrite it",
                   path);
      return FALSE;
    }
  if (!cm_document_io_check_format (path, root, &format_error))
    {
      if (g_error_matches (format_error, CM_ERROR, CM_ERROR_INVALID))
        return TRUE;  /* ours, but broken: the backup keeps it */
      g_set_error (error, CM_ERROR, format_error->code, "%s; refusing to overwrite it",
                   format_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cm_document_save (CmDocument  *document,
                  const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never write what cannot be read back, never replace what is not ours. */
  if (!cm_document_check (document, error) || !check_replaceable (path, error))
    return FALSE;
  return cm_write_file_atomically_with (path, TRUE, write_document, document, error);
}

gboolean
cm_document_save_recovery (CmDocument  *document,
                           const char  *path,
                           GError     **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cm_document_check (document, error))
    return FALSE;
  return cm_replace_file_unsynced_with (path, write_document, document, error);
}

gboolean
cm_document_save_to_batch (CmDocument     *document,
                           const char     *path,
                           CmAtomicBatch  *batch,
                           GError        **error)
{
  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (!cm_document_check (document, error) || !check_replaceable (path, error))
    return FALSE;
  return cm_atomic_batch_add_with (batch, path, TRUE, write_document, document, error);
}
