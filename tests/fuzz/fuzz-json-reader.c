/* fuzz-json-reader.c — the streaming JSON reader: its verdict, its trees
 *
 * Whatever the input, the reader ends (no crash, no hang, no recursion
 * deeper than CM_JSON_MAX_DEPTH); the check alone and the tree built
 * agree on accepting it; and an accepted tree, written out by json-glib,
 * reads back as the same tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-json-guard.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_criticals_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *written = NULL;
  gboolean checked;
  gsize length;

  checked = cm_json_guard_check ((const char *) data, size, "fuzz", &check_error);
  root = cm_json_parse_guarded ((const char *) data, size, "fuzz", &error);
  FUZZ_ASSERT (checked == (root != NULL), "the check and the tree disagree");
  if (root == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_str_has_prefix (error->message, "fuzz"),
                   "a refusal that does not name the input");
      FUZZ_ASSERT (g_str_equal (error->message, check_error->message),
                   "the check and the tree refuse differently");
      return 0;
    }
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  written = json_generator_to_data (generator, &length);
  back = cm_json_parse_guarded (written, length, "written", &error);
  FUZZ_ASSERT (back != NULL, "its own tree, written, is refused: %s", error->message);
  FUZZ_ASSERT (json_node_equal (root, back), "the tree changed on the way out and back");
  return 0;
}
