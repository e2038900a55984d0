/* bourse-cli-bench-broker.c — bourse-cli bench broker: stream ingest, REST round trip, order → store latency
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bourse-cli bench broker ingest [--messages N] [--symbols K]
 *       quote lines from an in-memory buffer (16 KiB chunks, lines cut across
 *       chunks) through the stream's splitter, parser and validator into the
 *       store's quotes, on this one core, no network
 *   bourse-cli bench broker rest URL --login L --password P [--requests N]
 *       sequential GET …/orders and GET /quotes round trips, whole client path
 *   bourse-cli bench broker order URL --login L --password P [--orders N] [--polling]
 *       from placing a limit order to the order being in the store's list
 * Each prints one JSON line.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bourse-broker-client.h"
#include "bourse-cli-commands.h"
#include "bourse-store.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  gsize index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  index = (gsize) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

static void
await_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* ---- ingest ---- */

static int
bench_ingest (int    argc,
              char **argv)
{
  int messages = 1000000;
  int symbols = 20;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, "Quote lines to push (default 1000000)", "N" },
    { "symbols", 0, 0, G_OPTION_ARG_INT, &symbols, "Distinct symbols, all subscribed (default 20)", "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— stream ingest, parse and apply, from memory");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBrokerClient) client = NULL;
  g_autoptr(BourseBrokerStore) store = NULL;
  g_autoptr(BourseStream) stream = NULL;
  g_autoptr(GString) buffer = NULL;
  gint64 start, elapsed;
  gsize offset = 0;
  const gsize chunk = 16 * 1024;
  guint64 received;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || messages <= 0 || symbols <= 0)
    {
      fprintf (stderr, "bourse-cli bench broker ingest: %s\n", error ? error->message : "bad numbers");
      return 2;
    }

  /* Nothing is contacted: the client only names a base URL. */
  client = bourse_broker_client_new ("http://127.0.0.1:9");
  store = bourse_broker_store_new (client);
  stream = bourse_stream_new (client, "/streaming", BOURSE_SCHEMA_STREAM_PRICES);
  for (int s = 0; s < symbols; s++)
    {
      g_autofree char *name = g_strdup_printf ("SYM%03d", s);
      bourse_broker_store_subscribe_quotes (store, name);
    }
  bourse_broker_store_attach_price_stream (store, stream);

  buffer = g_string_sized_new ((gsize) messages * 96);
  for (int i = 0; i < messages; i++)
    {
      double mid = 100 + (i % 1000) * 0.01;
      char bid[G_ASCII_DTOSTR_BUF_SIZE], ask[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (bid, sizeof bid, "%.2f", mid - 0.01);
      g_ascii_formatd (ask, sizeof ask, "%.2f", mid + 0.01);
      g_string_append_printf (buffer, "{\"f\":\"q\",\"id\":\"SYM%03d\",\"t\":%d,\"ap\":%s,\"as\":%d,\"bp\":%s,\"bs\":%d}\n",
                              i % symbols, 1732500000 + i / 1000, ask, 100 + i % 7, bid, 100 + i % 5);
    }

  start = g_get_monotonic_time ();
  while (offset < buffer->len)
    {
      gsize n = MIN (chunk, buffer->len - offset);
      bourse_stream_feed (stream, buffer->str + offset, n);
      offset += n;
    }
  elapsed = g_get_monotonic_time () - start;
  received = bourse_stream_get_messages_received (stream);
  if (received != (guint64) messages)
    {
      fprintf (stderr, "bourse-cli bench broker ingest: %" G_GUINT64_FORMAT " of %d messages arrived\n", received, messages);
      return 1;
    }

  printf ("{\"bench\":\"broker-ingest\",\"messages\":%d,\"symbols\":%d,\"bytes\":%" G_GSIZE_FORMAT ","
          "\"seconds\":%.3f,\"msgs_per_s\":%.0f,\"target_msgs_per_s\":200000}\n",
          messages, symbols, buffer->len, elapsed / 1e6, messages / (elapsed / 1e6));
  return 0;
}

/* ---- REST round trip ---- */

typedef struct
{
  char   *url;
  char   *login;
  char   *password;
  int     count;
  gboolean polling;
} Remote;

static gboolean
parse_remote (const char   *what,
              int          *argc,
              char       ***argv,
              Remote       *remote,
              const char   *count_name)
{
  const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &remote->login, "Login", "LOGIN" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &remote->password, "Password", "PASSWORD" },
    { count_name, 0, 0, G_OPTION_ARG_INT, &remote->count, "How many", "N" },
    { "polling", 0, 0, G_OPTION_ARG_NONE, &remote->polling, "Store in polling mode", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (what);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || *argc != 2 ||
      remote->login == NULL || remote->password == NULL || remote->count <= 0)
    {
      fprintf (stderr, "Usage: bourse-cli bench broker %s URL --login L --password P [--%s N]\n", what, count_name);
      return FALSE;
    }
  remote->url = g_strdup ((*argv)[1]);
  return TRUE;
}

static void
remote_clear (Remote *remote)
{
  g_free (remote->url);
  g_free (remote->login);
  g_free (remote->password);
}

static int
bench_rest (int    argc,
            char **argv)
{
  Remote remote = { .count = 2000 };
  g_autoptr(BourseBrokerClient) client = NULL;
  g_autoptr(GArray) orders_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quotes_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *symbols[] = { "EURUSD", "BTCUSD", "AAPL", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;

  if (!parse_remote ("rest", &argc, &argv, &remote, "requests"))
    return 2;
  client = bourse_broker_client_new (remote.url);
  bourse_broker_client_set_password_credentials (client, remote.login, remote.password);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) accounts = NULL;

    bourse_broker_client_get_accounts_async (client, NULL, await_cb, &result);
    accounts = bourse_broker_client_get_accounts_finish (client, await (&result), &error);
    if (accounts == NULL || accounts->len == 0)
      {
        fprintf (stderr, "bourse-cli bench broker rest: %s\n", error ? error->message : "no account");
        remote_clear (&remote);
        return 1;
      }
    account_id = g_strdup (bourse_account_get_id (g_ptr_array_index (accounts, 0)));
  }

  for (int i = 0; i < remote.count + 20; i++)
    {
      g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
      g_autoptr(GPtrArray) orders = NULL;
      g_autoptr(GPtrArray) quotes = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;

      bourse_broker_client_get_orders_async (client, account_id, NULL, await_cb, &r1);
      orders = bourse_broker_client_get_orders_finish (client, await (&r1), &error);
      t1 = g_get_monotonic_time ();
      bourse_broker_client_get_quotes_async (client, account_id, symbols, NULL, await_cb, &r2);
      quotes = bourse_broker_client_get_quotes_finish (client, await (&r2), &error);
      t2 = g_get_monotonic_time ();
      if (orders == NULL || quotes == NULL)
        {
          fprintf (stderr, "bourse-cli bench broker rest: %s\n", error->message);
          remote_clear (&remote);
          return 1;
        }
      if (i < 20)
        continue;  /* warm-up: login, connections */
      {
        double a = (t1 - t0) / 1000.0, b = (t2 - t1) / 1000.0;
        g_array_append_val (orders_ms, a);
        g_array_append_val (quotes_ms, b);
      }
    }
  printf ("{\"bench\":\"broker-rest\",\"requests\":%d,\"orders_p50_ms\":%.3f,\"orders_p99_ms\":%.3f,"
          "\"quotes_p50_ms\":%.3f,\"quotes_p99_ms\":%.3f}\n", remote.count,
          percentile (orders_ms, 0.5), percentile (orders_ms, 0.99),
          percentile (quotes_ms, 0.5), percentile (quotes_ms, 0.99));
  remote_clear (&remote);
  return 0;
}

/* ---- order placed → visible in the store ---- */

typedef struct
{
  GHashTable *added_at;  /* order id → monotonic µs when the store listed it */
} Visible;

static void
entity_changed_cb (BourseBrokerStore *store,
                   const char        *kind,
                   const char        *change,
                   GObject           *item,
                   Visible           *visible)
{
  if (g_str_equal (kind, "order") && g_str_equal (change, "added"))
    g_hash_table_insert (visible->added_at, g_strdup (bourse_order_get_id (BOURSE_ORDER (item))),
                         g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
}

static int
bench_order (int    argc,
             char **argv)
{
  Remote remote = { .count = 300 };
  g_autoptr(BourseBrokerClient) client = NULL;
  g_autoptr(BourseBrokerStore) store = NULL;
  g_autoptr(GArray) latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GAsyncResult) started = NULL;
  g_autoptr(GError) error = NULL;
  Visible visible = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };

  if (!parse_remote ("order", &argc, &argv, &remote, "orders"))
    return 2;
  client = bourse_broker_client_new (remote.url);
  bourse_broker_client_set_password_credentials (client, remote.login, remote.password);
  store = bourse_broker_store_new (client);
  if (remote.polling)
    bourse_broker_store_set_update_mode (store, BOURSE_STORE_UPDATE_POLLING);
  bourse_broker_store_start_async (store, NULL, NULL, await_cb, &started);
  if (!bourse_broker_store_start_finish (store, await (&started), &error))
    {
      fprintf (stderr, "bourse-cli bench broker order: %s\n", error->message);
      remote_clear (&remote);
      g_hash_table_unref (visible.added_at);
      return 1;
    }
  g_signal_connect (store, "entity-changed", G_CALLBACK (entity_changed_cb), &visible);

  for (int i = 0; i < remote.count; i++)
    {
      g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000);
      g_autoptr(GAsyncResult) placed = NULL;
      g_autofree char *id = NULL;
      gint64 t0, *seen_at;
      double ms;

      request->limit_price = 0.5 + (i % 100) * 0.001;
      t0 = g_get_monotonic_time ();
      bourse_broker_store_place_order_async (store, request, NULL, await_cb, &placed);
      id = bourse_broker_store_place_order_finish (store, await (&placed), &error);
      if (id == NULL)
        {
          fprintf (stderr, "bourse-cli bench broker order: %s\n", error->message);
          break;
        }
      while ((seen_at = g_hash_table_lookup (visible.added_at, id)) == NULL)
        g_main_context_iteration (NULL, TRUE);
      ms = (*seen_at - t0) / 1000.0;
      g_array_append_val (latency_ms, ms);
    }
  if (error == NULL)
    printf ("{\"bench\":\"broker-order-to-store\",\"mode\":\"%s\",\"orders\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
            "\"max_ms\":%.3f,\"target_p99_ms\":20}\n", remote.polling ? "polling" : "streaming", remote.count,
            percentile (latency_ms, 0.5), percentile (latency_ms, 0.99), percentile (latency_ms, 1.0));
  g_signal_handlers_disconnect_by_data (store, &visible);
  bourse_broker_store_stop (store);
  g_hash_table_unref (visible.added_at);
  remote_clear (&remote);
  return error == NULL ? 0 : 1;
}

int
bourse_cli_bench_broker (int    argc,
                         char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "ingest"))
    return bench_ingest (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "rest"))
    return bench_rest (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "order"))
    return bench_order (argc - 1, argv + 1);
  fprintf (stderr, "Usage: bourse-cli bench broker ingest|rest|order …\n");
  return 2;
}
