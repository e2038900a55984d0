/* test-trader.c — BourseTrader's trading rules against the demo broker over loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule is checked twice: the planned request (what the rule decides)
 * and the broker's state after it is sent (that the request does what the
 * rule means). Brokers without native close or reverse are the demo broker
 * with those AccountFlags turned off.
 */
#include <math.h>

#include "bourse-price.h"
#include "bourse-store.h"
#include "bourse-test-broker.h"
#include "bourse-trader.h"

#define TICK 0.00001  /* EURUSD at the demo broker */

typedef struct
{
  BourseTestBroker   *broker;
  BourseBrokerClient *client;
  BourseBrokerStore  *store;
  BourseTrader       *trader;
} Fixture;

/* Flags to turn off for a test, NULL-terminated; the fixture's data. */
static const char * const no_native_close_reverse[] = { "supportClosePosition", "supportNativeReversePosition", NULL };
static const char * const no_reverse[] = { "supportReversePosition", NULL };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->broker = bourse_test_broker_start_with_flags_off (11, data);
  f->client = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->client, "demo", "demo");
  f->store = bourse_broker_store_new (f->client);
  bourse_test_store_start_live (f->store);
  f->trader = bourse_trader_new (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->trader);
  bourse_test_store_stop (&f->store);
  g_clear_object (&f->client);
  bourse_test_broker_stop (f->broker);
}

/* -- helpers ------------------------------------------------------------- */

static void
execute (Fixture           *f,
         const BourseTrade *trade)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bourse_trader_execute_async (f->trader, trade, NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_trader_execute_finish (f->trader, AWAIT (result), &error));
  g_assert_no_error (error);
}

static char *
place (Fixture            *f,
       BourseOrderRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  bourse_broker_store_place_order_async (f->store, request, NULL, bourse_test_await_cb, &result);
  id = bourse_broker_store_place_order_finish (f->store, AWAIT (result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

typedef struct
{
  BourseBrokerStore *store;
  const char        *parent_id;
  BourseParentType   parent_type;
  BourseOrderType    leg_type;
  double             price;     /* 0: the leg is gone */
} LegWait;

/* The working leg of @parent_id of @leg_type, or NULL. */
static BourseOrder *
find_leg (BourseBrokerStore *store,
          const char        *parent_id,
          BourseParentType   parent_type,
          BourseOrderType    leg_type)
{
  GListModel *orders = bourse_broker_store_get_orders (store);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (bourse_order_get_parent_id (order), parent_id) == 0 &&
          bourse_order_get_parent_type (order) == parent_type &&
          bourse_order_get_order_type (order) == leg_type &&
          !bourse_order_status_is_final (bourse_order_get_status (order)))
        return order;  /* the store holds it */
    }
  return NULL;
}

static gboolean
leg_at_cb (gpointer user_data)
{
  LegWait *w = user_data;
  BourseOrder *leg = find_leg (w->store, w->parent_id, w->parent_type, w->leg_type);
  double price;

  if (w->price == 0)
    return leg == NULL;
  if (leg == NULL)
    return FALSE;
  price = w->leg_type == BOURSE_ORDER_TYPE_STOP ? bourse_order_get_stop_price (leg) : bourse_order_get_limit_price (leg);
  return fabs (price - w->price) < TICK / 2;
}

static void
wait_leg (Fixture          *f,
          const char       *parent_id,
          BourseParentType  parent_type,
          BourseOrderType   leg_type,
          double            price)
{
  LegWait w = { f->store, parent_id, parent_type, leg_type, price };

  if (!bourse_test_wait_until (leg_at_cb, &w, 5000))
    g_error ("the %s leg of %s never reached %.5f",
             leg_type == BOURSE_ORDER_TYPE_STOP ? "stop-loss" : "take-profit", parent_id, price);
}

static gboolean
has_position_cb (gpointer user_data)
{
  return g_list_model_get_n_items (bourse_broker_store_get_positions (user_data)) > 0;
}

static gboolean
no_position_cb (gpointer user_data)
{
  return g_list_model_get_n_items (bourse_broker_store_get_positions (user_data)) == 0;
}

/* Opens a long EURUSD position of @qty at market and returns it. */
static BoursePosition *
open_long (Fixture *f,
           double   qty)
{
  g_autoptr(BourseOrderRequest) market = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, qty);
  g_autofree char *id = place (f, market);
  g_autoptr(BoursePosition) position = NULL;

  g_assert_true (bourse_test_wait_until (has_position_cb, f->store, 5000));
  position = g_list_model_get_item (bourse_broker_store_get_positions (f->store), 0);
  g_assert_cmpfloat (bourse_position_get_qty (position), ==, qty);
  g_assert_cmpint (bourse_position_get_side (position), ==, BOURSE_SIDE_BUY);
  return position;  /* the store holds it */
}

typedef struct
{
  BourseBrokerStore *store;
  BourseSide         side;
  double             qty;
} PositionWait;

static gboolean
position_is_cb (gpointer user_data)
{
  PositionWait *w = user_data;
  GListModel *positions = bourse_broker_store_get_positions (w->store);
  g_autoptr(BoursePosition) position = NULL;

  if (g_list_model_get_n_items (positions) != 1)
    return FALSE;
  position = g_list_model_get_item (positions, 0);
  return bourse_position_get_side (position) == w->side && bourse_position_get_qty (position) == w->qty;
}

/* The filled market orders of the account in the order history, by side. */
static guint
count_filled_market (Fixture    *f,
                     BourseSide  side,
                     double      qty)
{
  GListModel *history = bourse_broker_store_get_order_history (f->store);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (history, i);

      if (bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_MARKET &&
          bourse_order_get_status (order) == BOURSE_ORDER_STATUS_FILLED &&
          bourse_order_get_side (order) == side && bourse_order_get_qty (order) == qty)
        count++;
    }
  return count;
}

typedef struct
{
  Fixture    *f;
  BourseSide  side;
  double      qty;
  guint       count;
} FilledWait;

static gboolean
filled_market_cb (gpointer user_data)
{
  FilledWait *w = user_data;

  return count_filled_market (w->f, w->side, w->qty) >= w->count;
}

/* -- capability flags ---------------------------------------------------- */

static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  /* what the demo account says */
  g_assert_true (bourse_trader_get_flag (f->trader, "supportPositionBrackets"));
  g_assert_true (bourse_trader_get_flag (f->trader, "supportStopLimitOrders"));
  g_assert_false (bourse_trader_get_flag (f->trader, "supportTrailingStop"));
  /* flags the demo account leaves out: the spec's defaults */
  g_assert_true (bourse_trader_get_flag (f->trader, "supportDisplayBrokerNameInSymbolSearch"));
  g_assert_false (bourse_trader_get_flag (f->trader, "supportCryptoExchangeOrderTicket"));
  g_assert_true (bourse_account_flag_default ("supportReversePosition"));
  g_assert_true (bourse_account_flag_default ("supportMarketBrackets"));
  g_assert_false (bourse_account_flag_default ("supportClosePosition"));
  g_assert_false (bourse_account_flag_default ("supportNativeReversePosition"));
  g_assert_false (bourse_account_flag_default ("supportOrderBrackets"));
  g_assert_false (bourse_account_flag_default ("supportLevel2Data"));

  if (data == no_native_close_reverse)
    {
      g_assert_false (bourse_trader_get_flag (f->trader, "supportClosePosition"));
      g_assert_false (bourse_trader_get_flag (f->trader, "supportNativeReversePosition"));
      g_assert_true (bourse_trader_get_flag (f->trader, "supportReversePosition"));
    }
  else
    {
      g_assert_true (bourse_trader_get_flag (f->trader, "supportClosePosition"));
      g_assert_true (bourse_trader_get_flag (f->trader, "supportNativeReversePosition"));
    }

  /* the instrument's tick, and the fallback while one is unknown */
  g_assert_cmpfloat_with_epsilon (bourse_trader_get_tick (f->trader, "EURUSD"), TICK, TICK / 100);
  g_assert_cmpfloat (bourse_trader_get_tick (f->trader, "NO-SUCH-SYMBOL"), ==, 0.01);
}

static void
test_unknown_flag_is_refused (void)
{
  g_autoptr(BourseDemoBroker) broker = bourse_demo_broker_new (1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (bourse_demo_broker_set_account_flag (broker, "supportTeleportation", FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "supportTeleportation"));
}

/* -- bracket moves ------------------------------------------------------- */

/* A buy limit at 0.5 with take profit 0.6 and stop loss 0.4, far from the
 * market so nothing fills; waits for both legs. */
static char *
place_bracketed_limit (Fixture *f)
{
  g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000);
  char *id;

  limit->limit_price = 0.5;
  limit->take_profit = 0.6;
  limit->stop_loss = 0.4;
  id = place (f, limit);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT, 0.6);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP, 0.4);
  return id;
}

static void
test_drag_order_take_profit (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = place_bracketed_limit (f);
  BourseOrder *tp = find_leg (f->store, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;

  /* dropped off the grid: the request carries the price on the tick */
  trade = bourse_trader_plan_move_line (f->trader, bourse_order_get_id (tp), 0.650004, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_MODIFY_ORDER);
  g_assert_cmpstr (trade->target_id, ==, id);   /* through the parent */
  g_assert_cmpint (trade->request->type, ==, BOURSE_ORDER_TYPE_LIMIT);
  g_assert_cmpfloat_with_epsilon (trade->request->limit_price, 0.5, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->take_profit, 0.65, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->stop_loss, 0.4, TICK / 100);  /* the other leg stays */
  g_assert_cmpfloat (trade->request->qty, ==, 1000);

  execute (f, trade);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT, 0.65);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP, 0.4);
  g_assert_cmpfloat_with_epsilon (bourse_order_get_limit_price (bourse_broker_store_lookup_order (f->store, id)),
                                  0.5, TICK / 100);

  /* and the stop-loss leg the same way */
  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_move_line (f->trader,
                                        bourse_order_get_id (find_leg (f->store, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP)),
                                        0.45, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (trade->request->stop_loss, 0.45, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->take_profit, 0.65, TICK / 100);
  execute (f, trade);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP, 0.45);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT, 0.65);
}

static void
test_drag_position_stop_loss (Fixture       *f,
                              gconstpointer  data)
{
  BoursePosition *position = open_long (f, 1000);
  g_autofree char *position_id = g_strdup (bourse_position_get_id (position));
  double avg = bourse_position_get_avg_price (position);
  double tp = bourse_round_to_tick (avg + 0.05, TICK), sl = bourse_round_to_tick (avg - 0.05, TICK);
  double new_sl = bourse_round_to_tick (avg - 0.03, TICK);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;

  trade = bourse_trader_plan_position_brackets (f->trader, position_id, tp, sl, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_MODIFY_POSITION);
  execute (f, trade);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT, tp);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP, sl);

  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_move_line (f->trader,
                                        bourse_order_get_id (find_leg (f->store, position_id, BOURSE_PARENT_TYPE_POSITION,
                                                                       BOURSE_ORDER_TYPE_STOP)),
                                        new_sl, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_MODIFY_POSITION);
  g_assert_cmpstr (trade->target_id, ==, position_id);
  g_assert_cmpfloat_with_epsilon (trade->stop_loss, new_sl, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->take_profit, tp, TICK / 100);
  execute (f, trade);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP, new_sl);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT, tp);

  /* brackets of 0 remove them */
  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_position_brackets (f->trader, position_id, 0, 0, &error);
  g_assert_no_error (error);
  execute (f, trade);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT, 0);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP, 0);
}

typedef struct
{
  BourseBrokerStore *store;
  const char        *id;
  double             stop;
  double             limit;
} StopLimitWait;

static gboolean
stop_limit_at_cb (gpointer user_data)
{
  StopLimitWait *w = user_data;
  BourseOrder *order = bourse_broker_store_lookup_order (w->store, w->id);

  return order != NULL && fabs (bourse_order_get_stop_price (order) - w->stop) < TICK / 2 &&
         fabs (bourse_order_get_limit_price (order) - w->limit) < TICK / 2;
}

static void
test_drag_stop_limit_stop (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_STOP_LIMIT, 1000);
  g_autofree char *id = NULL;
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;
  StopLimitWait wait;

  /* a buy stop far above the market, its limit 20 ticks above the stop */
  request->stop_price = 2.0;
  request->limit_price = 2.0002;
  id = place (f, request);
  wait = (StopLimitWait) { f->store, id, 2.0, 2.0002 };
  g_assert_true (bourse_test_wait_until (stop_limit_at_cb, &wait, 5000));

  trade = bourse_trader_plan_move_line (f->trader, id, 2.0005, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_MODIFY_ORDER);
  g_assert_cmpstr (trade->target_id, ==, id);
  g_assert_cmpfloat_with_epsilon (trade->request->stop_price, 2.0005, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->limit_price, 2.0007, TICK / 100);  /* the same 20 ticks */

  execute (f, trade);
  wait = (StopLimitWait) { f->store, id, 2.0005, 2.0007 };
  g_assert_true (bourse_test_wait_until (stop_limit_at_cb, &wait, 5000));

  /* dragged below: the limit follows down */
  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_move_line (f->trader, id, 1.9, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (trade->request->limit_price, 1.9002, TICK / 100);
}

static void
test_modify_reattaches_brackets (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = place_bracketed_limit (f);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;

  /* the parent's own line dragged: its legs go with the request */
  trade = bourse_trader_plan_move_line (f->trader, id, 0.52, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_MODIFY_ORDER);
  g_assert_cmpfloat_with_epsilon (trade->request->limit_price, 0.52, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->take_profit, 0.6, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->stop_loss, 0.4, TICK / 100);
  execute (f, trade);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT, 0.6);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP, 0.4);

  /* the modify dialog: a new quantity keeps the legs (NAN), 0 removes one */
  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_modify_order (f->trader, id, 2000, 0.51, 7.0, NAN, NAN, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (trade->request->qty, ==, 2000);
  g_assert_cmpfloat (trade->request->stop_price, ==, 0);  /* a limit order has no stop */
  g_assert_cmpfloat_with_epsilon (trade->request->take_profit, 0.6, TICK / 100);
  g_assert_cmpfloat_with_epsilon (trade->request->stop_loss, 0.4, TICK / 100);
  execute (f, trade);

  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_modify_order (f->trader, id, 2000, 0.51, 0, 0.62, 0, &error);
  g_assert_no_error (error);
  execute (f, trade);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT, 0.62);
  wait_leg (f, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP, 0);
  g_assert_cmpfloat (bourse_order_get_qty (bourse_broker_store_lookup_order (f->store, id)), ==, 2000);
}

static void
test_unknown_and_unmovable (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BourseTrade *trade;

  trade = bourse_trader_plan_move_line (f->trader, "no-such-order", 1.0, &error);
  g_assert_null (trade);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  trade = bourse_trader_plan_close_position (f->trader, "no-such-position", &error);
  g_assert_null (trade);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  trade = bourse_trader_plan_modify_order (f->trader, NULL, 1, 1, 1, NAN, NAN, &error);
  g_assert_null (trade);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND);
}

/* -- cancelling ---------------------------------------------------------- */

static gboolean
order_gone_cb (gpointer user_data)
{
  Fixture *f = ((gpointer *) user_data)[0];
  const char *id = ((gpointer *) user_data)[1];
  BourseOrder *order = bourse_broker_store_lookup_order (f->store, id);

  return order == NULL || bourse_order_get_status (order) == BOURSE_ORDER_STATUS_CANCELLED;
}

static void
test_cancel_all_keeps_position_legs (Fixture       *f,
                                     gconstpointer  data)
{
  BoursePosition *position = open_long (f, 1000);
  g_autofree char *position_id = g_strdup (bourse_position_get_id (position));
  double avg = bourse_position_get_avg_price (position);
  double tp = bourse_round_to_tick (avg + 0.05, TICK), sl = bourse_round_to_tick (avg - 0.05, TICK);
  g_autofree char *order_id = place_bracketed_limit (f);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gpointer wait[2];

  trade = bourse_trader_plan_position_brackets (f->trader, position_id, tp, sl, &error);
  g_assert_no_error (error);
  execute (f, trade);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT, tp);
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP, sl);

  /* the limit and its legs, not the position's legs */
  ids = bourse_trader_dup_cancel_all_ids (f->trader);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (ids, order_id, g_str_equal, NULL));
  for (guint i = 0; i < ids->len; i++)
    {
      BourseOrder *order = bourse_broker_store_lookup_order (f->store, g_ptr_array_index (ids, i));

      g_assert_nonnull (order);
      g_assert_cmpint (bourse_order_get_parent_type (order), !=, BOURSE_PARENT_TYPE_POSITION);
    }

  g_clear_pointer (&trade, bourse_trade_free);
  trade = bourse_trader_plan_cancel_order (f->trader, order_id);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_CANCEL_ORDER);
  g_assert_cmpstr (trade->target_id, ==, order_id);
  execute (f, trade);
  wait[0] = f;
  wait[1] = order_id;
  g_assert_true (bourse_test_wait_until (order_gone_cb, wait, 5000));
  /* the position keeps its protection */
  wait_leg (f, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP, sl);
}

/* -- close and reverse --------------------------------------------------- */

static void
test_close_position (Fixture       *f,
                     gconstpointer  data)
{
  gboolean native = data != no_native_close_reverse;
  BoursePosition *position = open_long (f, 1000);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;
  guint sells_before = count_filled_market (f, BOURSE_SIDE_SELL, 1000);

  trade = bourse_trader_plan_close_position (f->trader, bourse_position_get_id (position), &error);
  g_assert_no_error (error);
  if (native)
    {
      g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_CLOSE_POSITION);
      g_assert_cmpstr (trade->target_id, ==, bourse_position_get_id (position));
    }
  else
    {
      /* no DELETE: the position's size the other way, at market */
      g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_PLACE_ORDER);
      g_assert_cmpstr (trade->request->instrument, ==, "EURUSD");
      g_assert_cmpint (trade->request->side, ==, BOURSE_SIDE_SELL);
      g_assert_cmpint (trade->request->type, ==, BOURSE_ORDER_TYPE_MARKET);
      g_assert_cmpfloat (trade->request->qty, ==, 1000);
    }

  execute (f, trade);
  g_assert_true (bourse_test_wait_until (no_position_cb, f->store, 5000));
  if (!native)
    {
      FilledWait w = { f, BOURSE_SIDE_SELL, 1000, sells_before + 1 };

      g_assert_true (bourse_test_wait_until (filled_market_cb, &w, 5000));
    }
}

static void
test_reverse_position (Fixture       *f,
                       gconstpointer  data)
{
  gboolean native = data != no_native_close_reverse;
  BoursePosition *position = open_long (f, 1000);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;
  PositionWait wait = { f->store, BOURSE_SIDE_SELL, 1000 };

  trade = bourse_trader_plan_reverse_position (f->trader, bourse_position_get_id (position), &error);
  g_assert_no_error (error);
  if (native)
    {
      g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_REVERSE_POSITION);
      g_assert_cmpint (trade->side, ==, BOURSE_SIDE_SELL);
    }
  else
    {
      /* one market order of twice the size, the other way */
      g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_PLACE_ORDER);
      g_assert_cmpint (trade->request->side, ==, BOURSE_SIDE_SELL);
      g_assert_cmpint (trade->request->type, ==, BOURSE_ORDER_TYPE_MARKET);
      g_assert_cmpfloat (trade->request->qty, ==, 2000);
    }

  execute (f, trade);
  g_assert_true (bourse_test_wait_until (position_is_cb, &wait, 5000));
  if (!native)
    {
      FilledWait w = { f, BOURSE_SIDE_SELL, 2000, 1 };

      g_assert_true (bourse_test_wait_until (filled_market_cb, &w, 5000));
    }
}

static void
test_reverse_not_supported (Fixture       *f,
                            gconstpointer  data)
{
  BoursePosition *position = open_long (f, 1000);
  g_autoptr(GError) error = NULL;
  BourseTrade *trade;

  trade = bourse_trader_plan_reverse_position (f->trader, bourse_position_get_id (position), &error);
  g_assert_null (trade);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED);
}

/* -- one-click market orders -------------------------------------------- */

static void
test_market_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(BourseTrade) refused = NULL;
  g_autoptr(GError) error = NULL;
  guint buys_before = count_filled_market (f, BOURSE_SIDE_BUY, 2000);

  trade = bourse_trader_plan_market_order (f->trader, "EURUSD", BOURSE_SIDE_BUY, 2000, 1.0841, 1.0842, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trade->kind, ==, BOURSE_TRADE_PLACE_ORDER);
  g_assert_cmpstr (trade->request->instrument, ==, "EURUSD");
  g_assert_cmpint (trade->request->side, ==, BOURSE_SIDE_BUY);
  g_assert_cmpint (trade->request->type, ==, BOURSE_ORDER_TYPE_MARKET);
  g_assert_cmpfloat (trade->request->qty, ==, 2000);
  g_assert_cmpfloat (trade->request->current_ask, ==, 1.0842);
  g_assert_nonnull (trade->request->request_id);
  execute (f, trade);
  {
    FilledWait w = { f, BOURSE_SIDE_BUY, 2000, buys_before + 1 };

    g_assert_true (bourse_test_wait_until (filled_market_cb, &w, 5000));
  }

  /* Quantities the instrument refuses, and symbols the broker lacks. */
  refused = bourse_trader_plan_market_order (f->trader, "EURUSD", BOURSE_SIDE_SELL, 0, 0, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_INVALID);
  g_clear_error (&error);
  refused = bourse_trader_plan_market_order (f->trader, "EURUSD", BOURSE_SIDE_SELL, 1500.5, 0, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_INVALID);
  g_clear_error (&error);
  refused = bourse_trader_plan_market_order (f->trader, "NO-SUCH", BOURSE_SIDE_SELL, 1000, 0, 0, &error);
  g_assert_null (refused);
  g_assert_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/Bourse/Broker/Trader/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("flags", NULL, test_flags);
  ADD ("flags-turned-off", no_native_close_reverse, test_flags);
  g_test_add_func ("/Bourse/Broker/Trader/unknown-flag-is-refused", test_unknown_flag_is_refused);
  ADD ("drag-order-take-profit", NULL, test_drag_order_take_profit);
  ADD ("drag-position-stop-loss", NULL, test_drag_position_stop_loss);
  ADD ("drag-stop-limit-stop", NULL, test_drag_stop_limit_stop);
  ADD ("modify-reattaches-brackets", NULL, test_modify_reattaches_brackets);
  ADD ("unknown-and-unmovable", NULL, test_unknown_and_unmovable);
  ADD ("cancel-all-keeps-position-legs", NULL, test_cancel_all_keeps_position_legs);
  ADD ("close-native", NULL, test_close_position);
  ADD ("close-fallback", no_native_close_reverse, test_close_position);
  ADD ("reverse-native", NULL, test_reverse_position);
  ADD ("reverse-fallback", no_native_close_reverse, test_reverse_position);
  ADD ("reverse-not-supported", no_reverse, test_reverse_not_supported);
  ADD ("market-order", NULL, test_market_order);

#undef ADD

  return g_test_run ();
}
