/* bourse-chart-layer.c — the hook for drawing tools and other overlays
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-layer.h"

G_DEFINE_INTERFACE (BourseChartLayer, bourse_chart_layer, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bourse_chart_layer_default_init (BourseChartLayerInterface *iface)
{
  /**
   * BourseChartLayer::changed:
   *
   * The layer needs a redraw; the chart it is attached to forwards this as
   * a BOURSE_CHART_CHANGE_OVERLAY change.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
bourse_chart_layer_draw (BourseChartLayer              *self,
                         cairo_t                       *cr,
                         const BourseChartPaneGeometry *geometry)
{
  BourseChartLayerInterface *iface;

  g_return_if_fail (BOURSE_IS_CHART_LAYER (self));

  iface = BOURSE_CHART_LAYER_GET_IFACE (self);
  if (iface->draw != NULL)
    iface->draw (self, cr, geometry);
}

gboolean
bourse_chart_layer_pointer_event (BourseChartLayer              *self,
                                  const BourseChartPointerEvent *event,
                                  const BourseChartPaneGeometry *geometry)
{
  BourseChartLayerInterface *iface;

  g_return_val_if_fail (BOURSE_IS_CHART_LAYER (self), FALSE);

  iface = BOURSE_CHART_LAYER_GET_IFACE (self);
  if (iface->pointer_event != NULL)
    return iface->pointer_event (self, event, geometry);
  return FALSE;
}

const char *
bourse_chart_layer_get_cursor (BourseChartLayer              *self,
                               double                         x,
                               double                         y,
                               const BourseChartPaneGeometry *geometry)
{
  BourseChartLayerInterface *iface;

  g_return_val_if_fail (BOURSE_IS_CHART_LAYER (self), NULL);

  iface = BOURSE_CHART_LAYER_GET_IFACE (self);
  if (iface->get_cursor != NULL)
    return iface->get_cursor (self, x, y, geometry);
  return NULL;
}

void
bourse_chart_layer_changed (BourseChartLayer *self)
{
  g_return_if_fail (BOURSE_IS_CHART_LAYER (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

double
bourse_chart_pane_geometry_price_to_y (const BourseChartPaneGeometry *geometry,
                                       double                         price)
{
  return bourse_price_scale_price_to_y (&geometry->price_scale, price);
}

double
bourse_chart_pane_geometry_y_to_price (const BourseChartPaneGeometry *geometry,
                                       double                         y)
{
  return bourse_price_scale_y_to_price (&geometry->price_scale, y);
}

double
bourse_chart_pane_geometry_index_to_x (const BourseChartPaneGeometry *geometry,
                                       double                         index)
{
  return bourse_time_scale_index_to_x (&geometry->time_scale, index);
}

double
bourse_chart_pane_geometry_x_to_index (const BourseChartPaneGeometry *geometry,
                                       double                         x)
{
  return bourse_time_scale_x_to_index (&geometry->time_scale, x);
}

/* Index of @time in the bars as a fractional logical index. */
static double
time_to_index (const BourseBars *bars,
               gint64            time)
{
  gsize i;

  if (bars == NULL || bars->len == 0)
    return 0;
  if (bars->len == 1)
    return 0;
  if (time <= bars->time[0])
    {
      double step = (double) (bars->time[1] - bars->time[0]);
      return (double) (time - bars->time[0]) / step;
    }
  if (time >= bars->time[bars->len - 1])
    {
      double step = (double) (bars->time[bars->len - 1] - bars->time[bars->len - 2]);
      return (double) (bars->len - 1) + (double) (time - bars->time[bars->len - 1]) / step;
    }
  i = bourse_bars_lower_bound (bars, time);
  if (bars->time[i] == time)
    return (double) i;
  return (double) (i - 1) + (double) (time - bars->time[i - 1]) / (double) (bars->time[i] - bars->time[i - 1]);
}

static gint64
index_to_time (const BourseBars *bars,
               double            index)
{
  double fl;
  gsize i;

  if (bars == NULL || bars->len == 0)
    return 0;
  if (bars->len == 1)
    return bars->time[0];
  if (index <= 0)
    return bars->time[0] + (gint64) llround (index * (double) (bars->time[1] - bars->time[0]));
  if (index >= (double) (bars->len - 1))
    {
      gint64 step = bars->time[bars->len - 1] - bars->time[bars->len - 2];
      return bars->time[bars->len - 1] + (gint64) llround ((index - (double) (bars->len - 1)) * (double) step);
    }
  fl = floor (index);
  i = (gsize) fl;
  return bars->time[i] + (gint64) llround ((index - fl) * (double) (bars->time[i + 1] - bars->time[i]));
}

double
bourse_chart_pane_geometry_time_to_x (const BourseChartPaneGeometry *geometry,
                                      gint64                         time)
{
  return bourse_time_scale_index_to_x (&geometry->time_scale, time_to_index (geometry->bars, time));
}

gint64
bourse_chart_pane_geometry_x_to_time (const BourseChartPaneGeometry *geometry,
                                      double                         x)
{
  return index_to_time (geometry->bars, bourse_time_scale_x_to_index (&geometry->time_scale, x));
}

double
bourse_chart_pane_geometry_align (const BourseChartPaneGeometry *geometry,
                                  double                         v)
{
  double s = geometry->scale_factor > 0 ? geometry->scale_factor : 1.0;

  return (floor (v * s) + 0.5) / s;
}
