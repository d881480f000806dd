/* cm-pair-diff-side.c — what one side of a link holds
 *
 * The clauses of one version a link names, their text, the labels they
 * hold (a reviewer's exactly, a model's at its score), the models'
 * probabilities and how sure it is that one of them is a risk: what
 * cm-pair-diff.c compares between the two versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-diff"

#include "config.h"

#include "cm-pair-diff-private.h"

/* A model suggestion counts as a label from this score on (the models'
 * thresholds are tuned around it). */
#define SUGGESTION_THRESHOLD 0.5

static void
raise_permille (GHashTable *table,
                const char *label,
                double      score)
{
  int permille = (int) (CLAMP (score, 0, 1) * 1000 + 0.5);
  int old = GPOINTER_TO_INT (g_hash_table_lookup (table, label));

  if (permille > old)
    g_hash_table_insert (table, (gpointer) label, GINT_TO_POINTER (permille));
}

static void
side_raise_score (Side       *side,
                  const char *label,
                  double      score)
{
  raise_permille (side->labels, label, score);
}

int
cm_pair_side_score (const Side *side,
                    const char *label)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (side->labels, label));
}

static double
clause_risk (CmClause *clause)
{
  gboolean flagged = cm_clause_has_flag (clause, CM_FLAG_RISK);
  double p = cm_clause_get_flag_score (clause, CM_FLAG_RISK);

  if (cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED || p < 0.0)
    return flagged ? 1.0 : 0.0;
  return p;
}

void
cm_pair_side_init (Side        *side,
                   CmDocument  *document,
                   char       **ids)
{
  GString *text = g_string_new (NULL);

  side->clauses = g_ptr_array_new ();
  side->labels = g_hash_table_new (g_str_hash, g_str_equal);
  side->probabilities = g_hash_table_new (g_str_hash, g_str_equal);
  side->labelled = FALSE;
  side->reviewed = FALSE;
  side->risky = FALSE;
  side->risk = 0.0;
  side->kind = CM_CLAUSE_KIND_BODY;
  for (guint i = 0; ids && ids[i]; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids[i], NULL);
      const char * const *labels;
      const CmSuggestion *suggestions;
      guint n_suggestions = 0;
      g_autofree char *clause_text = NULL;

      if (clause == NULL)
        continue;
      if (side->clauses->len == 0)
        side->kind = cm_clause_get_kind (clause);
      g_ptr_array_add (side->clauses, clause);
      side->risky = side->risky || cm_clause_has_flag (clause, CM_FLAG_RISK);
      side->risk = MAX (side->risk, clause_risk (clause));
      clause_text = cm_document_dup_clause_text (document, clause);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, clause_text);

      labels = cm_clause_get_labels (clause);
      suggestions = cm_clause_get_suggestions (clause, &n_suggestions);
      if (cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED)
        {
          /* a reviewer's decision: exactly its labels */
          side->labelled = side->reviewed = TRUE;
          for (guint k = 0; labels && labels[k]; k++)
            g_hash_table_insert (side->labels, (gpointer) labels[k], GINT_TO_POINTER (1000));
          continue;
        }
      if ((labels && labels[0]) || n_suggestions > 0)
        side->labelled = TRUE;
      /* unreviewed labels are the model's choice: held, at their score */
      for (guint k = 0; labels && labels[k]; k++)
        side_raise_score (side, labels[k], SUGGESTION_THRESHOLD);
      for (guint k = 0; k < n_suggestions; k++)
        {
          side_raise_score (side, suggestions[k].label, suggestions[k].score);
          raise_permille (side->probabilities, suggestions[k].label, suggestions[k].score);
        }
    }
  side->text = g_string_free (text, FALSE);
}

void
cm_pair_side_clear (Side *side)
{
  g_ptr_array_unref (side->clauses);
  g_hash_table_unref (side->labels);
  g_hash_table_unref (side->probabilities);
  g_free (side->text);
}

/* The most important of a side's labels, or 0 without labels. */
double
cm_pair_side_label_weight (const Side *side,
                           const char **top_label)
{
  GHashTableIter iter;
  gpointer key, value;
  double best = 0;

  *top_label = NULL;
  g_hash_table_iter_init (&iter, side->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double w = cm_label_importance (key);

      if (GPOINTER_TO_INT (value) < HELD)
        continue;
      if (w > best || (w == best && g_strcmp0 (key, *top_label) < 0))
        {
          best = w;
          *top_label = key;
        }
    }
  return best;
}

