/* fuzz-loader.c — one loader (CM_FUZZ_FORMAT: text, html, markdown, …), then
 * the whole pipeline without models, then the JSON round trip
 *
 * Built once per format listed in tests/fuzz/meson.build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-annotate.h"
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
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmDocument) back = NULL;
  g_autofree char *json = NULL;
  CmAnnotateOptions options;
  gsize length;

  loaded = cm_loader_load_data ((const char *) data, size, "fuzz", CM_FUZZ_FORMAT, &error);
  if (loaded == NULL)
    {
      FUZZ_ASSERT (error != NULL, "the loader failed without an error");
      return 0;
    }
  FUZZ_ASSERT (g_utf8_validate (loaded->text, (gssize) loaded->size, NULL),
               "the loader gave text that is not UTF-8");
  cm_annotate_options_init (&options);
  document = cm_annotate_loaded (loaded, "fuzz", &options);
  FUZZ_ASSERT (cm_document_check (document, &error), "the pipeline made an invalid document: %s",
               error->message);
  /* Whatever the pipeline makes, the format reads back. */
  json = cm_document_to_json (document, &length);
  back = cm_document_from_json (json, (gssize) length, "round trip", &error);
  FUZZ_ASSERT (back != NULL, "the document does not read back: %s", error->message);
  return 0;
}
