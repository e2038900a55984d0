/* test-alert-exchange.c — {{exchange}} in messages of alerts fed by quotes comes from the broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alert engine on its own (what the broker told, its name as the
 * fallback, an alert's own exchange first), then the application against the
 * in-process demo broker, whose /symbol_info lists EURUSD on "FX".
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bourse-application.h"
#include "bourse-test-ui.h"
#include "bourse-window-private.h"

#define T0 ((gint64) 1700000040)  /* a minute boundary */

static void
triggered_cb (BourseAlertManager *manager,
              BourseAlert        *alert,
              BourseAlertEvent   *event,
              GPtrArray          *messages)
{
  g_ptr_array_add (messages, g_strdup (bourse_alert_event_get_message (event)));
}

/* A fresh "crossing up 1.1" alert on @symbol, fed 1.0 then 1.2 by quotes: its message. */
static char *
fire_on_quotes (BourseAlertManager *manager,
                const char         *symbol,
                const char         *own_exchange,
                gint64              minute)
{
  g_autoptr(BourseAlert) alert = bourse_alert_new (symbol, BOURSE_ALERT_CROSSING_UP, 1.1);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *exchange_after = NULL;
  gulong handler;

  g_object_set (alert, "message", "{{exchange}}:{{ticker}} at {{close}}", "exchange", own_exchange, NULL);
  g_assert_true (bourse_alert_manager_add_alert (manager, alert, &error));
  g_assert_no_error (error);
  handler = g_signal_connect (manager, "alert-triggered", G_CALLBACK (triggered_cb), messages);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, symbol, T0 + minute * 60, 1.0, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, symbol, T0 + minute * 60 + 61, 1.2, 1), ==, 1);
  g_signal_handler_disconnect (manager, handler);
  bourse_alert_manager_remove_alert (manager, alert);

  /* the broker's answer is not written into the saved alert */
  g_object_get (alert, "exchange", &exchange_after, NULL);
  g_assert_cmpstr (exchange_after, ==, own_exchange);
  g_assert_cmpuint (messages->len, ==, 1);
  return g_strdup (g_ptr_array_index (messages, 0));
}

static void
test_engine_fills_exchange (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-alert-exchange-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "alerts.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BourseAlertManager) manager = bourse_alert_manager_new (file);
  char *message;

  /* nothing told: the placeholder stays, visibly */
  message = fire_on_quotes (manager, "EURUSD", NULL, 0);
  g_assert_cmpstr (message, ==, "{{exchange}}:EURUSD at 1.2");
  g_free (message);

  /* the broker's name for every symbol it lists no exchange for */
  bourse_alert_manager_set_exchange (manager, NULL, "Demo Broker");
  message = fire_on_quotes (manager, "EURUSD", NULL, 10);
  g_assert_cmpstr (message, ==, "Demo Broker:EURUSD at 1.2");
  g_free (message);

  /* /symbol_info's exchange-listed for the symbol */
  bourse_alert_manager_set_exchange (manager, "EURUSD", "FX");
  g_assert_cmpstr (bourse_alert_manager_lookup_exchange (manager, "EURUSD"), ==, "FX");
  g_assert_cmpstr (bourse_alert_manager_lookup_exchange (manager, "AAPL"), ==, "Demo Broker");
  message = fire_on_quotes (manager, "EURUSD", NULL, 20);
  g_assert_cmpstr (message, ==, "FX:EURUSD at 1.2");
  g_free (message);

  /* the alert's own exchange, and an "EXCHANGE:TICKER" symbol, come first */
  message = fire_on_quotes (manager, "EURUSD", "OANDA", 30);
  g_assert_cmpstr (message, ==, "OANDA:EURUSD at 1.2");
  g_free (message);
  message = fire_on_quotes (manager, "NASDAQ:AAPL", NULL, 40);
  g_assert_cmpstr (message, ==, "NASDAQ:AAPL at 1.2");
  g_free (message);

  /* a new broker forgets the old one's symbols */
  bourse_alert_manager_set_exchange (manager, NULL, "Other Broker");
  g_assert_cmpstr (bourse_alert_manager_lookup_exchange (manager, "EURUSD"), ==, "Other Broker");
  bourse_alert_manager_set_exchange (manager, NULL, NULL);
  g_assert_null (bourse_alert_manager_lookup_exchange (manager, "EURUSD"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_application_asks_the_broker (void)
{
  g_autoptr(BourseApplication) app = bourse_application_new ();
  g_autoptr(GError) error = NULL;
  BourseAlertManager *manager;
  BourseSession *session;
  GList *windows;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  session = bourse_window_get_session (windows->data);
  manager = bourse_application_get_alert_manager (app);

  WAIT_UNTIL (bourse_session_get_store (session) != NULL, 20);
  /* the demo broker's /symbol_info lists EURUSD on FX, BTCUSD on a crypto venue */
  WAIT_UNTIL (g_strcmp0 (bourse_alert_manager_lookup_exchange (manager, "EURUSD"), "FX") == 0, 20);
  g_assert_nonnull (bourse_alert_manager_lookup_exchange (manager, "AAPL"));
  g_assert_cmpstr (bourse_alert_manager_lookup_exchange (manager, "AAPL"), !=, "FX");
  /* a symbol the broker does not list: the broker's name */
  g_assert_cmpstr (bourse_alert_manager_lookup_exchange (manager, "NOSUCH"), ==,
                   bourse_session_get_title (session));

  gtk_window_destroy (windows->data);
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL, 5);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/AlertExchange/engine-fills-exchange", test_engine_fills_exchange);
  g_test_add_func ("/Bourse/UI/AlertExchange/application-asks-the-broker", test_application_asks_the_broker);

  return g_test_run ();
}
