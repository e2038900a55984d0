/* bourse-schema-trading.c — the rules for trading objects: accounts, instruments, orders, positions, executions, account state, config, order preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each object's plain members are a rule table (name, kind, required or not,
 * range or values), checked in table order by _bourse_schema_check_rules();
 * what tables express badly stays code beside them: the cross-field rules (a
 * limit order needs limitPrice, parentId goes with parentType, minQty <=
 * maxQty) and members whose rule depends on the call (the statuses of the
 * history, the qty of a streamed position). Quotes, depth, history and the
 * stream lines are in bourse-schema.c, next to the member checks their hot
 * path inlines.
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

#define END { NULL, 0, 0, 0, NULL, NULL }

static const Rule order_head_rules[] = {
  { "id",         RULE_ID,     REQUIRED, NUM_ANY,      NULL,  NULL },
  { "instrument", RULE_STRING, REQUIRED, NUM_ANY,      NULL,  NULL },
  { "qty",        RULE_NUMBER, REQUIRED, NUM_POSITIVE, NULL,  NULL },
  { "side",       RULE_ENUM,   REQUIRED, NUM_ANY,      sides, NULL },
  END
};

static const Rule order_amount_rules[] = {
  { "filledQty",        RULE_NUMBER,  OPTIONAL, NUM_NON_NEGATIVE, NULL, NULL },
  { "avgPrice",         RULE_NUMBER,  OPTIONAL, NUM_ANY,          NULL, NULL },
  { "limitPrice",       RULE_NUMBER,  OPTIONAL, NUM_ANY,          NULL, NULL },
  { "stopPrice",        RULE_NUMBER,  OPTIONAL, NUM_ANY,          NULL, NULL },
  { "trailingStopPips", RULE_NUMBER,  OPTIONAL, NUM_POSITIVE,     NULL, NULL },
  { "isTrailingStop",   RULE_BOOLEAN, OPTIONAL, NUM_ANY,          NULL, NULL },
  { "lastModified",     RULE_TIME,    OPTIONAL, NUM_ANY,          NULL, NULL },
  END
};

static const Rule order_duration_rules[] = {
  { "type",     RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  { "datetime", RULE_TIME,   OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

static const Rule order_message_rules[] = {
  { "text", RULE_STRING, REQUIRED, NUM_ANY, NULL,          NULL },
  { "type", RULE_ENUM,   OPTIONAL, NUM_ANY, message_types, NULL },
  END
};

static const Rule order_tail_rules[] = {
  { "duration", RULE_OBJECT, OPTIONAL, NUM_ANY, NULL, order_duration_rules },
  { "message",  RULE_OBJECT, OPTIONAL, NUM_ANY, NULL, order_message_rules },
  END
};

static void
validate_order_common (Ctx        *ctx,
                       JsonObject *o,
                       const Path *path,
                       const char * const *statuses)
{
  const char *type;
  const char *parent_type;
  gboolean has_parent_id;

  _bourse_schema_check_rules (ctx, o, path, order_head_rules);
  type = _bourse_schema_check_enum (ctx, o, path, "type", REQUIRED, order_types);
  _bourse_schema_check_enum (ctx, o, path, "status", REQUIRED, statuses);
  _bourse_schema_check_rules (ctx, o, path, order_amount_rules);

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

  _bourse_schema_check_rules (ctx, o, path, order_tail_rules);
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

static const Rule position_head_rules[] = {
  { "id",         RULE_ID,     REQUIRED, NUM_ANY, NULL, NULL },
  { "instrument", RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  END
};

static const Rule position_tail_rules[] = {
  { "side",         RULE_ENUM,   REQUIRED, NUM_ANY, sides, NULL },
  { "avgPrice",     RULE_NUMBER, REQUIRED, NUM_ANY, NULL,  NULL },
  { "unrealizedPl", RULE_NUMBER, OPTIONAL, NUM_ANY, NULL,  NULL },
  END
};

static void
validate_position_with_qty (Ctx        *ctx,
                            JsonNode   *node,
                            const Path *path,
                            NumRange    qty_range)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  _bourse_schema_check_rules (ctx, o, path, position_head_rules);
  _bourse_schema_check_number (ctx, o, path, "qty", REQUIRED, qty_range, NULL);
  _bourse_schema_check_rules (ctx, o, path, position_tail_rules);
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

static const Rule execution_rules[] = {
  { "instrument", RULE_STRING,  REQUIRED, NUM_ANY,      NULL,  NULL },
  { "price",      RULE_NUMBER,  REQUIRED, NUM_ANY,      NULL,  NULL },
  { "time",       RULE_TIME,    REQUIRED, NUM_ANY,      NULL,  NULL },
  { "qty",        RULE_NUMBER,  REQUIRED, NUM_POSITIVE, NULL,  NULL },
  { "side",       RULE_ENUM,    REQUIRED, NUM_ANY,      sides, NULL },
  { "orderId",    RULE_ID,      OPTIONAL, NUM_ANY,      NULL,  NULL },
  { "positionId", RULE_ID,      OPTIONAL, NUM_ANY,      NULL,  NULL },
  { "isClose",    RULE_BOOLEAN, OPTIONAL, NUM_ANY,      NULL,  NULL },
  { "commission", RULE_NUMBER,  OPTIONAL, NUM_ANY,      NULL,  NULL },
  END
};

void
_bourse_schema_validate_execution (Ctx        *ctx,
                                   JsonNode   *node,
                                   const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  /* Executions without id are allowed since 1.3.27; a conformance check still wants one. */
  _bourse_schema_check_id (ctx, o, path, "id", ctx->strict ? REQUIRED : OPTIONAL);
  _bourse_schema_check_rules (ctx, o, path, execution_rules);
}

static const Rule instrument_head_rules[] = {
  { "name",        RULE_STRING, REQUIRED, NUM_ANY,          NULL,             NULL },
  { "description", RULE_STRING, REQUIRED, NUM_ANY,          NULL,             NULL },
  { "pipSize",     RULE_NUMBER, REQUIRED, NUM_POSITIVE,     NULL,             NULL },
  { "pipValue",    RULE_NUMBER, REQUIRED, NUM_NON_NEGATIVE, NULL,             NULL },
  { "minTick",     RULE_NUMBER, REQUIRED, NUM_POSITIVE,     NULL,             NULL },
  { "type",        RULE_ENUM,   REQUIRED, NUM_ANY,          instrument_types, NULL },
  END
};

static const Rule instrument_tail_rules[] = {
  { "qtyStep",    RULE_NUMBER,  OPTIONAL, NUM_POSITIVE,     NULL, NULL },
  { "lotSize",    RULE_NUMBER,  OPTIONAL, NUM_POSITIVE,     NULL, NULL },
  { "marginRate", RULE_NUMBER,  OPTIONAL, NUM_NON_NEGATIVE, NULL, NULL },
  { "hasQuotes",  RULE_BOOLEAN, OPTIONAL, NUM_ANY,          NULL, NULL },
  END
};

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
  _bourse_schema_check_rules (ctx, o, path, instrument_head_rules);
  has_min = _bourse_schema_check_number (ctx, o, path, "minQty", OPTIONAL, NUM_POSITIVE, &min_qty);
  has_max = _bourse_schema_check_number (ctx, o, path, "maxQty", OPTIONAL, NUM_POSITIVE, &max_qty);
  _bourse_schema_check_rules (ctx, o, path, instrument_tail_rules);
  if (has_min && has_max && min_qty > max_qty)
    {
      Path p = PATH_MEMBER (path, "maxQty");
      _bourse_schema_violation (ctx, &p, "expected maxQty >= minQty (%g), got %g", min_qty, max_qty);
    }
}

static const Rule account_rules[] = {
  { "id",           RULE_ID,     REQUIRED, NUM_ANY, NULL,          NULL },
  { "name",         RULE_STRING, REQUIRED, NUM_ANY, NULL,          NULL },
  { "type",         RULE_ENUM,   OPTIONAL, NUM_ANY, account_types, NULL },
  { "currency",     RULE_STRING, OPTIONAL, NUM_ANY, NULL,          NULL },
  { "currencySign", RULE_STRING, OPTIONAL, NUM_ANY, NULL,          NULL },
  END
};

void
_bourse_schema_validate_account (Ctx        *ctx,
                                 JsonNode   *node,
                                 const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  JsonObject *config;

  if (o == NULL)
    return;
  _bourse_schema_check_rules (ctx, o, path, account_rules);
  /* The account's config flags are named, not listed: support… and show… are booleans. */
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

static const Rule column_rules[] = {
  { "id",           RULE_STRING,  REQUIRED, NUM_ANY, NULL,       NULL },
  { "title",        RULE_STRING,  REQUIRED, NUM_ANY, NULL,       NULL },
  { "tooltip",      RULE_STRING,  OPTIONAL, NUM_ANY, NULL,       NULL },
  { "alignment",    RULE_ENUM,    OPTIONAL, NUM_ANY, alignments, NULL },
  { "isCapitalize", RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL,       NULL },
  END
};

static const Rule account_manager_table_rules[] = {
  { "id",      RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  { "title",   RULE_STRING, OPTIONAL, NUM_ANY, NULL, NULL },
  { "columns", RULE_ARRAY,  REQUIRED, NUM_ANY, NULL, column_rules },
  END
};

static const Rule duration_rules[] = {
  { "id",            RULE_STRING,  REQUIRED, NUM_ANY, NULL, NULL },
  { "title",         RULE_STRING,  REQUIRED, NUM_ANY, NULL, NULL },
  { "hasDatePicker", RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "hasTimePicker", RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "default",       RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

static const Rule summary_item_rules[] = {
  { "id",    RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  { "title", RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  END
};

static const Rule pulling_interval_rules[] = {
  { "quotes",         RULE_NUMBER, OPTIONAL, NUM_POSITIVE, NULL, NULL },
  { "orders",         RULE_NUMBER, OPTIONAL, NUM_POSITIVE, NULL, NULL },
  { "positions",      RULE_NUMBER, OPTIONAL, NUM_POSITIVE, NULL, NULL },
  { "accountManager", RULE_NUMBER, OPTIONAL, NUM_POSITIVE, NULL, NULL },
  { "balances",       RULE_NUMBER, OPTIONAL, NUM_POSITIVE, NULL, NULL },
  END
};

static const Rule streaming_rules[] = {
  { "prices",     RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "orders",     RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "positions",  RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "executions", RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  { "state",      RULE_BOOLEAN, OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

static const Rule config_rules[] = {
  { "accountManager",    RULE_ARRAY,  OPTIONAL, NUM_ANY, NULL, account_manager_table_rules },
  { "durations",         RULE_ARRAY,  OPTIONAL, NUM_ANY, NULL, duration_rules },
  { "accountSummaryRow", RULE_ARRAY,  OPTIONAL, NUM_ANY, NULL, summary_item_rules },
  { "pullingInterval",   RULE_OBJECT, OPTIONAL, NUM_ANY, NULL, pulling_interval_rules },
  { "streaming",         RULE_OBJECT, OPTIONAL, NUM_ANY, NULL, streaming_rules },
  END
};

void
_bourse_schema_validate_config (Ctx        *ctx,
                                JsonNode   *node,
                                const Path *path)
{
  _bourse_schema_validate_object (ctx, node, path, config_rules);
}

static const Rule account_state_rules[] = {
  { "balance",      RULE_NUMBER, REQUIRED, NUM_ANY, NULL, NULL },
  { "unrealizedPl", RULE_NUMBER, REQUIRED, NUM_ANY, NULL, NULL },
  { "equity",       RULE_NUMBER, OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

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
  _bourse_schema_check_rules (ctx, o, path, account_state_rules);

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

static const Rule balance_rules[] = {
  { "symbol",    RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  { "total",     RULE_NUMBER, REQUIRED, NUM_ANY, NULL, NULL },
  { "available", RULE_NUMBER, REQUIRED, NUM_ANY, NULL, NULL },
  { "reserved",  RULE_NUMBER, OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

void
_bourse_schema_validate_balance (Ctx        *ctx,
                                 JsonNode   *node,
                                 const Path *path)
{
  _bourse_schema_validate_object (ctx, node, path, balance_rules);
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

static const Rule place_order_rules[] = {
  { "orderId", RULE_ID, REQUIRED, NUM_ANY, NULL, NULL },
  END
};

void
_bourse_schema_validate_place_order (Ctx        *ctx,
                                     JsonNode   *node,
                                     const Path *path)
{
  _bourse_schema_validate_object (ctx, node, path, place_order_rules);
}

static const Rule preview_row_rules[] = {
  { "title", RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  { "value", RULE_STRING, REQUIRED, NUM_ANY, NULL, NULL },
  END
};

static const Rule preview_section_rules[] = {
  { "header", RULE_STRING, OPTIONAL, NUM_ANY, NULL, NULL },
  { "rows",   RULE_ARRAY,  REQUIRED, NUM_ANY, NULL, preview_row_rules },
  END
};

static const Rule preview_order_rules[] = {
  { "sections",  RULE_ARRAY, REQUIRED, NUM_ANY, NULL, preview_section_rules },
  { "confirmId", RULE_ID,    OPTIONAL, NUM_ANY, NULL, NULL },
  END
};

void
_bourse_schema_validate_preview_order (Ctx        *ctx,
                                       JsonNode   *node,
                                       const Path *path)
{
  _bourse_schema_validate_object (ctx, node, path, preview_order_rules);
}
