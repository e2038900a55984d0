/* bourse-session.c — one broker connection: demo broker or saved server, client, store, state
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in demo broker runs in a thread of its own (its own GMainContext),
 * so a busy simulator never stalls the window and the window never stalls it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-credentials.h"
#include "bourse-demo-broker.h"
#include "bourse-session.h"

#define DEMO_SEED   20241125
#define DEMO_LOGIN  "demo"

struct _BourseSession
{
  GObject                parent_instance;

  /* owned */
  BourseSettings        *settings;
  BourseDemoBroker      *demo_broker;
  BourseBrokerStore     *store;
  BourseMarketData      *market_data;     /* live bars; its source is the store while live */
  GCancellable          *cancellable;     /* this connection's start and keyring lookups */
  char                  *status_text;
  char                  *title;
  char                  *error_message;
  gulong                 state_notify_id;
  guint                  countdown_id;    /* ticks "reconnecting in N s" */

  /* what the last connect was, for reconnect */
  char                  *base_url;
  char                  *login;
  char                  *password;        /* in memory only, for re-authorization */
  char                  *account_id;

  BourseConnectionState  state;
};

G_DEFINE_FINAL_TYPE (BourseSession, bourse_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_STATE,
  PROP_STATUS_TEXT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void update_status (BourseSession *self);

static gboolean
countdown_cb (gpointer user_data)
{
  update_status (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_status (BourseSession *self)
{
  BourseConnectionState state = self->store ? bourse_broker_store_get_connection_state (self->store)
                                            : BOURSE_CONNECTION_STATE_DISCONNECTED;
  const GError *error = self->store ? bourse_broker_store_get_last_error (self->store) : NULL;
  const char *why = self->error_message ? self->error_message : error ? error->message : NULL;
  g_autofree char *text = NULL;

  /* History is asked for once the broker is live (logged in, config read). */
  if (self->store != NULL && state == BOURSE_CONNECTION_STATE_LIVE)
    bourse_market_data_set_source (self->market_data, BOURSE_MARKET_SOURCE (self->store));

  /* A start that failed before the store ever went live is a failure too. */
  if (self->error_message && state != BOURSE_CONNECTION_STATE_LIVE)
    state = BOURSE_CONNECTION_STATE_FAILED;

  switch (state)
    {
    case BOURSE_CONNECTION_STATE_CONNECTING:
      text = g_strdup (_("Connecting…"));
      break;
    case BOURSE_CONNECTION_STATE_LIVE:
      text = g_strdup (_("Live"));
      break;
    case BOURSE_CONNECTION_STATE_RECONNECTING:
      {
        gint64 at = bourse_broker_store_get_next_attempt_time (self->store);
        gint64 now = g_get_monotonic_time ();

        if (at > now)
          {
            /* round up: "in 0 s" would read as stuck */
            guint seconds = (guint) ((at - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

            if (why)
              /* Translators: connection state, e.g. "Reconnecting in 4 s (Connection refused)" */
              text = g_strdup_printf (_("Reconnecting in %u s (%s)"), seconds, why);
            else
              text = g_strdup_printf (_("Reconnecting in %u s"), seconds);
          }
        else
          text = why ? g_strdup_printf (_("Reconnecting (%s)"), why) : g_strdup (_("Reconnecting…"));
      }
      break;
    case BOURSE_CONNECTION_STATE_FAILED:
      text = g_strdup_printf (_("Failed: %s"), why ? why : _("unknown error"));
      break;
    case BOURSE_CONNECTION_STATE_DISCONNECTED:
    default:
      text = g_strdup (_("Offline"));
      break;
    }

  /* The next attempt moves without a notify from the store: tick while
   * reconnecting so the countdown stays true. */
  if (state == BOURSE_CONNECTION_STATE_RECONNECTING && self->countdown_id == 0)
    self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
  else if (state != BOURSE_CONNECTION_STATE_RECONNECTING)
    g_clear_handle_id (&self->countdown_id, g_source_remove);

  /* Both change before either is announced: whoever hears "state" reads
   * the new text. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->status_text, text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_title (BourseSession *self,
           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_error (BourseSession *self,
           const char    *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  update_status (self);
}

static void
drop_store (BourseSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->market_data)
    bourse_market_data_set_source (self->market_data, NULL);
  if (self->store)
    {
      g_clear_signal_handler (&self->state_notify_id, self->store);
      bourse_broker_store_stop (self->store);
      g_clear_object (&self->store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  g_clear_pointer (&self->error_message, g_free);
}

static void
store_started_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BourseSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_broker_store_start_finish (BOURSE_BROKER_STORE (object), result, &error))
    {
      if (bourse_broker_error_is_cancelled (error))
        return;
      g_debug ("Could not start the session at %s: %s", self->base_url, error->message);
      set_error (self, error->message);
      return;
    }

  update_status (self);
}

static void
store_state_changed_cb (BourseSession *self)
{
  update_status (self);
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BourseSession *self = BOURSE_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BourseSession *self = BOURSE_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_session_dispose (GObject *object)
{
  BourseSession *self = BOURSE_SESSION (object);

  drop_store (self);
  g_clear_object (&self->market_data);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->demo_broker)
    {
      bourse_demo_broker_stop (self->demo_broker);
      g_clear_object (&self->demo_broker);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_session_parent_class)->dispose (object);
}

static void
bourse_session_finalize (GObject *object)
{
  BourseSession *self = BOURSE_SESSION (object);

  g_free (self->status_text);
  g_free (self->title);
  g_free (self->error_message);
  g_free (self->base_url);
  g_free (self->login);
  wipe_string (&self->password);
  g_free (self->account_id);

  G_OBJECT_CLASS (bourse_session_parent_class)->finalize (object);
}

static void
bourse_session_class_init (BourseSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_session_dispose;
  object_class->finalize = bourse_session_finalize;
  object_class->get_property = bourse_session_get_property;
  object_class->set_property = bourse_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, BOURSE_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOURSE_TYPE_BROKER_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BOURSE_TYPE_CONNECTION_STATE, BOURSE_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_session_init (BourseSession *self)
{
  self->status_text = g_strdup (_("Offline"));
  self->market_data = bourse_market_data_new ();
}

/* -- public API ---------------------------------------------------------- */

BourseSession *
bourse_session_new (BourseSettings *settings)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (settings), NULL);
  return g_object_new (BOURSE_TYPE_SESSION, "settings", settings, NULL);
}

BourseSettings *
bourse_session_get_settings (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->settings;
}

/**
 * bourse_session_get_store:
 * Returns: (transfer none) (nullable): the store of the current connection
 */
BourseBrokerStore *
bourse_session_get_store (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->store;
}

/**
 * bourse_session_get_market_data:
 * Returns: (transfer none): the owner of live bars, fed by the current store
 */
BourseMarketData *
bourse_session_get_market_data (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->market_data;
}

BourseBrokerClient *
bourse_session_get_client (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->store ? bourse_broker_store_get_client (self->store) : NULL;
}

BourseConnectionState
bourse_session_get_state (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), BOURSE_CONNECTION_STATE_DISCONNECTED);
  return self->state;
}

const char *
bourse_session_get_status_text (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->status_text;
}

const char *
bourse_session_get_title (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->title;
}

/* (nullable): the URI of the built-in demo broker once started */
const char *
bourse_session_get_demo_uri (BourseSession *self)
{
  g_return_val_if_fail (BOURSE_IS_SESSION (self), NULL);
  return self->demo_broker ? bourse_demo_broker_get_uri (self->demo_broker) : NULL;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* GUri keeps IPv6 literals without brackets. */
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * bourse_session_check_base_url:
 *
 * A broker URL must be http(s) with a host; plain HTTP only to this
 * computer unless @allow_insecure, since the password and the bearer token
 * would travel in clear text.
 */
gboolean
bourse_session_check_base_url (const char  *base_url,
                               gboolean     allow_insecure,
                               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the broker’s base URL"));
      return FALSE;
    }

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Not a valid URL: use https://host/path"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unsupported scheme “%s”: use https"), scheme);
      return FALSE;
    }
  if (!allow_insecure && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("TLS is required: use https, or allow plain HTTP for this server"));
      return FALSE;
    }
  return TRUE;
}

/**
 * bourse_session_connect_url:
 * @password: (nullable): kept in memory only, to log in again on expiry
 * @account_id: (nullable): the first account when %NULL or empty
 */
void
bourse_session_connect_url (BourseSession *self,
                            const char    *title,
                            const char    *base_url,
                            const char    *login,
                            const char    *password,
                            const char    *account_id)
{
  g_autoptr(BourseBrokerClient) client = NULL;

  g_return_if_fail (BOURSE_IS_SESSION (self));
  g_return_if_fail (base_url != NULL);

  drop_store (self);

  if (base_url != self->base_url)
    {
      g_free (self->base_url);
      self->base_url = g_strdup (base_url);
    }
  if (login != self->login)
    {
      g_free (self->login);
      self->login = g_strdup (login);
    }
  if (password != self->password)
    {
      wipe_string (&self->password);
      self->password = g_strdup (password);
    }
  if (account_id != self->account_id)
    {
      g_free (self->account_id);
      self->account_id = account_id && *account_id ? g_strdup (account_id) : NULL;
    }
  set_title (self, title);

  client = bourse_broker_client_new (base_url);
  if (login && password)
    bourse_broker_client_set_password_credentials (client, login, password);

  self->cancellable = g_cancellable_new ();
  self->store = bourse_broker_store_new (client);
  self->state_notify_id = g_signal_connect_object (self->store, "notify::connection-state",
                                                   G_CALLBACK (store_state_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  update_status (self);

  bourse_broker_store_start_async (self->store, self->account_id, self->cancellable,
                                   store_started_cb, g_object_ref (self));
}

void
bourse_session_connect_demo (BourseSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BOURSE_IS_SESSION (self));

  if (self->demo_broker == NULL)
    {
      self->demo_broker = bourse_demo_broker_new (DEMO_SEED, NULL);
      if (!bourse_demo_broker_start_in_thread (self->demo_broker, "127.0.0.1", 0, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The demo broker could not start: %s"), error->message);

          g_clear_object (&self->demo_broker);
          drop_store (self);
          set_title (self, _("Demo Broker"));
          set_error (self, message);
          return;
        }
    }

  bourse_session_connect_url (self, _("Demo Broker"), bourse_demo_broker_get_uri (self->demo_broker),
                              DEMO_LOGIN, DEMO_LOGIN, NULL);
}

typedef struct
{
  BourseSession *self;
  char          *title;
  char          *base_url;
  char          *login;
  char          *account_id;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->self);
  g_free (data->title);
  g_free (data->base_url);
  g_free (data->login);
  g_free (data->account_id);
  g_free (data);
}

static void
password_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LookupData *data = user_data;
  g_autoptr(GError) error = NULL;
  char *password = bourse_credentials_lookup_finish (result, &error);

  if (error == NULL || !bourse_broker_error_is_cancelled (error))
    {
      if (password == NULL)
        {
          g_autofree char *message = NULL;

          drop_store (data->self);
          set_title (data->self, data->title);
          message = error ? g_strdup (error->message)
                          : g_strdup (_("No password is stored for this server: enter it in Connections"));
          set_error (data->self, message);
        }
      else
        bourse_session_connect_url (data->self, data->title, data->base_url, data->login, password, data->account_id);
    }

  bourse_credentials_free_password (password);
  lookup_data_free (data);
}

/**
 * bourse_session_connect_saved:
 * @password: (nullable): %NULL looks it up in the keyring
 */
void
bourse_session_connect_saved (BourseSession *self,
                              const char    *connection_id,
                              const char    *password)
{
  GSettings *connection;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *login = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *title = NULL;
  LookupData *data;

  g_return_if_fail (BOURSE_IS_SESSION (self));

  if (g_strcmp0 (connection_id, BOURSE_DEMO_CONNECTION_ID) == 0)
    {
      bourse_session_connect_demo (self);
      return;
    }

  connection = bourse_settings_get_connection (self->settings, connection_id);
  if (connection == NULL)
    {
      drop_store (self);
      set_error (self, _("This connection no longer exists"));
      return;
    }

  base_url = g_settings_get_string (connection, BOURSE_CONNECTION_KEY_BASE_URL);
  login = g_settings_get_string (connection, BOURSE_CONNECTION_KEY_LOGIN);
  account_id = g_settings_get_string (connection, BOURSE_CONNECTION_KEY_ACCOUNT_ID);
  title = g_settings_get_string (connection, BOURSE_CONNECTION_KEY_TITLE);
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (base_url);
    }

  if (!bourse_session_check_base_url (base_url, g_settings_get_boolean (connection, BOURSE_CONNECTION_KEY_ALLOW_INSECURE), &error))
    {
      drop_store (self);
      set_title (self, title);
      set_error (self, error->message);
      return;
    }

  if (password != NULL)
    {
      bourse_session_connect_url (self, title, base_url, login, password, account_id);
      return;
    }

  drop_store (self);
  set_title (self, title);
  self->cancellable = g_cancellable_new ();
  data = g_new0 (LookupData, 1);
  data->self = g_object_ref (self);
  data->title = g_steal_pointer (&title);
  data->base_url = g_steal_pointer (&base_url);
  data->login = g_steal_pointer (&login);
  data->account_id = g_steal_pointer (&account_id);
  bourse_credentials_lookup_async (data->base_url, data->login, self->cancellable,
                                   password_looked_up_cb, data);
}

/* Connects to what the settings name as active; the demo broker by default. */
void
bourse_session_connect_active (BourseSession *self)
{
  g_autofree char *active = NULL;

  g_return_if_fail (BOURSE_IS_SESSION (self));

  active = bourse_settings_dup_active_connection (self->settings);
  bourse_session_connect_saved (self, active, NULL);
}

void
bourse_session_disconnect (BourseSession *self)
{
  g_return_if_fail (BOURSE_IS_SESSION (self));

  drop_store (self);
  update_status (self);
}

void
bourse_session_reconnect (BourseSession *self)
{
  g_return_if_fail (BOURSE_IS_SESSION (self));

  if (self->base_url == NULL)
    {
      bourse_session_connect_active (self);
      return;
    }
  bourse_session_connect_url (self, self->title, self->base_url, self->login, self->password, self->account_id);
}

/* Same broker and login, another of the user's accounts. */
void
bourse_session_switch_account (BourseSession *self,
                               const char    *account_id)
{
  g_autofree char *title = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;

  g_return_if_fail (BOURSE_IS_SESSION (self));
  g_return_if_fail (account_id != NULL);

  if (self->base_url == NULL)
    return;
  if (self->store && g_strcmp0 (bourse_broker_store_get_account_id (self->store), account_id) == 0)
    return;

  /* connect_url() replaces these fields: pass copies. */
  title = g_strdup (self->title);
  base_url = g_strdup (self->base_url);
  login = g_strdup (self->login);
  password = g_strdup (self->password);
  bourse_session_connect_url (self, title, base_url, login, password, account_id);
  if (password)
    memset (password, 0, strlen (password));
}
