/* fuzz-taxonomy.c — the taxonomy reader
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
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load_data ((const char *) data, size, "fuzz",
                                                          &error);

  if (taxonomy == NULL)
    {
      FUZZ_ASSERT (error != NULL, "refused without an error");
      return 0;
    }
  /* What loads is usable: every label is found by its id. */
  for (guint i = 0; i < cm_taxonomy_get_n_labels (taxonomy); i++)
    FUZZ_ASSERT (cm_taxonomy_lookup (taxonomy, cm_taxonomy_get_label (taxonomy, i)->id) != NULL,
                 "label %u cannot be looked up", i);
  return 0;
}
