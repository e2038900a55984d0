/* bourse-store-private.h — BourseBrokerStore's instance struct and what its files (store, lists, polling, streaming, sync) share; test hooks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-store.h"
#include "bourse-stream.h"
#include "bourse-market-source.h"

G_BEGIN_DECLS

/* What is kept live, each by a stream or a poller. */
typedef enum
{
  KIND_ORDERS,
  KIND_POSITIONS,
  KIND_EXECUTIONS,
  KIND_STATE,
  KIND_QUOTES,
  KIND_DEPTH,
  N_KINDS
} Kind;

typedef struct
{
  GListStore *list;
  GHashTable *index;  /* id → item (borrowed from list) */
} Collection;

struct _BourseBrokerStore
{
  GObject                parent_instance;

  /* owned */
  BourseBrokerClient    *client;
  GCancellable          *cancellable;          /* cancelled by stop/dispose */
  char                  *account_id;
  JsonNode              *config;
  GError                *last_error;
  Collection             accounts;
  Collection             instruments;
  Collection             orders;
  Collection             history;
  Collection             positions;
  Collection             executions;
  Collection             quotes;
  Collection             depths;
  BourseAccountState    *account_state;
  GHashTable            *quote_subscriptions;  /* symbol → refcount */
  GHashTable            *trade_subscriptions;  /* symbol → refcount, as a BourseMarketSource */
  GHashTable            *depth_subscriptions;  /* symbol → refcount */
  BourseStream          *streams[N_KINDS];
  gboolean               stream_failed[N_KINDS];
  guint                  poll_ids[N_KINDS];
  guint                  poll_intervals[N_KINDS];
  gboolean               poll_in_flight[N_KINDS];
  gboolean               poll_again[N_KINDS];
  gboolean               poll_failed[N_KINDS];
  guint64                stream_applied[N_KINDS];  /* entity stream messages applied, per kind */
  guint                  prices_restart_id;
  GNetworkMonitor       *network_monitor;     /* borrowed: chosen_monitor or the default one */
  GNetworkMonitor       *chosen_monitor;      /* owned, nullable: tests give their own */
  gulong                 network_changed_id;
  guint                  backoff_initial_ms;  /* 0: the stream's default */
  guint                  backoff_max_ms;

  BourseStoreUpdateMode  update_mode;
  BourseConnectionState  connection_state;
  guint                  silence_timeout_ms;
  guint                  started : 1;
  guint                  starting : 1;
};

typedef enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  PROP_CONNECTION_STATE,
  PROP_LAST_ERROR,
  PROP_STREAMING,
  N_PROPS
} BourseBrokerStoreProp;

/* A collection: a GListStore and an id index over it. */

static inline void
collection_init (Collection *c,
                 GType       type)
{
  c->list = g_list_store_new (type);
  c->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static inline void
collection_clear (Collection *c)
{
  g_clear_pointer (&c->index, g_hash_table_unref);
  g_clear_object (&c->list);
}

static inline gpointer
collection_lookup (Collection *c,
                   const char *id)
{
  return id != NULL ? g_hash_table_lookup (c->index, id) : NULL;
}

static inline void
collection_add (Collection *c,
                const char *id,
                gpointer    item)
{
  g_hash_table_insert (c->index, g_strdup (id), item);
  g_list_store_append (c->list, item);
}

static inline void
collection_remove (Collection *c,
                   const char *id)
{
  g_autoptr(GObject) item = NULL;
  guint position;

  if (collection_lookup (c, id) == NULL)
    return;
  /* Out of the index first, and kept alive until the list has let go:
   * whoever the list's ::items-changed reaches may look the id up, and
   * must not be handed the item the list just dropped. */
  item = g_object_ref (collection_lookup (c, id));
  g_hash_table_remove (c->index, id);
  /* Two steps, not remove-inside-if: GCC 12 warns of a dangling &position otherwise. */
  if (!g_list_store_find (c->list, item, &position))
    position = G_MAXUINT;
  if (position != G_MAXUINT)
    g_list_store_remove (c->list, position);
}

typedef gpointer (*FromJsonFunc) (JsonObject *object);

/* bourse-store.c */
/* Reference-counted symbol subscriptions: TRUE for the first ref and the last unref. */
gboolean _bourse_broker_store_subscription_ref   (GHashTable *subscriptions,
                                                  const char *symbol);
gboolean _bourse_broker_store_subscription_unref (GHashTable *subscriptions,
                                                  const char *symbol);
void _bourse_broker_store_notify (BourseBrokerStore     *self,
                                  BourseBrokerStoreProp  prop);
void _bourse_broker_store_emit_changed (BourseBrokerStore *self,
                                        const char        *kind,
                                        const char        *change,
                                        gpointer           item);
void _bourse_broker_store_set_last_error (BourseBrokerStore *self,
                                          const GError      *error);

/* bourse-store-lists.c: the lists and the diffs that keep them */
void _bourse_broker_store_apply_execution (BourseBrokerStore *self,
                                           BourseExecution   *incoming);
void _bourse_broker_store_apply_order (BourseBrokerStore *self,
                                       BourseOrder       *incoming);
void _bourse_broker_store_apply_orders_snapshot (BourseBrokerStore *self,
                                                 GPtrArray         *orders);
void _bourse_broker_store_apply_position (BourseBrokerStore *self,
                                          BoursePosition    *incoming);
void _bourse_broker_store_apply_positions_snapshot (BourseBrokerStore *self,
                                                    GPtrArray         *positions);
void _bourse_broker_store_apply_state (BourseBrokerStore  *self,
                                       BourseAccountState *incoming);
/* The snapshot of an entity kind (orders, positions, executions, state):
 * fetched, finished as a GPtrArray of entities (the state: one), applied. */
void _bourse_broker_store_fetch_snapshot (BourseBrokerStore   *self,
                                          Kind                 kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *_bourse_broker_store_finish_snapshot (Kind           kind,
                                                 GObject       *client,
                                                 GAsyncResult  *result,
                                                 GError       **error);
void _bourse_broker_store_apply_snapshot (BourseBrokerStore *self,
                                          Kind               kind,
                                          GPtrArray         *snapshot);
GPtrArray *_bourse_broker_store_objects_from_array (JsonArray    *array,
                                                    FromJsonFunc  from_json);

/* bourse-store-polling.c */
void _bourse_broker_store_poll_now (BourseBrokerStore *self,
                                    Kind               kind);
void _bourse_broker_store_start_poller (BourseBrokerStore *self,
                                        Kind               kind);
void _bourse_broker_store_stop_poller (BourseBrokerStore *self,
                                       Kind               kind);
char **_bourse_broker_store_subscribed_symbols (GHashTable *subscriptions);

/* bourse-store-streaming.c */
void _bourse_broker_store_go_live (BourseBrokerStore *self);
void _bourse_broker_store_queue_restart_prices (BourseBrokerStore *self);
void _bourse_broker_store_stop_stream (BourseBrokerStore *self,
                                       Kind               kind);
void _bourse_broker_store_update_connection_state (BourseBrokerStore *self);


/* Tests: watch @monitor instead of the default GNetworkMonitor (before start). */
void _bourse_broker_store_set_network_monitor (BourseBrokerStore *self,
                                               GNetworkMonitor   *monitor);
/* Tests: the reconnect backoff of the streams the store opens from now on. */
void _bourse_broker_store_set_stream_backoff  (BourseBrokerStore *self,
                                               guint              initial_ms,
                                               guint              max_ms);

/* bourse-store-market.c: the store as a BourseMarketSource (history + trades). */
void        _bourse_broker_store_market_source_init      (BourseMarketSourceInterface *iface);
GHashTable *_bourse_broker_store_get_trade_subscriptions (BourseBrokerStore           *self);

G_END_DECLS
