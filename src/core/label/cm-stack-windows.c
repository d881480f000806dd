/* cm-stack-windows.c — the second stage over a document read a window at a
 * time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-stacker"

#include "config.h"

#include <string.h>

#include "cm-stack-windows.h"
#include "cm-stacker.h"

/* What a window cannot see of the model's clauses outside it. */
typedef enum
{
  EDGE_PREVIOUS,       /* the scores of the clause before the window */
  EDGE_NEXT,           /* of the clause after it */
  EDGE_FIRST_SECTION,  /* the score sums of the section of the window's first clause */
  EDGE_LAST_SECTION,   /* and of its last clause's */
  N_EDGES
} Edge;

typedef struct
{
  guint n;               /* the model's clauses in the window */
  guint count[N_EDGES];  /* neighbours: 1 when there is one; sections: their size */
} Window;

/* One model's clauses through the document. */
typedef struct
{
  guint    n_labels;
  GArray  *windows;  /* of Window, in document order */
  GArray  *values;   /* of double: N_EDGES × n_labels a window, as Edge orders them */
  guint    cursor;   /* the second pass's next window */

  /* The first pass, at the last clause gathered: */
  char    *heading;  /* its heading path */
  double  *last;     /* its scores */
  double  *sum;      /* of its section so far */
  guint    count;    /* clauses in that section so far; 0 before the first clause */
  GArray  *waiting;  /* of guint: windows × N_EDGES + edge, the section edges that
                      * get the open section's sum when it closes */
} Sequence;

struct _CmStackWindows
{
  GHashTable *sequences;  /* CmModel → Sequence */
  gboolean    gathered;   /* the first pass is over */
};

static void
sequence_free (gpointer data)
{
  Sequence *sequence = data;

  g_array_unref (sequence->windows);
  g_array_unref (sequence->values);
  g_free (sequence->heading);
  g_free (sequence->last);
  g_free (sequence->sum);
  g_array_unref (sequence->waiting);
  g_free (sequence);
}

CmStackWindows *
cm_stack_windows_new (void)
{
  CmStackWindows *self = g_new0 (CmStackWindows, 1);

  self->sequences = g_hash_table_new_full (NULL, NULL, g_object_unref, sequence_free);
  return self;
}

void
cm_stack_windows_free (CmStackWindows *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->sequences);
  g_free (self);
}

static Sequence *
sequence_for (CmStackWindows *self,
              CmModel        *model)
{
  Sequence *sequence = g_hash_table_lookup (self->sequences, model);

  if (sequence == NULL)
    {
      sequence = g_new0 (Sequence, 1);
      sequence->n_labels = cm_model_get_n_labels (model);
      sequence->windows = g_array_new (FALSE, TRUE, sizeof (Window));
      sequence->values = g_array_new (FALSE, TRUE, sizeof (double));
      sequence->last = g_new0 (double, sequence->n_labels);
      sequence->sum = g_new0 (double, sequence->n_labels);
      sequence->waiting = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->sequences, g_object_ref (model), sequence);
    }
  return sequence;
}

static double *
edge_values (Sequence *sequence,
             guint     window,
             Edge      edge)
{
  return &g_array_index (sequence->values, double,
                         ((gsize) window * N_EDGES + edge) * sequence->n_labels);
}

static void
set_edge (Sequence     *sequence,
          guint         window,
          Edge          edge,
          const double *values,
          guint         count)
{
  g_array_index (sequence->windows, Window, window).count[edge] = count;
  memcpy (edge_values (sequence, window, edge), values, sizeof (double) * sequence->n_labels);
}

/* The open section is complete: the windows that begin or end in it get
 * its sum and size. */
static void
close_section (Sequence *sequence)
{
  for (guint i = 0; i < sequence->waiting->len; i++)
    {
      guint slot = g_array_index (sequence->waiting, guint, i);

      set_edge (sequence, slot / N_EDGES, slot % N_EDGES, sequence->sum, sequence->count);
    }
  g_array_set_size (sequence->waiting, 0);
  memset (sequence->sum, 0, sizeof (double) * sequence->n_labels);
  sequence->count = 0;
}

static void
wait_for_section (Sequence *sequence,
                  guint     window,
                  Edge      edge)
{
  guint slot = window * N_EDGES + edge;

  g_array_append_val (sequence->waiting, slot);
}

void
cm_stack_windows_gather (CmStackWindows         *self,
                         CmModel                *model,
                         const double           *scores,
                         const CmFeatureContext *contexts,
                         const guint            *order,
                         guint                   n)
{
  Sequence *sequence;
  Window window = { n, { 0, } };
  guint w, L;

  g_return_if_fail (self != NULL && CM_IS_MODEL (model));
  g_return_if_fail (n == 0 || (scores != NULL && contexts != NULL && order != NULL));
  g_return_if_fail (!self->gathered);

  if (n == 0)
    return;
  sequence = sequence_for (self, model);
  L = sequence->n_labels;
  w = sequence->windows->len;
  g_array_append_val (sequence->windows, window);
  g_array_set_size (sequence->values, sequence->values->len + (gsize) N_EDGES * L);
  if (w > 0)
    {
      set_edge (sequence, w, EDGE_PREVIOUS, sequence->last, 1);
      set_edge (sequence, w - 1, EDGE_NEXT, scores, 1);
    }
  for (guint k = 0; k < n; k++)
    {
      const char *heading = contexts[order[k]].heading;

      if (sequence->count > 0 && g_strcmp0 (heading, sequence->heading) != 0)
        close_section (sequence);
      if (sequence->count == 0)
        {
          g_free (sequence->heading);
          sequence->heading = g_strdup (heading);
        }
      if (k == 0)
        wait_for_section (sequence, w, EDGE_FIRST_SECTION);
      if (k == n - 1)
        wait_for_section (sequence, w, EDGE_LAST_SECTION);
      cm_stack_section_add (sequence->sum, scores + (gsize) k * L, 1, L);
      sequence->count++;
    }
  memcpy (sequence->last, scores + (gsize) (n - 1) * L, sizeof (double) * L);
}

/* The end of the first pass: the last sections are complete. */
static void
finish_gathering (CmStackWindows *self)
{
  GHashTableIter iter;
  gpointer sequence;

  g_hash_table_iter_init (&iter, self->sequences);
  while (g_hash_table_iter_next (&iter, NULL, &sequence))
    close_section (sequence);
  self->gathered = TRUE;
}

void
cm_stack_windows_apply (CmStackWindows         *self,
                        CmModel                *model,
                        double                 *scores,
                        const CmFeatureContext *contexts,
                        const guint            *order,
                        guint                   n)
{
  g_autofree double *features = NULL;
  g_autofree double *sum = NULL;
  const Window *window;
  Sequence *sequence;
  guint L, D;

  g_return_if_fail (self != NULL && CM_IS_MODEL (model) && cm_model_get_stack (model) != NULL);
  g_return_if_fail (n == 0 || (scores != NULL && contexts != NULL && order != NULL));

  if (!self->gathered)
    finish_gathering (self);
  if (n == 0)
    return;
  sequence = g_hash_table_lookup (self->sequences, model);
  g_return_if_fail (sequence != NULL && sequence->cursor < sequence->windows->len);
  window = &g_array_index (sequence->windows, Window, sequence->cursor);
  g_return_if_fail (window->n == n);

  L = sequence->n_labels;
  D = cm_stack_dim (L);
  features = g_new (double, (gsize) n * D);
  sum = g_new (double, L);
  for (guint start = 0, end; start < n; start = end)
    {
      const double *section_sum = sum;
      guint count;

      for (end = start + 1; end < n && g_strcmp0 (contexts[order[end]].heading,
                                                   contexts[order[end - 1]].heading) == 0; end++)
        ;
      /* Sections that may reach out of the window come from the first
       * pass; those inside it are summed here, in the same order. */
      if (start == 0)
        {
          section_sum = edge_values (sequence, sequence->cursor, EDGE_FIRST_SECTION);
          count = window->count[EDGE_FIRST_SECTION];
        }
      else if (end == n)
        {
          section_sum = edge_values (sequence, sequence->cursor, EDGE_LAST_SECTION);
          count = window->count[EDGE_LAST_SECTION];
        }
      else
        {
          cm_stack_section_sum (scores + (gsize) start * L, end - start, L, sum);
          count = end - start;
        }
      for (guint i = start; i < end; i++)
        {
          const double *own = scores + (gsize) i * L;
          const double *previous = i > 0 ? own - L
                                   : window->count[EDGE_PREVIOUS] > 0
                                   ? edge_values (sequence, sequence->cursor, EDGE_PREVIOUS)
                                   : NULL;
          const double *next = i + 1 < n ? own + L
                               : window->count[EDGE_NEXT] > 0
                               ? edge_values (sequence, sequence->cursor, EDGE_NEXT)
                               : NULL;

          cm_stack_clause_features (own, previous, next, section_sum, count, L,
                                    features + (gsize) i * D);
        }
    }
  sequence->cursor++;
  cm_stack_apply (cm_model_get_stack (model), features, n, L, scores);
}
