/* bourse-cli-bench.c — `bourse-cli bench`: benchmarks that print one JSON line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `bench chart --bars FILE.csv` runs ../shared/bench/SCENARIO.md: load (parsed
 * bars → first complete frame), then 100 zoom-out frames ending with every bar
 * in view and 100 pan frames of 1000 bars, each a full redraw into a
 * 1200 × 700 image surface, flushed. `bench broker …` belongs to the broker
 * client and is linked in when built.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bourse-bars.h"
#include "bourse-chart.h"
#include "bourse-chart-renderer.h"
#include "bourse-cli-commands.h"

#ifdef BOURSE_CLI_HAVE_BENCH_BROKER
int bourse_cli_bench_broker (int argc, char **argv);
#endif

#define BENCH_WIDTH  1200
#define BENCH_HEIGHT 700
#define N_ZOOM       100
#define N_PAN        100
#define PAN_WINDOW   1000

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Resident set size now, from /proc (MB). */
static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return NAN;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (const double *sorted,
            gsize         n,
            double        p)
{
  double pos = p * (double) (n - 1);
  gsize lo = (gsize) floor (pos), hi = (gsize) ceil (pos);

  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - (double) lo);
}

static double
median_of (const double *values,
           gsize         n)
{
  g_autofree double *copy = g_memdup2 (values, n * sizeof (double));

  qsort (copy, n, sizeof (double), compare_doubles);
  return percentile (copy, n, 0.5);
}

static double
frame (BourseChartRenderer *renderer,
       cairo_surface_t     *surface)
{
  double t0 = now_ms ();
  cairo_t *cr = cairo_create (surface);

  bourse_chart_renderer_render (renderer, cr, BENCH_WIDTH, BENCH_HEIGHT, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return now_ms () - t0;
}

static int
bench_chart (int    argc,
             char **argv)
{
  g_autofree char *bars_path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *frames_path = NULL;
  GOptionEntry entries[] = {
    { "bars", 0, 0, G_OPTION_ARG_FILENAME, &bars_path, "CSV bar file written by gen_bars.py", "FILE" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Also save the last zoom frame (all bars) as PNG", "FILE" },
    { "frames", 0, 0, G_OPTION_ARG_FILENAME, &frames_path,
      "Also write every frame's time, one “phase k visible-bars ms” line each (for profiling)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the chart benchmark scenario");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(BourseChart) chart = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  BourseChartViewport *viewport;
  cairo_surface_t *surface;
  double zoom[N_ZOOM], pan[N_PAN], all[N_ZOOM + N_PAN], sorted[N_ZOOM + N_PAN];
  double t0, parse_ms, load_ms, n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli bench chart: %s\n", error->message);
      return 2;
    }
  if (bars_path == NULL)
    {
      fprintf (stderr, "bourse-cli bench chart: --bars is required\n");
      return 2;
    }

  t0 = now_ms ();
  bars = bourse_bars_load_csv (bars_path, &error);
  parse_ms = now_ms () - t0;
  if (bars == NULL)
    {
      fprintf (stderr, "bourse-cli bench chart: %s\n", error->message);
      return 1;
    }
  if (bars->len < PAN_WINDOW)
    {
      fprintf (stderr, "bourse-cli bench chart: the scenario needs at least %d bars, “%s” has %" G_GSIZE_FORMAT "\n",
               PAN_WINDOW, bars_path, bars->len);
      return 1;
    }
  n = (double) bars->len;

  /* Load: parsed bars → first complete frame (pyramids built on the way). */
  t0 = now_ms ();
  chart = bourse_chart_new ();
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_CANDLES);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_OVERLAY);
  bourse_chart_set_crosshair_mode (chart, BOURSE_CROSSHAIR_MODE_HIDDEN);
  bourse_chart_set_bars (chart, bars);
  renderer = bourse_chart_renderer_new (chart);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BENCH_WIDTH, BENCH_HEIGHT);
  frame (renderer, surface);
  load_ms = now_ms () - t0;

  viewport = bourse_chart_get_viewport (chart);
  for (int k = 0; k < N_ZOOM; k++)
    {
      double count = round (100.0 * pow (n / 100.0, k / (double) (N_ZOOM - 1)));

      count = CLAMP (count, 1, n);
      bourse_chart_viewport_set_visible_range (viewport, n - count, n - 1);
      zoom[k] = frame (renderer, surface);
    }
  if (png != NULL && cairo_surface_write_to_png (surface, png) != CAIRO_STATUS_SUCCESS)
    fprintf (stderr, "bourse-cli bench chart: could not write “%s”\n", png);
  for (int k = 0; k < N_PAN; k++)
    {
      double first = floor ((n - PAN_WINDOW) * k / (double) (N_PAN - 1));

      bourse_chart_viewport_set_visible_range (viewport, first, first + PAN_WINDOW - 1);
      pan[k] = frame (renderer, surface);
    }
  cairo_surface_destroy (surface);

  if (frames_path != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (int k = 0; k < N_ZOOM; k++)
        g_string_append_printf (text, "zoom %d %.0f %.3f\n", k,
                                CLAMP (round (100.0 * pow (n / 100.0, k / (double) (N_ZOOM - 1))), 1, n), zoom[k]);
      for (int k = 0; k < N_PAN; k++)
        g_string_append_printf (text, "pan %d %d %.3f\n", k, PAN_WINDOW, pan[k]);
      if (!g_file_set_contents (frames_path, text->str, (gssize) text->len, &error))
        {
          fprintf (stderr, "bourse-cli bench chart: %s\n", error->message);
          return 1;
        }
    }

  memcpy (all, zoom, sizeof zoom);
  memcpy (all + N_ZOOM, pan, sizeof pan);
  memcpy (sorted, all, sizeof all);
  qsort (sorted, G_N_ELEMENTS (sorted), sizeof (double), compare_doubles);

  printf ("{\"bars\":%" G_GSIZE_FORMAT ",\"width\":%d,\"height\":%d,\"parse_ms\":%.3f,\"load_ms\":%.3f,"
          "\"frame_median_ms\":%.3f,\"frame_p95_ms\":%.3f,\"frame_max_ms\":%.3f,"
          "\"zoom_median_ms\":%.3f,\"pan_median_ms\":%.3f,\"rss_mb\":%.1f}\n",
          bars->len, BENCH_WIDTH, BENCH_HEIGHT, parse_ms, load_ms,
          percentile (sorted, G_N_ELEMENTS (sorted), 0.5),
          percentile (sorted, G_N_ELEMENTS (sorted), 0.95),
          sorted[G_N_ELEMENTS (sorted) - 1],
          median_of (zoom, N_ZOOM), median_of (pan, N_PAN), rss_mb ());
  return 0;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: bourse-cli bench WHAT [OPTIONS…]\n\n"
                "  chart --bars FILE.csv   the chart scenario (zoom out to all bars, pan)\n"
#ifdef BOURSE_CLI_HAVE_BENCH_BROKER
                "  broker …                the broker client benchmark\n"
#endif
                );
}

int
bourse_cli_bench (int    argc,
                  char **argv)
{
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (strcmp (argv[1], "chart") == 0)
    return bench_chart (argc - 1, argv + 1);
#ifdef BOURSE_CLI_HAVE_BENCH_BROKER
  if (strcmp (argv[1], "broker") == 0)
    return bourse_cli_bench_broker (argc - 1, argv + 1);
#endif
  fprintf (stderr, "bourse-cli bench: unknown benchmark “%s”\n\n", argv[1]);
  print_usage (stderr);
  return 2;
}
