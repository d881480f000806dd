/* test-revision-corpus-private.h — what the revision corpus test's files
 * share (test-revision-corpus*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *lines[2];  /* of char*, one sentence a line: [0] zh, [1] en */
} Policy;

/* Every HOLD_OUT-th policy (from the first) is held out, as in
 * test-aligner-corpus. */
#define HOLD_OUT 4

typedef enum
{
  POLICIES_TRAIN,
  POLICIES_HELD_OUT,
} PolicySet;

static inline gboolean
policy_in_set (guint     p,
               PolicySet set)
{
  return set == POLICIES_HELD_OUT ? p % HOLD_OUT == 0 : p % HOLD_OUT != 0;
}

/* ---- the edits -------------------------------------------------------- */

typedef struct
{
  double reword_rate;   /* chance that a line is reworded */
  double add_rate;      /* chance that a line from another policy follows a line */
  double delete_rate;   /* chance that a line is deleted */
  double split_rate;    /* chance that a line is split in two */
  double merge_rate;    /* chance that a line is merged with the next */
  double anchor_rate;   /* chance that a line with a date, period or e-mail has them changed */
  guint  lines_per_move;/* one paragraph moved per this many lines (and one at least); 0: none */
  guint  inserted_items;/* numbered items inserted (the items after renumbered) */
  double rewrite_rate;  /* chance that a line is rewritten: four to eight edits
                         * (drawn only when set, so that the other sets keep
                         * their edits) */
} Edits;

/* A line of the new version: its text, the old lines it comes from
 * (indices) and whether an edit touched it. */
typedef struct
{
  char    *text;
  int      source[2];   /* -1: none */
  gboolean edited;
} NewLine;

/* test-revision-corpus-edits.c */
void make_revision (GPtrArray   *policies,
                    guint        p,
                    guint        language,
                    const Edits *edits,
                    GRand       *rand,
                    CmDocument **out_old,
                    CmDocument **out_new,
                    GPtrArray   *gold,
                    GPtrArray   *edited);

/* test-revision-corpus-numbering.c */
void insert_item (GArray     *lines,
                  const char *donor,
                  GRand      *rand);

G_END_DECLS
