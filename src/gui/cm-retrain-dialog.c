/* cm-retrain-dialog.c — "Retrain from this corpus"
 *
 * Every language with enough reviewed clauses is retrained, the shown
 * document's first, one after the other by cm_corpus_train_async() with
 * the dialog's own cancellable (Cancel, closing the dialog or the window
 * stop it). Nothing is written until the reviewer has seen the figures and
 * keeps the models; re-suggesting is offered only then, and done by the
 * window (it owns the documents and their undo histories).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-retrain-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-retrain-dialog.h"
#include "cm-widget-task.h"

struct _CmRetrainDialog
{
  GtkWindow            parent_instance;

  GtkWidget           *training_page;
  GtkWidget           *figures_page;
  GtkWidget           *failed_page;
  GtkLabel            *title_label;
  GtkLabel            *message_label;
  GtkProgressBar      *progress_bar;
  GtkGrid             *figures_grid;
  GtkButton           *cancel_button;
  GtkButton           *discard_button;
  GtkButton           *undo_button;
  GtkButton           *keep_button;
  GtkButton           *resuggest_button;

  char                *corpus_dir;
  GPtrArray           *shipped;   /* of CmModel: the shown document's language first */
  CmTaxonomy          *taxonomy;
  GCancellable        *cancellable;
  GPtrArray           *to_train;  /* of CmModel: those with enough reviewed clauses */
  guint                training;  /* index in to_train of the one training now */
  GPtrArray           *results;   /* of CmCorpusTrainResult, in to_train's order */
  GPtrArray           *left_out;  /* of char *: a sentence per language not retrained */
  const char          *state;
  gint64               started;   /* of the training */
};

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  KEPT,
  RESUGGEST,
  UNDO_RESUGGEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmRetrainDialog, cm_retrain_dialog, GTK_TYPE_WINDOW)

static const char *
language_name (const char *language)
{
  return g_strcmp0 (language, "zh") == 0 ? _("Chinese") : _("English");
}

static void
set_state (CmRetrainDialog *self,
           const char      *state)
{
  gboolean figures = g_str_equal (state, CM_RETRAIN_FIGURES);
  gboolean kept = g_str_equal (state, CM_RETRAIN_KEPT) || g_str_equal (state, CM_RETRAIN_RESUGGESTED);
  guint n = MAX (1, self->results->len);   /* models trained, for the plural */

  self->state = state;
  if (!g_str_equal (state, CM_RETRAIN_TRAINING))
    gtk_label_set_text (self->title_label,
                        figures ? ngettext ("The New Model Next to the Shipped One",
                                            "The New Models Next to the Shipped Ones", n)
                        : kept ? ngettext ("This Corpus Has Its Own Model", "This Corpus Has Its Own Models", n)
                        : _("The Model Could Not Be Retrained"));
  /* One part at a time (a GtkStack would size the dialog for all). */
  gtk_widget_set_visible (self->training_page, g_str_equal (state, CM_RETRAIN_TRAINING));
  gtk_widget_set_visible (self->failed_page, g_str_equal (state, CM_RETRAIN_FAILED));
  gtk_widget_set_visible (self->figures_page, figures || kept);
  /* Cancel stops the training; later the same button closes. */
  gtk_button_set_label (self->cancel_button, g_str_equal (state, CM_RETRAIN_TRAINING)
                                             ? _("_Cancel") : _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !figures);
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), figures);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), g_str_equal (state, CM_RETRAIN_RESUGGESTED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retrain.keep", figures);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retrain.discard", figures);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retrain.resuggest",
                                 g_str_equal (state, CM_RETRAIN_KEPT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retrain.undo-resuggest",
                                 g_str_equal (state, CM_RETRAIN_RESUGGESTED));
  gtk_widget_set_visible (GTK_WIDGET (self->keep_button), figures);
  gtk_widget_set_visible (GTK_WIDGET (self->resuggest_button), kept);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 figures ? GTK_WIDGET (self->keep_button)
                                 : kept ? GTK_WIDGET (self->resuggest_button) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  /* For scripts driving the window (tests/gui-retrain-keys.sh, timing). */
  if (g_getenv ("CLAUSEMARK_BENCH"))
    g_print ("clausemark-bench: retrain %s %.1f s\n", state,
             (g_get_monotonic_time () - self->started) / 1e6);
}

static void
set_message (CmRetrainDialog *self,
             const char      *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static GtkWidget *
cell (const char *text,
      float       xalign,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
format_f1 (double f1)
{
  return g_strdup_printf ("%.3f", f1);
}

/* A row: name, support, old F1, new F1, the change (coloured). */
static void
add_row (CmRetrainDialog *self,
         int              row,
         const char      *name,
         const char      *support,
         double           f_old,
         double           f_new,
         const char      *css_class)
{
  g_autofree char *old_text = format_f1 (f_old);
  g_autofree char *new_text = format_f1 (f_new);
  g_autofree char *delta = g_strdup_printf ("%+.3f", f_new - f_old);
  GtkWidget *change = cell (delta, 1.0f, css_class);

  gtk_grid_attach (self->figures_grid, cell (name, 0.0f, css_class), 0, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (support, 1.0f, "dim-label"), 1, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (old_text, 1.0f, css_class), 2, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (new_text, 1.0f, css_class), 3, row, 1, 1);
  if (f_new - f_old >= 0.0005)
    gtk_widget_add_css_class (change, "success");
  else if (f_new - f_old <= -0.0005)
    gtk_widget_add_css_class (change, "error");
  gtk_grid_attach (self->figures_grid, change, 4, row, 1, 1);
}

/* One language's rows from @row on; returns the next free row. */
static int
add_result_rows (CmRetrainDialog     *self,
                 CmCorpusTrainResult *result,
                 int                  row)
{
  const char * const *labels = cm_model_get_labels (result->model);

  if (self->results->len > 1)
    {
      g_autofree char *title = NULL;
      GtkWidget *heading;

      /* Translators: a heading above one language's figures; %s is a
       * language (Chinese, English) */
      title = g_strdup_printf (_("%s model"), language_name (cm_model_get_language (result->model)));
      heading = cell (title, 0.0f, "heading");
      gtk_widget_set_margin_top (heading, row > 1 ? 12 : 0);
      gtk_grid_attach (self->figures_grid, heading, 0, row++, 5, 1);
    }
  for (guint l = 0; labels[l] != NULL; l++)
    {
      double p, r, f_old, f_new;
      guint support;
      g_autofree char *support_text = NULL;

      cm_evaluation_get_label (result->old_figures, l, &p, &r, &f_old, &support);
      cm_evaluation_get_label (result->new_figures, l, &p, &r, &f_new, &support);
      if (support == 0)
        continue;
      support_text = g_strdup_printf ("%u", support);
      add_row (self, row++, cm_label_display_name (self->taxonomy, labels[l]), support_text,
               f_old, f_new, NULL);
    }
  /* Translators: F1 over every label's decisions together */
  add_row (self, row++, _("All labels (micro-F1)"), "",
           cm_evaluation_micro_f1 (result->old_figures),
           cm_evaluation_micro_f1 (result->new_figures), "heading");
  return row;
}

static void
fill_figures (CmRetrainDialog *self)
{
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))))
    gtk_grid_remove (self->figures_grid, child);
  gtk_grid_attach (self->figures_grid, cell (_("Label"), 0.0f, "heading"), 0, 0, 1, 1);
  /* Translators: how many reviewed clauses carry the label */
  gtk_grid_attach (self->figures_grid, cell (_("Clauses"), 1.0f, "heading"), 1, 0, 1, 1);
  /* Translators: column of F1 figures of the model shipped with Clausemark */
  gtk_grid_attach (self->figures_grid, cell (_("Shipped"), 1.0f, "heading"), 2, 0, 1, 1);
  /* Translators: column of F1 figures of the newly trained model */
  gtk_grid_attach (self->figures_grid, cell (_("New"), 1.0f, "heading"), 3, 0, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (_("Change"), 1.0f, "heading"), 4, 0, 1, 1);
  for (guint i = 0; i < self->results->len; i++)
    row = add_result_rows (self, g_ptr_array_index (self->results, i), row);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  CmRetrainDialog *self = user_data;
  double n = MAX (1, self->to_train->len);

  /* One bar for all the languages, each an equal part of it. */
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (self->training + CLAMP (fraction, 0.0, 1.0)) / n);
}

/* What the counting thread reads and fills: its own copies, not the
 * dialog's fields. */
typedef struct
{
  char  *corpus_dir;
  GStrv  languages;
  guint *n_clauses;    /* one per language */
  guint *n_documents;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_free (job->corpus_dir);
  g_strfreev (job->languages);
  g_free (job->n_clauses);
  g_free (job->n_documents);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  GError *error = NULL;

  if (!cm_corpus_count_reviewed (job->corpus_dir, (const char * const *) job->languages,
                                 job->n_clauses, job->n_documents, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fail (CmRetrainDialog *self,
      const GError    *error)
{
  g_autofree char *message = g_strdup_printf (_("The model could not be trained: %s"), error->message);

  set_message (self, message);
  set_state (self, CM_RETRAIN_FAILED);
}

/* "This corpus has N reviewed Chinese clauses in M documents; retraining
 * needs …": why @model's language cannot be retrained. */
static char *
too_few_message (CmModel *model,
                 guint    n_clauses,
                 guint    n_documents)
{
  CmCorpusTrainOptions options;
  g_autofree char *have = NULL;

  cm_corpus_train_options_init (&options);
  /* Translators: the first part of "… clauses in … documents; retraining
   * needs …"; %s is a language */
  have = g_strdup_printf (ngettext ("This corpus has %u reviewed %s clause", "This corpus has %u reviewed %s clauses",
                                    n_clauses),
                          n_clauses, language_name (cm_model_get_language (model)));
  return g_strdup_printf (ngettext ("%s in %u document; retraining needs at least %u in %u documents. Review more clauses (Enter accepts one, the label keys correct it), then retrain.",
                                    "%s in %u documents; retraining needs at least %u in %u documents. Review more clauses (Enter accepts one, the label keys correct it), then retrain.",
                                    n_documents),
                          have, n_documents, options.min_clauses, CM_CORPUS_TRAIN_MIN_DOCUMENTS);
}

static void train_next (CmRetrainDialog *self);

/* Which languages have enough reviewed clauses: those are trained; the
 * others with some are named in the end; with none at all, the shown
 * document's language says how many it has and needs. */
static void
on_counted (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (source);
  CountJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  CmCorpusTrainOptions options;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }
  cm_corpus_train_options_init (&options);
  for (guint i = 0; i < self->shipped->len; i++)
    {
      CmModel *model = g_ptr_array_index (self->shipped, i);

      if (job->n_clauses[i] >= options.min_clauses && job->n_documents[i] >= CM_CORPUS_TRAIN_MIN_DOCUMENTS)
        g_ptr_array_add (self->to_train, model);
      else if (job->n_clauses[i] > 0)
        g_ptr_array_add (self->left_out, too_few_message (model, job->n_clauses[i], job->n_documents[i]));
    }
  if (self->to_train->len == 0)
    {
      g_autofree char *message = too_few_message (g_ptr_array_index (self->shipped, 0),
                                                  job->n_clauses[0], job->n_documents[0]);

      set_message (self, message);
      set_state (self, CM_RETRAIN_FAILED);
      return;
    }
  train_next (self);
}

static void
count_reviewed (CmRetrainDialog *self)
{
  g_autoptr(GTask) task = cm_widget_task_new (self, self->cancellable, on_counted, NULL, NULL);
  CountJob *job = g_new0 (CountJob, 1);

  job->corpus_dir = g_strdup (self->corpus_dir);
  job->languages = g_new0 (char *, self->shipped->len + 1);
  for (guint i = 0; i < self->shipped->len; i++)
    job->languages[i] = g_strdup (cm_model_get_language (g_ptr_array_index (self->shipped, i)));
  job->n_clauses = g_new0 (guint, self->shipped->len);
  job->n_documents = g_new0 (guint, self->shipped->len);
  g_task_set_source_tag (task, count_reviewed);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}

/* The figures' message: what was trained on, then a line per language
 * left out (only those when nothing was trained). */
static char *
trained_message (CmRetrainDialog *self)
{
  GString *message = g_string_new (NULL);

  if (self->results->len == 1)
    {
      CmCorpusTrainResult *result = g_ptr_array_index (self->results, 0);

      g_string_append_printf (message,
                              ngettext ("Trained on %u reviewed clause in %u documents in %.1f s. Figures on those clauses; the new model’s are cross-validated by document (each document judged by a model trained without it).",
                                        "Trained on %u reviewed clauses in %u documents in %.1f s. Figures on those clauses; the new model’s are cross-validated by document (each document judged by a model trained without it).",
                                        result->n_clauses),
                              result->n_clauses, result->n_documents, result->seconds);
    }
  else if (self->results->len > 1)
    {
      for (guint i = 0; i < self->results->len; i++)
        {
          CmCorpusTrainResult *result = g_ptr_array_index (self->results, i);

          /* Translators: %s is a language (Chinese, English), then how
           * many clauses in how many documents, in how many seconds */
          g_string_append_printf (message,
                                  ngettext ("%s: trained on %u reviewed clause in %u documents in %.1f s.",
                                            "%s: trained on %u reviewed clauses in %u documents in %.1f s.",
                                            result->n_clauses),
                                  language_name (cm_model_get_language (result->model)),
                                  result->n_clauses, result->n_documents, result->seconds);
          g_string_append_c (message, '\n');
        }
      g_string_append (message, _("Figures on those clauses; the new models’ are cross-validated by document (each document judged by a model trained without it)."));
    }
  for (guint i = 0; i < self->left_out->len; i++)
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (self->left_out, i));
    }
  return g_string_free (message, FALSE);
}

static void
on_trained (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(CmRetrainDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CmCorpusTrainResult *result = cm_corpus_train_finish (res, &error);
  CmModel *model;

  /* Cancelled or closed meanwhile: nothing to show. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      cm_corpus_train_result_free (result);
      return;
    }
  model = g_ptr_array_index (self->to_train, self->training);
  if (result != NULL)
    g_ptr_array_add (self->results, result);
  else if (g_error_matches (error, CM_ERROR, CM_ERROR_EMPTY))
    /* Counted as enough, but the trainer found fewer (a file changed).
     * Translators: %s is a language (Chinese, English), then the reason */
    g_ptr_array_add (self->left_out, g_strdup_printf (_("The %s model was not retrained: %s"),
                                                      language_name (cm_model_get_language (model)),
                                                      error->message));
  else
    {
      fail (self, error);
      return;
    }
  self->training++;
  if (self->training < self->to_train->len)
    {
      train_next (self);
      return;
    }
  message = trained_message (self);
  set_message (self, message);
  if (self->results->len == 0)
    {
      set_state (self, CM_RETRAIN_FAILED);
      return;
    }
  fill_figures (self);
  set_state (self, CM_RETRAIN_FIGURES);
}

static void
train_next (CmRetrainDialog *self)
{
  CmModel *model = g_ptr_array_index (self->to_train, self->training);
  g_autofree char *title = NULL;

  /* Translators: %s is a language (Chinese, English) */
  title = g_strdup_printf (_("Retraining the %s model on this corpus’s reviewed clauses…"),
                           language_name (cm_model_get_language (model)));
  gtk_label_set_text (self->title_label, title);
  on_progress (0.0, self);
  cm_corpus_train_async (self->corpus_dir, model, NULL, on_progress, self,
                         self->cancellable, on_trained, g_object_ref (self));
}

static void
start_training (CmRetrainDialog *self)
{
  gtk_label_set_text (self->title_label, _("Counting the reviewed clauses…"));
  set_message (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  g_ptr_array_set_size (self->to_train, 0);
  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->left_out, 0);
  self->training = 0;
  set_state (self, CM_RETRAIN_TRAINING);
  count_reviewed (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (widget);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *message = NULL;

  if (self->results->len == 0)
    return;
  for (guint i = 0; i < self->results->len; i++)
    {
      CmCorpusTrainResult *result = g_ptr_array_index (self->results, i);
      g_autoptr(GError) error = NULL;

      /* A model saved before a later one fails stays: it is complete, and
       * the message says which were saved. */
      if (!cm_corpus_train_result_save (result, self->corpus_dir, &error))
        {
          message = g_strdup_printf (_("The model could not be saved: %s"), error->message);
          set_message (self, message);
          if (paths->len == 0)
            return;
          break;
        }
      g_ptr_array_add (paths, cm_corpus_model_path (self->corpus_dir, cm_model_get_language (result->model)));
    }
  g_ptr_array_add (paths, NULL);
  joined = g_strjoinv (", ", (char **) paths->pdata);
  if (message == NULL)
    message = g_strdup_printf (ngettext ("Saved as %s. This corpus now suggests labels with its own model; the shipped model is unchanged. Re-suggesting relabels only the clauses nobody has reviewed.",
                                         "Saved as %s. This corpus now suggests labels with its own models; the shipped models are unchanged. Re-suggesting relabels only the clauses nobody has reviewed.",
                                         paths->len - 1),
                               joined);
  set_message (self, message);
  set_state (self, CM_RETRAIN_KEPT);
  g_signal_emit (self, signals[KEPT], 0);
}

static void
resuggest_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_signal_emit (widget, signals[RESUGGEST], 0);
}

static void
undo_resuggest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (widget);

  g_signal_emit (self, signals[UNDO_RESUGGEST], 0);
  set_message (self, _("The suggestions were put back as they were before re-suggesting."));
  set_state (self, CM_RETRAIN_KEPT);
}

void
cm_retrain_dialog_show_resuggested (CmRetrainDialog *self,
                                    guint            n_changed,
                                    guint            n_clauses,
                                    guint            n_documents)
{
  g_autofree char *message = NULL;

  g_return_if_fail (CM_IS_RETRAIN_DIALOG (self));
  /* Translators: the first %u counts clauses whose labels changed, then
   * how many unreviewed clauses were looked at, in how many documents */
  message = g_strdup_printf (_("Re-suggested %u unreviewed clauses in %u documents: the labels of %u changed. Reviewed clauses were not touched. Ctrl+Z in a document, or Undo here, puts the old suggestions back."),
                             n_clauses, n_documents, n_changed);
  set_message (self, message);
  set_state (self, CM_RETRAIN_RESUGGESTED);
}

const char *
cm_retrain_dialog_get_state (CmRetrainDialog *self)
{
  g_return_val_if_fail (CM_IS_RETRAIN_DIALOG (self), NULL);
  return self->state;
}

const char *
cm_retrain_dialog_get_message (CmRetrainDialog *self)
{
  g_return_val_if_fail (CM_IS_RETRAIN_DIALOG (self), NULL);
  return gtk_label_get_text (self->message_label);
}

char *
cm_retrain_dialog_dup_figures (CmRetrainDialog *self)
{
  GString *text;

  g_return_val_if_fail (CM_IS_RETRAIN_DIALOG (self), NULL);
  if (self->results->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < self->results->len; i++)
    {
      CmCorpusTrainResult *result = g_ptr_array_index (self->results, i);
      const char *language = cm_model_get_language (result->model);
      const char * const *labels = cm_model_get_labels (result->model);

      for (guint l = 0; labels[l] != NULL; l++)
        {
          double p, r, f_old, f_new;
          guint support;

          cm_evaluation_get_label (result->old_figures, l, &p, &r, &f_old, &support);
          cm_evaluation_get_label (result->new_figures, l, &p, &r, &f_new, &support);
          if (support > 0)
            g_string_append_printf (text, "%s\t%s\t%.3f\t%.3f\t%u\n", language, labels[l], f_old, f_new, support);
        }
      g_string_append_printf (text, "%s\tmicro\t%.3f\t%.3f\n", language,
                              cm_evaluation_micro_f1 (result->old_figures),
                              cm_evaluation_micro_f1 (result->new_figures));
    }
  return g_string_free (text, FALSE);
}

static void
cm_retrain_dialog_map (GtkWidget *widget)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (widget);

  GTK_WIDGET_CLASS (cm_retrain_dialog_parent_class)->map (widget);
  if (self->state == NULL)
    start_training (self);
}

static gboolean
cm_retrain_dialog_close_request (GtkWindow *window)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (window);

  /* Closing stops a training still running; its late result is dropped. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (cm_retrain_dialog_parent_class)->close_request (window);
}

static void
cm_retrain_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_retrain_dialog_dispose (GObject *object)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CM_TYPE_RETRAIN_DIALOG);
  G_OBJECT_CLASS (cm_retrain_dialog_parent_class)->dispose (object);
}

static void
cm_retrain_dialog_finalize (GObject *object)
{
  CmRetrainDialog *self = CM_RETRAIN_DIALOG (object);

  g_free (self->corpus_dir);
  g_clear_pointer (&self->shipped, g_ptr_array_unref);
  g_clear_object (&self->taxonomy);
  g_clear_pointer (&self->to_train, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, g_ptr_array_unref);
  G_OBJECT_CLASS (cm_retrain_dialog_parent_class)->finalize (object);
}

static void
cm_retrain_dialog_class_init (CmRetrainDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = cm_retrain_dialog_get_property;
  object_class->dispose = cm_retrain_dialog_dispose;
  object_class->finalize = cm_retrain_dialog_finalize;
  widget_class->map = cm_retrain_dialog_map;
  window_class->close_request = cm_retrain_dialog_close_request;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[KEPT] = g_signal_new ("kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESUGGEST] = g_signal_new ("resuggest", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNDO_RESUGGEST] = g_signal_new ("undo-resuggest", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/clausemark/Clausemark/ui/cm-retrain-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, training_page);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, figures_page);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, discard_button);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, keep_button);
  gtk_widget_class_bind_template_child (widget_class, CmRetrainDialog, resuggest_button);

  gtk_widget_class_install_action (widget_class, "retrain.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "retrain.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "retrain.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "retrain.resuggest", NULL, resuggest_action);
  gtk_widget_class_install_action (widget_class, "retrain.undo-resuggest", NULL, undo_resuggest_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_retrain_dialog_init (CmRetrainDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->to_train = g_ptr_array_new ();   /* borrowed from shipped */
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_corpus_train_result_free);
  self->left_out = g_ptr_array_new_with_free_func (g_free);
}

CmRetrainDialog *
cm_retrain_dialog_new (GtkWindow  *parent,
                       const char *corpus_dir,
                       GPtrArray  *shipped,
                       CmTaxonomy *taxonomy)
{
  CmRetrainDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (corpus_dir != NULL && shipped != NULL && shipped->len > 0, NULL);

  self = g_object_new (CM_TYPE_RETRAIN_DIALOG, "transient-for", parent, NULL);
  self->corpus_dir = g_strdup (corpus_dir);
  self->shipped = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < shipped->len; i++)
    {
      g_return_val_if_fail (CM_IS_MODEL (g_ptr_array_index (shipped, i)), self);
      g_ptr_array_add (self->shipped, g_object_ref (g_ptr_array_index (shipped, i)));
    }
  self->taxonomy = taxonomy != NULL ? g_object_ref (taxonomy) : NULL;
  name = g_path_get_basename (corpus_dir);
  /* Translators: %s is the corpus folder's name */
  title = g_strdup_printf (_("Retrain from “%s”"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  return self;
}
