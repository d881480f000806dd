/* cm-json-reader-private.h — shared by the streaming JSON reader's files
 *
 * cm-json-reader.c (the window, errors, levels, grammar),
 * cm-json-reader-tokens.c (strings, numbers, literals) and
 * cm-json-reader-node.c (json-glib trees from the tokens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-json-reader.h"

G_BEGIN_DECLS

typedef enum
{
  STATE_START,            /* before the value: a byte order mark, emptiness */
  STATE_VALUE,            /* a value must come */
  STATE_VALUE_OR_CLOSE,   /* after "[" */
  STATE_MEMBER_OR_CLOSE,  /* after "{" */
  STATE_MEMBER,           /* after "," in an object */
  STATE_AFTER,            /* after a value */
  STATE_DONE,             /* END or ERROR was returned */
} State;

struct _CmJsonReader
{
  char        *name;

  /* The window on the input: all of it for data, a part for a file. */
  const char  *data;
  gsize        length;
  gsize        pos;
  guint64      window_offset;  /* of data[0] in the input */
  int          fd;             /* -1 for data */
  char        *buffer;         /* a file's window */
  gboolean     eof;
  int          read_errno;

  guint        line;
  guint64      line_start;     /* offset of the current line's first byte */

  GArray      *levels;         /* Level; entries past ->len kept for reuse */
  guint        depth;
  State        state;
  gboolean     fragment;       /* reading one value at a seek: nothing after it is checked */

  CmJsonToken  token;
  CmJsonMark   mark;           /* where the token starts */
  GString     *string;         /* a string's or member name's value, a number as written */
  gint64       int_value;
  double       double_value;
  gboolean     boolean_value;

  GError     **error;          /* during cm_json_reader_next() */
};

/* The window (cm-json-reader.c). */
void cm_json_reader_fill (CmJsonReader *self,
                          gsize         wanted);

/* How many bytes are there from the position on: at least @wanted (at
 * most 16) unless the input ends first. */
static inline gsize
ensure (CmJsonReader *self,
        gsize         wanted)
{
  if (G_UNLIKELY (self->length - self->pos < wanted) && !self->eof)
    cm_json_reader_fill (self, wanted);
  return self->length - self->pos;
}

static inline int
peek (CmJsonReader *self)
{
  return ensure (self, 1) > 0 ? (guchar) self->data[self->pos] : -1;
}

static inline guint64
offset_of (CmJsonReader *self,
           gsize         pos)
{
  return self->window_offset + pos;
}

/* Errors (cm-json-reader.c): set the error, end the reading, and return
 * CM_JSON_TOKEN_ERROR. */
CmJsonToken cm_json_reader_fail_at (CmJsonReader *self,
                                    guint64       offset,
                                    const char   *format,
                                    ...) G_GNUC_PRINTF (3, 4);
CmJsonToken cm_json_reader_fail    (CmJsonReader *self,
                                    const char   *format,
                                    ...) G_GNUC_PRINTF (2, 3);
/* A member name or number as written, shortened for a message. */
char       *cm_json_reader_excerpt (const char   *str,
                                    gsize         len);

/* Tokens (cm-json-reader-tokens.c), the position on their first byte. */
gboolean    cm_json_reader_read_string  (CmJsonReader *self);
CmJsonToken cm_json_reader_read_number  (CmJsonReader *self);
CmJsonToken cm_json_reader_read_literal (CmJsonReader *self);

G_END_DECLS
