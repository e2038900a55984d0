/* bourse-schema.c — validation of broker responses against the REST API for Brokers: member checks, envelope, market data, stream lines, dispatch
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trading objects' rules (orders, positions, accounts…) are in
 * bourse-schema-trading.c; quotes, depth, history and the stream lines stay
 * here with the member checks, so the hot path of a price line is one file the
 * compiler can inline.
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
#include "bourse-schema-private.h"

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
void
_bourse_schema_violation (Ctx        *ctx,
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

JsonObject *
_bourse_schema_expect_object (Ctx        *ctx,
                              JsonNode   *node,
                              const Path *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _bourse_schema_violation (ctx, path, "expected an object, got %s", _bourse_json_node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
_bourse_schema_expect_array (Ctx        *ctx,
                             JsonNode   *node,
                             const Path *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _bourse_schema_violation (ctx, path, "expected an array, got %s", _bourse_json_node_type_name (node));
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
    _bourse_schema_violation (ctx, path, "missing required member");
  return node;
}

const char *
_bourse_schema_check_string (Ctx        *ctx,
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
      _bourse_schema_violation (ctx, &path, "expected a string, got %s", _bourse_json_node_type_name (node));
      return NULL;
    }
  return json_node_get_string (node);
}

/* Ids are strings; a broker sending integers is tolerated unless strict. */
void
_bourse_schema_check_id (Ctx        *ctx,
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
        _bourse_schema_violation (ctx, &path, "expected a non-empty id");
      return;
    }
  if (_bourse_json_node_is_integer (node) && !ctx->strict)
    return;
  _bourse_schema_violation (ctx, &path, "expected an id string, got %s", _bourse_json_node_type_name (node));
}

gboolean
_bourse_schema_check_number (Ctx        *ctx,
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
      _bourse_schema_violation (ctx, &path, "expected a number, got %s", _bourse_json_node_type_name (node));
      return FALSE;
    }
  if (ctx->strict && !_bourse_json_node_is_number (node))
    {
      _bourse_schema_violation (ctx, &path, "expected a number, got a numeric string");
      return FALSE;
    }
  if ((range == NUM_POSITIVE && !(v > 0)) || (range == NUM_NON_NEGATIVE && !(v >= 0)))
    {
      _bourse_schema_violation (ctx, &path, "expected a %s number, got %g",
                                range == NUM_POSITIVE ? "positive" : "non-negative", v);
      return FALSE;
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

gboolean
_bourse_schema_check_time (Ctx        *ctx,
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
      _bourse_schema_violation (ctx, &path, "expected integer UNIX seconds, got %s", _bourse_json_node_type_name (node));
      return FALSE;
    }
  /* Milliseconds sent where seconds are due is the commonest time bug. */
  if (v < 0 || v > G_GINT64_CONSTANT (100000000000))
    {
      _bourse_schema_violation (ctx, &path, "expected UNIX seconds, got %" G_GINT64_FORMAT, v);
      return FALSE;
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

void
_bourse_schema_check_boolean (Ctx        *ctx,
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
    _bourse_schema_violation (ctx, &path, "expected a boolean, got %s", _bourse_json_node_type_name (node));
}

const char *
_bourse_schema_check_enum (Ctx               *ctx,
                           JsonObject        *object,
                           const Path        *parent,
                           const char        *name,
                           Need               need,
                           const char * const *values)
{
  const char *str = _bourse_schema_check_string (ctx, object, parent, name, need);
  Path path = PATH_MEMBER (parent, name);

  if (str == NULL)
    return NULL;
  if (!g_strv_contains (values, str))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) values);
      /* Unknown enum values are tolerated by clients (the spec says ignore them),
       * but a conformance check reports them. */
      if (ctx->strict)
        _bourse_schema_violation (ctx, &path, "expected one of %s; got \"%s\"", joined, str);
      return NULL;
    }
  return str;
}

JsonObject *
_bourse_schema_check_object_member (Ctx        *ctx,
                                    JsonObject *object,
                                    const Path *parent,
                                    const char *name,
                                    Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  return node != NULL ? _bourse_schema_expect_object (ctx, node, &path) : NULL;
}

JsonArray *
_bourse_schema_check_array_member (Ctx        *ctx,
                                   JsonObject *object,
                                   const Path *parent,
                                   const char *name,
                                   Need        need)
{
  Path path = PATH_MEMBER (parent, name);
  JsonNode *node = member (ctx, object, &path, need);

  return node != NULL ? _bourse_schema_expect_array (ctx, node, &path) : NULL;
}

void
_bourse_schema_each_element (Ctx          *ctx,
                             JsonNode     *node,
                             const Path   *path,
                             ValidateFunc  func)
{
  JsonArray *array = _bourse_schema_expect_array (ctx, node, path);

  if (array == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Path item = PATH_INDEX (path, i);
      func (ctx, json_array_get_element (array, i), &item);
    }
}

void
_bourse_schema_check_string_array (Ctx        *ctx,
                                   JsonArray  *array,
                                   const Path *path)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path item = PATH_INDEX (path, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        _bourse_schema_violation (ctx, &item, "expected a string, got %s", _bourse_json_node_type_name (node));
    }
}

void
_bourse_schema_check_rules (Ctx        *ctx,
                            JsonObject *object,
                            const Path *path,
                            const Rule *rules)
{
  for (const Rule *r = rules; r->name != NULL; r++)
    {
      Path member_path = PATH_MEMBER (path, r->name);
      JsonObject *sub;
      JsonArray *array;

      switch (r->kind)
        {
        case RULE_STRING:
          _bourse_schema_check_string (ctx, object, path, r->name, r->need);
          break;
        case RULE_ID:
          _bourse_schema_check_id (ctx, object, path, r->name, r->need);
          break;
        case RULE_NUMBER:
          _bourse_schema_check_number (ctx, object, path, r->name, r->need, r->range, NULL);
          break;
        case RULE_TIME:
          _bourse_schema_check_time (ctx, object, path, r->name, r->need, NULL);
          break;
        case RULE_BOOLEAN:
          _bourse_schema_check_boolean (ctx, object, path, r->name, r->need);
          break;
        case RULE_ENUM:
          _bourse_schema_check_enum (ctx, object, path, r->name, r->need, r->values);
          break;
        case RULE_ARRAY:
          if ((array = _bourse_schema_check_array_member (ctx, object, path, r->name, r->need)) == NULL)
            break;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              Path item = PATH_INDEX (&member_path, i);
              _bourse_schema_validate_object (ctx, json_array_get_element (array, i), &item, r->members);
            }
          break;
        case RULE_OBJECT:
          if ((sub = _bourse_schema_check_object_member (ctx, object, path, r->name, r->need)) != NULL)
            _bourse_schema_check_rules (ctx, sub, &member_path, r->members);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
_bourse_schema_validate_object (Ctx        *ctx,
                                JsonNode   *node,
                                const Path *path,
                                const Rule *rules)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o != NULL)
    _bourse_schema_check_rules (ctx, o, path, rules);
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
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  const char *s;
  JsonObject *v;

  if (o == NULL)
    return;
  s = _bourse_schema_check_enum (ctx, o, path, "s", REQUIRED, statuses);
  _bourse_schema_check_string (ctx, o, path, "n", REQUIRED);
  if (s != NULL && g_str_equal (s, "error"))
    return;
  if ((v = _bourse_schema_check_object_member (ctx, o, path, "v", REQUIRED)) != NULL)
    {
      Path vp = PATH_MEMBER (path, "v");
      _bourse_schema_check_number (ctx, v, &vp, "bid", REQUIRED, NUM_ANY, NULL);
      _bourse_schema_check_number (ctx, v, &vp, "ask", REQUIRED, NUM_ANY, NULL);
      for (guint i = 0; optional_numbers[i] != NULL; i++)
        _bourse_schema_check_number (ctx, v, &vp, optional_numbers[i], OPTIONAL, NUM_ANY, NULL);
    }
}

static void
check_levels (Ctx        *ctx,
              JsonObject *o,
              const Path *path,
              const char *name)
{
  Path side = PATH_MEMBER (path, name);
  JsonArray *levels = _bourse_schema_check_array_member (ctx, o, path, name, REQUIRED);

  for (guint i = 0; levels != NULL && i < json_array_get_length (levels); i++)
    {
      Path lp = PATH_INDEX (&side, i);
      JsonArray *pair = _bourse_schema_expect_array (ctx, json_array_get_element (levels, i), &lp);
      double v;

      if (pair == NULL)
        continue;
      if (json_array_get_length (pair) != 2)
        {
          _bourse_schema_violation (ctx, &lp, "expected [price, volume], got %u elements", json_array_get_length (pair));
          continue;
        }
      for (guint k = 0; k < 2; k++)
        {
          Path ep = PATH_INDEX (&lp, k);
          JsonNode *e = json_array_get_element (pair, k);
          if (!_bourse_json_node_get_number (e, &v) || (ctx->strict && !_bourse_json_node_is_number (e)))
            _bourse_schema_violation (ctx, &ep, "expected a number, got %s", _bourse_json_node_type_name (e));
          else if (k == 1 && v < 0)
            _bourse_schema_violation (ctx, &ep, "expected a non-negative volume, got %g", v);
        }
    }
}

static void
validate_depth (Ctx        *ctx,
                JsonNode   *node,
                const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);

  if (o == NULL)
    return;
  check_levels (ctx, o, path, "asks");
  check_levels (ctx, o, path, "bids");
}

/* ---- the envelope and bare responses ---- */

/* {"s":"ok","d":…}; returns d (or NULL), or sets *rejected for {"s":"error"}. */
static JsonNode *
validate_envelope (Ctx      *ctx,
                   JsonNode *root,
                   gboolean  needs_d,
                   gboolean *rejected)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  Path s_path = PATH_MEMBER (NULL, "s");
  Path d_path = PATH_MEMBER (NULL, "d");
  const char *s;
  JsonNode *d;

  *rejected = FALSE;
  if (o == NULL)
    return NULL;
  s = _bourse_schema_check_string (ctx, o, NULL, "s", REQUIRED);
  if (s == NULL)
    return NULL;
  if (g_str_equal (s, "error"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "errmsg", REQUIRED);
      *rejected = TRUE;
      return NULL;
    }
  if (!g_str_equal (s, "ok"))
    {
      _bourse_schema_violation (ctx, &s_path, "expected \"ok\" or \"error\"; got \"%s\"", s);
      return NULL;
    }
  d = json_object_get_member (o, "d");
  if (d == NULL && needs_d)
    _bourse_schema_violation (ctx, &d_path, "missing required member");
  return d;
}

static void
validate_history (Ctx      *ctx,
                  JsonNode *root)
{
  static const char * const columns[] = { "t", "o", "h", "l", "c", "v", NULL };
  static const char * const statuses[] = { "ok", "no_data", "error", NULL };
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  const char *s;
  guint length = 0;

  if (o == NULL)
    return;
  s = _bourse_schema_check_enum (ctx, o, NULL, "s", REQUIRED, statuses);
  if (s == NULL)
    {
      /* an unknown s is never tolerable here: it decides how to read the rest */
      if (!ctx->strict && _bourse_json_get_string (o, "s") != NULL)
        {
          Path p = PATH_MEMBER (NULL, "s");
          _bourse_schema_violation (ctx, &p, "expected ok, no_data or error; got \"%s\"", _bourse_json_get_string (o, "s"));
        }
      return;
    }
  if (g_str_equal (s, "error"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "errmsg", REQUIRED);
      return;
    }
  if (g_str_equal (s, "no_data"))
    {
      _bourse_schema_check_time (ctx, o, NULL, "nb", OPTIONAL, NULL);
      _bourse_schema_check_time (ctx, o, NULL, "nextTime", OPTIONAL, NULL);
      return;
    }
  for (guint k = 0; columns[k] != NULL; k++)
    {
      Path cp = PATH_MEMBER (NULL, columns[k]);
      JsonArray *array = _bourse_schema_check_array_member (ctx, o, NULL, columns[k],
                                                            g_str_equal (columns[k], "v") ? OPTIONAL : REQUIRED);
      double prev = -G_MAXDOUBLE;

      if (array == NULL)
        continue;
      if (k == 0)
        length = json_array_get_length (array);
      else if (json_array_get_length (array) != length)
        {
          _bourse_schema_violation (ctx, &cp, "expected %u elements like t, got %u", length, json_array_get_length (array));
          continue;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Path ip = PATH_INDEX (&cp, i);
          JsonNode *e = json_array_get_element (array, i);
          double v;

          if (!_bourse_json_node_get_number (e, &v) || (ctx->strict && !_bourse_json_node_is_number (e)))
            {
              _bourse_schema_violation (ctx, &ip, "expected a number, got %s", _bourse_json_node_type_name (e));
              break;
            }
          if (k == 0 && v <= prev)
            {
              _bourse_schema_violation (ctx, &ip, "expected bar times strictly ascending");
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
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  const char *s;
  gint length = -1;

  if (o == NULL)
    return;
  s = _bourse_schema_check_string (ctx, o, NULL, "s", REQUIRED);
  if (s != NULL && g_str_equal (s, "error"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "errmsg", REQUIRED);
      return;
    }
  if (s != NULL && !g_str_equal (s, "ok"))
    {
      Path p = PATH_MEMBER (NULL, "s");
      _bourse_schema_violation (ctx, &p, "expected \"ok\"; got \"%s\"", s);
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
            _bourse_schema_violation (ctx, &fp, "expected %d elements like symbol, got %d", length, n);
        }
      else if (!JSON_NODE_HOLDS_VALUE (node))
        _bourse_schema_violation (ctx, &fp, "expected an array or a scalar, got %s", _bourse_json_node_type_name (node));
    }
}

static void
validate_mapping_entry (Ctx        *ctx,
                        JsonNode   *node,
                        const Path *path)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, node, path);
  JsonArray *f;

  if (o == NULL)
    return;
  _bourse_schema_check_string (ctx, o, path, "s", REQUIRED);
  if ((f = _bourse_schema_check_array_member (ctx, o, path, "f", REQUIRED)) != NULL)
    {
      Path fp = PATH_MEMBER (path, "f");
      _bourse_schema_check_string_array (ctx, f, &fp);
    }
}

static void
validate_mapping (Ctx      *ctx,
                  JsonNode *root)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  Path symbols = PATH_MEMBER (NULL, "symbols");
  Path fields = PATH_MEMBER (NULL, "fields");
  JsonArray *f;

  if (o == NULL)
    return;
  if (_bourse_schema_check_array_member (ctx, o, NULL, "symbols", REQUIRED) != NULL)
    _bourse_schema_each_element (ctx, json_object_get_member (o, "symbols"), &symbols, validate_mapping_entry);
  if ((f = _bourse_schema_check_array_member (ctx, o, NULL, "fields", REQUIRED)) != NULL)
    _bourse_schema_check_string_array (ctx, f, &fields);
}

static void
validate_oauth_token (Ctx      *ctx,
                      JsonNode *root)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  const char *type;

  if (o == NULL)
    return;
  type = _bourse_schema_check_string (ctx, o, NULL, "token_type", REQUIRED);
  if (type != NULL && g_ascii_strcasecmp (type, "bearer") != 0)
    {
      Path p = PATH_MEMBER (NULL, "token_type");
      _bourse_schema_violation (ctx, &p, "expected \"bearer\"; got \"%s\"", type);
    }
  _bourse_schema_check_string (ctx, o, NULL, "access_token", REQUIRED);
  _bourse_schema_check_number (ctx, o, NULL, "expires_in", OPTIONAL, NUM_POSITIVE, NULL);
  _bourse_schema_check_string (ctx, o, NULL, "refresh_token", OPTIONAL);
}

static void
validate_price_line (Ctx      *ctx,
                     JsonNode *root)
{
  JsonObject *o = _bourse_schema_expect_object (ctx, root, NULL);
  const char *f;

  if (o == NULL)
    return;
  f = _bourse_schema_check_string (ctx, o, NULL, "f", OPTIONAL);
  /* A missing f means a trade; an unknown one is ignored by spec clients. */
  if (f == NULL || g_str_equal (f, "t") || g_str_equal (f, "a") || g_str_equal (f, "b"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "id", REQUIRED);
      _bourse_schema_check_number (ctx, o, NULL, "p", REQUIRED, NUM_ANY, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "s", REQUIRED, NUM_NON_NEGATIVE, NULL);
      _bourse_schema_check_time (ctx, o, NULL, "t", REQUIRED, NULL);
    }
  else if (g_str_equal (f, "q"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "id", REQUIRED);
      _bourse_schema_check_time (ctx, o, NULL, "t", REQUIRED, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "ap", REQUIRED, NUM_ANY, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "bp", REQUIRED, NUM_ANY, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "as", OPTIONAL, NUM_NON_NEGATIVE, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "bs", OPTIONAL, NUM_NON_NEGATIVE, NULL);
    }
  else if (g_str_equal (f, "d"))
    {
      static const char * const prices[] = { "o", "h", "l", "c", NULL };
      _bourse_schema_check_string (ctx, o, NULL, "id", REQUIRED);
      _bourse_schema_check_time (ctx, o, NULL, "t", REQUIRED, NULL);
      for (guint i = 0; prices[i] != NULL; i++)
        _bourse_schema_check_number (ctx, o, NULL, prices[i], REQUIRED, NUM_ANY, NULL);
      _bourse_schema_check_number (ctx, o, NULL, "v", OPTIONAL, NUM_NON_NEGATIVE, NULL);
    }
  else if (g_str_equal (f, "dp"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "id", REQUIRED);
      _bourse_schema_check_time (ctx, o, NULL, "t", OPTIONAL, NULL);
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
      _bourse_schema_each_element (ctx, root, NULL, entity);
      return;
    }
  o = _bourse_schema_expect_object (ctx, root, NULL);
  if (o == NULL)
    return;
  if (json_object_get_size (o) == 0)
    return;  /* {} is a ping */
  s = _bourse_json_get_string (o, "s");
  if (s != NULL && g_str_equal (s, "ping"))
    return;
  if (s != NULL && g_str_equal (s, "error"))
    {
      _bourse_schema_check_string (ctx, o, NULL, "errmsg", REQUIRED);
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
    case BOURSE_SCHEMA_STREAM_ORDERS: validate_entity_line (ctx, root, _bourse_schema_validate_order, FALSE); return;
    case BOURSE_SCHEMA_STREAM_POSITIONS: validate_entity_line (ctx, root, _bourse_schema_validate_streamed_position, FALSE); return;
    case BOURSE_SCHEMA_STREAM_EXECUTIONS: validate_entity_line (ctx, root, _bourse_schema_validate_execution, FALSE); return;
    case BOURSE_SCHEMA_STREAM_STATE: validate_entity_line (ctx, root, _bourse_schema_validate_account_state, TRUE); return;

    case BOURSE_SCHEMA_ACTION:
      validate_envelope (ctx, root, FALSE, &rejected);
      return;

    case BOURSE_SCHEMA_AUTHORIZE: payload = _bourse_schema_validate_authorize; break;
    case BOURSE_SCHEMA_CONFIG: payload = _bourse_schema_validate_config; break;
    case BOURSE_SCHEMA_ACCOUNT_STATE: payload = _bourse_schema_validate_account_state; break;
    case BOURSE_SCHEMA_ORDER: payload = _bourse_schema_validate_order; break;
    case BOURSE_SCHEMA_PLACE_ORDER: payload = _bourse_schema_validate_place_order; break;
    case BOURSE_SCHEMA_PREVIEW_ORDER: payload = _bourse_schema_validate_preview_order; break;
    case BOURSE_SCHEMA_POSITION: payload = _bourse_schema_validate_position; break;
    case BOURSE_SCHEMA_DEPTH: payload = validate_depth; break;
    case BOURSE_SCHEMA_ACCOUNTS: payload = _bourse_schema_validate_account; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_INSTRUMENTS: payload = _bourse_schema_validate_instrument; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_ORDERS: payload = _bourse_schema_validate_order; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_ORDERS_HISTORY: payload = _bourse_schema_validate_history_order; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_POSITIONS: payload = _bourse_schema_validate_position; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_EXECUTIONS: payload = _bourse_schema_validate_execution; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_BALANCES: payload = _bourse_schema_validate_balance; payload_is_list = TRUE; break;
    case BOURSE_SCHEMA_QUOTES: payload = validate_quote_entry; payload_is_list = TRUE; break;

    case BOURSE_SCHEMA_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  d = validate_envelope (ctx, root, TRUE, &rejected);
  if (d == NULL || rejected)
    return;
  if (payload_is_list)
    _bourse_schema_each_element (ctx, d, &d_path, payload);
  else
    payload (ctx, d, &d_path);
}
