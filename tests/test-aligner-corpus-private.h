/* test-aligner-corpus-private.h — what the aligner corpus test's files
 * share (test-aligner-corpus*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clausemark-core.h"
#include "cm-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *zh;  /* of char*, one sentence a line */
  GPtrArray *en;
} Policy;

typedef struct
{
  double merge_rate;     /* chance that an English line is merged with the next */
  double drop_en_rate;   /* chance that an English line is dropped */
  double drop_zh_rate;   /* chance that a Chinese line is dropped */
  double swap_rate;      /* chance that an English line swaps places with the next */
  double drop_title_rate;/* chance that a title line (short, no sentence end) is
                          * dropped from either version, each on its own */
  double abridge_rate;   /* chance that a line loses its last part (from a comma
                          * or semicolon on) in either version, each on its own:
                          * an official translation leaves things out */
} Variant;

/* Policies are split for tuning: every HOLD_OUT-th one (from the first) is
 * held out and only reported on; --tune calibrates on the others. */
#define HOLD_OUT 4

typedef enum
{
  POLICIES_ALL,
  POLICIES_TRAIN,
  POLICIES_HELD_OUT,
} PolicySet;

static inline gboolean
policy_in_set (guint     p,
               PolicySet set)
{
  switch (set)
    {
    case POLICIES_TRAIN: return p % HOLD_OUT != 0;
    case POLICIES_HELD_OUT: return p % HOLD_OUT == 0;
    case POLICIES_ALL: default: return TRUE;
    }
}

/* test-aligner-corpus.c */
GPtrArray  *load_corpus      (void);

/* test-aligner-corpus-variants.c */
void        make_variant     (const Policy  *policy,
                              const Variant *variant,
                              GRand         *rand,
                              guint          serial,
                              CmDocument   **out_zh,
                              CmDocument   **out_en,
                              GPtrArray     *gold);

/* test-aligner-corpus-layouts.c */
void        test_wall_of_text (void);
void        test_interleaved  (void);
int         run_tune_layouts  (void);

/* test-aligner-corpus-unrelated.c */
/* Appends the lines of the policies of @set, from the @first of them on
 * (cycling), until @pieces holds @n; ids @prefix1, @prefix2... */
void        corpus_lines      (GPtrArray  *policies,
                               PolicySet   set,
                               guint       first,
                               gboolean    chinese,
                               guint       n,
                               const char *prefix,
                               GPtrArray  *pieces,
                               GPtrArray  *ids);
/* Shuffles @pieces in blocks of @block, @ids (freeing g_free) alike. */
void        shuffle_blocks    (GPtrArray  *pieces,
                               GPtrArray  *ids,
                               guint       block,
                               GRand      *rand);
void        test_unrelated    (void);
void        test_unrelated_long (void);
void        test_shuffled     (void);
void        test_sections_moved (void);

/* test-aligner-corpus-bench.c */
int         run_bench         (guint n_clauses);
int         run_bench_unrelated (guint n_clauses);

G_END_DECLS
