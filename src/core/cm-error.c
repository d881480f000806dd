/* cm-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-error"

#include "config.h"

#include "cm-error.h"

G_DEFINE_QUARK (cm-error-quark, cm_error)
