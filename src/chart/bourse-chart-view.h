/* bourse-chart-view.h — the GTK widget showing a BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input → chart: drag to pan (kinetic), wheel/touchpad to zoom around the
 * pointer (Shift+wheel or horizontal scroll pans), pinch to zoom, drag the
 * price axis to scale it (double-click resets), drag pane separators, keys
 * (←/→ scroll, +/− zoom, Home = first bar, End = real time). Pointer events
 * over a pane go first to its layers (see bourse-chart-layer.h).
 *
 * Trading on the chart: draggable price lines emit ::price-line-moved with
 * the new price (snapped to the chart's tick size) on release; a closable line's
 * ✕ emits ::price-line-close-clicked; the "+" on the price axis at the crosshair
 * emits ::order-button-clicked with that price. ::history-needed is emitted
 * when the user scrolls close to the first bar.
 *
 * Actions (group "chart"): chart.zoom-in, chart.zoom-out, chart.fit, chart.reset-view,
 * chart.scroll-to-realtime, chart.set-type("candles"|"line"|…).
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-chart.h"
#include "bourse-chart-renderer.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_VIEW (bourse_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartView, bourse_chart_view, BOURSE, CHART_VIEW, GtkWidget)

GtkWidget           *bourse_chart_view_new          (BourseChart     *chart);
BourseChart         *bourse_chart_view_get_chart    (BourseChartView *self);
void                 bourse_chart_view_set_chart    (BourseChartView *self,
                                                     BourseChart     *chart);
BourseChartRenderer *bourse_chart_view_get_renderer (BourseChartView *self);
const char          *bourse_chart_view_get_dragged_line (BourseChartView *self);

G_END_DECLS
