/* cm-test-util.h — helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cm-document.h"

G_BEGIN_DECLS

/* ../shared beside the project, or NULL (after g_test_skip()) when absent. */
const char *cm_test_shared_dir      (void);
/* A path under ../shared; NULL (and the test skipped) when ../shared is absent. */
char       *cm_test_shared_path     (const char *first_element,
                                     ...) G_GNUC_NULL_TERMINATED;
/* A path under the project's data/ folder. */
char       *cm_test_data_path       (const char *first_element,
                                     ...) G_GNUC_NULL_TERMINATED;
/* A path under tests/fixtures/. */
char       *cm_test_fixture_path    (const char *name);
/* A fresh temporary directory, removed at exit. */
char       *cm_test_make_tmpdir     (void);
/* Writes data to dir/name and returns the path. */
char       *cm_test_write_file      (const char *dir,
                                     const char *name,
                                     const char *data,
                                     gssize      size);

/* Runs tests/validate-json.py (python3-jsonschema) on @file against
 * data/@schema_name: its exit status (0 valid), or -1 without python3. */
int         cm_test_validate_with_schema (const char *schema_name,
                                          const char *file);

/* Copies data/samples/@sample into @dir as @name; returns its path. */
char       *cm_test_copy_sample     (const char *dir,
                                     const char *sample,
                                     const char *name);

/* Adds copies of @links (CmLink *) to @all with each clause id prefixed by
 * "<policy>/", so links of many policies can be scored together. */
/* Writes into @dir a policy of @n numbered sentences (large-zh.txt) and
 * its English version (large-en.txt), a word-for-word rendering with every
 * 31st sentence left out; returns their paths. */
void        cm_test_write_large_pair (const char  *dir,
                                      guint        n,
                                      char       **zh_path,
                                      char       **en_path);

/* A deep copy of @links (CmLink *), which frees its links. */
GPtrArray  *cm_test_copy_links      (GPtrArray  *links);
/* @a and @b link the same clauses in the same order, reviewed alike, and
 * with @with_scores the same scores too. */
gboolean    cm_test_links_equal     (GPtrArray  *a,
                                     GPtrArray  *b,
                                     gboolean    with_scores);

void        cm_test_add_links_of_policy (GPtrArray *all,
                                         GPtrArray *links,
                                         guint      policy);

/* The "text" member of each object of the JSONL file @path (one a line; a
 * leading byte-order mark and empty lines skipped), in order; with @ids
 * (of gint64), their "id" members too. */
GPtrArray  *cm_test_read_jsonl_texts (const char *path,
                                      GArray     *ids);
/* The names of the files of @dir that end in @suffix, sorted. */
GPtrArray  *cm_test_list_files       (const char *dir,
                                      const char *suffix);
/* A document of @pieces, each a body clause of @language followed by a
 * line break; piece k gets the id @clause_ids[k]. */
CmDocument *cm_test_document_of_lines (const char *id,
                                       const char *language,
                                       GPtrArray  *pieces,
                                       GPtrArray  *clause_ids);

G_END_DECLS
