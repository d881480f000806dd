/* cm-annotate-stream.c — annotate a big policy without holding all its
 * clauses: segment → label → write, a few thousand clauses at a time
 *
 * A 100 MB policy makes about 1.5 million clauses; as objects with their
 * texts, contexts and scores they took ten times the text. Here the text
 * segmented once into paragraphs, and its clauses made twice: a first
 * pass only counts them (what the document's head
 * says before the first clause: its language, the title from its first
 * heading, and the number of labelable clauses, which the position
 * feature reads), the second hands each clause over as it is made. A
 * chunk of clauses is labelled and flagged once the next labelable clause
 * is known (the models read the previous and next clause and a list's
 * lead-in up to 40 back: CM_CLAUSE_CONTEXT_REACH_BEFORE labelable clauses
 * are kept as context), then written through the atomic writer and
 * dropped. The output is byte for byte cm_document_to_json()'s of
 * cm_annotate_loaded() (tests/test-annotate-stream.c).
 *
 * A model with a second stage (cm-stacker.h) also reads the previous and
 * next clause and the mean score of the clause's whole section, which a
 * chunk may not hold. With one, the chunks are made twice: the first time
 * only to gather, per model, what each chunk's edges need (the scores of
 * the neighbours across them, the score sums of the sections that run over
 * them: cm-stack-windows.h), the second time to label and write. Without
 * one there is no such pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-annotate"

#include "config.h"

#include "cm-annotate.h"
#include "cm-annotate-private.h"
#include "cm-clause-context.h"
#include "cm-segmenter.h"
#include "cm-stack-windows.h"

typedef struct
{
  CmDocument              *head;
  CmSegmentation          *segmentation;
  CmLoadedText            *loaded;
  CmDeclaredLanguages     *declared;      /* the source's lang attributes, or NULL */
  const CmAnnotateOptions *options;
  CmDocumentStream        *stream;
  guint                    chunk_size;
  guint                    n_labelable;   /* in the whole document */
  GPtrArray               *pending;       /* of CmClause: made, not yet dropped */
  guint                    n_margin;      /* pending[0, n_margin): written, kept as context */
  guint                    n_written_labelable;
  GError                  *error;         /* the first failure; later clauses are dropped */
  CmStackWindows          *topic_stack;   /* the models' second stage, or NULL */
  CmStackWindows          *flag_stack;    /* the flag models', or NULL */
  gboolean                 gathering;     /* the first pass: gather for them, write nothing */
  CmAnnotateTotals        *totals;
} Pipeline;

/* Labels, flags and writes pending[n_margin, core_end), then keeps the
 * last labelable clauses as the next chunk's context. */
static void
flush_chunk (Pipeline *pipeline,
             guint     core_end)
{
  GPtrArray *pending = pipeline->pending;
  g_autoptr(CmClauseContexts) contexts = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  guint n_core_labelable = 0, first, margin_start, n_kept = 0;

  for (guint i = pipeline->n_margin; i < core_end; i++)
    n_core_labelable += cm_clause_is_labelable (g_ptr_array_index (pending, i));
  first = pipeline->n_margin;
  contexts = cm_clause_contexts_new_for_window (pipeline->head, (CmClause **) pending->pdata,
                                                pending->len,
                                                pipeline->n_written_labelable - pipeline->n_margin,
                                                pipeline->n_labelable);
  if (pipeline->gathering)
    {
      if (pipeline->topic_stack != NULL)
        cm_model_set_gather_window (pipeline->options->models, pipeline->head, contexts, first,
                                    first + n_core_labelable, pipeline->topic_stack);
      if (pipeline->flag_stack != NULL)
        cm_flagger_gather_window (pipeline->options->flagger, pipeline->head, contexts, first,
                                  first + n_core_labelable, pipeline->flag_stack);
    }
  else
    {
      if (pipeline->options->models != NULL)
        cm_model_set_annotate_window (pipeline->options->models, pipeline->head, contexts, first,
                                      first + n_core_labelable, pipeline->topic_stack);
      if (pipeline->options->flagger != NULL)
        cm_flagger_flag_window (pipeline->options->flagger, pipeline->head, contexts, first,
                                first + n_core_labelable, pipeline->flag_stack);
    }
  g_clear_pointer (&contexts, cm_clause_contexts_free);

  for (guint i = pipeline->n_margin;
       i < core_end && pipeline->error == NULL && !pipeline->gathering; i++)
    cm_document_stream_add_clause (pipeline->stream, g_ptr_array_index (pending, i),
                                   &pipeline->error);
  pipeline->n_written_labelable += n_core_labelable;

  /* The new margin: the last labelable clauses written. */
  for (margin_start = core_end; margin_start > 0 && n_kept < CM_CLAUSE_CONTEXT_REACH_BEFORE;
       margin_start--)
    n_kept += cm_clause_is_labelable (g_ptr_array_index (pending, margin_start - 1));
  kept = g_ptr_array_new_full (pending->len - core_end + n_kept, g_object_unref);
  for (guint i = margin_start; i < core_end; i++)
    if (cm_clause_is_labelable (g_ptr_array_index (pending, i)))
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (pending, i)));
  pipeline->n_margin = kept->len;
  for (guint i = core_end; i < pending->len; i++)
    g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (pending, i)));
  g_ptr_array_set_size (pending, 0);
  g_ptr_array_extend_and_steal (pending, g_steal_pointer (&kept));
}

/* A CmSegmentFunc. A clause can be labelled once the next labelable one
 * is known: a full chunk goes when a labelable clause follows it. */
static void
take_clause (CmClause *clause,
             gpointer  user_data)
{
  Pipeline *pipeline = user_data;
  GPtrArray *pending = pipeline->pending;

  if (pipeline->error != NULL)
    {
      g_object_unref (clause);
      return;
    }
  if (pipeline->declared != NULL)
    cm_declared_languages_apply (pipeline->declared, clause);
  g_ptr_array_add (pending, clause);
  if (pipeline->totals != NULL)
    {
      pipeline->totals->peak_pending = MAX (pipeline->totals->peak_pending, pending->len);
      pipeline->totals->peak_live_clauses = MAX (pipeline->totals->peak_live_clauses,
                                                 cm_clause_count_live ());
    }
  if (pending->len - pipeline->n_margin > pipeline->chunk_size && cm_clause_is_labelable (clause))
    flush_chunk (pipeline, pending->len - 1);
}

/* One pass of the segmenter through the chunks. */
static void
run_chunks (Pipeline *pipeline)
{
  CmLoadedText *loaded = pipeline->loaded;
  g_autoptr(CmDeclaredLanguages) declared = NULL;
  CmSegmentSummary summary;

  if (loaded->languages != NULL && loaded->languages->len > 0)
    declared = cm_declared_languages_new (pipeline->head, (const CmLanguageHint *) (void *)
                                                          loaded->languages->data,
                                          loaded->languages->len);
  pipeline->declared = declared;
  pipeline->n_margin = 0;
  pipeline->n_written_labelable = 0;
  cm_segmentation_emit (pipeline->segmentation, pipeline->options->granularity, take_clause,
                        pipeline, &summary);
  if (pipeline->error == NULL)
    flush_chunk (pipeline, pipeline->pending->len);
  g_ptr_array_set_size (pipeline->pending, 0);
  pipeline->declared = NULL;
}

/* A CmClauseProducer: the last pass of the segmenter, labelling and
 * writing the chunks. */
static gboolean
produce_clauses (CmDocumentStream  *stream,
                 gpointer           user_data,
                 GError           **error)
{
  Pipeline *pipeline = user_data;

  pipeline->stream = stream;
  run_chunks (pipeline);
  pipeline->stream = NULL;
  if (pipeline->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pipeline->error));
      return FALSE;
    }
  return TRUE;
}

/* Where the streamed document goes: a corpus, or a descriptor. */
typedef struct
{
  CmCorpus *corpus;
  int       fd;
} Destination;

static gboolean
write_to (const Destination *destination,
          CmDocument        *head,
          CmClauseProducer   producer,
          gpointer           user_data,
          GError           **error)
{
  if (destination->corpus != NULL)
    return cm_corpus_add_streamed (destination->corpus, head, producer, user_data, error);
  return cm_document_write_streamed_fd (head, destination->fd, producer, user_data, NULL, error);
}

static gboolean
annotate_streamed (CmLoadedText            *loaded,
                   const char              *id,
                   const CmAnnotateOptions *options,
                   const Destination       *destination,
                   CmAnnotateTotals        *totals,
                   GError                 **error)
{
  CmAnnotateOptions defaults;
  g_autoptr(CmDocument) head = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(CmSegmentation) segmentation = NULL;
  g_autoptr(CmStackWindows) topic_stack = NULL;
  g_autoptr(CmStackWindows) flag_stack = NULL;
  g_autofree char *heading = NULL;
  CmSegmentSummary summary;
  const GArray *blocks = loaded->blocks;
  Pipeline pipeline = { 0, };
  gboolean ok;

  if (options == NULL)
    {
      cm_annotate_options_init (&defaults);
      options = &defaults;
    }
  if (totals != NULL)
    memset (totals, 0, sizeof *totals);

  head = cm_annotate_new_head (loaded, id, options, TRUE);

  /* First pass: what the head says before the first clause. */
  segmentation = cm_segmentation_new (head,
                                      blocks ? (const CmBlockHint *) (void *) blocks->data : NULL,
                                      blocks ? blocks->len : 0);
  cm_segmentation_emit (segmentation, options->granularity, NULL, NULL, &summary);
  cm_document_set_language (head, summary.language);
  if (summary.has_heading)
    heading = g_strndup (cm_document_get_text (head) + summary.heading_start,
                         summary.heading_end - summary.heading_start);
  cm_annotate_set_title (head, loaded, g_steal_pointer (&heading));

  pending = g_ptr_array_new_with_free_func (g_object_unref);
  pipeline.head = head;
  pipeline.segmentation = segmentation;
  pipeline.loaded = loaded;
  pipeline.options = options;
  pipeline.chunk_size = options->chunk_size > 0 ? options->chunk_size : CM_ANNOTATE_CHUNK_SIZE;
  pipeline.n_labelable = summary.n_labelable;
  pipeline.pending = pending;
  pipeline.totals = totals;
  if (options->models != NULL && cm_model_set_has_second_stage (options->models))
    topic_stack = cm_stack_windows_new ();
  if (options->flagger != NULL && cm_flagger_has_second_stage (options->flagger))
    flag_stack = cm_stack_windows_new ();
  pipeline.topic_stack = topic_stack;
  pipeline.flag_stack = flag_stack;
  if (topic_stack != NULL || flag_stack != NULL)
    {
      /* Second pass, for the second stage: gather over the same chunks. */
      pipeline.gathering = TRUE;
      run_chunks (&pipeline);
      pipeline.gathering = FALSE;
    }
  ok = write_to (destination, head, produce_clauses, &pipeline, error);
  g_clear_error (&pipeline.error);
  if (totals != NULL)
    {
      totals->n_clauses = summary.n_clauses;
      totals->n_boilerplate = summary.n_clauses - summary.n_labelable;
    }
  return ok;
}

/**
 * cm_annotate_loaded_into_corpus:
 * @totals: (out) (optional): what was made
 *
 * Annotates @loaded as cm_annotate_loaded_take() does and adds the
 * document to @corpus as cm_corpus_add_document() would (the same file,
 * byte for byte), holding a few thousand clauses at a time
 * (@options->chunk_size): a 100 MB policy needs about three times its
 * size in memory, not ten. @loaded's text is taken.
 */
gboolean
cm_annotate_loaded_into_corpus (CmLoadedText            *loaded,
                                const char              *id,
                                const CmAnnotateOptions *options,
                                CmCorpus                *corpus,
                                CmAnnotateTotals        *totals,
                                GError                 **error)
{
  Destination destination = { corpus, -1 };

  g_return_val_if_fail (loaded != NULL && loaded->text != NULL && id != NULL, FALSE);
  g_return_val_if_fail (CM_IS_CORPUS (corpus), FALSE);

  return annotate_streamed (loaded, id, options, &destination, totals, error);
}

/**
 * cm_annotate_loaded_to_fd:
 *
 * As cm_annotate_loaded_into_corpus(), writing to @fd what
 * cm_document_write_fd() writes (one line of JSON, no newline).
 */
gboolean
cm_annotate_loaded_to_fd (CmLoadedText            *loaded,
                          const char              *id,
                          const CmAnnotateOptions *options,
                          int                      fd,
                          CmAnnotateTotals        *totals,
                          GError                 **error)
{
  Destination destination = { NULL, fd };

  g_return_val_if_fail (loaded != NULL && loaded->text != NULL && id != NULL, FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);

  return annotate_streamed (loaded, id, options, &destination, totals, error);
}
