/* bourse-demo-broker-streams.c — the demo broker's price and entity streams
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `/streaming` pushes quotes, trades, daily bars and (on request) depth at a
 * chosen rate; `/accounts/{id}/stream/{kind}` sends a snapshot, then every
 * changed entity, and pings while idle. Streams keep SoupServer's
 * accumulation off (it is quadratic otherwise) and stop generating while
 * more than STREAM_MAX_PENDING bytes wait to be written, so a slow client
 * costs bounded memory. Fault injection (malformed and split lines, dropped
 * streams) happens here too.
 */
#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-json.h"

#include <math.h>
#include <string.h>

typedef enum
{
  STREAM_PRICES,
  STREAM_ORDERS,
  STREAM_POSITIONS,
  STREAM_EXECUTIONS,
  STREAM_STATE,
} StreamKind;

static const char * const stream_kind_names[] = { "prices", "orders", "positions", "executions", "state" };

typedef struct
{
  BourseDemoBroker  *broker;    /* borrowed: the broker outlives its streams */
  SoupServerMessage *msg;       /* owned */
  StreamKind         kind;
  char              *account_id;
  guint             *symbols;
  guint              n_symbols;
  double             rate;      /* messages per second (prices) */
  gboolean           depth;
  double             credit;    /* messages owed to the rate */
  guint              cursor;
  gint64            *last_daily_us;
  gint64            *last_depth_us;
  gint64             last_write_us;
  gint64             last_state_us;
  gint64             last_drain_us;
  guint64            appended;
  guint64            written;
  char              *last_state;
  GHashTable        *last_positions;  /* position id → JSON last sent */
  char              *token;     /* the bearer token it was opened with */
  gulong             handler_ids[3];
  gboolean           closed;
} Stream;

static void stream_close (Stream *stream, gboolean end_body);

static void
stream_free (Stream *stream)
{
  g_free (stream->account_id);
  g_free (stream->token);
  g_free (stream->symbols);
  g_free (stream->last_daily_us);
  g_free (stream->last_depth_us);
  g_free (stream->last_state);
  g_clear_pointer (&stream->last_positions, g_hash_table_unref);
  g_clear_object (&stream->msg);
  g_free (stream);
}

static void
stream_write (Stream     *stream,
              const char *data,
              gsize       length)
{
  SoupMessageBody *body;

  if (stream->closed || length == 0)
    return;

  body = soup_server_message_get_response_body (stream->msg);
  soup_message_body_append (body, SOUP_MEMORY_COPY, data, length);
  stream->appended += length;
  stream->last_write_us = g_get_monotonic_time ();
  soup_server_message_unpause (stream->msg);
}

/* Writes complete lines, honouring the malformed/split faults. */
static void
stream_write_lines (Stream  *stream,
                    GString *lines)
{
  BourseDemoBroker *self = stream->broker;

  if (self->faults[FAULT_MALFORMED_FRACTION] <= 0 && self->faults[FAULT_SPLIT_FRACTION] <= 0)
    {
      stream_write (stream, lines->str, lines->len);
      return;
    }

  {
    g_autoptr(GString) out = g_string_sized_new (lines->len);
    const char *line = lines->str;

    while (*line != '\0')
      {
        const char *end = strchr (line, '\n');
        gsize length = end ? (gsize) (end - line) + 1 : strlen (line);

        if (self->faults[FAULT_MALFORMED_FRACTION] > 0 && length > 4 &&
            g_rand_double (self->fault_rand) < self->faults[FAULT_MALFORMED_FRACTION])
          {
            /* a truncated JSON object, still newline-terminated */
            g_string_append_len (out, line, (gssize) length / 2);
            g_string_append_c (out, '\n');
          }
        else if (self->faults[FAULT_SPLIT_FRACTION] > 0 && length > 2 &&
                 g_rand_double (self->fault_rand) < self->faults[FAULT_SPLIT_FRACTION])
          {
            gsize cut = 1 + g_rand_int_range (self->fault_rand, 0, (gint32) length - 1);

            /* the first part ends a chunk, the rest starts the next one */
            g_string_append_len (out, line, (gssize) cut);
            stream_write (stream, out->str, out->len);
            g_string_truncate (out, 0);
            g_string_append_len (out, line + cut, (gssize) (length - cut));
            g_atomic_int_inc (&self->lines_split);
          }
        else
          g_string_append_len (out, line, (gssize) length);

        line += length;
      }

    stream_write (stream, out->str, out->len);
  }
}

static void
stream_write_node (Stream   *stream,
                   JsonNode *node)
{
  g_autofree char *text = bourse_server_json_to_string (node);
  g_autoptr(GString) line = g_string_new (text);

  g_string_append_c (line, '\n');
  stream_write_lines (stream, line);
}

/* A copy to iterate over: writing may close (not free) streams. */
static GPtrArray *
snapshot_streams (BourseDemoBroker *self)
{
  GPtrArray *copy = g_ptr_array_sized_new (self->streams->len);

  /* not g_ptr_array_copy(): it would copy the free function too */
  g_ptr_array_extend (copy, self->streams, NULL, NULL);
  return copy;
}

static gboolean
stream_free_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    Stream            *stream)
{
  stream_close (stream, FALSE);
}

static void
stream_wrote_body_data_cb (SoupServerMessage *msg,
                           guint              chunk_size,
                           Stream            *stream)
{
  stream->written += chunk_size;
}

static void
stream_close (Stream   *stream,
              gboolean  end_body)
{
  BourseDemoBroker *self = stream->broker;

  if (stream->closed)
    return;
  stream->closed = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (stream->handler_ids); i++)
    g_clear_signal_handler (&stream->handler_ids[i], stream->msg);

  if (end_body)
    {
      /* ends the chunked body: the client sees the stream end and reconnects */
      soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
      soup_server_message_unpause (stream->msg);
    }

  /* freed from an idle: callers up the stack may still look at `closed` */
  if (g_ptr_array_remove_fast (self->streams, stream))
    {
      g_atomic_int_set (&self->stream_count, (gint) self->streams->len);
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, stream_free_cb, stream, (GDestroyNotify) stream_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* Appends the next message(s) for one symbol; returns how many. */
static guint
append_price_messages (BourseDemoBroker *self,
                       Stream           *stream,
                       guint             slot,
                       gint64            now_us,
                       gboolean          trade,
                       GString          *out)
{
  guint index = stream->symbols[slot];
  const BourseInstrumentSpec *spec = &bourse_instrument_spec_get_all (NULL)[index];
  BourseQuoteSnapshot quote;
  gboolean daily = now_us - stream->last_daily_us[slot] >= G_USEC_PER_SEC;
  guint count = 1;

  bourse_price_simulator_quote_at (self->simulator, index, now_us, daily, &quote);

  if (trade)
    {
      g_string_append_printf (out, "{\"f\":\"t\",\"id\":\"%s\",\"p\":", spec->name);
      _bourse_demo_broker_format_price (out, spec, quote.last);
      g_string_append (out, ",\"s\":");
      _bourse_demo_broker_format_number (out, quote.trade_size);
      g_string_append_printf (out, ",\"t\":%" G_GINT64_FORMAT "}\n", quote.time);
    }
  else
    {
      g_string_append_printf (out, "{\"f\":\"q\",\"id\":\"%s\",\"t\":%" G_GINT64_FORMAT ",\"ap\":",
                              spec->name, quote.time);
      _bourse_demo_broker_format_price (out, spec, quote.ask);
      g_string_append (out, ",\"as\":");
      _bourse_demo_broker_format_number (out, quote.ask_size);
      g_string_append (out, ",\"bp\":");
      _bourse_demo_broker_format_price (out, spec, quote.bid);
      g_string_append (out, ",\"bs\":");
      _bourse_demo_broker_format_number (out, quote.bid_size);
      g_string_append (out, "}\n");
    }

  if (daily)
    {
      stream->last_daily_us[slot] = now_us;
      g_string_append_printf (out, "{\"f\":\"d\",\"id\":\"%s\",\"o\":", spec->name);
      _bourse_demo_broker_format_price (out, spec, quote.open);
      g_string_append (out, ",\"h\":");
      _bourse_demo_broker_format_price (out, spec, quote.high);
      g_string_append (out, ",\"l\":");
      _bourse_demo_broker_format_price (out, spec, quote.low);
      g_string_append (out, ",\"c\":");
      _bourse_demo_broker_format_price (out, spec, quote.last);
      g_string_append (out, ",\"v\":");
      _bourse_demo_broker_format_number (out, round (quote.volume * 1e8) / 1e8);
      g_string_append_printf (out, ",\"t\":%" G_GINT64_FORMAT "}\n", quote.day);
      count++;
    }

  if (stream->depth && now_us - stream->last_depth_us[slot] >= G_USEC_PER_SEC / 4)
    {
      double bp[DEPTH_LEVELS], bs[DEPTH_LEVELS], ap[DEPTH_LEVELS], as[DEPTH_LEVELS];

      stream->last_depth_us[slot] = now_us;
      bourse_price_simulator_get_depth (self->simulator, index, now_us, DEPTH_LEVELS, bp, bs, ap, as);
      g_string_append_printf (out, "{\"f\":\"dp\",\"id\":\"%s\",\"t\":%" G_GINT64_FORMAT ",\"bids\":[",
                              spec->name, quote.time);
      for (guint i = 0; i < DEPTH_LEVELS; i++)
        {
          g_string_append (out, i ? ",[" : "[");
          _bourse_demo_broker_format_price (out, spec, bp[i]);
          g_string_append_c (out, ',');
          _bourse_demo_broker_format_number (out, bs[i]);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "],\"asks\":[");
      for (guint i = 0; i < DEPTH_LEVELS; i++)
        {
          g_string_append (out, i ? ",[" : "[");
          _bourse_demo_broker_format_price (out, spec, ap[i]);
          g_string_append_c (out, ',');
          _bourse_demo_broker_format_number (out, as[i]);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "]}\n");
      count++;
    }

  return count;
}

static void
pump_price_stream (BourseDemoBroker *self,
                   Stream           *stream,
                   gint64            now_us)
{
  g_autoptr(GString) out = NULL;
  double elapsed = (now_us - stream->last_drain_us) / (double) G_USEC_PER_SEC;
  guint budget;

  stream->last_drain_us = now_us;
  /* at most 100 ms of owed messages, and bounded batches, so bursts stay small */
  stream->credit = MIN (stream->credit + stream->rate * elapsed, stream->rate * 0.1 + 1);

  /* a client that does not keep up gets fewer, fresher messages, not a growing backlog */
  if (stream->appended - stream->written > STREAM_MAX_PENDING)
    {
      stream->credit = 0;
      return;
    }

  budget = (guint) MIN (stream->credit, STREAM_MAX_BATCH);
  if (budget == 0)
    {
      if (g_get_monotonic_time () - stream->last_write_us >= STREAM_IDLE_US)
        stream_write (stream, "\n", 1);
      return;
    }

  out = g_string_sized_new (budget * 96);
  for (guint sent = 0; sent < budget;)
    {
      guint slot = (stream->cursor / 2) % stream->n_symbols;
      gboolean trade = stream->cursor % 2 == 1;

      sent += append_price_messages (self, stream, slot, now_us, trade, out);
      stream->cursor++;
    }
  stream->credit -= budget;

  stream_write_lines (stream, out);
}

/* Remembers what a positions stream last sent of a position; FALSE if it was the same. */
static gboolean
remember_position (Stream   *stream,
                   JsonNode *position,
                   char     *text)   /* transfer full */
{
  const char *id = json_object_get_string_member (json_node_get_object (position), "id");
  double qty = json_object_get_double_member (json_node_get_object (position), "qty");

  if (g_strcmp0 (g_hash_table_lookup (stream->last_positions, id), text) == 0)
    {
      g_free (text);
      return FALSE;
    }
  if (qty == 0)
    {
      g_hash_table_remove (stream->last_positions, id);
      g_free (text);
    }
  else
    g_hash_table_insert (stream->last_positions, g_strdup (id), text);
  return TRUE;
}

static void
pump_entity_stream (BourseDemoBroker *self,
                    Stream           *stream,
                    gint64            now_us)
{
  if (stream->kind == STREAM_POSITIONS && now_us - stream->last_state_us >= STATE_STREAM_PERIOD_US)
    {
      g_autoptr(JsonNode) positions = bourse_matching_engine_dup_positions (self->engine, stream->account_id, NULL);
      JsonArray *array = json_node_get_array (positions);

      stream->last_state_us = now_us;
      /* unrealized P&L moves with prices: resend a position whenever it differs */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *position = json_array_get_element (array, i);

          if (remember_position (stream, position, bourse_server_json_to_string (position)))
            stream_write_node (stream, position);
        }
    }

  if (stream->kind == STREAM_STATE && now_us - stream->last_state_us >= STATE_STREAM_PERIOD_US)
    {
      g_autoptr(JsonNode) state = bourse_matching_engine_dup_state (self->engine, stream->account_id, NULL);
      g_autofree char *text = bourse_server_json_to_string (state);

      stream->last_state_us = now_us;
      /* P&L moves with prices: send the state whenever it differs from the last one sent */
      if (g_strcmp0 (text, stream->last_state) != 0)
        {
          g_autoptr(GString) line = g_string_new (text);

          g_free (stream->last_state);
          stream->last_state = g_steal_pointer (&text);
          g_string_append_c (line, '\n');
          stream_write_lines (stream, line);
          return;
        }
    }

  if (now_us - stream->last_write_us >= STREAM_IDLE_US)
    stream_write (stream, "{\"s\":\"ping\"}\n", 13);
}

/* A stream lives no longer than its token: once that expired or was revoked
 * an entity stream says why and ends (the price stream just ends), and the
 * client reconnects with a fresh one. */
static gboolean
stream_token_ended (BourseDemoBroker *self,
                    Stream           *stream)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (stream->token == NULL || _bourse_demo_broker_token_is_live (self, stream->token, &error))
    return FALSE;

  /* The spec's price stream has no error message: it just ends there. */
  if (stream->kind == STREAM_PRICES)
    {
      stream_close (stream, TRUE);
      return TRUE;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "errmsg");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = bourse_server_json_to_string (node);
  /* a whole line, never torn by the malformed/split faults */
  stream_write (stream, text, strlen (text));
  stream_write (stream, "\n", 1);
  stream_close (stream, TRUE);
  return TRUE;
}

static gboolean
stream_timer_cb (gpointer user_data)
{
  BourseDemoBroker *self = user_data;
  gint64 now_us = g_get_real_time ();
  gint64 mono = g_get_monotonic_time ();
  g_autoptr(GPtrArray) streams = snapshot_streams (self);

  for (guint i = 0; i < streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (streams, i);

      if (stream->closed || stream_token_ended (self, stream))
        continue;
      if (stream->kind == STREAM_PRICES)
        pump_price_stream (self, stream, now_us);
      else
        pump_entity_stream (self, stream, mono);
    }

  /* no wake-ups while nobody listens (the app embeds an idle broker) */
  if (self->streams->len == 0)
    {
      g_clear_pointer (&self->stream_timer, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
ensure_stream_timer (BourseDemoBroker *self)
{
  if (self->stream_timer != NULL)
    return;

  self->stream_timer = g_timeout_source_new (STREAM_INTERVAL_MS);
  g_source_set_callback (self->stream_timer, stream_timer_cb, self, NULL);
  g_source_set_name (self->stream_timer, "[bourse] streams");
  g_source_attach (self->stream_timer, self->context);
}

static gboolean
drop_timer_cb (gpointer user_data)
{
  BourseDemoBroker *self = user_data;

  g_debug ("Fault injection: dropping %u streams", self->streams->len);
  while (self->streams->len > 0)
    {
      Stream *stream = g_ptr_array_index (self->streams, 0);

      /* half a line first, so the client also sees a torn message */
      if (stream->kind == STREAM_PRICES)
        stream_write (stream, "{\"f\":\"q\",\"id\":", 14);
      stream_close (stream, TRUE);
    }

  return G_SOURCE_CONTINUE;
}

void
_bourse_demo_broker_reschedule_drop_timer (BourseDemoBroker *self)
{
  if (self->drop_timer != NULL)
    {
      g_source_destroy (self->drop_timer);
      g_clear_pointer (&self->drop_timer, g_source_unref);
    }

  if (self->faults[FAULT_DROP_STREAM_EVERY] > 0 && self->context != NULL)
    {
      self->drop_timer = g_timeout_source_new ((guint) (self->faults[FAULT_DROP_STREAM_EVERY] * 1000));
      g_source_set_callback (self->drop_timer, drop_timer_cb, self, NULL);
      g_source_set_name (self->drop_timer, "[bourse] drop streams");
      g_source_attach (self->drop_timer, self->context);
    }
}

guint
_bourse_demo_broker_get_lines_split (BourseDemoBroker *self)
{
  return (guint) g_atomic_int_get (&self->lines_split);
}

static char *
bearer_token (SoupServerMessage *msg)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  const char *secret;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  secret = authorization + 7;
  while (*secret == ' ')
    secret++;
  return g_strdup (secret);
}

static Stream *
stream_new (BourseDemoBroker  *self,
            SoupServerMessage *msg,
            StreamKind         kind)
{
  Stream *stream = g_new0 (Stream, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  stream->broker = self;
  stream->msg = g_object_ref (msg);
  stream->kind = kind;
  stream->last_write_us = g_get_monotonic_time ();
  stream->last_drain_us = g_get_real_time ();
  stream->token = bearer_token (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/x-ndjson", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* platform notes: an endless body that accumulates is quadratic */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream->handler_ids[0] = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  stream->handler_ids[1] = g_signal_connect (msg, "disconnected", G_CALLBACK (stream_finished_cb), stream);
  stream->handler_ids[2] = g_signal_connect (msg, "wrote-body-data", G_CALLBACK (stream_wrote_body_data_cb), stream);
  g_ptr_array_add (self->streams, stream);
  g_atomic_int_set (&self->stream_count, (gint) self->streams->len);
  ensure_stream_timer (self);

  return stream;
}

void
_bourse_demo_broker_entity_changed_cb (BourseMatchingEngine *engine,
                                       const char           *account_id,
                                       const char           *kind,
                                       JsonNode             *entity,
                                       BourseDemoBroker     *self)
{
  g_autoptr(GPtrArray) streams = snapshot_streams (self);

  self->state_dirty = TRUE;

  for (guint i = 0; i < streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (streams, i);

      if (stream->closed || stream->kind == STREAM_PRICES ||
          g_strcmp0 (stream->account_id, account_id) != 0 ||
          !g_str_equal (stream_kind_names[stream->kind], kind))
        continue;

      if (stream->kind == STREAM_STATE)
        {
          g_autofree char *text = bourse_server_json_to_string (entity);

          if (g_strcmp0 (text, stream->last_state) == 0)
            continue;
          g_free (stream->last_state);
          stream->last_state = g_strdup (text);
          stream->last_state_us = g_get_monotonic_time ();
        }
      else if (stream->kind == STREAM_POSITIONS)
        remember_position (stream, entity, bourse_server_json_to_string (entity));
      stream_write_node (stream, entity);
    }
}

void
_bourse_demo_broker_serve_prices (BourseDemoBroker  *self,
                                  SoupServerMessage *msg,
                                  GHashTable        *query)
{
  const char *symbols = query ? g_hash_table_lookup (query, "symbols") : NULL;
  const char *rate_text = query ? g_hash_table_lookup (query, "rate") : NULL;
  const char *depth = query ? g_hash_table_lookup (query, "depth") : NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  double rate = 0;
  Stream *stream;
  guint n_specs;

  bourse_instrument_spec_get_all (&n_specs);
  if (symbols != NULL && *symbols != '\0')
    {
      g_auto(GStrv) names = g_strsplit (symbols, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          guint index;

          if (bourse_instrument_spec_lookup (g_strstrip (names[i]), &index) == NULL)
            {
              g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", names[i]);

              _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
              return;
            }
          g_array_append_val (indices, index);
        }
    }
  else
    for (guint i = 0; i < n_specs; i++)
      g_array_append_val (indices, i);

  if (rate_text != NULL)
    {
      char *end = NULL;

      rate = g_ascii_strtod (rate_text, &end);
      if (end == rate_text || *end != '\0' || !(rate > 0) || rate > MAX_RATE)
        {
          _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Parameter 'rate' must be a number of messages per second, 1 to 1000000");
          return;
        }
    }
  else
    rate = DEFAULT_RATE_PER_SYMBOL * indices->len;

  stream = stream_new (self, msg, STREAM_PRICES);
  stream->rate = rate;
  stream->depth = g_strcmp0 (depth, "1") == 0 || g_strcmp0 (depth, "true") == 0;
  stream->n_symbols = indices->len;
  stream->symbols = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
  stream->last_daily_us = g_new0 (gint64, stream->n_symbols);
  stream->last_depth_us = g_new0 (gint64, stream->n_symbols);
  /* no snapshot on this stream: the first data comes with the next timer tick */
  soup_server_message_pause (msg);
}

void
_bourse_demo_broker_serve_entities (BourseDemoBroker  *self,
                                    SoupServerMessage *msg,
                                    const char        *account_id,
                                    const char        *kind_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  Stream *stream;
  int kind = -1;

  for (guint i = STREAM_ORDERS; i < G_N_ELEMENTS (stream_kind_names); i++)
    if (g_str_equal (stream_kind_names[i], kind_name))
      kind = (int) i;

  if (kind < 0)
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown stream: use orders, positions, executions or state");
      return;
    }

  switch (kind)
    {
    case STREAM_ORDERS:
      snapshot = bourse_matching_engine_dup_orders (self->engine, account_id, &error);
      break;
    case STREAM_POSITIONS:
      snapshot = bourse_matching_engine_dup_positions (self->engine, account_id, &error);
      break;
    case STREAM_EXECUTIONS:
      snapshot = bourse_matching_engine_dup_executions (self->engine, account_id, NULL, 0, &error);
      break;
    case STREAM_STATE:
    default:
      snapshot = bourse_matching_engine_dup_state (self->engine, account_id, &error);
      break;
    }

  if (snapshot == NULL)
    {
      _bourse_demo_broker_respond_gerror (msg, error);
      return;
    }

  stream = stream_new (self, msg, kind);
  stream->account_id = g_strdup (account_id);
  stream->last_state_us = g_get_monotonic_time ();
  if (kind == STREAM_STATE)
    stream->last_state = bourse_server_json_to_string (snapshot);
  else if (kind == STREAM_POSITIONS)
    {
      JsonArray *array = json_node_get_array (snapshot);

      stream->last_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        remember_position (stream, json_array_get_element (array, i),
                           bourse_server_json_to_string (json_array_get_element (array, i)));
    }
  stream_write_node (stream, snapshot);
}

void
_bourse_demo_broker_start_streams (BourseDemoBroker *self)
{
  /* the stream timer starts with the first stream */
  _bourse_demo_broker_reschedule_drop_timer (self);
}

/* Ends every stream (clients see the body end) and the timers that feed them. */
void
_bourse_demo_broker_stop_streams (BourseDemoBroker *self)
{
  while (self->streams->len > 0)
    stream_close (g_ptr_array_index (self->streams, 0), TRUE);

  if (self->stream_timer != NULL)
    {
      g_source_destroy (self->stream_timer);
      g_clear_pointer (&self->stream_timer, g_source_unref);
    }
  if (self->drop_timer != NULL)
    {
      g_source_destroy (self->drop_timer);
      g_clear_pointer (&self->drop_timer, g_source_unref);
    }
}
