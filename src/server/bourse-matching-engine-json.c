/* bourse-matching-engine-json.c — orders, positions, executions and account state as the API's JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prices are rounded to the instrument's tick and quantities to its step;
 * the internal form (for the state file) adds the fields only the engine needs.
 */

#include "config.h"

#include <math.h>

#include "bourse-matching-engine-private.h"
#include "bourse-server-error.h"

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

JsonNode *
_bourse_matching_engine_order_to_json (BourseMatchingEngine *self,
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

JsonNode *
_bourse_matching_engine_position_to_json (BourseMatchingEngine *self,
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
      json_builder_add_double_value (builder, _bourse_matching_engine_round_money (_bourse_matching_engine_position_upl (self, account, position)));
      for (guint i = 0; i < account->orders->len; i++)
        {
          const Order *order = g_ptr_array_index (account->orders, i);

          if (order->parent_type != PARENT_POSITION || _bourse_matching_engine_is_final (order) ||
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

JsonNode *
_bourse_matching_engine_execution_to_json (BourseMatchingEngine *self,
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

JsonNode *
_bourse_matching_engine_state_to_json (BourseMatchingEngine *self,
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
      upl += _bourse_matching_engine_position_upl (self, account, position);
      margin += _bourse_matching_engine_position_margin (self, account, position->instrument, position->qty,
                                                         self->quotes[position->instrument].valid ?
                                                         self->quotes[position->instrument].last : position->avg_price);
    }

  upl = _bourse_matching_engine_round_money (upl);
  margin = _bourse_matching_engine_round_money (margin);
  equity = _bourse_matching_engine_round_money (account->balance + upl);
  available = _bourse_matching_engine_round_money (equity - margin);

  g_ascii_formatd (cells[0], sizeof cells[0], "%.2f", _bourse_matching_engine_round_money (account->balance));
  g_ascii_formatd (cells[1], sizeof cells[1], "%.2f", equity);
  g_ascii_formatd (cells[2], sizeof cells[2], "%.2f", upl);
  g_ascii_formatd (cells[3], sizeof cells[3], "%.2f", _bourse_matching_engine_round_money (account->realized));
  g_ascii_formatd (cells[4], sizeof cells[4], "%.2f", margin);
  g_ascii_formatd (cells[5], sizeof cells[5], "%.2f", available);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "balance");
  json_builder_add_double_value (builder, _bourse_matching_engine_round_money (account->balance));
  json_builder_set_member_name (builder, "unrealizedPl");
  json_builder_add_double_value (builder, upl);
  json_builder_set_member_name (builder, "equity");
  json_builder_add_double_value (builder, equity);
  json_builder_set_member_name (builder, "realizedPl");
  json_builder_add_double_value (builder, _bourse_matching_engine_round_money (account->realized));
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

/* Instruments with pip values in the account's currency at current rates. */
JsonNode *
bourse_matching_engine_dup_instruments (BourseMatchingEngine *self,
                                        const char           *account_id,
                                        GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_specs; i++)
    {
      const BourseInstrumentSpec *spec = &self->specs[i];
      double pip_value = spec->pip_size * _bourse_matching_engine_point_value (self, account, i);

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

/* An empty JSON array node to add elements to. */
static JsonNode *
array_node_new (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

/* Where the newest @max_count of @len items start; 0 (all) when @max_count is 0. */
static guint
newest_start (guint len,
              guint max_count)
{
  return max_count > 0 && len > max_count ? len - max_count : 0;
}

static gboolean
order_in_session (BourseMatchingEngine *self,
                  const Order          *order)
{
  /* final orders stay listed for the UTC day they became final */
  return !_bourse_matching_engine_is_final (order) || order->last_modified / 86400 == self->now / 86400;
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

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  array = array_node_new ();
  orders = json_node_get_array (array);
  for (guint i = 0; i < account->orders->len; i++)
    {
      const Order *order = g_ptr_array_index (account->orders, i);

      if (order_in_session (self, order))
        json_array_add_element (orders, _bourse_matching_engine_order_to_json (self, order, FALSE));
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

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)) ||
      !(order = _bourse_matching_engine_find_order (account, order_id, error)))
    return NULL;

  return _bourse_matching_engine_order_to_json (self, order, FALSE);
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
  guint start;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  for (guint i = 0; i < account->orders->len; i++)
    {
      Order *order = g_ptr_array_index (account->orders, i);

      if (_bourse_matching_engine_is_final (order))
        g_ptr_array_add (finals, order);
    }

  start = newest_start (finals->len, max_count);

  array = array_node_new ();
  for (guint i = start; i < finals->len; i++)
    json_array_add_element (json_node_get_array (array),
                            _bourse_matching_engine_order_to_json (self, g_ptr_array_index (finals, i), FALSE));

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

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  array = array_node_new ();
  for (guint i = 0; i < account->positions->len; i++)
    {
      const Position *position = g_ptr_array_index (account->positions, i);

      if (fabs (position->qty) > QTY_EPSILON)
        json_array_add_element (json_node_get_array (array), _bourse_matching_engine_position_to_json (self, account, position, FALSE));
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

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)) ||
      !(position = _bourse_matching_engine_find_position (account, position_id, error)))
    return NULL;

  return _bourse_matching_engine_position_to_json (self, account, position, FALSE);
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
  guint start;
  guint index = 0;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
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

  start = newest_start (matching->len, max_count);

  array = array_node_new ();
  for (guint i = start; i < matching->len; i++)
    json_array_add_element (json_node_get_array (array),
                            _bourse_matching_engine_execution_to_json (self, g_ptr_array_index (matching, i)));

  return g_steal_pointer (&array);
}

JsonNode *
bourse_matching_engine_dup_state (BourseMatchingEngine *self,
                                  const char           *account_id,
                                  GError              **error)
{
  Account *account;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  if (!(account = _bourse_matching_engine_find_account (self, account_id, error)))
    return NULL;

  return _bourse_matching_engine_state_to_json (self, account);
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
