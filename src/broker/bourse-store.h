/* bourse-store.h — BourseBrokerStore: the session's truth as GListModels, kept live by streams or polling
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bourse_broker_store_start_async() logs in if needed, reads /config,
 * /accounts, the account's instruments and snapshots (orders, order history,
 * positions, executions, state), then keeps them live: from the entity
 * streams where /config offers them ("streaming": {…}), otherwise (or when an
 * entity stream fails for good, or BOURSE_STORE_UPDATE_POLLING is asked) by
 * polling at the broker's pullingInterval, clamped to TradingView's maxima.
 *
 * Lists change by diffs keyed on id: a new entity is one items-changed
 * insertion, a gone one one removal, and a changed one keeps its place and
 * notifies only the properties that changed. Working orders (placing,
 * inactive, working) and final orders (order history) are two lists; an order
 * moves from one to the other when it becomes final. A working order that
 * vanishes from a snapshot is looked up by id to learn its final state.
 * After every reconnect the store resynchronises from fresh snapshots.
 *
 * ::entity-changed reports each change (kind "order", "position",
 * "execution", "state"; change "added", "updated", "removed") for
 * notifications and `bourse-cli watch`.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-broker-client.h"
#include "bourse-stream.h"

G_BEGIN_DECLS

typedef enum
{
  BOURSE_STORE_UPDATE_AUTO,     /* streams where offered, polling elsewhere */
  BOURSE_STORE_UPDATE_POLLING,  /* always poll (also for quotes) */
} BourseStoreUpdateMode;

#define BOURSE_TYPE_BROKER_STORE (bourse_broker_store_get_type ())

G_DECLARE_FINAL_TYPE (BourseBrokerStore, bourse_broker_store, BOURSE, BROKER_STORE, GObject)

BourseBrokerStore     *bourse_broker_store_new                  (BourseBrokerClient    *client);
void                   bourse_broker_store_set_update_mode      (BourseBrokerStore     *self,
                                                                 BourseStoreUpdateMode  mode);
/* Milliseconds of silence after which a stream reconnects (default 15 000). */
void                   bourse_broker_store_set_stream_silence_timeout (BourseBrokerStore *self,
                                                                 guint                  ms);

/* @account_id (nullable): the first account when NULL */
void                   bourse_broker_store_start_async          (BourseBrokerStore     *self,
                                                                 const char            *account_id,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean               bourse_broker_store_start_finish         (BourseBrokerStore     *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
void                   bourse_broker_store_stop                 (BourseBrokerStore     *self);
/* Moves the session to another of the login's accounts (starting the store if
 * it was not): the old account's calls and streams stop, its orders, order
 * history, positions and executions leave their lists (each reported as
 * "removed"), the account state is cleared, and the new account's snapshots
 * fill the lists again before it goes live. Instruments follow by diff; quote
 * and depth subscriptions carry over. An account the login does not have is an
 * error (BOURSE_BROKER_ERROR_REJECTED) and leaves the session untouched. */
void                   bourse_broker_store_set_account_async    (BourseBrokerStore     *self,
                                                                 const char            *account_id,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean               bourse_broker_store_set_account_finish   (BourseBrokerStore     *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
/* Re-fetches every snapshot now (also done after each reconnect). */
void                   bourse_broker_store_resync               (BourseBrokerStore     *self);

BourseBrokerClient    *bourse_broker_store_get_client           (BourseBrokerStore     *self);
const char            *bourse_broker_store_get_account_id       (BourseBrokerStore     *self);
BourseConnectionState  bourse_broker_store_get_connection_state (BourseBrokerStore     *self);
const GError          *bourse_broker_store_get_last_error       (BourseBrokerStore     *self);
/* g_get_monotonic_time() of the soonest stream reconnect attempt while
 * RECONNECTING, else 0 (for "reconnecting in N s") */
gint64                 bourse_broker_store_get_next_attempt_time (BourseBrokerStore    *self);
gboolean               bourse_broker_store_get_streaming        (BourseBrokerStore     *self);
/* /config d (transfer none), NULL before start */
JsonNode              *bourse_broker_store_get_config           (BourseBrokerStore     *self);

/* GListModels (transfer none) of, in order: BourseAccount, BourseInstrument,
 * BourseOrder (working), BourseOrder (final), BoursePosition, BourseExecution,
 * BourseQuote (subscribed symbols), BourseDepth (depth-subscribed symbols). */
GListModel            *bourse_broker_store_get_accounts         (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_instruments      (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_orders           (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_order_history    (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_positions        (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_executions       (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_quotes           (BourseBrokerStore     *self);
GListModel            *bourse_broker_store_get_depths           (BourseBrokerStore     *self);
/* Updated in place for the whole session (transfer none). */
BourseAccountState    *bourse_broker_store_get_account_state    (BourseBrokerStore     *self);

/* (transfer none) (nullable) */
BourseOrder           *bourse_broker_store_lookup_order         (BourseBrokerStore     *self,
                                                                 const char            *order_id);
BoursePosition        *bourse_broker_store_lookup_position      (BourseBrokerStore     *self,
                                                                 const char            *position_id);
BourseInstrument      *bourse_broker_store_lookup_instrument    (BourseBrokerStore     *self,
                                                                 const char            *name);
BourseQuote           *bourse_broker_store_lookup_quote         (BourseBrokerStore     *self,
                                                                 const char            *symbol);
BourseDepth           *bourse_broker_store_lookup_depth         (BourseBrokerStore     *self,
                                                                 const char            *symbol);

/* Reference-counted: each subscribe needs one unsubscribe. */
void                   bourse_broker_store_subscribe_quotes     (BourseBrokerStore     *self,
                                                                 const char            *symbol);
void                   bourse_broker_store_unsubscribe_quotes   (BourseBrokerStore     *self,
                                                                 const char            *symbol);
void                   bourse_broker_store_subscribe_depth      (BourseBrokerStore     *self,
                                                                 const char            *symbol);
void                   bourse_broker_store_unsubscribe_depth    (BourseBrokerStore     *self,
                                                                 const char            *symbol);

/* Also applies @stream's price messages to the subscribed quotes and depth,
 * exactly as the store's own price stream does: a stream fed from memory with
 * bourse_stream_feed() measures or replays the whole ingest path without a
 * network (bourse-cli bench broker ingest). */
void                   bourse_broker_store_attach_price_stream  (BourseBrokerStore     *self,
                                                                 BourseStream          *stream);

/* Places through the client and, when polling, refreshes orders at once. */
void                   bourse_broker_store_place_order_async    (BourseBrokerStore        *self,
                                                                 const BourseOrderRequest *request,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
char                  *bourse_broker_store_place_order_finish   (BourseBrokerStore     *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);

/* Bars of @symbol from /history (see bourse_broker_client_get_history_async). */
void                   bourse_broker_store_fetch_history_async  (BourseBrokerStore     *self,
                                                                 const char            *symbol,
                                                                 const char            *resolution,
                                                                 gint64                 from,
                                                                 gint64                 to,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
BourseBars            *bourse_broker_store_fetch_history_finish (BourseBrokerStore     *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);

G_END_DECLS
