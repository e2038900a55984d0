/* bench-stream.c — price stream throughput of the demo broker, as one JSON line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-stream [RATE [SECONDS [SYMBOLS]]]: starts the broker in a thread,
 * reads /streaming?rate=RATE over loopback for SECONDS, splits lines, parses
 * every line with json-glib (as the client does) and reports messages/s.
 */
#include <stdlib.h>
#include <string.h>

#include "bourse-demo-broker.h"
#include "broker-test-client.h"

int
main (int   argc,
      char *argv[])
{
  double rate = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 100000;
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 5;
  const char *symbols = argc > 3 ? argv[3] : NULL;
  g_autoptr(BourseDemoBroker) broker = bourse_demo_broker_new (1, NULL);
  g_autoptr(TestClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  guint64 lines = 0, bytes = 0, bad = 0;
  gint64 start, elapsed;
  guint status;

  if (!(rate > 0) || !(seconds > 0))
    {
      g_printerr ("usage: bench-stream [RATE [SECONDS [SYMBOLS]]]\n");
      return EXIT_FAILURE;
    }

  if (!bourse_demo_broker_start_in_thread (broker, NULL, 0, &error))
    {
      g_printerr ("bench-stream: %s\n", error->message);
      return EXIT_FAILURE;
    }

  client = test_client_new (bourse_demo_broker_get_uri (broker));
  test_client_login (client, "demo", "demo");
  path = g_strdup_printf ("/streaming?rate=%.0f%s%s", rate, symbols ? "&symbols=" : "", symbols ? symbols : "");
  body = test_client_open_stream (client, path, &status);
  if (status != 200)
    {
      g_printerr ("bench-stream: HTTP %u\n", status);
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  while ((elapsed = g_get_monotonic_time () - start) < seconds * G_USEC_PER_SEC)
    {
      guint8 chunk[65536];
      gssize n = g_input_stream_read (body, chunk, sizeof chunk, NULL, &error);
      guint8 *cursor, *newline;

      if (n <= 0)
        {
          g_printerr ("bench-stream: stream ended: %s\n", error ? error->message : "EOF");
          return EXIT_FAILURE;
        }
      bytes += (guint64) n;
      g_byte_array_append (pending, chunk, (guint) n);

      cursor = pending->data;
      while ((newline = memchr (cursor, '\n', pending->len - (gsize) (cursor - pending->data))) != NULL)
        {
          gssize length = newline - cursor;

          if (length > 0)
            {
              if (json_parser_load_from_data (parser, (const char *) cursor, length, NULL))
                lines++;
              else
                bad++;
            }
          cursor = newline + 1;
        }
      g_byte_array_remove_range (pending, 0, (guint) (cursor - pending->data));
    }

  g_input_stream_close (body, NULL, NULL);
  bourse_demo_broker_stop (broker);

  g_print ("{\"bench\":\"server-stream\",\"rate_requested\":%.0f,\"seconds\":%.2f,\"messages\":%" G_GUINT64_FORMAT
           ",\"msgs_per_s\":%.0f,\"mb_per_s\":%.2f,\"bad_lines\":%" G_GUINT64_FORMAT "}\n",
           rate, elapsed / 1e6, lines, lines / (elapsed / 1e6), bytes / (elapsed / 1e6) / 1e6, bad);
  return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
