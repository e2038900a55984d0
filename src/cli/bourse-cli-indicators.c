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

#define BENCH_LIVE_BARS   10000
#define BENCH_REVISIONS   4

static BourseBars *
bench_bars (gsize n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  BourseBars *bars = bourse_bars_new (n);
  double price = 100;

  for (gsize i = 0; i < n; i++)
    {
      double open = price, close = open * (1 + g_rand_double_range (rand, -0.004, 0.004));

      bourse_bars_append (bars, 1700000000 + (gint64) i * 60, open,
                          MAX (open, close) * (1 + g_rand_double_range (rand, 0, 0.002)),
                          MIN (open, close) * (1 - g_rand_double_range (rand, 0, 0.002)),
                          close, g_rand_double_range (rand, 1, 1000));
      price = close;
    }
  return bars;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* One JSON line: full computation time per study over @n bars, and the cost of a
 * live update (append or revise the last bar, then bourse_indicator_update()) over
 * the last BENCH_LIVE_BARS bars, each revised BENCH_REVISIONS times. The update cost
 * staying flat as @n grows is the O(1) claim. */
static int
run_bench (guint64 n,
           GPtrArray *indicators)
{
  g_autoptr(BourseBars) bars = bench_bars (n);
  g_autoptr(GString) batch = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GArray) update_ns = g_array_new (FALSE, FALSE, sizeof (double));
  gsize live_from = n > BENCH_LIVE_BARS ? n - BENCH_LIVE_BARS : 0;
  double batch_total = 0;
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  for (guint k = 0; k < indicators->len; k++)
    {
      BourseIndicator *ind = g_ptr_array_index (indicators, k);
      g_autoptr(BourseBars) live = bourse_bars_new (n);
      gint64 start, elapsed;
      guint64 updates = 0;
      double ns;

      start = g_get_monotonic_time ();
      bourse_indicator_update (ind, bars);
      elapsed = g_get_monotonic_time () - start;
      batch_total += elapsed / 1000.0;
      g_string_append_printf (batch, "%s\"%s\":%s", k ? "," : "", bourse_indicator_get_spec (ind),
                              bourse_format_number (buf, elapsed / 1000.0, 3));

      for (gsize i = 0; i < live_from; i++)
        bourse_bars_append (live, bars->time[i], bars->open[i], bars->high[i], bars->low[i],
                            bars->close[i], bars->volume[i]);
      bourse_indicator_update (ind, live);
      start = g_get_monotonic_time ();
      for (gsize i = live_from; i < n; i++)
        {
          bourse_bars_append (live, bars->time[i], bars->open[i], bars->open[i], bars->open[i],
                              bars->open[i], 0);
          bourse_indicator_update (ind, live);
          updates++;
          for (guint r = 1; r <= BENCH_REVISIONS; r++)
            {
              double f = (double) r / BENCH_REVISIONS;
              bourse_bars_update_last (live, bars->open[i], bars->high[i], bars->low[i],
                                       bars->open[i] + (bars->close[i] - bars->open[i]) * f,
                                       bars->volume[i] * f);
              bourse_indicator_update (ind, live);
              updates++;
            }
        }
      elapsed = g_get_monotonic_time () - start;
      ns = updates ? elapsed * 1000.0 / updates : 0;
      g_array_append_val (update_ns, ns);
      g_string_append_printf (update, "%s\"%s\":%s", k ? "," : "", bourse_indicator_get_spec (ind),
                              bourse_format_number (buf, ns, 1));
    }

  g_array_sort (update_ns, compare_doubles);
  printf ("{\"bench\":\"indicators\",\"bars\":%" G_GUINT64_FORMAT ",\"studies\":%u,", n, indicators->len);
  printf ("\"batch_ms_total\":%s,", bourse_format_number (buf, batch_total, 3));
  printf ("\"update_ns_median\":%s,",
          bourse_format_number (buf, update_ns->len ? g_array_index (update_ns, double, update_ns->len / 2) : 0, 1));
  printf ("\"update_ns_max\":%s,",
          bourse_format_number (buf, update_ns->len ? g_array_index (update_ns, double, update_ns->len - 1) : 0, 1));
  printf ("\"batch_ms\":{%s},\"update_ns\":{%s}}\n", batch->str, update->str);
  return 0;
}

int
bourse_cli_indicators (int    argc,
                       char **argv)
{
  g_autofree char *bars_path = NULL;
  g_autofree char *out_path = NULL;
  g_auto(GStrv) studies = NULL;
  gboolean list = FALSE;
  gint64 bench = 0;
  GOptionEntry entries[] = {
    { "bars", 'b', 0, G_OPTION_ARG_FILENAME, &bars_path, "CSV bar file (bench format)", "FILE" },
    { "study", 's', 0, G_OPTION_ARG_STRING_ARRAY, &studies, "Study to compute, e.g. rsi:14 (repeatable)", "SPEC" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write the CSV here instead of stdout", "FILE" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the known studies", NULL },
    { "bench", 0, 0, G_OPTION_ARG_INT64, &bench, "Benchmark the studies (all when none given) on N generated bars; prints one JSON line", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— compute indicators over bars");
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Writes CSV: time, open, high, low, close, volume, then one column per study output\n"
    "named after the spec with ':' and ',' turned into '_' (rsi_14, macd_12_26_9.signal,\n"
    "bb_20_2.upper); study cells are empty before a value exists. The app's Export Chart\n"
    "Data writes the same file. Run with --list for the studies and their defaults.");
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
  if (bench != 0)
    {
      if (bench < 100 || bench > 100000000 || argc > 1)
        {
          fprintf (stderr, "bourse-cli indicators: --bench takes a bar count between 100 and 100000000\n");
          return 2;
        }
      if (studies == NULL)
        for (const BourseIndicatorInfo *info = bourse_indicator_list_studies (); info->name; info++)
          g_ptr_array_add (indicators, bourse_indicator_new_from_spec (info->name, NULL));
      else
        for (guint i = 0; studies[i] != NULL; i++)
          {
            BourseIndicator *ind = bourse_indicator_new_from_spec (studies[i], &error);

            if (ind == NULL)
              {
                fprintf (stderr, "bourse-cli indicators: %s\n", error->message);
                return 2;
              }
            g_ptr_array_add (indicators, ind);
          }
      return run_bench ((guint64) bench, indicators);
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
