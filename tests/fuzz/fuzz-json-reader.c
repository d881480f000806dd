/* fuzz-json-reader.c — the streaming JSON reader: its verdict, its trees
 *
 * Whatever the input, the reader ends (no crash, no hang, no recursion
 * deeper than CM_JSON_MAX_DEPTH); the check alone and the tree built
 * agree on accepting it; and what both it and json-glib's own parser (which
 * it replaced) accept reads as the same tree. (json-glib's generator is
 * no judge: it writes 1e17 as "1e+17.0".)
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
  g_autoptr(JsonParser) parser = NULL;
  gboolean checked;

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
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL)
      || json_parser_get_root (parser) == NULL)
    return 0;
  FUZZ_ASSERT (json_node_equal (root, json_parser_get_root (parser)),
               "the tree differs from json-glib's");
  return 0;
}
