/* test-window-view.c — how the review desk shows a document
 *
 * Where the text pane scrolls when a document opens (the window resized
 * meanwhile) and when it goes to a clause while re-wrapping; screenshots of
 * the window in the light and dark styles (build/screenshots/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "clausemark-core.h"
#include "cm-document-io.h"
#include "cm-test-util.h"
#include "cm-test-window.h"
#include "test-window-private.h"

/* Renders the window as it is on screen into
 * $CM_BUILD_DIR/screenshots/<name>.png, a test artefact to look at. */
static void
save_screenshot (CmWindow *window, const char *name)
{
  const char *build_dir = g_getenv ("CM_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir ? build_dir : tmpdir, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_screenshots (void)
{
  g_autofree char *path = copy_sample ("screenshot.txt");
  CmWindow *window = cm_test_open_window (app, path);
  const char *labels[] = { "collection", "permission", "sharing", "usage", "retention", "security" };
  GtkSettings *settings = gtk_settings_get_default ();

  /* Some labelled clauses, so the tints and chips show. */
  for (guint i = 0; i < 16; i++)
    cm_test_activate (window, "win.next", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (!cm_clause_has_label (cm_window_get_selected_clause (window), labels[i]))
        cm_test_activate (window, "win.toggle-label", g_variant_new_string (labels[i]));
      cm_test_activate (window, "win.accept", NULL);
    }
  cm_test_activate (window, "win.previous", NULL);
  cm_test_spin_a_little ();
  g_usleep (300000);
  cm_test_spin_a_little ();
  save_screenshot (window, "window-light");

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  cm_test_spin_a_little ();
  g_usleep (300000);
  cm_test_spin_a_little ();
  save_screenshot (window, "window-dark");
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  cm_test_destroy_window (window);
}

static gboolean
panes_arranged (gpointer data)
{
  return ((CmWindow *) data)->panes_arranged;
}

/* The clause selected when a document opens is where the text pane shows,
 * after the panes take their widths (the text re-wraps then; before the fix
 * the pane stayed scrolled to the middle of the document). */
static void
test_opens_at_selected_clause (void)
{
  g_autofree char *path = copy_sample ("opens-at-top.txt");
  CmWindow *window = cm_test_open_window (app, path);
  GtkTextView *view = GTK_TEXT_VIEW (window->text_view);
  CmClause *clause;
  GdkRectangle visible, location;
  GtkTextIter iter;

  g_assert_true (cm_test_spin_until (panes_arranged, window, 10));
  g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 30));
  g_usleep (300000);
  cm_test_spin_a_little ();

  clause = cm_window_get_selected_clause (window);
  g_assert_nonnull (clause);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) cm_clause_get_start (clause));
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &location);
  g_test_message ("clause at y %d, visible %d..%d", location.y, visible.y, visible.y + visible.height);
  g_assert_cmpint (location.y, >=, visible.y);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  cm_test_destroy_window (window);
}

/* Whether the start of the selected clause is inside the text pane's view. */
static gboolean
selected_clause_shown (CmWindow *window)
{
  GtkTextView *view = GTK_TEXT_VIEW (window->text_view);
  CmClause *clause = cm_window_get_selected_clause (window);
  GdkRectangle visible, location;
  GtkTextIter iter;

  g_assert_nonnull (clause);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) cm_clause_get_start (clause));
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &location);
  g_test_message ("clause %s at y %d, visible %d..%d", cm_clause_get_id (clause),
                  location.y, visible.y, visible.y + visible.height);
  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

static gboolean
text_tinted_and_shown (gpointer data)
{
  CmTextView *view = ((CmWindow *) data)->text_view;

  return cm_text_view_is_tinted (view) && gtk_widget_get_height (GTK_WIDGET (view)) > 0;
}

/* The window resized while the document is being shown (a window manager
 * placing it, the reviewer dragging a corner): the text pane still shows the
 * selected clause once everything is laid out. The clause is selected before
 * the review page is shown, when the text view has no size yet; scrolling
 * then (GtkTextView glides there) left GtkTextView's top paragraph far down
 * the not yet laid out text, and the relayout at the new width jumped the
 * view there. Every resize delay in frames, several times over: the jump
 * depends on where the glide is when the width changes. */
static void
test_resize_while_opening (void)
{
  g_autofree char *path = copy_sample ("resize-opening.txt");
  guint shown = 0, runs = 0;

  for (guint delay = 0; delay < 6; delay++)
    for (guint round = 0; round < 2; round++)
      {
        CmWindow *window = cm_window_new (app);
        GdkFrameClock *clock;
        gint64 frame, end;

        gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
        gtk_window_present (GTK_WINDOW (window));
        cm_window_open_path (window, path);
        g_assert_true (cm_test_spin_until (cm_test_window_loaded, window, 60));
        clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
        g_assert_nonnull (clock);
        frame = gdk_frame_clock_get_frame_counter (clock);
        end = g_get_monotonic_time () + G_USEC_PER_SEC;
        while (gdk_frame_clock_get_frame_counter (clock) < frame + delay && g_get_monotonic_time () < end)
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (1000);
          }
        gtk_window_set_default_size (GTK_WINDOW (window), 1300, 850);
        g_assert_true (cm_test_spin_until (text_tinted_and_shown, window, 30));
        g_assert_true (cm_test_spin_until (cm_test_window_idle, window, 30));
        g_usleep (400000);  /* glides last a few hundred ms */
        cm_test_spin_a_little ();
        runs++;
        if (selected_clause_shown (window))
          shown++;
        cm_test_destroy_window (window);
      }
  g_test_message ("selected clause shown after %u of %u resizes", shown, runs);
  g_assert_cmpuint (shown, ==, runs);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
view_tinted (gpointer data)
{
  return cm_text_view_is_tinted (data);
}

static gboolean
adjustment_moved (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0;
}

/* Going to a clause further down, the text view re-wrapped (a new width)
 * while it glides there: the view ends at the clause. GtkTextView keeps its
 * top paragraph in place across a relayout by writing the scroll value,
 * which stopped the glide wherever it was (before the fix: at 487 to 743 px
 * of the 1635 it was going to, 7 of 7 runs). */
static void
test_text_glide_resized (void)
{
  g_autofree char *source = cm_test_data_path ("samples", "sample-zh.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CmDocument) document = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  CmTextView *view = CM_TEXT_VIEW (cm_text_view_new ());
  GtkAdjustment *adjustment;
  GdkRectangle visible, location;
  GtkTextIter iter;
  CmClause *clause;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  document = cm_document_new ("glide-resized", contents);
  {
    /* a clause per line */
    g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_object_unref);
    glong n = g_utf8_strlen (contents, -1), start = 0, i = 0;

    for (const char *p = contents; i <= n; i++, p = *p ? g_utf8_next_char (p) : p)
      if (*p == '\n' || *p == '\0')
        {
          g_autofree char *id = g_strdup_printf ("c%u", clauses->len + 1);
          if (i > start)
            g_ptr_array_add (clauses, cm_clause_new (id, (guint) start, (guint) i, CM_CLAUSE_KIND_BODY));
          start = i + 1;
        }
    cm_document_set_clauses (document, (CmClause **) clauses->pdata, clauses->len);
    g_assert_cmpuint (cm_document_get_n_clauses (document), >, 60);
  }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, 360, -1);
  gtk_widget_set_halign (scrolled, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  cm_text_view_set_document (view, document, NULL);
  g_assert_true (cm_test_spin_until (view_tinted, view, 30));
  cm_test_spin_until (never, NULL, 0.5);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  clause = cm_document_get_clause (document, 49);
  cm_text_view_select_clause (view, clause, TRUE);
  g_assert_true (cm_test_spin_until (adjustment_moved, adjustment, 5));  /* under way */
  gtk_widget_set_size_request (scrolled, 700, -1);
  cm_test_spin_until (never, NULL, 1.0);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &iter,
                                      (int) cm_clause_get_start (clause));
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &location);
  g_test_message ("value %g of %g, page %g; clause 50 at y %d, visible %d..%d",
                  gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment),
                  gtk_adjustment_get_page_size (adjustment), location.y, visible.y, visible.y + visible.height);
  g_assert_cmpint (location.y, >=, visible.y);
  g_assert_cmpint (location.y + location.height, <=, visible.y + visible.height);
  gtk_window_destroy (GTK_WINDOW (window));
  cm_test_spin_a_little ();
}

int
main (int argc, char **argv)
{
  int status;

  app = cm_test_window_init (&argc, &argv, &tmpdir);
  /* Who labels is asked once (tests/test-team.c drives that question). */
  cm_application_set_annotator (app, "Test Reviewer");

  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/opens-at-selected-clause", test_opens_at_selected_clause);
  g_test_add_func ("/window/resize-while-opening", test_resize_while_opening);
  g_test_add_func ("/window/text-glide-resized", test_text_glide_resized);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
