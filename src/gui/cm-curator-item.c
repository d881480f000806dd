/* cm-curator-item.c — one clause as the curator sees it
 *
 * Computed once when the item is made: an edit of the clause replaces its
 * item (cm_curator_view_refresh()), so nothing here goes stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-curator-item"

#include "config.h"

#include "cm-curator-item.h"

struct _CmCuratorItem
{
  GObject    parent_instance;

  CmClause  *clause;
  guint      position;
  gboolean   disagrees;
  gboolean   boundaries_differ;
  GStrv      majority;
};

G_DEFINE_FINAL_TYPE (CmCuratorItem, cm_curator_item, G_TYPE_OBJECT)

static gboolean
any_span (CmClause *clause)
{
  for (guint i = 0; i < cm_clause_get_n_annotations (clause); i++)
    if (cm_annotation_get_span (cm_clause_get_annotation (clause, i), NULL, NULL))
      return TRUE;
  return FALSE;
}

static gboolean
labels_differ (CmClause *clause)
{
  guint n = cm_clause_get_n_annotations (clause);

  for (guint i = 1; i < n; i++)
    if (!cm_annotation_same_labels (cm_clause_get_annotation (clause, 0),
                                    cm_clause_get_annotation (clause, i)))
      return TRUE;
  return FALSE;
}

/* Every label chosen by more than half of those who answered, in the
 * order they first appear. */
static GStrv
compute_majority (CmClause *clause)
{
  guint n = cm_clause_get_n_annotations (clause);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char * const *labels = cm_annotation_get_labels (cm_clause_get_annotation (clause, i));

      for (guint l = 0; labels && labels[l]; l++)
        {
          guint votes = 0;

          if (!g_hash_table_add (seen, (gpointer) labels[l]))
            continue;
          for (guint j = 0; j < n; j++)
            votes += cm_annotation_has_label (cm_clause_get_annotation (clause, j), labels[l]);
          if (2 * votes > n)
            g_strv_builder_add (builder, labels[l]);
        }
    }
  return g_strv_builder_end (builder);
}

static void
cm_curator_item_finalize (GObject *object)
{
  CmCuratorItem *self = CM_CURATOR_ITEM (object);

  g_clear_object (&self->clause);
  g_strfreev (self->majority);
  G_OBJECT_CLASS (cm_curator_item_parent_class)->finalize (object);
}

static void
cm_curator_item_class_init (CmCuratorItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_curator_item_finalize;
}

static void
cm_curator_item_init (CmCuratorItem *self)
{
}

CmCuratorItem *
cm_curator_item_new (CmClause *clause,
                     guint     position)
{
  CmCuratorItem *self;

  g_return_val_if_fail (CM_IS_CLAUSE (clause), NULL);

  self = g_object_new (CM_TYPE_CURATOR_ITEM, NULL);
  self->clause = g_object_ref (clause);
  self->position = position;
  self->boundaries_differ = any_span (clause);
  self->disagrees = self->boundaries_differ || labels_differ (clause);
  self->majority = compute_majority (clause);
  return self;
}

CmClause *
cm_curator_item_get_clause (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), NULL);
  return self->clause;
}

guint
cm_curator_item_get_position (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), 0);
  return self->position;
}

gboolean
cm_curator_item_get_disagrees (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), FALSE);
  return self->disagrees;
}

gboolean
cm_curator_item_get_boundaries_differ (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), FALSE);
  return self->boundaries_differ;
}

gboolean
cm_curator_item_get_adjudicated (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), FALSE);
  return cm_clause_get_adjudicated (self->clause);
}

const char * const *
cm_curator_item_get_majority (CmCuratorItem *self)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), NULL);
  return (const char * const *) self->majority;
}

gboolean
cm_curator_item_uses_label (CmCuratorItem *self,
                            const char    *label)
{
  g_return_val_if_fail (CM_IS_CURATOR_ITEM (self), FALSE);
  if (cm_clause_has_label (self->clause, label))
    return TRUE;
  for (guint i = 0; i < cm_clause_get_n_annotations (self->clause); i++)
    if (cm_annotation_has_label (cm_clause_get_annotation (self->clause, i), label))
      return TRUE;
  return FALSE;
}

char *
cm_annotator_initials (const char *name)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) initials = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (name != NULL, NULL);
  words = g_regex_split_simple ("[\\s\\p{P}]+", name, 0, 0);
  n = 0;
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;
  if (n == 0)
    return g_strdup ("?");
  /* First and last word's first letter; one word gives one letter (a
   * Chinese name's surname). */
  g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (words[0])));
  if (n > 1)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (words[n - 1])));
  return g_string_free (g_steal_pointer (&initials), FALSE);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cm_document_dup_annotators (CmDocument *document)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gpointer *keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_keys;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      for (guint a = 0; a < cm_clause_get_n_annotations (clause); a++)
        g_hash_table_add (names, (gpointer) cm_annotation_get_annotator (cm_clause_get_annotation (clause, a)));
    }
  keys = g_hash_table_get_keys_as_array (names, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_names);
  for (guint i = 0; i < n_keys; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}
