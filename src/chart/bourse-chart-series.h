/* bourse-chart-series.h — an extra series (indicator output) drawn on a pane
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are arrays of doubles aligned with the chart's bars (value i belongs
 * to bar i); NaN means "no value" (warm-up periods, gaps). Kinds:
 *   - LINE: a polyline of `values`;
 *   - HISTOGRAM: columns from `base` (default 0) to each value, in `color`
 *     when >= base and `negative-color` below;
 *   - BAND: `upper` and `lower` lines with the area between filled in
 *     `fill-color` (Bollinger, Keltner, Ichimoku clouds…).
 * The series keeps its own copy of the values and a min/max pyramid, so
 * autoscale and zoomed-out drawing stay O(width).
 */
#pragma once

#include <glib-object.h>

#include "bourse-chart-types.h"

G_BEGIN_DECLS

typedef enum
{
  BOURSE_CHART_SERIES_LINE,
  BOURSE_CHART_SERIES_HISTOGRAM,
  BOURSE_CHART_SERIES_BAND,
} BourseChartSeriesKind;

#define BOURSE_TYPE_CHART_SERIES (bourse_chart_series_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartSeries, bourse_chart_series, BOURSE, CHART_SERIES, GObject)

BourseChartSeries    *bourse_chart_series_new            (BourseChartSeriesKind  kind,
                                                          const char            *title);
BourseChartSeriesKind bourse_chart_series_get_kind       (BourseChartSeries     *self);
const char           *bourse_chart_series_get_title      (BourseChartSeries     *self);
void                  bourse_chart_series_set_title      (BourseChartSeries     *self,
                                                          const char            *title);
void                  bourse_chart_series_get_color      (BourseChartSeries     *self,
                                                          BourseRgba            *color);
void                  bourse_chart_series_set_color      (BourseChartSeries     *self,
                                                          const BourseRgba      *color);
void                  bourse_chart_series_get_negative_color (BourseChartSeries *self,
                                                              BourseRgba        *color);
void                  bourse_chart_series_set_negative_color (BourseChartSeries *self,
                                                              const BourseRgba  *color);
void                  bourse_chart_series_get_fill_color (BourseChartSeries     *self,
                                                          BourseRgba            *color);
void                  bourse_chart_series_set_fill_color (BourseChartSeries     *self,
                                                          const BourseRgba      *color);
double                bourse_chart_series_get_line_width (BourseChartSeries     *self);
void                  bourse_chart_series_set_line_width (BourseChartSeries     *self,
                                                          double                 width);
double                bourse_chart_series_get_base       (BourseChartSeries     *self);
void                  bourse_chart_series_set_base       (BourseChartSeries     *self,
                                                          double                 base);
gboolean              bourse_chart_series_get_visible    (BourseChartSeries     *self);
void                  bourse_chart_series_set_visible    (BourseChartSeries     *self,
                                                          gboolean               visible);
/* An overlay series has its own, unlabelled scale fitted to its visible values
 * (like the volume overlay): OBV or volume-like studies over the candles,
 * without squashing them. It does not take part in the pane's autoscale. */
gboolean              bourse_chart_series_get_overlay    (BourseChartSeries     *self);
void                  bourse_chart_series_set_overlay    (BourseChartSeries     *self,
                                                          gboolean               overlay);
/* A series on the secondary price scale (Lightweight Charts' left scale): its
 * own scale fitted to the visible values of its pane's secondary-scale series,
 * LABELLED on a second price axis on the side opposite the main one (left with
 * the main axis on the right). For a comparison symbol, OBV or volume-like
 * values next to prices. Takes precedence over "overlay"; not in the pane's
 * autoscale. */
gboolean              bourse_chart_series_get_secondary_scale (BourseChartSeries *self);
void                  bourse_chart_series_set_secondary_scale (BourseChartSeries *self,
                                                               gboolean           secondary);

/* Decimals of this series' values in the legend and, when every series of a
 * pane says, on the pane's price axis; -1 (the default) follows the chart. */
int                   bourse_chart_series_get_precision  (BourseChartSeries     *self);
void                  bourse_chart_series_set_precision  (BourseChartSeries     *self,
                                                          int                    precision);
/* A series shown on the legend line of the series before it, values only
 * (the Basis of Bollinger Bands beside its band): one line per study. */
gboolean              bourse_chart_series_get_legend_joined (BourseChartSeries  *self);
void                  bourse_chart_series_set_legend_joined (BourseChartSeries  *self,
                                                             gboolean            joined);
/* Horizontal reference levels drawn dashed across the series' pane on its
 * scale (RSI 30/70), kept in the autoscale; with @fill, the area between the
 * highest and the lowest level is shaded in it. NULL/0 removes them. */
typedef struct
{
  double     value;
  BourseRgba color;
} BourseChartLevel;

void                  bourse_chart_series_set_levels     (BourseChartSeries      *self,
                                                          const BourseChartLevel *levels,
                                                          guint                   n_levels,
                                                          const BourseRgba       *fill);
/* The levels (owned by @self) and whether a fill is set (*fill filled in then). */
const BourseChartLevel *bourse_chart_series_get_levels   (BourseChartSeries      *self,
                                                          guint                  *n_levels,
                                                          BourseRgba             *fill,
                                                          gboolean               *has_fill);
/* LINE and HISTOGRAM: replaces all values (copied). */
void                  bourse_chart_series_set_values     (BourseChartSeries     *self,
                                                          const double          *values,
                                                          gsize                  n_values);
/* BAND: replaces both edges (copied; NaN in either = no band at that bar). */
void                  bourse_chart_series_set_band       (BourseChartSeries     *self,
                                                          const double          *upper,
                                                          const double          *lower,
                                                          gsize                  n_values);
/* Live update: sets value @index, which is < n_values (update) or == n_values
 * (append). For BAND, @value is the upper and @value2 the lower edge. */
void                  bourse_chart_series_set_value      (BourseChartSeries     *self,
                                                          gsize                  index,
                                                          double                 value,
                                                          double                 value2);
gsize                 bourse_chart_series_get_n_values   (BourseChartSeries     *self);
/* NaN when out of range or no value. For BAND, the upper edge (@value2: lower). */
double                bourse_chart_series_get_value      (BourseChartSeries     *self,
                                                          gsize                  index,
                                                          double                *value2);

/* Read-only access for the renderer (arrays valid until the next change). */
const double         *bourse_chart_series_peek_values    (BourseChartSeries     *self,
                                                          const double         **lower);
/* min/max over values [first, end) in O(log n); FALSE if none. */
gboolean              bourse_chart_series_get_range      (BourseChartSeries     *self,
                                                          gsize                  first,
                                                          gsize                  end,
                                                          double                *min,
                                                          double                *max);
/* Per-pixel-column min/max (see bourse_lod_aggregate()). */
void                  bourse_chart_series_aggregate      (BourseChartSeries     *self,
                                                          const gsize           *bounds,
                                                          gsize                  n_columns,
                                                          double                *out_min,
                                                          double                *out_max);

G_END_DECLS
