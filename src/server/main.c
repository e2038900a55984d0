/* main.c — bourse-demo-broker: the demo paper-trading broker on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bourse-demo-broker.h"

typedef struct
{
  GMainLoop        *loop;
  BourseDemoBroker *broker;
  int               signal_number;
} RunState;

static gboolean
parse_listen (const char  *listen,
              char       **address,
              guint       *port,
              GError     **error)
{
  const char *colon;
  guint64 value;

  if (listen == NULL)
    {
      *address = g_strdup ("127.0.0.1");
      *port = 0;
      return TRUE;
    }

  colon = strrchr (listen, ':');
  if (colon == NULL || colon == listen ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants ADDRESS:PORT (e.g. 127.0.0.1:0), not '%s'", listen);
      return FALSE;
    }

  *address = g_strndup (listen, (gsize) (colon - listen));
  /* [::1]:8080 */
  if (**address == '[' && (*address)[strlen (*address) - 1] == ']')
    {
      char *bare = g_strndup (*address + 1, strlen (*address) - 2);

      g_free (*address);
      *address = bare;
    }
  *port = (guint) value;
  return TRUE;
}

static gboolean
quit_signal_cb (gpointer user_data)
{
  RunState *state = user_data;

  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseDemoBroker) broker = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *address = NULL;
  g_autofree char *faults[6] = { NULL };
  static const char * const fault_names[6] = {
    "drop-stream-every", "latency-ms", "http500-fraction",
    "malformed-fraction", "split-fraction", "token-ttl",
  };
  gboolean recover = FALSE;
  gint64 seed = 1;
  guint port = 0;
  RunState state = { 0 };
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Address and port to listen on (default 127.0.0.1:0, 0 = a free port)", "ADDRESS:PORT" },
    { "state", 's', 0, G_OPTION_ARG_FILENAME, &state_file,
      "Keep accounts, orders, positions and executions in FILE across restarts", "FILE" },
    { "recover", 0, 0, G_OPTION_ARG_NONE, &recover,
      "Start on a damaged --state file: keep its good records, move it aside", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the market simulator (default 1)", "N" },
    { "drop-stream-every", 0, 0, G_OPTION_ARG_STRING, &faults[0], "Fault: end every stream each S seconds", "S" },
    { "latency-ms", 0, 0, G_OPTION_ARG_STRING, &faults[1], "Fault: delay each REST answer by N ms", "N" },
    { "http500-fraction", 0, 0, G_OPTION_ARG_STRING, &faults[2], "Fault: answer a fraction F of requests with HTTP 500", "F" },
    { "malformed-fraction", 0, 0, G_OPTION_ARG_STRING, &faults[3], "Fault: truncate a fraction F of stream lines", "F" },
    { "split-fraction", 0, 0, G_OPTION_ARG_STRING, &faults[4], "Fault: split a fraction F of stream lines across chunks", "F" },
    { "token-ttl", 0, 0, G_OPTION_ARG_STRING, &faults[5], "Fault: access tokens expire after S seconds", "S" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— the Bourse demo paper-trading broker");
  g_option_context_set_summary (context,
    "Serves the TradingView broker REST API on loopback with simulated markets.\n"
    "The first line on standard output is the base URL. Users: demo/demo, trader/trader.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_listen (listen, &address, &port, &error))
    {
      g_printerr ("bourse-demo-broker: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc > 1)
    {
      g_printerr ("bourse-demo-broker: unexpected argument '%s' (see --help)\n", argv[1]);
      return EXIT_FAILURE;
    }
  if (seed < 0)
    {
      g_printerr ("bourse-demo-broker: --seed must not be negative\n");
      return EXIT_FAILURE;
    }

  broker = bourse_demo_broker_new ((guint64) seed, state_file);
  bourse_demo_broker_set_recover (broker, recover);
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    {
      if (faults[i] != NULL && !bourse_demo_broker_set_fault (broker, fault_names[i], faults[i], &error))
        {
          g_printerr ("bourse-demo-broker: --%s: %s\n", fault_names[i], error->message);
          return EXIT_FAILURE;
        }
    }

  if (!bourse_demo_broker_start (broker, address, port, &error))
    {
      g_printerr ("bourse-demo-broker: %s\n", error->message);
      return EXIT_FAILURE;
    }

  printf ("%s\n", bourse_demo_broker_get_uri (broker));
  fflush (stdout);
  if (!bourse_demo_broker_address_is_loopback (address))
    g_printerr ("bourse-demo-broker: warning: listening on %s without TLS: anyone who can reach it sees "
                "logins and tokens in clear text; use it on a trusted network only\n", address);

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.broker = broker;
  g_unix_signal_add (SIGINT, quit_signal_cb, &state);
  g_unix_signal_add (SIGTERM, quit_signal_cb, &state);
  g_main_loop_run (loop);

  /* stop() closes streams and writes the state file */
  bourse_demo_broker_stop (broker);
  return EXIT_SUCCESS;
}
