/* fuzz-common.h — shared by the libFuzzer targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A broken invariant is a crash: libFuzzer keeps the input. */
#define FUZZ_ASSERT(condition, ...) \
  G_STMT_START { \
    if (!(condition)) \
      { \
        g_printerr ("fuzz invariant broken: " __VA_ARGS__); \
        g_printerr ("\n"); \
        abort (); \
      } \
  } G_STMT_END

/* Criticals (a g_return_if_fail() tripped) are bugs. Warnings are not
 * fatal: the libraries under the loaders may warn about malformed input. */
static inline void
fuzz_make_criticals_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  g_setenv ("CM_DATA_DIR", CM_FUZZ_DATA_DIR, FALSE);
}
