/* cm-window-report.c — from review to report in the window: flag keys,
 * the checklist panel, the corpus dashboard and Export Report
 *
 * The dashboard and the report read the whole open corpus: the documents
 * loaded in the window as they are now (a JSON snapshot taken on the main
 * thread, so the reviewer can keep editing) and the others from their
 * files. Reading, flagging, checking and typesetting run in a GTask thread
 * with the window's report GCancellable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-label-style.h"
#include "cm-report-inputs.h"
#include "cm-report.h"
#include "cm-widget-task.h"
#include "cm-window-private.h"

/* Edits come in bursts (a key held down): the checklist waits for a pause. */
#define CHECKLIST_REFRESH_DELAY_MS 250

/* ---- flags -------------------------------------------------------------- */

static void
toggle_flag_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  g_autofree char *reviewer = NULL;
  g_autofree char *description = NULL;
  CmUndoStack *undo;
  CmClause *clause;
  guint position;
  CmFlag flag;

  /* The flags are the models' decisions: they stay hidden while labelling
   * blind, and are reviewed once the labels are settled. */
  if (cm_window_blind (self))
    {
      cm_window_show_error (self, _("Blind labelling: the models’ flags stay hidden; flag the clauses once the labels are settled."), NULL);
      return;
    }
  if (cm_window_pair_shown (self) || cm_window_adjudicating (self)
      || !cm_flag_from_string (g_variant_get_string (param, NULL), &flag)
      || !cm_window_get_selection (self, &clause, &position) || !cm_clause_is_labelable (clause))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  /* Asked once; the toggle happens when the name is given. */
  reviewer = cm_window_dup_annotator_or_ask (self, action_name, param);
  if (reviewer == NULL)
    return;
  undo = cm_doc_entry_get_undo_stack (self->current);
  /* Translators: an undoable edit; %s is a flag's name */
  description = g_strdup_printf (_("Toggle flag %s"), cm_flag_get_name (flag));
  cm_undo_stack_begin (undo, description, position, 1);
  cm_clause_toggle_flag (clause, flag);
  /* A flag the reviewer set is a decision the flag models then keep
   * (cm_flagger_flag_document() leaves decided clauses alone). */
  cm_clause_mark_reviewed (clause, CM_REVIEW_STATUS_CORRECTED, reviewer);
  cm_undo_stack_end (undo, 1);
  cm_window_after_edit (self, position, 1);
}

/* ---- the checklist panel ------------------------------------------------ */

static gboolean
checklist_shown (CmWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "checklist") == 0;
}

/* Evaluates the shown document's checklists (a long policy takes a
 * moment: only while the panel is shown). */
static gboolean
refresh_checklist_now (gpointer user_data)
{
  CmWindow *self = user_data;

  self->checklist_source = 0;
  self->checklist_stale = FALSE;
  cm_checklist_panel_set_document (self->checklist_panel, cm_window_get_document (self));
  return G_SOURCE_REMOVE;
}

static void
on_side_page_changed (CmWindow *self)
{
  if (checklist_shown (self) && self->checklist_stale)
    refresh_checklist_now (self);
}

static void
checklist_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);

  if (cm_window_get_document (self) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (checklist_shown (self))
    {
      gtk_stack_set_visible_child_name (self->side_stack, "inspector");
      gtk_widget_grab_focus (GTK_WIDGET (self->clause_list));
      return;
    }
  gtk_stack_set_visible_child_name (self->side_stack, "checklist");
  gtk_widget_grab_focus (GTK_WIDGET (self->checklist_panel));
}

static void
on_show_evidence (CmWindow   *self,
                  const char *clause_id)
{
  CmDocument *document = cm_window_get_document (self);
  CmClause *clause = document ? cm_document_lookup_clause (document, clause_id, NULL) : NULL;

  if (clause == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  cm_window_reveal_clause (self, clause, TRUE);
}

static void
override_verdict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  CmDocument *document = cm_window_get_document (self);
  const char *checklist, *item, *verdict_id, *note;
  g_autofree char *reviewer = NULL;
  g_autofree char *description = NULL;
  CmChecklistVerdict *verdict;
  CmVerdict value = CM_N_VERDICTS;
  CmUndoStack *undo;
  CmClause *clause;
  guint position = 0;

  g_variant_get (param, "(&s&s&s&s)", &checklist, &item, &verdict_id, &note);
  verdict = document ? cm_checklist_panel_lookup (self->checklist_panel, checklist, item) : NULL;
  if (verdict == NULL || (*verdict_id != '\0' && !cm_verdict_from_string (verdict_id, &value)))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  reviewer = cm_window_dup_annotator_or_ask (self, action_name, param);
  if (reviewer == NULL)
    return;
  /* Undo shows the clause the reviewer was on. */
  if (!cm_window_get_selection (self, &clause, &position))
    position = 0;
  undo = cm_doc_entry_get_undo_stack (self->current);
  /* Translators: an undoable edit; %s is a checklist item */
  description = g_strdup_printf (_("Override verdict on %s"),
                                 cm_checklist_item_get_name (cm_checklist_verdict_get_item (verdict),
                                                             cm_ui_language ()));
  cm_undo_stack_begin (undo, description, position, 0);
  cm_checklist_verdict_override (verdict, document, value, *note != '\0' ? note : NULL, reviewer);
  cm_undo_stack_end (undo, 0);
  cm_window_after_edit (self, position, 0);
}

/* ---- the corpus, read in the background --------------------------------- */

typedef struct
{
  GPtrArray  *snapshots;  /* JSON of the documents loaded in the window */
  GPtrArray  *names;      /* their titles, for errors */
  GPtrArray  *paths;      /* the files of the entries not loaded */
  CmModelSet *models;
  CmFlagger  *flagger;
  char       *output;     /* the report to write, or NULL (the dashboard) */
} CorpusJob;

static void
corpus_job_free (CorpusJob *job)
{
  g_ptr_array_unref (job->snapshots);
  g_ptr_array_unref (job->names);
  g_ptr_array_unref (job->paths);
  g_clear_object (&job->models);
  g_clear_object (&job->flagger);
  g_free (job->output);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorpusJob, corpus_job_free)

static CorpusJob *
corpus_job_new (CmWindow   *self,
                const char *output)
{
  CorpusJob *job = g_new0 (CorpusJob, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  job->snapshots = g_ptr_array_new_with_free_func (g_free);
  job->names = g_ptr_array_new_with_free_func (g_free);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  job->models = self->models ? g_object_ref (self->models) : NULL;
  job->flagger = self->flagger ? g_object_ref (self->flagger) : NULL;
  job->output = g_strdup (output);
  cm_inspector_commit_note (self->inspector);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      CmDocument *document = cm_doc_entry_get_document (entry);
      const char *save_path = cm_doc_entry_get_save_path (entry);

      if (document != NULL)
        {
          g_ptr_array_add (job->snapshots, cm_document_to_json (document, NULL));
          g_ptr_array_add (job->names, g_strdup (cm_doc_entry_get_title (entry)));
        }
      else
        g_ptr_array_add (job->paths, g_strdup (cm_path_is_document (save_path)
                                               ? save_path : cm_doc_entry_get_source_path (entry)));
    }
  return job;
}

static GPtrArray *
corpus_job_open (CorpusJob     *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  CmAnnotateOptions options;

  cm_annotate_options_init (&options);
  options.models = job->models;
  options.flagger = job->flagger;
  for (guint i = 0; i < job->snapshots->len; i++)
    {
      CmDocument *document = cm_document_from_json (g_ptr_array_index (job->snapshots, i), -1,
                                                    g_ptr_array_index (job->names, i), error);
      if (document == NULL)
        return NULL;
      g_ptr_array_add (documents, document);
    }
  for (guint i = 0; i < job->paths->len; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error)
        || !cm_report_open_path (g_ptr_array_index (job->paths, i), &options, documents, error))
      return NULL;
  return g_steal_pointer (&documents);
}

static void
corpus_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CorpusJob *job = task_data;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CmInsight) insight = NULL;
  g_autoptr(CmReport) report = NULL;
  g_autoptr(GError) error = NULL;

  documents = corpus_job_open (job, cancellable, &error);
  if (documents != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    insight = cm_insight_new (documents, NULL, &error);
  if (insight != NULL && job->output != NULL)
    {
      report = cm_report_new (insight, job->flagger);
      if (!cm_report_save (report, job->output, &error))
        g_clear_object (&insight);
    }
  if (insight == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&insight), g_object_unref);
}

static void
run_corpus_job (CmWindow            *self,
                CorpusJob           *job,
                GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;

  if (self->report_cancellable == NULL)
    self->report_cancellable = g_cancellable_new ();
  task = cm_widget_task_new (self, self->report_cancellable, callback, NULL, NULL);
  g_task_set_source_tag (task, run_corpus_job);
  g_task_set_task_data (task, job, (GDestroyNotify) corpus_job_free);
  self->n_report_jobs++;
  gtk_spinner_set_spinning (self->header_spinner, TRUE);
  g_task_run_in_thread (task, corpus_thread);
}

/* Returns the insight, or NULL with @error set. */
static CmInsight *
finish_corpus_job (CmWindow      *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  CmInsight *insight = g_task_propagate_pointer (G_TASK (result), error);

  /* Cancelled: the window is closing, its widgets are gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return insight;
  self->n_report_jobs--;
  if (self->n_report_jobs == 0 && self->loading == NULL)
    gtk_spinner_set_spinning (self->header_spinner, FALSE);
  return insight;
}

/* ---- the dashboard ------------------------------------------------------ */

static void
on_insight_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmInsight) insight = finish_corpus_job (self, result, &error);
  g_autofree char *status = NULL;
  guint n;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  if (insight == NULL)
    {
      g_autofree char *reason = cm_window_describe_error (error);
      /* Translators: %s says why */
      status = g_strdup_printf (_("The dashboard could not be made: %s"), reason);
      cm_dashboard_set_status (self->dashboard, status, FALSE);
      return;
    }
  n = cm_insight_get_documents (insight)->len;
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document open in the window",
                                         "%u documents open in the window", n), n);
  cm_dashboard_set_status (self->dashboard, status, FALSE);
  cm_dashboard_set_insight (self->dashboard, insight);
}

static void
refresh_dashboard (CmWindow *self)
{
  cm_dashboard_set_status (self->dashboard, _("Reading the open documents…"), TRUE);
  run_corpus_job (self, corpus_job_new (self, NULL), on_insight_ready);
}

static void
dashboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "dashboard") == 0;

  if (shown && g_str_equal (action_name, "win.dashboard"))
    {
      gtk_stack_set_visible_child_name (self->desk_stack, "desk");
      gtk_widget_grab_focus (GTK_WIDGET (self->clause_list));
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "pair") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "review");
  gtk_stack_set_visible_child_name (self->desk_stack, "dashboard");
  /* The keyboard follows: Tab goes through its buttons, the list's keys stay out. */
  gtk_widget_child_focus (GTK_WIDGET (self->dashboard), GTK_DIR_TAB_FORWARD);
  refresh_dashboard (self);
}

/* ---- Export Report ------------------------------------------------------ */

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmInsight) insight = finish_corpus_job (self, result, &error);
  CorpusJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->output);
  g_autofree char *message = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  if (insight == NULL)
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("The report “%s” could not be written."), name);
      cm_window_show_error (self, message, error);
      return;
    }
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Report saved to %s"), name);
  cm_window_show_toast (self, message);
}

/* A path without .pdf, .html or .htm gets .pdf. */
static char *
report_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf") || g_str_has_suffix (lower, ".html")
      || g_str_has_suffix (lower, ".htm"))
    return g_strdup (path);
  return g_strconcat (path, ".pdf", NULL);
}

static void
export_report_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  g_autofree char *path = report_path (g_variant_get_string (param, NULL));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  run_corpus_job (self, corpus_job_new (self, path), on_report_written);
}

static void
on_report_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            CmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.export-report-to", "s", path);
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CmWindow *self = CM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  if (self->current)
    {
      const char *title = cm_doc_entry_get_title (self->current);
      const char *dot = strrchr (title, '.');

      stem = dot && dot != title ? g_strndup (title, dot - title) : g_strdup (title);
    }
  /* Translators: the report's default file name; %s is the document's file name without its extension */
  name = g_strdup_printf (_("%s report.pdf"), stem ? stem : _("Review"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF documents"), "pdf");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Web pages (one HTML file)"), "html");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the window's hooks ------------------------------------------------- */

void
cm_window_report_show_document (CmWindow *self)
{
  g_clear_handle_id (&self->checklist_source, g_source_remove);
  self->checklist_stale = TRUE;
  if (checklist_shown (self))
    refresh_checklist_now (self);
}

void
cm_window_report_after_edit (CmWindow *self)
{
  /* Hidden, the panel catches up when it is shown again. */
  self->checklist_stale = TRUE;
  if (checklist_shown (self) && self->checklist_source == 0)
    self->checklist_source = g_timeout_add (CHECKLIST_REFRESH_DELAY_MS, refresh_checklist_now, self);
}

void
cm_window_report_update_actions (CmWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_document = cm_window_get_document (self) != NULL;
  gboolean have_entries = g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0;

  gtk_widget_action_set_enabled (widget, "win.toggle-flag",
                                 have_document && cm_window_get_selected_clause (self) != NULL);
  gtk_widget_action_set_enabled (widget, "win.checklist", have_document);
  gtk_widget_action_set_enabled (widget, "win.override-verdict", have_document);
  gtk_widget_action_set_enabled (widget, "win.dashboard", have_entries);
  gtk_widget_action_set_enabled (widget, "win.refresh-dashboard", have_entries);
  gtk_widget_action_set_enabled (widget, "win.export-report", have_entries);
  gtk_widget_action_set_enabled (widget, "win.export-report-to", have_entries);
}

void
cm_window_class_init_report (GtkWidgetClass *widget_class)
{
  static const GdkModifierType shift = GDK_SHIFT_MASK;

  gtk_widget_class_install_action (widget_class, "win.toggle-flag", "s", toggle_flag_action);
  gtk_widget_class_install_action (widget_class, "win.checklist", NULL, checklist_action);
  gtk_widget_class_install_action (widget_class, "win.override-verdict", "(ssss)", override_verdict_action);
  gtk_widget_class_install_action (widget_class, "win.dashboard", NULL, dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-dashboard", NULL, dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-report-to", "s", export_report_to_action);

  /* Shift + the flag's key (cm_flag_get_key()): K, R, S. */
  for (CmFlag f = 0; f < CM_N_FLAGS; f++)
    {
      guint upper = gdk_unicode_to_keyval ((guint32) cm_flag_get_key (f));

      gtk_widget_class_add_binding_action (widget_class, upper, shift, "win.toggle-flag", "s",
                                           cm_flag_to_string (f));
      gtk_widget_class_add_binding_action (widget_class, gdk_keyval_to_lower (upper), shift,
                                           "win.toggle-flag", "s", cm_flag_to_string (f));
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "win.checklist", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.dashboard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_bind_template_callback (widget_class, on_show_evidence);
  gtk_widget_class_bind_template_callback (widget_class, on_side_page_changed);
}

void
cm_window_dispose_report (CmWindow *self)
{
  if (self->report_cancellable)
    g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_handle_id (&self->checklist_source, g_source_remove);
}
