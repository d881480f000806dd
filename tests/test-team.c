/* test-team.c — team work in the window, driven through its actions:
 * who labels is asked once; decisions go to the annotator's own answer;
 * blind labelling hides the model and the others; the curator view takes
 * the majority or annotator N's labels, filters, undoes and counts its
 * progress; the agreement chart draws what it is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-agreement-chart.h"
#include "cm-annotate.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-label-style.h"
#include "cm-test-util.h"
#include "cm-test-window.h"

static char *tmpdir;
static CmApplication *app;

static char *
copy_sample (const char *name)
{
  return cm_test_copy_sample (tmpdir, "sample-en.txt", name);
}

/* A labelable clause of some length, selected. */
static CmClause *
select_labelable (CmWindow *window)
{
  for (int i = 0; i < 200; i++)
    {
      CmClause *clause;

      cm_test_activate (window, "win.next", NULL);
      clause = cm_window_get_selected_clause (window);
      if (clause && cm_clause_is_labelable (clause) && cm_clause_get_length (clause) > 20)
        return clause;
    }
  g_assert_not_reached ();
  return NULL;
}

/* ---- who labels is asked once -------------------------------------------- */

static void
test_identity_asked_once (void)
{
  g_autofree char *path = copy_sample ("identity.txt");
  CmWindow *window;
  CmClause *clause;
  gboolean had;
  g_autofree char *stored = NULL;

  cm_application_set_annotator (app, NULL);
  window = cm_test_open_window (app, path);
  g_assert_cmpstr (cm_sidebar_get_identity (window->sidebar), !=, "Ana Lima");
  clause = select_labelable (window);
  had = cm_clause_has_label (clause, "contact");

  /* The first decision asks who decides, and waits for the answer. */
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  g_assert_nonnull (window->identity_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->identity_dialog)));
  g_assert_true (cm_clause_has_label (cm_window_get_selected_clause (window), "contact") == had);
  g_assert_false (cm_window_get_dirty (window));

  /* Cancelled: nothing is recorded, and the next decision asks again. */
  cm_identity_dialog_cancel (window->identity_dialog);
  cm_test_spin_a_little ();
  g_assert_null (window->identity_dialog);
  g_assert_false (cm_window_get_dirty (window));
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  g_assert_nonnull (window->identity_dialog);

  /* An empty name is not an answer. */
  cm_identity_dialog_set_name (window->identity_dialog, "   ");
  cm_identity_dialog_confirm (window->identity_dialog);
  cm_test_spin_a_little ();
  g_assert_nonnull (window->identity_dialog);

  /* Answered: the waiting toggle happens, under that name. */
  cm_identity_dialog_set_name (window->identity_dialog, "  Ana Lima ");
  cm_identity_dialog_confirm (window->identity_dialog);
  cm_test_spin_a_little ();
  g_assert_null (window->identity_dialog);
  clause = cm_window_get_selected_clause (window);
  g_assert_true (cm_clause_has_label (clause, "contact") != had);
  g_assert_cmpstr (cm_clause_get_reviewer (clause), ==, "Ana Lima");
  stored = cm_application_dup_annotator (app);
  g_assert_cmpstr (stored, ==, "Ana Lima");
  g_assert_cmpstr (cm_sidebar_get_identity (window->sidebar), ==, "Ana Lima");

  /* Never again, in this window or another. */
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  g_assert_null (window->identity_dialog);
  g_assert_true (cm_clause_has_label (cm_window_get_selected_clause (window), "contact") == had);
  cm_test_activate (window, "win.accept", NULL);
  g_assert_null (window->identity_dialog);
  cm_test_destroy_window (window);

  window = cm_test_open_window (app, path);
  g_assert_cmpstr (cm_sidebar_get_identity (window->sidebar), ==, "Ana Lima");
  select_labelable (window);
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("security"));
  g_assert_null (window->identity_dialog);
  g_assert_true (cm_window_get_dirty (window));

  /* Changed in Preferences (the same setting): shown at once. */
  cm_application_set_annotator (app, "Bo Chen");
  cm_test_spin_a_little ();
  g_assert_cmpstr (cm_sidebar_get_identity (window->sidebar), ==, "Bo Chen");
  cm_test_destroy_window (window);
}

/* ---- a document three annotators labelled ------------------------------- */

/* Clause ids and what each annotator answered on them. */
static const char *ANNOTATORS[] = { "Ana Lima", "Bo Chen", "Chris Weber" };

typedef struct
{
  const char *labels[3][3];   /* per annotator, NULL-terminated */
} Answers;

static const Answers ANSWERS[] = {
  /* majority collection+sharing; annotator 2 alone */
  { { { "collection", "sharing", NULL }, { "collection", NULL }, { "collection", "sharing", NULL } } },
  /* all agree */
  { { { "security", NULL }, { "security", NULL }, { "security", NULL } } },
  /* no majority for anything but usage */
  { { { "usage", "retention", NULL }, { "usage", NULL }, { "usage", "contact", NULL } } },
  /* majority says no label */
  { { { NULL }, { "contact", NULL }, { NULL } } },
};

/* The sample, segmented without a model, with the answers above on its
 * first labelable clauses; saved, so the window opens it as a document.
 * Returns the path; @ids gets the annotated clauses' ids. */
static char *
make_team_document (const char *name,
                    GPtrArray  *ids)
{
  g_autofree char *source = cm_test_data_path ("samples", "sample-en.txt", NULL);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  guint answer = 0;

  cm_annotate_options_init (&options);
  document = cm_annotate_file (source, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cm_document_get_n_clauses (document) && answer < G_N_ELEMENTS (ANSWERS); i++)
    {
      CmClause *clause = cm_document_get_clause (document, i);

      if (!cm_clause_is_labelable (clause) || cm_clause_get_length (clause) < 20)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (ANNOTATORS); a++)
        cm_clause_annotate (clause, ANNOTATORS[a], ANSWERS[answer].labels[a], CM_REVIEW_STATUS_CORRECTED);
      g_ptr_array_add (ids, g_strdup (cm_clause_get_id (clause)));
      answer++;
    }
  g_assert_cmpuint (answer, ==, G_N_ELEMENTS (ANSWERS));
  g_assert_true (cm_document_save (document, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
labels_are (CmClause *clause, const char * const *expected)
{
  const char * const *labels = cm_clause_get_labels (clause);
  guint n = 0;

  for (guint i = 0; expected && expected[i]; i++)
    if (!g_strv_contains (labels, expected[i]))
      return FALSE;
  for (; labels && labels[n]; n++)
    ;
  return n == (expected ? g_strv_length ((char **) expected) : 0);
}

static CmClause *
clause_by_id (CmWindow *window, const char *id)
{
  return cm_document_lookup_clause (cm_window_get_document (window), id, NULL);
}

static void
test_curator (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  CmWindow *window;
  CmCuratorView *curator;
  const char *majority_0[] = { "collection", "sharing", NULL };
  const char *bo_0[] = { "collection", NULL };
  guint adjudicated, total;

  cm_application_set_annotator (app, "Dana Curator");
  path = make_team_document ("team.clausemark.json", ids);
  window = cm_test_open_window (app, path);
  curator = window->curator_view;
  g_assert_false (cm_window_adjudicating (window));

  cm_test_activate (window, "win.adjudicate", NULL);
  g_assert_true (cm_window_adjudicating (window));

  /* It starts at the first disagreement. */
  g_assert_true (cm_curator_view_get_selected (curator) == clause_by_id (window, ids->pdata[0]));

  /* The annotators in name order, numbered for the keys. */
  g_assert_cmpuint (g_strv_length ((char **) cm_curator_view_get_annotators (curator)), ==, 3);
  g_assert_cmpstr (cm_curator_view_get_annotators (curator)[1], ==, "Bo Chen");

  /* Disagreements only by default: three of the four annotated clauses. */
  g_assert_cmpuint (cm_curator_view_get_n_shown (curator), ==, 3);
  cm_curator_view_get_progress (curator, &adjudicated, &total);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (adjudicated, ==, 0);
  g_assert_nonnull (cm_sidebar_get_adjudication_text (window->sidebar));
  g_assert_nonnull (strstr (cm_sidebar_get_adjudication_text (window->sidebar), "0 / 3"));

  /* Filters: a label, an annotator, agreement too. */
  cm_curator_view_set_filter (curator, "contact", NULL, TRUE);
  g_assert_cmpuint (cm_curator_view_get_n_shown (curator), ==, 2);
  cm_curator_view_set_filter (curator, "security", NULL, FALSE);
  g_assert_cmpuint (cm_curator_view_get_n_shown (curator), ==, 1);
  cm_curator_view_set_filter (curator, NULL, "Bo Chen", FALSE);
  g_assert_cmpuint (cm_curator_view_get_n_shown (curator), ==, 4);
  cm_curator_view_set_filter (curator, NULL, NULL, TRUE);
  g_assert_cmpuint (cm_curator_view_get_n_shown (curator), ==, 3);

  /* The first disagreement is selected: take the majority. */
  g_assert_true (cm_curator_view_select_clause (curator, clause_by_id (window, ids->pdata[0])));
  cm_test_activate (window, "win.adjudicate", NULL);   /* leave... */
  cm_test_activate (window, "win.adjudicate", NULL);   /* ...and come back: nothing changed */
  g_assert_true (cm_curator_view_select_clause (curator, clause_by_id (window, ids->pdata[0])));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator), "curator.take-majority", NULL));
  cm_test_spin_a_little ();
  {
    CmClause *clause = clause_by_id (window, ids->pdata[0]);
    g_assert_true (labels_are (clause, majority_0));
    g_assert_true (cm_clause_get_adjudicated (clause));
    g_assert_cmpstr (cm_clause_get_reviewer (clause), ==, "Dana Curator");
    /* The annotators' own answers are untouched. */
    g_assert_cmpuint (cm_clause_get_n_annotations (clause), ==, 3);
  }
  g_assert_true (cm_window_get_dirty (window));
  cm_curator_view_get_progress (curator, &adjudicated, &total);
  g_assert_cmpuint (adjudicated, ==, 1);
  g_assert_nonnull (strstr (cm_sidebar_get_adjudication_text (window->sidebar), "1 / 3"));
  /* On to the next disagreement still to settle. */
  g_assert_true (cm_curator_view_get_selected (curator) == clause_by_id (window, ids->pdata[2]));

  /* Undo puts the clause back as it was, through the window's history. */
  cm_test_activate (window, "win.undo", NULL);
  g_assert_false (cm_clause_get_adjudicated (clause_by_id (window, ids->pdata[0])));
  g_assert_true (cm_curator_view_get_selected (curator) == clause_by_id (window, ids->pdata[0]));
  cm_curator_view_get_progress (curator, &adjudicated, &total);
  g_assert_cmpuint (adjudicated, ==, 0);

  /* Key 2: annotator 2's (Bo Chen's) labels. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator), "curator.take-annotator", "u", 2));
  cm_test_spin_a_little ();
  g_assert_true (labels_are (clause_by_id (window, ids->pdata[0]), bo_0));
  g_assert_true (cm_clause_get_adjudicated (clause_by_id (window, ids->pdata[0])));
  cm_test_activate (window, "win.undo", NULL);
  cm_test_activate (window, "win.redo", NULL);
  g_assert_true (labels_are (clause_by_id (window, ids->pdata[0]), bo_0));

  /* Majority of "no label" settles as no label. */
  g_assert_true (cm_curator_view_select_clause (curator, clause_by_id (window, ids->pdata[3])));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (curator), "curator.take-majority", NULL));
  cm_test_spin_a_little ();
  g_assert_true (labels_are (clause_by_id (window, ids->pdata[3]), NULL));
  g_assert_true (cm_clause_get_adjudicated (clause_by_id (window, ids->pdata[3])));

  /* Edit: a label key toggles the final labels as the curator's. */
  g_assert_true (cm_curator_view_select_clause (curator, clause_by_id (window, ids->pdata[2])));
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  g_assert_true (cm_clause_has_label (clause_by_id (window, ids->pdata[2]), "contact"));
  g_assert_true (cm_clause_get_adjudicated (clause_by_id (window, ids->pdata[2])));
  g_assert_cmpstr (cm_clause_get_reviewer (clause_by_id (window, ids->pdata[2])), ==, "Dana Curator");
  cm_curator_view_get_progress (curator, &adjudicated, &total);
  g_assert_cmpuint (adjudicated, ==, 3);

  /* Saved and read back: the settlements and every answer are there. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_null (cm_window_get_error_message (window));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CmDocument) saved = cm_document_load (path, &error);
    g_assert_no_error (error);
    g_assert_true (labels_are (cm_document_lookup_clause (saved, ids->pdata[0], NULL), bo_0));
    g_assert_true (cm_clause_get_adjudicated (cm_document_lookup_clause (saved, ids->pdata[0], NULL)));
    g_assert_cmpuint (cm_clause_get_n_annotations (cm_document_lookup_clause (saved, ids->pdata[0], NULL)), ==, 3);
  }

  cm_test_activate (window, "win.adjudicate", NULL);
  g_assert_false (cm_window_adjudicating (window));
  g_assert_null (cm_sidebar_get_adjudication_text (window->sidebar));
  cm_test_destroy_window (window);
}

/* ---- blind labelling ----------------------------------------------------- */

typedef struct
{
  guint active_toggles;
  guint chips;
  gboolean blind_note;
} Seen;

static void
look (GtkWidget *widget, Seen *seen)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_has_css_class (widget, "label-toggle")
      && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)))
    seen->active_toggles++;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "chip") && gtk_widget_get_mapped (widget))
    seen->chips++;
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Blind labelling"))
    seen->blind_note = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    look (child, seen);
}

static gboolean
text_tinted (CmWindow *window, CmClause *clause, const char *label)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window->text_view));
  g_autofree char *name = g_strconcat ("label:", label, NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) cm_clause_get_start (clause) + 1);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* A corpus folder holding the team document, the model's suggestion and
 * someone's final label "sharing" on every annotated clause. */
static char *
make_team_corpus (const char *name,
                  gboolean    blind,
                  GPtrArray  *ids)
{
  g_autofree char *document_path = NULL;
  g_autofree char *directory = g_build_filename (tmpdir, name, NULL);
  g_autoptr(CmDocument) document = NULL;
  g_autoptr(CmCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  const char *sharing[] = { "sharing", NULL };
  CmSuggestion suggestion = { g_intern_static_string ("sharing"), 0.93 };
  g_autofree char *file = g_strconcat (name, ".clausemark.json", NULL);

  document_path = make_team_document (file, ids);
  document = cm_document_load (document_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      CmClause *clause = cm_document_lookup_clause (document, ids->pdata[i], NULL);
      cm_clause_set_labels (clause, sharing);
      cm_clause_set_suggestions (clause, &suggestion, 1);
    }
  corpus = cm_corpus_open (directory, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (cm_corpus_add_document (corpus, document, &error));
  cm_corpus_set_blind (corpus, blind);
  g_assert_true (cm_corpus_save_manifest (corpus, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&directory);
}

static void
check_blind (gboolean blind)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *directory = make_team_corpus (blind ? "blind" : "open", blind, ids);
  CmWindow *window;
  CmClause *clause;
  Seen seen = { 0, };

  cm_application_set_annotator (app, "Eve Stone");
  window = cm_test_open_window (app, directory);
  g_assert_true (cm_window_blind (window) == blind);
  clause = clause_by_id (window, ids->pdata[0]);
  g_assert_true (cm_clause_list_select_clause (window->clause_list, clause));
  cm_test_spin_a_little ();
  g_assert_true (cm_window_get_selected_clause (window) == clause);

  /* Neither the model's label nor anyone's answer shows while blind. */
  look (GTK_WIDGET (window->inspector), &seen);
  g_assert_cmpuint (seen.active_toggles, ==, blind ? 0 : 1);
  g_assert_true (seen.blind_note == blind);
  g_assert_true (text_tinted (window, clause, "sharing") != blind);
  seen = (Seen) { 0, };
  look (GTK_WIDGET (window->clause_list), &seen);
  if (blind)
    g_assert_cmpuint (seen.chips, ==, 0);
  else
    g_assert_cmpuint (seen.chips, >, 0);
  /* The models' flags are theirs too: not set while blind. */
  if (blind)
    {
      CmFlags flags = cm_clause_get_flags (clause);

      cm_test_activate (window, "win.toggle-flag", g_variant_new_string ("risk"));
      g_assert_cmpuint (cm_clause_get_flags (clause), ==, flags);
      g_assert_nonnull (cm_window_get_error_message (window));
      cm_window_hide_error (window);
    }

  /* A toggle is Eve's own answer; blind, the final labels wait. */
  cm_test_activate (window, "win.toggle-label", g_variant_new_string ("contact"));
  {
    CmAnnotation *mine = cm_clause_lookup_annotation (clause, "Eve Stone");
    g_assert_nonnull (mine);
    g_assert_true (cm_annotation_has_label (mine, "contact"));
    g_assert_true (cm_annotation_has_label (mine, "sharing") != blind);
    g_assert_true (cm_clause_has_label (clause, "sharing"));
    g_assert_true (cm_clause_has_label (clause, "contact") != blind);
    /* Nobody else's answer changed. */
    g_assert_cmpuint (cm_clause_get_n_annotations (clause), ==, 4);
    g_assert_true (cm_annotation_has_label (cm_clause_lookup_annotation (clause, "Bo Chen"), "collection"));
  }
  seen = (Seen) { 0, };
  look (GTK_WIDGET (window->inspector), &seen);
  g_assert_cmpuint (seen.active_toggles, ==, blind ? 1 : 2);
  g_assert_true (text_tinted (window, clause, "contact") == blind || text_tinted (window, clause, "sharing"));

  /* The model's doubt is hidden too. */
  cm_window_hide_error (window);
  cm_test_activate (window, "win.next-doubtful", NULL);
  g_assert_true ((cm_window_get_error_message (window) != NULL) == blind);
  g_assert_true (cm_window_get_selected_clause (window) == clause || !blind);
  cm_window_hide_error (window);
  if (!blind)
    g_assert_true (cm_clause_list_select_clause (window->clause_list, clause));
  cm_test_spin_a_little ();

  /* Undo takes Eve's answer back. */
  cm_test_activate (window, "win.undo", NULL);
  clause = clause_by_id (window, ids->pdata[0]);
  g_assert_null (cm_clause_lookup_annotation (clause, "Eve Stone"));

  /* The curator sees everything; back at the desk, blind again. */
  cm_test_activate (window, "win.adjudicate", NULL);
  g_assert_false (cm_window_blind (window));
  cm_test_activate (window, "win.adjudicate", NULL);
  g_assert_true (cm_window_blind (window) == blind);
  cm_test_destroy_window (window);

  /* One of the corpus's documents opened on its own: its corpus decides. */
  {
    g_auto(GStrv) names = NULL;
    g_autofree char *document_path = NULL;
    g_autoptr(CmCorpus) corpus = cm_corpus_open (directory, FALSE, NULL);

    g_assert_nonnull (corpus);
    names = cm_corpus_list_documents (corpus);
    g_assert_nonnull (names[0]);
    document_path = g_build_filename (directory, names[0], NULL);
    window = cm_test_open_window (app, document_path);
    g_assert_true (cm_window_blind (window) == blind);
    cm_test_destroy_window (window);
  }
}

static void
test_blind (void)
{
  check_blind (TRUE);
}

static void
test_not_blind (void)
{
  check_blind (FALSE);
}

/* ---- several annotators' copies open as one ------------------------------ */

/* A copy of the team document holding @annotator's answers only, saved
 * as @dir/@name. */
static char *
make_copy (const char *team_path,
           const char *annotator,
           const char *dir,
           const char *name)
{
  g_autofree char *directory = g_build_filename (tmpdir, dir, NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDocument) copy = cm_document_load (team_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cm_document_get_n_clauses (copy); i++)
    {
      CmClause *clause = cm_document_get_clause (copy, i);
      for (guint a = 0; a < G_N_ELEMENTS (ANNOTATORS); a++)
        if (g_strcmp0 (ANNOTATORS[a], annotator) != 0)
          cm_clause_remove_annotation (clause, ANNOTATORS[a]);
    }
  g_mkdir_with_parents (directory, 0755);
  g_assert_true (cm_document_save (copy, path, &error));
  return g_steal_pointer (&path);
}

static void
open_paths (CmWindow *window, const char *a, const char *b)
{
  GFile *files[] = { g_file_new_for_path (a), g_file_new_for_path (b) };

  cm_window_open_files (window, files, 2);
  g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
  cm_test_spin_a_little ();
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_join_copies (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *team = make_team_document ("join-team.clausemark.json", ids);
  g_autofree char *ana = make_copy (team, "Ana Lima", "ana", "policy.clausemark.json");
  g_autofree char *bo = make_copy (team, "Bo Chen", "bo", "policy.clausemark.json");
  g_autofree char *ana_before = NULL, *bo_before = NULL, *ana_after = NULL;
  CmWindow *window = cm_window_new (app);
  CmDocument *joined;
  CmClause *clause;

  g_assert_true (g_file_get_contents (ana, &ana_before, NULL, NULL));
  g_assert_true (g_file_get_contents (bo, &bo_before, NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  open_paths (window, ana, bo);
  g_assert_null (cm_window_get_error_message (window));

  /* One document, with both annotators' answers, unsaved. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->entries)), ==, 1);
  joined = cm_window_get_document (window);
  g_assert_nonnull (joined);
  clause = cm_document_lookup_clause (joined, ids->pdata[0], NULL);
  g_assert_nonnull (clause);
  g_assert_cmpuint (cm_clause_get_n_annotations (clause), ==, 2);
  g_assert_nonnull (cm_clause_lookup_annotation (clause, "Ana Lima"));
  g_assert_nonnull (cm_clause_lookup_annotation (clause, "Bo Chen"));
  g_assert_true (cm_window_get_dirty (window));
  g_assert_true (g_str_has_suffix (cm_window_get_save_path (window), ".joined.clausemark.json"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "2"));

  /* Saving writes the joined file; the copies stay as they were. */
  cm_test_activate (window, "win.save", NULL);
  g_assert_null (cm_window_get_error_message (window));
  g_assert_true (g_file_test (cm_window_get_save_path (window), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (ana, &ana_after, NULL, NULL));
  g_assert_cmpstr (ana_after, ==, ana_before);
  cm_test_destroy_window (window);
}

static void
test_join_refuses_other_text (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *team = make_team_document ("other-team.clausemark.json", ids);
  g_autofree char *ana = make_copy (team, "Ana Lima", "ana2", "policy.clausemark.json");
  g_autofree char *bo = make_copy (team, "Bo Chen", "bo2", "policy.clausemark.json");
  g_autofree char *bo_before = NULL, *bo_after = NULL;
  g_autoptr(CmDocument) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  char *word;
  CmWindow *window;

  /* Bo's copy made from another version of the policy (one word differs,
   * same length, so only the text tells). */
  g_assert_true (g_file_get_contents (bo, &json, NULL, NULL));
  word = strstr (json, "note-taking");
  g_assert_nonnull (word);
  memcpy (word, "note-making", strlen ("note-making"));
  g_assert_true (g_file_set_contents (bo, json, -1, &error));
  changed = cm_document_load (bo, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (bo, &bo_before, NULL, NULL));

  window = cm_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  open_paths (window, ana, bo);
  /* Nothing opened, the error names the document, the files untouched. */
  g_assert_nonnull (cm_window_get_error_message (window));
  g_assert_nonnull (strstr (cm_window_get_error_message (window), cm_document_get_id (changed)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->entries)), ==, 0);
  g_assert_true (g_file_get_contents (bo, &bo_after, NULL, NULL));
  g_assert_cmpstr (bo_after, ==, bo_before);
  cm_test_destroy_window (window);
}

/* ---- the agreement panel ------------------------------------------------- */

static gboolean
panel_done (gpointer data)
{
  return !cm_agreement_panel_is_busy (data);
}

static void
test_agreement_panel (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = make_team_document ("agree-team.clausemark.json", ids);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CmAgreement) expected = NULL;
  g_autoptr(GError) error = NULL;
  CmWindow *window = cm_test_open_window (app, path);
  CmAgreementPanel *panel = window->agreement_panel;
  CmAgreement *shown;

  cm_test_activate (window, "win.agreement", NULL);
  g_assert_true (cm_test_spin_until (panel_done, panel, 60));
  cm_test_spin_a_little ();
  g_assert_cmpstr (cm_agreement_panel_get_state (panel), ==, "result");
  shown = cm_agreement_panel_get_agreement (panel);
  g_assert_nonnull (shown);
  g_assert_cmpuint (cm_agreement_get_n_annotators (shown), ==, 3);

  /* The figures are the core's on the same document, a bar per label. */
  g_ptr_array_add (documents, cm_document_load (path, &error));
  g_assert_no_error (error);
  expected = cm_agreement_compute (documents, CM_AGREEMENT_DEFAULT_BOOTSTRAP, 20261130, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (cm_agreement_get_figure (shown, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA).value,
                                  cm_agreement_get_figure (expected, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA).value,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (cm_agreement_get_figure (shown, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA).low,
                                  cm_agreement_get_figure (expected, CM_AGREEMENT_OVERALL, CM_AGREEMENT_ALPHA).low,
                                  1e-12);
  g_assert_cmpuint (cm_agreement_chart_get_n_bars (cm_agreement_panel_get_chart (panel)), ==,
                    cm_agreement_get_n_labels (expected));
  g_assert_cmpuint (cm_agreement_get_n_labels (expected), >, 0);

  /* Hidden again with the same key. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->desk_stack), ==, "agreement");
  cm_test_activate (window, "win.agreement", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->desk_stack), ==, "desk");
  cm_test_destroy_window (window);
}

/* ---- the agreement chart ------------------------------------------------- */

static void
test_chart (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = cm_agreement_chart_new ();
  CmChartBar bars[] = {
    { "Collection", "#3584e4", 0.81, 0.70, 0.90, 120 },
    { "Sharing", "#e66100", -0.20, -0.45, 0.05, 40 },
    { "Nobody used this", NULL, NAN, NAN, NAN, 12 },
  };
  int minimum, natural;

  gtk_window_set_child (GTK_WINDOW (window), chart);
  cm_agreement_chart_set_measure (CM_AGREEMENT_CHART (chart), "α");
  cm_agreement_chart_set_bars (CM_AGREEMENT_CHART (chart), bars, G_N_ELEMENTS (bars));
  g_assert_cmpuint (cm_agreement_chart_get_n_bars (CM_AGREEMENT_CHART (chart)), ==, 3);
  g_assert_cmpstr (cm_agreement_chart_get_measure (CM_AGREEMENT_CHART (chart)), ==, "α");

  /* One row per bar, and room for the axis. */
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 3 * 20);
  cm_agreement_chart_set_bars (CM_AGREEMENT_CHART (chart), bars, 1);
  {
    int one_bar;
    gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &one_bar, NULL, NULL, NULL);
    g_assert_cmpint (one_bar, <, minimum);
  }
  cm_agreement_chart_set_bars (CM_AGREEMENT_CHART (chart), bars, G_N_ELEMENTS (bars));

  /* It draws (a negative value and a missing one included). */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 200);
  gtk_window_present (GTK_WINDOW (window));
  cm_test_spin_a_little ();
  {
    g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chart);
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (chart), gtk_widget_get_height (chart));
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_nonnull (node);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_spin_a_little ();
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);

  g_test_add_func ("/team/identity-asked-once", test_identity_asked_once);
  g_test_add_func ("/team/curator", test_curator);
  g_test_add_func ("/team/blind", test_blind);
  g_test_add_func ("/team/not-blind", test_not_blind);
  g_test_add_func ("/team/join-copies", test_join_copies);
  g_test_add_func ("/team/join-refuses-other-text", test_join_refuses_other_text);
  g_test_add_func ("/team/agreement-panel", test_agreement_panel);
  g_test_add_func ("/team/chart", test_chart);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
