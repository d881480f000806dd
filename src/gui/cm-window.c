/* cm-window.c — the review desk window: layout, selection, title, messages
 *
 * Actions and keys live in cm-window-actions.c; opening and recovery in
 * cm-window-io.c; saving, autosave and closing in cm-window-save.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-window-private.h"

G_DEFINE_FINAL_TYPE (CmWindow, cm_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- messages ----------------------------------------------------------- */

char *
cm_window_describe_error (const GError *error)
{
  if (error == NULL)
    return g_strdup (_("Something went wrong."));
  if (error->domain == CM_ERROR)
    switch ((CmError) error->code)
      {
      case CM_ERROR_EMPTY:
        return g_strdup (_("The file holds no text to review."));
      case CM_ERROR_BINARY:
        return g_strdup (_("This is not a text file (it looks like a program, an image or an archive). Open a policy as text, HTML or Markdown, or a Clausemark document."));
      case CM_ERROR_ENCODING:
        return g_strdup (_("The file’s characters could not be read in any common encoding."));
      case CM_ERROR_PARSE:
        return g_strdup_printf (_("The file is damaged and cannot be read (%s)."), error->message);
      case CM_ERROR_UNKNOWN_FORMAT:
        return g_strdup (_("This JSON file is not a Clausemark document."));
      case CM_ERROR_NEWER_VERSION:
        return g_strdup (_("This document was saved by a newer version of Clausemark. Update Clausemark to open it; the file was left untouched."));
      case CM_ERROR_INVALID:
        return g_strdup_printf (_("The document contradicts itself and cannot be used (%s)."), error->message);
      case CM_ERROR_TOO_LARGE:
        return g_strdup (_("The file is too large to open."));
      case CM_ERROR_CHANGED_ON_DISK:
        return g_strdup (_("Someone else changed the file since it was opened."));
      case CM_ERROR_NOT_FOUND:
      case CM_ERROR_FAILED:
      default:
        break;
      }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_strdup (_("The file does not exist (any more)."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
    return g_strdup (_("You are not allowed to read or write this file."));
  return g_strdup (error->message);
}

CmApplication *
cm_window_get_app (CmWindow *self)
{
  return CM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

void
cm_window_show_error (CmWindow     *self,
                      const char   *primary,
                      const GError *error)
{
  g_autofree char *detail = error ? cm_window_describe_error (error) : NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  text = detail ? g_strdup_printf ("%s %s", primary, detail) : g_strdup (primary);
  g_message ("%s", text);
  /* Every failure stays until dismissed (two files that fail to open are
   * two messages), each once, wrapped in full. One label each: GTK 4.8
   * measures a wrapped label holding a line break inconsistently. */
  for (guint i = 0; i < self->errors->len; i++)
    if (g_str_equal (g_ptr_array_index (self->errors, i), text))
      return;
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (self->error_messages, label);
  g_ptr_array_add (self->errors, g_steal_pointer (&text));
  g_free (self->error_text);
  g_ptr_array_add (self->errors, NULL);
  self->error_text = g_strjoinv ("\n", (char **) self->errors->pdata);
  g_ptr_array_set_size (self->errors, self->errors->len - 1);
  gtk_revealer_set_reveal_child (self->error_bar, TRUE);
}

void
cm_window_hide_error (CmWindow *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->errors, 0);
  g_clear_pointer (&self->error_text, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->error_messages))))
    gtk_box_remove (self->error_messages, child);
  gtk_revealer_set_reveal_child (self->error_bar, FALSE);
}

static void
on_toast_dismiss (CmWindow *self)
{
  g_clear_handle_id (&self->toast_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast, FALSE);
}

static gboolean
hide_toast (gpointer user_data)
{
  CmWindow *self = user_data;

  self->toast_source = 0;
  gtk_revealer_set_reveal_child (self->toast, FALSE);
  return G_SOURCE_REMOVE;
}

void
cm_window_show_toast (CmWindow   *self,
                      const char *message)
{
  g_return_if_fail (CM_IS_WINDOW (self));
  g_return_if_fail (message != NULL);
  gtk_label_set_text (self->toast_label, message);
  gtk_revealer_set_reveal_child (self->toast, TRUE);
  g_clear_handle_id (&self->toast_source, g_source_remove);
  self->toast_source = g_timeout_add_seconds (5, hide_toast, self);
}

const char *
cm_window_get_toast_message (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->toast) ? gtk_label_get_text (self->toast_label) : NULL;
}

static void
on_error_bar_response (CmWindow *self)
{
  cm_window_hide_error (self);
}

void
cm_window_ask (CmWindow   *self,
               CmQuestion  question,
               CmDocEntry *entry,
               const char *message,
               const char *accept_label,
               const char *reject_label)
{
  self->question = question;
  g_set_object (&self->question_entry, entry);
  gtk_label_set_text (self->question_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->question_label), message);
  gtk_button_set_label (self->question_accept_button, accept_label);
  gtk_button_set_label (self->question_reject_button, reject_label);
  gtk_revealer_set_reveal_child (self->question_bar, TRUE);
}

void
cm_window_respond (CmWindow *self,
                   gboolean  accepted)
{
  CmQuestion question = self->question;
  g_autoptr(CmDocEntry) entry = g_steal_pointer (&self->question_entry);

  self->question = CM_QUESTION_NONE;
  gtk_revealer_set_reveal_child (self->question_bar, FALSE);
  if (question != CM_QUESTION_NONE)
    cm_window_answer_question (self, question, entry, accepted);
}

static void
on_question_accept (CmWindow *self)
{
  cm_window_respond (self, TRUE);
}

static void
on_question_reject (CmWindow *self)
{
  cm_window_respond (self, FALSE);
}

/* ---- title and progress ------------------------------------------------- */

void
cm_window_update_title (CmWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *progress = NULL;

  if (self->current == NULL)
    {
      gtk_label_set_text (self->title_label, _("Clausemark"));
      gtk_window_set_title (GTK_WINDOW (self), _("Clausemark"));
      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
      return;
    }

  /* The bullet says "unsaved changes", as in other GNOME editors. */
  title = g_strdup_printf ("%s%s", cm_doc_entry_get_dirty (self->current) ? "• " : "",
                           cm_doc_entry_get_title (self->current));
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Translators: header progress, e.g. "37 / 120 reviewed, 5 corrected" */
  progress = g_strdup_printf (_("%u / %u reviewed, %u corrected"),
                              cm_doc_entry_get_reviewed (self->current),
                              cm_doc_entry_get_total (self->current),
                              cm_doc_entry_get_corrected (self->current));
  gtk_label_set_text (self->progress_label, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), TRUE);
  /* Only when it changes: setting a tooltip queries the pointer from the
   * X server, too slow to do on every edit. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->title_label)),
                 cm_doc_entry_get_save_path (self->current)) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), cm_doc_entry_get_save_path (self->current));
}

/* ---- selection ---------------------------------------------------------- */

void
cm_window_select_clause (CmWindow *self,
                         CmClause *clause,
                         gboolean  scroll_text)
{
  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  if (clause && cm_window_adjudicating (self))
    cm_curator_view_select_clause (self->curator_view, clause);
  cm_text_view_select_clause (self->text_view, clause, scroll_text);
  cm_inspector_set_clause (self->inspector, clause);
  /* each clause's review starts at its top (its labels), wherever the
   * previous one was scrolled to */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->inspector_scroller), 0);
  if (clause && cm_clause_list_get_selected (self->clause_list) != clause)
    cm_clause_list_select_clause (self->clause_list, clause);
  self->syncing_selection = FALSE;
  cm_window_update_actions (self);
}

static void
on_list_clause_selected (CmWindow *self,
                         CmClause *clause)
{
  cm_window_select_clause (self, clause, TRUE);
  if (clause)
    cm_window_remember_place (self);
}

static void
on_list_clause_activated (CmWindow *self,
                          CmClause *clause)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.accept", NULL);
}

static void
on_text_clause_activated (CmWindow *self,
                          CmClause *clause)
{
  cm_window_reveal_clause (self, clause, FALSE);
}

static void
on_note_changed (CmWindow   *self,
                 CmClause   *clause,
                 const char *note)
{
  CmDocument *document = cm_window_get_document (self);
  CmUndoStack *undo;
  guint position;

  if (document == NULL || cm_document_lookup_clause (document, cm_clause_get_id (clause), &position) != clause)
    return;
  undo = cm_doc_entry_get_undo_stack (self->current);
  cm_undo_stack_begin (undo, _("Edit note"), position, 1);
  cm_clause_set_note (clause, *note ? note : NULL);
  cm_undo_stack_end (undo, 1);
  cm_window_after_edit (self, position, 1);
}

/* ---- the shown document ------------------------------------------------- */

void
cm_window_after_edit (CmWindow *self,
                      guint     position,
                      guint     n_clauses)
{
  g_return_if_fail (self->current != NULL);

  cm_text_view_refresh_clauses (self->text_view, position, n_clauses);
  cm_doc_entry_set_dirty (self->current, TRUE);
  cm_doc_entry_recount (self->current);
  cm_window_update_title (self);
  cm_window_update_actions (self);
  cm_window_team_after_edit (self, position, n_clauses);
  cm_window_report_after_edit (self);
  cm_window_update_model_status (self);
  cm_window_schedule_autosave (self);
}

/* CLAUSEMARK_BENCH=1: measure time-to-usable, then (with
 * CLAUSEMARK_BENCH_QUIT=1) scroll to the end once every tint is applied,
 * report the peak memory and quit. One line each for scripts/bench-gui. */
static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (hwm + 6, NULL, 10);
}

/* Frames are forced while measuring: the longest gap between two is the
 * worst stall a reviewer would have seen. */
static gboolean
bench_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  CmWindow *self = CM_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->bench_last_frame > 0)
    self->bench_max_gap = MAX (self->bench_max_gap, now - self->bench_last_frame);
  if (self->bench_last_frame > 0 && now - self->bench_last_frame > 50000 && g_getenv ("CLAUSEMARK_BENCH_VERBOSE"))
    g_print ("clausemark-bench: gap %.1f ms at %.1f ms\n", (now - self->bench_last_frame) / 1000.0,
             (g_get_monotonic_time () - self->load_started) / 1000.0);
  self->bench_last_frame = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_finish (gpointer user_data)
{
  CmWindow *self = user_data;

  g_print ("clausemark-bench: done_ms=%.1f vmhwm_kb=%ld\n",
           (g_get_monotonic_time () - self->load_started) / 1000.0, peak_rss_kb ());
  if (g_strcmp0 (g_getenv ("CLAUSEMARK_BENCH_QUIT"), "1") == 0)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  return G_SOURCE_REMOVE;
}

/* Scrolls the text a page per step and moves the list selection 20 rows
 * per step (as a reviewer paging through would), from the middle of the
 * document, where nothing has been laid out yet. */
static gboolean
bench_scroll_step (gpointer user_data)
{
  CmWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  guint n = cm_clause_list_get_n_shown (self->clause_list);
  const guint steps = 60;

  if (self->bench_step == 0)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
      self->bench_row = n / 2;
    }
  self->bench_step++;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                        + gtk_adjustment_get_page_size (adjustment));
  self->bench_row = MIN (self->bench_row + 20, n - 1);
  self->syncing_selection = TRUE;  /* keep the text where the scroll put it */
  cm_clause_list_select_position (self->clause_list, self->bench_row);
  self->syncing_selection = FALSE;
  if (self->bench_step < steps)
    return G_SOURCE_CONTINUE;
  g_print ("clausemark-bench: scrolled_ms=%.1f scroll_gap_ms=%.1f\n",
           (g_get_monotonic_time () - self->load_started) / 1000.0, self->bench_max_gap / 1000.0);
  /* An edit, then the autosave it schedules, timed on its own. */
  {
    gint64 start;

    gtk_widget_activate_action (GTK_WIDGET (self), "win.accept", NULL);
    start = g_get_monotonic_time ();
    cm_window_flush_autosave (self);
    g_print ("clausemark-bench: autosave_ms=%.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  }
  g_timeout_add (500, bench_finish, self);
  return G_SOURCE_REMOVE;
}

static gboolean
bench_poll_tinted (gpointer user_data)
{
  CmWindow *self = user_data;
  CmDocument *document = cm_window_get_document (self);

  if (document == NULL || !cm_text_view_is_tinted (self->text_view))
    return G_SOURCE_CONTINUE;
  g_print ("clausemark-bench: tinted_ms=%.1f tint_gap_ms=%.1f\n",
           (g_get_monotonic_time () - self->load_started) / 1000.0, self->bench_max_gap / 1000.0);
  self->bench_step = 0;
  self->bench_max_gap = 0;  /* the scroll's own worst frame */
  g_timeout_add (16, bench_scroll_step, self);
  return G_SOURCE_REMOVE;
}

static void
on_bench_frame (GdkFrameClock *clock,
                CmWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_bench_frame, self);
  g_print ("clausemark-bench: usable_ms=%.1f clauses=%u vmhwm_kb=%ld\n",
           (g_get_monotonic_time () - self->load_started) / 1000.0,
           cm_document_get_n_clauses (cm_window_get_document (self)),
           peak_rss_kb ());
  if (g_strcmp0 (g_getenv ("CLAUSEMARK_BENCH_QUIT"), "1") != 0)
    return;
  self->bench_last_frame = 0;
  self->bench_max_gap = 0;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick, NULL, NULL);
  g_timeout_add (50, bench_poll_tinted, self);
}

void
cm_window_show_entry (CmWindow   *self,
                      CmDocEntry *entry)
{
  CmDocument *document = entry ? cm_doc_entry_get_document (entry) : NULL;

  if (entry && document == NULL)
    {
      cm_window_load_entry (self, entry);
      return;
    }

  /* A note being typed belongs to the document it was typed in. */
  cm_inspector_commit_note (self->inspector);
  cm_window_flush_place (self);
  g_set_object (&self->current, entry);
  cm_sidebar_set_current (self->sidebar, entry);

  if (self->taxonomy)
    cm_label_style_install (self->taxonomy);
  cm_window_install_label_keys (self);
  cm_window_update_help_overlay (self);
  cm_inspector_set_models (self->inspector, cm_window_models_for_entry (self, entry));
  cm_inspector_set_document (self->inspector, document, self->taxonomy);
  cm_text_view_set_document (self->text_view, document, self->taxonomy);
  cm_clause_list_set_document (self->clause_list, document, self->taxonomy);
  cm_document_info_set_document (self->document_info, document);
  gtk_widget_set_sensitive (GTK_WIDGET (self->info_button), document != NULL);
  /* resume where the reviewer stopped (a reopened or restored document) */
  {
    CmClause *place = entry ? cm_window_lookup_place (self, entry) : NULL;

    if (place)
      cm_clause_list_select_clause (self->clause_list, place);
  }
  cm_window_team_show_document (self);
  cm_window_report_show_document (self);
  cm_window_update_model_status (self);
  cm_window_select_clause (self, cm_clause_list_get_selected (self->clause_list), TRUE);
  if (document)
    cm_window_arrange_panes (self);

  gtk_stack_set_visible_child_name (self->main_stack, document ? "review" : "empty");
  cm_window_update_title (self);
  cm_window_update_actions (self);
  if (document)
    gtk_widget_grab_focus (GTK_WIDGET (self->clause_list));

  if (document && g_getenv ("CLAUSEMARK_BENCH"))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      if (clock)
        g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_frame), self);
    }
}

/* ---- public API --------------------------------------------------------- */

CmDocument *
cm_window_get_document (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return self->current ? cm_doc_entry_get_document (self->current) : NULL;
}

CmClause *
cm_window_get_selected_clause (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  /* The curator's clause while adjudicating: keys and undo act on it. */
  if (cm_window_adjudicating (self))
    return cm_curator_view_get_selected (self->curator_view);
  return cm_clause_list_get_selected (self->clause_list);
}

gboolean
cm_window_is_busy (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), FALSE);
  return self->loading != NULL || self->joining || self->n_report_jobs > 0;
}

gboolean
cm_window_get_dirty (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), FALSE);
  return self->current && cm_doc_entry_get_dirty (self->current);
}

const char *
cm_window_get_error_message (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_bar) ? self->error_text : NULL;
}

const char *
cm_window_get_question_message (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return self->question != CM_QUESTION_NONE ? gtk_label_get_text (self->question_label) : NULL;
}

const char *
cm_window_get_save_path (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return self->current ? cm_doc_entry_get_save_path (self->current) : NULL;
}

/* ---- life cycle --------------------------------------------------------- */

static void
save_window_state (CmWindow *self)
{
  GSettings *settings = cm_application_get_settings (cm_window_get_app (self));
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
cm_window_close_request (GtkWindow *window)
{
  CmWindow *self = CM_WINDOW (window);

  cm_inspector_commit_note (self->inspector);
  if (!self->close_confirmed && !cm_window_confirm_close (self))
    return TRUE;  /* asked; the answer closes the window again */
  save_window_state (self);
  cm_window_flush_place (self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (cm_window_parent_class)->close_request (window);
}

static void
cm_window_dispose (GObject *object)
{
  CmWindow *self = CM_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->toast_source, g_source_remove);

  cm_window_dispose_team (self);
  cm_window_dispose_report (self);
  cm_window_dispose_learn (self);
  cm_window_dispose_layout (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->entries);
  g_clear_object (&self->current);
  g_clear_object (&self->loading);
  g_queue_clear_full (&self->load_queue, g_object_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_object (&self->question_entry);
  g_clear_object (&self->recovered);
  g_clear_object (&self->question_entry_pending);
  g_clear_object (&self->pair_partner);
  g_clear_object (&self->compare_from);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->help_taxonomy);
  g_clear_object (&self->models);
  g_clear_object (&self->flagger);
  G_OBJECT_CLASS (cm_window_parent_class)->dispose (object);
}

static void
cm_window_class_init (CmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cm_window_dispose;
  window_class->close_request = cm_window_close_request;

  g_type_ensure (CM_TYPE_SIDEBAR);
  g_type_ensure (CM_TYPE_TEXT_VIEW);
  g_type_ensure (CM_TYPE_CLAUSE_LIST);
  g_type_ensure (CM_TYPE_INSPECTOR);
  g_type_ensure (CM_TYPE_CURATOR_VIEW);
  g_type_ensure (CM_TYPE_AGREEMENT_PANEL);
  g_type_ensure (CM_TYPE_CHECKLIST_PANEL);
  g_type_ensure (CM_TYPE_DASHBOARD);
  g_type_ensure (CM_TYPE_DOCUMENT_INFO);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, header_spinner);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, identity_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, identity_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, curator_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, content_paned);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, inspector_scroller);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, info_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, document_info);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_messages);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, question_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, toast);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, toast_close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_dismiss);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, question_accept_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, question_reject_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_close_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, clause_list);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, pair_box);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, desk_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, curator_view);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, agreement_panel);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, checklist_panel);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, dashboard);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, recent_submenu);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_question_accept);
  gtk_widget_class_bind_template_callback (widget_class, on_question_reject);
  gtk_widget_class_bind_template_callback (widget_class, on_list_clause_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_list_clause_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_text_clause_activated);

  cm_window_class_init_actions (widget_class);
  cm_window_class_init_io (widget_class);
  cm_window_class_init_save (widget_class);
  cm_window_class_init_layout (widget_class);
  cm_window_class_init_team (widget_class);
  cm_window_class_init_report (widget_class);
  cm_window_class_init_learn (widget_class);
  cm_window_class_init_versions (widget_class);
}

static void
cm_window_init (CmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (CM_TYPE_DOC_ENTRY);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->load_queue);
  cm_sidebar_set_entries (self->sidebar, G_LIST_MODEL (self->entries));
  g_signal_connect_swapped (self->inspector, "note-changed", G_CALLBACK (on_note_changed), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undo_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Undo"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->redo_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Redo"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compare versions"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->info_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document information"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main menu"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_close_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toast_close_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);

  cm_window_init_actions (self);
  cm_window_init_io (self);
  cm_window_init_layout (self);
  cm_window_update_help_overlay (self);
  cm_window_update_title (self);
  cm_window_update_actions (self);
}

CmWindow *
cm_window_new (CmApplication *application)
{
  GSettings *settings = cm_application_get_settings (application);
  CmWindow *self = g_object_new (CM_TYPE_WINDOW, "application", application, NULL);

  if (settings)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  cm_window_update_recent (self);
  cm_window_init_team (self);
  cm_window_init_learn (self);
  return self;
}
