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
  return cm_test_copy_sample (tmpdir, "sample-zh.txt", name);
}

G_END_DECLS
