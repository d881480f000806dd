/* cm-cli-train-options.h — the training recipe options `train` and
 * `eval --cv` share (solver, features, context, data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cm-trainer.h"

G_BEGIN_DECLS

/* The options, to add to a command's GOptionContext. */
const GOptionEntry *cm_cli_train_option_entries (void);

/* The recipe for @language from the parsed options; FALSE (with the usage
 * error printed) on a bad value. @appsi_order: the data has APPSI-139's
 * commas for spaces. */
gboolean cm_cli_train_options_apply (CmTrainOptions *options,
                                     const char     *language,
                                     gboolean        appsi_order);

/* Whether --flags was given: the models are then clause flag models
 * (apply the options first). */
gboolean cm_cli_train_options_have_flags (void);

/* Reads each file into @set (flags with --flags), its examples weighted
 * as --data-weight says; FALSE with the error printed. */
gboolean cm_cli_read_training_files (char          **files,
                                     CmLabelOrder    order,
                                     CmTrainingSet  *set);

/* FALSE (the error printed) when a --data-weight names no file of @files
 * or @more (either may be NULL). */
gboolean cm_cli_check_data_weights (char **files,
                                    char **more);

/* Applies --drop-no-topic to @set and adds the no-topic sentences of the
 * --no-topic-from files; FALSE with the error printed. Returns the set to
 * use (@set itself or a replacement; @set is then freed). */
CmTrainingSet *cm_cli_train_options_adjust_data (CmTrainingSet *set,
                                                 CmLabelOrder   order);

G_END_DECLS
