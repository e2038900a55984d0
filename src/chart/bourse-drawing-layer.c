/* bourse-drawing-layer.c — draws and edits BourseDrawings on a chart pane
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-drawing-layer.h"
#include "bourse-drawing-painters.h"

#define HIT_TOLERANCE   6.0
#define HANDLE_GRAB     8.0
#define DEFAULT_SPAN_PX 40.0

struct _BourseDrawingLayer
{
  GObject parent_instance;

  /* owned */
  GListStore         *drawings;
  BourseDrawing      *selected;
  BourseDrawing      *dragging;

  BourseDrawingPoint  drag_origin[3];
  gint64              drag_start_time;
  double              drag_start_price;
  int                 drag_handle;     /* -1: the whole drawing */
  guint               tool;
  guint               magnet : 1;
  guint               creating : 1;
  guint               keep_tool : 1;
  guint               all_locked : 1;
  guint               all_hidden : 1;
};

enum {
  PROP_0,
  PROP_DRAWINGS,
  PROP_TOOL,
  PROP_MAGNET,
  PROP_SELECTED,
  PROP_KEEP_TOOL,
  PROP_ALL_LOCKED,
  PROP_ALL_HIDDEN,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void bourse_drawing_layer_iface_init (BourseChartLayerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BourseDrawingLayer, bourse_drawing_layer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOURSE_TYPE_CHART_LAYER,
                                                      bourse_drawing_layer_iface_init))

/* ---- helpers ---- */

static double
proj_time_to_x (gint64 t, gpointer data)
{
  return bourse_chart_pane_geometry_time_to_x (data, t);
}

static double
proj_price_to_y (double p, gpointer data)
{
  return bourse_chart_pane_geometry_price_to_y (data, p);
}

static BourseDrawingProjection
projection_for (const BourseChartPaneGeometry *geometry)
{
  BourseDrawingProjection proj = {
    proj_time_to_x, proj_price_to_y, (gpointer) geometry, geometry->width, geometry->height,
  };
  return proj;
}

/* The data point under the pointer, snapped to the nearest O/H/L/C with the magnet. */
static BourseDrawingPoint
point_at (BourseDrawingLayer            *self,
          const BourseChartPaneGeometry *geometry,
          double                         x,
          double                         y)
{
  BourseDrawingPoint pt = {
    bourse_chart_pane_geometry_x_to_time (geometry, x),
    bourse_chart_pane_geometry_y_to_price (geometry, y),
  };
  const BourseBars *bars = geometry->bars;

  if (self->magnet && bars != NULL && bars->len > 0)
    {
      double index = round (bourse_chart_pane_geometry_x_to_index (geometry, x));
      gsize i = (gsize) CLAMP (index, 0, (double) bars->len - 1);
      const double candidates[] = { bars->open[i], bars->high[i], bars->low[i], bars->close[i] };
      double best = INFINITY;

      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        {
          double d = fabs (bourse_chart_pane_geometry_price_to_y (geometry, candidates[k]) - y);
          if (d < best)
            {
              best = d;
              pt.price = candidates[k];
            }
        }
      pt.time = bars->time[i];
    }
  return pt;
}

static gboolean
is_visible (BourseDrawingLayer *self,
            BourseDrawing      *d)
{
  return !self->all_hidden && !bourse_drawing_get_hidden (d);
}

static gboolean
is_movable (BourseDrawingLayer *self,
            BourseDrawing      *d)
{
  return !self->all_locked && !bourse_drawing_get_locked (d);
}

static void
set_dragging (BourseDrawingLayer *self,
              BourseDrawing      *d)
{
  gboolean was = self->dragging != NULL;

  g_set_object (&self->dragging, d);
  if (was != (d != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static void
draw_drawing (BourseDrawingLayer            *self,
              cairo_t                       *cr,
              BourseDrawing                 *d,
              const BourseChartPaneGeometry *g)
{
  double x[3] = { 0 }, y[3] = { 0 };
  guint n = MIN (bourse_drawing_get_n_points (d), G_N_ELEMENTS (x));

  for (guint i = 0; i < n; i++)
    {
      BourseDrawingPoint p = bourse_drawing_get_point (d, i);
      x[i] = bourse_chart_pane_geometry_time_to_x (g, p.time);
      y[i] = bourse_chart_pane_geometry_price_to_y (g, p.price);
    }
  bourse_drawing_paint (cr, d, g, x, y);
  if (d == self->selected)
    bourse_drawing_paint_handles (cr, d, x, y, n);
}

static void
drawing_changed_cb (BourseDrawingLayer *self)
{
  bourse_chart_layer_changed (BOURSE_CHART_LAYER (self));
}

static void
drawings_items_changed_cb (BourseDrawingLayer *self,
                           guint               position,
                           guint               removed,
                           guint               added,
                           GListModel         *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_data (d, self);
      g_signal_connect_object (d, "changed", G_CALLBACK (drawing_changed_cb), self, G_CONNECT_SWAPPED);
    }
  if (self->selected != NULL && !g_list_store_find (self->drawings, self->selected, NULL))
    bourse_drawing_layer_set_selected (self, NULL);
  bourse_chart_layer_changed (BOURSE_CHART_LAYER (self));
}

/* ---- BourseChartLayer ---- */

static void
bourse_drawing_layer_draw (BourseChartLayer              *layer,
                           cairo_t                       *cr,
                           const BourseChartPaneGeometry *geometry)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (layer);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->drawings));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (self->drawings), i);

      if (is_visible (self, d))
        draw_drawing (self, cr, d, geometry);
    }
}

static void
start_creation (BourseDrawingLayer            *self,
                const BourseChartPaneGeometry *g,
                double                         x,
                double                         y)
{
  BourseDrawingPoint pt = point_at (self, g, x, y);
  BourseDrawingPoint pts[3] = { pt, pt, pt };
  double span = bourse_chart_pane_geometry_y_to_price (g, y - DEFAULT_SPAN_PX) - pt.price;
  g_autoptr(BourseDrawing) d = NULL;

  switch (self->tool)
    {
    case BOURSE_DRAWING_PARALLEL_CHANNEL:
      pts[2].price = pt.price - span;
      break;
    case BOURSE_DRAWING_LONG_POSITION:
      pts[1].price = pt.price + span;
      pts[2].price = pt.price - span;
      break;
    case BOURSE_DRAWING_SHORT_POSITION:
      pts[1].price = pt.price - span;
      pts[2].price = pt.price + span;
      break;
    default:
      break;
    }
  d = bourse_drawing_new (self->tool, pts);
  if (self->tool == BOURSE_DRAWING_TEXT_NOTE)
    bourse_drawing_set_text (d, "Note");
  g_list_store_append (self->drawings, d);
  bourse_drawing_layer_set_selected (self, d);

  /* Two-anchor drawings follow the drag with anchor 1; one-anchor ones are done. */
  if (bourse_drawing_get_n_points (d) >= 2)
    {
      self->creating = TRUE;
      self->drag_handle = 1;
      set_dragging (self, d);
    }
  /* "Keep drawing" stays in the tool for the next one. */
  if (!self->keep_tool)
    {
      self->tool = BOURSE_DRAWING_LAYER_NO_TOOL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
    }
}

static void
drag_to (BourseDrawingLayer            *self,
         const BourseChartPaneGeometry *g,
         double                         x,
         double                         y)
{
  BourseDrawing *d = self->dragging;
  BourseDrawingPoint pt = point_at (self, g, x, y);
  BourseDrawingKind kind = bourse_drawing_get_kind (d);

  if (self->drag_handle >= 0)
    {
      BourseDrawingPoint entry = bourse_drawing_get_point (d, 0);

      bourse_drawing_set_point (d, (guint) self->drag_handle, pt);
      /* While a position is being created, the stop mirrors the target (1:1). */
      if (self->creating && self->drag_handle == 1 &&
          (kind == BOURSE_DRAWING_LONG_POSITION || kind == BOURSE_DRAWING_SHORT_POSITION))
        {
          BourseDrawingPoint stop = { entry.time, 2 * entry.price - pt.price };
          bourse_drawing_set_point (d, 2, stop);
        }
      if (self->creating && self->drag_handle == 1 && kind == BOURSE_DRAWING_PARALLEL_CHANNEL)
        {
          BourseDrawingPoint p2 = bourse_drawing_get_point (d, 2);
          BourseDrawingPoint mid = { entry.time + (pt.time - entry.time) / 2, p2.price };
          double base_mid = entry.price + (pt.price - entry.price) / 2;
          double offset = self->drag_origin[2].price - self->drag_origin[0].price;

          mid.price = base_mid + offset;
          bourse_drawing_set_point (d, 2, mid);
        }
    }
  else
    {
      /* Move the whole drawing by the pointer's travel since the press. */
      gint64 dt = pt.time - self->drag_start_time;
      double dp = pt.price - self->drag_start_price;
      BourseDrawingPoint now = bourse_drawing_get_point (d, 0);

      bourse_drawing_translate (d, self->drag_origin[0].time + dt - now.time,
                                self->drag_origin[0].price + dp - now.price);
    }
}

static gboolean
bourse_drawing_layer_pointer_event (BourseChartLayer              *layer,
                                    const BourseChartPointerEvent *event,
                                    const BourseChartPaneGeometry *geometry)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (layer);

  switch (event->type)
    {
    case BOURSE_CHART_POINTER_PRESS:
      if (event->button != 1)
        return FALSE;
      if (self->tool != BOURSE_DRAWING_LAYER_NO_TOOL)
        {
          start_creation (self, geometry, event->x, event->y);
          if (self->dragging != NULL)
            for (guint i = 0; i < bourse_drawing_get_n_points (self->dragging); i++)
              self->drag_origin[i] = bourse_drawing_get_point (self->dragging, i);
          return TRUE;
        }
      {
        BourseDrawingProjection proj = projection_for (geometry);
        int handle = self->selected && is_visible (self, self->selected)
          ? bourse_drawing_hit_handle (self->selected, &proj, event->x, event->y, HANDLE_GRAB) : -1;
        BourseDrawing *hit = handle >= 0 ? self->selected
                                         : bourse_drawing_layer_pick (self, geometry, event->x, event->y, HIT_TOLERANCE);
        BourseDrawingPoint start;

        if (hit == NULL)
          {
            bourse_drawing_layer_set_selected (self, NULL);
            return FALSE;
          }
        bourse_drawing_layer_set_selected (self, hit);
        if (!is_movable (self, hit))
          return TRUE;
        self->drag_handle = handle;
        self->creating = FALSE;
        set_dragging (self, hit);
        start = point_at (self, geometry, event->x, event->y);
        if (handle < 0)
          {
            /* Moving keeps the pointer's offset: no magnet jump at the press. */
            self->drag_start_time = bourse_chart_pane_geometry_x_to_time (geometry, event->x);
            self->drag_start_price = bourse_chart_pane_geometry_y_to_price (geometry, event->y);
          }
        else
          {
            self->drag_start_time = start.time;
            self->drag_start_price = start.price;
          }
        for (guint i = 0; i < bourse_drawing_get_n_points (hit); i++)
          self->drag_origin[i] = bourse_drawing_get_point (hit, i);
        return TRUE;
      }

    case BOURSE_CHART_POINTER_MOTION:
      if (self->dragging == NULL || !event->pressed)
        return FALSE;
      if (self->drag_handle < 0)
        {
          /* The whole-drawing move ignores the magnet (it snaps anchors, not offsets). */
          gboolean magnet = self->magnet;
          self->magnet = FALSE;
          drag_to (self, geometry, event->x, event->y);
          self->magnet = magnet;
        }
      else
        drag_to (self, geometry, event->x, event->y);
      return TRUE;

    case BOURSE_CHART_POINTER_RELEASE:
    case BOURSE_CHART_POINTER_LEAVE:
      if (self->dragging == NULL)
        return FALSE;
      self->creating = FALSE;
      set_dragging (self, NULL);
      return TRUE;

    default:
      return FALSE;
    }
}

static const char *
bourse_drawing_layer_get_cursor (BourseChartLayer              *layer,
                                 double                         x,
                                 double                         y,
                                 const BourseChartPaneGeometry *geometry)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (layer);
  BourseDrawingProjection proj = projection_for (geometry);

  if (self->tool != BOURSE_DRAWING_LAYER_NO_TOOL)
    return "crosshair";
  if (self->selected != NULL && is_visible (self, self->selected) &&
      bourse_drawing_hit_handle (self->selected, &proj, x, y, HANDLE_GRAB) >= 0)
    return "pointer";
  if (bourse_drawing_layer_pick (self, geometry, x, y, HIT_TOLERANCE) != NULL)
    return "move";
  return NULL;
}

static void
bourse_drawing_layer_iface_init (BourseChartLayerInterface *iface)
{
  iface->draw = bourse_drawing_layer_draw;
  iface->pointer_event = bourse_drawing_layer_pointer_event;
  iface->get_cursor = bourse_drawing_layer_get_cursor;
}

/* ---- GObject ---- */

static void
bourse_drawing_layer_dispose (GObject *object)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (object);

  if (self->drawings != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->drawings)); i++)
        {
          g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (self->drawings), i);
          g_signal_handlers_disconnect_by_data (d, self);
        }
      g_signal_handlers_disconnect_by_data (self->drawings, self);
    }
  g_clear_object (&self->drawings);
  g_clear_object (&self->selected);
  g_clear_object (&self->dragging);

  G_OBJECT_CLASS (bourse_drawing_layer_parent_class)->dispose (object);
}

static void
bourse_drawing_layer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (object);

  switch (prop_id)
    {
    case PROP_DRAWINGS: g_value_set_object (value, self->drawings); break;
    case PROP_TOOL: g_value_set_uint (value, self->tool); break;
    case PROP_MAGNET: g_value_set_boolean (value, self->magnet); break;
    case PROP_SELECTED: g_value_set_object (value, self->selected); break;
    case PROP_KEEP_TOOL: g_value_set_boolean (value, self->keep_tool); break;
    case PROP_ALL_LOCKED: g_value_set_boolean (value, self->all_locked); break;
    case PROP_ALL_HIDDEN: g_value_set_boolean (value, self->all_hidden); break;
    case PROP_EDITING: g_value_set_boolean (value, self->dragging != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_layer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (object);

  switch (prop_id)
    {
    case PROP_DRAWINGS:
      self->drawings = g_value_get_object (value) ? g_value_dup_object (value)
                                                  : g_list_store_new (BOURSE_TYPE_DRAWING);
      break;
    case PROP_TOOL: bourse_drawing_layer_set_tool (self, g_value_get_uint (value)); break;
    case PROP_MAGNET: bourse_drawing_layer_set_magnet (self, g_value_get_boolean (value)); break;
    case PROP_SELECTED: bourse_drawing_layer_set_selected (self, g_value_get_object (value)); break;
    case PROP_KEEP_TOOL: bourse_drawing_layer_set_keep_tool (self, g_value_get_boolean (value)); break;
    case PROP_ALL_LOCKED: bourse_drawing_layer_set_all_locked (self, g_value_get_boolean (value)); break;
    case PROP_ALL_HIDDEN: bourse_drawing_layer_set_all_hidden (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_layer_constructed (GObject *object)
{
  BourseDrawingLayer *self = BOURSE_DRAWING_LAYER (object);
  guint n;

  G_OBJECT_CLASS (bourse_drawing_layer_parent_class)->constructed (object);

  if (self->drawings == NULL)
    self->drawings = g_list_store_new (BOURSE_TYPE_DRAWING);
  g_signal_connect_object (self->drawings, "items-changed", G_CALLBACK (drawings_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->drawings));
  if (n > 0)
    drawings_items_changed_cb (self, 0, 0, n, G_LIST_MODEL (self->drawings));
}

static void
bourse_drawing_layer_class_init (BourseDrawingLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_drawing_layer_dispose;
  object_class->constructed = bourse_drawing_layer_constructed;
  object_class->get_property = bourse_drawing_layer_get_property;
  object_class->set_property = bourse_drawing_layer_set_property;

  /* The GListStore of BourseDrawing shown and edited. */
  properties[PROP_DRAWINGS] =
    g_param_spec_object ("drawings", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A BourseDrawingKind, or BOURSE_DRAWING_LAYER_NO_TOOL. */
  properties[PROP_TOOL] =
    g_param_spec_uint ("tool", NULL, NULL, 0, BOURSE_DRAWING_LAYER_NO_TOOL, BOURSE_DRAWING_LAYER_NO_TOOL, rw);
  properties[PROP_MAGNET] = g_param_spec_boolean ("magnet", NULL, NULL, FALSE, rw);
  properties[PROP_SELECTED] = g_param_spec_object ("selected", NULL, NULL, BOURSE_TYPE_DRAWING, rw);
  /* Stay in the tool after a drawing is placed. */
  properties[PROP_KEEP_TOOL] = g_param_spec_boolean ("keep-tool", NULL, NULL, FALSE, rw);
  /* Every drawing locked / hidden, whatever its own flag says. */
  properties[PROP_ALL_LOCKED] = g_param_spec_boolean ("all-locked", NULL, NULL, FALSE, rw);
  properties[PROP_ALL_HIDDEN] = g_param_spec_boolean ("all-hidden", NULL, NULL, FALSE, rw);
  /* A drawing is being placed or dragged: its changes are one edit, done at the release. */
  properties[PROP_EDITING] = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_drawing_layer_init (BourseDrawingLayer *self)
{
  self->tool = BOURSE_DRAWING_LAYER_NO_TOOL;
  self->drag_handle = -1;
}

BourseDrawingLayer *
bourse_drawing_layer_new (GListStore *drawings)
{
  g_return_val_if_fail (!drawings || G_IS_LIST_STORE (drawings), NULL);
  return g_object_new (BOURSE_TYPE_DRAWING_LAYER, "drawings", drawings, NULL);
}

GListStore *
bourse_drawing_layer_get_drawings (BourseDrawingLayer *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), NULL);
  return self->drawings;
}

guint
bourse_drawing_layer_get_tool (BourseDrawingLayer *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), BOURSE_DRAWING_LAYER_NO_TOOL);
  return self->tool;
}

void
bourse_drawing_layer_set_tool (BourseDrawingLayer *self,
                               guint               tool)
{
  g_return_if_fail (BOURSE_IS_DRAWING_LAYER (self));
  g_return_if_fail (tool <= BOURSE_DRAWING_LAYER_NO_TOOL);

  if (self->tool == tool)
    return;
  self->tool = tool;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

gboolean
bourse_drawing_layer_get_magnet (BourseDrawingLayer *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), FALSE);
  return self->magnet;
}

void
bourse_drawing_layer_set_magnet (BourseDrawingLayer *self,
                                 gboolean            magnet)
{
  g_return_if_fail (BOURSE_IS_DRAWING_LAYER (self));

  magnet = !!magnet;
  if (self->magnet == (guint) magnet)
    return;
  self->magnet = magnet;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAGNET]);
}

BourseDrawing *
bourse_drawing_layer_get_selected (BourseDrawingLayer *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), NULL);
  return self->selected;
}

void
bourse_drawing_layer_set_selected (BourseDrawingLayer *self,
                                   BourseDrawing      *drawing)
{
  g_return_if_fail (BOURSE_IS_DRAWING_LAYER (self));
  g_return_if_fail (!drawing || BOURSE_IS_DRAWING (drawing));

  if (g_set_object (&self->selected, drawing))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
      bourse_chart_layer_changed (BOURSE_CHART_LAYER (self));
    }
}

gboolean
bourse_drawing_layer_delete_selected (BourseDrawingLayer *self)
{
  guint position;

  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), FALSE);

  if (self->selected == NULL || !g_list_store_find (self->drawings, self->selected, &position))
    return FALSE;
  set_dragging (self, NULL);
  g_list_store_remove (self->drawings, position);
  bourse_drawing_layer_set_selected (self, NULL);
  return TRUE;
}

BourseDrawing *
bourse_drawing_layer_pick (BourseDrawingLayer            *self,
                           const BourseChartPaneGeometry *geometry,
                           double                         x,
                           double                         y,
                           double                         tolerance)
{
  BourseDrawingProjection proj;
  guint n;

  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), NULL);
  g_return_val_if_fail (geometry != NULL, NULL);

  proj = projection_for (geometry);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->drawings));
  /* Topmost first: the last drawn wins. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (self->drawings), i - 1);

      if (is_visible (self, d) && bourse_drawing_hit_distance (d, &proj, x, y) <= tolerance)
        return d;   /* still owned by the list */
    }
  return NULL;
}

#define DEFINE_FLAG(name, field, prop)                                      \
gboolean                                                                    \
bourse_drawing_layer_get_##name (BourseDrawingLayer *self)                  \
{                                                                           \
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), FALSE);             \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
bourse_drawing_layer_set_##name (BourseDrawingLayer *self,                  \
                                 gboolean            value)                 \
{                                                                           \
  g_return_if_fail (BOURSE_IS_DRAWING_LAYER (self));                        \
                                                                            \
  value = !!value;                                                          \
  if (self->field == (guint) value)                                         \
    return;                                                                 \
  self->field = value;                                                      \
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);             \
  bourse_chart_layer_changed (BOURSE_CHART_LAYER (self));                   \
}

DEFINE_FLAG (keep_tool, keep_tool, PROP_KEEP_TOOL)
DEFINE_FLAG (all_locked, all_locked, PROP_ALL_LOCKED)
DEFINE_FLAG (all_hidden, all_hidden, PROP_ALL_HIDDEN)

gboolean
bourse_drawing_layer_get_editing (BourseDrawingLayer *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), FALSE);
  return self->dragging != NULL;
}

/* Moves @drawing to the top (@to_front) or bottom of the painting order. */
gboolean
bourse_drawing_layer_restack (BourseDrawingLayer *self,
                              BourseDrawing      *drawing,
                              gboolean            to_front)
{
  g_autoptr(BourseDrawing) keep = NULL;
  guint position, n;

  g_return_val_if_fail (BOURSE_IS_DRAWING_LAYER (self), FALSE);
  g_return_val_if_fail (BOURSE_IS_DRAWING (drawing), FALSE);

  if (!g_list_store_find (self->drawings, drawing, &position))
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->drawings));
  if (position == (to_front ? n - 1 : 0))
    return TRUE;
  keep = g_object_ref (drawing);
  g_list_store_remove (self->drawings, position);
  if (to_front)
    g_list_store_append (self->drawings, keep);
  else
    g_list_store_insert (self->drawings, 0, keep);
  bourse_drawing_layer_set_selected (self, keep);
  return TRUE;
}
