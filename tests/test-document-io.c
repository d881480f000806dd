/* test-document-io.c — the JSON document format: round trip, refusals
 * (atomic saves in test-document-save.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "clausemark-core.h"
#include "cm-test-util.h"
#include "test-document-io-private.h"

static CmDocument *
round_trip (CmDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  CmDocument *back;
  gsize length;

  json = cm_document_to_json (doc, &length);
  g_assert_cmpuint (strlen (json), ==, length);
  back = cm_document_from_json (json, (gssize) length, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

static void
test_round_trip_full (void)
{
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(CmDocument) back = round_trip (doc);
  g_autoptr(CmDocument) again = round_trip (back);
  const CmSuggestion *s;
  guint n;

  g_assert_true (cm_document_equal (doc, back));
  g_assert_true (cm_document_equal (back, again));
  g_assert_cmpstr (cm_document_get_text (back), ==, text);
  g_assert_cmpstr (cm_clause_get_note (cm_document_get_clause (back, 1)), ==,
                   cm_clause_get_note (cm_document_get_clause (doc, 1)));
  /* Scores are written with ten decimals: within 1e-9, not bit-identical. */
  s = cm_clause_get_suggestions (cm_document_get_clause (back, 1), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (s[0].score, 0.123456789012345, 1e-10);
  g_assert_cmpfloat (s[1].score, ==, 0.25);
  g_assert_cmpfloat (s[2].score, ==, 0.0);
  /* A clause no model has seen keeps its negative confidence. */
  g_assert_cmpfloat (cm_clause_get_confidence (cm_document_get_clause (back, 0)), <, 0);
  g_assert_cmpstr (cm_document_get_partner_id (back), ==, "doc-en");
}

/* The written form: one line, escapes as JSON wants, pair present. */
static void
test_written_form (void)
{
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cm_document_to_json (doc, NULL);
  JsonObject *root, *clause;

  g_assert_null (strchr (json, '\n'));
  g_assert_nonnull (strstr (json, "\\u0001"));
  g_assert_nonnull (strstr (json, "\\u001f"));
  g_assert_nonnull (strstr (json, "\\\"collect\\\""));
  g_assert_nonnull (strstr (json, "data\\\\things\\tnow.\\n"));
  g_assert_nonnull (strstr (json, "一、个人信息"));  /* UTF-8 passes through */
  g_assert_true (g_str_has_prefix (json, "{\"format\":\"clausemark-document\",\"version\":2,"));

  /* An independent parser reads the same values. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "text"), ==, text);
  clause = json_array_get_object_element (json_object_get_array_member (root, "clauses"), 1);
  g_assert_cmpint (json_object_get_int_member (clause, "start"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (clause, "status"), ==, "corrected");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (clause, "confidence"),
                                  0.87654321, 1e-12);
  /* Unset optional values are null, not absent. */
  clause = json_array_get_object_element (json_object_get_array_member (root, "clauses"), 0);
  g_assert_true (json_object_has_member (clause, "note"));
  g_assert_true (json_object_get_null_member (clause, "note"));
  g_assert_true (json_object_get_null_member (clause, "confidence"));
  g_assert_true (json_object_has_member (root, "pair"));
}

static void
test_single_document_has_no_pair (void)
{
  g_autoptr(CmDocument) doc = cm_document_new ("solo", "Just text.");
  g_autoptr(CmDocument) back = NULL;
  g_autofree char *json = cm_document_to_json (doc, NULL);

  g_assert_null (strstr (json, "\"pair\""));
  back = round_trip (doc);
  g_assert_true (cm_document_equal (doc, back));
  g_assert_null (cm_document_get_partner_id (back));
  g_assert_cmpuint (cm_document_get_n_clauses (back), ==, 0);
}

static void
test_numbers (void)
{
  /* Scores are probabilities: values outside [0, 1] are refused (see
   * test-hardening.py), so the writer's precision is checked inside it. */
  static const double values[] = { 0.0, 1.0, 0.5, 0.1, 0.999999999951, 0.3333333333333,
                                   1e-11, 2.5e-10, 0.123456, 0.75, 0.123456789 };
  g_autoptr(CmDocument) doc = cm_document_new ("n", "abc");
  g_autoptr(CmDocument) back = NULL;
  CmClause *clause = cm_clause_new ("c1", 0, 3, CM_CLAUSE_KIND_BODY);
  CmSuggestion suggestions[G_N_ELEMENTS (values)];
  const CmSuggestion *read;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      suggestions[i].label = "x";
      suggestions[i].score = values[i];
    }
  cm_clause_set_suggestions (clause, suggestions, G_N_ELEMENTS (values));
  cm_document_set_clauses (doc, &clause, 1);
  g_object_unref (clause);
  back = round_trip (doc);
  read = cm_clause_get_suggestions (cm_document_get_clause (back, 0), &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (read[i].score, values[i], 1e-9);
  g_assert_true (cm_document_equal (doc, back));
}

static void
assert_refused (const char *json,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) doc = cm_document_from_json (json, -1, "bad.json", &error);

  g_assert_null (doc);
  g_assert_error (error, CM_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_truncated (void)
{
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autofree char *json = cm_document_to_json (doc, NULL);

  /* Cut anywhere: never a crash, always a parse error. */
  for (gsize cut = 0; cut < strlen (json); cut += 37)
    {
      g_autofree char *part = g_strndup (json, cut);
      assert_refused (part, CM_ERROR_PARSE, NULL);
    }
  assert_refused ("{\n\"format\": \"clausemark-document\",\n\"version\": 1,\n\"text\": \"abc",
                  CM_ERROR_PARSE, "malformed JSON at line 4, column");
}

static void
test_foreign_and_newer (void)
{
  assert_refused ("{\"name\": \"something else\"}", CM_ERROR_UNKNOWN_FORMAT, "not a Clausemark");
  assert_refused ("[1, 2, 3]", CM_ERROR_UNKNOWN_FORMAT, NULL);
  assert_refused ("{\"format\": \"clausemark-corpus\", \"version\": 1}", CM_ERROR_UNKNOWN_FORMAT,
                  NULL);
  assert_refused ("{\"format\": \"clausemark-document\", \"version\": 7, \"whatever\": []}",
                  CM_ERROR_NEWER_VERSION, "version 7");
  assert_refused ("{\"format\": \"clausemark-document\", \"version\": \"1\"}", CM_ERROR_INVALID,
                  "version");
}

/* Thousands of damaged copies (bytes flipped, inserted, deleted; seeded,
 * so failures reproduce): each is either read or refused with a CM_ERROR,
 * never a crash or a critical warning (fatal in the test environment). */
static void
test_damaged_input (void)
{
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autofree char *json = cm_document_to_json (doc, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  static const char alphabet[] = "{}[]\",:0123456789-.e\\ntu\x01\xff\xe4\xb8";
  gsize length = strlen (json);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) damaged = g_string_new_len (json, (gssize) length);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDocument) back = NULL;
      guint n_edits = 1 + g_rand_int_range (rand, 0, 3);

      for (guint e = 0; e < n_edits; e++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) damaged->len);
          char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              damaged->str[at] = c;
              break;
            case 1:
              g_string_insert_c (damaged, (gssize) at, c);
              break;
            default:
              g_string_erase (damaged, (gssize) at, 1);
              break;
            }
        }
      back = cm_document_from_json (damaged->str, (gssize) damaged->len, "damaged", &error);
      if (back == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == CM_ERROR);
          g_assert_true (g_str_has_prefix (error->message, "damaged: "));
        }
      else
        g_assert_no_error (error);
    }
}

/* A valid document's JSON with one substitution applied. */
static char *
mutate (const char *from,
        const char *to)
{
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autofree char *json = cm_document_to_json (doc, NULL);
  g_autoptr(GString) s = g_string_new (json);

  g_assert_nonnull (strstr (json, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_invariants (void)
{
  static const struct
  {
    const char *from, *to, *needle;
  } cases[] = {
    { "\"start\":38,\"end\":64", "\"start\":38,\"end\":9999", "clause c3: end 9999" },
    { "\"id\":\"c3\",\"start\":38", "\"id\":\"c3\",\"start\":36", "clause c3: starts at 36" },
    { "\"id\":\"c2\",\"start\":7,\"end\":37", "\"id\":\"c2\",\"start\":8,\"end\":6",
      "clause c2: start 8 is after end 6" },
    { "\"id\":\"c3\"", "\"id\":\"c1\"", "clause c1: the id is used twice" },
    { "\"kind\":\"body\"", "\"kind\":\"paragraph\"", "clause c2: unknown kind" },
    { "\"status\":\"corrected\"", "\"status\":\"done\"", "clause c2: unknown status" },
    { "\"start\":7", "\"start\":-1", "clause c2: “start” is -1" },
    { "\"start\":7", "\"start\":7.5", "clause c2: “start” must be an integer" },
    { "\"confidence\":0.87654321", "\"confidence\":1.5", "clause c2: “confidence” 1.5" },
    { "\"labels\":[\"collection\",\"sharing\"]", "\"labels\":[\"sharing\",\"sharing\"]",
      "names a label twice" },
    { "\"note\":null", "\"nothing\":null", "clause c1: “note” is missing" },
    { "\"clauses\":[\"c1\",\"c2\"]", "\"clauses\":[\"c1\",\"c9\"]", "clause c9 does not exist" },
    { "\"granularity\":\"paragraph\"", "\"granularity\":\"word\"", "granularity" },
    { "\"partner\":\"doc-en\"", "\"partner\":3", "pair: “partner” must be a string" },
    { "\"reviewed\":true", "\"reviewed\":1", "link 1: “reviewed”" },
    { "\"id\":\"doc-zh\"", "\"id\":\"\"", "“id” is empty" },
    { "\"sensitive\":null}}", "\"sensitive\":null},\"colour\":1}",
      "clause c1: unknown member “colour”" },
    { "\"flags\":[]", "\"flags\":[\"urgent\"]", "clause c1: “flags” holds “urgent”" },
    { "\"flag_scores\":{\"key\":null", "\"flag_scores\":{\"key\":1.5",
      "clause c1: “flag_scores”: “key” must be a number in [0, 1] or null" },
    { "\"flag_scores\":{\"key\":null,", "\"flag_scores\":{", "clause c1: “key” is missing" },
    { "\"flags\":[],", "", "clause c1: “flags” is missing" },
    { "\"taxonomy\":", "\"extra\":[],\"taxonomy\":", "unknown member “extra”" },
    { "\"partner_clauses\":[\"e1\"]", "\"partner_clauses\":[\"e1\",\"e1\"]",
      "link 1: a clause is listed twice" },
    { "\"sha256\":\"e3b0", "\"sha256\":\"E3b0", "source: “sha256” must be 64" },
    /* Same member count as a pair document, but the member is not "pair". */
    { "\"pair\":", "\"pairs\":", "unknown member “pairs”" },
    { "\"score\":0.75", "\"score\":0.75,\"why\":0", "link 1: unknown member “why”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = mutate (cases[i].from, cases[i].to);
      assert_refused (json, CM_ERROR_INVALID, cases[i].needle);
    }
}

/* Empty free text (title, marker, note…) round-trips; an empty label,
 * which the reader would refuse, is refused at save instead. */
static void
test_empty_strings (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.json", NULL);
  g_autoptr(CmDocument) doc = cm_document_new ("e", "abc");
  g_autoptr(CmDocument) back = NULL;
  CmClause *clause = cm_clause_new ("c1", 0, 3, CM_CLAUSE_KIND_BODY);
  const char *path_items[] = { "", "Section", NULL };
  const char *bad_labels[] = { "", NULL };
  g_autoptr(GError) error = NULL;

  cm_document_set_title (doc, "");
  cm_document_set_source (doc, "", NULL, "", NULL);
  cm_clause_set_marker (clause, "");
  cm_clause_set_reviewer (clause, "");
  cm_clause_set_heading_path (clause, path_items);
  cm_document_set_clauses (doc, &clause, 1);
  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_no_error (error);
  back = cm_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (doc, back));
  g_assert_cmpstr (cm_document_get_title (back), ==, "");

  /* Links without a partner could not be read back either. */
  {
    g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_link_free);
    const char *ids[] = { "c1", NULL };

    g_ptr_array_add (links, cm_link_new (ids, NULL, 1.0));
    cm_document_set_links (doc, links);
    g_assert_false (cm_document_save (doc, path, &error));
    g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no partner"));
    g_clear_error (&error);
    cm_document_set_links (doc, NULL);
  }

  cm_clause_set_labels (clause, bad_labels);
  g_assert_false (cm_document_save (doc, path, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "clause 1 (“c1”)"));
  g_object_unref (clause);
}

static void
test_load_errors (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *empty = cm_test_write_file (dir, "empty.json", "", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) doc = NULL;

  doc = cm_document_load (missing, &error);
  g_assert_null (doc);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  doc = cm_document_load (empty, &error);
  g_assert_null (doc);
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, empty));
  g_assert_false (cm_path_is_document (empty));
  g_assert_false (cm_path_is_document (dir));
}

/* Hand-written files with members in any order and pretty-printing load. */
static void
test_hand_written (void)
{
  const char *json =
    "{\n"
    "  \"id\": \"hand\", \"text\": \"Hello world. Bye.\", \"clauses\": [\n"
    "    {\"end\": 12, \"start\": 0, \"id\": \"c1\", \"kind\": \"body\", \"level\": 0,\n"
    "     \"marker\": null, \"heading_path\": [], \"language\": \"en\", \"labels\": [],\n"
    "     \"suggestions\": [{\"label\": \"usage\", \"score\": 1}], \"confidence\": 1,\n"
    "     \"status\": \"unreviewed\", \"reviewer\": null, \"timestamp\": null, \"note\": null}\n"
    "  ],\n"
    "  \"format\": \"clausemark-document\", \"version\": 1, \"title\": null,\n"
    "  \"language\": \"en\", \"taxonomy\": \"privacy-11\", \"granularity\": \"sentence\",\n"
    "  \"source\": {\"path\": null, \"sha256\": null, \"encoding\": null, \"loader\": null}\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) doc = cm_document_from_json (json, -1, "hand.json", &error);
  const CmSuggestion *s;

  g_assert_no_error (error);
  g_assert_cmpuint (cm_document_get_n_clauses (doc), ==, 1);
  s = cm_clause_get_suggestions (cm_document_get_clause (doc, 0), NULL);
  g_assert_cmpfloat (s[0].score, ==, 1.0);
  g_assert_cmpfloat (cm_clause_get_confidence (cm_document_get_clause (doc, 0)), ==, 1.0);
}

/* Runs tests/validate-json.py SCHEMA FILE; returns its exit status. */
static int
run_schema_validator (const char *file,
                      char      **errors)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *schema = cm_test_data_path ("clausemark-document.schema.json", NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (python == NULL)
    return -1;
  script = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "validate-json.py", NULL);
  {
    const char *argv[] = { python, script, schema, file, NULL };
    /* The validator's "OK" lines must not reach the TAP stream. */
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, errors,
                  &status, &error);
  }
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

/* What we write conforms to the published schema, checked by an
 * independent implementation (python3-jsonschema); and the schema has
 * teeth: a file with an unknown kind fails it. */
static void
test_schema (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmDocument) doc = make_full_document ();
  g_autoptr(CmDocument) single = cm_document_new ("single", "One.");
  g_autofree char *path = g_build_filename (dir, "full.json", NULL);
  g_autofree char *single_path = g_build_filename (dir, "single.json", NULL);
  g_autofree char *bad = mutate ("\"kind\":\"body\"", "\"kind\":\"paragraph\"");
  g_autofree char *bad_path = cm_test_write_file (dir, "bad.json", bad, -1);
  g_autoptr(GError) error = NULL;
  char *errors = NULL;
  int status;

  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_true (cm_document_save (single, single_path, &error));
  g_assert_no_error (error);
  status = run_schema_validator (path, &errors);
  if (status < 0)
    {
      g_test_skip ("python3 is not installed");
      return;
    }
  if (status != 0)
    g_error ("validate-json.py rejected %s: %s", path, errors);
  g_free (errors);
  g_assert_cmpint (run_schema_validator (single_path, &errors), ==, 0);
  g_free (errors);
  g_assert_cmpint (run_schema_validator (bad_path, &errors), ==, 1);
  g_assert_nonnull (strstr (errors, "$.clauses[1].kind"));
  g_free (errors);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-io/round-trip", test_round_trip_full);
  g_test_add_func ("/document-io/written-form", test_written_form);
  g_test_add_func ("/document-io/single-no-pair", test_single_document_has_no_pair);
  g_test_add_func ("/document-io/numbers", test_numbers);
  g_test_add_func ("/document-io/truncated", test_truncated);
  g_test_add_func ("/document-io/foreign-and-newer", test_foreign_and_newer);
  g_test_add_func ("/document-io/invariants", test_invariants);
  g_test_add_func ("/document-io/damaged-input", test_damaged_input);
  g_test_add_func ("/document-io/hand-written", test_hand_written);
  g_test_add_func ("/document-io/load-errors", test_load_errors);
  g_test_add_func ("/document-io/empty-strings", test_empty_strings);
  g_test_add_func ("/document-io/schema", test_schema);

  return g_test_run ();
}
