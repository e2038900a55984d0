/* bourse-trader.c — BourseTrader: the trading rules, what each trading gesture asks of the broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-account.h"
#include "bourse-instrument.h"
#include "bourse-order.h"
#include "bourse-position.h"
#include "bourse-price.h"
#include "bourse-trader.h"

/* The tick used while the instrument is not known yet, as the chart and the
 * ticket show prices with two decimals then. */
#define FALLBACK_TICK 0.01

#define SOURCE_TAG(func) ((gpointer) (guintptr) (func))

struct _BourseTrader
{
  GObject parent_instance;

  BourseBrokerStore *store;  /* owned */
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseTrader, bourse_trader, G_TYPE_OBJECT)
G_DEFINE_QUARK (bourse-trader-error-quark, bourse_trader_error)

static GParamSpec *properties[N_PROPS];

/* -- BourseTrade --------------------------------------------------------- */

/* Registered by hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with gcc 12. */
GType
bourse_trade_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("BourseTrade"),
                                                 (GBoxedCopyFunc) bourse_trade_copy,
                                                 (GBoxedFreeFunc) bourse_trade_free);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static BourseTrade *
trade_new (BourseTradeKind  kind,
           const char      *target_id)
{
  BourseTrade *trade = g_new0 (BourseTrade, 1);

  trade->kind = kind;
  trade->target_id = g_strdup (target_id);
  return trade;
}

BourseTrade *
bourse_trade_copy (const BourseTrade *self)
{
  BourseTrade *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->target_id = g_strdup (self->target_id);
  copy->request = self->request ? bourse_order_request_copy (self->request) : NULL;
  return copy;
}

void
bourse_trade_free (BourseTrade *self)
{
  if (self == NULL)
    return;
  g_free (self->target_id);
  g_clear_pointer (&self->request, bourse_order_request_free);
  g_free (self);
}

/* -- helpers ------------------------------------------------------------- */

static BourseSide
opposite_side (BourseSide side)
{
  return side == BOURSE_SIDE_BUY ? BOURSE_SIDE_SELL : BOURSE_SIDE_BUY;
}

static BourseOrder *
lookup_order (BourseTrader  *self,
              const char    *order_id,
              GError       **error)
{
  BourseOrder *order = order_id ? bourse_broker_store_lookup_order (self->store, order_id) : NULL;

  if (order == NULL)
    g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND,
                 "No working order '%s'", order_id ? order_id : "");
  return order;
}

static BoursePosition *
lookup_position (BourseTrader  *self,
                 const char    *position_id,
                 GError       **error)
{
  BoursePosition *position = position_id ? bourse_broker_store_lookup_position (self->store, position_id) : NULL;

  if (position == NULL)
    g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND,
                 "No open position '%s'", position_id ? position_id : "");
  return position;
}

/* An order as it stands, ready to be changed and sent back with PUT. */
static BourseOrderRequest *
request_from_order (BourseOrder *order)
{
  BourseOrderRequest *request = bourse_order_request_new (bourse_order_get_instrument (order),
                                                          bourse_order_get_side (order),
                                                          bourse_order_get_order_type (order),
                                                          bourse_order_get_qty (order));

  request->limit_price = bourse_order_get_limit_price (order);
  request->stop_price = bourse_order_get_stop_price (order);
  return request;
}

/* A PUT /orders/{id} without takeProfit/stopLoss removes them: carry the
 * order's working legs (its child orders) over unless the caller set them. */
static void
reattach_brackets (BourseTrader       *self,
                   BourseOrder        *order,
                   BourseOrderRequest *request,
                   double              take_profit,
                   double              stop_loss)
{
  if (isnan (take_profit))
    take_profit = bourse_trader_get_bracket_price (self, bourse_order_get_id (order),
                                                   BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT);
  if (isnan (stop_loss))
    stop_loss = bourse_trader_get_bracket_price (self, bourse_order_get_id (order),
                                                 BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP);
  request->take_profit = take_profit;
  request->stop_loss = stop_loss;
}

static BourseTrade *
place_market (BoursePosition *position,
              BourseSide      side,
              double          qty)
{
  BourseTrade *trade = trade_new (BOURSE_TRADE_PLACE_ORDER, NULL);

  trade->request = bourse_order_request_new (bourse_position_get_instrument (position), side,
                                             BOURSE_ORDER_TYPE_MARKET, qty);
  return trade;
}

/* A bracket leg was dragged: the request goes to its parent, with the
 * dragged leg at @price and the other leg where it is. */
static BourseTrade *
plan_move_leg (BourseTrader  *self,
               BourseOrder   *leg,
               double         price,
               GError       **error)
{
  const char *parent_id = bourse_order_get_parent_id (leg);
  BourseParentType parent_type = bourse_order_get_parent_type (leg);
  gboolean is_stop_loss = bourse_order_get_order_type (leg) == BOURSE_ORDER_TYPE_STOP;
  double take_profit = is_stop_loss ? 0 : price;
  double stop_loss = is_stop_loss ? price : 0;
  GListModel *orders = bourse_broker_store_get_orders (self->store);
  guint n = g_list_model_get_n_items (orders);
  BourseOrder *parent;
  BourseTrade *trade;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) sibling = g_list_model_get_item (orders, i);

      if (sibling == leg || g_strcmp0 (bourse_order_get_parent_id (sibling), parent_id) != 0)
        continue;
      if (bourse_order_get_order_type (sibling) == BOURSE_ORDER_TYPE_STOP && !is_stop_loss)
        stop_loss = bourse_order_get_stop_price (sibling);
      else if (bourse_order_get_order_type (sibling) == BOURSE_ORDER_TYPE_LIMIT && is_stop_loss)
        take_profit = bourse_order_get_limit_price (sibling);
    }

  if (parent_type == BOURSE_PARENT_TYPE_POSITION)
    {
      trade = trade_new (BOURSE_TRADE_MODIFY_POSITION, parent_id);
      trade->take_profit = take_profit;
      trade->stop_loss = stop_loss;
      return trade;
    }

  if ((parent = lookup_order (self, parent_id, error)) == NULL)
    return NULL;
  trade = trade_new (BOURSE_TRADE_MODIFY_ORDER, parent_id);
  trade->request = request_from_order (parent);
  trade->request->take_profit = take_profit;
  trade->request->stop_loss = stop_loss;
  return trade;
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_trader_dispose (GObject *object)
{
  BourseTrader *self = BOURSE_TRADER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (bourse_trader_parent_class)->dispose (object);
}

static void
bourse_trader_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BourseTrader *self = BOURSE_TRADER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_trader_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BourseTrader *self = BOURSE_TRADER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_trader_class_init (BourseTraderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_trader_dispose;
  object_class->get_property = bourse_trader_get_property;
  object_class->set_property = bourse_trader_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOURSE_TYPE_BROKER_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_trader_init (BourseTrader *self)
{
}

/* -- public API ---------------------------------------------------------- */

BourseTrader *
bourse_trader_new (BourseBrokerStore *store)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (store), NULL);

  return g_object_new (BOURSE_TYPE_TRADER, "store", store, NULL);
}

BourseBrokerStore *
bourse_trader_get_store (BourseTrader *self)
{
  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  return self->store;
}

/**
 * bourse_trader_get_flag:
 * @flag: an AccountFlags name, e.g. "supportClosePosition"
 *
 * The one reader of the broker's capability flags: the current account's
 * `config` value, the spec's default when the account does not say (or
 * before there is an account), see bourse_account_get_flag().
 */
gboolean
bourse_trader_get_flag (BourseTrader *self,
                        const char   *flag)
{
  GListModel *accounts;
  const char *account_id;
  guint n;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);

  accounts = bourse_broker_store_get_accounts (self->store);
  account_id = bourse_broker_store_get_account_id (self->store);
  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (bourse_account_get_id (account), account_id) == 0)
        return bourse_account_get_flag (account, flag);
    }
  return bourse_account_flag_default (flag);
}

double
bourse_trader_get_tick (BourseTrader *self,
                        const char   *symbol)
{
  BourseInstrument *instrument;
  double tick;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), FALLBACK_TICK);

  instrument = symbol ? bourse_broker_store_lookup_instrument (self->store, symbol) : NULL;
  tick = instrument ? bourse_instrument_get_min_tick (instrument) : 0;
  return tick > 0 ? tick : FALLBACK_TICK;
}

gboolean
bourse_trader_order_takes_brackets (BourseTrader *self,
                                    BourseOrder  *order)
{
  g_return_val_if_fail (BOURSE_IS_TRADER (self), FALSE);
  g_return_val_if_fail (BOURSE_IS_ORDER (order), FALSE);

  return bourse_order_get_parent_id (order) == NULL && bourse_trader_get_flag (self, "supportOrderBrackets");
}

double
bourse_trader_get_bracket_price (BourseTrader     *self,
                                 const char       *parent_id,
                                 BourseParentType  parent_type,
                                 BourseOrderType   leg_type)
{
  GListModel *orders;
  guint n;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), 0);

  orders = bourse_broker_store_get_orders (self->store);
  n = g_list_model_get_n_items (orders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (bourse_order_get_parent_id (order), parent_id) == 0 &&
          bourse_order_get_parent_type (order) == parent_type &&
          bourse_order_get_order_type (order) == leg_type &&
          !bourse_order_status_is_final (bourse_order_get_status (order)))
        return leg_type == BOURSE_ORDER_TYPE_STOP ? bourse_order_get_stop_price (order)
                                                  : bourse_order_get_limit_price (order);
    }
  return 0;
}

GPtrArray *
bourse_trader_dup_cancel_all_ids (BourseTrader *self)
{
  GPtrArray *ids;
  GListModel *orders;
  guint n;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  orders = bourse_broker_store_get_orders (self->store);
  n = g_list_model_get_n_items (orders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      /* Cancelling a position's leg alone would strip the position's protection;
       * an order's legs go with their parent order. */
      if (bourse_order_status_is_final (bourse_order_get_status (order)) ||
          bourse_order_get_parent_type (order) == BOURSE_PARENT_TYPE_POSITION)
        continue;
      g_ptr_array_add (ids, g_strdup (bourse_order_get_id (order)));
    }
  return ids;
}

/**
 * bourse_trader_plan_move_line:
 * @order_id: the order whose chart line was dragged
 * @price: where it was dropped; rounded to the instrument's tick
 *
 * Returns: (transfer full): the request that moves the line, or %NULL with
 *   BOURSE_TRADER_ERROR_NOT_FOUND (the order, or a bracket's parent order, is
 *   gone) or _NOT_SUPPORTED (a market order has no price to move)
 */
BourseTrade *
bourse_trader_plan_move_line (BourseTrader  *self,
                              const char    *order_id,
                              double         price,
                              GError       **error)
{
  BourseOrder *order;
  BourseTrade *trade;
  double tick;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  if ((order = lookup_order (self, order_id, error)) == NULL)
    return NULL;
  tick = bourse_trader_get_tick (self, bourse_order_get_instrument (order));
  price = bourse_round_to_tick (price, tick);

  if (bourse_order_get_parent_id (order) != NULL)
    return plan_move_leg (self, order, price, error);

  trade = trade_new (BOURSE_TRADE_MODIFY_ORDER, order_id);
  trade->request = request_from_order (order);
  switch (bourse_order_get_order_type (order))
    {
    case BOURSE_ORDER_TYPE_LIMIT:
      trade->request->limit_price = price;
      trade->request->stop_price = 0;
      break;
    case BOURSE_ORDER_TYPE_STOP:
      trade->request->stop_price = price;
      trade->request->limit_price = 0;
      break;
    case BOURSE_ORDER_TYPE_STOP_LIMIT:
      /* The limit keeps its distance from the stop. */
      trade->request->limit_price = bourse_round_to_tick (bourse_order_get_limit_price (order) + price -
                                                          bourse_order_get_stop_price (order), tick);
      trade->request->stop_price = price;
      break;
    case BOURSE_ORDER_TYPE_MARKET:
    case BOURSE_ORDER_TYPE_UNKNOWN:
    default:
      g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED,
                   "Order '%s' has no price to move", order_id);
      bourse_trade_free (trade);
      return NULL;
    }
  reattach_brackets (self, order, trade->request, NAN, NAN);
  return trade;
}

BourseTrade *
bourse_trader_plan_modify_order (BourseTrader  *self,
                                 const char    *order_id,
                                 double         qty,
                                 double         limit_price,
                                 double         stop_price,
                                 double         take_profit,
                                 double         stop_loss,
                                 GError       **error)
{
  BourseOrder *order;
  BourseOrderType type;
  BourseTrade *trade;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  if ((order = lookup_order (self, order_id, error)) == NULL)
    return NULL;

  type = bourse_order_get_order_type (order);
  trade = trade_new (BOURSE_TRADE_MODIFY_ORDER, order_id);
  trade->request = bourse_order_request_new (bourse_order_get_instrument (order), bourse_order_get_side (order),
                                             type, qty);
  if (type == BOURSE_ORDER_TYPE_LIMIT || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    trade->request->limit_price = limit_price;
  if (type == BOURSE_ORDER_TYPE_STOP || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    trade->request->stop_price = stop_price;
  reattach_brackets (self, order, trade->request, take_profit, stop_loss);
  return trade;
}

BourseTrade *
bourse_trader_plan_position_brackets (BourseTrader  *self,
                                      const char    *position_id,
                                      double         take_profit,
                                      double         stop_loss,
                                      GError       **error)
{
  BourseTrade *trade;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  if (lookup_position (self, position_id, error) == NULL)
    return NULL;
  if (!bourse_trader_get_flag (self, "supportPositionBrackets"))
    {
      g_set_error_literal (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED,
                           "The broker does not support brackets on positions (supportPositionBrackets)");
      return NULL;
    }
  trade = trade_new (BOURSE_TRADE_MODIFY_POSITION, position_id);
  trade->take_profit = take_profit;
  trade->stop_loss = stop_loss;
  return trade;
}

BourseTrade *
bourse_trader_plan_cancel_order (BourseTrader *self,
                                 const char   *order_id)
{
  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  return trade_new (BOURSE_TRADE_CANCEL_ORDER, order_id);
}

BourseTrade *
bourse_trader_plan_close_position (BourseTrader  *self,
                                   const char    *position_id,
                                   GError       **error)
{
  BoursePosition *position;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  if ((position = lookup_position (self, position_id, error)) == NULL)
    return NULL;
  if (bourse_trader_get_flag (self, "supportClosePosition"))
    return trade_new (BOURSE_TRADE_CLOSE_POSITION, position_id);
  /* The spec's fallback: the position's size the other way, at market. */
  return place_market (position, opposite_side (bourse_position_get_side (position)),
                       bourse_position_get_qty (position));
}

BourseTrade *
bourse_trader_plan_market_order (BourseTrader  *self,
                                 const char    *symbol,
                                 BourseSide     side,
                                 double         qty,
                                 double         bid,
                                 double         ask,
                                 GError       **error)
{
  BourseInstrument *instrument;
  BourseTrade *trade;
  double min_qty, max_qty, step;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);
  g_return_val_if_fail (side == BOURSE_SIDE_BUY || side == BOURSE_SIDE_SELL, NULL);

  instrument = symbol ? bourse_broker_store_lookup_instrument (self->store, symbol) : NULL;
  if (instrument == NULL)
    {
      g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND,
                   "The broker does not offer '%s'", symbol ? symbol : "");
      return NULL;
    }
  min_qty = bourse_instrument_get_min_qty (instrument);
  max_qty = bourse_instrument_get_max_qty (instrument);
  step = bourse_instrument_get_qty_step (instrument);
  if (!isfinite (qty) || qty <= 0 || (min_qty > 0 && qty < min_qty * (1 - 1e-9)) ||
      (max_qty > 0 && qty > max_qty * (1 + 1e-9)) ||
      (step > 0 && fabs (qty / step - round (qty / step)) > 1e-6))
    {
      g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_INVALID,
                   "%s takes quantities from %g to %g in steps of %g, not %g",
                   symbol, min_qty, max_qty, step, qty);
      return NULL;
    }
  trade = trade_new (BOURSE_TRADE_PLACE_ORDER, NULL);
  trade->request = bourse_order_request_new (symbol, side, BOURSE_ORDER_TYPE_MARKET, qty);
  trade->request->current_bid = bid > 0 && isfinite (bid) ? bid : 0;
  trade->request->current_ask = ask > 0 && isfinite (ask) ? ask : 0;
  return trade;
}

BourseTrade *
bourse_trader_plan_reverse_position (BourseTrader  *self,
                                     const char    *position_id,
                                     GError       **error)
{
  BoursePosition *position;
  BourseSide opposite;
  BourseTrade *trade;

  g_return_val_if_fail (BOURSE_IS_TRADER (self), NULL);

  if ((position = lookup_position (self, position_id, error)) == NULL)
    return NULL;
  if (!bourse_trader_get_flag (self, "supportReversePosition"))
    {
      g_set_error_literal (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED,
                           "The broker does not reverse positions (supportReversePosition)");
      return NULL;
    }

  opposite = opposite_side (bourse_position_get_side (position));
  if (!bourse_trader_get_flag (self, "supportNativeReversePosition"))
    /* The spec's fallback: one market order of twice the size, the other way. */
    return place_market (position, opposite, 2 * bourse_position_get_qty (position));
  trade = trade_new (BOURSE_TRADE_REVERSE_POSITION, position_id);
  trade->side = opposite;
  return trade;
}

/* -- execution ----------------------------------------------------------- */

static void
client_call_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const BourseTrade *trade = g_task_get_task_data (task);
  BourseBrokerClient *client = BOURSE_BROKER_CLIENT (object);
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (trade->kind)
    {
    case BOURSE_TRADE_MODIFY_ORDER:
      ok = bourse_broker_client_modify_order_finish (client, result, &error);
      break;
    case BOURSE_TRADE_MODIFY_POSITION:
      ok = bourse_broker_client_modify_position_finish (client, result, &error);
      break;
    case BOURSE_TRADE_CLOSE_POSITION:
      ok = bourse_broker_client_close_position_finish (client, result, &error);
      break;
    case BOURSE_TRADE_REVERSE_POSITION:
      ok = bourse_broker_client_reverse_position_finish (client, result, &error);
      break;
    case BOURSE_TRADE_CANCEL_ORDER:
      ok = bourse_broker_client_cancel_order_finish (client, result, &error);
      break;
    case BOURSE_TRADE_PLACE_ORDER:
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
place_order_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *order_id = bourse_broker_store_place_order_finish (BOURSE_BROKER_STORE (object), result, &error);

  if (order_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bourse_trader_execute_async:
 * @trade: a plan from one of the bourse_trader_plan_*() functions
 *
 * Sends @trade for the store's current account. New orders (the close and
 * reverse fallbacks) go through the store, so a polling store sees them at
 * once.
 */
void
bourse_trader_execute_async (BourseTrader        *self,
                             const BourseTrade   *trade,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BourseBrokerClient *client;
  const char *account_id;
  BourseTrade *copy;

  g_return_if_fail (BOURSE_IS_TRADER (self));
  g_return_if_fail (trade != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, SOURCE_TAG (bourse_trader_execute_async));
  copy = bourse_trade_copy (trade);
  g_task_set_task_data (task, copy, (GDestroyNotify) bourse_trade_free);

  client = bourse_broker_store_get_client (self->store);
  account_id = bourse_broker_store_get_account_id (self->store);
  switch (copy->kind)
    {
    case BOURSE_TRADE_MODIFY_ORDER:
      bourse_broker_client_modify_order_async (client, account_id, copy->target_id, copy->request,
                                               cancellable, client_call_done_cb, g_steal_pointer (&task));
      break;
    case BOURSE_TRADE_MODIFY_POSITION:
      bourse_broker_client_modify_position_async (client, account_id, copy->target_id,
                                                  copy->stop_loss, copy->take_profit,
                                                  cancellable, client_call_done_cb, g_steal_pointer (&task));
      break;
    case BOURSE_TRADE_CLOSE_POSITION:
      bourse_broker_client_close_position_async (client, account_id, copy->target_id, 0,
                                                 cancellable, client_call_done_cb, g_steal_pointer (&task));
      break;
    case BOURSE_TRADE_REVERSE_POSITION:
      bourse_broker_client_reverse_position_async (client, account_id, copy->target_id, copy->side,
                                                   cancellable, client_call_done_cb, g_steal_pointer (&task));
      break;
    case BOURSE_TRADE_CANCEL_ORDER:
      bourse_broker_client_cancel_order_async (client, account_id, copy->target_id,
                                               cancellable, client_call_done_cb, g_steal_pointer (&task));
      break;
    case BOURSE_TRADE_PLACE_ORDER:
      bourse_broker_store_place_order_async (self->store, copy->request, cancellable,
                                             place_order_done_cb, g_steal_pointer (&task));
      break;
    default:
      g_task_return_new_error (task, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED,
                               "Unknown trade kind %d", copy->kind);
      break;
    }
}

gboolean
bourse_trader_execute_finish (BourseTrader  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BOURSE_IS_TRADER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
