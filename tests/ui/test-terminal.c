/* test-terminal.c — the real terminal against the in-process demo broker, under Xvfb
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application and window for the whole program. Where the interaction
 * is the point (dragging order lines and drawings, the ✕ on a line) the tests
 * use real X pointer events; elsewhere they use the actions that buttons,
 * menus and shortcuts activate. The tests run in order: start live, refuse
 * invalid entry, place a market order, drag a limit order's line, close the
 * position, alerts, indicators and drawings, notifications, then the dark
 * style following the desktop. Connections and faulty brokers are in
 * test-terminal-connections.c.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>

#include "bourse-api-inspector.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static BourseInstrument *
eurusd (Terminal *t)
{
  return bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD");
}


/* -- tests --------------------------------------------------------------- */

static void
test_starts_live (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote;
  BourseBars *bars;
  double first_last;

  /* make run: connected and logged in on the demo broker, no dialog. */
  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_test_message ("live %.0f ms after activation", (g_get_monotonic_time () - t->activated) / 1000.0);
  g_assert_cmpstr (bourse_broker_store_get_account_id (bourse_test_store (t)), ==, "D1");
  g_assert_nonnull (strstr (gtk_label_get_text (t->window->connection_label), "Live"));

  /* Chart history from /history. */
  WAIT_UNTIL ((bars = bourse_chart_get_bars (t->window->chart)) != NULL && bars->len > 50, 30);
  g_test_message ("chart history shown %.0f ms after activation", (g_get_monotonic_time () - t->activated) / 1000.0);

  /* Scrolling back to the first bar loads older history in front. */
  {
    gsize len = bars->len;
    gint64 first = bars->time[0];

    g_signal_emit_by_name (t->window->chart, "history-needed");
    WAIT_UNTIL ((bars = bourse_chart_get_bars (t->window->chart)) != NULL && bars->len > len, 30);
    g_assert_cmpint (bars->time[0], <, first);
    for (gsize i = 1; i < bars->len; i++)
      g_assert_cmpint (bars->time[i - 1], <, bars->time[i]);
  }

  /* Watchlist quotes are live: the last price moves. */
  WAIT_UNTIL ((quote = bourse_watchlist_lookup_quote (t->window->watchlist, "EURUSD")) != NULL &&
              bourse_quote_get_last (quote) > 0, 30);
  first_last = bourse_quote_get_last (quote);
  WAIT_UNTIL (bourse_quote_get_last (quote) != first_last, 30);

  /* The ticket follows the chart's instrument and quote; the DOM shows the book. */
  g_assert_true (bourse_order_ticket_get_instrument (t->window->order_ticket) == eurusd (t));
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  WAIT_UNTIL (bourse_dom_ladder_get_n_levels (t->window->dom_ladder) > 0, 30);

  /* Every request so far shows up in the inspector, none with a problem. */
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/authorize"), >=, 1);
  g_assert_cmpuint (bourse_api_inspector_get_n_problems (t->window->api_inspector), ==, 0);

  bourse_test_save_screenshot (GTK_WIDGET (t->window), "main-window-start.png");

  /* Ctrl+? opens the shortcuts window from the resource. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t->window)));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "show-help-overlay", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t->window)))), 15);
  bourse_test_save_screenshot (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t->window))), "shortcuts.png");
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t->window))), FALSE);
}


static void
test_ticket_refuses_invalid_entry (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseInstrument *instrument;
  guint posts;
  double step;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  instrument = eurusd (t);
  step = bourse_instrument_get_qty_step (instrument);
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");

  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 0);
  g_assert_false (bourse_order_ticket_get_valid (t->window->order_ticket));
  g_assert_nonnull (bourse_order_ticket_get_field_error (t->window->order_ticket, BOURSE_ORDER_FIELD_QTY));

  /* Off the quantity step. */
  bourse_order_ticket_set_qty (t->window->order_ticket, bourse_instrument_get_min_qty (instrument) + step / 2);
  g_assert_false (bourse_order_ticket_get_valid (t->window->order_ticket));
  g_assert_nonnull (bourse_order_ticket_get_field_error (t->window->order_ticket, BOURSE_ORDER_FIELD_QTY));

  /* A buy stop below the market. */
  bourse_order_ticket_set_qty (t->window->order_ticket, bourse_instrument_get_min_qty (instrument));
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_STOP);
  bourse_order_ticket_set_stop_price (t->window->order_ticket, 0.5);
  g_assert_false (bourse_order_ticket_get_valid (t->window->order_ticket));
  g_assert_nonnull (bourse_order_ticket_get_field_error (t->window->order_ticket, BOURSE_ORDER_FIELD_STOP_PRICE));

  /* Submitting an invalid ticket sends nothing. The decision is made in the
   * action itself: sending marks the ticket busy before the request goes out
   * and only the answer clears it, so "not busy" right after it returns
   * proves nothing was sent; the idle wait lets anything queued run. */
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  g_assert_false (bourse_order_ticket_get_busy (t->window->order_ticket));
  bourse_test_wait_idle ();
  g_assert_false (bourse_order_ticket_get_busy (t->window->order_ticket));
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts);

  /* Switching "Brackets In" converts the brackets: 150 ticks above a buy
   * limit's price is that price + 150 ticks, and back. */
  {
    GtkWidget *ticket = GTK_WIDGET (t->window->order_ticket);
    GtkDropDown *unit = GTK_DROP_DOWN (bourse_test_find_descendant (ticket, GTK_TYPE_DROP_DOWN, 0));
    GtkSpinButton *take_profit = GTK_SPIN_BUTTON (bourse_test_find_descendant (ticket, GTK_TYPE_SPIN_BUTTON, 3));
    GtkSpinButton *stop_loss = GTK_SPIN_BUTTON (bourse_test_find_descendant (ticket, GTK_TYPE_SPIN_BUTTON, 4));
    double tick = bourse_instrument_get_min_tick (instrument);
    double price = bourse_round_to_tick (bourse_quote_get_bid (bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) - 100 * tick, tick);

    bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_LIMIT);
    bourse_order_ticket_set_limit_price (t->window->order_ticket, price);
    bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_TICKS, 150, 80);
    gtk_drop_down_set_selected (unit, 0);   /* Price */
    g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (take_profit), price + 150 * tick, tick / 2);
    g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (stop_loss), price - 80 * tick, tick / 2);
    gtk_drop_down_set_selected (unit, 1);   /* Ticks */
    g_assert_cmpfloat (gtk_spin_button_get_value (take_profit), ==, 150);
    g_assert_cmpfloat (gtk_spin_button_get_value (stop_loss), ==, 80);
    bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_PRICE, NAN, NAN);
  }

  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  g_assert_true (bourse_order_ticket_get_valid (t->window->order_ticket));
}

static void
test_market_order_to_position (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BoursePosition *position;
  g_autofree char *line_id = NULL;
  guint posts;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_assert_null (bourse_test_find_position (t, "EURUSD"));
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");

  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 10000);
  g_assert_true (bourse_order_ticket_get_valid (t->window->order_ticket));

  /* A double click on the button: the second press finds the ticket busy. */
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  g_assert_true (bourse_order_ticket_get_busy (t->window->order_ticket));
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (t->window), "win.buy", NULL);
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 1);
  /* The status line follows the order (issue 14): placed, or already
   * filled when the fill came before the answer to the POST. */
  g_assert_true (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "placed") != NULL ||
                 strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "filled") != NULL);

  /* The fill reaches the store, the Positions tab, the chart and the ticket's status. */
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  WAIT_UNTIL (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "filled") != NULL, 15);
  g_assert_cmpfloat (bourse_position_get_qty (position), ==, 10000);
  g_assert_cmpint (bourse_position_get_side (position), ==, BOURSE_SIDE_BUY);
  WAIT_UNTIL (bourse_test_n_rows (bourse_account_manager_get_positions_view (t->window->account_manager)) >= 1, 15);

  line_id = g_strconcat ("position:", bourse_position_get_id (position), NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);
  g_assert_cmpfloat_with_epsilon (bourse_chart_get_price_line (t->window->chart, line_id)->price,
                                  bourse_position_get_avg_price (position), 1e-9);

  bourse_account_manager_set_page (t->window->account_manager, "summary");
  bourse_test_save_screenshot (GTK_WIDGET (t->window->account_manager), "account-summary.png");
  bourse_account_manager_set_page (t->window->account_manager, "positions");
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "main-window.png");
}


/* The working take-profit (limit) or stop-loss (stop) leg of an order. */
static BourseOrder *
find_order_leg (Terminal        *t,
                const char      *order_id,
                BourseOrderType  type)
{
  GListModel *orders = bourse_broker_store_get_orders (bourse_test_store (t));
  guint n = g_list_model_get_n_items (orders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (bourse_order_get_parent_id (order), order_id) == 0 &&
          bourse_order_get_parent_type (order) == BOURSE_PARENT_TYPE_ORDER &&
          bourse_order_get_order_type (order) == type &&
          !bourse_order_status_is_final (bourse_order_get_status (order)))
        return order;
    }
  return NULL;
}

typedef struct
{
  guint  n;
  char  *id;
  double price;
} DroppedLine;

static void
price_line_moved_cb (BourseChartView *view,
                     const char      *id,
                     double           price,
                     DroppedLine     *dropped)
{
  dropped->n++;
  g_free (dropped->id);
  dropped->id = g_strdup (id);
  dropped->price = price;
}

/* Drags the price line @line_id with the real pointer from where it is drawn
 * (at @from) to where @to is drawn, on a price scale fixed around both (as a
 * trader sets it by dragging the axis), and returns the price the view
 * dropped it at: within half a pixel of @to. */
static double
drag_price_line (Terminal   *t,
                 const char *line_id,
                 double      from,
                 double      to)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  double tick = bourse_instrument_get_min_tick (eurusd (t));
  double low = MIN (from, to), high = MAX (from, to);
  double x, y_from, y_to, per_pixel;
  DroppedLine dropped = { 0 };
  BourseChartPaneGeometry g;
  gulong id;

  /* real input is the point here: no xdotool is a failure, not a skip */
  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE,
                                     low - (high - low), high + (high - low));
  bourse_test_wait_for_frame (view);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view)),
                                                          BOURSE_CHART_MAIN_PANE, &g));
  y_from = g.y + bourse_chart_pane_geometry_price_to_y (&g, from);
  y_to = g.y + bourse_chart_pane_geometry_price_to_y (&g, to);
  per_pixel = fabs (bourse_chart_pane_geometry_y_to_price (&g, 0) - bourse_chart_pane_geometry_y_to_price (&g, 1));
  g_assert_cmpfloat (fabs (y_to - y_from), >, 20);
  /* right of the line's label and its close box (drawn from the left edge
   * of the plot), left of the axis' "+" */
  x = g.x + g.width * 0.6;

  id = g_signal_connect (view, "price-line-moved", G_CALLBACK (price_line_moved_cb), &dropped);
  bourse_test_pointer_drag (view, x, y_from, x, y_to);
  WAIT_UNTIL (dropped.n >= 1, 15);
  g_signal_handler_disconnect (view, id);
  g_assert_cmpuint (dropped.n, ==, 1);
  g_assert_cmpstr (dropped.id, ==, line_id);
  g_test_message ("dragged %s from %.5f to %.5f (aimed at %.5f, %.7f per px)", line_id, from, dropped.price, to, per_pixel);
  g_assert_cmpfloat (fabs (dropped.price - to), <=, per_pixel / 2 + tick / 2 + 1e-12);
  g_free (dropped.id);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
  return dropped.price;
}

/* Clicks the ✕ of the price line @line_id with the real pointer: the box is
 * found along the line with the renderer's own hit test. */
static void
click_price_line_close (Terminal   *t,
                        const char *line_id)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  const BoursePriceLine *line = bourse_chart_get_price_line (t->window->chart, line_id);
  double price, first = NAN, last = NAN, y;
  BourseChartPaneGeometry g;

  g_assert_nonnull (line);
  price = line->price;
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE, price * 0.999, price * 1.001);
  bourse_test_wait_for_frame (view);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, price);
  for (double x = g.x; x < g.x + g.width; x++)
    {
      BourseChartHit hit;

      bourse_chart_renderer_hit_test (renderer, x, y, &hit);
      if (hit.kind == BOURSE_CHART_HIT_PRICE_LINE_CLOSE && g_strcmp0 (hit.price_line_id, line_id) == 0)
        {
          if (isnan (first))
            first = x;
          last = x;
        }
    }
  g_assert_false (isnan (first));
  bourse_test_pointer_click (view, (first + last) / 2, y);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
}

static void
test_drag_limit_order_line (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD");
  double tick = bourse_instrument_get_min_tick (eurusd (t));
  double price, new_price, take_profit;
  BourseOrder *order;
  g_autofree char *order_id = NULL;
  g_autofree char *line_id = NULL;
  g_autofree char *put_prefix = NULL;
  guint toasts;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_assert_nonnull (quote);

  /* "+" on the price axis → Buy Limit at that price, through the ticket. */
  price = bourse_round_to_tick (bourse_quote_get_bid (quote) - 200 * tick, tick);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "prepare-order",
                                  g_variant_new ("(ssd)", "buy", "limit", price));
  g_assert_cmpint (bourse_order_ticket_get_order_type (t->window->order_ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
  bourse_order_ticket_set_qty (t->window->order_ticket, 5000);
  /* with a take profit 150 ticks above: dragging the order must keep it */
  bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_TICKS, 150, NAN);
  g_assert_true (bourse_order_ticket_get_valid (t->window->order_ticket));
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL, 30);
  order_id = g_strdup (bourse_order_get_id (order));
  bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_PRICE, NAN, NAN);
  WAIT_UNTIL (find_order_leg (t, order_id, BOURSE_ORDER_TYPE_LIMIT) != NULL, 15);
  take_profit = bourse_order_get_limit_price (find_order_leg (t, order_id, BOURSE_ORDER_TYPE_LIMIT));
  g_assert_cmpfloat_with_epsilon (take_profit, price + 150 * tick, tick / 2);

  /* Its line is on the chart, draggable and closable. */
  line_id = g_strconcat ("order:", order_id, NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);
  g_assert_true (bourse_chart_get_price_line (t->window->chart, line_id)->flags & BOURSE_PRICE_LINE_DRAGGABLE);
  WAIT_UNTIL (bourse_test_n_rows (bourse_account_manager_get_orders_view (t->window->account_manager)) >= 1, 15);

  /* The pointer presses on the line, drags it 50 ticks down and lets go. */
  toasts = bourse_window_get_n_toasts (t->window);
  new_price = drag_price_line (t, line_id, price, bourse_round_to_tick (price - 50 * tick, tick));
  g_assert_cmpfloat (new_price, <, price);
  put_prefix = g_strdup_printf ("/accounts/D1/orders/%s", order_id);
  WAIT_UNTIL (bourse_test_count_requests (t, "PUT", put_prefix) == 1, 30);
  WAIT_UNTIL ((order = bourse_broker_store_lookup_order (bourse_test_store (t), order_id)) != NULL &&
              fabs (bourse_order_get_limit_price (order) - new_price) < tick / 2, 30);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "modified"), 15);
  WAIT_UNTIL (fabs (bourse_chart_get_price_line (t->window->chart, line_id)->price - new_price) < tick / 2, 15);
  /* the take profit stayed where it was */
  g_assert_nonnull (find_order_leg (t, order_id, BOURSE_ORDER_TYPE_LIMIT));
  g_assert_cmpfloat_with_epsilon (bourse_order_get_limit_price (find_order_leg (t, order_id, BOURSE_ORDER_TYPE_LIMIT)),
                                  take_profit, tick / 2);

  bourse_account_manager_set_page (t->window->account_manager, "orders");
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "orders-and-lines.png");
  bourse_settings_set_color_scheme (bourse_application_get_settings (t->app), BOURSE_COLOR_SCHEME_DARK);
  WAIT_UNTIL (adw_style_manager_get_dark (adw_style_manager_get_default ()), 15);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "main-window-dark.png");
  bourse_settings_set_color_scheme (bourse_application_get_settings (t->app), BOURSE_COLOR_SCHEME_LIGHT);
  WAIT_UNTIL (!adw_style_manager_get_dark (adw_style_manager_get_default ()), 15);

  /* The pencil on the Orders row: a new quantity reaches the broker. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "modify-order", g_variant_new_string (order_id));
  {
    AdwMessageDialog *dialog;

    WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (bourse_test_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                                                 GTK_TYPE_SPIN_BUTTON, 0)), 7000);
    adw_message_dialog_response (dialog, "modify");
    gtk_window_close (GTK_WINDOW (dialog));
  }
  WAIT_UNTIL ((order = bourse_broker_store_lookup_order (bourse_test_store (t), order_id)) != NULL &&
              bourse_order_get_qty (order) == 7000, 30);
  g_assert_cmpfloat_with_epsilon (bourse_order_get_limit_price (order), new_price, tick / 2);
  g_assert_nonnull (find_order_leg (t, order_id, BOURSE_ORDER_TYPE_LIMIT));

  /* A click on the line's ✕ cancels the order. */
  click_price_line_close (t, line_id);
  WAIT_UNTIL (bourse_broker_store_lookup_order (bourse_test_store (t), order_id) == NULL ||
              bourse_order_get_status (bourse_broker_store_lookup_order (bourse_test_store (t), order_id)) == BOURSE_ORDER_STATUS_CANCELLED, 30);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) == NULL, 15);
}

static BourseOrder *
find_bracket (Terminal        *t,
              const char      *position_id,
              BourseOrderType  type)
{
  GListModel *orders = bourse_broker_store_get_orders (bourse_test_store (t));
  guint n = g_list_model_get_n_items (orders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (bourse_order_get_parent_id (order), position_id) == 0 &&
          bourse_order_get_parent_type (order) == BOURSE_PARENT_TYPE_POSITION &&
          bourse_order_get_order_type (order) == type &&
          !bourse_order_status_is_final (bourse_order_get_status (order)))
        return order;
    }
  return NULL;
}


static void
test_position_brackets (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BoursePosition *position;
  AdwMessageDialog *dialog;
  GtkWidget *grid;
  BourseOrder *take_profit, *stop_loss;
  g_autofree char *position_id = NULL;
  g_autofree char *tp_line = NULL;
  double tick = bourse_instrument_get_min_tick (eurusd (t));
  double avg, new_tp;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  position = bourse_test_find_position (t, "EURUSD");
  g_assert_nonnull (position);
  position_id = g_strdup (bourse_position_get_id (position));
  avg = bourse_position_get_avg_price (position);

  /* The pencil on the position's row: take profit and stop loss. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "edit-brackets", g_variant_new_string (position_id));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  grid = adw_message_dialog_get_extra_child (dialog);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bourse_test_find_descendant (grid, GTK_TYPE_CHECK_BUTTON, 0)), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bourse_test_find_descendant (grid, GTK_TYPE_SPIN_BUTTON, 0)),
                             bourse_round_to_tick (avg + 300 * tick, tick));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bourse_test_find_descendant (grid, GTK_TYPE_CHECK_BUTTON, 1)), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bourse_test_find_descendant (grid, GTK_TYPE_SPIN_BUTTON, 1)),
                             bourse_round_to_tick (avg - 300 * tick, tick));
  /* What a click on the button does: respond, then close. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));

  /* The broker makes them child orders of the position; the chart draws both. */
  WAIT_UNTIL ((take_profit = find_bracket (t, position_id, BOURSE_ORDER_TYPE_LIMIT)) != NULL &&
              (stop_loss = find_bracket (t, position_id, BOURSE_ORDER_TYPE_STOP)) != NULL, 30);
  tp_line = g_strconcat ("order:", bourse_order_get_id (take_profit), NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, tp_line) != NULL, 15);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "position-brackets.png");

  /* Dragging the take-profit line moves the position's bracket at the broker. */
  new_tp = drag_price_line (t, tp_line, bourse_order_get_limit_price (take_profit),
                           bourse_round_to_tick (avg + 500 * tick, tick));
  WAIT_UNTIL ((take_profit = find_bracket (t, position_id, BOURSE_ORDER_TYPE_LIMIT)) != NULL &&
              fabs (bourse_order_get_limit_price (take_profit) - new_tp) < tick / 2, 30);
  /* The stop loss stayed where it was. */
  stop_loss = find_bracket (t, position_id, BOURSE_ORDER_TYPE_STOP);
  g_assert_nonnull (stop_loss);
  g_assert_cmpfloat_with_epsilon (bourse_order_get_stop_price (stop_loss), bourse_round_to_tick (avg - 300 * tick, tick), tick / 2);
}

static void
test_broker_rejection_shown (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseInstrument *btc;
  BourseQuote *quote;
  guint toasts;
  double qty;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  _bourse_window_set_symbol (t->window, "BTCUSD");
  WAIT_UNTIL ((btc = bourse_order_ticket_get_instrument (t->window->order_ticket)) != NULL &&
              g_str_equal (bourse_instrument_get_name (btc), "BTCUSD"), 15);
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "BTCUSD")) != NULL && bourse_quote_get_ask (quote) > 0, 30);

  /* Far more than a 100 000 USD account can carry, yet within the instrument's limits. */
  qty = bourse_instrument_get_max_qty (btc);
  g_assert_cmpfloat (qty * bourse_quote_get_ask (quote) * MAX (bourse_instrument_get_margin_rate (btc), 0.01), >, 200000);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_qty (t->window->order_ticket, qty);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);

  toasts = bourse_window_get_n_toasts (t->window);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "margin"), 15);
  g_test_message ("ticket says: %s", bourse_order_ticket_get_status_text (t->window->order_ticket));
  g_assert_nonnull (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "Rejected by the broker"));
  g_assert_null (bourse_test_find_position (t, "BTCUSD"));
  bourse_test_save_screenshot (GTK_WIDGET (t->window->order_ticket), "ticket-rejected.png");

  _bourse_window_set_symbol (t->window, "EURUSD");
}

static void
test_confirmation_and_cancel_all (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD");
  double tick = bourse_instrument_get_min_tick (eurusd (t));
  AdwMessageDialog *dialog;
  guint posts, toasts;
  double price;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), TRUE);
  g_assert_true (bourse_order_ticket_get_confirm (t->window->order_ticket));

  price = bourse_round_to_tick (bourse_quote_get_bid (quote) - 400 * tick, tick);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "prepare-order",
                                  g_variant_new ("(ssd)", "buy", "limit", price));
  bourse_order_ticket_set_qty (t->window->order_ticket, 1000);
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");

  /* Cancelling the confirmation sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at limit"));
  adw_message_dialog_response (dialog, "cancel");
  /* The answer was handled in ::response: had it sent, the ticket would be
   * busy now (it is set busy before the request goes out). */
  g_assert_false (bourse_order_ticket_get_busy (t->window->order_ticket));
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
  bourse_test_wait_idle ();
  g_assert_false (bourse_order_ticket_get_busy (t->window->order_ticket));
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts);

  /* Confirming places it. */
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  adw_message_dialog_response (dialog, "place");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (bourse_test_find_working_limit (t, price, tick) != NULL, 30);
  /* The orders stream may show the order before the POST's answer is read. */
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 1);
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), FALSE);

  /* Good-till-time: the date must be in the future; the order carries it. */
  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    double gtt_price = bourse_round_to_tick (price - 100 * tick, tick);
    BourseOrder *gtt;
    JsonNode *duration;

    bourse_order_ticket_set_limit_price (t->window->order_ticket, gtt_price);
    g_assert_true (bourse_order_ticket_set_duration (t->window->order_ticket, "GTT", now - 3600));
    g_assert_false (bourse_order_ticket_get_valid (t->window->order_ticket));
    g_assert_nonnull (bourse_order_ticket_get_field_error (t->window->order_ticket, BOURSE_ORDER_FIELD_EXPIRY));
    g_assert_true (bourse_order_ticket_set_duration (t->window->order_ticket, "GTT", now + 2 * 86400));
    g_assert_true (bourse_order_ticket_get_valid (t->window->order_ticket));
    g_assert_false (bourse_order_ticket_set_duration (t->window->order_ticket, "NO-SUCH", 0));
    bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), FALSE);
    gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
    WAIT_UNTIL ((gtt = bourse_test_find_working_limit (t, gtt_price, tick)) != NULL, 30);
    duration = bourse_order_get_duration (gtt);
    g_assert_nonnull (duration);
    g_assert_cmpstr (json_object_get_string_member_with_default (json_node_get_object (duration), "type", ""), ==, "GTT");
    g_assert_true (bourse_order_ticket_set_duration (t->window->order_ticket, "DAY", 0));
  }

  /* Ctrl+Shift+X: every working order goes. */
  toasts = bourse_window_get_n_toasts (t->window);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "cancel-all", NULL);
  g_assert_true (bourse_test_toast_seen (t, toasts, "Cancelling 2 orders"));
  WAIT_UNTIL (bourse_test_find_working_limit (t, price, tick) == NULL &&
              bourse_test_find_working_limit (t, bourse_round_to_tick (price - 100 * tick, tick), tick) == NULL, 30);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
}

static void
test_close_position (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BoursePosition *position;
  g_autofree char *position_id = NULL;
  g_autofree char *line_id = NULL;
  guint toasts;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  position = bourse_test_find_position (t, "EURUSD");
  g_assert_nonnull (position);
  position_id = g_strdup (bourse_position_get_id (position));
  line_id = g_strconcat ("position:", position_id, NULL);

  /* The row's ⇄ button reverses it (natively at the demo broker). */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "reverse-position", g_variant_new_string (position_id));
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL && bourse_position_get_side (position) == BOURSE_SIDE_SELL, 30);
  g_assert_cmpfloat (bourse_position_get_qty (position), ==, 10000);
  g_free (position_id);
  position_id = g_strdup (bourse_position_get_id (position));
  g_free (line_id);
  line_id = g_strconcat ("position:", position_id, NULL);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);

  /* The row's ✕ button activates win.close-position with the position id. */
  toasts = bourse_window_get_n_toasts (t->window);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "close-position", g_variant_new_string (position_id));
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "closed") || bourse_test_toast_seen (t, toasts, "Filled"), 15);
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) == NULL, 15);
  WAIT_UNTIL (bourse_test_n_rows (bourse_account_manager_get_positions_view (t->window->account_manager)) == 0, 15);
  /* Its brackets went with it. */
  WAIT_UNTIL (find_bracket (t, position_id, BOURSE_ORDER_TYPE_LIMIT) == NULL &&
              find_bracket (t, position_id, BOURSE_ORDER_TYPE_STOP) == NULL, 30);
}


typedef struct
{
  guint      n_posts;
  char      *last_body;
  char      *last_content_type;
} HookReceiver;

static void
hook_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  HookReceiver *receiver = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  receiver->n_posts++;
  g_free (receiver->last_body);
  receiver->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (receiver->last_content_type);
  receiver->last_content_type = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                        "Content-Type"));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
test_price_alert (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseAlertManager *manager = bourse_application_get_alert_manager (t->app);
  GListModel *alerts = bourse_alert_manager_get_alerts (manager);
  GListModel *log = bourse_alert_manager_get_log (manager);
  AdwMessageDialog *dialog;
  GtkWidget *grid;
  g_autoptr(BourseAlert) alert = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *hook_url = NULL;
  HookReceiver receiver = { 0 };
  const char *warnings;
  guint toasts;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 0);

  /* A webhook receiver on loopback, port chosen by the kernel. */
  soup_server_add_handler (server, "/hook", hook_cb, &receiver, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  hook_url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* "Alert at…" from the chart's "+" menu opens the editor prefilled. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-alert-at", g_variant_new_double (0.5));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  grid = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (bourse_test_find_named (grid, "value"))), ==, 0.5);
  /* the fields a condition does not use are off */
  g_assert_false (gtk_widget_get_sensitive (bourse_test_find_named (grid, "bars")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "condition")), 9);   /* Moving Up */
  g_assert_true (gtk_widget_get_sensitive (bourse_test_find_named (grid, "bars")));
  /* EURUSD is always above 0.5: "Greater Than" fires on the next quote. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "condition")), 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "expiry")), 2);      /* in 1 day */

  /* A ready-made template fills the message; the URL gets TradingView's
   * warnings: a port other than 80/443 would be refused there. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "template")), 1);
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (bourse_test_find_named (grid, "message"))), "{{ticker}}"));
  g_assert_false (gtk_widget_get_visible (bourse_test_find_named (grid, "warnings")));
  gtk_editable_set_text (GTK_EDITABLE (bourse_test_find_named (grid, "webhook")), hook_url);
  g_assert_true (gtk_widget_get_visible (bourse_test_find_named (grid, "warnings")));
  warnings = gtk_label_get_text (GTK_LABEL (bourse_test_find_named (grid, "warnings")));
  g_test_message ("editor warns: %s", warnings);
  g_assert_nonnull (strstr (warnings, "port"));
  bourse_test_save_screenshot (GTK_WIDGET (dialog), "alert-editor.png");

  toasts = bourse_window_get_n_toasts (t->window);
  adw_message_dialog_response (dialog, "create");
  gtk_window_close (GTK_WINDOW (dialog));

  WAIT_UNTIL (g_list_model_get_n_items (alerts) == 1, 15);
  alert = g_list_model_get_item (alerts, 0);
  g_assert_cmpstr (bourse_alert_get_symbol (alert), ==, "EURUSD");
  g_assert_cmpint (bourse_alert_get_condition (alert), ==, BOURSE_ALERT_GREATER_THAN);
  g_assert_cmpint (bourse_alert_get_expires (alert), >, g_get_real_time () / G_USEC_PER_SEC + 86000);
  g_assert_cmpstr (bourse_alert_get_webhook_url (alert), ==, hook_url);
  _bourse_window_show_panel (t->window, "alerts");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (t->window->alerts_panel)), 15);
  WAIT_UNTIL (bourse_test_n_rows (bourse_alerts_panel_get_alerts_view (t->window->alerts_panel)) == 1, 15);

  /* Fed from the live quotes, it fires once, is logged and toasted. */
  WAIT_UNTIL (g_list_model_get_n_items (log) >= 1, 40);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Alert EURUSD"), 15);
  g_assert_cmpint (bourse_alert_get_state (alert), ==, BOURSE_ALERT_STATE_TRIGGERED);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "alerts.png");

  /* The webhook reached the receiver as JSON, and the log says so. */
  WAIT_UNTIL (receiver.n_posts == 1, 15);
  g_test_message ("webhook body: %s (%s)", receiver.last_body, receiver.last_content_type);
  g_assert_nonnull (strstr (receiver.last_body, "EURUSD"));
  g_assert_true (g_str_has_prefix (receiver.last_content_type, "application/json"));
  {
    g_autoptr(BourseAlertEvent) event = g_list_model_get_item (log, 0);

    WAIT_UNTIL (bourse_alert_event_get_delivery (event) != NULL &&
                bourse_webhook_delivery_get_status (bourse_alert_event_get_delivery (event)) == 200, 15);
    g_assert_true (bourse_webhook_delivery_get_succeeded (bourse_alert_event_get_delivery (event)));

    /* the log's resend button sends it again */
    toasts = bourse_window_get_n_toasts (t->window);
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "resend-alert",
                                    g_variant_new_string (bourse_alert_event_get_fire_id (event)));
    g_assert_true (bourse_test_toast_seen (t, toasts, "sent again"));
    WAIT_UNTIL (receiver.n_posts == 2, 15);
  }
  g_free (receiver.last_body);
  g_free (receiver.last_content_type);

  /* Resume re-arms it, remove drops it. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "toggle-alert", g_variant_new_string (bourse_alert_get_id (alert)));
  g_assert_cmpint (bourse_alert_get_state (alert), ==, BOURSE_ALERT_STATE_ACTIVE);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "toggle-alert", g_variant_new_string (bourse_alert_get_id (alert)));
  g_assert_cmpint (bourse_alert_get_state (alert), ==, BOURSE_ALERT_STATE_PAUSED);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "remove-alert", g_variant_new_string (bourse_alert_get_id (alert)));
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, 0);
  bourse_account_manager_set_page (t->window->account_manager, "positions");
  _bourse_window_show_panel (t->window, "trading");
}

/* "Export Chart Data" writes what `bourse-cli indicators` writes for the
 * same bars and studies (@ids): compared with the CLI on the bars saved right
 * after (all but the forming bars, which move with the quotes). */
static void
assert_export_matches_cli (Terminal  *t,
                           GPtrArray *ids)
{
  g_autofree char *exported = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export.csv", NULL);
  g_autofree char *bars_csv = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "export-bars.csv", NULL);
  g_autofree char *exported_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *cli_err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exported_lines = NULL;
  g_auto(GStrv) cli_lines = NULL;
  int status = -1;
  guint n_compared;
  guint toasts;

  g_unlink (exported);
  toasts = bourse_window_get_n_toasts (t->window);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "export-chart-data-to", g_variant_new_string (exported));
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "exported"), 15);
  g_assert_true (bourse_bars_save_csv (bourse_chart_get_bars (t->window->chart), bars_csv, &error));
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) g_getenv ("BOURSE_CLI"));
  g_ptr_array_add (argv, "indicators");
  g_ptr_array_add (argv, "--bars");
  g_ptr_array_add (argv, bars_csv);
  for (guint i = 0; i < ids->len; i++)
    {
      g_ptr_array_add (argv, "--study");
      g_ptr_array_add (argv, (char *) bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies,
                                                                                                       g_ptr_array_index (ids, i))));
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &cli_text, &cli_err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_true (g_file_get_contents (exported, &exported_text, NULL, &error));
  exported_lines = g_strsplit (exported_text, "\n", -1);
  cli_lines = g_strsplit (cli_text, "\n", -1);
  g_test_message ("export header: %s", exported_lines[0]);
  g_assert_true (g_str_has_prefix (exported_lines[0], "time,open,high,low,close,volume,"));
  g_assert_nonnull (strstr (exported_lines[0], "sma_50"));
  g_assert_cmpuint (g_strv_length (exported_lines), >, 60);
  n_compared = MIN (g_strv_length (exported_lines), g_strv_length (cli_lines)) - 3;
  for (guint i = 0; i < n_compared; i++)
    g_assert_cmpstr (exported_lines[i], ==, cli_lines[i]);
  /* the bars in the file are the chart's (the last ones may have ticked since) */
  {
    BourseBars *bars = bourse_chart_get_bars (t->window->chart);

    for (guint i = 1; i < n_compared; i++)
      {
        g_auto(GStrv) cells = g_strsplit (exported_lines[i], ",", 7);

        g_assert_cmpuint (g_strv_length (cells), ==, 7);
        g_assert_cmpint (g_ascii_strtoll (cells[0], NULL, 10), ==, bars->time[i - 1]);
        g_assert_cmpfloat (fabs (g_ascii_strtod (cells[1], NULL) - bars->open[i - 1]), <=, 1e-9 * bars->open[i - 1]);
        g_assert_cmpfloat (fabs (g_ascii_strtod (cells[2], NULL) - bars->high[i - 1]), <=, 1e-9 * bars->high[i - 1]);
        g_assert_cmpfloat (fabs (g_ascii_strtod (cells[3], NULL) - bars->low[i - 1]), <=, 1e-9 * bars->low[i - 1]);
        g_assert_cmpfloat (fabs (g_ascii_strtod (cells[4], NULL) - bars->close[i - 1]), <=, 1e-9 * bars->close[i - 1]);
        g_assert_cmpfloat (g_ascii_strtod (cells[3], NULL), <=, g_ascii_strtod (cells[2], NULL));
      }
  }
}

/* The settings of the SMA 50 (@sma): a new length, kept in @settings; a bad
 * one is refused in the form itself (reason shown, Apply disabled). */
static void
edit_sma_length (Terminal       *t,
                 BourseSettings *settings,
                 const char     *sma)
{
  AdwMessageDialog *dialog;
  GtkWidget *length, *error_label;
  g_auto(GStrv) saved = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "edit-indicator",
                                  g_variant_new_string (sma));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  length = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "input-0");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (length)), ==, 50);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (length), 20);
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies, sma)),
                   ==, "sma:20");
  saved = bourse_settings_dup_chart_indicators (settings);
  g_assert_cmpstr (saved[0], ==, "sma:20");
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "edit-indicator",
                                  g_variant_new_string (sma));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  length = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "input-0");
  error_label = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "error");
  /* a length of 0, typed (the field only takes digits) */
  gtk_editable_set_text (GTK_EDITABLE (length), "0");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Length must be between 1 and"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  /* even a forced Apply changes nothing */
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies, sma)),
                   ==, "sma:20");
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
}

static void
test_indicators_and_drawing_tools (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseSettings *settings = bourse_application_get_settings (t->app);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GArray) panes = NULL;
  g_auto(GStrv) saved = NULL;
  g_autoptr(GVariant) tool = NULL;
  guint toasts;

  WAIT_UNTIL (bourse_test_is_live (t), 40);

  /* From the Indicators menu: an overlay and a study in its own pane. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-indicator", g_variant_new_string ("sma:50"));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-indicator", g_variant_new_string ("rsi"));
  ids = bourse_chart_studies_list (t->window->studies);
  g_assert_cmpuint (ids->len, ==, 2);
  panes = bourse_chart_get_pane_ids (t->window->chart);
  g_assert_cmpuint (panes->len, >=, 2);
  saved = bourse_settings_dup_chart_indicators (settings);
  g_assert_cmpuint (g_strv_length (saved), ==, 2);
  g_assert_cmpstr (saved[0], ==, "sma:50");

  /* A bad spec is refused with a message, nothing added. */
  toasts = bourse_window_get_n_toasts (t->window);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-indicator", g_variant_new_string ("nosuchstudy:3"));
  g_assert_true (bourse_test_toast_seen (t, toasts, "Indicator not added"));
  g_ptr_array_unref (ids);
  ids = bourse_chart_studies_list (t->window->studies);
  g_assert_cmpuint (ids->len, ==, 2);

  /* Drawing tools are a stateful action the menu shows as radio items. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));
  tool = g_action_group_get_action_state (G_ACTION_GROUP (t->window), "set-drawing-tool");
  g_assert_cmpstr (g_variant_get_string (tool, NULL), ==, "trend-line");
  g_assert_cmpuint (bourse_drawing_layer_get_tool (t->window->drawing_layer), ==, BOURSE_DRAWING_TREND_LINE);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("none"));
  g_assert_cmpuint (bourse_drawing_layer_get_tool (t->window->drawing_layer), ==, BOURSE_DRAWING_LAYER_NO_TOOL);

  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 60, 30);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "indicators.png");

  assert_export_matches_cli (t, ids);

  edit_sma_length (t, settings, g_ptr_array_index (ids, 0));

  /* Removing the RSI takes its pane away again. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "remove-indicator",
                                  g_variant_new_string (g_ptr_array_index (ids, 1)));
  g_ptr_array_unref (ids);
  ids = bourse_chart_studies_list (t->window->studies);
  g_assert_cmpuint (ids->len, ==, 1);
  g_strfreev (saved);
  saved = bourse_settings_dup_chart_indicators (settings);
  g_assert_cmpuint (g_strv_length (saved), ==, 1);
}

/* Drawings in the saved file of @symbol (0 while it cannot be read). */
static guint
n_saved_drawings (Terminal   *t,
                  const char *symbol)
{
  g_autoptr(GListStore) saved = bourse_drawing_store_load (t->window->drawing_store, symbol, NULL);

  return saved ? g_list_model_get_n_items (G_LIST_MODEL (saved)) : 0;
}

static void
test_draw_trend_line_with_pointer (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view = GTK_WIDGET (t->window->chart_view);
  GListStore *drawings;
  g_autoptr(BourseDrawing) line = NULL;
  BourseDrawingPoint a, b;
  double w, h;
  guint before;

  if (!bourse_test_require_xdotool (view))
    return;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 60, 30);
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  gtk_test_widget_wait_for_draw (view);

  drawings = bourse_drawing_layer_get_drawings (t->window->drawing_layer);
  before = g_list_model_get_n_items (G_LIST_MODEL (drawings));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("trend-line"));

  /* Press low on the left, release higher on the right, in the price pane. */
  w = gtk_widget_get_width (view);
  h = gtk_widget_get_height (view);
  bourse_test_pointer_drag (view, w * 0.25, h * 0.45, w * 0.60, h * 0.25);

  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (drawings)) == before + 1, 10);
  line = g_list_model_get_item (G_LIST_MODEL (drawings), before);
  g_assert_cmpint (bourse_drawing_get_kind (line), ==, BOURSE_DRAWING_TREND_LINE);
  g_assert_cmpuint (bourse_drawing_get_n_points (line), ==, 2);
  a = bourse_drawing_get_point (line, 0);
  b = bourse_drawing_get_point (line, 1);
  /* the line follows the pointer: later and higher at the release */
  g_assert_cmpint (b.time, >, a.time);
  g_assert_cmpfloat (b.price, >, a.price);
  bourse_test_save_screenshot (view, "trend-line.png");

  /* Without a tool, pressing on the line's middle and dragging moves it:
   * both anchors go down by the same price, the times stay. */
  g_assert_cmpuint (bourse_drawing_layer_get_tool (t->window->drawing_layer), ==, BOURSE_DRAWING_LAYER_NO_TOOL);
  {
    BourseDrawingPoint moved_a, moved_b;

    /* the anchors sit on bar times, within half a bar of where the pointer was */
    bourse_test_pointer_drag (view, w * 0.425, h * 0.35, w * 0.425, h * 0.35 + 40);
    WAIT_UNTIL (bourse_drawing_get_point (line, 0).price < a.price, 10);
    moved_a = bourse_drawing_get_point (line, 0);
    moved_b = bourse_drawing_get_point (line, 1);
    g_assert_cmpint (moved_a.time, ==, a.time);
    g_assert_cmpint (moved_b.time, ==, b.time);
    g_assert_cmpfloat_with_epsilon (a.price - moved_a.price, b.price - moved_b.price, 1e-9);
    a = moved_a;
  }

  /* The alert editor offers the line as a target: "price crossing the line". */
  {
    BourseAlertManager *manager = bourse_application_get_alert_manager (t->app);
    GListModel *alerts = bourse_alert_manager_get_alerts (manager);
    guint n_alerts = g_list_model_get_n_items (alerts);
    g_autoptr(BourseAlert) alert = NULL;
    AdwMessageDialog *dialog;
    GtkWidget *grid;
    GtkDropDown *target;

    g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-alert", NULL);
    WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
    grid = adw_message_dialog_get_extra_child (dialog);
    target = GTK_DROP_DOWN (bourse_test_find_named (grid, "target"));
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (target)), ==, before + 2);
    gtk_drop_down_set_selected (target, before + 1);
    g_assert_false (gtk_widget_get_sensitive (bourse_test_find_named (grid, "value")));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "condition")), 0);   /* Crossing */
    adw_message_dialog_response (dialog, "create");
    gtk_window_close (GTK_WINDOW (dialog));
    WAIT_UNTIL (g_list_model_get_n_items (alerts) == n_alerts + 1, 15);
    alert = g_list_model_get_item (alerts, n_alerts);
    g_assert_nonnull (bourse_alert_get_drawing (alert));
    g_assert_cmpint (bourse_drawing_get_kind (bourse_alert_get_drawing (alert)), ==, BOURSE_DRAWING_TREND_LINE);
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "remove-alert", g_variant_new_string (bourse_alert_get_id (alert)));
    g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, n_alerts);
    WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
  }

  /* Kept per symbol: the saved file has it once the debounced save ran. */
  WAIT_UNTIL (t->window->chart_pane->save_drawings_id == 0, 10);
  /* the write itself is asynchronous: wait for the file to hold it */
  WAIT_UNTIL (n_saved_drawings (t, "EURUSD") == before + 1, 15);

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-drawing-tool", g_variant_new_string ("none"));
}


/* A trader who looks away still hears of fills and rejections: with the
 * window hidden they come as desktop notifications. */
static void
test_notifications_on_fills_and_rejections (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseInstrument *btc;
  guint sent, seen;
  BoursePosition *position;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  if (!t->notifications_owned)
    {
      g_test_skip ("needs a session bus");
      return;
    }
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);

  gtk_widget_set_visible (GTK_WIDGET (t->window), FALSE);
  sent = bourse_application_get_n_notifications (t->app);
  seen = t->notified->len;

  /* a fill */
  _bourse_window_set_symbol (t->window, "EURUSD");
  WAIT_UNTIL (bourse_order_ticket_get_instrument (t->window->order_ticket) != NULL &&
              g_str_equal (bourse_instrument_get_name (bourse_order_ticket_get_instrument (t->window->order_ticket)), "EURUSD"), 15);
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 1000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL (bourse_test_notified (t, seen, "Order filled\nFilled: Buy 1000 EURUSD @ "), 30);
  g_assert_cmpuint (bourse_application_get_n_notifications (t->app), >, sent);
  /* the fill can come through the stream before the POST's answer */
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);

  /* a rejection, with the broker's reason */
  _bourse_window_set_symbol (t->window, "BTCUSD");
  WAIT_UNTIL ((btc = bourse_order_ticket_get_instrument (t->window->order_ticket)) != NULL &&
              g_str_equal (bourse_instrument_get_name (btc), "BTCUSD"), 15);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, bourse_instrument_get_max_qty (btc));
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL (bourse_test_notified (t, seen, "Order rejected\n"), 30);
  g_assert_true (bourse_test_notified (t, seen, "margin"));

  gtk_window_present (GTK_WINDOW (t->window));
  _bourse_window_set_symbol (t->window, "EURUSD");
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  gtk_widget_activate_action (GTK_WIDGET (t->window), "win.close-position", "s", bourse_position_get_id (position));
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
}


/* The price axis' top corner of the chart as painted on screen. */
static guint32
chart_corner_pixel (Terminal *t)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  g_autoptr(GdkTexture) texture = bourse_test_render_widget (view);

  /* not the time axis' corner: the chart's last pane separator runs a pixel
   * or two above the bottom edge, where depends on the chart's height */
  guint32 pixel = bourse_test_texture_pixel (texture, gdk_texture_get_width (texture) - 2, 2);

  g_test_message ("chart corner: #%06x", pixel);
  return pixel;
}

/* Every channel of @pixel at most 0x40 (dark) or at least 0xe0 (light): the
 * app may tint the chart's background to the window's, but never across. */
static gboolean
is_dark_pixel (guint32 pixel)
{
  return ((pixel >> 16) & 0xff) <= 0x40 && ((pixel >> 8) & 0xff) <= 0x40 && (pixel & 0xff) <= 0x40;
}

static gboolean
is_light_pixel (guint32 pixel)
{
  return ((pixel >> 16) & 0xff) >= 0xe0 && ((pixel >> 8) & 0xff) >= 0xe0 && (pixel & 0xff) >= 0xe0;
}

/* "The dark style follows the system": the desktop's preference comes
 * through the settings portal, which AdwStyleManager asks first; the chart
 * must repaint in the matching theme. */
static void
test_dark_style (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseSettings *settings = bourse_application_get_settings (t->app);
  AdwStyleManager *style = adw_style_manager_get_default ();

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  if (t->settings_portal == NULL)
    {
      g_test_skip ("needs a session bus for the settings portal");
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("5"));
  /* libadwaita read the desktop's scheme from our portal at start-up */
  g_assert_cmpuint (bourse_test_settings_portal_get_n_reads (t->settings_portal), >=, 1);
  g_assert_true (adw_style_manager_get_system_supports_color_schemes (style));

  /* Preferences → Style → Follow System; the desktop has no preference: light. */
  bourse_settings_set_color_scheme (settings, BOURSE_COLOR_SCHEME_DEFAULT);
  g_assert_false (adw_style_manager_get_dark (style));
  g_assert_true (is_light_pixel (chart_corner_pixel (t)));

  /* The desktop switches to dark. */
  bourse_test_settings_portal_set_color_scheme (t->settings_portal, 1);
  WAIT_UNTIL (adw_style_manager_get_dark (style), 15);
  g_assert_cmpint (bourse_chart_get_theme (t->window->chart), ==, BOURSE_CHART_THEME_DARK);
  g_assert_true (is_dark_pixel (chart_corner_pixel (t)));
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "indicators-dark.png");

  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_LIMIT);
  bourse_order_ticket_set_brackets (t->window->order_ticket, BOURSE_BRACKET_UNIT_TICKS, 150, 80);
  bourse_test_save_screenshot (GTK_WIDGET (t->window->order_ticket), "order-ticket-dark.png");

  /* ...and back to light. */
  bourse_test_settings_portal_set_color_scheme (t->settings_portal, 2);
  WAIT_UNTIL (!adw_style_manager_get_dark (style), 15);
  g_assert_cmpint (bourse_chart_get_theme (t->window->chart), ==, BOURSE_CHART_THEME_LIGHT);
  g_assert_true (is_light_pixel (chart_corner_pixel (t)));

  /* A forced style wins over the desktop's. */
  bourse_test_settings_portal_set_color_scheme (t->settings_portal, 1);
  WAIT_UNTIL (adw_style_manager_get_dark (style), 15);
  bourse_settings_set_color_scheme (settings, BOURSE_COLOR_SCHEME_LIGHT);
  WAIT_UNTIL (!adw_style_manager_get_dark (style), 15);
  g_assert_cmpint (bourse_chart_get_theme (t->window->chart), ==, BOURSE_CHART_THEME_LIGHT);
  bourse_test_settings_portal_set_color_scheme (t->settings_portal, 0);

  /* The metainfo wants at least 624×351: the chart and the ticket together. */
  bourse_test_save_screenshot (GTK_WIDGET (t->window->sidebar_paned), "order-ticket.png");
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Terminal/starts-live", test_starts_live },
    { "/Bourse/UI/Terminal/ticket-refuses-invalid-entry", test_ticket_refuses_invalid_entry },
    { "/Bourse/UI/Terminal/market-order-to-position", test_market_order_to_position },
    { "/Bourse/UI/Terminal/drag-limit-order-line", test_drag_limit_order_line },
    { "/Bourse/UI/Terminal/position-brackets", test_position_brackets },
    { "/Bourse/UI/Terminal/confirmation-and-cancel-all", test_confirmation_and_cancel_all },
    { "/Bourse/UI/Terminal/close-position", test_close_position },
    { "/Bourse/UI/Terminal/broker-rejection-shown", test_broker_rejection_shown },
    { "/Bourse/UI/Terminal/price-alert", test_price_alert },
    { "/Bourse/UI/Terminal/indicators-and-drawing-tools", test_indicators_and_drawing_tools },
    { "/Bourse/UI/Terminal/draw-trend-line-with-pointer", test_draw_trend_line_with_pointer },
    { "/Bourse/UI/Terminal/notifications-on-fills-and-rejections", test_notifications_on_fills_and_rejections },
    { "/Bourse/UI/Terminal/dark-style", test_dark_style },
  };

  return bourse_test_terminal_main (&argc, &argv, TRUE, cases, G_N_ELEMENTS (cases));
}
