/* cm-document-io.c — the Clausemark JSON document format, version 1
 *
 * Writing is hand-rolled into one GString (the annotate pipeline writes tens
 * of megabytes a second, JsonBuilder would be the bottleneck); reading uses
 * json-glib's parser and then checks every rule of the format, because files
 * are edited by people and other tools. The format is described in the
 * README ("JSON format") and in data/clausemark-document.schema.json.
 *
 * Conventions: every member is always written; an unset optional value is
 * written as null (never omitted), except "pair", which only pair documents
 * carry. Numbers (scores, confidence) are written with at most ten decimals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-document-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-document-io.h"
#include "cm-error.h"

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Appending to the output. GLib 2.74's g_string_append_len() goes through
 * the general g_string_insert_len(); these inline versions do only what
 * appending needs. The output stays nul-terminated only at the end. */
static inline void
reserve (GString *out,
         gsize    n)
{
  if (G_UNLIKELY (out->len + n + 1 > out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);  /* grows the buffer geometrically */
      out->len = len;
    }
}

static inline void
put_len (GString    *out,
         const char *data,
         gsize       n)
{
  reserve (out, n);
  memcpy (out->str + out->len, data, n);
  out->len += n;
}

static inline void
put_c (GString *out,
       char     c)
{
  reserve (out, 1);
  out->str[out->len++] = c;
}

static inline void
put_str (GString    *out,
         const char *str)
{
  put_len (out, str, strlen (str));
}

/* For each byte: 0 when it goes out as it is, else the letter of its short
 * escape ('"', '\\', 'b', 'f', 'n', 'r', 't') or 'u' for \u00XX. */
static const char escapes[256] = {
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
  0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  [0x5c] = '\\',
};

/* Appends @str as a JSON string literal. UTF-8 passes through unchanged;
 * the caller guarantees it is valid. */
static void
append_string_valid (GString    *out,
                     const char *str,
                     gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) str;
  const guchar *end = p + length;
  const guchar *run = p;

  put_c (out, '"');
  for (; p < end; p++)
    {
      char e = escapes[*p];

      if (G_LIKELY (e == 0))
        continue;
      put_len (out, (const char *) run, p - run);
      put_c (out, '\\');
      if (e == 'u')
        {
          put_len (out, "u00", 3);
          put_c (out, hex[*p >> 4]);
          put_c (out, hex[*p & 0xf]);
        }
      else
        put_c (out, e);
      run = p + 1;
    }
  put_len (out, (const char *) run, p - run);
  put_c (out, '"');
}

/* A short string from the model (ids, notes, names): NULL becomes null, and
 * invalid UTF-8 (which the setters do not police) is repaired rather than
 * written into a file no JSON reader would accept. */
static void
append_string (GString    *out,
               const char *str)
{
  gsize length;

  if (str == NULL)
    {
      put_len (out, "null", 4);
      return;
    }
  length = strlen (str);
  if (G_LIKELY (g_utf8_validate (str, (gssize) length, NULL)))
    append_string_valid (out, str, length);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, (gssize) length);
      append_string_valid (out, valid, strlen (valid));
    }
}

static void
append_uint (GString *out,
             guint64  value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  put_len (out, p, buffer + sizeof buffer - p);
}

/* Writes @value rounded to ten decimals (an error of at most 5e-11, well
 * inside the 1e-9 that cm_clause_equal() allows), trailing zeros dropped.
 * Integer arithmetic: printf("%.17g") would cost more than the rest of a
 * clause. Values too large for that path, rare, go through g_ascii_formatd. */
#define DECIMALS_SCALE 10000000000.0  /* 1e10 */
#define DECIMALS       10

static void
append_number (GString *out,
               double   value)
{
  guint64 scaled, integer, fraction;
  char digits[DECIMALS];
  int n;

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity: a bug upstream, not data to keep. */
      g_warning ("Writing a non-finite score as 0");
      put_c (out, '0');
      return;
    }
  if (fabs (value) >= 1e8)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      put_str (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
      return;
    }
  scaled = (guint64) llround (fabs (value) * DECIMALS_SCALE);
  if (value < 0 && scaled != 0)
    put_c (out, '-');
  integer = scaled / (guint64) DECIMALS_SCALE;
  fraction = scaled % (guint64) DECIMALS_SCALE;
  append_uint (out, integer);
  if (fraction == 0)
    return;
  for (int i = DECIMALS - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  for (n = DECIMALS; digits[n - 1] == '0'; n--)
    ;
  put_c (out, '.');
  put_len (out, digits, n);
}

static void
append_strv (GString            *out,
             const char * const *strv)
{
  put_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        put_c (out, ',');
      append_string (out, strv[i]);
    }
  put_c (out, ']');
}

/* Appends ,"key": — keys are ours, ASCII, no escaping needed. */
#define KEY(out, literal) put_len ((out), "\"" literal "\":", sizeof (literal) + 2)

static void
append_clause (GString  *out,
               CmClause *clause)
{
  const CmSuggestion *suggestions;
  guint n_suggestions;
  double confidence;

  put_c (out, '{');
  KEY (out, "id");
  append_string (out, cm_clause_get_id (clause));
  put_c (out, ',');
  KEY (out, "start");
  append_uint (out, cm_clause_get_start (clause));
  put_c (out, ',');
  KEY (out, "end");
  append_uint (out, cm_clause_get_end (clause));
  put_c (out, ',');
  KEY (out, "kind");
  append_string (out, cm_clause_kind_to_string (cm_clause_get_kind (clause)));
  put_c (out, ',');
  KEY (out, "level");
  append_uint (out, cm_clause_get_level (clause));
  put_c (out, ',');
  KEY (out, "marker");
  append_string (out, cm_clause_get_marker (clause));
  put_c (out, ',');
  KEY (out, "heading_path");
  append_strv (out, cm_clause_get_heading_path (clause));
  put_c (out, ',');
  KEY (out, "language");
  append_string (out, cm_clause_get_language (clause));
  put_c (out, ',');
  KEY (out, "labels");
  append_strv (out, cm_clause_get_labels (clause));
  put_c (out, ',');

  KEY (out, "suggestions");
  put_c (out, '[');
  suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
  for (guint i = 0; i < n_suggestions; i++)
    {
      if (i > 0)
        put_c (out, ',');
      put_c (out, '{');
      KEY (out, "label");
      append_string (out, suggestions[i].label);
      put_c (out, ',');
      KEY (out, "score");
      append_number (out, suggestions[i].score);
      put_c (out, '}');
    }
  put_len (out, "],", 2);

  /* Negative means no model has seen the clause: null. */
  KEY (out, "confidence");
  confidence = cm_clause_get_confidence (clause);
  if (confidence < 0)
    put_len (out, "null", 4);
  else
    append_number (out, confidence);
  put_c (out, ',');
  KEY (out, "status");
  append_string (out, cm_review_status_to_string (cm_clause_get_status (clause)));
  put_c (out, ',');
  KEY (out, "reviewer");
  append_string (out, cm_clause_get_reviewer (clause));
  put_c (out, ',');
  KEY (out, "timestamp");
  append_string (out, cm_clause_get_timestamp (clause));
  put_c (out, ',');
  KEY (out, "note");
  append_string (out, cm_clause_get_note (clause));
  put_c (out, '}');
}

static void
append_pair (GString    *out,
             CmDocument *document)
{
  GPtrArray *links = cm_document_get_links (document);

  KEY (out, "pair");
  put_c (out, '{');
  KEY (out, "partner");
  append_string (out, cm_document_get_partner_id (document));
  put_c (out, ',');
  KEY (out, "links");
  put_c (out, '[');
  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      if (i > 0)
        put_c (out, ',');
      put_c (out, '{');
      KEY (out, "clauses");
      append_strv (out, (const char * const *) link->clauses);
      put_c (out, ',');
      KEY (out, "partner_clauses");
      append_strv (out, (const char * const *) link->partner_clauses);
      put_c (out, ',');
      KEY (out, "score");
      append_number (out, link->score);
      put_c (out, ',');
      KEY (out, "reviewed");
      put_str (out, link->reviewed ? "true" : "false");
      put_c (out, '}');
    }
  put_len (out, "]}", 2);
}

/* The clauses' size in JSON, guessed from a sample of them written for
 * real (a tenth more, for the variation). */
static gsize
estimate_clauses_size (CmDocument *document,
                       guint       n_clauses)
{
  g_autoptr(GString) sample = NULL;
  guint n_sample = MIN (n_clauses, 64);
  guint step;

  if (n_sample == 0)
    return 0;
  sample = g_string_sized_new (n_sample * 512);
  step = n_clauses / n_sample;
  for (guint i = 0; i < n_sample; i++)
    append_clause (sample, cm_document_get_clause (document, i * step));
  return (gsize) ((double) sample->len / n_sample * n_clauses * 1.1) + n_clauses;
}

/**
 * cm_document_to_json:
 * @length: (out) (optional): the length of the result in bytes
 *
 * Serialises @document as one line of JSON (no newline inside, so that a
 * document fits a JSON Lines stream).
 *
 * Returns: (transfer full): the JSON text.
 */
char *
cm_document_to_json (CmDocument *document,
                     gsize      *length)
{
  GString *out;
  guint n_clauses;
  const char *text;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  n_clauses = cm_document_get_n_clauses (document);
  text = cm_document_get_text (document);
  /* One allocation of the right size: growing a 100 MB buffer by copying
   * costs as much as writing it. */
  out = g_string_sized_new (cm_document_get_text_size (document) + 1024
                            + estimate_clauses_size (document, n_clauses));

  put_c (out, '{');
  KEY (out, "format");
  append_string (out, CM_FORMAT_NAME);
  put_c (out, ',');
  KEY (out, "version");
  append_uint (out, CM_FORMAT_VERSION);
  put_c (out, ',');
  KEY (out, "id");
  append_string (out, cm_document_get_id (document));
  put_c (out, ',');
  KEY (out, "title");
  append_string (out, cm_document_get_title (document));
  put_c (out, ',');
  KEY (out, "language");
  append_string (out, cm_document_get_language (document));
  put_c (out, ',');

  KEY (out, "source");
  put_c (out, '{');
  KEY (out, "path");
  append_string (out, cm_document_get_source_path (document));
  put_c (out, ',');
  KEY (out, "sha256");
  append_string (out, cm_document_get_source_sha256 (document));
  put_c (out, ',');
  KEY (out, "encoding");
  append_string (out, cm_document_get_source_encoding (document));
  put_c (out, ',');
  KEY (out, "loader");
  append_string (out, cm_document_get_source_loader (document));
  put_len (out, "},", 2);

  KEY (out, "taxonomy");
  append_string (out, cm_document_get_taxonomy_id (document));
  put_c (out, ',');
  KEY (out, "granularity");
  append_string (out, cm_granularity_to_string (cm_document_get_granularity (document)));
  put_c (out, ',');
  /* cm_document_new() validated the text: skip the second UTF-8 pass. */
  KEY (out, "text");
  append_string_valid (out, text, cm_document_get_text_size (document));
  put_c (out, ',');

  KEY (out, "clauses");
  put_c (out, '[');
  for (guint i = 0; i < n_clauses; i++)
    {
      if (i > 0)
        put_c (out, ',');
      append_clause (out, cm_document_get_clause (document, i));
    }
  put_c (out, ']');

  if (cm_document_get_partner_id (document) != NULL || cm_document_get_links (document)->len > 0)
    {
      put_c (out, ',');
      append_pair (out, document);
    }
  put_c (out, '}');

  out->str[out->len] = '\0';  /* reserve() always keeps room for it */
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */
/* ------------------------------------------------------------------ */

/* The rules of the format that hold across clauses: text order without
 * overlap, unique ids, links naming clauses that exist. */
static gboolean
check_structure (const char  *name,
                 CmClause   **clauses,
                 guint        n_clauses,
                 guint        n_chars,
                 GPtrArray   *links,
                 GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint previous_end = 0;

  for (guint i = 0; i < n_clauses; i++)
    {
      CmClause *clause = clauses[i];
      const char *id = cm_clause_get_id (clause);

      if (cm_clause_get_end (clause) > n_chars)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: clause %s: end %u is beyond the text (%u characters)", name, id,
                       cm_clause_get_end (clause), n_chars);
          return FALSE;
        }
      if (cm_clause_get_start (clause) < previous_end)
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                       "%s: clause %s: starts at %u, before the previous clause ends (%u): "
                       "clauses must be in text order and must not overlap", name, id,
                       cm_clause_get_start (clause), previous_end);
          return FALSE;
        }
      if (!g_hash_table_add (ids, (gpointer) id))
        {
          g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: clause %s: the id is used twice",
                       name, id);
          return FALSE;
        }
      previous_end = cm_clause_get_end (clause);
    }

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);

      for (guint j = 0; link->clauses[j] != NULL; j++)
        if (!g_hash_table_contains (ids, link->clauses[j]))
          {
            g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                         "%s: link %u: clause %s does not exist in this document", name, i + 1,
                         link->clauses[j]);
            return FALSE;
          }
    }
  return TRUE;
}

/**
 * cm_document_check:
 *
 * Checks that @document keeps the rules of the format (clauses in text
 * order, not overlapping, inside the text, unique ids; links naming
 * existing clauses), so that what is saved can be loaded again.
 */
gboolean
cm_document_check (CmDocument  *document,
                   GError     **error)
{
  g_autofree CmClause **clauses = NULL;
  guint n;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);

  n = cm_document_get_n_clauses (document);
  clauses = g_new (CmClause *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    clauses[i] = cm_document_get_clause (document, i);
  return check_structure (cm_document_get_id (document), clauses, n,
                          cm_document_get_n_chars (document),
                          cm_document_get_links (document), error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* Where we are, for error messages: the file and, inside clauses, the
 * clause's id (or position until the id is known). */
typedef struct
{
  const char *name;
  char       *where;
} Context;

static void G_GNUC_PRINTF (3, 4)
set_invalid (Context     *ctx,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (ctx->where != NULL)
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s: %s", ctx->name, ctx->where, message);
  else
    g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: %s", ctx->name, message);
}

static JsonNode *
require_member (Context     *ctx,
                JsonObject  *object,
                const char  *member,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    set_invalid (ctx, error, "“%s” is missing", member);
  return node;
}

/* The format is closed: a member it does not define is a typo or a newer
 * writer's addition, and either way the file is not valid version 1. */
static gboolean
check_members (Context            *ctx,
               JsonObject         *object,
               const char * const *known,
               GError            **error)
{
  g_autoptr(GList) members = NULL;

  /* Every known member is required (but "pair"), so a count decides fast. */
  if (json_object_get_size (object) <= g_strv_length ((char **) known))
    return TRUE;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        set_invalid (ctx, error, "unknown member “%s”", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static const char * const document_members[] = {
  "format", "version", "id", "title", "language", "source", "taxonomy", "granularity", "text",
  "clauses", "pair", NULL
};
static const char * const source_members[] = { "path", "sha256", "encoding", "loader", NULL };
static const char * const clause_members[] = {
  "id", "start", "end", "kind", "level", "marker", "heading_path", "language", "labels",
  "suggestions", "confidence", "status", "reviewer", "timestamp", "note", NULL
};
static const char * const suggestion_members[] = { "label", "score", NULL };
static const char * const pair_members[] = { "partner", "links", NULL };
static const char * const link_members[] = {
  "clauses", "partner_clauses", "score", "reviewed", NULL
};

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A string member; with @nullable, null reads as NULL. Never empty. */
static gboolean
read_string (Context     *ctx,
             JsonObject  *object,
             const char  *member,
             gboolean     nullable,
             const char **out,
             GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!node_is_string (node))
    {
      set_invalid (ctx, error, "“%s” must be a string%s", member, nullable ? " or null" : "");
      return FALSE;
    }
  *out = json_node_get_string (node);
  if ((*out)[0] == '\0')
    {
      set_invalid (ctx, error, "“%s” is empty (write null for no value)", member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_uint (Context     *ctx,
           JsonObject  *object,
           const char  *member,
           guint       *out,
           GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_invalid (ctx, error, "“%s” must be an integer", member);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    {
      set_invalid (ctx, error, "“%s” is %" G_GINT64_FORMAT ", out of range", member, value);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_number (Context     *ctx,
             JsonObject  *object,
             const char  *member,
             double      *out,
             GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);

  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      set_invalid (ctx, error, "“%s” must be a number", member);
      return FALSE;
    }
  *out = json_node_get_double (node);
  return TRUE;
}

/* An array of distinct, non-empty strings. */
static char **
read_strv (Context     *ctx,
           JsonObject  *object,
           const char  *member,
           GError     **error)
{
  JsonNode *node = require_member (ctx, object, member, error);
  JsonArray *array;
  char **strv;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“%s” must be an array of strings", member);
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_string (element) || json_node_get_string (element)[0] == '\0')
        {
          set_invalid (ctx, error, "“%s”: item %u is not a non-empty string", member, i + 1);
          g_strfreev (strv);
          return NULL;
        }
      strv[i] = g_strdup (json_node_get_string (element));
    }
  return strv;
}

static gboolean
strv_has_duplicates (char **strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    for (guint j = i + 1; strv[j] != NULL; j++)
      if (g_str_equal (strv[i], strv[j]))
        return TRUE;
  return FALSE;
}

static gboolean
read_suggestions (Context     *ctx,
                  JsonObject  *object,
                  CmClause    *clause,
                  GError     **error)
{
  JsonNode *node = require_member (ctx, object, "suggestions", error);
  g_autofree CmSuggestion *suggestions = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“suggestions” must be an array");
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  suggestions = g_new0 (CmSuggestion, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *suggestion;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_invalid (ctx, error, "suggestion %u is not an object", i + 1);
          return FALSE;
        }
      suggestion = json_node_get_object (element);
      if (!check_members (ctx, suggestion, suggestion_members, error)
          || !read_string (ctx, suggestion, "label", FALSE, &suggestions[i].label, error)
          || !read_number (ctx, suggestion, "score", &suggestions[i].score, error))
        return FALSE;
    }
  cm_clause_set_suggestions (clause, suggestions, n);
  return TRUE;
}

static gboolean
read_confidence (Context     *ctx,
                 JsonObject  *object,
                 CmClause    *clause,
                 GError     **error)
{
  JsonNode *node = require_member (ctx, object, "confidence", error);
  double confidence;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;  /* the clause's default: no model has seen it */
  if (!node_is_number (node))
    {
      set_invalid (ctx, error, "“confidence” must be a number or null");
      return FALSE;
    }
  confidence = json_node_get_double (node);
  if (!(confidence >= 0.0 && confidence <= 1.0))
    {
      set_invalid (ctx, error, "“confidence” %g is outside [0, 1]", confidence);
      return FALSE;
    }
  cm_clause_set_confidence (clause, confidence);
  return TRUE;
}

/* Reads the members that describe the clause beyond its range. */
static gboolean
read_clause_details (Context     *ctx,
                     JsonObject  *object,
                     CmClause    *clause,
                     GError     **error)
{
  g_auto(GStrv) heading_path = NULL;
  g_auto(GStrv) labels = NULL;
  const char *marker, *language, *status_name, *reviewer, *timestamp, *note;
  CmReviewStatus status;
  guint level;

  if (!read_uint (ctx, object, "level", &level, error)
      || !read_string (ctx, object, "marker", TRUE, &marker, error))
    return FALSE;
  heading_path = read_strv (ctx, object, "heading_path", error);
  if (heading_path == NULL)
    return FALSE;
  if (!read_string (ctx, object, "language", FALSE, &language, error))
    return FALSE;
  labels = read_strv (ctx, object, "labels", error);
  if (labels == NULL)
    return FALSE;
  if (strv_has_duplicates (labels))
    {
      set_invalid (ctx, error, "“labels” names a label twice");
      return FALSE;
    }
  if (!read_suggestions (ctx, object, clause, error)
      || !read_confidence (ctx, object, clause, error)
      || !read_string (ctx, object, "status", FALSE, &status_name, error))
    return FALSE;
  if (!cm_review_status_from_string (status_name, &status))
    {
      set_invalid (ctx, error, "unknown status “%s” (unreviewed, accepted or corrected)",
                   status_name);
      return FALSE;
    }
  if (!read_string (ctx, object, "reviewer", TRUE, &reviewer, error)
      || !read_string (ctx, object, "timestamp", TRUE, &timestamp, error)
      || !read_string (ctx, object, "note", TRUE, &note, error))
    return FALSE;

  cm_clause_set_level (clause, level);
  cm_clause_set_marker (clause, marker);
  cm_clause_set_heading_path (clause, (const char * const *) heading_path);
  cm_clause_set_language (clause, language);
  cm_clause_set_labels (clause, (const char * const *) labels);
  cm_clause_set_status (clause, status);
  cm_clause_set_reviewer (clause, reviewer);
  cm_clause_set_timestamp (clause, timestamp);
  cm_clause_set_note (clause, note);
  return TRUE;
}

static CmClause *
read_clause (Context     *ctx,
             JsonNode    *node,
             guint        index,
             guint        n_chars,
             GError     **error)
{
  g_autoptr(CmClause) clause = NULL;
  const char *id, *kind_name;
  CmClauseKind kind;
  guint start, end;
  JsonObject *object;

  g_free (ctx->where);
  ctx->where = g_strdup_printf ("clause %u", index + 1);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_string (ctx, object, "id", FALSE, &id, error))
    return NULL;
  g_free (ctx->where);
  ctx->where = g_strdup_printf ("clause %s", id);

  if (!read_uint (ctx, object, "start", &start, error)
      || !read_uint (ctx, object, "end", &end, error))
    return NULL;
  if (start > end)
    {
      set_invalid (ctx, error, "start %u is after end %u", start, end);
      return NULL;
    }
  if (end > n_chars)
    {
      set_invalid (ctx, error, "end %u is beyond the text (%u characters)", end, n_chars);
      return NULL;
    }
  if (!read_string (ctx, object, "kind", FALSE, &kind_name, error))
    return NULL;
  if (!cm_clause_kind_from_string (kind_name, &kind))
    {
      set_invalid (ctx, error, "unknown kind “%s” (body, heading, list-item or boilerplate)",
                   kind_name);
      return NULL;
    }

  clause = cm_clause_new (id, start, end, kind);
  if (!read_clause_details (ctx, object, clause, error)
      || !check_members (ctx, object, clause_members, error))
    return NULL;
  return g_steal_pointer (&clause);
}

static GPtrArray *
read_clauses (Context     *ctx,
              JsonObject  *root,
              guint        n_chars,
              GError     **error)
{
  g_autoptr(GPtrArray) clauses = NULL;
  JsonNode *node = require_member (ctx, root, "clauses", error);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (ctx, error, "“clauses” must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  clauses = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = read_clause (ctx, json_array_get_element (array, i), i, n_chars, error);
      if (clause == NULL)
        return NULL;
      g_ptr_array_add (clauses, clause);
    }
  g_clear_pointer (&ctx->where, g_free);
  return g_steal_pointer (&clauses);
}

static CmLink *
read_link (Context     *ctx,
           JsonNode    *node,
           GError     **error)
{
  g_auto(GStrv) clauses = NULL;
  g_auto(GStrv) partner_clauses = NULL;
  JsonObject *object;
  JsonNode *reviewed;
  CmLink *link;
  double score;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, link_members, error))
    return NULL;
  clauses = read_strv (ctx, object, "clauses", error);
  if (clauses == NULL)
    return NULL;
  partner_clauses = read_strv (ctx, object, "partner_clauses", error);
  if (partner_clauses == NULL || !read_number (ctx, object, "score", &score, error))
    return NULL;
  reviewed = require_member (ctx, object, "reviewed", error);
  if (reviewed == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (reviewed) || json_node_get_value_type (reviewed) != G_TYPE_BOOLEAN)
    {
      set_invalid (ctx, error, "“reviewed” must be true or false");
      return NULL;
    }
  link = cm_link_new ((const char * const *) clauses, (const char * const *) partner_clauses,
                      score);
  link->reviewed = json_node_get_boolean (reviewed);
  return link;
}

/* "pair" is absent from single documents. */
static gboolean
read_pair (Context     *ctx,
           JsonObject  *root,
           CmDocument  *document,
           GPtrArray  **links_out,
           GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
  JsonNode *node = json_object_get_member (root, "pair");
  JsonObject *pair;
  JsonNode *links_node;
  const char *partner;

  *links_out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (ctx, error, "“pair” must be an object (leave it out for a single document)");
      return FALSE;
    }
  pair = json_node_get_object (node);
  g_free (ctx->where);
  ctx->where = g_strdup ("pair");
  if (!check_members (ctx, pair, pair_members, error)
      || !read_string (ctx, pair, "partner", FALSE, &partner, error))
    return FALSE;
  links_node = require_member (ctx, pair, "links", error);
  if (links_node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (links_node))
    {
      set_invalid (ctx, error, "“links” must be an array");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (links_node)); i++)
    {
      CmLink *link;

      g_free (ctx->where);
      ctx->where = g_strdup_printf ("pair, link %u", i + 1);
      link = read_link (ctx, json_array_get_element (json_node_get_array (links_node), i), error);
      if (link == NULL)
        return FALSE;
      g_ptr_array_add (links, link);
    }
  g_clear_pointer (&ctx->where, g_free);
  cm_document_set_partner_id (document, partner);
  *links_out = g_steal_pointer (&links);
  return TRUE;
}

/* format and version come first: an unknown format or a newer version is
 * refused before anything else is judged. */
static gboolean
check_format (const char  *name,
              JsonNode    *root,
              GError     **error)
{
  JsonObject *object;
  JsonNode *format, *version;
  gint64 v;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark document (the JSON is not an object)", name);
      return FALSE;
    }
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (format == NULL || !node_is_string (format)
      || !g_str_equal (json_node_get_string (format), CM_FORMAT_NAME))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: not a Clausemark document (“format” is not “%s”)", name,
                   CM_FORMAT_NAME);
      return FALSE;
    }
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version)
      || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: “version” is missing or not an integer", name);
      return FALSE;
    }
  v = json_node_get_int (version);
  if (v > CM_FORMAT_VERSION)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (format version %" G_GINT64_FORMAT
                   "; this version reads up to %d)", name, v, CM_FORMAT_VERSION);
      return FALSE;
    }
  if (v < 1)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: format version %" G_GINT64_FORMAT
                   " does not exist", name, v);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (Context     *ctx,
             JsonObject  *root,
             CmDocument  *document,
             GError     **error)
{
  const char *title, *language, *taxonomy, *granularity_name;
  const char *path, *sha256, *encoding, *loader;
  CmGranularity granularity;
  JsonNode *source;
  JsonObject *source_object;

  if (!read_string (ctx, root, "title", TRUE, &title, error)
      || !read_string (ctx, root, "language", FALSE, &language, error)
      || !read_string (ctx, root, "taxonomy", FALSE, &taxonomy, error)
      || !read_string (ctx, root, "granularity", FALSE, &granularity_name, error))
    return FALSE;
  if (!cm_granularity_from_string (granularity_name, &granularity))
    {
      set_invalid (ctx, error, "unknown granularity “%s” (sentence or paragraph)",
                   granularity_name);
      return FALSE;
    }
  source = require_member (ctx, root, "source", error);
  if (source == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (source))
    {
      set_invalid (ctx, error, "“source” must be an object");
      return FALSE;
    }
  source_object = json_node_get_object (source);
  g_free (ctx->where);
  ctx->where = g_strdup ("source");
  if (!check_members (ctx, source_object, source_members, error)
      || !read_string (ctx, source_object, "path", TRUE, &path, error)
      || !read_string (ctx, source_object, "sha256", TRUE, &sha256, error)
      || !read_string (ctx, source_object, "encoding", TRUE, &encoding, error)
      || !read_string (ctx, source_object, "loader", TRUE, &loader, error))
    return FALSE;
  g_clear_pointer (&ctx->where, g_free);

  cm_document_set_title (document, title);
  cm_document_set_language (document, language);
  cm_document_set_taxonomy_id (document, taxonomy);
  cm_document_set_granularity (document, granularity);
  cm_document_set_source (document, path, sha256, encoding, loader);
  return TRUE;
}

static CmDocument *
document_from_root (Context     *ctx,
                    JsonNode    *root_node,
                    GError     **error)
{
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GPtrArray) clauses = NULL;
  g_autoptr(GPtrArray) links = NULL;
  JsonObject *root = json_node_get_object (root_node);
  JsonNode *text_node;
  const char *id, *text;
  guint n_chars;

  if (!check_members (ctx, root, document_members, error)
      || !read_string (ctx, root, "id", FALSE, &id, error))
    return NULL;
  text_node = require_member (ctx, root, "text", error);
  if (text_node == NULL)
    return NULL;
  if (!node_is_string (text_node))
    {
      set_invalid (ctx, error, "“text” must be a string");
      return NULL;
    }
  text = json_node_get_string (text_node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      set_invalid (ctx, error, "“text” is not valid UTF-8");
      return NULL;
    }

  document = cm_document_new (id, text);
  if (!read_header (ctx, root, document, error))
    return NULL;
  n_chars = cm_document_get_n_chars (document);
  clauses = read_clauses (ctx, root, n_chars, error);
  if (clauses == NULL || !read_pair (ctx, root, document, &links, error))
    return NULL;
  if (!check_structure (ctx->name, (CmClause **) clauses->pdata, clauses->len, n_chars, links,
                        error))
    return NULL;

  cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
  if (links != NULL)
    cm_document_set_links (document, links);
  return g_steal_pointer (&document);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: WHY"; we say
 * "NAME: malformed JSON at line LINE, column COLUMN: WHY". */
static void
set_parse_error (const char  *name,
                 const char  *message,
                 GError     **error)
{
  const char *why = message;
  guint line = 0, column = 0;

  if (g_str_has_prefix (message, "<data>:")
      && sscanf (message + strlen ("<data>:"), "%u:%u:", &line, &column) == 2)
    {
      why = strstr (message, "Parse error: ");
      why = why != NULL ? why + strlen ("Parse error: ") : message;
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE,
                   "%s: malformed JSON at line %u, column %u: %s", name, line, column, why);
    }
  else
    g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: malformed JSON: %s", name, message);
}

/**
 * cm_document_from_json:
 * @length: bytes of @data, or -1 if it is nul-terminated
 * @name: (nullable): names the data in errors (a path, "<stdin>", "line 12")
 *
 * Returns: (transfer full): the document, or %NULL with @error set:
 * CM_ERROR_PARSE (malformed JSON, with its line), _UNKNOWN_FORMAT, _NEWER_VERSION,
 * _INVALID (naming the clause).
 */
CmDocument *
cm_document_from_json (const char  *data,
                       gssize       length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  Context ctx = { name ? name : "<data>", NULL };
  CmDocument *document;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_parse_error (ctx.name, parse_error->message, error);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: no JSON at all (empty input)", ctx.name);
      return NULL;
    }
  if (!check_format (ctx.name, json_parser_get_root (parser), error))
    return NULL;
  document = document_from_root (&ctx, json_parser_get_root (parser), error);
  g_free (ctx.where);
  return document;
}

CmDocument *
cm_document_load (const char  *path,
                  GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  const char *contents;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  /* A GFileError (its message names the file) tells "unreadable" apart
   * from "readable but wrong" (CM_ERROR). */
  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  length = g_mapped_file_get_length (file);
  /* An empty file maps to NULL contents. */
  contents = length > 0 ? g_mapped_file_get_contents (file) : "";
  if (length == 0)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", path);
      return NULL;
    }
  return cm_document_from_json (contents, (gssize) length, path, error);
}

/* ------------------------------------------------------------------ */
/* Sniffing and saving                                                 */
/* ------------------------------------------------------------------ */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
expect (const char *p,
        const char *end,
        const char *literal)
{
  gsize n = strlen (literal);

  p = skip_space (p, end);
  if ((gsize) (end - p) < n || memcmp (p, literal, n) != 0)
    return NULL;
  return p + n;
}

/* Our writer puts "format" and "version" first. If @head starts like that,
 * returns TRUE with the version; otherwise FALSE (which proves nothing:
 * the members may simply be in another order). */
static gboolean
sniff_head (const char *head,
            gsize       length,
            gint64     *version)
{
  const char *end = head + length;
  const char *p = head;
  guint64 v;
  char *number_end;
  g_autofree char *digits = NULL;
  const char *q;

  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  if ((p = expect (p, end, "{")) == NULL || (p = expect (p, end, "\"format\"")) == NULL
      || (p = expect (p, end, ":")) == NULL
      || (p = expect (p, end, "\"" CM_FORMAT_NAME "\"")) == NULL
      || (p = expect (p, end, ",")) == NULL || (p = expect (p, end, "\"version\"")) == NULL
      || (p = expect (p, end, ":")) == NULL)
    return FALSE;
  p = skip_space (p, end);
  for (q = p; q < end && g_ascii_isdigit (*q); q++)
    ;
  if (q == p || q == end || (*q != ',' && *q != '}' && !g_ascii_isspace (*q)) || q - p > 18)
    return FALSE;
  digits = g_strndup (p, q - p);
  v = g_ascii_strtoull (digits, &number_end, 10);
  *version = (gint64) v;
  return TRUE;
}

static gsize
read_head (const char *path,
           char       *buffer,
           gsize       size)
{
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return 0;
  n = fread (buffer, 1, size, file);
  fclose (file);
  return n;
}

gboolean
cm_path_is_document (const char *path)
{
  char head[4096];
  gsize n;
  gint64 version;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  n = read_head (path, head, sizeof head - 1);
  head[n] = '\0';
  if (sniff_head (head, n, &version))
    return TRUE;
  /* Hand-edited or foreign writers may order members differently. */
  return expect (head, head + n, "{") != NULL && strstr (head, "\"format\"") != NULL
         && strstr (head, "\"" CM_FORMAT_NAME "\"") != NULL;
}

/* May a save replace the file at @path? Only if it is absent or a
 * Clausemark document of a version we understand. */
static gboolean
check_replaceable (const char  *path,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) format_error = NULL;
  char head[256];
  gsize n;
  gint64 version;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: not a regular file; not overwriting it",
                   path);
      return FALSE;
    }
  n = read_head (path, head, sizeof head);
  if (sniff_head (head, n, &version))
    {
      if (version <= CM_FORMAT_VERSION)
        return TRUE;
      g_set_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION,
                   "%s: written by a newer Clausemark (format version %" G_GINT64_FORMAT
                   "); refusing to overwrite it", path, version);
      return FALSE;
    }

  /* Not in our writer's shape: read it properly before deciding. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_UNKNOWN_FORMAT,
                   "%s: exists and is not a Clausemark document; refusing to overwrite it",
                   path);
      return FALSE;
    }
  if (!check_format (path, json_parser_get_root (parser), &format_error))
    {
      if (g_error_matches (format_error, CM_ERROR, CM_ERROR_INVALID))
        return TRUE;  /* ours, but broken: the backup keeps it */
      g_set_error (error, CM_ERROR, format_error->code, "%s; refusing to overwrite it",
                   format_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          int saved = errno;
          if (saved == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                       g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Keeps the current file as "<path>~": a hard link when the file system
 * allows, else a copy. The old backup goes. */
static gboolean
keep_backup (const char  *path,
             GError     **error)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot remove the old backup: %s",
                   backup, g_strerror (saved));
      return FALSE;
    }
  if (link (path, backup) == 0)
    return TRUE;
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  return g_file_set_contents (backup, contents, (gssize) length, error);
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * cm_write_file_atomically:
 *
 * Writes @data to "<path>.tmp-XXXXXX" beside @path, flushes it to disk,
 * keeps the previous file as "<path>~" (when @backup) and renames the
 * temporary file over @path: readers see the old file or the new one,
 * never half of one. No temporary file is left behind on failure.
 */
gboolean
cm_write_file_atomically (const char  *path,
                          const char  *data,
                          gsize        length,
                          gboolean     backup,
                          GError     **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gboolean existed;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  existed = g_stat (path, &st) == 0;
  tmp_path = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot create a temporary file: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  /* Keep the permissions of the file we replace. */
  if (existed)
    fchmod (fd, st.st_mode & 07777);
  if (!write_all (fd, data, length, &local_error) || fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   local_error ? local_error->message : g_strerror (saved));
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot write: %s", path,
                   g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (existed && backup && !keep_backup (path, &local_error))
    {
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot keep a backup: %s", path,
                   local_error->message);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CM_ERROR, CM_ERROR_FAILED, "%s: cannot replace: %s", path,
                   g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  sync_directory (path);
  return TRUE;
}

gboolean
cm_document_save (CmDocument  *document,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *json = NULL;
  gsize length;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never write what cannot be read back, never replace what is not ours. */
  if (!cm_document_check (document, error) || !check_replaceable (path, error))
    return FALSE;
  json = cm_document_to_json (document, &length);
  return cm_write_file_atomically (path, json, length, TRUE, error);
}
