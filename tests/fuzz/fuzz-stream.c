/* fuzz-stream.c — libFuzzer harness: stream bytes → lines → JSON → schema → message signal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the stream (prices, orders, positions, executions, state)
 * and the chunk size; the rest goes through bourse_stream_feed(), the path every
 * byte of a live stream takes. Each "message" must conform to the stream's schema;
 * each "malformed-line" must carry a BOURSE_BROKER_ERROR_PROTOCOL error.
 */
#include "config.h"

#include "bourse-broker-error.h"
#include "bourse-stream.h"
#include "bourse-stream.h"
#include "fuzz-common.h"

static BourseBrokerClient *client;

static void
message_cb (BourseStream *stream,
            JsonNode     *node,
            gpointer      user_data)
{
  BourseSchema schema = GPOINTER_TO_INT (user_data);

  g_assert (bourse_schema_conforms (schema, node, BOURSE_SCHEMA_FLAGS_NONE));
}

static void
malformed_cb (BourseStream *stream,
              const char   *line,
              const GError *error,
              gpointer      user_data)
{
  g_assert (g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL));
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  client = bourse_broker_client_new ("http://127.0.0.1:9/");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const BourseSchema schemas[] = {
    BOURSE_SCHEMA_STREAM_PRICES, BOURSE_SCHEMA_STREAM_ORDERS, BOURSE_SCHEMA_STREAM_POSITIONS,
    BOURSE_SCHEMA_STREAM_EXECUTIONS, BOURSE_SCHEMA_STREAM_STATE,
  };
  g_autoptr(BourseStream) stream = NULL;
  BourseSchema schema;
  gsize chunk;

  if (size < 1)
    return 0;
  schema = schemas[data[0] % G_N_ELEMENTS (schemas)];
  chunk = 1 + (data[0] / G_N_ELEMENTS (schemas)) * 7;
  data++;
  size--;

  stream = bourse_stream_new (client, "/streaming", schema);
  g_signal_connect (stream, "message", G_CALLBACK (message_cb), GINT_TO_POINTER (schema));
  g_signal_connect (stream, "malformed-line", G_CALLBACK (malformed_cb), NULL);
  for (gsize off = 0; off < size; off += chunk)
    bourse_stream_feed (stream, (const char *) data + off, MIN (chunk, size - off));
  return 0;
}
