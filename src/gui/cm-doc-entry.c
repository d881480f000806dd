/* cm-doc-entry.c — one document open in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-doc-entry"

#include "config.h"

#include "cm-doc-entry.h"

struct _CmDocEntry
{
  GObject      parent_instance;
  char        *source_path;
  char        *save_path;
  char        *title;
  CmDocument  *document;
  CmUndoStack *undo;
  gboolean     dirty;
  gboolean     blind;
  guint        reviewed;
  guint        corrected;
  guint        total;
  /* The save file when last read or written; exists == FALSE if absent. */
  gboolean     disk_exists;
  gint64       disk_mtime;
  goffset      disk_size;
};

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_DIRTY,
  PROP_REVIEWED,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CmDocEntry, cm_doc_entry, G_TYPE_OBJECT)

static void
cm_doc_entry_finalize (GObject *object)
{
  CmDocEntry *self = CM_DOC_ENTRY (object);

  g_free (self->source_path);
  g_free (self->save_path);
  g_free (self->title);
  g_clear_object (&self->document);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (cm_doc_entry_parent_class)->finalize (object);
}

static void
cm_doc_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CmDocEntry *self = CM_DOC_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_REVIEWED:
      g_value_set_uint (value, self->reviewed);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->document != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_doc_entry_class_init (CmDocEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_doc_entry_finalize;
  object_class->get_property = cm_doc_entry_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  /* Notified whenever any count changes. */
  properties[PROP_REVIEWED] = g_param_spec_uint ("reviewed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_doc_entry_init (CmDocEntry *self)
{
}

static char *
default_save_path (const char *source_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *dot;

  if (cm_path_is_document (source_path))
    return g_strdup (source_path);
  dir = g_path_get_dirname (source_path);
  base = g_path_get_basename (source_path);
  dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s%s%s.clausemark.json", dir, G_DIR_SEPARATOR_S, base);
}

CmDocEntry *
cm_doc_entry_new (const char *source_path)
{
  CmDocEntry *self;

  g_return_val_if_fail (source_path != NULL, NULL);
  self = g_object_new (CM_TYPE_DOC_ENTRY, NULL);
  self->source_path = g_strdup (source_path);
  self->save_path = default_save_path (source_path);
  self->title = g_path_get_basename (source_path);
  return self;
}

const char *
cm_doc_entry_get_source_path (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  return self->source_path;
}

const char *
cm_doc_entry_get_save_path (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  return self->save_path;
}

void
cm_doc_entry_set_save_path (CmDocEntry *self,
                            const char *path)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  g_return_if_fail (path != NULL);
  g_free (self->save_path);
  self->save_path = g_strdup (path);
  cm_doc_entry_remember_disk (self);
}

const char *
cm_doc_entry_get_title (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  return self->title;
}

void
cm_doc_entry_set_title (CmDocEntry *self,
                        const char *title)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  g_return_if_fail (title != NULL);
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

CmDocument *
cm_doc_entry_get_document (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  return self->document;
}

CmUndoStack *
cm_doc_entry_get_undo_stack (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  return self->undo;
}

void
cm_doc_entry_set_document (CmDocEntry *self,
                           CmDocument *document)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  g_clear_object (&self->undo);
  g_set_object (&self->document, document);
  if (document)
    self->undo = cm_undo_stack_new (document);
  cm_doc_entry_recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gboolean
cm_doc_entry_get_blind (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), FALSE);
  return self->blind;
}

void
cm_doc_entry_set_blind (CmDocEntry *self,
                        gboolean    blind)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  self->blind = !!blind;
}

gboolean
cm_doc_entry_get_dirty (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), FALSE);
  return self->dirty;
}

void
cm_doc_entry_set_dirty (CmDocEntry *self,
                        gboolean    dirty)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  dirty = !!dirty;
  if (self->dirty != dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

void
cm_count_review_progress (CmDocument *document,
                          guint      *reviewed,
                          guint      *corrected,
                          guint      *total)
{
  guint n = cm_document_get_n_clauses (document);

  *reviewed = *corrected = *total = 0;
  for (guint i = 0; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      if (!cm_clause_is_labelable (clause))
        continue;
      (*total)++;
      switch (cm_clause_get_status (clause))
        {
        case CM_REVIEW_STATUS_CORRECTED:
          (*corrected)++;
          G_GNUC_FALLTHROUGH;
        case CM_REVIEW_STATUS_ACCEPTED:
          (*reviewed)++;
          break;
        case CM_REVIEW_STATUS_UNREVIEWED:
        default:
          break;
        }
    }
}

void
cm_doc_entry_set_counts (CmDocEntry *self,
                         guint       reviewed,
                         guint       corrected,
                         guint       total)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  if (self->reviewed == reviewed && self->corrected == corrected && self->total == total)
    return;
  self->reviewed = reviewed;
  self->corrected = corrected;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED]);
}

void
cm_doc_entry_recount (CmDocEntry *self)
{
  guint reviewed = 0, corrected = 0, total = 0;

  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  if (self->document)
    cm_count_review_progress (self->document, &reviewed, &corrected, &total);
  cm_doc_entry_set_counts (self, reviewed, corrected, total);
}

guint
cm_doc_entry_get_reviewed (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), 0);
  return self->reviewed;
}

guint
cm_doc_entry_get_corrected (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), 0);
  return self->corrected;
}

guint
cm_doc_entry_get_total (CmDocEntry *self)
{
  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), 0);
  return self->total;
}

static gboolean
stat_file (const char *path,
           gint64     *mtime,
           goffset    *size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return FALSE;
  *mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
           * G_USEC_PER_SEC
           + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  *size = g_file_info_get_size (info);
  return TRUE;
}

void
cm_doc_entry_remember_disk (CmDocEntry *self)
{
  g_return_if_fail (CM_IS_DOC_ENTRY (self));
  self->disk_exists = stat_file (self->save_path, &self->disk_mtime, &self->disk_size);
}

gboolean
cm_doc_entry_changed_on_disk (CmDocEntry *self)
{
  gint64 mtime = 0;
  goffset size = 0;
  gboolean exists;

  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), FALSE);
  exists = stat_file (self->save_path, &mtime, &size);
  if (exists != self->disk_exists)
    return TRUE;
  return exists && (mtime != self->disk_mtime || size != self->disk_size);
}

char *
cm_doc_entry_dup_recovery_path (CmDocEntry *self)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CM_IS_DOC_ENTRY (self), NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->save_path, -1);
  name = g_strconcat (hash, ".json", NULL);
  return g_build_filename (g_get_user_state_dir (), "clausemark", "recovery", name, NULL);
}
