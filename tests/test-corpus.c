/* test-corpus.c — corpus folders: add, list, manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "clausemark-core.h"
#include "cm-test-util.h"

static CmDocument *
make_document (const char *id,
               const char *language,
               const char *partner,
               guint       n_reviewed)
{
  CmDocument *doc = cm_document_new (id, "One. Two. Three.");
  CmClause *clauses[] = {
    cm_clause_new ("c1", 0, 5, CM_CLAUSE_KIND_BODY),
    cm_clause_new ("c2", 5, 10, CM_CLAUSE_KIND_BODY),
    cm_clause_new ("c3", 10, 16, CM_CLAUSE_KIND_BOILERPLATE),
  };

  for (guint i = 0; i < n_reviewed; i++)
    cm_clause_mark_reviewed (clauses[i], CM_REVIEW_STATUS_ACCEPTED, "tester");
  cm_document_set_clauses (doc, clauses, G_N_ELEMENTS (clauses));
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    g_object_unref (clauses[i]);
  cm_document_set_language (doc, language);
  cm_document_set_partner_id (doc, partner);
  return doc;
}

static JsonObject *
find_entry (JsonArray  *documents,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *entry = json_array_get_object_element (documents, i);
      if (g_str_equal (json_object_get_string_member (entry, "id"), id))
        return entry;
    }
  return NULL;
}

/* tests/validate-json.py on @file with data/@schema: its exit status, or
 * -1 when python3 is missing. */
static void
test_add_list_manifest (void)
{
  g_autofree char *base = cm_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (base, "new", "corpus", NULL);
  g_autofree char *manifest = g_build_filename (dir, CM_CORPUS_MANIFEST, NULL);
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(CmCorpus) reopened = NULL;
  g_autoptr(CmDocument) zh = make_document ("policy-zh", "zh", "policy-en", 2);
  g_autoptr(CmDocument) en = make_document ("policy-en", "en", "policy-zh", 0);
  g_autoptr(CmDocument) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *zh_path = NULL;
  JsonObject *root, *entry;
  JsonArray *documents;
  int status;

  /* Refused without create, made with it. */
  g_assert_null (cm_corpus_open (dir, FALSE, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  corpus = cm_corpus_open (dir, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cm_corpus_get_name (corpus), ==, "corpus");

  g_assert_true (cm_corpus_add_document (corpus, zh, &error));
  g_assert_no_error (error);
  g_assert_true (cm_corpus_add_document (corpus, en, &error));
  g_assert_no_error (error);
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  g_assert_no_error (error);

  files = cm_corpus_list_documents (corpus);
  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_cmpstr (files[0], ==, "policy-en.json");
  g_assert_cmpstr (files[1], ==, "policy-zh.json");

  zh_path = g_build_filename (dir, "policy-zh.json", NULL);
  loaded = cm_document_load (zh_path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_document_equal (zh, loaded));

  json_parser_load_from_file (parser, manifest, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "clausemark-corpus");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 2);
  g_assert_false (json_object_get_boolean_member (root, "blind"));
  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  entry = find_entry (documents, "policy-zh");
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "file"), ==, "policy-zh.json");
  g_assert_cmpstr (json_object_get_string_member (entry, "language"), ==, "zh");
  g_assert_cmpstr (json_object_get_string_member (entry, "partner"), ==, "policy-en");
  g_assert_cmpint (json_object_get_int_member (entry, "n_clauses"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (entry, "n_reviewed"), ==, 2);
  g_assert_true (cm_corpus_validate_manifest (manifest, &error));
  g_assert_no_error (error);
  /* The manifest and the documents conform to the published schemas. */
  status = cm_test_validate_with_schema ("clausemark-corpus.schema.json", manifest);
  if (status >= 0)
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpint (cm_test_validate_with_schema ("clausemark-document.schema.json", zh_path),
                       ==, 0);
    }

  reopened = cm_corpus_open (dir, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cm_corpus_get_name (reopened), ==, "corpus");
}

/* A folder of documents without a manifest is a corpus too; stray files
 * (backups, other JSON, text) are not listed. */
static void
test_folder_without_manifest (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmDocument) doc = make_document ("a", "en", NULL, 1);
  g_autofree char *path = g_build_filename (dir, "renamed.json", NULL);
  /* Files that are not documents (kept only for the folder's sake). */
  g_autofree char *other G_GNUC_UNUSED = cm_test_write_file (dir, "other.json", "{\"name\": 1}",
                                                             -1);
  g_autofree char *text G_GNUC_UNUSED = cm_test_write_file (dir, "notes.txt", "hello", -1);
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  g_assert_true (cm_document_save (doc, path, &error));
  g_assert_true (cm_document_save (doc, path, &error));  /* leaves renamed.json~ */
  g_assert_no_error (error);
  corpus = cm_corpus_open (dir, FALSE, &error);
  g_assert_no_error (error);
  files = cm_corpus_list_documents (corpus);
  g_assert_cmpuint (g_strv_length (files), ==, 1);
  g_assert_cmpstr (files[0], ==, "renamed.json");
}

static void
test_bad_manifests (void)
{
  static const struct
  {
    const char *json;
    int code;
    const char *needle;
  } cases[] = {
    { "{\"format\": \"clausemark-corpus\", \"version\": 3, \"documents\": []}",
      CM_ERROR_NEWER_VERSION, "version 3" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 2, \"name\": \"x\","
      " \"created\": \"2026-11-25T09:00:00Z\", \"documents\": []}",
      CM_ERROR_INVALID, "“blind” is missing" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"x\", \"blind\": true,"
      " \"created\": \"2026-11-25T09:00:00Z\", \"documents\": []}",
      CM_ERROR_INVALID, "unknown member “blind”" },
    { "{\"format\": \"something\", \"version\": 1}", CM_ERROR_UNKNOWN_FORMAT, "not a Clausemark" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"x\", \"created\": \"2026-11-25T09:00:00Z\","
      " \"documents\": [{\"id\": \"a\", \"file\": \"../a.json\", \"language\": \"en\","
      " \"partner\": null, \"n_clauses\": 1, \"n_reviewed\": 0}]}",
      CM_ERROR_INVALID, "not a file name inside the folder" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"x\", \"created\": \"2026-11-25T09:00:00Z\","
      " \"documents\": [{\"id\": \"a\", \"file\": \"a.json\", \"language\": \"en\","
      " \"partner\": null, \"n_clauses\": 1, \"n_reviewed\": 5}]}",
      CM_ERROR_INVALID, "n_reviewed <= n_clauses" },
    { "{\"format\": \"clausemark-corpus\", ", CM_ERROR_PARSE, "malformed" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"x\", \"created\": \"now\","
      " \"documents\": []}", CM_ERROR_INVALID, "“created” (now) is not an ISO 8601" },
    { "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"x\","
      " \"created\": \"2026-11-25T09:00:00Z\", \"documents\": [], \"owner\": \"me\"}",
      CM_ERROR_INVALID, "unknown member “owner”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = cm_test_make_tmpdir ();
      g_autofree char *path = cm_test_write_file (dir, CM_CORPUS_MANIFEST, cases[i].json, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmCorpus) corpus = cm_corpus_open (dir, FALSE, &error);
      g_autofree char *after = NULL;

      g_assert_null (corpus);
      g_assert_error (error, CM_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, path));
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, cases[i].needle);
      g_file_get_contents (path, &after, NULL, NULL);
      g_assert_cmpstr (after, ==, cases[i].json);
    }
}

/* Blind labelling is a setting of the corpus: kept in its manifest across
 * saves; a version 1 manifest reads as not blind and is upgraded when saved. */
static void
test_blind (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  const char *v1 = "{\"format\": \"clausemark-corpus\", \"version\": 1, \"name\": \"team\","
                   " \"created\": \"2026-11-25T09:00:00Z\", \"documents\": []}";
  g_autofree char *path = cm_test_write_file (dir, CM_CORPUS_MANIFEST, v1, -1);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(CmCorpus) reopened = NULL;
  g_autoptr(GError) error = NULL;

  corpus = cm_corpus_open (dir, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (cm_corpus_get_blind (corpus));
  cm_corpus_set_blind (corpus, TRUE);
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, v1);

  reopened = cm_corpus_open (dir, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cm_corpus_get_blind (reopened));
  {
    g_autofree char *document = g_build_filename (dir, "any.json", NULL);
    g_autofree char *elsewhere = cm_test_make_tmpdir ();

    g_assert_true (cm_corpus_is_blind_for (document));
    g_assert_true (cm_corpus_is_blind_for (dir));
    g_assert_false (cm_corpus_is_blind_for (elsewhere));
  }
  g_assert_cmpstr (cm_corpus_get_name (reopened), ==, "team");
  g_assert_cmpint (cm_test_validate_with_schema ("clausemark-corpus.schema.json", path), <=, 0);
}

/* A manifest that appeared after opening, written by a newer Clausemark,
 * is not overwritten. */
static void
test_manifest_not_overwritten (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmCorpus) corpus = cm_corpus_open (dir, FALSE, NULL);
  const char *newer = "{\"format\": \"clausemark-corpus\", \"version\": 9}";
  g_autofree char *path = cm_test_write_file (dir, CM_CORPUS_MANIFEST, newer, -1);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cm_corpus_save_manifest (corpus, &error));
  g_assert_error (error, CM_ERROR, CM_ERROR_NEWER_VERSION);
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, newer);
}

static void
test_unsafe_ids (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmCorpus) corpus = cm_corpus_open (dir, FALSE, NULL);
  const char *ids[] = { "../escape", ".hidden", "clausemark-corpus", "a/b" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CmDocument) doc = make_document (ids[i], "en", NULL, 0);
      g_autoptr(GError) error = NULL;

      g_assert_false (cm_corpus_add_document (corpus, doc, &error));
      g_assert_error (error, CM_ERROR, CM_ERROR_INVALID);
    }
}

/* Runs clausemark-cli with @args; returns its exit status (-1: not built). */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autofree char *cli = g_build_filename (g_getenv ("CM_BUILD_DIR"), "src", "cli",
                                           "clausemark-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    return -1;
  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* `validate` and `stats` on a corpus: exit codes, messages, counts. */
static void
test_cli_validate_and_stats (void)
{
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autoptr(CmCorpus) corpus = cm_corpus_open (dir, FALSE, NULL);
  g_autoptr(CmDocument) zh = make_document ("zh", "zh", "en", 2);
  g_autoptr(CmDocument) en = make_document ("en", "en", "zh", 1);
  const char *labels[] = { "sharing", "unknown-label", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *bad = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  char *out = NULL, *err = NULL;
  JsonObject *root;
  JsonArray *label_counts;
  int status;

  cm_clause_set_labels (cm_document_get_clause (zh, 0), labels);
  cm_clause_set_labels (cm_document_get_clause (en, 1), labels);
  g_assert_true (cm_corpus_add_document (corpus, zh, NULL));
  g_assert_true (cm_corpus_add_document (corpus, en, NULL));
  g_assert_true (cm_corpus_save_manifest (corpus, NULL));

  status = run_cli ((const char *[]) { "validate", dir, NULL }, &out, &err);
  if (status < 0)
    {
      g_test_skip ("clausemark-cli is not built");
      return;
    }
  /* A label the document's taxonomy does not define makes it invalid
   * (exit 3); `stats` below still counts it, apart. */
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (err, "zh.json: clause "));
  g_assert_nonnull (strstr (err, "the label “unknown-label” is not in the taxonomy “privacy-11”"));
  g_assert_nonnull (strstr (out, CM_CORPUS_MANIFEST ": OK"));
  g_free (out);
  g_free (err);

  status = run_cli ((const char *[]) { "stats", "--json", dir, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "documents"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "clauses"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (root, "labelable_clauses"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (root, "boilerplate_clauses"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "review"),
                                               "accepted"), ==, 3);
  label_counts = json_object_get_array_member (root, "labels");
  /* privacy-11's eleven labels in order, then the unknown one. */
  g_assert_cmpuint (json_array_get_length (label_counts), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (label_counts, 2),
                                                  "id"), ==, "sharing");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (label_counts, 2),
                                               "count"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (label_counts, 11),
                                                  "id"), ==, "unknown-label");
  g_free (out);
  g_free (err);

  /* An invalid file: exit 3, the file and the clause named on stderr. */
  bad = cm_test_write_file (dir, "bad.json",
                            "{\"format\":\"clausemark-document\",\"version\":1,\"id\":\"b\","
                            "\"title\":null,\"language\":\"en\",\"source\":{\"path\":null,"
                            "\"sha256\":null,\"encoding\":null,\"loader\":null},"
                            "\"taxonomy\":\"privacy-11\",\"granularity\":\"sentence\","
                            "\"text\":\"ab\",\"clauses\":[{\"id\":\"c7\",\"start\":0,"
                            "\"end\":5}]}", -1);
  status = run_cli ((const char *[]) { "validate", dir, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (err, "bad.json: clause c7: end 5 is beyond the text"));
  g_free (out);
  g_free (err);

  /* Unreadable beats invalid: exit 1. */
  status = run_cli ((const char *[]) { "validate", bad, missing, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "missing.json"));
  g_free (out);
  g_free (err);

  status = run_cli ((const char *[]) { "validate", NULL }, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_free (out);
  g_free (err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/add-list-manifest", test_add_list_manifest);
  g_test_add_func ("/corpus/without-manifest", test_folder_without_manifest);
  g_test_add_func ("/corpus/bad-manifests", test_bad_manifests);
  g_test_add_func ("/corpus/unsafe-ids", test_unsafe_ids);
  g_test_add_func ("/corpus/blind", test_blind);
  g_test_add_func ("/corpus/manifest-not-overwritten", test_manifest_not_overwritten);
  g_test_add_func ("/corpus/cli-validate-stats", test_cli_validate_and_stats);

  return g_test_run ();
}
