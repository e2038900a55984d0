/* test-drawing-edits.c — undo/redo, Delete, right-click menus, the style editor and the object tree, by real X input
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application on the in-process demo broker. Drawings are made, selected
 * and moved with the pointer (XTEST through xdotool), undone and redone with
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, removed with Delete and BackSpace; the
 * right-click menus are opened with the secondary button and their entries
 * clicked; menus must open at the pointer (the axis "+" menu used to open
 * ~170 px to its left).
 */
#include "config.h"

#include <math.h>

#include "bourse-drawing-style-dialog.h"
#include "bourse-object-tree.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static GtkWidget *
chart_view (Terminal *t)
{
  return GTK_WIDGET (bourse_window_get_chart_view (t->window));
}

static GListModel *
drawings (Terminal *t)
{
  return G_LIST_MODEL (bourse_drawing_layer_get_drawings (t->window->drawing_layer));
}

/* A mapped window on EURUSD with bars, real input at hand, no drawings. */
static void
ready (Terminal *t)
{
  GtkWidget *view = chart_view (t);

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_assert_true (bourse_test_require_xdotool (view));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 60, 30);
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  g_list_store_remove_all (bourse_drawing_layer_get_drawings (t->window->drawing_layer));
  bourse_chart_pane_commit_drawings (t->window->chart_pane, NULL, NULL);
  bourse_chart_history_clear (bourse_chart_pane_get_history (t->window->chart_pane));
  bourse_test_wait_for_frame (view);
}

/* Draws a trend line with a real drag from 25 %/45 % to 60 %/25 % of the view. */
static BourseDrawing *
draw_trend_line (Terminal *t)
{
  GtkWidget *view = chart_view (t);
  double w = gtk_widget_get_width (view), h = gtk_widget_get_height (view);
  guint before = g_list_model_get_n_items (drawings (t));

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  bourse_test_pointer_drag (view, w * 0.25, h * 0.45, w * 0.60, h * 0.25);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == before + 1 &&
              !bourse_drawing_layer_get_editing (t->window->drawing_layer), 10);
  bourse_test_wait_for_frame (view);
  return g_list_model_get_item (drawings (t), before);
}

/* A point on the line drawn by draw_trend_line(), in view coordinates. */
static void
line_middle (Terminal *t,
             double   *x,
             double   *y)
{
  GtkWidget *view = chart_view (t);

  *x = gtk_widget_get_width (view) * 0.425;
  *y = gtk_widget_get_height (view) * 0.35;
}

/* Where @popover's content sits, in @view's coordinates. */
static void
popover_origin (GtkWidget *popover,
                GtkWidget *view,
                double    *x,
                double    *y)
{
  GtkNative *window = gtk_widget_get_native (view);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  /* the visible box: the popover's "contents" node, inside its shadow */
  GtkWidget *contents = gtk_widget_get_first_child (popover);
  graphene_point_t origin, inset;
  double wx, wy, px, py;

  g_assert_true (gtk_widget_compute_point (view, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_true (gtk_widget_compute_point (contents, popover, &GRAPHENE_POINT_INIT (0, 0), &inset));
  gtk_native_get_surface_transform (window, &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
  px += inset.x;
  py += inset.y;
  *x = gdk_popup_get_position_x (GDK_POPUP (surface)) + px - (origin.x + wx);
  *y = gdk_popup_get_position_y (GDK_POPUP (surface)) + py - (origin.y + wy);
}

static guint
n_studies (Terminal *t)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (t->window->studies);

  return ids->len;
}

/* The mapped style dialog, or NULL. */
static BourseDrawingStyleDialog *
find_style_dialog (void)
{
  return (BourseDrawingStyleDialog *) bourse_test_find_mapped_toplevel (BOURSE_TYPE_DRAWING_STYLE_DIALOG);
}

/* The saved file of @symbol holds one drawing of colour @color and width @width. */
static gboolean
saved_style_is (Terminal   *t,
                const char *symbol,
                guint32     color,
                double      width)
{
  g_autoptr(GListStore) saved = bourse_drawing_store_load (t->window->drawing_store, symbol, NULL);
  g_autoptr(BourseDrawing) d = NULL;

  if (saved == NULL || g_list_model_get_n_items (G_LIST_MODEL (saved)) != 1)
    return FALSE;
  d = g_list_model_get_item (G_LIST_MODEL (saved), 0);
  return bourse_drawing_get_color (d) == color && bourse_drawing_get_line_width (d) == width;
}

/* The mapped row of the object tree showing @drawing, or NULL. */
static GtkListBoxRow *
tree_row (GtkListBox    *list,
          BourseDrawing *drawing)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "drawing") == (gpointer) drawing && gtk_widget_get_mapped (GTK_WIDGET (row)))
      return row;
  return NULL;
}

/* A menu opened at (x, y) has a corner there: its top-left, or another
 * corner where it had to flip at the screen's edge. */
static void
assert_popover_at (GtkWidget *popover,
                   GtkWidget *view,
                   double     x,
                   double     y)
{
  double ox, oy;
  GtkWidget *contents = gtk_widget_get_first_child (popover);
  double w = gtk_widget_get_width (contents), h = gtk_widget_get_height (contents);

  bourse_test_wait_for_frame (popover);
  popover_origin (popover, view, &ox, &oy);
  g_test_message ("menu at (%.0f, %.0f) %.0f×%.0f for the pointer at (%.0f, %.0f)", ox, oy, w, h, x, y);

  g_assert_true (fabs (ox - x) <= 12 || fabs (ox + w - x) <= 12);
  g_assert_true (fabs (oy - y) <= 12 || fabs (oy + h - y) <= 12);
}

/* Right-clicks (x, y) of the view, waits for the menu, clicks its @entry. */
static void
context_menu_entry (Terminal   *t,
                    double      x,
                    double      y,
                    const char *entry)
{
  GtkWidget *view = chart_view (t);
  GtkWidget *popover = GTK_WIDGET (bourse_chart_pane_get_context_popover (t->window->chart_pane));
  GtkWidget *item;

  bourse_test_pointer_click_button (view, x, y, 3);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  WAIT_UNTIL (bourse_test_find_label (popover, entry) != NULL, 15);
  assert_popover_at (popover, view, x, y);
  item = bourse_test_find_label (popover, entry);
  bourse_test_save_screenshot (popover, "context-menu.png");
  /* drawn, and shown by the X server, before the click: a click that
   * reaches the server first lands on the chart and only closes the menu */
  bourse_test_wait_for_frame (popover);
  gdk_display_sync (gtk_widget_get_display (view));
  bourse_test_click_center (item);
  WAIT_UNTIL (!gtk_widget_get_mapped (popover), 15);
  /* Closed, the menu leaves the chart the window's focus (Ctrl+Z, Delete
   * work at once); and the X server has seen it go, with its grab, before
   * the next key or click is sent. */
  WAIT_UNTIL (gtk_widget_is_focus (view), 10);
  gdk_display_sync (gtk_widget_get_display (view));
}

/* Drawn by a drag, Ctrl+Z takes it away, Ctrl+Shift+Z brings it back; a
 * move by a drag is one step, undone to where it was. */
static void
test_undo_redo_drawing (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view;
  g_autoptr(BourseDrawing) line = NULL;
  g_autoptr(BourseDrawing) back = NULL;
  g_autofree char *id = NULL;
  BourseDrawingPoint a;
  GAction *undo;
  double x, y;

  ready (t);
  view = chart_view (t);
  undo = g_action_map_lookup_action (G_ACTION_MAP (t->window), "undo");
  g_assert_false (g_action_get_enabled (undo));

  line = draw_trend_line (t);
  id = g_strdup (bourse_drawing_get_id (line));
  a = bourse_drawing_get_point (line, 0);
  WAIT_UNTIL (g_action_get_enabled (undo), 10);

  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 0, 10);
  g_assert_false (g_action_get_enabled (undo));
  bourse_test_key (view, "ctrl+shift+z");
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 1, 10);
  back = g_list_model_get_item (drawings (t), 0);
  g_assert_cmpstr (bourse_drawing_get_id (back), ==, id);
  g_assert_cmpint (bourse_drawing_get_point (back, 0).time, ==, a.time);

  /* a move, in many motion steps, is one undo */
  line_middle (t, &x, &y);
  bourse_test_pointer_drag (view, x, y, x, y + 50);
  WAIT_UNTIL (bourse_drawing_get_point (back, 0).price < a.price && !bourse_drawing_layer_get_editing (t->window->drawing_layer), 10);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (bourse_drawing_get_point (back, 0).price == a.price, 10);
  g_assert_cmpuint (g_list_model_get_n_items (drawings (t)), ==, 1);
  /* Ctrl+Y redoes too */
  bourse_test_key (view, "ctrl+y");
  WAIT_UNTIL (bourse_drawing_get_point (back, 0).price < a.price, 10);
}

/* A drawing selected by a real click goes with Delete, another with BackSpace. */
static void
test_delete_key (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view;
  g_autoptr(BourseDrawing) line = NULL;
  double x, y;

  ready (t);
  view = chart_view (t);
  for (guint round = 0; round < 2; round++)
    {
      g_clear_object (&line);
      line = draw_trend_line (t);
      /* click empty chart, then the line: selected by the click */
      bourse_test_pointer_click (view, gtk_widget_get_width (view) * 0.1, gtk_widget_get_height (view) * 0.1);
      WAIT_UNTIL (bourse_drawing_layer_get_selected (t->window->drawing_layer) == NULL, 10);
      line_middle (t, &x, &y);
      bourse_test_pointer_click (view, x, y);
      WAIT_UNTIL (bourse_drawing_layer_get_selected (t->window->drawing_layer) == line, 10);
      g_assert_true (gtk_widget_has_focus (view));
      bourse_test_key (view, round == 0 ? "Delete" : "BackSpace");
      WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 0, 10);
    }
  /* and Ctrl+Z brings the last one back */
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 1, 10);
}

/* Right-click on a drawing → Clone: a copy with a new id, later in time. */
static void
test_context_menu_clone (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autoptr(BourseDrawing) line = NULL;
  g_autoptr(BourseDrawing) copy = NULL;
  double x, y;

  ready (t);
  line = draw_trend_line (t);
  line_middle (t, &x, &y);
  context_menu_entry (t, x, y, "Clone");
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 2, 10);
  copy = g_list_model_get_item (drawings (t), 1);
  g_assert_cmpstr (bourse_drawing_get_id (copy), !=, bourse_drawing_get_id (line));
  g_assert_cmpint (bourse_drawing_get_point (copy, 0).time, >, bourse_drawing_get_point (line, 0).time);
  g_assert_cmpfloat (bourse_drawing_get_point (copy, 0).price, ==, bourse_drawing_get_point (line, 0).price);
  g_assert_true (bourse_drawing_layer_get_selected (t->window->drawing_layer) == copy);

  /* Lock from the same menu: a locked drawing does not move. Right-clicked
   * near its start, left of where the copy (drawn on top) begins, so the
   * menu is the original's whatever the zoom puts between them. */
  {
    GtkWidget *view = chart_view (t);
    double w = gtk_widget_get_width (view), h = gtk_widget_get_height (view);

    x = w * (0.25 + 0.06 * 0.35);
    y = h * (0.45 - 0.06 * 0.20);
  }
  context_menu_entry (t, x, y, "Lock");
  g_assert_true (bourse_drawing_get_locked (line));
  {
    BourseDrawingPoint before = bourse_drawing_get_point (line, 0);

    bourse_test_pointer_drag (chart_view (t), x, y, x, y + 50);
    bourse_test_wait_for_frame (chart_view (t));
    g_assert_cmpfloat (bourse_drawing_get_point (line, 0).price, ==, before.price);
  }
}

/* Right-click on the price axis → Logarithmic; the menu opens at the pointer. */
static void
test_axis_menu_log (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseChartRenderer *renderer;
  BourseChartPaneGeometry g;
  double x, y;

  ready (t);
  renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (chart_view (t)));
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  x = g.x + g.width + bourse_chart_renderer_get_price_axis_width (renderer) / 2;
  y = g.y + g.height * 0.3;
  g_assert_cmpint (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE), ==, BOURSE_PRICE_SCALE_MODE_NORMAL);
  context_menu_entry (t, x, y, "Logarithmic");
  WAIT_UNTIL (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE) == BOURSE_PRICE_SCALE_MODE_LOGARITHMIC, 10);
  /* a scale change is undone like any chart change, and redone */
  WAIT_UNTIL (gtk_widget_has_focus (chart_view (t)), 10);
  bourse_test_key (chart_view (t), "ctrl+z");
  WAIT_UNTIL (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE) == BOURSE_PRICE_SCALE_MODE_NORMAL, 10);
  bourse_test_key (chart_view (t), "ctrl+shift+z");
  WAIT_UNTIL (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE) == BOURSE_PRICE_SCALE_MODE_LOGARITHMIC, 10);
  context_menu_entry (t, x, y, "Invert Scale");
  WAIT_UNTIL (bourse_chart_get_pane_inverted (t->window->chart, BOURSE_CHART_MAIN_PANE), 10);
  context_menu_entry (t, x, y, "Invert Scale");
  context_menu_entry (t, x, y, "Regular");
  WAIT_UNTIL (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE) == BOURSE_PRICE_SCALE_MODE_NORMAL &&
              !bourse_chart_get_pane_inverted (t->window->chart, BOURSE_CHART_MAIN_PANE), 10);
}

static gboolean
crosshair_near (BourseChart *chart,
                double       x,
                double       y)
{
  double cx, cy;
  guint pane;

  return bourse_chart_get_crosshair (chart, &pane, &cx, &cy) && fabs (cx - x) < 1.5 && fabs (cy - y) < 1.5;
}

/* The "+" on the price axis opens its menu where it was clicked. */
static void
test_axis_plus_at_pointer (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view, *popover;
  BourseChartRenderer *renderer;
  BourseChartPaneGeometry g;
  double y, first = NAN, last = NAN;

  ready (t);
  view = chart_view (t);
  popover = GTK_WIDGET (t->window->chart_pane->order_popover);
  renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  y = round (g.y + g.height * 0.4);
  /* the "+" follows the crosshair: wait until GTK saw the pointer there */
  bourse_test_pointer_move (view, g.x + g.width * 0.5, y);
  bourse_test_pointer_move (view, g.x + g.width * 0.9, y);
  WAIT_UNTIL (crosshair_near (t->window->chart, g.x + g.width * 0.9, y), 15);
  bourse_test_wait_for_frame (view);
  for (double x = g.x; x < gtk_widget_get_width (view); x++)
    {
      BourseChartHit hit;

      bourse_chart_renderer_hit_test (renderer, x, y, &hit);
      if (hit.kind == BOURSE_CHART_HIT_ORDER_BUTTON)
        {
          if (isnan (first))
            first = x;
          last = x;
        }
    }
  g_assert_false (isnan (first));
  bourse_test_pointer_click (view, (first + last) / 2, y);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  assert_popover_at (popover, view, (first + last) / 2, y);
  bourse_test_save_screenshot (popover, "axis-plus-menu.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_UNTIL (!gtk_widget_get_mapped (popover), 15);
}

/* An indicator added is undone by Ctrl+Z and redone by Ctrl+Shift+Z. */
static void
test_undo_indicator (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *view;

  ready (t);
  view = chart_view (t);
  before = bourse_chart_studies_list (t->window->studies);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-indicator", g_variant_new_string ("rsi"));
  after = bourse_chart_studies_list (t->window->studies);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (n_studies (t) == before->len, 10);
  bourse_test_key (view, "ctrl+shift+z");
  WAIT_UNTIL (n_studies (t) == before->len + 1, 10);
  {
    g_autoptr(GPtrArray) now = bourse_chart_studies_list (t->window->studies);
    BourseIndicator *last = bourse_chart_studies_get_indicator (t->window->studies, g_ptr_array_index (now, now->len - 1));

    g_assert_true (g_str_has_prefix (bourse_indicator_get_spec (last), "rsi"));
    /* kept in the settings like any added study */
    g_auto(GStrv) saved = bourse_settings_dup_chart_indicators (t->window->settings);
    g_assert_cmpuint (g_strv_length (saved), ==, now->len);
    bourse_chart_pane_remove_indicator (t->window->chart_pane, g_ptr_array_index (now, now->len - 1));
  }
}

/* The style editor: opened from the drawing's menu, a colour changed is
 * painted, saved with the drawing, and undone in one step. */
static void
test_style_editor (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autoptr(BourseDrawing) line = NULL;
  BourseDrawingStyleDialog *dialog = NULL;
  GtkWidget *color, *width;
  GdkRGBA red = { 1, 0, 0, 1 };
  guint32 original;
  double x, y;

  ready (t);
  line = draw_trend_line (t);
  original = bourse_drawing_get_color (line);
  line_middle (t, &x, &y);
  context_menu_entry (t, x, y, "Settings");
  WAIT_UNTIL ((dialog = find_style_dialog ()) != NULL, 15);
  g_assert_true (bourse_drawing_style_dialog_get_drawing (dialog) == line);

  /* the colour chooser is its own dialog: set what it would and emit its signal */
  color = bourse_test_find_named (GTK_WIDGET (dialog), "line-color");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &red);
  g_signal_emit_by_name (color, "color-set");
  g_assert_cmphex (bourse_drawing_get_color (line), ==, 0xff0000ff);
  /* the width typed in its field, by real keys */
  width = bourse_test_find_named (GTK_WIDGET (dialog), "line-width");
  bourse_test_wait_for_frame (width);
  bourse_test_pointer_click (width, 10, gtk_widget_get_height (width) / 2.0);
  bourse_test_key (width, "ctrl+a");
  bourse_test_type (width, "4");
  bourse_test_key (width, "Return");
  WAIT_UNTIL (bourse_drawing_get_line_width (line) == 4, 10);
  bourse_test_save_screenshot (GTK_WIDGET (dialog), "drawing-style-dialog.png");

  /* persisted with the drawing */
  bourse_test_wait_for_frame (chart_view (t));
  WAIT_UNTIL (t->window->chart_pane->save_drawings_id == 0, 10);
  WAIT_UNTIL (saved_style_is (t, "EURUSD", 0xff0000ff, 4), 15);

  gtk_window_close (GTK_WINDOW (dialog));
  /* colour and width were one session: one undo restores both */
  bourse_test_key (chart_view (t), "ctrl+z");
  WAIT_UNTIL (bourse_drawing_get_color (line) == original, 10);
  g_assert_cmpfloat (bourse_drawing_get_line_width (line), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (drawings (t)), ==, 1);
}

/* The object tree lists the drawing in words; its eye, clicked, hides it and
 * the row is updated where it is (the eye keeps the focus, so Space would
 * show it again); its remove button, clicked, removes it from the chart.
 * Rows are held by a reference: one the tree replaced fails an assertion
 * instead of being read after it was freed. */
static void
test_object_tree (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autoptr(BourseDrawing) line = NULL;
  g_autoptr(GtkWidget) row = NULL;
  g_autoptr(GtkWidget) eye = NULL;
  g_autoptr(GtkWidget) study = NULL;
  GtkWidget *tree = bourse_object_tree_new ();
  GtkWindow *window;
  GtkListBox *list;
  GtkListBoxRow *found;

  ready (t);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-indicator", g_variant_new_string ("rsi:14"));
  line = draw_trend_line (t);
  bourse_object_tree_set_chart_pane (BOURSE_OBJECT_TREE (tree), t->window->chart_pane);
  window = bourse_test_present_window (tree, 320, 400);
  list = bourse_object_tree_get_list (BOURSE_OBJECT_TREE (tree));
  WAIT_UNTIL (bourse_test_find_label (GTK_WIDGET (list), "Trend Line") != NULL && bourse_test_find_label (GTK_WIDGET (list), "RSI 14") != NULL, 10);
  bourse_test_save_screenshot (tree, "object-tree.png");

  WAIT_UNTIL ((found = tree_row (list, line)) != NULL, 10);
  row = g_object_ref (GTK_WIDGET (found));
  eye = g_object_ref (bourse_test_find_named (row, "visible"));
  bourse_test_wait_for_frame (row);
  /* the drawing selected on the chart is the selected row */
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (row));

  /* hide by its eye, clicked: the same row shows it, the eye keeps the focus */
  bourse_test_click_center (eye);
  WAIT_UNTIL (bourse_drawing_get_hidden (line), 10);
  WAIT_UNTIL (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (eye)), "view-conceal-symbolic") == 0, 10);
  g_assert_true (tree_row (list, line) == GTK_LIST_BOX_ROW (row));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (eye)));
  g_assert_true (gtk_widget_is_focus (eye));
  bourse_test_wait_for_frame (row);

  /* then remove by its bin, clicked */
  bourse_test_click_center (bourse_test_find_named (row, "remove"));
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 0, 10);
  WAIT_UNTIL (bourse_test_find_label (GTK_WIDGET (list), "Trend Line") == NULL, 10);

  /* the study's remove button takes it off the chart */
  {
    guint studies = n_studies (t);

    WAIT_UNTIL ((found = gtk_list_box_get_row_at_index (list, 0)) != NULL && gtk_widget_get_mapped (GTK_WIDGET (found)), 10);
    study = g_object_ref (GTK_WIDGET (found));
    bourse_test_wait_for_frame (study);
    g_assert_true (gtk_list_box_get_row_at_index (list, 0) == GTK_LIST_BOX_ROW (study));
    bourse_test_click_center (bourse_test_find_named (study, "remove"));
    WAIT_UNTIL (n_studies (t) == studies - 1, 10);
  }
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Drawings/undo-redo-drawing", test_undo_redo_drawing },
    { "/Bourse/UI/Drawings/delete-key", test_delete_key },
    { "/Bourse/UI/Drawings/context-menu-clone", test_context_menu_clone },
    { "/Bourse/UI/Drawings/axis-menu-log", test_axis_menu_log },
    { "/Bourse/UI/Drawings/axis-plus-at-pointer", test_axis_plus_at_pointer },
    { "/Bourse/UI/Drawings/undo-indicator", test_undo_indicator },
    { "/Bourse/UI/Drawings/style-editor", test_style_editor },
    { "/Bourse/UI/Drawings/object-tree", test_object_tree },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
