/* bourse-window-store.c — the window's broker store: panels wired to it, subscriptions, fills and rejections
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window follows one store at a time. Wiring hands every panel the
 * store's lists; once the store is live (its config and accounts known) the
 * ticket, DOM and account manager are set up from it. The window keeps
 * quotes subscribed for the watchlist's symbols and the chart's, depth for
 * the chart's symbol where the broker has Level 2, and says each fill and
 * rejection as a toast and a desktop notification. Unwiring drops all of
 * it: subscriptions, signal handlers and requests in flight.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-price.h"
#include "bourse-store-signals-private.h"
#include "bourse-window-private.h"

/* The chart's quote feeds the ticket (market price, spread); the chart's bars
 * come from the symbol's feed, never from this quote. */
static void
follow_chart_quote (BourseWindow *self)
{
  BourseQuote *quote = self->store ? bourse_broker_store_lookup_quote (self->store, self->symbol) : NULL;

  if (quote == self->chart_quote)
    return;
  g_set_object (&self->chart_quote, quote);
  bourse_order_ticket_set_quote (self->order_ticket, quote);
}

static void
update_ticket_instrument (BourseWindow *self)
{
  BourseInstrument *instrument = self->store ? bourse_broker_store_lookup_instrument (self->store, self->symbol) : NULL;

  bourse_order_ticket_set_instrument (self->order_ticket, instrument);
  bourse_dom_ladder_set_tick (self->dom_ladder, _bourse_window_tick (self, self->symbol));
}

static void
update_depth_subscription (BourseWindow *self)
{
  BourseDepth *depth = NULL;

  /* Level 2 only where the broker says it has it (supportLevel2Data). */
  if (self->store && self->store_initialized && self->depth_supported &&
      g_strcmp0 (self->depth_subscription, self->symbol) != 0)
    {
      /* The store emits items-changed on its depths list from inside these
       * calls, which lands back here: record the new subscription first, and
       * keep the old symbol alive until the store is done with it. */
      g_autofree char *previous = g_steal_pointer (&self->depth_subscription);

      self->depth_subscription = g_strdup (self->symbol);
      if (previous)
        bourse_broker_store_unsubscribe_depth (self->store, previous);
      bourse_broker_store_subscribe_depth (self->store, self->depth_subscription);
    }
  if (self->store)
    depth = bourse_broker_store_lookup_depth (self->store, self->symbol);
  bourse_dom_ladder_set_depth (self->dom_ladder, depth);
  bourse_dom_ladder_set_orders (self->dom_ladder,
                                self->store ? bourse_broker_store_get_orders (self->store) : NULL,
                                self->symbol);
}

static void
subscribe_quotes (BourseWindow *self,
                  const char   *symbol)
{
  if (self->store == NULL || symbol == NULL)
    return;
  for (guint i = 0; i < self->quote_subscriptions->len; i++)
    if (g_str_equal (g_ptr_array_index (self->quote_subscriptions, i), symbol))
      return;
  bourse_broker_store_subscribe_quotes (self->store, symbol);
  g_ptr_array_add (self->quote_subscriptions, g_strdup (symbol));
}

void
_bourse_window_sync_quote_subscriptions (BourseWindow *self)
{
  g_auto(GStrv) symbols = bourse_watchlist_dup_symbols (self->watchlist);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  if (self->store == NULL)
    return;

  for (guint i = 0; symbols[i]; i++)
    subscribe_quotes (self, symbols[i]);
  subscribe_quotes (self, self->symbol);

  /* Drop the symbols neither the watchlist nor the chart shows any more. */
  for (guint i = 0; i < self->quote_subscriptions->len; i++)
    {
      const char *symbol = g_ptr_array_index (self->quote_subscriptions, i);

      if (g_strv_contains ((const char * const *) symbols, symbol) || g_str_equal (symbol, self->symbol))
        g_ptr_array_add (keep, g_strdup (symbol));
      else
        bourse_broker_store_unsubscribe_quotes (self->store, symbol);
    }
  g_ptr_array_set_size (self->quote_subscriptions, 0);
  for (guint i = 0; i < keep->len; i++)
    g_ptr_array_add (self->quote_subscriptions, g_strdup (g_ptr_array_index (keep, i)));
}

/* The user's accounts at this broker, as radio items of win.switch-account. */
static void
rebuild_accounts_menu (BourseWindow *self)
{
  GListModel *accounts = self->store ? bourse_broker_store_get_accounts (self->store) : NULL;
  guint n = accounts ? g_list_model_get_n_items (accounts) : 0;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");
  const char *current = self->store ? bourse_broker_store_get_account_id (self->store) : NULL;

  g_menu_remove_all (self->accounts_section);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", bourse_account_get_name (account), bourse_account_get_id (account));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.switch-account", "s", bourse_account_get_id (account));
      g_menu_append_item (self->accounts_section, item);
    }
  if (action && current)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (current));
}

/* The shown symbol changed (or the store came): its quote, instrument and
 * depth follow, and the quote subscriptions are brought up to date. */
void
_bourse_window_follow_symbol (BourseWindow *self)
{
  _bourse_window_sync_quote_subscriptions (self);
  follow_chart_quote (self);
  update_ticket_instrument (self);
  update_depth_subscription (self);
}

static void
initialize_store (BourseWindow *self)
{
  BourseAccountState *state;
  GListModel *accounts;
  const char *account_id;
  g_autofree char *account_title = NULL;
  const char *currency = NULL;
  JsonNode *config;
  guint n;

  if (self->store_initialized || self->store == NULL)
    return;
  self->store_initialized = TRUE;

  config = bourse_broker_store_get_config (self->store);
  bourse_order_ticket_set_config (self->order_ticket, config);
  self->depth_supported = bourse_trader_get_flag (self->trader, "supportLevel2Data");
  bourse_dom_ladder_set_available (self->dom_ladder, self->depth_supported);
  if (config && JSON_NODE_HOLDS_OBJECT (config) &&
      json_object_has_member (json_node_get_object (config), "accountManager"))
    bourse_account_manager_set_summary_layout (self->account_manager,
                                               json_object_get_member (json_node_get_object (config), "accountManager"));

  accounts = bourse_broker_store_get_accounts (self->store);
  account_id = bourse_broker_store_get_account_id (self->store);
  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (bourse_account_get_id (account), account_id) == 0)
        {
          account_title = g_strdup_printf ("%s · %s", bourse_account_get_name (account), account_id);
          currency = bourse_account_get_currency (account);
          bourse_account_manager_set_account (self->account_manager, account_title, currency);
        }
    }

  state = bourse_broker_store_get_account_state (self->store);
  bourse_account_manager_set_account_state (self->account_manager, state);
  rebuild_accounts_menu (self);

  _bourse_window_follow_symbol (self);
}

static void
store_state_changed_cb (BourseWindow *self)
{
  _bourse_window_update_connection_indicator (self);
  _bourse_window_update_actions (self);
  if (self->store && bourse_broker_store_get_connection_state (self->store) == BOURSE_CONNECTION_STATE_LIVE)
    initialize_store (self);
}

static void
store_quotes_changed_cb (BourseWindow *self)
{
  follow_chart_quote (self);
}

static void
store_depths_changed_cb (BourseWindow *self)
{
  update_depth_subscription (self);
}

static void
store_instruments_changed_cb (BourseWindow *self)
{
  update_ticket_instrument (self);
}

static void
store_entity_changed_cb (BourseWindow *self,
                         const char   *kind,
                         const char   *change,
                         GObject      *entity)
{
  if (g_strcmp0 (kind, "execution") == 0 && g_strcmp0 (change, "added") == 0 && BOURSE_IS_EXECUTION (entity))
    {
      BourseExecution *execution = BOURSE_EXECUTION (entity);
      g_autofree char *price = bourse_format_price (bourse_execution_get_price (execution),
                                                    _bourse_window_tick (self, bourse_execution_get_instrument (execution)));
      g_autofree char *message =
        /* Translators: "Filled: Buy 1000 EURUSD @ 1.08412" */
        g_strdup_printf (_("Filled: %s %.10g %s @ %s"),
                         bourse_execution_get_side (execution) == BOURSE_SIDE_SELL ? _("Sell") : _("Buy"),
                         bourse_execution_get_qty (execution),
                         bourse_execution_get_instrument (execution), price);
      g_autofree char *id = g_strconcat ("fill-", bourse_execution_get_id (execution), NULL);

      _bourse_window_toast (self, message);
      _bourse_window_notify_desktop (self, id, _("Order filled"), message);
      _bourse_window_panels_fill_seen (self);
    }
  else if (g_strcmp0 (kind, "order") == 0 && BOURSE_IS_ORDER (entity) &&
           bourse_order_get_status (BOURSE_ORDER (entity)) == BOURSE_ORDER_STATUS_REJECTED &&
           g_strcmp0 (change, "removed") != 0)
    {
      BourseOrder *order = BOURSE_ORDER (entity);
      JsonNode *message_node = bourse_order_get_message (order);
      const char *text = NULL;
      g_autofree char *message = NULL;

      if (message_node && JSON_NODE_HOLDS_OBJECT (message_node))
        text = json_object_get_string_member_with_default (json_node_get_object (message_node), "text", NULL);
      g_autofree char *id = g_strconcat ("order-", bourse_order_get_id (order), NULL);

      message = g_strdup_printf (_("Order %s rejected%s%s"), bourse_order_get_id (order),
                                 text ? ": " : "", text ? text : "");
      _bourse_window_toast (self, message);
      _bourse_window_notify_desktop (self, id, _("Order rejected"), message);
    }
}

static void
client_exchange_finished_cb (BourseWindow      *self,
                             BourseApiExchange *exchange)
{
  bourse_api_inspector_add_exchange (self->api_inspector, exchange);
}

/* Every signal the window follows on the store and its lists; retargeted
 * together, so a new store is followed whole or not at all. */
static void
retarget_store_signals (BourseWindow      *self,
                        BourseBrokerStore *store)
{
  g_signal_group_set_target (self->client_signals, store ? bourse_broker_store_get_client (store) : NULL);
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->quotes_signals, store ? bourse_broker_store_get_quotes (store) : NULL);
  g_signal_group_set_target (self->depths_signals, store ? bourse_broker_store_get_depths (store) : NULL);
  g_signal_group_set_target (self->instruments_signals, store ? bourse_broker_store_get_instruments (store) : NULL);
}

void
_bourse_window_init_store (BourseWindow *self)
{
  /* Before the store starts, so the inspector sees the very first request. */
  self->client_signals = g_signal_group_new (BOURSE_TYPE_BROKER_CLIENT);
  g_signal_group_connect_object (self->client_signals, "exchange-finished",
                                 G_CALLBACK (client_exchange_finished_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = _bourse_store_signals_new (self, G_CALLBACK (store_state_changed_cb),
                                                   G_CALLBACK (store_entity_changed_cb));
  self->quotes_signals = _bourse_list_signals_new (self, G_CALLBACK (store_quotes_changed_cb));
  self->depths_signals = _bourse_list_signals_new (self, G_CALLBACK (store_depths_changed_cb));
  self->instruments_signals = _bourse_list_signals_new (self, G_CALLBACK (store_instruments_changed_cb));
}

void
_bourse_window_unwire_store (BourseWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    return;

  retarget_store_signals (self, NULL);

  for (guint i = 0; i < self->quote_subscriptions->len; i++)
    bourse_broker_store_unsubscribe_quotes (self->store, g_ptr_array_index (self->quote_subscriptions, i));
  g_ptr_array_set_size (self->quote_subscriptions, 0);
  if (self->depth_subscription)
    {
      g_autofree char *previous = g_steal_pointer (&self->depth_subscription);
      bourse_broker_store_unsubscribe_depth (self->store, previous);
    }

  g_clear_object (&self->chart_quote);
  g_clear_object (&self->trader);
  g_clear_object (&self->store);
  self->store_initialized = FALSE;
}

/* The session connected elsewhere (or went away): every panel follows the
 * new store and nothing of the old one stays. */
void
_bourse_window_wire_store (BourseWindow      *self,
                           BourseBrokerStore *store)
{
  _bourse_window_unwire_store (self);

  self->cancellable = g_cancellable_new ();
  g_set_object (&self->store, store);
  if (store != NULL)
    self->trader = bourse_trader_new (store);
  bourse_chart_pane_set_trader (self->chart_pane, self->trader);
  bourse_chart_pane_set_store (self->chart_pane, store);

  bourse_order_ticket_set_store (self->order_ticket, store);
  bourse_order_ticket_set_quote (self->order_ticket, NULL);
  bourse_order_ticket_set_instrument (self->order_ticket, NULL);
  bourse_dom_ladder_set_depth (self->dom_ladder, NULL);
  bourse_account_manager_set_account_state (self->account_manager, NULL);
  bourse_account_manager_set_account (self->account_manager, NULL, NULL);

  rebuild_accounts_menu (self);

  if (store == NULL)
    {
      bourse_account_manager_set_models (self->account_manager, NULL, NULL, NULL, NULL, NULL);
      bourse_watchlist_set_quotes (self->watchlist, NULL);
      bourse_watchlist_set_instruments (self->watchlist, NULL);
      bourse_symbol_search_set_instruments (self->symbol_search, NULL);
      bourse_alerts_panel_set_instruments (self->alerts_panel, NULL);
      bourse_dom_ladder_set_tick (self->dom_ladder, _bourse_window_tick (self, self->symbol));
      return;
    }

  bourse_account_manager_set_models (self->account_manager,
                                     bourse_broker_store_get_positions (store),
                                     bourse_broker_store_get_orders (store),
                                     bourse_broker_store_get_order_history (store),
                                     bourse_broker_store_get_executions (store),
                                     bourse_broker_store_get_instruments (store));
  bourse_watchlist_set_instruments (self->watchlist, bourse_broker_store_get_instruments (store));
  bourse_watchlist_set_quotes (self->watchlist, bourse_broker_store_get_quotes (store));
  bourse_symbol_search_set_instruments (self->symbol_search, bourse_broker_store_get_instruments (store));
  bourse_alerts_panel_set_instruments (self->alerts_panel, bourse_broker_store_get_instruments (store));

  retarget_store_signals (self, store);
  store_state_changed_cb (self);
}
