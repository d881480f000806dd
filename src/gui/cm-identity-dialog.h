/* cm-identity-dialog.h — asks once who is labelling, so that every
 * annotator's labels are recorded under their own name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_IDENTITY_DIALOG (cm_identity_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CmIdentityDialog, cm_identity_dialog, CM, IDENTITY_DIALOG, GtkWindow)

CmIdentityDialog *cm_identity_dialog_new      (GtkWindow        *parent);
/* The name typed so far, trimmed. */
char             *cm_identity_dialog_dup_name (CmIdentityDialog *self);
void              cm_identity_dialog_set_name (CmIdentityDialog *self,
                                               const char       *name);
/* As the buttons do: emits "chosen" (with the name) or "cancelled", then
 * closes. Confirming an empty name does nothing. */
void              cm_identity_dialog_confirm  (CmIdentityDialog *self);
void              cm_identity_dialog_cancel   (CmIdentityDialog *self);

G_END_DECLS
