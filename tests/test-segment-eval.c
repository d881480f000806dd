/* test-segment-eval.c — `clausemark-cli segment-eval` meets the bar:
 * sentence-boundary F1 >= 0.97 against the CAPP-130 reference splits; its
 * --json report stays one JSON value with --verbose, and its per-policy
 * counts add up to the totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cm-test-util.h"

#define F1_BAR 0.97

static void
test_capp130_boundaries (void)
{
  const char *shared = cm_test_shared_dir ();
  g_autofree char *cli = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *figures;
  int status = 0;
  const char *argv[] = { NULL, "segment-eval", "--shared", NULL, "--json", "--verbose", NULL };
  double precision, recall, f1;
  JsonArray *per_policy;
  gint64 correct = 0, predicted = 0, reference = 0;

  if (shared == NULL)
    return;  /* skipped, with the reason, by cm_test_shared_dir() */

  cli = g_build_filename (g_getenv ("CM_BUILD_DIR"), "src", "cli", "clausemark-cli", NULL);
  argv[0] = cli;
  argv[3] = shared;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_printerr ("%s", err);
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  figures = json_node_get_object (json_parser_get_root (parser));
  precision = json_object_get_double_member (figures, "precision");
  recall = json_object_get_double_member (figures, "recall");
  f1 = json_object_get_double_member (figures, "f1");

  g_test_message ("CAPP-130 sentence boundaries over %" G_GINT64_FORMAT " policies "
                  "(%" G_GINT64_FORMAT " skipped): precision %.4f, recall %.4f, F1 %.4f; "
                  "segmenter %.1f MB/s of CPU time",
                  json_object_get_int_member (figures, "policies"),
                  json_object_get_int_member (figures, "skipped"),
                  precision, recall, f1,
                  json_object_get_double_member (figures, "segment_mb_per_s"));
  g_print ("# boundary F1 %.4f (precision %.4f, recall %.4f)\n", f1, precision, recall);

  /* Nearly all CAPP-130 policies are comparable position by position. */
  g_assert_cmpint (json_object_get_int_member (figures, "policies"), >=, 90);
  g_assert_cmpint (json_object_get_int_member (figures, "reference"), >, 10000);
  g_assert_cmpfloat (f1, >=, F1_BAR);
  /* F1 is what it says it is. */
  g_assert_cmpfloat_with_epsilon (f1, 2 * precision * recall / (precision + recall), 1e-9);

  /* each policy once, the totals their sums; --verbose's lines went to
   * standard error */
  per_policy = json_object_get_array_member (figures, "per_policy");
  g_assert_cmpint (json_array_get_length (per_policy), ==, json_object_get_int_member (figures, "policies"));
  for (guint i = 0; i < json_array_get_length (per_policy); i++)
    {
      JsonObject *policy = json_array_get_object_element (per_policy, i);

      g_assert_true (g_str_has_suffix (json_object_get_string_member (policy, "policy"), ".txt"));
      correct += json_object_get_int_member (policy, "correct");
      predicted += json_object_get_int_member (policy, "predicted");
      reference += json_object_get_int_member (policy, "reference");
    }
  g_assert_cmpint (correct, ==, json_object_get_int_member (figures, "correct"));
  g_assert_cmpint (predicted, ==, json_object_get_int_member (figures, "predicted"));
  g_assert_cmpint (reference, ==, json_object_get_int_member (figures, "reference"));
  g_assert_nonnull (strstr (err, json_object_get_string_member (json_array_get_object_element (per_policy, 0),
                                                                  "policy")));
}

static void
test_usage_errors (void)
{
  g_autofree char *cli = g_build_filename (g_getenv ("CM_BUILD_DIR"), "src", "cli",
                                           "clausemark-cli", NULL);
  g_autofree char *tmp = cm_test_make_tmpdir ();
  const char *no_shared[] = { cli, "segment-eval", NULL };
  const char *empty_shared[] = { cli, "segment-eval", "--shared", tmp, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) no_shared, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);

  /* A folder without the corpus: a failure, not a figure. */
  g_assert_true (g_spawn_sync (NULL, (char **) empty_shared, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segment-eval/capp130-boundaries", test_capp130_boundaries);
  g_test_add_func ("/segment-eval/usage-errors", test_usage_errors);

  return g_test_run ();
}
