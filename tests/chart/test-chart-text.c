/* test-chart-text.c — chart text through Pango: crisp at scale 2, placed on its tick, axis
 * widths from real extents, the cache of shaped strings bounded and used
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "bourse-chart-renderer.h"
#include "bourse-chart-text.h"
#include "bourse-drawing-layer.h"

#define LABEL "1234.56"

/* Ink bounds of the non-black pixels of an RGB24 surface; returns how many
 * are fully white (opaque ink, white on black). */
static guint
ink_of (cairo_surface_t *surface,
        int             *x0,
        int             *y0,
        int             *x1,
        int             *y1)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  guint opaque = 0;

  cairo_surface_flush (surface);
  *x0 = *y0 = G_MAXINT;
  *x1 = *y1 = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v = *(guint32 *) (void *) (data + y * stride + x * 4) & 0xff;

        if (v == 0)
          continue;
        *x0 = MIN (*x0, x);
        *y0 = MIN (*y0, y);
        *x1 = MAX (*x1, x);
        *y1 = MAX (*y1, y);
        if (v == 0xff)
          opaque++;
      }
  return opaque;
}

/* LABEL in white on black, drawn as the renderer draws axis labels: in
 * device pixels, left end at x = 10, digits centred on y = 20 (logical). */
static cairo_surface_t *
draw_label (BourseChartText *text,
            double           scale,
            double          *width)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (120 * scale), (int) (40 * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  bourse_chart_text_set_scale (text, scale);
  bourse_chart_text_select (text, 1.0, FALSE);
  *width = bourse_chart_text_draw (text, cr, 10 * scale, 20 * scale, 0, LABEL);
  cairo_destroy (cr);
  return surface;
}

/* The label's ink lies in the box its metrics promise, its digits are
 * centred on the tick, and at scale 2 it is drawn at twice the resolution:
 * a hinted 2× font has about four times the fully opaque pixels of the 1×
 * one, where the 1× image scaled up (what a blurry HiDPI chart would show)
 * has far fewer. */
static void
test_crisp_at_scale_2 (void)
{
  g_autoptr(BourseChartText) text = bourse_chart_text_new ();
  guint opaque[3];
  double width[3];

  for (int k = 1; k <= 2; k++)
    {
      cairo_surface_t *surface = draw_label (text, k, &width[k]);
      BourseChartTextMetrics m;
      int x0, y0, x1, y1;

      bourse_chart_text_get_metrics (text, &m);
      opaque[k] = ink_of (surface, &x0, &y0, &x1, &y1);
      g_assert_cmpint (x1, >=, 0);
      /* Inside the logical box: from x to x + advance, ascent above and
       * descent below the baseline (one device pixel of antialiasing). */
      g_assert_cmpfloat (x0, >=, 10 * k - 1);
      g_assert_cmpfloat (x1 + 1, <=, 10 * k + width[k] + 1);
      g_assert_cmpfloat (y0, >=, round (20 * k + m.digit_middle) - m.ascent - 1);
      g_assert_cmpfloat (y1 + 1, <=, round (20 * k + m.digit_middle) + m.descent + 1);
      /* Centred on the tick at y = 20: the digits' ink middle within a device pixel. */
      g_assert_cmpfloat (fabs ((y0 + y1 + 1) / 2.0 - 20 * k), <=, 1.0);
      /* Laid out in logical pixels: the same size at both scales, give or
       * take hinting (advances round to whole device pixels). */
      g_assert_cmpfloat (width[k] / k, >, 30);
      g_assert_cmpfloat (fabs (width[k] / k - width[1]), <=, 0.1 * width[1]);
      g_assert_cmpfloat (m.height / k, >=, 10);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (opaque[1], >, 5);
  g_assert_cmpuint (opaque[2], >=, 3 * opaque[1]);

  /* The same test fails on the scale-1 image blown up to scale 2. */
  {
    cairo_surface_t *small = draw_label (text, 1, &width[0]);
    cairo_surface_t *big = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 80);
    cairo_t *cr = cairo_create (big);
    int x0, y0, x1, y1;

    cairo_scale (cr, 2, 2);
    cairo_set_source_surface (cr, small, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
    cairo_paint (cr);
    cairo_destroy (cr);
    opaque[0] = ink_of (big, &x0, &y0, &x1, &y1);
    g_assert_cmpuint (opaque[0], <, 3 * opaque[1]);
    cairo_surface_destroy (big);
    cairo_surface_destroy (small);
  }
}

static BourseBars *
make_bars (double price)
{
  BourseBars *bars = bourse_bars_new (60);

  for (gsize i = 0; i < 60; i++)
    {
      double o = price * (1 + 0.01 * sin ((double) i / 5)), c = price * (1 + 0.01 * sin ((double) (i + 1) / 5));

      g_assert_true (bourse_bars_append (bars, 1700000000 + 60 * (gint64) i, o, MAX (o, c) * 1.002,
                                         MIN (o, c) * 0.998, c, 1000));
    }
  return bars;
}

static double
axis_width_for (double      price,
                int         precision,
                const char *font)
{
  g_autoptr(BourseBars) bars = make_bars (price);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_price_format (chart, precision, pow (10, -precision));
  if (font != NULL)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

      bourse_chart_renderer_set_font (renderer, desc, NULL, 0);
    }
  bourse_chart_renderer_layout (renderer, 600, 400, 1);
  return bourse_chart_renderer_get_price_axis_width (renderer);
}

/* The price axis is as wide as its longest label needs, measured with the
 * font it is drawn in. */
static void
test_axis_width_follows_labels (void)
{
  g_autoptr(BourseChartText) text = bourse_chart_text_new ();
  double narrow = axis_width_for (1.2, 5, NULL);
  double wide = axis_width_for (123456.0, 2, NULL);
  double big_font = axis_width_for (123456.0, 2, "Sans 18");
  double label;

  g_assert_cmpfloat (wide, >, narrow);
  /* "1234560.00": the widest a label of this chart can get (10× its range). */
  bourse_chart_text_select (text, 1.0, FALSE);
  label = bourse_chart_text_get_width (text, "1234560.00");
  g_assert_cmpfloat (wide, >=, label + 2 * 8);
  g_assert_cmpfloat (wide, <=, label + 2 * 8 + 1);
  g_assert_cmpfloat (big_font, >, wide * 1.6);
}

/* Many distinct strings (a legend following the pointer for hours) keep the
 * cache at its bound; recent strings stay shaped, the oldest were dropped.
 * Numbers are laid out from their characters: a new price shapes nothing. */
static void
test_cache_bounded (void)
{
  g_autoptr(BourseChartText) text = bourse_chart_text_new ();
  guint64 shaped;

  for (int i = 0; i < 5000; i++)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "SMA %d", i);
      g_assert_cmpfloat (bourse_chart_text_get_width (text, buf), >, 0);
      g_assert_cmpuint (bourse_chart_text_get_n_cached (text), <=, BOURSE_CHART_TEXT_MAX_CACHED);
    }
  g_assert_cmpuint (bourse_chart_text_get_n_cached (text), ==, BOURSE_CHART_TEXT_MAX_CACHED);
  g_assert_cmpuint (bourse_chart_text_get_n_shaped (text), ==, 5000);
  shaped = bourse_chart_text_get_n_shaped (text);
  bourse_chart_text_get_width (text, "SMA 4999");
  g_assert_cmpuint (bourse_chart_text_get_n_shaped (text), ==, shaped);
  bourse_chart_text_get_width (text, "SMA 0");
  g_assert_cmpuint (bourse_chart_text_get_n_shaped (text), ==, shaped + 1);

  shaped = bourse_chart_text_get_n_shaped (text);
  for (int i = 0; i < 5000; i++)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%d.%02d%%", -i, i % 100);
      g_assert_cmpfloat (bourse_chart_text_get_width (text, buf), >, 0);
    }
  g_assert_cmpuint (bourse_chart_text_get_n_cached (text), <=, BOURSE_CHART_TEXT_MAX_CACHED);
  g_assert_cmpuint (bourse_chart_text_get_n_shaped (text), <=, shaped + 13);  /* 0-9 . - % */

  /* A new scale drops everything: glyphs hinted for another size are wrong. */
  bourse_chart_text_set_scale (text, 2);
  g_assert_cmpuint (bourse_chart_text_get_n_cached (text), ==, 0);
}

/* A number laid out from its characters is the very picture Pango draws
 * for the whole string, at scale 1 and 2. */
static void
test_numbers_as_pango_draws_them (void)
{
  const char *numbers[] = { "1234.56", "-0.00087", "+12.5%", "09:45", "1,234,567.89" };
  g_autoptr(BourseChartText) text = bourse_chart_text_new ();

  for (int k = 1; k <= 2; k++)
    for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
      {
        cairo_surface_t *ours = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 150 * k, 40 * k);
        cairo_surface_t *theirs = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 150 * k, 40 * k);
        g_autoptr(GObject) context_object = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
        PangoContext *context = PANGO_CONTEXT (context_object);
        g_autoptr(GObject) layout_object = NULL;
        PangoLayout *layout;
        PangoAttrList *attrs = pango_attr_list_new ();
        cairo_font_options_t *options = cairo_font_options_create ();
        PangoMatrix matrix = PANGO_MATRIX_INIT;
        cairo_t *cr;
        double width;
        int differ = 0;

        bourse_chart_text_set_scale (text, k);
        bourse_chart_text_select (text, 1.0, FALSE);
        cr = cairo_create (ours);
        cairo_scale (cr, k, k);
        cairo_set_source_rgb (cr, 1, 1, 1);
        bourse_chart_text_draw_block (text, cr, 10, 20, numbers[n], &width, NULL);
        cairo_destroy (cr);

        /* The same font, options and scale, the whole string shaped at once. */
        cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
        cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
        cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
        pango_cairo_context_set_font_options (context, options);
        pango_cairo_context_set_resolution (context, 96);
        pango_matrix_scale (&matrix, k, k);
        pango_context_set_matrix (context, &matrix);
        layout = pango_layout_new (context);
        layout_object = G_OBJECT (layout);
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
        pango_layout_set_attributes (layout, attrs);
        pango_layout_set_font_description (layout, bourse_chart_text_get_font (text));
        pango_layout_set_text (layout, numbers[n], -1);
        cr = cairo_create (theirs);
        cairo_scale (cr, k, k);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_move_to (cr, 10, 20 - pango_layout_get_baseline (layout) / (double) PANGO_SCALE);
        pango_cairo_show_layout (cr, layout);
        cairo_destroy (cr);

        {
          int lw;

          pango_layout_get_size (layout, &lw, NULL);
          g_assert_cmpfloat (fabs (width - lw / (double) PANGO_SCALE), <, 1e-6);
        }
        cairo_surface_flush (ours);
        cairo_surface_flush (theirs);
        for (int y = 0; y < 40 * k; y++)
          differ += memcmp (cairo_image_surface_get_data (ours) + y * cairo_image_surface_get_stride (ours),
                            cairo_image_surface_get_data (theirs) + y * cairo_image_surface_get_stride (theirs),
                            150 * k * 4) != 0;
        g_assert_cmpint (differ, ==, 0);
        cairo_font_options_destroy (options);
        pango_attr_list_unref (attrs);
        cairo_surface_destroy (ours);
        cairo_surface_destroy (theirs);
      }
}

/* A steady frame shapes nothing: every label was shaped by the first. */
static void
test_steady_frame_shapes_nothing (void)
{
  g_autoptr(BourseBars) bars = make_bars (1.0850);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  BourseChartText *text = bourse_chart_renderer_get_text (renderer);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 800);
  guint64 first = 0;

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_price_format (chart, 5, 1e-5);
  bourse_chart_set_watermark (chart, "EURUSD");
  bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, 300, 200);
  for (int frame = 0; frame < 3; frame++)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, 2, 2);
      bourse_chart_renderer_render (renderer, cr, 600, 400, 2);
      cairo_destroy (cr);
      if (frame == 0)
        first = bourse_chart_text_get_n_shaped (text);
    }
  g_assert_cmpuint (first, >, 10);
  g_assert_cmpuint (bourse_chart_text_get_n_shaped (text), ==, first);
  cairo_surface_destroy (surface);
}

/* Several lines (text notes): one block, each line below the previous. */
static void
test_multi_line_block (void)
{
  g_autoptr(BourseChartText) text = bourse_chart_text_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
  cairo_t *cr = cairo_create (surface);
  BourseChartTextMetrics m;
  double w1, h1, w3, h3;
  int x0, y0, x1, y1;

  bourse_chart_text_select (text, 1.0, FALSE);
  bourse_chart_text_get_metrics (text, &m);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  bourse_chart_text_draw_block (text, cr, 10, 20, "Entry", &w1, &h1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  bourse_chart_text_draw_block (text, cr, 10, 20, "Entry\nafter the\nbreakout", &w3, &h3);
  cairo_destroy (cr);
  g_assert_cmpfloat (h3, >=, 3 * h1 - 1);
  g_assert_cmpfloat (w3, >, w1);
  ink_of (surface, &x0, &y0, &x1, &y1);
  /* First baseline at 20: the block reaches two lines further down. */
  g_assert_cmpint (y0, >=, 20 - (int) ceil (m.ascent) - 1);
  g_assert_cmpint (y1, >=, 20 + (int) (2 * h1) - 2);
  g_assert_cmpint (x0, >=, 10);
  cairo_surface_destroy (surface);
}

/* A text note of two lines: both painted, stacked above and right of its
 * anchor (the last line keeps its place by the dot), at scale 1 and 2. */
static void
test_text_note_lines (void)
{
  g_autoptr(BourseBars) bars = make_bars (100.0);
  g_autoptr(BourseChart) chart = bourse_chart_new ();
  g_autoptr(BourseChartRenderer) renderer = bourse_chart_renderer_new (chart);
  g_autoptr(BourseDrawingLayer) layer = bourse_drawing_layer_new (NULL);
  BourseDrawingPoint at = { bars->time[30], 100.0 };
  g_autoptr(BourseDrawing) note = bourse_drawing_new (BOURSE_DRAWING_TEXT_NOTE, &at);

  bourse_chart_set_bars (chart, bars);
  bourse_chart_set_volume_mode (chart, BOURSE_VOLUME_MODE_HIDDEN);
  bourse_chart_set_grid_visible (chart, FALSE);
  bourse_drawing_set_color (note, 0xffff00ff);
  bourse_drawing_set_text (note, "Long here\nstop below");
  g_list_store_append (bourse_drawing_layer_get_drawings (layer), note);
  bourse_chart_add_layer (chart, BOURSE_CHART_LAYER (layer), BOURSE_CHART_MAIN_PANE);

  for (int k = 1; k <= 2; k++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600 * k, 400 * k);
      cairo_t *cr = cairo_create (surface);
      unsigned char *data = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);
      BourseChartPaneGeometry g;
      BourseChartTextMetrics m;
      int ax, ay, top = G_MAXINT, bottom = -1, rows = 0;

      cairo_scale (cr, k, k);
      bourse_chart_renderer_render (renderer, cr, 600, 400, k);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
      ax = (int) round ((g.x + bourse_chart_pane_geometry_time_to_x (&g, at.time)) * k);
      ay = (int) round ((g.y + bourse_chart_pane_geometry_price_to_y (&g, at.price)) * k);
      /* The note's yellow, right of the dot. */
      for (int y = MAX (0, ay - 80 * k); y < MIN (400 * k, ay + 20 * k); y++)
        {
          gboolean any = FALSE;

          for (int x = ax + 4 * k; x < MIN (600 * k, ax + 150 * k); x++)
            {
              guint32 v = *(guint32 *) (void *) (data + y * stride + x * 4);

              any |= ((v >> 16) & 0xff) > 0xc0 && ((v >> 8) & 0xff) > 0xc0 && (v & 0xff) < 0x60;
            }
          if (any)
            {
              top = MIN (top, y);
              bottom = MAX (bottom, y);
              rows++;
            }
        }
      bourse_chart_text_select (bourse_chart_renderer_get_text (renderer), 1.2, FALSE);
      bourse_chart_text_get_metrics (bourse_chart_renderer_get_text (renderer), &m);
      g_assert_cmpint (bottom, >=, 0);
      g_assert_cmpint (bottom, <, ay);                     /* above the anchor */
      /* Two lines: more than one line's height of ink (one line has less than 1). */
      g_assert_cmpfloat (bottom - top, >=, 1.3 * m.height);
      g_assert_cmpfloat (bottom - top, <=, 2.5 * m.height);
      /* A gap between the lines: some rows in the block have no ink. */
      g_assert_cmpint (rows, <, bottom - top + 1);
      cairo_surface_destroy (surface);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/Text/crisp-at-scale-2", test_crisp_at_scale_2);
  g_test_add_func ("/Bourse/Chart/Text/axis-width-follows-labels", test_axis_width_follows_labels);
  g_test_add_func ("/Bourse/Chart/Text/cache-bounded", test_cache_bounded);
  g_test_add_func ("/Bourse/Chart/Text/numbers-as-pango-draws-them", test_numbers_as_pango_draws_them);
  g_test_add_func ("/Bourse/Chart/Text/steady-frame-shapes-nothing", test_steady_frame_shapes_nothing);
  g_test_add_func ("/Bourse/Chart/Text/multi-line-block", test_multi_line_block);
  g_test_add_func ("/Bourse/Chart/Text/text-note-lines", test_text_note_lines);

  /* Pango's font map, and cairo's fonts it holds, stay until exit:
   * reachable, so not reported by LeakSanitizer. (Dropping them with
   * cairo_debug_reset_static_data() races with Pango 1.50's fontconfig
   * thread and aborts one run in four.) */
  return g_test_run ();
}
