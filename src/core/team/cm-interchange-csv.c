/* cm-interchange-csv.c — the team's answers as CSV (RFC 4180)
 *
 * One row per answer: the document, the clause's position, the annotator
 * (or the curator's final labels), the labels, the time and the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-interchange"

#include "config.h"

#include <string.h>

#include "cm-annotation.h"
#include "cm-bounded-read.h"
#include "cm-error.h"
#include "cm-interchange-private.h"

static const char * const csv_columns[] = {
  "document", "position", "annotator", "role", "labels", "timestamp", "text", NULL
};

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_row (GString            *out,
         CmDocument         *document,
         guint               position,
         const char         *annotator,
         const char         *role,
         const char * const *labels,
         const char         *timestamp,
         const char         *text)
{
  g_autofree char *number = g_strdup_printf ("%u", position);
  g_autofree char *joined = labels ? g_strjoinv ("|", (char **) labels) : NULL;

  csv_field (out, cm_document_get_id (document), FALSE);
  csv_field (out, number, FALSE);
  csv_field (out, annotator, FALSE);
  csv_field (out, role, FALSE);
  csv_field (out, joined, FALSE);
  csv_field (out, timestamp, FALSE);
  csv_field (out, text, TRUE);
}

static void
csv_clause (CmDocument *document,
            CmClause   *clause,
            guint       position,
            gpointer    user_data)
{
  GString *out = user_data;
  g_autofree char *text = cm_document_dup_clause_text (document, clause);
  guint n = cm_clause_get_n_annotations (clause);

  for (guint a = 0; a < n; a++)
    {
      CmAnnotation *annotation = cm_clause_get_annotation (clause, a);

      csv_row (out, document, position, cm_annotation_get_annotator (annotation), "annotator",
               cm_annotation_get_labels (annotation), cm_annotation_get_timestamp (annotation),
               text);
    }
  if (cm_clause_get_adjudicated (clause))
    csv_row (out, document, position, cm_clause_get_reviewer (clause), "curator",
             cm_clause_get_labels (clause), cm_clause_get_timestamp (clause), text);
  else if (n == 0)
    csv_row (out, document, position, NULL, "unannotated", NULL, NULL, text);
}

char *
cm_csv_write (GPtrArray *documents)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; csv_columns[i] != NULL; i++)
    csv_field (out, csv_columns[i], csv_columns[i + 1] == NULL);
  cm_interchange_foreach (documents, csv_clause, out);
  return g_string_free (out, FALSE);
}

/* The fields of the row at *p; NULL at the end of the data. */
static GPtrArray *
csv_parse_row (const char **p,
               const char  *end,
               gboolean    *bad_quote)
{
  GPtrArray *fields;
  GString *field = g_string_new (NULL);

  if (*p >= end)
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      if (*p < end && **p == '"')
        {
          (*p)++;
          for (;;)
            {
              if (*p >= end)
                {
                  *bad_quote = TRUE;
                  break;
                }
              if (**p == '"')
                {
                  if (*p + 1 < end && (*p)[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      *p += 2;
                      continue;
                    }
                  (*p)++;
                  break;
                }
              g_string_append_c (field, *(*p)++);
            }
        }
      while (*p < end && **p != ',' && **p != '\n' && **p != '\r')
        g_string_append_c (field, *(*p)++);
      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p < end && **p == ',')
        {
          (*p)++;
          continue;
        }
      if (*p < end && **p == '\r')
        (*p)++;
      if (*p < end && **p == '\n')
        (*p)++;
      break;
    }
  g_string_free (field, TRUE);
  return fields;
}

gboolean
cm_csv_read (const char  *path,
             GPtrArray   *records,
             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  const char *p, *end;
  g_autoptr(GPtrArray) header = NULL;
  int column[7];
  guint line = 1;
  gboolean bad_quote = FALSE;

  contents = cm_read_file_bounded (path, CM_READ_MAX_POLICY, NULL, &length, error);
  if (contents == NULL)
    return FALSE;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_ENCODING, "%s: not UTF-8", path);
      return FALSE;
    }
  p = contents;
  end = contents + length;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  header = csv_parse_row (&p, end, &bad_quote);
  for (guint c = 0; csv_columns[c] != NULL; c++)
    {
      column[c] = -1;
      for (guint h = 0; header != NULL && h < header->len; h++)
        if (g_str_equal (g_ptr_array_index (header, h), csv_columns[c]))
          column[c] = h;
      if (column[c] < 0 && c != 5)  /* timestamp may be left out */
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: the header has no “%s” column (document, position, annotator, role, "
                       "labels, text; timestamp optional)", path, csv_columns[c]);
          return FALSE;
        }
    }
  for (;;)
    {
      g_autoptr(GPtrArray) fields = csv_parse_row (&p, end, &bad_quote);
      g_autofree char *where = NULL;
      const char *role, *annotator, *labels, *timestamp;
      CmRecord *record;

      line++;
      if (fields == NULL)
        break;
      where = g_strdup_printf ("%s: row %u", path, line);
      if (bad_quote)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: a quoted field is not closed", where);
          return FALSE;
        }
      if (fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0')
        continue;  /* an empty line */
      if (fields->len != header->len)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %u fields, the header has %u",
                       where, fields->len, header->len);
          return FALSE;
        }
#define FIELD(c) (column[c] < 0 ? NULL : (const char *) g_ptr_array_index (fields, column[c]))
      role = FIELD (3);
      annotator = FIELD (2);
      labels = FIELD (4);
      timestamp = FIELD (5);
      record = cm_record_new (where);
      record->document = g_strdup (FIELD (0));
      record->order = g_strdup (FIELD (1));
      record->id = g_strdup (FIELD (1));
      record->text = g_strdup (FIELD (6));
#undef FIELD
      g_ptr_array_add (records, record);
      if (g_str_equal (role, "annotator") || g_str_equal (role, "curator"))
        {
          char **names = labels[0] ? g_strsplit (labels, "|", -1) : g_new0 (char *, 1);

          if (annotator[0] == '\0')
            {
              g_strfreev (names);
              g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: the %s has no name", where, role);
              return FALSE;
            }
          if (g_str_equal (role, "curator"))
            {
              record->curator = g_strdup (annotator);
              record->final_labels = names;
              record->final_timestamp = timestamp && timestamp[0] ? g_strdup (timestamp) : NULL;
            }
          else
            cm_record_add_answer (record, annotator, names, timestamp && timestamp[0] ? timestamp : NULL);
        }
      else if (!g_str_equal (role, "unannotated"))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: role “%s” is not annotator, curator or unannotated", where, role);
          return FALSE;
        }
    }
  return TRUE;
}
