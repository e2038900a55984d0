/* bourse-trader.h — BourseTrader: the trading rules, what each trading gesture asks of the broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, the account manager, the order ticket and bourse-cli decide
 * nothing about what is sent: they ask a BourseTrader built on the session's
 * store. Each gesture is planned first (bourse_trader_plan_*(): a pure
 * function of the store's orders, positions, instruments and the account's
 * flags, returning a BourseTrade that says which request results), then sent
 * with bourse_trader_execute_async(). Planning alone lets a caller show what
 * will happen and lets tests check the rule without a broker.
 *
 * The rules, after the TradingView Broker API:
 *  - dragging a take-profit or stop-loss line moves it through its parent
 *    (PUT /positions/{id} for a position's brackets, PUT /orders/{id} of the
 *    parent order for an order's), keeping the other leg where it is;
 *  - dragging an order's line changes its limit or stop; a stop-limit's limit
 *    keeps its distance from the stop;
 *  - every modification re-attaches the order's brackets, since a PUT
 *    /orders/{id} without takeProfit/stopLoss removes them;
 *  - close is DELETE /positions/{id} with supportClosePosition, otherwise a
 *    market order of the position's size the other way;
 *  - reverse needs supportReversePosition; it is PUT /positions/{id} with
 *    the new side with supportNativeReversePosition, otherwise a market order
 *    of twice the position's size the other way.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-order-request.h"
#include "bourse-store.h"

G_BEGIN_DECLS

#define BOURSE_TRADER_ERROR (bourse_trader_error_quark ())

typedef enum
{
  BOURSE_TRADER_ERROR_NOT_FOUND,      /* no such order or position in the store (any more) */
  BOURSE_TRADER_ERROR_NOT_SUPPORTED,  /* the broker's flags or the order's type do not allow it */
  BOURSE_TRADER_ERROR_INVALID,        /* a quantity the instrument does not allow */
} BourseTraderError;

typedef enum
{
  BOURSE_TRADE_MODIFY_ORDER,      /* PUT /accounts/{a}/orders/{target_id} with request */
  BOURSE_TRADE_MODIFY_POSITION,   /* PUT /accounts/{a}/positions/{target_id} with stop_loss, take_profit */
  BOURSE_TRADE_CLOSE_POSITION,    /* DELETE /accounts/{a}/positions/{target_id} */
  BOURSE_TRADE_REVERSE_POSITION,  /* PUT /accounts/{a}/positions/{target_id} with side */
  BOURSE_TRADE_PLACE_ORDER,       /* POST /accounts/{a}/orders with request (the fallbacks) */
  BOURSE_TRADE_CANCEL_ORDER,      /* DELETE /accounts/{a}/orders/{target_id} */
} BourseTradeKind;

#define BOURSE_TYPE_TRADE (bourse_trade_get_type ())

/* One request to the broker. Prices of 0 are "none" (a bracket of 0 is removed). */
typedef struct
{
  BourseTradeKind     kind;
  char               *target_id;    /* the order or position the request is about; NULL for PLACE_ORDER */
  BourseOrderRequest *request;      /* MODIFY_ORDER and PLACE_ORDER */
  double              stop_loss;    /* MODIFY_POSITION */
  double              take_profit;  /* MODIFY_POSITION */
  BourseSide          side;         /* REVERSE_POSITION: the side after the reversal */
} BourseTrade;

GType        bourse_trade_get_type (void) G_GNUC_CONST;
BourseTrade *bourse_trade_copy     (const BourseTrade *self);
void         bourse_trade_free     (BourseTrade       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseTrade, bourse_trade_free)

#define BOURSE_TYPE_TRADER (bourse_trader_get_type ())

G_DECLARE_FINAL_TYPE (BourseTrader, bourse_trader, BOURSE, TRADER, GObject)

GQuark             bourse_trader_error_quark        (void);

BourseTrader      *bourse_trader_new                (BourseBrokerStore  *store);
BourseBrokerStore *bourse_trader_get_store          (BourseTrader       *self);

/* The account's AccountFlags value, the spec's default when absent. */
gboolean           bourse_trader_get_flag           (BourseTrader       *self,
                                                     const char         *flag);
/* The instrument's minimum price move; 0.01 while it is not known. */
double             bourse_trader_get_tick           (BourseTrader       *self,
                                                     const char         *symbol);
/* Whether a modification of @order may carry take-profit and stop-loss
 * (supportOrderBrackets, and @order is not itself a bracket leg). */
gboolean           bourse_trader_order_takes_brackets (BourseTrader     *self,
                                                     BourseOrder        *order);
/* The price of the working take-profit (LIMIT) or stop-loss (STOP) leg of
 * the order or position @parent_id, 0 when it has none. */
double             bourse_trader_get_bracket_price  (BourseTrader       *self,
                                                     const char         *parent_id,
                                                     BourseParentType    parent_type,
                                                     BourseOrderType     leg_type);

/* The ids of the orders "cancel all" cancels: every working order but the
 * legs of positions, which go with their position. (transfer container) */
GPtrArray         *bourse_trader_dup_cancel_all_ids (BourseTrader       *self);

BourseTrade       *bourse_trader_plan_move_line     (BourseTrader       *self,
                                                     const char         *order_id,
                                                     double              price,
                                                     GError            **error);
/* @take_profit, @stop_loss: a price, 0 to remove the leg, NAN to keep the
 * order's current leg. Prices the order's type does not use are ignored. */
BourseTrade       *bourse_trader_plan_modify_order  (BourseTrader       *self,
                                                     const char         *order_id,
                                                     double              qty,
                                                     double              limit_price,
                                                     double              stop_price,
                                                     double              take_profit,
                                                     double              stop_loss,
                                                     GError            **error);
/* @take_profit, @stop_loss: a price or 0 for none. */
BourseTrade       *bourse_trader_plan_position_brackets (BourseTrader   *self,
                                                     const char         *position_id,
                                                     double              take_profit,
                                                     double              stop_loss,
                                                     GError            **error);
/* Cancels @order_id, whether or not the store has seen it yet. */
BourseTrade       *bourse_trader_plan_cancel_order  (BourseTrader       *self,
                                                     const char         *order_id);
BourseTrade       *bourse_trader_plan_close_position (BourseTrader      *self,
                                                     const char         *position_id,
                                                     GError            **error);
BourseTrade       *bourse_trader_plan_reverse_position (BourseTrader    *self,
                                                     const char         *position_id,
                                                     GError            **error);

/* One-click trading: a market order of @qty on @symbol, checked against
 * the instrument's minimum, maximum and step; @bid and @ask (0 = unknown)
 * go along as the prices the user saw. */
BourseTrade       *bourse_trader_plan_market_order  (BourseTrader       *self,
                                                     const char         *symbol,
                                                     BourseSide          side,
                                                     double              qty,
                                                     double              bid,
                                                     double              ask,
                                                     GError            **error);

void               bourse_trader_execute_async      (BourseTrader       *self,
                                                     const BourseTrade  *trade,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           bourse_trader_execute_finish     (BourseTrader       *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
