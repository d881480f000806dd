/* cm-insight.h — what a corpus holds, as charts: the dashboard's data
 *
 * From a set of documents (flagged, see cm-flagger.h) and the checklists
 * that apply to each, the four views of the corpus dashboard:
 * - "topics": clauses per topic label, per document (stacked bars);
 * - "coverage": documents × checklist items, each cell a verdict (matrix);
 * - "flags": key, risk and sensitive clauses per document (bars);
 * - "review": clauses each annotator or reviewer decided, accepted or
 *   corrected (stacked bars), with the unreviewed ones.
 * Names are in the UI language. The report and `clausemark-cli report`
 * draw the same charts; each also exports as PNG, SVG and CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-chart.h"
#include "cm-checklist-verdict.h"
#include "cm-document.h"

G_BEGIN_DECLS

#define CM_TYPE_INSIGHT (cm_insight_get_type ())

G_DECLARE_FINAL_TYPE (CmInsight, cm_insight, CM, INSIGHT, GObject)

/* @checklists (of CmChecklist): the checklists for every document; NULL:
 * the bundled ones for each document's language. */
CmInsight  *cm_insight_new              (GPtrArray   *documents,
                                         GPtrArray   *checklists,
                                         GError     **error);
GPtrArray  *cm_insight_get_documents    (CmInsight   *self);
/* The verdicts of document @index: a GPtrArray of GListStore (one per
 * checklist, of CmChecklistVerdict). */
GPtrArray  *cm_insight_get_verdicts     (CmInsight   *self,
                                         guint        index);
/* "topics", "coverage", "flags", "review", in that order (of CmChart). */
GPtrArray  *cm_insight_get_charts       (CmInsight   *self);
CmChart    *cm_insight_get_chart        (CmInsight   *self,
                                         const char  *id);
/* Writes <id>.png, <id>.svg and <id>.csv of every chart into @directory. */
gboolean    cm_insight_export           (CmInsight   *self,
                                         const char  *directory,
                                         GError     **error);

/* "zh" when the UI speaks Chinese, else "en". */
const char *cm_report_ui_language       (void);

G_END_DECLS
