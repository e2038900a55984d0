/* bourse-broker-call.h — the generic REST call under every BourseBrokerClient endpoint, and its parameters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every endpoint of BourseBrokerClient goes through bourse_broker_client_call_async():
 * bearer token and one re-authorization on 401, timeout, retries, schema
 * validation and ::exchange-finished. It is public for what has no endpoint of
 * its own: `bourse-cli check` probes the broker with raw calls (wrong password,
 * bare data endpoints) and judges the validated answers itself.
 */
#pragma once

#include <json-glib/json-glib.h>

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

BourseParams *bourse_params_new         (void);
void          bourse_params_free        (BourseParams *params);
void          bourse_params_add         (BourseParams *params,
                                         const char   *name,
                                         const char   *value);
void          bourse_params_add_number  (BourseParams *params,
                                         const char   *name,
                                         double        value);
void          bourse_params_add_int     (BourseParams *params,
                                         const char   *name,
                                         gint64        value);
char         *bourse_params_encode      (BourseParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseParams, bourse_params_free)

/* The generic call: @path relative to the base URL ("/accounts/D1/orders").
 * @query and @form are consumed. The result is the validated root (the whole
 * response, envelope included): transfer full. */
void          bourse_broker_client_call_async  (BourseBrokerClient  *self,
                                                const char          *method,
                                                const char          *path,
                                                BourseParams        *query,
                                                BourseParams        *form,
                                                BourseSchema         schema,
                                                BourseCallFlags      flags,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonNode     *bourse_broker_client_call_finish (BourseBrokerClient  *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
