/* bourse-chart-view.c — the GTK widget showing a BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin shell: controllers (bourse-chart-view-input.c) turn input into
 * viewport and chart changes, and snapshot() hands one cairo node to the
 * renderer. The expensive part of a frame (series, grid, axes) is cached in
 * an image surface and re-rendered only after a change other than a
 * crosshair move; the crosshair and legend are painted on top every frame.
 * This file owns the widget's drawing, keyboard actions, properties and
 * signals.
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-view-private.h"

/* Chart text is the desktop's caption size: 9 pt under GNOME's default
 * 11 pt interface font (TradingView's 12 px), and it grows with it. */
#define CHART_FONT_RATIO     (9.0 / 11.0)

G_DEFINE_FINAL_TYPE (BourseChartView, bourse_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint signals[BOURSE_CHART_VIEW_N_SIGNALS];

void
_bourse_chart_view_emit (BourseChartView       *self,
                         BourseChartViewSignal  signal,
                         ...)
{
  va_list args;

  va_start (args, signal);
  g_signal_emit_valist (self, signals[signal], 0, args);
  va_end (args);
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
  _bourse_chart_view_stop_kinetic (self);
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

  _bourse_chart_view_stop_kinetic (self);
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
  _bourse_chart_view_stop_kinetic (self);
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

  _bourse_chart_view_stop_kinetic (self);
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
  signals[BOURSE_CHART_VIEW_PRICE_LINE_MOVED] =
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
  signals[BOURSE_CHART_VIEW_PRICE_LINE_DRAGGED] =
    g_signal_new ("price-line-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);

  /**
   * BourseChartView::price-line-close-clicked:
   * @id: the price line's id
   */
  signals[BOURSE_CHART_VIEW_PRICE_LINE_CLOSE_CLICKED] =
    g_signal_new ("price-line-close-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BourseChartView::order-button-clicked:
   * @price: the price at the crosshair (not snapped)
   */
  signals[BOURSE_CHART_VIEW_ORDER_BUTTON_CLICKED] =
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
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->zoom_last_scale = 1.0;

  _bourse_chart_view_init_input (self);
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
