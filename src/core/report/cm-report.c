/* cm-report.c — the review report's content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cm-document-io.h"
#include "cm-error.h"
#include "cm-pair-diff.h"
#include "cm-report.h"
#include "cm-taxonomy.h"

/* How many of each kind of finding a document's section quotes. */
#define MAX_RISKS       12
#define MAX_DIFFERENCES 10
#define MAX_KEY_CLAUSES 3
#define MAX_QUOTE_CHARS 280

struct _CmReport
{
  GObject     parent_instance;

  char       *title;
  GArray     *blocks;  /* of CmReportBlock */
  CmInsight  *insight;
  CmFlagger  *flagger;
  const char *lang;
};

G_DEFINE_FINAL_TYPE (CmReport, cm_report, G_TYPE_OBJECT)

static void
block_clear (gpointer data)
{
  CmReportBlock *block = data;

  g_free (block->text);
  g_free (block->note);
  g_clear_object (&block->chart);
}

static void
cm_report_finalize (GObject *object)
{
  CmReport *self = (CmReport *) object;

  g_free (self->title);
  g_array_unref (self->blocks);
  g_clear_object (&self->insight);
  g_clear_object (&self->flagger);
  G_OBJECT_CLASS (cm_report_parent_class)->finalize (object);
}

static void
cm_report_class_init (CmReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_report_finalize;
}

static void
cm_report_init (CmReport *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (CmReportBlock));
  g_array_set_clear_func (self->blocks, block_clear);
}

static void
add_block (CmReport          *self,
           CmReportBlockKind  kind,
           char              *text,  /* taken */
           char              *note,  /* taken, nullable */
           guint              severity)
{
  CmReportBlock block = { kind, text, note, severity, NULL };

  g_array_append_val (self->blocks, block);
}

static void
add_text (CmReport          *self,
          CmReportBlockKind  kind,
          const char        *text)
{
  add_block (self, kind, g_strdup (text), NULL, 0);
}

/* A clause's text, cut to a quotable length. */
static char *
quote_text (CmDocument *document,
            CmClause   *clause)
{
  g_autofree char *text = cm_document_dup_clause_text (document, clause);
  glong n = g_utf8_strlen (text, -1);

  if (n <= MAX_QUOTE_CHARS)
    return g_steal_pointer (&text);
  return g_strconcat (g_utf8_substring (text, 0, MAX_QUOTE_CHARS - 1), "…", NULL);
}

/* "c12 · Sharing, Usage" */
static char *
clause_note (CmReport   *self,
             CmClause   *clause,
             CmTaxonomy *taxonomy)
{
  GString *note = g_string_new (cm_clause_get_id (clause));
  const char * const *labels = cm_clause_get_labels (clause);

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      const CmLabel *label = taxonomy != NULL ? cm_taxonomy_lookup (taxonomy, labels[i]) : NULL;

      g_string_append (note, i == 0 ? " · " : ", ");
      g_string_append (note, label != NULL ? cm_label_get_name (label, self->lang) : labels[i]);
    }
  return g_string_free (note, FALSE);
}

static void
add_quote (CmReport   *self,
           CmDocument *document,
           CmClause   *clause,
           CmTaxonomy *taxonomy)
{
  add_block (self, CM_REPORT_QUOTE, quote_text (document, clause),
             clause_note (self, clause, taxonomy), 0);
}

/* Title, source, review state ------------------------------------------- */

static void
add_document_header (CmReport   *self,
                     CmDocument *document)
{
  guint n = 0, reviewed = 0;
  const char *source = cm_document_get_source_path (document);
  const char *title = cm_document_get_title (document);

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      if (!cm_clause_is_labelable (clause))
        continue;
      n++;
      reviewed += cm_clause_get_status (clause) != CM_REVIEW_STATUS_UNREVIEWED;
    }
  add_text (self, CM_REPORT_TITLE, title != NULL && title[0] != '\0' ? title : cm_document_get_id (document));
  add_block (self, CM_REPORT_META,
             g_strdup_printf (_("Source: %s"), source != NULL ? source : cm_document_get_id (document)),
             NULL, 0);
  add_block (self, CM_REPORT_META,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Language: %s · %u clause",
                                           "Language: %s · %u clauses", n),
                              cm_document_get_language (document), n),
             NULL, 0);
  add_block (self, CM_REPORT_META,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Review state: %u of %u clause reviewed (%.0f%%)",
                                           "Review state: %u of %u clauses reviewed (%.0f%%)", n),
                              reviewed, n,
                              n > 0 ? 100.0 * reviewed / n : 0.0),
             NULL, 0);
}

/* Findings ---------------------------------------------------------------- */

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  CmChecklistVerdict *x = *(CmChecklistVerdict **) a, *y = *(CmChecklistVerdict **) b;
  CmVerdict vx = cm_checklist_verdict_get_verdict (x), vy = cm_checklist_verdict_get_verdict (y);

  /* absent before unclear, then the heavier item first */
  if (vx != vy)
    return vx == CM_VERDICT_ABSENT ? -1 : 1;
  return (int) cm_checklist_verdict_get_item (y)->severity - (int) cm_checklist_verdict_get_item (x)->severity;
}

static guint
add_missing_disclosures (CmReport   *self,
                         CmDocument *document,
                         GPtrArray  *stores,
                         CmTaxonomy *taxonomy)
{
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint s = 0; s < stores->len; s++)
    {
      GListModel *model = g_ptr_array_index (stores, s);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          CmChecklistVerdict *verdict = g_list_model_get_item (model, i);
          CmVerdict v = cm_checklist_verdict_get_verdict (verdict);

          if (v == CM_VERDICT_ABSENT || v == CM_VERDICT_UNCLEAR)
            g_ptr_array_add (gaps, verdict);
          else
            g_object_unref (verdict);
        }
    }
  if (gaps->len == 0)
    return 0;
  g_ptr_array_sort (gaps, compare_severity);
  add_text (self, CM_REPORT_SUBHEADING, _("Missing or unclear disclosures"));
  for (guint i = 0; i < gaps->len; i++)
    {
      CmChecklistVerdict *verdict = g_ptr_array_index (gaps, i);
      const CmChecklistItem *item = cm_checklist_verdict_get_item (verdict);
      CmVerdict v = cm_checklist_verdict_get_verdict (verdict);
      const char * const *evidence = cm_checklist_verdict_get_evidence (verdict);
      const char *note = cm_checklist_verdict_get_note (verdict);

      add_block (self, CM_REPORT_FINDING,
                 /* TRANSLATORS: "Absent: Retention period (PIPL Art. 17(3))" */
                 g_strdup_printf (_("%s: %s (%s)"), cm_verdict_get_name (v),
                                  cm_checklist_item_get_name (item, self->lang), item->law),
                 note != NULL ? g_strdup_printf (_("Reviewer: %s"), note)
                              : g_strdup (cm_checklist_item_get_description (item, self->lang)),
                 v == CM_VERDICT_ABSENT ? item->severity : 1);
      /* An unclear item shows what the rules found; an absent one may
       * show where the law's condition holds (sensitive data, transfers). */
      if (evidence[0] != NULL)
        {
          CmClause *clause = cm_document_lookup_clause (document, evidence[0], NULL);
          if (clause != NULL)
            add_quote (self, document, clause, taxonomy);
        }
    }
  return gaps->len;
}

static int
compare_risk (gconstpointer a,
              gconstpointer b)
{
  double x = cm_clause_get_flag_score (*(CmClause **) a, CM_FLAG_RISK);
  double y = cm_clause_get_flag_score (*(CmClause **) b, CM_FLAG_RISK);

  return x > y ? -1 : x < y ? 1 : 0;
}

static guint
add_risks (CmReport   *self,
           CmDocument *document,
           CmTaxonomy *taxonomy)
{
  g_autoptr(GPtrArray) risky = g_ptr_array_new ();

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      if (cm_clause_is_labelable (clause) && cm_clause_has_flag (clause, CM_FLAG_RISK))
        g_ptr_array_add (risky, clause);
    }
  if (risky->len == 0)
    return 0;
  g_ptr_array_sort (risky, compare_risk);
  add_text (self, CM_REPORT_SUBHEADING, _("Clauses that put the user at risk"));
  if (risky->len > MAX_RISKS)
    add_block (self, CM_REPORT_TEXT,
               g_strdup_printf (_("The %u most likely of %u risk clauses."), MAX_RISKS, risky->len),
               NULL, 0);
  for (guint i = 0; i < MIN (risky->len, MAX_RISKS); i++)
    add_quote (self, document, g_ptr_array_index (risky, i), taxonomy);
  return risky->len;
}

static guint
add_sensitive (CmReport   *self,
               CmDocument *document,
               CmTaxonomy *taxonomy)
{
  CmSensitiveRules *rules = self->flagger != NULL ? cm_flagger_get_rules (self->flagger) : NULL;
  g_autoptr(GPtrArray) clauses = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) categories = g_string_new (NULL);

  for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);
      g_autofree char *text = NULL;
      g_auto(GStrv) found = NULL;

      if (!cm_clause_is_labelable (clause) || !cm_clause_has_flag (clause, CM_FLAG_SENSITIVE))
        continue;
      g_ptr_array_add (clauses, clause);
      if (rules == NULL)
        continue;
      text = cm_document_dup_clause_text (document, clause);
      found = cm_sensitive_rules_find (rules, cm_document_get_language (document), text);
      for (guint k = 0; found[k] != NULL; k++)
        if (g_hash_table_add (seen, (gpointer) g_intern_string (found[k])))
          g_string_append_printf (categories, "%s%s", categories->len > 0 ? _(", ") : "",
                                  cm_sensitive_category_get_name (found[k]));
    }
  if (clauses->len == 0)
    return 0;
  add_text (self, CM_REPORT_SUBHEADING, _("Sensitive personal information"));
  add_block (self, CM_REPORT_FINDING,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clause processes sensitive personal information",
                                           "%u clauses process sensitive personal information",
                                           clauses->len), clauses->len),
             categories->len > 0 ? g_strdup_printf (_("Categories (PIPL Art. 28): %s"), categories->str)
                                 : NULL,
             2);
  for (guint i = 0; i < MIN (clauses->len, MAX_RISKS); i++)
    add_quote (self, document, g_ptr_array_index (clauses, i), taxonomy);
  return clauses->len;
}

static CmDocument *
find_partner (CmReport   *self,
              CmDocument *document)
{
  GPtrArray *documents = cm_insight_get_documents (self->insight);
  const char *partner = cm_document_get_partner_id (document);

  for (guint i = 0; partner != NULL && i < documents->len; i++)
    if (g_str_equal (cm_document_get_id (g_ptr_array_index (documents, i)), partner))
      return g_ptr_array_index (documents, i);
  return NULL;
}

static guint
add_differences (CmReport   *self,
                 CmDocument *document,
                 CmTaxonomy *taxonomy)
{
  CmDocument *partner = find_partner (self, document);
  g_autoptr(GPtrArray) differences = NULL;

  if (partner == NULL)
    return 0;
  differences = cm_pair_find_differences_named (document, partner, taxonomy, self->lang);
  if (differences->len == 0)
    return 0;
  add_text (self, CM_REPORT_SUBHEADING, _("Differences from the other language version"));
  for (guint i = 0; i < MIN (differences->len, MAX_DIFFERENCES); i++)
    {
      CmDifference *d = g_ptr_array_index (differences, i);
      g_autofree char *zh = g_strjoinv (" ", d->zh_clauses);
      g_autofree char *en = g_strjoinv (" ", d->en_clauses);

      add_block (self, CM_REPORT_FINDING, g_strdup (d->reason),
                 g_strdup_printf (_("Chinese %s · English %s"), zh[0] ? zh : "—", en[0] ? en : "—"),
                 d->importance >= 0.8 ? 3 : d->importance >= 0.5 ? 2 : 1);
    }
  return differences->len;
}

/* Key clauses per topic ---------------------------------------------------- */

static int
compare_key (gconstpointer a,
             gconstpointer b)
{
  double x = cm_clause_get_flag_score (*(CmClause **) a, CM_FLAG_KEY);
  double y = cm_clause_get_flag_score (*(CmClause **) b, CM_FLAG_KEY);

  return x > y ? -1 : x < y ? 1 : 0;
}

static int
compare_clause_start (gconstpointer a,
                                gconstpointer b)
{
  guint x = cm_clause_get_start (*(CmClause **) a), y = cm_clause_get_start (*(CmClause **) b);
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
add_key_clauses (CmReport   *self,
                 CmDocument *document,
                 CmTaxonomy *taxonomy)
{
  gboolean any = FALSE;

  for (guint l = 0; taxonomy != NULL && l < cm_taxonomy_get_n_labels (taxonomy); l++)
    {
      const CmLabel *label = cm_taxonomy_get_label (taxonomy, l);
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();

      for (guint i = 0; i < cm_document_get_n_clauses (document); i++)
        {
          CmClause *clause = cm_document_get_clause (document, i);
          if (cm_clause_is_labelable (clause) && cm_clause_has_flag (clause, CM_FLAG_KEY)
              && cm_clause_has_label (clause, label->id))
            g_ptr_array_add (keys, clause);
        }
      if (keys->len == 0)
        continue;
      if (!any)
        add_text (self, CM_REPORT_HEADING, _("Key clauses by topic"));
      any = TRUE;
      g_ptr_array_sort (keys, compare_key);
      add_text (self, CM_REPORT_SUBHEADING, cm_label_get_name (label, self->lang));
      /* In text order: an extract reads better in the policy's own order. */
      g_ptr_array_set_size (keys, MIN (keys->len, MAX_KEY_CLAUSES));
      g_ptr_array_sort (keys, compare_clause_start);
      for (guint i = 0; i < keys->len; i++)
        add_quote (self, document, g_ptr_array_index (keys, i), taxonomy);
    }
}

static void
add_document (CmReport   *self,
              CmDocument *document,
              GPtrArray  *stores)
{
  g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load (cm_document_get_taxonomy_id (document), NULL);
  guint n_findings;

  add_document_header (self, document);
  add_text (self, CM_REPORT_HEADING, _("Findings"));
  n_findings = add_missing_disclosures (self, document, stores, taxonomy);
  n_findings += add_risks (self, document, taxonomy);
  n_findings += add_sensitive (self, document, taxonomy);
  n_findings += add_differences (self, document, taxonomy);
  if (n_findings == 0)
    add_text (self, CM_REPORT_TEXT, _("No findings: every checklist item is disclosed, and no clause is flagged."));
  add_key_clauses (self, document, taxonomy);
}

CmReport *
cm_report_new (CmInsight *insight,
               CmFlagger *flagger)
{
  CmReport *self;
  GPtrArray *documents, *charts;

  g_return_val_if_fail (CM_IS_INSIGHT (insight), NULL);
  g_return_val_if_fail (flagger == NULL || CM_IS_FLAGGER (flagger), NULL);

  self = g_object_new (CM_TYPE_REPORT, NULL);
  self->insight = g_object_ref (insight);
  self->flagger = flagger != NULL ? g_object_ref (flagger) : NULL;
  self->lang = cm_report_ui_language ();
  documents = cm_insight_get_documents (insight);
  self->title = documents->len == 1
                ? g_strdup (cm_document_get_title (g_ptr_array_index (documents, 0)))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Review report: %u document",
                                                "Review report: %u documents", documents->len),
                                   documents->len);
  if (self->title == NULL || self->title[0] == '\0')
    {
      g_free (self->title);
      self->title = g_strdup (_("Review report"));
    }
  for (guint d = 0; d < documents->len; d++)
    add_document (self, g_ptr_array_index (documents, d), cm_insight_get_verdicts (insight, d));

  charts = cm_insight_get_charts (insight);
  add_text (self, CM_REPORT_TITLE, _("Charts"));
  for (guint i = 0; i < charts->len; i++)
    {
      CmReportBlock block = { CM_REPORT_CHART, NULL, NULL, 0, g_object_ref (g_ptr_array_index (charts, i)) };
      g_array_append_val (self->blocks, block);
    }
  return self;
}

const char *
cm_report_get_title (CmReport *self)
{
  g_return_val_if_fail (CM_IS_REPORT (self), NULL);
  return self->title;
}

guint
cm_report_get_n_blocks (CmReport *self)
{
  g_return_val_if_fail (CM_IS_REPORT (self), 0);
  return self->blocks->len;
}

const CmReportBlock *
cm_report_get_block (CmReport *self,
                     guint     index)
{
  g_return_val_if_fail (CM_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return &g_array_index (self->blocks, CmReportBlock, index);
}

gboolean
cm_report_save (CmReport   *self,
                const char *path,
                GError    **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (CM_IS_REPORT (self) && path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    return cm_report_save_pdf (self, path, error);
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    return cm_report_save_html (self, path, error);
  g_set_error (error, CM_ERROR, CM_ERROR_INVALID, "%s: a report is written as .pdf or .html", path);
  return FALSE;
}
