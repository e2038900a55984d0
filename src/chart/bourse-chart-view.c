/* bourse-chart-view.c — the GTK widget showing a BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin shell: controllers turn input into viewport and chart changes, and
 * snapshot() hands one cairo node to the renderer. The expensive part of a
 * frame (series, grid, axes) is cached in an image surface and re-rendered
 * only after a change other than a crosshair move; the crosshair and legend
 * are painted on top every frame. Kinetic panning runs on a tick callback
 * that removes itself, so an idle chart has no timers.
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-view.h"
#include "bourse-chart-view-private.h"
#include "bourse-price.h"

/* Kinetic scrolling: velocity halves every ~120 ms and stops below this. */
#define KINETIC_DECAY_MS     170.0
#define KINETIC_MIN_SPEED    0.03   /* px per ms */
#define WHEEL_ZOOM_STEP      1.12
#define AXIS_DRAG_SENSITIVITY 0.006
/* Chart text is the desktop's caption size: 9 pt under GNOME's default
 * 11 pt interface font (TradingView's 12 px), and it grows with it. */
#define CHART_FONT_RATIO     (9.0 / 11.0)

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

G_DEFINE_FINAL_TYPE (BourseChartView, bourse_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PRICE_LINE_MOVED,
  PRICE_LINE_DRAGGED,
  PRICE_LINE_CLOSE_CLICKED,
  ORDER_BUTTON_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_kinetic (BourseChartView *self);

/* ---------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

/* Widget x of the plot's left edge (the price axis may be on the left). */
static double
plot_left (BourseChartView *self)
{
  BourseChartPaneGeometry g;

  if (self->renderer != NULL &&
      bourse_chart_renderer_get_pane_geometry (self->renderer, BOURSE_CHART_MAIN_PANE, &g))
    return g.x;
  return 0;
}

static BourseChartModifiers
modifiers_from_state (GdkModifierType state)
{
  BourseChartModifiers m = 0;

  if (state & GDK_SHIFT_MASK)
    m |= BOURSE_CHART_MODIFIER_SHIFT;
  if (state & GDK_CONTROL_MASK)
    m |= BOURSE_CHART_MODIFIER_CONTROL;
  if (state & GDK_ALT_MASK)
    m |= BOURSE_CHART_MODIFIER_ALT;
  return m;
}

static gboolean
pane_at (BourseChartView         *self,
         double                   x,
         double                   y,
         BourseChartPaneGeometry *geometry)
{
  BourseChartHit hit;

  bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
  if (hit.kind == BOURSE_CHART_HIT_NONE || hit.kind == BOURSE_CHART_HIT_TIME_AXIS ||
      hit.kind == BOURSE_CHART_HIT_SEPARATOR || hit.kind == BOURSE_CHART_HIT_PRICE_AXIS)
    return FALSE;
  return bourse_chart_renderer_get_pane_geometry (self->renderer, hit.pane_id, geometry);
}

/* Offers @event at widget coordinates to the layers of the pane under it,
 * topmost first; returns the layer that consumed it. */
static BourseChartLayer *
route_to_layers (BourseChartView               *self,
                 BourseChartPointerEvent       *event,
                 double                         x,
                 double                         y)
{
  BourseChartPaneGeometry g;
  g_autoptr(GPtrArray) layers = NULL;

  if (self->chart == NULL || !pane_at (self, x, y, &g))
    return NULL;
  layers = bourse_chart_get_layers (self->chart, g.pane_id);
  event->x = x - g.x;
  event->y = y - g.y;
  for (guint i = layers->len; i > 0; i--)
    {
      BourseChartLayer *layer = g_ptr_array_index (layers, i - 1);

      if (bourse_chart_layer_pointer_event (layer, event, &g))
        return layer;
    }
  return NULL;
}

static void
update_cursor (BourseChartView *self,
               double           x,
               double           y)
{
  const char *name = "crosshair";
  BourseChartHit hit;

  bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
  switch (hit.kind)
    {
    case BOURSE_CHART_HIT_SEPARATOR:
    case BOURSE_CHART_HIT_PRICE_AXIS:
      name = "ns-resize";
      break;
    case BOURSE_CHART_HIT_TIME_AXIS:
      name = "ew-resize";
      break;
    case BOURSE_CHART_HIT_PRICE_LINE:
      {
        const BoursePriceLine *line = bourse_chart_get_price_line (self->chart, hit.price_line_id);
        name = line != NULL && (line->flags & BOURSE_PRICE_LINE_DRAGGABLE) ? "ns-resize" : "crosshair";
        break;
      }
    case BOURSE_CHART_HIT_PRICE_LINE_CLOSE:
    case BOURSE_CHART_HIT_ORDER_BUTTON:
      name = "pointer";
      break;
    case BOURSE_CHART_HIT_PANE:
      {
        BourseChartPaneGeometry g;
        g_autoptr(GPtrArray) layers = NULL;

        if (!bourse_chart_renderer_get_pane_geometry (self->renderer, hit.pane_id, &g))
          break;
        layers = bourse_chart_get_layers (self->chart, hit.pane_id);
        for (guint i = layers->len; i > 0; i--)
          {
            const char *c = bourse_chart_layer_get_cursor (g_ptr_array_index (layers, i - 1),
                                                           x - g.x, y - g.y, &g);
            if (c != NULL)
              {
                name = c;
                break;
              }
          }
        break;
      }
    case BOURSE_CHART_HIT_NONE:
    default:
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
update_crosshair (BourseChartView *self,
                  double           x,
                  double           y)
{
  BourseChartHit hit;

  if (self->chart == NULL)
    return;
  bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
  if (hit.kind == BOURSE_CHART_HIT_NONE || hit.kind == BOURSE_CHART_HIT_TIME_AXIS ||
      hit.kind == BOURSE_CHART_HIT_SEPARATOR || hit.kind == BOURSE_CHART_HIT_PRICE_AXIS)
    {
      /* Keep the crosshair (and its "+" button) while over the button. */
      if (hit.kind != BOURSE_CHART_HIT_PRICE_AXIS)
        bourse_chart_clear_crosshair (self->chart);
      return;
    }
  if (hit.kind == BOURSE_CHART_HIT_ORDER_BUTTON)
    return;
  bourse_chart_set_crosshair (self->chart, hit.pane_id, x, y);
}

/* ---------------------------------------------------------------------------
 * Kinetic panning
 * ------------------------------------------------------------------------ */

static gboolean
kinetic_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = (now - self->kinetic_last_us) / 1000.0;

  self->kinetic_last_us = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;
  self->velocity *= exp (-dt / KINETIC_DECAY_MS);
  if (fabs (self->velocity) < KINETIC_MIN_SPEED || self->chart == NULL)
    {
      self->kinetic_id = 0;
      self->velocity = 0;
      return G_SOURCE_REMOVE;
    }
  bourse_chart_viewport_scroll_by_pixels (bourse_chart_get_viewport (self->chart), self->velocity * dt);
  return G_SOURCE_CONTINUE;
}

static void
start_kinetic (BourseChartView *self)
{
  if (fabs (self->velocity) < KINETIC_MIN_SPEED * 3 || self->kinetic_id != 0)
    return;
  self->kinetic_last_us = g_get_monotonic_time ();
  self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb, NULL, NULL);
}

static void
stop_kinetic (BourseChartView *self)
{
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
  self->velocity = 0;
}

/* ---------------------------------------------------------------------------
 * Controllers
 * ------------------------------------------------------------------------ */

static void
drag_begin_cb (BourseChartView *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  BourseChartPointerEvent event = { BOURSE_CHART_POINTER_PRESS };
  BourseChartHit hit;
  BourseChartLayer *layer;

  stop_kinetic (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_mode = DRAG_NONE;
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_last_dx = 0;
  self->drag_last_dy = 0;
  self->last_motion_us = g_get_monotonic_time ();
  if (self->chart == NULL)
    return;

  event.button = 1;
  event.n_press = 1;
  event.pressed = TRUE;
  event.modifiers = modifiers_from_state (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
  layer = route_to_layers (self, &event, x, y);
  if (layer != NULL)
    {
      g_set_object (&self->drag_layer, layer);
      self->drag_mode = DRAG_LAYER;
      return;
    }

  bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
  self->drag_pane = hit.pane_id;
  switch (hit.kind)
    {
    case BOURSE_CHART_HIT_PRICE_LINE:
      {
        const BoursePriceLine *line = bourse_chart_get_price_line (self->chart, hit.price_line_id);

        if (line != NULL && (line->flags & BOURSE_PRICE_LINE_DRAGGABLE))
          {
            g_free (self->drag_line_id);
            self->drag_line_id = g_strdup (line->id);
            self->drag_price = line->price;
            self->drag_mode = DRAG_PRICE_LINE;
          }
        else
          self->drag_mode = DRAG_PAN;
        break;
      }
    case BOURSE_CHART_HIT_PRICE_LINE_CLOSE:
      g_free (self->drag_line_id);
      self->drag_line_id = g_strdup (hit.price_line_id);
      self->drag_mode = DRAG_CLOSE_BOX;
      break;
    case BOURSE_CHART_HIT_ORDER_BUTTON:
      self->drag_price = hit.price;
      self->drag_mode = DRAG_ORDER_BUTTON;
      break;
    case BOURSE_CHART_HIT_PRICE_AXIS:
      {
        BourseChartPaneGeometry g;

        if (bourse_chart_renderer_get_pane_geometry (self->renderer, hit.pane_id, &g))
          {
            self->drag_range_low = g.price_scale.min;
            self->drag_range_high = g.price_scale.max;
            self->drag_mode = DRAG_PRICE_AXIS;
          }
        break;
      }
    case BOURSE_CHART_HIT_SEPARATOR:
      {
        g_autoptr(GArray) ids = bourse_chart_get_pane_ids (self->chart);
        BourseChartPaneGeometry ga, gb;

        for (guint i = 0; i + 1 < ids->len; i++)
          if (g_array_index (ids, guint, i) == hit.pane_id)
            {
              self->drag_pane_b = g_array_index (ids, guint, i + 1);
              if (bourse_chart_renderer_get_pane_geometry (self->renderer, hit.pane_id, &ga) &&
                  bourse_chart_renderer_get_pane_geometry (self->renderer, self->drag_pane_b, &gb))
                {
                  self->drag_stretch_a = bourse_chart_get_pane_stretch (self->chart, hit.pane_id);
                  self->drag_stretch_b = bourse_chart_get_pane_stretch (self->chart, self->drag_pane_b);
                  self->drag_height_a = ga.height;
                  self->drag_height_b = gb.height;
                  self->drag_mode = DRAG_SEPARATOR;
                }
            }
        break;
      }
    case BOURSE_CHART_HIT_TIME_AXIS:
      self->drag_mode = DRAG_TIME_AXIS;
      break;
    case BOURSE_CHART_HIT_PANE:
      self->drag_mode = DRAG_PAN;
      break;
    case BOURSE_CHART_HIT_NONE:
    default:
      break;
    }
}

static void
drag_update_cb (BourseChartView *self,
                double           dx,
                double           dy,
                GtkGestureDrag  *gesture)
{
  BourseChartViewport *viewport;
  double step_x = dx - self->drag_last_dx;
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;
  gint64 now = g_get_monotonic_time ();

  if (self->chart == NULL)
    return;
  viewport = bourse_chart_get_viewport (self->chart);

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      {
        double ms = MAX ((now - self->last_motion_us) / 1000.0, 1.0);

        bourse_chart_viewport_scroll_by_pixels (viewport, step_x);
        /* Smoothed velocity for the kinetic phase. */
        self->velocity = 0.6 * (step_x / ms) + 0.4 * self->velocity;
        self->last_motion_us = now;
        update_crosshair (self, x, y);
        break;
      }
    case DRAG_TIME_AXIS:
      bourse_chart_viewport_zoom_at (viewport, bourse_chart_viewport_get_width (viewport),
                                     exp (step_x * AXIS_DRAG_SENSITIVITY));
      break;
    case DRAG_PRICE_AXIS:
      {
        /* Dragging down spreads the range (zoom out), up narrows it. */
        BourseChartPaneGeometry g;
        double f = exp (dy * AXIS_DRAG_SENSITIVITY);
        double mid = (self->drag_range_low + self->drag_range_high) / 2;
        double half = (self->drag_range_high - self->drag_range_low) / 2 * f;

        if (!bourse_chart_renderer_get_pane_geometry (self->renderer, self->drag_pane, &g))
          break;
        g.price_scale.min = mid - half;
        g.price_scale.max = mid + half;
        bourse_chart_set_pane_price_range (self->chart, self->drag_pane,
                                           bourse_price_scale_untransform (&g.price_scale, g.price_scale.min),
                                           bourse_price_scale_untransform (&g.price_scale, g.price_scale.max));
        break;
      }
    case DRAG_SEPARATOR:
      {
        double total_h = self->drag_height_a + self->drag_height_b;
        double ha = CLAMP (self->drag_height_a + dy, 30, total_h - 30);
        double total_s = self->drag_stretch_a + self->drag_stretch_b;

        bourse_chart_set_pane_stretch (self->chart, self->drag_pane, total_s * ha / total_h);
        bourse_chart_set_pane_stretch (self->chart, self->drag_pane_b, total_s * (total_h - ha) / total_h);
        break;
      }
    case DRAG_PRICE_LINE:
      {
        BourseChartPaneGeometry g;
        const BoursePriceLine *line = bourse_chart_get_price_line (self->chart, self->drag_line_id);
        double price;

        if (line == NULL || !bourse_chart_renderer_get_pane_geometry (self->renderer, BOURSE_CHART_MAIN_PANE, &g))
          break;
        price = bourse_round_to_tick (bourse_chart_pane_geometry_y_to_price (&g, y - g.y),
                                      bourse_chart_get_tick_size (self->chart));
        if (price != line->price && isfinite (price))
          {
            g_autofree char *id = g_strdup (line->id);

            bourse_chart_set_price_line (self->chart, id, price, &line->color, line->label, line->flags);
            /* The line's owner re-labels it with the price under the pointer. */
            g_signal_emit (self, signals[PRICE_LINE_DRAGGED], 0, id, price);
          }
        break;
      }
    case DRAG_LAYER:
      {
        BourseChartPointerEvent event = { BOURSE_CHART_POINTER_MOTION };
        BourseChartPaneGeometry g;

        event.button = 1;
        event.pressed = TRUE;
        event.modifiers = modifiers_from_state (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
        if (self->drag_layer != NULL && pane_at (self, self->drag_start_x, self->drag_start_y, &g))
          {
            event.x = x - g.x;
            event.y = y - g.y;
            bourse_chart_layer_pointer_event (self->drag_layer, &event, &g);
          }
        break;
      }
    case DRAG_CLOSE_BOX:
    case DRAG_ORDER_BUTTON:
    case DRAG_NONE:
    default:
      break;
    }
  self->drag_last_dx = dx;
  self->drag_last_dy = dy;
}

static void
drag_end_cb (BourseChartView *self,
             double           dx,
             double           dy,
             GtkGestureDrag  *gesture)
{
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;
  DragMode mode = self->drag_mode;
  BourseChartHit hit;

  self->drag_mode = DRAG_NONE;
  if (self->chart == NULL)
    return;

  switch (mode)
    {
    case DRAG_PAN:
      if (g_get_monotonic_time () - self->last_motion_us < 80 * 1000)
        start_kinetic (self);
      else
        self->velocity = 0;
      break;
    case DRAG_PRICE_LINE:
      {
        const BoursePriceLine *line = bourse_chart_get_price_line (self->chart, self->drag_line_id);

        if (line != NULL && line->price != self->drag_price)
          g_signal_emit (self, signals[PRICE_LINE_MOVED], 0, line->id, line->price);
        break;
      }
    case DRAG_CLOSE_BOX:
      bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
      if (hit.kind == BOURSE_CHART_HIT_PRICE_LINE_CLOSE && g_strcmp0 (hit.price_line_id, self->drag_line_id) == 0)
        g_signal_emit (self, signals[PRICE_LINE_CLOSE_CLICKED], 0, self->drag_line_id);
      break;
    case DRAG_ORDER_BUTTON:
      if (fabs (dx) < 4 && fabs (dy) < 4)
        g_signal_emit (self, signals[ORDER_BUTTON_CLICKED], 0, self->drag_price);
      break;
    case DRAG_LAYER:
      {
        BourseChartPointerEvent event = { BOURSE_CHART_POINTER_RELEASE };
        BourseChartPaneGeometry g;

        event.button = 1;
        event.modifiers = modifiers_from_state (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
        if (self->drag_layer != NULL && pane_at (self, self->drag_start_x, self->drag_start_y, &g))
          {
            event.x = x - g.x;
            event.y = y - g.y;
            bourse_chart_layer_pointer_event (self->drag_layer, &event, &g);
          }
        g_clear_object (&self->drag_layer);
        break;
      }
    case DRAG_TIME_AXIS:
    case DRAG_PRICE_AXIS:
    case DRAG_SEPARATOR:
    case DRAG_NONE:
    default:
      break;
    }
}

static void
click_pressed_cb (BourseChartView *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  BourseChartHit hit;

  if (self->chart == NULL || n_press != 2)
    return;
  bourse_chart_renderer_hit_test (self->renderer, x, y, &hit);
  if (hit.kind == BOURSE_CHART_HIT_PRICE_AXIS)
    bourse_chart_reset_pane_scale (self->chart, hit.pane_id);
  else if (hit.kind == BOURSE_CHART_HIT_TIME_AXIS)
    bourse_chart_viewport_scroll_to_realtime (bourse_chart_get_viewport (self->chart));
}

static void
motion_cb (BourseChartView          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->chart == NULL)
    return;
  if (self->drag_mode == DRAG_NONE)
    {
      BourseChartPointerEvent event = { BOURSE_CHART_POINTER_MOTION };

      event.modifiers = modifiers_from_state (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)));
      route_to_layers (self, &event, x, y);
      update_cursor (self, x, y);
    }
  if (self->drag_mode == DRAG_NONE || self->drag_mode == DRAG_LAYER || self->drag_mode == DRAG_PRICE_LINE)
    update_crosshair (self, x, y);
}

static void
leave_cb (BourseChartView          *self,
          GtkEventControllerMotion *controller)
{
  BourseChartPointerEvent event = { BOURSE_CHART_POINTER_LEAVE };
  g_autoptr(GArray) ids = NULL;

  self->pointer_inside = FALSE;
  if (self->chart == NULL)
    return;
  bourse_chart_clear_crosshair (self->chart);
  ids = bourse_chart_get_pane_ids (self->chart);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) layers = bourse_chart_get_layers (self->chart, g_array_index (ids, guint, i));
      BourseChartPaneGeometry g;

      if (!bourse_chart_renderer_get_pane_geometry (self->renderer, g_array_index (ids, guint, i), &g))
        continue;
      for (guint k = 0; k < layers->len; k++)
        bourse_chart_layer_pointer_event (g_ptr_array_index (layers, k), &event, &g);
    }
}

void
_bourse_chart_view_set_pointer (BourseChartView *self,
                                double           x,
                                double           y)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEW (self));

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
}

void
_bourse_chart_view_scroll (BourseChartView *self,
                           double           dx,
                           double           dy,
                           GdkScrollUnit    unit,
                           GdkModifierType  state)
{
  BourseChartViewport *viewport;
  double step;

  g_return_if_fail (BOURSE_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    return;
  stop_kinetic (self);
  viewport = bourse_chart_get_viewport (self->chart);
  /* Wheel clicks are whole steps; touchpads report pixels (30 px = one click),
   * so a long smooth swipe zooms as much as the same distance in clicks. */
  step = unit == GDK_SCROLL_UNIT_WHEEL ? 1.0 : 1.0 / 30.0;

  if (state & GDK_SHIFT_MASK)
    {
      bourse_chart_viewport_scroll_by_pixels (viewport, -dy * step * 60.0);
      return;
    }
  if (dx != 0)
    bourse_chart_viewport_scroll_by_pixels (viewport, -dx * step * 60.0);
  if (dy != 0)
    {
      double anchor = CLAMP (self->pointer_x - plot_left (self), 0, bourse_chart_viewport_get_width (viewport));

      if (!self->pointer_inside)
        anchor = bourse_chart_viewport_get_width (viewport);
      bourse_chart_viewport_zoom_at (viewport, anchor, pow (WHEEL_ZOOM_STEP, -dy * step));
    }
}

void
_bourse_chart_view_pinch_begin (BourseChartView *self)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEW (self));

  stop_kinetic (self);
  self->zoom_last_scale = 1.0;
}

void
_bourse_chart_view_pinch (BourseChartView *self,
                          double           scale,
                          double           center_x)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEW (self));

  if (self->chart == NULL || !(scale > 0) || !(self->zoom_last_scale > 0))
    return;
  /* The gesture reports the scale since it began: apply the change since the
   * last update, around the fingers' centre. */
  bourse_chart_viewport_zoom_at (bourse_chart_get_viewport (self->chart), center_x - plot_left (self),
                                 scale / self->zoom_last_scale);
  self->zoom_last_scale = scale;
}

static gboolean
scroll_cb (BourseChartView          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (self->chart == NULL)
    return FALSE;
  _bourse_chart_view_scroll (self, dx, dy, gtk_event_controller_scroll_get_unit (controller),
                             gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)));
  return TRUE;
}

static void
zoom_begin_cb (BourseChartView  *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  _bourse_chart_view_pinch_begin (self);
}

static void
zoom_scale_changed_cb (BourseChartView *self,
                       double           scale,
                       GtkGestureZoom  *gesture)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  _bourse_chart_view_pinch (self, scale, cx);
}

/* ---------------------------------------------------------------------------
 * Actions and key bindings
 * ------------------------------------------------------------------------ */

static void
bourse_chart_view_zoom_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  BourseChartViewport *viewport;
  double factor = g_str_equal (action_name, "chart.zoom-in") ? 1.25 : 0.8;

  if (self->chart == NULL)
    return;
  viewport = bourse_chart_get_viewport (self->chart);
  bourse_chart_viewport_zoom_at (viewport, bourse_chart_viewport_get_width (viewport), factor);
}

static void
bourse_chart_view_fit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);

  /* a view asked for is not carried on by a pan still gliding */
  stop_kinetic (self);
  if (self->chart != NULL)
    bourse_chart_viewport_fit_content (bourse_chart_get_viewport (self->chart));
}

/* The opening view: default zoom on the last bars, every price scale automatic. */
static void
bourse_chart_view_reset_view_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  g_autoptr(GArray) panes = NULL;

  stop_kinetic (self);
  if (self->chart == NULL)
    return;
  bourse_chart_viewport_reset (bourse_chart_get_viewport (self->chart));
  panes = bourse_chart_get_pane_ids (self->chart);
  for (guint i = 0; i < panes->len; i++)
    bourse_chart_reset_pane_scale (self->chart, g_array_index (panes, guint, i));
}

static void
bourse_chart_view_scroll_to_realtime_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);

  /* a view asked for is not carried on by a pan still gliding */
  stop_kinetic (self);
  if (self->chart != NULL)
    bourse_chart_viewport_scroll_to_realtime (bourse_chart_get_viewport (self->chart));
}

static void
bourse_chart_view_set_type_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  BourseChartType type;

  if (self->chart == NULL)
    return;
  if (!bourse_chart_type_from_string (g_variant_get_string (param, NULL), &type))
    {
      g_warning ("Unknown chart type “%s”", g_variant_get_string (param, NULL));
      return;
    }
  bourse_chart_set_chart_type (self->chart, type);
}

static void
bourse_chart_view_scroll_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  BourseChartViewport *viewport;
  int direction = g_variant_get_int32 (param);

  if (self->chart == NULL)
    return;
  viewport = bourse_chart_get_viewport (self->chart);
  /* One tenth of the visible width per key press, at least a bar. */
  bourse_chart_viewport_scroll_by_bars (viewport,
                                        direction * MAX (1.0, bourse_chart_viewport_get_width (viewport) /
                                                              bourse_chart_viewport_get_bar_spacing (viewport) / 10.0));
}

static void
bourse_chart_view_scroll_to_start_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  BourseChartViewport *viewport;

  if (self->chart == NULL)
    return;
  viewport = bourse_chart_get_viewport (self->chart);
  bourse_chart_viewport_set_right_index (viewport, -0.5 + bourse_chart_viewport_get_width (viewport) /
                                                          bourse_chart_viewport_get_bar_spacing (viewport));
}

/* ---------------------------------------------------------------------------
 * Chart binding and drawing
 * ------------------------------------------------------------------------ */

static void
chart_changed_cb (BourseChartView *self,
                  guint            change,
                  BourseChart     *chart)
{
  if (change & ~BOURSE_CHART_CHANGE_CROSSHAIR)
    self->base_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The renderer draws its text in the widget's font (the desktop's
 * interface font, from gtk-font-name and CSS) at caption size, with the
 * widget's font options and resolution (text scaling), so the chart
 * follows font settings as the rest of the window does. */
static void
sync_font (BourseChartView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) desc = NULL;
  int size;

  if (self->renderer == NULL || pango_context_get_serial (context) == self->font_serial)
    return;
  self->font_serial = pango_context_get_serial (context);
  desc = pango_font_description_copy (pango_context_get_font_description (context));
  size = pango_font_description_get_size (desc);
  if (size > 0 && pango_font_description_get_size_is_absolute (desc))
    pango_font_description_set_absolute_size (desc, size * CHART_FONT_RATIO);
  else if (size > 0)
    pango_font_description_set_size (desc, (int) lround (size * CHART_FONT_RATIO));
  bourse_chart_renderer_set_font (self->renderer, desc, pango_cairo_context_get_font_options (context),
                                  pango_cairo_context_get_resolution (context));
  self->base_dirty = TRUE;
}

static void
bourse_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  sync_font (self);
  if (self->base == NULL || self->base_dirty || width != self->base_width ||
      height != self->base_height || scale != self->base_scale)
    {
      cairo_t *bcr;

      if (self->base == NULL || width != self->base_width || height != self->base_height || scale != self->base_scale)
        {
          g_clear_pointer (&self->base, cairo_surface_destroy);
          self->base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
          cairo_surface_set_device_scale (self->base, scale, scale);
          self->base_width = width;
          self->base_height = height;
          self->base_scale = scale;
        }
      bcr = cairo_create (self->base);
      bourse_chart_renderer_render_parts (self->renderer, bcr, width, height, scale, BOURSE_CHART_RENDER_BASE);
      cairo_destroy (bcr);
      cairo_surface_flush (self->base);
      self->base_dirty = FALSE;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->base, 0, 0);
  cairo_paint (cr);
  bourse_chart_renderer_render_parts (self->renderer, cr, width, height, scale, BOURSE_CHART_RENDER_OVERLAY);
  cairo_destroy (cr);
}

static void
bourse_chart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  BourseChartView *self = BOURSE_CHART_VIEW (widget);

  /* Lay out now so hit tests and the viewport width are right before the first frame. */
  sync_font (self);
  if (self->renderer != NULL && width > 0 && height > 0)
    bourse_chart_renderer_layout (self->renderer, width, height, gtk_widget_get_scale_factor (widget));
  self->base_dirty = TRUE;
}

static void
bourse_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 500;
}

static void
bourse_chart_view_dispose (GObject *object)
{
  BourseChartView *self = BOURSE_CHART_VIEW (object);

  stop_kinetic (self);
  bourse_chart_view_set_chart (self, NULL);
  g_clear_object (&self->drag_layer);

  G_OBJECT_CLASS (bourse_chart_view_parent_class)->dispose (object);
}

static void
bourse_chart_view_finalize (GObject *object)
{
  BourseChartView *self = BOURSE_CHART_VIEW (object);

  g_clear_pointer (&self->base, cairo_surface_destroy);
  g_clear_pointer (&self->drag_line_id, g_free);

  G_OBJECT_CLASS (bourse_chart_view_parent_class)->finalize (object);
}

static void
bourse_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BourseChartView *self = BOURSE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BourseChartView *self = BOURSE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      bourse_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_view_class_init (BourseChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_chart_view_dispose;
  object_class->finalize = bourse_chart_view_finalize;
  object_class->get_property = bourse_chart_view_get_property;
  object_class->set_property = bourse_chart_view_set_property;

  widget_class->snapshot = bourse_chart_view_snapshot;
  widget_class->size_allocate = bourse_chart_view_size_allocate;
  widget_class->measure = bourse_chart_view_measure;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, BOURSE_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseChartView::price-line-moved:
   * @id: the price line's id
   * @price: the new price, snapped to the chart's tick size
   *
   * The user dropped a draggable price line at a new price. The line stays
   * there; set it back with bourse_chart_set_price_line() if the change is refused.
   */
  signals[PRICE_LINE_MOVED] =
    g_signal_new ("price-line-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);

  /**
   * BourseChartView::price-line-dragged:
   * @id: the price line's id
   * @price: the price under the pointer, snapped to the chart's tick size
   *
   * A draggable price line follows the pointer; emitted at each new price
   * during the drag so the line's owner can show that price in its label.
   */
  signals[PRICE_LINE_DRAGGED] =
    g_signal_new ("price-line-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);

  /**
   * BourseChartView::price-line-close-clicked:
   * @id: the price line's id
   */
  signals[PRICE_LINE_CLOSE_CLICKED] =
    g_signal_new ("price-line-close-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BourseChartView::order-button-clicked:
   * @price: the price at the crosshair (not snapped)
   */
  signals[ORDER_BUTTON_CLICKED] =
    g_signal_new ("order-button-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, bourse_chart_view_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, bourse_chart_view_zoom_action);
  gtk_widget_class_install_action (widget_class, "chart.fit", NULL, bourse_chart_view_fit_action);
  gtk_widget_class_install_action (widget_class, "chart.reset-view", NULL, bourse_chart_view_reset_view_action);
  gtk_widget_class_install_action (widget_class, "chart.scroll-to-realtime", NULL,
                                   bourse_chart_view_scroll_to_realtime_action);
  gtk_widget_class_install_action (widget_class, "chart.set-type", "s", bourse_chart_view_set_type_action);
  gtk_widget_class_install_action (widget_class, "chart.scroll", "i", bourse_chart_view_scroll_action);
  gtk_widget_class_install_action (widget_class, "chart.scroll-to-start", NULL,
                                   bourse_chart_view_scroll_to_start_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.scroll", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.scroll", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.scroll-to-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.scroll-to-realtime", NULL);

  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
bourse_chart_view_init (BourseChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->zoom_last_scale = 1.0;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
bourse_chart_view_new (BourseChart *chart)
{
  return g_object_new (BOURSE_TYPE_CHART_VIEW, "chart", chart, NULL);
}

BourseChart *
bourse_chart_view_get_chart (BourseChartView *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
bourse_chart_view_set_chart (BourseChartView *self,
                             BourseChart     *chart)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || BOURSE_IS_CHART (chart));

  if (chart == self->chart)
    return;

  if (self->chart != NULL)
    g_clear_signal_handler (&self->chart_changed_id, self->chart);
  g_clear_object (&self->renderer);
  g_clear_object (&self->drag_layer);
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    {
      self->renderer = bourse_chart_renderer_new (chart);
      self->font_serial = 0;
      self->chart_changed_id = g_signal_connect_object (chart, "changed", G_CALLBACK (chart_changed_cb),
                                                        self, G_CONNECT_SWAPPED);
    }
  self->base_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

BourseChartRenderer *
bourse_chart_view_get_renderer (BourseChartView *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEW (self), NULL);
  return self->renderer;
}

/**
 * bourse_chart_view_get_dragged_line:
 *
 * Returns: (nullable): the id of the price line the user is dragging
 */
const char *
bourse_chart_view_get_dragged_line (BourseChartView *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEW (self), NULL);
  return self->drag_mode == DRAG_PRICE_LINE ? self->drag_line_id : NULL;
}
