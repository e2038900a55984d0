/* test-stream.c — line framing and BourseStream against a tiny SoupServer: chunking, malformed lines, reconnects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "bourse-broker-client.h"
#include "bourse-line-splitter.h"
#include "bourse-stream.h"
#include "bourse-test-broker.h"

/* ---- the splitter alone ---- */

typedef struct
{
  GPtrArray *lines;
  guint      oversize;
} Collected;

static void
collect_cb (const char *line,
            gsize       length,
            gboolean    oversize,
            gpointer    user_data)
{
  Collected *c = user_data;

  if (oversize)
    c->oversize++;
  else
    g_ptr_array_add (c->lines, g_strndup (line, length));
}

/* Feeds @input cut at every possible pair of places and checks the same lines come out. */
static void
test_splitter_every_split (void)
{
  const char *input = "{\"a\":1}\n{\"b\":2}\r\n\n\r\n{\"c\":3}\n{\"partial\"";
  gsize len = strlen (input);

  for (gsize i = 0; i <= len; i++)
    for (gsize j = i; j <= len; j++)
      {
        g_autoptr(BourseLineSplitter) splitter = _bourse_line_splitter_new (1024);
        Collected c = { g_ptr_array_new_with_free_func (g_free), 0 };

        _bourse_line_splitter_feed (splitter, input, i, collect_cb, &c);
        _bourse_line_splitter_feed (splitter, input + i, j - i, collect_cb, &c);
        _bourse_line_splitter_feed (splitter, input + j, len - j, collect_cb, &c);

        /* CRLF stripped, blank lines skipped, the unterminated tail held back */
        g_assert_cmpuint (c.lines->len, ==, 3);
        g_assert_cmpstr (g_ptr_array_index (c.lines, 0), ==, "{\"a\":1}");
        g_assert_cmpstr (g_ptr_array_index (c.lines, 1), ==, "{\"b\":2}");
        g_assert_cmpstr (g_ptr_array_index (c.lines, 2), ==, "{\"c\":3}");
        g_assert_cmpuint (_bourse_line_splitter_get_pending (splitter), ==, strlen ("{\"partial\""));
        g_ptr_array_unref (c.lines);
      }
}

static void
test_splitter_oversize (void)
{
  g_autoptr(BourseLineSplitter) splitter = _bourse_line_splitter_new (64);
  Collected c = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autofree char *big = g_strnfill (200, 'x');

  _bourse_line_splitter_feed (splitter, "{\"ok\":1}\n", 9, collect_cb, &c);
  /* an oversize line arriving in pieces is reported once and skipped */
  _bourse_line_splitter_feed (splitter, big, 100, collect_cb, &c);
  _bourse_line_splitter_feed (splitter, big, 100, collect_cb, &c);
  _bourse_line_splitter_feed (splitter, "\n{\"ok\":2}\n", 10, collect_cb, &c);
  g_assert_cmpuint (c.oversize, ==, 1);
  g_assert_cmpuint (c.lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (c.lines, 1), ==, "{\"ok\":2}");

  /* reset drops a partial line (what a reconnect does) */
  _bourse_line_splitter_feed (splitter, "{\"torn\":", 8, collect_cb, &c);
  _bourse_line_splitter_reset (splitter);
  _bourse_line_splitter_feed (splitter, "{\"ok\":3}\n", 9, collect_cb, &c);
  g_assert_cmpuint (c.lines->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (c.lines, 2), ==, "{\"ok\":3}");
  g_ptr_array_unref (c.lines);
}

/* ---- a tiny streaming server ---- */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       framing_connections;
  guint       silent_connections;
  guint       flaky_connections;
  guint       authorize_calls;
  guint       auth_connections;
} Fixture;

typedef struct
{
  SoupServerMessage *msg;
  GPtrArray         *chunks;   /* what to write, one per tick */
  guint              next;
  gboolean           abrupt;   /* end by closing the socket mid-stream */
} Writer;

static void
start_chunked (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
}

static gboolean
writer_tick_cb (gpointer user_data)
{
  Writer *w = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (w->msg);

  if (w->next < w->chunks->len)
    {
      const char *chunk = g_ptr_array_index (w->chunks, w->next++);
      soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
      soup_server_message_unpause (w->msg);
      return G_SOURCE_CONTINUE;
    }
  if (w->abrupt)
    {
      /* close mid-stream, without the terminating chunk */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (w->msg);
      g_io_stream_close (stream, NULL, NULL);
    }
  else
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (w->msg);
    }
  return G_SOURCE_REMOVE;
}

static void
writer_free (Writer *w)
{
  g_object_unref (w->msg);
  g_ptr_array_unref (w->chunks);
  g_free (w);
}

static void
write_chunks (SoupServerMessage *msg,
              const char * const *chunks,
              gboolean           abrupt,
              gboolean           end)
{
  Writer *w = g_new0 (Writer, 1);

  w->msg = g_object_ref (msg);
  w->chunks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; chunks[i] != NULL; i++)
    g_ptr_array_add (w->chunks, g_strdup (chunks[i]));
  w->abrupt = abrupt;
  start_chunked (msg);
  soup_server_message_pause (msg);
  if (end)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 15, writer_tick_cb, w, (GDestroyNotify) writer_free);
  else
    {
      /* write everything, keep the response open */
      for (guint i = 0; i < w->chunks->len; i++)
        soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY,
                                  g_ptr_array_index (w->chunks, i), strlen (g_ptr_array_index (w->chunks, i)));
      soup_server_message_unpause (msg);
      writer_free (w);
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (path, "/framing"))
    {
      f->framing_connections++;
      if (f->framing_connections == 1)
        {
          g_autofree char *big = g_strdup_printf ("{\"f\":\"q\",\"pad\":\"%0500d\"}\n", 0);
          const char *chunks[] = {
            "{\"f\":\"q\",\"id\":\"A\",\"t\":1,\"ap\":1.5,\"bp\":1.4}\n{\"f\":\"q\"",            /* one and a half */
            ",\"id\":\"B\",\"t\":1,\"ap\":2,\"bp\":1.9}\r\n\n\n",                                 /* the rest, CRLF, blanks */
            "{\"f\":\"zz\",\"id\":\"C\"}\n",                                                     /* unknown type */
            "not json at all\n",                                                                 /* malformed */
            "{\"f\":\"q\",\"id\":\"D\",\"t\":1,\"ap\":3,\"bp\":\"x\"}\n",                        /* schema violation */
            big,                                                                                 /* oversize */
            "{\"f\":\"t\",\"id\":\"E\",\"p\":5,\"s\":1,\"t\":2}\n{\"f\":\"q\",\"id\":",         /* a torn last line */
            NULL
          };
          write_chunks (msg, chunks, FALSE, TRUE);  /* then a clean EOF: a drop */
        }
      else if (f->framing_connections == 2)
        {
          const char *chunks[] = { "{\"f\":\"q\",\"id\":\"F\",\"t\":3,\"ap\":1,\"bp\":1}\n", "{\"f\":\"q\",\"id\":\"G\"", NULL };
          write_chunks (msg, chunks, TRUE, TRUE);   /* then an abrupt close mid-line */
        }
      else
        {
          const char *chunks[] = { "{\"f\":\"q\",\"id\":\"Z\",\"t\":4,\"ap\":1,\"bp\":1}\n", NULL };
          write_chunks (msg, chunks, FALSE, FALSE); /* stays open */
        }
    }
  else if (g_str_equal (path, "/silent"))
    {
      const char *chunks[] = { NULL };
      f->silent_connections++;
      write_chunks (msg, chunks, FALSE, FALSE);
    }
  else if (g_str_equal (path, "/flaky"))
    {
      f->flaky_connections++;
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    }
  else if (g_str_equal (path, "/authorize"))
    {
      const char *body = "{\"s\":\"ok\",\"d\":{\"access_token\":\"good\"}}";
      f->authorize_calls++;
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/auth"))
    {
      const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
      f->auth_connections++;
      if (g_strcmp0 (auth, "Bearer good") != 0)
        soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      else
        {
          const char *chunks[] = { "{\"s\":\"ping\"}\n", NULL };
          write_chunks (msg, chunks, FALSE, FALSE);
        }
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
}

typedef struct
{
  GPtrArray *ids;        /* ids of the messages received */
  GPtrArray *malformed;  /* error messages */
  GArray    *states;     /* BourseConnectionState history */
} Seen;

static void
message_cb (BourseStream *stream,
            JsonNode     *node,
            Seen         *seen)
{
  JsonObject *o = json_node_get_object (node);
  g_ptr_array_add (seen->ids, g_strdup (json_object_has_member (o, "id") ? json_object_get_string_member (o, "id") : "?"));
}

static void
malformed_cb (BourseStream *stream,
              const char   *line,
              const GError *error,
              Seen         *seen)
{
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_ptr_array_add (seen->malformed, g_strdup (error->message));
}

static void
state_cb (BourseStream *stream,
          GParamSpec   *pspec,
          Seen         *seen)
{
  BourseConnectionState state = bourse_stream_get_state (stream);
  g_array_append_val (seen->states, state);
}

static void
seen_init (Seen         *seen,
           BourseStream *stream)
{
  seen->ids = g_ptr_array_new_with_free_func (g_free);
  seen->malformed = g_ptr_array_new_with_free_func (g_free);
  seen->states = g_array_new (FALSE, FALSE, sizeof (BourseConnectionState));
  g_signal_connect (stream, "message", G_CALLBACK (message_cb), seen);
  g_signal_connect (stream, "malformed-line", G_CALLBACK (malformed_cb), seen);
  g_signal_connect (stream, "notify::state", G_CALLBACK (state_cb), seen);
}

static void
seen_clear (Seen *seen)
{
  g_ptr_array_unref (seen->ids);
  g_ptr_array_unref (seen->malformed);
  g_array_unref (seen->states);
}

typedef struct
{
  guint connects;
  guint messages;
  guint malformed;
} Records;

static void
exchange_cb (BourseBrokerClient *client,
             BourseApiExchange  *exchange,
             Records            *records)
{
  switch (bourse_api_exchange_get_kind (exchange))
    {
    case BOURSE_API_EXCHANGE_STREAM_CONNECT:
      records->connects++;
      g_assert_cmpuint (bourse_api_exchange_get_status (exchange), ==, 200);
      break;
    case BOURSE_API_EXCHANGE_STREAM_MESSAGE:
      if (bourse_api_exchange_get_error (exchange) != NULL)
        records->malformed++;
      else
        records->messages += bourse_api_exchange_get_sample_count (exchange);
      break;
    case BOURSE_API_EXCHANGE_REST:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_z_cb (gpointer user_data)
{
  Seen *seen = user_data;
  return seen->ids->len > 0 && g_str_equal (g_ptr_array_index (seen->ids, seen->ids->len - 1), "Z");
}

static void
test_stream_framing_and_reconnect (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (f->url);
  g_autoptr(BourseStream) stream = bourse_stream_new (client, "/framing", BOURSE_SCHEMA_STREAM_PRICES);
  const char *expected[] = { "A", "B", "C", "E", "F", "Z" };
  Seen seen;
  Records records = { 0 };
  gboolean saw_reconnecting = FALSE;

  g_signal_connect (client, "exchange-finished", G_CALLBACK (exchange_cb), &records);
  bourse_stream_set_max_line_length (stream, 256);
  bourse_stream_set_backoff (stream, 20, 100);
  seen_init (&seen, stream);
  bourse_stream_start (stream);

  g_assert_true (bourse_test_wait_until (has_z_cb, &seen, 10000));

  /* every complete, valid line exactly once and in order; the torn tails of
   * both dropped connections never surface as messages */
  g_assert_cmpuint (seen.ids->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (seen.ids, i), ==, expected[i]);
  /* not JSON, a schema violation and an oversize line: reported, skipped */
  g_assert_cmpuint (seen.malformed->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (seen.malformed, 0), "not JSON"));
  g_assert_nonnull (strstr (g_ptr_array_index (seen.malformed, 1), "$.bp"));
  g_assert_nonnull (strstr (g_ptr_array_index (seen.malformed, 2), "exceeds the limit"));

  g_assert_cmpuint (f->framing_connections, ==, 3);
  g_assert_cmpuint (bourse_stream_get_connect_count (stream), ==, 3);
  g_assert_cmpint (bourse_stream_get_state (stream), ==, BOURSE_CONNECTION_STATE_LIVE);
  for (guint i = 0; i < seen.states->len; i++)
    saw_reconnecting |= g_array_index (seen.states, BourseConnectionState, i) == BOURSE_CONNECTION_STATE_RECONNECTING;
  g_assert_true (saw_reconnecting);
  g_assert_cmpint (g_array_index (seen.states, BourseConnectionState, 0), ==, BOURSE_CONNECTION_STATE_CONNECTING);

  /* the API inspector saw each connection and every skipped line; good lines
   * are sampled, so they may be fewer records than lines, never more */
  g_assert_cmpuint (records.connects, ==, 3);
  g_assert_cmpuint (records.malformed, ==, 3);
  g_assert_cmpuint (records.messages, >=, 1);
  g_assert_cmpuint (records.messages, <=, G_N_ELEMENTS (expected));

  bourse_stream_stop (stream);
  g_assert_cmpint (bourse_stream_get_state (stream), ==, BOURSE_CONNECTION_STATE_DISCONNECTED);
  g_signal_handlers_disconnect_by_data (client, &records);
  seen_clear (&seen);
}

static gboolean
silent_reconnected_cb (gpointer user_data)
{
  Fixture *f = user_data;
  return f->silent_connections >= 3;
}

/* A stream that stays open but sends nothing (not even a heartbeat) is as good as dead. */
static void
test_stream_silence_watchdog (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (f->url);
  g_autoptr(BourseStream) stream = bourse_stream_new (client, "/silent", BOURSE_SCHEMA_STREAM_PRICES);
  gint64 start = g_get_monotonic_time ();

  bourse_stream_set_silence_timeout (stream, 200);
  bourse_stream_set_backoff (stream, 10, 20);
  bourse_stream_start (stream);
  g_assert_true (bourse_test_wait_until (silent_reconnected_cb, f, 5000));
  /* two silences of 200 ms at least lie between the first and the third connection */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_error (bourse_stream_get_last_error (stream), BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TIMEOUT);
  bourse_stream_stop (stream);
}

static gboolean
state_is_failed_cb (gpointer user_data)
{
  return bourse_stream_get_state (user_data) == BOURSE_CONNECTION_STATE_FAILED;
}

static void
test_stream_not_offered (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (f->url);
  g_autoptr(BourseStream) stream = bourse_stream_new (client, "/no-such-stream", BOURSE_SCHEMA_STREAM_ORDERS);

  bourse_stream_start (stream);
  g_assert_true (bourse_test_wait_until (state_is_failed_cb, stream, 5000));
  g_assert_cmpuint (bourse_broker_error_get_http_status (bourse_stream_get_last_error (stream)), ==, 404);
}

/* The stream draws each delay between two moments the test sees: after it
 * reported the error (notify::last-error, t0) and before it announces the next
 * attempt (notify::next-attempt-time, t1). The delay it drew therefore lies in
 * [next - t1, next - t0] however late the test is scheduled. */
typedef struct
{
  BourseStream *stream;
  gint64        error_time;  /* t0 of the latest error */
  GArray       *at_least;    /* next - t1, ms */
  GArray       *at_most;     /* next - t0, ms */
} Backoff;

static void
backoff_error_cb (BourseStream *stream,
                  GParamSpec   *pspec,
                  Backoff      *b)
{
  b->error_time = g_get_monotonic_time ();
}

static void
backoff_state_cb (BourseStream *stream,
                  GParamSpec   *pspec,
                  Backoff      *b)
{
  gint64 next = bourse_stream_get_next_attempt_time (stream);

  if (bourse_stream_get_state (stream) == BOURSE_CONNECTION_STATE_RECONNECTING && next > 0)
    {
      double at_least = (next - g_get_monotonic_time ()) / 1000.0;
      double at_most = (next - b->error_time) / 1000.0;

      g_assert_cmpint (b->error_time, >, 0);
      g_array_append_val (b->at_least, at_least);
      g_array_append_val (b->at_most, at_most);
      b->error_time = 0;
    }
}

static gboolean
five_delays_cb (gpointer user_data)
{
  Backoff *b = user_data;
  return b->at_least->len >= 5;
}

static void
test_stream_backoff (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (f->url);
  g_autoptr(BourseStream) stream = bourse_stream_new (client, "/flaky", BOURSE_SCHEMA_STREAM_PRICES);
  Backoff b = { stream, 0, g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)) };

  bourse_stream_set_backoff (stream, 40, 200);
  g_signal_connect (stream, "notify::last-error", G_CALLBACK (backoff_error_cb), &b);
  g_signal_connect (stream, "notify::next-attempt-time", G_CALLBACK (backoff_state_cb), &b);
  bourse_stream_start (stream);
  g_assert_true (bourse_test_wait_until (five_delays_cb, &b, 10000));
  bourse_stream_stop (stream);

  /* 40, 80, 160, 200, 200 ms, each drawn in [cap/2, cap] ("equal jitter"); the delay
   * drawn is at least at_least and at most at_most, so these hold whatever the load */
  {
    const double caps[] = { 40, 80, 160, 200, 200 };
    for (guint i = 0; i < 5; i++)
      {
        g_test_message ("delay %u: in [%.1f, %.1f] ms, cap %.0f", i, g_array_index (b.at_least, double, i),
                        g_array_index (b.at_most, double, i), caps[i]);
        g_assert_cmpfloat (g_array_index (b.at_least, double, i), <=, caps[i]);
        g_assert_cmpfloat (g_array_index (b.at_most, double, i), >=, caps[i] / 2);
      }
  }
  g_assert_cmpuint (f->flaky_connections, >=, 5);
  g_assert_cmpuint (bourse_broker_error_get_http_status (bourse_stream_get_last_error (stream)), ==, 503);
  g_array_unref (b.at_least);
  g_array_unref (b.at_most);
}

static gboolean
auth_live_cb (gpointer user_data)
{
  return bourse_stream_get_state (user_data) == BOURSE_CONNECTION_STATE_LIVE;
}

/* A 401 on a stream logs in again through the client and reconnects at once. */
static void
test_stream_reauthorizes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new (f->url);
  g_autoptr(BourseStream) stream = bourse_stream_new (client, "/auth", BOURSE_SCHEMA_STREAM_ORDERS);

  bourse_broker_client_set_password_credentials (client, "u", "p");
  bourse_broker_client_set_access_token (client, "expired");
  bourse_stream_set_backoff (stream, 5000, 5000);  /* a backoff would show as a timeout below */
  bourse_stream_start (stream);
  g_assert_true (bourse_test_wait_until (auth_live_cb, stream, 3000));
  g_assert_cmpuint (f->authorize_calls, ==, 1);
  g_assert_cmpuint (f->auth_connections, ==, 2);
  bourse_stream_stop (stream);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Core/Stream/splitter-every-split", test_splitter_every_split);
  g_test_add_func ("/Bourse/Core/Stream/splitter-oversize", test_splitter_oversize);
  g_test_add ("/Bourse/Core/Stream/framing-and-reconnect", Fixture, NULL, fixture_setup,
              test_stream_framing_and_reconnect, fixture_teardown);
  g_test_add ("/Bourse/Core/Stream/silence-watchdog", Fixture, NULL, fixture_setup,
              test_stream_silence_watchdog, fixture_teardown);
  g_test_add ("/Bourse/Core/Stream/not-offered-fails", Fixture, NULL, fixture_setup,
              test_stream_not_offered, fixture_teardown);
  g_test_add ("/Bourse/Core/Stream/backoff-with-jitter", Fixture, NULL, fixture_setup,
              test_stream_backoff, fixture_teardown);
  g_test_add ("/Bourse/Core/Stream/reauthorize-after-401", Fixture, NULL, fixture_setup,
              test_stream_reauthorizes, fixture_teardown);

  return g_test_run ();
}
