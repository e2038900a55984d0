/* test-terminal-claims.c — what README says the terminal does, checked on the real window against the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application on the in-process demo broker. Each test takes one
 * sentence of README's "The terminal" and fails when it stops being true:
 * Alt+1…6 pressed on the keyboard change the chart's resolution; the ticket
 * offers what the broker's flags allow; fills become markers and positions
 * show a P&L that moves with the quotes; the Account Summary, History and
 * Executions tabs show what the broker's REST API returns; alerts keep
 * running with the window closed (that one closes the window: it runs last).
 */
#include "config.h"

#include <math.h>

#include "bourse-test-broker.h"
#include "bourse-test-terminal.h"
#include "bourse-trader.h"

typedef BourseTestTerminal Terminal;

/* Every label text under @widget, in widget order. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* The smallest gap between two bars: the resolution the chart shows. */
static gint64
bar_interval (BourseBars *bars)
{
  gint64 interval = G_MAXINT64;

  if (bars == NULL || bars->len < 3)
    return 0;
  for (gsize i = 1; i < bars->len; i++)
    interval = MIN (interval, bars->time[i] - bars->time[i - 1]);
  return interval;
}

static void
test_resolution_keys (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  static const struct { const char *keys; const char *resolution; gint64 interval; } steps[] = {
    { "alt+2", "5", 300 }, { "alt+3", "15", 900 }, { "alt+4", "60", 3600 },
    { "alt+5", "1D", 86400 }, { "alt+6", "1W", 7 * 86400 }, { "alt+1", "1", 60 },
  };

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  if (!bourse_test_require_xdotool (view))
    return;
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  WAIT_UNTIL (bar_interval (bourse_chart_get_bars (t->window->chart)) > 0, 30);
  g_test_message ("starts at %s, bars %" G_GINT64_FORMAT " s apart", bourse_window_get_resolution (t->window),
                  bar_interval (bourse_chart_get_bars (t->window->chart)));

  /* Real key presses on the window, as from the keyboard; each loads the
   * broker's history at that resolution. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_test_message ("%s → %s", steps[i].keys, steps[i].resolution);
      bourse_test_key (view, steps[i].keys);
      WAIT_UNTIL (g_strcmp0 (bourse_window_get_resolution (t->window), steps[i].resolution) == 0, 15);
      WAIT_UNTIL (bar_interval (bourse_chart_get_bars (t->window->chart)) == steps[i].interval, 30);
    }
}

/* The ticket's order-type buttons that can be seen, as "market limit …". */
static char *
offered_types (BourseOrderTicket *ticket)
{
  g_autoptr(GPtrArray) buttons = bourse_test_list_descendants (GTK_WIDGET (ticket), GTK_TYPE_TOGGLE_BUTTON);
  GString *offered = g_string_new (NULL);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "ticket.set-type") == 0 &&
          target != NULL && gtk_widget_get_visible (button))
        g_string_append_printf (offered, "%s%s", offered->len ? " " : "", g_variant_get_string (target, NULL));
    }
  return g_string_free (offered, FALSE);
}

/* The take-profit field is offered (the ticket's fourth spin button). */
static gboolean
offers_brackets (BourseOrderTicket *ticket)
{
  g_autoptr(GPtrArray) spins = bourse_test_list_descendants (GTK_WIDGET (ticket), GTK_TYPE_SPIN_BUTTON);

  /* quantity, limit, stop, take profit, stop loss */
  g_assert_cmpuint (spins->len, ==, 5);
  return gtk_widget_get_visible (g_ptr_array_index (spins, 3));
}

/* The duration titles the ticket offers, joined by "|". */
static char *
offered_durations (BourseOrderTicket *ticket)
{
  g_autoptr(GPtrArray) dropdowns = bourse_test_list_descendants (GTK_WIDGET (ticket), GTK_TYPE_DROP_DOWN);
  GListModel *model;
  GString *offered = g_string_new (NULL);

  /* "Brackets In", then the duration */
  g_assert_cmpuint (dropdowns->len, ==, 2);
  model = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, 1));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (offered, "%s%s", i ? "|" : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_string_free (offered, FALSE);
}

/* The titles of a /config's durations, joined by "|". */
static char *
config_durations (JsonNode *config)
{
  JsonArray *durations = json_object_get_array_member (json_node_get_object (config), "durations");
  GString *titles = g_string_new (NULL);

  g_assert_cmpuint (json_array_get_length (durations), >, 0);
  for (guint i = 0; i < json_array_get_length (durations); i++)
    g_string_append_printf (titles, "%s%s", i ? "|" : "",
                            json_object_get_string_member (json_array_get_object_element (durations, i), "title"));
  return g_string_free (titles, FALSE);
}

/* A second demo broker in this process, with some account flags turned off,
 * and a client and store on it as the app has them. */
typedef struct
{
  BourseTestBroker   *broker;
  BourseBrokerClient *client;
  BourseBrokerStore  *store;
  char               *durations;  /* its GET /config's duration titles */
} FlagBroker;

static void
flag_broker_start (FlagBroker         *b,
                   const char * const *flags_off)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = NULL;

  b->broker = bourse_test_broker_start_with_flags_off (31, flags_off);
  b->client = bourse_broker_client_new (b->broker->url);
  bourse_broker_client_set_password_credentials (b->client, "demo", "demo");
  b->store = bourse_broker_store_new (b->client);
  bourse_test_store_start_live (b->store);
  /* what the broker says over REST, apart from what the store read */
  bourse_broker_client_get_config_async (b->client, NULL, bourse_test_await_cb, &result);
  config = bourse_broker_client_get_config_finish (b->client, AWAIT (result), &error);
  g_assert_no_error (error);
  b->durations = config_durations (config);
}

static void
flag_broker_stop (FlagBroker *b)
{
  bourse_test_store_stop (&b->store);
  g_clear_object (&b->client);
  g_clear_pointer (&b->broker, bourse_test_broker_stop);
  g_clear_pointer (&b->durations, g_free);
}

/* Hands @b's store, its /config and its EURUSD to @ticket, as the window does. */
static void
ticket_on (BourseOrderTicket *ticket,
           FlagBroker        *b)
{
  BourseInstrument *eurusd = bourse_broker_store_lookup_instrument (b->store, "EURUSD");

  g_assert_nonnull (eurusd);
  bourse_order_ticket_set_store (ticket, b->store);
  bourse_order_ticket_set_instrument (ticket, eurusd);
}

static const char * const narrow_flags_off[] = { "supportStopLimitOrders", "supportOrderBrackets", NULL };
static const char * const limit_only_flags_off[] = { "supportMarketOrders", "supportStopOrders",
                                                     "supportStopLimitOrders", NULL };
static const char * const market_brackets_off[] = { "supportMarketBrackets", NULL };

static void
test_ticket_follows_broker_flags (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseOrderTicket *live = t->window->order_ticket;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(JsonNode) accounts = NULL;
  g_autofree char *types = NULL;
  g_autofree char *durations = NULL;
  g_autofree char *expected = NULL;
  JsonObject *flags = NULL;

  WAIT_UNTIL (bourse_test_is_live (t), 40);

  /* The live ticket against what the demo broker says over REST. */
  config = bourse_test_demo_get (t, "/config");
  accounts = bourse_test_demo_get (t, "/accounts");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (accounts)); i++)
    {
      JsonObject *account = json_array_get_object_element (json_node_get_array (accounts), i);

      if (g_strcmp0 (json_object_get_string_member_with_default (account, "id", ""), "D1") == 0)
        flags = json_object_get_object_member (account, "config");
    }
  g_assert_nonnull (flags);
  g_assert_true (json_object_get_boolean_member (flags, "supportStopLimitOrders"));
  g_assert_true (json_object_get_boolean_member (flags, "supportOrderBrackets"));
  types = offered_types (live);
  g_assert_cmpstr (types, ==, "market limit stop stoplimit");
  bourse_order_ticket_set_order_type (live, BOURSE_ORDER_TYPE_LIMIT);
  g_assert_true (offers_brackets (live));
  expected = config_durations (config);
  durations = offered_durations (live);
  g_assert_cmpstr (durations, ==, expected);
  bourse_order_ticket_set_order_type (live, BOURSE_ORDER_TYPE_MARKET);

  /* Brokers with other flags: a ticket of its own, in a window, on each in turn. */
  {
    BourseOrderTicket *ticket = g_object_new (BOURSE_TYPE_ORDER_TICKET, NULL);
    GtkWindow *window = bourse_test_present_window (GTK_WIDGET (ticket), 420, 760);
    FlagBroker narrow = { 0 }, pending_only = { 0 }, limit_only = { 0 };
    g_autofree char *limit_types = NULL;
    g_autoptr(BourseTrader) narrow_trader = NULL;
    g_autoptr(BourseTrader) pending_trader = NULL;
    g_autofree char *narrow_types = NULL;
    g_autofree char *narrow_durations = NULL;
    g_autofree char *wide = NULL;
    g_autofree char *pending_durations = NULL;

    /* no stop-limit, no brackets: neither is offered, and a stop-limit draft becomes a limit */
    flag_broker_start (&narrow, narrow_flags_off);
    narrow_trader = bourse_trader_new (narrow.store);
    g_assert_false (bourse_trader_get_flag (narrow_trader, "supportStopLimitOrders"));
    g_assert_false (bourse_trader_get_flag (narrow_trader, "supportOrderBrackets"));
    ticket_on (ticket, &narrow);
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_STOP_LIMIT);
    g_assert_cmpint (bourse_order_ticket_get_order_type (ticket), ==, BOURSE_ORDER_TYPE_STOP_LIMIT);
    bourse_order_ticket_set_config (ticket, bourse_broker_store_get_config (narrow.store));
    narrow_types = offered_types (ticket);
    g_assert_cmpstr (narrow_types, ==, "market limit stop");
    g_assert_cmpint (bourse_order_ticket_get_order_type (ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
    g_assert_false (offers_brackets (ticket));
    narrow_durations = offered_durations (ticket);
    g_assert_cmpstr (narrow_durations, ==, narrow.durations);
    bourse_order_ticket_set_brackets (ticket, BOURSE_BRACKET_UNIT_TICKS, 150, 80);
    g_assert_false (offers_brackets (ticket));

    /* brackets on pending orders only */
    flag_broker_start (&pending_only, market_brackets_off);
    pending_trader = bourse_trader_new (pending_only.store);
    g_assert_true (bourse_trader_get_flag (pending_trader, "supportStopLimitOrders"));
    g_assert_true (bourse_trader_get_flag (pending_trader, "supportOrderBrackets"));
    g_assert_false (bourse_trader_get_flag (pending_trader, "supportMarketBrackets"));
    ticket_on (ticket, &pending_only);
    bourse_order_ticket_set_config (ticket, bourse_broker_store_get_config (pending_only.store));
    wide = offered_types (ticket);
    g_assert_cmpstr (wide, ==, "market limit stop stoplimit");
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_LIMIT);
    g_assert_true (offers_brackets (ticket));
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_MARKET);
    g_assert_false (offers_brackets (ticket));
    pending_durations = offered_durations (ticket);
    g_assert_cmpstr (pending_durations, ==, pending_only.durations);

    /* limit orders only: a market draft becomes a limit, and a market or stop
     * draft made through the API is refused by the ticket, not sent */
    flag_broker_start (&limit_only, limit_only_flags_off);
    ticket_on (ticket, &limit_only);
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_MARKET);
    bourse_order_ticket_set_config (ticket, bourse_broker_store_get_config (limit_only.store));
    limit_types = offered_types (ticket);
    g_assert_cmpstr (limit_types, ==, "limit");
    g_assert_cmpint (bourse_order_ticket_get_order_type (ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_STOP);
    g_assert_false (bourse_order_ticket_get_valid (ticket));
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (ticket), "ticket.submit", NULL) &&
                    bourse_order_ticket_get_busy (ticket));
    bourse_order_ticket_set_order_type (ticket, BOURSE_ORDER_TYPE_LIMIT);

    /* the ticket lets go of the stores before they stop */
    bourse_order_ticket_set_store (ticket, NULL);
    gtk_window_destroy (window);
    g_clear_object (&narrow_trader);
    g_clear_object (&pending_trader);
    flag_broker_stop (&narrow);
    flag_broker_stop (&pending_only);
    flag_broker_stop (&limit_only);
  }
}

/* The label under the Positions tab that shows money ("+12.34"). */
static char *
shown_pl (GtkWidget *positions)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) money = g_regex_new ("^[+-][0-9]+\\.[0-9][0-9]$", 0, 0, NULL);

  collect_labels (positions, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_regex_match (money, g_ptr_array_index (texts, i), 0, NULL))
      return g_strdup (g_ptr_array_index (texts, i));
  return NULL;
}

/* The shown P&L is no longer @before; *@now is what it shows. */
static gboolean
pl_changed (GtkWidget  *positions,
            const char *before,
            char      **now)
{
  g_free (*now);
  *now = shown_pl (positions);
  return *now != NULL && g_strcmp0 (*now, before) != 0;
}

/* The row shows the store's position P&L, to the cent. */
static gboolean
pl_matches_position (Terminal  *t,
                     GtkWidget *positions)
{
  BoursePosition *position = bourse_test_find_position (t, "EURUSD");
  g_autofree char *shown = shown_pl (positions);
  g_autofree char *expected = position ? g_strdup_printf ("%+.2f", bourse_position_get_unrealized_pl (position)) : NULL;

  return expected != NULL && g_strcmp0 (shown, expected) == 0;
}

static gboolean
has_marker (Terminal   *t,
            JsonObject *execution)
{
  GArray *markers = bourse_chart_peek_markers (t->window->chart);
  gboolean buy = g_str_equal (json_object_get_string_member (execution, "side"), "buy");
  double price = json_object_get_double_member (execution, "price");
  g_autofree char *text = g_strdup_printf ("%s %.10g", buy ? "B" : "S", json_object_get_double_member (execution, "qty"));

  for (guint i = 0; markers != NULL && i < markers->len; i++)
    {
      const BourseMarker *marker = &g_array_index (markers, BourseMarker, i);

      if (marker->kind == (buy ? BOURSE_MARKER_BUY : BOURSE_MARKER_SELL) &&
          fabs (marker->price - price) < 1e-9 && g_strcmp0 (marker->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_fills_markers_and_live_pl (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *positions = GTK_WIDGET (bourse_account_manager_get_positions_view (t->window->account_manager));
  g_autoptr(JsonNode) executions = NULL;
  BoursePosition *position;
  g_autofree char *first = NULL;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  _bourse_window_set_symbol (t->window, "EURUSD");
  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL, 30);
  g_assert_null (bourse_test_find_position (t, "EURUSD"));

  bourse_order_ticket_set_side (t->window->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (t->window->order_ticket, 100000);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 15);
  gtk_widget_activate_action (GTK_WIDGET (t->window->order_ticket), "ticket.submit", NULL);
  WAIT_UNTIL ((position = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
  WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);

  /* Fills are markers: one per execution the broker reports, at its price. */
  executions = bourse_test_demo_get (t, "/accounts/D1/executions?instrument=EURUSD");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (executions)), >=, 1);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (executions)); i++)
    WAIT_UNTIL (has_marker (t, json_array_get_object_element (json_node_get_array (executions), i)), 15);

  /* Positions show live P&L: the row's Profit changes as quotes move, and
   * each time says what the position is worth in the store. */
  bourse_account_manager_set_page (t->window->account_manager, "positions");
  WAIT_UNTIL ((first = shown_pl (positions)) != NULL, 15);
  for (guint changes = 0; changes < 3; changes++)
    {
      g_autofree char *now = NULL;

      WAIT_UNTIL (pl_changed (positions, first, &now), 40);
      WAIT_UNTIL (pl_matches_position (t, positions), 15);
      g_test_message ("P&L shown: %s → %s", first, now);
      g_free (first);
      first = g_steal_pointer (&now);
    }

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "close-position",
                                  g_variant_new_string (bourse_position_get_id (bourse_test_find_position (t, "EURUSD"))));
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
}

static void
test_account_tabs_show_broker_data (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseAccountManager *manager = t->window->account_manager;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) executions = NULL;
  JsonArray *rows;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  /* the P&L test traded: there is history and there are executions */

  /* Account Summary: the tables of /state's accountManager data, cell by cell. */
  bourse_account_manager_set_page (manager, "summary");
  bourse_test_wait_for_frame (GTK_WIDGET (manager));
  state = bourse_test_demo_get (t, "/accounts/D1/state");
  g_assert_true (json_object_has_member (json_node_get_object (state), "amData"));
  rows = json_object_get_array_member (json_node_get_object (state), "amData");
  g_assert_cmpuint (json_array_get_length (rows), >=, 1);
  for (guint table = 0; table < json_array_get_length (rows); table++)
    {
      JsonArray *table_rows = json_array_get_array_element (rows, table);

      for (guint r = 0; r < json_array_get_length (table_rows); r++)
        {
          JsonArray *cells = json_array_get_array_element (table_rows, r);

          for (guint c = 0; c < json_array_get_length (cells); c++)
            {
              const char *cell = json_array_get_string_element (cells, c);

              /* the broker's values move with the quotes; the labels are its words */
              if (c == 0)
                WAIT_UNTIL (shows_text (GTK_WIDGET (manager), cell), 15);
            }
        }
    }
  {
    g_autofree char *balance = g_strdup_printf ("Balance %.2f", json_object_get_double_member (json_node_get_object (state), "balance"));
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
    gboolean found = FALSE;

    collect_labels (GTK_WIDGET (manager), texts);
    for (guint i = 0; i < texts->len; i++)
      found |= g_str_has_prefix (g_ptr_array_index (texts, i), balance);
    g_test_message ("expecting a label starting with “%s”", balance);
    g_assert_true (found);
  }

  /* History: every final order /ordersHistory lists, by id. */
  bourse_account_manager_set_page (manager, "history");
  history = bourse_test_demo_get (t, "/accounts/D1/ordersHistory?maxCount=100");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (history)), >=, 2);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (history)); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (json_node_get_array (history), i), "id");

      WAIT_UNTIL (shows_text (GTK_WIDGET (manager), id), 15);
    }

  /* Executions: each one's order id and price as the broker gives them. */
  bourse_account_manager_set_page (manager, "executions");
  executions = bourse_test_demo_get (t, "/accounts/D1/executions?instrument=EURUSD");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (executions)), >=, 2);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (executions)); i++)
    {
      JsonObject *execution = json_array_get_object_element (json_node_get_array (executions), i);
      double tick = bourse_instrument_get_min_tick (bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD"));
      g_autofree char *price = bourse_format_price (json_object_get_double_member (execution, "price"), tick);

      WAIT_UNTIL (shows_text (GTK_WIDGET (manager), json_object_get_string_member (execution, "orderId")), 15);
      WAIT_UNTIL (shows_text (GTK_WIDGET (manager), price), 15);
    }
  bourse_account_manager_set_page (manager, "positions");
}

/* "The watchlist streams quotes (+ searches the broker's instruments)" and
 * the depth of market next to it. */
static void
test_watchlist_and_dom (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseSymbolSearch *search = t->window->symbol_search;
  g_auto(GStrv) symbols = NULL;
  double price;

  WAIT_UNTIL (bourse_test_is_live (t), 40);

  /* Activating a watchlist row loads the symbol in the chart and the ticket. */
  bourse_watchlist_activate_symbol (t->window->watchlist, "GBPUSD");
  g_assert_cmpstr (bourse_window_get_symbol (t->window), ==, "GBPUSD");
  WAIT_UNTIL (bourse_order_ticket_get_instrument (t->window->order_ticket) != NULL &&
              g_str_equal (bourse_instrument_get_name (bourse_order_ticket_get_instrument (t->window->order_ticket)), "GBPUSD"), 15);
  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 10, 30);

  /* The symbol search filters the broker's instruments by name and description. */
  bourse_symbol_search_set_query (search, "usd");
  g_assert_cmpuint (bourse_symbol_search_get_n_results (search), >=, 3);
  bourse_symbol_search_set_query (search, "no such instrument");
  g_assert_cmpuint (bourse_symbol_search_get_n_results (search), ==, 0);
  g_assert_false (bourse_symbol_search_activate_first (search));
  bourse_symbol_search_set_query (search, "EURUSD");
  g_assert_true (bourse_symbol_search_activate_first (search));
  g_assert_cmpstr (bourse_window_get_symbol (t->window), ==, "EURUSD");

  /* Watchlist edits are kept in GSettings. */
  g_assert_true (bourse_watchlist_remove_symbol (t->window->watchlist, "MSFT"));
  symbols = bourse_settings_dup_watchlist (bourse_application_get_settings (t->app));
  g_assert_false (g_strv_contains ((const char * const *) symbols, "MSFT"));
  g_assert_true (bourse_watchlist_add_symbol (t->window->watchlist, "MSFT"));
  g_assert_false (bourse_watchlist_add_symbol (t->window->watchlist, "MSFT"));
  /* The row's ✕ button: watchlist.remove with the symbol. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t->window->watchlist), "watchlist.remove", "s", "AAPL"));
  g_strfreev (symbols);
  symbols = bourse_watchlist_dup_symbols (t->window->watchlist);
  g_assert_false (g_strv_contains ((const char * const *) symbols, "AAPL"));
  bourse_watchlist_add_symbol (t->window->watchlist, "AAPL");

  /* A click on a bid level's size places a buy limit there with the ticket's quantity. */
  WAIT_UNTIL (bourse_dom_ladder_get_n_levels (t->window->dom_ladder) >= 10, 30);
  bourse_order_ticket_set_qty (t->window->order_ticket, 2000);
  {
    const double *prices, *sizes;
    double tick = bourse_instrument_get_min_tick (bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD"));
    guint n = bourse_depth_get_bids (bourse_dom_ladder_get_depth (t->window->dom_ladder), &prices, &sizes);
    BourseOrder *order;

    g_assert_cmpuint (n, >=, 5);
    price = prices[4];
    bourse_dom_ladder_click_level (t->window->dom_ladder, 4, TRUE);
    g_assert_cmpint (bourse_order_ticket_get_side (t->window->order_ticket), ==, BOURSE_SIDE_BUY);
    g_assert_cmpint (bourse_order_ticket_get_order_type (t->window->order_ticket), ==, BOURSE_ORDER_TYPE_LIMIT);
    /* It rests below the market unless the book moved through it meanwhile. */
    WAIT_UNTIL (!bourse_order_ticket_get_busy (t->window->order_ticket), 30);
    g_assert_nonnull (strstr (bourse_order_ticket_get_status_text (t->window->order_ticket), "placed"));
    /* The orders stream may bring it a moment after the POST's answer. */
    WAIT_UNTIL ((order = bourse_test_find_working_limit (t, price, tick)) != NULL || bourse_test_find_position (t, "EURUSD") != NULL, 30);
    if (order != NULL)
      {
        g_assert_cmpfloat (bourse_order_get_qty (order), ==, 2000);
        g_action_group_activate_action (G_ACTION_GROUP (t->window), "cancel-order",
                                        g_variant_new_string (bourse_order_get_id (order)));
        WAIT_UNTIL (bourse_test_find_working_limit (t, price, tick) == NULL, 30);
      }
    else
      {
        BoursePosition *filled;

        WAIT_UNTIL ((filled = bourse_test_find_position (t, "EURUSD")) != NULL, 30);
        g_action_group_activate_action (G_ACTION_GROUP (t->window), "close-position",
                                        g_variant_new_string (bourse_position_get_id (filled)));
        WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") == NULL, 30);
      }
  }
  bourse_order_ticket_set_order_type (t->window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
}

/* Alerts keep running with the window closed: created in the window, which
 * is closed before the main loop runs again, so the alert can only fire
 * afterwards; it must still fire and reach the desktop. Runs last. */
static void
test_alerts_run_with_window_closed (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseAlertManager *manager = bourse_application_get_alert_manager (t->app);
  GListModel *log = bourse_alert_manager_get_log (manager);
  AdwMessageDialog *dialog;
  GtkWidget *grid;
  guint seen, logged;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  if (!t->notifications_owned)
    {
      g_test_skip ("needs a session bus");
      return;
    }
  logged = g_list_model_get_n_items (log);
  seen = t->notified->len;

  /* "Alert at…" 0.5 on EURUSD, Greater Than: true at the next quote. */
  _bourse_window_set_symbol (t->window, "EURUSD");
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "add-alert-at", g_variant_new_double (0.5));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  grid = adw_message_dialog_get_extra_child (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_named (grid, "condition")), 3);
  adw_message_dialog_response (dialog, "create");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpuint (bourse_alert_manager_get_n_active (manager), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, logged);
  gtk_window_close (GTK_WINDOW (t->window));
  t->window = NULL;

  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (t->app)) == NULL, 15);
  WAIT_UNTIL (g_list_model_get_n_items (log) > logged, 60);
  WAIT_UNTIL (bourse_test_notified (t, seen, "EURUSD"), 30);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (t->app)));

  /* The notification's click brings the terminal back, still connected. */
  g_action_group_activate_action (G_ACTION_GROUP (t->app), "activate", NULL);
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (t->app)) != NULL, 15);
  t->window = BOURSE_WINDOW (gtk_application_get_windows (GTK_APPLICATION (t->app))->data);
  WAIT_UNTIL (bourse_test_is_live (t), 40);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Claims/resolution-keys", test_resolution_keys },
    { "/Bourse/UI/Claims/ticket-follows-broker-flags", test_ticket_follows_broker_flags },
    { "/Bourse/UI/Claims/fills-markers-and-live-pl", test_fills_markers_and_live_pl },
    { "/Bourse/UI/Claims/account-tabs-show-broker-data", test_account_tabs_show_broker_data },
    { "/Bourse/UI/Claims/watchlist-and-dom", test_watchlist_and_dom },
    { "/Bourse/UI/Claims/alerts-run-with-window-closed", test_alerts_run_with_window_closed },
  };

  return bourse_test_terminal_main (&argc, &argv, TRUE, cases, G_N_ELEMENTS (cases));
}
