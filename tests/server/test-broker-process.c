/* test-broker-process.c — the bourse-demo-broker executable: first line, signals, kill -9, the --state journal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "bourse-demo-broker.h"
#include "broker-test-client.h"

static const char *
broker_path (void)
{
  const char *path = g_getenv ("BOURSE_DEMO_BROKER");

  if (path == NULL)
    g_error ("BOURSE_DEMO_BROKER is not set (run through meson test)");
  return path;
}

/* A broker must not outlive a test that aborts: it would hold the TAP pipe open. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
launch (GSubprocessFlags     flags,
        GError             **error,
        const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

/* Starts the executable and returns the base URL from its first stdout line. */
static GSubprocess *
spawn_broker_full (const char  *state_file,
                   gboolean     recover,
                   char       **uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;
  char *line;

  process = launch (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                    (const char * const[]) { broker_path (), "--listen", "127.0.0.1:0", "--seed", "3",
                                             "--state", state_file, recover ? "--recover" : NULL, NULL });
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *uri = line;

  return process;
}

static GSubprocess *
spawn_broker (const char  *state_file,
              char       **uri)
{
  return spawn_broker_full (state_file, FALSE, uri);
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
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}


/* ------------------------------------------------- kill -9 during a burst */

#define BURST_SIZE 500
#define BURST_ROUNDS 5
#define BURST_CONNECTIONS 64

typedef struct
{
  GSubprocess *broker;
  SoupSession *session;
  const char  *uri;
  const char  *bearer;
  guint        round;
  guint        next;        /* placements started */
  guint        pending;     /* started, not finished */
  GHashTable  *acked;       /* requestId → orderId, answered `s: ok` this round */
  guint        kill_after;  /* acknowledgements before the SIGKILL */
  gboolean     killed;
} Burst;

typedef struct
{
  Burst       *burst;
  SoupMessage *msg;
  char        *request_id;
} Placement;

/* 0.10000, 0.10001, ...: a distinct limit price for each placement of the test */
static const char *
burst_price (guint n)
{
  static char text[16];

  g_snprintf (text, sizeof text, "0.%05u", 10000 + n);
  return text;
}

static void start_placement (Burst *burst);

static void
placed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Placement *placement = user_data;
  Burst *burst = placement->burst;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (body != NULL && soup_message_get_status (placement->msg) == SOUP_STATUS_OK)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member (root, "s"), "ok") != 0)
        g_error ("placement %s: %s", placement->request_id, json_object_get_string_member (root, "errmsg"));
      g_hash_table_insert (burst->acked, g_strdup (placement->request_id),
                           g_strdup (json_object_get_string_member (json_object_get_object_member (root, "d"), "orderId")));
      if (!burst->killed && g_hash_table_size (burst->acked) >= burst->kill_after)
        {
          g_subprocess_send_signal (burst->broker, SIGKILL);
          burst->killed = TRUE;
        }
    }

  burst->pending--;
  g_object_unref (placement->msg);
  g_free (placement->request_id);
  g_free (placement);
  start_placement (burst);
}

/* Keeps BURST_CONNECTIONS placements in flight (libsoup's own queue grows
 * slow with hundreds of messages) until the broker is killed. */
static void
start_placement (Burst *burst)
{
  Placement *placement;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) body = NULL;
  guint n = burst->round * BURST_SIZE + burst->next;

  if (burst->killed || burst->next >= BURST_SIZE)
    return;

  placement = g_new0 (Placement, 1);
  placement->burst = burst;
  placement->request_id = g_strdup_printf ("burst-%u-%u", burst->round, burst->next);
  url = g_strdup_printf ("%s/accounts/D1/orders?requestId=%s", burst->uri, placement->request_id);
  /* the limit price tells the placements apart; the stop-loss makes each one two orders */
  form = g_strdup_printf ("instrument=EURUSD&qty=1000&side=buy&type=limit&limitPrice=%s&stopLoss=0.05000",
                          burst_price (n));
  body = g_bytes_new (form, strlen (form));
  placement->msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (placement->msg), "Authorization", burst->bearer);
  soup_message_set_request_body_from_bytes (placement->msg, "application/x-www-form-urlencoded", body);
  burst->next++;
  burst->pending++;
  soup_session_send_and_read_async (burst->session, placement->msg, G_PRIORITY_DEFAULT, NULL, placed_cb, placement);
}

/* Places up to BURST_SIZE orders, BURST_CONNECTIONS at a time, and kills the
 * broker with SIGKILL when the kill_after-th of them has been answered. */
static void
run_burst (Burst      *burst,
           const char *uri,
           const char *token,
           guint       round)
{
  /* no proxy look-up per connection: it costs milliseconds each */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", BURST_CONNECTIONS,
                                                                  "max-conns", BURST_CONNECTIONS,
                                                                  "proxy-resolver", NULL, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

  burst->session = session;
  burst->uri = uri;
  burst->bearer = bearer;
  burst->round = round;
  for (guint i = 0; i < BURST_CONNECTIONS; i++)
    start_placement (burst);
  while (burst->pending > 0)
    g_main_context_iteration (NULL, TRUE);
  burst->session = NULL;
}

static void
check_acknowledged (TestClient *client,
                    GHashTable *all_acked,
                    GHashTable *placed)
{
  g_autoptr(JsonNode) orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  JsonArray *array = json_node_get_array (orders);
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);   /* parent id → child */
  GHashTableIter iter;
  gpointer request_id, order_id;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = json_array_get_object_element (array, i);

      if (json_object_has_member (order, "parentId"))
        {
          /* no half-applied placement: a bracket's parent is there too */
          g_assert_nonnull (test_find_by_id (orders, json_object_get_string_member (order, "parentId")));
          g_hash_table_insert (children, (gpointer) json_object_get_string_member (order, "parentId"), order);
        }
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = json_array_get_object_element (array, i);

      /* ... and a parent that asked for a stop-loss has its bracket */
      if (json_object_has_member (order, "stopLoss"))
        g_assert_true (g_hash_table_contains (children, json_object_get_string_member (order, "id")));
    }

  /* every acknowledged placement is there, as it was placed */
  g_hash_table_iter_init (&iter, all_acked);
  while (g_hash_table_iter_next (&iter, &request_id, &order_id))
    {
      JsonNode *order = test_find_by_id (orders, order_id);
      JsonObject *child;
      char price[16];

      g_assert_nonnull (order);
      g_assert_cmpstr (test_member_string (order, "instrument"), ==, "EURUSD");
      g_assert_cmpstr (test_member_string (order, "status"), ==, "working");
      g_assert_cmpfloat (test_member_double (order, "qty"), ==, 1000);
      g_snprintf (price, sizeof price, "%.5f", test_member_double (order, "limitPrice"));
      g_assert_cmpstr (price, ==, burst_price (GPOINTER_TO_UINT (g_hash_table_lookup (placed, request_id))));
      child = g_hash_table_lookup (children, order_id);
      g_assert_nonnull (child);
      g_assert_cmpfloat (json_object_get_double_member (child, "stopPrice"), ==, 0.05);
    }
}

static void
test_kill_during_burst (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-burst-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(GHashTable) all_acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GError) error = NULL;
  guint total_acked = 0;

  for (guint round = 0; round < BURST_ROUNDS; round++)
    {
      g_autofree char *uri = NULL;
      g_autoptr(GSubprocess) broker = spawn_broker (state, &uri);
      g_autoptr(TestClient) client = test_client_new (uri);
      Burst burst = { 0 };
      gint64 round_start = g_get_monotonic_time ();
      GHashTableIter iter;
      gpointer key, value;

      test_client_login (client, "demo", "demo");
      /* what survived the previous kill is all there before this burst */
      check_acknowledged (client, all_acked, placed);

      burst.broker = broker;
      burst.acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      /* at most 300 of 500: with 64 requests in flight, some are unanswered at the kill */
      burst.kill_after = (guint) g_rand_int_range (rand, 1, 300);
      run_burst (&burst, uri, client->token, round);
      g_subprocess_wait (broker, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (burst.killed);
      g_assert_true (g_subprocess_get_if_signaled (broker));
      g_assert_cmpint (g_subprocess_get_term_sig (broker), ==, SIGKILL);
      /* killed in the middle: some placements were never answered, or never sent */
      g_assert_cmpuint (g_hash_table_size (burst.acked), >=, burst.kill_after);
      g_assert_cmpuint (g_hash_table_size (burst.acked), <, BURST_SIZE);
      g_assert_cmpuint (burst.next, >, g_hash_table_size (burst.acked));
      g_test_message ("round %u: killed after %u acknowledgements, %u acknowledged (%.2f s)", round, burst.kill_after,
                      g_hash_table_size (burst.acked), (double) (g_get_monotonic_time () - round_start) / G_USEC_PER_SEC);

      total_acked += g_hash_table_size (burst.acked);
      g_hash_table_iter_init (&iter, burst.acked);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint i = (guint) g_ascii_strtoull (strrchr (key, '-') + 1, NULL, 10);

          g_hash_table_insert (placed, g_strdup (key), GUINT_TO_POINTER (round * BURST_SIZE + i));
          g_hash_table_insert (all_acked, g_strdup (key), g_strdup (value));
        }
      g_hash_table_unref (burst.acked);
    }

  /* the last restart: everything acknowledged in all five rounds, and requestIds still answer */
  {
    g_autofree char *uri = NULL;
    g_autoptr(GSubprocess) broker = spawn_broker (state, &uri);
    g_autoptr(TestClient) client = test_client_new (uri);
    GHashTableIter iter;
    gpointer request_id, order_id;

    test_client_login (client, "demo", "demo");
    check_acknowledged (client, all_acked, placed);
    g_assert_cmpuint (g_hash_table_size (all_acked), ==, total_acked);
    g_hash_table_iter_init (&iter, all_acked);
    while (g_hash_table_iter_next (&iter, &request_id, &order_id))
      {
        g_autofree char *path = g_strdup_printf ("/accounts/D1/orders?requestId=%s", (char *) request_id);
        const char *price = burst_price (GPOINTER_TO_UINT (g_hash_table_lookup (placed, request_id)));
        g_autoptr(JsonNode) again = test_client_ok (client, "POST", path, "instrument", "EURUSD", "qty", "1000",
                                                    "side", "buy", "type", "limit", "limitPrice", price,
                                                    "stopLoss", "0.05000", NULL);

        g_assert_cmpstr (test_member_string (again, "orderId"), ==, order_id);
      }
    g_subprocess_send_signal (broker, SIGTERM);
    g_subprocess_wait_check (broker, NULL, &error);
    g_assert_no_error (error);
  }

  remove_dir (dir);
}

/* ------------------------------------------- damaged, truncated, migrated */

/* Runs the broker expecting it to refuse to start; returns its stderr. */
static char *
refused_start (const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = launch (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                           (const char * const[]) { broker_path (), "--listen", "127.0.0.1:0",
                                                                    "--state", state, NULL });
  char *err = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (process));
  g_assert_false (g_subprocess_get_if_signaled (process));
  return err;
}

/* A journal of: snapshot, then three placements on D1 (records 2, 3, 4 at least). */
static void
write_journal (const char  *state,
               char       **ids)
{
  g_autofree char *uri = NULL;
  g_autoptr(GSubprocess) broker = spawn_broker (state, &uri);
  g_autoptr(TestClient) client = test_client_new (uri);
  g_autoptr(GError) error = NULL;

  test_client_login (client, "demo", "demo");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *price = g_strdup_printf ("0.%u0000", 5 + i);
      g_autoptr(JsonNode) placed = test_client_ok (client, "POST", "/accounts/D1/orders", "instrument", "EURUSD",
                                                   "qty", "1000", "side", "buy", "type", "limit",
                                                   "limitPrice", price, NULL);

      ids[i] = g_strdup (test_member_string (placed, "orderId"));
    }
  /* SIGKILL: the journal as the requests left it, no shutdown write */
  g_subprocess_send_signal (broker, SIGKILL);
  g_subprocess_wait (broker, NULL, &error);
  g_assert_no_error (error);
}

/* Lines that are not blank: the header and the records (blank lines are padding). */
static guint
count_lines (const char *data)
{
  guint n = 0;

  for (const char *p = data; (p = strchr (p, '\n')) != NULL; p++)
    n += p > data && p[-1] != '\n';
  return n;
}

static char *
find_aside (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".damaged-") != NULL)
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_damaged_journal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-damaged-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autofree char *data = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_data = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GSubprocess) broker = NULL;
  g_autoptr(TestClient) client = NULL;
  g_autoptr(JsonNode) orders = NULL;
  g_autoptr(GError) error = NULL;
  char *ids[3] = { NULL };
  gsize length;
  guint n_records;

  write_journal (state, ids);
  g_assert_true (g_file_get_contents (state, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "bourse-state-journal 1\n"));
  n_records = count_lines (data) - 1;
  g_assert_cmpuint (n_records, >=, 4);

  /* truncated: the last record loses its end */
  g_assert_true (g_file_set_contents (state, data, (gssize) length - 10, NULL));
  err = refused_start (state);
  expected = g_strdup_printf ("State file %s: record %u (at byte", state, n_records);
  g_assert_nonnull (strstr (err, expected));
  g_assert_nonnull (strstr (err, "is truncated"));
  g_assert_nonnull (strstr (err, "--recover"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  /* damaged: one byte of record 2 flipped, the checksum no longer matches */
  {
    g_autofree char *broken = g_strdup (data);
    char *record2 = strchr (strchr (broken, '\n') + 1, '\n') + 1;
    char *payload = strchr (strchr (strchr (record2, ' ') + 1, ' ') + 1, ' ') + 1;

    payload[10] = payload[10] == 'x' ? 'y' : 'x';
    g_assert_true (g_file_set_contents (state, broken, (gssize) length, NULL));
    err = refused_start (state);
    expected = g_strdup_printf ("State file %s: record 2 (at byte %" G_GSIZE_FORMAT ") is damaged: its checksum does not match",
                                state, (gsize) (record2 - broken));
    g_assert_nonnull (strstr (err, expected));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&expected, g_free);
  }

  /* --recover on the truncated file: the good prefix is kept, the damaged file moved aside */
  g_assert_true (g_file_set_contents (state, data, (gssize) length - 10, NULL));
  broker = spawn_broker_full (state, TRUE, &uri);
  client = test_client_new (uri);
  test_client_login (client, "demo", "demo");
  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_nonnull (test_find_by_id (orders, ids[0]));
  g_assert_nonnull (test_find_by_id (orders, ids[1]));
  g_assert_null (test_find_by_id (orders, ids[2]));
  aside = find_aside (dir);
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &aside_data, NULL, NULL));
  g_assert_cmpmem (aside_data, strlen (aside_data), data, length - 10);
  g_subprocess_send_signal (broker, SIGKILL);
  g_subprocess_wait (broker, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&broker);
  g_clear_pointer (&uri, g_free);
  g_clear_pointer (&client, test_client_free);
  g_clear_pointer (&orders, json_node_unref);

  /* the new file is sound: a start without --recover works and shows the same */
  broker = spawn_broker (state, &uri);
  client = test_client_new (uri);
  test_client_login (client, "demo", "demo");
  orders = test_client_ok (client, "GET", "/accounts/D1/orders", NULL);
  g_assert_nonnull (test_find_by_id (orders, ids[1]));
  g_assert_null (test_find_by_id (orders, ids[2]));
  g_subprocess_send_signal (broker, SIGTERM);
  g_subprocess_wait_check (broker, NULL, &error);
  g_assert_no_error (error);

  /* not a state file at all */
  g_assert_true (g_file_set_contents (state, "hello", -1, NULL));
  err = refused_start (state);
  g_assert_nonnull (strstr (err, state));
  g_assert_nonnull (strstr (err, "not a Bourse state journal"));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  remove_dir (dir);
}

/* tests/server/data/state-v1.json was written by the broker before the journal
 * (one JSON object rewritten on each request); it is read once and journaled. */
static void
test_migrate_json_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-migrate-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (dir, "state.json", NULL);
  g_autofree char *backup = g_build_filename (dir, "state.json.v1.json", NULL);
  g_autofree char *fixture = NULL;
  g_autofree char *migrated = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *history = NULL;
  g_autofree char *positions = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize fixture_length;
  JsonArray *saved_accounts;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "server", "data", "state-v1.json", NULL),
                                      &fixture, &fixture_length, NULL));
  g_assert_true (g_file_set_contents (state, fixture, (gssize) fixture_length, NULL));
  g_assert_true (json_parser_load_from_data (parser, fixture, (gssize) fixture_length, NULL));
  saved_accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "accounts");

  for (guint start = 0; start < 2; start++)
    {
      g_autofree char *uri = NULL;
      g_autoptr(GSubprocess) broker = spawn_broker (state, &uri);
      g_autoptr(TestClient) client = test_client_new (uri);

      test_client_login (client, "demo", "demo");
      for (guint a = 0; a < 2; a++)
        {
          JsonObject *saved = json_array_get_object_element (saved_accounts, a);
          JsonArray *saved_orders = json_object_get_array_member (saved, "orders");
          g_autofree char *path = g_strdup_printf ("/accounts/%s/orders", json_object_get_string_member (saved, "id"));
          g_autofree char *history_path = g_strconcat (path, "History", NULL);
          g_autoptr(JsonNode) orders = test_client_ok (client, "GET", path, NULL);
          g_autoptr(JsonNode) final = test_client_ok (client, "GET", history_path, NULL);
          g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
          JsonArray *lists[] = { json_node_get_array (orders), json_node_get_array (final) };

          /* working orders are in /orders, final ones in /ordersHistory (and in /orders on their day) */
          for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
            for (guint i = 0; i < json_array_get_length (lists[l]); i++)
              g_hash_table_add (seen, (gpointer) json_object_get_string_member (json_array_get_object_element (lists[l], i), "id"));
          g_assert_cmpuint (g_hash_table_size (seen), ==, json_array_get_length (saved_orders));
          for (guint i = 0; i < json_array_get_length (saved_orders); i++)
            {
              JsonObject *o = json_array_get_object_element (saved_orders, i);
              JsonNode *found = test_find_by_id (orders, json_object_get_string_member (o, "id"));

              if (found == NULL)
                found = test_find_by_id (final, json_object_get_string_member (o, "id"));
              g_assert_nonnull (found);
              g_assert_cmpstr (test_member_string (found, "status"), ==, json_object_get_string_member (o, "status"));
              g_assert_cmpfloat (test_member_double (found, "qty"), ==, json_object_get_double_member (o, "qty"));
            }
        }
      {
        g_autoptr(JsonNode) d1 = test_client_ok (client, "GET", "/accounts/D1/ordersHistory", NULL);
        g_autoptr(JsonNode) pos = test_client_ok (client, "GET", "/accounts/D1/positions", NULL);
        g_autoptr(JsonNode) again = test_client_ok (client, "POST", "/accounts/D1/orders?requestId=v1-limit",
                                                    "instrument", "GBPUSD", "qty", "1000", "side", "sell",
                                                    "type", "limit", "limitPrice", "2.00000", NULL);
        g_autofree char *d1_text = json_to_string (d1, FALSE);

        g_assert_cmpstr (test_member_string (again, "orderId"), ==, "4");
        g_assert_cmpuint (json_array_get_length (json_node_get_array (pos)), ==, 1);
        g_assert_cmpstr (test_member_string (json_array_get_element (json_node_get_array (pos), 0), "id"), ==, "P1");
        g_assert_cmpfloat (test_member_double (json_array_get_element (json_node_get_array (pos), 0), "qty"), ==, 2000);
        /* the second start reads the journal the first one wrote: the same history */
        if (start == 0)
          history = g_steal_pointer (&d1_text);
        else
          g_assert_cmpstr (d1_text, ==, history);
      }
      if (start == 0)
        {
          /* migrated once: the file is a journal now, the JSON kept beside it byte for byte */
          g_assert_true (g_file_get_contents (state, &migrated, NULL, NULL));
          g_assert_true (g_str_has_prefix (migrated, "bourse-state-journal 1\n"));
          g_assert_true (g_file_get_contents (backup, &kept, NULL, NULL));
          g_assert_cmpstr (kept, ==, fixture);
        }
      g_subprocess_send_signal (broker, SIGTERM);
      g_subprocess_wait_check (broker, NULL, &error);
      g_assert_no_error (error);
    }

  /* a new order continues the saved id counter */
  {
    g_autofree char *uri = NULL;
    g_autoptr(GSubprocess) broker = spawn_broker (state, &uri);
    g_autoptr(TestClient) client = test_client_new (uri);
    g_autoptr(JsonNode) fresh = NULL;

    test_client_login (client, "demo", "demo");
    fresh = test_client_ok (client, "POST", "/accounts/D1/orders", "instrument", "EURUSD", "qty", "1000",
                            "side", "buy", "type", "limit", "limitPrice", "0.50000", NULL);
    g_assert_cmpstr (test_member_string (fresh, "orderId"), ==, "7");
    g_subprocess_send_signal (broker, SIGTERM);
    g_subprocess_wait_check (broker, NULL, &error);
    g_assert_no_error (error);
  }

  remove_dir (dir);
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
  g_assert_nonnull (strstr (out, "--recover"));
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

/* The broker has no TLS: main() warns unless only this machine can reach it.
 * (The decision is checked on addresses as text; nothing binds outside
 * loopback.) */
static void
test_exposed_address_warns (void)
{
  const char *loopback[] = { "127.0.0.1", "127.3.2.1", "::1", "localhost", "LOCALHOST", NULL };
  const char *exposed[] = { "0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "203.0.113.7", "example.org", NULL };

  for (guint i = 0; loopback[i] != NULL; i++)
    g_assert_true (bourse_demo_broker_address_is_loopback (loopback[i]));
  for (guint i = 0; exposed[i] != NULL; i++)
    g_assert_false (bourse_demo_broker_address_is_loopback (exposed[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Process/kill-and-restart", test_kill_and_restart);
  g_test_add_func ("/Bourse/Server/Process/command-line", test_command_line);
  g_test_add_func ("/Bourse/Server/Process/which-addresses-warn", test_exposed_address_warns);
  g_test_add_func ("/Bourse/Server/Process/kill-during-burst", test_kill_during_burst);
  g_test_add_func ("/Bourse/Server/Process/damaged-journal", test_damaged_journal);
  g_test_add_func ("/Bourse/Server/Process/migrate-json-state", test_migrate_json_state);

  return g_test_run ();
}
