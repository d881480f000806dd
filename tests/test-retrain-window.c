/* test-retrain-window.c — "Retrain from this corpus" end to end, in the window
 *
 * A corpus built from tests/data/retrain (clauses written for this test,
 * each with the labels a reviewer gave it, a few left unreviewed): the
 * window counts the corrections not learnt from yet; Retrain trains in the
 * background, shows per-label figures next to the shipped model's, keeps
 * the model beside the corpus only when asked, and only then re-suggests
 * the unreviewed clauses — reviewed ones untouched — as one undo step per
 * document, which Undo (the dialog's, or Ctrl+Z in the document) takes
 * back exactly. The inspector explains a suggestion with the clause's own
 * words. A bilingual corpus has both languages retrained in one go. A
 * corpus with too few reviewed clauses says how many are needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-corpus-trainer.h"
#include "cm-test-util.h"
#include "cm-test-window.h"

static CmApplication *app;
static char *tmpdir;

/* One clause's reviewed labels from a fixture line, "LABELS<TAB>TEXT". */
static void
review_clause (CmClause   *clause,
               const char *text,
               GHashTable *truth)
{
  const char *labels = g_hash_table_lookup (truth, text);
  g_auto(GStrv) ids = NULL;
  gboolean same;

  g_assert_nonnull (labels);
  if (g_str_equal (labels, "?"))
    return;
  ids = g_str_equal (labels, "-") ? g_new0 (char *, 1) : g_strsplit (labels, ",", -1);
  same = g_strv_equal ((const char * const *) ids, cm_clause_get_labels (clause));
  cm_clause_set_labels (clause, (const char * const *) ids);
  cm_clause_mark_reviewed (clause, same ? CM_REVIEW_STATUS_ACCEPTED : CM_REVIEW_STATUS_CORRECTED,
                           "tester");
}

/* @names' fixtures, annotated by the shipped models and reviewed as their
 * files say, saved as a corpus in a new folder. */
static char *
make_corpus (const char * const *names)
{
  static guint counter;
  g_autofree char *dir_name = g_strdup_printf ("corpus-%u", counter++);
  char *dir = g_build_filename (tmpdir, dir_name, NULL);
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(CmModelSet) models = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;

  models = cm_model_set_load_default (&error);
  g_assert_no_error (error);
  corpus = cm_corpus_open (dir, TRUE, &error);
  g_assert_no_error (error);
  cm_annotate_options_init (&options);
  options.models = models;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".tsv", NULL);
      g_autofree char *fixture = g_build_filename (g_getenv ("CM_SOURCE_DIR"), "tests", "data",
                                                   "retrain", file, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *policy_name = g_strconcat (names[i], ".txt", NULL);
      g_autofree char *policy = g_build_filename (tmpdir, policy_name, NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GHashTable) truth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(CmDocument) document = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          char *tab = strchr (lines[l], '\t');
          if (tab == NULL)
            continue;
          g_hash_table_insert (truth, g_strdup (tab + 1), g_strndup (lines[l], tab - lines[l]));
          g_string_append_printf (text, "%s\n\n", tab + 1);
        }
      g_assert_true (g_file_set_contents (policy, text->str, -1, NULL));
      document = cm_annotate_file (policy, &options, NULL, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < cm_document_get_n_clauses (document); c++)
        {
          CmClause *clause = cm_document_get_clause (document, c);
          g_autofree char *clause_text = cm_document_dup_clause_text (document, clause);

          if (cm_clause_is_labelable (clause))
            review_clause (clause, g_strstrip (clause_text), truth);
        }
      g_assert_true (cm_corpus_add_document (corpus, document, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  return dir;
}

static gboolean
dialog_settled (gpointer data)
{
  CmRetrainDialog *dialog = cm_window_get_retrain_dialog (data);
  const char *state = dialog != NULL ? cm_retrain_dialog_get_state (dialog) : NULL;

  return state != NULL && !g_str_equal (state, CM_RETRAIN_TRAINING);
}

static gboolean
status_counted (gpointer data)
{
  g_autofree char *status = cm_window_dup_model_status (data);

  return status != NULL && strstr (status, "Counting") == NULL;
}

static gboolean
resuggested (gpointer data)
{
  CmRetrainDialog *dialog = cm_window_get_retrain_dialog (data);

  return dialog != NULL
         && g_str_equal (cm_retrain_dialog_get_state (dialog), CM_RETRAIN_RESUGGESTED);
}

/* Every document of the window, as JSON (loaded from disk if need be). */
static GPtrArray *
snapshot (CmWindow *window)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (window->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (window->entries), i);
      g_autoptr(CmDocument) loaded = NULL;
      CmDocument *document = cm_doc_entry_get_document (entry);

      if (document == NULL)
        document = loaded = cm_document_load (cm_doc_entry_get_source_path (entry), NULL);
      g_assert_nonnull (document);
      g_ptr_array_add (texts, cm_document_to_json (document, NULL));
    }
  return texts;
}

static CmDocument *
entry_document (CmWindow *window,
                guint     i)
{
  g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (window->entries), i);

  return cm_doc_entry_get_document (entry);
}

/* The window's @i-th document is labelled, in @language, by exactly the
 * model saved at @path. */
static void
assert_uses_saved_model (CmWindow   *window,
                         guint       i,
                         const char *language,
                         const char *path)
{
  g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (window->entries), i);
  CmModelSet *models = cm_window_models_for_entry (window, entry);
  g_autoptr(CmModel) saved = cm_model_load (path, NULL);
  g_autoptr(GBytes) a = cm_model_serialize (cm_model_set_get_model (models, language));
  g_autoptr(GBytes) b = cm_model_serialize (saved);

  g_assert_true (g_bytes_equal (a, b));
}

static void
test_retrain_end_to_end (void)
{
  static const char * const names[] = { "clinic", "games", "shop", NULL };
  g_autofree char *corpus = make_corpus (names);
  g_autofree char *model_path = cm_corpus_model_path (corpus, "en");
  g_autofree char *status = NULL;
  g_autofree char *figures = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_auto(GStrv) lines = NULL;
  CmWindow *window = cm_test_open_window (app, corpus);
  CmRetrainDialog *dialog;
  CmExplanationView *view;
  guint n_unreviewed_changed = 0;

  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->entries)), ==, 3);

  /* Before any retrain: the shipped model, and the corrections to learn. */
  g_assert_true (cm_test_spin_until (status_counted, window, 30));
  status = cm_window_dup_model_status (window);
  g_assert_nonnull (strstr (status, "the shipped model"));
  g_assert_nonnull (strstr (status, "in this corpus to learn from"));
  g_assert_nonnull (strstr (cm_explanation_view_get_model_status (cm_inspector_get_explanation_view (window->inspector)),
                            "the shipped model"));

  /* The inspector explains the selected clause's likeliest suggestion
   * with its own words. */
  view = cm_inspector_get_explanation_view (window->inspector);
  g_assert_true (cm_window_go_to_clause (window, 1));
  cm_test_spin_a_little ();
  if (cm_clause_is_labelable (cm_window_get_selected_clause (window)))
    {
      CmExplanation *explanation = cm_explanation_view_get_explanation (view);
      guint n = 0;
      const CmSuggestion *s = cm_clause_get_suggestions (cm_window_get_selected_clause (window), &n);

      g_assert_cmpuint (n, >, 0);
      g_assert_nonnull (explanation);
      g_assert_cmpstr (explanation->label, ==, s[0].label);
      g_assert_cmpuint (cm_explanation_get_block (explanation, 0)->spans->len, >, 3);
    }

  /* Retrain: background training, then the figures; nothing written yet. */
  cm_test_activate (window, "win.retrain", NULL);
  dialog = cm_window_get_retrain_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (cm_test_spin_until (dialog_settled, window, 120));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_FIGURES);
  g_assert_nonnull (strstr (cm_retrain_dialog_get_message (dialog), "Trained on 31 reviewed clauses in 3 documents"));
  g_assert_false (g_file_test (model_path, G_FILE_TEST_EXISTS));
  figures = cm_retrain_dialog_dup_figures (dialog);
  lines = g_strsplit (figures, "\n", -1);
  /* collection, usage, sharing, ... each with old and new F1, then micro. */
  g_assert_cmpuint (g_strv_length (lines), >=, 6);
  g_assert_true (g_str_has_prefix (lines[0], "en\tcollection\t"));
  g_assert_nonnull (strstr (figures, "\nen\tmicro\t"));
  /* An English corpus: the Chinese model is neither trained nor named. */
  g_assert_null (strstr (figures, "zh\t"));
  g_assert_null (strstr (cm_retrain_dialog_get_message (dialog), "Chinese"));

  /* Re-suggest is offered only once the model is kept. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.resuggest", NULL)
                  && g_str_equal (cm_retrain_dialog_get_state (dialog), CM_RETRAIN_RESUGGESTED));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.keep", NULL));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_KEPT);
  g_assert_true (g_file_test (model_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&status, g_free);
  g_assert_true (cm_test_spin_until (status_counted, window, 30));
  status = cm_window_dup_model_status (window);
  g_assert_nonnull (strstr (status, "this corpus’s own model"));
  g_assert_nonnull (strstr (status, "on 31 reviewed clauses"));
  g_assert_nonnull (strstr (status, "0 corrections since it was trained"));

  /* Re-suggest: every document, unreviewed clauses only. */
  before = snapshot (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.resuggest", NULL));
  g_assert_true (cm_test_spin_until (resuggested, window, 60));
  after = snapshot (window);
  for (guint d = 0; d < before->len; d++)
    {
      g_autoptr(CmDocument) old = cm_document_from_json (g_ptr_array_index (before, d), -1, "before", NULL);
      CmDocument *now = entry_document (window, d);

      g_assert_nonnull (now);
      g_assert_cmpuint (cm_document_get_n_clauses (old), ==, cm_document_get_n_clauses (now));
      for (guint c = 0; c < cm_document_get_n_clauses (now); c++)
        {
          CmClause *was = cm_document_get_clause (old, c), *is = cm_document_get_clause (now, c);

          if (cm_clause_get_status (was) != CM_REVIEW_STATUS_UNREVIEWED)
            g_assert_true (cm_clause_equal (was, is));
          else if (!cm_clause_equal (was, is))
            n_unreviewed_changed++;
        }
      {
        g_autoptr(CmDocEntry) entry = g_list_model_get_item (G_LIST_MODEL (window->entries), d);
        g_assert_true (cm_doc_entry_get_dirty (entry));
      }
    }
  /* The new model's scores differ from the shipped one's. */
  g_assert_cmpuint (n_unreviewed_changed, >, 0);
  g_assert_nonnull (strstr (cm_retrain_dialog_get_message (dialog), "Reviewed clauses were not touched"));

  /* The dialog's Undo puts every document back exactly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.undo-resuggest", NULL));
  undone = snapshot (window);
  for (guint d = 0; d < before->len; d++)
    g_assert_cmpstr (g_ptr_array_index (undone, d), ==, g_ptr_array_index (before, d));

  /* Again, then Ctrl+Z's action in the shown document undoes it there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.resuggest", NULL));
  g_assert_true (cm_test_spin_until (resuggested, window, 60));
  gtk_window_destroy (GTK_WINDOW (dialog));
  cm_test_spin_a_little ();
  g_assert_null (cm_window_get_retrain_dialog (window));
  {
    g_autofree char *shown = NULL;
    guint position = 0;

    g_assert_true (g_list_store_find (window->entries, window->current, &position));
    cm_test_activate (window, "win.undo", NULL);
    shown = cm_document_to_json (cm_window_get_document (window), NULL);
    g_assert_cmpstr (shown, ==, g_ptr_array_index (before, position));
  }

  /* Reopened, the corpus uses its own model. */
  cm_test_destroy_window (window);
  window = cm_test_open_window (app, corpus);
  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  g_assert_true (cm_test_spin_until (status_counted, window, 30));
  g_clear_pointer (&status, g_free);
  status = cm_window_dup_model_status (window);
  g_assert_nonnull (strstr (status, "this corpus’s own model"));
  assert_uses_saved_model (window, 0, "en", model_path);
  cm_test_destroy_window (window);
}

/* A bilingual corpus: both languages retrained in one go, the shown
 * document's first; each keeps its own model; a language with too few
 * reviewed clauses is named and keeps the shipped model. */
static void
test_retrain_bilingual (void)
{
  static const char * const both[] = { "clinic", "games", "yiyuan", "youxi", NULL };
  static const char * const zh_too_few[] = { "clinic", "games", "yiyuan", NULL };
  g_autofree char *corpus = make_corpus (both);
  g_autofree char *en_path = cm_corpus_model_path (corpus, "en");
  g_autofree char *zh_path = cm_corpus_model_path (corpus, "zh");
  g_autofree char *figures = NULL;
  g_autofree char *corpus2 = NULL;
  g_autofree char *en_path2 = NULL;
  g_autofree char *zh_path2 = NULL;
  CmWindow *window = cm_test_open_window (app, corpus);
  CmRetrainDialog *dialog;
  const char *message;

  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  cm_test_activate (window, "win.retrain", NULL);
  dialog = cm_window_get_retrain_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (cm_test_spin_until (dialog_settled, window, 180));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_FIGURES);
  message = cm_retrain_dialog_get_message (dialog);
  g_assert_nonnull (strstr (message, "English: trained on 21 reviewed clauses in 2 documents"));
  g_assert_nonnull (strstr (message, "Chinese: trained on 22 reviewed clauses in 2 documents"));
  g_assert_true (strstr (message, "English:") < strstr (message, "Chinese:"));
  figures = cm_retrain_dialog_dup_figures (dialog);
  g_assert_true (g_str_has_prefix (figures, "en\t"));
  g_assert_nonnull (strstr (figures, "\nen\tmicro\t"));
  g_assert_nonnull (strstr (figures, "\nzh\tcollection\t"));
  g_assert_nonnull (strstr (figures, "\nzh\tmicro\t"));
  g_assert_false (g_file_test (en_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (zh_path, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.keep", NULL));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_KEPT);
  g_assert_true (g_file_test (en_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (zh_path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (cm_retrain_dialog_get_message (dialog), "its own models"));
  assert_uses_saved_model (window, 2, "zh", zh_path);
  cm_test_destroy_window (window);

  /* One Chinese policy: English is retrained, Chinese is named, not saved. */
  corpus2 = make_corpus (zh_too_few);
  en_path2 = cm_corpus_model_path (corpus2, "en");
  zh_path2 = cm_corpus_model_path (corpus2, "zh");
  window = cm_test_open_window (app, corpus2);
  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  cm_test_activate (window, "win.retrain", NULL);
  dialog = cm_window_get_retrain_dialog (window);
  g_assert_true (cm_test_spin_until (dialog_settled, window, 180));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_FIGURES);
  message = cm_retrain_dialog_get_message (dialog);
  g_assert_nonnull (strstr (message, "Trained on 21 reviewed clauses in 2 documents"));
  g_assert_nonnull (strstr (message, "\nThis corpus has 11 reviewed Chinese clauses in 1 document; retraining needs at least 20 in 2 documents."));
  g_clear_pointer (&figures, g_free);
  figures = cm_retrain_dialog_dup_figures (dialog);
  g_assert_null (strstr (figures, "zh\t"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.keep", NULL));
  g_assert_true (g_file_test (en_path2, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (zh_path2, G_FILE_TEST_EXISTS));
  cm_test_destroy_window (window);
}

static void
test_too_few_reviewed (void)
{
  static const char * const names[] = { "shop", NULL };
  g_autofree char *corpus = make_corpus (names);
  CmWindow *window = cm_test_open_window (app, corpus);
  CmRetrainDialog *dialog;

  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  cm_test_activate (window, "win.retrain", NULL);
  dialog = cm_window_get_retrain_dialog (window);
  g_assert_true (cm_test_spin_until (dialog_settled, window, 60));
  g_assert_cmpstr (cm_retrain_dialog_get_state (dialog), ==, CM_RETRAIN_FAILED);
  /* How many there are, and how many are needed. */
  g_assert_cmpstr (cm_retrain_dialog_get_message (dialog), ==,
                   "This corpus has 10 reviewed English clauses in 1 document; retraining needs at "
                   "least 20 in 2 documents. Review more clauses (Enter accepts one, the label keys "
                   "correct it), then retrain.");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "retrain.keep", NULL)
                  && g_str_equal (cm_retrain_dialog_get_state (dialog), CM_RETRAIN_KEPT));
  cm_test_destroy_window (window);
}

/* A policy file is no corpus: the action is off. */
static void
test_policy_is_no_corpus (void)
{
  g_autofree char *path = cm_test_data_path ("samples", "sample-en.txt", NULL);
  CmWindow *window = cm_test_open_window (app, path);

  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  g_assert_null (cm_window_dup_model_status (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retrain", NULL);
  cm_test_spin_a_little ();
  g_assert_null (cm_window_get_retrain_dialog (window));
  cm_test_destroy_window (window);
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);

  g_test_add_func ("/retrain-window/end-to-end", test_retrain_end_to_end);
  g_test_add_func ("/retrain-window/bilingual", test_retrain_bilingual);
  g_test_add_func ("/retrain-window/too-few-reviewed", test_too_few_reviewed);
  g_test_add_func ("/retrain-window/policy-is-no-corpus", test_policy_is_no_corpus);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
