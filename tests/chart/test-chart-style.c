/* test-chart-style.c — the chart's display options, on rendered image surfaces: palette overrides, grid
 * directions, legend contents, last price, session breaks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-renderer.h"

#define W 600
#define H 400

static const BourseRgba magenta = BOURSE_RGBA_INIT (0xff00ff, 1.0);
static const BourseRgba olive = BOURSE_RGBA_INIT (0x808000, 1.0);

/* @n bars of @step seconds from @start, a gentle zigzag around 100. */
static BourseBars *
make_bars (gint64 start,
           gint64 step,
           gsize  n)
{
  BourseBars *bars = bourse_bars_new (n);

  for (gsize i = 0; i < n; i++)
    {
      double o = 100 + (i % 7) * 0.1, c = 100 + ((i + 3) % 7) * 0.1;

      g_assert_true (bourse_bars_append (bars, start + step * (gint64) i, o, MAX (o, c) + 0.05,
                                         MIN (o, c) - 0.05, c, 1000));
    }
  return bars;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (void *) (data + y * stride + x * 4) & 0xffffff;
}

static guint32
rgb (const BourseRgba *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8) |
         (guint32) lround (c->blue * 255);
}

static cairo_surface_t *
render (BourseChart *chart)
{
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  bourse_chart_renderer_render (renderer, cr, W, H, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
count_color (cairo_surface_t *surface,
             int x0, int y0, int x1, int y1,
             guint32          color)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += pixel (surface, x, y) == color;
  return n;
}

static BourseChart *
make_chart (void)
{
  /* 100 five-minute bars, the 41st at midnight UTC (2023-11-15). */
  g_autoptr(BourseBars) bars = make_bars (1699994400, 300, 100);
  BourseChart *chart = bourse_chart_new ();

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_HIDDEN);
  bourse_chart_set_crosshair_mode (chart, BOURSE_CROSSHAIR_MODE_HIDDEN);
  return chart;
}

static void
test_background_color (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  cairo_surface_t *surface;

  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_background_color (chart, &olive);
  g_assert_cmphex (rgb (&bourse_chart_get_palette (chart)->background), ==, 0x808000);
  surface = render (chart);
  /* Bottom left of the plot: no bars there (they hug the middle), no legend. */
  g_assert_cmphex (pixel (surface, 4, H - 40), ==, 0x808000);
  cairo_surface_destroy (surface);

  /* A theme change keeps the override; NULL goes back to the theme's. */
  bourse_chart_set_theme (chart, BOURSE_CHART_THEME_LIGHT);
  g_assert_cmphex (rgb (&bourse_chart_get_palette (chart)->background), ==, 0x808000);
  bourse_chart_set_background_color (chart, NULL);
  surface = render (chart);
  g_assert_cmphex (pixel (surface, 4, H - 40), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

/* Rows (horizontal lines) and columns (vertical lines) mostly in @color. */
static void
count_lines (cairo_surface_t *surface,
             guint32          color,
             guint           *rows,
             guint           *columns)
{
  int plot_w = W - 100, plot_h = H - 60;

  *rows = *columns = 0;
  for (int y = 0; y < plot_h; y++)
    *rows += count_color (surface, 0, y, plot_w, y + 1, color) > (guint) plot_w / 2;
  for (int x = 0; x < plot_w; x++)
    *columns += count_color (surface, x, 0, x + 1, plot_h, color) > (guint) plot_h / 2;
}

static void
test_grid_directions (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  cairo_surface_t *surface;
  guint rows, columns;
  gboolean v, h;

  bourse_chart_set_grid_color (chart, &magenta);
  bourse_chart_set_last_price_visible (chart, FALSE);

  surface = render (chart);
  count_lines (surface, 0xff00ff, &rows, &columns);
  g_assert_cmpuint (rows, >, 2);
  g_assert_cmpuint (columns, >, 2);
  cairo_surface_destroy (surface);

  bourse_chart_set_grid_lines (chart, TRUE, FALSE);
  bourse_chart_get_grid_lines (chart, &v, &h);
  g_assert_true (v && !h);
  g_assert_true (bourse_chart_get_grid_visible (chart));
  surface = render (chart);
  count_lines (surface, 0xff00ff, &rows, &columns);
  g_assert_cmpuint (rows, ==, 0);
  g_assert_cmpuint (columns, >, 2);
  cairo_surface_destroy (surface);

  bourse_chart_set_grid_lines (chart, FALSE, TRUE);
  surface = render (chart);
  count_lines (surface, 0xff00ff, &rows, &columns);
  g_assert_cmpuint (rows, >, 2);
  g_assert_cmpuint (columns, ==, 0);
  cairo_surface_destroy (surface);

  bourse_chart_set_grid_visible (chart, FALSE);
  g_assert_false (bourse_chart_get_grid_visible (chart));
  surface = render (chart);
  g_assert_cmpuint (count_color (surface, 0, 0, W, H, 0xff00ff), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_line_color (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  cairo_surface_t *surface;

  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_LINE);
  bourse_chart_set_line_color (chart, &magenta);
  surface = render (chart);
  g_assert_cmpuint (count_color (surface, 0, 0, W - 100, H - 40, 0xff00ff), >, 100);
  cairo_surface_destroy (surface);
}

static void
test_legend_flags (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  const BourseChartPalette *pal;
  cairo_surface_t *surface;
  guint32 bg;

  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_legend_title (chart, "EURUSD · 5m");
  pal = bourse_chart_get_palette (chart);
  bg = rgb (&pal->background);
  g_assert_cmpuint (bourse_chart_get_legend_flags (chart), ==, BOURSE_CHART_LEGEND_ALL);

  surface = render (chart);
  g_assert_cmpuint (W * 20 - count_color (surface, 0, 0, W - 100, 20, bg), >, 50);
  cairo_surface_destroy (surface);

  /* Nothing in the status line: the band under it is background only. */
  bourse_chart_set_legend_flags (chart, 0);
  surface = render (chart);
  g_assert_cmpuint (count_color (surface, 0, 0, 300, 20, bg), ==, 300 * 20);
  cairo_surface_destroy (surface);

  /* The title alone is narrower than the whole line. */
  bourse_chart_set_legend_flags (chart, BOURSE_CHART_LEGEND_TITLE);
  surface = render (chart);
  g_assert_cmpuint (300 * 20 - count_color (surface, 0, 0, 300, 20, bg), >, 20);
  g_assert_cmpuint (count_color (surface, 200, 0, 300, 20, bg), ==, 100 * 20);
  cairo_surface_destroy (surface);
}

static void
test_last_price (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  cairo_surface_t *surface;
  BourseBars *bars;
  guint32 color;

  bourse_chart_set_grid_visible (chart, FALSE);
  bars = bourse_chart_get_bars (chart);
  color = bars->close[bars->len - 1] >= bars->open[bars->len - 1]
          ? rgb (&bourse_chart_get_palette (chart)->up) : rgb (&bourse_chart_get_palette (chart)->down);
  g_assert_true (bourse_chart_get_last_price_visible (chart));
  surface = render (chart);
  /* The label's box on the price axis. */
  g_assert_cmpuint (count_color (surface, W - 30, 0, W, H - 40, color), >, 100);
  cairo_surface_destroy (surface);

  bourse_chart_set_last_price_visible (chart, FALSE);
  surface = render (chart);
  g_assert_cmpuint (count_color (surface, W - 30, 0, W, H - 40, color), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_countdown (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  BourseBars *bars = bourse_chart_get_bars (chart);
  gint64 last = bars->time[bars->len - 1];
  cairo_surface_t *surface;
  guint32 color;
  guint label_only;
  char buf[16];

  bourse_chart_set_grid_visible (chart, FALSE);
  g_assert_false (bourse_chart_format_countdown (chart, buf, sizeof buf));
  color = bars->close[bars->len - 1] >= bars->open[bars->len - 1]
          ? rgb (&bourse_chart_get_palette (chart)->up) : rgb (&bourse_chart_get_palette (chart)->down);
  surface = render (chart);
  label_only = count_color (surface, W - 30, 0, W, H - 40, color);
  cairo_surface_destroy (surface);

  bourse_chart_set_countdown (chart, 300, last + 1);
  g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "04:59");
  /* A second box under the last price's, in its colour. */
  surface = render (chart);
  g_assert_cmpuint (count_color (surface, W - 30, 0, W, H - 40, color), >, label_only * 3 / 2);
  cairo_surface_destroy (surface);

  bourse_chart_set_countdown (chart, 3600, last + 1);
  g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "59:59");
  bourse_chart_set_countdown (chart, 86400, last + 1);
  g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "23:59:59");
  bourse_chart_set_countdown (chart, 7 * 86400, last + 1);
  g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
  g_assert_cmpstr (buf, ==, "6d 23h");
  /* Closed (the next bar has not come yet), or no length: nothing. */
  bourse_chart_set_countdown (chart, 300, last + 300);
  g_assert_false (bourse_chart_format_countdown (chart, buf, sizeof buf));
  bourse_chart_set_countdown (chart, 0, last + 1);
  g_assert_false (bourse_chart_format_countdown (chart, buf, sizeof buf));
}

static void
test_session_break_indexes (void)
{
  /* 5-minute bars from 2023-11-14 20:00 UTC over two days. */
  g_autoptr(BourseBars) bars = make_bars (1699992000, 300, 576);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GArray) midnight = NULL;
  g_autoptr(GArray) fx = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(BourseBars) days = make_bars (1699920000, 86400, 30);

  bourse_chart_set_bars (chart, bars);
  /* UTC midnight: 4 hours = 48 bars in, then every 288 bars. */
  midnight = bourse_chart_find_session_breaks (chart, 0, bars->len);
  g_assert_cmpuint (midnight->len, ==, 2);
  g_assert_cmpuint (g_array_index (midnight, gsize, 0), ==, 48);
  g_assert_cmpuint (g_array_index (midnight, gsize, 1), ==, 48 + 288);

  /* FX: the day starts at 17:00 New York (22:00 UTC in November): 24 bars in. */
  g_assert_nonnull (new_york);
  bourse_chart_set_session (chart, new_york, 17 * 60);
  fx = bourse_chart_find_session_breaks (chart, 0, bars->len);
  g_assert_cmpuint (fx->len, ==, 2);
  g_assert_cmpuint (g_array_index (fx, gsize, 0), ==, 24);
  g_assert_cmpuint (g_array_index (fx, gsize, 1), ==, 24 + 288);
  g_assert_cmpint (bars->time[24] % 86400, ==, 22 * 3600);

  /* Daily bars: every bar a day, so no breaks at all. */
  bourse_chart_set_bars (chart, days);
  daily = bourse_chart_find_session_breaks (chart, 0, days->len);
  g_assert_cmpuint (daily->len, ==, 0);
}

static void
test_session_breaks_drawn (void)
{
  g_autoptr(BourseChart) chart = make_chart ();
  cairo_surface_t *surface;
  guint32 color;
  guint before;

  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_last_price_visible (chart, FALSE);
  color = rgb (&bourse_chart_get_palette (chart)->crosshair);
  g_assert_false (bourse_chart_get_session_breaks (chart));
  surface = render (chart);
  before = count_color (surface, 0, 0, W - 100, H - 40, color);
  cairo_surface_destroy (surface);

  bourse_chart_set_session_breaks (chart, TRUE);
  surface = render (chart);
  /* The bars span a UTC midnight: one dashed line, half its height painted. */
  g_assert_cmpuint (count_color (surface, 0, 0, W - 100, H - 40, color), >, before + (H - 60) / 3);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/Style/background-color", test_background_color);
  g_test_add_func ("/Bourse/Chart/Style/grid-directions", test_grid_directions);
  g_test_add_func ("/Bourse/Chart/Style/line-color", test_line_color);
  g_test_add_func ("/Bourse/Chart/Style/legend-flags", test_legend_flags);
  g_test_add_func ("/Bourse/Chart/Style/last-price", test_last_price);
  g_test_add_func ("/Bourse/Chart/Style/countdown", test_countdown);
  g_test_add_func ("/Bourse/Chart/Style/session-break-indexes", test_session_break_indexes);
  g_test_add_func ("/Bourse/Chart/Style/session-breaks-drawn", test_session_breaks_drawn);

  return g_test_run ();
}
