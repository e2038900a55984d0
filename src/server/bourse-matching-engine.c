/* bourse-matching-engine.c — paper-trading accounts: the object and the API's operations
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Places, modifies, cancels and closes as the broker API asks, after checking
 * every field (a clear error for anything malformed); the rules they follow
 * are in bourse-matching-engine-rules.c. Every change is announced with
 * ::entity-changed.
 */

#include "config.h"

#include <math.h>

#include "bourse-matching-engine-private.h"
#include "bourse-server-error.h"

G_DEFINE_FINAL_TYPE (BourseMatchingEngine, bourse_matching_engine, G_TYPE_OBJECT)

enum {
  ENTITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_bourse_matching_engine_emit_order (BourseMatchingEngine *self,
                                    Account              *account,
                                    Order                *order)
{
  g_autoptr(JsonNode) node = NULL;

  order->last_modified = self->now;
  node = _bourse_matching_engine_order_to_json (self, order, FALSE);
  account->state_dirty = TRUE;
  _bourse_matching_engine_update_live (account, order);
  _bourse_matching_engine_mark_order (account, order);
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "orders", node);
}

void
_bourse_matching_engine_emit_position (BourseMatchingEngine *self,
                                       Account              *account,
                                       Position             *position)
{
  g_autoptr(JsonNode) node = _bourse_matching_engine_position_to_json (self, account, position, FALSE);

  account->state_dirty = TRUE;
  _bourse_matching_engine_mark_position (account, position);
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, account->id, "positions", node);
}

void
_bourse_matching_engine_emit_execution (BourseMatchingEngine *self,
                                        Account              *account,
                                        Execution            *execution)
{
  g_autoptr(JsonNode) node = _bourse_matching_engine_execution_to_json (self, execution);

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
      node = _bourse_matching_engine_state_to_json (self, account);
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

  found = _bourse_matching_engine_lookup_name (duration_names, G_N_ELEMENTS (duration_names), type, TRUE);
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
  self->accounts = g_ptr_array_new_with_free_func (_bourse_matching_engine_account_free);
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

  g_ptr_array_add (self->accounts, _bourse_matching_engine_account_new (account_id, name, currency, balance));
}

gboolean
bourse_matching_engine_has_account (BourseMatchingEngine *self,
                                    const char           *account_id)
{
  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  return _bourse_matching_engine_find_account (self, account_id, NULL) != NULL;
}

const char *
bourse_matching_engine_get_account_currency (BourseMatchingEngine *self,
                                             const char           *account_id)
{
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  account = _bourse_matching_engine_find_account (self, account_id, NULL);
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
  _bourse_matching_engine_expire_orders (self);
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

  _bourse_matching_engine_match_instrument (self, index);
  flush_state (self);
}

/* A new order's fields, read and checked. */
typedef struct
{
  const BourseInstrumentSpec *spec;
  guint                       instrument;
  const char                 *side_text;
  int                         side;
  int                         type;
  double                      qty;
  double                      limit_price;
  double                      stop_price;
  double                      stop_loss;
  double                      take_profit;
  DurationType                duration;
  gint64                      datetime;
} OrderRequest;

/* TRUE unless @fields asks for a trailing stop, which the demo broker does not offer. */
static gboolean
refuse_trailing_stop (GHashTable  *fields,
                      GError     **error)
{
  if (g_hash_table_contains (fields, "trailingStopPips"))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Trailing stops are not supported");
      return FALSE;
    }
  return TRUE;
}

/* A required text field that must not be empty. */
static const char *
require_field (GHashTable  *fields,
               const char  *key,
               GError     **error)
{
  const char *text = g_hash_table_lookup (fields, key);

  if (text == NULL || *text == '\0')
    g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Missing field '%s'", key);
  return text != NULL && *text != '\0' ? text : NULL;
}

/* instrument, side and type: what the order is. */
static gboolean
parse_order_kind (GHashTable    *fields,
                  OrderRequest  *req,
                  GError       **error)
{
  const char *name, *type_text;

  if (!(name = require_field (fields, "instrument", error)))
    return FALSE;
  if (!(req->spec = bourse_instrument_spec_lookup (name, &req->instrument)))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST, "Unknown instrument '%s'", name);
      return FALSE;
    }

  if (!(req->side_text = require_field (fields, "side", error)))
    return FALSE;
  if (!g_str_equal (req->side_text, "buy") && !g_str_equal (req->side_text, "sell"))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field 'side' must be 'buy' or 'sell', not '%s'", req->side_text);
      return FALSE;
    }
  req->side = g_str_equal (req->side_text, "buy") ? 1 : -1;

  if (!(type_text = require_field (fields, "type", error)))
    return FALSE;
  req->type = _bourse_matching_engine_lookup_name (order_type_names, G_N_ELEMENTS (order_type_names), type_text, FALSE);
  if (req->type < 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Field 'type' must be market, limit, stop or stoplimit, not '%s'", type_text);
      return FALSE;
    }

  return refuse_trailing_stop (fields, error);
}

/* Quantity, prices and duration, checked against the instrument and the
 * quote; prices that do not apply to the type are ignored, as a ticket may
 * send them all. */
static gboolean
parse_order_terms (BourseMatchingEngine  *self,
                   GHashTable            *fields,
                   OrderRequest          *req,
                   GError               **error)
{
  int type = req->type;

  if (!parse_number (fields, "qty", TRUE, &req->qty, error) || !check_qty (req->spec, "qty", req->qty, error) ||
      !parse_number (fields, "limitPrice", type == ORDER_LIMIT || type == ORDER_STOPLIMIT, &req->limit_price, error) ||
      !parse_number (fields, "stopPrice", type == ORDER_STOP || type == ORDER_STOPLIMIT, &req->stop_price, error) ||
      !parse_number (fields, "stopLoss", FALSE, &req->stop_loss, error) ||
      !parse_number (fields, "takeProfit", FALSE, &req->take_profit, error))
    return FALSE;

  if (type == ORDER_MARKET || type == ORDER_STOP)
    req->limit_price = NAN;
  if (type == ORDER_MARKET || type == ORDER_LIMIT)
    req->stop_price = NAN;

  if (!check_price (req->spec, "limitPrice", req->limit_price, error) ||
      !check_price (req->spec, "stopPrice", req->stop_price, error))
    return FALSE;

  if (type == ORDER_MARKET && !require_quote (self, req->instrument, error))
    return FALSE;

  if (!check_stop_side (self, req->instrument, req->side, req->stop_price, error))
    return FALSE;

  if (type != ORDER_MARKET && !parse_duration (self, fields, &req->duration, &req->datetime, error))
    return FALSE;
  return TRUE;
}

/* The order the request describes, or NULL when its brackets are on the
 * wrong side or a market order lacks the margin. */
static Order *
new_checked_order (BourseMatchingEngine  *self,
                   Account               *account,
                   const OrderRequest    *req,
                   GError               **error)
{
  Order *order = _bourse_matching_engine_order_new (self, req->instrument, req->side, req->type, req->qty);

  order->limit_price = req->limit_price;
  order->stop_price = req->stop_price;
  order->duration = req->duration;
  order->duration_datetime = req->datetime;

  if ((!isnan (req->stop_loss) || !isnan (req->take_profit)) &&
      !check_brackets (req->spec, req->side, reference_price (self, order), req->stop_loss, req->take_profit, error))
    {
      _bourse_matching_engine_order_free (order);
      return NULL;
    }

  if (req->type == ORDER_MARKET &&
      !_bourse_matching_engine_has_margin_for (self, account, req->instrument, req->side, req->qty,
                                               reference_price (self, order)))
    {
      _bourse_matching_engine_order_free (order);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Insufficient margin for %s %s", req->side_text, req->spec->name);
      return NULL;
    }

  order->stop_loss = req->stop_loss;
  order->take_profit = req->take_profit;
  return order;
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
  OrderRequest req = { .duration = DURATION_NONE };
  Account *account;
  Order *order;
  const char *previous;
  double price;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  if (request_id != NULL && *request_id != '\0' &&
      (previous = g_hash_table_lookup (account->request_ids, request_id)))
    return g_strdup (previous);

  if (!parse_order_kind (fields, &req, error) ||
      !parse_order_terms (self, fields, &req, error) ||
      !(order = new_checked_order (self, account, &req, error)))
    return NULL;

  _bourse_matching_engine_account_add_order (account, order);
  if (request_id != NULL && *request_id != '\0')
    {
      g_hash_table_insert (account->request_ids, g_strdup (request_id), g_strdup (order->id));
      g_ptr_array_add (account->new_request_ids, g_strdup (request_id));
    }

  _bourse_matching_engine_emit_order (self, account, order);
  if (!isnan (req.stop_loss))
    _bourse_matching_engine_bracket_new (self, account, req.instrument, req.side, req.qty, ROLE_STOP_LOSS,
                                         req.stop_loss, order->id, PARENT_ORDER);
  if (!isnan (req.take_profit))
    _bourse_matching_engine_bracket_new (self, account, req.instrument, req.side, req.qty, ROLE_TAKE_PROFIT,
                                         req.take_profit, order->id, PARENT_ORDER);

  if (_bourse_matching_engine_order_executes (self, order, &price))
    _bourse_matching_engine_fill_order (self, account, order, price);

  flush_state (self);
  return g_strdup (order->id);
}

/* The account's order @order_id while it is working; once it is final the
 * error says "Order ID is <before>STATUS<after>" ("is already filled",
 * "is filled and can no longer be modified"). */
static Order *
find_working_order (BourseMatchingEngine  *self,
                    const char            *account_id,
                    const char            *order_id,
                    const char            *before,
                    const char            *after,
                    Account              **account,
                    GError               **error)
{
  Order *order;

  if (!(*account = _bourse_matching_engine_find_account (self, account_id, error)) ||
      !(order = _bourse_matching_engine_find_order (*account, order_id, error)))
    return NULL;

  if (_bourse_matching_engine_is_final (order))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Order %s is %s%s%s", order->id, before, status_names[order->status], after);
      return NULL;
    }
  return order;
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

  if (!(order = find_working_order (self, account_id, order_id, "", " and can no longer be modified", &account, error)))
    return FALSE;

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
  _bourse_matching_engine_emit_order (self, account, order);

  if (order->parent_id == NULL)
    {
      order->stop_loss = stop_loss;
      order->take_profit = take_profit;
      _bourse_matching_engine_set_bracket (self, account, order->instrument, order->side, qty, order->id, PARENT_ORDER,
                                           ROLE_STOP_LOSS, stop_loss);
      _bourse_matching_engine_set_bracket (self, account, order->instrument, order->side, qty, order->id, PARENT_ORDER,
                                           ROLE_TAKE_PROFIT, take_profit);
      _bourse_matching_engine_emit_order (self, account, order);
    }

  if (_bourse_matching_engine_order_executes (self, order, &price))
    _bourse_matching_engine_fill_order (self, account, order, price);

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

  if (!(order = find_working_order (self, account_id, order_id, "already ", "", &account, error)))
    return FALSE;

  _bourse_matching_engine_finish_order (self, account, order, STATUS_CANCELLED, NULL);
  _bourse_matching_engine_cancel_children (self, account, order->id, PARENT_ORDER, "Parent order cancelled");
  flush_state (self);

  return TRUE;
}

/* The account's position @position_id when it is open; @closed says how
 * the error puts it when it is not ("is closed", "is already closed"). */
static Position *
find_open_position (BourseMatchingEngine  *self,
                    const char            *account_id,
                    const char            *position_id,
                    const char            *closed,
                    Account              **account,
                    GError               **error)
{
  Position *position;

  if (!(*account = _bourse_matching_engine_find_account (self, account_id, error)) ||
      !(position = _bourse_matching_engine_find_position (*account, position_id, error)))
    return NULL;

  if (fabs (position->qty) <= QTY_EPSILON)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED,
                   "Position %s %s", position->id, closed);
      return NULL;
    }
  return position;
}

/* A market order the engine places itself (a reverse, a close): listed,
 * announced and filled at the touch at once when the quote allows. */
static void
send_market_order (BourseMatchingEngine *self,
                   Account              *account,
                   guint                 instrument,
                   int                   side,
                   double                qty)
{
  Order *order = _bourse_matching_engine_order_new (self, instrument, side, ORDER_MARKET, qty);
  double price;

  _bourse_matching_engine_account_add_order (account, order);
  _bourse_matching_engine_emit_order (self, account, order);
  if (_bourse_matching_engine_order_executes (self, order, &price))
    _bourse_matching_engine_fill_order (self, account, order, price);
  flush_state (self);
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

  if (!(position = find_open_position (self, account_id, position_id, "is closed", &account, error)))
    return FALSE;

  spec = &self->specs[position->instrument];
  side = position->qty > 0 ? 1 : -1;
  side_text = g_hash_table_lookup (fields, "side");

  if (side_text != NULL && *side_text != '\0')
    {
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
      send_market_order (self, account, position->instrument, -side, 2 * fabs (position->qty));
      return TRUE;
    }

  if (!parse_number (fields, "stopLoss", FALSE, &stop_loss, error) ||
      !parse_number (fields, "takeProfit", FALSE, &take_profit, error))
    return FALSE;

  if (!refuse_trailing_stop (fields, error))
    return FALSE;

  if (!isnan (stop_loss) || !isnan (take_profit))
    {
      if (!require_quote (self, position->instrument, error))
        return FALSE;
      /* a long exits at the bid, a short at the ask */
      reference = side > 0 ? self->quotes[position->instrument].bid : self->quotes[position->instrument].ask;
      if (!check_brackets (spec, side, reference, stop_loss, take_profit, error))
        return FALSE;
    }

  _bourse_matching_engine_set_bracket (self, account, position->instrument, side, fabs (position->qty), position->id,
                                       PARENT_POSITION, ROLE_STOP_LOSS, stop_loss);
  _bourse_matching_engine_set_bracket (self, account, position->instrument, side, fabs (position->qty), position->id,
                                       PARENT_POSITION, ROLE_TAKE_PROFIT, take_profit);
  _bourse_matching_engine_emit_position (self, account, position);
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
  double amount;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  if (!(position = find_open_position (self, account_id, position_id, "is already closed", &account, error)))
    return FALSE;

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

  send_market_order (self, account, position->instrument, position->qty > 0 ? -1 : 1, amount);

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

  if (!(account = _bourse_matching_engine_find_account (self, account_id, NULL)) ||
      !(spec = bourse_instrument_spec_lookup (instrument, &index)))
    return 0;

  return round (spec->pip_size * _bourse_matching_engine_point_value (self, account, index) * 1e8) / 1e8;
}
