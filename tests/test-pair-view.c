/* test-pair-view.c — the side-by-side view of a bilingual pair, driven
 * through its actions: open the sample pair, step through the differences,
 * mark one reviewed, unlink, link and re-align rows (Escape stops that),
 * undo and redo, save, reopen.
 *
 * Labels are corrected on either side of a row, undone and saved. Two
 * texts that share little are said to.
 *
 * With CM_SCREENSHOT_DIR set, writes pair-view.png,
 * pair-labels-<ui language>.png and pair-relink-error-<ui language>.png
 * there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-annotate.h"
#include "cm-application.h"
#include "cm-label-style.h"
#include "cm-pair-view.h"
#include "cm-test-util.h"

static void
spin_a_little (void)
{
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The view aligns a pair without links in a thread: it says it is
 * aligning, then shows the rows (within 60 s), without an error. */
static void
wait_aligned (CmPairView *view)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_true (cm_pair_view_get_aligning (view));
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, 0);
  while (cm_pair_view_get_aligning (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_pair_view_get_aligning (view));
  g_assert_null (cm_pair_view_get_align_error (view));
}

/* Re-aligning rows runs in a thread too: wait for it (within 60 s). */
static void
wait_relinked (CmPairView *view)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_true (cm_pair_view_get_relinking (view));
  while (cm_pair_view_get_relinking (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_pair_view_get_relinking (view));
}

static CmDocument *
open_sample_labelled (const char *name,
                      CmModelSet *models)
{
  g_autofree char *path = cm_test_data_path ("samples", name, NULL);
  g_autoptr(GError) error = NULL;
  CmAnnotateOptions options;
  CmDocument *document;

  cm_annotate_options_init (&options);
  options.models = models;
  document = cm_annotate_file (path, &options, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static CmDocument *
open_sample (const char *name)
{
  return open_sample_labelled (name, NULL);
}

static guint
count_clause_ids (GPtrArray *links,
                  gboolean   partner)
{
  guint n = 0;

  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      n += g_strv_length (partner ? link->partner_clauses : link->clauses);
    }
  return n;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("CM_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width, height;

  if (dir == NULL)
    return;
  /* wait until the window is mapped and laid out */
  while ((gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget))
         && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  spin_a_little ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_test_message ("no screenshot: the window was not shown");
      return;
    }
  paintable = gtk_widget_paintable_new (widget);
  /* the first frame may not have been drawn yet: nothing to snapshot */
  while (node == NULL && g_get_monotonic_time () < end + 10 * G_USEC_PER_SEC)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  if (node == NULL)
    {
      g_test_message ("no screenshot: nothing was drawn");
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
count_change (guint *n_changes)
{
  (*n_changes)++;
}

static void
test_sample_pair (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *zh_path = g_build_filename (dir, "zh.json", NULL);
  g_autofree char *en_path = g_build_filename (dir, "en.json", NULL);
  g_autoptr(CmDocument) zh_again = NULL;
  g_autoptr(CmDocument) en_again = NULL;
  GtkWidget *window = gtk_window_new ();
  CmPairView *view = cm_pair_view_new ();
  CmPairView *reopened;
  guint n_rows, n_changes = 0;
  int first, second, third;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (view, "links-changed", G_CALLBACK (count_change), &n_changes);

  /* either order: the view finds the Chinese document and aligns */
  cm_pair_view_set_documents (view, en, zh);
  wait_aligned (view);
  spin_a_little ();
  g_assert_true (cm_pair_view_get_zh (view) == zh);
  g_assert_cmpstr (cm_document_get_partner_id (zh), ==, cm_document_get_id (en));
  n_rows = cm_pair_view_get_n_rows (view);
  g_assert_cmpuint (n_rows, ==, cm_document_get_links (zh)->len);
  /* the sample's three intended differences that are not 1-1 / 2-1 / 1-2 */
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (view), ==, 3);
  original = cm_test_copy_links (cm_document_get_links (zh));

  /* F8 steps through them in order and wraps around */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.next-difference", NULL));
  first = cm_pair_view_get_selected_link (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.next-difference", NULL);
  second = cm_pair_view_get_selected_link (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.next-difference", NULL);
  third = cm_pair_view_get_selected_link (view);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (first, <, second);
  g_assert_cmpint (second, <, third);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.next-difference", NULL);
  g_assert_cmpint (cm_pair_view_get_selected_link (view), ==, first);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.previous-difference", NULL);
  g_assert_cmpint (cm_pair_view_get_selected_link (view), ==, third);
  spin_a_little ();
  save_screenshot (window, "pair-view.png");

  /* mark the first reviewed: two remain, and F8 skips it */
  cm_pair_view_select_link (view, (guint) first);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-reviewed", NULL);
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (view), ==, 2);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), first))->reviewed);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (en), first))->reviewed);

  /* unlink the 1-1 row after the first difference: one more row; undo, redo */
  {
    g_autoptr(GPtrArray) before = cm_test_copy_links (cm_document_get_links (zh));

    cm_pair_view_select_link (view, (guint) first + 1);
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.unlink", NULL);
    g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows + 1);
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL);
    g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows);
    g_assert_true (cm_test_links_equal (cm_document_get_links (zh), before, FALSE));
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.redo", NULL);
    g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows + 1);

    /* re-link the two halves by hand: back to one row of the same clauses */
    cm_pair_view_select_range (view, (guint) first + 1, 2);
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.link", NULL);
    g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows);
    {
      const CmLink *a = g_ptr_array_index (cm_document_get_links (zh), first + 1);
      const CmLink *b = g_ptr_array_index (before, first + 1);
      g_assert_true (g_strv_equal ((const char * const *) a->clauses, (const char * const *) b->clauses));
      g_assert_true (g_strv_equal ((const char * const *) a->partner_clauses,
                                   (const char * const *) b->partner_clauses));
      g_assert_true (a->reviewed);
    }
  }

  /* join the missing clause with its neighbour, then re-align both rows
   * automatically: every clause is still linked exactly once */
  cm_pair_view_select_range (view, (guint) first - 1, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.link", NULL);
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows - 1);
  cm_pair_view_select_link (view, (guint) first - 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  wait_relinked (view);
  g_assert_cmpuint (count_clause_ids (cm_document_get_links (zh), FALSE), ==,
                    count_clause_ids (original, FALSE));
  g_assert_cmpuint (count_clause_ids (cm_document_get_links (zh), TRUE), ==,
                    count_clause_ids (original, TRUE));
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), ==, n_rows);

  /* save both documents and reopen them in a new view: same links, the
   * reviewed mark kept, no re-alignment */
  g_assert_true (cm_document_save (zh, zh_path, &error));
  g_assert_no_error (error);
  g_assert_true (cm_document_save (en, en_path, &error));
  g_assert_no_error (error);
  zh_again = cm_document_load (zh_path, &error);
  g_assert_no_error (error);
  en_again = cm_document_load (en_path, &error);
  g_assert_no_error (error);
  reopened = cm_pair_view_new ();
  g_object_ref_sink (reopened);
  cm_pair_view_set_documents (reopened, zh_again, en_again);
  /* the links were saved: nothing to align */
  g_assert_false (cm_pair_view_get_aligning (reopened));
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh_again), cm_document_get_links (zh), FALSE));
  g_assert_cmpuint (cm_pair_view_get_n_rows (reopened), ==, cm_pair_view_get_n_rows (view));
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (reopened), ==,
                    cm_pair_view_get_n_open_differences (view));
  g_object_unref (reopened);

  /* toggle, unlink, undo, redo, link, link, relink */
  g_assert_cmpuint (n_changes, ==, 7);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* The label difference of link @link_index, or NULL. */
static CmDifference *
find_label_difference (CmDocument *zh,
                       CmDocument *en,
                       guint       link_index)
{
  g_autoptr(GPtrArray) differences = cm_pair_find_differences (zh, en);

  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *difference = differences->pdata[i];
      if (difference->kind == CM_DIFFERENCE_LABELS && difference->link_index == link_index)
        return cm_difference_copy (difference);
    }
  return NULL;
}

/* A link whose Chinese clause carries @label and whose English one does
 * not, and nothing else differs: the translation lost a label. */
static int
find_lost_label (CmDocument *zh,
                 CmDocument *en,
                 const char *label)
{
  g_autoptr(GPtrArray) differences = cm_pair_find_differences (zh, en);

  cm_differences_sort_by_position (differences);
  for (guint i = 0; i < differences->len; i++)
    {
      const CmDifference *difference = differences->pdata[i];

      /* (between two models the difference is read from their scores, so
       * the English clause may still hold the label above its threshold) */
      if (difference->kind == CM_DIFFERENCE_LABELS
          && g_strv_length (difference->zh_only) == 1 && g_str_equal (difference->zh_only[0], label)
          && g_strv_length (difference->en_only) == 0
          && g_strv_length (difference->en_clauses) == 1
          && !cm_clause_has_label (cm_document_lookup_clause (en, difference->en_clauses[0], NULL), label))
        return (int) difference->link_index;
    }
  return -1;
}

/* Makes sure the pair holds a translation that lost @label: the first
 * 1-1 link whose Chinese clause carries it and is sure of it loses it on
 * the English side (label and model score alike). The test is about the
 * correction, so it must not hang on which mistakes the shipped models
 * happen to make on the samples. */
static void
plant_lost_label (CmDocument *zh,
                  CmDocument *en,
                  const char *label)
{
  GPtrArray *links = cm_document_get_links (zh);

  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      CmClause *zh_clause, *en_clause;
      const CmSuggestion *suggestions;
      g_autoptr(GArray) kept = NULL;
      g_autoptr(GPtrArray) labels = NULL;
      guint n_suggestions;

      if (g_strv_length (link->clauses) != 1 || g_strv_length (link->partner_clauses) != 1)
        continue;
      zh_clause = cm_document_lookup_clause (zh, link->clauses[0], NULL);
      en_clause = cm_document_lookup_clause (en, link->partner_clauses[0], NULL);
      if (zh_clause == NULL || en_clause == NULL || !cm_clause_has_label (zh_clause, label))
        continue;
      suggestions = cm_clause_get_suggestions (zh_clause, &n_suggestions);
      for (guint k = 0; k < n_suggestions; k++)
        if (g_str_equal (suggestions[k].label, label) && suggestions[k].score >= 0.9)
          goto found;
      continue;

    found:
      labels = g_ptr_array_new ();
      for (const char * const *l = cm_clause_get_labels (en_clause); *l != NULL; l++)
        if (!g_str_equal (*l, label))
          g_ptr_array_add (labels, (gpointer) *l);
      g_ptr_array_add (labels, NULL);
      cm_clause_set_labels (en_clause, (const char * const *) labels->pdata);
      kept = g_array_new (FALSE, FALSE, sizeof (CmSuggestion));
      suggestions = cm_clause_get_suggestions (en_clause, &n_suggestions);
      for (guint k = 0; k < n_suggestions; k++)
        {
          CmSuggestion suggestion = suggestions[k];
          if (g_str_equal (suggestion.label, label))
            suggestion.score = 0.02;
          g_array_append_val (kept, suggestion);
        }
      cm_clause_set_suggestions (en_clause, (const CmSuggestion *) (gpointer) kept->data, kept->len);
      return;
    }
  g_assert_not_reached ();
}

static void
test_correct_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmModelSet) models = cm_model_set_load_default (&error);
  g_autoptr(CmTaxonomy) taxonomy = NULL;
  g_autoptr(CmDocument) zh = NULL;
  g_autoptr(CmDocument) en = NULL;
  g_autoptr(CmDocument) zh_again = NULL;
  g_autoptr(CmDocument) en_again = NULL;
  g_autoptr(CmDifference) difference = NULL;
  g_autofree char *dir = cm_test_make_tmpdir ();
  g_autofree char *zh_path = g_build_filename (dir, "zh.json", NULL);
  g_autofree char *en_path = g_build_filename (dir, "en.json", NULL);
  g_autofree char *en_id = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *window = gtk_window_new ();
  CmPairView *view = cm_pair_view_new ();
  CmClause *clause;
  guint n_open, n_changed = 0;
  int row;

  g_assert_no_error (error);
  taxonomy = cm_taxonomy_load_builtin ("privacy-11", &error);
  g_assert_no_error (error);
  cm_label_style_install (taxonomy);
  zh = open_sample_labelled ("sample-zh.txt", models);
  en = open_sample_labelled ("sample-en.txt", models);
  g_assert_true (cm_align_pair (zh, en, NULL, &error));
  g_assert_no_error (error);
  if (find_lost_label (zh, en, "sharing") < 0)
    plant_lost_label (zh, en, "sharing");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (view, "labels-changed", G_CALLBACK (count_change), &n_changed);
  cm_pair_view_set_taxonomy (view, taxonomy);
  cm_pair_view_set_documents (view, zh, en);
  /* aligned already: the rows at once */
  g_assert_false (cm_pair_view_get_aligning (view));
  spin_a_little ();

  /* a Chinese clause about sharing whose English version lacks the label */
  row = find_lost_label (zh, en, "sharing");
  g_assert_cmpint (row, >=, 0);
  en_id = g_strdup (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), row))->partner_clauses[0]);
  clause = cm_document_lookup_clause (en, en_id, NULL);
  g_assert_false (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_UNREVIEWED);
  n_open = cm_pair_view_get_n_open_differences (view);

  /* nothing selected: nothing to correct */
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-en-label", "s", "sharing");
  g_assert_false (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpuint (n_changed, ==, 0);

  /* correct the English side: the difference goes, the clause is corrected */
  g_assert_true (cm_pair_view_select_link (view, (guint) row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-en-label", "s", "sharing"));
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);
  g_assert_nonnull (cm_clause_get_reviewer (clause));
  difference = find_label_difference (zh, en, (guint) row);
  g_assert_null (difference);
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (view), ==, n_open - 1);
  g_assert_cmpint (cm_pair_view_get_selected_link (view), ==, row);
  g_assert_cmpuint (n_changed, ==, 1);
  spin_a_little ();
  shot = g_strdup_printf ("pair-labels-%s.png", cm_ui_language ());
  save_screenshot (window, shot);

  /* undo: the label and the review go, the difference is back; redo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL));
  g_assert_false (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_UNREVIEWED);
  difference = find_label_difference (zh, en, (guint) row);
  g_assert_nonnull (difference);
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (view), ==, n_open);
  g_clear_pointer (&difference, cm_difference_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.redo", NULL));
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);

  /* the label keys act on the chosen side: on the Chinese one, "sharing"
   * comes off the Chinese clause (undone again) */
  g_object_set (view, "label-side", "zh", NULL);
  {
    CmClause *zh_clause = cm_document_lookup_clause (
      zh, ((CmLink *) g_ptr_array_index (cm_document_get_links (zh), row))->clauses[0], NULL);
    gboolean had = cm_clause_has_label (zh_clause, "sharing");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-label", "s", "sharing"));
    g_assert_cmpint (cm_clause_has_label (zh_clause, "sharing"), !=, had);
    g_assert_cmpint (cm_clause_get_status (zh_clause), ==, CM_REVIEW_STATUS_CORRECTED);
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL);
    g_assert_cmpint (cm_clause_has_label (zh_clause, "sharing"), ==, had);
    g_assert_true (cm_clause_has_label (clause, "sharing"));
  }
  /* a link edit and a label edit share one history */
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-reviewed", NULL);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), row))->reviewed);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL);
  g_assert_false (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), row))->reviewed);
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL);
  g_assert_false (cm_clause_has_label (clause, "sharing"));
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.redo", NULL);
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.redo", NULL);
  g_assert_true (((CmLink *) g_ptr_array_index (cm_document_get_links (zh), row))->reviewed);

  /* saved and read back, the correction holds */
  g_assert_true (cm_document_save (zh, zh_path, &error));
  g_assert_no_error (error);
  g_assert_true (cm_document_save (en, en_path, &error));
  g_assert_no_error (error);
  zh_again = cm_document_load (zh_path, &error);
  g_assert_no_error (error);
  en_again = cm_document_load (en_path, &error);
  g_assert_no_error (error);
  clause = cm_document_lookup_clause (en_again, en_id, NULL);
  g_assert_nonnull (clause);
  g_assert_true (cm_clause_has_label (clause, "sharing"));
  g_assert_cmpint (cm_clause_get_status (clause), ==, CM_REVIEW_STATUS_CORRECTED);
  g_assert_nonnull (cm_clause_get_reviewer (clause));
  difference = find_label_difference (zh_again, en_again, (guint) row);
  g_assert_null (difference);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* The sample's Chinese against another company's English policy: the
 * view says the texts share little (the sample pair does not). */
/* The rows of a run of clauses missing in a row (a section one version
 * lacks) each say what they are, with their place in the run, instead of
 * all repeating the run's reason (that of its most important clause: a
 * date row read "about sharing"); the run is still counted once and
 * reviewed at once from any of its rows. */
static void
check_runs (CmPairView *view)
{
  g_autoptr(GPtrArray) differences = cm_pair_find_differences_named (cm_pair_view_get_zh (view),
                                                                     cm_pair_view_get_en (view),
                                                                     cm_pair_view_get_taxonomy (view),
                                                                     cm_ui_language ());
  const CmDifference *run = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_open = cm_pair_view_get_n_open_differences (view), middle;

  /* the most important run holding a clause less important than itself */
  for (guint i = 0; i < differences->len && run == NULL; i++)
    {
      const CmDifference *d = differences->pdata[i];

      for (guint k = 0; d->n_links > 1 && k < d->n_links && run == NULL; k++)
        if (d->link_importances[k] < d->importance)
          run = d;
    }
  g_assert_nonnull (run);
  g_test_message ("run of %u from row %u: %s", run->n_links, run->link_index, run->reason);
  for (guint k = 0; k < run->n_links; k++)
    {
      g_autofree char *text = cm_pair_view_get_row_reason (view, run->link_index + k);

      g_assert_nonnull (text);
      g_assert_true (strstr (text, run->link_reasons[k]) != NULL);
      if (run->link_importances[k] < run->importance)
        g_assert_cmpstr (text, !=, run->reason);
      g_hash_table_add (texts, g_steal_pointer (&text));
    }
  g_assert_cmpuint (g_hash_table_size (texts), >, 1);

  /* marking one row of it reviewed marks the run, once */
  middle = run->link_index + run->n_links / 2;
  cm_pair_view_select_link (view, middle);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pair.toggle-reviewed", NULL));
  spin_a_little ();
  g_assert_cmpuint (cm_pair_view_get_n_open_differences (view), ==, n_open - 1);
  for (guint k = 0; k < run->n_links; k++)
    {
      g_autofree char *text = cm_pair_view_get_row_reason (view, run->link_index + k);
      g_autofree char *reviewed = g_strdup_printf (_("Reviewed: %s"), "");

      g_assert_true (g_str_has_prefix (text, reviewed));
    }
}

static void
test_unrelated_pair (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  g_autoptr(CmDocument) other = open_sample ("revision-en-2026.txt");
  g_autofree char *warning = g_strdup_printf (_("These texts share little — %s"), "");
  GtkWidget *window = gtk_window_new ();
  CmPairView *view = cm_pair_view_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  cm_pair_view_set_documents (view, zh, en);
  wait_aligned (view);
  spin_a_little ();
  g_assert_false (g_str_has_prefix (cm_pair_view_get_summary (view), warning));

  cm_pair_view_set_documents (view, zh, other);
  wait_aligned (view);
  spin_a_little ();
  g_test_message ("%s", cm_pair_view_get_summary (view));
  g_assert_true (g_str_has_prefix (cm_pair_view_get_summary (view), warning));
  g_assert_cmpuint (cm_pair_view_get_n_rows (view), >, 0);
  check_runs (view);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

/* Presses @keyval (no modifier) through @widget's class key bindings, as
 * GTK does for a key event: TRUE when a binding took it, FALSE when it
 * would go on to the widget's parents (its action disabled or no binding). */
static gboolean
press_class_key (GtkWidget *widget,
                 guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") != 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget, NULL);
        }
    }
  return FALSE;
}

/* Re-aligning every row (Ctrl+A, Ctrl+Shift+R) of a pair runs in a thread:
 * the view says so and takes no link edit meanwhile, then the rows are
 * replaced as one edit; links changed meanwhile make it fail in the view
 * (not only in the log); a new pair and disposing the view cancel it. */
static void
test_relink_async (void)
{
  g_autoptr(CmDocument) zh = open_sample ("sample-zh.txt");
  g_autoptr(CmDocument) en = open_sample ("sample-en.txt");
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *relinking = NULL;
  g_autofree char *failed = g_strdup_printf (_("Could not re-align the rows: %s"), "");
  GtkWidget *window = gtk_window_new ();
  CmPairView *view = cm_pair_view_new ();
  guint n_rows;

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  cm_pair_view_set_documents (view, zh, en);
  wait_aligned (view);
  spin_a_little ();
  original = cm_test_copy_links (cm_document_get_links (zh));
  n_rows = cm_pair_view_get_n_rows (view);

  /* every row: the summary says it is re-aligning them, a link edit waits */
  cm_pair_view_select_range (view, 0, n_rows);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  g_assert_true (cm_pair_view_get_relinking (view));
  relinking = g_strdup_printf (ngettext ("Re-aligning %u row…", "Re-aligning %u rows…", n_rows), n_rows);
  g_assert_cmpstr (cm_pair_view_get_summary (view), ==, relinking);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.unlink", NULL);
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), original, FALSE));
  wait_relinked (view);
  g_assert_false (g_str_has_prefix (cm_pair_view_get_summary (view), failed));
  g_assert_cmpuint (count_clause_ids (cm_document_get_links (zh), FALSE), ==, count_clause_ids (original, FALSE));
  g_assert_cmpuint (count_clause_ids (cm_document_get_links (zh), TRUE), ==, count_clause_ids (original, TRUE));
  g_assert_true (cm_pair_view_can_undo (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.undo", NULL);
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), original, FALSE));

  /* the rows' links change meanwhile: the view says it failed, and keeps
   * the links it has */
  cm_pair_view_select_range (view, 0, 4);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  changed = cm_test_copy_links (original);
  g_ptr_array_remove_index (changed, 0);
  cm_document_set_links (zh, changed);
  wait_relinked (view);
  g_test_message ("%s", cm_pair_view_get_summary (view));
  g_assert_true (g_str_has_prefix (cm_pair_view_get_summary (view), failed));
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), changed, FALSE));
  {
    g_autofree char *shot = g_strdup_printf ("pair-relink-error-%s.png", cm_ui_language ());

    save_screenshot (window, shot);
  }
  cm_document_set_links (zh, original);

  /* showing the pair again cancels it: the links stay as they were */
  cm_pair_view_set_documents (view, zh, en);
  spin_a_little ();
  cm_pair_view_select_range (view, 0, n_rows);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  g_assert_true (cm_pair_view_get_relinking (view));
  cm_pair_view_set_documents (view, zh, en);
  g_assert_false (cm_pair_view_get_relinking (view));
  for (int i = 0; i < 50; i++)
    {
      g_usleep (2000);
      spin_a_little ();
    }
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), original, FALSE));
  g_assert_false (cm_pair_view_can_undo (view));

  /* Escape stops it, the links and the summary as they were; with nothing
   * to stop, Escape goes on to the window (it cancels opening there) */
  {
    g_autofree char *summary = g_strdup (cm_pair_view_get_summary (view));

    cm_pair_view_select_range (view, 0, n_rows);
    gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
    g_assert_true (cm_pair_view_get_relinking (view));
    g_assert_true (press_class_key (GTK_WIDGET (view), GDK_KEY_Escape));
    g_assert_false (cm_pair_view_get_relinking (view));
    g_assert_cmpstr (cm_pair_view_get_summary (view), ==, summary);
    for (int i = 0; i < 50; i++)
      {
        g_usleep (2000);
        spin_a_little ();
      }
    g_assert_true (cm_test_links_equal (cm_document_get_links (zh), original, FALSE));
    g_assert_false (cm_pair_view_can_undo (view));
    g_assert_false (press_class_key (GTK_WIDGET (view), GDK_KEY_Escape));
  }

  /* and so does closing the window while it runs */
  cm_pair_view_select_range (view, 0, n_rows);
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  g_assert_true (cm_pair_view_get_relinking (view));
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    {
      g_usleep (2000);
      spin_a_little ();
    }
  g_assert_true (cm_test_links_equal (cm_document_get_links (zh), original, FALSE));
}

/* Two versions of one language are re-aligned as a revision (word
 * overlap), as the view aligned them, not with the bilingual lexicon:
 * re-aligning every row gives back the links of cm_align_versions(). */
static void
test_relink_revision (void)
{
  g_autoptr(CmDocument) old_version = open_sample ("revision-en-2025.txt");
  g_autoptr(CmDocument) new_version = open_sample ("revision-en-2026.txt");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  CmPairView *view = cm_pair_view_new ();

  expected = cm_align_versions (old_version, new_version, NULL, &error);
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  cm_pair_view_set_documents (view, old_version, new_version);
  g_assert_true (cm_pair_view_get_revision (view));
  wait_aligned (view);
  spin_a_little ();
  cm_pair_view_select_range (view, 0, cm_pair_view_get_n_rows (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "pair.relink", NULL);
  wait_relinked (view);
  g_test_message ("%u links, %u expected", cm_document_get_links (old_version)->len, expected->len);
  g_assert_cmpuint (cm_document_get_links (old_version)->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const CmLink *x = g_ptr_array_index (cm_document_get_links (old_version), i);
      const CmLink *y = g_ptr_array_index (expected, i);

      g_assert_true (g_strv_equal ((const char * const *) x->clauses, (const char * const *) y->clauses));
      g_assert_true (g_strv_equal ((const char * const *) x->partner_clauses,
                                   (const char * const *) y->partner_clauses));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  spin_a_little ();
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init() keeps the C locale; the screenshots want the user's
   * (LANGUAGE=zh_CN for the Chinese UI) */
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, cm_application_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_add_func ("/pair-view/sample-pair", test_sample_pair);
  g_test_add_func ("/pair-view/correct-labels", test_correct_labels);
  g_test_add_func ("/pair-view/unrelated-pair", test_unrelated_pair);
  g_test_add_func ("/pair-view/relink-async", test_relink_async);
  g_test_add_func ("/pair-view/relink-revision", test_relink_revision);
  return g_test_run ();
}
