/* bourse-broker-client.c — BourseBrokerClient: the object (settings, sessions, token, ::exchange-finished); calls, auth and endpoints live in bourse-broker-{call,auth,endpoints}.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-api-exchange-private.h"
#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"

#define DEFAULT_TIMEOUT_S   15
#define DEFAULT_MAX_RETRIES 2

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_AUTHORIZED,
  N_PROPS
};

enum {
  EXCHANGE_FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (BourseBrokerClient, bourse_broker_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* ---- helpers ---- */

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  return g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") ||
         g_str_equal (host, "::1") || g_str_equal (host, "[::1]");
}

void
_bourse_broker_client_set_access_token_internal (BourseBrokerClient *self,
                  const char         *token)
{
  gboolean was_authorized = self->access_token != NULL;

  if (g_strcmp0 (self->access_token, token) == 0)
    return;
  g_free (self->access_token);
  self->access_token = g_strdup (token);
  if (was_authorized != (self->access_token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZED]);
}

void
_bourse_broker_client_emit_exchange (BourseBrokerClient *self,
                                     BourseApiExchange  *exchange)
{
  g_signal_emit (self, signals[EXCHANGE_FINISHED], 0, exchange);
}

gboolean
_bourse_broker_client_has_exchange_listeners (BourseBrokerClient *self)
{
  return g_signal_has_handler_pending (self, signals[EXCHANGE_FINISHED], 0, FALSE);
}

char *
_bourse_broker_client_build_uri (BourseBrokerClient *self,
                                 const char         *path_and_query)
{
  return g_strconcat (self->base_url, path_and_query, NULL);
}

SoupSession *
_bourse_broker_client_get_stream_session (BourseBrokerClient *self)
{
  return self->stream_session;
}

SoupMessage *
_bourse_broker_client_new_message (BourseBrokerClient  *self,
                                   const char          *method,
                                   const char          *path_and_query,
                                   char               **sent_token)
{
  g_autofree char *uri = _bourse_broker_client_build_uri (self, path_and_query);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    return NULL;
  if (self->access_token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->access_token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (sent_token != NULL)
    *sent_token = g_strdup (self->access_token);
  return msg;
}

/* ---- GObject ---- */

static void
bourse_broker_client_constructed (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->constructed (object);

  /* Our own per-call timeout replaces libsoup's per-socket one (platform notes §2.1). */
  self->session = soup_session_new_with_options ("timeout", 0, "max-conns-per-host", 8, NULL);
  self->stream_session = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0,
                                                        "max-conns-per-host", 32, "max-conns", 64, NULL);
  if (self->base_url != NULL && is_loopback_url (self->base_url))
    {
      /* A CI http_proxy must never hijack 127.0.0.1 traffic. */
      soup_session_set_proxy_resolver (self->session, NULL);
      soup_session_set_proxy_resolver (self->stream_session, NULL);
    }
}

static void
bourse_broker_client_dispose (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  /* libsoup 3.2 crashes if a connection outlives its manager: abort first. */
  if (self->session != NULL)
    soup_session_abort (self->session);
  if (self->stream_session != NULL)
    soup_session_abort (self->stream_session);
  g_clear_object (&self->session);
  g_clear_object (&self->stream_session);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->dispose (object);
}

static void
bourse_broker_client_finalize (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->oauth_client_id, g_free);
  g_clear_pointer (&self->oauth_client_secret, g_free);
  g_clear_pointer (&self->oauth_redirect_uri, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_clear_pointer (&self->locale, g_free);
  g_clear_pointer (&self->reauth_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->finalize (object);
}

static void
bourse_broker_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_AUTHORIZED:
      g_value_set_boolean (value, self->access_token != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url != NULL ? url : "", len);
        break;
      }
    case PROP_TIMEOUT:
      bourse_broker_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_client_class_init (BourseBrokerClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bourse_broker_client_constructed;
  object_class->dispose = bourse_broker_client_dispose;
  object_class->finalize = bourse_broker_client_finalize;
  object_class->get_property = bourse_broker_client_get_property;
  object_class->set_property = bourse_broker_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the client holds an access token. */
  properties[PROP_AUTHORIZED] =
    g_param_spec_boolean ("authorized", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseBrokerClient::exchange-finished:
   * @exchange: the finished BourseApiExchange
   *
   * Emitted after every HTTP exchange and for stream traffic, for the API inspector.
   */
  signals[EXCHANGE_FINISHED] =
    g_signal_new ("exchange-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BOURSE_TYPE_API_EXCHANGE);
}

static void
bourse_broker_client_init (BourseBrokerClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_S;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->reauth_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- public accessors ---- */

BourseBrokerClient *
bourse_broker_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  return g_object_new (BOURSE_TYPE_BROKER_CLIENT, "base-url", base_url, NULL);
}

const char *
bourse_broker_client_get_base_url (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);
  return self->base_url;
}

guint
bourse_broker_client_get_timeout (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), 0);
  return self->timeout;
}

void
bourse_broker_client_set_timeout (BourseBrokerClient *self,
                                  guint               seconds)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));

  seconds = CLAMP (seconds, 1, 600);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
bourse_broker_client_set_max_retries (BourseBrokerClient *self,
                                      guint               max_retries)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  self->max_retries = MIN (max_retries, 10);
}

void
bourse_broker_client_set_locale (BourseBrokerClient *self,
                                 const char         *locale)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->locale);
  self->locale = g_strdup (locale);
}

gboolean
bourse_broker_client_get_authorized (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), FALSE);
  return self->access_token != NULL;
}

void
bourse_broker_client_set_password_credentials (BourseBrokerClient *self,
                                               const char         *login,
                                               const char         *password)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->login);
  self->login = g_strdup (login);
  g_free (self->password);
  self->password = g_strdup (password);
}

void
bourse_broker_client_set_oauth_client (BourseBrokerClient *self,
                                       const char         *client_id,
                                       const char         *client_secret,
                                       const char         *redirect_uri)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->oauth_client_id);
  self->oauth_client_id = g_strdup (client_id);
  g_free (self->oauth_client_secret);
  self->oauth_client_secret = g_strdup (client_secret);
  g_free (self->oauth_redirect_uri);
  self->oauth_redirect_uri = g_strdup (redirect_uri);
}

void
bourse_broker_client_set_access_token (BourseBrokerClient *self,
                                       const char         *token)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  _bourse_broker_client_set_access_token_internal (self, token);
}

const char *
bourse_broker_client_get_refresh_token (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);
  return self->refresh_token;
}
