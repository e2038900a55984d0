/* bourse-chart-layer.h — the hook for drawing tools and other overlays
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A BourseChartLayer is any object implementing this interface, attached to
 * one pane with bourse_chart_add_layer(). For every frame the renderer calls
 * draw() after the series and price lines of that pane, with the cairo
 * context translated to the pane's top-left corner and clipped to its plot
 * area (the price axis excluded). The view routes pointer events over the
 * pane to its layers first, topmost (last added) first; a layer that returns
 * TRUE from pointer_event() consumes the event (the chart then neither pans
 * nor moves the crosshair for it, until the release).
 *
 * All coordinates given to layers are pane-local logical pixels (0,0 at the
 * pane's top-left); BourseChartPaneGeometry converts them to and from bar
 * indexes, times and prices. A layer that changed calls
 * bourse_chart_layer_changed() to get a redraw.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "bourse-bars.h"
#include "bourse-chart-text.h"
#include "bourse-chart-types.h"
#include "bourse-price-scale.h"
#include "bourse-time-scale.h"

G_BEGIN_DECLS

/**
 * BourseChartPaneGeometry:
 *
 * A snapshot of one pane as last drawn. Copy it freely; it borrows @bars
 * and @time_zone (valid while the chart lives and its bars are not replaced)
 * and @text (the renderer's fonts, valid while the renderer lives).
 */
typedef struct
{
  guint             pane_id;
  double            x, y;           /* plot area origin in the widget, logical px */
  double            width, height;  /* plot area size (price axis excluded) */
  double            scale_factor;   /* device pixels per logical pixel */
  BourseTimeScale   time_scale;     /* x is pane-local (0 = left edge of the plot) */
  BoursePriceScale  price_scale;    /* y is pane-local */
  const BourseBars *bars;
  GTimeZone        *time_zone;
  int               precision;      /* decimals of price labels */
  double            tick_size;      /* minimum price move */
  BourseChartText  *text;           /* the chart's fonts: labels drawn by layers use them */
} BourseChartPaneGeometry;

double  bourse_chart_pane_geometry_price_to_y  (const BourseChartPaneGeometry *geometry,
                                                double                         price);
double  bourse_chart_pane_geometry_y_to_price  (const BourseChartPaneGeometry *geometry,
                                                double                         y);
double  bourse_chart_pane_geometry_index_to_x  (const BourseChartPaneGeometry *geometry,
                                                double                         index);
double  bourse_chart_pane_geometry_x_to_index  (const BourseChartPaneGeometry *geometry,
                                                double                         x);
/* Times map through the bars: a time between two bars interpolates between
 * their indexes; times after the last bar extrapolate with the last interval. */
double  bourse_chart_pane_geometry_time_to_x   (const BourseChartPaneGeometry *geometry,
                                                gint64                         time);
gint64  bourse_chart_pane_geometry_x_to_time   (const BourseChartPaneGeometry *geometry,
                                                double                         x);
/* Pixel-aligned coordinate for a crisp 1-device-pixel line at @v. */
double  bourse_chart_pane_geometry_align       (const BourseChartPaneGeometry *geometry,
                                                double                         v);

typedef enum
{
  BOURSE_CHART_POINTER_PRESS,
  BOURSE_CHART_POINTER_MOTION,   /* with or without a button held */
  BOURSE_CHART_POINTER_RELEASE,
  BOURSE_CHART_POINTER_LEAVE,
} BourseChartPointerEventType;

typedef enum
{
  BOURSE_CHART_MODIFIER_SHIFT   = 1 << 0,
  BOURSE_CHART_MODIFIER_CONTROL = 1 << 1,
  BOURSE_CHART_MODIFIER_ALT     = 1 << 2,
} BourseChartModifiers;

typedef struct
{
  BourseChartPointerEventType type;
  double                      x, y;     /* pane-local */
  guint                       button;   /* 1 primary, 3 secondary; 0 for plain motion */
  guint                       n_press;  /* 2 on a double click */
  gboolean                    pressed;  /* a button is held (drag) */
  BourseChartModifiers        modifiers;
} BourseChartPointerEvent;

#define BOURSE_TYPE_CHART_LAYER (bourse_chart_layer_get_type ())

G_DECLARE_INTERFACE (BourseChartLayer, bourse_chart_layer, BOURSE, CHART_LAYER, GObject)

struct _BourseChartLayerInterface
{
  GTypeInterface parent_iface;

  void     (*draw)          (BourseChartLayer              *self,
                             cairo_t                       *cr,
                             const BourseChartPaneGeometry *geometry);
  /* Optional. */
  gboolean (*pointer_event) (BourseChartLayer              *self,
                             const BourseChartPointerEvent *event,
                             const BourseChartPaneGeometry *geometry);
  /* Optional: a cursor name ("pointer", "move"…) for the pointer at (x, y), or NULL. */
  const char *(*get_cursor) (BourseChartLayer              *self,
                             double                         x,
                             double                         y,
                             const BourseChartPaneGeometry *geometry);
};

void        bourse_chart_layer_draw          (BourseChartLayer              *self,
                                              cairo_t                       *cr,
                                              const BourseChartPaneGeometry *geometry);
gboolean    bourse_chart_layer_pointer_event (BourseChartLayer              *self,
                                              const BourseChartPointerEvent *event,
                                              const BourseChartPaneGeometry *geometry);
const char *bourse_chart_layer_get_cursor    (BourseChartLayer              *self,
                                              double                         x,
                                              double                         y,
                                              const BourseChartPaneGeometry *geometry);
/* Emits BourseChartLayer::changed: the chart redraws. */
void        bourse_chart_layer_changed       (BourseChartLayer              *self);

G_END_DECLS
