/* test-renderer.c — pixels of rendered image surfaces, hit tests, the layer hook
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-renderer.h"

#define W 600
#define H 400

/* Ten flat bars at 100, then an up candle 100 → 110 (bar 10) and a down
 * candle 110 → 102 (bar 11), then flat again. */
static BourseBars *
make_known_bars (void)
{
  BourseBars *bars = bourse_bars_new (30);

  for (gsize i = 0; i < 30; i++)
    {
      double o = 100, c = 100.2;

      if (i == 10)
        o = 100, c = 110;
      else if (i == 11)
        o = 110, c = 102;
      else if (i > 11)
        o = c = 102;
      g_assert_true (bourse_bars_append (bars, 1700000000 + 3600 * (gint64) i, o, MAX (o, c) + 0.5,
                                         MIN (o, c) - 0.5, c, 1000));
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

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(guint32 *) (void *) (data + y * stride + x * 4) & 0xffffff;
}

static guint32
rgb (const BourseRgba *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8) |
         (guint32) lround (c->blue * 255);
}

static cairo_surface_t *
render (BourseChartRenderer *renderer,
        double               scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (W * scale), (int) (H * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  bourse_chart_renderer_render (renderer, cr, W, H, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static BourseChart *
make_chart (BourseBars *bars)
{
  BourseChart *chart = bourse_chart_new ();

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_HIDDEN);
  return chart;
}

static void
check_candle_colors (BourseChartTheme theme,
                     double           scale)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  const BourseChartPalette *pal;
  BourseChartPaneGeometry g;
  cairo_surface_t *surface;
  double x, y;

  bourse_chart_set_theme (chart, theme);
  pal = bourse_chart_get_palette (chart);
  bourse_chart_renderer_layout (renderer, W, H, scale);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, scale);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));

  /* The up candle's body has the up colour at its x, the down candle's the down colour. */
  x = bourse_chart_pane_geometry_index_to_x (&g, 10);
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, 105);
  g_assert_cmphex (pixel (surface, (int) (x * scale), (int) (y * scale)), ==, rgb (&pal->up));
  /* Body width: a few pixels either side of the centre are still body. */
  g_assert_cmphex (pixel (surface, (int) ((x - 3) * scale), (int) (y * scale)), ==, rgb (&pal->up));
  g_assert_cmphex (pixel (surface, (int) ((x + 3) * scale), (int) (y * scale)), ==, rgb (&pal->up));

  x = bourse_chart_pane_geometry_index_to_x (&g, 11);
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, 106);
  g_assert_cmphex (pixel (surface, (int) (x * scale), (int) (y * scale)), ==, rgb (&pal->down));

  /* Between the bars, above them: the theme's background. */
  x = bourse_chart_pane_geometry_index_to_x (&g, 10.5);
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, 111.5);
  g_assert_cmphex (pixel (surface, (int) (x * scale), (int) (y * scale)), ==, rgb (&pal->background));
  g_assert_cmphex (pixel (surface, (int) (x * scale), (int) (y * scale)), ==,
                   theme == BOURSE_CHART_THEME_DARK ? 0x131722 : 0xffffff);

  cairo_surface_destroy (surface);
}

static void
test_candle_colors_dark (void)
{
  check_candle_colors (BOURSE_CHART_THEME_DARK, 1);
}

static void
test_candle_colors_light (void)
{
  check_candle_colors (BOURSE_CHART_THEME_LIGHT, 1);
}

static void
test_candle_colors_hidpi (void)
{
  check_candle_colors (BOURSE_CHART_THEME_DARK, 2);
}

/* A solid price line is exactly one device pixel tall (crisp), at 1× and 2×. */
static void
test_crisp_lines (void)
{
  for (double scale = 1; scale <= 2; scale++)
    {
      g_autoptr(BourseBars) bars = make_known_bars ();
      g_autoptr(BourseChart) chart = make_chart (bars);
      g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
      BourseRgba orange = BOURSE_RGBA (0xff9800, 1.0);
      BourseChartPaneGeometry g;
      cairo_surface_t *surface;
      double y;
      int x, rows = 0, yd;

      bourse_chart_set_price_line (chart, "l", 108.3, &orange, NULL, 0);
      bourse_chart_renderer_layout (renderer, W, H, scale);
      bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
      surface = render (renderer, scale);
      bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
      y = (g.y + bourse_chart_pane_geometry_price_to_y (&g, 108.3)) * scale;
      x = (int) (bourse_chart_pane_geometry_index_to_x (&g, 20) * scale);
      for (yd = (int) y - 4; yd <= (int) y + 4; yd++)
        {
          guint32 p = pixel (surface, x, yd);

          if (p == rgb (&orange))
            rows++;
          else
            /* No half-tone fringe: everything else is background. */
            g_assert_cmphex (p, ==, 0x131722);
        }
      g_assert_cmpint (rows, ==, (int) scale);
      cairo_surface_destroy (surface);
    }
}

/* Wick and border colours apart from the body: LWC's wickColor and borderColor. */
static void
test_wick_and_border_colors (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  BourseRgba wick = BOURSE_RGBA (0xffeb3b, 1.0), border = BOURSE_RGBA (0xffffff, 1.0);
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  BourseChartPaneGeometry g;
  cairo_surface_t *surface;
  double x, y_body, y_wick, left = 0;

  bourse_chart_set_wick_colors (chart, &wick, NULL);
  bourse_chart_set_border_colors (chart, &border, NULL);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 1);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);

  x = bourse_chart_pane_geometry_index_to_x (&g, 10);
  y_body = g.y + bourse_chart_pane_geometry_price_to_y (&g, 105);
  y_wick = g.y + bourse_chart_pane_geometry_price_to_y (&g, 110.3);  /* between close and high */
  g_assert_cmphex (pixel (surface, (int) x, (int) y_body), ==, rgb (&pal->up));
  g_assert_cmphex (pixel (surface, (int) x, (int) y_wick), ==, rgb (&wick));
  /* Walking left from the centre, the body ends in a border pixel. */
  for (double dx = 0; dx < 20; dx++)
    if (pixel (surface, (int) (x - dx), (int) y_body) != rgb (&pal->up))
      {
        left = dx;
        break;
      }
  g_assert_cmpfloat (left, >, 0);
  g_assert_cmphex (pixel (surface, (int) (x - left), (int) y_body), ==, rgb (&border));
  /* The down candle keeps its body colour for all three (NULL = default). */
  x = bourse_chart_pane_geometry_index_to_x (&g, 11);
  g_assert_cmphex (pixel (surface, (int) x, (int) (g.y + bourse_chart_pane_geometry_price_to_y (&g, 110.3))), ==,
                   rgb (&pal->down));
  cairo_surface_destroy (surface);
}

/* An overlay series (values ~1e6 over prices ~100) neither moves the pane's
 * scale nor leaves the pane. */
static void
test_overlay_series (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseChartSeries) obv = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, "OBV");
  BourseRgba magenta = BOURSE_RGBA (0xff00ff, 1.0);
  BourseChartPaneGeometry before, after;
  cairo_surface_t *surface;
  double values[30];
  guint hits = 0;

  for (guint i = 0; i < 30; i++)
    values[i] = 1e6 + 1e4 * i;
  bourse_chart_series_set_values (obv, values, 30);
  bourse_chart_series_set_color (obv, &magenta);
  bourse_chart_series_set_line_width (obv, 3);

  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &before);

  bourse_chart_series_set_overlay (obv, TRUE);
  bourse_chart_add_series (chart, obv, BOURSE_CHART_MAIN_PANE);
  surface = render (renderer, 1);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &after);
  g_assert_cmpfloat (after.price_scale.min, ==, before.price_scale.min);
  g_assert_cmpfloat (after.price_scale.max, ==, before.price_scale.max);

  /* The line rises across the pane: magenta near the bottom at the left,
   * near the top at the right (margins of 10 %). */
  for (int y = 0; y < (int) after.height; y++)
    {
      if (pixel (surface, (int) bourse_chart_pane_geometry_index_to_x (&after, 1), y) == 0xff00ff)
        {
          g_assert_cmpfloat (y, >, after.height * 0.75);
          hits++;
        }
      if (pixel (surface, (int) bourse_chart_pane_geometry_index_to_x (&after, 28), y) == 0xff00ff)
        {
          g_assert_cmpfloat (y, <, after.height * 0.25);
          hits++;
        }
    }
  g_assert_cmpuint (hits, >=, 2);
  cairo_surface_destroy (surface);
}

/* Zoomed out (many bars per pixel column), a volume column is as tall as the
 * largest volume it covers: a column of quiet bars with one spike in ten
 * stands taller than a column of steady medium volume, as it would if the bars
 * were drawn one by one. (The mean made the spikes vanish: 109 against 500.) */
static void
test_volume_columns_show_the_max (void)
{
  g_autoptr(BourseBars) bars = bourse_bars_new (20000);
  g_autoptr(BourseChart) chart = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  const BourseChartPalette *pal;
  BourseChartPaneGeometry g;
  cairo_surface_t *surface;
  guint pane;
  int x_spiky, x_steady, base;

  for (gsize i = 0; i < 20000; i++)
    {
      double v = i < 10000 ? (i % 10 == 0 ? 1000 : 10) : 500;

      g_assert_true (bourse_bars_append (bars, 1700000000 + 60 * (gint64) i, 100, 101, 99, 100, v));
    }
  chart = make_chart (bars);
  renderer = bourse_chart_renderer_new (chart);
  pal = bourse_chart_get_palette (chart);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_PANE);
  pane = bourse_chart_get_volume_pane (chart);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 19999);
  surface = render (renderer, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, pane, &g));
  g_assert_cmpfloat (g.time_scale.bar_spacing, <, 0.1);

  x_spiky = (int) (g.x + bourse_chart_pane_geometry_index_to_x (&g, 5000));
  x_steady = (int) (g.x + bourse_chart_pane_geometry_index_to_x (&g, 15000));
  base = (int) (g.y + g.height);
  /* Spiky column: taller than 70 % of the pane (the max, 1000, is the top). */
  g_assert_cmphex (pixel (surface, x_spiky, base - (int) (0.7 * g.height)), !=, rgb (&pal->background));
  /* Steady column: half as tall (500 of 1000): painted at 30 %, not at 70 %. */
  g_assert_cmphex (pixel (surface, x_steady, base - (int) (0.3 * g.height)), !=, rgb (&pal->background));
  g_assert_cmphex (pixel (surface, x_steady, base - (int) (0.7 * g.height)), ==, rgb (&pal->background));
  cairo_surface_destroy (surface);
}

/* Baseline chart: between the line and the baseline, below it, only the down
 * colour's fill (a chord of the line's own polygon once leaked the up colour
 * into the clip there). */
static void
test_baseline_fill (void)
{
  g_autoptr(BourseBars) bars = bourse_bars_new (30);
  g_autoptr(BourseChart) chart = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  const BourseChartPalette *pal;
  BourseChartPaneGeometry g;
  cairo_surface_t *surface;
  guint32 got;
  double x, y;

  for (gsize i = 0; i < 30; i++)
    {
      double c = i < 5 ? 110 : i < 29 ? 90 : 100.2;

      g_assert_true (bourse_bars_append (bars, 1700000000 + 3600 * (gint64) i, c, c, c, c, 10));
    }
  chart = make_chart (bars);
  renderer = bourse_chart_renderer_new (chart);
  pal = bourse_chart_get_palette (chart);
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_BASELINE);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));

  /* Bar 15, halfway between the line (90) and the baseline (the middle, 100). */
  x = g.x + bourse_chart_pane_geometry_index_to_x (&g, 15);
  y = g.y + (bourse_chart_pane_geometry_price_to_y (&g, 90) + g.height / 2) / 2;
  got = pixel (surface, (int) x, (int) y);
  {
    const BourseRgba *bg = &pal->background, *down = &pal->down;
    int want[3] = {
      (int) lround ((bg->red * 0.8 + down->red * 0.2) * 255),
      (int) lround ((bg->green * 0.8 + down->green * 0.2) * 255),
      (int) lround ((bg->blue * 0.8 + down->blue * 0.2) * 255),
    };
    int have[3] = { (int) (got >> 16) & 0xff, (int) (got >> 8) & 0xff, (int) got & 0xff };

    for (int k = 0; k < 3; k++)
      g_assert_cmpint (ABS (have[k] - want[k]), <=, 2);
  }
  cairo_surface_destroy (surface);
}

/* A series on the secondary scale: a second, labelled price axis opposite the
 * main one, its own fit, the candles' scale untouched. */
static void
test_secondary_scale (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseChartSeries) obv = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, "OBV");
  BourseRgba orange = BOURSE_RGBA (0xff9800, 1.0);
  BoursePriceScale sec;
  BourseChartPaneGeometry g;
  BourseChartHit hit;
  cairo_surface_t *surface;
  double values[30];
  double main_width;
  gboolean found = FALSE;

  for (gsize i = 0; i < 30; i++)
    values[i] = 1e6 + 5e4 * (double) i;   /* 1.0M … 2.45M: nothing like prices */
  bourse_chart_series_set_values (obv, values, 30);
  bourse_chart_series_set_color (obv, &orange);
  bourse_chart_add_series (chart, obv, BOURSE_CHART_MAIN_PANE);

  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  main_width = bourse_chart_renderer_get_price_axis_width (renderer);
  g_assert_cmpfloat (bourse_chart_renderer_get_secondary_axis_width (renderer), ==, 0);
  g_assert_false (bourse_chart_renderer_get_secondary_scale (renderer, BOURSE_CHART_MAIN_PANE, &sec));
  surface = render (renderer, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  /* On the pane's own scale the candles are squashed flat by the OBV values. */
  g_assert_cmpfloat (g.price_scale.max - g.price_scale.min, >, 1e6);
  cairo_surface_destroy (surface);

  bourse_chart_series_set_secondary_scale (obv, TRUE);
  /* The second axis narrows the plot: show the same 30 slots in it. */
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  g_assert_cmpfloat (bourse_chart_renderer_get_secondary_axis_width (renderer), ==, main_width);
  g_assert_cmpfloat (g.x, ==, main_width);                      /* the plot moved right */
  g_assert_cmpfloat (g.x + g.width + main_width, <=, W);
  g_assert_cmpfloat (g.price_scale.max - g.price_scale.min, <, 50);  /* candles' own fit again */
  g_assert_true (bourse_chart_renderer_get_secondary_scale (renderer, BOURSE_CHART_MAIN_PANE, &sec));
  g_assert_cmpfloat (sec.min, <=, 1e6);
  g_assert_cmpfloat (sec.max, >=, 2.45e6);

  /* The line sits where the secondary scale puts it. */
  {
    double x = g.x + bourse_chart_pane_geometry_index_to_x (&g, 20);
    double y = g.y + bourse_price_scale_price_to_y (&sec, values[20]);

    for (int dy = -2; dy <= 2 && !found; dy++)
      {
        /* Antialiased: the line's core pixel is within a few levels of its colour. */
        guint32 got = pixel (surface, (int) x, (int) y + dy), want = rgb (&orange);

        found = TRUE;
        for (int shift = 0; shift <= 16; shift += 8)
          found &= ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) <= 16;
      }
    g_assert_true (found);
  }
  /* Labels in the left axis: text pixels differ from the background there. */
  {
    const BourseChartPalette *pal = bourse_chart_get_palette (chart);
    guint ink = 0;

    for (int y = 0; y < (int) (g.y + g.height); y++)
      for (int x = 0; x < (int) main_width - 2; x++)
        ink += pixel (surface, x, y) != rgb (&pal->background);
    g_assert_cmpuint (ink, >, 50);
  }
  /* The left axis is neither plot nor the main axis; the main one still works. */
  bourse_chart_renderer_hit_test (renderer, 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_NONE);
  bourse_chart_renderer_hit_test (renderer, W - 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_AXIS);
  cairo_surface_destroy (surface);

  /* Main axis on the left: the secondary one goes right. */
  bourse_chart_set_price_axis_side (chart, BOURSE_PRICE_AXIS_LEFT);
  surface = render (renderer, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  g_assert_cmpfloat (g.x, ==, main_width);
  bourse_chart_renderer_hit_test (renderer, 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_AXIS);
  bourse_chart_renderer_hit_test (renderer, W - 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_NONE);
  cairo_surface_destroy (surface);

  /* Hidden, it takes its axis with it. */
  bourse_chart_series_set_visible (obv, FALSE);
  surface = render (renderer, 1);
  g_assert_cmpfloat (bourse_chart_renderer_get_secondary_axis_width (renderer), ==, 0);
  cairo_surface_destroy (surface);
}

/* The price axis on the left: the plot moves right, pixels and hits follow. */
static void
test_left_price_axis (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  BourseRgba blue = BOURSE_RGBA (0x2962ff, 1.0);
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  BourseChartPaneGeometry g;
  BourseChartHit hit;
  cairo_surface_t *surface;
  double x, y;

  bourse_chart_set_price_axis_side (chart, BOURSE_PRICE_AXIS_LEFT);
  bourse_chart_set_price_line (chart, "l", 104, &blue, "LMT", BOURSE_PRICE_LINE_DRAGGABLE);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 1);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
  g_assert_cmpfloat (g.x, ==, bourse_chart_renderer_get_price_axis_width (renderer));
  g_assert_cmpfloat (g.x + g.width, <=, W);

  x = g.x + bourse_chart_pane_geometry_index_to_x (&g, 10);
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, 105);
  g_assert_cmphex (pixel (surface, (int) x, (int) y), ==, rgb (&pal->up));
  /* The last-price label (an unchanged last bar counts as up) sits on the left axis now. */
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, bars->close[bars->len - 1]);
  g_assert_cmphex (pixel (surface, 3, (int) y), ==, rgb (&pal->up));

  bourse_chart_renderer_hit_test (renderer, 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_AXIS);
  bourse_chart_renderer_hit_test (renderer, W - 5, g.y + 40, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PANE);
  bourse_chart_renderer_hit_test (renderer, W - 100, g.y + bourse_chart_pane_geometry_price_to_y (&g, 104), &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_LINE);

  /* The crosshair is given in widget coordinates: it snaps to bar 10, its dashed
   * vertical line in bar 10's pixel column rather than the pointer's. */
  bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, g.x + bourse_chart_pane_geometry_index_to_x (&g, 10.2), g.y + 30);
  cairo_surface_destroy (surface);
  surface = render (renderer, 1);
  {
    int snapped = (int) floor (g.x + bourse_chart_pane_geometry_index_to_x (&g, 10));
    int pointer = (int) floor (g.x + bourse_chart_pane_geometry_index_to_x (&g, 10.2));
    guint at_snapped = 0, at_pointer = 0;

    g_assert_cmpint (snapped, !=, pointer);
    for (int row = (int) g.y; row < (int) (g.y + g.height); row++)
      {
        at_snapped += pixel (surface, snapped, row) == rgb (&pal->crosshair);
        at_pointer += pixel (surface, pointer, row) == rgb (&pal->crosshair);
      }
    g_test_message ("crosshair pixels: %u in bar 10's column, %u in the pointer's", at_snapped, at_pointer);
    g_assert_cmpuint (at_snapped, >, g.height / 4);
    g_assert_cmpuint (at_pointer, <, 5);
  }
  bourse_chart_renderer_hit_test (renderer, g.x + 5, g.y + 30, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_ORDER_BUTTON);
  cairo_surface_destroy (surface);
}

/* Magnet modes: the horizontal crosshair line jumps to the close, or to the
 * nearest of open/high/low/close. */
static void
test_crosshair_magnet (void)
{
  BourseCrosshairMode modes[] = { BOURSE_CROSSHAIR_MODE_NORMAL, BOURSE_CROSSHAIR_MODE_MAGNET,
                                  BOURSE_CROSSHAIR_MODE_MAGNET_OHLC };
  /* Bar 10: open 100, close 110, high 110.5, low 99.5; the pointer at 101. */
  double expected[] = { 101, 110, 100 };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(BourseBars) bars = make_known_bars ();
      g_autoptr(BourseChart) chart = make_chart (bars);
      g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
      const BourseChartPalette *pal = bourse_chart_get_palette (chart);
      BourseChartPaneGeometry g;
      cairo_surface_t *surface;
      int y, rows_hit = 0;

      bourse_chart_set_crosshair_mode (chart, modes[m]);
      bourse_chart_renderer_layout (renderer, W, H, 1);
      bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
      bourse_chart_renderer_layout (renderer, W, H, 1);
      bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
      bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, g.x + bourse_chart_pane_geometry_index_to_x (&g, 10),
                                  g.y + bourse_chart_pane_geometry_price_to_y (&g, 101));
      surface = render (renderer, 1);
      /* The crosshair's price label box on the axis is centred on its line. */
      y = (int) floor (g.y + bourse_chart_pane_geometry_price_to_y (&g, expected[m]));
      for (int dy = -2; dy <= 2; dy++)
        if (pixel (surface, (int) (g.width + 3), y + dy) == rgb (&pal->crosshair_label))
          rows_hit++;
      g_assert_cmpint (rows_hit, ==, 5);
      cairo_surface_destroy (surface);
    }
}

static void
test_all_types_draw (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BOURSE_TYPE_CHART_TYPE);

  for (guint t = 0; t < klass->n_values; t++)
    for (int zoomed_out = 0; zoomed_out < 2; zoomed_out++)
      {
        g_autoptr(BourseBars) bars = bourse_bars_new (20000);
        g_autoptr(BourseChart) chart = NULL;
        g_autoptr(BourseChartRenderer) renderer = NULL;
        BourseChartPaneGeometry g;
        cairo_surface_t *surface;
        guint painted = 0;

        for (gsize i = 0; i < 20000; i++)
          {
            double p = 100 + 10 * sin (i / 300.0);
            g_assert_true (bourse_bars_append (bars, 1600000000 + 60 * (gint64) i, p, p + 1, p - 1,
                                               p + (i % 2 ? 0.5 : -0.5), 10));
          }
        chart = make_chart (bars);
        renderer = bourse_chart_renderer_new (chart);
        bourse_chart_set_chart_type (chart, klass->values[t].value);
        bourse_chart_renderer_layout (renderer, W, H, 1);
        if (zoomed_out)
          bourse_chart_viewport_fit_content (bourse_chart_get_viewport (chart));
        surface = render (renderer, 1);
        bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
        /* The middle band of the plot (no legend, no axis) has series pixels. */
        for (int y = (int) (g.y + g.height * 0.2); y < (int) (g.y + g.height * 0.8); y += 2)
          for (int x = 0; x < (int) g.width; x += 2)
            if (pixel (surface, x, y) != 0x131722)
              painted++;
        g_test_message ("%s%s: %u", klass->values[t].value_nick, zoomed_out ? " (all bars)" : "", painted);
        g_assert_cmpuint (painted, >, 200);
        cairo_surface_destroy (surface);
      }
}

/* Whole frames painted with the direct rectangle fill are byte for byte the
 * frames painted through cairo_fill(): every chart type, zoomed in, at bar
 * spacing 2.5 (overlapping bodies), zoomed out to pixel columns, dark and
 * light, scale 1 and 2, with grid, volume, translucent price lines and
 * candle colours, the crosshair. */
static void
test_direct_fill_matches_cairo (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BOURSE_TYPE_CHART_TYPE);
  g_autoptr(BourseBars) bars = bourse_bars_new (5000);
  const BourseRgba line_color = BOURSE_RGBA_INIT (0x2962ff, 0.6);
  const BourseRgba up = BOURSE_RGBA_INIT (0x26a69a, 0.5);
  const BourseRgba down = BOURSE_RGBA_INIT (0xef5350, 0.8);
  guint frames = 0;

  for (gsize i = 0; i < 5000; i++)
    {
      double p = 100 + 10 * sin (i / 300.0) + 3 * sin (i / 7.0);
      g_assert_true (bourse_bars_append (bars, 1600000000 + 60 * (gint64) i, p, p + 1 + (i % 5), p - 1 - (i % 3),
                                         p + (i % 2 ? 0.5 : -0.5), 10 + (double) (i % 17) * 100));
    }

  for (guint t = 0; t < klass->n_values; t++)
    for (int zoom = 0; zoom < 3; zoom++)
      for (int variant = 0; variant < 2; variant++)
        {
          g_autoptr(BourseChart) chart = bourse_chart_new ();
          g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
          double scale = variant ? 2.0 : 1.0;
          int w = (int) (W * scale), h = (int) (H * scale);
          cairo_surface_t *surfaces[2];
          BourseChartViewport *viewport = bourse_chart_get_viewport (chart);

          bourse_chart_set_bars (chart, bars);
          bourse_chart_set_chart_type (chart, klass->values[t].value);
          bourse_chart_set_theme (chart, variant ? BOURSE_CHART_THEME_LIGHT : BOURSE_CHART_THEME_DARK);
          bourse_chart_set_volume_mode (chart, variant ? BOURSE_VOLUME_MODE_PANE : BOURSE_VOLUME_MODE_OVERLAY);
          if (variant)
            bourse_chart_set_colors (chart, &up, &down);
          bourse_chart_set_price_line (chart, "a", 104, &line_color, "LMT 1 @ 104", BOURSE_PRICE_LINE_DASHED);
          bourse_chart_set_price_line (chart, "b", 97, &line_color, NULL, 0);
          bourse_chart_renderer_layout (renderer, W, H, scale);
          if (zoom == 0)
            bourse_chart_viewport_set_visible_range (viewport, 4900, 4999);
          else if (zoom == 1)
            /* 2.5 px per bar on a ~540 px plot. */
            bourse_chart_viewport_set_visible_range (viewport, 4784, 4999);
          else
            bourse_chart_viewport_fit_content (viewport);
          bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, W / 3.0, H / 3.0);

          for (int direct = 0; direct < 2; direct++)
            {
              cairo_t *cr;

              surfaces[direct] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
              cr = cairo_create (surfaces[direct]);
              cairo_scale (cr, scale, scale);
              bourse_chart_renderer_set_direct_fill (renderer, direct);
              bourse_chart_renderer_render (renderer, cr, W, H, scale);
              cairo_destroy (cr);
              cairo_surface_flush (surfaces[direct]);
            }
          g_test_message ("%s zoom %d variant %d", klass->values[t].value_nick, zoom, variant);
          g_assert_cmpint (cairo_image_surface_get_stride (surfaces[0]), ==, cairo_image_surface_get_stride (surfaces[1]));
          g_assert_cmpmem (cairo_image_surface_get_data (surfaces[0]),
                           (gsize) cairo_image_surface_get_stride (surfaces[0]) * (gsize) h,
                           cairo_image_surface_get_data (surfaces[1]),
                           (gsize) cairo_image_surface_get_stride (surfaces[1]) * (gsize) h);
          cairo_surface_destroy (surfaces[0]);
          cairo_surface_destroy (surfaces[1]);
          frames++;
        }
  g_assert_cmpuint (frames, ==, klass->n_values * 6);
}

static void
test_hit_test (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  BourseRgba blue = BOURSE_RGBA (0x2962ff, 1.0);
  BourseChartPaneGeometry main_g, low_g;
  BourseChartHit hit;
  cairo_surface_t *surface;
  guint pane;
  double y;

  pane = bourse_chart_add_pane (chart, 1);
  bourse_chart_set_price_line (chart, "order-7", 104, &blue, "LMT 1 @ 104.00",
                               BOURSE_PRICE_LINE_DRAGGABLE | BOURSE_PRICE_LINE_CLOSABLE);
  bourse_chart_renderer_layout (renderer, W, H, 1);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 1);
  cairo_surface_destroy (surface);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &main_g);
  bourse_chart_renderer_get_pane_geometry (renderer, pane, &low_g);

  /* Stretch 3 : 1. */
  g_assert_cmpfloat_with_epsilon (main_g.height / low_g.height, 3.0, 0.05);

  y = main_g.y + bourse_chart_pane_geometry_price_to_y (&main_g, 104);
  bourse_chart_renderer_hit_test (renderer, 300, y, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_LINE);
  g_assert_cmpstr (hit.price_line_id, ==, "order-7");

  /* The ✕ box sits right after the label box at the line's left. */
  {
    gboolean found = FALSE;

    for (double x = 0; x < 300 && !found; x += 1)
      {
        bourse_chart_renderer_hit_test (renderer, x, y, &hit);
        found = hit.kind == BOURSE_CHART_HIT_PRICE_LINE_CLOSE;
      }
    g_assert_true (found);
    g_assert_cmpstr (hit.price_line_id, ==, "order-7");
  }

  bourse_chart_renderer_hit_test (renderer, W - 10, main_g.y + 50, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PRICE_AXIS);
  g_assert_cmpuint (hit.pane_id, ==, BOURSE_CHART_MAIN_PANE);
  bourse_chart_renderer_hit_test (renderer, 100, H - 5, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_TIME_AXIS);
  bourse_chart_renderer_hit_test (renderer, 100, main_g.y + main_g.height + 0.5, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_SEPARATOR);
  bourse_chart_renderer_hit_test (renderer, 100, low_g.y + low_g.height / 2, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_PANE);
  g_assert_cmpuint (hit.pane_id, ==, pane);

  /* The "+" order button appears with the crosshair on the main pane. */
  bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, 200, main_g.y + 100);
  surface = render (renderer, 1);
  cairo_surface_destroy (surface);
  bourse_chart_renderer_hit_test (renderer, main_g.width - 10, main_g.y + 100, &hit);
  g_assert_cmpint (hit.kind, ==, BOURSE_CHART_HIT_ORDER_BUTTON);
  g_assert_cmpfloat_with_epsilon (hit.price, bourse_chart_pane_geometry_y_to_price (&main_g, 100), 1e-9);
}

/* A drawing-tool stand-in: paints a magenta square at (bar 5, price 108). */
#define TEST_TYPE_LAYER (test_layer_get_type ())
G_DECLARE_FINAL_TYPE (TestLayer, test_layer, TEST, LAYER, GObject)

struct _TestLayer
{
  GObject                  parent_instance;
  guint                    draws;
  guint                    presses;
  gboolean                 answer;  /* what pointer_event() returns, set by the test */
  BourseChartPointerEvent  event;   /* the last one received */
  BourseChartPaneGeometry  geometry;
};

static void
test_layer_draw (BourseChartLayer              *layer,
                 cairo_t                       *cr,
                 const BourseChartPaneGeometry *g)
{
  TestLayer *self = TEST_LAYER (layer);
  double x = bourse_chart_pane_geometry_index_to_x (g, 5);
  double y = bourse_chart_pane_geometry_price_to_y (g, 108);

  self->draws++;
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_rectangle (cr, x - 5, y - 5, 10, 10);
  cairo_fill (cr);
}

static gboolean
test_layer_pointer_event (BourseChartLayer              *layer,
                          const BourseChartPointerEvent *event,
                          const BourseChartPaneGeometry *g)
{
  TestLayer *self = TEST_LAYER (layer);

  if (event->type == BOURSE_CHART_POINTER_PRESS)
    self->presses++;
  self->event = *event;
  self->geometry = *g;
  return self->answer;
}

static void
test_layer_iface_init (BourseChartLayerInterface *iface)
{
  iface->draw = test_layer_draw;
  iface->pointer_event = test_layer_pointer_event;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestLayer, test_layer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOURSE_TYPE_CHART_LAYER, test_layer_iface_init))

static void
test_layer_class_init (TestLayerClass *klass)
{
}

static void
test_layer_init (TestLayer *self)
{
}

static void
changed_count_cb (BourseChart *chart,
                  guint        change,
                  guint       *count)
{
  if (change & BOURSE_CHART_CHANGE_OVERLAY)
    (*count)++;
}

static void
test_layer_hook (void)
{
  g_autoptr(BourseBars) bars = make_known_bars ();
  g_autoptr(BourseChart) chart = make_chart (bars);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(TestLayer) layer = g_object_new (TEST_TYPE_LAYER, NULL);
  BourseChartPointerEvent event = { BOURSE_CHART_POINTER_PRESS };
  BourseChartPaneGeometry g;
  cairo_surface_t *surface;
  guint changes = 0;
  double x, y;

  g_signal_connect (chart, "changed", G_CALLBACK (changed_count_cb), &changes);
  bourse_chart_add_layer (chart, BOURSE_CHART_LAYER (layer), BOURSE_CHART_MAIN_PANE);
  bourse_chart_layer_changed (BOURSE_CHART_LAYER (layer));
  g_assert_cmpuint (changes, ==, 2);

  bourse_chart_renderer_layout (renderer, W, H, 2);
  bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), 0, 29);
  surface = render (renderer, 2);
  g_assert_cmpuint (layer->draws, ==, 1);
  bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
  x = g.x + bourse_chart_pane_geometry_index_to_x (&g, 5);
  y = g.y + bourse_chart_pane_geometry_price_to_y (&g, 108);
  g_assert_cmphex (pixel (surface, (int) (x * 2), (int) (y * 2)), ==, 0xff00ff);
  cairo_surface_destroy (surface);

  /* Pane geometry converts times both ways, through the bars. */
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_time_to_x (&g, bars->time[7]),
                                  bourse_chart_pane_geometry_index_to_x (&g, 7), 1e-9);
  g_assert_cmpint (bourse_chart_pane_geometry_x_to_time (&g, bourse_chart_pane_geometry_index_to_x (&g, 7.5)), ==,
                   bars->time[7] + 1800);
  g_assert_cmpint (bourse_chart_pane_geometry_x_to_time (&g, bourse_chart_pane_geometry_index_to_x (&g, 31)), ==,
                   bars->time[29] + 2 * 3600);

  /* pointer_event() hands the layer the event and geometry as given and returns
   * the layer's answer, whichever it is. */
  event.x = 42;
  event.y = bourse_chart_pane_geometry_price_to_y (&g, 108);
  layer->answer = TRUE;
  g_assert_true (bourse_chart_layer_pointer_event (BOURSE_CHART_LAYER (layer), &event, &g));
  g_assert_cmpint (layer->event.type, ==, BOURSE_CHART_POINTER_PRESS);
  g_assert_cmpfloat (layer->event.x, ==, 42);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_y_to_price (&layer->geometry, layer->event.y), 108, 1e-9);
  g_assert_cmpuint (layer->geometry.pane_id, ==, g.pane_id);
  g_assert_cmpfloat (layer->geometry.width, ==, g.width);
  layer->answer = FALSE;
  event.y = bourse_chart_pane_geometry_price_to_y (&g, 101);
  g_assert_false (bourse_chart_layer_pointer_event (BOURSE_CHART_LAYER (layer), &event, &g));
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_y_to_price (&layer->geometry, layer->event.y), 101, 1e-9);
  g_assert_cmpuint (layer->presses, ==, 2);

  bourse_chart_remove_layer (chart, BOURSE_CHART_LAYER (layer));
  surface = render (renderer, 2);
  g_assert_cmpuint (layer->draws, ==, 1);
  cairo_surface_destroy (surface);
}

/* Seeded random sequences of what users and feeds do — zoom, pan, resize,
 * live ticks, new bars, type and scale changes, panes, series — each followed
 * by a frame at a random size and scale: no warning, no cairo error, and the
 * visible bars always within the data. */
static void
test_random_operations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(BourseBars) bars = bourse_bars_new (64);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseChartSeries) line = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, "L");
  g_autoptr(BourseChartSeries) hist = bourse_chart_series_new (BOURSE_CHART_SERIES_HISTOGRAM, "H");
  g_autoptr(BourseChartSeries) band = bourse_chart_series_new (BOURSE_CHART_SERIES_BAND, "B");
  BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
  guint extra_pane = G_MAXUINT;
  double price = 50;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_add_series (chart, line, BOURSE_CHART_MAIN_PANE);
  bourse_chart_add_series (chart, band, BOURSE_CHART_MAIN_PANE);

  for (guint step = 0; step < 400; step++)
    {
      int w = g_rand_int_range (rand, 60, 500), h = g_rand_int_range (rand, 60, 400);
      double scale = g_rand_boolean (rand) ? 1.0 : 2.0;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale), (int) (h * scale));
      cairo_t *cr = cairo_create (surface);
      gint64 t = bars->len > 0 ? bars->time[bars->len - 1] : 1600000000;
      double first, last;

      switch (g_rand_int_range (rand, 0, 12))
        {
        case 0: case 1: case 2:
          /* A burst of new bars (and values for the series). */
          for (int k = g_rand_int_range (rand, 1, 300); k > 0; k--)
            {
              double o = price;
              double v;

              price = MAX (0.5, price + g_rand_double_range (rand, -1, 1));
              t += 60 * g_rand_int_range (rand, 1, 3);
              g_assert_true (bourse_bars_append (bars, t, o, MAX (o, price) + 0.3, MIN (o, price) - 0.3, price, 10));
              v = g_rand_int_range (rand, 0, 5) == 0 ? NAN : price;
              bourse_chart_series_set_value (line, bars->len - 1, v, NAN);
              bourse_chart_series_set_value (band, bourse_chart_series_get_n_values (band), v + 1, v - 1);
            }
          bourse_chart_bars_changed (chart);
          break;
        case 3:
          if (bars->len > 0)
            g_assert_true (bourse_bars_apply_tick (bars, t, MAX (0.1, price + g_rand_double_range (rand, -5, 5)), 1));
          bourse_chart_bars_changed (chart);
          break;
        case 4:
          bourse_chart_viewport_zoom_at (viewport, g_rand_double_range (rand, -50, 600),
                                         g_rand_double_range (rand, 0.05, 20));
          break;
        case 5:
          bourse_chart_viewport_scroll_by_pixels (viewport, g_rand_double_range (rand, -5000, 5000));
          break;
        case 6:
          bourse_chart_set_chart_type (chart, g_rand_int_range (rand, 0, BOURSE_CHART_TYPE_HISTOGRAM + 1));
          break;
        case 7:
          bourse_chart_set_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE,
                                            g_rand_int_range (rand, 0, BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100 + 1));
          bourse_chart_set_pane_inverted (chart, BOURSE_CHART_MAIN_PANE, g_rand_boolean (rand));
          break;
        case 8:
          if (extra_pane == G_MAXUINT)
            {
              extra_pane = bourse_chart_add_pane (chart, g_rand_double_range (rand, 0.2, 2));
              bourse_chart_add_series (chart, hist, extra_pane);
            }
          else
            {
              bourse_chart_remove_pane (chart, extra_pane);
              extra_pane = G_MAXUINT;
            }
          break;
        case 9:
          bourse_chart_set_volume_mode (chart, g_rand_int_range (rand, 0, BOURSE_VOLUME_MODE_PANE + 1));
          break;
        case 10:
          bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, g_rand_double_range (rand, -10, w + 10),
                                      g_rand_double_range (rand, -10, h + 10));
          bourse_chart_set_price_line (chart, "p", price + g_rand_double_range (rand, -3, 3), NULL, "LMT",
                                       BOURSE_PRICE_LINE_CLOSABLE);
          bourse_chart_add_marker (chart, t, price, g_rand_boolean (rand) ? BOURSE_MARKER_BUY : BOURSE_MARKER_SELL, "x");
          break;
        default:
          if (g_rand_boolean (rand))
            bourse_chart_viewport_fit_content (viewport);
          else
            bourse_chart_set_pane_price_range (chart, BOURSE_CHART_MAIN_PANE, price - 10, price + 10);
          break;
        }
      {
        double *hv = g_new (double, bars->len + 1);
        for (gsize i = 0; i < bars->len; i++)
          hv[i] = bars->close[i] - bars->open[i];
        bourse_chart_series_set_values (hist, hv, bars->len);
        g_free (hv);
      }

      cairo_scale (cr, scale, scale);
      bourse_chart_renderer_render (renderer, cr, w, h, scale);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      bourse_chart_viewport_get_visible_range (viewport, &first, &last);
      if (bars->len > 0)
        {
          /* Some of the data is always in view (bar i spans i ± 0.5; a plot
           * narrower than one bar shows part of one). */
          g_assert_cmpfloat (last, >, -1);
          g_assert_cmpfloat (first, <, (double) bars->len);
          if (last - first >= 3)
            {
              g_assert_cmpfloat (last, >=, 0);
              g_assert_cmpfloat (first, <=, (double) bars->len - 1);
            }
        }
    }
}

static void
test_save_png_errors (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(GError) error = NULL;

  /* No bars at all still renders (axes only); bad sizes and paths are errors. */
  g_assert_false (bourse_chart_renderer_save_png (renderer, "/nonexistent/dir/x.png", 100, 100, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bourse_chart_renderer_save_png (renderer, "x.png", -1, 100, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/Renderer/candle-colors-dark", test_candle_colors_dark);
  g_test_add_func ("/Bourse/Chart/Renderer/candle-colors-light", test_candle_colors_light);
  g_test_add_func ("/Bourse/Chart/Renderer/candle-colors-hidpi", test_candle_colors_hidpi);
  g_test_add_func ("/Bourse/Chart/Renderer/crisp-lines", test_crisp_lines);
  g_test_add_func ("/Bourse/Chart/Renderer/wick-and-border-colors", test_wick_and_border_colors);
  g_test_add_func ("/Bourse/Chart/Renderer/overlay-series", test_overlay_series);
  g_test_add_func ("/Bourse/Chart/Renderer/left-price-axis", test_left_price_axis);
  g_test_add_func ("/Bourse/Chart/Renderer/volume-columns-show-the-max", test_volume_columns_show_the_max);
  g_test_add_func ("/Bourse/Chart/Renderer/baseline-fill", test_baseline_fill);
  g_test_add_func ("/Bourse/Chart/Renderer/secondary-scale", test_secondary_scale);
  g_test_add_func ("/Bourse/Chart/Renderer/crosshair-magnet", test_crosshair_magnet);
  g_test_add_func ("/Bourse/Chart/Renderer/all-types-draw", test_all_types_draw);
  g_test_add_func ("/Bourse/Chart/Renderer/direct-fill-matches-cairo", test_direct_fill_matches_cairo);
  g_test_add_func ("/Bourse/Chart/Renderer/hit-test", test_hit_test);
  g_test_add_func ("/Bourse/Chart/Renderer/layer-hook", test_layer_hook);
  g_test_add_func ("/Bourse/Chart/Renderer/random-operations", test_random_operations);
  g_test_add_func ("/Bourse/Chart/Renderer/save-png-errors", test_save_png_errors);

  return g_test_run ();
}
