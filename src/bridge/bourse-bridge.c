/* bourse-bridge.c — the webhook server and the decision pipeline of `bourse-cli bridge`
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the SoupServer, the alerts in flight and the decisions (see
 * bourse-bridge.h for the pipeline). What is sent to the broker is decided by
 * BourseTrader; the bridge only picks the trader's plan for each action:
 * buy/sell → bourse_trader_plan_market_order() (a limit or stop alert turns
 * the planned order into that type at the alert's price), exit →
 * plan_close_position(), reverse → plan_reverse_position(), cancel →
 * plan_cancel_order() for each working order of the ticker.
 *
 * Idempotency, how and why: the key's "pending" row is written (durably)
 * before anything is sent, so a resend that arrives while the order is in
 * flight, or after a crash, finds it and places nothing; the order's
 * requestId is derived from the key too, so even a broker-side retry is one
 * order at a broker that honours requestId.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>

#include "bourse-bridge.h"
#include "bourse-bridge-message.h"
#include "bourse-order.h"
#include "bourse-position.h"
#include "bourse-trader.h"

#define IDEMPOTENCY_WINDOW (24 * G_TIME_SPAN_HOUR)

struct _BourseBridge
{
  GObject              parent_instance;
  BourseBrokerStore   *store;
  BourseTrader        *trader;
  BourseBridgeJournal *journal;
  SoupServer          *server;
  guint8               secret_sha[32];
  GCancellable        *cancellable;
  guint                max_lag;
  gboolean             dry_run;
};

G_DEFINE_FINAL_TYPE (BourseBridge, bourse_bridge, G_TYPE_OBJECT)

/* One alert acted on, from its pending row to its outcome row. */
typedef struct
{
  BourseBridge        *bridge;    /* strong */
  SoupServerMessage   *msg;       /* strong until answered */
  BourseBridgeMessage *message;
  char                *key;
  char                *remote;
  GPtrArray           *trades;    /* BourseTrade, sent one after another */
  guint                next;
  GString             *order_ids; /* what the broker answered, comma-separated */
  guint                reply_id;  /* the 202 timer */
  gboolean             answered;
} Alert;

static void
alert_free (Alert *alert)
{
  g_clear_handle_id (&alert->reply_id, g_source_remove);
  if (alert->msg != NULL)
    g_signal_handlers_disconnect_by_data (alert->msg, alert);
  g_clear_object (&alert->msg);
  g_clear_object (&alert->bridge);
  g_clear_pointer (&alert->message, bourse_bridge_message_free);
  g_clear_pointer (&alert->trades, g_ptr_array_unref);
  g_string_free (alert->order_ids, TRUE);
  g_free (alert->key);
  g_free (alert->remote);
  g_free (alert);
}

/* -- answers ------------------------------------------------------------- */

static char *
response_json (const char *result,
               const char *reason,
               const char *order_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_string_value (builder, result);
  if (reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  if (order_id != NULL)
    {
      json_builder_set_member_name (builder, "order_id");
      json_builder_add_string_value (builder, order_id);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* Journals one row and answers @msg with it (when @msg is not NULL). */
static void
record (BourseBridge              *self,
        SoupServerMessage         *msg,
        const char                *remote,
        const char                *key,
        const BourseBridgeMessage *message,
        const char                *decision,
        const char                *reason,
        const char                *order_id,
        guint                      status,
        const char                *response)
{
  g_autoptr(GError) error = NULL;
  BourseBridgeEntry entry = {
    .key = (char *) key,
    .remote = (char *) remote,
    .ticker = message != NULL ? message->ticker : NULL,
    .action = message != NULL ? (char *) bourse_bridge_action_to_string (message->action) : NULL,
    .contracts = message != NULL ? message->contracts : 0,
    .decision = (char *) decision,
    .reason = (char *) reason,
    .order_id = (char *) order_id,
    .status = status,
    .response = (char *) response,
  };

  if (!bourse_bridge_journal_append (self->journal, &entry, &error))
    g_warning ("%s", error->message);
  g_message ("alert %s%s%s: %s%s%s%s%s", message != NULL ? message->ticker : "-",
             key != NULL ? " " : "", key != NULL ? key : "", decision,
             reason != NULL ? ": " : "", reason != NULL ? reason : "",
             order_id != NULL ? " order " : "", order_id != NULL ? order_id : "");
  if (msg != NULL)
    respond (msg, status, response);
}

/* Refuses before anything was claimed or sent. */
static void
refuse (BourseBridge              *self,
        SoupServerMessage         *msg,
        const char                *remote,
        const BourseBridgeMessage *message,
        const char                *decision,
        guint                      status,
        const char                *reason)
{
  g_autofree char *body = response_json (decision, reason, NULL);

  record (self, msg, remote, NULL, message, decision, reason, NULL, status, body);
}

/* -- sending ------------------------------------------------------------- */

static void send_next (Alert *alert);

/* The outcome row; the answer too unless the 202 went out already. */
static void
alert_finish (Alert        *alert,
              const GError *error)
{
  const char *order_ids = alert->order_ids->len > 0 ? alert->order_ids->str : NULL;
  const char *decision = error == NULL ? "placed" : "broker-error";
  g_autofree char *body = response_json (decision, error != NULL ? error->message : NULL, order_ids);
  /* A broker refusal is 422 (not re-sent by TradingView); never 5xx. */
  guint status = alert->answered ? 202 : error == NULL ? 200 : 422;

  record (alert->bridge, NULL, alert->remote, alert->key, alert->message, decision,
          error != NULL ? error->message : NULL, order_ids, status, body);
  if (!alert->answered && alert->msg != NULL)
    {
      respond (alert->msg, status, body);
      soup_server_message_unpause (alert->msg);
    }
  alert_free (alert);
}

static void
add_order_id (Alert      *alert,
              const char *id)
{
  if (id == NULL)
    return;
  if (alert->order_ids->len > 0)
    g_string_append_c (alert->order_ids, ',');
  g_string_append (alert->order_ids, id);
}

static void
place_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Alert *alert = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = bourse_broker_store_place_order_finish (BOURSE_BROKER_STORE (object), result, &error);

  if (order_id == NULL)
    {
      alert_finish (alert, error);
      return;
    }
  add_order_id (alert, order_id);
  send_next (alert);
}

static void
execute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Alert *alert = user_data;
  g_autoptr(GError) error = NULL;
  const BourseTrade *trade = g_ptr_array_index (alert->trades, alert->next - 1);

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      alert_finish (alert, error);
      return;
    }
  add_order_id (alert, trade->target_id);
  send_next (alert);
}

static void
send_next (Alert *alert)
{
  BourseBridge *self = alert->bridge;
  const BourseTrade *trade;

  if (alert->next == alert->trades->len)
    {
      alert_finish (alert, NULL);
      return;
    }
  trade = g_ptr_array_index (alert->trades, alert->next++);
  /* New orders go through the store (as the trader sends them) to learn the order id. */
  if (trade->kind == BOURSE_TRADE_PLACE_ORDER)
    bourse_broker_store_place_order_async (self->store, trade->request, self->cancellable, place_done_cb, alert);
  else
    bourse_trader_execute_async (self->trader, trade, self->cancellable, execute_done_cb, alert);
}

static gboolean
reply_timeout_cb (gpointer user_data)
{
  Alert *alert = user_data;
  g_autofree char *body = response_json ("pending", "the broker has not answered yet; the outcome goes to the journal", NULL);

  alert->reply_id = 0;
  alert->answered = TRUE;
  if (alert->msg != NULL)
    {
      respond (alert->msg, 202, body);
      soup_server_message_unpause (alert->msg);
      g_signal_handlers_disconnect_by_data (alert->msg, alert);
      g_clear_object (&alert->msg);
    }
  return G_SOURCE_REMOVE;
}

static void
msg_finished_cb (SoupServerMessage *msg,
                 Alert             *alert)
{
  /* The sender went away: the outcome is only journaled. */
  alert->answered = TRUE;
  g_signal_handlers_disconnect_by_data (msg, alert);
  g_clear_object (&alert->msg);
}

/* -- planning ------------------------------------------------------------ */

static BoursePosition *
find_position (BourseBridge *self,
               const char   *ticker)
{
  GListModel *positions = bourse_broker_store_get_positions (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (positions); i++)
    {
      g_autoptr(BoursePosition) position = g_list_model_get_item (positions, i);

      if (g_strcmp0 (bourse_position_get_instrument (position), ticker) == 0 && bourse_position_get_qty (position) > 0)
        return position;  /* the store's list keeps it alive */
    }
  return NULL;
}

static BourseTrade *
plan_order (BourseBridge              *self,
            const BourseBridgeMessage *message,
            const char                *key,
            GError                   **error)
{
  BourseSide side = message->action == BOURSE_BRIDGE_ACTION_BUY ? BOURSE_SIDE_BUY : BOURSE_SIDE_SELL;
  BourseTrade *trade = bourse_trader_plan_market_order (self->trader, message->ticker, side,
                                                        message->contracts, 0, 0, error);
  BourseOrderRequest *request;

  if (trade == NULL)
    return NULL;
  request = trade->request;
  request->type = message->order_type;
  if (message->order_type == BOURSE_ORDER_TYPE_LIMIT)
    request->limit_price = message->price;
  else if (message->order_type == BOURSE_ORDER_TYPE_STOP)
    request->stop_price = message->price;
  request->stop_loss = message->stop_loss;
  request->take_profit = message->take_profit;
  if (key != NULL)
    {
      g_free (request->request_id);
      request->request_id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
      request->request_id[32] = '\0';
    }
  return trade;
}

/* What @message asks of the broker (transfer full: BourseTrade), or NULL with
 * the trading rule's refusal. */
static GPtrArray *
plan (BourseBridge              *self,
      const BourseBridgeMessage *message,
      const char                *key,
      GError                   **error)
{
  g_autoptr(GPtrArray) trades = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_trade_free);
  BoursePosition *position;
  BourseTrade *trade = NULL;

  switch (message->action)
    {
    case BOURSE_BRIDGE_ACTION_BUY:
    case BOURSE_BRIDGE_ACTION_SELL:
      trade = plan_order (self, message, key, error);
      break;
    case BOURSE_BRIDGE_ACTION_EXIT:
    case BOURSE_BRIDGE_ACTION_REVERSE:
      if ((position = find_position (self, message->ticker)) == NULL)
        {
          g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND, "no open position in %s",
                       message->ticker);
          return NULL;
        }
      trade = message->action == BOURSE_BRIDGE_ACTION_EXIT
        ? bourse_trader_plan_close_position (self->trader, bourse_position_get_id (position), error)
        : bourse_trader_plan_reverse_position (self->trader, bourse_position_get_id (position), error);
      break;
    case BOURSE_BRIDGE_ACTION_CANCEL:
      {
        g_autoptr(GPtrArray) ids = bourse_trader_dup_cancel_all_ids (self->trader);

        for (guint i = 0; i < ids->len; i++)
          {
            BourseOrder *order = bourse_broker_store_lookup_order (self->store, g_ptr_array_index (ids, i));

            if (order != NULL && g_strcmp0 (bourse_order_get_instrument (order), message->ticker) == 0)
              g_ptr_array_add (trades, bourse_trader_plan_cancel_order (self->trader, bourse_order_get_id (order)));
          }
        if (trades->len == 0)
          {
            g_set_error (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_FOUND, "no working order in %s",
                         message->ticker);
            return NULL;
          }
        return g_steal_pointer (&trades);
      }
    default:
      g_assert_not_reached ();
    }
  if (trade == NULL)
    return NULL;
  g_ptr_array_add (trades, trade);
  return g_steal_pointer (&trades);
}

/* -- the pipeline -------------------------------------------------------- */

/* SHA-256 both sides, then compare every byte: the time taken says nothing
 * about how much of the secret matched, nor about its length. */
static gboolean
secret_matches (BourseBridge *self,
                const char   *secret)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  guint8 diff = 0;

  if (secret == NULL)
    return FALSE;
  g_checksum_update (checksum, (const guchar *) secret, strlen (secret));
  g_checksum_get_digest (checksum, digest, &length);
  for (gsize i = 0; i < sizeof digest; i++)
    diff |= digest[i] ^ self->secret_sha[i];
  return diff == 0;
}

/* 400 for a rule of the message itself: the ticker and the alert's age. */
static char *
check_rules (BourseBridge              *self,
             const BourseBridgeMessage *message)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (bourse_broker_store_lookup_instrument (self->store, message->ticker) == NULL)
    return g_strdup_printf ("ticker: the broker has no instrument \"%s\"", message->ticker);
  if (self->max_lag > 0 && message->time == 0)
    return g_strdup_printf ("time: missing (the bridge refuses alerts older than %u s)", self->max_lag);
  if (self->max_lag > 0 && now - message->time > (gint64) self->max_lag)
    return g_strdup_printf ("time: the alert is %" G_GINT64_FORMAT " s old (stale: over --max-lag %u s)",
                            now - message->time, self->max_lag);
  return NULL;
}

/* Repeats: answered with the original answer, nothing placed. TRUE when @key was seen. */
static gboolean
answer_duplicate (BourseBridge              *self,
                  SoupServerMessage         *msg,
                  const char                *remote,
                  const char                *key,
                  const BourseBridgeMessage *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBridgeEntry) first = NULL;
  g_autofree char *pending = NULL;

  first = bourse_bridge_journal_lookup (self->journal, key, g_get_real_time () - IDEMPOTENCY_WINDOW, &error);
  if (first == NULL && error == NULL)
    return FALSE;
  if (first == NULL)
    {
      /* Cannot tell whether it was acted on: refuse without acting (not 5xx: no resend storm). */
      refuse (self, msg, remote, message, "refused", 409, error->message);
      return TRUE;
    }
  if (g_str_equal (first->decision, "pending"))
    {
      pending = response_json ("pending", "a repeat of an alert still being sent", NULL);
      record (self, msg, remote, key, message, "duplicate", "still being sent", NULL, 202, pending);
    }
  else
    record (self, msg, remote, key, message, "duplicate", first->decision, first->order_id, 200,
            first->response != NULL ? first->response : "{}");
  return TRUE;
}

static void
accept_alert (BourseBridge        *self,
              SoupServerMessage   *msg,
              const char          *remote,
              BourseBridgeMessage *message)
{
  g_autofree char *key = bourse_bridge_message_dup_key (message);
  g_autoptr(GPtrArray) trades = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *body = NULL;
  BourseBridgeEntry claim = { 0 };
  Alert *alert;

  if ((reason = check_rules (self, message)) != NULL)
    {
      refuse (self, msg, remote, message, "invalid", 400, reason);
      return;
    }
  if (key != NULL && answer_duplicate (self, msg, remote, key, message))
    return;
  if ((trades = plan (self, message, key, &error)) == NULL)
    {
      body = response_json ("refused", error->message, NULL);
      record (self, msg, remote, key, message, "refused", error->message, NULL, 422, body);
      return;
    }
  if (self->dry_run)
    {
      body = response_json ("dry-run", "validated and planned; nothing was sent", NULL);
      record (self, msg, remote, key, message, "dry-run", NULL, NULL, 200, body);
      return;
    }

  /* The durable claim, before anything is sent. */
  claim.key = key;
  claim.remote = (char *) remote;
  claim.ticker = message->ticker;
  claim.action = (char *) bourse_bridge_action_to_string (message->action);
  claim.contracts = message->contracts;
  claim.decision = (char *) "pending";
  if (!bourse_bridge_journal_append (self->journal, &claim, &error))
    {
      /* Nothing was sent: a 503 is safe, and TradingView's resend may find the journal back. */
      body = response_json ("refused", error->message, NULL);
      respond (msg, 503, body);
      return;
    }

  alert = g_new0 (Alert, 1);
  alert->bridge = g_object_ref (self);
  alert->msg = g_object_ref (msg);
  alert->message = bourse_bridge_message_copy (message);
  alert->key = g_steal_pointer (&key);
  alert->remote = g_strdup (remote);
  alert->trades = g_steal_pointer (&trades);
  alert->order_ids = g_string_new (NULL);
  g_signal_connect (msg, "finished", G_CALLBACK (msg_finished_cb), alert);
  soup_server_message_pause (msg);
  alert->reply_id = g_timeout_add (BOURSE_BRIDGE_REPLY_MS, reply_timeout_cb, alert);
  send_next (alert);
}

static void
webhook_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  BourseBridge *self = user_data;
  const char *remote = soup_server_message_get_remote_host (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(BourseBridgeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *body = NULL;

  if (!g_str_equal (path, "/webhook"))
    {
      body = response_json ("not-found", "alerts go to POST /webhook", NULL);
      respond (msg, 404, body);
      return;
    }
  if (!g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_POST))
    {
      body = response_json ("refused", "alerts are POSTed", NULL);
      respond (msg, 405, body);
      return;
    }
  bytes = soup_message_body_flatten (request);
  if (g_bytes_get_size (bytes) > BOURSE_BRIDGE_MAX_BODY)
    {
      refuse (self, msg, remote, NULL, "invalid", 413, "the body is over 64 KiB");
      return;
    }
  message = bourse_bridge_message_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &secret, &error);
  if (message == NULL && g_error_matches (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED))
    refuse (self, msg, remote, NULL, "invalid", 400, error->message);
  else if (!secret_matches (self, secret))
    refuse (self, msg, remote, NULL, "unauthorized", 401, "wrong or missing secret");
  else if (message == NULL)
    refuse (self, msg, remote, NULL, "invalid", 400, error->message);
  else
    accept_alert (self, msg, remote, message);
}

/* A Content-Length over the cap is answered 413 before the body is read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  BourseBridge *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > BOURSE_BRIDGE_MAX_BODY)
    refuse (self, msg, soup_server_message_get_remote_host (msg), NULL, "invalid", 413, "the body is over 64 KiB");
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    BourseBridge      *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
}

/* -- object -------------------------------------------------------------- */

static void
bourse_bridge_dispose (GObject *object)
{
  BourseBridge *self = BOURSE_BRIDGE (object);

  bourse_bridge_stop (self);
  g_clear_object (&self->server);
  g_clear_object (&self->trader);
  g_clear_object (&self->store);
  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (bourse_bridge_parent_class)->dispose (object);
}

static void
bourse_bridge_class_init (BourseBridgeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bourse_bridge_dispose;
}

static void
bourse_bridge_init (BourseBridge *self)
{
  self->cancellable = g_cancellable_new ();
}

BourseBridge *
bourse_bridge_new (BourseBrokerStore   *store,
                   BourseBridgeJournal *journal,
                   const char          *secret)
{
  BourseBridge *self;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length;

  g_return_val_if_fail (BOURSE_IS_BROKER_STORE (store), NULL);
  g_return_val_if_fail (BOURSE_IS_BRIDGE_JOURNAL (journal), NULL);
  g_return_val_if_fail (secret != NULL && *secret != '\0', NULL);

  self = g_object_new (BOURSE_TYPE_BRIDGE, NULL);
  self->store = g_object_ref (store);
  self->trader = bourse_trader_new (store);
  self->journal = g_object_ref (journal);
  length = sizeof self->secret_sha;
  g_checksum_update (checksum, (const guchar *) secret, strlen (secret));
  g_checksum_get_digest (checksum, self->secret_sha, &length);
  self->server = soup_server_new ("server-header", "bourse-bridge ", NULL);
  soup_server_add_handler (self->server, NULL, webhook_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  return self;
}

void
bourse_bridge_set_dry_run (BourseBridge *self,
                           gboolean      dry_run)
{
  g_return_if_fail (BOURSE_IS_BRIDGE (self));
  self->dry_run = !!dry_run;
}

void
bourse_bridge_set_max_lag (BourseBridge *self,
                           guint         seconds)
{
  g_return_if_fail (BOURSE_IS_BRIDGE (self));
  self->max_lag = seconds;
}

gboolean
bourse_bridge_listen (BourseBridge  *self,
                      const char    *address,
                      GError       **error)
{
  g_autoptr(GInetAddress) ip = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;
  char *end = NULL;

  g_return_val_if_fail (BOURSE_IS_BRIDGE (self), FALSE);

  colon = address != NULL ? strrchr (address, ':') : NULL;
  if (colon != NULL)
    {
      host = g_strndup (address, colon - address);
      if (host[0] == '[' && host[strlen (host) - 1] == ']')
        {
          memmove (host, host + 1, strlen (host));
          host[strlen (host) - 1] = '\0';
        }
      ip = g_inet_address_new_from_string (host);
      port = g_ascii_strtoull (colon + 1, &end, 10);
    }
  if (ip == NULL || end == colon + 1 || *end != '\0' || port > 65535)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen: \"%s\" is not IP:PORT (e.g. 127.0.0.1:8080)", address != NULL ? address : "");
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (ip, (guint16) port);
  return soup_server_listen (self->server, socket_address, 0, error);
}

char *
bourse_bridge_dup_url (BourseBridge *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (BOURSE_IS_BRIDGE (self), NULL);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      g_autoptr(GUri) webhook = soup_uri_copy (uris->data, SOUP_URI_PATH, "/webhook", SOUP_URI_NONE);
      url = g_uri_to_string (webhook);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
bourse_bridge_stop (BourseBridge *self)
{
  g_return_if_fail (BOURSE_IS_BRIDGE (self));

  if (self->server != NULL)
    soup_server_disconnect (self->server);
}
