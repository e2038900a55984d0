/* bourse-chart-renderer-series.c — series painters: candles, bars, lines, columns, extra series
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Candles, volume and histograms are batched per colour as pixel-aligned
 * rectangles (bourse-rect-fill.h); lines are cairo paths. Zoomed out (more
 * bars than device pixels) each pixel column is drawn from the min/max of the
 * bars it covers, read from the level-of-detail pyramid.
 */

#include "config.h"

#include <math.h>

#include "bourse-chart-renderer-private.h"

static void
add_rect (BourseRectFill *fill,
          double          x,
          double          y0,
          double          w,
          double          y1)
{
  double top = floor (MIN (y0, y1));
  double bottom = floor (MAX (y0, y1)) + 1;

  bourse_rect_fill_add (fill, x, top, w, bottom - top);
}

static void
paint_candles_columns (PaintCtx *pc,
                       const BourseRgba *up,
                       const BourseRgba *down)
{
  BourseChartRenderer *self = pc->self;
  const BourseOhlcSource *src = pc->src;
  BourseRectFill fill;

  bourse_lod_aggregate (src->range_lod, src->low, src->high, self->bounds, pc->n_cols,
                        self->col_a, self->col_b);
  fill_begin (self, &fill, pc->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      for (gsize c = 0; c < pc->n_cols; c++)
        {
          gsize a = self->bounds[c], b = self->bounds[c + 1];
          gboolean is_up;

          if (a >= b)
            continue;
          /* A column is up when it closes at or above where it opened, as
           * TradingView colours merged bars. */
          is_up = src->close[b - 1] >= src->open[a];
          if (is_up != (pass == 0))
            continue;
          add_rect (&fill, (double) c, dev_y (pc, self->col_b[c]), 1, dev_y (pc, self->col_a[c]));
        }
      /* One pixel column each: they never overlap. */
      bourse_rect_fill_paint (&fill, pass == 0 ? up : down, 1.0, TRUE);
    }
}

static void
candle_widths (double  spacing_dev,
               double  s,
               int    *body,
               int    *wick)
{
  /* Lightweight Charts' rule: the body takes most of the spacing, less as
   * bars get wide; the wick is one logical pixel; parities match so the wick
   * sits in the middle of the body. */
  double coeff = 1.0 - 0.2 * atan (MAX (spacing_dev / s, 1.0) - 1.0) / G_PI_2;
  int b = (int) floor (spacing_dev * coeff);
  int w = (int) MAX (1.0, floor (s));

  if (spacing_dev >= 2.5 * s && spacing_dev <= 4 * s)
    b = (int) floor (3 * s);
  b = MAX (b, w);
  if (b > w && (b - w) % 2 != 0)
    b--;
  *body = b;
  *wick = MIN (w, b);
}

static gboolean
rgba_equal (const BourseRgba *a,
            const BourseRgba *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/* Per direction three batches, each filled once: wicks, then bodies (or their
 * border), then the body inside a border of another colour. */
static void
paint_candles (PaintCtx         *pc,
               gboolean          hollow,
               const BourseRgba *up,
               const BourseRgba *down)
{
  BourseChart *chart = pc->self->chart;
  const BourseOhlcSource *src = pc->src;
  double spacing = pc->pl->geometry.time_scale.bar_spacing * pc->s;
  int bw = (int) MAX (1.0, floor (pc->s));
  int body, wick;
  BourseRectFill fill;

  if (pc->columns)
    {
      paint_candles_columns (pc, up, down);
      return;
    }

  candle_widths (spacing, pc->s, &body, &wick);
  fill_begin (pc->self, &fill, pc->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean want_up = pass == 0;
      gboolean outline = hollow && want_up;
      const BourseRgba *body_color = want_up ? up : down;
      const BourseRgba *wick_color = _bourse_chart_get_wick_color (chart, want_up);
      const BourseRgba *border_color = _bourse_chart_get_border_color (chart, want_up);
      gboolean bordered = !outline && body >= 3 * bw && !rgba_equal (border_color, body_color);

      for (int layer = 0; layer < (bordered ? 3 : 2); layer++)
        {
          for (gsize i = pc->first; i < pc->end; i++)
            {
              gboolean is_up = src->close[i] >= src->open[i];
              double cx, yo, yc, yh, yl, bt, bb, wx, bx;

              if (is_up != want_up)
                continue;
              cx = floor (dev_x (pc, (double) i));
              wx = cx - (wick - 1) / 2;
              bx = wx - (body - wick) / 2;
              yh = floor (dev_y (pc, src->high[i]));
              yl = floor (dev_y (pc, src->low[i]));
              if (body <= wick + 1)
                {
                  /* Too narrow for a separate wick: one bar from high to low. */
                  if (layer == 1)
                    bourse_rect_fill_add (&fill, bx, yh, body, yl - yh + 1);
                  continue;
                }
              yo = floor (dev_y (pc, src->open[i]));
              yc = floor (dev_y (pc, src->close[i]));
              bt = MIN (yo, yc);
              bb = MAX (yo, yc) + 1;

              if (layer == 0)
                {
                  if (!outline)
                    bourse_rect_fill_add (&fill, wx, yh, wick, yl - yh + 1);
                  else
                    {
                      /* A hollow body shows no wick through it. */
                      if (yh < bt)
                        bourse_rect_fill_add (&fill, wx, yh, wick, bt - yh);
                      if (yl + 1 > bb)
                        bourse_rect_fill_add (&fill, wx, bb, wick, yl + 1 - bb);
                    }
                }
              else if (layer == 1)
                {
                  if (!outline)
                    bourse_rect_fill_add (&fill, bx, bt, body, bb - bt);
                  else
                    {
                      bourse_rect_fill_add (&fill, bx, bt, body, bw);
                      bourse_rect_fill_add (&fill, bx, bb - bw, body, bw);
                      bourse_rect_fill_add (&fill, bx, bt + bw, bw, MAX (0, bb - bt - 2 * bw));
                      bourse_rect_fill_add (&fill, bx + body - bw, bt + bw, bw, MAX (0, bb - bt - 2 * bw));
                    }
                }
              else if (bb - bt > 2 * bw)
                bourse_rect_fill_add (&fill, bx + bw, bt + bw, body - 2 * bw, bb - bt - 2 * bw);
            }
          /* Bodies 3 px wide at 2.5 px spacing overlap by a pixel. */
          bourse_rect_fill_paint (&fill, layer == 0 ? wick_color : layer == 1 && bordered ? border_color : body_color,
                                  1.0, FALSE);
        }
    }
}

static void
paint_ohlc_bars (PaintCtx         *pc,
                 const BourseRgba *up,
                 const BourseRgba *down)
{
  const BourseOhlcSource *src = pc->src;
  cairo_t *cr = pc->cr;
  double spacing = pc->pl->geometry.time_scale.bar_spacing * pc->s;
  int w = (int) MAX (1.0, floor (pc->s));
  int arm = (int) MAX (0.0, floor (spacing * 0.35));

  if (pc->columns)
    {
      paint_candles_columns (pc, up, down);
      return;
    }
  for (int pass = 0; pass < 2; pass++)
    {
      for (gsize i = pc->first; i < pc->end; i++)
        {
          gboolean is_up = src->close[i] >= src->open[i];
          double cx, yh, yl, yo, yc;

          if (is_up != (pass == 0))
            continue;
          cx = floor (dev_x (pc, (double) i)) - (w - 1) / 2;
          yh = floor (dev_y (pc, src->high[i]));
          yl = floor (dev_y (pc, src->low[i]));
          cairo_rectangle (cr, cx, yh, w, yl - yh + 1);
          if (arm > 0)
            {
              yo = floor (dev_y (pc, src->open[i]));
              yc = floor (dev_y (pc, src->close[i]));
              cairo_rectangle (cr, cx - arm, yo, arm, w);
              cairo_rectangle (cr, cx + w, yc, arm, w);
            }
        }
      set_rgba (cr, pass == 0 ? up : down);
      cairo_fill (cr);
    }
}

/* Builds the polyline of @values (NaN breaks it) in the current path; in
 * column mode each column contributes its first value, min, max and last
 * value, so spikes survive and the line stays continuous. */
/* Zoomed out, the pixel columns stop at the last bar: continue the polyline
 * through the series' future slots (indexes >= the number of bars) one by one. */
static void
trace_future_values (PaintCtx     *pc,
                     const double *values,
                     gsize         n_values,
                     gboolean      pen_down)
{
  gsize n_bars = pc->src->len;

  if (n_values <= n_bars || pc->end <= n_bars)
    return;
  for (gsize i = n_bars > 0 ? n_bars - 1 : 0; i < MIN (pc->end + 1, n_values); i++)
    {
      if (!isfinite (values[i]))
        {
          pen_down = FALSE;
          continue;
        }
      if (!pen_down)
        cairo_move_to (pc->cr, dev_x (pc, (double) i), dev_y (pc, values[i]));
      else
        cairo_line_to (pc->cr, dev_x (pc, (double) i), dev_y (pc, values[i]));
      pen_down = TRUE;
    }
}

static void
trace_values (PaintCtx        *pc,
              const double    *values,
              gsize            n_values,
              const BourseLod *lod,
              BourseChartSeries *series,
              gboolean         step)
{
  BourseChartRenderer *self = pc->self;
  cairo_t *cr = pc->cr;
  gboolean pen_down = FALSE;
  double prev_y = 0;
  gsize end = MIN (pc->end, n_values);

  if (pc->columns && lod == NULL && series == NULL)
    {
      /* Sampled: the first bar of each column (band edges, smooth by nature). */
      for (gsize c = 0; c < pc->n_cols; c++)
        {
          gsize a = self->bounds[c];

          if (a >= self->bounds[c + 1] || a >= n_values || !isfinite (values[a]))
            {
              pen_down = FALSE;
              continue;
            }
          if (!pen_down)
            cairo_move_to (cr, (double) c + 0.5, dev_y (pc, values[a]));
          else
            cairo_line_to (cr, (double) c + 0.5, dev_y (pc, values[a]));
          pen_down = TRUE;
        }
      trace_future_values (pc, values, n_values, pen_down);
      return;
    }
  if (pc->columns)
    {
      if (lod != NULL)
        bourse_lod_aggregate (lod, values, values, self->bounds, pc->n_cols, self->col_a, self->col_b);
      else
        bourse_chart_series_aggregate (series, self->bounds, pc->n_cols, self->col_a, self->col_b);
      for (gsize c = 0; c < pc->n_cols; c++)
        {
          gsize a = self->bounds[c], b = MIN (self->bounds[c + 1], n_values);
          double x = (double) c + 0.5;

          if (a >= b || !isfinite (self->col_a[c]))
            {
              pen_down = FALSE;
              continue;
            }
          if (!pen_down)
            cairo_move_to (cr, x, dev_y (pc, isfinite (values[a]) ? values[a] : self->col_a[c]));
          else if (isfinite (values[a]))
            cairo_line_to (cr, x, dev_y (pc, values[a]));
          cairo_line_to (cr, x, dev_y (pc, self->col_a[c]));
          cairo_line_to (cr, x, dev_y (pc, self->col_b[c]));
          if (isfinite (values[b - 1]))
            cairo_line_to (cr, x, dev_y (pc, values[b - 1]));
          pen_down = TRUE;
        }
      trace_future_values (pc, values, n_values, pen_down);
      return;
    }

  /* One bar before and after the visible range keeps the line entering and
   * leaving the plot instead of starting at its edge. */
  for (gsize i = pc->first > 0 ? pc->first - 1 : 0; i < MIN (end + 1, n_values); i++)
    {
      double x, y;

      if (!isfinite (values[i]))
        {
          pen_down = FALSE;
          continue;
        }
      x = dev_x (pc, (double) i);
      y = dev_y (pc, values[i]);
      if (!pen_down)
        cairo_move_to (cr, x, y);
      else if (step)
        {
          cairo_line_to (cr, x, prev_y);
          cairo_line_to (cr, x, y);
        }
      else
        cairo_line_to (cr, x, y);
      prev_y = y;
      pen_down = TRUE;
    }
}

static void
paint_line_series (PaintCtx *pc)
{
  BourseChart *chart = pc->self->chart;
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  BourseChartType type = bourse_chart_get_chart_type (chart);
  const BourseLod *lod = _bourse_chart_get_close_lod (chart);
  cairo_t *cr = pc->cr;
  double bottom = pc->top + pc->height;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  /* Zoomed out, the min/max strokes of each column already give the line its body. */
  cairo_set_line_width (cr, (pc->columns ? 1.0 : 2.0) * pc->s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trace_values (pc, pc->src->close, pc->src->len, lod, NULL, type == BOURSE_CHART_TYPE_STEP_LINE);

  if (type == BOURSE_CHART_TYPE_AREA)
    {
      cairo_path_t *path = cairo_copy_path (cr);
      cairo_pattern_t *grad = cairo_pattern_create_linear (0, pc->top, 0, bottom);
      double x1, y1, x2, y2;

      cairo_fill_extents (cr, &x1, &y1, &x2, &y2);
      set_rgba (cr, &pal->line);
      cairo_stroke (cr);
      cairo_append_path (cr, path);
      cairo_line_to (cr, x2, bottom);
      cairo_line_to (cr, x1, bottom);
      cairo_close_path (cr);
      cairo_pattern_add_color_stop_rgba (grad, 0, pal->area_top.red, pal->area_top.green,
                                         pal->area_top.blue, pal->area_top.alpha);
      cairo_pattern_add_color_stop_rgba (grad, 1, pal->area_bottom.red, pal->area_bottom.green,
                                         pal->area_bottom.blue, pal->area_bottom.alpha);
      cairo_set_source (cr, grad);
      cairo_fill (cr);
      cairo_pattern_destroy (grad);
      cairo_path_destroy (path);
    }
  else if (type == BOURSE_CHART_TYPE_BASELINE)
    {
      /* Two colours split at the middle of the visible price range. */
      double base_y = pc->top + pc->height / 2.0;
      cairo_path_t *path = cairo_copy_path (cr);
      const BourseRgba *up = _bourse_chart_get_up_color (chart);
      const BourseRgba *down = _bourse_chart_get_down_color (chart);
      double x1, y1, x2, y2;

      cairo_fill_extents (cr, &x1, &y1, &x2, &y2);
      for (int half = 0; half < 2; half++)
        {
          const BourseRgba *c = half == 0 ? up : down;

          cairo_save (cr);
          /* The traced line is still the current path: without this the clip
           * would include its polygon (closed by a chord from the last point
           * back to the first) and paint the up colour below the baseline. */
          cairo_new_path (cr);
          if (half == 0)
            cairo_rectangle (cr, 0, pc->top, pc->width, base_y - pc->top);
          else
            cairo_rectangle (cr, 0, base_y, pc->width, bottom - base_y);
          cairo_clip (cr);
          cairo_new_path (cr);
          cairo_append_path (cr, path);
          cairo_line_to (cr, x2, base_y);
          cairo_line_to (cr, x1, base_y);
          cairo_close_path (cr);
          set_rgba_alpha (cr, c, 0.2);
          cairo_fill (cr);
          cairo_append_path (cr, path);
          set_rgba (cr, c);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      cairo_set_line_width (cr, MAX (1.0, floor (pc->s)));
      cairo_set_dash (cr, (double[]) { 4 * pc->s, 4 * pc->s }, 2, 0);
      cairo_move_to (cr, 0, floor (base_y) + 0.5);
      cairo_line_to (cr, pc->width, floor (base_y) + 0.5);
      set_rgba_alpha (cr, &pal->text, 0.4);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_path_destroy (path);
    }
  else
    {
      set_rgba (cr, &pal->line);
      cairo_stroke (cr);
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
}

/* Columns from the pane bottom (@base_y) to each value, coloured per bar. */
static void
paint_columns (PaintCtx         *pc,
               const double     *values,
               const double     *column_values,  /* per column, or NULL: max from @lod */
               const BourseLod  *lod,
               double            base_y,
               double            top_fraction,   /* 0 = use the pane scale */
               double            max_value,
               const BourseRgba *up,
               const BourseRgba *down,
               double            alpha)
{
  BourseChartRenderer *self = pc->self;
  const BourseOhlcSource *src = pc->src;
  double spacing = pc->pl->geometry.time_scale.bar_spacing * pc->s;
  double w = MAX (1.0, floor (spacing * 0.8));
  double area = pc->height * top_fraction;
  /* Columns are one pixel each; bars at least a pixel apart start at least
   * floor (spacing) ≥ w apart. */
  gboolean disjoint = pc->columns || spacing >= 1.0;
  BourseRectFill fill;

#define COL_Y(v) (top_fraction > 0 ? base_y - (v) / max_value * area : dev_y (pc, (v)))

  if (pc->columns && column_values == NULL)
    {
      bourse_lod_aggregate (lod, values, values, self->bounds, pc->n_cols, self->col_a, self->col_b);
      column_values = self->col_b;
    }

  fill_begin (self, &fill, pc->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      if (pc->columns)
        {
          for (gsize c = 0; c < pc->n_cols; c++)
            {
              gsize a = self->bounds[c], b = self->bounds[c + 1];

              if (a >= b || !isfinite (column_values[c]))
                continue;
              if ((src->close[b - 1] >= src->open[a]) != (pass == 0))
                continue;
              add_rect (&fill, (double) c, base_y - 1, 1, COL_Y (column_values[c]));
            }
        }
      else
        {
          for (gsize i = pc->first; i < pc->end; i++)
            {
              double x;

              if ((src->close[i] >= src->open[i]) != (pass == 0) || !isfinite (values[i]))
                continue;
              x = floor (dev_x (pc, (double) i) - (w - 1) / 2);
              add_rect (&fill, x, base_y - 1, w, COL_Y (values[i]));
            }
        }
      bourse_rect_fill_paint (&fill, pass == 0 ? up : down, alpha, disjoint);
    }
#undef COL_Y
}

static void
paint_main_series (PaintCtx *pc)
{
  BourseChart *chart = pc->self->chart;
  BourseChartType type = bourse_chart_get_chart_type (chart);
  const BourseRgba *up = _bourse_chart_get_up_color (chart);
  const BourseRgba *down = _bourse_chart_get_down_color (chart);

  switch (type)
    {
    case BOURSE_CHART_TYPE_CANDLES:
    case BOURSE_CHART_TYPE_HEIKIN_ASHI:
      paint_candles (pc, FALSE, up, down);
      break;
    case BOURSE_CHART_TYPE_HOLLOW_CANDLES:
      paint_candles (pc, TRUE, up, down);
      break;
    case BOURSE_CHART_TYPE_BARS:
      paint_ohlc_bars (pc, up, down);
      break;
    case BOURSE_CHART_TYPE_HISTOGRAM:
      paint_columns (pc, pc->src->close, NULL, _bourse_chart_get_close_lod (chart),
                     pc->top + pc->height, 0, 0, up, down, 1.0);
      break;
    case BOURSE_CHART_TYPE_LINE:
    case BOURSE_CHART_TYPE_STEP_LINE:
    case BOURSE_CHART_TYPE_AREA:
    case BOURSE_CHART_TYPE_BASELINE:
    default:
      paint_line_series (pc);
      break;
    }
}

/* What every extra-series painter gets: the series' values (and the band's
 * lower edge), its colours and line width in device px. */
typedef struct
{
  BourseChartSeries *series;
  const double      *values;
  const double      *lower;
  gsize              n;
  double             lw;
  BourseRgba         color, neg, fill;
} SeriesPaint;

typedef void (*SeriesPainter) (PaintCtx          *pc,
                               const SeriesPaint *sp);

/* Columns from the series' base up (colour) or down (negative colour). */
static void
paint_series_histogram (PaintCtx          *pc,
                        const SeriesPaint *sp)
{
  BourseChartRenderer *self = pc->self;
  double base = bourse_chart_series_get_base (sp->series);
  double base_y = floor (dev_y (pc, base));
  double spacing = pc->pl->geometry.time_scale.bar_spacing * pc->s;
  double w = MAX (1.0, floor (spacing * 0.6));
  BourseRectFill rects;

  if (pc->columns)
    bourse_chart_series_aggregate (sp->series, self->bounds, pc->n_cols, self->col_a, self->col_b);
  fill_begin (self, &rects, pc->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      if (pc->columns)
        for (gsize c = 0; c < pc->n_cols; c++)
          {
            double v = pass == 0 ? self->col_b[c] : self->col_a[c];

            if (!isfinite (v) || (pass == 0 ? v < base : v >= base))
              continue;
            add_rect (&rects, (double) c, base_y, 1, dev_y (pc, v));
          }
      else
        for (gsize i = pc->first; i < MIN (pc->end, sp->n); i++)
          {
            double v = sp->values[i];

            if (!isfinite (v) || (pass == 0 ? v < base : v >= base))
              continue;
            add_rect (&rects, floor (dev_x (pc, (double) i) - (w - 1) / 2), base_y, w, dev_y (pc, v));
          }
      bourse_rect_fill_paint (&rects, pass == 0 ? &sp->color : &sp->neg, 1.0, FALSE);
    }
}

/* The fill between the two edges, run by run of defined values (sampled per
 * column when zoomed out), then both edges as lines. */
static void
paint_series_band (PaintCtx          *pc,
                   const SeriesPaint *sp)
{
  cairo_t *cr = pc->cr;
  const double *values = sp->values, *lower = sp->lower;
  gsize start = pc->first > 0 ? pc->first - 1 : 0;
  gsize stop = MIN (pc->end + 1, sp->n);
  gsize i = start;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  while (i < stop)
    {
      gsize run_start, run_end, step;

      while (i < stop && (!isfinite (values[i]) || !isfinite (lower[i])))
        i++;
      run_start = i;
      while (i < stop && isfinite (values[i]) && isfinite (lower[i]))
        i++;
      run_end = i;
      if (run_end - run_start < 2)
        continue;
      step = pc->columns ? MAX (1, (gsize) floor (1.0 / (pc->pl->geometry.time_scale.bar_spacing * pc->s))) : 1;
      cairo_move_to (cr, dev_x (pc, (double) run_start), dev_y (pc, values[run_start]));
      for (gsize k = run_start; k < run_end; k += step)
        cairo_line_to (cr, dev_x (pc, (double) k), dev_y (pc, values[k]));
      cairo_line_to (cr, dev_x (pc, (double) (run_end - 1)), dev_y (pc, values[run_end - 1]));
      cairo_line_to (cr, dev_x (pc, (double) (run_end - 1)), dev_y (pc, lower[run_end - 1]));
      for (gssize k = (gssize) run_end - 1; k >= (gssize) run_start; k -= (gssize) step)
        cairo_line_to (cr, dev_x (pc, (double) k), dev_y (pc, lower[k]));
      cairo_line_to (cr, dev_x (pc, (double) run_start), dev_y (pc, lower[run_start]));
      cairo_close_path (cr);
    }
  set_rgba (cr, &sp->fill);
  cairo_fill (cr);
  cairo_set_line_width (cr, sp->lw);
  trace_values (pc, values, sp->n, NULL, NULL, FALSE);
  trace_values (pc, lower, sp->n, NULL, NULL, FALSE);
  set_rgba (cr, &sp->color);
  cairo_stroke (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
}

static void
paint_series_line (PaintCtx          *pc,
                   const SeriesPaint *sp)
{
  cairo_t *cr = pc->cr;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_line_width (cr, sp->lw);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trace_values (pc, sp->values, sp->n, NULL, sp->series, FALSE);
  set_rgba (cr, &sp->color);
  cairo_stroke (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
}

/* One painter per kind of extra series. */
static const SeriesPainter series_painters[] = {
  [BOURSE_CHART_SERIES_LINE]      = paint_series_line,
  [BOURSE_CHART_SERIES_HISTOGRAM] = paint_series_histogram,
  [BOURSE_CHART_SERIES_BAND]      = paint_series_band,
};

static void
paint_extra_series (PaintCtx          *bars_pc,
                    BourseChartSeries *series)
{
  PaintCtx pc = *bars_pc;
  BourseChartSeriesKind kind = bourse_chart_series_get_kind (series);
  SeriesPaint sp = { .series = series };

  sp.values = bourse_chart_series_peek_values (series, &sp.lower);
  sp.n = bourse_chart_series_get_n_values (series);
  sp.lw = bourse_chart_series_get_line_width (series) * pc.s;
  if (!bourse_chart_series_get_visible (series) || sp.n == 0)
    return;
  /* Values past the last bar (future slots) are drawn bar by bar even when
   * zoomed out: the pixel columns only cover the bars. */
  series_visible_values (&pc.pl->geometry.time_scale, pc.src->len, series, &pc.first, &pc.end);
  bourse_chart_series_get_color (series, &sp.color);
  bourse_chart_series_get_negative_color (series, &sp.neg);
  bourse_chart_series_get_fill_color (series, &sp.fill);
  if ((guint) kind >= G_N_ELEMENTS (series_painters) || series_painters[kind] == NULL)
    kind = BOURSE_CHART_SERIES_LINE;
  series_painters[kind] (&pc, &sp);
}

/* An extra series on its pane: on the pane's scale, on the pane's secondary
 * scale, or (an overlay) on its own linear scale fitted to its visible values. */
static void
paint_pane_extra_series (PaintCtx          *pc,
                         BourseChartSeries *ser)
{
  const PaneLayout *pl = pc->pl;
  PaneLayout overlay_layout;
  PaintCtx overlay_pc;
  double mn, mx;

  if (on_secondary_scale (ser))
    {
      if (!pl->has_secondary)
        return;
      overlay_layout = *pl;
      overlay_layout.geometry.price_scale = pl->secondary;
      overlay_pc = *pc;
      overlay_pc.pl = &overlay_layout;
      paint_extra_series (&overlay_pc, ser);
      return;
    }
  if (!bourse_chart_series_get_overlay (ser))
    {
      paint_extra_series (pc, ser);
      return;
    }
  if (!bourse_chart_series_get_range (ser, pc->first, pc->end, &mn, &mx))
    return;
  overlay_layout = *pl;
  bourse_price_scale_init (&overlay_layout.geometry.price_scale, BOURSE_PRICE_SCALE_MODE_NORMAL,
                           pl->geometry.height);
  overlay_layout.geometry.price_scale.top_margin = 0.1;
  overlay_layout.geometry.price_scale.bottom_margin = 0.1;
  bourse_price_scale_set_price_range (&overlay_layout.geometry.price_scale, mn, mx);
  overlay_pc = *pc;
  overlay_pc.pl = &overlay_layout;
  paint_extra_series (&overlay_pc, ser);
}

/* Volume (overlaid on the main pane or in its own), the main series, then
 * the pane's extra series in order. */
void
_bourse_chart_renderer_paint_pane_series (PaintCtx *pc)
{
  BourseChartRenderer *self = pc->self;
  BourseChart *chart = self->chart;
  const PaneLayout *pl = pc->pl;
  const BourseOhlcSource *src = pc->src;
  gboolean is_main = pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE;
  gboolean is_volume = pl->geometry.pane_id == bourse_chart_get_volume_pane (chart);
  g_autoptr(GPtrArray) series = bourse_chart_get_series (chart, pl->geometry.pane_id);

  if (src->len > 0 && ((is_main && bourse_chart_get_volume_mode (chart) == BOURSE_VOLUME_MODE_OVERLAY) || is_volume) &&
      isfinite (pl->volume_max) && pl->volume_max > 0)
    paint_columns (pc, src->volume, self->vol_cols, _bourse_chart_get_volume_lod (chart), pc->top + pc->height,
                   is_main ? VOLUME_FRACTION : 0.9, pl->volume_max,
                   _bourse_chart_get_up_color (chart), _bourse_chart_get_down_color (chart),
                   is_main ? 0.35 : 0.6);
  if (is_main && src->len > 0)
    paint_main_series (pc);
  _bourse_chart_renderer_paint_levels (pc, series);
  for (guint i = 0; i < series->len; i++)
    paint_pane_extra_series (pc, g_ptr_array_index (series, i));
}
