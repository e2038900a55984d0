/* test-chart-menus.c — the chart's right-click menus, the drawing toolbar's toggles and chart type undo, by real X input
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application on the in-process demo broker. Menus are opened with the
 * secondary button (XTEST through xdotool) and their entries clicked; what
 * they do is checked where it lands: the chart's viewport, the alert dialog's
 * fields, the demo broker's orders and positions (its own REST answers), the
 * drawing layer and the undo history.
 */
#include "config.h"

#include <math.h>

#include "bourse-alert-dialog.h"
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

static double
eurusd_tick (Terminal *t)
{
  return bourse_instrument_get_min_tick (bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD"));
}

static void
set_toggle (Terminal   *t,
            const char *action,
            gboolean    on)
{
  g_action_group_change_action_state (G_ACTION_GROUP (t->window), action, g_variant_new_boolean (on));
}

static gboolean
toggle_state (Terminal   *t,
              const char *action)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (t->window), action);

  return g_variant_get_boolean (state);
}

static char *
drawing_tool (Terminal *t)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (t->window), "set-drawing-tool");

  return g_variant_dup_string (state, NULL);
}

/* A mapped window on EURUSD with bars, real input at hand, no drawings, the
 * drawing toggles off, the price scale automatic. */
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
  set_toggle (t, "drawing-keep", FALSE);
  set_toggle (t, "drawings-lock-all", FALSE);
  set_toggle (t, "drawings-hide-all", FALSE);
  set_toggle (t, "drawing-magnet", FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("none"));
  g_list_store_remove_all (bourse_drawing_layer_get_drawings (t->window->drawing_layer));
  bourse_chart_pane_commit_drawings (t->window->chart_pane, NULL, NULL);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
  bourse_chart_history_clear (bourse_chart_pane_get_history (t->window->chart_pane));
  bourse_test_wait_for_frame (view);
}

/* The main pane's point at fractions (@fx, @fy) of it, in the view's coordinates. */
static void
pane_point (Terminal *t,
            double    fx,
            double    fy,
            double   *x,
            double   *y)
{
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (chart_view (t)));
  BourseChartPaneGeometry g;

  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  *x = round (g.x + g.width * fx);
  *y = round (g.y + g.height * fy);
}

/* Right-clicks (x, y) of the view, waits for the menu, clicks the entry
 * starting with @entry; returns that entry's whole text. */
static char *
context_menu_entry (Terminal   *t,
                    double      x,
                    double      y,
                    const char *entry)
{
  GtkWidget *view = chart_view (t);
  GtkWidget *popover = GTK_WIDGET (bourse_chart_pane_get_context_popover (t->window->chart_pane));
  GtkWidget *item;
  char *text;

  bourse_test_pointer_click_button (view, x, y, 3);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  WAIT_UNTIL (bourse_test_find_label (popover, entry) != NULL, 15);
  item = bourse_test_find_label (popover, entry);
  text = g_strdup (gtk_label_get_text (GTK_LABEL (item)));
  bourse_test_wait_for_frame (popover);
  /* shown by the X server before the click, which would otherwise land on the chart */
  gdk_display_sync (gtk_widget_get_display (view));
  bourse_test_click_center (item);
  WAIT_UNTIL (!gtk_widget_get_mapped (popover), 15);
  gdk_display_sync (gtk_widget_get_display (view));
  return text;
}

/* The price the chart shows at (x, y) of the view, rounded to the tick. */
static double
price_at (Terminal *t,
          double    x,
          double    y)
{
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (chart_view (t)));
  BourseChartHit hit;

  bourse_chart_renderer_hit_test (renderer, x, y, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PANE);
  return bourse_round_to_tick (hit.price, eurusd_tick (t));
}

/* Zooms the main pane's price scale around @price and finds a point on the
 * body of the price line @line_id (not its label or ✕), with the renderer's
 * own hit test. */
static void
line_point (Terminal   *t,
            const char *line_id,
            double      price,
            double     *x,
            double     *y)
{
  GtkWidget *view = chart_view (t);
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  BourseChartPaneGeometry g;
  guint run = 0;

  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE, price * 0.999, price * 1.001);
  bourse_test_wait_for_frame (view);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  *y = round (g.y + bourse_chart_pane_geometry_price_to_y (&g, price));
  for (*x = g.x + g.width * 0.2; *x < g.x + g.width; *x += 1)
    {
      BourseChartHit hit;

      bourse_chart_renderer_hit_test (renderer, *x, *y, &hit);
      run = hit.kind == BOURSE_CHART_HIT_PRICE_LINE && g_strcmp0 (hit.price_line_id, line_id) == 0 ? run + 1 : 0;
      if (run == 9)
        {
          *x -= 4;
          return;
        }
    }
  g_error ("no point on the line %s at y %.0f", line_id, *y);
}

/* The demo broker's own record of order @id in its list at @path
 * ("orders": working; "ordersHistory": done), from its REST answer. */
static char *
demo_order_status (Terminal   *t,
                   const char *path,
                   const char *id)
{
  g_autoptr(JsonNode) node = bourse_test_demo_get (t, path);
  JsonArray *orders = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return g_strdup (json_object_get_string_member (o, "status"));
    }
  return NULL;
}

static double
demo_position_qty (Terminal   *t,
                   const char *symbol)
{
  g_autoptr(JsonNode) node = bourse_test_demo_get (t, "/accounts/D1/positions");
  JsonArray *positions = json_node_get_array (node);
  double qty = 0;

  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonObject *o = json_array_get_object_element (positions, i);

      if (g_strcmp0 (json_object_get_string_member (o, "instrument"), symbol) == 0)
        qty += json_object_get_double_member (o, "qty");
    }
  return qty;
}

/* Draws a trend line with a real drag between fractions of the main pane. */
static void
drag_in_pane (Terminal *t,
              double    fx1,
              double    fy1,
              double    fx2,
              double    fy2)
{
  double x1, y1, x2, y2;

  pane_point (t, fx1, fy1, &x1, &y1);
  pane_point (t, fx2, fy2, &x2, &y2);
  bourse_test_pointer_drag (chart_view (t), x1, y1, x2, y2);
}

/* The toolbar button bound to @action. */
static GtkWidget *
toolbar_button (Terminal   *t,
                const char *action)
{
  g_autoptr(GPtrArray) buttons = bourse_test_list_descendants (t->window->drawing_toolbar, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no toolbar button for %s", action);
}

/* The mapped alert dialog, or NULL. */
static BourseAlertDialog *
find_alert_dialog (void)
{
  return (BourseAlertDialog *) bourse_test_find_mapped_toplevel (BOURSE_TYPE_ALERT_DIALOG);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The clipboard's text, read as another program would. */
static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb, &text);
  WAIT_UNTIL (text != NULL, 10);
  return text;
}

/* -- tests --------------------------------------------------------------- */

/* Zoomed in by the wheel and panned by a drag, "Reset Chart View" brings the
 * default view back: the default bar spacing, the last bar in view. */
static void
test_reset_view (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseChartViewport *viewport;
  GtkWidget *view;
  double x, y, s0;

  ready (t);
  view = chart_view (t);
  viewport = bourse_chart_get_viewport (t->window->chart);
  pane_point (t, 0.5, 0.5, &x, &y);
  g_test_message ("opening view: %.2f px a bar", bourse_chart_viewport_get_bar_spacing (viewport));
  s0 = bourse_chart_viewport_get_bar_spacing (viewport);
  bourse_test_pointer_scroll (view, x, y, 4, 10, NULL);
  WAIT_UNTIL (bourse_chart_viewport_get_bar_spacing (viewport) > MAX (s0, BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING) * 1.2, 10);
  bourse_test_pointer_drag (view, x - 100, y, x + 200, y);
  WAIT_UNTIL (!bourse_chart_viewport_is_at_realtime (viewport), 10);
  g_test_message ("zoomed and panned: %.2f px a bar", bourse_chart_viewport_get_bar_spacing (viewport));
  /* and the price scale set by hand (as a drag on the axis does) */
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE, price_at (t, x, y) * 0.99, price_at (t, x, y) * 1.01);
  g_assert_false (bourse_chart_get_pane_autoscale (t->window->chart, BOURSE_CHART_MAIN_PANE));

  g_free (context_menu_entry (t, x, y, "Reset Chart View"));
  bourse_test_wait_for_frame (view);
  g_test_message ("after reset: %.2f px, right %.2f, bars %zu, width %.0f", bourse_chart_viewport_get_bar_spacing (viewport),
                  bourse_chart_viewport_get_right_index (viewport), bourse_chart_viewport_get_n_bars (viewport), bourse_chart_viewport_get_width (viewport));
  WAIT_UNTIL (bourse_chart_viewport_is_at_realtime (viewport), 10);
  g_test_message ("reset: %.2f px a bar", bourse_chart_viewport_get_bar_spacing (viewport));
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport),
                                  BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING, 1e-9);
  g_assert_true (bourse_chart_get_pane_autoscale (t->window->chart, BOURSE_CHART_MAIN_PANE));
  /* and stays: a pan still gliding from the drag does not carry the view off */
  {
    double right = bourse_chart_viewport_get_right_index (viewport);

    for (guint i = 0; i < 10; i++)
      bourse_test_wait_for_frame (view);
    g_assert_cmpfloat (bourse_chart_viewport_get_right_index (viewport), ==, right);
  }
}

/* "Add Alert at <price>…" opens the alert dialog on the price under the
 * pointer, rounded to the tick, as the entry said; "Copy Price" copies it. */
static void
test_alert_at_pointer (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseAlertDialog *dialog = NULL;
  g_autoptr(BourseAlert) alert = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *expected_entry = NULL;
  double x, y, price, value = NAN;

  ready (t);
  pane_point (t, 0.45, 0.3, &x, &y);
  price = price_at (t, x, y);
  entry = context_menu_entry (t, x, y, "Add Alert at ");
  price_text = bourse_format_price (price, eurusd_tick (t));
  expected_entry = g_strdup_printf ("Add Alert at %s…", price_text);
  g_assert_cmpstr (entry, ==, expected_entry);

  WAIT_UNTIL ((dialog = find_alert_dialog ()) != NULL, 15);
  g_assert_cmpstr (bourse_alert_dialog_get_symbol (dialog), ==, "EURUSD");
  alert = bourse_alert_dialog_build_alert (dialog);
  g_object_get (alert, "value", &value, NULL);
  g_test_message ("menu at %s, dialog at %.6f", price_text, value);
  g_assert_cmpfloat_with_epsilon (value, price, eurusd_tick (t) / 100);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* "Copy Price <price>" at another point puts that price on the clipboard */
  {
    g_autofree char *copy_entry = NULL;
    g_autofree char *copied = NULL;
    g_autofree char *text = NULL;

    gdk_clipboard_set_text (gtk_widget_get_clipboard (chart_view (t)), "before");
    pane_point (t, 0.55, 0.7, &x, &y);
    price = price_at (t, x, y);
    g_clear_pointer (&price_text, g_free);
    price_text = bourse_format_price (price, eurusd_tick (t));
    copy_entry = context_menu_entry (t, x, y, "Copy Price ");
    text = g_strdup_printf ("Copy Price %s", price_text);
    g_assert_cmpstr (copy_entry, ==, text);
    copied = clipboard_text (chart_view (t));
    g_assert_cmpstr (copied, ==, price_text);
  }
}

/* "Buy Limit @ <price>" below the market prepares the ticket at the price
 * under the pointer; sent, the demo broker works that limit. Its line's
 * menu → Cancel Order cancels it at the broker. */
static void
test_order_line_cancel (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD");
  double tick = eurusd_tick (t);
  g_autofree char *entry = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *line_id = NULL;
  g_autofree char *status = NULL;
  BourseOrder *order;
  double x, y, price;

  ready (t);
  g_assert_nonnull (quote);
  /* a point well below the market: zoom the scale so the pane's bottom is */
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE,
                                     bourse_quote_get_bid (quote) - 400 * tick, bourse_quote_get_ask (quote) + 50 * tick);
  bourse_test_wait_for_frame (chart_view (t));
  pane_point (t, 0.4, 0.85, &x, &y);
  price = price_at (t, x, y);
  g_assert_cmpfloat (price, <, bourse_quote_get_bid (quote) - 100 * tick);
  /* above the market the sell side is the limit: prepared, not sent */
  {
    g_autofree char *sell_entry = NULL;
    guint posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
    double sx, sy;

    pane_point (t, 0.4, 0.02, &sx, &sy);
    g_assert_cmpfloat (price_at (t, sx, sy), >, bourse_quote_get_ask (quote));
    sell_entry = context_menu_entry (t, sx, sy, "Sell Limit @ ");
    g_test_message ("%s", sell_entry);
    g_assert_cmpint (bourse_order_ticket_get_side (t->window->order_ticket), ==, BOURSE_SIDE_SELL);
    g_assert_cmpint (bourse_order_ticket_get_order_type (t->window->order_ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
    g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts);
  }
  entry = context_menu_entry (t, x, y, "Buy Limit @ ");
  g_test_message ("%s (pointer at %.6f)", entry, price);
  g_assert_cmpint (bourse_order_ticket_get_side (t->window->order_ticket), ==, BOURSE_SIDE_BUY);
  g_assert_cmpint (bourse_order_ticket_get_order_type (t->window->order_ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
  bourse_order_ticket_set_qty (t->window->order_ticket, 1000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket) && !bourse_order_ticket_get_busy (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  /* the broker works a limit at exactly the price under the pointer */
  WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL, 30);
  order_id = g_strdup (bourse_order_get_id (order));
  status = demo_order_status (t, "/accounts/D1/orders", order_id);
  g_assert_cmpstr (status, ==, "working");
  g_clear_pointer (&status, g_free);

  line_id = g_strconcat ("order:", order_id, NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);
  line_point (t, line_id, price, &x, &y);
  g_free (context_menu_entry (t, x, y, "Cancel Order"));
  WAIT_UNTIL ((order = bourse_broker_store_lookup_order (bourse_test_store (t), order_id)) == NULL ||
              bourse_order_get_status (order) == BOURSE_ORDER_STATUS_CANCELLED, 30);
  status = demo_order_status (t, "/accounts/D1/ordersHistory", order_id);
  g_assert_cmpstr (status, ==, "cancelled");
  g_clear_pointer (&status, g_free);
  /* the current list keeps it a while, as cancelled */
  status = demo_order_status (t, "/accounts/D1/orders", order_id);
  g_assert_true (status == NULL || g_str_equal (status, "cancelled"));
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) == NULL, 15);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
}

/* A position's line menu → Close Position flattens it at the broker. */
static void
test_position_line_close (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autofree char *line_id = NULL;
  BoursePosition *position;
  double x, y;

  ready (t);
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 15);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_PRICE, NAN, NAN);
  bourse_order_ticket_set_qty (t->window->order_ticket, 2000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "buy", NULL);
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  WAIT_UNTIL (demo_position_qty (t, "EURUSD") == 2000, 15);

  line_id = g_strconcat ("position:", bourse_position_get_id (position), NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);
  line_point (t, line_id, bourse_position_get_avg_price (position), &x, &y);
  g_free (context_menu_entry (t, x, y, "Close Position"));
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
  g_assert_cmpfloat (demo_position_qty (t, "EURUSD"), ==, 0);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) == NULL, 15);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
}

/* Keep Drawing: after a trend line is finished the tool stays and a second
 * drag draws another; off (by a real click on its toolbar button) the tool
 * goes back to the cursor after one. */
static void
test_keep_drawing (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *keep;
  g_autofree char *tool = NULL;

  ready (t);
  set_toggle (t, "drawing-keep", TRUE);
  g_assert_true (bourse_drawing_layer_get_keep_tool (t->window->drawing_layer));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  drag_in_pane (t, 0.2, 0.4, 0.4, 0.3);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 1 && !bourse_drawing_layer_get_editing (t->window->drawing_layer), 10);
  tool = drawing_tool (t);
  g_assert_cmpstr (tool, ==, "trend-line");
  g_clear_pointer (&tool, g_free);
  drag_in_pane (t, 0.5, 0.6, 0.7, 0.5);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 2 && !bourse_drawing_layer_get_editing (t->window->drawing_layer), 10);
  tool = drawing_tool (t);
  g_assert_cmpstr (tool, ==, "trend-line");
  g_clear_pointer (&tool, g_free);

  /* off by its toolbar button */
  keep = toolbar_button (t, "win.drawing-keep");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (keep)));
  bourse_test_click_center (keep);
  WAIT_UNTIL (!toggle_state (t, "drawing-keep"), 10);
  g_assert_false (bourse_drawing_layer_get_keep_tool (t->window->drawing_layer));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (keep)));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  drag_in_pane (t, 0.2, 0.7, 0.35, 0.8);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 3 && !bourse_drawing_layer_get_editing (t->window->drawing_layer), 10);
  tool = drawing_tool (t);
  g_assert_cmpstr (tool, ==, "none");
}

/* Lock all (a real click on its button): a drag does not move a drawing;
 * hide all: the drawing is neither hit nor selected by a click; remove all
 * (its button): none left, and Ctrl+Z brings them all back. */
static void
test_lock_hide_remove_all (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseDrawingLayer *layer;
  GtkWidget *view, *lock;
  BourseChartRenderer *renderer;
  BourseChartPaneGeometry g;
  g_autoptr(BourseDrawing) line = NULL;
  g_autoptr(BourseDrawing) back = NULL;
  g_autofree char *id = NULL;
  BourseDrawingPoint a;
  double x, y;

  ready (t);
  view = chart_view (t);
  layer = t->window->drawing_layer;
  renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  drag_in_pane (t, 0.2, 0.6, 0.6, 0.4);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 1 && !bourse_drawing_layer_get_editing (layer), 10);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  drag_in_pane (t, 0.3, 0.2, 0.7, 0.25);
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 2 && !bourse_drawing_layer_get_editing (layer), 10);
  line = g_list_model_get_item (drawings (t), 0);
  id = g_strdup (bourse_drawing_get_id (line));
  a = bourse_drawing_get_point (line, 0);
  pane_point (t, 0.4, 0.5, &x, &y);   /* the first line's middle */
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  g_assert_true (bourse_drawing_layer_pick (layer, &g, x - g.x, y - g.y, 6) == line);

  /* locked by the toolbar's button: the drag does not move it */
  lock = toolbar_button (t, "win.drawings-lock-all");
  bourse_test_click_center (lock);
  WAIT_UNTIL (toggle_state (t, "drawings-lock-all") && bourse_drawing_layer_get_all_locked (layer), 10);
  bourse_test_pointer_drag (view, x, y, x, y + 60);
  bourse_test_wait_for_frame (view);
  g_assert_cmpfloat (bourse_drawing_get_point (line, 0).price, ==, a.price);
  g_assert_cmpint (bourse_drawing_get_point (line, 0).time, ==, a.time);
  /* unlocked by the action: the same drag moves it (so the check above can fail) */
  set_toggle (t, "drawings-lock-all", FALSE);
  g_assert_false (bourse_drawing_layer_get_all_locked (layer));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lock)));
  bourse_test_pointer_drag (view, x, y, x, y + 60);
  WAIT_UNTIL (bourse_drawing_get_point (line, 0).price < a.price && !bourse_drawing_layer_get_editing (layer), 10);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (bourse_drawing_get_point (line, 0).price == a.price, 10);

  /* hidden: not hit, a click does not select it */
  bourse_drawing_layer_set_selected (layer, NULL);
  set_toggle (t, "drawings-hide-all", TRUE);
  g_assert_true (bourse_drawing_layer_get_all_hidden (layer));
  bourse_test_wait_for_frame (view);
  g_assert_null (bourse_drawing_layer_pick (layer, &g, x - g.x, y - g.y, 6));
  bourse_test_pointer_click (view, x, y);
  bourse_test_wait_for_frame (view);
  g_assert_null (bourse_drawing_layer_get_selected (layer));
  set_toggle (t, "drawings-hide-all", FALSE);
  g_assert_true (bourse_drawing_layer_pick (layer, &g, x - g.x, y - g.y, 6) == line);

  /* removed by the toolbar's button, back by Ctrl+Z */
  bourse_test_click_center (toolbar_button (t, "win.drawings-remove-all"));
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 0, 10);
  WAIT_UNTIL (gtk_widget_get_mapped (view), 10);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 2, 10);
  back = g_list_model_get_item (drawings (t), 0);
  g_assert_cmpstr (bourse_drawing_get_id (back), ==, id);

  /* and from the chart's own menu, on an empty spot */
  {
    double ex, ey;

    pane_point (t, 0.9, 0.9, &ex, &ey);
    g_assert_null (bourse_drawing_layer_pick (layer, &g, ex - g.x, ey - g.y, 6));
    g_free (context_menu_entry (t, ex, ey, "Remove All Drawings"));
    WAIT_UNTIL (g_list_model_get_n_items (drawings (t)) == 0, 10);
  }
}

/* Heikin Ashi chosen from the chart type menu by real clicks; Ctrl+Z brings
 * Candles back and the button's label follows; Ctrl+Shift+Z redoes it. */
static void
test_undo_chart_type (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkMenuButton *button;
  GtkWidget *view, *popover, *item;

  ready (t);
  view = chart_view (t);
  button = t->window->chart_type_button;
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-chart-type", g_variant_new_string ("candles"));
  bourse_chart_history_clear (bourse_chart_pane_get_history (t->window->chart_pane));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Candles");

  bourse_test_click_center (GTK_WIDGET (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  WAIT_UNTIL (popover != NULL && gtk_widget_get_mapped (popover), 15);
  WAIT_UNTIL ((item = bourse_test_find_label (popover, "Heikin Ashi")) != NULL, 15);
  bourse_test_wait_for_frame (popover);
  /* shown by the X server before the click, which would otherwise land on the chart */
  gdk_display_sync (gtk_widget_get_display (view));
  bourse_test_click_center (item);
  WAIT_UNTIL (g_strcmp0 (bourse_chart_pane_get_chart_type (t->window->chart_pane), "heikin-ashi") == 0, 15);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Heikin Ashi");
  WAIT_UNTIL (!gtk_widget_get_mapped (popover), 15);
  gdk_display_sync (gtk_widget_get_display (view));

  gtk_widget_grab_focus (view);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_strcmp0 (bourse_chart_pane_get_chart_type (t->window->chart_pane), "candles") == 0, 15);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Candles");
  g_assert_cmpint (bourse_chart_get_chart_type (t->window->chart), ==, BOURSE_CHART_TYPE_CANDLES);
  bourse_test_key (view, "ctrl+shift+z");
  WAIT_UNTIL (g_strcmp0 (bourse_chart_pane_get_chart_type (t->window->chart_pane), "heikin-ashi") == 0, 15);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Heikin Ashi");
  g_assert_cmpint (bourse_chart_get_chart_type (t->window->chart), ==, BOURSE_CHART_TYPE_HEIKIN_ASHI);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-chart-type", g_variant_new_string ("candles"));
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/ChartMenus/reset-view", test_reset_view },
    { "/Bourse/UI/ChartMenus/alert-at-pointer", test_alert_at_pointer },
    { "/Bourse/UI/ChartMenus/order-line-cancel", test_order_line_cancel },
    { "/Bourse/UI/ChartMenus/position-line-close", test_position_line_close },
    { "/Bourse/UI/ChartMenus/keep-drawing", test_keep_drawing },
    { "/Bourse/UI/ChartMenus/lock-hide-remove-all", test_lock_hide_remove_all },
    { "/Bourse/UI/ChartMenus/undo-chart-type", test_undo_chart_type },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
