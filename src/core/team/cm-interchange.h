/* cm-interchange.h — annotations to and from other annotation tools
 *
 * Label Studio JSON exports (tasks with several annotations), doccano JSONL
 * exports (one file per annotator) and CSV (one row per clause and
 * annotator). Each task, line or row is a clause; records sharing a
 * grouping field become one document, ordered by another field (by the
 * task or line id without one); without a grouping field each record is a
 * document of its own. Label names map to the taxonomy's ids by id or by
 * name in either language; unknown names are refused, all listed.
 *
 * What each format keeps is in the README ("Working as a team"); export
 * then import then export gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CM_INTERCHANGE_LABEL_STUDIO,
  CM_INTERCHANGE_DOCCANO,
  CM_INTERCHANGE_CSV,
} CmInterchangeFormat;

typedef struct
{
  const char *taxonomy;     /* id or file; NULL: privacy-11 */
  const char *group_by;     /* field naming the document; NULL: one per record */
  const char *order_by;     /* field ordering a document's clauses; NULL: the record id */
  const char *text_field;   /* Label Studio: the data field with the text; NULL: "text" */
  const char *annotator;    /* doccano: the annotator of every file; NULL: the file's name */
  const char *language;     /* of the documents; NULL: "und" */
} CmImportOptions;

/* "labelstudio", "doccano", "csv"; or guessed from @path's extension when
 * @name is NULL (.jsonl doccano, .csv CSV, else Label Studio). */
gboolean    cm_interchange_format_from_string (const char           *name,
                                               const char           *path,
                                               CmInterchangeFormat  *format,
                                               GError              **error);

/* Reads @paths (NULL-terminated) into documents with annotations, sorted
 * by id; NULL with @error naming the file and record on bad input. */
GPtrArray  *cm_interchange_import             (CmInterchangeFormat     format,
                                               const char * const     *paths,
                                               const CmImportOptions  *options,
                                               GError                **error);

/* Writes @documents (CmDocument): Label Studio and CSV into the file
 * @path, doccano into the folder @path (one <annotator>.jsonl each). */
gboolean    cm_interchange_export             (CmInterchangeFormat     format,
                                               GPtrArray              *documents,
                                               const char             *path,
                                               GError                **error);
/* The same as text, for Label Studio and CSV (doccano: NULL). */
char       *cm_interchange_export_to_string   (CmInterchangeFormat     format,
                                               GPtrArray              *documents,
                                               GError                **error);

G_END_DECLS
