/* cm-checklist-verdict.c — what a checklist item's rules decide for one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-checklist-verdict"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-anchors.h"
#include "cm-checklist-verdict.h"
#include "cm-terms.h"
#include "cm-verdict-overrides.h"

struct _CmChecklistVerdict
{
  GObject                parent_instance;

  CmChecklist           *checklist;
  const CmChecklistItem *item;       /* owned by the checklist */
  CmVerdict              rule_verdict;
  CmVerdict              override;   /* CM_N_VERDICTS: none */
  char                  *note;
  char                 **evidence;
};

G_DEFINE_FINAL_TYPE (CmChecklistVerdict, cm_checklist_verdict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VERDICT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const verdict_ids[CM_N_VERDICTS] = {
  "present", "unclear", "absent", "not-applicable"
};

const char *
cm_verdict_to_string (CmVerdict verdict)
{
  g_return_val_if_fail (verdict < CM_N_VERDICTS, NULL);
  return verdict_ids[verdict];
}

gboolean
cm_verdict_from_string (const char *str,
                        CmVerdict  *verdict)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < CM_N_VERDICTS; i++)
    if (g_str_equal (str, verdict_ids[i]))
      {
        if (verdict != NULL)
          *verdict = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cm_verdict_get_name (CmVerdict verdict)
{
  g_return_val_if_fail (verdict < CM_N_VERDICTS, NULL);

  switch (verdict)
    {
    case CM_VERDICT_PRESENT:
      return C_("disclosure", "Present");
    case CM_VERDICT_UNCLEAR:
      return C_("disclosure", "Unclear");
    case CM_VERDICT_ABSENT:
      return C_("disclosure", "Absent");
    case CM_VERDICT_NOT_APPLICABLE:
      return C_("disclosure", "Not applicable");
    case CM_N_VERDICTS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static void
cm_checklist_verdict_finalize (GObject *object)
{
  CmChecklistVerdict *self = (CmChecklistVerdict *) object;

  g_clear_object (&self->checklist);
  g_free (self->note);
  g_strfreev (self->evidence);
  G_OBJECT_CLASS (cm_checklist_verdict_parent_class)->finalize (object);
}

static void
cm_checklist_verdict_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CmChecklistVerdict *self = CM_CHECKLIST_VERDICT (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      g_value_set_int (value, cm_checklist_verdict_get_verdict (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_checklist_verdict_class_init (CmChecklistVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cm_checklist_verdict_finalize;
  object_class->get_property = cm_checklist_verdict_get_property;

  /* The effective verdict (a CmVerdict): the reviewer's, else the rules'. */
  properties[PROP_VERDICT] = g_param_spec_int ("verdict", NULL, NULL, 0, CM_N_VERDICTS - 1,
                                               CM_VERDICT_ABSENT, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_checklist_verdict_init (CmChecklistVerdict *self)
{
  self->override = CM_N_VERDICTS;
}

CmChecklist *
cm_checklist_verdict_get_checklist (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), NULL);
  return self->checklist;
}

const CmChecklistItem *
cm_checklist_verdict_get_item (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), NULL);
  return self->item;
}

CmVerdict
cm_checklist_verdict_get_rule_verdict (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), CM_VERDICT_ABSENT);
  return self->rule_verdict;
}

CmVerdict
cm_checklist_verdict_get_verdict (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), CM_VERDICT_ABSENT);
  return self->override < CM_N_VERDICTS ? self->override : self->rule_verdict;
}

gboolean
cm_checklist_verdict_is_overridden (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), FALSE);
  return self->override < CM_N_VERDICTS;
}

const char *
cm_checklist_verdict_get_note (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), NULL);
  return self->note;
}

const char * const *
cm_checklist_verdict_get_evidence (CmChecklistVerdict *self)
{
  g_return_val_if_fail (CM_IS_CHECKLIST_VERDICT (self), NULL);
  return (const char * const *) self->evidence;
}

static void
apply_override (CmChecklistVerdict      *self,
                const CmVerdictOverride *o)
{
  CmVerdict verdict = CM_N_VERDICTS;

  if (o != NULL && !cm_verdict_from_string (o->verdict, &verdict))
    verdict = CM_N_VERDICTS;
  self->override = verdict;
  g_free (self->note);
  self->note = o != NULL ? g_strdup (o->note) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

void
cm_checklist_verdict_override (CmChecklistVerdict *self,
                               CmDocument         *document,
                               CmVerdict           verdict,
                               const char         *note,
                               const char         *reviewer)
{
  const char *checklist_id;

  g_return_if_fail (CM_IS_CHECKLIST_VERDICT (self));
  g_return_if_fail (CM_IS_DOCUMENT (document));
  g_return_if_fail (verdict <= CM_N_VERDICTS);

  checklist_id = cm_checklist_get_id (self->checklist);
  cm_document_set_verdict_override (document, checklist_id, self->item->id,
                                    verdict < CM_N_VERDICTS ? verdict_ids[verdict] : NULL,
                                    note, reviewer, NULL);
  apply_override (self, cm_document_find_verdict_override (document, checklist_id,
                                                           self->item->id));
}

/* Evaluation ------------------------------------------------------------- */

/* What the rules look at in one clause. */
typedef struct
{
  CmClause   *clause;
  char       *text;
  char       *lower;
  char       *headings;        /* the heading path, joined */
  char       *headings_lower;
  gboolean    chinese;
  guint       anchors;  /* CmAnchorNeed */
} Facts;

static void
facts_clear (gpointer data)
{
  Facts *facts = data;

  g_free (facts->text);
  g_free (facts->lower);
  g_free (facts->headings);
  g_free (facts->headings_lower);
}

static guint
anchor_mask (const char *text,
             const char *language)
{
  g_autoptr(GPtrArray) anchors = cm_anchors_extract (text, -1, language);
  guint mask = 0;

  for (guint i = 0; i < anchors->len; i++)
    switch (((CmAnchor *) g_ptr_array_index (anchors, i))->kind)
      {
      case CM_ANCHOR_EMAIL: mask |= CM_NEED_EMAIL; break;
      case CM_ANCHOR_URL: mask |= CM_NEED_URL; break;
      case CM_ANCHOR_DURATION: mask |= CM_NEED_DURATION; break;
      case CM_ANCHOR_AGE: mask |= CM_NEED_AGE; break;
      case CM_ANCHOR_DATE: mask |= CM_NEED_DATE; break;
      case CM_ANCHOR_NUMBER:
      case CM_ANCHOR_NAME:
      default:
        break;
      }
  if (cm_anchors_has_phone (text))
    mask |= CM_NEED_PHONE;
  if (cm_anchors_has_address (text))
    mask |= CM_NEED_ADDRESS;
  return mask;
}

static GArray *
collect_facts (CmDocument *document)
{
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Facts));
  const char *doc_language = cm_document_get_language (document);

  g_array_set_clear_func (all, facts_clear);
  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      const char *language = cm_clause_get_language (clause);
      Facts facts = { clause, NULL, NULL, NULL, NULL, FALSE, 0 };

      if (!cm_clause_is_labelable (clause))
        continue;
      if (g_strcmp0 (language, "zh") != 0 && g_strcmp0 (language, "en") != 0)
        language = doc_language;
      facts.text = cm_document_dup_clause_text (document, clause);
      facts.lower = g_ascii_strdown (facts.text, -1);
      facts.headings = g_strjoinv ("\n", (char **) cm_clause_get_heading_path (clause));
      facts.headings_lower = g_ascii_strdown (facts.headings, -1);
      facts.chinese = g_strcmp0 (language, "zh") == 0;
      facts.anchors = anchor_mask (facts.text, language);
      g_array_append_val (all, facts);
    }
  return all;
}

static gboolean
has_any_label (CmClause           *clause,
               const char * const *labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    if (cm_clause_has_label (clause, labels[i]))
      return TRUE;
  return FALSE;
}

static gboolean
condition_holds (const CmCondition *condition,
                 const Facts       *facts)
{
  if (condition->labels != NULL && !has_any_label (facts->clause, (const char * const *) condition->labels))
    return FALSE;
  if (condition->flags != 0 && (cm_clause_get_flags (facts->clause) & condition->flags) == 0)
    return FALSE;
  if (condition->anchors != 0 && (facts->anchors & condition->anchors) == 0)
    return FALSE;
  if ((condition->terms_zh != NULL || condition->terms_en != NULL)
      && !cm_terms_contains_any (facts->text, facts->lower, (const char * const *)
                                 (facts->chinese ? condition->terms_zh : condition->terms_en)))
    return FALSE;
  if ((condition->headings_zh != NULL || condition->headings_en != NULL)
      && !cm_terms_contains_any (facts->headings, facts->headings_lower, (const char * const *)
                                 (facts->chinese ? condition->headings_zh : condition->headings_en)))
    return FALSE;
  return TRUE;
}

static gboolean
any_holds (GArray      *conditions,
           const Facts *facts)
{
  for (guint c = 0; c < conditions->len; c++)
    if (condition_holds (&g_array_index (conditions, CmCondition, c), facts))
      return TRUE;
  return FALSE;
}

/* Ids of the clauses meeting one of @conditions, or NULL if none does. */
static char **
matching_clauses (GArray *conditions,
                  GArray *facts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; i < facts->len; i++)
    {
      const Facts *f = &g_array_index (facts, Facts, i);
      if (any_holds (conditions, f))
        {
          g_strv_builder_add (builder, cm_clause_get_id (f->clause));
          any = TRUE;
        }
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

static CmChecklistVerdict *
evaluate_item (CmChecklist           *checklist,
               const CmChecklistItem *item,
               GArray                *facts)
{
  CmChecklistVerdict *self = g_object_new (CM_TYPE_CHECKLIST_VERDICT, NULL);
  g_auto(GStrv) applies = NULL;

  self->checklist = g_object_ref (checklist);
  self->item = item;
  if (item->applies_if->len > 0 && (applies = matching_clauses (item->applies_if, facts)) == NULL)
    self->rule_verdict = CM_VERDICT_NOT_APPLICABLE;
  else if ((self->evidence = matching_clauses (item->present, facts)) != NULL)
    self->rule_verdict = CM_VERDICT_PRESENT;
  else if ((self->evidence = matching_clauses (item->unclear, facts)) != NULL)
    self->rule_verdict = CM_VERDICT_UNCLEAR;
  else
    self->rule_verdict = CM_VERDICT_ABSENT;
  if (self->evidence == NULL)
    self->evidence = g_steal_pointer (&applies);
  if (self->evidence == NULL)
    self->evidence = g_new0 (char *, 1);
  return self;
}

GListStore *
cm_checklist_evaluate (CmChecklist *checklist,
                       CmDocument  *document)
{
  g_autoptr(GArray) facts = NULL;
  GListStore *store;

  g_return_val_if_fail (CM_IS_CHECKLIST (checklist), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (document), NULL);

  facts = collect_facts (document);
  store = g_list_store_new (CM_TYPE_CHECKLIST_VERDICT);
  for (guint i = 0; i < cm_checklist_get_n_items (checklist); i++)
    {
      const CmChecklistItem *item = cm_checklist_get_item (checklist, i);
      g_autoptr(CmChecklistVerdict) verdict = evaluate_item (checklist, item, facts);

      apply_override (verdict, cm_document_find_verdict_override (document,
                                                                  cm_checklist_get_id (checklist),
                                                                  item->id));
      g_list_store_append (store, verdict);
    }
  return store;
}
