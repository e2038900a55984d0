/* bourse-chart-viewport.h — the visible bar range shared by all panes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The viewport owns the horizontal state of a chart — bar spacing and the
 * logical index at the right edge — and enforces its limits:
 *   - bar spacing from `min-bar-spacing` (which always allows every bar to be
 *     visible at once: it is never more than width / n-bars) to 100 px;
 *   - at least a few bars stay on screen when scrolling left or right.
 * Panes share one viewport, so they scroll and zoom together.
 */
#pragma once

#include <glib-object.h>

#include "bourse-time-scale.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_VIEWPORT (bourse_chart_viewport_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartViewport, bourse_chart_viewport, BOURSE, CHART_VIEWPORT, GObject)

#define BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING  6.0
#define BOURSE_CHART_VIEWPORT_MAX_BAR_SPACING    100.0

BourseChartViewport *bourse_chart_viewport_new (void);

void     bourse_chart_viewport_get_time_scale   (BourseChartViewport *self,
                                                 BourseTimeScale     *out);

double   bourse_chart_viewport_get_width        (BourseChartViewport *self);
void     bourse_chart_viewport_set_width        (BourseChartViewport *self,
                                                 double               width);
gsize    bourse_chart_viewport_get_n_bars       (BourseChartViewport *self);
/* A growing series keeps following the last bar if it was in view ("real time"). */
void     bourse_chart_viewport_set_n_bars       (BourseChartViewport *self,
                                                 gsize                n_bars);
/* Slots after the last bar that hold series values (Ichimoku's leading cloud):
 * fit-content and the zoom-out limit include them. BourseChart keeps it up to date. */
gsize    bourse_chart_viewport_get_n_future     (BourseChartViewport *self);
void     bourse_chart_viewport_set_n_future     (BourseChartViewport *self,
                                                 gsize                n_future);
double   bourse_chart_viewport_get_bar_spacing  (BourseChartViewport *self);
void     bourse_chart_viewport_set_bar_spacing  (BourseChartViewport *self,
                                                 double               bar_spacing);
double   bourse_chart_viewport_get_right_index  (BourseChartViewport *self);
void     bourse_chart_viewport_set_right_index  (BourseChartViewport *self,
                                                 double               right_index);
/* Right offset: empty space after the last bar, in bars (default 5). */
double   bourse_chart_viewport_get_right_offset (BourseChartViewport *self);
void     bourse_chart_viewport_set_right_offset (BourseChartViewport *self,
                                                 double               bars);
double   bourse_chart_viewport_get_min_bar_spacing (BourseChartViewport *self);

/* Multiplies the bar spacing by @factor (> 1 zooms in), keeping the bar
 * under @x where it is. */
void     bourse_chart_viewport_zoom_at          (BourseChartViewport *self,
                                                 double               x,
                                                 double               factor);
/* Content follows the pointer: positive @dx moves the bars right (back in time). */
void     bourse_chart_viewport_scroll_by_pixels (BourseChartViewport *self,
                                                 double               dx);
void     bourse_chart_viewport_scroll_by_bars   (BourseChartViewport *self,
                                                 double               bars);
/* Every bar in view, the last one at the right edge. */
void     bourse_chart_viewport_fit_content      (BourseChartViewport *self);
/* The default bar spacing, the last bar at the right offset: the opening view. */
void     bourse_chart_viewport_reset            (BourseChartViewport *self);
/* Keeps the bar spacing, brings the last bar back to the right offset. */
void     bourse_chart_viewport_scroll_to_realtime (BourseChartViewport *self);
/* Shows bars @first…@last (inclusive) exactly across the width. */
void     bourse_chart_viewport_set_visible_range (BourseChartViewport *self,
                                                  double               first,
                                                  double               last);
void     bourse_chart_viewport_get_visible_range (BourseChartViewport *self,
                                                  double              *first,
                                                  double              *last);
/* Shifts the view by @n bars, for history prepended before the first bar. */
void     bourse_chart_viewport_shift            (BourseChartViewport *self,
                                                 double               n);
gboolean bourse_chart_viewport_is_at_realtime   (BourseChartViewport *self);

G_END_DECLS
