/* bourse-chart.h — the chart model: bars, panes, series, price lines, markers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseChart holds everything a chart shows and nothing about how it is
 * drawn; BourseChartRenderer draws it on any cairo_t and BourseChartView is
 * the GTK widget around both. Every change emits BourseChart::changed with
 * BourseChartChange flags, so a view can tell a crosshair move from new data.
 *
 * Panes are identified by stable ids: the main pane (bars, volume overlay) is
 * BOURSE_CHART_MAIN_PANE; bourse_chart_add_pane() returns new ids, stacked
 * below in the order they were added. Each pane has its own price scale
 * (autoscaled to its visible values unless set manually).
 *
 * Live data: after changing the bars in place (bourse_bars_update_last(),
 * bourse_bars_append(), bourse_bars_apply_tick()) call bourse_chart_bars_changed();
 * the level-of-detail pyramid is updated from the last known bar only.
 *
 * Typical use (app):
 *
 *   chart = bourse_chart_new ();
 *   bourse_chart_set_bars (chart, bars);                    // history
 *   bourse_chart_set_price_format (chart, 5, 0.00001);      // EURUSD
 *   view = bourse_chart_view_new (chart);                   // bourse-chart-view.h
 *   g_signal_connect (view, "price-line-moved", G_CALLBACK (order_moved_cb), self);
 *   bourse_chart_set_price_line (chart, order_id, 1.08410, &blue, "LMT 2 @ 1.08410",
 *                                BOURSE_PRICE_LINE_DRAGGABLE | BOURSE_PRICE_LINE_CLOSABLE);
 *   // on every tick:
 *   bourse_bars_apply_tick (bars, bar_time, price, size);
 *   bourse_chart_bars_changed (chart);
 *
 * Typical use (studies): an RSI in its own pane
 *
 *   guint pane = bourse_chart_add_pane (chart, 1.0);
 *   g_autoptr(BourseChartSeries) rsi = bourse_chart_series_new (BOURSE_CHART_SERIES_LINE, "RSI 14");
 *   bourse_chart_series_set_values (rsi, values, bars->len);   // NaN = no value
 *   bourse_chart_add_series (chart, rsi, pane);
 *   // live: bourse_chart_series_set_value (rsi, bars->len - 1, v, NAN);
 */
#pragma once

#include <glib-object.h>

#include "bourse-bars.h"
#include "bourse-chart-layer.h"
#include "bourse-chart-series.h"
#include "bourse-chart-types.h"
#include "bourse-chart-viewport.h"
#include "bourse-lod.h"

G_BEGIN_DECLS

#define BOURSE_CHART_MAIN_PANE 0

typedef enum
{
  BOURSE_PRICE_LINE_DRAGGABLE = 1 << 0,  /* the view lets the user drag it */
  BOURSE_PRICE_LINE_CLOSABLE  = 1 << 1,  /* shows a small ✕ box on its label */
  BOURSE_PRICE_LINE_DASHED    = 1 << 2,
} BoursePriceLineFlags;

typedef struct
{
  char                 *id;
  double                price;
  BourseRgba            color;
  char                 *label;      /* "LMT 2 @ 1.08410", shown on the line's left */
  BoursePriceLineFlags  flags;
} BoursePriceLine;

typedef enum
{
  BOURSE_MARKER_BUY,   /* green arrow up, under the price */
  BOURSE_MARKER_SELL,  /* red arrow down, above the price */
} BourseMarkerKind;

typedef struct
{
  gint64            time;    /* lands on the bar containing this time */
  double            price;
  BourseMarkerKind  kind;
  char             *text;    /* optional, e.g. "B 2" */
} BourseMarker;

/* Colours of a theme; bourse_chart_get_palette() returns the active one. */
typedef struct
{
  BourseRgba background;
  BourseRgba text;
  BourseRgba grid;
  BourseRgba border;
  BourseRgba up;
  BourseRgba down;
  BourseRgba up_wick;
  BourseRgba down_wick;
  BourseRgba line;          /* line / area / baseline-above series */
  BourseRgba area_top;
  BourseRgba area_bottom;
  BourseRgba crosshair;
  BourseRgba crosshair_label;
  BourseRgba watermark;
  BourseRgba separator;
  BourseRgba separator_hover;
} BourseChartPalette;

#define BOURSE_TYPE_CHART (bourse_chart_get_type ())

G_DECLARE_FINAL_TYPE (BourseChart, bourse_chart, BOURSE, CHART, GObject)

BourseChart         *bourse_chart_new                (void);

/* -- data ---------------------------------------------------------------- */
BourseBars          *bourse_chart_get_bars           (BourseChart        *self);
/* Replaces the bars (referenced). If the new bars still contain the time at
 * the right edge of the view, the view stays on it (history prepended);
 * otherwise the view scrolls to real time. */
void                 bourse_chart_set_bars           (BourseChart        *self,
                                                      BourseBars         *bars);
/* The bars changed in place: last bar updated and/or bars appended. */
void                 bourse_chart_bars_changed       (BourseChart        *self);
BourseChartViewport *bourse_chart_get_viewport       (BourseChart        *self);
/* The pyramid over the bars' low/high (rebuilt lazily, never NULL with bars). */
const BourseLod     *bourse_chart_get_lod            (BourseChart        *self);

/* -- appearance ------------------------------------------------------------ */
BourseChartType      bourse_chart_get_chart_type     (BourseChart        *self);
void                 bourse_chart_set_chart_type     (BourseChart        *self,
                                                      BourseChartType     type);
BourseChartTheme     bourse_chart_get_theme          (BourseChart        *self);
void                 bourse_chart_set_theme          (BourseChart        *self,
                                                      BourseChartTheme    theme);
const BourseChartPalette *bourse_chart_get_palette   (BourseChart        *self);
/* Up/down colours of the main series (NULL keeps the theme's). */
void                 bourse_chart_set_colors         (BourseChart        *self,
                                                      const BourseRgba   *up,
                                                      const BourseRgba   *down);
/* Candle wicks and body borders (NULL: same as the body, the default). */
void                 bourse_chart_set_wick_colors    (BourseChart        *self,
                                                      const BourseRgba   *up,
                                                      const BourseRgba   *down);
void                 bourse_chart_set_border_colors  (BourseChart        *self,
                                                      const BourseRgba   *up,
                                                      const BourseRgba   *down);
BourseVolumeMode     bourse_chart_get_volume_mode    (BourseChart        *self);
void                 bourse_chart_set_volume_mode    (BourseChart        *self,
                                                      BourseVolumeMode    mode);
const char          *bourse_chart_get_watermark      (BourseChart        *self);
void                 bourse_chart_set_watermark      (BourseChart        *self,
                                                      const char         *text);
/* Where the price axes are (all panes share the side). */
BoursePriceAxisSide  bourse_chart_get_price_axis_side (BourseChart       *self);
void                 bourse_chart_set_price_axis_side (BourseChart       *self,
                                                       BoursePriceAxisSide side);
gboolean             bourse_chart_get_grid_visible   (BourseChart        *self);
void                 bourse_chart_set_grid_visible   (BourseChart        *self,
                                                      gboolean            visible);
/* Labels use @precision decimals; drags and nice steps snap to @tick_size. */
void                 bourse_chart_set_price_format   (BourseChart        *self,
                                                      int                 precision,
                                                      double              tick_size);
int                  bourse_chart_get_precision      (BourseChart        *self);
double               bourse_chart_get_tick_size      (BourseChart        *self);
GTimeZone           *bourse_chart_get_time_zone      (BourseChart        *self);
void                 bourse_chart_set_time_zone      (BourseChart        *self,
                                                      GTimeZone          *tz);

/* -- display options (bourse-chart-style.c) ------------------------------- */
/* Palette overrides over the theme's colours; NULL goes back to the theme's.
 * The line colour also tints the area fill of area charts. */
void                 bourse_chart_set_background_color (BourseChart      *self,
                                                        const BourseRgba *color);
void                 bourse_chart_set_grid_color     (BourseChart        *self,
                                                      const BourseRgba   *color);
void                 bourse_chart_set_line_color     (BourseChart        *self,
                                                      const BourseRgba   *color);
/* Vertical (time) and horizontal (price) grid lines, each on or off. */
void                 bourse_chart_get_grid_lines     (BourseChart        *self,
                                                      gboolean           *vertical,
                                                      gboolean           *horizontal);
void                 bourse_chart_set_grid_lines     (BourseChart        *self,
                                                      gboolean            vertical,
                                                      gboolean            horizontal);
BourseChartLegendFlags bourse_chart_get_legend_flags (BourseChart        *self);
void                 bourse_chart_set_legend_flags   (BourseChart        *self,
                                                      BourseChartLegendFlags flags);
/* The legend's first words, e.g. "EURUSD · 5 · Euro / U.S. Dollar" (NULL: none). */
const char          *bourse_chart_get_legend_title   (BourseChart        *self);
void                 bourse_chart_set_legend_title   (BourseChart        *self,
                                                      const char         *title);
/* Room (logical px) kept free under the main pane's first legend line, for
 * widgets laid over the chart there (the one-click trading buttons). */
void                 bourse_chart_set_legend_gap     (BourseChart        *self,
                                                      double              gap);
double               bourse_chart_get_legend_gap     (BourseChart        *self);
/* The last price's dashed line and its label on the price axis. */
gboolean             bourse_chart_get_last_price_visible (BourseChart    *self);
void                 bourse_chart_set_last_price_visible (BourseChart    *self,
                                                          gboolean        visible);
/* The countdown to the last bar's close, shown under the last price on the
 * price axis: bars last @bar_seconds (0: no countdown), the time is @now
 * (UNIX seconds; the caller ticks it, so rendering stays deterministic). */
void                 bourse_chart_set_countdown      (BourseChart        *self,
                                                      gint64              bar_seconds,
                                                      gint64              now);
/* "04:59", "1:02:03" or "2d 03h" into @buf; FALSE when there is none to
 * show (no bars, no bar length, or the last bar already closed). */
gboolean             bourse_chart_format_countdown   (BourseChart        *self,
                                                      char               *buf,
                                                      gsize               size);
/* Session breaks: a dashed vertical line where a trading day begins, on
 * intraday bars. The day starts @start_minute after midnight in @time_zone
 * (the exchange's; NULL: the chart's time zone), e.g. 17:00 New York for FX. */
gboolean             bourse_chart_get_session_breaks (BourseChart        *self);
void                 bourse_chart_set_session_breaks (BourseChart        *self,
                                                      gboolean            visible);
void                 bourse_chart_set_session        (BourseChart        *self,
                                                      GTimeZone          *time_zone,
                                                      int                 start_minute);
/* Bar indexes (into the bars) that open a new trading day, among bars
 * [@first, @end); used by the renderer, exposed for tests. (transfer full) */
GArray              *bourse_chart_find_session_breaks (BourseChart       *self,
                                                       gsize              first,
                                                       gsize              end);

/* -- panes ----------------------------------------------------------------- */
guint                bourse_chart_add_pane           (BourseChart        *self,
                                                      double              stretch);
void                 bourse_chart_remove_pane        (BourseChart        *self,
                                                      guint               pane_id);
/* Pane ids top to bottom (includes the volume pane in VOLUME_MODE_PANE). */
GArray              *bourse_chart_get_pane_ids       (BourseChart        *self);
double               bourse_chart_get_pane_stretch   (BourseChart        *self,
                                                      guint               pane_id);
void                 bourse_chart_set_pane_stretch   (BourseChart        *self,
                                                      guint               pane_id,
                                                      double              stretch);
BoursePriceScaleMode bourse_chart_get_pane_scale_mode (BourseChart       *self,
                                                       guint              pane_id);
void                 bourse_chart_set_pane_scale_mode (BourseChart       *self,
                                                       guint              pane_id,
                                                       BoursePriceScaleMode mode);
gboolean             bourse_chart_get_pane_inverted  (BourseChart        *self,
                                                      guint               pane_id);
void                 bourse_chart_set_pane_inverted  (BourseChart        *self,
                                                      guint               pane_id,
                                                      gboolean            inverted);
/* Manual scale (turns autoscale off): visible range in prices. */
void                 bourse_chart_set_pane_price_range (BourseChart      *self,
                                                        guint             pane_id,
                                                        double            low,
                                                        double            high);
gboolean             bourse_chart_get_pane_autoscale (BourseChart        *self,
                                                      guint               pane_id);
/* Back to autoscale (what a double-click on the price axis does). */
void                 bourse_chart_reset_pane_scale   (BourseChart        *self,
                                                      guint               pane_id);
/* The volume pane's id (valid in VOLUME_MODE_PANE). */
guint                bourse_chart_get_volume_pane    (BourseChart        *self);

/* -- extra series (indicators) -------------------------------------------- */
void                 bourse_chart_add_series         (BourseChart        *self,
                                                      BourseChartSeries  *series,
                                                      guint               pane_id);
void                 bourse_chart_remove_series      (BourseChart        *self,
                                                      BourseChartSeries  *series);
/* (transfer container): the series on @pane_id, in drawing order */
GPtrArray           *bourse_chart_get_series         (BourseChart        *self,
                                                      guint               pane_id);

/* -- layers (drawing tools) ------------------------------------------------- */
void                 bourse_chart_add_layer          (BourseChart        *self,
                                                      BourseChartLayer   *layer,
                                                      guint               pane_id);
void                 bourse_chart_remove_layer       (BourseChart        *self,
                                                      BourseChartLayer   *layer);
/* (transfer container): layers of @pane_id, bottom to top */
GPtrArray           *bourse_chart_get_layers         (BourseChart        *self,
                                                      guint               pane_id);

/* -- price lines and markers (main pane) ------------------------------------ */
/* Adds, or updates the line with the same @id. */
void                 bourse_chart_set_price_line     (BourseChart        *self,
                                                      const char         *id,
                                                      double              price,
                                                      const BourseRgba   *color,
                                                      const char         *label,
                                                      BoursePriceLineFlags flags);
gboolean             bourse_chart_remove_price_line  (BourseChart        *self,
                                                      const char         *id);
const BoursePriceLine *bourse_chart_get_price_line   (BourseChart        *self,
                                                      const char         *id);
/* (element-type BoursePriceLine): owned by the chart */
GPtrArray           *bourse_chart_peek_price_lines   (BourseChart        *self);
void                 bourse_chart_add_marker         (BourseChart        *self,
                                                      gint64              time,
                                                      double              price,
                                                      BourseMarkerKind    kind,
                                                      const char         *text);
void                 bourse_chart_clear_markers      (BourseChart        *self);
/* (element-type BourseMarker): owned by the chart */
GArray              *bourse_chart_peek_markers       (BourseChart        *self);

/* -- crosshair -------------------------------------------------------------- */
BourseCrosshairMode  bourse_chart_get_crosshair_mode (BourseChart        *self);
void                 bourse_chart_set_crosshair_mode (BourseChart        *self,
                                                      BourseCrosshairMode mode);
/* Places the crosshair at widget coordinates (x, y) over @pane_id. */
void                 bourse_chart_set_crosshair      (BourseChart        *self,
                                                      guint               pane_id,
                                                      double              x,
                                                      double              y);
void                 bourse_chart_clear_crosshair    (BourseChart        *self);
gboolean             bourse_chart_get_crosshair      (BourseChart        *self,
                                                      guint              *pane_id,
                                                      double             *x,
                                                      double             *y);

/* Bar index under logical index @index, clamped to the bars; -1 without bars. */
gssize               bourse_chart_bar_at_index       (BourseChart        *self,
                                                      double              index);

/* The legend's change of @bar against the bar before it, as "+0.00012 (+0.01%)". */
char                *bourse_chart_dup_bar_change     (BourseChart        *self,
                                                      gsize               bar);

/* Emits ::changed (used by the view and layers; you rarely need it). */
void                 bourse_chart_invalidate         (BourseChart        *self,
                                                      BourseChartChange   change);

G_END_DECLS
