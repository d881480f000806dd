/* cm-document-info.h — the document's information: how its file was read
 * (format, encoding), its clauses, and what the loader dropped or set
 * aside as boilerplate, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cm-document.h"

G_BEGIN_DECLS

#define CM_TYPE_DOCUMENT_INFO (cm_document_info_get_type ())

G_DECLARE_FINAL_TYPE (CmDocumentInfo, cm_document_info, CM, DOCUMENT_INFO, GtkPopover)

GtkWidget  *cm_document_info_new          (void);
/* Shows @document's information (NULL: none). */
void        cm_document_info_set_document (CmDocumentInfo *self,
                                           CmDocument     *document);
CmDocument *cm_document_info_get_document (CmDocumentInfo *self);
/* The report as shown, one line per reason (for tests). */
const char *cm_document_info_get_report   (CmDocumentInfo *self);

G_END_DECLS
