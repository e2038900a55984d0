/* bourse-test-terminal.c — the terminal fixture: the real application and window on the in-process demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bourse-test-terminal.h"

static void
exchange_finished_cb (BourseBrokerClient *client,
                      BourseApiExchange  *exchange,
                      BourseTestTerminal *t)
{
  if (bourse_api_exchange_get_kind (exchange) == BOURSE_API_EXCHANGE_REST)
    g_ptr_array_add (t->requests, g_strdup_printf ("%s %s", bourse_api_exchange_get_method (exchange),
                                                   bourse_api_exchange_get_path (exchange)));
}

/* Every store the session makes gets its requests recorded (the inspector
 * keeps only the latest ones). */
static void
session_store_changed_cb (BourseSession      *session,
                          GParamSpec         *pspec,
                          BourseTestTerminal *t)
{
  BourseBrokerStore *store = bourse_session_get_store (session);

  if (store != NULL)
    g_signal_connect (bourse_broker_store_get_client (store), "exchange-finished",
                      G_CALLBACK (exchange_finished_cb), t);
}

static void
remove_saved_state (void)
{
  g_autofree char *alerts = g_build_filename (g_get_user_data_dir (), "bourse", "alerts.json", NULL);
  g_autofree char *drawings = g_build_filename (g_get_user_data_dir (), "bourse", "drawings", NULL);
  g_autoptr(GDir) dir = g_dir_open (drawings, 0, NULL);
  const char *name;

  g_unlink (alerts);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (drawings, name, NULL);

      g_unlink (path);
    }
}

void
bourse_test_terminal_start (BourseTestTerminal *t)
{
  g_autoptr(GError) error = NULL;

  remove_saved_state ();
  /* before libadwaita starts: AdwStyleManager asks the portal once, then listens */
  t->settings_portal = bourse_test_settings_portal_new ();
  if (t->notified == NULL)
    t->notified = g_ptr_array_new_with_free_func (g_free);
  t->app = bourse_application_new ();
  g_application_set_flags (G_APPLICATION (t->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (t->app), NULL, &error));
  g_assert_no_error (error);

  /* Orders go out without the confirmation dialog; screenshots are light. */
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), FALSE);
  bourse_settings_set_color_scheme (bourse_application_get_settings (t->app), BOURSE_COLOR_SCHEME_LIGHT);
  /* The window's size as a saved one restores it, before it first shows. */
  g_settings_set_int (bourse_settings_get_gsettings (bourse_application_get_settings (t->app)),
                      BOURSE_SETTINGS_KEY_WINDOW_WIDTH, 1440);
  g_settings_set_int (bourse_settings_get_gsettings (bourse_application_get_settings (t->app)),
                      BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, 900);
  t->activated = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (t->app));
  t->window = BOURSE_WINDOW (gtk_application_get_windows (GTK_APPLICATION (t->app))->data);
  t->session = bourse_window_get_session (t->window);
  t->requests = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (t->session, "notify::store", G_CALLBACK (session_store_changed_cb), t);
  session_store_changed_cb (t->session, NULL, t);
  gtk_window_set_default_size (GTK_WINDOW (t->window), 1440, 900);
  /* The ticket and the depth of market, which most tests drive, are on
   * screen in the sidebar; the account manager unfolds when a test shows one
   * of its pages, or on the first fill. */
  _bourse_window_show_panel (t->window, "trading");
}

void
bourse_test_terminal_stop (BourseTestTerminal *t)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (t->app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (t->app)))
    gtk_window_destroy (l->data);
  WAIT_UNTIL (g_list_model_get_n_items (toplevels) == 0 ||
              gtk_application_get_windows (GTK_APPLICATION (t->app)) == NULL, 15);
  for (guint i = 0; i < 10 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_clear_object (&t->app);
  g_clear_pointer (&t->requests, g_ptr_array_unref);
  g_clear_pointer (&t->notified, g_ptr_array_unref);
  g_clear_pointer (&t->settings_portal, bourse_test_settings_portal_free);
}

int
bourse_test_terminal_main (int                          *argc,
                           char                       ***argv,
                           gboolean                      serve_notifications,
                           const BourseTestTerminalCase *cases,
                           gsize                         n_cases)
{
  BourseTestTerminal terminal = { 0 };
  int status;

  gtk_test_init (argc, argv, NULL);
  if (serve_notifications)
    bourse_test_serve_notifications (&terminal);
  bourse_test_terminal_start (&terminal);

  for (gsize i = 0; i < n_cases; i++)
    g_test_add_data_func (cases[i].path, &terminal, cases[i].func);

  status = g_test_run ();
  bourse_test_terminal_stop (&terminal);
  return status;
}

BourseBrokerStore *
bourse_test_store (BourseTestTerminal *t)
{
  return bourse_session_get_store (t->session);
}

gboolean
bourse_test_is_live (BourseTestTerminal *t)
{
  return bourse_session_get_state (t->session) == BOURSE_CONNECTION_STATE_LIVE && t->window->store_initialized;
}

GtkWidget *
bourse_test_terminal_show (BourseTestTerminal *t)
{
  GtkWidget *view;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  g_assert_true (bourse_test_require_xdotool (view));
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (view), 15);
  return view;
}

guint
bourse_test_count_requests (BourseTestTerminal *t,
                            const char         *method,
                            const char         *prefix)
{
  g_autofree char *start = g_strdup_printf ("%s %s", method, prefix);
  guint count = 0;

  for (guint i = 0; i < t->requests->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (t->requests, i), start))
      count++;
  return count;
}

BoursePosition *
bourse_test_find_position (BourseTestTerminal *t,
                           const char         *symbol)
{
  GListModel *positions = bourse_broker_store_get_positions (bourse_test_store (t));
  guint n = g_list_model_get_n_items (positions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BoursePosition) position = g_list_model_get_item (positions, i);

      if (g_strcmp0 (bourse_position_get_instrument (position), symbol) == 0 && bourse_position_get_qty (position) != 0)
        return position;
    }
  return NULL;
}

BourseOrder *
bourse_test_find_working_limit (BourseTestTerminal *t,
                                double              price,
                                double              tick)
{
  GListModel *orders = bourse_broker_store_get_orders (bourse_test_store (t));
  guint n = g_list_model_get_n_items (orders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_LIMIT &&
          bourse_order_get_status (order) == BOURSE_ORDER_STATUS_WORKING &&
          fabs (bourse_order_get_limit_price (order) - price) < tick / 2)
        return order;
    }
  return NULL;
}

gboolean
bourse_test_toast_seen (BourseTestTerminal *t,
                        guint               before,
                        const char         *needle)
{
  return bourse_window_get_n_toasts (t->window) > before &&
         bourse_window_get_last_toast (t->window) != NULL &&
         strstr (bourse_window_get_last_toast (t->window), needle) != NULL;
}

/* -- a notification server on the test's session bus ---------------------- */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "</interface></node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  BourseTestTerminal *t = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (t->notified, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", t->notified->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "bourse-test", "bourse", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_name_acquired_cb (GDBusConnection *connection,
                                const char      *name,
                                gpointer         user_data)
{
  ((BourseTestTerminal *) user_data)->notifications_owned = TRUE;
}

void
bourse_test_serve_notifications (BourseTestTerminal *t)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (t->notified == NULL)
    t->notified = g_ptr_array_new_with_free_func (g_free);
  if (bus == NULL)
    return;
  bourse_test_dbus_serve (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                          notifications_xml, &vtable, notifications_name_acquired_cb, t, NULL);
  WAIT_UNTIL (t->notifications_owned, 10);
}

gboolean
bourse_test_notified (BourseTestTerminal *t,
                      guint               from,
                      const char         *needle)
{
  for (guint i = from; i < t->notified->len; i++)
    if (strstr (g_ptr_array_index (t->notified, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* -- the demo broker seen from outside the app ------------------------------ */

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

/* Sends @msg on a session of its own (asynchronously: the broker serves from
 * this thread) and returns the body. */
static GBytes *
send_and_read (SoupMessage *msg)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  GBytes *body = NULL;

  soup_session_set_proxy_resolver (session, NULL);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_done_cb, &body);
  WAIT_UNTIL (body != NULL, 30);
  return body;
}

void
bourse_test_set_demo_fault (BourseTestTerminal *t,
                            const char         *form)
{
  g_autofree char *uri = g_strconcat (bourse_session_get_demo_uri (t->session), "/_faults", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) body = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  body = send_and_read (msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* The "d" of a {"s":"ok","d":…} answer. */
static JsonNode *
envelope_data (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *envelope;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  envelope = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member_with_default (envelope, "s", ""), ==, "ok");
  g_assert_true (json_object_has_member (envelope, "d"));
  return json_node_copy (json_object_get_member (envelope, "d"));
}

JsonNode *
bourse_test_demo_get (BourseTestTerminal *t,
                      const char         *path)
{
  const char *base = bourse_session_get_demo_uri (t->session);
  g_autofree char *authorize_uri = g_strconcat (base, "/authorize", NULL);
  g_autofree char *uri = g_strconcat (base, path, NULL);
  g_autofree char *bearer = NULL;
  g_autoptr(SoupMessage) login = soup_message_new ("POST", authorize_uri);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) form = g_bytes_new_static ("login=demo&password=demo", 24);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) token = NULL;

  soup_message_set_request_body_from_bytes (login, "application/x-www-form-urlencoded", form);
  body = send_and_read (login);
  token = envelope_data (body);
  bearer = g_strconcat ("Bearer ", json_object_get_string_member (json_node_get_object (token), "access_token"), NULL);
  g_clear_pointer (&body, g_bytes_unref);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = send_and_read (msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return envelope_data (body);
}
