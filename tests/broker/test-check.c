/* test-check.c — `bourse-cli check`: the demo broker passes completely, a broken broker fails with JSON paths
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "bourse-broker-client.h"
#include "bourse-json.h"
#include "bourse-test-broker.h"

typedef struct
{
  char    *stdout_text;
  int      status;
  gboolean done;
} Run;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->stdout_text, NULL, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

static gboolean
run_done_cb (gpointer user_data)
{
  return ((Run *) user_data)->done;
}

/* Runs `bourse-cli check URL … --json` while this thread keeps serving. */
static JsonNode *
run_check (const char  *url,
           const char  *trade,
           int         *status)
{
  const char *cli = g_getenv ("BOURSE_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  JsonNode *root;
  Run run = { 0 };

  g_assert_nonnull (cli);
  if (trade != NULL)
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cli, "check", url, "--login", "demo",
                                "--password", "demo", "--json", "--stream-seconds", "1", "--trade", trade, NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cli, "check", url, "--login", "demo",
                                "--password", "demo", "--json", "--stream-seconds", "1", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  g_assert_true (bourse_test_wait_until (run_done_cb, &run, 50000));
  *status = run.status;
  root = _bourse_json_parse (run.stdout_text, -1, &error);
  g_assert_no_error (error);
  g_free (run.stdout_text);
  return root;
}

static JsonObject *
find_result (JsonNode   *root,
             const char *check)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (root), "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      if (g_str_equal (json_object_get_string_member (r, "check"), check))
        return r;
    }
  g_error ("no check named “%s”", check);
}

static void
assert_fails_at (JsonNode   *root,
                 const char *check,
                 const char *path)
{
  JsonObject *r = find_result (root, check);
  JsonArray *violations = json_object_get_array_member (r, "violations");

  g_assert_cmpstr (json_object_get_string_member (r, "result"), ==, "fail");
  if (path == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (violations); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (violations, i), "path"), path))
      return;
  g_error ("“%s” reports no violation at %s", check, path);
}

static void
test_demo_broker_passes (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (11);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;
  int status = -1;

  root = run_check (broker->url, "EURUSD", &status);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      if (!g_str_equal (json_object_get_string_member (r, "result"), "pass"))
        g_test_message ("FAIL %s: %s", json_object_get_string_member (r, "check"),
                        json_object_has_member (r, "detail") ? json_object_get_string_member (r, "detail") : "");
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "passed"));
  /* every endpoint, the five streams and the trading round trip */
  g_assert_cmpuint (json_array_get_length (results), >=, 36);
  g_assert_cmpstr (json_object_get_string_member (find_result (root, "POST /accounts/{id}/orders (same requestId again)"), "detail"),
                   ==, "one order for one requestId");
}

/* ---- a broker that gets everything wrong ---- */

static void
broken_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (g_str_equal (path, "/streaming"))
    name = g_strdup ("streaming.txt");
  else
    {
      g_auto(GStrv) parts = g_strsplit (path + 1, "/", -1);
      g_autofree char *joined = g_strjoinv ("_", parts);
      name = g_strconcat (joined, ".json", NULL);
    }
  file = g_test_build_filename (G_TEST_DIST, "fixtures", "broken-broker", name, NULL);
  if (!g_file_get_contents (file, &contents, &length, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, contents, length);
}

static void
test_broken_broker_fails (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  int status = -1;

  soup_server_add_handler (server, NULL, broken_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  root = run_check (url, NULL, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "passed"));

  assert_fails_at (root, "POST /authorize", NULL);                              /* expiration in the past */
  assert_fails_at (root, "POST /authorize (again: a new token)", NULL);
  assert_fails_at (root, "POST /authorize (wrong password is refused)", NULL);
  assert_fails_at (root, "GET /accounts (no token: 401)", NULL);
  assert_fails_at (root, "GET /config", "$.d.durations[0].title");
  assert_fails_at (root, "GET /config", "$.d.pullingInterval.orders");
  assert_fails_at (root, "GET /accounts", "$.d[0].id");
  assert_fails_at (root, "GET /accounts/{id}/instruments", "$.d[0].minTick");
  assert_fails_at (root, "GET /accounts/{id}/instruments", "$.d[0].type");
  assert_fails_at (root, "GET /accounts/{id}/state", "$.d.balance");
  assert_fails_at (root, "GET /accounts/{id}/orders", "$.d[0].qty");
  assert_fails_at (root, "GET /accounts/{id}/ordersHistory", "$.d[0].status");
  assert_fails_at (root, "GET /accounts/{id}/positions", "$.d[0].side");
  assert_fails_at (root, "GET /accounts/{id}/executions", "$.d[0].time");
  assert_fails_at (root, "GET /quotes", "$.d[0].v.bid");
  assert_fails_at (root, "GET /history", "$.c");
  assert_fails_at (root, "GET /symbol_info", "$.timezone");
  assert_fails_at (root, "GET /mapping (no token)", NULL);                      /* EURUSD not mapped */
  assert_fails_at (root, "GET /streaming (stream, 1 s)", "line 1: $.ap");
  g_assert_cmpstr (json_object_get_string_member (find_result (root, "GET /depth"), "result"), ==, "pass");

  soup_server_disconnect (server);
}

/* `bourse-cli watch --snapshot` prints changes as JSON lines, then the state the server has. */
static void
test_watch_snapshot (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (12);
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (broker->url);
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("AAPL", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *order_id = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) last = NULL;
  JsonObject *snapshot;
  JsonArray *orders;
  guint n_lines, order_lines = 0;
  Run run = { 0 };

  bourse_broker_client_set_password_credentials (client, "demo", "demo");
  request->limit_price = 1.5;
  bourse_broker_client_place_order_async (client, "D1", request, NULL, bourse_test_await_cb, &result);
  order_id = bourse_broker_client_place_order_finish (client, bourse_test_await (&result), &error);
  g_assert_no_error (error);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("BOURSE_CLI"), "watch", broker->url,
                              "--login", "demo", "--password", "demo", "--for", "1.5", "--snapshot", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  g_assert_true (bourse_test_wait_until (run_done_cb, &run, 30000));
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (g_strchomp (run.stdout_text), "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >=, 3);
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_autoptr(JsonNode) line = _bourse_json_parse (lines[i], -1, &error);
      JsonObject *o;

      g_assert_no_error (error);  /* every line is one JSON object */
      o = json_node_get_object (line);
      if (g_str_equal (json_object_get_string_member (o, "kind"), "order"))
        {
          g_assert_cmpstr (json_object_get_string_member (o, "change"), ==, "added");
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "item"), "id"), ==, order_id);
          order_lines++;
        }
    }
  g_assert_cmpuint (order_lines, ==, 1);

  last = _bourse_json_parse (lines[n_lines - 1], -1, &error);
  g_assert_no_error (error);
  snapshot = json_object_get_object_member (json_node_get_object (last), "snapshot");
  g_assert_cmpstr (json_object_get_string_member (snapshot, "account"), ==, "D1");
  orders = json_object_get_array_member (snapshot, "orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (orders, 0), "id"), ==, order_id);
  /* numbers as the broker writes them: 1.5 and 3, not 1.5000000000000000 or 3.0 */
  g_assert_nonnull (strstr (lines[n_lines - 1], "\"limitPrice\":1.5,"));
  g_assert_nonnull (strstr (lines[n_lines - 1], "\"qty\":3,"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (snapshot, "state"), "balance"), ==, 100000);
  g_free (run.stdout_text);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Core/Check/demo-broker-passes", test_demo_broker_passes);
  g_test_add_func ("/Bourse/Core/Check/broken-broker-fails", test_broken_broker_fails);
  g_test_add_func ("/Bourse/Core/Watch/snapshot", test_watch_snapshot);

  return g_test_run ();
}
