/* test-json-reader.c — the streaming JSON reader, and documents read through it
 *
 * The reader replaced json-glib's parser for every file Clausemark reads:
 * its trees must be json-glib's, from memory and from a file read through
 * a window alike; documents must read the same whether kept whole or seen
 * clause by clause, round trip byte for byte, and be refused with the same
 * first error in every way of reading them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "clausemark-core.h"
#include "cm-json-guard.h"
#include "cm-test-util.h"

/* The fixture documents: the document fuzz target's seeds. */
static const char * const fixtures[] = { "en.json", "zh.json", "pair.json" };

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "fuzz", "seeds", "document", name,
                           NULL);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
read_data (const char  *data,
           gsize        length,
           GError     **error)
{
  return cm_json_parse_guarded (data, length, "t.json", error);
}

/* The same through a file (pread() through the 1 MB window). */
static JsonNode *
read_file (const char  *dir,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autofree char *path = cm_test_write_file (dir, "t.json", data, (gssize) length);
  g_autoptr(CmJsonReader) reader = NULL;
  g_autoptr(JsonNode) node = NULL;
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  reader = cm_json_reader_new_for_fd (fd, "t.json");
  if (cm_json_reader_next (reader, error) != CM_JSON_TOKEN_ERROR)
    {
      node = cm_json_reader_read_node (reader, error);
      if (node != NULL && !cm_json_reader_read_to_end (reader, error))
        g_clear_pointer (&node, json_node_unref);
    }
  close (fd);
  return g_steal_pointer (&node);
}

static JsonNode *
parse_with_json_glib (const char *data,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_tokens (void)
{
  const char *json = "{\"a\": [1, -2.5e1, true, false, null, \"x\\u4e2d\\ud83d\\ude42\"], \"b\": {}}";
  g_autoptr(CmJsonReader) reader = cm_json_reader_new_for_data (json, strlen (json), "t");
  static const CmJsonToken expected[] = {
    CM_JSON_TOKEN_BEGIN_OBJECT, CM_JSON_TOKEN_MEMBER, CM_JSON_TOKEN_BEGIN_ARRAY,
    CM_JSON_TOKEN_INT, CM_JSON_TOKEN_DOUBLE, CM_JSON_TOKEN_BOOLEAN, CM_JSON_TOKEN_BOOLEAN,
    CM_JSON_TOKEN_NULL, CM_JSON_TOKEN_STRING, CM_JSON_TOKEN_END_ARRAY, CM_JSON_TOKEN_MEMBER,
    CM_JSON_TOKEN_BEGIN_OBJECT, CM_JSON_TOKEN_END_OBJECT, CM_JSON_TOKEN_END_OBJECT,
    CM_JSON_TOKEN_END, CM_JSON_TOKEN_END,
  };
  static const guint depths[] = { 1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 2, 1, 0, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      CmJsonToken token = cm_json_reader_next (reader, &error);

      g_assert_no_error (error);
      g_assert_cmpint (token, ==, expected[i]);
      g_assert_cmpuint (cm_json_reader_get_depth (reader), ==, depths[i]);
      if (i == 3)
        g_assert_cmpint (cm_json_reader_get_int (reader), ==, 1);
      if (i == 4)
        g_assert_cmpfloat (cm_json_reader_get_double (reader), ==, -25.0);
      if (i == 5)
        g_assert_true (cm_json_reader_get_boolean (reader));
      if (i == 8)
        g_assert_cmpstr (cm_json_reader_get_string (reader, NULL), ==, "x中🙂");
      if (i == 10)
        g_assert_cmpstr (cm_json_reader_get_string (reader, NULL), ==, "b");
    }
}

/* Trees equal json-glib's for the JSON Clausemark ships and reads. */
static void
test_trees_match_json_glib (void)
{
  const char *data_dir = g_getenv ("CM_DATA_DIR");
  const char * const files[] = {
    "taxonomies/privacy-11.json", "taxonomies/opp-115.json", "checklists/pipl.json",
    "models/en.manifest.json", "samples/sample-pair.gold.json",
  };
  const char *inline_cases[] = {
    "[1, 2.5, -0, 1e-400, 9223372036854775807, -9223372036854775808, 0.1]",
    "\xef\xbb\xbf {\"a\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\\ud83d\\ude42\"}\r\n",
    "\"only a string\"", "null", "[]", "{}", "[[[[{}]]]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files) + G_N_ELEMENTS (fixtures) + G_N_ELEMENTS (inline_cases); i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (i < G_N_ELEMENTS (files))
        {
          g_autofree char *path = g_build_filename (data_dir, files[i], NULL);
          g_file_get_contents (path, &contents, &length, &error);
          g_assert_no_error (error);
        }
      else if (i < G_N_ELEMENTS (files) + G_N_ELEMENTS (fixtures))
        contents = read_fixture (fixtures[i - G_N_ELEMENTS (files)], &length);
      else
        {
          contents = g_strdup (inline_cases[i - G_N_ELEMENTS (files) - G_N_ELEMENTS (fixtures)]);
          length = strlen (contents);
        }
      expected = parse_with_json_glib (contents, length);
      node = read_data (contents, length, &error);
      g_assert_no_error (error);
      if (!json_node_equal (node, expected))
        g_error ("case %u: the tree differs from json-glib's", i);
    }
}

/* A file is read through a 1 MB window: escapes, surrogate pairs, long
 * strings and numbers straddle its edges, and errors beyond it give the
 * same line and column as from memory. */
static void
test_window_edges (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(GString) json = g_string_new ("[\n");
  g_autoptr(GString) bad = NULL;
  const char *pieces[] = { "\\u4e2d", "\\ud83d\\ude42", "\\n", "é", "x", "\\\"", "中" };
  g_autoptr(JsonNode) from_data = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint k = 0;

  /* Strings of every length mod 12, so that each piece meets the edge at
   * each of its bytes somewhere. */
  while (json->len < 2 * 1024 * 1024 + 1000)
    {
      g_string_append_c (json, '"');
      for (guint i = 0; i < 5 + k % 12; i++)
        g_string_append (json, pieces[(i + k) % G_N_ELEMENTS (pieces)]);
      g_string_append_printf (json, "\", %u.%u, -%ue%u, true, null,\n", k, k % 977, k, k % 7);
      k++;
    }
  g_string_append (json, "\"end\"]");
  expected = parse_with_json_glib (json->str, json->len);
  from_data = read_data (json->str, json->len, &error);
  g_assert_no_error (error);
  from_file = read_file (dir, json->str, json->len, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (from_data, expected));
  g_assert_true (json_node_equal (from_file, expected));

  /* Refusals past the first window: the same message both ways. */
  for (guint i = 0; i < 3; i++)
    {
      const char *faults[] = { "\"\\ud800x\"", "\"\\u0000\"", "{\"a\": 1, \"a\": 2}" };
      g_autoptr(GError) data_error = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autoptr(JsonNode) a = NULL;
      g_autoptr(JsonNode) b = NULL;

      bad = g_string_new_len (json->str, (gssize) json->len - 1);
      g_string_append_printf (bad, ", %s]", faults[i]);
      a = read_data (bad->str, bad->len, &data_error);
      b = read_file (dir, bad->str, bad->len, &file_error);
      g_assert_null (a);
      g_assert_null (b);
      g_assert_error (data_error, CM_ERROR, CM_ERROR_PARSE);
      g_assert_cmpstr (data_error->message, ==, file_error->message);
      {
        g_autofree char *line = NULL;
        guint n_lines = 1;

        for (gsize j = 0; j < bad->len; j++)
          n_lines += bad->str[j] == '\n';
        line = g_strdup_printf ("at line %u, column ", n_lines);
        g_assert_nonnull (strstr (data_error->message, line));
      }
      g_string_free (g_steal_pointer (&bad), TRUE);
    }
}

/* Reading a document clause by clause (CmClauseFunc). */
typedef struct
{
  GPtrArray *clauses;
} Seen;

static gboolean
keep_clause (CmDocument  *document,
             CmClause    *clause,
             gpointer     user_data,
             GError     **error)
{
  Seen *seen = user_data;

  g_assert_cmpuint (cm_document_get_n_clauses (document), ==, 0);
  g_ptr_array_add (seen->clauses, g_object_ref (clause));
  return TRUE;
}

/* Every fixture reads the same from a file, from memory and clause by
 * clause; what is written of it reads back and is written again byte for
 * byte. */
static void
test_documents_round_trip (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = fixture_path (fixtures[i]);
      g_autofree char *contents = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *copy = NULL;
      g_autoptr(CmDocument) loaded = NULL;
      g_autoptr(CmDocument) from_memory = NULL;
      g_autoptr(CmDocument) header = NULL;
      g_autoptr(CmDocument) again = NULL;
      g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      Seen seen = { clauses };
      gsize length;

      contents = read_fixture (fixtures[i], &length);
      loaded = cm_document_load (path, &error);
      g_assert_no_error (error);
      from_memory = cm_document_from_json (contents, (gssize) length, path, &error);
      g_assert_no_error (error);
      g_assert_true (cm_document_equal (loaded, from_memory));
      g_assert_cmpuint (cm_document_get_n_clauses (loaded), >, 0);

      header = cm_document_load_each (path, keep_clause, &seen, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cm_document_get_n_clauses (header), ==, 0);
      g_assert_cmpstr (cm_document_get_text (header), ==, cm_document_get_text (loaded));
      g_assert_cmpuint (clauses->len, ==, cm_document_get_n_clauses (loaded));
      for (guint j = 0; j < clauses->len; j++)
        g_assert_true (cm_clause_equal (g_ptr_array_index (clauses, j),
                                        cm_document_get_clause (loaded, j)));

      first = cm_document_to_json (loaded, &length);
      copy = g_build_filename (dir, fixtures[i], NULL);
      g_assert_true (cm_document_save (loaded, copy, &error));
      g_assert_no_error (error);
      again = cm_document_load (copy, &error);
      g_assert_no_error (error);
      second = cm_document_to_json (again, NULL);
      g_assert_cmpstr (first, ==, second);

      /* Streamed to a descriptor (annotate --jsonl): the same bytes. */
      {
        g_autofree char *streamed_path = g_build_filename (dir, "streamed.json", NULL);
        g_autofree char *streamed = NULL;
        int fd = g_open (streamed_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        g_assert_cmpint (fd, >=, 0);
        g_assert_true (cm_document_write_fd (loaded, fd, &error));
        g_assert_no_error (error);
        close (fd);
        g_file_get_contents (streamed_path, &streamed, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (streamed, ==, first);
      }
    }
}

static char *
load_error (CmDocument *(*load) (const char *, const char *, gsize, GError **),
            const char  *path,
            const char  *data,
            gsize        length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = load (path, data, length, &error);

  if (document != NULL)
    return g_strdup ("accepted");
  return g_strdup_printf ("%s %d: %s", g_quark_to_string (error->domain), error->code,
                          error->message);
}

static CmDocument *
load_whole (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  return cm_document_load (path, error);
}

static gboolean
drop_clause (CmDocument  *document,
             CmClause    *clause,
             gpointer     user_data,
             GError     **error)
{
  return TRUE;
}

static CmDocument *
load_by_clause (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  return cm_document_load_each (path, drop_clause, NULL, error);
}

static CmDocument *
load_from_memory (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  return cm_document_from_json (data, (gssize) length, path, error);
}

/* Damaged documents (cut short, a token dropped in, a byte changed) get
 * the same first error from a file, from memory and clause by clause. */
static void
test_damaged_documents (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  static const char *insertions[] = {
    "\"", "\\", "{", "}", "[", "]", ",", ":", "\\u0000", "\\ud800", "1e999", "null", "\"id\"",
    "\"x\",", "\"c1\"", "-1", "\n", "\xff", "\"labels\": [],",
  };
  GRand *rand = g_rand_new_with_seed (9);
  guint n_refused = 0;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *path = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *by_clause = NULL;
      g_autofree char *memory = NULL;
      g_autoptr(GString) damaged = NULL;
      gsize length, at;

      contents = read_fixture (fixtures[i % G_N_ELEMENTS (fixtures)], &length);
      damaged = g_string_new_len (contents, (gssize) length);
      at = g_rand_int_range (rand, 0, (gint32) length);
      switch (i % 3)
        {
        case 0:
          g_string_truncate (damaged, at);
          break;
        case 1:
          g_string_insert (damaged, (gssize) at,
                           insertions[g_rand_int_range (rand, 0, G_N_ELEMENTS (insertions))]);
          break;
        default:
          damaged->str[at] = (char) g_rand_int_range (rand, 1, 256);
          break;
        }
      path = cm_test_write_file (dir, "damaged.json", damaged->str, (gssize) damaged->len);
      whole = load_error (load_whole, path, NULL, 0);
      by_clause = load_error (load_by_clause, path, NULL, 0);
      memory = load_error (load_from_memory, path, damaged->str, damaged->len);
      g_assert_cmpstr (whole, ==, memory);
      g_assert_cmpstr (whole, ==, by_clause);
      n_refused += !g_str_equal (whole, "accepted");
    }
  g_rand_free (rand);
  /* Most damage is refused; a changed letter in a note is not. */
  g_assert_cmpuint (n_refused, >, 300);
}

/* A rule across clauses broken early, a clause broken later: the later
 * clause's own error comes first, as when the whole tree was checked. */
static void
test_first_error_order (void)
{
  const char *json =
    "{\"format\": \"clausemark-document\", \"version\": 1, \"id\": \"d\", \"title\": null,"
    " \"language\": \"en\", \"source\": {\"path\": null, \"sha256\": null, \"encoding\": null,"
    " \"loader\": null}, \"taxonomy\": \"privacy-11\", \"granularity\": \"sentence\","
    " \"text\": \"Hello. World.\", \"clauses\": ["
    "{\"id\": \"c1\", \"start\": 7, \"end\": 13, \"kind\": \"body\", \"level\": 0, \"marker\": null,"
    " \"heading_path\": [], \"language\": \"en\", \"labels\": [], \"suggestions\": [],"
    " \"confidence\": null, \"status\": \"unreviewed\", \"reviewer\": null, \"timestamp\": null,"
    " \"note\": null},"
    "{\"id\": \"c2\", \"start\": 0, \"end\": 6, \"kind\": \"body\", \"level\": 0, \"marker\": null,"
    " \"heading_path\": [], \"language\": \"en\", \"labels\": [], \"suggestions\": [],"
    " \"confidence\": null, \"status\": \"unreviewed\", \"reviewer\": null, \"timestamp\": null,"
    " \"note\": null},"
    "{\"id\": \"c3\", \"start\": 0, \"end\": 1, \"kind\": \"nonsense\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = cm_document_from_json_each (json, strlen (json), "d.json",
                                                               drop_clause, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "d.json: clause c3: unknown kind “nonsense” (body, heading, list-item or "
                   "boilerplate)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-reader/tokens", test_tokens);
  g_test_add_func ("/json-reader/trees-match-json-glib", test_trees_match_json_glib);
  g_test_add_func ("/json-reader/window-edges", test_window_edges);
  g_test_add_func ("/json-reader/documents-round-trip", test_documents_round_trip);
  g_test_add_func ("/json-reader/damaged-documents", test_damaged_documents);
  g_test_add_func ("/json-reader/first-error-order", test_first_error_order);
  return g_test_run ();
}
