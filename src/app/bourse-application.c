/* bourse-application.c — the Bourse application: actions, style, background alerts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-application-private.h"
#include "bourse-preferences-window.h"
#include "bourse-session.h"
#include "bourse-window.h"


G_DEFINE_FINAL_TYPE (BourseApplication, bourse_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ALERT_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_color_scheme (BourseApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  switch (bourse_settings_get_color_scheme (self->settings))
    {
    case BOURSE_COLOR_SCHEME_LIGHT:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case BOURSE_COLOR_SCHEME_DARK:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    case BOURSE_COLOR_SCHEME_DEFAULT:
    default:
      /* Trading terminals are dark by habit, but the system's wish wins. */
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_PREFER_LIGHT);
      break;
    }
}

static void
settings_color_scheme_changed_cb (BourseApplication *self,
                                  const char        *key,
                                  GSettings         *settings)
{
  apply_color_scheme (self);
}

/* Active alerts keep the application running with no window, like a
 * trading platform's server-side alerts: they still fire and notify. */
static void
alerts_n_active_changed_cb (BourseApplication *self)
{
  gboolean hold = bourse_alert_manager_get_n_active (self->alert_manager) > 0;

  if (hold == self->held_for_alerts)
    return;
  self->held_for_alerts = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* Whether the user is looking at a terminal window right now. */
static gboolean
has_focused_window (BourseApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && gtk_window_is_active (l->data))
      return TRUE;
  return FALSE;
}

/**
 * bourse_application_notify:
 * @id: (nullable): replaces an earlier notification with the same id
 *
 * Sends a desktop notification unless a terminal window has the focus (the
 * window then shows a toast, which is enough): fills, rejections and alerts
 * reach a trader who is looking elsewhere or has closed the window.
 *
 * Returns: whether a notification was sent
 */
gboolean
bourse_application_notify (BourseApplication    *self,
                           const char           *id,
                           const char           *title,
                           const char           *body,
                           GNotificationPriority priority)
{
  g_autoptr(GNotification) notification = NULL;

  g_return_val_if_fail (BOURSE_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (has_focused_window (self))
    return FALSE;

  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_priority (notification, priority);
  /* a click brings the terminal back */
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), id, notification);
  self->n_notifications++;
  return TRUE;
}

guint
bourse_application_get_n_notifications (BourseApplication *self)
{
  g_return_val_if_fail (BOURSE_IS_APPLICATION (self), 0);
  return self->n_notifications;
}

static void
alert_triggered_cb (BourseApplication *self,
                    BourseAlert       *alert,
                    BourseAlertEvent  *event)
{
  g_autofree char *title = NULL;
  const char *name = bourse_alert_event_get_alert_name (event);

  /* Translators: notification title, e.g. "Alert on EURUSD" */
  title = g_strdup_printf (_("Alert on %s"), bourse_alert_event_get_symbol (event));
  bourse_application_notify (self, bourse_alert_event_get_fire_id (event), name && *name ? name : title,
                             bourse_alert_event_get_message (event), G_NOTIFICATION_PRIORITY_HIGH);
}

/* /symbol_info is a table: each field an array (one per symbol) or a scalar
 * for all of them. The string in @member for the @i-th symbol, or NULL. */
static const char *
symbol_info_column (JsonObject *info,
                    const char *member,
                    guint       i)
{
  JsonNode *node = json_object_get_member (info, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    node = i < json_array_get_length (json_node_get_array (node)) ? json_array_get_element (json_node_get_array (node), i)
                                                                  : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The resolutions the broker serves for the @i-th symbol: its
 * `supported-resolutions` (an array per symbol, or one array for all) and
 * its `intraday-multipliers` (served by definition). NULL when it says none. */
static GStrv
symbol_info_resolutions (JsonObject *info,
                         guint       i)
{
  static const char * const members[] = { "supported-resolutions", "intraday-multipliers" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  gboolean any = FALSE;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = json_object_get_member (info, members[m]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      /* an array of arrays: one per symbol */
      if (json_array_get_length (array) > 0 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, 0)))
        {
          if (i >= json_array_get_length (array) || !JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, i)))
            continue;
          array = json_node_get_array (json_array_get_element (array, i));
        }
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonNode *element = json_array_get_element (array, k);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              !g_ptr_array_find_with_equal_func (seen, json_node_get_string (element), g_str_equal, NULL))
            {
              g_ptr_array_add (seen, (gpointer) json_node_get_string (element));
              g_strv_builder_add (builder, json_node_get_string (element));
              any = TRUE;
            }
        }
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

/* /symbol_info tells alerts what {{exchange}} is, and the market data each
 * symbol's session, time zone and served resolutions. */
static void
symbol_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BourseApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = bourse_broker_client_get_symbol_info_finish (BOURSE_BROKER_CLIENT (object), result, &error);
  JsonObject *info;
  JsonNode *symbols;

  if (node == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No exchanges for alert messages: %s", error->message);
      return;
    }
  info = json_node_get_object (node);
  symbols = json_object_get_member (info, "symbol");
  if (symbols == NULL || !JSON_NODE_HOLDS_ARRAY (symbols))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (symbols)); i++)
    {
      JsonNode *symbol = json_array_get_element (json_node_get_array (symbols), i);
      const char *name = json_node_get_value_type (symbol) == G_TYPE_STRING ? json_node_get_string (symbol) : NULL;
      const char *exchange = symbol_info_column (info, "exchange-listed", i);
      const char *session = symbol_info_column (info, "session-regular", i);
      g_autoptr(GError) session_error = NULL;
      g_auto(GStrv) resolutions = NULL;

      if (name == NULL)
        continue;
      /* Intervals it does not serve are built from those it does. */
      resolutions = symbol_info_resolutions (info, i);
      bourse_market_data_set_resolutions (bourse_session_get_market_data (self->session), name,
                                          (const char * const *) resolutions);
      if (exchange != NULL)
        bourse_alert_manager_set_exchange (self->alert_manager, name, exchange);
      /* Live bars are bucketed by the symbol's session, as its history is. */
      if (session != NULL &&
          !bourse_market_data_set_session (bourse_session_get_market_data (self->session), name, session,
                                           symbol_info_column (info, "timezone", i), &session_error))
        g_message ("%s: %s", name, session_error->message);
    }
}

/* {{exchange}} for the session's broker: its name until /symbol_info says
 * better. The alerts' bars come from the session's market data. */
static void
session_store_changed_cb (BourseApplication *self)
{
  BourseBrokerStore *store = bourse_session_get_store (self->session);

  if (store == self->fed_store)
    return;
  self->fed_store = store;
  g_cancellable_cancel (self->symbol_info_cancellable);
  g_clear_object (&self->symbol_info_cancellable);
  bourse_alert_manager_set_exchange (self->alert_manager, NULL,
                                     store ? bourse_session_get_title (self->session) : NULL);
  if (store != NULL && bourse_session_get_client (self->session) != NULL)
    {
      self->symbol_info_cancellable = g_cancellable_new ();
      bourse_broker_client_get_symbol_info_async (bourse_session_get_client (self->session),
                                                  self->symbol_info_cancellable,
                                                  symbol_info_cb, g_object_ref (self));
    }
}

static void
window_notification_requested_cb (BourseApplication *self,
                                  const char        *id,
                                  const char        *title,
                                  const char        *body)
{
  bourse_application_notify (self, id, title, body, G_NOTIFICATION_PRIORITY_HIGH);
}

BourseWindow *
_bourse_application_get_terminal (BourseApplication *self,
                                  gboolean           connect_active)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The active window may be the preferences or a dialog (its Connect
   * buttons activate app.connect): the terminal is the BourseWindow. */
  if (window != NULL && !BOURSE_IS_WINDOW (window))
    window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); window == NULL && l != NULL; l = l->next)
    if (BOURSE_IS_WINDOW (l->data))
      window = l->data;

  if (window == NULL)
    {
      window = GTK_WINDOW (bourse_window_new (GTK_APPLICATION (self), self->session, self->alert_manager));
      g_signal_connect_object (window, "notification-requested",
                               G_CALLBACK (window_notification_requested_cb), self, G_CONNECT_SWAPPED);
      /* A window reopened while alerts kept the session alive needs no new connection. */
      if (connect_active && bourse_session_get_store (self->session) == NULL)
        bourse_session_connect_active (self->session);
    }

  return BOURSE_WINDOW (window);
}

static GtkWindow *
get_or_create_window (BourseApplication *self)
{
  return GTK_WINDOW (_bourse_application_get_terminal (self, TRUE));
}

/* The default action of a notification: back to the terminal (a window is
 * made again when alerts kept the application running without one). */
static void
bourse_application_activate_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
bourse_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BourseApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows first lets each save its size and layout. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
bourse_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseApplication *self = user_data;
  GtkWindow *parent = get_or_create_window (self);
  BoursePreferencesWindow *preferences;

  preferences = bourse_preferences_window_new (self->settings, bourse_window_get_session (BOURSE_WINDOW (parent)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bourse_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseApplication *self = user_data;
  static const char *developers[] = { "The Bourse developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Bourse"),
                        "developer-name", _("The Bourse developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A trading terminal for brokers that speak the TradingView REST API"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
bourse_application_connect_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseApplication *self = user_data;
  const char *connection_id = g_variant_get_string (parameter, NULL);
  BourseWindow *window;

  g_clear_pointer (&self->connect_request, _bourse_connect_request_free);
  bourse_settings_set_active_connection (self->settings, connection_id);
  window = BOURSE_WINDOW (get_or_create_window (self));
  bourse_session_connect_active (bourse_window_get_session (window));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "activate", bourse_application_activate_action },
  { "quit", bourse_application_quit_action },
  { "preferences", bourse_application_preferences_action },
  { "about", bourse_application_about_action },
  { "connect", bourse_application_connect_action, "s" },
};

/* Runs before the application registers, whatever the command line (except
 * --help, which GApplication answers first): --version needs no settings,
 * and a missing schema is a clear message here rather than an abort. */
static int
bourse_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", g_get_prgname () ? g_get_prgname () : "bourse", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (!bourse_settings_check_schemas (&error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  status = _bourse_application_handle_connect_option (BOURSE_APPLICATION (application), options);
  if (status >= 0)
    return status;
  return G_APPLICATION_CLASS (bourse_application_parent_class)->handle_local_options (application, options);
}

static void
bourse_application_startup (GApplication *application)
{
  BourseApplication *self = BOURSE_APPLICATION (application);
  g_autoptr(GError) schema_error = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.buy", { "<Control><Shift>b", NULL } },
    { "win.sell", { "<Control><Shift>s", NULL } },
    { "win.cancel-all", { "<Control><Shift>x", NULL } },
    { "win.set-resolution('1')", { "<Alt>1", NULL } },
    { "win.set-resolution('5')", { "<Alt>2", NULL } },
    { "win.set-resolution('15')", { "<Alt>3", NULL } },
    { "win.set-resolution('60')", { "<Alt>4", NULL } },
    { "win.set-resolution('1D')", { "<Alt>5", NULL } },
    { "win.set-resolution('1W')", { "<Alt>6", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.symbol-search", { "<Control>k", NULL } },
    { "win.show-inspector", { "<Control><Shift>i", NULL } },
    { "win.chart-screenshot-clipboard", { "<Control><Alt>s", NULL } },
  };

  /* Settings are created here, not at construction, so that --help and
   * --version work without the schema. A primary instance started without
   * handle_local_options (D-Bus activation of a broken install) quits. */
  if (!bourse_settings_check_schemas (&schema_error))
    {
      g_printerr ("%s\n", schema_error->message);
      G_APPLICATION_CLASS (bourse_application_parent_class)->startup (application);
      g_application_quit (application);
      return;
    }
  self->settings = bourse_settings_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);

  /* libsoup reads this when it opens connections; set it before any thread
   * (the demo broker's, the keyring's) could be reading the environment. */
  if (g_settings_get_boolean (bourse_settings_get_gsettings (self->settings), BOURSE_SETTINGS_KEY_FORCE_HTTP1))
    g_setenv ("SOUP_FORCE_HTTP1", "1", TRUE);

  G_APPLICATION_CLASS (bourse_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  _bourse_application_add_scripting_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  g_signal_connect_object (bourse_settings_get_gsettings (self->settings),
                           "changed::" BOURSE_SETTINGS_KEY_COLOR_SCHEME,
                           G_CALLBACK (settings_color_scheme_changed_cb),
                           self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  {
    g_autoptr(GFile) file = g_file_new_build_filename (g_get_user_data_dir (), "bourse", "alerts.json", NULL);
    g_autoptr(GError) error = NULL;

    self->alert_manager = bourse_alert_manager_new (file);
    if (!bourse_alert_manager_load (self->alert_manager, &error) &&
        !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      g_message ("Alerts not loaded from %s: %s", g_file_peek_path (file), error->message);
    g_signal_connect_object (self->alert_manager, "notify::n-active",
                             G_CALLBACK (alerts_n_active_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->alert_manager, "alert-triggered",
                             G_CALLBACK (alert_triggered_cb), self, G_CONNECT_SWAPPED);
    alerts_n_active_changed_cb (self);
  }

  self->session = bourse_session_new (self->settings);
  g_signal_connect_object (self->session, "notify::store",
                           G_CALLBACK (session_store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Alerts evaluate on the session's live bars, with or without a window. */
  bourse_alert_manager_set_market_data (self->alert_manager, bourse_session_get_market_data (self->session));
}

static void
bourse_application_shutdown (GApplication *application)
{
  BourseApplication *self = BOURSE_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (self->alert_manager && !bourse_alert_manager_save (self->alert_manager, &error))
    g_message ("Alerts not saved: %s", error->message);
  if (self->session)
    bourse_session_disconnect (self->session);

  G_APPLICATION_CLASS (bourse_application_parent_class)->shutdown (application);
}

static void
bourse_application_activate (GApplication *application)
{
  if (BOURSE_APPLICATION (application)->settings == NULL)
    return;  /* startup failed and said why */
  gtk_window_present (get_or_create_window (BOURSE_APPLICATION (application)));
}

static void
bourse_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseApplication *self = BOURSE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ALERT_MANAGER:
      g_value_set_object (value, self->alert_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_application_dispose (GObject *object)
{
  BourseApplication *self = BOURSE_APPLICATION (object);

  g_cancellable_cancel (self->symbol_info_cancellable);
  g_clear_object (&self->symbol_info_cancellable);
  g_clear_pointer (&self->connect_request, _bourse_connect_request_free);
  g_clear_object (&self->session);
  g_clear_object (&self->alert_manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_application_parent_class)->dispose (object);
}

static void
bourse_application_class_init (BourseApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bourse_application_dispose;
  object_class->get_property = bourse_application_get_property;

  app_class->handle_local_options = bourse_application_handle_local_options;
  app_class->startup = bourse_application_startup;
  app_class->activate = bourse_application_activate;
  app_class->shutdown = bourse_application_shutdown;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         BOURSE_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ALERT_MANAGER] =
    g_param_spec_object ("alert-manager", NULL, NULL,
                         BOURSE_TYPE_ALERT_MANAGER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_application_init (BourseApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the program version and quit"), NULL);
  _bourse_application_add_command_line_options (self);
}

BourseApplication *
bourse_application_new (void)
{
  return g_object_new (BOURSE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * bourse_application_get_settings:
 * Returns: (transfer none) (nullable): the application's settings, %NULL
 *   before startup or when the schema is not installed
 */
BourseSettings *
bourse_application_get_settings (BourseApplication *self)
{
  g_return_val_if_fail (BOURSE_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * bourse_application_get_alert_manager:
 * Returns: (transfer none) (nullable): the alerts, %NULL before startup
 */
BourseAlertManager *
bourse_application_get_alert_manager (BourseApplication *self)
{
  g_return_val_if_fail (BOURSE_IS_APPLICATION (self), NULL);
  return self->alert_manager;
}
