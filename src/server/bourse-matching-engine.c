/* bourse-matching-engine.c — paper-trading accounts, orders, positions and fills
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
 */
#include "config.h"

#include "bourse-matching-engine.h"
#include "bourse-server-error.h"

#include <math.h>

#define QTY_EPSILON 1e-9
#define STATE_VERSION 1

typedef enum { ORDER_MARKET, ORDER_LIMIT, ORDER_STOP, ORDER_STOPLIMIT } OrderType;
typedef enum { STATUS_INACTIVE, STATUS_WORKING, STATUS_FILLED, STATUS_CANCELLED, STATUS_REJECTED } OrderStatus;
typedef enum { PARENT_NONE, PARENT_ORDER, PARENT_POSITION } ParentType;
typedef enum { ROLE_NONE, ROLE_STOP_LOSS, ROLE_TAKE_PROFIT } BracketRole;
typedef enum { DURATION_NONE, DURATION_DAY, DURATION_GTC, DURATION_GTT } DurationType;

static const char * const order_type_names[] = { "market", "limit", "stop", "stoplimit" };
static const char * const status_names[] = { "inactive", "working", "filled", "cancelled", "rejected" };
static const char * const parent_type_names[] = { NULL, "order", "position" };
static const char * const role_names[] = { "none", "stopLoss", "takeProfit" };
static const char * const duration_names[] = { NULL, "DAY", "GTC", "GTT" };

typedef struct
{
  char        *id;
  guint        instrument;       /* index in the spec table */
  double       qty;
  int          side;             /* +1 buy, -1 sell */
  OrderType    type;
  OrderStatus  status;
  double       limit_price;      /* NAN when absent */
  double       stop_price;
  double       stop_loss;        /* brackets requested on a parent order, NAN when none */
  double       take_profit;
  double       filled_qty;
  double       avg_price;
  char        *parent_id;
  ParentType   parent_type;
  BracketRole  role;
  DurationType duration;
  gint64       duration_datetime;
  gint64       created;
  gint64       last_modified;
  char        *message;
  gboolean     triggered;        /* a stop-limit whose stop was hit */
} Order;

typedef struct
{
  char   *id;
  guint   instrument;
  double  qty;                   /* signed: > 0 long, < 0 short, 0 closed */
  double  avg_price;
} Position;

typedef struct
{
  char   *id;
  guint   instrument;
  double  price;
  double  qty;
  int     side;
  gint64  time;
  char   *order_id;
  char   *position_id;
  gboolean is_close;
} Execution;

typedef struct
{
  char       *id;
  char       *name;
  char       *currency;
  double      balance;
  double      realized;
  GPtrArray  *orders;            /* Order*, in creation order */
  GHashTable *orders_by_id;      /* borrowed Order* */
  GPtrArray  *positions;         /* Position*, open and closed */
  GPtrArray  *executions;        /* Execution* */
  GHashTable *request_ids;       /* requestId → order id */
  gboolean    state_dirty;
} Account;

typedef struct
{
  double   bid;
  double   ask;
  double   last;
  gboolean valid;
} Quote;

struct _BourseMatchingEngine
{
  GObject parent_instance;

  const BourseInstrumentSpec *specs;
  guint        n_specs;
  Quote       *quotes;
  GPtrArray   *accounts;         /* Account* */
  gint64       now;
  guint64      next_order_id;
  guint64      next_position_id;
  guint64      next_execution_id;
};

G_DEFINE_FINAL_TYPE (BourseMatchingEngine, bourse_matching_engine, G_TYPE_OBJECT)

enum {
  ENTITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static void
order_free (gpointer data)
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

static void
account_free (gpointer data)
{
  Account *account = data;

  g_free (account->id);
  g_free (account->name);
  g_free (account->currency);
  g_hash_table_unref (account->orders_by_id);
  g_ptr_array_unref (account->orders);
  g_ptr_array_unref (account->positions);
  g_ptr_array_unref (account->executions);
  g_hash_table_unref (account->request_ids);
  g_free (account);
}

static gboolean
is_final (const Order *order)
{
  return order->status >= STATUS_FILLED;
}

static int
lookup_name (const char * const *names,
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

static Account *
find_account (BourseMatchingEngine *self,
              const char           *account_id,
              GError              **error)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (account->id, account_id) == 0)
        return account;
    }

  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_NOT_FOUND,
               "Unknown account '%s'", account_id ? account_id : "");
  return NULL;
}

static Order *
find_order (Account    *account,
            const char *order_id,
            GError    **error)
{
  Order *order = order_id ? g_hash_table_lookup (account->orders_by_id, order_id) : NULL;

  if (order == NULL)
    g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_NOT_FOUND,
                 "Order '%s' not found", order_id ? order_id : "");
  return order;
}

static Position *
find_position (Account    *account,
               const char *position_id,
               GError    **error)
{
  for (guint i = 0; i < account->positions->len; i++)
    {
      Position *position = g_ptr_array_index (account->positions, i);

      if (g_strcmp0 (position->id, position_id) == 0)
        return position;
    }

  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_NOT_FOUND,
               "Position '%s' not found", position_id ? position_id : "");
  return NULL;
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
static double
point_value (BourseMatchingEngine *self,
             Account              *account,
             guint                 instrument)
{
  const BourseInstrumentSpec *spec = &self->specs[instrument];

  return spec->multiplier * currency_rate (self, spec->quote_currency, account->currency);
}

static double
position_upl (BourseMatchingEngine *self,
              Account              *account,
              const Position       *position)
{
  const Quote *quote = &self->quotes[position->instrument];
  double exit_price;

  if (!quote->valid || fabs (position->qty) <= QTY_EPSILON)
    return 0;

  exit_price = position->qty > 0 ? quote->bid : quote->ask;
  return (exit_price - position->avg_price) * position->qty * point_value (self, account, position->instrument);
}

static double
position_margin (BourseMatchingEngine *self,
                 Account              *account,
                 guint                 instrument,
                 double               qty,
                 double               price)
{
  return fabs (qty) * price * point_value (self, account, instrument) * self->specs[instrument].margin_rate;
}

static double
round_money (double value)
{
  return round (value * 100) / 100;
}

/* ----------------------------------------------------------- JSON output */

static void
add_price (JsonBuilder                *builder,
           const char                 *member,
           const BourseInstrumentSpec *spec,
           double                      price)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, bourse_instrument_spec_round (spec, price));
}

static void
add_qty (JsonBuilder                *builder,
         const char                 *member,
         const BourseInstrumentSpec *spec,
         double                      qty)
{
  double scaled = round (qty / spec->qty_step) * spec->qty_step;
  double decimals = pow (10, 8);

  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, round (scaled * decimals) / decimals);
}

static JsonNode *
order_to_json (BourseMatchingEngine *self,
               const Order          *order,
               gboolean              internal)
{
  const BourseInstrumentSpec *spec = &self->specs[order->instrument];
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, order->id);
  json_builder_set_member_name (builder, "instrument");
  json_builder_add_string_value (builder, spec->name);
  add_qty (builder, "qty", spec, order->qty);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, order->side > 0 ? "buy" : "sell");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, order_type_names[order->type]);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_names[order->status]);
  if (order->filled_qty > QTY_EPSILON || internal)
    {
      add_qty (builder, "filledQty", spec, order->filled_qty);
      if (order->filled_qty > QTY_EPSILON)
        add_price (builder, "avgPrice", spec, order->avg_price);
    }
  if (!isnan (order->limit_price))
    add_price (builder, "limitPrice", spec, order->limit_price);
  if (!isnan (order->stop_price))
    add_price (builder, "stopPrice", spec, order->stop_price);
  if (!isnan (order->stop_loss))
    add_price (builder, "stopLoss", spec, order->stop_loss);
  if (!isnan (order->take_profit))
    add_price (builder, "takeProfit", spec, order->take_profit);
  if (order->parent_id != NULL)
    {
      json_builder_set_member_name (builder, "parentId");
      json_builder_add_string_value (builder, order->parent_id);
      json_builder_set_member_name (builder, "parentType");
      json_builder_add_string_value (builder, parent_type_names[order->parent_type]);
    }
  if (order->duration != DURATION_NONE)
    {
      json_builder_set_member_name (builder, "duration");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, duration_names[order->duration]);
      if (order->duration == DURATION_GTT)
        {
          json_builder_set_member_name (builder, "datetime");
          json_builder_add_int_value (builder, order->duration_datetime);
        }
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "lastModified");
  json_builder_add_int_value (builder, order->last_modified);
  if (order->message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, order->message);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, order->status == STATUS_REJECTED ? "error" : "information");
      json_builder_end_object (builder);
    }
  if (internal)
    {
      json_builder_set_member_name (builder, "_role");
      json_builder_add_string_value (builder, role_names[order->role]);
      json_builder_set_member_name (builder, "_created");
      json_builder_add_int_value (builder, order->created);
      json_builder_set_member_name (builder, "_triggered");
      json_builder_add_boolean_value (builder, order->triggered);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
position_to_json (BourseMatchingEngine *self,
                  Account              *account,
                  const Position       *position,
                  gboolean              internal)
{
  const BourseInstrumentSpec *spec = &self->specs[position->instrument];
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, position->id);
  json_builder_set_member_name (builder, "instrument");
  json_builder_add_string_value (builder, spec->name);
  add_qty (builder, "qty", spec, fabs (position->qty));
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, position->qty < 0 ? "sell" : "buy");
  if (internal)
    {
      json_builder_set_member_name (builder, "avgPrice");
      json_builder_add_double_value (builder, position->avg_price);
      json_builder_set_member_name (builder, "_signedQty");
      json_builder_add_double_value (builder, position->qty);
    }
  else
    {
      /* an average of fills is not on the tick grid: keep its precision for client-side P&L */
      json_builder_set_member_name (builder, "avgPrice");
      json_builder_add_double_value (builder, round (position->avg_price * 1e10) / 1e10);
      json_builder_set_member_name (builder, "unrealizedPl");
      json_builder_add_double_value (builder, round_money (position_upl (self, account, position)));
      for (guint i = 0; i < account->orders->len; i++)
        {
          const Order *order = g_ptr_array_index (account->orders, i);

          if (order->parent_type != PARENT_POSITION || is_final (order) ||
              g_strcmp0 (order->parent_id, position->id) != 0)
            continue;
          if (order->role == ROLE_STOP_LOSS)
            add_price (builder, "stopLoss", spec, order->stop_price);
          else if (order->role == ROLE_TAKE_PROFIT)
            add_price (builder, "takeProfit", spec, order->limit_price);
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
execution_to_json (BourseMatchingEngine *self,
                   const Execution      *execution)
{
  const BourseInstrumentSpec *spec = &self->specs[execution->instrument];
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, execution->id);
  json_builder_set_member_name (builder, "instrument");
  json_builder_add_string_value (builder, spec->name);
  add_price (builder, "price", spec, execution->price);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, execution->time);
  add_qty (builder, "qty", spec, execution->qty);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, execution->side > 0 ? "buy" : "sell");
  json_builder_set_member_name (builder, "orderId");
  json_builder_add_string_value (builder, execution->order_id);
  json_builder_set_member_name (builder, "positionId");
  json_builder_add_string_value (builder, execution->position_id);
  json_builder_set_member_name (builder, "isClose");
  json_builder_add_boolean_value (builder, execution->is_close);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
state_to_json (BourseMatchingEngine *self,
               Account              *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  double upl = 0, margin = 0, equity, available;
  char cells[6][G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < account->positions->len; i++)
    {
      const Position *position = g_ptr_array_index (account->positions, i);

      if (fabs (position->qty) <= QTY_EPSILON)
        continue;
      upl += position_upl (self, account, position);
      margin += position_margin (self, account, position->instrument, position->qty,
                                 self->quotes[position->instrument].valid ?
                                 self->quotes[position->instrument].last : position->avg_price);
    }

  upl = round_money (upl);
  margin = round_money (margin);
  equity = round_money (account->balance + upl);
  available = round_money (equity - margin);

  g_ascii_formatd (cells[0], sizeof cells[0], "%.2f", round_money (account->balance));
  g_ascii_formatd (cells[1], sizeof cells[1], "%.2f", equity);
  g_ascii_formatd (cells[2], sizeof cells[2], "%.2f", upl);
  g_ascii_formatd (cells[3], sizeof cells[3], "%.2f", round_money (account->realized));
  g_ascii_formatd (cells[4], sizeof cells[4], "%.2f", margin);
  g_ascii_formatd (cells[5], sizeof cells[5], "%.2f", available);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "balance");
  json_builder_add_double_value (builder, round_money (account->balance));
  json_builder_set_member_name (builder, "unrealizedPl");
  json_builder_add_double_value (builder, upl);
  json_builder_set_member_name (builder, "equity");
  json_builder_add_double_value (builder, equity);
  json_builder_set_member_name (builder, "realizedPl");
  json_builder_add_double_value (builder, round_money (account->realized));
  json_builder_set_member_name (builder, "margin");
  json_builder_add_double_value (builder, margin);
  json_builder_set_member_name (builder, "marginAvailable");
  json_builder_add_double_value (builder, available);
  /* one table ("accountSummary"), one row, the columns of the config */
  json_builder_set_member_name (builder, "amData");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    json_builder_add_string_value (builder, cells[i]);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  /* accountSummaryRow: balance, equity, unrealized P&L */
  json_builder_set_member_name (builder, "accountSummaryRowData");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3; i++)
    json_builder_add_string_value (builder, cells[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* -------------------------------------------------------------- signals */

static void
emit_order (BourseMatchingEngine *self,
            Account              *account,
            Order                *order)
{
  g_autoptr(JsonNode) node = NULL;

  order->last_modified = self->now;
  node = order_to_json (self, order, FALSE);
  account->state_dirty = TRUE;
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "orders", node);
}

static void
emit_position (BourseMatchingEngine *self,
               Account              *account,
               Position             *position)
{
  g_autoptr(JsonNode) node = position_to_json (self, account, position, FALSE);

  account->state_dirty = TRUE;
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "positions", node);
}

static void
emit_execution (BourseMatchingEngine *self,
                Account              *account,
                Execution            *execution)
{
  g_autoptr(JsonNode) node = execution_to_json (self, execution);

  account->state_dirty = TRUE;
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "executions", node);
}

static void
flush_state (BourseMatchingEngine *self)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = g_ptr_array_index (self->accounts, i);
      g_autoptr(JsonNode) node = NULL;

      if (!account->state_dirty)
        continue;
      account->state_dirty = FALSE;
      node = state_to_json (self, account);
      g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "state", node);
    }
}

/* ------------------------------------------------------------ field parsing */

static gboolean
parse_number (GHashTable *fields,
              const char *key,
              gboolean    required,
              double     *value,
              GError    **error)
{
  const char *text = fields ? g_hash_table_lookup (fields, key) : NULL;
  char *end = NULL;

  *value = NAN;
  if (text == NULL || *text == '\0')
    {
      if (required)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                       "Missing field '%s'", key);
          return FALSE;
        }
      return TRUE;
    }

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field '%s' is not a number: '%s'", key, text);
      *value = NAN;
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_price (const BourseInstrumentSpec *spec,
             const char                 *key,
             double                      price,
             GError                    **error)
{
  if (isnan (price))
    return TRUE;

  if (price <= 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field '%s' must be positive", key);
      return FALSE;
    }

  if (!bourse_instrument_spec_on_tick (spec, price))
    {
      char tick[G_ASCII_DTOSTR_BUF_SIZE], given[G_ASCII_DTOSTR_BUF_SIZE];

      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "%s %s is not a multiple of the minimum tick %s of %s", key,
                   g_ascii_dtostr (given, sizeof given, price),
                   g_ascii_dtostr (tick, sizeof tick, spec->min_tick), spec->name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_qty (const BourseInstrumentSpec *spec,
           const char                 *key,
           double                      qty,
           GError                    **error)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

  if (qty <= 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field '%s' must be positive", key);
      return FALSE;
    }

  if (qty < spec->min_qty - QTY_EPSILON || qty > spec->max_qty + QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Quantity %s of %s is outside the allowed range %s to %s",
                   g_ascii_dtostr (a, sizeof a, qty), spec->name,
                   g_ascii_dtostr (b, sizeof b, spec->min_qty),
                   g_ascii_dtostr (c, sizeof c, spec->max_qty));
      return FALSE;
    }

  if (!bourse_instrument_spec_on_step (spec, qty))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Quantity %s is not a multiple of the quantity step %s of %s",
                   g_ascii_dtostr (a, sizeof a, qty),
                   g_ascii_dtostr (b, sizeof b, spec->qty_step), spec->name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
require_quote (BourseMatchingEngine *self,
               guint                 instrument,
               GError              **error)
{
  if (self->quotes[instrument].valid)
    return TRUE;

  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
               "No market price for %s yet", self->specs[instrument].name);
  return FALSE;
}

/* Brackets must be on the protective side of the price they protect. */
static gboolean
check_brackets (const BourseInstrumentSpec *spec,
                int                         side,
                double                      reference,
                double                      stop_loss,
                double                      take_profit,
                GError                    **error)
{
  char ref[G_ASCII_DTOSTR_BUF_SIZE];

  if (!check_price (spec, "stopLoss", stop_loss, error) ||
      !check_price (spec, "takeProfit", take_profit, error))
    return FALSE;

  bourse_instrument_spec_format (spec, ref, sizeof ref, reference);

  if (!isnan (stop_loss) && (side > 0 ? stop_loss >= reference : stop_loss <= reference))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "stopLoss of a %s must be %s %s", side > 0 ? "long" : "short",
                   side > 0 ? "below" : "above", ref);
      return FALSE;
    }

  if (!isnan (take_profit) && (side > 0 ? take_profit <= reference : take_profit >= reference))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "takeProfit of a %s must be %s %s", side > 0 ? "long" : "short",
                   side > 0 ? "above" : "below", ref);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_stop_side (BourseMatchingEngine *self,
                 guint                 instrument,
                 int                   side,
                 double                stop_price,
                 GError              **error)
{
  const Quote *quote = &self->quotes[instrument];
  const BourseInstrumentSpec *spec = &self->specs[instrument];
  char market[G_ASCII_DTOSTR_BUF_SIZE];

  if (!quote->valid || isnan (stop_price))
    return TRUE;

  if (side > 0 && stop_price <= quote->ask)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "stopPrice of a buy stop must be above the ask %s",
                   bourse_instrument_spec_format (spec, market, sizeof market, quote->ask));
      return FALSE;
    }
  if (side < 0 && stop_price >= quote->bid)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "stopPrice of a sell stop must be below the bid %s",
                   bourse_instrument_spec_format (spec, market, sizeof market, quote->bid));
      return FALSE;
    }

  return TRUE;
}

static double
reference_price (BourseMatchingEngine *self,
                 const Order          *order)
{
  const Quote *quote = &self->quotes[order->instrument];

  switch (order->type)
    {
    case ORDER_LIMIT:
    case ORDER_STOPLIMIT:
      return order->limit_price;
    case ORDER_STOP:
      return order->stop_price;
    case ORDER_MARKET:
    default:
      return order->side > 0 ? quote->ask : quote->bid;
    }
}

static gboolean
parse_duration (BourseMatchingEngine *self,
                GHashTable           *fields,
                DurationType         *duration,
                gint64               *datetime,
                GError              **error)
{
  const char *type = g_hash_table_lookup (fields, "durationType");
  int found;

  *duration = DURATION_GTC;
  *datetime = 0;
  if (type == NULL || *type == '\0')
    return TRUE;

  found = lookup_name (duration_names, G_N_ELEMENTS (duration_names), type, TRUE);
  if (found <= 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Unknown durationType '%s' (expected DAY, GTC or GTT)", type);
      return FALSE;
    }

  *duration = found;
  if (*duration == DURATION_GTT)
    {
      double when;

      if (!parse_number (fields, "durationDateTime", TRUE, &when, error))
        return FALSE;
      if (when != floor (when) || when <= self->now)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                       "durationDateTime must be a future UNIX time in seconds");
          return FALSE;
        }
      *datetime = (gint64) when;
    }

  return TRUE;
}

/* ----------------------------------------------------------- bookkeeping */

static Order *
order_new (BourseMatchingEngine *self,
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

  return order;
}

static void
account_add_order (Account *account,
                   Order   *order)
{
  g_ptr_array_add (account->orders, order);
  g_hash_table_insert (account->orders_by_id, order->id, order);
}

static void
finish_order (BourseMatchingEngine *self,
              Account              *account,
              Order                *order,
              OrderStatus           status,
              const char           *message)
{
  order->status = status;
  g_free (order->message);
  order->message = g_strdup (message);
  emit_order (self, account, order);
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

      if (!is_final (order) && order->parent_type == parent_type &&
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

static void
cancel_children (BourseMatchingEngine *self,
                 Account              *account,
                 const char           *parent_id,
                 ParentType            parent_type,
                 const char           *message)
{
  g_autoptr(GPtrArray) children = children_of (account, parent_id, parent_type);

  for (guint i = 0; i < children->len; i++)
    finish_order (self, account, g_ptr_array_index (children, i), STATUS_CANCELLED, message);
}

static Order *
bracket_new (BourseMatchingEngine *self,
             Account              *account,
             guint                 instrument,
             int                   protected_side,
             double                qty,
             BracketRole           role,
             double                price,
             const char           *parent_id,
             ParentType            parent_type)
{
  Order *child = order_new (self, instrument, -protected_side,
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
  account_add_order (account, child);
  emit_order (self, account, child);

  return child;
}

/* Creates, moves or removes the `role` bracket of a parent so that it sits at `price` (NAN: none). */
static void
set_bracket (BourseMatchingEngine *self,
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
        finish_order (self, account, child, STATUS_CANCELLED, "Bracket removed");
      return;
    }

  if (child == NULL)
    {
      bracket_new (self, account, instrument, protected_side, qty, role, price, parent_id, parent_type);
      return;
    }

  if (role == ROLE_STOP_LOSS)
    child->stop_price = price;
  else
    child->limit_price = price;
  child->qty = qty;
  emit_order (self, account, child);
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
          emit_order (self, account, child);
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
                        point_value (self, account, position->instrument);

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
          cancel_children (self, account, position->id, PARENT_POSITION, "Position reversed");
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
  emit_execution (self, account, execution);

  return position;
}

static gboolean
has_margin_for (BourseMatchingEngine *self,
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
      upl += position_upl (self, account, p);
      margin += position_margin (self, account, p->instrument, p->qty,
                                 self->quotes[p->instrument].valid ? self->quotes[p->instrument].last : p->avg_price);
    }

  return margin + position_margin (self, account, instrument, opening, price) <= account->balance + upl;
}

/* Fills `order` completely at `price`: position, executions, brackets. */
static void
fill_order (BourseMatchingEngine *self,
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

      target = find_position (account, order->parent_id, &ignored);
      g_clear_error (&ignored);
      if (target == NULL || fabs (target->qty) <= QTY_EPSILON)
        {
          finish_order (self, account, order, STATUS_CANCELLED, "Position closed");
          return;
        }
      qty = MIN (qty, fabs (target->qty));
    }
  else if (!has_margin_for (self, account, order->instrument, order->side, qty, price))
    {
      finish_order (self, account, order, STATUS_REJECTED, "Insufficient margin");
      cancel_children (self, account, order->id, PARENT_ORDER, "Parent order rejected");
      return;
    }

  position = apply_fill (self, account, order, qty, price);
  position_id = g_strdup (position->id);
  parent_id = g_strdup (order->parent_id);
  finish_order (self, account, order, STATUS_FILLED, NULL);

  if (parent_type == PARENT_POSITION)
    {
      /* one-cancels-other: the sibling protected the same position */
      cancel_children (self, account, parent_id, PARENT_POSITION, "Other bracket filled");
    }
  else
    {
      g_autoptr(GPtrArray) children = children_of (account, order->id, PARENT_ORDER);

      if (fabs (position->qty) <= QTY_EPSILON)
        cancel_children (self, account, order->id, PARENT_ORDER, "Position closed");
      else
        {
          for (guint i = 0; i < children->len; i++)
            {
              Order *child = g_ptr_array_index (children, i);
              Order *old = child_with_role (account, position_id, PARENT_POSITION, child->role);

              /* the position keeps one bracket per role: the newest wins */
              if (old != NULL)
                finish_order (self, account, old, STATUS_CANCELLED, "Replaced by a new bracket");
              g_free (child->parent_id);
              child->parent_id = g_strdup (position_id);
              child->parent_type = PARENT_POSITION;
              child->status = STATUS_WORKING;
              emit_order (self, account, child);
            }
        }
    }

  if (fabs (position->qty) <= QTY_EPSILON)
    cancel_children (self, account, position->id, PARENT_POSITION, "Position closed");
  else
    resize_position_brackets (self, account, position);

  emit_position (self, account, position);
}

/* Whether the quote executes `order` now, and at which price. */
static gboolean
order_executes (BourseMatchingEngine *self,
                Order                *order,
                double               *price)
{
  const Quote *quote = &self->quotes[order->instrument];
  double touch = order->side > 0 ? quote->ask : quote->bid;

  if (!quote->valid || order->status != STATUS_WORKING)
    return FALSE;

  switch (order->type)
    {
    case ORDER_MARKET:
      *price = touch;
      return TRUE;

    case ORDER_LIMIT:
      *price = touch;
      return order->side > 0 ? touch <= order->limit_price + 1e-12 : touch >= order->limit_price - 1e-12;

    case ORDER_STOP:
      *price = touch;
      return order->side > 0 ? touch >= order->stop_price - 1e-12 : touch <= order->stop_price + 1e-12;

    case ORDER_STOPLIMIT:
      if (!order->triggered &&
          (order->side > 0 ? touch >= order->stop_price - 1e-12 : touch <= order->stop_price + 1e-12))
        order->triggered = TRUE;
      *price = touch;
      return order->triggered &&
             (order->side > 0 ? touch <= order->limit_price + 1e-12 : touch >= order->limit_price - 1e-12);

    default:
      return FALSE;
    }
}

static void
match_instrument (BourseMatchingEngine *self,
                  guint                 instrument)
{
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);
      g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < account->orders->len; i++)
        {
          Order *order = g_ptr_array_index (account->orders, i);

          if (order->instrument == instrument && order->status == STATUS_WORKING)
            g_ptr_array_add (candidates, g_strdup (order->id));
        }

      for (guint i = 0; i < candidates->len; i++)
        {
          Order *order = g_hash_table_lookup (account->orders_by_id, g_ptr_array_index (candidates, i));
          double price;

          /* an earlier fill may have cancelled this one (OCO) */
          if (order != NULL && order_executes (self, order, &price))
            fill_order (self, account, order, price);
        }
    }
}

static void
expire_orders (BourseMatchingEngine *self)
{
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);

      for (guint i = 0; i < account->orders->len; i++)
        {
          Order *order = g_ptr_array_index (account->orders, i);
          gboolean expired = FALSE;

          if (is_final (order))
            continue;
          if (order->duration == DURATION_DAY)
            expired = self->now >= (order->created / 86400 + 1) * 86400;
          else if (order->duration == DURATION_GTT)
            expired = self->now >= order->duration_datetime;

          if (expired)
            {
              finish_order (self, account, order, STATUS_CANCELLED, "Expired");
              cancel_children (self, account, order->id, PARENT_ORDER, "Parent order expired");
            }
        }
    }
}

static Account *
account_new (const char *account_id,
             const char *name,
             const char *currency,
             double      balance)
{
  Account *account = g_new0 (Account, 1);

  account->id = g_strdup (account_id);
  account->name = g_strdup (name);
  account->currency = g_strdup (currency);
  account->balance = balance;
  account->orders = g_ptr_array_new_with_free_func (order_free);
  account->orders_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  account->positions = g_ptr_array_new_with_free_func (position_free);
  account->executions = g_ptr_array_new_with_free_func (execution_free);
  account->request_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return account;
}

/* -------------------------------------------------------------- overrides */

static void
bourse_matching_engine_finalize (GObject *object)
{
  BourseMatchingEngine *self = (BourseMatchingEngine *) object;

  g_ptr_array_unref (self->accounts);
  g_free (self->quotes);

  G_OBJECT_CLASS (bourse_matching_engine_parent_class)->finalize (object);
}

static void
bourse_matching_engine_class_init (BourseMatchingEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_matching_engine_finalize;

  /**
   * BourseMatchingEngine::entity-changed:
   * @account_id: the account
   * @kind: `orders`, `positions`, `executions` or `state`
   * @entity: the full entity as the API shows it
   */
  signals[ENTITY_CHANGED] =
    g_signal_new ("entity-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_NODE);
}

static void
bourse_matching_engine_init (BourseMatchingEngine *self)
{
  self->specs = bourse_instrument_spec_get_all (&self->n_specs);
  self->quotes = g_new0 (Quote, self->n_specs);
  self->accounts = g_ptr_array_new_with_free_func (account_free);
  self->next_order_id = 1;
  self->next_position_id = 1;
  self->next_execution_id = 1;
  self->now = g_get_real_time () / G_USEC_PER_SEC;
}

/* ------------------------------------------------------------- public API */

BourseMatchingEngine *
bourse_matching_engine_new (void)
{
  return g_object_new (BOURSE_TYPE_MATCHING_ENGINE, NULL);
}

void
bourse_matching_engine_add_account (BourseMatchingEngine *self,
                                    const char           *account_id,
                                    const char           *name,
                                    const char           *currency,
                                    double                balance)
{
  g_return_if_fail (BOURSE_IS_MATCHING_ENGINE (self));
  g_return_if_fail (account_id != NULL && currency != NULL);
  g_return_if_fail (!bourse_matching_engine_has_account (self, account_id));

  g_ptr_array_add (self->accounts, account_new (account_id, name, currency, balance));
}

gboolean
bourse_matching_engine_has_account (BourseMatchingEngine *self,
                                    const char           *account_id)
{
  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  return find_account (self, account_id, NULL) != NULL;
}

const char *
bourse_matching_engine_get_account_currency (BourseMatchingEngine *self,
                                             const char           *account_id)
{
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  account = find_account (self, account_id, NULL);
  return account ? account->currency : NULL;
}

gint64
bourse_matching_engine_get_time (BourseMatchingEngine *self)
{
  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), 0);

  return self->now;
}

/* Advances the clock (UNIX seconds) and expires DAY and GTT orders. */
void
bourse_matching_engine_set_time (BourseMatchingEngine *self,
                                 gint64                now)
{
  g_return_if_fail (BOURSE_IS_MATCHING_ENGINE (self));

  self->now = now;
  expire_orders (self);
  flush_state (self);
}

/* New prices: fills whatever they execute. */
void
bourse_matching_engine_set_quote (BourseMatchingEngine *self,
                                  const char           *instrument,
                                  double                bid,
                                  double                ask,
                                  double                last)
{
  guint index;

  g_return_if_fail (BOURSE_IS_MATCHING_ENGINE (self));
  g_return_if_fail (bid > 0 && ask >= bid);

  if (bourse_instrument_spec_lookup (instrument, &index) == NULL)
    {
      g_critical ("Unknown instrument %s", instrument);
      return;
    }

  self->quotes[index].bid = bid;
  self->quotes[index].ask = ask;
  self->quotes[index].last = last;
  self->quotes[index].valid = TRUE;

  match_instrument (self, index);
  flush_state (self);
}

/**
 * bourse_matching_engine_place_order:
 * @fields: the form fields: instrument, qty, side, type, limitPrice,
 *   stopPrice, durationType, durationDateTime, stopLoss, takeProfit
 * @request_id: (nullable): idempotency key
 *
 * Returns: (transfer full): the order id, or %NULL with @error set
 */
char *
bourse_matching_engine_place_order (BourseMatchingEngine *self,
                                    const char           *account_id,
                                    GHashTable           *fields,
                                    const char           *request_id,
                                    GError              **error)
{
  const BourseInstrumentSpec *spec;
  Account *account;
  Order *order;
  const char *name, *side_text, *type_text, *previous;
  guint instrument;
  int side, type;
  double qty, limit_price, stop_price, stop_loss, take_profit, price;
  DurationType duration = DURATION_NONE;
  gint64 datetime = 0;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  if (request_id != NULL && *request_id != '\0' &&
      (previous = g_hash_table_lookup (account->request_ids, request_id)))
    return g_strdup (previous);

  name = g_hash_table_lookup (fields, "instrument");
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Missing field 'instrument'");
      return NULL;
    }
  if (!(spec = bourse_instrument_spec_lookup (name, &instrument)))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Unknown instrument '%s'", name);
      return NULL;
    }

  side_text = g_hash_table_lookup (fields, "side");
  if (side_text == NULL || *side_text == '\0')
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Missing field 'side'");
      return NULL;
    }
  if (!g_str_equal (side_text, "buy") && !g_str_equal (side_text, "sell"))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field 'side' must be 'buy' or 'sell', not '%s'", side_text);
      return NULL;
    }
  side = g_str_equal (side_text, "buy") ? 1 : -1;

  type_text = g_hash_table_lookup (fields, "type");
  if (type_text == NULL || *type_text == '\0')
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Missing field 'type'");
      return NULL;
    }
  type = lookup_name (order_type_names, G_N_ELEMENTS (order_type_names), type_text, FALSE);
  if (type < 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field 'type' must be market, limit, stop or stoplimit, not '%s'", type_text);
      return NULL;
    }

  if (g_hash_table_contains (fields, "trailingStopPips"))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Trailing stops are not supported");
      return NULL;
    }

  if (!parse_number (fields, "qty", TRUE, &qty, error) || !check_qty (spec, "qty", qty, error) ||
      !parse_number (fields, "limitPrice", type == ORDER_LIMIT || type == ORDER_STOPLIMIT, &limit_price, error) ||
      !parse_number (fields, "stopPrice", type == ORDER_STOP || type == ORDER_STOPLIMIT, &stop_price, error) ||
      !parse_number (fields, "stopLoss", FALSE, &stop_loss, error) ||
      !parse_number (fields, "takeProfit", FALSE, &take_profit, error))
    return NULL;

  /* prices that do not apply to the type are ignored, as a ticket may send them all */
  if (type == ORDER_MARKET || type == ORDER_STOP)
    limit_price = NAN;
  if (type == ORDER_MARKET || type == ORDER_LIMIT)
    stop_price = NAN;

  if (!check_price (spec, "limitPrice", limit_price, error) ||
      !check_price (spec, "stopPrice", stop_price, error))
    return NULL;

  if (type == ORDER_MARKET && !require_quote (self, instrument, error))
    return NULL;

  if (!check_stop_side (self, instrument, side, stop_price, error))
    return NULL;

  if (type != ORDER_MARKET && !parse_duration (self, fields, &duration, &datetime, error))
    return NULL;

  order = order_new (self, instrument, side, type, qty);
  order->limit_price = limit_price;
  order->stop_price = stop_price;
  order->duration = duration;
  order->duration_datetime = datetime;

  if ((!isnan (stop_loss) || !isnan (take_profit)) &&
      !check_brackets (spec, side, reference_price (self, order), stop_loss, take_profit, error))
    {
      order_free (order);
      return NULL;
    }

  if (type == ORDER_MARKET &&
      !has_margin_for (self, account, instrument, side, qty, reference_price (self, order)))
    {
      order_free (order);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Insufficient margin for %s %s", side_text, spec->name);
      return NULL;
    }

  order->stop_loss = stop_loss;
  order->take_profit = take_profit;
  account_add_order (account, order);
  if (request_id != NULL && *request_id != '\0')
    g_hash_table_insert (account->request_ids, g_strdup (request_id), g_strdup (order->id));

  emit_order (self, account, order);
  if (!isnan (stop_loss))
    bracket_new (self, account, instrument, side, qty, ROLE_STOP_LOSS, stop_loss, order->id, PARENT_ORDER);
  if (!isnan (take_profit))
    bracket_new (self, account, instrument, side, qty, ROLE_TAKE_PROFIT, take_profit, order->id, PARENT_ORDER);

  if (order_executes (self, order, &price))
    fill_order (self, account, order, price);

  flush_state (self);
  return g_strdup (order->id);
}

gboolean
bourse_matching_engine_modify_order (BourseMatchingEngine *self,
                                     const char           *account_id,
                                     const char           *order_id,
                                     GHashTable           *fields,
                                     GError              **error)
{
  const BourseInstrumentSpec *spec;
  Account *account;
  Order *order;
  Order probe;
  double qty, limit_price, stop_price, stop_loss, take_profit, price;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(account = find_account (self, account_id, error)) ||
      !(order = find_order (account, order_id, error)))
    return FALSE;

  if (is_final (order))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Order %s is %s and can no longer be modified", order->id, status_names[order->status]);
      return FALSE;
    }

  spec = &self->specs[order->instrument];
  if (!parse_number (fields, "qty", TRUE, &qty, error) || !check_qty (spec, "qty", qty, error) ||
      !parse_number (fields, "limitPrice", order->type == ORDER_LIMIT || order->type == ORDER_STOPLIMIT,
                     &limit_price, error) ||
      !parse_number (fields, "stopPrice", order->type == ORDER_STOP || order->type == ORDER_STOPLIMIT,
                     &stop_price, error) ||
      !parse_number (fields, "stopLoss", FALSE, &stop_loss, error) ||
      !parse_number (fields, "takeProfit", FALSE, &take_profit, error))
    return FALSE;

  if (order->type == ORDER_MARKET || order->type == ORDER_STOP)
    limit_price = NAN;
  if (order->type == ORDER_MARKET || order->type == ORDER_LIMIT)
    stop_price = NAN;

  if (!check_price (spec, "limitPrice", limit_price, error) ||
      !check_price (spec, "stopPrice", stop_price, error))
    return FALSE;

  if (order->parent_id != NULL && fabs (qty - order->qty) > QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "The quantity of a bracket order follows its parent and cannot be changed");
      return FALSE;
    }

  if (order->type == ORDER_STOP || (order->type == ORDER_STOPLIMIT && !order->triggered))
    {
      if (!check_stop_side (self, order->instrument, order->side, stop_price, error))
        return FALSE;
    }

  probe = *order;
  probe.limit_price = limit_price;
  probe.stop_price = stop_price;
  if (order->parent_id == NULL && (!isnan (stop_loss) || !isnan (take_profit)) &&
      !check_brackets (spec, order->side, reference_price (self, &probe), stop_loss, take_profit, error))
    return FALSE;

  order->qty = qty;
  order->limit_price = limit_price;
  order->stop_price = stop_price;
  emit_order (self, account, order);

  if (order->parent_id == NULL)
    {
      order->stop_loss = stop_loss;
      order->take_profit = take_profit;
      set_bracket (self, account, order->instrument, order->side, qty, order->id, PARENT_ORDER,
                   ROLE_STOP_LOSS, stop_loss);
      set_bracket (self, account, order->instrument, order->side, qty, order->id, PARENT_ORDER,
                   ROLE_TAKE_PROFIT, take_profit);
      emit_order (self, account, order);
    }

  if (order_executes (self, order, &price))
    fill_order (self, account, order, price);

  flush_state (self);
  return TRUE;
}

gboolean
bourse_matching_engine_cancel_order (BourseMatchingEngine *self,
                                     const char           *account_id,
                                     const char           *order_id,
                                     GError              **error)
{
  Account *account;
  Order *order;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  if (!(account = find_account (self, account_id, error)) ||
      !(order = find_order (account, order_id, error)))
    return FALSE;

  if (is_final (order))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Order %s is already %s", order->id, status_names[order->status]);
      return FALSE;
    }

  finish_order (self, account, order, STATUS_CANCELLED, NULL);
  cancel_children (self, account, order->id, PARENT_ORDER, "Parent order cancelled");
  flush_state (self);

  return TRUE;
}

/* Brackets (stopLoss/takeProfit; absent = removed) and native reverse (`side`). */
gboolean
bourse_matching_engine_modify_position (BourseMatchingEngine *self,
                                        const char           *account_id,
                                        const char           *position_id,
                                        GHashTable           *fields,
                                        GError              **error)
{
  const BourseInstrumentSpec *spec;
  Account *account;
  Position *position;
  const char *side_text;
  double stop_loss, take_profit, reference;
  int side;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(account = find_account (self, account_id, error)) ||
      !(position = find_position (account, position_id, error)))
    return FALSE;

  if (fabs (position->qty) <= QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Position %s is closed", position->id);
      return FALSE;
    }

  spec = &self->specs[position->instrument];
  side = position->qty > 0 ? 1 : -1;
  side_text = g_hash_table_lookup (fields, "side");

  if (side_text != NULL && *side_text != '\0')
    {
      Order *order;
      double price;

      if (!g_str_equal (side_text, "buy") && !g_str_equal (side_text, "sell"))
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                       "Field 'side' must be 'buy' or 'sell', not '%s'", side_text);
          return FALSE;
        }
      if ((side > 0) == g_str_equal (side_text, "buy"))
        return TRUE;  /* already on that side */

      if (!require_quote (self, position->instrument, error))
        return FALSE;

      /* native reverse: one market order of twice the size */
      order = order_new (self, position->instrument, -side, ORDER_MARKET, 2 * fabs (position->qty));
      account_add_order (account, order);
      emit_order (self, account, order);
      if (order_executes (self, order, &price))
        fill_order (self, account, order, price);
      flush_state (self);
      return TRUE;
    }

  if (!parse_number (fields, "stopLoss", FALSE, &stop_loss, error) ||
      !parse_number (fields, "takeProfit", FALSE, &take_profit, error))
    return FALSE;

  if (g_hash_table_contains (fields, "trailingStopPips"))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Trailing stops are not supported");
      return FALSE;
    }

  if (!isnan (stop_loss) || !isnan (take_profit))
    {
      if (!require_quote (self, position->instrument, error))
        return FALSE;
      /* a long exits at the bid, a short at the ask */
      reference = side > 0 ? self->quotes[position->instrument].bid : self->quotes[position->instrument].ask;
      if (!check_brackets (spec, side, reference, stop_loss, take_profit, error))
        return FALSE;
    }

  set_bracket (self, account, position->instrument, side, fabs (position->qty), position->id,
               PARENT_POSITION, ROLE_STOP_LOSS, stop_loss);
  set_bracket (self, account, position->instrument, side, fabs (position->qty), position->id,
               PARENT_POSITION, ROLE_TAKE_PROFIT, take_profit);
  emit_position (self, account, position);
  flush_state (self);

  return TRUE;
}

/* Closes all of a position, or `amount` of it. */
gboolean
bourse_matching_engine_close_position (BourseMatchingEngine *self,
                                       const char           *account_id,
                                       const char           *position_id,
                                       GHashTable           *fields,
                                       GError              **error)
{
  const BourseInstrumentSpec *spec;
  Account *account;
  Position *position;
  Order *order;
  double amount, price;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  if (!(account = find_account (self, account_id, error)) ||
      !(position = find_position (account, position_id, error)))
    return FALSE;

  if (fabs (position->qty) <= QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Position %s is already closed", position->id);
      return FALSE;
    }

  spec = &self->specs[position->instrument];
  if (!parse_number (fields, "amount", FALSE, &amount, error))
    return FALSE;
  if (isnan (amount))
    amount = fabs (position->qty);
  else if (!check_qty (spec, "amount", amount, error))
    return FALSE;
  else if (amount > fabs (position->qty) + QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "amount is larger than the position");
      return FALSE;
    }

  if (!require_quote (self, position->instrument, error))
    return FALSE;

  order = order_new (self, position->instrument, position->qty > 0 ? -1 : 1, ORDER_MARKET, amount);
  account_add_order (account, order);
  emit_order (self, account, order);
  if (order_executes (self, order, &price))
    fill_order (self, account, order, price);
  flush_state (self);

  return TRUE;
}

/* The value of one pip of one unit in the account's currency, at current rates. */
double
bourse_matching_engine_get_pip_value (BourseMatchingEngine *self,
                                      const char           *account_id,
                                      const char           *instrument)
{
  const BourseInstrumentSpec *spec;
  Account *account;
  guint index;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), 0);

  if (!(account = find_account (self, account_id, NULL)) ||
      !(spec = bourse_instrument_spec_lookup (instrument, &index)))
    return 0;

  return round (spec->pip_size * point_value (self, account, index) * 1e8) / 1e8;
}

/* Instruments with pip values in the account's currency at current rates. */
JsonNode *
bourse_matching_engine_dup_instruments (BourseMatchingEngine *self,
                                        const char           *account_id,
                                        GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_specs; i++)
    {
      const BourseInstrumentSpec *spec = &self->specs[i];
      double pip_value = spec->pip_size * point_value (self, account, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, spec->name);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, spec->description);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, spec->type);
      json_builder_set_member_name (builder, "minTick");
      json_builder_add_double_value (builder, spec->min_tick);
      json_builder_set_member_name (builder, "pipSize");
      json_builder_add_double_value (builder, spec->pip_size);
      json_builder_set_member_name (builder, "pipValue");
      json_builder_add_double_value (builder, round (pip_value * 1e8) / 1e8);
      json_builder_set_member_name (builder, "minQty");
      json_builder_add_double_value (builder, spec->min_qty);
      json_builder_set_member_name (builder, "maxQty");
      json_builder_add_double_value (builder, spec->max_qty);
      json_builder_set_member_name (builder, "qtyStep");
      json_builder_add_double_value (builder, spec->qty_step);
      json_builder_set_member_name (builder, "marginRate");
      json_builder_add_double_value (builder, round (spec->margin_rate * 1e6) / 1e6);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, spec->quote_currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static gboolean
order_in_session (BourseMatchingEngine *self,
                  const Order          *order)
{
  /* final orders stay listed for the UTC day they became final */
  return !is_final (order) || order->last_modified / 86400 == self->now / 86400;
}

JsonNode *
bourse_matching_engine_dup_orders (BourseMatchingEngine *self,
                                   const char           *account_id,
                                   GError              **error)
{
  g_autoptr(JsonNode) array = NULL;
  JsonArray *orders;
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  array = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (array, json_array_new ());
  orders = json_node_get_array (array);
  for (guint i = 0; i < account->orders->len; i++)
    {
      const Order *order = g_ptr_array_index (account->orders, i);

      if (order_in_session (self, order))
        json_array_add_element (orders, order_to_json (self, order, FALSE));
    }

  return g_steal_pointer (&array);
}

JsonNode *
bourse_matching_engine_dup_order (BourseMatchingEngine *self,
                                  const char           *account_id,
                                  const char           *order_id,
                                  GError              **error)
{
  Account *account;
  Order *order;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)) ||
      !(order = find_order (account, order_id, error)))
    return NULL;

  return order_to_json (self, order, FALSE);
}

/* Final orders, oldest first; the newest `max_count` when it is > 0. */
JsonNode *
bourse_matching_engine_dup_orders_history (BourseMatchingEngine *self,
                                           const char           *account_id,
                                           guint                 max_count,
                                           GError              **error)
{
  g_autoptr(GPtrArray) finals = g_ptr_array_new ();
  g_autoptr(JsonNode) array = NULL;
  Account *account;
  guint start = 0;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  for (guint i = 0; i < account->orders->len; i++)
    {
      Order *order = g_ptr_array_index (account->orders, i);

      if (is_final (order))
        g_ptr_array_add (finals, order);
    }

  if (max_count > 0 && finals->len > max_count)
    start = finals->len - max_count;

  array = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (array, json_array_new ());
  for (guint i = start; i < finals->len; i++)
    json_array_add_element (json_node_get_array (array),
                            order_to_json (self, g_ptr_array_index (finals, i), FALSE));

  return g_steal_pointer (&array);
}

JsonNode *
bourse_matching_engine_dup_positions (BourseMatchingEngine *self,
                                      const char           *account_id,
                                      GError              **error)
{
  g_autoptr(JsonNode) array = NULL;
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  array = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (array, json_array_new ());
  for (guint i = 0; i < account->positions->len; i++)
    {
      const Position *position = g_ptr_array_index (account->positions, i);

      if (fabs (position->qty) > QTY_EPSILON)
        json_array_add_element (json_node_get_array (array), position_to_json (self, account, position, FALSE));
    }

  return g_steal_pointer (&array);
}

/* Also answers for a closed position, with qty 0. */
JsonNode *
bourse_matching_engine_dup_position (BourseMatchingEngine *self,
                                     const char           *account_id,
                                     const char           *position_id,
                                     GError              **error)
{
  Account *account;
  Position *position;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)) ||
      !(position = find_position (account, position_id, error)))
    return NULL;

  return position_to_json (self, account, position, FALSE);
}

/* Executions, oldest first, of one instrument (or all when NULL). */
JsonNode *
bourse_matching_engine_dup_executions (BourseMatchingEngine *self,
                                       const char           *account_id,
                                       const char           *instrument,
                                       guint                 max_count,
                                       GError              **error)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonNode) array = NULL;
  Account *account;
  guint start = 0;
  guint index = 0;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  if (instrument != NULL && bourse_instrument_spec_lookup (instrument, &index) == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Unknown instrument '%s'", instrument);
      return NULL;
    }

  for (guint i = 0; i < account->executions->len; i++)
    {
      Execution *execution = g_ptr_array_index (account->executions, i);

      if (instrument == NULL || execution->instrument == index)
        g_ptr_array_add (matching, execution);
    }

  if (max_count > 0 && matching->len > max_count)
    start = matching->len - max_count;

  array = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (array, json_array_new ());
  for (guint i = start; i < matching->len; i++)
    json_array_add_element (json_node_get_array (array),
                            execution_to_json (self, g_ptr_array_index (matching, i)));

  return g_steal_pointer (&array);
}

JsonNode *
bourse_matching_engine_dup_state (BourseMatchingEngine *self,
                                  const char           *account_id,
                                  GError              **error)
{
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = find_account (self, account_id, error)))
    return NULL;

  return state_to_json (self, account);
}

/* The `accountManager` of /config: the table `amData` fills, column for column. */
JsonNode *
bourse_matching_engine_dup_account_manager_config (void)
{
  static const char * const columns[][2] = {
    { "balance", "Balance" },
    { "equity", "Equity" },
    { "unrealizedPl", "Unrealized P&L" },
    { "realizedPl", "Realized P&L" },
    { "margin", "Margin" },
    { "marginAvailable", "Available Margin" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "accountSummary");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Account Summary");
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, columns[i][0]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, columns[i][1]);
      json_builder_set_member_name (builder, "alignment");
      json_builder_add_string_value (builder, "right");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/* The `accountSummaryRow` of /config, matching `accountSummaryRowData`. */
JsonNode *
bourse_matching_engine_dup_summary_row_config (void)
{
  static const char * const cells[][2] = {
    { "balance", "Balance" },
    { "equity", "Equity" },
    { "unrealizedPl", "Unrealized P&L" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, cells[i][0]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, cells[i][1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/* ----------------------------------------------------------- persistence */

/* Everything needed to resume: balances, orders (with internal fields),
 * positions, executions, requestIds and id counters. */
JsonNode *
bourse_matching_engine_serialize (BourseMatchingEngine *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  json_builder_set_member_name (builder, "nextOrderId");
  json_builder_add_int_value (builder, (gint64) self->next_order_id);
  json_builder_set_member_name (builder, "nextPositionId");
  json_builder_add_int_value (builder, (gint64) self->next_position_id);
  json_builder_set_member_name (builder, "nextExecutionId");
  json_builder_add_int_value (builder, (gint64) self->next_execution_id);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);
      GHashTableIter iter;
      gpointer key, value;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, account->id);
      json_builder_set_member_name (builder, "balance");
      json_builder_add_double_value (builder, account->balance);
      json_builder_set_member_name (builder, "realized");
      json_builder_add_double_value (builder, account->realized);
      json_builder_set_member_name (builder, "orders");
      json_builder_begin_array (builder);
      for (guint i = 0; i < account->orders->len; i++)
        json_builder_add_value (builder, order_to_json (self, g_ptr_array_index (account->orders, i), TRUE));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "positions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < account->positions->len; i++)
        json_builder_add_value (builder, position_to_json (self, account, g_ptr_array_index (account->positions, i), TRUE));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "executions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < account->executions->len; i++)
        json_builder_add_value (builder, execution_to_json (self, g_ptr_array_index (account->executions, i)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "requestIds");
      json_builder_begin_object (builder);
      g_hash_table_iter_init (&iter, account->request_ids);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, value);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Strict readers: a state file we cannot fully understand is an error, not a guess. */
static gboolean
read_member (JsonObject  *object,
             const char  *member,
             GType        type,
             JsonNode   **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL ||
      (type == JSON_TYPE_ARRAY && !JSON_NODE_HOLDS_ARRAY (node)) ||
      (type == JSON_TYPE_OBJECT && !JSON_NODE_HOLDS_OBJECT (node)) ||
      (type != JSON_TYPE_ARRAY && type != JSON_TYPE_OBJECT &&
       (!JSON_NODE_HOLDS_VALUE (node) ||
        (type == G_TYPE_DOUBLE ? (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                  json_node_get_value_type (node) != G_TYPE_INT64)
                               : json_node_get_value_type (node) != type))))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: member '%s' is missing or has the wrong type", member);
      return FALSE;
    }

  *out = node;
  return TRUE;
}

#define READ(obj, name, type, var) \
  G_STMT_START { if (!read_member ((obj), (name), (type), &(var), error)) return FALSE; } G_STMT_END

static gboolean
optional_double (JsonObject *object,
                 const char *member,
                 double     *value,
                 GError    **error)
{
  JsonNode *node;

  *value = NAN;
  if (!json_object_has_member (object, member))
    return TRUE;
  READ (object, member, G_TYPE_DOUBLE, node);
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
restore_order (BourseMatchingEngine *self,
               Account              *account,
               JsonObject           *object,
               GError              **error)
{
  JsonNode *id, *instrument, *qty, *side, *type, *status, *filled, *modified, *role, *created, *triggered;
  Order *order;
  guint index;
  int type_value, status_value, role_value;

  READ (object, "id", G_TYPE_STRING, id);
  READ (object, "instrument", G_TYPE_STRING, instrument);
  READ (object, "qty", G_TYPE_DOUBLE, qty);
  READ (object, "side", G_TYPE_STRING, side);
  READ (object, "type", G_TYPE_STRING, type);
  READ (object, "status", G_TYPE_STRING, status);
  READ (object, "filledQty", G_TYPE_DOUBLE, filled);
  READ (object, "lastModified", G_TYPE_INT64, modified);
  READ (object, "_role", G_TYPE_STRING, role);
  READ (object, "_created", G_TYPE_INT64, created);
  READ (object, "_triggered", G_TYPE_BOOLEAN, triggered);

  type_value = lookup_name (order_type_names, G_N_ELEMENTS (order_type_names), json_node_get_string (type), FALSE);
  status_value = lookup_name (status_names, G_N_ELEMENTS (status_names), json_node_get_string (status), FALSE);
  role_value = lookup_name (role_names, G_N_ELEMENTS (role_names), json_node_get_string (role), FALSE);
  if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL ||
      type_value < 0 || status_value < 0 || role_value < 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: order %s has an unknown instrument, type, status or role",
                   json_node_get_string (id));
      return FALSE;
    }

  order = g_new0 (Order, 1);
  order->id = g_strdup (json_node_get_string (id));
  order->instrument = index;
  order->qty = json_node_get_double (qty);
  order->side = g_str_equal (json_node_get_string (side), "buy") ? 1 : -1;
  order->type = type_value;
  order->status = status_value;
  order->filled_qty = json_node_get_double (filled);
  order->last_modified = json_node_get_int (modified);
  order->role = role_value;
  order->created = json_node_get_int (created);
  order->triggered = json_node_get_boolean (triggered);
  account_add_order (account, order);

  if (!optional_double (object, "avgPrice", &order->avg_price, error) ||
      !optional_double (object, "limitPrice", &order->limit_price, error) ||
      !optional_double (object, "stopPrice", &order->stop_price, error) ||
      !optional_double (object, "stopLoss", &order->stop_loss, error) ||
      !optional_double (object, "takeProfit", &order->take_profit, error))
    return FALSE;
  if (isnan (order->avg_price))
    order->avg_price = 0;

  if (json_object_has_member (object, "parentId"))
    {
      JsonNode *parent_id, *parent_type;

      READ (object, "parentId", G_TYPE_STRING, parent_id);
      READ (object, "parentType", G_TYPE_STRING, parent_type);
      order->parent_id = g_strdup (json_node_get_string (parent_id));
      order->parent_type = g_str_equal (json_node_get_string (parent_type), "order") ? PARENT_ORDER : PARENT_POSITION;
    }

  if (json_object_has_member (object, "duration"))
    {
      JsonNode *duration, *duration_type, *datetime;
      JsonObject *duration_object;

      READ (object, "duration", JSON_TYPE_OBJECT, duration);
      duration_object = json_node_get_object (duration);
      READ (duration_object, "type", G_TYPE_STRING, duration_type);
      order->duration = MAX (0, lookup_name (duration_names, G_N_ELEMENTS (duration_names),
                                             json_node_get_string (duration_type), FALSE));
      if (order->duration == DURATION_GTT)
        {
          READ (duration_object, "datetime", G_TYPE_INT64, datetime);
          order->duration_datetime = json_node_get_int (datetime);
        }
    }

  if (json_object_has_member (object, "message"))
    {
      JsonNode *message, *text;

      READ (object, "message", JSON_TYPE_OBJECT, message);
      READ (json_node_get_object (message), "text", G_TYPE_STRING, text);
      order->message = g_strdup (json_node_get_string (text));
    }

  return TRUE;
}

static gboolean
restore_account (BourseMatchingEngine *self,
                 JsonObject           *object,
                 GError              **error)
{
  JsonNode *id, *balance, *realized, *orders, *positions, *executions, *request_ids;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  Account *account;

  READ (object, "id", G_TYPE_STRING, id);
  if (!(account = find_account (self, json_node_get_string (id), NULL)))
    {
      /* an account that no longer exists: keep going, its data is dropped */
      g_message ("State file: ignoring unknown account %s", json_node_get_string (id));
      return TRUE;
    }

  READ (object, "balance", G_TYPE_DOUBLE, balance);
  READ (object, "realized", G_TYPE_DOUBLE, realized);
  READ (object, "orders", JSON_TYPE_ARRAY, orders);
  READ (object, "positions", JSON_TYPE_ARRAY, positions);
  READ (object, "executions", JSON_TYPE_ARRAY, executions);
  READ (object, "requestIds", JSON_TYPE_OBJECT, request_ids);

  account->balance = json_node_get_double (balance);
  account->realized = json_node_get_double (realized);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (orders)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (orders), i);

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !restore_order (self, account, json_node_get_object (element), error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad order");
          return FALSE;
        }
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (positions)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (positions), i);
      JsonNode *pid, *instrument, *avg, *qty;
      JsonObject *p;
      Position *position;
      guint index;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad position");
          return FALSE;
        }
      p = json_node_get_object (element);
      READ (p, "id", G_TYPE_STRING, pid);
      READ (p, "instrument", G_TYPE_STRING, instrument);
      READ (p, "avgPrice", G_TYPE_DOUBLE, avg);
      READ (p, "_signedQty", G_TYPE_DOUBLE, qty);
      if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                       "State file: unknown instrument %s", json_node_get_string (instrument));
          return FALSE;
        }
      position = g_new0 (Position, 1);
      position->id = g_strdup (json_node_get_string (pid));
      position->instrument = index;
      position->avg_price = json_node_get_double (avg);
      position->qty = json_node_get_double (qty);
      g_ptr_array_add (account->positions, position);
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (executions)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (executions), i);
      JsonNode *eid, *instrument, *price, *time, *qty, *side, *order_id, *position_id, *is_close;
      JsonObject *e;
      Execution *execution;
      guint index;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad execution");
          return FALSE;
        }
      e = json_node_get_object (element);
      READ (e, "id", G_TYPE_STRING, eid);
      READ (e, "instrument", G_TYPE_STRING, instrument);
      READ (e, "price", G_TYPE_DOUBLE, price);
      READ (e, "time", G_TYPE_INT64, time);
      READ (e, "qty", G_TYPE_DOUBLE, qty);
      READ (e, "side", G_TYPE_STRING, side);
      READ (e, "orderId", G_TYPE_STRING, order_id);
      READ (e, "positionId", G_TYPE_STRING, position_id);
      READ (e, "isClose", G_TYPE_BOOLEAN, is_close);
      if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                       "State file: unknown instrument %s", json_node_get_string (instrument));
          return FALSE;
        }
      execution = g_new0 (Execution, 1);
      execution->id = g_strdup (json_node_get_string (eid));
      execution->instrument = index;
      execution->price = json_node_get_double (price);
      execution->time = json_node_get_int (time);
      execution->qty = json_node_get_double (qty);
      execution->side = g_str_equal (json_node_get_string (side), "buy") ? 1 : -1;
      execution->order_id = g_strdup (json_node_get_string (order_id));
      execution->position_id = g_strdup (json_node_get_string (position_id));
      execution->is_close = json_node_get_boolean (is_close);
      g_ptr_array_add (account->executions, execution);
    }

  json_object_iter_init (&iter, json_node_get_object (request_ids));
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad requestId");
          return FALSE;
        }
      g_hash_table_insert (account->request_ids, g_strdup (member), g_strdup (json_node_get_string (value)));
    }

  return TRUE;
}

/**
 * bourse_matching_engine_restore:
 * @node: what bourse_matching_engine_serialize() returned
 *
 * Loads saved state into the accounts (which must have been added and be
 * empty). On error the engine may be partly loaded: do not use it.
 */
gboolean
bourse_matching_engine_restore (BourseMatchingEngine *self,
                                JsonNode             *node,
                                GError              **error)
{
  JsonNode *version, *next_order, *next_position, *next_execution, *accounts;
  JsonObject *root;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: not a JSON object");
      return FALSE;
    }

  root = json_node_get_object (node);
  READ (root, "version", G_TYPE_INT64, version);
  if (json_node_get_int (version) != STATE_VERSION)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: unsupported version %" G_GINT64_FORMAT, json_node_get_int (version));
      return FALSE;
    }
  READ (root, "nextOrderId", G_TYPE_INT64, next_order);
  READ (root, "nextPositionId", G_TYPE_INT64, next_position);
  READ (root, "nextExecutionId", G_TYPE_INT64, next_execution);
  READ (root, "accounts", JSON_TYPE_ARRAY, accounts);

  self->next_order_id = (guint64) MAX (1, json_node_get_int (next_order));
  self->next_position_id = (guint64) MAX (1, json_node_get_int (next_position));
  self->next_execution_id = (guint64) MAX (1, json_node_get_int (next_execution));

  for (guint i = 0; i < json_array_get_length (json_node_get_array (accounts)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (accounts), i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad account");
          return FALSE;
        }
      if (!restore_account (self, json_node_get_object (element), error))
        return FALSE;
    }

  return TRUE;
}
