/* cm-json-reader.h — a streaming (pull) JSON reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* No Clausemark format nests deeper than 8; 64 leaves room for notes of
 * other tools and bounds everything that walks a value. */
#define CM_JSON_MAX_DEPTH 64

typedef enum
{
  CM_JSON_TOKEN_ERROR,         /* the error was set; the reader is done */
  CM_JSON_TOKEN_END,           /* the value is complete (and nothing follows it) */
  CM_JSON_TOKEN_BEGIN_OBJECT,
  CM_JSON_TOKEN_END_OBJECT,
  CM_JSON_TOKEN_BEGIN_ARRAY,
  CM_JSON_TOKEN_END_ARRAY,
  CM_JSON_TOKEN_MEMBER,        /* a member name: cm_json_reader_get_string() */
  CM_JSON_TOKEN_STRING,
  CM_JSON_TOKEN_INT,
  CM_JSON_TOKEN_DOUBLE,
  CM_JSON_TOKEN_BOOLEAN,
  CM_JSON_TOKEN_NULL,
} CmJsonToken;

/* Where a token starts, to come back to it with cm_json_reader_seek(). */
typedef struct
{
  guint64 offset;
  guint64 line_start;
  guint   line;
} CmJsonMark;

typedef struct _CmJsonReader CmJsonReader;

CmJsonReader *cm_json_reader_new_for_data    (const char    *data,
                                              gsize          length,
                                              const char    *name);
CmJsonReader *cm_json_reader_new_for_fd      (int            fd,
                                              const char    *name);
void          cm_json_reader_free            (CmJsonReader  *self);

CmJsonToken   cm_json_reader_next            (CmJsonReader  *self,
                                              GError       **error);
const char   *cm_json_reader_get_string      (CmJsonReader  *self,
                                              gsize         *length);
char         *cm_json_reader_steal_string    (CmJsonReader  *self,
                                              gsize         *length);
gint64        cm_json_reader_get_int         (CmJsonReader  *self);
double        cm_json_reader_get_double      (CmJsonReader  *self);
gboolean      cm_json_reader_get_boolean     (CmJsonReader  *self);
guint         cm_json_reader_get_depth       (CmJsonReader  *self);
CmJsonMark    cm_json_reader_get_mark        (CmJsonReader  *self);

gboolean      cm_json_reader_skip_value      (CmJsonReader  *self,
                                              GError       **error);
JsonNode     *cm_json_reader_read_node       (CmJsonReader  *self,
                                              GError       **error);
gboolean      cm_json_reader_read_to_end     (CmJsonReader  *self,
                                              GError       **error);
void          cm_json_reader_seek            (CmJsonReader  *self,
                                              CmJsonMark     mark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmJsonReader, cm_json_reader_free)

G_END_DECLS
