/* bourse-chart-renderer.c — paints a BourseChart on any cairo_t
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is painted in device pixels (the context is scaled by
 * 1 / scale_factor on entry), so rectangles land on whole pixels and 1 px
 * lines are crisp at any HiDPI scale. Candles, volume, grid and axis lines
 * are batched per colour and filled once, without antialiasing, as Lightweight
 * Charts does with fillRect; a batch goes straight into the pixels of an
 * ARGB32 image surface when cairo would give the same ones (bourse-rect-fill.h),
 * and text is shaped by Pango once per string and kept as glyphs
 * (bourse-chart-text.c). When bars are denser
 * than device pixels, each pixel column is drawn from the level-of-detail
 * pyramid (min/max of the bars it covers), so a frame costs O(width · log N)
 * whatever the number of bars.
 *
 * This file owns the object, the text helpers the parts paint labels with,
 * and the order a frame is painted in; the parts are painted by the files listed in
 * bourse-chart-renderer-private.h.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bourse-chart-renderer-private.h"

G_DEFINE_FINAL_TYPE (BourseChartRenderer, bourse_chart_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
line_hit_clear (gpointer data)
{
  LineHit *hit = data;

  g_clear_pointer (&hit->id, g_free);
}

double
_bourse_chart_renderer_text_width (BourseChartRenderer *self,
                                   cairo_t             *cr,
                                   const char          *text)
{
  return bourse_chart_text_get_width (self->text, text);
}

/* Text with the middle of its digits at @yc; @align 0 left, 0.5 centre, 1 right. */
double
_bourse_chart_renderer_draw_text (BourseChartRenderer *self,
                                  cairo_t             *cr,
                                  double               x,
                                  double               yc,
                                  double               align,
                                  const char          *text)
{
  return bourse_chart_text_draw (self->text, cr, x, yc, align, text);
}

/* A price label's text on the axis: left-aligned right of the plot, or
 * right-aligned left of it. */
void
_bourse_chart_renderer_axis_text (BourseChartRenderer *self,
                                  cairo_t             *cr,
                                  double               yc,
                                  const char          *text)
{
  double s = self->scale;

  if (self->axis_left)
    _bourse_chart_renderer_draw_text (self, cr, -AXIS_PADDING * s, yc, 1, text);
  else
    _bourse_chart_renderer_draw_text (self, cr, (self->plot_width + AXIS_PADDING) * s, yc, 0, text);
}

/* ---------------------------------------------------------------------------
 * Render
 * ------------------------------------------------------------------------ */

static void
paint_background (BourseChartRenderer *self,
                  cairo_t             *cr)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale;
  BourseRectFill fill;

  fill_begin (self, &fill, cr);
  bourse_rect_fill_add (&fill, -round (self->plot_x * s), 0, ceil (self->width * s), ceil (self->height * s));
  bourse_rect_fill_paint (&fill, &pal->background, 1.0, FALSE);
}

/* One pane, clipped to its plot: watermark, series, then the main pane's
 * last price, price lines and markers; its layers (drawings) on top. */
static void
paint_pane (BourseChartRenderer    *self,
            cairo_t                *cr,
            const PaneLayout       *pl,
            const BourseOhlcSource *src)
{
  gboolean is_main = pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE;
  double s = self->scale;
  PaintCtx pc = { 0 };

  pc.self = self;
  pc.cr = cr;
  pc.pl = pl;
  pc.src = src;
  pc.s = s;
  pc.top = pl->geometry.y * s;
  pc.height = pl->geometry.height * s;
  pc.width = self->plot_width * s;
  bourse_time_scale_visible_bars (&pl->geometry.time_scale, src->len, &pc.first, &pc.end);
  pc.columns = self->columns;
  pc.n_cols = self->n_cols;

  cairo_save (cr);
  cairo_rectangle (cr, 0, pc.top, pc.width, pc.height);
  cairo_clip (cr);

  if (is_main)
    _bourse_chart_renderer_paint_watermark (self, cr, pl);
  _bourse_chart_renderer_paint_pane_series (&pc);
  if (is_main)
    {
      _bourse_chart_renderer_paint_last_price (self, cr, pl);
      _bourse_chart_renderer_paint_price_lines (self, cr, pl);
      _bourse_chart_renderer_paint_markers (self, cr, &pc);
    }
  cairo_restore (cr);
  _bourse_chart_renderer_paint_layers (self, cr, pl);
}

static void
paint_base (BourseChartRenderer    *self,
            cairo_t                *cr,
            const BourseOhlcSource *src)
{
  paint_background (self, cr);
  _bourse_chart_renderer_paint_grid (self, cr, src);
  for (guint p = 0; p < self->panes->len; p++)
    paint_pane (self, cr, &g_array_index (self->panes, PaneLayout, p), src);

  _bourse_chart_renderer_paint_axes_labels (self, cr);
  for (guint p = 0; p < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);

      if (pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE)
        _bourse_chart_renderer_paint_main_axis_labels (self, cr, pl);
    }
}

void
bourse_chart_renderer_render_parts (BourseChartRenderer    *self,
                                    cairo_t                *cr,
                                    double                  width,
                                    double                  height,
                                    double                  scale_factor,
                                    BourseChartRenderParts  parts)
{
  BourseOhlcSource src;
  double s;

  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);

  if (parts & BOURSE_CHART_RENDER_BASE)
    bourse_chart_renderer_layout (self, width, height, scale_factor);
  _bourse_chart_get_ohlc (self->chart, &src);
  s = self->scale;

  cairo_save (cr);
  cairo_scale (cr, 1.0 / s, 1.0 / s);
  cairo_translate (cr, round (self->plot_x * s), 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  if (parts & BOURSE_CHART_RENDER_BASE)
    paint_base (self, cr, &src);

  if (parts & BOURSE_CHART_RENDER_OVERLAY)
    {
      gssize bar;

      _bourse_chart_renderer_paint_crosshair (self, cr, &src, &bar);
      _bourse_chart_renderer_paint_legend (self, cr, &src, bar);
    }

  cairo_restore (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_warning ("Chart frame incomplete: %s", cairo_status_to_string (cairo_status (cr)));
}

void
bourse_chart_renderer_render (BourseChartRenderer *self,
                              cairo_t             *cr,
                              double               width,
                              double               height,
                              double               scale_factor)
{
  bourse_chart_renderer_render_parts (self, cr, width, height, scale_factor, BOURSE_CHART_RENDER_ALL);
}

double
bourse_chart_renderer_get_secondary_axis_width (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return self->secondary_width;
}

void
bourse_chart_renderer_set_order_button_visible (BourseChartRenderer *self,
                                                gboolean             visible)
{
  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  self->order_button_visible = !!visible;
}

/**
 * bourse_chart_renderer_set_direct_fill:
 * @direct: %FALSE to paint every rectangle through cairo_fill()
 *
 * By default candles, volume, grid and axis lines are written straight into
 * ARGB32 image surfaces when cairo would produce exactly the same pixels (see
 * bourse-rect-fill.h). Tests turn it off to compare both paths; the picture
 * does not change.
 */
void
bourse_chart_renderer_set_direct_fill (BourseChartRenderer *self,
                                       gboolean             direct)
{
  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  self->direct_fill = !!direct;
}

double
bourse_chart_renderer_get_price_axis_width (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return self->axis_width;
}

double
bourse_chart_renderer_get_time_axis_height (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return TIME_AXIS_HEIGHT;
}

void
bourse_chart_renderer_set_font (BourseChartRenderer        *self,
                                const PangoFontDescription *font,
                                const cairo_font_options_t *options,
                                double                      resolution)
{
  g_return_if_fail (BOURSE_IS_CHART_RENDERER (self));
  /* The axis width follows at the next layout. */
  bourse_chart_text_set_font (self->text, font, options, resolution);
}

BourseChartText *
bourse_chart_renderer_get_text (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), NULL);
  return self->text;
}

gboolean
bourse_chart_renderer_save_png (BourseChartRenderer  *self,
                                const char           *path,
                                int                   width,
                                int                   height,
                                double                scale_factor,
                                GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (width <= 0 || height <= 0 || width > 16384 || height > 16384 || !(scale_factor > 0) || scale_factor > 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid image size %d×%d at scale %g", width, height, scale_factor);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale_factor),
                                        (int) ceil (height * scale_factor));
  cr = cairo_create (surface);
  cairo_scale (cr, scale_factor, scale_factor);
  bourse_chart_renderer_render (self, cr, width, height, scale_factor);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not write “%s”: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
bourse_chart_renderer_dispose (GObject *object)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (bourse_chart_renderer_parent_class)->dispose (object);
}

static void
bourse_chart_renderer_finalize (GObject *object)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  g_clear_object (&self->text);
  g_clear_pointer (&self->panes, g_array_unref);
  g_clear_pointer (&self->line_hits, g_array_unref);
  g_clear_pointer (&self->legend_items, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->bounds, g_free);
  g_clear_pointer (&self->col_a, g_free);
  g_clear_pointer (&self->col_b, g_free);
  g_clear_pointer (&self->vol_cols, g_free);
  g_clear_pointer (&self->vol_scratch, g_free);

  G_OBJECT_CLASS (bourse_chart_renderer_parent_class)->finalize (object);
}

static void
bourse_chart_renderer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

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
bourse_chart_renderer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BourseChartRenderer *self = BOURSE_CHART_RENDERER (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_renderer_class_init (BourseChartRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_chart_renderer_dispose;
  object_class->finalize = bourse_chart_renderer_finalize;
  object_class->get_property = bourse_chart_renderer_get_property;
  object_class->set_property = bourse_chart_renderer_set_property;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, BOURSE_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_chart_renderer_init (BourseChartRenderer *self)
{
  self->text = bourse_chart_text_new ();
  self->panes = g_array_new (FALSE, TRUE, sizeof (PaneLayout));
  self->line_hits = g_array_new (FALSE, TRUE, sizeof (LineHit));
  self->legend_items = g_array_new (FALSE, TRUE, sizeof (BourseChartLegendItem));
  g_array_set_clear_func (self->line_hits, line_hit_clear);
  self->marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (double));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (BourseRectBox));
  self->order_button_visible = TRUE;
  self->direct_fill = TRUE;
  self->width = self->height = 1;
  self->scale = 1;
}

BourseChartRenderer *
bourse_chart_renderer_new (BourseChart *chart)
{
  g_return_val_if_fail (BOURSE_IS_CHART (chart), NULL);
  return g_object_new (BOURSE_TYPE_CHART_RENDERER, "chart", chart, NULL);
}

BourseChart *
bourse_chart_renderer_get_chart (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), NULL);
  return self->chart;
}

guint
bourse_chart_renderer_get_n_legend_items (BourseChartRenderer *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), 0);
  return self->legend_items->len;
}

gboolean
bourse_chart_renderer_get_legend_item (BourseChartRenderer   *self,
                                       guint                  index,
                                       BourseChartLegendItem *item)
{
  g_return_val_if_fail (BOURSE_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (index >= self->legend_items->len)
    return FALSE;
  *item = g_array_index (self->legend_items, BourseChartLegendItem, index);
  return TRUE;
}
