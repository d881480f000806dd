/* cm-interchange-private.h — shared by the readers and writers of
 * cm-interchange.h: every format reads into records, one per clause and
 * source line, which one builder turns into documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-document.h"
#include "cm-interchange.h"

G_BEGIN_DECLS

typedef struct
{
  char  *annotator;
  char **labels;      /* label names as the file gives them */
  char  *timestamp;   /* nullable */
} CmRecordAnswer;

typedef struct
{
  char      *label;
  double     score;
} CmRecordSuggestion;

typedef struct
{
  char      *where;         /* "FILE: task 12", for errors */
  char      *document;      /* the grouping value; NULL: a document of its own */
  char      *id;            /* the task or line id */
  char      *order;         /* the ordering value (the id without --order-by) */
  char      *text;
  GPtrArray *answers;       /* CmRecordAnswer */
  GPtrArray *suggestions;   /* CmRecordSuggestion */
  char      *curator;       /* CSV: who adjudicated, NULL: nobody */
  char     **final_labels;
  char      *final_timestamp;
} CmRecord;

CmRecord  *cm_record_new             (const char  *where);
void       cm_record_free            (CmRecord    *record);
void       cm_record_add_answer      (CmRecord    *record,
                                      const char  *annotator,
                                      char       **labels,
                                      const char  *timestamp);
void       cm_record_add_suggestion  (CmRecord    *record,
                                      const char  *label,
                                      double       score);

/* Records to documents (see the header); NULL with the unknown labels or
 * inconsistent records named. */
GPtrArray *cm_interchange_build      (GPtrArray              *records,
                                      const CmImportOptions  *options,
                                      const char             *loader,
                                      GError                **error);

/* The labelable clauses of a document, in order: position = index. */
typedef void (*CmExportClauseFunc) (CmDocument *document,
                                    CmClause   *clause,
                                    guint       position,
                                    gpointer    user_data);
void       cm_interchange_foreach    (GPtrArray          *documents,
                                      CmExportClauseFunc  func,
                                      gpointer            user_data);

/* Label Studio and doccano (cm-interchange-json.c). */
gboolean   cm_label_studio_read      (const char             *path,
                                      const CmImportOptions  *options,
                                      GPtrArray              *records,
                                      GError                **error);
char      *cm_label_studio_write     (GPtrArray              *documents);
gboolean   cm_doccano_read           (const char             *path,
                                      const CmImportOptions  *options,
                                      GPtrArray              *records,
                                      GError                **error);
gboolean   cm_doccano_write          (GPtrArray              *documents,
                                      const char             *folder,
                                      GError                **error);

/* CSV (cm-interchange-csv.c). */
gboolean   cm_csv_read               (const char             *path,
                                      GPtrArray              *records,
                                      GError                **error);
char      *cm_csv_write              (GPtrArray              *documents);

G_END_DECLS
