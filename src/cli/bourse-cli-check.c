/* bourse-cli-check.c — bourse-cli check: conformance of a broker server to the REST API for Brokers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calls every endpoint through the real client, validates each response with
 * bourse-schema in strict mode (ids as strings, numbers as numbers, known enum
 * values), reads the streams for a few seconds, and prints one row per check.
 * With --trade it also places, modifies and cancels a limit order, checks that
 * a repeated requestId places one order, and opens, partly closes and closes a
 * position. Exit status 0 only when every check passes.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bourse-account.h"
#include "bourse-broker-call.h"
#include "bourse-cli-commands.h"
#include "bourse-json.h"
#include "bourse-price.h"
#include "bourse-schema.h"
#include "bourse-stream.h"

typedef struct
{
  char      *name;        /* "GET /config" */
  char      *detail;      /* what was checked beyond the schema, or why it failed */
  GPtrArray *violations;  /* BourseSchemaViolation */
  double     latency_ms;
  guint      status;
  gboolean   passed;
  gboolean   skipped;
} CheckResult;

typedef struct
{
  BourseBrokerClient *client;
  GPtrArray          *results;        /* CheckResult */
  BourseApiExchange  *last_exchange;  /* of the call being checked */
  char               *account_id;
  JsonNode           *config;
  JsonNode           *instruments;    /* d of /instruments */
  double              stream_seconds;
  gboolean            json;
} Check;

static void
check_result_free (CheckResult *r)
{
  g_free (r->name);
  g_free (r->detail);
  g_clear_pointer (&r->violations, g_ptr_array_unref);
  g_free (r);
}

static void
exchange_finished_cb (BourseBrokerClient *client,
                      BourseApiExchange  *exchange,
                      Check              *check)
{
  if (bourse_api_exchange_get_kind (exchange) != BOURSE_API_EXCHANGE_REST)
    return;
  g_set_object (&check->last_exchange, exchange);
}

static void
await_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

/* A CLI may wait: spin the default context until the call is done. */
static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static CheckResult *
add_result (Check      *check,
            const char *name)
{
  CheckResult *r = g_new0 (CheckResult, 1);

  r->name = g_strdup (name);
  r->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_schema_violation_free);
  r->passed = TRUE;
  g_ptr_array_add (check->results, r);
  return r;
}

G_GNUC_PRINTF (2, 3)
static void
fail_result (CheckResult *r,
             const char  *format,
             ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  r->passed = FALSE;
  if (r->detail == NULL)
    r->detail = g_steal_pointer (&text);
  else
    {
      char *joined = g_strdup_printf ("%s; %s", r->detail, text);
      g_free (r->detail);
      r->detail = joined;
    }
}

/* Runs one call and records it; returns the root when the client accepted the
 * answer (transfer full), even if strict validation failed the check, so that
 * the checks after it can go on. */
static JsonNode *
run_call (Check           *check,
          const char      *label,
          const char      *method,
          const char      *path,
          BourseParams    *query,
          BourseParams    *form,
          BourseSchema     schema,
          BourseCallFlags  flags,
          CheckResult    **out_result)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_strdup_printf ("%s %s", method, label != NULL ? label : path);
  CheckResult *r = add_result (check, name);
  const char *body;

  if (out_result != NULL)
    *out_result = r;
  g_clear_object (&check->last_exchange);
  bourse_broker_client_call_async (check->client, method, path, query, form, schema, flags, NULL, await_cb, &result);
  root = bourse_broker_client_call_finish (check->client, await (&result), &error);

  if (check->last_exchange != NULL)
    {
      r->latency_ms = bourse_api_exchange_get_latency_ms (check->last_exchange);
      r->status = bourse_api_exchange_get_status (check->last_exchange);
    }

  /* Strict validation of the text the broker sent (the client itself is lenient). */
  body = check->last_exchange != NULL ? bourse_api_exchange_get_response_body (check->last_exchange) : NULL;
  if (body != NULL && r->status == 200 && schema != BOURSE_SCHEMA_AUTHORIZE && schema != BOURSE_SCHEMA_OAUTH_TOKEN)
    {
      g_autoptr(JsonNode) raw = _bourse_json_parse (body, -1, NULL);
      if (raw != NULL)
        {
          g_autoptr(GPtrArray) violations = bourse_schema_validate (schema, raw, BOURSE_SCHEMA_FLAGS_STRICT);
          g_ptr_array_extend_and_steal (r->violations, g_steal_pointer (&violations));
        }
    }

  if (root == NULL)
    {
      fail_result (r, "%s", error->message);
      if (bourse_broker_error_get_json_path (error) != NULL && r->violations->len == 0)
        {
          BourseSchemaViolation *v = g_new0 (BourseSchemaViolation, 1);
          v->path = g_strdup (bourse_broker_error_get_json_path (error));
          v->message = g_strdup (bourse_broker_error_get_expectation (error));
          g_ptr_array_add (r->violations, v);
        }
      return NULL;
    }
  if (r->violations->len > 0)
    r->passed = FALSE;
  return g_steal_pointer (&root);
}

static JsonNode *
payload (JsonNode *root)
{
  return _bourse_json_get_member (json_node_get_object (root), "d");
}

static char *
account_path (Check      *check,
              const char *suffix)
{
  g_autofree char *account = g_uri_escape_string (check->account_id, NULL, FALSE);
  return g_strdup_printf ("/accounts/%s/%s", account, suffix);
}

/* ---- authorization ---- */

static gboolean
check_authorization (Check      *check,
                     const char *login,
                     const char *password)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) denied = NULL;
  CheckResult *r = NULL;
  BourseParams *form;
  const char *token_a, *token_b;
  gint64 expiration = 0;

  form = bourse_params_new ();
  bourse_params_add (form, "login", login);
  bourse_params_add (form, "password", password);
  first = run_call (check, NULL, "POST", "/authorize", NULL, form, BOURSE_SCHEMA_AUTHORIZE, BOURSE_CALL_NONE, &r);
  if (first == NULL)
    return FALSE;
  token_a = _bourse_json_get_string (json_node_get_object (payload (first)), "access_token");
  if (_bourse_json_get_int64 (json_node_get_object (payload (first)), "expiration", &expiration) &&
      expiration <= g_get_real_time () / G_USEC_PER_SEC)
    fail_result (r, "expiration %" G_GINT64_FORMAT " is not in the future", expiration);

  form = bourse_params_new ();
  bourse_params_add (form, "login", login);
  bourse_params_add (form, "password", password);
  second = run_call (check, "/authorize (again: a new token)", "POST", "/authorize", NULL, form,
                     BOURSE_SCHEMA_AUTHORIZE, BOURSE_CALL_NONE, &r);
  if (second != NULL)
    {
      token_b = _bourse_json_get_string (json_node_get_object (payload (second)), "access_token");
      if (g_strcmp0 (token_a, token_b) == 0)
        fail_result (r, "each /authorize must return a new token");
      else
        r->detail = g_strdup ("a new, unique token");
    }
  bourse_broker_client_set_access_token (check->client, token_a);

  form = bourse_params_new ();
  bourse_params_add (form, "login", login);
  bourse_params_add (form, "password", "wrong-password-bourse-check");
  denied = run_call (check, "/authorize (wrong password is refused)", "POST", "/authorize", NULL, form,
                     BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, &r);
  if (denied != NULL)
    fail_result (r, "a wrong password was accepted");
  else if (r->violations->len == 0)
    {
      /* Refused, as it should be: either s:error or 401. */
      r->passed = TRUE;
      g_clear_pointer (&r->detail, g_free);
      r->detail = g_strdup ("refused");
    }

  denied = run_call (check, "/accounts (no token: 401)", "GET", "/accounts", NULL, NULL,
                     BOURSE_SCHEMA_ACCOUNTS, BOURSE_CALL_NONE, &r);
  g_clear_pointer (&r->detail, g_free);
  g_ptr_array_set_size (r->violations, 0);
  r->passed = r->status == 401;
  r->detail = r->passed ? g_strdup ("401 without a token")
                        : g_strdup_printf ("expected HTTP 401 without a token, got %u", r->status);
  return TRUE;
}

/* ---- read-only endpoints ---- */

static const char *
first_instrument (Check *check)
{
  if (check->instruments == NULL || json_array_get_length (json_node_get_array (check->instruments)) == 0)
    return NULL;
  return _bourse_json_get_string (json_array_get_object_element (json_node_get_array (check->instruments), 0), "name");
}

/* /config and /accounts: the account every other call is about. */
static gboolean
check_session_endpoints (Check *check)
{
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;

  root = run_call (check, NULL, "GET", "/config", NULL, NULL, BOURSE_SCHEMA_CONFIG,
                   BOURSE_CALL_AUTH, NULL);
  if (root != NULL)
    check->config = json_node_ref (payload (root));
  g_clear_pointer (&root, json_node_unref);

  root = run_call (check, NULL, "GET", "/accounts", NULL, NULL, BOURSE_SCHEMA_ACCOUNTS, BOURSE_CALL_AUTH, &r);
  if (root != NULL)
    {
      JsonArray *accounts = json_node_get_array (payload (root));
      if (json_array_get_length (accounts) == 0)
        fail_result (r, "no account");
      else if (check->account_id == NULL)
        check->account_id = _bourse_json_dup_id (json_array_get_object_element (accounts, 0), "id");
    }
  return check->account_id != NULL;
}

/* GET /accounts/{id}/@suffix, validated against @schema. */
static JsonNode *
account_call (Check         *check,
              const char    *suffix,
              BourseSchema   schema,
              BourseParams  *query,
              CheckResult  **result)
{
  g_autofree char *path = account_path (check, suffix);
  g_autofree char *name = g_strconcat ("/accounts/{id}/", suffix, NULL);

  return run_call (check, name, "GET", path, query, NULL, schema, BOURSE_CALL_AUTH, result);
}

static void
check_account_endpoints (Check *check)
{
  static const struct { const char *suffix; BourseSchema schema; } plain[] = {
    { "state", BOURSE_SCHEMA_ACCOUNT_STATE },
    { "orders", BOURSE_SCHEMA_ORDERS },
    { "ordersHistory", BOURSE_SCHEMA_ORDERS_HISTORY },
    { "positions", BOURSE_SCHEMA_POSITIONS },
  };
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;
  BourseParams *query;

  root = account_call (check, "instruments", BOURSE_SCHEMA_INSTRUMENTS, NULL, &r);
  if (root != NULL)
    {
      check->instruments = json_node_ref (payload (root));
      if (json_array_get_length (json_node_get_array (check->instruments)) == 0)
        fail_result (r, "no instrument");
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_clear_pointer (&root, json_node_unref);
      root = account_call (check, plain[i].suffix, plain[i].schema, NULL, &r);
    }
  query = bourse_params_new ();
  if (first_instrument (check) != NULL)
    bourse_params_add (query, "instrument", first_instrument (check));
  g_clear_pointer (&root, json_node_unref);
  root = account_call (check, "executions", BOURSE_SCHEMA_EXECUTIONS, query, &r);
}

/* /history for the last week of hourly bars: the last bar inside [from, to]. */
static void
check_history (Check      *check,
               const char *symbol,
               gint64      now)
{
  g_autoptr(JsonNode) root = NULL;
  BourseParams *query = bourse_params_new ();
  CheckResult *r = NULL;
  JsonArray *t;

  bourse_params_add (query, "symbol", symbol);
  bourse_params_add (query, "resolution", "60");
  bourse_params_add_int (query, "from", now - 7 * 86400);
  bourse_params_add_int (query, "to", now);
  root = run_call (check, NULL, "GET", "/history", query, NULL, BOURSE_SCHEMA_HISTORY, BOURSE_CALL_AUTH, &r);
  if (root == NULL)
    return;
  t = _bourse_json_get_array (json_node_get_object (root), "t");
  if (t != NULL && json_array_get_length (t) > 0)
    {
      gint64 last = json_array_get_int_element (t, json_array_get_length (t) - 1);

      if (last < now - 7 * 86400 || last > now)
        fail_result (r, "the last bar (%" G_GINT64_FORMAT ") is outside [from, to]", last);
      else
        {
          g_free (r->detail);
          r->detail = g_strdup_printf ("%u bars", json_array_get_length (t));
        }
    }
}

static void
check_market_endpoints (Check      *check,
                        const char *symbol)
{
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;
  BourseParams *query;

  query = bourse_params_new ();
  bourse_params_add (query, "accountId", check->account_id);
  bourse_params_add (query, "symbols", symbol);
  root = run_call (check, NULL, "GET", "/quotes", query, NULL, BOURSE_SCHEMA_QUOTES, BOURSE_CALL_AUTH, &r);
  if (root != NULL && json_array_get_length (json_node_get_array (payload (root))) == 0)
    fail_result (r, "no quote for %s", symbol);
  g_clear_pointer (&root, json_node_unref);

  query = bourse_params_new ();
  bourse_params_add (query, "accountId", check->account_id);
  bourse_params_add (query, "symbol", symbol);
  root = run_call (check, NULL, "GET", "/depth", query, NULL, BOURSE_SCHEMA_DEPTH, BOURSE_CALL_AUTH, &r);
  g_clear_pointer (&root, json_node_unref);

  check_history (check, symbol, g_get_real_time () / G_USEC_PER_SEC);
  root = run_call (check, NULL, "GET", "/symbol_info", NULL, NULL, BOURSE_SCHEMA_SYMBOL_INFO, BOURSE_CALL_AUTH, NULL);
}

/* /mapping without a token: every instrument should be mapped (a trading
 * autotest checks this). */
static void
check_mapping (Check *check)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) mapped = g_hash_table_new (g_str_hash, g_str_equal);
  CheckResult *r = NULL;
  JsonArray *symbols, *instruments;

  root = run_call (check, "/mapping (no token)", "GET", "/mapping", NULL, NULL, BOURSE_SCHEMA_MAPPING,
                   BOURSE_CALL_NONE, &r);
  if (root == NULL || check->instruments == NULL)
    return;
  symbols = _bourse_json_get_array (json_node_get_object (root), "symbols");
  instruments = json_node_get_array (check->instruments);
  for (guint i = 0; symbols != NULL && i < json_array_get_length (symbols); i++)
    {
      JsonArray *f = _bourse_json_get_array (json_array_get_object_element (symbols, i), "f");
      for (guint k = 0; f != NULL && k < json_array_get_length (f); k++)
        g_hash_table_add (mapped, (gpointer) json_array_get_string_element (f, k));
    }
  for (guint i = 0; i < json_array_get_length (instruments); i++)
    {
      const char *name = _bourse_json_get_string (json_array_get_object_element (instruments, i), "name");
      if (name != NULL && !g_hash_table_contains (mapped, name))
        fail_result (r, "instrument %s is not mapped", name);
    }
}

static void
check_read_endpoints (Check *check)
{
  const char *symbol;

  if (!check_session_endpoints (check))
    return;
  check_account_endpoints (check);
  symbol = first_instrument (check);
  if (symbol == NULL)
    return;
  check_market_endpoints (check, symbol);
  check_mapping (check);
}

/* ---- streams ---- */

typedef struct
{
  CheckResult  *result;
  BourseSchema  schema;
  guint         lines;
  guint         messages;
  guint         malformed;
  gboolean      first_checked;
  gboolean      expect_snapshot;
} StreamCheck;

static void
stream_message_cb (BourseStream *stream,
                   JsonNode     *node,
                   StreamCheck  *sc)
{
  g_autoptr(GPtrArray) violations = bourse_schema_validate (sc->schema, node, BOURSE_SCHEMA_FLAGS_STRICT);

  sc->lines++;
  sc->messages++;
  if (!sc->first_checked && sc->expect_snapshot)
    {
      gboolean is_state = sc->schema == BOURSE_SCHEMA_STREAM_STATE;
      gboolean ok = is_state ? JSON_NODE_HOLDS_OBJECT (node) &&
                               _bourse_json_get_member (json_node_get_object (node), "balance") != NULL
                             : JSON_NODE_HOLDS_ARRAY (node);
      if (!ok)
        fail_result (sc->result, "the first message must be the snapshot (%s)", is_state ? "an AccountState" : "an array");
    }
  sc->first_checked = TRUE;
  for (guint i = 0; i < violations->len && sc->result->violations->len < 20; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      BourseSchemaViolation *copy = g_new0 (BourseSchemaViolation, 1);

      copy->path = g_strdup_printf ("line %u: %s", sc->lines, v->path);
      copy->message = g_strdup (v->message);
      g_ptr_array_add (sc->result->violations, copy);
    }
  if (violations->len > 0)
    sc->result->passed = FALSE;
}

static void
stream_malformed_cb (BourseStream *stream,
                     const char   *line,
                     const GError *error,
                     StreamCheck  *sc)
{
  const char *path = bourse_broker_error_get_json_path (error);
  const char *expectation = bourse_broker_error_get_expectation (error);

  sc->lines++;
  sc->malformed++;
  sc->result->passed = FALSE;
  if (sc->result->violations->len < 20)
    {
      BourseSchemaViolation *v = g_new0 (BourseSchemaViolation, 1);

      v->path = g_strdup_printf ("line %u: %s", sc->lines, path != NULL ? path : "$");
      v->message = g_strdup (expectation != NULL ? expectation : error->message);
      g_ptr_array_add (sc->result->violations, v);
    }
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;
  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static void
check_stream (Check        *check,
              const char   *label,
              const char   *path,
              BourseSchema  schema,
              gboolean      expect_snapshot,
              double        seconds)
{
  g_autofree char *name = g_strdup_printf ("GET %s (stream, %.0f s)", label, seconds);
  g_autoptr(BourseStream) stream = bourse_stream_new (check->client, path, schema);
  StreamCheck sc = { add_result (check, name), schema, 0, 0, FALSE, expect_snapshot };
  gboolean done = FALSE;
  guint timeout_id;
  gint64 start = g_get_monotonic_time ();
  gint64 connected_at = 0;

  bourse_stream_set_backoff (stream, 200, 1000);
  g_signal_connect (stream, "message", G_CALLBACK (stream_message_cb), &sc);
  g_signal_connect (stream, "malformed-line", G_CALLBACK (stream_malformed_cb), &sc);
  bourse_stream_start (stream);
  /* The timer points at `done` on this frame: it must never outlive it. Once
   * removed it cannot fire; a stream that failed early ends the check early. */
  timeout_id = g_timeout_add ((guint) (seconds * 1000), timeout_flag_cb, &done);
  while (!done && bourse_stream_get_state (stream) != BOURSE_CONNECTION_STATE_FAILED)
    {
      g_main_context_iteration (NULL, TRUE);
      if (connected_at == 0 && bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_LIVE)
        connected_at = g_get_monotonic_time ();
    }
  if (!done)
    g_source_remove (timeout_id);

  sc.result->latency_ms = connected_at > 0 ? (connected_at - start) / 1000.0 : 0;
  sc.result->status = connected_at > 0 ? 200 : 0;
  if (bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_FAILED || connected_at == 0)
    fail_result (sc.result, "could not open the stream: %s",
                 bourse_stream_get_last_error (stream) ? bourse_stream_get_last_error (stream)->message : "no answer");
  else if (sc.messages == 0)
    fail_result (sc.result, "no message in %.0f s", seconds);
  else if (bourse_stream_get_connect_count (stream) > 1)
    fail_result (sc.result, "the server closed the stream (%u connections)", bourse_stream_get_connect_count (stream));
  if (sc.result->passed)
    sc.result->detail = g_strdup_printf ("%u messages", sc.messages);
  g_signal_handlers_disconnect_by_data (stream, &sc);
  bourse_stream_stop (stream);
}

static void
check_streams (Check *check)
{
  static const struct { const char *name; BourseSchema schema; } entity_streams[] = {
    { "orders", BOURSE_SCHEMA_STREAM_ORDERS },
    { "positions", BOURSE_SCHEMA_STREAM_POSITIONS },
    { "executions", BOURSE_SCHEMA_STREAM_EXECUTIONS },
    { "state", BOURSE_SCHEMA_STREAM_STATE },
  };
  JsonObject *streaming = NULL;
  gboolean offered;
  g_autofree char *price_path = NULL;
  const char *symbol = first_instrument (check);

  if (check->config != NULL && JSON_NODE_HOLDS_OBJECT (check->config))
    streaming = _bourse_json_get_object (json_node_get_object (check->config), "streaming");

  /* The spec's price stream has no subscription: read it whole. */
  price_path = g_strdup ("/streaming");
  check_stream (check, "/streaming", price_path, BOURSE_SCHEMA_STREAM_PRICES, FALSE, check->stream_seconds);
  (void) symbol;

  for (guint i = 0; check->account_id != NULL && i < G_N_ELEMENTS (entity_streams); i++)
    {
      g_autofree char *label = g_strdup_printf ("/accounts/{id}/stream/%s", entity_streams[i].name);
      g_autofree char *suffix = g_strdup_printf ("stream/%s", entity_streams[i].name);
      g_autofree char *path = account_path (check, suffix);

      offered = FALSE;
      if (streaming == NULL || !_bourse_json_get_boolean (streaming, entity_streams[i].name, &offered) || !offered)
        continue;
      check_stream (check, label, path, entity_streams[i].schema, TRUE, MIN (check->stream_seconds, 2.0));
    }
}

/* ---- trading ---- */

static JsonObject *
find_instrument (Check      *check,
                 const char *symbol)
{
  JsonArray *instruments = check->instruments != NULL ? json_node_get_array (check->instruments) : NULL;

  for (guint i = 0; instruments != NULL && i < json_array_get_length (instruments); i++)
    {
      JsonObject *o = json_array_get_object_element (instruments, i);
      if (g_strcmp0 (_bourse_json_get_string (o, "name"), symbol) == 0)
        return o;
    }
  return NULL;
}

static JsonObject *
find_by (JsonNode   *root,
         const char *member,
         const char *value)
{
  JsonArray *array = json_node_get_array (payload (root));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *id = _bourse_json_dup_id (o, member);
      if (g_strcmp0 (id, value) == 0)
        return o;
    }
  return NULL;
}

static char *
place (Check       *check,
       const char  *label,
       const char  *request_id,
       BourseParams *form,
       CheckResult **r)
{
  g_autofree char *path = account_path (check, "orders");
  BourseParams *query = bourse_params_new ();
  g_autoptr(JsonNode) root = NULL;

  bourse_params_add (query, "requestId", request_id);
  root = run_call (check, label, "POST", path, query, form, BOURSE_SCHEMA_PLACE_ORDER, BOURSE_CALL_AUTH, r);
  return root != NULL ? _bourse_json_dup_id (json_node_get_object (payload (root)), "orderId") : NULL;
}

static BourseParams *
order_form (const char *symbol,
            const char *side,
            const char *type,
            double      qty,
            double      limit_price)
{
  BourseParams *form = bourse_params_new ();

  bourse_params_add (form, "instrument", symbol);
  bourse_params_add (form, "side", side);
  bourse_params_add (form, "type", type);
  bourse_params_add_number (form, "qty", qty);
  if (limit_price > 0)
    bourse_params_add_number (form, "limitPrice", limit_price);
  return form;
}

/* GET one order; returns its status (transfer full) */
static char *
order_status (Check       *check,
              const char  *label,
              const char  *order_id,
              CheckResult **r)
{
  g_autofree char *suffix = g_strdup_printf ("orders/%s", order_id);
  g_autofree char *path = account_path (check, suffix);
  g_autoptr(JsonNode) root = run_call (check, label, "GET", path, NULL, NULL, BOURSE_SCHEMA_ORDER, BOURSE_CALL_AUTH, r);

  return root != NULL ? g_strdup (_bourse_json_get_string (json_node_get_object (payload (root)), "status")) : NULL;
}

/* The bid of @symbol, through /quotes; 0 when there is none. */
static double
trade_bid (Check       *check,
           const char  *symbol,
           CheckResult **r)
{
  g_autoptr(JsonNode) root = NULL;
  BourseParams *query = bourse_params_new ();
  double bid = 0;

  bourse_params_add (query, "accountId", check->account_id);
  bourse_params_add (query, "symbols", symbol);
  root = run_call (check, "/quotes (for the trade)", "GET", "/quotes", query, NULL, BOURSE_SCHEMA_QUOTES, BOURSE_CALL_AUTH, r);
  if (root != NULL && json_array_get_length (json_node_get_array (payload (root))) > 0)
    {
      JsonObject *v = _bourse_json_get_object (json_array_get_object_element (json_node_get_array (payload (root)), 0), "v");
      _bourse_json_get_number (v, "bid", &bid);
    }
  return bid;
}

/* A limit buy far under the bid: placed once for one requestId, working,
 * modified, cancelled. FALSE when it could not even be placed. */
static gboolean
check_limit_order_cycle (Check      *check,
                         const char *symbol,
                         double      qty,
                         double      bid,
                         double      min_tick)
{
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *order_id = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *path = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;
  BourseParams *form;
  /* A buy limit 10 % under the bid never fills during the check. */
  double price = bourse_round_to_tick (bid * 0.9, min_tick);

  order_id = place (check, "/accounts/{id}/orders (limit buy)", request_id,
                    order_form (symbol, "buy", "limit", qty, price), &r);
  if (order_id == NULL)
    return FALSE;
  r->detail = g_strdup_printf ("order %s", order_id);

  again_id = place (check, "/accounts/{id}/orders (same requestId again)", request_id,
                    order_form (symbol, "buy", "limit", qty, price), &r);
  if (again_id != NULL && g_strcmp0 (again_id, order_id) != 0)
    fail_result (r, "a repeated requestId placed a second order (%s, then %s)", order_id, again_id);
  else if (again_id != NULL)
    r->detail = g_strdup ("one order for one requestId");

  status = order_status (check, "/accounts/{id}/orders/{orderId} (working)", order_id, &r);
  if (status != NULL && !g_str_equal (status, "working"))
    fail_result (r, "expected status working, got %s", status);
  g_clear_pointer (&status, g_free);

  suffix = g_strdup_printf ("orders/%s", order_id);
  path = account_path (check, suffix);
  form = bourse_params_new ();
  bourse_params_add_number (form, "qty", qty);
  bourse_params_add_number (form, "limitPrice", bourse_round_to_tick (bid * 0.89, min_tick));
  root = run_call (check, "/accounts/{id}/orders/{orderId} (modify)", "PUT", path, NULL, form,
                   BOURSE_SCHEMA_ACTION, BOURSE_CALL_AUTH, &r);
  g_clear_pointer (&root, json_node_unref);

  root = run_call (check, "/accounts/{id}/orders/{orderId} (cancel)", "DELETE", path, NULL, NULL,
                   BOURSE_SCHEMA_ACTION, BOURSE_CALL_AUTH, &r);
  g_clear_pointer (&root, json_node_unref);
  status = order_status (check, "/accounts/{id}/orders/{orderId} (cancelled)", order_id, &r);
  if (status != NULL && !g_str_equal (status, "cancelled"))
    fail_result (r, "expected status cancelled, got %s", status);
  return TRUE;
}

/* The id of the open position in @symbol, as /positions lists it. */
static char *
opened_position (Check      *check,
                 const char *symbol)
{
  g_autofree char *path = account_path (check, "positions");
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;
  JsonObject *position;

  root = run_call (check, "/accounts/{id}/positions (opened)", "GET", path, NULL, NULL,
                   BOURSE_SCHEMA_POSITIONS, BOURSE_CALL_AUTH, &r);
  if (root == NULL)
    return NULL;
  position = find_by (root, "instrument", symbol);
  if (position == NULL)
    {
      fail_result (r, "no position in %s after a filled market order", symbol);
      return NULL;
    }
  return _bourse_json_dup_id (position, "id");
}

/* Open a position with a market order, close part of it, then the rest. */
static void
check_position_cycle (Check      *check,
                      const char *symbol,
                      double      qty)
{
  gboolean partial_close = bourse_account_flags_lookup (check->config, "supportPartialClosePosition");
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *order_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *position_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *positions = NULL;
  g_autoptr(JsonNode) root = NULL;
  CheckResult *r = NULL;

  order_id = place (check, "/accounts/{id}/orders (market buy)", request_id,
                    order_form (symbol, "buy", "market", partial_close ? 2 * qty : qty, 0), &r);
  if (order_id == NULL)
    return;
  status = order_status (check, "/accounts/{id}/orders/{orderId} (filled)", order_id, &r);
  if (status != NULL && !g_str_equal (status, "filled"))
    fail_result (r, "expected the market order filled, got %s", status);

  position_id = opened_position (check, symbol);
  if (position_id == NULL)
    return;
  suffix = g_strdup_printf ("positions/%s", position_id);
  path = account_path (check, suffix);
  if (partial_close)
    {
      BourseParams *form = bourse_params_new ();

      bourse_params_add_number (form, "amount", qty);
      root = run_call (check, "/accounts/{id}/positions/{id} (partial close)", "DELETE", path, NULL, form,
                       BOURSE_SCHEMA_ACTION, BOURSE_CALL_AUTH, &r);
      g_clear_pointer (&root, json_node_unref);
    }
  root = run_call (check, "/accounts/{id}/positions/{id} (close)", "DELETE", path, NULL, NULL,
                   BOURSE_SCHEMA_ACTION, BOURSE_CALL_AUTH, &r);
  g_clear_pointer (&root, json_node_unref);

  positions = account_path (check, "positions");
  root = run_call (check, "/accounts/{id}/positions (closed)", "GET", positions, NULL, NULL,
                   BOURSE_SCHEMA_POSITIONS, BOURSE_CALL_AUTH, &r);
  if (root != NULL && find_by (root, "id", position_id) != NULL)
    fail_result (r, "position %s is still open after closing it", position_id);
}

static void
check_trading (Check      *check,
               const char *symbol)
{
  JsonObject *instrument = find_instrument (check, symbol);
  CheckResult *r = NULL;
  double min_tick = 0, min_qty = 1, qty_step = 1, bid, qty;

  r = add_result (check, "trade: instrument");
  if (instrument == NULL)
    {
      fail_result (r, "no instrument %s for account %s", symbol, check->account_id);
      return;
    }
  g_free (r->name);
  r->name = g_strdup_printf ("trade: %s is tradable", symbol);
  _bourse_json_get_number (instrument, "minTick", &min_tick);
  _bourse_json_get_number (instrument, "minQty", &min_qty);
  _bourse_json_get_number (instrument, "qtyStep", &qty_step);
  qty = MAX (min_qty, qty_step);

  bid = trade_bid (check, symbol, &r);
  if (!(bid > 0))
    {
      fail_result (r, "no bid for %s: cannot price a limit order", symbol);
      return;
    }
  if (check_limit_order_cycle (check, symbol, qty, bid, min_tick))
    check_position_cycle (check, symbol, qty);
}

/* ---- output ---- */

static void
print_text (Check *check)
{
  guint passed = 0;

  for (guint i = 0; i < check->results->len; i++)
    {
      CheckResult *r = g_ptr_array_index (check->results, i);

      passed += r->passed;
      printf ("%-4s  %-58s %8.1f ms  %s\n", r->passed ? "PASS" : "FAIL", r->name, r->latency_ms,
              r->detail != NULL ? r->detail : "");
      for (guint k = 0; k < r->violations->len; k++)
        {
          BourseSchemaViolation *v = g_ptr_array_index (r->violations, k);
          printf ("        %s: %s\n", v->path, v->message);
        }
    }
  printf ("\n%u of %u checks passed\n", passed, check->results->len);
}

static void
print_json (Check      *check,
            const char *url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gboolean all = TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < check->results->len; i++)
    {
      CheckResult *r = g_ptr_array_index (check->results, i);

      all &= r->passed;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, r->name);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, r->passed ? "pass" : "fail");
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, r->status);
      json_builder_set_member_name (builder, "latency_ms");
      json_builder_add_double_value (builder, round (r->latency_ms * 100) / 100);
      if (r->detail != NULL)
        {
          json_builder_set_member_name (builder, "detail");
          json_builder_add_string_value (builder, r->detail);
        }
      json_builder_set_member_name (builder, "violations");
      json_builder_begin_array (builder);
      for (guint k = 0; k < r->violations->len; k++)
        {
          BourseSchemaViolation *v = g_ptr_array_index (r->violations, k);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, v->path);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, v->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_boolean_value (builder, all);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = _bourse_json_to_string (root);
  printf ("%s\n", text);
}

int
bourse_cli_check (int    argc,
                  char **argv)
{
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;
  g_autofree char *trade = NULL;
  g_autofree char *account = NULL;
  gboolean json = FALSE;
  double stream_seconds = 3;
  const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, "Login for /authorize", "LOGIN" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password for /authorize", "PASSWORD" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "Account to check (default: the first)", "ID" },
    { "trade", 0, 0, G_OPTION_ARG_STRING, &trade, "Also place, modify and cancel orders and open and close a position in SYMBOL", "SYMBOL" },
    { "stream-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &stream_seconds, "How long to read each stream (default 3)", "SECONDS" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the results as JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("URL — check a broker server against the REST API for Brokers");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBrokerClient) client = NULL;
  Check check = { 0 };
  gboolean all = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli check: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || login == NULL || password == NULL)
    {
      fprintf (stderr, "Usage: bourse-cli check URL --login L --password P [--trade SYMBOL] [--json]\n");
      return 2;
    }
  if (!g_uri_is_valid (argv[1], G_URI_FLAGS_NONE, &error))
    {
      fprintf (stderr, "bourse-cli check: not a URL: %s\n", error->message);
      return 2;
    }

  client = bourse_broker_client_new (argv[1]);
  bourse_broker_client_set_password_credentials (client, login, password);
  bourse_broker_client_set_max_retries (client, 0);  /* a conformance check reports, it does not paper over */
  check.client = client;
  check.results = g_ptr_array_new_with_free_func ((GDestroyNotify) check_result_free);
  check.account_id = g_strdup (account);
  check.stream_seconds = CLAMP (stream_seconds, 0.5, 60);
  check.json = json;
  g_signal_connect (client, "exchange-finished", G_CALLBACK (exchange_finished_cb), &check);

  if (check_authorization (&check, login, password))
    {
      check_read_endpoints (&check);
      check_streams (&check);
      if (trade != NULL && check.account_id != NULL)
        check_trading (&check, trade);
    }

  if (json)
    print_json (&check, argv[1]);
  else
    print_text (&check);

  for (guint i = 0; i < check.results->len; i++)
    all &= ((CheckResult *) g_ptr_array_index (check.results, i))->passed;

  g_signal_handlers_disconnect_by_data (client, &check);
  g_clear_object (&check.last_exchange);
  g_clear_pointer (&check.results, g_ptr_array_unref);
  g_clear_pointer (&check.config, json_node_unref);
  g_clear_pointer (&check.instruments, json_node_unref);
  g_free (check.account_id);
  return all ? 0 : 1;
}
