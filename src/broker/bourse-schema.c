/* bourse-schema.c — validation of broker responses against the REST API for Brokers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The validators are written out per object rather than table-driven: the spec
 * has cross-field rules (a limit order needs limitPrice, parentId goes with
 * parentType, history arrays share one length) that tables express badly.
 * Paths are kept as a linked list on the stack and rendered only when a
 * violation is recorded, so validating a conforming quote line allocates nothing.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bourse-json.h"
#include "bourse-schema.h"

typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;  /* NULL for an array index */
  guint       index;
};

#define PATH_MEMBER(parent_, name_) { (parent_), (name_), 0 }
#define PATH_INDEX(parent_, i_) { (parent_), NULL, (i_) }

typedef struct
{
  GPtrArray *violations;  /* NULL: only whether it conforms is wanted */
  gboolean   strict;
  gboolean   failed;
} Ctx;

typedef enum { OPTIONAL, REQUIRED } Need;

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

static void
render_path (GString    *out,
             const Path *path)
{
  if (path == NULL)
    {
      g_string_append_c (out, '$');
      return;
    }
  render_path (out, path->parent);
  if (path->member != NULL)
    g_string_append_printf (out, ".%s", path->member);
  else
    g_string_append_printf (out, "[%u]", path->index);
}

G_GNUC_PRINTF (3, 4)
static void
violation (Ctx        *ctx,
           const Path *path,
           const char *format,
           ...)
{
  BourseSchemaViolation *v;
  GString *str;
  va_list args;

  ctx->failed = TRUE;
  if (ctx->violations == NULL)
    return;
  v = g_new0 (BourseSchemaViolation, 1);
  str = g_string_new (NULL);
  render_path (str, path);
  v->path = g_string_free (str, FALSE);
  va_start (args, format);
  v->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->violations, v);
}

void
bourse_schema_violation_free (BourseSchemaViolation *v)
{
  if (v == NULL)
    return;
  g_free (v->path);
  g_free (v->message);
  g_free (v);
}

/* ---- member checks ---- */

static JsonObject *
expect_object (Ctx        *ctx,
               JsonNode   *node,
               const Path *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      violation (ctx, path, "expected an object, got %s", _bourse_json_node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
expect_array (Ctx        *ctx,
              JsonNode   *node,
              const Path *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      violation (ctx, path, "expected an array, got %s", _bourse_json_node_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Returns the member node when present (JSON null counts as absent for optional members). */
static JsonNode *
member (Ctx        *ctx,
        JsonObject *object,
        const Path *path,
        Need        need)
{
  JsonNode *node = json_object_get_member (object, path->member);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node) && need == OPTIONAL)
    return NULL;
  if (node == NULL && need == REQUIRED)
    violation (ctx, path, "missing required member");
  return node;
}

static const char *
check_string (Ctx        *ctx,
              JsonObject *object,
              const Path *parent,
              const char *name,
              Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      violation (ctx, &path, "expected a string, got %s", _bourse_json_node_type_name (node));
      return NULL;
    }
  return json_node_get_string (node);
}

/* Ids are strings; a broker sending integers is tolerated unless strict. */
static void
check_id (Ctx        *ctx,
          JsonObject *object,
          const Path *parent,
          const char *name,
          Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (*json_node_get_string (node) == '\0')
        violation (ctx, &path, "expected a non-empty id");
      return;
    }
  if (_bourse_json_node_is_integer (node) && !ctx->strict)
    return;
  violation (ctx, &path, "expected an id string, got %s", _bourse_json_node_type_name (node));
}

typedef enum
{
  NUM_ANY,
  NUM_POSITIVE,      /* > 0 */
  NUM_NON_NEGATIVE,  /* >= 0 */
} NumRange;

static gboolean
check_number (Ctx        *ctx,
              JsonObject *object,
              const Path *parent,
              const char *name,
              Need        need,
              NumRange    range,
              double     *out)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);
  double v;

  if (node == NULL)
    return FALSE;
  if (!_bourse_json_node_get_number (node, &v))
    {
      violation (ctx, &path, "expected a number, got %s", _bourse_json_node_type_name (node));
      return FALSE;
    }
  if (ctx->strict && !_bourse_json_node_is_number (node))
    {
      violation (ctx, &path, "expected a number, got a numeric string");
      return FALSE;
    }
  if ((range == NUM_POSITIVE && !(v > 0)) || (range == NUM_NON_NEGATIVE && !(v >= 0)))
    {
      violation (ctx, &path, "expected a %s number, got %g",
                 range == NUM_POSITIVE ? "positive" : "non-negative", v);
      return FALSE;
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

static gboolean
check_time (Ctx        *ctx,
            JsonObject *object,
            const Path *parent,
            const char *name,
            Need        need,
            gint64     *out)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);
  gint64 v;

  if (node == NULL)
    return FALSE;
  if (!_bourse_json_get_int64 (object, name, &v) || (ctx->strict && !_bourse_json_node_is_integer (node)))
    {
      violation (ctx, &path, "expected integer UNIX seconds, got %s", _bourse_json_node_type_name (node));
      return FALSE;
    }
  /* Milliseconds sent where seconds are due is the commonest time bug. */
  if (v < 0 || v > G_GINT64_CONSTANT (100000000000))
    {
      violation (ctx, &path, "expected UNIX seconds, got %" G_GINT64_FORMAT, v);
      return FALSE;
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

static void
check_boolean (Ctx        *ctx,
               JsonObject *object,
               const Path *parent,
               const char *name,
               Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    violation (ctx, &path, "expected a boolean, got %s", _bourse_json_node_type_name (node));
}

static const char *
check_enum (Ctx               *ctx,
            JsonObject        *object,
            const Path        *parent,
            const char        *name,
            Need               need,
            const char * const *values)
{
  const char *str = check_string (ctx, object, parent, name, need);
  Path path = PATH_MEMBER (parent, name);

  if (str == NULL)
    return NULL;
  if (!g_strv_contains (values, str))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      /* Unknown enum values are tolerated by clients (the spec says ignore them),
       * but a conformance check reports them. */
      if (ctx->strict)
        violation (ctx, &path, "expected one of %s; got \"%s\"", joined, str);
      return NULL;
    }
  return str;
}

static JsonObject *
check_object_member (Ctx        *ctx,
                     JsonObject *object,
                     const Path *parent,
                     const char *name,
                     Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  return node != NULL ? expect_object (ctx, node, &path) : NULL;
}

static JsonArray *
check_array_member (Ctx        *ctx,
                    JsonObject *object,
                    const Path *parent,
                    const char *name,
                    Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  return node != NULL ? expect_array (ctx, node, &path) : NULL;
}

typedef void (*ValidateFunc) (Ctx *ctx, JsonNode *node, const Path *path);

static void
each_element (Ctx          *ctx,
              JsonNode     *node,
              const Path   *path,
              ValidateFunc  func)
{
  JsonArray *array = expect_array (ctx, node, path);

  if (array == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Path item = PATH_INDEX (path, i);
      func (ctx, json_array_get_element (array, i), &item);
    }
}

static void
check_string_array (Ctx        *ctx,
                    JsonArray  *array,
                    const Path *path)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path item = PATH_INDEX (path, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        violation (ctx, &item, "expected a string, got %s", _bourse_json_node_type_name (node));
    }
}

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

  check_id (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "instrument", REQUIRED);
  check_number (ctx, o, path, "qty", REQUIRED, NUM_POSITIVE, NULL);
  check_enum (ctx, o, path, "side", REQUIRED, sides);
  type = check_enum (ctx, o, path, "type", REQUIRED, order_types);
  check_enum (ctx, o, path, "status", REQUIRED, statuses);
  check_number (ctx, o, path, "filledQty", OPTIONAL, NUM_NON_NEGATIVE, NULL);
  check_number (ctx, o, path, "avgPrice", OPTIONAL, NUM_ANY, NULL);
  check_number (ctx, o, path, "limitPrice", OPTIONAL, NUM_ANY, NULL);
  check_number (ctx, o, path, "stopPrice", OPTIONAL, NUM_ANY, NULL);
  check_number (ctx, o, path, "trailingStopPips", OPTIONAL, NUM_POSITIVE, NULL);
  check_boolean (ctx, o, path, "isTrailingStop", OPTIONAL);
  check_time (ctx, o, path, "lastModified", OPTIONAL, NULL);

  if (type != NULL && (g_str_equal (type, "limit") || g_str_equal (type, "stoplimit")))
    check_number (ctx, o, path, "limitPrice", REQUIRED, NUM_ANY, NULL);
  if (type != NULL && (g_str_equal (type, "stop") || g_str_equal (type, "stoplimit")))
    check_number (ctx, o, path, "stopPrice", REQUIRED, NUM_ANY, NULL);

  check_id (ctx, o, path, "parentId", OPTIONAL);
  parent_type = check_enum (ctx, o, path, "parentType", OPTIONAL, parent_types);
  has_parent_id = _bourse_json_get_member (o, "parentId") != NULL &&
                  !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (o, "parentId"));
  if (has_parent_id && parent_type == NULL && _bourse_json_get_member (o, "parentType") == NULL)
    {
      Path p = PATH_MEMBER (path, "parentType");
      violation (ctx, &p, "missing: required together with parentId");
    }

  if ((sub = check_object_member (ctx, o, path, "duration", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "duration");
      check_string (ctx, sub, &p, "type", REQUIRED);
      check_time (ctx, sub, &p, "datetime", OPTIONAL, NULL);
    }
  if ((sub = check_object_member (ctx, o, path, "message", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "message");
      check_string (ctx, sub, &p, "text", REQUIRED);
      check_enum (ctx, sub, &p, "type", OPTIONAL, message_types);
    }
}

static void
validate_order (Ctx        *ctx,
                JsonNode   *node,
                const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o != NULL)
    validate_order_common (ctx, o, path, order_statuses);
}

static void
validate_history_order (Ctx        *ctx,
                        JsonNode   *node,
                        const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o != NULL)
    validate_order_common (ctx, o, path, final_statuses);
  /* A working order in the history is wrong even for a lenient client. */
  if (o != NULL && !ctx->strict)
    {
      const char *status = _bourse_json_get_string (o, "status");
      Path p = PATH_MEMBER (path, "status");
      if (status != NULL && g_strv_contains (order_statuses, status) && !g_strv_contains (final_statuses, status))
        violation (ctx, &p, "expected a final status in the history; got \"%s\"", status);
    }
}

static void
validate_position_with_qty (Ctx        *ctx,
                            JsonNode   *node,
                            const Path *path,
                            NumRange    qty_range)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_id (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "instrument", REQUIRED);
  check_number (ctx, o, path, "qty", REQUIRED, qty_range, NULL);
  check_enum (ctx, o, path, "side", REQUIRED, sides);
  check_number (ctx, o, path, "avgPrice", REQUIRED, NUM_ANY, NULL);
  check_number (ctx, o, path, "unrealizedPl", OPTIONAL, NUM_ANY, NULL);
}

static void
validate_position (Ctx        *ctx,
                   JsonNode   *node,
                   const Path *path)
{
  validate_position_with_qty (ctx, node, path, NUM_POSITIVE);
}

/* On the positions stream a closed position is sent once with qty 0. */
static void
validate_streamed_position (Ctx        *ctx,
                            JsonNode   *node,
                            const Path *path)
{
  validate_position_with_qty (ctx, node, path, NUM_NON_NEGATIVE);
}

static void
validate_execution (Ctx        *ctx,
                    JsonNode   *node,
                    const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_id (ctx, o, path, "id", ctx->strict ? REQUIRED : OPTIONAL);
  check_string (ctx, o, path, "instrument", REQUIRED);
  check_number (ctx, o, path, "price", REQUIRED, NUM_ANY, NULL);
  check_time (ctx, o, path, "time", REQUIRED, NULL);
  check_number (ctx, o, path, "qty", REQUIRED, NUM_POSITIVE, NULL);
  check_enum (ctx, o, path, "side", REQUIRED, sides);
  check_id (ctx, o, path, "orderId", OPTIONAL);
  check_id (ctx, o, path, "positionId", OPTIONAL);
  check_boolean (ctx, o, path, "isClose", OPTIONAL);
  check_number (ctx, o, path, "commission", OPTIONAL, NUM_ANY, NULL);
}

static void
validate_instrument (Ctx        *ctx,
                     JsonNode   *node,
                     const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  double min_qty = 0, max_qty = 0;
  gboolean has_min, has_max;

  if (o == NULL)
    return;
  check_string (ctx, o, path, "name", REQUIRED);
  check_string (ctx, o, path, "description", REQUIRED);
  check_number (ctx, o, path, "pipSize", REQUIRED, NUM_POSITIVE, NULL);
  check_number (ctx, o, path, "pipValue", REQUIRED, NUM_NON_NEGATIVE, NULL);
  check_number (ctx, o, path, "minTick", REQUIRED, NUM_POSITIVE, NULL);
  check_enum (ctx, o, path, "type", REQUIRED, instrument_types);
  has_min = check_number (ctx, o, path, "minQty", OPTIONAL, NUM_POSITIVE, &min_qty);
  has_max = check_number (ctx, o, path, "maxQty", OPTIONAL, NUM_POSITIVE, &max_qty);
  check_number (ctx, o, path, "qtyStep", OPTIONAL, NUM_POSITIVE, NULL);
  check_number (ctx, o, path, "lotSize", OPTIONAL, NUM_POSITIVE, NULL);
  check_number (ctx, o, path, "marginRate", OPTIONAL, NUM_NON_NEGATIVE, NULL);
  check_boolean (ctx, o, path, "hasQuotes", OPTIONAL);
  if (has_min && has_max && min_qty > max_qty)
    {
      Path p = PATH_MEMBER (path, "maxQty");
      violation (ctx, &p, "expected maxQty >= minQty (%g), got %g", min_qty, max_qty);
    }
}

static void
validate_account (Ctx        *ctx,
                  JsonNode   *node,
                  const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  JsonObject *config;

  if (o == NULL)
    return;
  check_id (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "name", REQUIRED);
  check_enum (ctx, o, path, "type", OPTIONAL, account_types);
  check_string (ctx, o, path, "currency", OPTIONAL);
  check_string (ctx, o, path, "currencySign", OPTIONAL);
  if ((config = check_object_member (ctx, o, path, "config", OPTIONAL)) != NULL)
    {
      Path p = PATH_MEMBER (path, "config");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, config);
      while (json_object_iter_next (&iter, &name, &value))
        if (g_str_has_prefix (name, "support") || g_str_has_prefix (name, "show"))
          check_boolean (ctx, config, &p, name, OPTIONAL);
    }
}

static void
validate_column (Ctx        *ctx,
                 JsonNode   *node,
                 const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_string (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "title", REQUIRED);
  check_string (ctx, o, path, "tooltip", OPTIONAL);
  check_enum (ctx, o, path, "alignment", OPTIONAL, alignments);
  check_boolean (ctx, o, path, "isCapitalize", OPTIONAL);
}

static void
validate_account_manager_table (Ctx        *ctx,
                                JsonNode   *node,
                                const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  Path columns = PATH_MEMBER (path, "columns");

  if (o == NULL)
    return;
  check_string (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "title", OPTIONAL);
  if (check_array_member (ctx, o, path, "columns", REQUIRED) != NULL)
    each_element (ctx, json_object_get_member (o, "columns"), &columns, validate_column);
}

static void
validate_duration (Ctx        *ctx,
                   JsonNode   *node,
                   const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_string (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "title", REQUIRED);
  check_boolean (ctx, o, path, "hasDatePicker", OPTIONAL);
  check_boolean (ctx, o, path, "hasTimePicker", OPTIONAL);
  check_boolean (ctx, o, path, "default", OPTIONAL);
}

static void
validate_summary_item (Ctx        *ctx,
                       JsonNode   *node,
                       const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_string (ctx, o, path, "id", REQUIRED);
  check_string (ctx, o, path, "title", REQUIRED);
}

static void
validate_config (Ctx        *ctx,
                 JsonNode   *node,
                 const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  JsonObject *sub;
  Path p;

  if (o == NULL)
    return;
  if (check_array_member (ctx, o, path, "accountManager", OPTIONAL) != NULL)
    {
      Path am = PATH_MEMBER (path, "accountManager");
      each_element (ctx, json_object_get_member (o, "accountManager"), &am, validate_account_manager_table);
    }
  if (check_array_member (ctx, o, path, "durations", OPTIONAL) != NULL)
    {
      Path d = PATH_MEMBER (path, "durations");
      each_element (ctx, json_object_get_member (o, "durations"), &d, validate_duration);
    }
  if (check_array_member (ctx, o, path, "accountSummaryRow", OPTIONAL) != NULL)
    {
      Path s = PATH_MEMBER (path, "accountSummaryRow");
      each_element (ctx, json_object_get_member (o, "accountSummaryRow"), &s, validate_summary_item);
    }
  if ((sub = check_object_member (ctx, o, path, "pullingInterval", OPTIONAL)) != NULL)
    {
      static const char * const kinds[] = { "quotes", "orders", "positions", "accountManager", "balances", NULL };
      p = (Path) PATH_MEMBER (path, "pullingInterval");
      for (guint i = 0; kinds[i] != NULL; i++)
        check_number (ctx, sub, &p, kinds[i], OPTIONAL, NUM_POSITIVE, NULL);
    }
  if ((sub = check_object_member (ctx, o, path, "streaming", OPTIONAL)) != NULL)
    {
      static const char * const kinds[] = { "prices", "orders", "positions", "executions", "state", NULL };
      p = (Path) PATH_MEMBER (path, "streaming");
      for (guint i = 0; kinds[i] != NULL; i++)
        check_boolean (ctx, sub, &p, kinds[i], OPTIONAL);
    }
}

static void
validate_account_state (Ctx        *ctx,
                        JsonNode   *node,
                        const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  JsonArray *tables;
  JsonArray *row_data;

  if (o == NULL)
    return;
  check_number (ctx, o, path, "balance", REQUIRED, NUM_ANY, NULL);
  check_number (ctx, o, path, "unrealizedPl", REQUIRED, NUM_ANY, NULL);
  check_number (ctx, o, path, "equity", OPTIONAL, NUM_ANY, NULL);

  /* amData: tables → rows → cell strings */
  if ((tables = check_array_member (ctx, o, path, "amData", OPTIONAL)) != NULL)
    {
      Path am = PATH_MEMBER (path, "amData");
      for (guint t = 0; t < json_array_get_length (tables); t++)
        {
          Path tp = PATH_INDEX (&am, t);
          JsonArray *rows = expect_array (ctx, json_array_get_element (tables, t), &tp);

          for (guint r = 0; rows != NULL && r < json_array_get_length (rows); r++)
            {
              Path rp = PATH_INDEX (&tp, r);
              JsonArray *cells = expect_array (ctx, json_array_get_element (rows, r), &rp);
              check_string_array (ctx, cells, &rp);
            }
        }
    }
  if ((row_data = check_array_member (ctx, o, path, "accountSummaryRowData", OPTIONAL)) != NULL)
    {
      Path rp = PATH_MEMBER (path, "accountSummaryRowData");
      check_string_array (ctx, row_data, &rp);
    }
}

static void
validate_balance (Ctx        *ctx,
                  JsonNode   *node,
                  const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_string (ctx, o, path, "symbol", REQUIRED);
  check_number (ctx, o, path, "total", REQUIRED, NUM_ANY, NULL);
  check_number (ctx, o, path, "available", REQUIRED, NUM_ANY, NULL);
  check_number (ctx, o, path, "reserved", OPTIONAL, NUM_ANY, NULL);
}

static void
validate_quote_entry (Ctx        *ctx,
                      JsonNode   *node,
                      const Path *path)
{
  static const char * const statuses[] = { "ok", "error", NULL };
  static const char * const optional_numbers[] = {
    "lp", "spread", "open_price", "high_price", "low_price", "prev_close_price", "volume", "ch", "chp",
    "buyPipValue", "sellPipValue", NULL
  };
  JsonObject *o = expect_object (ctx, node, path);
  const char *s;
  JsonObject *v;

  if (o == NULL)
    return;
  s = check_enum (ctx, o, path, "s", REQUIRED, statuses);
  check_string (ctx, o, path, "n", REQUIRED);
  if (s != NULL && g_str_equal (s, "error"))
    return;
  if ((v = check_object_member (ctx, o, path, "v", REQUIRED)) != NULL)
    {
      Path vp = PATH_MEMBER (path, "v");
      check_number (ctx, v, &vp, "bid", REQUIRED, NUM_ANY, NULL);
      check_number (ctx, v, &vp, "ask", REQUIRED, NUM_ANY, NULL);
      for (guint i = 0; optional_numbers[i] != NULL; i++)
        check_number (ctx, v, &vp, optional_numbers[i], OPTIONAL, NUM_ANY, NULL);
    }
}

static void
check_levels (Ctx        *ctx,
              JsonObject *o,
              const Path *path,
              const char *name)
{
  Path side = PATH_MEMBER (path, name);
  JsonArray *levels = check_array_member (ctx, o, path, name, REQUIRED);

  for (guint i = 0; levels != NULL && i < json_array_get_length (levels); i++)
    {
      Path lp = PATH_INDEX (&side, i);
      JsonArray *pair = expect_array (ctx, json_array_get_element (levels, i), &lp);
      double v;

      if (pair == NULL)
        continue;
      if (json_array_get_length (pair) != 2)
        {
          violation (ctx, &lp, "expected [price, volume], got %u elements", json_array_get_length (pair));
          continue;
        }
      for (guint k = 0; k < 2; k++)
        {
          Path ep = PATH_INDEX (&lp, k);
          JsonNode *e = json_array_get_element (pair, k);
          if (!_bourse_json_node_get_number (e, &v) || (ctx->strict && !_bourse_json_node_is_number (e)))
            violation (ctx, &ep, "expected a number, got %s", _bourse_json_node_type_name (e));
          else if (k == 1 && v < 0)
            violation (ctx, &ep, "expected a non-negative volume, got %g", v);
        }
    }
}

static void
validate_depth (Ctx        *ctx,
                JsonNode   *node,
                const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_levels (ctx, o, path, "asks");
  check_levels (ctx, o, path, "bids");
}

static void
validate_authorize (Ctx        *ctx,
                    JsonNode   *node,
                    const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  if (check_string (ctx, o, path, "access_token", REQUIRED) != NULL &&
      *_bourse_json_get_string (o, "access_token") == '\0')
    {
      Path p = PATH_MEMBER (path, "access_token");
      violation (ctx, &p, "expected a non-empty token");
    }
  check_time (ctx, o, path, "expiration", OPTIONAL, NULL);
}

static void
validate_place_order (Ctx        *ctx,
                      JsonNode   *node,
                      const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o != NULL)
    check_id (ctx, o, path, "orderId", REQUIRED);
}

static void
validate_preview_row (Ctx        *ctx,
                      JsonNode   *node,
                      const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_string (ctx, o, path, "title", REQUIRED);
  check_string (ctx, o, path, "value", REQUIRED);
}

static void
validate_preview_section (Ctx        *ctx,
                          JsonNode   *node,
                          const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  Path rows = PATH_MEMBER (path, "rows");

  if (o == NULL)
    return;
  check_string (ctx, o, path, "header", OPTIONAL);
  if (check_array_member (ctx, o, path, "rows", REQUIRED) != NULL)
    each_element (ctx, json_object_get_member (o, "rows"), &rows, validate_preview_row);
}

static void
validate_preview_order (Ctx        *ctx,
                        JsonNode   *node,
                        const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  Path sections = PATH_MEMBER (path, "sections");

  if (o == NULL)
    return;
  if (check_array_member (ctx, o, path, "sections", REQUIRED) != NULL)
    each_element (ctx, json_object_get_member (o, "sections"), &sections, validate_preview_section);
  check_id (ctx, o, path, "confirmId", OPTIONAL);
}

/* ---- the envelope and bare responses ---- */

/* {"s":"ok","d":…}; returns d (or NULL), or sets *rejected for {"s":"error"}. */
static JsonNode *
validate_envelope (Ctx      *ctx,
                   JsonNode *root,
                   gboolean  needs_d,
                   gboolean *rejected)
{
  JsonObject *o = expect_object (ctx, root, NULL);
  Path s_path = PATH_MEMBER (NULL, "s");
  Path d_path = PATH_MEMBER (NULL, "d");
  const char *s;
  JsonNode *d;

  *rejected = FALSE;
  if (o == NULL)
    return NULL;
  s = check_string (ctx, o, NULL, "s", REQUIRED);
  if (s == NULL)
    return NULL;
  if (g_str_equal (s, "error"))
    {
      check_string (ctx, o, NULL, "errmsg", REQUIRED);
      *rejected = TRUE;
      return NULL;
    }
  if (!g_str_equal (s, "ok"))
    {
      violation (ctx, &s_path, "expected \"ok\" or \"error\"; got \"%s\"", s);
      return NULL;
    }
  d = json_object_get_member (o, "d");
  if (d == NULL && needs_d)
    violation (ctx, &d_path, "missing required member");
  return d;
}

static void
validate_history (Ctx      *ctx,
                  JsonNode *root)
{
  static const char * const columns[] = { "t", "o", "h", "l", "c", "v", NULL };
  static const char * const statuses[] = { "ok", "no_data", "error", NULL };
  JsonObject *o = expect_object (ctx, root, NULL);
  const char *s;
  guint length = 0;

  if (o == NULL)
    return;
  s = check_enum (ctx, o, NULL, "s", REQUIRED, statuses);
  if (s == NULL)
    {
      /* an unknown s is never tolerable here: it decides how to read the rest */
      if (!ctx->strict && _bourse_json_get_string (o, "s") != NULL)
        {
          Path p = PATH_MEMBER (NULL, "s");
          violation (ctx, &p, "expected ok, no_data or error; got \"%s\"", _bourse_json_get_string (o, "s"));
        }
      return;
    }
  if (g_str_equal (s, "error"))
    {
      check_string (ctx, o, NULL, "errmsg", REQUIRED);
      return;
    }
  if (g_str_equal (s, "no_data"))
    {
      check_time (ctx, o, NULL, "nb", OPTIONAL, NULL);
      check_time (ctx, o, NULL, "nextTime", OPTIONAL, NULL);
      return;
    }
  for (guint k = 0; columns[k] != NULL; k++)
    {
      Path cp = PATH_MEMBER (NULL, columns[k]);
      JsonArray *array = check_array_member (ctx, o, NULL, columns[k],
                                             g_str_equal (columns[k], "v") ? OPTIONAL : REQUIRED);
      double prev = -G_MAXDOUBLE;

      if (array == NULL)
        continue;
      if (k == 0)
        length = json_array_get_length (array);
      else if (json_array_get_length (array) != length)
        {
          violation (ctx, &cp, "expected %u elements like t, got %u", length, json_array_get_length (array));
          continue;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Path ip = PATH_INDEX (&cp, i);
          JsonNode *e = json_array_get_element (array, i);
          double v;

          if (!_bourse_json_node_get_number (e, &v) || (ctx->strict && !_bourse_json_node_is_number (e)))
            {
              violation (ctx, &ip, "expected a number, got %s", _bourse_json_node_type_name (e));
              break;
            }
          if (k == 0 && v <= prev)
            {
              violation (ctx, &ip, "expected bar times strictly ascending");
              break;
            }
          prev = v;
        }
    }
}

static void
validate_symbol_info (Ctx      *ctx,
                      JsonNode *root)
{
  static const char * const required[] = {
    "symbol", "description", "currency", "exchange-listed", "exchange-traded", "minmovement",
    "pricescale", "timezone", "session-regular", "type", NULL
  };
  JsonObject *o = expect_object (ctx, root, NULL);
  const char *s;
  gint length = -1;

  if (o == NULL)
    return;
  s = check_string (ctx, o, NULL, "s", REQUIRED);
  if (s != NULL && g_str_equal (s, "error"))
    {
      check_string (ctx, o, NULL, "errmsg", REQUIRED);
      return;
    }
  if (s != NULL && !g_str_equal (s, "ok"))
    {
      Path p = PATH_MEMBER (NULL, "s");
      violation (ctx, &p, "expected \"ok\"; got \"%s\"", s);
    }
  /* Each field is an array with one element per symbol, or a scalar shared by all. */
  for (guint k = 0; required[k] != NULL; k++)
    {
      Path fp = PATH_MEMBER (NULL, required[k]);
      JsonNode *node = member (ctx, o, &fp, REQUIRED);

      if (node == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          gint n = json_array_get_length (json_node_get_array (node));
          if (length < 0)
            length = n;
          else if (n != length)
            violation (ctx, &fp, "expected %d elements like symbol, got %d", length, n);
        }
      else if (!JSON_NODE_HOLDS_VALUE (node))
        violation (ctx, &fp, "expected an array or a scalar, got %s", _bourse_json_node_type_name (node));
    }
}

static void
validate_mapping_entry (Ctx        *ctx,
                        JsonNode   *node,
                        const Path *path)
{
  JsonObject *o = expect_object (ctx, node, path);
  JsonArray *f;

  if (o == NULL)
    return;
  check_string (ctx, o, path, "s", REQUIRED);
  if ((f = check_array_member (ctx, o, path, "f", REQUIRED)) != NULL)
    {
      Path fp = PATH_MEMBER (path, "f");
      check_string_array (ctx, f, &fp);
    }
}

static void
validate_mapping (Ctx      *ctx,
                  JsonNode *root)
{
  JsonObject *o = expect_object (ctx, root, NULL);
  Path symbols = PATH_MEMBER (NULL, "symbols");
  Path fields = PATH_MEMBER (NULL, "fields");
  JsonArray *f;

  if (o == NULL)
    return;
  if (check_array_member (ctx, o, NULL, "symbols", REQUIRED) != NULL)
    each_element (ctx, json_object_get_member (o, "symbols"), &symbols, validate_mapping_entry);
  if ((f = check_array_member (ctx, o, NULL, "fields", REQUIRED)) != NULL)
    check_string_array (ctx, f, &fields);
}

static void
validate_oauth_token (Ctx      *ctx,
                      JsonNode *root)
{
  JsonObject *o = expect_object (ctx, root, NULL);
  const char *type;

  if (o == NULL)
    return;
  type = check_string (ctx, o, NULL, "token_type", REQUIRED);
  if (type != NULL && g_ascii_strcasecmp (type, "bearer") != 0)
    {
      Path p = PATH_MEMBER (NULL, "token_type");
      violation (ctx, &p, "expected \"bearer\"; got \"%s\"", type);
    }
  check_string (ctx, o, NULL, "access_token", REQUIRED);
  check_number (ctx, o, NULL, "expires_in", OPTIONAL, NUM_POSITIVE, NULL);
  check_string (ctx, o, NULL, "refresh_token", OPTIONAL);
}

static void
validate_price_line (Ctx      *ctx,
                     JsonNode *root)
{
  JsonObject *o = expect_object (ctx, root, NULL);
  const char *f;

  if (o == NULL)
    return;
  f = check_string (ctx, o, NULL, "f", OPTIONAL);
  /* A missing f means a trade; an unknown one is ignored by spec clients. */
  if (f == NULL || g_str_equal (f, "t") || g_str_equal (f, "a") || g_str_equal (f, "b"))
    {
      check_string (ctx, o, NULL, "id", REQUIRED);
      check_number (ctx, o, NULL, "p", REQUIRED, NUM_ANY, NULL);
      check_number (ctx, o, NULL, "s", REQUIRED, NUM_NON_NEGATIVE, NULL);
      check_time (ctx, o, NULL, "t", REQUIRED, NULL);
    }
  else if (g_str_equal (f, "q"))
    {
      check_string (ctx, o, NULL, "id", REQUIRED);
      check_time (ctx, o, NULL, "t", REQUIRED, NULL);
      check_number (ctx, o, NULL, "ap", REQUIRED, NUM_ANY, NULL);
      check_number (ctx, o, NULL, "bp", REQUIRED, NUM_ANY, NULL);
      check_number (ctx, o, NULL, "as", OPTIONAL, NUM_NON_NEGATIVE, NULL);
      check_number (ctx, o, NULL, "bs", OPTIONAL, NUM_NON_NEGATIVE, NULL);
    }
  else if (g_str_equal (f, "d"))
    {
      static const char * const prices[] = { "o", "h", "l", "c", NULL };
      check_string (ctx, o, NULL, "id", REQUIRED);
      check_time (ctx, o, NULL, "t", REQUIRED, NULL);
      for (guint i = 0; prices[i] != NULL; i++)
        check_number (ctx, o, NULL, prices[i], REQUIRED, NUM_ANY, NULL);
      check_number (ctx, o, NULL, "v", OPTIONAL, NUM_NON_NEGATIVE, NULL);
    }
  else if (g_str_equal (f, "dp"))
    {
      check_string (ctx, o, NULL, "id", REQUIRED);
      check_time (ctx, o, NULL, "t", OPTIONAL, NULL);
      check_levels (ctx, o, NULL, "bids");
      check_levels (ctx, o, NULL, "asks");
    }
}

/* One line of an entity stream: a snapshot array, one entity, a ping or an error. */
static void
validate_entity_line (Ctx          *ctx,
                      JsonNode     *root,
                      ValidateFunc  entity,
                      gboolean      snapshot_is_object)
{
  JsonObject *o;
  const char *s;

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root) && !snapshot_is_object)
    {
      each_element (ctx, root, NULL, entity);
      return;
    }
  o = expect_object (ctx, root, NULL);
  if (o == NULL)
    return;
  if (json_object_get_size (o) == 0)
    return;  /* {} is a ping */
  s = _bourse_json_get_string (o, "s");
  if (s != NULL && g_str_equal (s, "ping"))
    return;
  if (s != NULL && g_str_equal (s, "error"))
    {
      check_string (ctx, o, NULL, "errmsg", REQUIRED);
      return;
    }
  entity (ctx, root, NULL);
}

static const char * const schema_names[BOURSE_SCHEMA_N_KINDS] = {
  [BOURSE_SCHEMA_AUTHORIZE] = "authorize",
  [BOURSE_SCHEMA_OAUTH_TOKEN] = "oauth-token",
  [BOURSE_SCHEMA_ACTION] = "action",
  [BOURSE_SCHEMA_CONFIG] = "config",
  [BOURSE_SCHEMA_ACCOUNTS] = "accounts",
  [BOURSE_SCHEMA_INSTRUMENTS] = "instruments",
  [BOURSE_SCHEMA_ACCOUNT_STATE] = "state",
  [BOURSE_SCHEMA_ORDERS] = "orders",
  [BOURSE_SCHEMA_ORDER] = "order",
  [BOURSE_SCHEMA_ORDERS_HISTORY] = "ordersHistory",
  [BOURSE_SCHEMA_PLACE_ORDER] = "place-order",
  [BOURSE_SCHEMA_PREVIEW_ORDER] = "previewOrder",
  [BOURSE_SCHEMA_POSITIONS] = "positions",
  [BOURSE_SCHEMA_POSITION] = "position",
  [BOURSE_SCHEMA_EXECUTIONS] = "executions",
  [BOURSE_SCHEMA_BALANCES] = "balances",
  [BOURSE_SCHEMA_QUOTES] = "quotes",
  [BOURSE_SCHEMA_DEPTH] = "depth",
  [BOURSE_SCHEMA_HISTORY] = "history",
  [BOURSE_SCHEMA_SYMBOL_INFO] = "symbol_info",
  [BOURSE_SCHEMA_MAPPING] = "mapping",
  [BOURSE_SCHEMA_STREAM_PRICES] = "stream-prices",
  [BOURSE_SCHEMA_STREAM_ORDERS] = "stream-orders",
  [BOURSE_SCHEMA_STREAM_POSITIONS] = "stream-positions",
  [BOURSE_SCHEMA_STREAM_EXECUTIONS] = "stream-executions",
  [BOURSE_SCHEMA_STREAM_STATE] = "stream-state",
};

const char *
bourse_schema_get_name (BourseSchema schema)
{
  g_return_val_if_fail (schema < BOURSE_SCHEMA_N_KINDS, NULL);
  return schema_names[schema];
}

gboolean
bourse_schema_is_rejection (JsonNode    *root,
                            const char **errmsg)
{
  JsonObject *o;
  const char *s;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  o = json_node_get_object (root);
  s = _bourse_json_get_string (o, "s");
  if (s == NULL || !g_str_equal (s, "error"))
    return FALSE;
  if (errmsg != NULL)
    *errmsg = _bourse_json_get_string (o, "errmsg");
  return TRUE;
}

static void
run (Ctx          *ctx,
     BourseSchema  schema,
     JsonNode     *root);

GPtrArray *
bourse_schema_validate (BourseSchema       schema,
                        JsonNode          *root,
                        BourseSchemaFlags  flags)
{
  Ctx ctx = {
    .violations = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_schema_violation_free),
    .strict = (flags & BOURSE_SCHEMA_FLAGS_STRICT) != 0,
  };

  g_return_val_if_fail (schema < BOURSE_SCHEMA_N_KINDS, ctx.violations);
  run (&ctx, schema, root);
  return ctx.violations;
}

/**
 * bourse_schema_conforms:
 *
 * Like bourse_schema_validate() without collecting anything: the fast path
 * for stream lines, which nearly always conform.
 */
gboolean
bourse_schema_conforms (BourseSchema       schema,
                        JsonNode          *root,
                        BourseSchemaFlags  flags)
{
  Ctx ctx = { .violations = NULL, .strict = (flags & BOURSE_SCHEMA_FLAGS_STRICT) != 0 };

  g_return_val_if_fail (schema < BOURSE_SCHEMA_N_KINDS, FALSE);
  run (&ctx, schema, root);
  return !ctx.failed;
}

static void
run (Ctx          *ctx,
     BourseSchema  schema,
     JsonNode     *root)
{
  Path d_path = PATH_MEMBER (NULL, "d");
  ValidateFunc payload = NULL;
  gboolean payload_is_list = FALSE;
  gboolean rejected = FALSE;
  JsonNode *d;

  switch (schema)
    {
    case BOURSE_SCHEMA_OAUTH_TOKEN: validate_oauth_token (ctx, root); return;
    case BOURSE_SCHEMA_HISTORY: validate_history (ctx, root); return;
    case BOURSE_SCHEMA_SYMBOL_INFO: validate_symbol_info (ctx, root); return;
    case BOURSE_SCHEMA_MAPPING: validate_mapping (ctx, root); return;
    case BOURSE_SCHEMA_STREAM_PRICES: validate_price_line (ctx, root); return;
    case BOURSE_SCHEMA_STREAM_ORDERS: validate_entity_line (ctx, root, validate_order, FALSE); return;
    case BOURSE_SCHEMA_STREAM_POSITIONS: validate_entity_line (ctx, root, validate_streamed_position, FALSE); return;
    case BOURSE_SCHEMA_STREAM_EXECUTIONS: validate_entity_line (ctx, root, validate_execution, FALSE); return;
    case BOURSE_SCHEMA_STREAM_STATE: validate_entity_line (ctx, root, validate_account_state, TRUE); return;

    case BOURSE_SCHEMA_ACTION:
      validate_envelope (ctx, root, FALSE, &rejected);
      return;

    case BOURSE_SCHEMA_AUTHORIZE: payload = validate_authorize; break;
    case BOURSE_SCHEMA_CONFIG: payload = validate_config; break;
    case BOURSE_SCHEMA_ACCOUNT_STATE: payload = validate_account_state; break;
    case BOURSE_SCHEMA_ORDER: payload = validate_order; break;
    case BOURSE_SCHEMA_PLACE_ORDER: payload = validate_place_order; break;
    case BOURSE_SCHEMA_PREVIEW_ORDER: payload = validate_preview_order; break;
    case BOURSE_SCHEMA_POSITION: payload = validate_position; break;
    case BOURSE_SCHEMA_DEPTH: payload = validate_depth; break;
    case BOURSE_SCHEMA_ACCOUNTS: payload = validate_account; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_INSTRUMENTS: payload = validate_instrument; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_ORDERS: payload = validate_order; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_ORDERS_HISTORY: payload = validate_history_order; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_POSITIONS: payload = validate_position; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_EXECUTIONS: payload = validate_execution; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_BALANCES: payload = validate_balance; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_QUOTES: payload = validate_quote_entry; payload_is_list = TRUE; break;

    case BOURSE_SCHEMA_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  d = validate_envelope (ctx, root, TRUE, &rejected);
  if (d == NULL || rejected)
    return;
  if (payload_is_list)
    each_element (ctx, d, &d_path, payload);
  else
    payload (ctx, d, &d_path);
}
