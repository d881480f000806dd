/* cm-flagger.h — sets the clause flags (key, risk, sensitive) of documents
 *
 * The flag models (data/models/flags/NAME.cmmodel: CmModel files whose
 * taxonomy is "clausemark-flags" and whose labels are flag ids) give each
 * labelable clause a calibrated probability per flag; Chinese sensitive data,
 * which no corpus labels, is decided by the rules of cm-sensitive-rules.h
 * (probability 1 or 0: a rule's verdict, not a calibrated score). Clauses a
 * reviewer has not decided get the flags whose score passes the model's
 * threshold; decided clauses keep theirs.
 *
 * Immutable once loaded: flagging is safe from several threads (each on its
 * own document).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-clause-context.h"
#include "cm-document.h"
#include "cm-features.h"
#include "cm-sensitive-rules.h"
#include "cm-stack-windows.h"

G_BEGIN_DECLS

#define CM_TYPE_FLAGGER (cm_flagger_get_type ())

G_DECLARE_FINAL_TYPE (CmFlagger, cm_flagger, CM, FLAGGER, GObject)

/* Every *.cmmodel in @directory (nullable: rules only) and the rules. */
CmFlagger        *cm_flagger_load             (const char        *directory,
                                               CmSensitiveRules  *rules,
                                               GError           **error);
/* data/models/flags/ and data/lexicon/sensitive.tsv. */
CmFlagger        *cm_flagger_load_default     (GError           **error);
CmSensitiveRules *cm_flagger_get_rules        (CmFlagger         *self);
/* Whether @lang's @flag has a model or a rule. */
gboolean          cm_flagger_covers           (CmFlagger         *self,
                                               const char        *lang,
                                               CmFlag             flag);
/* Scores (and, for undecided clauses, flags) every labelable clause. */
void              cm_flagger_flag_document    (CmFlagger         *self,
                                               CmDocument        *document);
/* The same for the clauses [@first, @end) of @contexts (made by
 * cm_clause_contexts_new_for_window()). Flag models with a second stage
 * read the clauses outside the window from @stack, gathered in a first
 * pass over the same windows by cm_flagger_gather_window()
 * (cm-stack-windows.h); NULL when none has one. */
void              cm_flagger_flag_window      (CmFlagger         *self,
                                               CmDocument        *document,
                                               CmClauseContexts  *contexts,
                                               guint              first,
                                               guint              end,
                                               CmStackWindows    *stack);
void              cm_flagger_gather_window    (CmFlagger         *self,
                                               CmDocument        *document,
                                               CmClauseContexts  *contexts,
                                               guint              first,
                                               guint              end,
                                               CmStackWindows    *stack);
/* Whether a flag model has a second stage, which reads whole sections. */
gboolean          cm_flagger_has_second_stage (CmFlagger         *self);
/* @text's probability of @flag in @lang (negative: not covered). */
double            cm_flagger_score_text       (CmFlagger              *self,
                                               const char             *lang,
                                               CmFlag                  flag,
                                               const char             *text,
                                               const CmFeatureContext *context,
                                               gboolean               *decision);

G_END_DECLS
