/* cm-checklist.h — a disclosure checklist: items a policy must state
 *
 * A checklist file (data/checklists/<id>.json, schema
 * data/checklist.schema.json) lists items, each with the law that asks for
 * it, a severity (1 to 3) and rules over clauses: conditions on topic
 * labels, flags, anchors (e-mail, phone, address, URL, duration, age, date)
 * and terms. cm-checklist-verdict.h holds what an item's rules decide for
 * one document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cm-flags.h"

G_BEGIN_DECLS

typedef enum
{
  CM_NEED_EMAIL    = 1 << 0,
  CM_NEED_PHONE    = 1 << 1,
  CM_NEED_ADDRESS  = 1 << 2,
  CM_NEED_URL      = 1 << 3,
  CM_NEED_DURATION = 1 << 4,
  CM_NEED_AGE      = 1 << 5,
  CM_NEED_DATE     = 1 << 6,
} CmAnchorNeed;

/* Holds for a clause when each field given holds (any of its values). */
typedef struct
{
  char    **labels;    /* NULL: any */
  CmFlags   flags;     /* 0: any */
  guint     anchors;   /* CmAnchorNeed mask, 0: any */
  char    **terms_zh;  /* both NULL: any; else the clause's language's list */
  char    **terms_en;
  char    **headings_zh; /* the same, over the clause's heading path */
  char    **headings_en;
} CmCondition;

typedef struct
{
  char   *id;
  char   *law;
  guint   severity;     /* 1 low .. 3 high */
  char   *name_en;
  char   *name_zh;
  char   *description_en;
  char   *description_zh;
  GArray *applies_if;   /* of CmCondition; empty: always applies */
  GArray *present;
  GArray *unclear;
} CmChecklistItem;

#define CM_TYPE_CHECKLIST (cm_checklist_get_type ())

G_DECLARE_FINAL_TYPE (CmChecklist, cm_checklist, CM, CHECKLIST, GObject)

/* Errors name @name (or the file) and the item at fault. */
CmChecklist           *cm_checklist_new_from_data   (const char   *data,
                                                     gssize        size,
                                                     const char   *name,
                                                     GError      **error);
CmChecklist           *cm_checklist_load_file       (const char   *path,
                                                     GError      **error);
/* A bundled id ("pipl", "gdpr") or, with a '/' or ending in .json, a path. */
CmChecklist           *cm_checklist_load            (const char   *id_or_path,
                                                     GError      **error);
/* The bundled checklists whose languages include @language (NULL, or
 * neither "zh" nor "en": all), sorted by id. A GPtrArray of CmChecklist. */
GPtrArray             *cm_checklist_load_bundled    (const char   *language,
                                                     GError      **error);

const char            *cm_checklist_get_id          (CmChecklist  *self);
/* In the UI language ("zh" or anything else: English). */
const char            *cm_checklist_get_name        (CmChecklist  *self,
                                                     const char   *language);
gboolean               cm_checklist_applies_to      (CmChecklist  *self,
                                                     const char   *language);
guint                  cm_checklist_get_n_items     (CmChecklist  *self);
const CmChecklistItem *cm_checklist_get_item        (CmChecklist  *self,
                                                     guint         index);
const CmChecklistItem *cm_checklist_lookup          (CmChecklist  *self,
                                                     const char   *item_id);

const char            *cm_checklist_item_get_name   (const CmChecklistItem *item,
                                                     const char            *language);
const char            *cm_checklist_item_get_description (const CmChecklistItem *item,
                                                          const char            *language);

G_END_DECLS
