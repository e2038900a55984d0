/* bourse-chart-types.h — small value types and enums shared by the chart engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is plain data: colours, enums, and the geometry a pane
 * exposes to layers (drawing tools) so they can convert between values and
 * pixels without knowing how the chart is laid out.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BourseRgba:
 *
 * A colour with components in 0…1 (no GdkRGBA here: the engine has no GTK).
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} BourseRgba;

/* BOURSE_RGBA (0x26a69a, 1.0) as an expression; BOURSE_RGBA_INIT in static initializers */
#define BOURSE_RGBA_INIT(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }
#define BOURSE_RGBA(hex, a) ((BourseRgba) BOURSE_RGBA_INIT (hex, a))

gboolean bourse_rgba_parse (BourseRgba *rgba,
                            const char *spec);

/**
 * BourseChartType:
 *
 * How the main series (the bars) is drawn. The nick ("candles", "hollow-candles",
 * "heikin-ashi", "bars", "line", "step-line", "area", "baseline", "histogram")
 * is what the `chart.set-type` action and `bourse-cli render --type` take.
 * Line types draw the close; "baseline" colours the close line and its fill
 * up/down above/below the middle of the visible range; "histogram" draws
 * closes as columns from the pane bottom.
 */
typedef enum
{
  BOURSE_CHART_TYPE_CANDLES,
  BOURSE_CHART_TYPE_HOLLOW_CANDLES,
  BOURSE_CHART_TYPE_HEIKIN_ASHI,
  BOURSE_CHART_TYPE_BARS,
  BOURSE_CHART_TYPE_LINE,
  BOURSE_CHART_TYPE_STEP_LINE,
  BOURSE_CHART_TYPE_AREA,
  BOURSE_CHART_TYPE_BASELINE,
  BOURSE_CHART_TYPE_HISTOGRAM,
} BourseChartType;

const char *bourse_chart_type_to_string   (BourseChartType  type);
gboolean    bourse_chart_type_from_string (const char      *nick,
                                           BourseChartType *type);

typedef enum
{
  BOURSE_CHART_THEME_DARK,
  BOURSE_CHART_THEME_LIGHT,
} BourseChartTheme;

gboolean bourse_chart_theme_from_string (const char       *nick,
                                         BourseChartTheme *theme);

typedef enum
{
  BOURSE_PRICE_SCALE_MODE_NORMAL,
  BOURSE_PRICE_SCALE_MODE_LOGARITHMIC,
  BOURSE_PRICE_SCALE_MODE_PERCENT,      /* relative to the first visible close */
  BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100,
} BoursePriceScaleMode;

typedef enum
{
  BOURSE_CROSSHAIR_MODE_NORMAL,
  BOURSE_CROSSHAIR_MODE_MAGNET,   /* snaps the horizontal line to the bar's close */
  BOURSE_CROSSHAIR_MODE_HIDDEN,
  BOURSE_CROSSHAIR_MODE_MAGNET_OHLC, /* snaps to the nearest of open, high, low, close */
} BourseCrosshairMode;

typedef enum
{
  BOURSE_VOLUME_MODE_HIDDEN,
  BOURSE_VOLUME_MODE_OVERLAY,     /* histogram in the bottom 20 % of the main pane */
  BOURSE_VOLUME_MODE_PANE,        /* histogram in its own pane under the main one */
} BourseVolumeMode;

typedef enum
{
  BOURSE_PRICE_AXIS_RIGHT,
  BOURSE_PRICE_AXIS_LEFT,
} BoursePriceAxisSide;

/**
 * BourseChartLegendFlags:
 *
 * What the legend (status line) shows: the title (symbol and description),
 * the bar's O H L C, its change, its volume, and one line per study.
 */
typedef enum
{
  BOURSE_CHART_LEGEND_TITLE   = 1 << 0,
  BOURSE_CHART_LEGEND_OHLC    = 1 << 1,
  BOURSE_CHART_LEGEND_CHANGE  = 1 << 2,
  BOURSE_CHART_LEGEND_VOLUME  = 1 << 3,
  BOURSE_CHART_LEGEND_STUDIES = 1 << 4,
  BOURSE_CHART_LEGEND_ALL     = 0x1f,
} BourseChartLegendFlags;

/**
 * BourseChartChange:
 *
 * What changed, carried by #BourseChart::changed so a view can choose how much
 * to redraw: a crosshair move never needs the series redrawn.
 */
typedef enum
{
  BOURSE_CHART_CHANGE_CROSSHAIR = 1 << 0,
  BOURSE_CHART_CHANGE_OVERLAY   = 1 << 1,  /* price lines, markers, layers */
  BOURSE_CHART_CHANGE_VIEW      = 1 << 2,  /* visible range, scales, size */
  BOURSE_CHART_CHANGE_DATA      = 1 << 3,  /* bars or series values */
  BOURSE_CHART_CHANGE_STYLE     = 1 << 4,  /* type, theme, colours, panes */
  BOURSE_CHART_CHANGE_ALL       = 0x1f,
} BourseChartChange;

#define BOURSE_TYPE_CHART_TYPE (bourse_chart_type_get_type ())
GType bourse_chart_type_get_type (void) G_GNUC_CONST;
#define BOURSE_TYPE_CHART_THEME (bourse_chart_theme_get_type ())
GType bourse_chart_theme_get_type (void) G_GNUC_CONST;
#define BOURSE_TYPE_PRICE_SCALE_MODE (bourse_price_scale_mode_get_type ())
GType bourse_price_scale_mode_get_type (void) G_GNUC_CONST;
#define BOURSE_TYPE_CROSSHAIR_MODE (bourse_crosshair_mode_get_type ())
GType bourse_crosshair_mode_get_type (void) G_GNUC_CONST;
#define BOURSE_TYPE_VOLUME_MODE (bourse_volume_mode_get_type ())
GType bourse_volume_mode_get_type (void) G_GNUC_CONST;
#define BOURSE_TYPE_PRICE_AXIS_SIDE (bourse_price_axis_side_get_type ())
GType bourse_price_axis_side_get_type (void) G_GNUC_CONST;

G_END_DECLS
