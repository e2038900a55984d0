/* bourse-store-sync.c — BourseBrokerStore's start, stop, resync and account switching: the snapshots that take it live
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resync, how and why: updates can be lost while a stream is down, so the
 * store never trusts its lists across a gap. Every entity stream begins each
 * connection with a full snapshot, which the lists diff against by id (see
 * bourse-store-lists.c), so a reconnect is a resync; the price stream has no
 * snapshot, so its quotes are re-read over REST when it connects. Pollers
 * fetch snapshots anyway. bourse_broker_store_resync() forces the same on
 * demand: streams reconnect now, pollers poll now. A REST snapshot that
 * started before newer stream updates were applied is dropped and fetched
 * again (bourse-store-polling.c), so a resync never goes back in time.
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-store-private.h"


/* ---- start ---- */

typedef struct
{
  char         *account_id;
  GCancellable *session;  /* the store's cancellable of this start: stop/switch cancels it */
  guint         pending;
} Start;

static void
start_free (Start *start)
{
  g_free (start->account_id);
  g_clear_object (&start->session);
  g_free (start);
}

/* TRUE when the store was stopped (or switched account) since this start began:
 * nothing it fetched may reach the lists any more. */
static gboolean
start_is_stale (GTask *task)
{
  Start *start = g_task_get_task_data (task);

  return g_cancellable_is_cancelled (start->session);
}

static void
start_failed (GTask  *task,
              GError *error)
{
  BourseBrokerStore *self = g_task_get_source_object (task);

  if (start_is_stale (task))
    {
      /* The store has moved on: its state belongs to whoever stopped or restarted it. */
      g_task_return_error (task, error);
      return;
    }
  self->starting = FALSE;
  _bourse_broker_store_set_last_error (self, error);
  self->connection_state = BOURSE_CONNECTION_STATE_FAILED;
  _bourse_broker_store_notify (self, PROP_CONNECTION_STATE);
  g_task_return_error (task, error);
}

/* One of the five snapshots is in; the last one takes the store live. */
static void
snapshot_done (GTask        *task,
               const GError *error)
{
  BourseBrokerStore *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (--start->pending > 0)
    return;
  if (start_is_stale (task) || (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    {
      start_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               "Start cancelled"));
      g_object_unref (task);
      return;
    }
  self->starting = FALSE;
  self->started = TRUE;
  _bourse_broker_store_go_live (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

typedef struct
{
  GTask *task;  /* borrowed: snapshot_done() drops it after the last snapshot */
  Kind   kind;
} StartSnapshot;

static void
start_snapshot_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StartSnapshot *call = user_data;
  GTask *task = call->task;
  Kind kind = call->kind;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshot = _bourse_broker_store_finish_snapshot (kind, object, result, &error);

  g_free (call);
  if (start_is_stale (task))
    ;
  else if (snapshot != NULL)
    _bourse_broker_store_apply_snapshot (self, kind, snapshot);
  else if (kind != KIND_EXECUTIONS)  /* executions are history: the store goes live without them */
    _bourse_broker_store_set_last_error (self, error);
  snapshot_done (task, error);
}

static void
start_history_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = bourse_broker_client_get_orders_history_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  /* ordersHistory is optional (supportOrdersHistory): a broker without it is fine. */
  if (orders != NULL && !start_is_stale (task))
    for (guint i = 0; i < orders->len; i++)
      _bourse_broker_store_apply_order (self, g_ptr_array_index (orders, i));
  snapshot_done (task, NULL);
}

static void
start_instruments_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  static const Kind snapshots[] = { KIND_ORDERS, KIND_POSITIONS, KIND_EXECUTIONS, KIND_STATE };
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instruments = bourse_broker_client_get_instruments_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (instruments == NULL || start_is_stale (task))
    {
      start_failed (task, instruments == NULL ? g_steal_pointer (&error)
                                              : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                     "Start cancelled"));
      g_object_unref (task);
      return;
    }
  {
    /* Another account may trade other instruments: the list follows by diff. */
    g_autoptr(GHashTable) offered = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
    GHashTableIter iter;
    gpointer key;

    for (guint i = 0; i < instruments->len; i++)
      {
        BourseInstrument *instrument = g_ptr_array_index (instruments, i);
        const char *name = bourse_instrument_get_name (instrument);

        g_hash_table_add (offered, (gpointer) name);
        if (collection_lookup (&self->instruments, name) == NULL)
          collection_add (&self->instruments, name, instrument);
      }
    g_hash_table_iter_init (&iter, self->instruments.index);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (offered, key))
        g_ptr_array_add (gone, g_strdup (key));
    for (guint i = 0; i < gone->len; i++)
      collection_remove (&self->instruments, g_ptr_array_index (gone, i));
  }

  /* The snapshots in parallel; the store goes live when all are in. The
   * snapshots themselves may fail (a 500): polling or the stream snapshot
   * then fills in, so only config, accounts and instruments are fatal. */
  start->pending = G_N_ELEMENTS (snapshots) + 1;
  bourse_broker_client_get_orders_history_async (self->client, self->account_id, 0, cancellable, start_history_cb, task);
  for (guint i = 0; i < G_N_ELEMENTS (snapshots); i++)
    {
      StartSnapshot *call = g_new (StartSnapshot, 1);

      call->task = task;
      call->kind = snapshots[i];
      _bourse_broker_store_fetch_snapshot (self, snapshots[i], cancellable, start_snapshot_cb, call);
    }
}

static void
start_accounts_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = bourse_broker_client_get_accounts_finish (BOURSE_BROKER_CLIENT (object), result, &error);
  const char *chosen = NULL;

  if (accounts == NULL || start_is_stale (task))
    {
      start_failed (task, accounts == NULL ? g_steal_pointer (&error)
                                           : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                  "Start cancelled"));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      BourseAccount *account = g_ptr_array_index (accounts, i);
      const char *id = bourse_account_get_id (account);

      if (collection_lookup (&self->accounts, id) == NULL)
        collection_add (&self->accounts, id, account);
      if (chosen == NULL && (start->account_id == NULL || g_str_equal (start->account_id, id)))
        chosen = id;
    }
  if (chosen == NULL)
    {
      start_failed (task, g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL,
                                       start->account_id != NULL ? "No account “%s” for this login"
                                                                 : "The broker lists no account%s", 
                                       start->account_id != NULL ? start->account_id : ""));
      g_object_unref (task);
      return;
    }
  g_free (self->account_id);
  self->account_id = g_strdup (chosen);
  _bourse_broker_store_notify (self, PROP_ACCOUNT_ID);
  bourse_broker_client_get_instruments_async (self->client, self->account_id, g_task_get_cancellable (task),
                                              start_instruments_cb, task);
}

static void
start_config_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = bourse_broker_client_get_config_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (config == NULL || start_is_stale (task))
    {
      start_failed (task, config == NULL ? g_steal_pointer (&error)
                                         : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                "Start cancelled"));
      g_object_unref (task);
      return;
    }
  g_clear_pointer (&self->config, json_node_unref);
  self->config = g_steal_pointer (&config);
  bourse_broker_client_get_accounts_async (self->client, g_task_get_cancellable (task), start_accounts_cb, task);
}

void
bourse_broker_store_start_async (BourseBrokerStore   *self,
                                 const char          *account_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Start *start;

  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_broker_store_start_async);
  if (self->started || self->starting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "The store is already started");
      g_object_unref (task);
      return;
    }
  start = g_new0 (Start, 1);
  start->account_id = g_strdup (account_id);
  g_task_set_task_data (task, start, (GDestroyNotify) start_free);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  start->session = g_object_ref (self->cancellable);
  self->starting = TRUE;
  _bourse_broker_store_update_connection_state (self);
  bourse_broker_client_get_config_async (self->client, cancellable, start_config_cb, task);
}

gboolean
bourse_broker_store_start_finish (BourseBrokerStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bourse_broker_store_stop (BourseBrokerStore *self)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  g_cancellable_cancel (self->cancellable);
  for (guint k = 0; k < N_KINDS; k++)
    {
      _bourse_broker_store_stop_stream (self, k);
      _bourse_broker_store_stop_poller (self, k);
      self->poll_in_flight[k] = FALSE;
      self->poll_again[k] = FALSE;
    }
  g_clear_handle_id (&self->prices_restart_id, g_source_remove);
  if (self->network_monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  self->network_monitor = NULL;
  self->started = FALSE;
  self->starting = FALSE;
  self->connection_state = BOURSE_CONNECTION_STATE_DISCONNECTED;
  _bourse_broker_store_notify (self, PROP_CONNECTION_STATE);
}

void
bourse_broker_store_resync (BourseBrokerStore *self)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  for (guint k = 0; k < N_KINDS; k++)
    {
      if (self->streams[k] != NULL)
        bourse_stream_reconnect_now (self->streams[k]);
      else
        _bourse_broker_store_poll_now (self, k);
    }
}

/* ---- switching account ---- */

/* Empties one of the account's lists: an entity-changed "removed" for each
 * item, then a single items-changed for the whole list. */
static void
collection_empty (BourseBrokerStore *self,
                  Collection        *c,
                  const char        *kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (c->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (c->list), i);
      _bourse_broker_store_emit_changed (self, kind, "removed", item);
    }
  g_hash_table_remove_all (c->index);
  g_list_store_remove_all (c->list);
}

static void
set_account_started_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (bourse_broker_store_start_finish (BOURSE_BROKER_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bourse_broker_store_set_account_async (BourseBrokerStore   *self,
                                       const char          *account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BourseAccountState) empty = NULL;

  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (account_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_broker_store_set_account_async);

  if (self->started && g_strcmp0 (self->account_id, account_id) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* An account the broker did not list keeps the session as it is. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->accounts.list)) > 0 &&
      collection_lookup (&self->accounts, account_id) == NULL)
    {
      g_task_return_new_error (task, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED,
                               "No account “%s” for this login", account_id);
      return;
    }

  /* Nothing of the old account may arrive after this: its calls, polls and
   * streams all hang on the cancellable that stop() cancels. */
  bourse_broker_store_stop (self);
  collection_empty (self, &self->orders, "order");
  collection_empty (self, &self->history, "order");
  collection_empty (self, &self->positions, "position");
  collection_empty (self, &self->executions, "execution");
  empty = g_object_new (BOURSE_TYPE_ACCOUNT_STATE, NULL);
  _bourse_broker_store_apply_state (self, empty);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->stream_failed[k] = FALSE;
      self->poll_failed[k] = FALSE;
    }

  bourse_broker_store_start_async (self, account_id, cancellable, set_account_started_cb, g_steal_pointer (&task));
}

gboolean
bourse_broker_store_set_account_finish (BourseBrokerStore  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
