/* test-broker-process.c — the bourse-demo-broker executable: first line, signals, kill -9
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "broker-test-client.h"

static const char *
broker_path (void)
{
  const char *path = g_getenv ("BOURSE_DEMO_BROKER");

  if (path == NULL)
    g_error ("BOURSE_DEMO_BROKER is not set (run through meson test)");
  return path;
}

/* Starts the executable and returns the base URL from its first stdout line. */
static GSubprocess *
spawn_broker (const char  *state_file,
              char       **uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;
  char *line;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              broker_path (), "--listen", "127.0.0.1:0", "--seed", "3",
                              "--state", state_file, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *uri = line;

  return process;
}

static char *
get_string (TestClient *client,
            const char *path)
{
  g_autoptr(JsonNode) node = test_client_ok (client, "GET", path, NULL);

  return json_to_string (node, FALSE);
}

static void
test_kill_and_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-process-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *uri2 = NULL;
  g_autoptr(GSubprocess) first = spawn_broker (state, &uri);
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(TestClient) client = test_client_new (uri);
  g_autoptr(TestClient) client2 = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *orders = NULL, *history = NULL, *executions = NULL, *orders_t1 = NULL;
  g_autoptr(JsonNode) positions = NULL;
  g_autoptr(JsonNode) positions2 = NULL;

  test_client_login (client, "demo", "demo");
  keep = test_client_ok (client, "POST", "/accounts/D1/orders?requestId=kill-1", "instrument", "ESZ6", "qty", "2",
                         "side", "buy", "type", "market", NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *rid = g_strdup_printf ("/accounts/D1/orders?requestId=kill-loop-%u", i);
      g_autoptr(JsonNode) placed = test_client_ok (client, "POST", rid, "instrument", "EURUSD", "qty", "1000",
                                                   "side", "buy", "type", "limit", "limitPrice", "0.50000",
                                                   "stopLoss", "0.40000", NULL);

      if (i % 3 == 0)
        {
          g_autofree char *path = g_strdup_printf ("/accounts/D1/orders/%s", test_member_string (placed, "orderId"));
          g_autoptr(JsonNode) cancelled = test_client_ok (client, "DELETE", path, NULL);
        }
    }
  orders = get_string (client, "/accounts/D1/orders");
  history = get_string (client, "/accounts/D1/ordersHistory");
  executions = get_string (client, "/accounts/D1/executions?instrument=ESZ6");
  orders_t1 = get_string (client, "/accounts/D2/orders");
  positions = test_client_ok (client, "GET", "/accounts/D1/positions", NULL);

  /* no clean shutdown: every acknowledged request must already be on disk */
  g_subprocess_send_signal (first, SIGKILL);
  g_subprocess_wait (first, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (first));

  second = spawn_broker (state, &uri2);
  client2 = test_client_new (uri2);
  test_client_login (client2, "demo", "demo");
  {
    g_autofree char *orders2 = get_string (client2, "/accounts/D1/orders");
    g_autofree char *history2 = get_string (client2, "/accounts/D1/ordersHistory");
    g_autofree char *executions2 = get_string (client2, "/accounts/D1/executions?instrument=ESZ6");
    g_autofree char *orders_t12 = get_string (client2, "/accounts/D2/orders");

    g_assert_cmpstr (orders2, ==, orders);
    g_assert_cmpstr (history2, ==, history);
    g_assert_cmpstr (executions2, ==, executions);
    g_assert_cmpstr (orders_t12, ==, orders_t1);
  }
  positions2 = test_client_ok (client2, "GET", "/accounts/D1/positions", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (positions2)), ==, 1);
  g_assert_cmpstr (test_member_string (json_array_get_element (json_node_get_array (positions2), 0), "id"), ==,
                   test_member_string (json_array_get_element (json_node_get_array (positions), 0), "id"));
  g_assert_cmpfloat (test_member_double (json_array_get_element (json_node_get_array (positions2), 0), "avgPrice"), ==,
                     test_member_double (json_array_get_element (json_node_get_array (positions), 0), "avgPrice"));
  again = test_client_ok (client2, "POST", "/accounts/D1/orders?requestId=kill-1", "instrument", "ESZ6", "qty", "2",
                          "side", "buy", "type", "market", NULL);
  g_assert_cmpstr (test_member_string (again, "orderId"), ==, test_member_string (keep, "orderId"));

  /* SIGTERM: a clean exit that keeps the file */
  g_subprocess_send_signal (second, SIGTERM);
  g_subprocess_wait_check (second, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (state, G_FILE_TEST_EXISTS));

  g_unlink (state);
  g_rmdir (dir);
}

static void
test_command_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) help = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                  broker_path (), "--help", NULL);
  g_autoptr(GSubprocess) bad = NULL;
  g_autoptr(GSubprocess) bad_fault = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (help, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (help));
  g_assert_nonnull (strstr (out, "--listen"));
  g_assert_nonnull (strstr (out, "--state"));
  g_assert_nonnull (strstr (out, "--drop-stream-every"));

  bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          broker_path (), "--listen", "nowhere", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (bad, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (bad));
  g_assert_nonnull (strstr (err, "ADDRESS:PORT"));
  g_clear_pointer (&err, g_free);

  bad_fault = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                broker_path (), "--http500-fraction", "2", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (bad_fault, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (bad_fault));
  g_assert_nonnull (strstr (err, "http500-fraction"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Process/kill-and-restart", test_kill_and_restart);
  g_test_add_func ("/Bourse/Server/Process/command-line", test_command_line);

  return g_test_run ();
}
