/* bourse-chart-renderer-layout.c — where things are: panes, autoscale, pixel columns, hit testing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Panes are stacked top to bottom by their stretch, each autoscaled to what it
 * shows in the visible range. When bars are denser than device pixels, each
 * pixel column gets the range of bars it covers (compute_columns), which the
 * painters read from the level-of-detail pyramids. The layout of the last frame
 * answers hit tests and value ↔ pixel conversions.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-renderer-private.h"

static void
ensure_columns (BourseChartRenderer *self,
                gsize                n)
{
  if (n + 1 <= self->col_capacity)
    return;
  self->col_capacity = n + 64;
  self->bounds = g_renew (gsize, self->bounds, self->col_capacity);
  self->col_a = g_renew (double, self->col_a, self->col_capacity);
  self->col_b = g_renew (double, self->col_b, self->col_capacity);
  self->vol_cols = g_renew (double, self->vol_cols, self->col_capacity);
  self->vol_scratch = g_renew (double, self->vol_scratch, self->col_capacity);
}

/* Column c (device px [c, c+1)) covers bars [bounds[c], bounds[c+1]): the bars
 * whose centre falls in it. */
static void
compute_columns (BourseChartRenderer   *self,
                 const BourseTimeScale *ts,
                 gsize                  first,
                 gsize                  end,
                 const BourseLod       *volume_lod,
                 const double          *volume)
{
  double s = self->scale;

  self->n_cols = (gsize) ceil (self->plot_width * s);
  ensure_columns (self, self->n_cols);
  for (gsize c = 0; c <= self->n_cols; c++)
    {
      double idx = ceil (bourse_time_scale_x_to_index (ts, (double) c / s) - 1e-9);

      idx = CLAMP (idx, (double) first, (double) end);
      self->bounds[c] = (gsize) idx;
    }
  self->vol_cols_max = NAN;
  if (volume_lod == NULL || volume == NULL)
    return;
  /* A zoomed-out column shows the LARGEST volume of the bars it covers, not
   * their mean: the mean flattens every spike into the average (a 1M-bar chart
   * turned into a flat band), while the max is exactly the silhouette the
   * overlapping bars would paint if drawn one by one, so the picture does not
   * change character between zoom levels and a climax bar stays visible.
   * The sum was rejected: it grows with the number of bars per column, so the
   * scale would jump with every zoom step and unevenly filled columns (session
   * gaps, the last partial column) would read as volume changes. */
  bourse_lod_aggregate (volume_lod, volume, volume, self->bounds, self->n_cols,
                        self->vol_scratch, self->vol_cols);
  for (gsize c = 0; c < self->n_cols; c++)
    if (isfinite (self->vol_cols[c]) && !(self->vol_cols[c] <= self->vol_cols_max))
      self->vol_cols_max = self->vol_cols[c];
}

static gboolean
any_secondary_scale (BourseChart *chart)
{
  GPtrArray *panes = _bourse_chart_peek_panes (chart);

  for (guint i = 0; i < panes->len; i++)
    {
      g_autoptr(GPtrArray) series =
        bourse_chart_get_series (chart, ((BourseChartPane *) g_ptr_array_index (panes, i))->id);

      for (guint k = 0; k < series->len; k++)
        if (on_secondary_scale (g_ptr_array_index (series, k)))
          return TRUE;
    }
  return FALSE;
}

PaneLayout *
_bourse_chart_renderer_find_layout (BourseChartRenderer *self,
                                    guint                pane_id)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      PaneLayout *pl = &g_array_index (self->panes, PaneLayout, i);

      if (pl->geometry.pane_id == pane_id)
        return pl;
    }
  return NULL;
}

static gboolean
is_line_type (BourseChartType type)
{
  return type == BOURSE_CHART_TYPE_LINE || type == BOURSE_CHART_TYPE_STEP_LINE ||
         type == BOURSE_CHART_TYPE_AREA || type == BOURSE_CHART_TYPE_BASELINE ||
         type == BOURSE_CHART_TYPE_HISTOGRAM;
}

static double
compute_axis_width (BourseChartRenderer *self,
                    const BourseOhlcSource *src)
{
  BourseChart *chart = self->chart;
  int precision = bourse_chart_get_precision (chart);
  double lo = 0, hi = 100, w;
  char buf[64];

  /* Measured in device px with the fonts the labels are drawn with. */
  select_font (self, self->scale, FALSE);
  if (src->len > 0)
    bourse_lod_query (src->range_lod, src->low, src->high, 0, src->len, &lo, &hi);
  g_snprintf (buf, sizeof buf, "%.*f", precision, MAX (fabs (lo), fabs (hi)) * 10.0);
  w = _bourse_chart_renderer_text_width (self, NULL, buf);
  g_snprintf (buf, sizeof buf, "-%.2f%%", 888.88);
  w = MAX (w, _bourse_chart_renderer_text_width (self, NULL, buf));
  w /= self->scale;
  return ceil (MAX (MIN_AXIS_WIDTH, w + 2 * AXIS_PADDING));
}

/* A study's levels stay in view (RSI's 30 and 70 even while it sits at 50),
 * as TradingView keeps them. */
static void
extend_by_levels (BourseChartSeries *series,
                  double            *lo,
                  double            *hi)
{
  guint n = 0;
  const BourseChartLevel *levels = bourse_chart_series_get_levels (series, &n, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      *lo = MIN (*lo, levels[i].value);
      *hi = MAX (*hi, levels[i].value);
    }
}

/* The decimals of a study pane's scale: those of its series when every
 * visible one states them (RSI's 2), else the symbol's. */
static int
pane_precision (BourseChart *chart,
                guint        pane_id)
{
  g_autoptr(GPtrArray) series = NULL;
  int precision = -1;

  if (pane_id == BOURSE_CHART_MAIN_PANE)
    return bourse_chart_get_precision (chart);
  series = bourse_chart_get_series (chart, pane_id);
  for (guint i = 0; i < series->len; i++)
    {
      BourseChartSeries *s = g_ptr_array_index (series, i);

      if (!bourse_chart_series_get_visible (s) || bourse_chart_series_get_overlay (s) || on_secondary_scale (s))
        continue;
      if (bourse_chart_series_get_precision (s) < 0)
        return bourse_chart_get_precision (chart);
      precision = MAX (precision, bourse_chart_series_get_precision (s));
    }
  return precision >= 0 ? precision : bourse_chart_get_precision (chart);
}

/* Widens [lo, hi] to the visible values of the pane's series on its scale,
 * [sec_lo, sec_hi] to those on its secondary scale (overlays have their own),
 * and takes the first visible value as the percentage base if none yet. */
static void
extend_by_series (const PaneLayout *pl,
                  gsize             n_bars,
                  GPtrArray        *series,
                  double           *lo,
                  double           *hi,
                  double           *sec_lo,
                  double           *sec_hi,
                  double           *base)
{
  for (guint i = 0; i < series->len; i++)
    {
      BourseChartSeries *s = g_ptr_array_index (series, i);
      gsize s_first, s_end;
      double mn, mx;

      if (on_secondary_scale (s))
        {
          series_visible_values (&pl->geometry.time_scale, n_bars, s, &s_first, &s_end);
          if (bourse_chart_series_get_range (s, s_first, s_end, &mn, &mx))
            {
              *sec_lo = MIN (*sec_lo, mn);
              *sec_hi = MAX (*sec_hi, mx);
            }
          extend_by_levels (s, sec_lo, sec_hi);
          continue;
        }
      if (!bourse_chart_series_get_visible (s) || bourse_chart_series_get_overlay (s))
        continue;
      series_visible_values (&pl->geometry.time_scale, n_bars, s, &s_first, &s_end);
      if (bourse_chart_series_get_range (s, s_first, s_end, &mn, &mx))
        {
          *lo = MIN (*lo, mn);
          *hi = MAX (*hi, mx);
        }
      extend_by_levels (s, lo, hi);
      if (!isfinite (*base))
        for (gsize k = s_first; k < s_end && k < bourse_chart_series_get_n_values (s); k++)
          {
            double v = bourse_chart_series_get_value (s, k, NULL);
            if (isfinite (v))
              {
                *base = v;
                break;
              }
          }
    }
}

static void
autoscale_pane (BourseChartRenderer    *self,
                PaneLayout             *pl,
                const BourseChartPane  *pane,
                const BourseOhlcSource *src,
                gsize                   first,
                gsize                   end)
{
  BourseChart *chart = self->chart;
  BoursePriceScale *ps = &pl->geometry.price_scale;
  BourseChartType type = bourse_chart_get_chart_type (chart);
  gboolean is_main = pane->id == BOURSE_CHART_MAIN_PANE;
  gboolean is_volume = pane->id == bourse_chart_get_volume_pane (chart);
  double lo = INFINITY, hi = -INFINITY, base = NAN;
  double sec_lo = INFINITY, sec_hi = -INFINITY;
  g_autoptr(GPtrArray) series = bourse_chart_get_series (chart, pane->id);

  pl->volume_max = NAN;
  if ((is_main && bourse_chart_get_volume_mode (chart) == BOURSE_VOLUME_MODE_OVERLAY) || is_volume)
    {
      const BourseLod *vlod = _bourse_chart_get_volume_lod (chart);
      double vmin, vmax;

      if (self->columns)
        pl->volume_max = self->vol_cols_max;
      else if (vlod != NULL && bourse_lod_query (vlod, src->volume, src->volume, first, end, &vmin, &vmax))
        pl->volume_max = vmax;
    }

  if (is_main && end > first)
    {
      double mn, mx;
      gboolean ok;

      if (is_line_type (type))
        ok = bourse_lod_query (_bourse_chart_get_close_lod (chart), src->close, src->close, first, end, &mn, &mx);
      else
        ok = bourse_lod_query (src->range_lod, src->low, src->high, first, end, &mn, &mx);
      if (ok)
        {
          lo = mn;
          hi = mx;
        }
      base = src->close[first];
    }
  if (is_volume && isfinite (pl->volume_max))
    {
      lo = 0;
      hi = pl->volume_max;
    }

  extend_by_series (pl, src->len, series, &lo, &hi, &sec_lo, &sec_hi, &base);

  pl->has_data = lo <= hi;
  pl->has_secondary = sec_lo <= sec_hi;
  if (pl->has_secondary)
    {
      bourse_price_scale_init (&pl->secondary, BOURSE_PRICE_SCALE_MODE_NORMAL, pl->geometry.height);
      pl->secondary.top_margin = 0.1;
      pl->secondary.bottom_margin = 0.1;
      bourse_price_scale_set_price_range (&pl->secondary, sec_lo, sec_hi);
    }
  ps->base = isfinite (base) && base != 0.0 ? base : 1.0;
  if (is_volume)
    {
      ps->top_margin = 0.1;
      ps->bottom_margin = 0.0;
    }
  else if (!is_main)
    {
      ps->top_margin = 0.1;
      ps->bottom_margin = 0.1;
    }

  if (!pane->autoscale)
    {
      double top = ps->top_margin, bottom = ps->bottom_margin;

      ps->top_margin = ps->bottom_margin = 0;
      bourse_price_scale_set_price_range (ps, pane->manual_low, pane->manual_high);
      ps->top_margin = top;
      ps->bottom_margin = bottom;
    }
  else if (pl->has_data)
    bourse_price_scale_set_price_range (ps, lo, hi);
  else
    bourse_price_scale_set_price_range (ps, 0, 1);
}

void
bourse_chart_renderer_layout (BourseChartRenderer *self,
                              double               width,
                              double               height,
                              double               scale_factor)
{
  BourseChart *chart;
  BourseChartViewport *viewport;
  GPtrArray *panes;
  BourseOhlcSource src;
  BourseTimeScale ts;
  double total_stretch = 0, y, avail, dev;
  gsize first = 0, end = 0;

  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));

  chart = self->chart;
  viewport = bourse_chart_get_viewport (chart);
  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->scale = scale_factor > 0 ? scale_factor : 1.0;
  dev = self->scale;
  bourse_chart_text_set_scale (self->text, self->scale);

  _bourse_chart_get_ohlc (chart, &src);
  self->axis_width = compute_axis_width (self, &src);
  /* The secondary axis, opposite the main one, as wide (its labels are
   * compacted to 12.3K / 4.56M when long). */
  self->secondary_width = any_secondary_scale (chart) ? self->axis_width : 0;
  self->plot_width = MAX (1.0, floor (self->width - self->axis_width - self->secondary_width));
  self->axis_left = bourse_chart_get_price_axis_side (chart) == BOURSE_PRICE_AXIS_LEFT;
  self->plot_x = self->axis_left ? self->axis_width : self->secondary_width;
  self->time_axis_y = MAX (0.0, round ((self->height - TIME_AXIS_HEIGHT) * dev) / dev);
  bourse_chart_viewport_set_width (viewport, self->plot_width);
  bourse_chart_viewport_get_time_scale (viewport, &ts);
  bourse_time_scale_visible_bars (&ts, src.len, &first, &end);
  self->columns = ts.bar_spacing * dev < 1.0;
  if (self->columns)
    compute_columns (self, &ts, first, end,
                     bourse_chart_get_volume_mode (chart) != BOURSE_VOLUME_MODE_HIDDEN
                       ? _bourse_chart_get_volume_lod (chart) : NULL,
                     src.volume);

  panes = _bourse_chart_peek_panes (chart);
  for (guint i = 0; i < panes->len; i++)
    total_stretch += ((BourseChartPane *) g_ptr_array_index (panes, i))->stretch;

  g_array_set_size (self->panes, panes->len);
  avail = self->time_axis_y - (panes->len - 1);
  y = 0;
  for (guint i = 0; i < panes->len; i++)
    {
      BourseChartPane *pane = g_ptr_array_index (panes, i);
      PaneLayout *pl = &g_array_index (self->panes, PaneLayout, i);
      double h = i + 1 == panes->len ? self->time_axis_y - y
                                     : round (avail * pane->stretch / total_stretch * dev) / dev;

      memset (pl, 0, sizeof *pl);
      h = MAX (h, 1.0);
      pl->geometry.pane_id = pane->id;
      pl->geometry.x = self->plot_x;
      pl->geometry.y = y;
      pl->geometry.width = self->plot_width;
      pl->geometry.height = h;
      pl->geometry.scale_factor = dev;
      pl->geometry.text = self->text;
      pl->geometry.time_scale = ts;
      pl->geometry.bars = bourse_chart_get_bars (chart);
      pl->geometry.time_zone = bourse_chart_get_time_zone (chart);
      pl->geometry.precision = pane_precision (chart, pane->id);
      pl->geometry.tick_size = bourse_chart_get_tick_size (chart);
      bourse_price_scale_init (&pl->geometry.price_scale, pane->mode, h);
      pl->geometry.price_scale.inverted = pane->inverted;
      autoscale_pane (self, pl, pane, &src, first, end);
      y += h + 1;
    }

  _bourse_chart_check_history (chart);
}

gboolean
bourse_chart_renderer_get_pane_geometry (BourseChartRenderer     *self,
                                         guint                    pane_id,
                                         BourseChartPaneGeometry *geometry)
{
  PaneLayout *pl;

  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);

  pl = _bourse_chart_renderer_find_layout (self, pane_id);
  if (pl == NULL)
    return FALSE;
  *geometry = pl->geometry;
  return TRUE;
}

gboolean
bourse_chart_renderer_get_secondary_scale (BourseChartRenderer *self,
                                           guint                pane_id,
                                           BoursePriceScale    *scale)
{
  PaneLayout *pl;

  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  pl = _bourse_chart_renderer_find_layout (self, pane_id);
  if (pl == NULL || !pl->has_secondary)
    return FALSE;
  *scale = pl->secondary;
  return TRUE;
}

void
bourse_chart_renderer_hit_test (BourseChartRenderer *self,
                                double               x,
                                double               y,
                                BourseChartHit      *hit)
{
  double button_x = self->axis_left ? 2 : self->plot_width - ORDER_BUTTON_SIZE - 2;
  double line_label_half;
  FontMetrics fm;
  gboolean on_axis;

  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  g_return_if_fail (hit != NULL);

  memset (hit, 0, sizeof *hit);
  hit->kind = BOURSE_CHART_HIT_NONE;
  hit->price = NAN;
  if (x < 0 || y < 0 || x >= self->width || y >= self->height)
    return;
  on_axis = self->axis_left ? x < self->axis_width : x >= self->plot_x + self->plot_width;
  /* The secondary axis has no interaction (yet): neither plot nor main axis. */
  if (self->secondary_width > 0 && y < self->time_axis_y &&
      (self->axis_left ? x >= self->plot_x + self->plot_width : x < self->plot_x))
    return;
  x -= self->plot_x;  /* plot coordinates from here on */
  if (y >= self->time_axis_y)
    {
      hit->kind = BOURSE_CHART_HIT_TIME_AXIS;
      return;
    }

  for (guint p = 0; p < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      const BourseChartPaneGeometry *g = &pl->geometry;
      double bottom = g->y + g->height;

      if (p + 1 < self->panes->len && fabs (y - (bottom + 0.5)) <= SEPARATOR_GRAB)
        {
          hit->kind = BOURSE_CHART_HIT_SEPARATOR;
          hit->pane_id = g->pane_id;
          return;
        }
      if (y < g->y || y > bottom)
        continue;

      hit->pane_id = g->pane_id;
      hit->price = bourse_price_scale_y_to_price (&g->price_scale, y - g->y);

      if (g->pane_id == BOURSE_CHART_MAIN_PANE && self->order_button_shown &&
          x >= button_x && x < button_x + ORDER_BUTTON_SIZE &&
          fabs (y - self->order_button_y) <= ORDER_BUTTON_SIZE / 2)
        {
          hit->kind = BOURSE_CHART_HIT_ORDER_BUTTON;
          hit->price = bourse_price_scale_y_to_price (&g->price_scale, self->order_button_y - g->y);
          return;
        }
      if (on_axis)
        {
          hit->kind = BOURSE_CHART_HIT_PRICE_AXIS;
          return;
        }
      /* Half the height of a price line's label box, as painted. */
      select_font (self, self->scale, FALSE);
      font_metrics (self, &fm);
      line_label_half = (fm.height / self->scale + 6) / 2;
      if (g->pane_id == BOURSE_CHART_MAIN_PANE)
        for (guint i = self->line_hits->len; i > 0; i--)
          {
            const LineHit *lh = &g_array_index (self->line_hits, LineHit, i - 1);
            double half = line_label_half;

            if (lh->close_w > 0 && x >= lh->close_x && x < lh->close_x + lh->close_w && fabs (y - lh->y) <= half)
              {
                hit->kind = BOURSE_CHART_HIT_PRICE_LINE_CLOSE;
                hit->price_line_id = lh->id;
                return;
              }
            if (fabs (y - lh->y) <= 3 || (x >= lh->label_x && x < lh->label_x + lh->label_w && fabs (y - lh->y) <= half))
              {
                hit->kind = BOURSE_CHART_HIT_PRICE_LINE;
                hit->price_line_id = lh->id;
                return;
              }
          }
      hit->kind = BOURSE_CHART_HIT_PANE;
      return;
    }
}
