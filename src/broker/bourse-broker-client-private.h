/* bourse-broker-client-private.h — BourseBrokerClient's instance struct and the internals its files (client, call, auth, endpoints) and BourseStream share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "bourse-broker-call.h"
#include "bourse-broker-client.h"
#include "bourse-schema.h"

G_BEGIN_DECLS

/* GTask source tags are function addresses; going through an integer keeps
 * -Wpedantic quiet about function-to-object pointer conversions. */
#define SOURCE_TAG(func) ((gpointer) (guintptr) (func))

struct _BourseBrokerClient
{
  GObject      parent_instance;

  /* owned */
  char        *base_url;        /* without a trailing '/' */
  SoupSession *session;         /* REST */
  SoupSession *stream_session;  /* endless responses: no socket timeout */
  char        *login;
  char        *password;
  char        *oauth_client_id;
  char        *oauth_client_secret;
  char        *oauth_redirect_uri;
  char        *access_token;
  char        *refresh_token;
  char        *locale;
  GPtrArray   *reauth_waiters;  /* GTask, waiting for the re-authorization in flight */

  guint        timeout;
  guint        max_retries;
  guint        reauth_in_flight : 1;
};

/* Replaces the bearer token, notifying :authorized when it comes or goes. */
void          _bourse_broker_client_set_access_token_internal (BourseBrokerClient *self,
                                                               const char         *token);

/* For BourseStream: the streams' own session, a GET message with the bearer
 * token, and re-authorization after a 401 on a stream. */
SoupSession  *_bourse_broker_client_get_stream_session (BourseBrokerClient *self);
SoupMessage  *_bourse_broker_client_new_message        (BourseBrokerClient *self,
                                                        const char         *method,
                                                        const char         *path_and_query,
                                                        char              **sent_token);
char         *_bourse_broker_client_build_uri          (BourseBrokerClient *self,
                                                        const char         *path_and_query);
void          _bourse_broker_client_reauthorize_async  (BourseBrokerClient  *self,
                                                        const char          *failed_token,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean      _bourse_broker_client_reauthorize_finish (BourseBrokerClient  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void          _bourse_broker_client_emit_exchange      (BourseBrokerClient *self,
                                                        BourseApiExchange  *exchange);
gboolean      _bourse_broker_client_has_exchange_listeners (BourseBrokerClient *self);

G_END_DECLS
