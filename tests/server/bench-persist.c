/* bench-persist.c — order placement latency of the real broker with a large --state, as JSON lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-persist BROKER STORED [PLACED]: writes a state file holding STORED
 * working limit orders on D1 (the version-1 JSON that the matching engine
 * serializes, which every broker version reads), starts the bourse-demo-broker
 * executable BROKER on it over loopback, then places PLACED (default 1000)
 * more limit orders one after another and reports the round-trip latency of
 * each: p50, p99, max, and how long the broker took to start on that state.
 * Each placement is answered only once it is durable, so this measures the
 * persistence cost per request at that state size. For scale, sync_p50_ms is
 * what one bare 1 KiB append + fdatasync() costs in the same folder just
 * before: no placement can be faster, and on a shared disk it moves a lot.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "bourse-matching-engine.h"
#include "broker-test-client.h"

static void
write_state (const char *path,
             guint       stored)
{
  g_autoptr(BourseMatchingEngine) engine = bourse_matching_engine_new ();
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  bourse_matching_engine_add_account (engine, "D1", "Demo USD", "USD", 100000);
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.10000, 1.10020, 1.10010);
  g_hash_table_insert (fields, "instrument", "EURUSD");
  g_hash_table_insert (fields, "qty", "1000");
  g_hash_table_insert (fields, "side", "buy");
  g_hash_table_insert (fields, "type", "limit");
  g_hash_table_insert (fields, "limitPrice", "0.50000");
  for (guint i = 0; i < stored; i++)
    {
      g_autofree char *id = bourse_matching_engine_place_order (engine, "D1", fields, NULL, &error);

      if (id == NULL)
        g_error ("bench-persist: seeding order %u: %s", i, error->message);
    }
  node = bourse_matching_engine_serialize (engine);
  text = json_to_string (node, FALSE);
  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("bench-persist: %s", error->message);
}

static double median (GArray *values);

/* The floor: a bare append of a record-sized line and fdatasync(), 200 times. */
static double
sync_p50_ms (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sync-probe", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  char line[1024];
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  memset (line, 'x', sizeof line - 1);
  line[sizeof line - 1] = '\n';
  for (guint i = 0; i < 200; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      g_assert_cmpint (write (fd, line, sizeof line), ==, (int) sizeof line);
      g_assert_cmpint (fdatasync (fd), ==, 0);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times, ms);
    }
  close (fd);
  g_unlink (path);
  return median (times);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *state = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) broker = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(TestClient) client = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 stored, placed = 1000;
  gint64 start, started;
  double p50, p99, max, sync_ms;

  if (argc < 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, 10000000, &stored, NULL) ||
      (argc > 3 && !g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &placed, NULL)))
    {
      g_printerr ("usage: bench-persist BROKER STORED [PLACED]\n");
      return EXIT_FAILURE;
    }

  dir = g_dir_make_tmp ("bourse-bench-persist-XXXXXX", &error);
  g_assert_no_error (error);
  state = g_build_filename (dir, "state", NULL);
  write_state (state, (guint) stored);
  sync_ms = sync_p50_ms (dir);

  start = g_get_monotonic_time ();
  broker = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv[1],
                             "--listen", "127.0.0.1:0", "--state", state, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (broker));
  uri = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (uri == NULL)
    g_error ("bench-persist: the broker did not start: %s", error ? error->message : "no output");
  started = g_get_monotonic_time ();

  client = test_client_new (uri);
  test_client_login (client, "demo", "demo");
  for (guint64 i = 0; i < placed; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(JsonNode) answer = test_client_ok (client, "POST", "/accounts/D1/orders",
                                                   "instrument", "EURUSD", "qty", "1000", "side", "buy",
                                                   "type", "limit", "limitPrice", "0.50000", NULL);
      double ms = (double) (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (latencies, ms);
    }

  g_subprocess_send_signal (broker, SIGTERM);
  g_subprocess_wait (broker, NULL, NULL);

  g_array_sort (latencies, compare_doubles);
  p50 = g_array_index (latencies, double, latencies->len / 2);
  p99 = g_array_index (latencies, double, MIN (latencies->len - 1, latencies->len * 99 / 100));
  max = g_array_index (latencies, double, latencies->len - 1);
  g_print ("{\"bench\":\"broker-persist\",\"stored_orders\":%" G_GUINT64_FORMAT ",\"placed\":%" G_GUINT64_FORMAT
           ",\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"start_ms\":%.1f,\"sync_p50_ms\":%.3f}\n",
           stored, placed, p50, p99, max, (double) (started - start) / 1000.0, sync_ms);

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
  return EXIT_SUCCESS;
}
