/* cm-document-io.c — the Clausemark JSON document format, version 2
 *
 * Writing is hand-rolled (the annotate pipeline writes tens of megabytes a
 * second, JsonBuilder would be the bottleneck) into one GString for
 * cm_document_to_json(), or through a 1 MB buffer straight into the file
 * when saving. This file writes documents and their clauses; the buffer
 * and the JSON values are in cm-document-io-sink.c, the checks before a
 * save in cm-document-io-check.c, saving (atomic, refusing to replace what
 * is not ours) in cm-document-io-save.c, reading in cm-document-reader.c.
 * The format is described in the README ("JSON
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

#include <sys/mman.h>

#include "cm-document-io-private.h"
#include "cm-verdict-overrides.h"

/* Clauses of one section share their heading path: the writer encodes it
 * once and copies the bytes while the path stays the same. */
typedef struct
{
  const char * const *path;     /* the last path encoded (borrowed) */
  CmSink                encoded;  /* in memory */
} HeadingPathCache;

static void
append_heading_path (CmSink             *out,
                     const char * const *path,
                     HeadingPathCache   *cache)
{
  if (cache->path == NULL || path == NULL
      || !g_strv_equal ((const char * const *) cache->path, path))
    {
      g_string_truncate (cache->encoded.buffer, 0);
      cm_sink_append_strv (&cache->encoded, path);
      cache->path = path;
    }
  cm_sink_put_len (out, cache->encoded.buffer->str, cache->encoded.buffer->len);
}

/* Version 2: one annotator's answer. */
static void
append_annotation (CmSink       *out,
                   CmAnnotation *annotation)
{
  guint start, end;

  cm_sink_put_c (out, '{');
  CM_SINK_KEY (out, "annotator");
  cm_sink_append_string (out, cm_annotation_get_annotator (annotation));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "labels");
  cm_sink_append_strv (out, cm_annotation_get_labels (annotation));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "status");
  cm_sink_append_string (out, cm_review_status_to_string (cm_annotation_get_status (annotation)));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "timestamp");
  cm_sink_append_string (out, cm_annotation_get_timestamp (annotation));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "note");
  cm_sink_append_string (out, cm_annotation_get_note (annotation));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "span");
  if (cm_annotation_get_span (annotation, &start, &end))
    {
      cm_sink_put_c (out, '[');
      cm_sink_append_uint (out, start);
      cm_sink_put_c (out, ',');
      cm_sink_append_uint (out, end);
      cm_sink_put_c (out, ']');
    }
  else
    cm_sink_put_len (out, "null", 4);
  cm_sink_put_c (out, '}');
}

/* Version 2's members of a clause: whether a curator settled its labels,
 * and every annotator's own answer. */
static void
append_team_members (CmSink   *out,
                     CmClause *clause)
{
  guint n = cm_clause_get_n_annotations (clause);

  CM_SINK_KEY (out, "adjudicated");
  cm_sink_put_str (out, cm_clause_get_adjudicated (clause) ? "true" : "false");
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "annotations");
  cm_sink_put_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        cm_sink_put_c (out, ',');
      append_annotation (out, cm_clause_get_annotation (clause, i));
    }
  cm_sink_put_c (out, ']');
}

/* Version 2's flags: the current set, and each flag's probability. */
static void
append_flag_members (CmSink   *out,
                     CmClause *clause)
{
  gboolean first = TRUE;

  CM_SINK_KEY (out, "flags");
  cm_sink_put_c (out, '[');
  for (guint f = 0; f < CM_N_FLAGS; f++)
    if (cm_clause_has_flag (clause, f))
      {
        if (!first)
          cm_sink_put_c (out, ',');
        cm_sink_append_string (out, cm_flag_to_string (f));
        first = FALSE;
      }
  cm_sink_put_len (out, "],", 2);
  CM_SINK_KEY (out, "flag_scores");
  cm_sink_put_c (out, '{');
  for (guint f = 0; f < CM_N_FLAGS; f++)
    {
      double score = cm_clause_get_flag_score (clause, f);

      if (f > 0)
        cm_sink_put_c (out, ',');
      cm_sink_append_string (out, cm_flag_to_string (f));
      cm_sink_put_c (out, ':');
      if (score < 0)
        cm_sink_put_len (out, "null", 4);
      else
        cm_sink_append_number (out, score);
    }
  cm_sink_put_c (out, '}');
}

static void
append_clause (CmSink           *out,
               CmClause         *clause,
               HeadingPathCache *heading_paths)
{
  const CmSuggestion *suggestions;
  guint n_suggestions;
  double confidence;

  cm_sink_put_c (out, '{');
  CM_SINK_KEY (out, "id");
  cm_sink_append_string (out, cm_clause_get_id (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "start");
  cm_sink_append_uint (out, cm_clause_get_start (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "end");
  cm_sink_append_uint (out, cm_clause_get_end (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "kind");
  cm_sink_append_string (out, cm_clause_kind_to_string (cm_clause_get_kind (clause)));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "level");
  cm_sink_append_uint (out, cm_clause_get_level (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "marker");
  cm_sink_append_string (out, cm_clause_get_marker (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "heading_path");
  append_heading_path (out, cm_clause_get_heading_path (clause), heading_paths);
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "language");
  cm_sink_append_string (out, cm_clause_get_language (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "labels");
  cm_sink_append_strv (out, cm_clause_get_labels (clause));
  cm_sink_put_c (out, ',');

  CM_SINK_KEY (out, "suggestions");
  cm_sink_put_c (out, '[');
  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  for (guint i = 0; i < n_suggestions; i++)
    {
      if (i > 0)
        cm_sink_put_c (out, ',');
      cm_sink_put_c (out, '{');
      CM_SINK_KEY (out, "label");
      cm_sink_append_string (out, suggestions[i].label);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "score");
      cm_sink_append_number (out, suggestions[i].score);
      cm_sink_put_c (out, '}');
    }
  cm_sink_put_len (out, "],", 2);

  /* Negative means no model has seen the clause: null. */
  CM_SINK_KEY (out, "confidence");
  confidence = cm_clause_get_confidence (clause);
  if (confidence < 0)
    cm_sink_put_len (out, "null", 4);
  else
    cm_sink_append_number (out, confidence);
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "status");
  cm_sink_append_string (out, cm_review_status_to_string (cm_clause_get_status (clause)));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "reviewer");
  cm_sink_append_string (out, cm_clause_get_reviewer (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "timestamp");
  cm_sink_append_string (out, cm_clause_get_timestamp (clause));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "note");
  cm_sink_append_string (out, cm_clause_get_note (clause));
  cm_sink_put_c (out, ',');
  append_team_members (out, clause);
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "cut");
  cm_sink_append_string (out, cm_clause_get_cut (clause));
  cm_sink_put_c (out, ',');
  append_flag_members (out, clause);
  cm_sink_put_c (out, '}');
}

static void
append_pair (CmSink     *out,
             CmDocument *document)
{
  GPtrArray *links = cm_document_get_links (document);

  CM_SINK_KEY (out, "pair");
  cm_sink_put_c (out, '{');
  CM_SINK_KEY (out, "partner");
  cm_sink_append_string (out, cm_document_get_partner_id (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "links");
  cm_sink_put_c (out, '[');
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (i > 0)
        cm_sink_put_c (out, ',');
      cm_sink_put_c (out, '{');
      CM_SINK_KEY (out, "clauses");
      cm_sink_append_strv (out, (const char * const *) link->clauses);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "partner_clauses");
      cm_sink_append_strv (out, (const char * const *) link->partner_clauses);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "score");
      cm_sink_append_number (out, link->score);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "reviewed");
      cm_sink_put_str (out, link->reviewed ? "true" : "false");
      cm_sink_put_c (out, '}');
    }
  cm_sink_put_len (out, "]}", 2);
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
  CmSink sample;
  HeadingPathCache heading_paths;
  guint n_sample = MIN (n_clauses, 64);
  guint step;
  gsize size;

  if (n_sample == 0)
    return 0;
  cm_sink_init_memory (&sample, n_sample * 512);
  heading_paths.path = NULL;
  cm_sink_init_memory (&heading_paths.encoded, 0);
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
append_verdict_overrides (CmSink     *out,
                          GPtrArray  *overrides)
{
  CM_SINK_KEY (out, "checklist_overrides");
  cm_sink_put_c (out, '[');
  for (guint i = 0; i < overrides->len; i++)
    {
      const CmVerdictOverride *o = g_ptr_array_index (overrides, i);

      if (i > 0)
        cm_sink_put_c (out, ',');
      cm_sink_put_c (out, '{');
      CM_SINK_KEY (out, "checklist");
      cm_sink_append_string (out, o->checklist);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "item");
      cm_sink_append_string (out, o->item);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "verdict");
      cm_sink_append_string (out, o->verdict);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "note");
      cm_sink_append_string (out, o->note);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "reviewer");
      cm_sink_append_string (out, o->reviewer);
      cm_sink_put_c (out, ',');
      CM_SINK_KEY (out, "timestamp");
      cm_sink_append_string (out, o->timestamp);
      cm_sink_put_c (out, '}');
    }
  cm_sink_put_c (out, ']');
}

/* Writes everything before the document's clauses, up to "clauses":[. */
static void
append_document_head (CmSink     *out,
                      CmDocument *document)
{
  const char *text = cm_document_get_text (document);

  cm_sink_put_c (out, '{');
  CM_SINK_KEY (out, "format");
  cm_sink_append_string (out, CM_FORMAT_NAME);
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "version");
  cm_sink_append_uint (out, CM_FORMAT_VERSION);
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "id");
  cm_sink_append_string (out, cm_document_get_id (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "title");
  cm_sink_append_string (out, cm_document_get_title (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "language");
  cm_sink_append_string (out, cm_document_get_language (document));
  cm_sink_put_c (out, ',');

  CM_SINK_KEY (out, "source");
  cm_sink_put_c (out, '{');
  CM_SINK_KEY (out, "path");
  cm_sink_append_string (out, cm_document_get_source_path (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "sha256");
  cm_sink_append_string (out, cm_document_get_source_sha256 (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "encoding");
  cm_sink_append_string (out, cm_document_get_source_encoding (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "loader");
  cm_sink_append_string (out, cm_document_get_source_loader (document));
  cm_sink_put_len (out, "},", 2);

  CM_SINK_KEY (out, "taxonomy");
  cm_sink_append_string (out, cm_document_get_taxonomy_id (document));
  cm_sink_put_c (out, ',');
  CM_SINK_KEY (out, "granularity");
  cm_sink_append_string (out, cm_granularity_to_string (cm_document_get_granularity (document)));
  cm_sink_put_c (out, ',');
  /* cm_document_new() validated the text: skip the second UTF-8 pass. */
  CM_SINK_KEY (out, "text");
  cm_sink_append_string_valid (out, text, cm_document_get_text_size (document));
  cm_sink_put_c (out, ',');

  CM_SINK_KEY (out, "clauses");
  cm_sink_put_c (out, '[');
}

/* Writes everything after the document's clauses, from their "]". */
static void
append_document_tail (CmSink     *out,
                      CmDocument *document)
{
  GPtrArray *overrides;

  cm_sink_put_c (out, ']');
  overrides = cm_document_get_verdict_overrides (document);
  if (overrides->len > 0)
    {
      cm_sink_put_c (out, ',');
      append_verdict_overrides (out, overrides);
    }
  if (cm_document_get_partner_id (document) != NULL || cm_document_get_links (document)->len > 0)
    {
      cm_sink_put_c (out, ',');
      append_pair (out, document);
    }
  cm_sink_put_c (out, '}');
}

/* Writes the whole document to @out. */
static void
append_document (CmSink     *out,
                 CmDocument *document)
{
  HeadingPathCache heading_paths;
  guint n_clauses = cm_document_get_n_clauses (document);

  append_document_head (out, document);
  heading_paths.path = NULL;
  cm_sink_init_memory (&heading_paths.encoded, 0);
  for (guint i = 0; i < n_clauses; i++)
    {
      if (i > 0)
        cm_sink_put_c (out, ',');
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
  CmSink out;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  /* One allocation of the right size: growing a 100 MB buffer by copying
   * costs as much as writing it. */
  cm_sink_init_memory (&out, cm_document_get_text_size (document) + 1024
                       + estimate_clauses_size (document, cm_document_get_n_clauses (document)));
  advise_huge_pages (out.buffer);
  append_document (&out, document);

  out.buffer->str[out.buffer->len] = '\0';  /* cm_sink_reserve() always keeps room for it */
  if (length != NULL)
    *length = out.buffer->len;
  return g_string_free (out.buffer, FALSE);
}

/* A CmFileWriter: streams the document into the temporary file. */
gboolean
cm_document_io_write_document (int        fd,
                               gpointer   user_data,
                               GError   **error)
{
  CmSink out;

  cm_sink_init_file (&out, fd);
  append_document (&out, CM_DOCUMENT (user_data));
  return cm_sink_finish_file (&out, error);
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

  return cm_document_io_write_document (fd, document, error);
}

/* A document written as its clauses come (cm_document_save_streamed()). */
struct _CmDocumentStream
{
  CmDocument       *head;
  CmSink              out;
  HeadingPathCache  heading_paths;
  CmClause         *last;   /* the last clause written: keeps the cached heading path alive */
  CmStructureCheck  check;
  CmStreamTotals    totals;
};

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

  if (!cm_document_io_check_clause_identifiers (cm_document_get_id (stream->head),
                                                stream->totals.n_clauses, clause, error)
      || !cm_structure_check_clause (&stream->check, clause, error))
    return FALSE;
  if (stream->totals.n_clauses > 0)
    cm_sink_put_c (&stream->out, ',');
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

  cm_sink_init_file (&stream.out, fd);
  cm_sink_init_memory (&stream.heading_paths.encoded, 0);
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
  return cm_sink_finish_file (&stream.out, error);
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

  if (!cm_document_io_check_head (head, error))
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

  if (!cm_document_io_check_head (head, error) || !cm_document_io_check_replaceable (path, error))
    return FALSE;
  if (batch != NULL)
    return cm_atomic_batch_add_with (batch, path, TRUE, write_streamed, &job, error);
  return cm_write_file_atomically_with (path, TRUE, write_streamed, &job, error);
}
