/* bourse-matching-engine-rules.c — how orders match and fill, brackets, positions, margin
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules (TradingView broker API, see docs/api-profile.md):
 *  - one net position per instrument and account (netting);
 *  - market orders fill at once at the ask (buy) or bid (sell); limit, stop
 *    and stop-limit orders work until the quote crosses them;
 *  - stopLoss/takeProfit on an order create two child orders, `inactive`
 *    with parentType "order" until the parent fills, then `working` with
 *    parentType "position" and the position's id; they are one-cancels-other,
 *    follow the position's quantity and die with it;
 *  - final orders stay in /orders for the UTC day they became final and in
 *    /ordersHistory for ever;
 *  - a requestId seen before returns the order it created, nothing else.
 *
 * How matching works: every quote of an instrument walks each account's
 * working orders on it in creation order (match_instrument). The touch is the
 * ask for a buy and the bid for a sell; a limit executes when the touch is at
 * or better than its price, a stop when the touch reaches its stop, and a
 * stop-limit first triggers at its stop, then executes as a limit
 * (order_executes). An order fills whole at the touch, a bracket never beyond
 * what is left of its position (fill_order). Fills net into the one position
 * of the instrument (apply_fill), so a reverse is simply a fill larger than
 * the position. When a parent fills, its brackets become working orders on
 * the position; when one bracket fills or the position closes, the other is
 * cancelled: that is the one-cancels-other. The candidates are collected by id
 * first because a fill may cancel a sibling further down the list.
 *
 * Why live_orders: final orders stay for ever, so walking account->orders on
 * every quote of every instrument costs O(all orders ever) per tick. Each
 * account keeps its non-final orders in one LiveSet per instrument, with
 * bounds on the prices at which any of them could fill or trigger (widened on
 * every change, made exact again by each walk). A quote beyond the bounds
 * costs nothing; otherwise it walks that set only, keeps the orders the touch
 * reaches (order_may_execute, no side effects) and sorts them into creation
 * order (seq) before filling: the order a walk of account->orders would have
 * found them in. Expiry likewise walks only the orders with a DAY or GTT
 * duration (expiring_orders).
 */

#include "config.h"

#include <math.h>

#include "bourse-matching-engine-private.h"
#include "bourse-server-error.h"

void
_bourse_matching_engine_order_free (gpointer data)
{
  Order *order = data;

  g_free (order->id);
  g_free (order->parent_id);
  g_free (order->message);
  g_free (order);
}

static void
position_free (gpointer data)
{
  Position *position = data;

  g_free (position->id);
  g_free (position);
}

static void
execution_free (gpointer data)
{
  Execution *execution = data;

  g_free (execution->id);
  g_free (execution->order_id);
  g_free (execution->position_id);
  g_free (execution);
}

void
_bourse_matching_engine_account_free (gpointer data)
{
  Account *account = data;

  g_free (account->id);
  g_free (account->name);
  g_free (account->currency);
  g_hash_table_unref (account->orders_by_id);
  g_hash_table_unref (account->live_orders);
  g_hash_table_unref (account->expiring_orders);
  g_ptr_array_unref (account->orders);
  g_ptr_array_unref (account->positions);
  g_ptr_array_unref (account->executions);
  g_hash_table_unref (account->request_ids);
  g_ptr_array_unref (account->changed_orders);
  g_ptr_array_unref (account->changed_positions);
  g_ptr_array_unref (account->new_request_ids);
  g_free (account);
}

gboolean
_bourse_matching_engine_is_final (const Order *order)
{
  return order->status >= STATUS_FILLED;
}

int
_bourse_matching_engine_lookup_name (const char * const *names,
                                     guint               n_names,
                                     const char         *name,
                                     gboolean            ignore_case)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < n_names; i++)
    {
      if (names[i] == NULL)
        continue;
      if (ignore_case ? g_ascii_strcasecmp (names[i], name) == 0 : g_str_equal (names[i], name))
        return (int) i;
    }
  return -1;
}

/* The item of @items whose `char *` id at @id_offset is @id, or %NULL. */
static gpointer
find_by_id (GPtrArray  *items,
            goffset     id_offset,
            const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (g_strcmp0 (G_STRUCT_MEMBER (char *, item, id_offset), id) == 0)
        return item;
    }
  return NULL;
}

/* @item, or %NULL with a NOT_FOUND error saying @format when it is %NULL. */
G_GNUC_PRINTF (3, 4)
static gpointer
found_or_error (gpointer     item,
                GError     **error,
                const char  *format,
                ...)
{
  va_list args;

  if (item != NULL || error == NULL)
    return item;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_NOT_FOUND, format, args));
  va_end (args);
  return NULL;
}

Account *
_bourse_matching_engine_find_account (BourseMatchingEngine *self,
                                      const char           *account_id,
                                      GError              **error)
{
  return found_or_error (find_by_id (self->accounts, G_STRUCT_OFFSET (Account, id), account_id),
                         error, "Unknown account '%s'", account_id ? account_id : "");
}

Order *
_bourse_matching_engine_find_order (Account    *account,
                                    const char *order_id,
                                    GError    **error)
{
  return found_or_error (order_id ? g_hash_table_lookup (account->orders_by_id, order_id) : NULL,
                         error, "Order '%s' not found", order_id ? order_id : "");
}

Position *
_bourse_matching_engine_find_position (Account    *account,
                                       const char *position_id,
                                       GError    **error)
{
  return found_or_error (find_by_id (account->positions, G_STRUCT_OFFSET (Position, id), position_id),
                         error, "Position '%s' not found", position_id ? position_id : "");
}

static Position *
open_position_for (Account *account,
                   guint    instrument)
{
  for (guint i = 0; i < account->positions->len; i++)
    {
      Position *position = g_ptr_array_index (account->positions, i);

      if (position->instrument == instrument && fabs (position->qty) > QTY_EPSILON)
        return position;
    }
  return NULL;
}

static double
mid_or_base (BourseMatchingEngine *self,
             const char           *name)
{
  guint index;
  const BourseInstrumentSpec *spec = bourse_instrument_spec_lookup (name, &index);

  if (self->quotes[index].valid)
    return (self->quotes[index].bid + self->quotes[index].ask) / 2;
  return spec->base_price;
}

/* Units of `to` per unit of `from`, through USD, with live rates. */
static double
currency_rate (BourseMatchingEngine *self,
               const char           *from,
               const char           *to)
{
  double from_usd, to_usd;

  if (g_str_equal (from, to))
    return 1.0;

  from_usd = g_str_equal (from, "USD") ? 1.0 :
             g_str_equal (from, "EUR") ? mid_or_base (self, "EURUSD") :
             g_str_equal (from, "GBP") ? mid_or_base (self, "GBPUSD") :
             1.0 / mid_or_base (self, "USDJPY");
  to_usd = g_str_equal (to, "USD") ? 1.0 :
           g_str_equal (to, "EUR") ? mid_or_base (self, "EURUSD") :
           g_str_equal (to, "GBP") ? mid_or_base (self, "GBPUSD") :
           1.0 / mid_or_base (self, "USDJPY");

  return from_usd / to_usd;
}

/* Account currency per unit of quantity per 1.0 of price. */
double
_bourse_matching_engine_point_value (BourseMatchingEngine *self,
                                     Account              *account,
                                     guint                 instrument)
{
  const BourseInstrumentSpec *spec = &self->specs[instrument];

  return spec->multiplier * currency_rate (self, spec->quote_currency, account->currency);
}

double
_bourse_matching_engine_position_upl (BourseMatchingEngine *self,
                                      Account              *account,
                                      const Position       *position)
{
  const Quote *quote = &self->quotes[position->instrument];
  double exit_price;

  if (!quote->valid || fabs (position->qty) <= QTY_EPSILON)
    return 0;

  exit_price = position->qty > 0 ? quote->bid : quote->ask;
  return (exit_price - position->avg_price) * position->qty * _bourse_matching_engine_point_value (self, account, position->instrument);
}

double
_bourse_matching_engine_position_margin (BourseMatchingEngine *self,
                                         Account              *account,
                                         guint                 instrument,
                                         double               qty,
                                         double               price)
{
  return fabs (qty) * price * _bourse_matching_engine_point_value (self, account, instrument) * self->specs[instrument].margin_rate;
}

double
_bourse_matching_engine_round_money (double value)
{
  return round (value * 100) / 100;
}

/* ----------------------------------------------------------- bookkeeping */

Order *
_bourse_matching_engine_order_new (BourseMatchingEngine *self,
                                   guint                 instrument,
                                   int                   side,
                                   OrderType             type,
                                   double                qty)
{
  Order *order = g_new0 (Order, 1);

  order->id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_order_id++);
  order->instrument = instrument;
  order->side = side;
  order->type = type;
  order->qty = qty;
  order->status = STATUS_WORKING;
  order->limit_price = NAN;
  order->stop_price = NAN;
  order->stop_loss = NAN;
  order->take_profit = NAN;
  order->duration = DURATION_NONE;
  order->created = self->now;
  order->last_modified = self->now;
  order->seq = self->next_seq++;

  return order;
}

void
_bourse_matching_engine_account_add_order (Account *account,
                                           Order   *order)
{
  g_ptr_array_add (account->orders, order);
  g_hash_table_insert (account->orders_by_id, order->id, order);
  _bourse_matching_engine_update_live (account, order);
}

/* The non-final orders of one instrument, and bounds on the prices at which
 * any of them could fill or trigger: a quote beyond all bounds needs no walk. */
typedef struct
{
  GHashTable *orders;            /* set of borrowed Order* */
  double      max_buy_limit;     /* a buy limit fills once the ask is at or below it */
  double      min_sell_limit;
  double      min_buy_stop;      /* a buy stop triggers once the ask is at or above it */
  double      max_sell_stop;
  gboolean    has_market;
} LiveSet;

static void
live_set_free (gpointer data)
{
  LiveSet *set = data;

  g_hash_table_unref (set->orders);
  g_free (set);
}

static void
live_set_reset_bounds (LiveSet *set)
{
  set->max_buy_limit = -INFINITY;
  set->min_sell_limit = INFINITY;
  set->min_buy_stop = INFINITY;
  set->max_sell_stop = -INFINITY;
  set->has_market = FALSE;
}

/* Widens the bounds to cover @order (a stop-limit by both its prices). */
static void
live_set_cover (LiveSet     *set,
                const Order *order)
{
  if (order->type == ORDER_MARKET)
    set->has_market = TRUE;
  if ((order->type == ORDER_LIMIT || order->type == ORDER_STOPLIMIT) && !isnan (order->limit_price))
    {
      if (order->side > 0)
        set->max_buy_limit = MAX (set->max_buy_limit, order->limit_price);
      else
        set->min_sell_limit = MIN (set->min_sell_limit, order->limit_price);
    }
  if ((order->type == ORDER_STOP || order->type == ORDER_STOPLIMIT) && !isnan (order->stop_price))
    {
      if (order->side > 0)
        set->min_buy_stop = MIN (set->min_buy_stop, order->stop_price);
      else
        set->max_sell_stop = MAX (set->max_sell_stop, order->stop_price);
    }
}

static gboolean
live_set_reachable (const LiveSet *set,
                    const Quote   *quote)
{
  return quote->valid &&
         (set->has_market ||
          quote->ask <= set->max_buy_limit + 1e-12 || quote->bid >= set->min_sell_limit - 1e-12 ||
          quote->ask >= set->min_buy_stop - 1e-12 || quote->bid <= set->max_sell_stop + 1e-12);
}

/* Keeps live_orders and expiring_orders in step with the order: called on
 * every change (emit_order), as orders never change instrument. */
void
_bourse_matching_engine_update_live (Account *account,
                                     Order   *order)
{
  gpointer key = GUINT_TO_POINTER (order->instrument + 1);
  LiveSet *set = g_hash_table_lookup (account->live_orders, key);

  if (_bourse_matching_engine_is_final (order))
    {
      if (set != NULL)
        g_hash_table_remove (set->orders, order);
      g_hash_table_remove (account->expiring_orders, order);
      return;
    }
  if (set == NULL)
    {
      set = g_new0 (LiveSet, 1);
      set->orders = g_hash_table_new (NULL, NULL);
      live_set_reset_bounds (set);
      g_hash_table_insert (account->live_orders, key, set);
    }
  g_hash_table_add (set->orders, order);
  live_set_cover (set, order);
  if (order->duration == DURATION_DAY || order->duration == DURATION_GTT)
    g_hash_table_add (account->expiring_orders, order);
}

static int
compare_order_seq (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = (*(Order * const *) a)->seq, y = (*(Order * const *) b)->seq;

  return (x > y) - (x < y);
}

void
_bourse_matching_engine_finish_order (BourseMatchingEngine *self,
                                      Account              *account,
                                      Order                *order,
                                      OrderStatus           status,
                                      const char           *message)
{
  order->status = status;
  g_free (order->message);
  order->message = g_strdup (message);
  _bourse_matching_engine_emit_order (self, account, order);
}

static GPtrArray *
children_of (Account    *account,
             const char *parent_id,
             ParentType  parent_type)
{
  GPtrArray *children = g_ptr_array_new ();

  for (guint i = 0; i < account->orders->len; i++)
    {
      Order *order = g_ptr_array_index (account->orders, i);

      if (!_bourse_matching_engine_is_final (order) && order->parent_type == parent_type &&
          g_strcmp0 (order->parent_id, parent_id) == 0)
        g_ptr_array_add (children, order);
    }

  return children;
}

static Order *
child_with_role (Account     *account,
                 const char  *parent_id,
                 ParentType   parent_type,
                 BracketRole  role)
{
  g_autoptr(GPtrArray) children = children_of (account, parent_id, parent_type);

  for (guint i = 0; i < children->len; i++)
    {
      Order *order = g_ptr_array_index (children, i);

      if (order->role == role)
        return order;
    }
  return NULL;
}

void
_bourse_matching_engine_cancel_children (BourseMatchingEngine *self,
                                         Account              *account,
                                         const char           *parent_id,
                                         ParentType            parent_type,
                                         const char           *message)
{
  g_autoptr(GPtrArray) children = children_of (account, parent_id, parent_type);

  for (guint i = 0; i < children->len; i++)
    _bourse_matching_engine_finish_order (self, account, g_ptr_array_index (children, i), STATUS_CANCELLED, message);
}

Order *
_bourse_matching_engine_bracket_new (BourseMatchingEngine *self,
                                     Account              *account,
                                     guint                 instrument,
                                     int                   protected_side,
                                     double                qty,
                                     BracketRole           role,
                                     double                price,
                                     const char           *parent_id,
                                     ParentType            parent_type)
{
  Order *child = _bourse_matching_engine_order_new (self, instrument, -protected_side,
                                                    role == ROLE_STOP_LOSS ? ORDER_STOP : ORDER_LIMIT, qty);

  if (role == ROLE_STOP_LOSS)
    child->stop_price = price;
  else
    child->limit_price = price;
  child->role = role;
  child->duration = DURATION_GTC;
  child->parent_id = g_strdup (parent_id);
  child->parent_type = parent_type;
  child->status = parent_type == PARENT_ORDER ? STATUS_INACTIVE : STATUS_WORKING;
  _bourse_matching_engine_account_add_order (account, child);
  _bourse_matching_engine_emit_order (self, account, child);

  return child;
}

/* Creates, moves or removes the `role` bracket of a parent so that it sits at `price` (NAN: none). */
void
_bourse_matching_engine_set_bracket (BourseMatchingEngine *self,
                                     Account              *account,
                                     guint                 instrument,
                                     int                   protected_side,
                                     double                qty,
                                     const char           *parent_id,
                                     ParentType            parent_type,
                                     BracketRole           role,
                                     double                price)
{
  Order *child = child_with_role (account, parent_id, parent_type, role);

  if (isnan (price))
    {
      /* a removed bracket must be reported cancelled or it hangs in the UI */
      if (child != NULL)
        _bourse_matching_engine_finish_order (self, account, child, STATUS_CANCELLED, "Bracket removed");
      return;
    }

  if (child == NULL)
    {
      _bourse_matching_engine_bracket_new (self, account, instrument, protected_side, qty, role, price, parent_id, parent_type);
      return;
    }

  if (role == ROLE_STOP_LOSS)
    child->stop_price = price;
  else
    child->limit_price = price;
  child->qty = qty;
  _bourse_matching_engine_emit_order (self, account, child);
}

static void
resize_position_brackets (BourseMatchingEngine *self,
                          Account              *account,
                          Position             *position)
{
  g_autoptr(GPtrArray) children = children_of (account, position->id, PARENT_POSITION);

  for (guint i = 0; i < children->len; i++)
    {
      Order *child = g_ptr_array_index (children, i);

      if (fabs (child->qty - fabs (position->qty)) > QTY_EPSILON)
        {
          child->qty = fabs (position->qty);
          _bourse_matching_engine_emit_order (self, account, child);
        }
    }
}

/* Books a fill of `qty` at `price` on the account's net position; returns the position. */
static Position *
apply_fill (BourseMatchingEngine *self,
            Account              *account,
            Order                *order,
            double                qty,
            double                price)
{
  Position *position = open_position_for (account, order->instrument);
  Execution *execution = g_new0 (Execution, 1);
  double signed_qty = order->side * qty;
  gboolean is_close = FALSE;

  if (position == NULL)
    {
      position = g_new0 (Position, 1);
      position->seq = self->next_seq++;
      position->id = g_strdup_printf ("P%" G_GUINT64_FORMAT, self->next_position_id++);
      position->instrument = order->instrument;
      position->qty = signed_qty;
      position->avg_price = price;
      g_ptr_array_add (account->positions, position);
    }
  else if ((position->qty > 0) == (signed_qty > 0))
    {
      double total = fabs (position->qty) + qty;

      position->avg_price = (position->avg_price * fabs (position->qty) + price * qty) / total;
      position->qty += signed_qty;
    }
  else
    {
      double closing = MIN (fabs (position->qty), qty);
      double sign = position->qty > 0 ? 1 : -1;
      double realized = (price - position->avg_price) * closing * sign *
                        _bourse_matching_engine_point_value (self, account, position->instrument);

      is_close = TRUE;
      account->realized += realized;
      account->balance += realized;
      position->qty += signed_qty;
      if (fabs (position->qty) <= QTY_EPSILON)
        position->qty = 0;
      else if ((position->qty > 0) != (sign > 0))
        {
          /* reversed through zero: the rest opens at the fill price, old brackets are wrong-sided */
          position->avg_price = price;
          _bourse_matching_engine_cancel_children (self, account, position->id, PARENT_POSITION, "Position reversed");
        }
    }

  order->avg_price = (order->avg_price * order->filled_qty + price * qty) / (order->filled_qty + qty);
  order->filled_qty += qty;

  execution->id = g_strdup_printf ("E%" G_GUINT64_FORMAT, self->next_execution_id++);
  execution->instrument = order->instrument;
  execution->price = price;
  execution->qty = qty;
  execution->side = order->side;
  execution->time = self->now;
  execution->order_id = g_strdup (order->id);
  execution->position_id = g_strdup (position->id);
  execution->is_close = is_close;
  g_ptr_array_add (account->executions, execution);
  _bourse_matching_engine_emit_execution (self, account, execution);

  return position;
}

gboolean
_bourse_matching_engine_has_margin_for (BourseMatchingEngine *self,
                                        Account              *account,
                                        guint                 instrument,
                                        int                   side,
                                        double                qty,
                                        double                price)
{
  Position *position = open_position_for (account, instrument);
  double opening = qty;
  double upl = 0, margin = 0;

  if (position != NULL && (position->qty > 0) != (side > 0))
    opening = MAX (0, qty - fabs (position->qty));
  if (opening <= QTY_EPSILON)
    return TRUE;

  for (guint i = 0; i < account->positions->len; i++)
    {
      const Position *p = g_ptr_array_index (account->positions, i);

      if (fabs (p->qty) <= QTY_EPSILON)
        continue;
      upl += _bourse_matching_engine_position_upl (self, account, p);
      margin += _bourse_matching_engine_position_margin (self, account, p->instrument, p->qty,
                                                         self->quotes[p->instrument].valid ? self->quotes[p->instrument].last : p->avg_price);
    }

  return margin + _bourse_matching_engine_position_margin (self, account, instrument, opening, price) <= account->balance + upl;
}

/* Fills `order` completely at `price`: position, executions, brackets. */
void
_bourse_matching_engine_fill_order (BourseMatchingEngine *self,
                                    Account              *account,
                                    Order                *order,
                                    double                price)
{
  g_autofree char *position_id = NULL;
  g_autofree char *parent_id = NULL;
  Position *position;
  ParentType parent_type = order->parent_type;
  double qty = order->qty;

  if (order->parent_type == PARENT_POSITION)
    {
      /* a bracket of a position never fills more than what is left of it */
      Position *target = NULL;
      GError *ignored = NULL;

      target = _bourse_matching_engine_find_position (account, order->parent_id, &ignored);
      g_clear_error (&ignored);
      if (target == NULL || fabs (target->qty) <= QTY_EPSILON)
        {
          _bourse_matching_engine_finish_order (self, account, order, STATUS_CANCELLED, "Position closed");
          return;
        }
      qty = MIN (qty, fabs (target->qty));
    }
  else if (!_bourse_matching_engine_has_margin_for (self, account, order->instrument, order->side, qty, price))
    {
      _bourse_matching_engine_finish_order (self, account, order, STATUS_REJECTED, "Insufficient margin");
      _bourse_matching_engine_cancel_children (self, account, order->id, PARENT_ORDER, "Parent order rejected");
      return;
    }

  position = apply_fill (self, account, order, qty, price);
  position_id = g_strdup (position->id);
  parent_id = g_strdup (order->parent_id);
  _bourse_matching_engine_finish_order (self, account, order, STATUS_FILLED, NULL);

  if (parent_type == PARENT_POSITION)
    {
      /* one-cancels-other: the sibling protected the same position */
      _bourse_matching_engine_cancel_children (self, account, parent_id, PARENT_POSITION, "Other bracket filled");
    }
  else
    {
      g_autoptr(GPtrArray) children = children_of (account, order->id, PARENT_ORDER);

      if (fabs (position->qty) <= QTY_EPSILON)
        _bourse_matching_engine_cancel_children (self, account, order->id, PARENT_ORDER, "Position closed");
      else
        {
          for (guint i = 0; i < children->len; i++)
            {
              Order *child = g_ptr_array_index (children, i);
              Order *old = child_with_role (account, position_id, PARENT_POSITION, child->role);

              /* the position keeps one bracket per role: the newest wins */
              if (old != NULL)
                _bourse_matching_engine_finish_order (self, account, old, STATUS_CANCELLED, "Replaced by a new bracket");
              g_free (child->parent_id);
              child->parent_id = g_strdup (position_id);
              child->parent_type = PARENT_POSITION;
              child->status = STATUS_WORKING;
              _bourse_matching_engine_emit_order (self, account, child);
            }
        }
    }

  if (fabs (position->qty) <= QTY_EPSILON)
    _bourse_matching_engine_cancel_children (self, account, position->id, PARENT_POSITION, "Position closed");
  else
    resize_position_brackets (self, account, position);

  _bourse_matching_engine_emit_position (self, account, position);
}

/* The price a working @order would trade at now: the ask for a buy, the
 * bid for a sell; FALSE when the order is not working or has no quote. */
static gboolean
order_touch (BourseMatchingEngine *self,
             const Order          *order,
             double               *touch)
{
  const Quote *quote = &self->quotes[order->instrument];

  *touch = order->side > 0 ? quote->ask : quote->bid;
  return quote->valid && order->status == STATUS_WORKING;
}

/* A buy fills at or under its limit, a sell at or over it. */
static gboolean
limit_reached (const Order *order,
               double       touch)
{
  return order->side > 0 ? touch <= order->limit_price + 1e-12 : touch >= order->limit_price - 1e-12;
}

/* A buy stop triggers at or over its price, a sell stop at or under it. */
static gboolean
stop_reached (const Order *order,
              double       touch)
{
  return order->side > 0 ? touch >= order->stop_price - 1e-12 : touch <= order->stop_price + 1e-12;
}

/* Whether the quote executes `order` now, and at which price. */
gboolean
_bourse_matching_engine_order_executes (BourseMatchingEngine *self,
                                        Order                *order,
                                        double               *price)
{
  double touch;

  if (!order_touch (self, order, &touch))
    return FALSE;

  switch (order->type)
    {
    case ORDER_MARKET:
      *price = touch;
      return TRUE;

    case ORDER_LIMIT:
      *price = touch;
      return limit_reached (order, touch);

    case ORDER_STOP:
      *price = touch;
      return stop_reached (order, touch);

    case ORDER_STOPLIMIT:
      if (!order->triggered && stop_reached (order, touch))
        order->triggered = TRUE;
      *price = touch;
      return order->triggered && limit_reached (order, touch);

    default:
      return FALSE;
    }
}

/* order_executes() without its side effect: could the touch fill or trigger it? */
static gboolean
order_may_execute (BourseMatchingEngine *self,
                   const Order          *order)
{
  double touch;

  if (!order_touch (self, order, &touch))
    return FALSE;
  switch (order->type)
    {
    case ORDER_MARKET:
      return TRUE;
    case ORDER_LIMIT:
      return limit_reached (order, touch);
    case ORDER_STOP:
      return stop_reached (order, touch);
    case ORDER_STOPLIMIT:
      return order->triggered || stop_reached (order, touch);
    default:
      return FALSE;
    }
}

/* Those of @orders (a set) that @keep, in creation order. */
static GPtrArray *
orders_where (BourseMatchingEngine *self,
              GHashTable           *orders,
              gboolean            (*keep) (BourseMatchingEngine *, const Order *))
{
  GPtrArray *found = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer order;

  g_hash_table_iter_init (&iter, orders);
  while (g_hash_table_iter_next (&iter, &order, NULL))
    if (keep (self, order))
      g_ptr_array_add (found, order);
  g_ptr_array_sort (found, compare_order_seq);
  return found;
}

void
_bourse_matching_engine_match_instrument (BourseMatchingEngine *self,
                                          guint                 instrument)
{
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);
      LiveSet *set = g_hash_table_lookup (account->live_orders, GUINT_TO_POINTER (instrument + 1));
      g_autoptr(GPtrArray) reached = NULL;
      g_autoptr(GPtrArray) candidates = NULL;
      GHashTableIter iter;
      gpointer live;

      if (set == NULL || !live_set_reachable (set, &self->quotes[instrument]))
        continue;

      /* the walk recomputes the bounds exactly; fills below widen them again */
      live_set_reset_bounds (set);
      g_hash_table_iter_init (&iter, set->orders);
      while (g_hash_table_iter_next (&iter, &live, NULL))
        live_set_cover (set, live);
      reached = orders_where (self, set->orders, order_may_execute);
      candidates = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < reached->len; i++)
        g_ptr_array_add (candidates, g_strdup (((Order *) g_ptr_array_index (reached, i))->id));

      for (guint i = 0; i < candidates->len; i++)
        {
          Order *order = g_hash_table_lookup (account->orders_by_id, g_ptr_array_index (candidates, i));
          double price;

          /* an earlier fill may have cancelled this one (OCO) */
          if (order != NULL && _bourse_matching_engine_order_executes (self, order, &price))
            _bourse_matching_engine_fill_order (self, account, order, price);
        }
    }
}

static gboolean
order_has_expired (BourseMatchingEngine *self,
                   const Order          *order)
{
  if (order->duration == DURATION_DAY)
    return self->now >= (order->created / 86400 + 1) * 86400;
  if (order->duration == DURATION_GTT)
    return self->now >= order->duration_datetime;
  return FALSE;
}

void
_bourse_matching_engine_expire_orders (BourseMatchingEngine *self)
{
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);
      g_autoptr(GPtrArray) expired = orders_where (self, account->expiring_orders, order_has_expired);

      for (guint i = 0; i < expired->len; i++)
        {
          Order *order = g_ptr_array_index (expired, i);

          /* an earlier one may have cancelled it as its child */
          if (_bourse_matching_engine_is_final (order))
            continue;
          _bourse_matching_engine_finish_order (self, account, order, STATUS_CANCELLED, "Expired");
          _bourse_matching_engine_cancel_children (self, account, order->id, PARENT_ORDER, "Parent order expired");
        }
    }
}

Account *
_bourse_matching_engine_account_new (const char *account_id,
                                     const char *name,
                                     const char *currency,
                                     double      balance)
{
  Account *account = g_new0 (Account, 1);

  account->id = g_strdup (account_id);
  account->name = g_strdup (name);
  account->currency = g_strdup (currency);
  account->balance = balance;
  account->orders = g_ptr_array_new_with_free_func (_bourse_matching_engine_order_free);
  account->orders_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  account->live_orders = g_hash_table_new_full (NULL, NULL, NULL, live_set_free);
  account->expiring_orders = g_hash_table_new (NULL, NULL);
  account->positions = g_ptr_array_new_with_free_func (position_free);
  account->executions = g_ptr_array_new_with_free_func (execution_free);
  account->request_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  account->changed_orders = g_ptr_array_new ();
  account->changed_positions = g_ptr_array_new ();
  account->new_request_ids = g_ptr_array_new_with_free_func (g_free);
  account->journaled_balance = balance;

  return account;
}
