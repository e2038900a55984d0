/* bourse-stream.h — BourseStream: one long-lived, line-framed JSON HTTP stream that reconnects by itself
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used for the price stream (GET /streaming) and the trading entity streams
 * (GET /accounts/{id}/stream/{orders|positions|executions|state}).
 *
 * After bourse_stream_start() it keeps a connection open until
 * bourse_stream_stop(): any end of the response (clean EOF, a dropped
 * connection, an HTTP error, or no byte at all for "silence-timeout" ms,
 * heartbeats included) leads to a reconnect after an exponential backoff with
 * jitter ("backoff-initial-ms" doubling up to "backoff-max-ms", each delay
 * drawn in [delay/2, delay]); the backoff starts over once a connection has
 * delivered a message. A 401 re-authorizes through the client first.
 * A 404/405 (the broker does not offer this stream) or a failed login ends in
 * BOURSE_CONNECTION_STATE_FAILED: the stream stops; the store then polls.
 *
 * Each '\n'-terminated line is parsed and validated against "line-schema";
 * valid ones come out as ::message, others as ::malformed-line (the stream
 * goes on). Blank lines and CRLF are handled; a line over "max-line-length"
 * is reported and skipped.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-broker-client.h"
#include "bourse-schema.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_STREAM (bourse_stream_get_type ())

G_DECLARE_FINAL_TYPE (BourseStream, bourse_stream, BOURSE, STREAM, GObject)

BourseStream          *bourse_stream_new                   (BourseBrokerClient *client,
                                                            const char         *path_and_query,
                                                            BourseSchema        line_schema);
void                   bourse_stream_start                 (BourseStream       *self);
void                   bourse_stream_stop                  (BourseStream       *self);
/* Drops the connection now and reconnects without waiting (e.g. network came back). */
void                   bourse_stream_reconnect_now         (BourseStream       *self);

const char            *bourse_stream_get_path              (BourseStream       *self);
BourseConnectionState  bourse_stream_get_state             (BourseStream       *self);
/* g_get_monotonic_time() of the next attempt while RECONNECTING, else 0 */
gint64                 bourse_stream_get_next_attempt_time (BourseStream       *self);
const GError          *bourse_stream_get_last_error        (BourseStream       *self);
guint64                bourse_stream_get_messages_received (BourseStream       *self);
guint                  bourse_stream_get_connect_count     (BourseStream       *self);

void                   bourse_stream_set_silence_timeout   (BourseStream       *self,
                                                            guint               ms);
void                   bourse_stream_set_backoff           (BourseStream       *self,
                                                            guint               initial_ms,
                                                            guint               max_ms);
void                   bourse_stream_set_max_line_length   (BourseStream       *self,
                                                            gsize               max_line_length);

/* Runs @length bytes of @data through the same line splitter, parser, validator
 * and signals as bytes read from the network, without a connection: for
 * benchmarks (bourse-cli bench broker ingest), replays and tests. @data may cut
 * lines anywhere; the rest of a cut line waits for the next call. */
void                   bourse_stream_feed                  (BourseStream       *self,
                                                            const char         *data,
                                                            gsize               length);

G_END_DECLS
