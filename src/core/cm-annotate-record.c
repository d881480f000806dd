/* cm-annotate-record.c — one JSONL record in, one annotated document out
 *
 * The map step of `annotate --jsonl`: a record is {"id": …, "text": …}.
 * A bad record (malformed, too deep, not such an object) is an error for
 * that record alone; the caller reports it and goes on with the next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-annotate"

#include "config.h"

#include <json-glib/json-glib.h>

#include "cm-annotate.h"
#include "cm-document-rules.h"
#include "cm-error.h"
#include "cm-json-reader.h"

/* Reads the record's members, one token at a time: the text is taken
 * from the reader without a copy and nothing else is kept. FALSE only for
 * malformed JSON; a record that is not an object leaves both NULL. */
static gboolean
read_record (CmJsonReader  *reader,
             char         **id,
             char         **text,
             GError       **error)
{
  CmJsonToken token = cm_json_reader_next (reader, error);

  if (token == CM_JSON_TOKEN_ERROR)
    return FALSE;
  if (token != CM_JSON_TOKEN_BEGIN_OBJECT)
    return cm_json_reader_skip_value (reader, error) && cm_json_reader_read_to_end (reader, error);
  while ((token = cm_json_reader_next (reader, error)) == CM_JSON_TOKEN_MEMBER)
    {
      g_autofree char *name = g_strdup (cm_json_reader_get_string (reader, NULL));

      token = cm_json_reader_next (reader, error);
      if (token == CM_JSON_TOKEN_STRING && g_str_equal (name, "id"))
        *id = cm_json_reader_steal_string (reader, NULL);
      else if (token == CM_JSON_TOKEN_STRING && g_str_equal (name, "text"))
        *text = cm_json_reader_steal_string (reader, NULL);
      else if (!cm_json_reader_skip_value (reader, error))
        return FALSE;
    }
  return token == CM_JSON_TOKEN_END_OBJECT && cm_json_reader_read_to_end (reader, error);
}

/* The record's id and loaded text, or NULL with @error naming @where. */
static CmLoadedText *
load_record (const char  *line,
             gsize        length,
             const char  *where,
             char       **out_id,
             GError     **error)
{
  g_autoptr(CmJsonReader) reader = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  reader = cm_json_reader_new_for_data (line, length, where);
  if (!read_record (reader, &id, &text, error))
    return NULL;
  g_clear_pointer (&reader, cm_json_reader_free);
  if (id == NULL || text == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: expected an object with string members \"id\" and \"text\"", where);
      return NULL;
    }
  /* The id becomes a file name downstream (found by fuzzing). */
  if (!cm_id_is_safe (id))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “id” is not a valid document id (empty, leading “.”, “/”, “\\”, “..”, "
                   "spaces, control characters or over 200 bytes)", where);
      return NULL;
    }
  loaded = cm_loader_load_data (text, strlen (text), id, "text", error);
  if (loaded == NULL)
    {
      g_prefix_error (error, "%s: ", where);
      return NULL;
    }
  /* The record's text is no longer needed: free it before the clauses grow. */
  *out_id = g_steal_pointer (&id);
  return g_steal_pointer (&loaded);
}

/**
 * cm_annotate_record:
 * @line: one JSONL line (need not be nul-terminated)
 * @where: names the record in errors ("stdin line 12")
 *
 * Returns: (transfer full): the annotated document, or %NULL with @error
 * naming @where (CM_ERROR_PARSE, CM_ERROR_INVALID, or the loader's error).
 */
CmDocument *
cm_annotate_record (const char               *line,
                    gsize                     length,
                    const char               *where,
                    const CmAnnotateOptions  *options,
                    GError                  **error)
{
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (line != NULL && where != NULL && options != NULL, NULL);

  loaded = load_record (line, length, where, &id, error);
  if (loaded == NULL)
    return NULL;
  return cm_annotate_loaded_take (loaded, id, options);
}

/**
 * cm_annotate_record_to_fd:
 *
 * As cm_annotate_record() followed by cm_document_write_fd(), streamed
 * (cm_annotate_loaded_to_fd()): a record of 60 MB never has all its
 * clauses in memory. A write error is prefixed with @where too.
 */
gboolean
cm_annotate_record_to_fd (const char               *line,
                          gsize                     length,
                          const char               *where,
                          const CmAnnotateOptions  *options,
                          int                       fd,
                          GError                  **error)
{
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (line != NULL && where != NULL && options != NULL, FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);

  loaded = load_record (line, length, where, &id, error);
  if (loaded == NULL)
    return FALSE;
  if (!cm_annotate_loaded_to_fd (loaded, id, options, fd, NULL, error))
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  return TRUE;
}
