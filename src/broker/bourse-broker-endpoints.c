/* bourse-broker-endpoints.c — BourseBrokerClient's endpoints: request builders and response parsers, one _async/_finish pair each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"


/* ---- endpoint plumbing ---- */

typedef gpointer (*ConvertFunc) (JsonNode *root, GError **error);

static void
endpoint_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bourse_broker_client_call_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void
endpoint_call (BourseBrokerClient  *self,
               gpointer             source_tag,
               const char          *method,
               const char          *path,
               BourseParams        *query,
               BourseParams        *form,
               BourseSchema         schema,
               BourseCallFlags      flags,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  bourse_broker_client_call_async (self, method, path, query, form, schema,
                                   flags | BOURSE_CALL_AUTH, cancellable, endpoint_cb, task);
}

static JsonNode *
endpoint_finish (BourseBrokerClient  *self,
                 GAsyncResult        *result,
                 gpointer             source_tag,
                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
payload_of (JsonNode *root)
{
  return _bourse_json_get_member (json_node_get_object (root), "d");
}

typedef gpointer (*FromJsonFunc) (JsonObject *object);

static GPtrArray *
list_from_payload (JsonNode     *root,
                   FromJsonFunc  from_json)
{
  JsonArray *array = json_node_get_array (payload_of (root));
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (list, from_json (json_array_get_object_element (array, i)));
  return list;
}

static char *
account_path (const char *account_id,
              const char *suffix,
              const char *item_id)
{
  g_autofree char *account = g_uri_escape_string (account_id, NULL, FALSE);
  g_autofree char *item = item_id != NULL ? g_uri_escape_string (item_id, NULL, FALSE) : NULL;

  if (item != NULL)
    return g_strdup_printf ("/accounts/%s/%s/%s", account, suffix, item);
  return g_strdup_printf ("/accounts/%s/%s", account, suffix);
}

static void
add_order_fields (BourseParams             *form,
                  const BourseOrderRequest *request,
                  gboolean                  placing)
{
  if (placing)
    {
      bourse_params_add (form, "instrument", request->instrument);
      bourse_params_add (form, "side", bourse_side_to_string (request->side));
      bourse_params_add (form, "type", bourse_order_type_to_string (request->type));
    }
  bourse_params_add_number (form, "qty", request->qty);
  if (request->limit_price != 0)
    bourse_params_add_number (form, "limitPrice", request->limit_price);
  if (request->stop_price != 0)
    bourse_params_add_number (form, "stopPrice", request->stop_price);
  if (request->stop_loss != 0)
    bourse_params_add_number (form, "stopLoss", request->stop_loss);
  if (request->take_profit != 0)
    bourse_params_add_number (form, "takeProfit", request->take_profit);
  if (request->duration_type != NULL)
    bourse_params_add (form, "durationType", request->duration_type);
  if (request->duration_datetime != 0)
    bourse_params_add_int (form, "durationDateTime", request->duration_datetime);
  if (request->current_ask != 0)
    bourse_params_add_number (form, "currentAsk", request->current_ask);
  if (request->current_bid != 0)
    bourse_params_add_number (form, "currentBid", request->current_bid);
}

/* ---- endpoints ---- */

void
bourse_broker_client_logout_async (BourseBrokerClient  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_logout_async), "POST", "/logout", NULL, NULL,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_logout_finish (BourseBrokerClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_logout_async), error);

  if (root == NULL)
    return FALSE;
  _bourse_broker_client_set_access_token_internal (self, NULL);
  g_clear_pointer (&self->refresh_token, g_free);
  return TRUE;
}

void
bourse_broker_client_get_config_async (BourseBrokerClient  *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_config_async), "GET", "/config", NULL, NULL,
                 BOURSE_SCHEMA_CONFIG, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_config_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_config_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_get_accounts_async (BourseBrokerClient  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_accounts_async), "GET", "/accounts", NULL, NULL,
                 BOURSE_SCHEMA_ACCOUNTS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_accounts_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_accounts_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_account_new_from_json) : NULL;
}

void
bourse_broker_client_get_instruments_async (BourseBrokerClient  *self,
                                            const char          *account_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "instruments", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_instruments_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_INSTRUMENTS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_instruments_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_instruments_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_instrument_new_from_json) : NULL;
}

void
bourse_broker_client_get_state_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "state", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_state_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ACCOUNT_STATE, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BourseAccountState *
bourse_broker_client_get_state_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_state_async), error);

  return root != NULL ? _bourse_account_state_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_get_orders_async (BourseBrokerClient  *self,
                                       const char          *account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_orders_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ORDERS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_orders_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_orders_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_order_new_from_json) : NULL;
}

void
bourse_broker_client_get_order_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      const char          *order_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_order_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BourseOrder *
bourse_broker_client_get_order_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_order_async), error);

  return root != NULL ? _bourse_order_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_get_orders_history_async (BourseBrokerClient  *self,
                                               const char          *account_id,
                                               guint                max_count,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "ordersHistory", NULL);
  BourseParams *query = bourse_params_new ();

  if (max_count > 0)
    bourse_params_add_int (query, "maxCount", max_count);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_orders_history_async), "GET", path, query, NULL,
                 BOURSE_SCHEMA_ORDERS_HISTORY, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_orders_history_finish (BourseBrokerClient  *self,
                                                GAsyncResult        *result,
                                                GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_orders_history_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_order_new_from_json) : NULL;
}

void
bourse_broker_client_place_order_async (BourseBrokerClient       *self,
                                        const char               *account_id,
                                        const BourseOrderRequest *request,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "orders", NULL);
  g_autofree char *fallback_id = NULL;
  BourseParams *query = bourse_params_new ();
  BourseParams *form = bourse_params_new ();

  g_return_if_fail (request != NULL);

  /* The requestId makes the POST idempotent, so it may be retried like a GET. */
  if (request->request_id == NULL)
    fallback_id = g_uuid_string_random ();
  bourse_params_add (query, "requestId", request->request_id != NULL ? request->request_id : fallback_id);
  add_order_fields (form, request, TRUE);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_place_order_async), "POST", path, query, form,
                 BOURSE_SCHEMA_PLACE_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

char *
bourse_broker_client_place_order_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_place_order_async), error);

  return root != NULL ? _bourse_json_dup_id (json_node_get_object (payload_of (root)), "orderId") : NULL;
}

void
bourse_broker_client_preview_order_async (BourseBrokerClient       *self,
                                          const char               *account_id,
                                          const BourseOrderRequest *request,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "previewOrder", NULL);
  BourseParams *form = bourse_params_new ();

  add_order_fields (form, request, TRUE);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_preview_order_async), "POST", path, NULL, form,
                 BOURSE_SCHEMA_PREVIEW_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_preview_order_finish (BourseBrokerClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_preview_order_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_modify_order_async (BourseBrokerClient       *self,
                                         const char               *account_id,
                                         const char               *order_id,
                                         const BourseOrderRequest *request,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);
  BourseParams *form = bourse_params_new ();

  add_order_fields (form, request, FALSE);
  /* Modifying twice to the same values is harmless: retry like a read. */
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_modify_order_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_modify_order_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_modify_order_async), error);
  return root != NULL;
}

void
bourse_broker_client_cancel_order_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         const char          *order_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_cancel_order_async), "DELETE", path, NULL, NULL,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_cancel_order_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_cancel_order_async), error);
  return root != NULL;
}

void
bourse_broker_client_get_positions_async (BourseBrokerClient  *self,
                                          const char          *account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_positions_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_POSITIONS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_positions_finish (BourseBrokerClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_positions_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_position_new_from_json) : NULL;
}

void
bourse_broker_client_get_position_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         const char          *position_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_position_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_POSITION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BoursePosition *
bourse_broker_client_get_position_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_position_async), error);

  return root != NULL ? _bourse_position_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_modify_position_async (BourseBrokerClient  *self,
                                            const char          *account_id,
                                            const char          *position_id,
                                            double               stop_loss,
                                            double               take_profit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = bourse_params_new ();

  if (stop_loss != 0)
    bourse_params_add_number (form, "stopLoss", stop_loss);
  if (take_profit != 0)
    bourse_params_add_number (form, "takeProfit", take_profit);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_modify_position_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_modify_position_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_modify_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_close_position_async (BourseBrokerClient  *self,
                                           const char          *account_id,
                                           const char          *position_id,
                                           double               amount,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = NULL;

  if (amount > 0)
    {
      form = bourse_params_new ();
      bourse_params_add_number (form, "amount", amount);
    }
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_close_position_async), "DELETE", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_close_position_finish (BourseBrokerClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_close_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_reverse_position_async (BourseBrokerClient  *self,
                                             const char          *account_id,
                                             const char          *position_id,
                                             BourseSide           new_side,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = bourse_params_new ();

  bourse_params_add (form, "side", bourse_side_to_string (new_side));
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_reverse_position_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_reverse_position_finish (BourseBrokerClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_reverse_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_get_executions_async (BourseBrokerClient  *self,
                                           const char          *account_id,
                                           const char          *instrument,
                                           guint                max_count,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "executions", NULL);
  BourseParams *query = bourse_params_new ();

  bourse_params_add (query, "instrument", instrument);
  if (max_count > 0)
    bourse_params_add_int (query, "maxCount", max_count);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_executions_async), "GET", path, query, NULL,
                 BOURSE_SCHEMA_EXECUTIONS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_executions_finish (BourseBrokerClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_executions_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_execution_new_from_json) : NULL;
}

void
bourse_broker_client_get_balances_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "balances", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_balances_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_BALANCES, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_balances_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_balances_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_get_quotes_async (BourseBrokerClient  *self,
                                       const char          *account_id,
                                       const char * const  *symbols,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  BourseParams *query = bourse_params_new ();
  g_autofree char *joined = g_strjoinv (",", (char **) symbols);

  bourse_params_add (query, "accountId", account_id);
  bourse_params_add (query, "symbols", joined);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_quotes_async), "GET", "/quotes", query, NULL,
                 BOURSE_SCHEMA_QUOTES, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_quotes_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_quotes_async), error);
  JsonArray *array;
  GPtrArray *list;

  if (root == NULL)
    return NULL;
  array = json_node_get_array (payload_of (root));
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      if (g_strcmp0 (_bourse_json_get_string (entry, "s"), "ok") == 0)
        g_ptr_array_add (list, _bourse_quote_new_from_entry (entry));
    }
  return list;
}

void
bourse_broker_client_get_depth_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      const char          *symbol,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BourseParams *query = bourse_params_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_broker_client_get_depth_async));
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (symbol), g_free);
  bourse_params_add (query, "accountId", account_id);
  bourse_params_add (query, "symbol", symbol);
  bourse_broker_client_call_async (self, "GET", "/depth", query, NULL, BOURSE_SCHEMA_DEPTH,
                                   BOURSE_CALL_AUTH | BOURSE_CALL_RETRY, cancellable, endpoint_cb, task);
}

BourseDepth *
bourse_broker_client_get_depth_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_depth_async), error);
  BourseDepth *depth;

  if (root == NULL)
    return NULL;
  depth = _bourse_depth_new (g_task_get_task_data (G_TASK (result)));
  _bourse_depth_apply (depth, json_node_get_object (payload_of (root)));
  return depth;
}

void
bourse_broker_client_get_history_async (BourseBrokerClient  *self,
                                        const char          *symbol,
                                        const char          *resolution,
                                        gint64               from,
                                        gint64               to,
                                        guint                countback,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  BourseParams *query = bourse_params_new ();

  bourse_params_add (query, "symbol", symbol);
  bourse_params_add (query, "resolution", resolution);
  bourse_params_add_int (query, "from", from);
  bourse_params_add_int (query, "to", to);
  if (countback > 0)
    bourse_params_add_int (query, "countback", countback);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_history_async), "GET", "/history", query, NULL,
                 BOURSE_SCHEMA_HISTORY, BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, callback, user_data);
}

BourseBars *
bourse_broker_client_get_history_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         gint64              *next_time,
                                         GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_history_async), error);
  JsonObject *o;
  JsonArray *t, *op, *hi, *lo, *cl, *vo;
  g_autoptr(BourseBars) bars = NULL;
  guint n;

  if (next_time != NULL)
    *next_time = 0;
  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  if (g_strcmp0 (_bourse_json_get_string (o, "s"), "no_data") == 0)
    {
      if (next_time != NULL && !_bourse_json_get_int64 (o, "nb", next_time))
        _bourse_json_get_int64 (o, "nextTime", next_time);
      return bourse_bars_new (0);
    }
  t = _bourse_json_get_array (o, "t");
  op = _bourse_json_get_array (o, "o");
  hi = _bourse_json_get_array (o, "h");
  lo = _bourse_json_get_array (o, "l");
  cl = _bourse_json_get_array (o, "c");
  vo = _bourse_json_get_array (o, "v");
  n = json_array_get_length (t);
  bars = bourse_bars_new (n);
  for (guint i = 0; i < n; i++)
    {
      double tv = 0, ov = 0, hv = 0, lv = 0, cv = 0, vv = 0;

      _bourse_json_node_get_number (json_array_get_element (t, i), &tv);
      _bourse_json_node_get_number (json_array_get_element (op, i), &ov);
      _bourse_json_node_get_number (json_array_get_element (hi, i), &hv);
      _bourse_json_node_get_number (json_array_get_element (lo, i), &lv);
      _bourse_json_node_get_number (json_array_get_element (cl, i), &cv);
      if (vo != NULL)
        _bourse_json_node_get_number (json_array_get_element (vo, i), &vv);
      if (!bourse_bars_append (bars, (gint64) tv, ov, hv, lv, cv, vv))
        {
          g_autofree char *path = g_strdup_printf ("$.t[%u]", i);
          g_propagate_error (error, bourse_broker_error_new_protocol ("GET /history", path,
                                                                      "expected a valid, ascending bar"));
          return NULL;
        }
    }
  return g_steal_pointer (&bars);
}

void
bourse_broker_client_get_symbol_info_async (BourseBrokerClient  *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_symbol_info_async), "GET", "/symbol_info", NULL, NULL,
                 BOURSE_SCHEMA_SYMBOL_INFO, BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_symbol_info_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  return endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_symbol_info_async), error);
}

void
bourse_broker_client_get_mapping_async (BourseBrokerClient  *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_broker_client_get_mapping_async));
  g_task_set_check_cancellable (task, FALSE);
  /* /mapping needs no authorization. */
  bourse_broker_client_call_async (self, "GET", "/mapping", NULL, NULL, BOURSE_SCHEMA_MAPPING,
                                   BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, endpoint_cb, task);
}

JsonNode *
bourse_broker_client_get_mapping_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_mapping_async), error);
}
