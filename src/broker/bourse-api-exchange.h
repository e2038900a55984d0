/* bourse-api-exchange.h — BourseApiExchange: one request/response (or stream message) for the API inspector
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseBrokerClient emits ::exchange-finished with one of these after every
 * REST call (including each retry and re-authorization), and BourseStream after
 * each connection attempt and for stream lines (every line while slow, sampled
 * to at most ~20 per second while fast; malformed lines always). The record is
 * immutable once emitted. Secrets are redacted before they get here: form
 * fields password, client_secret, code, refresh_token, access_token and the
 * same members of JSON responses read "REDACTED"; the bearer token is never
 * stored.
 */
#pragma once

#include <glib-object.h>

#include "bourse-schema.h"

G_BEGIN_DECLS

typedef enum
{
  BOURSE_API_EXCHANGE_REST,            /* a request and its response */
  BOURSE_API_EXCHANGE_STREAM_CONNECT,  /* the request that opened a stream */
  BOURSE_API_EXCHANGE_STREAM_MESSAGE,  /* one line received on a stream */
} BourseApiExchangeKind;

#define BOURSE_TYPE_API_EXCHANGE (bourse_api_exchange_get_type ())

G_DECLARE_FINAL_TYPE (BourseApiExchange, bourse_api_exchange, BOURSE, API_EXCHANGE, GObject)

BourseApiExchangeKind bourse_api_exchange_get_kind          (BourseApiExchange *self);
const char           *bourse_api_exchange_get_method        (BourseApiExchange *self);
/* path and query relative to the base URL, e.g. "/accounts/D1/orders?requestId=…" */
const char           *bourse_api_exchange_get_path          (BourseApiExchange *self);
const char           *bourse_api_exchange_get_uri           (BourseApiExchange *self);
/* wall-clock start, microseconds since the epoch */
gint64                bourse_api_exchange_get_start_time    (BourseApiExchange *self);
/* 0 when no response arrived */
guint                 bourse_api_exchange_get_status        (BourseApiExchange *self);
double                bourse_api_exchange_get_latency_ms    (BourseApiExchange *self);
/* bytes of the (redacted) request body; bytes of the response body as received */
gsize                 bourse_api_exchange_get_request_size  (BourseApiExchange *self);
gsize                 bourse_api_exchange_get_response_size (BourseApiExchange *self);
/* redacted form body, or NULL */
const char           *bourse_api_exchange_get_request_body  (BourseApiExchange *self);
/* response text (redacted, cut at 256 KiB), or NULL */
const char           *bourse_api_exchange_get_response_body (BourseApiExchange *self);
/* (element-type BourseSchemaViolation): never NULL, possibly empty */
GPtrArray            *bourse_api_exchange_get_violations    (BourseApiExchange *self);
/* the error the call ended with, or NULL */
const GError         *bourse_api_exchange_get_error         (BourseApiExchange *self);
/* how many stream lines this record stands for (sampling), 1 for REST */
guint                 bourse_api_exchange_get_sample_count  (BourseApiExchange *self);

/* A shell command reproducing the request, token replaced by $BOURSE_TOKEN. */
char                 *bourse_api_exchange_to_curl           (BourseApiExchange *self);

G_END_DECLS
