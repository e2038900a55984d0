/* bourse-cli-watch.c — bourse-cli watch: the session store, headless, printing its changes as JSON lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One JSON object per line on stdout:
 *   {"kind":"connection","state":"live"}
 *   {"kind":"order","change":"added","item":{…the order as the broker sent it…}}
 *   {"kind":"position"|"execution"|"state", "change":…, "item":…}
 *   {"kind":"quote","item":{…}}                      (with --quotes, at most 5 per second per symbol)
 * With --snapshot, a last line holds the final state:
 *   {"snapshot":{"account":"D1","orders":[working…],"ordersHistory":[final…],
 *                "positions":[…],"state":{…}}}
 * which compares directly with GET …/orders, …/positions and …/state.
 */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "bourse-broker-client.h"
#include "bourse-cli-commands.h"
#include "bourse-json.h"
#include "bourse-store.h"

typedef struct
{
  GMainLoop         *loop;
  BourseBrokerStore *store;
  GHashTable        *quote_times;  /* symbol → last print (monotonic µs) */
  GError            *error;
  gboolean           started;
} Watch;

static void
print_line (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = _bourse_json_to_string (root);

  printf ("%s\n", text);
  fflush (stdout);
}

static JsonNode *
item_to_json (GObject *item)
{
  if (BOURSE_IS_ORDER (item))
    return bourse_order_to_json (BOURSE_ORDER (item));
  if (BOURSE_IS_POSITION (item))
    return bourse_position_to_json (BOURSE_POSITION (item));
  if (BOURSE_IS_EXECUTION (item))
    return bourse_execution_to_json (BOURSE_EXECUTION (item));
  if (BOURSE_IS_ACCOUNT_STATE (item))
    return bourse_account_state_to_json (BOURSE_ACCOUNT_STATE (item));
  if (BOURSE_IS_QUOTE (item))
    return bourse_quote_to_json (BOURSE_QUOTE (item));
  return json_node_new (JSON_NODE_NULL);
}

static void
entity_changed_cb (BourseBrokerStore *store,
                   const char        *kind,
                   const char        *change,
                   GObject           *item,
                   Watch             *watch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "change");
  json_builder_add_string_value (builder, change);
  json_builder_set_member_name (builder, "item");
  json_builder_add_value (builder, item_to_json (item));
  json_builder_end_object (builder);
  print_line (builder);
}

static void
connection_state_cb (BourseBrokerStore *store,
                     GParamSpec        *pspec,
                     Watch             *watch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const GError *error = bourse_broker_store_get_last_error (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "connection");
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, bourse_connection_state_to_string (bourse_broker_store_get_connection_state (store)));
  if (error != NULL && bourse_broker_store_get_connection_state (store) != BOURSE_CONNECTION_STATE_LIVE)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
    }
  json_builder_end_object (builder);
  print_line (builder);
}

static void
quote_notify_cb (BourseQuote *quote,
                 GParamSpec  *pspec,
                 Watch       *watch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 now = g_get_monotonic_time ();
  gint64 last = GPOINTER_TO_SIZE (g_hash_table_lookup (watch->quote_times, bourse_quote_get_symbol (quote)));

  /* A quote changes many times a second: print at most five per second. */
  if (now - last < G_USEC_PER_SEC / 5)
    return;
  g_hash_table_insert (watch->quote_times, g_strdup (bourse_quote_get_symbol (quote)), GSIZE_TO_POINTER (now));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "quote");
  json_builder_set_member_name (builder, "item");
  json_builder_add_value (builder, bourse_quote_to_json (quote));
  json_builder_end_object (builder);
  print_line (builder);
}

static void
add_list (JsonBuilder *builder,
          const char  *name,
          GListModel  *model)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      json_builder_add_value (builder, item_to_json (item));
    }
  json_builder_end_array (builder);
}

static void
print_snapshot (Watch *watch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "snapshot");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, bourse_broker_store_get_account_id (watch->store));
  add_list (builder, "orders", bourse_broker_store_get_orders (watch->store));
  add_list (builder, "ordersHistory", bourse_broker_store_get_order_history (watch->store));
  add_list (builder, "positions", bourse_broker_store_get_positions (watch->store));
  json_builder_set_member_name (builder, "state");
  json_builder_add_value (builder, bourse_account_state_to_json (bourse_broker_store_get_account_state (watch->store)));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  print_line (builder);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Watch *watch = user_data;

  watch->started = bourse_broker_store_start_finish (BOURSE_BROKER_STORE (object), result, &watch->error);
  if (!watch->started)
    g_main_loop_quit (watch->loop);
}

static gboolean
stop_cb (gpointer user_data)
{
  Watch *watch = user_data;

  g_main_loop_quit (watch->loop);
  /* Kept: bourse_cli_watch removes the timer and signal sources by id after the loop. */
  return G_SOURCE_CONTINUE;
}

int
bourse_cli_watch (int    argc,
                  char **argv)
{
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;
  g_autofree char *account = NULL;
  g_autofree char *quotes = NULL;
  gboolean snapshot = FALSE;
  gboolean polling = FALSE;
  double seconds = 0;
  const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, "Login for /authorize", "LOGIN" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password for /authorize", "PASSWORD" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "Account (default: the first)", "ID" },
    { "for", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Stop after SECONDS (default: until interrupted)", "SECONDS" },
    { "snapshot", 0, 0, G_OPTION_ARG_NONE, &snapshot, "Print the final state as one JSON object", NULL },
    { "polling", 0, 0, G_OPTION_ARG_NONE, &polling, "Poll even where the broker offers streams", NULL },
    { "quotes", 0, 0, G_OPTION_ARG_STRING, &quotes, "Also follow quotes of these symbols", "SYM,SYM" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("URL — print the session's changes as JSON lines");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBrokerClient) client = NULL;
  g_autoptr(BourseBrokerStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GHashTable) quote_times = NULL;
  Watch watch = { 0 };
  guint sigint_id, sigterm_id, stop_id = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli watch: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || login == NULL || password == NULL || seconds < 0)
    {
      fprintf (stderr, "Usage: bourse-cli watch URL --login L --password P [--for SECONDS] [--snapshot]\n");
      return 2;
    }
  if (!g_uri_is_valid (argv[1], G_URI_FLAGS_NONE, &error))
    {
      fprintf (stderr, "bourse-cli watch: not a URL: %s\n", error->message);
      return 2;
    }

  client = bourse_broker_client_new (argv[1]);
  bourse_broker_client_set_password_credentials (client, login, password);
  store = bourse_broker_store_new (client);
  if (polling)
    bourse_broker_store_set_update_mode (store, BOURSE_STORE_UPDATE_POLLING);
  loop = g_main_loop_new (NULL, FALSE);
  quote_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  watch.loop = loop;
  watch.store = store;
  watch.quote_times = quote_times;

  g_signal_connect (store, "entity-changed", G_CALLBACK (entity_changed_cb), &watch);
  g_signal_connect (store, "notify::connection-state", G_CALLBACK (connection_state_cb), &watch);
  if (quotes != NULL)
    {
      g_auto(GStrv) symbols = g_strsplit (quotes, ",", -1);
      for (guint i = 0; symbols[i] != NULL; i++)
        if (*g_strstrip (symbols[i]) != '\0')
          {
            bourse_broker_store_subscribe_quotes (store, symbols[i]);
            g_signal_connect (bourse_broker_store_lookup_quote (store, symbols[i]), "notify",
                              G_CALLBACK (quote_notify_cb), &watch);
          }
    }

  bourse_broker_store_start_async (store, account, NULL, started_cb, &watch);
  if (seconds > 0)
    stop_id = g_timeout_add ((guint) (seconds * 1000), stop_cb, &watch);
  sigint_id = g_unix_signal_add (SIGINT, stop_cb, &watch);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_cb, &watch);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  /* Every source and handler given &watch goes before this frame does. */
  g_clear_handle_id (&stop_id, g_source_remove);

  if (watch.started && snapshot)
    print_snapshot (&watch);
  for (guint i = 0; i < g_list_model_get_n_items (bourse_broker_store_get_quotes (store)); i++)
    {
      g_autoptr(GObject) quote = g_list_model_get_item (bourse_broker_store_get_quotes (store), i);
      g_signal_handlers_disconnect_by_data (quote, &watch);
    }
  g_signal_handlers_disconnect_by_data (store, &watch);
  bourse_broker_store_stop (store);
  if (!watch.started)
    {
      fprintf (stderr, "bourse-cli watch: %s\n", watch.error != NULL ? watch.error->message : "not started");
      g_clear_error (&watch.error);
      return 1;
    }
  return 0;
}
