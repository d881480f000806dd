/* cm-json-read-private.h — checked reading of parsed JSON, for the
 * document and clause readers
 *
 * Every helper names the file and the place (a clause, "source", a link)
 * in its errors, which are CM_ERROR_INVALID.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cm-clause.h"

G_BEGIN_DECLS

/* Where we are, for error messages: the file and, inside clauses, the
 * clause's id (or position until the id is known). */
typedef struct
{
  const char *name;
  char       *where;
} CmReadContext;

void      cm_read_set_invalid          (CmReadContext       *ctx,
                                        GError             **error,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (3, 4);
JsonNode *cm_read_require_member       (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char          *member,
                                        GError             **error);
/* The format is closed: refuses a member not in @known. */
gboolean  cm_read_check_members        (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char * const  *known,
                                        GError             **error);
gboolean  cm_read_is_string            (JsonNode            *node);
gboolean  cm_read_is_number            (JsonNode            *node);
/* With @nullable, null reads as NULL and "" is allowed; without, it must
 * be a non-empty string. */
gboolean  cm_read_string               (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char          *member,
                                        gboolean             nullable,
                                        const char         **out,
                                        GError             **error);
gboolean  cm_read_uint                 (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char          *member,
                                        guint               *out,
                                        GError             **error);
gboolean  cm_read_number               (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char          *member,
                                        double              *out,
                                        GError             **error);
/* An array of strings (non-empty strings unless @allow_empty). */
char    **cm_read_strv                 (CmReadContext       *ctx,
                                        JsonObject          *object,
                                        const char          *member,
                                        gboolean             allow_empty,
                                        GError             **error);
gboolean  cm_read_strv_has_duplicates  (char               **strv);

/* The @index-th element of a document's "clauses", of format @version
 * (1 or 2), checked (cm-clause-reader.c); NULL with @error set. */
CmClause  *cm_read_clause              (CmReadContext       *ctx,
                                        JsonNode            *node,
                                        guint                index,
                                        guint                n_chars,
                                        gint64               version,
                                        GError             **error);

G_END_DECLS
