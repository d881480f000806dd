/* cm-error.h — the core's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CM_ERROR (cm_error_quark ())

typedef enum
{
  CM_ERROR_FAILED,          /* anything not covered below */
  CM_ERROR_EMPTY,           /* the input holds no text */
  CM_ERROR_BINARY,          /* the input is not text */
  CM_ERROR_ENCODING,        /* no encoding decodes the input */
  CM_ERROR_PARSE,           /* malformed JSON / HTML / model */
  CM_ERROR_UNKNOWN_FORMAT,  /* JSON, but not ours */
  CM_ERROR_NEWER_VERSION,   /* ours, but written by a newer Clausemark */
  CM_ERROR_INVALID,         /* ours, but violates the format's rules */
  CM_ERROR_TOO_LARGE,       /* beyond what we agree to load */
  CM_ERROR_CHANGED_ON_DISK, /* someone else wrote the file since we read it */
  CM_ERROR_NOT_FOUND,       /* a named id, label or file does not exist */
} CmError;

GQuark cm_error_quark (void);

G_END_DECLS
