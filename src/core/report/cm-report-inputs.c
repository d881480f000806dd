/* cm-report-inputs.c — the documents a report or checklist is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-report-inputs"

#include "config.h"

#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-report-inputs.h"

static gboolean
open_corpus (const char              *path,
             const CmAnnotateOptions *options,
             GPtrArray               *documents,
             GError                 **error)
{
  g_autoptr(CmCorpus) corpus = cm_corpus_open (path, FALSE, error);
  g_auto(GStrv) files = NULL;

  if (corpus == NULL)
    return FALSE;
  files = cm_corpus_list_documents (corpus);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *file = g_build_filename (path, files[i], NULL);
      CmDocument *document = cm_document_load (file, error);

      if (document == NULL)
        return FALSE;
      if (options->flagger != NULL)
        cm_flagger_flag_document (options->flagger, document);
      g_ptr_array_add (documents, document);
    }
  return TRUE;
}

gboolean
cm_report_open_path (const char              *path,
                     const CmAnnotateOptions *options,
                     GPtrArray               *documents,
                     GError                 **error)
{
  CmAnnotateOptions unflagged;
  CmDocument *document;

  g_return_val_if_fail (path != NULL && options != NULL && documents != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return open_corpus (path, options, documents, error);
  /* Flagged once below, whether labelled now or saved before flags existed. */
  unflagged = *options;
  unflagged.flagger = NULL;
  document = cm_annotate_file (path, &unflagged, NULL, error);
  if (document == NULL)
    return FALSE;
  if (options->flagger != NULL)
    cm_flagger_flag_document (options->flagger, document);
  g_ptr_array_add (documents, document);
  return TRUE;
}
