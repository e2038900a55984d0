/* bourse-chart-renderer-private.h — the renderer's state, shared by its parts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseChartRenderer is one object painted by several files, one per
 * responsibility:
 *   bourse-chart-renderer.c          the object, label text (shaped once), the frame
 *   bourse-chart-renderer-layout.c   panes, autoscale, pixel columns, hit testing
 *   bourse-chart-renderer-series.c   the main series and the extra series of a pane
 *   bourse-chart-renderer-axes.c     grid, price and time axes and their labels
 *   bourse-chart-renderer-overlays.c watermark, last price, price lines, markers,
 *                                    layers, crosshair and legend
 * Small drawing helpers used by several of them are inline here.
 */
#pragma once

#include <math.h>

#include "bourse-chart-private.h"
#include "bourse-chart-renderer.h"
#include "bourse-chart-text.h"
#include "bourse-rect-fill.h"

G_BEGIN_DECLS

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
  BourseChartText     *text;        /* fonts and shaped labels */
  GArray              *panes;       /* PaneLayout, top to bottom */
  GArray              *line_hits;   /* LineHit */
  GArray              *legend_items; /* BourseChartLegendItem of the last frame */
  GArray              *marks;       /* BourseTimeMark */
  GArray              *ticks;       /* double */
  GArray              *boxes;       /* BourseRectBox scratch of BourseRectFill */
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

/* What a series painter needs about the pane it paints (device pixels). */
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

typedef struct
{
  double ascent;
  double descent;
  double height;
} FontMetrics;

/* ---- small helpers (device pixels) ---- */

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

/* Everything is painted with the origin at the plot's left edge: the price
 * axis starts at this x (device px), right of the plot or left of it. */
static inline double
axis_start (BourseChartRenderer *self)
{
  return (self->axis_left ? -self->axis_width : self->plot_width) * self->scale;
}

/* Where the secondary price axis starts (device px), opposite the main one. */
static inline double
secondary_axis_start (BourseChartRenderer *self)
{
  return (self->axis_left ? self->plot_width : -self->secondary_width) * self->scale;
}

static inline gboolean
on_secondary_scale (BourseChartSeries *series)
{
  return bourse_chart_series_get_visible (series) && bourse_chart_series_get_secondary_scale (series);
}

/* The visible part of an extra series, which may reach past the last bar:
 * values at indexes >= the number of bars are whitespace slots in the future
 * (Ichimoku's leading spans, Lightweight Charts' whitespace data), laid out at
 * the bar spacing to the right of the last bar. */
static inline void
series_visible_values (const BourseTimeScale   *ts,
                       gsize                    n_bars,
                       BourseChartSeries       *series,
                       gsize                   *first,
                       gsize                   *end)
{
  bourse_time_scale_visible_bars (ts, MAX (n_bars, bourse_chart_series_get_n_values (series)), first, end);
}

static inline void
hline (BourseRectFill *fill,
       double          x0,
       double          x1,
       double          y,
       double          s)
{
  double lw = MAX (1.0, floor (s));

  bourse_rect_fill_add (fill, x0, floor (y), x1 - x0, lw);
}

static inline void
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
static inline void
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

static inline void
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

/* The text style of the following text calls: @scale is device px per
 * logical px times the size relative to the chart font (s, or s * 0.9). */
static inline void
select_font (BourseChartRenderer *self,
             double               scale,
             gboolean             bold)
{
  bourse_chart_text_select (self->text, scale / self->scale, bold);
}

static inline void
font_metrics (BourseChartRenderer *self,
              FontMetrics         *fm)
{
  BourseChartTextMetrics m;

  bourse_chart_text_get_metrics (self->text, &m);
  fm->ascent = m.ascent;
  fm->descent = m.descent;
  fm->height = m.height;
}

/* Height of a label box on the price axis (device px): text plus padding. */
static inline double
axis_label_height (BourseChartRenderer *self)
{
  FontMetrics fm;

  font_metrics (self, &fm);
  return fm.height + 8 * self->scale;
}

static inline void
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

static inline const BourseRgba *
contrast_text (const BourseRgba *bg)
{
  static const BourseRgba white = BOURSE_RGBA_INIT (0xffffff, 1.0);
  static const BourseRgba black = BOURSE_RGBA_INIT (0x131722, 1.0);
  double lum = 0.299 * bg->red + 0.587 * bg->green + 0.114 * bg->blue;

  return lum > 0.65 ? &black : &white;
}

/* ---- bourse-chart-renderer.c: text ---- */

double      _bourse_chart_renderer_text_width          (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const char             *text);
double      _bourse_chart_renderer_draw_text           (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        double                  x,
                                                        double                  yc,
                                                        double                  align,
                                                        const char             *text);
void        _bourse_chart_renderer_axis_text           (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        double                  yc,
                                                        const char             *text);

/* ---- bourse-chart-renderer-layout.c ---- */

PaneLayout *_bourse_chart_renderer_find_layout         (BourseChartRenderer    *self,
                                                        guint                   pane_id);

/* ---- bourse-chart-renderer-series.c ---- */

void        _bourse_chart_renderer_paint_pane_series   (PaintCtx               *pc);

/* ---- bourse-chart-renderer-axes.c ---- */

void        _bourse_chart_renderer_paint_grid          (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const BourseOhlcSource *src);
void        _bourse_chart_renderer_paint_axes_labels   (BourseChartRenderer    *self,
                                                        cairo_t                *cr);
void        _bourse_chart_renderer_paint_main_axis_labels (BourseChartRenderer *self,
                                                        cairo_t                *cr,
                                                        const PaneLayout       *pl);

/* ---- bourse-chart-renderer-overlays.c ---- */

void        _bourse_chart_renderer_paint_watermark     (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const PaneLayout       *pl);
void        _bourse_chart_renderer_paint_last_price    (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const PaneLayout       *pl);
void        _bourse_chart_renderer_paint_price_lines   (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const PaneLayout       *pl);
void        _bourse_chart_renderer_paint_markers       (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        PaintCtx               *pc);
void        _bourse_chart_renderer_paint_layers        (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const PaneLayout       *pl);
void        _bourse_chart_renderer_paint_crosshair     (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const BourseOhlcSource *src,
                                                        gssize                 *bar_out);
/* The study levels of @series (the pane's), under the series themselves. */
void        _bourse_chart_renderer_paint_levels        (PaintCtx               *pc,
                                                        GPtrArray              *series);
void        _bourse_chart_renderer_paint_legend        (BourseChartRenderer    *self,
                                                        cairo_t                *cr,
                                                        const BourseOhlcSource *src,
                                                        gssize                  bar);

G_END_DECLS
