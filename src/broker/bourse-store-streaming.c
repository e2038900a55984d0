/* bourse-store-streaming.c — BourseBrokerStore's streams: entity and price streams, their fallback to polling, connection state
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-store-private.h"

static const char * const stream_names[N_KINDS] = {
  [KIND_ORDERS] = "orders",
  [KIND_POSITIONS] = "positions",
  [KIND_EXECUTIONS] = "executions",
  [KIND_STATE] = "state",
  [KIND_QUOTES] = "prices",
  [KIND_DEPTH] = NULL,  /* depth rides on the price stream (?depth=1) */
};


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
          items = _bourse_broker_store_objects_from_array (array, (FromJsonFunc) _bourse_order_new_from_json);
          _bourse_broker_store_apply_orders_snapshot (self, items);
          break;
        case KIND_POSITIONS:
          items = _bourse_broker_store_objects_from_array (array, (FromJsonFunc) _bourse_position_new_from_json);
          _bourse_broker_store_apply_positions_snapshot (self, items);
          break;
        case KIND_EXECUTIONS:
          items = _bourse_broker_store_objects_from_array (array, (FromJsonFunc) _bourse_execution_new_from_json);
          for (guint i = 0; i < items->len; i++)
            _bourse_broker_store_apply_execution (self, g_ptr_array_index (items, i));
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
      _bourse_broker_store_set_last_error (self, error);
      return;
    }

  self->stream_applied[kind]++;
  switch (kind)
    {
    case KIND_ORDERS:
      {
        g_autoptr(BourseOrder) order = _bourse_order_new_from_json (object);
        _bourse_broker_store_apply_order (self, order);
        break;
      }
    case KIND_POSITIONS:
      {
        g_autoptr(BoursePosition) position = _bourse_position_new_from_json (object);
        _bourse_broker_store_apply_position (self, position);
        break;
      }
    case KIND_EXECUTIONS:
      {
        g_autoptr(BourseExecution) execution = _bourse_execution_new_from_json (object);
        _bourse_broker_store_apply_execution (self, execution);
        break;
      }
    case KIND_STATE:
      {
        g_autoptr(BourseAccountState) state = _bourse_account_state_new_from_json (object);
        _bourse_broker_store_apply_state (self, state);
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

  _bourse_broker_store_set_last_error (self, error);
  /* The skipped line may have been an update we now miss: re-read the snapshot. */
  if (kind != KIND_QUOTES && kind < N_KINDS)
    _bourse_broker_store_poll_now (self, kind);
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

      /* Everything while the stream has given nothing yet; after that only
       * what the stream never carries (the previous close, the day's change). */
      if (existing != NULL && bourse_quote_get_time (existing) == 0)
        _bourse_quote_update_from (existing, incoming);
      else if (existing != NULL)
        _bourse_quote_fill_reference_from (existing, incoming);
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
      g_auto(GStrv) symbols = _bourse_broker_store_subscribed_symbols (self->quote_subscriptions);
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
      _bourse_broker_store_set_last_error (self, bourse_stream_get_last_error (stream));
      self->stream_failed[kind] = TRUE;
      g_signal_handlers_disconnect_by_data (stream, self);
      g_clear_object (&self->streams[kind]);
      _bourse_broker_store_start_poller (self, kind);
      if (kind == KIND_QUOTES && g_hash_table_size (self->depth_subscriptions) > 0)
        _bourse_broker_store_start_poller (self, KIND_DEPTH);
    }
  else if (bourse_stream_get_last_error (stream) != NULL &&
           bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_RECONNECTING)
    _bourse_broker_store_set_last_error (self, bourse_stream_get_last_error (stream));
  _bourse_broker_store_update_connection_state (self);
}

void
_bourse_broker_store_stop_stream (BourseBrokerStore *self,
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

  _bourse_broker_store_stop_stream (self, kind);
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
  g_auto(GStrv) symbols = _bourse_broker_store_subscribed_symbols (self->quote_subscriptions);
  g_auto(GStrv) depth_symbols = _bourse_broker_store_subscribed_symbols (self->depth_subscriptions);
  g_autofree char *joined = NULL;
  g_autofree char *path = NULL;

  if (!self->started)
    return;
  if (symbols[0] == NULL && depth_symbols[0] == NULL)
    {
      _bourse_broker_store_stop_stream (self, KIND_QUOTES);
      _bourse_broker_store_stop_poller (self, KIND_QUOTES);
      _bourse_broker_store_stop_poller (self, KIND_DEPTH);
      _bourse_broker_store_update_connection_state (self);
      return;
    }
  if (!stream_offered (self, KIND_QUOTES))
    {
      if (symbols[0] != NULL)
        _bourse_broker_store_start_poller (self, KIND_QUOTES);
      if (depth_symbols[0] != NULL)
        _bourse_broker_store_start_poller (self, KIND_DEPTH);
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
void
_bourse_broker_store_queue_restart_prices (BourseBrokerStore *self)
{
  if (self->prices_restart_id == 0)
    self->prices_restart_id = g_idle_add (restart_prices_idle_cb, self);
}

void
_bourse_broker_store_update_connection_state (BourseBrokerStore *self)
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
  _bourse_broker_store_notify (self, PROP_CONNECTION_STATE);
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

void
_bourse_broker_store_go_live (BourseBrokerStore *self)
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
        _bourse_broker_store_start_poller (self, kind);
    }
  if (streaming)
    _bourse_broker_store_notify (self, PROP_STREAMING);
  if (self->network_changed_id == 0)
    {
      self->network_monitor = self->chosen_monitor != NULL ? self->chosen_monitor : g_network_monitor_get_default ();
      self->network_changed_id = g_signal_connect (self->network_monitor, "network-changed",
                                                   G_CALLBACK (network_changed_cb), self);
    }
  restart_prices (self);
  _bourse_broker_store_update_connection_state (self);
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
