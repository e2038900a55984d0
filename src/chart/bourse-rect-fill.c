/* bourse-rect-fill.c — batches of axis-aligned rectangles filled with one colour
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The direct path reproduces what cairo 1.16 + pixman do for the same fill
 * with CAIRO_ANTIALIAS_NONE (tests/chart/test-renderer.c compares both paths
 * pixel for pixel on whole frames):
 *  - an edge at device coordinate v becomes 24.8 fixed point, then is rounded
 *    to the nearest pixel boundary, halves down (_cairo_fixed_round_down);
 *  - the colour becomes 16-bit premultiplied channels, then 8-bit (>> 8);
 *  - an opaque colour is stored (cairo turns OVER into SOURCE), a translucent
 *    one is blended with pixman's OVER (src + dst × (255 − src.a) / 255,
 *    rounded as pixman's MUL_UN8);
 *  - a pixel covered by several rectangles of the batch is blended once.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <wchar.h>

#include "bourse-rect-fill.h"

/* Translucent batches that may overlap are merged row by row up to this many
 * rectangles; more go through cairo. */
#define MAX_MERGED_BOXES 256

static gboolean
is_integer (double v)
{
  return v == floor (v) && fabs (v) < (1 << 20);
}

/* cairo's 24.8 fixed point (_cairo_fixed_from_double rounds to nearest even). */
static inline gint64
to_fixed (double v)
{
  return (gint64) nearbyint (v * 256.0);
}

/* Fixed point → pixel boundary without antialiasing: to the nearest, halves
 * down (_cairo_fixed_round_down). */
static inline int
round_edge (gint64 fixed)
{
  return (int) ((fixed + 127) >> 8);
}

static gboolean
clip_box (BourseRectFill *fill,
          cairo_t        *cr)
{
  cairo_rectangle_list_t *list = cairo_copy_clip_rectangle_list (cr);
  gboolean ok = FALSE;

  if (list->status == CAIRO_STATUS_SUCCESS && list->num_rectangles == 1)
    {
      const cairo_rectangle_t *r = &list->rectangles[0];
      double x0 = r->x + fill->dx, y0 = r->y + fill->dy;
      double x1 = x0 + r->width, y1 = y0 + r->height;

      if (is_integer (x0) && is_integer (y0) && is_integer (x1) && is_integer (y1))
        {
          fill->cx0 = MAX (fill->cx0, (int) x0);
          fill->cy0 = MAX (fill->cy0, (int) y0);
          fill->cx1 = MIN (fill->cx1, (int) x1);
          fill->cy1 = MIN (fill->cy1, (int) y1);
          ok = TRUE;
        }
    }
  else if (list->status == CAIRO_STATUS_SUCCESS && list->num_rectangles == 0)
    {
      /* Everything is clipped away. */
      fill->cx1 = fill->cx0;
      ok = TRUE;
    }
  cairo_rectangle_list_destroy (list);
  return ok;
}

static gboolean
can_go_direct (BourseRectFill *fill,
               cairo_t        *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double ox = 0, oy = 0, ux = 1, uy = 0, vx = 0, vy = 1;
  gboolean ok;

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS ||
      cairo_get_group_target (cr) != target ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER ||
      cairo_get_antialias (cr) != CAIRO_ANTIALIAS_NONE)
    return FALSE;

  /* User → device must be a translation by whole pixels. */
  cairo_user_to_device (cr, &ox, &oy);
  cairo_user_to_device_distance (cr, &ux, &uy);
  cairo_user_to_device_distance (cr, &vx, &vy);
  if (ux != 1 || uy != 0 || vx != 0 || vy != 1 || !is_integer (ox) || !is_integer (oy))
    return FALSE;

  fill->target = target;
  fill->dx = ox;
  fill->dy = oy;
  fill->cx0 = 0;
  fill->cy0 = 0;
  fill->cx1 = cairo_image_surface_get_width (target);
  fill->cy1 = cairo_image_surface_get_height (target);

  /* Without any clip cairo has no rectangle list: try again inside a clip to
   * the surface, which changes nothing but makes an existing clip show. */
  if (!clip_box (fill, cr))
    {
      cairo_save (cr);
      cairo_rectangle (cr, -ox, -oy, fill->cx1, fill->cy1);
      cairo_clip (cr);
      ok = clip_box (fill, cr);
      cairo_restore (cr);
      if (!ok)
        return FALSE;
    }

  cairo_surface_flush (target);
  fill->data = cairo_image_surface_get_data (target);
  fill->stride = cairo_image_surface_get_stride (target);
  return fill->data != NULL;
}

void
bourse_rect_fill_begin (BourseRectFill *fill,
                        cairo_t        *cr,
                        GArray         *boxes,
                        gboolean        allow_direct)
{
  g_return_if_fail (fill != NULL && cr != NULL && boxes != NULL);

  *fill = (BourseRectFill) { 0 };
  fill->cr = cr;
  fill->boxes = boxes;
  fill->direct = allow_direct && can_go_direct (fill, cr);
}

void
bourse_rect_fill_add (BourseRectFill *fill,
                      double          x,
                      double          y,
                      double          width,
                      double          height)
{
  BourseRectBox box;
  gint64 fx, fy;
  int a, b;

  /* Negative sizes would wind the other way and cancel overlaps under
   * cairo's WINDING rule: a batch is the union of its rectangles. */
  if (width < 0)
    {
      x += width;
      width = -width;
    }
  if (height < 0)
    {
      y += height;
      height = -height;
    }
  if (!fill->direct)
    {
      cairo_rectangle (fill->cr, x, y, width, height);
      return;
    }
  /* cairo_rectangle() is a move_to, then rel_line_to()s: the far edge is
   * the near one plus the size, each rounded to fixed point on its own. */
  fx = to_fixed (x + fill->dx);
  fy = to_fixed (y + fill->dy);
  a = round_edge (fx);
  b = round_edge (fx + to_fixed (width));
  box.x0 = MAX (a, fill->cx0);
  box.x1 = MIN (b, fill->cx1);
  a = round_edge (fy);
  b = round_edge (fy + to_fixed (height));
  box.y0 = MAX (a, fill->cy0);
  box.y1 = MIN (b, fill->cy1);
  if (box.x0 < box.x1 && box.y0 < box.y1)
    {
      /* g_array_append_val() without its per-call overhead: grow by doubling. */
      if (fill->n_boxes == fill->boxes->len)
        g_array_set_size (fill->boxes, MAX (64, 2 * fill->boxes->len));
      ((BourseRectBox *) (gpointer) fill->boxes->data)[fill->n_boxes++] = box;
    }
}

/* pixman's UN8x4_MUL_UN8_ADD_UN8x4: dst × (255 − src.a) / 255 + src per
 * channel. pixman saturates the sum; it never needs to here: each channel of
 * the product is at most 255 − src.a and a premultiplied source channel at
 * most src.a (channel() rounds c × a below a). */
static inline guint32
over_pixel (guint32 dst,
            guint32 src,
            guint32 inv_alpha)
{
  guint32 rb = (dst & 0xff00ff) * inv_alpha + 0x800080;
  guint32 ag = ((dst >> 8) & 0xff00ff) * inv_alpha + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return (rb | ag) + src;
}

/* Blends a run of pixels, remembering the last result: under a translucent
 * batch most pixels are the same background. */
typedef struct
{
  guint32 src, inv_alpha;
  guint32 last_dst, last_out;
} Over;

static inline guint32
over_cached (Over    *o,
             guint32  dst)
{
  if (dst != o->last_dst)
    {
      o->last_dst = dst;
      o->last_out = over_pixel (dst, o->src, o->inv_alpha);
    }
  return o->last_out;
}

/* wmemset() is glibc's vectorised 32-bit fill, pixman_fill()'s equivalent. */
G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (guint32));

static inline void
span (BourseRectFill *fill,
      int             y,
      int             x0,
      int             x1,
      guint32         pixel,
      gboolean        opaque,
      Over           *o)
{
  guint32 *row = (guint32 *) (gpointer) (fill->data + (gsize) y * (gsize) fill->stride);

  if (opaque)
    wmemset ((wchar_t *) (gpointer) (row + x0), (wchar_t) pixel, (size_t) (x1 - x0));
  else
    for (int x = x0; x < x1; x++)
      row[x] = over_cached (o, row[x]);
}

static int
compare_x0 (const void *a,
            const void *b)
{
  const BourseRectBox *p = a, *q = b;

  return (p->x0 > q->x0) - (p->x0 < q->x0);
}

/* Overlapping boxes, translucent colour: each row's spans merged, then blended once. */
static void
paint_merged (BourseRectFill *fill,
              guint32         pixel,
              Over           *o)
{
  BourseRectBox *boxes = (BourseRectBox *) (gpointer) fill->boxes->data;
  guint n = fill->n_boxes;
  int y0 = G_MAXINT, y1 = G_MININT;

  qsort (boxes, n, sizeof (BourseRectBox), compare_x0);
  for (guint i = 0; i < n; i++)
    {
      y0 = MIN (y0, boxes[i].y0);
      y1 = MAX (y1, boxes[i].y1);
    }
  for (int y = y0; y < y1; y++)
    {
      int run0 = 0, run1 = 0;
      gboolean in_run = FALSE;

      for (guint i = 0; i < n; i++)
        {
          if (y < boxes[i].y0 || y >= boxes[i].y1)
            continue;
          if (in_run && boxes[i].x0 <= run1)
            run1 = MAX (run1, boxes[i].x1);
          else
            {
              if (in_run)
                span (fill, y, run0, run1, pixel, FALSE, o);
              run0 = boxes[i].x0;
              run1 = boxes[i].x1;
              in_run = TRUE;
            }
        }
      if (in_run)
        span (fill, y, run0, run1, pixel, FALSE, o);
    }
}

static inline guint32
channel (double v)
{
  /* _cairo_color_double_to_short, then pixman's 16 → 8 bits. */
  return ((guint32) (CLAMP (v, 0.0, 1.0) * 65535.0 + 0.5)) >> 8;
}

void
bourse_rect_fill_paint (BourseRectFill   *fill,
                        const BourseRgba *color,
                        double            alpha,
                        gboolean          disjoint)
{
  double a = CLAMP (color->alpha * alpha, 0.0, 1.0);
  guint32 a16, pixel;
  Over o;
  gboolean opaque;
  BourseRectBox *boxes;
  int dx0 = G_MAXINT, dy0 = G_MAXINT, dx1 = G_MININT, dy1 = G_MININT;

  /* The source is left set as cairo_fill() would need it, direct or not. */
  cairo_set_source_rgba (fill->cr, color->red, color->green, color->blue, a);
  if (!fill->direct)
    {
      cairo_fill (fill->cr);
      return;
    }
  boxes = (BourseRectBox *) (gpointer) fill->boxes->data;
  a16 = (guint32) (a * 65535.0 + 0.5);
  if (fill->n_boxes == 0 || a16 < 0x0100)
    goto done;
  opaque = a16 >= 0xff00;
  pixel = (channel (a) << 24) | (channel (color->red * a) << 16) |
          (channel (color->green * a) << 8) | channel (color->blue * a);
  o.src = pixel;
  o.inv_alpha = 255 - (pixel >> 24);
  o.last_dst = 0;
  o.last_out = over_pixel (0, pixel, o.inv_alpha);

  for (guint i = 0; i < fill->n_boxes; i++)
    {
      dx0 = MIN (dx0, boxes[i].x0);
      dy0 = MIN (dy0, boxes[i].y0);
      dx1 = MAX (dx1, boxes[i].x1);
      dy1 = MAX (dy1, boxes[i].y1);
    }

  if (opaque || disjoint || fill->n_boxes == 1)
    {
      gsize step = (gsize) fill->stride / sizeof (guint32);

      for (guint i = 0; i < fill->n_boxes; i++)
        {
          const BourseRectBox *b = &boxes[i];

          if (b->x1 - b->x0 == 1)
            {
              /* A pixel column (candles and volume zoomed out, grid lines). */
              guint32 *p = (guint32 *) (gpointer) (fill->data + (gsize) b->y0 * (gsize) fill->stride) + b->x0;

              if (opaque)
                for (int y = b->y0; y < b->y1; y++, p += step)
                  *p = pixel;
              else
                for (int y = b->y0; y < b->y1; y++, p += step)
                  *p = over_cached (&o, *p);
            }
          else
            for (int y = b->y0; y < b->y1; y++)
              span (fill, y, b->x0, b->x1, pixel, opaque, &o);
        }
    }
  else if (fill->n_boxes <= MAX_MERGED_BOXES)
    paint_merged (fill, pixel, &o);
  else
    {
      /* Many overlapping translucent boxes: let cairo merge them. */
      cairo_new_path (fill->cr);
      for (guint i = 0; i < fill->n_boxes; i++)
        cairo_rectangle (fill->cr, boxes[i].x0 - fill->dx, boxes[i].y0 - fill->dy,
                         boxes[i].x1 - boxes[i].x0, boxes[i].y1 - boxes[i].y0);
      cairo_fill (fill->cr);
      goto done;
    }
  cairo_surface_mark_dirty_rectangle (fill->target, dx0, dy0, dx1 - dx0, dy1 - dy0);

done:
  fill->n_boxes = 0;
  /* The fallback paths leave the current path empty too. */
  cairo_new_path (fill->cr);
}
