/* bourse-stream.c — BourseStream: one long-lived, line-framed JSON HTTP stream that reconnects by itself
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the framing works: the response body is read in READ_SIZE chunks and
 * fed to a BourseLineSplitter, which hands back complete lines only; each line
 * is parsed and validated against the line schema, then emitted as ::message
 * (or ::malformed-line, and the stream goes on). bourse_stream_feed() runs the
 * same path from memory. Why this shape: a line may be cut anywhere by TCP, and
 * one bad line must cost one message, not the connection. Reconnects: any end
 * of the body, an error, or "silence-timeout" ms without a byte schedules a new
 * connection after an exponential backoff with jitter, reset once a connection
 * delivers a message, so a broker restart is not hammered by every client at
 * once; the splitter is reset so no half line survives a reconnect.
 */
#include "config.h"

#include <string.h>

#include "bourse-api-exchange-private.h"
#include "bourse-broker-client-private.h"
#include "bourse-json.h"
#include "bourse-line-splitter.h"
#include "bourse-stream.h"

#define READ_SIZE                  (64 * 1024)
#define DEFAULT_SILENCE_TIMEOUT_MS 15000
#define DEFAULT_BACKOFF_INITIAL_MS 500
#define DEFAULT_BACKOFF_MAX_MS     30000
#define DEFAULT_MAX_LINE_LENGTH    (1024 * 1024)
#define SAMPLE_INTERVAL_US         (50 * 1000)

struct _BourseStream
{
  GObject                parent_instance;

  /* owned */
  BourseBrokerClient    *client;
  char                  *path;
  BourseLineSplitter    *splitter;
  JsonParser            *parser;
  GCancellable          *cancellable;      /* of the current connection */
  SoupMessage           *msg;
  GInputStream          *body;
  GError                *last_error;
  char                  *sent_token;
  BourseApiExchange     *connect_exchange;

  BourseSchema           line_schema;
  BourseConnectionState  state;
  guint                  generation;       /* bumped per connection: stale callbacks compare it */
  guint                  attempt;          /* failed attempts since the last good connection */
  guint                  reconnect_id;
  guint                  watchdog_id;
  gint64                 next_attempt_time;
  gint64                 last_activity;
  gint64                 last_sample_time;
  guint                  unsampled;
  guint64                messages_received;
  guint                  connect_count;
  guint                  silence_timeout_ms;
  guint                  backoff_initial_ms;
  guint                  backoff_max_ms;
  gsize                  max_line_length;
  guint                  running : 1;
  guint                  got_message : 1;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PATH,
  PROP_LINE_SCHEMA,
  PROP_STATE,
  PROP_NEXT_ATTEMPT_TIME,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  CONNECTED,
  MESSAGE,
  MALFORMED_LINE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (BourseStream, bourse_stream, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  BourseStream *self;  /* strong */
  guint         generation;
} Attempt;

static Attempt *
attempt_new (BourseStream *self)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->self = g_object_ref (self);
  attempt->generation = self->generation;
  return attempt;
}

static void
attempt_free (Attempt *attempt)
{
  g_object_unref (attempt->self);
  g_free (attempt);
}

static gboolean
attempt_is_current (Attempt *attempt)
{
  return attempt->self->running && attempt->generation == attempt->self->generation;
}

static void connect_now (BourseStream *self);

static void
set_state (BourseStream          *self,
           BourseConnectionState  state,
           gint64                 next_attempt_time)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->next_attempt_time != next_attempt_time)
    {
      self->next_attempt_time = next_attempt_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT_TIME]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_last_error (BourseStream *self,
                const GError *error)
{
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* Closes the current connection (if any) and forgets it. */
static void
drop_connection (BourseStream *self)
{
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->body);
  g_clear_object (&self->msg);
  g_clear_object (&self->connect_exchange);
  g_clear_pointer (&self->sent_token, g_free);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  _bourse_line_splitter_reset (self->splitter);
}

static gboolean
reconnect_timeout_cb (gpointer user_data)
{
  BourseStream *self = user_data;

  self->reconnect_id = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (BourseStream *self,
                    const GError *error)
{
  guint delay_ms;

  drop_connection (self);
  if (error != NULL)
    set_last_error (self, error);
  if (!self->running)
    return;

  delay_ms = self->backoff_initial_ms;
  for (guint i = 0; i < self->attempt && delay_ms < self->backoff_max_ms; i++)
    delay_ms *= 2;
  delay_ms = MIN (delay_ms, self->backoff_max_ms);
  /* "Equal jitter": half fixed, half random, so a fleet of clients spreads out. */
  delay_ms = delay_ms / 2 + g_random_int_range (0, (gint32) (delay_ms / 2) + 1);
  self->attempt++;

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add (delay_ms, reconnect_timeout_cb, self);
  set_state (self, BOURSE_CONNECTION_STATE_RECONNECTING, g_get_monotonic_time () + (gint64) delay_ms * 1000);
}

static void
fail (BourseStream *self,
      const GError *error)
{
  drop_connection (self);
  set_last_error (self, error);
  self->running = FALSE;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  set_state (self, BOURSE_CONNECTION_STATE_FAILED, 0);
}

static void
emit_stream_exchange (BourseStream *self,
                      const char   *line,
                      gsize         length,
                      GPtrArray    *violations,
                      const GError *error)
{
  g_autoptr(BourseApiExchange) exchange = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;

  if (!_bourse_broker_client_has_exchange_listeners (self->client))
    return;
  uri = _bourse_broker_client_build_uri (self->client, self->path);
  exchange = _bourse_api_exchange_new (BOURSE_API_EXCHANGE_STREAM_MESSAGE, "GET", uri, self->path, NULL, TRUE);
  text = line != NULL ? g_strndup (line, length) : NULL;
  _bourse_api_exchange_complete (exchange, 200, text, length, violations, error);
  _bourse_api_exchange_set_sample_count (exchange, self->unsampled + 1);
  self->unsampled = 0;
  self->last_sample_time = g_get_monotonic_time ();
  _bourse_broker_client_emit_exchange (self->client, exchange);
}

static void
report_malformed (BourseStream *self,
                  const char   *line,
                  gsize         length,
                  GPtrArray    *violations,
                  GError       *error)
{
  g_autofree char *text = line != NULL ? g_strndup (line, MIN (length, 4096)) : NULL;

  g_debug ("%s: skipped a line: %s", self->path, error->message);
  emit_stream_exchange (self, line, length, violations, error);
  g_signal_emit (self, signals[MALFORMED_LINE], 0, text, error);
}

static void
line_cb (const char *line,
         gsize       length,
         gboolean    oversize,
         gpointer    user_data)
{
  BourseStream *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  JsonNode *root;
  gint64 now;

  if (oversize)
    {
      g_autoptr(GError) oversize_error =
        g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL,
                     "%s: a line of %" G_GSIZE_FORMAT " bytes exceeds the limit of %" G_GSIZE_FORMAT,
                     self->path, length, self->max_line_length);
      report_malformed (self, NULL, length, NULL, oversize_error);
      return;
    }

  if (!g_utf8_validate (line, length, NULL))
    {
      g_autoptr(GError) utf8_error = bourse_broker_error_new_protocol (self->path, "$", "expected UTF-8 text");
      report_malformed (self, NULL, length, NULL, utf8_error);
      return;
    }

  if (!_bourse_json_prescan (line, length))
    {
      g_autoptr(GError) parse_error = bourse_broker_error_new_protocol (self->path, "$", "not JSON: more than one value, or a broken \\u escape");
      report_malformed (self, line, length, NULL, parse_error);
      return;
    }
  if (!json_parser_load_from_data (self->parser, line, length, &error) ||
      (root = json_parser_get_root (self->parser)) == NULL)
    {
      g_autofree char *expectation = g_strdup_printf ("not JSON: %s", error != NULL ? error->message : "empty");
      g_autoptr(GError) parse_error = bourse_broker_error_new_protocol (self->path, "$", expectation);
      report_malformed (self, line, length, NULL, parse_error);
      return;
    }

  if (!bourse_schema_conforms (self->line_schema, root, BOURSE_SCHEMA_FLAGS_NONE))
    {
      violations = bourse_schema_validate (self->line_schema, root, BOURSE_SCHEMA_FLAGS_NONE);
      const BourseSchemaViolation *first = g_ptr_array_index (violations, 0);
      g_autoptr(GError) protocol = bourse_broker_error_new_protocol (self->path, first->path, first->message);
      report_malformed (self, line, length, violations, protocol);
      return;
    }

  self->messages_received++;
  self->got_message = TRUE;
  self->attempt = 0;

  /* The inspector sees every line while the stream is slow, a sample when fast. */
  now = g_get_monotonic_time ();
  if (now - self->last_sample_time >= SAMPLE_INTERVAL_US)
    emit_stream_exchange (self, line, length, NULL, NULL);
  else
    self->unsampled++;

  g_signal_emit (self, signals[MESSAGE], 0, root);
}

void
bourse_stream_feed (BourseStream *self,
                    const char   *data,
                    gsize         length)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));
  _bourse_line_splitter_feed (self->splitter, data, length, line_cb, self);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  BourseStream *self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_get_monotonic_time () - self->last_activity < (gint64) self->silence_timeout_ms * 1000)
    return G_SOURCE_CONTINUE;

  self->watchdog_id = 0;
  error = g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TIMEOUT,
                       "%s: nothing received for %u ms", self->path, self->silence_timeout_ms);
  schedule_reconnect (self, error);
  return G_SOURCE_REMOVE;
}

static void read_next (BourseStream *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *attempt = user_data;
  BourseStream *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  guint generation = attempt->generation;

  if (!attempt_is_current (attempt))
    {
      attempt_free (attempt);
      return;
    }

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_autoptr(GError) dropped = NULL;

      if (bytes != NULL)
        dropped = g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TRANSPORT,
                               "%s: the server ended the stream", self->path);
      else
        dropped = bourse_broker_error_new_full (BOURSE_BROKER_ERROR_TRANSPORT, self->path, error->message);
      schedule_reconnect (self, dropped);
      attempt_free (attempt);
      return;
    }

  self->last_activity = g_get_monotonic_time ();
  _bourse_line_splitter_feed (self->splitter, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              line_cb, self);
  /* A handler may have stopped or restarted us. */
  if (self->running && generation == self->generation)
    read_next (self);
  attempt_free (attempt);
}

static void
read_next (BourseStream *self)
{
  g_input_stream_read_bytes_async (self->body, READ_SIZE, G_PRIORITY_DEFAULT, self->cancellable,
                                   read_cb, attempt_new (self));
}

static void
reauthorized_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Attempt *attempt = user_data;
  BourseStream *self = attempt->self;
  g_autoptr(GError) error = NULL;

  if (!_bourse_broker_client_reauthorize_finish (BOURSE_BROKER_CLIENT (object), result, &error))
    {
      if (attempt_is_current (attempt))
        {
          /* A refused login will not get better by retrying; anything else might. */
          if (g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH))
            fail (self, error);
          else
            schedule_reconnect (self, error);
        }
      attempt_free (attempt);
      return;
    }
  if (attempt_is_current (attempt))
    connect_now (self);
  attempt_free (attempt);
}

static void
finish_connect_exchange (BourseStream *self,
                         guint         status,
                         const GError *error)
{
  if (self->connect_exchange == NULL)
    return;
  _bourse_api_exchange_complete (self->connect_exchange, status, NULL, 0, NULL, error);
  _bourse_broker_client_emit_exchange (self->client, self->connect_exchange);
  g_clear_object (&self->connect_exchange);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *attempt = user_data;
  BourseStream *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (!attempt_is_current (attempt))
    {
      if (body != NULL)
        g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      attempt_free (attempt);
      return;
    }

  if (body == NULL)
    {
      g_autoptr(GError) transport = bourse_broker_error_new_full (BOURSE_BROKER_ERROR_TRANSPORT, self->path,
                                                                  error->message);
      finish_connect_exchange (self, 0, transport);
      schedule_reconnect (self, transport);
      attempt_free (attempt);
      return;
    }

  status = soup_message_get_status (self->msg);
  if (status != SOUP_STATUS_OK)
    {
      g_autoptr(GError) status_error =
        bourse_broker_error_new_http_status (self->path, status, soup_message_get_reason_phrase (self->msg));

      finish_connect_exchange (self, status, status_error);
      /* libsoup 3.2 crashes when skipping a chunked body (§2.2): close it instead. */
      g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          g_autofree char *failed_token = g_strdup (self->sent_token);

          drop_connection (self);
          set_last_error (self, status_error);
          set_state (self, BOURSE_CONNECTION_STATE_RECONNECTING, 0);
          _bourse_broker_client_reauthorize_async (self->client, failed_token, NULL,
                                                   reauthorized_cb, attempt_new (self));
        }
      else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
               status == SOUP_STATUS_NOT_IMPLEMENTED)
        fail (self, status_error);
      else
        schedule_reconnect (self, status_error);
      attempt_free (attempt);
      return;
    }

  finish_connect_exchange (self, status, NULL);
  self->body = g_steal_pointer (&body);
  self->connect_count++;
  self->got_message = FALSE;
  self->last_activity = g_get_monotonic_time ();
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  self->watchdog_id = g_timeout_add (MAX (self->silence_timeout_ms / 4, 20), watchdog_cb, self);
  set_state (self, BOURSE_CONNECTION_STATE_LIVE, 0);
  g_signal_emit (self, signals[CONNECTED], 0);
  if (attempt_is_current (attempt))
    read_next (self);
  attempt_free (attempt);
}

static void
connect_now (BourseStream *self)
{
  g_autofree char *uri = NULL;

  drop_connection (self);
  if (!self->running)
    return;

  self->cancellable = g_cancellable_new ();
  self->msg = _bourse_broker_client_new_message (self->client, "GET", self->path, &self->sent_token);
  if (self->msg == NULL)
    {
      g_autoptr(GError) error = g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TRANSPORT,
                                             "%s: invalid URL", self->path);
      fail (self, error);
      return;
    }
  uri = _bourse_broker_client_build_uri (self->client, self->path);
  self->connect_exchange = _bourse_api_exchange_new (BOURSE_API_EXCHANGE_STREAM_CONNECT, "GET", uri,
                                                     self->path, NULL, TRUE);
  set_state (self, self->connect_count == 0 && self->attempt == 0 ? BOURSE_CONNECTION_STATE_CONNECTING
                                                                  : BOURSE_CONNECTION_STATE_RECONNECTING, 0);
  soup_session_send_async (_bourse_broker_client_get_stream_session (self->client), self->msg,
                           G_PRIORITY_DEFAULT, self->cancellable, sent_cb, attempt_new (self));
}

/* ---- GObject ---- */

static void
bourse_stream_constructed (GObject *object)
{
  BourseStream *self = BOURSE_STREAM (object);

  G_OBJECT_CLASS (bourse_stream_parent_class)->constructed (object);
  self->splitter = _bourse_line_splitter_new (self->max_line_length);
}

static void
bourse_stream_dispose (GObject *object)
{
  BourseStream *self = BOURSE_STREAM (object);

  self->running = FALSE;
  drop_connection (self);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (bourse_stream_parent_class)->dispose (object);
}

static void
bourse_stream_finalize (GObject *object)
{
  BourseStream *self = BOURSE_STREAM (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->splitter, _bourse_line_splitter_free);
  g_clear_object (&self->parser);
  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (bourse_stream_parent_class)->finalize (object);
}

static void
bourse_stream_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BourseStream *self = BOURSE_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LINE_SCHEMA:
      g_value_set_uint (value, self->line_schema);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NEXT_ATTEMPT_TIME:
      g_value_set_int64 (value, self->next_attempt_time);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_stream_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BourseStream *self = BOURSE_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_LINE_SCHEMA:
      self->line_schema = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_stream_class_init (BourseStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bourse_stream_constructed;
  object_class->dispose = bourse_stream_dispose;
  object_class->finalize = bourse_stream_finalize;
  object_class->get_property = bourse_stream_get_property;
  object_class->set_property = bourse_stream_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BOURSE_TYPE_BROKER_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A BourseSchema value: what each line must be. */
  properties[PROP_LINE_SCHEMA] =
    g_param_spec_uint ("line-schema", NULL, NULL, 0, BOURSE_SCHEMA_N_KINDS - 1, BOURSE_SCHEMA_STREAM_PRICES,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, BOURSE_TYPE_CONNECTION_STATE, BOURSE_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_ATTEMPT_TIME] =
    g_param_spec_int64 ("next-attempt-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseStream::connected:
   *
   * A (re)connection was answered with 200: entity streams send a fresh
   * snapshot next; price-stream users should re-fetch quotes over REST.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BourseStream::message:
   * @node: the validated line (borrowed: valid during the emission only)
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * BourseStream::malformed-line:
   * @line: (nullable): the line (cut at 4 KiB), NULL when oversize or not UTF-8
   * @error: why it was skipped (BOURSE_BROKER_ERROR_PROTOCOL)
   */
  signals[MALFORMED_LINE] =
    g_signal_new ("malformed-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
bourse_stream_init (BourseStream *self)
{
  self->parser = json_parser_new_immutable ();
  self->silence_timeout_ms = DEFAULT_SILENCE_TIMEOUT_MS;
  self->backoff_initial_ms = DEFAULT_BACKOFF_INITIAL_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->max_line_length = DEFAULT_MAX_LINE_LENGTH;
}

/* ---- public API ---- */

BourseStream *
bourse_stream_new (BourseBrokerClient *client,
                   const char         *path_and_query,
                   BourseSchema        line_schema)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (client), NULL);
  g_return_val_if_fail (path_and_query != NULL, NULL);

  return g_object_new (BOURSE_TYPE_STREAM, "client", client, "path", path_and_query,
                       "line-schema", (guint) line_schema, NULL);
}

void
bourse_stream_start (BourseStream *self)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->attempt = 0;
  connect_now (self);
}

void
bourse_stream_stop (BourseStream *self)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));

  self->running = FALSE;
  drop_connection (self);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  set_state (self, BOURSE_CONNECTION_STATE_DISCONNECTED, 0);
}

void
bourse_stream_reconnect_now (BourseStream *self)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));

  if (!self->running)
    return;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->attempt = 0;
  connect_now (self);
}

const char *
bourse_stream_get_path (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), NULL);
  return self->path;
}

BourseConnectionState
bourse_stream_get_state (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), BOURSE_CONNECTION_STATE_DISCONNECTED);
  return self->state;
}

gint64
bourse_stream_get_next_attempt_time (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), 0);
  return self->next_attempt_time;
}

const GError *
bourse_stream_get_last_error (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), NULL);
  return self->last_error;
}

guint64
bourse_stream_get_messages_received (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), 0);
  return self->messages_received;
}

guint
bourse_stream_get_connect_count (BourseStream *self)
{
  g_return_val_if_fail (BOURSE_IS_STREAM (self), 0);
  return self->connect_count;
}

void
bourse_stream_set_silence_timeout (BourseStream *self,
                                   guint         ms)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));
  self->silence_timeout_ms = MAX (ms, 50);
}

void
bourse_stream_set_backoff (BourseStream *self,
                           guint         initial_ms,
                           guint         max_ms)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));
  self->backoff_initial_ms = MAX (initial_ms, 1);
  self->backoff_max_ms = MAX (max_ms, self->backoff_initial_ms);
}

void
bourse_stream_set_max_line_length (BourseStream *self,
                                   gsize         max_line_length)
{
  g_return_if_fail (BOURSE_IS_STREAM (self));
  self->max_line_length = max_line_length;
  _bourse_line_splitter_free (self->splitter);
  self->splitter = _bourse_line_splitter_new (max_line_length);
}
