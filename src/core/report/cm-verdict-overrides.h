/* cm-verdict-overrides.h — reviewers' checklist verdicts, kept with a document
 *
 * A reviewer may overrule what a checklist item's rules decided, with a
 * note. The overrides are attached to the CmDocument so the document's
 * JSON file carries them ("checklist_overrides" member, format version 2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"

G_BEGIN_DECLS

typedef struct
{
  char *checklist;  /* checklist id */
  char *item;       /* item id */
  char *verdict;    /* "present", "unclear", "absent", "not-applicable" */
  char *note;       /* nullable */
  char *reviewer;   /* nullable */
  char *timestamp;  /* ISO 8601 UTC, nullable */
} CmVerdictOverride;

/* The document's overrides (CmVerdictOverride), never NULL; owned by it. */
GPtrArray               *cm_document_get_verdict_overrides (CmDocument *document);
const CmVerdictOverride *cm_document_find_verdict_override (CmDocument *document,
                                                            const char *checklist,
                                                            const char *item);
/* Adds or replaces (@verdict NULL: removes) an override; @timestamp NULL:
 * now. */
void                     cm_document_set_verdict_override  (CmDocument *document,
                                                            const char *checklist,
                                                            const char *item,
                                                            const char *verdict,
                                                            const char *note,
                                                            const char *reviewer,
                                                            const char *timestamp);

/* A deep copy of @overrides (of CmVerdictOverride), e.g. for undo. */
GPtrArray               *cm_verdict_overrides_copy         (GPtrArray  *overrides);
gboolean                 cm_verdict_overrides_equal        (GPtrArray  *a,
                                                            GPtrArray  *b);
/* Replaces all of the document's overrides by copies of @overrides. */
void                     cm_document_replace_verdict_overrides (CmDocument *document,
                                                                GPtrArray  *overrides);

G_END_DECLS
