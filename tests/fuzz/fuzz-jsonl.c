/* fuzz-jsonl.c — one `annotate --jsonl` record (without models)
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
  g_autoptr(CmDocument) document = NULL;
  CmAnnotateOptions options;

  cm_annotate_options_init (&options);
  document = cm_annotate_record ((const char *) data, size, "line 1", &options, &error);
  if (document == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_str_has_prefix (error->message, "line 1"),
                   "a refusal that does not name the line");
      return 0;
    }
  FUZZ_ASSERT (cm_document_check (document, &error), "an invalid document: %s", error->message);
  return 0;
}
