/* bourse-chart-renderer.h — paints a BourseChart on any cairo_t
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer lays the chart out (panes stacked top to bottom with their
 * price axes on the right, the time axis at the bottom), autoscales each pane,
 * and paints it. It keeps the layout of the last frame for hit testing and
 * for value ↔ pixel conversions (bourse_chart_renderer_get_pane_geometry()).
 *
 * Coordinates are logical pixels; @scale_factor is the number of device pixels
 * per logical pixel of the target (2 on a HiDPI screen): lines are aligned to
 * device pixels so 1 px lines stay crisp at every scale. The cairo_t is
 * expected to be already scaled to logical pixels (as GTK's is).
 *
 * Layers: bourse_chart_renderer_render() paints everything. A view that wants
 * to repaint only the crosshair on pointer motion can cache the result of
 * BOURSE_CHART_RENDER_BASE and paint BOURSE_CHART_RENDER_OVERLAY on top.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bourse-chart.h"
#include "bourse-chart-text.h"

G_BEGIN_DECLS

typedef enum
{
  BOURSE_CHART_RENDER_BASE    = 1 << 0,  /* background, grid, series, lines, layers, axes */
  BOURSE_CHART_RENDER_OVERLAY = 1 << 1,  /* crosshair, its axis labels, legend, "+" button */
  BOURSE_CHART_RENDER_ALL     = 0x3,
} BourseChartRenderParts;

typedef enum
{
  BOURSE_CHART_HIT_NONE,
  BOURSE_CHART_HIT_PANE,            /* plot area of pane_id */
  BOURSE_CHART_HIT_PRICE_AXIS,      /* price axis of pane_id */
  BOURSE_CHART_HIT_TIME_AXIS,
  BOURSE_CHART_HIT_SEPARATOR,       /* between pane_id and the next pane */
  BOURSE_CHART_HIT_PRICE_LINE,      /* price_line_id: on the line or its label */
  BOURSE_CHART_HIT_PRICE_LINE_CLOSE,/* price_line_id: its ✕ box */
  BOURSE_CHART_HIT_ORDER_BUTTON,    /* the "+" on the price axis at the crosshair */
} BourseChartHitKind;

typedef struct
{
  BourseChartHitKind kind;
  guint              pane_id;
  const char        *price_line_id; /* owned by the renderer, valid until the next layout */
  double             price;         /* price under the pointer (pane and axis hits) */
} BourseChartHit;

#define BOURSE_TYPE_CHART_RENDERER (bourse_chart_renderer_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartRenderer, bourse_chart_renderer, BOURSE, CHART_RENDERER, GObject)

BourseChartRenderer *bourse_chart_renderer_new           (BourseChart         *chart);
BourseChart         *bourse_chart_renderer_get_chart     (BourseChartRenderer *self);

/* Lays out and paints the whole chart in (0, 0, @width, @height). */
void                 bourse_chart_renderer_render        (BourseChartRenderer *self,
                                                          cairo_t             *cr,
                                                          double               width,
                                                          double               height,
                                                          double               scale_factor);
void                 bourse_chart_renderer_render_parts  (BourseChartRenderer *self,
                                                          cairo_t             *cr,
                                                          double               width,
                                                          double               height,
                                                          double               scale_factor,
                                                          BourseChartRenderParts parts);
/* Lays out without painting (updates geometry and the viewport width). */
void                 bourse_chart_renderer_layout        (BourseChartRenderer *self,
                                                          double               width,
                                                          double               height,
                                                          double               scale_factor);

/* A legend line's plate as last painted (logical px, widget coordinates):
 * the OHLC line (@series NULL) or a study's line (@series its first series). */
typedef struct
{
  guint              pane_id;
  BourseChartSeries *series;   /* borrowed */
  double             x, y, width, height;
} BourseChartLegendItem;

guint                bourse_chart_renderer_get_n_legend_items (BourseChartRenderer   *self);
gboolean             bourse_chart_renderer_get_legend_item (BourseChartRenderer     *self,
                                                            guint                    index,
                                                            BourseChartLegendItem   *item);

/* Geometry of @pane_id as last laid out; FALSE if no such pane. */
gboolean             bourse_chart_renderer_get_pane_geometry (BourseChartRenderer     *self,
                                                              guint                    pane_id,
                                                              BourseChartPaneGeometry *geometry);
/* What is at widget coordinates (x, y) in the last layout. */
void                 bourse_chart_renderer_hit_test      (BourseChartRenderer *self,
                                                          double               x,
                                                          double               y,
                                                          BourseChartHit      *hit);
/* Shows the "+" order button on the price axis at the crosshair (default TRUE). */
void                 bourse_chart_renderer_set_order_button_visible (BourseChartRenderer *self,
                                                                     gboolean             visible);
void                 bourse_chart_renderer_set_direct_fill (BourseChartRenderer *self,
                                                            gboolean             direct);
double               bourse_chart_renderer_get_price_axis_width (BourseChartRenderer *self);
/* The secondary price scale of @pane_id (its series with "secondary-scale"),
 * pane-local y like the geometry's; FALSE when the pane shows none. Its axis
 * (0 wide without one) is opposite the main price axis. */
gboolean             bourse_chart_renderer_get_secondary_scale (BourseChartRenderer *self,
                                                                guint                pane_id,
                                                                BoursePriceScale    *scale);
double               bourse_chart_renderer_get_secondary_axis_width (BourseChartRenderer *self);
double               bourse_chart_renderer_get_time_axis_height (BourseChartRenderer *self);

/* The font of all chart text (axes, legends, labels, notes), its font
 * options and resolution (dpi), as a view takes them from its Pango context;
 * NULL / 0 for the defaults (BOURSE_CHART_TEXT_DEFAULT_FONT). */
void                 bourse_chart_renderer_set_font      (BourseChartRenderer        *self,
                                                          const PangoFontDescription *font,
                                                          const cairo_font_options_t *options,
                                                          double                      resolution);
/* The renderer's text: fonts, metrics and the cache of shaped strings. */
BourseChartText     *bourse_chart_renderer_get_text      (BourseChartRenderer *self);

/* Writes a PNG of the chart at @width × @height logical px (headless export). */
gboolean             bourse_chart_renderer_save_png      (BourseChartRenderer *self,
                                                          const char          *path,
                                                          int                  width,
                                                          int                  height,
                                                          double               scale_factor,
                                                          GError             **error);

G_END_DECLS
