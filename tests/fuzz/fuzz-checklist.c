/* fuzz-checklist.c — the checklist reader (--checklist FILE), then the
 * checklist evaluated on a small labelled document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "fuzz-common.h"

static CmDocument *document;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char text[] =
    "1. Information we collect\nWe collect your email address and location to provide the service.\n"
    "2. Retention\nWe keep your data for 6 months. Contact privacy@example.com.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmLoadedText) loaded = NULL;
  CmAnnotateOptions options;

  fuzz_make_criticals_fatal ();
  loaded = cm_loader_load_data (text, sizeof text - 1, "fuzz", "text", &error);
  FUZZ_ASSERT (loaded != NULL, "the fixed document does not load");
  cm_annotate_options_init (&options);
  document = cm_annotate_loaded (loaded, "fuzz", &options);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmChecklist) checklist = NULL;
  g_autoptr(GListStore) verdicts = NULL;

  checklist = cm_checklist_new_from_data ((const char *) data, (gssize) size, "fuzz", &error);
  if (checklist == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_str_has_prefix (error->message, "fuzz"),
                   "a refusal that does not name the input");
      return 0;
    }
  verdicts = cm_checklist_evaluate (checklist, document);
  FUZZ_ASSERT (g_list_model_get_n_items (G_LIST_MODEL (verdicts))
               == cm_checklist_get_n_items (checklist), "a verdict per item");
  return 0;
}
