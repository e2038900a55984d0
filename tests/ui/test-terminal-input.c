/* test-terminal-input.c — README's shortcuts, symbol search and the price axis' "+", driven by real X input
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application on the in-process demo broker. Every step here is what a
 * keyboard or a mouse does to the real window (XTEST events through xdotool),
 * never an action activated from the test: Ctrl+? opens the shortcuts window,
 * Ctrl+, the Connections (preferences) window, Ctrl+Shift+I the API
 * inspector; Ctrl+K and typed letters find an instrument whose row, clicked,
 * switches the chart; a click on the "+" the price axis shows at the
 * crosshair offers a limit/stop order or an alert at that price, and the
 * entry picked prepares the ticket or the alert editor with it; the
 * watchlist's "+" adds the symbol typed and picked.
 */
#include "config.h"

#include <math.h>

#include "bourse-preferences-window.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

/* Starts each test on a mapped window with real input at hand: no xdotool
 * is a failure here, since real input is the point (no skip). */
static void
ready (Terminal *t)
{
  GtkWidget *view = bourse_test_terminal_show (t);

  bourse_test_wait_for_frame (view);
}

/* Ctrl+? shows the shortcuts window, which lists the shortcuts README names. */
static void
test_shortcuts_window (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view, *overlay;

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t->window)));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_visible (overlay));

  /* "?" is Shift+/ on the test's keyboard; xdotool adds the Shift itself. */
  bourse_test_key (view, "ctrl+question");
  WAIT_UNTIL (gtk_widget_get_visible (overlay) && gtk_widget_get_mapped (overlay), 15);
  /* the window lists README's keys, these three among them */
  g_assert_nonnull (bourse_test_find_label (overlay, "Keyboard shortcuts"));
  g_assert_nonnull (bourse_test_find_label (overlay, "Connections and preferences"));
  g_assert_nonnull (bourse_test_find_label (overlay, "Broker API inspector"));
  bourse_test_save_screenshot (overlay, "shortcuts-by-key.png");
  /* Escape closes it, as a user would */
  bourse_test_key (overlay, "Escape");
  WAIT_UNTIL (!gtk_widget_get_visible (overlay), 15);
}

/* Ctrl+, opens Connections (the preferences), over the terminal. */
static void
test_connections_window (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view;
  GtkWindow *preferences;

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  g_assert_null (bourse_test_find_toplevel (BOURSE_TYPE_PREFERENCES_WINDOW));

  bourse_test_key (view, "ctrl+comma");
  WAIT_UNTIL ((preferences = bourse_test_find_toplevel (BOURSE_TYPE_PREFERENCES_WINDOW)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (preferences)), 15);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (t->window));
  /* it is the Connections page: the demo broker is listed */
  WAIT_UNTIL (bourse_test_find_label (GTK_WIDGET (preferences), "Demo Broker") != NULL, 15);
  bourse_test_save_screenshot (GTK_WIDGET (preferences), "connections-by-key.png");
  gtk_window_destroy (preferences);
  WAIT_UNTIL (bourse_test_find_toplevel (BOURSE_TYPE_PREFERENCES_WINDOW) == NULL, 15);
}

/* Ctrl+Shift+I shows the Broker API inspector (a sidebar panel) with the
 * window's exchanges; pressed again, it folds the sidebar. */
static void
test_inspector_key (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view, *inspector;

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  inspector = GTK_WIDGET (t->window->api_inspector);
  _bourse_window_show_panel (t->window, "trading");
  WAIT_UNTIL (!gtk_widget_get_mapped (inspector), 15);

  bourse_test_key (view, "ctrl+shift+i");
  WAIT_UNTIL (g_strcmp0 (_bourse_window_get_panel (t->window), "inspector") == 0, 15);
  WAIT_UNTIL (gtk_widget_get_mapped (inspector), 15);
  g_assert_true (gtk_toggle_button_get_active (t->window->inspector_button));
  /* it shows the session's REST exchanges, not an empty list */
  g_assert_cmpuint (g_list_model_get_n_items (bourse_api_inspector_get_entries (BOURSE_API_INSPECTOR (inspector))), >, 0);

  bourse_test_key (view, "ctrl+shift+i");
  WAIT_UNTIL (_bourse_window_get_panel (t->window) == NULL, 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (inspector), 15);
  g_assert_false (gtk_toggle_button_get_active (t->window->inspector_button));
  _bourse_window_show_panel (t->window, "trading");
}

static BourseQuote *
quote_of (Terminal   *t,
          const char *symbol)
{
  return bourse_broker_store_lookup_quote (bourse_test_store (t), symbol);
}

/* The chart shows @symbol's prices: its last close is nearer that symbol's
 * quote than @other's (the two trade far apart). */
static gboolean
chart_shows (Terminal   *t,
             const char *symbol,
             const char *other)
{
  BourseBars *bars = bourse_chart_get_bars (t->window->chart);
  BourseQuote *mine = quote_of (t, symbol), *theirs = quote_of (t, other);
  double close;

  if (bars == NULL || bars->len < 10 || mine == NULL || theirs == NULL)
    return FALSE;
  close = bars->close[bars->len - 1];
  return fabs (close - bourse_quote_get_last (mine)) < fabs (close - bourse_quote_get_last (theirs));
}

/* Ctrl+K, the symbol typed on the keyboard, its row clicked: the chart,
 * the ticket and the title switch to it. */
static void
test_symbol_search_typed (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view, *search, *row;
  guint n_all;

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  search = GTK_WIDGET (t->window->symbol_search);
  bourse_watchlist_activate_symbol (t->window->watchlist, "EURUSD");
  WAIT_UNTIL (chart_shows (t, "EURUSD", "BTCUSD"), 30);

  bourse_test_key (view, "ctrl+k");
  WAIT_UNTIL (gtk_widget_get_mapped (search), 15);
  n_all = bourse_symbol_search_get_n_results (t->window->symbol_search);
  g_assert_cmpuint (n_all, >, 3);
  bourse_test_type (search, "btc");
  /* the list narrows to what was typed (the entry waits a moment for more keys) */
  WAIT_UNTIL (bourse_symbol_search_get_n_results (t->window->symbol_search) < n_all, 15);
  g_assert_cmpuint (bourse_symbol_search_get_n_results (t->window->symbol_search), >=, 1);
  WAIT_UNTIL (bourse_test_find_label (search, "BTCUSD") != NULL && bourse_test_find_label (search, "EURUSD") == NULL, 15);
  /* the narrowed list laid out and drawn before the pointer goes to its row */
  bourse_test_wait_for_frame (search);
  row = bourse_test_find_label (search, "BTCUSD");
  g_assert_nonnull (row);

  bourse_test_click_center (row);
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "BTCUSD") == 0, 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (search), 15);
  g_assert_cmpstr (gtk_label_get_text (t->window->symbol_label), ==, "BTCUSD");
  WAIT_UNTIL (bourse_order_ticket_get_instrument (t->window->order_ticket) != NULL &&
              g_str_equal (bourse_instrument_get_name (bourse_order_ticket_get_instrument (t->window->order_ticket)), "BTCUSD"), 15);
  WAIT_UNTIL (chart_shows (t, "BTCUSD", "EURUSD"), 30);

  /* back to EURUSD the same way, this time picked with Enter */
  bourse_test_key (view, "ctrl+k");
  WAIT_UNTIL (gtk_widget_get_mapped (search), 15);
  bourse_test_type (search, "EURUSD");
  WAIT_UNTIL (bourse_test_find_label (search, "EURUSD") != NULL && bourse_test_find_label (search, "BTCUSD") == NULL, 15);
  bourse_test_key (search, "Return");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "EURUSD") == 0, 15);
  WAIT_UNTIL (chart_shows (t, "EURUSD", "BTCUSD"), 30);
}

/* The watchlist's "+": clicked, a symbol typed, its row clicked: the symbol
 * joins the watchlist (and the saved list) with its live quote. */
static void
test_watchlist_plus (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *watchlist = GTK_WIDGET (t->window->watchlist);
  GtkWidget *plus = NULL, *search, *row;
  g_autoptr(GPtrArray) buttons = NULL;
  g_auto(GStrv) symbols = NULL;
  guint n_all;

  ready (t);
  /* the watchlist is a sidebar panel: shown for the clicks */
  _bourse_window_show_panel (t->window, "watchlist");
  WAIT_UNTIL (gtk_widget_get_mapped (watchlist), 15);
  buttons = bourse_test_list_descendants (watchlist, GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (g_ptr_array_index (buttons, i)), "list-add-symbolic") == 0)
      plus = g_ptr_array_index (buttons, i);
  g_assert_nonnull (plus);
  search = bourse_test_find_descendant (watchlist, BOURSE_TYPE_SYMBOL_SEARCH, 0);
  g_assert_nonnull (search);
  /* AAPL out of the list first, so that adding it is the click's doing */
  bourse_watchlist_remove_symbol (t->window->watchlist, "AAPL");
  symbols = bourse_watchlist_dup_symbols (t->window->watchlist);
  g_assert_false (g_strv_contains ((const char * const *) symbols, "AAPL"));
  g_clear_pointer (&symbols, g_strfreev);
  bourse_test_wait_for_frame (watchlist);

  bourse_test_click_center (plus);
  WAIT_UNTIL (gtk_widget_get_mapped (search), 15);
  n_all = bourse_symbol_search_get_n_results (BOURSE_SYMBOL_SEARCH (search));
  bourse_test_type (search, "aapl");
  WAIT_UNTIL (bourse_symbol_search_get_n_results (BOURSE_SYMBOL_SEARCH (search)) < n_all, 15);
  WAIT_UNTIL (bourse_test_find_label (search, "AAPL") != NULL && bourse_test_find_label (search, "EURUSD") == NULL, 15);
  bourse_test_wait_for_frame (search);
  row = bourse_test_find_label (search, "AAPL");
  g_assert_nonnull (row);
  bourse_test_click_center (row);

  WAIT_UNTIL ((symbols = bourse_watchlist_dup_symbols (t->window->watchlist)) != NULL &&
              g_strv_contains ((const char * const *) symbols, "AAPL"), 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (search), 15);
  g_clear_pointer (&symbols, g_strfreev);
  symbols = bourse_settings_dup_watchlist (bourse_application_get_settings (t->app));
  g_assert_true (g_strv_contains ((const char * const *) symbols, "AAPL"));
  /* its row is on screen with a quote from the broker */
  WAIT_UNTIL (bourse_test_find_label (watchlist, "AAPL") != NULL, 15);
  WAIT_UNTIL (quote_of (t, "AAPL") != NULL && bourse_quote_get_last (quote_of (t, "AAPL")) > 0, 30);
  _bourse_window_show_panel (t->window, "trading");
}

/* The chart's crosshair is on the main pane, at @y. */
static gboolean
crosshair_at (BourseChart *chart,
              double       y)
{
  double cx, cy;
  guint pane;

  return bourse_chart_get_crosshair (chart, &pane, &cx, &cy) && pane == BOURSE_CHART_MAIN_PANE && fabs (cy - y) < 1.5;
}

/* Moves the pointer over the main pane at @price and returns where the "+"
 * the renderer then draws on the axis is, by its own hit test; @price_out:
 * the price it stands for. */
static void
find_order_button (Terminal *t,
                   double    price,
                   double   *x_out,
                   double   *y_out,
                   double   *price_out)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  BourseChartPaneGeometry g;
  double y, first = NAN, last = NAN;

  *price_out = NAN;

  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  y = round (g.y + bourse_chart_pane_geometry_price_to_y (&g, price));
  g_assert_cmpfloat (y, >, g.y + 10);
  g_assert_cmpfloat (y, <, g.y + g.height - 10);
  /* the "+" follows the crosshair: the pointer goes over the chart at @price
   * (GTK may see the motion a moment after xdotool returns) */
  bourse_test_pointer_move (view, g.x + g.width * 0.5, y);
  WAIT_UNTIL (crosshair_at (t->window->chart, y), 15);
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
          *price_out = hit.price;
        }
    }
  g_assert_false (isnan (first));
  *x_out = (first + last) / 2;
  *y_out = y;
}

/* Clicks the "+" at @price, then the popover's entry starting with @entry. */
static double
click_order_button_entry (Terminal   *t,
                          double      price,
                          const char *entry)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  GtkWidget *popover = GTK_WIDGET (t->window->chart_pane->order_popover);
  GtkWidget *item;
  double x, y, at = NAN;

  find_order_button (t, price, &x, &y, &at);
  g_test_message ("\"+\" at (%.0f, %.0f) for %.5f", x, y, at);
  bourse_test_pointer_click (view, x, y);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  WAIT_UNTIL (bourse_test_find_label (popover, entry) != NULL, 15);
  /* laid out and drawn where the pointer will go */
  bourse_test_wait_for_frame (popover);
  item = bourse_test_find_label (popover, entry);
  g_assert_nonnull (item);
  g_test_message ("picking \"%s\"", gtk_label_get_text (GTK_LABEL (item)));
  bourse_test_click_center (item);
  WAIT_UNTIL (!gtk_widget_get_mapped (popover), 15);
  return at;
}

static double
ticket_spin (Terminal *t,
             guint     nth)
{
  g_autoptr(GPtrArray) spins = bourse_test_list_descendants (GTK_WIDGET (t->window->order_ticket), GTK_TYPE_SPIN_BUTTON);

  /* quantity, limit, stop, take profit, stop loss */
  g_assert_cmpuint (spins->len, ==, 5);
  return gtk_spin_button_get_value (g_ptr_array_index (spins, nth));
}

/* A sell market ticket: what the "+" prepares must come from the click. */
static void
reset_ticket (Terminal *t)
{
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_SELL);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  g_assert_cmpint (bourse_order_ticket_get_order_type (t->window->order_ticket), ==, BOURSE_ORDER_TYPE_MARKET);
}

/* The "+" on the price axis: below the market it offers a Buy Limit, above
 * it a Buy Stop, and at any price an alert; each picked with the pointer
 * prepares the ticket or the alert editor at the price the "+" stood at. */
static void
test_axis_plus (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GListModel *alerts = bourse_alert_manager_get_alerts (bourse_application_get_alert_manager (t->app));
  BourseInstrument *instrument;
  BourseQuote *quote;
  AdwMessageDialog *dialog;
  double tick, market, at, below, above;
  guint n_alerts, posts;

  ready (t);
  bourse_watchlist_activate_symbol (t->window->watchlist, "EURUSD");
  WAIT_UNTIL ((instrument = bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD")) != NULL &&
              (quote = quote_of (t, "EURUSD")) != NULL && bourse_quote_get_last (quote) > 0, 30);
  tick = bourse_instrument_get_min_tick (instrument);
  market = bourse_quote_get_last (quote);
  /* a scale fixed around the market, so the prices sit on known rows */
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE, market - 400 * tick, market + 400 * tick);
  bourse_test_wait_for_frame (GTK_WIDGET (bourse_window_get_chart_view (t->window)));
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");

  /* 200 ticks below the market: "Buy Limit @ …" */
  below = market - 200 * tick;
  reset_ticket (t);
  at = click_order_button_entry (t, below, "Buy Limit @");
  g_assert_cmpfloat (fabs (at - below), <, 3 * tick);
  /* the menu activates its entry as it closes */
  WAIT_UNTIL (bourse_order_ticket_get_order_type (t->window->order_ticket) == BOURSE_ORDER_TYPE_LIMIT, 15);
  g_assert_cmpint (bourse_order_ticket_get_side (t->window->order_ticket), ==, BOURSE_SIDE_BUY);
  g_assert_cmpfloat (fabs (ticket_spin (t, 1) - bourse_round_to_tick (at, tick)), <, tick / 2);

  /* 200 ticks above it: "Buy Stop @ …" */
  above = market + 200 * tick;
  reset_ticket (t);
  at = click_order_button_entry (t, above, "Buy Stop @");
  g_assert_cmpfloat (fabs (at - above), <, 3 * tick);
  WAIT_UNTIL (bourse_order_ticket_get_order_type (t->window->order_ticket) == BOURSE_ORDER_TYPE_STOP, 15);
  g_assert_cmpint (bourse_order_ticket_get_side (t->window->order_ticket), ==, BOURSE_SIDE_BUY);
  g_assert_cmpfloat (fabs (ticket_spin (t, 2) - bourse_round_to_tick (at, tick)), <, tick / 2);
  /* prepared, not sent */
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts);

  /* and "Alert at …": the editor opens with that price */
  n_alerts = g_list_model_get_n_items (alerts);
  at = click_order_button_entry (t, below, "Alert at");
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  g_assert_cmpfloat (fabs (gtk_spin_button_get_value (GTK_SPIN_BUTTON (bourse_test_find_named (adw_message_dialog_get_extra_child (dialog),
                                                                                                 "value")))
                           - bourse_round_to_tick (at, tick)), <, tick / 2);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
  g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, n_alerts);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Input/shortcuts-window", test_shortcuts_window },
    { "/Bourse/UI/Input/connections-window", test_connections_window },
    { "/Bourse/UI/Input/inspector", test_inspector_key },
    { "/Bourse/UI/Input/symbol-search-typed", test_symbol_search_typed },
    { "/Bourse/UI/Input/watchlist-plus", test_watchlist_plus },
    { "/Bourse/UI/Input/axis-plus", test_axis_plus },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
