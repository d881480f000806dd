/* cm-annotation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-annotation"

#include "config.h"

#include "cm-annotation.h"

struct _CmAnnotation
{
  GObject         parent_instance;

  const char     *annotator;  /* interned, like the labels: agreement over */
  const char    **labels;     /* millions of annotations compares pointers */
  CmReviewStatus  status;
  char           *timestamp;
  char           *note;
  gboolean        has_span;
  guint           span_start;
  guint           span_end;
};

G_DEFINE_FINAL_TYPE (CmAnnotation, cm_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANNOTATOR,
  PROP_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cm_annotation_finalize (GObject *object)
{
  CmAnnotation *self = (CmAnnotation *) object;

  g_free (self->labels);
  g_free (self->timestamp);
  g_free (self->note);

  G_OBJECT_CLASS (cm_annotation_parent_class)->finalize (object);
}

static void
cm_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmAnnotation *self = CM_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_LABELS:
      g_value_set_boxed (value, self->labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_annotation_class_init (CmAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_annotation_finalize;
  object_class->get_property = cm_annotation_get_property;

  /* Read-only: an annotation never changes once made (see the header). */
  properties[PROP_ANNOTATOR] = g_param_spec_string ("annotator", NULL, NULL, NULL, ro);
  properties[PROP_LABELS] = g_param_spec_boxed ("labels", NULL, NULL, G_TYPE_STRV, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_annotation_init (CmAnnotation *self)
{
  self->status = CM_REVIEW_STATUS_ACCEPTED;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

CmAnnotation *
cm_annotation_new (const char         *annotator,
                   const char * const *labels,
                   CmReviewStatus      status,
                   const char         *timestamp,
                   const char         *note)
{
  static const char * const none[] = { NULL };
  CmAnnotation *self;
  guint i;

  g_return_val_if_fail (annotator != NULL && annotator[0] != '\0', NULL);
  g_return_val_if_fail (status != CM_REVIEW_STATUS_UNREVIEWED, NULL);

  self = g_object_new (CM_TYPE_ANNOTATION, NULL);
  labels = labels ? labels : none;
  self->annotator = g_intern_string (annotator);
  self->labels = g_new (const char *, g_strv_length ((char **) labels) + 1);
  for (i = 0; labels[i] != NULL; i++)
    self->labels[i] = g_intern_string (labels[i]);
  self->labels[i] = NULL;
  self->status = status;
  self->timestamp = timestamp ? g_strdup (timestamp) : now_iso8601 ();
  self->note = (note && note[0]) ? g_strdup (note) : NULL;
  return self;
}

CmAnnotation *
cm_annotation_new_with_span (CmAnnotation *annotation,
                             guint         start,
                             guint         end)
{
  CmAnnotation *self;

  g_return_val_if_fail (CM_IS_ANNOTATION (annotation), NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = cm_annotation_new (annotation->annotator, (const char * const *) annotation->labels,
                            annotation->status, annotation->timestamp, annotation->note);
  self->has_span = TRUE;
  self->span_start = start;
  self->span_end = end;
  return self;
}

const char *
cm_annotation_get_annotator (CmAnnotation *self)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), NULL);
  return self->annotator;
}

const char * const *
cm_annotation_get_labels (CmAnnotation *self)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), NULL);
  return (const char * const *) self->labels;
}

gboolean
cm_annotation_has_label (CmAnnotation *self,
                         const char   *label)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  return g_strv_contains ((const char * const *) self->labels, label);
}

CmReviewStatus
cm_annotation_get_status (CmAnnotation *self)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), CM_REVIEW_STATUS_ACCEPTED);
  return self->status;
}

const char *
cm_annotation_get_timestamp (CmAnnotation *self)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), NULL);
  return self->timestamp;
}

const char *
cm_annotation_get_note (CmAnnotation *self)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), NULL);
  return self->note;
}

gboolean
cm_annotation_get_span (CmAnnotation *self,
                        guint        *start,
                        guint        *end)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (self), FALSE);
  if (start)
    *start = self->span_start;
  if (end)
    *end = self->span_end;
  return self->has_span;
}

gboolean
cm_annotation_same_labels (CmAnnotation *a,
                           CmAnnotation *b)
{
  guint n_a, n_b;

  g_return_val_if_fail (CM_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (CM_IS_ANNOTATION (b), FALSE);

  /* Labels within one annotation are unique, so equal sizes and inclusion
   * one way make equal sets. */
  n_a = g_strv_length ((char **) a->labels);
  n_b = g_strv_length ((char **) b->labels);
  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!g_strv_contains ((const char * const *) b->labels, a->labels[i]))
      return FALSE;
  return TRUE;
}

gboolean
cm_annotation_equal (CmAnnotation *a,
                     CmAnnotation *b)
{
  g_return_val_if_fail (CM_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (CM_IS_ANNOTATION (b), FALSE);

  return a->annotator == b->annotator && a->status == b->status
         && g_strcmp0 (a->timestamp, b->timestamp) == 0 && g_strcmp0 (a->note, b->note) == 0
         && a->has_span == b->has_span
         && (!a->has_span || (a->span_start == b->span_start && a->span_end == b->span_end))
         && cm_annotation_same_labels (a, b);
}
