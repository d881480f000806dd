/* cm-cli-common.h — helpers shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cm-annotate.h"
#include "cm-document.h"
#include "cm-flags.h"
#include "cm-training-set.h"

G_BEGIN_DECLS

/* A one-line progress report on stderr, shown only when stderr is a terminal. */
typedef struct
{
  const char *what;
  guint       total;
  gboolean    enabled;
  gint64      last_update;
} CmCliProgress;

void cm_cli_progress_init   (CmCliProgress *progress,
                             const char    *what,
                             guint          total);
void cm_cli_progress_update (CmCliProgress *progress,
                             guint          done,
                             const char    *current);
void cm_cli_progress_finish (CmCliProgress *progress);

/* For qsort() and g_array_sort() of doubles, smallest first (benchmark medians). */
int      cm_cli_compare_doubles   (gconstpointer a,
                                   gconstpointer b);

/* Prints the JSON value @builder holds on stdout, pretty, with a newline. */
void     cm_cli_print_json        (JsonBuilder  *builder);
/* Adds member @name holding the strings of @strv (may be NULL: empty). */
void     cm_cli_json_add_strv     (JsonBuilder  *builder,
                                   const char   *name,
                                   char        **strv);

/* Reads a --label-order value (NULL: keep *order). FALSE, with the usage
 * error printed, unless it is "capp130" or "appsi139". */
gboolean cm_cli_parse_label_order (const char   *name,
                                   CmLabelOrder *order);

/* Adds a linked pair to the corpus in @dir (created if need be) and saves
 * its manifest. FALSE, with the error printed, on failure. */
/* "key,risk" -> flags (at most CM_N_FLAGS, no repeats); prints why not. */
gboolean cm_cli_parse_flags       (const char   *list,
                                   CmFlag       *flags,
                                   guint        *n_flags);

/* Annotate options with the bundled models and flagger (none with
 * @no_model), which @models / @flagger keep alive; prints why not. */
gboolean cm_cli_load_annotate_options (CmAnnotateOptions  *options,
                                       gboolean            no_model,
                                       CmModelSet        **models,
                                       CmFlagger         **flagger);

gboolean cm_cli_write_pair        (const char   *dir,
                                   CmDocument   *zh,
                                   CmDocument   *en);

/* Warns on stderr when @links (a document's, every clause of both sides
 * in one link) link too few clauses for two versions of one policy
 * (cm_links_summarize()). */
void     cm_cli_warn_if_unrelated (GPtrArray    *links);

G_END_DECLS
