/* bourse-chart-view-private.h — BourseChartView's input handling without events
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the view's controllers do with a touchpad scroll or a pinch, callable
 * directly: Xvfb has neither smooth-scroll touchpads nor touchscreens, so the
 * tests drive these (the controllers' callbacks are thin wrappers around them).
 */
#pragma once

#include "bourse-chart-view.h"

G_BEGIN_DECLS

/* Where the pointer is (widget coordinates), as the motion controller records it. */
void _bourse_chart_view_set_pointer (BourseChartView *self,
                                     double           x,
                                     double           y);
/* A scroll of (@dx, @dy) in @unit (wheel clicks, or surface pixels from a
 * touchpad) with modifiers @state: vertical zooms around the pointer,
 * horizontal (or Shift + vertical) pans. */
void _bourse_chart_view_scroll      (BourseChartView *self,
                                     double           dx,
                                     double           dy,
                                     GdkScrollUnit    unit,
                                     GdkModifierType  state);
/* A pinch: begin, then the gesture's cumulative @scale and its centre x. */
void _bourse_chart_view_pinch_begin (BourseChartView *self);
void _bourse_chart_view_pinch       (BourseChartView *self,
                                     double           scale,
                                     double           center_x);

G_END_DECLS
