/* bourse-application-scripting.c — the application as scripts drive it: chart actions on the active window, --connect
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `gapplication action io.github.bourse.Bourse chart-symbol "'EURUSD'"`
 * reaches the running terminal (or starts it, the desktop file being
 * D-Bus activatable) as an "app." action; each checks its parameter and
 * runs the window action of the same meaning on the active window, so
 * scripts, the toolbar and shortcuts share one path. An action cannot
 * answer its caller: what is wrong goes to a toast and to the log.
 *
 * `bourse --connect URL [--login L] [--account ID]` opens the terminal on
 * that server: the password comes from the keyring or a login dialog, and
 * is stored only when the dialog's "Remember" is checked and the login
 * worked. A bad URL fails this process before anything starts; a refused
 * login asks again, with the broker's reason.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bourse-application-private.h"
#include "bourse-broker-error.h"
#include "bourse-chart-types.h"
#include "bourse-credentials.h"
#include "bourse-indicator.h"
#include "bourse-login-dialog.h"
#include "bourse-resolution.h"
#include "bourse-window-private.h"

/* -- chart actions for scripts -------------------------------------------- */

typedef gboolean (*CheckFunc) (BourseWindow *window,
                               const char   *value,
                               GError      **error);

static gboolean
check_symbol (BourseWindow *window,
              const char   *symbol,
              GError      **error)
{
  BourseBrokerStore *store = bourse_session_get_store (bourse_window_get_session (window));
  GListModel *instruments = store ? bourse_broker_store_get_instruments (store) : NULL;

  if (*symbol == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No symbol given"));
      return FALSE;
    }
  /* Before the broker listed its instruments, the chart's own request says. */
  if (instruments == NULL || g_list_model_get_n_items (instruments) == 0 ||
      bourse_broker_store_lookup_instrument (store, symbol) != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This broker has no symbol “%s”"), symbol);
  return FALSE;
}

static gboolean
check_interval (BourseWindow *window,
                const char   *value,
                GError      **error)
{
  g_autofree char *resolution = bourse_resolution_parse_user (value, error);

  return resolution != NULL;
}

static gboolean
check_chart_type (BourseWindow *window,
                  const char   *value,
                  GError      **error)
{
  g_autoptr(GEnumClass) types = g_type_class_ref (BOURSE_TYPE_CHART_TYPE);
  g_autoptr(GString) known = g_string_new (NULL);
  BourseChartType type;

  if (bourse_chart_type_from_string (value, &type))
    return TRUE;
  for (guint i = 0; i < types->n_values; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", types->values[i].value_nick);
  /* Translators: the second %s is the list of chart types */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown chart type “%s” (one of %s)"),
               value, known->str);
  return FALSE;
}

static gboolean
check_indicator (BourseWindow *window,
                 const char   *value,
                 GError      **error)
{
  g_autoptr(BourseIndicator) indicator = bourse_indicator_new_from_spec (value, error);

  return indicator != NULL;
}

static gboolean
check_path (BourseWindow *window,
            const char   *value,
            GError      **error)
{
  if (*value != '\0')
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No file path given"));
  return FALSE;
}

static const struct {
  const char *name;           /* app.NAME */
  const char *window_action;  /* win.NAME it runs */
  CheckFunc   check;
  const char *failed;         /* toast prefix when the check fails */
} chart_actions[] = {
  { "chart-symbol", "set-symbol", check_symbol, N_("Symbol not changed") },
  { "chart-interval", "chart-interval", check_interval, N_("Interval not changed") },
  { "chart-type", "set-chart-type", check_chart_type, N_("Chart type not changed") },
  { "chart-indicator", "add-indicator", check_indicator, N_("Indicator not added") },
  { "chart-screenshot", "chart-screenshot", check_path, N_("Chart screenshot not saved") },
  { "chart-export", "export-chart-data-to", check_path, N_("Chart data not exported") },
};

static void
chart_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  BourseApplication *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *value = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  BourseWindow *window;

  if (self->settings == NULL)
    return;  /* startup failed and said why */
  window = _bourse_application_get_terminal (self, TRUE);
  /* a script may be the first to start the terminal: show what it acts on */
  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (chart_actions); i++)
    {
      if (!g_str_equal (chart_actions[i].name, name))
        continue;
      if (!chart_actions[i].check (window, value, &error))
        {
          g_warning ("%s %s: %s", name, value, error->message);
          _bourse_window_report_error (window, _(chart_actions[i].failed), error);
          return;
        }
      g_action_group_activate_action (G_ACTION_GROUP (window), chart_actions[i].window_action, parameter);
      return;
    }
}

static void connect_url_action_cb (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data);

void
_bourse_application_add_scripting_actions (BourseApplication *self)
{
  g_autoptr(GSimpleAction) connect_url = g_simple_action_new ("connect-url", G_VARIANT_TYPE ("(sss)"));

  for (guint i = 0; i < G_N_ELEMENTS (chart_actions); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (chart_actions[i].name, G_VARIANT_TYPE_STRING);

      g_signal_connect_object (action, "activate", G_CALLBACK (chart_action_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
  g_signal_connect_object (connect_url, "activate", G_CALLBACK (connect_url_action_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (connect_url));
}

/* -- bourse --connect ----------------------------------------------------- */

struct _BourseConnectRequest
{
  BourseApplication *app;         /* owns the request */
  BourseWindow      *window;
  BourseSession     *session;
  GCancellable      *cancellable; /* the keyring */
  BourseLoginDialog *dialog;      /* while it is open */
  char              *base_url;
  char              *login;
  char              *account_id;
  char              *password;    /* until the login worked or failed; wiped */
  gulong             state_id;
  guint              remember : 1;
  guint              from_keyring : 1;
};

static void
wipe_password (BourseConnectRequest *request)
{
  if (request->password != NULL)
    {
      memset (request->password, 0, strlen (request->password));
      g_clear_pointer (&request->password, g_free);
    }
}

void
_bourse_connect_request_free (BourseConnectRequest *request)
{
  g_cancellable_cancel (request->cancellable);
  g_clear_object (&request->cancellable);
  g_clear_signal_handler (&request->state_id, request->session);
  if (request->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (request->dialog, request);
      gtk_window_destroy (GTK_WINDOW (request->dialog));
    }
  wipe_password (request);
  g_clear_object (&request->window);
  g_clear_object (&request->session);
  g_free (request->base_url);
  g_free (request->login);
  g_free (request->account_id);
  g_free (request);
}

/* The request is over (logged in, failed for good, or cancelled). */
static void
finish_request (BourseConnectRequest *request)
{
  BourseApplication *app = request->app;

  g_assert (app->connect_request == request);
  g_clear_pointer (&app->connect_request, _bourse_connect_request_free);
}

static void log_in (BourseConnectRequest *request,
                    const char           *login,
                    const char           *password,
                    gboolean              remember);

static void
login_dialog_response_cb (BourseLoginDialog    *dialog,
                          const char           *response,
                          BourseConnectRequest *request)
{
  request->dialog = NULL;
  if (g_strcmp0 (response, "connect") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Not connected to %s"), request->base_url);

      _bourse_window_toast (request->window, message);
      finish_request (request);
      return;
    }
  log_in (request, bourse_login_dialog_get_login (dialog), bourse_login_dialog_get_password (dialog),
          bourse_login_dialog_get_remember (dialog));
}

static void
ask_password (BourseConnectRequest *request,
              const char           *why)
{
  request->dialog = bourse_login_dialog_new (GTK_WINDOW (request->window), request->base_url, request->login);
  bourse_login_dialog_set_error (request->dialog, why);
  g_signal_connect (request->dialog, "response", G_CALLBACK (login_dialog_response_cb), request);
  gtk_window_present (GTK_WINDOW (request->dialog));
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BourseWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (bourse_credentials_store_finish (result, &error))
    _bourse_window_toast (window, _("Password remembered in the keyring"));
  else
    _bourse_window_report_error (window, _("Password not remembered"), error);
}

/* What another password could fix: the broker's own "no", or 400/401/403
 * from /authorize; a 404 or a 500 there says the URL is wrong instead. */
static gboolean
is_refused_login (const GError *error)
{
  guint status;

  if (error == NULL || !g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH))
    return FALSE;
  if (bourse_broker_error_get_errmsg (error) != NULL)
    return TRUE;
  status = bourse_broker_error_get_http_status (error);
  return status == 0 || status == 400 || status == 401 || status == 403;
}

static void
session_state_cb (BourseConnectRequest *request)
{
  BourseConnectionState state = bourse_session_get_state (request->session);
  BourseBrokerStore *store = bourse_session_get_store (request->session);
  const GError *error;

  if (state == BOURSE_CONNECTION_STATE_LIVE)
    {
      if (request->remember)
        bourse_credentials_store_async (request->base_url, request->login, request->password, NULL,
                                        password_stored_cb, g_object_ref (request->window));
      finish_request (request);
      return;
    }
  if (state != BOURSE_CONNECTION_STATE_FAILED)
    return;

  g_clear_signal_handler (&request->state_id, request->session);
  wipe_password (request);
  /* the store says why it failed before it says it failed */
  error = store ? bourse_broker_store_get_last_error (store) : NULL;
  if (is_refused_login (error))
    {
      const char *errmsg = bourse_broker_error_get_errmsg (error);
      g_autofree char *why = NULL;

      /* Translators: %s is the broker's reason, e.g. "Invalid login or password" */
      why = g_strdup_printf (request->from_keyring ? _("The password in the keyring was refused: %s")
                                                   : _("Login refused: %s"),
                             errmsg ? errmsg : error->message);
      request->from_keyring = FALSE;
      ask_password (request, why);
      return;
    }
  {
    g_autofree char *what = g_strdup_printf (_("Not connected to %s"), request->base_url);

    g_warning ("%s: %s", what, bourse_session_get_status_text (request->session));
    _bourse_window_toast (request->window, bourse_session_get_status_text (request->session));
  }
  finish_request (request);
}

/* A title for the connection: the server's host (and port). */
static char *
title_for_url (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (base_url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static void
log_in (BourseConnectRequest *request,
        const char           *login,
        const char           *password,
        gboolean              remember)
{
  g_autofree char *title = title_for_url (request->base_url);

  wipe_password (request);
  request->password = g_strdup (password);
  request->remember = remember;
  if (login != request->login)
    {
      g_free (request->login);
      request->login = g_strdup (login);
    }
  if (request->state_id == 0)
    request->state_id = g_signal_connect_swapped (request->session, "notify::state",
                                                  G_CALLBACK (session_state_cb), request);
  bourse_session_connect_url (request->session, title, request->base_url, request->login, request->password,
                              request->account_id);
}

static void
password_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BourseConnectRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  char *password = bourse_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the request is gone */
  if (password != NULL)
    {
      request->from_keyring = TRUE;
      log_in (request, request->login, password, FALSE);
      bourse_credentials_free_password (password);
      return;
    }
  /* no keyring is no reason to refuse: the dialog asks */
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  ask_password (request, NULL);
}

/* app.connect-url (URL, login, account): what `bourse --connect` asks of
 * the running terminal. */
static void
connect_url_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  BourseApplication *self = user_data;
  const char *base_url, *login, *account_id;
  g_autoptr(GError) error = NULL;
  BourseConnectRequest *request;
  BourseWindow *window;

  if (self->settings == NULL)
    return;
  g_variant_get (parameter, "(&s&s&s)", &base_url, &login, &account_id);
  window = _bourse_application_get_terminal (self, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  g_clear_pointer (&self->connect_request, _bourse_connect_request_free);
  if (!bourse_session_check_base_url (base_url, FALSE, &error))
    {
      g_warning ("--connect %s: %s", base_url, error->message);
      _bourse_window_report_error (window, _("Not connected"), error);
      return;
    }

  request = g_new0 (BourseConnectRequest, 1);
  request->app = self;
  request->window = g_object_ref (window);
  request->session = g_object_ref (bourse_window_get_session (window));
  request->cancellable = g_cancellable_new ();
  request->base_url = g_strdup (base_url);
  request->login = g_strdup (login);
  request->account_id = g_strdup (account_id);
  self->connect_request = request;

  /* whatever the window showed belongs to another server */
  bourse_session_disconnect (request->session);
  if (*login != '\0')
    bourse_credentials_lookup_async (base_url, login, request->cancellable, password_looked_up_cb, request);
  else
    ask_password (request, NULL);
}

void
_bourse_application_add_command_line_options (BourseApplication *self)
{
  static const GOptionEntry entries[] = {
    { "connect", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open a window on the broker server at URL (the base URL of its REST API)"), N_("URL") },
    { "login", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Log in to the --connect server as LOGIN"), N_("LOGIN") },
    { "account", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Select the account ID on the --connect server"), N_("ID") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/* Runs in the process started from the shell: a bad URL fails it at once;
 * otherwise the terminal (this process, or the one already running) gets
 * app.connect-url. */
int
_bourse_application_handle_connect_option (BourseApplication *self,
                                           GVariantDict      *options)
{
  const char *base_url = NULL, *login = "", *account_id = "";
  g_autoptr(GError) error = NULL;

  g_variant_dict_lookup (options, "login", "&s", &login);
  g_variant_dict_lookup (options, "account", "&s", &account_id);
  if (!g_variant_dict_lookup (options, "connect", "&s", &base_url))
    {
      if (*login == '\0' && *account_id == '\0')
        return -1;
      g_printerr (_("%s: --login and --account need --connect URL\n"), g_get_prgname ());
      return EXIT_FAILURE;
    }
  if (!bourse_session_check_base_url (base_url, FALSE, &error))
    {
      /* the saved connections' "allow plain HTTP" is no option here */
      const char *why = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
                        ? _("TLS is required: use https (plain http only to this computer)") : error->message;

      /* Translators: "bourse: --connect ftp://x: Unsupported scheme “ftp”: use https" */
      g_printerr (_("%s: --connect %s: %s\n"), g_get_prgname (), base_url, why);
      return EXIT_FAILURE;
    }
  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return EXIT_FAILURE;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), "connect-url",
                                  g_variant_new ("(sss)", base_url, login, account_id));
  if (g_application_get_is_remote (G_APPLICATION (self)))
    {
      /* the running terminal connects; this process only had to ask */
      GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
      return EXIT_SUCCESS;
    }
  return -1;
}
