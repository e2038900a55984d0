/* test-rect-fill.c — BourseRectFill writes the pixels cairo_fill() would
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-rect-fill.h"

#define SW 97
#define SH 61

static cairo_surface_t *
make_surface (cairo_format_t format)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, SW, SH);
  cairo_t *cr = cairo_create (surface);

  /* A non-uniform background, half transparent on the right, so that OVER is exercised. */
  cairo_set_source_rgba (cr, 0.1, 0.2, 0.3, 1);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, 0.8, 0.4, 0.1, 0.5);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_rectangle (cr, SW / 2, 0, SW - SW / 2, SH);
  cairo_fill (cr);
  cairo_destroy (cr);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  const guint8 *pa, *pb;
  int stride = cairo_image_surface_get_stride (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      {
        guint32 va = *(const guint32 *) (const void *) (pa + y * stride + 4 * x);
        guint32 vb = *(const guint32 *) (const void *) (pb + y * stride + 4 * x);

        if (va != vb)
          g_error ("pixel %d,%d: direct %08x, cairo %08x", x, y, va, vb);
      }
}

/* Only the supported cases take the direct path. */
static void
test_when_direct (void)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (BourseRectBox));
  cairo_surface_t *argb = make_surface (CAIRO_FORMAT_ARGB32);
  cairo_surface_t *rgb = make_surface (CAIRO_FORMAT_RGB24);
  cairo_t *cr = cairo_create (argb);
  cairo_t *cr_rgb = cairo_create (rgb);
  BourseRectFill fill;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_true (fill.direct);
  bourse_rect_fill_begin (&fill, cr, boxes, FALSE);
  g_assert_false (fill.direct);

  /* Integer translation and a rectangular clip: still direct. */
  cairo_save (cr);
  cairo_translate (cr, 3, -2);
  cairo_rectangle (cr, 5, 5, 20, 30);
  cairo_clip (cr);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_true (fill.direct);
  g_assert_cmpint (fill.cx0, ==, 8);
  g_assert_cmpint (fill.cy0, ==, 3);
  g_assert_cmpint (fill.cx1, ==, 28);
  g_assert_cmpint (fill.cy1, ==, 33);
  cairo_restore (cr);

  /* Scaled, rotated, a round clip, antialiasing, another operator, RGB24: through cairo. */
  cairo_save (cr);
  cairo_scale (cr, 2, 2);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_false (fill.direct);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_rotate (cr, 0.3);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_false (fill.direct);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_arc (cr, 40, 30, 20, 0, 2 * G_PI);
  cairo_clip (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_false (fill.direct);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_false (fill.direct);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
  bourse_rect_fill_begin (&fill, cr, boxes, TRUE);
  g_assert_false (fill.direct);
  cairo_restore (cr);
  cairo_set_antialias (cr_rgb, CAIRO_ANTIALIAS_NONE);
  bourse_rect_fill_begin (&fill, cr_rgb, boxes, TRUE);
  g_assert_false (fill.direct);

  cairo_destroy (cr);
  cairo_destroy (cr_rgb);
  cairo_surface_destroy (argb);
  cairo_surface_destroy (rgb);
}

/* Random batches (fractional and negative sizes, overlaps, clips, every
 * alpha) painted both ways give the same bytes. */
static void
test_random_batches (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (BourseRectBox));
  guint n_direct = 0;

  for (guint iter = 0; iter < 300; iter++)
    {
      cairo_surface_t *surfaces[2] = { make_surface (CAIRO_FORMAT_ARGB32), make_surface (CAIRO_FORMAT_ARGB32) };
      double tx = g_rand_int_range (rand, -5, 6), ty = g_rand_int_range (rand, -5, 6);
      gboolean clipped = g_rand_boolean (rand);
      double cx = g_rand_int_range (rand, -10, 40), cy = g_rand_int_range (rand, -10, 30);
      double cw = g_rand_int_range (rand, 0, 80), ch = g_rand_int_range (rand, 0, 60);
      int n_batches = g_rand_int_range (rand, 1, 4);
      guint32 seed = g_rand_int (rand);

      for (int direct = 0; direct < 2; direct++)
        {
          g_autoptr(GRand) r = g_rand_new_with_seed (seed);
          cairo_t *cr = cairo_create (surfaces[direct]);
          BourseRectFill fill;

          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          cairo_translate (cr, tx, ty);
          if (clipped)
            {
              cairo_rectangle (cr, cx, cy, cw, ch);
              cairo_clip (cr);
            }
          bourse_rect_fill_begin (&fill, cr, boxes, direct);
          g_assert_true (fill.direct == direct);
          n_direct += fill.direct;
          for (int b = 0; b < n_batches; b++)
            {
              gboolean disjoint = g_rand_boolean (r);
              /* Disjoint batches: one column each, 3 px apart. */
              int n = disjoint ? g_rand_int_range (r, 0, 36) : g_rand_int_range (r, 0, g_rand_boolean (r) ? 8 : 400);
              double alpha_choices[] = { 1.0, 0.0, 0.35, 0.6, 0.999, 0.002, 0.5 };
              BourseRgba color = { g_rand_double (r), g_rand_double (r), g_rand_double (r),
                                   alpha_choices[g_rand_int_range (r, 0, G_N_ELEMENTS (alpha_choices))] };

              for (int i = 0; i < n; i++)
                {
                  double x, y, w, h;

                  if (disjoint)
                    {
                      /* Pixel columns, as the renderer's zoomed-out bars. */
                      x = i * 3 - 5;
                      w = 1;
                    }
                  else
                    {
                      x = g_rand_double_range (r, -10, SW + 10);
                      w = g_rand_double_range (r, -20, 40);
                    }
                  y = g_rand_double_range (r, -10, SH + 10);
                  h = g_rand_double_range (r, -20, 40);
                  if (g_rand_int_range (r, 0, 3) > 0)
                    {
                      /* Mostly whole or half pixels, as the renderer gives. */
                      x = round (x * 2) / 2;
                      y = round (y * 2) / 2;
                      h = round (h * 2) / 2;
                      if (!disjoint)
                        w = round (w * 2) / 2;
                    }
                  bourse_rect_fill_add (&fill, x, y, w, h);
                }
              bourse_rect_fill_paint (&fill, &color, g_rand_boolean (r) ? 1.0 : 0.7, disjoint);
            }
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
        }
      g_test_message ("round %u: translate %g,%g clip %d (%g,%g %gx%g), %d batches",
                      iter, tx, ty, clipped, cx, cy, cw, ch, n_batches);
      assert_same_pixels (surfaces[1], surfaces[0]);
      cairo_surface_destroy (surfaces[0]);
      cairo_surface_destroy (surfaces[1]);
    }
  g_assert_cmpuint (n_direct, ==, 300);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Chart/RectFill/when-direct", test_when_direct);
  g_test_add_func ("/Bourse/Chart/RectFill/random-batches-match-cairo", test_random_batches);
  return g_test_run ();
}
