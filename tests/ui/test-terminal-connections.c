/* test-terminal-connections.c — the real terminal's connections: brokers that fail, reconnect, are slow, or are saved with a keyring password
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application and window on the in-process demo broker, as in
 * test-terminal.c. The tests run in order: a broker that answers garbage
 * (and the way back to the demo), streams dropped every second, a broker
 * that takes 3 s per answer while the window stays responsive, a saved
 * server whose password is in the keyring (and the account switch).
 */
#include "config.h"

#include <libsoup/soup.h>

#include "bourse-api-inspector.h"
#include "bourse-credentials.h"
#include "bourse-preferences-window.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

/* A broker that logs in fine and then answers every call with broken JSON. */
static void
garbage_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char authorize[] = "{\"s\":\"ok\",\"d\":{\"access_token\":\"garbage-token\",\"expiration\":4102444800}}";
  static const char garbage[] = "{\"s\":\"ok\",\"d\":[{\"id\":\"1\",\"qty\":\"many\"";
  /* Well-formed JSON that breaks the API: a protocol violation with a JSON path. */
  static const char wrong_types[] = "{\"s\":\"ok\",\"d\":{\"durations\":\"soon\",\"accountManager\":42}}";

  soup_server_message_set_status (msg, 200, NULL);
  if (g_str_equal (path, "/authorize"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, authorize, strlen (authorize));
  else if (g_str_equal (path, "/config"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, wrong_types, strlen (wrong_types));
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, garbage, strlen (garbage));
}

static void
test_garbage_broker (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  BourseApiInspector *inspector = t->window->api_inspector;
  guint problems, toasts;
  BourseQuote *quote;
  double last;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  soup_server_add_handler (server, NULL, garbage_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);

  problems = bourse_api_inspector_get_n_problems (inspector);
  toasts = bourse_window_get_n_toasts (t->window);
  bourse_session_connect_url (t->session, "Garbage", url, "demo", "demo", NULL);

  WAIT_UNTIL (bourse_session_get_state (t->session) == BOURSE_CONNECTION_STATE_FAILED, 40);
  WAIT_UNTIL (bourse_api_inspector_get_n_problems (inspector) > problems, 15);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Garbage — Failed: "), 15);
  g_assert_nonnull (strstr (gtk_label_get_text (t->window->connection_label), "Failed"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (t->window->connection_button), "failed"));

  /* The inspector explains it: the failing exchange is listed with its error. */
  {
    GListModel *entries = bourse_api_inspector_get_entries (inspector);
    guint n = g_list_model_get_n_items (entries);
    g_autoptr(BourseApiExchange) last_problem = NULL;
    g_autofree char *details = NULL;

    /* Newest first: the first problem listed is the garbage broker's. */
    for (guint i = 0; i < n && last_problem == NULL; i++)
      {
        g_autoptr(BourseApiExchange) exchange = g_list_model_get_item (entries, i);

        if (bourse_api_inspector_exchange_has_problem (exchange))
          g_set_object (&last_problem, exchange);
      }
    g_assert_nonnull (last_problem);
    _bourse_window_show_panel (t->window, "inspector");
    bourse_api_inspector_select (inspector, last_problem);
    details = bourse_api_inspector_dup_details (inspector);
    g_test_message ("%s", details);
    g_assert_nonnull (strstr (details, "Error:"));
    g_assert_nonnull (strstr (details, "$."));
    g_assert_null (strstr (details, "garbage-token"));
    /* Copy as curl reproduces the request without the bearer token. */
    {
      g_autofree char *curl = bourse_api_exchange_to_curl (last_problem);

      g_test_message ("%s", curl);
      g_assert_nonnull (strstr (curl, "/config"));
      g_assert_null (strstr (curl, "garbage-token"));
    }
    /* Problems only: the filter keeps the failing exchange. */
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_TOGGLE_BUTTON, 0)), TRUE);
    bourse_test_save_screenshot (GTK_WIDGET (t->window), "inspector-garbage.png");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_TOGGLE_BUTTON, 0)), FALSE);
  }

  /* The window keeps working: switching the chart and reconnecting to the demo. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("15"));
  g_assert_cmpstr (bourse_window_get_resolution (t->window), ==, "15");
  bourse_session_connect_demo (t->session);
  WAIT_UNTIL (bourse_test_is_live (t), 40);
  WAIT_UNTIL ((quote = bourse_watchlist_lookup_quote (t->window->watchlist, "EURUSD")) != NULL &&
              bourse_quote_get_last (quote) > 0, 30);
  last = bourse_quote_get_last (quote);
  WAIT_UNTIL (bourse_quote_get_last (quote) != last, 30);
  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 10, 30);
  bourse_account_manager_set_page (t->window->account_manager, "positions");
  _bourse_window_show_panel (t->window, "trading");
}

static void
connection_label_changed_cb (GtkLabel   *label,
                             GParamSpec *pspec,
                             gboolean   *seen)
{
  /* the countdown to the next attempt, not just "Reconnecting" */
  if (strstr (gtk_label_get_text (label), "Reconnecting in ") != NULL)
    *seen = TRUE;
}

static void
test_connection_state_visible (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  gboolean seen = FALSE;
  gulong id;

  WAIT_UNTIL (bourse_test_is_live (t), 40);

  /* The broker drops its streams every second: the header says so, then live again. */
  id = g_signal_connect (t->window->connection_label, "notify::label", G_CALLBACK (connection_label_changed_cb), &seen);
  bourse_test_set_demo_fault (t, "drop-stream-every=1");
  WAIT_UNTIL (seen, 40);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (t->window->connection_button), "reconnecting"));
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "reconnecting.png");
  bourse_test_set_demo_fault (t, "drop-stream-every=0");
  g_signal_handler_disconnect (t->window->connection_label, id);
  WAIT_UNTIL (bourse_session_get_state (t->session) == BOURSE_CONNECTION_STATE_LIVE, 60);
  g_assert_nonnull (strstr (gtk_label_get_text (t->window->connection_label), "Live"));
}

static void
credentials_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static void
test_saved_server_with_keyring (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseSettings *settings = bourse_application_get_settings (t->app);
  g_autofree char *demo_uri = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  GSettings *connection;
  BoursePreferencesWindow *preferences;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  demo_uri = g_strdup (bourse_session_get_demo_uri (t->session));
  g_assert_nonnull (demo_uri);

  /* A saved server: settings for the URL and login, the password in the keyring. */
  id = bourse_settings_add_connection (settings);
  connection = bourse_settings_get_connection (settings, id);
  g_assert_nonnull (connection);
  g_settings_set_string (connection, BOURSE_CONNECTION_KEY_TITLE, "Loopback demo");
  g_settings_set_string (connection, BOURSE_CONNECTION_KEY_BASE_URL, demo_uri);
  g_settings_set_string (connection, BOURSE_CONNECTION_KEY_LOGIN, "demo");
  g_settings_set_string (connection, BOURSE_CONNECTION_KEY_ACCOUNT_ID, "D2");

  bourse_credentials_store_async (demo_uri, "demo", "demo", NULL, credentials_done_cb, &result);
  WAIT_UNTIL (result != NULL, 30);
  g_assert_true (bourse_credentials_store_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* app.connect looks the password up and logs in on the chosen account. */
  g_action_group_activate_action (G_ACTION_GROUP (t->app), "connect", g_variant_new_string (id));
  WAIT_UNTIL (bourse_test_is_live (t) && g_strcmp0 (bourse_broker_store_get_account_id (bourse_test_store (t)), "D2") == 0, 40);
  g_assert_cmpstr (bourse_session_get_title (t->session), ==, "Loopback demo");

  /* The preferences list the server; look at them. */
  preferences = bourse_preferences_window_new (settings, t->session);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (t->window));
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (t->app));
  gtk_window_present (GTK_WINDOW (preferences));
  bourse_test_save_screenshot (GTK_WIDGET (preferences), "preferences.png");
  /* The demo's Connect button in the preferences: app.connect finds the
   * terminal window behind the preferences. */
  g_action_group_activate_action (G_ACTION_GROUP (t->app), "connect", g_variant_new_string ("demo"));
  WAIT_UNTIL (bourse_test_is_live (t) && g_strcmp0 (bourse_broker_store_get_account_id (bourse_test_store (t)), "D1") == 0, 40);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Forgotten password: connecting says what to do instead of hanging. */
  bourse_credentials_clear_async (demo_uri, "demo", NULL, credentials_done_cb, &result);
  WAIT_UNTIL (result != NULL, 30);
  g_assert_true (bourse_credentials_clear_finish (result, &error));
  g_clear_object (&result);
  bourse_credentials_lookup_async (demo_uri, "demo", NULL, credentials_done_cb, &result);
  WAIT_UNTIL (result != NULL, 30);
  password = bourse_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_clear_object (&result);

  bourse_session_connect_saved (t->session, id, NULL);
  WAIT_UNTIL (bourse_session_get_state (t->session) == BOURSE_CONNECTION_STATE_FAILED, 30);
  g_assert_nonnull (strstr (bourse_session_get_status_text (t->session), "No password"));

  /* Plain HTTP to another host is refused before anything is sent. */
  g_settings_set_string (connection, BOURSE_CONNECTION_KEY_BASE_URL, "http://broker.example/api");
  bourse_session_connect_saved (t->session, id, "secret");
  g_assert_cmpint (bourse_session_get_state (t->session), ==, BOURSE_CONNECTION_STATE_FAILED);
  g_assert_nonnull (strstr (bourse_session_get_status_text (t->session), "TLS"));

  /* A dead server: the header and a toast say it failed and why. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    g_autofree char *dead_uri = NULL;
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    guint toasts = bourse_window_get_n_toasts (t->window);

    g_assert_no_error (error);
    g_socket_listener_close (listener);   /* nobody listens there any more */
    dead_uri = g_strdup_printf ("http://127.0.0.1:%u", port);
    g_settings_set_string (connection, BOURSE_CONNECTION_KEY_BASE_URL, dead_uri);
    bourse_session_connect_saved (t->session, id, "secret");
    WAIT_UNTIL (bourse_session_get_state (t->session) == BOURSE_CONNECTION_STATE_FAILED, 30);
    g_test_message ("dead server: %s", gtk_label_get_text (t->window->connection_label));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (t->window->connection_label), "Failed: "));
    g_assert_nonnull (strstr (gtk_label_get_text (t->window->connection_label), "/authorize"));
    WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Loopback demo — Failed: "), 5);
  }

  /* The main menu's account list: the same login's other account. */
  g_action_group_activate_action (G_ACTION_GROUP (t->app), "connect", g_variant_new_string ("demo"));
  WAIT_UNTIL (bourse_test_is_live (t) && g_strcmp0 (bourse_broker_store_get_account_id (bourse_test_store (t)), "D1") == 0, 40);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (t->window->accounts_section)), ==, 2);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "switch-account", g_variant_new_string ("D2"));
  WAIT_UNTIL (bourse_test_is_live (t) && g_strcmp0 (bourse_broker_store_get_account_id (bourse_test_store (t)), "D2") == 0, 40);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (t->window), "switch-account");
    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "D2");
  }

  bourse_settings_remove_connection (settings, id);
  g_assert_null (bourse_settings_get_connection (settings, id));
  g_action_group_activate_action (G_ACTION_GROUP (t->app), "connect", g_variant_new_string ("demo"));
  WAIT_UNTIL (bourse_test_is_live (t) && g_strcmp0 (bourse_broker_store_get_account_id (bourse_test_store (t)), "D1") == 0, 40);
}

static gboolean
lateness_cb (gpointer user_data)
{
  gint64 *state = user_data;   /* [0] expected time, [1] worst lateness */
  gint64 now = g_get_monotonic_time ();

  state[1] = MAX (state[1], now - state[0]);
  state[0] = now + 20 * 1000;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  gint64 since;        /* wall-clock µs: the fault is on for requests started from here */
  guint  n;            /* REST answers to such requests (an HTTP status came back) */
  double min_latency;  /* ms, the fastest of them */
} SlowAnswers;

static void
slow_exchange_cb (BourseBrokerClient *client,
                  BourseApiExchange  *exchange,
                  SlowAnswers        *slow)
{
  if (bourse_api_exchange_get_kind (exchange) != BOURSE_API_EXCHANGE_REST ||
      bourse_api_exchange_get_start_time (exchange) < slow->since)
    return;
  g_test_message ("%s %s: %u in %.0f ms%s%s", bourse_api_exchange_get_method (exchange),
                  bourse_api_exchange_get_path (exchange), bourse_api_exchange_get_status (exchange),
                  bourse_api_exchange_get_latency_ms (exchange),
                  bourse_api_exchange_get_error (exchange) ? ": " : "",
                  bourse_api_exchange_get_error (exchange) ? bourse_api_exchange_get_error (exchange)->message : "");
  /* only answers: a request given up (cancelled, superseded) says nothing of the broker */
  if (bourse_api_exchange_get_status (exchange) == 0)
    return;
  slow->min_latency = slow->n == 0 ? bourse_api_exchange_get_latency_ms (exchange)
                                   : MIN (slow->min_latency, bourse_api_exchange_get_latency_ms (exchange));
  slow->n++;
}

/* A broker that takes 3 s per answer: the requests are slow, the window is not. */
static void
test_slow_broker_never_freezes (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseBrokerClient *client;
  SlowAnswers slow = { 0 };
  gint64 state[2] = { 0, 0 };
  guint id;
  gulong handler;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  client = bourse_broker_store_get_client (bourse_test_store (t));
  bourse_test_set_demo_fault (t, "latency-ms=3000");
  /* requests already under way answer at their old speed: count only later ones
   * (listen only from here: setting the fault runs the main loop, and answers
   * that finish meanwhile are such earlier requests) */
  slow.since = g_get_real_time ();
  handler = g_signal_connect (client, "exchange-finished", G_CALLBACK (slow_exchange_cb), &slow);

  state[0] = g_get_monotonic_time () + 20 * 1000;
  id = g_timeout_add (20, lateness_cb, state);

  /* history for another resolution and a full resync: many slow requests */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("15"));
  bourse_broker_store_resync (bourse_test_store (t));
  WAIT_UNTIL (slow.n >= 1, 20);
  /* the fault took effect: each answer came after the latency */
  g_test_message ("%u slow answers, the fastest in %.0f ms", slow.n, slow.min_latency);
  g_assert_cmpfloat (slow.min_latency, >=, 2500);
  /* half a second more of the window living beside slow requests */
  bourse_test_spin (500);
  g_source_remove (id);
  g_signal_handler_disconnect (client, handler);
  bourse_test_set_demo_fault (t, "latency-ms=0");

  g_test_message ("worst main-loop lateness with a 3 s broker: %" G_GINT64_FORMAT " ms", state[1] / 1000);
  /* a blocked main loop would be ≥ 3000 ms late; drawing a frame is far below */
  g_assert_cmpint (state[1], <, 1000 * 1000);
  WAIT_UNTIL (bourse_test_is_live (t), 40);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Terminal/garbage-broker", test_garbage_broker },
    { "/Bourse/UI/Terminal/connection-state-visible", test_connection_state_visible },
    { "/Bourse/UI/Terminal/slow-broker-never-freezes", test_slow_broker_never_freezes },
    { "/Bourse/UI/Terminal/saved-server-with-keyring", test_saved_server_with_keyring },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
