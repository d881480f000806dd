/* cm-taxonomy.h — a set of labels: ids, names in both languages, colours, keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *id;              /* stable, ASCII, e.g. "sharing" */
  char *name_en;
  char *name_zh;
  char *description_en;
  char *description_zh;
  char *color;           /* "#rrggbb" */
  char *shortcut;        /* one key name, e.g. "s", "1" */
} CmLabel;

#define CM_TYPE_TAXONOMY (cm_taxonomy_get_type ())

G_DECLARE_FINAL_TYPE (CmTaxonomy, cm_taxonomy, CM, TAXONOMY, GObject)

/* Loads and validates a taxonomy file; errors name the file and the fault. */
CmTaxonomy    *cm_taxonomy_load_file      (const char  *path,
                                           GError     **error);
/* The same, for contents already read; @name names them in errors. */
CmTaxonomy    *cm_taxonomy_load_data      (const char  *data,
                                           gsize        length,
                                           const char  *name,
                                           GError     **error);
/* Looks the id up among the bundled taxonomies (data/taxonomies/<id>.json). */
CmTaxonomy    *cm_taxonomy_load_builtin   (const char  *id,
                                           GError     **error);
/* ^[a-z][a-z0-9-]*$: the ids of taxonomies and of their labels. */
gboolean       cm_taxonomy_id_is_valid    (const char  *id);

/* A user's taxonomy kept beside the documents of a corpus: "<id>" + this. */
#define CM_TAXONOMY_FILE_SUFFIX ".taxonomy.json"

/* The taxonomy a document names: bundled, or <id>.taxonomy.json in @folder. */
CmTaxonomy    *cm_taxonomy_load_named     (const char  *id,
                                           const char  *folder,
                                           GError     **error);
/* An id of a bundled taxonomy, or a path to a user's file (command line only:
 * never a name read from a document). */
CmTaxonomy    *cm_taxonomy_load           (const char  *id_or_path,
                                           GError     **error);
const char    *cm_taxonomy_get_id         (CmTaxonomy  *self);
const char    *cm_taxonomy_get_name       (CmTaxonomy  *self);
guint          cm_taxonomy_get_n_labels   (CmTaxonomy  *self);
const CmLabel *cm_taxonomy_get_label      (CmTaxonomy  *self,
                                           guint        index);
const CmLabel *cm_taxonomy_lookup         (CmTaxonomy  *self,
                                           const char  *label_id);
int            cm_taxonomy_index_of       (CmTaxonomy  *self,
                                           const char  *label_id);
/* The name in the UI language: "zh" picks name_zh, anything else name_en. */
const char    *cm_label_get_name          (const CmLabel *label,
                                           const char    *language);

/* Keys the review desk keeps for itself (moving, accepting, jumping); a
 * taxonomy may not bind a label to any of them. */
#define CM_TAXONOMY_RESERVED_KEYS "adejknxz"

/* The taxonomy's own name in the UI language ("zh" or anything else: en). */
const char    *cm_taxonomy_get_localized_name (CmTaxonomy *self,
                                               const char *language);
/* The file the taxonomy was read from. */
const char    *cm_taxonomy_get_path       (CmTaxonomy  *self);
/* The label bound to shortcut @key, or NULL. */
const CmLabel *cm_taxonomy_lookup_key     (CmTaxonomy  *self,
                                           const char  *key);
gboolean       cm_taxonomy_key_is_reserved (const char *key);

G_END_DECLS
