/* test-chart-lines.c — a fresh terminal's chart shows orders, positions and fills as soon as the store has them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fresh session (its own application and window, the bottom panel as it
 * starts) places its first market order and its first limit order. The
 * line must reach the chart within a few frames of the store's list
 * getting the entity: the time is taken from the list's "items-changed",
 * not from the click, so a slow broker or a loaded machine does not count.
 *
 * Meanwhile the chart is asked to repaint all the time, as a chart repainted
 * on every tick is on a slow machine where a frame takes longer than the
 * next tick: GTK's redraw work is then always ready, and anything queued
 * below its priority waits for a quiet moment that does not come.
 */
#include "config.h"

#include <math.h>

#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

/* What the user sees: a line within this long of the store having its entity. */
#define LINE_LATENCY_MS 500

typedef struct
{
  GListModel *model;
  gint64      changed; /* monotonic time of the last "items-changed" */
} ListWatch;

static void
list_changed_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 ListWatch  *watch)
{
  watch->changed = g_get_monotonic_time ();
}

static void
list_watch_start (ListWatch  *watch,
                  GListModel *model)
{
  watch->model = model;
  watch->changed = 0;
  g_signal_connect (model, "items-changed", G_CALLBACK (list_changed_cb), watch);
}

static void
list_watch_stop (ListWatch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->model, watch);
}

/* Continuous redraw requests at GTK's redraw priority, each with a little work. */
static gboolean
repaint_load_cb (gpointer user_data)
{
  Terminal *t = user_data;

  gtk_widget_queue_draw (GTK_WIDGET (t->window->chart_view));
  g_usleep (2000);
  return G_SOURCE_CONTINUE;
}

static guint
repaint_load_start (Terminal *t)
{
  return g_idle_add_full (GDK_PRIORITY_REDRAW, repaint_load_cb, t, NULL);
}

static guint
n_markers (Terminal *t)
{
  return bourse_chart_peek_markers (t->window->chart)->len;
}

/* Spins until @line_id is on the chart and returns how long after @since it
 * got there, in ms; fails after @seconds. */
static double
wait_for_line (Terminal   *t,
               const char *line_id,
               gint64      since)
{
  WAIT_UNTIL (bourse_chart_get_price_line (t->window->chart, line_id) != NULL, 15);
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
test_first_market_order (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseBrokerStore *store;
  BoursePosition *position = NULL;
  ListWatch positions = { 0 };
  ListWatch executions = { 0 };
  g_autofree char *line_id = NULL;
  double latency;
  guint load;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 30);
  store = bourse_test_store (t);
  g_assert_null (bourse_test_find_position (t, "EURUSD"));
  g_assert_cmpuint (n_markers (t), ==, 0);
  list_watch_start (&positions, bourse_broker_store_get_positions (store));
  list_watch_start (&executions, bourse_broker_store_get_executions (store));

  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 10000);
  load = repaint_load_start (t);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);

  /* The moment the store's list has the position, the clock starts. */
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  g_assert_cmpint (positions.changed, >, 0);
  line_id = g_strconcat ("position:", bourse_position_get_id (position), NULL);
  latency = wait_for_line (t, line_id, positions.changed);
  g_test_message ("position line %.0f ms after the store's positions changed", latency);
  g_assert_cmpfloat (latency, <, LINE_LATENCY_MS);

  /* The fill's marker, likewise from the executions list. */
  WAIT_UNTIL (executions.changed > 0, 30);
  WAIT_UNTIL (n_markers (t) > 0, 15);
  latency = (g_get_monotonic_time () - executions.changed) / 1000.0;
  g_test_message ("fill marker %.0f ms after the store's executions changed", latency);
  g_assert_cmpfloat (latency, <, LINE_LATENCY_MS);

  g_source_remove (load);
  list_watch_stop (&positions);
  list_watch_stop (&executions);
}

static void
test_first_limit_order (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseQuote *quote;
  double tick;
  ListWatch orders = { 0 };
  BourseOrder *order;
  g_autofree char *line_id = NULL;
  double price, latency;
  guint load;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_ask (quote) > 0, 30);
  tick = bourse_instrument_get_min_tick (bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD"));
  list_watch_start (&orders, bourse_broker_store_get_orders (bourse_test_store (t)));

  /* A sell limit far above the market: it stays working. */
  price = bourse_round_to_tick (bourse_quote_get_ask (quote) + 300 * tick, tick);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "prepare-order",
                                  g_variant_new ("(ssd)", "sell", "limit", price));
  bourse_order_ticket_set_qty (t->window->order_ticket, 5000);
  g_assert_true (bourse_order_ticket_get_valid (t->window->order_ticket));
  load = repaint_load_start (t);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);

  WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL, 30);
  g_assert_cmpint (orders.changed, >, 0);
  line_id = g_strconcat ("order:", bourse_order_get_id (order), NULL);
  latency = wait_for_line (t, line_id, orders.changed);
  g_test_message ("order line %.0f ms after the store's orders changed", latency);
  g_assert_cmpfloat (latency, <, LINE_LATENCY_MS);

  g_source_remove (load);
  list_watch_stop (&orders);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/ChartLines/first-market-order", test_first_market_order },
    { "/Bourse/UI/ChartLines/first-limit-order", test_first_limit_order },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
