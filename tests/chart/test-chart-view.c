/* test-chart-view.c — BourseChartView in a real window (under Xvfb)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-view.h"
#include "bourse-chart-view-private.h"
#include "bourse-test-ui.h"

static BourseBars *
make_bars (gsize n)
{
  BourseBars *bars = bourse_bars_new (n);

  for (gsize i = 0; i < n; i++)
    {
      double p = 100 + 5 * sin (i / 20.0);
      g_assert_true (bourse_bars_append (bars, 1700000000 + 60 * (gint64) i, p, p + 0.5, p - 0.5, p + 0.1, 100));
    }
  return bars;
}

/* Iterates the main loop until the view has been laid out (bounded). */
static void
wait_for_allocation (GtkWidget *widget)
{
  WAIT_UNTIL (gtk_widget_get_width (widget) >= 100 && gtk_widget_get_mapped (widget), 5);
  /* Let the first frame happen. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  return *(guint32 *) (void *) (data + ((gsize) y * width + x) * 4) & 0xffffff;
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  /* The widget's own snapshot(), as GTK calls it for a frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static void
test_view_actions_and_drawing (void)
{
  g_autoptr(BourseBars) bars = make_bars (2000);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  double spacing, first, last;
  g_autoptr(GdkTexture) dark = NULL;
  g_autoptr(GdkTexture) light = NULL;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_grid_visible (chart, FALSE);
  view = bourse_chart_view_new (chart);
  g_assert_true (bourse_chart_view_get_chart (BOURSE_CHART_VIEW (view)) == chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 500);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation (view);

  /* The viewport's width follows the widget (minus the price axis). */
  g_assert_cmpfloat (bourse_chart_viewport_get_width (viewport), >, 600);
  g_assert_cmpfloat (bourse_chart_viewport_get_width (viewport), <, gtk_widget_get_width (view));

  spacing = bourse_chart_viewport_get_bar_spacing (viewport);
  g_assert_true (gtk_widget_activate_action (view, "chart.zoom-in", NULL));
  g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), >, spacing);
  g_assert_true (gtk_widget_activate_action (view, "chart.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (view, "chart.zoom-out", NULL));
  g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), <, spacing);

  g_assert_true (gtk_widget_activate_action (view, "chart.fit", NULL));
  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  g_assert_cmpfloat (first, <=, 0);
  g_assert_cmpfloat (last, >=, 1999);

  bourse_chart_viewport_set_visible_range (viewport, 100, 600);
  g_assert_false (bourse_chart_viewport_is_at_realtime (viewport));
  g_assert_true (gtk_widget_activate_action (view, "chart.scroll-to-realtime", NULL));
  g_assert_true (bourse_chart_viewport_is_at_realtime (viewport));

  g_assert_true (gtk_widget_activate_action (view, "chart.set-type", "s", "heikin-ashi"));
  g_assert_cmpint (bourse_chart_get_chart_type (chart), ==, BOURSE_CHART_TYPE_HEIKIN_ASHI);

  /* What the widget paints (the time axis corner): the dark background, then (after a theme change
   * invalidates the cached base layer) the light one. */
  dark = render_widget (view);
  g_assert_cmphex (texture_pixel (dark, 2, gdk_texture_get_height (dark) - 2), ==, 0x131722);
  bourse_chart_set_theme (chart, BOURSE_CHART_THEME_LIGHT);
  light = render_widget (view);
  g_assert_cmphex (texture_pixel (light, 2, gdk_texture_get_height (light) - 2), ==, 0xffffff);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static double
index_at (BourseChartViewport *viewport,
          double               x)
{
  BourseTimeScale ts;

  bourse_chart_viewport_get_time_scale (viewport, &ts);
  return bourse_time_scale_x_to_index (&ts, x);
}

/* Scrolling and pinching. What is real here: the mouse wheel (X buttons 4/5,
 * and 6/7 for a tilt wheel) with and without Shift, sent as XTEST events by
 * xdotool through GTK's X11 backend to the view's GtkEventControllerScroll.
 * What cannot be: on X11 GTK 4.8 reports every scroll in wheel units (only
 * Wayland and macOS give touchpad pixels, GDK_SCROLL_UNIT_SURFACE), Xvfb has
 * no touch device and XTEST cannot make touches, and GTK 4.8's X11 backend
 * turns no touchpad gesture into GDK_TOUCHPAD_PINCH. So pixel scrolling and
 * pinching go through the handlers the view's scroll controller and
 * GtkGestureZoom call, after checking that those controllers are attached
 * and connected to them. */
static gboolean
has_controller (GtkWidget  *widget,
                GType       type,
                const char *signal)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          g_signal_has_handler_pending (controller, g_signal_lookup (signal, type), 0, FALSE))
        return TRUE;
    }
  return FALSE;
}

static void
test_view_touchpad_and_pinch (void)
{
  g_autoptr(BourseBars) bars = make_bars (2000);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  BourseChartViewport *viewport = bourse_chart_get_viewport (chart);
  GtkWindow *window;
  BourseChartView *view;
  BourseChartPaneGeometry g;
  double s0, s_wheel, idx, right, s_real = NAN;

  bourse_chart_set_bars (chart, bars);
  view = BOURSE_CHART_VIEW (bourse_chart_view_new (chart));
  window = bourse_test_present_window (GTK_WIDGET (view), 800, 500);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (bourse_chart_view_get_renderer (view),
                                                          BOURSE_CHART_MAIN_PANE, &g));
  g_assert_true (has_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_SCROLL, "scroll"));
  g_assert_true (has_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_ZOOM, "scale-changed"));
  g_assert_true (has_controller (GTK_WIDGET (view), GTK_TYPE_GESTURE_ZOOM, "begin"));

  /* The real wheel: one click down over the chart zooms out one step around
   * the pointer; Shift and the tilt wheel pan 60 px, the zoom kept. */
  if (bourse_test_require_xdotool (GTK_WIDGET (view)))
    {
      bourse_chart_viewport_set_visible_range (viewport, 1000, 1199);
      s0 = bourse_chart_viewport_get_bar_spacing (viewport);
      idx = index_at (viewport, 300);
      bourse_test_pointer_scroll (GTK_WIDGET (view), g.x + 300, g.y + 100, 5, 1, NULL);
      WAIT_UNTIL (bourse_chart_viewport_get_bar_spacing (viewport) != s0, 15);
      s_real = bourse_chart_viewport_get_bar_spacing (viewport);
      g_assert_cmpfloat (s_real, <, s0 * 0.95);
      g_assert_cmpfloat_with_epsilon (index_at (viewport, 300), idx, 1e-6);

      s0 = bourse_chart_viewport_get_bar_spacing (viewport);
      right = bourse_chart_viewport_get_right_index (viewport);
      bourse_test_pointer_scroll (GTK_WIDGET (view), g.x + 300, g.y + 100, 5, 1, "shift");
      WAIT_UNTIL (bourse_chart_viewport_get_right_index (viewport) != right, 15);
      g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_right_index (viewport), right + 60 / s0, 1e-9);
      g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), ==, s0);
      right = bourse_chart_viewport_get_right_index (viewport);
      bourse_test_pointer_scroll (GTK_WIDGET (view), g.x + 300, g.y + 100, 6, 1, NULL);
      WAIT_UNTIL (bourse_chart_viewport_get_right_index (viewport) != right, 15);
      g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_right_index (viewport), right - 60 / s0, 1e-9);
      g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), ==, s0);
    }
  _bourse_chart_view_set_pointer (view, g.x + 300, g.y + 100);

  /* One wheel click down zooms out by one step around the pointer... */
  bourse_chart_viewport_set_visible_range (viewport, 1000, 1199);
  s0 = bourse_chart_viewport_get_bar_spacing (viewport);
  idx = index_at (viewport, 300);
  _bourse_chart_view_scroll (view, 0, 1, GDK_SCROLL_UNIT_WHEEL, 0);
  s_wheel = bourse_chart_viewport_get_bar_spacing (viewport);
  g_assert_cmpfloat (s_wheel, <, s0 * 0.95);
  /* the real click above zoomed exactly as much */
  if (!isnan (s_real))
    g_assert_cmpfloat_with_epsilon (s_real, s_wheel, s_wheel * 1e-9);
  g_assert_cmpfloat_with_epsilon (index_at (viewport, 300), idx, 1e-6);

  /* ...and so do 30 px of touchpad scrolling in 1 px events: same zoom, same anchor. */
  bourse_chart_viewport_set_visible_range (viewport, 1000, 1199);
  for (int i = 0; i < 30; i++)
    _bourse_chart_view_scroll (view, 0, 1, GDK_SCROLL_UNIT_SURFACE, 0);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport), s_wheel, s_wheel * 1e-9);
  g_assert_cmpfloat_with_epsilon (index_at (viewport, 300), idx, 1e-6);

  /* Horizontal touchpad scrolling pans (2 px of chart per px), spacing kept;
   * so does Shift with a vertical scroll. */
  s0 = bourse_chart_viewport_get_bar_spacing (viewport);
  right = bourse_chart_viewport_get_right_index (viewport);
  _bourse_chart_view_scroll (view, -15, 0, GDK_SCROLL_UNIT_SURFACE, 0);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_right_index (viewport), right - 30 / s0, 1e-9);
  _bourse_chart_view_scroll (view, 0, 15, GDK_SCROLL_UNIT_SURFACE, GDK_SHIFT_MASK);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_right_index (viewport), right, 1e-9);
  g_assert_cmpfloat (bourse_chart_viewport_get_bar_spacing (viewport), ==, s0);

  /* Pinch: the scale is cumulative since the gesture began; the bar between
   * the fingers stays put. */
  bourse_chart_viewport_set_visible_range (viewport, 1000, 1199);
  s0 = bourse_chart_viewport_get_bar_spacing (viewport);
  idx = index_at (viewport, 200);
  _bourse_chart_view_pinch_begin (view);
  _bourse_chart_view_pinch (view, 1.25, g.x + 200);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport), s0 * 1.25, s0 * 1e-9);
  _bourse_chart_view_pinch (view, 1.5, g.x + 200);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport), s0 * 1.5, s0 * 1e-9);
  g_assert_cmpfloat_with_epsilon (index_at (viewport, 200), idx, 1e-6);
  /* A new pinch starts from the current zoom: fingers closing halve it. */
  _bourse_chart_view_pinch_begin (view);
  _bourse_chart_view_pinch (view, 0.5, g.x + 200);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport), s0 * 0.75, s0 * 1e-9);
  g_assert_cmpfloat_with_epsilon (index_at (viewport, 200), idx, 1e-6);
  /* Nonsense scales from a confused gesture are ignored. */
  _bourse_chart_view_pinch (view, 0, g.x + 200);
  _bourse_chart_view_pinch (view, NAN, g.x + 200);
  g_assert_cmpfloat_with_epsilon (bourse_chart_viewport_get_bar_spacing (viewport), s0 * 0.75, s0 * 1e-9);

  gtk_window_destroy (window);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_view_finalizes (void)
{
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  GtkWidget *view = bourse_chart_view_new (chart);

  g_object_ref_sink (view);
  bourse_chart_view_set_chart (BOURSE_CHART_VIEW (view), NULL);
  g_assert_null (bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view)));
  bourse_chart_view_set_chart (BOURSE_CHART_VIEW (view), chart);
  g_assert_nonnull (bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view)));
  g_assert_finalize_object (view);
}

/* Without an X display (GDK_BACKEND=x11, tests/chart/meson.build) GTK cannot start: each case
 * is then reported as skipped, with the reason, instead of the program failing or vanishing. */
static void
skip_without_display (gconstpointer data)
{
  g_test_skip ("no X display (DISPLAY is unset): `make test` runs this under Xvfb");
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *path; GTestFunc func; } cases[] = {
    { "/Bourse/Chart/View/actions-and-drawing", test_view_actions_and_drawing },
    { "/Bourse/Chart/View/touchpad-and-pinch", test_view_touchpad_and_pinch },
    { "/Bourse/Chart/View/finalizes", test_view_finalizes },
  };
  gboolean have_display = g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0';

  if (have_display)
    gtk_test_init (&argc, &argv, NULL);
  else
    g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (have_display)
        g_test_add_func (cases[i].path, cases[i].func);
      else
        g_test_add_data_func (cases[i].path, NULL, skip_without_display);
    }

  return g_test_run ();
}
