/* main.c — bourse-cli: headless tools for traders and brokers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bourse-cli-commands.h"

/* Commands whose source file is built are listed by meson through
 * BOURSE_CLI_HAVE_* defines, so the table never names a missing one. */
static const BourseCliCommand commands[] = {
#ifdef BOURSE_CLI_HAVE_CHECK
  { "check", "Check a broker server against the REST API for Brokers", bourse_cli_check },
#endif
#ifdef BOURSE_CLI_HAVE_WATCH
  { "watch", "Run the session store headless and print its changes as JSON lines", bourse_cli_watch },
#endif
#ifdef BOURSE_CLI_HAVE_RENDER
  { "render", "Render a chart of a CSV bar file to PNG", bourse_cli_render },
#endif
#ifdef BOURSE_CLI_HAVE_BENCH
  { "bench", "Run a benchmark and print its JSON line", bourse_cli_bench },
#endif
#ifdef BOURSE_CLI_HAVE_INDICATORS
  { "indicators", "Compute indicators over a CSV bar file and write CSV", bourse_cli_indicators },
#endif
#ifdef BOURSE_CLI_HAVE_BRIDGE
  { "bridge", "Turn TradingView alert webhooks into orders at the broker", bourse_cli_bridge },
#endif
  { NULL, NULL, NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: bourse-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (gsize i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun “bourse-cli COMMAND --help” for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  /* Numbers on the wire and in CSV are always '.'-decimal: keep LC_NUMERIC "C". */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("bourse-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (gsize i = 0; commands[i].name != NULL; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "bourse-cli: unknown command “%s”\n\n", argv[1]);
  print_usage (stderr);
  return 2;
}
