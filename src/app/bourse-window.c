/* bourse-window.c — the terminal's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window follows its session's store: when the session connects
 * elsewhere, every panel is rewired to the new store and everything of the
 * old one (subscriptions, handlers, requests in flight) is dropped. The
 * chart area is its own widget (bourse-chart-pane.c): the window hands it
 * the symbol, resolution, chart type, store and trader, and shows its toasts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-order-validation.h"
#include "bourse-store-signals-private.h"
#include "bourse-window-private.h"

G_DEFINE_FINAL_TYPE (BourseWindow, bourse_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SYMBOL,
  PROP_RESOLUTION,
  PROP_STORE,
  PROP_ALERT_MANAGER,
  N_PROPS
};

enum {
  NOTIFICATION_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -- helpers ------------------------------------------------------------- */

static void
show_toast (BourseWindow     *self,
            const char       *message,
            AdwToastPriority  priority)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->n_toasts++;
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

void
_bourse_window_toast (BourseWindow *self,
                      const char   *message)
{
  show_toast (self, message, ADW_TOAST_PRIORITY_NORMAL);
}

/* Fills and rejections also reach a trader looking at another window:
 * whoever made the window decides how (the application, with a desktop
 * notification when no terminal has the focus). */
static void
notify_desktop (BourseWindow *self,
                const char   *id,
                const char   *title,
                const char   *body)
{
  g_signal_emit (self, signals[NOTIFICATION_REQUESTED], 0, id, title, body);
}

/* Shows what failed with the broker's own words when it gave any. */
void
_bourse_window_report_error (BourseWindow *self,
                             const char   *what,
                             const GError *error)
{
  g_autofree char *message = NULL;
  const char *errmsg;

  if (error == NULL || bourse_broker_error_is_cancelled (error))
    return;

  errmsg = bourse_broker_error_get_errmsg (error);
  /* Translators: "Order rejected: Not enough margin" */
  message = g_strdup_printf (_("%s: %s"), what, errmsg ? errmsg : error->message);
  /* Failures jump the queue of fill notices. */
  show_toast (self, message, ADW_TOAST_PRIORITY_HIGH);
}

static double
instrument_tick (BourseWindow *self,
                 const char   *symbol)
{
  return self->trader ? bourse_trader_get_tick (self->trader, symbol) : 0.01;
}

/* -- connection indicator ------------------------------------------------ */

static void
update_connection_indicator (BourseWindow *self)
{
  static const char *classes[] = { "live", "connecting", "reconnecting", "failed" };
  BourseConnectionState state = bourse_session_get_state (self->session);
  const char *title = bourse_session_get_title (self->session);
  const char *status = bourse_session_get_status_text (self->session);
  const char *icon, *css_class;
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;

  switch (state)
    {
    case BOURSE_CONNECTION_STATE_LIVE:
      icon = "network-transmit-receive-symbolic";
      css_class = "live";
      break;
    case BOURSE_CONNECTION_STATE_CONNECTING:
      icon = "network-idle-symbolic";
      css_class = "connecting";
      break;
    case BOURSE_CONNECTION_STATE_RECONNECTING:
      icon = "network-idle-symbolic";
      css_class = "reconnecting";
      break;
    case BOURSE_CONNECTION_STATE_FAILED:
      icon = "network-error-symbolic";
      css_class = "failed";
      break;
    case BOURSE_CONNECTION_STATE_DISCONNECTED:
    default:
      icon = "network-offline-symbolic";
      css_class = NULL;
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connection_button), classes[i]);
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (self->connection_button), css_class);
  gtk_image_set_from_icon_name (self->connection_icon, icon);

  if (state == BOURSE_CONNECTION_STATE_LIVE && self->store && bourse_broker_store_get_account_id (self->store))
    label = g_strdup_printf ("%s · %s", status, bourse_broker_store_get_account_id (self->store));
  else
    label = g_strdup (status);
  gtk_label_set_text (self->connection_label, label);
  gtk_label_set_ellipsize (self->connection_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->connection_label, 40);

  tooltip = g_strdup_printf ("%s — %s", title ? title : _("No broker"), status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_button), tooltip);

  {
    /* Translators: window title, e.g. "Bourse — Demo Broker" */
    g_autofree char *window_title = title ? g_strdup_printf (_("Bourse — %s"), title) : g_strdup (_("Bourse"));
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

/* -- chart --------------------------------------------------------------- */

static void
chart_pane_toast_cb (BourseWindow *self,
                     const char   *message)
{
  _bourse_window_toast (self, message);
}

static void
chart_pane_error_cb (BourseWindow *self,
                     const char   *what,
                     const GError *error)
{
  _bourse_window_report_error (self, what, error);
}

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

/* -- store wiring -------------------------------------------------------- */

static void
update_ticket_instrument (BourseWindow *self)
{
  BourseInstrument *instrument = self->store ? bourse_broker_store_lookup_instrument (self->store, self->symbol) : NULL;

  bourse_order_ticket_set_instrument (self->order_ticket, instrument);
  bourse_dom_ladder_set_tick (self->dom_ladder, instrument_tick (self, self->symbol));
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

static void
sync_quote_subscriptions (BourseWindow *self)
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

  sync_quote_subscriptions (self);
  follow_chart_quote (self);
  update_ticket_instrument (self);
  update_depth_subscription (self);
}

static void
store_state_changed_cb (BourseWindow *self)
{
  update_connection_indicator (self);
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
                                                    instrument_tick (self, bourse_execution_get_instrument (execution)));
      g_autofree char *message =
        /* Translators: "Filled: Buy 1000 EURUSD @ 1.08412" */
        g_strdup_printf (_("Filled: %s %.10g %s @ %s"),
                         bourse_execution_get_side (execution) == BOURSE_SIDE_SELL ? _("Sell") : _("Buy"),
                         bourse_execution_get_qty (execution),
                         bourse_execution_get_instrument (execution), price);
      g_autofree char *id = g_strconcat ("fill-", bourse_execution_get_id (execution), NULL);

      _bourse_window_toast (self, message);
      notify_desktop (self, id, _("Order filled"), message);
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
      notify_desktop (self, id, _("Order rejected"), message);
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

static void
create_store_signals (BourseWindow *self)
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

static void
unwire_store (BourseWindow *self)
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
static void
wire_store (BourseWindow      *self,
            BourseBrokerStore *store)
{
  unwire_store (self);

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
      bourse_dom_ladder_set_tick (self->dom_ladder, instrument_tick (self, self->symbol));
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

static void
session_state_changed_cb (BourseWindow *self)
{
  BourseConnectionState state = bourse_session_get_state (self->session);

  update_connection_indicator (self);
  _bourse_window_update_actions (self);

  if (state == BOURSE_CONNECTION_STATE_FAILED)
    {
      /* Translators: "Demo Broker — Failed: Connection refused" */
      g_autofree char *message = g_strdup_printf (_("%s — %s"), bourse_session_get_title (self->session),
                                                  bourse_session_get_status_text (self->session));
      show_toast (self, message, ADW_TOAST_PRIORITY_HIGH);
    }
}

static void
alert_triggered_cb (BourseWindow     *self,
                    BourseAlert      *alert,
                    BourseAlertEvent *event)
{
  g_autofree char *message = g_strdup_printf (_("Alert %s: %s"), bourse_alert_event_get_symbol (event),
                                              bourse_alert_event_get_message (event));

  _bourse_window_toast (self, message);
}

static void
set_alert_manager (BourseWindow       *self,
                   BourseAlertManager *alert_manager)
{
  if (!g_set_object (&self->alert_manager, alert_manager))
    return;
  g_signal_group_set_target (self->alert_signals, alert_manager);
  if (alert_manager == NULL)
    bourse_alerts_panel_set_models (self->alerts_panel, NULL, NULL);
  else
    bourse_alerts_panel_set_models (self->alerts_panel,
                                    bourse_alert_manager_get_alerts (alert_manager),
                                    bourse_alert_manager_get_log (alert_manager));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALERT_MANAGER]);
}

/* -- ticket, watchlist, DOM ---------------------------------------------- */

static void
ticket_order_placed_cb (BourseWindow *self,
                        const char   *order_id)
{
  g_autofree char *message = g_strdup_printf (_("Order %s placed"), order_id);

  _bourse_window_toast (self, message);
  bourse_chart_pane_queue_sync_lines (self->chart_pane);
}

static void
ticket_order_failed_cb (BourseWindow *self,
                        const GError *error)
{
  const char *errmsg = error ? bourse_broker_error_get_errmsg (error) : NULL;

  _bourse_window_report_error (self, _("Order rejected"), error);
  if (error != NULL && !bourse_broker_error_is_cancelled (error))
    notify_desktop (self, "order-rejected", _("Order rejected"), errmsg ? errmsg : error->message);
}

static void
watchlist_symbol_activated_cb (BourseWindow *self,
                               const char   *symbol)
{
  _bourse_window_set_symbol (self, symbol);
}

static void
watchlist_symbols_changed_cb (BourseWindow *self)
{
  sync_quote_subscriptions (self);
}

static void
symbol_search_activated_cb (BourseWindow *self,
                            const char   *symbol)
{
  _bourse_window_set_symbol (self, symbol);
}

/* Click to trade: a limit order at the level with the ticket's quantity,
 * through the ticket so its checks and confirmation apply. */
static void
dom_place_limit_cb (BourseWindow *self,
                    BourseSide    side,
                    double        price)
{
  _bourse_window_prepare_order (self, side, BOURSE_ORDER_TYPE_LIMIT, price);
  /* as win.buy / win.sell: a click while another order is in flight is sent after it, not dropped */
  bourse_order_ticket_submit (self->order_ticket);
}

/* -- public-ish ---------------------------------------------------------- */

void
_bourse_window_prepare_order (BourseWindow    *self,
                              BourseSide       side,
                              BourseOrderType  type,
                              double           price)
{
  bourse_order_ticket_set_side (self->order_ticket, side);
  bourse_order_ticket_set_order_type (self->order_ticket, type);
  if (type == BOURSE_ORDER_TYPE_STOP || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    bourse_order_ticket_set_stop_price (self->order_ticket, price);
  if (type == BOURSE_ORDER_TYPE_LIMIT || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    bourse_order_ticket_set_limit_price (self->order_ticket, price);
  gtk_widget_grab_focus (GTK_WIDGET (self->order_ticket));
}

void
_bourse_window_set_symbol (BourseWindow *self,
                           const char   *symbol)
{
  if (symbol == NULL || *symbol == '\0' || g_strcmp0 (self->symbol, symbol) == 0)
    return;

  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  gtk_label_set_text (self->symbol_label, symbol);
  bourse_settings_set_chart_symbol (self->settings, symbol);

  sync_quote_subscriptions (self);
  follow_chart_quote (self);
  update_ticket_instrument (self);
  update_depth_subscription (self);
  bourse_chart_pane_set_symbol (self->chart_pane, symbol);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

/* @text is a Broker API resolution or what a trader types ("4h", "7"): one
 * spelling for the state, the settings and the feed ("240"). */
void
_bourse_window_set_resolution (BourseWindow *self,
                               const char   *text)
{
  g_autofree char *resolution = NULL;
  g_autoptr(GError) error = NULL;
  GAction *action;

  if (text == NULL)
    return;
  resolution = bourse_resolution_parse_user (text, &error);
  if (resolution == NULL)
    {
      _bourse_window_report_error (self, _("Interval not changed"), error);
      return;
    }
  if (g_strcmp0 (self->resolution, resolution) == 0)
    return;

  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  bourse_settings_set_chart_resolution (self->settings, resolution);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-resolution");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (resolution));
  bourse_chart_pane_set_resolution (self->chart_pane, resolution);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

void
_bourse_window_set_chart_type (BourseWindow *self,
                               const char   *type)
{
  GAction *action;
  static const struct { const char *nick; const char *label; } labels[] = {
    { "candles", N_("Candles") }, { "hollow-candles", N_("Hollow Candles") },
    { "heikin-ashi", N_("Heikin Ashi") }, { "bars", N_("Bars") }, { "line", N_("Line") },
    { "step-line", N_("Step Line") }, { "area", N_("Area") }, { "baseline", N_("Baseline") },
    { "histogram", N_("Histogram") },
  };

  if (!bourse_chart_pane_set_chart_type (self->chart_pane, type))
    return;

  bourse_settings_set_chart_type (self->settings, type);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].nick, type))
      gtk_menu_button_set_label (self->chart_type_button, _(labels[i].label));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-chart-type");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (type));
}

/* -- GObject ------------------------------------------------------------- */

static gboolean
bourse_window_close_request (GtkWindow *window)
{
  BourseWindow *self = BOURSE_WINDOW (window);
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  int width, height;

  _bourse_window_save_panel_sizes (self);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED, gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH, MAX (width, 360));
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, MAX (height, 300));
    }

  return GTK_WINDOW_CLASS (bourse_window_parent_class)->close_request (window);
}

/* The size follows the monitor of the display the window shows on. */
static void
bourse_window_realize (GtkWidget *widget)
{
  _bourse_window_apply_default_size (BOURSE_WINDOW (widget));
  GTK_WIDGET_CLASS (bourse_window_parent_class)->realize (widget);
}

static void
bourse_window_constructed (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);
  GSettings *settings;
  g_auto(GStrv) watchlist = NULL;
  g_autofree char *type = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *symbol = NULL;

  G_OBJECT_CLASS (bourse_window_parent_class)->constructed (object);

  self->settings = g_object_ref (bourse_session_get_settings (self->session));
  settings = bourse_settings_get_gsettings (self->settings);

  _bourse_window_restore_size (self);
  if (g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, BOURSE_SETTINGS_KEY_CONFIRM_ORDERS, self->order_ticket, "confirm", G_SETTINGS_BIND_GET);

  watchlist = bourse_settings_dup_watchlist (self->settings);
  bourse_watchlist_set_symbols (self->watchlist, (const char * const *) watchlist);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_WATCHLIST, self->watchlist, "symbols", G_SETTINGS_BIND_DEFAULT);

  symbol = bourse_settings_dup_chart_symbol (self->settings);
  resolution = bourse_settings_dup_chart_resolution (self->settings);
  type = bourse_settings_dup_chart_type (self->settings);
  self->symbol = g_strdup (*symbol ? symbol : "EURUSD");
  self->resolution = g_strdup (resolution);
  gtk_label_set_text (self->symbol_label, self->symbol);
  /* Whatever changes the chart's symbol, the watchlist highlights its row. */
  g_object_bind_property (self, "symbol", self->watchlist, "current-symbol", G_BINDING_SYNC_CREATE);

  _bourse_window_add_actions (self);
  _bourse_window_setup_panels (self);
  _bourse_window_set_chart_type (self, type);
  /* The studies come back with the settings; the bars once the pane knows
   * where from and what. */
  bourse_chart_pane_set_settings (self->chart_pane, self->settings);
  bourse_chart_pane_set_market_data (self->chart_pane, bourse_session_get_market_data (self->session));
  bourse_chart_pane_set_resolution (self->chart_pane, self->resolution);
  bourse_chart_pane_set_symbol (self->chart_pane, self->symbol);
  bourse_object_tree_set_chart_pane (self->object_tree, self->chart_pane);
  /* The toolbar's intervals: the favourites kept in the settings, the list
   * from what the symbol's broker serves or Bourse builds. */
  bourse_interval_picker_set_settings (self->interval_picker, settings);
  bourse_interval_picker_set_market_data (self->interval_picker, bourse_session_get_market_data (self->session));
  g_object_bind_property (self, "symbol", self->interval_picker, "symbol", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "resolution", self->interval_picker, "resolution", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (session_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::status-text", G_CALLBACK (update_connection_indicator), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::title", G_CALLBACK (update_connection_indicator), self, G_CONNECT_SWAPPED);

  /* The first wiring happens even without a store: the chart gets its format. */
  wire_store (self, bourse_session_get_store (self->session));
  g_binding_group_bind (self->session_bindings, "store", self, "store", G_BINDING_SYNC_CREATE);
  g_binding_group_set_source (self->session_bindings, self->session);
  update_connection_indicator (self);
  _bourse_window_update_actions (self);
}

static void
bourse_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ALERT_MANAGER:
      g_value_set_object (value, self->alert_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SYMBOL:
      _bourse_window_set_symbol (self, g_value_get_string (value));
      break;
    case PROP_RESOLUTION:
      _bourse_window_set_resolution (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      if (g_value_get_object (value) != (gpointer) self->store)
        {
          wire_store (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ALERT_MANAGER:
      set_alert_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_window_dispose (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  g_binding_group_set_source (self->session_bindings, NULL);
  unwire_store (self);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->quotes_signals);
  g_clear_object (&self->depths_signals);
  g_clear_object (&self->instruments_signals);
  g_clear_object (&self->alert_signals);
  g_clear_object (&self->alert_manager);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);

  /* The pane goes with the template (its pending drawings are saved then);
   * what we borrowed from it goes with it. */
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_WINDOW);
  self->chart = NULL;
  self->chart_view = NULL;
  self->studies = NULL;
  self->drawing_layer = NULL;
  self->drawing_store = NULL;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->quote_subscriptions, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_window_parent_class)->dispose (object);
}

static void
bourse_window_finalize (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  g_free (self->symbol);
  g_free (self->resolution);
  g_free (self->last_toast);

  G_OBJECT_CLASS (bourse_window_parent_class)->finalize (object);
}

static void
bourse_window_class_init (BourseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bourse_window_constructed;
  object_class->dispose = bourse_window_dispose;
  object_class->finalize = bourse_window_finalize;
  object_class->get_property = bourse_window_get_property;
  object_class->set_property = bourse_window_set_property;
  window_class->close_request = bourse_window_close_request;
  widget_class->realize = bourse_window_realize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, BOURSE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseWindow:store:
   *
   * The store the panels show: bound to the session's, so a new connection
   * rewires the window.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOURSE_TYPE_BROKER_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseWindow:alert-manager:
   *
   * The alerts the window lists, edits and toasts when they fire; the
   * application's, which outlive the window.
   */
  properties[PROP_ALERT_MANAGER] =
    g_param_spec_object ("alert-manager", NULL, NULL, BOURSE_TYPE_ALERT_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseWindow::notification-requested:
   * @id: (nullable): replaces an earlier notification with the same id
   * @title: the notification's title
   * @body: (nullable): its text
   *
   * A fill or a rejection worth a desktop notification.
   */
  signals[NOTIFICATION_REQUESTED] =
    g_signal_new ("notification-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (BOURSE_TYPE_WATCHLIST);
  g_type_ensure (BOURSE_TYPE_ORDER_TICKET);
  g_type_ensure (BOURSE_TYPE_DOM_LADDER);
  g_type_ensure (BOURSE_TYPE_ACCOUNT_MANAGER);
  g_type_ensure (BOURSE_TYPE_SYMBOL_SEARCH);
  g_type_ensure (BOURSE_TYPE_CHART_PANE);
  g_type_ensure (BOURSE_TYPE_ALERTS_PANEL);
  g_type_ensure (BOURSE_TYPE_API_INSPECTOR);
  g_type_ensure (BOURSE_TYPE_OBJECT_TREE);
  g_type_ensure (BOURSE_TYPE_INTERVAL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseWindow, name)
  BIND (toast_overlay); BIND (symbol_button); BIND (symbol_search); BIND (symbol_label);
  BIND (chart_type_button); BIND (indicators_button); BIND (inspector_button);
  BIND (connection_button); BIND (connection_icon); BIND (connection_label);
  BIND (vertical_paned); BIND (sidebar_paned); BIND (sidebar_stack); BIND (sidebar_strip); BIND (drawing_toolbar);
  BIND (watchlist_strip_button); BIND (trading_strip_button); BIND (alerts_strip_button);
  BIND (alert_button); BIND (undo_button); BIND (redo_button); BIND (screenshot_button); BIND (chart_settings_button);
  BIND (alerts_panel); BIND (api_inspector); BIND (object_tree); BIND (interval_picker);
  BIND (watchlist); BIND (chart_pane); BIND (order_ticket); BIND (dom_ladder); BIND (account_manager);
  BIND (accounts_section);
#undef BIND
}

static void
bourse_window_init (BourseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->quote_subscriptions = g_ptr_array_new_with_free_func (g_free);
  self->session_bindings = g_binding_group_new ();
  create_store_signals (self);
  self->alert_signals = g_signal_group_new (BOURSE_TYPE_ALERT_MANAGER);
  g_signal_group_connect_object (self->alert_signals, "alert-triggered", G_CALLBACK (alert_triggered_cb),
                                 self, G_CONNECT_SWAPPED);

  self->chart = bourse_chart_pane_get_chart (self->chart_pane);
  self->chart_view = bourse_chart_pane_get_chart_view (self->chart_pane);
  self->studies = bourse_chart_pane_get_studies (self->chart_pane);
  self->drawing_layer = bourse_chart_pane_get_drawing_layer (self->chart_pane);
  self->drawing_store = bourse_chart_pane_get_drawing_store (self->chart_pane);
  gtk_menu_button_set_menu_model (self->indicators_button, bourse_chart_pane_get_indicators_menu (self->chart_pane));
  g_signal_connect_object (self->chart_pane, "toast", G_CALLBACK (chart_pane_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_pane, "error", G_CALLBACK (chart_pane_error_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->order_ticket, "order-placed", G_CALLBACK (ticket_order_placed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->order_ticket, "order-failed", G_CALLBACK (ticket_order_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "symbol-activated", G_CALLBACK (watchlist_symbol_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "notify::symbols", G_CALLBACK (watchlist_symbols_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_search, "symbol-activated", G_CALLBACK (symbol_search_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dom_ladder, "place-limit", G_CALLBACK (dom_place_limit_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bourse_window_new:
 * @alert_manager: (nullable): the alerts to list and edit
 */
BourseWindow *
bourse_window_new (GtkApplication     *application,
                   BourseSession      *session,
                   BourseAlertManager *alert_manager)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BOURSE_IS_SESSION (session), NULL);
  g_return_val_if_fail (alert_manager == NULL || BOURSE_IS_ALERT_MANAGER (alert_manager), NULL);

  return g_object_new (BOURSE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "alert-manager", alert_manager,
                       NULL);
}

BourseSession *
bourse_window_get_session (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->session;
}

BourseOrderTicket *
bourse_window_get_order_ticket (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->order_ticket;
}

BourseAccountManager *
bourse_window_get_account_manager (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->account_manager;
}

BourseWatchlist *
bourse_window_get_watchlist (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->watchlist;
}

BourseDomLadder *
bourse_window_get_dom_ladder (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->dom_ladder;
}

BourseChartView *
bourse_window_get_chart_view (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->chart_view;
}

const char *
bourse_window_get_symbol (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->symbol;
}

const char *
bourse_window_get_resolution (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->resolution;
}

guint
bourse_window_get_n_toasts (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), 0);
  return self->n_toasts;
}

const char *
bourse_window_get_last_toast (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->last_toast;
}
