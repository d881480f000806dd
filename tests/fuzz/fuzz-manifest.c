/* fuzz-manifest.c — the corpus manifest reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
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

  if (!cm_corpus_validate_manifest_data ((const char *) data, size, "fuzz", &error))
    FUZZ_ASSERT (error != NULL, "refused without an error");
  return 0;
}
