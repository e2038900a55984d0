/* bourse-chart-renderer.c — paints a BourseChart on any cairo_t
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is painted in device pixels (the context is scaled by
 * 1 / scale_factor on entry), so rectangles land on whole pixels and 1 px
 * lines are crisp at any HiDPI scale. Candles, volume, grid and axis lines
 * are batched per colour and filled once, without antialiasing, as Lightweight
 * Charts does with fillRect; a batch goes straight into the pixels of an
 * ARGB32 image surface when cairo would give the same ones (bourse-rect-fill.h),
 * and axis labels are shaped once and kept as glyphs. When bars are denser than device pixels, each pixel column
 * is drawn from the level-of-detail pyramid (min/max of the bars it covers),
 * so a frame costs O(width · log N) whatever the number of bars.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bourse-chart-private.h"
#include "bourse-chart-renderer.h"
#include "bourse-rect-fill.h"

#define FONT_FAMILY        "DejaVu Sans"
#define FONT_SIZE          11.0
#define TIME_AXIS_HEIGHT   26.0
#define AXIS_PADDING       8.0
#define MIN_AXIS_WIDTH     56.0
#define SEPARATOR_GRAB     4.0
#define TIME_LABEL_SPACING 90.0
#define PRICE_TICK_SPACING 36.0
#define ORDER_BUTTON_SIZE  18.0
#define VOLUME_FRACTION    0.2

typedef struct
{
  char   *id;
  double  y;                 /* logical px, widget coordinates */
  double  label_x, label_w;  /* label box on the line */
  double  close_x, close_w;  /* ✕ box (close_w 0 when not closable) */
  double  price;
} LineHit;

typedef struct
{
  BourseChartPaneGeometry geometry;
  double                  volume_max;   /* main pane / volume pane */
  gboolean                has_data;
  gboolean                has_secondary;
  BoursePriceScale        secondary;    /* the secondary-scale series' scale */
} PaneLayout;

struct _BourseChartRenderer
{
  GObject              parent_instance;

  /* owned */
  BourseChart         *chart;
  cairo_surface_t     *measure_surface;
  cairo_t             *measure_cr;
  GArray              *panes;       /* PaneLayout, top to bottom */
  GArray              *line_hits;   /* LineHit */
  GArray              *marks;       /* BourseTimeMark */
  GArray              *ticks;       /* double */
  GArray              *boxes;       /* BourseRectBox scratch of BourseRectFill */
  GHashTable          *glyph_runs;  /* label → GlyphRun */
  GArray              *glyph_scratch; /* cairo_glyph_t */
  gsize               *bounds;      /* column bounds scratch */
  double              *col_a;
  double              *col_b;
  double              *vol_cols;    /* largest volume per column */
  double              *vol_scratch; /* smallest volume per column (unused) */
  gsize                col_capacity;
  gsize                n_cols;
  double               vol_cols_max;

  double               width;
  double               height;
  double               scale;
  double               plot_width;
  double               plot_x;      /* left edge of the plot: the axis width with the axis on the left */
  double               axis_width;
  double               secondary_width; /* the second price axis, 0 without one */
  double               time_axis_y;
  double               order_button_y;

  guint                columns : 1;     /* bars denser than device pixels */
  guint                axis_left : 1;
  guint                order_button_visible : 1;
  guint                order_button_shown : 1;
  guint                direct_fill : 1; /* rectangles straight into image surfaces */
};

G_DEFINE_FINAL_TYPE (BourseChartRenderer, bourse_chart_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
line_hit_clear (gpointer data)
{
  LineHit *hit = data;

  g_clear_pointer (&hit->id, g_free);
}

static inline void
set_rgba (cairo_t          *cr,
          const BourseRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static inline void
set_rgba_alpha (cairo_t          *cr,
                const BourseRgba *c,
                double            alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

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

/* Shaping a label (UTF-8 → glyphs, their advances) is most of what
 * cairo_show_text() costs, and a chart shows the same few dozen labels frame
 * after frame: each string's glyphs, positioned from the origin, are kept for
 * the scaled font they were made with. */
#define MAX_GLYPH_RUNS 1024

typedef struct
{
  cairo_scaled_font_t *font;
  cairo_glyph_t       *glyphs;
  int                  n_glyphs;
  double               advance;
} GlyphRun;

static void
glyph_run_clear (GlyphRun *run)
{
  g_clear_pointer (&run->glyphs, cairo_glyph_free);
  g_clear_pointer (&run->font, cairo_scaled_font_destroy);
  run->n_glyphs = 0;
  run->advance = 0;
}

static void
glyph_run_free (gpointer data)
{
  glyph_run_clear (data);
  g_free (data);
}

static const GlyphRun *
glyph_run (BourseChartRenderer *self,
           cairo_t             *cr,
           const char          *text)
{
  cairo_scaled_font_t *font = cairo_get_scaled_font (cr);
  GlyphRun *run = g_hash_table_lookup (self->glyph_runs, text);
  cairo_text_extents_t ext;

  if (run != NULL && run->font == font)
    return run;
  if (run == NULL)
    {
      if (g_hash_table_size (self->glyph_runs) >= MAX_GLYPH_RUNS)
        g_hash_table_remove_all (self->glyph_runs);
      run = g_new0 (GlyphRun, 1);
      g_hash_table_insert (self->glyph_runs, g_strdup (text), run);
    }
  else
    glyph_run_clear (run);
  run->font = cairo_scaled_font_reference (font);
  if (cairo_scaled_font_text_to_glyphs (font, 0, 0, text, -1, &run->glyphs, &run->n_glyphs,
                                        NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&run->glyphs, cairo_glyph_free);
      run->n_glyphs = 0;
    }
  /* What cairo_text_extents() would say. */
  cairo_scaled_font_glyph_extents (font, run->glyphs, run->n_glyphs, &ext);
  run->advance = run->n_glyphs > 0 ? ext.x_advance : 0;
  return run;
}

static double
text_width (BourseChartRenderer *self,
            cairo_t             *cr,
            const char          *text)
{
  return glyph_run (self, cr, text)->advance;
}

/* cairo_show_text() at the current point, from the cached glyphs. */
static void
show_text (BourseChartRenderer *self,
           cairo_t             *cr,
           const GlyphRun      *run)
{
  double x, y;

  if (run->n_glyphs == 0)
    return;
  cairo_get_current_point (cr, &x, &y);
  g_array_set_size (self->glyph_scratch, (guint) run->n_glyphs);
  for (int i = 0; i < run->n_glyphs; i++)
    {
      cairo_glyph_t *g = &g_array_index (self->glyph_scratch, cairo_glyph_t, i);

      g->index = run->glyphs[i].index;
      g->x = run->glyphs[i].x + x;
      g->y = run->glyphs[i].y + y;
    }
  cairo_show_glyphs (cr, (cairo_glyph_t *) (gpointer) self->glyph_scratch->data, run->n_glyphs);
}

static void
select_font (cairo_t *cr,
             double   scale,
             gboolean bold)
{
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, FONT_SIZE * scale);
}

/* Everything is painted with the origin at the plot's left edge: the price
 * axis starts at this x (device px), right of the plot or left of it. */
static double
axis_start (BourseChartRenderer *self)
{
  return (self->axis_left ? -self->axis_width : self->plot_width) * self->scale;
}

/* Where the secondary price axis starts (device px), opposite the main one. */
static double
secondary_axis_start (BourseChartRenderer *self)
{
  return (self->axis_left ? self->plot_width : -self->secondary_width) * self->scale;
}

/* A secondary-axis value: 12.3K, 4.56M, 1.2B when large, else @decimals
 * decimals ('.' whatever the locale). */
static void
format_compact (double  value,
                int     decimals,
                char   *buf,
                gsize   size)
{
  double a = fabs (value);
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *suffix = "";

  if (a >= 1e9)
    value /= 1e9, suffix = "B", decimals = 2;
  else if (a >= 1e6)
    value /= 1e6, suffix = "M", decimals = 2;
  else if (a >= 1e4)
    value /= 1e3, suffix = "K", decimals = 1;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (num, sizeof num, format, value);
  g_snprintf (buf, size, "%s%s", num, suffix);
}

/* ---------------------------------------------------------------------------
 * Layout
 * ------------------------------------------------------------------------ */

static inline gboolean
on_secondary_scale (BourseChartSeries *series)
{
  return bourse_chart_series_get_visible (series) && bourse_chart_series_get_secondary_scale (series);
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

/* The visible part of an extra series, which may reach past the last bar:
 * values at indexes >= the number of bars are whitespace slots in the future
 * (Ichimoku's leading spans, Lightweight Charts' whitespace data), laid out at
 * the bar spacing to the right of the last bar. */
static void
series_visible_values (const BourseTimeScale   *ts,
                       gsize                    n_bars,
                       BourseChartSeries       *series,
                       gsize                   *first,
                       gsize                   *end)
{
  bourse_time_scale_visible_bars (ts, MAX (n_bars, bourse_chart_series_get_n_values (series)), first, end);
}

static PaneLayout *
find_layout (BourseChartRenderer *self,
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

  select_font (self->measure_cr, 1.0, FALSE);
  if (src->len > 0)
    bourse_lod_query (src->range_lod, src->low, src->high, 0, src->len, &lo, &hi);
  g_snprintf (buf, sizeof buf, "%.*f", precision, MAX (fabs (lo), fabs (hi)) * 10.0);
  w = text_width (self, self->measure_cr, buf);
  g_snprintf (buf, sizeof buf, "-%.2f%%", 888.88);
  w = MAX (w, text_width (self, self->measure_cr, buf));
  return ceil (MAX (MIN_AXIS_WIDTH, w + 2 * AXIS_PADDING));
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

  for (guint i = 0; i < series->len; i++)
    {
      BourseChartSeries *s = g_ptr_array_index (series, i);
      gsize s_first, s_end;
      double mn, mx;

      if (on_secondary_scale (s))
        {
          series_visible_values (&pl->geometry.time_scale, src->len, s, &s_first, &s_end);
          if (bourse_chart_series_get_range (s, s_first, s_end, &mn, &mx))
            {
              sec_lo = MIN (sec_lo, mn);
              sec_hi = MAX (sec_hi, mx);
            }
          continue;
        }
      if (!bourse_chart_series_get_visible (s) || bourse_chart_series_get_overlay (s))
        continue;
      series_visible_values (&pl->geometry.time_scale, src->len, s, &s_first, &s_end);
      if (bourse_chart_series_get_range (s, s_first, s_end, &mn, &mx))
        {
          lo = MIN (lo, mn);
          hi = MAX (hi, mx);
        }
      if (!isfinite (base))
        for (gsize k = s_first; k < s_end && k < bourse_chart_series_get_n_values (s); k++)
          {
            double v = bourse_chart_series_get_value (s, k, NULL);
            if (isfinite (v))
              {
                base = v;
                break;
              }
          }
    }

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
      pl->geometry.time_scale = ts;
      pl->geometry.bars = bourse_chart_get_bars (chart);
      pl->geometry.time_zone = bourse_chart_get_time_zone (chart);
      pl->geometry.precision = bourse_chart_get_precision (chart);
      pl->geometry.tick_size = bourse_chart_get_tick_size (chart);
      bourse_price_scale_init (&pl->geometry.price_scale, pane->mode, h);
      pl->geometry.price_scale.inverted = pane->inverted;
      autoscale_pane (self, pl, pane, &src, first, end);
      y += h + 1;
    }

  _bourse_chart_check_history (chart);
}

/* ---------------------------------------------------------------------------
 * Series painting (device pixels)
 * ------------------------------------------------------------------------ */

typedef struct
{
  BourseChartRenderer    *self;
  cairo_t                *cr;
  const PaneLayout       *pl;
  const BourseOhlcSource *src;
  double                  s;        /* scale factor */
  double                  top;      /* pane top, device px */
  double                  height;   /* pane height, device px */
  double                  width;    /* plot width, device px */
  gsize                   first, end;
  gboolean                columns;  /* one pixel column per group of bars */
  gsize                   n_cols;
} PaintCtx;

static inline double
dev_x (const PaintCtx *pc,
       double          index)
{
  return bourse_time_scale_index_to_x (&pc->pl->geometry.time_scale, index) * pc->s;
}

static inline double
dev_y (const PaintCtx *pc,
       double          price)
{
  return pc->top + bourse_price_scale_price_to_y (&pc->pl->geometry.price_scale, price) * pc->s;
}

static inline void
fill_begin (BourseChartRenderer *self,
            BourseRectFill      *fill,
            cairo_t             *cr)
{
  bourse_rect_fill_begin (fill, cr, self->boxes, self->direct_fill);
}

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

static void
paint_extra_series (PaintCtx          *bars_pc,
                    BourseChartSeries *series)
{
  PaintCtx series_pc = *bars_pc;
  PaintCtx *pc = &series_pc;
  BourseChartRenderer *self = pc->self;
  cairo_t *cr = pc->cr;
  BourseRgba color, neg, fill;
  const double *lower = NULL;
  const double *values = bourse_chart_series_peek_values (series, &lower);
  gsize n = bourse_chart_series_get_n_values (series);
  double lw = bourse_chart_series_get_line_width (series) * pc->s;

  if (!bourse_chart_series_get_visible (series) || n == 0)
    return;
  /* Values past the last bar (future slots) are drawn bar by bar even when
   * zoomed out: the pixel columns only cover the bars. */
  series_visible_values (&pc->pl->geometry.time_scale, pc->src->len, series, &pc->first, &pc->end);
  bourse_chart_series_get_color (series, &color);
  bourse_chart_series_get_negative_color (series, &neg);
  bourse_chart_series_get_fill_color (series, &fill);

  switch (bourse_chart_series_get_kind (series))
    {
    case BOURSE_CHART_SERIES_HISTOGRAM:
      {
        double base = bourse_chart_series_get_base (series);
        double base_y = floor (dev_y (pc, base));
        double spacing = pc->pl->geometry.time_scale.bar_spacing * pc->s;
        double w = MAX (1.0, floor (spacing * 0.6));
        BourseRectFill rects;

        if (pc->columns)
          bourse_chart_series_aggregate (series, self->bounds, pc->n_cols, self->col_a, self->col_b);
        fill_begin (self, &rects, cr);
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
              for (gsize i = pc->first; i < MIN (pc->end, n); i++)
                {
                  double v = values[i];

                  if (!isfinite (v) || (pass == 0 ? v < base : v >= base))
                    continue;
                  add_rect (&rects, floor (dev_x (pc, (double) i) - (w - 1) / 2), base_y, w, dev_y (pc, v));
                }
            bourse_rect_fill_paint (&rects, pass == 0 ? &color : &neg, 1.0, FALSE);
          }
        break;
      }

    case BOURSE_CHART_SERIES_BAND:
      {
        gsize start = pc->first > 0 ? pc->first - 1 : 0;
        gsize stop = MIN (pc->end + 1, n);
        gsize i = start;

        cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
        /* The fill, run by run of defined values (sampled per column when zoomed out). */
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
        set_rgba (cr, &fill);
        cairo_fill (cr);
        cairo_set_line_width (cr, lw);
        trace_values (pc, values, n, NULL, NULL, FALSE);
        trace_values (pc, lower, n, NULL, NULL, FALSE);
        set_rgba (cr, &color);
        cairo_stroke (cr);
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
        break;
      }

    case BOURSE_CHART_SERIES_LINE:
    default:
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      cairo_set_line_width (cr, lw);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      trace_values (pc, values, n, NULL, series, FALSE);
      set_rgba (cr, &color);
      cairo_stroke (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      break;
    }
}

/* ---------------------------------------------------------------------------
 * Chrome: grid, axes, labels (device pixels)
 * ------------------------------------------------------------------------ */

typedef struct
{
  double ascent;
  double descent;
  double height;
} FontMetrics;

static void
font_metrics (cairo_t     *cr,
              FontMetrics *fm)
{
  cairo_font_extents_t fe;

  cairo_font_extents (cr, &fe);
  fm->ascent = fe.ascent;
  fm->descent = fe.descent;
  fm->height = fe.ascent + fe.descent;
}

/* Text with its vertical centre at @yc; @align 0 left, 0.5 centre, 1 right. */
static double
draw_text (BourseChartRenderer *self,
           cairo_t             *cr,
           double               x,
           double               yc,
           double               align,
           const char          *text)
{
  cairo_font_extents_t fe;
  const GlyphRun *run = glyph_run (self, cr, text);
  double w = run->advance;

  cairo_font_extents (cr, &fe);
  cairo_move_to (cr, round (x - w * align), round (yc + (fe.ascent - fe.descent) / 2.0));
  show_text (self, cr, run);
  return w;
}

/* A price label's text on the axis: left-aligned right of the plot, or
 * right-aligned left of it. */
static void
axis_text (BourseChartRenderer *self,
           cairo_t             *cr,
           double               yc,
           const char          *text)
{
  double s = self->scale;

  if (self->axis_left)
    draw_text (self, cr, -AXIS_PADDING * s, yc, 1, text);
  else
    draw_text (self, cr, (self->plot_width + AXIS_PADDING) * s, yc, 0, text);
}

static void
hline (BourseRectFill *fill,
       double          x0,
       double          x1,
       double          y,
       double          s)
{
  double lw = MAX (1.0, floor (s));

  bourse_rect_fill_add (fill, x0, floor (y), x1 - x0, lw);
}

static void
vline (BourseRectFill *fill,
       double          x,
       double          y0,
       double          y1,
       double          s)
{
  double lw = MAX (1.0, floor (s));

  bourse_rect_fill_add (fill, floor (x), y0, lw, y1 - y0);
}

/* Dashed horizontal line as rectangles (no antialiasing, crisp at any scale). */
static void
dashed_hline (BourseRectFill *fill,
              double          x0,
              double          x1,
              double          y,
              double          s,
              double          dash,
              double          gap)
{
  for (double x = x0; x < x1; x += (dash + gap) * s)
    hline (fill, x, MIN (x + dash * s, x1), y, s);
}

static void
dashed_vline (BourseRectFill *fill,
              double          x,
              double          y0,
              double          y1,
              double          s,
              double          dash,
              double          gap)
{
  for (double y = y0; y < y1; y += (dash + gap) * s)
    vline (fill, x, y, MIN (y + dash * s, y1), s);
}

static void
label_box (cairo_t          *cr,
           double            x,
           double            yc,
           double            w,
           double            h,
           const BourseRgba *bg)
{
  set_rgba (cr, bg);
  cairo_rectangle (cr, round (x), round (yc - h / 2), round (w), round (h));
  cairo_fill (cr);
}

static const BourseRgba *
contrast_text (const BourseRgba *bg)
{
  static const BourseRgba white = BOURSE_RGBA_INIT (0xffffff, 1.0);
  static const BourseRgba black = BOURSE_RGBA_INIT (0x131722, 1.0);
  double lum = 0.299 * bg->red + 0.587 * bg->green + 0.114 * bg->blue;

  return lum > 0.65 ? &black : &white;
}

typedef struct
{
  double            y;       /* device px, centre */
  double            price;
  const BourseRgba *color;
} AxisLabel;

static int
compare_axis_labels (gconstpointer a,
                     gconstpointer b)
{
  const AxisLabel *la = a, *lb = b;

  return la->y < lb->y ? -1 : la->y > lb->y;
}

static void collect_main_axis_labels (BourseChartRenderer *self,
                                      const PaneLayout    *pl,
                                      GArray              *labels);

/* How many slots past the last bar some visible series reaches into. */
static gsize
n_future_slots (BourseChartRenderer *self,
                gsize                n_bars)
{
  gsize n_max = n_bars;

  for (guint p = 0; p < self->panes->len; p++)
    {
      g_autoptr(GPtrArray) series =
        bourse_chart_get_series (self->chart, g_array_index (self->panes, PaneLayout, p).geometry.pane_id);

      for (guint k = 0; k < series->len; k++)
        if (bourse_chart_series_get_visible (g_ptr_array_index (series, k)))
          n_max = MAX (n_max, bourse_chart_series_get_n_values (g_ptr_array_index (series, k)));
    }
  return n_max - n_bars;
}

static void
paint_grid_and_axes (BourseChartRenderer    *self,
                     cairo_t                *cr,
                     const BourseOhlcSource *src)
{
  BourseChart *chart = self->chart;
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  double s = self->scale, pw = self->plot_width * s;
  gboolean grid = bourse_chart_get_grid_visible (chart);
  BourseTimeScale ts;

  bourse_chart_viewport_get_time_scale (bourse_chart_get_viewport (chart), &ts);
  bourse_time_scale_build_marks_full (&ts, src->time, src->len, n_future_slots (self, src->len),
                                      bourse_chart_get_time_zone (chart), TIME_LABEL_SPACING, self->marks);

  if (grid)
    {
      BourseRectFill fill;

      fill_begin (self, &fill, cr);
      for (guint i = 0; i < self->marks->len; i++)
        {
          const BourseTimeMark *m = &g_array_index (self->marks, BourseTimeMark, i);
          double x = bourse_time_scale_index_to_x (&ts, (double) m->index) * s;

          if (x >= 0 && x < pw)
            for (guint p = 0; p < self->panes->len; p++)
              {
                const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
                vline (&fill, x, pl->geometry.y * s, (pl->geometry.y + pl->geometry.height) * s, s);
              }
        }
      for (guint p = 0; p < self->panes->len; p++)
        {
          const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);

          bourse_price_scale_build_ticks (&pl->geometry.price_scale, pl->geometry.tick_size,
                                          PRICE_TICK_SPACING, self->ticks);
          for (guint i = 0; i < self->ticks->len; i++)
            {
              double y = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale,
                                                                         g_array_index (self->ticks, double, i));
              if (y > pl->geometry.y && y < pl->geometry.y + pl->geometry.height)
                hline (&fill, 0, pw, y * s, s);
            }
        }
      /* Vertical and horizontal lines cross: covered once. */
      bourse_rect_fill_paint (&fill, &pal->grid, 1.0, FALSE);
    }
}

static void
paint_axes_labels (BourseChartRenderer    *self,
                   cairo_t                *cr,
                   const BourseOhlcSource *src)
{
  BourseChart *chart = self->chart;
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  double s = self->scale, pw = self->plot_width * s;
  BourseTimeScale ts;
  FontMetrics fm;
  BourseRectFill fill;

  bourse_chart_viewport_get_time_scale (bourse_chart_get_viewport (chart), &ts);

  /* Axis backgrounds cover series that overflow the plot. */
  fill_begin (self, &fill, cr);
  bourse_rect_fill_add (&fill, axis_start (self), 0, self->axis_width * s + s, self->height * s);
  bourse_rect_fill_add (&fill, 0, self->time_axis_y * s, pw, self->height * s - self->time_axis_y * s);
  if (self->secondary_width > 0)
    bourse_rect_fill_add (&fill, secondary_axis_start (self), 0, self->secondary_width * s + s, self->height * s);
  bourse_rect_fill_paint (&fill, &pal->background, 1.0, FALSE);

  /* Borders and pane separators. */
  vline (&fill, self->axis_left ? -MAX (1.0, floor (s)) : pw, 0, self->height * s, s);
  if (self->secondary_width > 0)
    vline (&fill, self->axis_left ? pw : -MAX (1.0, floor (s)), 0, self->height * s, s);
  hline (&fill, -self->plot_x * s, (self->width - self->plot_x) * s, self->time_axis_y * s, s);
  bourse_rect_fill_paint (&fill, &pal->border, 1.0, FALSE);
  for (guint p = 0; p + 1 < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      hline (&fill, -self->plot_x * s, (self->width - self->plot_x) * s, (pl->geometry.y + pl->geometry.height) * s, s);
    }
  bourse_rect_fill_paint (&fill, &pal->separator, 1.0, FALSE);

  select_font (cr, s, FALSE);
  font_metrics (cr, &fm);
  set_rgba (cr, &pal->text);

  /* Price labels. */
  for (guint p = 0; p < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      const BourseChartPaneGeometry *g = &pl->geometry;

      g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (AxisLabel));

      if (g->pane_id == BOURSE_CHART_MAIN_PANE)
        collect_main_axis_labels (self, pl, labels);
      bourse_price_scale_build_ticks (&g->price_scale, g->tick_size, PRICE_TICK_SPACING, self->ticks);
      for (guint i = 0; i < self->ticks->len; i++)
        {
          double price = g_array_index (self->ticks, double, i);
          double y = (g->y + bourse_price_scale_price_to_y (&g->price_scale, price)) * s;
          gboolean covered = FALSE;
          char buf[64];

          if (y - fm.height / 2 < g->y * s || y + fm.height / 2 > (g->y + g->height) * s)
            continue;
          /* Hidden under the last-price and price-line labels, as in Lightweight Charts. */
          for (guint k = 0; k < labels->len && !covered; k++)
            covered = fabs (g_array_index (labels, AxisLabel, k).y - y) < (FONT_SIZE + 8) * s / 2 + fm.height / 2;
          if (covered)
            continue;
          if (pl->geometry.pane_id == bourse_chart_get_volume_pane (chart) ||
              (g->price_scale.mode == BOURSE_PRICE_SCALE_MODE_NORMAL && fabs (price) >= 1e6))
            {
              /* Volumes and big values: 12.3K, 4.5M. */
              double a = fabs (price);
              if (a >= 1e9)
                g_snprintf (buf, sizeof buf, "%.2fB", price / 1e9);
              else if (a >= 1e6)
                g_snprintf (buf, sizeof buf, "%.2fM", price / 1e6);
              else if (a >= 1e3)
                g_snprintf (buf, sizeof buf, "%.1fK", price / 1e3);
              else
                g_snprintf (buf, sizeof buf, "%.0f", price);
            }
          else
            bourse_price_scale_format (&g->price_scale, price, g->precision, buf, sizeof buf);
          if (self->axis_left)
            hline (&fill, -4 * s, 0, y, s);
          else
            hline (&fill, pw, pw + 4 * s, y, s);
          axis_text (self, cr, y, buf);
        }
      /* The tick marks, all at once: they never touch their labels. */
      bourse_rect_fill_paint (&fill, &pal->text, 1.0, FALSE);
    }

  /* Secondary price labels, on the other side. */
  for (guint p = 0; p < self->panes->len && self->secondary_width > 0; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      const BourseChartPaneGeometry *g = &pl->geometry;
      double step;
      int decimals;

      if (!pl->has_secondary)
        continue;
      bourse_price_scale_build_ticks (&pl->secondary, 0, PRICE_TICK_SPACING, self->ticks);
      if (self->ticks->len < 1)
        continue;
      /* As many decimals as the tick step needs (0.25 → 2, 500 → 0). */
      step = self->ticks->len > 1
        ? fabs (g_array_index (self->ticks, double, 1) - g_array_index (self->ticks, double, 0)) : 1.0;
      decimals = step > 0 ? CLAMP ((int) ceil (-log10 (step) - 1e-9), 0, 8) : 0;
      for (guint i = 0; i < self->ticks->len; i++)
        {
          double price = g_array_index (self->ticks, double, i);
          double y = (g->y + bourse_price_scale_price_to_y (&pl->secondary, price)) * s;
          char buf[64];

          if (y - fm.height / 2 < g->y * s || y + fm.height / 2 > (g->y + g->height) * s)
            continue;
          format_compact (price, decimals, buf, sizeof buf);
          if (self->axis_left)
            {
              hline (&fill, pw, pw + 4 * s, y, s);
              draw_text (self, cr, (self->plot_width + AXIS_PADDING) * s, y, 0, buf);
            }
          else
            {
              hline (&fill, -4 * s, 0, y, s);
              draw_text (self, cr, -AXIS_PADDING * s, y, 1, buf);
            }
        }
      bourse_rect_fill_paint (&fill, &pal->text, 1.0, FALSE);
    }

  /* Time labels. */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const BourseTimeMark *m = &g_array_index (self->marks, BourseTimeMark, i);
      double x = bourse_time_scale_index_to_x (&ts, (double) m->index) * s;
      double w;

      if (m->weight >= BOURSE_TIME_MARK_YEAR)
        select_font (cr, s, TRUE);
      w = text_width (self, cr, m->label);
      if (x - w / 2 >= 0 && x + w / 2 <= pw)
        draw_text (self, cr, x, (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s, 0.5, m->label);
      if (m->weight >= BOURSE_TIME_MARK_YEAR)
        select_font (cr, s, FALSE);
    }
}

/* ---------------------------------------------------------------------------
 * Overlays of the main pane: last price, price lines, markers, watermark
 * ------------------------------------------------------------------------ */

static void
paint_watermark (BourseChartRenderer *self,
                 cairo_t             *cr,
                 const PaneLayout    *pl)
{
  const char *text = bourse_chart_get_watermark (self->chart);
  double s = self->scale;

  if (text == NULL || *text == '\0')
    return;
  double size = 48 * s, w;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, size);
  /* Shrink to fit a narrow chart rather than be cut at both ends. */
  w = text_width (self, cr, text);
  if (w > self->plot_width * s * 0.85)
    cairo_set_font_size (cr, MAX (12 * s, size * self->plot_width * s * 0.85 / w));
  set_rgba (cr, &bourse_chart_get_palette (self->chart)->watermark);
  draw_text (self, cr, self->plot_width * s / 2, (pl->geometry.y + pl->geometry.height / 2) * s, 0.5, text);
  cairo_restore (cr);
}

static void
paint_last_price (BourseChartRenderer    *self,
                  cairo_t                *cr,
                  const PaneLayout       *pl,
                  const BourseOhlcSource *src)
{
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  const BourseRgba *c;
  double s = self->scale, y;
  gsize last;
  BourseRectFill fill;

  /* The real last price, also on a Heikin-Ashi chart. */
  if (bars == NULL || bars->len == 0)
    return;
  last = bars->len - 1;
  c = bars->close[last] >= bars->open[last] ? _bourse_chart_get_up_color (self->chart)
                                            : _bourse_chart_get_down_color (self->chart);
  y = (pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, bars->close[last])) * s;
  if (y < pl->geometry.y * s || y > (pl->geometry.y + pl->geometry.height) * s)
    return;
  fill_begin (self, &fill, cr);
  dashed_hline (&fill, 0, self->plot_width * s, y, s, 1, 2);
  bourse_rect_fill_paint (&fill, c, 1.0, FALSE);
}

static void
paint_price_lines (BourseChartRenderer *self,
                   cairo_t             *cr,
                   const PaneLayout    *pl)
{
  GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale;
  FontMetrics fm;

  select_font (cr, s, FALSE);
  font_metrics (cr, &fm);
  g_array_set_size (self->line_hits, 0);

  for (guint i = 0; i < lines->len; i++)
    {
      const BoursePriceLine *line = g_ptr_array_index (lines, i);
      double ly = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, line->price);
      double y = floor (ly * s), h = fm.height + 6 * s, x = 12 * s, tw;
      LineHit hit = { 0 };
      BourseRectFill fill;

      if (ly < pl->geometry.y || ly > pl->geometry.y + pl->geometry.height)
        continue;
      fill_begin (self, &fill, cr);
      if (line->flags & BOURSE_PRICE_LINE_DASHED)
        dashed_hline (&fill, 0, self->plot_width * s, y, s, 4, 4);
      else
        hline (&fill, 0, self->plot_width * s, y, s);
      bourse_rect_fill_paint (&fill, &line->color, 1.0, FALSE);

      hit.id = g_strdup (line->id);
      hit.y = ly;
      hit.price = line->price;
      if (line->label != NULL && *line->label != '\0')
        {
          tw = text_width (self, cr, line->label) + 12 * s;
          label_box (cr, x, y + 0.5, tw, h, &line->color);
          set_rgba (cr, contrast_text (&line->color));
          draw_text (self, cr, x + 6 * s, y + 0.5, 0, line->label);
          hit.label_x = x / s;
          hit.label_w = tw / s;
          x += tw;
        }
      if (line->flags & BOURSE_PRICE_LINE_CLOSABLE)
        {
          double bw = h;

          set_rgba (cr, &line->color);
          cairo_rectangle (cr, round (x), round (y + 0.5 - h / 2), round (bw), round (h));
          cairo_fill (cr);
          set_rgba (cr, &pal->background);
          cairo_rectangle (cr, round (x) + s, round (y + 0.5 - h / 2) + s, round (bw) - 2 * s, round (h) - 2 * s);
          cairo_fill (cr);
          /* The ✕ as two antialiased strokes: no font has to carry the glyph. */
          cairo_save (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
          cairo_set_line_width (cr, 1.5 * s);
          cairo_move_to (cr, x + bw * 0.3, y + 0.5 - h * 0.2);
          cairo_line_to (cr, x + bw * 0.7, y + 0.5 + h * 0.2);
          cairo_move_to (cr, x + bw * 0.7, y + 0.5 - h * 0.2);
          cairo_line_to (cr, x + bw * 0.3, y + 0.5 + h * 0.2);
          set_rgba (cr, &line->color);
          cairo_stroke (cr);
          cairo_restore (cr);
          hit.close_x = x / s;
          hit.close_w = bw / s;
        }
      g_array_append_val (self->line_hits, hit);
    }
}

/* The last price and every price line get a label on the axis; labels that
 * would overlap are pushed apart (as Lightweight Charts' alignLabels does). */
static void
collect_main_axis_labels (BourseChartRenderer *self,
                          const PaneLayout    *pl,
                          GArray              *labels)
{
  GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  const BourseChartPaneGeometry *g = &pl->geometry;
  double s = self->scale, h = (FONT_SIZE + 8) * s;
  double top = g->y * s, bottom = (g->y + g->height) * s;

  g_array_set_size (labels, 0);
  if (bars != NULL && bars->len > 0)
    {
      AxisLabel l = { 0, bars->close[bars->len - 1],
                      bars->close[bars->len - 1] >= bars->open[bars->len - 1]
                        ? _bourse_chart_get_up_color (self->chart)
                        : _bourse_chart_get_down_color (self->chart) };
      g_array_append_val (labels, l);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      const BoursePriceLine *line = g_ptr_array_index (lines, i);
      AxisLabel l = { 0, line->price, &line->color };
      g_array_append_val (labels, l);
    }
  for (guint i = 0; i < labels->len; )
    {
      AxisLabel *l = &g_array_index (labels, AxisLabel, i);

      l->y = top + bourse_price_scale_price_to_y (&g->price_scale, l->price) * s;
      if (l->y < top || l->y > bottom)
        g_array_remove_index (labels, i);
      else
        i++;
    }
  g_array_sort (labels, compare_axis_labels);
  for (guint i = 1; i < labels->len; i++)
    {
      AxisLabel *prev = &g_array_index (labels, AxisLabel, i - 1);
      AxisLabel *l = &g_array_index (labels, AxisLabel, i);

      if (l->y < prev->y + h)
        l->y = prev->y + h;
    }
  /* Pushed past the bottom: slide the stack back up. */
  if (labels->len > 0)
    {
      double over = g_array_index (labels, AxisLabel, labels->len - 1).y + h / 2 - bottom;

      for (guint i = labels->len; over > 0 && i > 0; i--)
        {
          AxisLabel *l = &g_array_index (labels, AxisLabel, i - 1);
          l->y -= over;
          if (i > 1 && l->y - h >= g_array_index (labels, AxisLabel, i - 2).y)
            break;
        }
    }
}

static void
paint_main_axis_labels (BourseChartRenderer *self,
                        cairo_t             *cr,
                        const PaneLayout    *pl)
{
  const BourseChartPaneGeometry *g = &pl->geometry;
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (AxisLabel));
  double s = self->scale, h = (FONT_SIZE + 8) * s;

  collect_main_axis_labels (self, pl, labels);
  select_font (cr, s, FALSE);
  for (guint i = 0; i < labels->len; i++)
    {
      const AxisLabel *l = &g_array_index (labels, AxisLabel, i);
      char buf[64];

      bourse_price_scale_format (&g->price_scale, l->price, g->precision, buf, sizeof buf);
      label_box (cr, axis_start (self), l->y, self->axis_width * s, h, l->color);
      set_rgba (cr, contrast_text (l->color));
      axis_text (self, cr, l->y, buf);
    }
}

static void
paint_markers (BourseChartRenderer *self,
               cairo_t             *cr,
               PaintCtx            *pc)
{
  GArray *markers = bourse_chart_peek_markers (self->chart);
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  double s = self->scale, size = 6 * s;

  if (bars == NULL || bars->len == 0 || markers->len == 0)
    return;
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  select_font (cr, s * 0.9, TRUE);
  for (guint i = 0; i < markers->len; i++)
    {
      const BourseMarker *m = &g_array_index (markers, BourseMarker, i);
      gsize idx = bourse_bars_lower_bound (bars, m->time + 1);
      const BourseRgba *c;
      double x, y, dir;

      if (idx == 0)
        continue;
      idx--;  /* the bar containing the time */
      if (idx < pc->first || idx >= pc->end)
        continue;
      x = dev_x (pc, (double) idx);
      y = dev_y (pc, m->price);
      dir = m->kind == BOURSE_MARKER_BUY ? 1.0 : -1.0;
      c = m->kind == BOURSE_MARKER_BUY ? _bourse_chart_get_up_color (self->chart)
                                       : _bourse_chart_get_down_color (self->chart);
      /* Tip at the price, body away from it. */
      cairo_move_to (cr, x, y + dir * 2 * s);
      cairo_line_to (cr, x + size, y + dir * (2 * s + size));
      cairo_line_to (cr, x + size * 0.4, y + dir * (2 * s + size));
      cairo_line_to (cr, x + size * 0.4, y + dir * (2 * s + 2 * size));
      cairo_line_to (cr, x - size * 0.4, y + dir * (2 * s + 2 * size));
      cairo_line_to (cr, x - size * 0.4, y + dir * (2 * s + size));
      cairo_line_to (cr, x - size, y + dir * (2 * s + size));
      cairo_close_path (cr);
      set_rgba (cr, c);
      cairo_fill (cr);
      if (m->text != NULL && *m->text != '\0')
        draw_text (self, cr, x, y + dir * (2 * s + 2 * size + 8 * s), 0.5, m->text);
    }
  cairo_restore (cr);
}

static void
paint_layers (BourseChartRenderer *self,
              cairo_t             *cr,
              const PaneLayout    *pl)
{
  g_autoptr(GPtrArray) layers = bourse_chart_get_layers (self->chart, pl->geometry.pane_id);

  for (guint i = 0; i < layers->len; i++)
    {
      cairo_save (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      /* Back to logical pixels, pane-local. */
      cairo_scale (cr, self->scale, self->scale);
      /* The origin already sits at the plot's left edge. */
      cairo_translate (cr, 0, pl->geometry.y);
      cairo_rectangle (cr, 0, 0, pl->geometry.width, pl->geometry.height);
      cairo_clip (cr);
      bourse_chart_layer_draw (g_ptr_array_index (layers, i), cr, &pl->geometry);
      cairo_restore (cr);
    }
}

/* ---------------------------------------------------------------------------
 * Crosshair and legend
 * ------------------------------------------------------------------------ */

static void
format_volume (double  v,
               char   *buf,
               gsize   len)
{
  if (!isfinite (v))
    g_snprintf (buf, len, "n/a");
  else if (v >= 1e9)
    g_snprintf (buf, len, "%.2fB", v / 1e9);
  else if (v >= 1e6)
    g_snprintf (buf, len, "%.2fM", v / 1e6);
  else if (v >= 1e3)
    g_snprintf (buf, len, "%.2fK", v / 1e3);
  else
    g_snprintf (buf, len, "%.0f", v);
}

static void
paint_legend (BourseChartRenderer    *self,
              cairo_t                *cr,
              const BourseOhlcSource *src,
              gssize                  bar)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  int precision = bourse_chart_get_precision (self->chart);
  double s = self->scale;
  FontMetrics fm;

  select_font (cr, s, FALSE);
  font_metrics (cr, &fm);

  for (guint p = 0; p < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      g_autoptr(GPtrArray) series = bourse_chart_get_series (self->chart, pl->geometry.pane_id);
      double x = 8 * s, y = (pl->geometry.y + 4) * s + fm.height / 2;

      /* A long legend on a narrow chart stops at the price axis. */
      cairo_save (cr);
      cairo_rectangle (cr, 0, pl->geometry.y * s, (self->plot_width - 4) * s, pl->geometry.height * s);
      cairo_clip (cr);

      if (pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE && bar >= 0 && (gsize) bar < src->len)
        {
          const BourseRgba *c = src->close[bar] >= src->open[bar] ? _bourse_chart_get_up_color (self->chart)
                                                                  : _bourse_chart_get_down_color (self->chart);
          double change = bar > 0 ? src->close[bar] - src->close[bar - 1] : 0;
          double pct = bar > 0 && src->close[bar - 1] != 0 ? change / src->close[bar - 1] * 100 : 0;
          const char *names[] = { "O", "H", "L", "C" };
          double values[] = { src->open[bar], src->high[bar], src->low[bar], src->close[bar] };
          char buf[64];

          for (guint k = 0; k < 4; k++)
            {
              set_rgba (cr, &pal->text);
              x += draw_text (self, cr, x, y, 0, names[k]) + 3 * s;
              g_snprintf (buf, sizeof buf, "%.*f", precision, values[k]);
              set_rgba (cr, c);
              x += draw_text (self, cr, x, y, 0, buf) + 8 * s;
            }
          g_snprintf (buf, sizeof buf, "%+.*f (%+.2f%%)", precision, change, pct);
          x += draw_text (self, cr, x, y, 0, buf) + 8 * s;
          set_rgba (cr, &pal->text);
          x += draw_text (self, cr, x, y, 0, "V") + 3 * s;
          format_volume (src->volume[bar], buf, sizeof buf);
          set_rgba (cr, c);
          draw_text (self, cr, x, y, 0, buf);
          y += fm.height + 4 * s;
        }

      for (guint i = 0; i < series->len; i++)
        {
          BourseChartSeries *ser = g_ptr_array_index (series, i);
          const char *title = bourse_chart_series_get_title (ser);
          BourseRgba color;
          double v, v2;
          char buf[96];

          if (!bourse_chart_series_get_visible (ser))
            continue;
          bourse_chart_series_get_color (ser, &color);
          v = bar >= 0 ? bourse_chart_series_get_value (ser, (gsize) bar, &v2) : NAN;
          if (bourse_chart_series_get_kind (ser) == BOURSE_CHART_SERIES_BAND)
            g_snprintf (buf, sizeof buf, "%s  %.*f  %.*f", title ? title : "", precision, v, precision, v2);
          else
            g_snprintf (buf, sizeof buf, "%s  %.*f", title ? title : "", precision, v);
          if (!isfinite (v))
            g_snprintf (buf, sizeof buf, "%s  n/a", title ? title : "");
          set_rgba (cr, &color);
          draw_text (self, cr, 8 * s, y, 0, buf);
          y += fm.height + 4 * s;
        }
      cairo_restore (cr);
    }
}

static void
paint_crosshair (BourseChartRenderer    *self,
                 cairo_t                *cr,
                 const BourseOhlcSource *src,
                 gssize                 *bar_out)
{
  BourseChart *chart = self->chart;
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  double s = self->scale, cx, cy, x, y, index;
  const PaneLayout *pl;
  guint pane_id;
  gssize bar;
  gint64 future_time = G_MININT64;
  char buf[64];
  BourseRectFill rects;
  FontMetrics fm;

  *bar_out = src->len > 0 ? (gssize) src->len - 1 : -1;
  self->order_button_shown = FALSE;
  if (!bourse_chart_get_crosshair (chart, &pane_id, &cx, &cy) ||
      bourse_chart_get_crosshair_mode (chart) == BOURSE_CROSSHAIR_MODE_HIDDEN)
    return;
  cx -= self->plot_x;  /* widget → plot coordinates */
  pl = find_layout (self, pane_id);
  if (pl == NULL)
    return;

  index = bourse_time_scale_x_to_index (&pl->geometry.time_scale, cx);
  bar = bourse_chart_bar_at_index (chart, index);
  x = cx;
  if (bar >= 0 && fabs (round (index) - index) <= 0.5 && round (index) >= 0 && round (index) < (double) src->len)
    {
      x = bourse_time_scale_index_to_x (&pl->geometry.time_scale, round (index));
      *bar_out = bar;
    }
  else if (src->len >= 2 && round (index) >= (double) src->len &&
           round (index) < (double) (src->len + bourse_chart_viewport_get_n_future (bourse_chart_get_viewport (chart))))
    {
      /* Over a future slot (Ichimoku's cloud): snap to it and label its
       * extrapolated time; the legend keeps the last bar. */
      x = bourse_time_scale_index_to_x (&pl->geometry.time_scale, round (index));
      future_time = src->time[src->len - 1] +
                    (gint64) (round (index) - (double) src->len + 1) * (src->time[src->len - 1] - src->time[src->len - 2]);
    }
  y = cy;
  if (pane_id == BOURSE_CHART_MAIN_PANE && bar >= 0 && (gsize) bar < src->len)
    {
      BourseCrosshairMode mode = bourse_chart_get_crosshair_mode (chart);

      if (mode == BOURSE_CROSSHAIR_MODE_MAGNET)
        y = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, src->close[bar]);
      else if (mode == BOURSE_CROSSHAIR_MODE_MAGNET_OHLC)
        {
          double ohlc[] = { src->open[bar], src->high[bar], src->low[bar], src->close[bar] };
          double best = INFINITY;

          for (guint k = 0; k < G_N_ELEMENTS (ohlc); k++)
            {
              double yk = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, ohlc[k]);

              if (fabs (yk - cy) < best)
                {
                  best = fabs (yk - cy);
                  y = yk;
                }
            }
        }
    }

  fill_begin (self, &rects, cr);
  dashed_vline (&rects, floor (x * s), 0, self->time_axis_y * s, s, 6, 6);
  if (y >= pl->geometry.y && y <= pl->geometry.y + pl->geometry.height)
    dashed_hline (&rects, 0, self->plot_width * s, floor (y * s), s, 6, 6);
  bourse_rect_fill_paint (&rects, &pal->crosshair, 1.0, FALSE);

  select_font (cr, s, FALSE);
  font_metrics (cr, &fm);

  /* Price label on the axis (and the order button beside it). */
  if (y >= pl->geometry.y && y <= pl->geometry.y + pl->geometry.height)
    {
      double price = bourse_price_scale_y_to_price (&pl->geometry.price_scale, y - pl->geometry.y);

      label_box (cr, axis_start (self), y * s, self->axis_width * s, fm.height + 8 * s, &pal->crosshair_label);
      bourse_price_scale_format (&pl->geometry.price_scale, price, pl->geometry.precision, buf, sizeof buf);
      set_rgba (cr, contrast_text (&pal->crosshair_label));
      axis_text (self, cr, y * s, buf);

      if (self->order_button_visible && pane_id == BOURSE_CHART_MAIN_PANE)
        {
          double bx = (self->axis_left ? 2 : self->plot_width - ORDER_BUTTON_SIZE - 2) * s;
          double by = (y - ORDER_BUTTON_SIZE / 2) * s, bs = ORDER_BUTTON_SIZE * s;

          set_rgba (cr, &pal->crosshair_label);
          cairo_rectangle (cr, round (bx), round (by), round (bs), round (bs));
          cairo_fill (cr);
          set_rgba (cr, contrast_text (&pal->crosshair_label));
          cairo_rectangle (cr, round (bx + bs * 0.25), round (by + bs / 2 - s), round (bs * 0.5), round (2 * s));
          cairo_rectangle (cr, round (bx + bs / 2 - s), round (by + bs * 0.25), round (2 * s), round (bs * 0.5));
          cairo_fill (cr);
          self->order_button_shown = TRUE;
          self->order_button_y = y;
        }
    }

  /* Time label. */
  if (bar >= 0 && (gsize) bar < src->len)
    {
      gint64 t = future_time != G_MININT64 ? future_time : src->time[bar];
      gboolean with_time = src->len < 2 || (src->time[src->len - 1] - src->time[0]) / (gint64) MAX (src->len - 1, 1) < 86400;
      double w;

      bourse_time_scale_format_crosshair (bourse_chart_get_time_zone (chart), t, with_time, buf, sizeof buf);
      w = text_width (self, cr, buf) + 16 * s;
      label_box (cr, CLAMP (x * s - w / 2, 0, self->plot_width * s - w), (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s,
                 w, TIME_AXIS_HEIGHT * s, &pal->crosshair_label);
      set_rgba (cr, contrast_text (&pal->crosshair_label));
      draw_text (self, cr, CLAMP (x * s - w / 2, 0, self->plot_width * s - w) + 8 * s,
                 (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s, 0, buf);
    }
}

/* ---------------------------------------------------------------------------
 * Render
 * ------------------------------------------------------------------------ */

void
bourse_chart_renderer_render_parts (BourseChartRenderer    *self,
                                    cairo_t                *cr,
                                    double                  width,
                                    double                  height,
                                    double                  scale_factor,
                                    BourseChartRenderParts  parts)
{
  BourseChart *chart;
  const BourseChartPalette *pal;
  BourseOhlcSource src;
  double s;

  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);

  chart = self->chart;
  pal = bourse_chart_get_palette (chart);
  if (parts & BOURSE_CHART_RENDER_BASE)
    bourse_chart_renderer_layout (self, width, height, scale_factor);
  _bourse_chart_get_ohlc (chart, &src);
  s = self->scale;

  cairo_save (cr);
  cairo_scale (cr, 1.0 / s, 1.0 / s);
  cairo_translate (cr, round (self->plot_x * s), 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  if (parts & BOURSE_CHART_RENDER_BASE)
    {
      BourseRectFill fill;

      fill_begin (self, &fill, cr);
      bourse_rect_fill_add (&fill, -round (self->plot_x * s), 0, ceil (self->width * s), ceil (self->height * s));
      bourse_rect_fill_paint (&fill, &pal->background, 1.0, FALSE);

      paint_grid_and_axes (self, cr, &src);

      for (guint p = 0; p < self->panes->len; p++)
        {
          const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
          g_autoptr(GPtrArray) series = bourse_chart_get_series (chart, pl->geometry.pane_id);
          gboolean is_main = pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE;
          gboolean is_volume = pl->geometry.pane_id == bourse_chart_get_volume_pane (chart);
          PaintCtx pc = { 0 };

          pc.self = self;
          pc.cr = cr;
          pc.pl = pl;
          pc.src = &src;
          pc.s = s;
          pc.top = pl->geometry.y * s;
          pc.height = pl->geometry.height * s;
          pc.width = self->plot_width * s;
          bourse_time_scale_visible_bars (&pl->geometry.time_scale, src.len, &pc.first, &pc.end);
          pc.columns = self->columns;
          pc.n_cols = self->n_cols;

          cairo_save (cr);
          cairo_rectangle (cr, 0, pc.top, pc.width, pc.height);
          cairo_clip (cr);

          if (is_main)
            paint_watermark (self, cr, pl);
          if (src.len > 0 && ((is_main && bourse_chart_get_volume_mode (chart) == BOURSE_VOLUME_MODE_OVERLAY) || is_volume) &&
              isfinite (pl->volume_max) && pl->volume_max > 0)
            paint_columns (&pc, src.volume, self->vol_cols, _bourse_chart_get_volume_lod (chart), pc.top + pc.height,
                           is_main ? VOLUME_FRACTION : 0.9, pl->volume_max,
                           _bourse_chart_get_up_color (chart), _bourse_chart_get_down_color (chart),
                           is_main ? 0.35 : 0.6);
          if (is_main && src.len > 0)
            paint_main_series (&pc);
          for (guint i = 0; i < series->len; i++)
            {
              BourseChartSeries *ser = g_ptr_array_index (series, i);
              PaneLayout overlay_layout;
              PaintCtx overlay_pc;
              double mn, mx;

              if (on_secondary_scale (ser))
                {
                  if (!pl->has_secondary)
                    continue;
                  overlay_layout = *pl;
                  overlay_layout.geometry.price_scale = pl->secondary;
                  overlay_pc = pc;
                  overlay_pc.pl = &overlay_layout;
                  paint_extra_series (&overlay_pc, ser);
                  continue;
                }
              if (!bourse_chart_series_get_overlay (ser))
                {
                  paint_extra_series (&pc, ser);
                  continue;
                }
              /* Its own linear scale over the pane, fitted to its visible values. */
              if (!bourse_chart_series_get_range (ser, pc.first, pc.end, &mn, &mx))
                continue;
              overlay_layout = *pl;
              bourse_price_scale_init (&overlay_layout.geometry.price_scale, BOURSE_PRICE_SCALE_MODE_NORMAL,
                                       pl->geometry.height);
              overlay_layout.geometry.price_scale.top_margin = 0.1;
              overlay_layout.geometry.price_scale.bottom_margin = 0.1;
              bourse_price_scale_set_price_range (&overlay_layout.geometry.price_scale, mn, mx);
              overlay_pc = pc;
              overlay_pc.pl = &overlay_layout;
              paint_extra_series (&overlay_pc, ser);
            }
          if (is_main)
            {
              paint_last_price (self, cr, pl, &src);
              paint_price_lines (self, cr, pl);
              paint_markers (self, cr, &pc);
            }
          cairo_restore (cr);
          paint_layers (self, cr, pl);
        }

      paint_axes_labels (self, cr, &src);
      for (guint p = 0; p < self->panes->len; p++)
        {
          const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);

          if (pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE)
            paint_main_axis_labels (self, cr, pl);
        }
    }

  if (parts & BOURSE_CHART_RENDER_OVERLAY)
    {
      gssize bar;

      paint_crosshair (self, cr, &src, &bar);
      paint_legend (self, cr, &src, bar);
    }

  cairo_restore (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_warning ("Chart frame incomplete: %s", cairo_status_to_string (cairo_status (cr)));
}

void
bourse_chart_renderer_render (BourseChartRenderer *self,
                              cairo_t             *cr,
                              double               width,
                              double               height,
                              double               scale_factor)
{
  bourse_chart_renderer_render_parts (self, cr, width, height, scale_factor, BOURSE_CHART_RENDER_ALL);
}

gboolean
bourse_chart_renderer_get_pane_geometry (BourseChartRenderer     *self,
                                         guint                    pane_id,
                                         BourseChartPaneGeometry *geometry)
{
  PaneLayout *pl;

  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (geometry != NULL, FALSE);

  pl = find_layout (self, pane_id);
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

  pl = find_layout (self, pane_id);
  if (pl == NULL || !pl->has_secondary)
    return FALSE;
  *scale = pl->secondary;
  return TRUE;
}

double
bourse_chart_renderer_get_secondary_axis_width (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return self->secondary_width;
}

void
bourse_chart_renderer_hit_test (BourseChartRenderer *self,
                                double               x,
                                double               y,
                                BourseChartHit      *hit)
{
  double button_x = self->axis_left ? 2 : self->plot_width - ORDER_BUTTON_SIZE - 2;
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
      if (g->pane_id == BOURSE_CHART_MAIN_PANE)
        for (guint i = self->line_hits->len; i > 0; i--)
          {
            const LineHit *lh = &g_array_index (self->line_hits, LineHit, i - 1);
            double half = (FONT_SIZE + 6) / 2;

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

void
bourse_chart_renderer_set_order_button_visible (BourseChartRenderer *self,
                                                gboolean             visible)
{
  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  self->order_button_visible = !!visible;
}

/**
 * bourse_chart_renderer_set_direct_fill:
 * @direct: %FALSE to paint every rectangle through cairo_fill()
 *
 * By default candles, volume, grid and axis lines are written straight into
 * ARGB32 image surfaces when cairo would produce exactly the same pixels (see
 * bourse-rect-fill.h). Tests turn it off to compare both paths; the picture
 * does not change.
 */
void
bourse_chart_renderer_set_direct_fill (BourseChartRenderer *self,
                                       gboolean             direct)
{
  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  self->direct_fill = !!direct;
}

double
bourse_chart_renderer_get_price_axis_width (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return self->axis_width;
}

double
bourse_chart_renderer_get_time_axis_height (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return TIME_AXIS_HEIGHT;
}

gboolean
bourse_chart_renderer_save_png (BourseChartRenderer  *self,
                                const char           *path,
                                int                   width,
                                int                   height,
                                double                scale_factor,
                                GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (width <= 0 || height <= 0 || width > 16384 || height > 16384 || !(scale_factor > 0) || scale_factor > 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid image size %d×%d at scale %g", width, height, scale_factor);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale_factor),
                                        (int) ceil (height * scale_factor));
  cr = cairo_create (surface);
  cairo_scale (cr, scale_factor, scale_factor);
  bourse_chart_renderer_render (self, cr, width, height, scale_factor);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not write “%s”: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
bourse_chart_renderer_dispose (GObject *object)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (bourse_chart_renderer_parent_class)->dispose (object);
}

static void
bourse_chart_renderer_finalize (GObject *object)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  g_clear_pointer (&self->measure_cr, cairo_destroy);
  g_clear_pointer (&self->measure_surface, cairo_surface_destroy);
  g_clear_pointer (&self->panes, g_array_unref);
  g_clear_pointer (&self->line_hits, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->glyph_runs, g_hash_table_unref);
  g_clear_pointer (&self->glyph_scratch, g_array_unref);
  g_clear_pointer (&self->bounds, g_free);
  g_clear_pointer (&self->col_a, g_free);
  g_clear_pointer (&self->col_b, g_free);
  g_clear_pointer (&self->vol_cols, g_free);
  g_clear_pointer (&self->vol_scratch, g_free);

  G_OBJECT_CLASS (bourse_chart_renderer_parent_class)->finalize (object);
}

static void
bourse_chart_renderer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_renderer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_renderer_class_init (BourseChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_chart_renderer_dispose;
  object_class->finalize = bourse_chart_renderer_finalize;
  object_class->get_property = bourse_chart_renderer_get_property;
  object_class->set_property = bourse_chart_renderer_set_property;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, BOURSE_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_chart_renderer_init (BourseChartRenderer *self)
{
  self->measure_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  self->measure_cr = cairo_create (self->measure_surface);
  self->panes = g_array_new (FALSE, TRUE, sizeof (PaneLayout));
  self->line_hits = g_array_new (FALSE, TRUE, sizeof (LineHit));
  g_array_set_clear_func (self->line_hits, line_hit_clear);
  self->marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (double));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (BourseRectBox));
  self->glyph_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, glyph_run_free);
  self->glyph_scratch = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  self->order_button_visible = TRUE;
  self->direct_fill = TRUE;
  self->width = self->height = 1;
  self->scale = 1;
}

BourseChartRenderer *
bourse_chart_renderer_new (BourseChart *chart)
{
  g_return_val_if_fail (BOURSE_IS_CHART (chart), NULL);
  return g_object_new (BOURSE_TYPE_CHART_RENDERER, "chart", chart, NULL);
}

BourseChart *
bourse_chart_renderer_get_chart (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), NULL);
  return self->chart;
}
