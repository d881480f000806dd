/* test-json-guard.c — JSON is checked before json-glib parses it
 *
 * Each case here was found by attacking the readers (issue 9): nesting
 * that overflows json-glib's recursive parser, duplicate members (the last
 * silently won), trailing data, \u0000 and lone surrogates, and integers
 * beyond 64 bits (read as -1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clausemark-core.h"
#include "cm-json-guard.h"
#include "cm-test-util.h"

static char *
nested (guint       depth,
        const char *open,
        const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
assert_refused (const char *json,
                const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cm_json_guard_check (json, strlen (json), "t.json", &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "t.json: "));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected);
}

static void
assert_accepted (const char *json)
{
  g_autoptr(GError) error = NULL;

  if (!cm_json_guard_check (json, strlen (json), "t.json", &error))
    g_error ("refused %s: %s", json, error->message);
}

static void
test_depth (void)
{
  g_autofree char *deep = nested (100000, "[", "]");
  g_autofree char *deep_objects = NULL;
  g_autofree char *limit = nested (CM_JSON_MAX_DEPTH, "[", "]");
  g_autofree char *over = nested (CM_JSON_MAX_DEPTH + 1, "[", "]");
  GString *objects = g_string_new (NULL);

  assert_refused (deep, "nested deeper than 64 levels");
  assert_accepted (limit);
  assert_refused (over, "line 1, column 65: nested deeper");
  for (guint i = 0; i < 100000; i++)
    g_string_append (objects, "{\"a\":");
  deep_objects = g_string_free (objects, FALSE);
  assert_refused (deep_objects, "nested deeper");
  /* Brackets inside strings are text, not nesting. */
  {
    g_autofree char *in_string = g_strdup_printf ("{\"note\": \"%s\"}", deep);
    assert_accepted (in_string);
  }
}

static void
test_members (void)
{
  assert_refused ("{\"a\": 1, \"b\": 2, \"a\": 3}", "the member “a” appears twice");
  /* The same name written with an escape is the same member. */
  assert_refused ("{\"id\": 1, \"\\u0069d\": 2}", "“id” appears twice");
  /* Beyond the linear check: a hash set. */
  {
    GString *big = g_string_new ("{");
    for (guint i = 0; i < 40; i++)
      g_string_append_printf (big, "\"k%u\": %u, ", i, i);
    g_string_append (big, "\"k7\": 0}");
    assert_refused (big->str, "“k7” appears twice");
    g_string_free (big, TRUE);
  }
  /* Equal names in different objects are fine. */
  assert_accepted ("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}");
}

static void
test_trailing_and_grammar (void)
{
  assert_refused ("{\"a\": 1} {\"a\": 2}", "data after the end of the JSON value");
  assert_refused ("{\"a\": 1}x", "data after");
  assert_accepted ("\xef\xbb\xbf {\"a\": 1}\r\n");
  assert_refused ("", "no JSON at all");
  assert_refused ("   ", "no JSON at all");
  assert_refused ("{\"a\": 01}", "a malformed number");
  assert_refused ("{\"a\": 1.}", "a malformed number");
  assert_refused ("{\"a\": tru}", "unexpected character");
  assert_refused ("{\"a\" 1}", "expected “:”");
  assert_refused ("[1, 2", "unexpected end");
  assert_refused ("[1 2]", "expected “,” or “]”");
  assert_refused ("{\"a\": \"x\ny\"}", "a control character");
  assert_refused ("{\"a\": \"\xff\"}", "not valid UTF-8");
  assert_refused ("{\"a\": \"\\q\"}", "invalid escape");
  assert_refused ("{\"a\": \"abc", "unterminated string");
  assert_accepted ("[true, false, null, -0.5e+3, \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]");
}

static void
test_escapes (void)
{
  assert_refused ("{\"text\": \"a\\u0000b\"}", "\\u0000 (a NUL character)");
  assert_refused ("{\"text\": \"\\ud800x\"}", "lone high surrogate");
  assert_refused ("{\"text\": \"\\udc00\"}", "lone low surrogate");
  assert_refused ("{\"text\": \"\\ud800\\u0041\"}", "lone high surrogate");
  assert_refused ("{\"text\": \"\\u12\"}", "four hexadecimal digits");
  assert_accepted ("{\"text\": \"\\ud83d\\ude42 \\u4e2d\"}");
}

static void
test_numbers (void)
{
  assert_refused ("{\"start\": 99999999999999999999}",
                  "the number 99999999999999999999 is too large");
  assert_refused ("{\"score\": -1e400}", "the number -1e400 is too large");
  assert_accepted ("{\"start\": 9223372036854775807, \"s\": -9223372036854775808}");
  assert_accepted ("{\"score\": 1e-400}");
}

static const char *minimal_document =
  "{\"format\": \"clausemark-document\", \"version\": 1, \"id\": \"d\", \"title\": null,"
  " \"language\": \"en\", \"source\": {\"path\": null, \"sha256\": null, \"encoding\": null,"
  " \"loader\": null}, \"taxonomy\": \"privacy-11\", \"granularity\": \"sentence\","
  " \"text\": \"Hello.\", \"clauses\": [{\"id\": \"c1\", \"start\": 0, \"end\": 6,"
  " \"kind\": \"body\", \"level\": 0, \"marker\": null, \"heading_path\": [],"
  " \"language\": \"en\", \"labels\": [], \"suggestions\": [], \"confidence\": null,"
  " \"status\": \"unreviewed\", \"reviewer\": null, \"timestamp\": null, \"note\": %s}]}";

static void
assert_document_refused (const char *json,
                         const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = cm_document_from_json (json, -1, "d.json", &error);

  g_assert_null (document);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected);
}

/* The document reader runs the guard: a deep note, a duplicate member and
 * trailing data are refused, not parsed (or crashed on). */
static void
test_document_reader (void)
{
  g_autofree char *deep = nested (100000, "[", "]");
  g_autofree char *deep_note = g_strdup_printf (minimal_document, deep);
  g_autofree char *ok = g_strdup_printf (minimal_document, "\"fine\"");
  g_autofree char *trailing = g_strconcat (ok, "{}", NULL);
  g_autofree char *duplicate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = cm_document_from_json (ok, -1, "d.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  assert_document_refused (deep_note, "d.json: malformed JSON at line 1");
  assert_document_refused (trailing, "data after the end");
  duplicate = g_strdup_printf (minimal_document, "\"a\", \"note\": \"b\"");
  assert_document_refused (duplicate, "the member “note” appears twice");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-guard/depth", test_depth);
  g_test_add_func ("/json-guard/members", test_members);
  g_test_add_func ("/json-guard/trailing-and-grammar", test_trailing_and_grammar);
  g_test_add_func ("/json-guard/escapes", test_escapes);
  g_test_add_func ("/json-guard/numbers", test_numbers);
  g_test_add_func ("/json-guard/document-reader", test_document_reader);
  return g_test_run ();
}
