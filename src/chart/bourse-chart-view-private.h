/* bourse-chart-view-private.h — BourseChartView's instance struct, shared with its input handling
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bourse-chart-view.c owns the widget (drawing, actions, properties and
 * signals); bourse-chart-view-input.c its controllers. What the controllers
 * do with a touchpad scroll or a pinch is also callable directly: Xvfb has
 * neither smooth-scroll touchpads nor touchscreens, so the tests drive these
 * (the controllers' callbacks are thin wrappers around them).
 */
#pragma once

#include "bourse-chart-view.h"

G_BEGIN_DECLS

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_TIME_AXIS,
  DRAG_PRICE_AXIS,
  DRAG_SEPARATOR,
  DRAG_PRICE_LINE,
  DRAG_CLOSE_BOX,
  DRAG_ORDER_BUTTON,
  DRAG_LAYER,
} DragMode;

struct _BourseChartView
{
  GtkWidget            parent_instance;

  /* owned */
  BourseChart         *chart;
  BourseChartRenderer *renderer;
  cairo_surface_t     *base;          /* cached BOURSE_CHART_RENDER_BASE */
  BourseChartLayer    *drag_layer;
  char                *drag_line_id;

  gulong               chart_changed_id;

  DragMode             drag_mode;
  guint                drag_pane;
  double               drag_start_x;
  double               drag_start_y;
  double               drag_last_dx;
  double               drag_last_dy;
  double               drag_price;
  double               drag_range_low;   /* price axis drag: transformed range at start */
  double               drag_range_high;
  double               drag_stretch_a;
  double               drag_stretch_b;
  double               drag_height_a;
  double               drag_height_b;
  guint                drag_pane_b;

  /* kinetic panning */
  double               velocity;        /* px per ms */
  gint64               last_motion_us;
  gint64               kinetic_last_us;
  guint                kinetic_id;

  double               zoom_last_scale;
  double               pointer_x;
  double               pointer_y;

  int                  base_width;
  int                  base_height;
  int                  base_scale;
  guint                font_serial;     /* of the Pango context the renderer's font came from */
  guint                base_dirty : 1;
  guint                pointer_inside : 1;
};

typedef enum {
  BOURSE_CHART_VIEW_PRICE_LINE_MOVED,
  BOURSE_CHART_VIEW_PRICE_LINE_DRAGGED,
  BOURSE_CHART_VIEW_PRICE_LINE_CLOSE_CLICKED,
  BOURSE_CHART_VIEW_ORDER_BUTTON_CLICKED,
  BOURSE_CHART_VIEW_N_SIGNALS
} BourseChartViewSignal;

/* bourse-chart-view.c: emits one of the view's signals with its arguments. */
void _bourse_chart_view_emit        (BourseChartView       *self,
                                     BourseChartViewSignal  signal,
                                     ...);

/* bourse-chart-view-input.c */
void _bourse_chart_view_init_input  (BourseChartView *self);
void _bourse_chart_view_stop_kinetic (BourseChartView *self);

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
