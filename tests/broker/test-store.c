/* test-store.c — BourseBrokerStore against the demo broker: streaming and polling, each fault, and a soak
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bourse-store.h"
#include "bourse-store-private.h"
#include "bourse-demo-broker-private.h"
#include "bourse-test-broker.h"


typedef struct
{
  BourseTestBroker   *broker;
  BourseBrokerClient *client;  /* the store's */
  BourseBrokerClient *actor;   /* someone else trading on the same account */
  BourseBrokerStore  *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->broker = bourse_test_broker_start (7);
  f->client = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->client, "demo", "demo");
  f->actor = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->actor, "demo", "demo");
  bourse_broker_client_set_max_retries (f->actor, 5);
  f->store = bourse_broker_store_new (f->client);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bourse_test_store_stop (&f->store);
  g_clear_object (&f->actor);
  g_clear_object (&f->client);
  bourse_test_broker_stop (f->broker);
}

static void
start_store (Fixture               *f,
             BourseStoreUpdateMode  mode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bourse_broker_store_set_update_mode (f->store, mode);
  bourse_broker_store_start_async (f->store, NULL, NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_broker_store_start_finish (f->store, AWAIT (result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bourse_broker_store_get_account_id (f->store), ==, "D1");
  g_assert_cmpint (bourse_broker_store_get_streaming (f->store), ==, mode == BOURSE_STORE_UPDATE_AUTO);
}

/* ---- the actor: a client that insists until the broker has answered ---- */

static gboolean
is_retryable (const GError *error)
{
  return error->domain == BOURSE_BROKER_ERROR &&
         (error->code == BOURSE_BROKER_ERROR_TRANSPORT || error->code == BOURSE_BROKER_ERROR_TIMEOUT ||
          error->code == BOURSE_BROKER_ERROR_HTTP_STATUS || error->code == BOURSE_BROKER_ERROR_AUTH);
}

/* Places @request until the broker answers; the same requestId every time. */
static char *
actor_place (BourseBrokerClient       *actor,
             const BourseOrderRequest *request)
{
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      char *id;

      bourse_broker_client_place_order_async (actor, "D1", request, NULL, bourse_test_await_cb, &result);
      id = bourse_broker_client_place_order_finish (actor, AWAIT (result), &error);
      if (id != NULL)
        return id;
      if (!is_retryable (error))
        g_error ("placing failed: %s", error->message);
    }
  g_error ("placing never got through");
}

static void
actor_cancel (BourseBrokerClient *actor,
              const char         *order_id)
{
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      bourse_broker_client_cancel_order_async (actor, "D1", order_id, NULL, bourse_test_await_cb, &result);
      if (bourse_broker_client_cancel_order_finish (actor, AWAIT (result), &error))
        return;
      /* REJECTED: already cancelled by an earlier attempt whose answer was lost */
      if (!is_retryable (error))
        return;
    }
  g_error ("cancelling never got through");
}

typedef struct
{
  GPtrArray          *orders;     /* GET /orders: working and recent final */
  GPtrArray          *positions;
  BourseAccountState *state;
} ServerView;

static void
server_view_clear (ServerView *view)
{
  g_clear_pointer (&view->orders, g_ptr_array_unref);
  g_clear_pointer (&view->positions, g_ptr_array_unref);
  g_clear_object (&view->state);
}

static gboolean
fetch_server_view (BourseBrokerClient *actor,
                   ServerView         *view)
{
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;

  server_view_clear (view);
  bourse_broker_client_get_orders_async (actor, "D1", NULL, bourse_test_await_cb, &r1);
  bourse_broker_client_get_positions_async (actor, "D1", NULL, bourse_test_await_cb, &r2);
  bourse_broker_client_get_state_async (actor, "D1", NULL, bourse_test_await_cb, &r3);
  view->orders = bourse_broker_client_get_orders_finish (actor, AWAIT (r1), NULL);
  view->positions = bourse_broker_client_get_positions_finish (actor, AWAIT (r2), NULL);
  view->state = bourse_broker_client_get_state_finish (actor, AWAIT (r3), NULL);
  return view->orders != NULL && view->positions != NULL && view->state != NULL;
}

/* Returns NULL when the store shows exactly what the server says, else why not. */
static char *
store_differs (BourseBrokerStore *store,
               ServerView        *view)
{
  GListModel *working = bourse_broker_store_get_orders (store);
  GListModel *positions = bourse_broker_store_get_positions (store);
  guint n_working = 0;

  for (guint i = 0; i < view->orders->len; i++)
    {
      BourseOrder *server = g_ptr_array_index (view->orders, i);
      BourseOrder *mine = bourse_broker_store_lookup_order (store, bourse_order_get_id (server));

      if (mine == NULL)
        return g_strdup_printf ("order %s missing", bourse_order_get_id (server));
      if (bourse_order_get_status (mine) != bourse_order_get_status (server) ||
          bourse_order_get_qty (mine) != bourse_order_get_qty (server) ||
          bourse_order_get_limit_price (mine) != bourse_order_get_limit_price (server) ||
          bourse_order_get_filled_qty (mine) != bourse_order_get_filled_qty (server))
        return g_strdup_printf ("order %s differs (status %s vs %s)", bourse_order_get_id (server),
                                bourse_order_status_to_string (bourse_order_get_status (mine)),
                                bourse_order_status_to_string (bourse_order_get_status (server)));
      if (!bourse_order_status_is_final (bourse_order_get_status (server)))
        n_working++;
    }
  if (g_list_model_get_n_items (working) != n_working)
    return g_strdup_printf ("%u working orders, the server has %u", g_list_model_get_n_items (working), n_working);
  if (g_list_model_get_n_items (positions) != view->positions->len)
    return g_strdup_printf ("%u positions, the server has %u", g_list_model_get_n_items (positions), view->positions->len);
  for (guint i = 0; i < view->positions->len; i++)
    {
      BoursePosition *server = g_ptr_array_index (view->positions, i);
      BoursePosition *mine = bourse_broker_store_lookup_position (store, bourse_position_get_id (server));

      if (mine == NULL || bourse_position_get_qty (mine) != bourse_position_get_qty (server) ||
          bourse_position_get_side (mine) != bourse_position_get_side (server) ||
          bourse_position_get_avg_price (mine) != bourse_position_get_avg_price (server))
        return g_strdup_printf ("position %s differs", bourse_position_get_id (server));
    }
  if (bourse_account_state_get_balance (bourse_broker_store_get_account_state (store)) !=
      bourse_account_state_get_balance (view->state))
    return g_strdup ("balance differs");
  return NULL;
}

typedef struct
{
  Fixture    *f;
  ServerView  view;
  char       *why;
} Converge;

static gboolean
converged_cb (gpointer user_data)
{
  Converge *c = user_data;

  g_clear_pointer (&c->why, g_free);
  if (!fetch_server_view (c->f->actor, &c->view))
    {
      c->why = g_strdup ("the server view could not be read");
      return FALSE;
    }
  c->why = store_differs (c->f->store, &c->view);
  if (c->why == NULL)
    return TRUE;
  bourse_test_spin (100);
  return FALSE;
}

static void
assert_converges (Fixture *f,
                  guint    timeout_ms)
{
  Converge c = { f, { 0 }, NULL };

  if (!bourse_test_wait_until (converged_cb, &c, timeout_ms))
    g_error ("the store did not converge to the server's state: %s", c.why);
  server_view_clear (&c.view);
}

/* ---- life cycle, in both modes ---- */

typedef struct
{
  guint added;
  guint removed;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->added += added;
  changes->removed += removed;
}

typedef struct
{
  BourseBrokerStore *store;
  const char        *id;
  BourseOrderStatus  status;
  double             limit_price;
} OrderWait;

static gboolean
order_is_cb (gpointer user_data)
{
  OrderWait *w = user_data;
  BourseOrder *order = bourse_broker_store_lookup_order (w->store, w->id);

  return order != NULL && bourse_order_get_status (order) == w->status &&
         (w->limit_price == 0 || bourse_order_get_limit_price (order) == w->limit_price);
}

static gboolean
has_position_cb (gpointer user_data)
{
  return g_list_model_get_n_items (bourse_broker_store_get_positions (user_data)) > 0;
}

static gboolean
no_position_cb (gpointer user_data)
{
  return g_list_model_get_n_items (bourse_broker_store_get_positions (user_data)) == 0;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
record_connection_state_cb (BourseBrokerStore *store,
                            GParamSpec        *pspec,
                            GArray            *states)
{
  BourseConnectionState state = bourse_broker_store_get_connection_state (store);

  g_array_append_val (states, state);
}

static gboolean
store_live_cb (gpointer user_data)
{
  return bourse_broker_store_get_connection_state (user_data) == BOURSE_CONNECTION_STATE_LIVE;
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  BourseStoreUpdateMode mode = GPOINTER_TO_INT (data);
  g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000);
  g_autoptr(BourseOrderRequest) market = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, 2000);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit_id = NULL;
  g_autofree char *market_id = NULL;
  Changes working = { 0 }, history = { 0 };
  OrderWait wait;
  BourseOrder *order;
  guint price_notifies = 0, status_notifies = 0;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (BourseConnectionState));

  /* going live reports connecting, then live: never a reconnect that did not happen */
  g_signal_connect (f->store, "notify::connection-state", G_CALLBACK (record_connection_state_cb), states);
  start_store (f, mode);
  g_assert_true (bourse_test_wait_until (store_live_cb, f->store, 5000));
  g_signal_handlers_disconnect_by_data (f->store, states);
  g_assert_cmpuint (states->len, >=, 2);
  g_assert_cmpint (g_array_index (states, BourseConnectionState, 0), ==, BOURSE_CONNECTION_STATE_CONNECTING);
  for (guint i = 0; i < states->len; i++)
    g_assert_cmpint (g_array_index (states, BourseConnectionState, i), !=, BOURSE_CONNECTION_STATE_RECONNECTING);

  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_accounts (f->store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_instruments (f->store)), >=, 8);
  g_assert_nonnull (bourse_broker_store_lookup_instrument (f->store, "EURUSD"));
  g_assert_cmpfloat (bourse_account_state_get_balance (bourse_broker_store_get_account_state (f->store)), ==, 100000);

  g_signal_connect (bourse_broker_store_get_orders (f->store), "items-changed", G_CALLBACK (items_changed_cb), &working);
  g_signal_connect (bourse_broker_store_get_order_history (f->store), "items-changed", G_CALLBACK (items_changed_cb), &history);

  limit->limit_price = 0.5;
  bourse_broker_store_place_order_async (f->store, limit, NULL, bourse_test_await_cb, &result);
  limit_id = bourse_broker_store_place_order_finish (f->store, AWAIT (result), &error);
  g_assert_no_error (error);
  wait = (OrderWait) { f->store, limit_id, BOURSE_ORDER_STATUS_WORKING, 0 };
  g_assert_true (bourse_test_wait_until (order_is_cb, &wait, 5000));
  order = bourse_broker_store_lookup_order (f->store, limit_id);
  g_signal_connect (order, "notify::limit-price", G_CALLBACK (count_notify_cb), &price_notifies);
  g_signal_connect (order, "notify::status", G_CALLBACK (count_notify_cb), &status_notifies);
  /* one insertion, however many polls or stream messages came by */
  bourse_test_spin (600);
  g_assert_cmpuint (working.added, ==, 1);
  g_assert_cmpuint (working.removed, ==, 0);
  g_assert_cmpuint (price_notifies, ==, 0);

  /* a change made elsewhere: the same object, one notification, no list change */
  {
    g_autoptr(GAsyncResult) modified = NULL;
    limit->limit_price = 0.55;
    bourse_broker_client_modify_order_async (f->actor, "D1", limit_id, limit, NULL, bourse_test_await_cb, &modified);
    g_assert_true (bourse_broker_client_modify_order_finish (f->actor, AWAIT (modified), &error));
  }
  wait.limit_price = 0.55;
  g_assert_true (bourse_test_wait_until (order_is_cb, &wait, 5000));
  g_assert_true (bourse_broker_store_lookup_order (f->store, limit_id) == order);
  g_assert_cmpuint (price_notifies, ==, 1);
  g_assert_cmpuint (working.added, ==, 1);

  /* cancelled: it leaves the working list for the history, as the same object */
  actor_cancel (f->actor, limit_id);
  wait = (OrderWait) { f->store, limit_id, BOURSE_ORDER_STATUS_CANCELLED, 0 };
  g_assert_true (bourse_test_wait_until (order_is_cb, &wait, 5000));
  g_assert_true (bourse_broker_store_lookup_order (f->store, limit_id) == order);
  g_assert_cmpuint (status_notifies, ==, 1);
  g_assert_cmpuint (working.removed, ==, 1);
  g_assert_cmpuint (history.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_orders (f->store)), ==, 0);
  g_signal_handlers_disconnect_by_data (order, &price_notifies);
  g_signal_handlers_disconnect_by_data (order, &status_notifies);

  /* a market order: a position appears, then goes when closed */
  market_id = actor_place (f->actor, market);
  g_assert_true (bourse_test_wait_until (has_position_cb, f->store, 5000));
  {
    g_autoptr(BoursePosition) position = g_list_model_get_item (bourse_broker_store_get_positions (f->store), 0);
    g_autoptr(GAsyncResult) closed = NULL;

    g_assert_cmpfloat (bourse_position_get_qty (position), ==, 2000);
    bourse_broker_client_close_position_async (f->actor, "D1", bourse_position_get_id (position), 0, NULL,
                                               bourse_test_await_cb, &closed);
    g_assert_true (bourse_broker_client_close_position_finish (f->actor, AWAIT (closed), &error));
  }
  g_assert_true (bourse_test_wait_until (no_position_cb, f->store, 5000));
  assert_converges (f, 5000);
  g_assert_cmpint (bourse_broker_store_get_connection_state (f->store), ==, BOURSE_CONNECTION_STATE_LIVE);

  g_signal_handlers_disconnect_by_data (bourse_broker_store_get_orders (f->store), &working);
  g_signal_handlers_disconnect_by_data (bourse_broker_store_get_order_history (f->store), &history);
}

static gboolean
quotes_live_cb (gpointer user_data)
{
  BourseBrokerStore *store = user_data;
  BourseQuote *quote = bourse_broker_store_lookup_quote (store, "EURUSD");
  BourseDepth *depth = bourse_broker_store_lookup_depth (store, "BTCUSD");
  const double *prices, *sizes;

  return quote != NULL && bourse_quote_get_bid (quote) > 0 && bourse_quote_get_ask (quote) > bourse_quote_get_bid (quote) &&
         depth != NULL && bourse_depth_get_serial (depth) > 0 && bourse_depth_get_bids (depth, &prices, &sizes) == 10;
}

static void
test_quotes_and_depth (Fixture       *f,
                       gconstpointer  data)
{
  BourseStoreUpdateMode mode = GPOINTER_TO_INT (data);
  guint notifies = 0;
  BourseQuote *quote;

  start_store (f, mode);
  bourse_broker_store_subscribe_quotes (f->store, "EURUSD");
  bourse_broker_store_subscribe_quotes (f->store, "EURUSD");  /* counted: one entry */
  bourse_broker_store_subscribe_depth (f->store, "BTCUSD");
  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_quotes (f->store)), ==, 1);
  g_assert_true (bourse_test_wait_until (quotes_live_cb, f->store, 5000));

  /* quotes keep moving */
  quote = bourse_broker_store_lookup_quote (f->store, "EURUSD");
  g_signal_connect (quote, "notify", G_CALLBACK (count_notify_cb), &notifies);
  bourse_test_spin (1500);
  g_assert_cmpuint (notifies, >, 0);
  g_signal_handlers_disconnect_by_data (quote, &notifies);

  bourse_broker_store_unsubscribe_quotes (f->store, "EURUSD");
  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_quotes (f->store)), ==, 1);
  bourse_broker_store_unsubscribe_quotes (f->store, "EURUSD");
  g_assert_cmpuint (g_list_model_get_n_items (bourse_broker_store_get_quotes (f->store)), ==, 0);
  bourse_broker_store_unsubscribe_depth (f->store, "BTCUSD");
}

/* ---- faults ---- */

/* Some trading by someone else while the fault is on; returns the ids placed. */
static GPtrArray *
trade_a_little (Fixture *f,
                guint    rounds)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000 * (i + 1));
      g_autoptr(BourseOrderRequest) market = bourse_order_request_new ("BTCUSD", i % 2 ? BOURSE_SIDE_SELL : BOURSE_SIDE_BUY,
                                                                      BOURSE_ORDER_TYPE_MARKET, 0.01);
      char *limit_id;

      limit->limit_price = 0.5 + i * 0.01;
      limit_id = actor_place (f->actor, limit);
      g_ptr_array_add (ids, limit_id);
      g_ptr_array_add (ids, actor_place (f->actor, market));
      if (i % 2 == 0)
        actor_cancel (f->actor, limit_id);
      bourse_test_spin (150);
    }
  return ids;
}

static void
assert_each_placed_once (Fixture   *f,
                         GPtrArray *ids)
{
  ServerView view = { 0 };
  g_autoptr(GHashTable) unique = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    {
      g_assert_true (g_hash_table_add (unique, g_ptr_array_index (ids, i)));  /* no id twice */
      g_assert_nonnull (bourse_broker_store_lookup_order (f->store, g_ptr_array_index (ids, i)));  /* nothing lost */
    }
  g_assert_true (fetch_server_view (f->actor, &view));
  /* every request placed exactly one order: the server holds no other */
  g_assert_cmpuint (view.orders->len, ==, ids->len);
  server_view_clear (&view);
}

typedef enum
{
  EVIDENCE_RECONNECTS,   /* the streams were dropped and reopened */
  EVIDENCE_MALFORMED,    /* malformed lines were reported and skipped */
  EVIDENCE_SPLIT,        /* lines were split across chunks (and put back together) */
  EVIDENCE_401,          /* tokens expired and were renewed */
  EVIDENCE_500,          /* 500s were answered */
  EVIDENCE_LATENCY,      /* answers were slow */
} Evidence;

typedef struct
{
  const char            *faults;
  BourseStoreUpdateMode  mode;
  Evidence               evidence;
  gboolean               from_login;  /* on before the store logs in (token lifetimes are set at login) */
} FaultCase;

/* What the store's client went through, from its API exchange records. */
typedef struct
{
  guint  connects;
  guint  malformed;
  guint  status_401;
  guint  status_500;
  double max_latency_ms;
} Seen;

static void
exchange_seen_cb (BourseBrokerClient *client,
                  BourseApiExchange  *exchange,
                  Seen               *seen)
{
  const GError *error = bourse_api_exchange_get_error (exchange);

  switch (bourse_api_exchange_get_kind (exchange))
    {
    case BOURSE_API_EXCHANGE_STREAM_CONNECT:
      seen->connects += bourse_api_exchange_get_status (exchange) == 200;
      break;
    case BOURSE_API_EXCHANGE_STREAM_MESSAGE:
      seen->malformed += g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
      break;
    case BOURSE_API_EXCHANGE_REST:
    default:
      seen->max_latency_ms = MAX (seen->max_latency_ms, bourse_api_exchange_get_latency_ms (exchange));
      break;
    }
  seen->status_401 += bourse_api_exchange_get_status (exchange) == 401;
  seen->status_500 += bourse_api_exchange_get_status (exchange) == 500;
}

typedef struct
{
  const FaultCase  *fc;
  Seen             *seen;
  BourseDemoBroker *broker;
} EvidenceWait;

static gboolean
evidence_cb (gpointer user_data)
{
  EvidenceWait *w = user_data;
  Seen *seen = w->seen;

  switch (w->fc->evidence)
    {
    case EVIDENCE_RECONNECTS: return seen->connects > 5 + 3;
    case EVIDENCE_MALFORMED: return seen->malformed > 0;
    case EVIDENCE_SPLIT: return _bourse_demo_broker_get_lines_split (w->broker) >= 20;
    case EVIDENCE_401: return seen->status_401 > 0;
    case EVIDENCE_500: return seen->status_500 > 0;
    case EVIDENCE_LATENCY: return seen->max_latency_ms >= 150;
    default: g_assert_not_reached ();
    }
}

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *fc = data;
  g_autoptr(GPtrArray) ids = NULL;
  Seen seen = { 0 };
  EvidenceWait wait = { fc, &seen, f->broker->broker };

  g_signal_connect (f->client, "exchange-finished", G_CALLBACK (exchange_seen_cb), &seen);
  bourse_broker_client_set_timeout (f->client, 2);
  bourse_broker_store_set_stream_silence_timeout (f->store, 3000);
  if (fc->from_login)
    bourse_test_broker_set_faults (f->broker, fc->faults);
  start_store (f, fc->mode);
  bourse_broker_store_subscribe_quotes (f->store, "EURUSD");
  bourse_test_broker_set_faults (f->broker, fc->faults);
  ids = trade_a_little (f, 6);

  /* the fault really happened (so the convergence below is not vacuous) */
  g_assert_true (bourse_test_wait_until (evidence_cb, &wait, 8000));
  g_test_message ("connects %u, malformed %u, 401s %u, 500s %u, max latency %.0f ms, %u lines split",
                  seen.connects, seen.malformed, seen.status_401, seen.status_500, seen.max_latency_ms,
                  _bourse_demo_broker_get_lines_split (f->broker->broker));

  bourse_test_broker_set_faults (f->broker, "drop-stream-every=0&latency-ms=0&http500-fraction=0&"
                                            "malformed-fraction=0&split-fraction=0&token-ttl=0");
  assert_converges (f, 15000);
  assert_each_placed_once (f, ids);
  /* split lines are put back together: never reported as malformed */
  if (fc->evidence == EVIDENCE_SPLIT)
    g_assert_cmpuint (seen.malformed, ==, 0);
  g_signal_handlers_disconnect_by_data (f->client, &seen);
}

/* ---- soak ---- */

typedef struct
{
  Fixture   *f;
  GPtrArray *ids;
  guint      store_placed;
} Soak;

static void
store_placed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Soak *soak = user_data;
  g_autoptr(GError) error = NULL;
  char *id = bourse_broker_store_place_order_finish (BOURSE_BROKER_STORE (object), result, &error);

  if (id != NULL)
    {
      g_ptr_array_add (soak->ids, id);
      soak->store_placed++;
    }
  /* A failure after retries leaves the outcome open only for transport
   * errors; the demo broker's 500s come before processing, and its latency
   * stays below the client's timeout, so a failure means no order. */
  else
    g_assert_true (error->domain == BOURSE_BROKER_ERROR && error->code != BOURSE_BROKER_ERROR_TIMEOUT);
}

static void
test_soak (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Soak soak = { f, ids, 0 };
  gint64 end;
  guint round = 0;
  GRand *rand = g_rand_new_with_seed (2024);

  bourse_broker_client_set_timeout (f->client, 3);
  bourse_broker_client_set_max_retries (f->client, 4);
  bourse_broker_store_set_stream_silence_timeout (f->store, 3000);
  start_store (f, BOURSE_STORE_UPDATE_AUTO);
  bourse_broker_store_subscribe_quotes (f->store, "EURUSD");
  bourse_broker_store_subscribe_depth (f->store, "EURUSD");
  bourse_test_broker_set_faults (f->broker, "drop-stream-every=1.5&latency-ms=30&http500-fraction=0.1&"
                                            "malformed-fraction=0.05&split-fraction=0.3&token-ttl=2");

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      double dice = g_rand_double (rand);

      if (dice < 0.3)
        {
          /* through the store (its client retries, keeping the requestId) */
          g_autoptr(BourseOrderRequest) r = bourse_order_request_new ("EURUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1000);
          r->limit_price = 0.5 + (round % 50) * 0.001;
          bourse_broker_store_place_order_async (f->store, r, NULL, store_placed_cb, &soak);
        }
      else if (dice < 0.6)
        {
          g_autoptr(BourseOrderRequest) r = bourse_order_request_new ("BTCUSD", g_rand_boolean (rand) ? BOURSE_SIDE_BUY : BOURSE_SIDE_SELL,
                                                                     BOURSE_ORDER_TYPE_MARKET, 0.01);
          g_ptr_array_add (ids, actor_place (f->actor, r));
        }
      else if (dice < 0.8 && ids->len > 0)
        actor_cancel (f->actor, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
      else
        {
          g_autoptr(BourseOrderRequest) r = bourse_order_request_new ("AAPL", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1);
          r->limit_price = 1;
          g_ptr_array_add (ids, actor_place (f->actor, r));
        }
      round++;
      bourse_test_spin (g_rand_int_range (rand, 20, 120));
    }

  bourse_test_broker_set_faults (f->broker, "drop-stream-every=0&latency-ms=0&http500-fraction=0&"
                                            "malformed-fraction=0&split-fraction=0&token-ttl=0");
  bourse_test_spin (1000);  /* let the store's own placements finish */
  g_test_message ("soak: %u rounds, %u orders (%u through the store)", round, ids->len, soak.store_placed);
  g_assert_cmpuint (ids->len, >, 20);
  assert_converges (f, 20000);
  assert_each_placed_once (f, ids);
  g_rand_free (rand);
}

/* ---- switching account ---- */

static char *
place_on (BourseBrokerClient       *actor,
          const char               *account_id,
          const BourseOrderRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  bourse_broker_client_place_order_async (actor, account_id, request, NULL, bourse_test_await_cb, &result);
  id = bourse_broker_client_place_order_finish (actor, AWAIT (result), &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
lists_show_d2_cb (gpointer user_data)
{
  BourseBrokerStore *store = user_data;

  return g_list_model_get_n_items (bourse_broker_store_get_orders (store)) == 1 &&
         g_list_model_get_n_items (bourse_broker_store_get_positions (store)) == 1 &&
         bourse_account_state_get_balance (bourse_broker_store_get_account_state (store)) == 25000;
}

typedef struct
{
  BourseBrokerStore *store;
  const char        *id;
} Present;

static gboolean
order_present_cb (gpointer user_data)
{
  Present *p = user_data;

  return bourse_broker_store_lookup_order (p->store, p->id) != NULL;
}

static void
count_rest_exchange_cb (BourseBrokerClient *client,
                        BourseApiExchange  *exchange,
                        guint              *count)
{
  if (bourse_api_exchange_get_kind (exchange) == BOURSE_API_EXCHANGE_REST)
    {
      g_test_message ("first start: %s %s answered", bourse_api_exchange_get_method (exchange),
                      bourse_api_exchange_get_path (exchange));
      (*count)++;
    }
}

static gboolean
is_positive_cb (gpointer user_data)
{
  return *(guint *) user_data > 0;
}

static void
test_switch_account (Fixture       *f,
                     gconstpointer  data)
{
  BourseStoreUpdateMode mode = GPOINTER_TO_INT (data);
  g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("AAPL", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1);
  g_autoptr(BourseOrderRequest) market = bourse_order_request_new ("BTCUSD", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_MARKET, 0.01);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *d1_order = NULL;
  g_autofree char *d2_order = NULL;
  g_autofree char *d2_market = NULL;
  g_autofree char *d1_late = NULL;
  g_autofree char *d2_late = NULL;
  Changes working = { 0 }, positions = { 0 };
  BourseOrder *order;
  Present present;
  guint account_notifies = 0;
  guint first_answers = 0;

  /* D1 has a working order; D2 a working order and a position */
  limit->limit_price = 1;
  d1_order = place_on (f->actor, "D1", limit);
  d2_order = place_on (f->actor, "D2", limit);
  d2_market = place_on (f->actor, "D2", market);

  /* switching while the first start is still under way (its first request has
   * been answered, the rest of it has not): that start is superseded, and
   * nothing it fetched for D1 may land in D2's lists */
  bourse_broker_store_set_update_mode (f->store, mode);
  g_signal_connect (f->client, "exchange-finished", G_CALLBACK (count_rest_exchange_cb), &first_answers);
  bourse_broker_store_start_async (f->store, "D1", NULL, bourse_test_await_cb, &first);
  g_assert_true (bourse_test_wait_until (is_positive_cb, &first_answers, 5000));
  g_signal_handlers_disconnect_by_data (f->client, &first_answers);
  g_assert_null (first);  /* still under way */
  bourse_broker_store_set_account_async (f->store, "D2", NULL, bourse_test_await_cb, &result);
  g_assert_false (bourse_broker_store_start_finish (f->store, AWAIT (first), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (bourse_broker_error_is_cancelled (error));
  g_clear_error (&error);
  g_assert_true (bourse_broker_store_set_account_finish (f->store, AWAIT (result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (bourse_broker_store_get_account_id (f->store), ==, "D2");
  g_assert_true (bourse_test_wait_until (lists_show_d2_cb, f->store, 5000));
  g_assert_null (bourse_broker_store_lookup_order (f->store, d1_order));
  g_assert_nonnull (bourse_broker_store_lookup_order (f->store, d2_order));

  /* back to D1: D2's lists leave in one change each, D1's come in */
  g_signal_connect (bourse_broker_store_get_orders (f->store), "items-changed", G_CALLBACK (items_changed_cb), &working);
  g_signal_connect (bourse_broker_store_get_positions (f->store), "items-changed", G_CALLBACK (items_changed_cb), &positions);
  g_signal_connect (f->store, "notify::account-id", G_CALLBACK (count_notify_cb), &account_notifies);
  order = bourse_broker_store_lookup_order (f->store, d2_order);
  g_object_ref (order);
  bourse_broker_store_set_account_async (f->store, "D1", NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_broker_store_set_account_finish (f->store, AWAIT (result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (bourse_broker_store_get_account_id (f->store), ==, "D1");
  g_assert_cmpuint (account_notifies, ==, 1);
  g_assert_cmpuint (working.removed, ==, 1);
  g_assert_cmpuint (working.added, ==, 1);
  g_assert_cmpuint (positions.removed, ==, 1);
  g_assert_cmpuint (positions.added, ==, 0);
  g_assert_null (bourse_broker_store_lookup_order (f->store, d2_order));
  g_assert_nonnull (bourse_broker_store_lookup_order (f->store, d1_order));
  g_assert_cmpfloat (bourse_account_state_get_balance (bourse_broker_store_get_account_state (f->store)), ==, 100000);
  g_object_unref (order);
  assert_converges (f, 5000);

  /* live on D1 only: an order on D2 placed first never shows, one on D1 does */
  d2_late = place_on (f->actor, "D2", limit);
  d1_late = place_on (f->actor, "D1", limit);
  present = (Present) { f->store, d1_late };
  g_assert_true (bourse_test_wait_until (order_present_cb, &present, 5000));
  bourse_test_spin (mode == BOURSE_STORE_UPDATE_POLLING ? 700 : 200);
  g_assert_null (bourse_broker_store_lookup_order (f->store, d2_late));
  g_assert_cmpint (bourse_broker_store_get_connection_state (f->store), ==, BOURSE_CONNECTION_STATE_LIVE);

  /* an account the login does not have: an error, the session unchanged */
  bourse_broker_store_set_account_async (f->store, "T1", NULL, bourse_test_await_cb, &result);
  g_assert_false (bourse_broker_store_set_account_finish (f->store, AWAIT (result), &error));
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED);
  g_assert_cmpstr (bourse_broker_store_get_account_id (f->store), ==, "D1");
  g_assert_nonnull (bourse_broker_store_lookup_order (f->store, d1_late));
  g_assert_cmpint (bourse_broker_store_get_connection_state (f->store), ==, BOURSE_CONNECTION_STATE_LIVE);

  g_signal_handlers_disconnect_by_data (bourse_broker_store_get_orders (f->store), &working);
  g_signal_handlers_disconnect_by_data (bourse_broker_store_get_positions (f->store), &positions);
  g_signal_handlers_disconnect_by_data (f->store, &account_notifies);
}

/* ---- the network coming back ---- */

/* A GNetworkMonitor the test drives: the store only listens to network-changed. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject parent_instance;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface) { }

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { MONITOR_PROP_0, MONITOR_PROP_AVAILABLE, MONITOR_PROP_METERED, MONITOR_PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE: g_value_set_boolean (value, TRUE); break;
    case MONITOR_PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case MONITOR_PROP_CONNECTIVITY: g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static gboolean
store_is_cb (gpointer user_data)
{
  gpointer *args = user_data;

  return (int) bourse_broker_store_get_connection_state (args[0]) == GPOINTER_TO_INT (args[1]);
}

static void
test_network_back (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  gpointer reconnecting[2] = { f->store, GINT_TO_POINTER (BOURSE_CONNECTION_STATE_RECONNECTING) };
  gpointer live[2] = { f->store, GINT_TO_POINTER (BOURSE_CONNECTION_STATE_LIVE) };
  g_autoptr(BourseOrderRequest) limit = bourse_order_request_new ("AAPL", BOURSE_SIDE_BUY, BOURSE_ORDER_TYPE_LIMIT, 1);
  g_autofree char *missed = NULL;
  Present present;

  /* a dropped stream waits at least 30 s (half of 60 s) before trying again */
  _bourse_broker_store_set_network_monitor (f->store, G_NETWORK_MONITOR (monitor));
  _bourse_broker_store_set_stream_backoff (f->store, 60000, 60000);
  start_store (f, BOURSE_STORE_UPDATE_AUTO);
  g_assert_true (bourse_test_wait_until (store_is_cb, live, 5000));

  bourse_test_broker_set_faults (f->broker, "drop-stream-every=0.2");
  g_assert_true (bourse_test_wait_until (store_is_cb, reconnecting, 5000));
  bourse_test_broker_set_faults (f->broker, "drop-stream-every=0");
  /* something happens while the streams are away */
  limit->limit_price = 1;
  missed = place_on (f->actor, "D1", limit);

  /* losing the network changes nothing */
  g_signal_emit_by_name (monitor, "network-changed", FALSE);
  bourse_test_spin (300);
  g_assert_cmpint (bourse_broker_store_get_connection_state (f->store), ==, BOURSE_CONNECTION_STATE_RECONNECTING);

  /* getting it back reconnects at once, and the snapshots bring what was missed */
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_assert_true (bourse_test_wait_until (store_is_cb, live, 5000));
  present = (Present) { f->store, missed };
  g_assert_true (bourse_test_wait_until (order_present_cb, &present, 5000));
  assert_converges (f, 5000);
}

/* The store as a BourseMarketSource: trade subscriptions are counted like
 * quote subscriptions, and the quote lives as long as the last one. */
static void
test_trade_subscriptions (void)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new ("http://127.0.0.1:9");
  g_autoptr(BourseBrokerStore) store = bourse_broker_store_new (client);
  BourseMarketSource *source = BOURSE_MARKET_SOURCE (store);

  bourse_market_source_subscribe_trades (source, "AAPL");
  bourse_market_source_subscribe_trades (source, "AAPL");
  g_assert_nonnull (bourse_broker_store_lookup_quote (store, "AAPL"));
  bourse_market_source_unsubscribe_trades (source, "AAPL");
  g_assert_nonnull (bourse_broker_store_lookup_quote (store, "AAPL"));
  bourse_market_source_unsubscribe_trades (source, "AAPL");
  g_assert_null (bourse_broker_store_lookup_quote (store, "AAPL"));
  /* One unsubscribe too many is ignored, and leaves other symbols alone. */
  bourse_broker_store_subscribe_quotes (store, "MSFT");
  bourse_market_source_unsubscribe_trades (source, "MSFT");
  g_assert_nonnull (bourse_broker_store_lookup_quote (store, "MSFT"));
  bourse_broker_store_unsubscribe_quotes (store, "MSFT");
  g_assert_null (bourse_broker_store_lookup_quote (store, "MSFT"));
}

int
main (int    argc,
      char **argv)
{
  static const FaultCase faults[] = {
    { "drop-stream-every=0.7", BOURSE_STORE_UPDATE_AUTO, EVIDENCE_RECONNECTS },
    { "malformed-fraction=0.2", BOURSE_STORE_UPDATE_AUTO, EVIDENCE_MALFORMED },
    { "split-fraction=0.5", BOURSE_STORE_UPDATE_AUTO, EVIDENCE_SPLIT },
    /* streams end with their token: they reconnect, meet a 401 and log in again */
    { "token-ttl=1", BOURSE_STORE_UPDATE_AUTO, EVIDENCE_401, TRUE },
    { "http500-fraction=0.3", BOURSE_STORE_UPDATE_AUTO, EVIDENCE_500 },
    { "http500-fraction=0.3", BOURSE_STORE_UPDATE_POLLING, EVIDENCE_500 },
    { "latency-ms=150", BOURSE_STORE_UPDATE_POLLING, EVIDENCE_LATENCY },
    { "token-ttl=1", BOURSE_STORE_UPDATE_POLLING, EVIDENCE_401, TRUE },
  };
  static const char * const fault_names[] = {
    "drop-stream", "malformed-lines", "split-lines", "token-expiry", "http-500",
    "http-500-polling", "latency-polling", "token-expiry-polling",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Bourse/Core/Store/lifecycle-streaming", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_AUTO),
              fixture_setup, test_lifecycle, fixture_teardown);
  g_test_add ("/Bourse/Core/Store/lifecycle-polling", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_POLLING),
              fixture_setup, test_lifecycle, fixture_teardown);
  g_test_add ("/Bourse/Core/Store/quotes-depth-streaming", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_AUTO),
              fixture_setup, test_quotes_and_depth, fixture_teardown);
  g_test_add ("/Bourse/Core/Store/quotes-depth-polling", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_POLLING),
              fixture_setup, test_quotes_and_depth, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Bourse/Core/Store/fault/%s", fault_names[i]);
      g_test_add (path, Fixture, &faults[i], fixture_setup, test_fault, fixture_teardown);
    }
  g_test_add ("/Bourse/Core/Store/switch-account-streaming", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_AUTO),
              fixture_setup, test_switch_account, fixture_teardown);
  g_test_add ("/Bourse/Core/Store/switch-account-polling", Fixture, GINT_TO_POINTER (BOURSE_STORE_UPDATE_POLLING),
              fixture_setup, test_switch_account, fixture_teardown);
  g_test_add_func ("/Bourse/Core/Store/trade-subscriptions", test_trade_subscriptions);
  g_test_add ("/Bourse/Core/Store/network-back-reconnects", Fixture, NULL, fixture_setup, test_network_back, fixture_teardown);
  g_test_add ("/Bourse/Core/Store/soak-mixed-faults", Fixture, NULL, fixture_setup, test_soak, fixture_teardown);

  return g_test_run ();
}
