/* fuzz-import.c — one importer of another tool's annotations
 * (CM_FUZZ_FORMAT: labelstudio, doccano, csv), then the documents it
 * builds through the format and back
 *
 * The importers read files: each input is written to a file in a private
 * folder (on tmpfs when there is one) first. Built once per format listed
 * in tests/fuzz/meson.build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "clausemark-core.h"
#include "fuzz-common.h"

static char *input_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "clausemark-fuzz-XXXXXX", NULL);

  fuzz_make_criticals_fatal ();
  dir = g_mkdtemp (g_steal_pointer (&template));
  FUZZ_ASSERT (dir != NULL, "no temporary folder");
  input_path = g_build_filename (dir, g_str_equal (CM_FUZZ_FORMAT, "csv") ? "fuzz.csv"
                                      : g_str_equal (CM_FUZZ_FORMAT, "doccano") ? "fuzz.jsonl"
                                      : "fuzz.json", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const char *paths[] = { input_path, NULL };
  CmImportOptions options = { 0, };
  CmInterchangeFormat format;

  FUZZ_ASSERT (cm_interchange_format_from_string (CM_FUZZ_FORMAT, NULL, &format, NULL),
               "unknown format " CM_FUZZ_FORMAT);
  FUZZ_ASSERT (g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL),
               "cannot write the input");
  documents = cm_interchange_import (format, paths, &options, &error);
  if (documents == NULL)
    {
      FUZZ_ASSERT (error != NULL && strstr (error->message, input_path) != NULL,
                   "a refusal that does not name the file");
      return 0;
    }
  for (guint i = 0; i < documents->len; i++)
    {
      CmDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(CmDocument) back = NULL;
      g_autofree char *json = NULL;
      gsize length;

      FUZZ_ASSERT (cm_document_check (document, &error), "imported an invalid document: %s",
                   error->message);
      json = cm_document_to_json (document, &length);
      back = cm_document_from_json (json, (gssize) length, "round trip", &error);
      FUZZ_ASSERT (back != NULL, "an imported document does not read back: %s", error->message);
    }
  return 0;
}
