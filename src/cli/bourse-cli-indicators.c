/* bourse-cli-indicators.c — `bourse-cli indicators`: studies over a CSV bar file to CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <gio/gio.h>

#include "bourse-cli-commands.h"
#include "bourse-indicator.h"

static void
print_studies (FILE *out)
{
  const BourseIndicatorInfo *info = bourse_indicator_list_studies ();

  fprintf (out, "Studies (NAME[:params], defaults in brackets):\n");
  for (gsize i = 0; info[i].name != NULL; i++)
    fprintf (out, "  %-10s %-42s [%s]\n", info[i].name, info[i].title, info[i].defaults);
}

int
bourse_cli_indicators (int    argc,
                       char **argv)
{
  g_autofree char *bars_path = NULL;
  g_autofree char *out_path = NULL;
  g_auto(GStrv) studies = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "bars", 'b', 0, G_OPTION_ARG_FILENAME, &bars_path, "CSV bar file (bench format)", "FILE" },
    { "study", 's', 0, G_OPTION_ARG_STRING_ARRAY, &studies, "Study to compute, e.g. rsi:14 (repeatable)", "SPEC" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write the CSV here instead of stdout", "FILE" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the known studies", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— compute indicators over bars");
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Writes CSV: time, then one column per study output named after the spec with ':'\n"
    "and ',' turned into '_' (rsi_14, macd_12_26_9.signal, bb_20_2.upper); cells are\n"
    "empty before a value exists. Run with --list for the studies and their defaults.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
      return 2;
    }
  if (list)
    {
      print_studies (stdout);
      return 0;
    }
  if (bars_path == NULL || studies == NULL || argc > 1)
    {
      fprintf (stderr, "bourse-cli indicators: --bars FILE and at least one --study SPEC are required\n");
      return 2;
    }

  for (guint i = 0; studies[i] != NULL; i++)
    {
      BourseIndicator *ind = bourse_indicator_new_from_spec (studies[i], &error);

      if (ind == NULL)
        {
          fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
          print_studies (stderr);
          return 2;
        }
      g_ptr_array_add (indicators, ind);
    }

  bars = bourse_bars_load_csv (bars_path, &error);
  if (bars == NULL)
    {
      fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
      return 1;
    }

  if (out_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (out_path);

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        {
          fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      /* Appending to /dev/stdout works for pipes, files and terminals alike. */
      g_autoptr(GFile) file = g_file_new_for_path ("/dev/stdout");

      out = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        {
          fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
          return 1;
        }
    }

  if (!bourse_indicator_write_csv (indicators, bars, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    {
      fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
      return 1;
    }
  return 0;
}
