/* cm-label-style.h — how labels look: chip colours from the taxonomy and
 * names in the UI language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clausemark-core.h"

G_BEGIN_DECLS

/* Installs CSS classes "chip-<label id>" for every label of @taxonomy on the
 * default display (replacing those of a previous taxonomy). */
void        cm_label_style_install      (CmTaxonomy *taxonomy);
/* A small coloured chip showing a label's name. */
GtkWidget  *cm_label_chip_new           (const CmLabel *label);
/* A toggle button for one label, as the review desk shows them: the label's
 * key as a keycap, its name in the UI language and its chip colour, a
 * tooltip with its description and key. Clicking activates @action_name
 * with the label id as a string target. */
GtkWidget  *cm_label_toggle_new         (const CmLabel *label,
                                         const char    *action_name);
/* "zh" when the UI speaks Chinese, else "en". */
const char *cm_ui_language              (void);
/* The label's name in the UI language, or @id for a label not in the
 * taxonomy. */
const char *cm_label_display_name       (CmTaxonomy *taxonomy,
                                         const char *id);
/* A fraction (0..1) as a whole percentage, spaced as the UI language
 * writes it ("89%"). */
char       *cm_format_percent           (double      fraction);
/* The labels a clause shows: its final labels, or while labelling blind
 * (@blind_annotator set) that annotator's own answer, none before they
 * give one: neither the model's labels nor anyone else's. */
const char * const *cm_clause_shown_labels (CmClause   *clause,
                                            const char *blind_annotator);
/* Fills @box with chips for @labels (replacing its children). */
void        cm_label_chips_fill         (GtkBox             *box,
                                         CmTaxonomy         *taxonomy,
                                         const char * const *labels);

G_END_DECLS
