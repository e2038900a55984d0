/* bourse-broker-client.h — BourseBrokerClient: the REST API for Brokers, one _async/_finish pair per endpoint
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call:
 *  - sends GET parameters in the query string and bodies form-encoded, numbers
 *    with a '.' decimal separator whatever the locale;
 *  - carries "Authorization: Bearer <token>"; on HTTP 401 it re-authorizes once
 *    (password login again, or OAuth refresh) and retries; concurrent 401s share
 *    one re-authorization;
 *  - fails after the "timeout" (seconds) with BOURSE_BROKER_ERROR_TIMEOUT, and
 *    with G_IO_ERROR_CANCELLED when its GCancellable is cancelled;
 *  - retries reads (and place-order, which always carries a requestId, so a
 *    retry can never place a second order) after a transport error, a timeout,
 *    a 5xx or a 429, up to "max-retries" times, waiting at least Retry-After;
 *  - validates the response with bourse-schema: violations become
 *    BOURSE_BROKER_ERROR_PROTOCOL naming endpoint, JSON path and expectation;
 *    {"s":"error"} becomes BOURSE_BROKER_ERROR_REJECTED with the broker's errmsg;
 *  - emits ::exchange-finished with a BourseApiExchange for the API inspector.
 *
 * REST and streams use two SoupSessions (a stream holds its connection forever,
 * and libsoup allows two connections per host by default); no proxy is used for
 * loopback brokers.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bourse-account.h"
#include "bourse-account-state.h"
#include "bourse-api-exchange.h"
#include "bourse-bars.h"
#include "bourse-broker-enums.h"
#include "bourse-broker-error.h"
#include "bourse-depth.h"
#include "bourse-execution.h"
#include "bourse-instrument.h"
#include "bourse-order.h"
#include "bourse-order-request.h"
#include "bourse-position.h"
#include "bourse-quote.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_BROKER_CLIENT (bourse_broker_client_get_type ())

G_DECLARE_FINAL_TYPE (BourseBrokerClient, bourse_broker_client, BOURSE, BROKER_CLIENT, GObject)

BourseBrokerClient *bourse_broker_client_new                     (const char         *base_url);
const char         *bourse_broker_client_get_base_url            (BourseBrokerClient *self);
guint               bourse_broker_client_get_timeout             (BourseBrokerClient *self);
void                bourse_broker_client_set_timeout             (BourseBrokerClient *self,
                                                                  guint               seconds);
void                bourse_broker_client_set_max_retries         (BourseBrokerClient *self,
                                                                  guint               max_retries);
/* "locale" query parameter sent on every call when set (e.g. "en") */
void                bourse_broker_client_set_locale              (BourseBrokerClient *self,
                                                                  const char         *locale);
gboolean            bourse_broker_client_get_authorized          (BourseBrokerClient *self);

/* Credentials used by bourse_broker_client_authorize_async() and after a 401. */
void                bourse_broker_client_set_password_credentials (BourseBrokerClient *self,
                                                                  const char         *login,
                                                                  const char         *password);
void                bourse_broker_client_set_oauth_client        (BourseBrokerClient *self,
                                                                  const char         *client_id,
                                                                  const char         *client_secret,
                                                                  const char         *redirect_uri);
/* A token obtained elsewhere (e.g. from the keyring); NULL forgets it. */
void                bourse_broker_client_set_access_token        (BourseBrokerClient *self,
                                                                  const char         *token);
const char         *bourse_broker_client_get_refresh_token       (BourseBrokerClient *self);

/* ---- authorization ---- */
void                bourse_broker_client_authorize_async         (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_authorize_finish        (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* The page to open in a browser for the OAuth2 code flow; @extra_query (nullable)
 * is appended as is (the demo broker takes login=…&password=… there). */
char               *bourse_broker_client_build_oauth_authorize_uri (BourseBrokerClient *self,
                                                                  const char         *state,
                                                                  const char         *extra_query);
void                bourse_broker_client_oauth_exchange_code_async (BourseBrokerClient  *self,
                                                                  const char          *code,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_oauth_exchange_code_finish (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_oauth_refresh_async     (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_oauth_refresh_finish    (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_logout_async            (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_logout_finish           (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* ---- broker and accounts ---- */
/* /config d, validated (transfer full) */
void                bourse_broker_client_get_config_async        (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
JsonNode           *bourse_broker_client_get_config_finish       (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* (element-type BourseAccount) */
void                bourse_broker_client_get_accounts_async      (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_accounts_finish     (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* (element-type BourseInstrument) */
void                bourse_broker_client_get_instruments_async   (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_instruments_finish  (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_get_state_async         (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
BourseAccountState *bourse_broker_client_get_state_finish        (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* ---- orders ---- */
/* (element-type BourseOrder) */
void                bourse_broker_client_get_orders_async        (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_orders_finish       (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_get_order_async         (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *order_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
BourseOrder        *bourse_broker_client_get_order_finish        (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* @max_count: 0 = broker default. (element-type BourseOrder) */
void                bourse_broker_client_get_orders_history_async (BourseBrokerClient *self,
                                                                  const char          *account_id,
                                                                  guint                max_count,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_orders_history_finish (BourseBrokerClient *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* Returns the new order id (transfer full). */
void                bourse_broker_client_place_order_async       (BourseBrokerClient       *self,
                                                                  const char               *account_id,
                                                                  const BourseOrderRequest *request,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
char               *bourse_broker_client_place_order_finish      (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* previewOrder d: {sections, confirmId?, warnings?, errors?} (transfer full) */
void                bourse_broker_client_preview_order_async     (BourseBrokerClient       *self,
                                                                  const char               *account_id,
                                                                  const BourseOrderRequest *request,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
JsonNode           *bourse_broker_client_preview_order_finish    (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* qty, prices and brackets of @request; instrument/side/type are ignored */
void                bourse_broker_client_modify_order_async      (BourseBrokerClient       *self,
                                                                  const char               *account_id,
                                                                  const char               *order_id,
                                                                  const BourseOrderRequest *request,
                                                                  GCancellable             *cancellable,
                                                                  GAsyncReadyCallback       callback,
                                                                  gpointer                  user_data);
gboolean            bourse_broker_client_modify_order_finish     (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_cancel_order_async      (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *order_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_cancel_order_finish     (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* ---- positions ---- */
/* (element-type BoursePosition) */
void                bourse_broker_client_get_positions_async     (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_positions_finish    (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_get_position_async      (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *position_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
BoursePosition     *bourse_broker_client_get_position_finish     (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* Brackets: 0 = remove/none. */
void                bourse_broker_client_modify_position_async   (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *position_id,
                                                                  double               stop_loss,
                                                                  double               take_profit,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_modify_position_finish  (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* @amount: 0 closes the whole position, else a partial close. */
void                bourse_broker_client_close_position_async    (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *position_id,
                                                                  double               amount,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_close_position_finish   (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* Native reverse (supportNativeReversePosition): PUT with side = the opposite side. */
void                bourse_broker_client_reverse_position_async  (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *position_id,
                                                                  BourseSide           new_side,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean            bourse_broker_client_reverse_position_finish (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* ---- executions, balances ---- */
/* @instrument (nullable): all instruments when NULL. (element-type BourseExecution) */
void                bourse_broker_client_get_executions_async    (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *instrument,
                                                                  guint                max_count,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_executions_finish   (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* balances d (array of CryptoBalance), validated (transfer full) */
void                bourse_broker_client_get_balances_async      (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
JsonNode           *bourse_broker_client_get_balances_finish     (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

/* ---- market data ---- */
/* (element-type BourseQuote): entries with s:"error" are left out */
void                bourse_broker_client_get_quotes_async        (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char * const  *symbols,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GPtrArray          *bourse_broker_client_get_quotes_finish       (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_get_depth_async         (BourseBrokerClient  *self,
                                                                  const char          *account_id,
                                                                  const char          *symbol,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
BourseDepth        *bourse_broker_client_get_depth_finish        (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* Bars in [@from, @to] (UNIX s, inclusive); @countback 0 = not sent. An empty
 * series for no_data, with *@next_time (nullable) = "nb" or 0. */
void                bourse_broker_client_get_history_async       (BourseBrokerClient  *self,
                                                                  const char          *symbol,
                                                                  const char          *resolution,
                                                                  gint64               from,
                                                                  gint64               to,
                                                                  guint                countback,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
BourseBars         *bourse_broker_client_get_history_finish      (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  gint64              *next_time,
                                                                  GError             **error);
/* bare /symbol_info and /mapping objects, validated (transfer full) */
void                bourse_broker_client_get_symbol_info_async   (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
JsonNode           *bourse_broker_client_get_symbol_info_finish  (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
void                bourse_broker_client_get_mapping_async       (BourseBrokerClient  *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
JsonNode           *bourse_broker_client_get_mapping_finish      (BourseBrokerClient  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

G_END_DECLS
