/* bourse-broker-error.h — the error domain of the broker client
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BOURSE_BROKER_ERROR is an extended GError domain: besides the code and the
 * message, an error carries the endpoint it happened on ("GET /accounts/D1/orders"),
 * the HTTP status, the broker's errmsg (REJECTED) and, for PROTOCOL, the JSON path
 * and what was expected there. Read them with the getters below; they return NULL
 * (or 0) for errors of other domains, so they are safe on any GError.
 *
 * The UI chooses a remedy by code: AUTH → log in again; TRANSPORT/TIMEOUT/HTTP_STATUS
 * → retry or wait for the reconnect; REJECTED → show errmsg to the user as is;
 * PROTOCOL → the broker sent something this client cannot trust (API inspector).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOURSE_BROKER_ERROR (bourse_broker_error_quark ())

typedef enum
{
  BOURSE_BROKER_ERROR_AUTH,         /* login refused, 401 after a fresh token, no credentials */
  BOURSE_BROKER_ERROR_TRANSPORT,    /* connection refused/dropped, TLS, DNS */
  BOURSE_BROKER_ERROR_HTTP_STATUS,  /* an HTTP status other than 200 (and 401) */
  BOURSE_BROKER_ERROR_REJECTED,     /* {"s":"error","errmsg":…}: the broker said no */
  BOURSE_BROKER_ERROR_PROTOCOL,     /* the response breaks the API: see json-path/expectation */
  BOURSE_BROKER_ERROR_TIMEOUT,      /* no answer within the request timeout */
  BOURSE_BROKER_ERROR_CANCELLED,    /* no longer produced: cancelled calls fail with G_IO_ERROR_CANCELLED */
} BourseBrokerError;

GQuark      bourse_broker_error_quark           (void);

GError     *bourse_broker_error_new_protocol    (const char   *endpoint,
                                                 const char   *json_path,
                                                 const char   *expectation);
GError     *bourse_broker_error_new_rejected    (const char   *endpoint,
                                                 const char   *errmsg);
GError     *bourse_broker_error_new_http_status (const char   *endpoint,
                                                 guint         status,
                                                 const char   *reason);
GError     *bourse_broker_error_new_full        (BourseBrokerError code,
                                                 const char   *endpoint,
                                                 const char   *message);

const char *bourse_broker_error_get_endpoint    (const GError *error);
const char *bourse_broker_error_get_json_path   (const GError *error);
const char *bourse_broker_error_get_expectation (const GError *error);
const char *bourse_broker_error_get_errmsg      (const GError *error);
guint       bourse_broker_error_get_http_status (const GError *error);

/* TRUE for G_IO_ERROR_CANCELLED (and the retired BOURSE_BROKER_ERROR_CANCELLED). */
gboolean    bourse_broker_error_is_cancelled    (const GError *error);

G_END_DECLS
