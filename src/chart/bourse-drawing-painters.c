/* bourse-drawing-painters.c — one painter per drawing kind
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painters share one signature and sit in a table indexed by
 * BourseDrawingKind, so adding a kind is adding a function and a row. They
 * paint in pane-local logical pixels; cairo clips to the plot.
 */
#include "config.h"

#include <math.h>

#include "bourse-drawing-painters.h"
#include "bourse-indicator.h"

#define HANDLE_RADIUS 4.5
#define NOTE_SIZE     1.2   /* a text note's size relative to the chart font */

/* What a painter gets: the drawing, the pane, its anchors in pixels. */
typedef struct
{
  BourseDrawing                 *d;
  const BourseChartPaneGeometry *g;
  const double                  *x;
  const double                  *y;
  guint32                        color;
  guint32                        fill;
  double                         reach;   /* far enough to leave the pane */
} DrawingPaint;

typedef void (*DrawingPainter) (cairo_t            *cr,
                                const DrawingPaint *p);

static const double dashes[] = { 6, 4 };
static const double dots[] = { 1.5, 3 };

static void
set_source_rgba32 (cairo_t *cr,
                   guint32  rgba,
                   double   alpha_scale)
{
  cairo_set_source_rgba (cr, ((rgba >> 24) & 0xff) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
                         ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0 * alpha_scale);
}

static void
stroke_line (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

/* Extends a–b to far outside the pane (cairo clips to the plot area). */
static void
extend (double  ax,
        double  ay,
        double *bx,
        double *by,
        double  reach)
{
  double dx = *bx - ax, dy = *by - ay;
  double len = hypot (dx, dy);

  if (len < 1e-9)
    return;
  *bx = ax + dx / len * reach;
  *by = ay + dy / len * reach;
}

/* @text (one line or several) with its first baseline at (x, y), in the
 * chart's font @relative times its size, through the renderer's text cache. */
static void
draw_label (cairo_t            *cr,
            const DrawingPaint *p,
            double              x,
            double              y,
            double              relative,
            const char         *text)
{
  if (p->g->text == NULL)
    return;
  bourse_chart_text_select (p->g->text, relative, FALSE);
  bourse_chart_text_draw_block (p->g->text, cr, x, y, text, NULL, NULL);
}

static void
paint_trend_line (cairo_t            *cr,
                  const DrawingPaint *p)
{
  stroke_line (cr, p->x[0], p->y[0], p->x[1], p->y[1]);
}

static void
paint_ray (cairo_t            *cr,
           const DrawingPaint *p)
{
  double ex = p->x[1], ey = p->y[1];

  extend (p->x[0], p->y[0], &ex, &ey, p->reach);
  stroke_line (cr, p->x[0], p->y[0], ex, ey);
}

static void
paint_extended_line (cairo_t            *cr,
                     const DrawingPaint *p)
{
  double ex = p->x[1], ey = p->y[1], sx = p->x[0], sy = p->y[0];

  extend (p->x[0], p->y[0], &ex, &ey, p->reach);
  extend (p->x[1], p->y[1], &sx, &sy, p->reach);
  stroke_line (cr, sx, sy, ex, ey);
}

static void
paint_horizontal_line (cairo_t            *cr,
                       const DrawingPaint *p)
{
  stroke_line (cr, 0, p->y[0], p->g->width, p->y[0]);
}

static void
paint_horizontal_ray (cairo_t            *cr,
                      const DrawingPaint *p)
{
  stroke_line (cr, p->x[0], p->y[0], p->g->width, p->y[0]);
}

static void
paint_vertical_line (cairo_t            *cr,
                     const DrawingPaint *p)
{
  stroke_line (cr, p->x[0], 0, p->x[0], p->g->height);
}

static void
paint_rectangle (cairo_t            *cr,
                 const DrawingPaint *p)
{
  const double *x = p->x, *y = p->y;

  cairo_rectangle (cr, MIN (x[0], x[1]), MIN (y[0], y[1]), fabs (x[1] - x[0]), fabs (y[1] - y[0]));
  set_source_rgba32 (cr, p->fill, 1);
  cairo_fill_preserve (cr);
  set_source_rgba32 (cr, p->color, 1);
  cairo_stroke (cr);
}

/* The base line, its parallel through the third anchor, the band between
 * them filled and a dashed middle line. */
static void
paint_parallel_channel (cairo_t            *cr,
                        const DrawingPaint *p)
{
  const double *x = p->x, *y = p->y;
  double dx = x[1] - x[0];
  double off = fabs (dx) > 1e-9 ? y[2] - (y[0] + (y[1] - y[0]) * (x[2] - x[0]) / dx) : y[2] - y[0];

  cairo_move_to (cr, x[0], y[0]);
  cairo_line_to (cr, x[1], y[1]);
  cairo_line_to (cr, x[1], y[1] + off);
  cairo_line_to (cr, x[0], y[0] + off);
  cairo_close_path (cr);
  set_source_rgba32 (cr, p->fill, 1);
  cairo_fill (cr);
  set_source_rgba32 (cr, p->color, 1);
  stroke_line (cr, x[0], y[0], x[1], y[1]);
  stroke_line (cr, x[0], y[0] + off, x[1], y[1] + off);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, 1);
  stroke_line (cr, x[0], y[0] + off / 2, x[1], y[1] + off / 2);
}

/* A labelled line per Fibonacci level, the dashed diagonal between anchors. */
static void
paint_fib_retracement (cairo_t            *cr,
                       const DrawingPaint *p)
{
  const double *x = p->x, *y = p->y;
  double left = MIN (x[0], x[1]), right = MAX (x[0], x[1]);
  char buf[128], num[BOURSE_FORMAT_NUMBER_BUF_SIZE], num2[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  for (guint l = 0; l < BOURSE_DRAWING_N_FIB_LEVELS; l++)
    {
      double level = bourse_drawing_fib_levels[l];
      double price = bourse_drawing_get_fib_price (p->d, level);
      double ly = bourse_chart_pane_geometry_price_to_y (p->g, price);

      stroke_line (cr, left, ly, right, ly);
      g_snprintf (buf, sizeof buf, "%s (%s)", bourse_format_number (num, level, 3),
                  bourse_format_number (num2, price, MAX (p->g->precision, 0)));
      draw_label (cr, p, left + 4, ly - 3, 1.0, buf);
    }
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, 1);
  stroke_line (cr, x[0], y[0], x[1], y[1]);
}

/* The note's text above and right of its anchor; a note of several lines
 * grows upwards, so its last line keeps its place by the dot. */
static void
paint_text_note (cairo_t            *cr,
                 const DrawingPaint *p)
{
  const char *text = bourse_drawing_get_text (p->d);
  double ink_y = 0, ink_h = 0;

  if (text == NULL || *text == '\0')
    text = "Note";
  if (p->g->text != NULL)
    {
      bourse_chart_text_select (p->g->text, NOTE_SIZE, FALSE);
      bourse_chart_text_get_ink (p->g->text, text, NULL, &ink_y, NULL, &ink_h);
    }
  draw_label (cr, p, p->x[0] + 4, p->y[0] - 4 - MAX (0.0, (ink_y + ink_h) / p->g->scale_factor),
              NOTE_SIZE, text);
  cairo_arc (cr, p->x[0], p->y[0], 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* The box between the anchors and the price change across it. */
static void
paint_price_range (cairo_t            *cr,
                   const DrawingPaint *p)
{
  const double *x = p->x, *y = p->y;
  BourseDrawingPoint p0 = bourse_drawing_get_point (p->d, 0);
  BourseDrawingPoint p1 = bourse_drawing_get_point (p->d, 1);
  double delta = p1.price - p0.price;
  double cx = (x[0] + x[1]) / 2;
  char buf[128], num[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  cairo_rectangle (cr, MIN (x[0], x[1]), MIN (y[0], y[1]), fabs (x[1] - x[0]), fabs (y[1] - y[0]));
  set_source_rgba32 (cr, p->fill, 1);
  cairo_fill (cr);
  set_source_rgba32 (cr, p->color, 1);
  stroke_line (cr, cx, y[0], cx, y[1]);
  g_snprintf (buf, sizeof buf, "%s%s (%+.2f%%)", delta >= 0 ? "+" : "",
              bourse_format_number (num, delta, MAX (p->g->precision, 0)),
              p0.price != 0 ? delta / p0.price * 100 : 0.0);
  draw_label (cr, p, cx + 4, y[1] + (y[1] < y[0] ? -4 : 14), 1.0, buf);
}

/* The position tool's labels, as TradingView draws them: solid boxes, the
 * target's (green) at the far edge of the target zone, the stop's (red) at
 * the far edge of the stop zone, the risk:reward ratio centred on the entry
 * line in the drawing's colour. The text is white or black, whichever
 * contrasts more with the box (at least 4.5:1 for any colour). Each stays inside the
 * drawing while its zone is tall enough, and goes just beyond the zone's
 * edge when it is not, so no label is cut by an edge line. */
#define LABEL_PAD_X 6
#define LABEL_PAD_Y 3
#define LABEL_MARGIN 3

static const guint32 label_backgrounds[] = {
  [BOURSE_POSITION_LABEL_TARGET] = 0x00695cff,
  [BOURSE_POSITION_LABEL_STOP]   = 0xc62828ff,
};

/* WCAG relative luminance of an opaque RGBA colour. */
static double
luminance (guint32 rgba)
{
  const double weights[3] = { 0.2126, 0.7152, 0.0722 };
  double l = 0;

  for (guint i = 0; i < 3; i++)
    {
      double c = ((rgba >> (24 - 8 * i)) & 0xff) / 255.0;
      l += weights[i] * (c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4));
    }
  return l;
}

static void
position_label_text (BourseDrawing              *d,
                     int                         precision,
                     BoursePositionLabelKind     kind,
                     char                       *buf,
                     gsize                       len)
{
  BourseDrawingPoint entry = bourse_drawing_get_point (d, 0);
  double risk, reward, ratio;

  bourse_drawing_get_risk_reward (d, &risk, &reward, &ratio);
  switch (kind)
    {
    case BOURSE_POSITION_LABEL_TARGET:
      g_snprintf (buf, len, "Target: %.*f (%.2f%%)", MAX (precision, 0), reward,
                  entry.price != 0 ? reward / entry.price * 100 : 0.0);
      break;
    case BOURSE_POSITION_LABEL_STOP:
      g_snprintf (buf, len, "Stop: %.*f (%.2f%%)", MAX (precision, 0), risk,
                  entry.price != 0 ? risk / entry.price * 100 : 0.0);
      break;
    case BOURSE_POSITION_LABEL_RATIO:
    default:
      g_snprintf (buf, len, "Risk/Reward Ratio: %.2f", isfinite (ratio) ? ratio : 0.0);
      break;
    }
}

/* A label box of @width × @height at the far edge @edge of the zone that
 * starts at the entry line @entry: inside when the zone leaves room for it
 * and the centred ratio label, else just beyond the edge. */
static double
place_at_edge (double entry,
               double edge,
               double height)
{
  gboolean above = edge < entry;
  gboolean fits = fabs (entry - edge) >= 2.5 * height + 2 * LABEL_MARGIN;

  if (above)
    return fits ? edge + LABEL_MARGIN : edge - LABEL_MARGIN - height;
  return fits ? edge - LABEL_MARGIN - height : edge + LABEL_MARGIN;
}

/**
 * bourse_drawing_layout_position_labels:
 * @cr: the context the labels will be painted on (unused: the pane's text measures)
 * @labels: (out caller-allocates) (array fixed-size=3): the boxes and texts
 *
 * Where the long/short position tool puts its labels; the painter and the
 * tests use this one layout.
 */
void
bourse_drawing_layout_position_labels (cairo_t                       *cr,
                                       BourseDrawing                 *drawing,
                                       const BourseChartPaneGeometry *geometry,
                                       const double                  *x,
                                       const double                  *y,
                                       BoursePositionLabel           *labels)
{
  double left = MIN (x[0], x[1]), width = fabs (x[1] - x[0]);
  BourseChartTextMetrics font = { 0 };
  double scale = 1;

  if (geometry->text != NULL)
    {
      /* the text's metrics are device px; the layout is in the layer's logical px */
      scale = bourse_chart_text_get_scale (geometry->text);
      bourse_chart_text_select (geometry->text, 1.0, FALSE);
      bourse_chart_text_get_metrics (geometry->text, &font);
    }
  for (guint k = 0; k < BOURSE_POSITION_N_LABELS; k++)
    {
      BoursePositionLabel *label = &labels[k];
      double advance = 0;

      label->kind = k;
      position_label_text (drawing, geometry->precision, k, label->text, sizeof label->text);
      if (geometry->text != NULL)
        advance = bourse_chart_text_get_width (geometry->text, label->text) / scale;
      label->width = ceil (advance) + 2 * LABEL_PAD_X;
      label->height = ceil (font.height / scale) + 2 * LABEL_PAD_Y;
      label->baseline = LABEL_PAD_Y + font.ascent / scale;
      /* Centred in the drawing; a box wider than the drawing starts at its left. */
      label->x = label->width < width ? round (left + (width - label->width) / 2) : round (left);
      switch (k)
        {
        case BOURSE_POSITION_LABEL_TARGET:
          label->y = round (place_at_edge (y[0], y[1], label->height));
          break;
        case BOURSE_POSITION_LABEL_STOP:
          label->y = round (place_at_edge (y[0], y[2], label->height));
          break;
        default:
          /* on the entry line, kept inside the drawing while it is tall enough */
          label->y = y[0] - label->height / 2;
          if (MAX (y[1], y[2]) - MIN (y[1], y[2]) >= label->height)
            label->y = CLAMP (label->y, MIN (y[1], y[2]), MAX (y[1], y[2]) - label->height);
          label->y = round (label->y);
          break;
        }
    }
}

/* Long and short positions: the target zone (anchor 1) in green, the stop
 * zone (anchor 2) in red, the entry line and the labels laid out above. */
static void
paint_position (cairo_t            *cr,
                const DrawingPaint *p)
{
  const double *x = p->x, *y = p->y;
  double left = MIN (x[0], x[1]), width = fabs (x[1] - x[0]);
  /* The zones keep their green and red; the fill's alpha sets how strong. */
  double zone_alpha = (p->fill & 0xff) / 255.0 * (0.25 / 0.15);
  BoursePositionLabel labels[BOURSE_POSITION_N_LABELS];

  cairo_rectangle (cr, left, MIN (y[0], y[1]), width, fabs (y[1] - y[0]));
  cairo_set_source_rgba (cr, 0.15, 0.65, 0.6, MIN (zone_alpha, 1));
  cairo_fill (cr);
  cairo_rectangle (cr, left, MIN (y[0], y[2]), width, fabs (y[2] - y[0]));
  cairo_set_source_rgba (cr, 0.94, 0.33, 0.31, MIN (zone_alpha, 1));
  cairo_fill (cr);
  set_source_rgba32 (cr, p->color, 1);
  stroke_line (cr, left, y[0], left + width, y[0]);

  bourse_drawing_layout_position_labels (cr, p->d, p->g, x, y, labels);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint k = 0; k < BOURSE_POSITION_N_LABELS; k++)
    {
      const BoursePositionLabel *label = &labels[k];
      guint32 bg = label->kind == BOURSE_POSITION_LABEL_RATIO ? p->color | 0xff : label_backgrounds[label->kind];
      double l = luminance (bg);
      double white = 1.05 / (l + 0.05), black = (l + 0.05) / 0.05;

      cairo_rectangle (cr, label->x, label->y, label->width, label->height);
      set_source_rgba32 (cr, bg, 1);
      cairo_fill (cr);
      if (white >= black)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      draw_label (cr, p, label->x + LABEL_PAD_X, label->y + label->baseline, 1.0, label->text);
    }
}

static const DrawingPainter painters[BOURSE_DRAWING_N_KINDS] = {
  [BOURSE_DRAWING_TREND_LINE]       = paint_trend_line,
  [BOURSE_DRAWING_RAY]              = paint_ray,
  [BOURSE_DRAWING_EXTENDED_LINE]    = paint_extended_line,
  [BOURSE_DRAWING_HORIZONTAL_LINE]  = paint_horizontal_line,
  [BOURSE_DRAWING_HORIZONTAL_RAY]   = paint_horizontal_ray,
  [BOURSE_DRAWING_VERTICAL_LINE]    = paint_vertical_line,
  [BOURSE_DRAWING_RECTANGLE]        = paint_rectangle,
  [BOURSE_DRAWING_PARALLEL_CHANNEL] = paint_parallel_channel,
  [BOURSE_DRAWING_FIB_RETRACEMENT]  = paint_fib_retracement,
  [BOURSE_DRAWING_TEXT_NOTE]        = paint_text_note,
  [BOURSE_DRAWING_PRICE_RANGE]      = paint_price_range,
  [BOURSE_DRAWING_LONG_POSITION]    = paint_position,
  [BOURSE_DRAWING_SHORT_POSITION]   = paint_position,
};

void
bourse_drawing_paint (cairo_t                       *cr,
                      BourseDrawing                 *drawing,
                      const BourseChartPaneGeometry *geometry,
                      const double                  *x,
                      const double                  *y)
{
  guint kind = bourse_drawing_get_kind (drawing);
  DrawingPaint p = {
    drawing, geometry, x, y, bourse_drawing_get_color (drawing), bourse_drawing_get_fill_color (drawing),
    4 * (geometry->width + geometry->height),
  };

  if (kind >= G_N_ELEMENTS (painters) || painters[kind] == NULL)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, bourse_drawing_get_line_width (drawing));
  switch (bourse_drawing_get_line_style (drawing))
    {
    case BOURSE_LINE_STYLE_DASHED: cairo_set_dash (cr, dashes, 2, 0); break;
    case BOURSE_LINE_STYLE_DOTTED: cairo_set_dash (cr, dots, 2, 0); break;
    default: break;
    }
  set_source_rgba32 (cr, p.color, 1);
  painters[kind] (cr, &p);
  cairo_restore (cr);
}

void
bourse_drawing_paint_handles (cairo_t       *cr,
                              BourseDrawing *drawing,
                              const double  *x,
                              const double  *y,
                              guint          n)
{
  guint32 color = bourse_drawing_get_color (drawing);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < n; i++)
    {
      cairo_arc (cr, x[i], y[i], HANDLE_RADIUS, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_source_rgba32 (cr, color, 1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
