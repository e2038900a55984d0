/* bourse-rect-fill.h — batches of axis-aligned rectangles filled with one colour
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer's candles, volume columns, grid and axis lines are thousands of
 * pixel-aligned rectangles per frame. Through cairo each one is a path of five
 * segments, then the batch is tessellated, clipped and composited: most of a
 * frame. When the target is an ARGB32 image surface reached through a pure
 * integer translation, with one rectangular clip and no antialiasing, a batch
 * is written into the pixels directly with exactly cairo's results (the same
 * edge rounding, SOURCE for opaque colours, pixman's OVER arithmetic
 * otherwise, overlapping rectangles covered once). Anywhere else the same
 * calls go through cairo_rectangle() and cairo_fill(). Either way a batch is
 * the union of its rectangles (negative sizes are turned around first).
 *
 * Private to the chart engine; not a GObject: a value on the stack, begun and
 * ended within one frame, with a scratch array owned by the renderer.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bourse-chart-types.h"

G_BEGIN_DECLS

typedef struct
{
  int x0, y0, x1, y1;   /* device pixels, [x0, x1) × [y0, y1) */
} BourseRectBox;

typedef struct
{
  cairo_t         *cr;
  GArray          *boxes;      /* BourseRectBox storage (owned by the caller) */
  guint            n_boxes;    /* used in @boxes; its length is the capacity */
  cairo_surface_t *target;
  guint8          *data;
  int              stride;
  double           dx, dy;     /* device = user + (dx, dy) */
  int              cx0, cy0, cx1, cy1;  /* clip ∩ surface, device pixels */
  gboolean         direct;
} BourseRectFill;

void bourse_rect_fill_begin (BourseRectFill   *fill,
                             cairo_t          *cr,
                             GArray           *boxes,
                             gboolean          allow_direct);
void bourse_rect_fill_add   (BourseRectFill   *fill,
                             double            x,
                             double            y,
                             double            width,
                             double            height);
void bourse_rect_fill_paint (BourseRectFill   *fill,
                             const BourseRgba *color,
                             double            alpha,
                             gboolean          disjoint);

G_END_DECLS
