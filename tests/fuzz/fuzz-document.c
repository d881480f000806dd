/* fuzz-document.c — the JSON document reader, and the round trip of what it accepts
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
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmDocument) back = NULL;
  g_autofree char *json = NULL;
  gsize length;

  document = cm_document_from_json ((const char *) data, (gssize) size, "fuzz", &error);
  if (document == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_str_has_prefix (error->message, "fuzz"),
                   "a refusal that does not name the input");
      return 0;
    }
  FUZZ_ASSERT (cm_document_check (document, &error), "accepted, yet invalid: %s",
               error->message);
  json = cm_document_to_json (document, &length);
  back = cm_document_from_json (json, (gssize) length, "round trip", &error);
  FUZZ_ASSERT (back != NULL, "accepted, but its own output is refused: %s", error->message);
  FUZZ_ASSERT (cm_document_equal (document, back), "the round trip changed the document");
  return 0;
}
