/* bourse-store-polling.c — BourseBrokerStore's pollers: REST snapshots at the broker's pullingInterval where no stream is offered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-store-private.h"

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
      _bourse_broker_store_set_last_error (self, error);
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
      _bourse_broker_store_update_connection_state (self);
    }
  poll_free (poll);
  if (self->poll_again[kind])
    {
      self->poll_again[kind] = FALSE;
      _bourse_broker_store_poll_now (self, kind);
    }
  return FALSE;
}

/* Orders, positions, executions, state: the snapshot replaces what the list shows. */
static void
poll_snapshot_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshot = _bourse_broker_store_finish_snapshot (poll->kind, object, result, &error);

  /* Executions are only ever added: an older snapshot cannot take one back. */
  if (snapshot != NULL && !g_cancellable_is_cancelled (poll->session) &&
      (poll->kind == KIND_EXECUTIONS || !poll_is_stale (poll)))
    _bourse_broker_store_apply_snapshot (poll->self, poll->kind, snapshot);
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

char **
_bourse_broker_store_subscribed_symbols (GHashTable *subscriptions)
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

void
_bourse_broker_store_poll_now (BourseBrokerStore *self,
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
    case KIND_POSITIONS:
    case KIND_EXECUTIONS:
    case KIND_STATE:
      _bourse_broker_store_fetch_snapshot (self, kind, self->cancellable, poll_snapshot_cb, poll);
      break;
    case KIND_QUOTES:
      {
        g_auto(GStrv) symbols = _bourse_broker_store_subscribed_symbols (self->quote_subscriptions);
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
        g_auto(GStrv) symbols = _bourse_broker_store_subscribed_symbols (self->depth_subscriptions);
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

  _bourse_broker_store_poll_now (timer->self, timer->kind);
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

void
_bourse_broker_store_start_poller (BourseBrokerStore *self,
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
  _bourse_broker_store_poll_now (self, kind);
}

void
_bourse_broker_store_stop_poller (BourseBrokerStore *self,
                                  Kind               kind)
{
  g_clear_handle_id (&self->poll_ids[kind], g_source_remove);
  self->poll_failed[kind] = FALSE;
}
