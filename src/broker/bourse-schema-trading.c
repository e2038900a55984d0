/* bourse-schema-trading.c — the rules for trading objects: accounts, instruments, orders, positions, executions, account state, config, order preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One validator per object of the REST API for Brokers, written out with its
 * cross-field rules (a limit order needs limitPrice, parentId goes with
 * parentType). Quotes, depth, history and the stream lines are in
 * bourse-schema.c, next to the member checks their hot path inlines.
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-schema-private.h"

static const char * const sides[] = { "buy", "sell", NULL };
static const char * const order_types[] = { "market", "limit", "stop", "stoplimit", NULL };
static const char * const order_statuses[] = { "placing", "inactive", "working", "rejected", "filled", "cancelled", NULL };
static const char * const final_statuses[] = { "rejected", "filled", "cancelled", NULL };
static const char * const parent_types[] = { "order", "position", NULL };
static const char * const account_types[] = { "live", "demo", NULL };
static const char * const message_types[] = { "information", "warning", "error", NULL };
static const char * const instrument_types[] = { "stock", "dr", "right", "bond", "warrant", "structured",
                                                 "index", "forex", "futures", "crypto", "cfd", "fund", NULL };
static const char * const alignments[] = { "left", "right", NULL };

/* ---- objects ---- */

static void
validate_order_common (Ctx        *ctx,
                       JsonObject *o,
                       const Path *path,
                       const char * const *statuses)
{
  const char *type;
  const char *parent_type;
  gboolean has_parent_id;
  JsonObject *sub;

  _bourse_schema_check_id (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "instrument", REQUIRED);
  _bourse_schema_check_number (ctx, o, path, "qty", REQUIRED, NUM_POSITIVE, NULL);
  _bourse_schema_check_enum (ctx, o, path, "side", REQUIRED, sides);
  type = _bourse_schema_check_enum (ctx, o, path, "type", REQUIRED, order_types);
  _bourse_schema_check_enum (ctx, o, path, "status", REQUIRED, statuses);
  _bourse_schema_check_number (ctx, o, path, "filledQty", OPTIONAL, NUM_NON_NEGATIVE, NULL);
  _bourse_schema_check_number (ctx, o, path, "avgPrice", OPTIONAL, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "limitPrice", OPTIONAL, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "stopPrice", OPTIONAL, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "trailingStopPips", OPTIONAL, NUM_POSITIVE, NULL);
  _bourse_schema_check_boolean (ctx, o, path, "isTrailingStop", OPTIONAL);
  _bourse_schema_check_time (ctx, o, path, "lastModified", OPTIONAL, NULL);

  if (type != NULL && (g_str_equal (type, "limit") || g_str_equal (type, "stoplimit")))
    _bourse_schema_check_number (ctx, o, path, "limitPrice", REQUIRED, NUM_ANY, NULL);
  if (type != NULL && (g_str_equal (type, "stop") || g_str_equal (type, "stoplimit")))
    _bourse_schema_check_number (ctx, o, path, "stopPrice", REQUIRED, NUM_ANY, NULL);

  _bourse_schema_check_id (ctx, o, path, "parentId", OPTIONAL);
  parent_type = _bourse_schema_check_enum (ctx, o, path, "parentType", OPTIONAL, parent_types);
  has_parent_id = _bourse_json_get_member (o, "parentId") != NULL &&
                  !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (o, "parentId"));
  if (has_parent_id && parent_type == NULL && _bourse_json_get_member (o, "parentType") == NULL)
    {
      Path p = PATH_MEMBER (path, "parentType");
      _bourse_schema_violation (ctx, &p, "missing: required together with parentId");
    }

  if ((sub = _bourse_schema_check_object_member (ctx, o, path, "duration", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "duration");
      _bourse_schema_check_string (ctx, sub, &p, "type", REQUIRED);
      _bourse_schema_check_time (ctx, sub, &p, "datetime", OPTIONAL, NULL);
    }
  if ((sub = _bourse_schema_check_object_member (ctx, o, path, "message", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "message");
      _bourse_schema_check_string (ctx, sub, &p, "text", REQUIRED);
      _bourse_schema_check_enum (ctx, sub, &p, "type", OPTIONAL, message_types);
    }
}

void
_bourse_schema_validate_order (Ctx        *ctx,
                               JsonNode   *node,
                               const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o != NULL)
    validate_order_common (ctx, o, path, order_statuses);
}

void
_bourse_schema_validate_history_order (Ctx        *ctx,
                                       JsonNode   *node,
                                       const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o != NULL)
    validate_order_common (ctx, o, path, final_statuses);
  /* A working order in the history is wrong even for a lenient client. */
  if (o != NULL && !ctx->strict)
    {
      const char *status = _bourse_json_get_string (o, "status");
      Path p = PATH_MEMBER (path, "status");
      if (status != NULL && g_strv_contains (order_statuses, status) && !g_strv_contains (final_statuses, status))
        _bourse_schema_violation (ctx, &p, "expected a final status in the history; got \"%s\"", status);
    }
}

static void
validate_position_with_qty (Ctx        *ctx,
                            JsonNode   *node,
                            const Path *path,
                            NumRange    qty_range)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_id (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "instrument", REQUIRED);
  _bourse_schema_check_number (ctx, o, path, "qty", REQUIRED, qty_range, NULL);
  _bourse_schema_check_enum (ctx, o, path, "side", REQUIRED, sides);
  _bourse_schema_check_number (ctx, o, path, "avgPrice", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "unrealizedPl", OPTIONAL, NUM_ANY, NULL);
}

void
_bourse_schema_validate_position (Ctx        *ctx,
                                  JsonNode   *node,
                                  const Path *path)
{
  validate_position_with_qty (ctx, node, path, NUM_POSITIVE);
}

/* On the positions stream a closed position is sent once with qty 0. */
void
_bourse_schema_validate_streamed_position (Ctx        *ctx,
                                           JsonNode   *node,
                                           const Path *path)
{
  validate_position_with_qty (ctx, node, path, NUM_NON_NEGATIVE);
}

void
_bourse_schema_validate_execution (Ctx        *ctx,
                                   JsonNode   *node,
                                   const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_id (ctx, o, path, "id", ctx->strict ? REQUIRED : OPTIONAL);
  _bourse_schema_check_string (ctx, o, path, "instrument", REQUIRED);
  _bourse_schema_check_number (ctx, o, path, "price", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_time (ctx, o, path, "time", REQUIRED, NULL);
  _bourse_schema_check_number (ctx, o, path, "qty", REQUIRED, NUM_POSITIVE, NULL);
  _bourse_schema_check_enum (ctx, o, path, "side", REQUIRED, sides);
  _bourse_schema_check_id (ctx, o, path, "orderId", OPTIONAL);
  _bourse_schema_check_id (ctx, o, path, "positionId", OPTIONAL);
  _bourse_schema_check_boolean (ctx, o, path, "isClose", OPTIONAL);
  _bourse_schema_check_number (ctx, o, path, "commission", OPTIONAL, NUM_ANY, NULL);
}

void
_bourse_schema_validate_instrument (Ctx        *ctx,
                                    JsonNode   *node,
                                    const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  double min_qty = 0, max_qty = 0;
  gboolean has_min, has_max;

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "name", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "description", REQUIRED);
  _bourse_schema_check_number (ctx, o, path, "pipSize", REQUIRED, NUM_POSITIVE, NULL);
  _bourse_schema_check_number (ctx, o, path, "pipValue", REQUIRED, NUM_NON_NEGATIVE, NULL);
  _bourse_schema_check_number (ctx, o, path, "minTick", REQUIRED, NUM_POSITIVE, NULL);
  _bourse_schema_check_enum (ctx, o, path, "type", REQUIRED, instrument_types);
  has_min = _bourse_schema_check_number (ctx, o, path, "minQty", OPTIONAL, NUM_POSITIVE, &min_qty);
  has_max = _bourse_schema_check_number (ctx, o, path, "maxQty", OPTIONAL, NUM_POSITIVE, &max_qty);
  _bourse_schema_check_number (ctx, o, path, "qtyStep", OPTIONAL, NUM_POSITIVE, NULL);
  _bourse_schema_check_number (ctx, o, path, "lotSize", OPTIONAL, NUM_POSITIVE, NULL);
  _bourse_schema_check_number (ctx, o, path, "marginRate", OPTIONAL, NUM_NON_NEGATIVE, NULL);
  _bourse_schema_check_boolean (ctx, o, path, "hasQuotes", OPTIONAL);
  if (has_min && has_max && min_qty > max_qty)
    {
      Path p = PATH_MEMBER (path, "maxQty");
      _bourse_schema_violation (ctx, &p, "expected maxQty >= minQty (%g), got %g", min_qty, max_qty);
    }
}

void
_bourse_schema_validate_account (Ctx        *ctx,
                                 JsonNode   *node,
                                 const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  JsonObject *config;

  if (o == NULL)
    return;
  _bourse_schema_check_id (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "name", REQUIRED);
  _bourse_schema_check_enum (ctx, o, path, "type", OPTIONAL, account_types);
  _bourse_schema_check_string (ctx, o, path, "currency", OPTIONAL);
  _bourse_schema_check_string (ctx, o, path, "currencySign", OPTIONAL);
  if ((config = _bourse_schema_check_object_member (ctx, o, path, "config", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "config");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, config);
      while (json_object_iter_next (&iter, &name, &value))
        if (g_str_has_prefix (name, "support") || g_str_has_prefix (name, "show"))
          _bourse_schema_check_boolean (ctx, config, &p, name, OPTIONAL);
    }
}

static void
validate_column (Ctx        *ctx,
                 JsonNode   *node,
                 const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "title", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "tooltip", OPTIONAL);
  _bourse_schema_check_enum (ctx, o, path, "alignment", OPTIONAL, alignments);
  _bourse_schema_check_boolean (ctx, o, path, "isCapitalize", OPTIONAL);
}

static void
validate_account_manager_table (Ctx        *ctx,
                                JsonNode   *node,
                                const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  Path columns = PATH_MEMBER (path, "columns");

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "title", OPTIONAL);
  if (_bourse_schema_check_array_member (ctx, o, path, "columns", REQUIRED) != NULL)
    _bourse_schema_each_element (ctx, json_object_get_member (o, "columns"), &columns, validate_column);
}

static void
validate_duration (Ctx        *ctx,
                   JsonNode   *node,
                   const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "title", REQUIRED);
  _bourse_schema_check_boolean (ctx, o, path, "hasDatePicker", OPTIONAL);
  _bourse_schema_check_boolean (ctx, o, path, "hasTimePicker", OPTIONAL);
  _bourse_schema_check_boolean (ctx, o, path, "default", OPTIONAL);
}

static void
validate_summary_item (Ctx        *ctx,
                       JsonNode   *node,
                       const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "id", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "title", REQUIRED);
}

void
_bourse_schema_validate_config (Ctx        *ctx,
                                JsonNode   *node,
                                const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  JsonObject *sub;
  Path p;

  if (o == NULL)
    return;
  if (_bourse_schema_check_array_member (ctx, o, path, "accountManager", OPTIONAL) != NULL)
    {
      Path am = PATH_MEMBER (path, "accountManager");
      _bourse_schema_each_element (ctx, json_object_get_member (o, "accountManager"), &am, validate_account_manager_table);
    }
  if (_bourse_schema_check_array_member (ctx, o, path, "durations", OPTIONAL) != NULL)
    {
      Path d = PATH_MEMBER (path, "durations");
      _bourse_schema_each_element (ctx, json_object_get_member (o, "durations"), &d, validate_duration);
    }
  if (_bourse_schema_check_array_member (ctx, o, path, "accountSummaryRow", OPTIONAL) != NULL)
    {
      Path s = PATH_MEMBER (path, "accountSummaryRow");
      _bourse_schema_each_element (ctx, json_object_get_member (o, "accountSummaryRow"), &s, validate_summary_item);
    }
  if ((sub = _bourse_schema_check_object_member (ctx, o, path, "pullingInterval", OPTIONAL)) != NULL)
    {
      static const char * const kinds[] = { "quotes", "orders", "positions", "accountManager", "balances", NULL };
      p = (Path) PATH_MEMBER (path, "pullingInterval");
      for (guint i = 0; kinds[i] != NULL; i++)
        _bourse_schema_check_number (ctx, sub, &p, kinds[i], OPTIONAL, NUM_POSITIVE, NULL);
    }
  if ((sub = _bourse_schema_check_object_member (ctx, o, path, "streaming", OPTIONAL)) != NULL)
    {
      static const char * const kinds[] = { "prices", "orders", "positions", "executions", "state", NULL };
      p = (Path) PATH_MEMBER (path, "streaming");
      for (guint i = 0; kinds[i] != NULL; i++)
        _bourse_schema_check_boolean (ctx, sub, &p, kinds[i], OPTIONAL);
    }
}

void
_bourse_schema_validate_account_state (Ctx        *ctx,
                                       JsonNode   *node,
                                       const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  JsonArray *tables;
  JsonArray *row_data;

  if (o == NULL)
    return;
  _bourse_schema_check_number (ctx, o, path, "balance", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "unrealizedPl", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "equity", OPTIONAL, NUM_ANY, NULL);

  /* amData: tables → rows → cell strings */
  if ((tables = _bourse_schema_check_array_member (ctx, o, path, "amData", OPTIONAL)) != NULL)
    {
      Path am = PATH_MEMBER (path, "amData");
      for (guint t = 0; t < json_array_get_length (tables); t++)
        {
          Path tp = PATH_INDEX (&am, t);
          JsonArray *rows = _bourse_schema_expect_array (ctx, json_array_get_element (tables, t), &tp);

          for (guint r = 0; rows != NULL && r < json_array_get_length (rows); r++)
            {
              Path rp = PATH_INDEX (&tp, r);
              JsonArray *cells = _bourse_schema_expect_array (ctx, json_array_get_element (rows, r), &rp);
              _bourse_schema_check_string_array (ctx, cells, &rp);
            }
        }
    }
  if ((row_data = _bourse_schema_check_array_member (ctx, o, path, "accountSummaryRowData", OPTIONAL)) != NULL)
    {
      Path rp = PATH_MEMBER (path, "accountSummaryRowData");
      _bourse_schema_check_string_array (ctx, row_data, &rp);
    }
}

void
_bourse_schema_validate_balance (Ctx        *ctx,
                                 JsonNode   *node,
                                 const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "symbol", REQUIRED);
  _bourse_schema_check_number (ctx, o, path, "total", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "available", REQUIRED, NUM_ANY, NULL);
  _bourse_schema_check_number (ctx, o, path, "reserved", OPTIONAL, NUM_ANY, NULL);
}

void
_bourse_schema_validate_authorize (Ctx        *ctx,
                                   JsonNode   *node,
                                   const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  if (_bourse_schema_check_string (ctx, o, path, "access_token", REQUIRED) != NULL &&
      *_bourse_json_get_string (o, "access_token") == '\0')
    {
      Path p = PATH_MEMBER (path, "access_token");
      _bourse_schema_violation (ctx, &p, "expected a non-empty token");
    }
  _bourse_schema_check_time (ctx, o, path, "expiration", OPTIONAL, NULL);
}

void
_bourse_schema_validate_place_order (Ctx        *ctx,
                                     JsonNode   *node,
                                     const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o != NULL)
    _bourse_schema_check_id (ctx, o, path, "orderId", REQUIRED);
}

static void
validate_preview_row (Ctx        *ctx,
                      JsonNode   *node,
                      const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "title", REQUIRED);
  _bourse_schema_check_string (ctx, o, path, "value", REQUIRED);
}

static void
validate_preview_section (Ctx        *ctx,
                          JsonNode   *node,
                          const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  Path rows = PATH_MEMBER (path, "rows");

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "header", OPTIONAL);
  if (_bourse_schema_check_array_member (ctx, o, path, "rows", REQUIRED) != NULL)
    _bourse_schema_each_element (ctx, json_object_get_member (o, "rows"), &rows, validate_preview_row);
}

void
_bourse_schema_validate_preview_order (Ctx        *ctx,
                                       JsonNode   *node,
                                       const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  Path sections = PATH_MEMBER (path, "sections");

  if (o == NULL)
    return;
  if (_bourse_schema_check_array_member (ctx, o, path, "sections", REQUIRED) != NULL)
    _bourse_schema_each_element (ctx, json_object_get_member (o, "sections"), &sections, validate_preview_section);
  _bourse_schema_check_id (ctx, o, path, "confirmId", OPTIONAL);
}
