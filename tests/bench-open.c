/* bench-open.c — opens a document as the window, diff, align and train do
 * (cm_document_load()), for scripts/bench-memory: peak memory and time are
 * measured around it by /usr/bin/time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "clausemark-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) document = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-open DOCUMENT.json\n");
      return 2;
    }
  document = cm_document_load (argv[1], &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%u clauses, %u characters\n", cm_document_get_n_clauses (document),
          cm_document_get_n_chars (document));
  return 0;
}
