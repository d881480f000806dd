/* cm-checklist-verdict.h — what a checklist item's rules decide for one document
 *
 * A verdict holds the item, what its rules decided (present, unclear,
 * absent, not applicable), the clauses that are its evidence, and a
 * reviewer's override with a note. Overrides live with the document
 * (cm-verdict-overrides.h), so they travel with its JSON file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-checklist.h"
#include "cm-document.h"

G_BEGIN_DECLS

typedef enum
{
  CM_VERDICT_PRESENT,
  CM_VERDICT_UNCLEAR,
  CM_VERDICT_ABSENT,
  CM_VERDICT_NOT_APPLICABLE,
  CM_N_VERDICTS
} CmVerdict;

const char *cm_verdict_to_string   (CmVerdict   verdict);
gboolean    cm_verdict_from_string (const char *str,
                                    CmVerdict  *verdict);
/* For people, in the UI language: "Present", "缺失"... */
const char *cm_verdict_get_name    (CmVerdict   verdict);

#define CM_TYPE_CHECKLIST_VERDICT (cm_checklist_verdict_get_type ())

G_DECLARE_FINAL_TYPE (CmChecklistVerdict, cm_checklist_verdict, CM, CHECKLIST_VERDICT, GObject)

CmChecklist           *cm_checklist_verdict_get_checklist (CmChecklistVerdict *self);
const CmChecklistItem *cm_checklist_verdict_get_item      (CmChecklistVerdict *self);
/* What the rules decided. */
CmVerdict              cm_checklist_verdict_get_rule_verdict (CmChecklistVerdict *self);
/* The reviewer's verdict when overridden, else the rules'. */
CmVerdict              cm_checklist_verdict_get_verdict   (CmChecklistVerdict *self);
gboolean               cm_checklist_verdict_is_overridden (CmChecklistVerdict *self);
const char            *cm_checklist_verdict_get_note      (CmChecklistVerdict *self);
/* Ids of the evidence clauses, in text order. */
const char * const    *cm_checklist_verdict_get_evidence  (CmChecklistVerdict *self);

/* Evaluates every item of @checklist on @document (current labels, flags,
 * anchors and terms of its labelable clauses), applying the overrides the
 * document holds. A GListStore of CmChecklistVerdict, in the checklist's
 * order. */
GListStore            *cm_checklist_evaluate              (CmChecklist        *checklist,
                                                           CmDocument         *document);

/* Records (or, with @verdict CM_N_VERDICTS, removes) a reviewer's verdict
 * on @self's item in @document, with a note, and updates @self. */
void                   cm_checklist_verdict_override      (CmChecklistVerdict *self,
                                                           CmDocument         *document,
                                                           CmVerdict           verdict,
                                                           const char         *note,
                                                           const char         *reviewer);

G_END_DECLS
