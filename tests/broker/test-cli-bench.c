/* test-cli-bench.c — `bourse-cli bench broker ingest|rest|order` as `make bench` runs them, on small counts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real `bourse-cli` ($BOURSE_CLI) against the demo broker of tests/lib
 * (in a thread of this process, on loopback), with the invocations of
 * tests/bench.sh but counts that take a second or two. Each benchmark must
 * print its one JSON line with the counts asked for and finite, ordered
 * numbers (p50 ≤ p99 ≤ max), and the broker must have seen the work (the
 * orders placed are there). Speed is not judged here: that is `make bench`.
 */
#include <math.h>
#include <string.h>

#include "bourse-broker-client.h"
#include "bourse-json.h"
#include "bourse-test-broker.h"

typedef struct
{
  char    *out;
  char    *err;
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

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (G_SUBPROCESS (object)) ? g_subprocess_get_exit_status (G_SUBPROCESS (object)) : -1;
  run->done = TRUE;
}

static gboolean
run_done_cb (gpointer user_data)
{
  return ((Run *) user_data)->done;
}

/* Runs `bourse-cli bench broker @args…` while this thread keeps its main
 * loop turning; returns the exit status, and in @result the one JSON line's
 * object when it exited 0. */
static int
run_bench (const char * const  *args,
           JsonObject         **result)
{
  const char *cli = g_getenv ("BOURSE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  Run run = { 0 };

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "bench");
  g_ptr_array_add (argv, "broker");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  g_assert_true (bourse_test_wait_until (run_done_cb, &run, 60000));
  g_test_message ("bench broker %s: exit %d, %s%s", args[0], run.status, run.out, run.err);
  *result = NULL;
  if (run.status == 0)
    {
      /* one JSON line, nothing else on stdout */
      g_assert_true (g_str_has_suffix (run.out, "\n"));
      g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
      root = _bourse_json_parse (run.out, -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      *result = json_object_ref (json_node_get_object (root));
    }
  g_free (run.out);
  g_free (run.err);
  return run.status;
}

/* A member that must be a finite number ≥ @min. */
static double
number (JsonObject *object,
        const char *name,
        double      min)
{
  double value;

  g_assert_true (json_object_has_member (object, name));
  value = json_object_get_double_member (object, name);
  g_assert_true (isfinite (value));
  g_assert_cmpfloat (value, >=, min);
  return value;
}

/* Stream ingest from memory: messages = what was asked, the rate is the count over the time. */
static void
test_ingest (void)
{
  static const char * const args[] = { "ingest", "--messages", "5000", NULL };
  static const char * const bad[] = { "ingest", "--messages", "zero", NULL };
  g_autoptr(JsonObject) r = NULL;
  double seconds;

  g_assert_cmpint (run_bench (args, &r), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "bench"), ==, "broker-ingest");
  g_assert_cmpint (json_object_get_int_member (r, "messages"), ==, 5000);
  number (r, "symbols", 1);
  /* each message is a JSON quote line of some tens of bytes */
  g_assert_cmpfloat (number (r, "bytes", 0), >, 5000 * 20);
  seconds = number (r, "seconds", 0);
  g_assert_cmpfloat (number (r, "msgs_per_s", 1), >, 0);
  /* the rate is messages / seconds (seconds is printed to the ms) */
  if (seconds >= 0.01)
    g_assert_cmpfloat (fabs (number (r, "msgs_per_s", 1) * seconds / 5000 - 1), <, 0.1);
  number (r, "target_msgs_per_s", 1);

  g_clear_pointer (&r, json_object_unref);
  g_assert_cmpint (run_bench (bad, &r), ==, 2);
  g_assert_null (r);
}

/* REST round trips: the count asked, p50 ≤ p99 for /orders and /quotes. */
static void
test_rest (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (21);
  const char * const args[] = { "rest", broker->url, "--login", "demo", "--password", "demo", "--requests", "40", NULL };
  const char * const wrong[] = { "rest", broker->url, "--login", "demo", "--password", "nope", "--requests", "5", NULL };
  const char * const usage[] = { "rest", broker->url, "--requests", "5", NULL };
  g_autoptr(JsonObject) r = NULL;

  g_assert_cmpint (run_bench (args, &r), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "bench"), ==, "broker-rest");
  g_assert_cmpint (json_object_get_int_member (r, "requests"), ==, 40);
  g_assert_cmpfloat (number (r, "orders_p50_ms", 0), <=, number (r, "orders_p99_ms", 0));
  g_assert_cmpfloat (number (r, "quotes_p50_ms", 0), <=, number (r, "quotes_p99_ms", 0));
  /* a round trip over loopback takes some time */
  g_assert_cmpfloat (number (r, "orders_p99_ms", 0), >, 0);
  g_clear_pointer (&r, json_object_unref);

  /* a refused login fails (exit 1, no line); missing credentials are a usage error */
  g_assert_cmpint (run_bench (wrong, &r), ==, 1);
  g_assert_null (r);
  g_assert_cmpint (run_bench (usage, &r), ==, 2);
  g_assert_null (r);
}

/* The working limit orders of @account on the broker, by a client of the test's own. */
static guint
count_working_limits (BourseTestBroker *broker,
                      const char       *login,
                      const char       *account)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (broker->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  bourse_broker_client_set_password_credentials (client, login, login);
  bourse_broker_client_get_orders_async (client, account, NULL, bourse_test_await_cb, &result);
  orders = bourse_broker_client_get_orders_finish (client, AWAIT (result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < orders->len; i++)
    {
      BourseOrder *order = g_ptr_array_index (orders, i);

      if (bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_LIMIT &&
          bourse_order_get_status (order) == BOURSE_ORDER_STATUS_WORKING)
        n++;
    }
  return n;
}

/* Order placed → visible in the store, streaming then polling: the count
 * asked, p50 ≤ p99 ≤ max, and each order really placed at the broker. */
static void
test_order (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (22);
  const char * const streaming[] = { "order", broker->url, "--login", "demo", "--password", "demo", "--orders", "20", NULL };
  const char * const polling[] = { "order", broker->url, "--login", "trader", "--password", "trader", "--orders", "5",
                                   "--polling", NULL };
  struct { const char * const *args; const char *mode; gint64 n; const char *login, *account; } runs[] = {
    { streaming, "streaming", 20, "demo", "D1" },
    { polling, "polling", 5, "trader", "T1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(JsonObject) r = NULL;
      guint before = count_working_limits (broker, runs[i].login, runs[i].account);

      g_assert_cmpint (run_bench (runs[i].args, &r), ==, 0);
      g_assert_cmpstr (json_object_get_string_member (r, "bench"), ==, "broker-order-to-store");
      g_assert_cmpstr (json_object_get_string_member (r, "mode"), ==, runs[i].mode);
      g_assert_cmpint (json_object_get_int_member (r, "orders"), ==, runs[i].n);
      g_assert_cmpfloat (number (r, "p50_ms", 0), <=, number (r, "p99_ms", 0));
      g_assert_cmpfloat (number (r, "p99_ms", 0), <=, number (r, "max_ms", 0));
      /* an order is seen after it was sent, never before */
      g_assert_cmpfloat (number (r, "p50_ms", 0), >, 0);
      number (r, "target_p99_ms", 1);
      /* the limits (far below the market) rest at the broker: the bench placed them */
      g_assert_cmpuint (count_working_limits (broker, runs[i].login, runs[i].account), ==, before + runs[i].n);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Core/CliBench/ingest", test_ingest);
  g_test_add_func ("/Bourse/Core/CliBench/rest", test_rest);
  g_test_add_func ("/Bourse/Core/CliBench/order", test_order);

  return g_test_run ();
}
