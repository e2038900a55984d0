/* test-connect.c — `bourse --connect URL [--login L] [--account ID]` against a demo broker the test starts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the real application in this process with g_application_run()
 * and a command line, as the shell would, on a demo broker of its own
 * (bourse-test-broker, users demo/demo and trader/trader). The password
 * comes from the keyring (libsecret's file backend, see meson.build) or is
 * typed through X into the login dialog; a refused login asks again with
 * the broker's reason; nothing is remembered unless "Remember" is checked.
 * A bad URL fails the real binary with a message: test-command-line.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bourse-application-private.h"
#include "bourse-credentials.h"
#include "bourse-login-dialog.h"
#include "bourse-test-broker.h"
#include "bourse-test-ui.h"
#include "bourse-window-private.h"

typedef void (*AppCheck) (BourseApplication *app,
                          gpointer           data);

typedef struct
{
  BourseApplication *app;
  AppCheck           check;
  gpointer           data;
} Run;

static gboolean
run_check_cb (gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (run->app)));

  run->check (run->app, run->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* `bourse @args…` in this process; @check runs once the application is up,
 * then the application quits. Returns its exit status. */
static int
run_bourse (const char * const *args,
            AppCheck            check,
            gpointer            data)
{
  g_autoptr(BourseApplication) app = bourse_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  Run run = { app, check, data };
  int status;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_ptr_array_add (argv, (char *) "bourse");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_idle_add (run_check_cb, &run);
  status = g_application_run (G_APPLICATION (app), (int) argv->len - 1, (char **) argv->pdata);
  g_test_message ("bourse exited with %d", status);
  return status;
}

static BourseWindow *
find_window (BourseApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (BOURSE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static BourseLoginDialog *
find_login_dialog (void)
{
  return (BourseLoginDialog *) bourse_test_find_mapped_toplevel (BOURSE_TYPE_LOGIN_DIALOG);
}

static gboolean
is_live (BourseApplication *app)
{
  BourseWindow *window = find_window (app);

  return window != NULL && bourse_session_get_state (window->session) == BOURSE_CONNECTION_STATE_LIVE &&
         window->store_initialized;
}

static char *
keyring_lookup (const char *url,
                const char *login)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  bourse_credentials_lookup_async (url, login, NULL, bourse_test_await_cb, &result);
  password = bourse_credentials_lookup_finish (AWAIT (result), &error);
  g_assert_no_error (error);
  return password;
}

static void
keyring_store (const char *url,
               const char *login,
               const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bourse_credentials_store_async (url, login, password, NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_credentials_store_finish (AWAIT (result), &error));
  g_assert_no_error (error);
}

/* -- the password from the keyring, an account chosen ---------------------- */

static void
check_keyring_login (BourseApplication *app,
                     gpointer           data)
{
  BourseTestBroker *broker = data;
  g_autoptr(GUri) uri = g_uri_parse (broker->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *title = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  BourseWindow *window;

  WAIT_UNTIL (is_live (app), 30);
  window = find_window (app);
  g_assert_null (find_login_dialog ());
  g_assert_cmpstr (bourse_session_get_title (window->session), ==, title);
  g_assert_cmpstr (bourse_broker_store_get_account_id (bourse_session_get_store (window->session)), ==, "D2");
  /* the terminal trades on that server: its instruments are there */
  WAIT_UNTIL (g_list_model_get_n_items (bourse_broker_store_get_instruments (window->store)) > 0, 10);
}

static void
test_keyring_password_and_account (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (7);
  const char *args[] = { "--connect", broker->url, "--login", "demo", "--account", "D2", NULL };

  keyring_store (broker->url, "demo", "demo");
  g_assert_cmpint (run_bourse (args, check_keyring_login, broker), ==, 0);
}

/* -- the dialog: refused, then accepted and remembered --------------------- */

typedef struct
{
  BourseTestBroker *broker;
  const char       *login;
  const char       *password;
  gboolean          remember;
} DialogCase;

static GtkWidget *
password_entry (BourseLoginDialog *dialog)
{
  /* the login entry, then the password entry */
  return bourse_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 1);
}

static const char *
dialog_error (BourseLoginDialog *dialog)
{
  GtkWidget *label = bourse_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LABEL, 0);
  g_autoptr(GPtrArray) labels = bourse_test_list_descendants (GTK_WIDGET (dialog), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error"))
      label = g_ptr_array_index (labels, i);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
type_password (BourseLoginDialog *dialog,
               const char        *password)
{
  GtkWidget *entry = password_entry (dialog);

  bourse_test_wait_for_frame (entry);
  /* a click gives it the focus, as a user would */
  bourse_test_pointer_click (entry, gtk_widget_get_width (entry) / 2.0, gtk_widget_get_height (entry) / 2.0);
  WAIT_UNTIL (gtk_widget_has_focus (gtk_editable_get_delegate (GTK_EDITABLE (entry)) ?
                                    GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry))) : entry), 10);
  bourse_test_type (entry, password);
  WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), password) == 0, 10);
}

static void
check_dialog_login (BourseApplication *app,
                    gpointer           data)
{
  DialogCase *c = data;
  BourseLoginDialog *dialog;
  BourseWindow *window;

  WAIT_UNTIL ((dialog = find_login_dialog ()) != NULL, 15);
  window = find_window (app);
  g_assert_nonnull (window);
  if (!bourse_test_require_xdotool (GTK_WIDGET (dialog)))
    return;
  g_assert_cmpstr (bourse_login_dialog_get_login (dialog), ==, c->login);
  g_assert_null (dialog_error (dialog));

  /* a wrong password: refused by the broker, asked again with its reason */
  type_password (dialog, "wrong");
  bourse_test_key (password_entry (dialog), "Return");
  WAIT_UNTIL (bourse_session_get_state (window->session) == BOURSE_CONNECTION_STATE_FAILED &&
              (dialog = find_login_dialog ()) != NULL && dialog_error (dialog) != NULL, 20);
  g_test_message ("refused: %s", dialog_error (dialog));
  g_assert_nonnull (strstr (dialog_error (dialog), "Invalid login or password"));

  if (c->remember)
    {
      GtkWidget *check = bourse_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, 0);

      bourse_test_wait_for_frame (check);
      bourse_test_pointer_click (check, 8, gtk_widget_get_height (check) / 2.0);
      WAIT_UNTIL (bourse_login_dialog_get_remember (dialog), 10);
    }
  type_password (dialog, c->password);
  bourse_test_key (password_entry (dialog), "Return");
  WAIT_UNTIL (is_live (app), 30);
  g_assert_null (find_login_dialog ());
  if (c->remember)
    WAIT_UNTIL (g_strcmp0 (bourse_window_get_last_toast (window), "Password remembered in the keyring") == 0, 10);
}

static void
test_dialog_remember (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (8);
  DialogCase c = { broker, "trader", "trader", TRUE };
  const char *args[] = { "--connect", broker->url, "--login", "trader", NULL };
  g_autofree char *stored = NULL;

  g_assert_null (keyring_lookup (broker->url, "trader"));
  g_assert_cmpint (run_bourse (args, check_dialog_login, &c), ==, 0);
  stored = keyring_lookup (broker->url, "trader");
  g_assert_cmpstr (stored, ==, "trader");
}

static void
test_dialog_nothing_stored (void)
{
  g_autoptr(BourseTestBroker) broker = bourse_test_broker_start (9);
  DialogCase c = { broker, "demo", "demo", FALSE };
  const char *args[] = { "--connect", broker->url, "--login", "demo", NULL };

  g_assert_cmpint (run_bourse (args, check_dialog_login, &c), ==, 0);
  /* not asked to: not stored, neither the refused password nor the good one */
  g_assert_null (keyring_lookup (broker->url, "demo"));
}

/* -- a server whose answers break the API --------------------------------- */

/* Logs in anyone, then answers every endpoint with a number where the API
 * has objects and arrays: what a broker's half-done implementation sends. */
static void
non_conformant_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  g_autofree char *body = NULL;

  if (g_str_has_suffix (path, "/authorize"))
    body = g_strdup_printf ("{\"s\":\"ok\",\"d\":{\"access_token\":\"t\",\"expiration\":%" G_GINT64_FORMAT "}}",
                            g_get_real_time () / G_USEC_PER_SEC + 3600);
  else
    body = g_strdup ("{\"s\":\"ok\",\"d\":42}");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean not_connected_logged;

/* The application says in its log why it did not connect: that warning is
 * what the test waits for, not a failure. */
static void
record_warning (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  g_test_message ("logged: %s", message);
  g_assert_nonnull (strstr (message, "Not connected to "));
  not_connected_logged = TRUE;
}

static void
check_non_conformant (BourseApplication *app,
                      gpointer           data)
{
  BourseWindow *window;

  WAIT_UNTIL ((window = find_window (app)) != NULL &&
              bourse_session_get_state (window->session) == BOURSE_CONNECTION_STATE_FAILED, 30);
  g_test_message ("%s", bourse_session_get_status_text (window->session));
  /* no password dialog for what a password cannot fix, and the reason shown */
  g_assert_null (find_login_dialog ());
  WAIT_UNTIL (not_connected_logged, 10);
  g_assert_nonnull (strstr (bourse_window_get_last_toast (window), "Failed"));
}

static void
test_non_conformant (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  const char *args[] = { "--connect", NULL, "--login", "demo", NULL };

  soup_server_add_handler (server, NULL, non_conformant_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  args[1] = url;
  keyring_store (url, "demo", "demo");
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
    guint handler = g_log_set_handler ("Bourse", G_LOG_LEVEL_WARNING, record_warning, NULL);

    g_assert_cmpint (run_bourse (args, check_non_conformant, NULL), ==, 0);
    g_log_remove_handler ("Bourse", handler);
    g_log_set_always_fatal (fatal);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/Connect/keyring-password-and-account", test_keyring_password_and_account);
  g_test_add_func ("/Bourse/UI/Connect/dialog-refused-then-remembered", test_dialog_remember);
  g_test_add_func ("/Bourse/UI/Connect/dialog-nothing-stored", test_dialog_nothing_stored);
  g_test_add_func ("/Bourse/UI/Connect/non-conformant-server", test_non_conformant);

  return g_test_run ();
}
