/* test-window-private.h — what the window's display tests share
 * (test-window*.c): each program's temporary directory and application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cm-test-util.h"
#include "cm-test-window.h"

G_BEGIN_DECLS

static char *tmpdir;
static CmApplication *app;

static inline char *
copy_sample (const char *name)
{
  g_autofree char *source = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  return cm_test_write_file (tmpdir, name, contents, (gssize) length);
}

/* Before the tests: recovery files in a fresh state dir, the application
 * registered with its annotator set. */
static inline void
window_test_init (int    *argc,
                  char ***argv)
{
  g_autofree char *state = NULL;

  /* Recovery files go to a fresh state dir, never the user's. */
  tmpdir = cm_test_make_tmpdir ();
  state = g_build_filename (tmpdir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("CLAUSEMARK_STYLE", "light", TRUE);
  g_unsetenv ("CLAUSEMARK_AUTO_RESTORE");

  gtk_test_init (argc, argv, NULL);
  app = cm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* Who labels is asked once (tests/test-team.c drives that question). */
  cm_application_set_annotator (app, "Test Reviewer");
}

G_END_DECLS
