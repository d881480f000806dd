/* cm-undo-stack.c — reversible edits of a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-undo-stack"

#include "config.h"

#include "cm-undo-stack.h"

/* Deep enough for a day's session; the oldest edits fall off beyond it. */
#define MAX_RECORDS 5000

typedef struct
{
  char      *description;
  guint      position;
  GPtrArray *before;  /* of CmClause copies */
  GPtrArray *after;
  /* The document's checklist overrides around the edit, when it changed
   * them (cm-verdict-overrides.h); else both NULL. */
  GPtrArray *overrides_before;
  GPtrArray *overrides_after;
} Record;

struct _CmUndoStack
{
  GObject     parent_instance;
  CmDocument *document;
  GQueue      undo;     /* of Record*, newest at the head */
  GQueue      redo;
  Record     *pending;  /* between begin and end */
};

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmUndoStack, cm_undo_stack, G_TYPE_OBJECT)

static void
record_free (Record *record)
{
  if (record == NULL)
    return;
  g_free (record->description);
  g_clear_pointer (&record->before, g_ptr_array_unref);
  g_clear_pointer (&record->after, g_ptr_array_unref);
  g_clear_pointer (&record->overrides_before, g_ptr_array_unref);
  g_clear_pointer (&record->overrides_after, g_ptr_array_unref);
  g_free (record);
}

static GPtrArray *
copy_run (CmDocument *document,
          guint       position,
          guint       n_clauses)
{
  GPtrArray *run = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_clauses; i++)
    {
      CmClause *clause = cm_document_get_clause (document, position + i);
      g_return_val_if_fail (clause != NULL, run);
      g_ptr_array_add (run, cm_clause_copy (clause));
    }
  return run;
}

/* The annotators' answers of @source, and only those, on @target
 * (annotations are immutable: sharing them is safe). */
static void
assign_annotations (CmClause *target,
                    CmClause *source)
{
  for (guint i = cm_clause_get_n_annotations (target); i > 0; i--)
    {
      const char *annotator = cm_annotation_get_annotator (cm_clause_get_annotation (target, i - 1));
      if (cm_clause_lookup_annotation (source, annotator) == NULL)
        cm_clause_remove_annotation (target, annotator);
    }
  for (guint i = 0; i < cm_clause_get_n_annotations (source); i++)
    cm_clause_set_annotation (target, cm_clause_get_annotation (source, i));
}

/* Gives @target every property of @source, keeping the object (and so the
 * rows and selections that show it). */
static void
assign_clause (CmClause *target,
               CmClause *source)
{
  guint n_suggestions;
  const CmSuggestion *suggestions = cm_clause_get_suggestions (source, &n_suggestions);

  cm_clause_set_range (target, cm_clause_get_start (source), cm_clause_get_end (source));
  cm_clause_set_kind (target, cm_clause_get_kind (source));
  cm_clause_set_level (target, cm_clause_get_level (source));
  cm_clause_set_marker (target, cm_clause_get_marker (source));
  cm_clause_set_heading_path (target, cm_clause_get_heading_path (source));
  cm_clause_set_language (target, cm_clause_get_language (source));
  cm_clause_set_suggestions (target, suggestions, n_suggestions);
  cm_clause_set_confidence (target, cm_clause_get_confidence (source));
  cm_clause_set_reviewer (target, cm_clause_get_reviewer (source));
  cm_clause_set_timestamp (target, cm_clause_get_timestamp (source));
  cm_clause_set_note (target, cm_clause_get_note (source));
  cm_clause_set_labels (target, cm_clause_get_labels (source));
  cm_clause_set_status (target, cm_clause_get_status (source));
  cm_clause_set_adjudicated (target, cm_clause_get_adjudicated (source));
  for (guint f = 0; f < CM_N_FLAGS; f++)
    cm_clause_set_flag_score (target, f, cm_clause_get_flag_score (source, f));
  cm_clause_set_flags (target, cm_clause_get_flags (source));
  assign_annotations (target, source);
}

static gboolean
same_ids (CmDocument *document,
          guint       position,
          GPtrArray  *run)
{
  for (guint i = 0; i < run->len; i++)
    {
      CmClause *clause = cm_document_get_clause (document, position + i);
      if (clause == NULL
          || g_strcmp0 (cm_clause_get_id (clause), cm_clause_get_id (g_ptr_array_index (run, i))) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Replaces the run @from (now in the document at @position) by @to. */
static void
replace_run (CmDocument *document,
             guint       position,
             GPtrArray  *from,
             GPtrArray  *to)
{
  if (from->len == to->len && same_ids (document, position, to))
    {
      for (guint i = 0; i < to->len; i++)
        assign_clause (cm_document_get_clause (document, position + i),
                       g_ptr_array_index (to, i));
      return;
    }

  /* Remove the old run first: removing drops a clause's id from the
   * document's index, and the new run may reuse those ids. */
  for (guint i = 0; i < from->len; i++)
    cm_document_remove_clause (document, position);
  for (guint i = 0; i < to->len; i++)
    {
      g_autoptr(CmClause) copy = cm_clause_copy (g_ptr_array_index (to, i));
      cm_document_insert_clause (document, position + i, copy);
    }
}

static void
notify_state (CmUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
clear_queue (GQueue *queue)
{
  Record *record;

  while ((record = g_queue_pop_head (queue)))
    record_free (record);
}

static void
cm_undo_stack_finalize (GObject *object)
{
  CmUndoStack *self = CM_UNDO_STACK (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  record_free (self->pending);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (cm_undo_stack_parent_class)->finalize (object);
}

static void
cm_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CmUndoStack *self = CM_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cm_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cm_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_undo_stack_class_init (CmUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_undo_stack_finalize;
  object_class->get_property = cm_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_undo_stack_init (CmUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

CmUndoStack *
cm_undo_stack_new (CmDocument *document)
{
  CmUndoStack *self;

  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);
  self = g_object_new (CM_TYPE_UNDO_STACK, NULL);
  self->document = g_object_ref (document);
  return self;
}

CmDocument *
cm_undo_stack_get_document (CmUndoStack *self)
{
  g_return_val_if_fail (CM_IS_UNDO_STACK (self), NULL);
  return self->document;
}

void
cm_undo_stack_begin (CmUndoStack *self,
                     const char  *description,
                     guint        position,
                     guint        n_clauses)
{
  g_return_if_fail (CM_IS_UNDO_STACK (self));
  g_return_if_fail (self->pending == NULL);
  g_return_if_fail (position + n_clauses <= cm_document_get_n_clauses (self->document));

  self->pending = g_new0 (Record, 1);
  self->pending->description = g_strdup (description);
  self->pending->position = position;
  self->pending->before = copy_run (self->document, position, n_clauses);
  self->pending->overrides_before = cm_verdict_overrides_copy (cm_document_get_verdict_overrides (self->document));
}

void
cm_undo_stack_end (CmUndoStack *self,
                   guint        n_clauses)
{
  Record *record;

  g_return_if_fail (CM_IS_UNDO_STACK (self));
  g_return_if_fail (self->pending != NULL);

  record = g_steal_pointer (&self->pending);
  record->after = copy_run (self->document, record->position, n_clauses);
  if (cm_verdict_overrides_equal (record->overrides_before,
                                  cm_document_get_verdict_overrides (self->document)))
    g_clear_pointer (&record->overrides_before, g_ptr_array_unref);
  else
    record->overrides_after = cm_verdict_overrides_copy (cm_document_get_verdict_overrides (self->document));
  g_queue_push_head (&self->undo, record);
  while (g_queue_get_length (&self->undo) > MAX_RECORDS)
    record_free (g_queue_pop_tail (&self->undo));
  clear_queue (&self->redo);
  notify_state (self);
}

void
cm_undo_stack_abort (CmUndoStack *self)
{
  g_return_if_fail (CM_IS_UNDO_STACK (self));
  g_clear_pointer (&self->pending, record_free);
}

gboolean
cm_undo_stack_can_undo (CmUndoStack *self)
{
  g_return_val_if_fail (CM_IS_UNDO_STACK (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
cm_undo_stack_can_redo (CmUndoStack *self)
{
  g_return_val_if_fail (CM_IS_UNDO_STACK (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

const char *
cm_undo_stack_peek_undo (CmUndoStack *self)
{
  Record *record;

  g_return_val_if_fail (CM_IS_UNDO_STACK (self), NULL);
  record = g_queue_peek_head (&self->undo);
  return record ? record->description : NULL;
}

const char *
cm_undo_stack_peek_redo (CmUndoStack *self)
{
  Record *record;

  g_return_val_if_fail (CM_IS_UNDO_STACK (self), NULL);
  record = g_queue_peek_head (&self->redo);
  return record ? record->description : NULL;
}

int
cm_undo_stack_undo (CmUndoStack *self,
                    guint       *n_clauses)
{
  Record *record;

  g_return_val_if_fail (CM_IS_UNDO_STACK (self), -1);
  g_return_val_if_fail (self->pending == NULL, -1);

  record = g_queue_pop_head (&self->undo);
  if (record == NULL)
    return -1;
  replace_run (self->document, record->position, record->after, record->before);
  if (record->overrides_before != NULL)
    cm_document_replace_verdict_overrides (self->document, record->overrides_before);
  if (n_clauses)
    *n_clauses = record->before->len;
  g_queue_push_head (&self->redo, record);
  notify_state (self);
  return (int) record->position;
}

int
cm_undo_stack_redo (CmUndoStack *self,
                    guint       *n_clauses)
{
  Record *record;

  g_return_val_if_fail (CM_IS_UNDO_STACK (self), -1);
  g_return_val_if_fail (self->pending == NULL, -1);

  record = g_queue_pop_head (&self->redo);
  if (record == NULL)
    return -1;
  replace_run (self->document, record->position, record->before, record->after);
  if (record->overrides_after != NULL)
    cm_document_replace_verdict_overrides (self->document, record->overrides_after);
  if (n_clauses)
    *n_clauses = record->after->len;
  g_queue_push_head (&self->undo, record);
  notify_state (self);
  return (int) record->position;
}

void
cm_undo_stack_clear (CmUndoStack *self)
{
  g_return_if_fail (CM_IS_UNDO_STACK (self));
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->pending, record_free);
  notify_state (self);
}
