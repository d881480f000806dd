/* cm-annotate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-annotate"

#include "config.h"

#include "cm-annotate.h"
#include "cm-annotate-private.h"
#include "cm-document-io.h"
#include "cm-segmenter.h"

void
cm_annotate_options_init (CmAnnotateOptions *options)
{
  g_return_if_fail (options != NULL);

  options->granularity = CM_GRANULARITY_SENTENCE;
  options->models = NULL;
  options->flagger = NULL;
  options->taxonomy = "privacy-11";
  options->chunk_size = CM_ANNOTATE_CHUNK_SIZE;
}

char *
cm_document_id_for_path (const char *path)
{
  g_autofree char *base = NULL;
  GString *id;
  char *dot;
  gboolean dash = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  /* Keep letters and digits of any script; everything else becomes one dash. */
  id = g_string_new (NULL);
  for (const char *p = base; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isalnum (c) || c == '_')
        {
          if (dash && id->len > 0)
            g_string_append_c (id, '-');
          g_string_append_unichar (id, g_unichar_tolower (c));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (id->len == 0)
    g_string_append (id, "document");
  return g_string_free (id, FALSE);
}

static char *
first_heading_text (CmDocument *document)
{
  guint n = MIN (cm_document_get_n_clauses (document), 20);

  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      if (cm_clause_get_kind (clause) == CM_CLAUSE_KIND_HEADING)
        return cm_document_dup_clause_text (document, clause);
    }
  return NULL;
}

/* The loader's link hints (byte offsets, text order) as the document's
 * links (code points). */
static void
set_document_links (CmDocument   *document,
                    CmLoadedText *loaded)
{
  g_autoptr(GArray) links = NULL;
  const char *text = cm_document_get_text (document);
  gsize size = cm_document_get_text_size (document);
  gsize byte = 0;
  guint chars = 0;

  if (loaded->links == NULL || loaded->links->len == 0)
    return;
  links = g_array_sized_new (FALSE, FALSE, sizeof (CmSourceLink), loaded->links->len);
  for (guint i = 0; i < loaded->links->len; i++)
    {
      const CmLinkHint *hint = &g_array_index (loaded->links, CmLinkHint, i);
      CmSourceLink link = { 0, 0, hint->url };

      if (hint->start < byte || hint->end > size || hint->end < hint->start)
        continue;  /* out of order: skipped rather than counted twice */
      chars += g_utf8_strlen (text + byte, hint->start - byte);
      link.start = chars;
      link.end = chars + g_utf8_strlen (text + hint->start, hint->end - hint->start);
      chars = link.end;
      byte = hint->end;
      g_array_append_val (links, link);
    }
  cm_document_set_source_links (document, (const CmSourceLink *) (gpointer) links->data, links->len);
}

CmDocument *
cm_annotate_new_head (CmLoadedText            *loaded,
                      const char              *id,
                      const CmAnnotateOptions *options,
                      gboolean                 take_text)
{
  CmDocument *document;
  g_autofree char *report = NULL;

  /* A policy of 100 MB: one copy of its text, not two. */
  if (take_text)
    {
      document = cm_document_new_take (id, g_steal_pointer (&loaded->text));
      loaded->size = 0;
    }
  else
    document = cm_document_new (id, loaded->text);
  cm_document_set_source (document, loaded->path, loaded->sha256, loaded->encoding,
                          loaded->loader);
  report = cm_loaded_text_dup_report (loaded);
  cm_document_set_load_report (document, report);
  set_document_links (document, loaded);
  cm_document_set_taxonomy_id (document, options->taxonomy ? options->taxonomy : "privacy-11");
  cm_document_set_granularity (document, options->granularity);
  return document;
}

void
cm_annotate_set_title (CmDocument   *document,
                       CmLoadedText *loaded,
                       char         *first_heading)
{
  g_autofree char *heading = first_heading;

  if (loaded->title != NULL)
    cm_document_set_title (document, loaded->title);
  else if (heading != NULL)
    cm_document_set_title (document, heading);
  else if (loaded->path != NULL)
    {
      g_autofree char *base = g_path_get_basename (loaded->path);
      cm_document_set_title (document, base);
    }
  else
    cm_document_set_title (document, NULL);
}

/* Segments, titles, labels and flags @document in one go. */
static void
segment_and_label (CmDocument              *document,
                   CmLoadedText            *loaded,
                   const CmAnnotateOptions *options)
{
  cm_segment_document (document,
                       loaded->blocks ? (const CmBlockHint *) (void *) loaded->blocks->data : NULL,
                       loaded->blocks ? loaded->blocks->len : 0,
                       options->granularity);
  if (loaded->languages != NULL)
    cm_segment_apply_declared_languages (document,
                                         (const CmLanguageHint *) (void *) loaded->languages->data,
                                         loaded->languages->len);
  cm_annotate_set_title (document, loaded,
                         loaded->title == NULL ? first_heading_text (document) : NULL);
  if (options->models != NULL)
    cm_model_set_annotate_document (options->models, document);
  if (options->flagger != NULL)
    cm_flagger_flag_document (options->flagger, document);
}

static CmDocument *
annotate_loaded (CmLoadedText            *loaded,
                 const char              *id,
                 const CmAnnotateOptions *options,
                 gboolean                 take_text)
{
  CmAnnotateOptions defaults;
  CmDocument *document;

  g_return_val_if_fail (loaded != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (options == NULL)
    {
      cm_annotate_options_init (&defaults);
      options = &defaults;
    }
  document = cm_annotate_new_head (loaded, id, options, take_text);
  segment_and_label (document, loaded, options);
  return document;
}

CmDocument *
cm_annotate_loaded (CmLoadedText            *loaded,
                    const char              *id,
                    const CmAnnotateOptions *options)
{
  return annotate_loaded (loaded, id, options, FALSE);
}

/**
 * cm_annotate_loaded_take:
 *
 * As cm_annotate_loaded(), moving @loaded's text into the document (it is
 * %NULL afterwards; the rest of @loaded stays).
 */
CmDocument *
cm_annotate_loaded_take (CmLoadedText            *loaded,
                         const char              *id,
                         const CmAnnotateOptions *options)
{
  return annotate_loaded (loaded, id, options, TRUE);
}

CmDocument *
cm_annotate_file (const char              *path,
                  const CmAnnotateOptions *options,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (cm_path_is_document (path))
    return cm_document_load (path, error);

  loaded = cm_loader_load_file (path, error);
  if (loaded == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  id = cm_document_id_for_path (path);
  return cm_annotate_loaded_take (loaded, id, options);
}

typedef struct
{
  char              *path;
  CmAnnotateOptions  options;
} AnnotateTaskData;

static void
annotate_task_data_free (AnnotateTaskData *data)
{
  g_free (data->path);
  g_clear_object (&data->options.models);
  g_clear_object (&data->options.flagger);
  g_free ((char *) data->options.taxonomy);
  g_free (data);
}

static void
annotate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AnnotateTaskData *data = task_data;
  GError *error = NULL;
  CmDocument *document;

  document = cm_annotate_file (data->path, &data->options, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/* Runs cm_annotate_file() in a worker thread; the options are copied. */
void
cm_annotate_file_async (const char              *path,
                        const CmAnnotateOptions *options,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  AnnotateTaskData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (AnnotateTaskData, 1);
  data->path = g_strdup (path);
  cm_annotate_options_init (&data->options);
  if (options != NULL)
    {
      data->options.granularity = options->granularity;
      data->options.models = options->models ? g_object_ref (options->models) : NULL;
      data->options.flagger = options->flagger ? g_object_ref (options->flagger) : NULL;
      if (options->taxonomy != NULL)
        data->options.taxonomy = options->taxonomy;
    }
  data->options.taxonomy = g_strdup (data->options.taxonomy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cm_annotate_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) annotate_task_data_free);
  g_task_run_in_thread (task, annotate_thread);
}

CmDocument *
cm_annotate_file_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
