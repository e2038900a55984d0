/* test-chart-studies.c — indicators and drawings on a real chart: series values,
 * live updates, panes, editing through pointer events, and a rendered PNG
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart.h"
#include "bourse-chart-renderer.h"
#include "bourse-chart-studies.h"
#include "bourse-drawing-layer.h"
#include "bourse-drawing-painters.h"

#define WIDTH  1200
#define HEIGHT 900

static BourseBars *
make_bars (gsize n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  BourseBars *bars = bourse_bars_new (n + 16);
  double price = 100;

  for (gsize i = 0; i < n; i++)
    {
      double open = price;
      double close = open + g_rand_double_range (rand, -1.2, 1.25) + 0.4 * sin (i / 15.0);
      double high = MAX (open, close) + g_rand_double_range (rand, 0, 0.8);
      double low = MIN (open, close) - g_rand_double_range (rand, 0, 0.8);

      bourse_bars_append (bars, 1700000000 + (gint64) i * 3600, open, high, low, close,
                          g_rand_double_range (rand, 1000, 5000));
      price = close;
    }
  return bars;
}

static void
assert_series_match (BourseChartStudies *studies,
                     const char         *id,
                     gsize               len)
{
  BourseIndicator *ind = bourse_chart_studies_get_indicator (studies, id);
  g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (studies, id);
  g_autoptr(BourseIndicator) fresh = bourse_indicator_new_from_spec (bourse_indicator_get_spec (ind), NULL);

  g_assert_cmpuint (series->len, >, 0);
  bourse_indicator_update (fresh, bourse_chart_get_bars (bourse_chart_studies_get_chart (studies)));
  /* The first series of a single-output study shows output 0 unshifted. */
  if (bourse_indicator_get_n_outputs (ind) == 1)
    {
      BourseChartSeries *s = g_ptr_array_index (series, 0);

      g_assert_cmpuint (bourse_chart_series_get_n_values (s), ==, len);
      for (gsize i = 0; i < len; i++)
        {
          double want = bourse_indicator_get_value (fresh, 0, i);
          double got = bourse_chart_series_get_value (s, i, NULL);

          g_assert_true (isnan (want) == isnan (got));
          if (!isnan (want))
            g_assert_cmpfloat_with_epsilon (got, want, 1e-9 * MAX (1, fabs (want)));
        }
    }
}

/* Ichimoku's shifted lines: the cloud drawn 25 bars ahead, chikou 25 behind;
 * appends a bar to @bars (and revises it) to check the live update. */
static void
assert_ichimoku_shifted (BourseChart        *chart,
                         BourseChartStudies *studies,
                         BourseBars         *bars,
                         const char         *ichimoku)
{
  g_autoptr(GPtrArray) s = bourse_chart_studies_get_series (studies, ichimoku);
  BourseIndicator *ind = bourse_chart_studies_get_indicator (studies, ichimoku);
  BourseChartSeries *cloud = g_ptr_array_index (s, 0);
  BourseChartSeries *chikou = g_ptr_array_index (s, 3);

  /* the study's label in words on its first series; the others join its legend line */
  g_assert_cmpstr (bourse_chart_series_get_title (cloud), ==, "Ichimoku 9 26 52 26");
  g_assert_cmpstr (bourse_chart_series_get_title (chikou), ==, "Lagging Span");
  g_assert_true (bourse_chart_series_get_legend_joined (chikou));
  g_assert_false (bourse_chart_series_get_legend_joined (cloud));
  /* The cloud reaches 25 slots past the last bar; nothing of it is lost. */
  g_assert_cmpuint (bourse_chart_series_get_n_values (cloud), ==, bars->len + 25);
  g_assert_cmpuint (bourse_chart_series_get_n_values (chikou), ==, bars->len);
  g_assert_false (isnan (bourse_chart_series_get_value (cloud, bars->len + 24, NULL)));
  for (gsize j = 0; j < bars->len + 25; j++)
    {
      double lower, upper = bourse_chart_series_get_value (cloud, j, &lower);
      double lag = bourse_chart_series_get_value (chikou, j, NULL);

      if (j + 25 < bars->len)
        g_assert_cmpfloat (lag, ==, bars->close[j + 25]);
      else
        g_assert_true (isnan (lag));
      if (j >= 25 && !isnan (bourse_indicator_get_value (ind, 3, j - 25)))
        {
          g_assert_cmpfloat (upper, ==, bourse_indicator_get_value (ind, 2, j - 25));
          g_assert_cmpfloat (lower, ==, bourse_indicator_get_value (ind, 3, j - 25));
        }
      else
        g_assert_true (isnan (lower));
    }

  /* Live: a new bar moves the cloud's end one slot further, its value from
   * the new bar; a revision of that bar revises the last future slot. */
  bourse_bars_append (bars, bars->time[bars->len - 1] + 3600, 124.5, 126, 124, 125, 3000);
  bourse_chart_bars_changed (chart);
  bourse_bars_update_last (bars, 124.5, 140, 124, 139, 3100);
  bourse_chart_bars_changed (chart);
  g_assert_cmpuint (bourse_chart_series_get_n_values (cloud), ==, bars->len + 25);
  for (gsize j = bars->len - 2; j < bars->len + 25; j++)
    {
      double lower, upper = bourse_chart_series_get_value (cloud, j, &lower);

      g_assert_cmpfloat (upper, ==, bourse_indicator_get_value (ind, 2, j - 25));
      g_assert_cmpfloat (lower, ==, bourse_indicator_get_value (ind, 3, j - 25));
    }
  {
    g_autoptr(BourseIndicator) fresh = bourse_indicator_new_from_spec ("ichimoku", NULL);

    bourse_indicator_update (fresh, bars);
    g_assert_cmpfloat (bourse_chart_series_get_value (cloud, bars->len + 24, NULL), ==,
                       bourse_indicator_get_value (fresh, 2, bars->len - 1));
  }
}

static void
test_studies_on_chart (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (300);
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) panes = NULL;
  g_autoptr(GPtrArray) bb_series = NULL;
  g_autofree char *sma = NULL, *sma2 = NULL, *rsi = NULL, *macd = NULL, *bb = NULL, *ichimoku = NULL;
  BourseRgba red = BOURSE_RGBA (0xff0000, 1.0f), got;

  bourse_chart_set_bars (chart, bars);
  studies = bourse_chart_studies_new (chart);
  sma = g_strdup (bourse_chart_studies_add_default (studies, "sma:20", &error));
  g_assert_no_error (error);
  sma2 = g_strdup (bourse_chart_studies_add_default (studies, "sma:50", NULL));
  bb = g_strdup (bourse_chart_studies_add_default (studies, "bb:20,2", NULL));
  rsi = g_strdup (bourse_chart_studies_add_default (studies, "rsi:14", NULL));
  macd = g_strdup (bourse_chart_studies_add_default (studies, "macd:12,26,9", NULL));
  ichimoku = g_strdup (bourse_chart_studies_add_default (studies, "ichimoku", NULL));
  g_assert_null (bourse_chart_studies_add_default (studies, "nope:3", &error));
  g_assert_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_UNKNOWN_STUDY);
  g_clear_error (&error);

  /* Several instances of one study, overlays on the price pane, oscillators below. */
  g_assert_cmpstr (sma, !=, sma2);
  g_assert_cmpuint (bourse_chart_studies_get_pane (studies, sma), ==, BOURSE_CHART_MAIN_PANE);
  g_assert_cmpuint (bourse_chart_studies_get_pane (studies, bb), ==, BOURSE_CHART_MAIN_PANE);
  g_assert_cmpuint (bourse_chart_studies_get_pane (studies, rsi), !=, BOURSE_CHART_MAIN_PANE);
  g_assert_cmpuint (bourse_chart_studies_get_pane (studies, macd), !=, bourse_chart_studies_get_pane (studies, rsi));
  panes = bourse_chart_get_pane_ids (chart);
  g_assert_cmpuint (panes->len, ==, 3);   /* ichimoku is an overlay */

  assert_series_match (studies, sma, bars->len);
  assert_series_match (studies, rsi, bars->len);
  {
    g_autoptr(GPtrArray) s = bourse_chart_studies_get_series (studies, rsi);
    g_assert_cmpstr (bourse_chart_series_get_title (g_ptr_array_index (s, 0)), ==, "RSI 14");
  }
  bb_series = bourse_chart_studies_get_series (studies, bb);
  g_assert_cmpuint (bourse_chart_series_get_kind (g_ptr_array_index (bb_series, 0)), ==, BOURSE_CHART_SERIES_BAND);
  {
    double lower, upper = bourse_chart_series_get_value (g_ptr_array_index (bb_series, 0), 100, &lower);
    BourseIndicator *ind = bourse_chart_studies_get_indicator (studies, bb);
    g_assert_cmpfloat (upper, ==, bourse_indicator_get_value (ind, 0, 100));
    g_assert_cmpfloat (lower, ==, bourse_indicator_get_value (ind, 2, 100));
  }

  /* Live: a new bar and revisions of it reach every series without a rebuild. */
  bourse_bars_append (bars, bars->time[bars->len - 1] + 3600, 120, 121, 119, 120.5, 3000);
  bourse_chart_bars_changed (chart);
  bourse_bars_update_last (bars, 120, 125, 119, 124.5, 3500);
  bourse_chart_bars_changed (chart);
  assert_series_match (studies, sma, bars->len);
  assert_series_match (studies, sma2, bars->len);
  assert_series_match (studies, rsi, bars->len);

  assert_ichimoku_shifted (chart, studies, bars, ichimoku);

  /* Parameters and colours are editable. */
  g_assert_true (bourse_chart_studies_set_spec (studies, rsi, "rsi:7", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (studies, rsi)), ==, "rsi:7");
  assert_series_match (studies, rsi, bars->len);
  g_assert_false (bourse_chart_studies_set_spec (studies, rsi, "sma:7", &error));
  g_clear_error (&error);
  g_assert_true (bourse_chart_studies_set_color (studies, sma, 0, &red));
  {
    g_autoptr(GPtrArray) s = bourse_chart_studies_get_series (studies, sma);
    bourse_chart_series_get_color (g_ptr_array_index (s, 0), &got);
    g_assert_cmpfloat (got.red, ==, 1.0f);
    g_assert_cmpfloat (got.green, ==, 0.0f);
  }

  /* Removing a pane study removes its pane. */
  g_assert_true (bourse_chart_studies_remove (studies, macd));
  g_clear_pointer (&panes, g_array_unref);
  panes = bourse_chart_get_pane_ids (chart);
  g_assert_cmpuint (panes->len, ==, 2);
  g_assert_false (bourse_chart_studies_remove (studies, macd));
  {
    g_autoptr(GPtrArray) ids = bourse_chart_studies_list (studies);
    g_assert_cmpuint (ids->len, ==, 5);
  }

  /* Replaced bars (another symbol): a full resync. */
  {
    g_autoptr(BourseBars) other = make_bars (120);
    for (gsize i = 0; i < other->len; i++)
      other->time[i] += 7;
    bourse_chart_set_bars (chart, other);
    assert_series_match (studies, sma, other->len);
    assert_series_match (studies, rsi, other->len);
  }
}

/* A long history: the series fill in from a worker thread, then follow live bars. */
static void
test_studies_long_history (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (150000);
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autofree char *ema = NULL, *gone = NULL;
  g_autoptr(GPtrArray) series = NULL;
  gint64 deadline;

  bourse_chart_set_bars (chart, bars);
  studies = bourse_chart_studies_new (chart);
  ema = g_strdup (bourse_chart_studies_add_default (studies, "ema:30", NULL));
  gone = g_strdup (bourse_chart_studies_add_default (studies, "rsi:14", NULL));
  series = bourse_chart_studies_get_series (studies, ema);
  /* Nothing computed on the main thread yet (completion only arrives through the loop). */
  g_assert_cmpuint (bourse_chart_series_get_n_values (g_ptr_array_index (series, 0)), ==, 0);
  /* Removing a study whose computation is still running is safe. */
  g_assert_true (bourse_chart_studies_remove (studies, gone));
  /* Bars keep arriving meanwhile. */
  bourse_bars_append (bars, bars->time[bars->len - 1] + 3600, 120, 121, 119, 120.5, 3000);
  bourse_chart_bars_changed (chart);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (bourse_chart_series_get_n_values (g_ptr_array_index (series, 0)) < bars->len &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  assert_series_match (studies, ema, bars->len);

  bourse_bars_update_last (bars, 120, 122, 119, 121.75, 3100);
  bourse_chart_bars_changed (chart);
  assert_series_match (studies, ema, bars->len);
}

static void
press (BourseChartLayer *layer, const BourseChartPaneGeometry *g, double x, double y, gboolean *handled)
{
  BourseChartPointerEvent ev = { BOURSE_CHART_POINTER_PRESS, x, y, 1, 1, TRUE, 0 };
  *handled = bourse_chart_layer_pointer_event (layer, &ev, g);
}

static void
move (BourseChartLayer *layer, const BourseChartPaneGeometry *g, double x, double y)
{
  BourseChartPointerEvent ev = { BOURSE_CHART_POINTER_MOTION, x, y, 0, 0, TRUE, 0 };
  bourse_chart_layer_pointer_event (layer, &ev, g);
}

static void
release (BourseChartLayer *layer, const BourseChartPaneGeometry *g, double x, double y)
{
  BourseChartPointerEvent ev = { BOURSE_CHART_POINTER_RELEASE, x, y, 1, 1, FALSE, 0 };
  bourse_chart_layer_pointer_event (layer, &ev, g);
}

static void
test_drawing_layer_editing (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (200);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseDrawingLayer) layer = bourse_drawing_layer_new (NULL);
  GListModel *model = G_LIST_MODEL (bourse_drawing_layer_get_drawings (layer));
  BourseChartLayer *as_layer = BOURSE_CHART_LAYER (layer);
  BourseChartPaneGeometry g;
  BourseDrawing *line;
  BourseDrawingPoint p0, p1;
  gboolean handled;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_add_layer (chart, as_layer, BOURSE_CHART_MAIN_PANE);
  bourse_chart_renderer_layout (renderer, WIDTH, HEIGHT, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));

  /* Create: the tool, a press and a drag. */
  bourse_drawing_layer_set_tool (layer, BOURSE_DRAWING_TREND_LINE);
  press (as_layer, &g, 200, 300, &handled);
  g_assert_true (handled);
  move (as_layer, &g, 400, 200);
  release (as_layer, &g, 400, 200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (bourse_drawing_layer_get_tool (layer), ==, BOURSE_DRAWING_LAYER_NO_TOOL);
  line = bourse_drawing_layer_get_selected (layer);
  g_assert_nonnull (line);
  p0 = bourse_drawing_get_point (line, 0);
  p1 = bourse_drawing_get_point (line, 1);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_time_to_x (&g, p0.time), 200, 1.0);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, p0.price), 300, 1e-6);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_time_to_x (&g, p1.time), 400, 1.0);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, p1.price), 200, 1e-6);

  /* Click empty space: deselects and lets the chart pan. */
  press (as_layer, &g, 700, 600, &handled);
  g_assert_false (handled);
  g_assert_null (bourse_drawing_layer_get_selected (layer));

  /* Click on the line: selects; drag: moves the whole line by the pointer travel. */
  press (as_layer, &g, 300, 250, &handled);
  g_assert_true (handled);
  g_assert_true (bourse_drawing_layer_get_selected (layer) == line);
  move (as_layer, &g, 300, 300);
  release (as_layer, &g, 300, 300);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, bourse_drawing_get_point (line, 0).price), 350, 1e-6);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, bourse_drawing_get_point (line, 1).price), 250, 1e-6);
  g_assert_cmpint (bourse_drawing_get_point (line, 0).time, ==, p0.time);

  /* Drag a handle: only that anchor moves. */
  press (as_layer, &g, 402, 251, &handled);
  move (as_layer, &g, 500, 100);
  release (as_layer, &g, 500, 100);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, bourse_drawing_get_point (line, 1).price), 100, 1e-6);
  g_assert_cmpfloat_with_epsilon (bourse_chart_pane_geometry_price_to_y (&g, bourse_drawing_get_point (line, 0).price), 350, 1e-6);

  /* Magnet: a horizontal line created near a bar snaps to one of its O/H/L/C. */
  bourse_drawing_layer_set_magnet (layer, TRUE);
  bourse_drawing_layer_set_tool (layer, BOURSE_DRAWING_HORIZONTAL_LINE);
  {
    gsize i = 150;
    double x = bourse_chart_pane_geometry_time_to_x (&g, bars->time[i]) + 1;
    double y = bourse_chart_pane_geometry_price_to_y (&g, bars->high[i]) - 3;
    BourseDrawing *h;

    press (as_layer, &g, x, y, &handled);
    release (as_layer, &g, x, y);
    h = bourse_drawing_layer_get_selected (layer);
    g_assert_cmpint (bourse_drawing_get_kind (h), ==, BOURSE_DRAWING_HORIZONTAL_LINE);
    g_assert_cmpfloat (bourse_drawing_get_point (h, 0).price, ==, bars->high[i]);
    g_assert_cmpint (bourse_drawing_get_point (h, 0).time, ==, bars->time[i]);
  }

  /* Locked drawings select but do not move; delete removes the selection. */
  bourse_drawing_set_locked (line, TRUE);
  {
    double before = bourse_drawing_get_point (line, 0).price;
    press (as_layer, &g, 260, 300, &handled);
    g_assert_true (bourse_drawing_layer_get_selected (layer) == line);
    move (as_layer, &g, 250, 500);
    release (as_layer, &g, 250, 500);
    g_assert_cmpfloat (bourse_drawing_get_point (line, 0).price, ==, before);
  }
  g_assert_cmpstr (bourse_chart_layer_get_cursor (as_layer, 260, 300, &g), ==, "move");
  g_assert_cmpstr (bourse_chart_layer_get_cursor (as_layer, 501, 101, &g), ==, "pointer");
  g_assert_null (bourse_chart_layer_get_cursor (as_layer, 900, 700, &g));
  g_assert_true (bourse_drawing_layer_delete_selected (layer));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_false (bourse_drawing_layer_delete_selected (layer));
  bourse_chart_remove_layer (chart, as_layer);
}

/* The cloud is drawn in the future slots right of the last bar, also when
 * zoomed out to one pixel column per several bars. */
static void
test_ichimoku_future_cloud (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (3000);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseChartStudies) studies = NULL;
  const BourseChartPalette *pal;
  BourseChartSeries *cloud;
  g_autoptr(GPtrArray) series = NULL;
  const char *id;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_HIDDEN);
  pal = bourse_chart_get_palette (chart);
  studies = bourse_chart_studies_new (chart);
  id = bourse_chart_studies_add_default (studies, "ichimoku", NULL);
  g_assert_nonnull (id);
  series = bourse_chart_studies_get_series (studies, id);
  cloud = g_ptr_array_index (series, 0);
  bourse_chart_renderer_layout (renderer, 600, 400, 1);

  /* The viewport knows the cloud's slots: fitting the content shows them,
   * and zooming out as far as allowed still does. */
  {
    BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
    double first, last;

    g_assert_cmpuint (bourse_chart_viewport_get_n_future (viewport), ==, 25);
    bourse_chart_viewport_fit_content (viewport);
    bourse_chart_viewport_get_visible_range (viewport, &first, &last);
    g_assert_cmpfloat (first, <=, 0);
    g_assert_cmpfloat (last, >=, (double) bars->len + 24);
    bourse_chart_viewport_set_bar_spacing (viewport, 1e-9);
    bourse_chart_viewport_get_visible_range (viewport, &first, &last);
    g_assert_cmpfloat (last, >=, (double) bars->len + 24);
  }

  /* Zoomed in (6 px per bar), then zoomed out (~0.35 px per bar). */
  for (int zoom = 0; zoom < 2; zoom++)
    {
      double first = zoom == 0 ? (double) bars->len - 60 : (double) bars->len / 2;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
      cairo_t *cr = cairo_create (surface);
      BourseChartPaneGeometry g;
      guint hits = 0, probes = 0;

      bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), first, (double) bars->len + 30);
      bourse_chart_renderer_render (renderer, cr, 600, 400, 1);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
      g_assert_cmpint (zoom == 0 ? g.time_scale.bar_spacing > 1 : g.time_scale.bar_spacing < 1, ==, TRUE);

      /* Between the spans, at future slots where they are far enough apart,
       * the pixel is the cloud's fill, not the background. */
      for (gsize j = bars->len + 2; j < bars->len + 24; j++)
        {
          double lower, upper = bourse_chart_series_get_value (cloud, j, &lower);
          double x = g.x + bourse_chart_pane_geometry_index_to_x (&g, (double) j);
          double y1 = g.y + bourse_chart_pane_geometry_price_to_y (&g, upper);
          double y2 = g.y + bourse_chart_pane_geometry_price_to_y (&g, lower);
          unsigned char *data = cairo_image_surface_get_data (surface);
          guint32 px;

          g_assert_false (isnan (upper) || isnan (lower));
          /* Autoscale keeps the future cloud in view. */
          g_assert_cmpfloat (MIN (y1, y2), >=, g.y);
          g_assert_cmpfloat (MAX (y1, y2), <=, g.y + g.height);
          if (fabs (y1 - y2) < 6 || x >= g.x + g.width - 1)
            continue;
          probes++;
          px = *(guint32 *) (void *) (data + (int) ((y1 + y2) / 2) * cairo_image_surface_get_stride (surface) +
                                      (int) x * 4) & 0xffffff;
          if (px != ((guint32) lround (pal->background.red * 255) << 16 |
                     (guint32) lround (pal->background.green * 255) << 8 |
                     (guint32) lround (pal->background.blue * 255)))
            hits++;
        }
      g_assert_cmpuint (probes, >, 0);
      g_assert_cmpuint (hits, ==, probes);
      cairo_surface_destroy (surface);
    }

  /* The crosshair over a future slot snaps to it, as over a bar. */
  {
    guint32 want = (guint32) lround (pal->crosshair.red * 255) << 16 |
                   (guint32) lround (pal->crosshair.green * 255) << 8 |
                   (guint32) lround (pal->crosshair.blue * 255);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
    cairo_t *cr = cairo_create (surface);
    BourseChartPaneGeometry g;
    unsigned char *data;
    int stride, x_slot, x_pointer;
    guint on_slot = 0, on_pointer = 0;

    bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), (double) bars->len - 60,
                                             (double) bars->len + 30);
    bourse_chart_renderer_layout (renderer, 600, 400, 1);
    g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
    g_assert_cmpfloat (g.time_scale.bar_spacing, >, 5);
    x_slot = (int) floor (g.x + bourse_chart_pane_geometry_index_to_x (&g, (double) bars->len + 10));
    x_pointer = (int) floor (g.x + bourse_chart_pane_geometry_index_to_x (&g, (double) bars->len + 10.4));
    g_assert_cmpint (x_pointer - x_slot, >=, 2);
    bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, x_pointer + 0.5, g.y + 20);
    bourse_chart_renderer_render (renderer, cr, 600, 400, 1);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    data = cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface);
    for (int y = (int) g.y + 30; y < (int) g.y + 90; y++)
      {
        on_slot += (*(guint32 *) (void *) (data + y * stride + x_slot * 4) & 0xffffff) == want;
        on_pointer += (*(guint32 *) (void *) (data + y * stride + x_pointer * 4) & 0xffffff) == want;
      }
    g_assert_cmpuint (on_slot, >, 10);
    g_assert_cmpuint (on_pointer, ==, 0);
    cairo_surface_destroy (surface);
    bourse_chart_clear_crosshair (chart);
  }

  /* Without the study nothing reaches past the last bar any more. */
  g_clear_pointer (&series, g_ptr_array_unref);
  g_assert_true (bourse_chart_studies_remove (studies, id));
  g_assert_cmpuint (bourse_chart_viewport_get_n_future (bourse_chart_get_viewport (chart)), ==, 0);
}

/* An oscillator or volume study over the candles gets the secondary scale (its
 * own labelled axis); a price-like overlay stays on the candles' scale. */
static void
test_overlay_on_secondary_scale (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (200);
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autoptr(GPtrArray) obv = NULL;
  g_autoptr(GPtrArray) sma = NULL;
  g_autoptr(GPtrArray) rsi = NULL;
  const char *id;

  bourse_chart_set_bars (chart, bars);
  studies = bourse_chart_studies_new (chart);
  id = bourse_chart_studies_add (studies, "obv", BOURSE_INDICATOR_PLACEMENT_OVERLAY, NULL);
  g_assert_cmpuint (bourse_chart_studies_get_pane (studies, id), ==, BOURSE_CHART_MAIN_PANE);
  obv = bourse_chart_studies_get_series (studies, id);
  g_assert_true (bourse_chart_series_get_secondary_scale (g_ptr_array_index (obv, 0)));
  id = bourse_chart_studies_add_default (studies, "sma:20", NULL);
  sma = bourse_chart_studies_get_series (studies, id);
  g_assert_false (bourse_chart_series_get_secondary_scale (g_ptr_array_index (sma, 0)));
  /* In its own pane an oscillator uses that pane's main scale. */
  id = bourse_chart_studies_add_default (studies, "rsi:14", NULL);
  rsi = bourse_chart_studies_get_series (studies, id);
  g_assert_false (bourse_chart_series_get_secondary_scale (g_ptr_array_index (rsi, 0)));
}

/* 0xRRGGBB of @color */
static guint32
rgb_of (const BourseRgba *color)
{
  return (guint32) lround (color->red * 255) << 16 | (guint32) lround (color->green * 255) << 8 |
         (guint32) lround (color->blue * 255);
}

/* Opaque pixels of @surface within 12 per channel of 0xRRGGBB @rgb. */
static guint
count_colour (cairo_surface_t *surface,
              guint32          rgb)
{
  const guint8 *data;
  int stride;
  guint counted = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        gboolean near = (px >> 24) == 0xff;

        for (guint shift = 0; shift < 24; shift += 8)
          near &= ABS ((int) ((px >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) <= 12;
        counted += near;
      }
  return counted;
}

static cairo_surface_t *
render_surface (BourseChartRenderer *renderer)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  bourse_chart_renderer_render (renderer, cr, WIDTH, HEIGHT, 1);
  cairo_destroy (cr);
  return surface;
}

/* Distinct colours for study series, none of them the chart's own. */
static const guint32 series_colours[] = {
  0xffeb3b, 0xab47bc, 0x8d6e63, 0x00e5ff, 0x76ff03, 0xf48fb1, 0x3949ab, 0xc0ca33,
  0x5d4037, 0xff1744, 0xb388ff, 0x1de9b6, 0xffab40, 0x827717, 0x880e4f, 0x004d40,
};

/* Gives each series of study @id the next colour of series_colours, 2 px wide so
 * that antialiasing leaves whole pixels of it. */
static void
colour_series (BourseChartStudies *studies,
               const char         *id,
               guint              *next)
{
  g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (studies, id);

  for (guint k = 0; k < series->len; k++)
    {
      BourseRgba color = { 0, 0, 0, 1 };

      g_assert_cmpuint (*next, <, G_N_ELEMENTS (series_colours));
      color.red = (series_colours[*next] >> 16) / 255.f;
      color.green = ((series_colours[*next] >> 8) & 0xff) / 255.f;
      color.blue = (series_colours[*next] & 0xff) / 255.f;
      (*next)++;
      bourse_chart_series_set_color (g_ptr_array_index (series, k), &color);
      bourse_chart_series_set_negative_color (g_ptr_array_index (series, k), &color);
      bourse_chart_series_set_line_width (g_ptr_array_index (series, k), 2);
    }
}

/* Pixels of 0xRRGGBB @rgb in @surface, once it is known that @bare (the chart
 * alone) shows next to none of them and no earlier item in @seen used it. */
static guint
painted_in (cairo_surface_t *surface,
            cairo_surface_t *bare,
            guint32          rgb,
            const char      *what,
            GHashTable      *seen)
{
  guint here = count_colour (surface, rgb), before = count_colour (bare, rgb);

  g_test_message ("%s: #%06x, %u px (chart alone %u)", what, rgb, here, before);
  g_assert_cmpuint (before, <, 10);
  if (g_hash_table_contains (seen, GUINT_TO_POINTER (rgb)))
    g_error ("%s and %s share #%06x", what, (char *) g_hash_table_lookup (seen, GUINT_TO_POINTER (rgb)), rgb);
  g_hash_table_insert (seen, GUINT_TO_POINTER (rgb), g_strdup (what));
  return here;
}

/* WCAG relative luminance of an 8-bit sRGB colour. */
static double
luminance (const guint8 *rgb)
{
  double l = 0;
  const double w[3] = { 0.2126, 0.7152, 0.0722 };

  for (guint i = 0; i < 3; i++)
    {
      double c = rgb[i] / 255.0;
      l += w[i] * (c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4));
    }
  return l;
}

/* The pixel at (@x, @y) of an RGB24 surface as r, g, b. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          guint8          *rgb)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 v = ((const guint32 *) row)[x];

  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

/* The long position tool's labels are readable: each a solid box inside the
 * drawing, showing only its background and its text colour (no zone edge or
 * fill through it), with a contrast of at least 4.5:1, whatever the
 * drawing's colour (the ratio box takes it). When the zones are too
 * thin for them, the target and stop labels go beyond the zone's edge
 * instead of across it. */
static void
test_position_labels_readable (void)
{
  const struct { double entry_y, target_y, stop_y; gboolean inside; guint32 color; } cases[] = {
    { 150, 40, 210, TRUE, 0x2962ffff },    /* tall zones: labels inside */
    { 150, 135, 160, FALSE, 0xffeb3bff },  /* thin zones: target and stop labels beyond the edges; a light colour */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      BourseDrawingPoint points[3] = { { 1700000000, 100 }, { 1700003600, 106 }, { 1700000000, 98 } };
      g_autoptr(BourseDrawing) drawing = bourse_drawing_new (BOURSE_DRAWING_LONG_POSITION, points);
      g_autoptr(BourseChartText) text = bourse_chart_text_new ();
      BourseChartPaneGeometry g = { 0 };
      double x[3] = { 60, 340, 60 };
      double y[3] = { cases[c].entry_y, cases[c].target_y, cases[c].stop_y };
      double top = MIN (y[1], y[2]), bottom = MAX (y[1], y[2]);
      BoursePositionLabel labels[BOURSE_POSITION_N_LABELS];
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 260);
      cairo_t *cr = cairo_create (surface);

      bourse_drawing_set_color (drawing, cases[c].color);
      g.width = 400;
      g.height = 260;
      g.precision = 2;
      g.scale_factor = 1;
      g.text = text;   /* the chart's fonts, as the renderer hands them to layers */
      cairo_set_source_rgb (cr, 1, 1, 1);   /* the light theme's background */
      cairo_paint (cr);
      bourse_drawing_paint (cr, drawing, &g, x, y);
      bourse_drawing_layout_position_labels (cr, drawing, &g, x, y, labels);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (c == 0)
        {
          g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "position-labels.png", NULL);
          cairo_surface_write_to_png (surface, path);
        }

      g_assert_cmpstr (labels[BOURSE_POSITION_LABEL_TARGET].text, ==, "Target: 6.00 (6.00%)");
      g_assert_cmpstr (labels[BOURSE_POSITION_LABEL_STOP].text, ==, "Stop: 2.00 (2.00%)");
      g_assert_cmpstr (labels[BOURSE_POSITION_LABEL_RATIO].text, ==, "Risk/Reward Ratio: 3.00");
      for (guint k = 0; k < BOURSE_POSITION_N_LABELS; k++)
        {
          const BoursePositionLabel *l = &labels[k];
          guint8 bg[3], rgb[3], fg[3];
          double contrast = 1;
          guint text_pixels = 0;
          double edge = k == BOURSE_POSITION_LABEL_TARGET ? y[1] : y[2];

          g_test_message ("case %u label %u '%s' at %.0f,%.0f %.0fx%.0f", c, k, l->text, l->x, l->y, l->width, l->height);
          g_assert_cmpfloat (l->x, >=, x[0]);
          g_assert_cmpfloat (l->x + l->width, <=, x[1]);
          if (cases[c].inside || k == BOURSE_POSITION_LABEL_RATIO)
            {
              g_assert_cmpfloat (l->y, >=, top);
              g_assert_cmpfloat (l->y + l->height, <=, bottom);
            }
          else
            /* beyond the zone's far edge, not across it */
            g_assert_true (l->y + l->height <= edge || l->y >= edge);

          pixel_at (surface, (int) l->x + 1, (int) l->y + 1, bg);
          /* the text colour: white or black, whichever the box contrasts with more */
          memset (fg, luminance (bg) > 0.179 ? 0 : 255, 3);
          for (int py = (int) l->y; py < (int) (l->y + l->height); py++)
            for (int px = (int) l->x; px < (int) (l->x + l->width); px++)
              {
                double t, d = 0;

                pixel_at (surface, px, py, rgb);
                /* Only the background, white, or antialiasing between the two. */
                t = (rgb[0] - bg[0] + rgb[1] - bg[1] + rgb[2] - bg[2]) /
                    (double) (fg[0] - bg[0] + fg[1] - bg[1] + fg[2] - bg[2]);
                t = CLAMP (t, 0, 1);
                for (guint i = 0; i < 3; i++)
                  d = MAX (d, fabs (rgb[i] - (bg[i] + t * (fg[i] - bg[i]))));
                if (d > 24)
                  g_error ("label %u: pixel %d,%d #%02x%02x%02x is neither its background nor its text",
                           k, px, py, rgb[0], rgb[1], rgb[2]);
                if (t > 0.9)
                  text_pixels++;
                contrast = MAX (contrast, (MAX (luminance (rgb), luminance (bg)) + 0.05) /
                                          (MIN (luminance (rgb), luminance (bg)) + 0.05));
              }
          g_assert_cmpuint (text_pixels, >, 20);
          g_test_message ("  background #%02x%02x%02x, contrast %.1f:1", bg[0], bg[1], bg[2], contrast);
          g_assert_cmpfloat (contrast, >=, 4.5);
        }
      cairo_surface_destroy (surface);
    }
}

/* Not a pixel comparison: the PNG is for people to look at; the test checks the
 * studies and drawings actually painted something in their colours. */
static void
test_render_png (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (220);
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autoptr(BourseDrawingLayer) layer = bourse_drawing_layer_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GListStore *list = bourse_drawing_layer_get_drawings (layer);
  gint64 t0 = bars->time[0], h = 3600;
  /* Bollinger first: its translucent band would tint the lines painted before it;
   * sma:10, as the band's basis would hide an sma:20. */
  const char *specs[] = { "bb:20,2", "sma:10", "ema:50", "vwap", "rsi:14", "macd:12,26,9", "stoch:14,3,3" };
  /* Anchors at bar times, prices at the bar's close plus an offset. */
  struct { BourseDrawingKind kind; BourseDrawingPoint pts[3]; double offset[3]; const char *text; guint32 color; } items[] = {
    { BOURSE_DRAWING_TREND_LINE, { { t0 + 60 * h, 0 }, { t0 + 110 * h, 0 } }, { -1, -1 }, NULL, 0xff9800ff },
    { BOURSE_DRAWING_HORIZONTAL_LINE, { { t0, 0 } }, { 0 }, NULL, 0x4caf50ff },
    { BOURSE_DRAWING_FIB_RETRACEMENT, { { t0 + 100 * h, 0 }, { t0 + 125 * h, 0 } }, { 0, 0 }, NULL, 0x7e57c2ff },
    { BOURSE_DRAWING_LONG_POSITION, { { t0 + 185 * h, 0 }, { t0 + 210 * h, 0 }, { t0 + 185 * h, 0 } }, { 0, 6, -2 }, NULL, 0x2962ffff },
    { BOURSE_DRAWING_PARALLEL_CHANNEL, { { t0 + 130 * h, 0 }, { t0 + 175 * h, 0 }, { t0 + 150 * h, 0 } }, { 1, 1, -6 }, NULL, 0xe91e63ff },
    { BOURSE_DRAWING_TEXT_NOTE, { { t0 + 60 * h, 0 } }, { 1.5 }, "Breakout?", 0x40c4ffff },
    { BOURSE_DRAWING_RECTANGLE, { { t0 + 140 * h, 0 }, { t0 + 150 * h, 0 } }, { 1, -1 }, NULL, 0x00bcd4ff },
  };
  const char *ids[G_N_ELEMENTS (specs)];
  guint next_colour = 0;
  cairo_surface_t *bare;
  cairo_surface_t *surface;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_watermark (chart, "DEMO:STUDIES 1H");
  /* The chart alone, to show that the colours counted below come from the studies and drawings. */
  bare = render_surface (renderer);
  studies = bourse_chart_studies_new (chart);
  /* Every study series gets a colour of its own (some defaults are the candles'
   * green or a drawing's blue), so each count below belongs to one item. */
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      ids[i] = bourse_chart_studies_add_default (studies, specs[i], NULL);
      g_assert_nonnull (ids[i]);
      colour_series (studies, ids[i], &next_colour);
    }

  /* Anchor prices from the bars so everything is on screen. */
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      g_autoptr(BourseDrawing) d = NULL;

      for (guint p = 0; p < 3; p++)
        {
          gsize i = bourse_bars_lower_bound (bars, items[k].pts[p].time);
          i = MIN (i, bars->len - 1);
          items[k].pts[p].price = bars->close[i] + items[k].offset[p];
        }
      d = bourse_drawing_new (items[k].kind, items[k].pts);
      bourse_drawing_set_color (d, items[k].color);
      bourse_drawing_set_line_width (d, 2);
      if (items[k].text)
        bourse_drawing_set_text (d, items[k].text);
      g_list_store_append (list, d);
    }
  bourse_chart_add_layer (chart, BOURSE_CHART_LAYER (layer), BOURSE_CHART_MAIN_PANE);
  bourse_drawing_layer_set_selected (layer, g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_object_unref (bourse_drawing_layer_get_selected (layer));

  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                           "studies-chart.png", NULL);
  g_assert_true (bourse_chart_renderer_save_png (renderer, path, WIDTH, HEIGHT, 1, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);

  /* Each study and each drawing painted pixels in its own colour, a colour the
   * chart alone does not show and no other item uses. */
  surface = render_surface (renderer);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);

    for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
      {
        g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (studies, ids[i]);
        guint painted = 0;

        g_assert_cmpuint (series->len, >, 0);
        for (guint k = 0; k < series->len; k++)
          {
            BourseRgba color;
            g_autofree char *what = g_strdup_printf ("%s output %u", specs[i], k);

            bourse_chart_series_get_color (g_ptr_array_index (series, k), &color);
            painted += painted_in (surface, bare, rgb_of (&color), what, seen);
          }
        if (painted < 20)
          g_error ("%s painted %u px in its colours", specs[i], painted);
      }
    for (guint k = 0; k < G_N_ELEMENTS (items); k++)
      {
        g_autofree char *what = g_strdup_printf ("drawing %u (kind %d)", k, items[k].kind);
        guint painted = painted_in (surface, bare, items[k].color >> 8, what, seen);

        if (painted < 20)
          g_error ("%s painted %u px in its colour", what, painted);
      }
  }
  cairo_surface_destroy (surface);
  cairo_surface_destroy (bare);
}

static guint32
surface_rgb (cairo_surface_t *surface,
             int              x,
             int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (const void *) (data + (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4) & 0xffffff;
}

static cairo_surface_t *
render_frame (BourseChartRenderer *renderer,
              int                  width,
              int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  bourse_chart_renderer_render (renderer, cr, width, height, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Legend plates: one per study line, none overlapping another, all inside
 * their pane's plot (a narrow chart cuts them with "…"), and drawn over the
 * plot lines, so a line crossing the legend area never runs through text. */
static void
test_legend_plates (void)
{
  g_autoptr(BourseBars) bars = make_bars (300);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  g_autoptr(BourseChartSeries) crossing = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, NULL);
  const char *specs[] = { "sma:20", "ema:9", "bb:20,2", "ichimoku", "rsi", "macd", "stoch" };
  const int widths[] = { 1000, 260 };
  BourseRgba black = BOURSE_RGBA (0x000000, 1.0);
  g_autoptr(GError) error = NULL;
  double top_value = -INFINITY, cross_y = 0;
  g_autofree double *values = g_new (double, bars->len);

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_HIDDEN);
  bourse_chart_set_grid_visible (chart, FALSE);
  /* a white plate over a black line */
  bourse_chart_set_theme (chart, BOURSE_CHART_THEME_LIGHT);
  studies = bourse_chart_studies_new (chart);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_assert_nonnull (bourse_chart_studies_add_default (studies, specs[i], &error));
      g_assert_no_error (error);
    }
  renderer = bourse_chart_renderer_new (chart);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      cairo_surface_t *surface;
      BourseChartPaneGeometry main_geometry;
      guint n, crossed = 0;

      /* a black line across the main pane through the middle of its second
       * legend line (the first study's) */
      if (w == 0)
        bourse_chart_add_series (chart, crossing, BOURSE_CHART_MAIN_PANE);
      bourse_chart_series_set_color (crossing, &black);
      bourse_chart_series_set_line_width (crossing, 3);
      surface = render_frame (renderer, widths[w], HEIGHT);
      cairo_surface_destroy (surface);
      g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &main_geometry));
      /* a fixed scale, so the line lands where it is put */
      bourse_chart_set_pane_price_range (chart, BOURSE_CHART_MAIN_PANE, main_geometry.price_scale.min,
                                         main_geometry.price_scale.max);
      surface = render_frame (renderer, widths[w], HEIGHT);
      cairo_surface_destroy (surface);
      g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &main_geometry));
      {
        BourseChartLegendItem second;

        g_assert_true (bourse_chart_renderer_get_legend_item (renderer, 1, &second));
        g_assert_cmpuint (second.pane_id, ==, BOURSE_CHART_MAIN_PANE);
        cross_y = floor (second.y + second.height / 2);
      }
      top_value = bourse_price_scale_y_to_price (&main_geometry.price_scale, cross_y + 0.5 - main_geometry.y);
      for (gsize i = 0; i < bars->len; i++)
        values[i] = top_value;
      bourse_chart_series_set_values (crossing, values, bars->len);
      surface = render_frame (renderer, widths[w], HEIGHT);
      if (g_getenv ("STUDIESUI_DEBUG"))
        cairo_surface_write_to_png (surface, w == 0 ? "/tmp/studiesui-legend0.png" : "/tmp/studiesui-legend1.png");
      n = bourse_chart_renderer_get_n_legend_items (renderer);
      /* OHLC, SMA, EMA, Bollinger, Ichimoku on the main pane (the untitled
       * crossing line has values only), RSI, MACD, Stochastic below */
      g_assert_cmpuint (n, >=, 8);
      for (guint i = 0; i < n; i++)
        {
          BourseChartLegendItem a;
          BourseChartPaneGeometry g;

          g_assert_true (bourse_chart_renderer_get_legend_item (renderer, i, &a));
          g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, a.pane_id, &g));
          g_assert_cmpfloat (a.width, >, 0);
          g_assert_cmpfloat (a.height, >, 0);
          g_assert_cmpfloat (a.x, >=, g.x);
          g_assert_cmpfloat (a.x + a.width, <=, g.x + g.width);
          g_assert_cmpfloat (a.y, >=, g.y);
          g_assert_cmpfloat (a.y + a.height, <=, g.y + g.height);
          for (guint j = i + 1; j < n; j++)
            {
              BourseChartLegendItem b;

              g_assert_true (bourse_chart_renderer_get_legend_item (renderer, j, &b));
              /* plates never overlap, whatever their panes */
              g_assert_true (a.x + a.width <= b.x || b.x + b.width <= a.x ||
                             a.y + a.height <= b.y || b.y + b.height <= a.y);
            }
          /* where the black line crosses a plate, the plate is on top */
          if (a.pane_id == BOURSE_CHART_MAIN_PANE && a.y + 1 < cross_y && a.y + a.height - 1 > cross_y)
            {
              guint32 outside = surface_rgb (surface, (int) (a.x + a.width) + 3, (int) cross_y);
              guint32 inside = surface_rgb (surface, (int) (a.x + a.width) - 2, (int) cross_y);

              g_assert_cmpuint (outside & 0xff, <, 0x40);        /* the line, right of the plate */
              g_assert_cmpuint (inside & 0xff, >, 0xc0);         /* light: the plate over it */
              g_assert_cmpuint ((inside >> 8) & 0xff, >, 0xc0);
              crossed++;
            }
        }
      g_assert_cmpuint (crossed, >=, 1);
      cairo_surface_destroy (surface);
    }
}

/* Levels stay in view and a study pane's scale takes the study's decimals. */
static void
test_levels_and_precision (void)
{
  g_autoptr(BourseBars) bars = make_bars (300);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartStudies) studies = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;
  BourseChartPaneGeometry g;
  BourseStudyStyle style;
  const char *rsi, *atr, *obv;
  char label[32];

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_price_format (chart, 5, 0.00001);
  studies = bourse_chart_studies_new (chart);
  rsi = bourse_chart_studies_add_default (studies, "rsi", &error);
  atr = bourse_chart_studies_add_default (studies, "atr", &error);
  obv = bourse_chart_studies_add_default (studies, "obv", &error);
  g_assert_no_error (error);
  renderer = bourse_chart_renderer_new (chart);
  bourse_chart_renderer_layout (renderer, WIDTH, HEIGHT, 1);

  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, bourse_chart_studies_get_pane (studies, rsi), &g));
  g_assert_cmpint (g.precision, ==, 2);
  bourse_price_scale_format (&g.price_scale, 50, g.precision, label, sizeof label);
  g_assert_cmpstr (label, ==, "50.00");
  g_assert_cmpfloat (g.price_scale.min, <=, 30);
  g_assert_cmpfloat (g.price_scale.max, >=, 70);
  /* price-based: the symbol's decimals; volume-based: none */
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, bourse_chart_studies_get_pane (studies, atr), &g));
  g_assert_cmpint (g.precision, ==, 5);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, bourse_chart_studies_get_pane (studies, obv), &g));
  g_assert_cmpint (g.precision, ==, 0);

  /* the style's levels and precision reach the pane */
  g_assert_true (bourse_chart_studies_get_style (studies, rsi, &style));
  g_assert_cmpuint (style.n_levels, ==, 3);
  style.levels[0].value = 80;
  style.levels[2].value = 20;
  style.precision = 1;
  g_assert_true (bourse_chart_studies_set_style (studies, rsi, &style));
  bourse_chart_renderer_layout (renderer, WIDTH, HEIGHT, 1);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, bourse_chart_studies_get_pane (studies, rsi), &g));
  g_assert_cmpint (g.precision, ==, 1);
  g_assert_cmpfloat (g.price_scale.min, <=, 20);
  g_assert_cmpfloat (g.price_scale.max, >=, 80);
  series = bourse_chart_studies_get_series (studies, rsi);
  {
    guint n = 0;
    gboolean fill = FALSE;
    const BourseChartLevel *levels = bourse_chart_series_get_levels (g_ptr_array_index (series, 0), &n, NULL, &fill);

    g_assert_cmpuint (n, ==, 2);   /* 50 is hidden by default */
    g_assert_cmpfloat (levels[0].value, ==, 80);
    g_assert_cmpfloat (levels[1].value, ==, 20);
    g_assert_true (fill);
  }

  /* MACD's histogram takes the colour chosen for it above zero and stays red below */
  {
    const char *macd = bourse_chart_studies_add_default (studies, "macd", &error);
    g_autoptr(GPtrArray) macd_series = NULL;
    BourseChartSeries *hist = NULL;
    BourseRgba up, down;

    g_assert_no_error (error);
    g_assert_true (bourse_chart_studies_get_style (studies, macd, &style));
    style.colors[2] = BOURSE_RGBA (0x123456, 1.0f);
    g_assert_true (bourse_chart_studies_set_style (studies, macd, &style));
    macd_series = bourse_chart_studies_get_series (studies, macd);
    for (guint i = 0; i < macd_series->len; i++)
      if (bourse_chart_series_get_kind (g_ptr_array_index (macd_series, i)) == BOURSE_CHART_SERIES_HISTOGRAM)
        hist = g_ptr_array_index (macd_series, i);
    g_assert_nonnull (hist);
    bourse_chart_series_get_color (hist, &up);
    bourse_chart_series_get_negative_color (hist, &down);
    g_assert_cmpfloat_with_epsilon (up.red, 0x12 / 255.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (up.green, 0x34 / 255.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (up.blue, 0x56 / 255.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (down.red, 0xef / 255.0, 1e-6);
  }
}

/* The style's text form round-trips and older or partial texts keep defaults. */
static void
test_style_text (void)
{
  BourseStudyStyle style, back;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  bourse_study_style_init (&style, bourse_indicator_find_study ("bb"));
  style.colors[1] = BOURSE_RGBA (0x123456, 0.5f);
  style.line_widths[0] = 2.5;
  style.outputs_visible[2] = FALSE;
  style.precision = 3;
  text = bourse_study_style_to_string (&style);
  bourse_study_style_init (&back, bourse_indicator_find_study ("bb"));
  g_assert_true (bourse_study_style_parse (&back, text, &error));
  g_assert_no_error (error);
  /* colours are kept to 8 bits a channel */
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    {
      g_assert_cmpfloat_with_epsilon (back.colors[o].red, style.colors[o].red, 0.6 / 255);
      g_assert_cmpfloat_with_epsilon (back.colors[o].green, style.colors[o].green, 0.6 / 255);
      g_assert_cmpfloat_with_epsilon (back.colors[o].blue, style.colors[o].blue, 0.6 / 255);
      g_assert_cmpfloat_with_epsilon (back.colors[o].alpha, style.colors[o].alpha, 0.6 / 255);
    }
  g_assert_cmpfloat (back.line_widths[0], ==, 2.5);
  g_assert_false (back.outputs_visible[2]);
  g_assert_cmpint (back.precision, ==, 3);

  bourse_study_style_init (&back, bourse_indicator_find_study ("rsi"));
  g_assert_true (bourse_study_style_parse (&back, "precision=1", &error));
  g_assert_cmpint (back.precision, ==, 1);
  g_assert_cmpuint (back.n_levels, ==, 3);   /* untouched */
  g_assert_false (bourse_study_style_parse (&back, "colors=red", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (bourse_study_style_parse (&back, "widths=99", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (back.precision, ==, 1);   /* a refused text changes nothing */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Chart/studies-on-chart", test_studies_on_chart);
  g_test_add_func ("/Bourse/Studies/Chart/studies-long-history", test_studies_long_history);
  g_test_add_func ("/Bourse/Studies/Chart/drawing-layer-editing", test_drawing_layer_editing);
  g_test_add_func ("/Bourse/Studies/Chart/ichimoku-future-cloud", test_ichimoku_future_cloud);
  g_test_add_func ("/Bourse/Studies/Chart/overlay-on-secondary-scale", test_overlay_on_secondary_scale);
  g_test_add_func ("/Bourse/Studies/Chart/render-png", test_render_png);
  g_test_add_func ("/Bourse/Studies/Chart/legend-plates", test_legend_plates);
  g_test_add_func ("/Bourse/Studies/Chart/levels-and-precision", test_levels_and_precision);
  g_test_add_func ("/Bourse/Studies/Chart/style-text", test_style_text);
  g_test_add_func ("/Bourse/Studies/Chart/position-labels-readable", test_position_labels_readable);

  /* Pango's font map, and cairo's fonts it holds, stay until exit:
   * reachable, so not reported by LeakSanitizer. (Dropping them with
   * cairo_debug_reset_static_data() races with Pango 1.50's fontconfig
   * thread and aborts one run in four.) */
  return g_test_run ();
}
