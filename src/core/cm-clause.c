/* cm-clause.c — one clause of a document: its place, kind and heading path
 *
 * The object, its range, kind, level, marker, cut, heading path and
 * language, equality and copies; labels, review and flags are in
 * cm-clause-review.c, the team's annotations in cm-clause-team.c
 * (shared: cm-clause-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-clause"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cm-clause-private.h"
#include "cm-util-private.h"


G_DEFINE_FINAL_TYPE (CmClause, cm_clause, G_TYPE_OBJECT)


static GParamSpec *properties[N_PROPS];

void
cm_clause_notify (CmClause *self,
                  guint     prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Clause objects alive, for tests and benchmarks of memory. */
static gint n_live;

static gboolean
strv_equal0 (char **a,
             char **b)
{
  return g_strv_equal (a ? (const char * const *) a : empty_strv,
                       b ? (const char * const *) b : empty_strv);
}

/* A heading path lives in one reference-counted block (the pointers, then
 * the strings), so that the clauses of a section can share it: a long
 * policy has a million clauses and a few hundred headings. */
static char **
heading_path_new (const char * const *path)
{
  gsize n = 0, bytes = 0;
  char **strv;
  char *p;

  for (; path[n] != NULL; n++)
    bytes += strlen (path[n]) + 1;
  strv = g_atomic_rc_box_alloc ((n + 1) * sizeof (char *) + bytes);
  p = (char *) (strv + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      gsize size = strlen (path[i]) + 1;

      memcpy (p, path[i], size);
      strv[i] = p;
      p += size;
    }
  strv[n] = NULL;
  return strv;
}

static void
heading_path_release (char **strv)
{
  if (strv != NULL)
    g_atomic_rc_box_release (strv);
}

static void
cm_clause_finalize (GObject *object)
{
  CmClause *self = (CmClause *) object;

  g_atomic_int_add (&n_live, -1);
  g_free (self->id);
  g_free (self->marker);
  heading_path_release (self->heading_path);
  g_strfreev (self->labels);
  g_free (self->suggestions);
  g_free (self->reviewer);
  g_free (self->timestamp);
  g_free (self->note);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (cm_clause_parent_class)->finalize (object);
}

static void
cm_clause_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CmClause *self = CM_CLAUSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_END:
      g_value_set_uint (value, self->end);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_LABELS:
      g_value_set_boxed (value, self->labels);
      break;
    case PROP_SUGGESTIONS:
      g_value_set_uint (value, self->n_suggestions);
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_uint (value, self->annotations ? self->annotations->len : 0);
      break;
    case PROP_ADJUDICATED:
      g_value_set_boolean (value, self->adjudicated);
      break;
    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_clause_class_init (CmClauseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_clause_finalize;
  object_class->get_property = cm_clause_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, CM_CLAUSE_KIND_BOILERPLATE,
                                            CM_CLAUSE_KIND_BODY, ro);
  properties[PROP_LABELS] = g_param_spec_boxed ("labels", NULL, NULL, G_TYPE_STRV, ro);
  /* Notified when suggestions change; the value is their count. */
  properties[PROP_SUGGESTIONS] = g_param_spec_uint ("n-suggestions", NULL, NULL,
                                                    0, G_MAXUINT, 0, ro);
  properties[PROP_CONFIDENCE] = g_param_spec_double ("confidence", NULL, NULL,
                                                     -1.0, 1.0, -1.0, ro);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, CM_REVIEW_STATUS_CORRECTED,
                                              CM_REVIEW_STATUS_UNREVIEWED, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  /* Notified when any annotator's answer changes; the value is their count. */
  properties[PROP_ANNOTATIONS] = g_param_spec_uint ("n-annotations", NULL, NULL,
                                                    0, G_MAXUINT, 0, ro);
  properties[PROP_ADJUDICATED] = g_param_spec_boolean ("adjudicated", NULL, NULL, FALSE, ro);
  /* The current flags as a CmFlags mask; also notified when scores change. */
  properties[PROP_FLAGS] = g_param_spec_uint ("flags", NULL, NULL, 0, CM_FLAGS_ALL, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_clause_init (CmClause *self)
{
  self->confidence = -1.0;
  for (guint i = 0; i < CM_N_FLAGS; i++)
    self->flag_scores[i] = -1.0;
  self->language = g_intern_static_string ("und");
  g_atomic_int_inc (&n_live);
}

/**
 * cm_clause_count_live:
 *
 * Returns: how many clause objects exist now (a streaming pipeline's tests
 * check that it never holds them all).
 */
guint
cm_clause_count_live (void)
{
  return (guint) g_atomic_int_get (&n_live);
}

CmClause *
cm_clause_new (const char   *id,
               guint         start,
               guint         end,
               CmClauseKind  kind)
{
  CmClause *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (CM_TYPE_CLAUSE, NULL);
  self->id = g_strdup (id);
  self->start = start;
  self->end = end;
  self->kind = kind;
  return self;
}

const char *
cm_clause_get_id (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->id;
}

void
cm_clause_set_id (CmClause   *self,
                  const char *id)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (id != NULL);
  if (cm_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

guint
cm_clause_get_start (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->start;
}

guint
cm_clause_get_end (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->end;
}

guint
cm_clause_get_length (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->end - self->start;
}

void
cm_clause_set_range (CmClause *self,
                     guint     start,
                     guint     end)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (start <= end);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

CmClauseKind
cm_clause_get_kind (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), CM_CLAUSE_KIND_BODY);
  return self->kind;
}

void
cm_clause_set_kind (CmClause     *self,
                    CmClauseKind  kind)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

/* Boilerplate stays in the text but out of labelling and statistics. */
gboolean
cm_clause_is_labelable (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), FALSE);
  return self->kind != CM_CLAUSE_KIND_BOILERPLATE;
}

guint
cm_clause_get_level (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), 0);
  return self->level;
}

void
cm_clause_set_level (CmClause *self,
                     guint     level)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  self->level = level;
}

const char *
cm_clause_get_marker (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->marker;
}

void
cm_clause_set_marker (CmClause   *self,
                      const char *marker)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  cm_set_str (&self->marker, marker);
}

/**
 * cm_clause_get_cut:
 *
 * Returns: (nullable): why the segmenter ended this clause where no
 * sentence ends, because it had reached CM_SEGMENTER_MAX_CLAUSE_CHARS:
 * "semicolon", "comma", "space" (the best boundary it found) or "length"
 * (none: cut at the limit); %NULL for a clause that ends naturally.
 */
const char *
cm_clause_get_cut (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->cut;
}

void
cm_clause_set_cut (CmClause   *self,
                   const char *cut)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  g_return_if_fail (cut == NULL || cm_clause_cut_is_valid (cut));
  self->cut = g_intern_string (cut);
}

gboolean
cm_clause_cut_is_valid (const char *cut)
{
  static const char * const cuts[] = { "semicolon", "comma", "space", "length", NULL };

  return cut != NULL && g_strv_contains (cuts, cut);
}


const char * const *
cm_clause_get_heading_path (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->heading_path ? (const char * const *) self->heading_path : empty_strv;
}

void
cm_clause_set_heading_path (CmClause           *self,
                            const char * const *path)
{
  char **old;

  g_return_if_fail (CM_IS_CLAUSE (self));
  old = self->heading_path;
  self->heading_path = (path && path[0]) ? heading_path_new (path) : NULL;
  heading_path_release (old);
}

/**
 * cm_clause_share_heading_path:
 * @other: another clause (of the same section, typically the previous one)
 *
 * If @self and @other have equal heading paths, @self keeps @other's copy:
 * one copy serves both.
 *
 * Returns: whether they now share one.
 */
gboolean
cm_clause_share_heading_path (CmClause *self,
                              CmClause *other)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self) && CM_IS_CLAUSE (other), FALSE);

  if (self->heading_path == other->heading_path)
    return TRUE;
  if (!strv_equal0 (self->heading_path, other->heading_path))
    return FALSE;
  heading_path_release (self->heading_path);
  self->heading_path = other->heading_path ? g_atomic_rc_box_acquire (other->heading_path) : NULL;
  return TRUE;
}

const char *
cm_clause_get_language (CmClause *self)
{
  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);
  return self->language;
}

void
cm_clause_set_language (CmClause   *self,
                        const char *language)
{
  g_return_if_fail (CM_IS_CLAUSE (self));
  self->language = g_intern_string (language ? language : "und");
}



gboolean
cm_clause_equal (CmClause *a,
                 CmClause *b)
{
  g_return_val_if_fail (CM_IS_CLAUSE (a), FALSE);
  g_return_val_if_fail (CM_IS_CLAUSE (b), FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || a->start != b->start || a->end != b->end
      || a->kind != b->kind || a->level != b->level || g_strcmp0 (a->marker, b->marker) != 0
      || a->cut != b->cut
      || a->language != b->language || a->status != b->status
      || g_strcmp0 (a->reviewer, b->reviewer) != 0 || g_strcmp0 (a->timestamp, b->timestamp) != 0
      || g_strcmp0 (a->note, b->note) != 0 || a->n_suggestions != b->n_suggestions
      || !strv_equal0 (a->heading_path, b->heading_path) || !strv_equal0 (a->labels, b->labels)
      || a->flags != b->flags)
    return FALSE;
  for (guint i = 0; i < CM_N_FLAGS; i++)
    if (fabs (a->flag_scores[i] - b->flag_scores[i]) > 1e-9)
      return FALSE;
  if (fabs (a->confidence - b->confidence) > 1e-9)
    return FALSE;
  for (guint i = 0; i < a->n_suggestions; i++)
    if (a->suggestions[i].label != b->suggestions[i].label
        || fabs (a->suggestions[i].score - b->suggestions[i].score) > 1e-9)
      return FALSE;
  if (a->adjudicated != b->adjudicated
      || cm_clause_get_n_annotations (a) != cm_clause_get_n_annotations (b))
    return FALSE;
  for (guint i = 0; i < cm_clause_get_n_annotations (a); i++)
    if (!cm_annotation_equal (g_ptr_array_index (a->annotations, i),
                              g_ptr_array_index (b->annotations, i)))
      return FALSE;
  return TRUE;
}

static gpointer
ref_object (gconstpointer object,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

CmClause *
cm_clause_copy (CmClause *self)
{
  CmClause *copy;

  g_return_val_if_fail (CM_IS_CLAUSE (self), NULL);

  copy = cm_clause_new (self->id, self->start, self->end, self->kind);
  copy->level = self->level;
  copy->marker = g_strdup (self->marker);
  copy->cut = self->cut;
  copy->heading_path = self->heading_path ? g_atomic_rc_box_acquire (self->heading_path) : NULL;
  copy->language = self->language;
  copy->labels = g_strdupv (self->labels);
  cm_clause_set_suggestions (copy, self->suggestions, self->n_suggestions);
  copy->confidence = self->confidence;
  copy->status = self->status;
  copy->reviewer = g_strdup (self->reviewer);
  copy->timestamp = g_strdup (self->timestamp);
  copy->note = g_strdup (self->note);
  /* Annotations never change once made: the copy shares them. */
  if (self->annotations != NULL)
    copy->annotations = g_ptr_array_copy (self->annotations, ref_object, NULL);
  copy->adjudicated = self->adjudicated;
  copy->flags = self->flags;
  memcpy (copy->flag_scores, self->flag_scores, sizeof self->flag_scores);
  return copy;
}