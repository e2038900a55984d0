/* test-terminal-tracking.c — panels that follow the chart and the orders, in the real terminal under Xvfb
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a TradingView trader found wrong (issue 14): the watchlist's
 * highlight and Chg% against the chart, the ticket's status line after the
 * order it placed is gone, a Sell pressed the moment a Buy fills, a dragged
 * order line's text, and the History's realised P&L. Each is checked on the real widgets against the in-process
 * demo broker, with real clicks and drags where the interaction is the point.
 */
#include "config.h"

#include <math.h>

#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static BourseInstrument *
eurusd (Terminal *t)
{
  return bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD");
}

/* The texts of the row of @view whose column @column reads @key, one per
 * column in order ("" for a cell without a label); NULL when no row does. */
static GStrv
row_texts (GtkColumnView *view,
           guint          column,
           const char    *key)
{
  g_autoptr(GPtrArray) labels = bourse_test_list_descendants (GTK_WIDGET (view), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (label));
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) texts = NULL;

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), key) != 0 || row == NULL)
        continue;
      builder = g_strv_builder_new ();
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell; cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *child = bourse_test_find_descendant (cell, GTK_TYPE_LABEL, 0);
          if (child == NULL && GTK_IS_LABEL (cell))
            child = cell;
          g_strv_builder_add (builder, child ? gtk_label_get_text (GTK_LABEL (child)) : "");
        }
      texts = g_strv_builder_end (builder);
      if (g_strv_length (texts) > column && g_strcmp0 (texts[column], key) == 0)
        return g_steal_pointer (&texts);
    }
  return NULL;
}

/* -- the watchlist follows the chart ------------------------------------- */

/* A label on screen inside @widget that reads @text. */
static GtkWidget *
find_mapped_label (GtkWidget  *widget,
                   const char *text)
{
  g_autoptr(GPtrArray) labels = bourse_test_list_descendants (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return label;
    }
  return NULL;
}

static gboolean
watchlist_highlights (Terminal   *t,
                      const char *symbol)
{
  return g_strcmp0 (bourse_watchlist_get_selected_symbol (t->window->watchlist), symbol) == 0;
}

static void
test_watchlist_follows_chart (gconstpointer data)
{
  Terminal *t = (Terminal *) data;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  /* the start: the chart's symbol, not the first row */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("GBPUSD"));
  WAIT_UNTIL (watchlist_highlights (t, "GBPUSD"), 15);
  /* the symbol search, as Enter in it does */
  bourse_symbol_search_set_query (t->window->symbol_search, "USDJPY");
  g_assert_true (bourse_symbol_search_activate_first (t->window->symbol_search));
  WAIT_UNTIL (watchlist_highlights (t, "USDJPY"), 15);
  /* a symbol the watchlist does not list: no row is highlighted */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("NVDA"));
  WAIT_UNTIL (watchlist_highlights (t, NULL), 15);
  /* added while shown: its new row is the highlighted one */
  g_assert_true (bourse_watchlist_add_symbol (t->window->watchlist, "NVDA"));
  WAIT_UNTIL (watchlist_highlights (t, "NVDA"), 15);
  g_assert_true (bourse_watchlist_remove_symbol (t->window->watchlist, "NVDA"));
  WAIT_UNTIL (watchlist_highlights (t, NULL), 15);
  /* a real click on a row */
  {
    GtkWidget *cell;

    gtk_window_present (GTK_WINDOW (t->window));
    /* the watchlist's panel open in the sidebar, as a trader opens it to click a row */
    _bourse_window_show_panel (t->window, "watchlist");
    /* the rows as drawn after the additions and removals above */
    bourse_test_wait_for_frame (GTK_WIDGET (t->window));
    WAIT_UNTIL ((cell = find_mapped_label (GTK_WIDGET (t->window->watchlist), "EURUSD")) != NULL, 15);
    bourse_test_pointer_click (cell, gtk_widget_get_width (cell) / 2.0, gtk_widget_get_height (cell) / 2.0);
    WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "EURUSD") == 0, 15);
    WAIT_UNTIL (watchlist_highlights (t, "EURUSD"), 15);
  }
  /* for the screenshot: the rows' quotes have arrived */
  WAIT_UNTIL (bourse_watchlist_lookup_quote (t->window->watchlist, "GBPUSD") != NULL &&
              bourse_quote_get_last (bourse_watchlist_lookup_quote (t->window->watchlist, "GBPUSD")) > 0, 30);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "watchlist-highlight.png");
}

/* -- Chg% agrees with the chart's day change ------------------------------ */

/* The watchlist row's "Chg (Chg%)" is the daily chart's last legend change. */
static gboolean
change_agrees (Terminal  *t,
               char     **shown)
{
  BourseBars *bars = bourse_chart_get_bars (t->window->chart);
  g_auto(GStrv) row = row_texts (GTK_COLUMN_VIEW (bourse_test_find_descendant (GTK_WIDGET (t->window->watchlist), GTK_TYPE_COLUMN_VIEW, 0)), 0, "EURUSD");
  g_autofree char *legend = bars && bars->len > 2 ? bourse_chart_dup_bar_change (t->window->chart, bars->len - 1) : NULL;

  g_free (*shown);
  *shown = row && g_strv_length (row) > 3 ? g_strdup_printf ("%s (%s)", row[2], row[3]) : NULL;
  return legend != NULL && g_strcmp0 (*shown, legend) == 0;
}

static void
test_change_agrees_with_chart (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autofree char *shown = NULL;
  BourseQuote *quote;
  BourseBars *bars;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("1D"));
  WAIT_UNTIL ((bars = bourse_chart_get_bars (t->window->chart)) != NULL && bars->len > 20 &&
              bars->time[bars->len - 1] - bars->time[bars->len - 2] >= 86400, 30);
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_prev_close (quote) > 0, 30);
  /* the previous session's close is the previous daily bar's close */
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_prev_close (quote), bars->close[bars->len - 2], 1e-9);

  /* Prices tick all the time: both sides show the same text whenever the
   * last trade has reached both, several times over. */
  for (guint agreements = 0; agreements < 3; agreements++)
    {
      double last = bourse_quote_get_last (quote);

      WAIT_UNTIL (change_agrees (t, &shown), 30);
      g_test_message ("watchlist and legend: %s", shown);
      WAIT_UNTIL (bourse_quote_get_last (quote) != last, 30);
    }
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("5"));
}

/* -- the ticket's status line follows its order -------------------------- */

static gboolean
status_says (Terminal   *t,
             const char *word)
{
  const char *text = bourse_order_ticket_get_status_text (t->window->order_ticket);

  return text != NULL && strstr (text, word) != NULL;
}

/* The order id of "Order 12 filled at …", or NULL. */
static char *
status_order_id (Terminal *t)
{
  const char *text = bourse_order_ticket_get_status_text (t->window->order_ticket);
  g_auto(GStrv) words = text ? g_strsplit (text, " ", 3) : NULL;

  return words && words[0] && words[1] && g_str_equal (words[0], "Order") ? g_strdup (words[1]) : NULL;
}

/* The status line reports another order than @previous as filled: *@id. */
static gboolean
filled_other_than (Terminal    *t,
                   const char  *previous,
                   char       **id)
{
  g_free (*id);
  *id = status_says (t, "filled") ? status_order_id (t) : NULL;
  return *id != NULL && g_strcmp0 (*id, previous) != 0;
}

static void
click_submit (Terminal *t)
{
  GtkWidget *button = bourse_test_find_action_button (GTK_WIDGET (t->window->order_ticket), "ticket.submit");

  g_assert_nonnull (button);
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button), 15);
  /* where the button is once the ticket's new fields are laid out and drawn */
  bourse_test_wait_for_frame (GTK_WIDGET (t->window));
  {
    graphene_rect_t b;

    g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (t->window), &b));
    g_test_message ("clicking the ticket's button at %.0f,%.0f (%.0f×%.0f)", b.origin.x, b.origin.y,
                    b.size.width, b.size.height);
  }
  bourse_test_pointer_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0);
}

static void
test_ticket_status_follows_order (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote;
  BourseOrder *order;
  double tick, price;
  g_autofree char *order_id = NULL;

  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  WAIT_UNTIL (bourse_test_is_live (t), 40);
  _bourse_window_show_panel (t->window, "trading");
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_bid (quote) > 0, 30);
  tick = bourse_instrument_get_min_tick (eurusd (t));

  /* A buy limit far below the market, placed by a real click: it works. */
  price = bourse_round_to_tick (bourse_quote_get_bid (quote) - 400 * tick, tick);
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_LIMIT);
  bourse_order_ticket_set_limit_price (t->window->order_ticket, price);
  bourse_order_ticket_set_qty (t->window->order_ticket, 1000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  click_submit (t);
  WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL || status_says (t, "ejected"), 30);
  g_test_message ("ticket status: %s", bourse_order_ticket_get_status_text (t->window->order_ticket));
  g_assert_nonnull (order);
  order_id = g_strdup (bourse_order_get_id (order));
  WAIT_UNTIL (status_says (t, "placed"), 15);
  g_assert_nonnull (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), order_id));

  /* Cancelled (as the line's ✕ and the Orders row do): the line says so. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "cancel-order", g_variant_new_string (order_id));
  WAIT_UNTIL (status_says (t, "cancelled"), 30);
  g_test_message ("after the cancel: %s", bourse_order_ticket_get_status_text (t->window->order_ticket));
  g_assert_null (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "placed"));

  /* A market order fills at once: "filled at" its price, never "placed". */
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  click_submit (t);
  WAIT_UNTIL (status_says (t, "filled"), 30);
  g_test_message ("after the fill: %s", bourse_order_ticket_get_status_text (t->window->order_ticket));
  g_assert_null (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "placed"));
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "close-position",
                                  g_variant_new_string (bourse_position_get_id (bourse_test_find_position (t, "EURUSD"))));
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
}

/* -- win.sell right after win.buy's fill ---------------------------------- */

static int
compare_ids (const gint64 *a,
             const gint64 *b)
{
  return (*a > *b) - (*a < *b);
}

/* The side of the execution of the latest order the broker took for
 * @symbol, skipping the @skip latest orders (order ids count up at the demo
 * broker as it receives them). */
static char *
side_of_latest_order (Terminal   *t,
                      const char *symbol,
                      guint       skip)
{
  g_autofree char *path = g_strdup_printf ("/accounts/D1/executions?instrument=%s", symbol);
  g_autoptr(JsonNode) executions = bourse_test_demo_get (t, path);
  JsonArray *array = json_node_get_array (executions);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 wanted;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = g_ascii_strtoll (json_object_get_string_member (json_array_get_object_element (array, i), "orderId"), NULL, 10);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, (GCompareFunc) compare_ids);
  g_assert_cmpuint (ids->len, >, skip);
  wanted = g_array_index (ids, gint64, ids->len - 1 - skip);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *execution = json_array_get_object_element (array, i);

      if (g_ascii_strtoll (json_object_get_string_member (execution, "orderId"), NULL, 10) == wanted)
        return g_strdup (json_object_get_string_member (execution, "side"));
    }
  return NULL;
}

static guint
count_executions (Terminal   *t,
                  const char *symbol)
{
  g_autofree char *path = g_strdup_printf ("/accounts/D1/executions?instrument=%s", symbol);
  g_autoptr(JsonNode) executions = bourse_test_demo_get (t, path);

  return json_array_get_length (json_node_get_array (executions));
}

/* A market Buy (win.buy, as Shift+B and the toolbar do), then a Sell the
 * moment its fill shows as a position: the broker gets both orders, the
 * position goes flat and the ticket reports the second order, never staying
 * on "Order 1 placed". Repeated, as a trader scalping does. */
static void
test_sell_right_after_buy_fill (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_bid (quote) > 0, 30);
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 1000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);

  /* The Buy alone: its fill shows before the answer to its POST is read, and
   * the status line then reports it filled, not "placed". */
  {
    guint posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");

    g_action_group_activate_action (G_ACTION_GROUP (t->window), "buy", NULL);
    WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") != NULL, 30);
    WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);
    g_test_message ("the buy's answer read: \"%s\"", bourse_order_ticket_get_status_text (t->window->order_ticket));
    WAIT_UNTIL (status_says (t, "filled"), 15);
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "sell", NULL);
    WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
    /* an exchange is recorded when its answer is read, after the fill may show */
    WAIT_UNTIL (bourse_test_count_requests (t, "POST", "/accounts/D1/orders") == posts + 2, 30);
  }

  for (guint round = 0; round < 3; round++)
    {
      guint posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
      guint fills = count_executions (t, "EURUSD");
      g_autofree char *sell_id = NULL;
      BourseOrder *sell;

      WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket) &&
                  bourse_order_ticket_get_valid (t->window->order_ticket), 15);
      g_action_group_activate_action (G_ACTION_GROUP (t->window), "buy", NULL);
      WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") != NULL, 30);
      g_test_message ("round %u: filled, ticket busy %d, status \"%s\"", round,
                      bourse_order_ticket_get_busy (t->window->order_ticket),
                      bourse_order_ticket_get_status_text (t->window->order_ticket));
      /* at once: no waiting for the ticket */
      g_action_group_activate_action (G_ACTION_GROUP (t->window), "sell", NULL);
      WAIT_UNTIL (bourse_test_count_requests (t, "POST", "/accounts/D1/orders") == posts + 2 &&
                  bourse_test_find_position (t, "EURUSD") == NULL, 30);
      WAIT_UNTIL (count_executions (t, "EURUSD") == fills + 2, 30);
      g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 2);
      /* the line reports the Sell's fill, not the Buy as placed */
      WAIT_UNTIL (status_says (t, "filled") && filled_other_than (t, NULL, &sell_id) &&
                  (sell = bourse_broker_store_lookup_order (bourse_test_store (t), sell_id)) != NULL &&
                  bourse_order_get_side (sell) == BOURSE_SIDE_SELL, 30);
      g_test_message ("round %u: status \"%s\"", round, bourse_order_ticket_get_status_text (t->window->order_ticket));
      g_assert_null (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "placed"));
      g_assert_cmpint (bourse_order_get_status (sell), ==, BOURSE_ORDER_STATUS_FILLED);
    }

  /* A slow broker: Buy, then Sell twice before the Buy is answered. The Sell
   * waits for that answer and goes out once (the second is a double press);
   * the broker sees the Buy first, then the Sell, and the position is flat. */
  {
    guint posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
    guint fills = count_executions (t, "EURUSD");

    WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 15);
    bourse_test_set_demo_fault (t, "latency-ms=600");
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "buy", NULL);
    g_assert_true (bourse_order_ticket_get_busy (t->window->order_ticket));
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "sell", NULL);
    g_action_group_activate_action (G_ACTION_GROUP (t->window), "sell", NULL);
    WAIT_UNTIL (bourse_test_count_requests (t, "POST", "/accounts/D1/orders") == posts + 2 &&
                !bourse_order_ticket_get_busy (t->window->order_ticket), 30);
    bourse_test_set_demo_fault (t, "latency-ms=0");
    WAIT_UNTIL (count_executions (t, "EURUSD") == fills + 2 && bourse_test_find_position (t, "EURUSD") == NULL, 30);
    bourse_test_wait_idle ();
    g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 2);
    g_assert_null (bourse_test_find_position (t, "EURUSD"));
    {
      g_autofree char *last = side_of_latest_order (t, "EURUSD", 0);
      g_autofree char *before_last = side_of_latest_order (t, "EURUSD", 1);

      g_assert_cmpstr (before_last, ==, "buy");
      g_assert_cmpstr (last, ==, "sell");
    }
  }
}

/* -- a dragged order line reads its new price ----------------------------- */

static void
test_dragged_line_shows_price (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  BourseQuote *quote;
  BourseOrder *order;
  BourseChartPaneGeometry g;
  const BoursePriceLine *line;
  double tick, price, target, x, y_from, y_to, per_pixel, held;
  g_autofree char *line_id = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *held_text = NULL;
  g_autofree char *put_path = NULL;

  g_assert_nonnull (g_find_program_in_path ("xdotool"));
  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_bid (quote) > 0, 30);
  tick = bourse_instrument_get_min_tick (eurusd (t));
  price = bourse_round_to_tick (bourse_quote_get_bid (quote) - 300 * tick, tick);
  target = bourse_round_to_tick (price - 60 * tick, tick);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "prepare-order",
                                  g_variant_new ("(ssd)", "buy", "limit", price));
  bourse_order_ticket_set_qty (t->window->order_ticket, 2000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL, 30);
  line_id = g_strconcat ("order:", bourse_order_get_id (order), NULL);
  put_path = g_strdup_printf ("/accounts/D1/orders/%s", bourse_order_get_id (order));
  WAIT_UNTIL ((line = bourse_chart_get_price_line (t->window->chart, line_id)) != NULL, 15);
  old_text = bourse_format_price (price, tick);
  g_assert_nonnull (strstr (line->label, old_text));

  /* A fixed scale around both prices, the line pressed and moved down. */
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  bourse_chart_set_pane_price_range (t->window->chart, BOURSE_CHART_MAIN_PANE,
                                     target - (price - target), price + (price - target));
  bourse_test_wait_for_frame (view);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  y_from = g.y + bourse_chart_pane_geometry_price_to_y (&g, price);
  y_to = g.y + bourse_chart_pane_geometry_price_to_y (&g, target);
  per_pixel = fabs (bourse_chart_pane_geometry_y_to_price (&g, 0) - bourse_chart_pane_geometry_y_to_price (&g, 1));
  x = g.x + g.width * 0.3;
  bourse_test_pointer_press_move (view, x, y_from, x, y_to);

  /* Mid-drag, button still down: the line sits under the pointer and its
   * text reads that price (the broker has not been asked anything yet). */
  WAIT_UNTIL ((line = bourse_chart_get_price_line (t->window->chart, line_id)) != NULL &&
              fabs (line->price - target) <= per_pixel / 2 + tick / 2 + 1e-12, 15);
  held = line->price;
  held_text = bourse_format_price (held, tick);
  g_test_message ("held at %s: “%s”", held_text, line->label);
  g_assert_nonnull (strstr (line->label, held_text));
  g_assert_null (strstr (line->label, old_text));
  g_assert_cmpstr (bourse_chart_view_get_dragged_line (BOURSE_CHART_VIEW (view)), ==, line_id);
  g_assert_cmpuint (bourse_test_count_requests (t, "PUT", put_path), ==, 0);
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "order-line-dragging.png");

  /* Let go: the order moves there. */
  bourse_test_pointer_release ();
  WAIT_UNTIL (bourse_test_count_requests (t, "PUT", put_path) == 1, 30);
  WAIT_UNTIL ((order = bourse_broker_store_lookup_order (bourse_test_store (t), line_id + strlen ("order:"))) != NULL &&
              fabs (bourse_order_get_limit_price (order) - held) < tick / 2, 30);
  bourse_chart_reset_pane_scale (t->window->chart, BOURSE_CHART_MAIN_PANE);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "cancel-order",
                                  g_variant_new_string (line_id + strlen ("order:")));
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) == NULL, 30);
}

/* -- History: time, side, qty, price, realised P&L ------------------------ */

/* The last execution /executions lists for @order_id. */
static JsonObject *
find_execution (JsonNode   *executions,
                const char *order_id)
{
  JsonArray *array = json_node_get_array (executions);
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *execution = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (execution, "orderId"), order_id) == 0)
        found = execution;
    }
  return found;
}

static double
realized_pl (Terminal *t)
{
  g_autoptr(JsonNode) state = bourse_test_demo_get (t, "/accounts/D1/state");

  return json_object_get_double_member (json_node_get_object (state), "realizedPl");
}

static void
test_history_realized_pl (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkColumnView *history = bourse_account_manager_get_history_view (t->window->account_manager);
  BourseInstrument *instrument;
  BoursePosition *position;
  g_autoptr(JsonNode) executions = NULL;
  g_auto(GStrv) open_row = NULL;
  g_auto(GStrv) close_row = NULL;
  g_autofree char *open_id = NULL;
  g_autofree char *close_id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *close_price = NULL;
  JsonObject *buy, *sell;
  double before, booked, computed;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  instrument = eurusd (t);
  g_assert_null (bourse_test_find_position (t, "EURUSD"));
  before = realized_pl (t);

  /* Buy 50 000 at the market, then sell them back through the ticket. */
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 50000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  WAIT_UNTIL (status_says (t, "filled"), 30);
  open_id = status_order_id (t);
  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_SELL);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
  WAIT_UNTIL (filled_other_than (t, open_id, &close_id), 30);

  /* What the broker says over REST: both fills, and the P&L it booked. */
  executions = bourse_test_demo_get (t, "/accounts/D1/executions?instrument=EURUSD");
  buy = find_execution (executions, open_id);
  sell = find_execution (executions, close_id);
  g_assert_nonnull (buy);
  g_assert_nonnull (sell);
  computed = (json_object_get_double_member (sell, "price") - json_object_get_double_member (buy, "price")) * 50000 *
             bourse_instrument_get_pip_value (instrument) / bourse_instrument_get_pip_size (instrument);
  booked = realized_pl (t) - before;
  g_test_message ("bought %s at %.5f, sold %s at %.5f: computed %.2f, the broker booked %.2f", open_id,
                  json_object_get_double_member (buy, "price"), close_id, json_object_get_double_member (sell, "price"),
                  computed, booked);
  g_assert_cmpfloat (fabs (computed - booked), <, 0.011);

  /* The History rows: Time, Symbol, Side, Type, Qty, Filled, Price,
   * Realized P&L, Status, Order ID. */
  bourse_account_manager_set_page (t->window->account_manager, "history");
  bourse_test_wait_for_frame (GTK_WIDGET (history));
  expected = g_strdup_printf ("%+.2f", computed);
  close_price = bourse_format_price (json_object_get_double_member (sell, "price"), bourse_instrument_get_min_tick (instrument));
  WAIT_UNTIL ((close_row = row_texts (history, 9, close_id)) != NULL && g_strcmp0 (close_row[7], expected) == 0, 30);
  WAIT_UNTIL ((open_row = row_texts (history, 9, open_id)) != NULL, 30);
  g_test_message ("closing row: %s | %s | %s | %s | %s | %s | %s | %s | %s", close_row[0], close_row[1], close_row[2],
                  close_row[3], close_row[4], close_row[5], close_row[6], close_row[7], close_row[8]);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", close_row[0], 0, 0));
  g_assert_cmpstr (close_row[1], ==, "EURUSD");
  g_assert_cmpstr (close_row[2], ==, "Sell");
  g_assert_cmpstr (close_row[4], ==, "50000");
  g_assert_cmpstr (close_row[6], ==, close_price);
  /* the opening fill realises nothing */
  g_assert_cmpstr (open_row[2], ==, "Buy");
  g_assert_cmpstr (open_row[7], ==, "+0.00");
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "history-realized-pl.png");
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Tracking/watchlist-follows-chart", test_watchlist_follows_chart },
    { "/Bourse/UI/Tracking/change-agrees-with-chart", test_change_agrees_with_chart },
    { "/Bourse/UI/Tracking/ticket-status-follows-order", test_ticket_status_follows_order },
    { "/Bourse/UI/Tracking/sell-right-after-buy-fill", test_sell_right_after_buy_fill },
    { "/Bourse/UI/Tracking/dragged-line-shows-price", test_dragged_line_shows_price },
    { "/Bourse/UI/Tracking/history-realized-pl", test_history_realized_pl },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
