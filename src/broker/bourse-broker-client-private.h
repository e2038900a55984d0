/* bourse-broker-client-private.h — the request machinery of BourseBrokerClient, for streams, the CLI and tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "bourse-broker-client.h"
#include "bourse-schema.h"

G_BEGIN_DECLS

typedef enum
{
  BOURSE_CALL_NONE       = 0,
  BOURSE_CALL_AUTH       = 1 << 0,  /* send the bearer token; re-authorize once on 401 */
  BOURSE_CALL_RETRY      = 1 << 1,  /* safe to resend after a transport error/timeout/5xx */
  BOURSE_CALL_NO_LOCALE  = 1 << 2,  /* do not add locale= (bare data endpoints) */
} BourseCallFlags;

/* Name/value pairs, encoded for a query string or a form body. */
typedef struct _BourseParams BourseParams;

BourseParams *_bourse_params_new         (void);
void          _bourse_params_free        (BourseParams *params);
void          _bourse_params_add         (BourseParams *params,
                                          const char   *name,
                                          const char   *value);
void          _bourse_params_add_number  (BourseParams *params,
                                          const char   *name,
                                          double        value);
void          _bourse_params_add_int     (BourseParams *params,
                                          const char   *name,
                                          gint64        value);
char         *_bourse_params_encode      (BourseParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseParams, _bourse_params_free)

/* The generic call: @path relative to the base URL ("/accounts/D1/orders").
 * @query and @form are consumed. The result is the validated root (the whole
 * response, envelope included): transfer full. */
void          _bourse_broker_client_call_async  (BourseBrokerClient  *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 BourseParams        *query,
                                                 BourseParams        *form,
                                                 BourseSchema         schema,
                                                 BourseCallFlags      flags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
JsonNode     *_bourse_broker_client_call_finish (BourseBrokerClient  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

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
