/* bourse-chart-renderer-axes.c — grid, price and time axes, their labels
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bourse-chart-renderer-private.h"

/* A secondary-axis value: 12.3K, 4.56M, 1.2B when large, else @decimals
 * decimals ('.' whatever the locale). */
static void
format_compact (double  value,
                int     decimals,
                char   *buf,
                gsize   size)
{
  double a = fabs (value);
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *suffix = "";

  if (a >= 1e9)
    value /= 1e9, suffix = "B", decimals = 2;
  else if (a >= 1e6)
    value /= 1e6, suffix = "M", decimals = 2;
  else if (a >= 1e4)
    value /= 1e3, suffix = "K", decimals = 1;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (num, sizeof num, format, value);
  g_snprintf (buf, size, "%s%s", num, suffix);
}

typedef struct
{
  double            y;       /* device px, centre */
  double            price;
  const BourseRgba *color;
  char              text[16]; /* shown instead of the price when set (the countdown) */
} AxisLabel;

static int
compare_axis_labels (gconstpointer a,
                     gconstpointer b)
{
  const AxisLabel *la = a, *lb = b;

  return la->y < lb->y ? -1 : la->y > lb->y;
}

static void collect_main_axis_labels (BourseChartRenderer *self,
                                      const PaneLayout    *pl,
                                      GArray              *labels);

/* How many slots past the last bar some visible series reaches into. */
static gsize
n_future_slots (BourseChartRenderer *self,
                gsize                n_bars)
{
  gsize n_max = n_bars;

  for (guint p = 0; p < self->panes->len; p++)
    {
      g_autoptr(GPtrArray) series =
        bourse_chart_get_series (self->chart, g_array_index (self->panes, PaneLayout, p).geometry.pane_id);

      for (guint k = 0; k < series->len; k++)
        if (bourse_chart_series_get_visible (g_ptr_array_index (series, k)))
          n_max = MAX (n_max, bourse_chart_series_get_n_values (g_ptr_array_index (series, k)));
    }
  return n_max - n_bars;
}

/* A dashed line left of each bar that opens a trading day, through every
 * pane; none when they would be closer than a few pixels (zoomed far out). */
static void
paint_session_breaks (BourseChartRenderer    *self,
                      cairo_t                *cr,
                      const BourseOhlcSource *src,
                      const BourseTimeScale  *ts)
{
  double s = self->scale, pw = self->plot_width * s;
  g_autoptr(GArray) breaks = NULL;
  BourseRectFill fill;
  gsize first, end;

  bourse_time_scale_visible_bars (ts, src->len, &first, &end);
  breaks = bourse_chart_find_session_breaks (self->chart, first, end);
  if (breaks->len == 0 || breaks->len > self->plot_width / 4)
    return;
  fill_begin (self, &fill, cr);
  for (guint i = 0; i < breaks->len; i++)
    {
      gsize bar = g_array_index (breaks, gsize, i);
      double x = round (bourse_time_scale_index_to_x (ts, (double) bar - 0.5) * s);

      if (x >= 0 && x < pw)
        for (guint p = 0; p < self->panes->len; p++)
          {
            const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
            dashed_vline (&fill, x, pl->geometry.y * s, (pl->geometry.y + pl->geometry.height) * s, s, 4, 4);
          }
    }
  bourse_rect_fill_paint (&fill, &bourse_chart_get_palette (self->chart)->crosshair, 1.0, FALSE);
}

void
_bourse_chart_renderer_paint_grid (BourseChartRenderer    *self,
                                   cairo_t                *cr,
                                   const BourseOhlcSource *src)
{
  BourseChart *chart = self->chart;
  const BourseChartPalette *pal = bourse_chart_get_palette (chart);
  double s = self->scale, pw = self->plot_width * s;
  gboolean vertical, horizontal;
  BourseTimeScale ts;

  bourse_chart_viewport_get_time_scale (bourse_chart_get_viewport (chart), &ts);
  bourse_time_scale_build_marks_full (&ts, src->time, src->len, n_future_slots (self, src->len),
                                      bourse_chart_get_time_zone (chart), TIME_LABEL_SPACING, self->marks);

  bourse_chart_get_grid_lines (chart, &vertical, &horizontal);
  if (vertical || horizontal)
    {
      BourseRectFill fill;

      fill_begin (self, &fill, cr);
      for (guint i = 0; vertical && i < self->marks->len; i++)
        {
          const BourseTimeMark *m = &g_array_index (self->marks, BourseTimeMark, i);
          double x = bourse_time_scale_index_to_x (&ts, (double) m->index) * s;

          if (x >= 0 && x < pw)
            for (guint p = 0; p < self->panes->len; p++)
              {
                const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
                vline (&fill, x, pl->geometry.y * s, (pl->geometry.y + pl->geometry.height) * s, s);
              }
        }
      for (guint p = 0; horizontal && p < self->panes->len; p++)
        {
          const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);

          bourse_price_scale_build_ticks (&pl->geometry.price_scale, pl->geometry.tick_size,
                                          PRICE_TICK_SPACING, self->ticks);
          for (guint i = 0; i < self->ticks->len; i++)
            {
              double y = pl->geometry.y + bourse_price_scale_price_to_y (&pl->geometry.price_scale,
                                                                         g_array_index (self->ticks, double, i));
              if (y > pl->geometry.y && y < pl->geometry.y + pl->geometry.height)
                hline (&fill, 0, pw, y * s, s);
            }
        }
      /* Vertical and horizontal lines cross: covered once. */
      bourse_rect_fill_paint (&fill, &pal->grid, 1.0, FALSE);
    }
  if (bourse_chart_get_session_breaks (chart))
    paint_session_breaks (self, cr, src, &ts);
}

/* Axis backgrounds (they cover series that overflow the plot), borders and
 * pane separators. */
static void
paint_axes_frame (BourseChartRenderer *self,
                  BourseRectFill      *fill)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  double s = self->scale, pw = self->plot_width * s;

  bourse_rect_fill_add (fill, axis_start (self), 0, self->axis_width * s + s, self->height * s);
  bourse_rect_fill_add (fill, 0, self->time_axis_y * s, pw, self->height * s - self->time_axis_y * s);
  if (self->secondary_width > 0)
    bourse_rect_fill_add (fill, secondary_axis_start (self), 0, self->secondary_width * s + s, self->height * s);
  bourse_rect_fill_paint (fill, &pal->background, 1.0, FALSE);

  vline (fill, self->axis_left ? -MAX (1.0, floor (s)) : pw, 0, self->height * s, s);
  if (self->secondary_width > 0)
    vline (fill, self->axis_left ? pw : -MAX (1.0, floor (s)), 0, self->height * s, s);
  hline (fill, -self->plot_x * s, (self->width - self->plot_x) * s, self->time_axis_y * s, s);
  bourse_rect_fill_paint (fill, &pal->border, 1.0, FALSE);
  for (guint p = 0; p + 1 < self->panes->len; p++)
    {
      const PaneLayout *pl = &g_array_index (self->panes, PaneLayout, p);
      hline (fill, -self->plot_x * s, (self->width - self->plot_x) * s, (pl->geometry.y + pl->geometry.height) * s, s);
    }
  bourse_rect_fill_paint (fill, &pal->separator, 1.0, FALSE);
}

/* A price tick's label: volumes and big values compact (12.3K, 4.5M), others
 * as the pane's scale formats them. */
static void
format_tick_price (BourseChartRenderer           *self,
                   const BourseChartPaneGeometry *g,
                   double                         price,
                   char                          *buf,
                   gsize                          size)
{
  if (g->pane_id == bourse_chart_get_volume_pane (self->chart) ||
      (g->price_scale.mode == BOURSE_PRICE_SCALE_MODE_NORMAL && fabs (price) >= 1e6))
    {
      double a = fabs (price);
      if (a >= 1e9)
        g_snprintf (buf, size, "%.2fB", price / 1e9);
      else if (a >= 1e6)
        g_snprintf (buf, size, "%.2fM", price / 1e6);
      else if (a >= 1e3)
        g_snprintf (buf, size, "%.1fK", price / 1e3);
      else
        g_snprintf (buf, size, "%.0f", price);
    }
  else
    bourse_price_scale_format (&g->price_scale, price, g->precision, buf, size);
}

/* The price labels of one pane and their tick marks, but none hidden under
 * the last-price and price-line labels, as in Lightweight Charts. */
static void
paint_price_labels (BourseChartRenderer *self,
                    cairo_t             *cr,
                    const PaneLayout    *pl,
                    const FontMetrics   *fm,
                    BourseRectFill      *fill)
{
  const BourseChartPaneGeometry *g = &pl->geometry;
  double s = self->scale, pw = self->plot_width * s;
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (AxisLabel));

  if (g->pane_id == BOURSE_CHART_MAIN_PANE)
    collect_main_axis_labels (self, pl, labels);
  bourse_price_scale_build_ticks (&g->price_scale, g->tick_size, PRICE_TICK_SPACING, self->ticks);
  for (guint i = 0; i < self->ticks->len; i++)
    {
      double price = g_array_index (self->ticks, double, i);
      double y = (g->y + bourse_price_scale_price_to_y (&g->price_scale, price)) * s;
      gboolean covered = FALSE;
      char buf[64];

      if (y - fm->height / 2 < g->y * s || y + fm->height / 2 > (g->y + g->height) * s)
        continue;
      for (guint k = 0; k < labels->len && !covered; k++)
        covered = fabs (g_array_index (labels, AxisLabel, k).y - y) < axis_label_height (self) / 2 + fm->height / 2;
      if (covered)
        continue;
      format_tick_price (self, g, price, buf, sizeof buf);
      if (self->axis_left)
        hline (fill, -4 * s, 0, y, s);
      else
        hline (fill, pw, pw + 4 * s, y, s);
      _bourse_chart_renderer_axis_text (self, cr, y, buf);
    }
  /* The tick marks, all at once: they never touch their labels. */
  bourse_rect_fill_paint (fill, &bourse_chart_get_palette (self->chart)->text, 1.0, FALSE);
}

/* Secondary price labels of one pane, on the other side. */
static void
paint_secondary_labels (BourseChartRenderer *self,
                        cairo_t             *cr,
                        const PaneLayout    *pl,
                        const FontMetrics   *fm,
                        BourseRectFill      *fill)
{
  const BourseChartPaneGeometry *g = &pl->geometry;
  double s = self->scale, pw = self->plot_width * s;
  double step;
  int decimals;

  if (!pl->has_secondary)
    return;
  bourse_price_scale_build_ticks (&pl->secondary, 0, PRICE_TICK_SPACING, self->ticks);
  if (self->ticks->len < 1)
    return;
  /* As many decimals as the tick step needs (0.25 → 2, 500 → 0). */
  step = self->ticks->len > 1
    ? fabs (g_array_index (self->ticks, double, 1) - g_array_index (self->ticks, double, 0)) : 1.0;
  decimals = step > 0 ? CLAMP ((int) ceil (-log10 (step) - 1e-9), 0, 8) : 0;
  for (guint i = 0; i < self->ticks->len; i++)
    {
      double price = g_array_index (self->ticks, double, i);
      double y = (g->y + bourse_price_scale_price_to_y (&pl->secondary, price)) * s;
      char buf[64];

      if (y - fm->height / 2 < g->y * s || y + fm->height / 2 > (g->y + g->height) * s)
        continue;
      format_compact (price, decimals, buf, sizeof buf);
      if (self->axis_left)
        {
          hline (fill, pw, pw + 4 * s, y, s);
          _bourse_chart_renderer_draw_text (self, cr, (self->plot_width + AXIS_PADDING) * s, y, 0, buf);
        }
      else
        {
          hline (fill, -4 * s, 0, y, s);
          _bourse_chart_renderer_draw_text (self, cr, -AXIS_PADDING * s, y, 1, buf);
        }
    }
  bourse_rect_fill_paint (fill, &bourse_chart_get_palette (self->chart)->text, 1.0, FALSE);
}

/* The time marks built by the grid; year marks in bold. */
static void
paint_time_labels (BourseChartRenderer *self,
                   cairo_t             *cr)
{
  double s = self->scale, pw = self->plot_width * s;
  BourseTimeScale ts;

  bourse_chart_viewport_get_time_scale (bourse_chart_get_viewport (self->chart), &ts);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const BourseTimeMark *m = &g_array_index (self->marks, BourseTimeMark, i);
      double x = bourse_time_scale_index_to_x (&ts, (double) m->index) * s;
      double w;

      if (m->weight >= BOURSE_TIME_MARK_YEAR)
        select_font (self, s, TRUE);
      w = _bourse_chart_renderer_text_width (self, cr, m->label);
      if (x - w / 2 >= 0 && x + w / 2 <= pw)
        _bourse_chart_renderer_draw_text (self, cr, x, (self->time_axis_y + TIME_AXIS_HEIGHT / 2) * s, 0.5, m->label);
      if (m->weight >= BOURSE_TIME_MARK_YEAR)
        select_font (self, s, FALSE);
    }
}

void
_bourse_chart_renderer_paint_axes_labels (BourseChartRenderer *self,
                                          cairo_t             *cr)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (self->chart);
  FontMetrics fm;
  BourseRectFill fill;

  fill_begin (self, &fill, cr);
  paint_axes_frame (self, &fill);
  select_font (self, self->scale, FALSE);
  font_metrics (self, &fm);
  set_rgba (cr, &pal->text);
  for (guint p = 0; p < self->panes->len; p++)
    paint_price_labels (self, cr, &g_array_index (self->panes, PaneLayout, p), &fm, &fill);
  for (guint p = 0; p < self->panes->len && self->secondary_width > 0; p++)
    paint_secondary_labels (self, cr, &g_array_index (self->panes, PaneLayout, p), &fm, &fill);
  paint_time_labels (self, cr);
}

/* The last price and every price line get a label on the axis; labels that
 * would overlap are pushed apart (as Lightweight Charts' alignLabels does). */
static void
collect_main_axis_labels (BourseChartRenderer *self,
                          const PaneLayout    *pl,
                          GArray              *labels)
{
  GPtrArray *lines = bourse_chart_peek_price_lines (self->chart);
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  const BourseChartPaneGeometry *g = &pl->geometry;
  double s = self->scale, h = axis_label_height (self);
  double top = g->y * s, bottom = (g->y + g->height) * s;

  g_array_set_size (labels, 0);
  if (bars != NULL && bars->len > 0 && bourse_chart_get_last_price_visible (self->chart))
    {
      AxisLabel l = { 0, bars->close[bars->len - 1],
                      bars->close[bars->len - 1] >= bars->open[bars->len - 1]
                        ? _bourse_chart_get_up_color (self->chart)
                        : _bourse_chart_get_down_color (self->chart), "" };
      g_array_append_val (labels, l);
      /* The time left in the bar, in a box of its own right under it. */
      if (bourse_chart_format_countdown (self->chart, l.text, sizeof l.text))
        g_array_append_val (labels, l);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      const BoursePriceLine *line = g_ptr_array_index (lines, i);
      AxisLabel l = { 0, line->price, &line->color };
      g_array_append_val (labels, l);
    }
  for (guint i = 0; i < labels->len; )
    {
      AxisLabel *l = &g_array_index (labels, AxisLabel, i);

      l->y = top + bourse_price_scale_price_to_y (&g->price_scale, l->price) * s + (l->text[0] ? 0.01 : 0);
      if (l->y < top || l->y > bottom)
        g_array_remove_index (labels, i);
      else
        i++;
    }
  g_array_sort (labels, compare_axis_labels);
  for (guint i = 1; i < labels->len; i++)
    {
      AxisLabel *prev = &g_array_index (labels, AxisLabel, i - 1);
      AxisLabel *l = &g_array_index (labels, AxisLabel, i);

      if (l->y < prev->y + h)
        l->y = prev->y + h;
    }
  /* Pushed past the bottom: slide the stack back up. */
  if (labels->len > 0)
    {
      double over = g_array_index (labels, AxisLabel, labels->len - 1).y + h / 2 - bottom;

      for (guint i = labels->len; over > 0 && i > 0; i--)
        {
          AxisLabel *l = &g_array_index (labels, AxisLabel, i - 1);
          l->y -= over;
          if (i > 1 && l->y - h >= g_array_index (labels, AxisLabel, i - 2).y)
            break;
        }
    }
}

void
_bourse_chart_renderer_paint_main_axis_labels (BourseChartRenderer *self,
                                               cairo_t             *cr,
                                               const PaneLayout    *pl)
{
  const BourseChartPaneGeometry *g = &pl->geometry;
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (AxisLabel));
  double s = self->scale, h;

  select_font (self, s, FALSE);
  h = axis_label_height (self);
  collect_main_axis_labels (self, pl, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const AxisLabel *l = &g_array_index (labels, AxisLabel, i);
      char buf[64];

      if (l->text[0] != '\0')
        g_strlcpy (buf, l->text, sizeof buf);
      else
        bourse_price_scale_format (&g->price_scale, l->price, g->precision, buf, sizeof buf);
      label_box (cr, axis_start (self), l->y, self->axis_width * s, h, l->color);
      set_rgba (cr, contrast_text (l->color));
      _bourse_chart_renderer_axis_text (self, cr, l->y, buf);
    }
}
