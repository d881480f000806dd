/* cm-report.h — the review report: findings first, then key clauses, then charts
 *
 * For each document: its title, source and review state; the findings,
 * most important first — disclosures the checklists find missing or
 * unclear, risk clauses quoted, the sensitive personal information it
 * processes, and (when its other language version is in the set) how the
 * two versions differ; the key clauses per topic (an extractive summary).
 * Then the corpus charts (cm-insight.h). Written in the UI language.
 *
 * The report is a list of blocks that two renderers lay out: PDF through
 * cairo and pango (cm-report-pdf.c), HTML as one self-contained file with
 * the charts inline as SVG (cm-report-html.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-flagger.h"
#include "cm-insight.h"

G_BEGIN_DECLS

typedef enum
{
  CM_REPORT_TITLE,       /* a document's title: starts a new page in the PDF */
  CM_REPORT_HEADING,
  CM_REPORT_SUBHEADING,
  CM_REPORT_META,        /* "Source: ..." lines under the title */
  CM_REPORT_TEXT,
  CM_REPORT_FINDING,     /* a finding; severity 1..3 colours its mark */
  CM_REPORT_QUOTE,       /* a clause, quoted; note: its id and labels */
  CM_REPORT_CHART,
} CmReportBlockKind;

typedef struct
{
  CmReportBlockKind  kind;
  char              *text;
  char              *note;      /* nullable: a second, smaller line */
  guint              severity;  /* findings: 1 low .. 3 high */
  CmChart           *chart;     /* CM_REPORT_CHART */
} CmReportBlock;

#define CM_TYPE_REPORT (cm_report_get_type ())

G_DECLARE_FINAL_TYPE (CmReport, cm_report, CM, REPORT, GObject)

/* @flagger (nullable) names the categories of sensitive data. */
CmReport            *cm_report_new            (CmInsight    *insight,
                                               CmFlagger    *flagger);
const char          *cm_report_get_title      (CmReport     *self);
guint                cm_report_get_n_blocks   (CmReport     *self);
const CmReportBlock *cm_report_get_block      (CmReport     *self,
                                               guint         index);

/* By the file name's extension: .pdf or .html (.htm); saved atomically. */
gboolean             cm_report_save           (CmReport     *self,
                                               const char   *path,
                                               GError      **error);
gboolean             cm_report_save_pdf       (CmReport     *self,
                                               const char   *path,
                                               GError      **error);
/* Returns the number of pages through @n_pages (nullable). */
gboolean             cm_report_render_pdf     (CmReport     *self,
                                               GString      *out,
                                               guint        *n_pages,
                                               GError      **error);
char                *cm_report_to_html        (CmReport     *self);
gboolean             cm_report_save_html      (CmReport     *self,
                                               const char   *path,
                                               GError      **error);

G_END_DECLS
