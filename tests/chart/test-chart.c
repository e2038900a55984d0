/* test-chart.c — the chart model and viewport: live bars, limits, history, lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-private.h"
#include "bourse-chart-renderer.h"

/* Deterministic bars in the spirit of gen_bars.py (one-minute, seeded). */
static BourseBars *
make_bars (gsize  n,
           guint  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  BourseBars *bars = bourse_bars_new (n);
  double price = 100;

  for (gsize i = 0; i < n; i++)
    {
      double o = price;
      double c = MAX (0.01, o * (1 + g_rand_double_range (rand, -0.002, 0.002)));
      double h = MAX (o, c) * (1 + g_rand_double_range (rand, 0, 0.002));
      double l = MIN (o, c) * (1 - g_rand_double_range (rand, 0, 0.002));

      g_assert_true (bourse_bars_append (bars, 1577836800 + 60 * (gint64) i, o, h, l, c,
                                         100 + g_rand_int_range (rand, 0, 10000)));
      price = c;
    }
  return bars;
}

static void
assert_lod_matches (BourseChart *chart)
{
  BourseBars *bars = bourse_chart_get_bars (chart);
  const BourseLod *lod = bourse_chart_get_lod (chart);
  gsize spans[][2] = { { 0, bars->len }, { bars->len / 3, bars->len }, { bars->len - 10, bars->len } };

  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    {
      double mn, mx, bmn = INFINITY, bmx = -INFINITY;

      for (gsize i = spans[s][0]; i < spans[s][1]; i++)
        {
          bmn = MIN (bmn, bars->low[i]);
          bmx = MAX (bmx, bars->high[i]);
        }
      g_assert_true (bourse_lod_query (lod, bars->low, bars->high, spans[s][0], spans[s][1], &mn, &mx));
      g_assert_cmpfloat (mn, ==, bmn);
      g_assert_cmpfloat (mx, ==, bmx);
    }
}

static void
test_live_updates (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (50000, 1);
  BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
  double first, last;

  bourse_chart_set_bars (chart, bars);
  assert_lod_matches (chart);
  g_assert_true (bourse_chart_viewport_is_at_realtime (viewport));

  /* A tick makes a new high on the last bar, another a new low. */
  g_assert_true (bourse_bars_apply_tick (bars, bars->time[bars->len - 1], 500.0, 1));
  bourse_chart_bars_changed (chart);
  assert_lod_matches (chart);
  g_assert_true (bourse_bars_apply_tick (bars, bars->time[bars->len - 1], 0.5, 1));
  bourse_chart_bars_changed (chart);
  assert_lod_matches (chart);

  /* New bars append; the view follows them (it was at real time). */
  for (guint i = 0; i < 100; i++)
    {
      gint64 t = bars->time[bars->len - 1] + 60;

      g_assert_true (bourse_bars_apply_tick (bars, t, 90 + i * 0.1, 5));
      bourse_chart_bars_changed (chart);
    }
  assert_lod_matches (chart);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (last, >=, (double) bars->len - 1);
  g_assert_true (bourse_chart_viewport_is_at_realtime (viewport));

  /* Changes noticed without bars_changed (the serial) are folded in too. */
  bourse_bars_update_last (bars, 1, 1000, 0.1, 1, 1);
  assert_lod_matches (chart);
}

static void
test_heikin_ashi (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseBars) bars = make_bars (1000, 2);
  BourseOhlcSource src;
  double ha_o = (bars->open[0] + bars->close[0]) / 2;
  double ha_c = (bars->open[0] + bars->high[0] + bars->low[0] + bars->close[0]) / 4;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_HEIKIN_ASHI);
  g_assert_true (_bourse_chart_get_ohlc (chart, &src));
  g_assert_cmpfloat_with_epsilon (src.open[0], ha_o, 1e-12);
  g_assert_cmpfloat_with_epsilon (src.close[0], ha_c, 1e-12);
  for (gsize i = 1; i < bars->len; i++)
    {
      g_assert_cmpfloat_with_epsilon (src.open[i], (src.open[i - 1] + src.close[i - 1]) / 2, 1e-12);
      g_assert_cmpfloat (src.high[i], >=, MAX (src.open[i], src.close[i]));
      g_assert_cmpfloat (src.low[i], <=, MIN (src.open[i], src.close[i]));
    }

  /* A live tick updates the last Heikin-Ashi bar. */
  g_assert_true (bourse_bars_apply_tick (bars, bars->time[bars->len - 1], 250, 1));
  bourse_chart_bars_changed (chart);
  g_assert_true (_bourse_chart_get_ohlc (chart, &src));
  g_assert_cmpfloat (src.high[bars->len - 1], ==, 250);
  g_assert_cmpfloat_with_epsilon (src.close[bars->len - 1],
                                  (bars->open[bars->len - 1] + 250 + bars->low[bars->len - 1] + 250) / 4, 1e-12);
}

static void
test_viewport_limits (void)
{
  g_autoptr(BourseChartViewport) viewport = bourse_chart_viewport_new ();
  BourseTimeScale ts;
  double first, last, anchor;

  bourse_chart_viewport_set_width (viewport, 1130);
  bourse_chart_viewport_set_n_bars (viewport, 10000000);

  /* Zoom out as far as it goes: every one of ten million bars is visible. */
  for (guint i = 0; i < 200; i++)
    bourse_chart_viewport_zoom_at (viewport, 500, 0.5);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (first, <=, 0);
  g_assert_cmpfloat (last, >=, 10000000 - 1);

  /* Zooming keeps the bar under the pointer in place. */
  bourse_chart_viewport_set_visible_range (viewport, 5000000, 5000999);
  bourse_chart_viewport_get_time_scale (viewport, &ts);
  anchor = bourse_time_scale_x_to_index (&ts, 321);
  bourse_chart_viewport_zoom_at (viewport, 321, 1.7);
  bourse_chart_viewport_get_time_scale (viewport, &ts);
  g_assert_cmpfloat_with_epsilon (bourse_time_scale_x_to_index (&ts, 321), anchor, 1e-6);

  /* Bar spacing is capped; scrolling can't lose the data. */
  bourse_chart_viewport_set_bar_spacing (viewport, 1e6);
  g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), ==, BOURSE_CHART_VIEWPORT_MAX_BAR_SPACING);
  bourse_chart_viewport_scroll_by_pixels (viewport, 1e12);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (last, >=, 0);
  bourse_chart_viewport_scroll_by_pixels (viewport, -1e12);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (first, <=, 10000000 - 1);

  bourse_chart_viewport_fit_content (viewport);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (first, <=, 0);
  g_assert_cmpfloat (last, >=, 10000000 - 1);

  /* Garbage in changes nothing. */
  bourse_chart_viewport_zoom_at (viewport, 10, NAN);
  bourse_chart_viewport_zoom_at (viewport, 10, -2);
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (first, <=, 0);

  /* Reset: the opening view, the default spacing with the last bar at the right offset. */
  bourse_chart_viewport_reset (viewport);
  g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), ==, BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING);
  g_assert_cmpfloat (bourse_chart_viewport_get_right_index (viewport), ==,
                     10000000 - 0.5 + bourse_chart_viewport_get_right_offset (viewport));
  g_assert_true (bourse_chart_viewport_is_at_realtime (viewport));
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties_notify (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  guint count = 0;

  g_signal_connect (chart, "notify::chart-type", G_CALLBACK (notify_count_cb), &count);
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_LINE);
  bourse_chart_set_chart_type (chart, BOURSE_CHART_TYPE_LINE);
  g_object_set (chart, "chart-type", BOURSE_CHART_TYPE_LINE, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (bourse_chart_get_chart_type (chart), ==, BOURSE_CHART_TYPE_LINE);
}

static void
history_needed_cb (BourseChart *chart,
                   guint       *count)
{
  (*count)++;
}

static void
test_history_prepend (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseBars) recent = make_bars (3000, 3);
  g_autoptr(BourseBars) full = bourse_bars_new (5000);
  BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
  BourseTimeScale ts;
  guint needed = 0;
  gint64 right_time;
  gsize right_bar;

  g_signal_connect (chart, "history-needed", G_CALLBACK (history_needed_cb), &needed);
  bourse_chart_set_bars (chart, recent);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  g_assert_cmpuint (needed, ==, 0);

  /* Scroll to the first bars: history is asked for, once. */
  bourse_chart_viewport_set_visible_range (viewport, 50, 150);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  g_assert_cmpuint (needed, ==, 1);

  bourse_chart_viewport_get_time_scale (viewport, &ts);
  right_bar = (gsize) floor (ts.right_index - 0.5);
  right_time = recent->time[right_bar];

  /* 2000 older bars arrive: the same bar stays at the right edge. */
  for (gsize i = 0; i < 2000; i++)
    g_assert_true (bourse_bars_append (full, recent->time[0] - 60 * (gint64) (2000 - i), 100, 101, 99, 100, 1));
  for (gsize i = 0; i < recent->len; i++)
    g_assert_true (bourse_bars_append (full, recent->time[i], recent->open[i], recent->high[i],
                                       recent->low[i], recent->close[i], recent->volume[i]));
  bourse_chart_set_bars (chart, full);
  bourse_chart_viewport_get_time_scale (viewport, &ts);
  g_assert_cmpint (full->time[(gsize) floor (ts.right_index - 0.5)], ==, right_time);
  g_assert_cmpuint (needed, ==, 1);

  /* Near the new first bar: asked again. The broker has nothing older and the
   * same bars come back: not asked again, however many frames follow. */
  bourse_chart_viewport_set_visible_range (viewport, 10, 110);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  g_assert_cmpuint (needed, ==, 2);
  bourse_chart_set_bars (chart, full);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  bourse_chart_renderer_layout (renderer, 800, 500, 1);
  g_assert_cmpuint (needed, ==, 2);
}

static void
test_price_lines_and_markers (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  BourseRgba blue = BOURSE_RGBA (0x2962ff, 1.0);
  const BoursePriceLine *line;

  bourse_chart_set_price_line (chart, "order-1", 1.08410, &blue, "LMT 2 @ 1.08410",
                               BOURSE_PRICE_LINE_DRAGGABLE | BOURSE_PRICE_LINE_CLOSABLE);
  bourse_chart_set_price_line (chart, "pos", 1.0800, NULL, "POS +3  P&L +12.40", 0);
  g_assert_cmpuint (bourse_chart_peek_price_lines (chart)->len, ==, 2);

  /* Same id: updated in place. */
  bourse_chart_set_price_line (chart, "order-1", 1.08500, &blue, "LMT 2 @ 1.08500", BOURSE_PRICE_LINE_DRAGGABLE);
  g_assert_cmpuint (bourse_chart_peek_price_lines (chart)->len, ==, 2);
  line = bourse_chart_get_price_line (chart, "order-1");
  g_assert_cmpfloat (line->price, ==, 1.085);
  g_assert_cmpstr (line->label, ==, "LMT 2 @ 1.08500");
  /* Moving a line with its own label and colour (what the view does on drag). */
  bourse_chart_set_price_line (chart, line->id, 1.08600, &line->color, line->label, line->flags);
  line = bourse_chart_get_price_line (chart, "order-1");
  g_assert_cmpstr (line->label, ==, "LMT 2 @ 1.08500");
  g_assert_cmpfloat (line->price, ==, 1.086);
  /* Invalid UTF-8 never reaches cairo (it would stop drawing the frame). */
  bourse_chart_set_price_line (chart, "bad", 1.0, NULL, "P&L \xff", 0);
  g_assert_true (g_utf8_validate (bourse_chart_get_price_line (chart, "bad")->label, -1, NULL));
  g_assert_true (bourse_chart_remove_price_line (chart, "bad"));
  g_assert_true (bourse_chart_remove_price_line (chart, "order-1"));
  g_assert_false (bourse_chart_remove_price_line (chart, "order-1"));
  g_assert_null (bourse_chart_get_price_line (chart, "order-1"));

  bourse_chart_add_marker (chart, 1577836800, 100, BOURSE_MARKER_BUY, "B 2");
  bourse_chart_add_marker (chart, 1577836860, 101, BOURSE_MARKER_SELL, NULL);
  g_assert_cmpuint (bourse_chart_peek_markers (chart)->len, ==, 2);
  bourse_chart_clear_markers (chart);
  g_assert_cmpuint (bourse_chart_peek_markers (chart)->len, ==, 0);
}

static void
test_panes_and_series (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartSeries) rsi = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, "RSI 14");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) on_pane = NULL;
  double values[] = { NAN, NAN, 30, 70, 50 };
  double mn, mx;
  guint pane;

  pane = bourse_chart_add_pane (chart, 1);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_PANE);
  ids = bourse_chart_get_pane_ids (chart);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpuint (g_array_index (ids, guint, 0), ==, BOURSE_CHART_MAIN_PANE);
  g_assert_cmpuint (g_array_index (ids, guint, 1), ==, bourse_chart_get_volume_pane (chart));
  g_assert_cmpuint (g_array_index (ids, guint, 2), ==, pane);

  bourse_chart_series_set_values (rsi, values, G_N_ELEMENTS (values));
  bourse_chart_add_series (chart, rsi, pane);
  on_pane = bourse_chart_get_series (chart, pane);
  g_assert_cmpuint (on_pane->len, ==, 1);
  g_assert_true (bourse_chart_series_get_range (rsi, 0, 5, &mn, &mx));
  g_assert_cmpfloat (mn, ==, 30);
  g_assert_cmpfloat (mx, ==, 70);
  g_assert_false (bourse_chart_series_get_range (rsi, 0, 2, &mn, &mx));

  /* Live: update the last value, append one; the range follows. */
  bourse_chart_series_set_value (rsi, 4, 90, NAN);
  bourse_chart_series_set_value (rsi, 5, 10, NAN);
  g_assert_true (bourse_chart_series_get_range (rsi, 0, 6, &mn, &mx));
  g_assert_cmpfloat (mn, ==, 10);
  g_assert_cmpfloat (mx, ==, 90);

  /* Removing the pane removes its series. */
  bourse_chart_remove_pane (chart, pane);
  g_clear_pointer (&on_pane, g_ptr_array_unref);
  on_pane = bourse_chart_get_series (chart, pane);
  g_assert_cmpuint (on_pane->len, ==, 0);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_OVERLAY);
  g_clear_pointer (&ids, g_array_unref);
  ids = bourse_chart_get_pane_ids (chart);
  g_assert_cmpuint (ids->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/Model/live-updates", test_live_updates);
  g_test_add_func ("/Bourse/Chart/Model/heikin-ashi", test_heikin_ashi);
  g_test_add_func ("/Bourse/Chart/Model/properties-notify", test_properties_notify);
  g_test_add_func ("/Bourse/Chart/Model/history-prepend", test_history_prepend);
  g_test_add_func ("/Bourse/Chart/Model/price-lines-and-markers", test_price_lines_and_markers);
  g_test_add_func ("/Bourse/Chart/Model/panes-and-series", test_panes_and_series);
  g_test_add_func ("/Bourse/Chart/Viewport/limits", test_viewport_limits);

  return g_test_run ();
}
