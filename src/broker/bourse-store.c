/* bourse-store.c — BourseBrokerStore: the object, its public API and subscriptions; lists, polling, streaming and sync live in bourse-store-*.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-store.h"
#include "bourse-store-private.h"
#include "bourse-stream.h"

enum {
  ENTITY_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE_WITH_CODE (BourseBrokerStore, bourse_broker_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOURSE_TYPE_MARKET_SOURCE,
                                                      _bourse_broker_store_market_source_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_bourse_broker_store_notify (BourseBrokerStore     *self,
                             BourseBrokerStoreProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_bourse_broker_store_emit_changed (BourseBrokerStore *self,
                                   const char        *kind,
                                   const char        *change,
                                   gpointer           item)
{
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, kind, change, item);
}

void
_bourse_broker_store_set_last_error (BourseBrokerStore *self,
                                     const GError      *error)
{
  if (error == NULL && self->last_error == NULL)
    return;
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* ---- GObject ---- */

static void
bourse_broker_store_dispose (GObject *object)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (object);

  if (self->cancellable != NULL)
    bourse_broker_store_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->chosen_monitor);

  G_OBJECT_CLASS (bourse_broker_store_parent_class)->dispose (object);
}

static void
bourse_broker_store_finalize (GObject *object)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (object);

  collection_clear (&self->accounts);
  collection_clear (&self->instruments);
  collection_clear (&self->orders);
  collection_clear (&self->history);
  collection_clear (&self->positions);
  collection_clear (&self->executions);
  collection_clear (&self->quotes);
  collection_clear (&self->depths);
  g_clear_object (&self->account_state);
  g_clear_pointer (&self->quote_subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->trade_subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->depth_subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->config, json_node_unref);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (bourse_broker_store_parent_class)->finalize (object);
}

static void
bourse_broker_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->connection_state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case PROP_STREAMING:
      g_value_set_boolean (value, bourse_broker_store_get_streaming (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_store_class_init (BourseBrokerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_broker_store_dispose;
  object_class->finalize = bourse_broker_store_finalize;
  object_class->get_property = bourse_broker_store_get_property;
  object_class->set_property = bourse_broker_store_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BOURSE_TYPE_BROKER_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* connecting during start, live when every stream is live and every poll
   * succeeds, reconnecting while any is not, failed when start failed. */
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL, BOURSE_TYPE_CONNECTION_STATE,
                       BOURSE_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE when at least one entity stream is in use. */
  properties[PROP_STREAMING] =
    g_param_spec_boolean ("streaming", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseBrokerStore::entity-changed:
   * @kind: "order", "position", "execution" or "state"
   * @change: "added", "updated" or "removed"
   * @item: the BourseOrder, BoursePosition, BourseExecution or BourseAccountState
   */
  signals[ENTITY_CHANGED] =
    g_signal_new ("entity-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_OBJECT);
}

static void
bourse_broker_store_init (BourseBrokerStore *self)
{
  self->cancellable = g_cancellable_new ();
  collection_init (&self->accounts, BOURSE_TYPE_ACCOUNT);
  collection_init (&self->instruments, BOURSE_TYPE_INSTRUMENT);
  collection_init (&self->orders, BOURSE_TYPE_ORDER);
  collection_init (&self->history, BOURSE_TYPE_ORDER);
  collection_init (&self->positions, BOURSE_TYPE_POSITION);
  collection_init (&self->executions, BOURSE_TYPE_EXECUTION);
  collection_init (&self->quotes, BOURSE_TYPE_QUOTE);
  collection_init (&self->depths, BOURSE_TYPE_DEPTH);
  self->account_state = g_object_new (BOURSE_TYPE_ACCOUNT_STATE, NULL);
  self->quote_subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->trade_subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->depth_subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- public API ---- */

BourseBrokerStore *
bourse_broker_store_new (BourseBrokerClient *client)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (client), NULL);
  return g_object_new (BOURSE_TYPE_BROKER_STORE, "client", client, NULL);
}

void
bourse_broker_store_set_update_mode (BourseBrokerStore     *self,
                                     BourseStoreUpdateMode  mode)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (!self->started);
  self->update_mode = mode;
}

void
bourse_broker_store_set_stream_silence_timeout (BourseBrokerStore *self,
                                                guint              ms)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  self->silence_timeout_ms = ms;
}

BourseBrokerClient *
bourse_broker_store_get_client (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return self->client;
}

const char *
bourse_broker_store_get_account_id (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return self->account_id;
}

BourseConnectionState
bourse_broker_store_get_connection_state (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), BOURSE_CONNECTION_STATE_DISCONNECTED);
  return self->connection_state;
}

const GError *
bourse_broker_store_get_last_error (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return self->last_error;
}

gint64
bourse_broker_store_get_next_attempt_time (BourseBrokerStore *self)
{
  gint64 soonest = 0;

  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), 0);
  for (guint k = 0; k < N_KINDS; k++)
    {
      gint64 at = self->streams[k] != NULL ? bourse_stream_get_next_attempt_time (self->streams[k]) : 0;

      if (at > 0 && (soonest == 0 || at < soonest))
        soonest = at;
    }
  return soonest;
}

gboolean
bourse_broker_store_get_streaming (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), FALSE);
  for (guint k = KIND_ORDERS; k <= KIND_STATE; k++)
    if (self->streams[k] != NULL)
      return TRUE;
  return FALSE;
}

JsonNode *
bourse_broker_store_get_config (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return self->config;
}

#define MODEL_GETTER(name, field) \
  GListModel * \
  bourse_broker_store_get_##name (BourseBrokerStore *self) \
  { \
    g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL); \
    return G_LIST_MODEL (self->field.list); \
  }

MODEL_GETTER (accounts, accounts)
MODEL_GETTER (instruments, instruments)
MODEL_GETTER (orders, orders)
MODEL_GETTER (order_history, history)
MODEL_GETTER (positions, positions)
MODEL_GETTER (executions, executions)
MODEL_GETTER (quotes, quotes)
MODEL_GETTER (depths, depths)

BourseAccountState *
bourse_broker_store_get_account_state (BourseBrokerStore *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return self->account_state;
}

BourseOrder *
bourse_broker_store_lookup_order (BourseBrokerStore *self,
                                  const char        *order_id)
{
  BourseOrder *order;

  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  order = collection_lookup (&self->orders, order_id);
  return order != NULL ? order : collection_lookup (&self->history, order_id);
}

BoursePosition *
bourse_broker_store_lookup_position (BourseBrokerStore *self,
                                     const char        *position_id)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return collection_lookup (&self->positions, position_id);
}

BourseInstrument *
bourse_broker_store_lookup_instrument (BourseBrokerStore *self,
                                       const char        *name)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return collection_lookup (&self->instruments, name);
}

BourseQuote *
bourse_broker_store_lookup_quote (BourseBrokerStore *self,
                                  const char        *symbol)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return collection_lookup (&self->quotes, symbol);
}

BourseDepth *
bourse_broker_store_lookup_depth (BourseBrokerStore *self,
                                  const char        *symbol)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (self), NULL);
  return collection_lookup (&self->depths, symbol);
}

gboolean
_bourse_broker_store_subscription_ref (GHashTable *subscriptions,
                                       const char *symbol)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (subscriptions, symbol));

  g_hash_table_replace (subscriptions, g_strdup (symbol), GUINT_TO_POINTER (count + 1));
  return count == 0;
}

gboolean
_bourse_broker_store_subscription_unref (GHashTable *subscriptions,
                                         const char *symbol)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (subscriptions, symbol));

  if (count == 0)
    return FALSE;
  if (count == 1)
    {
      g_hash_table_remove (subscriptions, symbol);
      return TRUE;
    }
  g_hash_table_replace (subscriptions, g_strdup (symbol), GUINT_TO_POINTER (count - 1));
  return FALSE;
}

void
bourse_broker_store_subscribe_quotes (BourseBrokerStore *self,
                                      const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (symbol != NULL);

  if (!_bourse_broker_store_subscription_ref (self->quote_subscriptions, symbol))
    return;
  {
    g_autoptr(BourseQuote) quote = _bourse_quote_new (symbol);
    collection_add (&self->quotes, symbol, quote);
  }
  _bourse_broker_store_queue_restart_prices (self);
}

void
bourse_broker_store_unsubscribe_quotes (BourseBrokerStore *self,
                                        const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  if (!_bourse_broker_store_subscription_unref (self->quote_subscriptions, symbol))
    return;
  collection_remove (&self->quotes, symbol);
  _bourse_broker_store_queue_restart_prices (self);
}

void
bourse_broker_store_subscribe_depth (BourseBrokerStore *self,
                                     const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (symbol != NULL);

  if (!_bourse_broker_store_subscription_ref (self->depth_subscriptions, symbol))
    return;
  {
    g_autoptr(BourseDepth) depth = _bourse_depth_new (symbol);
    collection_add (&self->depths, symbol, depth);
  }
  _bourse_broker_store_queue_restart_prices (self);
}

void
bourse_broker_store_unsubscribe_depth (BourseBrokerStore *self,
                                       const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  if (!_bourse_broker_store_subscription_unref (self->depth_subscriptions, symbol))
    return;
  collection_remove (&self->depths, symbol);
  _bourse_broker_store_queue_restart_prices (self);
}

static void
place_order_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = bourse_broker_client_place_order_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (order_id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Without an orders stream, show the new order now rather than at the next tick. */
  if (self->started && self->streams[KIND_ORDERS] == NULL)
    {
      _bourse_broker_store_poll_now (self, KIND_ORDERS);
      _bourse_broker_store_poll_now (self, KIND_POSITIONS);
    }
  g_task_return_pointer (task, g_steal_pointer (&order_id), g_free);
}

void
bourse_broker_store_place_order_async (BourseBrokerStore        *self,
                                       const BourseOrderRequest *request,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_broker_store_place_order_async);
  if (self->account_id == NULL)
    {
      g_task_return_new_error (task, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH, "No account: start the store first");
      g_object_unref (task);
      return;
    }
  bourse_broker_client_place_order_async (self->client, self->account_id, request, cancellable, place_order_cb, task);
}

char *
bourse_broker_store_place_order_finish (BourseBrokerStore  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BourseBars *bars = bourse_broker_client_get_history_finish (BOURSE_BROKER_CLIENT (object), result, NULL, &error);

  if (bars == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bars, (GDestroyNotify) bourse_bars_unref);
}

void
bourse_broker_store_fetch_history_async (BourseBrokerStore   *self,
                                         const char          *symbol,
                                         const char          *resolution,
                                         gint64               from,
                                         gint64               to,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_broker_store_fetch_history_async);
  bourse_broker_client_get_history_async (self->client, symbol, resolution, from, to, 0, cancellable, history_cb, task);
}

GHashTable *
_bourse_broker_store_get_trade_subscriptions (BourseBrokerStore *self)
{
  return self->trade_subscriptions;
}

BourseBars *
bourse_broker_store_fetch_history_finish (BourseBrokerStore  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
