/* bourse-chart-pane-trading.c — chart trading in the chart pane: order, position and bracket lines, fill markers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's working orders of the shown symbol are draggable price lines
 * (bracket legs as TP/SL lines), its positions closable lines with their
 * P&L, its fills buy/sell markers. They are redrawn once per burst of store
 * changes. A dropped line goes to the trader, which decides what the broker
 * is asked; a closed line and the chart's order button go through the
 * window's "win." actions.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-chart-pane-private.h"
#include "bourse-price.h"

/* -- chart trading: lines and markers ------------------------------------ */

static char *
order_line_label (BourseChartPane *self,
                  BourseOrder     *order,
                  double           price)
{
  g_autofree char *price_text = bourse_format_price (price, _bourse_chart_pane_tick (self));
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

/* One line per working order of the symbol: draggable, closable, dashed
 * unless it is a plain limit; bracket legs in their own colours. */
static void
add_order_lines (BourseChartPane *self,
                 GHashTable      *seen)
{
  GListModel *model = bourse_broker_store_get_orders (self->store);
  guint n = g_list_model_get_n_items (model);

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
      /* A line in the user's hand stays where the pointer holds it. */
      if (g_strcmp0 (bourse_chart_view_get_dragged_line (self->chart_view), id) == 0)
        {
          const BoursePriceLine *held = bourse_chart_get_price_line (self->chart, id);
          if (held != NULL)
            price = held->price;
        }
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
}

static void
add_position_lines (BourseChartPane *self,
                    GHashTable      *seen)
{
  GListModel *model = bourse_broker_store_get_positions (self->store);
  guint n = g_list_model_get_n_items (model);

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
      price_text = bourse_format_price (bourse_position_get_avg_price (position), _bourse_chart_pane_tick (self));
      /* Translators: chart position line, e.g. "Long 1000 @ 1.08410 · P&L +12.50" */
      label = g_strdup_printf (_("%s %.10g @ %s · P&L %+.2f"),
                               bourse_position_get_side (position) == BOURSE_SIDE_SELL ? _("Short") : _("Long"),
                               bourse_position_get_qty (position), price_text, pl);
      bourse_chart_set_price_line (self->chart, id, bourse_position_get_avg_price (position), &color,
                                   label, BOURSE_PRICE_LINE_CLOSABLE);
      g_hash_table_add (seen, g_steal_pointer (&id));
    }
}

/* Fills of this symbol as markers; executions only ever get added, so their
 * count tells whether the markers are current. */
static void
sync_fill_markers (BourseChartPane *self)
{
  GListModel *model = bourse_broker_store_get_executions (self->store);
  guint n = g_list_model_get_n_items (model);

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

void
_bourse_chart_pane_sync_lines (BourseChartPane *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

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

  add_order_lines (self, seen);
  add_position_lines (self, seen);

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

  sync_fill_markers (self);
}

static gboolean
sync_chart_lines_idle_cb (gpointer user_data)
{
  BourseChartPane *self = user_data;

  self->lines_idle_id = 0;
  _bourse_chart_pane_sync_lines (self);
  return G_SOURCE_REMOVE;
}

/**
 * bourse_chart_pane_queue_sync_lines:
 *
 * Many store changes arrive together (a fill changes an order, a position,
 * an execution and the state): the lines are redrawn once for all of them.
 *
 * The idle runs at the priority the changes arrive at (the network's), not
 * below GTK's redraws: while the chart repaints on every tick and a frame
 * takes longer than the gap between ticks, redraw work is always ready and a
 * lower-priority idle would wait seconds for a quiet moment. One burst of
 * changes is one dispatch, so the next iteration still sees all of it.
 */
void
bourse_chart_pane_queue_sync_lines (BourseChartPane *self)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  if (self->lines_idle_id == 0)
    self->lines_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, sync_chart_lines_idle_cb, self, NULL);
}

/* -- chart trading: dragging, closing, the order menu --------------------- */

static void
modify_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BourseChartPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      _bourse_chart_pane_report_error (self, _("Order not modified"), error);
      /* Put the line back where the broker says the order is. */
      bourse_chart_pane_queue_sync_lines (self);
      return;
    }
  _bourse_chart_pane_toast (self, _("Order modified"));
}

static void
modify_position_brackets_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(BourseChartPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      _bourse_chart_pane_report_error (self, _("Brackets not moved"), error);
      bourse_chart_pane_queue_sync_lines (self);
      return;
    }
  _bourse_chart_pane_toast (self, _("Brackets moved"));
}

/* The trader decides what a dropped line asks of the broker (see
 * bourse-trader.h); a line it cannot move goes back where the order is. */
static void
chart_price_line_moved_cb (BourseChartPane *self,
                           const char      *line_id,
                           double           price)
{
  g_autoptr(BourseTrade) trade = NULL;

  if (self->trader == NULL || !g_str_has_prefix (line_id, "order:"))
    return;
  trade = bourse_trader_plan_move_line (self->trader, line_id + strlen ("order:"), price, NULL);
  if (trade == NULL)
    {
      bourse_chart_pane_queue_sync_lines (self);
      return;
    }
  bourse_trader_execute_async (self->trader, trade, self->cancellable,
                               trade->kind == BOURSE_TRADE_MODIFY_POSITION ? modify_position_brackets_cb : modify_order_cb,
                               g_object_ref (self));
}

/* While a line is dragged its label reads the price it would be dropped at. */
static void
chart_price_line_dragged_cb (BourseChartPane *self,
                             const char      *line_id,
                             double           price)
{
  const BoursePriceLine *line = bourse_chart_get_price_line (self->chart, line_id);
  BourseOrder *order;
  g_autofree char *label = NULL;

  if (line == NULL || self->store == NULL || !g_str_has_prefix (line_id, "order:"))
    return;
  order = bourse_broker_store_lookup_order (self->store, line_id + strlen ("order:"));
  if (order == NULL)
    return;
  label = order_line_label (self, order, price);
  bourse_chart_set_price_line (self->chart, line_id, price, &line->color, label, line->flags);
}

static void
chart_price_line_close_clicked_cb (BourseChartPane *self,
                                   const char      *line_id)
{
  if (g_str_has_prefix (line_id, "order:"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel-order", "s", line_id + strlen ("order:"));
  else if (g_str_has_prefix (line_id, "position:"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.close-position", "s", line_id + strlen ("position:"));
}

static void
chart_order_button_clicked_cb (BourseChartPane *self,
                               double           price)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  BourseQuote *quote = self->store ? bourse_broker_store_lookup_quote (self->store, self->symbol) : NULL;
  double market = quote ? bourse_quote_get_last (quote) : NAN;
  double tick = _bourse_chart_pane_tick (self);
  g_autofree char *price_text = NULL;
  gboolean below;

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
  /* At the pointer (on the "+"), not at the crosshair, which stays in the plot. */
  _bourse_chart_pane_popup_at_pointer (self, self->order_popover);
}

/* The lines of the previous symbol go at once, not at the next sync. */
void
_bourse_chart_pane_drop_lines (BourseChartPane *self)
{
  GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_remove_all (self->chart_line_ids);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (ids, g_strdup (((BoursePriceLine *) g_ptr_array_index (lines, i))->id));
  for (guint i = 0; i < ids->len; i++)
    bourse_chart_remove_price_line (self->chart, g_ptr_array_index (ids, i));
}

void
_bourse_chart_pane_init_trading (BourseChartPane *self)
{
  self->chart_line_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order_popover = GTK_POPOVER (gtk_popover_menu_new_from_model (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->order_popover), GTK_WIDGET (self->chart_view));

  g_signal_connect_object (self->chart_view, "price-line-moved", G_CALLBACK (chart_price_line_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "price-line-dragged", G_CALLBACK (chart_price_line_dragged_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "price-line-close-clicked", G_CALLBACK (chart_price_line_close_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "order-button-clicked", G_CALLBACK (chart_order_button_clicked_cb), self, G_CONNECT_SWAPPED);
}
