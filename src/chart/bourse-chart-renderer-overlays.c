/* bourse-chart-renderer-overlays.c — what is painted over the series: watermark, last price,
 * price lines, markers, layers (drawings), crosshair and legend
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-renderer-private.h"

void
_bourse_chart_renderer_paint_watermark (BourseChartRenderer *self,
                                        cairo_t             *cr,
                                        const PaneLayout    *pl)
{
  const char *text = bourse_chart_get_watermark (self->chart);
  double s = self->scale;

  if (text == NULL || *text == '\0')
    return;
  double size = 4.0, w;  /* 4 × the chart font: 48 px for 9 pt at 96 dpi */

  cairo_save (cr);
  select_font (self, size * s, TRUE);
  /* Shrink to fit a narrow chart rather than be cut at both ends, in
   * eighths of the chart font so resizing does not invent a size per pixel. */
  w = _bourse_chart_renderer_text_width (self, cr, text);
  if (w > self->plot_width * s * 0.85)
    select_font (self, MAX (1.0, floor (size * self->plot_width * s * 0.85 / w * 8) / 8) * s, TRUE);
  set_rgba (cr, &bourse_chart_get_palette (self->chart)->watermark);
  _bourse_chart_renderer_draw_text (self, cr, self->plot_width * s / 2, (pl->geometry.y + pl->geometry.height / 2) * s, 0.5, text);
  cairo_restore (cr);
}

void
_bourse_chart_renderer_paint_last_price (BourseChartRenderer *self,
                                         cairo_t             *cr,
                                         const PaneLayout    *pl)
{
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  const BourseRgba *c;
  double s = self->scale, y;
  gsize last;
  BourseRectFill fill;

  /* The real last price, also on a Heikin-Ashi chart. */
  if (bars == NULL || bars->len == 0 || !bourse_chart_get_last_price_visible (self->chart))
    return;
  last = bars->len - 1;
  c = bars->close[last] >= bars->open[last] ? _bourse_chart_get_up_color (self->chart)
                                            : _bourse_chart_get_down_color (self->chart);
  y = (pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, bars->close[last])) * s;
  if (y < pl->geometry.y * s || y > (pl->geometry.y + pl->geometry.height) * s)
    return;
  fill_begin (self, &fill, cr);
  dashed_hline (&fill, 0, self->plot_width * s, y, s, 1, 2);
  bourse_rect_fill_paint (&fill, c, 1.0, FALSE);
}

void
_bourse_chart_renderer_paint_price_lines (BourseChartRenderer *self,
                                          cairo_t             *cr,
                                          const PaneLayout    *pl)
{
  GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale;
  FontMetrics fm;

  select_font (self, s, FALSE);
  font_metrics (self, &fm);
  g_array_set_size (self->line_hits, 0);

  for (guint i = 0; i < lines->len; i++)
    {
      const BoursePriceLine *line = g_ptr_array_index (lines, i);
      double ly = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, line->price);
      double y = floor (ly * s), h = fm.height + 6 * s, x = 12 * s, tw;
      LineHit hit = { 0 };
      BourseRectFill fill;

      if (ly < pl->geometry.y || ly > pl->geometry.y + pl->geometry.height)
        continue;
      fill_begin (self, &fill, cr);
      if (line->flags & BOURSE_PRICE_LINE_DASHED)
        dashed_hline (&fill, 0, self->plot_width * s, y, s, 4, 4);
      else
        hline (&fill, 0, self->plot_width * s, y, s);
      bourse_rect_fill_paint (&fill, &line->color, 1.0, FALSE);

      hit.id = g_strdup (line->id);
      hit.y = ly;
      hit.price = line->price;
      if (line->label != NULL && *line->label != '\0')
        {
          tw = _bourse_chart_renderer_text_width (self, cr, line->label) + 12 * s;
          label_box (cr, x, y + 0.5, tw, h, &line->color);
          set_rgba (cr, contrast_text (&line->color));
          _bourse_chart_renderer_draw_text (self, cr, x + 6 * s, y + 0.5, 0, line->label);
          hit.label_x = x / s;
          hit.label_w = tw / s;
          x += tw;
        }
      if (line->flags & BOURSE_PRICE_LINE_CLOSABLE)
        {
          double bw = h;

          set_rgba (cr, &line->color);
          cairo_rectangle (cr, round (x), round (y + 0.5 - h / 2), round (bw), round (h));
          cairo_fill (cr);
          set_rgba (cr, &pal->background);
          cairo_rectangle (cr, round (x) + s, round (y + 0.5 - h / 2) + s, round (bw) - 2 * s, round (h) - 2 * s);
          cairo_fill (cr);
          /* The ✕ as two antialiased strokes: no font has to carry the glyph. */
          cairo_save (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
          cairo_set_line_width (cr, 1.5 * s);
          cairo_move_to (cr, x + bw * 0.3, y + 0.5 - h * 0.2);
          cairo_line_to (cr, x + bw * 0.7, y + 0.5 + h * 0.2);
          cairo_move_to (cr, x + bw * 0.7, y + 0.5 - h * 0.2);
          cairo_line_to (cr, x + bw * 0.3, y + 0.5 + h * 0.2);
          set_rgba (cr, &line->color);
          cairo_stroke (cr);
          cairo_restore (cr);
          hit.close_x = x / s;
          hit.close_w = bw / s;
        }
      g_array_append_val (self->line_hits, hit);
    }
}

void
_bourse_chart_renderer_paint_markers (BourseChartRenderer *self,
                                      cairo_t             *cr,
                                      PaintCtx            *pc)
{
  GArray *markers = bourse_chart_peek_markers (self->chart);
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  double s = self->scale, size = 6 * s;

  if (bars == NULL || bars->len == 0 || markers->len == 0)
    return;
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  select_font (self, s * 0.9, TRUE);
  for (guint i = 0; i < markers->len; i++)
    {
      const BourseMarker *m = &g_array_index (markers, BourseMarker, i);
      gsize idx = bourse_bars_lower_bound (bars, m->time + 1);
      const BourseRgba *c;
      double x, y, dir;

      if (idx == 0)
        continue;
      idx--;  /* the bar containing the time */
      if (idx < pc->first || idx >= pc->end)
        continue;
      x = dev_x (pc, (double) idx);
      y = dev_y (pc, m->price);
      dir = m->kind == BOURSE_MARKER_BUY ? 1.0 : -1.0;
      c = m->kind == BOURSE_MARKER_BUY ? _bourse_chart_get_up_color (self->chart)
                                       : _bourse_chart_get_down_color (self->chart);
      /* Tip at the price, body away from it. */
      cairo_move_to (cr, x, y + dir * 2 * s);
      cairo_line_to (cr, x + size, y + dir * (2 * s + size));
      cairo_line_to (cr, x + size * 0.4, y + dir * (2 * s + size));
      cairo_line_to (cr, x + size * 0.4, y + dir * (2 * s + 2 * size));
      cairo_line_to (cr, x - size * 0.4, y + dir * (2 * s + 2 * size));
      cairo_line_to (cr, x - size * 0.4, y + dir * (2 * s + size));
      cairo_line_to (cr, x - size, y + dir * (2 * s + size));
      cairo_close_path (cr);
      set_rgba (cr, c);
      cairo_fill (cr);
      if (m->text != NULL && *m->text != '\0')
        _bourse_chart_renderer_draw_text (self, cr, x, y + dir * (2 * s + 2 * size + 8 * s), 0.5, m->text);
    }
  cairo_restore (cr);
}

void
_bourse_chart_renderer_paint_layers (BourseChartRenderer *self,
                                     cairo_t             *cr,
                                     const PaneLayout    *pl)
{
  g_autoptr(GPtrArray) layers = bourse_chart_get_layers (self->chart, pl->geometry.pane_id);

  for (guint i = 0; i < layers->len; i++)
    {
      cairo_save (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      /* Back to logical pixels, pane-local. */
      cairo_scale (cr, self->scale, self->scale);
      /* The origin already sits at the plot's left edge. */
      cairo_translate (cr, 0, pl->geometry.y);
      cairo_rectangle (cr, 0, 0, pl->geometry.width, pl->geometry.height);
      cairo_clip (cr);
      bourse_chart_layer_draw (g_ptr_array_index (layers, i), cr, &pl->geometry);
      cairo_restore (cr);
    }
}

/* ---- legend ----
 *
 * One line per study (joined series add their values to the line before) under
 * the main pane's OHLC line, each on a translucent plate of the background
 * colour, so no plot line ever crosses the text, and stacked a few pixels apart
 * so plates never overlap. A line too long for the plot ends in "…" instead of
 * running under the price axis. Plates are remembered (logical px, widget
 * coordinates) for hit testing and tests. */

#define LEGEND_MAX_SEGMENTS 24
#define LEGEND_PAD          4.0

typedef struct
{
  char              text[96];
  const BourseRgba *color;
  BourseRgba        own_color;   /* when color points here */
  double            width;       /* device px, measured */
} LegendSegment;

typedef struct
{
  LegendSegment seg[LEGEND_MAX_SEGMENTS];
  guint         n;
} LegendLine;

static LegendSegment *
legend_add (LegendLine       *line,
            const BourseRgba *color)
{
  LegendSegment *seg;

  if (line->n == LEGEND_MAX_SEGMENTS)
    return NULL;
  seg = &line->seg[line->n++];
  seg->own_color = *color;
  seg->color = &seg->own_color;
  seg->text[0] = '\0';
  return seg;
}

static void
legend_add_text (LegendLine       *line,
                 const BourseRgba *color,
                 const char       *text)
{
  LegendSegment *seg = legend_add (line, color);

  if (seg != NULL)
    g_strlcpy (seg->text, text, sizeof seg->text);
}

static void
legend_add_value (LegendLine       *line,
                  const BourseRgba *color,
                  double            value,
                  int               precision)
{
  LegendSegment *seg = legend_add (line, color);

  if (seg == NULL)
    return;
  if (isfinite (value))
    g_snprintf (seg->text, sizeof seg->text, "%.*f", precision, value);
  else
    g_strlcpy (seg->text, "n/a", sizeof seg->text);
}

static void
format_volume (double  v,
               char   *buf,
               gsize   len)
{
  if (!isfinite (v))
    g_snprintf (buf, len, "n/a");
  else if (v >= 1e9)
    g_snprintf (buf, len, "%.2fB", v / 1e9);
  else if (v >= 1e6)
    g_snprintf (buf, len, "%.2fM", v / 1e6);
  else if (v >= 1e3)
    g_snprintf (buf, len, "%.2fK", v / 1e3);
  else
    g_snprintf (buf, len, "%.0f", v);
}

/* The main pane's first legend line: the title, then O H L C, change and
 * volume of @bar, each as the legend flags say. */
static void
build_legend_ohlc (BourseChartRenderer    *self,
                   LegendLine             *line,
                   const BourseOhlcSource *src,
                   gsize                   bar)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  BourseChartLegendFlags flags = bourse_chart_get_legend_flags (self->chart);
  const char *title = bourse_chart_get_legend_title (self->chart);
  int precision = bourse_chart_get_precision (self->chart);
  const BourseRgba *c = src->close[bar] >= src->open[bar] ? _bourse_chart_get_up_color (self->chart)
                                                          : _bourse_chart_get_down_color (self->chart);
  g_autofree char *change = bourse_chart_dup_bar_change (self->chart, bar);
  const char *names[] = { "O", "H", "L", "C" };
  double values[] = { src->open[bar], src->high[bar], src->low[bar], src->close[bar] };
  char buf[64];

  if ((flags & BOURSE_CHART_LEGEND_TITLE) && title != NULL)
    legend_add_text (line, &pal->text, title);
  for (guint k = 0; (flags & BOURSE_CHART_LEGEND_OHLC) && k < 4; k++)
    {
      legend_add_text (line, &pal->text, names[k]);
      legend_add_value (line, c, values[k], precision);
    }
  if ((flags & BOURSE_CHART_LEGEND_CHANGE) && change != NULL)
    legend_add_text (line, c, change);
  if (flags & BOURSE_CHART_LEGEND_VOLUME)
    {
      legend_add_text (line, &pal->text, "V");
      format_volume (src->volume[bar], buf, sizeof buf);
      legend_add_text (line, c, buf);
    }
}

/* Adds @ser's value(s) at @bar to @line. */
static void
build_legend_values (BourseChartRenderer *self,
                     LegendLine          *line,
                     BourseChartSeries   *ser,
                     gssize               bar)
{
  int precision = bourse_chart_series_get_precision (ser);
  BourseRgba color;
  double v, v2 = NAN;

  if (precision < 0)
    precision = bourse_chart_get_precision (self->chart);
  bourse_chart_series_get_color (ser, &color);
  v = bar >= 0 ? bourse_chart_series_get_value (ser, (gsize) bar, &v2) : NAN;
  legend_add_value (line, &color, v, precision);
  if (bourse_chart_series_get_kind (ser) == BOURSE_CHART_SERIES_BAND)
    legend_add_value (line, &color, v2, precision);
}

/* Cuts @line to @max_width device px, ending in "…". */
static double
legend_fit (BourseChartRenderer *self,
            cairo_t             *cr,
            LegendLine          *line,
            double               gap,
            double               max_width)
{
  double total = 0;

  for (guint i = 0; i < line->n; i++)
    {
      line->seg[i].width = _bourse_chart_renderer_text_width (self, cr, line->seg[i].text);
      if (total + (i > 0 ? gap : 0) + line->seg[i].width > max_width)
        {
          LegendSegment *seg = &line->seg[i];
          double room = max_width - total - (i > 0 ? gap : 0);
          char *end = seg->text + strlen (seg->text);

          /* Trim whole characters until the text and its ellipsis fit. */
          line->n = i + 1;
          for (;;)
            {
              g_strlcpy (end, "…", sizeof seg->text - (gsize) (end - seg->text));
              seg->width = _bourse_chart_renderer_text_width (self, cr, seg->text);
              if (seg->width <= room || end == seg->text)
                break;
              end = g_utf8_find_prev_char (seg->text, end);
              if (end == NULL)
                end = seg->text;
            }
          if (seg->width > room)
            {
              line->n = i;  /* not even "…" fits here */
              break;
            }
          total += (i > 0 ? gap : 0) + seg->width;
          break;
        }
      total += (i > 0 ? gap : 0) + line->seg[i].width;
    }
  return total;
}

/* Paints @line on its plate with its top at @top (device px); records the plate. */
static void
paint_legend_line (BourseChartRenderer *self,
                   cairo_t             *cr,
                   LegendLine          *line,
                   guint                pane_id,
                   BourseChartSeries   *series,
                   double               top,
                   const FontMetrics   *fm)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale, gap = 6 * s, pad = LEGEND_PAD * s;
  double x = 8 * s, h = fm->height + 2 * s;
  double width = legend_fit (self, cr, line, gap, (self->plot_width - 16) * s - 2 * pad);
  BourseChartLegendItem item = { 0 };
  BourseRgba plate = pal->background;

  if (line->n == 0)
    return;
  plate.alpha = 0.85f;
  set_rgba (cr, &plate);
  cairo_rectangle (cr, round (x - pad), round (top), round (width + 2 * pad), round (h));
  cairo_fill (cr);
  for (guint i = 0; i < line->n; i++)
    {
      set_rgba (cr, line->seg[i].color);
      _bourse_chart_renderer_draw_text (self, cr, x, top + h / 2, 0, line->seg[i].text);
      x += line->seg[i].width + gap;
    }
  item.pane_id = pane_id;
  item.series = series;
  item.x = self->plot_x + round (8 * s - pad) / s;
  item.y = round (top) / s;
  item.width = round (width + 2 * pad) / s;
  item.height = round (h) / s;
  g_array_append_val (self->legend_items, item);
}

void
_bourse_chart_renderer_paint_legend (BourseChartRenderer    *self,
                                     cairo_t                *cr,
                                     const BourseOhlcSource *src,
                                     gssize                  bar)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale;
  FontMetrics fm;

  g_array_set_size (self->legend_items, 0);
  select_font (self, s, FALSE);
  font_metrics (self, &fm);

  for (guint p = 0; p < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      g_autoptr(GPtrArray) series = bourse_chart_get_series (self->chart, pl->geometry.pane_id);
      double top = (pl->geometry.y + 4) * s, step = fm.height + 6 * s;
      double bottom = (pl->geometry.y + pl->geometry.height) * s;

      cairo_save (cr);
      cairo_rectangle (cr, 0, pl->geometry.y * s, (self->plot_width - 4) * s, pl->geometry.height * s);
      cairo_clip (cr);
      if (pl->geometry.pane_id == BOURSE_CHART_MAIN_PANE)
        {
          LegendLine line = { .n = 0 };

          if (bar >= 0 && (gsize) bar < src->len)
            build_legend_ohlc (self, &line, src, (gsize) bar);
          if (line.n > 0)
            {
              paint_legend_line (self, cr, &line, pl->geometry.pane_id, NULL, top, &fm);
              top += step;
            }
          /* room for what is laid over the chart there (the one-click bar) */
          top += bourse_chart_get_legend_gap (self->chart) * s;
        }
      if (!(bourse_chart_get_legend_flags (self->chart) & BOURSE_CHART_LEGEND_STUDIES))
        {
          cairo_restore (cr);
          continue;
        }
      for (guint i = 0; i < series->len && top + fm.height <= bottom; )
        {
          BourseChartSeries *first = g_ptr_array_index (series, i);
          const char *title = bourse_chart_series_get_title (first);
          LegendLine line = { .n = 0 };
          gboolean any = FALSE;

          if (title != NULL && *title != '\0')
            legend_add_text (&line, &pal->text, title);
          /* This series and the ones joined to it share the line. */
          do
            {
              BourseChartSeries *ser = g_ptr_array_index (series, i);

              if (bourse_chart_series_get_visible (ser))
                {
                  build_legend_values (self, &line, ser, bar);
                  any = TRUE;
                }
              i++;
            }
          while (i < series->len && bourse_chart_series_get_legend_joined (g_ptr_array_index (series, i)));
          if (!any)
            continue;
          paint_legend_line (self, cr, &line, pl->geometry.pane_id, first, top, &fm);
          top += step;
        }
      cairo_restore (cr);
    }
}

/* Study levels: the shaded band between the outermost ones, then each as a
 * dashed line, on the scale of the series that carries them. */
void
_bourse_chart_renderer_paint_levels (PaintCtx  *pc,
                                     GPtrArray *series)
{
  const PaneLayout *pl = pc->pl;
  double s = pc->s;

  for (guint i = 0; i < series->len; i++)
    {
      BourseChartSeries *ser = g_ptr_array_index (series, i);
      const BoursePriceScale *ps = &pl->geometry.price_scale;
      guint n = 0;
      gboolean has_fill = FALSE;
      BourseRgba fill;
      const BourseChartLevel *levels = bourse_chart_series_get_levels (ser, &n, &fill, &has_fill);
      double lo = INFINITY, hi = -INFINITY;

      if (n == 0 || !bourse_chart_series_get_visible (ser) || bourse_chart_series_get_overlay (ser))
        continue;
      if (on_secondary_scale (ser))
        {
          if (!pl->has_secondary)
            continue;
          ps = &pl->secondary;
        }
      for (guint k = 0; k < n; k++)
        {
          lo = MIN (lo, levels[k].value);
          hi = MAX (hi, levels[k].value);
        }
      if (has_fill && n >= 2 && hi > lo)
        {
          double y0 = pc->top + bourse_price_scale_price_to_y (ps, hi) * s;
          double y1 = pc->top + bourse_price_scale_price_to_y (ps, lo) * s;

          set_rgba (pc->cr, &fill);
          cairo_rectangle (pc->cr, 0, round (MIN (y0, y1)), pc->width, round (fabs (y1 - y0)));
          cairo_fill (pc->cr);
        }
      for (guint k = 0; k < n; k++)
        {
          double y = pc->top + bourse_price_scale_price_to_y (ps, levels[k].value) * s;
          BourseRectFill rects;

          if (y < pc->top || y > pc->top + pc->height)
            continue;
          fill_begin (pc->self, &rects, pc->cr);
          dashed_hline (&rects, 0, pc->width, floor (y), s, 6, 4);
          bourse_rect_fill_paint (&rects, &levels[k].color, 1.0, FALSE);
        }
    }
}

/* Where the crosshair sits: snapped to the bar (or future slot) under the
 * pointer, and in the main pane to the close or the nearest O/H/L/C with a
 * magnet. */
typedef struct
{
  const PaneLayout *pl;
  guint             pane_id;
  double            x, y;          /* plot coordinates, logical px */
  gssize            bar;           /* under the pointer, -1 if none */
  gint64            future_time;   /* G_MININT64 unless over a future slot */
} CrosshairSpot;

static double
magnet_y (BourseChartRenderer    *self,
          const CrosshairSpot    *spot,
          const BourseOhlcSource *src,
          double                  cy)
{
  const PaneLayout *pl = spot->pl;
  BourseCrosshairMode mode = bourse_chart_get_crosshair_mode (self->chart);
  gssize bar = spot->bar;
  double y = cy;

  if (mode == BOURSE_CROSSHAIR_MODE_MAGNET)
    y = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, src->close[bar]);
  else if (mode == BOURSE_CROSSHAIR_MODE_MAGNET_OHLC)
    {
      double ohlc[] = { src->open[bar], src->high[bar], src->low[bar], src->close[bar] };
      double best = INFINITY;

      for (guint k = 0; k < G_N_ELEMENTS (ohlc); k++)
        {
          double yk = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale, ohlc[k]);

          if (fabs (yk - cy) < best)
            {
              best = fabs (yk - cy);
              y = yk;
            }
        }
    }
  return y;
}

/* FALSE when there is no crosshair to paint; *bar_out is the bar the legend
 * shows (the last one unless the crosshair is over a bar). */
static gboolean
locate_crosshair (BourseChartRenderer    *self,
                  const BourseOhlcSource *src,
                  CrosshairSpot          *spot,
                  gssize                 *bar_out)
{
  BourseChart *chart = self->chart;
  double cx, cy, index;

  *bar_out = src->len > 0 ? (gssize) src->len - 1 : -1;
  spot->future_time = G_MININT64;
  if (!bourse_chart_get_crosshair (chart, &spot->pane_id, &cx, &cy) ||
      bourse_chart_get_crosshair_mode (chart) == BOURSE_CROSSHAIR_MODE_HIDDEN)
    return FALSE;
  cx -= self->plot_x;  /* widget → plot coordinates */
  spot->pl = _bourse_chart_renderer_find_layout (self, spot->pane_id);
  if (spot->pl == NULL)
    return FALSE;

  index = bourse_time_scale_x_to_index (&spot->pl->geometry.time_scale, cx);
  spot->bar = bourse_chart_bar_at_index (chart, index);
  spot->x = cx;
  if (spot->bar >= 0 && fabs (round (index) - index) <= 0.5 && round (index) >= 0 && round (index) < (double) src->len)
    {
      spot->x = bourse_time_scale_index_to_x (&spot->pl->geometry.time_scale, round (index));
      *bar_out = spot->bar;
    }
  else if (src->len >= 2 && round (index) >= (double) src->len &&
           round (index) < (double) (src->len + bourse_chart_viewport_get_n_future (bourse_chart_get_viewport (chart))))
    {
      /* Over a future slot (Ichimoku's cloud): snap to it and label its
       * extrapolated time; the legend keeps the last bar. */
      spot->x = bourse_time_scale_index_to_x (&spot->pl->geometry.time_scale, round (index));
      spot->future_time = src->time[src->len - 1] +
                          (gint64) (round (index) - (double) src->len + 1) * (src->time[src->len - 1] - src->time[src->len - 2]);
    }
  spot->y = cy;
  if (spot->pane_id == BOURSE_CHART_MAIN_PANE && spot->bar >= 0 && (gsize) spot->bar < src->len)
    spot->y = magnet_y (self, spot, src, cy);
  return TRUE;
}

/* The price label on the axis, and the "+" order button beside it. */
static void
paint_crosshair_price (BourseChartRenderer *self,
                       cairo_t             *cr,
                       const CrosshairSpot *spot,
                       const FontMetrics   *fm)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  const PaneLayout *pl = spot->pl;
  double s = self->scale, y = spot->y;
  double price = bourse_price_scale_y_to_price (&pl->geometry.price_scale, y - pl->geometry.y);
  char buf[64];

  label_box (cr, axis_start (self), y * s, self->axis_width * s, fm->height + 8 * s, &pal->crosshair_label);
  bourse_price_scale_format (&pl->geometry.price_scale, price, pl->geometry.precision, buf, sizeof buf);
  set_rgba (cr, contrast_text (&pal->crosshair_label));
  _bourse_chart_renderer_axis_text (self, cr, y * s, buf);

  if (self->order_button_visible && spot->pane_id == BOURSE_CHART_MAIN_PANE)
    {
      double bx = (self->axis_left ? 2 : self->plot_width - ORDER_BUTTON_SIZE - 2) * s;
      double by = (y - ORDER_BUTTON_SIZE / 2) * s, bs = ORDER_BUTTON_SIZE * s;

      set_rgba (cr, &pal->crosshair_label);
      cairo_rectangle (cr, round (bx), round (by), round (bs), round (bs));
      cairo_fill (cr);
      set_rgba (cr, contrast_text (&pal->crosshair_label));
      cairo_rectangle (cr, round (bx + bs * 0.25), round (by + bs / 2 - s), round (bs * 0.5), round (2 * s));
      cairo_rectangle (cr, round (bx + bs / 2 - s), round (by + bs * 0.25), round (2 * s), round (bs * 0.5));
      cairo_fill (cr);
      self->order_button_shown = TRUE;
      self->order_button_y = y;
    }
}

/* The time label on the time axis. */
static void
paint_crosshair_time (BourseChartRenderer    *self,
                      cairo_t                *cr,
                      const CrosshairSpot    *spot,
                      const BourseOhlcSource *src)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale, x = spot->x;
  gint64 t = spot->future_time != G_MININT64 ? spot->future_time : src->time[spot->bar];
  gboolean with_time = src->len < 2 || (src->time[src->len - 1] - src->time[0]) / (gint64) MAX (src->len - 1, 1) < 86400;
  double w;
  char buf[64];

  bourse_time_scale_format_crosshair (bourse_chart_get_time_zone (self->chart), t, with_time, buf, sizeof buf);
  w = _bourse_chart_renderer_text_width (self, cr, buf) + 16 * s;
  label_box (cr, CLAMP (x * s - w / 2, 0, self->plot_width * s - w), (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s,
             w, TIME_AXIS_HEIGHT * s, &pal->crosshair_label);
  set_rgba (cr, contrast_text (&pal->crosshair_label));
  _bourse_chart_renderer_draw_text (self, cr, CLAMP (x * s - w / 2, 0, self->plot_width * s - w) + 8 * s,
                                    (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s, 0, buf);
}

void
_bourse_chart_renderer_paint_crosshair (BourseChartRenderer    *self,
                                        cairo_t                *cr,
                                        const BourseOhlcSource *src,
                                        gssize                 *bar_out)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale;
  CrosshairSpot spot = { 0 };
  BourseRectFill rects;
  FontMetrics fm;
  gboolean in_pane;

  self->order_button_shown = FALSE;
  if (!locate_crosshair (self, src, &spot, bar_out))
    return;
  in_pane = spot.y >= spot.pl->geometry.y && spot.y <= spot.pl->geometry.y + spot.pl->geometry.height;

  fill_begin (self, &rects, cr);
  dashed_vline (&rects, floor (spot.x * s), 0, self->time_axis_y * s, s, 6, 6);
  if (in_pane)
    dashed_hline (&rects, 0, self->plot_width * s, floor (spot.y * s), s, 6, 6);
  bourse_rect_fill_paint (&rects, &pal->crosshair, 1.0, FALSE);

  select_font (self, s, FALSE);
  font_metrics (self, &fm);
  if (in_pane)
    paint_crosshair_price (self, cr, &spot, &fm);
  if (spot.bar >= 0 && (gsize) spot.bar < src->len)
    paint_crosshair_time (self, cr, &spot, src);
}
