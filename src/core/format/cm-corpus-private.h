/* cm-corpus-private.h — shared by cm-corpus.c and cm-corpus-manifest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-corpus.h"
#include "cm-document-io.h"

G_BEGIN_DECLS

#define CORPUS_FORMAT  "clausemark-corpus"
#define CORPUS_VERSION 2

typedef struct
{
  char  *id;
  char  *file;      /* relative to the folder */
  char  *language;
  char  *partner;   /* nullable */
  guint  n_clauses;
  guint  n_reviewed;
} Entry;

/* Documents per file-system sync in batch mode: few enough that a crash
 * loses little work, many enough that the syncs cost little. */
#define BATCH_FILES 256

struct _CmCorpus
{
  GObject     parent_instance;

  char       *directory;
  char       *name;
  char       *created;   /* ISO 8601, UTC */
  GHashTable *entries;   /* id -> Entry */
  gboolean    blind;     /* annotators must not see suggestions or others' labels */
  CmAtomicBatch *batch;  /* batch mode only */
};

void      cm_corpus_entry_free    (Entry        *entry);
char     *cm_corpus_manifest_path (CmCorpus     *self);
/* A document file name inside the folder: no separators, no way out. */
gboolean  cm_corpus_is_plain_file_name (const char *name);
/* Reads (once, bounded) and checks a manifest; fills @self when given. */
gboolean  cm_corpus_read_manifest (CmCorpus     *self,
                                   const char   *path,
                                   GError      **error);

G_END_DECLS
