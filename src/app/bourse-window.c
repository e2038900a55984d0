/* bourse-window.c — the terminal's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window follows its session's store: when the session connects
 * elsewhere, every panel is rewired to the new store and everything of the
 * old one (subscriptions, handlers, requests in flight) is dropped. The chart
 * shows /history bars, extended live from quotes, with the account's orders,
 * positions and fills drawn on it; dragging an order line modifies the order.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-order-validation.h"
#include "bourse-window-private.h"

#define HISTORY_BARS 400

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

static void queue_sync_chart_lines (BourseWindow *self);

/* -- helpers ------------------------------------------------------------- */

static const char *
resolution_label (const char *resolution)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "1", N_("1m") }, { "5", N_("5m") }, { "15", N_("15m") },
    { "60", N_("1h") }, { "1D", N_("1D") }, { "1W", N_("1W") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].id, resolution) == 0)
      return g_dpgettext2 (NULL, "resolution", labels[i].label);
  return resolution;
}

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
update_chart_theme (BourseWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  bourse_chart_set_theme (self->chart, dark ? BOURSE_CHART_THEME_DARK : BOURSE_CHART_THEME_LIGHT);
}

static void
update_chart_format (BourseWindow *self)
{
  double tick = instrument_tick (self, self->symbol);
  g_autofree char *watermark = g_strdup_printf ("%s · %s", self->symbol, resolution_label (self->resolution));

  bourse_chart_set_price_format (self->chart, bourse_decimals_for_tick (tick), tick);
  bourse_chart_set_watermark (self->chart, watermark);
  bourse_dom_ladder_set_tick (self->dom_ladder, tick);
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

static void
feed_reset_cb (BourseWindow  *self,
               BourseBarFeed *feed)
{
  bourse_chart_set_bars (self->chart, bourse_bar_feed_get_bars (feed));
  queue_sync_chart_lines (self);
}

static void
feed_updated_cb (BourseWindow  *self,
                 gint64         time,
                 BourseBarFeed *feed)
{
  bourse_chart_bars_changed (self->chart);
}

static void
feed_error_cb (BourseWindow  *self,
               GParamSpec    *pspec,
               BourseBarFeed *feed)
{
  const GError *error = bourse_bar_feed_get_error (feed);

  if (error != NULL && !bourse_broker_error_is_cancelled (error))
    _bourse_window_report_error (self, _("Chart history unavailable"), error);
}

/* Shows the feed of the current symbol and resolution. A switch takes
 * another feed: whatever the previous one still receives (history, trades)
 * can no longer reach the chart. */
static void
follow_feed (BourseWindow *self)
{
  BourseMarketData *market_data = self->session ? bourse_session_get_market_data (self->session) : NULL;
  g_autoptr(BourseBarFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  update_chart_format (self);
  if (market_data != NULL && self->symbol != NULL && self->resolution != NULL)
    feed = bourse_market_data_get_feed (market_data, self->symbol, self->resolution, &error);

  if (self->feed != feed)
    {
      if (self->feed != NULL)
        g_signal_handlers_disconnect_by_data (self->feed, self);
      g_set_object (&self->feed, feed);
      if (feed != NULL)
        {
          g_signal_connect_object (feed, "reset", G_CALLBACK (feed_reset_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (feed, "updated", G_CALLBACK (feed_updated_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (feed, "notify::error", G_CALLBACK (feed_error_cb), self, G_CONNECT_SWAPPED);
        }
    }

  if (feed == NULL)
    {
      g_autoptr(BourseBars) empty = bourse_bars_new (0);

      bourse_chart_set_bars (self->chart, empty);
      if (error != NULL)
        _bourse_window_report_error (self, _("Chart history unavailable"), error);
      return;
    }
  bourse_chart_set_bars (self->chart, bourse_bar_feed_get_bars (feed));
  bourse_bar_feed_request_history (feed, HISTORY_BARS);
}

static void
chart_history_needed_cb (BourseWindow *self)
{
  if (self->feed != NULL)
    bourse_bar_feed_load_older (self->feed, HISTORY_BARS);
}

/* -- chart trading ------------------------------------------------------- */

static char *
order_line_label (BourseWindow *self,
                  BourseOrder  *order,
                  double        price)
{
  g_autofree char *price_text = bourse_format_price (price, instrument_tick (self, self->symbol));
  const char *kind;

  if (bourse_order_get_parent_id (order) != NULL)
    {
      /* A bracket leg: the stop is the stop loss, the limit the take profit. */
      kind = bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_STOP ? C_("chart line", "SL")
                                                                          : C_("chart line", "TP");
    }
  else
    {
      switch (bourse_order_get_order_type (order))
        {
        case BOURSE_ORDER_TYPE_LIMIT:      kind = C_("chart line", "LMT"); break;
        case BOURSE_ORDER_TYPE_STOP:       kind = C_("chart line", "STP"); break;
        case BOURSE_ORDER_TYPE_STOP_LIMIT: kind = C_("chart line", "STL"); break;
        case BOURSE_ORDER_TYPE_MARKET:
        case BOURSE_ORDER_TYPE_UNKNOWN:
        default:                           kind = C_("chart line", "MKT"); break;
        }
    }

  /* Translators: chart order line, e.g. "LMT Buy 1000 @ 1.08410" */
  return g_strdup_printf (_("%s %s %.10g @ %s"), kind,
                          bourse_order_get_side (order) == BOURSE_SIDE_SELL ? C_("side", "Sell") : C_("side", "Buy"),
                          bourse_order_get_qty (order), price_text);
}

static double
order_line_price (BourseOrder *order)
{
  switch (bourse_order_get_order_type (order))
    {
    case BOURSE_ORDER_TYPE_STOP:
    case BOURSE_ORDER_TYPE_STOP_LIMIT:
      return bourse_order_get_stop_price (order);
    case BOURSE_ORDER_TYPE_LIMIT:
      return bourse_order_get_limit_price (order);
    case BOURSE_ORDER_TYPE_MARKET:
    case BOURSE_ORDER_TYPE_UNKNOWN:
    default:
      return 0;
    }
}

static void
sync_chart_lines (BourseWindow *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  GListModel *model;
  guint n;

  if (self->store == NULL)
    {
      g_hash_table_iter_init (&iter, self->chart_line_ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        bourse_chart_remove_price_line (self->chart, key);
      g_hash_table_remove_all (self->chart_line_ids);
      bourse_chart_clear_markers (self->chart);
      g_clear_pointer (&self->markers_symbol, g_free);
      return;
    }

  model = bourse_broker_store_get_orders (self->store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      double price = order_line_price (order);
      BourseRgba color;
      BoursePriceLineFlags flags = BOURSE_PRICE_LINE_DRAGGABLE | BOURSE_PRICE_LINE_CLOSABLE;

      if (g_strcmp0 (bourse_order_get_instrument (order), self->symbol) != 0 || !(price > 0) ||
          bourse_order_status_is_final (bourse_order_get_status (order)))
        continue;

      id = g_strconcat ("order:", bourse_order_get_id (order), NULL);
      label = order_line_label (self, order, price);
      color = bourse_order_get_side (order) == BOURSE_SIDE_SELL ? BOURSE_RGBA (0xef5350, 1.0) : BOURSE_RGBA (0x26a69a, 1.0);
      if (bourse_order_get_parent_id (order) != NULL)
        color = bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_STOP ? BOURSE_RGBA (0xff9800, 1.0)
                                                                               : BOURSE_RGBA (0x2196f3, 1.0);
      if (bourse_order_get_order_type (order) != BOURSE_ORDER_TYPE_LIMIT)
        flags |= BOURSE_PRICE_LINE_DASHED;
      bourse_chart_set_price_line (self->chart, id, price, &color, label, flags);
      g_hash_table_add (seen, g_steal_pointer (&id));
    }

  model = bourse_broker_store_get_positions (self->store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BoursePosition) position = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      g_autofree char *price_text = NULL;
      BourseRgba color = BOURSE_RGBA (0x7e57c2, 1.0);
      double pl = bourse_position_get_unrealized_pl (position);

      if (g_strcmp0 (bourse_position_get_instrument (position), self->symbol) != 0 ||
          bourse_position_get_qty (position) == 0)
        continue;

      id = g_strconcat ("position:", bourse_position_get_id (position), NULL);
      price_text = bourse_format_price (bourse_position_get_avg_price (position), instrument_tick (self, self->symbol));
      /* Translators: chart position line, e.g. "Long 1000 @ 1.08410 · P&L +12.50" */
      label = g_strdup_printf (_("%s %.10g @ %s · P&L %+.2f"),
                               bourse_position_get_side (position) == BOURSE_SIDE_SELL ? _("Short") : _("Long"),
                               bourse_position_get_qty (position), price_text, pl);
      bourse_chart_set_price_line (self->chart, id, bourse_position_get_avg_price (position), &color,
                                   label, BOURSE_PRICE_LINE_CLOSABLE);
      g_hash_table_add (seen, g_steal_pointer (&id));
    }

  g_hash_table_iter_init (&iter, self->chart_line_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        bourse_chart_remove_price_line (self->chart, key);
        g_hash_table_iter_remove (&iter);
      }
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->chart_line_ids, g_strdup (key));

  /* Fills of this symbol as markers; executions only ever get added, so their
   * count tells whether the markers are current. */
  model = bourse_broker_store_get_executions (self->store);
  n = g_list_model_get_n_items (model);
  if (n == self->markers_n_executions && g_strcmp0 (self->markers_symbol, self->symbol) == 0)
    return;
  self->markers_n_executions = n;
  g_free (self->markers_symbol);
  self->markers_symbol = g_strdup (self->symbol);
  bourse_chart_clear_markers (self->chart);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseExecution) execution = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;
      gboolean buy = bourse_execution_get_side (execution) == BOURSE_SIDE_BUY;

      if (g_strcmp0 (bourse_execution_get_instrument (execution), self->symbol) != 0)
        continue;
      text = g_strdup_printf ("%s %.10g", buy ? C_("marker", "B") : C_("marker", "S"), bourse_execution_get_qty (execution));
      bourse_chart_add_marker (self->chart, bourse_execution_get_time (execution),
                               bourse_execution_get_price (execution),
                               buy ? BOURSE_MARKER_BUY : BOURSE_MARKER_SELL, text);
    }
}

static gboolean
sync_chart_lines_idle_cb (gpointer user_data)
{
  BourseWindow *self = user_data;

  self->lines_idle_id = 0;
  sync_chart_lines (self);
  return G_SOURCE_REMOVE;
}

/* Many store changes arrive together (a fill changes an order, a position,
 * an execution and the state): redraw the lines once for all of them. */
static void
queue_sync_chart_lines (BourseWindow *self)
{
  if (self->lines_idle_id == 0)
    self->lines_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, sync_chart_lines_idle_cb, self, NULL);
}

static void
modify_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BourseWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      _bourse_window_report_error (self, _("Order not modified"), error);
      /* Put the line back where the broker says the order is. */
      queue_sync_chart_lines (self);
      return;
    }
  _bourse_window_toast (self, _("Order modified"));
}

static void
modify_position_brackets_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(BourseWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      _bourse_window_report_error (self, _("Brackets not moved"), error);
      queue_sync_chart_lines (self);
      return;
    }
  _bourse_window_toast (self, _("Brackets moved"));
}

/* The trader decides what a dropped line asks of the broker (see
 * bourse-trader.h); a line it cannot move goes back where the order is. */
static void
chart_price_line_moved_cb (BourseWindow *self,
                           const char   *line_id,
                           double        price)
{
  g_autoptr(BourseTrade) trade = NULL;

  if (self->trader == NULL || !g_str_has_prefix (line_id, "order:"))
    return;
  trade = bourse_trader_plan_move_line (self->trader, line_id + strlen ("order:"), price, NULL);
  if (trade == NULL)
    {
      queue_sync_chart_lines (self);
      return;
    }
  bourse_trader_execute_async (self->trader, trade, self->cancellable,
                               trade->kind == BOURSE_TRADE_MODIFY_POSITION ? modify_position_brackets_cb : modify_order_cb,
                               g_object_ref (self));
}

static void
chart_price_line_close_clicked_cb (BourseWindow *self,
                                   const char   *line_id)
{
  if (g_str_has_prefix (line_id, "order:"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel-order", "s", line_id + strlen ("order:"));
  else if (g_str_has_prefix (line_id, "position:"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.close-position", "s", line_id + strlen ("position:"));
}

static void
chart_order_button_clicked_cb (BourseWindow *self,
                               double        price)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  double market = self->chart_quote ? bourse_quote_get_last (self->chart_quote) : NAN;
  double tick = instrument_tick (self, self->symbol);
  g_autofree char *price_text = NULL;
  gboolean below;
  double x, y;
  guint pane;

  price = bourse_round_to_tick (price, tick);
  price_text = bourse_format_price (price, tick);
  below = !(market > 0) || price < market;

  {
    g_autofree char *buy = g_strdup_printf (below ? _("Buy Limit @ %s") : _("Buy Stop @ %s"), price_text);
    g_autofree char *sell = g_strdup_printf (below ? _("Sell Stop @ %s") : _("Sell Limit @ %s"), price_text);
    g_autoptr(GMenuItem) buy_item = g_menu_item_new (buy, NULL);
    g_autoptr(GMenuItem) sell_item = g_menu_item_new (sell, NULL);

    g_menu_item_set_action_and_target (buy_item, "win.prepare-order", "(ssd)", "buy",
                                       below ? "limit" : "stop", price);
    g_menu_item_set_action_and_target (sell_item, "win.prepare-order", "(ssd)", "sell",
                                       below ? "stop" : "limit", price);
    g_autofree char *alert = g_strdup_printf (_("Alert at %s…"), price_text);
    g_autoptr(GMenuItem) alert_item = g_menu_item_new (alert, NULL);

    g_menu_append_item (menu, buy_item);
    g_menu_append_item (menu, sell_item);
    g_menu_item_set_action_and_target (alert_item, "win.add-alert-at", "d", price);
    g_menu_append_item (menu, alert_item);
  }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->order_popover), G_MENU_MODEL (menu));
  if (bourse_chart_get_crosshair (self->chart, &pane, &x, &y))
    {
      GdkRectangle rect = { (int) x, (int) y, 1, 1 };
      gtk_popover_set_pointing_to (self->order_popover, &rect);
    }
  gtk_popover_popup (self->order_popover);
}

/* -- store wiring -------------------------------------------------------- */

static void
update_ticket_instrument (BourseWindow *self)
{
  BourseInstrument *instrument = self->store ? bourse_broker_store_lookup_instrument (self->store, self->symbol) : NULL;

  bourse_order_ticket_set_instrument (self->order_ticket, instrument);
  update_chart_format (self);
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
  follow_feed (self);
  queue_sync_chart_lines (self);
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
store_lists_changed_cb (BourseWindow *self)
{
  queue_sync_chart_lines (self);
}

static void
store_entity_changed_cb (BourseWindow *self,
                         const char   *kind,
                         const char   *change,
                         GObject      *entity)
{
  queue_sync_chart_lines (self);

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
  bourse_api_inspector_add_exchange (bourse_account_manager_get_inspector (self->account_manager), exchange);
}

/* Every signal the window follows on the store and its lists; retargeted
 * together, so a new store is followed whole or not at all. */
static void
retarget_store_signals (BourseWindow      *self,
                        BourseBrokerStore *store)
{
  g_signal_group_set_target (self->client_signals, store ? bourse_broker_store_get_client (store) : NULL);
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->orders_signals, store ? bourse_broker_store_get_orders (store) : NULL);
  g_signal_group_set_target (self->positions_signals, store ? bourse_broker_store_get_positions (store) : NULL);
  g_signal_group_set_target (self->executions_signals, store ? bourse_broker_store_get_executions (store) : NULL);
  g_signal_group_set_target (self->quotes_signals, store ? bourse_broker_store_get_quotes (store) : NULL);
  g_signal_group_set_target (self->depths_signals, store ? bourse_broker_store_get_depths (store) : NULL);
  g_signal_group_set_target (self->instruments_signals, store ? bourse_broker_store_get_instruments (store) : NULL);
}

static GSignalGroup *
list_signals_new (BourseWindow *self,
                  GCallback     items_changed_cb)
{
  GSignalGroup *group = g_signal_group_new (G_TYPE_LIST_MODEL);

  g_signal_group_connect_object (group, "items-changed", items_changed_cb, self, G_CONNECT_SWAPPED);
  return group;
}

static void
create_store_signals (BourseWindow *self)
{
  /* Before the store starts, so the inspector sees the very first request. */
  self->client_signals = g_signal_group_new (BOURSE_TYPE_BROKER_CLIENT);
  g_signal_group_connect_object (self->client_signals, "exchange-finished",
                                 G_CALLBACK (client_exchange_finished_cb), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (BOURSE_TYPE_BROKER_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::connection-state",
                                 G_CALLBACK (store_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "entity-changed",
                                 G_CALLBACK (store_entity_changed_cb), self, G_CONNECT_SWAPPED);
  self->orders_signals = list_signals_new (self, G_CALLBACK (store_lists_changed_cb));
  self->positions_signals = list_signals_new (self, G_CALLBACK (store_lists_changed_cb));
  self->executions_signals = list_signals_new (self, G_CALLBACK (store_lists_changed_cb));
  self->quotes_signals = list_signals_new (self, G_CALLBACK (store_quotes_changed_cb));
  self->depths_signals = list_signals_new (self, G_CALLBACK (store_depths_changed_cb));
  self->instruments_signals = list_signals_new (self, G_CALLBACK (store_instruments_changed_cb));
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
      sync_chart_lines (self);
      follow_feed (self);
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
    bourse_account_manager_set_alert_models (self->account_manager, NULL, NULL);
  else
    bourse_account_manager_set_alert_models (self->account_manager,
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
  queue_sync_chart_lines (self);
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
  gtk_widget_activate_action (GTK_WIDGET (self->order_ticket), "ticket.submit", NULL);
}

/* -- indicators and drawings --------------------------------------------- */

static void
save_indicator_specs (BourseWindow *self)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) colors_builder = g_strv_builder_new ();
  g_auto(GStrv) specs = NULL;
  g_auto(GStrv) colors = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
      const char *color = g_hash_table_lookup (self->indicator_colors, id);

      g_strv_builder_add (builder, bourse_indicator_get_spec (indicator));
      g_strv_builder_add (colors_builder, color ? color : "");
    }
  specs = g_strv_builder_end (builder);
  colors = g_strv_builder_end (colors_builder);
  bourse_settings_set_chart_indicators (self->settings, (const char * const *) specs);
  bourse_settings_set_chart_indicator_colors (self->settings, (const char * const *) colors);
}

static void
apply_indicator_color (BourseWindow  *self,
                       const char    *id,
                       const GdkRGBA *rgba)
{
  BourseRgba color = { rgba->red, rgba->green, rgba->blue, rgba->alpha };

  bourse_chart_studies_set_color (self->studies, id, 0, &color);
  g_hash_table_replace (self->indicator_colors, g_strdup (id), gdk_rgba_to_string (rgba));
}

/* The colour of a study's first output, kept in the settings with its spec. */
gboolean
_bourse_window_set_indicator_color (BourseWindow  *self,
                                    const char    *id,
                                    const GdkRGBA *rgba)
{
  if (bourse_chart_studies_get_indicator (self->studies, id) == NULL)
    return FALSE;
  apply_indicator_color (self, id, rgba);
  save_indicator_specs (self);
  return TRUE;
}

gboolean
_bourse_window_add_indicator (BourseWindow  *self,
                              const char    *spec,
                              GError       **error)
{
  if (bourse_chart_studies_add_default (self->studies, spec, error) == NULL)
    return FALSE;
  save_indicator_specs (self);
  _bourse_window_rebuild_indicators_menu (self);
  return TRUE;
}

/* New parameters ("sma:20") for a study on the chart, kept in the settings. */
gboolean
_bourse_window_set_indicator_spec (BourseWindow  *self,
                                   const char    *id,
                                   const char    *spec,
                                   GError       **error)
{
  if (!bourse_chart_studies_set_spec (self->studies, id, spec, error))
    return FALSE;
  save_indicator_specs (self);
  _bourse_window_rebuild_indicators_menu (self);
  return TRUE;
}

void
_bourse_window_remove_indicator (BourseWindow *self,
                                 const char   *id)
{
  if (!bourse_chart_studies_remove (self->studies, id))
    return;
  g_hash_table_remove (self->indicator_colors, id);
  save_indicator_specs (self);
  _bourse_window_rebuild_indicators_menu (self);
}

void
_bourse_window_rebuild_indicators_menu (BourseWindow *self)
{
  const BourseIndicatorInfo *studies = bourse_indicator_list_studies ();
  g_autoptr(GMenu) add_menu = g_menu_new ();
  g_autoptr(GMenu) active = g_menu_new ();
  g_autoptr(GMenu) tools = g_menu_new ();
  g_autoptr(GMenu) drawing_actions = g_menu_new ();
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);

  g_menu_remove_all (self->indicators_menu);

  for (guint i = 0; studies[i].name != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (studies[i].title, NULL);

      g_menu_item_set_action_and_target (item, "win.add-indicator", "s", studies[i].name);
      g_menu_append_item (add_menu, item);
    }
  g_menu_append_submenu (self->indicators_menu, _("Add Indicator"), G_MENU_MODEL (add_menu));

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
      g_autofree char *label = g_strdup_printf (_("Remove %s"), bourse_indicator_get_spec (indicator));
      /* Translators: menu item, e.g. "Edit sma:50…" */
      g_autofree char *edit_label = g_strdup_printf (_("Edit %s…"), bourse_indicator_get_spec (indicator));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      g_autoptr(GMenuItem) edit_item = g_menu_item_new (edit_label, NULL);

      g_menu_item_set_action_and_target (edit_item, "win.edit-indicator", "s", id);
      g_menu_append_item (active, edit_item);
      g_menu_item_set_action_and_target (item, "win.remove-indicator", "s", id);
      g_menu_append_item (active, item);
    }
  if (ids->len > 0)
    g_menu_append_section (self->indicators_menu, _("On the Chart"), G_MENU_MODEL (active));

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Select and Move"), NULL);

    g_menu_item_set_action_and_target (item, "win.set-drawing-tool", "s", "none");
    g_menu_append_item (tools, item);
  }
  for (guint kind = 0; kind < BOURSE_DRAWING_N_KINDS; kind++)
    {
      const char *nick = bourse_drawing_kind_to_string (kind);
      g_autofree char *label = g_strdup (nick);
      g_autoptr(GMenuItem) item = NULL;

      /* "trend-line" → "Trend line" */
      g_strdelimit (label, "-_", ' ');
      label[0] = g_ascii_toupper (label[0]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.set-drawing-tool", "s", nick);
      g_menu_append_item (tools, item);
    }
  g_menu_append_section (self->indicators_menu, _("Drawing Tools"), G_MENU_MODEL (tools));
  g_menu_append (drawing_actions, _("Delete Selected Drawing"), "win.delete-drawing");
  g_menu_append_section (self->indicators_menu, NULL, G_MENU_MODEL (drawing_actions));
}

static void
save_drawings_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bourse_drawing_store_save_finish (BOURSE_DRAWING_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Drawings not saved: %s", error->message);
}

static gboolean
save_drawings_cb (gpointer user_data)
{
  BourseWindow *self = user_data;

  self->save_drawings_id = 0;
  if (self->drawings_symbol)
    bourse_drawing_store_save_async (self->drawing_store, self->drawings_symbol,
                                     G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)),
                                     NULL, save_drawings_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
drawings_changed_cb (BourseWindow *self)
{
  g_clear_handle_id (&self->save_drawings_id, g_source_remove);
  self->save_drawings_id = g_timeout_add (500, save_drawings_cb, self);
}

/* Each symbol has its own drawings; they follow the chart's symbol. */
static void
load_drawings (BourseWindow *self)
{
  GListStore *drawings = bourse_drawing_layer_get_drawings (self->drawing_layer);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->save_drawings_id != 0)
    {
      g_clear_handle_id (&self->save_drawings_id, g_source_remove);
      save_drawings_cb (self);
    }

  g_free (self->drawings_symbol);
  self->drawings_symbol = g_strdup (self->symbol);

  loaded = bourse_drawing_store_load (self->drawing_store, self->symbol, &error);
  if (loaded == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Drawings of %s not loaded: %s"), self->symbol, error->message);
      _bourse_window_toast (self, message);
    }
  n = loaded ? g_list_model_get_n_items (G_LIST_MODEL (loaded)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (loaded), i));

  /* Loading is not an edit: nothing to save. */
  g_signal_handler_block (drawings, self->drawings_changed_id);
  g_list_store_splice (drawings, 0, g_list_model_get_n_items (G_LIST_MODEL (drawings)), items->pdata, items->len);
  g_signal_handler_unblock (drawings, self->drawings_changed_id);
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

  g_hash_table_remove_all (self->chart_line_ids);
  {
    GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < lines->len; i++)
      g_ptr_array_add (ids, g_strdup (((BoursePriceLine *) g_ptr_array_index (lines, i))->id));
    for (guint i = 0; i < ids->len; i++)
      bourse_chart_remove_price_line (self->chart, g_ptr_array_index (ids, i));
  }

  sync_quote_subscriptions (self);
  follow_chart_quote (self);
  update_ticket_instrument (self);
  update_depth_subscription (self);
  load_drawings (self);
  follow_feed (self);
  queue_sync_chart_lines (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

void
_bourse_window_set_resolution (BourseWindow *self,
                               const char   *resolution)
{
  GAction *action;

  if (resolution == NULL || g_strcmp0 (self->resolution, resolution) == 0)
    return;

  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  bourse_settings_set_chart_resolution (self->settings, resolution);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-resolution");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (resolution));
  follow_feed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

void
_bourse_window_set_chart_type (BourseWindow *self,
                               const char   *type)
{
  BourseChartType chart_type;
  GAction *action;
  static const struct { const char *nick; const char *label; } labels[] = {
    { "candles", N_("Candles") }, { "hollow-candles", N_("Hollow Candles") },
    { "heikin-ashi", N_("Heikin Ashi") }, { "bars", N_("Bars") }, { "line", N_("Line") },
    { "step-line", N_("Step Line") }, { "area", N_("Area") }, { "baseline", N_("Baseline") },
    { "histogram", N_("Histogram") },
  };

  if (type == NULL || !bourse_chart_type_from_string (type, &chart_type))
    return;

  bourse_chart_set_chart_type (self->chart, chart_type);
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

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED, gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH, MAX (width, 360));
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, MAX (height, 300));
    }

  return GTK_WINDOW_CLASS (bourse_window_parent_class)->close_request (window);
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

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH),
                               g_settings_get_int (settings, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT));
  if (g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, BOURSE_SETTINGS_KEY_WATCHLIST_WIDTH, self->watchlist_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_CHART_WIDTH, self->sidebar_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_PANELS_POSITION, self->vertical_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_ACCOUNT_MANAGER_PAGE, self->account_manager, "page", G_SETTINGS_BIND_DEFAULT);
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

  _bourse_window_add_actions (self);
  _bourse_window_set_chart_type (self, type);

  {
    g_auto(GStrv) specs = bourse_settings_dup_chart_indicators (self->settings);
    g_auto(GStrv) colors = bourse_settings_dup_chart_indicator_colors (self->settings);
    guint n_colors = g_strv_length (colors);

    for (guint i = 0; specs[i]; i++)
      {
        g_autoptr(GError) error = NULL;
        const char *id = bourse_chart_studies_add_default (self->studies, specs[i], &error);
        GdkRGBA rgba;

        if (id == NULL)
          g_message ("Indicator “%s” not restored: %s", specs[i], error->message);
        else if (i < n_colors && colors[i][0] != '\0')
          {
            if (gdk_rgba_parse (&rgba, colors[i]))
              apply_indicator_color (self, id, &rgba);
            else
              g_message ("Colour “%s” of indicator “%s” not restored: not a colour", colors[i], specs[i]);
          }
      }
    _bourse_window_rebuild_indicators_menu (self);
  }
  load_drawings (self);
  update_chart_theme (self);

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
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  g_clear_object (&self->feed);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->orders_signals);
  g_clear_object (&self->positions_signals);
  g_clear_object (&self->executions_signals);
  g_clear_object (&self->quotes_signals);
  g_clear_object (&self->depths_signals);
  g_clear_object (&self->instruments_signals);
  g_clear_object (&self->alert_signals);
  g_clear_object (&self->alert_manager);
  g_clear_handle_id (&self->lines_idle_id, g_source_remove);
  if (self->save_drawings_id != 0 && self->drawings_symbol && self->drawing_store)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->save_drawings_id, g_source_remove);
      if (!bourse_drawing_store_save (self->drawing_store, self->drawings_symbol,
                                      G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)), &error))
        g_message ("Drawings not saved: %s", error->message);
    }
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);

  if (self->order_popover)
    gtk_widget_unparent (GTK_WIDGET (self->order_popover));
  self->order_popover = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_WINDOW);

  g_clear_object (&self->studies);
  g_clear_pointer (&self->indicator_colors, g_hash_table_unref);
  g_clear_object (&self->drawing_layer);
  g_clear_object (&self->drawing_store);
  g_clear_object (&self->indicators_menu);
  g_clear_object (&self->chart);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->quote_subscriptions, g_ptr_array_unref);
  g_clear_pointer (&self->chart_line_ids, g_hash_table_unref);

  G_OBJECT_CLASS (bourse_window_parent_class)->dispose (object);
}

static void
bourse_window_finalize (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  g_free (self->symbol);
  g_free (self->resolution);
  g_free (self->last_toast);
  g_free (self->drawings_symbol);
  g_free (self->markers_symbol);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseWindow, name)
  BIND (toast_overlay); BIND (symbol_button); BIND (symbol_search); BIND (symbol_label);
  BIND (chart_type_button); BIND (indicators_button); BIND (inspector_button);
  BIND (connection_button); BIND (connection_icon); BIND (connection_label);
  BIND (vertical_paned); BIND (watchlist_paned); BIND (sidebar_paned);
  BIND (watchlist); BIND (chart_box); BIND (order_ticket); BIND (dom_ladder); BIND (account_manager);
  BIND (accounts_section);
#undef BIND
}

static void
bourse_window_init (BourseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->quote_subscriptions = g_ptr_array_new_with_free_func (g_free);
  self->chart_line_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->indicator_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->session_bindings = g_binding_group_new ();
  create_store_signals (self);
  self->alert_signals = g_signal_group_new (BOURSE_TYPE_ALERT_MANAGER);
  g_signal_group_connect_object (self->alert_signals, "alert-triggered", G_CALLBACK (alert_triggered_cb),
                                 self, G_CONNECT_SWAPPED);

  self->chart = bourse_chart_new ();
  bourse_chart_set_volume_mode (self->chart, BOURSE_VOLUME_MODE_OVERLAY);
  self->chart_view = BOURSE_CHART_VIEW (bourse_chart_view_new (self->chart));
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart_view), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->chart_view), TRUE);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->chart_view));

  self->studies = bourse_chart_studies_new (self->chart);
  self->drawing_layer = bourse_drawing_layer_new (NULL);
  bourse_chart_add_layer (self->chart, BOURSE_CHART_LAYER (self->drawing_layer), BOURSE_CHART_MAIN_PANE);
  self->drawings_changed_id =
    g_signal_connect_object (bourse_drawing_layer_get_drawings (self->drawing_layer), "items-changed",
                             G_CALLBACK (drawings_changed_cb), self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GFile) directory = g_file_new_build_filename (g_get_user_data_dir (), "bourse", "drawings", NULL);
    self->drawing_store = bourse_drawing_store_new (directory);
  }
  self->indicators_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->indicators_button, G_MENU_MODEL (self->indicators_menu));

  self->order_popover = GTK_POPOVER (gtk_popover_menu_new_from_model (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->order_popover), GTK_WIDGET (self->chart_view));

  g_signal_connect_object (self->chart_view, "price-line-moved", G_CALLBACK (chart_price_line_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "price-line-close-clicked", G_CALLBACK (chart_price_line_close_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "order-button-clicked", G_CALLBACK (chart_order_button_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "history-needed", G_CALLBACK (chart_history_needed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->order_ticket, "order-placed", G_CALLBACK (ticket_order_placed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->order_ticket, "order-failed", G_CALLBACK (ticket_order_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "symbol-activated", G_CALLBACK (watchlist_symbol_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "notify::symbols", G_CALLBACK (watchlist_symbols_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_search, "symbol-activated", G_CALLBACK (symbol_search_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dom_ladder, "place-limit", G_CALLBACK (dom_place_limit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_chart_theme), self, G_CONNECT_SWAPPED);
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
