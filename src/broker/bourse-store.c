/* bourse-store.c — BourseBrokerStore: the session's truth as GListModels, kept live by streams or polling
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

static const char * const stream_names[N_KINDS] = {
  [KIND_ORDERS] = "orders",
  [KIND_POSITIONS] = "positions",
  [KIND_EXECUTIONS] = "executions",
  [KIND_STATE] = "state",
  [KIND_QUOTES] = "prices",
  [KIND_DEPTH] = NULL,  /* depth rides on the price stream (?depth=1) */
};

/* pullingInterval keys, the spec's defaults and TradingView's maxima (ms). */
static const struct { const char *key; guint fallback; guint max; } poll_specs[N_KINDS] = {
  [KIND_ORDERS] = { "orders", 500, 1000 },
  [KIND_POSITIONS] = { "positions", 1000, 1500 },
  [KIND_EXECUTIONS] = { "orders", 500, 1000 },
  [KIND_STATE] = { "accountManager", 500, 1500 },
  [KIND_QUOTES] = { "quotes", 500, 1000 },
  [KIND_DEPTH] = { "quotes", 500, 1000 },
};

#define MIN_POLL_INTERVAL_MS 50

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

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  PROP_CONNECTION_STATE,
  PROP_LAST_ERROR,
  PROP_STREAMING,
  N_PROPS
};

enum {
  ENTITY_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE_WITH_CODE (BourseBrokerStore, bourse_broker_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOURSE_TYPE_MARKET_SOURCE,
                                                      _bourse_broker_store_market_source_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_poller (BourseBrokerStore *self, Kind kind);
static void poll_now (BourseBrokerStore *self, Kind kind);
static void update_connection_state (BourseBrokerStore *self);

/* ---- collections ---- */

static void
collection_init (Collection *c,
                 GType       type)
{
  c->list = g_list_store_new (type);
  c->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
collection_clear (Collection *c)
{
  g_clear_pointer (&c->index, g_hash_table_unref);
  g_clear_object (&c->list);
}

static gpointer
collection_lookup (Collection *c,
                   const char *id)
{
  return id != NULL ? g_hash_table_lookup (c->index, id) : NULL;
}

static void
collection_add (Collection *c,
                const char *id,
                gpointer    item)
{
  g_hash_table_insert (c->index, g_strdup (id), item);
  g_list_store_append (c->list, item);
}

static void
collection_remove (Collection *c,
                   const char *id)
{
  gpointer item = collection_lookup (c, id);
  guint position;

  if (item == NULL)
    return;
  if (g_list_store_find (c->list, item, &position))
    g_list_store_remove (c->list, position);
  g_hash_table_remove (c->index, id);
}

static void
emit_changed (BourseBrokerStore *self,
              const char        *kind,
              const char        *change,
              gpointer           item)
{
  g_signal_emit (self, signals[ENTITY_CHANGED], 0, kind, change, item);
}

static void
set_last_error (BourseBrokerStore *self,
                const GError      *error)
{
  if (error == NULL && self->last_error == NULL)
    return;
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* ---- applying what the broker said ---- */

static void
apply_order (BourseBrokerStore *self,
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
          emit_changed (self, "order", "updated", moving);
        }
      else if (done != NULL)
        {
          if (_bourse_order_update_from (done, incoming))
            emit_changed (self, "order", "updated", done);
        }
      else
        {
          collection_add (&self->history, id, incoming);
          emit_changed (self, "order", "added", incoming);
        }
      return;
    }

  /* A final order never becomes working again: a stale answer, ignored. */
  if (done != NULL)
    return;
  if (working != NULL)
    {
      if (_bourse_order_update_from (working, incoming))
        emit_changed (self, "order", "updated", working);
    }
  else
    {
      collection_add (&self->orders, id, incoming);
      emit_changed (self, "order", "added", incoming);
    }
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
        apply_order (self, order);
      else if (g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED) ||
               bourse_broker_error_get_http_status (error) == 404)
        {
          /* The broker does not know it at all any more: it is gone. */
          BourseOrder *gone = collection_lookup (&self->orders, vanished->order_id);

          if (gone != NULL)
            {
              g_autoptr(BourseOrder) keep = g_object_ref (gone);
              collection_remove (&self->orders, vanished->order_id);
              emit_changed (self, "order", "removed", keep);
            }
        }
      /* else (a transport error): the next snapshot asks again */
    }
  g_object_unref (vanished->self);
  g_object_unref (vanished->session);
  g_free (vanished->order_id);
  g_free (vanished);
}

static void
apply_orders_snapshot (BourseBrokerStore *self,
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
    apply_order (self, g_ptr_array_index (orders, i));

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

static void
apply_position (BourseBrokerStore *self,
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
          emit_changed (self, "position", "removed", closing);
        }
      return;
    }
  if (existing != NULL)
    {
      if (_bourse_position_update_from (existing, incoming))
        emit_changed (self, "position", "updated", existing);
    }
  else
    {
      collection_add (&self->positions, id, incoming);
      emit_changed (self, "position", "added", incoming);
    }
}

static void
apply_positions_snapshot (BourseBrokerStore *self,
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
          emit_changed (self, "position", "removed", position);
        }
    }
  for (guint i = 0; i < positions->len; i++)
    apply_position (self, g_ptr_array_index (positions, i));
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
static void
apply_execution (BourseBrokerStore *self,
                 BourseExecution   *incoming)
{
  g_autofree char *key = execution_key (incoming);

  if (collection_lookup (&self->executions, key) != NULL)
    return;
  collection_add (&self->executions, key, incoming);
  emit_changed (self, "execution", "added", incoming);
}

static void
apply_state (BourseBrokerStore  *self,
             BourseAccountState *incoming)
{
  if (_bourse_account_state_update_from (self->account_state, incoming))
    emit_changed (self, "state", "updated", self->account_state);
}

typedef gpointer (*FromJsonFunc) (JsonObject *object);

static GPtrArray *
objects_from_array (JsonArray    *array,
                    FromJsonFunc  from_json)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (list, from_json (json_array_get_object_element (array, i)));
  return list;
}

/* ---- polling ---- */

typedef struct
{
  BourseBrokerStore *self;
  Kind               kind;
  guint              pending;      /* depth: one request per symbol */
  guint64            stream_mark;  /* stream_applied[kind] when the request left */
  GCancellable      *session;      /* the store's cancellable when sent: stop/switch cancels it */
  gboolean           failed;
} Poll;

static Poll *
poll_new (BourseBrokerStore *self,
          Kind               kind)
{
  Poll *poll = g_new0 (Poll, 1);

  poll->self = g_object_ref (self);
  poll->kind = kind;
  poll->stream_mark = self->stream_applied[kind];
  poll->session = g_object_ref (self->cancellable);
  return poll;
}

/* A REST snapshot fetched while the entity stream applied newer updates is
 * older than what we show: drop it and fetch again rather than go back in time. */
static gboolean
poll_is_stale (Poll *poll)
{
  if (poll->self->stream_applied[poll->kind] == poll->stream_mark)
    return FALSE;
  poll->self->poll_again[poll->kind] = TRUE;
  return TRUE;
}

static void
poll_free (Poll *poll)
{
  g_object_unref (poll->self);
  g_object_unref (poll->session);
  g_free (poll);
}

/* Returns TRUE when the poll must be dropped (store stopped). */
static gboolean
poll_finish (Poll         *poll,
             const GError *error)
{
  BourseBrokerStore *self = poll->self;
  Kind kind = poll->kind;

  if (error != NULL && !bourse_broker_error_is_cancelled (error))
    {
      poll->failed = TRUE;
      set_last_error (self, error);
    }
  if (poll->pending > 1)
    {
      poll->pending--;
      return FALSE;
    }
  /* stopped, or restarted on another account: nothing of this poll is ours */
  if (g_cancellable_is_cancelled (poll->session))
    {
      poll_free (poll);
      return TRUE;
    }
  self->poll_in_flight[kind] = FALSE;
  if (self->poll_failed[kind] != poll->failed)
    {
      self->poll_failed[kind] = poll->failed;
      update_connection_state (self);
    }
  poll_free (poll);
  if (self->poll_again[kind])
    {
      self->poll_again[kind] = FALSE;
      poll_now (self, kind);
    }
  return FALSE;
}

static void
poll_orders_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = bourse_broker_client_get_orders_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (orders != NULL && !g_cancellable_is_cancelled (poll->session) && !poll_is_stale (poll))
    apply_orders_snapshot (poll->self, orders);
  poll_finish (poll, error);
}

static void
poll_positions_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = bourse_broker_client_get_positions_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (positions != NULL && !g_cancellable_is_cancelled (poll->session) && !poll_is_stale (poll))
    apply_positions_snapshot (poll->self, positions);
  poll_finish (poll, error);
}

static void
poll_executions_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) executions = bourse_broker_client_get_executions_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (executions != NULL && !g_cancellable_is_cancelled (poll->session))
    for (guint i = 0; i < executions->len; i++)
      apply_execution (poll->self, g_ptr_array_index (executions, i));
  poll_finish (poll, error);
}

static void
poll_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseAccountState) state = bourse_broker_client_get_state_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (state != NULL && !g_cancellable_is_cancelled (poll->session) && !poll_is_stale (poll))
    apply_state (poll->self, state);
  poll_finish (poll, error);
}

static void
poll_quotes_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Poll *poll = user_data;
  BourseBrokerStore *self = poll->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quotes = bourse_broker_client_get_quotes_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (quotes != NULL && !g_cancellable_is_cancelled (poll->session))
    for (guint i = 0; i < quotes->len; i++)
      {
        BourseQuote *incoming = g_ptr_array_index (quotes, i);
        BourseQuote *existing = collection_lookup (&self->quotes, bourse_quote_get_symbol (incoming));

        if (existing != NULL)
          _bourse_quote_update_from (existing, incoming);
      }
  poll_finish (poll, error);
}

static void
poll_depth_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Poll *poll = user_data;
  BourseBrokerStore *self = poll->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseDepth) depth = bourse_broker_client_get_depth_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (depth != NULL && !g_cancellable_is_cancelled (poll->session))
    {
      BourseDepth *existing = collection_lookup (&self->depths, bourse_depth_get_symbol (depth));

      if (existing != NULL)
        {
          /* Rebuild the book from the fresh copy's levels. */
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) node = NULL;
          const double *prices, *sizes;
          guint n;

          json_builder_begin_object (builder);
          for (guint side = 0; side < 2; side++)
            {
              n = side == 0 ? bourse_depth_get_bids (depth, &prices, &sizes)
                            : bourse_depth_get_asks (depth, &prices, &sizes);
              json_builder_set_member_name (builder, side == 0 ? "bids" : "asks");
              json_builder_begin_array (builder);
              for (guint i = 0; i < n; i++)
                {
                  json_builder_begin_array (builder);
                  json_builder_add_double_value (builder, prices[i]);
                  json_builder_add_double_value (builder, sizes[i]);
                  json_builder_end_array (builder);
                }
              json_builder_end_array (builder);
            }
          json_builder_end_object (builder);
          node = json_builder_get_root (builder);
          _bourse_depth_apply (existing, json_node_get_object (node));
        }
    }
  poll_finish (poll, error);
}

static char **
subscribed_symbols (GHashTable *subscriptions)
{
  GPtrArray *symbols = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, subscriptions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (symbols, g_strdup (key));
  g_ptr_array_sort (symbols, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (symbols, NULL);
  return (char **) g_ptr_array_free (symbols, FALSE);
}

static void
poll_now (BourseBrokerStore *self,
          Kind               kind)
{
  Poll *poll;

  if (!self->started || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->poll_in_flight[kind])
    {
      /* Never two polls of a kind at once: an older answer could overwrite a newer one. */
      self->poll_again[kind] = TRUE;
      return;
    }

  poll = poll_new (self, kind);
  switch (kind)
    {
    case KIND_ORDERS:
      bourse_broker_client_get_orders_async (self->client, self->account_id, self->cancellable, poll_orders_cb, poll);
      break;
    case KIND_POSITIONS:
      bourse_broker_client_get_positions_async (self->client, self->account_id, self->cancellable, poll_positions_cb, poll);
      break;
    case KIND_EXECUTIONS:
      bourse_broker_client_get_executions_async (self->client, self->account_id, NULL, 0, self->cancellable,
                                                 poll_executions_cb, poll);
      break;
    case KIND_STATE:
      bourse_broker_client_get_state_async (self->client, self->account_id, self->cancellable, poll_state_cb, poll);
      break;
    case KIND_QUOTES:
      {
        g_auto(GStrv) symbols = subscribed_symbols (self->quote_subscriptions);
        if (symbols[0] == NULL)
          {
            poll_free (poll);
            return;
          }
        bourse_broker_client_get_quotes_async (self->client, self->account_id, (const char * const *) symbols,
                                               self->cancellable, poll_quotes_cb, poll);
        break;
      }
    case KIND_DEPTH:
      {
        g_auto(GStrv) symbols = subscribed_symbols (self->depth_subscriptions);
        if (symbols[0] == NULL)
          {
            poll_free (poll);
            return;
          }
        poll->pending = g_strv_length (symbols);
        for (guint i = 0; symbols[i] != NULL; i++)
          bourse_broker_client_get_depth_async (self->client, self->account_id, symbols[i],
                                                self->cancellable, poll_depth_cb, poll);
        break;
      }
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
  self->poll_in_flight[kind] = TRUE;
}

typedef struct
{
  BourseBrokerStore *self;  /* weak: the source is removed in stop/dispose */
  Kind               kind;
} PollTimer;

static gboolean
poll_timer_cb (gpointer user_data)
{
  PollTimer *timer = user_data;

  poll_now (timer->self, timer->kind);
  return G_SOURCE_CONTINUE;
}

static guint
poll_interval (BourseBrokerStore *self,
               Kind               kind)
{
  JsonObject *intervals = NULL;
  double ms = poll_specs[kind].fallback;

  if (self->config != NULL && JSON_NODE_HOLDS_OBJECT (self->config))
    intervals = _bourse_json_get_object (json_node_get_object (self->config), "pullingInterval");
  if (intervals != NULL)
    _bourse_json_get_number (intervals, poll_specs[kind].key, &ms);
  /* TradingView clamps to its maxima; we also refuse to hammer the broker. */
  return (guint) CLAMP (ms, MIN_POLL_INTERVAL_MS, poll_specs[kind].max);
}

static void
start_poller (BourseBrokerStore *self,
              Kind               kind)
{
  PollTimer *timer;

  if (self->poll_ids[kind] != 0)
    return;
  timer = g_new0 (PollTimer, 1);
  timer->self = self;
  timer->kind = kind;
  self->poll_intervals[kind] = poll_interval (self, kind);
  self->poll_ids[kind] = g_timeout_add_full (G_PRIORITY_DEFAULT, self->poll_intervals[kind],
                                             poll_timer_cb, timer, g_free);
  poll_now (self, kind);
}

static void
stop_poller (BourseBrokerStore *self,
             Kind               kind)
{
  g_clear_handle_id (&self->poll_ids[kind], g_source_remove);
  self->poll_failed[kind] = FALSE;
}

/* ---- streams ---- */

static gboolean
stream_offered (BourseBrokerStore *self,
                Kind               kind)
{
  JsonObject *streaming;
  gboolean offered = FALSE;

  if (self->update_mode == BOURSE_STORE_UPDATE_POLLING || self->stream_failed[kind] || stream_names[kind] == NULL)
    return FALSE;
  if (self->config == NULL || !JSON_NODE_HOLDS_OBJECT (self->config))
    return FALSE;
  streaming = _bourse_json_get_object (json_node_get_object (self->config), "streaming");
  return _bourse_json_get_boolean (streaming, stream_names[kind], &offered) && offered;
}

static Kind
stream_kind (BourseBrokerStore *self,
             BourseStream      *stream)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (self->streams[k] == stream)
      return k;
  return N_KINDS;
}

static void
entity_message_cb (BourseStream      *stream,
                   JsonNode          *node,
                   BourseBrokerStore *self)
{
  Kind kind = stream_kind (self, stream);
  JsonObject *object;
  const char *errmsg = NULL;

  if (kind == N_KINDS)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      self->stream_applied[kind]++;
      /* A snapshot: the whole truth, diffed against ours. */
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GPtrArray) items = NULL;

      switch (kind)
        {
        case KIND_ORDERS:
          items = objects_from_array (array, (FromJsonFunc) _bourse_order_new_from_json);
          apply_orders_snapshot (self, items);
          break;
        case KIND_POSITIONS:
          items = objects_from_array (array, (FromJsonFunc) _bourse_position_new_from_json);
          apply_positions_snapshot (self, items);
          break;
        case KIND_EXECUTIONS:
          items = objects_from_array (array, (FromJsonFunc) _bourse_execution_new_from_json);
          for (guint i = 0; i < items->len; i++)
            apply_execution (self, g_ptr_array_index (items, i));
          break;
        case KIND_STATE:
        case KIND_QUOTES:
        case KIND_DEPTH:
        case N_KINDS:
        default:
          break;
        }
      return;
    }

  object = json_node_get_object (node);
  if (json_object_get_size (object) == 0 || g_strcmp0 (_bourse_json_get_string (object, "s"), "ping") == 0)
    return;
  if (bourse_schema_is_rejection (node, &errmsg))
    {
      g_autoptr(GError) error = bourse_broker_error_new_rejected (bourse_stream_get_path (stream), errmsg);
      set_last_error (self, error);
      return;
    }

  self->stream_applied[kind]++;
  switch (kind)
    {
    case KIND_ORDERS:
      {
        g_autoptr(BourseOrder) order = _bourse_order_new_from_json (object);
        apply_order (self, order);
        break;
      }
    case KIND_POSITIONS:
      {
        g_autoptr(BoursePosition) position = _bourse_position_new_from_json (object);
        apply_position (self, position);
        break;
      }
    case KIND_EXECUTIONS:
      {
        g_autoptr(BourseExecution) execution = _bourse_execution_new_from_json (object);
        apply_execution (self, execution);
        break;
      }
    case KIND_STATE:
      {
        g_autoptr(BourseAccountState) state = _bourse_account_state_new_from_json (object);
        apply_state (self, state);
        break;
      }
    case KIND_QUOTES:
    case KIND_DEPTH:
    case N_KINDS:
    default:
      break;
    }
}

static void
price_message_cb (BourseStream      *stream,
                  JsonNode          *node,
                  BourseBrokerStore *self)
{
  JsonObject *object = json_node_get_object (node);
  const char *f = _bourse_json_get_string (object, "f");
  const char *id = _bourse_json_get_string (object, "id");

  if (id == NULL)
    return;
  if (f == NULL)
    f = "t";  /* a line without f is a trade */
  if (g_str_equal (f, "dp"))
    {
      BourseDepth *depth = collection_lookup (&self->depths, id);
      if (depth != NULL)
        _bourse_depth_apply (depth, object);
      return;
    }
  if (f[1] == '\0' && strchr ("qtdab", f[0]) != NULL)
    {
      BourseQuote *quote = collection_lookup (&self->quotes, id);
      if (quote != NULL)
        _bourse_quote_apply_stream (quote, object, f);
    }
  /* anything else: a message type we do not know, ignored as the spec says */
}

static void
stream_malformed_cb (BourseStream      *stream,
                     const char        *line,
                     const GError      *error,
                     BourseBrokerStore *self)
{
  Kind kind = stream_kind (self, stream);

  set_last_error (self, error);
  /* The skipped line may have been an update we now miss: re-read the snapshot. */
  if (kind != KIND_QUOTES && kind < N_KINDS)
    poll_now (self, kind);
}

static void
quotes_snapshot_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BourseBrokerStore) self = user_data;
  g_autoptr(GPtrArray) quotes = bourse_broker_client_get_quotes_finish (BOURSE_BROKER_CLIENT (object), result, NULL);

  if (quotes == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  for (guint i = 0; i < quotes->len; i++)
    {
      BourseQuote *incoming = g_ptr_array_index (quotes, i);
      BourseQuote *existing = collection_lookup (&self->quotes, bourse_quote_get_symbol (incoming));

      /* Only fill in what the stream has not given yet. */
      if (existing != NULL && bourse_quote_get_time (existing) == 0)
        _bourse_quote_update_from (existing, incoming);
    }
}

static void
stream_connected_cb (BourseStream      *stream,
                     BourseBrokerStore *self)
{
  /* Entity streams start with a snapshot; the price stream has none, so its
   * quotes are re-read over REST once. */
  if (stream_kind (self, stream) == KIND_QUOTES)
    {
      g_auto(GStrv) symbols = subscribed_symbols (self->quote_subscriptions);
      if (symbols[0] != NULL)
        bourse_broker_client_get_quotes_async (self->client, self->account_id, (const char * const *) symbols,
                                               self->cancellable, quotes_snapshot_cb, g_object_ref (self));
    }
}

static void
stream_state_changed_cb (BourseStream      *stream,
                         GParamSpec        *pspec,
                         BourseBrokerStore *self)
{
  Kind kind = stream_kind (self, stream);

  if (kind == N_KINDS)
    return;
  if (bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_FAILED)
    {
      /* The broker does not serve this stream after all: poll instead. */
      set_last_error (self, bourse_stream_get_last_error (stream));
      self->stream_failed[kind] = TRUE;
      g_signal_handlers_disconnect_by_data (stream, self);
      g_clear_object (&self->streams[kind]);
      start_poller (self, kind);
      if (kind == KIND_QUOTES && g_hash_table_size (self->depth_subscriptions) > 0)
        start_poller (self, KIND_DEPTH);
    }
  else if (bourse_stream_get_last_error (stream) != NULL &&
           bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_RECONNECTING)
    set_last_error (self, bourse_stream_get_last_error (stream));
  update_connection_state (self);
}

static void
stop_stream (BourseBrokerStore *self,
             Kind               kind)
{
  if (self->streams[kind] == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->streams[kind], self);
  bourse_stream_stop (self->streams[kind]);
  g_clear_object (&self->streams[kind]);
}

static void
start_stream (BourseBrokerStore *self,
              Kind               kind,
              const char        *path)
{
  BourseStream *stream;

  stop_stream (self, kind);
  stream = bourse_stream_new (self->client, path,
                              kind == KIND_ORDERS ? BOURSE_SCHEMA_STREAM_ORDERS :
                              kind == KIND_POSITIONS ? BOURSE_SCHEMA_STREAM_POSITIONS :
                              kind == KIND_EXECUTIONS ? BOURSE_SCHEMA_STREAM_EXECUTIONS :
                              kind == KIND_STATE ? BOURSE_SCHEMA_STREAM_STATE : BOURSE_SCHEMA_STREAM_PRICES);
  if (self->silence_timeout_ms > 0)
    bourse_stream_set_silence_timeout (stream, self->silence_timeout_ms);
  if (self->backoff_initial_ms > 0)
    bourse_stream_set_backoff (stream, self->backoff_initial_ms, self->backoff_max_ms);
  self->streams[kind] = stream;
  g_signal_connect (stream, "message",
                    kind == KIND_QUOTES ? G_CALLBACK (price_message_cb) : G_CALLBACK (entity_message_cb), self);
  g_signal_connect (stream, "malformed-line", G_CALLBACK (stream_malformed_cb), self);
  g_signal_connect (stream, "connected", G_CALLBACK (stream_connected_cb), self);
  g_signal_connect (stream, "notify::state", G_CALLBACK (stream_state_changed_cb), self);
  bourse_stream_start (stream);
}

static void
restart_prices (BourseBrokerStore *self)
{
  g_auto(GStrv) symbols = subscribed_symbols (self->quote_subscriptions);
  g_auto(GStrv) depth_symbols = subscribed_symbols (self->depth_subscriptions);
  g_autofree char *joined = NULL;
  g_autofree char *path = NULL;

  if (!self->started)
    return;
  if (symbols[0] == NULL && depth_symbols[0] == NULL)
    {
      stop_stream (self, KIND_QUOTES);
      stop_poller (self, KIND_QUOTES);
      stop_poller (self, KIND_DEPTH);
      update_connection_state (self);
      return;
    }
  if (!stream_offered (self, KIND_QUOTES))
    {
      if (symbols[0] != NULL)
        start_poller (self, KIND_QUOTES);
      if (depth_symbols[0] != NULL)
        start_poller (self, KIND_DEPTH);
      return;
    }
  {
    /* One price stream for the union of quote and depth subscriptions. */
    g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) list = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer key;

    for (guint i = 0; symbols[i] != NULL; i++)
      g_hash_table_add (all, symbols[i]);
    for (guint i = 0; depth_symbols[i] != NULL; i++)
      g_hash_table_add (all, depth_symbols[i]);
    g_hash_table_iter_init (&iter, all);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autofree char *escaped = g_uri_escape_string (key, NULL, FALSE);
        g_ptr_array_add (list, g_steal_pointer (&escaped));
      }
    g_ptr_array_sort (list, (GCompareFunc) g_strcmp0);
    g_ptr_array_add (list, NULL);
    joined = g_strjoinv (",", (char **) list->pdata);
    for (guint i = 0; i + 1 < list->len; i++)
      g_free (g_ptr_array_index (list, i));
  }
  path = g_strdup_printf ("/streaming?symbols=%s%s", joined, depth_symbols[0] != NULL ? "&depth=1" : "");
  if (self->streams[KIND_QUOTES] != NULL && g_str_equal (bourse_stream_get_path (self->streams[KIND_QUOTES]), path))
    return;
  start_stream (self, KIND_QUOTES, path);
}

static gboolean
restart_prices_idle_cb (gpointer user_data)
{
  BourseBrokerStore *self = user_data;

  self->prices_restart_id = 0;
  restart_prices (self);
  return G_SOURCE_REMOVE;
}

/* Subscriptions often come in bursts (a watchlist opening): restart once. */
static void
queue_restart_prices (BourseBrokerStore *self)
{
  if (self->prices_restart_id == 0)
    self->prices_restart_id = g_idle_add (restart_prices_idle_cb, self);
}

static void
update_connection_state (BourseBrokerStore *self)
{
  BourseConnectionState state = BOURSE_CONNECTION_STATE_LIVE;

  if (!self->started)
    state = self->starting ? BOURSE_CONNECTION_STATE_CONNECTING : self->connection_state;
  else
    for (guint k = 0; k < N_KINDS; k++)
      {
        BourseConnectionState stream_state = self->streams[k] != NULL ? bourse_stream_get_state (self->streams[k])
                                                                      : BOURSE_CONNECTION_STATE_LIVE;

        /* A stream on its first connection is connecting, not reconnecting:
         * the UI must not report a drop that never happened. */
        if (stream_state == BOURSE_CONNECTION_STATE_CONNECTING && state == BOURSE_CONNECTION_STATE_LIVE)
          state = BOURSE_CONNECTION_STATE_CONNECTING;
        else if (stream_state != BOURSE_CONNECTION_STATE_LIVE && stream_state != BOURSE_CONNECTION_STATE_CONNECTING)
          state = BOURSE_CONNECTION_STATE_RECONNECTING;
        if (self->poll_ids[k] != 0 && self->poll_failed[k])
          state = BOURSE_CONNECTION_STATE_RECONNECTING;
      }
  if (state == self->connection_state)
    return;
  self->connection_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
}

/* Connectivity is back: streams waiting out a backoff reconnect at once. */
static void
network_changed_cb (GNetworkMonitor   *monitor,
                    gboolean           available,
                    BourseBrokerStore *self)
{
  if (!available)
    return;
  for (guint k = 0; k < N_KINDS; k++)
    if (self->streams[k] != NULL && bourse_stream_get_state (self->streams[k]) == BOURSE_CONNECTION_STATE_RECONNECTING)
      bourse_stream_reconnect_now (self->streams[k]);
}

static void
go_live (BourseBrokerStore *self)
{
  static const Kind entity_kinds[] = { KIND_ORDERS, KIND_POSITIONS, KIND_EXECUTIONS, KIND_STATE };
  gboolean streaming = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (entity_kinds); i++)
    {
      Kind kind = entity_kinds[i];

      if (stream_offered (self, kind))
        {
          g_autofree char *account = g_uri_escape_string (self->account_id, NULL, FALSE);
          g_autofree char *path = g_strdup_printf ("/accounts/%s/stream/%s", account, stream_names[kind]);
          start_stream (self, kind, path);
          streaming = TRUE;
        }
      else
        start_poller (self, kind);
    }
  if (streaming)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAMING]);
  if (self->network_changed_id == 0)
    {
      self->network_monitor = self->chosen_monitor != NULL ? self->chosen_monitor : g_network_monitor_get_default ();
      self->network_changed_id = g_signal_connect (self->network_monitor, "network-changed",
                                                   G_CALLBACK (network_changed_cb), self);
    }
  restart_prices (self);
  update_connection_state (self);
}

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
  set_last_error (self, error);
  self->connection_state = BOURSE_CONNECTION_STATE_FAILED;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
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
  go_live (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
start_orders_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = bourse_broker_client_get_orders_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (start_is_stale (task))
    ;
  else if (orders != NULL)
    apply_orders_snapshot (self, orders);
  else
    set_last_error (self, error);
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
      apply_order (self, g_ptr_array_index (orders, i));
  snapshot_done (task, NULL);
}

static void
start_positions_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = bourse_broker_client_get_positions_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (start_is_stale (task))
    ;
  else if (positions != NULL)
    apply_positions_snapshot (self, positions);
  else
    set_last_error (self, error);
  snapshot_done (task, error);
}

static void
start_executions_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) executions = bourse_broker_client_get_executions_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (executions != NULL && !start_is_stale (task))
    for (guint i = 0; i < executions->len; i++)
      apply_execution (self, g_ptr_array_index (executions, i));
  snapshot_done (task, NULL);
}

static void
start_state_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  BourseBrokerStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseAccountState) state = bourse_broker_client_get_state_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (start_is_stale (task))
    ;
  else if (state != NULL)
    apply_state (self, state);
  else
    set_last_error (self, error);
  snapshot_done (task, error);
}

static void
start_instruments_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
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
  start->pending = 5;
  bourse_broker_client_get_orders_async (self->client, self->account_id, cancellable, start_orders_cb, task);
  bourse_broker_client_get_orders_history_async (self->client, self->account_id, 0, cancellable, start_history_cb, task);
  bourse_broker_client_get_positions_async (self->client, self->account_id, cancellable, start_positions_cb, task);
  bourse_broker_client_get_executions_async (self->client, self->account_id, NULL, 0, cancellable, start_executions_cb, task);
  bourse_broker_client_get_state_async (self->client, self->account_id, cancellable, start_state_cb, task);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
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
  update_connection_state (self);
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
      stop_stream (self, k);
      stop_poller (self, k);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
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
        poll_now (self, k);
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
      emit_changed (self, kind, "removed", item);
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
  apply_state (self, empty);
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

static gboolean
subscription_ref (GHashTable *subscriptions,
                  const char *symbol)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (subscriptions, symbol));

  g_hash_table_replace (subscriptions, g_strdup (symbol), GUINT_TO_POINTER (count + 1));
  return count == 0;
}

static gboolean
subscription_unref (GHashTable *subscriptions,
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

  if (!subscription_ref (self->quote_subscriptions, symbol))
    return;
  {
    g_autoptr(BourseQuote) quote = _bourse_quote_new (symbol);
    collection_add (&self->quotes, symbol, quote);
  }
  queue_restart_prices (self);
}

void
bourse_broker_store_unsubscribe_quotes (BourseBrokerStore *self,
                                        const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  if (!subscription_unref (self->quote_subscriptions, symbol))
    return;
  collection_remove (&self->quotes, symbol);
  queue_restart_prices (self);
}

void
bourse_broker_store_subscribe_depth (BourseBrokerStore *self,
                                     const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (symbol != NULL);

  if (!subscription_ref (self->depth_subscriptions, symbol))
    return;
  {
    g_autoptr(BourseDepth) depth = _bourse_depth_new (symbol);
    collection_add (&self->depths, symbol, depth);
  }
  queue_restart_prices (self);
}

void
bourse_broker_store_unsubscribe_depth (BourseBrokerStore *self,
                                       const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  if (!subscription_unref (self->depth_subscriptions, symbol))
    return;
  collection_remove (&self->depths, symbol);
  queue_restart_prices (self);
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
      poll_now (self, KIND_ORDERS);
      poll_now (self, KIND_POSITIONS);
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

void
bourse_broker_store_attach_price_stream (BourseBrokerStore *self,
                                          BourseStream      *stream)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (BOURSE_IS_STREAM (stream));

  g_signal_connect_object (stream, "message", G_CALLBACK (price_message_cb), self, 0);
}

void
_bourse_broker_store_set_network_monitor (BourseBrokerStore *self,
                                          GNetworkMonitor   *monitor)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));
  g_return_if_fail (!self->started && !self->starting);

  g_set_object (&self->chosen_monitor, monitor);
}

void
_bourse_broker_store_set_stream_backoff (BourseBrokerStore *self,
                                         guint              initial_ms,
                                         guint              max_ms)
{
  g_return_if_fail (BOURSE_IS_BROKER_STORE (self));

  self->backoff_initial_ms = initial_ms;
  self->backoff_max_ms = max_ms;
}
