/* test-demo-broker.c — the demo broker's HTTP API over loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts a broker in its own thread on a kernel-chosen port and
 * talks to it with libsoup, like any client would.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bourse-demo-broker.h"
#include "bourse-server-error.h"
#include "broker-test-client.h"

typedef struct
{
  BourseDemoBroker *broker;
  TestClient       *client;
  char             *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->broker = bourse_demo_broker_new (7, NULL);
  g_assert_true (bourse_demo_broker_start_in_thread (fixture->broker, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (bourse_demo_broker_get_uri (fixture->broker), "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (bourse_demo_broker_get_uri (fixture->broker), "/"));

  fixture->client = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
  test_client_login (fixture->client, "demo", "demo");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_client_free (fixture->client);
  bourse_demo_broker_stop (fixture->broker);
  g_assert_finalize_object (fixture->broker);
}

static void
set_fault (Fixture    *fixture,
           const char *name,
           const char *value)
{
  g_autoptr(TestClient) anonymous = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
  g_autoptr(JsonNode) d = test_client_ok (anonymous, "POST", "/_faults", name, value, NULL);

  g_assert_cmpfloat (test_member_double (d, name), ==, g_ascii_strtod (value, NULL));
}

static guint
array_length (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_get_length (json_node_get_array (node));
}

/* ------------------------------------------------------------------ auth */

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TestClient) anonymous = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
  g_autoptr(TestClient) second = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) d = NULL;
  g_autofree char *errmsg = NULL;
  const char *protected[] = { "/config", "/accounts", "/accounts/D1/orders", "/quotes?symbols=EURUSD",
                              "/history?symbol=EURUSD&resolution=1&from=0&to=1", "/symbol_info", "/streaming" };
  guint status;

  /* no token: 401 with the error envelope, on data endpoints too */
  for (guint i = 0; i < G_N_ELEMENTS (protected); i++)
    {
      g_autoptr(JsonNode) denied = test_client_request (anonymous, "GET", protected[i], &status, NULL);

      g_assert_cmpuint (status, ==, 401);
      g_assert_cmpstr (test_member_string (denied, "s"), ==, "error");
      g_assert_nonnull (strstr (test_member_string (denied, "errmsg"), "Authorization"));
    }

  anonymous->token = g_strdup ("made-up");
  answer = test_client_request (anonymous, "GET", "/accounts", &status, NULL);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  errmsg = test_client_error (anonymous, "POST", "/authorize", "login", "demo", "password", "wrong", NULL);
  g_assert_cmpstr (errmsg, ==, "Invalid login or password");
  g_clear_pointer (&errmsg, g_free);
  errmsg = test_client_error (anonymous, "POST", "/authorize", "login", "demo", NULL);
  g_assert_nonnull (strstr (errmsg, "Missing field"));

  /* every login gets a new token, expiring in the future */
  d = test_client_ok (second, "POST", "/authorize", "login", "demo", "password", "demo", NULL);
  g_assert_cmpstr (test_member_string (d, "access_token"), !=, fixture->client->token);
  g_assert_cmpfloat (test_member_double (d, "expiration"), >, g_get_real_time () / G_USEC_PER_SEC);

  /* /mapping is public */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (anonymous, "GET", "/mapping", &status, NULL);
  g_assert_cmpuint (status, ==, 200);

  /* logout revokes only that token */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (fixture->client, "POST", "/logout", NULL);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (fixture->client, "GET", "/accounts", &status, NULL);
  g_assert_cmpuint (status, ==, 401);
  second->token = g_strdup (test_member_string (d, "access_token"));
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (second, "GET", "/accounts", NULL);
}

static void
test_cors_and_routing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (bourse_demo_broker_get_uri (fixture->broker), "/config", NULL);
  g_autoptr(SoupMessage) preflight = soup_message_new ("OPTIONS", uri);
  g_autoptr(SoupMessage) get = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) doubled = NULL;
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (preflight), "Origin", "https://www.tradingview.com");
  body = soup_session_send_and_read (fixture->client->session, preflight, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (preflight), ==, 204);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (preflight),
                                                 "Access-Control-Allow-Origin"), ==, "https://www.tradingview.com");
  g_clear_pointer (&body, g_bytes_unref);
  /* even a 401 carries the CORS header */
  body = soup_session_send_and_read (fixture->client->session, get, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (get), ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (get),
                                                 "Access-Control-Allow-Origin"), ==, "*");

  missing = test_client_request (fixture->client, "GET", "/nothing/here", &status, NULL);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (test_member_string (missing, "s"), ==, "error");
  /* a base URL with a trailing slash still works */
  doubled = test_client_ok (fixture->client, "GET", "//config", NULL);

  /* a path that does not decode to UTF-8 is refused, not guessed at */
  {
    g_autoptr(JsonNode) malformed = test_client_request (fixture->client, "GET", "/accounts/%C3%28/orders", &status, NULL);

    g_assert_cmpuint (status, ==, 400);
    g_assert_cmpstr (test_member_string (malformed, "errmsg"), ==, "Malformed request path");
  }
}

static void
test_oauth (Fixture       *fixture,
            gconstpointer  data)
{
  const char *base = bourse_demo_broker_get_uri (fixture->broker);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *authorize = g_strconcat (base, "/oauth/authorize?response_type=code&client_id=bourse"
                                            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=xyz"
                                            "&login=trader&password=trader", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", authorize);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(TestClient) oauth = test_client_new (base);
  g_autoptr(TestClient) old_client = test_client_new (base);
  g_autoptr(JsonNode) tokens = NULL;
  g_autoptr(JsonNode) refreshed = NULL;
  g_autoptr(JsonNode) accounts = NULL;
  g_autoptr(JsonNode) reused = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  location = g_uri_parse (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"),
                          G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (location);
  g_assert_cmpstr (g_uri_get_path (location), ==, "/cb");
  params = soup_form_decode (g_uri_get_query (location));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "xyz");
  g_assert_nonnull (g_hash_table_lookup (params, "code"));

  /* wrong secret, then the code exchange (bare answer, no envelope) */
  answer = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "authorization_code",
                                "code", g_hash_table_lookup (params, "code"), "client_id", "bourse",
                                "client_secret", "nope", "redirect_uri", "http://127.0.0.1:1/cb", NULL);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (test_member_string (answer, "error"), ==, "invalid_client");
  tokens = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "authorization_code",
                                "code", g_hash_table_lookup (params, "code"), "client_id", "bourse",
                                "client_secret", "demo-secret", "redirect_uri", "http://127.0.0.1:1/cb", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (test_member_string (tokens, "token_type"), ==, "bearer");
  g_assert_cmpfloat (test_member_double (tokens, "expires_in"), >, 0);

  /* codes are single use */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "authorization_code",
                                "code", g_hash_table_lookup (params, "code"), "client_id", "bourse",
                                "client_secret", "demo-secret", "redirect_uri", "http://127.0.0.1:1/cb", NULL);
  g_assert_cmpuint (status, ==, 400);

  oauth->token = g_strdup (test_member_string (tokens, "access_token"));
  accounts = test_client_ok (oauth, "GET", "/accounts", NULL);
  g_assert_cmpuint (array_length (accounts), ==, 1);
  g_assert_cmpstr (test_member_string (json_array_get_element (json_node_get_array (accounts), 0), "id"), ==, "T1");

  refreshed = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "refresh_token",
                                   "refresh_token", test_member_string (tokens, "refresh_token"),
                                   "client_secret", "demo-secret", NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (test_member_string (refreshed, "access_token"), !=, oauth->token);

  /* the old token still works until the new one is used */
  old_client->token = g_strdup (oauth->token);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (old_client, "GET", "/accounts", NULL);
  g_free (oauth->token);
  oauth->token = g_strdup (test_member_string (refreshed, "access_token"));
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (oauth, "GET", "/accounts", NULL);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (old_client, "GET", "/accounts", &status, NULL);
  g_assert_cmpuint (status, ==, 401);

  /* a used refresh token is spent */
  reused = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "refresh_token",
                                "refresh_token", test_member_string (tokens, "refresh_token"),
                                "client_secret", "demo-secret", NULL);
  g_assert_cmpuint (status, ==, 400);

  /* the normal case: the access token expired, the refresh token still works */
  set_fault (fixture, "token-ttl", "1");
  g_usleep (1100 * 1000);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (oauth, "GET", "/accounts", &status, NULL);
  g_assert_cmpuint (status, ==, 401);
  {
    g_autoptr(JsonNode) late = test_client_request (oauth, "POST", "/oauth/token", &status, "grant_type", "refresh_token",
                                                    "refresh_token", test_member_string (refreshed, "refresh_token"),
                                                    "client_secret", "demo-secret", NULL);

    g_assert_cmpuint (status, ==, 200);
    g_free (oauth->token);
    oauth->token = g_strdup (test_member_string (late, "access_token"));
    g_clear_pointer (&answer, json_node_unref);
    answer = test_client_ok (oauth, "GET", "/accounts", NULL);
  }
}

/* --------------------------------------------------------- configuration */

static void
test_config_and_accounts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) config = test_client_ok (fixture->client, "GET", "/config", NULL);
  g_autoptr(JsonNode) accounts = test_client_ok (fixture->client, "GET", "/accounts", NULL);
  g_autoptr(JsonNode) state = test_client_ok (fixture->client, "GET", "/accounts/D2/state", NULL);
  g_autofree char *foreign = test_client_error (fixture->client, "GET", "/accounts/T1/orders", NULL);
  JsonObject *c = json_node_get_object (config);
  JsonArray *tables = json_object_get_array_member (c, "accountManager");
  JsonArray *am_data = json_object_get_array_member (json_node_get_object (state), "amData");
  JsonArray *summary = json_object_get_array_member (c, "accountSummaryRow");
  JsonObject *streaming = json_object_get_object_member (c, "streaming");
  JsonArray *durations = json_object_get_array_member (c, "durations");
  JsonNode *d2;

  /* amData has the shape of the accountManager tables, column for column */
  g_assert_cmpuint (json_array_get_length (am_data), ==, json_array_get_length (tables));
  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonArray *columns = json_object_get_array_member (json_array_get_object_element (tables, t), "columns");
      JsonArray *rows = json_array_get_array_element (am_data, t);

      g_assert_cmpuint (json_array_get_length (rows), >=, 1);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        g_assert_cmpuint (json_array_get_length (json_array_get_array_element (rows, r)), ==,
                          json_array_get_length (columns));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (state),
                                                                         "accountSummaryRowData")), ==,
                    json_array_get_length (summary));
  g_assert_cmpfloat (test_member_double (state, "balance"), ==, 25000);
  g_assert_cmpfloat (test_member_double (state, "equity"), ==, 25000);

  g_assert_true (json_object_get_boolean_member (streaming, "prices"));
  g_assert_true (json_object_get_boolean_member (streaming, "orders"));
  g_assert_true (json_object_get_boolean_member (c, "supportOrdersHistory"));
  g_assert_cmpuint (json_array_get_length (durations), ==, 3);
  g_assert_true (json_object_has_member (json_object_get_object_member (c, "pullingInterval"), "orders"));

  g_assert_cmpuint (array_length (accounts), ==, 2);
  d2 = test_find_by_id (accounts, "D2");
  g_assert_nonnull (d2);
  g_assert_cmpstr (test_member_string (d2, "currency"), ==, "EUR");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (d2), "config"),
                                                 "supportPartialClosePosition"));
  g_assert_cmpstr (foreign, ==, "Unknown account 'T1'");
}

static void
test_instruments_and_market_data (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(JsonNode) usd = test_client_ok (fixture->client, "GET", "/accounts/D1/instruments", NULL);
  g_autoptr(JsonNode) eur = test_client_ok (fixture->client, "GET", "/accounts/D2/instruments", NULL);
  g_autoptr(JsonNode) quotes = test_client_ok (fixture->client, "GET", "/quotes?symbols=EURUSD,ESZ6,NOPE", NULL);
  g_autoptr(JsonNode) depth = test_client_ok (fixture->client, "GET", "/depth?symbol=ESZ6", NULL);
  g_autoptr(JsonNode) mapping = NULL;
  g_autoptr(JsonNode) symbol_info = NULL;
  g_autofree char *no_symbol = test_client_error (fixture->client, "GET", "/depth?symbol=NOPE", NULL);
  JsonArray *q = json_node_get_array (quotes);
  JsonNode *es;
  JsonObject *v;
  JsonArray *asks, *bids;
  const char *types[] = { "forex", "crypto", "stock", "futures" };
  guint status;

  g_assert_cmpuint (array_length (usd), >=, 8);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < array_length (usd); i++)
        found |= g_str_equal (test_member_string (json_array_get_element (json_node_get_array (usd), i), "type"), types[t]);
      g_assert_true (found);
    }
  for (guint i = 0; i < array_length (usd); i++)
    {
      JsonNode *a = json_array_get_element (json_node_get_array (usd), i);
      JsonNode *b = json_array_get_element (json_node_get_array (eur), i);

      g_assert_cmpfloat (test_member_double (a, "minTick"), >, 0);
      g_assert_cmpfloat (test_member_double (a, "qtyStep"), >, 0);
      g_assert_cmpfloat (test_member_double (a, "minQty"), <=, test_member_double (a, "maxQty"));
      /* pip values are in the account's currency: EUR ones are smaller than USD ones */
      g_assert_cmpfloat (test_member_double (b, "pipValue"), <, test_member_double (a, "pipValue"));
      if (g_str_equal (test_member_string (a, "name"), "ESZ6"))
        {
          g_assert_cmpfloat (test_member_double (a, "minTick"), ==, 0.25);
          g_assert_cmpfloat (test_member_double (a, "pipValue"), ==, 12.5);
        }
    }

  g_assert_cmpuint (json_array_get_length (q), ==, 3);
  g_assert_cmpstr (test_member_string (json_array_get_element (q, 2), "s"), ==, "error");
  es = json_array_get_element (q, 1);
  g_assert_cmpstr (test_member_string (es, "n"), ==, "ESZ6");
  v = json_object_get_object_member (json_node_get_object (es), "v");
  g_assert_cmpfloat (json_object_get_double_member (v, "bid"), <=, json_object_get_double_member (v, "lp"));
  g_assert_cmpfloat (json_object_get_double_member (v, "ask"), >=, json_object_get_double_member (v, "lp"));
  g_assert_cmpfloat (json_object_get_double_member (v, "high_price"), >=, json_object_get_double_member (v, "low_price"));
  g_assert_true (json_object_has_member (v, "chp"));
  g_assert_true (json_object_has_member (v, "volume"));
  /* the day's change is coherent: ch = lp − prev_close_price on the tick grid,
   * chp that ch in percent of the previous close, to two decimals */
  {
    double lp = json_object_get_double_member (v, "lp");
    double prev = json_object_get_double_member (v, "prev_close_price");
    double ch = json_object_get_double_member (v, "ch");

    g_assert_cmpfloat (prev, >, 0);
    g_assert_cmpfloat_with_epsilon (ch, lp - prev, 1e-9);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (v, "chp"), round (ch / prev * 1e4) / 100, 1e-9);
  }

  /* depth: ten levels each side, ascending (spec 1.3.27), the touch equal to a quote of this tick */
  asks = json_object_get_array_member (json_node_get_object (depth), "asks");
  bids = json_object_get_array_member (json_node_get_object (depth), "bids");
  g_assert_cmpuint (json_array_get_length (asks), ==, 10);
  g_assert_cmpuint (json_array_get_length (bids), ==, 10);
  for (guint i = 1; i < 10; i++)
    {
      g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (asks, i), 0), >,
                         json_array_get_double_element (json_array_get_array_element (asks, i - 1), 0));
      g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (bids, i), 0), >,
                         json_array_get_double_element (json_array_get_array_element (bids, i - 1), 0));
    }
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (bids, 9), 0), <,
                     json_array_get_double_element (json_array_get_array_element (asks, 0), 0));
  g_assert_nonnull (strstr (no_symbol, "Unknown symbol"));

  /* with accountId, quotes carry current pip values in that account's currency */
  {
    g_autoptr(JsonNode) jpy = test_client_ok (fixture->client, "GET", "/quotes?symbols=USDJPY&accountId=D2", NULL);
    JsonObject *jv = json_object_get_object_member (json_array_get_object_element (json_node_get_array (jpy), 0), "v");
    double expected = 0;

    for (guint i = 0; i < array_length (eur); i++)
      {
        JsonNode *instrument = json_array_get_element (json_node_get_array (eur), i);

        if (g_str_equal (test_member_string (instrument, "name"), "USDJPY"))
          expected = test_member_double (instrument, "pipValue");
      }
    g_assert_cmpfloat (expected, >, 0);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (jv, "buyPipValue"), expected, expected * 0.01);
    g_assert_cmpfloat (json_object_get_double_member (jv, "sellPipValue"), ==,
                       json_object_get_double_member (jv, "buyPipValue"));
  }

  mapping = test_client_request (fixture->client, "GET", "/mapping", &status, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (mapping), "symbols")),
                    ==, array_length (usd));
  symbol_info = test_client_request (fixture->client, "GET", "/symbol_info", &status, NULL);
  g_assert_cmpstr (test_member_string (symbol_info, "s"), ==, "ok");
  {
    const char *columns[] = { "symbol", "description", "currency", "exchange-listed", "exchange-traded",
                              "minmovement", "pricescale", "type" };
    JsonObject *info = json_node_get_object (symbol_info);

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, columns[i])), ==, array_length (usd));
    g_assert_cmpstr (json_object_get_string_member (info, "session-regular"), ==, "24x7");
  }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  const char *resolutions[] = { "1", "5", "15", "60", "1D", "1W" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *bad_resolution = test_client_error (fixture->client, "GET",
                                                       "/history?symbol=EURUSD&resolution=1M&from=0&to=1", NULL);
  g_autofree char *bad_from = test_client_error (fixture->client, "GET",
                                                 "/history?symbol=EURUSD&resolution=1&from=x&to=1", NULL);
  g_autofree char *unknown = test_client_error (fixture->client, "GET",
                                                "/history?symbol=NOPE&resolution=1&from=0&to=1", NULL);
  guint matched = 0;
  guint status;

  g_assert_nonnull (strstr (bad_resolution, "Unsupported resolution"));
  g_assert_nonnull (strstr (bad_from, "'from'"));
  g_assert_nonnull (strstr (unknown, "Unknown symbol"));

  for (guint r = 0; r < G_N_ELEMENTS (resolutions); r++)
    {
      g_autofree char *path = g_strdup_printf ("/history?symbol=BTCUSD&resolution=%s&from=%" G_GINT64_FORMAT
                                               "&to=%" G_GINT64_FORMAT, resolutions[r], now - 40 * 86400, now + 600);
      g_autoptr(JsonNode) bars = test_client_request (fixture->client, "GET", path, &status, NULL);
      JsonObject *o = json_node_get_object (bars);
      const char *columns[] = { "o", "h", "l", "c", "v" };
      JsonArray *t = json_object_get_array_member (o, "t");
      guint n = json_array_get_length (t);

      g_assert_cmpstr (json_object_get_string_member (o, "s"), ==, "ok");
      g_assert_cmpuint (n, >, 0);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, columns[c])), ==, n);
      for (guint i = 1; i < n; i++)
        g_assert_cmpint (json_array_get_int_element (t, i), >, json_array_get_int_element (t, i - 1));
      g_assert_cmpint (json_array_get_int_element (t, 0), >=, now - 40 * 86400 - 7 * 86400);
      g_assert_cmpint (json_array_get_int_element (t, n - 1), <=, now + 1);
    }

  /* the newest bar ends at the live price (retry if a tick lands between the calls) */
  for (guint attempt = 0; attempt < 10 && matched == 0; attempt++)
    {
      g_autoptr(JsonNode) before = test_client_ok (fixture->client, "GET", "/quotes?symbols=AAPL", NULL);
      g_autofree char *path = g_strdup_printf ("/history?symbol=AAPL&resolution=1&countback=5&to=%" G_GINT64_FORMAT, now + 3600);
      g_autoptr(JsonNode) bars = test_client_request (fixture->client, "GET", path, &status, NULL);
      g_autoptr(JsonNode) after = test_client_ok (fixture->client, "GET", "/quotes?symbols=AAPL", NULL);
      JsonObject *vb = json_object_get_object_member (json_array_get_object_element (json_node_get_array (before), 0), "v");
      JsonObject *va = json_object_get_object_member (json_array_get_object_element (json_node_get_array (after), 0), "v");
      JsonArray *closes = json_object_get_array_member (json_node_get_object (bars), "c");

      g_assert_cmpuint (json_array_get_length (closes), ==, 5);
      if (json_object_get_double_member (vb, "lp") == json_object_get_double_member (va, "lp") &&
          json_object_get_int_member (vb, "t") == json_object_get_int_member (va, "t"))
        {
          g_assert_cmpfloat (json_array_get_double_element (closes, 4), ==, json_object_get_double_member (va, "lp"));
          matched++;
        }
    }
  g_assert_cmpuint (matched, ==, 1);

  /* before the data: no_data; in the future: ok and empty */
  {
    g_autoptr(JsonNode) old = test_client_request (fixture->client, "GET",
                                                   "/history?symbol=AAPL&resolution=1&from=1000&to=2000", &status, NULL);
    g_autofree char *future_path = g_strdup_printf ("/history?symbol=AAPL&resolution=60&from=%" G_GINT64_FORMAT
                                                    "&to=%" G_GINT64_FORMAT, now + 7200, now + 9000);
    g_autoptr(JsonNode) future = test_client_request (fixture->client, "GET", future_path, &status, NULL);

    g_assert_cmpstr (test_member_string (old, "s"), ==, "no_data");
    g_assert_cmpstr (test_member_string (future, "s"), ==, "ok");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (future), "t")), ==, 0);
  }
}

/* ------------------------------------------------------------ trading */

static JsonNode *
find_child (JsonNode   *orders,
            const char *parent_id,
            const char *type)
{
  for (guint i = 0; i < array_length (orders); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (orders), i);
      JsonObject *o = json_node_get_object (element);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "parentId", NULL), parent_id) == 0 &&
          g_str_equal (json_object_get_string_member (o, "type"), type) &&
          !g_str_equal (json_object_get_string_member (o, "status"), "cancelled"))
        return element;
    }
  return NULL;
}

static double
current (TestClient *client,
         const char *symbol,
         const char *field)
{
  g_autofree char *path = g_strdup_printf ("/quotes?symbols=%s", symbol);
  g_autoptr(JsonNode) quotes = test_client_ok (client, "GET", path, NULL);

  return json_object_get_double_member (json_object_get_object_member (
    json_array_get_object_element (json_node_get_array (quotes), 0), "v"), field);
}

static void
test_order_lifecycle (Fixture       *fixture,
                      gconstpointer  data)
{
  TestClient *client = fixture->client;
  double bid = current (client, "MSFT", "bid");
  g_autofree char *far_limit = g_strdup_printf ("%.2f", floor (bid * 0.9));
  g_autofree char *moved_limit = g_strdup_printf ("%.2f", floor (bid * 0.8));
  g_autoptr(JsonNode) placed = test_client_ok (client, "POST", "/accounts/D1/orders?requestId=life-1",
                                               "instrument", "MSFT", "qty", "10", "side", "buy", "type", "limit",
                                               "limitPrice", far_limit, "durationType", "GTC",
                                               "currentAsk", "1", "currentBid", "1", NULL);
  const char *id = test_member_string (placed, "orderId");
  g_autofree char *order_path = g_strdup_printf ("/accounts/D1/orders/%s", id);
  g_autoptr(JsonNode) working = test_client_ok (client, "GET", order_path, NULL);
  g_autoptr(JsonNode) modified = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (test_member_string (working, "status"), ==, "working");
  g_assert_cmpstr (test_member_string (working, "side"), ==, "buy");

  answer = test_client_ok (client, "PUT", order_path, "qty", "20", "limitPrice", moved_limit, NULL);
  modified = test_client_ok (client, "GET", order_path, NULL);
  g_assert_cmpfloat (test_member_double (modified, "qty"), ==, 20);
  g_assert_cmpfloat (test_member_double (modified, "limitPrice"), ==, g_ascii_strtod (moved_limit, NULL));

  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (client, "DELETE", order_path, NULL);
  cancelled = test_client_ok (client, "GET", order_path, NULL);
  g_assert_cmpstr (test_member_string (cancelled, "status"), ==, "cancelled");
  again = test_client_error (client, "DELETE", order_path, NULL);
  g_assert_nonnull (strstr (again, "already cancelled"));

  /* final orders stay in /orders for the session and are in the history */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_nonnull (test_find_by_id (answer, id));
  history = test_client_ok (client, "GET", "/accounts/D1/ordersHistory?maxCount=10", NULL);
  g_assert_nonnull (test_find_by_id (history, id));
}

static void
test_position_lifecycle (Fixture       *fixture,
                         gconstpointer  data)
{
  TestClient *client = fixture->client;
  double ask = current (client, "NVDA", "ask");
  g_autofree char *stop_loss = g_strdup_printf ("%.2f", floor (ask * 0.5));
  g_autofree char *take_profit = g_strdup_printf ("%.2f", ceil (ask * 1.5));
  g_autofree char *new_stop = g_strdup_printf ("%.2f", floor (ask * 0.6));
  g_autoptr(JsonNode) placed = test_client_ok (client, "POST", "/accounts/D1/orders",
                                               "instrument", "NVDA", "qty", "100", "side", "buy", "type", "market",
                                               "stopLoss", stop_loss, "takeProfit", take_profit, NULL);
  g_autoptr(JsonNode) positions = test_client_ok (client, "GET", "/accounts/D1/positions", NULL);
  g_autoptr(JsonNode) orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_autoptr(JsonNode) position = NULL;
  g_autoptr(JsonNode) after_partial = NULL;
  g_autoptr(JsonNode) closed = NULL;
  g_autoptr(JsonNode) executions = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *position_path = NULL;
  g_autofree char *too_much = NULL;
  JsonNode *sl;

  g_assert_cmpuint (array_length (positions), ==, 1);
  position = json_node_copy (json_array_get_element (json_node_get_array (positions), 0));
  g_assert_cmpfloat (test_member_double (position, "qty"), ==, 100);
  g_assert_cmpstr (test_member_string (position, "side"), ==, "buy");
  position_path = g_strdup_printf ("/accounts/D1/positions/%s", test_member_string (position, "id"));

  /* the market order's brackets now protect the position */
  sl = find_child (orders, test_member_string (position, "id"), "stop");
  g_assert_nonnull (sl);
  g_assert_cmpstr (test_member_string (sl, "status"), ==, "working");
  g_assert_cmpstr (test_member_string (sl, "parentType"), ==, "position");
  g_assert_cmpfloat (test_member_double (sl, "stopPrice"), ==, g_ascii_strtod (stop_loss, NULL));
  g_assert_nonnull (find_child (orders, test_member_string (position, "id"), "limit"));

  /* move the stop-loss, keep the take-profit */
  answer = test_client_ok (client, "PUT", position_path, "stopLoss", new_stop, "takeProfit", take_profit, NULL);
  g_clear_pointer (&orders, json_node_unref);
  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  sl = find_child (orders, test_member_string (position, "id"), "stop");
  g_assert_cmpfloat (test_member_double (sl, "stopPrice"), ==, g_ascii_strtod (new_stop, NULL));

  /* partial close; the brackets follow the smaller size */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (client, "DELETE", position_path, "amount", "30", NULL);
  after_partial = test_client_ok (client, "GET", position_path, NULL);
  g_assert_cmpfloat (test_member_double (after_partial, "qty"), ==, 70);
  g_clear_pointer (&orders, json_node_unref);
  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_cmpfloat (test_member_double (find_child (orders, test_member_string (position, "id"), "stop"), "qty"), ==, 70);
  too_much = test_client_error (client, "DELETE", position_path, "amount", "71", NULL);
  g_assert_nonnull (strstr (too_much, "larger than the position"));

  /* close: qty 0, brackets cancelled, executions recorded, P&L booked */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (client, "DELETE", position_path, NULL);
  closed = test_client_ok (client, "GET", position_path, NULL);
  g_assert_cmpfloat (test_member_double (closed, "qty"), ==, 0);
  g_clear_pointer (&orders, json_node_unref);
  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_null (find_child (orders, test_member_string (position, "id"), "stop"));
  g_assert_null (find_child (orders, test_member_string (position, "id"), "limit"));
  g_clear_pointer (&positions, json_node_unref);
  positions = test_client_ok (client, "GET", "/accounts/D1/positions", NULL);
  g_assert_cmpuint (array_length (positions), ==, 0);

  executions = test_client_ok (client, "GET", "/accounts/D1/executions?instrument=NVDA", NULL);
  g_assert_cmpuint (array_length (executions), ==, 3);
  state = test_client_ok (client, "GET", "/accounts/D1/state", NULL);
  g_assert_cmpfloat (test_member_double (state, "unrealizedPl"), ==, 0);
  g_assert_cmpfloat (test_member_double (state, "balance"), ==,
                     test_member_double (state, "equity"));
  g_assert_cmpfloat (test_member_double (state, "balance"), !=, 100000);
}

static void
test_request_id_and_reverse (Fixture       *fixture,
                             gconstpointer  data)
{
  TestClient *client = fixture->client;
  g_autoptr(JsonNode) first = test_client_ok (client, "POST", "/accounts/D2/orders?requestId=abc",
                                              "instrument", "EURUSD", "qty", "3000", "side", "sell", "type", "market", NULL);
  g_autoptr(JsonNode) second = test_client_ok (client, "POST", "/accounts/D2/orders?requestId=abc",
                                               "instrument", "EURUSD", "qty", "3000", "side", "sell", "type", "market", NULL);
  g_autoptr(JsonNode) positions = test_client_ok (client, "GET", "/accounts/D2/positions", NULL);
  g_autoptr(JsonNode) reversed = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  JsonNode *position;

  g_assert_cmpstr (test_member_string (first, "orderId"), ==, test_member_string (second, "orderId"));
  g_assert_cmpuint (array_length (positions), ==, 1);
  position = json_array_get_element (json_node_get_array (positions), 0);
  g_assert_cmpfloat (test_member_double (position, "qty"), ==, 3000);

  /* native reverse through PUT side */
  path = g_strdup_printf ("/accounts/D2/positions/%s", test_member_string (position, "id"));
  answer = test_client_ok (client, "PUT", path, "side", "buy", NULL);
  reversed = test_client_ok (client, "GET", path, NULL);
  g_assert_cmpstr (test_member_string (reversed, "side"), ==, "buy");
  g_assert_cmpfloat (test_member_double (reversed, "qty"), ==, 3000);
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  TestClient *client = fixture->client;
  struct { const char *method; const char *path; const char *k1, *v1, *k2, *v2, *k3, *v3, *k4, *v4, *k5, *v5; const char *expected; } cases[] = {
    { "POST", "/accounts/D1/orders", "instrument", "ZZZ", "qty", "1", "side", "buy", "type", "market", NULL, NULL, "Unknown instrument 'ZZZ'" },
    { "POST", "/accounts/D1/orders", "instrument", "EURUSD", "qty", "1500", "side", "buy", "type", "market", NULL, NULL, "quantity step" },
    { "POST", "/accounts/D1/orders", "instrument", "EURUSD", "qty", "0", "side", "buy", "type", "market", NULL, NULL, "must be positive" },
    { "POST", "/accounts/D1/orders", "instrument", "AAPL", "qty", "200000", "side", "buy", "type", "market", NULL, NULL, "outside the allowed range" },
    { "POST", "/accounts/D1/orders", "instrument", "AAPL", "qty", "1", "side", "buy", "type", "limit", "limitPrice", "100.001", "minimum tick" },
    { "POST", "/accounts/D1/orders", "instrument", "AAPL", "qty", "1", "side", "buy", "type", "stop", "stopPrice", "1.00", "must be above the ask" },
    { "POST", "/accounts/D1/orders", "instrument", "AAPL", "qty", "1", "side", "buy", "type", "limit", NULL, NULL, "Missing field 'limitPrice'" },
    { "POST", "/accounts/D1/orders", "qty", "1", "side", "buy", "type", "market", NULL, NULL, NULL, NULL, "Missing field 'instrument'" },
    { "POST", "/accounts/D1/orders", "instrument", "AAPL", "qty", "1", "side", "buy", "type", "limit", "limitPrice", "100.00", "durationType=BAD" },
    { "PUT", "/accounts/D1/orders/999", "qty", "1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Order '999' not found" },
    { "DELETE", "/accounts/D1/positions/P404", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Position 'P404' not found" },
    { "GET", "/accounts/D1/executions?instrument=ZZZ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Unknown instrument" },
    { "GET", "/accounts/D1/ordersHistory?maxCount=-1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "whole number" },
    { "GET", "/quotes", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Missing parameter 'symbols'" },
    { "GET", "/streaming?rate=fast", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Parameter 'rate'" },
  };
  g_autoptr(JsonNode) orders = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *errmsg = NULL;

      if (cases[i].expected[0] == 'd')
        {
          /* a field the macro table cannot hold */
          errmsg = test_client_error (client, cases[i].method, cases[i].path, cases[i].k1, cases[i].v1,
                                      cases[i].k2, cases[i].v2, cases[i].k3, cases[i].v3, cases[i].k4, cases[i].v4,
                                      cases[i].k5, cases[i].v5, "durationType", "BAD", NULL);
          g_assert_nonnull (strstr (errmsg, "Unknown durationType 'BAD'"));
          continue;
        }
      errmsg = test_client_error (client, cases[i].method, cases[i].path, cases[i].k1, cases[i].v1,
                                  cases[i].k2, cases[i].v2, cases[i].k3, cases[i].v3, cases[i].k4, cases[i].v4,
                                  cases[i].k5, cases[i].v5, NULL);
      if (strstr (errmsg, cases[i].expected) == NULL)
        g_error ("case %u: expected '%s' in '%s'", i, cases[i].expected, errmsg);
    }

  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_cmpuint (array_length (orders), ==, 0);
}

/* ------------------------------------------------------------ streams */

static JsonNode *
parse_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, line, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_price_stream (Fixture       *fixture,
                   gconstpointer  data)
{
  guint status;
  g_autoptr(GInputStream) body = test_client_open_stream (fixture->client, "/streaming?symbols=EURUSD,ESZ6&depth=1&rate=2000",
                                                          &status);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (body);
  guint quotes = 0, trades = 0, daily = 0, depth = 0;
  gint64 last_quote_time = 0;

  g_assert_cmpuint (status, ==, 200);
  while (quotes + trades + daily + depth < 600)
    {
      g_autofree char *line = test_read_line (lines);
      g_autoptr(JsonNode) message = NULL;
      const char *f, *id;

      g_assert_nonnull (line);
      if (*line == '\0')
        continue;
      message = parse_line (line);
      g_assert_nonnull (message);
      f = test_member_string (message, "f");
      id = test_member_string (message, "id");
      g_assert_true (g_str_equal (id, "EURUSD") || g_str_equal (id, "ESZ6"));
      if (g_str_equal (f, "q"))
        {
          g_assert_cmpfloat (test_member_double (message, "bp"), <, test_member_double (message, "ap"));
          g_assert_cmpfloat (test_member_double (message, "t"), >=, last_quote_time);
          if (g_str_equal (id, "EURUSD"))
            last_quote_time = (gint64) test_member_double (message, "t");
          quotes++;
        }
      else if (g_str_equal (f, "t"))
        {
          g_assert_cmpfloat (test_member_double (message, "s"), >, 0);
          trades++;
        }
      else if (g_str_equal (f, "d"))
        {
          g_assert_cmpint ((gint64) test_member_double (message, "t") % 86400, ==, 0);
          g_assert_cmpfloat (test_member_double (message, "h"), >=, test_member_double (message, "l"));
          daily++;
        }
      else if (g_str_equal (f, "dp"))
        {
          JsonArray *bids = json_object_get_array_member (json_node_get_object (message), "bids");
          JsonArray *asks = json_object_get_array_member (json_node_get_object (message), "asks");

          g_assert_cmpuint (json_array_get_length (bids), ==, 10);
          g_assert_cmpuint (json_array_get_length (asks), ==, 10);
          /* [ours]: bids descending, asks ascending */
          g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (bids, 0), 0), >,
                             json_array_get_double_element (json_array_get_array_element (bids, 1), 0));
          g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (asks, 0), 0), <,
                             json_array_get_double_element (json_array_get_array_element (asks, 1), 0));
          depth++;
        }
      else
        g_error ("unexpected f=%s", f);
    }

  g_assert_cmpuint (quotes, >, 100);
  g_assert_cmpuint (trades, >, 100);
  g_assert_cmpuint (daily, >=, 2);
  g_assert_cmpuint (depth, >=, 2);
  g_assert_cmpuint (bourse_demo_broker_get_stream_count (fixture->broker), ==, 1);

  /* the client goes away: the broker notices at its next write and forgets the stream */
  g_input_stream_close (body, NULL, NULL);
  soup_session_abort (fixture->client->session);
  {
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (bourse_demo_broker_get_stream_count (fixture->broker) > 0 && g_get_monotonic_time () < deadline)
      g_usleep (20000);
  }
  g_assert_cmpuint (bourse_demo_broker_get_stream_count (fixture->broker), ==, 0);
}

static void
test_entity_streams (Fixture       *fixture,
                     gconstpointer  data)
{
  TestClient *client = fixture->client;
  guint status;
  g_autoptr(GInputStream) orders_body = test_client_open_stream (client, "/accounts/D1/stream/orders", &status);
  g_autoptr(GDataInputStream) orders = g_data_input_stream_new (orders_body);
  g_autoptr(GInputStream) positions_body = NULL;
  g_autoptr(GDataInputStream) positions = NULL;
  g_autoptr(GInputStream) state_body = NULL;
  g_autoptr(GDataInputStream) state = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *update = NULL;
  g_autofree char *position_snapshot = NULL;
  g_autofree char *position_update = NULL;
  g_autofree char *state_snapshot = NULL;
  g_autoptr(JsonNode) placed = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GInputStream) wrong = NULL;
  gint64 start;
  gboolean pinged = FALSE;

  g_assert_cmpuint (status, ==, 200);
  snapshot = test_read_line (orders);
  g_assert_cmpstr (snapshot, ==, "[]");

  positions_body = test_client_open_stream (client, "/accounts/D1/stream/positions", &status);
  positions = g_data_input_stream_new (positions_body);
  position_snapshot = test_read_line (positions);
  g_assert_cmpstr (position_snapshot, ==, "[]");
  state_body = test_client_open_stream (client, "/accounts/D1/stream/state", &status);
  state = g_data_input_stream_new (state_body);
  state_snapshot = test_read_line (state);
  node = parse_line (state_snapshot);
  g_assert_cmpfloat (test_member_double (node, "balance"), ==, 100000);
  g_clear_pointer (&node, json_node_unref);

  placed = test_client_ok (client, "POST", "/accounts/D1/orders", "instrument", "ETHUSD", "qty", "0.5",
                           "side", "buy", "type", "market", NULL);

  /* full order objects, in order: first as placed, then filled */
  update = test_read_line (orders);
  node = parse_line (update);
  g_assert_cmpstr (test_member_string (node, "id"), ==, test_member_string (placed, "orderId"));
  g_clear_pointer (&update, g_free);
  g_clear_pointer (&node, json_node_unref);
  update = test_read_line (orders);
  node = parse_line (update);
  g_assert_cmpstr (test_member_string (node, "status"), ==, "filled");
  g_clear_pointer (&node, json_node_unref);

  position_update = test_read_line (positions);
  node = parse_line (position_update);
  g_assert_cmpfloat (test_member_double (node, "qty"), ==, 0.5);

  /* the closed position comes once more with qty 0 */
  {
    g_autofree char *path = g_strdup_printf ("/accounts/D1/positions/%s", test_member_string (node, "id"));

    answer = test_client_ok (client, "DELETE", path, NULL);
    /* P&L updates of the open position may come first (full objects, same id) */
    for (guint i = 0; i < 10; i++)
      {
        g_clear_pointer (&node, json_node_unref);
        g_clear_pointer (&position_update, g_free);
        position_update = test_read_line (positions);
        node = parse_line (position_update);
        g_assert_true (g_str_has_suffix (path, test_member_string (node, "id")));
        if (test_member_double (node, "qty") == 0)
          break;
        g_assert_cmpfloat (test_member_double (node, "qty"), ==, 0.5);
      }
    g_assert_cmpfloat (test_member_double (node, "qty"), ==, 0);
  }

  /* idle streams ping within ~5 s */
  start = g_get_monotonic_time ();
  while (!pinged && g_get_monotonic_time () - start < 8 * G_USEC_PER_SEC)
    {
      g_autofree char *line = test_read_line (orders);

      g_assert_nonnull (line);
      pinged = g_str_equal (line, "{\"s\":\"ping\"}");
    }
  g_assert_true (pinged);

  wrong = test_client_open_stream (client, "/accounts/D1/stream/nothing", &status);
  g_assert_cmpuint (status, ==, 404);

  g_input_stream_close (orders_body, NULL, NULL);
  g_input_stream_close (positions_body, NULL, NULL);
  g_input_stream_close (state_body, NULL, NULL);
}

/* ------------------------------------------------------------ faults */

static void
test_fault_http500_and_latency (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *bad = NULL;
  gint64 start;
  guint status;

  set_fault (fixture, "http500-fraction", "1");
  answer = test_client_request (fixture->client, "GET", "/config", &status, NULL);
  g_assert_cmpuint (status, ==, 500);
  g_assert_cmpstr (test_member_string (answer, "s"), ==, "error");
  set_fault (fixture, "http500-fraction", "0");

  set_fault (fixture, "latency-ms", "300");
  start = g_get_monotonic_time ();
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (fixture->client, "GET", "/config", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  set_fault (fixture, "latency-ms", "0");
  start = g_get_monotonic_time ();
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (fixture->client, "GET", "/config", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);

  {
    g_autoptr(TestClient) anonymous = test_client_new (bourse_demo_broker_get_uri (fixture->broker));

    bad = test_client_error (anonymous, "POST", "/_faults", "latency-ms", "-3", NULL);
    g_assert_nonnull (strstr (bad, "latency-ms"));
    g_clear_pointer (&bad, g_free);
    bad = test_client_error (anonymous, "POST", "/_faults", "explode", "1", NULL);
    g_assert_nonnull (strstr (bad, "explode"));
  }
}

static void
test_fault_token_ttl (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TestClient) client = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  /* the fault also shortens the life of tokens issued before it was set */
  test_client_login (client, "demo", "demo");
  answer = test_client_ok (client, "GET", "/accounts", NULL);
  set_fault (fixture, "token-ttl", "1");
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_ok (client, "GET", "/accounts", NULL);
  g_usleep (1100 * 1000);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_client_request (client, "GET", "/accounts", &status, NULL);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (test_member_string (answer, "errmsg"), ==, "Access token expired");
}

static guint
post_raw_body (TestClient *client,
               const char *path,
               GBytes     *body,
               gboolean    chunked,
               char      **errmsg)
{
  g_autofree char *uri = g_strconcat (client->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *bearer = g_strconcat ("Bearer ", client->token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  if (chunked)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (body);
      /* a length of -1 makes libsoup send the body chunked */
      soup_message_set_request_body (msg, "application/x-www-form-urlencoded", stream, -1);
    }
  else
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  answer = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (g_bytes_get_data (answer, NULL), &error);
  g_assert_no_error (error);
  *errmsg = g_strdup (test_member_string (node, "errmsg"));
  return soup_message_get_status (msg);
}

/* A form body is small: a huge one, or one without a length, is refused with
 * the error envelope (and, read into nothing, costs no memory). */
static void
test_request_body_limits (Fixture       *fixture,
                          gconstpointer  data)
{
  gsize size = 8 * 1024 * 1024;
  char *text = g_malloc (size);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("instrument=EURUSD", 17);
  g_autofree char *errmsg = NULL;
  g_autoptr(JsonNode) d = NULL;

  memcpy (text, "instrument=EURUSD&x=", 20);
  memset (text + 20, 'x', size - 20);
  huge = g_bytes_new_take (text, size);

  g_assert_cmpuint (post_raw_body (fixture->client, "/accounts/D1/orders", huge, FALSE, &errmsg), ==, 413);
  g_assert_nonnull (strstr (errmsg, "too large"));
  g_clear_pointer (&errmsg, g_free);
  g_assert_cmpuint (post_raw_body (fixture->client, "/accounts/D1/orders", small, TRUE, &errmsg), ==, 411);
  g_assert_nonnull (strstr (errmsg, "Content-Length"));
  g_clear_pointer (&errmsg, g_free);
  /* a small body with a length still reaches the endpoint (which wants more fields) */
  g_assert_cmpuint (post_raw_body (fixture->client, "/accounts/D1/orders", small, FALSE, &errmsg), ==, 200);
  g_assert_nonnull (strstr (errmsg, "Missing field"));
  /* and the broker goes on answering */
  d = test_client_ok (fixture->client, "GET", "/accounts", NULL);
  g_assert_cmpuint (array_length (d), ==, 2);
}

/* An entity stream ends when its token expires, saying why on its last line. */
static void
test_fault_token_ttl_ends_streams (Fixture       *fixture,
                                   gconstpointer  data)
{
  guint status;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *last = NULL;
  gint64 start;

  body = test_client_open_stream (fixture->client, "/accounts/D1/stream/orders", &status);
  g_assert_cmpuint (status, ==, 200);
  lines = g_data_input_stream_new (body);
  set_fault (fixture, "token-ttl", "1");
  start = g_get_monotonic_time ();
  for (;;)
    {
      g_autofree char *line = test_read_line (lines);

      /* bounded: without the expiry only pings (every 5 s) would come */
      if (line == NULL || g_get_monotonic_time () - start > 4 * G_USEC_PER_SEC)
        break;
      if (*line != '\0')
        {
          g_free (last);
          last = g_steal_pointer (&line);
        }
    }
  /* the token was issued before the fault: it ends within about a second */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpstr (last, ==, "{\"s\":\"error\",\"errmsg\":\"Access token expired\"}");

  /* the price stream ends too, with nothing but whole spec messages */
  {
    g_autoptr(TestClient) client = test_client_new (bourse_demo_broker_get_uri (fixture->broker));
    g_autoptr(GInputStream) prices = NULL;
    g_autoptr(GDataInputStream) price_lines = NULL;
    guint count = 0;

    test_client_login (client, "demo", "demo");
    prices = test_client_open_stream (client, "/streaming?symbols=EURUSD", &status);
    g_assert_cmpuint (status, ==, 200);
    price_lines = g_data_input_stream_new (prices);
    start = g_get_monotonic_time ();
    for (;;)
      {
        g_autofree char *line = test_read_line (price_lines);
        g_autoptr(JsonNode) message = NULL;

        if (line == NULL || g_get_monotonic_time () - start > 4 * G_USEC_PER_SEC)
          break;
        if (*line == '\0')
          continue;
        message = parse_line (line);
        g_assert_nonnull (message);
        g_assert_nonnull (test_member_string (message, "id"));
        count++;
      }
    g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
    g_assert_cmpuint (count, >, 0);
  }
}

static void
test_fault_drop_stream (Fixture       *fixture,
                        gconstpointer  data)
{
  guint status;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  gint64 start;
  guint count = 0;

  set_fault (fixture, "drop-stream-every", "1");
  body = test_client_open_stream (fixture->client, "/streaming?symbols=EURUSD", &status);
  lines = g_data_input_stream_new (body);
  start = g_get_monotonic_time ();

  /* the server ends the stream; the last fragment is a torn line */
  for (;;)
    {
      g_autofree char *line = test_read_line (lines);
      g_autoptr(JsonNode) message = NULL;

      if (line == NULL)
        break;
      message = parse_line (line);
      if (message == NULL)
        g_assert_cmpstr (line, ==, "{\"f\":\"q\",\"id\":");
      else
        count++;
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (count, >, 0);
}

static void
test_fault_malformed_and_split (Fixture       *fixture,
                                gconstpointer  data)
{
  guint status;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint bad = 0, good = 0, torn_reads = 0;

  set_fault (fixture, "malformed-fraction", "0.5");
  body = test_client_open_stream (fixture->client, "/streaming?symbols=BTCUSD&rate=500", &status);
  lines = g_data_input_stream_new (body);
  while (good + bad < 200)
    {
      g_autofree char *line = test_read_line (lines);
      g_autoptr(JsonNode) message = NULL;

      g_assert_nonnull (line);
      if (*line == '\0')
        continue;
      message = parse_line (line);
      if (message != NULL)
        good++;
      else
        bad++;
    }
  g_assert_cmpuint (bad, >, 40);
  g_assert_cmpuint (good, >, 40);
  g_input_stream_close (body, NULL, NULL);
  set_fault (fixture, "malformed-fraction", "0");

  /* split: reads end mid-line, yet the reassembled lines are all valid */
  set_fault (fixture, "split-fraction", "1");
  raw = test_client_open_stream (fixture->client, "/streaming?symbols=BTCUSD&rate=200", &status);
  while (good < 400)
    {
      guint8 chunk[4096];
      gssize n = g_input_stream_read (raw, chunk, sizeof chunk, NULL, NULL);
      guint8 *newline;

      g_assert_cmpint (n, >, 0);
      if (chunk[n - 1] != '\n')
        torn_reads++;
      g_byte_array_append (buffer, chunk, (guint) n);
      while ((newline = memchr (buffer->data, '\n', buffer->len)) != NULL)
        {
          gsize length = (gsize) (newline - buffer->data);
          g_autofree char *line = g_strndup ((const char *) buffer->data, length);
          g_autoptr(JsonNode) message = NULL;

          g_byte_array_remove_range (buffer, 0, (guint) length + 1);
          if (*line == '\0')
            continue;
          message = parse_line (line);
          g_assert_nonnull (message);
          good++;
        }
    }
  g_assert_cmpuint (torn_reads, >, 10);
  g_input_stream_close (raw, NULL, NULL);
}

/* ------------------------------------------------------------ persistence */

static void
test_state_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-broker-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(BourseDemoBroker) broker = bourse_demo_broker_new (11, path);
  g_autoptr(BourseDemoBroker) restarted = NULL;
  g_autoptr(BourseDemoBroker) broken = NULL;
  g_autoptr(TestClient) client = NULL;
  g_autoptr(TestClient) client2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) placed = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) again = NULL;
  const char *paths[] = { "/accounts/D1/orders", "/accounts/D1/positions", "/accounts/D1/ordersHistory",
                          "/accounts/D1/executions?instrument=GBPUSD", "/accounts/D2/orders" };
  char *before[G_N_ELEMENTS (paths)];

  g_assert_true (bourse_demo_broker_start_in_thread (broker, NULL, 0, &error));
  g_assert_no_error (error);
  client = test_client_new (bourse_demo_broker_get_uri (broker));
  test_client_login (client, "demo", "demo");
  placed = test_client_ok (client, "POST", "/accounts/D1/orders?requestId=keep", "instrument", "GBPUSD", "qty", "2000",
                           "side", "buy", "type", "market", NULL);
  answer = test_client_ok (client, "POST", "/accounts/D1/orders", "instrument", "GBPUSD", "qty", "1000",
                           "side", "sell", "type", "limit", "limitPrice", "2.00000", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(JsonNode) node = test_client_ok (client, "GET", paths[i], NULL);

      before[i] = json_to_string (node, FALSE);
    }
  bourse_demo_broker_stop (broker);

  restarted = bourse_demo_broker_new (11, path);
  g_assert_true (bourse_demo_broker_start_in_thread (restarted, NULL, 0, &error));
  g_assert_no_error (error);
  client2 = test_client_new (bourse_demo_broker_get_uri (restarted));
  test_client_login (client2, "demo", "demo");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(JsonNode) node = test_client_ok (client2, "GET", paths[i], NULL);
      g_autofree char *after = json_to_string (node, FALSE);

      /* unrealized P&L moves with the market; everything else is identical */
      if (strstr (paths[i], "positions"))
        {
          JsonObject *p = json_array_get_object_element (json_node_get_array (node), 0);

          g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
          g_assert_cmpfloat (json_object_get_double_member (p, "qty"), ==, 2000);
        }
      else
        g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }

  /* requestIds survive too */
  again = test_client_ok (client2, "POST", "/accounts/D1/orders?requestId=keep", "instrument", "GBPUSD", "qty", "2000",
                          "side", "buy", "type", "market", NULL);
  g_assert_cmpstr (test_member_string (again, "orderId"), ==, test_member_string (placed, "orderId"));
  bourse_demo_broker_stop (restarted);

  /* a damaged state file stops the start with a clear error */
  g_assert_true (g_file_set_contents (path, "{\"version\":1", -1, NULL));
  broken = bourse_demo_broker_new (11, path);
  g_assert_false (bourse_demo_broker_start_in_thread (broken, NULL, 0, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE);

  g_unlink (path);
  g_rmdir (dir);
}

static void
uri_notified_cb (GObject    *object,
                 GParamSpec *pspec,
                 GThread   **thread)
{
  *thread = g_thread_self ();
}

static void
test_uri_notify_in_caller_thread (void)
{
  g_autoptr(BourseDemoBroker) broker = bourse_demo_broker_new (1, NULL);
  g_autoptr(GError) error = NULL;
  GThread *notified_in = NULL;

  /* the app binds the URI to widgets: ::notify must not run in the broker's thread */
  g_signal_connect (broker, "notify::uri", G_CALLBACK (uri_notified_cb), &notified_in);
  g_assert_true (bourse_demo_broker_start_in_thread (broker, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (notified_in == g_thread_self ());
  bourse_demo_broker_stop (broker);
}

static void
test_listen_errors (void)
{
  g_autoptr(BourseDemoBroker) broker = bourse_demo_broker_new (1, NULL);
  g_autoptr(BourseDemoBroker) other = bourse_demo_broker_new (1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (bourse_demo_broker_start_in_thread (broker, "not-an-address", 0, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_LISTEN);
  g_clear_error (&error);

  g_assert_true (bourse_demo_broker_start_in_thread (broker, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  /* the port is taken */
  g_assert_false (bourse_demo_broker_start_in_thread (other, "127.0.0.1", bourse_demo_broker_get_port (broker), &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_LISTEN);
  g_clear_error (&error);

  g_assert_false (bourse_demo_broker_set_fault (broker, "latency-ms", "abc", &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Bourse/Server/Broker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("auth", test_auth);
  ADD ("cors-and-routing", test_cors_and_routing);
  ADD ("oauth", test_oauth);
  ADD ("config-and-accounts", test_config_and_accounts);
  ADD ("instruments-and-market-data", test_instruments_and_market_data);
  ADD ("history", test_history);
  ADD ("order-lifecycle", test_order_lifecycle);
  ADD ("position-lifecycle", test_position_lifecycle);
  ADD ("request-id-and-reverse", test_request_id_and_reverse);
  ADD ("bad-requests", test_bad_requests);
  ADD ("price-stream", test_price_stream);
  ADD ("entity-streams", test_entity_streams);
  ADD ("fault-http500-and-latency", test_fault_http500_and_latency);
  ADD ("fault-token-ttl", test_fault_token_ttl);
  ADD ("fault-token-ttl-ends-streams", test_fault_token_ttl_ends_streams);
  ADD ("request-body-limits", test_request_body_limits);
  ADD ("fault-drop-stream", test_fault_drop_stream);
  ADD ("fault-malformed-and-split", test_fault_malformed_and_split);
#undef ADD
  g_test_add_func ("/Bourse/Server/Broker/state-file", test_state_file);
  g_test_add_func ("/Bourse/Server/Broker/listen-errors", test_listen_errors);
  g_test_add_func ("/Bourse/Server/Broker/uri-notify-in-caller-thread", test_uri_notify_in_caller_thread);

  return g_test_run ();
}
