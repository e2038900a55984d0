/* bourse-store-lists.c — BourseBrokerStore's lists: keyed collections and the diffs that apply snapshots and updates to them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-store-private.h"


/* ---- applying what the broker said ---- */

typedef gboolean (*UpdateFunc) (gpointer self, gpointer other);

/* Updates @existing from @incoming in place (an "updated" when anything
 * changed), or, when there is none, adds @incoming to @c under @id. */
static void
update_or_add (BourseBrokerStore *self,
               Collection        *c,
               const char        *kind,
               const char        *id,
               gpointer           existing,
               gpointer           incoming,
               UpdateFunc         update)
{
  if (existing != NULL)
    {
      if (update (existing, incoming))
        _bourse_broker_store_emit_changed (self, kind, "updated", existing);
    }
  else
    {
      collection_add (c, id, incoming);
      _bourse_broker_store_emit_changed (self, kind, "added", incoming);
    }
}

void
_bourse_broker_store_apply_order (BourseBrokerStore *self,
                                  BourseOrder       *incoming)
{
  const char *id = bourse_order_get_id (incoming);
  gboolean final = bourse_order_status_is_final (bourse_order_get_status (incoming));
  BourseOrder *working = collection_lookup (&self->orders, id);
  BourseOrder *done = collection_lookup (&self->history, id);

  if (id == NULL)
    return;
  if (final)
    {
      if (working != NULL)
        {
          /* The same object moves, so a view holding it sees the status change. */
          g_autoptr(BourseOrder) moving = g_object_ref (working);

          _bourse_order_update_from (moving, incoming);
          collection_remove (&self->orders, id);
          if (done != NULL)
            collection_remove (&self->history, id);
          collection_add (&self->history, id, moving);
          _bourse_broker_store_emit_changed (self, "order", "updated", moving);
        }
      else
        update_or_add (self, &self->history, "order", id, done, incoming, (UpdateFunc) _bourse_order_update_from);
      return;
    }

  /* A final order never becomes working again: a stale answer, ignored. */
  if (done != NULL)
    return;
  update_or_add (self, &self->orders, "order", id, working, incoming, (UpdateFunc) _bourse_order_update_from);
}

typedef struct
{
  BourseBrokerStore *self;
  GCancellable      *session;  /* the store's cancellable when asked: stop/switch cancels it */
  char              *order_id;
} Vanished;

static void
vanished_order_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Vanished *vanished = user_data;
  BourseBrokerStore *self = vanished->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseOrder) order = bourse_broker_client_get_order_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (!g_cancellable_is_cancelled (vanished->session))
    {
      if (order != NULL)
        _bourse_broker_store_apply_order (self, order);
      else if (g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED) ||
               bourse_broker_error_get_http_status (error) == 404)
        {
          /* The broker does not know it at all any more: it is gone. */
          BourseOrder *gone = collection_lookup (&self->orders, vanished->order_id);

          if (gone != NULL)
            {
              g_autoptr(BourseOrder) keep = g_object_ref (gone);
              collection_remove (&self->orders, vanished->order_id);
              _bourse_broker_store_emit_changed (self, "order", "removed", keep);
            }
        }
      /* else (a transport error): the next snapshot asks again */
    }
  g_object_unref (vanished->self);
  g_object_unref (vanished->session);
  g_free (vanished->order_id);
  g_free (vanished);
}

void
_bourse_broker_store_apply_orders_snapshot (BourseBrokerStore *self,
                                            GPtrArray         *orders)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) vanished = g_ptr_array_new_with_free_func (g_free);
  guint n;

  for (guint i = 0; i < orders->len; i++)
    g_hash_table_add (seen, (gpointer) bourse_order_get_id (g_ptr_array_index (orders, i)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->orders.list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (G_LIST_MODEL (self->orders.list), i);
      if (!g_hash_table_contains (seen, bourse_order_get_id (order)))
        g_ptr_array_add (vanished, g_strdup (bourse_order_get_id (order)));
    }

  for (guint i = 0; i < orders->len; i++)
    _bourse_broker_store_apply_order (self, g_ptr_array_index (orders, i));

  /* Final orders leave /orders after a while; one that left while we were not
   * looking is asked for by id rather than guessed to be cancelled. */
  for (guint i = 0; i < vanished->len; i++)
    {
      Vanished *lookup = g_new0 (Vanished, 1);

      lookup->self = g_object_ref (self);
      lookup->session = g_object_ref (self->cancellable);
      lookup->order_id = g_strdup (g_ptr_array_index (vanished, i));
      bourse_broker_client_get_order_async (self->client, self->account_id, lookup->order_id,
                                            self->cancellable, vanished_order_cb, lookup);
    }
}

void
_bourse_broker_store_apply_position (BourseBrokerStore *self,
                                     BoursePosition    *incoming)
{
  const char *id = bourse_position_get_id (incoming);
  BoursePosition *existing = collection_lookup (&self->positions, id);

  if (id == NULL)
    return;
  if (bourse_position_get_qty (incoming) == 0)
    {
      /* A closed position is sent once with qty 0. */
      if (existing != NULL)
        {
          g_autoptr(BoursePosition) closing = g_object_ref (existing);
          _bourse_position_update_from (closing, incoming);
          collection_remove (&self->positions, id);
          _bourse_broker_store_emit_changed (self, "position", "removed", closing);
        }
      return;
    }
  update_or_add (self, &self->positions, "position", id, existing, incoming, (UpdateFunc) _bourse_position_update_from);
}

void
_bourse_broker_store_apply_positions_snapshot (BourseBrokerStore *self,
                                               GPtrArray         *positions)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  for (guint i = 0; i < positions->len; i++)
    g_hash_table_add (seen, (gpointer) bourse_position_get_id (g_ptr_array_index (positions, i)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->positions.list));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(BoursePosition) position = g_list_model_get_item (G_LIST_MODEL (self->positions.list), i - 1);
      g_autofree char *id = g_strdup (bourse_position_get_id (position));

      if (!g_hash_table_contains (seen, id))
        {
          collection_remove (&self->positions, id);
          _bourse_broker_store_emit_changed (self, "position", "removed", position);
        }
    }
  for (guint i = 0; i < positions->len; i++)
    _bourse_broker_store_apply_position (self, g_ptr_array_index (positions, i));
}

static char *
execution_key (BourseExecution *execution)
{
  g_autofree char *price = NULL;
  g_autofree char *qty = NULL;

  if (bourse_execution_get_id (execution) != NULL)
    return g_strdup (bourse_execution_get_id (execution));
  /* Executions without id (allowed by 1.3.27): identified by what they are. */
  price = _bourse_format_number (bourse_execution_get_price (execution));
  qty = _bourse_format_number (bourse_execution_get_qty (execution));
  return g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%s/%s/%s", bourse_execution_get_instrument (execution),
                          bourse_execution_get_order_id (execution) ? bourse_execution_get_order_id (execution) : "",
                          bourse_execution_get_time (execution), price, qty,
                          bourse_side_to_string (bourse_execution_get_side (execution)));
}

/* Executions are history: they are added, never removed (a snapshot may be cut by maxCount). */
void
_bourse_broker_store_apply_execution (BourseBrokerStore *self,
                                      BourseExecution   *incoming)
{
  g_autofree char *key = execution_key (incoming);

  if (collection_lookup (&self->executions, key) != NULL)
    return;
  collection_add (&self->executions, key, incoming);
  _bourse_broker_store_emit_changed (self, "execution", "added", incoming);
}

void
_bourse_broker_store_apply_state (BourseBrokerStore  *self,
                                  BourseAccountState *incoming)
{
  if (_bourse_account_state_update_from (self->account_state, incoming))
    _bourse_broker_store_emit_changed (self, "state", "updated", self->account_state);
}

GPtrArray *
_bourse_broker_store_objects_from_array (JsonArray    *array,
                                         FromJsonFunc  from_json)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (list, from_json (json_array_get_object_element (array, i)));
  return list;
}

/* ---- entity snapshots: one fetch, finish and apply, for start and for polling ---- */

void
_bourse_broker_store_fetch_snapshot (BourseBrokerStore   *self,
                                     Kind                 kind,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  switch (kind)
    {
    case KIND_ORDERS:
      bourse_broker_client_get_orders_async (self->client, self->account_id, cancellable, callback, user_data);
      break;
    case KIND_POSITIONS:
      bourse_broker_client_get_positions_async (self->client, self->account_id, cancellable, callback, user_data);
      break;
    case KIND_EXECUTIONS:
      bourse_broker_client_get_executions_async (self->client, self->account_id, NULL, 0, cancellable, callback, user_data);
      break;
    case KIND_STATE:
      bourse_broker_client_get_state_async (self->client, self->account_id, cancellable, callback, user_data);
      break;
    case KIND_QUOTES:
    case KIND_DEPTH:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
_bourse_broker_store_finish_snapshot (Kind           kind,
                                      GObject       *client,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  BourseAccountState *state;
  GPtrArray *one;

  switch (kind)
    {
    case KIND_ORDERS:
      return bourse_broker_client_get_orders_finish (BOURSE_BROKER_CLIENT (client), result, error);
    case KIND_POSITIONS:
      return bourse_broker_client_get_positions_finish (BOURSE_BROKER_CLIENT (client), result, error);
    case KIND_EXECUTIONS:
      return bourse_broker_client_get_executions_finish (BOURSE_BROKER_CLIENT (client), result, error);
    case KIND_STATE:
      if ((state = bourse_broker_client_get_state_finish (BOURSE_BROKER_CLIENT (client), result, error)) == NULL)
        return NULL;
      one = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (one, state);
      return one;
    case KIND_QUOTES:
    case KIND_DEPTH:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
_bourse_broker_store_apply_snapshot (BourseBrokerStore *self,
                                     Kind               kind,
                                     GPtrArray         *snapshot)
{
  switch (kind)
    {
    case KIND_ORDERS:
      _bourse_broker_store_apply_orders_snapshot (self, snapshot);
      break;
    case KIND_POSITIONS:
      _bourse_broker_store_apply_positions_snapshot (self, snapshot);
      break;
    case KIND_EXECUTIONS:
      for (guint i = 0; i < snapshot->len; i++)
        _bourse_broker_store_apply_execution (self, g_ptr_array_index (snapshot, i));
      break;
    case KIND_STATE:
      _bourse_broker_store_apply_state (self, g_ptr_array_index (snapshot, 0));
      break;
    case KIND_QUOTES:
    case KIND_DEPTH:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}
