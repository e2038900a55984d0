/* test-bridge.c — `bourse-cli bridge`: TradingView alerts over real HTTP on loopback, orders at the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the demo broker (tests/lib, in its own thread), a session
 * store on it, a BourseBridge with a journal in a fresh directory, and POSTs
 * alerts to the bridge's URL as TradingView does. What reached the broker is
 * read back from the broker's own REST order lists, not from the bridge.
 */
#include <signal.h>

#include <glib/gstdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "bourse-bridge.h"
#include "bourse-broker-call.h"
#include "bourse-json.h"
#include "bourse-position.h"
#include "bourse-test-broker.h"

#define SECRET "s3cret-for-tests"

typedef struct
{
  BourseTestBroker    *broker;
  BourseBrokerClient  *client;
  BourseBrokerClient  *reader;   /* the test's own client, for the broker's order lists */
  BourseBrokerStore   *store;
  BourseBridgeJournal *journal;
  BourseBridge        *bridge;
  SoupSession         *session;
  char                *dir;
  char                *journal_path;
  char                *url;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->broker = bourse_test_broker_start (18);
  f->client = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->client, "demo", "demo");
  f->reader = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->reader, "demo", "demo");
  f->store = bourse_broker_store_new (f->client);
  bourse_test_store_start_live (f->store);

  f->dir = g_dir_make_tmp ("bourse-bridge-XXXXXX", &error);
  g_assert_no_error (error);
  f->journal_path = g_build_filename (f->dir, "data", "bridge.sqlite", NULL);
  f->journal = bourse_bridge_journal_open (f->journal_path, &error);
  g_assert_no_error (error);
  f->bridge = bourse_bridge_new (f->store, f->journal, SECRET);
  g_assert_true (bourse_bridge_listen (f->bridge, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  f->url = bourse_bridge_dup_url (f->bridge);
  g_assert_true (g_str_has_prefix (f->url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (f->url, "/webhook"));

  f->session = soup_session_new ();
  soup_session_set_proxy_resolver (f->session, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_session_abort (f->session);
  g_clear_object (&f->session);
  bourse_bridge_stop (f->bridge);
  g_assert_finalize_object (f->bridge);
  g_assert_finalize_object (f->journal);
  bourse_test_store_stop (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->reader);
  bourse_test_broker_stop (f->broker);
  g_remove (f->journal_path);
  g_free (f->url);
  g_free (f->journal_path);
  /* The directory keeps the WAL side files: left to the tmp cleaner. */
  g_free (f->dir);
}

/* -- helpers ------------------------------------------------------------- */

typedef struct
{
  guint     status;
  char     *body;
  gboolean  done;
  gint64    elapsed_us;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_free (answer->body);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Answer *answer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  g_assert_no_error (error);
  answer->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (object), result));
  answer->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  answer->done = TRUE;
}

/* POSTs @body (@length bytes, -1: a string) as TradingView does and waits for the answer. */
static void
post_n (Fixture    *f,
        const char *body,
        gssize      length,
        Answer     *answer)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, f->url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
  gint64 start = g_get_monotonic_time ();

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, answer);
  WAIT_UNTIL (answer->done, 20);
  answer->elapsed_us = g_get_monotonic_time () - start;
}

static void
post (Fixture    *f,
      const char *body,
      Answer     *answer)
{
  post_n (f, body, -1, answer);
}

static JsonObject *
answer_object (Answer   *answer,
               JsonNode **root)
{
  g_autoptr(GError) error = NULL;

  *root = _bourse_json_parse (answer->body, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

/* How many orders in @symbol the broker has, working or final, read over REST
 * (/orders also lists the session's final orders: counted once by id). */
static guint
broker_order_count (Fixture    *f,
                    const char *symbol)
{
  static const struct { const char *section; BourseSchema schema; } lists[] = {
    { "orders", BOURSE_SCHEMA_ORDERS }, { "ordersHistory", BOURSE_SCHEMA_ORDERS_HISTORY },
  };
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *path = g_strdup_printf ("/accounts/%s/%s", bourse_broker_store_get_account_id (f->store),
                                               lists[i].section);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonArray *orders;

      bourse_broker_client_call_async (f->reader, "GET", path, NULL, NULL, lists[i].schema, BOURSE_CALL_AUTH,
                                       NULL, call_cb, &result);
      WAIT_UNTIL (result != NULL, 20);
      root = bourse_broker_client_call_finish (f->reader, result, &error);
      g_assert_no_error (error);
      orders = json_node_get_array (_bourse_json_get_member (json_node_get_object (root), "d"));
      for (guint k = 0; k < json_array_get_length (orders); k++)
        {
          JsonObject *order = json_array_get_object_element (orders, k);

          if (g_strcmp0 (_bourse_json_get_string (order, "instrument"), symbol) == 0)
            g_hash_table_add (ids, _bourse_json_dup_id (order, "id"));
        }
    }
  return g_hash_table_size (ids);
}

static GPtrArray *
journal_rows (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = bourse_bridge_journal_list (f->journal, 0, &error);

  g_assert_no_error (error);
  return rows;
}

static guint
count_decisions (Fixture    *f,
                 const char *decision)
{
  g_autoptr(GPtrArray) rows = journal_rows (f);
  guint count = 0;

  for (guint i = 0; i < rows->len; i++)
    count += g_str_equal (((BourseBridgeEntry *) g_ptr_array_index (rows, i))->decision, decision);
  return count;
}

#define BUY_EURUSD(id) "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"1000\",\"id\":\"" id "\"}"

/* -- tests --------------------------------------------------------------- */

static void
test_valid_alert (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 0);
  post (f, BUY_EURUSD ("valid-1"), &answer);
  g_assert_cmpuint (answer.status, ==, 200);
  object = answer_object (&answer, &root);
  g_assert_cmpstr (_bourse_json_get_string (object, "result"), ==, "placed");
  g_assert_nonnull (_bourse_json_get_string (object, "order_id"));
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
  /* pending, then placed, with the broker's order id */
  g_assert_cmpuint (count_decisions (f, "pending"), ==, 1);
  g_assert_cmpuint (count_decisions (f, "placed"), ==, 1);
}

/* TradingView re-sends up to 3 times: 4 deliveries of one firing place one order. */
static void
test_same_id_four_times (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first_order = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_auto(Answer) answer = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;

      post (f, BUY_EURUSD ("repeat-1"), &answer);
      g_assert_cmpuint (answer.status, ==, 200);
      object = answer_object (&answer, &root);
      /* the original answer each time */
      g_assert_cmpstr (_bourse_json_get_string (object, "result"), ==, "placed");
      if (i == 0)
        first_order = g_strdup (_bourse_json_get_string (object, "order_id"));
      else
        g_assert_cmpstr (_bourse_json_get_string (object, "order_id"), ==, first_order);
    }
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
  g_assert_cmpuint (count_decisions (f, "duplicate"), ==, 3);
  g_assert_cmpuint (count_decisions (f, "placed"), ==, 1);
}

/* Without an id, ticker + time is the key. */
static void
test_ticker_time_key (Fixture       *f,
                      gconstpointer  data)
{
  const char *alert = "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"sell\",\"contracts\":1000,"
                      "\"time\":\"2026-01-05T14:30:00Z\"}";

  for (guint i = 0; i < 2; i++)
    {
      g_auto(Answer) answer = { 0 };
      post (f, alert, &answer);
      g_assert_cmpuint (answer.status, ==, 200);
    }
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
  g_assert_cmpuint (count_decisions (f, "duplicate"), ==, 1);
}

static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const alerts[] = {
    "{\"secret\":\"s3cret-for-test\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1000}",
    "{\"secret\":\"" SECRET "x\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1000}",
    "{\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1000}",
    /* a wrong secret is 401 even when the rest is wrong too: nothing is told to a stranger */
    "{\"secret\":\"nope\",\"action\":\"buy\",\"contracts\":\"1,5\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
    {
      g_auto(Answer) answer = { 0 };
      g_autoptr(JsonNode) root = NULL;

      post (f, alerts[i], &answer);
      g_assert_cmpuint (answer.status, ==, 401);
      g_assert_cmpstr (_bourse_json_get_string (answer_object (&answer, &root), "result"), ==, "unauthorized");
    }
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 0);
  g_assert_cmpuint (count_decisions (f, "unauthorized"), ==, G_N_ELEMENTS (alerts));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *body; guint status; const char *reason; } cases[] = {
    { "", 400, "empty body" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":", 400, "malformed JSON" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"NOSUCH\",\"action\":\"buy\",\"contracts\":1000}", 400, "ticker: the broker has no instrument \"NOSUCH\"" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"contracts\":1000}", 400, "action: missing" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":0}", 400, "contracts: 0 is not a positive quantity" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":-1000}", 400, "contracts: -1000 is not a positive quantity" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"NaN\"}", 400, "contracts: \"NaN\" is not a number" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"1,5\"}", 400, "contracts: \"1,5\" is not a number" },
    /* the trading rules: a quantity the instrument does not take is refused by BourseTrader */
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1500}", 422, "EURUSD takes quantities from 1000" },
    { "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"exit\"}", 422, "no open position in EURUSD" },
  };
  g_autofree char *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Answer) answer = { 0 };
      g_autoptr(JsonNode) root = NULL;
      const char *reason;

      g_test_message ("%s", cases[i].body);
      post (f, cases[i].body, &answer);
      g_assert_cmpuint (answer.status, ==, cases[i].status);
      reason = _bourse_json_get_string (answer_object (&answer, &root), "reason");
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, cases[i].reason));
      g_assert_null (strchr (reason, '\n'));
    }

  /* 10 MB: 413, not read into memory first */
  {
    g_auto(Answer) answer = { 0 };
    gsize size = 10 * 1024 * 1024;

    huge = g_malloc (size);
    memset (huge, ' ', size);
    post_n (f, huge, size, &answer);
    g_assert_cmpuint (answer.status, ==, 413);
    g_assert_nonnull (strstr (answer.body, "over 64 KiB"));
  }
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 0);
  g_assert_cmpuint (count_decisions (f, "invalid"), ==, 9);
  g_assert_cmpuint (count_decisions (f, "refused"), ==, 2);

  /* … and the bridge keeps serving. */
  {
    g_auto(Answer) answer = { 0 };
    post (f, BUY_EURUSD ("after-bad-input"), &answer);
    g_assert_cmpuint (answer.status, ==, 200);
  }
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonNode) root = NULL;

  bourse_bridge_set_dry_run (f->bridge, TRUE);
  post (f, BUY_EURUSD ("dry-1"), &answer);
  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_cmpstr (_bourse_json_get_string (answer_object (&answer, &root), "result"), ==, "dry-run");
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 0);
  g_assert_cmpuint (count_decisions (f, "dry-run"), ==, 1);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *stale = g_strdup_printf ("{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\","
                                            "\"contracts\":1000,\"time\":%" G_GINT64_FORMAT "}", now - 600);
  g_autofree char *fresh = g_strdup_printf ("{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\","
                                            "\"contracts\":1000,\"time\":%" G_GINT64_FORMAT "}", now - 1);
  g_auto(Answer) first = { 0 };
  g_auto(Answer) second = { 0 };

  bourse_bridge_set_max_lag (f->bridge, 60);
  post (f, stale, &first);
  g_assert_cmpuint (first.status, ==, 400);
  g_assert_nonnull (strstr (first.body, "stale"));
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 0);
  post (f, fresh, &second);
  g_assert_cmpuint (second.status, ==, 200);
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
}

/* A broker slower than TradingView's 3 s: 202 after 2.5 s, the outcome in the journal. */
static void
test_slow_broker_202 (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Answer) answer = { 0 };
  g_auto(Answer) repeat = { 0 };

  bourse_test_broker_set_faults (f->broker, "latency-ms=4000");
  post (f, BUY_EURUSD ("slow-1"), &answer);
  g_assert_cmpuint (answer.status, ==, 202);
  g_assert_cmpint (answer.elapsed_us, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (answer.elapsed_us, >=, (BOURSE_BRIDGE_REPLY_MS - 100) * 1000);
  /* a resend while it is still going places nothing */
  post (f, BUY_EURUSD ("slow-1"), &repeat);
  g_assert_cmpuint (repeat.status, ==, 202);
  g_assert_nonnull (strstr (repeat.body, "still being sent"));
  WAIT_UNTIL (count_decisions (f, "placed") == 1, 30);
  bourse_test_broker_set_faults (f->broker, "latency-ms=0");
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);
}

static gboolean
position_is_short (Fixture *f)
{
  GListModel *positions = bourse_broker_store_get_positions (f->store);
  g_autoptr(BoursePosition) position = NULL;

  if (g_list_model_get_n_items (positions) != 1)
    return FALSE;
  position = g_list_model_get_item (positions, 0);
  return bourse_position_get_side (position) == BOURSE_SIDE_SELL && bourse_position_get_qty (position) == 1000;
}

/* reverse turns the long the buy opened short; exit closes it; cancel cancels
 * the ticker's working orders. */
static void
test_reverse_exit_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Answer) reverse = { 0 };
  g_auto(Answer) buy = { 0 };
  g_auto(Answer) close = { 0 };
  g_auto(Answer) limit = { 0 };
  g_auto(Answer) cancel = { 0 };

  post (f, BUY_EURUSD ("open-1"), &buy);
  g_assert_cmpuint (buy.status, ==, 200);
  WAIT_UNTIL (g_list_model_get_n_items (bourse_broker_store_get_positions (f->store)) == 1, 20);
  post (f, "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"reverse\",\"id\":\"rev-1\"}", &reverse);
  g_assert_cmpuint (reverse.status, ==, 200);
  WAIT_UNTIL (position_is_short (f), 20);
  post (f, "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"exit\",\"id\":\"close-1\"}", &close);
  g_assert_cmpuint (close.status, ==, 200);
  WAIT_UNTIL (g_list_model_get_n_items (bourse_broker_store_get_positions (f->store)) == 0, 20);

  post (f, "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1000,"
           "\"order_type\":\"limit\",\"price\":\"0.5\",\"id\":\"limit-1\"}", &limit);
  g_assert_cmpuint (limit.status, ==, 200);
  WAIT_UNTIL (g_list_model_get_n_items (bourse_broker_store_get_orders (f->store)) == 1, 20);
  post (f, "{\"secret\":\"" SECRET "\",\"ticker\":\"EURUSD\",\"action\":\"cancel\",\"id\":\"cancel-1\"}", &cancel);
  g_assert_cmpuint (cancel.status, ==, 200);
  WAIT_UNTIL (g_list_model_get_n_items (bourse_broker_store_get_orders (f->store)) == 0, 20);
}

/* The journal lists every alert and decision, also through `bourse-cli bridge --log --json`. */
static void
test_journal_log (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const expected[] = { "pending", "placed", "duplicate", "unauthorized", "invalid" };
  g_auto(Answer) a = { 0 };
  g_auto(Answer) b = { 0 };
  g_auto(Answer) c = { 0 };
  g_auto(Answer) d = { 0 };
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *cli_path = g_getenv ("BOURSE_CLI");

  post (f, BUY_EURUSD ("log-1"), &a);
  post (f, BUY_EURUSD ("log-1"), &b);
  post (f, "{\"secret\":\"wrong\"}", &c);
  post (f, "not json", &d);

  if (cli_path == NULL)
    {
      g_test_skip ("BOURSE_CLI is not set (run through meson test)");
      return;
    }
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cli_path, "bridge", "--log", "--json",
                          "--journal", f->journal_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (cli));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(JsonNode) row = _bourse_json_parse (lines[i], -1, &error);
      JsonObject *object;

      g_assert_no_error (error);
      object = json_node_get_object (row);
      g_assert_cmpstr (_bourse_json_get_string (object, "decision"), ==, expected[i]);
      if (i < 3)
        g_assert_cmpstr (_bourse_json_get_string (object, "key"), ==, "id:log-1");
      if (i == 1)
        g_assert_nonnull (_bourse_json_get_string (object, "order_id"));
    }
}

/* The command itself: the webhook URL is the first line of stdout, alerts are
 * served, and SIGTERM ends it with status 0. */
static void
test_cli_serves_until_sigterm (Fixture       *f,
                               gconstpointer  data)
{
  const char *cli_path = g_getenv ("BOURSE_CLI");
  g_autofree char *secret_path = g_build_filename (f->dir, "secret", NULL);
  g_autofree char *password_path = g_build_filename (f->dir, "password", NULL);
  g_autofree char *journal_path = g_build_filename (f->dir, "cli.sqlite", NULL);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *own_url = NULL;
  g_auto(Answer) answer = { 0 };

  if (cli_path == NULL)
    {
      g_test_skip ("BOURSE_CLI is not set (run through meson test)");
      return;
    }
  g_assert_true (g_file_set_contents (secret_path, "cli-secret\n", -1, &error));
  g_assert_true (g_file_set_contents (password_path, "demo\n", -1, &error));
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          cli_path, "bridge", "--broker", f->broker->url, "--login", "demo",
                          "--password-file", password_path, "--listen", "127.0.0.1:0",
                          "--secret-file", secret_path, "--journal", journal_path, NULL);
  g_assert_no_error (error);
  /* The broker runs in its own thread: a blocking read of the first line is fine. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cli));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/webhook"));

  own_url = g_steal_pointer (&f->url);
  f->url = g_strdup (url);
  post (f, "{\"secret\":\"cli-secret\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1000,\"id\":\"cli-1\"}",
        &answer);
  g_free (f->url);
  f->url = g_steal_pointer (&own_url);
  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_nonnull (strstr (answer.body, "\"placed\""));
  g_assert_cmpuint (broker_order_count (f, "EURUSD"), ==, 1);

  g_subprocess_send_signal (cli, SIGTERM);
  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli));
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/Bourse/Bridge/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("valid-alert-places-one-order", test_valid_alert);
  ADD ("same-id-four-times-places-one", test_same_id_four_times);
  ADD ("ticker-time-key", test_ticker_time_key);
  ADD ("wrong-secret-places-none", test_wrong_secret);
  ADD ("bad-input-400-413", test_bad_input);
  ADD ("dry-run-places-none", test_dry_run);
  ADD ("stale-alert-refused", test_stale);
  ADD ("slow-broker-answered-202", test_slow_broker_202);
  ADD ("reverse-exit-cancel", test_reverse_exit_cancel);
  ADD ("journal-log", test_journal_log);
  ADD ("cli-serves-until-sigterm", test_cli_serves_until_sigterm);
#undef ADD
  return g_test_run ();
}
