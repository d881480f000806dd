/* cm-cli-commands.h — the subcommands of clausemark-cli
 *
 * Each subcommand lives in its own cm-cli-<name>.c and returns an exit code
 * (see CmCliExit). argv[0] is the subcommand's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CM_CLI_EXIT_OK = 0,
  CM_CLI_EXIT_FAILURE = 1,  /* some input could not be processed */
  CM_CLI_EXIT_USAGE = 2,    /* bad command line */
  CM_CLI_EXIT_INVALID = 3,  /* validate: a file does not conform */
} CmCliExit;

typedef int (*CmCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  CmCliCommandFunc  run;
} CmCliCommand;

/* Prints "clausemark-cli: <file>: <reason>" on stderr. */
void cm_cli_print_error (const char *file,
                         const char *message);
/* Parses options for a subcommand with a uniform --help; FALSE on bad usage. */
gboolean cm_cli_parse (GOptionContext *context,
                       int            *argc,
                       char         ***argv);

int cm_cli_cmd_annotate (int argc, char **argv);
int cm_cli_cmd_split_pair (int argc, char **argv);
int cm_cli_cmd_align (int argc, char **argv);
int cm_cli_cmd_diff (int argc, char **argv);
int cm_cli_cmd_compare (int argc, char **argv);
int cm_cli_cmd_train (int argc, char **argv);
int cm_cli_cmd_eval (int argc, char **argv);
int cm_cli_cmd_explain (int argc, char **argv);
int cm_cli_cmd_validate (int argc, char **argv);
int cm_cli_cmd_stats (int argc, char **argv);
int cm_cli_cmd_merge (int argc, char **argv);
int cm_cli_cmd_agree (int argc, char **argv);
int cm_cli_cmd_import (int argc, char **argv);
int cm_cli_cmd_export (int argc, char **argv);
int cm_cli_cmd_checklist (int argc, char **argv);
int cm_cli_cmd_report (int argc, char **argv);

int cm_cli_cmd_segment_eval (int argc, char **argv);
G_END_DECLS
