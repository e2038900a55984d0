/* test-broker-client.c — BourseBrokerClient against the demo broker and against a misbehaving tiny server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bourse-broker-client.h"
#include "bourse-test-broker.h"


/* ---- against the demo broker ---- */

typedef struct
{
  BourseTestBroker   *broker;
  BourseBrokerClient *client;
} Demo;

static void
demo_setup (Demo          *d,
            gconstpointer  data)
{
  d->broker = bourse_test_broker_start (42);
  d->client = bourse_broker_client_new (d->broker->url);
  bourse_broker_client_set_password_credentials (d->client, "demo", "demo");
}

static void
demo_teardown (Demo          *d,
               gconstpointer  data)
{
  g_clear_object (&d->client);
  bourse_test_broker_stop (d->broker);
}

static void
test_demo_read_endpoints (Demo          *d,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL, r8 = NULL;
  g_autoptr(GAsyncResult) r9 = NULL, r10 = NULL, r11 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(BourseAccountState) state = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(BourseDepth) depth = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(JsonNode) mapping = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  const char *symbols[] = { "EURUSD", "NOSUCHSYMBOL", NULL };
  const double *prices, *sizes;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n;

  /* No explicit login: the first call logs in with the credentials. */
  bourse_broker_client_get_config_async (d->client, NULL, bourse_test_await_cb, &r1);
  config = bourse_broker_client_get_config_finish (d->client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (config));
  g_assert_true (bourse_broker_client_get_authorized (d->client));

  bourse_broker_client_get_accounts_async (d->client, NULL, bourse_test_await_cb, &r2);
  accounts = bourse_broker_client_get_accounts_finish (d->client, AWAIT (r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  g_assert_cmpstr (bourse_account_get_id (g_ptr_array_index (accounts, 0)), ==, "D1");
  g_assert_cmpstr (bourse_account_get_currency (g_ptr_array_index (accounts, 0)), ==, "USD");
  g_assert_true (bourse_account_get_flag (g_ptr_array_index (accounts, 0), "supportClosePosition"));

  bourse_broker_client_get_instruments_async (d->client, "D1", NULL, bourse_test_await_cb, &r3);
  instruments = bourse_broker_client_get_instruments_finish (d->client, AWAIT (r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instruments->len, >=, 8);
  for (guint i = 0; i < instruments->len; i++)
    g_assert_cmpfloat (bourse_instrument_get_min_tick (g_ptr_array_index (instruments, i)), >, 0);

  bourse_broker_client_get_state_async (d->client, "D1", NULL, bourse_test_await_cb, &r4);
  state = bourse_broker_client_get_state_finish (d->client, AWAIT (r4), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bourse_account_state_get_balance (state), ==, 100000);

  /* an unknown symbol comes back as a per-symbol error entry and is left out */
  bourse_broker_client_get_quotes_async (d->client, "D1", symbols, NULL, bourse_test_await_cb, &r5);
  quotes = bourse_broker_client_get_quotes_finish (d->client, AWAIT (r5), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpfloat (bourse_quote_get_bid (g_ptr_array_index (quotes, 0)), >, 0);
  g_assert_cmpfloat (bourse_quote_get_ask (g_ptr_array_index (quotes, 0)), >, bourse_quote_get_bid (g_ptr_array_index (quotes, 0)));

  bourse_broker_client_get_depth_async (d->client, "D1", "EURUSD", NULL, bourse_test_await_cb, &r6);
  depth = bourse_broker_client_get_depth_finish (d->client, AWAIT (r6), &error);
  g_assert_no_error (error);
  n = bourse_depth_get_bids (depth, &prices, &sizes);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (prices[i], <, prices[i - 1]);  /* bids descending */
  n = bourse_depth_get_asks (depth, &prices, &sizes);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (prices[i], >, prices[i - 1]);

  bourse_broker_client_get_history_async (d->client, "EURUSD", "60", now - 3 * 86400, now, 0, NULL, bourse_test_await_cb, &r7);
  bars = bourse_broker_client_get_history_finish (d->client, AWAIT (r7), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, >, 24);
  g_assert_cmpint (bars->time[bars->len - 1], <=, now);

  bourse_broker_client_get_mapping_async (d->client, NULL, bourse_test_await_cb, &r8);
  mapping = bourse_broker_client_get_mapping_finish (d->client, AWAIT (r8), &error);
  g_assert_no_error (error);

  bourse_broker_client_get_orders_async (d->client, "D1", NULL, bourse_test_await_cb, &r9);
  orders = bourse_broker_client_get_orders_finish (d->client, AWAIT (r9), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 0);

  /* someone else's account: the broker says no, clearly */
  bourse_broker_client_get_orders_async (d->client, "T1", NULL, bourse_test_await_cb, &r10);
  g_assert_null (bourse_broker_client_get_orders_finish (d->client, AWAIT (r10), &error));
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED);
  g_clear_error (&error);

  {
    g_autoptr(JsonNode) info = NULL;
    bourse_broker_client_get_symbol_info_async (d->client, NULL, bourse_test_await_cb, &r11);
    info = bourse_broker_client_get_symbol_info_finish (d->client, AWAIT (r11), &error);
    g_assert_no_error (error);
  }
}

static char *
place (BourseBrokerClient       *client,
       const BourseOrderRequest *request,
       GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bourse_broker_client_place_order_async (client, "D1", request, NULL, bourse_test_await_cb, &result);
  return bourse_broker_client_place_order_finish (client, AWAIT (result), error);
}

static BourseOrder *
get_order (BourseBrokerClient *client,
           const char         *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BourseOrder *order;

  bourse_broker_client_get_order_async (client, "D1", id, NULL, bourse_test_await_cb, &result);
  order = bourse_broker_client_get_order_finish (client, AWAIT (result), &error);
  g_assert_no_error (error);
  return order;
}

static GPtrArray *
get_positions (BourseBrokerClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *positions;

  bourse_broker_client_get_positions_async (client, "D1", NULL, bourse_test_await_cb, &result);
  positions = bourse_broker_client_get_positions_finish (client, AWAIT (result), &error);
  g_assert_no_error (error);
  return positions;
}

static void
test_demo_order_lifecycle (Demo          *d,
                           gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 2000);
  g_autoptr(BourseOrderRequest) market = bourse_order_request_new ("EURUSD", BOURSE_SIDE_SELL, BOURSE_ORDER_TYPE_MARKET, 4000);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit_id = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *market_id = NULL;
  g_autoptr(BourseOrder) order = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autofree char *position_id = NULL;

  limit->limit_price = 0.5;  /* far below the market: stays working */
  limit_id = place (d->client, limit, &error);
  g_assert_no_error (error);
  order = get_order (d->client, limit_id);
  g_assert_cmpint (bourse_order_get_status (order), ==, BOURSE_ORDER_STATUS_WORKING);
  g_assert_cmpfloat (bourse_order_get_limit_price (order), ==, 0.5);
  g_assert_cmpfloat (bourse_order_get_qty (order), ==, 2000);
  g_clear_object (&order);

  /* the same request again (a user retrying after an unknown outcome): one order */
  again_id = place (d->client, limit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again_id, ==, limit_id);

  {
    g_autoptr(GAsyncResult) result = NULL;
    limit->limit_price = 0.6;
    limit->qty = 3000;
    bourse_broker_client_modify_order_async (d->client, "D1", limit_id, limit, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_modify_order_finish (d->client, AWAIT (result), &error));
    g_assert_no_error (error);
    order = get_order (d->client, limit_id);
    g_assert_cmpfloat (bourse_order_get_limit_price (order), ==, 0.6);
    g_assert_cmpfloat (bourse_order_get_qty (order), ==, 3000);
    g_clear_object (&order);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    bourse_broker_client_cancel_order_async (d->client, "D1", limit_id, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_cancel_order_finish (d->client, AWAIT (result), &error));
    g_assert_no_error (error);
    order = get_order (d->client, limit_id);
    g_assert_cmpint (bourse_order_get_status (order), ==, BOURSE_ORDER_STATUS_CANCELLED);
    g_clear_object (&order);
  }

  market_id = place (d->client, market, &error);
  g_assert_no_error (error);
  order = get_order (d->client, market_id);
  g_assert_cmpint (bourse_order_get_status (order), ==, BOURSE_ORDER_STATUS_FILLED);
  positions = get_positions (d->client);
  g_assert_cmpuint (positions->len, ==, 1);
  g_assert_cmpint (bourse_position_get_side (g_ptr_array_index (positions, 0)), ==, BOURSE_SIDE_SELL);
  g_assert_cmpfloat (bourse_position_get_qty (g_ptr_array_index (positions, 0)), ==, 4000);
  position_id = g_strdup (bourse_position_get_id (g_ptr_array_index (positions, 0)));
  g_clear_pointer (&positions, g_ptr_array_unref);

  {
    g_autoptr(GAsyncResult) result = NULL;
    bourse_broker_client_close_position_async (d->client, "D1", position_id, 1000, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_close_position_finish (d->client, AWAIT (result), &error));
    g_assert_no_error (error);
    positions = get_positions (d->client);
    g_assert_cmpfloat (bourse_position_get_qty (g_ptr_array_index (positions, 0)), ==, 3000);
    g_clear_pointer (&positions, g_ptr_array_unref);
  }
  {
    /* native reverse: short 3000 becomes long 3000 */
    g_autoptr(GAsyncResult) result = NULL;
    bourse_broker_client_reverse_position_async (d->client, "D1", position_id, BOURSE_SIDE_BUY, NULL,
                                                 bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_reverse_position_finish (d->client, AWAIT (result), &error));
    g_assert_no_error (error);
    positions = get_positions (d->client);
    g_assert_cmpuint (positions->len, ==, 1);
    g_assert_cmpint (bourse_position_get_side (g_ptr_array_index (positions, 0)), ==, BOURSE_SIDE_BUY);
    g_assert_cmpfloat (bourse_position_get_qty (g_ptr_array_index (positions, 0)), ==, 3000);
    g_free (position_id);
    position_id = g_strdup (bourse_position_get_id (g_ptr_array_index (positions, 0)));
    g_clear_pointer (&positions, g_ptr_array_unref);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    bourse_broker_client_close_position_async (d->client, "D1", position_id, 0, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_close_position_finish (d->client, AWAIT (result), &error));
    g_assert_no_error (error);
    positions = get_positions (d->client);
    g_assert_cmpuint (positions->len, ==, 0);
  }
}

static void
test_demo_rejections (Demo          *d,
                      gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) bad = bourse_order_request_new ("NOSUCH", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, 1000);
  g_autoptr(BourseOrderRequest) off_step = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, 1500);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BourseBrokerClient) wrong = bourse_broker_client_new (d->broker->url);

  id = place (d->client, bad, &error);
  g_assert_null (id);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED);
  g_assert_nonnull (bourse_broker_error_get_errmsg (error));
  /* the message is the broker's text alone, ready for the user */
  g_assert_cmpstr (error->message, ==, bourse_broker_error_get_errmsg (error));
  g_assert_cmpstr (bourse_broker_error_get_endpoint (error), ==, "POST /accounts/D1/orders");
  g_clear_error (&error);

  id = place (d->client, off_step, &error);
  g_assert_null (id);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED);
  g_clear_error (&error);

  bourse_broker_client_set_password_credentials (wrong, "demo", "not-the-password");
  bourse_broker_client_authorize_async (wrong, NULL, bourse_test_await_cb, &result);
  g_assert_false (bourse_broker_client_authorize_finish (wrong, AWAIT (result), &error));
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH);
  g_assert_false (bourse_broker_client_get_authorized (wrong));
}

/* The OAuth2 authorization-code flow, then a refresh, then logout. */
static void
test_demo_oauth (Demo          *d,
                 gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (d->broker->url);
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *first_refresh = NULL;

  bourse_broker_client_set_oauth_client (client, "bourse", "demo-secret", "http://127.0.0.1:9/callback");
  uri = bourse_broker_client_build_oauth_authorize_uri (client, "st4te", "login=demo&password=demo");

  /* the browser's part: the broker redirects to redirect_uri with the code */
  soup_session_set_proxy_resolver (browser, NULL);
  msg = soup_message_new ("GET", uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  page = soup_session_send_and_read (browser, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  location = g_uri_parse (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"),
                          G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (location), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st4te");

  {
    g_autoptr(GAsyncResult) result = NULL;
    bourse_broker_client_oauth_exchange_code_async (client, g_hash_table_lookup (params, "code"), NULL,
                                                    bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_oauth_exchange_code_finish (client, AWAIT (result), &error));
    g_assert_no_error (error);
  }
  g_assert_true (bourse_broker_client_get_authorized (client));
  first_refresh = g_strdup (bourse_broker_client_get_refresh_token (client));
  g_assert_nonnull (first_refresh);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) accounts = NULL;
    bourse_broker_client_get_accounts_async (client, NULL, bourse_test_await_cb, &result);
    accounts = bourse_broker_client_get_accounts_finish (client, AWAIT (result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (accounts->len, ==, 2);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) accounts = NULL;
    bourse_broker_client_oauth_refresh_async (client, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_oauth_refresh_finish (client, AWAIT (result), &error));
    g_assert_no_error (error);
    /* refresh tokens rotate */
    g_assert_cmpstr (bourse_broker_client_get_refresh_token (client), !=, first_refresh);
    g_clear_object (&result);
    bourse_broker_client_get_accounts_async (client, NULL, bourse_test_await_cb, &result);
    accounts = bourse_broker_client_get_accounts_finish (client, AWAIT (result), &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) accounts = NULL;
    bourse_broker_client_logout_async (client, NULL, bourse_test_await_cb, &result);
    g_assert_true (bourse_broker_client_logout_finish (client, AWAIT (result), &error));
    g_assert_false (bourse_broker_client_get_authorized (client));
    /* logged out, no password: a call fails cleanly with AUTH */
    g_clear_object (&result);
    bourse_broker_client_get_accounts_async (client, NULL, bourse_test_await_cb, &result);
    accounts = bourse_broker_client_get_accounts_finish (client, AWAIT (result), &error);
    g_assert_null (accounts);
    g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH);
  }
}

/* ---- against a misbehaving tiny server ---- */

typedef struct
{
  SoupServer         *server;
  BourseBrokerClient *client;
  GPtrArray          *request_ids;   /* requestId of each place-order */
  GPtrArray          *bodies;        /* form bodies of each place-order */
  GPtrArray          *exchanges;     /* BourseApiExchange */
  GPtrArray          *paused;        /* SoupServerMessage kept unanswered */
  GArray             *timers;        /* sources answering late, removed in teardown */
  guint               authorize_calls;
  guint               token_serial;
  guint               http500_calls;
  guint               busy_calls;
  guint               strict_calls;
} Tiny;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
answer_later_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  respond (msg, 200, "{\"s\":\"ok\",\"d\":{\"orderId\":\"77\"}}");
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
tiny_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Tiny *t = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (g_str_equal (path, "/authorize"))
    {
      g_autofree char *body = NULL;
      t->authorize_calls++;
      t->token_serial++;
      body = g_strdup_printf ("{\"s\":\"ok\",\"d\":{\"access_token\":\"tok-%u\",\"expiration\":4102444800}}", t->token_serial);
      respond (msg, 200, body);
    }
  else if (g_str_equal (path, "/accounts/BROKEN/orders"))
    respond (msg, 200, "{\"s\":\"ok\",\"d\":[{\"id\":\"1\",\"instrument\":\"EURUSD\",\"qty\":\"lots\",\"side\":\"buy\","
                       "\"type\":\"market\",\"status\":\"working\"}]}");
  else if (g_str_equal (path, "/accounts/NOTJSON/orders"))
    respond (msg, 200, "<html>Bad gateway</html>");
  else if (g_str_has_prefix (path, "/accounts/E500/orders"))  /* the list, and DELETE …/orders/{id} */
    {
      t->http500_calls++;
      respond (msg, 500, "{\"s\":\"error\",\"errmsg\":\"database on fire\"}");
    }
  else if (g_str_equal (path, "/accounts/BUSY/orders"))
    {
      /* rate limited once, with the time to wait */
      if (t->busy_calls++ == 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
          respond (msg, 429, "{\"s\":\"error\",\"errmsg\":\"slow down\"}");
        }
      else
        respond (msg, 200, "{\"s\":\"ok\",\"d\":[]}");
    }
  else if (g_str_equal (path, "/accounts/SLOW/orders"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (t->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/accounts/STRICT/orders"))
    {
      /* only the newest token is accepted */
      g_autofree char *current = g_strdup_printf ("Bearer tok-%u", t->token_serial);
      t->strict_calls++;
      if (g_strcmp0 (auth, current) != 0)
        respond (msg, 401, "{\"s\":\"error\",\"errmsg\":\"token expired\"}");
      else
        respond (msg, 200, "{\"s\":\"ok\",\"d\":[]}");
    }
  else if (g_str_equal (path, "/accounts/PLACE/previewOrder"))
    respond (msg, 200, "{\"s\":\"ok\",\"d\":{\"sections\":[{\"header\":\"Costs\",\"rows\":[{\"title\":\"Commission\","
                       "\"value\":\"$1.00\"}]}],\"confirmId\":\"c-1\",\"warnings\":[\"Market closes soon\"]}}");
  else if (g_str_equal (path, "/accounts/PLACE/balances"))
    respond (msg, 200, "{\"s\":\"ok\",\"d\":[{\"symbol\":\"BTC\",\"total\":1.5,\"available\":1.25}]}");
  else if (g_str_equal (path, "/accounts/PLACE/orders") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      g_ptr_array_add (t->request_ids, g_strdup (query != NULL ? g_hash_table_lookup (query, "requestId") : NULL));
      g_ptr_array_add (t->bodies, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
      if (t->request_ids->len == 1)
        {
          /* the first attempt is processed but its answer comes too late */
          guint id;

          soup_server_message_pause (msg);
          id = g_timeout_add_full (G_PRIORITY_DEFAULT, 1500, answer_later_cb, g_object_ref (msg), g_object_unref);
          g_array_append_val (t->timers, id);
        }
      else
        respond (msg, 200, "{\"s\":\"ok\",\"d\":{\"orderId\":\"77\",\"transactionId\":\"extra member\"}}");
    }
  else
    respond (msg, 404, "{\"s\":\"error\",\"errmsg\":\"no such endpoint\"}");
}

static void
exchange_cb (BourseBrokerClient *client,
             BourseApiExchange  *exchange,
             Tiny               *t)
{
  g_ptr_array_add (t->exchanges, g_object_ref (exchange));
}

static void
tiny_setup (Tiny          *t,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  t->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (t->server, NULL, tiny_cb, t, NULL);
  soup_server_listen_local (t->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (t->server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  t->request_ids = g_ptr_array_new_with_free_func (g_free);
  t->bodies = g_ptr_array_new_with_free_func (g_free);
  t->exchanges = g_ptr_array_new_with_free_func (g_object_unref);
  t->paused = g_ptr_array_new_with_free_func (g_object_unref);
  t->timers = g_array_new (FALSE, FALSE, sizeof (guint));
  t->client = bourse_broker_client_new (url);
  bourse_broker_client_set_password_credentials (t->client, "user", "s3cret");
  g_signal_connect (t->client, "exchange-finished", G_CALLBACK (exchange_cb), t);
}

static void
tiny_teardown (Tiny          *t,
               gconstpointer  data)
{
  g_clear_object (&t->client);
  for (guint i = 0; i < t->timers->len; i++)
    {
      /* a late answer still pending must not fire into the next test */
      GSource *source = g_main_context_find_source_by_id (NULL, g_array_index (t->timers, guint, i));
      if (source != NULL)
        g_source_destroy (source);
    }
  g_array_unref (t->timers);
  soup_server_disconnect (t->server);
  g_clear_object (&t->server);
  g_ptr_array_unref (t->request_ids);
  g_ptr_array_unref (t->bodies);
  g_ptr_array_unref (t->exchanges);
  g_ptr_array_unref (t->paused);
}

static GPtrArray *
tiny_get_orders (Tiny        *t,
                 const char  *account,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bourse_broker_client_get_orders_async (t->client, account, NULL, bourse_test_await_cb, &result);
  return bourse_broker_client_get_orders_finish (t->client, AWAIT (result), error);
}

static void
test_protocol_violation (Tiny          *t,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = tiny_get_orders (t, "BROKEN", &error);
  BourseApiExchange *last;

  g_assert_null (orders);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_assert_cmpstr (bourse_broker_error_get_endpoint (error), ==, "GET /accounts/BROKEN/orders");
  g_assert_cmpstr (bourse_broker_error_get_json_path (error), ==, "$.d[0].qty");
  g_assert_nonnull (strstr (bourse_broker_error_get_expectation (error), "expected a number"));
  g_assert_nonnull (strstr (error->message, "$.d[0].qty"));

  /* the inspector sees the violation too */
  last = g_ptr_array_index (t->exchanges, t->exchanges->len - 1);
  g_assert_cmpuint (bourse_api_exchange_get_violations (last)->len, ==, 1);
  g_assert_error (bourse_api_exchange_get_error (last), BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_clear_error (&error);

  orders = tiny_get_orders (t, "NOTJSON", &error);
  g_assert_null (orders);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "not JSON"));
}

static void
test_http_500_retried (Tiny          *t,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  orders = tiny_get_orders (t, "E500", &error);
  g_assert_null (orders);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_HTTP_STATUS);
  g_assert_cmpuint (bourse_broker_error_get_http_status (error), ==, 500);
  g_assert_nonnull (strstr (error->message, "database on fire"));
  /* a read is retried twice (the default) */
  g_assert_cmpuint (t->http500_calls, ==, 3);
  g_clear_error (&error);

  /* a cancel is not idempotent enough to retry blindly: one request, its 500 reported */
  bourse_broker_client_cancel_order_async (t->client, "E500", "1", NULL, bourse_test_await_cb, &result);
  g_assert_false (bourse_broker_client_cancel_order_finish (t->client, AWAIT (result), &error));
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_HTTP_STATUS);
  g_assert_cmpuint (bourse_broker_error_get_http_status (error), ==, 500);
  g_assert_cmpuint (t->http500_calls, ==, 4);
}

static void
test_retry_after (Tiny          *t,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  gint64 start = g_get_monotonic_time ();

  orders = tiny_get_orders (t, "BUSY", &error);
  g_assert_no_error (error);
  g_assert_nonnull (orders);
  g_assert_cmpuint (t->busy_calls, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_timeout_and_cancel (Tiny          *t,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  bourse_broker_client_set_timeout (t->client, 1);
  bourse_broker_client_set_max_retries (t->client, 0);
  orders = tiny_get_orders (t, "SLOW", &error);
  g_assert_null (orders);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3000 * 1000);
  g_clear_error (&error);

  bourse_broker_client_get_orders_async (t->client, "SLOW", cancellable, bourse_test_await_cb, &result);
  bourse_test_spin (50);
  g_cancellable_cancel (cancellable);
  orders = bourse_broker_client_get_orders_finish (t->client, AWAIT (result), &error);
  g_assert_null (orders);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (bourse_broker_error_is_cancelled (error));
}

/* The first POST is processed but answered after the client gave up; the
 * retry carries the same requestId, so the broker can answer with the same order. */
static void
test_place_retry_reuses_request_id (Tiny          *t,
                                    gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  const char *body;

  request->limit_price = 1.2345;
  request->stop_loss = 1.2;
  bourse_broker_client_set_timeout (t->client, 1);
  bourse_broker_client_set_access_token (t->client, "tok-0");
  bourse_broker_client_place_order_async (t->client, "PLACE", request, NULL, bourse_test_await_cb, &result);
  order_id = bourse_broker_client_place_order_finish (t->client, AWAIT (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (order_id, ==, "77");

  g_assert_cmpuint (t->request_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (t->request_ids, 0), ==, request->request_id);
  g_assert_cmpstr (g_ptr_array_index (t->request_ids, 1), ==, request->request_id);

  /* form encoding, '.' decimals, no trailing ".0" */
  body = g_ptr_array_index (t->bodies, 0);
  g_assert_nonnull (strstr (body, "instrument=EURUSD"));
  g_assert_nonnull (strstr (body, "side=buy"));
  g_assert_nonnull (strstr (body, "type=limit"));
  g_assert_nonnull (strstr (body, "qty=1000&"));
  g_assert_nonnull (strstr (body, "limitPrice=1.2345"));
  g_assert_nonnull (strstr (body, "stopLoss=1.2"));
  g_assert_cmpstr (g_ptr_array_index (t->bodies, 1), ==, body);
}

/* With a German LC_NUMERIC, printf writes "1,2345"; the wire must still say "1.2345". */
static void
test_decimal_point_whatever_the_locale (Tiny          *t,
                                        gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("EURUSD", BOURSE_SIDE_SELL, BOURSE_ORDER_TYPE_STOP, 1500);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bourse-locale-XXXXXX", &error);
  g_autofree char *target = NULL;
  g_autofree char *comma = NULL;
  char printed[32];
  int status = -1;
  const char *body;

  g_assert_no_error (error);
  target = g_build_filename (dir, "de_DE.UTF-8", NULL);
  /* Debian ships only C.UTF-8 compiled: compile a German locale for this test. */
  {
    const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL };
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
        !g_spawn_check_wait_status (status, NULL))
      {
        g_test_skip ("localedef could not build de_DE.UTF-8: the locales package is missing (`make deps` installs it)");
        return;
      }
  }
  g_setenv ("LOCPATH", dir, TRUE);
  g_assert_nonnull (setlocale (LC_NUMERIC, "de_DE.UTF-8"));
  g_snprintf (printed, sizeof printed, "%g", 1.5);
  g_assert_cmpstr (printed, ==, "1,5");  /* the locale really is in force */

  request->stop_price = 1.2345;
  request->current_ask = 1.25;
  bourse_broker_client_set_access_token (t->client, "tok-0");
  bourse_broker_client_set_timeout (t->client, 3);
  /* the first POST answers late by design: the retry's body is the same */
  bourse_broker_client_place_order_async (t->client, "PLACE", request, NULL, bourse_test_await_cb, &result);
  order_id = bourse_broker_client_place_order_finish (t->client, AWAIT (result), &error);
  setlocale (LC_NUMERIC, "C");
  g_unsetenv ("LOCPATH");
  g_assert_no_error (error);

  body = g_ptr_array_index (t->bodies, 0);
  g_assert_nonnull (strstr (body, "stopPrice=1.2345"));
  g_assert_nonnull (strstr (body, "currentAsk=1.25"));
  g_assert_nonnull (strstr (body, "qty=1500"));
  comma = g_strdup ("1%2C");
  g_assert_null (strstr (body, comma));

  g_remove (target);
  {
    g_autoptr(GFile) file = g_file_new_for_path (target);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (file, NULL, NULL);
  }
  g_rmdir (dir);
}

static void
test_preview_and_balances (Tiny          *t,
                           gconstpointer  data)
{
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("BTCUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, 0.5);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(JsonNode) balances = NULL;

  bourse_broker_client_set_access_token (t->client, "tok-0");
  bourse_broker_client_preview_order_async (t->client, "PLACE", request, NULL, bourse_test_await_cb, &r1);
  preview = bourse_broker_client_preview_order_finish (t->client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (preview), "confirmId"), ==, "c-1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (preview), "sections")), ==, 1);

  bourse_broker_client_get_balances_async (t->client, "PLACE", NULL, bourse_test_await_cb, &r2);
  balances = bourse_broker_client_get_balances_finish (t->client, AWAIT (r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (balances)), ==, 1);
}

static void
test_concurrent_401_share_one_login (Tiny          *t,
                                     gconstpointer  data)
{
  GAsyncResult *results[5] = { NULL };
  gboolean all_done;

  bourse_broker_client_set_access_token (t->client, "stale");
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    bourse_broker_client_get_orders_async (t->client, "STRICT", NULL, bourse_test_await_cb, &results[i]);
  do
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        all_done &= results[i] != NULL;
    }
  while (!all_done);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) orders = bourse_broker_client_get_orders_finish (t->client, results[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (orders);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (t->authorize_calls, ==, 1);
  g_assert_cmpuint (t->strict_calls, ==, 10);
}

static void
test_exchange_records_redacted (Tiny          *t,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  BourseApiExchange *login = NULL;
  BourseApiExchange *call = NULL;
  g_autofree char *curl = NULL;

  bourse_broker_client_authorize_async (t->client, NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_broker_client_authorize_finish (t->client, AWAIT (result), &error));
  orders = tiny_get_orders (t, "STRICT", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (t->exchanges->len, ==, 2);
  login = g_ptr_array_index (t->exchanges, 0);
  call = g_ptr_array_index (t->exchanges, 1);

  g_assert_cmpstr (bourse_api_exchange_get_method (login), ==, "POST");
  g_assert_cmpstr (bourse_api_exchange_get_path (login), ==, "/authorize");
  g_assert_cmpuint (bourse_api_exchange_get_status (login), ==, 200);
  g_assert_nonnull (strstr (bourse_api_exchange_get_request_body (login), "password=REDACTED"));
  g_assert_null (strstr (bourse_api_exchange_get_request_body (login), "s3cret"));
  g_assert_null (strstr (bourse_api_exchange_get_response_body (login), "tok-1"));
  g_assert_nonnull (strstr (bourse_api_exchange_get_response_body (login), "REDACTED"));

  g_assert_cmpstr (bourse_api_exchange_get_path (call), ==, "/accounts/STRICT/orders");
  g_assert_cmpstr (bourse_api_exchange_get_response_body (call), ==, "{\"s\":\"ok\",\"d\":[]}");
  g_assert_cmpuint (bourse_api_exchange_get_response_size (call), ==, strlen ("{\"s\":\"ok\",\"d\":[]}"));
  g_assert_cmpfloat (bourse_api_exchange_get_latency_ms (call), >, 0);
  curl = bourse_api_exchange_to_curl (call);
  g_assert_nonnull (strstr (curl, "$BOURSE_TOKEN"));
  g_assert_null (strstr (curl, "tok-1"));
  g_assert_true (g_str_has_prefix (curl, "curl 'http://127.0.0.1:"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Bourse/Core/Client/demo-read-endpoints", Demo, NULL, demo_setup, test_demo_read_endpoints, demo_teardown);
  g_test_add ("/Bourse/Core/Client/demo-order-lifecycle", Demo, NULL, demo_setup, test_demo_order_lifecycle, demo_teardown);
  g_test_add ("/Bourse/Core/Client/demo-rejections", Demo, NULL, demo_setup, test_demo_rejections, demo_teardown);
  g_test_add ("/Bourse/Core/Client/demo-oauth-code-flow", Demo, NULL, demo_setup, test_demo_oauth, demo_teardown);
  g_test_add ("/Bourse/Core/Client/protocol-violation", Tiny, NULL, tiny_setup, test_protocol_violation, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/http-500-retried", Tiny, NULL, tiny_setup, test_http_500_retried, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/retry-after-429", Tiny, NULL, tiny_setup, test_retry_after, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/timeout-and-cancel", Tiny, NULL, tiny_setup, test_timeout_and_cancel, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/place-retry-reuses-request-id", Tiny, NULL, tiny_setup,
              test_place_retry_reuses_request_id, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/decimal-point-whatever-the-locale", Tiny, NULL, tiny_setup,
              test_decimal_point_whatever_the_locale, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/preview-and-balances", Tiny, NULL, tiny_setup, test_preview_and_balances, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/concurrent-401-share-one-login", Tiny, NULL, tiny_setup,
              test_concurrent_401_share_one_login, tiny_teardown);
  g_test_add ("/Bourse/Core/Client/exchange-records-redacted", Tiny, NULL, tiny_setup,
              test_exchange_records_redacted, tiny_teardown);

  return g_test_run ();
}
