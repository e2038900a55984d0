/* bourse-matching-engine-state.c — the engine's state as JSON: all of it, or what changed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Balances, orders (with internal fields), positions, executions, requestIds
 * and id counters as one JSON object, either whole (serialize) or holding
 * only what changed since the last take_changes(): the records of the
 * broker's state journal. Read back strictly: state that cannot be fully
 * understood is an error, not a guess.
 */

#include "config.h"

#include <math.h>

#include "bourse-matching-engine-private.h"
#include "bourse-server-error.h"

static int
compare_order_seq (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = (*(Order * const *) a)->seq, y = (*(Order * const *) b)->seq;

  return (x > y) - (x < y);
}

static int
compare_position_seq (gconstpointer a,
                      gconstpointer b)
{
  guint64 x = (*(Position * const *) a)->seq, y = (*(Position * const *) b)->seq;

  return (x > y) - (x < y);
}

static void
add_account (BourseMatchingEngine *self,
             JsonBuilder          *builder,
             Account              *account,
             GPtrArray            *orders,
             GPtrArray            *positions,
             guint                 first_execution,
             GPtrArray            *request_ids)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "balance");
  json_builder_add_double_value (builder, account->balance);
  json_builder_set_member_name (builder, "realized");
  json_builder_add_double_value (builder, account->realized);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < orders->len; i++)
    json_builder_add_value (builder, _bourse_matching_engine_order_to_json (self, g_ptr_array_index (orders, i), TRUE));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "positions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < positions->len; i++)
    json_builder_add_value (builder, _bourse_matching_engine_position_to_json (self, account, g_ptr_array_index (positions, i), TRUE));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "executions");
  json_builder_begin_array (builder);
  for (guint i = first_execution; i < account->executions->len; i++)
    json_builder_add_value (builder, _bourse_matching_engine_execution_to_json (self, g_ptr_array_index (account->executions, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "requestIds");
  json_builder_begin_object (builder);
  if (request_ids == NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, account->request_ids);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, value);
        }
    }
  else
    for (guint i = 0; i < request_ids->len; i++)
      {
        const char *key = g_ptr_array_index (request_ids, i);

        json_builder_set_member_name (builder, key);
        json_builder_add_string_value (builder, g_hash_table_lookup (account->request_ids, key));
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
begin_state (BourseMatchingEngine *self,
             JsonBuilder          *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  json_builder_set_member_name (builder, "nextOrderId");
  json_builder_add_int_value (builder, (gint64) self->next_order_id);
  json_builder_set_member_name (builder, "nextPositionId");
  json_builder_add_int_value (builder, (gint64) self->next_position_id);
  json_builder_set_member_name (builder, "nextExecutionId");
  json_builder_add_int_value (builder, (gint64) self->next_execution_id);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
}

/* Everything needed to resume: balances, orders (with internal fields),
 * positions, executions, requestIds and id counters. */
JsonNode *
bourse_matching_engine_serialize (BourseMatchingEngine *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  begin_state (self, builder);
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);

      add_account (self, builder, account, account->orders, account->positions, 0, NULL);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
account_changed (const Account *account)
{
  return account->changed_orders->len > 0 || account->changed_positions->len > 0 ||
         account->journaled_executions != account->executions->len || account->new_request_ids->len > 0 ||
         account->balance != account->journaled_balance || account->realized != account->journaled_realized;
}

static void
account_forget_changes (Account *account)
{
  for (guint i = 0; i < account->changed_orders->len; i++)
    ((Order *) g_ptr_array_index (account->changed_orders, i))->journal_pending = FALSE;
  for (guint i = 0; i < account->changed_positions->len; i++)
    ((Position *) g_ptr_array_index (account->changed_positions, i))->journal_pending = FALSE;
  g_ptr_array_set_size (account->changed_orders, 0);
  g_ptr_array_set_size (account->changed_positions, 0);
  g_ptr_array_set_size (account->new_request_ids, 0);
  account->journaled_executions = account->executions->len;
  account->journaled_balance = account->balance;
  account->journaled_realized = account->realized;
}

void
_bourse_matching_engine_mark_order (Account *account,
                                    Order   *order)
{
  if (!order->journal_pending)
    {
      order->journal_pending = TRUE;
      g_ptr_array_add (account->changed_orders, order);
    }
}

void
_bourse_matching_engine_mark_position (Account  *account,
                                       Position *position)
{
  if (!position->journal_pending)
    {
      position->journal_pending = TRUE;
      g_ptr_array_add (account->changed_positions, position);
    }
}

/**
 * bourse_matching_engine_take_changes:
 *
 * What changed since the last call (or since restore(), serialize() followed
 * by forget_changes()): the same shape as serialize(), holding only the
 * accounts that changed and, in each, the orders and positions that changed,
 * the new executions and the new requestIds. restore() applied on top of the
 * earlier state gives the current state. Orders and positions are listed in
 * creation order, so new ones are appended where serialize() would list them.
 *
 * Returns: (transfer full) (nullable): %NULL when nothing changed
 */
JsonNode *
bourse_matching_engine_take_changes (BourseMatchingEngine *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), NULL);

  for (guint a = 0; a < self->accounts->len && !any; a++)
    any = account_changed (g_ptr_array_index (self->accounts, a));
  if (!any)
    return NULL;

  builder = json_builder_new_immutable ();
  begin_state (self, builder);
  for (guint a = 0; a < self->accounts->len; a++)
    {
      Account *account = g_ptr_array_index (self->accounts, a);

      if (!account_changed (account))
        continue;
      g_ptr_array_sort (account->changed_orders, compare_order_seq);
      g_ptr_array_sort (account->changed_positions, compare_position_seq);
      add_account (self, builder, account, account->changed_orders, account->changed_positions,
                   account->journaled_executions, account->new_request_ids);
      account_forget_changes (account);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* After a whole serialize() has been stored: start the next changes from here. */
void
bourse_matching_engine_forget_changes (BourseMatchingEngine *self)
{
  g_return_if_fail (BOURSE_IS_MATCHING_ENGINE (self));

  for (guint a = 0; a < self->accounts->len; a++)
    account_forget_changes (g_ptr_array_index (self->accounts, a));
}

/* Strict readers: a state file we cannot fully understand is an error, not a guess. */
static gboolean
read_member (JsonObject  *object,
             const char  *member,
             GType        type,
             JsonNode   **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL ||
      (type == JSON_TYPE_ARRAY && !JSON_NODE_HOLDS_ARRAY (node)) ||
      (type == JSON_TYPE_OBJECT && !JSON_NODE_HOLDS_OBJECT (node)) ||
      (type != JSON_TYPE_ARRAY && type != JSON_TYPE_OBJECT &&
       (!JSON_NODE_HOLDS_VALUE (node) ||
        (type == G_TYPE_DOUBLE ? (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                  json_node_get_value_type (node) != G_TYPE_INT64)
                               : json_node_get_value_type (node) != type))))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: member '%s' is missing or has the wrong type", member);
      return FALSE;
    }

  *out = node;
  return TRUE;
}

#define READ(obj, name, type, var) \
  G_STMT_START { if (!read_member ((obj), (name), (type), &(var), error)) return FALSE; } G_STMT_END

static gboolean
optional_double (JsonObject *object,
                 const char *member,
                 double     *value,
                 GError    **error)
{
  JsonNode *node;

  *value = NAN;
  if (!json_object_has_member (object, member))
    return TRUE;
  READ (object, member, G_TYPE_DOUBLE, node);
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean read_order_details (Order       *order,
                                    JsonObject  *object,
                                    GError     **error);

/* A change record lists an order again each time it changes: replace it in
 * place (keeping its rank in account->orders), or append a new one. */
static void
store_order (BourseMatchingEngine *self,
             Account              *account,
             Order                *order)
{
  Order *existing = g_hash_table_lookup (account->orders_by_id, order->id);
  Order previous;

  if (existing == NULL)
    {
      order->seq = self->next_seq++;
      _bourse_matching_engine_account_add_order (account, order);
      return;
    }

  order->seq = existing->seq;
  previous = *existing;
  *existing = *order;
  *order = previous;
  g_hash_table_replace (account->orders_by_id, existing->id, existing);
  _bourse_matching_engine_update_live (account, existing);
  _bourse_matching_engine_order_free (order);
}

static gboolean
restore_order (BourseMatchingEngine *self,
               Account              *account,
               JsonObject           *object,
               GError              **error)
{
  JsonNode *id, *instrument, *qty, *side, *type, *status, *filled, *modified, *role, *created, *triggered;
  Order *order;
  guint index;
  int type_value, status_value, role_value;

  READ (object, "id", G_TYPE_STRING, id);
  READ (object, "instrument", G_TYPE_STRING, instrument);
  READ (object, "qty", G_TYPE_DOUBLE, qty);
  READ (object, "side", G_TYPE_STRING, side);
  READ (object, "type", G_TYPE_STRING, type);
  READ (object, "status", G_TYPE_STRING, status);
  READ (object, "filledQty", G_TYPE_DOUBLE, filled);
  READ (object, "lastModified", G_TYPE_INT64, modified);
  READ (object, "_role", G_TYPE_STRING, role);
  READ (object, "_created", G_TYPE_INT64, created);
  READ (object, "_triggered", G_TYPE_BOOLEAN, triggered);

  type_value = _bourse_matching_engine_lookup_name (order_type_names, G_N_ELEMENTS (order_type_names), json_node_get_string (type), FALSE);
  status_value = _bourse_matching_engine_lookup_name (status_names, G_N_ELEMENTS (status_names), json_node_get_string (status), FALSE);
  role_value = _bourse_matching_engine_lookup_name (role_names, G_N_ELEMENTS (role_names), json_node_get_string (role), FALSE);
  if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL ||
      type_value < 0 || status_value < 0 || role_value < 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: order %s has an unknown instrument, type, status or role",
                   json_node_get_string (id));
      return FALSE;
    }

  order = g_new0 (Order, 1);
  order->id = g_strdup (json_node_get_string (id));
  order->instrument = index;
  order->qty = json_node_get_double (qty);
  order->side = g_str_equal (json_node_get_string (side), "buy") ? 1 : -1;
  order->type = type_value;
  order->status = status_value;
  order->filled_qty = json_node_get_double (filled);
  order->last_modified = json_node_get_int (modified);
  order->role = role_value;
  order->created = json_node_get_int (created);
  order->triggered = json_node_get_boolean (triggered);

  if (!read_order_details (order, object, error))
    {
      _bourse_matching_engine_order_free (order);
      return FALSE;
    }
  store_order (self, account, order);
  return TRUE;
}

/* The optional members of a saved order. */
static gboolean
read_order_details (Order       *order,
                    JsonObject  *object,
                    GError     **error)
{
  if (!optional_double (object, "avgPrice", &order->avg_price, error) ||
      !optional_double (object, "limitPrice", &order->limit_price, error) ||
      !optional_double (object, "stopPrice", &order->stop_price, error) ||
      !optional_double (object, "stopLoss", &order->stop_loss, error) ||
      !optional_double (object, "takeProfit", &order->take_profit, error))
    return FALSE;
  if (isnan (order->avg_price))
    order->avg_price = 0;

  if (json_object_has_member (object, "parentId"))
    {
      JsonNode *parent_id, *parent_type;

      READ (object, "parentId", G_TYPE_STRING, parent_id);
      READ (object, "parentType", G_TYPE_STRING, parent_type);
      order->parent_id = g_strdup (json_node_get_string (parent_id));
      order->parent_type = g_str_equal (json_node_get_string (parent_type), "order") ? PARENT_ORDER : PARENT_POSITION;
    }

  if (json_object_has_member (object, "duration"))
    {
      JsonNode *duration, *duration_type, *datetime;
      JsonObject *duration_object;

      READ (object, "duration", JSON_TYPE_OBJECT, duration);
      duration_object = json_node_get_object (duration);
      READ (duration_object, "type", G_TYPE_STRING, duration_type);
      order->duration = MAX (0, _bourse_matching_engine_lookup_name (duration_names, G_N_ELEMENTS (duration_names),
                                                                     json_node_get_string (duration_type), FALSE));
      if (order->duration == DURATION_GTT)
        {
          READ (duration_object, "datetime", G_TYPE_INT64, datetime);
          order->duration_datetime = json_node_get_int (datetime);
        }
    }

  if (json_object_has_member (object, "message"))
    {
      JsonNode *message, *text;

      READ (object, "message", JSON_TYPE_OBJECT, message);
      READ (json_node_get_object (message), "text", G_TYPE_STRING, text);
      order->message = g_strdup (json_node_get_string (text));
    }

  return TRUE;
}

static gboolean
restore_position (BourseMatchingEngine *self,
                  Account              *account,
                  JsonNode             *element,
                  GError              **error)
{
  JsonNode *pid, *instrument, *avg, *qty;
  JsonObject *p;
  Position *position;
  guint index;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad position");
      return FALSE;
    }
  p = json_node_get_object (element);
  READ (p, "id", G_TYPE_STRING, pid);
  READ (p, "instrument", G_TYPE_STRING, instrument);
  READ (p, "avgPrice", G_TYPE_DOUBLE, avg);
  READ (p, "_signedQty", G_TYPE_DOUBLE, qty);
  if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: unknown instrument %s", json_node_get_string (instrument));
      return FALSE;
    }
  position = _bourse_matching_engine_find_position (account, json_node_get_string (pid), NULL);
  if (position == NULL)
    {
      position = g_new0 (Position, 1);
      position->id = g_strdup (json_node_get_string (pid));
      position->seq = self->next_seq++;
      g_ptr_array_add (account->positions, position);
    }
  position->instrument = index;
  position->avg_price = json_node_get_double (avg);
  position->qty = json_node_get_double (qty);
  return TRUE;
}

static gboolean
restore_execution (Account   *account,
                   JsonNode  *element,
                   GError   **error)
{
  JsonNode *eid, *instrument, *price, *time, *qty, *side, *order_id, *position_id, *is_close;
  JsonObject *e;
  Execution *execution;
  guint index;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad execution");
      return FALSE;
    }
  e = json_node_get_object (element);
  READ (e, "id", G_TYPE_STRING, eid);
  READ (e, "instrument", G_TYPE_STRING, instrument);
  READ (e, "price", G_TYPE_DOUBLE, price);
  READ (e, "time", G_TYPE_INT64, time);
  READ (e, "qty", G_TYPE_DOUBLE, qty);
  READ (e, "side", G_TYPE_STRING, side);
  READ (e, "orderId", G_TYPE_STRING, order_id);
  READ (e, "positionId", G_TYPE_STRING, position_id);
  READ (e, "isClose", G_TYPE_BOOLEAN, is_close);
  if (bourse_instrument_spec_lookup (json_node_get_string (instrument), &index) == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: unknown instrument %s", json_node_get_string (instrument));
      return FALSE;
    }
  execution = g_new0 (Execution, 1);
  execution->id = g_strdup (json_node_get_string (eid));
  execution->instrument = index;
  execution->price = json_node_get_double (price);
  execution->time = json_node_get_int (time);
  execution->qty = json_node_get_double (qty);
  execution->side = g_str_equal (json_node_get_string (side), "buy") ? 1 : -1;
  execution->order_id = g_strdup (json_node_get_string (order_id));
  execution->position_id = g_strdup (json_node_get_string (position_id));
  execution->is_close = json_node_get_boolean (is_close);
  g_ptr_array_add (account->executions, execution);
  return TRUE;
}

static gboolean
restore_request_ids (Account   *account,
                     JsonNode  *request_ids,
                     GError   **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, json_node_get_object (request_ids));
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad requestId");
          return FALSE;
        }
      g_hash_table_insert (account->request_ids, g_strdup (member), g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

static gboolean
restore_account (BourseMatchingEngine *self,
                 JsonObject           *object,
                 GError              **error)
{
  JsonNode *id, *balance, *realized, *orders, *positions, *executions, *request_ids;
  JsonArray *array;
  Account *account;

  READ (object, "id", G_TYPE_STRING, id);
  if (!(account = _bourse_matching_engine_find_account (self, json_node_get_string (id), NULL)))
    {
      /* an account that no longer exists: keep going, its data is dropped */
      g_message ("State file: ignoring unknown account %s", json_node_get_string (id));
      return TRUE;
    }

  READ (object, "balance", G_TYPE_DOUBLE, balance);
  READ (object, "realized", G_TYPE_DOUBLE, realized);
  READ (object, "orders", JSON_TYPE_ARRAY, orders);
  READ (object, "positions", JSON_TYPE_ARRAY, positions);
  READ (object, "executions", JSON_TYPE_ARRAY, executions);
  READ (object, "requestIds", JSON_TYPE_OBJECT, request_ids);

  account->balance = json_node_get_double (balance);
  account->realized = json_node_get_double (realized);

  array = json_node_get_array (orders);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !restore_order (self, account, json_node_get_object (element), error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad order");
          return FALSE;
        }
    }
  array = json_node_get_array (positions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!restore_position (self, account, json_array_get_element (array, i), error))
      return FALSE;
  array = json_node_get_array (executions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!restore_execution (account, json_array_get_element (array, i), error))
      return FALSE;

  return restore_request_ids (account, request_ids, error);
}

/**
 * bourse_matching_engine_restore:
 * @node: what bourse_matching_engine_serialize() returned
 *
 * @node: what bourse_matching_engine_serialize() or _take_changes() returned
 *
 * Loads saved state into the accounts (which must have been added): orders
 * and positions are added or replaced by id, executions and requestIds
 * added, balances and id counters set. A whole serialize() into empty
 * accounts followed by each take_changes() in turn gives the saved engine.
 * Afterwards take_changes() starts from here. On error the engine may be
 * partly loaded: do not use it.
 */
gboolean
bourse_matching_engine_restore (BourseMatchingEngine *self,
                                JsonNode             *node,
                                GError              **error)
{
  JsonNode *version, *next_order, *next_position, *next_execution, *accounts;
  JsonObject *root;

  g_return_val_if_fail (BOURSE_IS_MATCHING_ENGINE (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: not a JSON object");
      return FALSE;
    }

  root = json_node_get_object (node);
  READ (root, "version", G_TYPE_INT64, version);
  if (json_node_get_int (version) != STATE_VERSION)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file: unsupported version %" G_GINT64_FORMAT, json_node_get_int (version));
      return FALSE;
    }
  READ (root, "nextOrderId", G_TYPE_INT64, next_order);
  READ (root, "nextPositionId", G_TYPE_INT64, next_position);
  READ (root, "nextExecutionId", G_TYPE_INT64, next_execution);
  READ (root, "accounts", JSON_TYPE_ARRAY, accounts);

  self->next_order_id = (guint64) MAX (1, json_node_get_int (next_order));
  self->next_position_id = (guint64) MAX (1, json_node_get_int (next_position));
  self->next_execution_id = (guint64) MAX (1, json_node_get_int (next_execution));

  for (guint i = 0; i < json_array_get_length (json_node_get_array (accounts)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (accounts), i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE, "State file: bad account");
          return FALSE;
        }
      if (!restore_account (self, json_node_get_object (element), error))
        return FALSE;
    }

  bourse_matching_engine_forget_changes (self);
  return TRUE;
}
