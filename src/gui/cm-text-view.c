/* cm-text-view.c — the policy's text with clause tints
 *
 * A 2 MB policy has over 10,000 clauses: tints are applied per run of
 * consecutive clauses sharing a colour, in idle chunks, so the text shows at
 * once and the window never stalls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-text-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-label-style.h"
#include "cm-text-view.h"

/* Tints are applied in steps of a few clauses for at most this long per
 * idle pass, so frames keep coming while a large document is tinted. */
#define TINT_STEP        50
#define TINT_BUDGET_USEC 6000
/* How strongly a label colour tints the text background: light enough to
 * read black text on it in the light style and white text in the dark one. */
#define TINT_ALPHA 0.30
/* Label stripes in the left margin: one per label of a clause. */
#define STRIPE_WIDTH 3
#define STRIPE_STEP  4
#define MAX_STRIPES  5
/* How long a scroll to a clause may take to start gliding. */
#define SETTLE_FRAMES 10

struct _CmTextView
{
  GtkTextView  parent_instance;
  CmDocument  *document;
  CmTaxonomy  *taxonomy;
  GPtrArray   *label_tags;   /* GtkTextTag per taxonomy label, same order */
  GtkTextTag  *selected_tag;
  GtkTextTag  *heading_tag;
  GtkTextTag  *boilerplate_tag;
  CmClause    *selected;     /* weak: only compared and re-read */
  guint        tint_position;
  guint        tint_source;
  gboolean     scroll_pending;   /* selected before the view had a size */
  guint        scroll_source;
  guint        settle_tick;      /* lands the glide scroll_to_mark began */
  guint        settle_frames;
  double       settle_from;      /* the scroll value when it was asked */
  char        *blind_annotator;  /* labelling blind as them, or NULL */
};

enum
{
  CLAUSE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CmTextView, cm_text_view, GTK_TYPE_TEXT_VIEW)

/* The tag of the first label (in taxonomy order) the clause holds. */
static GtkTextTag *
clause_tag (CmTextView *self,
            CmClause   *clause)
{
  if (self->taxonomy == NULL || cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
    return NULL;
  for (guint i = 0; i < self->label_tags->len; i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      if (g_strv_contains (cm_clause_shown_labels (clause, self->blind_annotator), label->id))
        return g_ptr_array_index (self->label_tags, i);
    }
  return NULL;
}

static void
apply_range (CmTextView *self,
             GtkTextTag *tag,
             guint       start,
             guint       end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
}

/* Tints clauses [from, to), one tag application per run of equal tags. */
static void
tint_clauses (CmTextView *self,
              guint       from,
              guint       to)
{
  GtkTextTag *run_tag = NULL;
  guint run_start = 0, run_end = 0;

  for (guint i = from; i < to; i++)
    {
      CmClause *clause = cm_document_get_clause (self->document, i);
      GtkTextTag *tag = clause_tag (self, clause);
      CmClauseKind kind = cm_clause_get_kind (clause);

      if (kind == CM_CLAUSE_KIND_HEADING)
        apply_range (self, self->heading_tag, cm_clause_get_start (clause), cm_clause_get_end (clause));
      else if (kind == CM_CLAUSE_KIND_BOILERPLATE)
        apply_range (self, self->boilerplate_tag, cm_clause_get_start (clause), cm_clause_get_end (clause));

      if (tag != run_tag || cm_clause_get_start (clause) != run_end)
        {
          if (run_tag)
            apply_range (self, run_tag, run_start, run_end);
          run_tag = tag;
          run_start = cm_clause_get_start (clause);
        }
      run_end = cm_clause_get_end (clause);
    }
  if (run_tag)
    apply_range (self, run_tag, run_start, run_end);
}

static gboolean
tint_next_chunk (gpointer user_data)
{
  CmTextView *self = user_data;
  guint n = cm_document_get_n_clauses (self->document);
  gint64 deadline = g_get_monotonic_time () + TINT_BUDGET_USEC;

  /* Small steps until the frame's budget is spent. */
  while (self->tint_position < n && g_get_monotonic_time () < deadline)
    {
      guint to = MIN (n, self->tint_position + TINT_STEP);
      tint_clauses (self, self->tint_position, to);
      self->tint_position = to;
    }
  if (self->tint_position < n)
    return G_SOURCE_CONTINUE;
  self->tint_source = 0;
  return G_SOURCE_REMOVE;
}

static void
clear_tags (CmTextView *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)));

  if (self->label_tags)
    for (guint i = 0; i < self->label_tags->len; i++)
      gtk_text_tag_table_remove (table, g_ptr_array_index (self->label_tags, i));
  g_clear_pointer (&self->label_tags, g_ptr_array_unref);
}

static void
create_label_tags (CmTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  guint n = self->taxonomy ? cm_taxonomy_get_n_labels (self->taxonomy) : 0;

  self->label_tags = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, i);
      g_autofree char *name = g_strconcat ("label:", label->id, NULL);
      GdkRGBA rgba;
      GtkTextTag *tag;

      if (!gdk_rgba_parse (&rgba, label->color))
        gdk_rgba_parse (&rgba, "#888888");
      rgba.alpha = TINT_ALPHA;
      tag = gtk_text_buffer_create_tag (buffer, name, "background-rgba", &rgba, NULL);
      g_ptr_array_add (self->label_tags, tag);
    }
  /* The selection mark wins over any tint. */
  gtk_text_tag_set_priority (self->selected_tag,
                             gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (buffer)) - 1);
}

void
cm_text_view_set_document (CmTextView *self,
                           CmDocument *document,
                           CmTaxonomy *taxonomy)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (CM_IS_TEXT_VIEW (self));
  g_return_if_fail (document == NULL || CM_IS_DOCUMENT (document));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_clear_handle_id (&self->tint_source, g_source_remove);
  clear_tags (self);
  self->selected = NULL;
  g_set_object (&self->document, document);
  g_set_object (&self->taxonomy, taxonomy);

  gtk_text_buffer_set_text (buffer, document ? cm_document_get_text (document) : "", -1);
  create_label_tags (self);
  if (document == NULL)
    return;

  /* The first screenful at once, the rest in idle chunks. */
  self->tint_position = 0;
  tint_next_chunk (self);
  if (self->tint_position < cm_document_get_n_clauses (document))
    self->tint_source = g_idle_add_full (G_PRIORITY_LOW, tint_next_chunk, self, NULL);
}

void
cm_text_view_set_blind_annotator (CmTextView *self,
                                  const char *annotator)
{
  g_return_if_fail (CM_IS_TEXT_VIEW (self));
  if (g_strcmp0 (self->blind_annotator, annotator) == 0)
    return;
  g_free (self->blind_annotator);
  self->blind_annotator = g_strdup (annotator);
  if (self->document)
    cm_text_view_refresh_clauses (self, 0, cm_document_get_n_clauses (self->document));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cm_text_view_is_tinted (CmTextView *self)
{
  g_return_val_if_fail (CM_IS_TEXT_VIEW (self), FALSE);
  return self->tint_source == 0;
}

void
cm_text_view_refresh_clauses (CmTextView *self,
                              guint       position,
                              guint       n_clauses)
{
  GtkTextBuffer *buffer;
  guint n, start, end;
  GtkTextIter a, b;

  g_return_if_fail (CM_IS_TEXT_VIEW (self));
  if (self->document == NULL)
    return;

  n = cm_document_get_n_clauses (self->document);
  if (position >= n)
    return;
  n_clauses = MIN (n_clauses, n - position);
  if (n_clauses == 0)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  start = cm_clause_get_start (cm_document_get_clause (self->document, position));
  end = cm_clause_get_end (cm_document_get_clause (self->document, position + n_clauses - 1));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  for (guint i = 0; i < self->label_tags->len; i++)
    gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->label_tags, i), &a, &b);
  gtk_text_buffer_remove_tag (buffer, self->heading_tag, &a, &b);
  gtk_text_buffer_remove_tag (buffer, self->boilerplate_tag, &a, &b);
  tint_clauses (self, position, position + n_clauses);
  /* A merge or an undo may have changed the selected clause's extent. */
  if (self->selected)
    cm_text_view_select_clause (self, self->selected, FALSE);
}

/* GtkTextView glides to a mark; a relayout (a new width, lines above
 * re-wrapped or re-validated) writes the scroll value to keep its top
 * paragraph in place, which stops the glide wherever it was. Once the
 * scroll is under way (the lines about the clause laid out), land it at
 * once where it was going. */
static gboolean
settle_scroll (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CmTextView *self = CM_TEXT_VIEW (widget);
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible, location;
  GtkTextIter iter;
  double value;

  if (adjustment == NULL || ++self->settle_frames > SETTLE_FRAMES)
    {
      self->settle_tick = 0;  /* no glide: the clause showed already */
      return G_SOURCE_REMOVE;
    }
  if (gtk_adjustment_get_value (adjustment) == self->settle_from)
    return G_SOURCE_CONTINUE;
  self->settle_tick = 0;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_mark (buffer, "clause-start"));
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_location (view, &iter, &location);
  /* where scroll_to_mark puts it: a quarter down */
  value = gtk_adjustment_get_value (adjustment) + location.y - visible.y - visible.height / 4;
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_REMOVE;
}

/* Scrolls to the "clause-start" mark now, or, while the view has no size
 * (a document is set and its clause selected before the review page shows),
 * once it has one. GtkTextView keeps the paragraph at the top of its view
 * (first_para_mark) in place across relayouts; scrolled with no size and no
 * line laid out, that paragraph is taken far down the text, and the layout
 * at the real width then jumped the view there (the middle of the sample). */
static void
scroll_to_selected (CmTextView *self)
{
  GtkTextMark *mark = gtk_text_buffer_get_mark (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)),
                                                "clause-start");
  GtkAdjustment *adjustment;

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0 || gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    {
      self->scroll_pending = TRUE;
      return;
    }
  self->scroll_pending = FALSE;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.05, TRUE, 0.0, 0.25);
  self->settle_frames = 0;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  self->settle_from = adjustment ? gtk_adjustment_get_value (adjustment) : 0;
  if (self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), settle_scroll, NULL, NULL);
}

static gboolean
scroll_when_sized (gpointer user_data)
{
  CmTextView *self = user_data;

  self->scroll_source = 0;
  if (self->scroll_pending && self->selected)
    scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

static void
cm_text_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CmTextView *self = CM_TEXT_VIEW (widget);

  GTK_WIDGET_CLASS (cm_text_view_parent_class)->size_allocate (widget, width, height, baseline);
  /* not from inside the allocation: the scroll queues one */
  if (self->scroll_pending && width > 0 && height > 0 && self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_when_sized, self);
}

void
cm_text_view_select_clause (CmTextView *self,
                            CmClause   *clause,
                            gboolean    scroll)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (CM_IS_TEXT_VIEW (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag (buffer, self->selected_tag, &a, &b);
  if (clause != self->selected)
    self->scroll_pending = FALSE;  /* a scroll put off was for the old one */
  self->selected = clause;
  if (clause == NULL)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) cm_clause_get_start (clause));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) cm_clause_get_end (clause));
  gtk_text_buffer_apply_tag (buffer, self->selected_tag, &a, &b);
  if (scroll)
    {
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "clause-start");

      gtk_text_buffer_move_mark (buffer, mark, &a);
      /* Keep the cursor in the clause so a split lands where expected. */
      gtk_text_buffer_place_cursor (buffer, &a);
      scroll_to_selected (self);
    }
}

guint
cm_text_view_get_cursor_offset (CmTextView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (CM_IS_TEXT_VIEW (self), 0);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return (guint) gtk_text_iter_get_offset (&iter);
}

void
cm_text_view_set_cursor_offset (CmTextView *self,
                                guint       offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (CM_IS_TEXT_VIEW (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CmTextView      *self)
{
  GtkTextIter iter;
  int bx, by;
  CmClause *clause;

  if (self->document == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    return;
  clause = cm_document_find_clause_at (self->document, (guint) gtk_text_iter_get_offset (&iter), NULL);
  if (clause)
    g_signal_emit (self, signals[CLAUSE_ACTIVATED], 0, clause);
}

static void
cm_text_view_dispose (GObject *object)
{
  CmTextView *self = CM_TEXT_VIEW (object);

  g_clear_handle_id (&self->tint_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->settle_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->settle_tick);
  self->settle_tick = 0;
  g_clear_pointer (&self->label_tags, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->taxonomy);
  g_clear_pointer (&self->blind_annotator, g_free);
  G_OBJECT_CLASS (cm_text_view_parent_class)->dispose (object);
}

/* A clause's tint shows one label's colour; the left margin shows every
 * label of it as a stripe of its colour, so several labels read as such. */
static void
cm_text_view_snapshot_layer (GtkTextView      *view,
                             GtkTextViewLayer  layer,
                             GtkSnapshot      *snapshot)
{
  CmTextView *self = CM_TEXT_VIEW (view);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  guint first, last, n, position = 0;

  if (GTK_TEXT_VIEW_CLASS (cm_text_view_parent_class)->snapshot_layer)
    GTK_TEXT_VIEW_CLASS (cm_text_view_parent_class)->snapshot_layer (view, layer, snapshot);
  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || self->document == NULL || self->taxonomy == NULL)
    return;
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x, visible.y + visible.height);
  first = (guint) gtk_text_iter_get_offset (&top);
  last = (guint) gtk_text_iter_get_offset (&bottom);
  n = cm_document_get_n_clauses (self->document);
  /* the clause at the top, or the one before the gap there */
  cm_document_find_clause_at (self->document, first, &position);
  for (guint i = position; i < n; i++)
    {
      CmClause *clause = cm_document_get_clause (self->document, i);
      /* blind: the annotator's own labels only, as the tints */
      const char * const *labels = cm_clause_shown_labels (clause, self->blind_annotator);
      GtkTextIter a, b;
      int y, height, y_end, end_height;
      guint k = 0;

      if (cm_clause_get_start (clause) > last)
        break;
      if (labels == NULL || labels[0] == NULL || cm_clause_get_end (clause) < first
          || cm_clause_get_kind (clause) == CM_CLAUSE_KIND_BOILERPLATE)
        continue;
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &a, (int) cm_clause_get_start (clause));
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &b,
                                          (int) MAX (cm_clause_get_start (clause), cm_clause_get_end (clause) - 1));
      gtk_text_view_get_line_yrange (view, &a, &y, &height);
      gtk_text_view_get_line_yrange (view, &b, &y_end, &end_height);
      for (guint l = 0; l < cm_taxonomy_get_n_labels (self->taxonomy) && k < MAX_STRIPES; l++)
        {
          const CmLabel *label = cm_taxonomy_get_label (self->taxonomy, l);
          GdkRGBA rgba;

          if (!g_strv_contains (labels, label->id) || !gdk_rgba_parse (&rgba, label->color))
            continue;
          gtk_snapshot_append_color (snapshot, &rgba,
                                     &GRAPHENE_RECT_INIT (4 + k * STRIPE_STEP, y,
                                                          STRIPE_WIDTH, y_end + end_height - y));
          k++;
        }
    }
}

static void
cm_text_view_class_init (CmTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_text_view_dispose;
  widget_class->size_allocate = cm_text_view_size_allocate;
  GTK_TEXT_VIEW_CLASS (klass)->snapshot_layer = cm_text_view_snapshot_layer;

  signals[CLAUSE_ACTIVATED] =
    g_signal_new ("clause-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CM_TYPE_CLAUSE);
  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
cm_text_view_init (CmTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkGesture *click;
  GtkTextIter start;

  gtk_text_view_set_editable (view, FALSE);
  /* Visible so the reviewer sees where a split would cut. */
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 24);
  gtk_text_view_set_right_margin (view, 24);
  gtk_text_view_set_top_margin (view, 18);
  gtk_text_view_set_bottom_margin (view, 18);
  gtk_text_view_set_pixels_below_lines (view, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "document-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Policy text"), -1);

  self->heading_tag = gtk_text_buffer_create_tag (buffer, "heading",
                                                  "weight", PANGO_WEIGHT_BOLD,
                                                  "scale", 1.1, NULL);
  self->boilerplate_tag = gtk_text_buffer_create_tag (buffer, "boilerplate",
                                                      "style", PANGO_STYLE_ITALIC,
                                                      "strikethrough", FALSE, NULL);
  /* An underline marks the selected clause: a heavier weight would widen
   * the glyphs and reflow the paragraph under the reviewer's eyes. */
  self->selected_tag = gtk_text_buffer_create_tag (buffer, "selected-clause",
                                                   "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_create_mark (buffer, "clause-start", &start, TRUE);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
cm_text_view_new (void)
{
  return g_object_new (CM_TYPE_TEXT_VIEW, NULL);
}
