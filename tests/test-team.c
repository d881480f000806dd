/* test-team.c — team work in the window, driven through its actions:
 * who labels is asked once; the agreement chart draws what it is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-agreement-chart.h"
#include "cm-test-util.h"
#include "cm-test-window.h"

static char *tmpdir;
static CmApplication *app;

static char *
copy_sample (const char *name)
{
  g_autofree char *source = cm_test_data_path ("samples", "sample-en.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  return cm_test_write_file (tmpdir, name, contents, (gssize) length);
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
  g_autofree char *state = NULL;
  int status;

  tmpdir = cm_test_make_tmpdir ();
  state = g_build_filename (tmpdir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("CLAUSEMARK_STYLE", "light", TRUE);
  g_unsetenv ("CLAUSEMARK_AUTO_RESTORE");

  gtk_test_init (&argc, &argv, NULL);
  app = cm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/team/identity-asked-once", test_identity_asked_once);
  g_test_add_func ("/team/chart", test_chart);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
